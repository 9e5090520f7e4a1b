//! `mailroom operator …` and `mailroom organisation …` as a provider
//! scripts them: organisations made, listed, suspended and resumed; what is
//! refused says why and changes nothing.

#[path = "support/command.rs"]
mod command;
use command::{installed, run, text};

fn ok(dir: &std::path::Path, args: &[&str], stdin: &str) -> String {
    let output = run(dir, args, stdin);
    assert!(output.status.success(), "{args:?}: {}", text(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(dir: &std::path::Path, args: &[&str]) -> String {
    let output = run(dir, args, "");
    assert!(
        !output.status.success(),
        "{args:?} passed: {}",
        text(&output)
    );
    text(&output)
}

#[test]
fn organisations_are_made_listed_suspended_and_resumed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    installed(dir);
    assert_eq!(ok(dir, &["operator", "list"], ""), "owner@acme.example\n");
    ok(
        dir,
        &["member", "add", "ann@beta.example", "--password-stdin"],
        "a member password\n",
    );

    // Refused, with the reason, and nothing made.
    let unknown = refused(dir, &["organisation", "add", "Beta", "--owner", "who@"]);
    assert!(unknown.contains("domain name"), "{unknown}");
    let taken = refused(
        dir,
        &["organisation", "add", "ACME", "--owner", "ann@beta.example"],
    );
    assert!(taken.contains("already named"), "{taken}");
    assert_eq!(ok(dir, &["organisation", "list"], "").lines().count(), 1);

    let made = ok(
        dir,
        &["organisation", "add", "Beta", "--owner", "ann@beta.example"],
        "",
    );
    assert!(
        made.contains("Created Beta with owner ann@beta.example"),
        "{made}"
    );
    let list = ok(dir, &["organisation", "list"], "");
    let beta: Vec<&str> = list
        .lines()
        .find(|l| l.contains("Beta"))
        .unwrap_or_else(|| panic!("{list}"))
        .split('\t')
        .collect();
    assert_eq!(
        beta[1..],
        ["Beta", "active", "ann@beta.example", "", "0", "1"],
        "{list}"
    );
    let found = ok(dir, &["organisation", "list", "--search", "acme.EX"], "");
    assert!(found.contains("Acme") && !found.contains("Beta"), "{found}");

    let no_reason = refused(dir, &["organisation", "suspend", "Beta", "--reason", " "]);
    assert!(no_reason.contains("why"), "{no_reason}");
    assert!(ok(dir, &["organisation", "list", "--search", "beta"], "").contains("\tactive\t"));
    ok(
        dir,
        &["organisation", "suspend", "beta", "--reason", "unpaid"],
        "",
    );
    assert!(ok(dir, &["organisation", "list", "--search", "beta"], "").contains("\tsuspended\t"));
    ok(dir, &["organisation", "resume", "Beta"], "");
    assert!(ok(dir, &["organisation", "list", "--search", "beta"], "").contains("\tactive\t"));
    let missing = refused(dir, &["organisation", "suspend", "Gamma", "--reason", "x"]);
    assert!(
        missing.contains("No organisation is named “Gamma”"),
        "{missing}"
    );

    // Limits: shown with what is used, set, cleared; a bad value changes nothing.
    let limits = ok(
        dir,
        &[
            "organisation",
            "limits",
            "Beta",
            "--members",
            "1",
            "--addresses",
            "10",
        ],
        "",
    );
    assert!(
        limits.contains("members\t1\t1\n") && limits.contains("addresses\t0\t10\n"),
        "{limits}"
    );
    let bad = refused(
        dir,
        &["organisation", "limits", "Beta", "--members", "lots"],
    );
    assert!(bad.contains("whole number"), "{bad}");
    let cleared = ok(
        dir,
        &["organisation", "limits", "Beta", "--members", "none"],
        "",
    );
    assert!(
        cleared.contains("members\t1\tno limit\n") && cleared.contains("addresses\t0\t10\n"),
        "{cleared}"
    );

    let storage = ok(
        dir,
        &["organisation", "limits", "Beta", "--storage", "2T"],
        "",
    );
    assert!(storage.contains("storage\t0 MB\t2 TB\n"), "{storage}");
    let bad = refused(
        dir,
        &["organisation", "limits", "Beta", "--storage", "lots"],
    );
    assert!(bad.contains("is not a size"), "{bad}");

    // Defaults: what the next organisation starts with.
    let defaults = ok(
        dir,
        &["organisation", "default-limits", "--addresses", "25"],
        "",
    );
    assert!(defaults.contains("addresses\t25\n"), "{defaults}");
    ok(
        dir,
        &[
            "organisation",
            "add",
            "Gamma",
            "--owner",
            "ann@beta.example",
        ],
        "",
    );
    let gamma = ok(dir, &["organisation", "limits", "Gamma"], "");
    assert!(gamma.contains("addresses\t0\t25\n"), "{gamma}");

    // Deleting asks for --confirm; restoring gives it back.
    let unconfirmed = refused(dir, &["organisation", "delete", "Gamma"]);
    assert!(unconfirmed.contains("add --confirm"), "{unconfirmed}");
    ok(dir, &["organisation", "delete", "Gamma", "--confirm"], "");
    let listed = ok(dir, &["organisation", "list", "--search", "gamma"], "");
    assert!(listed.contains("\tdeleted\t"), "{listed}");
    ok(dir, &["organisation", "restore", "Gamma"], "");
    let listed = ok(dir, &["organisation", "list", "--search", "gamma"], "");
    assert!(listed.contains("\tactive\t"), "{listed}");

    // Operators: the last one stays.
    let last = refused(dir, &["operator", "remove", "owner@acme.example"]);
    assert!(last.contains("at least one operator"), "{last}");
    ok(dir, &["operator", "add", "ann@beta.example"], "");
    ok(dir, &["operator", "remove", "owner@acme.example"], "");
    assert_eq!(ok(dir, &["operator", "list"], ""), "ann@beta.example\n");
}

#[test]
fn a_first_owner_without_an_account_is_invited_and_operators_get_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    installed(dir);

    // Nobody signs in as who@: the organisation is made, an invitation sent.
    let made = ok(
        dir,
        &["organisation", "add", "Beta", "--owner", "who@beta.example"],
        "",
    );
    assert!(
        made.contains("who@beta.example") && made.contains("invitation"),
        "{made}"
    );
    let list = ok(dir, &["organisation", "list", "--search", "beta"], "");
    assert!(list.contains("who@beta.example (invited)"), "{list}");
    // A person with an account becomes an owner at once.
    let added = ok(
        dir,
        &[
            "organisation",
            "add-owner",
            "Beta",
            "--email",
            "owner@acme.example",
        ],
        "",
    );
    assert!(added.contains("is an owner of Beta"), "{added}");
    let list = ok(dir, &["organisation", "list", "--search", "beta"], "");
    assert!(
        list.contains("owner@acme.example,who@beta.example (invited)"),
        "{list}"
    );

    // Operators' tokens: made for an operator only, printed alone, listed,
    // revoked.
    let refused_token = refused(
        dir,
        &[
            "operator",
            "token",
            "create",
            "--operator",
            "who@beta.example",
            "--name",
            "x",
        ],
    );
    assert!(refused_token.contains("not an operator"), "{refused_token}");
    let make = [
        "operator",
        "token",
        "create",
        "--operator",
        "owner@acme.example",
        "--name",
        "billing",
    ];
    // An operator without two-factor sign-in would have a useless token.
    let refused_token = refused(dir, &make);
    assert!(refused_token.contains("two factors"), "{refused_token}");
    enrol_two_factor(dir, "owner@acme.example");
    let secret = ok(dir, &make, "");
    assert!(
        secret.starts_with("mrt_") && secret.lines().count() == 1,
        "{secret}"
    );
    let id = secret.trim()["mrt_".len()..]
        .split('_')
        .next()
        .unwrap()
        .to_owned();
    let listed = ok(dir, &["operator", "token", "list"], "");
    assert!(
        listed.starts_with(&format!("{id}\tbilling\towner@acme.example\tactive\t")),
        "{listed}"
    );
    ok(dir, &["operator", "token", "revoke", &id], "");
    let listed = ok(dir, &["operator", "token", "list"], "");
    assert!(listed.contains("\trevoked\t"), "{listed}");
    // An organisation's tokens do not list it, nor its token an operator's.
    let org_tokens = ok(dir, &["token", "list", "--organisation", "Acme"], "");
    assert!(!org_tokens.contains("billing"), "{org_tokens}");
    // An organisation whose first owner has not accepted has no owner to
    // act as: said plainly.
    ok(
        dir,
        &[
            "organisation",
            "add",
            "Gamma",
            "--owner",
            "later@gamma.example",
        ],
        "",
    );
    let ownerless = refused(dir, &["token", "list", "--organisation", "Gamma"]);
    assert!(ownerless.contains("has no owner yet"), "{ownerless}");
}

/// Enrols `login` in two-factor sign-in through the library, as the web
/// page does (the server is not running).
fn enrol_two_factor(dir: &std::path::Path, login: &str) {
    let config = mailroom::Config::new(dir.to_path_buf());
    let app = mailroom::App::open_at(&config.store_at(), Default::default()).unwrap();
    let login = mailroom::model::EmailAddress::parse(login).unwrap();
    let user = {
        use mailroom::store::prelude::*;
        let reader = app.store_for_tests().read().unwrap();
        reader.user_by_login(&login).unwrap().unwrap().id
    };
    let actor = mailroom::app::Actor {
        user,
        token: None,
        ip: None,
    };
    let enrolment = app.accounts().begin_second_factor(&actor).unwrap();
    let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
        .unwrap()
        .as_ref()
        .to_vec();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .unwrap()
        .generate(now)
        .to_string();
    app.accounts()
        .confirm_second_factor(&actor, None, &code)
        .unwrap();
}
