//! The organisation's default permissions, applied by app wherever a user
//! gets access without named permissions: an address made for someone, a
//! share, a CSV row without a permissions column value. They are read in the
//! write transaction that gives the access: changed just before, the new
//! defaults are the ones given.

use mailroom::app::{AddressRef, ForWhom, NewAddress, PermissionChoice, ShareMode, ShareWith};
use mailroom::model::{Domain, LocalPart, Permission, Permissions, Role};

use super::helpers::TestApp;

fn defaults(app: &TestApp, permissions: Permissions) {
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap();
    app.app
        .organisations()
        .set_default_permissions(&app.owner(), org.id, permissions)
        .unwrap();
}

#[tokio::test]
async fn nothing_named_gives_the_defaults_of_that_moment() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    let ann = app.add_member("ann@acme.example", Role::Member);
    let history: Permissions = [Permission::History].into_iter().collect();
    let forwarding: Permissions = [Permission::Forwarding].into_iter().collect();
    let domain = Domain::parse("acme.example").unwrap();

    defaults(&app, history);
    let new = NewAddress {
        local_part: LocalPart::parse("sales").unwrap(),
        for_whom: ForWhom::Other {
            with: ShareWith::Member(ann),
            permissions: PermissionChoice::Defaults,
        },
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    };
    app.app
        .addresses()
        .create_address(&app.owner(), &domain, new)
        .unwrap();
    assert_eq!(app.held("sales", ann), Some(history));

    // Changed defaults apply to the next share, not to access given before.
    defaults(&app, forwarding);
    app.add_addresses("acme.example", &["team"]);
    app.app
        .sharing()
        .share_address(
            &app.owner(),
            &AddressRef::parse("acme.example", "team").unwrap(),
            ShareWith::Member(ann),
            PermissionChoice::Defaults,
            ShareMode::AtOnce,
        )
        .unwrap();
    assert_eq!(app.held("team", ann), Some(forwarding));
    assert_eq!(app.held("sales", ann), Some(history));

    // Named permissions are given as named, defaults or not.
    let named = NewAddress {
        local_part: LocalPart::parse("named").unwrap(),
        for_whom: ForWhom::Other {
            with: ShareWith::Member(ann),
            permissions: Permissions::none().into(),
        },
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    };
    app.app
        .addresses()
        .create_address(&app.owner(), &domain, named)
        .unwrap();
    assert_eq!(app.held("named", ann), Some(Permissions::none()));

    // A CSV row with a user and no permissions: the defaults.
    let csv =
        b"address,user,permissions\nrow,ann@acme.example,\nlisted,ann@acme.example,password\n";
    let owner = app.owner();
    let record = app
        .app
        .imports()
        .upload_import(&owner, &domain, "people.csv", csv)
        .unwrap();
    app.app
        .imports()
        .start_import(&owner, &domain, record.id)
        .unwrap();
    while app.app.imports().import_batch_here(record.id).unwrap() > 0 {}
    assert_eq!(app.held("row", ann), Some(forwarding));
    assert_eq!(
        app.held("listed", ann),
        Some([Permission::Password].into_iter().collect())
    );
}
