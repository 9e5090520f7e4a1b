//! The doors the mail server knocks on: Postfix's socketmap lookups, Dovecot's
//! password and mailbox lookups, the backup stream, and the files kept current
//! for them (passwd-file, OpenDKIM tables), all read through `Directory`.

mod backup_http;
mod directory;
pub mod dovecot;
pub mod dovecot_http;
mod failed_logins;
mod files;
mod internal;
pub mod lookup;
pub mod mail_auth;
pub mod mail_login;
pub mod netstring;
pub mod opendkim;
mod services;
pub mod sieve_script;
pub mod socketmap;

pub use directory::Directory;
pub use failed_logins::{FIRST_DELAY, FailedLogins, MOST_CLIENTS, MailThrottle, OTHER_CLIENTS};
pub use files::replace_with_mode;
