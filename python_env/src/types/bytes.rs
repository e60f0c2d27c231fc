//! `bytes`, `bytearray`, and the str codecs (utf-8/16/32, ascii, latin-1, cp1252).
//!
//! A bytearray's value slot 0 holds its *buffer* (`lstr::alloc_buffer`: a
//! bytes-kind object with room past its length, never handed to Python
//! code); `str_bytes` of the buffer is the bytearray's current bytes.
//! `append`, `extend` and `+=` write in place while the buffer has room and
//! otherwise move to a buffer half as large again, so a run of appends is
//! linear; popping the last byte shortens the buffer in place. Deleting a
//! run is done in place where this thread alone may write the buffer (a
//! local bytearray, or a shared one only its maker has used): a run at the
//! start moves the buffer's start, any other moves the rest down; a
//! bytearray another thread has used gets a new buffer with one copy of
//! the rest. Every other change builds the new bytes and installs a new
//! buffer.
//!
//! Concurrency contract: a bytearray used by one thread takes no lock. Once
//! shared, every change is one step under the bytearray's object lock
//! (`Vm::with_lock`), with the arguments converted before it (no Python code
//! runs under the lock), so `append`, `extend`, `pop`, `ba[i] = x`, `+=`
//! ... are atomic as in CPython and concurrent appends lose nothing. Reads
//! take no lock: they load the buffer, then its length (acquire), and read
//! only below it; a shared buffer's bytes below its high-water mark are
//! never rewritten (appends after a pop go to a new buffer), so a reader
//! sees the bytes of one moment, never a torn mix. The one exception is a
//! shared bytearray that no thread but its maker has used yet (a module
//! global of a one-thread script): its maker stores items in place, with no
//! lock (`engine::runtime::owned_bytes`), and every access to the bytes
//! goes through [`ba_use`] first (`ba_bytes`, `ba_buffer`, `buf`,
//! `held_bytes`, `put_buffer`), which ends that for good when another
//! thread arrives.

use super::clinic;
use super::seq::{index_value, is_slice, norm_index, slice_indices, slice_unpack};
use crate::args::Args;
use crate::text::codecs::{Codec, CodecError, ErrorHandler};
use engine::runtime::ops::{find_sub, rfind_sub};
use engine::runtime::owned_bytes::{self, ba_bytes, ba_use};
use engine::runtime::*;
use proto_core::layouts::seq_index;
use proto_core::layouts::str as lstr;
use proto_core::{Kind, Obj, ProtoContext, Value};

/// The bytes of a bytes or bytearray value.
pub fn buf(v: Value) -> Option<Vec<u8>> {
    let o = Obj::from_value(v)?;
    match o.kind() {
        Kind::BYTES => Some(str_bytes(v).to_vec()),
        K_BYTEARRAY => Some(ba_bytes(o).to_vec()),
        K_MEMORYVIEW => super::memoryview::view_bytes(v),
        _ => match crate::modules::_pickle::buffer_target(v) {
            Some(t) => t.and_then(buf),
            None => crate::modules::array::array_bytes(v)
                .or_else(|| crate::modules::mmap::mmap_bytes(v))
                .or_else(|| crate::modules::_ctypes::cdata_bytes(v)),
        },
    }
}

/// The bytes of a bytes or bytearray value in place, with the object that
/// holds them (`v` itself, or the bytearray's current buffer). The slice's
/// memory stays valid while that holder is rooted (the heap never moves an
/// object or gives back part of one); a shared buffer is never rewritten
/// (another thread's change installs a new buffer), so the slice reads the
/// value as it was, unless this thread changes a local bytearray meanwhile
/// (in place: its bytes then read as changed). Other buffers: `None` (see
/// [`buf`]).
pub fn held_bytes(v: Value) -> Option<(Value, &'static [u8])> {
    let o = Obj::from_value(v)?;
    match o.kind() {
        Kind::BYTES => Some((v, str_bytes(v))),
        K_BYTEARRAY => {
            // One load of the buffer: the slice and its holder agree.
            let b = ba_buffer(o).value();
            Some((b, str_bytes(b)))
        }
        _ => None,
    }
}

/// The bytes of a bytes or bytearray receiver: in place (see
/// [`held_bytes`]; the caller runs no Python code while it reads them), a
/// copy for other buffers.
fn self_bytes(v: Value) -> std::borrow::Cow<'static, [u8]> {
    match held_bytes(v) {
        Some((_, b)) => std::borrow::Cow::Borrowed(b),
        None => std::borrow::Cow::Owned(buf(v).unwrap_or_default()),
    }
}

/// Resolves a codec name (LookupError "unknown encoding: ..." otherwise).
fn codec(vm: &mut Vm, enc: &str) -> PyResult<Codec> {
    Codec::lookup(enc)
        .ok_or_else(|| vm.exc_by_name("LookupError", &format!("unknown encoding: {enc}")))
}

/// Resolves an error handler name. Like CPython, an unknown name is only an
/// error once a codec error needs the handler: `None` runs strict and
/// `unknown_handler` turns the failure into the LookupError.
fn handler(errors: &str) -> Option<ErrorHandler> {
    ErrorHandler::from_name(errors)
}

fn unknown_handler(vm: &mut Vm, errors: &str) -> PyException {
    vm.exc_by_name(
        "LookupError",
        &format!("unknown error handler name '{errors}'"),
    )
}

/// An exception raised by an error handler. Like CPython, a codec reached
/// through the registry (not the built-in fast path names) wraps it as
/// "{op} with '{enc}' codec failed (Type: msg)" when it can.
fn handler_failure(vm: &mut Vm, exc: PyException, op: &str, enc: &str) -> PyException {
    if Codec::is_fast_path_name(enc) {
        return exc;
    }
    crate::modules::_codecs::wrap_codec_error(vm, exc, op, enc)
}

/// The UnicodeEncodeError/UnicodeDecodeError for a codec failure, with its
/// `encoding`, `object`, `start`, `end` and `reason` attributes (and those
/// five as its `args`); its `str()` is formatted from them.
pub fn codec_exc(vm: &mut Vm, e: &CodecError, object: Value) -> PyException {
    let cls = if e.encode {
        vm.g.e.UnicodeEncodeError
    } else {
        vm.g.e.UnicodeDecodeError
    };
    let exc = vm.new_exc(cls, &e.message());
    let mark = vm.push_root(exc.0);
    vm.push_root(object);
    let enc = vm.new_str(e.encoding);
    let reason = vm.new_str(e.reason);
    let attrs = [
        ("encoding", enc),
        ("object", object),
        ("start", Value::int(e.start as i64)),
        ("end", Value::int(e.end as i64)),
        ("reason", reason),
    ];
    // `args` is the five fields, as the constructor's.
    let args = vm.new_tuple(&attrs.map(|(_, v)| v));
    if let Some(o) = Obj::from_value(exc.0) {
        vm.store(o, EXC_ARGS, args);
    }
    for (name, v) in attrs {
        let k = vm.intern(name);
        // Exceptions always have an instance dict; a failure here is ignored.
        let _ = vm.setattr(exc.0, k, v);
    }
    vm.pop_roots(mark);
    exc
}

/// `bytes.decode`, `bytearray.decode` and `str(obj, encoding, errors)`:
/// as [`decode`], but empty input is '' whatever the codec's name, which
/// only the development mode looks up (CPython's fast path for the
/// empty buffer).
pub fn decode_object(vm: &mut Vm, b: &[u8], enc: &str, errors: &str) -> PyResult<Value> {
    if b.is_empty() && !crate::modules::sys::dev_mode() {
        return Ok(vm.intern(""));
    }
    decode(vm, b, enc, errors)
}

/// Under `-X dev`, the codec and the error handler named must exist even
/// when the data never needs them (CPython's
/// `unicode_check_encoding_errors`, which skips the names it knows).
fn dev_check_codec_names(vm: &mut Vm, enc: &str, errors: &str) -> PyResult<()> {
    if !crate::modules::sys::dev_mode() {
        return Ok(());
    }
    if !matches!(enc, "utf-8" | "utf8" | "ascii") {
        crate::modules::_codecs::lookup_codec(vm, enc)?;
    }
    if !matches!(
        errors,
        "strict" | "ignore" | "replace" | "surrogateescape" | "surrogatepass"
    ) {
        let name = vm.new_str(errors);
        crate::modules::_codecs::lookup_error(vm, &[name], Value::EMPTY)?;
    }
    Ok(())
}

/// Whether a str's storage (`bytes`: UTF-8, lone surrogates WTF-8) is
/// already its encoding `enc`, both ways: UTF-8 when there is no lone
/// surrogate (the one thing UTF-8 cannot encode, and bytes that are
/// valid UTF-8 decode to exactly themselves), ASCII and Latin-1 when every
/// byte is ASCII. The error handler then never runs, whatever its name
/// (CPython looks one up only for a character or byte it cannot handle).
/// Only the usual spellings are recognised here; the others take the codec
/// registry.
fn storage_is_encoding(bytes: &[u8], enc: &str) -> bool {
    match enc {
        "utf-8" | "utf8" | "UTF-8" | "UTF8" | "utf_8" => {
            bytes.is_ascii() || std::str::from_utf8(bytes).is_ok()
        }
        "ascii" | "ASCII" | "us-ascii" | "latin-1" | "latin1" | "iso-8859-1" | "latin_1" => {
            bytes.is_ascii()
        }
        _ => false,
    }
}

/// Decodes bytes to a str value.
pub fn decode(vm: &mut Vm, b: &[u8], enc: &str, errors: &str) -> PyResult<Value> {
    dev_check_codec_names(vm, enc, errors)?;
    // Bytes that are a str's storage as they are (see `storage_is_encoding`).
    if storage_is_encoding(b, enc) {
        return Ok(vm.new_str_bytes(b));
    }
    if Codec::lookup(enc).is_none() {
        return crate::modules::_codecs::decode_text(vm, b, enc, errors);
    }
    let c = codec(vm, enc)?;
    let h = handler(errors);
    match crate::text::codecs::decode(c, b, h.unwrap_or(ErrorHandler::Strict)) {
        Ok(cps) => {
            let bytes = crate::text::encode_wtf8(&cps);
            Ok(vm.new_str_bytes(&bytes))
        }
        Err(_) if h.is_none() && !matches!(c, Codec::Utf16 | Codec::Utf32) => {
            decode_custom(vm, b, c, errors, enc)
        }
        Err(_) if h.is_none() => {
            let e = unknown_handler(vm, errors);
            Err(handler_failure(vm, e, "decoding", enc))
        }
        Err(_) if h.is_some_and(ErrorHandler::encode_only) => {
            let e = vm.type_error("don't know how to handle UnicodeDecodeError in error callback");
            Err(handler_failure(vm, e, "decoding", enc))
        }
        Err(e) => {
            let obj = vm.new_bytes(b);
            Err(codec_exc(vm, &e, obj))
        }
    }
}

/// Encodes a str value to bytes.
pub fn encode(vm: &mut Vm, s: Value, enc: &str, errors: &str) -> PyResult<Value> {
    dev_check_codec_names(vm, enc, errors)?;
    if storage_is_encoding(str_bytes(s), enc) {
        return Ok(vm.new_bytes(str_bytes(s)));
    }
    if Codec::lookup(enc).is_none() {
        return crate::modules::_codecs::encode_text(vm, s, enc, errors);
    }
    let c = codec(vm, enc)?;
    let h = handler(errors);
    let cps = crate::text::decode_wtf8(str_bytes(s));
    match crate::text::codecs::encode(c, &cps, h.unwrap_or(ErrorHandler::Strict)) {
        Ok(b) => Ok(vm.new_bytes(&b)),
        Err(_) if h.is_none() => encode_custom(vm, s, c, &cps, errors, enc),
        Err(e) => Err(codec_exc(vm, &e, s)),
    }
}

/// The error handler `errors`, which is none of the built-in ones, from the
/// registry (`codecs.register_error`); the LookupError of an unknown name.
fn custom_handler_exists(vm: &mut Vm, errors: &str, op: &str, enc: &str) -> PyResult<()> {
    let name = vm.new_str(errors);
    match crate::modules::_codecs::lookup_error(vm, &[name], Value::EMPTY) {
        Ok(_) => Ok(()),
        Err(_) => {
            let e = unknown_handler(vm, errors);
            Err(handler_failure(vm, e, op, enc))
        }
    }
}

/// The codec for the data after a replaced stretch: a BOM codec writes its
/// BOM once, and its body is the little-endian form.
fn body_codec(c: Codec) -> Codec {
    match c {
        Codec::Utf16 => Codec::Utf16Le,
        Codec::Utf32 => Codec::Utf32Le,
        c => c,
    }
}

/// Encodes with a registered error handler: each stretch the codec cannot
/// encode goes to the handler (CPython's `unicode_encode_call_errorhandler`),
/// whose bytes are written as they are and whose str must encode strictly
/// (else the original error is raised).
fn encode_custom(
    vm: &mut Vm,
    s: Value,
    c: Codec,
    cps: &[u32],
    errors: &str,
    enc: &str,
) -> PyResult<Value> {
    use crate::modules::_codecs::{encode_error, Replacement};
    use crate::text::codecs::encode as enc_strict;
    custom_handler_exists(vm, errors, "encoding", enc)?;
    let mut out = Vec::new();
    let mut pos = 0;
    let mut piece = c;
    loop {
        let mut e = match enc_strict(piece, &cps[pos..], ErrorHandler::Strict) {
            Ok(b) => {
                out.extend(b);
                break;
            }
            Err(e) => e,
        };
        out.extend(
            enc_strict(piece, &cps[pos..pos + e.start], ErrorHandler::Strict).unwrap_or_default(),
        );
        piece = body_codec(c);
        e.start += pos;
        e.end += pos;
        let (rep, next) = match encode_error(vm, errors, &e, s, cps.len()) {
            Ok(r) => r,
            Err(x) => return Err(handler_failure(vm, x, "encoding", enc)),
        };
        // The UTF codecs take only ASCII text, and whole code units of
        // bytes, from a handler.
        let unit = match c {
            Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => 2,
            Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => 4,
            _ => 1,
        };
        let utf = unit > 1 || c == Codec::Utf8;
        match rep {
            Replacement::Bytes(b) if b.len() % unit == 0 => out.extend(b),
            Replacement::Str(t) if !utf || t.iter().all(|&ch| ch < 0x80) => {
                match enc_strict(piece, &t, ErrorHandler::Strict) {
                    Ok(b) => out.extend(b),
                    Err(_) => return Err(codec_exc(vm, &e, s)),
                }
            }
            _ => return Err(codec_exc(vm, &e, s)),
        }
        pos = next;
    }
    Ok(vm.new_bytes(&out))
}

/// Decodes with a registered error handler: each undecodable stretch goes
/// to the handler, whose str is taken as it is. Not for the BOM codecs,
/// whose byte order the first bytes decide.
fn decode_custom(vm: &mut Vm, b: &[u8], c: Codec, errors: &str, enc: &str) -> PyResult<Value> {
    use crate::text::codecs::decode as dec_strict;
    custom_handler_exists(vm, errors, "decoding", enc)?;
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let e = match dec_strict(c, &b[pos..], ErrorHandler::Strict) {
            Ok(cps) => {
                out.extend(cps);
                break;
            }
            Err(e) => e,
        };
        out.extend(dec_strict(c, &b[pos..pos + e.start], ErrorHandler::Strict).unwrap_or_default());
        pos = match crate::modules::_codecs::decode_error(
            vm,
            errors,
            e.encoding,
            b,
            pos + e.start,
            pos + e.end,
            e.reason,
            &mut out,
        ) {
            Ok(p) => p,
            Err(x) => return Err(handler_failure(vm, x, "decoding", enc)),
        };
    }
    let bytes = crate::text::encode_wtf8(&out);
    Ok(vm.new_str_bytes(&bytes))
}

/// The `encoding` / `errors` arguments of `str()`, `bytes()` and
/// `bytearray()` must be str (CPython checks them while parsing).
pub fn check_codec_args(
    vm: &mut Vm,
    fname: &str,
    enc: Option<Value>,
    errors: Option<Value>,
) -> PyResult<()> {
    for (what, v) in [("encoding", enc), ("errors", errors)] {
        if let Some(v) = v.filter(|v| !is_str(*v)) {
            let tn = vm.arg_type_name(v);
            return Err(vm.type_error(&format!(
                "{fname}() argument '{what}' must be str, not {tn}"
            )));
        }
    }
    Ok(())
}

/// The `TypeError` of an `encoding`/`errors` argument given with a
/// non-str source (or none).
fn codec_without_str(vm: &mut Vm, enc: Option<Value>) -> PyException {
    vm.type_error(if enc.is_some() {
        "encoding without a string argument"
    } else {
        "errors without a string argument"
    })
}

/// Encodes str `x` by `enc` / `errors` for `bytes()` and `bytearray()`.
fn encode_arg(vm: &mut Vm, x: Value, enc: Value, errors: Option<Value>) -> PyResult<Value> {
    let er = errors
        .map(|v| str_of(v).into_owned())
        .unwrap_or_else(|| "strict".into());
    encode(vm, x, &str_of(enc), &er)
}

/// Whether `x`'s type has `__index__` (CPython's `_PyIndex_Check`).
fn has_index(vm: &mut Vm, x: Value) -> bool {
    vm.is_int_like(x)
        || vm
            .lookup_type(vm.type_of(x), vm.g.names.__index__)
            .is_some()
}

/// The size an int-like source of `bytes()`/`bytearray()` asks for, as
/// CPython's `PyNumber_AsSsize_t(x, OverflowError)`: `Ok(None)` when its
/// `__index__` raises `TypeError` (the source is then read as an iterable).
fn source_count(vm: &mut Vm, x: Value) -> PyResult<Option<usize>> {
    let n = match vm.index(x) {
        Ok(n) => n,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(n) = vm.as_i64(n) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot fit 'int' into an index-sized integer",
        ));
    };
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    Ok(Some(n as usize))
}

/// The byte an item of a `bytes()` source stands for (its `__index__`).
fn bytes_item(vm: &mut Vm, x: Value) -> PyResult<u8> {
    let mark = vm.push_root(x);
    let i = vm.index(x);
    vm.pop_roots(mark);
    match vm.as_i64(i?) {
        Some(i) if (0..256).contains(&i) => Ok(i as u8),
        _ => Err(vm.value_error("bytes must be in range(0, 256)")),
    }
}

/// CPython's `PyBytes_FromObject`: the bytes of a buffer, of an exact list
/// (read live, as an item's `__index__` may change the list), of a tuple
/// or of any other iterable but a str.
fn bytes_from_object(vm: &mut Vm, x: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buf(x) {
        return Ok(b);
    }
    super::memoryview::check_released(vm, x)?;
    if let Some(l) = Obj::from_value(x).filter(|o| o.kind() == Kind::LIST) {
        if l.class() == vm.g.types.list {
            let mut out = Vec::new();
            let mut i = 0;
            while let Some(item) = proto_core::layouts::list::get(l, i) {
                out.push(bytes_item(vm, item)?);
                i += 1;
            }
            return Ok(out);
        }
    }
    if !is_str(x) {
        let it = match vm.iter(x) {
            Ok(it) => Some(it),
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => None,
            Err(e) => return Err(e),
        };
        if let Some(it) = it {
            let mut out = Vec::new();
            // Room for a range's items first, as CPython sizes the result
            // by the length hint: a huge range is a MemoryError at once.
            if Obj::from_value(x).is_some_and(|o| o.kind() == K_RANGE) {
                let n = vm.len(x)?;
                vm.try_reserve(&mut out, n)?;
            }
            let mark = vm.push_root(it);
            let r = loop {
                match vm.next(it) {
                    Ok(Some(item)) => match bytes_item(vm, item) {
                        Ok(b) => {
                            // An endless iterator ends in MemoryError when
                            // the buffer cannot grow (amortised doubling).
                            if out.len() == out.capacity() {
                                if let Err(e) = vm.try_reserve(&mut out, 1) {
                                    break Err(e);
                                }
                            }
                            out.push(b)
                        }
                        Err(e) => break Err(e),
                    },
                    Ok(None) => break Ok(out),
                    Err(e) => break Err(e),
                }
            };
            vm.pop_roots(mark);
            return r;
        }
    }
    let tn = vm.type_name_of(x);
    Err(vm.type_error(&format!("cannot convert '{tn}' object to bytes")))
}

/// `bytes(x, encoding, errors)` as CPython's `bytes_new_impl`: an encoded
/// str, what `__bytes__` returns (looked up on the type even for an int
/// or a str subclass; `__bytes__ = None` blocks the conversion), a count
/// of zero bytes, or the bytes of a buffer or iterable.
fn bytes_of_source(
    vm: &mut Vm,
    cls: Value,
    x: Option<Value>,
    enc: Option<Value>,
    errors: Option<Value>,
) -> PyResult<Value> {
    let Some(x) = x else {
        if enc.is_some() || errors.is_some() {
            return Err(codec_without_str(vm, enc));
        }
        return Ok(new_bytes_of(vm, cls, &[]));
    };
    check_codec_args(vm, "bytes", enc, errors)?;
    if let Some(e) = enc {
        if !is_str(x) {
            return Err(codec_without_str(vm, enc));
        }
        let b = encode_arg(vm, x, e, errors)?;
        return Ok(new_bytes_of(vm, cls, str_bytes(b)));
    }
    if errors.is_some() {
        if is_str(x) {
            return Err(vm.type_error("string argument without an encoding"));
        }
        return Err(codec_without_str(vm, enc));
    }
    if let Some(f) = vm.lookup_type(vm.type_of(x), vm.g.names.__bytes__) {
        let r = vm.call_bound(f, x, &[])?;
        if !Obj::from_value(r).is_some_and(|o| o.kind() == Kind::BYTES) {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!("__bytes__ returned non-bytes (type {tn})")));
        }
        if cls == vm.g.types.bytes {
            return Ok(r);
        }
        return Ok(new_bytes_of(vm, cls, str_bytes(r)));
    }
    // A bytearray or a contiguous view of one or of bytes: one copy, from
    // where the bytes are.
    let held = if Obj::from_value(x).is_some_and(|o| o.kind() == K_BYTEARRAY) {
        held_bytes(x)
    } else {
        super::memoryview::held_view_bytes(x)
    };
    if let Some((holder, b)) = held {
        let mark = vm.push_root(holder);
        let r = new_bytes_of(vm, cls, b);
        vm.pop_roots(mark);
        return Ok(r);
    }
    if is_str(x) {
        return Err(vm.type_error("string argument without an encoding"));
    }
    if has_index(vm, x) {
        if let Some(n) = source_count(vm, x)? {
            // A bytes object's header and trailing NUL take 33 bytes in
            // CPython: a larger count is its OverflowError.
            if n > isize::MAX as usize - 33 {
                return Err(vm.new_exc(vm.g.e.OverflowError, "byte string is too large"));
            }
            let zeros = vm.try_filled(0u8, n)?;
            return Ok(new_bytes_of(vm, cls, &zeros));
        }
    }
    let b = bytes_from_object(vm, x)?;
    Ok(new_bytes_of(vm, cls, &b))
}

fn bytes_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let src = args.get(1, "source");
    let enc = args.get(2, "encoding");
    let err = args.get(3, "errors");
    bytes_of_source(vm, a[0], src, enc, err)
}

/// A bytes object of class `cls` (bytes or a subclass: those carry one
/// value for the instance __dict__).
fn new_bytes_of(vm: &mut Vm, cls: Value, b: &[u8]) -> Value {
    if cls == vm.g.types.bytes {
        return vm.new_bytes(b);
    }
    proto_core::layouts::str::alloc_with_values(
        &mut vm.ctx,
        Kind::BYTES,
        cls,
        b,
        b.len(),
        b.is_ascii(),
        1,
    )
}

fn ba_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // Subclass instances: [bytes, instance __dict__, __slots__ values...].
    let n = if a[0] == vm.g.types.bytearray {
        1
    } else {
        2 + Obj::from_value(a[0]).map_or(0, type_nslots)
    };
    let o = vm.alloc_obj(K_BYTEARRAY, a[0], n, owned_bytes::RAW_BYTES);
    let e = lstr::alloc_buffer(&mut vm.ctx, &[], 0);
    o.init(0, e);
    Ok(o.value())
}

/// `bytearray.__init__` as CPython's: the bytearray is emptied first, then
/// filled from an encoded str, a count of zero bytes, a buffer, or an
/// iterable whose items are appended one by one as they come.
fn ba_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let src = args.get(1, "source");
    let enc = args.get(2, "encoding");
    let err = args.get(3, "errors");
    check_codec_args(vm, "bytearray", enc, err)?;
    let me = a[0];
    if ba_len(me) != 0 {
        set_ba(vm, me, &[])?;
    }
    let Some(x) = src else {
        if enc.is_some() || err.is_some() {
            return Err(codec_without_str(vm, enc));
        }
        return Ok(Value::NONE);
    };
    if is_str(x) {
        let Some(e) = enc else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let b = encode_arg(vm, x, e, err)?;
        set_ba(vm, me, str_bytes(b))?;
        return Ok(Value::NONE);
    }
    if enc.is_some() || err.is_some() {
        return Err(codec_without_str(vm, enc));
    }
    if has_index(vm, x) {
        if let Some(n) = source_count(vm, x)? {
            let zeros = vm.try_filled(0u8, n)?;
            set_ba(vm, me, &zeros)?;
            return Ok(Value::NONE);
        }
    }
    if let Some(b) = buf(x) {
        set_ba(vm, me, &b)?;
        return Ok(Value::NONE);
    }
    super::memoryview::check_released(vm, x)?;
    let it = match vm.iter(x) {
        Ok(it) => it,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            let tn = vm.type_name_of(x);
            return Err(vm.type_error(&format!("cannot convert '{tn}' object to bytearray")));
        }
        Err(e) => return Err(e),
    };
    let mark = vm.push_root(it);
    let r = loop {
        match vm.next(it) {
            Ok(Some(item)) => {
                let m = vm.push_root(item);
                let b = byte_value(vm, item);
                vm.pop_roots(m);
                match b {
                    Ok(b) => {
                        if let Err(e) = ba_push_mut(vm, me, &[b]) {
                            break Err(e);
                        }
                    }
                    Err(e) => break Err(e),
                }
            }
            Ok(None) => break Ok(Value::NONE),
            Err(e) => break Err(e),
        }
    };
    vm.pop_roots(mark);
    r
}

/// Replaces the contents of bytearray `v` by `b` (one atomic step).
pub(crate) fn set_ba(vm: &mut Vm, v: Value, b: &[u8]) -> PyResult<()> {
    let o = Obj::from_value(v).expect("ba");
    vm.with_mut_lock(o, |ctx| put_buffer(ctx, o, &[b], b.len()))
}

/// The buffer of bytearray `o` (see the module header), for a read or a
/// locked write ([`ba_use`] first). Its bytes ([`ba_bytes`]) are not to be
/// held across anything that may run Python code or change `o`: a local
/// bytearray's buffer is shortened and rewritten in place.
fn ba_buffer(o: Obj) -> Obj {
    ba_use(o);
    buffer_of(o)
}

/// The buffer of bytearray `o`, for an in-place write, which decides itself
/// whether it may (`owned_bytes::ba_write_in_place`).
fn buffer_of(o: Obj) -> Obj {
    Obj::from_value(o.get(0)).expect("bytearray buffer")
}

/// Writes `data` at byte offset `pos` of bytearray `v` in place when this
/// thread may (`owned_bytes::ba_write_in_place`: `v` is local, or shared
/// and made by this thread with no other thread having used it), so that
/// no copy of the buffer is needed: `Some(false)`, changing nothing, when
/// the bytes lie past its end. `None` otherwise: the caller then takes the
/// atomic copy-and-replace step ([`ba_try_update`]) that lock-free readers
/// need.
pub(crate) fn ba_write_in_place(v: Value, pos: usize, data: &[u8]) -> Option<bool> {
    let o = Obj::from_value(v).expect("ba");
    let buf = buffer_of(o);
    owned_bytes::ba_write_in_place(o, || {
        // SAFETY: inside `ba_write_in_place` no other thread reads or writes
        // the buffer (`o` is local, or the owner-write protocol holds them
        // off), a buffer belongs to its one bytearray and is never handed
        // out, and no slice of it is held here; `data` is the caller's own.
        unsafe { lstr::buffer_write_at(buf, pos, data) }
    })
}

/// [`ba_write_in_place`] for an extended slice: `data[k]` at `start + k * step`.
fn ba_write_strided_in_place(v: Value, start: isize, step: isize, data: &[u8]) -> Option<bool> {
    let o = Obj::from_value(v).expect("ba");
    let buf = buffer_of(o);
    owned_bytes::ba_write_in_place(o, || {
        if start < 0 {
            return data.is_empty();
        }
        // SAFETY: as in `ba_write_in_place`: no other thread accesses the
        // buffer meanwhile, and no slice of it is held here.
        unsafe { lstr::buffer_write_strided(buf, start as usize, step, data) }
    })
}

/// The current length of bytearray `v`.
pub(crate) fn ba_len(v: Value) -> usize {
    ba_bytes(Obj::from_value(v).expect("ba")).len()
}

/// Item `i` of bytearray `v` seen as items of `isz` bytes (1, 2, 4 or 8;
/// `i` negative counts from the end, as a sequence index): its bytes
/// zero-extended into a little-endian word, reading the buffer once; None
/// when there is no such item.
pub(crate) fn ba_read_item(v: Value, i: i64, isz: usize) -> Option<u64> {
    let b = ba_bytes(Obj::from_value(v).expect("ba"));
    let n = (b.len() / isz) as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return None;
    }
    let p = j as usize * isz;
    let mut w = [0u8; 8];
    // Fixed-size copies (no call to memcpy for a variable length).
    match isz {
        8 => w.copy_from_slice(&b[p..p + 8]),
        4 => w[..4].copy_from_slice(&b[p..p + 4]),
        2 => w[..2].copy_from_slice(&b[p..p + 2]),
        _ => w[0] = b[p],
    }
    Some(u64::from_le_bytes(w))
}

/// Installs a new buffer holding `parts` (room for `cap` bytes) in
/// bytearray `o`. The caller holds `o`'s lock if it is shared.
fn put_buffer(ctx: &mut ProtoContext, o: Obj, parts: &[&[u8]], cap: usize) {
    ba_use(o);
    let nb = lstr::alloc_buffer(ctx, parts, cap);
    ctx.store(o, 0, nb);
}

/// One atomic read-modify-write of bytearray `v`: `f` edits a copy of its
/// bytes, which then replace them when `f` returns true (it found what it
/// was to change); returns `f`'s answer. `f` must not run Python code (it
/// runs under the object lock of a shared bytearray).
pub(crate) fn ba_try_update(vm: &mut Vm, v: Value, f: impl FnOnce(&mut Vec<u8>) -> bool) -> bool {
    ba_try_update_mut(vm, v, f).unwrap_or(false)
}

/// [`ba_try_update`] raising `TypeError` (nothing changed) on a bytearray
/// `protopy.freeze` made immutable; the check is made under the lock.
fn ba_try_update_mut(
    vm: &mut Vm,
    v: Value,
    f: impl FnOnce(&mut Vec<u8>) -> bool,
) -> PyResult<bool> {
    let o = Obj::from_value(v).expect("ba");
    vm.with_mut_lock(o, |ctx| {
        let mut b = ba_bytes(o).to_vec();
        let done = f(&mut b);
        if done {
            put_buffer(ctx, o, &[&b], b.len());
        }
        done
    })
}

/// [`ba_try_update`] for an edit that always applies.
pub(crate) fn ba_update(vm: &mut Vm, v: Value, f: impl FnOnce(&mut Vec<u8>)) {
    let _ = ba_update_mut(vm, v, f);
}

/// [`ba_update`] refusing a frozen bytearray.
fn ba_update_mut(vm: &mut Vm, v: Value, f: impl FnOnce(&mut Vec<u8>)) -> PyResult<()> {
    ba_try_update_mut(vm, v, |b| {
        f(b);
        true
    })
    .map(|_| ())
}

/// Writes `data` (`isz` bytes for each of `positions`) into bytearray `v`
/// in one atomic step (a memoryview's item or slice assignment); false,
/// changing nothing, if a position lies past its current end.
pub fn ba_write_at(vm: &mut Vm, v: Value, positions: &[usize], data: &[u8], isz: usize) -> bool {
    let o = Obj::from_value(v).expect("ba");
    let buf = buffer_of(o);
    let fits = |n: usize| positions.iter().all(|&p| p.saturating_add(isz) <= n);
    // `data` may be a view of this very buffer: then only the copy below.
    let cur = lstr::bytes(buf).as_ptr_range();
    let d = data.as_ptr_range();
    let overlaps = d.start < cur.end && cur.start < d.end;
    let in_place = (!overlaps).then(|| {
        owned_bytes::ba_write_in_place(o, || {
            if !fits(lstr::bytes(buf).len()) {
                return false;
            }
            for (k, &p) in positions.iter().enumerate() {
                // SAFETY: as in `ba_write_in_place`: no other thread accesses
                // the buffer meanwhile, and no slice of it is held here (the
                // length was read into a number above); `data` does not
                // overlap it (checked above).
                unsafe { lstr::buffer_write_at(buf, p, &data[k * isz..(k + 1) * isz]) };
            }
            true
        })
    });
    if let Some(Some(ok)) = in_place {
        return ok;
    }
    ba_try_update(vm, v, |b| {
        if !fits(b.len()) {
            return false;
        }
        for (k, &p) in positions.iter().enumerate() {
            b[p..p + isz].copy_from_slice(&data[k * isz..(k + 1) * isz]);
        }
        true
    })
}

/// Appends `extra` to bytearray `v` (one atomic step): in place while the
/// buffer has room, else into a new buffer half as large again.
pub(crate) fn ba_push(vm: &mut Vm, v: Value, extra: &[u8]) {
    let _ = ba_push_mut(vm, v, extra);
}

/// [`ba_push`] refusing a frozen bytearray (checked under the lock);
/// MemoryError (the bytearray unchanged) when its buffer cannot grow.
pub(crate) fn ba_push_mut(vm: &mut Vm, v: Value, extra: &[u8]) -> PyResult<()> {
    let o = Obj::from_value(v).expect("ba");
    let grown = vm.with_mut_lock(o, |ctx| {
        let st = ba_buffer(o);
        // SAFETY: this thread is the buffer's only writer: a local buffer
        // belongs to a local bytearray, and a shared one is written only
        // under the lock of its one bytearray, which we hold (buffers are
        // made by `put_buffer`/`alloc_buffer` and never handed out).
        if unsafe { lstr::buffer_append(st, extra) } {
            return true;
        }
        let cur = lstr::bytes(st);
        let need = cur.len() + extra.len();
        match lstr::try_alloc_buffer(ctx, &[cur, extra], need + need / 2 + 16) {
            Some(nb) => {
                ctx.store(o, 0, nb);
                true
            }
            None => false,
        }
    })?;
    vm.grown(grown)
}

/// A positional-only `METH_FASTCALL` method of bytes or bytearray (see
/// [`clinic::method_positional`]), the receiver naming its type.
fn pos_args(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = a.len() - 1;
    if !k.is_heap() && n >= min && n <= max {
        return Ok(());
    }
    let q = format!("{}.{name}", owner(a[0]));
    clinic::method_positional(vm, &q, name, a, k, min, max)
}

/// A `METH_NOARGS` (`n` 0) or `METH_O` (`n` 1) method of bytes or
/// bytearray: CPython's messages, naming the receiver's type.
#[inline]
fn fixed_args(vm: &mut Vm, a: &[Value], k: Value, name: &str, n: usize) -> PyResult<()> {
    if !k.is_heap() && a.len() == n + 1 {
        return Ok(());
    }
    let q = format!("{}.{name}", owner(a[0]));
    crate::args::check_method(vm, &q, a, k, n, n)
}

/// The type that defines the method called on `v`: bytes or bytearray.
fn owner(v: Value) -> &'static str {
    if is_ba(v) {
        "bytearray"
    } else {
        "bytes"
    }
}

pub fn is_ba(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_BYTEARRAY)
}

fn wrap(vm: &mut Vm, like: Value, b: &[u8]) -> Value {
    if is_ba(like) {
        new_bytearray(vm, b)
    } else {
        vm.new_bytes(b)
    }
}

/// A new exact bytearray holding `b`.
pub(crate) fn new_bytearray(vm: &mut Vm, b: &[u8]) -> Value {
    let o = vm.alloc_obj(K_BYTEARRAY, vm.g.types.bytearray, 1, owned_bytes::RAW_BYTES);
    let nb = lstr::alloc_buffer(&mut vm.ctx, &[b], b.len());
    o.init(0, nb);
    o.value()
}

fn b_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = match Obj::from_value(a[0]) {
        Some(o) if o.kind() == K_BYTEARRAY => ba_bytes(o).len(),
        _ => str_bytes(a[0]).len(),
    };
    Ok(vm.new_int(n as i64))
}

fn b_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if Obj::from_value(a[0]).is_some_and(|o| o.kind() == Kind::BYTES) {
        return bytes_getitem(vm, a);
    }
    // A bytearray's items are read in place: a copy of the whole buffer per
    // subscript made `re`'s charset compiler (256-byte slices of a 64 KiB
    // charmap) cost 3,200 instructions a slice. Indices are converted first
    // (`__index__` may run Python code that changes the bytearray) and used
    // on the buffer found after, items past its end skipped.
    if is_ba(a[0]) {
        let o = Obj::from_value(a[0]).expect("bytearray");
        if is_slice(a[1]) {
            let n = ba_bytes(o).len();
            let (start, _e, step, count) = slice_indices(vm, a[1], n)?;
            let b = ba_bytes(o);
            if step == 1 {
                let lo = usize::try_from(start).unwrap_or(0).min(b.len());
                let hi = lo.saturating_add(count).min(b.len());
                return Ok(wrap(vm, a[0], &b[lo..hi]));
            }
            let mut out = Vec::with_capacity(count);
            let mut i = start;
            for _ in 0..count {
                if let Some(&x) = usize::try_from(i).ok().and_then(|i| b.get(i)) {
                    out.push(x);
                }
                i = i.wrapping_add(step);
            }
            return Ok(wrap(vm, a[0], &out));
        }
        let i = index_value(vm, a[1], "bytearray")?;
        let b = ba_bytes(o);
        return match seq_index(i, b.len()) {
            Some(j) => Ok(Value::int(i64::from(b[j]))),
            None => Err(vm.new_exc(vm.g.e.IndexError, "bytearray index out of range")),
        };
    }
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
    if !is_ba(a[0]) {
        if !vm.is_int_like(a[1])
            && vm
                .lookup_type(vm.type_of(a[1]), vm.g.names.__index__)
                .is_none()
        {
            let tn = vm.type_name_of(a[1]);
            return Err(vm.type_error(&format!(
                "byte indices must be integers or slices, not {tn}"
            )));
        }
        let i = vm.index(a[1])?;
        let i = vm.as_i64(i).unwrap_or(i64::MAX);
        let j = if i < 0 { i + b.len() as i64 } else { i };
        if j < 0 || j >= b.len() as i64 {
            return Err(vm.new_exc(vm.g.e.IndexError, "index out of range"));
        }
        return Ok(Value::int(b[j as usize] as i64));
    }
    let i = norm_index(vm, a[1], b.len(), "bytearray")?;
    Ok(Value::int(b[i] as i64))
}

/// `bytes[i]` and `bytes[i:j:k]`: bytes are immutable, so the items are read
/// in place (a copy of the whole buffer made each index O(len)). The buffer
/// is looked up after the index conversions, which may run Python code.
fn bytes_getitem(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let n = str_bytes(a[0]).len();
    if is_slice(a[1]) {
        let (start, _e, step, count) = slice_indices(vm, a[1], n)?;
        let b = str_bytes(a[0]);
        if step == 1 {
            let lo = start as usize;
            return Ok(wrap(vm, a[0], &b[lo..lo + count]));
        }
        let out: Vec<u8> = (0..count)
            .map(|j| b[(start + j as isize * step) as usize])
            .collect();
        return Ok(wrap(vm, a[0], &out));
    }
    if !vm.is_int_like(a[1])
        && vm
            .lookup_type(vm.type_of(a[1]), vm.g.names.__index__)
            .is_none()
    {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "byte indices must be integers or slices, not {tn}"
        )));
    }
    let i = vm.number_as_ssize_t(a[1], vm.g.e.IndexError)?;
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(vm.new_exc(vm.g.e.IndexError, "index out of range"));
    }
    Ok(Value::int(str_bytes(a[0])[j as usize] as i64))
}

/// `bytearray[i]` with an int index: reads the one byte in place (the
/// generic path copies the whole buffer).
fn ba_getitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("ba");
    if let Some(i) = a[1].as_int() {
        let b = ba_bytes(o);
        return match proto_core::layouts::seq_index(i, b.len()) {
            Some(j) => Ok(Value::int(b[j] as i64)),
            None => Err(vm.new_exc(vm.g.e.IndexError, "bytearray index out of range")),
        };
    }
    b_getitem(vm, a, k)
}

fn ba_setitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // `b[i] = x` with small ints in range on a local bytearray: no
    // conversion can run Python code, so the write is the whole step. (The
    // other cases are a function of their own: their frame is large.)
    if let (Some(i), Some(x)) = (a[1].as_int(), a[2].as_int()) {
        let n = ba_len(a[0]);
        let i = if i < 0 { i + n as i64 } else { i };
        if (0..n as i64).contains(&i)
            && (0..256).contains(&x)
            && ba_write_in_place(a[0], i as usize, &[x as u8]) == Some(true)
        {
            return Ok(Value::NONE);
        }
    }
    ba_setitem_general(vm, a, k)
}

#[inline(never)]
fn ba_setitem_general(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if is_slice(a[1]) {
        // CPython's order: the value converted, then the slice's bounds,
        // then resolved against the length as it is after both (either may
        // run Python code that changes the bytearray).
        let nb = assign_source(vm, a[2])?;
        let spec = slice_unpack(vm, a[1])?;
        let (start, stop, step, count) = spec.adjust(ba_len(a[0]));
        if step != 1 && nb.len() != count {
            return Err(vm.value_error(&format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                nb.len(),
                count
            )));
        }
        // Same length in a local bytearray: written in place (a position
        // past the end, after conversions that ran Python code, leaves it
        // to the atomic step below).
        if (step != 1 || nb.len() as isize == stop.max(start) - start)
            && ba_write_strided_in_place(a[0], start, step, &nb) == Some(true)
        {
            return Ok(Value::NONE);
        }
        // A shared bytearray may change under another thread between the
        // resolution above and the lock: the atomic step applies the
        // indices to the bytes it finds, clamped, or fails as CPython would
        // on an extended slice that no longer fits.
        let ok = ba_try_update_mut(vm, a[0], |b| {
            if step == 1 {
                let lo = (start as usize).min(b.len());
                let hi = (stop.max(start) as usize).clamp(lo, b.len());
                b.splice(lo..hi, nb);
                return true;
            }
            let last = start + step * (count as isize - 1);
            if count > 0 && (start.max(last) as usize >= b.len() || start.min(last) < 0) {
                return false;
            }
            let mut i = start;
            for x in nb {
                b[i as usize] = x;
                i += step;
            }
            true
        })?;
        if !ok {
            return Err(vm.new_exc(vm.g.e.IndexError, "bytearray index out of range"));
        }
        return Ok(Value::NONE);
    }
    let n = ba_len(a[0]);
    let i = norm_index(vm, a[1], n, "bytearray")?;
    let x = byte_value(vm, a[2])?;
    // The index was checked against the length before the conversions,
    // which may run Python code: check it again in the write (in place for
    // a local bytearray, else in the atomic step, which refuses a frozen one).
    let ok = match ba_write_in_place(a[0], i, &[x]) {
        Some(ok) => ok,
        None => ba_try_update_mut(vm, a[0], |b| match b.get_mut(i) {
            Some(c) => {
                *c = x;
                true
            }
            None => false,
        })?,
    };
    if !ok {
        return Err(vm.new_exc(vm.g.e.IndexError, "bytearray index out of range"));
    }
    Ok(Value::NONE)
}

fn ba_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if is_slice(a[1]) {
        let spec = slice_unpack(vm, a[1])?;
        let (start, _stop, step, count) = spec.adjust(ba_len(a[0]));
        if count == 0 {
            return Ok(Value::NONE);
        }
        // The deleted positions in ascending order: lo, lo + step, ...
        let (lo, step) = if step < 0 {
            (start + step * (count as isize - 1), step.unsigned_abs())
        } else {
            (start, step as usize)
        };
        let lo = lo as usize;
        if step == 1 || count == 1 {
            ba_remove_range(vm, a[0], lo, lo + count)?;
            return Ok(Value::NONE);
        }
        // The indices were computed before `__index__` calls that may have
        // changed the bytearray: positions past its end delete nothing.
        ba_update_mut(vm, a[0], |b| {
            let mut next = lo;
            let mut left = count;
            let mut w = 0;
            for r in 0..b.len() {
                if left > 0 && r == next {
                    next += step;
                    left -= 1;
                    continue;
                }
                b[w] = b[r];
                w += 1;
            }
            b.truncate(w);
        })?;
        return Ok(Value::NONE);
    }
    let n = ba_len(a[0]);
    let i = norm_index(vm, a[1], n, "bytearray")?;
    let ok = ba_try_update_mut(vm, a[0], |b| {
        if i < b.len() {
            b.remove(i);
            true
        } else {
            false
        }
    })?;
    if !ok {
        return Err(vm.new_exc(vm.g.e.IndexError, "bytearray index out of range"));
    }
    Ok(Value::NONE)
}

/// Deletes bytes `lo..hi` (clamped to the current length) of bytearray `v`
/// in one atomic step. In place where this thread may write the buffer
/// (`owned_bytes::ba_write_in_place`: a local bytearray, or a shared one
/// no other thread has used): a run at the start only moves the buffer's
/// start (`lstr::buffer_remove`), so a stream buffer consumed from the
/// front (`del buf[:n]` after each `send`) costs nothing per removal, as
/// in CPython. Otherwise one copy of the rest into a new buffer of the
/// same capacity, so that appends after it still go in place.
fn ba_remove_range(vm: &mut Vm, v: Value, lo: usize, hi: usize) -> PyResult<()> {
    let o = Obj::from_value(v).expect("ba");
    let buf = buffer_of(o);
    let in_place = owned_bytes::ba_write_in_place(o, || {
        let n = lstr::bytes(buf).len();
        let lo = lo.min(n);
        // SAFETY: inside `ba_write_in_place` no other thread reads or
        // writes the buffer (as for `ba_write_in_place` above), a buffer
        // belongs to its one bytearray, and no slice of it is held here.
        unsafe { lstr::buffer_remove(buf, lo, hi.clamp(lo, n)) }
    });
    if in_place == Some(true) {
        return Ok(());
    }
    vm.with_mut_lock(o, |ctx| {
        let st = ba_buffer(o);
        let b = lstr::bytes(st);
        let n = b.len();
        let lo = lo.min(n);
        let hi = hi.clamp(lo, n);
        if lo == hi {
            return;
        }
        let cap = lstr::buffer_capacity(st).max(n - (hi - lo));
        put_buffer(ctx, o, &[&b[..lo], &b[hi..]], cap);
    })
}

fn ba_append(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.append", a, k, 1, 1)?;
    let v = byte_value(vm, a[1])?;
    ba_push_mut(vm, a[0], &[v])?;
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.extend", a, k, 1, 1)?;
    // A bytes argument's own bytes: immutable, and rooted by the call.
    if Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::BYTES) {
        ba_push_mut(vm, a[0], str_bytes(a[1]))?;
        return Ok(Value::NONE);
    }
    let extra = match buf(a[1]) {
        Some(x) => x,
        None => {
            let it = match vm.iter(a[1]) {
                Ok(it) => it,
                Err(_) if !is_str(a[1]) => {
                    let tn = vm.type_name_of(a[1]);
                    return Err(vm.type_error(&format!("can't extend bytearray with {tn}")));
                }
                Err(e) => return Err(e),
            };
            let mark = vm.push_root(it);
            let r = items_as_bytes(vm, it, |_, e| e);
            vm.pop_roots(mark);
            r?
        }
    };
    ba_push_mut(vm, a[0], &extra)?;
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos_args(vm, a, k, "pop", 0, 1)?;
    let o = Obj::from_value(a[0]).expect("ba");
    let n = ba_bytes(o).len();
    if n == 0 {
        return Err(vm.new_exc(vm.g.e.IndexError, "pop from empty bytearray"));
    }
    let i = match a.get(1) {
        Some(&x) => Some(norm_index(vm, x, n, "pop")?),
        None => None,
    };
    // The last byte comes off in place (see `lstr::buffer_truncate`).
    let fast = vm.with_mut_lock(o, |_| {
        let st = ba_buffer(o);
        let b = ba_bytes(o);
        let j = i.unwrap_or(b.len().wrapping_sub(1));
        if !lstr::is_buffer(st) || b.is_empty() || j + 1 != b.len() {
            return None;
        }
        let v = b[j];
        // SAFETY: this thread is the buffer's only writer (as in `ba_push`);
        // `b` ends at the old length, and the bytes stay in place.
        unsafe { lstr::buffer_truncate(st, j) };
        Some(v)
    })?;
    if let Some(v) = fast {
        return Ok(Value::int(v as i64));
    }
    let mut popped = None;
    ba_try_update_mut(vm, a[0], |b| {
        let j = i.unwrap_or(b.len().wrapping_sub(1));
        popped = (j < b.len()).then(|| b.remove(j));
        popped.is_some()
    })?;
    match popped {
        Some(v) => Ok(Value::int(v as i64)),
        None if ba_bytes(o).is_empty() => {
            Err(vm.new_exc(vm.g.e.IndexError, "pop from empty bytearray"))
        }
        None => Err(vm.new_exc(vm.g.e.IndexError, "pop index out of range")),
    }
}

fn ba_insert(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pos_args(vm, a, _k, "insert", 2, 2)?;
    let i = vm.index(a[1])?;
    let i = vm.as_i64(i).unwrap_or(i64::MAX);
    let v = byte_value(vm, a[2])?;
    ba_update_mut(vm, a[0], |b| {
        let n = b.len() as i64;
        let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
        b.insert(i, v);
    })?;
    Ok(Value::NONE)
}

fn ba_remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.remove", a, k, 1, 1)?;
    let v = byte_value(vm, a[1])?;
    let found = ba_try_update_mut(vm, a[0], |b| match b.iter().position(|c| *c == v) {
        Some(i) => {
            b.remove(i);
            true
        }
        None => false,
    })?;
    if !found {
        return Err(vm.value_error("value not found in bytearray"));
    }
    Ok(Value::NONE)
}

pub(crate) fn ba_imul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = super::seq::repeat_count(vm, a[1])?.max(0) as usize;
    let fits = ba_try_update_mut(vm, a[0], |b| {
        match engine::runtime::fallible::repeat(b, n) {
            Some(r) => {
                *b = r;
                true
            }
            None => false,
        }
    })?;
    if !fits {
        return Err(vm.no_memory());
    }
    Ok(a[0])
}

/// The right side of a bytearray slice assignment.
fn assign_source(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buf(v) {
        return Ok(b);
    }
    super::memoryview::check_released(vm, v)?;
    let bad = "can assign only bytes, buffers, or iterables of ints in range(0, 256)";
    if is_str(v) || vm.is_int_like(v) {
        return Err(vm.type_error(bad));
    }
    items_as_bytes(vm, v, |vm, _| vm.type_error(bad))
}

/// The bytes of the items iterable `v` yields (each an int in range(256)
/// or an `__index__` object), the items rooted while their `__index__`
/// runs; `iter_err` turns an error of the iteration itself.
fn items_as_bytes(
    vm: &mut Vm,
    v: Value,
    iter_err: impl FnOnce(&mut Vm, PyException) -> PyException,
) -> PyResult<Vec<u8>> {
    let (items, mark) = vm.collect_rooted(v).map_err(|e| iter_err(vm, e))?;
    let r = items.into_iter().map(|x| byte_value(vm, x)).collect();
    vm.pop_roots(mark);
    r
}

fn ba_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.clear", a, k, 0, 0)?;
    set_ba(vm, a[0], &[])?;
    Ok(Value::NONE)
}

fn ba_reverse(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.reverse", a, k, 0, 0)?;
    ba_update_mut(vm, a[0], |b| b.reverse())?;
    Ok(Value::NONE)
}

fn ba_iadd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // bytes and bytearray operands are read in place, their holder rooted
    // across the append (which may allocate a bigger buffer).
    if let Some((holder, b)) = held_bytes(a[1]) {
        let mark = vm.push_root(holder);
        let r = ba_push_mut(vm, a[0], b);
        vm.pop_roots(mark);
        r?;
        return Ok(a[0]);
    }
    let Some(o) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    ba_push_mut(vm, a[0], &o)?;
    Ok(a[0])
}

fn b_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let r = crate::text::bytes_repr(&b, "b");
    if is_ba(a[0]) {
        // CPython's bytearray repr escapes single quotes even inside
        // double quotes.
        let r = if r.starts_with("b\"") {
            format!("b\"{}\"", r[2..r.len() - 1].replace('\'', "\\'"))
        } else {
            r
        };
        let tn = vm.type_name_of(a[0]);
        return Ok(vm.new_str(&format!("{tn}({r})")));
    }
    Ok(vm.new_str(&r))
}

fn b_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [enc, er] = clinic::unpack(vm, "decode", &a[1..], k, ["encoding", "errors"], 0, 0, 2)?;
    for (v, what) in [(enc, "encoding"), (er, "errors")] {
        if let Some(v) = v.filter(|&v| !is_str(v)) {
            let tn = vm.arg_type_name(v);
            return Err(vm.type_error(&format!("decode() argument '{what}' must be str, not {tn}")));
        }
    }
    let enc = enc.map(str_of);
    let er = er.map(str_of);
    // A bytes object is read in place (immutable, and rooted as the
    // receiver while the codecs run); a bytearray's buffer may be replaced
    // by an error handler's Python code, so it is copied.
    let b = match Obj::from_value(a[0]) {
        Some(o) if o.kind() == Kind::BYTES => std::borrow::Cow::Borrowed(str_bytes(a[0])),
        _ => std::borrow::Cow::Owned(buf(a[0]).unwrap_or_default()),
    };
    decode_object(
        vm,
        &b,
        enc.as_deref().unwrap_or("utf-8"),
        er.as_deref().unwrap_or("strict"),
    )
}

fn b_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // bytes + bytes or bytearray: both read in place (the operands are rooted
    // arguments and nothing runs before the copy), copied once, into the result.
    if !is_ba(a[0]) {
        if let (Some((_, x)), Some((_, y))) = (held_bytes(a[0]), held_bytes(a[1])) {
            return vm.new_bytes_concat(&[x, y]);
        }
    }
    let Some(o) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut b = buf(a[0]).unwrap_or_default();
    b.extend(o);
    Ok(wrap(vm, a[0], &b))
}

pub(crate) fn b_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = super::seq::repeat_count(vm, a[1])?;
    // An exact bytes repeated once is itself, as in CPython.
    if n == 1 && vm.type_of(a[0]) == vm.g.types.bytes {
        return Ok(a[0]);
    }
    let b = buf(a[0]).unwrap_or_default();
    let n = n.max(0) as usize;
    let is_bytes = Obj::from_value(a[0]).is_some_and(|o| o.kind() == Kind::BYTES);
    if is_bytes
        && b.len()
            .checked_mul(n)
            .is_none_or(|t| t > isize::MAX as usize)
    {
        return Err(vm.new_exc(vm.g.e.OverflowError, "repeated bytes are too long"));
    }
    let r = vm.try_repeat(&b, n)?;
    Ok(wrap(vm, a[0], &r))
}

// `-b` / `-bb` (`sys.flags.bytes_warning`): str() of bytes and
// comparisons of bytes with str or int issue a BytesWarning. The flag is
// the engine's, whose comparison skips bytes' methods when it is off.
use engine::runtime::ops::BYTES_WARNING;

/// Turns the BytesWarnings of `-b` on (the `protopy` command, at start-up;
/// `-bb`'s error filter is the warnings module's).
pub fn set_bytes_warning(on: bool) {
    BYTES_WARNING.store(on, proto_core::sync::Ordering::Relaxed);
}

fn bytes_warning() -> bool {
    BYTES_WARNING.load(proto_core::sync::Ordering::Relaxed)
}

/// `bytes.__str__` / `bytearray.__str__`: the repr, after a BytesWarning
/// under `-b`.
fn b_str(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if bytes_warning() {
        let msg = if is_ba(a[0]) {
            "str() on a bytearray instance"
        } else {
            "str() on a bytes instance"
        };
        vm.warn(vm.g.exc["BytesWarning"], msg, 1)?;
    }
    b_repr(vm, a, k)
}

/// CPython's `bytes_richcompare` / `bytearray_richcompare` under `-b`: an
/// `==` or `!=` of bytes with a str (or of bytes with an int) warns before
/// the comparison answers NotImplemented.
fn compare_warning(vm: &mut Vm, a: &[Value]) -> PyResult<()> {
    let (x, y) = (a[0], a[1]);
    let s = vm.g.types.str_;
    let msg = if is_ba(x) {
        if !vm.isinstance(y, s) {
            return Ok(());
        }
        "Comparison between bytearray and string"
    } else {
        if Obj::from_value(y).is_some_and(|o| o.kind() == Kind::BYTES) {
            return Ok(());
        }
        if vm.isinstance(y, s) {
            "Comparison between bytes and string"
        } else if vm.isinstance(y, vm.g.types.int) {
            "Comparison between bytes and int"
        } else {
            return Ok(());
        }
    };
    vm.warn(vm.g.exc["BytesWarning"], msg, 1)
}

fn b_cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    if (op == 2 || op == 3) && bytes_warning() {
        compare_warning(vm, a)?;
    }
    // As CPython, bytes compare only with bytes and bytearray; other
    // buffers (memoryview, array) answer for themselves or not at all.
    let bytes_like = |v: Value| {
        Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY)
    };
    if !is_ba(a[0]) && !bytes_like(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
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
    if is_ba(a[0]) {
        let c = vm.g.types.bytearray_iter;
        return Ok(vm.new_seq_iter(c, a[0], 0));
    }
    let b = buf(a[0]).unwrap_or_default();
    let bv = vm.new_bytes(&b);
    let c = vm.g.types.bytes_iter;
    Ok(vm.new_seq_iter(c, bv, 0))
}

fn b_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    if vm.is_int_like(a[1])
        || vm
            .lookup_type(vm.type_of(a[1]), vm.g.names.__index__)
            .is_some()
    {
        let c = byte_value(vm, a[1])?;
        return Ok(Value::bool(b.contains(&c)));
    }
    let n = need_buf(vm, a[1])?;
    Ok(Value::bool(find_sub(&b, &n).is_some()))
}

/// `hex(sep=<unrepresentable>, bytes_per_sep=1)` for any bytes-like `b`:
/// a `sep` given (None too) must have length 1, as CPython's
/// `_Py_strhex_impl` checks.
pub fn hex_impl(vm: &mut Vm, b: &[u8], a: &[Value], k: Value) -> PyResult<Value> {
    let [sep, per] = clinic::unpack(vm, "hex", a, k, ["sep", "bytes_per_sep"], 0, 0, 2)?;
    let sep = match sep {
        None => None,
        Some(v) => {
            let sb: Vec<u8> = if is_str(v) {
                let st = str_of(v);
                if st.chars().count() != 1 {
                    return Err(vm.value_error("sep must be length 1."));
                }
                if !st.is_ascii() {
                    return Err(vm.value_error("sep must be ASCII."));
                }
                st.as_bytes().to_vec()
            } else if let Some(x) = buf(v) {
                if x.len() != 1 {
                    return Err(vm.value_error("sep must be length 1."));
                }
                if !x.is_ascii() {
                    return Err(vm.value_error("sep must be ASCII."));
                }
                x
            } else {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!("object of type '{tn}' has no len()")));
            };
            Some(sb[0] as char)
        }
    };
    let per = match per {
        Some(v) => {
            let i = vm.index(v)?;
            vm.as_i64(i).unwrap_or(i64::MAX)
        }
        None => 1,
    };
    let mut out = String::with_capacity(b.len() * 3);
    let n = b.len();
    let g = per.unsigned_abs().max(1) as usize;
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            if let Some(c) = sep {
                if per != 0 {
                    // Groups of |per| bytes counted from the right (per > 0)
                    // or from the left (per < 0).
                    let boundary = if per > 0 {
                        (n - i).is_multiple_of(g)
                    } else {
                        i.is_multiple_of(g)
                    };
                    if boundary {
                        out.push(c);
                    }
                }
            }
        }
        out.push_str(&format!("{x:02x}"));
    }
    Ok(vm.new_str(&out))
}

fn b_hex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    hex_impl(vm, &b, &a[1..], k)
}

fn b_fromhex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() || a.len() != 2 {
        // A classmethod: its qualified name is its class's.
        let q = format!("{}.fromhex", type_name(a[0]));
        crate::args::check_method(vm, &q, a, k, 1, 1)?;
    }
    if !is_str(a[1]) {
        let tn = vm.arg_type_name(a[1]);
        return Err(vm.type_error(&format!("fromhex() argument must be str, not {tn}")));
    }
    let cps = super::str::cps(a[1]);
    let hexv = |c: u32| char::from_u32(c).and_then(|c| c.to_digit(16));
    let mut out = Vec::new();
    let mut i = 0;
    let bad = |vm: &mut Vm, i: usize| {
        vm.value_error(&format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    while i < cps.len() {
        if matches!(cps[i], 0x20 | 0x09 | 0x0a | 0x0b | 0x0c | 0x0d) {
            i += 1;
            continue;
        }
        let Some(hi) = hexv(cps[i]) else {
            return Err(bad(vm, i));
        };
        i += 1;
        let Some(lo) = cps.get(i).and_then(|c| hexv(*c)) else {
            return Err(bad(vm, i));
        };
        i += 1;
        out.push((hi * 16 + lo) as u8);
    }
    let cls = a[0];
    if vm.is_subtype(cls, vm.g.types.bytearray) {
        let ba = new_bytearray(vm, &out);
        if cls == vm.g.types.bytearray {
            return Ok(ba);
        }
        return vm.call(cls, &[ba], Value::EMPTY);
    }
    let r = vm.new_bytes(&out);
    if cls == vm.g.types.bytes {
        return Ok(r);
    }
    vm.call(cls, &[r], Value::EMPTY)
}

fn b_join(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = if Obj::from_value(a[0]).is_some_and(|o| o.kind() == Kind::BYTES) {
        "bytes.join"
    } else {
        "bytearray.join"
    };
    crate::args::check_method(vm, owner, a, k, 1, 1)?;
    let sep = buf(a[0]).unwrap_or_default();
    let items = super::str::join_items(vm, a[1])?;
    // Every item's bytes (exact bytes borrowed, others copied) and the total
    // size, before the result is allocated: CPython's order (a bad item is a
    // TypeError, then a huge result a MemoryError).
    let mut parts: Vec<std::borrow::Cow<[u8]>> = Vec::with_capacity(items.len());
    let mut size = sep.len().saturating_mul(items.len().saturating_sub(1));
    for (i, &x) in items.iter().enumerate() {
        let b = match Obj::from_value(x) {
            Some(o) if o.kind() == Kind::BYTES => std::borrow::Cow::Borrowed(str_bytes(x)),
            _ => std::borrow::Cow::Owned(buf(x).ok_or_else(|| {
                let tn = vm.type_name_of(x);
                vm.type_error(&format!(
                    "sequence item {i}: expected a bytes-like object, {tn} found"
                ))
            })?),
        };
        size = size.saturating_add(b.len());
        parts.push(b);
    }
    let mut out = vm.try_vec(size)?;
    for (i, b) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(b);
    }
    Ok(wrap(vm, a[0], &out))
}

/// A required bytes-like argument ("a bytes-like object is required, not 'T'").
fn need_buf(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match buf(v) {
        Some(b) => Ok(b),
        None => {
            super::memoryview::check_released(vm, v)?;
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// A byte value given as an int (`ValueError` outside 0..256).
fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) if (0..256).contains(&x) => Ok(x as u8),
        _ => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

/// The `sub` argument of find/count/index: an int byte or a bytes-like object.
fn sub_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buf(v) {
        return Ok(b);
    }
    super::memoryview::check_released(vm, v)?;
    if vm.is_int_like(v)
        || vm
            .lookup_type(vm.type_of(v), vm.g.names.__index__)
            .is_some()
    {
        return Ok(vec![byte_value(vm, v)?]);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "argument should be integer or bytes-like object, not '{tn}'"
    )))
}

/// Resolves optional `start`/`end` arguments like a slice of a sequence of
/// length `n` (None or `__index__` values); `start` may exceed `n`.
fn start_end(vm: &mut Vm, st: Option<Value>, en: Option<Value>, n: usize) -> PyResult<(i64, i64)> {
    let n = n as i64;
    let get = |vm: &mut Vm, v: Option<Value>, d: i64| -> PyResult<i64> {
        match v {
            Some(x) if !x.is_none() => {
                let i = vm.index(x).map_err(|_| {
                    vm.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                })?;
                let i = vm.as_i64(i).unwrap_or_else(|| {
                    if vm
                        .as_bigint(i)
                        .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                    {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }
                });
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
            _ => Ok(d),
        }
    };
    let s = get(vm, st, 0)?;
    let e = get(vm, en, n)?.min(n);
    Ok((s, e))
}

fn count_sub(h: &[u8], n: &[u8], max: usize) -> usize {
    if n.is_empty() {
        return (h.len() + 1).min(max);
    }
    // Non-overlapping matches, left to right, as CPython counts them.
    memchr::memmem::find_iter(h, n).take(max).count()
}

/// find/rfind/index/rindex/count core: (haystack slice offset, result).
fn search(vm: &mut Vm, a: &[Value], k: Value, name: &str, right: bool) -> PyResult<Option<i64>> {
    clinic::method_varargs(vm, owner(a[0]), name, a, k, 1, 3)?;
    let sub = sub_arg(vm, a[1])?;
    let n = self_bytes(a[0]).len();
    let (s, e) = start_end(vm, a.get(2).copied(), a.get(3).copied(), n)?;
    // Read after the bounds' `__index__`, which may have changed a bytearray.
    let b = self_bytes(a[0]);
    let e = e.min(b.len() as i64);
    if s > b.len() as i64 || (e - s) < sub.len() as i64 {
        return Ok(None);
    }
    let h = &b[s as usize..e as usize];
    let r = if right {
        rfind_sub(h, &sub)
    } else {
        find_sub(h, &sub)
    };
    Ok(r.map(|i| i as i64 + s))
}

fn b_find(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    Ok(Value::int(search(vm, a, k, "find", false)?.unwrap_or(-1)))
}
fn b_rfind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    Ok(Value::int(search(vm, a, k, "rfind", true)?.unwrap_or(-1)))
}
fn b_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match search(vm, a, k, "index", false)? {
        Some(i) => Ok(Value::int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}
fn b_rindex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match search(vm, a, k, "rindex", true)? {
        Some(i) => Ok(Value::int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}
fn b_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_varargs(vm, owner(a[0]), "count", a, k, 1, 3)?;
    let sub = sub_arg(vm, a[1])?;
    let n = self_bytes(a[0]).len();
    let (s, e) = start_end(vm, a.get(2).copied(), a.get(3).copied(), n)?;
    let b = self_bytes(a[0]);
    let e = e.min(b.len() as i64);
    if s > b.len() as i64 || e < s {
        return Ok(Value::int(0));
    }
    Ok(Value::int(
        count_sub(&b[s as usize..e as usize], &sub, usize::MAX) as i64,
    ))
}

fn affix(vm: &mut Vm, a: &[Value], k: Value, name: &str, ends: bool) -> PyResult<Value> {
    clinic::method_varargs(vm, owner(a[0]), name, a, k, 1, 3)?;
    let b = buf(a[0]).unwrap_or_default();
    let (s, e) = start_end(vm, a.get(2).copied(), a.get(3).copied(), b.len())?;
    let cands: Vec<Value> = if Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::TUPLE) {
        vm.seq_items(a[1])
    } else {
        vec![a[1]]
    };
    let is_tuple = cands.len() != 1 || cands[0] != a[1];
    for c in cands {
        let Some(p) = buf(c) else {
            super::memoryview::check_released(vm, c)?;
            let tn = vm.type_name_of(if is_tuple { c } else { a[1] });
            return Err(vm.type_error(&format!(
                "{name} first arg must be bytes or a tuple of bytes, not {tn}"
            )));
        };
        if s > b.len() as i64 {
            continue;
        }
        let h = &b[s as usize..(e.max(s)) as usize];
        if (e - s) < p.len() as i64 {
            continue;
        }
        if (ends && h.ends_with(&p)) || (!ends && h.starts_with(&p)) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}
fn b_startswith(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    affix(vm, a, k, "startswith", false)
}
fn b_endswith(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    affix(vm, a, k, "endswith", true)
}

/// ASCII whitespace as `bytes.isspace`/`split()` see it.
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn split_args(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
) -> PyResult<(Option<Vec<u8>>, usize)> {
    let [sep, maxv] = clinic::unpack(vm, name, &a[1..], k, ["sep", "maxsplit"], 0, 0, 2)?;
    let sep = match sep {
        Some(v) if !v.is_none() => {
            let b = need_buf(vm, v)?;
            if b.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(b)
        }
        _ => None,
    };
    let max = match maxv {
        Some(v) => {
            let i = vm.index(v)?;
            let i = vm.as_i64(i).unwrap_or(i64::MAX);
            if i < 0 {
                usize::MAX
            } else {
                i as usize
            }
        }
        None => usize::MAX,
    };
    Ok((sep, max))
}

fn list_of(vm: &mut Vm, like: Value, parts: Vec<Vec<u8>>) -> Value {
    let items: Vec<Value> = parts.iter().map(|p| wrap(vm, like, p)).collect();
    vm.new_list(&items)
}

fn split_bytes(b: &[u8], sep: Option<&[u8]>, max: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = b;
            while out.len() < max {
                match find_sub(rest, sep) {
                    Some(i) => {
                        out.push(rest[..i].to_vec());
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest.to_vec());
        }
        None => {
            let mut i = 0;
            let n = b.len();
            while i < n && is_ws(b[i]) {
                i += 1;
            }
            while i < n {
                if out.len() == max {
                    out.push(b[i..].to_vec());
                    break;
                }
                let st = i;
                while i < n && !is_ws(b[i]) {
                    i += 1;
                }
                out.push(b[st..i].to_vec());
                while i < n && is_ws(b[i]) {
                    i += 1;
                }
            }
        }
    }
    out
}

fn rsplit_bytes(b: &[u8], sep: Option<&[u8]>, max: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = b;
            while out.len() < max {
                match rfind_sub(rest, sep) {
                    Some(i) => {
                        out.push(rest[i + sep.len()..].to_vec());
                        rest = &rest[..i];
                    }
                    None => break,
                }
            }
            out.push(rest.to_vec());
        }
        None => {
            let mut i = b.len();
            while i > 0 && is_ws(b[i - 1]) {
                i -= 1;
            }
            while i > 0 {
                if out.len() == max {
                    out.push(b[..i].to_vec());
                    break;
                }
                let e = i;
                while i > 0 && !is_ws(b[i - 1]) {
                    i -= 1;
                }
                out.push(b[i..e].to_vec());
                while i > 0 && is_ws(b[i - 1]) {
                    i -= 1;
                }
            }
        }
    }
    out.reverse();
    out
}

fn b_split(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (sep, max) = split_args(vm, a, k, "split")?;
    let b = buf(a[0]).unwrap_or_default();
    let parts = split_bytes(&b, sep.as_deref(), max);
    Ok(list_of(vm, a[0], parts))
}

fn b_rsplit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (sep, max) = split_args(vm, a, k, "rsplit")?;
    let b = buf(a[0]).unwrap_or_default();
    let parts = rsplit_bytes(&b, sep.as_deref(), max);
    Ok(list_of(vm, a[0], parts))
}

fn b_splitlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [keep] = clinic::unpack(vm, "splitlines", &a[1..], k, ["keepends"], 0, 0, 1)?;
    let keep = match keep {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let b = buf(a[0]).unwrap_or_default();
    let mut out = Vec::new();
    let mut i = 0;
    let n = b.len();
    while i < n {
        let st = i;
        while i < n && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                eol = i;
            }
        }
        out.push(b[st..eol].to_vec());
    }
    Ok(list_of(vm, a[0], out))
}

fn strip_common(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
    l: bool,
    r: bool,
) -> PyResult<Value> {
    pos_args(vm, a, k, name, 0, 1)?;
    let b = buf(a[0]).unwrap_or_default();
    let chars = match a.get(1) {
        Some(&v) if !v.is_none() => Some(need_buf(vm, v)?),
        _ => None,
    };
    let keep = |c: u8| match &chars {
        Some(cs) => !cs.contains(&c),
        None => !is_ws(c),
    };
    let mut s = 0;
    let mut e = b.len();
    if l {
        while s < e && !keep(b[s]) {
            s += 1;
        }
    }
    if r {
        while e > s && !keep(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(wrap(vm, a[0], &b[s..e]))
}
fn b_strip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_common(vm, a, k, "strip", true, true)
}
fn b_lstrip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_common(vm, a, k, "lstrip", true, false)
}
fn b_rstrip(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    strip_common(vm, a, k, "rstrip", false, true)
}

fn partition_common(vm: &mut Vm, a: &[Value], k: Value, right: bool) -> PyResult<Value> {
    fixed_args(vm, a, k, if right { "rpartition" } else { "partition" }, 1)?;
    let b = buf(a[0]).unwrap_or_default();
    let sep = need_buf(vm, a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        rfind_sub(&b, &sep)
    } else {
        find_sub(&b, &sep)
    };
    let parts: [&[u8]; 3] = match found {
        Some(i) => [&b[..i], &sep, &b[i + sep.len()..]],
        None if right => [&[], &[], &b],
        None => [&b, &[], &[]],
    };
    let items: Vec<Value> = parts.iter().map(|p| wrap(vm, a[0], p)).collect();
    Ok(vm.new_tuple(&items))
}
fn b_partition(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    partition_common(vm, a, k, false)
}
fn b_rpartition(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    partition_common(vm, a, k, true)
}

fn b_replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos_args(vm, a, k, "replace", 2, 3)?;
    let b = buf(a[0]).unwrap_or_default();
    let old = need_buf(vm, a[1])?;
    let new = need_buf(vm, a[2])?;
    let max = match a.get(3) {
        Some(&v) => {
            let i = vm.index(v)?;
            let i = vm.as_i64(i).unwrap_or(i64::MAX);
            if i < 0 {
                usize::MAX
            } else {
                i as usize
            }
        }
        None => usize::MAX,
    };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in b.iter().enumerate() {
            if n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < max {
            out.extend_from_slice(&new);
        }
        return Ok(wrap(vm, a[0], &out));
    }
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        if n < max && b[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            n += 1;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(wrap(vm, a[0], &out))
}

fn pad_common(vm: &mut Vm, a: &[Value], k: Value, name: &str) -> PyResult<Value> {
    pos_args(vm, a, k, name, 1, 2)?;
    let b = buf(a[0]).unwrap_or_default();
    let w = crate::args::py_ssize_t(vm, a[1])?;
    let fill = match a.get(2) {
        Some(&f) => match buf(f) {
            Some(fb)
                if fb.len() == 1
                    && Obj::from_value(f)
                        .is_some_and(|o| o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY) =>
            {
                fb[0]
            }
            _ => {
                let tn = vm.type_name_of(f);
                return Err(vm.type_error(&format!(
                    "{name}() argument 2 must be a byte string of length 1, not {tn}"
                )));
            }
        },
        None => b' ',
    };
    if w <= b.len() as i64 {
        return Ok(wrap(vm, a[0], &b));
    }
    let total = w as usize - b.len();
    let (left, right) = match name {
        "ljust" => (0, total),
        "rjust" => (total, 0),
        _ => {
            // CPython's centering: extra pad goes left when both are odd.
            let l = total / 2 + (total & (w as usize) & 1);
            (l, total - l)
        }
    };
    let mut out = vm.try_vec(w as usize)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(wrap(vm, a[0], &out))
}
fn b_center(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pad_common(vm, a, k, "center")
}
fn b_ljust(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pad_common(vm, a, k, "ljust")
}
fn b_rjust(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pad_common(vm, a, k, "rjust")
}

fn b_zfill(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    fixed_args(vm, a, k, "zfill", 1)?;
    let b = buf(a[0]).unwrap_or_default();
    let w = crate::args::py_ssize_t(vm, a[1])?;
    if w <= b.len() as i64 {
        return Ok(wrap(vm, a[0], &b));
    }
    let fill = w as usize - b.len();
    let mut out = vm.try_vec(w as usize)?;
    let (sign, rest) = match b.first() {
        Some(&c) if c == b'+' || c == b'-' => (Some(c), &b[1..]),
        _ => (None, &b[..]),
    };
    out.extend(sign);
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    Ok(wrap(vm, a[0], &out))
}

fn b_expandtabs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [ts] = clinic::unpack(vm, "expandtabs", &a[1..], k, ["tabsize"], 0, 0, 1)?;
    let ts = match ts {
        Some(v) => crate::args::py_long_as_int(vm, v)?,
        None => 8,
    };
    let b = buf(a[0]).unwrap_or_default();
    let mut out = Vec::new();
    let mut col: i64 = 0;
    for &c in &b {
        match c {
            b'\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(wrap(vm, a[0], &out))
}

/// A `METH_NOARGS` byte mapping.
fn map_bytes(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<Value> {
    fixed_args(vm, a, k, name, 0)?;
    let b = buf(a[0]).unwrap_or_default();
    Ok(wrap(vm, a[0], &f(&b)))
}
fn b_upper(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    map_bytes(vm, a, k, "upper", |b| b.to_ascii_uppercase())
}
fn b_lower(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    map_bytes(vm, a, k, "lower", |b| b.to_ascii_lowercase())
}
fn b_swapcase(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    map_bytes(vm, a, k, "swapcase", |b| {
        b.iter()
            .map(|&c| {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect()
    })
}
fn b_capitalize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    map_bytes(vm, a, k, "capitalize", |b| {
        b.iter()
            .enumerate()
            .map(|(i, &c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}
fn b_title(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    map_bytes(vm, a, k, "title", |b| {
        let mut prev_cased = false;
        b.iter()
            .map(|&c| {
                let r = if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev_cased = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

/// A `METH_NOARGS` predicate.
fn pred(vm: &mut Vm, a: &[Value], k: Value, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    fixed_args(vm, a, k, name, 0)?;
    let b = buf(a[0]).unwrap_or_default();
    Ok(Value::bool(f(&b)))
}
fn b_isalpha(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isalpha", |b| {
        !b.is_empty() && b.iter().all(|c| c.is_ascii_alphabetic())
    })
}
fn b_isdigit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isdigit", |b| {
        !b.is_empty() && b.iter().all(|c| c.is_ascii_digit())
    })
}
fn b_isalnum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isalnum", |b| {
        !b.is_empty() && b.iter().all(|c| c.is_ascii_alphanumeric())
    })
}
fn b_isspace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isspace", |b| {
        !b.is_empty() && b.iter().all(|c| is_ws(*c))
    })
}
fn b_isascii(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isascii", |b| b.is_ascii())
}
fn b_isupper(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "isupper", |b| {
        b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase())
    })
}
fn b_islower(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "islower", |b| {
        b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase())
    })
}
fn b_istitle(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pred(vm, a, k, "istitle", |b| {
        let mut cased = false;
        let mut prev_cased = false;
        for &c in b {
            if c.is_ascii_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_ascii_lowercase() {
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
    })
}

fn b_removeprefix(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    fixed_args(vm, a, k, "removeprefix", 1)?;
    let b = buf(a[0]).unwrap_or_default();
    let p = need_buf(vm, a[1])?;
    let r = b.strip_prefix(p.as_slice()).unwrap_or(&b);
    Ok(wrap(vm, a[0], r))
}
fn b_removesuffix(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    fixed_args(vm, a, k, "removesuffix", 1)?;
    let b = buf(a[0]).unwrap_or_default();
    let p = need_buf(vm, a[1])?;
    let r = if p.is_empty() {
        &b[..]
    } else {
        b.strip_suffix(p.as_slice()).unwrap_or(&b)
    };
    Ok(wrap(vm, a[0], r))
}

fn b_maketrans(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "bytes.maketrans", "maketrans", a, k, 2, 2)?;
    maketrans_impl(vm, a)
}

fn ba_maketrans(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "bytearray.maketrans", "maketrans", a, k, 2, 2)?;
    maketrans_impl(vm, a)
}

fn maketrans_impl(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let f = need_buf(vm, a[0])?;
    let t = need_buf(vm, a[1])?;
    if f.len() != t.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (x, y) in f.iter().zip(t.iter()) {
        table[*x as usize] = *y;
    }
    Ok(vm.new_bytes(&table))
}

fn b_translate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [table, delete] =
        clinic::unpack(vm, "translate", &a[1..], k, ["table", "delete"], 1, 1, 2)?;
    let table = table.expect("required");
    let table = if table.is_none() {
        None
    } else {
        let t = need_buf(vm, table)?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let del = match delete {
        Some(d) => need_buf(vm, d)?,
        None => Vec::new(),
    };
    let b = buf(a[0]).unwrap_or_default();
    // Byte -> replacement, and the deleted bytes, as 256-entry tables.
    let mut map = [0u8; 256];
    for (i, m) in map.iter_mut().enumerate() {
        *m = table.as_ref().map_or(i as u8, |t| t[i]);
    }
    let out: Vec<u8> = if del.is_empty() {
        b.iter().map(|&c| map[c as usize]).collect()
    } else {
        let mut deleted = [false; 256];
        for &d in &del {
            deleted[d as usize] = true;
        }
        let mut out = Vec::with_capacity(b.len());
        out.extend(
            b.iter()
                .filter(|&&c| !deleted[c as usize])
                .map(|&c| map[c as usize]),
        );
        out
    };
    Ok(wrap(vm, a[0], &out))
}

fn b_mod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = super::str::percent_bytes(vm, a[0], a[1])?;
    if is_ba(a[0]) {
        let b = str_bytes(r).to_vec();
        return Ok(wrap(vm, a[0], &b));
    }
    Ok(r)
}

/// `bytes.__rmod__(self, value)` / `bytearray.__rmod__`: `value % self`
/// when `value` is a bytes (resp. bytearray), else NotImplemented.
fn b_rmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let same = if is_ba(a[0]) {
        is_ba(a[1])
    } else {
        Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::BYTES)
    };
    if !same {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    b_mod(vm, &[a[1], a[0]], k)
}

/// `bytes.__bytes__()`: the receiver itself when it is exactly a bytes, else
/// a bytes copy of its value.
fn b_bytes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.type_of(a[0]) == vm.g.types.bytes {
        return Ok(a[0]);
    }
    let b = buf(a[0]).unwrap_or_default();
    Ok(vm.new_bytes(&b))
}

/// `bytearray.__alloc__()`: the bytes allocated for the buffer (its
/// length plus the trailing NUL CPython keeps; 0 when empty).
fn ba_alloc(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = buf(a[0]).map_or(0, |b| b.len());
    Ok(Value::int(if n == 0 { 0 } else { n as i64 + 1 }))
}

/// CPython's bytearray reduce value for `proto`: `(type, (latin-1 text,
/// 'latin-1'), dict)` below protocol 3, `(type, (bytes,), dict)` from 3 on,
/// `(type, (), state)` when empty; `state` is what `v.__getstate__()`
/// returns (object's: None, the instance `__dict__`, or `(dict or None,
/// slot values)` for a subclass with `__slots__`).
fn ba_reduce_proto(vm: &mut Vm, v: Value, proto: i64) -> PyResult<Value> {
    let dict = vm.call_method(v, "__getstate__", &[])?;
    let mark = vm.push_root(dict);
    let b = buf(v).unwrap_or_default();
    let args = if b.is_empty() {
        vm.new_tuple(&[])
    } else if proto < 3 {
        let text: String = b.iter().map(|&c| c as char).collect();
        let (t, enc) = (vm.new_str(&text), vm.new_str("latin-1"));
        vm.new_tuple(&[t, enc])
    } else {
        let bytes = vm.new_bytes(&b);
        vm.new_tuple(&[bytes])
    };
    let tp = vm.type_of(v);
    let r = vm.new_tuple(&[tp, args, dict]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `bytearray.__reduce__()`: the protocol-2 value.
fn ba_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ba_reduce_proto(vm, a[0], 2)
}

/// `bytearray.__reduce_ex__(proto=0)`.
fn ba_reduce_ex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let proto = match a.get(1) {
        Some(&p) => crate::args::py_long_as_int(vm, p)?,
        None => 0,
    };
    ba_reduce_proto(vm, a[0], proto)
}

fn ba_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "bytearray.copy", a, k, 0, 0)?;
    let b = buf(a[0]).unwrap_or_default();
    Ok(wrap(vm, a[0], &b))
}

fn b_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = buf(a[0]).unwrap_or_default();
    let c = vm.new_bytes(&b);
    Ok(vm.new_tuple(&[c]))
}

/// Registers bytes and bytearray.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let common: &[(&'static str, NativeFn)] = &[
        ("__len__", b_len),
        ("__getitem__", b_getitem),
        ("__repr__", b_repr),
        ("__str__", b_str),
        ("decode", b_decode),
        ("__add__", b_add),
        ("__mul__", b_mul),
        ("__rmul__", b_mul),
        ("__mod__", b_mod),
        ("__rmod__", b_rmod),
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
        ("rindex", b_rindex),
        ("istitle", b_istitle),
        ("isascii", b_isascii),
        ("expandtabs", b_expandtabs),
        ("translate", b_translate),
    ];
    let t = vm.g.types.bytes;
    vm.add_static(t, "__new__", bytes_new, false);
    vm.add_static(t, "fromhex", b_fromhex, true);
    vm.add_static(t, "maketrans", b_maketrans, false);
    for &(n, f) in common {
        vm.add_method(t, n, f);
    }
    vm.add_method(t, "__hash__", b_hash);
    vm.add_method(t, "__getnewargs__", b_getnewargs);
    vm.add_method(t, "__bytes__", b_bytes);
    let t = vm.g.types.bytearray;
    vm.add_static(t, "__new__", ba_new, false);
    vm.add_static(t, "fromhex", b_fromhex, true);
    vm.add_static(t, "maketrans", ba_maketrans, false);
    for &(n, f) in common {
        vm.add_method(t, n, f);
    }
    let m: &[(&'static str, NativeFn)] = &[
        ("__init__", ba_init),
        ("__getitem__", ba_getitem),
        ("__setitem__", ba_setitem),
        ("__delitem__", ba_delitem),
        ("append", ba_append),
        ("extend", ba_extend),
        ("pop", ba_pop),
        ("insert", ba_insert),
        ("clear", ba_clear),
        ("remove", ba_remove),
        ("__imul__", ba_imul),
        ("reverse", ba_reverse),
        ("copy", ba_copy),
        ("__alloc__", ba_alloc),
        ("__reduce__", ba_reduce),
        ("__reduce_ex__", ba_reduce_ex),
        ("__iadd__", ba_iadd),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(t, 0, 0, &["__alloc__"]);
    vm.declare_arity(t, 0, 1, &["__reduce_ex__"]);
    vm.add_attr(t, "__hash__", Value::NONE);
    Ok(())
}
