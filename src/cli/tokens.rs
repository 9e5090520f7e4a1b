//! `mailroom token create|list|revoke`: API tokens from the command line,
//! made as the organisation's owner. `create` prints the token once and
//! nothing else on standard output, so that a script can capture it.

use anyhow::Context;
use clap::Subcommand;
use mailroom::Config;
use mailroom::app::NewToken;
use mailroom::model::{Scope, TokenId};
use mailroom::t;

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Make a token and print it (only then: it is stored hashed)
    Create {
        /// Needed when there are several organisations
        #[arg(long)]
        organisation: Option<String>,
        /// What the token is for ("HR provisioning")
        #[arg(long)]
        name: String,
        /// read, addresses (also manage addresses, their users and imports) or admin
        #[arg(long, value_parser = parse_scope)]
        scope: Scope,
        /// Days until it expires (1–3650); without it, until revoked
        #[arg(long)]
        expires: Option<u32>,
        /// Client networks it may be used from, comma-separated (addresses or CIDR)
        #[arg(long, value_delimiter = ',', value_parser = mailroom::http::client_ip::parse_trusted)]
        allow_from: Vec<ipnet::IpNet>,
    },
    /// List the organisation's tokens
    List {
        #[arg(long)]
        organisation: Option<String>,
    },
    /// Revoke a token by its id (the number after `mrt_`)
    Revoke {
        id: u64,
        #[arg(long)]
        organisation: Option<String>,
    },
}

fn parse_scope(raw: &str) -> Result<Scope, String> {
    Scope::parse(raw).ok_or_else(|| format!("{raw:?} is not a scope: read, addresses or admin"))
}

pub fn run(config: &Config, command: TokenCommand) -> anyhow::Result<()> {
    let app = super::open(config)?;
    match command {
        TokenCommand::Create {
            organisation,
            name,
            scope,
            expires,
            allow_from,
        } => {
            let org = app
                .organisations()
                .organisation_named(organisation.as_deref())?;
            let owner = app.organisations().owner_of(org.id)?;
            let new = NewToken {
                name,
                scope,
                days: expires,
                allow_from,
            };
            let (token, secret) = app
                .tokens()
                .create_token(&owner, org.id, new)
                .context("the token was not made")?;
            eprintln!(
                "{}",
                t!(
                    "cli-token-made",
                    id = &token.id,
                    name = &token.name,
                    scope = token.scope.name(),
                    organisation = &org.name
                )
            );
            println!("{secret}");
        }
        TokenCommand::List { organisation } => {
            let org = app
                .organisations()
                .organisation_named(organisation.as_deref())?;
            let owner = app.organisations().owner_of(org.id)?;
            for token in app.tokens().tokens_of(&owner, org.id)? {
                let state = if token.revoked.is_some() {
                    t!("token-revoked")
                } else if !token.usable(mailroom::app::now()) {
                    t!("token-expired")
                } else {
                    t!("token-active")
                };
                println!(
                    "{}\t{}\t{}\t{state}\t{}",
                    token.id,
                    token.scope.name(),
                    token.name,
                    token
                        .last_use
                        .map_or(t!("cli-never-used"), |at| t!("cli-last-used-at", at = at))
                );
            }
        }
        TokenCommand::Revoke { id, organisation } => {
            let org = app
                .organisations()
                .organisation_named(organisation.as_deref())?;
            let owner = app.organisations().owner_of(org.id)?;
            app.tokens().revoke_token(&owner, org.id, TokenId(id))?;
            println!("{}", t!("cli-token-revoked", id = id));
        }
    }
    Ok(())
}
