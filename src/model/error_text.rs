//! The model's refusals as people read them, in their language (the
//! catalogue's `error-` messages); `Display` stays English for logs.

use super::address::shown;
use super::password::{MAX_LENGTH, MIN_LENGTH};
use super::{AddressError, DeviceNameError, PasswordError, QuotaError};
use crate::i18n::Localize;

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
