//! The command line's groups of subcommands, and what they share: opening
//! the database and reading a password from standard input.

pub mod addresses;
pub mod mailserver;
pub mod serve;
pub mod sharing;

use std::io::Read;

use anyhow::Context;
use mailroom::{App, Config};

pub fn open(config: &Config) -> anyhow::Result<App> {
    Ok(App::open(&config.database_path(), config.app_settings())?)
}

pub fn read_stdin_password() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("reading the password from standard input")?;
    Ok(input.trim_end_matches(['\r', '\n']).to_owned())
}
