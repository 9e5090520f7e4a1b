//! Just enough SMTP and IMAP to talk to the real servers, from a chosen
//! loopback source address (Dovecot penalises failed logins per address).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

fn connect(port: u16, source: &str) -> TcpStream {
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    let local: SocketAddr = format!("{source}:0").parse().expect("source");
    socket.bind(&local.into()).expect("bind source address");
    let remote: SocketAddr = format!("127.0.0.1:{port}").parse().expect("remote");
    socket
        .connect_timeout(&remote.into(), Duration::from_secs(5))
        .expect("connect");
    let stream: TcpStream = socket.into();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream
}

pub struct Smtp {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

/// A reply: code and the text of its last line.
pub type Reply = (u16, String);

impl Smtp {
    pub fn connect(port: u16, source: &str) -> Self {
        let stream = connect(port, source);
        let writer = stream.try_clone().expect("clone");
        let mut smtp = Self {
            reader: BufReader::new(stream),
            writer,
        };
        let (code, text) = smtp.reply();
        assert_eq!(code, 220, "greeting: {text}");
        let (code, text) = smtp.command("EHLO client.test.example");
        assert_eq!(code, 250, "EHLO: {text}");
        smtp
    }

    pub fn reply(&mut self) -> Reply {
        let mut all = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).unwrap_or(0) == 0 {
                return (0, format!("connection closed after {all:?}"));
            }
            all.push_str(&line);
            if line.len() < 4 || line.as_bytes()[3] != b'-' {
                let code = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
                return (code, all.trim_end().to_owned());
            }
        }
    }

    pub fn command(&mut self, line: &str) -> Reply {
        write!(self.writer, "{line}\r\n").expect("write");
        self.reply()
    }

    pub fn auth(&mut self, user: &str, password: &str) -> Reply {
        let token = STANDARD.encode(format!("\0{user}\0{password}"));
        self.command(&format!("AUTH PLAIN {token}"))
    }

    /// Sends one message; the first refusal is returned with its stage.
    pub fn send(&mut self, from: &str, to: &[&str], subject: &str) -> Result<(), (String, Reply)> {
        self.send_sized(from, to, subject, 0)
    }

    /// Sends `message` (headers, a blank line, the body; lines ending in
    /// CRLF, a final "." line) as it is.
    pub fn send_message(
        &mut self,
        from: &str,
        to: &[&str],
        message: &str,
    ) -> Result<(), (String, Reply)> {
        let reply = self.command(&format!("MAIL FROM:<{from}>"));
        if reply.0 != 250 {
            return Err(("MAIL".into(), reply));
        }
        for rcpt in to {
            let reply = self.command(&format!("RCPT TO:<{rcpt}>"));
            if reply.0 != 250 {
                let _ = self.command("RSET");
                return Err((format!("RCPT {rcpt}"), reply));
            }
        }
        let reply = self.command("DATA");
        if reply.0 != 354 {
            return Err(("DATA".into(), reply));
        }
        let reply = self.command(message);
        if reply.0 != 250 {
            return Err(("end of DATA".into(), reply));
        }
        Ok(())
    }

    /// The same, with a body of about `size` more bytes.
    pub fn send_sized(
        &mut self,
        from: &str,
        to: &[&str],
        subject: &str,
        size: usize,
    ) -> Result<(), (String, Reply)> {
        let filler = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456\r\n"
            .repeat(size / 75);
        let body = format!(
            "From: <{from}>\r\nTo: <{}>\r\nSubject: {subject}\r\n\r\nSent by the Mailroom mail-stack test.\r\n{filler}.",
            to.join(">, <")
        );
        self.send_message(from, to, &body)
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = write!(self.writer, "QUIT\r\n");
    }
}

/// Sends one message over plain SMTP (port 25's role).
pub fn send(port: u16, from: &str, to: &[&str], subject: &str) -> Result<(), (String, Reply)> {
    Smtp::connect(port, "127.0.0.1").send(from, to, subject)
}

struct Imap {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    tag: u32,
}

impl Imap {
    fn connect(port: u16, source: &str) -> Self {
        let stream = connect(port, source);
        let writer = stream.try_clone().expect("clone");
        let mut imap = Self {
            reader: BufReader::new(stream),
            writer,
            tag: 0,
        };
        let mut greeting = String::new();
        imap.reader.read_line(&mut greeting).expect("greeting");
        assert!(greeting.starts_with("* OK"), "IMAP greeting: {greeting}");
        imap
    }

    /// Runs a command; returns the untagged lines and the tagged status line.
    fn command(&mut self, command: &str) -> (Vec<String>, String) {
        self.tag += 1;
        let tag = format!("a{}", self.tag);
        if write!(self.writer, "{tag} {command}\r\n").is_err() {
            return (Vec::new(), "connection closed".into());
        }
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).unwrap_or(0) == 0 {
                return (lines, "connection closed".into());
            }
            if let Some(status) = line.strip_prefix(&format!("{tag} ")) {
                return (lines, status.trim_end().to_owned());
            }
            lines.push(line.trim_end().to_owned());
        }
    }

    /// Logged in as `user` with INBOX selected, and SELECT's lines.
    fn inbox(port: u16, user: &str, password: &str) -> (Self, Vec<String>) {
        let mut imap = Imap::connect(port, "127.0.0.1");
        assert!(
            imap.login(user, password),
            "{user} cannot log in to read mail"
        );
        let (lines, status) = imap.command("SELECT INBOX");
        assert!(status.starts_with("OK"), "SELECT: {status}");
        (imap, lines)
    }

    fn login(&mut self, user: &str, password: &str) -> bool {
        self.login_status(user, password).starts_with("OK")
    }

    fn login_status(&mut self, user: &str, password: &str) -> String {
        let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        self.command(&format!("LOGIN {} {}", quoted(user), quoted(password)))
            .1
    }
}

impl Drop for Imap {
    fn drop(&mut self) {
        let _ = write!(self.writer, "z LOGOUT\r\n");
    }
}

/// Whether `user` can log in over IMAP with `password`: `true` accepted,
/// `false` refused as a wrong login. Anything else (a temporary failure,
/// Mailroom's endpoint down, a closed connection) is not a refusal and
/// fails the test, so a broken check never passes for a refused one.
pub fn imap_login(port: u16, source: &str, user: &str, password: &str) -> bool {
    let status = imap_login_status(port, source, user, password);
    if status.starts_with("OK") {
        return true;
    }
    assert!(
        status.starts_with("NO [AUTHENTICATIONFAILED]"),
        "the login of {user} was neither accepted nor refused: {status}"
    );
    false
}

/// The server's whole answer to a LOGIN (`OK …`, `NO [AUTHENTICATIONFAILED] …`,
/// `NO [UNAVAILABLE] …`), to tell a refusal from a failure.
pub fn imap_login_status(port: u16, source: &str, user: &str, password: &str) -> String {
    Imap::connect(port, source).login_status(user, password)
}

/// The subjects in a mailbox's INBOX.
pub fn subjects(port: u16, user: &str, password: &str) -> Vec<String> {
    let (mut imap, lines) = Imap::inbox(port, user, password);
    let exists = lines
        .iter()
        .any(|l| l.ends_with(" EXISTS") && !l.starts_with("* 0 "));
    if !exists {
        return Vec::new();
    }
    let (lines, status) = imap.command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
    assert!(status.starts_with("OK"), "FETCH: {status}");
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("Subject: "))
        .map(str::to_owned)
        .collect()
}

/// Every message of a mailbox's INBOX, headers and bodies, as one text.
pub fn inbox_text(port: u16, user: &str, password: &str) -> String {
    let (mut imap, _) = Imap::inbox(port, user, password);
    imap.command("FETCH 1:* (BODY.PEEK[])").0.join("\n")
}

/// The flags of the INBOX message with `subject`, as IMAP gives them.
pub fn flags_of(port: u16, user: &str, password: &str, subject: &str) -> String {
    let (mut imap, _) = Imap::inbox(port, user, password);
    let (lines, _) = imap.command("FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
    let wanted = format!("Subject: {subject}");
    let at = lines.iter().position(|l| *l == wanted);
    at.and_then(|at| lines[..at].iter().rev().find(|l| l.starts_with("* ")))
        .cloned()
        .unwrap_or_else(|| format!("no message {subject:?} in {lines:?}"))
}

/// Waits until a message with `subject` is in the mailbox.
pub fn wait_for(port: u16, user: &str, password: &str, subject: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if subjects(port, user, password).iter().any(|s| s == subject) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

/// An IMAP session kept open, as a mail program keeps it.
pub struct OpenImap(Imap);

impl OpenImap {
    /// Logs in from `source`; `None` when the login is refused.
    pub fn login(port: u16, source: &str, user: &str, password: &str) -> Option<Self> {
        let mut imap = Imap::connect(port, source);
        let status = imap.login_status(user, password);
        if status.starts_with("OK") {
            return Some(Self(imap));
        }
        assert!(
            status.starts_with("NO [AUTHENTICATIONFAILED]"),
            "the login of {user} was neither accepted nor refused: {status}"
        );
        None
    }

    /// Whether the server still serves this session.
    pub fn alive(&mut self) -> bool {
        let (_, status) = self.0.command("NOOP");
        status.starts_with("OK")
    }

    /// Waits up to `limit` for the server to end the session.
    pub fn closed_within(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if !self.alive() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}
