//! The portal's language, which every page text and message is written in.

use serde::{Deserialize, Serialize};

/// The portal's language: UI strings, dates and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Language::Vi => "vi_VN",
            Language::En => "en_US",
        }
    }

    /// The text of this language out of a Vietnamese and an English one: how every message
    /// catalogue of hoctap picks its words.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }
}
