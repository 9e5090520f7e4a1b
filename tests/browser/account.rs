//! The account's security in a real browser: two-factor sign-in enrolled
//! with a code computed here from the key the page shows, a login with a
//! code, a recovery code that works once, and a forgotten password reset
//! through the link read from a real SMTP server (aiosmtpd), which still
//! asks for the second factor.

use std::time::{Duration, Instant};

use totp_rs::{Builder, Secret};

use crate::harness::{Browser, Step, start_chromedriver, start_mailroom_with};
use crate::sink::{Sink, free_port};

const OWNER: &str = "owner@acme.example";
const PASSWORD: &str = "correct horse battery";
const NEW_PASSWORD: &str = "a fresh staple of a password";

fn code_for(base32: &str, time: u64) -> Step<String> {
    let bytes = Secret::try_from_base32(base32.trim())
        .map_err(|e| format!("the key shown is not base32: {e}"))?
        .as_ref()
        .to_vec();
    let totp = Builder::new().with_secret(bytes).build()?;
    Ok(totp.generate(time).to_string())
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium: scripts/test runs it with MAILROOM_BROWSER=1"]
async fn two_factor_and_a_forgotten_password_in_a_real_browser() {
    crate::needs::flag("MAILROOM_BROWSER", "the browser suite in headless Chromium");
    let data = tempfile::tempdir().unwrap();
    let sink = Sink::start(free_port(), &data.path().join("received"), 0.0);
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let (_server, base) =
        start_mailroom_with(&data.path().join("mailroom"), &["--smtp-url", &smtp]);
    let (_driver, driver) = start_chromedriver();
    let browser = Browser::open(&driver, &base).await.expect("a browser");
    let outcome = flows(&browser, &sink).await;
    if outcome.is_err() {
        browser.keep_evidence("account").await;
    }
    let _ = browser.client.clone().close().await;
    if let Err(error) = outcome {
        panic!("{error}");
    }
}

async fn flows(browser: &Browser, sink: &Sink) -> Step {
    set_up(browser).await?;
    let recovery = enrol(browser).await?;
    log_in_with_codes(browser, &recovery).await?;
    reset_forgotten_password(browser, sink, &recovery[1]).await
}

async fn set_up(browser: &Browser) -> Step {
    browser.go("/").await?;
    browser.wait_text("Set up Mailroom").await?;
    browser.fill("#organisation", "Acme").await?;
    browser.fill("#email", OWNER).await?;
    browser.fill("#password", PASSWORD).await?;
    browser.fill("#confirm", PASSWORD).await?;
    browser
        .click_for("button[type=submit]", "Email services")
        .await
}

pub(crate) async fn enrol(browser: &Browser) -> Step<Vec<String>> {
    browser.go("/account").await?;
    browser
        .click_for(
            "a[href='/account/two-factor']",
            "Turn on two-factor sign-in",
        )
        .await?;
    browser.check_page("two-factor-off").await?;
    browser
        .click_for("main form button[type=submit]", "Scan this code")
        .await?;
    browser.wait("#two-factor-qr svg").await?;
    browser.check_page("two-factor-enrol").await?;
    let key = browser.text("#two-factor-secret").await?;
    enter_code(
        browser,
        &code_for(&key, unix_now())?,
        "Two-factor sign-in is on",
    )
    .await?;
    let codes = browser
        .script("return [...document.querySelectorAll('#recovery-codes code')].map(c => c.textContent);")
        .await?;
    let codes: Vec<String> = codes
        .as_array()
        .ok_or("the recovery codes are listed")?
        .iter()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    if codes.len() != 10 {
        return Err(format!("ten recovery codes, not {}", codes.len()).into());
    }
    // Keep the key for the login: the page is gone after this.
    browser
        .script(&format!(
            "sessionStorage.setItem('key', {key:?}); return 0;"
        ))
        .await?;
    Ok(codes)
}

async fn log_out(browser: &Browser) -> Step {
    browser.click_for("header form button", "Log in").await
}

async fn log_in_until_code(browser: &Browser, password: &str) -> Step {
    browser.fill("#email", OWNER).await?;
    browser.fill("#password", password).await?;
    browser
        .click_for("main form button[type=submit]", "Enter the 6-digit code")
        .await?;
    browser.check_page("login-code").await
}

async fn enter_code(browser: &Browser, code: &str, evidence: &str) -> Step {
    browser.fill("#code", code).await?;
    browser
        .click_for("main form button[type=submit]", evidence)
        .await
}

async fn log_in_with_codes(browser: &Browser, recovery: &[String]) -> Step {
    let key = browser
        .script("return sessionStorage.getItem('key');")
        .await?
        .as_str()
        .ok_or("the key was kept")?
        .to_owned();
    log_out(browser).await?;
    log_in_until_code(browser, PASSWORD).await?;
    // The code of the next step: the one used to enrol is spent.
    enter_code(browser, &code_for(&key, unix_now() + 30)?, "Email services").await?;

    log_out(browser).await?;
    log_in_until_code(browser, PASSWORD).await?;
    enter_code(browser, &recovery[0], "Email services").await?;

    log_out(browser).await?;
    log_in_until_code(browser, PASSWORD).await?;
    enter_code(browser, &recovery[0], "was already used").await?;
    // Abandoned there: the login starts over.
    browser
        .click_for("main form[action='/logout'] button", "Log in")
        .await
}

async fn reset_forgotten_password(browser: &Browser, sink: &Sink, recovery: &str) -> Step {
    browser
        .click_for(
            "a[href='/login/forgot']",
            "Enter the email address you log in with",
        )
        .await?;
    browser.fill("#email", OWNER).await?;
    browser
        .click_for("main form button[type=submit]", "Check your email")
        .await?;
    let link = reset_link(sink).await?;
    browser.go(&link).await?;
    browser.wait_text("Choose a new password").await?;
    browser.fill("#password", NEW_PASSWORD).await?;
    browser.fill("#confirm", NEW_PASSWORD).await?;
    browser
        .click_for("main form button[type=submit]", "Your password is changed")
        .await?;
    browser.go("/login").await?;
    log_in_until_code(browser, NEW_PASSWORD).await?;
    enter_code(browser, recovery, "Email services").await?;
    // The link was for one use.
    browser.go(&link).await?;
    browser.wait_text("This link is not valid").await
}

async fn reset_link(sink: &Sink) -> Step<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        for message in sink.messages() {
            let unfolded = message.replace("=\r\n", "").replace("=\n", "");
            if let Some(start) = unfolded.find("Choose a new password: ") {
                let rest = &unfolded[start + "Choose a new password: ".len()..];
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let url = &rest[..end];
                // The browser goes to paths of the server under test.
                let path = url.find("/reset/").map(|at| &url[at..]);
                return path
                    .map(str::to_owned)
                    .ok_or_else(|| format!("not a reset link: {url}").into());
            }
        }
        if Instant::now() > deadline {
            return Err("no reset message reached the SMTP server".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
