//! A mailbox's storage quota, in megabytes: what Dovecot enforces (as the
//! userdb's `quota_rule`) and what the address pages show usage against.

use serde::{Deserialize, Serialize};

/// Between 1 MB and 10 TB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Quota(u64);

const MAX_MB: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    #[error("give a size such as 500 MB or 2 GB")]
    Unreadable,
    #[error("a quota is between 1 MB and 10 TB")]
    OutOfRange,
}

impl TryFrom<u64> for Quota {
    type Error = QuotaError;

    fn try_from(mb: u64) -> Result<Self, QuotaError> {
        Self::megabytes(mb)
    }
}

impl From<Quota> for u64 {
    fn from(quota: Quota) -> u64 {
        quota.0
    }
}

impl Quota {
    pub fn megabytes(mb: u64) -> Result<Self, QuotaError> {
        if (1..=MAX_MB).contains(&mb) {
            Ok(Self(mb))
        } else {
            Err(QuotaError::OutOfRange)
        }
    }

    /// `500`, `500M`, `500 MB`, `2G`, `2 GB`, `1T` (megabytes by default).
    pub fn parse(input: &str) -> Result<Self, QuotaError> {
        Self::megabytes(parse_megabytes(input)?)
    }

    pub fn mb(self) -> u64 {
        self.0
    }

    pub fn kib(self) -> u64 {
        self.0 * 1024
    }

    /// Dovecot's `quota_rule` value.
    pub fn rule(self) -> String {
        format!("*:storage={}M", self.0)
    }
}

impl std::fmt::Display for Quota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&size_text(self.0))
    }
}

/// A size as people write it, in megabytes: `500`, `500M`, `500 MB`, `2G`,
/// `2 GB`, `1T` (megabytes by default); not bounded but by overflow.
pub fn parse_megabytes(input: &str) -> Result<u64, QuotaError> {
    if input.chars().any(char::is_control) {
        return Err(QuotaError::Unreadable);
    }
    let text = input.trim().to_ascii_lowercase();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: u64 = number.parse().map_err(|_| QuotaError::Unreadable)?;
    let factor = match unit.trim() {
        "" | "m" | "mb" | "mib" | "mo" => 1,
        "g" | "gb" | "gib" | "go" => 1024,
        "t" | "tb" | "tib" | "to" => 1024 * 1024,
        _ => return Err(QuotaError::Unreadable),
    };
    number.checked_mul(factor).ok_or(QuotaError::OutOfRange)
}

/// Megabytes in the largest unit that divides them: `2 GB`, `1 TB`, `500 MB`.
pub fn size_text(mb: u64) -> String {
    if mb > 0 && mb.is_multiple_of(1024 * 1024) {
        format!("{} TB", mb / (1024 * 1024))
    } else if mb > 0 && mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{mb} MB")
    }
}

/// What the mail server reports of a mailbox: kibibytes used of its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used_kib: u64,
    /// `None`: no limit applies.
    pub limit_kib: Option<u64>,
}

impl Usage {
    /// Percent of the limit used, capped at 100.
    pub fn percent(self) -> Option<u64> {
        self.limit_kib
            .filter(|l| *l > 0)
            .map(|limit| (self.used_kib.saturating_mul(100) / limit).min(100))
    }

    pub fn near_full(self) -> bool {
        self.percent().is_some_and(|p| p >= 90)
    }

    pub fn full(self) -> bool {
        self.limit_kib.is_some_and(|l| self.used_kib >= l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(Quota::parse("500").unwrap().mb(), 500);
        assert_eq!(Quota::parse(" 2 GB ").unwrap().mb(), 2048);
        assert_eq!(Quota::parse("1t").unwrap().mb(), 1024 * 1024);
        assert_eq!(Quota::parse("0"), Err(QuotaError::OutOfRange));
        assert_eq!(Quota::parse("11T"), Err(QuotaError::OutOfRange));
        assert_eq!(
            Quota::parse("99999999999999999999G"),
            Err(QuotaError::Unreadable)
        );
        for bad in ["", "MB", "5 apples", "-1", "1.5G", "5\n"] {
            assert!(Quota::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Quota::parse("2048").unwrap().to_string(), "2 GB");
        assert_eq!(Quota::parse("1").unwrap().rule(), "*:storage=1M");
        assert!(serde_json::from_str::<Quota>("0").is_err());
        assert_eq!(parse_megabytes("20T").unwrap(), 20 * 1024 * 1024);
        assert_eq!(parse_megabytes("0").unwrap(), 0);
        assert_eq!(parse_megabytes("2 Go").unwrap(), 2048);
        assert_eq!(size_text(0), "0 MB");
        assert_eq!(size_text(3 * 1024), "3 GB");
    }

    #[test]
    fn usage_is_marked_near_and_over_the_limit() {
        let usage = |used| Usage {
            used_kib: used,
            limit_kib: Some(1024),
        };
        assert_eq!(usage(512).percent(), Some(50));
        assert!(!usage(900).near_full() && usage(930).near_full());
        assert!(usage(1024).full() && usage(2048).percent() == Some(100));
        assert_eq!(
            Usage {
                used_kib: 5,
                limit_kib: None
            }
            .percent(),
            None
        );
    }
}
