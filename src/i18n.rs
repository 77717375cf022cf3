//! Message catalogues: one JSON file per language in `i18n/`, English built in.
//!
//! A message is a string with `{name}` placeholders, or an object of plural forms keyed by
//! CLDR plural category (`zero`, `one`, `two`, `few`, `many`, `other`). The category for a
//! number comes from the browser's `Intl.PluralRules`, so no plural rules are written here.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

use crate::feed::{deserialize_json, FeedError};

/// The languages sitrep ships catalogues for: (code, name in that language).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ja", "日本語"),
    ("ar", "العربية"),
];

pub const DEFAULT_LANGUAGE: &str = "en";

/// The built-in English catalogue: always available, and the fallback for missing messages.
pub const ENGLISH: &str = include_str!("../i18n/en.json");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    Plural(HashMap<String, String>),
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Catalogue {
    /// BCP 47 code, e.g. `ar`.
    pub language: String,
    #[serde(default)]
    pub direction: Direction,
    pub messages: HashMap<String, Message>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

impl Catalogue {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Catalogue, FeedError> {
        let catalogue: Catalogue = deserialize_json(file, bytes)?;
        for (key, message) in &catalogue.messages {
            if let Message::Plural(forms) = message {
                if !forms.contains_key("other") {
                    return Err(FeedError::field(
                        file,
                        format!("messages.{key}"),
                        "plural messages need an \"other\" form",
                    ));
                }
            }
        }
        Ok(catalogue)
    }

    pub fn english() -> Catalogue {
        // The built-in file is checked by the tests; an empty catalogue would still work.
        Catalogue::parse("i18n/en.json", ENGLISH.as_bytes()).unwrap_or_else(|_| Catalogue {
            language: DEFAULT_LANGUAGE.to_string(),
            direction: Direction::Ltr,
            messages: HashMap::new(),
        })
    }
}

/// A catalogue with English behind it for anything it lacks.
#[derive(Clone, Debug, PartialEq)]
pub struct Messages {
    chosen: Catalogue,
    fallback: Catalogue,
}

impl Messages {
    pub fn new(chosen: Catalogue, fallback: Catalogue) -> Messages {
        Messages { chosen, fallback }
    }

    pub fn language(&self) -> &str {
        &self.chosen.language
    }

    pub fn direction(&self) -> Direction {
        self.chosen.direction
    }

    fn lookup(&self, key: &str) -> Option<&Message> {
        self.chosen
            .messages
            .get(key)
            .or_else(|| self.fallback.messages.get(key))
    }

    /// A message with its placeholders filled. Unknown keys come back as the key itself, so a
    /// missing message is visible rather than blank.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        match self.lookup(key) {
            Some(Message::Text(text)) => fill(text, args),
            Some(Message::Plural(forms)) => forms
                .get("other")
                .map_or_else(|| key.to_string(), |t| fill(t, args)),
            None => key.to_string(),
        }
    }

    /// A plural message for `count`, whose CLDR category (from `Intl.PluralRules`) is given.
    pub fn plural(&self, key: &str, category: &str, count: &str, args: &[(&str, &str)]) -> String {
        let mut all = vec![("count", count)];
        all.extend_from_slice(args);
        match self.lookup(key) {
            Some(Message::Plural(forms)) => {
                match forms.get(category).or_else(|| forms.get("other")) {
                    Some(form) => fill(form, &all),
                    None => key.to_string(),
                }
            }
            Some(Message::Text(text)) => fill(text, &all),
            None => key.to_string(),
        }
    }
}

/// Replaces `{name}` with its value; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a message around one `{slot}` so an element (a `<time>`, a link) can stand there.
pub fn split_slot<'a>(text: &'a str, slot: &str) -> (Cow<'a, str>, Cow<'a, str>) {
    let marker = format!("{{{slot}}}");
    match text.find(&marker) {
        Some(i) => (
            Cow::Borrowed(&text[..i]),
            Cow::Borrowed(&text[i + marker.len()..]),
        ),
        None => (Cow::Borrowed(text), Cow::Borrowed("")),
    }
}

/// The first shipped language matching the reader's preferences (`de-AT` matches `de`).
pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    preferences.into_iter().find_map(|wanted| {
        let primary = wanted.split(['-', '_']).next().unwrap_or_default();
        LANGUAGES
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(primary))
            .map(|(code, _)| *code)
    })
}
