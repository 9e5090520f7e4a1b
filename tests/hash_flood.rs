//! A login flood beyond the hashing pool's queue is answered at once with
//! 503 and Retry-After instead of waiting in an unbounded queue (or holding
//! one argon2 block per request); once it passes, logins work again. Its
//! own test binary: the pool is per process and this one gets a tiny queue.

#[path = "flows/helpers.rs"]
mod helpers;

use axum::http::StatusCode;
use helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_login_flood_beyond_the_queue_is_told_to_retry() {
    mailroom::model::hash_pool::set_queue_limit(2);
    let app = TestApp::new();
    app.set_up().await;
    let flood: Vec<_> = (0..80)
        .map(|i| {
            // Each from its own client, at an account of its own: the
            // login throttle lets every one of them through to a hash.
            let mut client = app.client_from(&format!("127.0.{}.{}", 30 + i / 200, 1 + i % 200));
            tokio::spawn(async move {
                client
                    .login(&format!("nobody{i}@acme.example"), "a wrong password")
                    .await
            })
        })
        .collect();
    let mut busy = 0;
    let mut checked = 0;
    for answer in flood {
        let answer = answer.await.expect("a login task");
        match answer.status {
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(
                    answer.headers.get("retry-after").map(|v| v.as_bytes()),
                    Some(&b"2"[..])
                );
                busy += 1;
            }
            StatusCode::UNAUTHORIZED => checked += 1,
            other => panic!("unexpected answer {other}: {}", answer.body),
        }
    }
    eprintln!("{busy} told to retry, {checked} checked");
    assert!(busy > 0, "the queue was never full ({checked} checked)");
    assert!(checked > 0, "some were checked");
    let mut owner = app.client_from("127.0.99.1");
    assert_eq!(
        owner.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "after the flood, logins work"
    );
}
