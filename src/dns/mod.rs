//! A domain's DNS, checked live: every record the domain needs (MX, SPF by
//! what it allows, DKIM per selector, DMARC, mail-client discovery, MTA-STS
//! and TLS-RPT as optional), against what a real resolver finds. Used by
//! the DNS tab, the periodic check and `mailroom dns check`; the results
//! are kept by `app`.

mod check;
mod expected;
mod lookup;
mod spf;

pub use check::check;
pub use expected::{DkimRecord, Expectations, needed, quoted, zone_lines};
pub use lookup::{Dns, DnsError};
