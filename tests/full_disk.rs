//! A full disk: on a small tmpfs (mounted by the test, as root), writes
//! fail with a clear error and change nothing, reads and lookups go on,
//! and once there is room again writes work without a restart; the
//! database is never damaged.

#[path = "support/needs.rs"]
mod needs;

use std::path::{Path, PathBuf};
use std::process::Command;

use mailroom::app::{AppError, AppSettings, NewAddress, check_database};
use mailroom::model::{Cursor, Domain, EmailAddress, LocalPart, Password};

struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while file.write_all(&block).is_ok() {}
    let small = [0u8; 512];
    while file.write_all(&small).is_ok() {}
    let _ = file.sync_all();
    filler
}

fn address(name: &str) -> NewAddress {
    NewAddress {
        local_part: LocalPart::parse(name).unwrap(),
        for_whom: mailroom::app::ForWhom::Multiple,
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    }
}

#[test]
#[ignore = "needs root to mount a tmpfs: scripts/test runs it"]
fn a_full_disk_refuses_writes_clearly_and_recovers_without_a_restart() {
    needs::root("mounting a small tmpfs");
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(mounted.success());
    let _mount = Mount(dir.path().to_path_buf());
    let path = dir.path().join("mailroom.redb");
    let app = mailroom::App::open(&path, AppSettings::default()).unwrap();
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    let password = Password::new("a long enough password", None).unwrap();
    app.accounts()
        .setup("Acme", &owner, &password, None)
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap();
    let actor = app.organisations().owner_of(org.id).unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    app.services()
        .add_service_vouched(&actor, org.id, &domain)
        .unwrap();
    app.addresses()
        .create_address(&actor, &domain, address("before"))
        .unwrap();

    let filler = fill(dir.path());
    let mut refused = None;
    for i in 0..200 {
        match app
            .addresses()
            .create_address(&actor, &domain, address(&format!("full{i}")))
        {
            Ok(_) => continue,
            Err(error) => {
                refused = Some((error, format!("full{i}")));
                break;
            }
        }
    }
    let (refused, name) = refused.expect("a write fails on a full disk");
    assert!(matches!(refused, AppError::DiskFull), "{refused:?}");
    assert!(refused.to_string().contains("disk"), "{refused}");

    let page = app
        .addresses()
        .list_addresses(actor.user, &domain, "", &Cursor::First, 50)
        .unwrap();
    assert!(page.items.iter().any(|a| a.local_part.as_str() == "before"));
    assert!(
        !page.items.iter().any(|a| a.local_part.as_str() == name),
        "the refused write changed nothing"
    );
    let lookup = app
        .directory()
        .lookup(
            mailroom::mailserver::lookup::Map::Mailbox,
            "before@acme.example",
        )
        .unwrap();
    assert!(matches!(
        lookup,
        mailroom::mailserver::lookup::Answer::Found(_)
    ));

    std::fs::remove_file(filler).unwrap();
    app.addresses()
        .create_address(&actor, &domain, address("after"))
        .expect("writes work again once there is room");
    drop(app);
    let report = check_database(&path).unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
}
