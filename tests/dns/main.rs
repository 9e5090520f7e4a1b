//! The DNS tab and `mailroom dns check` against a real authoritative DNS
//! server (Knot) on loopback, with zones where each record is right,
//! missing or wrong; DKIM keys that start signing once published, and
//! rotate. Runs when `MAILROOM_MAILSTACK=1` (scripts/test installs Knot).

mod knot;
#[path = "../support/needs.rs"]
mod needs;
#[path = "../support/web_session.rs"]
mod web_session;

use std::process::Command;
use std::sync::Arc;

use axum::http::StatusCode;
use mailroom::app::AppSettings;
use mailroom::model::{DkimKey, DkimState, Domain, EmailAddress, Password};
use mailroom::web::AppState;
use mailroom::{App, Config};

use knot::Knot;
use web_session::Session;

const DOMAIN: &str = "acme.test";
const PASSWORD: &str = "correct horse battery";
const PUBLIC_URL: &str = "http://mailroom.acme.test";

/// Fails the test unless Knot may be started here.
fn wanted() {
    needs::flag("MAILROOM_MAILSTACK", "the tests against Knot");
}

struct Site {
    dir: tempfile::TempDir,
    app: Option<Arc<App>>,
}

/// The server's settings, as its operator starts it: asking `knot`.
fn settings(knot: &Knot) -> AppSettings {
    AppSettings {
        public_url: PUBLIC_URL.into(),
        dns_resolver: Some(knot.addr),
        ..AppSettings::default()
    }
}

impl Site {
    /// A service its operator added as verified, on a server that asks
    /// `knot` for DNS records.
    fn new(knot: &Knot) -> Self {
        Self::with_service(true, knot)
    }

    /// A service an admin added on the web: it waits for its TXT record.
    fn with_service(verified: bool, knot: &Knot) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(knot);
        let path = Config::new(dir.path().to_path_buf()).database_path();
        let app = Arc::new(App::open(&path, settings).unwrap());
        let owner = EmailAddress::parse("owner@acme.test").unwrap();
        app.accounts()
            .setup(
                "Acme",
                &owner,
                &Password::new(PASSWORD, None).unwrap(),
                None,
            )
            .unwrap();
        let org = app.organisations().organisation_named(None).unwrap().id;
        let actor = app.organisations().owner_of(org).unwrap();
        let domain = Domain::parse(DOMAIN).unwrap();
        if verified {
            app.services()
                .add_service_vouched(&actor, org, &domain)
                .unwrap();
        } else {
            app.services().add_service(&actor, org, &domain).unwrap();
        }
        Self {
            dir,
            app: Some(app),
        }
    }

    fn app(&self) -> &App {
        self.app.as_ref().unwrap()
    }

    /// The TXT value that proves the domain is its organisation's.
    fn ownership_value(&self) -> String {
        self.app()
            .services()
            .all_services()
            .unwrap()
            .remove(0)
            .ownership_value()
            .unwrap()
    }

    fn keys(&self) -> Vec<DkimKey> {
        self.app()
            .services()
            .dkim_keys_of(&Domain::parse(DOMAIN).unwrap())
            .unwrap()
    }

    fn make_keys(&self) -> Vec<DkimKey> {
        let org = self
            .app()
            .organisations()
            .organisation_named(None)
            .unwrap()
            .id;
        let actor = self.app().organisations().owner_of(org).unwrap();
        self.app()
            .services()
            .make_dkim_keys(&actor, &Domain::parse(DOMAIN).unwrap())
            .unwrap()
    }

    /// Presses "Check now" as the owner and reads the tab.
    async fn check_in_browser(&self) -> String {
        let state = AppState::new(Arc::clone(self.app.as_ref().unwrap()), false);
        let router = mailroom::server::public_router(state);
        let mut session = Session::default();
        session.login(&router, "owner@acme.test", PASSWORD).await;
        session
            .get(&router, &format!("/services/{DOMAIN}/dns"))
            .await;
        let checked = session
            .post_form(&router, &format!("/services/{DOMAIN}/dns/check"), &[])
            .await;
        assert_eq!(checked.0, StatusCode::SEE_OTHER, "{}", checked.1);
        let (status, page) = session
            .get(&router, &format!("/services/{DOMAIN}/dns"))
            .await;
        assert_eq!(status, StatusCode::OK);
        page
    }

    /// `mailroom dns check` with the server stopped.
    fn check_on_command_line(&mut self, knot: &Knot) -> (bool, String) {
        self.app = None;
        let out = Command::new(env!("CARGO_BIN_EXE_mailroom"))
            .args([
                "dns",
                "check",
                DOMAIN,
                "--dns-resolver",
                &knot.addr.to_string(),
            ])
            .args(["--public-url", PUBLIC_URL])
            .env("MAILROOM_DATA_DIR", self.dir.path())
            .env("MAILROOM_LOG", "warn")
            .output()
            .unwrap();
        let path = Config::new(self.dir.path().to_path_buf()).database_path();
        self.app = Some(Arc::new(App::open(&path, settings(knot)).unwrap()));
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

/// Each record right: SPF allows the mail host through an include, not by
/// naming it; DKIM as the keys say; MTA-STS left out (optional).
fn right_zone(keys: &[DkimKey]) -> Vec<String> {
    let mut lines = vec![
        "@ MX 10 mail.acme.test.".to_owned(),
        "@ TXT \"v=spf1 include:_spf.acme.test -all\"".to_owned(),
        "_spf TXT \"v=spf1 ip4:192.0.2.0/28 -all\"".to_owned(),
        "mail A 192.0.2.10".to_owned(),
        "mailroom A 192.0.2.20".to_owned(),
        "_dmarc TXT \"v=DMARC1; p=reject\"".to_owned(),
        "autoconfig CNAME mailroom.acme.test.".to_owned(),
        "autodiscover CNAME mailroom.acme.test.".to_owned(),
        "_imaps._tcp SRV 0 1 993 mail.acme.test.".to_owned(),
        "_submissions._tcp SRV 0 1 465 mail.acme.test.".to_owned(),
        "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tls@acme.test\"".to_owned(),
    ];
    for key in keys {
        lines.push(format!(
            "{}._domainkey TXT {}",
            key.selector,
            mailroom::dns::quoted(&key.txt())
        ));
    }
    lines
}

fn state_of<'a>(page: &'a str, name: &str) -> &'a str {
    let at = page
        .find(&format!("<code>{name}</code>"))
        .unwrap_or_else(|| panic!("{name} not on the tab"));
    let row = &page[..at];
    let start = row.rfind("data-state=\"").expect("row") + 12;
    &row[start..start + row[start..].find('"').unwrap()]
}

/// An admin cannot make this server take in a domain's mail by naming it:
/// the mail server knows the domain only once the TXT record Mailroom gave
/// is seen on it (someone else's value does not count).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
async fn a_domain_receives_mail_only_once_its_ownership_record_is_seen() {
    use mailroom::mailserver::lookup::{Answer, Map};
    wanted();
    let mut knot = Knot::start(DOMAIN);
    let site = Site::with_service(false, &knot);
    let directory = site.app().directory();
    let known = || {
        matches!(
            directory.lookup(Map::Domain, DOMAIN).unwrap(),
            Answer::Found(_)
        )
    };
    assert!(!known(), "Postfix is told the domain is not ours");
    let value = site.ownership_value();
    knot.publish(&["@ TXT \"mailroom-verify=someone-elses\"".into()]);
    let page = site.check_in_browser().await;
    assert!(page.contains("This domain is not verified yet"), "{page}");
    assert!(page.contains(&value), "the value to publish is shown");
    assert_eq!(state_of(&page, "acme.test."), "wrong");
    assert!(!known());
    knot.publish(&[format!("@ TXT \"{value}\"")]);
    let page = site.check_in_browser().await;
    assert!(!page.contains("This domain is not verified yet"), "{page}");
    assert!(known(), "verified: the mail server takes in its mail");
    let events = mailroom::store::prelude::AuditQueries::recent_audit(
        &site.app().store_for_tests().read().unwrap(),
        20,
    )
    .unwrap();
    assert!(events.iter().any(|e| e.action == "service.verified"));
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
async fn each_record_right_missing_or_wrong_on_the_tab_and_the_command_line() {
    wanted();
    let mut knot = Knot::start(DOMAIN);
    let mut site = Site::new(&knot);
    let keys = site.make_keys();
    assert!(keys.iter().all(|k| k.state == DkimState::Waiting));

    knot.publish(&right_zone(&keys));
    let page = site.check_in_browser().await;
    assert!(page.contains("Every required record is right."), "{page}");
    for name in [
        "acme.test.",
        "_dmarc.acme.test.",
        "autoconfig.acme.test.",
        "_imaps._tcp.acme.test.",
    ] {
        assert_eq!(state_of(&page, name), "ok", "{name}");
    }
    assert_eq!(state_of(&page, "_mta-sts.acme.test."), "optional");
    assert_eq!(state_of(&page, "_smtp._tls.acme.test."), "ok");
    for key in &keys {
        assert_eq!(
            state_of(&page, &format!("{}._domainkey.acme.test.", key.selector)),
            "ok"
        );
    }
    assert!(
        site.keys().iter().all(DkimKey::signing),
        "seen in the DNS, the keys sign"
    );
    let (ok, out) = site.check_on_command_line(&knot);
    assert!(ok, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("ok       MX    acme.test. 10 mail.acme.test.")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("optional TXT   _mta-sts.acme.test.")),
        "{out}"
    );

    // Broken: MX gone, SPF that does not allow the mail host, DMARC gone, a
    // SRV with the wrong port, another key under a selector.
    let mut broken: Vec<String> = right_zone(&keys)
        .into_iter()
        .filter(|l| !l.starts_with("@ MX") && !l.starts_with("_spf") && !l.starts_with("_dmarc"))
        .map(|l| l.replace("0 1 993 mail", "0 1 143 mail"))
        .collect();
    broken.push("_spf TXT \"v=spf1 ip4:198.51.100.1 -all\"".into());
    let ed = keys.iter().find(|k| k.selector.ends_with('e')).unwrap();
    broken.retain(|l| !l.starts_with(&ed.selector));
    broken.push(format!(
        "{}._domainkey TXT \"v=DKIM1; k=ed25519; p=AAAAC3NzaC1lZDI1NTE5AAAAIOther\"",
        ed.selector
    ));
    knot.publish(&broken);
    let (ok, out) = site.check_on_command_line(&knot);
    assert!(!ok, "a required record is wrong: non-zero exit\n{out}");
    let line = |start: &str| out.lines().any(|l| l.starts_with(start));
    assert!(line("missing  MX    acme.test."), "{out}");
    assert!(
        line("wrong    TXT   acme.test. \"v=spf1 mx -all\""),
        "{out}"
    );
    assert!(
        out.contains("it gives fail for mail.acme.test (192.0.2.10)"),
        "{out}"
    );
    assert!(line("missing  TXT   _dmarc.acme.test."), "{out}");
    assert!(
        line("wrong    SRV   _imaps._tcp.acme.test. 0 1 993 mail.acme.test."),
        "{out}"
    );
    assert!(out.contains("found: 143 mail.acme.test."), "{out}");
    assert!(
        line(&format!(
            "wrong    TXT   {}._domainkey.acme.test.",
            ed.selector
        )),
        "{out}"
    );
    let page = site.check_in_browser().await;
    assert_eq!(state_of(&page, "acme.test."), "missing");
    assert_eq!(state_of(&page, "_dmarc.acme.test."), "missing");
    assert_eq!(state_of(&page, "_imaps._tcp.acme.test."), "wrong");
    assert!(page.contains("required records to fix."), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
async fn a_rotation_signs_only_once_the_new_keys_are_published() {
    wanted();
    let mut knot = Knot::start(DOMAIN);
    let site = Site::new(&knot);
    let first = site.make_keys();
    knot.publish(&right_zone(&first));
    site.check_in_browser().await;
    assert!(site.keys().iter().all(DkimKey::signing));

    let next = site.make_keys();
    let page = site.check_in_browser().await;
    let keys = site.keys();
    let signing: Vec<&str> = keys
        .iter()
        .filter(|k| k.signing())
        .map(|k| k.selector.as_str())
        .collect();
    let first_selectors: Vec<&str> = first.iter().map(|k| k.selector.as_str()).collect();
    assert_eq!(signing, first_selectors, "unpublished keys do not sign yet");
    assert!(page.contains("waiting to be seen in the DNS"));
    for key in &next {
        assert_eq!(
            state_of(&page, &format!("{}._domainkey.acme.test.", key.selector)),
            "missing"
        );
    }

    let mut both = right_zone(&first);
    both.extend(
        right_zone(&next)
            .into_iter()
            .filter(|l| l.contains("_domainkey")),
    );
    knot.publish(&both);
    let page = site.check_in_browser().await;
    for key in site.keys() {
        let new = next.iter().any(|n| n.selector == key.selector);
        match key.state {
            DkimState::Signing { .. } => assert!(new, "{} signs", key.selector),
            DkimState::Retiring { until } => {
                assert!(!new);
                assert!(until > mailroom::app::now() + mailroom::app::DKIM_GRACE - 60);
            }
            DkimState::Waiting => panic!("{} still waits", key.selector),
        }
    }
    assert!(page.contains("keep it published until"), "{page}");
}

/// The server's own schedule checks every domain the way the DNS tab does,
/// and keeps what it finds: a domain whose ownership record appeared is
/// verified without anyone pressing a button.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
async fn the_schedule_checks_every_domain_and_keeps_what_it_found() {
    use mailroom::mailserver::lookup::{Answer, Map};
    wanted();
    let mut knot = Knot::start(DOMAIN);
    let site = Site::with_service(false, &knot);
    let value = site.ownership_value();
    knot.publish(&[format!("@ TXT \"{value}\"")]);
    let app = Arc::clone(site.app.as_ref().unwrap());
    let kept = tokio::task::spawn_blocking(move || app.services().check_every_domain())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept, 1);
    let found = site.app().directory().lookup(Map::Domain, DOMAIN).unwrap();
    assert!(
        matches!(found, Answer::Found(_)),
        "verified by the schedule"
    );
    let org = site
        .app()
        .organisations()
        .organisation_named(None)
        .unwrap()
        .id;
    let owner = site.app().organisations().owner_of(org).unwrap();
    let view = site
        .app()
        .services()
        .dns_view(&owner, &Domain::parse(DOMAIN).unwrap())
        .unwrap();
    let report = view.report.expect("the report is kept");
    assert!(report.error.is_none(), "{:?}", report.error);
    assert!(!report.records.is_empty());
}

/// `POST /api/v1/services/{domain}/dns/check` is the DNS tab's button for
/// scripts: a token of scope `admin` runs it and is given what the tab
/// shows, a `read` token is refused before anything is asked or kept.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
async fn the_api_checks_a_services_dns_as_the_tab_does() {
    use mailroom::mailserver::lookup::{Answer, Map};
    use mailroom::model::Scope;
    wanted();
    let mut knot = Knot::start(DOMAIN);
    let site = Site::with_service(false, &knot);
    let value = site.ownership_value();
    knot.publish(&[format!("@ TXT \"{value}\"")]);
    let org = site
        .app()
        .organisations()
        .organisation_named(None)
        .unwrap()
        .id;
    let owner = site.app().organisations().owner_of(org).unwrap();
    let token = |scope: Scope| {
        let new = mailroom::app::NewToken {
            name: scope.name().into(),
            scope,
            days: Some(1),
            allow_from: Vec::new(),
        };
        site.app()
            .tokens()
            .create_token(&owner, org, new)
            .unwrap()
            .1
    };
    let state = AppState::new(Arc::clone(site.app.as_ref().unwrap()), false);
    let router = mailroom::server::public_router(state);
    let ask = |method: &str, token: &str| {
        let path = if method == "POST" {
            format!("/api/v1/services/{DOMAIN}/dns/check")
        } else {
            format!("/api/v1/services/{DOMAIN}/dns")
        };
        let mut request = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let peer: std::net::SocketAddr = "127.0.0.1:4000".parse().unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let router = router.clone();
        async move {
            use http_body_util::BodyExt;
            use tower::ServiceExt;
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
            (status, json)
        }
    };
    let known = || {
        matches!(
            site.app().directory().lookup(Map::Domain, DOMAIN).unwrap(),
            Answer::Found(_)
        )
    };

    let read = token(Scope::Read);
    let (status, body) = ask("POST", &read).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, shown) = ask("GET", &read).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert_eq!(shown["report"], serde_json::Value::Null, "nothing was kept");
    assert_eq!(shown["verified"], false);
    assert!(!known());
    let zone = shown["zone"].as_array().unwrap();
    assert!(
        zone.iter().any(|l| l.as_str().unwrap().contains(&value)),
        "the record to publish is given: {shown}"
    );

    let (status, report) = ask("POST", &token(Scope::Admin)).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["error"], serde_json::Value::Null, "{report}");
    let ownership = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["expected"].as_str().unwrap().contains(&value))
        .unwrap_or_else(|| panic!("no ownership record: {report}"));
    assert_eq!(ownership["state"], "ok", "{report}");
    assert_eq!(ownership["type"], "TXT");
    let missing_mx = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "MX")
        .unwrap();
    assert_eq!(missing_mx["state"], "missing", "{report}");
    assert!(report["problems"].as_u64().unwrap() >= 1, "{report}");
    assert!(
        known(),
        "verified through the API: the mail server takes its mail"
    );
    let (_, shown) = ask("GET", &read).await;
    assert_eq!(shown["verified"], true, "{shown}");
    assert_eq!(shown["report"]["checked_at"], report["checked_at"]);
}
