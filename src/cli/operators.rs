//! `mailroom operator add|list|remove` and `mailroom organisation
//! add|list|suspend|resume`: what an operator does in the console, from the
//! server's command line (which runs the installation anyway, so it acts
//! as the installation, audited as the command line).

use clap::Subcommand;
use mailroom::Config;
use mailroom::app::OperatorActor;
use mailroom::model::{EmailAddress, OrgId};
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
    }
    Ok(())
}
