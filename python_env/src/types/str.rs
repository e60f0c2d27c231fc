//! `str`.

use super::clinic;
use super::seq::{is_slice, norm_index, slice_indices};
use crate::args::{check_method, Args};
use crate::text;
use crate::text::percent::{PercentArg, PercentArgs, PercentError};
use engine::runtime::*;
use num_bigint::BigInt;
use proto_core::layouts::list as llist;
use proto_core::layouts::str as lstr;
use proto_core::{Kind, Obj, Value};

fn s(v: Value) -> String {
    str_of(v).into_owned()
}

/// The text of str `v` for a formatter built on `String`s, its lone
/// surrogates carried by `map` (`text::SurrogateMap`).
pub(crate) fn carried_text(map: &mut text::SurrogateMap, v: Value) -> String {
    // ASCII (the str's flag): neither surrogates nor carriers.
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::STR && lstr::is_ascii(o)) {
        return str_of(v).into_owned();
    }
    match str_of(v) {
        std::borrow::Cow::Borrowed(s) => map.valid(s),
        std::borrow::Cow::Owned(_) => map.text(str_bytes(v)),
    }
}

/// The str a `String` formatter produced, with the lone surrogates `map`
/// carried through it turned back.
pub(crate) fn carried_str(vm: &mut Vm, map: &text::SurrogateMap, out: &str) -> Value {
    if map.carried() {
        vm.new_str_bytes(&map.finish(out))
    } else {
        vm.new_str(out)
    }
}

/// A str argument CPython checks with the bare message "must be str, not T".
fn need_str_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    if is_str(v) {
        return Ok(s(v));
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("must be str, not {tn}")))
}

/// A `Py_ssize_t` argument (`maxsplit`, `count`): `__index__`, and
/// CPython's OverflowError past 64 bits.
fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    vm.as_i64(i).ok_or_else(|| {
        vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )
    })
}

fn need_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<String> {
    if is_str(v) {
        return Ok(s(v));
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("{what} must be str, not {tn}")))
}

fn str_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let cls = args.pos[0];
    let obj = args.get(1, "object");
    let enc = args.get(2, "encoding");
    let errors = args.get(3, "errors");
    args.no_more_kw(vm, "str")?;
    super::bytes::check_codec_args(vm, "str", enc, errors)?;
    let r = match obj {
        None => vm.intern(""),
        Some(o) => {
            if enc.is_some() || errors.is_some() {
                if is_str(o) {
                    return Err(vm.type_error("decoding str is not supported"));
                }
                let b = match super::bytes::buf(o) {
                    Some(b) => b,
                    None => {
                        let tn = vm.type_name_of(o);
                        return Err(vm.type_error(&format!(
                            "decoding to str: need a bytes-like object, {tn} found"
                        )));
                    }
                };
                let e = enc.map(s).unwrap_or_else(|| "utf-8".into());
                let er = errors.map(s).unwrap_or_else(|| "strict".into());
                super::bytes::decode_object(vm, &b, &e, &er)?
            } else {
                vm.str(o)?
            }
        }
    };
    if cls != vm.g.types.str_ {
        let b = str_bytes(r).to_vec();
        let n = lstr::char_len(Obj::from_value(r).expect("s"));
        // Values: the instance __dict__, then the __slots__ values.
        let nslots = Obj::from_value(cls).map_or(0, type_nslots);
        return Ok(lstr::alloc_with_values(
            &mut vm.ctx,
            Kind::STR,
            cls,
            &b,
            n,
            b.is_ascii(),
            1 + nslots,
        ));
    }
    Ok(r)
}

/// The UTF-8 bytes of the str `v` as CPython's `PyUnicode_AsUTF8` gives
/// them: a lone surrogate is a UnicodeEncodeError. The bytes are the
/// str's own (the collector never moves objects; the caller keeps `v`
/// alive while it reads them).
pub fn as_utf8(vm: &mut Vm, v: Value) -> PyResult<&'static [u8]> {
    let b = str_bytes(v);
    if std::str::from_utf8(b).is_err() {
        super::bytes::encode(vm, v, "utf-8", "strict")?;
    }
    Ok(b)
}

/// Code points of a str value.
pub fn cps(v: Value) -> Vec<u32> {
    text::decode_wtf8(str_bytes(v))
}

fn from_cps(vm: &mut Vm, c: &[u32]) -> Value {
    let b = text::encode_wtf8(c);
    vm.new_str_bytes(&b)
}

fn str_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = lstr::char_len(Obj::from_value(a[0]).expect("s"));
    Ok(vm.new_int(n as i64))
}

fn str_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (v, key) = (a[0], a[1]);
    let o = Obj::from_value(v).expect("s");
    let ascii = lstr::is_ascii(o);
    let n = lstr::char_len(o);
    if is_slice(key) {
        let (start, _stop, step, count) = slice_indices(vm, key, n)?;
        // A full slice of an exact str is the string itself, as in CPython.
        if start == 0 && step == 1 && count == n && vm.type_of(v) == vm.g.types.str_ {
            return Ok(v);
        }
        if ascii {
            let b = lstr::bytes(o);
            let mut out = Vec::with_capacity(count);
            let mut i = start;
            for _ in 0..count {
                out.push(b[i as usize]);
                i += step;
            }
            return Ok(vm.new_str_bytes(&out));
        }
        if count == 0 {
            return Ok(vm.intern(""));
        }
        // Only the characters between the first and last taken are
        // decoded, found through the str's character index.
        let last = start + (count as isize - 1) * step;
        let (lo, hi) = (start.min(last) as usize, start.max(last) as usize + 1);
        let b = lstr::bytes(o);
        let (blo, bhi) = (lstr::char_to_byte(o, lo), lstr::char_to_byte(o, hi));
        if step == 1 {
            return Ok(vm.new_str_bytes(&b[blo..bhi]));
        }
        let c = text::decode_wtf8(&b[blo..bhi]);
        let mut out = Vec::with_capacity(count);
        let mut i = start - lo as isize;
        for _ in 0..count {
            out.push(c.get(i as usize).copied().unwrap_or(0xFFFD));
            i += step;
        }
        return Ok(from_cps(vm, &out));
    }
    if !vm.is_int_like(key)
        && vm
            .lookup_type(vm.type_of(key), vm.g.names.__index__)
            .is_none()
    {
        let tn = vm.type_name_of(key);
        return Err(vm.type_error(&format!("string indices must be integers, not '{tn}'")));
    }
    let i = norm_index(vm, key, n, "string")?;
    if ascii {
        return Ok(vm.char_str(lstr::bytes(o)[i] as u32));
    }
    let b = lstr::bytes(o);
    let (c, _) = lstr::decode_at(b, lstr::char_to_byte(o, i));
    Ok(vm.char_str(c))
}

fn str_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "'in <string>' requires string as left operand, not {tn}"
        )));
    }
    // Surrogate-preserving UTF-8 needles match only at character starts.
    let found = engine::runtime::ops::find_sub(str_bytes(a[0]), str_bytes(a[1])).is_some();
    Ok(Value::bool(found))
}

fn str_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.g.types.str_iter;
    Ok(vm.new_seq_iter(c, a[0], 0))
}

fn str_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_str(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let mut b = str_bytes(a[0]).to_vec();
    b.extend_from_slice(str_bytes(a[1]));
    Ok(vm.new_str_bytes(&b))
}

/// A str method's result that equals its receiver `v`: `v` itself when it
/// is an exact str, else an exact copy (CPython's
/// `unicode_result_unchanged`).
fn unchanged(vm: &mut Vm, v: Value) -> Value {
    if vm.type_of(v) == vm.g.types.str_ {
        return v;
    }
    vm.new_str_bytes(str_bytes(v))
}

pub(crate) fn str_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = super::seq::repeat_count(vm, a[1])?;
    let b = str_bytes(a[0]);
    if n <= 0 || b.is_empty() {
        return Ok(vm.intern(""));
    }
    if n == 1 {
        return Ok(unchanged(vm, a[0]));
    }
    let chars = lstr::char_len(Obj::from_value(a[0]).expect("s"));
    if chars
        .checked_mul(n as usize)
        .is_none_or(|t| t > isize::MAX as usize)
    {
        return Err(vm.new_exc(vm.g.e.OverflowError, "repeated string is too long"));
    }
    let r = vm.try_repeat(b, n as usize)?;
    Ok(vm.new_str_bytes(&r))
}

fn str_cmp(_vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    if !is_str(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(engine::runtime::ops::cmp_op(
        str_bytes(a[0]).cmp(str_bytes(a[1])),
        op,
    )))
}
fn str_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 0)
}
fn str_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 1)
}
fn str_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 2)
}
fn str_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 3)
}
fn str_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 4)
}
fn str_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_cmp(vm, a, 5)
}

fn str_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let h = engine::runtime::ops::str_hash(Obj::from_value(a[0]).expect("s"));
    Ok(vm.new_int(h))
}

fn str_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = text::repr::str_repr_wtf8(str_bytes(a[0]));
    Ok(vm.new_str(&r))
}

fn str_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.type_of(a[0]) == vm.g.types.str_ {
        return Ok(a[0]);
    }
    Ok(vm.new_str_bytes(str_bytes(a[0])))
}

fn str_format_spec(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.format(a[0], a[1])
}

/// Pieces a join gathers on the native stack before it needs a `Vec`.
const JOIN_PARTS: usize = 16;

/// `sep.join(seq)` for an exact tuple, or an exact list no other thread can
/// reach, whose items are all strs: their bytes go straight into the new
/// str, without an item vector or a byte buffer. None: another case (the
/// general path decides, and raises where it must).
///
/// The borrowed slices stay valid across the one allocation: the tuple is
/// immutable and rooted as an argument, and an unshared list cannot change
/// while this thread runs no Python code, so each item stays alive.
fn join_direct(vm: &mut Vm, sep: Value, seq: Value) -> Option<Value> {
    let so = Obj::from_value(seq)?;
    let t = &vm.g.types;
    let n = match so.kind() {
        Kind::TUPLE if so.class() == t.tuple => so.n_values(),
        Kind::LIST if so.class() == t.list && !so.is_shared() => llist::len(so),
        _ => return None,
    };
    if n == 0 {
        return None;
    }
    let items = if so.kind() == Kind::TUPLE {
        so.view().values()
    } else {
        llist::storage(so).view().values()
    };
    let items = items.get(..n)?;
    join_parts(vm, sep, n, |i| {
        let v = Value::from_bits(items[i].load(proto_core::sync::heap_atomic::Ordering::Relaxed));
        (!v.is_empty()).then_some(v)
    })
}

/// `sep.join` of the `n` items `item(0..n)`, copied once into the new str
/// (its length and ASCII flag summed from the items'); None when an item is
/// missing or not a str (the caller reports which), or the result cannot be
/// allocated (the general path raises MemoryError).
fn join_parts(
    vm: &mut Vm,
    sep: Value,
    n: usize,
    item: impl Fn(usize) -> Option<Value>,
) -> Option<Value> {
    if n == 1 {
        // One exact str is its own join, as in CPython.
        let x = item(0)?;
        return Obj::from_value(x)
            .filter(|o| o.kind() == Kind::STR && o.class() == vm.g.types.str_)
            .map(|_| x);
    }
    let (sb, sc, sa) = lstr::parts(Obj::from_value(sep)?);
    // An empty separator adds no parts: the items are copied back to back.
    let with_sep = !sb.is_empty();
    let count = if with_sep {
        (2 * n).saturating_sub(1)
    } else {
        n
    };
    let on_stack = count <= JOIN_PARTS;
    let mut small: [&[u8]; JOIN_PARTS] = [&[]; JOIN_PARTS];
    let mut large: Vec<&[u8]> = Vec::new();
    if !on_stack {
        large.try_reserve_exact(count).ok()?;
    }
    let mut k = 0;
    let mut put = |p: &'static [u8]| {
        if on_stack {
            small[k] = p;
            k += 1;
        } else {
            large.push(p);
        }
    };
    let (mut chars, mut ascii) = (sc * n.saturating_sub(1), sa);
    for i in 0..n {
        let x = item(i)?;
        if !is_str(x) {
            return None;
        }
        let (b, c, a) = lstr::parts(Obj::from_value(x)?);
        if with_sep && i > 0 {
            put(sb);
        }
        put(b);
        chars += c;
        ascii &= a;
    }
    let parts = if on_stack { &small[..k] } else { &large[..] };
    lstr::try_alloc_concat(&mut vm.ctx, Kind::STR, vm.g.types.str_, parts, chars, ascii)
}

/// The items of a join's argument, as CPython's `PySequence_Fast(seq, "can
/// only join an iterable")`: a TypeError from making the iterator becomes
/// that one (str.join and bytes.join). Collected directly (a deque or a
/// dict has its own fast path there); on a TypeError the iterator is asked
/// for again to tell whether making it failed or the iteration did.
pub(crate) fn join_items(vm: &mut Vm, seq: Value) -> PyResult<Vec<Value>> {
    match vm.collect(seq) {
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            // Rooted while `__iter__` may run.
            let mark = vm.push_root(e.0);
            let again = vm.iter(seq);
            vm.pop_roots(mark);
            match again {
                Err(e2) if vm.isinstance(e2.0, vm.g.e.TypeError) => {
                    Err(vm.type_error("can only join an iterable"))
                }
                _ => Err(e),
            }
        }
        r => r,
    }
}

fn str_join(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.join", a, k, 1, 1)?;
    if let Some(r) = join_direct(vm, a[0], a[1]) {
        return Ok(r);
    }
    let items = join_items(vm, a[1])?;
    if items.is_empty() {
        return Ok(vm.intern(""));
    }
    // Every item a str: one copy into the result, as for a list.
    if let Some(r) = join_parts(vm, a[0], items.len(), |i| Some(items[i])) {
        return Ok(r);
    }
    let sep = str_bytes(a[0]);
    let mut size = Some(sep.len().saturating_mul(items.len().saturating_sub(1)));
    for (i, &x) in items.iter().enumerate() {
        if !is_str(x) {
            let tn = vm.type_name_of(x);
            return Err(vm.type_error(&format!(
                "sequence item {i}: expected str instance, {tn} found"
            )));
        }
        size = size.and_then(|t| t.checked_add(str_bytes(x).len()));
    }
    let mut out = vm.try_vec(size.unwrap_or(usize::MAX))?;
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(str_bytes(x));
    }
    Ok(vm.new_str_bytes(&out))
}

fn str_list(vm: &mut Vm, parts: Vec<&str>) -> Value {
    let vals: Vec<Value> = parts.iter().map(|p| vm.new_str(p)).collect();
    vm.new_list(&vals)
}

/// A new str holding `p`, a slice of a str's bytes cut at character
/// boundaries; `ascii`: the whole str is ASCII, so `p` needs no counting.
fn piece(vm: &mut Vm, p: &[u8], ascii: bool) -> Value {
    if ascii {
        new_ascii(vm, p)
    } else {
        vm.new_str_bytes(p)
    }
}

/// `str.split(None, maxsplit)` / `str.rsplit(None, maxsplit)` as a list.
fn split_whitespace(vm: &mut Vm, b: &[u8], maxsplit: i64, ascii: bool, right: bool) -> Value {
    let mut vals = Vec::with_capacity(8);
    text::unicode::split_whitespace(b, maxsplit, right, |p| vals.push(piece(vm, p, ascii)));
    if right {
        vals.reverse();
    }
    vm.new_list(&vals)
}

/// `str.split(sep, maxsplit)` / `str.rsplit(sep, maxsplit)` over a str's
/// bytes (`sep` non-empty; a UTF-8 needle matches only at character
/// boundaries, and matches do not overlap), at
/// most `maxsplit` cuts (`< 0`: no limit).
fn split_bytes_at(
    vm: &mut Vm,
    b: &[u8],
    sep: &[u8],
    maxsplit: i64,
    ascii: bool,
    right: bool,
) -> Value {
    let mut vals = Vec::with_capacity(8);
    let mut left = maxsplit;
    if !right {
        let mut start = 0;
        engine::runtime::ops::for_each_sub(b, sep, |at| {
            if left == 0 {
                return false;
            }
            vals.push(piece(vm, &b[start..at], ascii));
            start = at + sep.len();
            left -= 1;
            true
        });
        vals.push(piece(vm, &b[start..], ascii));
    } else {
        let mut end = b.len();
        for at in memchr::memmem::rfind_iter(b, sep) {
            if left == 0 {
                break;
            }
            vals.push(piece(vm, &b[at + sep.len()..end], ascii));
            end = at;
            left -= 1;
        }
        vals.push(piece(vm, &b[..end], ascii));
        vals.reverse();
    }
    vm.new_list(&vals)
}

fn split_impl(vm: &mut Vm, a: &[Value], k: Value, right: bool) -> PyResult<Value> {
    let name = if right { "rsplit" } else { "split" };
    let [sep, maxsplit] = clinic::unpack(vm, name, &a[1..], k, ["sep", "maxsplit"], 0, 0, 2)?;
    let sep = sep.filter(|v| !v.is_none());
    let maxsplit = match maxsplit {
        Some(v) => ssize_arg(vm, v)?,
        None => -1,
    };
    let sep = match sep {
        Some(sv) if is_str(sv) => Some(str_bytes(sv)),
        Some(sv) => {
            let tn = vm.type_name_of(sv);
            return Err(vm.type_error(&format!("must be str or None, not {tn}")));
        }
        None => None,
    };
    // Borrowed below: nothing from here on runs Python code, and deferred
    // collection keeps the strs' bytes in place across allocations.
    let (bytes, _, ascii) = lstr::parts(Obj::from_value(a[0]).expect("str receiver"));
    match sep {
        None => Ok(split_whitespace(vm, bytes, maxsplit, ascii, right)),
        Some([]) => Err(vm.value_error("empty separator")),
        Some(sep) => Ok(split_bytes_at(vm, bytes, sep, maxsplit, ascii, right)),
    }
}

fn str_split(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    split_impl(vm, a, k, false)
}
fn str_rsplit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    split_impl(vm, a, k, true)
}

fn str_splitlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [keep] = clinic::unpack(vm, "splitlines", &a[1..], k, ["keepends"], 0, 0, 1)?;
    let keep = match keep {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let t = s(a[0]);
    let parts = text::unicode::splitlines(&t, keep);
    Ok(str_list(vm, parts))
}

fn strip_impl(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    left: bool,
    right: bool,
    name: &str,
) -> PyResult<Value> {
    let qual = match name {
        "strip" => "str.strip",
        "lstrip" => "str.lstrip",
        _ => "str.rstrip",
    };
    clinic::method_positional(vm, qual, name, a, k, 0, 1)?;
    let chars: Option<Vec<u32>> = match a.get(1) {
        Some(&c) if !c.is_none() => {
            if !is_str(c) {
                return Err(vm.type_error(&format!("{name} arg must be None or str")));
            }
            Some(cps(c))
        }
        _ => None,
    };
    let strip = |c: u32| match &chars {
        Some(cs) => cs.contains(&c),
        None => text::unicode::is_space(c),
    };
    // Borrowed: no Python code runs from here on, and deferred collection
    // keeps the receiver's bytes in place.
    let (b, _, ascii) = lstr::parts(Obj::from_value(a[0]).expect("str receiver"));
    let (mut start, mut end) = (0, b.len());
    if left {
        while start < end {
            match text::unicode::cp_at(b, start) {
                (c, n) if strip(c) => start += n,
                _ => break,
            }
        }
    }
    if right {
        while end > start {
            match text::unicode::cp_before(b, end) {
                (c, j) if strip(c) => end = j,
                _ => break,
            }
        }
    }
    if start == 0 && end == b.len() && vm.type_of(a[0]) == vm.g.types.str_ {
        return Ok(a[0]);
    }
    Ok(piece(vm, &b[start..end], ascii))
}

fn str_strip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_impl(vm, a, k, true, true, "strip")
}
fn str_lstrip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_impl(vm, a, k, true, false, "lstrip")
}
fn str_rstrip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_impl(vm, a, k, false, true, "rstrip")
}

fn affix_impl(vm: &mut Vm, a: &[Value], k: Value, ends: bool) -> PyResult<Value> {
    let name = if ends { "endswith" } else { "startswith" };
    clinic::method_varargs(vm, "str", name, a, k, 1, 3)?;
    let o = Obj::from_value(a[0]).expect("str receiver");
    let nchars = lstr::char_len(o);
    if let Some(&sv) = a.get(2) {
        if !sv.is_none() {
            let si = vm.index(sv)?;
            if vm.as_i64(si).is_some_and(|si| si > nchars as i64)
                || vm
                    .as_bigint(si)
                    .is_some_and(|b| b.sign() == num_bigint::Sign::Plus && vm.as_i64(si).is_none())
            {
                return Ok(Value::FALSE);
            }
        }
    }
    let (st, en) = byte_range(vm, o, a, 2)?;
    if st > en {
        return Ok(Value::FALSE);
    }
    // The str's own bytes, borrowed: an affix compares equal as encoded
    // bytes exactly when it does as characters (one encoding per string).
    let sub = &lstr::bytes(o)[st..en];
    let test = |p: &[u8]| {
        if ends {
            sub.ends_with(p)
        } else {
            sub.starts_with(p)
        }
    };
    let arg = a[1];
    if let Some(t) = Obj::from_value(arg) {
        if t.kind() == Kind::TUPLE {
            for i in 0..t.n_values() {
                let x = t.get(i);
                if !is_str(x) {
                    let tn = vm.type_name_of(x);
                    return Err(
                        vm.type_error(&format!("tuple for {name} must only contain str, not {tn}"))
                    );
                }
                if test(str_bytes(x)) {
                    return Ok(Value::TRUE);
                }
            }
            return Ok(Value::FALSE);
        }
    }
    if !is_str(arg) {
        let tn = vm.type_name_of(arg);
        return Err(vm.type_error(&format!(
            "{name} first arg must be str or a tuple of str, not {tn}"
        )));
    }
    Ok(Value::bool(test(str_bytes(arg))))
}

fn str_startswith(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    affix_impl(vm, a, k, false)
}
fn str_endswith(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    affix_impl(vm, a, k, true)
}

fn find_impl(vm: &mut Vm, a: &[Value], k: Value, name: &str, right: bool) -> PyResult<Option<i64>> {
    clinic::method_varargs(vm, "str", name, a, k, 1, 3)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("must be str, not {tn}")));
    }
    let o = Obj::from_value(a[0]).expect("str receiver");
    let nchars = lstr::char_len(o);
    if let Some(&sv) = a.get(2) {
        if let Some(si) = vm.as_i64(sv) {
            if si > nchars as i64 {
                return Ok(None);
            }
        }
    }
    let (st, en) = byte_range(vm, o, a, 2)?;
    if st > en {
        return Ok(None);
    }
    // The str's own bytes, borrowed (no copy or validation of a possibly
    // huge string per call). Byte search is exact: surrogate-preserving
    // UTF-8 is self-synchronising, so a match of a whole encoded needle
    // always starts on a character boundary.
    let hay = &lstr::bytes(o)[st..en];
    let sub = str_bytes(a[1]);
    let r = if right {
        engine::runtime::ops::rfind_sub(hay, sub)
    } else {
        engine::runtime::ops::find_sub(hay, sub)
    };
    Ok(r.map(|b| lstr::byte_to_char(o, st + b) as i64))
}

/// The byte offsets in str `o` (`a[0]`) of the character bounds
/// `a[from]`, `a[from + 1]` (None or absent: the whole string; negative
/// values count from the end, as slices do), through its character index.
fn byte_range(vm: &mut Vm, o: Obj, a: &[Value], from: usize) -> PyResult<(usize, usize)> {
    let n = lstr::char_len(o) as i64;
    let mut bound = |v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            Some(x) if !x.is_none() => {
                let i = vm.index(*x)?;
                let i = vm.as_i64(i).unwrap_or(0);
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
            _ => Ok(d),
        }
    };
    let st = bound(a.get(from), 0)?;
    let en = bound(a.get(from + 1), n)?;
    Ok((
        lstr::char_to_byte(o, st as usize),
        lstr::char_to_byte(o, en as usize),
    ))
}

fn str_find(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    Ok(Value::int(
        find_impl(vm, a, k, "find", false)?.unwrap_or(-1),
    ))
}
fn str_rfind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    Ok(Value::int(
        find_impl(vm, a, k, "rfind", true)?.unwrap_or(-1),
    ))
}
fn str_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match find_impl(vm, a, k, "index", false)? {
        Some(i) => Ok(Value::int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn str_rindex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match find_impl(vm, a, k, "rindex", true)? {
        Some(i) => Ok(Value::int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_varargs(vm, "str", "count", a, k, 1, 3)?;
    need_str_arg(vm, a[1])?;
    let o = Obj::from_value(a[0]).expect("str receiver");
    if let Some(&sv) = a.get(2) {
        if let Some(si) = vm.as_i64(sv) {
            if si > lstr::char_len(o) as i64 {
                return Ok(Value::int(0));
            }
        }
    }
    let (st, en) = byte_range(vm, o, a, 2)?;
    if st > en {
        return Ok(Value::int(0));
    }
    // The str's own bytes: lone surrogates are counted as themselves.
    let hay = &lstr::bytes(o)[st..en];
    let n = match str_bytes(a[1]) {
        [] => lstr::byte_to_char(o, en) - lstr::byte_to_char(o, st) + 1,
        needle => {
            let mut n = 0;
            engine::runtime::ops::for_each_sub(hay, needle, |_| {
                n += 1;
                true
            });
            n
        }
    };
    Ok(Value::int(n as i64))
}

/// Replacements [`str_replace`] writes from its list of pieces (more take a
/// buffer).
const REPLACE_PARTS: usize = 8;

fn str_replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "str.replace", "replace", a, k, 2, 3)?;
    let (old, new) = (a[1], a[2]);
    for (v, what) in [(old, "replace() argument 1"), (new, "replace() argument 2")] {
        if !is_str(v) {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("{what} must be str, not {tn}")));
        }
    }
    let count = match a.get(3) {
        Some(&v) => ssize_arg(vm, v)?,
        None => -1,
    };
    // Borrowed from here on: no Python code runs, and deferred collection
    // keeps the strs' bytes in place.
    let part = |v: Value| lstr::parts(Obj::from_value(v).expect("str"));
    let ((hb, hc, ha), (ob, oc, _), (nb, nc, na)) = (part(a[0]), part(old), part(new));
    let room = |n: usize| count < 0 || (n as u64) < count as u64;
    // The number of replacements, counted first so that the result's size
    // is known (and a huge one refused) before anything is written.
    let mut n: usize = 0;
    // The first few matches' offsets, for the result written in one copy.
    let mut at = [0usize; REPLACE_PARTS];
    if ob.is_empty() {
        n = if count < 0 {
            hc + 1
        } else {
            (count as u64).min(hc as u64 + 1) as usize
        };
    } else if ob != nb {
        engine::runtime::ops::for_each_sub(hb, ob, |i| {
            if room(n) {
                if n < REPLACE_PARTS {
                    at[n] = i;
                }
                n += 1;
            }
            room(n)
        });
    }
    // Nothing changes (CPython's shortcut): the str itself if exact, with
    // no buffer made.
    if (n == 0 || ob == nb) && vm.type_of(a[0]) == vm.g.types.str_ {
        return Ok(a[0]);
    }
    let chars = hc - n * oc + n * nc;
    let ascii = ha && (n == 0 || na);
    // A few replacements: the pieces copied straight into the new str.
    if !ob.is_empty() && ob != nb && n <= REPLACE_PARTS {
        let mut parts: [&[u8]; 2 * REPLACE_PARTS + 1] = [&[]; 2 * REPLACE_PARTS + 1];
        let mut last = 0;
        for (k, &i) in at[..n].iter().enumerate() {
            parts[2 * k] = &hb[last..i];
            parts[2 * k + 1] = nb;
            last = i + ob.len();
        }
        parts[2 * n] = &hb[last..];
        if let Some(r) = lstr::try_alloc_concat(
            &mut vm.ctx,
            Kind::STR,
            vm.g.types.str_,
            &parts[..=2 * n],
            chars,
            ascii,
        ) {
            return Ok(r);
        }
    }
    let size = n
        .checked_mul(nb.len())
        .and_then(|grown| (hb.len() - n * ob.len()).checked_add(grown));
    let mut out = vm.try_vec(size.unwrap_or(usize::MAX))?;
    n = 0;
    if ob == nb {
        // Nothing changes (CPython's shortcut: the str itself if exact).
        out.extend_from_slice(hb);
    } else if ob.is_empty() {
        // `new` before every character and at the end, `count` times at most.
        let mut i = 0;
        while i < hb.len() && room(n) {
            out.extend_from_slice(nb);
            n += 1;
            let l = text::unicode::cp_at(hb, i).1;
            out.extend_from_slice(&hb[i..i + l]);
            i += l;
        }
        out.extend_from_slice(&hb[i..]);
        if i == hb.len() && room(n) {
            out.extend_from_slice(nb);
            n += 1;
        }
    } else {
        let mut last = 0;
        engine::runtime::ops::for_each_sub(hb, ob, |at| {
            if !room(n) {
                return false;
            }
            out.extend_from_slice(&hb[last..at]);
            out.extend_from_slice(nb);
            last = at + ob.len();
            n += 1;
            true
        });
        out.extend_from_slice(&hb[last..]);
    }
    if n == 0 && vm.type_of(a[0]) == vm.g.types.str_ {
        return Ok(a[0]);
    }
    Ok(lstr::alloc(
        &mut vm.ctx,
        Kind::STR,
        vm.g.types.str_,
        &out,
        chars,
        ascii,
        false,
    ))
}

/// Case mappings of ASCII text, byte for byte (ASCII maps to ASCII under
/// every case method, and the length is kept).
fn ascii_upper(src: &[u8], out: &mut [u8]) {
    for (o, &b) in out.iter_mut().zip(src) {
        *o = b.to_ascii_uppercase();
    }
}
fn ascii_lower(src: &[u8], out: &mut [u8]) {
    for (o, &b) in out.iter_mut().zip(src) {
        *o = b.to_ascii_lowercase();
    }
}
fn ascii_swapcase(src: &[u8], out: &mut [u8]) {
    for (o, &b) in out.iter_mut().zip(src) {
        *o = if b.is_ascii_alphabetic() { b ^ 0x20 } else { b };
    }
}
fn ascii_capitalize(src: &[u8], out: &mut [u8]) {
    ascii_lower(src, out);
    if let Some(o) = out.first_mut() {
        *o = o.to_ascii_uppercase();
    }
}
fn ascii_title(src: &[u8], out: &mut [u8]) {
    let mut prev_cased = false;
    for (o, &b) in out.iter_mut().zip(src) {
        *o = if prev_cased {
            b.to_ascii_lowercase()
        } else {
            b.to_ascii_uppercase()
        };
        prev_cased = b.is_ascii_alphabetic();
    }
}

/// Longest ASCII result built in a stack buffer before it is copied into
/// the new str.
const ASCII_STACK: usize = 256;

/// A new exact str holding the ASCII bytes `b`.
fn new_ascii(vm: &mut Vm, b: &[u8]) -> Value {
    debug_assert!(b.is_ascii());
    if let &[c] = b {
        return vm.g.latin1_chars[c as usize];
    }
    lstr::alloc(
        &mut vm.ctx,
        Kind::STR,
        vm.g.types.str_,
        b,
        b.len(),
        true,
        false,
    )
}

/// A new exact str made of `src` (ASCII) mapped by `f` into an equally long
/// ASCII buffer.
fn map_ascii(vm: &mut Vm, src: &[u8], f: fn(&[u8], &mut [u8])) -> Value {
    if src.len() <= ASCII_STACK {
        let mut buf = [0u8; ASCII_STACK];
        let out = &mut buf[..src.len()];
        f(src, out);
        new_ascii(vm, out)
    } else {
        let mut out = vec![0u8; src.len()];
        f(src, &mut out);
        new_ascii(vm, &out)
    }
}

macro_rules! case_methods {
    ($($name:ident, $py:literal, $f:path, $ascii:path;)*) => {$(
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check_method(vm, $py, a, k, 0, 0)?;
            let (b, _, ascii) = lstr::parts(Obj::from_value(a[0]).expect("str receiver"));
            if ascii {
                return Ok(map_ascii(vm, b, $ascii));
            }
            if $py == "str.upper" {
                return Ok(upper_wtf8(vm, b));
            }
            let c = cps(a[0]);
            let r = $f(&c);
            Ok(from_cps(vm, &r))
        }
    )*};
}

/// `str.upper` of a non-ASCII str straight from its bytes to the new
/// str's: runs of ASCII mapped in bulk, two-byte characters whose upper
/// case is one character of at most two bytes through [`upper_two_byte`],
/// the others through the table (the last lookup remembered, as text often
/// repeats a character), the result's length in characters counted on the
/// way.
fn upper_wtf8(vm: &mut Vm, b: &'static [u8]) -> Value {
    let two = upper_two_byte();
    let mut out = Vec::with_capacity(b.len() + b.len() / 8);
    // The last other character seen (its bytes) and what it maps to: its
    // bytes, length in characters and ASCII-ness.
    let mut last: (&[u8], &[u8], usize, bool) = (&[], &[], 0, true);
    let (mut chars, mut ascii) = (0, true);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            let run = b[i..]
                .iter()
                .position(|&y| y >= 0x80)
                .unwrap_or(b.len() - i);
            out.extend(b[i..i + run].iter().map(|y| y.to_ascii_uppercase()));
            chars += run;
            i += run;
            continue;
        }
        if x & 0xE0 == 0xC0 && i + 1 < b.len() {
            let c = (usize::from(x & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F);
            let u = two[c];
            if u != 0 {
                if u < 0x80 {
                    out.push(u as u8);
                } else {
                    out.push(0xC0 | (u >> 6) as u8);
                    out.push(0x80 | (u & 0x3F) as u8);
                    ascii = false;
                }
                chars += 1;
                i += 2;
                continue;
            }
        }
        // A character is at most four bytes: compared and copied here rather
        // than by `starts_with` and `extend_from_slice`, whose calls made the
        // whole loop slower (82.6M against 76.6M instructions for the
        // 1.2M-character str of `benches/py/issue22_table.py upper`; the same
        // for three-byte text).
        let n = last.0.len();
        if n == 0 || i + n > b.len() || (0..n).any(|k| b[i + k] != last.0[k]) {
            let (c, len) = lstr::decode_at(b, i);
            last = match text::unicode::upper_map(c) {
                Some(m) => (
                    &b[i..i + len],
                    m.as_bytes(),
                    m.chars().count(),
                    m.is_ascii(),
                ),
                None => (&b[i..i + len], &b[i..i + len], 1, false),
            };
        }
        if last.1.len() <= 4 {
            for &y in last.1 {
                out.push(y);
            }
        } else {
            out.extend_from_slice(last.1);
        }
        chars += last.2;
        ascii &= last.3;
        i += last.0.len();
    }
    let cls = vm.g.types.str_;
    lstr::alloc(&mut vm.ctx, Kind::STR, cls, &out, chars, ascii, false)
}

/// For each code point below U+0800 (UTF-8's one- and two-byte ones), its
/// upper case when that is one code point below U+0800 (itself when it has
/// none), 0 when it is longer: `upper_wtf8`'s table for two-byte characters
/// (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic...). Built on first use
/// from the Unicode tables.
fn upper_two_byte() -> &'static [u16; 0x800] {
    static TABLE: std::sync::OnceLock<Box<[u16; 0x800]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([0u16; 0x800]);
        for (c, slot) in t.iter_mut().enumerate() {
            let mut m = match text::unicode::upper_map(c as u32) {
                Some(m) => m.chars(),
                None => {
                    *slot = c as u16;
                    continue;
                }
            };
            if let (Some(u), None) = (m.next(), m.next()) {
                if (u as u32) < 0x800 {
                    *slot = u as u16;
                }
            }
        }
        t
    })
}

case_methods! {
    str_upper, "str.upper", text::unicode::upper_cps, ascii_upper;
    str_lower, "str.lower", text::unicode::lower_cps, ascii_lower;
    str_title, "str.title", text::unicode::title_cps, ascii_title;
    str_capitalize, "str.capitalize", text::unicode::capitalize_cps, ascii_capitalize;
    str_swapcase, "str.swapcase", text::unicode::swapcase_cps, ascii_swapcase;
    str_casefold, "str.casefold", text::unicode::casefold_cps, ascii_lower;
}

macro_rules! pred_method {
    ($name:ident, $py:literal, $f:path) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check_method(vm, $py, a, k, 0, 0)?;
            Ok(Value::bool($f(&str_of(a[0]))))
        }
    };
}
pred_method!(str_isspace, "str.isspace", text::unicode::str_is_space);
pred_method!(str_isdigit, "str.isdigit", text::unicode::str_is_digit);
pred_method!(
    str_isdecimal,
    "str.isdecimal",
    text::unicode::str_is_decimal
);
pred_method!(
    str_isnumeric,
    "str.isnumeric",
    text::unicode::str_is_numeric
);
pred_method!(str_isalpha, "str.isalpha", text::unicode::str_is_alpha);
pred_method!(str_isalnum, "str.isalnum", text::unicode::str_is_alnum);
/// A predicate whose answer depends on lone surrogates, which reach it as
/// themselves (from the code points) rather than as the replacement
/// character `str_of` gives them; ASCII text takes the `&str` path.
macro_rules! pred_method_cps {
    ($name:ident, $py:literal, $f:path, $fc:path) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check_method(vm, $py, a, k, 0, 0)?;
            if str_bytes(a[0]).is_ascii() {
                return Ok(Value::bool($f(&str_of(a[0]))));
            }
            Ok(Value::bool($fc(cps(a[0]))))
        }
    };
}
pred_method_cps!(
    str_isupper,
    "str.isupper",
    text::unicode::is_upper,
    text::unicode::is_upper_cps
);
pred_method_cps!(
    str_islower,
    "str.islower",
    text::unicode::is_lower,
    text::unicode::is_lower_cps
);
pred_method_cps!(
    str_istitle,
    "str.istitle",
    text::unicode::is_title,
    text::unicode::is_title_cps
);
pred_method!(
    str_isidentifier,
    "str.isidentifier",
    text::unicode::is_identifier
);
pred_method_cps!(
    str_isprintable,
    "str.isprintable",
    text::unicode::str_is_printable,
    text::unicode::cps_are_printable
);

fn str_isascii(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.isascii", a, k, 0, 0)?;
    Ok(Value::bool(str_bytes(a[0]).is_ascii()))
}

fn fill_char(vm: &mut Vm, a: &[Value]) -> PyResult<char> {
    match a.get(2) {
        Some(&f) => {
            if !is_str(f) {
                let tn = vm.type_name_of(f);
                return Err(vm.type_error(&format!(
                    "The fill character must be a unicode character, not {tn}"
                )));
            }
            let fs = s(f);
            let mut it = fs.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(vm.type_error("The fill character must be exactly one character long")),
            }
        }
        None => Ok(' '),
    }
}

fn width_arg(vm: &mut Vm, a: &[Value]) -> PyResult<usize> {
    let w = a.get(1).copied().unwrap_or(Value::int(0));
    Ok(crate::args::py_ssize_t(vm, w)?.max(0) as usize)
}

fn str_center(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "str.center", "center", a, k, 1, 2)?;
    let w = width_arg(vm, a)?;
    let f = fill_char(vm, a)?;
    match text::unicode::center(&str_of(a[0]), w, f) {
        Some(r) => Ok(vm.new_str(&r)),
        None => Err(vm.no_memory()),
    }
}
fn str_ljust(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "str.ljust", "ljust", a, k, 1, 2)?;
    let w = width_arg(vm, a)?;
    let f = fill_char(vm, a)?;
    match text::unicode::ljust(&str_of(a[0]), w, f) {
        Some(r) => Ok(vm.new_str(&r)),
        None => Err(vm.no_memory()),
    }
}
fn str_rjust(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "str.rjust", "rjust", a, k, 1, 2)?;
    let w = width_arg(vm, a)?;
    let f = fill_char(vm, a)?;
    match text::unicode::rjust(&str_of(a[0]), w, f) {
        Some(r) => Ok(vm.new_str(&r)),
        None => Err(vm.no_memory()),
    }
}
fn str_zfill(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.zfill", a, k, 1, 1)?;
    let w = width_arg(vm, a)?;
    match text::unicode::zfill(&str_of(a[0]), w) {
        Some(r) => Ok(vm.new_str(&r)),
        None => Err(vm.no_memory()),
    }
}
fn str_expandtabs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [ts] = clinic::unpack(vm, "expandtabs", &a[1..], k, ["tabsize"], 0, 0, 1)?;
    let ts = match ts {
        Some(v) => crate::args::py_long_as_int(vm, v)?,
        None => 8,
    };
    match text::unicode::expandtabs(&str_of(a[0]), ts) {
        Some(r) => Ok(vm.new_str(&r)),
        None => Err(vm.no_memory()),
    }
}

fn partition_impl(vm: &mut Vm, a: &[Value], right: bool) -> PyResult<Value> {
    let t = s(a[0]);
    let sep = need_str_arg(vm, a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right { t.rfind(&sep) } else { t.find(&sep) };
    let parts = match found {
        Some(i) => (
            t[..i].to_string(),
            sep.clone(),
            t[i + sep.len()..].to_string(),
        ),
        None => {
            if right {
                (String::new(), String::new(), t.clone())
            } else {
                (t.clone(), String::new(), String::new())
            }
        }
    };
    let x = vm.new_str(&parts.0);
    let y = vm.new_str(&parts.1);
    let z = vm.new_str(&parts.2);
    Ok(vm.new_tuple(&[x, y, z]))
}
fn str_partition(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "str.partition", a, k, 1, 1)?;
    partition_impl(vm, a, false)
}
fn str_rpartition(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "str.rpartition", a, k, 1, 1)?;
    partition_impl(vm, a, true)
}

fn str_removeprefix(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.removeprefix", a, k, 1, 1)?;
    let t = s(a[0]);
    let p = need_str(vm, a[1], "removeprefix() argument")?;
    Ok(match t.strip_prefix(&p) {
        Some(r) if !p.is_empty() => vm.new_str(r),
        _ => unchanged(vm, a[0]),
    })
}
fn str_removesuffix(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.removesuffix", a, k, 1, 1)?;
    let t = s(a[0]);
    let p = need_str(vm, a[1], "removesuffix() argument")?;
    Ok(match t.strip_suffix(&p) {
        Some(r) if !p.is_empty() => vm.new_str(r),
        _ => unchanged(vm, a[0]),
    })
}

fn str_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [enc, errors] = clinic::unpack(vm, "encode", &a[1..], k, ["encoding", "errors"], 0, 0, 2)?;
    for (v, what) in [(enc, "encoding"), (errors, "errors")] {
        if let Some(v) = v.filter(|&v| !is_str(v)) {
            let tn = vm.arg_type_name(v);
            return Err(vm.type_error(&format!("encode() argument '{what}' must be str, not {tn}")));
        }
    }
    let enc = enc.map(str_of);
    let errors = errors.map(str_of);
    super::bytes::encode(
        vm,
        a[0],
        enc.as_deref().unwrap_or("utf-8"),
        errors.as_deref().unwrap_or("strict"),
    )
}

fn str_maketrans(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "str.maketrans", "maketrans", a, k, 1, 3)?;
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let r = (|| {
        if a.len() == 1 {
            if !Obj::from_value(a[0]).is_some_and(|o| o.kind() == Kind::DICT) {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            }
            for (key, v) in vm.dict_items(a[0]) {
                let key = if is_str(key) {
                    let c = cps(key);
                    if c.len() != 1 {
                        return Err(
                            vm.value_error("string keys in translate table must be of length 1")
                        );
                    }
                    Value::int(c[0] as i64)
                } else if vm.is_int_like(key) {
                    key
                } else {
                    return Err(
                        vm.type_error("keys in translate table must be strings or integers")
                    );
                };
                vm.dict_set(d, key, v)?;
            }
            return Ok(());
        }
        for (i, &x) in a.iter().enumerate().skip(1) {
            if !is_str(x) {
                let tn = vm.type_name_of(x);
                return Err(vm.type_error(&format!(
                    "maketrans() argument {} must be str, not {tn}",
                    i + 1
                )));
            }
        }
        if !is_str(a[0]) {
            return Err(vm.type_error(
                "first maketrans argument must be a string if there is a second argument",
            ));
        }
        let (x, y) = (cps(a[0]), cps(a[1]));
        if x.len() != y.len() {
            return Err(vm.value_error("the first two maketrans arguments must have equal length"));
        }
        for (c1, c2) in x.iter().zip(y.iter()) {
            vm.dict_set(d, Value::int(*c1 as i64), Value::int(*c2 as i64))?;
        }
        if a.len() == 3 {
            for c in cps(a[2]) {
                vm.dict_set(d, Value::int(c as i64), Value::NONE)?;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r.map(|_| d)
}

fn str_translate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "str.translate", a, k, 1, 1)?;
    let mut out: Vec<u32> = Vec::new();
    for c in cps(a[0]) {
        match vm.getitem(a[1], Value::int(c as i64)) {
            Ok(v) if v.is_none() => {}
            Ok(v) if is_str(v) => out.extend(cps(v)),
            Ok(v) if vm.is_int_like(v) => match vm.as_i64(v) {
                Some(x) if (0..0x110000).contains(&x) => out.push(x as u32),
                _ => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            },
            Ok(_) => {
                return Err(vm.type_error("character mapping must return integer, None or str"))
            }
            Err(e) if vm.isinstance(e.0, vm.g.e.LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(from_cps(vm, &out))
}

// ---------------------------------------------------------------- str.format

/// The runtime side of `str.format` / `str.format_map` for the text
/// module's parser. Every value it hands out is pushed on the value stack
/// (the caller pops them when formatting ends), since the parser holds them
/// across later Python calls (nested specs, `__format__`).
struct FormatArgs<'a> {
    vm: &'a mut Vm,
    args: &'a [Value],
    kw: Option<Value>,
    /// format_map: positional fields are an error.
    map_only: bool,
    /// The lone surrogates of the format string and the formatted values.
    map: text::SurrogateMap,
}

impl FormatArgs<'_> {
    fn keep(&mut self, v: Value) -> Value {
        self.vm.push_root(v);
        v
    }
}

impl text::FormatResolver for FormatArgs<'_> {
    type Value = Value;
    type Error = PyException;
    fn value_error(&mut self, msg: String) -> PyException {
        self.vm.value_error(&msg)
    }
    fn positional(&mut self, index: usize) -> PyResult<Value> {
        if self.map_only {
            return Err(self
                .vm
                .value_error("Format string contains positional fields"));
        }
        match self.args.get(index) {
            Some(&v) => Ok(v),
            None => Err(self.vm.new_exc(
                self.vm.g.e.IndexError,
                &format!("Replacement index {index} out of range for positional args tuple"),
            )),
        }
    }
    fn keyword(&mut self, name: &str) -> PyResult<Value> {
        let key = self.vm.new_str(name);
        match self.kw {
            Some(d) => {
                self.vm.push_root(key);
                let v = self.vm.getitem(d, key)?;
                Ok(self.keep(v))
            }
            None => Err(self.vm.key_error(key)),
        }
    }
    fn getattr(&mut self, v: Value, name: &str) -> PyResult<Value> {
        let n = self.vm.intern(name);
        let r = self.vm.getattr(v, n)?;
        Ok(self.keep(r))
    }
    fn getitem_index(&mut self, v: Value, index: usize) -> PyResult<Value> {
        let k = self.vm.new_int(index as i64);
        let r = self.vm.getitem(v, k)?;
        Ok(self.keep(r))
    }
    fn getitem_key(&mut self, v: Value, key: &str) -> PyResult<Value> {
        let k = self.vm.new_str(key);
        self.vm.push_root(k);
        let r = self.vm.getitem(v, k)?;
        Ok(self.keep(r))
    }
    fn convert(&mut self, v: Value, conversion: char) -> PyResult<Value> {
        let r = match conversion {
            'r' => self.vm.repr(v)?,
            's' => self.vm.str(v)?,
            _ => {
                let r = self.vm.repr_string(v)?;
                let e = engine::runtime::interp::ascii_escape(&r);
                self.vm.new_str(&e)
            }
        };
        Ok(self.keep(r))
    }
    fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        // An empty spec on a small int or an exact str is the value's text
        // (int's and str's __format__ cannot be replaced on the builtins).
        if spec.is_empty() {
            if let Some(i) = v.as_int() {
                return Ok(i.to_string());
            }
            if is_str(v) && self.vm.type_of(v) == self.vm.g.types.str_ {
                return Ok(carried_text(&mut self.map, v));
            }
        }
        // The spec as the str it was written as (lone surrogates back).
        let sv = carried_str(self.vm, &self.map, spec);
        self.vm.push_root(sv);
        let r = self.vm.format(v, sv)?;
        Ok(carried_text(&mut self.map, r))
    }
}

/// Implements str.format / format_map with CPython's parser and messages:
/// the str `fmt.format(*args, **kw)`.
fn do_format(
    vm: &mut Vm,
    fmt: Value,
    args: &[Value],
    kw: Option<Value>,
    map_only: bool,
) -> PyResult<Value> {
    let mark = vm.push_root(fmt);
    if let Some(d) = kw {
        vm.push_root(d);
    }
    let mut map = text::SurrogateMap::default();
    let f = carried_text(&mut map, fmt);
    let mut r = FormatArgs {
        vm,
        args,
        kw,
        map_only,
        map,
    };
    let out = text::str_format(&f, &mut r);
    let map = r.map;
    vm.pop_roots(mark);
    Ok(carried_str(vm, &map, &out?))
}

fn str_format(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let kw = if args.kw.is_empty() {
        None
    } else {
        let d = vm.new_dict();
        for &(kk, vv) in &args.kw {
            vm.dict_set(d, kk, vv)?;
        }
        Some(d)
    };
    do_format(vm, a[0], &args.pos[1..], kw, false)
}

fn str_format_map(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "str.format_map", a, k, 1, 1)?;
    do_format(vm, a[0], &[], Some(a[1]), true)
}

// ---------------------------------------------------------------- % formatting
//
// Arguments are converted lazily, as CPython does: only what a conversion
// specifier uses is asked for (`%s` calls `str()`, `%d` calls `__int__`...),
// in the order the format uses them. Values fetched from a mapping operand
// are pushed on the value stack (rooted) until the formatting ends.

/// The right operand of `%`, seen by the text module's formatter.
struct LazyArgs<'a> {
    vm: &'a mut Vm,
    args: Value,
    is_tuple: bool,
    is_map: bool,
    /// The first Python exception raised by a conversion.
    err: Option<PyException>,
    /// The lone surrogates of the format and of the strs converted.
    map: text::SurrogateMap,
}

impl LazyArgs<'_> {
    fn fail(&mut self, e: PyException) -> PercentError {
        if self.err.is_none() {
            self.err = Some(e);
        }
        PercentError::Raised
    }
}

struct LazyArg<'b, 'a> {
    l: &'b mut LazyArgs<'a>,
    v: Value,
}

fn has_special(vm: &Vm, v: Value, name: Value) -> bool {
    vm.lookup_type(vm.type_of(v), name).is_some()
}

impl PercentArg for LazyArg<'_, '_> {
    fn type_name(&self) -> String {
        self.l.vm.type_name_of(self.v)
    }
    fn as_exact_int(&mut self) -> Option<BigInt> {
        if self.v.is_bool() {
            return None;
        }
        self.l.vm.as_bigint(self.v)
    }
    fn small_int(&mut self) -> Option<i64> {
        // Immediate ints only: bools and int subclasses are other values.
        self.v.as_int()
    }
    fn to_int(&mut self, index_only: bool) -> Result<Option<BigInt>, PercentError> {
        let vm = &mut *self.l.vm;
        let v = self.v;
        if let Some(b) = vm.as_bigint(v) {
            return Ok(Some(b));
        }
        let n = vm.g.names.__index__;
        if index_only {
            if !has_special(vm, v, n) {
                return Ok(None);
            }
            return match vm.index(v) {
                Ok(r) => Ok(vm.as_bigint(r)),
                // CPython's `mainformatlong` reports any TypeError of the
                // conversion as the format's own.
                Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => Ok(None),
                Err(e) => Err(self.l.fail(e)),
            };
        }
        if let Some(f) = vm.as_f64(v) {
            return text::number::float_to_bigint(f)
                .map(Some)
                .map_err(|(k, m)| {
                    if k == "OverflowError" {
                        PercentError::Overflow(m)
                    } else {
                        PercentError::Value(m)
                    }
                });
        }
        let int_n = vm.g.names.__int__;
        let float_n = vm.g.names.__float__;
        let is_number = has_special(vm, v, int_n)
            || has_special(vm, v, n)
            || has_special(vm, v, float_n)
            || vm.isinstance(v, vm.g.types.complex);
        if !is_number {
            return Ok(None);
        }
        let int_t = vm.g.types.int;
        match vm.call(int_t, &[v], Value::EMPTY) {
            Ok(r) => Ok(vm.as_bigint(r)),
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => Ok(None),
            Err(e) => Err(self.l.fail(e)),
        }
    }
    fn to_float(&mut self) -> Result<Option<f64>, PercentError> {
        let vm = &mut *self.l.vm;
        let v = self.v;
        if let Some(f) = vm.as_f64(v) {
            return Ok(Some(f));
        }
        if vm.as_bigint(v).is_some() {
            return Err(PercentError::Overflow(
                "int too large to convert to float".into(),
            ));
        }
        let float_n = vm.g.names.__float__;
        let index_n = vm.g.names.__index__;
        if !has_special(vm, v, float_n) && !has_special(vm, v, index_n) {
            return Ok(None);
        }
        let float_t = vm.g.types.float;
        match vm.call(float_t, &[v], Value::EMPTY) {
            Ok(r) => Ok(vm.as_f64(r)),
            Err(e) => Err(self.l.fail(e)),
        }
    }
    fn as_str_chars(&mut self) -> Option<Vec<u32>> {
        if is_str(self.v) {
            Some(cps(self.v))
        } else {
            None
        }
    }
    fn to_str(&mut self) -> Result<String, PercentError> {
        if let Some(i) = self.v.as_int() {
            return Ok(i.to_string());
        }
        if let Some(f) = self.v.as_float() {
            return Ok(self.l.vm.float_text(f));
        }
        match self.l.vm.str(self.v) {
            Ok(s) => Ok(carried_text(&mut self.l.map, s)),
            Err(e) => Err(self.l.fail(e)),
        }
    }
    fn carry_cp(&mut self, cp: u32) -> char {
        self.l.map.carry(cp)
    }
    fn to_repr(&mut self) -> Result<String, PercentError> {
        match self.l.vm.repr_string(self.v) {
            Ok(s) => Ok(s),
            Err(e) => Err(self.l.fail(e)),
        }
    }
    fn to_bytes(&mut self) -> Result<Option<Vec<u8>>, PercentError> {
        if let Some(b) = super::bytes::buf(self.v) {
            return Ok(Some(b));
        }
        let vm = &mut *self.l.vm;
        if let Err(e) = super::memoryview::check_released(vm, self.v) {
            return Err(self.l.fail(e));
        }
        let vm = &mut *self.l.vm;
        let n = vm.g.names.__bytes__;
        match vm.call_special(self.v, n, &[]) {
            Ok(Some(r)) => match super::bytes::buf(r) {
                Some(b) if Obj::from_value(r).is_some_and(|o| o.kind() == Kind::BYTES) => {
                    Ok(Some(b))
                }
                _ => {
                    let tn = vm.type_name_of(r);
                    let e = vm.type_error(&format!("__bytes__ returned non-bytes (type {tn})"));
                    Err(self.l.fail(e))
                }
            },
            Ok(None) => Ok(None),
            Err(e) => Err(self.l.fail(e)),
        }
    }
    fn as_bytes_value(&mut self) -> Option<Vec<u8>> {
        match Obj::from_value(self.v) {
            Some(o) if o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY => {
                super::bytes::buf(self.v)
            }
            _ => None,
        }
    }
}

impl<'a> PercentArgs for LazyArgs<'a> {
    fn tuple_len(&self) -> Option<usize> {
        if self.is_tuple {
            Obj::from_value(self.args).map(|o| o.n_values())
        } else {
            None
        }
    }
    fn is_mapping(&self) -> bool {
        self.is_map
    }
    fn item(&mut self, index: usize) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        let v = if self.is_tuple {
            match self.vm.seq_get(self.args, index) {
                Some(v) => v,
                None => {
                    return Err(PercentError::Type(
                        "not enough arguments for format string".into(),
                    ))
                }
            }
        } else {
            self.args
        };
        Ok(Box::new(LazyArg { l: self, v }))
    }
    fn get_item(&mut self, key: &str) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        let k = self.vm.new_str(key);
        self.lookup(k)
    }
    fn get_item_bytes(&mut self, key: &[u8]) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        let k = self.vm.new_bytes(key);
        self.lookup(k)
    }
}

impl LazyArgs<'_> {
    fn lookup(&mut self, k: Value) -> Result<Box<dyn PercentArg + '_>, PercentError> {
        if !self.is_map {
            return Err(PercentError::Type("format requires a mapping".into()));
        }
        self.vm.push_root(k);
        match self.vm.getitem(self.args, k) {
            Ok(v) => {
                // Popped with everything else when the formatting ends.
                self.vm.push_root(v);
                Ok(Box::new(LazyArg { l: self, v }))
            }
            Err(e) => Err(self.fail(e)),
        }
    }
}

/// Runs the text module's formatter over `args` (str or bytes format).
fn percent_run(vm: &mut Vm, fmt: Value, args: Value, bytes: bool) -> PyResult<Value> {
    let is_tuple = Obj::from_value(args).is_some_and(|o| o.kind() == Kind::TUPLE);
    let is_map = !is_tuple
        && !is_str(args)
        && (!bytes || super::bytes::buf(args).is_none())
        && vm
            .lookup_type(vm.type_of(args), vm.g.names.__getitem__)
            .is_some();
    let mark = vm.push_root(fmt);
    vm.push_root(args);
    let mut la = LazyArgs {
        vm: &mut *vm,
        args,
        is_tuple,
        is_map,
        err: None,
        map: text::SurrogateMap::default(),
    };
    let r = if bytes {
        let fb = super::bytes::buf(fmt).unwrap_or_default();
        text::percent::percent_format_bytes(&fb, &mut la).map(either_bytes)
    } else {
        let f = carried_text(&mut la.map, fmt);
        text::percent_format(&f, &mut la).map(Either::S)
    };
    let err = la.err.take();
    let map = std::mem::take(&mut la.map);
    let out = match r {
        Ok(Either::S(r)) => Ok(carried_str(vm, &map, &r)),
        Ok(Either::B(b)) => Ok(vm.new_bytes(&b)),
        Err(PercentError::Type(m)) => Err(vm.type_error(&m)),
        Err(PercentError::Value(m)) => Err(vm.value_error(&m)),
        Err(PercentError::Overflow(m)) => Err(vm.new_exc(vm.g.e.OverflowError, &m)),
        Err(PercentError::Key(k)) => {
            let kv = vm.new_str(&k);
            Err(vm.key_error(kv))
        }
        Err(PercentError::Memory) => Err(vm.new_exc(vm.g.e.MemoryError, "")),
        Err(PercentError::Raised) => Err(err.unwrap_or_else(|| vm.type_error("format error"))),
    };
    vm.pop_roots(mark);
    out
}

enum Either {
    S(String),
    B(Vec<u8>),
}

fn either_bytes(b: Vec<u8>) -> Either {
    Either::B(b)
}

/// `fmt % args` for str.
pub fn percent(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    if let Some(r) = percent_simple(vm, fmt, args) {
        return Ok(r);
    }
    percent_run(vm, fmt, args, false)
}

/// Most arguments [`percent_simple`] takes.
const PERCENT_ARGS: usize = 8;

/// `fmt % args` for an ASCII `fmt` whose only conversions are `%s`, `%d`,
/// `%i` (no flags, width or precision) and `%%`, with exactly as many
/// arguments (a tuple, or one that is no tuple), each an exact str (for
/// `%s`) or an int of the immediate range: the pieces are written straight
/// into the new str, as `str.join` writes them. None when anything else
/// holds: the general formatter then runs, and raises what CPython raises.
fn percent_simple(vm: &mut Vm, fmt: Value, args: Value) -> Option<Value> {
    let (fb, _, fascii) = lstr::parts(Obj::from_value(fmt)?);
    if !fascii {
        return None;
    }
    match Obj::from_value(args) {
        Some(o) if o.kind() == Kind::TUPLE => {
            let n = o.n_values();
            if o.class() != vm.g.types.tuple || n > PERCENT_ARGS {
                return None;
            }
            let mut buf = [Value::EMPTY; PERCENT_ARGS];
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = o.get(i);
            }
            percent_pieces(vm, fb, &buf[..n])
        }
        _ => percent_pieces(vm, fb, &[args]),
    }
}

/// The body of [`percent_simple`] over the argument values `argv`.
fn percent_pieces(vm: &mut Vm, fb: &[u8], argv: &[Value]) -> Option<Value> {
    let mut parts: [&[u8]; 2 * PERCENT_ARGS + 1] = [&[]; 2 * PERCENT_ARGS + 1];
    let mut digits = [[0u8; 20]; PERCENT_ARGS];
    // First pass: the conversions, checked against the arguments, and the
    // integers' digits; the second borrows the pieces.
    let mut i = 0;
    let mut specs = [0u8; PERCENT_ARGS];
    let (mut nspec, mut nesc) = (0, 0);
    while i < fb.len() {
        if fb[i] == b'%' {
            match fb.get(i + 1) {
                Some(b'%') => nesc += 1,
                Some(&c @ (b's' | b'd' | b'i')) => {
                    if nspec == argv.len() {
                        return None;
                    }
                    specs[nspec] = c;
                    nspec += 1;
                }
                _ => return None,
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    // A literal before each conversion and escape, the arguments, the tail.
    if nspec != argv.len() || nesc + 2 * nspec + 1 > parts.len() {
        return None;
    }
    let mut dlen = [0usize; PERCENT_ARGS];
    for (k, &v) in argv.iter().enumerate() {
        if let Some(n) = v.as_int() {
            dlen[k] = write_decimal(&mut digits[k], n);
        } else if specs[k] != b's'
            || !Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.str_)
        {
            return None;
        }
    }
    let (mut np, mut chars, mut ascii, mut next, mut lit) = (0, 0, true, 0, 0);
    i = 0;
    while i < fb.len() {
        if fb[i] != b'%' {
            i += 1;
            continue;
        }
        parts[np] = &fb[lit..i];
        np += 1;
        chars += i - lit;
        if fb[i + 1] == b'%' {
            lit = i + 1;
        } else {
            let v = argv[next];
            if v.is_int() {
                parts[np] = &digits[next][20 - dlen[next]..];
                chars += dlen[next];
            } else {
                let (b, c, a) = lstr::parts(Obj::from_value(v)?);
                parts[np] = b;
                chars += c;
                ascii &= a;
            }
            np += 1;
            next += 1;
            lit = i + 2;
        }
        i += 2;
    }
    parts[np] = &fb[lit..];
    chars += fb.len() - lit;
    np += 1;
    lstr::try_alloc_concat(
        &mut vm.ctx,
        Kind::STR,
        vm.g.types.str_,
        &parts[..np],
        chars,
        ascii,
    )
}

/// Writes `n` in decimal at the end of `buf`; returns the digit count (the
/// sign included).
fn write_decimal(buf: &mut [u8; 20], n: i64) -> usize {
    let mut at = buf.len() - text::u64_digits(buf, n.unsigned_abs()).len();
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    buf.len() - at
}

/// `fmt % args` for bytes and bytearray (the result is bytes).
pub fn percent_bytes(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    percent_run(vm, fmt, args, true)
}

fn str_mod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    percent(vm, a[0], a[1])
}

/// `str.__rmod__(self, value)`: `value % self` when `value` is a str (the
/// slot CPython shares between both sides), else NotImplemented.
fn str_rmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match a.get(1) {
        Some(&v) if is_str(v) => percent(vm, v, a[0]),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn str_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.new_str_bytes(str_bytes(a[0]));
    Ok(vm.new_tuple(&[c]))
}

/// Registers str methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.str_;
    vm.add_static(t, "__new__", str_new, false);
    vm.add_static(t, "maketrans", str_maketrans, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__len__", str_len),
        ("__getitem__", str_getitem),
        ("__contains__", str_contains),
        ("__iter__", str_iter),
        ("__add__", str_add),
        ("__mul__", str_mul),
        ("__rmul__", str_mul),
        ("__mod__", str_mod),
        ("__rmod__", str_rmod),
        ("__lt__", str_lt),
        ("__le__", str_le),
        ("__eq__", str_eq),
        ("__ne__", str_ne),
        ("__gt__", str_gt),
        ("__ge__", str_ge),
        ("__hash__", str_hash),
        ("__repr__", str_repr),
        ("__str__", str_str),
        ("__format__", str_format_spec),
        ("__getnewargs__", str_getnewargs),
        ("join", str_join),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("replace", str_replace),
        ("upper", str_upper),
        ("lower", str_lower),
        ("title", str_title),
        ("capitalize", str_capitalize),
        ("swapcase", str_swapcase),
        ("casefold", str_casefold),
        ("isspace", str_isspace),
        ("isdigit", str_isdigit),
        ("isdecimal", str_isdecimal),
        ("isnumeric", str_isnumeric),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("istitle", str_istitle),
        ("isidentifier", str_isidentifier),
        ("isprintable", str_isprintable),
        ("isascii", str_isascii),
        ("center", str_center),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("zfill", str_zfill),
        ("expandtabs", str_expandtabs),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("encode", str_encode),
        ("translate", str_translate),
        ("format", str_format),
        ("format_map", str_format_map),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(t, 0, 0, &["__getnewargs__"]);
    Ok(())
}
