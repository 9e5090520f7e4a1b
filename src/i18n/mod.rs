//! Every text people read, from the Fluent catalogues under `locales/`
//! (embedded at build time), in the language of whoever reads it.
//!
//! Web requests run inside [`scope`] (the session layer picks the language),
//! so templates write `t!("id")` or `t!("id", name = value)`. Code that
//! writes for someone else (an invitation email, a CLI message) names the
//! language: `tl!(lang, "id", …)`.

mod format;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use format::{date, date_time, number};

use crate::model::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks (U+2068/9) would end up inside form values, email
        // subjects and CSV reports; our arguments are never right-to-left.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format::formatter_for(bundle.locales.first())));
        },
    };
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// The language of the request being served (English outside a request).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or_default()
}

/// Runs `work` with `lang` as the current language.
pub async fn scope<F: Future>(lang: Lang, work: F) -> F::Output {
    CURRENT.scope(lang, work).await
}

/// The same for synchronous work (a blocking task, a test).
pub fn sync_scope<R>(lang: Lang, work: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(lang, work)
}

fn identifier(lang: Lang) -> &'static LanguageIdentifier {
    static IDS: std::sync::LazyLock<[LanguageIdentifier; 4]> =
        std::sync::LazyLock::new(|| Lang::ALL.map(|lang| lang.code().parse().unwrap_or_default()));
    &IDS[lang.index()]
}

/// A value a message may show: text, or a number (which also chooses
/// plural forms).
pub enum Arg {
    Text(String),
    Number(f64),
}

impl<T: Display + ?Sized> From<&T> for Arg {
    fn from(value: &T) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// The message `id` in `lang`.
pub fn text(lang: Lang, id: &str) -> String {
    LOCALES.lookup(identifier(lang), id)
}

/// The message `id` in `lang`, with its arguments.
pub fn text_with(lang: Lang, id: &str, args: Vec<(&'static str, Arg)>) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text),
                Arg::Number(n) => FluentValue::from(n),
            };
            (Cow::Borrowed(name), value)
        })
        .collect();
    LOCALES.lookup_with_args(identifier(lang), id, &args)
}

/// A message in the current language: `t!("id")`, `t!("id", name = value)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::text($crate::i18n::current(), $id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text_with(
            $crate::i18n::current(),
            $id,
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// A message in a language named by the caller: `tl!(lang, "id", …)`.
#[macro_export]
macro_rules! tl {
    ($lang:expr, $id:literal) => {
        $crate::i18n::text($lang, $id)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text_with(
            $lang,
            $id,
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

// After the macros, which they use.
mod model_errors;
pub mod names;

/// An error as the person reading it should see it: in their language.
/// (`Display` stays English, for logs and for whoever runs the server.)
pub trait Localize {
    fn localize(&self) -> String;
}

/// Text already in the reader's language.
impl Localize for String {
    fn localize(&self) -> String {
        self.clone()
    }
}
