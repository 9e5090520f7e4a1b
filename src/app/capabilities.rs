//! What the product can do, grouped by capability: `app.addresses()`,
//! `app.sharing()`, `app.accounts()`… each a borrowed view of the one `App`
//! whose methods are that capability's use cases, so that a reader finds
//! what a part of the product does in one place. The use cases themselves
//! live beside their rules, one file each (`addresses.rs`, `links.rs`…),
//! in an `impl` of their capability's handle; a handle holds nothing but
//! the `App` it was asked of, and costs nothing to make.

use super::App;

macro_rules! capabilities {
    ($($(#[$doc:meta])* $handle:ident => $accessor:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy)]
            pub struct $handle<'a> {
                pub(super) app: &'a App,
            }
        )*

        impl App {
            $(
                $(#[$doc])*
                pub fn $accessor(&self) -> $handle<'_> {
                    $handle { app: self }
                }
            )*
        }
    };
}

capabilities! {
    /// People's own accounts: the first setup, logging in and out, sessions,
    /// two-factor sign-in, forgotten passwords, sign-up by invitation, one's
    /// login password and language.
    Accounts => accounts;
    /// Organisations and their members: roles, default permissions and
    /// language.
    Organisations => organisations;
    /// Services (domains): adding and verifying them, their DNS checks and
    /// DKIM keys, their default quota.
    Services => services;
    /// Addresses: creating (for whom), listing, their settings (password,
    /// aliases, forwarding, quota), history, deletion and restoring.
    Addresses => addresses;
    /// Who uses an address: members shared with, invitations by email,
    /// sharing links, and accepting them.
    Sharing => sharing;
    /// Device passwords of an address's users, and what the mail server
    /// reports of their use.
    Devices => devices;
    /// API tokens, and the answers kept for `Idempotency-Key`.
    Tokens => tokens;
    /// Creating many addresses from a CSV file: preview, upload, batches,
    /// results.
    Imports => imports;
    /// The installation's operators: organisations, their suspension.
    Operators => operators;
    /// Running the install: jobs and the outbox, backups, figures for the
    /// metrics, the purges of what has expired.
    Operations => operations;
}
