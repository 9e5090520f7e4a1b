//! The languages Mailroom speaks, and how a browser's `Accept-Language`
//! picks one of them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    It,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::It];

    /// Its place in `ALL`, for tables kept per language.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The BCP 47 tag, as in `<html lang>` and the catalogues' folders.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::It => "it",
        }
    }

    /// The language's name in itself, as a selector offers it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::It => "Italiano",
        }
    }

    /// A tag such as `fr`, `fr-CH` or `DE`; any other language is `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The browser's most wanted language that we speak (RFC 9110 §12.5.4:
    /// highest weight first, the header's order among equals; `q=0` means
    /// "not this one").
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(u16, Lang)> = None;
        for item in header.split(',').take(32) {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_weight);
            match weight {
                Some(w) if w > 0 && best.is_none_or(|(b, _)| w > b) => best = Some((w, lang)),
                _ => {}
            }
        }
        best.map(|(_, lang)| lang)
    }
}

/// A quality value (`0`, `0.8`, `1.000`) in thousandths.
fn parse_weight(value: &str) -> Option<u16> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_their_primary_language() {
        assert_eq!(Lang::parse("fr-CH"), Some(Lang::Fr));
        assert_eq!(Lang::parse("DE"), Some(Lang::De));
        assert_eq!(Lang::parse("it_IT"), Some(Lang::It));
        assert_eq!(Lang::parse("es"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn accept_language_takes_the_heaviest_language_we_speak() {
        assert_eq!(
            Lang::from_accept_language("es-ES,es;q=0.9,de;q=0.8,en;q=0.5"),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.4, it-CH"),
            Some(Lang::It)
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=0, de;q=0.1"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("fr, de"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("es, pt"), None);
        // Malformed weights are ignored rather than trusted.
        assert_eq!(
            Lang::from_accept_language("fr;q=2, de;q=0.5"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("\u{0}\n;;,,"), None);
    }
}
