//! An address's out-of-office reply over the API: times as RFC 3339
//! instants (an offset required), shown back in UTC with the organisation's
//! zone beside them; a read token reads it and changes nothing; bad input is
//! a problem naming its field, with nothing changed; DELETE turns it off and
//! keeps the text.

use mailroom::app::AppSettings;
use mailroom::doveadm::DoveadmSettings;
use mailroom::model::Scope;
use serde_json::json;

use super::helpers::Api;

const A: &str = "/api/v1/services/acme.example";

#[tokio::test]
async fn a_reply_is_set_read_refused_and_turned_off_over_the_api() {
    let api = Api::with_settings(AppSettings {
        doveadm: Some(DoveadmSettings {
            url: "http://127.0.0.1:9".into(),
            key: "key".into(),
        }),
        ..AppSettings::default()
    });
    let writer = api.client(&api.token(Scope::Addresses));
    let made = writer
        .post(
            &format!("{A}/addresses"),
            json!({"local_part": "ann", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let path = format!("{A}/addresses/ann/auto-reply");
    let never = writer.get(&path).await;
    assert_eq!(never.status, 200, "{}", never.body);
    assert_eq!(never.json()["enabled"], false);
    assert_eq!(never.json()["days"], 7);

    let body = json!({
        "enabled": true,
        "subject": "Away",
        "message": "Back on the 20th.",
        "start": "2099-01-10T09:00:00+01:00",
        "end": "2099-01-20T18:00:00+01:00",
        "only_own_domains": true
    });
    let set = writer.put(&path, body.clone()).await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json()["start"], "2099-01-10T08:00:00Z", "{}", set.body);
    assert_eq!(set.json()["end"], "2099-01-20T17:00:00Z");
    assert_eq!(set.json()["time_zone"], "UTC");
    assert_eq!(set.json()["only_own_domains"], true);

    // A read token reads, and changes nothing.
    let reader = api.client(&api.token(Scope::Read));
    assert_eq!(reader.get(&path).await.json()["subject"], "Away");
    let refused = reader.delete(&path).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(reader.put(&path, body.clone()).await.status, 403);

    // Bad input: a problem naming its field, nothing changed.
    for (field, bad, problem) in [
        (
            "start",
            json!({"enabled": true, "message": "m", "start": "2099-01-10T09:00"}),
            "invalid-field",
        ),
        (
            "subject",
            json!({"enabled": true, "message": "m", "subject": "A\nBcc: x@evil.example"}),
            "invalid-auto-reply",
        ),
        (
            "days",
            json!({"enabled": true, "message": "m", "days": 0}),
            "invalid-auto-reply",
        ),
        (
            "end",
            json!({"enabled": true, "message": "m", "end": "2000-01-01T00:00:00Z"}),
            "invalid-auto-reply",
        ),
        (
            "message",
            json!({"enabled": true, "message": " \n "}),
            "invalid-auto-reply",
        ),
    ] {
        let answer = writer.put(&path, bad).await;
        assert_eq!(answer.status, 422, "{field}: {}", answer.body);
        assert_eq!(answer.problem(), problem, "{field}: {}", answer.body);
        assert_eq!(answer.json()["field"], field, "{}", answer.body);
    }
    let unknown = writer
        .put(
            &path,
            json!({"enabled": true, "message": "m", "cc": "x@evil.example"}),
        )
        .await;
    assert!(
        unknown.status == 400 || unknown.status == 422,
        "{}",
        unknown.body
    );
    let kept = writer.get(&path).await.json();
    assert_eq!(
        (kept["subject"].as_str(), kept["enabled"].as_bool()),
        (Some("Away"), Some(true))
    );

    // Off: the text is kept.
    assert_eq!(writer.delete(&path).await.status, 204);
    let off = writer.get(&path).await.json();
    assert_eq!(off["enabled"], false);
    assert_eq!(off["message"], "Back on the 20th.");
}
