//! The JSON API through the real router on a real redb file: the stories
//! of the web flows, the authorization matrix, idempotency across a
//! restart, rate limits; every answer checked against the OpenAPI document.

mod auto_reply;
mod contract;
mod dns;
mod generated_client;
mod helpers;

mod matrix;
mod operator;
#[path = "../support/refusing_resolver.rs"]
mod refusing_resolver;
mod requests;
mod stories;
mod suspension;
#[path = "../support/test_store.rs"]
mod test_store;
