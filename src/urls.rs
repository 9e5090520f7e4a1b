//! Every path of the web interface that code links to, built in one place
//! (the router declares the same shapes). Domains appear in their ASCII
//! form, local parts as they are (the mailbox-safe set needs no escaping).

use crate::model::{Domain, EmailAddress, LocalPart};

pub const SERVICES: &str = "/services";
pub const OUTBOX: &str = "/outbox";
pub const JOBS: &str = "/jobs";
pub const MEMBERS: &str = "/members";
/// The operator's console.
pub const OPERATOR: &str = "/operator";
pub const OPERATOR_ORGANISATIONS: &str = "/operator/organisations";
/// The limits new organisations start with.
pub const OPERATOR_DEFAULT_LIMITS: &str = "/operator/default-limits";

pub fn operator_organisation(org: impl std::fmt::Display) -> String {
    format!("{OPERATOR_ORGANISATIONS}/{org}")
}

pub fn operator_limits(org: impl std::fmt::Display) -> String {
    format!("{}/limits", operator_organisation(org))
}

pub fn operator_suspend(org: impl std::fmt::Display) -> String {
    format!("{}/suspend", operator_organisation(org))
}

pub fn operator_resume(org: impl std::fmt::Display) -> String {
    format!("{}/resume", operator_organisation(org))
}

pub fn operator_delete(org: impl std::fmt::Display) -> String {
    format!("{}/delete", operator_organisation(org))
}

pub fn operator_restore(org: impl std::fmt::Display) -> String {
    format!("{}/restore", operator_organisation(org))
}

pub fn operator_owners(org: impl std::fmt::Display) -> String {
    format!("{}/owners", operator_organisation(org))
}

pub fn operator_withdraw_owner(org: impl std::fmt::Display) -> String {
    format!("{}/owner-invitation/withdraw", operator_organisation(org))
}

/// The operator's tokens.
pub const OPERATOR_TOKENS: &str = "/operator/tokens";

pub fn operator_token_revoke(id: impl std::fmt::Display) -> String {
    format!("{OPERATOR_TOKENS}/{id}/revoke")
}

/// An owner invitation's link.
pub fn owner_invitation(org: impl std::fmt::Display, token: &str) -> String {
    format!("/join/{org}/{token}")
}
pub const LOGIN: &str = "/login";
pub const LOGOUT: &str = "/logout";
pub const SETUP: &str = "/setup";
pub const ACCOUNT: &str = "/account";
/// Where the language selectors post (signed in) or link (everyone).
pub const LANGUAGE: &str = "/language";
pub const FORGOT: &str = "/login/forgot";
pub const LOGIN_CODE: &str = "/login/code";
pub const TWO_FACTOR: &str = "/account/two-factor";
pub const TWO_FACTOR_START: &str = "/account/two-factor/start";
pub const TWO_FACTOR_CONFIRM: &str = "/account/two-factor/confirm";
pub const TWO_FACTOR_DISABLE: &str = "/account/two-factor/disable";

pub fn reset_two_factor(org: impl std::fmt::Display, user: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/members/{user}/two-factor/reset")
}

/// One organisation's services: the page the header's switcher leads to.
pub fn organisation(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}")
}

pub fn leave_organisation(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/leave")
}

pub fn require_two_factor(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/two-factor")
}
pub const ACCOUNT_PASSWORD: &str = "/account/password";
pub const ACCOUNT_END_OTHERS: &str = "/account/sessions/end-others";
pub const HOME: &str = "/";
pub const IMPORT_TEMPLATE: &str = "/imports/template.csv";

/// Thunderbird's autoconfig file for one address.
pub fn thunderbird_settings(login: &str) -> String {
    format!("/mail/config-v1.1.xml?emailaddress={login}")
}

pub fn dns(domain: &Domain) -> String {
    format!("{}/dns", service(domain))
}

pub fn dns_check(domain: &Domain) -> String {
    format!("{}/dns/check", service(domain))
}

pub fn dns_keys(domain: &Domain) -> String {
    format!("{}/dns/keys", service(domain))
}

pub fn dns_zone(domain: &Domain) -> String {
    format!("{}/dns/zone.txt", service(domain))
}

pub fn service(domain: &Domain) -> String {
    format!("/services/{}", domain.as_ascii())
}

pub fn service_members(domain: &Domain) -> String {
    format!("{}/members", service(domain))
}

pub fn new_address(domain: &Domain) -> String {
    format!("{}/new-address", service(domain))
}

pub fn new_address_check(domain: &Domain) -> String {
    format!("{}/new-address/check", service(domain))
}

pub fn imports(domain: &Domain) -> String {
    format!("{}/imports", service(domain))
}

pub fn import(domain: &Domain, id: impl std::fmt::Display) -> String {
    format!("{}/{id}", imports(domain))
}

pub fn restore(domain: &Domain, id: impl std::fmt::Display) -> String {
    format!("{}/deleted/{id}/restore", service(domain))
}

/// An address's page (its tabs and actions are sub-paths of it).
pub fn address(domain: &Domain, local: &LocalPart) -> String {
    format!("{}/addresses/{local}", service(domain))
}

pub fn address_of(email: &EmailAddress) -> String {
    address(email.domain(), email.local_part())
}

pub fn tokens(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/tokens")
}

pub fn revoke_token(org: impl std::fmt::Display, id: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/tokens/{id}/revoke")
}

pub fn organisation_history(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/history")
}

pub fn members(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/members")
}

pub fn default_permissions(org: impl std::fmt::Display) -> String {
    format!("/organisations/{org}/default-permissions")
}

/// Accepting an invitation listed in the app for its invitee.
pub fn accept_mine(invitation: impl std::fmt::Display) -> String {
    format!("/my-invitations/{invitation}/accept")
}

pub fn job_retry(job: impl std::fmt::Display) -> String {
    format!("{JOBS}/{job}/retry")
}

/// The path as logs may keep it: the secret of a link that is one (a
/// reset, a sign-up, an invitation, a sharing link, a phone's profile)
/// is left out, as only its recipient may hold it.
pub fn loggable(path: &str) -> String {
    let secret_bearing = [
        "/reset/",
        "/sign-up/",
        "/invitations/",
        "/links/",
        "/profiles/",
    ];
    match secret_bearing.iter().find(|p| path.starts_with(*p)) {
        Some(prefix) => format!("{prefix}…"),
        None => path.to_owned(),
    }
}

/// A configuration profile handed to a phone (no login: the token is it).
pub fn profile(token: &str) -> String {
    format!("/profiles/{token}")
}

/// Where a sign-up is confirmed (the link in the confirmation email).
pub fn confirm_sign_up(token: &str) -> String {
    format!("/sign-up/{token}")
}

/// A forgotten-password link (in the reset email).
pub fn password_reset(token: &str) -> String {
    format!("/reset/{token}")
}

pub fn invitation(token: &str) -> String {
    format!("/invitations/{token}")
}

pub fn sharing_link(token: &str) -> String {
    format!("/links/{token}")
}

/// Switches this browser to `lang`, then back to the page it came from.
pub fn language(lang: crate::model::Lang) -> String {
    format!("{LANGUAGE}/{}", lang.code())
}

/// Where an organisation's default language is saved.
pub fn organisation_language(org: crate::model::OrgId) -> String {
    format!("/organisations/{org}/language")
}

/// Where an organisation's time zone is saved.
pub fn organisation_time_zone(org: crate::model::OrgId) -> String {
    format!("/organisations/{org}/time-zone")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_page_uses_the_ascii_domain() {
        let email = EmailAddress::parse("ann@b\u{fc}ro.example").unwrap();
        let path = address_of(&email);
        assert!(path.starts_with("/services/xn--"), "{path}");
        assert!(path.ends_with(".example/addresses/ann"), "{path}");
    }

    #[test]
    fn logs_never_keep_a_links_secret() {
        for made in [
            password_reset("SECRET"),
            confirm_sign_up("SECRET"),
            invitation("SECRET"),
            sharing_link("SECRET"),
            profile("SECRET"),
            format!("{}/accept", invitation("SECRET")),
        ] {
            assert!(!loggable(&made).contains("SECRET"), "{made}");
        }
        assert_eq!(loggable("/services/acme.example"), "/services/acme.example");
    }
}
