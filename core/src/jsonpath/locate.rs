//! Where in a JSON text a problem's path is: line and column, for the `file:line:column:`
//! form that editors and CI systems jump to.
//!
//! Loaders work on parsed values and keep only paths (`$.grids[3].code`), so that valid
//! input pays nothing for positions. When there are problems, [`locate`] makes one pass over
//! the text and records the position of the values at the paths asked for (and of their
//! ancestors, the fallback when a path names a field that is missing).
//!
//! Lines count from 1 and end at `\n` (so `\r\n` is one line end). Columns count from 1 in
//! characters (Unicode scalar values), not bytes: a CJK character is one column, a tab is
//! one column, and a byte-order mark at the start of the text is not counted.

use std::collections::{HashMap, HashSet};

/// A place in a text: line and column, both from 1, the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// False when the path itself is not in the text (a missing field) and this is the
    /// position of the nearest enclosing value that is.
    pub exact: bool,
}

/// Nesting deeper than this is not followed (serde_json refuses deeper documents anyway).
const MAX_DEPTH: usize = 512;

/// The position of each of `paths` in `text`: of the value at the path, or, when the text has
/// no value there, of the nearest enclosing value it has (`exact: false`). `None` for a path
/// that is not a JSON path (`row 3, column id`) or whose root the text does not have.
/// Malformed text is read as far as it goes; nothing here panics.
pub fn locate(text: &str, paths: &[&str]) -> Vec<Option<Position>> {
    let mut wanted = HashSet::new();
    for path in paths {
        for prefix in prefixes(path) {
            wanted.insert(prefix);
        }
    }
    if wanted.is_empty() {
        return paths.iter().map(|_| None).collect();
    }
    let mut scan = Scan { text: text.as_bytes(), at: 0, line: 1, line_start: 0, path: String::from("$"), wanted: &wanted, found: HashMap::new(), counted: (0, 0, 1) };
    if text.starts_with('\u{feff}') {
        scan.at = 3;
        scan.line_start = 3;
    }
    scan.value(0);
    paths
        .iter()
        .map(|path| {
            let mut exact = true;
            for prefix in prefixes(path).iter().rev() {
                if let Some(&(line, column)) = scan.found.get(*prefix) {
                    return Some(Position { line, column, exact });
                }
                exact = false;
            }
            None
        })
        .collect()
}

/// `$.a[3].b` → `$`, `$.a`, `$.a[3]`, `$.a[3].b`; nothing for a path that does not start at `$`.
fn prefixes(path: &str) -> Vec<&str> {
    if path != "$" && !path.starts_with("$.") && !path.starts_with("$[") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, c) in path.char_indices().skip(1) {
        if c == '.' || c == '[' {
            out.push(&path[..i]);
        }
    }
    out.push(path);
    out
}

struct Scan<'t, 'w> {
    text: &'t [u8],
    at: usize,
    line: usize,
    line_start: usize,
    path: String,
    wanted: &'w HashSet<&'w str>,
    found: HashMap<String, (usize, usize)>,
    /// The last column counted: (its line's start, its byte, its column), so that a long line
    /// (a document on one line) is counted once, not once a value.
    counted: (usize, usize, usize),
}

impl Scan<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => break,
            }
        }
    }

    fn column(&mut self) -> usize {
        let (start, at, column) = self.counted;
        let (from, base) = if start == self.line_start && at <= self.at { (at, column) } else { (self.line_start, 1) };
        let line = self.text.get(from..self.at).unwrap_or_default();
        // Characters, not bytes: count the bytes that start a UTF-8 sequence.
        let column = base + line.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.counted = (self.line_start, self.at, column);
        column
    }

    fn mark(&mut self) {
        if self.wanted.contains(self.path.as_str()) && !self.found.contains_key(&self.path) {
            let position = (self.line, self.column());
            self.found.insert(self.path.clone(), position);
        }
    }

    /// Reads one value; false when the text ends or breaks off inside it.
    fn value(&mut self, depth: usize) -> bool {
        self.skip_ws();
        if depth > MAX_DEPTH {
            return false;
        }
        self.mark();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.at += 1;
                }
                true
            }
            None => false,
        }
    }

    /// Reads a string from its opening quote; its text (escapes decoded), or `None` when the
    /// text ends inside it.
    fn string(&mut self) -> Option<String> {
        let start = self.at + 1;
        self.at += 1;
        let mut escaped = false;
        loop {
            let b = self.peek()?;
            self.at += 1;
            match b {
                b'\\' => {
                    escaped = true;
                    self.at += 1;
                }
                b'"' => break,
                // A raw line break inside a string is not JSON; keep counting lines anyway.
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.at;
                }
                _ => {}
            }
        }
        let raw = std::str::from_utf8(self.text.get(start..self.at - 1)?).ok()?;
        if escaped {
            serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()
        } else {
            Some(raw.to_owned())
        }
    }

    fn object(&mut self, depth: usize) -> bool {
        self.at += 1;
        let base = self.path.len();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'}') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                Some(b'"') => {}
                _ => return false,
            }
            let Some(key) = self.string() else { return false };
            self.skip_ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.at += 1;
            self.path.push('.');
            self.path.push_str(&key);
            let ok = self.value(depth + 1);
            self.path.truncate(base);
            if !ok {
                return false;
            }
        }
    }

    fn array(&mut self, depth: usize) -> bool {
        self.at += 1;
        let base = self.path.len();
        let mut index = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b']') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => {
                    self.at += 1;
                    index += 1;
                    continue;
                }
                None => return false,
                Some(_) => {}
            }
            self.path.push('[');
            self.path.push_str(&index.to_string());
            self.path.push(']');
            let ok = self.value(depth + 1);
            self.path.truncate(base);
            if !ok {
                return false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column, exact: true })
    }

    #[test]
    fn finds_values_by_path_with_lines_and_character_columns() {
        let text = "{\n  \"nodes\": [\n    {\"id\": \"a\", \"name\": \"胜利社区\", \"parent\": \"x\"},\n    {\"id\": \"b\"}\n  ]\n}\n";
        let got = locate(text, &["$.nodes[0].parent", "$.nodes[1].id", "$.nodes", "$"]);
        // `"parent"` follows four CJK characters: columns count them as one each.
        assert_eq!(got, [at(3, 43), at(4, 12), at(2, 12), at(1, 1)]);
    }

    #[test]
    fn crlf_bom_and_tabs() {
        let text = "\u{feff}{\r\n\t\"grids\": [\r\n\t\t{\"code\": \"网格1\", \"households\": 0}\r\n\t]\r\n}\r\n";
        let got = locate(text, &["$.grids[0].households", "$.grids[0].code"]);
        // The BOM is not a column; a tab is one; `\r\n` is one line end.
        assert_eq!(got, [at(3, 33), at(3, 12)]);
    }

    #[test]
    fn a_missing_field_falls_back_to_its_record() {
        let text = "{\"members\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}]}";
        assert_eq!(locate(text, &["$.members[1].node"]), [Some(Position { line: 1, column: 28, exact: false })]);
        assert_eq!(locate(text, &["$.members[7].node"]), [Some(Position { line: 1, column: 13, exact: false })]);
    }

    #[test]
    fn escaped_keys_duplicates_and_junk_never_panic() {
        let text = r#"{"a\"b": 1, "k": [1, {"x": "y\\"}], "k": 2}"#;
        assert_eq!(locate(text, &["$.k[1].x", "$.k"]), [at(1, 28), at(1, 18)]);
        assert_eq!(locate("row 3, column id", &["row 3, column id"]), [None]);
        for junk in ["", "{", "[1,", "{\"a\":", "\"abc", "{\"a\" 1}", "]]]", "\u{feff}"] {
            let _ = locate(junk, &["$.a[0].b", "$"]);
        }
    }
}
