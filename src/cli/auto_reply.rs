//! `mailroom address auto-reply`: an address's out-of-office reply, shown,
//! set or turned off, as the organisation's owner.

use std::io::Read;

use clap::Args;
use mailroom::Config;
use mailroom::app::{AddressRef, AutoReplyChange};
use mailroom::model::{DEFAULT_REPLY_DAYS, EmailAddress, ReplyTime};
use mailroom::t;

use super::{open, owner_of};

/// Without a message it shows the reply; the reply's options need one
/// (given alone they would be dropped), and `--off` takes none of them.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("text").args(["message", "message_stdin"])))]
pub struct AutoReplyArgs {
    /// The address, e.g. ann@example.org
    address: String,
    /// Turn the reply on with this message; the whole reply is set, options not given take
    /// their defaults
    #[arg(long, conflicts_with = "message_stdin")]
    message: Option<String>,
    /// Turn the reply on with the message read from standard input
    #[arg(long)]
    message_stdin: bool,
    /// Its subject (default: "Auto:" and the subject answered)
    #[arg(long, requires = "text")]
    subject: Option<String>,
    /// When it starts, in the organisation's time zone: "2026-12-24 09:00"
    #[arg(long, requires = "text")]
    start: Option<String>,
    /// When it ends, in the organisation's time zone
    #[arg(long, requires = "text")]
    end: Option<String>,
    /// Days before the same sender is answered again (1 to 60; default 7)
    #[arg(long, requires = "text")]
    days: Option<u16>,
    /// Only answer senders in the organisation's domains
    #[arg(long, requires = "text")]
    only_own_domains: bool,
    /// Turn the reply off (its text is kept)
    #[arg(long, conflicts_with_all = ["text", "subject", "start", "end", "days", "only_own_domains"])]
    off: bool,
    /// The server's doveadm settings: the reply is installed through them
    #[command(flatten)]
    doveadm: super::serve::DoveadmArgs,
}

pub fn run(config: &Config, args: AutoReplyArgs) -> anyhow::Result<()> {
    let email = EmailAddress::parse(&args.address)?;
    let mut config = config.clone();
    config.mail_server.doveadm = args.doveadm.settings()?;
    let app = open(&config)?;
    let owner = owner_of(&app, email.domain())?;
    let target = AddressRef {
        domain: email.domain().clone(),
        local: email.local_part().clone(),
    };
    if args.off {
        app.addresses().turn_off_auto_reply(&owner, &target)?;
        println!("{}", t!("cli-auto-reply-off", address = &email));
        return Ok(());
    }
    let message = match (args.message, args.message_stdin) {
        (Some(message), _) => Some(message),
        (None, true) => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            Some(text)
        }
        (None, false) => None,
    };
    let Some(message) = message else {
        let view = app.addresses().auto_reply(&owner, &target)?;
        match view.reply {
            Some(reply) => {
                let when = |t: Option<i64>| {
                    t.map(|t| view.time_zone.local_text(t).replace('T', " "))
                        .unwrap_or_else(|| "-".to_owned())
                };
                let state = if reply.enabled {
                    t!("cli-auto-reply-state-on")
                } else {
                    t!("cli-auto-reply-state-off")
                };
                println!(
                    "{}",
                    t!(
                        "cli-auto-reply-shown",
                        address = &email,
                        state = state,
                        start = when(reply.start),
                        end = when(reply.end),
                        zone = view.time_zone.as_str(),
                        days = reply.days
                    )
                );
                if reply.only_own_domains {
                    println!("{}", t!("auto-reply-only-own-domains"));
                }
                println!("{}: {}", t!("auto-reply-subject"), reply.subject);
                println!("{}", reply.message);
            }
            None => println!("{}", t!("cli-auto-reply-none", address = &email)),
        }
        return Ok(());
    };
    let time = |text: &Option<String>| text.as_deref().map(ReplyTime::parse_local).transpose();
    let change = AutoReplyChange {
        enabled: true,
        subject: args.subject.unwrap_or_default(),
        message,
        start: time(&args.start)?,
        end: time(&args.end)?,
        days: args.days.unwrap_or(DEFAULT_REPLY_DAYS),
        only_own_domains: args.only_own_domains,
    };
    app.addresses().set_auto_reply(&owner, &target, &change)?;
    println!("{}", t!("cli-auto-reply-on", address = &email));
    Ok(())
}
