//! Splitting a SQL script into statements, the way the `sqlite3` shell does.
//!
//! SQLAlchemy executes one statement at a time, so a script typed into the playground's SQL box
//! is cut at each `;` that ends a statement. Semicolons inside quotes, identifiers, comments and
//! `CREATE TRIGGER ... END` bodies do not end one. Written by hand because rusqlite does not expose
//! `sqlite3_complete` and its `Batch` iterator does not return each statement's text, which the
//! echo log and error messages must show.

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptStatement<'a> {
    /// The statement's text, trimmed, without its final `;`.
    pub sql: &'a str,
    /// The 1-based line of the script it starts on.
    pub line: usize,
}

/// Cuts `script` into statements; blank pieces and pieces holding only comments are skipped.
pub fn split_statements(script: &str) -> Vec<ScriptStatement<'_>> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut words = TriggerTracker::default();
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => i = skip_quoted(bytes, i, quote),
            b'[' => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b']')
                    .map_or(bytes.len(), |p| i + p + 1)
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = script[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2);
            }
            b';' if !words.inside_trigger_body() => {
                push_piece(script, start, i, &mut out);
                words = TriggerTracker::default();
                i += 1;
                start = i;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$'))
                    .map_or(bytes.len(), |p| i + p);
                words.word(&script[i..end]);
                i = end;
            }
            _ => i += 1,
        }
    }
    push_piece(script, start, bytes.len(), &mut out);
    out
}

/// Index just past the closing quote (a doubled quote escapes itself).
fn skip_quoted(bytes: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn push_piece<'a>(script: &'a str, start: usize, end: usize, out: &mut Vec<ScriptStatement<'a>>) {
    let piece = &script[start..end];
    let trimmed = piece.trim();
    if trimmed.is_empty() || is_only_comments(trimmed) {
        return;
    }
    let offset = start + (piece.len() - piece.trim_start().len());
    let line = script[..offset].matches('\n').count() + 1;
    out.push(ScriptStatement { sql: trimmed, line });
}

fn is_only_comments(mut s: &str) -> bool {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return true;
        }
        if let Some(rest) = s.strip_prefix("--") {
            s = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = s.strip_prefix("/*") {
            s = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return false;
        }
    }
}

/// Tracks whether the words so far open a `CREATE [TEMP] TRIGGER` whose `BEGIN ... END` body
/// has not closed yet, as `sqlite3_complete` does.
#[derive(Default)]
struct TriggerTracker {
    seen: usize,
    is_trigger: bool,
    in_body: bool,
    last_was_end: bool,
}

impl TriggerTracker {
    fn word(&mut self, word: &str) {
        let w = word.to_ascii_uppercase();
        match self.seen {
            0 if w != "CREATE" => self.seen = usize::MAX,
            1 if w == "TEMP" || w == "TEMPORARY" => return,
            1 => self.is_trigger = w == "TRIGGER",
            _ => {}
        }
        self.seen = self.seen.saturating_add(1);
        if self.is_trigger {
            if w == "BEGIN" {
                self.in_body = true;
            }
            self.last_was_end = w == "END";
        }
    }

    fn inside_trigger_body(&self) -> bool {
        self.is_trigger && self.in_body && !self.last_was_end
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn sqls(script: &str) -> Vec<&str> {
        split_statements(script)
            .into_iter()
            .map(|s| s.sql)
            .collect()
    }

    #[test]
    fn cuts_at_semicolons_outside_quotes_and_comments() {
        let script = "CREATE TABLE t (x TEXT);\n-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b');\n/* ; */ SELECT \"x;\" FROM t";
        assert_eq!(
            sqls(script),
            [
                "CREATE TABLE t (x TEXT)",
                "-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b')",
                "/* ; */ SELECT \"x;\" FROM t"
            ]
        );
    }

    #[test]
    fn reports_the_line_each_statement_starts_on() {
        let lines: Vec<usize> = split_statements("SELECT 1;\n\n  SELECT 2;SELECT 3")
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(lines, [1, 3, 3]);
    }

    #[test]
    fn skips_empty_and_comment_only_pieces() {
        assert_eq!(sqls(";;  ; -- nothing\n"), Vec::<&str>::new());
        assert_eq!(sqls("SELECT 1; -- trailing"), ["SELECT 1"]);
    }

    #[test]
    fn keeps_trigger_bodies_whole() {
        let script = "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; DELETE FROM u; END; SELECT 1";
        assert_eq!(
            sqls(script),
            [
                "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; DELETE FROM u; END",
                "SELECT 1"
            ]
        );
    }

    #[test]
    fn unterminated_quotes_and_brackets_do_not_panic() {
        assert_eq!(sqls("SELECT 'oops; SELECT 2"), ["SELECT 'oops; SELECT 2"]);
        assert_eq!(sqls("SELECT [x; /* open"), ["SELECT [x; /* open"]);
        assert_eq!(sqls("é;ü"), ["é", "ü"]);
    }
}
