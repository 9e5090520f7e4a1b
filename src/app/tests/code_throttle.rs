//! Wrong second-factor codes are throttled per person: one person's wrong
//! codes never lock another out.

use super::test_data::acme;
use crate::app::{Actor, AppError};
use crate::model::{EmailAddress, Password, Role};

#[test]
fn one_persons_wrong_codes_do_not_throttle_anothers() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let bob = app
        .organisations()
        .add_member(
            &owner,
            org,
            &EmailAddress::parse("bob@acme.example").unwrap(),
            &Password::new("a long enough password", None).unwrap(),
            Role::Member,
        )
        .unwrap();
    let bob = Actor {
        user: bob,
        token: None,
        ip: None,
    };
    for actor in [&owner, &bob] {
        app.accounts().begin_second_factor(actor).unwrap();
    }
    let mut throttled = false;
    for _ in 0..20 {
        match app.accounts().confirm_second_factor(&owner, None, "000000") {
            Err(AppError::Throttled { .. }) => {
                throttled = true;
                break;
            }
            Err(_) => {}
            Ok(_) => panic!("a wrong code was taken"),
        }
    }
    assert!(throttled, "the owner's wrong codes are throttled");
    match app.accounts().confirm_second_factor(&bob, None, "000000") {
        Err(AppError::Throttled { .. }) => panic!("Bob is throttled for the owner's codes"),
        Err(_) => {}
        Ok(_) => panic!("a wrong code was taken"),
    }
}
