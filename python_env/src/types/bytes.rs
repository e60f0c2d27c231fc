//! `bytes`, `bytearray`, and the str codecs (utf-8, ascii, latin-1).

use super::seq::{is_slice, norm_index, slice_indices};
use crate::args::Args;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

/// The bytes of a bytes or bytearray value.
pub fn buf(v: Value) -> Option<Vec<u8>> {
    let o = Obj::from_value(v)?;
    match o.kind() {
        Kind::BYTES => Some(str_bytes(v).to_vec()),
        K_BYTEARRAY => Some(str_bytes(o.get(0)).to_vec()),
        _ => None,
    }
}

fn norm_enc(e: &str) -> String {
    e.to_ascii_lowercase().replace('_', "-")
}

/// Decodes bytes to a str value.
pub fn decode(vm: &mut Vm, b: &[u8], enc: &str, errors: &str) -> PyResult<Value> {
    match norm_enc(enc).as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(b) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(e) => {
                if errors == "replace" {
                    Ok(vm.new_str(&String::from_utf8_lossy(b)))
                } else if errors == "ignore" {
                    let s: String = String::from_utf8_lossy(b)
                        .chars()
                        .filter(|c| *c != '\u{FFFD}')
                        .collect();
                    Ok(vm.new_str(&s))
                } else {
                    let pos = e.valid_up_to();
                    let byte = b[pos];
                    let reason = if e.error_len().is_none() {
                        "unexpected end of data"
                    } else if (0x80..0xC0).contains(&byte) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    let end = pos + e.error_len().unwrap_or(b.len() - pos).max(1);
                    let msg = if end - pos > 1 {
                        format!(
                            "'utf-8' codec can't decode bytes in position {}-{}: {}",
                            pos,
                            end - 1,
                            reason
                        )
                    } else {
                        format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                            byte, pos, reason
                        )
                    };
                    Err(vm.new_exc(vm.g.e.UnicodeDecodeError, &msg))
                }
            }
        },
        "ascii" | "us-ascii" => {
            if let Some(pos) = b.iter().position(|c| *c >= 128) {
                if errors == "replace" {
                    let s: String = b
                        .iter()
                        .map(|&c| if c < 128 { c as char } else { '\u{FFFD}' })
                        .collect();
                    return Ok(vm.new_str(&s));
                }
                if errors == "ignore" {
                    let s: String = b.iter().filter(|c| **c < 128).map(|&c| c as char).collect();
                    return Ok(vm.new_str(&s));
                }
                return Err(vm.new_exc(vm.g.e.UnicodeDecodeError, &format!("'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)", b[pos], pos)));
            }
            Ok(vm.new_str(std::str::from_utf8(b).unwrap_or("")))
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
            let s: String = b.iter().map(|&c| c as char).collect();
            Ok(vm.new_str(&s))
        }
        _ => Err(vm.exc_by_name("LookupError", &format!("unknown encoding: {enc}"))),
    }
}

/// Encodes a str value to bytes.
pub fn encode(vm: &mut Vm, s: Value, enc: &str, errors: &str) -> PyResult<Value> {
    let cps = crate::text::decode_wtf8(str_bytes(s));
    match norm_enc(enc).as_str() {
        "utf-8" | "utf8" => {
            if let Some(pos) = cps.iter().position(|c| (0xD800..0xE000).contains(c)) {
                if errors == "strict" {
                    return Err(vm.new_exc(vm.g.e.UnicodeEncodeError, &format!("'utf-8' codec can't encode character '\\u{:04x}' in position {}: surrogates not allowed", cps[pos], pos)));
                }
            }
            let st: String = cps.iter().filter_map(|&c| char::from_u32(c)).collect();
            Ok(vm.new_bytes(st.as_bytes()))
        }
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" | "us-ascii" => {
            let limit = if norm_enc(enc).starts_with("ascii") || norm_enc(enc) == "us-ascii" {
                128
            } else {
                256
            };
            let name = if limit == 128 { "ascii" } else { "latin-1" };
            let mut out = Vec::new();
            for (i, &c) in cps.iter().enumerate() {
                if c < limit {
                    out.push(c as u8);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push(b'?'),
                        _ => {
                            let ch = if c <= 0xFF {
                                format!("\\x{c:02x}")
                            } else if c <= 0xFFFF {
                                format!("\\u{c:04x}")
                            } else {
                                format!("\\U{c:08x}")
                            };
                            return Err(vm.new_exc(vm.g.e.UnicodeEncodeError, &format!("'{name}' codec can't encode character '{ch}' in position {i}: ordinal not in range({limit})")));
                        }
                    }
                }
            }
            Ok(vm.new_bytes(&out))
        }
        _ => Err(vm.exc_by_name("LookupError", &format!("unknown encoding: {enc}"))),
    }
}

fn make_bytes(
    vm: &mut Vm,
    src: Option<Value>,
    enc: Option<Value>,
    errors: Option<Value>,
) -> PyResult<Vec<u8>> {
    let Some(src) = src else {
        return Ok(Vec::new());
    };
    if is_str(src) {
        let Some(e) = enc else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let er = errors
            .map(|v| str_of(v).into_owned())
            .unwrap_or_else(|| "strict".into());
        let b = encode(vm, src, &str_of(e), &er)?;
        return Ok(str_bytes(b).to_vec());
    }
    if let Some(b) = buf(src) {
        return Ok(b);
    }
    if vm.is_int_like(src) {
        let n = vm.as_i64(src).unwrap_or(-1);
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    let items = vm.collect(src).map_err(|_| {
        let tn = vm.type_name_of(src);
        vm.type_error(&format!("cannot convert '{tn}' object to bytes"))
    })?;
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        match vm.as_i64(x) {
            Some(i) if (0..256).contains(&i) => out.push(i as u8),
            Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
            None => {
                let tn = vm.type_name_of(x);
                return Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let src = args.get(1, "source");
    let enc = args.get(2, "encoding");
    let err = args.get(3, "errors");
    if let Some(s) = src {
        if !is_str(s) && buf(s).is_none() && !vm.is_int_like(s) {
            if let Some(r) = vm.call_special(s, vm.g.names.__bytes__, &[])? {
                return Ok(r);
            }
        }
    }
    let b = make_bytes(vm, src, enc, err)?;
    Ok(vm.new_bytes(&b))
}

fn ba_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = vm.alloc_obj(K_BYTEARRAY, a[0], 1, 0);
    let e = vm.new_bytes(&[]);
    o.init(0, e);
    Ok(o.value())
}

fn ba_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let src = args.get(1, "source");
    let enc = args.get(2, "encoding");
    let err = args.get(3, "errors");
    let b = make_bytes(vm, src, enc, err)?;
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn set_ba(vm: &mut Vm, v: Value, b: &[u8]) {
    let o = Obj::from_value(v).expect("ba");
    let nb = vm.new_bytes(b);
    vm.store(o, 0, nb);
}

fn is_ba(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_BYTEARRAY)
}

fn wrap(vm: &mut Vm, like: Value, b: &[u8]) -> Value {
    if is_ba(like) {
        let o = vm.alloc_obj(K_BYTEARRAY, vm.g.types.bytearray, 1, 0);
        let nb = vm.new_bytes(b);
        o.init(0, nb);
        o.value()
    } else {
        vm.new_bytes(b)
    }
}

fn b_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = buf(a[0]).map(|b| b.len()).unwrap_or(0);
    Ok(vm.new_int(n as i64))
}

fn b_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    if is_slice(a[1]) {
        let (start, _e, step, count) = slice_indices(vm, a[1], b.len())?;
        let mut out = Vec::with_capacity(count);
        let mut i = start;
        for _ in 0..count {
            out.push(b[i as usize]);
            i += step;
        }
        return Ok(wrap(vm, a[0], &out));
    }
    let what = if is_ba(a[0]) { "bytearray" } else { "index" };
    let i = norm_index(vm, a[1], b.len(), what)?;
    Ok(Value::int(b[i] as i64))
}

fn ba_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    if is_slice(a[1]) {
        let (start, stop, step, count) = slice_indices(vm, a[1], b.len())?;
        let nb = make_bytes(vm, Some(a[2]), None, None)?;
        if step == 1 {
            b.splice(start as usize..stop.max(start) as usize, nb);
        } else {
            if nb.len() != count {
                return Err(vm.value_error(&format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    nb.len(),
                    count
                )));
            }
            let mut i = start;
            for x in nb {
                b[i as usize] = x;
                i += step;
            }
        }
        set_ba(vm, a[0], &b);
        return Ok(Value::NONE);
    }
    let i = norm_index(vm, a[1], b.len(), "bytearray")?;
    let v = vm
        .as_i64(a[2])
        .filter(|x| (0..256).contains(x))
        .ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
    b[i] = v as u8;
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    if is_slice(a[1]) {
        let (start, _stop, step, count) = slice_indices(vm, a[1], b.len())?;
        let mut drop = vec![false; b.len()];
        let mut i = start;
        for _ in 0..count {
            drop[i as usize] = true;
            i += step;
        }
        let kept: Vec<u8> = b
            .iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(x, _)| *x)
            .collect();
        set_ba(vm, a[0], &kept);
        return Ok(Value::NONE);
    }
    let i = norm_index(vm, a[1], b.len(), "bytearray")?;
    b.remove(i);
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_append(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    let v = vm
        .as_i64(a[1])
        .filter(|x| (0..256).contains(x))
        .ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
    b.push(v as u8);
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    b.extend(make_bytes(vm, Some(a[1]), None, None)?);
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    if b.is_empty() {
        return Err(vm.new_exc(vm.g.e.IndexError, "pop from empty bytearray"));
    }
    let i = match a.get(1) {
        Some(&x) => norm_index(vm, x, b.len(), "pop")?,
        None => b.len() - 1,
    };
    let v = b.remove(i);
    set_ba(vm, a[0], &b);
    Ok(Value::int(v as i64))
}

fn ba_insert(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    let n = b.len() as i64;
    let i = vm.as_i64(a[1]).unwrap_or(0);
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let v = vm
        .as_i64(a[2])
        .filter(|x| (0..256).contains(x))
        .ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
    b.insert(i, v as u8);
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_clear(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_ba(vm, a[0], &[]);
    Ok(Value::NONE)
}

fn ba_reverse(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut b = buf(a[0]).unwrap_or_default();
    b.reverse();
    set_ba(vm, a[0], &b);
    Ok(Value::NONE)
}

fn ba_iadd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut b = buf(a[0]).unwrap_or_default();
    b.extend(o);
    set_ba(vm, a[0], &b);
    Ok(a[0])
}

fn b_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let r = crate::text::bytes_repr(&b, "b");
    if is_ba(a[0]) {
        return Ok(vm.new_str(&format!("bytearray({r})")));
    }
    Ok(vm.new_str(&r))
}

fn b_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let enc = args
        .get(1, "encoding")
        .map(|v| str_of(v).into_owned())
        .unwrap_or_else(|| "utf-8".into());
    let er = args
        .get(2, "errors")
        .map(|v| str_of(v).into_owned())
        .unwrap_or_else(|| "strict".into());
    let b = buf(a[0]).unwrap_or_default();
    decode(vm, &b, &enc, &er)
}

fn b_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut b = buf(a[0]).unwrap_or_default();
    b.extend(o);
    Ok(wrap(vm, a[0], &b))
}

fn b_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(n) = vm.as_i64(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let b = buf(a[0]).unwrap_or_default();
    let r = b.repeat(n.max(0) as usize);
    Ok(wrap(vm, a[0], &r))
}

fn b_cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let Some(o) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let b = buf(a[0]).unwrap_or_default();
    let _ = vm;
    Ok(Value::bool(engine::runtime::ops::cmp_op(b.cmp(&o), op)))
}
fn b_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 0)
}
fn b_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 1)
}
fn b_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 2)
}
fn b_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 3)
}
fn b_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 4)
}
fn b_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    b_cmp(vm, a, 5)
}

fn b_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let h = engine::runtime::ops::str_hash(Obj::from_value(a[0]).expect("b"));
    Ok(vm.new_int(h))
}

fn b_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let bv = vm.new_bytes(&b);
    let c = vm.g.types.bytes_iter;
    Ok(vm.new_seq_iter(c, bv, 0))
}

fn b_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    if let Some(i) = vm.as_i64(a[1]) {
        return Ok(Value::bool(b.contains(&(i as u8))));
    }
    let n = buf(a[1]).ok_or_else(|| vm.type_error("a bytes-like object is required"))?;
    Ok(Value::bool(
        n.is_empty() || b.windows(n.len()).any(|w| w == n.as_slice()),
    ))
}

fn b_hex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let sep = a.get(1).map(|v| str_of(*v).into_owned());
    let parts: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let s = match sep {
        Some(s) => parts.join(&s),
        None => parts.concat(),
    };
    Ok(vm.new_str(&s))
}

fn b_fromhex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = str_of(a[1]).into_owned();
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for pair in digits.chunks(2) {
        let st: String = pair.iter().collect();
        match u8::from_str_radix(&st, 16) {
            Ok(v) if pair.len() == 2 => out.push(v),
            _ => return Err(vm.value_error("non-hexadecimal number found in fromhex() arg")),
        }
    }
    if a[0] == vm.g.types.bytearray {
        return Ok(wrap(vm, Value::NONE, &out)).map(|_| {
            let o = vm.alloc_obj(K_BYTEARRAY, vm.g.types.bytearray, 1, 0);
            let nb = vm.new_bytes(&out);
            o.init(0, nb);
            o.value()
        });
    }
    Ok(vm.new_bytes(&out))
}

fn b_join(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let sep = buf(a[0]).unwrap_or_default();
    let items = vm.collect(a[1])?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        let b = buf(*x).ok_or_else(|| {
            let tn = vm.type_name_of(*x);
            vm.type_error(&format!(
                "sequence item {i}: expected a bytes-like object, {tn} found"
            ))
        })?;
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(b);
    }
    Ok(wrap(vm, a[0], &out))
}

fn via_str(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    // Apply the str method of the same name to the latin-1 view of the bytes.
    let b = buf(a[0]).unwrap_or_default();
    let s: String = b.iter().map(|&c| c as char).collect();
    let sv = vm.new_str(&s);
    let mut args = Vec::new();
    for &x in &a[1..] {
        if let Some(xb) = buf(x) {
            let xs: String = xb.iter().map(|&c| c as char).collect();
            args.push(vm.new_str(&xs));
        } else {
            args.push(x);
        }
    }
    let r = vm.call_method(sv, name, &args)?;
    let back = |vm: &mut Vm, v: Value| -> Value {
        if is_str(v) {
            let bb: Vec<u8> = str_of(v).chars().map(|c| c as u32 as u8).collect();
            wrap(vm, a[0], &bb)
        } else {
            v
        }
    };
    if let Some(o) = Obj::from_value(r) {
        if o.kind() == Kind::LIST || o.kind() == Kind::TUPLE {
            let items: Vec<Value> = vm.seq_items(r).into_iter().map(|x| back(vm, x)).collect();
            return Ok(if o.kind() == Kind::LIST {
                vm.new_list(&items)
            } else {
                vm.new_tuple(&items)
            });
        }
    }
    Ok(back(vm, r))
}

macro_rules! via {
    ($($fname:ident => $name:literal),*) => {
        $(fn $fname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> { via_str(vm, a, $name) })*
    };
}
via!(b_upper => "upper", b_lower => "lower", b_strip => "strip", b_lstrip => "lstrip", b_rstrip => "rstrip",
     b_split => "split", b_rsplit => "rsplit", b_startswith => "startswith", b_endswith => "endswith",
     b_find => "find", b_rfind => "rfind", b_index => "index", b_count => "count", b_replace => "replace",
     b_isdigit => "isdigit", b_isalpha => "isalpha", b_isspace => "isspace", b_title => "title",
     b_capitalize => "capitalize", b_partition => "partition", b_rpartition => "rpartition",
     b_splitlines => "splitlines", b_center => "center", b_ljust => "ljust", b_rjust => "rjust",
     b_zfill => "zfill", b_isupper => "isupper", b_islower => "islower", b_isalnum => "isalnum",
     b_swapcase => "swapcase", b_removeprefix => "removeprefix", b_removesuffix => "removesuffix");

fn b_mod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let s: String = b.iter().map(|&c| c as char).collect();
    let sv = vm.new_str(&s);
    let conv = |vm: &mut Vm, x: Value| -> Value {
        match buf(x) {
            Some(xb) => {
                let xs: String = xb.iter().map(|&c| c as char).collect();
                vm.new_str(&xs)
            }
            None => x,
        }
    };
    let args = if Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::TUPLE) {
        let items: Vec<Value> = vm
            .seq_items(a[1])
            .into_iter()
            .map(|x| conv(vm, x))
            .collect();
        vm.new_tuple(&items)
    } else {
        conv(vm, a[1])
    };
    let r = super::str::percent(vm, sv, args)?;
    let bb: Vec<u8> = str_of(r).chars().map(|c| c as u32 as u8).collect();
    Ok(wrap(vm, a[0], &bb))
}

fn ba_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    Ok(wrap(vm, a[0], &b))
}

/// Registers bytes and bytearray.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let common: &[(&'static str, NativeFn)] = &[
        ("__len__", b_len),
        ("__getitem__", b_getitem),
        ("__repr__", b_repr),
        ("__str__", b_repr),
        ("decode", b_decode),
        ("__add__", b_add),
        ("__mul__", b_mul),
        ("__rmul__", b_mul),
        ("__mod__", b_mod),
        ("__lt__", b_lt),
        ("__le__", b_le),
        ("__eq__", b_eq),
        ("__ne__", b_ne),
        ("__gt__", b_gt),
        ("__ge__", b_ge),
        ("__iter__", b_iter),
        ("__contains__", b_contains),
        ("hex", b_hex),
        ("join", b_join),
        ("upper", b_upper),
        ("lower", b_lower),
        ("strip", b_strip),
        ("lstrip", b_lstrip),
        ("rstrip", b_rstrip),
        ("split", b_split),
        ("rsplit", b_rsplit),
        ("startswith", b_startswith),
        ("endswith", b_endswith),
        ("find", b_find),
        ("rfind", b_rfind),
        ("index", b_index),
        ("count", b_count),
        ("replace", b_replace),
        ("isdigit", b_isdigit),
        ("isalpha", b_isalpha),
        ("isspace", b_isspace),
        ("isupper", b_isupper),
        ("islower", b_islower),
        ("isalnum", b_isalnum),
        ("title", b_title),
        ("capitalize", b_capitalize),
        ("swapcase", b_swapcase),
        ("partition", b_partition),
        ("rpartition", b_rpartition),
        ("splitlines", b_splitlines),
        ("center", b_center),
        ("ljust", b_ljust),
        ("rjust", b_rjust),
        ("zfill", b_zfill),
        ("removeprefix", b_removeprefix),
        ("removesuffix", b_removesuffix),
    ];
    let t = vm.g.types.bytes;
    vm.add_static(t, "__new__", bytes_new, false);
    vm.add_static(t, "fromhex", b_fromhex, true);
    for &(n, f) in common {
        vm.add_method(t, n, f);
    }
    vm.add_method(t, "__hash__", b_hash);
    let t = vm.g.types.bytearray;
    vm.add_static(t, "__new__", ba_new, false);
    vm.add_static(t, "fromhex", b_fromhex, true);
    for &(n, f) in common {
        vm.add_method(t, n, f);
    }
    let m: &[(&'static str, NativeFn)] = &[
        ("__init__", ba_init),
        ("__setitem__", ba_setitem),
        ("__delitem__", ba_delitem),
        ("append", ba_append),
        ("extend", ba_extend),
        ("pop", ba_pop),
        ("insert", ba_insert),
        ("clear", ba_clear),
        ("reverse", ba_reverse),
        ("copy", ba_copy),
        ("__iadd__", ba_iadd),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    Ok(())
}
