//! The DNS tab without a DNS server: the zone-file download, the warning
//! badges a kept check puts on the services list and the dashboard, and
//! members kept out.

use axum::http::StatusCode;
use mailroom::model::{DnsReport, Domain, RecordCheck, RecordState, Role};

use super::helpers::{PASSWORD, TestApp};

fn report(state: RecordState) -> DnsReport {
    DnsReport {
        checked_at: mailroom::app::now(),
        records: vec![RecordCheck {
            purpose: "MX".into(),
            name: "acme.example.".into(),
            rtype: "MX".into(),
            expected: "10 mail.acme.example.".into(),
            required: true,
            state,
            found: Vec::new(),
            note: None,
        }],
        error: None,
    }
}

#[tokio::test]
async fn a_kept_check_puts_badges_and_the_zone_file_lists_every_record() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let domain = Domain::parse("acme.example").unwrap();

    let services = owner.get("/services").await;
    assert!(
        !services.body.contains("to fix"),
        "not checked yet: no badge"
    );
    app.app
        .services()
        .record_scheduled_dns_check(&domain, report(RecordState::Missing))
        .unwrap();
    let services = owner.get("/services").await;
    assert!(services.body.contains("DNS: 1 to fix"), "{}", services.body);
    let dashboard = owner.get("/services/acme.example").await;
    assert!(dashboard.body.contains("1 to fix"), "{}", dashboard.body);
    let tab = owner.get("/services/acme.example/dns").await;
    assert!(
        tab.body.contains("1 required record to fix."),
        "{}",
        tab.body
    );
    assert!(tab.body.contains("data-state=\"missing\""));

    app.app
        .services()
        .record_scheduled_dns_check(&domain, report(RecordState::Ok))
        .unwrap();
    let services = owner.get("/services").await;
    assert!(!services.body.contains("to fix"), "fixed: the badge goes");

    let zone = owner.get("/services/acme.example/dns/zone.txt").await;
    assert_eq!(zone.status, StatusCode::OK);
    for line in [
        "acme.example. 3600 IN MX 10 mail.acme.example.",
        "acme.example. 3600 IN TXT \"v=spf1 mx -all\"",
        "_dmarc.acme.example. 3600 IN TXT",
        "_imaps._tcp.acme.example. 3600 IN SRV 0 1 993 mail.acme.example.",
        "autoconfig.acme.example. 3600 IN A 127.0.0.1",
    ] {
        assert!(zone.body.contains(line), "{line}\n{}", zone.body);
    }
    assert!(zone.headers.get("content-disposition").is_some());

    app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    assert_eq!(
        ann.get("/services/acme.example/dns").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        ann.get("/services/acme.example/dns/zone.txt").await.status,
        StatusCode::FORBIDDEN
    );
    let services = ann.get("/services").await;
    assert!(!services.body.contains("/dns"), "members see no DNS links");
}
