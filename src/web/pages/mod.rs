//! One file per page family; each holds its GET and POST handlers.

pub mod accept;
pub mod account;
pub mod address;
pub mod admin;
pub mod autoconfig;
mod common;
pub mod create_address;
pub mod dashboard;
pub mod dns;
pub mod home;
pub mod imports;
pub mod join;
pub mod language;
pub mod login;
pub mod members;
pub mod operator;
pub mod org_history;
pub mod quota;
pub mod reset;
pub mod services;
pub mod setup;
pub mod tokens;
pub mod two_factor;
