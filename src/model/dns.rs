//! What a domain's DNS says, as the last check found it: each record the
//! domain needs, what it should hold, and its state.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Present and right.
    Ok,
    /// Required and absent.
    Missing,
    /// Present but not what it should be (`found` says what is there).
    Wrong,
    /// Optional and absent.
    Optional,
}

impl RecordState {
    /// The word `mailroom dns check` prints.
    pub fn word(self) -> &'static str {
        match self {
            RecordState::Ok => "ok",
            RecordState::Missing => "missing",
            RecordState::Wrong => "wrong",
            RecordState::Optional => "optional",
        }
    }

    /// The sign the DNS tab shows.
    pub fn sign(self) -> &'static str {
        match self {
            RecordState::Ok => "\u{2713}",
            RecordState::Missing => "\u{2717}",
            RecordState::Wrong => "\u{2260}",
            RecordState::Optional => "\u{2013}",
        }
    }
}

/// One record and what the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCheck {
    /// What it is for: `MX`, `SPF`, `DKIM mr2026e`, `DMARC`…
    pub purpose: String,
    /// The owner name, fully qualified with its final dot.
    pub name: String,
    /// `MX`, `TXT`, `SRV`, `CNAME`.
    pub rtype: String,
    /// The value to publish, as a zone file writes it.
    pub expected: String,
    pub required: bool,
    pub state: RecordState,
    /// What is there now, when it is not right.
    #[serde(default)]
    pub found: Vec<String>,
    /// Why it is wrong, in words.
    #[serde(default)]
    pub note: Option<String>,
}

impl RecordCheck {
    pub fn needs_work(&self) -> bool {
        self.required && self.state != RecordState::Ok
    }

    /// The record as a zone file line.
    pub fn zone_line(&self) -> String {
        format!("{} 3600 IN {} {}", self.name, self.rtype, self.expected)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsReport {
    pub checked_at: i64,
    pub records: Vec<RecordCheck>,
    /// Set when the resolver itself failed (nothing could be checked).
    #[serde(default)]
    pub error: Option<String>,
}

impl DnsReport {
    /// Required records not right (a failed check counts as one).
    pub fn problems(&self) -> usize {
        self.records.iter().filter(|r| r.needs_work()).count() + usize::from(self.error.is_some())
    }
}
