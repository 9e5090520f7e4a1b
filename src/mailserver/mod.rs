//! What mail servers and mail programs ask of Mailroom: Postfix's socketmap
//! lookups, Dovecot's password lookups, and mail-program settings files.

pub mod autoconfig;
pub mod dovecot;
pub mod lookup;
pub mod netstring;
pub mod socketmap;
pub mod wiring;
