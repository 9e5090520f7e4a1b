//! Time zones and the times people type in them: an organisation's zone
//! (an IANA name the bundled tz database knows) and a reply's start and
//! end, typed as a wall-clock time in that zone or as an instant.

use std::fmt;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("\u{201c}{0}\u{201d} is no time zone of the tz database (e.g. Europe/Zurich)")]
    UnknownZone(String),
    #[error("\u{201c}{0}\u{201d} is not a date and time such as 2026-12-24 09:00")]
    InvalidLocal(String),
    #[error("\u{201c}{0}\u{201d} is not a time such as 2026-12-24T09:00:00+01:00")]
    InvalidInstant(String),
    #[error("{0} does not exist in {1} (the clocks skip it)")]
    Skipped(String, String),
}

/// An IANA time zone, e.g. `Europe/Zurich`; UTC by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

impl TimeZoneName {
    pub fn parse(name: &str) -> Result<Self, TimeError> {
        let name = name.trim();
        // Names are ASCII: `Etc/GMT+1`, `America/Port-au-Prince`.
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(TimeError::UnknownZone(name.to_owned()));
        }
        let zone = jiff::tz::db()
            .get(name)
            .map_err(|_| TimeError::UnknownZone(name.to_owned()))?;
        // The database's own spelling (`europe/zurich` is found too).
        Ok(Self(zone.iana_name().unwrap_or(name).to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn zone(&self) -> TimeZone {
        jiff::tz::db().get(&self.0).unwrap_or(TimeZone::UTC)
    }

    /// Unix seconds as a wall-clock time here: `2026-12-24T09:00`, the
    /// value of an HTML `datetime-local` input.
    pub fn local_text(&self, seconds: i64) -> String {
        jiff::Timestamp::from_second(seconds)
            .map(|t| {
                self.zone()
                    .to_datetime(t)
                    .strftime("%Y-%m-%dT%H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }
}

impl Default for TimeZoneName {
    fn default() -> Self {
        Self("UTC".to_owned())
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TimeZoneName {
    type Error = TimeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TimeZoneName> for String {
    fn from(value: TimeZoneName) -> Self {
        value.0
    }
}

/// A time as someone gave it: on the wall clock of the organisation's
/// zone (pages, the command line), or as an instant (the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyTime {
    Local(DateTime),
    At(i64),
}

impl ReplyTime {
    /// `2026-12-24T09:00`, `2026-12-24 09:00` or with seconds; nothing
    /// else (jiff would also take an offset or a zone and drop it).
    pub fn parse_local(text: &str) -> Result<Self, TimeError> {
        let text = text.trim();
        let invalid = || TimeError::InvalidLocal(text.chars().take(40).collect());
        let normal = text.replacen(' ', "T", 1);
        let shape = |i: usize, b: u8| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        };
        let well_formed =
            matches!(normal.len(), 16 | 19) && normal.bytes().enumerate().all(|(i, b)| shape(i, b));
        if !well_formed {
            return Err(invalid());
        }
        normal
            .parse::<DateTime>()
            .map(ReplyTime::Local)
            .map_err(|_| invalid())
    }

    /// RFC 3339 with its offset: `2026-12-24T09:00:00+01:00` or `…Z`.
    pub fn parse_instant(text: &str) -> Result<Self, TimeError> {
        let text = text.trim();
        text.parse::<jiff::Timestamp>()
            .map(|t| ReplyTime::At(t.as_second()))
            .map_err(|_| TimeError::InvalidInstant(text.chars().take(40).collect()))
    }

    /// Unix seconds; a wall-clock time in `zone`. A time the clocks skip
    /// (spring forward) is refused rather than moved; one they repeat is
    /// its first.
    pub fn seconds_in(&self, zone: &TimeZoneName) -> Result<i64, TimeError> {
        match self {
            ReplyTime::At(seconds) => Ok(*seconds),
            ReplyTime::Local(local) => {
                let ambiguous = zone.zone().to_ambiguous_zoned_datetime(*local);
                if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
                    return Err(TimeError::Skipped(
                        local.strftime("%Y-%m-%d %H:%M").to_string(),
                        zone.to_string(),
                    ));
                }
                ambiguous
                    .earlier()
                    .map(|z| z.timestamp().as_second())
                    .map_err(|_| TimeError::InvalidLocal(local.to_string()))
            }
        }
    }
}

/// Unix seconds as UTC for the history: `2026-12-24 08:00 UTC`.
pub fn utc_text(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_the_databases() {
        assert_eq!(
            TimeZoneName::parse(" Europe/Zurich ").unwrap().as_str(),
            "Europe/Zurich"
        );
        for bad in [
            "",
            "Mars/Olympus",
            "Europe/Zur ich",
            "Europe/Zurich\u{0}",
            "../../etc/passwd",
            "UTC;DROP",
        ] {
            assert!(TimeZoneName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(TimeZoneName::parse("America/Port-au-Prince").is_ok());
        assert_eq!(
            TimeZoneName::parse("europe/zurich").unwrap().as_str(),
            "Europe/Zurich"
        );
    }

    #[test]
    fn wall_clock_times_become_instants_in_their_zone() {
        let zurich = TimeZoneName::parse("Europe/Zurich").unwrap();
        let winter = ReplyTime::parse_local("2026-12-24 09:00").unwrap();
        // 08:00 UTC.
        assert_eq!(winter.seconds_in(&zurich), Ok(1_798_099_200));
        assert_eq!(zurich.local_text(1_798_099_200), "2026-12-24T09:00");
        assert_eq!(
            ReplyTime::parse_local("2026-12-24T08:00")
                .unwrap()
                .seconds_in(&TimeZoneName::default()),
            Ok(1_798_099_200)
        );
        assert_eq!(
            ReplyTime::parse_instant("2026-12-24T09:00:00+01:00")
                .unwrap()
                .seconds_in(&zurich),
            Ok(1_798_099_200)
        );
        // Clocks spring forward at 02:00 on 29 March 2026 in Zurich.
        let skipped = ReplyTime::parse_local("2026-03-29T02:30").unwrap();
        assert!(matches!(
            skipped.seconds_in(&zurich),
            Err(TimeError::Skipped(..))
        ));
        // And fall back at 03:00 on 25 October: 02:30 comes twice, the first counts.
        let twice = ReplyTime::parse_local("2026-10-25T02:30").unwrap();
        assert_eq!(twice.seconds_in(&zurich), Ok(1_792_888_200));
        assert_eq!(
            ReplyTime::parse_local("2026-12-24 09:00:30")
                .unwrap()
                .seconds_in(&TimeZoneName::default()),
            Ok(1_798_102_830)
        );
        // An offset or a zone would be dropped without a word: refused.
        for bad in [
            "tomorrow",
            "2026-13-01T00:00",
            "2026-12-24T25:00",
            "",
            &"9".repeat(100),
            "2026-12-24T09:00+05:00",
            "2026-12-24T09:00Z",
            "2026-12-24T09:00[Asia/Tokyo]",
            "2026-12-24",
            "2026-12-24T09",
        ] {
            assert!(ReplyTime::parse_local(bad).is_err(), "{bad:?}");
        }
        assert!(
            ReplyTime::parse_instant("2026-12-24T09:00").is_err(),
            "an instant needs its offset"
        );
        assert_eq!(utc_text(1_798_099_200), "2026-12-24 08:00 UTC");
    }
}
