//! The `_codecs` module: the codec registry (`register`, `lookup`, with
//! CPython's `encodings` package as its search function), the error-handler
//! registry with the standard handlers, `encode`/`decode`, and the utf-8,
//! ascii and latin-1 codec functions the `encodings` modules call, and the
//! `unicode_escape`, `raw_unicode_escape` and bytes `escape` codecs, and UTF-7.

use crate::text::{decode_wtf8, encode_wtf8};
use crate::types::bytes;
use engine::runtime::*;
use proto_core::sync::Mutex;
use proto_core::{Obj, Value};

/// Search functions, the lookup cache and the error handlers: values kept
/// in the module object's dict under private names would be visible, so
/// they live in three shared Python containers rooted as global roots
/// (their operations lock, so any thread may use them).
struct Registry {
    search: Value,
    cache: Value,
    errors: Value,
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);

fn registry(vm: &mut Vm) -> (Value, Value, Value) {
    if let Some(r) = &*proto_core::sync::lock(&REGISTRY) {
        return (r.search, r.cache, r.errors);
    }
    let search = vm.new_list(&[]);
    let cache = vm.new_dict();
    let errors = vm.new_dict();
    for v in [search, cache, errors] {
        vm.ctx.promote(v);
        vm.ctx.add_global_root(v);
    }
    let mut g = proto_core::sync::lock(&REGISTRY);
    let r = g.get_or_insert(Registry {
        search,
        cache,
        errors,
    });
    (r.search, r.cache, r.errors)
}

fn str_arg(vm: &mut Vm, v: Value, fname: &str, pos: usize) -> PyResult<String> {
    if is_str(v) {
        return Ok(str_of(v).into_owned());
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("{fname}() argument {pos} must be str, not {tn}")))
}

/// `register(search_function)`.
fn register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "register", a, k, 1, 1)?;
    if !vm.is_callable(a[0]) {
        return Err(vm.type_error("argument must be callable"));
    }
    init_registry(vm)?;
    let (search, _, _) = registry(vm);
    vm.list_append(search, a[0]);
    Ok(Value::NONE)
}

/// Whether `encodings` was imported for the registry.
static REGISTRY_READY: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

/// Imports `encodings`, which registers CPython's search function, before
/// the first registration or lookup (CPython's `_PyCodecRegistry_Init`), so
/// that functions registered by the program come after it. The flag is set
/// first: that import registers through [`register`].
fn init_registry(vm: &mut Vm) -> PyResult<()> {
    use proto_core::sync::Ordering;
    if REGISTRY_READY.swap(true, Ordering::AcqRel) {
        return Ok(());
    }
    let r = vm.import_module("encodings");
    if r.is_err() {
        REGISTRY_READY.store(false, Ordering::Release);
    }
    r.map(|_| ())
}

/// `unregister(search_function)`.
fn unregister(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "unregister", a, k, 1, 1)?;
    let (search, cache, _) = registry(vm);
    let items = vm.seq_items(search);
    if let Some(i) = items.iter().position(|&f| f == a[0]) {
        vm.call_method(search, "pop", &[Value::int(i as i64)])?;
        vm.call_method(cache, "clear", &[])?;
    }
    Ok(Value::NONE)
}

/// The name the cache and the search functions get.
fn normalize(name: &str) -> String {
    // CPython's `_Py_normalize_encoding` over the UTF-8 bytes: ASCII
    // letters and digits and '.' kept (lowercased), every run of other
    // bytes one '_' between them, none at either end.
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for &c in name.as_bytes() {
        if c.is_ascii_alphanumeric() || c == b'.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(char::from(c.to_ascii_lowercase()));
        } else {
            punct = true;
        }
    }
    out
}

/// `lookup(encoding)`: the cached CodecInfo, or the first search
/// function's non-None answer (importing `encodings` first, which
/// registers CPython's search function).
pub fn lookup_codec(vm: &mut Vm, encoding: &str) -> PyResult<Value> {
    let (search, cache, _) = registry(vm);
    let key = vm.new_str(&normalize(encoding));
    let mark = vm.push_root(key);
    let r = (|| {
        if let Some(v) = vm.dict_get_str(cache, key) {
            return Ok(v);
        }
        init_registry(vm)?;
        if vm.seq_items(search).is_empty() {
            // Another thread's first import may still be running: this
            // one waits for it on the import lock.
            vm.import_module("encodings")?;
        }
        for f in vm.seq_items(search) {
            let r = vm.call(f, &[key], Value::EMPTY)?;
            if r.is_none() {
                continue;
            }
            let is_4 = Obj::from_value(r).is_some_and(|o| o.kind() == Kind::TUPLE)
                && vm.seq_items(r).len() == 4;
            if !is_4 {
                return Err(vm.type_error("codec search functions must return 4-tuples"));
            }
            vm.setitem(cache, key, r)?;
            return Ok(r);
        }
        Err(vm.new_exc(vm.g.e.LookupError, &format!("unknown encoding: {encoding}")))
    })();
    vm.pop_roots(mark);
    r
}

fn lookup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "lookup", a, k, 1, 1)?;
    let e = str_arg(vm, a[0], "lookup", 1)?;
    lookup_codec(vm, &e)
}

/// `_forget_codec(encoding)`: drops the cached entry.
fn forget_codec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_forget_codec", a, k, 1, 1)?;
    let e = str_arg(vm, a[0], "_forget_codec", 1)?;
    let (_, cache, _) = registry(vm);
    let key = vm.new_str(&normalize(&e));
    vm.dict_del(cache, key)?;
    Ok(Value::NONE)
}

/// An exception a codec raised, rewrapped as CPython's
/// `_PyErr_TrySetFromCause` does: when it holds nothing but its message
/// (BaseException's `__new__` and `__init__`, no `__slots__`, no
/// attributes, no args or one exact str), a new exception of its type says
/// "{op} with '{enc}' codec failed (Type: message)", with the original as
/// cause and context; any other is passed on as it is.
pub(crate) fn wrap_codec_error(vm: &mut Vm, exc: PyException, op: &str, enc: &str) -> PyException {
    let Some(o) = Obj::from_value(exc.0).filter(|o| o.kind() == K_EXC) else {
        return exc;
    };
    // Rooted for the checks below, which may call Python code.
    let mark = vm.push_root(exc.0);
    let cls = vm.type_of(exc.0);
    let be = vm.g.e.BaseException;
    let plain = [vm.g.names.__init__, vm.g.names.__new__]
        .into_iter()
        .all(|n| {
            let own = vm.lookup_type(cls, n);
            own.is_some() && own == vm.lookup_type(be, n)
        });
    let args = vm.seq_items(o.get(EXC_ARGS));
    let simple_args = args.is_empty() || (args.len() == 1 && is_exact_str(vm, args[0]));
    let no_attrs = match vm.instance_dict(o) {
        None => true,
        Some(d) => vm.len(d).is_ok_and(|n| n == 0),
    };
    let msg = if plain && simple_args && no_attrs && !has_slot_state(vm, cls) {
        vm.str_string(exc.0).ok()
    } else {
        None
    };
    let r = match msg {
        Some(msg) => {
            let tn = type_name(cls);
            vm.new_exc_from_cause(
                cls,
                &format!("{op} with '{enc}' codec failed ({tn}: {msg})"),
                exc,
            )
        }
        None => exc,
    };
    vm.pop_roots(mark);
    r
}

fn is_exact_str(vm: &Vm, v: Value) -> bool {
    is_str(v) && vm.type_of(v) == vm.g.types.str_
}

/// Whether a class on `cls`'s MRO names `__slots__` other than
/// `__weakref__` and `__dict__` (state CPython's instance size would show).
fn has_slot_state(vm: &mut Vm, cls: Value) -> bool {
    let Some(t) = Obj::from_value(cls) else {
        return false;
    };
    let mro = vm.seq_items(type_mro(t).value());
    let dict_name = vm.intern("__dict__");
    let slots_name = vm.intern("__slots__");
    for c in mro {
        if !is_heap_type(c) {
            continue;
        }
        let slots = vm
            .getattr(c, dict_name)
            .and_then(|d| vm.call_method(d, "get", &[slots_name]));
        let Ok(slots) = slots else {
            return true;
        };
        if slots.is_none() {
            continue;
        }
        let names = if is_str(slots) {
            vec![slots]
        } else {
            match vm.collect(slots) {
                Ok(v) => v,
                Err(_) => return true,
            }
        };
        if names
            .iter()
            .any(|&n| !is_str(n) || !matches!(&*str_of(n), "__weakref__" | "__dict__"))
        {
            return true;
        }
    }
    false
}

/// `encode(obj, encoding='utf-8', errors='strict')` / `decode(...)`
/// through the registry: `CodecInfo[0 or 1](obj, errors)[0]`.
fn code(vm: &mut Vm, a: &[Value], k: Value, which: usize, fname: &str) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let obj = args.get(0, "obj").ok_or_else(|| {
        vm.type_error(&format!(
            "{fname}() missing required argument 'obj' (pos 1)"
        ))
    })?;
    let enc = match args.get(1, "encoding") {
        Some(v) => str_arg(vm, v, fname, 2)?,
        None => "utf-8".into(),
    };
    let errors = match args.get(2, "errors") {
        Some(v) => v,
        None => vm.new_str("strict"),
    };
    let mark = vm.push_root(errors);
    let r = (|| {
        let info = lookup_codec(vm, &enc)?;
        vm.push_root(info);
        let f = vm.seq_items(info)[which];
        let op = if which == 0 { "encoding" } else { "decoding" };
        let r = vm
            .call(f, &[obj, errors], Value::EMPTY)
            .map_err(|e| wrap_codec_error(vm, e, op, &enc))?;
        let ok = Obj::from_value(r).is_some_and(|o| o.kind() == Kind::TUPLE)
            && vm.seq_items(r).len() == 2;
        if !ok {
            let what = if which == 0 { "encoder" } else { "decoder" };
            return Err(vm.type_error(&format!("{what} must return a tuple (object, integer)")));
        }
        Ok(vm.seq_items(r)[0])
    })();
    vm.pop_roots(mark);
    r
}

fn encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    code(vm, a, k, 0, "encode")
}

fn decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    code(vm, a, k, 1, "decode")
}

/// `errors` argument of the codec functions: None means strict.
fn errors_arg(vm: &mut Vm, v: Option<Value>, fname: &str, pos: usize) -> PyResult<String> {
    match v {
        None => Ok("strict".into()),
        Some(v) if v.is_none() => Ok("strict".into()),
        Some(v) => str_arg(vm, v, fname, pos),
    }
}

/// `X_encode(str, errors=None)` -> `(bytes, len(str))`.
fn encode_with(vm: &mut Vm, a: &[Value], k: Value, enc: &str, fname: &str) -> PyResult<Value> {
    crate::args::check(vm, fname, a, k, 1, 2)?;
    let s = a[0];
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!("{fname}() argument 1 must be str, not {tn}")));
    }
    let errors = errors_arg(vm, a.get(1).copied(), fname, 2)?;
    let b = bytes::encode(vm, s, enc, &errors)?;
    let mark = vm.push_root(b);
    let n = decode_wtf8(str_bytes(s)).len();
    let t = vm.new_tuple(&[b, Value::int(n as i64)]);
    vm.pop_roots(mark);
    Ok(t)
}

/// How many bytes at the end of `b` start a UTF-8 sequence that more
/// bytes could complete (a stream decoder keeps them for the next call).
fn utf8_incomplete_tail(b: &[u8]) -> usize {
    for back in 1..=3.min(b.len()) {
        let c = b[b.len() - back];
        if c & 0xC0 == 0x80 {
            continue;
        }
        let need = match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        // Only a valid prefix waits for more bytes: the second byte's range
        // depends on the lead (no overlong forms or > U+10FFFF; a surrogate's
        // prefix waits, as in CPython, for surrogatepass).
        let second_ok = back < 2 || {
            let d = b[b.len() - back + 1];
            match c {
                0xE0 => (0xA0..=0xBF).contains(&d),
                0xF0 => (0x90..=0xBF).contains(&d),
                0xF4 => (0x80..=0x8F).contains(&d),
                _ => true,
            }
        };
        return if back < need && second_ok { back } else { 0 };
    }
    0
}

/// How many bytes at the end of UTF-16 data a stream decoder keeps: an
/// odd byte, and a high surrogate whose low half may follow.
fn utf16_incomplete_tail(b: &[u8], big: bool) -> usize {
    let odd = b.len() % 2;
    let whole = b.len() - odd;
    if whole >= 2 {
        let (x, y) = (b[whole - 2], b[whole - 1]);
        let unit = if big { x } else { y };
        if (0xD8..=0xDB).contains(&unit) {
            return odd + 2;
        }
    }
    odd
}

/// The decoders' arguments are positional-only, as CPython's: no keywords,
/// then 1 to `max` arguments, with CPython's messages.
fn positional_only(vm: &mut Vm, a: &[Value], k: Value, fname: &str, max: usize) -> PyResult<()> {
    if crate::args::count_ok(a.len(), k, 1, max) {
        return Ok(());
    }
    let qual = format!("_codecs.{fname}");
    crate::types::clinic::positional(vm, &qual, fname, a, k, 1, max)
}

/// `X_decode(data, errors=None, final=False)` -> `(str, consumed)`.
fn decode_with(vm: &mut Vm, a: &[Value], k: Value, enc: &str, fname: &str) -> PyResult<Value> {
    positional_only(vm, a, k, fname, 3)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error(&format!(
            "{fname}() missing required argument 'data' (pos 1)"
        )));
    };
    let Some(b) = bytes::buf(data) else {
        let tn = vm.type_name_of(data);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    let errors = errors_arg(vm, args.get(1, "errors"), fname, 2)?;
    let fin = match args.get(2, "final") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let (s, used) = decode_prefix(vm, &b, enc, &errors, fin)?;
    let mark = vm.push_root(s);
    let t = vm.new_tuple(&[s, Value::int(used as i64)]);
    vm.pop_roots(mark);
    Ok(t)
}

/// Decodes `b` with the built-in codec `enc`: (str, bytes used); unless
/// `fin`, an incomplete sequence at the end is left unused.
fn decode_prefix(
    vm: &mut Vm,
    b: &[u8],
    enc: &str,
    errors: &str,
    fin: bool,
) -> PyResult<(Value, usize)> {
    let keep = match enc {
        _ if fin => 0,
        "utf-8" => utf8_incomplete_tail(b),
        "utf-16" => utf16_incomplete_tail(b, b.starts_with(&[0xFE, 0xFF])),
        "utf-16-le" | "utf-16-be" => utf16_incomplete_tail(b, enc == "utf-16-be"),
        "utf-32" | "utf-32-le" | "utf-32-be" => b.len() % 4,
        _ => 0,
    };
    let used = b.len() - keep;
    let s = bytes::decode(vm, &b[..used], enc, errors)?;
    Ok((s, used))
}

/// `utf_16_ex_decode(data, errors=None, byteorder=0, final=False)` and the
/// UTF-32 twin -> `(str, consumed, byteorder)`: byteorder 0 reads a BOM if
/// there is one (and reports the order it gives, else 0 and little-endian).
fn wide_ex_decode(vm: &mut Vm, a: &[Value], k: Value, bits: u32) -> PyResult<Value> {
    let fname = if bits == 16 {
        "utf_16_ex_decode"
    } else {
        "utf_32_ex_decode"
    };
    positional_only(vm, a, k, fname, 4)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error(&format!(
            "{fname}() missing required argument 'data' (pos 1)"
        )));
    };
    let b = buffer_arg(vm, data)?;
    let errors = errors_arg(vm, args.get(1, "errors"), fname, 2)?;
    let mut bo = match args.get(2, "byteorder") {
        Some(v) => crate::args::c_int(vm, v)? as i64,
        None => 0,
    };
    let fin = match args.get(3, "final") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    args.no_more_kw(vm, fname)?;
    let (le_bom, be_bom): (&[u8], &[u8]) = if bits == 16 {
        (&[0xFF, 0xFE], &[0xFE, 0xFF])
    } else {
        (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF])
    };
    let mut skip = 0;
    if bo == 0 && b.starts_with(le_bom) {
        (bo, skip) = (-1, le_bom.len());
    } else if bo == 0 && b.starts_with(be_bom) {
        (bo, skip) = (1, be_bom.len());
    }
    let enc = match (bits, bo > 0) {
        (16, false) => "utf-16-le",
        (16, true) => "utf-16-be",
        (_, false) => "utf-32-le",
        (_, true) => "utf-32-be",
    };
    let (s, used) = decode_prefix(vm, &b[skip..], enc, &errors, fin)?;
    let mark = vm.push_root(s);
    let t = vm.new_tuple(&[s, Value::int((skip + used) as i64), Value::int(bo)]);
    vm.pop_roots(mark);
    Ok(t)
}

fn utf_16_ex_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    wide_ex_decode(vm, a, k, 16)
}

fn utf_32_ex_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    wide_ex_decode(vm, a, k, 32)
}

/// `readbuffer_encode(data, errors=None)` -> `(bytes(data), len)`; a str is
/// taken as its UTF-8 bytes.
fn readbuffer_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "readbuffer_encode", a, k, 1, 2)?;
    let b = data_arg(vm, a[0])?;
    errors_arg(vm, a.get(1).copied(), "readbuffer_encode", 2)?;
    Ok(bytes_and_len(vm, &b, b.len()))
}

macro_rules! codec_fns {
    ($($enc:ident, $dec:ident, $name:literal, $ename:literal, $dname:literal;)*) => {
        $(
            fn $enc(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                encode_with(vm, a, k, $name, $ename)
            }
            fn $dec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                decode_with(vm, a, k, $name, $dname)
            }
        )*
    };
}

codec_fns! {
    utf_8_encode, utf_8_decode, "utf-8", "utf_8_encode", "utf_8_decode";
    ascii_encode, ascii_decode, "ascii", "ascii_encode", "ascii_decode";
    latin_1_encode, latin_1_decode, "latin-1", "latin_1_encode", "latin_1_decode";
    utf_16_bom_encode, utf_16_decode, "utf-16", "utf_16_encode", "utf_16_decode";
    utf_32_bom_encode, utf_32_decode, "utf-32", "utf_32_encode", "utf_32_decode";
    utf_16_le_encode, utf_16_le_decode, "utf-16-le", "utf_16_le_encode", "utf_16_le_decode";
    utf_16_be_encode, utf_16_be_decode, "utf-16-be", "utf_16_be_encode", "utf_16_be_decode";
    utf_32_le_encode, utf_32_le_decode, "utf-32-le", "utf_32_le_encode", "utf_32_le_decode";
    utf_32_be_encode, utf_32_be_decode, "utf-32-be", "utf_32_be_encode", "utf_32_be_decode";
}

/// `utf_16_encode(str, errors=None, byteorder=0)` and the UTF-32 twin:
/// byteorder 0 writes a BOM and little-endian (the native order here),
/// -1 little-endian and 1 big-endian without a BOM.
fn wide_encode(vm: &mut Vm, a: &[Value], k: Value, bits: u32) -> PyResult<Value> {
    let fname = if bits == 16 {
        "utf_16_encode"
    } else {
        "utf_32_encode"
    };
    crate::args::check(vm, fname, a, k, 1, 3)?;
    let order = match a.get(2) {
        Some(v) => match v.as_int() {
            Some(n) => n,
            None => {
                let tn = vm.type_name_of(*v);
                return Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
        },
        None => 0,
    };
    let (bom, le, be) = if bits == 16 {
        (
            utf_16_bom_encode as NativeFn,
            utf_16_le_encode as NativeFn,
            utf_16_be_encode as NativeFn,
        )
    } else {
        (
            utf_32_bom_encode as NativeFn,
            utf_32_le_encode as NativeFn,
            utf_32_be_encode as NativeFn,
        )
    };
    let f = match order {
        0 => bom,
        n if n < 0 => le,
        _ => be,
    };
    f(vm, &a[..a.len().min(2)], Value::EMPTY)
}

fn utf_16_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    wide_encode(vm, a, k, 16)
}

fn utf_32_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    wide_encode(vm, a, k, 32)
}

/// The failing range of a UnicodeError: (kind, object, start, end) where
/// kind is 'e'ncode, 'd'ecode or 't'ranslate.
fn error_range(vm: &mut Vm, exc: Value) -> PyResult<(char, Value, usize, usize)> {
    let kind = [
        "UnicodeEncodeError",
        "UnicodeDecodeError",
        "UnicodeTranslateError",
    ]
    .iter()
    .zip(['e', 'd', 't'])
    .find(|(n, _)| vm.isinstance(exc, vm.g.exc[**n]))
    .map(|(_, c)| c);
    let Some(kind) = kind else {
        let tn = vm.type_name_of(exc);
        return Err(vm.type_error(&format!("don't know how to handle {tn} in error callback")));
    };
    // The attribute, or the constructor argument it comes from (encode and
    // decode errors: (encoding, object, start, end, reason); translate
    // errors: (object, start, end, reason)).
    let args = Obj::from_value(exc)
        .map(|o| vm.seq_items(o.get(EXC_ARGS)))
        .unwrap_or_default();
    let shift = usize::from(kind != 't');
    let get = |vm: &mut Vm, n: &str, i: usize| -> PyResult<Value> {
        let key = vm.intern(n);
        match vm.getattr_opt(exc, key)? {
            Some(v) if !v.is_none() => Ok(v),
            _ => args
                .get(i + shift)
                .copied()
                .ok_or_else(|| vm.type_error(&format!("exception attribute {n} not set"))),
        }
    };
    let obj = get(vm, "object", 0)?;
    let start = get(vm, "start", 1)?.as_int().unwrap_or(0).max(0) as usize;
    let end = get(vm, "end", 2)?.as_int().unwrap_or(0).max(0) as usize;
    Ok((kind, obj, start, end.max(start)))
}

/// The (replacement, resume position) tuple a handler returns.
fn answer(vm: &mut Vm, rep: Value, end: usize) -> Value {
    let mark = vm.push_root(rep);
    let t = vm.new_tuple(&[rep, Value::int(end as i64)]);
    vm.pop_roots(mark);
    t
}

fn chars_of(obj: Value, start: usize, end: usize) -> Vec<u32> {
    let cps = decode_wtf8(str_bytes(obj));
    cps[start.min(cps.len())..end.min(cps.len())].to_vec()
}

fn strict_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "strict_errors", a, k, 1, 1)?;
    if vm.isinstance(a[0], vm.g.e.BaseException) {
        return Err(PyException(a[0]));
    }
    Err(vm.type_error("codec must pass exception instance"))
}

fn ignore_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "ignore_errors", a, k, 1, 1)?;
    let (_, _, _, end) = error_range(vm, a[0])?;
    let e = vm.new_str("");
    Ok(answer(vm, e, end))
}

fn replace_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "replace_errors", a, k, 1, 1)?;
    let (kind, _, start, end) = error_range(vm, a[0])?;
    let rep = match kind {
        'e' => "?".repeat(end - start),
        'd' => "\u{fffd}".to_string(),
        _ => "\u{fffd}".repeat(end - start),
    };
    let s = vm.new_str(&rep);
    Ok(answer(vm, s, end))
}

fn escape_char(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

fn backslashreplace_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "backslashreplace_errors", a, k, 1, 1)?;
    let (kind, obj, start, end) = error_range(vm, a[0])?;
    let rep: String = if kind == 'd' {
        let b = bytes::buf(obj).unwrap_or_default();
        b[start.min(b.len())..end.min(b.len())]
            .iter()
            .map(|x| format!("\\x{x:02x}"))
            .collect()
    } else {
        chars_of(obj, start, end)
            .into_iter()
            .map(escape_char)
            .collect()
    };
    let s = vm.new_str(&rep);
    Ok(answer(vm, s, end))
}

fn encode_only(vm: &mut Vm, exc: Value) -> PyResult<(Value, usize, usize)> {
    let (kind, obj, start, end) = error_range(vm, exc)?;
    if kind != 'e' {
        let tn = vm.type_name_of(exc);
        return Err(vm.type_error(&format!("don't know how to handle {tn} in error callback")));
    }
    Ok((obj, start, end))
}

fn xmlcharrefreplace_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "xmlcharrefreplace_errors", a, k, 1, 1)?;
    let (obj, start, end) = encode_only(vm, a[0])?;
    let rep: String = chars_of(obj, start, end)
        .into_iter()
        .map(|c| format!("&#{c};"))
        .collect();
    let s = vm.new_str(&rep);
    Ok(answer(vm, s, end))
}

fn namereplace_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "namereplace_errors", a, k, 1, 1)?;
    let (obj, start, end) = encode_only(vm, a[0])?;
    let rep: String = chars_of(obj, start, end)
        .into_iter()
        .map(|c| match crate::text::unicode::char_name(c) {
            Some(n) => format!("\\N{{{n}}}"),
            None => escape_char(c),
        })
        .collect();
    let s = vm.new_str(&rep);
    Ok(answer(vm, s, end))
}

/// `surrogateescape`: undecodable bytes 0x80-0xFF become U+DC80-U+DCFF
/// and back; anything else is re-raised.
fn surrogateescape_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "surrogateescape", a, k, 1, 1)?;
    let (kind, obj, start, end) = error_range(vm, a[0])?;
    match kind {
        'd' => {
            let b = bytes::buf(obj).unwrap_or_default();
            let part = &b[start.min(b.len())..end.min(b.len())];
            if part.iter().any(|&x| x < 0x80) {
                return Err(PyException(a[0]));
            }
            let cps: Vec<u32> = part.iter().map(|&x| 0xDC00 + u32::from(x)).collect();
            let s = vm.new_str_bytes(&encode_wtf8(&cps));
            Ok(answer(vm, s, end))
        }
        'e' => {
            let cps = chars_of(obj, start, end);
            if cps.iter().any(|&c| !(0xDC80..=0xDCFF).contains(&c)) {
                return Err(PyException(a[0]));
            }
            let out: Vec<u8> = cps.iter().map(|&c| (c - 0xDC00) as u8).collect();
            let b = vm.new_bytes(&out);
            Ok(answer(vm, b, end))
        }
        _ => Err(PyException(a[0])),
    }
}

/// `surrogatepass` for utf-8: surrogates encoded as their 3-byte form and
/// decoded back; anything else is re-raised.
fn surrogatepass_errors(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "surrogatepass", a, k, 1, 1)?;
    let (kind, obj, start, end) = error_range(vm, a[0])?;
    let key = vm.intern("encoding");
    let enc = match vm.getattr_opt(a[0], key)? {
        Some(v) => v,
        None => Obj::from_value(a[0])
            .and_then(|o| vm.seq_items(o.get(EXC_ARGS)).first().copied())
            .unwrap_or(Value::NONE),
    };
    // CPython's `get_standard_encoding`: "utf" in any case, an optional
    // '-' or '_', then "8" (or "CP_UTF8").
    let utf8 = is_str(enc) && {
        let e = str_of(enc);
        let b = e.as_bytes();
        let rest = (b.len() >= 3 && b[..3].eq_ignore_ascii_case(b"utf")).then(|| {
            let r = &b[3..];
            r.strip_prefix(b"-")
                .or_else(|| r.strip_prefix(b"_"))
                .unwrap_or(r)
        });
        rest == Some(b"8".as_slice()) || &*e == "CP_UTF8"
    };
    if !utf8 {
        return Err(PyException(a[0]));
    }
    match kind {
        'e' => {
            let cps = chars_of(obj, start, end);
            if cps.iter().any(|&c| !(0xD800..=0xDFFF).contains(&c)) {
                return Err(PyException(a[0]));
            }
            let b = vm.new_bytes(&encode_wtf8(&cps));
            Ok(answer(vm, b, end))
        }
        'd' => {
            let b = bytes::buf(obj).unwrap_or_default();
            let tail = &b[start.min(b.len())..];
            if tail.len() >= 3
                && tail[0] == 0xED
                && (0xA0..=0xBF).contains(&tail[1])
                && tail[2] & 0xC0 == 0x80
            {
                let c = (u32::from(tail[0] & 0x0F) << 12)
                    | (u32::from(tail[1] & 0x3F) << 6)
                    | u32::from(tail[2] & 0x3F);
                let s = vm.new_str_bytes(&encode_wtf8(&[c]));
                return Ok(answer(vm, s, start + 3));
            }
            Err(PyException(a[0]))
        }
        _ => Err(PyException(a[0])),
    }
}

/// `register_error(name, handler)`.
fn register_error(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "register_error", a, k, 2, 2)?;
    str_arg(vm, a[0], "register_error", 1)?;
    if !vm.is_callable(a[1]) {
        return Err(vm.type_error("handler must be callable"));
    }
    let (_, _, errors) = registry(vm);
    vm.setitem(errors, a[0], a[1])?;
    Ok(Value::NONE)
}

/// `lookup_error(name)`.
pub(crate) fn lookup_error(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "lookup_error", a, k, 1, 1)?;
    let n = str_arg(vm, a[0], "lookup_error", 1)?;
    let (_, _, errors) = registry(vm);
    match vm.dict_get_str(errors, a[0]) {
        Some(h) => Ok(h),
        None => Err(vm.new_exc(
            vm.g.e.LookupError,
            &format!("unknown error handler name '{n}'"),
        )),
    }
}

/// Creates the `_codecs` module; the standard error handlers are
/// registered under their names (as CPython's codec registry starts).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_codecs");
    let fns: &[(&'static str, NativeFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("lookup", lookup),
        ("_forget_codec", forget_codec),
        ("encode", encode),
        ("decode", decode),
        ("register_error", register_error),
        ("lookup_error", lookup_error),
        ("utf_7_encode", utf_7_encode),
        ("utf_7_decode", utf_7_decode),
        ("utf_8_encode", utf_8_encode),
        ("utf_8_decode", utf_8_decode),
        ("ascii_encode", ascii_encode),
        ("ascii_decode", ascii_decode),
        ("latin_1_encode", latin_1_encode),
        ("latin_1_decode", latin_1_decode),
        ("utf_16_encode", utf_16_encode),
        ("utf_16_decode", utf_16_decode),
        ("utf_32_encode", utf_32_encode),
        ("utf_32_decode", utf_32_decode),
        ("utf_16_ex_decode", utf_16_ex_decode),
        ("utf_32_ex_decode", utf_32_ex_decode),
        ("readbuffer_encode", readbuffer_encode),
        ("utf_16_le_encode", utf_16_le_encode),
        ("utf_16_le_decode", utf_16_le_decode),
        ("utf_16_be_encode", utf_16_be_encode),
        ("utf_16_be_decode", utf_16_be_decode),
        ("utf_32_le_encode", utf_32_le_encode),
        ("utf_32_le_decode", utf_32_le_decode),
        ("utf_32_be_encode", utf_32_be_encode),
        ("utf_32_be_decode", utf_32_be_decode),
        ("charmap_decode", charmap_decode),
        ("charmap_encode", charmap_encode),
        ("charmap_build", charmap_build),
        ("unicode_escape_encode", unicode_escape_encode),
        ("unicode_escape_decode", unicode_escape_decode),
        ("raw_unicode_escape_encode", raw_unicode_escape_encode),
        ("raw_unicode_escape_decode", raw_unicode_escape_decode),
        ("escape_encode", escape_encode),
        ("escape_decode", escape_decode),
    ];
    vm.add_module_functions(m, fns);
    let (_, _, errors) = registry(vm);
    let handlers: &[(&'static str, &'static str, NativeFn)] = &[
        ("strict", "strict_errors", strict_errors),
        ("ignore", "ignore_errors", ignore_errors),
        ("replace", "replace_errors", replace_errors),
        (
            "backslashreplace",
            "backslashreplace_errors",
            backslashreplace_errors,
        ),
        (
            "xmlcharrefreplace",
            "xmlcharrefreplace_errors",
            xmlcharrefreplace_errors,
        ),
        ("namereplace", "namereplace_errors", namereplace_errors),
        ("surrogateescape", "surrogateescape", surrogateescape_errors),
        ("surrogatepass", "surrogatepass", surrogatepass_errors),
    ];
    for &(name, fname, f) in handlers {
        let key = vm.new_str(name);
        if vm.dict_get_str(errors, key).is_none() {
            let h = vm.new_builtin(fname, f, false);
            vm.ctx.promote(h);
            vm.setitem(errors, key, h)?;
        }
    }
    Ok(m)
}

/// The input of a decoder: a bytes-like object, or a str taken as its
/// UTF-8 bytes (CPython's `s*` argument format).
fn data_arg(vm: &mut Vm, data: Value) -> PyResult<Vec<u8>> {
    if is_str(data) {
        return Ok(str_bytes(data).to_vec());
    }
    buffer_arg(vm, data)
}

/// A decoder's input that must be a bytes-like object (argument clinic's
/// `Py_buffer`): a str is a TypeError.
fn buffer_arg(vm: &mut Vm, data: Value) -> PyResult<Vec<u8>> {
    match bytes::buf(data) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(data);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// Calls the `errors` handler for a decoding failure of `input[start..end]`
/// (CPython's `unicode_decode_call_errorhandler_writer`): the handler gets
/// a UnicodeDecodeError and answers `(replacement str, resume position)`;
/// the replacement is appended to `out` and the resume position returned.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decode_error(
    vm: &mut Vm,
    errors: &str,
    encoding: &'static str,
    input: &[u8],
    start: usize,
    end: usize,
    reason: &'static str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let name = vm.new_str(errors);
    let mark = vm.push_root(name);
    let r = (|| {
        let handler = lookup_error(vm, &[name], Value::EMPTY)?;
        vm.push_root(handler);
        let obj = vm.new_bytes(input);
        vm.push_root(obj);
        let err = crate::text::codecs::CodecError {
            encoding,
            start,
            end,
            reason,
            chars: Vec::new(),
            bytes: input[start..end].to_vec(),
            encode: false,
        };
        let exc = bytes::codec_exc(vm, &err, obj).0;
        vm.push_root(exc);
        let res = vm.call(handler, &[exc], Value::EMPTY)?;
        vm.push_root(res);
        let items = if Obj::from_value(res).is_some_and(|o| o.kind() == Kind::TUPLE) {
            vm.seq_items(res)
        } else {
            Vec::new()
        };
        let (rep, pos) = match items[..] {
            [rep, pos] if is_str(rep) && pos.as_int().is_some() => (rep, pos.as_int().unwrap_or(0)),
            _ => return Err(vm.type_error("decoding error handler must return (str, int) tuple")),
        };
        let n = input.len() as i64;
        let p = if pos < 0 { n + pos } else { pos };
        if !(0..=n).contains(&p) {
            return Err(vm.new_exc(
                vm.g.e.IndexError,
                &format!("position {pos} from error handler out of bounds"),
            ));
        }
        out.extend(decode_wtf8(str_bytes(rep)));
        Ok(p as usize)
    })();
    vm.pop_roots(mark);
    r
}

/// Reads `count` hex digits at `input[*s..end]` into a code point,
/// advancing `*s` past those read. `Err(true)`: the input ended first;
/// `Err(false)`: a character that is not a hex digit.
fn read_hex_escape(input: &[u8], s: &mut usize, end: usize, count: usize) -> Result<u32, bool> {
    let mut ch: u32 = 0;
    for _ in 0..count {
        if *s >= end {
            return Err(true);
        }
        ch = (ch << 4) | hex_val(input[*s]).ok_or(false)?;
        *s += 1;
    }
    Ok(ch)
}

fn hex_val(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// The first escape a decoder kept as written (or an octal escape above
/// 0o377): CPython 3.11 reports it with one DeprecationWarning per call.
fn warn_invalid_escape(vm: &mut Vm, input: &[u8], at: Option<usize>) -> PyResult<()> {
    let Some(i) = at else { return Ok(()) };
    let c = input[i];
    let msg = if (b'4'..=b'7').contains(&c) {
        let end = (i + 3).min(input.len());
        let s: String = input[i..end].iter().map(|&b| b as char).collect();
        format!("invalid octal escape sequence '\\{s}'")
    } else {
        format!("invalid escape sequence '\\{}'", c as char)
    };
    vm.warn(vm.g.e.DeprecationWarning, &msg, 1)
}

/// Arguments `(data, errors=None, final=True)` of the escape decoders.
fn escape_decode_args(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    fname: &str,
) -> PyResult<(Vec<u8>, String, bool)> {
    positional_only(vm, a, k, fname, 3)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error(&format!(
            "{fname}() missing required argument 'data' (pos 1)"
        )));
    };
    let b = data_arg(vm, data)?;
    let errors = errors_arg(vm, args.get(1, "errors"), fname, 2)?;
    let fin = match args.get(2, "final") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    Ok((b, errors, fin))
}

fn str_and_consumed(vm: &mut Vm, out: &[u32], consumed: usize) -> Value {
    let s = vm.new_str_bytes(&encode_wtf8(out));
    let mark = vm.push_root(s);
    let t = vm.new_tuple(&[s, Value::int(consumed as i64)]);
    vm.pop_roots(mark);
    t
}

/// `unicode_escape_decode(data, errors=None, final=True)` -> `(str, consumed)`:
/// Python string-literal escapes; other bytes are Latin-1. Without `final`,
/// an escape cut off by the end of the input is left for the next call.
fn unicode_escape_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (input, errors, fin) = escape_decode_args(vm, a, k, "unicode_escape_decode")?;
    let end = input.len();
    let mut out: Vec<u32> = Vec::with_capacity(end);
    let mut first_invalid = None;
    let mut consumed = end;
    let mut s = 0;
    'chars: while s < end {
        let c = input[s];
        s += 1;
        if c != b'\\' {
            out.push(u32::from(c));
            continue;
        }
        let start = s - 1;
        // (reason, incomplete): an error, or an escape the input cut short.
        let failure: (&'static str, bool) = 'esc: {
            if s >= end {
                break 'esc ("\\ at end of string", true);
            }
            let c = input[s];
            s += 1;
            let simple = match c {
                b'\n' => Some(None),
                b'\\' | b'\'' | b'"' => Some(Some(u32::from(c))),
                b'b' => Some(Some(8)),
                b'f' => Some(Some(12)),
                b't' => Some(Some(9)),
                b'n' => Some(Some(10)),
                b'r' => Some(Some(13)),
                b'v' => Some(Some(11)),
                b'a' => Some(Some(7)),
                _ => None,
            };
            if let Some(ch) = simple {
                out.extend(ch);
                continue 'chars;
            }
            let (count, message) = match c {
                b'0'..=b'7' => {
                    let mut ch = u32::from(c - b'0');
                    for _ in 0..2 {
                        if s < end && (b'0'..=b'7').contains(&input[s]) {
                            ch = (ch << 3) + u32::from(input[s] - b'0');
                            s += 1;
                        } else {
                            break;
                        }
                    }
                    if ch > 0o377 && first_invalid.is_none() {
                        first_invalid = Some(s - 3);
                    }
                    out.push(ch);
                    continue 'chars;
                }
                b'x' => (2, "truncated \\xXX escape"),
                b'u' => (4, "truncated \\uXXXX escape"),
                b'U' => (8, "truncated \\UXXXXXXXX escape"),
                b'N' => {
                    let message = "malformed \\N character escape";
                    if s >= end {
                        break 'esc (message, true);
                    }
                    if input[s] != b'{' {
                        break 'esc (message, false);
                    }
                    s += 1;
                    let name_start = s;
                    while s < end && input[s] != b'}' {
                        s += 1;
                    }
                    if s >= end {
                        break 'esc (message, true);
                    }
                    if s == name_start {
                        break 'esc (message, false);
                    }
                    let name = std::str::from_utf8(&input[name_start..s]).ok();
                    s += 1;
                    match name.and_then(crate::text::unicode::lookup_name) {
                        Some(ch) => {
                            out.push(ch);
                            continue 'chars;
                        }
                        None => break 'esc ("unknown Unicode character name", false),
                    }
                }
                _ => {
                    if first_invalid.is_none() {
                        first_invalid = Some(s - 1);
                    }
                    out.push(u32::from(b'\\'));
                    out.push(u32::from(c));
                    continue 'chars;
                }
            };
            let ch = match read_hex_escape(&input, &mut s, end, count) {
                Ok(ch) => ch,
                Err(incomplete) => break 'esc (message, incomplete),
            };
            if ch > 0x10FFFF {
                break 'esc ("illegal Unicode character", false);
            }
            out.push(ch);
            continue 'chars;
        };
        let (reason, incomplete) = failure;
        if incomplete && !fin {
            consumed = start;
            break;
        }
        s = decode_error(
            vm,
            &errors,
            "unicodeescape",
            &input,
            start,
            s,
            reason,
            &mut out,
        )?;
    }
    warn_invalid_escape(vm, &input, first_invalid)?;
    Ok(str_and_consumed(vm, &out, consumed))
}

/// `raw_unicode_escape_decode(data, errors=None, final=True)`: only
/// `\uXXXX` and `\UXXXXXXXX` are escapes; every other byte is Latin-1.
fn raw_unicode_escape_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (input, errors, fin) = escape_decode_args(vm, a, k, "raw_unicode_escape_decode")?;
    let end = input.len();
    let mut out: Vec<u32> = Vec::with_capacity(end);
    let mut consumed = end;
    let mut s = 0;
    'chars: while s < end {
        let c = input[s];
        s += 1;
        if c != b'\\' {
            out.push(u32::from(c));
            continue;
        }
        let start = s - 1;
        let failure: (&'static str, bool) = 'esc: {
            if s >= end {
                if fin {
                    out.push(u32::from(b'\\'));
                    continue 'chars;
                }
                break 'esc ("\\ at end of string", true);
            }
            let c = input[s];
            s += 1;
            let (count, message) = match c {
                b'u' => (4, "truncated \\uXXXX escape"),
                b'U' => (8, "truncated \\UXXXXXXXX escape"),
                _ => {
                    out.push(u32::from(b'\\'));
                    out.push(u32::from(c));
                    continue 'chars;
                }
            };
            let ch = match read_hex_escape(&input, &mut s, end, count) {
                Ok(ch) => ch,
                Err(incomplete) => break 'esc (message, incomplete),
            };
            if ch > 0x10FFFF {
                break 'esc ("\\Uxxxxxxxx out of range", false);
            }
            out.push(ch);
            continue 'chars;
        };
        let (reason, incomplete) = failure;
        if incomplete && !fin {
            consumed = start;
            break;
        }
        s = decode_error(
            vm,
            &errors,
            "rawunicodeescape",
            &input,
            start,
            s,
            reason,
            &mut out,
        )?;
    }
    Ok(str_and_consumed(vm, &out, consumed))
}

/// The str argument of an encoder and its code points.
fn encode_input(vm: &mut Vm, a: &[Value], k: Value, fname: &str) -> PyResult<Vec<u32>> {
    crate::args::check(vm, fname, a, k, 1, 2)?;
    let s = a[0];
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!("{fname}() argument 1 must be str, not {tn}")));
    }
    errors_arg(vm, a.get(1).copied(), fname, 2)?;
    Ok(decode_wtf8(str_bytes(s)))
}

fn bytes_and_len(vm: &mut Vm, out: &[u8], n: usize) -> Value {
    let b = vm.new_bytes(out);
    let mark = vm.push_root(b);
    let t = vm.new_tuple(&[b, Value::int(n as i64)]);
    vm.pop_roots(mark);
    t
}

/// `unicode_escape_encode(str, errors=None)`: printable ASCII as is,
/// `\\`, `\t`, `\n`, `\r`, other code points below 0x100 as `\xXX`, then
/// `\uXXXX` / `\UXXXXXXXX` (never fails; `errors` is unused).
fn unicode_escape_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cps = encode_input(vm, a, k, "unicode_escape_encode")?;
    let mut out = Vec::with_capacity(cps.len());
    for &c in &cps {
        match c {
            0x5C => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c as u8),
            _ => out.extend_from_slice(escape_char(c).as_bytes()),
        }
    }
    Ok(bytes_and_len(vm, &out, cps.len()))
}

/// `raw_unicode_escape_encode(str, errors=None)`: code points below 0x100
/// as their Latin-1 byte, the rest as `\uXXXX` / `\UXXXXXXXX`.
fn raw_unicode_escape_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cps = encode_input(vm, a, k, "raw_unicode_escape_encode")?;
    let mut out = Vec::with_capacity(cps.len());
    for &c in &cps {
        if c < 0x100 {
            out.push(c as u8);
        } else {
            out.extend_from_slice(escape_char(c).as_bytes());
        }
    }
    Ok(bytes_and_len(vm, &out, cps.len()))
}

/// `escape_encode(bytes, errors=None)`: the body of the bytes' repr with
/// single quotes: `\\`, `\'`, `\t`, `\n`, `\r`, `\xXX` for the rest of
/// the non-printable bytes.
fn escape_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "escape_encode", a, k, 1, 2)?;
    let data = a[0];
    if !Obj::from_value(data).is_some_and(|o| o.kind() == Kind::BYTES) {
        let tn = vm.type_name_of(data);
        return Err(vm.type_error(&format!(
            "escape_encode() argument 1 must be bytes, not {tn}"
        )));
    }
    errors_arg(vm, a.get(1).copied(), "escape_encode", 2)?;
    let input = str_bytes(data).to_vec();
    let mut out = Vec::with_capacity(input.len());
    for &c in &input {
        match c {
            b'\'' | b'\\' => out.extend_from_slice(&[b'\\', c]),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c),
            _ => out.extend_from_slice(format!("\\x{c:02x}").as_bytes()),
        }
    }
    Ok(bytes_and_len(vm, &out, input.len()))
}

/// `escape_decode(data, errors=None)` -> `(bytes, len(data))`: bytes
/// literal escapes. Only 'strict', 'replace' ('?') and 'ignore' apply to
/// a bad `\x` escape, and failures are ValueErrors (as in CPython).
fn escape_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional_only(vm, a, k, "escape_decode", 2)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error("escape_decode() missing required argument 'data' (pos 1)"));
    };
    let input = data_arg(vm, data)?;
    let errors = match args.get(1, "errors") {
        Some(v) if !v.is_none() => Some(str_arg(vm, v, "escape_decode", 2)?),
        _ => None,
    };
    let end = input.len();
    let mut out = Vec::with_capacity(end);
    let mut first_invalid = None;
    let mut s = 0;
    while s < end {
        let c = input[s];
        s += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        if s >= end {
            return Err(vm.new_exc(vm.g.e.ValueError, "Trailing \\ in string"));
        }
        let c = input[s];
        s += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut ch = u32::from(c - b'0');
                for _ in 0..2 {
                    if s < end && (b'0'..=b'7').contains(&input[s]) {
                        ch = (ch << 3) + u32::from(input[s] - b'0');
                        s += 1;
                    } else {
                        break;
                    }
                }
                if ch > 0o377 && first_invalid.is_none() {
                    first_invalid = Some(s - 3);
                }
                out.push(ch as u8);
            }
            b'x' => {
                if s + 1 < end {
                    if let (Some(d1), Some(d2)) = (hex_val(input[s]), hex_val(input[s + 1])) {
                        out.push((d1 * 16 + d2) as u8);
                        s += 2;
                        continue;
                    }
                }
                match errors.as_deref() {
                    None | Some("strict") => {
                        return Err(vm.new_exc(
                            vm.g.e.ValueError,
                            &format!("invalid \\x escape at position {}", s - 2),
                        ))
                    }
                    Some("replace") => out.push(b'?'),
                    Some("ignore") => {}
                    Some(other) => {
                        return Err(vm.new_exc(
                            vm.g.e.ValueError,
                            &format!("decoding error; unknown error handling code: {other}"),
                        ))
                    }
                }
                if s < end && hex_val(input[s]).is_some() {
                    s += 1;
                }
            }
            _ => {
                if first_invalid.is_none() {
                    first_invalid = Some(s - 1);
                }
                out.push(b'\\');
                s -= 1;
            }
        }
    }
    warn_invalid_escape(vm, &input, first_invalid)?;
    Ok(bytes_and_len(vm, &out, end))
}

/// `str.encode` / `bytes.decode` (and the other text conversions) for an
/// encoding without a built-in fast path: the registry's codec, which must
/// be a text encoding, called as `(obj, errors)`; its result must be
/// `(bytes or str, int)` (CPython's `_PyCodec_EncodeText`/`DecodeText`).
fn code_text(vm: &mut Vm, obj: Value, enc: &str, errors: &str, which: usize) -> PyResult<Value> {
    let (verb, what, want) = if which == 0 {
        ("encode", "encoder", "bytes")
    } else {
        ("decode", "decoder", "str")
    };
    // `obj` is rooted first: the lookup may import the codec and collect.
    let mark = vm.push_root(obj);
    let info = match lookup_codec(vm, enc) {
        Ok(i) => i,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.push_root(info);
    let r = (|| {
        let key = vm.intern("_is_text_encoding");
        if let Some(v) = vm.getattr_opt(info, key)? {
            if !vm.truthy(v)? {
                return Err(vm.new_exc(
                    vm.g.e.LookupError,
                    &format!(
                        "'{enc}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
                    ),
                ));
            }
        }
        let f = vm.seq_items(info)[which];
        let e = vm.new_str(errors);
        vm.push_root(e);
        let op = if which == 0 { "encoding" } else { "decoding" };
        let r = vm
            .call(f, &[obj, e], Value::EMPTY)
            .map_err(|x| wrap_codec_error(vm, x, op, enc))?;
        vm.push_root(r);
        let ok = Obj::from_value(r).is_some_and(|o| o.kind() == Kind::TUPLE)
            && vm.seq_items(r).len() == 2;
        if !ok {
            return Err(vm.type_error(&format!("{what} must return a tuple (object, integer)")));
        }
        let v = vm.seq_items(r)[0];
        let fits = if which == 0 {
            Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES)
        } else {
            is_str(v)
        };
        if !fits {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "'{enc}' {what} returned '{tn}' instead of '{want}'; use codecs.{verb}() to {verb} to arbitrary types"
            )));
        }
        Ok(v)
    })();
    vm.pop_roots(mark);
    r
}

/// Encodes a str through the codec registry (see `code_text`).
pub fn encode_text(vm: &mut Vm, s: Value, enc: &str, errors: &str) -> PyResult<Value> {
    code_text(vm, s, enc, errors, 0)
}

/// Decodes bytes through the codec registry (see `code_text`).
pub fn decode_text(vm: &mut Vm, b: &[u8], enc: &str, errors: &str) -> PyResult<Value> {
    let obj = vm.new_bytes(b);
    code_text(vm, obj, enc, errors, 1)
}

/// What a charmap table gives for one key: `Ok(None)` where the key is
/// unmapped (missing, LookupError or None), else the mapped value.
fn charmap_lookup(vm: &mut Vm, mapping: Value, key: u32) -> PyResult<Option<Value>> {
    match vm.getitem(mapping, Value::int(i64::from(key))) {
        Ok(v) if v.is_none() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.isinstance(e.0, vm.g.e.LookupError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `charmap_decode(data, errors=None, mapping=None)` -> `(str, len(data))`:
/// each byte through `mapping` (a str indexed by byte, U+FFFE meaning
/// undefined, or any mapping to int, str or None); None means Latin-1.
fn charmap_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional_only(vm, a, k, "charmap_decode", 3)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error("charmap_decode() missing required argument 'data' (pos 1)"));
    };
    let input = buffer_arg(vm, data)?;
    let errors = errors_arg(vm, args.get(1, "errors"), "charmap_decode", 2)?;
    let mapping = args.get(2, "mapping").unwrap_or(Value::NONE);
    if mapping.is_none() {
        let s = bytes::decode(vm, &input, "latin-1", &errors)?;
        let mark = vm.push_root(s);
        let t = vm.new_tuple(&[s, Value::int(input.len() as i64)]);
        vm.pop_roots(mark);
        return Ok(t);
    }
    let table = is_str(mapping).then(|| decode_wtf8(str_bytes(mapping)));
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        let got: Option<Vec<u32>> = match &table {
            Some(t) => t
                .get(usize::from(b))
                .filter(|&&c| c != 0xFFFE)
                .map(|&c| vec![c]),
            None => match charmap_lookup(vm, mapping, u32::from(b))? {
                None => None,
                Some(v) if is_str(v) => {
                    let cps = decode_wtf8(str_bytes(v));
                    (cps != [0xFFFE]).then_some(cps)
                }
                Some(v) => match v.as_int() {
                    Some(n) if (0..=0x10FFFF).contains(&n) => Some(vec![n as u32]),
                    Some(_) => {
                        return Err(vm.type_error("character mapping must be in range(0x110000)"))
                    }
                    None => {
                        return Err(
                            vm.type_error("character mapping must return integer, None or str")
                        )
                    }
                },
            },
        };
        match got {
            Some(cps) => {
                out.extend(cps);
                i += 1;
            }
            None => {
                i = decode_error(
                    vm,
                    &errors,
                    "charmap",
                    &input,
                    i,
                    i + 1,
                    "character maps to <undefined>",
                    &mut out,
                )?;
            }
        }
    }
    Ok(str_and_consumed(vm, &out, input.len()))
}

/// The bytes `mapping` gives for code point `c`, or None where unmapped.
fn charmap_encode_char(vm: &mut Vm, mapping: Value, c: u32) -> PyResult<Option<Vec<u8>>> {
    match charmap_lookup(vm, mapping, c)? {
        None => Ok(None),
        Some(v) if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) => {
            Ok(Some(str_bytes(v).to_vec()))
        }
        Some(v) => match v.as_int() {
            Some(n) if (0..256).contains(&n) => Ok(Some(vec![n as u8])),
            Some(_) => Err(vm.type_error("character mapping must be in range(256)")),
            None => {
                let tn = vm.type_name_of(v);
                Err(vm.type_error(&format!(
                    "character mapping must return integer, bytes or None, not {tn}"
                )))
            }
        },
    }
}

/// `charmap_encode(str, errors=None, mapping=None)` -> `(bytes, len(str))`:
/// each code point through `mapping` (ord -> int, bytes or None; what
/// `charmap_build` makes); None means Latin-1. Unmapped characters go to
/// the `errors` handler, whose str replacement is mapped in turn.
fn charmap_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "charmap_encode", a, k, 1, 3)?;
    let s = a[0];
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!(
            "charmap_encode() argument 1 must be str, not {tn}"
        )));
    }
    let errors = errors_arg(vm, a.get(1).copied(), "charmap_encode", 2)?;
    let mapping = a.get(2).copied().unwrap_or(Value::NONE);
    if mapping.is_none() {
        return encode_with(
            vm,
            &a[..a.len().min(2)],
            Value::EMPTY,
            "latin-1",
            "charmap_encode",
        );
    }
    let cps = decode_wtf8(str_bytes(s));
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        if let Some(b) = charmap_encode_char(vm, mapping, cps[i])? {
            out.extend(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && charmap_encode_char(vm, mapping, cps[end])?.is_none() {
            end += 1;
        }
        let err = crate::text::codecs::CodecError {
            encoding: "charmap",
            start: i,
            end,
            reason: "character maps to <undefined>",
            chars: cps[i..end].to_vec(),
            bytes: Vec::new(),
            encode: true,
        };
        let (rep, pos) = encode_error(vm, &errors, &err, s, cps.len())?;
        match rep {
            Replacement::Bytes(b) => out.extend(b),
            Replacement::Str(r) => {
                for c in r {
                    match charmap_encode_char(vm, mapping, c)? {
                        Some(b) => out.extend(b),
                        None => return Err(bytes::codec_exc(vm, &err, s)),
                    }
                }
            }
        }
        i = pos;
    }
    Ok(bytes_and_len(vm, &out, cps.len()))
}

/// What an encoding error handler returned in place of the failing text.
pub(crate) enum Replacement {
    /// Bytes, written to the output as they are.
    Bytes(Vec<u8>),
    /// Text, which the codec must encode itself.
    Str(Vec<u32>),
}

/// Calls the `errors` handler for an encoding failure `err` in the str `s`
/// of `n` code points: the replacement and the position to go on from
/// (CPython's `unicode_encode_call_errorhandler`).
pub(crate) fn encode_error(
    vm: &mut Vm,
    errors: &str,
    err: &crate::text::codecs::CodecError,
    s: Value,
    n: usize,
) -> PyResult<(Replacement, usize)> {
    let exc = bytes::codec_exc(vm, err, s).0;
    let mark = vm.push_root(exc);
    let r = (|| {
        let name = vm.new_str(errors);
        vm.push_root(name);
        let handler = lookup_error(vm, &[name], Value::EMPTY)?;
        vm.push_root(handler);
        let res = vm.call(handler, &[exc], Value::EMPTY)?;
        vm.push_root(res);
        let items = if Obj::from_value(res).is_some_and(|o| o.kind() == Kind::TUPLE) {
            vm.seq_items(res)
        } else {
            Vec::new()
        };
        let (rep, pos) = match items[..] {
            [rep, pos] if pos.as_int().is_some() => (rep, pos.as_int().unwrap_or(0)),
            _ => {
                return Err(
                    vm.type_error("encoding error handler must return (str/bytes, int) tuple")
                )
            }
        };
        let rep = if Obj::from_value(rep).is_some_and(|o| o.kind() == Kind::BYTES) {
            Replacement::Bytes(str_bytes(rep).to_vec())
        } else if is_str(rep) {
            Replacement::Str(decode_wtf8(str_bytes(rep)))
        } else {
            return Err(vm.type_error("encoding error handler must return (str/bytes, int) tuple"));
        };
        let n = n as i64;
        let p = if pos < 0 { n + pos } else { pos };
        if !(0..=n).contains(&p) {
            return Err(vm.new_exc(
                vm.g.e.IndexError,
                &format!("position {pos} from error handler out of bounds"),
            ));
        }
        Ok((rep, p as usize))
    })();
    vm.pop_roots(mark);
    r
}

/// `charmap_build(decoding_table)`: the encoding table for
/// `charmap_encode`, as a dict from code point to byte (CPython builds an
/// `EncodingMap` object with the same lookups).
fn charmap_build(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "charmap_build", a, k, 1, 1)?;
    let table = str_arg(vm, a[0], "charmap_build", 1)?;
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let r = (|| {
        for (i, c) in table.chars().enumerate() {
            if c == '\u{fffe}' || i > 255 {
                continue;
            }
            vm.setitem(d, Value::int(i64::from(u32::from(c))), Value::int(i as i64))?;
        }
        Ok(d)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ UTF-7

/// A byte of the modified base64 alphabet UTF-7 uses.
fn is_base64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
}

fn from_base64(c: u8) -> u32 {
    match c {
        b'A'..=b'Z' => (c - b'A') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 26,
        b'0'..=b'9' => (c - b'0') as u32 + 52,
        b'+' => 62,
        _ => 63,
    }
}

const TO_BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Is `c` written as itself by the encoder (RFC 2152's direct and optional
/// direct characters and white space, as CPython's `utf_7_encode` does)?
fn utf7_direct(c: u32) -> bool {
    c > 0 && c < 128 && {
        let b = c as u8;
        b.is_ascii_alphanumeric() || b"'(),-./:? \t\r\n!\"#$%&*;<=>@[]^_`{|}".contains(&b)
    }
}

/// `utf_7_encode(str, errors=None)`: never fails (surrogates are encoded
/// as UTF-16 units, as CPython does).
fn utf_7_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cps = encode_input(vm, a, k, "utf_7_encode")?;
    let mut out = Vec::with_capacity(cps.len() * 2);
    let (mut in_shift, mut bits, mut buf) = (false, 0u32, 0u64);
    let push_unit = |out: &mut Vec<u8>, bits: &mut u32, buf: &mut u64, u: u32| {
        *bits += 16;
        *buf = (*buf << 16) | u as u64;
        while *bits >= 6 {
            out.push(TO_BASE64[((*buf >> (*bits - 6)) & 0x3F) as usize]);
            *bits -= 6;
        }
        *buf &= (1u64 << *bits) - 1;
    };
    for &c in &cps {
        if in_shift {
            if utf7_direct(c) {
                if bits > 0 {
                    out.push(TO_BASE64[((buf << (6 - bits)) & 0x3F) as usize]);
                    buf = 0;
                    bits = 0;
                }
                in_shift = false;
                // Only a base64 character or '-' needs the explicit '-'.
                if is_base64(c as u8) || c == '-' as u32 {
                    out.push(b'-');
                }
                out.push(c as u8);
                continue;
            }
        } else if c == '+' as u32 {
            out.extend_from_slice(b"+-");
            continue;
        } else if utf7_direct(c) {
            out.push(c as u8);
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        if c >= 0x10000 {
            let v = c - 0x10000;
            push_unit(&mut out, &mut bits, &mut buf, 0xD800 | (v >> 10));
            push_unit(&mut out, &mut bits, &mut buf, 0xDC00 | (v & 0x3FF));
        } else {
            push_unit(&mut out, &mut bits, &mut buf, c);
        }
    }
    if bits > 0 {
        out.push(TO_BASE64[((buf << (6 - bits)) & 0x3F) as usize]);
    }
    if in_shift {
        out.push(b'-');
    }
    Ok(bytes_and_len(vm, &out, cps.len()))
}

/// `utf_7_decode(data, errors=None, final=False)` -> `(str, consumed)`:
/// CPython's `PyUnicode_DecodeUTF7Stateful`, its error messages and its
/// handling of an unfinished shift sequence (left unconsumed when not final).
fn utf_7_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional_only(vm, a, k, "utf_7_decode", 3)?;
    let mut args = crate::args::Args::new(a, k);
    let Some(data) = args.get(0, "data") else {
        return Err(vm.type_error("utf_7_decode() missing required argument 'data' (pos 1)"));
    };
    let input = buffer_arg(vm, data)?;
    let errors = errors_arg(vm, args.get(1, "errors"), "utf_7_decode", 2)?;
    let fin = match args.get(2, "final") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let e = input.len();
    let mut out: Vec<u32> = Vec::with_capacity(e);
    let (mut in_shift, mut bits, mut buf, mut surrogate) = (false, 0u32, 0u64, 0u32);
    let (mut start, mut shift_out_start) = (0usize, 0usize);
    let mut s = 0usize;
    'outer: loop {
        while s < e {
            let ch = input[s];
            let err: &'static str;
            if in_shift {
                if is_base64(ch) {
                    buf = (buf << 6) | from_base64(ch) as u64;
                    bits += 6;
                    s += 1;
                    if bits >= 16 {
                        let unit = (buf >> (bits - 16)) as u32 & 0xFFFF;
                        bits -= 16;
                        buf &= (1u64 << bits) - 1;
                        if surrogate != 0 {
                            if (0xDC00..0xE000).contains(&unit) {
                                out.push(0x10000 + ((surrogate - 0xD800) << 10) + (unit - 0xDC00));
                                surrogate = 0;
                                continue;
                            }
                            out.push(surrogate);
                            surrogate = 0;
                        }
                        if (0xD800..0xDC00).contains(&unit) {
                            surrogate = unit;
                        } else {
                            out.push(unit);
                        }
                    }
                    continue;
                }
                in_shift = false;
                if bits >= 6 {
                    s += 1;
                    err = "partial character in shift sequence";
                } else if bits > 0 && buf != 0 {
                    s += 1;
                    err = "non-zero padding bits in shift sequence";
                } else {
                    if surrogate != 0 && ch <= 127 && ch != b'+' {
                        out.push(surrogate);
                    }
                    surrogate = 0;
                    if ch == b'-' {
                        s += 1;
                    }
                    continue;
                }
            } else if ch == b'+' {
                start = s;
                s += 1;
                if s < e && input[s] == b'-' {
                    s += 1;
                    out.push('+' as u32);
                    continue;
                } else if s < e && !is_base64(input[s]) {
                    s += 1;
                    err = "ill-formed sequence";
                } else {
                    in_shift = true;
                    surrogate = 0;
                    shift_out_start = out.len();
                    bits = 0;
                    buf = 0;
                    continue;
                }
            } else if ch <= 127 {
                s += 1;
                out.push(ch as u32);
                continue;
            } else {
                start = s;
                s += 1;
                err = "unexpected special character";
            }
            s = decode_error(vm, &errors, "utf7", &input, start, s, err, &mut out)?;
        }
        if in_shift && fin {
            in_shift = false;
            if surrogate != 0 || bits >= 6 || (bits > 0 && buf != 0) {
                s = decode_error(
                    vm,
                    &errors,
                    "utf7",
                    &input,
                    start,
                    e,
                    "unterminated shift sequence",
                    &mut out,
                )?;
                if s < e {
                    continue 'outer;
                }
            }
        }
        break;
    }
    let consumed = if in_shift && !fin {
        out.truncate(shift_out_start);
        start
    } else {
        s
    };
    Ok(str_and_consumed(vm, &out, consumed))
}
