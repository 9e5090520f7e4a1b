//! What mail servers and mail programs ask of Mailroom: Postfix's socketmap
//! lookups, Dovecot's password lookups, and mail-program settings files.

pub mod autoconfig;
mod backup_http;
mod directory;
pub mod doveadm;
pub mod dovecot;
pub mod dovecot_http;
mod files;
pub mod lookup;
pub mod mail_auth;
pub mod mail_login;
pub mod netstring;
pub mod opendkim;
mod services;
pub mod socketmap;
pub mod wiring;

pub use directory::Directory;
pub use files::replace_with_mode;
