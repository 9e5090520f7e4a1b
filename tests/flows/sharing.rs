use axum::http::StatusCode;
use mailroom::model::Role;
use mailroom::store::prelude::*;

use crate::helpers::{Client, OWNER, PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/jo";

async fn setup() -> (TestApp, Client) {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    owner.get(PAGE).await;
    (app, owner)
}

#[tokio::test]
async fn an_outsider_signs_up_through_the_invitation_once() {
    let (app, mut owner) = setup().await;
    let invited = owner
        .post(
            &format!("{PAGE}/users"),
            &[
                ("who", "guest@elsewhere.example"),
                ("perm_forwarding", "on"),
                ("signup", "own_choice"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let general = owner.get(PAGE).await;
    assert!(
        general.body.contains("guest@elsewhere.example") && general.body.contains("email: queued")
    );
    let link = app.last_link_path();
    assert!(
        link.starts_with("/invitations/") && link.len() > 50,
        "a long random token: {link}"
    );

    let mut guest = app.client_from("127.0.0.20");
    let page = guest.get(&link).await;
    assert!(page.body.contains("Create your account") && page.body.contains("forwarding"));
    let weak = guest
        .post(
            &link,
            &[
                ("login", "guest@elsewhere.example"),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let taken = guest
        .post(
            &link,
            &[
                ("login", OWNER),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert!(
        taken.body.contains("already has an account"),
        "{}",
        taken.body
    );
    let signed = guest
        .post(
            &link,
            &[
                ("login", "guest@elsewhere.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    // An email of their own choice: proven by a link sent there first.
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert!(signed.body.contains("Check your email"), "{}", signed.body);
    let mut impostor = app.client_from("127.0.0.21");
    let early = impostor.login("guest@elsewhere.example", PASSWORD).await;
    assert_eq!(
        early.status,
        StatusCode::UNAUTHORIZED,
        "no account before confirming"
    );
    let confirmation = app.last_link_path();
    assert!(confirmation.starts_with("/sign-up/"), "{confirmation}");
    let page = guest.get(&confirmation).await;
    assert!(page.body.contains("Create my account"), "{}", page.body);
    let confirmed = guest.post(&confirmation, &[]).await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert_eq!(confirmed.location(), PAGE);
    let again = app.client().get(&confirmation).await;
    assert_eq!(
        again.status,
        StatusCode::NOT_FOUND,
        "a confirmation works once"
    );
    let landed = guest.get(PAGE).await;
    assert_eq!(landed.status, StatusCode::OK);
    assert!(
        landed
            .body
            .contains("href=\"/services/acme.example/addresses/jo/forwarding\""),
        "the invited permission"
    );
    assert!(!landed.body.contains("/aliases\""), "and no other");

    let reused = app.client().get(&link).await;
    assert_eq!(reused.status, StatusCode::GONE);
    assert!(reused.body.contains("already accepted"));
    let unknown = app.client().get("/invitations/not-a-real-token").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("This link is not valid"));
}

#[tokio::test]
async fn an_invitation_for_the_address_itself_needs_that_login() {
    let (app, mut owner) = setup().await;
    owner
        .post(
            &format!("{PAGE}/users"),
            &[
                ("who", "guest@elsewhere.example"),
                ("signup", "this_address"),
            ],
        )
        .await;
    let link = app.last_link_path();
    let mut guest = app.client_from("127.0.0.21");
    let page = guest.get(&link).await;
    assert!(page.body.contains("value=\"jo@acme.example\" readonly"));
    // Whatever is typed, the login is the address itself.
    let signed = guest
        .post(
            &link,
            &[
                ("login", "someone@else.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let mut again = app.client_from("127.0.0.22");
    assert_eq!(
        again.login("jo@acme.example", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(again.get(PAGE).await.status, StatusCode::OK);

    // Accepting while logged in as someone else is refused.
    owner
        .post(
            &format!("{PAGE}/users"),
            &[
                ("who", "other@elsewhere.example"),
                ("signup", "this_address"),
            ],
        )
        .await;
    let second = app.last_link_path();
    let mut wrong = app.client();
    wrong.login(OWNER, PASSWORD).await;
    wrong.get(&second).await;
    let refused = wrong.post(&second, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("must be accepted with the login jo@acme.example")
    );
}

#[tokio::test]
async fn resent_revoked_and_expired_invitations() {
    let (app, mut owner) = setup().await;
    owner
        .post(
            &format!("{PAGE}/users"),
            &[("who", "guest@elsewhere.example")],
        )
        .await;
    let first = app.last_link_path();
    let page = owner.get(PAGE).await;
    let id_at = page
        .body
        .split("/invitations/")
        .find(|s| s.contains("/resend"))
        .unwrap();
    let id = &id_at[..id_at.find('/').unwrap()];
    assert_eq!(
        owner
            .post(&format!("{PAGE}/invitations/{id}/resend"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let second = app.last_link_path();
    assert_ne!(first, second);
    assert_eq!(
        app.client().get(&first).await.status,
        StatusCode::NOT_FOUND,
        "the old link died"
    );
    assert_eq!(app.client().get(&second).await.status, StatusCode::OK);

    assert_eq!(
        owner
            .post(&format!("{PAGE}/invitations/{id}/revoke"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let revoked = app.client().get(&second).await;
    assert_eq!(revoked.status, StatusCode::GONE);
    assert!(revoked.body.contains("withdrawn"));

    // Expired: thirty days later.
    owner
        .post(
            &format!("{PAGE}/users"),
            &[("who", "late@elsewhere.example")],
        )
        .await;
    let late = app.last_link_path();
    let invitation_id = {
        let reader = app.app.store_for_tests().read().unwrap();
        let address = reader
            .address_by_name(
                reader
                    .service_by_domain(&mailroom::model::Domain::parse("acme.example").unwrap())
                    .unwrap()
                    .unwrap()
                    .id,
                &mailroom::model::LocalPart::parse("jo").unwrap(),
            )
            .unwrap()
            .unwrap();
        reader
            .invitations_of(address.id)
            .unwrap()
            .into_iter()
            .rfind(|i| i.email.to_ascii() == "late@elsewhere.example")
            .unwrap()
            .id
    };
    app.app
        .store_for_tests()
        .write(|tx| -> Result<(), mailroom::store::StoreError> {
            let mut invitation = tx.invitation(invitation_id)?.unwrap();
            invitation.expires = 0;
            tx.put_invitation(&invitation)
        })
        .unwrap();
    let expired = app.client().get(&late).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert!(expired.body.contains("This link has expired"));
    let mut guest = app.client();
    guest.get("/login").await;
    let post = guest
        .post(
            &late,
            &[
                ("login", "late@elsewhere.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        post.status,
        StatusCode::GONE,
        "nothing is created through an expired link"
    );
    assert_eq!(
        guest.login("late@elsewhere.example", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_sharing_link_is_shown_once_counts_its_uses_and_can_be_revoked() {
    let (app, mut owner) = setup().await;
    let made = owner
        .post(
            &format!("{PAGE}/links"),
            &[("perm_history", "on"), ("days", "30")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK);
    assert!(made.body.contains("Copy this link now"));
    let start = made.body.find("http://127.0.0.1:8080/links/").unwrap();
    let url = &made.body[start..start + made.body[start..].find('"').unwrap()];
    let path = url
        .strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_owned();
    let later = owner.get(PAGE).await;
    assert!(!later.body.contains(url), "shown once");
    assert!(later.body.contains("0 times"));

    // A member opens it in another browser and accepts as themselves.
    app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client_from("127.0.0.30");
    ann.login("ann@acme.example", PASSWORD).await;
    let offer = ann.get(&path).await;
    assert!(offer.body.contains("You are logged in as"));
    let accepted = ann.post(&path, &[]).await;
    assert_eq!(accepted.location(), PAGE);
    assert!(
        ann.get(&format!("{PAGE}/history")).await.status == StatusCode::OK,
        "the link's permission"
    );
    // A stranger signs up through it.
    let mut stranger = app.client_from("127.0.0.31");
    stranger.get(&path).await;
    let joined = stranger
        .post(
            &path,
            &[
                ("login", "new@elsewhere.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::OK);
    assert!(
        !owner.get(PAGE).await.body.contains("2 times"),
        "not before confirming"
    );
    let confirmation = app.last_link_path();
    let confirmed = stranger.post(&confirmation, &[]).await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert!(owner.get(PAGE).await.body.contains("2 times"));

    let page = owner.get(PAGE).await;
    let id_at = page
        .body
        .split("/links/")
        .find(|s| s.contains("/revoke"))
        .unwrap();
    let id = &id_at[..id_at.find('/').unwrap()];
    owner.post(&format!("{PAGE}/links/{id}/revoke"), &[]).await;
    let revoked = app.client().get(&path).await;
    assert_eq!(revoked.status, StatusCode::GONE);
    let invalid = owner.post(&format!("{PAGE}/links"), &[("days", "0")]).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn sharing_needs_the_users_permission() {
    let (app, mut owner) = setup().await;
    // What there is to act on: an invitation and a link the owner made.
    owner.get(PAGE).await;
    let invited = owner
        .post(
            &format!("{PAGE}/users"),
            &[("who", "guest@elsewhere.example")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let made = owner.post(&format!("{PAGE}/links"), &[("days", "3")]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let jo = app.stored("jo").unwrap().id;
    let offers = |app: &TestApp| {
        let reader = app.app.store_for_tests().read().unwrap();
        let invitations: Vec<String> = reader
            .invitations_of(jo)
            .unwrap()
            .iter()
            .map(|i| format!("{:?}", (i.id, &i.email, &i.state, i.token_hash, i.expires)))
            .collect();
        let links: Vec<String> = reader
            .all_links()
            .unwrap()
            .iter()
            .filter(|l| l.address == jo)
            .map(|l| format!("{:?}", (l.id, l.revoked)))
            .collect();
        let audit = reader.recent_audit(usize::MAX).unwrap().len();
        (invitations, links, audit)
    };
    let before = offers(&app);
    let (invitation, link) = {
        let reader = app.app.store_for_tests().read().unwrap();
        let invitation = reader.invitations_of(jo).unwrap()[0].id;
        let link = reader
            .all_links()
            .unwrap()
            .into_iter()
            .find(|l| l.address == jo)
            .unwrap()
            .id;
        (invitation, link)
    };

    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "jo",
        ann,
        mailroom::model::Permissions::none(),
    );
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    member.get(PAGE).await;
    // Her access and her login are recorded; nothing else may be.
    let before = (before.0, before.1, offers(&app).2);
    for (path, fields) in [
        (
            format!("{PAGE}/users"),
            vec![("who", "x@elsewhere.example")],
        ),
        (format!("{PAGE}/links"), vec![("days", "3")]),
        (format!("{PAGE}/invitations/{invitation}/resend"), vec![]),
        (format!("{PAGE}/invitations/{invitation}/revoke"), vec![]),
        (format!("{PAGE}/links/{link}/revoke"), vec![]),
    ] {
        assert_eq!(
            member.post(&path, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(offers(&app), before, "{path} changed something");
    }
    assert_eq!(member.get("/outbox").await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.get("/jobs").await.status, StatusCode::FORBIDDEN);
    let outbox = app
        .app
        .operations()
        .outbox_for(app.owner().user, 10)
        .unwrap();
    let subjects: Vec<&str> = outbox.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        outbox.len(),
        2,
        "only the owner's own sharing sent mail: {subjects:?}"
    );
    assert!(
        subjects[0].starts_with("You can now use jo@acme.example"),
        "{subjects:?}"
    );
}

#[tokio::test]
async fn members_page_changes_roles_and_removes_members_but_keeps_an_owner() {
    let (app, mut owner) = setup().await;
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "jo",
        ann,
        mailroom::model::Permissions::none(),
    );
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let members = format!("/organisations/{org}/members");
    let page = owner.get(&members).await;
    assert!(page.body.contains("ann@acme.example") && page.body.contains("(you)"));
    let me = app.owner().user;

    assert_eq!(
        owner
            .post(&format!("{members}/{ann}/role"), &[("role", "admin")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut admin = app.client();
    admin.login("ann@acme.example", PASSWORD).await;
    admin.get(&members).await;
    assert_eq!(
        admin
            .post(&format!("{members}/{ann}/role"), &[("role", "owner")])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "only owners make owners"
    );
    assert_eq!(
        admin
            .post(&format!("{members}/{me}/remove"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let role_of = |user| {
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .membership(org, user)
            .unwrap()
            .map(|m| m.role)
    };
    assert_eq!(role_of(ann), Some(Role::Admin), "not made an owner");
    assert_eq!(role_of(me), Some(Role::Owner), "not removed");
    let demote = owner
        .post(&format!("{members}/{me}/role"), &[("role", "member")])
        .await;
    assert_eq!(demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(demote.body.contains("at least one owner"));
    let remove_self = owner.post(&format!("{members}/{me}/remove"), &[]).await;
    assert!(remove_self.body.contains("last owner"));

    assert_eq!(
        owner
            .post(&format!("{members}/{ann}/remove"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let gone = owner.get(PAGE).await;
    assert!(
        !gone.body.contains("ann@acme.example"),
        "the access went with the member"
    );
    // Removing a member ends their web sessions too.
    let after = admin.get("/services/acme.example").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert!(
        after.location().starts_with("/login"),
        "{}",
        after.location()
    );
}
