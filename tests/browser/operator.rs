//! The operator's console and the organisation switcher in a real browser:
//! the owner who set the server up is its operator; the console asks for
//! two-factor sign-in first, then makes a second organisation with them as
//! its first owner and a token for the operator's API, and the header
//! switches between their two.

use crate::harness::{Browser, Step};

/// Long on purpose: the header must cut it, not overflow, on a phone.
pub const SECOND: &str = "Association des sections locales du Valais";

pub async fn console_and_switcher(owner: &Browser) -> Step {
    owner.go("/operator").await?;
    owner.wait("main a[href='/account/two-factor']").await?;
    owner.check_page("operator-needs-two-factor").await?;
    crate::account::enrol(owner).await?;

    owner.go("/operator").await?;
    owner.wait("#q").await?;
    owner.fill("#name", SECOND).await?;
    owner.fill("#owner", crate::OWNER).await?;
    owner
        .click_for(
            "main form[action='/operator/organisations'] button[type=submit]",
            SECOND,
        )
        .await?;
    owner.check_page("operator-organisation").await?;

    // An operator's token for the provider's systems, shown once.
    owner.go("/operator/tokens").await?;
    owner.wait("#name").await?;
    owner.fill("#name", "billing system").await?;
    owner
        .click("main form[action='/operator/tokens'] button[type=submit]")
        .await?;
    owner.wait("#token-value").await?;
    owner.check_page("operator-tokens").await?;

    owner.go("/services").await?;
    owner.click("header details.dropdown summary").await?;
    let href = owner
        .script(&format!(
            "const a = [...document.querySelectorAll('header details.dropdown a')]\
             .find(a => a.textContent.trim() === {SECOND:?}); return a ? a.getAttribute('href') : null;"
        ))
        .await?;
    let href = href
        .as_str()
        .ok_or("the switcher lists the new organisation")?;
    owner
        .click_until(
            &format!("header details.dropdown a[href='{href}']"),
            &format!("header details.dropdown a[href='{href}'][aria-current='page']"),
        )
        .await?;
    let summary = owner.text("header details.dropdown summary").await?;
    if !summary.contains(SECOND) {
        return Err(format!("the header names {SECOND:?}, not {summary:?}").into());
    }
    owner.check_page("organisation-switched").await
}
