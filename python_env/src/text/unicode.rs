//! Python `str` character classes, case mappings and layout helpers (CPython 3.11, Unicode 14 tables).

use super::tables as t;

fn in_ranges(table: &[(u32, u32)], c: u32) -> bool {
    let i = table.partition_point(|&(_, hi)| hi < c);
    i < table.len() && table[i].0 <= c
}

fn map_lookup(table: &'static [(u32, &'static str)], c: u32) -> Option<&'static str> {
    table
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// The full uppercase mapping of one code point, when it is not itself
/// (`str.upper` is context-free, so it maps character by character).
pub fn upper_map(c: u32) -> Option<&'static str> {
    map_lookup(t::UPPER_MAP, c)
}

/// `str.isprintable` for one code point: the engine's, whose compiler
/// writes reprs too. Each classifier answers ASCII (where the tables agree
/// with Rust's ASCII tests) without a table search.
pub use engine::bytecode::code::is_printable;
/// `str.isspace` for one code point (Python's whitespace set, incl. `\x1c`..`\x1f`).
pub fn is_space(c: u32) -> bool {
    if c < 0x80 {
        return is_ascii_space(c as u8);
    }
    in_ranges(t::SPACE, c)
}
/// `str.isspace` for one ASCII byte: `\t\n\v\f\r`, the separators
/// `\x1c`-`\x1f` and the space (Unicode's White_Space plus bidi classes
/// B/S/WS, as CPython counts them).
#[inline]
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, 0x09..=0x0d | 0x1c..=0x20)
}
/// `str.isdecimal` for one code point.
pub fn is_decimal(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_digit();
    }
    in_ranges(t::DECIMAL, c)
}
/// `str.isdigit` for one code point.
pub fn is_digit(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_digit();
    }
    in_ranges(t::DIGIT, c)
}
/// `str.isnumeric` for one code point.
pub fn is_numeric(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_digit();
    }
    in_ranges(t::NUMERIC, c)
}
/// `str.isalpha` for one code point.
pub fn is_alpha(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_alphabetic();
    }
    in_ranges(t::ALPHA, c)
}
/// `str.isalnum` for one code point.
pub fn is_alnum(c: u32) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}
/// CPython's `Py_UNICODE_ISUPPER` (Unicode `Uppercase`).
pub fn is_upper_char(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_uppercase();
    }
    in_ranges(t::UPPER, c)
}
/// CPython's `Py_UNICODE_ISLOWER` (Unicode `Lowercase`).
pub fn is_lower_char(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_lowercase();
    }
    in_ranges(t::LOWER, c)
}
/// CPython's `Py_UNICODE_ISTITLE` (category `Lt`).
pub fn is_title_char(c: u32) -> bool {
    if c < 0x80 {
        return false;
    }
    in_ranges(t::TITLE, c)
}
/// Unicode `Cased`.
pub fn is_cased(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_alphabetic();
    }
    in_ranges(t::CASED, c)
}
/// Unicode `Case_Ignorable`.
pub fn is_case_ignorable(c: u32) -> bool {
    in_ranges(t::CASE_IGNORABLE, c)
}
/// `XID_Start` (as CPython's identifier check uses it; `_` handled separately).
pub fn is_xid_start(c: u32) -> bool {
    in_ranges(t::XID_START, c)
}
/// `XID_Continue`.
pub fn is_xid_continue(c: u32) -> bool {
    in_ranges(t::XID_CONTINUE, c)
}
/// CPython's `Py_UNICODE_ISLINEBREAK`.
pub fn is_linebreak(c: u32) -> bool {
    matches!(
        c,
        0x0A | 0x0B | 0x0C | 0x0D | 0x1C | 0x1D | 0x1E | 0x85 | 0x2028 | 0x2029
    )
}
/// Decimal digit value (`unicodedata.decimal`), for `int()`/`float()` parsing.
pub fn decimal_value(c: u32) -> Option<u32> {
    if c < 0x80 {
        return if (0x30..=0x39).contains(&c) {
            Some(c - 0x30)
        } else {
            None
        };
    }
    if !is_decimal(c) {
        return None;
    }
    let i = t::DECIMAL_ZEROS.partition_point(|&z| z <= c);
    if i == 0 {
        return None;
    }
    let d = c - t::DECIMAL_ZEROS[i - 1];
    if d < 10 {
        Some(d)
    } else {
        None
    }
}

fn all_nonempty(s: &str, f: impl Fn(u32) -> bool) -> bool {
    !s.is_empty() && s.chars().all(|c| f(c as u32))
}

/// `str.isprintable()` (true for the empty string).
pub fn str_is_printable(s: &str) -> bool {
    s.chars().all(|c| is_printable(c as u32))
}
/// `str.isprintable()` over code points (lone surrogates included).
pub fn cps_are_printable(cps: impl IntoIterator<Item = u32>) -> bool {
    cps.into_iter().all(is_printable)
}
/// `str.isspace()`.
pub fn str_is_space(s: &str) -> bool {
    all_nonempty(s, is_space)
}
/// `str.isdecimal()`.
pub fn str_is_decimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}
/// `str.isdigit()`.
pub fn str_is_digit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}
/// `str.isnumeric()`.
pub fn str_is_numeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}
/// `str.isalpha()`.
pub fn str_is_alpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}
/// `str.isalnum()`.
pub fn str_is_alnum(s: &str) -> bool {
    all_nonempty(s, is_alnum)
}
/// `str.isidentifier()`.
pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || is_xid_start(c as u32) => it.all(|c| is_xid_continue(c as u32)),
        _ => false,
    }
}
/// `str.isupper()`.
pub fn is_upper(s: &str) -> bool {
    is_upper_cps(s.chars().map(|c| c as u32))
}
/// `str.isupper()` over code points.
pub fn is_upper_cps(cps: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    for c in cps {
        if is_lower_char(c) || is_title_char(c) {
            return false;
        } else if is_upper_char(c) {
            cased = true;
        }
    }
    cased
}
/// `str.islower()`.
pub fn is_lower(s: &str) -> bool {
    is_lower_cps(s.chars().map(|c| c as u32))
}
/// `str.islower()` over code points.
pub fn is_lower_cps(cps: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    for c in cps {
        if is_upper_char(c) || is_title_char(c) {
            return false;
        } else if is_lower_char(c) {
            cased = true;
        }
    }
    cased
}
/// `str.istitle()`.
pub fn is_title(s: &str) -> bool {
    is_title_cps(s.chars().map(|c| c as u32))
}
/// `str.istitle()` over code points.
pub fn is_title_cps(cps: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in cps {
        if is_upper_char(c) || is_title_char(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if is_lower_char(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn push_map(out: &mut Vec<u32>, table: &'static [(u32, &'static str)], c: u32) {
    match map_lookup(table, c) {
        Some(m) => out.extend(m.chars().map(|ch| ch as u32)),
        None => out.push(c),
    }
}

fn final_sigma(cps: &[u32], i: usize) -> u32 {
    let mut j = i;
    let mut before = None;
    while j > 0 {
        j -= 1;
        if !is_case_ignorable(cps[j]) {
            before = Some(cps[j]);
            break;
        }
    }
    let mut fin = matches!(before, Some(c) if is_cased(c));
    if fin {
        let after = cps[i + 1..]
            .iter()
            .copied()
            .find(|&c| !is_case_ignorable(c));
        fin = match after {
            None => true,
            Some(c) => !is_cased(c),
        };
    }
    if fin {
        0x3C2
    } else {
        0x3C3
    }
}

fn lower_at(out: &mut Vec<u32>, cps: &[u32], i: usize) {
    if cps[i] == 0x3A3 {
        out.push(final_sigma(cps, i));
    } else {
        push_map(out, t::LOWER_MAP, cps[i]);
    }
}

/// `str.lower()` over code points (full mappings, Greek final sigma).
pub fn lower_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        lower_at(&mut out, cps, i);
    }
    out
}
/// `str.upper()` over code points.
pub fn upper_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_map(&mut out, t::UPPER_MAP, c);
    }
    out
}
/// `str.casefold()` over code points.
pub fn casefold_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_map(&mut out, t::FOLD_MAP, c);
    }
    out
}
/// `str.title()` over code points.
pub fn title_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    let mut prev_cased = false;
    for i in 0..cps.len() {
        let c = cps[i];
        if prev_cased {
            lower_at(&mut out, cps, i);
        } else {
            push_map(&mut out, t::TITLE_MAP, c);
        }
        prev_cased = is_cased(c);
    }
    out
}
/// `str.capitalize()` over code points (3.8+: first character titlecased, rest lowercased).
pub fn capitalize_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    if let Some(&c) = cps.first() {
        push_map(&mut out, t::TITLE_MAP, c);
        for i in 1..cps.len() {
            lower_at(&mut out, cps, i);
        }
    }
    out
}
/// `str.swapcase()` over code points.
pub fn swapcase_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        let c = cps[i];
        if is_upper_char(c) {
            lower_at(&mut out, cps, i);
        } else if is_lower_char(c) {
            push_map(&mut out, t::UPPER_MAP, c);
        } else {
            out.push(c);
        }
    }
    out
}

fn via_cps(s: &str, f: fn(&[u32]) -> Vec<u32>) -> String {
    let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
    f(&cps).into_iter().filter_map(char::from_u32).collect()
}

/// `str.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    via_cps(s, lower_cps)
}
/// `str.upper()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    via_cps(s, upper_cps)
}
/// `str.casefold()`.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    via_cps(s, casefold_cps)
}
/// `str.title()`.
pub fn title(s: &str) -> String {
    via_cps(s, title_cps)
}
/// `str.capitalize()`.
pub fn capitalize(s: &str) -> String {
    via_cps(s, capitalize_cps)
}
/// `str.swapcase()`.
pub fn swapcase(s: &str) -> String {
    via_cps(s, swapcase_cps)
}

/// `str.splitlines(keepends)`: splits at `\n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_linebreak(c as u32) {
            let mut end = i + c.len_utf8();
            if c == '\r' && b.get(end) == Some(&b'\n') {
                end += 1;
                it.next();
            }
            out.push(if keepends {
                &s[start..end]
            } else {
                &s[start..i]
            });
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Walks `str.expandtabs(tabsize)`'s output: `Ok(c)` for a character
/// kept, `Err(n)` for a tab that becomes `n` spaces; a column counter
/// resets at `\n` and `\r`.
fn expand_pieces(s: &str, tabsize: i64, mut f: impl FnMut(Result<char, usize>)) {
    let mut col: i64 = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let n = tabsize - col % tabsize;
                col += n;
                f(Err(n as usize));
            }
        } else {
            col += 1;
            f(Ok(c));
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
}

/// `str.expandtabs(tabsize)`. None when the result cannot be allocated:
/// its length is counted first, so a huge result is refused before
/// anything is written.
pub fn expandtabs(s: &str, tabsize: i64) -> Option<String> {
    let mut total: Option<usize> = Some(0);
    expand_pieces(s, tabsize, |p| {
        let k = p.map_or_else(|n| n, char::len_utf8);
        total = total.and_then(|t| t.checked_add(k));
    });
    let mut out = String::new();
    out.try_reserve_exact(total.filter(|&t| t <= isize::MAX as usize)?)
        .ok()?;
    expand_pieces(s, tabsize, |p| match p {
        Ok(c) => out.push(c),
        Err(n) => out.extend(std::iter::repeat_n(' ', n)),
    });
    Some(out)
}

/// The code point at byte `i` of a str's (surrogate-preserving UTF-8)
/// bytes, and its length in bytes.
#[inline]
pub fn cp_at(b: &[u8], i: usize) -> (u32, usize) {
    if b[i] < 0x80 {
        return (b[i] as u32, 1);
    }
    engine::bytecode::code::decode_one(&b[i..]).unwrap_or((0xFFFD, 1))
}

/// The code point that ends just before byte `i` (`i > 0`), and the byte
/// where it starts.
#[inline]
pub fn cp_before(b: &[u8], i: usize) -> (u32, usize) {
    let mut j = i - 1;
    while j > 0 && b[j] & 0xC0 == 0x80 && i - j < 4 {
        j -= 1;
    }
    (cp_at(b, j).0, j)
}

/// `str.split(None, maxsplit)` (`right`: `str.rsplit`) over a str's bytes:
/// hands `piece` each run of non-whitespace, at most `maxsplit` of them cut
/// (`< 0`: no limit); the uncut rest keeps its whitespace on the far side,
/// as in CPython. `rsplit`'s pieces come last first.
pub fn split_whitespace<'a>(
    b: &'a [u8],
    maxsplit: i64,
    right: bool,
    mut piece: impl FnMut(&'a [u8]),
) {
    let mut left = maxsplit;
    let space_at = |i: usize| {
        let (c, n) = cp_at(b, i);
        (is_space(c), n)
    };
    if !right {
        let (n, mut i) = (b.len(), 0);
        loop {
            while i < n {
                match space_at(i) {
                    (true, l) => i += l,
                    _ => break,
                }
            }
            if i == n {
                break;
            }
            if left == 0 {
                piece(&b[i..]);
                break;
            }
            let start = i;
            while i < n {
                match space_at(i) {
                    (false, l) => i += l,
                    _ => break,
                }
            }
            piece(&b[start..i]);
            left -= 1;
        }
    } else {
        let mut end = b.len();
        loop {
            while end > 0 {
                match cp_before(b, end) {
                    (c, j) if is_space(c) => end = j,
                    _ => break,
                }
            }
            if end == 0 {
                break;
            }
            if left == 0 {
                piece(&b[..end]);
                break;
            }
            let mut start = end;
            while start > 0 {
                match cp_before(b, start) {
                    (c, j) if !is_space(c) => start = j,
                    _ => break,
                }
            }
            piece(&b[start..end]);
            end = start;
            left -= 1;
        }
    }
}

/// `str.strip()` with no argument (Python whitespace).
pub fn strip_whitespace(s: &str) -> &str {
    s.trim_matches(|c: char| is_space(c as u32))
}

/// An empty string with room for `s` plus `n` copies of `fill`, or None
/// when that size overflows or cannot be allocated.
fn padded_buffer(s: &str, n: usize, fill: char) -> Option<String> {
    let total = n
        .checked_mul(fill.len_utf8())?
        .checked_add(s.len())
        .filter(|&t| t <= isize::MAX as usize)?;
    let mut out = String::new();
    out.try_reserve_exact(total).ok()?;
    Some(out)
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> Option<String> {
    let mut out = padded_buffer(s, left.checked_add(right)?, fill)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Some(out)
}

/// `str.center(width, fill)` (CPython's odd-margin rule); None when the
/// result cannot be allocated, as for the other padding functions.
pub fn center(s: &str, width: usize, fill: char) -> Option<String> {
    let len = s.chars().count();
    if len >= width {
        return Some(s.to_owned());
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    pad(s, left, marg - left, fill)
}
/// `str.ljust(width, fill)`.
pub fn ljust(s: &str, width: usize, fill: char) -> Option<String> {
    let len = s.chars().count();
    if len >= width {
        return Some(s.to_owned());
    }
    pad(s, 0, width - len, fill)
}
/// `str.rjust(width, fill)`.
pub fn rjust(s: &str, width: usize, fill: char) -> Option<String> {
    let len = s.chars().count();
    if len >= width {
        return Some(s.to_owned());
    }
    pad(s, width - len, 0, fill)
}
/// `str.zfill(width)`.
pub fn zfill(s: &str, width: usize) -> Option<String> {
    let len = s.chars().count();
    if len >= width {
        return Some(s.to_owned());
    }
    let fill = width - len;
    let (sign, body) = match s.as_bytes().first() {
        Some(b'+') | Some(b'-') => (&s[..1], &s[1..]),
        _ => ("", s),
    };
    let mut out = padded_buffer(s, fill, '0')?;
    out.push_str(sign);
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_table() {
        let cases: &[(&str, [&str; 6], [bool; 11])] = &include!("testdata/unicode_case.rs");
        let mut bad = Vec::new();
        for (s, maps, flags) in cases {
            let got = [
                lower(s),
                upper(s),
                casefold(s),
                title(s),
                capitalize(s),
                swapcase(s),
            ];
            for (i, (g, w)) in got.iter().zip(maps.iter()).enumerate() {
                if g != w {
                    bad.push(format!("{s:?} fn#{i}: got {g:?} want {w:?}"));
                }
            }
            let gf = [
                is_upper(s),
                is_lower(s),
                is_title(s),
                str_is_alpha(s),
                str_is_alnum(s),
                str_is_decimal(s),
                str_is_digit(s),
                str_is_numeric(s),
                str_is_space(s),
                str_is_printable(s),
                is_identifier(s),
            ];
            if gf != *flags {
                bad.push(format!("{s:?} flags: got {gf:?} want {flags:?}"));
            }
        }
        assert!(bad.is_empty(), "{} failures: {bad:#?}", bad.len());
    }

    #[test]
    fn lines_table() {
        type Row<'a> = (
            &'a str,
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a str,
            &'a str,
            &'a str,
        );
        let cases: &[Row] = &include!("testdata/unicode_lines.rs");
        for &(s, sl, slk, sp, sp1, rsp, rsp1, et, et3, st) in cases {
            assert_eq!(splitlines(s, false), sl, "splitlines {s:?}");
            assert_eq!(splitlines(s, true), slk, "splitlines keep {s:?}");
            let split = |m: i64, right: bool| {
                let mut v = Vec::new();
                split_whitespace(s.as_bytes(), m, right, |p| {
                    v.push(std::str::from_utf8(p).expect("cut at char boundaries"))
                });
                if right {
                    v.reverse();
                }
                v
            };
            assert_eq!(split(-1, false), sp, "split {s:?}");
            assert_eq!(split(1, false), sp1, "split 1 {s:?}");
            assert_eq!(split(-1, true), rsp, "rsplit {s:?}");
            assert_eq!(split(1, true), rsp1, "rsplit 1 {s:?}");
            assert_eq!(expandtabs(s, 8).as_deref(), Some(et), "expandtabs {s:?}");
            assert_eq!(expandtabs(s, 3).as_deref(), Some(et3), "expandtabs 3 {s:?}");
            assert_eq!(strip_whitespace(s), st, "strip {s:?}");
        }
        assert_eq!(expandtabs("a\tb", 0).as_deref(), Some("ab"));
        assert_eq!(expandtabs("a\tb", -1).as_deref(), Some("ab"));
    }

    #[test]
    fn pad_table() {
        let cases: &[(&str, usize, &str, &str, &str, &str)] = &include!("testdata/unicode_pad.rs");
        for &(s, w, c, l, r, z) in cases {
            assert_eq!(center(s, w, '*').as_deref(), Some(c), "center {s:?} {w}");
            assert_eq!(ljust(s, w, '*').as_deref(), Some(l));
            assert_eq!(rjust(s, w, '\u{e9}').as_deref(), Some(r));
            assert_eq!(zfill(s, w).as_deref(), Some(z), "zfill {s:?} {w}");
        }
    }

    #[test]
    fn padding_beyond_memory_is_refused() {
        let huge = isize::MAX as usize;
        assert_eq!(center("x", huge, '*'), None);
        assert_eq!(ljust("x", usize::MAX, '\u{e9}'), None);
        assert_eq!(rjust("x", huge / 2, '\u{e9}'), None);
        assert_eq!(zfill("-1", huge), None);
        assert_eq!(expandtabs(&"\t".repeat(8), i64::MAX / 4), None);
    }

    #[test]
    fn char_classes() {
        assert_eq!(decimal_value(0x663), Some(3));
        assert_eq!(decimal_value(0xFF15), Some(5));
        assert_eq!(decimal_value(0xB2), None);
        assert_eq!(decimal_value(0x1D7CE), Some(0));
        assert!(is_space(0x1C) && is_space(0x85) && is_space(0x3000) && !is_space(0x200B));
        assert!(
            !is_printable(0xD800)
                && !is_printable(0xAD)
                && is_printable(0xE9)
                && is_printable(0x20)
        );
        assert!(is_linebreak(0x2029) && !is_linebreak(0x1F));
        assert!(!is_upper_cps([0xD800]) && is_upper_cps([0x41, 0xD800]));
        assert_eq!(lower_cps(&[0x41, 0xD800, 0x3A3]), vec![0x61, 0xD800, 0x3C3]);
        assert!(
            is_identifier("_x1")
                && is_identifier("\u{e9}t\u{e9}")
                && !is_identifier("1x")
                && !is_identifier("")
        );
        assert_eq!(super::super::tables::UNIDATA_VERSION, "14.0.0");
    }
}

/// The Unicode name of a code point as `unicodedata.name` gives it, or
/// `None` for characters without one (controls, unassigned, private use,
/// surrogates). The names come from `unicode_names2`; the `NAMED` table
/// (generated from CPython 3.11) limits them to Unicode 14.
pub fn char_name(c: u32) -> Option<String> {
    if !in_ranges(t::NAMED, c) {
        return None;
    }
    let ch = char::from_u32(c)?;
    unicode_names2::name(ch).map(|n| n.to_string())
}

/// The code point called `name` (case-insensitive; formal aliases such as
/// `NULL` or `BYTE ORDER MARK` included), as `unicodedata.lookup` and the
/// `\N{...}` escape resolve it; limited to characters of Unicode 14.
pub fn lookup_name(name: &str) -> Option<u32> {
    let c = u32::from(unicode_names2::character(name)?);
    // Aliases also name the C0/C1 controls, which have no name of their own.
    let control = c < 0x20 || (0x7F..=0x9F).contains(&c);
    (control || in_ranges(t::NAMED, c)).then_some(c)
}
