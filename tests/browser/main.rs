//! Every manager flow, clicked through in real headless Chromium, checking
//! what a person sees; each page is also checked at a phone's size, with
//! axe-core, and kept as a screenshot under `target/browser-artifacts/`.
//! Runs when `MAILROOM_BROWSER=1` (scripts/test installs Chromium, its
//! driver and axe-core, and sets it).

mod harness;

use harness::{Browser, Step, start_chromedriver, start_mailroom};

const OWNER: &str = "owner@acme.example";
const OWNER_PASSWORD: &str = "correct horse battery";
const SECRET: &str = "a long mailbox password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_manager_flow_in_a_real_browser() {
    if std::env::var("MAILROOM_BROWSER").as_deref() != Ok("1") {
        eprintln!(
            "skipped: set MAILROOM_BROWSER=1 (scripts/test does) to run in headless Chromium"
        );
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let (_server, base) = start_mailroom(data.path());
    let (_driver, driver) = start_chromedriver();
    let owner = Browser::open(&driver, &base).await.expect("a browser");
    let guest = Browser::open(&driver, &base)
        .await
        .expect("a second browser");
    if let Err(error) = flows(&owner, &guest).await {
        owner.keep_evidence("owner").await;
        guest.keep_evidence("second-session").await;
        let _ = owner.client.clone().close().await;
        let _ = guest.client.clone().close().await;
        panic!("{error}");
    }
    let _ = owner.client.clone().close().await;
    let _ = guest.client.clone().close().await;
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
    owner.click("button[type=submit]").await?;
    owner.wait_text("at least 12 characters").await?;
    let focused = owner.script("return document.activeElement.id;").await?;
    if focused != "password" {
        return Err(format!("the focus should move to the first error, not {focused}").into());
    }
    owner.fill("#password", OWNER_PASSWORD).await?;
    owner.fill("#confirm", OWNER_PASSWORD).await?;
    owner.click("button[type=submit]").await?;
    owner.wait_text("Email services").await?;
    owner.click("header form button").await?; // log out
    owner.wait_text("Log in").await?;
    owner.check_page("login").await?;
    owner.fill("#email", OWNER).await?;
    owner.fill("#password", "not the password").await?;
    owner.click("main form button[type=submit]").await?;
    owner
        .wait_text("The email or password is not correct.")
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
    owner.click("details form button[type=submit]").await?;
    owner.wait_text("No address yet").await?;
    if owner.path().await? != "/services/acme.example" {
        return Err("adding a service opens its dashboard".into());
    }
    owner.check_page("dashboard-empty").await
}

async fn create_for_me(owner: &Browser) -> Step {
    owner.click(".page-head a[href$='/new-address']").await?;
    owner.wait_text("Step 1 of 3").await?;
    owner.mark_page().await?;
    owner.fill("#local", "jane.doe").await?;
    owner
        .wait_text("jane.doe@acme.example is available")
        .await?;
    owner.check_page("create-step-1").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("Step 2 of 3").await?;
    if !owner.same_page().await? {
        return Err("the wizard's steps should swap in place (htmx), not load a page".into());
    }
    owner.check_page("create-step-2").await?;
    owner.click("input[value=me]").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("Step 3 of 3").await?;
    owner.fill("#password", SECRET).await?;
    owner.fill("#confirm", SECRET).await?;
    owner.wait_text("Strength").await?;
    owner.check_page("create-step-3").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("Your address is ready").await?;
    owner.check_page("address-created-for-me").await?;
    owner.click("a[href='#mail-program']").await?;
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

/// The newest message's link, from the Outbox page.
async fn newest_link(owner: &Browser) -> Step<String> {
    owner.go("/outbox").await?;
    let link = owner
        .wait("article.message a")
        .await?
        .attr("href")
        .await?
        .unwrap_or_default();
    Ok(link)
}

async fn create_for_another_user(owner: &Browser, guest: &Browser) -> Step {
    // An outsider, invited by email; they sign up through the link.
    owner.go("/services/acme.example/new-address").await?;
    owner.fill("#local", "bob").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.click("input[value=other]").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("cannot change its password").await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("Pending invitations").await?;
    owner.check_page("address-created-for-another").await?;
    let link = newest_link(owner).await?;
    owner.check_page("outbox").await?;
    guest.client.goto(&link).await?;
    guest.wait_text("Create your account").await?;
    guest.check_page("invitation").await?;
    guest.fill("#login", "bob@elsewhere.example").await?;
    guest.fill("#password", SECRET).await?;
    guest.fill("#confirm", SECRET).await?;
    guest.click("main form button[type=submit]").await?;
    guest.wait_text("bob@acme.example").await?;
    // Now a member: an address made for him is his at once.
    owner.go("/services/acme.example/new-address").await?;
    owner.fill("#local", "bob.work").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.click("input[value=other]").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner.click("#wizard button[type=submit]").await?;
    owner.wait_text("The address is created").await?;
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
    owner.click("#wizard button[type=submit]").await?;
    owner
        .wait_text("No one has access to this address yet.")
        .await?;
    owner.check_page("address-shared").await
}

async fn invite_a_member_and_share_a_link(owner: &Browser, guest: &Browser) -> Step {
    owner.go("/services/acme.example/addresses/team").await?;
    owner.click("#share summary").await?;
    owner.fill("#who", "bob@elsewhere.example").await?;
    owner.click("#share button[type=submit]").await?;
    owner.wait_text("Pending invitations").await?;
    guest.go("/services").await?;
    guest.wait_text("Invitations for you").await?;
    guest.check_page("services-invited").await?;
    guest.click("#my-invitations button").await?;
    guest.wait_text("team@acme.example").await?;

    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    owner.click("#generate-link summary").await?;
    owner.click("#generate-link button[type=submit]").await?;
    owner.wait_text("Copy this link now").await?;
    let url = owner
        .script("return document.querySelector('#new-link-url').value;")
        .await?;
    let url = url.as_str().unwrap_or_default().to_owned();
    guest.client.goto(&url).await?;
    guest.wait_text("You are logged in as").await?;
    guest.click("main form button[type=submit]").await?;
    guest.wait_text("jane.doe@acme.example").await?;
    owner
        .go("/services/acme.example/addresses/jane.doe")
        .await?;
    owner.wait_text("1 time").await
}

async fn edit_permissions(owner: &Browser) -> Step {
    owner.go("/services/acme.example/addresses/team").await?;
    owner.wait_text("bob@elsewhere.example").await?;
    owner.click("#users details.edit summary").await?;
    owner.script("document.querySelectorAll('#users details.edit input[name=perm_history]')[0].checked = true;").await?;
    owner
        .click("#users details.edit form button[type=submit]")
        .await?;
    owner.wait_text("history").await?;
    owner.check_page("address-general").await?;
    for tab in ["aliases", "forwarding", "password", "history"] {
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
        owner.click("#wizard button[type=submit]").await?;
        owner.wait_text(kind).await?;
    }
    owner.go("/services/acme.example").await?;
    owner.mark_page().await?;
    owner.fill("#q", "no").await?;
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
    owner.click("form.upload button[type=submit]").await?;
    owner.wait_text("2 will be created").await?;
    owner.check_page("import-preview").await?;
    owner.click(".actions form button[type=submit]").await?;
    owner.wait_text("3 of 3 rows done").await?;
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
    owner.click("#tab-panel form button[type=submit]").await?;
    owner.wait_text("The password is changed").await
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
    owner.click("#delete-dialog button.danger").await?;
    owner
        .wait_text("Your login password is not correct")
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
    owner.click("#delete-dialog button.danger").await?;
    owner.wait_text("Recently deleted").await?;
    owner.check_page("dashboard-deleted").await?;
    owner.click("#deleted button").await?;
    owner.wait_text("anna@acme.example").await?;
    if !owner.path().await?.ends_with("/addresses/anna") {
        return Err("restoring opens the address".into());
    }
    owner.check_page("address-restored").await?;
    owner.go("/services").await?;
    owner.click("a[href$='/members']").await?;
    owner.wait_text("bob@elsewhere.example").await?;
    owner.check_page("members").await?;
    owner.go("/jobs").await?;
    owner.wait_text("Background jobs").await?;
    owner.check_page("jobs").await
}
