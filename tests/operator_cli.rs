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
    let unknown = refused(
        dir,
        &["organisation", "add", "Beta", "--owner", "who@beta.example"],
    );
    assert!(
        unknown.contains("who@beta.example") && unknown.contains("account"),
        "{unknown}"
    );
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
