//! Suites that need what a machine may lack (real mail servers, Knot, a
//! browser, root, the Debian package) are `#[ignore]`d, so a plain `cargo
//! test` counts them as ignored rather than passing them. `scripts/test`
//! runs them (`-- --include-ignored`, with their variables set), and a suite
//! that runs without what it needs fails, saying what it lacks: it never
//! reports "ok" for a test that did not run.
#![allow(dead_code)]

/// The variable's value; a failure naming it when it is not set.
pub fn var(name: &str, what: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => value,
        _ => panic!(
            "this suite cannot run: {what} (set {name}; scripts/test does, as root, \
             after installing what it needs)"
        ),
    }
}

/// A failure unless the variable is `1`.
pub fn flag(name: &str, what: &str) {
    let value = var(name, what);
    assert_eq!(value, "1", "{name} must be 1 to run {what}");
}

/// A failure unless this runs as root.
pub fn root(what: &str) {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let euid = unsafe { libc::geteuid() };
    assert_eq!(
        euid, 0,
        "this suite cannot run: {what} needs root (scripts/test runs as root in CI)"
    );
}
