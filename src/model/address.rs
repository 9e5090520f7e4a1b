//! Address rules: RFC 5321 dot-atom local parts, IDNA domains.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("enter the part before the @")]
    EmptyLocalPart,
    #[error("the part before the @ is at most 64 characters long")]
    LocalPartTooLong,
    #[error("the part before the @ cannot start or end with a dot, or hold two dots in a row")]
    MisplacedDot,
    #[error("the part before the @ cannot contain {}", shown(*.0))]
    InvalidCharacter(char),
    #[error("for a mailbox, use only letters a\u{2013}z, digits, dots, hyphens and underscores")]
    NotMailboxSafe(char),
    #[error("enter a domain name, such as example.org")]
    EmptyDomain,
    #[error("\u{201c}{0}\u{201d} is not a valid domain name")]
    InvalidDomain(String),
    #[error("a domain needs at least two labels, such as example.org")]
    SingleLabelDomain,
    #[error("enter an email address such as name@example.org")]
    MissingAt,
}

/// A refused character as a log shows it: control characters by their
/// code point, as they would be invisible or break the line (people read
/// it in their language through `i18n`).
fn shown(c: char) -> String {
    if c.is_control() {
        format!("the control character U+{:04X}", u32::from(c))
    } else {
        format!("\u{201c}{c}\u{201d}")
    }
}

/// Characters RFC 5322 allows in an atom, besides letters and digits.
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

/// The part before the `@`: an RFC 5321 dot-atom of at most 64 octets,
/// stored lowercase because addresses are unique case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalPart(String);

/// Names mail is expected to reach for a domain's operation (RFC 2142) and
/// that certificate authorities mail to prove control of it (CA/Browser
/// Forum): only owners and admins may give them out.
const RESERVED: [&str; 20] = [
    "abuse",
    "admin",
    "administrator",
    "ftp",
    "hostmaster",
    "info",
    "marketing",
    "news",
    "noc",
    "postmaster",
    "root",
    "sales",
    "security",
    "ssl-admin",
    "support",
    "usenet",
    "uucp",
    "webmaster",
    "www",
    "mailer-daemon",
];

impl LocalPart {
    /// Whether only owners and admins may take this name.
    pub fn is_reserved(&self) -> bool {
        RESERVED.contains(&self.as_str())
    }

    pub fn parse(input: &str) -> Result<Self, AddressError> {
        // Spaces around a typed name are dropped; a control character is
        // refused wherever it is (a line break must not vanish unseen).
        if let Some(c) = input.chars().find(|c| c.is_control()) {
            return Err(AddressError::InvalidCharacter(c));
        }
        let value = input.trim().to_ascii_lowercase();
        if value.is_empty() {
            return Err(AddressError::EmptyLocalPart);
        }
        if let Some(c) = value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || ATEXT_SPECIALS.contains(*c)))
        {
            return Err(AddressError::InvalidCharacter(c));
        }
        if value.len() > 64 {
            return Err(AddressError::LocalPartTooLong);
        }
        if value.starts_with('.') || value.ends_with('.') || value.contains("..") {
            return Err(AddressError::MisplacedDot);
        }
        Ok(Self(value))
    }

    /// A local part for a mailbox we host. Stricter than RFC 5321: the name
    /// becomes a folder on the mail server and a Dovecot login, whose default
    /// `auth_username_chars` allows only these characters; `+` is kept free
    /// as the subaddress delimiter.
    pub fn parse_mailbox(input: &str) -> Result<Self, AddressError> {
        let local = Self::parse(input)?;
        if let Some(c) = local
            .0
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(*c)))
        {
            return Err(AddressError::NotMailboxSafe(c));
        }
        Ok(local)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LocalPart {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LocalPart> for String {
    fn from(value: LocalPart) -> Self {
        value.0
    }
}

impl fmt::Display for LocalPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Letters, digits and hyphens in labels with no `--` in their third and
/// fourth places (where `xn--` marks an A-label, which idna must check):
/// such a name is its own UTS #46 ASCII form, lowercased.
fn plain_ascii(name: &str) -> bool {
    name.split('.').all(|label| {
        label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && label.get(2..4) != Some("--")
    })
}

/// A domain name, held as its lowercase ASCII (punycode A-label) form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Domain(String);

impl Domain {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        if input.chars().any(char::is_control) {
            return Err(AddressError::InvalidDomain(
                input.escape_default().to_string(),
            ));
        }
        let trimmed = input.trim().trim_end_matches('.');
        if trimmed.is_empty() {
            return Err(AddressError::EmptyDomain);
        }
        let invalid = || AddressError::InvalidDomain(input.trim().to_owned());
        // A plain ASCII name (what the store holds, and nearly every name
        // typed) maps to itself under UTS #46: idna is for the others.
        let ascii = if plain_ascii(trimmed) {
            trimmed.to_ascii_lowercase()
        } else {
            idna::domain_to_ascii_strict(trimmed).map_err(|_| invalid())?
        };
        if ascii.len() > 253 {
            return Err(invalid());
        }
        let labels: Vec<&str> = ascii.split('.').collect();
        for label in &labels {
            let ldh = label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if label.is_empty()
                || label.len() > 63
                || !ldh
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return Err(invalid());
            }
        }
        if labels.len() < 2 {
            return Err(AddressError::SingleLabelDomain);
        }
        // A numeric top-level label would make this an IP address, not a name.
        if labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(invalid());
        }
        Ok(Self(ascii))
    }

    /// The stored form: lowercase ASCII, punycode for international names.
    pub fn as_ascii(&self) -> &str {
        &self.0
    }

    /// The form people read: international labels in Unicode.
    pub fn to_unicode(&self) -> String {
        if !self.has_a_label() {
            return self.0.clone();
        }
        let (unicode, result) = idna::domain_to_unicode(&self.0);
        match result {
            Ok(()) => unicode,
            Err(_) => self.0.clone(),
        }
    }
}

impl Domain {
    /// Whether a label is an A-label (`xn--`, stored lowercase): only then
    /// does the name read otherwise in Unicode, and idna has work to do.
    fn has_a_label(&self) -> bool {
        self.0.split('.').any(|label| label.starts_with("xn--"))
    }
}

impl TryFrom<String> for Domain {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Domain> for String {
    fn from(value: Domain) -> Self {
        value.0
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.has_a_label() {
            return f.write_str(&self.0);
        }
        f.write_str(&self.to_unicode())
    }
}

/// `local@domain`, both parts parsed; lowercase, domain in ASCII form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress {
    local: LocalPart,
    domain: Domain,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        if let Some(c) = input.chars().find(|c| c.is_control()) {
            return Err(AddressError::InvalidCharacter(c));
        }
        let input = input.trim();
        let (local, domain) = input.rsplit_once('@').ok_or(AddressError::MissingAt)?;
        Ok(Self {
            local: LocalPart::parse(local)?,
            domain: Domain::parse(domain)?,
        })
    }

    pub fn new(local: LocalPart, domain: Domain) -> Self {
        Self { local, domain }
    }

    pub fn local_part(&self) -> &LocalPart {
        &self.local
    }

    pub fn domain(&self) -> &Domain {
        &self.domain
    }

    /// The form used as a key and on the wire: `local@ascii-domain`.
    pub fn to_ascii(&self) -> String {
        format!("{}@{}", self.local, self.domain.as_ascii())
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.to_ascii()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
