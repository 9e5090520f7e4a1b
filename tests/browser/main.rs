//! Every manager flow, clicked through in real headless Chromium, checking
//! what a person sees; each page is also checked at a phone's size, with
//! axe-core, and kept as a screenshot under `target/browser-artifacts/`.
//! Runs when `MAILROOM_BROWSER=1` (scripts/test installs Chromium, its
//! driver and axe-core, and sets it).

mod account;
mod harness;
mod languages;
#[path = "../support/needs.rs"]
mod needs;
mod operator;
#[allow(dead_code)] // the invitation helpers serve the jobs suite
#[path = "../jobs/sink.rs"]
mod sink;

use harness::{Browser, Step, start_chromedriver, start_mailroom_with};

const OWNER: &str = "owner@acme.example";
const OWNER_PASSWORD: &str = "correct horse battery";
const SECRET: &str = "a long mailbox password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium: scripts/test runs it with MAILROOM_BROWSER=1"]
async fn every_manager_flow_in_a_real_browser() {
    needs::flag("MAILROOM_BROWSER", "the browser suite in headless Chromium");
    let data = tempfile::tempdir().unwrap();
    // Links arrive by email, as they do for people: the outbox never shows them.
    let sink = sink::Sink::start(sink::free_port(), &data.path().join("received"), 0.0);
    let _ = MAIL.set(sink.folder.clone());
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let (_server, base) =
        start_mailroom_with(&data.path().join("mailroom"), &["--smtp-url", &smtp]);
    let (_driver, driver) = start_chromedriver();
    let owner = Browser::open(&driver, &base).await.expect("a browser");
    let guest = Browser::open(&driver, &base)
        .await
        .expect("a second browser");
    let visitor = Browser::open(&driver, &base)
        .await
        .expect("a third browser");
    let run = async {
        flows(&owner, &guest).await?;
        languages::every_page_in_every_language(&owner, &visitor).await
    };
    if let Err(error) = run.await {
        visitor.keep_evidence("visitor").await;
        owner.keep_evidence("owner").await;
        guest.keep_evidence("second-session").await;
        let _ = owner.client.clone().close().await;
        let _ = guest.client.clone().close().await;
        let _ = visitor.client.clone().close().await;
        panic!("{error}");
    }
    let _ = owner.client.clone().close().await;
    let _ = guest.client.clone().close().await;
    let _ = visitor.client.clone().close().await;
}

async fn flows(owner: &Browser, guest: &Browser) -> Step {
    setup_and_login(owner).await?;
    add_service(owner).await?;
    create_for_me(owner).await?;
    create_for_another_user(owner, guest).await?;
    create_for_multiple_users(owner).await?;
    invite_a_member_and_share_a_link(owner, guest).await?;
    edit_permissions(owner).await?;
    generic_addresses(owner).await?;
    bulk_creation(owner).await?;
    change_password(owner).await?;
    delete_and_restore(owner).await?;
    operator::console_and_switcher(owner).await?;
    Ok(())
}

async fn setup_and_login(owner: &Browser) -> Step {
    owner.go("/").await?;
    owner.wait_text("Set up Mailroom").await?;
    owner.check_page("setup").await?;
    owner.fill("#organisation", "Acme").await?;
    owner.fill("#email", OWNER).await?;
    owner.fill("#password", "short").await?;
    owner.fill("#confirm", "short").await?;
    // The refusal: the field is marked invalid, with its reason.
    owner
        .click_until("button[type=submit]", "#password[aria-invalid=true]")
        .await?;
    owner.wait_text("at least 12 characters").await?;
    let focused = owner.script("return document.activeElement.id;").await?;
    if focused != "password" {
        return Err(format!("the focus should move to the first error, not {focused}").into());
    }
    owner.fill("#password", OWNER_PASSWORD).await?;
    owner.fill("#confirm", OWNER_PASSWORD).await?;
    owner
        .click_for("button[type=submit]", "Email services")
        .await?;
    owner.click_for("header form button", "Log in").await?; // log out
    owner.check_page("login").await?;
    owner.fill("#email", OWNER).await?;
    owner.fill("#password", "not the password").await?;
    owner
        .click_for(
            "main form button[type=submit]",
            "The email or password is not correct.",
        )
        .await?;
    // Keyboard only: Enter in the password field submits.
    owner.fill("#password", OWNER_PASSWORD).await?;
    owner.wait("#password").await?.send_keys("\u{E007}").await?;
    owner.wait_text("Email services").await
}

async fn add_service(owner: &Browser) -> Step {
    owner.check_page("services").await?;
    owner.click("details summary").await?;
    owner.fill("#domain", "acme.example").await?;
    owner
        .click_for("details form button[type=submit]", "No address yet")
        .await?;
    if owner.path().await? != "/services/acme.example" {
        return Err("adding a service opens its dashboard".into());
    }
    owner.check_page("dashboard-empty").await
}

async fn create_for_me(owner: &Browser) -> Step {
    owner
        .click_for(".page-head a[href$='/new-address']", "Step 1 of 3")
        .await?;
    owner.mark_page().await?;
    owner
        .fill_for("#local", "jane.doe", "jane.doe@acme.example is available")
        .await?;
    owner.check_page("create-step-1").await?;
    owner
        .click_for("#wizard button[type=submit]", "Step 2 of 3")
        .await?;
    if !owner.same_page().await? {
        return Err("the wizard's steps should swap in place (htmx), not load a page".into());
    }
    owner.check_page("create-step-2").await?;
    owner.click("input[value=me]").await?;
    owner
        .click_for("#wizard button[type=submit]", "Step 3 of 3")
        .await?;
    owner.fill_for("#password", SECRET, "Strength").await?;
    owner.fill("#confirm", SECRET).await?;
    owner.check_page("create-step-3").await?;
    owner
        .click_for("#wizard button[type=submit]", "Your address is ready")
        .await?;
    owner.check_page("address-created-for-me").await?;
    // "Set up a mail program": an iPhone, with a device password made on the way.
    owner
        .click_for("#ready a[href$='/setup']", "Which device or program")
        .await?;
    owner.check_page("setup-choose").await?;
    owner
        .click_for("main form button[type=submit]", "it is shown only once")
        .await?;
    let secret = owner.text("#new-device-secret").await?;
    if secret.len() < 30 || owner.text("#profile-qr").await.is_err() {
        return Err(format!("a device password and a QR code: {secret:?}").into());
    }
    owner.check_page("setup-iphone").await?;
    device_passwords(owner, &secret).await?;
    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    let href = owner
        .wait("a[href^='/mail/config-v1.1.xml']")
        .await?
        .attr("href")
        .await?
        .unwrap_or_default();
    owner.go(&href).await?;
    let xml = owner
        .script("return document.documentElement.outerHTML;")
        .await?;
    if !xml.to_string().contains("mail.acme.example") {
        return Err(format!("the Thunderbird file names the server: {xml}").into());
    }
    owner.go("/services/acme.example").await
}

/// "Mail on your devices": the wizard's password is listed (never shown
/// again); one more is made, shown once, and revoked.
async fn device_passwords(owner: &Browser, wizard_secret: &str) -> Step {
    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    owner.wait("#device-list").await?;
    if owner.text("body").await?.contains(wizard_secret) {
        return Err("a device password must be shown only once".into());
    }
    owner.click("#new-device-form summary").await?;
    owner.fill("#device-name", "Thunderbird at work").await?;
    owner
        .click_for(
            "#new-device-form button[type=submit]",
            "Device password for Thunderbird at work",
        )
        .await?;
    owner.wait("#new-device-secret").await?;
    owner.check_page("device-made").await?;
    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    let revoke = "#device-list tr:last-child button";
    owner.wait_text("Thunderbird at work").await?;
    owner.click(revoke).await?;
    owner.wait_gone("#device-list", "Thunderbird at work").await
}

/// The SMTP sink's folder: where the people of this test receive mail.
static MAIL: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// The link of the newest email carrying one with `path` in it, as its
/// recipient reads it; the owner's Outbox lists the message but never
/// shows that link.
async fn newest_link(owner: &Browser, path: &str) -> Step<String> {
    let folder = MAIL.get().ok_or("no SMTP sink")?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let link = loop {
        let found = sink::received(folder).iter().rev().find_map(|message| {
            let unfolded = message.replace("=\r\n", "").replace("=\n", "");
            let at = unfolded.find(path)?;
            let start = unfolded[..at].rfind("http")?;
            let end = unfolded[start..]
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
                .map_or(unfolded.len(), |e| start + e);
            Some(unfolded[start..end].to_owned())
        });
        match found {
            Some(link) => break link,
            None if std::time::Instant::now() > deadline => {
                return Err(format!("no email with a {path} link arrived").into());
            }
            None => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    };
    owner.go("/outbox").await?;
    owner.wait("article.message").await?;
    if owner.client.source().await?.contains(&link) {
        return Err(format!("the Outbox shows a private link: {link}").into());
    }
    Ok(link)
}

async fn create_for_another_user(owner: &Browser, guest: &Browser) -> Step {
    // An outsider, invited by email; they sign up through the link.
    owner.go("/services/acme.example/new-address").await?;
    owner.fill("#local", "bob").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.click("input[value=other]").await?;
    owner
        .click_for("#wizard button[type=submit]", "cannot change its password")
        .await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner
        .click_for("#wizard button[type=submit]", "Pending invitations")
        .await?;
    owner.check_page("address-created-for-another").await?;
    let link = newest_link(owner, "/invitations/").await?;
    owner.check_page("outbox").await?;
    guest.client.goto(&link).await?;
    guest.wait_text("Create your account").await?;
    guest.check_page("invitation").await?;
    guest.fill("#login", "bob@elsewhere.example").await?;
    guest.fill("#password", SECRET).await?;
    guest.fill("#confirm", SECRET).await?;
    guest
        .click_for("main form button[type=submit]", "Check your email")
        .await?;
    guest.check_page("check-your-email").await?;
    // The confirmation link, as the email carries it.
    let confirmation = newest_link(owner, "/sign-up/").await?;
    if !confirmation.contains("/sign-up/") {
        return Err(format!("the newest message confirms the sign-up: {confirmation}").into());
    }
    guest.client.goto(&confirmation).await?;
    guest.wait_text("Confirm your account").await?;
    guest
        .click_for("main form button[type=submit]", "Mail on your devices")
        .await?;
    if !guest.path().await?.ends_with("/addresses/bob") {
        return Err("confirming opens the address".into());
    }
    // Now a member: an address made for him is his at once.
    owner.go("/services/acme.example/new-address").await?;
    owner.fill("#local", "bob.work").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.click("input[value=other]").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner
        .click_for("#wizard button[type=submit]", "The address is created")
        .await?;
    guest.go("/services/acme.example").await?;
    guest.wait_text("bob.work@acme.example").await?;
    guest.check_page("dashboard-member").await
}

async fn create_for_multiple_users(owner: &Browser) -> Step {
    owner.go("/services/acme.example/new-address").await?;
    owner.fill("#local", "team").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.click("input[value=multiple]").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.fill("#password", SECRET).await?;
    owner.fill("#confirm", SECRET).await?;
    owner
        .click_for(
            "#wizard button[type=submit]",
            "No one has access to this address yet.",
        )
        .await?;
    owner.check_page("address-shared").await
}

async fn invite_a_member_and_share_a_link(owner: &Browser, guest: &Browser) -> Step {
    owner.go("/services/acme.example/addresses/team").await?;
    owner.click("#share summary").await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner
        .click_for("#share button[type=submit]", "Pending invitations")
        .await?;
    guest.go("/services").await?;
    guest.wait_text("Invitations for you").await?;
    guest.check_page("services-invited").await?;
    guest
        .click_for("#my-invitations button", "Mail on your devices")
        .await?;
    if !guest.path().await?.ends_with("/addresses/team") {
        return Err("accepting opens the address".into());
    }

    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    owner.click("#generate-link summary").await?;
    owner
        .click_for("#generate-link button[type=submit]", "Copy this link now")
        .await?;
    let url = owner
        .script("return document.querySelector('#new-link-url').value;")
        .await?;
    let url = url.as_str().unwrap_or_default().to_owned();
    guest.client.goto(&url).await?;
    guest.wait_text("You are logged in as").await?;
    guest
        .click_for("main form button[type=submit]", "Mail on your devices")
        .await?;
    if !guest.path().await?.ends_with("/addresses/jane.doe") {
        return Err("accepting a link opens the address".into());
    }
    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    owner.wait_text("1 time").await
}

async fn edit_permissions(owner: &Browser) -> Step {
    owner.go("/services/acme.example/addresses/team").await?;
    owner.wait_text("bob@elsewhere.example").await?;
    owner.click("#users details.edit summary").await?;
    let before = owner.text("#users tbody tr td:nth-child(2)").await?;
    if before.contains("history") {
        return Err(format!("bob already has history: {before}").into());
    }
    owner.script("document.querySelectorAll('#users details.edit input[name=perm_history]')[0].checked = true;").await?;
    owner.mark_page().await?;
    owner
        .click("#users details.edit form button[type=submit]")
        .await?;
    // Saved: the page comes back with bob's permissions listing history.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if !owner.same_page().await.unwrap_or(true)
            && owner
                .text("#users tbody tr td:nth-child(2)")
                .await
                .is_ok_and(|t| t.contains("history"))
        {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err("the new permission never showed".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    owner.check_page("address-general").await?;
    for tab in ["aliases", "forwarding", "auto-reply", "password", "history"] {
        owner.mark_page().await?;
        owner.click(&format!("nav.tabs a[href$='/{tab}']")).await?;
        owner
            .wait(&format!("nav.tabs a[href$='/{tab}'][aria-current=page]"))
            .await?;
        if !owner.same_page().await? {
            return Err(format!("the {tab} tab should swap in place").into());
        }
        owner.check_page(&format!("address-{tab}")).await?;
    }
    // The reply's preview: what senders would get, swapped in, nothing saved.
    owner.click("nav.tabs a[href$='/auto-reply']").await?;
    owner
        .wait("nav.tabs a[href$='/auto-reply'][aria-current=page]")
        .await?;
    owner.fill("#subject", "Away until Monday").await?;
    owner
        .fill(
            "#message",
            "I am away until Monday; Bob answers in the meantime.",
        )
        .await?;
    owner.click("button[value=preview]").await?;
    owner.wait("#auto-reply-preview").await?;
    let shown = owner.text("#auto-reply-preview").await?;
    if !shown.contains("Away until Monday") || !shown.contains("Bob answers") {
        return Err(format!("the preview shows {shown:?}").into());
    }
    owner.check_page("address-auto-reply-preview").await?;
    Ok(())
}

async fn generic_addresses(owner: &Browser) -> Step {
    for (local, purpose, kind) in [
        ("no-reply", "no_reply", "No-reply"),
        ("catchall", "catch_all", "Catch-all"),
    ] {
        owner.go("/services/acme.example/new-address").await?;
        owner.fill("#local", local).await?;
        owner.click("#wizard button[type=submit]").await?;
        owner.click(&format!("input[value={purpose}]")).await?;
        owner.click("#wizard button[type=submit]").await?;
        owner.fill("#password", SECRET).await?;
        owner.fill("#confirm", SECRET).await?;
        owner.click_for("#wizard button[type=submit]", kind).await?;
    }
    owner.go("/services/acme.example").await?;
    owner.mark_page().await?;
    owner.wait_text("jane.doe@acme.example").await?;
    owner.fill("#q", "no").await?;
    // Only the search can hide the other addresses.
    owner.wait_gone("main", "jane.doe@acme.example").await?;
    owner.wait_text("no-reply@acme.example").await?;
    if !owner.same_page().await? {
        return Err("search should swap the list in place".into());
    }
    owner.check_page("dashboard").await
}

async fn bulk_creation(owner: &Browser) -> Step {
    let file = tempfile::Builder::new().suffix(".csv").tempfile()?;
    std::fs::write(
        file.path(),
        "address;password;display_name\nanna;a long password 1;Anna\nbad name;x;\nmaria;a long password 2;Maria\n",
    )?;
    owner.go("/services/acme.example/imports").await?;
    owner.check_page("imports").await?;
    owner
        .wait("#file")
        .await?
        .send_keys(&file.path().display().to_string())
        .await?;
    owner
        .click_for("form.upload button[type=submit]", "2 will be created")
        .await?;
    owner.check_page("import-preview").await?;
    owner
        .click_for(".actions form button[type=submit]", "3 of 3 rows done")
        .await?;
    owner.wait_text("finished").await?;
    owner.check_page("import-report").await?;
    let report = owner
        .script("return fetch(document.querySelector('a[href$=\"report.csv\"]').href).then(r => r.text());")
        .await?;
    let report = report.as_str().unwrap_or_default();
    if !report.contains("anna@acme.example,created") {
        return Err(format!("the report names each row: {report}").into());
    }
    Ok(())
}

async fn change_password(owner: &Browser) -> Step {
    owner
        .go("/services/acme.example/addresses/jane.doe/password")
        .await?;
    owner.fill("#password", "another long secret").await?;
    owner.fill("#confirm", "another long secret").await?;
    owner
        .click_for(
            "#tab-panel form button[type=submit]",
            "The password is changed",
        )
        .await
}

async fn delete_and_restore(owner: &Browser) -> Step {
    owner.go("/services/acme.example").await?;
    owner
        .click("a.icon[aria-label='Delete anna@acme.example']")
        .await?;
    owner.wait("dialog[open]").await?;
    // Escape closes the dialog, as a modal should.
    owner
        .wait("#delete-dialog #password")
        .await?
        .send_keys("\u{E00C}")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let open = owner
        .script("return document.querySelectorAll('dialog[open]').length;")
        .await?;
    if open != serde_json::json!(0) {
        return Err("Escape should close the delete dialog".into());
    }
    owner
        .click("a.icon[aria-label='Delete anna@acme.example']")
        .await?;
    owner.wait("dialog[open]").await?;
    owner.check_page("delete-dialog").await?;
    owner
        .fill("#delete-dialog #password", "not my password")
        .await?;
    owner.click("#understood").await?;
    owner
        .click_for(
            "#delete-dialog button.danger",
            "Your login password is not correct",
        )
        .await?;
    owner
        .fill("#delete-dialog #password", OWNER_PASSWORD)
        .await?;
    let ticked = owner
        .script("return document.querySelector('#understood').checked;")
        .await?;
    if ticked != serde_json::json!(true) {
        owner.click("#understood").await?;
    }
    owner
        .click_for("#delete-dialog button.danger", "Recently deleted")
        .await?;
    owner.check_page("dashboard-deleted").await?;
    owner
        .click_for("#deleted button", "Mail on your devices")
        .await?;
    if !owner.path().await?.ends_with("/addresses/anna") {
        return Err("restoring opens the address".into());
    }
    owner.check_page("address-restored").await?;
    owner.go("/services").await?;
    owner
        .click_for("a[href$='/members']", "bob@elsewhere.example")
        .await?;
    owner.check_page("members").await?;
    owner.go("/services").await?;
    owner
        .click_for("a[href$='/tokens']", "No token yet.")
        .await?;
    owner.fill("#name", "HR provisioning").await?;
    // Only the answer to the click shows a token, and says so once.
    owner
        .click_for(
            "form[action$='/tokens'] button[type=submit]",
            "it is not shown again",
        )
        .await?;
    let token = owner
        .script("return document.querySelector('#token-value').value;")
        .await?;
    if !token.as_str().is_some_and(|t| t.starts_with("mrt_")) {
        return Err(format!("no token shown: {token}").into());
    }
    owner.check_page("tokens").await?;
    owner.go("/services/acme.example").await?;
    owner
        .click_for("a[href$='/dns']", "Not checked yet")
        .await?;
    owner
        .click_for(
            "form[action$='/dns/keys'] button",
            "waiting to be seen in the DNS",
        )
        .await?;
    owner.check_page("dns").await?;
    owner
        .click_for("form[action$='/dns/check'] button", "The check failed")
        .await?;
    owner.check_page("dns-checked").await?;
    owner.go("/jobs").await?;
    owner.wait_text("Background jobs").await?;
    owner.check_page("jobs").await
}
