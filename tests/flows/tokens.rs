//! The Tokens page: an owner makes a token (shown once), sees it listed,
//! revokes it; members are refused; bad input changes nothing.

use axum::http::StatusCode;
use mailroom::model::Role;

use super::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn an_owner_makes_lists_and_revokes_a_token() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let page = format!("/organisations/{org}/tokens");
    let shown = owner.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("No token yet."));

    let bad = owner
        .post(
            &page,
            &[
                ("name", "bad\u{7}name"),
                ("scope", "read"),
                ("days", ""),
                ("allow_from", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("no control characters"), "{}", bad.body);
    let bad_net = owner
        .post(
            &page,
            &[
                ("name", "hr"),
                ("scope", "read"),
                ("days", "9999"),
                ("allow_from", "not a network"),
            ],
        )
        .await;
    assert_eq!(bad_net.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_net.body.contains("value=\"not a network\""),
        "what was typed is kept"
    );
    assert!(
        app.app
            .tokens()
            .tokens_of(app.owner().user, org)
            .unwrap()
            .is_empty()
    );

    let made = owner
        .post(
            &page,
            &[
                ("name", "HR provisioning"),
                ("scope", "addresses"),
                ("days", "30"),
                ("allow_from", "10.0.0.0/8"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let marker = "id=\"token-value\" type=\"text\" readonly value=\"";
    let start = made.body.find(marker).expect("the token is shown") + marker.len();
    let secret = &made.body[start..start + made.body[start..].find('"').unwrap()];
    assert!(secret.starts_with("mrt_"), "{secret}");
    let tokens = app.app.tokens().tokens_of(app.owner().user, org).unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        tokens[0].allow_from,
        vec!["10.0.0.0/8".parse::<ipnet::IpNet>().unwrap()]
    );
    let again = owner.get(&page).await;
    assert!(!again.body.contains(secret), "shown once");
    assert!(again.body.contains("HR provisioning") && again.body.contains("never"));

    let revoke = format!("{page}/{}/revoke", tokens[0].id);
    let revoked = owner.post(&revoke, &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let after = owner.get(&page).await;
    assert!(after.body.contains("revoked"), "{}", after.body);
    assert!(
        app.app.tokens().tokens_of(app.owner().user, org).unwrap()[0]
            .revoked
            .is_some()
    );
}

#[tokio::test]
async fn members_cannot_see_or_make_tokens() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_member("ann@acme.example", Role::Member);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    let page = format!("/organisations/{org}/tokens");
    assert_eq!(ann.get(&page).await.status, StatusCode::FORBIDDEN);
    ann.get("/account").await;
    let made = ann
        .post(&page, &[("name", "mine"), ("scope", "admin")])
        .await;
    assert_eq!(made.status, StatusCode::FORBIDDEN);
    assert!(
        app.app
            .tokens()
            .tokens_of(app.owner().user, org)
            .unwrap()
            .is_empty()
    );
}

/// A token's name is 1 to 100 characters of one line, its life 1 to 3,650
/// days, ending exactly that many days after it was made; anything else is
/// refused and makes nothing.
#[tokio::test]
async fn a_tokens_name_and_days_have_their_bounds() {
    use mailroom::app::{AppError, NewToken, Rejection};
    use mailroom::model::Scope;
    let app = TestApp::new();
    drop(app.set_up().await);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let owner = app.owner();
    let make = |name: &str, days: Option<u32>| {
        app.app.tokens().create_token(
            &owner,
            org,
            NewToken {
                name: name.to_owned(),
                scope: Scope::Read,
                days,
                allow_from: Vec::new(),
            },
        )
    };
    for (name, days) in [
        ("", None),
        ("   ", None),
        (&"n".repeat(101), None),
        ("two\nlines", None),
        ("ok", Some(0)),
        ("ok", Some(3651)),
    ] {
        let refused = make(name, days).unwrap_err();
        assert!(
            matches!(
                refused,
                AppError::Rejected(Rejection::TokenName | Rejection::TokenDays)
            ),
            "{name:?} {days:?}: {refused:?}"
        );
    }
    assert!(
        app.app.tokens().tokens_of(&owner, org).unwrap().is_empty(),
        "nothing made"
    );

    let (longest, _) = make(&"n".repeat(100), Some(3650)).unwrap();
    assert_eq!(longest.expires, Some(longest.created + 3650 * 86_400));
    let (day, _) = make("a day", Some(1)).unwrap();
    assert_eq!(day.expires, Some(day.created + 86_400));
    assert_eq!(make("forever", None).unwrap().0.expires, None);
}
