//! Deleting an organisation: the operator's login password and a ticked
//! box, or nothing changes; then its people's memberships end, the mail
//! server knows its domains no more (no mail in, no logins) and no other
//! organisation can take them; restored within the retention, all of it
//! comes back; past it, everything it held is removed and its domain is
//! free, and what stays is sound.

use axum::http::StatusCode;
use mailroom::app::{
    AppError, AppSettings, NewToken, OperatorActor, PermissionChoice, ShareMode, ShareWith,
};
use mailroom::mailserver::lookup::{Answer, Map};
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{
    DeviceName, Domain, EmailAddress, JobState, OrgId, Permissions, Scope, SignupRule,
};
use mailroom::store::prelude::*;

use super::helpers::{PASSWORD, TestApp};
use super::organisations::{MAIL_PASSWORD, beta};
use super::two_factor_codes::enrol;

fn ann(app: &TestApp) -> mailroom::model::UserId {
    app.app
        .store_for_tests()
        .read()
        .unwrap()
        .user_by_login(&EmailAddress::parse("ann@beta.example").unwrap())
        .unwrap()
        .unwrap()
        .id
}

fn acme_id(app: &TestApp) -> OrgId {
    app.app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
}

/// Whether the domain's service has an address of this name.
fn has_address(app: &TestApp, domain: &Domain, local: &str) -> bool {
    let reader = app.app.store_for_tests().read().unwrap();
    let service = reader.service_by_domain(domain).unwrap().unwrap();
    let local = mailroom::model::LocalPart::parse(local).unwrap();
    reader
        .address_by_name(service.id, &local)
        .unwrap()
        .is_some()
}

fn is_member(app: &TestApp, org: OrgId) -> bool {
    let reader = app.app.store_for_tests().read().unwrap();
    reader.membership(org, ann(app)).unwrap().is_some()
}

fn mail_login(app: &TestApp) -> MailLogin {
    app.app
        .directory()
        .check_login("info@beta.example", MAIL_PASSWORD, "imap", None)
        .unwrap()
}

fn receives(app: &TestApp) -> bool {
    let directory = app.app.directory();
    let mailbox = directory.lookup(Map::Mailbox, "info@beta.example").unwrap();
    let domain = directory.lookup(Map::Domain, "beta.example").unwrap();
    match (mailbox, domain) {
        (Answer::Found(_), Answer::Found(_)) => true,
        (Answer::NotFound, Answer::NotFound) => false,
        other => panic!("the mailbox and its domain disagree: {other:?}"),
    }
}

#[tokio::test]
async fn a_deleted_organisation_is_gone_for_its_people_and_the_mail_server_until_restored() {
    let app = TestApp::new();
    let mut operator = app.set_up().await;
    enrol(&mut operator).await;
    let org = beta(&app, true);
    let mut ann_client = app.client();
    ann_client.get("/login").await;
    ann_client.login("ann@beta.example", PASSWORD).await;
    assert_eq!(
        ann_client.get("/services/beta.example").await.status,
        StatusCode::OK
    );
    let page = format!("/operator/organisations/{org}");
    let delete = format!("{page}/delete");
    let console = operator.get(&page).await;
    assert!(
        console.body.contains("Delete the organisation"),
        "{}",
        console.body
    );

    // A wrong password, or the box left unticked: refused, nothing changed.
    let refused = operator
        .post(
            &delete,
            &[("password", "not my password"), ("understood", "on")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = operator.post(&delete, &[("password", PASSWORD)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Tick the box"), "{}", refused.body);
    assert!(is_member(&app, org) && receives(&app));
    assert!(matches!(mail_login(&app), MailLogin::Accepted { .. }));

    let deleted = operator
        .post(&delete, &[("password", PASSWORD), ("understood", "on")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    // Her open session finds nothing; the mail server knows nothing.
    assert_eq!(
        ann_client.get("/services/beta.example").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!ann_client.get("/services").await.body.contains("Beta"));
    assert!(!is_member(&app, org));
    assert!(!receives(&app));
    assert_eq!(mail_login(&app), MailLogin::UnknownLogin);
    // Nobody else takes its domain while it can be restored.
    let acme = app.owner();
    let acme_org = acme_id(&app);
    let domain = Domain::parse("beta.example").unwrap();
    assert!(matches!(
        app.app
            .services()
            .add_service_vouched(&acme, acme_org, &domain),
        Err(AppError::Conflict(_))
    ));
    // The console says so and offers to restore it; nothing else applies.
    let console = operator.get(&page).await;
    assert!(
        console.body.contains("Deleted on") && console.body.contains("Restore the organisation"),
        "{}",
        console.body
    );
    assert!(operator.get("/operator").await.body.contains("deleted"));
    assert!(matches!(
        app.app
            .operators()
            .suspend(OperatorActor::CommandLine, org, "late"),
        Err(AppError::NotFound)
    ));

    let restored = operator.post(&format!("{page}/restore"), &[]).await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert!(is_member(&app, org) && receives(&app));
    assert!(matches!(mail_login(&app), MailLogin::Accepted { .. }));
    assert_eq!(
        ann_client.get("/services/beta.example").await.status,
        StatusCode::OK
    );
    let kinds: Vec<String> = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .recent_audit(100)
        .unwrap()
        .into_iter()
        .filter(|e| e.org == Some(org))
        .map(|e| e.action)
        .collect();
    assert!(
        kinds.iter().any(|k| k == "organisation.delete")
            && kinds.iter().any(|k| k == "organisation.restore"),
        "{kinds:?}"
    );
}

/// Past its retention, everything it held goes: addresses (their
/// mailboxes emptied as deleted addresses' are), device passwords, links,
/// tokens, imports, keys, services; its domain is free for another
/// organisation, its people keep their accounts, and the store is sound.
#[tokio::test]
async fn past_its_retention_an_organisation_is_purged_whole_and_its_domain_is_free() {
    let app = TestApp::with_settings(AppSettings {
        deleted_retention: std::time::Duration::ZERO,
        ..AppSettings::default()
    });
    app.set_up().await;
    let org = beta(&app, true);
    let purged_name = "BETA".to_owned();
    let owner = app.app.organisations().owner_of(org).unwrap();
    let domain = Domain::parse("beta.example").unwrap();
    let info = mailroom::app::AddressRef::parse("beta.example", "info").unwrap();
    // Something of every kind an organisation holds.
    let sharing = app.app.sharing();
    sharing
        .share_address(
            &owner,
            &info,
            ShareWith::Member(owner.user),
            PermissionChoice::Defaults,
            ShareMode::AtOnce,
        )
        .unwrap();
    sharing
        .share_address(
            &owner,
            &info,
            ShareWith::Email {
                email: EmailAddress::parse("guest@elsewhere.example").unwrap(),
                signup: SignupRule::OwnChoice,
                lang: None,
            },
            PermissionChoice::Defaults,
            ShareMode::Invite,
        )
        .unwrap();
    sharing
        .create_link(&owner, &info, Permissions::default(), 7)
        .unwrap();
    app.app
        .devices()
        .create_device_password(
            &owner,
            &info,
            owner.user,
            DeviceName::parse("phone").unwrap(),
            None,
        )
        .unwrap();
    app.app.services().make_dkim_keys(&owner, &domain).unwrap();
    app.app
        .tokens()
        .create_token(
            &owner,
            org,
            NewToken {
                name: "provisioning".into(),
                scope: Scope::Read,
                days: None,
                allow_from: Vec::new(),
            },
        )
        .unwrap();
    let import = app
        .app
        .imports()
        .upload_import(&owner, &domain, "rows.csv", b"address\nsales\n")
        .unwrap();
    app.app
        .imports()
        .start_import(&owner, &domain, import.id)
        .unwrap();
    app.app.imports().import_batch(import.id).unwrap();
    assert!(has_address(&app, &domain, "sales"));

    app.app
        .operators()
        .delete_organisation(OperatorActor::CommandLine, org, "", true)
        .unwrap();
    assert_eq!(
        app.app.operations().purge_expired_organisations().unwrap(),
        1
    );
    let reader = app.app.store_for_tests().read().unwrap();
    assert!(reader.organisation(org).unwrap().is_none());
    assert!(reader.service_by_domain(&domain).unwrap().is_none());
    assert!(reader.tokens_of(org).unwrap().is_empty());
    assert!(
        reader
            .all_addresses()
            .unwrap()
            .iter()
            .all(|a| !["info", "sales"].contains(&a.local_part.as_str())),
        "its addresses are gone"
    );
    assert!(reader.credentials_of_user(owner.user).unwrap().is_empty());
    assert!(reader.all_links().unwrap().is_empty());
    let report = mailroom::store::check::check(&reader).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let beta_jobs: Vec<_> = reader
        .recent_jobs(100)
        .unwrap()
        .into_iter()
        .filter(|j| j.org == Some(org) && j.state == JobState::Queued)
        .map(|j| j.id)
        .collect();
    assert!(!beta_jobs.is_empty(), "its import left a job queued");
    assert!(
        reader.user(ann(&app)).unwrap().is_some(),
        "ann keeps her account"
    );
    drop(reader);
    // Its queued jobs find nothing to do: settled, never run.
    let store = app.app.store_for_tests();
    let leased = store
        .write(|tx| tx.lease_due_jobs(u64::MAX / 2, 60_000, 100, "test"))
        .unwrap();
    assert!(leased.iter().all(|j| j.org != Some(org)), "{leased:?}");
    for id in beta_jobs {
        let job = store.read().unwrap().job(id).unwrap().unwrap();
        assert_eq!(job.state, JobState::Done, "{job:?}");
        assert_eq!(
            job.last_error.as_deref(),
            Some("its organisation was purged")
        );
    }
    // Its domain is free: Acme adds it.
    let acme_org = acme_id(&app);
    app.app
        .services()
        .add_service_vouched(&app.owner(), acme_org, &domain)
        .unwrap();
    // A second sweep finds nothing left.
    assert_eq!(
        app.app.operations().purge_expired_organisations().unwrap(),
        0
    );
    // Its name is free too: a new organisation takes it.
    let again = app
        .app
        .operators()
        .create_organisation(
            OperatorActor::CommandLine,
            &purged_name,
            &EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    assert_ne!(again.id, org);
    // The search finds the domain's and the name's new holders only, and
    // the store's indexes agree with its records.
    let found: Vec<_> = app
        .app
        .operators()
        .organisations(OperatorActor::CommandLine, "beta", None, 50)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.organisation.id)
        .collect();
    assert_eq!(found, [acme_org, again.id]);
    let report = mailroom::store::check::check(&store.read().unwrap()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// An import under way when its organisation is deleted waits with it,
/// and goes on once the organisation is restored.
#[tokio::test]
async fn an_import_under_way_waits_for_a_restore() {
    let app = TestApp::new();
    app.set_up().await;
    let org = beta(&app, true);
    let owner = app.app.organisations().owner_of(org).unwrap();
    let domain = Domain::parse("beta.example").unwrap();
    let imports = app.app.imports();
    let import = imports
        .upload_import(&owner, &domain, "rows.csv", b"address\nsales\n")
        .unwrap();
    imports.start_import(&owner, &domain, import.id).unwrap();
    let by = OperatorActor::CommandLine;
    app.app
        .operators()
        .delete_organisation(by, org, "", true)
        .unwrap();
    assert!(imports.import_batch(import.id).is_err());
    let state = |app: &TestApp| {
        let reader = app.app.store_for_tests().read().unwrap();
        let record = reader.import(import.id).unwrap().unwrap();
        (record.state, record.stopped)
    };
    assert_eq!(state(&app), (mailroom::model::ImportState::Running, None));
    app.app.operators().restore_organisation(by, org).unwrap();
    imports.import_batch(import.id).unwrap();
    assert!(has_address(&app, &domain, "sales"));
}
