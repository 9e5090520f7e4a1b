//! What mail servers and mail programs ask of Mailroom.

pub mod autoconfig;
