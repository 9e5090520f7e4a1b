//! A service named bench.example with `count` addresses `user0000000`…,
//! inserted through the store (not the UI), 1,000 per transaction.

use mailroom::app::AppSettings;
use mailroom::model::{Address, AddressId, AddressKind, AddressState, ServiceId};
use mailroom::model::{Domain, EmailAddress, LocalPart, Password};
use mailroom::{App, Config};

pub const OWNER: &str = "owner@bench.example";
const BATCH: usize = 1_000;
pub const PASSWORD: &str = "benchmark password";

pub fn fill(config: &Config, count: usize) -> anyhow::Result<()> {
    let app = App::open_at(&config.store_at(), AppSettings::default())?;
    let owner = EmailAddress::parse(OWNER)?;
    app.accounts()
        .setup("Bench", &owner, &Password::new(PASSWORD, None)?, None)?;
    let org = app.organisations().organisation_named(None)?;
    let actor = app.organisations().owner_of(org.id)?;
    let service =
        app.services()
            .add_service_vouched(&actor, org.id, &Domain::parse("bench.example")?)?;
    // A thousand a transaction: each address counts itself on its service's
    // row, and PostgreSQL keeps every version of a row a transaction
    // changed until it ends (a long chain makes each count slower).
    for start in (0..count).step_by(BATCH) {
        app.store_for_tests().write(|tx| {
            for i in start..(start + BATCH).min(count) {
                let local = LocalPart::parse(&format!("user{i:07}"))?;
                tx.insert_address(|id| address(id, service.id, local))?;
            }
            anyhow::Ok(())
        })?;
    }
    Ok(())
}

/// A plain active address, as the benches fill them.
pub fn address(id: AddressId, service: ServiceId, local_part: LocalPart) -> Address {
    Address {
        id,
        service,
        local_part,
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
        auto_reply: None,
    }
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

/// Where a bench keeps its records, measured in the same run: the redb
/// file, and a fresh database on the PostgreSQL `MAILROOM_POSTGRES_URL`
/// names (scripts/bench starts a throwaway one).
#[derive(Clone)]
pub struct On {
    pub name: &'static str,
    /// The database's URL; `None`: the redb file.
    pub url: Option<String>,
}

impl On {
    /// The redb file, and PostgreSQL when there is one.
    pub fn each() -> Vec<On> {
        let mut all = vec![On {
            name: "redb",
            url: None,
        }];
        if std::env::var("MAILROOM_POSTGRES_URL").is_ok_and(|url| !url.is_empty()) {
            all.push(On {
                name: "PostgreSQL",
                url: Some(mailroom::store::pg::test_database()),
            });
        }
        all
    }

    /// Settings for data in `dir` on this store.
    pub fn config(&self, dir: &std::path::Path) -> Config {
        let mut config = Config::new(dir.to_path_buf());
        config.store = self.url.clone().map(mailroom::app::StoreAt::Postgres);
        config
    }

    /// `mailroom` on this store, its data folder `dir`.
    pub fn mailroom(&self, dir: &std::path::Path) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mailroom"));
        command
            .env("MAILROOM_DATA_DIR", dir)
            .env("MAILROOM_LOG", "warn");
        if let Some(url) = &self.url {
            command.env("MAILROOM_STORE", url);
        }
        command
    }
}

/// A rate and its 99th percentile.
#[derive(Clone, Copy)]
pub struct Figure {
    pub rate: f64,
    pub p99: std::time::Duration,
}

/// Each figure beside the first's (redb's, in the stores' comparisons):
/// their ratio.
pub fn compare(what: &str, figures: &[(&str, Figure)]) {
    let Some((base_name, base)) = figures.first() else {
        return;
    };
    for (name, figure) in &figures[1..] {
        println!(
            "{what}: {name} / {base_name} = {:.2} of the rate, p99 {:.2?} against {:.2?}",
            figure.rate / base.rate,
            figure.p99,
            base.p99
        );
    }
}
