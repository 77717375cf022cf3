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
    serde_json::from_slice(&quoted).unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
}
