//! The operator's API (`/api/v1/operator`) with an operator's token: each
//! kind of token is refused on the other's paths with its own problem
//! type; organisations are listed, created with their first owner (once
//! per Idempotency-Key), limited, suspended, resumed, deleted and
//! restored; bad input changes nothing; the token dies with its operator.

use axum::http::StatusCode;
use mailroom::app::{Actor, AppError, OperatorActor};
use mailroom::model::{EmailAddress, Scope, TokenId, TokenSecret};
use mailroom::store::prelude::*;
use serde_json::{Value, json};

use super::helpers::Api;

const ORGS: &str = "/api/v1/operator/organisations";

fn organisations(api: &Api) -> Vec<String> {
    let reader = api.app.store_for_tests().read().unwrap();
    reader
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect()
}

#[tokio::test]
async fn each_kind_of_token_keeps_to_its_own_paths() {
    let api = Api::new();
    let operator = api.client(&api.operator_token());
    let admin = api.client(&api.token(Scope::Admin));
    for path in [ORGS, &format!("{ORGS}/{}", api.acme.0)] {
        let refused = admin.get(path).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.problem(), "token-kind");
        assert!(
            refused.json()["detail"]
                .as_str()
                .unwrap()
                .contains("operator")
        );
    }
    let refused = admin
        .post(
            ORGS,
            json!({ "name": "Evil", "owner": "owner@acme.example" }),
        )
        .await;
    assert_eq!(refused.problem(), "token-kind");
    for path in [
        "/api/v1/services",
        "/api/v1/members",
        "/api/v1/services/acme.example/addresses",
    ] {
        let refused = operator.get(path).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{path}: {}",
            refused.body
        );
        assert_eq!(refused.problem(), "token-kind", "{path}");
    }
    let refused = operator
        .post(
            "/api/v1/services/acme.example/addresses",
            json!({ "local_part": "x", "for": "multiple", "password": "a long enough password" }),
        )
        .await;
    assert_eq!(refused.problem(), "token-kind");
    assert_eq!(organisations(&api), ["Acme", "Umbrella"]);
    assert_eq!(operator.get(ORGS).await.status, StatusCode::OK);
}

#[tokio::test]
async fn organisations_are_run_through_the_operators_api() {
    let api = Api::new();
    let mut operator = api.client(&api.operator_token());

    // Listed in the order made, searched by name or domain, paged.
    let page = operator.get(ORGS).await.json();
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme", "Umbrella"]);
    assert_eq!(page["items"][0]["owners"], json!(["owner@acme.example"]));
    assert_eq!(page["items"][0]["domains"], json!(["acme.example"]));
    let found = operator
        .get(&format!("{ORGS}?search=UMBRELLA.EX"))
        .await
        .json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["name"], "Umbrella");
    let first = operator.get(&format!("{ORGS}?limit=1")).await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    let next = first["next"].as_u64().expect("a next page");
    let second = operator
        .get(&format!("{ORGS}?limit=1&after={next}"))
        .await
        .json();
    assert_eq!(second["items"][0]["name"], "Umbrella");
    let bad = operator.get(&format!("{ORGS}?limit=lots")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // Hostile or mistaken bodies: refused, and nothing is made.
    for (body, status, problem) in [
        (
            json!({ "name": "Beta", "owner": "new@beta.example", "limit": { "addresses": 5 } }),
            400,
            "invalid-body",
        ),
        (
            json!({ "name": "Beta", "owner": "new@" }),
            422,
            "invalid-field",
        ),
        (
            json!({ "name": " ", "owner": "new@beta.example" }),
            422,
            "organisation-name",
        ),
        (
            json!({ "name": "ACME", "owner": "new@beta.example" }),
            409,
            "organisation-named",
        ),
        (
            json!({ "name": "Beta\r\nX-Evil: 1", "owner": "new@beta.example" }),
            422,
            "organisation-name",
        ),
        (
            json!({ "name": "Beta \u{202e}ateb", "owner": "new@beta.example" }),
            422,
            "organisation-name",
        ),
        (
            json!({ "name": "Beta", "owner": "new@beta.example", "limits": { "adresses": 5 } }),
            400,
            "invalid-body",
        ),
    ] {
        let refused = operator.post(ORGS, body.clone()).await;
        assert_eq!(refused.status.as_u16(), status, "{body}: {}", refused.body);
        assert_eq!(refused.problem(), problem, "{body}");
    }
    assert_eq!(organisations(&api), ["Acme", "Umbrella"]);

    // Created once per key: the retry gets the first answer.
    operator.key = Some("beta-1".into());
    let body = json!({ "name": "Beta", "owner": "new@beta.example", "limits": { "addresses": 5 } });
    let made = operator.post(ORGS, body.clone()).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let beta = made.json();
    let id = beta["id"].as_u64().unwrap();
    assert_eq!(made.header("location"), format!("{ORGS}/{id}"));
    assert_eq!(beta["owners"], json!([]));
    assert_eq!(beta["owner_invited"], "new@beta.example");
    assert_eq!(beta["limits"]["addresses"], 5);
    assert_eq!(beta["limits"]["members"], Value::Null);
    assert_eq!(beta["state"], "active");
    let again = operator.post(ORGS, body).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json()["id"], id);
    let other = operator
        .post(
            ORGS,
            json!({ "name": "Gamma", "owner": "new@beta.example" }),
        )
        .await;
    assert_eq!(other.problem(), "idempotency-key-reused");
    operator.key = None;
    assert_eq!(organisations(&api), ["Acme", "Umbrella", "Beta"]);
    // The invitation went to the first owner's email.
    {
        let reader = api.app.store_for_tests().read().unwrap();
        let mail = reader
            .messages_of(&[mailroom::model::OrgId(id)], 1)
            .unwrap()
            .remove(0);
        assert_eq!(mail.to.to_string(), "new@beta.example");
        assert!(mail.link.unwrap().contains(&format!("/join/{id}/")));
    }

    // Usage and limits: a whole set, a typo refused, nothing changed.
    let beta_path = format!("{ORGS}/{id}");
    let usage = operator.get(&format!("{beta_path}/usage")).await.json();
    let addresses = usage
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["limit"] == "addresses")
        .unwrap()
        .clone();
    assert_eq!(
        addresses,
        json!({ "limit": "addresses", "used": 0, "max": 5 })
    );
    let typo = operator
        .put(&format!("{beta_path}/limits"), json!({ "member": 1 }))
        .await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST, "{}", typo.body);
    assert_eq!(
        operator.get(&beta_path).await.json()["limits"]["addresses"],
        5
    );
    let set = operator
        .put(&format!("{beta_path}/limits"), json!({ "members": 1 }))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.json()["limits"]["members"], 1);
    assert_eq!(set.json()["limits"]["addresses"], Value::Null);

    // No owner is added to a live organisation by a token: an owner reads
    // its mail, which an operator's token never reaches.
    let refused = operator
        .post(
            &format!("{beta_path}/owners"),
            json!({ "email": "owner@acme.example" }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(operator.get(&beta_path).await.json()["owners"], json!([]));

    // Suspended with a reason, resumed.
    let refused = operator
        .post(&format!("{beta_path}/suspend"), json!({ "reason": "" }))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(operator.get(&beta_path).await.json()["state"], "active");
    let suspended = operator
        .post(
            &format!("{beta_path}/suspend"),
            json!({ "reason": "unpaid" }),
        )
        .await;
    assert_eq!(
        suspended.status,
        StatusCode::NO_CONTENT,
        "{}",
        suspended.body
    );
    let shown = operator.get(&beta_path).await.json();
    assert_eq!(
        (shown["state"].as_str(), shown["suspension_reason"].as_str()),
        (Some("suspended"), Some("unpaid"))
    );
    let resumed = operator
        .post(&format!("{beta_path}/resume"), json!({}))
        .await;
    assert_eq!(resumed.status, StatusCode::NO_CONTENT);
    assert_eq!(operator.get(&beta_path).await.json()["state"], "active");

    // Deleted only when confirmed; restored within the retention.
    let unconfirmed = operator.delete(&beta_path).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(operator.get(&beta_path).await.json()["state"], "active");
    let deleted = operator.delete(&format!("{beta_path}?confirm=true")).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    let shown = operator.get(&beta_path).await.json();
    assert_eq!(shown["state"], "deleted");
    assert!(shown["restorable_until"].as_i64().unwrap() > shown["deleted_at"].as_i64().unwrap());
    let restored = operator
        .post(&format!("{beta_path}/restore"), json!({}))
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.body);
    assert_eq!(restored.json()["state"], "active");

    // What does not exist answers as not found.
    for path in [
        format!("{ORGS}/999"),
        format!("{ORGS}/abc"),
        format!("{ORGS}/999/usage"),
    ] {
        assert_eq!(
            operator.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let history: Vec<String> = {
        let reader = api.app.store_for_tests().read().unwrap();
        reader
            .audit_of_org(mailroom::model::OrgId(id), None, 50)
            .unwrap()
            .into_iter()
            .map(|(_, e)| format!("{} {}", e.action, e.token.map_or(0, |t| t.0)))
            .collect()
    };
    assert!(
        history
            .iter()
            .any(|e| e.starts_with("organisation.suspend ") && !e.ends_with(" 0")),
        "the token is named in the history: {history:?}"
    );
}

#[tokio::test]
async fn an_operators_token_dies_with_its_operator_and_cannot_make_operators() {
    let api = Api::new();
    let secret = api.operator_token();
    let operator = api.client(&secret);
    assert_eq!(operator.get(ORGS).await.status, StatusCode::OK);
    let id = TokenSecret::parse(&secret).unwrap().id();
    let owner = api.owner();
    let through_token = Actor {
        token: Some(id),
        ..owner.clone()
    };

    // What makes operators and their tokens is not done by a token.
    let ann = EmailAddress::parse("ann@acme.example").unwrap();
    api.add_member("ann@acme.example", mailroom::model::Role::Member);
    let refused = api
        .app
        .operators()
        .add_operator(OperatorActor::Person(&through_token), &ann);
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let refused = api
        .app
        .operators()
        .revoke_operator_token(OperatorActor::Person(&through_token), TokenId(id.0));
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let refused =
        api.app
            .operators()
            .add_owner(OperatorActor::Person(&through_token), api.umbrella, &ann);
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    // An organisation's token is never an operator's, even of an operator.
    let admin = TokenSecret::parse(&api.token(Scope::Admin)).unwrap().id();
    let as_admin_token = Actor {
        token: Some(admin),
        ..owner.clone()
    };
    let refused =
        api.app
            .operators()
            .suspend(OperatorActor::Person(&as_admin_token), api.umbrella, "no");
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");

    // Its operator stops being one: the token is refused at once.
    api.app
        .operators()
        .add_operator(OperatorActor::CommandLine, &ann)
        .unwrap();
    api.app
        .operators()
        .remove_operator(
            OperatorActor::CommandLine,
            &EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    let refused = operator.get(ORGS).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    assert_eq!(refused.problem(), "unauthorized");
    let refused = operator
        .post(ORGS, json!({ "name": "Late", "owner": "ann@acme.example" }))
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(organisations(&api), ["Acme", "Umbrella"]);

    // Made an operator again, the old token stays revoked.
    api.app
        .operators()
        .add_operator(
            OperatorActor::CommandLine,
            &EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    assert_eq!(operator.get(ORGS).await.status, StatusCode::UNAUTHORIZED);
    let (token, _) = api
        .app
        .operators()
        .operator_tokens(OperatorActor::CommandLine)
        .unwrap()
        .remove(0);
    assert!(token.revoked.is_some());
}

#[tokio::test]
async fn an_operators_token_is_used_only_from_its_networks() {
    let api = Api::new();
    let secret = api.operator_token_from(vec!["10.0.0.0/8".parse().unwrap()]);
    let outside = api.client(&secret);
    let refused = outside.get(ORGS).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(refused.problem(), "network-not-allowed");
    let mut inside = api.client(&secret);
    inside.ip = "10.1.2.3:40000".parse().unwrap();
    assert_eq!(inside.get(ORGS).await.status, StatusCode::OK);
}
