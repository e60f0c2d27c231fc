//! printf-style `str % args` formatting with CPython 3.11's semantics and error messages.

use super::number::{double_to_string, int_to_decimal, DtsFlags};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// An error from [`percent_format`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentError {
    /// TypeError with this message.
    Type(String),
    /// ValueError with this message.
    Value(String),
    /// OverflowError with this message.
    Overflow(String),
    /// MemoryError (a width too large to pad to).
    Memory,
    /// KeyError for `%(key)s` (payload: the key); runtimes may instead return `Raised`.
    Key(String),
    /// The runtime's callback raised an exception it keeps pending itself.
    Raised,
}

impl std::fmt::Display for PercentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PercentError::Type(m) | PercentError::Value(m) | PercentError::Overflow(m) => {
                f.write_str(m)
            }
            PercentError::Key(k) => write!(f, "{}", super::repr::str_repr(k)),
            PercentError::Raised => f.write_str("<raised>"),
            PercentError::Memory => Ok(()),
        }
    }
}

/// One argument of a `%` format, implemented by the runtime over its objects.
pub trait PercentArg {
    /// `type(x).__name__`, for error messages.
    fn type_name(&self) -> String;
    /// Whether the object is exactly an int (for `*` width/precision: else "* wants int").
    /// Return its value, or `None` if it is not an int.
    fn as_exact_int(&mut self) -> Option<BigInt>;
    /// For `%d %i %u` (`index_only == false`: `int(x)` if x is a number) and
    /// `%o %x %X` (`index_only == true`: `operator.index(x)`).  `Ok(None)` means the
    /// object is not a suitable number (TypeError "...is required, not T").
    fn to_int(&mut self, index_only: bool) -> Result<Option<BigInt>, PercentError>;
    /// The value when the object is an int small enough for a machine word
    /// and not a bool: what `to_int` would give, without a BigInt. `None`
    /// says nothing (the caller falls back to `to_int`).
    fn small_int(&mut self) -> Option<i64> {
        None
    }
    /// `float(x)` as `PyFloat_AsDouble` does it; `Ok(None)` if not a real number.
    fn to_float(&mut self) -> Result<Option<f64>, PercentError>;
    /// If the object is a `str`: its code points (for `%c`), else `None`.
    fn as_str_chars(&mut self) -> Option<Vec<u32>>;
    /// The character `%c` writes for code point `cp` (at most 0x10FFFF):
    /// by default U+FFFD for a lone surrogate, which a `String` cannot
    /// hold; a runtime may carry it (`SurrogateMap::carry`).
    fn carry_cp(&mut self, cp: u32) -> char {
        char::from_u32(cp).unwrap_or('\u{FFFD}')
    }
    /// `str(x)`.
    fn to_str(&mut self) -> Result<String, PercentError>;
    /// `repr(x)`.
    fn to_repr(&mut self) -> Result<String, PercentError>;
    /// `ascii(x)`; by default the repr with non-ASCII escaped.
    fn to_ascii(&mut self) -> Result<String, PercentError> {
        Ok(super::repr::ascii_escape(&self.to_repr()?))
    }
    /// bytes `%s`/`%b`: the contents of a bytes-like object or of `x.__bytes__()`;
    /// `Ok(None)` if it is neither (TypeError "%b requires a bytes-like object...").
    fn to_bytes(&mut self) -> Result<Option<Vec<u8>>, PercentError> {
        Ok(None)
    }
    /// bytes `%c`: if the object is `bytes` or `bytearray`, its contents.
    fn as_bytes_value(&mut self) -> Option<Vec<u8>> {
        None
    }
}

/// The right operand of `%`, implemented by the runtime.
pub trait PercentArgs {
    /// `Some(n)` if the operand is a tuple of `n` items; `None` for a single object.
    fn tuple_len(&self) -> Option<usize>;
    /// Whether the operand is a mapping for `%(key)s` (CPython: `PyMapping_Check`
    /// and not a tuple or str).
    fn is_mapping(&self) -> bool;
    /// The `index`-th tuple item, or the operand itself (`index == 0`) if not a tuple.
    fn item(&mut self, index: usize) -> Result<Box<dyn PercentArg + '_>, PercentError>;
    /// `operand[key]` (errors such as KeyError come back as `Key` or `Raised`).
    fn get_item(&mut self, key: &str) -> Result<Box<dyn PercentArg + '_>, PercentError>;
    /// `operand[key]` with a `bytes` key, for `bytes % mapping`.
    fn get_item_bytes(&mut self, key: &[u8]) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        let _ = key;
        Err(PercentError::Type("format requires a mapping".to_owned()))
    }
}

/// Simple owned argument values, handy for tests and for runtimes that convert eagerly.
#[derive(Clone, Debug, PartialEq)]
pub enum SimpleArg {
    /// An int (`bool` has type_name "bool" via `Bool`).
    Int(BigInt),
    /// A bool.
    Bool(bool),
    /// A float.
    Float(f64),
    /// A str.
    Str(String),
    /// A bytes object.
    Bytes(Vec<u8>),
}

impl PercentArg for SimpleArg {
    fn type_name(&self) -> String {
        match self {
            SimpleArg::Int(_) => "int",
            SimpleArg::Bool(_) => "bool",
            SimpleArg::Float(_) => "float",
            SimpleArg::Str(_) => "str",
            SimpleArg::Bytes(_) => "bytes",
        }
        .to_owned()
    }
    fn as_exact_int(&mut self) -> Option<BigInt> {
        match self {
            SimpleArg::Int(v) => Some(v.clone()),
            SimpleArg::Bool(b) => Some(BigInt::from(u8::from(*b))),
            _ => None,
        }
    }
    fn to_int(&mut self, index_only: bool) -> Result<Option<BigInt>, PercentError> {
        match self {
            SimpleArg::Int(v) => Ok(Some(v.clone())),
            SimpleArg::Bool(b) => Ok(Some(BigInt::from(u8::from(*b)))),
            SimpleArg::Float(_) if index_only => Ok(None),
            SimpleArg::Float(x) => {
                super::number::float_to_bigint(*x)
                    .map(Some)
                    .map_err(|(k, m)| {
                        if k == "OverflowError" {
                            PercentError::Overflow(m)
                        } else {
                            PercentError::Value(m)
                        }
                    })
            }
            SimpleArg::Str(_) | SimpleArg::Bytes(_) => Ok(None),
        }
    }
    fn to_float(&mut self) -> Result<Option<f64>, PercentError> {
        match self {
            SimpleArg::Int(v) => v
                .to_f64()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| {
                    PercentError::Overflow("int too large to convert to float".to_owned())
                }),
            SimpleArg::Bool(b) => Ok(Some(f64::from(u8::from(*b)))),
            SimpleArg::Float(x) => Ok(Some(*x)),
            SimpleArg::Str(_) | SimpleArg::Bytes(_) => Ok(None),
        }
    }
    fn as_str_chars(&mut self) -> Option<Vec<u32>> {
        match self {
            SimpleArg::Str(s) => Some(s.chars().map(|c| c as u32).collect()),
            _ => None,
        }
    }
    fn to_str(&mut self) -> Result<String, PercentError> {
        Ok(match self {
            SimpleArg::Int(v) => int_to_decimal(v).map_err(PercentError::Value)?,
            SimpleArg::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
            SimpleArg::Float(x) => super::repr::float_repr(*x),
            SimpleArg::Str(s) => s.clone(),
            SimpleArg::Bytes(b) => super::repr::bytes_repr(b, "b"),
        })
    }
    fn to_repr(&mut self) -> Result<String, PercentError> {
        match self {
            SimpleArg::Str(s) => Ok(super::repr::str_repr(s)),
            _ => self.to_str(),
        }
    }
    fn to_bytes(&mut self) -> Result<Option<Vec<u8>>, PercentError> {
        Ok(self.as_bytes_value())
    }
    fn as_bytes_value(&mut self) -> Option<Vec<u8>> {
        match self {
            SimpleArg::Bytes(b) => Some(b.clone()),
            _ => None,
        }
    }
}

/// Operand forms built from [`SimpleArg`]s.
#[derive(Clone, Debug)]
pub enum SimpleArgs {
    /// A tuple.
    Tuple(Vec<SimpleArg>),
    /// A single non-tuple, non-mapping object.
    Single(SimpleArg),
    /// A dict with str keys.
    Map(Vec<(String, SimpleArg)>),
}

impl PercentArgs for SimpleArgs {
    fn tuple_len(&self) -> Option<usize> {
        match self {
            SimpleArgs::Tuple(v) => Some(v.len()),
            _ => None,
        }
    }
    fn is_mapping(&self) -> bool {
        matches!(self, SimpleArgs::Map(_))
    }
    fn item(&mut self, index: usize) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        match self {
            SimpleArgs::Tuple(v) => Ok(Box::new(v[index].clone())),
            SimpleArgs::Single(a) => Ok(Box::new(a.clone())),
            SimpleArgs::Map(m) => {
                let body: Vec<String> = m
                    .iter_mut()
                    .map(|(k, v)| {
                        format!(
                            "{}: {}",
                            super::repr::str_repr(k),
                            v.to_repr().unwrap_or_default()
                        )
                    })
                    .collect();
                Ok(Box::new(SimpleArg::Str(format!("{{{}}}", body.join(", ")))))
            }
        }
    }
    fn get_item(&mut self, key: &str) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        match self {
            SimpleArgs::Map(m) => m
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| Box::new(v.clone()) as Box<dyn PercentArg>)
                .ok_or_else(|| PercentError::Key(key.to_owned())),
            _ => Err(PercentError::Type("format requires a mapping".to_owned())),
        }
    }
    fn get_item_bytes(&mut self, key: &[u8]) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        match self {
            SimpleArgs::Map(m) => m
                .iter()
                .find(|(k, _)| k.as_bytes() == key)
                .map(|(_, v)| Box::new(v.clone()) as Box<dyn PercentArg>)
                .ok_or_else(|| PercentError::Key(String::from_utf8_lossy(key).into_owned())),
            _ => Err(PercentError::Type("format requires a mapping".to_owned())),
        }
    }
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

struct Ctx<'a> {
    args: &'a mut dyn PercentArgs,
    /// After `%(key)`, the current "operand" is `args[key]` (as in CPython).
    key: Option<String>,
    /// `bytes % args` (keys and text are Latin-1 code points standing for bytes).
    bytes: bool,
    arglen: i64,
    argidx: i64,
}

impl Ctx<'_> {
    /// CPython's `unicode_format_getnextarg`; calls `f` on the argument.
    fn next<R>(
        &mut self,
        f: impl FnOnce(&mut dyn PercentArg) -> Result<R, PercentError>,
    ) -> Result<R, PercentError> {
        if self.argidx >= self.arglen {
            return Err(PercentError::Type(
                "not enough arguments for format string".to_owned(),
            ));
        }
        self.argidx += 1;
        let mut a = match &self.key {
            Some(k) if self.bytes => {
                let kb: Vec<u8> = k.chars().map(|c| c as u32 as u8).collect();
                self.args.get_item_bytes(&kb)?
            }
            Some(k) => self.args.get_item(k)?,
            None if self.arglen < 0 => self.args.item(0)?,
            None => self.args.item((self.argidx - 1) as usize)?,
        };
        f(&mut *a)
    }
}

/// `fmt % args` for `str`.
pub fn percent_format(fmt: &str, args: &mut dyn PercentArgs) -> Result<String, PercentError> {
    format_impl(fmt, args, false)
}

/// `fmt % args` for `bytes`/`bytearray` (adds `%b`; `%s` takes bytes-like objects,
/// `%r`/`%a` give `ascii()`, `%c` takes a byte).  The runtime's `is_mapping` must
/// also be false for bytes and bytearray operands.
pub fn percent_format_bytes(
    fmt: &[u8],
    args: &mut dyn PercentArgs,
) -> Result<Vec<u8>, PercentError> {
    let f: String = fmt.iter().map(|&b| b as char).collect();
    let out = format_impl(&f, args, true)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&b| b as char).collect()
}

/// The char index of byte offset `byte` in `s` (for error messages, which
/// count code points as CPython does).
fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn format_impl(fmt: &str, args: &mut dyn PercentArgs, bytes: bool) -> Result<String, PercentError> {
    let (arglen, argidx) = match args.tuple_len() {
        Some(n) => (n as i64, 0),
        None => (-1, -2),
    };
    let is_dict = args.is_mapping() && args.tuple_len().is_none();
    let mut ctx = Ctx {
        args,
        key: None,
        bytes,
        arglen,
        argidx,
    };
    // The format is walked as UTF-8 bytes: every character with a meaning
    // here (`%`, flags, digits, `(`, `)`, `.`, `*`, the conversion letters)
    // is ASCII, so a byte with that value is that character, and literal
    // runs between `%`s are copied as whole slices (they start and end at
    // ASCII bytes, hence on char boundaries). Error messages that give an
    // index convert the byte offset to a char index.
    let c = fmt.as_bytes();
    let mut out = String::with_capacity(fmt.len() + 16);
    // Scratch space for the digits of `%d`/`%x`/`%o`, reused by every field.
    let mut num = String::new();
    let mut i = 0;
    let incomplete = || PercentError::Value("incomplete format".to_owned());
    while i < c.len() {
        if c[i] != b'%' {
            // A plain loop for short runs, where memchr's setup costs more.
            let rest = &c[i..];
            let found = if rest.len() < 32 {
                rest.iter().position(|&b| b == b'%')
            } else {
                memchr::memchr(b'%', rest)
            };
            let run = found.map_or(c.len(), |k| i + k);
            out.push_str(&fmt[i..run]);
            i = run;
            continue;
        }
        i += 1;
        if i < c.len() && c[i] == b'%' {
            out.push('%');
            i += 1;
            continue;
        }
        if i < c.len() && c[i] == b'(' {
            if !is_dict {
                return Err(PercentError::Type("format requires a mapping".to_owned()));
            }
            i += 1;
            let start = i;
            let mut depth = 1;
            while i < c.len() {
                if c[i] == b')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                } else if c[i] == b'(' {
                    depth += 1;
                }
                i += 1;
            }
            if depth > 0 || i >= c.len() {
                return Err(PercentError::Value("incomplete format key".to_owned()));
            }
            let key = fmt[start..i].to_owned();
            i += 1;
            ctx.key = Some(key);
            ctx.arglen = -1;
            ctx.argidx = -2;
        }
        let mut flags = 0u8;
        while i < c.len() {
            match c[i] {
                b'-' => flags |= F_LJUST,
                b'+' => flags |= F_SIGN,
                b' ' => flags |= F_BLANK,
                b'#' => flags |= F_ALT,
                b'0' => flags |= F_ZERO,
                _ => break,
            }
            i += 1;
        }
        let mut width: i64 = -1;
        let star_int = |ssize: bool| {
            move |a: &mut dyn PercentArg| -> Result<i64, PercentError> {
                let v = a
                    .as_exact_int()
                    .ok_or_else(|| PercentError::Type("* wants int".to_owned()))?;
                let r = if ssize {
                    v.to_i64()
                } else {
                    v.to_i32().map(i64::from)
                };
                r.ok_or_else(|| {
                    PercentError::Overflow(format!(
                        "Python int too large to convert to C {}",
                        if ssize { "ssize_t" } else { "int" }
                    ))
                })
            }
        };
        if i < c.len() && c[i] == b'*' {
            width = ctx.next(star_int(true))?;
            if width < 0 {
                flags |= F_LJUST;
                width = width.saturating_neg();
            }
            i += 1;
        } else if i < c.len() && c[i].is_ascii_digit() {
            width = 0;
            while i < c.len() && c[i].is_ascii_digit() {
                let d = i64::from(c[i] - b'0');
                if width > (i64::MAX - d) / 10 {
                    return Err(PercentError::Value("width too big".to_owned()));
                }
                width = width * 10 + d;
                i += 1;
            }
        }
        let mut prec: i64 = -1;
        if i < c.len() && c[i] == b'.' {
            prec = 0;
            i += 1;
            if i < c.len() && c[i] == b'*' {
                prec = ctx.next(star_int(false))?.max(0);
                i += 1;
            } else {
                while i < c.len() && c[i].is_ascii_digit() {
                    let d = i64::from(c[i] - b'0');
                    if prec > (i64::from(i32::MAX) - d) / 10 {
                        return Err(PercentError::Value("precision too big".to_owned()));
                    }
                    prec = prec * 10 + d;
                    i += 1;
                }
            }
        }
        if i < c.len() && matches!(c[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= c.len() {
            return Err(incomplete());
        }
        // `i` is on a char boundary: everything consumed since the last
        // literal run was ASCII.
        let fmtpos = i;
        let ch = fmt[i..].chars().next().unwrap_or('\0');
        i += ch.len_utf8();
        let mut sign = false;
        // The converted text, unless it went to `num` (ints) instead.
        let piece: String = match ch {
            's' | 'b' if bytes => ctx.next(|a| match a.to_bytes()? {
                Some(b) => Ok(latin1(&b)),
                None => Err(PercentError::Type(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    a.type_name()
                ))),
            })?,
            'r' | 'a' if bytes => ctx.next(|a| a.to_ascii())?,
            'c' if bytes => {
                let byte = ctx.next(|a| {
                    let bad = || PercentError::Type("%c requires an integer in range(256) or a single byte".to_owned());
                    if let Some(b) = a.as_bytes_value() {
                        return if b.len() == 1 { Ok(b[0]) } else { Err(bad()) };
                    }
                    match a.to_int(true) {
                        Ok(Some(v)) => v
                            .to_u8()
                            .ok_or_else(|| PercentError::Overflow("%c arg not in range(256)".to_owned())),
                        Ok(None) | Err(PercentError::Type(_)) => Err(bad()),
                        Err(e) => Err(e),
                    }
                })?;
                (byte as char).to_string()
            }
            's' | 'r' | 'a' => ctx.next(|a| match ch {
                's' => a.to_str(),
                'r' => a.to_repr(),
                _ => a.to_ascii(),
            })?,
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let plain = width == -1 && prec == -1 && flags & (F_SIGN | F_BLANK) == 0;
                let v = ctx.next(|a| {
                    if let Some(i) = a.small_int() {
                        return Ok(Err(i));
                    }
                    let index_only = matches!(ch, 'o' | 'x' | 'X');
                    // Bytes formatting reads `%i` as `%d` (CPython's
                    // `_PyBytes_FormatEx`), and names it so.
                    let shown = if bytes && ch == 'i' { 'd' } else { ch };
                    match a.to_int(index_only)? {
                        Some(v) => Ok(Ok(v)),
                        None => Err(PercentError::Type(format!(
                            "%{shown} format: {} is required, not {}",
                            if index_only { "an integer" } else { "a real number" },
                            a.type_name()
                        ))),
                    }
                })?;
                let v = match v {
                    // A small int under a plain %d/%i/%u: its decimal digits.
                    Err(i) if plain && matches!(ch, 'd' | 'i' | 'u') => {
                        if i < 0 {
                            out.push('-');
                        }
                        push_u64(&mut out, i.unsigned_abs());
                        continue;
                    }
                    Err(i) => BigInt::from(i),
                    Ok(v) => v,
                };
                if plain {
                    // output_arg would copy the text unchanged: render it
                    // in place.
                    format_long(&mut out, &v, flags & F_ALT != 0, prec, ch)?;
                    continue;
                }
                num.clear();
                format_long(&mut num, &v, flags & F_ALT != 0, prec, ch)?;
                if width > super::format_spec::MAX_PAD_WIDTH as i64 {
                    return Err(PercentError::Memory);
                }
                output_arg(&mut out, &num, ch, flags, width, prec, true);
                continue;
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                sign = true;
                let x = ctx.next(|a| match a.to_float()? {
                    Some(x) => Ok(x),
                    None => Err(PercentError::Type(format!("must be real number, not {}", a.type_name()))),
                })?;
                let p = if prec < 0 { 6 } else { prec as usize };
                double_to_string(x, ch, p, DtsFlags { alt: flags & F_ALT != 0, ..DtsFlags::default() })
            }
            'c' => {
                let cp = ctx.next(|a| {
                    let bad = || PercentError::Type("%c requires int or char".to_owned());
                    if let Some(chars) = a.as_str_chars() {
                        return if chars.len() == 1 { Ok(a.carry_cp(chars[0])) } else { Err(bad()) };
                    }
                    match a.to_int(true) {
                        Ok(Some(v)) => v
                            .to_u32()
                            .filter(|&u| u <= 0x10FFFF)
                            .map(|u| a.carry_cp(u))
                            .ok_or_else(|| PercentError::Overflow("%c arg not in range(0x110000)".to_owned())),
                        Ok(None) | Err(PercentError::Type(_)) => Err(bad()),
                        Err(e) => Err(e),
                    }
                })?;
                cp.to_string()
            }
            _ => {
                ctx.next(|_| Ok(()))?;
                let fmtpos = char_index(fmt, fmtpos);
                if bytes {
                    // CPython formats the (signed) C char with %c.
                    if (ch as u32) >= 0x80 {
                        return Err(PercentError::Overflow("character argument not in range(0x110000)".to_owned()));
                    }
                    return Err(PercentError::Value(format!(
                        "unsupported format character '{ch}' (0x{:x}) at index {fmtpos}",
                        ch as u32
                    )));
                }
                let shown = if (31..=126).contains(&(ch as u32)) { ch } else { '?' };
                return Err(PercentError::Value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {fmtpos}",
                    ch as u32
                )));
            }
        };
        if width > super::format_spec::MAX_PAD_WIDTH as i64 {
            return Err(PercentError::Memory);
        }
        output_arg(&mut out, &piece, ch, flags, width, prec, sign);
    }
    if ctx.argidx < ctx.arglen && !is_dict {
        let what = if bytes { "bytes" } else { "string" };
        return Err(PercentError::Type(format!(
            "not all arguments converted during {what} formatting"
        )));
    }
    Ok(out)
}

/// Appends the decimal digits of `m` to `out`.
fn push_u64(out: &mut String, m: u64) {
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(super::u64_digits(&mut [0u8; 20], m)).unwrap_or_default());
}

/// CPython's `_PyUnicode_FormatLong`, appending to `out`.
fn format_long(
    out: &mut String,
    v: &BigInt,
    alt: bool,
    prec: i64,
    ty: char,
) -> Result<(), PercentError> {
    use std::fmt::Write as _;
    let neg = v.is_negative();
    if neg {
        out.push('-');
    }
    if alt {
        match ty {
            'o' => out.push_str("0o"),
            'x' => out.push_str("0x"),
            'X' => out.push_str("0X"),
            _ => {}
        }
    }
    let digits_at = out.len();
    // Values that fit in a u64 (every small int) are rendered without
    // BigInt's string conversion; the digit limit cannot apply to them.
    match (v.magnitude().to_u64(), ty) {
        (Some(m), 'o') => {
            let _ = write!(out, "{m:o}");
        }
        (Some(m), 'x') => {
            let _ = write!(out, "{m:x}");
        }
        (Some(m), 'X') => {
            let _ = write!(out, "{m:X}");
        }
        (Some(m), _) => push_u64(out, m),
        (None, 'o') => out.push_str(&v.magnitude().to_str_radix(8)),
        (None, 'x') => out.push_str(&v.magnitude().to_str_radix(16)),
        (None, 'X') => out.push_str(&v.magnitude().to_str_radix(16).to_ascii_uppercase()),
        (None, _) => {
            let s = int_to_decimal(v).map_err(PercentError::Value)?;
            out.push_str(s.trim_start_matches('-'));
        }
    }
    let ndigits = (out.len() - digits_at) as i64;
    // The digits are ASCII, so their byte count is their char count.
    if prec > ndigits {
        let pad = "0".repeat((prec - ndigits) as usize);
        out.insert_str(digits_at, &pad);
    }
    Ok(())
}

/// The byte offset of the `n`-th char of `s` (`s.len()` if it has no more).
fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// CPython's `unicode_format_arg_output`.
fn output_arg(
    out: &mut String,
    s: &str,
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    mut sign: bool,
) {
    // Without width, precision or sign flags the text goes out unchanged;
    // only then is its length (in chars) needed.
    if width == -1 && prec == -1 && flags & (F_SIGN | F_BLANK) == 0 {
        out.push_str(s);
        return;
    }
    let fill = if sign && flags & F_ZERO != 0 && flags & F_LJUST == 0 {
        '0'
    } else {
        ' '
    };
    let full_len = s.chars().count() as i64;
    let mut len = full_len;
    if (width == -1 || width <= len)
        && (prec == -1 || prec >= len)
        && flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(s);
        return;
    }
    // (`%b` is bytes-only: `%s` of bytes.)
    if matches!(ch, 's' | 'r' | 'a' | 'b') && prec >= 0 && len > prec {
        len = prec;
    }
    // `p` counts chars skipped at the front (a sign, a `0x` prefix). They
    // are ASCII, so it is also their byte length.
    let b = s.as_bytes();
    let mut p = 0usize;
    let mut signchar = None;
    if sign {
        let c0 = b.first().copied();
        if c0 == Some(b'-') || c0 == Some(b'+') {
            signchar = c0.map(char::from);
            len -= 1;
            p += 1;
        } else if flags & F_SIGN != 0 {
            signchar = Some('+');
        } else if flags & F_BLANK != 0 {
            signchar = Some(' ');
        } else {
            sign = false;
        }
    }
    let mut width = width.max(len);
    if sign {
        if fill != ' ' {
            out.extend(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let alt_prefix = flags & F_ALT != 0 && matches!(ch, 'x' | 'X' | 'o');
    if alt_prefix {
        if fill != ' ' {
            out.push_str(&s[p..p + 2]);
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, (width - len) as usize));
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.extend(signchar);
        }
        if alt_prefix {
            out.push_str(&s[p..p + 2]);
        }
    }
    if alt_prefix {
        p += 2;
    }
    // The kept text: all of it after the skipped prefix, or (for a
    // precision that truncates s/r/a, where nothing was skipped) its first
    // `len` chars.
    let end = if p as i64 + len.max(0) >= full_len {
        s.len()
    } else {
        p + byte_at_char(&s[p..], len.max(0) as usize)
    };
    out.push_str(&s[p..end]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', (width - len) as usize));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(s: &str) -> SimpleArg {
        SimpleArg::Int(s.parse().unwrap())
    }
    fn f(b: u64) -> SimpleArg {
        SimpleArg::Float(f64::from_bits(b))
    }
    fn s(v: &str) -> SimpleArg {
        SimpleArg::Str(v.to_owned())
    }
    fn b(v: bool) -> SimpleArg {
        SimpleArg::Bool(v)
    }
    fn by(v: &[u8]) -> SimpleArg {
        SimpleArg::Bytes(v.to_vec())
    }

    fn kind(e: PercentError) -> (&'static str, String) {
        match e {
            PercentError::Type(m) => ("TypeError", m),
            PercentError::Value(m) => ("ValueError", m),
            PercentError::Overflow(m) => ("OverflowError", m),
            PercentError::Key(k) => ("KeyError", crate::text::repr::str_repr(&k)),
            PercentError::Raised => ("Raised", String::new()),
            PercentError::Memory => ("MemoryError", String::new()),
        }
    }

    type BCase<'a> = (Vec<u8>, SimpleArgs, Result<Vec<u8>, (&'a str, &'a str)>);

    #[test]
    fn percent_bytes_table() {
        let cases: Vec<BCase> = include!("testdata/percent_bytes.rs");
        let mut bad = Vec::new();
        let n = cases.len();
        for (fmt, mut args, want) in cases {
            let got = percent_format_bytes(&fmt, &mut args).map_err(kind);
            let same = match (&got, &want) {
                (Ok(g), Ok(w)) => g == w,
                (Err((gk, gm)), Err((wk, wm))) => gk == wk && gm == wm,
                _ => false,
            };
            if !same {
                bad.push(format!("{fmt:?} % {args:?}: got {got:?} want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} of {n}: {bad:#?}", bad.len());
    }

    type Case<'a> = (&'a str, SimpleArgs, Result<&'a str, (&'a str, &'a str)>);

    #[test]
    fn percent_table() {
        let cases: Vec<Case> = include!("testdata/percent.rs");
        let mut bad = Vec::new();
        let n = cases.len();
        for (fmt, mut args, want) in cases {
            let got = percent_format(fmt, &mut args).map_err(kind);
            let same = match (&got, want) {
                (Ok(g), Ok(w)) => g == w,
                (Err((gk, gm)), Err((wk, wm))) => *gk == wk && gm == wm,
                _ => false,
            };
            if !same {
                bad.push(format!("{fmt:?} % {args:?}: got {got:?} want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} of {n}: {bad:#?}", bad.len());
    }
}
