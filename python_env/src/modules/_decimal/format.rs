//! `Decimal.__format__`: the format mini-language of the C module (fill, align, sign,
//! `z`, zero padding, width, `,` grouping, precision, types `eEfFgGn%`), with the
//! locale's (or an override dict's) decimal point, separator and grouping for `n`.

use super::context::Fields;
use super::ffi::{Ctx, Dec, DecNum, Rounding};
use engine::runtime::*;
use proto_core::Value;

/// Locale pieces for the `n` type (or given by the caller as an override dict).
pub(crate) struct Locale {
    pub decimal_point: String,
    pub thousands_sep: String,
    pub grouping: Vec<i64>,
}

/// Reads `decimal_point`/`thousands_sep`/`grouping` from a dict (missing keys: the C
/// locale's values).
pub(crate) fn overrides(vm: &mut Vm, d: Value) -> PyResult<Locale> {
    if !vm.isinstance(d, vm.g.types.dict) {
        return Err(vm.type_error("optional argument must be a dict"));
    }
    let mut loc = Locale {
        decimal_point: ".".into(),
        thousands_sep: String::new(),
        grouping: Vec::new(),
    };
    let k = vm.new_str("decimal_point");
    if let Some(v) = vm.dict_get(d, k)? {
        loc.decimal_point = str_of(v).into_owned();
    }
    let k = vm.new_str("thousands_sep");
    if let Some(v) = vm.dict_get(d, k)? {
        loc.thousands_sep = str_of(v).into_owned();
    }
    let k = vm.new_str("grouping");
    if let Some(v) = vm.dict_get(d, k)? {
        if is_str(v) {
            loc.grouping = str_of(v).bytes().map(|b| b as i64).collect();
        } else {
            for x in vm.collect(v)? {
                loc.grouping.push(vm.as_i64(x).unwrap_or(0));
            }
        }
    }
    Ok(loc)
}

struct Spec {
    fill: char,
    align: char,
    sign: char,
    no_neg_0: bool,
    zeropad: bool,
    width: usize,
    comma: bool,
    precision: Option<i64>,
    ty: Option<char>,
}

/// The C module's one message for a spec it cannot parse (the spec is not named).
fn invalid() -> String {
    "invalid format string".into()
}

fn parse(spec: &str) -> Result<Spec, String> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut fill = None;
    let mut align = None;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if cs.len() >= 2 && is_align(cs[1]) {
        fill = Some(cs[0]);
        align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        align = Some(cs[0]);
        i = 1;
    }
    let mut sign = '-';
    if i < cs.len() && matches!(cs[i], '-' | '+' | ' ') {
        sign = cs[i];
        i += 1;
    }
    let mut no_neg_0 = false;
    if i < cs.len() && cs[i] == 'z' {
        no_neg_0 = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        return Err(invalid());
    }
    let mut zeropad = false;
    if i < cs.len() && cs[i] == '0' {
        zeropad = true;
        i += 1;
    }
    let mut width = 0usize;
    let start = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        width = width
            .checked_mul(10)
            .and_then(|w| w.checked_add(cs[i] as usize - '0' as usize))
            .ok_or_else(invalid)?;
        i += 1;
    }
    if i > start && cs[start] == '0' {
        return Err(invalid());
    }
    // A width the padded string could not be allocated for is invalid (as the C
    // module, whose formatter refuses sizes it cannot represent).
    if width > i32::MAX as usize - 1 {
        return Err(invalid());
    }
    let mut comma = false;
    if i < cs.len() && cs[i] == ',' {
        comma = true;
        i += 1;
    }
    let mut precision = None;
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let s = i;
        let mut p: i64 = 0;
        while i < cs.len() && cs[i].is_ascii_digit() {
            p = p
                .checked_mul(10)
                .and_then(|w| w.checked_add(cs[i] as i64 - '0' as i64))
                .ok_or_else(invalid)?;
            i += 1;
        }
        if i == s {
            return Err(invalid());
        }
        precision = Some(p);
    }
    let mut ty = None;
    if i < cs.len() && "eEfFgGn%".contains(cs[i]) {
        ty = Some(cs[i]);
        i += 1;
    }
    if i != cs.len() {
        return Err(invalid());
    }
    if zeropad && (fill.is_some() || align.is_some()) {
        return Err(invalid());
    }
    if comma && ty == Some('n') {
        return Err(invalid());
    }
    Ok(Spec {
        fill: fill.unwrap_or(' '),
        align: align.unwrap_or('>'),
        sign,
        no_neg_0,
        zeropad,
        width,
        comma,
        precision,
        ty,
    })
}

/// `x` quantized to exponent `exp` exactly but for the rounding.
fn rescale(x: &DecNum, exp: i64, r: Rounding) -> Dec {
    let adj = x.exponent() as i64 + x.digits() as i64;
    let need = (adj - exp + 2).clamp(1, 999_999_999) as i32;
    let mut cx = Ctx::exact(need.max(x.digits()));
    cx.set_rounding(r);
    let q = Dec::from_parts(false, &[1], exp.clamp(-999_999_999, 999_999_999) as i32);
    x.quantize(&q, &mut cx)
}

/// `x` rounded to `places` significant digits (zeros unchanged).
fn round_sig(x: &DecNum, places: i64, r: Rounding) -> Dec {
    if x.is_zero() {
        return x.to_dec();
    }
    let adjusted = |d: &DecNum| d.exponent() as i64 + d.digits() as i64 - 1;
    let a = rescale(x, adjusted(x) + 1 - places, r);
    if adjusted(&a) != adjusted(x) {
        return rescale(&a, adjusted(&a) + 1 - places, r);
    }
    a
}

fn sign_str(neg: bool, s: &Spec) -> String {
    if neg {
        "-".into()
    } else if s.sign == '+' || s.sign == ' ' {
        s.sign.to_string()
    } else {
        String::new()
    }
}

fn align(sign: &str, body: &str, s: &Spec) -> String {
    let len = sign.chars().count() + body.chars().count();
    let pad: String = std::iter::repeat_n(s.fill, s.width.saturating_sub(len)).collect();
    match s.align {
        '<' => format!("{sign}{body}{pad}"),
        '=' => format!("{sign}{pad}{body}"),
        '^' => {
            let half = pad.chars().count() / 2;
            let left: String = pad.chars().take(half).collect();
            let right: String = pad.chars().skip(half).collect();
            format!("{left}{sign}{body}{right}")
        }
        _ => format!("{pad}{sign}{body}"),
    }
}

fn insert_seps(digits: &str, sep: &str, grouping: &[i64], mut min_width: i64) -> String {
    let mut digits: Vec<char> = digits.chars().collect();
    let mut groups: Vec<String> = Vec::new();
    // The last entry: 0 repeats the one before, CHAR_MAX (127) stops grouping.
    let mut lens = grouping.to_vec();
    let mut idx = 0;
    let mut repeat: Option<i64> = None;
    let mut done = false;
    if !lens.is_empty() {
        if *lens.last().expect("nonempty") == 0 && lens.len() >= 2 {
            lens.pop();
            repeat = lens.last().copied();
        } else if *lens.last().expect("nonempty") == 127 {
            lens.pop();
        }
    }
    loop {
        let l = if idx < lens.len() {
            lens[idx]
        } else if let Some(r) = repeat {
            r
        } else {
            break;
        };
        idx += 1;
        if l <= 0 {
            break;
        }
        let l = (digits.len() as i64).max(min_width).max(1).min(l) as usize;
        let take = l.min(digits.len());
        let tail: String = digits[digits.len() - take..].iter().collect();
        groups.push(format!("{}{}", "0".repeat(l - take), tail));
        digits.truncate(digits.len() - take);
        min_width -= l as i64;
        if digits.is_empty() && min_width <= 0 {
            done = true;
            break;
        }
        min_width -= sep.chars().count() as i64;
    }
    if !done {
        let l = (digits.len() as i64).max(min_width).max(1) as usize;
        let take = l.min(digits.len());
        let tail: String = digits[digits.len() - take..].iter().collect();
        groups.push(format!("{}{}", "0".repeat(l - take), tail));
    }
    groups.reverse();
    groups.join(sep)
}

/// Formats `x` by `spec` in a context with fields `f`; `Err` is a ValueError message.
pub(crate) fn format(
    x: &DecNum,
    spec_str: &str,
    f: &Fields,
    loc: Option<&Locale>,
) -> Result<String, String> {
    let mut s = parse(spec_str)?;
    if s.precision == Some(0) && matches!(s.ty, None | Some('g' | 'G' | 'n')) {
        s.precision = Some(1);
    }
    let (dp, sep, grouping) = if s.ty == Some('n') {
        s.ty = Some('g');
        match loc {
            Some(l) => (
                l.decimal_point.clone(),
                l.thousands_sep.clone(),
                l.grouping.clone(),
            ),
            None => (".".to_string(), String::new(), vec![]),
        }
    } else {
        match loc {
            Some(l) => (
                l.decimal_point.clone(),
                if s.comma {
                    l.thousands_sep.clone()
                } else {
                    String::new()
                },
                l.grouping.clone(),
            ),
            None => (
                ".".to_string(),
                if s.comma { ",".into() } else { String::new() },
                vec![3, 0],
            ),
        }
    };
    if x.is_special() {
        let sign = sign_str(x.is_negative(), &s);
        let mut body = x.copy_abs().to_sci_string();
        if s.ty == Some('%') {
            body.push('%');
        }
        return Ok(align(&sign, &body, &s));
    }
    let ty = s.ty.unwrap_or(if f.capitals { 'G' } else { 'g' });
    let mut v = if ty == '%' {
        Dec::from_parts(x.is_negative(), &x.coefficient_digits(), x.exponent() + 2)
    } else {
        x.to_dec()
    };
    let r = f.round;
    if let Some(p) = s.precision {
        match ty {
            'e' | 'E' => v = round_sig(&v, p + 1, r),
            'f' | 'F' | '%' => v = rescale(&v, -p, r),
            _ => {
                if v.digits() as i64 > p {
                    v = round_sig(&v, p, r)
                }
            }
        }
    }
    if v.is_zero() && v.exponent() > 0 && matches!(ty, 'f' | 'F' | '%') {
        v = rescale(&v, 0, r);
    }
    let neg = if v.is_zero() && s.no_neg_0 {
        false
    } else {
        v.is_negative()
    };
    let digits = v.coefficient_string();
    let nd = digits.len() as i64;
    let leftdigits = v.exponent() as i64 + nd;
    let dotplace = match ty {
        'e' | 'E' => {
            if v.is_zero() && s.precision.is_some() {
                1 - s.precision.unwrap_or(0)
            } else {
                1
            }
        }
        'f' | 'F' | '%' => leftdigits,
        _ => {
            if v.exponent() <= 0 && leftdigits > -6 {
                leftdigits
            } else {
                1
            }
        }
    };
    let (intpart, fracpart) = if dotplace < 0 {
        (
            "0".to_string(),
            format!("{}{}", "0".repeat((-dotplace) as usize), digits),
        )
    } else if dotplace > nd {
        (
            format!("{}{}", digits, "0".repeat((dotplace - nd) as usize)),
            String::new(),
        )
    } else {
        let (a, b) = digits.split_at(dotplace as usize);
        (
            if a.is_empty() {
                "0".to_string()
            } else {
                a.to_string()
            },
            b.to_string(),
        )
    };
    let exp = leftdigits - dotplace;
    let sign = sign_str(neg, &s);
    let mut frac = if fracpart.is_empty() {
        String::new()
    } else {
        format!("{dp}{fracpart}")
    };
    if exp != 0 || matches!(ty, 'e' | 'E') {
        let echar = if matches!(ty, 'E' | 'G') { 'E' } else { 'e' };
        frac.push_str(&format!(
            "{echar}{}{}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    }
    if ty == '%' {
        frac.push('%');
    }
    let min_width = if s.zeropad {
        s.width as i64 - frac.chars().count() as i64 - sign.chars().count() as i64
    } else {
        0
    };
    let int = insert_seps(&intpart, &sep, &grouping, min_width);
    Ok(align(&sign, &format!("{int}{frac}"), &s))
}
