//! An imported `password_hash` cannot add a line to the passwd-file, name a
//! scheme Mailroom cannot verify, or make a login burn minutes.

use mailroom::mailserver::dovecot::passwd_file;

use crate::helpers::TestApp;

#[tokio::test]
async fn a_hash_with_a_line_break_or_huge_costs_is_refused() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    let csv = "address,password_hash\n\
        good,{SHA256-CRYPT}$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6\n\
        evil,\"{SHA256-CRYPT}$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6\nroot@other.example:{PLAIN}x\"\n\
        colon,{SHA256-CRYPT}$5$abcdefgh:x$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6\n\
        plain,{PLAIN}secret\n\
        costly,\"$argon2id$v=19$m=4194304,t=40,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA\"\n";
    let owner = app.owner();
    let domain = mailroom::model::Domain::parse("acme.example").unwrap();
    let preview = app
        .app
        .imports()
        .preview(
            owner.user,
            &domain,
            &mut std::io::Cursor::new(csv.as_bytes()),
            0,
        )
        .unwrap();
    let refused: Vec<_> = preview
        .rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .collect();
    assert_eq!(preview.totals.valid, 1, "{refused:?}");
    assert_eq!(refused.len(), 4, "{refused:?}");
    assert!(
        refused.iter().all(|r| r.column == "password_hash"),
        "{refused:?}"
    );

    let record = app
        .app
        .imports()
        .upload_import(&owner, &domain, "x.csv", csv.as_bytes())
        .unwrap();
    app.app
        .imports()
        .start_import(&owner, &domain, record.id)
        .unwrap();
    while app.app.imports().import_batch(record.id).unwrap() > 0 {}
    let file = passwd_file(&app.app.store_for_tests().read().unwrap()).unwrap();
    assert_eq!(file.lines().count(), 1, "{file}");
    assert!(
        file.starts_with("good@acme.example:{SHA256-CRYPT}$5$"),
        "{file}"
    );
    assert!(!file.contains("other.example"));
}
