//! The `mailroom` command: parses the command line and calls the use cases
//! (`mailroom::app`) or the server. Each group of subcommands lives in
//! `src/cli/`.

mod cli;

use mailroom::t;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use cli::addresses::{self, AddressCommand};
use cli::mailserver::{self, ExportCommand, MailserverConfigArgs};
use cli::serve::{self, ServeArgs};
use cli::{open, read_stdin_password};
use mailroom::Config;
use mailroom::app::{AppError, StoreAt};
use mailroom::model::{Domain, EmailAddress, Lang, Password, Role};

#[derive(Parser)]
#[command(
    name = "mailroom",
    version,
    about = "Run the email addresses of your own domains"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone)]
struct Common {
    /// Folder holding the database file
    #[arg(
        long,
        env = "MAILROOM_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    data_dir: PathBuf,
    /// Where the records are kept instead of the file in the data folder: a
    /// PostgreSQL database several nodes share (postgres://user@host/db)
    #[arg(long, env = "MAILROOM_STORE", global = true)]
    store: Option<String>,
    /// How log lines are written (to standard error)
    #[arg(
        long,
        env = "MAILROOM_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web interface (the default)
    Serve(Box<ServeArgs>),
    /// Create the organisation and its owner, without a browser
    Setup {
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        owner: String,
        /// Read the owner's password from standard input
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Email services (one per domain)
    #[command(subcommand)]
    Service(ServiceCommand),
    /// People in an organisation
    #[command(subcommand)]
    Member(MemberCommand),
    /// The installation's operators, who run its organisations
    #[command(subcommand)]
    Operator(cli::operators::OperatorCommand),
    /// Organisations on this installation (what an operator does in the console)
    #[command(subcommand)]
    Organisation(cli::operators::OrganisationCommand),
    /// Email addresses
    #[command(subcommand)]
    Address(AddressCommand),
    /// Device passwords: one per user and mail program
    #[command(subcommand)]
    DevicePassword(cli::sharing::DeviceCommand),
    /// A domain's DNS records
    #[command(subcommand)]
    Dns(cli::dns::DnsCommand),
    /// API tokens for scripts and other systems
    #[command(subcommand)]
    Token(cli::tokens::TokenCommand),
    /// Write files for other programs
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print the Postfix and Dovecot configuration that connects them to Mailroom
    MailserverConfig(Box<MailserverConfigArgs>),
    /// Verify the database of a stopped server: every record reads, every index entry points
    /// at a record; changes nothing, exits non-zero when something is wrong
    Check,
    /// The store itself: copy a whole installation between the redb file and PostgreSQL
    #[command(subcommand)]
    Store(cli::store::StoreCommand),
    /// Write a backup of the database to FILE, while the server runs (asking it) or not
    Backup {
        file: PathBuf,
        /// The running server's internal listener, as `serve --internal-listen` says
        #[arg(
            long,
            env = "MAILROOM_INTERNAL_LISTEN",
            default_value = "127.0.0.1:10027"
        )]
        server: std::net::SocketAddr,
    },
    /// Replace the database by a backup, once it is verified (the server stopped); the replaced
    /// file is kept beside it
    Restore { file: PathBuf },
    /// Create many addresses from a CSV file (preview first; --dry-run stops there)
    Import {
        /// The service's domain
        #[arg(long)]
        service: String,
        file: PathBuf,
        /// Show what would happen, create nothing
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        limits: cli::ImportLimitArgs,
    },
}

#[derive(Subcommand)]
enum ServiceCommand {
    /// Add an email service for a domain the organisation owns; the mail server takes in its
    /// mail once the TXT record it prints is seen on the domain
    Add {
        domain: String,
        /// Needed when there are several organisations
        #[arg(long)]
        organisation: Option<String>,
        /// The operator vouches for the domain: it receives mail at once (audited)
        #[arg(long)]
        skip_verification: bool,
    },
}

#[derive(Subcommand)]
enum MemberCommand {
    /// Add a person who logs in with their email address
    Add {
        email: String,
        #[arg(long, default_value = "member")]
        role: String,
        #[arg(long)]
        organisation: Option<String>,
        /// Read their password from standard input
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// `mailroom --listen …` is `mailroom serve --listen …`: without a
/// subcommand, the flags after the global ones are the server's.
fn serve_by_default(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const GLOBAL_WITH_VALUE: [&str; 2] = ["--data-dir", "--log-format"];
    let mut i = 1;
    while let Some(arg) = args.get(i).and_then(|a| a.to_str()) {
        if GLOBAL_WITH_VALUE.contains(&arg) {
            i += 2;
        } else if GLOBAL_WITH_VALUE
            .iter()
            .any(|g| arg.starts_with(&format!("{g}=")))
        {
            i += 1;
        } else {
            if arg.starts_with('-') && !matches!(arg, "-h" | "--help" | "-V" | "--version") {
                args.insert(1, "serve".into());
            }
            break;
        }
    }
    args
}

/// Commands speak the language of the shell (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`, as gettext reads them); errors are told in it too.
fn main() -> std::process::ExitCode {
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::parse(&value))
        .unwrap_or_default();
    mailroom::i18n::sync_scope(lang, || match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", t!("cli-error", message = &explain(&error)));
            std::process::ExitCode::FAILURE
        }
    })
}

/// An error and its causes, each in the reader's language where it is one
/// of ours (a file or network failure is told as the system tells it).
fn explain(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| {
            use mailroom::i18n::Localize;
            use mailroom::model::{
                AddressError, DeviceNameError, PasswordError, QuotaError, TimeError,
            };
            if let Some(e) = cause.downcast_ref::<AppError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<AddressError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<PasswordError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<DeviceNameError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<QuotaError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<TimeError>() {
                e.localize()
            } else if let Some(e) = cause.downcast_ref::<mailroom::bulk::FileError>() {
                e.localize()
            } else {
                cause.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

fn run() -> anyhow::Result<()> {
    mailroom::memory::tune_allocator();
    let cli = Cli::parse_from(serve_by_default(std::env::args_os().collect()));
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAILROOM_LOG")
        .unwrap_or_else(|_| "mailroom=info,tower_http=warn".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.common.log_format {
        LogFormat::Text => logs.init(),
        // One JSON object a line, for journald's or a collector's parsers.
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
    let mut config = Config::new(cli.common.data_dir);
    if let Some(url) = &cli.common.store {
        config.store = Some(StoreAt::parse_url(url).map_err(anyhow::Error::msg)?);
    }
    match cli.command {
        None => serve::run(config, ServeArgs::parse_defaults()),
        Some(Command::Serve(args)) => serve::run(config, *args),
        Some(Command::Setup {
            organisation,
            owner,
            password_stdin: _,
        }) => {
            let owner = EmailAddress::parse(&owner).context("--owner")?;
            let password = Password::new(&read_stdin_password()?, Some(&owner))
                .context("the password from standard input")?;
            let app = open(&config)?;
            app.accounts()
                .setup(&organisation, &owner, &password, None)?;
            println!(
                "{}",
                t!("cli-set-up", organisation = &organisation, owner = &owner)
            );
            Ok(())
        }
        Some(Command::Service(ServiceCommand::Add {
            domain,
            organisation,
            skip_verification,
        })) => {
            let domain = Domain::parse(&domain)?;
            let app = open(&config)?;
            let org = app
                .organisations()
                .organisation_named(organisation.as_deref())?;
            let owner = app.organisations().owner_of(org.id)?;
            let service = if skip_verification {
                app.services()
                    .add_service_vouched(&owner, org.id, &domain)?
            } else {
                app.services().add_service(&owner, org.id, &domain)?
            };
            println!(
                "{}",
                t!(
                    "cli-service-added",
                    domain = &domain,
                    ascii = &domain.as_ascii()
                )
            );
            if let Some(value) = service.ownership_value() {
                println!(
                    "{}",
                    t!(
                        "cli-service-verify",
                        ascii = &domain.as_ascii(),
                        value = &value
                    )
                );
            }
            Ok(())
        }
        Some(Command::Address(command)) => addresses::run(&config, command),
        Some(Command::Check) => cli::maintenance::check(&config),
        Some(Command::Store(command)) => cli::store::run(command),
        Some(Command::Token(command)) => cli::tokens::run(&config, command),
        Some(Command::Operator(command)) => cli::operators::operator(&config, command),
        Some(Command::Organisation(command)) => cli::operators::organisation(&config, command),
        Some(Command::Dns(command)) => {
            if !cli::dns::run(&config, command)? {
                std::process::exit(1);
            }
            Ok(())
        }
        Some(Command::Backup { file, server }) => cli::maintenance::backup(&config, &file, server),
        Some(Command::Restore { file }) => cli::maintenance::restore(&config, &file),
        Some(Command::DevicePassword(command)) => cli::sharing::device(&config, command),
        Some(Command::Import {
            service,
            file,
            dry_run,
            limits,
        }) => {
            let mut config = config;
            limits.apply(&mut config);
            addresses::import(&config, &service, &file, dry_run)
        }
        Some(Command::Export(ExportCommand::DovecotPasswd { file })) => {
            mailserver::export_passwd(&config, &file)
        }
        Some(Command::MailserverConfig(args)) => mailserver::print_config(config, *args),
        Some(Command::Member(MemberCommand::Add {
            email,
            role,
            organisation,
            password_stdin: _,
        })) => {
            let email = EmailAddress::parse(&email)?;
            let Some(role) = Role::parse(&role) else {
                bail!(t!("cli-role"));
            };
            let password = Password::new(&read_stdin_password()?, Some(&email))
                .context("the password from standard input")?;
            let app = open(&config)?;
            let org = app
                .organisations()
                .organisation_named(organisation.as_deref())?;
            let owner = app.organisations().owner_of(org.id)?;
            app.organisations()
                .add_member(&owner, org.id, &email, &password, role)?;
            println!(
                "{}",
                t!(
                    "cli-member-added",
                    email = &email,
                    organisation = &org.name,
                    role = role.name()
                )
            );
            Ok(())
        }
    }
}
