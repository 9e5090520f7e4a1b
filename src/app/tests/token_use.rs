//! A token's last use is written at most once a minute: a script's burst
//! of requests costs one write, and a use after a quiet minute is seen.

use super::test_data::acme;
use crate::app::NewToken;
use crate::model::Scope;
use crate::store::prelude::*;

#[test]
fn a_tokens_last_use_is_written_once_a_minute() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let new = NewToken {
        name: "script".into(),
        scope: Scope::Read,
        days: None,
        allow_from: Vec::new(),
    };
    let (token, secret) = app.tokens().create_token(&owner, org, new).unwrap();
    let from = |ip: &str| Some(ip.parse().unwrap());
    let last = || {
        let stored = app
            .store
            .read()
            .unwrap()
            .api_token(token.id)
            .unwrap()
            .unwrap();
        (stored.last_use, stored.last_ip)
    };
    app.tokens()
        .authenticate_token(&secret, from("192.0.2.1"))
        .unwrap();
    let (first_use, first_ip) = last();
    assert!(first_use.is_some());
    assert_eq!(first_ip.as_deref(), Some("192.0.2.1"));
    app.tokens()
        .authenticate_token(&secret, from("192.0.2.2"))
        .unwrap();
    assert_eq!(last(), (first_use, first_ip), "within the minute: no write");
    app.store
        .write(|tx| {
            let mut stored = tx.api_token(token.id)?.unwrap();
            stored.last_use = stored.last_use.map(|at| at - 61);
            tx.put_api_token(&stored)
        })
        .unwrap();
    app.tokens()
        .authenticate_token(&secret, from("192.0.2.3"))
        .unwrap();
    let (_, ip) = last();
    assert_eq!(ip.as_deref(), Some("192.0.2.3"), "a minute on: written");
}
