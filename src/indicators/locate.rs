//! Where each JSON path of a file is: a small scan of text that `serde_json` already
//! accepted, recording the line and column of every key and value.
//!
//! `serde_json::Value` forgets positions; this map gives them back so every problem can name
//! its line (`values[3].year` → line 14, column 7).

use std::collections::HashMap;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
}

/// The spots of every path in one JSON text.
#[derive(Debug, Default)]
pub struct Spots {
    /// Path → (spot of its key, spot of its value). Array items have the same spot twice.
    map: HashMap<String, (Spot, Spot)>,
}

impl Spots {
    /// Scans `text`, which must be valid JSON.
    pub fn scan(text: &str) -> Spots {
        let mut scanner = Scanner {
            text: text.as_bytes(),
            pos: 0,
            line_starts: line_starts(text),
            src: text,
            spots: Spots::default(),
        };
        scanner.value(String::new(), None);
        scanner.spots
    }

    /// Where the key of `path` is written (its value for array items), if the path exists.
    pub fn key(&self, path: &str) -> Option<Spot> {
        self.map.get(path).map(|(key, _)| *key)
    }

    /// Where the value of `path` starts.
    pub fn value(&self, path: &str) -> Option<Spot> {
        self.map.get(path).map(|(_, value)| *value)
    }
}

/// Joins a parent path and an object key: `values[3]` + `year` → `values[3].year`.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Joins a parent path and an array index: `values` + 3 → `values[3]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

struct Scanner<'a> {
    text: &'a [u8],
    src: &'a str,
    pos: usize,
    line_starts: Vec<usize>,
    spots: Spots,
}

impl Scanner<'_> {
    fn spot(&self, offset: usize) -> Spot {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.src.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Spot { line, column }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.text.len() && self.text[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> u8 {
        self.text.get(self.pos).copied().unwrap_or(0)
    }

    /// Records the value at `path` (its key at `key_at`) and scans past it.
    fn value(&mut self, path: String, key_at: Option<usize>) {
        self.skip_ws();
        let here = self.spot(self.pos);
        let key = key_at.map_or(here, |k| self.spot(k));
        self.spots.map.insert(path.clone(), (key, here));
        match self.peek() {
            b'{' => self.object(&path),
            b'[' => self.array(&path),
            b'"' => {
                self.string();
            }
            _ => {
                while self.pos < self.text.len()
                    && !matches!(self.text[self.pos], b',' | b']' | b'}')
                    && !self.text[self.pos].is_ascii_whitespace()
                {
                    self.pos += 1;
                }
            }
        }
    }

    fn object(&mut self, path: &str) {
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.peek() {
                b'}' | 0 => {
                    self.pos += 1;
                    return;
                }
                b',' => self.pos += 1,
                _ => {
                    let key_at = self.pos;
                    let key = self.string();
                    self.skip_ws();
                    self.pos += 1; // the colon
                    self.value(join(path, &key), Some(key_at));
                }
            }
        }
    }

    fn array(&mut self, path: &str) {
        self.pos += 1;
        let mut i = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                b']' | 0 => {
                    self.pos += 1;
                    return;
                }
                b',' => self.pos += 1,
                _ => {
                    self.value(index(path, i), None);
                    i += 1;
                }
            }
        }
    }

    /// Scans a string and returns its decoded text.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.text.len() && self.text[self.pos] != b'"' {
            if self.text[self.pos] == b'\\' {
                self.pos += 1;
            }
            self.pos += 1;
        }
        self.pos += 1;
        let raw = self.src.get(start..self.pos.min(self.text.len())).unwrap_or("\"\"");
        serde_json::from_str(raw).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_values_of_nested_paths() {
        let text =
            "{\n  \"id\": \"a\",\n  \"values\": [\n    { \"year\": 2022, \"value\": 41 },\n    {\"year\":2023}\n  ]\n}";
        let spots = Spots::scan(text);
        assert_eq!(spots.key("id"), Some(Spot { line: 2, column: 3 }));
        assert_eq!(spots.value("id"), Some(Spot { line: 2, column: 9 }));
        assert_eq!(spots.key("values[0].value"), Some(Spot { line: 4, column: 21 }));
        assert_eq!(spots.value("values[1]"), Some(Spot { line: 5, column: 5 }));
        assert_eq!(spots.value("values[1].year"), Some(Spot { line: 5, column: 13 }));
        assert_eq!(spots.value("values[2]"), None);
    }

    #[test]
    fn counts_columns_in_characters_and_decodes_escaped_keys() {
        let text = "[{\"title\": \"Mỹ Hòa\", \"a\\u0062\": 1}]";
        let spots = Spots::scan(text);
        assert_eq!(spots.key("[0].ab"), Some(Spot { line: 1, column: 22 }));
    }
}
