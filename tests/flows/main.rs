//! Flows through the real router on a real redb file in a temp folder.

mod helpers;
#[path = "../support/two_factor_codes.rs"]
mod two_factor_codes;

mod imports;
mod languages;

mod address_list;
mod address_page;
mod auto_reply;
mod create_address;
mod defaults;
mod devices;
mod dns;
mod ending_sessions;
mod escalation;
mod login;
mod mail_clients;
mod mail_logins;
mod member_removal;
mod operator_console;
mod organisation_deletion;
mod organisation_history;
mod organisation_limits;
mod organisations;
mod owner_invitation;
mod quota;
mod restart;
mod services;
mod setup;
mod sharing;
mod sign_up;
mod stale_rights;
mod tenancy;
mod tokens;
