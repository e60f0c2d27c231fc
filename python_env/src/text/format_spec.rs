//! PEP 3101 format-spec mini-language (`format(x, spec)`, `str.format`) for int, float and str, as CPython 3.11.

use super::number::{double_to_string, DtsFlags};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// A parsed format specification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// Explicit fill character (only with an explicit alignment).
    pub fill: Option<char>,
    /// Explicit alignment: `<`, `>`, `=` or `^`.
    pub align: Option<char>,
    /// Sign option: `+`, `-` or ` `.
    pub sign: Option<char>,
    /// The `z` option (coerce negative zero).
    pub no_neg_0: bool,
    /// The `#` option.
    pub alternate: bool,
    /// A leading `0` before the width (zero padding).
    pub zero_pad: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// Grouping: `,` or `_` (`_` groups by four for b/o/x/X).
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type.
    pub ty: Option<char>,
    /// The spec text was empty (`format(x, '')` means `str(x)`).
    pub empty: bool,
    /// Type name for error messages (set by [`FormatSpec::parse_typed`]).
    pub type_name: &'static str,
}

/// Largest width the formatters will pad to; beyond it they report MemoryError
/// (CPython would try, and fail, to allocate the string).
pub const MAX_PAD_WIDTH: usize = 1 << 31;

/// An error from formatting: a ValueError unless `overflow` or `memory`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// OverflowError rather than ValueError.
    pub overflow: bool,
    /// MemoryError (result too large) rather than ValueError.
    pub memory: bool,
    /// The exception message.
    pub message: String,
}

impl FormatError {
    fn value(m: impl Into<String>) -> FormatError {
        FormatError {
            overflow: false,
            memory: false,
            message: m.into(),
        }
    }
    fn overflow(m: impl Into<String>) -> FormatError {
        FormatError {
            overflow: true,
            memory: false,
            message: m.into(),
        }
    }
}

/// The exception `e` stands for: MemoryError, OverflowError or ValueError.
pub fn raise(vm: &mut engine::runtime::Vm, e: FormatError) -> engine::runtime::PyException {
    if e.memory {
        vm.no_memory()
    } else if e.overflow {
        vm.new_exc(vm.g.e.OverflowError, &e.message)
    } else {
        vm.value_error(&e.message)
    }
}

impl From<String> for FormatError {
    fn from(m: String) -> FormatError {
        FormatError::value(m)
    }
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn code_repr(c: char) -> String {
    let u = c as u32;
    if u > 32 && u < 128 {
        c.to_string()
    } else {
        format!("\\x{u:x}")
    }
}

/// A spec's characters, as bytes when the spec is ASCII (the common case:
/// no `Vec<char>` to build) or as chars otherwise.
trait SpecChar: Copy {
    fn ch(self) -> char;
}

impl SpecChar for u8 {
    #[inline]
    fn ch(self) -> char {
        char::from(self)
    }
}

impl SpecChar for char {
    #[inline]
    fn ch(self) -> char {
        self
    }
}

fn parse_count<T: SpecChar>(chars: &[T], pos: &mut usize) -> Result<Option<usize>, String> {
    let start = *pos;
    let mut v: usize = 0;
    while *pos < chars.len() {
        let Some(d) = super::unicode::decimal_value(chars[*pos].ch() as u32) else {
            break;
        };
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= i64::MAX as usize)
            .ok_or_else(|| "Too many decimal digits in format string".to_owned())?;
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(v) })
}

impl FormatSpec {
    /// Parses a spec; error messages name the type as `object`.  Prefer [`FormatSpec::parse_typed`].
    pub fn parse(spec: &str) -> Result<FormatSpec, String> {
        Self::parse_typed(spec, "")
    }

    /// Parses a spec for a value of type `type_name` (`int`, `float`, `str`, ...).
    pub fn parse_typed(spec: &str, type_name: &'static str) -> Result<FormatSpec, String> {
        if spec.is_ascii() {
            Self::parse_chars(spec, spec.as_bytes(), type_name)
        } else {
            let c: Vec<char> = spec.chars().collect();
            Self::parse_chars(spec, &c, type_name)
        }
    }

    /// [`FormatSpec::parse_typed`] over `c`, the characters of `spec`.
    fn parse_chars<T: SpecChar>(
        spec: &str,
        c: &[T],
        type_name: &'static str,
    ) -> Result<FormatSpec, String> {
        let mut f = FormatSpec {
            fill: None,
            align: None,
            sign: None,
            no_neg_0: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
            empty: spec.is_empty(),
            type_name,
        };
        let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
        let mut pos = 0;
        if c.len() >= 2 && is_align(c[1].ch()) {
            f.fill = Some(c[0].ch());
            f.align = Some(c[1].ch());
            pos = 2;
        } else if !c.is_empty() && is_align(c[0].ch()) {
            f.align = Some(c[0].ch());
            pos = 1;
        }
        if pos < c.len() && matches!(c[pos].ch(), '+' | '-' | ' ') {
            f.sign = Some(c[pos].ch());
            pos += 1;
        }
        if pos < c.len() && c[pos].ch() == 'z' {
            f.no_neg_0 = true;
            pos += 1;
        }
        if pos < c.len() && c[pos].ch() == '#' {
            f.alternate = true;
            pos += 1;
        }
        if f.fill.is_none() && pos < c.len() && c[pos].ch() == '0' {
            f.zero_pad = true;
            pos += 1;
        }
        f.width = parse_count(c, &mut pos)?;
        if pos < c.len() && c[pos].ch() == ',' {
            f.grouping = Some(',');
            pos += 1;
        }
        if pos < c.len() && c[pos].ch() == '_' {
            if f.grouping.is_some() {
                return Err("Cannot specify both ',' and '_'.".to_owned());
            }
            f.grouping = Some('_');
            pos += 1;
        }
        if pos < c.len() && c[pos].ch() == ',' && f.grouping == Some('_') {
            return Err("Cannot specify both ',' and '_'.".to_owned());
        }
        if pos < c.len() && c[pos].ch() == '.' {
            pos += 1;
            f.precision = parse_count(c, &mut pos)?;
            if f.precision.is_none() {
                return Err("Format specifier missing precision".to_owned());
            }
        }
        if c.len() - pos > 1 {
            return Err(format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                if type_name.is_empty() {
                    "object"
                } else {
                    type_name
                }
            ));
        }
        if c.len() - pos == 1 {
            f.ty = Some(c[pos].ch());
        }
        if let Some(g) = f.grouping {
            let default_ty = match type_name {
                "str" => Some('s'),
                "int" | "bool" => Some('d'),
                _ => None,
            };
            let ty = f.ty.or(default_ty);
            let ok = match ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => g == '_',
                _ => false,
            };
            if !ok {
                let t = ty.unwrap_or('\0');
                return Err(format!("Cannot specify '{g}' with '{}'.", code_repr(t)));
            }
        }
        Ok(f)
    }

    fn tname<'a>(&'a self, default: &'a str) -> &'a str {
        if self.type_name.is_empty() {
            default
        } else {
            self.type_name
        }
    }

    fn resolved_align(&self, numeric: bool) -> char {
        match self.align {
            Some(a) => a,
            None if numeric && self.zero_pad => '=',
            None if numeric => '>',
            None => '<',
        }
    }

    fn fill_char(&self) -> char {
        match self.fill {
            Some(c) => c,
            None if self.zero_pad => '0',
            None => ' ',
        }
    }
}

fn unknown_code(ty: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        code_repr(ty)
    ))
}

fn group_digits(digits: &str, min_width: i64, group: usize, sep: Option<char>) -> String {
    let d = digits.as_bytes();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width;
    let mut parts: Vec<String> = Vec::new();
    let mut end = d.len();
    let mut take = |l: i64, remaining: &mut i64, parts: &mut Vec<String>| {
        let n_zeros = (l - *remaining).max(0);
        let n_chars = (*remaining).min(l).max(0) as usize;
        let mut s = "0".repeat(n_zeros as usize);
        s.push_str(std::str::from_utf8(&d[end - n_chars..end]).unwrap_or(""));
        end -= n_chars;
        *remaining -= n_chars as i64;
        parts.push(s);
    };
    match sep {
        Some(_) => loop {
            let l = (group as i64).min(remaining.max(min_width).max(1));
            take(l, &mut remaining, &mut parts);
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        },
        None => {
            let l = remaining.max(min_width).max(1);
            take(l, &mut remaining, &mut parts);
        }
    }
    parts.reverse();
    let mut sbuf = [0u8; 4];
    parts.join(sep.map_or("", |c| c.encode_utf8(&mut sbuf)))
}

/// Lays out a formatted float: `body` is the digits (sign already removed)
/// followed by the remainder (CPython's `parse_number` split).
fn layout_float(spec: &FormatSpec, negative: bool, body: &str) -> String {
    let nd = body.bytes().take_while(u8::is_ascii_digit).count();
    let has_decimal = body.as_bytes().get(nd) == Some(&b'.');
    let digits = &body[..nd];
    let rest = &body[nd + usize::from(has_decimal)..];
    layout_number(spec, negative, "", digits, has_decimal, rest, 3)
}

/// CPython's `calc_number_spec` + `fill_number`.
fn layout_number(
    spec: &FormatSpec,
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    rest: &str,
    group: usize,
) -> String {
    let sign = match (spec.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let align = spec.resolved_align(true);
    let fill = spec.fill_char();
    let n_rest = rest.chars().count() as i64;
    let n_non_digit =
        i64::from(sign.is_some()) + prefix.chars().count() as i64 + i64::from(has_decimal) + n_rest;
    let width = spec.width.map_or(-1, |w| w as i64);
    let min_width = if fill == '0' && align == '=' {
        width - n_non_digit
    } else {
        0
    };
    // Without a separator and with no zeros to add, grouping gives the
    // digits back unchanged: borrow them.
    let grouped: std::borrow::Cow<'_, str> = if digits.is_empty() {
        "".into()
    } else if spec.grouping.is_none() && min_width <= digits.len() as i64 {
        digits.into()
    } else {
        group_digits(digits, min_width, group, spec.grouping).into()
    };
    let n_padding = width - (n_non_digit + grouped.chars().count() as i64);
    let (mut l, mut s, mut r) = (0, 0, 0);
    if n_padding > 0 {
        match align {
            '<' => r = n_padding,
            '^' => {
                l = n_padding / 2;
                r = n_padding - l;
            }
            '=' => s = n_padding,
            _ => l = n_padding,
        }
    }
    let mut out = String::with_capacity(
        digits.len() + rest.len() + prefix.len() + n_padding.max(0) as usize + 2,
    );
    let pad = |out: &mut String, n: i64| out.extend(std::iter::repeat_n(fill, n as usize));
    pad(&mut out, l);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(prefix);
    pad(&mut out, s);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(rest);
    pad(&mut out, r);
    out
}

fn check_width(spec: &FormatSpec) -> Result<(), FormatError> {
    if spec.width.unwrap_or(0) > MAX_PAD_WIDTH {
        return Err(FormatError {
            overflow: false,
            memory: true,
            message: String::new(),
        });
    }
    Ok(())
}

/// `format(int, spec)` (types b c d o x X n, none, and e E f F g G % via float).
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    check_width(spec)?;
    if spec.empty {
        return Ok(v.to_string());
    }
    let tn = spec.tname("int");
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = v
                .to_f64()
                .filter(|x| x.is_finite())
                .ok_or_else(|| FormatError::overflow("int too large to convert to float"))?;
            return format_float_inner(x, spec);
        }
        _ => return Err(unknown_code(ty, tn)),
    }
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        if v.to_i64().is_none() {
            return Err(FormatError::overflow(
                "Python int too large to convert to C long",
            ));
        }
        let ch = v
            .to_u32()
            .and_then(char::from_u32)
            .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"));
        let ch = match ch {
            Ok(c) => c,
            Err(e) => {
                // Surrogates are valid code points in Python; render them as U+FFFD here.
                match v.to_u32() {
                    Some(u) if (0xD800..=0xDFFF).contains(&u) => '\u{FFFD}',
                    _ => return Err(e),
                }
            }
        };
        return Ok(layout_number(
            spec,
            false,
            "",
            "",
            false,
            &ch.to_string(),
            3,
        ));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if let Some(m) = v.magnitude().to_u64() {
        // Every small int: no BigInt conversion (and no digit limit to apply).
        match base {
            2 => format!("{m:b}"),
            8 => format!("{m:o}"),
            16 => format!("{m:x}"),
            _ => m.to_string(),
        }
    } else if base == 10 {
        let mag = v.abs();
        super::number::int_to_decimal(&mag).map_err(FormatError::value)?
    } else {
        v.abs().to_str_radix(base)
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    let group = if base == 10 { 3 } else { 4 };
    Ok(layout_number(
        spec,
        v.is_negative(),
        prefix,
        &digits,
        false,
        "",
        group,
    ))
}

/// `format(float, spec)` (types e E f F g G n % and none).
pub fn format_float(v: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    check_width(spec)?;
    if spec.empty {
        return Ok(super::repr::float_repr(v));
    }
    let tn = spec.tname("float");
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_inner(v, spec),
        Some(t) => Err(unknown_code(t, tn)),
    }
}

fn format_float_inner(v: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value("precision too big"));
    }
    let mut flags = DtsFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..DtsFlags::default()
    };
    let mut ty = spec.ty.unwrap_or('\0');
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = v;
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let mut buf = double_to_string(val, ty, precision, flags);
    if pct {
        buf.push('%');
    }
    if spec.width.is_none() && spec.grouping.is_none() && matches!(spec.sign, None | Some('-')) {
        // No padding, separators or added sign: the layout would rebuild
        // `buf` unchanged ("-", digits, ".", the rest).
        return Ok(buf);
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, &buf[..]),
    };
    Ok(layout_float(spec, negative, body))
}

/// `format(complex, spec)` (types e E f F g G n and none; no `0`/`=` padding).
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    check_width(spec)?;
    if spec.empty {
        return Ok(super::repr::complex_repr(re, im));
    }
    let tn = spec.tname("complex");
    let mut ty = match spec.ty {
        None => '\0',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')) => t,
        Some(t) => return Err(unknown_code(t, tn)),
    };
    if spec.fill_char() == '0' {
        return Err(FormatError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align == Some('=') {
        return Err(FormatError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let flags = DtsFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..DtsFlags::default()
    };
    let mut default_precision = 6;
    let mut skip_re = false;
    let mut parens = false;
    if ty == '\0' {
        ty = 'r';
        default_precision = 0;
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            parens = true;
        }
    }
    if ty == 'n' {
        ty = 'g';
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let re_buf = double_to_string(re, ty, precision, flags);
    let im_buf = double_to_string(im, ty, precision, flags);
    let mut tmp = spec.clone();
    tmp.fill = None;
    tmp.zero_pad = false;
    tmp.align = Some('<');
    tmp.width = None;
    let split = |b: &str| -> (bool, String) {
        match b.strip_prefix('-') {
            Some(r) => (true, r.to_owned()),
            None => (false, b.to_owned()),
        }
    };
    let (re_neg, re_body) = split(&re_buf);
    let (im_neg, im_body) = split(&im_buf);
    let re_s = layout_float(&tmp, re_neg, &re_body);
    if !skip_re {
        tmp.sign = Some('+');
    }
    let im_s = layout_float(&tmp, im_neg, &im_body);
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re_s);
    }
    body.push_str(&im_s);
    body.push('j');
    if parens {
        body.push(')');
    }
    let n = body.chars().count();
    let total = spec.width.map_or(n, |w| w.max(n));
    let lpad = match spec.align.unwrap_or('>') {
        '>' => total - n,
        '^' => (total - n) / 2,
        _ => 0,
    };
    let rpad = total - n - lpad;
    let fill = spec.fill_char();
    let mut out = String::with_capacity(body.len() + lpad + rpad);
    out.extend(std::iter::repeat_n(fill, lpad));
    out.push_str(&body);
    out.extend(std::iter::repeat_n(fill, rpad));
    Ok(out)
}

fn check_str_spec(spec: &FormatSpec) -> Result<char, FormatError> {
    check_width(spec)?;
    let tn = spec.tname("str");
    match spec.ty {
        None | Some('s') => {}
        Some(t) => return Err(unknown_code(t, tn)),
    }
    if spec.sign == Some(' ') {
        return Err(FormatError::value(
            "Space not allowed in string format specifier",
        ));
    }
    if spec.sign.is_some() {
        return Err(FormatError::value(
            "Sign not allowed in string format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = spec.resolved_align(false);
    if align == '=' {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    Ok(align)
}

fn str_padding(spec: &FormatSpec, align: char, len: usize) -> (usize, usize) {
    let width = spec.width.unwrap_or(0);
    if width <= len {
        return (0, 0);
    }
    let n = width - len;
    match align {
        '>' => (n, 0),
        '^' => (n / 2, n - n / 2),
        _ => (0, n),
    }
}

/// `format(str, spec)` (type `s` or none; width and precision count code points).
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    let align = check_str_spec(spec)?;
    let body: &str = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((i, _)) => &s[..i],
            None => s,
        },
        None => s,
    };
    let (l, r) = str_padding(spec, align, body.chars().count());
    let fill = spec.fill_char();
    let mut out = String::with_capacity(body.len() + (l + r) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, l));
    out.push_str(body);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(out)
}

/// `format(str, spec)` over code points (lone surrogates kept).
pub fn format_str_cps(s: &[u32], spec: &FormatSpec) -> Result<Vec<u32>, FormatError> {
    let align = check_str_spec(spec)?;
    let body = match spec.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    let (l, r) = str_padding(spec, align, body.len());
    let fill = spec.fill_char() as u32;
    let mut out = Vec::with_capacity(body.len() + l + r);
    out.extend(std::iter::repeat_n(fill, l));
    out.extend_from_slice(body);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        spec: &str,
        tn: &'static str,
        f: impl Fn(&FormatSpec) -> Result<String, FormatError>,
    ) -> Result<String, String> {
        let s = FormatSpec::parse_typed(spec, tn)?;
        f(&s).map_err(|e| e.message)
    }

    fn check(got: Result<String, String>, want: Result<&str, &str>, what: String) -> bool {
        let ok = match (&got, want) {
            (Ok(g), Ok(w)) => g == w,
            (Err(g), Err(w)) => g == w,
            _ => false,
        };
        if !ok {
            eprintln!("MISMATCH {what}: got {got:?} want {want:?}");
        }
        ok
    }

    #[test]
    fn float_table() {
        let cases: &[(u64, &str, Result<&str, &str>)] = &include!("testdata/fmt_float.rs");
        let mut bad = 0;
        for &(b, spec, want) in cases {
            let x = f64::from_bits(b);
            bad += usize::from(!check(
                run(spec, "float", |s| format_float(x, s)),
                want,
                format!("format({x:?}, {spec:?})"),
            ));
        }
        assert_eq!(bad, 0, "{bad} of {} float cases failed", cases.len());
    }

    #[test]
    fn int_table() {
        let cases: &[(&str, &str, Result<&str, &str>)] = &include!("testdata/fmt_int.rs");
        let mut bad = 0;
        for &(v, spec, want) in cases {
            let n: BigInt = v.parse().unwrap();
            bad += usize::from(!check(
                run(spec, "int", |s| format_int(&n, s)),
                want,
                format!("format({v}, {spec:?})"),
            ));
        }
        assert_eq!(bad, 0, "{bad} of {} int cases failed", cases.len());
    }

    #[test]
    fn str_table() {
        let cases: &[(&str, &str, Result<&str, &str>)] = &include!("testdata/fmt_str.rs");
        let mut bad = 0;
        for &(v, spec, want) in cases {
            bad += usize::from(!check(
                run(spec, "str", |s| format_str(v, s)),
                want,
                format!("format({v:?}, {spec:?})"),
            ));
        }
        assert_eq!(bad, 0, "{bad} of {} str cases failed", cases.len());
    }

    #[test]
    fn complex_table() {
        let cases: &[(u64, u64, &str, Result<&str, &str>)] = &include!("testdata/fmt_complex.rs");
        let mut bad = 0;
        for &(re, im, spec, want) in cases {
            let (re, im) = (f64::from_bits(re), f64::from_bits(im));
            let got = run(spec, "complex", |s| format_complex(re, im, s));
            bad += usize::from(!check(
                got,
                want,
                format!("format(complex({re:?}, {im:?}), {spec:?})"),
            ));
        }
        assert_eq!(bad, 0, "{bad} of {} complex cases failed", cases.len());
    }

    #[test]
    fn huge_precision() {
        let cases: &[(f64, &str, usize, &str, &str)] = &[
            (
                1.5,
                ".70000f",
                70002,
                "1.50000000000000000000000000000000000000",
                "000000000000",
            ),
            (
                1e-300,
                ".70000e",
                70007,
                "1.00000000000000002505909183520875968569",
                "0000000e-300",
            ),
            (
                0.1,
                ".70000g",
                57,
                "0.10000000000000000555111512312578270211",
                "404541015625",
            ),
            (
                5e-324,
                "#.70000g",
                70006,
                "4.94065645841246544176568792868221372365",
                "0000000e-324",
            ),
            (
                123.0,
                ".1100f",
                1104,
                "123.000000000000000000000000000000000000",
                "000000000000",
            ),
            (
                5e-324,
                ".1080f",
                1082,
                "0.00000000000000000000000000000000000000",
                "265625000000",
            ),
        ];
        for &(x, spec, len, head, tail) in cases {
            let r = format_float(x, &FormatSpec::parse_typed(spec, "float").unwrap()).unwrap();
            assert_eq!(
                (r.len(), &r[..40], &r[r.len() - 12..]),
                (len, head, tail),
                "{x} {spec}"
            );
        }
        let s = FormatSpec::parse_typed("99999999999", "str").unwrap();
        assert!(format_str("a", &s).unwrap_err().memory);
    }

    #[test]
    fn str_cps() {
        let s = FormatSpec::parse_typed("*^5.2", "str").unwrap();
        assert_eq!(
            format_str_cps(&[0xD800, 0x61, 0x62], &s).unwrap(),
            vec![0x2A, 0xD800, 0x61, 0x2A, 0x2A]
        );
        let s = FormatSpec::parse_typed("+", "str").unwrap();
        assert!(format_str_cps(&[0x61], &s).is_err());
    }

    #[test]
    fn overflow_kinds() {
        let s = FormatSpec::parse_typed("c", "int").unwrap();
        assert!(format_int(&BigInt::from(-1), &s).unwrap_err().overflow);
        assert!(FormatSpec::parse_typed("abc", "int").is_err());
    }
}
