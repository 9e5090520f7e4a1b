//! A page of the address list, and where the next one starts.

use super::Address;

/// Where a page of the address list starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    /// The page after this local part.
    After(String),
    /// The page before this local part.
    Before(String),
}

/// One page of addresses sorted by local part, with what is needed to link
/// to its neighbours.
#[derive(Debug, Clone)]
pub struct AddressPage {
    pub items: Vec<Address>,
    pub has_previous: bool,
    pub has_next: bool,
}
