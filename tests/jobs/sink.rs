//! The real SMTP server of these tests: aiosmtpd writing a Maildir, run
//! from `tests/support/smtp_sink.py` and killed when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sink {
    child: Child,
    pub port: u16,
    pub folder: PathBuf,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sink {
    pub fn start(port: u16, folder: &Path, delay_secs: f64) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(folder)
            .arg(delay_secs.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd (scripts/test installs python3-aiosmtpd)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP sink did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            port,
            folder: folder.to_path_buf(),
        }
    }

    /// Every message received so far, as text.
    pub fn messages(&self) -> Vec<String> {
        received(&self.folder)
    }
}

pub fn received(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder.join("new")) else {
        return Vec::new();
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The link of a message Mailroom sent (its text part names it once).
pub fn link_in(message: &str) -> Option<String> {
    let unfolded = message.replace("=\r\n", "").replace("=\n", "");
    let start = unfolded.find("Accept the invitation: ")? + "Accept the invitation: ".len();
    let rest = &unfolded[start..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}
