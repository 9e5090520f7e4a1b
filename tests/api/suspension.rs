//! The API of a suspended organisation: its tokens are told why, with the
//! documented problem type, and change nothing; resumed, they work again.
//! An organisation's limit answers its own problem type.

use mailroom::app::OperatorActor;
use mailroom::model::{Limits, Scope};
use serde_json::json;

use mailroom::model::{Domain, LocalPart};
use mailroom::store::prelude::*;

use super::helpers::Api;

const ADDRESSES: &str = "/api/v1/services/acme.example/addresses";

#[tokio::test]
async fn a_suspended_organisations_tokens_are_told_why_and_change_nothing() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    assert_eq!(client.get(ADDRESSES).await.status, 200);
    let stored = |api: &Api| {
        let reader = api.app.store_for_tests().read().unwrap();
        let service = reader
            .service_by_domain(&Domain::parse("acme.example").unwrap())
            .unwrap()
            .unwrap();
        reader
            .address_by_name(service.id, &LocalPart::parse("new").unwrap())
            .unwrap()
    };
    api.app
        .operators()
        .suspend(OperatorActor::CommandLine, api.acme, "contract ended")
        .unwrap();
    let services = client.get("/api/v1/services").await;
    assert_eq!(services.status, 403, "{}", services.body);
    assert_eq!(services.problem(), "organisation-suspended");
    let listed = client.get(ADDRESSES).await;
    assert_eq!(listed.status, 403, "{}", listed.body);
    assert_eq!(listed.problem(), "organisation-suspended");
    assert!(
        listed.json()["detail"]
            .as_str()
            .unwrap_or("")
            .contains("contract ended")
    );
    let made = client
        .post(
            ADDRESSES,
            json!({ "local_part": "new", "for": "multiple", "password": "a long enough password" }),
        )
        .await;
    assert_eq!(made.status, 403, "{}", made.body);
    assert!(stored(&api).is_none());
    // Another organisation's token of the same person is not held back.
    let umbrella = api.token_of(&api.owner(), api.umbrella, Scope::Read, Vec::new());
    let umbrella = api.client(&umbrella);
    let jobs = umbrella.get("/api/v1/jobs").await;
    assert_eq!(
        jobs.status, 200,
        "not closed by Acme's suspension: {}",
        jobs.body
    );
    let other = umbrella
        .get("/api/v1/services/umbrella.example/addresses")
        .await;
    assert_eq!(other.status, 200, "{}", other.body);

    api.app
        .operators()
        .resume(OperatorActor::CommandLine, api.acme)
        .unwrap();
    assert_eq!(client.get(ADDRESSES).await.status, 200);
}

#[tokio::test]
async fn a_limit_answers_its_problem_type_and_makes_nothing() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let limits = Limits {
        addresses: Some(0),
        ..Limits::default()
    };
    api.app
        .operators()
        .set_limits(OperatorActor::CommandLine, api.acme, limits)
        .unwrap();
    let made = client
        .post(
            ADDRESSES,
            json!({ "local_part": "new", "for": "multiple", "password": "a long enough password" }),
        )
        .await;
    assert_eq!(made.status, 422, "{}", made.body);
    assert_eq!(made.problem(), "limit-reached");
    assert!(
        made.json()["detail"]
            .as_str()
            .unwrap_or("")
            .contains("at most 0 addresses")
    );
    assert_eq!(
        api.app
            .store_for_tests()
            .read()
            .unwrap()
            .address_count()
            .unwrap(),
        0
    );
}
