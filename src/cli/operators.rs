//! `mailroom operator add|list|remove` and `mailroom organisation
//! add|list|suspend|resume`: what an operator does in the console, from the
//! server's command line (which runs the installation anyway, so it acts
//! as the installation, audited as the command line).

use clap::Subcommand;
use mailroom::Config;
use mailroom::app::OperatorActor;
use mailroom::model::{EmailAddress, LimitKind, OrgId};
use mailroom::t;

#[derive(Subcommand)]
pub enum OperatorCommand {
    /// Make a person with an account an operator of the installation
    Add { email: String },
    /// List the operators
    List,
    /// End a person's operator role (the last operator stays)
    Remove { email: String },
}

#[derive(Subcommand)]
pub enum OrganisationCommand {
    /// Create an organisation with its first owner (a person with an account)
    Add {
        name: String,
        #[arg(long)]
        owner: String,
    },
    /// List the organisations: id, name, state, owners, domains, addresses, members
    List {
        /// Only those whose name or one of whose domains contains this
        #[arg(long, default_value = "")]
        search: String,
    },
    /// Suspend an organisation: its people cannot sign in to it, its mail logins wait, its
    /// mail still arrives
    Suspend {
        name: String,
        /// Why, as its people will read it
        #[arg(long)]
        reason: String,
    },
    /// Lift an organisation's suspension
    Resume { name: String },
    /// Show an organisation's limits and what it uses; with options, change them (a number, or
    /// "none" for no limit)
    Limits {
        name: String,
        #[arg(long, value_parser = parse_limit)]
        services: Option<Limit>,
        #[arg(long, value_parser = parse_limit)]
        addresses: Option<Limit>,
        #[arg(long, value_parser = parse_limit)]
        members: Option<Limit>,
        /// Rows of one import
        #[arg(long, value_parser = parse_limit)]
        import_rows: Option<Limit>,
    },
}

/// A limit as given: a whole number, or none.
#[derive(Debug, Clone, Copy)]
pub struct Limit(Option<u64>);

fn parse_limit(raw: &str) -> Result<Limit, String> {
    match raw.trim() {
        "none" => Ok(Limit(None)),
        number => number
            .parse()
            .map(|n| Limit(Some(n)))
            .map_err(|_| format!("{raw:?} is not a limit: a whole number, or none")),
    }
}

const BY: OperatorActor<'static> = OperatorActor::CommandLine;

pub fn operator(config: &Config, command: OperatorCommand) -> anyhow::Result<()> {
    let app = super::open(config)?;
    match command {
        OperatorCommand::Add { email } => {
            let email = EmailAddress::parse(&email)?;
            app.operators().add_operator(BY, &email)?;
            println!("{}", t!("cli-operator-added", email = &email));
        }
        OperatorCommand::List => {
            for user in app.operators().operators()? {
                println!("{}", user.login);
            }
        }
        OperatorCommand::Remove { email } => {
            let email = EmailAddress::parse(&email)?;
            app.operators().remove_operator(BY, &email)?;
            println!("{}", t!("cli-operator-removed", email = &email));
        }
    }
    Ok(())
}

pub fn organisation(config: &Config, command: OrganisationCommand) -> anyhow::Result<()> {
    let app = super::open(config)?;
    let operators = app.operators();
    match command {
        OrganisationCommand::Add { name, owner } => {
            let owner = EmailAddress::parse(&owner)?;
            let org = operators.create_organisation(BY, &name, &owner)?;
            println!(
                "{}",
                t!("cli-organisation-added", name = &org.name, owner = &owner)
            );
        }
        OrganisationCommand::List { search } => {
            let mut after: Option<OrgId> = None;
            loop {
                let page = operators.organisations(BY, &search, after, usize::MAX)?;
                for item in &page.items {
                    let state = match &item.organisation.suspended {
                        Some(_) => t!("organisation-suspended"),
                        None => t!("organisation-active"),
                    };
                    let owners: Vec<String> = item.owners.iter().map(|o| o.to_string()).collect();
                    println!(
                        "{}\t{}\t{state}\t{}\t{}\t{}\t{}",
                        item.organisation.id,
                        item.organisation.name,
                        owners.join(","),
                        item.domains.join(","),
                        item.addresses,
                        item.members,
                    );
                }
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
        }
        OrganisationCommand::Suspend { name, reason } => {
            let org = operators.organisation_called(BY, &name)?;
            operators.suspend(BY, org.id, &reason)?;
            println!("{}", t!("cli-organisation-suspended", name = &org.name));
        }
        OrganisationCommand::Resume { name } => {
            let org = operators.organisation_called(BY, &name)?;
            operators.resume(BY, org.id)?;
            println!("{}", t!("cli-organisation-resumed", name = &org.name));
        }
        OrganisationCommand::Limits {
            name,
            services,
            addresses,
            members,
            import_rows,
        } => {
            let org = operators.organisation_called(BY, &name)?;
            let mut limits = org.limits;
            for (kind, given) in [
                (LimitKind::Services, services),
                (LimitKind::Addresses, addresses),
                (LimitKind::Members, members),
                (LimitKind::ImportRows, import_rows),
            ] {
                if let Some(Limit(value)) = given {
                    limits.set(kind, value);
                }
            }
            operators.set_limits(BY, org.id, limits)?;
            for (kind, used, max) in operators.usage(BY, org.id)? {
                let max = max.map_or_else(|| t!("no-limit"), |m| m.to_string());
                println!("{}\t{used}\t{max}", kind.name());
            }
        }
    }
    Ok(())
}
