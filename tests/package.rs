//! The Debian package, installed on this machine: `scripts/test` builds it
//! with `cargo deb` and names it in MAILROOM_DEB (root only; without it
//! this test has nothing to install and says so). Installs it with
//! `dpkg -i`, checks what the package set up, verifies the unit with
//! `systemd-analyze verify`, starts the unit's own ExecStart command line
//! as the `mailroom` user, reaches /healthz, and removes the package.

#[path = "support/needs.rs"]
mod needs;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn sh(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn ok(output: &std::process::Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    text
}

#[test]
#[ignore = "needs root and the package: scripts/test builds it and sets MAILROOM_DEB"]
fn the_package_installs_and_its_unit_serves_as_the_mailroom_user() {
    needs::root("installing the Debian package");
    let deb = needs::var("MAILROOM_DEB", "the Debian package test");
    ok(&sh("dpkg", &["-i", &deb]));
    let user = ok(&sh("getent", &["passwd", "mailroom"]));
    assert!(user.contains("/usr/sbin/nologin"), "{user}");
    let env = std::fs::metadata("/etc/mailroom/mailroom.env").unwrap();
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    assert_eq!(env.permissions().mode() & 0o777, 0o640);
    assert_eq!(env.uid(), 0);
    let unit_path = "/lib/systemd/system/mailroom.service";
    ok(&sh("systemd-analyze", &["verify", unit_path]));
    let unit = std::fs::read_to_string(unit_path).unwrap();
    for hardening in [
        "ProtectSystem=strict",
        "NoNewPrivileges=true",
        "PrivateTmp=true",
        "StateDirectory=mailroom",
        "RuntimeDirectory=mailroom",
        "User=mailroom",
    ] {
        assert!(unit.contains(hardening), "{hardening}");
    }
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("ExecStart");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let mut words = exec.split_whitespace();
    let program = words.next().unwrap();
    let id = |flag: &str| -> u32 { ok(&sh("id", &[flag, "mailroom"])).trim().parse().unwrap() };
    // As the user itself (not through runuser, whose child a kill would
    // leave running).
    use std::os::unix::process::CommandExt;
    let mut server = Command::new(program)
        .args(words)
        .uid(id("-u"))
        .gid(id("-g"))
        .env("MAILROOM_LISTEN", format!("127.0.0.1:{port}"))
        .env("MAILROOM_SOCKETMAP_LISTEN", "off")
        .env("MAILROOM_INTERNAL_LISTEN", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let health = loop {
        let answer = std::net::TcpStream::connect(("127.0.0.1", port))
            .ok()
            .and_then(|mut s| {
                use std::io::{Read, Write};
                s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .ok()?;
                let mut text = String::new();
                s.read_to_string(&mut text).ok()?;
                Some(text)
            });
        if let Some(answer) = answer {
            break answer;
        }
        if Instant::now() > deadline || server.try_wait().unwrap().is_some() {
            let _ = server.kill();
            let out = server.wait_with_output().unwrap();
            panic!("no answer: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = server.kill();
    let _ = server.wait();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let data = std::fs::metadata("/var/lib/mailroom/mailroom.redb").unwrap();
    let owner = ok(&sh("id", &["-u", "mailroom"]));
    assert_eq!(
        data.uid().to_string(),
        owner.trim(),
        "the data belongs to mailroom"
    );
    ok(&sh("dpkg", &["--purge", "mailroom"]));
    let _ = std::fs::remove_dir_all("/var/lib/mailroom");
}
