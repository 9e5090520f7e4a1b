//! A real authoritative DNS server on loopback: Knot, with one zone whose
//! records a test rewrites (the serial raised, the zone reloaded).

use std::net::{SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Knot {
    dir: tempfile::TempDir,
    pub addr: SocketAddr,
    zone: String,
    serial: u32,
}

fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Knot {
    pub fn start(zone: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_udp_port();
        for sub in ["run", "db", "zones"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("dirs");
        }
        let d = dir.path().display();
        let conf = format!(
            "server:\n    listen: 127.0.0.1@{port}\n    rundir: {d}/run\n    user: root:root\n\
             database:\n    storage: {d}/db\n\
             template:\n  - id: default\n    storage: {d}/zones\n    file: \"%s.zone\"\n\
             zone:\n  - domain: {zone}\n\
             log:\n  - target: stderr\n    any: warning\n"
        );
        std::fs::write(dir.path().join("knot.conf"), conf).expect("conf");
        let mut knot = Self {
            dir,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            zone: zone.to_owned(),
            serial: 0,
        };
        knot.publish(&[]);
        let status = Command::new("knotd")
            .args(["-c", &knot.conf(), "-d"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("knotd");
        assert!(status.success(), "knotd did not start");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !knot.answers() {
            assert!(Instant::now() < deadline, "knotd does not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        knot
    }

    fn conf(&self) -> String {
        self.dir.path().join("knot.conf").display().to_string()
    }

    fn zone_file(&self) -> PathBuf {
        self.dir
            .path()
            .join("zones")
            .join(format!("{}.zone", self.zone))
    }

    fn answers(&self) -> bool {
        Command::new("knotc")
            .args(["-c", &self.conf(), "zone-status", &self.zone])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Replaces the zone's records (besides SOA and NS) with these lines.
    pub fn publish(&mut self, lines: &[String]) {
        self.serial += 1;
        let z = &self.zone;
        let mut text = format!(
            "$ORIGIN {z}.\n$TTL 1\n@ SOA ns.{z}. hostmaster.{z}. {} 3600 600 86400 1\n@ NS ns.{z}.\nns A 127.0.0.1\n",
            self.serial
        );
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(self.zone_file(), text).expect("zone");
        if self.serial > 1 {
            let out = Command::new("knotc")
                .args(["-c", &self.conf(), "zone-reload", &self.zone])
                .output()
                .expect("knotc");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // The reload is done when the new serial answers.
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let status = Command::new("knotc")
                    .args(["-c", &self.conf(), "zone-status", &self.zone])
                    .output()
                    .expect("knotc");
                if String::from_utf8_lossy(&status.stdout)
                    .contains(&format!("serial: {}", self.serial))
                {
                    break;
                }
                assert!(Instant::now() < deadline, "the zone did not reload");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

impl Drop for Knot {
    fn drop(&mut self) {
        let pid = std::fs::read_to_string(self.dir.path().join("run/knot.pid")).unwrap_or_default();
        if let Ok(pid) = pid.trim().parse::<i32>() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while std::path::Path::new(&format!("/proc/{pid}")).exists()
                && Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    }
}
