//! A real Postfix and Dovecot on loopback ports, configured with what
//! `mailroom mailserver-config` prints, in front of a Mailroom served in this
//! process. Everything is stopped by PID when the stack is dropped, also
//! when a test fails.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailroom::app::Actor;
use mailroom::config::MailServerSettings;
use mailroom::doveadm::DoveadmSettings;
use mailroom::mailserver::socketmap::Listen;
use mailroom::model::{Domain, EmailAddress, Password};
use mailroom::{App, Config};

pub const DOMAIN: &str = "mailstack.example";
pub const SECRET: &str = "mail-stack-test-secret";
const DOVEADM_KEY: &str = "mail-stack-doveadm-key";

pub struct Ports {
    pub http: u16,
    pub socketmap: u16,
    pub internal: u16,
    pub smtp: u16,
    pub submission: u16,
    pub imap: u16,
    pub lmtp: u16,
    pub auth: u16,
    pub doveadm: u16,
    /// Postfix's loopback service for Dovecot's out-of-office replies.
    pub replies: u16,
    /// The OpenDKIM signers (RSA, Ed25519), when the stack signs.
    pub rsa_milter: u16,
    pub ed25519_milter: u16,
}

use super::ports::free_port;

pub struct Stack {
    pub root: tempfile::TempDir,
    pub ports: Ports,
    pub app: Arc<App>,
    pub owner: Actor,
    runtime: tokio::runtime::Runtime,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// Mailroom's settings, to start it again after `stop_mailroom`.
    config: Config,
    postfix_config: PathBuf,
    /// Where Mailroom keeps OpenDKIM's tables, when the stack signs.
    pub dkim: Option<PathBuf>,
    pids: Vec<PathBuf>,
}

/// Mailroom served in `runtime` until the returned sender is used.
fn serve(
    runtime: &tokio::runtime::Runtime,
    app: &Arc<App>,
    config: Config,
) -> tokio::sync::oneshot::Sender<()> {
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = Arc::clone(app);
    runtime.spawn(async move {
        let stop = async move {
            let _ = stopped.await;
        };
        if let Err(error) = mailroom::server::serve(served, config, stop).await {
            eprintln!("mailroom stopped: {error:#}");
        }
    });
    shutdown
}

/// The ports Mailroom's listeners are on, and what each is.
fn listening(config: &Config) -> Vec<(u16, &'static str)> {
    let mut ports = vec![(config.listen.port(), "Mailroom")];
    if let Some(Listen::Tcp(address)) = &config.mail_server.socketmap_listen {
        ports.push((address.port(), "Mailroom's socketmap"));
    }
    if let Some(address) = config.mail_server.internal_listen {
        ports.push((address.port(), "Mailroom's internal listener"));
    }
    ports
}

/// A Debian system binary, by its full path when PATH lacks /usr/sbin.
fn system(name: &str) -> Command {
    let full = Path::new("/usr/sbin").join(name);
    if full.exists() {
        Command::new(full)
    } else {
        Command::new(name)
    }
}

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start listening on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Stack {
    pub fn start() -> Self {
        Self::start_with(|_| {})
    }

    /// A stack whose Mailroom settings `adjust` changes first.
    pub fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        Self::start_with_front(adjust, |_| {})
    }

    /// A stack whose Mailroom settings `adjust` changes, and whose mail
    /// server starts once `front` has readied what it reaches Mailroom
    /// through (`ports.socketmap` and `ports.internal`, where Mailroom
    /// listens unless `adjust` moves it).
    pub fn start_with_front(
        adjust: impl FnOnce(&mut Config),
        front: impl FnOnce(&mut Stack),
    ) -> Self {
        let root = tempfile::Builder::new()
            .prefix("mailroom-stack-")
            .tempdir()
            .expect("temp dir");
        // Postfix and Dovecot run as their own users: they must reach in here.
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        let ports = Ports {
            http: free_port(),
            socketmap: free_port(),
            internal: free_port(),
            smtp: free_port(),
            submission: free_port(),
            imap: free_port(),
            lmtp: free_port(),
            auth: free_port(),
            doveadm: free_port(),
            replies: free_port(),
            rsa_milter: free_port(),
            ed25519_milter: free_port(),
        };

        // Mailroom, in this process, so the test can drive its use cases.
        let data = root.path().join("mailroom");
        let mut config = Config::new(data.clone());
        config.listen = ([127, 0, 0, 1], ports.http).into();
        config.mail_server = MailServerSettings {
            socketmap_listen: Some(Listen::Tcp(([127, 0, 0, 1], ports.socketmap).into())),
            internal_listen: Some(([127, 0, 0, 1], ports.internal).into()),
            dovecot_secret: Some(SECRET.into()),
            metrics_secret: None,
            internal_listen_public: false,
            dovecot_passwd_file: None,
            dkim_dir: None,
            doveadm: Some(DoveadmSettings {
                url: format!("http://127.0.0.1:{}", ports.doveadm),
                key: DOVEADM_KEY.into(),
            }),
            socketmap_limits: Default::default(),
        };
        adjust(&mut config);
        let dkim = config.mail_server.dkim_dir.clone();
        let app = Arc::new(App::open_at(&config.store_at(), config.app_settings()).expect("open"));
        let owner_login = EmailAddress::parse("owner@owners.example").expect("owner");
        app.accounts()
            .setup(
                "Stack",
                &owner_login,
                &Password::new("owner password 1", None).expect("pw"),
                None,
            )
            .expect("setup");
        let org = app.organisations().organisation_named(None).expect("org");
        let owner = app.organisations().owner_of(org.id).expect("owner");
        app.services()
            .add_service_vouched(&owner, org.id, &Domain::parse(DOMAIN).expect("domain"))
            .expect("service");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let shutdown = serve(&runtime, &app, config.clone());
        for (port, what) in listening(&config) {
            wait_for_port(port, what);
        }

        let mut stack = Self {
            root,
            ports,
            app,
            owner,
            runtime,
            shutdown: Some(shutdown),
            config,
            postfix_config: PathBuf::new(),
            pids: Vec::new(),
            dkim,
        };
        front(&mut stack);
        stack.start_dovecot(&data);
        stack.start_opendkim(&data);
        stack.start_postfix(&data);
        stack
    }

    fn printed(&self, data: &Path, section: &str) -> String {
        let ports = &self.ports;
        let lua = self.root.path().join("dovecot/auth.lua");
        let mail = self.root.path().join("mail");
        run(Command::new(env!("CARGO_BIN_EXE_mailroom"))
            .args(["mailserver-config", "--section", section])
            .arg("--socketmap-listen")
            .arg(format!("127.0.0.1:{}", ports.socketmap))
            .arg("--internal-listen")
            .arg(format!("127.0.0.1:{}", ports.internal))
            .arg("--dovecot-secret")
            .arg(SECRET)
            .arg("--lmtp")
            .arg(format!("inet:127.0.0.1:{}", ports.lmtp))
            .arg("--dovecot-auth")
            .arg(format!("inet:127.0.0.1:{}", ports.auth))
            .arg("--submission")
            .arg(format!("127.0.0.1:{}", ports.submission))
            .arg("--lua-file")
            .arg(&lua)
            .arg("--mail-root")
            .arg(&mail)
            .args(["--mail-uid", "5000"])
            .arg("--doveadm-url")
            .arg(format!("http://127.0.0.1:{}", ports.doveadm))
            .args(["--doveadm-key", DOVEADM_KEY])
            .arg("--replies-via")
            .arg(format!("127.0.0.1:{}", ports.replies))
            .args(self.dkim_args())
            .env("MAILROOM_DATA_DIR", data))
    }

    fn dkim_args(&self) -> Vec<String> {
        match &self.dkim {
            Some(dir) => vec![
                "--dkim-dir".into(),
                dir.display().to_string(),
                "--dkim-milters".into(),
                format!(
                    "127.0.0.1:{},127.0.0.1:{}",
                    self.ports.rsa_milter, self.ports.ed25519_milter
                ),
                "--dkim-user".into(),
                "root".into(),
            ],
            None => Vec::new(),
        }
    }

    /// Two OpenDKIMs (RSA and Ed25519) with the configuration Mailroom
    /// prints, once Mailroom has written their tables.
    fn start_opendkim(&mut self, data: &Path) {
        let Some(dir) = self.dkim.clone() else {
            return;
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !dir.join("rsa.signingtable").exists() {
            assert!(
                Instant::now() < deadline,
                "Mailroom did not write the DKIM tables"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        for (alg, port) in [
            ("rsa", self.ports.rsa_milter),
            ("ed25519", self.ports.ed25519_milter),
        ] {
            let conf = dir.join(format!("opendkim-{alg}.conf"));
            std::fs::write(&conf, self.printed(data, &format!("opendkim-{alg}")))
                .expect("opendkim.conf");
            let status = system("opendkim")
                .arg("-x")
                .arg(&conf)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("start opendkim");
            assert!(status.success(), "opendkim ({alg}) did not start");
            self.pids.push(dir.join(format!("opendkim-{alg}.pid")));
            wait_for_port(port, "OpenDKIM");
        }
    }

    fn start_dovecot(&mut self, data: &Path) {
        let dir = self.root.path().join("dovecot");
        std::fs::create_dir_all(&dir).expect("dovecot dir");
        let mail = self.root.path().join("mail");
        std::fs::create_dir_all(&mail).expect("mail dir");
        run(Command::new("chown").arg("5000:5000").arg(&mail));
        std::fs::write(dir.join("auth.lua"), self.printed(data, "lua")).expect("lua");
        let base = format!(
            "# The test stack's own settings; the rest is what mailserver-config prints.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = {dir}/run
state_dir = {dir}/state
instance_name = mailroom-stack-{imap}
log_path = {dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
first_valid_uid = 5000
auth_failure_delay = 0
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
",
            dir = dir.display(),
            imap = self.ports.imap,
        );
        let conf = dir.join("dovecot.conf");
        std::fs::write(&conf, base + &self.printed(data, "dovecot")).expect("dovecot.conf");
        // A listening port picked free may be held a moment by another
        // test's outgoing connection (the same ephemeral range): Dovecot
        // refuses to start then; a few tries, each saying why it failed.
        let mut refusals = Vec::new();
        for _ in 0..5 {
            // Its errors to a file: a pipe would be held open by the daemon.
            let said = dir.join("dovecot-start.err");
            let status = system("dovecot")
                .arg("-c")
                .arg(&conf)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&said).expect("dovecot-start.err"))
                .status()
                .expect("start dovecot");
            if status.success() {
                refusals.clear();
                break;
            }
            refusals.push(std::fs::read_to_string(&said).unwrap_or_default());
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        assert!(
            refusals.is_empty(),
            "dovecot did not start: {refusals:?}; see {}",
            dir.join("dovecot.log").display()
        );
        self.pids.push(dir.join("run/master.pid"));
        wait_for_port(self.ports.imap, "Dovecot IMAP");
        wait_for_port(self.ports.lmtp, "Dovecot LMTP");
        wait_for_port(self.ports.auth, "Dovecot auth");
    }

    fn start_postfix(&mut self, data: &Path) {
        let dir = self.root.path().join("postfix");
        let queue = dir.join("queue");
        let state = dir.join("data");
        std::fs::create_dir_all(&queue).expect("queue");
        std::fs::create_dir_all(&state).expect("data");
        run(Command::new("chown").arg("postfix").arg(&state));
        let main = format!(
            "# The test stack's own settings; the rest is what mailserver-config prints.
compatibility_level = 3.6
queue_directory = {queue}
data_directory = {state}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = mx.{DOMAIN}
mydomain = stack.test
mydestination =
relayhost =
mynetworks = 127.0.0.0/8
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtpd_peername_lookup = no
default_transport = error:outbound mail is disabled in the test stack
relay_transport = error:outbound mail is disabled in the test stack
local_transport = error:local delivery is disabled in the test stack
alias_maps =
alias_database =
smtputf8_enable = no
biff = no
maillog_file = {log}
maillog_file_prefixes = {root}
",
            queue = queue.display(),
            state = state.display(),
            log = dir.join("maillog").display(),
            root = self.root.path().display(),
        );
        std::fs::write(
            dir.join("main.cf"),
            main + &self.printed(data, "postfix-main"),
        )
        .expect("main.cf");
        let master = format!(
            "127.0.0.1:{smtp} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
",
            smtp = self.ports.smtp
        );
        std::fs::write(
            dir.join("master.cf"),
            master + &self.printed(data, "postfix-master"),
        )
        .expect("master.cf");
        self.postfix_config = dir.clone();
        let status = system("postfix")
            .arg("-c")
            .arg(&dir)
            .arg("start")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("start postfix");
        assert!(
            status.success(),
            "postfix did not start: see {}",
            dir.join("maillog").display()
        );
        self.pids.push(queue.join("pid/master.pid"));
        wait_for_port(self.ports.smtp, "Postfix SMTP");
        wait_for_port(self.ports.submission, "Postfix submission");
        wait_for_port(self.ports.replies, "Postfix's service for replies");
    }

    /// Stops Mailroom, as a crash or an upgrade would: its listeners close,
    /// Postfix and Dovecot go on running.
    pub fn stop_mailroom(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        for (port, _) in listening(&self.config) {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                assert!(Instant::now() < deadline, "Mailroom did not stop");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    /// Starts Mailroom again on the same store and ports.
    pub fn start_mailroom(&mut self) {
        self.shutdown = Some(serve(&self.runtime, &self.app, self.config.clone()));
        for (port, what) in listening(&self.config) {
            wait_for_port(port, what);
        }
    }

    /// HAProxy (Debian's package) on `ports.socketmap` and
    /// `ports.internal`, as README's "Several machines" shows it: the mail
    /// server's own node first and the other only while the first is down,
    /// marked down at its first refused connection and the connection
    /// tried again on the other.
    pub fn start_haproxy(&mut self, own: (u16, u16), other: (u16, u16)) {
        let dir = self.root.path().join("haproxy");
        std::fs::create_dir_all(&dir).expect("haproxy dir");
        let pid = dir.join("haproxy.pid");
        let conf = dir.join("haproxy.cfg");
        let listen = |name: &str, front: u16, own: u16, other: u16| {
            format!(
                "listen {name}
  bind 127.0.0.1:{front}
  server own 127.0.0.1:{own} check inter 500ms fall 2 rise 1 observe layer4 error-limit 1 on-error mark-down
  server other 127.0.0.1:{other} check inter 500ms fall 2 rise 1 backup
"
            )
        };
        let text = format!(
            "global
  pidfile {pid}
defaults
  mode tcp
  retries 3
  option redispatch 1
  timeout connect 1s
  timeout client 1h
  timeout server 1h
{}{}",
            listen("socketmap", self.ports.socketmap, own.0, other.0),
            listen("internal", self.ports.internal, own.1, other.1),
            pid = pid.display(),
        );
        std::fs::write(&conf, text).expect("haproxy.cfg");
        let status = system("haproxy")
            .arg("-D")
            .arg("-f")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status()
            .expect("start haproxy");
        assert!(status.success(), "haproxy did not start");
        self.pids.push(pid);
        wait_for_port(self.ports.socketmap, "HAProxy");
        wait_for_port(self.ports.internal, "HAProxy");
    }

    /// Postfix's configuration folder (for its own commands).
    pub fn postfix_dir(&self) -> &Path {
        &self.postfix_config
    }

    /// Where to look when something fails.
    pub fn logs(&self) -> String {
        let read = |p: PathBuf| {
            std::fs::read_to_string(&p).unwrap_or_else(|e| format!("({}: {e})", p.display()))
        };
        format!(
            "--- postfix maillog ---\n{}\n--- dovecot.log ---\n{}",
            read(self.root.path().join("postfix/maillog")),
            read(self.root.path().join("dovecot/dovecot.log"))
        )
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("{}", self.logs());
        }
        for pid_file in &self.pids {
            let Ok(text) = std::fs::read_to_string(pid_file) else {
                continue;
            };
            let pid = text.trim();
            let _ = Command::new("kill").arg(pid).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = Command::new("kill")
                .args(["-9", pid])
                .stderr(Stdio::null())
                .status();
        }
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let _ = &self.runtime;
    }
}
