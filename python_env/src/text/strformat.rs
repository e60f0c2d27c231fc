//! `str.format` / `str.format_map` / `string.Formatter` parsing and driving (CPython 3.11's `unicode_format.h`).

use super::unicode::decimal_value;

/// One piece of a format string, as `_string.formatter_parser` yields it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Literal text before the field (escaped braces already collapsed).
    pub literal: String,
    /// The replacement field, if any.
    pub field: Option<Field>,
}

/// A replacement field `{name!conv:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field name, e.g. `0.attr[key]` (may be empty).
    pub name: String,
    /// The conversion character after `!`, if any (not validated here).
    pub conversion: Option<char>,
    /// The raw format spec (may contain nested `{}` fields).
    pub spec: String,
    /// Whether `spec` contains `{` and must be expanded recursively.
    pub spec_needs_expanding: bool,
}

/// The first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// A positional index (explicit, or from automatic numbering).
    Index(usize),
    /// A keyword name.
    Name(String),
}

/// One `.attr` or `[key]` accessor after the first part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAccess {
    /// `.name`
    Attr(String),
    /// `[123]` (decimal digits: an index)
    Index(usize),
    /// `[key]` (anything else: a str key)
    Key(String),
}

const MAX_DIGITS_MSG: &str = "Too many decimal digits in format string";

// Parsing works on the UTF-8 bytes of the format: every character with a
// meaning to it (`{`, `}`, `[`, `]`, `.`, `!`, `:`) is ASCII, so a byte with
// that value is that character, and the text between two such bytes is a
// valid `&str` slice. Literal text, field names and specs are borrowed from
// the format, never collected into new strings.

/// CPython's `get_integer`: `Ok(None)` if not all decimal digits (or empty).
fn get_integer(s: &str) -> Result<Option<usize>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for c in s.chars() {
        let Some(d) = decimal_value(c as u32) else {
            return Ok(None);
        };
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(MAX_DIGITS_MSG.to_owned());
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc))
}

/// The offset of the first `x` or `y` in `hay`. Format strings and field
/// names are mostly short, where a plain loop beats memchr's setup.
#[inline]
fn find2(hay: &[u8], x: u8, y: u8) -> Option<usize> {
    if hay.len() < 32 {
        hay.iter().position(|&c| c == x || c == y)
    } else {
        memchr::memchr2(x, y, hay)
    }
}

/// A replacement field, borrowed from the format string.
struct FieldRef<'a> {
    name: &'a str,
    conversion: Option<char>,
    spec: &'a str,
    spec_needs_expanding: bool,
}

impl FieldRef<'_> {
    fn to_owned_field(&self) -> Field {
        Field {
            name: self.name.to_owned(),
            conversion: self.conversion,
            spec: self.spec.to_owned(),
            spec_needs_expanding: self.spec_needs_expanding,
        }
    }
}

/// One step of CPython's `MarkupIterator_next` over `s[*pos..]`: the literal
/// text up to the next field or doubled brace (`Ok(None)` at the end).
/// The returned pair is `(literal, brace)`: for a doubled brace the literal
/// ends with that one brace and `brace` is false; for a field start the
/// literal stops before the `{`, `*pos` is after it, and `brace` is true.
fn next_literal<'a>(s: &'a str, pos: &mut usize) -> Result<Option<(&'a str, bool)>, String> {
    let b = s.as_bytes();
    let start = *pos;
    if start >= b.len() {
        return Ok(None);
    }
    let Some(k) = find2(&b[start..], b'{', b'}') else {
        *pos = b.len();
        return Ok(Some((&s[start..], false)));
    };
    let m = start + k;
    let ch = b[m];
    *pos = m + 1;
    let at_end = *pos >= b.len();
    if ch == b'}' && (at_end || b[*pos] != b'}') {
        return Err("Single '}' encountered in format string".to_owned());
    }
    if at_end {
        return Err("Single '{' encountered in format string".to_owned());
    }
    if b[*pos] == ch {
        *pos += 1;
        return Ok(Some((&s[start..=m], false)));
    }
    Ok(Some((&s[start..m], true)))
}

/// Parses a whole format string into pieces (`_string.formatter_parser`).
/// Errors are ValueError messages.
pub fn parse_format_string(s: &str) -> Result<Vec<Piece>, String> {
    let mut pos = 0;
    let mut out = Vec::new();
    while let Some((literal, field)) = next_literal(s, &mut pos)? {
        let field = if field {
            Some(parse_field(s, &mut pos)?.to_owned_field())
        } else {
            None
        };
        out.push(Piece {
            literal: literal.to_owned(),
            field,
        });
    }
    Ok(out)
}

/// The char at byte offset `pos` of `s` (on a char boundary), or NUL at the end.
fn char_at(s: &str, pos: usize) -> char {
    s[pos..].chars().next().unwrap_or('\0')
}

/// Parses the field after a `{` at `s[*pos..]`, leaving `*pos` after its `}`.
fn parse_field<'a>(s: &'a str, pos: &mut usize) -> Result<FieldRef<'a>, String> {
    let c = s.as_bytes();
    let name_start = *pos;
    let mut ch = 0u8;
    let mut terminated = false;
    while *pos < c.len() {
        ch = c[*pos];
        *pos += 1;
        match ch {
            b'{' => return Err("unexpected '{' in field name".to_owned()),
            b'[' => {
                while *pos < c.len() && c[*pos] != b']' {
                    *pos += 1;
                }
                continue;
            }
            b'}' | b':' | b'!' => {
                terminated = true;
                break;
            }
            _ => continue,
        }
    }
    if !terminated {
        return Err("expected '}' before end of string".to_owned());
    }
    let mut field = FieldRef {
        name: &s[name_start..*pos - 1],
        conversion: None,
        spec: "",
        spec_needs_expanding: false,
    };
    if ch == b'}' {
        return Ok(field);
    }
    if ch == b'!' {
        if *pos >= c.len() {
            return Err("end of string while looking for conversion specifier".to_owned());
        }
        // The conversion may be any char (validated when rendering).
        let conv = char_at(s, *pos);
        field.conversion = Some(conv);
        *pos += conv.len_utf8();
        if *pos < c.len() {
            let n = char_at(s, *pos);
            *pos += n.len_utf8();
            if n == '}' {
                return Ok(field);
            }
            if n != ':' {
                return Err("expected ':' after conversion specifier".to_owned());
            }
        }
    }
    let spec_start = *pos;
    let mut count = 1;
    while *pos < c.len() {
        let x = c[*pos];
        *pos += 1;
        if x == b'{' {
            field.spec_needs_expanding = true;
            count += 1;
        } else if x == b'}' {
            count -= 1;
            if count == 0 {
                field.spec = &s[spec_start..*pos - 1];
                return Ok(field);
            }
        }
    }
    Err("unmatched '{' in format spec".to_owned())
}

/// Splits a field name at its first `.` or `[` into the first part and the
/// accessor text.
fn split_name(name: &str) -> (&str, &str) {
    let i = find2(name.as_bytes(), b'.', b'[').unwrap_or(name.len());
    name.split_at(i)
}

/// Splits a field name into its first part (raw text: an index if all decimal
/// digits, else a name) and the accessor text (`_string.formatter_field_name_split`).
pub fn field_name_split(name: &str) -> Result<(Option<usize>, String, String), String> {
    let (first, rest) = split_name(name);
    let idx = get_integer(first)?;
    Ok((idx, first.to_owned(), rest.to_owned()))
}

/// Parses the accessors after the first part of a field name, one at a time as
/// CPython does (so errors come after the first lookup). `*pos` is a byte
/// offset into `rest`.
pub fn next_access(rest: &str, pos: &mut usize) -> Result<Option<FieldAccess>, String> {
    let b = rest.as_bytes();
    if *pos >= b.len() {
        return Ok(None);
    }
    let ch = b[*pos];
    *pos += 1;
    let start = *pos;
    let access = match ch {
        b'.' => {
            while *pos < b.len() && b[*pos] != b'.' && b[*pos] != b'[' {
                *pos += 1;
            }
            let name = &rest[start..*pos];
            if name.is_empty() {
                return Err("Empty attribute in format string".to_owned());
            }
            FieldAccess::Attr(name.to_owned())
        }
        b'[' => {
            while *pos < b.len() && b[*pos] != b']' {
                *pos += 1;
            }
            if *pos >= b.len() {
                return Err("Missing ']' in format string".to_owned());
            }
            let key = &rest[start..*pos];
            *pos += 1;
            if key.is_empty() {
                return Err("Empty attribute in format string".to_owned());
            }
            match get_integer(key)? {
                Some(n) => FieldAccess::Index(n),
                None => FieldAccess::Key(key.to_owned()),
            }
        }
        _ => return Err("Only '.' or '[' may follow ']' in format field specifier".to_owned()),
    };
    Ok(Some(access))
}

/// The runtime side of [`str_format`]: looks values up and formats them.
pub trait FormatResolver {
    /// A runtime value handle.
    type Value;
    /// A runtime exception.
    type Error;
    /// Builds a ValueError with this message.
    fn value_error(&mut self, msg: String) -> Self::Error;
    /// `args[index]`; for `format_map` raise ValueError "Format string contains
    /// positional fields"; out of range: IndexError
    /// "Replacement index {index} out of range for positional args tuple".
    fn positional(&mut self, index: usize) -> Result<Self::Value, Self::Error>;
    /// `kwargs[name]` (KeyError if missing).
    fn keyword(&mut self, name: &str) -> Result<Self::Value, Self::Error>;
    /// `getattr(v, name)`.
    fn getattr(&mut self, v: Self::Value, name: &str) -> Result<Self::Value, Self::Error>;
    /// `v[index]` for a decimal index.
    fn getitem_index(&mut self, v: Self::Value, index: usize) -> Result<Self::Value, Self::Error>;
    /// `v[key]` for a str key.
    fn getitem_key(&mut self, v: Self::Value, key: &str) -> Result<Self::Value, Self::Error>;
    /// `repr(v)` / `str(v)` / `ascii(v)` for conversion `r` / `s` / `a`.
    fn convert(&mut self, v: Self::Value, conversion: char) -> Result<Self::Value, Self::Error>;
    /// `format(v, spec)`.
    fn format(&mut self, v: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum AutoState {
    Init,
    Auto,
    Manual,
}

struct AutoNumber {
    state: AutoState,
    next: usize,
}

/// `fmt.format(*args, **kwargs)` driven through `resolver` (recursion limit 2, automatic
/// numbering rules and error messages as CPython).
pub fn str_format<R: FormatResolver>(fmt: &str, resolver: &mut R) -> Result<String, R::Error> {
    let mut auto = AutoNumber {
        state: AutoState::Init,
        next: 0,
    };
    build_string(fmt, resolver, 2, &mut auto)
}

fn build_string<R: FormatResolver>(
    fmt: &str,
    r: &mut R,
    depth: u32,
    auto: &mut AutoNumber,
) -> Result<String, R::Error> {
    if depth == 0 {
        return Err(r.value_error("Max string recursion exceeded".to_owned()));
    }
    // CPython parses each field right before rendering it (so a parse error
    // after a field comes after that field's lookups): render as we go.
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    loop {
        let (literal, field) = match next_literal(fmt, &mut pos) {
            Ok(Some(x)) => x,
            Ok(None) => break,
            Err(m) => return Err(r.value_error(m)),
        };
        out.push_str(literal);
        if !field {
            continue;
        }
        let field = match parse_field(fmt, &mut pos) {
            Ok(f) => f,
            Err(m) => return Err(r.value_error(m)),
        };
        out.push_str(&render_field(&field, r, depth, auto)?);
    }
    Ok(out)
}

fn render_field<R: FormatResolver>(
    field: &FieldRef<'_>,
    r: &mut R,
    depth: u32,
    auto: &mut AutoNumber,
) -> Result<String, R::Error> {
    let mut v = get_field_object(field.name, r, auto)?;
    if let Some(conv) = field.conversion {
        if matches!(conv, 'r' | 's' | 'a') {
            v = r.convert(v, conv)?;
        } else {
            let u = conv as u32;
            let msg = if u > 32 && u < 127 {
                format!("Unknown conversion specifier {conv}")
            } else {
                format!("Unknown conversion specifier \\x{u:x}")
            };
            return Err(r.value_error(msg));
        }
    }
    if field.spec_needs_expanding {
        let spec = build_string(field.spec, r, depth - 1, auto)?;
        r.format(v, &spec)
    } else {
        r.format(v, field.spec)
    }
}

fn get_field_object<R: FormatResolver>(
    name: &str,
    r: &mut R,
    auto: &mut AutoNumber,
) -> Result<R::Value, R::Error> {
    let (first, rest) = split_name(name);
    let idx = if first.is_empty() {
        None
    } else {
        match get_integer(first) {
            Ok(x) => x,
            Err(m) => return Err(r.value_error(m)),
        }
    };
    let empty = first.is_empty();
    let numeric = empty || idx.is_some();
    if numeric {
        if auto.state == AutoState::Init {
            auto.state = if empty {
                AutoState::Auto
            } else {
                AutoState::Manual
            };
        }
        if auto.state == AutoState::Manual && empty {
            return Err(r.value_error(
                "cannot switch from manual field specification to automatic field numbering"
                    .to_owned(),
            ));
        }
        if auto.state == AutoState::Auto && !empty {
            return Err(r.value_error(
                "cannot switch from automatic field numbering to manual field specification"
                    .to_owned(),
            ));
        }
    }
    let mut v = if empty {
        let i = auto.next;
        auto.next += 1;
        r.positional(i)?
    } else if let Some(i) = idx {
        r.positional(i)?
    } else {
        r.keyword(first)?
    };
    if rest.is_empty() {
        return Ok(v);
    }
    let mut pos = 0;
    loop {
        match next_access(rest, &mut pos) {
            Ok(None) => break,
            Ok(Some(FieldAccess::Attr(a))) => v = r.getattr(v, &a)?,
            Ok(Some(FieldAccess::Index(i))) => v = r.getitem_index(v, i)?,
            Ok(Some(FieldAccess::Key(k))) => v = r.getitem_key(v, &k)?,
            Err(m) => return Err(r.value_error(m)),
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::format_spec::{format_int, format_str, FormatSpec};
    use num_bigint::BigInt;

    #[derive(Clone, Debug)]
    enum V {
        Int(i64),
        Str(String),
        List(Vec<i64>),
    }

    struct R {
        args: Vec<i64>,
    }

    impl FormatResolver for R {
        type Value = V;
        type Error = String;
        fn value_error(&mut self, msg: String) -> String {
            format!("ValueError: {msg}")
        }
        fn positional(&mut self, index: usize) -> Result<V, String> {
            self.args.get(index).map(|&v| V::Int(v)).ok_or_else(|| {
                format!(
                    "IndexError: Replacement index {index} out of range for positional args tuple"
                )
            })
        }
        fn keyword(&mut self, name: &str) -> Result<V, String> {
            match name {
                "a" => Ok(V::List(vec![10, 20])),
                "b" => Ok(V::Int(5)),
                _ => Err(format!("KeyError: {}", crate::text::repr::str_repr(name))),
            }
        }
        fn getattr(&mut self, v: V, name: &str) -> Result<V, String> {
            match (&v, name) {
                (V::Int(i), "real") => Ok(V::Int(*i)),
                (V::Int(_), "imag") => Ok(V::Int(0)),
                (V::Int(_), _) => Err(format!(
                    "AttributeError: 'int' object has no attribute '{name}'"
                )),
                _ => Err(format!(
                    "AttributeError: 'list' object has no attribute '{name}'"
                )),
            }
        }
        fn getitem_index(&mut self, v: V, index: usize) -> Result<V, String> {
            match v {
                V::List(l) => l
                    .get(index)
                    .map(|&x| V::Int(x))
                    .ok_or_else(|| "IndexError: list index out of range".to_owned()),
                _ => Err("TypeError: 'int' object is not subscriptable".to_owned()),
            }
        }
        fn getitem_key(&mut self, v: V, _key: &str) -> Result<V, String> {
            match v {
                V::List(_) => {
                    Err("TypeError: list indices must be integers or slices, not str".to_owned())
                }
                _ => Err("TypeError: 'int' object is not subscriptable".to_owned()),
            }
        }
        fn convert(&mut self, v: V, conversion: char) -> Result<V, String> {
            let s = match v {
                V::Int(i) => i.to_string(),
                V::Str(s) if conversion == 's' => s,
                V::Str(s) => crate::text::repr::str_repr(&s),
                V::List(l) => format!("{l:?}"),
            };
            Ok(V::Str(s))
        }
        fn format(&mut self, v: V, spec: &str) -> Result<String, String> {
            let tn = match v {
                V::Int(_) => "int",
                V::Str(_) => "str",
                V::List(_) => "list",
            };
            let s = FormatSpec::parse_typed(spec, tn).map_err(|m| format!("ValueError: {m}"))?;
            match v {
                V::Int(i) => format_int(&BigInt::from(i), &s),
                V::Str(st) => format_str(&st, &s),
                V::List(l) => Ok(format!("{l:?}")),
            }
            .map_err(|e| format!("ValueError: {}", e.message))
        }
    }

    type Parsed<'a> = Vec<(&'a str, Option<(&'a str, &'a str, Option<&'a str>)>)>;
    type Case<'a> = (
        &'a str,
        Result<&'a str, &'a str>,
        Result<Parsed<'a>, &'a str>,
    );

    #[test]
    fn format_table() {
        let cases: Vec<Case> = include!("testdata/strformat.rs");
        let mut bad = Vec::new();
        for (fmt, want, want_parsed) in cases {
            let mut r = R {
                args: vec![1, 2, 3, 4],
            };
            let got = str_format(fmt, &mut r);
            let same = match (&got, want) {
                (Ok(g), Ok(w)) => g == w,
                (Err(g), Err(w)) => g == w,
                _ => false,
            };
            if !same {
                bad.push(format!("{fmt:?}.format: got {got:?} want {want:?}"));
            }
            let parsed = parse_format_string(fmt).map(|ps| {
                ps.into_iter()
                    .map(|p| {
                        let f = p
                            .field
                            .map(|f| (f.name, f.spec, f.conversion.map(String::from)));
                        (p.literal, f)
                    })
                    .collect::<Vec<_>>()
            });
            let want_parsed = want_parsed.map(|v| {
                v.into_iter()
                    .map(|(l, f)| {
                        (
                            l.to_owned(),
                            f.map(|(n, s, c)| (n.to_owned(), s.to_owned(), c.map(str::to_owned))),
                        )
                    })
                    .collect::<Vec<_>>()
            });
            let want_parsed = want_parsed.map_err(str::to_owned);
            if parsed != want_parsed {
                bad.push(format!(
                    "parser {fmt:?}: got {parsed:?} want {want_parsed:?}"
                ));
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn field_names() {
        assert_eq!(
            field_name_split("0.a[1]").unwrap(),
            (Some(0), "0".to_owned(), ".a[1]".to_owned())
        );
        assert_eq!(
            field_name_split("name").unwrap(),
            (None, "name".to_owned(), String::new())
        );
        let rest = ".a[1][k]";
        let mut pos = 0;
        let mut got = Vec::new();
        while let Some(a) = next_access(rest, &mut pos).unwrap() {
            got.push(a);
        }
        assert_eq!(
            got,
            vec![
                FieldAccess::Attr("a".into()),
                FieldAccess::Index(1),
                FieldAccess::Key("k".into())
            ]
        );
    }
}
