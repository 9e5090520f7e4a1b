//! Use cases on PostgreSQL whose write runs again because another
//! transaction came first: each try must start from what the use case was
//! given, not from what an earlier try left (a stream half read).

use crate::app::{App, AppSettings, StoreAt};
use crate::model::{Domain, EmailAddress, Password};

fn acme() -> (App, crate::app::Actor, Domain) {
    let at = StoreAt::Postgres(crate::store::pg::test_database());
    let app = App::open_at(&at, AppSettings::default()).unwrap();
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    let password = Password::new("correct horse battery", None).unwrap();
    app.accounts()
        .setup("Acme", &owner, &password, None)
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap().id;
    let actor = app.organisations().owner_of(org).unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    app.services()
        .add_service_vouched(&actor, org, &domain)
        .unwrap();
    (app, actor, domain)
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn an_upload_run_again_keeps_the_whole_file() {
    let (app, actor, domain) = acme();
    let file = b"address,display_name\nann,Ann\nbob,Bob\ncarol,Carol\n";
    app.store_for_tests().plant_conflict_for_tests();
    let record = app
        .imports()
        .upload_import(&actor, &domain, "people.csv", file)
        .unwrap();
    assert_eq!((record.rows, record.valid), (3, 3), "{record:?}");
    assert_eq!(record.bytes, file.len() as u64);
    let again = app
        .imports()
        .upload_import(&actor, &domain, "people.csv", file)
        .unwrap();
    assert_eq!(
        again.id.0,
        record.id.0 + 1,
        "the retried try's id was not kept"
    );
}
