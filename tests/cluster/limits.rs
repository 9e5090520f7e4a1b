//! Limits that hold across the nodes: a guesser spreading attempts over
//! them gets what one node would give.

use std::sync::{Arc, Barrier};

use mailroom::app::AppError;

use super::nodes::{cluster, cluster_with};

/// `count` calls of `attempt`, half on each node, let go at once.
fn burst<T: Send>(
    count: usize,
    nodes: [&mailroom::App; 2],
    attempt: impl Fn(&mailroom::App) -> T + Sync,
) -> Vec<T> {
    let start = Arc::new(Barrier::new(count));
    std::thread::scope(|s| {
        let running: Vec<_> = (0..count)
            .map(|i| {
                let (start, attempt, node) = (Arc::clone(&start), &attempt, nodes[i % 2]);
                s.spawn(move || {
                    start.wait();
                    attempt(node)
                })
            })
            .collect();
        running.into_iter().map(|t| t.join().unwrap()).collect()
    })
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn three_hundred_wrong_passwords_spread_over_two_nodes_get_at_most_five_checked() {
    let c = cluster();
    let outcomes = burst(300, [&c.a, &c.b], |node| {
        node.accounts()
            .login(
                "owner@acme.example",
                "not the password",
                Some("192.0.2.7".into()),
                None,
            )
            .map(|_| ())
    });
    let checked = outcomes
        .iter()
        .filter(|o| matches!(o, Err(AppError::InvalidCredentials)))
        .count();
    let throttled = outcomes
        .iter()
        .filter(|o| matches!(o, Err(AppError::Throttled { .. })))
        .count();
    assert_eq!(checked + throttled, 300, "nothing else: {outcomes:?}");
    assert!(
        (1..=5).contains(&checked),
        "{checked} wrong passwords were checked over two nodes"
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn password_reset_requests_spread_over_two_nodes_are_throttled_as_on_one() {
    let c = cluster();
    let outcomes = burst(40, [&c.a, &c.b], |node| {
        node.accounts()
            .request_password_reset("owner@acme.example", Some("192.0.2.8".into()))
    });
    let taken = outcomes.iter().filter(|o| o.is_ok()).count();
    let throttled = outcomes
        .iter()
        .filter(|o| matches!(o, Err(AppError::Throttled { .. })))
        .count();
    assert_eq!(taken + throttled, 40, "{outcomes:?}");
    assert!(
        (1..=5).contains(&taken),
        "{taken} reset requests went through"
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn an_api_tokens_rate_holds_across_the_nodes() {
    let settings = mailroom::app::AppSettings {
        api_rate: mailroom::app::ApiRate {
            per_second: 1,
            burst: 5,
        },
        ..Default::default()
    };
    let c = cluster_with(settings);
    let (_, token) =
        c.a.tokens()
            .create_token(
                &c.owner,
                c.org,
                mailroom::app::NewToken {
                    name: "burst".into(),
                    scope: mailroom::model::Scope::Read,
                    days: None,
                    allow_from: Vec::new(),
                },
            )
            .unwrap();
    let started = std::time::Instant::now();
    let outcomes = burst(40, [&c.a, &c.b], |node| {
        node.tokens().authenticate_token(&token, None).map(|_| ())
    });
    // One more for each second the burst took (a token of 1 a second).
    let allowed = 5 + usize::try_from(started.elapsed().as_secs()).unwrap();
    let taken = outcomes.iter().filter(|o| o.is_ok()).count();
    let limited = outcomes
        .iter()
        .filter(|o| matches!(o, Err(AppError::RateLimited { .. })))
        .count();
    assert_eq!(taken + limited, 40, "{outcomes:?}");
    assert!(
        (5..=allowed).contains(&taken),
        "{taken} requests taken over two nodes, burst 5"
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn second_factor_codes_guessed_over_two_nodes_get_at_most_five_checked() {
    let c = cluster();
    c.a.accounts().begin_second_factor(&c.owner).unwrap();
    let outcomes = burst(60, [&c.a, &c.b], |node| {
        node.accounts()
            .confirm_second_factor(&c.owner, None, "000000")
            .map(|_| ())
    });
    let throttled = outcomes
        .iter()
        .filter(|o| matches!(o, Err(AppError::Throttled { .. })))
        .count();
    assert!(
        outcomes.iter().all(Result::is_err),
        "a wrong code was taken"
    );
    assert!(
        (55..60).contains(&throttled),
        "{} codes checked over two nodes",
        60 - throttled
    );
}
