//! `mailroom store copy`: a whole installation between the redb file and
//! PostgreSQL, then the target checked as `mailroom check` checks it.

use std::path::PathBuf;

use clap::Subcommand;
use mailroom::app::StoreAt;
use mailroom::config::InternalSecret;
use mailroom::t;

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Copy a whole installation between the redb file and PostgreSQL, either way, with the
    /// server stopped; the target must be a file that does not exist yet or an empty database
    Copy {
        /// Where it is: the redb file (e.g. /var/lib/mailroom/mailroom.redb) or postgres://…
        #[arg(long)]
        from: String,
        /// Where it goes: a new redb file, or postgres://… (an empty database)
        #[arg(long)]
        to: String,
    },
}

/// A `postgres://` URL, else the path of a redb file.
fn place(text: &str) -> StoreAt {
    StoreAt::parse_url(text).unwrap_or_else(|_| StoreAt::File(PathBuf::from(text)))
}

pub fn run(command: StoreCommand) -> anyhow::Result<()> {
    let StoreCommand::Copy { from, to } = command;
    let (from, to) = (place(&from), place(&to));
    let secrets = [
        InternalSecret::Dovecot,
        InternalSecret::Metrics,
        InternalSecret::Backup,
    ]
    .map(InternalSecret::file_name);
    let copied = mailroom::app::copy_store(&from, &to, &secrets)?;
    for (table, source, target) in &copied.tables {
        if *source > 0 || *target > 0 {
            println!(
                "{}",
                t!(
                    "cli-store-copied-table",
                    table = table.as_str(),
                    source = *source,
                    target = *target
                )
            );
        }
    }
    if !copied.matches() {
        anyhow::bail!(t!("cli-store-copy-counts-differ"));
    }
    let report = mailroom::app::check_store(&to)?;
    for problem in &report.problems {
        println!("{}", t!("cli-check-problem", problem = problem));
    }
    if !report.is_sound() {
        anyhow::bail!(t!("cli-check-failed", count = report.problems.len()));
    }
    println!("{}", t!("cli-store-copied"));
    Ok(())
}
