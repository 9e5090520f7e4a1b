//! The model's refusals as people read them, in their language (the
//! catalogue's `error-` messages); the model's `Display` stays English for
//! logs. Here rather than in `model`, which names nothing of ours.

use super::Localize;
use crate::model::{
    AddressError, AutoReplyError, DeviceNameError, PASSWORD_MAX_LENGTH as MAX_LENGTH,
    PASSWORD_MIN_LENGTH as MIN_LENGTH, PasswordError, QuotaError, TimeError, UnknownPermission,
};

/// A refused character as a message shows it: control characters by their
/// code point, as they would be invisible or break the line.
fn shown(c: char) -> String {
    if c.is_control() {
        t!(
            "error-control-character",
            code = &format!("U+{:04X}", u32::from(c))
        )
    } else {
        format!("\u{201c}{c}\u{201d}")
    }
}

impl Localize for AutoReplyError {
    fn localize(&self) -> String {
        use crate::model::{MESSAGE_MOST, SUBJECT_MOST};
        let code = |c: &u32| format!("U+{c:04X}");
        match self {
            AutoReplyError::SubjectTooLong => {
                t!("error-auto-reply-subject-too-long", most = SUBJECT_MOST)
            }
            AutoReplyError::SubjectControl(c) => {
                t!("error-auto-reply-subject-control", code = &code(c))
            }
            AutoReplyError::MessageEmpty => t!("error-auto-reply-message-empty"),
            AutoReplyError::MessageTooLong => {
                t!("error-auto-reply-message-too-long", most = MESSAGE_MOST)
            }
            AutoReplyError::MessageControl(c) => {
                t!("error-auto-reply-message-control", code = &code(c))
            }
            AutoReplyError::DaysOutOfRange => t!("error-auto-reply-days"),
            AutoReplyError::EndBeforeStart => t!("error-auto-reply-end-before-start"),
            AutoReplyError::EndPassed => t!("error-auto-reply-end-passed"),
        }
    }
}

impl Localize for TimeError {
    fn localize(&self) -> String {
        match self {
            TimeError::UnknownZone(name) => t!("error-time-unknown-zone", name = name),
            TimeError::InvalidLocal(value) => t!("error-time-invalid-local", value = value),
            TimeError::InvalidInstant(value) => t!("error-time-invalid-instant", value = value),
            TimeError::Skipped(time, zone) => t!("error-time-skipped", time = time, zone = zone),
        }
    }
}

impl Localize for UnknownPermission {
    fn localize(&self) -> String {
        t!("error-unknown-permission", name = &self.0)
    }
}

impl Localize for AddressError {
    fn localize(&self) -> String {
        match self {
            AddressError::EmptyLocalPart => t!("error-address-error-empty-local-part"),
            AddressError::LocalPartTooLong => t!("error-address-error-local-part-too-long"),
            AddressError::MisplacedDot => t!("error-address-error-misplaced-dot"),
            AddressError::InvalidCharacter(value) => t!(
                "error-address-error-invalid-character",
                value = shown(*value)
            ),
            AddressError::NotMailboxSafe(_) => t!("error-address-error-not-mailbox-safe"),
            AddressError::EmptyDomain => t!("error-address-error-empty-domain"),
            AddressError::InvalidDomain(value) => {
                t!("error-address-error-invalid-domain", value = value)
            }
            AddressError::SingleLabelDomain => t!("error-address-error-single-label-domain"),
            AddressError::MissingAt => t!("error-address-error-missing-at"),
        }
    }
}
impl Localize for PasswordError {
    fn localize(&self) -> String {
        match self {
            PasswordError::TooShort => {
                t!("error-password-error-too-short", min_length = MIN_LENGTH)
            }
            PasswordError::TooLong => t!("error-password-error-too-long", max_length = MAX_LENGTH),
            PasswordError::OnlyDigits => t!("error-password-error-only-digits"),
            PasswordError::SameAsEmail => t!("error-password-error-same-as-email"),
            PasswordError::Mismatch => t!("error-password-error-mismatch"),
            PasswordError::Hashing => t!("error-password-error-hashing"),
            PasswordError::BadHash(value) => t!("error-password-error-bad-hash", value = *value),
            PasswordError::Busy => t!("error-password-error-busy"),
        }
    }
}
impl Localize for DeviceNameError {
    fn localize(&self) -> String {
        match self {
            DeviceNameError::Empty => t!("error-device-name-error-empty"),
            DeviceNameError::TooLong => t!("error-device-name-error-too-long"),
            DeviceNameError::Control => t!("error-device-name-error-control"),
        }
    }
}
impl Localize for QuotaError {
    fn localize(&self) -> String {
        match self {
            QuotaError::Unreadable => t!("error-quota-error-unreadable"),
            QuotaError::OutOfRange => t!("error-quota-error-out-of-range"),
        }
    }
}
