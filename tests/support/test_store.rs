//! Where a test's store is: a redb file in its folder, or a fresh database
//! on the suite's PostgreSQL when `MAILROOM_TEST_STORE=postgres`
//! (scripts/test runs the flow, security and API suites on both).

use mailroom::Config;
use mailroom::app::StoreAt;

pub fn new_store(dir: &std::path::Path) -> StoreAt {
    match std::env::var("MAILROOM_TEST_STORE").as_deref() {
        Ok("postgres") => StoreAt::Postgres(mailroom::store::pg::test_database()),
        Ok("redb") | Err(_) => StoreAt::File(Config::new(dir.to_path_buf()).database_path()),
        Ok(other) => panic!("MAILROOM_TEST_STORE is redb or postgres, not {other}"),
    }
}
