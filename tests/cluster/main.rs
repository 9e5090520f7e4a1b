//! Two Mailroom nodes on one PostgreSQL database.
//!
//! `nodes`: two `App`s, each with its own connections, caches and
//! throttles as a node has, racing the same use cases from two threads.
//! `processes`: two `mailroom serve` processes, as an operator runs them,
//! seen through their HTTP, socketmap and Dovecot listeners.
//!
//! Each test makes a database of its own on the suite's PostgreSQL
//! (`MAILROOM_POSTGRES_URL`, set by scripts/test); without it they fail.

mod failover;
mod http;
mod jobs;
mod limits;
mod nodes;
mod processes;
mod store_copy;
