//! An organisation's first owner without an account: the operator's
//! console sends an invitation by email; its link leads only that email's
//! person in (signing up on the way, or signed in), once; a newer
//! invitation kills the older link; a suspended or deleted organisation is
//! joined by nobody; the owners read it in their history. And the
//! operators' tokens page: made for oneself, shown once, revoked.

use axum::http::StatusCode;
use mailroom::app::OperatorActor;
use mailroom::model::{EmailAddress, Role};
use mailroom::store::prelude::*;

use super::helpers::{Client, PASSWORD, TestApp};
use super::two_factor_codes::enrol;

const NEW_PASSWORD: &str = "a new owner's long password";

async fn operator(app: &TestApp) -> Client {
    let mut owner = app.set_up().await;
    enrol(&mut owner).await;
    owner
}

/// Creates Beta in the console with `owner` as its first owner; its id.
async fn create_beta(app: &TestApp, operator: &mut Client, owner: &str) -> u64 {
    operator.get("/operator").await;
    let made = operator
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", owner)],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let reader = app.app.store_for_tests().read().unwrap();
    reader
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Beta")
        .unwrap()
        .id
        .0
}

/// How many messages Mailroom has queued, in every organisation.
fn mails(app: &TestApp) -> usize {
    let reader = app.app.store_for_tests().read().unwrap();
    let orgs: Vec<_> = reader
        .organisations()
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    reader.messages_of(&orgs, usize::MAX).unwrap().len()
}

fn role_in(app: &TestApp, org: u64, login: &str) -> Option<Role> {
    let reader = app.app.store_for_tests().read().unwrap();
    let user = reader
        .user_by_login(&EmailAddress::parse(login).unwrap())
        .unwrap()?;
    reader
        .membership(mailroom::model::OrgId(org), user.id)
        .unwrap()
        .map(|m| m.role)
}

#[tokio::test]
async fn a_first_owner_without_an_account_signs_up_through_the_invitation() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    let beta = create_beta(&app, &mut operator, "new@beta.example").await;
    let page = operator
        .get(&format!("/operator/organisations/{beta}"))
        .await;
    assert!(
        page.body.contains("id=\"owner-invitation\"") && page.body.contains("new@beta.example"),
        "{}",
        page.body
    );
    let listed = operator.get("/operator?q=beta").await;
    assert!(
        listed.body.contains("new@beta.example (invited)"),
        "{}",
        listed.body
    );
    let mail = app.last_mail();
    assert_eq!(mail.to.to_string(), "new@beta.example");
    assert!(mail.subject.contains("Beta"), "{}", mail.subject);
    let link = app.last_link_path();
    assert!(link.starts_with(&format!("/join/{beta}/")), "{link}");

    // Someone else's session is told, and cannot take it.
    app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    let shown = ann.get(&link).await;
    assert!(
        shown.body.contains(
            "You are signed in as ann@acme.example, but this invitation is for new@beta.example"
        ),
        "{}",
        shown.body
    );
    let taken = ann.post(&link, &[]).await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        taken.body
    );
    assert_eq!(role_in(&app, beta, "ann@acme.example"), None);

    // Signing up: a weak or mistyped password is refused, nothing made.
    let mut new = app.client();
    let shown = new.get(&link).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("value=\"new@beta.example\" readonly"),
        "{}",
        shown.body
    );
    for (password, confirm) in [
        ("short", "short"),
        (NEW_PASSWORD, "something else entirely"),
    ] {
        let refused = new
            .post(&link, &[("password", password), ("confirm", confirm)])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("aria-invalid=\"true\""),
            "{}",
            refused.body
        );
    }
    assert_eq!(role_in(&app, beta, "new@beta.example"), None);
    let joined = new
        .post(
            &link,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.location(), format!("/organisations/{beta}"));
    assert_eq!(role_in(&app, beta, "new@beta.example"), Some(Role::Owner));
    // Signed in already, and the owner of Beta's pages.
    let home = new.get(&format!("/organisations/{beta}")).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    let members = new.get(&format!("/organisations/{beta}/members")).await;
    assert_eq!(members.status, StatusCode::OK, "{}", members.body);
    // The link is spent; the console shows the owner, no invitation.
    assert_eq!(app.client().get(&link).await.status, StatusCode::NOT_FOUND);
    let page = operator
        .get(&format!("/operator/organisations/{beta}"))
        .await;
    assert!(!page.body.contains("id=\"owner-invitation\""));
    // Beta's owners read what the operator did.
    let history = new.get(&format!("/organisations/{beta}/history")).await;
    assert!(
        history
            .body
            .contains("Invited new@beta.example to become an owner"),
        "{}",
        history.body
    );
    // And the new owner signs in with the password they chose.
    let mut again = app.client();
    let signed_in = again.login("new@beta.example", NEW_PASSWORD).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
}

#[tokio::test]
async fn only_the_newest_invitation_of_a_live_organisation_leads_in() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    let beta = create_beta(&app, &mut operator, "typo@beta.example").await;
    let first = app.last_link_path();
    // A second invitation (the operator fixing a typo) kills the first.
    let page = format!("/operator/organisations/{beta}");
    operator.get(&page).await;
    let invited = operator
        .post(
            &format!("{page}/owners"),
            &[("email", "right@beta.example")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let second = app.last_link_path();
    assert_ne!(first, second);
    assert_eq!(app.client().get(&first).await.status, StatusCode::NOT_FOUND);
    let mut typo = app.client();
    typo.get(&second).await;
    let posted = typo
        .post(
            &first,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    assert_eq!(role_in(&app, beta, "typo@beta.example"), None);
    // A bad email is refused on its field, and nothing is sent.
    let refused = operator
        .post(&format!("{page}/owners"), &[("email", "right@")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.last_link_path(), second);

    // Suspended: nobody joins. Resumed: the link works again.
    app.app
        .operators()
        .suspend(
            OperatorActor::CommandLine,
            mailroom::model::OrgId(beta),
            "unpaid",
        )
        .unwrap();
    let mut right = app.client();
    let shown = right.get(&second).await;
    assert_eq!(shown.status, StatusCode::FORBIDDEN, "{}", shown.body);
    assert!(shown.body.contains("unpaid"));
    app.app
        .operators()
        .resume(OperatorActor::CommandLine, mailroom::model::OrgId(beta))
        .unwrap();
    assert_eq!(right.get(&second).await.status, StatusCode::OK);
    // Deleted: the link leads nowhere.
    app.app
        .operators()
        .delete_organisation(
            OperatorActor::CommandLine,
            mailroom::model::OrgId(beta),
            "",
            true,
        )
        .unwrap();
    right.get("/login").await;
    let gone = right
        .post(
            &second,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .user_by_login(&EmailAddress::parse("right@beta.example").unwrap())
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_person_with_an_account_signs_in_to_accept_or_is_made_owner_at_once() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    app.add_member("ann@acme.example", Role::Member);
    // Ann has an account: she is Beta's owner at once, and no mail is sent.
    let before = mails(&app);
    let beta = create_beta(&app, &mut operator, "ann@acme.example").await;
    assert_eq!(role_in(&app, beta, "ann@acme.example"), Some(Role::Owner));
    assert_eq!(mails(&app), before);
    // Invited before her account existed, she signs in to accept.
    let page = format!("/operator/organisations/{beta}");
    operator.get(&page).await;
    operator
        .post(&format!("{page}/owners"), &[("email", "bob@acme.example")])
        .await;
    let link = app.last_link_path();
    app.add_member("bob@acme.example", Role::Member);
    let mut bob = app.client();
    let shown = bob.get(&link).await;
    assert!(shown.body.contains("href=\"/login?next="), "{}", shown.body);
    // A sign-up posted anyway (the page offers none) takes no account.
    bob.get("/login").await;
    let refused = bob
        .post(
            &link,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(role_in(&app, beta, "bob@acme.example"), None);
    bob.login("bob@acme.example", PASSWORD).await;
    bob.get(&link).await;
    let accepted = bob.post(&link, &[]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(role_in(&app, beta, "bob@acme.example"), Some(Role::Owner));
}

#[tokio::test]
async fn operators_make_their_tokens_on_their_own_page() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    let page = operator.get("/operator/tokens").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!page.body.contains("name=\"scope\""), "no scope to choose");
    let refused = operator
        .post("/operator/tokens", &[("name", " "), ("days", "")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let made = operator
        .post("/operator/tokens", &[("name", "billing"), ("days", "30")])
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let secret = made
        .body
        .split("id=\"token-value\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the token, shown once")
        .to_owned();
    assert!(secret.starts_with("mrt_"));
    let tokens = app
        .app
        .operators()
        .operator_tokens(OperatorActor::CommandLine)
        .unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].0.org, None);
    assert_eq!(
        tokens[0].1.as_ref().unwrap().to_string(),
        "owner@acme.example"
    );
    let listed = operator.get("/operator/tokens").await;
    assert!(
        listed.body.contains("acts as owner@acme.example"),
        "{}",
        listed.body
    );
    // Not shown again; revoked from the page.
    let again = operator.get("/operator/tokens").await;
    assert!(!again.body.contains(&secret));
    let revoked = operator
        .post(&format!("/operator/tokens/{}/revoke", tokens[0].0.id), &[])
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let tokens = app
        .app
        .operators()
        .operator_tokens(OperatorActor::CommandLine)
        .unwrap();
    assert!(tokens[0].0.revoked.is_some());
    // A member is no operator: the page refuses them.
    app.add_member("ann@acme.example", Role::Admin);
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    assert_eq!(
        ann.get("/operator/tokens").await.status,
        StatusCode::FORBIDDEN
    );
    let refused = ann
        .post("/operator/tokens", &[("name", "mine"), ("days", "")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.app
            .operators()
            .operator_tokens(OperatorActor::CommandLine)
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn an_expired_or_withdrawn_invitation_leads_nowhere() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    let beta = create_beta(&app, &mut operator, "late@beta.example").await;
    let link = app.last_link_path();
    let org = mailroom::model::OrgId(beta);
    // Its thirty days pass.
    app.app
        .store_for_tests()
        .write(|tx| {
            let mut organisation = tx.organisation(org)?.unwrap();
            if let Some(invitation) = organisation.owner_invitation.as_mut() {
                invitation.expires = mailroom::app::now() - 1;
            }
            tx.put_organisation(&organisation)
        })
        .unwrap();
    let mut late = app.client();
    assert_eq!(late.get(&link).await.status, StatusCode::GONE);
    late.get("/login").await;
    let refused = late
        .post(
            &link,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::GONE);
    assert_eq!(role_in(&app, beta, "late@beta.example"), None);
    let page = operator
        .get(&format!("/operator/organisations/{beta}"))
        .await;
    assert!(page.body.contains("expired on"), "{}", page.body);
    let listed = operator.get("/operator?q=beta").await;
    assert!(
        listed
            .body
            .contains("late@beta.example (invitation expired)")
    );

    // Invited again, then withdrawn: the new link leads nowhere either.
    let page = format!("/operator/organisations/{beta}");
    operator
        .post(&format!("{page}/owners"), &[("email", "late@beta.example")])
        .await;
    let again = app.last_link_path();
    assert_eq!(app.client().get(&again).await.status, StatusCode::OK);
    operator.get(&page).await;
    let withdrawn = operator
        .post(&format!("{page}/owner-invitation/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    assert_eq!(app.client().get(&again).await.status, StatusCode::NOT_FOUND);
    assert!(
        !operator
            .get(&page)
            .await
            .body
            .contains("id=\"owner-invitation\"")
    );
    let actions: Vec<String> = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .audit_of_org(org, None, 20)
        .unwrap()
        .into_iter()
        .map(|(_, e)| e.action)
        .collect();
    assert!(
        actions.contains(&"organisation.withdraw_owner".to_owned()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn no_one_is_invited_past_the_member_limit() {
    let app = TestApp::new();
    let mut operator = operator(&app).await;
    app.add_member("ann@acme.example", Role::Member);
    let beta = create_beta(&app, &mut operator, "ann@acme.example").await;
    let page = format!("/operator/organisations/{beta}");
    operator.get(&page).await;
    operator
        .post(&format!("{page}/limits"), &[("members", "1")])
        .await;
    let before = mails(&app);
    let refused = operator
        .post(&format!("{page}/owners"), &[("email", "two@beta.example")])
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("at most 1"), "{}", refused.body);
    assert_eq!(mails(&app), before);
}
