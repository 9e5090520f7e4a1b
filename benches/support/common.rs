//! A service named bench.example with `count` addresses `user0000000`…,
//! inserted through the store (not the UI), 100,000 per transaction.

use mailroom::app::AppSettings;
use mailroom::model::{Address, AddressKind, AddressState};
use mailroom::model::{Domain, EmailAddress, LocalPart, Password};
use mailroom::{App, Config};

pub const OWNER: &str = "owner@bench.example";
pub const PASSWORD: &str = "benchmark password";

pub fn fill(config: &Config, count: usize) -> anyhow::Result<()> {
    let app = App::open(&config.database_path(), AppSettings::default())?;
    let owner = EmailAddress::parse(OWNER)?;
    app.accounts()
        .setup("Bench", &owner, &Password::new(PASSWORD, None)?, None)?;
    let org = app.organisations().organisation_named(None)?;
    let actor = app.organisations().owner_of(org.id)?;
    let service =
        app.services()
            .add_service_vouched(&actor, org.id, &Domain::parse("bench.example")?)?;
    for start in (0..count).step_by(100_000) {
        app.store_for_tests().write(|tx| {
            for i in start..(start + 100_000).min(count) {
                let local = LocalPart::parse(&format!("user{i:07}"))?;
                tx.insert_address(|id| Address {
                    id,
                    service: service.id,
                    local_part: local,
                    kind: AddressKind::Standard,
                    password_hash: None,
                    created: 0,
                    created_by: None,
                    state: AddressState::Active,
                    aliases: Vec::new(),
                    forwarding: None,
                    display_name: None,
                    home_by_id: true,
                    quota: None,
                })?;
            }
            anyhow::Ok(())
        })?;
    }
    Ok(())
}

/// The release binary under load, killed when dropped.
pub struct Server(pub std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}
