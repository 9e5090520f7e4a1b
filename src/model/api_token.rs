//! API tokens: an organisation's keys for automation, and the operators'
//! keys for a provider's own systems. An organisation's token acts with the
//! rights of the owner or admin who made it, narrowed to its scope, and only
//! in its organisation; an operator's token (no organisation, scope
//! `operator`) acts on the operator's API only, while the operator who made
//! it still is one. Like device passwords, the secret is generated, shown
//! once, carries the token's id, and is stored as a keyed hash.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::credential::hex32;
use super::{OrgId, TokenId, UserId};

/// What a token may do; each scope includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read services, addresses, members, imports, jobs and the outbox.
    Read,
    /// Also manage addresses: create, delete, restore, their users,
    /// aliases, forwarding, passwords, invitations, links and imports.
    Addresses,
    /// Everything an admin may do.
    Admin,
    /// An operator's: create, suspend, resume, delete organisations, set
    /// their limits, read their usage; nothing inside an organisation.
    Operator,
}

impl Scope {
    /// The scopes of an organisation's tokens (the only ones `parse` reads:
    /// an operator's token is made by its own use case).
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Addresses, Scope::Admin];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Addresses => "addresses",
            Scope::Admin => "admin",
            Scope::Operator => "operator",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name.trim())
    }

    /// Whether a token of this scope may do what needs `need`: an
    /// organisation's scopes include the ones before them; the operator's
    /// includes none of them, nor they it.
    pub fn allows(self, need: Scope) -> bool {
        if self == Scope::Operator || need == Scope::Operator {
            return self == need;
        }
        self >= need
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: TokenId,
    /// `None` for an operator's token, and only for one.
    pub org: Option<OrgId>,
    pub name: String,
    pub scope: Scope,
    #[serde(with = "hex32")]
    pub secret_hash: [u8; 32],
    pub created: i64,
    pub created_by: UserId,
    pub expires: Option<i64>,
    /// Client networks the token is accepted from; empty: any.
    #[serde(default)]
    pub allow_from: Vec<ipnet::IpNet>,
    #[serde(default)]
    pub last_use: Option<i64>,
    #[serde(default)]
    pub last_ip: Option<String>,
    #[serde(default)]
    pub revoked: Option<i64>,
}

impl ApiToken {
    pub fn usable(&self, now: i64) -> bool {
        self.revoked.is_none() && self.expires.is_none_or(|at| now < at)
    }

    pub fn allows_ip(&self, ip: Option<std::net::IpAddr>) -> bool {
        self.allow_from.is_empty()
            || ip.is_some_and(|ip| self.allow_from.iter().any(|net| net.contains(&ip)))
    }
}

/// A token as sent: `mrt_<id>_<32 random letters and digits>`.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret {
    id: TokenId,
    random: String,
}

const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// 32 characters of almost 6 bits: 190 bits.
const RANDOM_CHARS: usize = 32;
const PREFIX: &str = "mrt_";

impl TokenSecret {
    pub fn generate(id: TokenId) -> Self {
        let mut rng = rand::rng();
        let random = (0..RANDOM_CHARS)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Self { id, random }
    }

    /// Anything but the exact form is not a token.
    pub fn parse(input: &str) -> Option<Self> {
        let rest = input.strip_prefix(PREFIX)?;
        let (id, random) = rest.split_once('_')?;
        // An empty id is refused by its parse below.
        if id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if random.len() != RANDOM_CHARS || !random.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(Self {
            id: TokenId(id.parse().ok()?),
            random: random.to_owned(),
        })
    }

    pub fn id(&self) -> TokenId {
        self.id
    }

    /// What is sent and hashed.
    pub fn expose(&self) -> String {
        format!("{PREFIX}{}_{}", self.id, self.random)
    }
}

impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenSecret({PREFIX}{}_…)", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_only_in_its_exact_form() {
        let secret = TokenSecret::generate(TokenId(42));
        let text = secret.expose();
        assert_eq!(TokenSecret::parse(&text), Some(secret.clone()));
        assert!(format!("{secret:?}").ends_with("_…)"));
        for bad in [
            "",
            "mrt_",
            "mrt_42",
            &text[..text.len() - 1],
            &format!("{text}x"),
            &text.replace("mrt_", "MRT_"),
            &format!(" {text}"),
            &text.replacen('_', "_\n", 2),
            "mrt_99999999999999999999_abcdefghijabcdefghijabcdefghijab",
            "mrt_4\u{0}2_abcdefghijabcdefghijabcdefghijab",
            // What Rust's number parsing would take: a sign.
            &text.replacen("mrt_42", "mrt_+42", 1),
            &text.replacen("mrt_42", "mrt__", 1),
        ] {
            assert_eq!(TokenSecret::parse(bad), None, "{bad:?}");
        }
        // Ids up to 19 digits read back.
        let long = TokenSecret::generate(TokenId(1_000_000_000_000_000_000));
        assert_eq!(TokenSecret::parse(&long.expose()), Some(long));
    }

    #[test]
    fn scopes_include_the_ones_before() {
        assert!(Scope::Admin.allows(Scope::Addresses));
        assert!(Scope::Addresses.allows(Scope::Read));
        assert!(!Scope::Read.allows(Scope::Addresses));
        assert!(!Scope::Addresses.allows(Scope::Admin));
        assert_eq!(Scope::parse("addresses"), Some(Scope::Addresses));
        assert_eq!(Scope::parse("root"), None);
        assert_eq!(Scope::parse("operator"), None);
        for scope in Scope::ALL {
            assert!(!Scope::Operator.allows(scope), "{scope:?}");
            assert!(!scope.allows(Scope::Operator), "{scope:?}");
        }
        assert!(Scope::Operator.allows(Scope::Operator));
    }

    #[test]
    fn tokens_stored_before_operators_read_back_as_an_organisations() {
        let stored = r#"{"id":3,"org":7,"name":"hr","scope":"admin","secret_hash":"0000000000000000000000000000000000000000000000000000000000000000","created":1,"created_by":2,"expires":null}"#;
        let token: ApiToken = serde_json::from_str(stored).unwrap();
        assert_eq!(token.org, Some(OrgId(7)));
        assert_eq!(token.scope, Scope::Admin);
    }

    #[test]
    fn networks_limit_where_a_token_is_used_from() {
        let token = ApiToken {
            id: TokenId(1),
            org: Some(OrgId(1)),
            name: "hr".into(),
            scope: Scope::Read,
            secret_hash: [0; 32],
            created: 0,
            created_by: UserId(1),
            expires: Some(100),
            allow_from: vec!["10.0.0.0/8".parse().unwrap()],
            last_use: None,
            last_ip: None,
            revoked: None,
        };
        assert!(token.allows_ip(Some("10.1.2.3".parse().unwrap())));
        assert!(!token.allows_ip(Some("127.0.0.1".parse().unwrap())));
        assert!(!token.allows_ip(None));
        assert!(token.usable(99));
        assert!(!token.usable(100));
    }
}
