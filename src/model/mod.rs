//! Types that cannot hold invalid values, and the pure rules around them.
//! Everything that crosses the edge (forms, CLI, files) is parsed into these
//! before it reaches `app`.

mod address;
pub mod dates;
mod password;
mod permission;
mod role;

pub use address::{AddressError, Domain, EmailAddress, LocalPart};
pub use password::{Password, PasswordError, PasswordHash, PasswordPolicy};
pub use permission::{Permission, Permissions};
pub use role::Role;
