//! Every page in every language, after the manager flows have filled the
//! server: each at desktop and phone sizes with no sideways overflow, no
//! word broken in its middle and no serious axe-core violation, and a
//! screenshot per language under `target/browser-artifacts/<lang>/`.

use crate::harness::{Browser, Step, artifacts};

const LANGUAGES: [&str; 4] = ["fr", "de", "it", "en"];

/// The pages a signed-in owner reaches, by name and path.
async fn owner_pages(owner: &Browser) -> Step<Vec<(String, String)>> {
    owner.go("/services").await?;
    let members = owner
        .script("return document.querySelector(\"a[href$='/members']\").getAttribute('href');")
        .await?;
    let members = members.as_str().ok_or("no members link")?.to_owned();
    let tokens = members.replace("/members", "/tokens");
    let address = "/services/acme.example/addresses/jane.doe";
    let mut pages: Vec<(String, String)> = [
        ("services", "/services"),
        ("dashboard", "/services/acme.example"),
        ("create-address", "/services/acme.example/new-address"),
        ("imports", "/services/acme.example/imports"),
        ("dns", "/services/acme.example/dns"),
        ("outbox", "/outbox"),
        ("jobs", "/jobs"),
        ("account", "/account"),
        ("two-factor", "/account/two-factor"),
        // The operator's console (the owner set the server up and turned
        // on two-factor sign-in in the flows).
        ("operator", "/operator"),
        ("operator-tokens", "/operator/tokens"),
    ]
    .iter()
    .map(|(n, p)| (n.to_string(), p.to_string()))
    .collect();
    for tab in [
        "",
        "/aliases",
        "/forwarding",
        "/auto-reply",
        "/password",
        "/history",
        "/delete",
        "/setup",
    ] {
        let name = format!("address{}", tab.replace('/', "-"));
        pages.push((name, format!("{address}{tab}")));
    }
    pages.push((
        "team".into(),
        "/services/acme.example/addresses/team".into(),
    ));
    pages.push(("members".into(), members));
    pages.push(("tokens".into(), tokens));
    // The owner is in two organisations (the flows made the second): the
    // header's switcher opens on every page; one organisation's own page.
    let organisation = owner
        .script("return document.querySelector(\"header details.dropdown a[href^='/organisations/']\").getAttribute('href');")
        .await?;
    let organisation = organisation.as_str().ok_or("no switcher")?.to_owned();
    pages.push((
        "organisation-history".into(),
        format!("{organisation}/history"),
    ));
    pages.push(("organisation".into(), organisation));
    // One organisation in the console: limits, suspension, deletion.
    owner.go("/operator").await?;
    let console = owner
        .script("return document.querySelector('#organisations a').getAttribute('href');")
        .await?;
    let console = console
        .as_str()
        .ok_or("no organisation in the console")?
        .to_owned();
    pages.push(("operator-organisation".into(), console));
    pages.push(("not-found".into(), "/services/nowhere.example".into()));
    Ok(pages)
}

/// Picks a language in the footer as a person does; only the choice can
/// turn the page's `lang` into it.
async fn choose_in_footer(browser: &Browser, lang: &str) -> Step {
    browser.go("/account").await?;
    let current = browser
        .script("return document.documentElement.lang;")
        .await?;
    if current.as_str() == Some(lang) {
        return Err(format!("the page is already in {lang}").into());
    }
    let select = browser.wait("#footer-lang").await?;
    select.select_by_value(lang).await?;
    browser.wait(&format!("html[lang='{lang}']")).await?;
    Ok(())
}

pub async fn every_page_in_every_language(owner: &Browser, visitor: &Browser) -> Step {
    let pages = owner_pages(owner).await?;
    for lang in LANGUAGES {
        std::fs::create_dir_all(artifacts().join(lang))?;
        choose_in_footer(owner, lang).await?;
        for (name, path) in &pages {
            owner.go(path).await?;
            owner.wait(&format!("html[lang='{lang}']")).await?;
            owner.check_page(&format!("{lang}/{name}")).await?;
        }
        // Someone not signed in picks from the links of the footer.
        visitor.go("/login").await?;
        let link = format!("footer a[hreflang='{lang}']");
        if visitor
            .script(&format!(
                "return document.documentElement.lang !== '{lang}';"
            ))
            .await?
            == serde_json::json!(true)
        {
            visitor.click(&link).await?;
            visitor.wait(&format!("html[lang='{lang}']")).await?;
        }
        for (name, path) in [
            ("login", "/login"),
            ("forgot", "/login/forgot"),
            ("invalid-invitation", "/invitations/not-a-token"),
        ] {
            visitor.go(path).await?;
            visitor.wait(&format!("html[lang='{lang}']")).await?;
            visitor.check_page(&format!("{lang}/{name}")).await?;
        }
    }
    Ok(())
}
