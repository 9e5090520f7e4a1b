//! A service's DNS through the API: what it must publish and the last
//! check, and a check run now; the service's managers' only.

use mailroom::app::Actor;
use mailroom::model::{DnsReport, Domain, RecordCheck, RecordState, Role, Scope};
use serde_json::{Value, json};

use super::helpers::Api;

const DNS: &str = "/api/v1/services/acme.example/dns";
const CHECK: &str = "/api/v1/services/acme.example/dns/check";

/// Ann made an admin token while she was an admin; now a member, her token
/// neither reads nor checks the DNS, and asks the DNS nothing.
#[tokio::test]
async fn a_demoted_admins_token_neither_sees_nor_checks_a_services_dns() {
    let api = Api::new();
    let ann = api.add_member("ann@acme.example", Role::Admin);
    let ann_acting = Actor {
        user: ann,
        token: None,
        ip: None,
    };
    let client = api.client(&api.token_of(&ann_acting, api.acme, Scope::Admin, Vec::new()));
    assert_eq!(
        client.get(DNS).await.status,
        200,
        "an admin's token reads it"
    );
    api.app
        .organisations()
        .set_role(&api.owner(), api.acme, ann, Role::Member)
        .unwrap();
    let read = client.get(DNS).await;
    assert_eq!(read.status, 403, "{}", read.body);
    let check = client.post(CHECK, Value::Null).await;
    assert_eq!(check.status, 403, "{}", check.body);
    assert_eq!(check.problem(), "forbidden");
    assert_eq!(api.dns.questions(), 0, "refused before asking the DNS");
}

#[tokio::test]
async fn the_owners_check_asks_the_dns_and_keeps_what_it_found() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Admin));
    let before = client.get(DNS).await;
    assert_eq!(before.status, 200, "{}", before.body);
    let before = before.json();
    assert_eq!(before["report"], Value::Null);
    assert_eq!(
        before["verified"], false,
        "added through the app: unverified"
    );
    let zone = before["zone"].as_array().unwrap();
    assert!(
        zone.iter()
            .any(|l| l.as_str().unwrap().contains("mailroom-verify=")),
        "the ownership record is among those to publish: {before}"
    );

    let checked = client.post(CHECK, Value::Null).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let report = checked.json();
    assert!(api.dns.questions() > 0, "the DNS was asked");
    let records = report["records"].as_array().unwrap();
    assert!(records.len() >= 8, "{report}");
    assert!(
        records
            .iter()
            .all(|r| r["state"] == "missing" || r["state"] == "optional"),
        "every question refused: nothing found: {report}"
    );
    let after = client.get(DNS).await.json();
    assert_eq!(after["report"]["checked_at"], report["checked_at"]);
    assert_eq!(after["verified"], false);
}

/// A kept report with records, as the DNS tab shows it, read through the
/// API (every answer is checked against the OpenAPI document).
#[tokio::test]
async fn a_kept_report_is_given_record_by_record() {
    let api = Api::new();
    let report = DnsReport {
        checked_at: 1_700_000_000,
        records: vec![
            RecordCheck {
                purpose: "MX".into(),
                name: "acme.example.".into(),
                rtype: "MX".into(),
                expected: "10 mail.acme.example.".into(),
                required: true,
                state: RecordState::Wrong,
                found: vec!["10 mx.elsewhere.example.".into()],
                note: Some("another host".into()),
            },
            RecordCheck {
                purpose: "MTA-STS".into(),
                name: "_mta-sts.acme.example.".into(),
                rtype: "TXT".into(),
                expected: "\"v=STSv1; id=1\"".into(),
                required: false,
                state: RecordState::Optional,
                found: Vec::new(),
                note: None,
            },
        ],
        error: None,
    };
    api.app
        .services()
        .record_scheduled_dns_check(&Domain::parse("acme.example").unwrap(), report)
        .unwrap();
    let shown = api.client(&api.token(Scope::Read)).get(DNS).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    let shown = shown.json();
    assert_eq!(shown["report"]["problems"], 1, "{shown}");
    assert_eq!(
        shown["report"]["records"][0],
        json!({
            "purpose": "MX",
            "name": "acme.example.",
            "type": "MX",
            "expected": "10 mail.acme.example.",
            "required": true,
            "state": "wrong",
            "found": ["10 mx.elsewhere.example."],
            "note": "another host",
        })
    );
    assert_eq!(shown["report"]["records"][1]["state"], "optional");
}
