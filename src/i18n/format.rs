//! Numbers, dates and times as each language writes them.

use fluent_templates::LanguageIdentifier;
use fluent_templates::fluent_bundle::FluentValue;

use crate::model::Lang;

/// `1234567` as `1,234,567`, `1 234 567` (narrow no-break spaces),
/// `1.234.567` or `1.234.567`.
pub fn number(lang: Lang, value: f64) -> String {
    let (group, decimal) = match lang {
        Lang::En => (",", "."),
        Lang::Fr => ("\u{202f}", ","),
        Lang::De | Lang::It => (".", ","),
    };
    let negative = value < 0.0;
    let rounded = (value.abs() * 10.0).round() / 10.0;
    let whole = rounded.trunc() as u64;
    let tenth = ((rounded.fract()) * 10.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(c);
    }
    if tenth > 0 {
        out.push_str(decimal);
        out.push_str(&tenth.to_string());
    }
    out
}

fn parts(unix: i64) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(unix).ok()
}

/// A stored time as a date (UTC): `2026-11-29`, `29/11/2026`, `29.11.2026`.
pub fn date(lang: Lang, unix: i64) -> String {
    let Some(t) = parts(unix) else {
        return String::new();
    };
    let (y, m, d) = (t.year(), u8::from(t.month()), t.day());
    match lang {
        // English keeps the unambiguous form the rest of Mailroom writes.
        Lang::En => crate::model::dates::date(unix),
        Lang::Fr | Lang::It => format!("{d:02}/{m:02}/{y:04}"),
        Lang::De => format!("{d:02}.{m:02}.{y:04}"),
    }
}

/// A stored time with hours and minutes (UTC, 24-hour clock).
pub fn date_time(lang: Lang, unix: i64) -> String {
    let Some(t) = parts(unix) else {
        return String::new();
    };
    format!("{} {:02}:{:02}", date(lang, unix), t.hour(), t.minute())
}

type Formatter<M> = fn(&FluentValue, &M) -> Option<String>;

/// The formatter a catalogue's bundle uses for the numbers in its messages.
pub(super) fn formatter_for<M>(locale: Option<&LanguageIdentifier>) -> Formatter<M> {
    match locale.and_then(|l| Lang::parse(l.language.as_str())) {
        Some(Lang::Fr) => |v, _| numeric(Lang::Fr, v),
        Some(Lang::De) => |v, _| numeric(Lang::De, v),
        Some(Lang::It) => |v, _| numeric(Lang::It, v),
        _ => |v, _| numeric(Lang::En, v),
    }
}

fn numeric(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(number(lang, n.value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_each_language_does() {
        assert_eq!(number(Lang::En, 1_234_567.0), "1,234,567");
        assert_eq!(number(Lang::Fr, 1_234_567.0), "1\u{202f}234\u{202f}567");
        assert_eq!(number(Lang::De, 1234.0), "1.234");
        assert_eq!(number(Lang::It, 12.5), "12,5");
        assert_eq!(number(Lang::En, 999.0), "999");
        assert_eq!(number(Lang::En, -1500.0), "-1,500");
    }

    #[test]
    fn dates_follow_the_language() {
        let t = 1_796_000_000; // 2026-11-30 00:53 UTC
        assert_eq!(date(Lang::En, t), "2026-11-30");
        assert_eq!(date(Lang::Fr, t), "30/11/2026");
        assert_eq!(date(Lang::De, t), "30.11.2026");
        assert_eq!(date_time(Lang::It, t), "30/11/2026 00:53");
    }
}
