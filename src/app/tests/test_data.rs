//! A small database with some of everything, made through app, for tests
//! of the store's backups and checks (the store names nothing above it).

use crate::app::{AppSettings, NewAddress};
use crate::model::{Domain, EmailAddress, LocalPart, Password};

/// Acme and its owner, nothing else yet.
/// Acme's owner, who set the installation up (and so is its operator).
pub const OWNER: &str = "owner@acme.example";

pub fn acme(path: &std::path::Path) -> (crate::App, crate::app::Actor, crate::model::OrgId) {
    acme_with(path, AppSettings::default())
}

/// The same, with the app's settings given.
pub fn acme_with(
    path: &std::path::Path,
    settings: AppSettings,
) -> (crate::App, crate::app::Actor, crate::model::OrgId) {
    let app = crate::App::open(path, settings).unwrap();
    let owner = EmailAddress::parse(OWNER).unwrap();
    let password = Password::new("a long enough password", None).unwrap();
    app.accounts()
        .setup("Acme", &owner, &password, None)
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap();
    let actor = app.organisations().owner_of(org.id).unwrap();
    (app, actor, org.id)
}

/// An organisation, a service, an import of two addresses (and a refused
/// row), and an address its creator has access to.
pub fn populated(path: &std::path::Path) {
    let (app, actor, org) = acme(path);
    let domain = Domain::parse("acme.example").unwrap();
    app.services().add_service(&actor, org, &domain).unwrap();
    let csv = b"address,display_name\nanna,Anna\nbob,Bob\nbad name,x\n";
    let record = app
        .imports()
        .upload_import(&actor, &domain, "x.csv", csv)
        .unwrap();
    app.imports()
        .start_import(&actor, &domain, record.id)
        .unwrap();
    while app.imports().import_batch_here(record.id).unwrap() > 0 {}
    address(&app, &actor, &domain, "team", crate::app::ForWhom::Me);
}

/// A service `domain` of `org`, verified, as the operator adds one.
pub fn service(
    app: &crate::App,
    actor: &crate::app::Actor,
    org: crate::model::OrgId,
    domain: &str,
) -> Domain {
    let domain = Domain::parse(domain).unwrap();
    app.services()
        .add_service_vouched(actor, org, &domain)
        .unwrap();
    domain
}

/// The address `local` of `domain`, made for whom it says.
pub fn address(
    app: &crate::App,
    actor: &crate::app::Actor,
    domain: &Domain,
    local: &str,
    for_whom: crate::app::ForWhom,
) -> crate::model::Address {
    let new = NewAddress {
        local_part: LocalPart::parse(local).unwrap(),
        for_whom,
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    };
    app.addresses().create_address(actor, domain, new).unwrap()
}
