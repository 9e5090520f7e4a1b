//! What connects Mailroom to the mail server: `mailroom mailserver-config`
//! and `mailroom export dovecot-passwd`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use mailroom::Config;
use mailroom::mailserver::wiring::Wiring;

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
    /// Print one part only
    #[arg(long, value_enum, default_value_t = Section::All)]
    section: Section,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Section {
    All,
    PostfixMain,
    PostfixMaster,
    Dovecot,
    Lua,
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
        doveadm: config.mail_server.doveadm.clone(),
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

/// A Dovecot passwd-file of every address with a password.
pub fn export_passwd(config: &Config, file: &Path) -> anyhow::Result<()> {
    let app = open(config)?;
    let content = app.directory().passwd_file()?;
    mailroom::mailserver::dovecot::write_passwd_file(file, &content)
        .with_context(|| format!("writing {}", file.display()))?;
    println!(
        "Wrote {} login(s) to {}.",
        content.lines().count(),
        file.display()
    );
    Ok(())
}
