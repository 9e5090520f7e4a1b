//! Background jobs delivering real email: through aiosmtpd on loopback,
//! with the server down and coming back, into the outbox without a server,
//! and across a SIGKILL of the real process.

#[path = "../flows/helpers.rs"]
mod helpers;
mod sink;

use mailroom::store::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use mailroom::app::{AddressRef, AppSettings, ShareMode, ShareWith};
use mailroom::jobs::JobSettings;
use mailroom::mail::Mailer;
use mailroom::model::MessageId;
use mailroom::model::{Domain, EmailAddress, Permissions};
use mailroom::model::{MessageState, SignupRule};

use helpers::{PASSWORD, TestApp};
use sink::{Sink, free_port, link_in};

fn quick_jobs() -> AppSettings {
    AppSettings {
        jobs: JobSettings {
            backoff_base: Duration::from_millis(300),
            poll_interval: Duration::from_millis(100),
            ..JobSettings::default()
        },
        ..AppSettings::default()
    }
}

/// Starts the worker for `app` until the returned sender is dropped.
fn run_worker(app: &TestApp, smtp: Option<String>) -> tokio::sync::oneshot::Sender<()> {
    let mailer = Mailer::new(smtp.as_deref(), "Mailroom <mailroom@acme.example>").unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let settings = app.app.settings().jobs.clone();
    tokio::spawn(mailroom::jobs::run(
        Arc::clone(&app.app),
        Arc::new(mailer),
        settings,
        async move {
            let _ = stopped.await;
        },
    ));
    stop
}

/// Invites `email` onto jo@acme.example; returns the message id.
fn invite(app: &TestApp, email: &str, signup: SignupRule) -> MessageId {
    let owner = app.owner();
    let jo = AddressRef::parse("acme.example", "jo").unwrap();
    let with = ShareWith::Email {
        email: EmailAddress::parse(email).unwrap(),
        signup,
        lang: None,
    };
    app.app
        .sharing()
        .share_address(&owner, &jo, with, Permissions::all(), ShareMode::Invite)
        .unwrap();
    let reader = app.app.store_for_tests().read().unwrap();
    let address = app.app.addresses().address_view(owner.user, &jo).unwrap();
    let invitation = reader
        .invitations_of(address.address.id)
        .unwrap()
        .into_iter()
        .rfind(|i| i.email.to_ascii() == email)
        .unwrap();
    invitation.message.unwrap()
}

async fn wait_for_state(
    app: &TestApp,
    message: MessageId,
    what: &str,
    done: impl Fn(&MessageState) -> bool,
) -> MessageState {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let state = app
            .app
            .operations()
            .messages(&[message])
            .unwrap()
            .remove(0)
            .state;
        if done(&state) {
            return state;
        }
        assert!(
            Instant::now() < deadline,
            "message {message} never became {what}: {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn prepared(settings: AppSettings) -> TestApp {
    let app = TestApp::with_settings(settings);
    drop(app.set_up().await);
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_arrives_by_smtp_and_its_link_completes_the_sign_up() {
    let app = prepared(quick_jobs()).await;
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(free_port(), dir.path(), 0.0);
    let _worker = run_worker(&app, Some(format!("smtp://127.0.0.1:{}", sink.port)));

    let message = invite(&app, "guest@elsewhere.example", SignupRule::ThisAddress);
    wait_for_state(&app, message, "sent", |s| {
        matches!(s, MessageState::Sent { .. })
    })
    .await;
    let received = sink.messages();
    assert_eq!(received.len(), 1);
    assert!(received[0].contains("guest@elsewhere.example"));
    assert!(received[0].contains("invites you to use jo@acme.example"));
    let link = link_in(&received[0]).expect("a link in the message");
    let path = link
        .strip_prefix("http://127.0.0.1:8080")
        .expect("the public URL");

    // The link, followed as the recipient would, completes the sign-up.
    let mut guest = app.client_from("127.0.0.9");
    let page = guest.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Use jo@acme.example") && page.body.contains("readonly"));
    let signed = guest
        .post(
            path,
            &[
                ("login", "jo@acme.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(signed.location(), "/services/acme.example/addresses/jo");
    let landed = guest.get("/services/acme.example/addresses/jo").await;
    assert_eq!(landed.status, StatusCode::OK, "logged in, with access");
    let used = app.client().get(path).await;
    assert_eq!(used.status, StatusCode::GONE, "single use");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_smtp_server_down_delivery_retries_then_succeeds() {
    let app = prepared(quick_jobs()).await;
    let port = free_port();
    let _worker = run_worker(&app, Some(format!("smtp://127.0.0.1:{port}")));
    let message = invite(&app, "later@elsewhere.example", SignupRule::OwnChoice);
    let retrying = wait_for_state(&app, message, "retrying", |s| {
        matches!(s, MessageState::Retrying { .. })
    })
    .await;
    let MessageState::Retrying { error, .. } = retrying else {
        unreachable!()
    };
    assert!(!error.is_empty(), "the reason is kept");

    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(port, dir.path(), 0.0);
    wait_for_state(&app, message, "sent", |s| {
        matches!(s, MessageState::Sent { .. })
    })
    .await;
    assert_eq!(sink.messages().len(), 1, "sent once");
    let job = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .recent_jobs(1)
        .unwrap()
        .remove(0);
    assert!(job.attempts >= 2, "it took more than one attempt: {job:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_smtp_server_messages_wait_in_the_outbox_but_private_links_are_withheld() {
    let app = prepared(quick_jobs()).await;
    let _worker = run_worker(&app, None);
    // Access given to a member at once: its link is the address's page, behind
    // the member's own login, so the admins may pass it on.
    let ann = app.add_member("ann@acme.example", mailroom::model::Role::Member);
    let owner = app.owner();
    let jo = AddressRef::parse("acme.example", "jo").unwrap();
    app.app
        .sharing()
        .share_address(
            &owner,
            &jo,
            ShareWith::Member(ann),
            Permissions::all(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let granted = app.last_mail();
    assert!(!granted.private);
    wait_for_state(&app, granted.id, "kept", |s| {
        matches!(s, MessageState::InOutbox { .. })
    })
    .await;
    // An invitation's link lets whoever holds it in: for its recipient alone.
    let message = invite(&app, "someone@elsewhere.example", SignupRule::OwnChoice);
    let queued = app.last_mail();
    assert_eq!(queued.id, message);
    let token_path = queued
        .link
        .clone()
        .unwrap()
        .replace("http://127.0.0.1:8080", "");
    assert!(token_path.starts_with("/invitations/"));
    wait_for_state(&app, message, "withheld", |s| {
        matches!(s, MessageState::Withheld { .. })
    })
    .await;
    let stored = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .message(message)
        .unwrap()
        .unwrap();
    assert!(
        stored.text.is_empty() && stored.html.is_empty() && stored.link.is_none(),
        "a withheld message keeps no link: {stored:?}"
    );
    let mut owner = app.client();
    owner.login(helpers::OWNER, PASSWORD).await;
    let outbox = owner.get("/outbox").await;
    assert!(outbox.body.contains("someone@elsewhere.example"));
    assert!(outbox.body.contains("not sent: no mail server is set"));
    assert!(
        !outbox.body.contains(&token_path),
        "the invitation's link is shown"
    );
    assert!(outbox.body.contains("in the outbox (no mail server set)"));
    assert!(
        outbox
            .body
            .contains("<a href=\"http://127.0.0.1:8080/services/acme.example/addresses/jo"),
        "the member's link is clickable: {}",
        outbox.body
    );
    let jobs = owner.get("/jobs").await;
    assert!(jobs.body.contains("deliver message"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_out_of_attempts_is_dead_and_an_admin_retries_it() {
    let mut settings = quick_jobs();
    settings.jobs.max_attempts = 2;
    let app = prepared(settings).await;
    let port = free_port();
    let _worker = run_worker(&app, Some(format!("smtp://127.0.0.1:{port}")));
    let message = invite(&app, "dead@elsewhere.example", SignupRule::OwnChoice);
    wait_for_state(&app, message, "failed", |s| {
        matches!(s, MessageState::Failed { .. })
    })
    .await;

    let mut owner = app.client();
    owner.login(helpers::OWNER, PASSWORD).await;
    let jobs = owner.get("/jobs").await;
    assert!(jobs.body.contains("Failed (1)"), "{}", jobs.body);
    let retry_at = jobs.body.split("action=\"/jobs/").nth(1).unwrap();
    let id = &retry_at[..retry_at.find('/').unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(port, dir.path(), 0.0);
    let retried = owner.post(&format!("/jobs/{id}/retry"), &[]).await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER);
    wait_for_state(&app, message, "sent", |s| {
        matches!(s, MessageState::Sent { .. })
    })
    .await;
    assert_eq!(sink.messages().len(), 1);
}

/// The real binary, killed by PID when dropped.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(data: &std::path::Path, smtp_port: u16) -> Process {
    serve_with(data, smtp_port, &[])
}

fn serve_with(data: &std::path::Path, smtp_port: u16, extra: &[&str]) -> Process {
    let http = free_port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_mailroom"))
        .args(["serve", "--listen", &format!("127.0.0.1:{http}")])
        .args(["--socketmap-listen", "off", "--internal-listen", "off"])
        .args(["--smtp-url", &format!("smtp://127.0.0.1:{smtp_port}")])
        .args(extra)
        .env("MAILROOM_DATA_DIR", data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    Process(child)
}

#[test]
fn queued_mail_survives_a_sigkill_and_is_never_sent_twice() {
    const COUNT: usize = 12;
    let data = tempfile::tempdir().unwrap();
    let config = mailroom::Config::new(data.path().to_path_buf());
    // Queue the messages while no server runs: the file is ours.
    {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let app = mailroom::App::open(&config.database_path(), AppSettings::default()).unwrap();
        let owner = EmailAddress::parse("owner@acme.example").unwrap();
        let password = mailroom::model::Password::new(PASSWORD, None).unwrap();
        app.accounts()
            .setup("Acme", &owner, &password, None)
            .unwrap();
        let org = app.organisations().organisation_named(None).unwrap();
        let actor = app.organisations().owner_of(org.id).unwrap();
        let domain = Domain::parse("acme.example").unwrap();
        app.services().add_service(&actor, org.id, &domain).unwrap();
        app.addresses()
            .create_address(
                &actor,
                &domain,
                mailroom::app::NewAddress {
                    local_part: mailroom::model::LocalPart::parse("jo").unwrap(),
                    for_whom: mailroom::app::ForWhom::Multiple,
                    password: None,
                    forwarding: None,
                    display_name: None,
                    quota: None,
                },
            )
            .unwrap();
        let address = AddressRef::parse("acme.example", "jo").unwrap();
        for i in 0..COUNT {
            let with = ShareWith::Email {
                email: EmailAddress::parse(&format!("guest{i}@elsewhere.example")).unwrap(),
                signup: SignupRule::OwnChoice,
                lang: None,
            };
            app.sharing()
                .share_address(
                    &actor,
                    &address,
                    with,
                    Permissions::none(),
                    ShareMode::Invite,
                )
                .unwrap();
        }
        drop(runtime);
    }

    // A slow SMTP server, so the kill lands mid-delivery.
    let folder = tempfile::tempdir().unwrap();
    let sink = Sink::start(free_port(), folder.path(), 0.3);
    let first = serve(data.path(), sink.port);
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < 2 {
        assert!(Instant::now() < deadline, "nothing was delivered");
        std::thread::sleep(Duration::from_millis(5));
    }
    // SMTP gives no way to be exactly once: between the server's "250" and
    // the commit that records the message as sent (a few milliseconds) a
    // crash means sending again. The kill lands mid-way through the next
    // message instead (the sink takes 300 ms each, one at a time), which is
    // where a crash almost always lands: that message, and every one still
    // queued, is then sent once after the restart.
    std::thread::sleep(Duration::from_millis(120));
    let pid = first.0.id().to_string();
    std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    drop(first);
    let at_kill = sink.messages().len();
    assert!(
        at_kill < COUNT,
        "the kill came too late to prove anything ({at_kill} sent)"
    );

    // Restarted, it finishes the rest.
    let second = serve(data.path(), sink.port);
    while sink.messages().len() < COUNT {
        assert!(
            Instant::now() < deadline,
            "only {} of {COUNT} delivered after the restart",
            sink.messages().len()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(2));
    let messages = sink.messages();
    assert_eq!(messages.len(), COUNT, "none twice");
    let mut recipients: Vec<String> = messages
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("To: ")).map(str::to_owned))
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), COUNT, "every recipient once");

    // SIGTERM: a graceful stop, exit status 0.
    let mut second = second;
    std::process::Command::new("kill")
        .arg(second.0.id().to_string())
        .status()
        .unwrap();
    let status = second.0.wait().unwrap();
    assert!(status.success(), "graceful shutdown: {status:?}");
}

#[test]
fn an_import_killed_mid_way_resumes_after_a_restart_without_doing_a_row_twice() {
    const ROWS: usize = 400;
    let data = tempfile::tempdir().unwrap();
    let config = mailroom::Config::new(data.path().to_path_buf());
    let domain = Domain::parse("acme.example").unwrap();
    let import_id = {
        let app = mailroom::App::open(&config.database_path(), AppSettings::default()).unwrap();
        let owner = EmailAddress::parse("owner@acme.example").unwrap();
        app.accounts()
            .setup(
                "Acme",
                &owner,
                &mailroom::model::Password::new(PASSWORD, None).unwrap(),
                None,
            )
            .unwrap();
        let org = app.organisations().organisation_named(None).unwrap();
        let actor = app.organisations().owner_of(org.id).unwrap();
        app.services()
            .add_service_vouched(&actor, org.id, &domain)
            .unwrap();
        let mut csv = String::from("address,password\n");
        for i in 0..ROWS {
            csv.push_str(&format!("user{i:03},a long password {i:03}\n"));
        }
        let record = app
            .imports()
            .upload_import(&actor, &domain, "many.csv", csv.as_bytes())
            .unwrap();
        app.imports()
            .start_import(&actor, &domain, record.id)
            .unwrap();
        record.id
    };
    let state = |path: &std::path::Path| {
        let app = mailroom::App::open(path, AppSettings::default()).unwrap();
        let reader = app.store_for_tests().read().unwrap();
        let record = reader.import(import_id).unwrap().unwrap();
        let results = reader.import_results(import_id).unwrap();
        (record, results)
    };

    // Killed while creating: the Dovecot passwd-file, rewritten after every
    // commit, shows the progress while the server holds the database.
    let passwd = data.path().join("passwd");
    let passwd_arg = passwd.to_str().unwrap().to_owned();
    let first = serve_with(
        data.path(),
        free_port(),
        &["--dovecot-passwd-file", &passwd_arg],
    );
    let started = Instant::now();
    loop {
        let created = std::fs::read_to_string(&passwd)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if created >= 20 {
            std::process::Command::new("kill")
                .args(["-9", &first.0.id().to_string()])
                .status()
                .unwrap();
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the import did not start"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(first);
    let (record, results) = state(&config.database_path());
    assert!(
        record.done > 0 && (record.done as usize) < ROWS,
        "the kill should land mid-import: {} of {ROWS} done",
        record.done
    );
    assert_eq!(
        record.done as usize,
        results.len(),
        "every counted row has its result"
    );

    // Restarted: it resumes and finishes; no row twice, none lost.
    for _ in 0..20 {
        let mut again = serve(data.path(), free_port());
        std::thread::sleep(Duration::from_secs(3));
        std::process::Command::new("kill")
            .arg(again.0.id().to_string())
            .status()
            .unwrap();
        assert!(again.0.wait().unwrap().success(), "a graceful stop");
        let (record, _) = state(&config.database_path());
        if record.state == mailroom::model::ImportState::Done {
            break;
        }
    }
    let (record, results) = state(&config.database_path());
    assert_eq!(record.state, mailroom::model::ImportState::Done);
    assert_eq!(results.len(), ROWS, "the report is complete");
    assert_eq!(
        record.created_count as usize, ROWS,
        "every row created once: {results:?}"
    );
    assert_eq!(record.failed, 0, "no row was tried twice");
    let mut lines: Vec<u64> = results.iter().map(|r| r.line).collect();
    lines.dedup();
    assert_eq!(lines.len(), ROWS);
}

/// A job its worker still runs keeps its lease (renewed at each heartbeat),
/// however long it runs; only the holder, as it leased it, renews it; a
/// lease nobody renews runs out and the job is taken back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_living_holder_renews_its_jobs_lease() {
    let settings = AppSettings {
        jobs: JobSettings {
            lease: Duration::from_secs(2),
            ..JobSettings::default()
        },
        ..AppSettings::default()
    };
    let app = prepared(settings).await;
    invite(&app, "guest@elsewhere.example", SignupRule::OwnChoice);
    let queue = app.app.queue();
    let leased = queue.lease(8).unwrap();
    assert_eq!(leased.len(), 1, "the invitation's delivery");
    let held = [(leased[0].id, leased[0].attempts)];
    assert_eq!(
        leased[0].holder.as_deref(),
        Some(&*format!(
            "{}:{}",
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .unwrap()
                .trim(),
            std::process::id()
        ))
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(queue.renew(&held).unwrap(), 1);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(queue.reclaim_expired().unwrap(), 0, "renewed: still leased");
    // A hold of an earlier attempt (a lease since taken by another) renews nothing.
    let stale = [(leased[0].id, leased[0].attempts + 1)];
    assert_eq!(queue.renew(&stale).unwrap(), 0);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(queue.reclaim_expired().unwrap(), 1, "unrenewed: taken back");
    let job = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .job(leased[0].id)
        .unwrap()
        .unwrap();
    assert_eq!(job.state, mailroom::model::JobState::Queued);
    assert_eq!(job.holder, None);
}
