//! With Dovecot's doveadm API set, access that ends queues the end of the
//! mail server's open sessions of exactly the logins it ended, and the
//! pages say connected programs are cut off; without it nothing is queued
//! and the pages say they stay connected until they close.

use mailroom::app::{AddressRef, AppSettings};
use mailroom::doveadm::DoveadmSettings;
use mailroom::model::{Job, Permissions, Role};

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

fn with_doveadm() -> AppSettings {
    AppSettings {
        doveadm: Some(DoveadmSettings {
            url: "http://127.0.0.1:9".into(),
            key: "key".into(),
        }),
        ..AppSettings::default()
    }
}

/// The logins of every queued end of sessions, oldest first.
fn ends_queued(app: &TestApp) -> Vec<Vec<String>> {
    use mailroom::store::prelude::*;
    let reader = app.app.store_for_tests().read().unwrap();
    let mut jobs = reader.recent_jobs(usize::MAX).unwrap();
    jobs.reverse();
    jobs.into_iter()
        .filter_map(|record| match record.job {
            Job::EndSessions { logins } => Some(logins),
            _ => None,
        })
        .collect()
}

/// The names the mail server gives the sessions of the address's device
/// passwords (`local=d<id>@domain`), as stored.
fn device_sessions(app: &TestApp) -> Vec<String> {
    let shared = AddressRef::parse("acme.example", "shared").unwrap();
    let mut names: Vec<String> = app
        .app
        .devices()
        .device_passwords(&app.owner(), &shared)
        .unwrap()
        .into_iter()
        .map(|row| format!("shared=d{}@acme.example", row.credential.id))
        .collect();
    names.sort();
    names
}

async fn shared_with_ann(app: &TestApp) -> (crate::helpers::Client, mailroom::model::UserId) {
    app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share("acme.example", "shared", ann, Permissions::none());
    let mut client = app.client();
    client.login("ann@acme.example", PASSWORD).await;
    client.get(PAGE).await;
    (client, ann)
}

#[tokio::test]
async fn ended_access_queues_the_end_of_exactly_its_sessions() {
    let app = TestApp::with_settings(with_doveadm());
    let (mut ann, ann_id) = shared_with_ann(&app).await;
    for name in ["phone", "laptop"] {
        ann.post(&format!("{PAGE}/devices"), &[("device-name", name)])
            .await;
    }
    let expected = device_sessions(&app);
    assert_eq!(expected.len(), 2, "{expected:?}");
    assert!(ends_queued(&app).is_empty(), "nothing ended yet");
    let page = ann.get(PAGE).await;
    assert!(
        !page.body.contains("id=\"sessions-note\""),
        "programs are cut off: no note that they stay"
    );

    let owner = app.owner();
    let shared = AddressRef::parse("acme.example", "shared").unwrap();
    let bob = app.add_member("bob@acme.example", Role::Member);
    app.share("acme.example", "shared", bob, Permissions::none());
    app.app.sharing().remove_user(&owner, &shared, bob).unwrap();
    assert!(
        ends_queued(&app).is_empty(),
        "Bob had no device password: no session to end, no job"
    );

    app.app
        .sharing()
        .remove_user(&owner, &shared, ann_id)
        .unwrap();
    let mut ended = ends_queued(&app);
    assert_eq!(ended.len(), 1, "{ended:?}");
    ended[0].sort();
    assert_eq!(ended[0], expected);
}

#[tokio::test]
async fn without_doveadm_nothing_is_queued_and_the_pages_say_programs_stay() {
    let app = TestApp::new();
    let (mut ann, ann_id) = shared_with_ann(&app).await;
    ann.post(&format!("{PAGE}/devices"), &[("device-name", "phone")])
        .await;
    let page = ann.get(PAGE).await;
    assert!(page.body.contains("id=\"sessions-note\""), "{}", page.body);
    let mut owner = app.client();
    owner.login(crate::helpers::OWNER, PASSWORD).await;
    let delete = owner.get(&format!("{PAGE}/delete")).await;
    assert!(
        !delete
            .body
            .contains("Mail programs connected now are disconnected."),
        "{}",
        delete.body
    );
    let shared = AddressRef::parse("acme.example", "shared").unwrap();
    app.app
        .sharing()
        .remove_user(&app.owner(), &shared, ann_id)
        .unwrap();
    assert!(ends_queued(&app).is_empty());
}

#[tokio::test]
async fn with_doveadm_the_delete_page_says_connected_programs_are_cut_off() {
    let app = TestApp::with_settings(with_doveadm());
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let delete = owner.get(&format!("{PAGE}/delete")).await;
    assert!(
        delete
            .body
            .contains("Mail programs connected now are disconnected."),
        "{}",
        delete.body
    );
}
