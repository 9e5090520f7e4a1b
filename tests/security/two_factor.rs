//! Two-factor sign-in: enrolling takes a code from the secret shown; a
//! login then waits for a code, which counts once; recovery codes are used
//! up; a login waiting for its code opens nothing (not even an invitation);
//! owners can require it and reset a member's.

use axum::http::StatusCode;
use mailroom::model::Role;

use crate::helpers::{OWNER, PASSWORD, TestApp};
use crate::two_factor_codes::{code_for, enrol, unix_now};

#[tokio::test]
async fn a_login_waits_for_a_code_that_counts_once() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let (secret_page, recovery) = enrol(&mut owner).await;
    assert!(
        owner
            .get("/account/two-factor")
            .await
            .body
            .contains("On: every login")
    );

    let mut there = app.client_from("127.0.21.2");
    let login = there.login(OWNER, PASSWORD).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert!(login.location().starts_with("/login/code"));
    let blocked = there.get("/services").await;
    assert!(
        blocked.location().starts_with("/login/code"),
        "nothing opens before the code"
    );
    there.get("/login/code").await;
    let wrong = there.post("/login/code", &[("code", "123456")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // The next step's code (the clock may be a step ahead of the phone's).
    let code = code_for(&secret_page, unix_now() + 30);
    let right = there
        .post("/login/code", &[("code", &code), ("next", "/account")])
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    assert_eq!(right.location(), "/account");
    assert_eq!(there.get("/services").await.status, StatusCode::OK);

    // The same code, seen by someone looking over the shoulder, is spent.
    let mut spy = app.client_from("127.0.21.3");
    spy.login(OWNER, PASSWORD).await;
    spy.get("/login/code").await;
    let replay = spy.post("/login/code", &[("code", &code)]).await;
    assert_eq!(
        replay.status,
        StatusCode::UNAUTHORIZED,
        "a code counts once"
    );
    assert!(
        spy.get("/services")
            .await
            .location()
            .starts_with("/login/code")
    );

    // A recovery code opens it once, however it is typed.
    let typed = recovery[0].to_uppercase().replace('-', " ");
    let recovered = spy.post("/login/code", &[("code", &typed)]).await;
    assert_eq!(
        recovered.status,
        StatusCode::SEE_OTHER,
        "{}",
        recovered.body
    );
    assert_eq!(spy.get("/services").await.status, StatusCode::OK);
    let mut again = app.client_from("127.0.21.4");
    again.login(OWNER, PASSWORD).await;
    again.get("/login/code").await;
    let used = again.post("/login/code", &[("code", &recovery[0])]).await;
    assert_eq!(used.status, StatusCode::UNAUTHORIZED, "used up");

    // Turning it off takes the password and a code.
    let no_password = owner
        .post(
            "/account/two-factor/disable",
            &[("password", "wrong"), ("code", &recovery[1])],
        )
        .await;
    assert_eq!(no_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    let off = owner
        .post(
            "/account/two-factor/disable",
            &[("password", PASSWORD), ("code", &recovery[1])],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    let mut plain = app.client_from("127.0.21.5");
    assert_eq!(plain.login(OWNER, PASSWORD).await.location(), "/services");
}

/// A session opened before enrolling never gave a code: enrolling ends
/// it, and keeps the one that enrolled.
#[tokio::test]
async fn enrolling_ends_the_other_sessions_which_gave_no_code() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let mut laptop = app.client_from("127.0.21.9");
    laptop.login(OWNER, PASSWORD).await;
    assert_eq!(laptop.get("/services").await.status, StatusCode::OK);
    enrol(&mut owner).await;
    assert_eq!(
        owner.get("/services").await.status,
        StatusCode::OK,
        "the session that enrolled stays"
    );
    let after = laptop.get("/services").await;
    assert!(
        after.status == StatusCode::SEE_OTHER && after.location().starts_with("/login"),
        "the other session ended: {} {}",
        after.status,
        after.body
    );
}

#[tokio::test]
async fn codes_are_throttled_like_passwords() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    enrol(&mut owner).await;
    let mut guesser = app.client_from("127.0.22.2");
    guesser.login(OWNER, PASSWORD).await;
    guesser.get("/login/code").await;
    let mut refused = 0;
    for guess in 0..12 {
        let answer = guesser
            .post("/login/code", &[("code", &format!("{guess:06}"))])
            .await;
        if answer.body.contains("Too many") || answer.body.contains("too many") {
            refused += 1;
        }
    }
    assert!(refused >= 6, "guessing stops after a few codes: {refused}");
}

#[tokio::test]
async fn a_login_waiting_for_its_code_accepts_no_invitation() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let page = "/services/acme.example/addresses/shared";
    owner.get(page).await;
    let made = owner.post(&format!("{page}/links"), &[("days", "7")]).await;
    let link = made
        .body
        .split("id=\"new-link-url\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .and_then(|url| url.strip_prefix("http://127.0.0.1:8080"))
        .expect("a link")
        .to_owned();
    let ann_id = app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client_from("127.0.23.2");
    ann.login("ann@acme.example", PASSWORD).await;
    enrol(&mut ann).await;

    let mut thief = app.client_from("127.0.23.3");
    let half = thief.login("ann@acme.example", PASSWORD).await;
    assert!(
        half.location().starts_with("/login/code"),
        "{}",
        half.location()
    );
    let offer = thief.get(&link).await;
    assert!(!offer.body.contains("You are logged in as"));
    let taken = thief.post(&link, &[]).await;
    assert_ne!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
    // What Ann holds, as the store has it: the password alone granted nothing.
    use mailroom::store::prelude::*;
    let shared = app.stored("shared").expect("shared").id;
    let access = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .access(shared, ann_id)
        .unwrap();
    assert!(access.is_none(), "{access:?}");
    let ann_view = ann.get(page).await;
    assert_eq!(
        ann_view.status,
        StatusCode::NOT_FOUND,
        "not one of her addresses"
    );
}

#[tokio::test]
async fn owners_require_it_and_reset_a_lost_one() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let admin = app.add_member("admin@acme.example", Role::Admin);
    app.add_member("member@acme.example", Role::Member);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .expect("org")
        .id
        .to_string();
    let members = format!("/organisations/{org}/members");
    owner.get(&members).await;

    // An admin cannot require it; an owner can.
    let mut admin_client = app.client_from("127.0.24.2");
    admin_client.login("admin@acme.example", PASSWORD).await;
    admin_client.get(&members).await;
    let refused = admin_client
        .post(
            &format!("/organisations/{org}/two-factor"),
            &[("required", "managers")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let required = owner
        .post(
            &format!("/organisations/{org}/two-factor"),
            &[("required", "managers")],
        )
        .await;
    assert_eq!(required.location(), members);
    // The owner too: enrol before anything else.
    assert_eq!(
        owner.get("/services").await.location(),
        "/account/two-factor"
    );
    enrol(&mut owner).await;

    // The admin, already logged in, is sent to enrol before anything else;
    // a plain member is not.
    let detour = admin_client.get("/services").await;
    assert_eq!(detour.location(), "/account/two-factor");
    let mut member = app.client_from("127.0.24.3");
    member.login("member@acme.example", PASSWORD).await;
    assert_eq!(member.get("/services").await.status, StatusCode::OK);
    enrol(&mut admin_client).await;
    assert_eq!(admin_client.get("/services").await.status, StatusCode::OK);

    // A lost phone: the owner resets it, and the admin enrols again.
    let mut phone_lost = app.client_from("127.0.24.4");
    phone_lost.login("admin@acme.example", PASSWORD).await;
    assert!(
        phone_lost
            .get("/services")
            .await
            .location()
            .starts_with("/login/code")
    );
    let reset = owner
        .post(
            &format!("/organisations/{org}/members/{admin}/two-factor/reset"),
            &[],
        )
        .await;
    assert_eq!(reset.location(), members, "{}", reset.body);
    let mut fresh = app.client_from("127.0.24.5");
    fresh.login("admin@acme.example", PASSWORD).await;
    assert_eq!(
        fresh.get("/services").await.location(),
        "/account/two-factor",
        "no code asked, but enrolment is required again"
    );
}

#[tokio::test]
async fn requiring_it_of_everyone_reaches_members_and_the_strictest_organisation_wins() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    enrol(&mut owner).await;
    app.add_member("member@acme.example", Role::Member);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .expect("org")
        .id;
    let members = format!("/organisations/{org}/members");
    let form = format!("/organisations/{org}/two-factor");
    owner.get(&members).await;
    // A value the form does not offer changes nothing.
    let hostile = owner.post(&form, &[("required", "on")]).await;
    assert_eq!(hostile.status, StatusCode::BAD_REQUEST, "{}", hostile.body);
    let mut member = app.client_from("127.0.24.6");
    member.login("member@acme.example", PASSWORD).await;
    assert_eq!(member.get("/services").await.status, StatusCode::OK);

    // Owners and admins only: the member goes on.
    owner.get(&members).await;
    owner.post(&form, &[("required", "managers")]).await;
    assert_eq!(member.get("/services").await.status, StatusCode::OK);
    // Everyone: the member enrols before anything else.
    let everyone = owner.post(&form, &[("required", "everyone")]).await;
    assert_eq!(everyone.location(), members);
    assert!(
        owner
            .get(&members)
            .await
            .body
            .contains("value=\"everyone\" checked")
    );
    assert_eq!(
        member.get("/services").await.location(),
        "/account/two-factor"
    );

    // In two organisations, the strictest applies: Acme requires it of
    // everyone, Beta of nobody; once out of Acme, Beta asks nothing.
    let bob = app.add_member("bob@acme.example", Role::Member);
    let bob_login = mailroom::model::EmailAddress::parse("bob@acme.example").unwrap();
    let beta = app
        .app
        .operators()
        .create_organisation(
            mailroom::app::OperatorActor::CommandLine,
            "Beta",
            &bob_login,
        )
        .unwrap()
        .id;
    let mut bob_client = app.client_from("127.0.24.7");
    bob_client.login("bob@acme.example", PASSWORD).await;
    assert_eq!(
        bob_client.get("/services").await.location(),
        "/account/two-factor"
    );
    app.app
        .organisations()
        .remove_member(&app.owner(), org, bob)
        .unwrap();
    let mut bob_again = app.client_from("127.0.24.8");
    bob_again.login("bob@acme.example", PASSWORD).await;
    let page = bob_again.get(&format!("/organisations/{beta}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Back to nobody: the member is let through.
    owner.get(&members).await;
    owner.post(&form, &[("required", "nobody")]).await;
    assert_eq!(member.get("/services").await.status, StatusCode::OK);
}
