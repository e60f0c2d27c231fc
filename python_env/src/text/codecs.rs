//! The built-in `utf-8`, `utf-16`, `utf-32`, `ascii`, `latin-1` and `cp1252` codecs with CPython 3.11's error handlers, name normalisation and exception messages.

/// A built-in error handler (`errors=` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorHandler {
    /// `strict`
    Strict,
    /// `ignore`
    Ignore,
    /// `replace`
    Replace,
    /// `surrogateescape`
    SurrogateEscape,
    /// `surrogatepass`
    SurrogatePass,
    /// `backslashreplace`
    BackslashReplace,
    /// `xmlcharrefreplace` (encoding only)
    XmlCharRefReplace,
    /// `namereplace` (encoding only): `\N{NAME}`, or a backslash escape for
    /// characters without a name.
    NameReplace,
}

impl ErrorHandler {
    /// Looks up a handler by name; `None` means LookupError
    /// "unknown error handler name '...'" (unless the runtime has it registered).
    pub fn from_name(name: &str) -> Option<ErrorHandler> {
        Some(match name {
            "strict" => ErrorHandler::Strict,
            "ignore" => ErrorHandler::Ignore,
            "replace" => ErrorHandler::Replace,
            "surrogateescape" => ErrorHandler::SurrogateEscape,
            "surrogatepass" => ErrorHandler::SurrogatePass,
            "backslashreplace" => ErrorHandler::BackslashReplace,
            "xmlcharrefreplace" => ErrorHandler::XmlCharRefReplace,
            "namereplace" => ErrorHandler::NameReplace,
            _ => return None,
        })
    }

    /// Whether the handler only deals with encoding errors (CPython's raises
    /// TypeError "don't know how to handle UnicodeDecodeError in error
    /// callback" when given a decoding error).
    pub fn encode_only(self) -> bool {
        matches!(
            self,
            ErrorHandler::XmlCharRefReplace | ErrorHandler::NameReplace
        )
    }
}

/// The built-in codecs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    /// `utf-8`
    Utf8,
    /// `ascii`
    Ascii,
    /// `latin-1`
    Latin1,
    /// `utf-16` (BOM, little-endian when encoding)
    Utf16,
    /// `utf-16-le`
    Utf16Le,
    /// `utf-16-be`
    Utf16Be,
    /// `utf-32` (BOM, little-endian when encoding)
    Utf32,
    /// `utf-32-le`
    Utf32Le,
    /// `utf-32-be`
    Utf32Be,
    /// `cp1252` (Windows Western European, a charmap codec)
    Cp1252,
}

impl Codec {
    /// The name used in error messages and the `encoding` attribute of
    /// UnicodeError (CPython's charmap codecs all report `charmap`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16 => "utf-16",
            Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 => "utf-32",
            Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
            Codec::Cp1252 => "charmap",
        }
    }

    /// Resolves an encoding name the way `codecs.lookup` does: ASCII
    /// lowercase, then `encodings.normalize_encoding` (every run of
    /// characters other than alphanumerics and `.` becomes one `_`, dropped
    /// at the ends; non-ASCII alphanumerics vanish), then the alias table of
    /// `encodings.aliases` (also tried with `.` as `_`) or the module name.
    pub fn lookup(name: &str) -> Option<Codec> {
        let n = normalize_encoding(name);
        Codec::by_alias(&n)
            .or_else(|| Codec::by_alias(&n.replace('.', "_")))
            .or_else(|| Codec::by_module_name(&n))
    }

    /// The codec of a normalized alias (`encodings.aliases`).
    fn by_alias(n: &str) -> Option<Codec> {
        Some(match n {
            "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
            "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986"
            | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" => {
                Codec::Ascii
            }
            "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "iso8859"
            | "cp819" | "iso_ir_100" | "ibm819" | "csisolatin1" | "iso_8859_1_1987" => {
                Codec::Latin1
            }
            "utf16" | "u16" => Codec::Utf16,
            "utf_16le" | "unicodelittleunmarked" => Codec::Utf16Le,
            "utf_16be" | "unicodebigunmarked" => Codec::Utf16Be,
            "utf32" | "u32" => Codec::Utf32,
            "utf_32le" => Codec::Utf32Le,
            "utf_32be" => Codec::Utf32Be,
            "windows_1252" | "1252" => Codec::Cp1252,
            _ => return None,
        })
    }

    /// The codec whose `encodings` module has this (normalized) name.
    fn by_module_name(n: &str) -> Option<Codec> {
        Some(match n {
            "utf_8" => Codec::Utf8,
            "ascii" => Codec::Ascii,
            "latin_1" => Codec::Latin1,
            "utf_16" => Codec::Utf16,
            "utf_16_le" => Codec::Utf16Le,
            "utf_16_be" => Codec::Utf16Be,
            "utf_32" => Codec::Utf32,
            "utf_32_le" => Codec::Utf32Le,
            "utf_32_be" => Codec::Utf32Be,
            "cp1252" => Codec::Cp1252,
            _ => return None,
        })
    }

    /// Whether CPython 3.11's `str.encode`/`bytes.decode` run this name
    /// through their built-in fast path (utf-8/16/32, ascii, latin-1 under a
    /// few spellings) instead of the codec registry. Only through the
    /// registry is a TypeError/LookupError raised by an error handler
    /// wrapped as "encoding with '...' codec failed (...)".
    pub fn is_fast_path_name(name: &str) -> bool {
        // `_Py_normalize_encoding`: ASCII alphanumerics and `.` lowercased,
        // every other run of bytes one `_` (none at the start).
        let mut n = String::new();
        let mut punct = false;
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() || b == b'.' {
                if punct && !n.is_empty() {
                    n.push('_');
                }
                punct = false;
                n.push(b.to_ascii_lowercase() as char);
            } else {
                punct = true;
            }
        }
        if let Some(rest) = n.strip_prefix("utf") {
            let rest = rest.strip_prefix('_').unwrap_or(rest);
            return matches!(rest, "8" | "16" | "32");
        }
        matches!(
            n.as_str(),
            "ascii" | "us_ascii" | "latin1" | "latin_1" | "iso_8859_1" | "iso8859_1"
        )
    }
}

/// `encodings.normalize_encoding` applied to the ASCII-lowercased name.
fn normalize_encoding(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if crate::text::unicode::is_alnum(u32::from(c)) || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

/// The cp1252 byte of a code point, if it has one.
fn cp1252_byte(c: u32) -> Option<u8> {
    if c < 0x80 {
        return Some(c as u8);
    }
    let table = &crate::text::tables::CP1252_HIGH;
    table.iter().position(|&x| x == c).map(|i| 0x80 + i as u8)
}

/// `\N{NAME}` for a named character, else its backslash escape
/// (the `namereplace` replacement of one character).
fn push_name_escape(out: &mut Vec<u32>, c: u32) {
    match crate::text::unicode::char_name(c) {
        Some(name) => out.extend(format!("\\N{{{name}}}").bytes().map(u32::from)),
        None => push_hex_escape(out, c),
    }
}

/// A `UnicodeDecodeError` / `UnicodeEncodeError` (strict handler, or a handler
/// that cannot deal with the failing range).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    /// `.encoding`
    pub encoding: &'static str,
    /// `.start`
    pub start: usize,
    /// `.end`
    pub end: usize,
    /// `.reason`
    pub reason: &'static str,
    /// For encode errors: the code points `start..end` of the input (for the message).
    pub chars: Vec<u32>,
    /// For decode errors: the bytes `start..end` of the input.
    pub bytes: Vec<u8>,
    /// Encode (true) or decode (false) error.
    pub encode: bool,
}

impl CodecError {
    /// The exception class name.
    pub fn type_name(&self) -> &'static str {
        if self.encode {
            "UnicodeEncodeError"
        } else {
            "UnicodeDecodeError"
        }
    }

    /// `str(exc)` exactly as CPython formats it.
    pub fn message(&self) -> String {
        let (op, first) = if self.encode {
            (UnicodeOp::Encode, self.chars.first().copied())
        } else {
            (UnicodeOp::Decode, self.bytes.first().map(|&b| u32::from(b)))
        };
        let bad = (self.end == self.start + 1).then(|| first.unwrap_or(0));
        unicode_error_message(
            op,
            self.encoding,
            self.start as i64,
            self.end as i64,
            bad,
            self.reason,
        )
    }
}

/// Which of the Unicode errors (`UnicodeEncodeError`, `UnicodeDecodeError`,
/// `UnicodeTranslateError`) a message is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnicodeOp {
    Encode,
    Decode,
    Translate,
}

/// The message of a Unicode error as CPython formats it: the encoding (not
/// for a translate error), then the one offending character or byte when
/// the range is one item long (`bad`: its code point or byte value), else
/// the range `start`..`end - 1`, then the reason.
pub fn unicode_error_message(
    op: UnicodeOp,
    encoding: &str,
    start: i64,
    end: i64,
    bad: Option<u32>,
    reason: &str,
) -> String {
    let (prefix, verb) = match op {
        UnicodeOp::Encode => (format!("'{encoding}' codec "), "encode"),
        UnicodeOp::Decode => (format!("'{encoding}' codec "), "decode"),
        UnicodeOp::Translate => (String::new(), "translate"),
    };
    match (op, bad) {
        (UnicodeOp::Decode, Some(b)) => {
            format!("{prefix}can't decode byte 0x{b:02x} in position {start}: {reason}")
        }
        (_, Some(c)) => format!(
            "{prefix}can't {verb} character '{}' in position {start}: {reason}",
            hex_escape(c)
        ),
        (UnicodeOp::Decode, None) => format!(
            "{prefix}can't decode bytes in position {start}-{}: {reason}",
            end - 1
        ),
        (_, None) => format!(
            "{prefix}can't {verb} characters in position {start}-{}: {reason}",
            end - 1
        ),
    }
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh` for code point `c`, the shortest that
/// holds it (as repr and `backslashreplace` write it).
pub fn hex_escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

fn push_hex_escape(out: &mut Vec<u32>, c: u32) {
    out.extend(hex_escape(c).bytes().map(u32::from));
}

/// Decodes bytes to code points (lone surrogates possible with
/// `surrogateescape`/`surrogatepass`).  The encode-only handlers
/// (`xmlcharrefreplace`, `namereplace`) act as `strict` here; the caller
/// turns their failure into CPython's TypeError (see `ErrorHandler::encode_only`).
pub fn decode(codec: Codec, data: &[u8], errors: ErrorHandler) -> Result<Vec<u32>, CodecError> {
    if let Some(w) = wide(codec) {
        return decode_wide(codec, w, data, errors);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b < 0x80 {
            out.push(u32::from(b));
            i += 1;
            continue;
        }
        let (start, end, reason) = match codec {
            Codec::Latin1 => {
                out.push(u32::from(b));
                i += 1;
                continue;
            }
            Codec::Ascii => (i, i + 1, "ordinal not in range(128)"),
            Codec::Cp1252 => {
                let c = crate::text::tables::CP1252_HIGH[usize::from(b - 0x80)];
                if c != 0xFFFE {
                    out.push(c);
                    i += 1;
                    continue;
                }
                (i, i + 1, "character maps to <undefined>")
            }
            Codec::Utf8 => match utf8_step(&data[i..]) {
                Ok((cp, len)) => {
                    out.push(cp);
                    i += len;
                    continue;
                }
                Err((len, reason)) => (i, i + len, reason),
            },
            // The UTF-16/32 codecs return through decode_wide above.
            _ => (i, i + 1, "unsupported codec"),
        };
        let err = || CodecError {
            encoding: codec.name(),
            start,
            end,
            reason,
            chars: Vec::new(),
            bytes: data[start..end].to_vec(),
            encode: false,
        };
        match errors {
            ErrorHandler::Strict | ErrorHandler::XmlCharRefReplace | ErrorHandler::NameReplace => {
                return Err(err())
            }
            ErrorHandler::Ignore => i = end,
            ErrorHandler::Replace => {
                out.push(0xFFFD);
                i = end;
            }
            ErrorHandler::BackslashReplace => {
                for &x in &data[start..end] {
                    push_hex_escape(&mut out, u32::from(x));
                }
                i = end;
            }
            ErrorHandler::SurrogateEscape => {
                // Only bytes >= 0x80 can be escaped; CPython consumes the
                // escapable prefix of the range and fails on the rest.
                let mut k = start;
                while k < end && data[k] >= 0x80 {
                    out.push(0xDC00 + u32::from(data[k]));
                    k += 1;
                }
                if k < end {
                    return Err(err());
                }
                i = end;
            }
            ErrorHandler::SurrogatePass => {
                if codec == Codec::Utf8
                    && data.len() >= start + 3
                    && data[start] == 0xED
                    && (0xA0..=0xBF).contains(&data[start + 1])
                    && (0x80..=0xBF).contains(&data[start + 2])
                {
                    out.push(
                        0xD000
                            | (u32::from(data[start + 1] & 0x3F) << 6)
                            | u32::from(data[start + 2] & 0x3F),
                    );
                    i = start + 3;
                } else {
                    return Err(err());
                }
            }
        }
    }
    Ok(out)
}

/// One UTF-8 sequence: `Ok((code point, length))` or `Err((error length, reason))`
/// following CPython's classification.
fn utf8_step(s: &[u8]) -> Result<(u32, usize), (usize, &'static str)> {
    const START: &str = "invalid start byte";
    const CONT: &str = "invalid continuation byte";
    const EOD: &str = "unexpected end of data";
    let cont = |b: u8| (0x80..=0xBF).contains(&b);
    let ch = s[0];
    let n = s.len();
    match ch {
        0xC2..=0xDF => {
            if n < 2 {
                return Err((1, EOD));
            }
            if !cont(s[1]) {
                return Err((1, CONT));
            }
            Ok(((u32::from(ch & 0x1F) << 6) | u32::from(s[1] & 0x3F), 2))
        }
        0xE0..=0xEF => {
            let bad2 = |c2: u8| !cont(c2) || (if c2 < 0xA0 { ch == 0xE0 } else { ch == 0xED });
            if n < 3 {
                if n >= 2 && bad2(s[1]) {
                    return Err((1, CONT));
                }
                return Err((n, EOD));
            }
            if bad2(s[1]) {
                return Err((1, CONT));
            }
            if !cont(s[2]) {
                return Err((2, CONT));
            }
            Ok((
                (u32::from(ch & 0x0F) << 12)
                    | (u32::from(s[1] & 0x3F) << 6)
                    | u32::from(s[2] & 0x3F),
                3,
            ))
        }
        0xF0..=0xF4 => {
            let bad2 = |c2: u8| !cont(c2) || (if c2 < 0x90 { ch == 0xF0 } else { ch == 0xF4 });
            if n < 4 {
                if n >= 2 {
                    if bad2(s[1]) {
                        return Err((1, CONT));
                    }
                    if n >= 3 && !cont(s[2]) {
                        return Err((2, CONT));
                    }
                }
                return Err((n, EOD));
            }
            if bad2(s[1]) {
                return Err((1, CONT));
            }
            if !cont(s[2]) {
                return Err((2, CONT));
            }
            if !cont(s[3]) {
                return Err((3, CONT));
            }
            Ok((
                (u32::from(ch & 0x07) << 18)
                    | (u32::from(s[1] & 0x3F) << 12)
                    | (u32::from(s[2] & 0x3F) << 6)
                    | u32::from(s[3] & 0x3F),
                4,
            ))
        }
        _ => Err((1, START)),
    }
}

fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    out.extend(super::encode_wtf8(&[cp]));
}

/// Encodes code points (surrogates allowed in the input) to bytes.
pub fn encode(codec: Codec, cps: &[u32], errors: ErrorHandler) -> Result<Vec<u8>, CodecError> {
    if let Some(w) = wide(codec) {
        return encode_wide(codec, w, cps, errors);
    }
    let (limit, reason) = match codec {
        Codec::Utf8
        | Codec::Utf16
        | Codec::Utf16Le
        | Codec::Utf16Be
        | Codec::Utf32
        | Codec::Utf32Le
        | Codec::Utf32Be => (0x110000, "surrogates not allowed"),
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        Codec::Latin1 => (0x100, "ordinal not in range(256)"),
        Codec::Cp1252 => (0x80, "character maps to <undefined>"),
    };
    let bad = |c: u32| match codec {
        Codec::Utf8 => (0xD800..=0xDFFF).contains(&c),
        Codec::Cp1252 => cp1252_byte(c).is_none(),
        _ => c >= limit,
    };
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if !bad(c) {
            match codec {
                Codec::Utf8 => push_utf8(&mut out, c),
                Codec::Cp1252 => out.push(cp1252_byte(c).unwrap_or(b'?')),
                _ => out.push(c as u8),
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < cps.len() && bad(cps[end]) {
            end += 1;
        }
        let err = |s: usize| CodecError {
            encoding: codec.name(),
            start: s,
            end,
            reason,
            chars: cps[s..end].to_vec(),
            bytes: Vec::new(),
            encode: true,
        };
        match errors {
            ErrorHandler::Strict => return Err(err(start)),
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => out.extend(std::iter::repeat_n(b'?', end - start)),
            ErrorHandler::BackslashReplace => {
                for &x in &cps[start..end] {
                    let mut v = Vec::new();
                    push_hex_escape(&mut v, x);
                    out.extend(v.into_iter().map(|b| b as u8));
                }
            }
            ErrorHandler::XmlCharRefReplace => {
                for &x in &cps[start..end] {
                    out.extend(format!("&#{x};").bytes());
                }
            }
            ErrorHandler::NameReplace => {
                let mut v = Vec::new();
                for &x in &cps[start..end] {
                    push_name_escape(&mut v, x);
                }
                out.extend(v.into_iter().map(|b| b as u8));
            }
            ErrorHandler::SurrogateEscape if codec == Codec::Cp1252 => {
                // Charmap codecs call the generic handler with the whole
                // run: it fails as a unit unless every character is an
                // escaped byte.
                if !cps[start..end]
                    .iter()
                    .all(|c| (0xDC80..=0xDCFF).contains(c))
                {
                    return Err(err(start));
                }
                out.extend(cps[start..end].iter().map(|&c| (c & 0xFF) as u8));
            }
            ErrorHandler::SurrogateEscape => {
                let mut k = start;
                while k < end && (0xDC80..=0xDCFF).contains(&cps[k]) {
                    out.push((cps[k] & 0xFF) as u8);
                    k += 1;
                }
                if k < end {
                    return Err(err(k));
                }
            }
            ErrorHandler::SurrogatePass => {
                if codec != Codec::Utf8 {
                    return Err(err(start));
                }
                for &x in &cps[start..end] {
                    push_utf8(&mut out, x);
                }
            }
        }
        i = end;
    }
    Ok(out)
}

/// Unit size, big-endianness and BOM of the UTF-16/32 codecs.
#[derive(Clone, Copy)]
struct Wide {
    unit: usize,
    big: bool,
    bom: bool,
}

fn wide(codec: Codec) -> Option<Wide> {
    let (unit, big, bom) = match codec {
        Codec::Utf16 => (2, false, true),
        Codec::Utf16Le => (2, false, false),
        Codec::Utf16Be => (2, true, false),
        Codec::Utf32 => (4, false, true),
        Codec::Utf32Le => (4, false, false),
        Codec::Utf32Be => (4, true, false),
        _ => return None,
    };
    Some(Wide { unit, big, bom })
}

fn put_unit(out: &mut Vec<u8>, w: Wide, v: u32) {
    if w.unit == 2 {
        let b = (v as u16).to_le_bytes();
        if w.big {
            out.extend([b[1], b[0]]);
        } else {
            out.extend(b);
        }
    } else {
        let b = v.to_le_bytes();
        if w.big {
            out.extend([b[3], b[2], b[1], b[0]]);
        } else {
            out.extend(b);
        }
    }
}

fn get_unit(data: &[u8], w: Wide, i: usize) -> u32 {
    let mut v = 0u32;
    for k in 0..w.unit {
        let b = u32::from(data[i + k]);
        if w.big {
            v = (v << 8) | b;
        } else {
            v |= b << (8 * k);
        }
    }
    v
}

fn encode_wide(
    codec: Codec,
    w: Wide,
    cps: &[u32],
    errors: ErrorHandler,
) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(cps.len() * w.unit + w.unit);
    if w.bom {
        put_unit(&mut out, w, 0xFEFF);
    }
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if !(0xD800..=0xDFFF).contains(&c) {
            if w.unit == 2 && c >= 0x10000 {
                let v = c - 0x10000;
                put_unit(&mut out, w, 0xD800 | (v >> 10));
                put_unit(&mut out, w, 0xDC00 | (v & 0x3FF));
            } else {
                put_unit(&mut out, w, c);
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < cps.len() && (0xD800..=0xDFFF).contains(&cps[end]) {
            end += 1;
        }
        let err = CodecError {
            encoding: codec.name(),
            start,
            end,
            reason: "surrogates not allowed",
            chars: cps[start..end].to_vec(),
            bytes: Vec::new(),
            encode: true,
        };
        match errors {
            ErrorHandler::Strict | ErrorHandler::SurrogateEscape => return Err(err),
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => {
                for _ in start..end {
                    put_unit(&mut out, w, u32::from(b'?'));
                }
            }
            ErrorHandler::SurrogatePass => {
                for &x in &cps[start..end] {
                    put_unit(&mut out, w, x);
                }
            }
            ErrorHandler::BackslashReplace
            | ErrorHandler::XmlCharRefReplace
            | ErrorHandler::NameReplace => {
                let mut text = Vec::new();
                for &x in &cps[start..end] {
                    match errors {
                        ErrorHandler::BackslashReplace => push_hex_escape(&mut text, x),
                        ErrorHandler::NameReplace => push_name_escape(&mut text, x),
                        _ => text.extend(format!("&#{x};").bytes().map(u32::from)),
                    }
                }
                for x in text {
                    put_unit(&mut out, w, x);
                }
            }
        }
        i = end;
    }
    Ok(out)
}

fn decode_wide(
    codec: Codec,
    w: Wide,
    data: &[u8],
    errors: ErrorHandler,
) -> Result<Vec<u32>, CodecError> {
    let mut w = w;
    let mut i = 0;
    if w.bom && data.len() >= w.unit {
        let le = get_unit(data, Wide { big: false, ..w }, 0);
        if le == 0xFEFF {
            w.big = false;
            i = w.unit;
        } else if get_unit(data, Wide { big: true, ..w }, 0) == 0xFEFF {
            w.big = true;
            i = w.unit;
        }
    }
    let mut out = Vec::with_capacity(data.len() / w.unit);
    while i < data.len() {
        // (start, end, reason) of a malformed sequence, or a decoded code point.
        let bad: (usize, usize, &'static str);
        if i + w.unit > data.len() {
            bad = (i, data.len(), "truncated data");
        } else {
            let u = get_unit(data, w, i);
            if w.unit == 4 {
                if u >= 0x110000 {
                    bad = (i, i + 4, "code point not in range(0x110000)");
                } else if (0xD800..=0xDFFF).contains(&u) {
                    bad = (i, i + 4, "code point in surrogate character range");
                } else {
                    out.push(u);
                    i += 4;
                    continue;
                }
            } else if !(0xD800..=0xDFFF).contains(&u) {
                out.push(u);
                i += 2;
                continue;
            } else if u >= 0xDC00 {
                bad = (i, i + 2, "illegal encoding");
            } else if i + 4 > data.len() {
                bad = (i, data.len(), "unexpected end of data");
            } else {
                let u2 = get_unit(data, w, i + 2);
                if (0xDC00..=0xDFFF).contains(&u2) {
                    out.push(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                    i += 4;
                    continue;
                }
                bad = (i, i + 2, "illegal UTF-16 surrogate");
            }
        }
        let (start, end, reason) = bad;
        // Errors name the byte order actually used (after a BOM, if any).
        let _ = codec;
        let name = match (w.unit, w.big) {
            (2, false) => "utf-16-le",
            (2, true) => "utf-16-be",
            (_, false) => "utf-32-le",
            (_, true) => "utf-32-be",
        };
        let err = CodecError {
            encoding: name,
            start,
            end,
            reason,
            chars: Vec::new(),
            bytes: data[start..end].to_vec(),
            encode: false,
        };
        match errors {
            ErrorHandler::Strict
            | ErrorHandler::XmlCharRefReplace
            | ErrorHandler::NameReplace
            | ErrorHandler::SurrogateEscape => return Err(err),
            ErrorHandler::SurrogatePass => {
                if end - start == w.unit {
                    out.push(get_unit(data, w, start));
                } else {
                    return Err(err);
                }
            }
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => out.push(0xFFFD),
            ErrorHandler::BackslashReplace => {
                for &x in &data[start..end] {
                    push_hex_escape(&mut out, u32::from(x));
                }
            }
        }
        i = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    type DCase<'a> = (
        &'a str,
        &'a str,
        &'a [u8],
        Result<Vec<u32>, (&'a str, usize, usize)>,
    );
    type ECase<'a> = (
        &'a str,
        &'a str,
        &'a [u32],
        Result<Vec<u8>, (&'a str, usize, usize)>,
    );

    #[test]
    fn decode_table() {
        let cases: Vec<DCase> = include!("testdata/codec_decode.rs").into();
        for (enc, h, data, want) in cases {
            let codec = Codec::lookup(enc).unwrap();
            let got = decode(codec, data, ErrorHandler::from_name(h).unwrap());
            let got = got.map_err(|e| (e.message(), e.start, e.end));
            let want = want.map_err(|(m, s, e)| (m.to_owned(), s, e));
            assert_eq!(got, want, "{data:?}.decode({enc:?}, {h:?})");
        }
    }

    #[test]
    fn encode_table() {
        let cases: Vec<ECase> = include!("testdata/codec_encode.rs").into();
        for (enc, h, cps, want) in cases {
            let codec = Codec::lookup(enc).unwrap();
            let got = encode(codec, cps, ErrorHandler::from_name(h).unwrap());
            let got = got.map_err(|e| (e.message(), e.start, e.end));
            let want = want.map_err(|(m, s, e)| (m.to_owned(), s, e));
            assert_eq!(got, want, "{cps:x?}.encode({enc:?}, {h:?})");
        }
    }

    #[test]
    fn lookup_names() {
        assert_eq!(Codec::lookup("UTF8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup("Latin-1"), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("ISO-8859-1"), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("US-ASCII"), Some(Codec::Ascii));
        assert_eq!(Codec::lookup("utf-16"), Some(Codec::Utf16));
        assert_eq!(Codec::lookup("UTF_32-BE"), Some(Codec::Utf32Be));
        assert_eq!(Codec::lookup("utf-7"), None);
        assert_eq!(Codec::lookup(" Windows--1252 "), Some(Codec::Cp1252));
        assert_eq!(Codec::lookup("CP1252"), Some(Codec::Cp1252));
        assert_eq!(Codec::lookup("cp-1252"), None);
        assert_eq!(Codec::lookup("utf.8"), None);
        assert_eq!(Codec::lookup("ansi_x3.4-1968"), Some(Codec::Ascii));
        assert_eq!(Codec::lookup("utf16le"), None);
        assert_eq!(ErrorHandler::from_name("bogus"), None);
        assert!(Codec::is_fast_path_name("UTF-8"));
        assert!(Codec::is_fast_path_name("Latin_1"));
        assert!(!Codec::is_fast_path_name("utf-16-le"));
        assert!(!Codec::is_fast_path_name("U8"));
    }

    #[test]
    fn cp1252_and_namereplace() {
        let e = encode(
            Codec::Cp1252,
            &[0x41, 0x20AC, 0x4E16, 0x81, 0x2022],
            ErrorHandler::Strict,
        )
        .unwrap_err();
        assert_eq!((e.encoding, e.start, e.end), ("charmap", 2, 4));
        let b = encode(Codec::Cp1252, &[0x20AC, 0x4E16], ErrorHandler::NameReplace).unwrap();
        assert_eq!(b, b"\x80\\N{CJK UNIFIED IDEOGRAPH-4E16}");
        let d = decode(Codec::Cp1252, &[0x80, 0x81, 0x9F], ErrorHandler::Replace).unwrap();
        assert_eq!(d, [0x20AC, 0xFFFD, 0x178]);
        let b = encode(Codec::Ascii, &[0xE9, 0xE000], ErrorHandler::NameReplace).unwrap();
        assert_eq!(b, b"\\N{LATIN SMALL LETTER E WITH ACUTE}\\ue000");
    }

    #[test]
    fn utf16_utf32_round_trips() {
        let cps = [0x47u32, 0xFC, 0x4E16, 0x1F600];
        let b = encode(Codec::Utf16, &cps, ErrorHandler::Strict).unwrap();
        assert_eq!(&b[..4], &[0xFF, 0xFE, 0x47, 0x00]);
        assert_eq!(b.len(), 2 + 2 * 5);
        assert_eq!(decode(Codec::Utf16, &b, ErrorHandler::Strict).unwrap(), cps);
        let b = encode(Codec::Utf32Be, &cps, ErrorHandler::Strict).unwrap();
        assert_eq!(&b[..4], &[0, 0, 0, 0x47]);
        assert_eq!(
            decode(Codec::Utf32Be, &b, ErrorHandler::Strict).unwrap(),
            cps
        );
        let e = decode(Codec::Utf16Le, &[0x41, 0x00, 0x42], ErrorHandler::Strict).unwrap_err();
        assert_eq!((e.start, e.end, e.reason), (2, 3, "truncated data"));
        let e = encode(Codec::Utf16Le, &[0xD800], ErrorHandler::Strict).unwrap_err();
        assert_eq!(e.reason, "surrogates not allowed");
    }
}
