//! Files people hand to other programs: the configuration an administrator
//! pastes into Postfix, Dovecot and OpenDKIM (`wiring.rs`), and the settings
//! files mail programs fetch (`autoconfig.rs`). Printed, never served to the
//! mail server itself (that is `mailserver`).

pub mod autoconfig;
pub mod wiring;
