//! The Out-of-office tab through the real router: a user with the
//! `auto_reply` permission (and no other) saves a reply whose dates are
//! typed in the organisation's time zone; its installation is queued for
//! the mail server, now and at its end; hostile or impossible input is
//! refused on its field with nothing changed and nothing typed lost; the
//! preview shows what senders get; turning it off keeps the text. Users
//! without the permission neither see the tab nor reach it.

use axum::http::StatusCode;
use mailroom::app::{AddressRef, AppError, AppSettings, AutoReplyChange, Rejection};
use mailroom::doveadm::DoveadmSettings;
use mailroom::model::{Job, Permission, Permissions, Role};

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared/auto-reply";

fn with_doveadm() -> AppSettings {
    AppSettings {
        doveadm: Some(DoveadmSettings {
            url: "http://127.0.0.1:9".into(),
            key: "key".into(),
        }),
        ..AppSettings::default()
    }
}

/// The installations queued, as (address, due in unix seconds).
fn installs(app: &TestApp) -> Vec<(u64, u64)> {
    use mailroom::store::prelude::*;
    let reader = app.app.store_for_tests().read().unwrap();
    let mut found: Vec<(u64, u64)> = reader
        .recent_jobs(usize::MAX)
        .unwrap()
        .into_iter()
        .filter_map(|record| match record.job {
            Job::InstallSieve { address } => Some((address.0, record.due_ms / 1000)),
            _ => None,
        })
        .collect();
    found.sort();
    found
}

/// Next year, so that the dates below stay ahead of the clock.
async fn post(
    client: &mut crate::helpers::Client,
    form: Vec<(&'static str, String)>,
) -> crate::helpers::Response {
    let borrowed: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post(PAGE, &borrowed).await
}

fn next_year() -> i32 {
    let now = time::OffsetDateTime::from_unix_timestamp(mailroom::app::now()).unwrap();
    now.year() + 1
}

fn unix(year: i32, month: u8, day: u8, hour: u8) -> i64 {
    time::Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day)
        .unwrap()
        .with_hms(hour, 0, 0)
        .unwrap()
        .assume_utc()
        .unix_timestamp()
}

#[tokio::test]
async fn a_user_with_the_permission_sets_a_reply_in_the_organisations_time_zone() {
    let app = TestApp::with_settings(with_doveadm());
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let ids = app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "shared",
        ann,
        Permissions::none().with(Permission::AutoReply),
    );
    let bob = app.add_member("bob@acme.example", Role::Member);
    app.share("acme.example", "shared", bob, Permissions::none());

    // The owner puts the organisation in Zurich's time zone; a name the tz
    // database does not know changes nothing.
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap();
    let zone_path = format!("/organisations/{}/time-zone", org.id);
    let services = owner.get("/services").await;
    assert!(
        services.body.contains(&format!("action=\"{zone_path}\"")),
        "{}",
        services.body
    );
    let refused = owner
        .post(&zone_path, &[("time_zone", "Mars/Olympus")])
        .await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
    assert!(refused.body.contains("Mars/Olympus"), "{}", refused.body);
    let saved = owner
        .post(&zone_path, &[("time_zone", "Europe/Zurich")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // Bob, without the permission: no tab, and the page refused.
    let mut bob = app.client();
    bob.get("/login").await;
    bob.login("bob@acme.example", PASSWORD).await;
    let general = bob.get("/services/acme.example/addresses/shared").await;
    assert!(!general.body.contains("/auto-reply\""), "{}", general.body);
    assert_eq!(bob.get(PAGE).await.status, StatusCode::FORBIDDEN);
    let posted = bob
        .post(
            PAGE,
            &[
                ("action", "save"),
                ("enabled", "on"),
                ("message", "Not mine"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    assert!(app.stored("shared").unwrap().auto_reply.is_none());

    // Ann, with it: the tab and its form.
    let mut ann = app.client();
    ann.get("/login").await;
    ann.login("ann@acme.example", PASSWORD).await;
    let general = ann.get("/services/acme.example/addresses/shared").await;
    assert!(
        general.body.contains(&format!("href=\"{PAGE}\"")),
        "{}",
        general.body
    );
    let tab = ann.get(PAGE).await;
    assert_eq!(tab.status, StatusCode::OK, "{}", tab.body);
    assert!(tab.body.contains("(Europe/Zurich)"), "{}", tab.body);

    let year = next_year();
    let (start, end) = (format!("{year}-01-10T09:00"), format!("{year}-01-20T18:30"));
    let form = |subject: &'static str, start: &str, end: &str| {
        vec![
            ("action", "save".to_owned()),
            ("enabled", "on".to_owned()),
            ("subject", subject.to_owned()),
            (
                "message",
                "Ann is away.\r\nBob answers meanwhile.".to_owned(),
            ),
            ("start", start.to_owned()),
            ("end", end.to_owned()),
            ("days", "3".to_owned()),
        ]
    };
    let fields = |form: &[(&'static str, String)]| -> Vec<(&'static str, String)> { form.to_vec() };

    // A line break in the subject would add a header of the typist's
    // choosing: refused on its field, the rest kept, nothing stored.
    let hostile = post(
        &mut ann,
        fields(&form("Away\r\nBcc: all@acme.example", &start, &end)),
    )
    .await;
    assert_eq!(
        hostile.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        hostile.body
    );
    assert!(hostile.body.contains("line break"), "{}", hostile.body);
    assert!(
        hostile.body.contains("Bob answers meanwhile."),
        "{}",
        hostile.body
    );
    assert!(app.stored("shared").unwrap().auto_reply.is_none());
    assert!(installs(&app).is_empty());
    // An end before the start, and a time Zurich's clocks skip: the same.
    let reversed = post(&mut ann, fields(&form("Away", &end, &start))).await;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reversed.body.contains("after the start"),
        "{}",
        reversed.body
    );
    // Clocks spring forward at 02:00 on March's last Sunday.
    let sunday = (25..=31)
        .rev()
        .find(|day| {
            time::Date::from_calendar_date(year, time::Month::March, *day)
                .is_ok_and(|d| d.weekday() == time::Weekday::Sunday)
        })
        .unwrap();
    let gap = format!("{year}-03-{sunday}T02:30");
    let skipped = post(&mut ann, fields(&form("Away", &gap, ""))).await;
    assert_eq!(skipped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(skipped.body.contains("clocks skip"), "{}", skipped.body);
    assert!(
        skipped.body.contains("class=\"error\" id=\"start-help\""),
        "{}",
        skipped.body
    );
    // The same hour as an end: said beside the end.
    let skipped = post(&mut ann, fields(&form("Away", "", &gap))).await;
    assert_eq!(skipped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        skipped.body.contains("class=\"error\" id=\"end-help\""),
        "{}",
        skipped.body
    );
    // A preview checks what saving checks.
    let mut empty = fields(&form("Away", "", ""));
    empty[0].1 = "preview".into();
    empty[3].1 = " ".into();
    let refused = post(&mut ann, empty).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("class=\"error\" id=\"message-help\""),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("id=\"auto-reply-preview\""));
    let nonsense = post(&mut ann, fields(&form("Away", "next tuesday", ""))).await;
    assert_eq!(nonsense.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nonsense.body.contains("next tuesday"), "{}", nonsense.body);
    assert!(app.stored("shared").unwrap().auto_reply.is_none());

    // The preview shows what senders get and saves nothing.
    let mut preview = fields(&form("Away until the 20th", &start, &end));
    preview[0].1 = "preview".into();
    let shown = post(&mut ann, preview).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(
        shown.body.contains("id=\"auto-reply-preview\""),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Away until the 20th"));
    assert!(app.stored("shared").unwrap().auto_reply.is_none());

    // Saved: the times are Zurich's (UTC+1 in January), the mail server
    // is asked to install it now and again at its end.
    let saved = post(&mut ann, fields(&form("Away until the 20th", &start, &end))).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let reply = app.stored("shared").unwrap().auto_reply.unwrap();
    assert!(reply.enabled);
    assert_eq!(reply.start, Some(unix(year, 1, 10, 8)));
    assert_eq!(reply.end, Some(unix(year, 1, 20, 17) + 30 * 60));
    assert_eq!(reply.days, 3);
    assert_eq!(reply.message, "Ann is away.\nBob answers meanwhile.");
    let queued = installs(&app);
    assert_eq!(queued.len(), 2, "{queued:?}");
    assert!(queued.iter().all(|(address, _)| *address == ids[0].0));
    assert_eq!(queued[1].1 as i64, reply.end.unwrap() + 1, "{queued:?}");
    let tab = ann.get(PAGE).await;
    assert!(
        tab.body.contains(&format!("value=\"{start}\"")),
        "{}",
        tab.body
    );
    assert!(
        tab.body.contains(&format!("{year}-01-10 09:00")),
        "{}",
        tab.body
    );
    let history = owner
        .get("/services/acme.example/addresses/shared/history")
        .await;
    assert!(history.body.contains("auto_reply.set"), "{}", history.body);

    // Off, with the form as shown and its subject edited: what was typed is
    // kept for next time, off, and the mail server is told.
    let mut off = fields(&form("Away until the 21st", &start, &end));
    off[0].1 = "off".into();
    let off = post(&mut ann, off).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    let kept = app.stored("shared").unwrap().auto_reply.unwrap();
    assert!(
        !kept.enabled && kept.subject == "Away until the 21st",
        "{kept:?}"
    );
    assert_eq!(installs(&app).len(), 3);
    assert!(
        ann.get(PAGE)
            .await
            .body
            .contains("No automatic reply is sent.")
    );
}

#[tokio::test]
async fn a_reply_needs_a_mailbox_the_mail_server_and_an_end_still_ahead() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let target = AddressRef::parse("acme.example", "shared").unwrap();
    let change = AutoReplyChange {
        enabled: true,
        subject: String::new(),
        message: "Away".into(),
        start: None,
        end: None,
        days: 7,
        only_own_domains: false,
    };
    // Without doveadm there is no way to install it: said, nothing kept.
    let refused = app
        .app
        .addresses()
        .set_auto_reply(&app.owner(), &target, &change);
    assert!(
        matches!(
            refused,
            Err(AppError::Rejected(Rejection::AutoReplyWithoutMailServer))
        ),
        "{refused:?}"
    );
    assert!(app.stored("shared").unwrap().auto_reply.is_none());
    let mut owner = app.client();
    owner.get("/login").await;
    owner.login(crate::helpers::OWNER, PASSWORD).await;
    let tab = owner.get(PAGE).await;
    assert!(tab.body.contains("--doveadm-url"), "{}", tab.body);

    let app = TestApp::with_settings(with_doveadm());
    app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let past = AutoReplyChange {
        end: Some(mailroom::model::ReplyTime::At(mailroom::app::now() - 60)),
        ..change.clone()
    };
    let refused = app
        .app
        .addresses()
        .set_auto_reply(&app.owner(), &target, &past);
    assert!(
        matches!(
            refused,
            Err(AppError::AutoReply(
                mailroom::model::AutoReplyError::EndPassed
            ))
        ),
        "{refused:?}"
    );
    // A no-reply address receives nothing to answer.
    let owner = app.owner();
    app.app
        .addresses()
        .create_address(
            &owner,
            &mailroom::model::Domain::parse("acme.example").unwrap(),
            mailroom::app::NewAddress {
                local_part: mailroom::model::LocalPart::parse_mailbox("noreply").unwrap(),
                for_whom: mailroom::app::ForWhom::NoReply,
                password: None,
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
    let noreply = AddressRef::parse("acme.example", "noreply").unwrap();
    let refused = app
        .app
        .addresses()
        .set_auto_reply(&owner, &noreply, &change);
    assert!(
        matches!(
            refused,
            Err(AppError::Rejected(Rejection::NoMailboxToReplyFrom))
        ),
        "{refused:?}"
    );
    assert!(installs(&app).is_empty());
}
