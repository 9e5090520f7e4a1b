//! The JSON API through the real router on a real redb file: the stories
//! of the web flows, the authorization matrix, idempotency across a
//! restart, rate limits; every answer checked against the OpenAPI document.

mod contract;
mod generated_client;
mod helpers;

mod matrix;
mod requests;
mod stories;
