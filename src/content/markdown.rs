//! Markdown (CommonMark + GFM) to HTML for sitrep's native format.
//!
//! Raw HTML in the source is shown as text, never interpreted; link and image URLs go through
//! [`resolve_url`]. The result is still sanitised in the browser before it reaches the DOM.

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{
    Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream,
};

use super::url::resolve_url;

/// Renders markdown to HTML. Relative URLs resolve against `base` (the bucket root).
pub fn render_markdown(source: &str, base: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut rewriter = Rewriter {
        base,
        finder: LinkFinder::new(),
        open: Vec::new(),
        in_code_block: false,
        alignments: Vec::new(),
        in_table_head: false,
        cell: 0,
    };
    // Merged text lets the autolinker see a whole URL that contains `~` or `*`.
    let events: Vec<Event> = TextMergeStream::new(Parser::new_ext(source, options))
        .flat_map(|event| rewriter.rewrite(event))
        .collect();
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// What an opened link or image became, so its end tag can match.
enum Opened {
    Kept,
    Dropped,
}

struct Rewriter<'b> {
    base: &'b str,
    finder: LinkFinder,
    open: Vec<Opened>,
    in_code_block: bool,
    /// The open table's column alignments, and where in it the next cell is.
    alignments: Vec<Alignment>,
    in_table_head: bool,
    cell: usize,
}

impl Rewriter<'_> {
    fn rewrite<'a>(&mut self, event: Event<'a>) -> Vec<Event<'a>> {
        match event {
            // Raw HTML is untrusted: show it as literal text.
            Event::Html(html) | Event::InlineHtml(html) => vec![Event::Text(html)],
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => vec![Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })],
            Event::End(TagEnd::Heading(level)) => vec![Event::End(TagEnd::Heading(demote(level)))],
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // `<user@example.com>`: make the mailto: explicit so the URL policy sees it.
                let (link_type, dest_url) = match link_type {
                    LinkType::Email => (LinkType::Inline, format!("mailto:{dest_url}").into()),
                    other => (other, dest_url),
                };
                self.open_url(dest_url, |dest_url| Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.open_url(dest_url, |dest_url| Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => match self.open.pop() {
                Some(Opened::Kept) => vec![Event::End(end)],
                _ => Vec::new(),
            },
            // Column alignment would be rendered as inline `style`, which a strict CSP
            // forbids: aligned cells get an `align-*` class instead, which the stylesheet
            // styles and the sanitiser lets through on table cells only.
            Event::Start(Tag::Table(alignments)) => {
                let unaligned = vec![Alignment::None; alignments.len()];
                self.alignments = alignments;
                vec![Event::Start(Tag::Table(unaligned))]
            }
            Event::Start(Tag::TableHead) => {
                (self.in_table_head, self.cell) = (true, 0);
                vec![Event::Start(Tag::TableHead)]
            }
            Event::End(TagEnd::TableHead) => {
                self.in_table_head = false;
                vec![Event::End(TagEnd::TableHead)]
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                vec![Event::Start(Tag::TableRow)]
            }
            Event::Start(Tag::TableCell) => {
                let column = self.cell;
                self.cell += 1;
                let class = match self.alignments.get(column) {
                    Some(Alignment::Left) => "align-left",
                    Some(Alignment::Center) => "align-center",
                    Some(Alignment::Right) => "align-right",
                    Some(Alignment::None) | None => return vec![Event::Start(Tag::TableCell)],
                };
                let cell = if self.in_table_head { "th" } else { "td" };
                // The writer closes the cell itself (`End(TableCell)` passes through).
                vec![Event::Html(format!("<{cell} class=\"{class}\">").into())]
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                vec![Event::Start(Tag::CodeBlock(kind))]
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                vec![Event::End(TagEnd::CodeBlock)]
            }
            Event::Text(text) if !self.in_code_block && self.open.is_empty() => self.autolink(text),
            other => vec![other],
        }
    }

    fn open_url<'a>(
        &mut self,
        dest: CowStr<'a>,
        tag: impl FnOnce(CowStr<'a>) -> Tag<'a>,
    ) -> Vec<Event<'a>> {
        match resolve_url(self.base, &dest) {
            Some(url) => {
                self.open.push(Opened::Kept);
                vec![Event::Start(tag(url.into()))]
            }
            None => {
                // Keep the link text or image alt text, drop the unsafe URL.
                self.open.push(Opened::Dropped);
                Vec::new()
            }
        }
    }

    /// GFM's extended autolinks: bare URLs and e-mail addresses in text become links.
    fn autolink<'a>(&self, text: CowStr<'a>) -> Vec<Event<'a>> {
        let mut events = Vec::new();
        let mut last = 0;
        for link in self.finder.links(&text) {
            let href = match link.kind() {
                LinkKind::Email => format!("mailto:{}", link.as_str()),
                _ => link.as_str().to_string(),
            };
            let Some(href) = resolve_url(self.base, &href) else {
                continue;
            };
            if link.start() > last {
                events.push(Event::Text(text[last..link.start()].to_string().into()));
            }
            events.push(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: href.into(),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            events.push(Event::Text(link.as_str().to_string().into()));
            events.push(Event::End(TagEnd::Link));
            last = link.end();
        }
        if last == 0 {
            return vec![Event::Text(text)];
        }
        if last < text.len() {
            events.push(Event::Text(text[last..].to_string().into()));
        }
        events
    }
}

/// Headings in feed text sit below the page's own h1/h2.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}
