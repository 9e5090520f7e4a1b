//! What the mail server reports of device passwords, written down: the
//! last use, and the first use of each day in the address's history.

use super::test_data::acme;
use crate::app::{AddressRef, ForWhom, NewAddress};
use crate::model::{DeviceName, Domain, LastUse, LocalPart};
use crate::store::prelude::*;

const DAY: i64 = 24 * 60 * 60;

fn used(at: i64) -> LastUse {
    LastUse {
        at,
        protocol: "imap".into(),
        ip: Some("192.0.2.7".into()),
    }
}

#[test]
fn the_first_use_of_each_day_is_in_the_history_and_a_repeat_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let domain = Domain::parse("acme.example").unwrap();
    app.services()
        .add_service_vouched(&owner, org, &domain)
        .unwrap();
    app.addresses()
        .create_address(
            &owner,
            &domain,
            NewAddress {
                local_part: LocalPart::parse("team").unwrap(),
                for_whom: ForWhom::Me,
                password: None,
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
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
    assert_eq!(report(morning + 15 * 60 * 60), 1, "01:00 the next day");
    assert_eq!(uses_in_history(), 2, "a new day: a new entry");
    let reader = app.store.read().unwrap();
    let last = reader.credential(id).unwrap().unwrap().last_use.unwrap();
    assert_eq!(last.at, morning + 15 * 60 * 60);
}
