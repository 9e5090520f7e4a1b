//! `mailroom operator add|list|remove|token` and `mailroom organisation
//! add|add-owner|list|suspend|resume|delete|restore|limits`: what an operator does in the console, from the
//! server's command line (which runs the installation anyway, so it acts
//! as the installation, audited as the command line).

use clap::Subcommand;
use mailroom::Config;
use mailroom::app::{FirstOwner, OperatorActor};
use mailroom::model::{EmailAddress, LimitKind, Limits, OrgId};
use mailroom::t;

#[derive(Subcommand)]
pub enum OperatorCommand {
    /// Make a person with an account an operator of the installation
    Add { email: String },
    /// List the operators
    List,
    /// End a person's operator role (the last operator stays)
    Remove { email: String },
    /// Operators' API tokens, for a provider's own systems
    #[command(subcommand)]
    Token(super::operator_tokens::OperatorTokenCommand),
}

#[derive(Subcommand)]
pub enum OrganisationCommand {
    /// Create an organisation with its first owner (a person with an account; anyone else is
    /// sent an invitation by email to become it)
    Add {
        name: String,
        #[arg(long)]
        owner: String,
    },
    /// Give an organisation another owner (a person with an account; anyone else is sent an
    /// invitation by email, replacing one that waits)
    AddOwner {
        name: String,
        #[arg(long)]
        email: String,
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
    /// Delete an organisation: its people's memberships end, its domains stop receiving mail;
    /// restorable for the retention period, then its addresses and their mail are removed
    Delete {
        name: String,
        /// Confirms that the organisation, its addresses and their mail will be deleted
        #[arg(long)]
        confirm: bool,
    },
    /// Restore a deleted organisation within its retention period
    Restore { name: String },
    /// Show an organisation's limits and what it uses; with options, change them (a number or a
    /// size, or "none" for no limit)
    Limits {
        name: String,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Show an organisation's time zone; with one (e.g. Europe/Zurich), set it: the dates of its
    /// out-of-office replies are typed and shown in it
    TimeZone { name: String, zone: Option<String> },
    /// Show the limits new organisations start with; with options, change them
    DefaultLimits {
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Each limit, when given: a number (storage: a size), or "none".
#[derive(clap::Args)]
pub struct LimitArgs {
    #[arg(long, value_parser = parse_limit)]
    services: Option<Limit>,
    #[arg(long, value_parser = parse_limit)]
    addresses: Option<Limit>,
    #[arg(long, value_parser = parse_limit)]
    members: Option<Limit>,
    /// Mailbox storage its addresses' quotas may add up to: a size such as 500G or 2T
    #[arg(long, value_parser = parse_size_limit)]
    storage: Option<Limit>,
    /// Rows of one import
    #[arg(long, value_parser = parse_limit)]
    import_rows: Option<Limit>,
}

impl LimitArgs {
    /// `limits` with the given ones changed.
    fn applied_to(&self, mut limits: Limits) -> Limits {
        for (kind, given) in [
            (LimitKind::Services, self.services),
            (LimitKind::Addresses, self.addresses),
            (LimitKind::Members, self.members),
            (LimitKind::Storage, self.storage),
            (LimitKind::ImportRows, self.import_rows),
        ] {
            if let Some(Limit(value)) = given {
                limits.set(kind, value);
            }
        }
        limits
    }
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

fn parse_size_limit(raw: &str) -> Result<Limit, String> {
    match raw.trim() {
        "none" => Ok(Limit(None)),
        size => mailroom::model::parse_megabytes(size)
            .map(|mb| Limit(Some(mb)))
            .map_err(|_| format!("{raw:?} is not a size: such as 500G or 2T, or none")),
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
        OperatorCommand::Token(command) => super::operator_tokens::run(&app, command)?,
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
            let said = match org.owner_invitation {
                Some(_) => t!(
                    "cli-organisation-added-invited",
                    name = &org.name,
                    owner = &owner
                ),
                None => t!("cli-organisation-added", name = &org.name, owner = &owner),
            };
            println!("{said}");
        }
        OrganisationCommand::AddOwner { name, email } => {
            let org = operators.organisation_called(BY, &name)?;
            let email = EmailAddress::parse(&email)?;
            let said = match operators.add_owner(BY, org.id, &email)? {
                FirstOwner::Added(email) => {
                    t!("cli-owner-added", name = &org.name, email = &email)
                }
                FirstOwner::Invited(email) => {
                    t!("cli-owner-invited", name = &org.name, email = &email)
                }
            };
            println!("{said}");
        }
        OrganisationCommand::List { search } => {
            let mut after: Option<OrgId> = None;
            loop {
                let page = operators.organisations(BY, &search, after, usize::MAX)?;
                for item in &page.items {
                    let state = match &item.organisation.suspended {
                        _ if item.organisation.deleted.is_some() => t!("organisation-deleted"),
                        Some(_) => t!("organisation-suspended"),
                        None => t!("organisation-active"),
                    };
                    let mut owners: Vec<String> =
                        item.owners.iter().map(|o| o.to_string()).collect();
                    if let Some(invitation) = &item.organisation.owner_invitation {
                        owners.push(if mailroom::app::now() < invitation.expires {
                            t!("owner-invited", email = &invitation.email)
                        } else {
                            t!("owner-invitation-lapsed", email = &invitation.email)
                        });
                    }
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
        OrganisationCommand::TimeZone { name, zone } => {
            let org = operators.organisation_called(BY, &name)?;
            let Some(zone) = zone else {
                println!("{}", org.zone());
                return Ok(());
            };
            let zone = mailroom::model::TimeZoneName::parse(&zone)?;
            // Set as its owner would on the Services page.
            let owner = app.organisations().owner_of(org.id)?;
            app.organisations()
                .set_time_zone(&owner, org.id, zone.clone())?;
            println!(
                "{}",
                t!(
                    "cli-organisation-time-zone",
                    name = &org.name,
                    zone = zone.as_str()
                )
            );
        }
        OrganisationCommand::Resume { name } => {
            let org = operators.organisation_called(BY, &name)?;
            operators.resume(BY, org.id)?;
            println!("{}", t!("cli-organisation-resumed", name = &org.name));
        }
        OrganisationCommand::Delete { name, confirm } => {
            let org = operators.organisation_called(BY, &name)?;
            // The command line's ticked box.
            if !confirm {
                anyhow::bail!(
                    "{}",
                    t!("cli-organisation-delete-confirm", name = &org.name)
                );
            }
            operators.delete_organisation(BY, org.id, "", confirm)?;
            println!("{}", t!("cli-organisation-deleted", name = &org.name));
        }
        OrganisationCommand::Restore { name } => {
            let org = operators.organisation_called(BY, &name)?;
            operators.restore_organisation(BY, org.id)?;
            println!("{}", t!("cli-organisation-restored", name = &org.name));
        }
        OrganisationCommand::Limits { name, limits } => {
            let org = operators.organisation_called(BY, &name)?;
            operators.set_limits(BY, org.id, limits.applied_to(org.limits))?;
            for (kind, used, max) in operators.usage(BY, org.id)? {
                let max = max.map_or_else(|| t!("no-limit"), |m| Limits::show(kind, m));
                println!("{}\t{}\t{max}", kind.name(), Limits::show(kind, used));
            }
        }
        OrganisationCommand::DefaultLimits { limits } => {
            let defaults = limits.applied_to(operators.default_limits(BY)?);
            operators.set_default_limits(BY, defaults)?;
            for kind in LimitKind::ALL {
                let max = defaults.get(kind);
                let max = max.map_or_else(|| t!("no-limit"), |m| Limits::show(kind, m));
                println!("{}\t{max}", kind.name());
            }
        }
    }
    Ok(())
}
