//! Organisations and members as the command line and the pages find them.

use super::test_data::{acme, address, service};
use crate::app::{Actor, AppError, Rejection};
use crate::model::{EmailAddress, Password, Role};

fn login(name: &str) -> EmailAddress {
    EmailAddress::parse(&format!("{name}@acme.example")).unwrap()
}

fn password() -> Password {
    Password::new("a long enough password", None).unwrap()
}

#[test]
fn the_organisation_a_command_means_is_the_named_or_the_only_one() {
    let dir = tempfile::tempdir().unwrap();
    let empty = crate::App::open(&dir.path().join("empty.redb"), Default::default()).unwrap();
    assert!(matches!(
        empty.organisations().organisation_named(None),
        Err(AppError::NotSetUp)
    ));
    let (app, _owner, acme_id) = acme(&dir.path().join("m.redb"));
    assert_eq!(
        app.organisations().organisation_named(None).unwrap().id,
        acme_id
    );
    let umbrella = app
        .operators()
        .create_organisation(
            crate::app::OperatorActor::CommandLine,
            "Umbrella",
            &EmailAddress::parse(super::test_data::OWNER).unwrap(),
        )
        .unwrap();
    assert!(matches!(
        app.organisations().organisation_named(None),
        Err(AppError::Rejected(Rejection::SeveralOrganisations))
    ));
    assert_eq!(
        app.organisations()
            .organisation_named(Some(" umbrella "))
            .unwrap()
            .id,
        umbrella.id
    );
}

#[test]
fn admins_add_members_and_admins_but_only_owners_add_owners() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let members = app.organisations();
    let admin = members
        .add_member(&owner, org, &login("ada"), &password(), Role::Admin)
        .unwrap();
    let admin = Actor {
        user: admin,
        token: None,
        ip: None,
    };
    members
        .add_member(&admin, org, &login("bob"), &password(), Role::Member)
        .unwrap();
    members
        .add_member(&admin, org, &login("cy"), &password(), Role::Admin)
        .unwrap();
    assert!(matches!(
        members.add_member(&admin, org, &login("eve"), &password(), Role::Owner),
        Err(AppError::Forbidden)
    ));
    members
        .add_member(&owner, org, &login("dee"), &password(), Role::Owner)
        .unwrap();
}

#[test]
fn the_share_forms_suggestions_match_a_login_or_a_names_start() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let members = app.organisations();
    for name in ["ada", "bob"] {
        members
            .add_member(&owner, org, &login(name), &password(), Role::Member)
            .unwrap();
    }
    let logins = |query: &str| -> Vec<String> {
        members
            .members_matching(&owner, org, query, 10)
            .unwrap()
            .into_iter()
            .map(|u| u.login.to_string())
            .collect()
    };
    assert_eq!(
        logins(" "),
        ["ada@acme.example", "bob@acme.example", "owner@acme.example"]
    );
    assert_eq!(logins("ADA@"), ["ada@acme.example"], "by the login's start");
    assert_eq!(logins("bo"), ["bob@acme.example"]);
    assert!(logins("acme").is_empty(), "the start, not anywhere");
}

#[test]
fn admins_change_members_roles_but_not_owners() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let members = app.organisations();
    let admin = members
        .add_member(&owner, org, &login("ada"), &password(), Role::Admin)
        .unwrap();
    let admin = Actor {
        user: admin,
        token: None,
        ip: None,
    };
    let bob = members
        .add_member(&owner, org, &login("bob"), &password(), Role::Member)
        .unwrap();
    members.set_role(&admin, org, bob, Role::Admin).unwrap();
    members.set_role(&admin, org, bob, Role::Member).unwrap();
    assert!(matches!(
        members.set_role(&admin, org, bob, Role::Owner),
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        members.set_role(&admin, org, owner.user, Role::Member),
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        members.set_role(&owner, org, owner.user, Role::Member),
        Err(AppError::Rejected(Rejection::LastOwner))
    ));
}

/// Ending Ann's membership takes what was Ann's (her device passwords, her
/// tokens, her sharing links) and nothing of anyone else's.
#[test]
fn a_removed_member_loses_what_was_theirs_and_no_one_else_anything() {
    use crate::app::{AddressRef, ForWhom, NewToken, ShareMode, ShareWith};
    use crate::model::{DeviceName, Permissions, Scope};
    use crate::store::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let domain = service(&app, &owner, org, "acme.example");
    address(&app, &owner, &domain, "team", ForWhom::Multiple);
    let team = AddressRef::parse("acme.example", "team").unwrap();
    let acting = |user| Actor {
        user,
        token: None,
        ip: None,
    };
    let members = app.organisations();
    let ann = members
        .add_member(&owner, org, &login("ann"), &password(), Role::Admin)
        .unwrap();
    let bob = members
        .add_member(&owner, org, &login("bob"), &password(), Role::Member)
        .unwrap();
    for user in [ann, bob] {
        app.sharing()
            .share_address(
                &owner,
                &team,
                ShareWith::Member(user),
                Permissions::none(),
                ShareMode::AtOnce,
            )
            .unwrap();
        app.devices()
            .create_device_password(
                &acting(user),
                &team,
                user,
                DeviceName::parse("phone").unwrap(),
                None,
            )
            .unwrap();
    }
    for by in [acting(ann), owner.clone()] {
        let new = NewToken {
            name: "script".into(),
            scope: Scope::Read,
            days: None,
            allow_from: Vec::new(),
        };
        app.tokens().create_token(&by, org, new).unwrap();
        app.sharing()
            .create_link(&by, &team, Permissions::none(), 7)
            .unwrap();
    }

    members.remove_member(&owner, org, ann).unwrap();

    let reader = app.store.read().unwrap();
    let service = reader.service_by_domain(&domain).unwrap().unwrap();
    let address = reader
        .address_by_name(service.id, &team.local)
        .unwrap()
        .unwrap();
    let devices: Vec<_> = reader
        .credentials_of_address(address.id)
        .unwrap()
        .into_iter()
        .map(|c| c.user)
        .collect();
    assert_eq!(devices, [bob], "Ann's device password went, Bob's stayed");
    for token in reader.tokens_of(org).unwrap() {
        assert_eq!(
            token.revoked.is_some(),
            token.created_by == ann,
            "{token:?}"
        );
    }
    for link in reader.links_of(address.id).unwrap() {
        assert_eq!(link.revoked, link.creator == ann, "{link:?}");
    }
}

/// One of two owners may step down; the last one may not; what changed is
/// in the organisation's history by login.
#[test]
fn one_of_two_owners_steps_down_and_the_history_names_them() {
    use crate::store::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let members = app.organisations();
    let dee = members
        .add_member(&owner, org, &login("dee"), &password(), Role::Owner)
        .unwrap();
    members.set_role(&owner, org, dee, Role::Member).unwrap();
    assert!(matches!(
        members.set_role(&owner, org, owner.user, Role::Admin),
        Err(AppError::Rejected(Rejection::LastOwner))
    ));
    members.remove_member(&owner, org, dee).unwrap();
    let events = app.store.read().unwrap().recent_audit(usize::MAX).unwrap();
    let said = |action: &str| {
        events
            .iter()
            .find(|e| e.action == action)
            .map(|e| e.object.clone())
    };
    assert_eq!(
        said("member.role").as_deref(),
        Some("dee@acme.example as member")
    );
    assert!(
        said("member.remove").is_some_and(|o| o.contains("dee@acme.example")),
        "{events:?}"
    );
}

/// Ann's invitations elsewhere are not Acme's to revoke when she leaves
/// Acme.
#[test]
fn leaving_one_organisation_keeps_invitations_to_another() {
    use crate::app::{AddressRef, ForWhom, ShareMode, ShareWith};
    use crate::model::{InvitationState, Permissions, SignupRule};
    use crate::store::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, acme_org) = acme(&dir.path().join("m.redb"));
    let umbrella = app
        .operators()
        .create_organisation(
            crate::app::OperatorActor::CommandLine,
            "Umbrella",
            &EmailAddress::parse(super::test_data::OWNER).unwrap(),
        )
        .unwrap()
        .id;
    for (org, domain) in [(acme_org, "acme.example"), (umbrella, "umbrella.example")] {
        let domain = service(&app, &owner, org, domain);
        address(&app, &owner, &domain, "team", ForWhom::Multiple);
    }
    let ann = app
        .organisations()
        .add_member(&owner, acme_org, &login("ann"), &password(), Role::Member)
        .unwrap();
    for domain in ["acme.example", "umbrella.example"] {
        app.sharing()
            .share_address(
                &owner,
                &AddressRef::parse(domain, "team").unwrap(),
                ShareWith::Email {
                    email: login("ann"),
                    signup: SignupRule::OwnChoice,
                    lang: None,
                },
                Permissions::none(),
                ShareMode::AtOnce,
            )
            .unwrap();
    }
    app.organisations()
        .remove_member(&owner, acme_org, ann)
        .unwrap();
    let reader = app.store.read().unwrap();
    let mut states: Vec<(String, InvitationState)> = reader
        .invitations_to(&login("ann"))
        .unwrap()
        .into_iter()
        .map(|i| {
            let address = reader.address(i.address).unwrap().unwrap();
            let service = reader.service(address.service).unwrap().unwrap();
            (service.domain.to_string(), i.state)
        })
        .collect();
    states.sort_by(|a, b| a.0.cmp(&b.0));
    // Acme shared its address with Ann, a member, at once: no invitation.
    assert_eq!(
        states,
        [("umbrella.example".to_owned(), InvitationState::Pending)]
    );
}

/// Admins reset a member's or an admin's second factor, never an owner's;
/// owners reset anyone's.
#[test]
fn only_owners_reset_an_owners_second_factor() {
    let dir = tempfile::tempdir().unwrap();
    let (app, owner, org) = acme(&dir.path().join("m.redb"));
    let members = app.organisations();
    let add = |name: &str, role| {
        members
            .add_member(&owner, org, &login(name), &password(), role)
            .unwrap()
    };
    let (ada, bob, dee) = (
        add("ada", Role::Admin),
        add("bob", Role::Member),
        add("dee", Role::Owner),
    );
    let ada = Actor {
        user: ada,
        token: None,
        ip: None,
    };
    members.reset_second_factor(&ada, org, bob).unwrap();
    assert!(matches!(
        members.reset_second_factor(&ada, org, dee),
        Err(AppError::Forbidden)
    ));
    members.reset_second_factor(&owner, org, dee).unwrap();
    members.reset_second_factor(&owner, org, ada.user).unwrap();
}
