//! Mailroom: run the email addresses of your own domains from one binary.
//!
//! Layers, each calling only the one below: `web` (HTTP, HTML) and `api`
//! (JSON for bearer tokens) → `app` (use cases, the only writer) → `store`
//! (redb). `model` holds the types that cannot hold invalid values, shared
//! by all. `http` holds what the web pages and the API share; `server`
//! joins them into the public router.

// First, so that its `t!` and `tl!` macros are in scope everywhere.
#[macro_use]
pub mod i18n;

pub mod api;
pub mod app;
pub mod bulk;
pub mod config;
pub mod dns;
pub mod doveadm;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod mailserver;
pub mod memory;
pub mod metrics;
pub mod model;
pub mod server;
pub mod setup_files;
pub mod store;
pub mod text;
pub mod throttle;
pub mod urls;
pub mod web;

pub use app::App;
pub use config::Config;
