//! Settings shared by the server and the commands. Flags win over
//! `MAILROOM_*` environment variables, which win over the defaults (clap
//! reads both in `main.rs`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::app::AppSettings;

pub const DATABASE_FILE: &str = "mailroom.redb";

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// Mark cookies `Secure`: set when a TLS proxy stands in front.
    pub secure_cookies: bool,
    pub session_idle: Duration,
}

impl Config {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir,
            secure_cookies: false,
            session_idle: AppSettings::default().session_idle,
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn app_settings(&self) -> AppSettings {
        AppSettings {
            session_idle: self.session_idle,
        }
    }
}
