//! Many organisations on one installation: the person who set it up is its
//! operator, creates organisations with their first owner, suspends and
//! resumes them. A suspended organisation's people are refused its pages
//! and (when it is their only one) sign-in, its mail logins get a temporary
//! failure while its mail still arrives, its jobs wait.

use axum::http::StatusCode;
use mailroom::app::{AppError, ForWhom, NewAddress, OperatorActor, Rejection};
use mailroom::mailserver::lookup::{Answer, Map};
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{Domain, EmailAddress, LocalPart, OrgId, Password, Role};

use super::helpers::{OWNER, PASSWORD, TestApp};

pub(super) const MAIL_PASSWORD: &str = "beta's mailbox password";

/// Beta, owned by ann (a member of Acme too, or not), with beta.example
/// and its address info@.
pub(super) fn beta(app: &TestApp, ann_in_acme: bool) -> OrgId {
    let ann = EmailAddress::parse("ann@beta.example").unwrap();
    if ann_in_acme {
        app.add_member("ann@beta.example", Role::Member);
    } else {
        // A person with an account and no organisation: Beta's owner to be.
        app.add_member("ann@beta.example", Role::Member);
        let acme = app
            .app
            .organisations()
            .organisation_named(Some("Acme"))
            .unwrap();
        let user = app
            .app
            .store_for_tests()
            .read()
            .unwrap()
            .user_by_login(&ann)
            .unwrap()
            .unwrap();
        app.app
            .organisations()
            .remove_member(&app.owner(), acme.id, user.id)
            .unwrap();
    }
    let org = app
        .app
        .operators()
        .create_organisation(OperatorActor::CommandLine, "Beta", &ann)
        .unwrap();
    let owner = app.app.organisations().owner_of(org.id).unwrap();
    let domain = Domain::parse("beta.example").unwrap();
    app.app
        .services()
        .add_service_vouched(&owner, org.id, &domain)
        .unwrap();
    app.app
        .addresses()
        .create_address(
            &owner,
            &domain,
            NewAddress {
                local_part: LocalPart::parse("info").unwrap(),
                for_whom: ForWhom::Multiple,
                password: Some(Password::new(MAIL_PASSWORD, None).unwrap()),
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
    org.id
}

use mailroom::store::prelude::*;

/// The organisation the setup made.
fn acme_id(app: &TestApp) -> OrgId {
    app.app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
}

#[tokio::test]
async fn the_first_owner_is_the_operator_and_creates_organisations_others_cannot() {
    let app = TestApp::new();
    app.set_up().await;
    assert!(app.app.operators().is_operator(app.owner().user).unwrap());
    let org = beta(&app, false);

    let mut ann = app.client();
    ann.get("/login").await;
    assert_eq!(
        ann.login("ann@beta.example", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let page = ann.get("/services").await;
    assert!(page.body.contains("Beta") && page.body.contains("beta.example"));
    assert!(!page.body.contains("Acme"), "ann is not in Acme");

    // Ann owns Beta but runs nothing of the installation.
    let as_ann = app.app.organisations().owner_of(org).unwrap();
    let before = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .organisations()
        .unwrap()
        .len();
    let refused = app.app.operators().create_organisation(
        OperatorActor::Person(&as_ann),
        "Gamma",
        &EmailAddress::parse("ann@beta.example").unwrap(),
    );
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let refused = app
        .app
        .operators()
        .suspend(OperatorActor::Person(&as_ann), org, "no");
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    // Nor may the operator name a taken name, or no name.
    let by = OperatorActor::CommandLine;
    let owner = EmailAddress::parse(OWNER).unwrap();
    assert!(matches!(
        app.app
            .operators()
            .create_organisation(by, " beta ", &owner),
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        app.app.operators().create_organisation(by, "  ", &owner),
        Err(AppError::Rejected(Rejection::OrganisationNameMissing))
    ));
    let reader = app.app.store_for_tests().read().unwrap();
    assert_eq!(reader.organisations().unwrap().len(), before);
    assert!(
        !reader
            .operators()
            .unwrap()
            .iter()
            .any(|u| u.login.to_string() == "ann@beta.example")
    );
}

#[tokio::test]
async fn a_suspended_organisation_refuses_its_people_and_mail_logins_until_resumed() {
    let app = TestApp::new();
    app.set_up().await;
    let by = OperatorActor::CommandLine;
    let org = beta(&app, false);
    let mut ann = app.client();
    ann.get("/login").await;
    ann.login("ann@beta.example", PASSWORD).await;
    assert_eq!(
        ann.get("/services/beta.example").await.status,
        StatusCode::OK
    );
    let login = || {
        app.app
            .directory()
            .check_login("info@beta.example", MAIL_PASSWORD, "imap", None)
            .unwrap()
    };
    assert!(matches!(login(), MailLogin::Accepted { .. }));

    // A reason is required, and plain text.
    for reason in ["", "   ", "two\nlines", &"x".repeat(501)] {
        assert!(matches!(
            app.app.operators().suspend(by, org, reason),
            Err(AppError::Rejected(Rejection::SuspensionReason))
        ));
    }
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .organisation(org)
            .unwrap()
            .unwrap()
            .suspended
            .is_none()
    );
    app.app
        .operators()
        .suspend(by, org, "invoice 42 unpaid")
        .unwrap();

    // Her open session: every page of Beta says why.
    let page = ann.get("/services/beta.example").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("invoice 42 unpaid"), "{}", page.body);
    let list = ann.get("/services").await;
    assert!(
        list.body.contains("Suspended by the operator")
            && !list.body.contains("href=\"/services/beta.example\"")
    );
    // Signing in again: refused with the reason, no session made.
    let mut again = app.client();
    again.get("/login").await;
    let refused = again.login("ann@beta.example", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("invoice 42 unpaid"));
    assert_eq!(again.get("/services").await.status, StatusCode::SEE_OTHER);
    // The mail server: the right password waits, a wrong one is wrong,
    // and the address still receives.
    assert_eq!(login(), MailLogin::Suspended);
    assert_eq!(
        app.app
            .directory()
            .check_login("info@beta.example", "not the password at all", "imap", None)
            .unwrap(),
        MailLogin::WrongPassword
    );
    let lookup = app
        .app
        .directory()
        .lookup(Map::Mailbox, "info@beta.example")
        .unwrap();
    assert!(
        matches!(lookup, Answer::Found(_)),
        "mail still arrives: {lookup:?}"
    );
    // Acme and its owner go on.
    assert!(matches!(
        app.app.operators().suspend(by, org, "again"),
        Ok(())
    ));
    let mut owner = app.client();
    owner.get("/login").await;
    assert_eq!(
        owner.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );

    app.app.operators().resume(by, org).unwrap();
    assert!(matches!(login(), MailLogin::Accepted { .. }));
    assert_eq!(
        ann.get("/services/beta.example").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn someone_in_two_organisations_signs_in_to_the_one_not_suspended() {
    let app = TestApp::new();
    app.set_up().await;
    let org = beta(&app, true);
    app.app
        .operators()
        .suspend(OperatorActor::CommandLine, org, "moving provider")
        .unwrap();
    let mut ann = app.client();
    ann.get("/login").await;
    assert_eq!(
        ann.login("ann@beta.example", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let page = ann.get("/services").await;
    assert!(page.body.contains("Acme") && page.body.contains("moving provider"));
    assert_eq!(
        ann.get("/services/beta.example").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_last_operator_stays_and_an_installation_without_one_gets_its_first_owners() {
    let mut app = TestApp::new();
    app.set_up().await;
    let owner = EmailAddress::parse(OWNER).unwrap();
    let by = OperatorActor::CommandLine;
    assert!(matches!(
        app.app.operators().remove_operator(by, &owner),
        Err(AppError::Rejected(Rejection::LastOperator))
    ));
    app.add_member("bob@acme.example", Role::Admin);
    let bob = EmailAddress::parse("bob@acme.example").unwrap();
    app.app.operators().add_operator(by, &bob).unwrap();
    app.app.operators().remove_operator(by, &owner).unwrap();
    let operators: Vec<String> = app
        .app
        .operators()
        .operators()
        .unwrap()
        .iter()
        .map(|u| u.login.to_string())
        .collect();
    assert_eq!(operators, ["bob@acme.example"]);

    // An installation from before operators: none is marked. At the next
    // start the owners of the first organisation are.
    app.app
        .store_for_tests()
        .write(|tx| {
            let mut user = tx.user_by_login(&bob)?.unwrap();
            user.operator = false;
            tx.put_user(&user)
        })
        .unwrap();
    assert!(app.app.operators().operators().unwrap().is_empty());
    app.restart();
    let operators: Vec<String> = app
        .app
        .operators()
        .operators()
        .unwrap()
        .iter()
        .map(|u| u.login.to_string())
        .collect();
    assert_eq!(operators, [OWNER]);
}

#[tokio::test]
async fn a_suspended_organisations_jobs_wait_but_its_sessions_are_ended() {
    use mailroom::model::{Job, JobState};
    let app = TestApp::new();
    app.set_up().await;
    let org = beta(&app, false);
    let store = app.app.store_for_tests();
    let (waits, ends) = store
        .write(|tx| {
            let waits = tx.enqueue_job(
                Job::ImportBatch {
                    import: mailroom::model::ImportId(7),
                },
                Some(org),
                3,
                0,
            )?;
            let ends = tx.enqueue_job(
                Job::EndSessions {
                    logins: vec!["x@beta.example".into()],
                },
                Some(org),
                3,
                0,
            )?;
            Ok::<_, mailroom::store::StoreError>((waits, ends))
        })
        .unwrap();
    app.app
        .operators()
        .suspend(OperatorActor::CommandLine, org, "audit")
        .unwrap();
    let leased: Vec<_> = store
        .write(|tx| tx.lease_due_jobs(1_000, 60_000, 10, "test"))
        .unwrap()
        .into_iter()
        .map(|j| j.id)
        .collect();
    assert!(
        leased.contains(&ends) && !leased.contains(&waits),
        "{leased:?}"
    );
    let waiting = store.read().unwrap().job(waits).unwrap().unwrap();
    assert_eq!(waiting.state, JobState::Queued);
    assert_eq!(waiting.attempts, 0, "waiting is not an attempt");

    app.app
        .operators()
        .resume(OperatorActor::CommandLine, org)
        .unwrap();
    let leased: Vec<_> = store
        .write(|tx| tx.lease_due_jobs(waiting.due_ms, 60_000, 10, "test"))
        .unwrap()
        .into_iter()
        .map(|j| j.id)
        .collect();
    assert!(leased.contains(&waits), "{leased:?}");
}

#[tokio::test]
async fn a_person_leaves_an_organisation_with_one_button_but_its_last_owner_stays() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    beta(&app, true);
    let acme = acme_id(&app);
    let mut ann = app.client();
    ann.get("/login").await;
    ann.login("ann@beta.example", PASSWORD).await;
    let page = ann.get("/services").await;
    let leave = format!("/organisations/{acme}/leave");
    assert!(
        page.body.contains(&format!("action=\"{leave}\"")),
        "{}",
        page.body
    );
    let left = ann.post(&leave, &[]).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    let reader = app.app.store_for_tests().read().unwrap();
    let ann_id = reader
        .user_by_login(&EmailAddress::parse("ann@beta.example").unwrap())
        .unwrap()
        .unwrap()
        .id;
    assert!(reader.membership(acme, ann_id).unwrap().is_none());
    let beta_id = app
        .app
        .organisations()
        .organisation_named(Some("Beta"))
        .unwrap()
        .id;
    assert!(
        reader.membership(beta_id, ann_id).unwrap().is_some(),
        "Beta stays hers"
    );
    drop(reader);
    let after = ann.get(left.location()).await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "leaving one organisation signs her out of none"
    );
    assert!(after.body.contains("beta.example") && !after.body.contains(&leave));

    // Acme's only owner cannot leave it: told why, nothing changed.
    owner.get("/services").await;
    let refused = owner.post(&leave, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("last owner"), "{}", refused.body);
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .membership(acme, app.owner().user)
            .unwrap()
            .is_some()
    );
}

/// A person whose first organisation is suspended still gets their reset
/// mail: it goes out under one that is not, whose jobs do not wait.
#[tokio::test]
async fn a_reset_goes_out_under_an_organisation_that_is_not_suspended() {
    use mailroom::model::Job;
    let app = TestApp::new();
    app.set_up().await;
    let beta = beta(&app, true);
    let acme = acme_id(&app);
    app.app
        .operators()
        .suspend(OperatorActor::CommandLine, acme, "audit")
        .unwrap();
    app.app
        .accounts()
        .request_password_reset("ann@beta.example", None)
        .unwrap();
    let mut orgs = Vec::new();
    app.app
        .store_for_tests()
        .read()
        .unwrap()
        .each_job(|job| {
            if matches!(job.job, Job::DeliverMail { .. }) {
                orgs.push(job.org);
            }
        })
        .unwrap();
    assert_eq!(orgs.last().copied().flatten(), Some(beta), "{orgs:?}");
}

/// Nobody joins a suspended organisation: its invitation says why and
/// opens nothing, and works again once it is resumed.
#[tokio::test]
async fn an_invitation_into_a_suspended_organisation_opens_nothing() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["team"]);
    owner.get("/services/acme.example/addresses/team").await;
    let invited = owner
        .post(
            "/services/acme.example/addresses/team/users",
            &[("who", "guest@elsewhere.example"), ("signup", "own_choice")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let link = app.last_link_path();
    let acme = acme_id(&app);
    app.app
        .operators()
        .suspend(OperatorActor::CommandLine, acme, "audit")
        .unwrap();
    let mut guest = app.client_from("127.0.0.20");
    let page = guest.get(&link).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
    let answered = guest
        .post(
            &link,
            &[
                ("login", "guest@elsewhere.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(answered.status, StatusCode::FORBIDDEN, "{}", answered.body);
    let guest_login = EmailAddress::parse("guest@elsewhere.example").unwrap();
    let reader = app.app.store_for_tests().read().unwrap();
    assert!(reader.user_by_login(&guest_login).unwrap().is_none());
    drop(reader);
    app.app
        .operators()
        .resume(OperatorActor::CommandLine, acme)
        .unwrap();
    assert_eq!(guest.get(&link).await.status, StatusCode::OK);
}

/// A person in two organisations sees which one a page is in, by name,
/// and switches between them; each organisation's page shows its own
/// services only, and an organisation they are not in does not exist.
#[tokio::test]
async fn the_header_names_the_organisation_of_the_page_and_switches_between_them() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let beta = beta(&app, true);
    let acme = acme_id(&app);
    app.app
        .services()
        .add_service_vouched(&app.owner(), acme, &Domain::parse("acme.example").unwrap())
        .unwrap();
    // In one organisation only: its name, no list to open.
    let only = owner.get("/services").await.body;
    let named = only
        .split("<li class=\"organisation\">")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the one organisation is named");
    assert!(
        named.contains("Acme") && !named.contains("<details"),
        "{named}"
    );

    let mut ann = app.client();
    ann.login("ann@beta.example", PASSWORD).await;
    let switcher = |body: &str| -> String {
        body.split("<li class=\"organisation\">")
            .nth(1)
            .and_then(|rest| rest.split("</details>").next())
            .unwrap_or_else(|| panic!("a switcher in the header: {body}"))
            .to_owned()
    };
    let all = ann.get("/services").await;
    assert_eq!(all.status, StatusCode::OK);
    let header = switcher(&all.body);
    assert!(header.contains("All organisations"), "{header}");
    assert!(
        header.contains(&format!("href=\"/organisations/{beta}\"")),
        "{header}"
    );
    assert!(
        header.contains(&format!("href=\"/organisations/{acme}\"")),
        "{header}"
    );

    let only_beta = ann.get(&format!("/organisations/{beta}")).await;
    assert_eq!(only_beta.status, StatusCode::OK);
    let header = switcher(&only_beta.body);
    let summary = header.split("</summary>").next().unwrap();
    assert!(
        summary.contains("Beta") && !summary.contains("Acme"),
        "{summary}"
    );
    assert!(only_beta.body.contains("beta.example"));
    assert!(
        !only_beta.body.contains("acme.example\""),
        "Acme's services stay on Acme's page"
    );

    // A page of a domain names the organisation it belongs to.
    let service = ann.get("/services/beta.example").await;
    assert_eq!(service.status, StatusCode::OK);
    let summary = switcher(&service.body);
    let summary = summary.split("</summary>").next().unwrap();
    assert!(summary.contains("Beta"), "{summary}");

    // An organisation of which ann is no member is not there for her.
    let other = app
        .app
        .operators()
        .create_organisation(
            OperatorActor::CommandLine,
            "Gamma",
            &EmailAddress::parse(OWNER).unwrap(),
        )
        .unwrap();
    assert_eq!(
        ann.get(&format!("/organisations/{}", other.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(!switcher(&ann.get("/services").await.body).contains("Gamma"));
}
