//! The mail server's read handle, as app hands it out.

use crate::app::NewAddress;
use crate::mailserver::lookup::{Answer, Map};
use crate::model::{Domain, LocalPart};

/// The cache lasts until the next commit: a catch-all made after a
/// lookup answers the very next lookup of the same directory.
#[test]
fn a_commit_ends_what_was_cached() {
    let dir = tempfile::tempdir().unwrap();
    let (app, actor, org) = super::test_data::acme(&dir.path().join("m.redb"));
    let domain = Domain::parse("acme.example").unwrap();
    let directory = app.directory();
    let unknown = "other.example";
    assert_eq!(
        directory.lookup(Map::Domain, unknown).unwrap(),
        Answer::NotFound
    );
    assert_eq!(
        directory.lookup(Map::Domain, "acme.example").unwrap(),
        Answer::NotFound
    );
    app.services()
        .add_service_vouched(&actor, org, &domain)
        .unwrap();
    assert!(matches!(
        directory.lookup(Map::Domain, "acme.example").unwrap(),
        Answer::Found(_)
    ));
    let alias = "alias nobody@acme.example";
    let key = alias.split_once(' ').unwrap().1;
    assert_eq!(directory.lookup(Map::Alias, key).unwrap(), Answer::NotFound);
    let catch_all = NewAddress {
        local_part: LocalPart::parse("everything").unwrap(),
        for_whom: crate::app::ForWhom::CatchAll,
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    };
    app.addresses()
        .create_address(&actor, &domain, catch_all)
        .unwrap();
    assert_eq!(
        directory.lookup(Map::Alias, key).unwrap(),
        Answer::Found("everything@acme.example".into())
    );
}
