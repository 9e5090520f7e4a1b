//! Quotas from the pages: managers and users with the `quota` permission
//! change an address's quota, others are refused; bad sizes change
//! nothing; the service's default applies to addresses without their own;
//! the CSV column sets it at creation.

use axum::http::StatusCode;
use mailroom::model::{Domain, Permission, Permissions, Quota, Role};

use super::helpers::{PASSWORD, TestApp};

fn quota_of(app: &TestApp, local: &str) -> Option<Quota> {
    app.stored(local).expect("address").quota
}

#[tokio::test]
async fn the_quota_permission_or_a_manager_changes_a_quota() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["team", "other"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "team",
        ann,
        Permissions::none().with(Permission::Password),
    );
    app.share(
        "acme.example",
        "other",
        ann,
        Permissions::none().with(Permission::Quota),
    );

    let page = "/services/acme.example/addresses/team";
    owner.get(page).await;
    let bad = owner
        .post(&format!("{page}/quota"), &[("quota", "lots\n")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(quota_of(&app, "team"), None);
    let saved = owner
        .post(&format!("{page}/quota"), &[("quota", "2 GB")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        quota_of(&app, "team"),
        Some(Quota::megabytes(2048).unwrap())
    );
    let shown = owner.get(page).await;
    assert!(
        shown.body.contains("Quota: <strong>2 GB</strong>."),
        "{}",
        shown.body
    );

    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    let without = member.get(page).await;
    assert!(
        !without.body.contains("Save the quota"),
        "no form without the permission"
    );
    let refused = member
        .post(&format!("{page}/quota"), &[("quota", "5 GB")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        quota_of(&app, "team"),
        Some(Quota::megabytes(2048).unwrap())
    );
    let other = "/services/acme.example/addresses/other";
    member.get(other).await;
    let allowed = member
        .post(&format!("{other}/quota"), &[("quota", "500")])
        .await;
    assert_eq!(allowed.status, StatusCode::SEE_OTHER, "{}", allowed.body);
    assert_eq!(
        quota_of(&app, "other"),
        Some(Quota::megabytes(500).unwrap())
    );

    // The service's default, for addresses without their own.
    owner.get("/services/acme.example").await;
    let default = owner
        .post("/services/acme.example/quota", &[("quota", "1G")])
        .await;
    assert_eq!(default.status, StatusCode::SEE_OTHER, "{}", default.body);
    owner.post(&format!("{page}/quota"), &[("quota", "")]).await;
    let shown = owner.get(page).await;
    assert!(
        shown
            .body
            .contains("Quota: <strong>1 GB</strong> (the service's default)."),
        "{}",
        shown.body
    );
    member.get("/services/acme.example").await;
    let not_manager = member
        .post("/services/acme.example/quota", &[("quota", "9G")])
        .await;
    assert_eq!(not_manager.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_csv_quota_column_sets_it_and_refuses_bad_sizes() {
    let app = TestApp::new();
    let _browser = app.set_up().await;
    app.add_service("acme.example");
    let owner = app.owner();
    let domain = Domain::parse("acme.example").unwrap();
    let csv = b"address,quota\nbig,2 GB\nbad,lots\nplain,\n";
    let record = app
        .app
        .imports()
        .upload_import(&owner, &domain, "q.csv", csv)
        .unwrap();
    assert_eq!((record.rows, record.valid), (3, 2));
    let results = {
        app.app
            .imports()
            .start_import(&owner, &domain, record.id)
            .unwrap();
        for _ in 0..10 {
            app.app.imports().import_batch(record.id).unwrap();
        }
        app.app
            .imports()
            .import_results(owner.user, &domain, record.id)
            .unwrap()
    };
    let bad = results.iter().find(|r| r.address == "bad").unwrap();
    assert!(format!("{:?}", bad.outcome).contains("quota"), "{bad:?}");
    assert_eq!(quota_of(&app, "big"), Some(Quota::megabytes(2048).unwrap()));
    assert_eq!(quota_of(&app, "plain"), None);
}
