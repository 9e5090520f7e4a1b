use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use mailroom::config::MailClientSettings;
use mailroom::model::{Domain, EmailAddress, Password, Role};
use mailroom::{App, Config};

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
}

#[derive(Subcommand)]
enum Command {
    /// Run the web interface (the default)
    Serve(ServeArgs),
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
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "MAILROOM_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Mark cookies Secure (set this behind a TLS proxy)
    #[arg(long, env = "MAILROOM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Log out sessions idle for this many minutes
    #[arg(long, env = "MAILROOM_SESSION_IDLE_MINUTES", default_value_t = 12 * 60)]
    session_idle_minutes: u64,
    /// Mail server host name shown to mail programs; {domain} is the service's domain
    #[arg(long, env = "MAILROOM_MAIL_HOST", default_value = "mail.{domain}")]
    mail_host: String,
    /// IMAP port (TLS) shown to mail programs
    #[arg(long, env = "MAILROOM_IMAP_PORT", default_value_t = 993)]
    imap_port: u16,
    /// SMTP submission port (TLS) shown to mail programs
    #[arg(long, env = "MAILROOM_SUBMISSION_PORT", default_value_t = 465)]
    submission_port: u16,
    /// Webmail address offered after an address is created
    #[arg(long, env = "MAILROOM_WEBMAIL_URL")]
    webmail_url: Option<String>,
}

#[derive(Subcommand)]
enum ServiceCommand {
    /// Add an email service for a domain the organisation owns
    Add {
        domain: String,
        /// Needed when there are several organisations
        #[arg(long)]
        organisation: Option<String>,
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

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILROOM_LOG")
                .unwrap_or_else(|_| "mailroom=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let config = Config::new(cli.common.data_dir);
    match cli.command {
        None => serve(config, ServeArgs::parse_defaults()),
        Some(Command::Serve(args)) => serve(config, args),
        Some(Command::Setup {
            organisation,
            owner,
            password_stdin: _,
        }) => {
            let owner = EmailAddress::parse(&owner).context("--owner")?;
            let password = Password::new(&read_stdin_password()?, Some(&owner))
                .context("the password from standard input")?;
            let app = open(&config)?;
            app.setup(&organisation, &owner, &password, None)?;
            println!("Set up {organisation} with owner {owner}.");
            Ok(())
        }
        Some(Command::Service(ServiceCommand::Add {
            domain,
            organisation,
        })) => {
            let domain = Domain::parse(&domain)?;
            let app = open(&config)?;
            let org = app.organisation_named(organisation.as_deref())?;
            let owner = app.owner_of(org.id)?;
            app.add_service(&owner, org.id, &domain)?;
            println!(
                "Added the email service for {domain} ({}).",
                domain.as_ascii()
            );
            Ok(())
        }
        Some(Command::Member(MemberCommand::Add {
            email,
            role,
            organisation,
            password_stdin: _,
        })) => {
            let email = EmailAddress::parse(&email)?;
            let Some(role) = Role::parse(&role) else {
                bail!("--role is one of owner, admin, member");
            };
            let password = Password::new(&read_stdin_password()?, Some(&email))
                .context("the password from standard input")?;
            let app = open(&config)?;
            let org = app.organisation_named(organisation.as_deref())?;
            let owner = app.owner_of(org.id)?;
            app.add_member(&owner, org.id, &email, &password, role)?;
            println!("Added {email} to {} as {}.", org.name, role.name());
            Ok(())
        }
    }
}

impl ServeArgs {
    fn parse_defaults() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse_from(["mailroom"]).args
    }
}

fn serve(mut config: Config, args: ServeArgs) -> anyhow::Result<()> {
    config.listen = args.listen;
    config.secure_cookies = args.secure_cookies;
    config.session_idle = Duration::from_secs(args.session_idle_minutes.max(1) * 60);
    config.mail_client = MailClientSettings {
        host: args.mail_host,
        imap_port: args.imap_port,
        submission_port: args.submission_port,
        webmail_url: args
            .webmail_url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(mailroom::web::serve(config))
}

fn open(config: &Config) -> anyhow::Result<App> {
    Ok(App::open(&config.database_path(), config.app_settings())?)
}

fn read_stdin_password() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("reading the password from standard input")?;
    Ok(input.trim_end_matches(['\r', '\n']).to_owned())
}
