//! The parser adapter: `ruff_python_parser` turns source text into a module AST, and a
//! [`Source`] maps byte offsets back to lines and columns for error reports.
//!
//! CPython 3.11 and ruff word many syntax errors differently. Retort keeps CPython's layout
//! (`  File "script.py", line N`, the source line, the caret line, `SyntaxError: ...`) and uses
//! CPython's wording where a ruff message maps clearly onto one (`invalid syntax`,
//! `'[' was never closed`, `expected ':'`, `unexpected indent`, ...); other ruff messages are
//! passed through as ruff words them (ruff says e.g. "Expected an expression" where CPython
//! says "invalid syntax").

use crate::error::Error;
use ruff_python_ast::ModModule;
use ruff_text_size::{TextRange, TextSize};

/// Source text with its file name and a line index.
#[derive(Debug)]
pub struct Source {
    /// The file name shown in tracebacks (`script.py` by default).
    pub filename: String,
    /// The full text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Index `text` for line lookups.
    pub fn new(filename: &str, text: &str) -> Source {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Source {
            filename: filename.to_string(),
            text: text.to_string(),
            line_starts,
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: TextSize) -> usize {
        let off = usize::from(offset);
        match self.line_starts.binary_search(&off) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// 0-based character column of byte `offset` within its line.
    pub fn column_of(&self, offset: TextSize) -> usize {
        let line = self.line_of(offset);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let off = usize::from(offset).min(self.text.len());
        self.text
            .get(start..off)
            .map(|s| s.chars().count())
            .unwrap_or(0)
    }

    /// The start line of `range`.
    pub fn line_of_range(&self, range: TextRange) -> usize {
        self.line_of(range.start())
    }
}

/// Parse a module, or report the first syntax error as CPython prints it.
pub fn parse_module(source: &Source) -> Result<ModModule, Error> {
    match ruff_python_parser::parse_module(&source.text) {
        Ok(parsed) => Ok(parsed.into_syntax()),
        Err(err) => Err(syntax_error(source, err.location, &err.error.to_string())),
    }
}

/// Build the CPython-style report for a syntax error at `range`.
pub fn syntax_error(source: &Source, range: TextRange, ruff_message: &str) -> Error {
    let mut start = range.start();
    // Errors reported at the very end of the input point at the last line, as CPython does.
    if usize::from(start) >= source.text.len() && !source.text.is_empty() {
        let trimmed = source.text.trim_end().len();
        start = TextSize::try_from(trimmed.saturating_sub(1)).unwrap_or(start);
    }
    let mut report = cpython_message(ruff_message, source, start);
    // CPython tokenizes the rest of the source after a generic syntax error and reports a
    // tokenizer error found there instead (typographic quotes pasted from a web page).
    if report.message == "invalid syntax"
        && let Some((offset, c)) = invalid_character(&source.text, usize::from(range.start()))
    {
        report = Report::syntax(format!("invalid character '{c}' (U+{:04X})", u32::from(c)));
        start = TextSize::try_from(offset).unwrap_or(start);
    }
    // A generic error on a line after a bracket that is still open there is reported as
    // that bracket never being closed (CPython's `_PyPegen_set_syntax_error`).
    if report.message == "invalid syntax" || report.message == "unexpected EOF while parsing" {
        let upto = source
            .text
            .get(..usize::from(range.start()))
            .unwrap_or(&source.text);
        if let Some((offset, c)) = unclosed_bracket(upto) {
            let bracket_at = TextSize::try_from(offset).unwrap_or(start);
            if source.line_of(bracket_at) < source.line_of(start) {
                report = Report::syntax(format!("'{c}' was never closed"));
                start = bracket_at;
            }
        }
    }
    let line = source.line_of(start);
    let column = source.column_of(start);
    let text = source.line_text(line);
    let stripped = text.trim_start();
    let indent = text.chars().count() - stripped.chars().count();
    let caret_col = column.saturating_sub(indent);
    let caret = if report.caret {
        format!("    {}^\n", " ".repeat(caret_col))
    } else {
        String::new()
    };
    let rendered = format!(
        "  File \"{}\", line {line}\n    {stripped}\n{caret}{}: {}\n",
        source.filename, report.class, report.message
    );
    Error::Syntax {
        line,
        column: column + 1,
        message: report.message,
        rendered,
    }
}

/// The first character at or after byte `from` (outside strings and comments) that cannot
/// appear in Python source: a non-ASCII character that is neither a letter nor a digit.
fn invalid_character(text: &str, from: usize) -> Option<(usize, char)> {
    let mut quote: Option<(char, bool)> = None;
    let mut comment = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if comment {
            comment = c != '\n';
            continue;
        }
        match quote {
            Some((q, triple)) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    if !triple {
                        quote = None;
                    } else if text[i..].starts_with(&q.to_string().repeat(3)) {
                        chars.next();
                        chars.next();
                        quote = None;
                    }
                } else if c == '\n' && !triple {
                    quote = None;
                }
            }
            None => match c {
                '#' => comment = true,
                '\'' | '"' => {
                    let triple = text[i..].starts_with(&c.to_string().repeat(3));
                    if triple {
                        chars.next();
                        chars.next();
                    }
                    quote = Some((c, triple));
                }
                c if i >= from && !c.is_ascii() && !c.is_alphanumeric() => return Some((i, c)),
                _ => {}
            },
        }
    }
    None
}

/// The class, message and caret of a syntax error report.
struct Report {
    class: &'static str,
    message: String,
    caret: bool,
}

impl Report {
    fn syntax(message: String) -> Report {
        Report {
            class: "SyntaxError",
            message,
            caret: true,
        }
    }
}

/// The innermost bracket still open at the end of `text` (byte offset, character),
/// skipping strings and comments, as CPython's tokenizer reports it.
fn unclosed_bracket(text: &str) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' => {
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if !triple && bytes[i] == b'\n' {
                        break;
                    }
                    if bytes[i] == b
                        && (!triple
                            || (bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b)))
                    {
                        i += if triple { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => stack.push((i, char::from(b))),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.pop()
}

/// Map ruff's wording onto CPython 3.11's where the two clearly describe the same error.
fn cpython_message(ruff: &str, source: &Source, at: TextSize) -> Report {
    let text = ruff.replace('`', "'");
    let lower = text.to_ascii_lowercase();
    if lower.contains("unexpected indentation") {
        return Report {
            class: "IndentationError",
            message: "unexpected indent".into(),
            caret: false,
        };
    }
    if let Some(rest) = lower.strip_prefix("expected an indented block") {
        // CPython names the line of the statement whose body is missing.
        let line = source.line_of(at);
        let header = (1..line).rev().find(|l| {
            let t = source.line_text(*l).trim();
            !t.is_empty() && !t.starts_with('#')
        });
        let message = match header {
            Some(h) if !rest.is_empty() => format!("expected an indented block{rest} on line {h}"),
            _ => "expected an indented block".into(),
        };
        return Report {
            class: "IndentationError",
            message,
            caret: true,
        };
    }
    if lower.contains("unindent does not match") {
        return Report {
            class: "IndentationError",
            message: "unindent does not match any outer indentation level".into(),
            caret: true,
        };
    }
    if lower.contains("missing closing quote") || lower.contains("unterminated string") {
        let message = format!(
            "unterminated string literal (detected at line {})",
            source.line_of(at)
        );
        return Report::syntax(message);
    }
    if lower.contains("unexpected eof") {
        return Report::syntax("unexpected EOF while parsing".into());
    }
    if lower.starts_with("expected ':'") {
        return Report::syntax("expected ':'".into());
    }
    if lower.starts_with("expected")
        || lower.starts_with("unexpected token")
        || lower.contains("invalid syntax")
    {
        return Report::syntax("invalid syntax".into());
    }
    Report::syntax(text)
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn parses_a_module() {
        let src = Source::new("script.py", "x = 1\nprint(x)\n");
        assert_eq!(parse_module(&src).map(|m| m.body.len()).ok(), Some(2));
    }

    #[test]
    fn typographic_quotes_after_a_syntax_error_are_reported_as_cpython_does() {
        let src = Source::new(
            "script.py",
            "from x import (\nfrom y import z\n# \u{2018}ok\u{2019}\nn = \u{2018}user\u{2019}\n",
        );
        let Err(Error::Syntax { rendered, .. }) = parse_module(&src) else {
            panic!("expected a syntax error");
        };
        assert_eq!(
            rendered,
            "  File \"script.py\", line 4\n    n = \u{2018}user\u{2019}\n        ^\nSyntaxError: invalid character '\u{2018}' (U+2018)\n"
        );
    }

    #[test]
    fn syntax_error_layout_matches_cpython() {
        // Expected text from CPython 3.11.7 (`python3 script.py`, path shortened to script.py).
        let src = Source::new("script.py", "def f(:\n  pass\n");
        let err = parse_module(&src).err().map(|e| e.render());
        assert_eq!(
            err.as_deref(),
            Some(
                "  File \"script.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n"
            )
        );
    }
}
