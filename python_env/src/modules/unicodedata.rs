//! The `unicodedata` module, Unicode 14.0 as in CPython 3.11: character
//! properties, names and aliases, named sequences, normalization (NFC, NFD,
//! NFKC, NFKD) and `is_normalized`, and the `ucd_3_2_0` object (Unicode
//! 3.2.0's properties, which IDNA's `stringprep` uses).
//!
//! The data are tables generated from CPython's own unicodedata by
//! `tools/gen_unicodedata.py` (`unicodedata_db.rs`); names come from the
//! `unicode_names2` crate limited to the characters Unicode 14.0 names.

#[path = "unicodedata_db.rs"]
mod db;

use crate::args::check;
use crate::text::{tables, unicode};
use engine::runtime::*;
use proto_core::{Obj, Value};

/// CPython's longest accepted name in `lookup` (`NAME_MAXLEN`).
const NAME_MAXLEN: usize = 256;

// Hangul syllable arithmetic (Unicode chapter 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The property record of `c`: (category, bidirectional, combining, east
/// asian width, mirrored) indices into the name tables.
fn record(c: u32, old: bool) -> (u8, u8, u8, u8, bool) {
    let c = c as usize;
    if old {
        let s = db::OLD_SHIFT;
        let b = db::OLD_INDEX1[c >> s] as usize;
        db::OLD_RECORDS[db::OLD_INDEX2[(b << s) + (c & ((1 << s) - 1))] as usize]
    } else {
        let s = db::SHIFT;
        let b = db::INDEX1[c >> s] as usize;
        db::RECORDS[db::INDEX2[(b << s) + (c & ((1 << s) - 1))] as usize]
    }
}

/// Whether `c` was unassigned in Unicode 3.2.0 (category Cn there): the old
/// database gives it no name, decomposition or numeric value.
fn unassigned_old(c: u32) -> bool {
    record(c, true).0 == 0
}

fn combining_class(c: u32) -> u8 {
    record(c, false).2
}

/// (decimal, digit, numeric) of `c`; -1 / NaN where it has none.
fn numeric_values(c: u32, old: bool) -> (i8, i8, f64) {
    if old {
        if let Ok(i) = db::OLD_NUMERIC.binary_search_by_key(&c, |r| r.0) {
            let r = db::OLD_NUMERIC[i];
            return (r.1, r.2, r.3);
        }
    }
    match db::NUMERIC.binary_search_by_key(&c, |r| r.0) {
        Ok(i) => {
            let r = db::NUMERIC[i];
            (r.1, r.2, r.3)
        }
        Err(_) => (-1, -1, f64::NAN),
    }
}

/// The decomposition record of `c`: (tag index, mapping).
fn decomposition_of(c: u32, old: bool) -> Option<(u8, &'static [u32])> {
    if old && unassigned_old(c) {
        return None;
    }
    let i = db::DECOMPOSITION.binary_search_by_key(&c, |r| r.0).ok()?;
    let r = db::DECOMPOSITION[i];
    Some((r.1, r.2))
}

/// The type name `_PyArg_BadArgument` shows: "None" for None.
fn bad_arg_name(vm: &mut Vm, v: Value) -> String {
    if v.is_none() {
        "None".into()
    } else {
        vm.type_name_of(v).to_string()
    }
}

/// The code point of a one-character str argument, or CPython's TypeError.
/// `pos` is the wording of the argument (`"argument"` for one-argument
/// functions, `"argument 1"` otherwise).
fn one_char(vm: &mut Vm, fname: &str, pos: &str, v: Value) -> PyResult<u32> {
    if is_str(v) {
        let cps = crate::text::decode_wtf8(str_bytes(v));
        if let [c] = cps[..] {
            return Ok(c);
        }
    }
    let tn = bad_arg_name(vm, v);
    Err(vm.type_error(&format!(
        "{fname}() {pos} must be a unicode character, not {tn}"
    )))
}

/// The arguments after the receiver for UCD methods, all of them for the
/// module functions.
fn args_of(a: &[Value], old: bool) -> &[Value] {
    if old {
        a.get(1..).unwrap_or(&[])
    } else {
        a
    }
}

/// A `METH_O` arity check, with the function's qualified name.
fn check_one(vm: &mut Vm, name: &str, a: &[Value], k: Value, old: bool) -> PyResult<()> {
    if crate::args::count_ok(a.len(), k, 1, 1) {
        return Ok(());
    }
    let q = if old {
        format!("unicodedata.UCD.{name}")
    } else {
        format!("unicodedata.{name}")
    };
    check(vm, &q, a, k, 1, 1)
}

fn one_arg_char(vm: &mut Vm, name: &str, a: &[Value], k: Value, old: bool) -> PyResult<u32> {
    let a = args_of(a, old);
    check_one(vm, name, a, k, old)?;
    one_char(vm, name, "argument", a[0])
}

fn category_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "category", a, k, old)?;
    Ok(vm.new_str(db::CATEGORIES[record(c, old).0 as usize]))
}

fn bidirectional_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "bidirectional", a, k, old)?;
    Ok(vm.new_str(db::BIDIRECTIONAL[record(c, old).1 as usize]))
}

fn combining_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "combining", a, k, old)?;
    Ok(Value::int(i64::from(record(c, old).2)))
}

fn east_asian_width_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "east_asian_width", a, k, old)?;
    Ok(vm.new_str(db::EAST_ASIAN_WIDTH[record(c, old).3 as usize]))
}

fn mirrored_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "mirrored", a, k, old)?;
    Ok(Value::int(i64::from(record(c, old).4)))
}

fn decomposition_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let c = one_arg_char(vm, "decomposition", a, k, old)?;
    let s = match decomposition_of(c, old) {
        None => String::new(),
        Some((tag, m)) => {
            let mut s = String::from(db::DECOMP_TAGS[tag as usize]);
            for &x in m {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&format!("{x:04X}"));
            }
            s
        }
    };
    Ok(vm.new_str(&s))
}

/// decimal/digit/numeric: `(chr, default=<unset>, /)`.
fn number_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool, which: u8) -> PyResult<Value> {
    let (name, msg) = match which {
        0 => ("decimal", "not a decimal"),
        1 => ("digit", "not a digit"),
        _ => ("numeric", "not a numeric character"),
    };
    let a = args_of(a, old);
    check(vm, name, a, k, 1, 2)?;
    let c = one_char(vm, name, "argument 1", a[0])?;
    let (dec, dig, num) = numeric_values(c, old);
    let r = match which {
        0 if dec >= 0 => Some(Value::int(i64::from(dec))),
        1 if dig >= 0 => Some(Value::int(i64::from(dig))),
        2 if !num.is_nan() => Some(vm.new_float(num)),
        _ => None,
    };
    match (r, a.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(&d)) => Ok(d),
        (None, None) => Err(vm.value_error(msg)),
    }
}

fn char_name(c: u32, old: bool) -> Option<String> {
    if old && unassigned_old(c) {
        return None;
    }
    unicode::char_name(c)
}

fn name_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let a = args_of(a, old);
    check(vm, "name", a, k, 1, 2)?;
    let c = one_char(vm, "name", "argument 1", a[0])?;
    match char_name(c, old) {
        Some(n) => Ok(vm.new_str(&n)),
        None => match a.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.value_error("no such name")),
        },
    }
}

fn is_unified_ideograph(c: u32) -> bool {
    matches!(c,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2A6DF | 0x2A700..=0x2B738
        | 0x2B740..=0x2B81D | 0x2B820..=0x2CEA1 | 0x2CEB0..=0x2EBE0 | 0x30000..=0x3134A)
}

/// What `name` denotes, as CPython's `_getcode`: a Hangul syllable or a
/// unified ideograph by their algorithmic names (case-sensitive), else a
/// character name, alias or named sequence compared case-insensitively.
/// Aliases and named sequences do not exist for Unicode 3.2.0.
fn lookup_code(name: &str, old: bool) -> Option<Vec<u32>> {
    if let Some(rest) = name.strip_prefix("HANGUL SYLLABLE ") {
        let c = u32::from(unicode_names2::character(name)?);
        let ok = (S_BASE..S_BASE + S_COUNT).contains(&c)
            && unicode::char_name(c).is_some_and(|n| n == name)
            && !rest.is_empty();
        return ok.then(|| vec![c]);
    }
    if let Some(hex) = name.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        let ok_digits = (hex.len() == 4 || hex.len() == 5)
            && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'A'..=b'F'));
        let c = u32::from_str_radix(hex, 16).ok().filter(|_| ok_digits)?;
        let ok = is_unified_ideograph(c) && !(old && unassigned_old(c));
        return ok.then(|| vec![c]);
    }
    if !name.is_ascii() {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    if !old {
        if let Some(&(_, c)) = db::ALIASES.iter().find(|(n, _)| *n == upper) {
            return Some(vec![c]);
        }
        if let Some(&(_, seq)) = db::NAMED_SEQUENCES.iter().find(|(n, _)| *n == upper) {
            return Some(seq.to_vec());
        }
    }
    let c = u32::from(unicode_names2::character(&upper)?);
    // Only a character's own name, not the crate's aliases or loose forms;
    // algorithmic names are matched above, case-sensitively.
    if (S_BASE..S_BASE + S_COUNT).contains(&c) || is_unified_ideograph(c) {
        return None;
    }
    let own = char_name(c, old)?;
    (own == upper).then(|| vec![c])
}

fn lookup_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let a = args_of(a, old);
    check_one(vm, "lookup", a, k, old)?;
    let v = a[0];
    let text: String = if is_str(v) {
        str_of(v).into_owned()
    } else if let Some(b) = crate::types::bytes::buf(v) {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    if text.len() > NAME_MAXLEN {
        return Err(vm.new_exc(vm.g.e.KeyError, "name too long"));
    }
    match lookup_code(&text, old) {
        Some(cps) => {
            let s = crate::text::encode_wtf8(&cps);
            Ok(vm.new_str_bytes(&s))
        }
        None => {
            let msg = vm.new_str(&format!("undefined character name '{text}'"));
            let e = vm.call(vm.g.e.KeyError, &[msg], Value::EMPTY)?;
            Err(PyException(e))
        }
    }
}

// ------------------------------------------------------------------ normalization

/// Appends the full decomposition of `c` (canonical, or compatibility too).
fn push_decomposed(out: &mut Vec<u32>, c: u32, compat: bool, old: bool) {
    if (S_BASE..S_BASE + S_COUNT).contains(&c) {
        let s = c - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        let t = s % T_COUNT;
        if t != 0 {
            out.push(T_BASE + t);
        }
        return;
    }
    if old {
        if let Ok(i) = db::OLD_CORRECTIONS.binary_search_by_key(&c, |r| r.0) {
            out.extend_from_slice(db::OLD_CORRECTIONS[i].1);
            return;
        }
    }
    match decomposition_of(c, old) {
        Some((tag, m)) if tag == 0 || compat => {
            for &x in m {
                push_decomposed(out, x, compat, old);
            }
        }
        _ => out.push(c),
    }
}

/// NFD or NFKD: full decomposition, then the canonical ordering of each
/// run of combining marks (a stable sort by combining class).
fn decompose(cps: &[u32], compat: bool, old: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_decomposed(&mut out, c, compat, old);
    }
    let mut i = 0;
    while i < out.len() {
        if combining_class(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && combining_class(out[i]) != 0 {
            i += 1;
        }
        if i - start > 1 {
            out[start..i].sort_by_key(|&c| combining_class(c));
        }
    }
    out
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    db::COMPOSITION
        .binary_search_by(|r| (r.0, r.1).cmp(&(a, b)))
        .ok()
        .map(|i| db::COMPOSITION[i].2)
}

fn is_first(a: u32) -> bool {
    let i = db::COMPOSITION.partition_point(|r| r.0 < a);
    i < db::COMPOSITION.len() && db::COMPOSITION[i].0 == a
}

/// NFC or NFKC: decomposition, then canonical composition of each starter
/// with the following characters it is not blocked from.
fn compose(cps: &[u32], compat: bool, old: bool) -> Vec<u32> {
    let d = decompose(cps, compat, old);
    let mut used = vec![false; d.len()];
    let mut out = Vec::with_capacity(d.len());
    let mut i = 0;
    while i < d.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let c = d[i];
        // Hangul L V (T) -> syllable; the input is decomposed, so there are
        // no LV + T pairs to find.
        if (L_BASE..L_BASE + L_COUNT).contains(&c)
            && i + 1 < d.len()
            && (V_BASE..V_BASE + V_COUNT).contains(&d[i + 1])
        {
            let mut s = S_BASE + ((c - L_BASE) * V_COUNT + (d[i + 1] - V_BASE)) * T_COUNT;
            i += 2;
            if i < d.len() && T_BASE < d[i] && d[i] < T_BASE + T_COUNT {
                s += d[i] - T_BASE;
                i += 1;
            }
            out.push(s);
            continue;
        }
        let mut base = c;
        if is_first(base) {
            let mut j = i + 1;
            let mut last_cc = 0u8;
            while j < d.len() {
                if used[j] {
                    j += 1;
                    continue;
                }
                let cc = combining_class(d[j]);
                if last_cc != 0 {
                    if cc == 0 {
                        break;
                    }
                    if last_cc >= cc {
                        // Blocked by a mark of the same or a higher class.
                        j += 1;
                        continue;
                    }
                }
                match compose_pair(base, d[j]) {
                    // CPython's composition table is the current one for
                    // both databases.
                    Some(p) => {
                        base = p;
                        used[j] = true;
                        j += 1;
                        if !is_first(base) {
                            break;
                        }
                    }
                    _ => {
                        if cc == 0 {
                            break;
                        }
                        last_cc = cc;
                        j += 1;
                    }
                }
            }
        }
        out.push(base);
        i += 1;
    }
    out
}

fn normalize_cps(form: &str, cps: &[u32], old: bool) -> Option<Vec<u32>> {
    Some(match form {
        "NFC" => compose(cps, false, old),
        "NFKC" => compose(cps, true, old),
        "NFD" => decompose(cps, false, old),
        "NFKD" => decompose(cps, true, old),
        _ => return None,
    })
}

/// The (form, text) arguments of normalize/is_normalized.
fn form_args(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    k: Value,
    old: bool,
) -> PyResult<(String, Value)> {
    let a = args_of(a, old);
    check(vm, name, a, k, 2, 2)?;
    for (i, &v) in a.iter().enumerate() {
        if !is_str(v) {
            let tn = bad_arg_name(vm, v);
            return Err(vm.type_error(&format!(
                "{name}() argument {} must be str, not {tn}",
                i + 1
            )));
        }
    }
    Ok((str_of(a[0]).into_owned(), a[1]))
}

/// Characters that every normalization form leaves alone.
fn trivially_normalized(b: &[u8]) -> bool {
    b.is_ascii()
}

/// Whether the form leaves `cps` as it is because no character in it
/// changes or interacts: each is a starter (combining class 0) without a
/// decomposition the form applies, not a Hangul syllable, and, for the
/// composing forms, neither the second of a composition nor a Hangul
/// vowel or trailing consonant.
fn quick_stable(form: &str, cps: &[u32], old: bool) -> bool {
    let compat = form == "NFKC" || form == "NFKD";
    let composing = form == "NFC" || form == "NFKC";
    cps.iter().all(|&c| {
        if c < 0xC0 && !compat {
            return true;
        }
        if (S_BASE..S_BASE + S_COUNT).contains(&c) || combining_class(c) != 0 {
            return false;
        }
        if old
            && db::OLD_CORRECTIONS
                .binary_search_by_key(&c, |r| r.0)
                .is_ok()
        {
            return false;
        }
        if let Some((tag, _)) = decomposition_of(c, old) {
            if tag == 0 || compat {
                return false;
            }
        }
        if composing
            && ((V_BASE..V_BASE + V_COUNT).contains(&c)
                || (T_BASE < c && c < T_BASE + T_COUNT)
                || db::COMPOSITION_SECONDS.binary_search(&c).is_ok())
        {
            return false;
        }
        true
    })
}

fn normalize_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let (form, s) = form_args(vm, "normalize", a, k, old)?;
    if !matches!(form.as_str(), "NFC" | "NFKC" | "NFD" | "NFKD") {
        return Err(vm.value_error("invalid normalization form"));
    }
    let b = str_bytes(s);
    if trivially_normalized(b) {
        return Ok(s);
    }
    let cps = crate::text::decode_wtf8(b);
    if quick_stable(&form, &cps, old) {
        return Ok(s);
    }
    let r = normalize_cps(&form, &cps, old).unwrap_or_default();
    if r == cps {
        return Ok(s);
    }
    let out = crate::text::encode_wtf8(&r);
    Ok(vm.new_str_bytes(&out))
}

fn is_normalized_impl(vm: &mut Vm, a: &[Value], k: Value, old: bool) -> PyResult<Value> {
    let (form, s) = form_args(vm, "is_normalized", a, k, old)?;
    if !matches!(form.as_str(), "NFC" | "NFKC" | "NFD" | "NFKD") {
        return Err(vm.value_error("invalid normalization form"));
    }
    let b = str_bytes(s);
    if trivially_normalized(b) {
        return Ok(Value::TRUE);
    }
    let cps = crate::text::decode_wtf8(b);
    if quick_stable(&form, &cps, old) {
        return Ok(Value::TRUE);
    }
    let r = normalize_cps(&form, &cps, old).unwrap_or_default();
    Ok(Value::bool(r == cps))
}

// ------------------------------------------------------------------ entry points

macro_rules! both {
    ($($f:ident, $m:ident => $imp:expr;)*) => {
        $(
            fn $f(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                $imp(vm, a, k, false)
            }
            fn $m(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                $imp(vm, a, k, true)
            }
        )*
    };
}
both! {
    category, ucd_category => category_impl;
    bidirectional, ucd_bidirectional => bidirectional_impl;
    combining, ucd_combining => combining_impl;
    east_asian_width, ucd_east_asian_width => east_asian_width_impl;
    mirrored, ucd_mirrored => mirrored_impl;
    decomposition, ucd_decomposition => decomposition_impl;
    decimal, ucd_decimal => |vm, a, k, old| number_impl(vm, a, k, old, 0);
    digit, ucd_digit => |vm, a, k, old| number_impl(vm, a, k, old, 1);
    numeric, ucd_numeric => |vm, a, k, old| number_impl(vm, a, k, old, 2);
    name, ucd_name => name_impl;
    lookup, ucd_lookup => lookup_impl;
    normalize, ucd_normalize => normalize_impl;
    is_normalized, ucd_is_normalized => is_normalized_impl;
}

fn ucd_no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'unicodedata.UCD' instances"))
}

/// Creates the unicodedata module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("unicodedata");
    let mark = vm.push_root(m);
    let r = (|| {
        let fns: &[(&'static str, NativeFn)] = &[
            ("category", category),
            ("bidirectional", bidirectional),
            ("combining", combining),
            ("east_asian_width", east_asian_width),
            ("mirrored", mirrored),
            ("decomposition", decomposition),
            ("decimal", decimal),
            ("digit", digit),
            ("numeric", numeric),
            ("name", name),
            ("lookup", lookup),
            ("normalize", normalize),
            ("is_normalized", is_normalized),
        ];
        vm.add_module_functions(m, fns);
        let v = vm.new_str(tables::UNIDATA_VERSION);
        vm.set_module_attr(m, "unidata_version", v);
        let doc = vm.new_str(
            "This module provides access to the Unicode Character Database which\n\
             defines character properties for all Unicode characters. The data in\n\
             this database is based on the UnicodeData.txt file version\n\
             14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\n\
             The module uses the same names and symbols as defined by the\n\
             UnicodeData File Format 14.0.0.",
        );
        vm.set_module_attr(m, "__doc__", doc);

        // class UCD: the methods of an older database; its one instance is
        // ucd_3_2_0.
        let t = vm.new_static_type("UCD", vm.g.types.object, K_INSTANCE, false);
        vm.push_root(t);
        let to = Obj::from_value(t).expect("type");
        set_type_flags(to, type_flags(to) | TF_NODICT);
        let modname = vm.new_str("unicodedata");
        vm.ctx.promote(modname);
        vm.add_attr(t, "__module__", modname);
        vm.add_static(t, "__new__", ucd_no_new, false);
        let methods: &[(&'static str, NativeFn)] = &[
            ("category", ucd_category),
            ("bidirectional", ucd_bidirectional),
            ("combining", ucd_combining),
            ("east_asian_width", ucd_east_asian_width),
            ("mirrored", ucd_mirrored),
            ("decomposition", ucd_decomposition),
            ("decimal", ucd_decimal),
            ("digit", ucd_digit),
            ("numeric", ucd_numeric),
            ("name", ucd_name),
            ("lookup", ucd_lookup),
            ("normalize", ucd_normalize),
            ("is_normalized", ucd_is_normalized),
        ];
        for &(n, f) in methods {
            vm.add_method(t, n, f);
        }
        let ver = vm.new_str("3.2.0");
        vm.ctx.promote(ver);
        vm.add_attr(t, "unidata_version", ver);
        vm.set_module_attr(m, "UCD", t);
        let inst = vm.alloc_instance(t, &[])?;
        vm.set_module_attr(m, "ucd_3_2_0", inst);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Vec<u32> {
        x.chars().map(u32::from).collect()
    }

    #[test]
    fn normalization_forms() {
        assert_eq!(decompose(&s("\u{e9}"), false, false), s("e\u{301}"));
        assert_eq!(compose(&s("e\u{301}"), false, false), s("\u{e9}"));
        assert_eq!(compose(&s("\u{fb01}"), true, false), s("fi"));
        assert_eq!(
            decompose(&s("\u{ac00}"), false, false),
            s("\u{1100}\u{1161}")
        );
        assert_eq!(
            compose(&s("\u{1100}\u{1161}\u{11a8}"), false, false),
            s("\u{ac01}")
        );
        // Canonical ordering: below (220) before above (230).
        assert_eq!(
            decompose(&s("a\u{301}\u{316}"), false, false),
            s("a\u{316}\u{301}")
        );
    }

    #[test]
    fn records() {
        assert_eq!(db::CATEGORIES[record(0x41, false).0 as usize], "Lu");
        assert_eq!(record(0x301, false).2, 230);
        // U+0221 was added after 3.2.0.
        assert!(unassigned_old(0x221) && !unassigned_old(0x41));
        assert_eq!(numeric_values(0xbd, false).2, 0.5);
    }
}
