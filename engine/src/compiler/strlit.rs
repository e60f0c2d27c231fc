//! CPython 3.11's rules for string literals, which ruff (a Python 3.12
//! parser) does not apply or reports differently.
//!
//! In 3.11 a whole f-string is one STRING token; the parser action that
//! joins adjacent literals (`strings: STRING+`) decodes each of them in
//! order, then parses f-string replacement fields with a small scanner of
//! its own (no backslash or `#` in an expression, quotes of the enclosing
//! literal end it, format specs nest at most twice) and compiles each
//! expression as the separate text `(expr)`.  This module replays those
//! steps on the source text of each literal group and returns the first
//! error with CPython's message and location:
//! - errors raised by the action are located at the last token the parser
//!   read, which is the token after the literal group;
//! - errors inside a replacement field are located in the text `(expr)`
//!   (column relative to it, line of the field), with "f-string: " before
//!   every parser message (not before tokenizer messages).
//!
//! The caller ([`super::front_error`]) prefers this error when the literal
//! starts before ruff's first parse error: CPython's parser runs the action
//! as soon as it has read the literal.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_parser::{parse_unchecked, Mode as ParseMode, ParseOptions};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{ErrorKind, RawError, RawWarning, SourceMap, WarnOrigin, WarningCategory};
use ruff_python_ast::PythonVersion;

/// One string literal as CPython 3.11's tokenizer delimits it.
struct Literal {
    start: usize,
    end: usize,
}

/// Returns the first 3.11 string-literal error of `source` with the start
/// of the literal group that causes it; appends to `warnings` the invalid
/// escape sequences of the literals decoded without error (CPython's
/// parser warns for each literal once decoded, see [`invalid_escape`]).
pub(crate) fn check(
    source: &str,
    tokens: &Tokens,
    warnings: &mut Vec<RawWarning>,
) -> Option<(TextSize, RawError)> {
    let toks: Vec<(TokenKind, TextRange)> = tokens.iter().map(|t| (t.kind(), t.range())).collect();
    let is_start = |k: TokenKind| matches!(k, TokenKind::String | TokenKind::FStringStart);
    let trivia = |k: TokenKind| matches!(k, TokenKind::Comment | TokenKind::NonLogicalNewline);
    let mut i = 0;
    // Bracket depth outside f-strings: at the end of the source inside
    // brackets, reading the token after a literal fails in the tokenizer
    // ("'(' was never closed") before the literal is decoded.
    let mut open: Vec<TextRange> = Vec::new();
    while i < toks.len() {
        if !is_start(toks[i].0) {
            match toks[i].0 {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => open.push(toks[i].1),
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    open.pop();
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let group_start = toks[i].1.start();
        let mut lits = Vec::new();
        let mut j = i;
        let mut truncated = false;
        let next;
        loop {
            let (ruff_end, after) = token_end(&toks, j);
            let start = toks[j].1.start().to_usize();
            match extent(source, start) {
                Ok(end) => {
                    lits.push(Literal { start, end });
                    if end < ruff_end {
                        // A quote of the literal itself ends it in 3.11
                        // (`f"{"a"}"`): what follows tokenizes differently.
                        truncated = true;
                        next = toks.len();
                        break;
                    }
                }
                Err(e) => return Some((group_start, e)),
            }
            let mut k = after;
            while k < toks.len() && trivia(toks[k].0) {
                k += 1;
            }
            if k < toks.len() && is_start(toks[k].0) {
                j = k;
            } else {
                next = k;
                break;
            }
        }
        let at_end = toks[next.min(toks.len())..].iter().all(|t| {
            matches!(
                t.0,
                TokenKind::EndOfFile
                    | TokenKind::Dedent
                    | TokenKind::Newline
                    | TokenKind::NonLogicalNewline
                    | TokenKind::Comment
            ) || (t.0 == TokenKind::Unknown && t.1.is_empty())
        });
        let depth = open.len();
        let never_closed = |group_start| {
            let r = *open.last()?;
            let c = &source[r.start().to_usize()..r.end().to_usize()];
            Some((
                group_start,
                RawError::syntax(r, format!("'{c}' was never closed")),
            ))
        };
        if !truncated && depth > 0 && at_end {
            return never_closed(group_start);
        }
        let last = if truncated {
            // Go on with 3.11's tokens in the source: more literals join
            // the group.
            let b = source.as_bytes();
            let mut p = lits.last().map_or(0, |l| l.end);
            loop {
                while p < b.len() {
                    match b[p] {
                        b' ' | b'\t' | b'\x0c' => p += 1,
                        b'\\' if b.get(p + 1) == Some(&b'\n') => p += 2,
                        b'\n' | b'\r' if depth > 0 => p += 1,
                        b'#' if depth > 0 => {
                            while p < b.len() && b[p] != b'\n' {
                                p += 1;
                            }
                        }
                        _ => break,
                    }
                }
                if p >= b.len() && depth > 0 {
                    return never_closed(group_start);
                }
                let t = next_token_at(source, p);
                let text = &source[t.start().to_usize()..t.end().to_usize()];
                let is_literal = text.len() >= 2
                    && text.ends_with(['\'', '"'])
                    && text
                        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                        .starts_with(['\'', '"']);
                if !is_literal {
                    break t;
                }
                lits.push(Literal {
                    start: t.start().to_usize(),
                    end: t.end().to_usize(),
                });
                p = t.end().to_usize();
            }
        } else if next < toks.len() {
            match toks[next].0 {
                TokenKind::Newline | TokenKind::EndOfFile | TokenKind::Dedent => {
                    TextRange::empty(toks[next].1.start())
                }
                _ => toks[next].1,
            }
        } else {
            TextRange::empty(TextSize::new(source.len() as u32))
        };
        if let Some(e) = check_group(source, &lits, last, warnings) {
            return Some((group_start, e));
        }
        if truncated {
            return Some((group_start, RawError::syntax(last, "invalid syntax")));
        }
        i = next;
    }
    None
}

/// End offset of the ruff token (or f-string) starting at index `j`, and
/// the index after it.
fn token_end(toks: &[(TokenKind, TextRange)], j: usize) -> (usize, usize) {
    if toks[j].0 != TokenKind::FStringStart {
        return (toks[j].1.end().to_usize(), j + 1);
    }
    let mut depth = 0usize;
    for (k, (kind, range)) in toks.iter().enumerate().skip(j) {
        match kind {
            TokenKind::FStringStart => depth += 1,
            TokenKind::FStringEnd => {
                depth -= 1;
                if depth == 0 {
                    return (range.end().to_usize(), k + 1);
                }
            }
            _ => {}
        }
    }
    (usize::MAX, toks.len())
}

/// Prefix length, quote length (1 or 3) of the literal at `start`.
fn shape(source: &str, start: usize) -> (usize, usize) {
    let b = source.as_bytes();
    let mut p = start;
    while p < b.len() && b[p].is_ascii_alphabetic() {
        p += 1;
    }
    let q = b.get(p).copied().unwrap_or(b'"');
    let triple = b.get(p + 1) == Some(&q) && b.get(p + 2) == Some(&q);
    (p - start, if triple { 3 } else { 1 })
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}

/// End of the literal starting at `start` by 3.11's tokenizer rules (a
/// backslash escapes any character, a quote like the opening one ends it),
/// or its "unterminated string literal" error.
fn extent(source: &str, start: usize) -> Result<usize, RawError> {
    let b = source.as_bytes();
    let (plen, qlen) = shape(source, start);
    let q = b.get(start + plen).copied().unwrap_or(b'"');
    let mut p = start + plen + qlen;
    while p < b.len() {
        let c = b[p];
        if c == b'\\' {
            p += 2;
            continue;
        }
        if c == q {
            if qlen == 1 {
                return Ok(p + 1);
            }
            if b.get(p + 1) == Some(&q) && b.get(p + 2) == Some(&q) {
                return Ok(p + 3);
            }
        } else if c == b'\n' && qlen == 1 {
            break;
        }
        p += 1;
    }
    let at = TextRange::empty(TextSize::new(start as u32));
    Err(if qlen == 3 {
        let last = source.trim_end_matches(['\n', '\r']).len();
        let line = line_of(source, last.saturating_sub(1));
        RawError::syntax(
            at,
            format!("unterminated triple-quoted string literal (detected at line {line})"),
        )
    } else {
        let line = line_of(source, p.min(b.len()));
        RawError::syntax(
            at,
            format!("unterminated string literal (detected at line {line})"),
        )
    })
}

/// The range of the token 3.11's tokenizer would read at `pos` (a rough
/// tokenizer: names and numbers, quoted strings, single characters).
fn next_token_at(source: &str, pos: usize) -> TextRange {
    let b = source.as_bytes();
    let mut p = pos;
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\x0c') {
        p += 1;
    }
    let s = p;
    if p >= b.len() || matches!(b[p], b'\n' | b'\r' | b'#') {
        return TextRange::empty(TextSize::new(p as u32));
    }
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    if word(b[p]) {
        while p < b.len() && word(b[p]) {
            p += 1;
        }
        let prefix = source[s..p].to_ascii_lowercase();
        let is_prefix = matches!(
            prefix.as_str(),
            "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
        );
        if p < b.len() && matches!(b[p], b'\'' | b'"') && is_prefix {
            if let Ok(e) = extent(source, s) {
                p = e;
            }
        }
    } else if matches!(b[p], b'\'' | b'"') {
        p = extent(source, s).unwrap_or(p + 1);
    } else {
        p += source[p..].chars().next().map_or(1, char::len_utf8);
    }
    TextRange::new(TextSize::new(s as u32), TextSize::new(p as u32))
}

/// Replays `_PyPegen_concatenate_strings` on one literal group; `last` is
/// the location of errors raised by the action.
fn check_group(
    source: &str,
    lits: &[Literal],
    last: TextRange,
    warnings: &mut Vec<RawWarning>,
) -> Option<RawError> {
    let at_last = |msg: String| RawError::syntax(last, msg);
    let mut bytesmode = false;
    for (i, lit) in lits.iter().enumerate() {
        let (plen, qlen) = shape(source, lit.start);
        let prefix = source[lit.start..lit.start + plen].to_ascii_lowercase();
        let (is_bytes, raw, fmode) = (
            prefix.contains('b'),
            prefix.contains('r'),
            prefix.contains('f'),
        );
        let body_start = lit.start + plen + qlen;
        let body = &source[body_start..lit.end - qlen];
        let token = TextRange::new(
            TextSize::new(lit.start as u32),
            TextSize::new(lit.end as u32),
        );
        if !fmode {
            if is_bytes {
                if !body.is_ascii() {
                    return Some(at_last(
                        "bytes can only contain ASCII literal characters".into(),
                    ));
                }
                if !raw {
                    if let Some(pos) = bytes_escape_error(body.as_bytes()) {
                        return Some(at_last(format!(
                            "(value error) invalid \\x escape at position {pos}"
                        )));
                    }
                    warn_escape(warnings, body, true, token);
                }
            } else if !raw {
                if let Some(m) = unicode_escape_error(body) {
                    return Some(at_last(m));
                }
                warn_escape(warnings, body, false, token);
            }
        }
        if i != 0 && bytesmode != is_bytes {
            return Some(at_last("cannot mix bytes and nonbytes literals".into()));
        }
        bytesmode = is_bytes;
        if fmode {
            let mut fs = FString {
                source,
                body: &source.as_bytes()[..lit.end - qlen],
                tok_start: lit.start,
                raw,
                last,
                token,
                warnings: &mut *warnings,
            };
            let mut pos = body_start;
            if let Err(e) = fs.concat(&mut pos, 0) {
                return Some(e);
            }
        }
    }
    None
}

/// Appends the warning for the first invalid escape sequence of the body
/// of a (non-raw) literal, if any.
fn warn_escape(warnings: &mut Vec<RawWarning>, body: &str, is_bytes: bool, token: TextRange) {
    if let Some(msg) = invalid_escape(body.as_bytes(), is_bytes) {
        warnings.push(RawWarning {
            category: WarningCategory::DeprecationWarning,
            msg,
            range: token,
            origin: WarnOrigin::Literal,
        });
    }
}

/// The first invalid escape sequence of an escape-decoded body, as the
/// message of CPython 3.11's `warn_invalid_escape_sequence`: an octal
/// escape above 0o377 ("invalid octal escape sequence '\\400'") or a
/// backslash before a character that starts no escape ("invalid escape
/// sequence '\\d'"; in bytes `\\u`, `\\U` and `\\N` are such).  A backslash
/// before a non-ASCII character is kept literally without a warning.
fn invalid_escape(b: &[u8], is_bytes: bool) -> Option<String> {
    let mut s = 0;
    while s < b.len() {
        if b[s] != b'\\' {
            s += 1;
            continue;
        }
        s += 1;
        let Some(&c) = b.get(s) else { break };
        s += 1;
        match c {
            b'\n' | b'\\' | b'\'' | b'"' | b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' => {}
            b'\r' if b.get(s) == Some(&b'\n') => s += 1,
            b'\r' => {}
            b'0'..=b'7' => {
                let first = s - 1;
                let mut v = u32::from(c - b'0');
                let mut n = 1;
                while n < 3 && matches!(b.get(s), Some(b'0'..=b'7')) {
                    v = v * 8 + u32::from(b[s] - b'0');
                    s += 1;
                    n += 1;
                }
                if v > 0o377 {
                    let digits = String::from_utf8_lossy(&b[first..s]).into_owned();
                    return Some(format!("invalid octal escape sequence '\\{digits}'"));
                }
            }
            b'x' => {}
            b'u' | b'U' | b'N' if !is_bytes => {}
            c if c.is_ascii() => {
                return Some(format!("invalid escape sequence '\\{}'", c as char));
            }
            // A non-ASCII character (the first byte of its UTF-8 form).
            _ => {}
        }
    }
    None
}

/// `_PyBytes_DecodeEscape`: the position of a bad `\x` escape.
fn bytes_escape_error(body: &[u8]) -> Option<usize> {
    let mut s = 0;
    while s < body.len() {
        if body[s] != b'\\' {
            s += 1;
            continue;
        }
        let esc = s;
        s += 1;
        let Some(&c) = body.get(s) else { break };
        s += 1;
        match c {
            b'0'..=b'7' => {
                for _ in 0..2 {
                    if body.get(s).is_some_and(|d| (b'0'..=b'7').contains(d)) {
                        s += 1;
                    }
                }
            }
            b'x' => {
                if s + 1 < body.len()
                    && body[s].is_ascii_hexdigit()
                    && body[s + 1].is_ascii_hexdigit()
                {
                    s += 2;
                } else {
                    return Some(esc);
                }
            }
            _ => {}
        }
    }
    None
}

/// `decode_unicode_with_escapes`: non-ASCII characters become `\UXXXXXXXX`
/// (a backslash before one becomes `\u005c`), then the unicode-escape
/// codec runs; returns its error as the parser reports it.
fn unicode_escape_error(body: &str) -> Option<String> {
    if !body.contains('\\') {
        return None;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(body.len() * 2);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            buf.push(b'\\');
            match chars.peek() {
                None => {
                    buf.extend_from_slice(b"u005c");
                    break;
                }
                Some(n) if !n.is_ascii() => buf.extend_from_slice(b"u005c"),
                Some(_) => {
                    let n = chars.next().unwrap_or('\\');
                    buf.push(n as u8);
                    continue;
                }
            }
            continue;
        }
        if c.is_ascii() {
            buf.push(c as u8);
        } else {
            buf.extend_from_slice(format!("\\U{:08x}", c as u32).as_bytes());
        }
    }
    let (start, end, msg) = unicode_escape_decode_error(&buf)?;
    let what = if end - start == 1 {
        format!("byte 0x{:02x} in position {start}", buf[start])
    } else {
        format!("bytes in position {start}-{}", end - 1)
    };
    Some(format!(
        "(unicode error) 'unicodeescape' codec can't decode {what}: {msg}"
    ))
}

/// The first error of the unicode-escape codec on `b`: (start, end, reason).
fn unicode_escape_decode_error(b: &[u8]) -> Option<(usize, usize, &'static str)> {
    let mut s = 0;
    while s < b.len() {
        if b[s] != b'\\' {
            s += 1;
            continue;
        }
        let start = s;
        s += 1;
        let Some(&c) = b.get(s) else {
            return Some((start, s, "\\ at end of string"));
        };
        s += 1;
        let (count, msg) = match c {
            b'x' => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            b'N' => {
                let malformed = "malformed \\N character escape";
                if s >= b.len() || b[s] != b'{' {
                    return Some((start, s.min(b.len()), malformed));
                }
                s += 1;
                let name_start = s;
                while s < b.len() && b[s] != b'}' {
                    s += 1;
                }
                if s >= b.len() {
                    return Some((start, s, malformed));
                }
                if s == name_start {
                    return Some((start, s, malformed));
                }
                let name = std::str::from_utf8(&b[name_start..s]).unwrap_or("");
                s += 1;
                if unicode_names2::character(name).is_none() {
                    return Some((start, s, "unknown Unicode character name"));
                }
                continue;
            }
            _ => continue,
        };
        let mut ch: u32 = 0;
        for _ in 0..count {
            match b.get(s).and_then(|d| (*d as char).to_digit(16)) {
                Some(d) => {
                    ch = (ch << 4) | d;
                    s += 1;
                }
                None => return Some((start, s, msg)),
            }
        }
        if ch > 0x10FFFF {
            return Some((start, s, "illegal Unicode character"));
        }
    }
    None
}

/// 3.11's f-string scanner over one literal (`Parser/string_parser.c`).
struct FString<'a> {
    source: &'a str,
    /// The source up to the closing quotes (the scanner's end).
    body: &'a [u8],
    tok_start: usize,
    raw: bool,
    last: TextRange,
    /// The whole f-string token (where its escape warnings point).
    token: TextRange,
    warnings: &'a mut Vec<RawWarning>,
}

impl FString<'_> {
    fn warn_escape(&mut self, text: &str) {
        warn_escape(self.warnings, text, false, self.token);
    }

    fn err(&self, msg: &str) -> RawError {
        RawError::syntax(self.last, msg)
    }

    /// `_PyPegen_FstringParser_ConcatFstring`.
    fn concat(&mut self, pos: &mut usize, lvl: u32) -> Result<(), RawError> {
        let end = self.body.len();
        loop {
            // fstring_find_literal
            let lit_start = *pos;
            let mut s = *pos;
            let mut doubled = false;
            while s < end {
                let mut ch = self.body[s];
                s += 1;
                if !self.raw && ch == b'\\' && s < end {
                    ch = self.body[s];
                    s += 1;
                    if ch == b'{' {
                        // fstring_find_literal warns for `\{` itself.
                        self.warnings.push(RawWarning {
                            category: WarningCategory::DeprecationWarning,
                            msg: "invalid escape sequence '\\{'".into(),
                            range: self.token,
                            origin: WarnOrigin::Literal,
                        });
                    }
                    if ch == b'N' {
                        if s < end {
                            let c = self.body[s];
                            s += 1;
                            if c == b'{' {
                                while s < end {
                                    let c2 = self.body[s];
                                    s += 1;
                                    if c2 == b'}' {
                                        break;
                                    }
                                }
                            }
                        }
                        continue;
                    }
                }
                if ch == b'{' || ch == b'}' {
                    if lvl == 0 {
                        if s < end && self.body[s] == ch {
                            doubled = true;
                            break;
                        }
                        if ch == b'}' {
                            return Err(self.err("f-string: single '}' is not allowed"));
                        }
                    }
                    s -= 1;
                    break;
                }
            }
            if s > lit_start && !self.raw {
                let text = String::from_utf8_lossy(&self.body[lit_start..s]);
                if let Some(m) = unicode_escape_error(&text) {
                    return Err(self.err(&m));
                }
                self.warn_escape(&text);
            }
            if doubled {
                *pos = s + 1;
                continue;
            }
            *pos = s;
            if *pos >= end || self.body[*pos] == b'}' {
                break;
            }
            self.find_expr(pos, lvl)?;
        }
        if lvl == 0 && *pos + 1 < end {
            return Err(self.err("f-string: unexpected end of string"));
        }
        if lvl != 0 && (*pos >= end || self.body[*pos] != b'}') {
            return Err(self.err("f-string: expecting '}'"));
        }
        Ok(())
    }

    /// `fstring_find_expr`: one replacement field starting at `{`.
    fn find_expr(&mut self, pos: &mut usize, lvl: u32) -> Result<(), RawError> {
        let b = self.body;
        let end = b.len();
        if lvl >= 2 {
            return Err(self.err("f-string: expressions nested too deeply"));
        }
        let brace = *pos;
        *pos += 1;
        let expr_start = *pos;
        let mut quote = 0u8;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while *pos < end {
            let ch = b[*pos];
            if ch == b'\\' {
                return Err(self.err("f-string expression part cannot include a backslash"));
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch {
                            *pos += 3;
                            quote = 0;
                            continue;
                        }
                    } else {
                        quote = 0;
                    }
                }
                *pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    triple = *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch;
                    if triple {
                        *pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if stack.len() >= 200 {
                        return Err(self.err("f-string: too many nested parenthesis"));
                    }
                    stack.push(ch);
                }
                b'#' => return Err(self.err("f-string expression part cannot include '#'")),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = b.get(*pos + 1).copied().filter(|_| *pos + 1 < end);
                    if next == Some(b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *pos += 2;
                        continue;
                    }
                    if !matches!(ch, b'>' | b'<') {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(open) = stack.pop() else {
                        return Err(self.err(&format!("f-string: unmatched '{}'", ch as char)));
                    };
                    let ok = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if !ok {
                        return Err(self.err(&format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        )));
                    }
                }
                _ => {}
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote != 0 {
            return Err(self.err("f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.err(&format!("f-string: unmatched '{}'", open as char)));
        }
        if *pos >= end {
            return Err(self.err("f-string: expecting '}'"));
        }
        self.compile_expr(brace, expr_start, expr_end)?;
        if b[*pos] == b'=' {
            *pos += 1;
            while *pos < end && matches!(b[*pos], b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
            {
                *pos += 1;
            }
            if *pos >= end {
                return Err(self.err("f-string: expecting '}'"));
            }
        }
        if b[*pos] == b'!' {
            *pos += 1;
            if *pos >= end {
                return Err(self.err("f-string: expecting '}'"));
            }
            let conv = b[*pos];
            *pos += 1;
            if !matches!(conv, b's' | b'r' | b'a') {
                return Err(
                    self.err("f-string: invalid conversion character: expected 's', 'r', or 'a'")
                );
            }
        }
        if *pos < end && b[*pos] == b':' {
            *pos += 1;
            if *pos >= end {
                return Err(self.err("f-string: expecting '}'"));
            }
            self.concat(pos, lvl + 1)?;
        }
        if *pos >= end || b[*pos] != b'}' {
            return Err(self.err("f-string: expecting '}'"));
        }
        *pos += 1;
        Ok(())
    }

    /// `fstring_compile_expr`: the expression must not be empty and must
    /// parse as `(expr)` on its own.
    fn compile_expr(&self, brace: usize, start: usize, end: usize) -> Result<(), RawError> {
        let b = self.body;
        let text = &b[start..end];
        // CPython's tokenizer has turned a `\r` into `\n` by now.
        if text
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return Err(match b.get(end) {
                Some(&c @ (b'!' | b':' | b'=')) => self.err(&format!(
                    "f-string: expression required before '{}'",
                    c as char
                )),
                _ => self.err("f-string: empty expression not allowed"),
            });
        }
        let sub = format!("({})", String::from_utf8_lossy(text));
        let options =
            ParseOptions::from(ParseMode::Expression).with_target_version(PythonVersion::PY312);
        let parsed = parse_unchecked(&sub, options);
        let map = SourceMap::new(&sub);
        let Some(e) = super::front_error(&sub, &map, &parsed, &mut Vec::new()) else {
            return Ok(());
        };
        // Line of the field: the literal's line plus the line breaks
        // before its `{`.
        let first_line = line_of(self.source, self.tok_start) as u32
            + self.source.as_bytes()[self.tok_start..brace]
                .iter()
                .filter(|&&c| c == b'\n')
                .count() as u32;
        let shift = first_line - 1;
        let (msg, mut ce) = match &e.exact {
            Some(x) => (e.msg.clone(), (**x).clone()),
            None => {
                let msg = if from_tokenizer(&e) {
                    e.msg.clone()
                } else {
                    format!("f-string: {}", e.msg)
                };
                (msg, map.to_compile_error(&e, ""))
            }
        };
        // CPython 3.11 subtracts the field's starting column from every
        // column of the error, also those on later lines of `(expr)`,
        // whose columns it never added it to.
        let src = self.source.as_bytes();
        let newline_after_brace = src[brace + 1..]
            .iter()
            .take_while(|&&c| c != b'}' && c != b'\n')
            .all(|&c| matches!(c, b' ' | b'\t' | b'\x0c'));
        let lines = src[self.tok_start..brace]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        let scol = if newline_after_brace {
            0
        } else {
            let line_start = src[self.tok_start..brace]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(self.tok_start, |i| self.tok_start + i + 1);
            let cols = self.source[line_start..brace].chars().count();
            if lines != 0 {
                cols
            } else {
                let tok_line_start = self.source[..self.tok_start]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                self.source[tok_line_start..self.tok_start].chars().count() + cols
            }
        } as i32;
        if ce.lineno > 1 {
            ce.col_offset -= scol;
        }
        if ce.end_lineno > 1 {
            ce.end_col_offset -= scol;
        }
        ce.lineno += shift;
        ce.end_lineno += shift;
        ce.msg = msg.clone();
        Err(RawError {
            kind: e.kind,
            msg,
            range: self.last,
            exact: Some(Box::new(ce)),
        })
    }
}

/// Whether CPython raises this error in its tokenizer (no "f-string: "
/// prefix when it happens in a replacement field).
pub(crate) fn from_tokenizer(e: &RawError) -> bool {
    e.kind != ErrorKind::SyntaxError || tokenizer_message(&e.msg)
}

/// Messages of the SyntaxErrors CPython 3.11's tokenizer raises.
const TOKENIZER: [&str; 13] = [
    "invalid decimal literal",
    "invalid hexadecimal literal",
    "invalid octal literal",
    "invalid binary literal",
    "invalid imaginary literal",
    "invalid digit",
    "invalid character",
    "invalid non-printable character",
    "leading zeros in decimal integer literals",
    "unterminated",
    "unmatched",
    "closing parenthesis",
    "too many nested parentheses",
];

/// Whether a SyntaxError message is one of CPython 3.11's tokenizer.
pub(crate) fn tokenizer_message(msg: &str) -> bool {
    TOKENIZER.iter().any(|p| msg.starts_with(p)) || msg.ends_with("was never closed")
}

/// The first error CPython 3.11's tokenizer raises with an exception in
/// `source` (an unterminated string, a bad number literal, an invalid
/// character).  CPython reports it even after a parser error, as it
/// tokenizes the rest of the source then.  This pass tokenizes like 3.11
/// (an f-string is one token, so its fields are not looked into).
///
/// `bad_chars` are the offsets where ruff's lexer found a character that
/// cannot start or continue a token (it knows Unicode identifiers exactly);
/// only those are reported as invalid characters.
///
/// Number literals directly followed by a keyword (`1if x else y`) add
/// their SyntaxWarning to `warnings`.
pub(crate) fn tokenizer_error(
    source: &str,
    bad_chars: &[usize],
    warnings: &mut Vec<RawWarning>,
) -> Option<RawError> {
    let b = source.as_bytes();
    let mut p = 0;
    let mut prev_word = false;
    let mut brackets: Vec<(u8, usize)> = Vec::new();
    while p < b.len() {
        let c = b[p];
        match c {
            b'(' | b'[' | b'{' => {
                brackets.push((c, p));
                p += 1;
                prev_word = false;
            }
            b')' | b']' | b'}' => {
                let at = TextRange::empty(TextSize::new(p as u32));
                let Some((open, open_at)) = brackets.pop() else {
                    return Some(RawError::syntax(at, format!("unmatched '{}'", c as char)));
                };
                if !matches!((open, c), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    let (ol, cl) = (line_of(source, open_at), line_of(source, p));
                    let msg = format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        c as char, open as char
                    );
                    return Some(RawError::syntax(
                        at,
                        if ol == cl {
                            msg
                        } else {
                            format!("{msg} on line {ol}")
                        },
                    ));
                }
                p += 1;
                prev_word = false;
            }
            // A line continuation must end its line; otherwise the
            // tokenizer stops here, with an error the parser reports only
            // if it gets that far (ruff reports it then).
            b'\\' => match b.get(p + 1) {
                Some(b'\n') => p += 2,
                Some(b'\r') => p += if b.get(p + 2) == Some(&b'\n') { 3 } else { 2 },
                _ => return None,
            },
            b'#' => {
                while p < b.len() && b[p] != b'\n' && b[p] != b'\r' {
                    p += 1;
                }
                prev_word = false;
            }
            b'\'' | b'"' => {
                match extent(source, p) {
                    Ok(end) => p = end,
                    Err(e) => return Some(e),
                }
                prev_word = false;
            }
            b'0'..=b'9' if !prev_word => {
                match super::errors::scan_number(b, p) {
                    Err((cur, msg)) => return Some(number_error(p, cur, msg, b.len())),
                    Ok(Some((cur, msg))) => number_warning(warnings, cur, msg),
                    Ok(None) => {}
                }
                let hex = b[p] == b'0' && matches!(b.get(p + 1), Some(b'x' | b'X'));
                while p < b.len()
                    && (b[p].is_ascii_hexdigit()
                        || matches!(b[p], b'_' | b'.' | b'x' | b'X' | b'o' | b'O' | b'j' | b'J'))
                {
                    p += exponent_sign_skip(b, p, hex);
                }
                prev_word = false;
            }
            b'.' if !prev_word && b.get(p + 1).is_some_and(u8::is_ascii_digit) => {
                match super::errors::scan_number(b, p) {
                    Err((cur, msg)) => return Some(number_error(p, cur, msg, b.len())),
                    Ok(Some((cur, msg))) => number_warning(warnings, cur, msg),
                    Ok(None) => {}
                }
                p += 1;
                while p < b.len()
                    && (b[p].is_ascii_hexdigit() || matches!(b[p], b'_' | b'j' | b'J'))
                {
                    p += exponent_sign_skip(b, p, false);
                }
                prev_word = false;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                // A name, or the prefix of a string literal.
                let s = p;
                let ch = source[p..].chars().next().unwrap_or(' ');
                if !ch.is_ascii() && !is_id_start(ch) && bad_chars.contains(&p) {
                    return Some(invalid_character(p, ch));
                }
                while p < b.len() {
                    let ch = source[p..].chars().next().unwrap_or(' ');
                    if ch.is_ascii_alphanumeric() || ch == '_' {
                        p += 1;
                    } else if !ch.is_ascii() {
                        if !is_id_continue(ch) && bad_chars.contains(&p) {
                            return Some(invalid_character(p, ch));
                        }
                        p += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                let prefix = source[s..p].to_ascii_lowercase();
                let is_prefix = matches!(
                    prefix.as_str(),
                    "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
                );
                if is_prefix && p < b.len() && matches!(b[p], b'\'' | b'"') {
                    match extent(source, s) {
                        Ok(end) => p = end,
                        Err(e) => return Some(e),
                    }
                    prev_word = false;
                } else {
                    prev_word = true;
                }
            }
            _ => {
                p += 1;
                prev_word = false;
            }
        }
    }
    None
}

/// The tokenizer's SyntaxWarning for a number literal followed by a
/// keyword at `cur`: located there like its errors.
fn number_warning(warnings: &mut Vec<RawWarning>, cur: usize, msg: String) {
    warnings.push(RawWarning {
        category: WarningCategory::SyntaxWarning,
        msg,
        range: TextRange::empty(TextSize::new(cur.saturating_sub(1) as u32)),
        origin: WarnOrigin::Tokenizer,
    });
}

fn number_error(start: usize, cur: usize, msg: String, len: usize) -> RawError {
    let range = if cur > len {
        // Leading zeros: from the literal to the end of its zeros.
        let zeros_end = usize::MAX - cur;
        TextRange::new(
            TextSize::new(start as u32),
            TextSize::new(zeros_end.saturating_sub(1) as u32),
        )
    } else {
        TextRange::empty(TextSize::new(cur.saturating_sub(1) as u32))
    };
    RawError::syntax(range, msg)
}

fn invalid_character(at: usize, ch: char) -> RawError {
    let msg = if super::errors::non_printable(ch) {
        format!("invalid non-printable character U+{:04X}", ch as u32)
    } else {
        format!("invalid character '{ch}' (U+{:04X})", ch as u32)
    };
    RawError::syntax(TextRange::empty(TextSize::new(at as u32)), msg)
}

/// Approximations of Unicode XID_Start / XID_Continue (identifiers).
fn is_id_start(c: char) -> bool {
    c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}' | '\u{200c}' | '\u{200d}')
}

/// How far the number skip of the tokenizer pre-scan advances at `p`: past
/// an exponent's sign too (`1e-05`, `1.5e+3`) in a decimal literal, so the
/// exponent digits are not scanned as a literal of their own.
fn exponent_sign_skip(b: &[u8], p: usize, hex: bool) -> usize {
    if !hex && matches!(b[p], b'e' | b'E') && matches!(b.get(p + 1), Some(b'+' | b'-')) {
        2
    } else {
        1
    }
}
