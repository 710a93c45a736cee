//! The golden corpus's comparison rules (`tests/scripts/README.md`, "Normalization"; the
//! reference implementation is `tests/scripts/normalize.py`). The corpus's outputs were
//! recorded from CPython + SQLAlchemy 2.1.9; what varies from run to run — echo timestamps,
//! elapsed-time figures, memory addresses, and traceback frames inside library code — is
//! rewritten the same way on both sides before they are compared. The native corpus test and
//! the browser one both compare through [`normalize`].

/// N1: `2026-11-23 08:40:12,345 ` at the start of a line.
fn n1(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let b = line.as_bytes();
        let shape = b"dddd-dd-dd dd:dd:dd,ddd ";
        let matches = b.len() >= shape.len()
            && shape.iter().zip(b).all(|(s, c)| match s {
                b'd' => c.is_ascii_digit(),
                other => other == c,
            });
        if matches {
            out.push_str("YYYY-MM-DD HH:MM:SS,mmm ");
            out.push_str(&line[shape.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Length of `\d+\.\d+s` at the start of `s`, if it is there.
fn seconds_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 || b.get(int) != Some(&b'.') {
        return None;
    }
    let frac = b[int + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if frac == 0 || b.get(int + 1 + frac) != Some(&b's') {
        return None;
    }
    Some(int + 1 + frac + 1)
}

/// N2: `[generated in 0.00015s` / `[cached since 0.0012s` / `[no key 0.00007s`.
fn n2(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(pos) = rest.find('[') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        for word in ["generated in ", "cached since ", "no key "] {
            if let Some(tail) = after.strip_prefix(word)
                && let Some(n) = seconds_len(tail)
            {
                out.push('[');
                out.push_str(word);
                out.push_str("X.XXXXXs");
                rest = &tail[n..];
                continue 'outer;
            }
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// N3: ` at 0x7f3a...` becomes ` at 0x...`.
fn n3(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(" at 0x") {
        let tail = &rest[pos + 6..];
        let n = tail
            .bytes()
            .take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            .count();
        out.push_str(&rest[..pos]);
        if n > 0 {
            out.push_str(" at 0x...");
        } else {
            out.push_str(" at 0x");
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

/// The path of a `  File "PATH", line N[, in NAME]` line.
fn frame_path(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  File \"")?;
    let end = rest.find('"')?;
    let (path, tail) = (&rest[..end], &rest[end + 1..]);
    let tail = tail.strip_prefix(", line ")?;
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let tail = &tail[digits..];
    (tail.is_empty() || tail.starts_with(", in ")).then_some(path)
}

/// N4: library frames (and the indented lines under them) are removed.
fn n4(text: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in text.split('\n') {
        if let Some(path) = frame_path(line) {
            skipping = path != "script.py";
            if skipping {
                continue;
            }
        } else if skipping && line.starts_with("    ") {
            continue;
        } else {
            skipping = false;
        }
        out.push(line);
    }
    out.join("\n")
}

/// The README's normalization, N1 to N4 in order: apply it to the expected and the actual
/// text alike, then compare them byte for byte.
pub fn normalize(text: &str) -> String {
    n4(&n3(&n2(&n1(text))))
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::normalize;

    #[test]
    fn normalization_follows_the_readme() {
        assert_eq!(
            normalize("2026-11-23 08:40:12,345 INFO x [generated in 0.00015s] ()\n"),
            "YYYY-MM-DD HH:MM:SS,mmm INFO x [generated in X.XXXXXs] ()\n"
        );
        assert_eq!(
            normalize("[cached since 0.0012s ago] [no key 0.00007s] [raw sql]"),
            "[cached since X.XXXXXs ago] [no key X.XXXXXs] [raw sql]"
        );
        assert_eq!(
            normalize("<User object at 0x7f3a9c>"),
            "<User object at 0x...>"
        );
        let tb = "Traceback (most recent call last):\n  File \"script.py\", line 3, in <module>\n    f()\n  File \"<site-packages>/x.py\", line 9, in f\n    raise E\n    ^^^^^^^\nE: boom\n";
        assert_eq!(
            normalize(tb),
            "Traceback (most recent call last):\n  File \"script.py\", line 3, in <module>\n    f()\nE: boom\n"
        );
    }
}
