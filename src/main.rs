use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use mailroom::app::{NewAddress, ServiceView};
use mailroom::config::MailClientSettings;
use mailroom::mailserver::wiring::Wiring;
use mailroom::model::{Domain, EmailAddress, LocalPart, Password, Role};
use mailroom::store::{AddressKind, Cursor, Forwarding};
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
    /// Largest CSV file accepted for bulk creation, in bytes
    #[arg(long, env = "MAILROOM_IMPORT_MAX_BYTES", default_value_t = 20 * 1024 * 1024, global = true)]
    import_max_bytes: usize,
    /// Most rows accepted in one CSV file
    #[arg(
        long,
        env = "MAILROOM_IMPORT_MAX_ROWS",
        default_value_t = 100_000,
        global = true
    )]
    import_max_rows: usize,
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
    /// Email addresses
    #[command(subcommand)]
    Address(AddressCommand),
    /// Write files for other programs
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print the Postfix and Dovecot configuration that connects them to Mailroom
    MailserverConfig(MailserverConfigArgs),
    /// Create many addresses from a CSV file (preview first; --dry-run stops there)
    Import {
        /// The service's domain
        #[arg(long)]
        service: String,
        file: PathBuf,
        /// Show what would happen, create nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// A Dovecot passwd-file of every address with a password (written atomically)
    DovecotPasswd { file: PathBuf },
}

#[derive(Args)]
struct MailserverConfigArgs {
    #[command(flatten)]
    listeners: MailServerArgs,
    /// Dovecot's LMTP listener, as Postfix names it
    #[arg(long, default_value = "inet:127.0.0.1:24")]
    lmtp: String,
    /// Dovecot's auth listener for Postfix's SASL, as Postfix names it
    #[arg(long, default_value = "inet:127.0.0.1:12345")]
    dovecot_auth: String,
    /// Postfix's submission service (a port or service name, or HOST:PORT)
    #[arg(long, default_value = "submission")]
    submission: String,
    /// Where the Lua script is saved
    #[arg(long, default_value = "/etc/dovecot/mailroom-auth.lua")]
    lua_file: String,
    /// Folder of the mailboxes
    #[arg(long, default_value = "/var/vmail")]
    mail_root: String,
    /// Owner of the mailboxes (user name or uid)
    #[arg(long, default_value = "vmail")]
    mail_uid: String,
    /// Print one part only
    #[arg(long, value_enum, default_value_t = Section::All)]
    section: Section,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Section {
    All,
    PostfixMain,
    PostfixMaster,
    Dovecot,
    Lua,
}

/// How Postfix and Dovecot reach Mailroom (shared by serve and mailserver-config).
#[derive(Args, Clone)]
struct MailServerArgs {
    /// Socketmap listener for Postfix (HOST:PORT or a unix socket path; "off" to disable)
    #[arg(
        long,
        env = "MAILROOM_SOCKETMAP_LISTEN",
        default_value = "127.0.0.1:10026"
    )]
    socketmap_listen: String,
    /// Loopback HTTP listener for Dovecot's lookups ("off" to disable)
    #[arg(
        long,
        env = "MAILROOM_INTERNAL_LISTEN",
        default_value = "127.0.0.1:10027"
    )]
    internal_listen: String,
    /// Secret Dovecot sends with each lookup (default: one kept in the data folder)
    #[arg(long, env = "MAILROOM_DOVECOT_SECRET", hide_env_values = true)]
    dovecot_secret: Option<String>,
}

impl MailServerArgs {
    fn apply(&self, config: &mut Config) -> anyhow::Result<()> {
        config.mail_server.socketmap_listen = match self.socketmap_listen.as_str() {
            "off" => None,
            value => Some(
                value
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!("--socketmap-listen: {e}"))?,
            ),
        };
        config.mail_server.internal_listen = match self.internal_listen.as_str() {
            "off" => None,
            value => Some(value.parse().context("--internal-listen")?),
        };
        config.mail_server.dovecot_secret = self.dovecot_secret.clone();
        Ok(())
    }
}

#[derive(Subcommand)]
enum AddressCommand {
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
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Standard,
    NoReply,
    CatchAll,
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "MAILROOM_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Mark cookies Secure (set this behind a TLS proxy)
    #[arg(long, env = "MAILROOM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// How long deleted addresses stay restorable (and their names reserved), e.g. 7d, 36h
    #[arg(long, env = "MAILROOM_DELETED_RETENTION", default_value = "7d", value_parser = humantime::parse_duration)]
    deleted_retention: Duration,
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
    #[command(flatten)]
    mail_server: MailServerArgs,
    /// SMTP server for outgoing mail, e.g. smtp://user:pass@host:587?tls=required, smtps://…,
    /// or smtp://127.0.0.1:2525; without it, messages stay in the outbox shown to admins
    #[arg(long, env = "MAILROOM_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of outgoing mail
    #[arg(
        long,
        env = "MAILROOM_MAIL_FROM",
        default_value = "Mailroom <mailroom@localhost>"
    )]
    mail_from: String,
    /// How people reach this Mailroom (for links in messages), e.g. https://mail.example.org
    #[arg(long, env = "MAILROOM_PUBLIC_URL")]
    public_url: Option<String>,
    /// Keep a Dovecot passwd-file current after every change (for Dovecot without Lua)
    #[arg(long, env = "MAILROOM_DOVECOT_PASSWD_FILE")]
    dovecot_passwd_file: Option<PathBuf>,
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
    mailroom::memory::tune_allocator();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILROOM_LOG")
                .unwrap_or_else(|_| "mailroom=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let mut config = Config::new(cli.common.data_dir);
    config.imports = mailroom::app::ImportLimits {
        max_bytes: cli.common.import_max_bytes,
        max_rows: cli.common.import_max_rows,
    };
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
        Some(Command::Address(command)) => address_command(&config, command),
        Some(Command::Import {
            service,
            file,
            dry_run,
        }) => import_command(&config, &service, &file, dry_run),
        Some(Command::Export(ExportCommand::DovecotPasswd { file })) => {
            let app = open(&config)?;
            let content = mailroom::mailserver::dovecot::passwd_file(&app.store().read()?)?;
            mailroom::mailserver::dovecot::write_passwd_file(&file, &content)
                .with_context(|| format!("writing {}", file.display()))?;
            println!(
                "Wrote {} login(s) to {}.",
                content.lines().count(),
                file.display()
            );
            Ok(())
        }
        Some(Command::MailserverConfig(args)) => {
            let mut config = config;
            args.listeners.apply(&mut config)?;
            let socketmap = config
                .mail_server
                .socketmap_listen
                .clone()
                .context("the socketmap listener is off: Postfix could not ask Mailroom")?;
            let internal = config
                .mail_server
                .internal_listen
                .context("the Dovecot listener is off: use `export dovecot-passwd` instead")?;
            let wiring = Wiring {
                socketmap,
                internal_url: format!("http://{internal}"),
                dovecot_secret: config
                    .dovecot_secret()
                    .context("reading the Dovecot secret")?,
                lmtp: args.lmtp,
                dovecot_auth: args.dovecot_auth,
                submission: args.submission,
                lua_file: args.lua_file,
                mail_root: args.mail_root,
                mail_uid: args.mail_uid,
            };
            let text = match args.section {
                Section::All => wiring.all(),
                Section::PostfixMain => wiring.postfix_main(),
                Section::PostfixMaster => wiring.postfix_master(),
                Section::Dovecot => wiring.dovecot(),
                Section::Lua => wiring.lua(),
            };
            print!("{text}");
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
    config.deleted_retention = args.deleted_retention;
    args.mail_server.apply(&mut config)?;
    config.mail_server.dovecot_passwd_file = args.dovecot_passwd_file;
    config.smtp_url = args.smtp_url;
    config.mail_from = args.mail_from;
    config.public_url = args.public_url;
    config.mail_client = MailClientSettings {
        host: args.mail_host,
        imap_port: args.imap_port,
        submission_port: args.submission_port,
        webmail_url: args
            .webmail_url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(mailroom::server::run(config))
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

fn address_command(config: &Config, command: AddressCommand) -> anyhow::Result<()> {
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
            let (owner, view) = owner_view(&app, email.domain())?;
            let kind = match kind {
                Kind::Standard => AddressKind::Standard,
                Kind::NoReply => AddressKind::NoReply,
                Kind::CatchAll => AddressKind::CatchAll,
            };
            let new = NewAddress {
                local_part: local,
                kind,
                password,
                creator_access: false,
                share: None,
                forwarding,
                display_name: None,
            };
            let created = app.create_address(&owner, &view, new)?;
            println!(
                "Created {}@{} ({}){}.",
                created.local_part,
                view.service.domain,
                created.kind.label(),
                if created.password_hash.is_some() {
                    ""
                } else {
                    ", without a password"
                }
            );
            Ok(())
        }
        AddressCommand::List { domain } => {
            let domain = Domain::parse(&domain)?;
            let app = open(config)?;
            let (owner, view) = owner_view(&app, &domain)?;
            let mut cursor = Cursor::First;
            loop {
                let page = app.list_addresses(owner.user, &view, "", &cursor, 500)?;
                for address in &page.items {
                    let mut line = format!(
                        "{}@{}\t{}\t{}",
                        address.local_part,
                        view.service.domain,
                        address.kind.label(),
                        if address.password_hash.is_some() {
                            "password set"
                        } else {
                            "no password"
                        }
                    );
                    if let Some(forwarding) = &address.forwarding {
                        line.push_str(&format!("\tforwards to {}", forwarding.to));
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

/// Commands act as the owner of the organisation the domain belongs to.
fn owner_view(app: &App, domain: &Domain) -> anyhow::Result<(mailroom::app::Actor, ServiceView)> {
    let service = app
        .store()
        .read()?
        .service_by_domain(domain)?
        .with_context(|| format!("{domain} has no email service here"))?;
    let owner = app.owner_of(service.org)?;
    let view = app.service_view(owner.user, domain)?;
    Ok((owner, view))
}

fn import_command(
    config: &Config,
    domain: &str,
    file: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<()> {
    let domain = Domain::parse(domain)?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let app = open(config)?;
    let (owner, view) = owner_view(&app, &domain)?;
    let preview = app.preview(&view, &bytes)?;
    let valid = preview.valid();
    println!(
        "{}: {} rows, {valid} will be created, {} cannot be ({}, separated by {:?})",
        file.display(),
        preview.rows.len(),
        preview.rows.len() - valid,
        preview.encoding,
        preview.delimiter
    );
    for refused in preview.rows.iter().filter_map(|r| r.as_ref().err()) {
        println!(
            "  line {}, column {}: {}",
            refused.number, refused.column, refused.reason
        );
    }
    if dry_run || valid == 0 {
        println!(
            "{}",
            if dry_run {
                "Dry run: nothing was created."
            } else {
                "Nothing to create."
            }
        );
        return Ok(());
    }
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("import.csv");
    let record = app.upload_import(&owner, &view, name, &bytes)?;
    app.start_import(&owner, &view, record.id)?;
    let bar = indicatif::ProgressBar::new(record.rows);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows, {per_sec}, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    loop {
        app.import_batch(record.id)?;
        let current = app
            .store()
            .read()?
            .import(record.id)?
            .context("the import disappeared")?;
        bar.set_position(current.done);
        if current.state == mailroom::store::ImportState::Done {
            bar.finish_and_clear();
            println!(
                "Done: {} created, {} failed, {} skipped.",
                current.created_count, current.failed, current.skipped
            );
            for result in app.import_results(&view, record.id)? {
                if let mailroom::store::RowOutcome::Failed { reason } = result.outcome {
                    println!("  line {} ({}): {reason}", result.line, result.address);
                }
            }
            return Ok(());
        }
    }
}
