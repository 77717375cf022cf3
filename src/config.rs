//! The deployer's `config.json`, served beside `index.html`: one build, any bucket.

use serde::Deserialize;

use crate::content::url::resolve_url;
use crate::feed::{deserialize_json, Detail, FeedError, FormatChoice};

pub const CONFIG_PATH: &str = "config.json";

/// Polling faster than this would hammer the data origin for no gain.
pub const MIN_POLL_SECONDS: u32 = 5;

#[derive(Clone, Debug, PartialEq, Deserialize)]
// A misspelt key would otherwise be ignored silently; name it instead.
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Page title and header text.
    #[serde(default = "default_title")]
    pub title: String,
    /// Logo image, relative to the page or absolute.
    pub logo_url: Option<String>,
    /// Bucket root: `data/list.json` and `data/incident/<id>.json` live below it. Relative to
    /// the page, or absolute (another origin needs CORS).
    #[serde(default = "default_data_url")]
    pub data_url: String,
    /// Where the list is, when it is not at its format's place below `data_url` (see
    /// [`Config::list_location`]). Relative to the page, or absolute (another origin needs
    /// CORS).
    pub list_url: Option<String>,
    #[serde(default)]
    pub format: FormatChoice,
    /// Where the "Contact support" button goes (https or mailto).
    pub contact_url: Option<String>,
    /// An RSS or Atom feed for the "Subscribe" link.
    pub feed_url: Option<String>,
    #[serde(default = "default_poll")]
    pub poll_interval_seconds: u32,
    /// Default language (a code from `i18n/`); readers' `?lang=` wins, the browser's
    /// languages decide when this is unset.
    pub language: Option<String>,
    /// Origins whose pages may send messages to the embed (`sitrep:hello`, `sitrep:theme`);
    /// `"*"` allows any. The embed ignores messages from every other origin.
    #[serde(default)]
    pub embed_allowed_origins: Vec<String>,
    /// Show the components panel (formats with components only).
    #[serde(default = "default_components")]
    pub components: bool,
    /// Days of history in each component's bar (fewer on narrow screens).
    #[serde(default = "default_component_days")]
    pub component_days: u32,
}

/// The longest history bar a reader's screen can hold, at three days a week for a year.
pub const MAX_COMPONENT_DAYS: u32 = 365;

fn default_components() -> bool {
    true
}

fn default_component_days() -> u32 {
    90
}

fn default_title() -> String {
    "Status".to_string()
}

fn default_data_url() -> String {
    "./".to_string()
}

fn default_poll() -> u32 {
    60
}

impl Config {
    pub fn parse(bytes: &[u8]) -> Result<Config, FeedError> {
        let config: Config = deserialize_json(CONFIG_PATH, bytes)?;
        if config.poll_interval_seconds < MIN_POLL_SECONDS {
            return Err(FeedError::field(
                CONFIG_PATH,
                "poll_interval_seconds",
                Detail::AtLeast {
                    min: MIN_POLL_SECONDS,
                },
            ));
        }
        if !(1..=MAX_COMPONENT_DAYS).contains(&config.component_days) {
            return Err(FeedError::field(
                CONFIG_PATH,
                "component_days",
                Detail::Between {
                    min: 1,
                    max: MAX_COMPONENT_DAYS,
                },
            ));
        }
        if config.data_url.trim().is_empty() {
            return Err(FeedError::field(CONFIG_PATH, "data_url", Detail::Empty));
        }
        if config
            .list_url
            .as_deref()
            .is_some_and(|url| url.trim().is_empty())
        {
            return Err(FeedError::field(CONFIG_PATH, "list_url", Detail::Empty));
        }
        Ok(config)
    }

    /// The list's URL, still to be resolved against the page like `data_url` (and through
    /// the same URL policy): `list_url` when set, otherwise the format's list below the data
    /// root (`data/list.json`; Statuspage's `api/v2/summary.json`).
    pub fn list_location(&self) -> String {
        match &self.list_url {
            Some(url) => url.trim().to_string(),
            None => format!("{}{}", self.data_root(), self.format.default_list_path()),
        }
    }

    /// [`Config::list_location`] resolved against the page (`page_base`, the folder of
    /// `index.html`) through the URL policy; `None` when the policy refuses it.
    pub fn list_url_from(&self, page_base: &str) -> Option<String> {
        resolve_url(page_base, &self.list_location())
    }

    /// The bucket root as a folder URL, so `data/list.json` joins below it.
    pub fn data_root(&self) -> String {
        let url = self.data_url.trim();
        if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        }
    }
}
