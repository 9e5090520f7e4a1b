//! What connects Mailroom to the mail server: `mailroom mailserver-config`
//! and `mailroom export dovecot-passwd`.

use mailroom::t;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use mailroom::Config;
use mailroom::setup_files::wiring::{DkimWiring, Wiring};

use super::open;
use super::serve::MailServerArgs;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// A Dovecot passwd-file of every address with a password (written atomically)
    DovecotPasswd { file: PathBuf },
}

#[derive(Args)]
pub struct MailserverConfigArgs {
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
    /// The OpenDKIM signers' listeners (RSA, then Ed25519), with --dkim-dir
    #[arg(
        long,
        default_value = "127.0.0.1:8891,127.0.0.1:8892",
        value_delimiter = ','
    )]
    dkim_milters: Vec<String>,
    /// The user Mailroom (and so the OpenDKIMs) run as
    #[arg(long, default_value = "mailroom")]
    dkim_user: String,
    /// A loopback address for a Postfix service Dovecot sends out-of-office replies to (added
    /// to master.cf, taking mail from this machine only), e.g. 127.0.0.1:10028; default:
    /// Dovecot's sendmail_path (the local Postfix)
    #[arg(long, value_name = "IP:PORT", value_parser = loopback)]
    replies_via: Option<std::net::SocketAddr>,
    /// Print one part only
    #[arg(long, value_enum, default_value_t = Section::All)]
    section: Section,
    /// Write each part to a file of its own in DIR instead of printing; those holding a secret
    /// (the Lua script, the Dovecot fragment) are made 0640 root:dovecot
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
}

/// A loopback address and port: the replies' service must not listen
/// where others reach it.
fn loopback(text: &str) -> Result<std::net::SocketAddr, String> {
    let address: std::net::SocketAddr = text
        .parse()
        .map_err(|_| format!("{text:?} is not IP:PORT, e.g. 127.0.0.1:10028"))?;
    if !address.ip().is_loopback() {
        return Err(format!(
            "{address} is not a loopback address (127.0.0.1 or [::1])"
        ));
    }
    Ok(address)
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Section {
    All,
    PostfixMain,
    PostfixMaster,
    Dovecot,
    Lua,
    OpendkimRsa,
    OpendkimEd25519,
}

/// The secret Dovecot's script sends: on a store several nodes share, the
/// one kept in it, so that any node answers the same Dovecot; else the data
/// folder's (opening the redb file would wait for a running server).
fn dovecot_secret(config: &Config) -> anyhow::Result<String> {
    use mailroom::config::InternalSecret;
    if matches!(config.store_at(), mailroom::app::StoreAt::Postgres(_)) {
        let app = super::open(config)?;
        return mailroom::server::internal_secret(config, &app, InternalSecret::Dovecot);
    }
    config
        .dovecot_secret()
        .context("reading the Dovecot secret")
}

pub fn print_config(config: Config, args: MailserverConfigArgs) -> anyhow::Result<()> {
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
    if let Some(relay) = args.replies_via {
        let ours = [
            matches!(&socketmap, mailroom::mailserver::socketmap::Listen::Tcp(a) if *a == relay),
            internal == relay,
        ];
        anyhow::ensure!(
            !ours.contains(&true),
            "--replies-via {relay} is where Mailroom listens: give Postfix's service another port"
        );
    }
    let wiring = Wiring {
        socketmap,
        internal_url: format!("http://{internal}"),
        dovecot_secret: dovecot_secret(&config)?,
        lmtp: args.lmtp,
        dovecot_auth: args.dovecot_auth,
        submission: args.submission,
        lua_file: args.lua_file,
        mail_root: args.mail_root,
        mail_uid: args.mail_uid,
        doveadm: config.mail_server.doveadm.clone(),
        replies_via: args.replies_via,
        dkim: config.mail_server.dkim_dir.clone().map(|dir| DkimWiring {
            dir,
            rsa: args
                .dkim_milters
                .first()
                .cloned()
                .unwrap_or_else(|| "127.0.0.1:8891".into()),
            ed25519: args
                .dkim_milters
                .get(1)
                .cloned()
                .unwrap_or_else(|| "127.0.0.1:8892".into()),
            user: args.dkim_user.clone(),
        }),
    };
    let dkim = |algorithm| {
        wiring
            .dkim
            .as_ref()
            .map(|d| d.config(algorithm))
            .context("give --dkim-dir for the OpenDKIM configuration")
    };
    if let Some(dir) = &args.write {
        return write_parts(&wiring, dir);
    }
    let text = match args.section {
        Section::All => wiring.all(),
        Section::PostfixMain => wiring.postfix_main(),
        Section::PostfixMaster => wiring.postfix_master(),
        Section::Dovecot => wiring.dovecot(),
        Section::Lua => wiring.lua(),
        Section::OpendkimRsa => dkim(mailroom::model::DkimAlgorithm::Rsa)?,
        Section::OpendkimEd25519 => dkim(mailroom::model::DkimAlgorithm::Ed25519)?,
    };
    print!("{text}");
    Ok(())
}

/// Each part in a file of its own; those holding a secret are readable by
/// root and Dovecot's group only.
fn write_parts(wiring: &Wiring, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut parts = vec![
        ("postfix-main.cf".to_owned(), wiring.postfix_main(), false),
        (
            "postfix-master.cf".to_owned(),
            wiring.postfix_master(),
            false,
        ),
        ("99-mailroom.conf".to_owned(), wiring.dovecot(), true),
        ("mailroom-auth.lua".to_owned(), wiring.lua(), true),
    ];
    if let Some(dkim) = &wiring.dkim {
        for algorithm in mailroom::model::DkimAlgorithm::ALL {
            let name = format!("opendkim-{}.conf", algorithm.tag());
            parts.push((name, dkim.config(algorithm), false));
        }
    }
    let group = group_id("dovecot");
    for (name, text, secret) in parts {
        let path = dir.join(&name);
        let mode = if secret { 0o640 } else { 0o644 };
        mailroom::mailserver::replace_with_mode(&path, &text, mode, false)
            .with_context(|| format!("writing {}", path.display()))?;
        if secret {
            match group {
                Some(gid) => {
                    std::os::unix::fs::chown(&path, Some(0), Some(gid)).with_context(|| {
                        format!("giving {} to root:dovecot (run as root)", path.display())
                    })?
                }
                None => eprintln!(
                    "{}: no group dovecot here; give it to root:dovecot where Dovecot runs",
                    path.display()
                ),
            }
        }
        println!("{} ({mode:o})", path.display());
    }
    Ok(())
}

/// A group's id, from /etc/group.
fn group_id(name: &str) -> Option<u32> {
    std::fs::read_to_string("/etc/group")
        .ok()?
        .lines()
        .find_map(|line| {
            let mut fields = line.split(':');
            (fields.next()? == name).then(|| fields.nth(1)?.parse().ok())?
        })
}

/// A Dovecot passwd-file of every address with a password.
pub fn export_passwd(config: &Config, file: &Path) -> anyhow::Result<()> {
    let app = open(config)?;
    let content = app.directory().passwd_file()?;
    mailroom::mailserver::dovecot::write_passwd_file(file, &content)
        .with_context(|| format!("writing {}", file.display()))?;
    println!(
        "{}",
        t!(
            "cli-wrote-logins",
            count = content.lines().count(),
            path = &file.display()
        )
    );
    Ok(())
}
