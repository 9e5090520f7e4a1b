//! Running the `mailroom` binary as a script would, for the test files
//! that drive it (`cli.rs`, `crash.rs`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_mailroom");

/// `mailroom ARGS` on the data folder `data`, with `stdin`, to its end, in
/// a shell that speaks English whatever the machine's locale.
pub fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    run_in("C.UTF-8", data, args, stdin)
}

/// The same in a shell whose `LANG` is `lang`.
pub fn run_in(lang: &str, data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("MAILROOM_DATA_DIR", data)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailroom");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("wait")
}

/// What it wrote, both streams.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Acme, its owner and the acme.example service, as a scripted install makes them.
pub fn installed(dir: &Path) {
    let setup = run(
        dir,
        &[
            "setup",
            "--organisation",
            "Acme",
            "--owner",
            "owner@acme.example",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(setup.status.success(), "{}", text(&setup));
    let service = run(
        dir,
        &["service", "add", "acme.example", "--skip-verification"],
        "",
    );
    assert!(service.status.success(), "{}", text(&service));
}
