//! Markdown rendering: CommonMark + GFM, raw HTML shown as text, URLs through the policy.

use sitrep::content::markdown::render_markdown;

const BASE: &str = "https://status.example.com/bucket/";

fn md(source: &str) -> String {
    render_markdown(source, BASE)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn paragraphs_and_emphasis() {
    assert_eq!(
        md("Hello **world** and *you*."),
        "<p>Hello <strong>world</strong> and <em>you</em>.</p>\n"
    );
    assert_eq!(md(""), "");
}

#[test]
fn tables() {
    let html = md(
        "| Region | Error rate |\n| --- | ---: |\n| eu-west-1 | 11.8% |\n| us-east-1 | 6.2% |\n",
    );
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<thead>"), "{html}");
    assert!(html.contains("<th>Region</th>"), "{html}");
    assert!(html.contains("<td>eu-west-1</td>"), "{html}");
    assert!(
        html.contains("<td class=\"align-right\">11.8%</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th class=\"align-right\">Error rate</th>"),
        "{html}"
    );
    assert!(
        !html.contains("style="),
        "alignment is not an inline style: {html}"
    );
    assert_eq!(count(&html, "<tr>"), 3, "{html}");
}

#[test]
fn strikethrough() {
    assert_eq!(md("~~gone~~ now"), "<p><del>gone</del> now</p>\n");
}

#[test]
fn task_lists() {
    let html = md("- [x] revert the change\n- [ ] post a postmortem\n");
    assert_eq!(count(&html, "type=\"checkbox\""), 2, "{html}");
    assert_eq!(count(&html, "checked"), 1, "{html}");
    assert!(html.contains("disabled"), "{html}");
    assert!(html.contains("revert the change"), "{html}");
    assert!(!html.contains("[x]") && !html.contains("[ ]"), "{html}");
}

#[test]
fn footnotes() {
    let html = md("The cause was a config change.[^1]\n\n[^1]: Rolled out at 07:32 UTC.\n");
    assert!(html.contains("footnote-reference"), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");
    assert!(html.contains("Rolled out at 07:32 UTC."), "{html}");
    assert!(!html.contains("[^1]"), "{html}");
}

#[test]
fn bare_urls_are_autolinked() {
    let html = md("See https://docs.example.com/api/retries for details.");
    assert_eq!(
        html,
        "<p>See <a href=\"https://docs.example.com/api/retries\">https://docs.example.com/api/retries</a> for details.</p>\n"
    );
    // Trailing punctuation stays outside the link.
    let html = md("(see https://docs.example.com/a).");
    assert!(
        html.contains("href=\"https://docs.example.com/a\""),
        "{html}"
    );
    assert!(html.contains("</a>)."), "{html}");
    // Two links in one text run.
    let html = md("https://a.example.com/ and http://b.example.com/x");
    assert_eq!(count(&html, "<a href="), 2, "{html}");
    assert!(html.contains("href=\"http://b.example.com/x\""), "{html}");
}

#[test]
fn bare_urls_with_markdown_punctuation_are_linked_whole() {
    let mut wrong = Vec::new();
    for url in [
        "https://example.com/a_b_c",
        "https://example.com/snake_case/file_name.txt",
        "https://example.com/~user/page",
        "https://example.com/search?q=a*b",
        "https://example.com/x?a=1&b=2",
        "https://example.com/a!b",
    ] {
        let html = md(&format!("See {url} here."));
        let hrefs: Vec<String> = html
            .match_indices("href=\"")
            .map(|(i, _)| {
                let rest = &html[i + 6..];
                rest[..rest.find('"').unwrap()].replace("&amp;", "&")
            })
            .collect();
        if hrefs != [url] {
            wrong.push(html);
        }
    }
    assert!(
        wrong.is_empty(),
        "URLs cut short or missing:\n{}",
        wrong.join("")
    );
}

#[test]
fn bare_email_addresses_become_mailto_links() {
    let html = md("Write to ops@example.com if you need help.");
    assert!(
        html.contains("<a href=\"mailto:ops@example.com\">ops@example.com</a>"),
        "{html}"
    );
}

#[test]
fn angle_bracket_autolinks() {
    let html = md("<https://example.com/status>");
    assert!(
        html.contains("<a href=\"https://example.com/status\">"),
        "{html}"
    );
    let html = md("Write to <support@example.com>.");
    assert!(
        html.contains("<a href=\"mailto:support@example.com\">support@example.com</a>"),
        "{html}"
    );
    assert!(!html.contains("mailto:https"), "{html}");
    let html = md("<javascript:alert(1)>");
    assert!(!html.contains("href"), "{html}");
    assert!(
        html.contains("javascript:alert(1)"),
        "the text stays visible: {html}"
    );
}

#[test]
fn no_autolinks_in_code_or_inside_links() {
    let html = md("```\ncurl https://api.example.com/v2\n```");
    assert!(!html.contains("<a"), "{html}");
    assert!(html.contains("curl https://api.example.com/v2"), "{html}");
    let html = md("Run `curl https://api.example.com/v2` again.");
    assert!(!html.contains("<a"), "{html}");
    let html = md("[see https://a.example.com](https://b.example.com)");
    assert_eq!(count(&html, "<a "), 1, "{html}");
    assert!(html.contains("href=\"https://b.example.com\""), "{html}");
}

#[test]
fn unsafe_bare_urls_are_not_linked_but_stay_visible() {
    let html = md("ftp://files.example.com/x and https://ok.example.com/");
    assert_eq!(count(&html, "<a "), 1, "{html}");
    assert!(html.contains("href=\"https://ok.example.com/\""), "{html}");
    assert!(html.contains("ftp://files.example.com/x"), "{html}");
    let html = md("click javascript:alert(1) now");
    assert!(!html.contains("<a"), "{html}");
    assert!(html.contains("javascript:alert(1)"), "{html}");
}

#[test]
fn raw_script_blocks_are_shown_as_text() {
    let html = md("<script>alert(1)</script>");
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );

    let html = md("Before\n\n<script src=\"https://evil.example/x.js\"></script>\n\nAfter");
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert!(html.contains("<p>Before</p>"), "{html}");
    assert!(html.contains("<p>After</p>"), "{html}");

    let html = md("<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n\nAfter");
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert!(html.contains("After"), "{html}");
}

#[test]
fn raw_inline_html_is_shown_as_text() {
    let html = md("Hi <img src=x onerror=alert(1)> there");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );

    let html = md("<div onclick=\"alert(1)\">\n*hi*\n</div>");
    assert!(!html.contains("<div"), "{html}");
    assert!(html.contains("&lt;div"), "{html}");

    let html = md("a <iframe src=\"https://evil.example\"></iframe> b");
    assert!(!html.contains("<iframe"), "{html}");

    let html = md("<!-- hidden --> text");
    assert!(!html.contains("<!--"), "{html}");
}

#[test]
fn code_spans_escape_html() {
    let html = md("Use `<script>` tags");
    assert!(html.contains("<code>&lt;script&gt;</code>"), "{html}");
}

#[test]
fn javascript_link_loses_its_href_but_keeps_its_text() {
    assert_eq!(md("[x](javascript:alert(1))"), "<p>x</p>\n");
    let html = md("Click [**here**](JaVaScRiPt:alert(1)) please");
    assert!(!html.contains("<a"), "{html}");
    assert!(html.contains("<strong>here</strong>"), "{html}");
    let html = md("[data](data:text/html,<script>alert(1)</script>)");
    assert!(
        !html.contains("<a") && !html.to_ascii_lowercase().contains("<script"),
        "{html}"
    );
    let html = md("[ref][1]\n\n[1]: vbscript:msgbox(1)");
    assert!(!html.contains("<a") && html.contains("ref"), "{html}");
}

#[test]
fn attribute_injection_through_a_url_is_escaped() {
    let html = md("[x](https://a.example.com/\"onmouseover=\"alert(1))");
    assert!(!html.contains("\"onmouseover"), "{html}");
    assert!(!html.contains("\" onmouseover"), "{html}");
}

#[test]
fn links_resolve_against_the_base() {
    let html = md("[the docs](docs/retries.html \"Retries\")");
    assert!(
        html.contains("href=\"https://status.example.com/bucket/docs/retries.html\""),
        "{html}"
    );
    assert!(html.contains("title=\"Retries\""), "{html}");
    let html = md("[update](#update-3)");
    assert!(html.contains("href=\"#update-3\""), "{html}");
    let html = md("[mail](mailto:ops@example.com)");
    assert!(html.contains("href=\"mailto:ops@example.com\""), "{html}");
    let html = md("[escape](../../../../etc/passwd)");
    assert!(
        html.contains("href=\"https://status.example.com/etc/passwd\""),
        "{html}"
    );
}

#[test]
fn images_resolve_against_the_base() {
    let html = md("![Error rate graph](data/incident/2026-11-23-api-errors/error-rate.png)");
    assert_eq!(
        html,
        "<p><img src=\"https://status.example.com/bucket/data/incident/2026-11-23-api-errors/error-rate.png\" alt=\"Error rate graph\" /></p>\n"
    );
    let html = render_markdown(
        "![g](data/g.png)",
        "https://status.example.com/bucket/index.html",
    );
    assert!(
        html.contains("src=\"https://status.example.com/bucket/data/g.png\""),
        "{html}"
    );
    let html = md("![abs](https://cdn.example.com/g.png)");
    assert!(
        html.contains("src=\"https://cdn.example.com/g.png\""),
        "{html}"
    );
}

#[test]
fn unsafe_images_are_dropped_but_their_alt_text_stays() {
    let html = md("![the graph](javascript:alert(1))");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("the graph"), "{html}");
    let html = md("![pixel](data:image/png;base64,iVBORw0KGgo=)");
    assert!(!html.contains("<img"), "{html}");
}

#[test]
fn nested_links_and_images_are_filtered_independently() {
    let html = md("[![graph](g.png)](javascript:alert(1))");
    assert!(!html.contains("<a"), "{html}");
    assert!(
        html.contains("<img src=\"https://status.example.com/bucket/g.png\""),
        "{html}"
    );

    let html = md("[![graph](javascript:alert(1))](https://example.com/full)");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("<a href=\"https://example.com/full\">graph</a>"),
        "{html}"
    );

    // Text after a dropped link is autolinked normally again.
    let html = md("[x](javascript:alert(1)) then https://ok.example.com/");
    assert!(
        html.contains("<a href=\"https://ok.example.com/\">"),
        "{html}"
    );
}

#[test]
fn headings_are_demoted() {
    let html = md(
        "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\nSetext\n======\n",
    );
    assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
    assert!(html.contains("<h3>One</h3>"), "{html}");
    assert!(html.contains("<h4>Two</h4>"), "{html}");
    assert!(html.contains("<h5>Three</h5>"), "{html}");
    assert!(html.contains("<h6>Four</h6>"), "{html}");
    assert!(html.contains("<h6>Five</h6>"), "{html}");
    assert!(html.contains("<h6>Six</h6>"), "{html}");
    assert!(html.contains("<h3>Setext</h3>"), "{html}");
}

#[test]
fn lists_quotes_and_code_blocks() {
    let html = md("- `POST /v2/deployments`\n- webhook deliveries\n\n> quoted\n\n```rust\nlet x = 1 < 2;\n```\n");
    assert!(
        html.contains("<ul>") && html.contains("<li><code>POST /v2/deployments</code></li>"),
        "{html}"
    );
    assert!(html.contains("<blockquote>"), "{html}");
    assert!(html.contains("let x = 1 &lt; 2;"), "{html}");
}

#[test]
fn large_and_hostile_input_does_not_panic() {
    let deep = format!("{}x", "> ".repeat(5_000));
    assert!(md(&deep).contains('x'));
    let brackets = "[".repeat(2_000) + &"]".repeat(2_000);
    assert!(!md(&brackets).is_empty());
    let many_links = "[a](javascript:x) https://ok.example.com/ ".repeat(2_000);
    let html = md(&many_links);
    assert_eq!(count(&html, "<a "), 2_000);
    assert!(!html.contains("javascript:x\""));
}

#[test]
fn aligned_tables_carry_no_inline_style() {
    let html = sitrep::content::markdown::render_markdown(
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
        "https://status.example.com/",
    );
    assert!(
        html.contains("<table>") && html.contains("<td class=\"align-right\">3</td>"),
        "{html}"
    );
    assert!(
        !html.contains("style"),
        "a strict CSP forbids inline styles: {html}"
    );
    for cell in [
        "<th class=\"align-left\">a</th>",
        "<th class=\"align-center\">b</th>",
        "<th class=\"align-right\">c</th>",
        "<td class=\"align-left\">1</td>",
        "<td class=\"align-center\">2</td>",
    ] {
        assert!(
            html.contains(cell),
            "alignment kept as a class ({cell}): {html}"
        );
    }
}

#[test]
fn alignment_follows_each_table_and_row() {
    let html = sitrep::content::markdown::render_markdown(
        "| a | b |\n|--|--:|\n| 1 | 2 |\n| 3 | 4 |\n\n| c |\n|:-:|\n| 5 |\n",
        "https://status.example.com/",
    );
    assert!(
        html.contains("<td>3</td><td class=\"align-right\">4</td>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"align-center\">5</td>"), "{html}");
    // A row longer than its header has no alignment for the extra cell.
    let ragged = sitrep::content::markdown::render_markdown(
        "| a |\n|--:|\n| 1 | 2 |\n",
        "https://status.example.com/",
    );
    assert!(!ragged.contains("style"), "{ragged}");
}
