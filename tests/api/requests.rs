//! What every request gets: idempotency keys (across a restart and under a
//! burst), rate limits, problem documents for hostile input, the OpenAPI
//! document and its reference page.

use axum::http::Method;
use mailroom::app::{ApiRate, AppSettings};
use mailroom::model::Scope;
use serde_json::json;

use super::helpers::Api;

const ADDRESSES: &str = "/api/v1/services/acme.example/addresses";

fn count(api: &Api) -> u64 {
    let owner = api.owner();
    let domain = mailroom::model::Domain::parse("acme.example").unwrap();
    api.app
        .addresses()
        .list_addresses(
            owner.user,
            &domain,
            "",
            &mailroom::model::Cursor::First,
            1000,
        )
        .unwrap()
        .items
        .len() as u64
}

#[tokio::test]
async fn a_retried_create_gets_the_first_answer_also_after_a_restart() {
    let mut api = Api::new();
    let token = api.token(Scope::Addresses);
    let body =
        json!({"local_part": "once", "for": "multiple", "password": "a long enough password"});
    let first = {
        let mut client = api.client(&token);
        client.key = Some("create-once-1".into());
        client.post(ADDRESSES, body.clone()).await
    };
    assert_eq!(first.status, 201, "{}", first.body);
    api.restart();
    let mut client = api.client(&token);
    client.key = Some("create-once-1".into());
    let retry = client.post(ADDRESSES, body.clone()).await;
    assert_eq!(retry.status, 201, "{}", retry.body);
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.header("location"), first.header("location"));
    assert_eq!(retry.header("idempotent-replayed"), "true");
    assert_eq!(count(&api), 1);

    let other = client
        .post(
            ADDRESSES,
            json!({"local_part": "twice", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(other.status, 422, "the same key with another body");
    assert_eq!(other.problem(), "idempotency-key-reused");

    // Without a key, the same request is a second request: a conflict.
    client.key = None;
    assert_eq!(
        client.post(ADDRESSES, body).await.problem(),
        "address-exists"
    );
    // A refusal is an answer too: kept, and given again.
    client.key = Some("weak".into());
    let weak = json!({"local_part": "w", "for": "multiple", "password": "x"});
    let a = client.post(ADDRESSES, weak.clone()).await;
    let b = client.post(ADDRESSES, weak).await;
    assert_eq!(
        (a.status, b.status),
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        )
    );
    assert_eq!(b.header("idempotent-replayed"), "true");
    for key in [
        "",
        "a key with spaces",
        "ключ",
        &"k".repeat(256),
        "tab\tkey",
    ] {
        client.key = Some(key.to_owned());
        let answer = client
            .post(
                ADDRESSES,
                json!({"local_part": "k", "for": "no_reply", "password": "a long enough password"}),
            )
            .await;
        assert_eq!(answer.status, 422, "{key:?}: {}", answer.body);
    }
    assert_eq!(count(&api), 1);
}

#[tokio::test]
async fn a_burst_of_the_same_keyed_request_creates_one_address() {
    let api = Api::new();
    let token = api.token(Scope::Addresses);
    let body =
        json!({"local_part": "burst", "for": "multiple", "password": "a long enough password"});
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let mut client = api.client(&token);
        client.key = Some("burst-key".into());
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            client.post(ADDRESSES, body).await.status.as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert!(statuses.contains(&201));
    assert_eq!(count(&api), 1, "{statuses:?}");
}

#[tokio::test]
async fn each_token_has_its_own_rate_limit() {
    let settings = AppSettings {
        api_rate: ApiRate {
            per_second: 1,
            burst: 5,
        },
        ..AppSettings::default()
    };
    let api = Api::with_settings(settings);
    let busy = api.client(&api.token(Scope::Read));
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let answer = busy.get("/api/v1/services").await;
        if answer.status == 429 {
            assert_eq!(answer.problem(), "rate-limited");
            let wait: u64 = answer.header("retry-after").parse().unwrap();
            assert!((1..=2).contains(&wait), "{wait}");
        }
        statuses.push(answer.status.as_u16());
    }
    assert_eq!(&statuses[..5], &[200; 5]);
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    let other = api.client(&api.token(Scope::Read));
    assert_eq!(
        other.get("/api/v1/services").await.status,
        200,
        "another token is not slowed"
    );
}

#[tokio::test]
async fn hostile_input_gets_problem_documents_and_changes_nothing() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let cases: Vec<(Method, &str, &str)> = vec![
        (Method::POST, ADDRESSES, "{not json"),
        (Method::POST, ADDRESSES, "[]"),
        (
            Method::POST,
            ADDRESSES,
            r#"{"local_part":"a\u0000b","for":"me","password":"a long enough password"}"#,
        ),
        (
            Method::POST,
            ADDRESSES,
            r#"{"local_part":"x","for":"root"}"#,
        ),
        (
            Method::POST,
            ADDRESSES,
            r#"{"local_part":"x","for":"other","share_with":"a@b\r\nBcc: c@d"}"#,
        ),
        (
            Method::POST,
            ADDRESSES,
            r#"{"local_part":"x","for":"multiple","password":"a long enough password","forward_to":"evil\n@x.example"}"#,
        ),
        (
            Method::GET,
            "/api/v1/services/acme.example/addresses?limit=-1",
            "",
        ),
        (
            Method::GET,
            "/api/v1/services/acme.example/addresses/%00",
            "",
        ),
        (
            Method::GET,
            "/api/v1/services/ACME.example%0d%0a/addresses",
            "",
        ),
        (
            Method::GET,
            "/api/v1/services/acme.example/imports/99999999999999999999999",
            "",
        ),
        (Method::GET, "/api/v1/nothing/here", ""),
        (Method::PUT, "/api/v1/services", "{}"),
    ];
    for (method, path, body) in cases {
        let answer = client
            .send(method.clone(), path, Some("application/json"), body)
            .await;
        assert!(
            answer.status.is_client_error(),
            "{method} {path} {body}: {} {}",
            answer.status,
            answer.body
        );
        assert_eq!(
            answer.header("content-type"),
            "application/problem+json",
            "{method} {path}: {} {}",
            answer.status,
            answer.body
        );
    }
    assert_eq!(client.get(ADDRESSES).await.json()["items"], json!([]));
    let huge = client.get(&format!("{ADDRESSES}?limit=99999999")).await;
    assert_eq!(huge.status, 200, "a large limit is capped, not refused");
}

#[tokio::test]
async fn the_openapi_document_and_its_reference_page() {
    let api = Api::new();
    let client = api.client("");
    let doc = client.get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 20, "{}", paths.len());
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
    for (path, item) in paths {
        for (_, op) in item.as_object().unwrap() {
            if op.is_object() && op.get("responses").is_some() {
                assert!(
                    op["security"].is_array(),
                    "{path}: every operation needs a token"
                );
            }
        }
    }
    let page = client.get("/api/v1/docs").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("POST /api/v1/services/{domain}/addresses"),
        "{}",
        &page.body[..500.min(page.body.len())]
    );
    assert!(page.body.contains("id=\"problem-address-exists\""));
    assert!(
        page.body
            .contains("Makes a sharing link; its URL is in this answer only.")
    );
}
