//! An address's out-of-office reply as Mailroom keeps it: the mail server
//! sends it (Sieve `vacation`, RFC 5230, in the script Mailroom installs),
//! so only what that needs is here.

use serde::{Deserialize, Serialize};

/// Days before the same sender is answered again: RFC 5230's default.
pub const DEFAULT_REPLY_DAYS: u16 = 7;
/// Pigeonhole's bounds (`sieve_vacation_min_period` 1 day and
/// `sieve_vacation_max_period` 60 days by default): a value outside them
/// would be changed by the server without a word.
pub const REPLY_DAYS: std::ops::RangeInclusive<u16> = 1..=60;
pub const SUBJECT_MOST: usize = 200;
pub const MESSAGE_MOST: usize = 10_000;

/// What the person wrote, parsed: the one way to an [`AutoReply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoReply {
    /// Off keeps the text for next time; the mail server has no reply.
    pub enabled: bool,
    /// Empty: the server's own, "Auto: " and the sender's subject.
    pub subject: String,
    pub message: String,
    /// Unix seconds; `None`: from now on.
    pub start: Option<i64>,
    /// Unix seconds; `None`: until turned off.
    pub end: Option<i64>,
    pub days: u16,
    /// Only senders whose domain is one of the organisation's.
    pub only_own_domains: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutoReplyError {
    #[error("the subject is longer than {SUBJECT_MOST} characters")]
    SubjectTooLong,
    #[error("the subject holds a control character (U+{0:04X})")]
    SubjectControl(u32),
    #[error("the message is empty")]
    MessageEmpty,
    #[error("the message is longer than {MESSAGE_MOST} characters")]
    MessageTooLong,
    #[error("the message holds a control character (U+{0:04X})")]
    MessageControl(u32),
    #[error("the days between replies to one sender must be 1 to 60")]
    DaysOutOfRange,
    #[error("the end comes before the start")]
    EndBeforeStart,
    #[error("the end has already passed")]
    EndPassed,
}

impl AutoReplyError {
    /// The form's or the request's field it is about.
    pub fn field(&self) -> &'static str {
        match self {
            AutoReplyError::SubjectTooLong | AutoReplyError::SubjectControl(_) => "subject",
            AutoReplyError::MessageEmpty
            | AutoReplyError::MessageTooLong
            | AutoReplyError::MessageControl(_) => "message",
            AutoReplyError::DaysOutOfRange => "days",
            AutoReplyError::EndBeforeStart | AutoReplyError::EndPassed => "end",
        }
    }
}

impl AutoReply {
    /// Checks what was typed. Line ends become `\n`; spaces around the
    /// subject go.
    pub fn new(
        enabled: bool,
        subject: &str,
        message: &str,
        (start, end): (Option<i64>, Option<i64>),
        days: u16,
        only_own_domains: bool,
    ) -> Result<Self, AutoReplyError> {
        let subject = subject.trim();
        // A line break in a subject would start a header of the sender's
        // choosing in the reply.
        if let Some(c) = subject.chars().find(|c| c.is_control()) {
            return Err(AutoReplyError::SubjectControl(c.into()));
        }
        if subject.chars().count() > SUBJECT_MOST {
            return Err(AutoReplyError::SubjectTooLong);
        }
        let message = message.replace("\r\n", "\n");
        if let Some(c) = message
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            return Err(AutoReplyError::MessageControl(c.into()));
        }
        if message.trim().is_empty() {
            return Err(AutoReplyError::MessageEmpty);
        }
        if message.chars().count() > MESSAGE_MOST {
            return Err(AutoReplyError::MessageTooLong);
        }
        if !REPLY_DAYS.contains(&days) {
            return Err(AutoReplyError::DaysOutOfRange);
        }
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            return Err(AutoReplyError::EndBeforeStart);
        }
        Ok(Self {
            enabled,
            subject: subject.to_owned(),
            message: message.trim_end().to_owned(),
            start,
            end,
            days,
            only_own_domains,
        })
    }

    /// Whether the mail server should be answering at `now` or later.
    pub fn still_to_send(&self, now: i64) -> bool {
        self.enabled && self.end.is_none_or(|end| end > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(subject: &str, message: &str) -> Result<AutoReply, AutoReplyError> {
        AutoReply::new(true, subject, message, (None, None), 7, false)
    }

    #[test]
    fn what_a_reply_refuses() {
        assert_eq!(
            reply("Away\r\nBcc: x@evil.example", "m"),
            Err(AutoReplyError::SubjectControl(13))
        );
        assert_eq!(reply("Away", "  \n "), Err(AutoReplyError::MessageEmpty));
        assert_eq!(
            reply("Away", "a\u{0}b"),
            Err(AutoReplyError::MessageControl(0))
        );
        assert_eq!(
            reply(&"s".repeat(SUBJECT_MOST + 1), "m"),
            Err(AutoReplyError::SubjectTooLong)
        );
        assert_eq!(
            reply("s", &"m".repeat(MESSAGE_MOST + 1)),
            Err(AutoReplyError::MessageTooLong)
        );
        for days in [0, 61] {
            assert_eq!(
                AutoReply::new(true, "s", "m", (None, None), days, false),
                Err(AutoReplyError::DaysOutOfRange)
            );
        }
        assert_eq!(
            AutoReply::new(true, "s", "m", (Some(10), Some(10)), 7, false),
            Err(AutoReplyError::EndBeforeStart)
        );
    }

    #[test]
    fn what_a_reply_keeps() {
        let made = reply("  Away  ", "Back on Monday.\r\n\tAnn\r\n\r\n").unwrap();
        assert_eq!(made.subject, "Away");
        assert_eq!(made.message, "Back on Monday.\n\tAnn");
        assert!(made.still_to_send(0));
        let ended = AutoReply::new(true, "", "m", (None, Some(100)), 1, true).unwrap();
        assert!(ended.still_to_send(99) && !ended.still_to_send(100));
        assert_eq!(
            AutoReply::new(true, "", "m", (None, None), 60, false).map(|r| r.days),
            Ok(60)
        );
    }
}
