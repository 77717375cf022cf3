//! Which value of a JSON document a parse error is about, as a path such as
//! `incidents[3].status`. Only runs after a failed parse: serde_json says where (line and
//! column), this says what, so parsing itself carries no path bookkeeping.

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from the document root; empty for the root itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Segment>);

impl std::fmt::Display for JsonPath {
    /// `incidents[0].status`; the root is `.`.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Byte offset of serde_json's 1-based line and its column (bytes after the line's start).
pub fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(bytes.len())
}

/// Where a parse error stopped the reader at `offset`.
pub struct Site {
    /// The value being read: the one that ended there, the one that starts there (serde_json
    /// stops one byte into a value it peeked at), or the object or array that closed there.
    pub value: JsonPath,
    /// When an object or array closed there: the last member read in it. serde_json reads on
    /// to the closing bracket before placing an error raised in a container's last member.
    pub last_member: Option<JsonPath>,
    /// When an array element starts there: its first byte and its path.
    pub next_element: Option<(u8, JsonPath)>,
}

/// Reads `bytes` as JSON tokens up to `offset` (serde_json's error position).
pub fn site_at(bytes: &[u8], offset: usize) -> Site {
    let offset = offset.min(bytes.len());
    // For each open container: whether it is an object still expecting a key.
    let mut frames: Vec<bool> = Vec::new();
    // The path to the member being read in each open container.
    let mut inside: Vec<Segment> = Vec::new();
    // The value in focus is `inside` as it was when focus moved: its length and last segment
    // (deeper segments do not change until focus moves again). Kept this way, not copied, so
    // deep nesting costs no more than shallow.
    let mut focus = Focus::default();
    // Just after a closing bracket: the member of the closed container that was read last.
    let mut closed_member: Option<Segment> = None;
    let mut i = 0;
    while i < offset {
        let byte = bytes[i];
        let expecting_key = frames.last() == Some(&true);
        if !byte.is_ascii_whitespace() {
            closed_member = None;
        }
        i = match byte {
            b'"' if expecting_key => {
                let end = string_end(bytes, i);
                // A key read in full puts its member in focus; a key cut short leaves the object.
                if end <= offset {
                    if let Some(last) = frames.last_mut() {
                        *last = false;
                    }
                    if let Some(member) = inside.last_mut() {
                        *member = Segment::Key(decode_key(&bytes[i + 1..end - 1]));
                    }
                    focus = Focus::on(&inside);
                }
                end
            }
            b'{' | b'[' => {
                focus = Focus::on(&inside);
                frames.push(byte == b'{');
                inside.push(if byte == b'{' {
                    Segment::Key(String::new())
                } else {
                    Segment::Index(0)
                });
                i + 1
            }
            b'}' | b']' => {
                // A member was read if the focus is inside this container.
                let member = inside.pop();
                if focus.len > inside.len() {
                    closed_member = member;
                }
                frames.pop();
                focus = Focus::on(&inside);
                i + 1
            }
            b',' => {
                match (frames.last_mut(), inside.last_mut()) {
                    (Some(expecting_key @ false), Some(Segment::Key(_))) => *expecting_key = true,
                    (_, Some(Segment::Index(index))) => *index += 1,
                    _ => {}
                }
                i + 1
            }
            b':' => i + 1,
            b if b.is_ascii_whitespace() => i + 1,
            // A value: a string, a number or a literal (true, false, null).
            _ => {
                focus = Focus::on(&inside);
                if byte == b'"' {
                    string_end(bytes, i)
                } else {
                    bytes[i..]
                        .iter()
                        .position(|b| {
                            matches!(b, b',' | b'}' | b']' | b':') || b.is_ascii_whitespace()
                        })
                        .map_or(bytes.len(), |n| i + n)
                }
            }
        };
    }
    // Just before an array element: serde_json places some errors about an element at its
    // first byte, unread.
    let next_element = matches!(inside.last(), Some(Segment::Index(_)))
        .then(|| bytes.get(offset).copied())
        .flatten()
        .filter(|b| !matches!(b, b',' | b']' | b'}' | b':') && !b.is_ascii_whitespace())
        .map(|first| (first, JsonPath(inside.clone())));
    Site {
        next_element,
        value: focus.path(&inside),
        last_member: closed_member.map(|member| {
            let mut path = inside.clone();
            path.push(member);
            JsonPath(path)
        }),
    }
}

#[derive(Default)]
struct Focus {
    len: usize,
    last: Option<Segment>,
}

impl Focus {
    fn on(inside: &[Segment]) -> Focus {
        Focus {
            len: inside.len(),
            last: inside.last().cloned(),
        }
    }

    fn path(self, inside: &[Segment]) -> JsonPath {
        let mut path = inside[..self.len.saturating_sub(1).min(inside.len())].to_vec();
        path.extend(self.last);
        JsonPath(path)
    }
}

/// Index just past the string starting at `start` (its closing quote), or the end of input.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len() + 1
}

/// A key's text; escapes are decoded by serde_json itself (the key is valid JSON by now).
fn decode_key(raw: &[u8]) -> String {
    let quoted = [b"\"".as_slice(), raw, b"\""].concat();
    serde_json::from_slice(&quoted)
        .unwrap_or_else(|_| String::from_utf8(raw.to_vec()).unwrap_or_else(|_| "\u{fffd}".into()))
}

/// 1-based line and column (counted in characters) of byte `offset`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    // Characters are counted by their first bytes: UTF-8's other bytes are 0b10xxxxxx.
    let column = before[line_start..]
        .iter()
        .filter(|b| **b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, column)
}

/// Byte offset where the value at `path` (written as [`JsonPath`] displays it) starts. The
/// inverse of [`site_at`], for tools that point at a field; the app never calls it.
pub fn value_offset(bytes: &[u8], path: &str) -> Option<usize> {
    value_span(bytes, &parse_path(path)?).map(|span| span.start)
}

/// Where the value at `path` is in `bytes`, found by walking the tokens on the way to it
/// (nothing is parsed into values, so an error message costs no second parse of the file).
pub fn value_span(bytes: &[u8], path: &[Segment]) -> Option<std::ops::Range<usize>> {
    let mut at = skip_whitespace(bytes, 0);
    for segment in path {
        at = match (segment, bytes.get(at)?) {
            (Segment::Key(key), b'{') => {
                member_value(bytes, at, |i, k| (k == Some(key)).then_some(i))?
            }
            (Segment::Index(index), b'[') => {
                member_value(bytes, at, |i, _| (i == *index).then_some(i))?
            }
            _ => return None,
        };
    }
    bytes.get(at)?;
    Some(at..value_end(bytes, at))
}

/// `incidents[3].status` as segments; `.` and `(top level)` are the root.
fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    if path == "." || path == "(top level)" {
        return Some(segments);
    }
    for part in path.split('.') {
        let (key, mut indexes) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_string()));
        }
        while let Some(rest) = indexes.strip_prefix('[') {
            let (index, tail) = rest.split_once(']')?;
            segments.push(Segment::Index(index.parse().ok()?));
            indexes = tail;
        }
        if !indexes.is_empty() {
            return None;
        }
    }
    Some(segments)
}

/// Walks the members of the object or array opening at `open`; `pick` gets each member's
/// position and (for objects) key, and chooses the one whose value offset is returned.
fn member_value(
    bytes: &[u8],
    open: usize,
    pick: impl Fn(usize, Option<&String>) -> Option<usize>,
) -> Option<usize> {
    let is_object = bytes[open] == b'{';
    let mut at = skip_whitespace(bytes, open + 1);
    for position in 0.. {
        if matches!(bytes.get(at)?, b'}' | b']') {
            return None;
        }
        let key = if is_object {
            let end = string_end(bytes, at);
            let key = decode_key(bytes.get(at + 1..end.checked_sub(1)?)?);
            at = skip_whitespace(bytes, end);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at = skip_whitespace(bytes, at + 1);
            Some(key)
        } else {
            None
        };
        if pick(position, key.as_ref()).is_some() {
            return Some(at);
        }
        at = skip_whitespace(bytes, value_end(bytes, at));
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
    }
    None
}

/// Index just past the value starting at `start`.
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        Some(b'"') => string_end(bytes, start),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = start;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => bytes[start.min(bytes.len())..]
            .iter()
            .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
            .map_or(bytes.len(), |n| start + n),
    }
}

fn skip_whitespace(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |n| from + n)
}
