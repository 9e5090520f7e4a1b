//! One file per page family; each holds its GET and POST handlers.

pub mod address;
pub mod autoconfig;
pub mod create_address;
pub mod dashboard;
pub mod home;
pub mod login;
pub mod services;
pub mod setup;
