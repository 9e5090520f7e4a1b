//! `mailroom address` and `mailroom import`: addresses from the command
//! line, acting as the owner of the domain's organisation.

use anyhow::Context;
use clap::Subcommand;
use mailroom::Config;
use mailroom::app::{ForWhom, NewAddress, Totals};
use mailroom::model::{
    Cursor, Domain, EmailAddress, Forwarding, ImportState, LocalPart, Password, RowOutcome,
};
use mailroom::t;

use super::{open, owner_of, read_stdin_password};

#[derive(Subcommand)]
pub enum AddressCommand {
    /// Create an address, as the organisation's owner
    Add {
        /// The full address, e.g. info@example.org
        address: String,
        /// Read the address's password from standard input
        #[arg(long)]
        password_stdin: bool,
        #[arg(long, value_enum, default_value_t = Kind::Standard)]
        kind: Kind,
        /// Forward its mail to this address
        #[arg(long)]
        forward_to: Option<String>,
        /// Keep a copy of forwarded mail in the mailbox
        #[arg(long, requires = "forward_to")]
        keep_copy: bool,
    },
    /// List the addresses of a service
    List { domain: String },
    /// Give a member of the organisation access to an address, at once
    Share {
        /// The address, e.g. team@example.org
        address: String,
        /// The member's login
        #[arg(long)]
        user: String,
        /// Their permissions, e.g. "password,history" (default: the organisation's defaults)
        #[arg(long)]
        permissions: Option<String>,
    },
    /// Invite someone by email to use an address: they get an invitation
    /// email (the outbox without --smtp-url) and accept it, or sign up
    Invite {
        /// The address, e.g. team@example.org
        address: String,
        /// Their email address (a member's login gives them access at once)
        #[arg(long)]
        email: String,
        /// Their permissions, e.g. "password,history" (default: the organisation's defaults)
        #[arg(long)]
        permissions: Option<String>,
    },
    /// Show, set or turn off an address's out-of-office reply
    AutoReply(super::auto_reply::AutoReplyArgs),
    /// Remove a user's access to an address (their device passwords stop working)
    Unshare {
        address: String,
        #[arg(long)]
        user: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Standard,
    NoReply,
    CatchAll,
}

pub fn run(config: &Config, command: AddressCommand) -> anyhow::Result<()> {
    match command {
        AddressCommand::Add {
            address,
            password_stdin,
            kind,
            forward_to,
            keep_copy,
        } => {
            let email = EmailAddress::parse(&address).context("the address")?;
            let local = LocalPart::parse_mailbox(email.local_part().as_str())?;
            let password = if password_stdin {
                Some(
                    Password::new(&read_stdin_password()?, Some(&email))
                        .context("the password from standard input")?,
                )
            } else {
                None
            };
            let forwarding = forward_to
                .map(|to| EmailAddress::parse(&to).context("--forward-to"))
                .transpose()?
                .map(|to| Forwarding { to, keep_copy });
            let app = open(config)?;
            let owner = owner_of(&app, email.domain())?;
            // Made by the owner for no one in particular: `address share`
            // and `address invite` add its users.
            let for_whom = match kind {
                Kind::Standard => ForWhom::Multiple,
                Kind::NoReply => ForWhom::NoReply,
                Kind::CatchAll => ForWhom::CatchAll,
            };
            let new = NewAddress {
                local_part: local,
                for_whom,
                password,
                forwarding,
                display_name: None,
                quota: None,
            };
            let created = app
                .addresses()
                .create_address(&owner, email.domain(), new)?;
            let address = format!("{}@{}", created.local_part, email.domain());
            if created.password_hash.is_some() {
                println!(
                    "{}",
                    t!(
                        "cli-created",
                        address = &address,
                        kind = &mailroom::i18n::names::kind(created.kind)
                    )
                );
            } else {
                println!(
                    "{}",
                    t!(
                        "cli-created-no-password",
                        address = &address,
                        kind = &mailroom::i18n::names::kind(created.kind)
                    )
                );
            }
            Ok(())
        }
        AddressCommand::Share {
            address,
            user,
            permissions,
        } => super::sharing::share(config, &address, &user, permissions.as_deref()),
        AddressCommand::Invite {
            address,
            email,
            permissions,
        } => super::sharing::invite(config, &address, &email, permissions.as_deref()),
        AddressCommand::AutoReply(args) => super::auto_reply::run(config, args),
        AddressCommand::Unshare { address, user } => {
            super::sharing::unshare(config, &address, &user)
        }
        AddressCommand::List { domain } => {
            let domain = Domain::parse(&domain)?;
            let app = open(config)?;
            let owner = owner_of(&app, &domain)?;
            let mut cursor = Cursor::First;
            loop {
                let page = app
                    .addresses()
                    .list_addresses(owner.user, &domain, "", &cursor, 500)?;
                for address in &page.items {
                    let mut line = format!(
                        "{}@{}\t{}\t{}",
                        address.local_part,
                        domain,
                        mailroom::i18n::names::kind(address.kind),
                        if address.password_hash.is_some() {
                            t!("cli-password-set")
                        } else {
                            t!("cli-no-password")
                        }
                    );
                    if let Some(forwarding) = &address.forwarding {
                        line.push_str(&format!("\t{}", t!("cli-forwards-to", to = &forwarding.to)));
                    }
                    println!("{line}");
                }
                match page.items.last() {
                    Some(last) if page.has_next => {
                        cursor = Cursor::After(last.local_part.to_string())
                    }
                    _ => break,
                }
            }
            Ok(())
        }
    }
}

pub fn import(
    config: &Config,
    domain: &str,
    file: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<()> {
    let domain = Domain::parse(domain)?;
    let mut src = std::fs::File::open(file)
        .map(std::io::BufReader::new)
        .with_context(|| format!("reading {}", file.display()))?;
    let app = open(config)?;
    let owner = owner_of(&app, &domain)?;
    let describe = |totals: &Totals| {
        println!(
            "{}: {}",
            file.display(),
            t!(
                "cli-import-totals",
                rows = totals.rows,
                valid = totals.valid,
                refused = totals.refused(),
                encoding = &totals.encoding,
                separator = &format!("{:?}", totals.delimiter)
            )
        );
    };
    if dry_run {
        let mut refusals = Vec::new();
        let totals = app
            .imports()
            .preview_each(owner.user, &domain, &mut src, |_, row| {
                if let Err(refused) = row {
                    refusals.push(format!(
                        "  {}",
                        t!(
                            "cli-import-refused",
                            line = refused.number,
                            column = &refused.column,
                            reason = &refused.reason
                        )
                    ));
                }
                Ok(())
            })?;
        describe(&totals);
        for line in refusals {
            println!("{line}");
        }
        println!("{}", t!("cli-dry-run"));
        return Ok(());
    }
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("import.csv");
    // Kept as text in the store, then checked and started: the file is
    // read as a stream, never whole.
    let (record, totals) = app
        .imports()
        .upload_import_from(&owner, &domain, name, &mut src)?;
    app.imports().start_import(&owner, &domain, record.id)?;
    let started = app
        .imports()
        .import_record(owner.user, &domain, record.id)?;
    describe(&Totals {
        rows: started.rows as usize,
        valid: started.valid as usize,
        ..totals
    });
    app.imports()
        .each_import_result(owner.user, &domain, record.id, |result| {
            if let RowOutcome::Skipped { column, reason } = result.outcome {
                println!(
                    "  {}",
                    t!(
                        "cli-import-refused",
                        line = result.line,
                        column = &column,
                        reason = &reason
                    )
                );
            }
            Ok(())
        })?;
    if started.valid == 0 {
        println!("{}", t!("cli-nothing-to-create"));
        return Ok(());
    }
    let bar = indicatif::ProgressBar::new(record.rows);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows, {per_sec}, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    loop {
        app.imports().import_batch_here(record.id)?;
        let current = app
            .imports()
            .import_record(owner.user, &domain, record.id)?;
        bar.set_position(current.done);
        if current.state == ImportState::Done {
            bar.finish_and_clear();
            println!(
                "{}",
                t!(
                    "cli-import-done",
                    created = current.created_count,
                    failed = current.failed,
                    skipped = current.skipped
                )
            );
            app.imports()
                .each_import_result(owner.user, &domain, record.id, |result| {
                    if let RowOutcome::Failed { reason } = result.outcome {
                        println!(
                            "  {}",
                            t!(
                                "cli-import-failed",
                                line = result.line,
                                address = &result.address,
                                reason = &reason
                            )
                        );
                    }
                    Ok(())
                })?;
            return Ok(());
        }
    }
}
