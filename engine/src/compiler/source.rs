//! Source text handling: decoding source bytes (BOM, PEP 263 cookies) and
//! mapping byte offsets to lines and columns.

use ruff_text_size::{TextRange, TextSize};

use super::{CompileError, ErrorKind, RawError};
use crate::bytecode::Location;

/// `source` with every `\r\n` and lone `\r` turned into `\n`, as CPython's
/// tokenizer reads source (universal newlines for files, `translate_newlines`
/// for strings): a string literal spanning lines of a CRLF file holds `\n`,
/// and a backslash before `\r\n` continues the line.
pub fn translate_newlines(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains('\r') {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Line-start index of a source text.
#[derive(Clone, Debug)]
pub struct SourceMap {
    text: String,
    line_starts: Vec<u32>,
}

impl SourceMap {
    /// Indexes `source`.  `\n`, `\r\n` and lone `\r` end lines.
    pub fn new(source: &str) -> SourceMap {
        let mut line_starts = vec![0u32];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push((i + 1) as u32),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push((i + 1) as u32);
                }
                _ => {}
            }
            i += 1;
        }
        SourceMap {
            text: source.to_owned(),
            line_starts,
        }
    }

    /// 0-based line index of a byte offset.
    fn line_index(&self, offset: u32) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// `(1-based line, 0-based byte column)` of a byte offset.
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let off = u32::from(offset).min(self.text.len() as u32);
        let idx = self.line_index(off);
        ((idx + 1) as u32, off - self.line_starts[idx])
    }

    /// The location of a range (columns in UTF-8 bytes, as `co_positions`).
    pub fn location(&self, range: TextRange) -> Location {
        let (line, col) = self.line_col(range.start());
        let (end_line, end_col) = self.line_col(range.end());
        Location {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// Text of 1-based line `line` without its terminator.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let idx = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(idx)? as usize;
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let s = self.text.get(start..end)?;
        Some(s.trim_end_matches(['\n', '\r']))
    }

    /// 1-based character column of byte column `col` on `line`.
    pub(crate) fn char_col(&self, line: u32, col: u32) -> u32 {
        match self.line_text(line) {
            Some(text) => {
                let col = (col as usize).min(text.len());
                let mut c = col;
                while c > 0 && !text.is_char_boundary(c) {
                    c -= 1;
                }
                text[..c].chars().count() as u32 + 1
            }
            None => col + 1,
        }
    }

    /// The whole source text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub(crate) fn to_compile_error(&self, e: &RawError, filename: &str) -> CompileError {
        if let Some(x) = &e.exact {
            return CompileError {
                kind: e.kind,
                msg: e.msg.clone(),
                filename: filename.to_owned(),
                ..(**x).clone()
            };
        }
        let (lineno, col) = self.line_col(e.range.start());
        let (end_lineno, end_col) = self.line_col(e.range.end());
        // CPython's parser reports a decimal literal past the digit limit
        // with its line alone (offsets 0).
        if e.msg.starts_with("Exceeds the limit (") {
            return CompileError {
                kind: e.kind,
                msg: e.msg.clone(),
                filename: filename.to_owned(),
                lineno,
                col_offset: 0,
                end_lineno: lineno,
                end_col_offset: 0,
                text: self.line_text(lineno).map(str::to_owned),
            };
        }
        // CPython's unexpected indent points at the last character of the
        // indentation and has no end column.
        if e.kind == ErrorKind::IndentationError && e.msg == "unexpected indent" {
            let text = self.line_text(lineno);
            let width = text.map_or(0, |t| {
                t.chars()
                    .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
                    .count()
            });
            return CompileError {
                kind: e.kind,
                msg: e.msg.clone(),
                filename: filename.to_owned(),
                lineno,
                col_offset: width as i32,
                end_lineno: lineno,
                end_col_offset: -1,
                text: text.map(str::to_owned),
            };
        }
        // CPython raises these tokenizer errors without an end column (its
        // unindent error with -1).
        let no_end = e.msg.ends_with("was never closed")
            || e.msg == "unexpected character after line continuation character";
        let unindent =
            e.kind == ErrorKind::IndentationError && e.msg.starts_with("unindent does not match");
        CompileError {
            kind: e.kind,
            msg: e.msg.clone(),
            filename: filename.to_owned(),
            lineno,
            col_offset: self.char_col(lineno, col) as i32,
            end_lineno,
            end_col_offset: if unindent {
                -1
            } else if no_end {
                0
            } else {
                self.char_col(end_lineno, end_col) as i32
            },
            text: self.line_text(lineno).map(str::to_owned),
        }
    }
}

fn syntax_error(filename: &str, msg: String, lineno: u32, text: Option<String>) -> CompileError {
    CompileError {
        kind: ErrorKind::SyntaxError,
        msg,
        filename: filename.to_owned(),
        lineno,
        col_offset: if lineno > 0 { 1 } else { 0 },
        end_lineno: lineno,
        end_col_offset: if lineno > 0 { 1 } else { 0 },
        text,
    }
}

/// Finds a PEP 263 coding declaration in one line.
fn coding_cookie(line: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(line).ok().or_else(|| {
        // A cookie line is ASCII; ignore any trailing garbage.
        None
    })?;
    let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
    if !trimmed.starts_with('#') {
        return None;
    }
    let idx = trimmed.find("coding")?;
    let rest = &trimmed[idx + 6..];
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    if name.is_empty() {
        None
    } else {
        Some(name)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
}

fn normalize_encoding(name: &str) -> Option<Encoding> {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    if lower == "utf-8" || lower == "utf8" || lower.starts_with("utf-8-") {
        return Some(Encoding::Utf8);
    }
    if matches!(
        lower.as_str(),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "iso-latin-1" | "cp819"
    ) || lower.starts_with("latin-1-")
        || lower.starts_with("iso-8859-1-")
        || lower.starts_with("iso-latin-1-")
    {
        return Some(Encoding::Latin1);
    }
    if matches!(lower.as_str(), "ascii" | "us-ascii" | "646") {
        return Some(Encoding::Ascii);
    }
    None
}

/// The PEP 263 coding declaration of source bytes (after any BOM) and
/// its line: on line 1, or on line 2 if line 1 is a comment or blank.
fn find_cookie(body: &[u8]) -> Option<(String, u32)> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or(&[]);
    if let Some(c) = coding_cookie(first) {
        return Some((c, 1));
    }
    let first_trim: Vec<u8> = first
        .iter()
        .copied()
        .filter(|b| !b" \t\x0c\r".contains(b))
        .collect();
    if first_trim.is_empty() || first_trim[0] == b'#' {
        return lines.next().and_then(coding_cookie).map(|c| (c, 2));
    }
    None
}

/// The encoding a source's coding declaration names when it is none of
/// those [`decode_source`] decodes itself (UTF-8, Latin-1, ASCII) and
/// the source has no UTF-8 BOM: the caller decodes it with that codec.
pub fn foreign_encoding(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return None;
    }
    find_cookie(bytes)
        .map(|(name, _)| name)
        .filter(|name| normalize_encoding(name).is_none())
}

/// Decodes source bytes to text following PEP 263 (see [`super::compile_bytes`]).
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, CompileError> {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let cookie = find_cookie(body);
    let encoding = match &cookie {
        None => Encoding::Utf8,
        Some((name, line)) => match normalize_encoding(name) {
            Some(enc) => {
                // With a BOM the cookie must name UTF-8 in the spelling
                // CPython's `get_normal_name` maps to "utf-8" ("utf8" is
                // refused there, so it is here).
                let n = name.to_ascii_lowercase().replace('_', "-");
                let utf8_spelled = n == "utf-8" || n.starts_with("utf-8-");
                if bom && (enc != Encoding::Utf8 || !utf8_spelled) {
                    let norm = if enc == Encoding::Latin1 {
                        "iso-8859-1"
                    } else {
                        name.as_str()
                    };
                    return Err(syntax_error(
                        filename,
                        format!("encoding problem: {norm} with BOM"),
                        0,
                        None,
                    ));
                }
                enc
            }
            None => {
                let _ = line;
                return Err(syntax_error(
                    filename,
                    format!("encoding problem: {name}"),
                    0,
                    None,
                ));
            }
        },
    };
    match encoding {
        Encoding::Latin1 => Ok(body.iter().map(|&b| b as char).collect()),
        Encoding::Utf8 | Encoding::Ascii => match std::str::from_utf8(body) {
            Ok(text) if encoding == Encoding::Utf8 || text.is_ascii() => Ok(text.to_owned()),
            Ok(text) => {
                let pos = text.bytes().position(|b| !b.is_ascii()).unwrap_or(0);
                let line = text.as_bytes()[..pos]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u32
                    + 1;
                Err(syntax_error(
                    filename,
                    format!(
                        "(unicode error) 'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        text.as_bytes()[pos],
                        pos
                    ),
                    line,
                    None,
                ))
            }
            Err(e) => {
                let pos = e.valid_up_to();
                let line = body[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let byte = body[pos];
                if cookie.is_some() || bom {
                    Err(syntax_error(
                        filename,
                        format!("(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"),
                        line,
                        None,
                    ))
                } else {
                    Err(syntax_error(
                        filename,
                        format!(
                            "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
                        ),
                        // CPython reports this tokenizer error without a
                        // location: no `File ..., line N` header is printed.
                        0,
                        None,
                    ))
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_variants() {
        assert_eq!(decode_source(b"x = 1\n", "f").unwrap(), "x = 1\n");
        assert_eq!(
            decode_source(b"\xEF\xBB\xBFx = 1\n", "f").unwrap(),
            "x = 1\n"
        );
        let latin = decode_source(b"# -*- coding: latin-1 -*-\nx = '\xff'\n", "f").unwrap();
        assert!(latin.contains('\u{ff}'));
        let latin2 = decode_source(
            b"#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\nx = '\xe9'\n",
            "f",
        )
        .unwrap();
        assert!(latin2.contains('\u{e9}'));
        let e = decode_source(b"x = 1\ny = '\xff'\n", "bad.py").unwrap_err();
        assert_eq!(
            e.msg,
            "Non-UTF-8 code starting with '\\xff' in file bad.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
        );
        // CPython raises this one without a location (the line is in the message).
        assert_eq!(e.lineno, 0);
        assert_eq!(
            decode_source(b"# coding: foobar\n", "f").unwrap_err().msg,
            "encoding problem: foobar"
        );
        assert_eq!(
            decode_source(b"\xEF\xBB\xBF# coding: latin-1\n", "f")
                .unwrap_err()
                .msg,
            "encoding problem: iso-8859-1 with BOM"
        );
    }

    #[test]
    fn line_columns() {
        let m = SourceMap::new("ab\r\ncdé\rx");
        assert_eq!(m.line_col(TextSize::new(0)), (1, 0));
        assert_eq!(m.line_col(TextSize::new(4)), (2, 0));
        assert_eq!(m.line_col(TextSize::new(9)), (3, 0));
        assert_eq!(m.line_text(2), Some("cdé"));
        assert_eq!(m.char_col(2, 4), 4);
    }
}
