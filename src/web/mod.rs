//! HTTP: turns requests into `app` calls and results into HTML pages, or
//! htmx fragments when the request carries `HX-Request`. Holds no rules.

mod assets;
pub mod client_ip;
mod error;
mod forms;
mod htmx;
pub mod layout;
pub mod names;
mod pages;
mod profile_links;
mod router;
mod session;
mod state;
mod viewer;

pub use router::router;
pub use state::AppState;
