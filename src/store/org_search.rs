//! The organisations' search index: each suffix of an organisation's name
//! and of its domains, lowercased and cut to `FRAGMENT` bytes, with the
//! organisation and where the text comes from (its name, or the domain's
//! service, so that removing one domain keeps what another still needs).
//! "Contains" is then a range scan over the fragments that start with what
//! is searched, whatever the number of organisations.

use std::collections::BTreeSet;

use super::schema::ORG_SEARCH;
use super::{OrgParts, Query, Result, Writer};
use crate::model::{Domain, OrgId, Service, ServiceId};

/// Longer searches are checked against the names and domains found.
pub const FRAGMENT: usize = 24;

/// What a name is searched in: lowercased, as searches are.
pub fn name_text(name: &str) -> String {
    name.to_lowercase()
}

/// What a domain is searched in: its ASCII form, and the form people
/// write when that differs.
pub fn domain_texts(domain: &Domain) -> Vec<String> {
    let ascii = domain.as_ascii().to_owned();
    let unicode = domain.to_unicode().to_lowercase();
    if unicode == ascii {
        vec![ascii]
    } else {
        vec![ascii, unicode]
    }
}

/// Each suffix of `text`, cut to `FRAGMENT` bytes.
pub fn fragments(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices().map(|(at, _)| cut(&text[at..]))
}

fn cut(text: &str) -> &str {
    let mut end = text.len().min(FRAGMENT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

pub trait OrgSearchQueries: Query {
    /// The organisations whose name or one of whose domains contains
    /// `text` (lowercase, not empty).
    fn organisations_containing(&self, text: &str) -> Result<BTreeSet<OrgId>> {
        let prefix = cut(text);
        let mut found = BTreeSet::new();
        for entry in self.table(ORG_SEARCH)?.range((prefix, 0u64, 0u64)..)? {
            let (key, _) = entry?;
            let (fragment, org, _) = key.value();
            if !fragment.starts_with(prefix) {
                break;
            }
            found.insert(OrgId(org));
        }
        if prefix.len() == text.len() {
            return Ok(found);
        }
        // Found by their first FRAGMENT bytes: the whole text decides.
        let parts = OrgParts::open(self)?;
        let mut matching = BTreeSet::new();
        for org in found {
            let Some(organisation) = super::orgs::OrgQueries::organisation(self, org)? else {
                continue;
            };
            let named = name_text(&organisation.name).contains(text);
            let mut domains = parts.services_of(org)?.into_iter();
            if named || domains.any(|s| domain_texts(&s.domain).iter().any(|d| d.contains(text))) {
                matching.insert(org);
            }
        }
        Ok(matching)
    }
}

impl<Q: Query> OrgSearchQueries for Q {}

/// Where a text of an organisation comes from: its name, or a service's
/// domain (by the service's id, never 0).
#[derive(Debug, Clone, Copy)]
pub enum Source {
    Name,
    Domain(ServiceId),
}

impl Source {
    pub fn key(self) -> u64 {
        match self {
            Source::Name => 0,
            Source::Domain(service) => service.0,
        }
    }
}

impl Writer {
    /// The organisation is found by its name (and any part of it).
    pub(super) fn index_name_for_search(&mut self, org: OrgId, name: &str) -> Result<()> {
        self.index_for_search(org, Source::Name, &[name_text(name)], true)
    }

    pub(super) fn unindex_name_for_search(&mut self, org: OrgId, name: &str) -> Result<()> {
        self.index_for_search(org, Source::Name, &[name_text(name)], false)
    }

    /// The organisation is found by the service's domain (and any part
    /// of it).
    pub(super) fn index_domain_for_search(&mut self, service: &Service) -> Result<()> {
        let texts = domain_texts(&service.domain);
        self.index_for_search(service.org, Source::Domain(service.id), &texts, true)
    }

    pub(super) fn unindex_domain_for_search(&mut self, service: &Service) -> Result<()> {
        let texts = domain_texts(&service.domain);
        self.index_for_search(service.org, Source::Domain(service.id), &texts, false)
    }

    /// Writes (or removes) the texts' fragments, each keyed by where it
    /// comes from: no read first, so neither costs a round trip nor makes
    /// two transactions on other organisations conflict.
    fn index_for_search(
        &mut self,
        org: OrgId,
        source: Source,
        texts: &[String],
        add: bool,
    ) -> Result<()> {
        let mut index = self.table(ORG_SEARCH)?;
        let mut done = std::collections::HashSet::new();
        for fragment in texts.iter().flat_map(|t| fragments(t)) {
            if !done.insert(fragment) {
                continue;
            }
            let key = (fragment, org.0, source.key());
            if add {
                index.put(key, ())?;
            } else {
                index.delete(key)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suffix_is_a_fragment_cut_at_a_character() {
        assert_eq!(
            fragments("acme").collect::<Vec<_>>(),
            ["acme", "cme", "me", "e"]
        );
        let long = "é".repeat(20);
        let cut: Vec<&str> = fragments(&long).collect();
        assert_eq!(cut.len(), 20);
        assert!(
            cut.iter()
                .all(|f| f.len() <= FRAGMENT && f.chars().all(|c| c == 'é'))
        );
        assert_eq!(cut[0].len(), FRAGMENT);
    }

    #[test]
    fn an_international_domain_is_found_as_written_too() {
        let domain = Domain::parse("Bücher.Example").unwrap();
        assert_eq!(
            domain_texts(&domain),
            ["xn--bcher-kva.example", "bücher.example"]
        );
        assert_eq!(
            domain_texts(&Domain::parse("acme.example").unwrap()),
            ["acme.example"]
        );
    }
}
