//! What the mail server reports, written down: device passwords' last use
//! and the first use of each day, failed logins per client and protocol;
//! and a revoked device password in its address's history.

use super::test_data::{acme, address, service};
use crate::app::{AddressRef, ForWhom};
use crate::model::{DeviceName, LastUse};
use crate::store::prelude::*;

const DAY: i64 = 24 * 60 * 60;

fn used(at: i64) -> LastUse {
    used_by(at, "imap", "192.0.2.7")
}

fn used_by(at: i64, protocol: &str, ip: &str) -> LastUse {
    LastUse {
        at,
        protocol: protocol.into(),
        ip: Some(ip.into()),
    }
}

#[test]
fn the_first_use_of_each_day_is_in_the_history_and_a_repeat_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let domain = service(&app, &owner, org, "acme.example");
    address(&app, &owner, &domain, "team", ForWhom::Me);
    let team = AddressRef::parse("acme.example", "team").unwrap();
    let made = app
        .devices()
        .create_device_password(
            &owner,
            &team,
            owner.user,
            DeviceName::parse("phone").unwrap(),
            None,
        )
        .unwrap();
    let id = made.credential.id;
    let uses_in_history = || {
        let reader = app.store.read().unwrap();
        reader
            .recent_audit(usize::MAX)
            .unwrap()
            .into_iter()
            .filter(|event| event.action == "device.use")
            .count()
    };
    let report = |at: i64| {
        app.uses.record(id, used(at));
        app.devices().record_device_uses().unwrap()
    };
    // 10:00 UTC on some day.
    let morning = 20_000 * DAY + 10 * 60 * 60;
    assert_eq!(report(morning), 1);
    assert_eq!(uses_in_history(), 1);
    assert_eq!(report(morning + 60), 0, "a minute later: nothing new");
    assert_eq!(
        report(morning + 2 * 60 * 60),
        1,
        "later that day: the last use moves"
    );
    assert_eq!(uses_in_history(), 1, "the same day: no second entry");
    let later = morning + 2 * 60 * 60;
    let report_by = |at: i64, protocol: &str, ip: &str| {
        app.uses.record(id, used_by(at, protocol, ip));
        app.devices().record_device_uses().unwrap()
    };
    assert_eq!(
        report_by(later + 100, "imap", "192.0.2.7"),
        0,
        "within 5 minutes"
    );
    assert_eq!(
        report_by(later + 120, "smtp", "192.0.2.7"),
        1,
        "another protocol"
    );
    assert_eq!(
        report_by(later + 140, "smtp", "198.51.100.1"),
        1,
        "another client"
    );
    assert_eq!(uses_in_history(), 1, "still the same day");
    assert_eq!(report(morning + 15 * 60 * 60), 1, "01:00 the next day");
    assert_eq!(uses_in_history(), 2, "a new day: a new entry");
    let reader = app.store.read().unwrap();
    let last = reader.credential(id).unwrap().unwrap().last_use.unwrap();
    assert_eq!(last.at, morning + 15 * 60 * 60);
}

#[test]
fn failed_mail_logins_are_written_per_client_and_protocol_and_a_revoke_names_its_user() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let domain = service(&app, &owner, org, "acme.example");
    let team = address(&app, &owner, &domain, "team", ForWhom::Me);
    for _ in 0..3 {
        app.mail_failures
            .record(team.id, Some("203.0.113.9"), "imap");
    }
    app.mail_failures.record(team.id, None, "smtp");
    assert_eq!(app.devices().record_failed_mail_logins().unwrap(), 2);
    let events = app.store.read().unwrap().recent_audit(usize::MAX).unwrap();
    let failed: Vec<_> = events
        .iter()
        .filter(|e| e.action == "login.failed")
        .map(|e| (e.object.as_str(), e.ip.as_deref()))
        .collect();
    assert!(
        failed.contains(&(
            "3 failed logins from 203.0.113.9 over IMAP",
            Some("203.0.113.9")
        )),
        "{failed:?}"
    );
    assert!(
        failed.contains(&("1 failed login from an unknown client over SMTP", None)),
        "{failed:?}"
    );
    assert_eq!(failed.len(), 2);

    let target = AddressRef::parse("acme.example", "team").unwrap();
    let made = app
        .devices()
        .create_device_password(
            &owner,
            &target,
            owner.user,
            DeviceName::parse("phone").unwrap(),
            None,
        )
        .unwrap();
    app.devices()
        .revoke_device_password(&owner, &target, made.credential.id)
        .unwrap();
    let events = app.store.read().unwrap().recent_audit(usize::MAX).unwrap();
    let revoked = events.iter().find(|e| e.action == "device.revoke").unwrap();
    assert_eq!(
        revoked.object,
        format!("{} of owner@acme.example", made.credential.id)
    );
}
