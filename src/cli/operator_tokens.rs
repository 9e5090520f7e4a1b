//! `mailroom operator token create|list|revoke`: operators' API tokens,
//! for a provider's own systems. `create` makes one for the operator named
//! and prints it once, and nothing else on standard output.

use clap::Subcommand;
use mailroom::app::{NewToken, OperatorActor};
use mailroom::model::{EmailAddress, Scope, TokenId};
use mailroom::t;

#[derive(Subcommand)]
pub enum OperatorTokenCommand {
    /// Make a token that acts as this operator on /api/v1/operator, and print it (only then)
    Create {
        /// The operator it acts as (their login)
        #[arg(long)]
        operator: String,
        /// What the token is for ("billing system")
        #[arg(long)]
        name: String,
        /// Days until it expires (1–3650); without it, until revoked
        #[arg(long)]
        expires: Option<u32>,
        /// Client networks it may be used from, comma-separated (addresses or CIDR)
        #[arg(long, value_delimiter = ',', value_parser = mailroom::http::client_ip::parse_trusted)]
        allow_from: Vec<ipnet::IpNet>,
    },
    /// List the operators' tokens
    List,
    /// Revoke an operator's token by its id (the number after `mrt_`)
    Revoke { id: u64 },
}

const BY: OperatorActor<'static> = OperatorActor::CommandLine;

pub fn run(app: &mailroom::App, command: OperatorTokenCommand) -> anyhow::Result<()> {
    match command {
        OperatorTokenCommand::Create {
            operator,
            name,
            expires,
            allow_from,
        } => {
            let operator = EmailAddress::parse(&operator)?;
            let new = NewToken {
                name,
                scope: Scope::Operator,
                days: expires,
                allow_from,
            };
            let (token, secret) = app
                .operators()
                .create_operator_token_for(BY, &operator, new)?;
            eprintln!(
                "{}",
                t!(
                    "cli-operator-token-made",
                    id = &token.id,
                    name = &token.name,
                    operator = &operator
                )
            );
            println!("{secret}");
        }
        OperatorTokenCommand::List => {
            let now = mailroom::app::now();
            for (token, holder) in app.operators().operator_tokens(BY)? {
                let state = if token.revoked.is_some() {
                    t!("token-revoked")
                } else if !token.usable(now) {
                    t!("token-expired")
                } else {
                    t!("token-active")
                };
                let holder = holder.map(|h| h.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{holder}\t{state}\t{}",
                    token.id,
                    token.name,
                    token
                        .last_use
                        .map_or(t!("cli-never-used"), |at| t!("cli-last-used-at", at = at))
                );
            }
        }
        OperatorTokenCommand::Revoke { id } => {
            app.operators().revoke_operator_token(BY, TokenId(id))?;
            println!("{}", t!("cli-token-revoked", id = id));
        }
    }
    Ok(())
}
