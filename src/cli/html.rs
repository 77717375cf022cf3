//! Feed HTML on the command line: sanitised with ammonia before it goes into a feed, read with
//! html5ever's tokenizer for its text and its images. Never pattern-matched by hand.

use std::cell::RefCell;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::content::url::resolve_url;

/// Makes untrusted HTML safe for feed readers. Every `href`, `src` and `cite` goes through the
/// project's URL policy and comes out absolute (relative ones resolve against the bucket).
pub struct Sanitizer {
    content: Builder<'static>,
    text: Builder<'static>,
}

impl Sanitizer {
    /// `base` is the bucket root as readers fetch it (an absolute http(s) URL).
    pub fn new(base: &str) -> Sanitizer {
        let base = base.to_string();
        let mut content = Builder::default();
        content
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            // The filter below has made every URL absolute or removed it.
            .url_relative(UrlRelative::PassThrough)
            .attribute_filter(move |_element, attribute, value| match attribute {
                "href" | "src" | "cite" => resolve_url(&base, value).map(Into::into),
                _ => Some(value.into()),
            });
        // No tags at all: what is left is the text (script and style contents are dropped).
        let text = Builder::empty();
        Sanitizer { content, text }
    }

    pub fn clean(&self, html: &str) -> String {
        self.content.clean(html).to_string()
    }

    /// The text of an HTML fragment, entities decoded and whitespace collapsed.
    pub fn plain_text(&self, html: &str) -> String {
        let stripped = self.text.clean(html).to_string();
        let sink = Collect::default();
        tokenize(&stripped, &sink);
        sink.text
            .into_inner()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The `src` of every `<img>` in an HTML fragment, in document order.
pub fn image_sources(html: &str) -> Vec<String> {
    let sink = Collect::default();
    tokenize(html, &sink);
    sink.images.into_inner()
}

fn tokenize(html: &str, sink: &Collect) {
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

#[derive(Default)]
struct Collect {
    text: RefCell<String>,
    images: RefCell<Vec<String>>,
}

impl TokenSink for &Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) => self.text.borrow_mut().push_str(&text),
            Token::TagToken(Tag {
                kind: TagKind::StartTag,
                name,
                attrs,
                ..
            }) if &*name == "img" => {
                if let Some(src) = attrs.iter().find(|a| &*a.name.local == "src") {
                    self.images.borrow_mut().push(src.value.to_string());
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
