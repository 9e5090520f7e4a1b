//! `mailroom address share|unshare` and `mailroom device-password`: who uses
//! an address and their device passwords, for scripted installs. Commands
//! act as the owner of the domain's organisation.

use anyhow::Context;
use clap::Subcommand;
use mailroom::Config;
use mailroom::app::{AddressRef, PermissionChoice, ShareMode, ShareWith};
use mailroom::model::{CredentialId, DeviceName, EmailAddress, Permissions, SignupRule};
use mailroom::t;

use super::open;
use super::owner_of;

#[derive(Subcommand)]
pub enum DeviceCommand {
    /// Make a device password for a user of the address; prints the secret once, nothing else
    Create {
        /// The address, e.g. team@example.org
        address: String,
        /// The user's login
        #[arg(long)]
        user: String,
        /// What the device is called, e.g. "Phone"
        #[arg(long)]
        name: String,
        /// Stop working after this many days
        #[arg(long)]
        expires: Option<u32>,
    },
    /// List an address's device passwords
    List { address: String },
    /// Revoke a device password by its id
    Revoke { address: String, id: u64 },
}

fn target(address: &str) -> anyhow::Result<(AddressRef, EmailAddress)> {
    let email = EmailAddress::parse(address).context("the address")?;
    let target = AddressRef::new(email.domain().clone(), email.local_part().clone());
    Ok((target, email))
}

/// `--permissions`, else the organisation's defaults (app reads them).
fn permissions(list: Option<&str>) -> anyhow::Result<PermissionChoice> {
    list.map(Permissions::parse_list)
        .transpose()
        .map(PermissionChoice::or_defaults)
        .map_err(|e| anyhow::anyhow!("--permissions: {}", mailroom::i18n::Localize::localize(&e)))
}

/// `address share`: gives a member access at once.
pub fn share(
    config: &Config,
    address: &str,
    user: &str,
    permissions: Option<&str>,
) -> anyhow::Result<()> {
    let (target, email) = target(address)?;
    let login = EmailAddress::parse(user).context("--user")?;
    let app = open(config)?;
    let owner = owner_of(&app, email.domain())?;
    let view = app.services().service_view(owner.user, email.domain())?;
    let choice = self::permissions(permissions)?;
    let member = app
        .organisations()
        .member_by_login(view.organisation.id, &login)?;
    app.sharing().share_address(
        &owner,
        &target,
        ShareWith::Member(member),
        choice,
        ShareMode::AtOnce,
    )?;
    // What app gave them (the defaults, when none were named).
    let given = app
        .addresses()
        .address_view(owner.user, &target)?
        .users
        .into_iter()
        .find(|(user, _)| user.id == member)
        .map(|(_, access)| access.permissions)
        .unwrap_or_default();
    let names: Vec<&str> = given.iter().map(|p| p.name()).collect();
    let names = if names.is_empty() {
        t!("cli-no-permissions")
    } else {
        names.join(", ")
    };
    println!(
        "{}",
        t!(
            "cli-now-uses",
            login = &login,
            address = &email,
            permissions = &names
        )
    );
    Ok(())
}

/// `address invite`: an invitation by email, sent by the server's job
/// worker (or kept in the outbox).
pub fn invite(
    config: &Config,
    address: &str,
    email: &str,
    permissions: Option<&str>,
) -> anyhow::Result<()> {
    let (target, shared) = target(address)?;
    let invitee = EmailAddress::parse(email).context("--email")?;
    let app = open(config)?;
    let owner = owner_of(&app, shared.domain())?;
    let choice = self::permissions(permissions)?;
    let with = ShareWith::Email {
        email: invitee.clone(),
        signup: SignupRule::OwnChoice,
        lang: None,
    };
    app.sharing()
        .share_address(&owner, &target, with, choice, ShareMode::Invite)?;
    println!("{}", t!("cli-invited", email = &invitee, address = &shared));
    Ok(())
}

/// `address unshare`: removes a user's access (their device passwords go).
pub fn unshare(config: &Config, address: &str, user: &str) -> anyhow::Result<()> {
    let (target, email) = target(address)?;
    let login = EmailAddress::parse(user).context("--user")?;
    let app = open(config)?;
    let owner = owner_of(&app, email.domain())?;
    let view = app.services().service_view(owner.user, email.domain())?;
    let member = app
        .organisations()
        .member_by_login(view.organisation.id, &login)?;
    app.sharing().remove_user(&owner, &target, member)?;
    println!("{}", t!("cli-removed", login = &login, address = &email));
    Ok(())
}

pub fn device(config: &Config, command: DeviceCommand) -> anyhow::Result<()> {
    match command {
        DeviceCommand::Create {
            address,
            user,
            name,
            expires,
        } => {
            let (target, email) = target(&address)?;
            let login = EmailAddress::parse(&user).context("--user")?;
            let name = DeviceName::parse(&name).context("--name")?;
            let app = open(config)?;
            let owner = owner_of(&app, email.domain())?;
            let view = app.services().service_view(owner.user, email.domain())?;
            let member = app
                .organisations()
                .member_by_login(view.organisation.id, &login)?;
            let made = app
                .devices()
                .create_device_password(&owner, &target, member, name, expires)?;
            // The secret alone on stdout, for scripts.
            println!("{}", made.secret.display());
            Ok(())
        }
        DeviceCommand::List { address } => {
            let (target, email) = target(&address)?;
            let app = open(config)?;
            let owner = owner_of(&app, email.domain())?;
            for row in app.devices().device_passwords(&owner, &target)? {
                let device = &row.credential;
                let last = match &device.last_use {
                    Some(used) => t!(
                        "cli-last-used",
                        at = &mailroom::model::dates::date_time(used.at),
                        protocol = &used.protocol,
                        from = used.ip.as_deref().unwrap_or("-")
                    ),
                    None => t!("cli-never-used"),
                };
                let expires = device
                    .expires
                    .map(|at| t!("cli-expires", date = &mailroom::model::dates::date(at)))
                    .unwrap_or_else(|| t!("cli-no-expiry"));
                println!(
                    "{}\t{}\t{}\t{last}\t{expires}",
                    device.id, row.user.login, device.name
                );
            }
            Ok(())
        }
        DeviceCommand::Revoke { address, id } => {
            let (target, email) = target(&address)?;
            let app = open(config)?;
            let owner = owner_of(&app, email.domain())?;
            app.devices()
                .revoke_device_password(&owner, &target, CredentialId(id))?;
            println!("{}", t!("cli-device-revoked", id = id, address = &email));
            Ok(())
        }
    }
}
