//! HTTP: turns requests into `app` calls and results into HTML pages, or
//! htmx fragments when the request carries `HX-Request`. Holds no rules.

mod assets;
mod error;
mod forms;
mod htmx;
pub mod layout;
mod pages;
mod router;
mod session;
mod state;
mod viewer;

pub use crate::http::AppState;
pub use router::router;
