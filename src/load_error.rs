//! Why a file could not be shown, in the deployer's terms: each message names the file and says
//! what to check. Worded through the message catalogue, so readers get it in their language.

use std::fmt;
use std::time::Duration;

use crate::feed::{FeedError, MAX_FILE_BYTES};
use crate::i18n::Sentence;

/// How long a request may take before the page gives up on it and says so.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Unreachable {
        url: String,
    },
    /// The server answered, but its CORS headers do not let this page read the answer.
    Cors {
        url: String,
        page_origin: String,
    },
    MixedContent {
        url: String,
    },
    Timeout {
        file: String,
    },
    NotFound {
        file: String,
        status: u16,
    },
    Http {
        file: String,
        status: u16,
    },
    /// The server declared a length over the limit, so the body was not read.
    TooLarge {
        file: String,
    },
    BadUrl {
        file: String,
    },
    Feed(FeedError),
    /// Part of the app's own code (a wasm chunk) did not load: a deploy in progress, the network.
    Code,
}

impl From<FeedError> for LoadError {
    fn from(error: FeedError) -> LoadError {
        LoadError::Feed(error)
    }
}

impl LoadError {
    pub fn sentence(&self) -> Sentence {
        match self {
            LoadError::Unreachable { url } => {
                Sentence::new("error.load.unreachable").with("url", url)
            }
            LoadError::Cors { url, page_origin } => Sentence::new("error.load.cors")
                .with("url", url)
                .with("page_origin", page_origin),
            LoadError::MixedContent { url } => {
                Sentence::new("error.load.mixed-content").with("url", url)
            }
            LoadError::Timeout { file } => Sentence::new("error.load.timeout")
                .with("file", file)
                .with("seconds", REQUEST_TIMEOUT.as_secs().to_string()),
            LoadError::NotFound { file, status } => Sentence::new("error.load.not-found")
                .with("file", file)
                .with("status", status.to_string()),
            LoadError::Http { file, status } => Sentence::new("error.load.http")
                .with("file", file)
                .with("status", status.to_string()),
            LoadError::TooLarge { file } => Sentence::new("error.load.too-large")
                .with("file", file)
                .with("limit", (MAX_FILE_BYTES / 1024 / 1024).to_string()),
            LoadError::BadUrl { file } => Sentence::new("error.load.bad-url").with("file", file),
            LoadError::Feed(error) => error.sentence(),
            LoadError::Code => Sentence::new("error.load.code"),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.sentence().english())
    }
}

impl std::error::Error for LoadError {}
