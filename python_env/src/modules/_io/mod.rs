//! The `_io` module (CPython 3.11's `Modules/_io/`): the I/O class
//! hierarchy that `io.py` re-exports and the builtin `open`.
//!
//! - `iobase`: `_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`
//!   and their default methods, written against the Python-level protocol
//!   (they call `self.read`, `self.write`... so Python subclasses work).
//! - `fileio`: `FileIO` over a file descriptor (`open(2)`, `read(2)`...).
//! - `bufferedio`: `BufferedReader`, `BufferedWriter`, `BufferedRandom`,
//!   `BufferedRWPair`.
//! - `textio`: `TextIOWrapper` and `IncrementalNewlineDecoder`.
//! - `stringio`, `bytesio`: the in-memory streams.
//!
//! Layout: every instance is a `K_INSTANCE` object (slot 0 the `__dict__`,
//! then the `__slots__` of Python subclasses) whose native payload holds
//! the Rust state; the Python objects an instance refers to (the raw
//! stream of a buffered object, the buffer of a text wrapper) sit in extra
//! value slots at the end of the object ([`xget`]/[`xset`]), so they are
//! traced and stored through the write barrier like any attribute.
//!
//! Concurrency contract: each object's mutable state lives in an
//! [`IoLock`], a mutex that every operation on the object holds for its
//! whole duration, including calls into the underlying stream, so one
//! operation (a `write`, a `readline`, a `seek`) is atomic with respect to
//! the others on the same object and concurrent use loses or corrupts no
//! data. A thread that finds the lock held waits outside the safepoint
//! handshake (`ProtoContext::blocking`), so a collection never waits for
//! it; the holder may run Python code (a raw stream written in Python)
//! because the state guarded holds no heap values. A re-entrant call from
//! the holding thread (a raw stream calling back into its buffered
//! object) raises RuntimeError, as CPython's buffered objects do.
//!
//! Module state: the module object carries one extra value slot,
//! [`STATE`], a tuple of the classes `open` builds and of
//! `UnsupportedOperation`, so rebinding `_io.FileIO` does not change what
//! `open` returns, and no process-wide static holds a heap value.

mod bufferedio;
mod bytesio;
mod fileio;
mod iobase;
mod stringio;
mod textio;

use engine::runtime::*;
use proto_core::sync::{AtomicUsize, Mutex, MutexGuard, Ordering};
use proto_core::{Obj, Value};

/// `stream.write(text)` (`text` a str's WTF-8 bytes) done natively when
/// `stream` is exactly `_io.TextIOWrapper`; None for any other object.
pub(crate) fn text_write_exact(vm: &mut Vm, stream: Value, text: &[u8]) -> Option<PyResult<()>> {
    textio::write_exact(vm, stream, text)
}

/// `stream.write(text)` (`text` a str) done natively when `stream` is
/// exactly `_io.StringIO` without a `write` of its own; None otherwise.
pub(crate) fn stringio_write_exact(
    vm: &mut Vm,
    stream: Value,
    text: Value,
) -> Option<PyResult<()>> {
    stringio::write_exact(vm, stream, text)
}

/// Whether `v` is exactly `_io.TextIOWrapper` (not a subclass).
pub(crate) fn is_text_exact(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v)
        .and_then(proto_core::native::native_ref::<textio::TextState>)
        .is_some()
        && !is_heap_type(vm.type_of(v))
}

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// Value slot of the module object holding the state tuple.
const STATE: usize = 2;
/// Indices in the state tuple.
const S_FILEIO: usize = 0;
const S_BREADER: usize = 1;
const S_BWRITER: usize = 2;
const S_BRANDOM: usize = 3;
const S_TEXT: usize = 4;
const S_UNSUPPORTED: usize = 5;
const S_LEN: usize = 6;

const MODULE_DOC: &str = "The io module provides the Python interfaces to stream handling. The\n\
builtin open function is defined in this module.\n\
\n\
At the top of the I/O hierarchy is the abstract base class IOBase. It\n\
defines the basic interface to a stream. Note, however, that there is no\n\
separation between reading and writing to streams; implementations are\n\
allowed to raise an OSError if they do not support a given operation.\n\
\n\
Extending IOBase is RawIOBase which deals simply with the reading and\n\
writing of raw bytes to a stream. FileIO subclasses RawIOBase to provide\n\
an interface to OS files.\n\
\n\
BufferedIOBase deals with buffering on a raw byte stream (RawIOBase). Its\n\
subclasses, BufferedWriter, BufferedReader, and BufferedRWPair buffer\n\
streams that are readable, writable, and both respectively.\n\
BufferedRandom provides a buffered interface to random access\n\
streams. BytesIO is a simple stream of in-memory bytes.\n\
\n\
Another IOBase subclass, TextIOBase, deals with the encoding and decoding\n\
of streams into text. TextIOWrapper, which extends it, is a buffered text\n\
interface to a buffered raw stream (`BufferedIOBase`). Finally, StringIO\n\
is an in-memory stream for text.\n\
\n\
Argument names are not part of the specification, and only the arguments\n\
of open() are intended to be used as keyword arguments.\n\
\n\
data:\n\
\n\
DEFAULT_BUFFER_SIZE\n\
\n\
   An int containing the default buffer size used by the module's buffered\n\
   I/O classes. open() uses the file's blksize (as obtained by os.stat) if\n\
   possible.\n";

// ------------------------------------------------------------------ locks

thread_local! {
    /// A per-thread byte whose address identifies the thread to [`IoLock`].
    static TOKEN: u8 = const { 0 };
}

/// A non-zero number unique to the calling thread while it lives.
fn thread_token() -> usize {
    TOKEN.with(|t| t as *const u8 as usize)
}

/// The per-object operation lock (see the module header).
pub(crate) struct IoLock<T> {
    m: Mutex<T>,
    /// [`thread_token`] of the holder, 0 when free.
    owner: AtomicUsize,
}

/// A held [`IoLock`].
pub(crate) struct IoGuard<'a, T> {
    g: MutexGuard<'a, T>,
    owner: &'a AtomicUsize,
}

impl<T> std::ops::Deref for IoGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.g
    }
}

impl<T> std::ops::DerefMut for IoGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.g
    }
}

impl<T> Drop for IoGuard<'_, T> {
    fn drop(&mut self) {
        // Cleared before the mutex is released (fields drop after this).
        self.owner.store(0, Ordering::Relaxed);
    }
}

impl<T> IoLock<T> {
    pub(crate) fn new(v: T) -> IoLock<T> {
        IoLock {
            m: Mutex::new(v),
            owner: AtomicUsize::new(0),
        }
    }

    /// Takes the lock; waits outside the safepoint handshake when another
    /// thread holds it; RuntimeError when this thread already holds it.
    pub(crate) fn lock(&self, vm: &mut Vm, what: &str) -> PyResult<IoGuard<'_, T>> {
        let me = thread_token();
        if self.owner.load(Ordering::Relaxed) == me {
            return Err(vm.exc_by_name(
                "RuntimeError",
                &format!("reentrant call inside <_io.{what}>"),
            ));
        }
        let g = match self.m.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                vm.ctx.blocking(|| proto_core::sync::lock(&self.m))
            }
        };
        self.owner.store(me, Ordering::Relaxed);
        Ok(IoGuard {
            g,
            owner: &self.owner,
        })
    }
}

// ------------------------------------------------------------------ helpers

/// The payload of type `T` of `a[0]` (the method's self), or CPython's
/// descriptor TypeError naming `cls` and method `name`.
pub(crate) fn this<T: 'static>(
    vm: &mut Vm,
    a: &[Value],
    cls: &str,
    name: &str,
) -> PyResult<&'static T> {
    let Some(&s) = a.first() else {
        return Err(vm.type_error(&format!("unbound method {cls}.{name}() needs an argument")));
    };
    match Obj::from_value(s).and_then(proto_core::native::native_ref::<T>) {
        Some(p) => Ok(p),
        None => {
            let tn = vm.type_name_of(s);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_io.{cls}' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Extra value slot `i` of `n` of instance `v` (see the module header).
pub(crate) fn xget(v: Value, n: usize, i: usize) -> Value {
    match Obj::from_value(v) {
        Some(o) if o.n_values() >= n => {
            let x = o.get(o.n_values() - n + i);
            if x == Value::EMPTY {
                Value::NONE
            } else {
                x
            }
        }
        _ => Value::NONE,
    }
}

/// Stores extra value slot `i` of `n` of instance `v`.
pub(crate) fn xset(vm: &mut Vm, v: Value, n: usize, i: usize, x: Value) {
    if let Some(o) = Obj::from_value(v).filter(|o| o.n_values() >= n) {
        let idx = o.n_values() - n + i;
        vm.with_lock(o, |ctx| ctx.store(o, idx, x));
    }
}

/// Allocates an instance of `cls` (checked to be a type deriving from the
/// native class `own`) with `extra` value slots and payload `p`.
pub(crate) fn alloc<T: proto_core::native::Trace + Send + Sync + 'static>(
    vm: &mut Vm,
    a: &[Value],
    own: &str,
    extra: usize,
    p: T,
) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error(&format!("_io.{own}.__new__(): not enough arguments")));
    };
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "_io.{own}.__new__(X): X is not a type object ({tn})"
        )));
    };
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let n = 1 + type_nslots(co) + extra;
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, p);
    if let Some(o) = Obj::from_value(v) {
        for i in n - extra..n {
            o.init(i, Value::NONE);
        }
    }
    Ok(v)
}

/// The `_io` module object (imported if needed) and its state tuple.
fn state(vm: &mut Vm) -> PyResult<Obj> {
    let m = vm.import_module("_io")?;
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > STATE => {
            match Obj::from_value(o.get(STATE)) {
                Some(t) if t.n_values() == S_LEN => Ok(t),
                _ => Err(vm.new_exc(vm.g.e.SystemError, "_io module state is missing")),
            }
        }
        _ => Err(vm.new_exc(vm.g.e.SystemError, "_io module state is missing")),
    }
}

/// `UnsupportedOperation(msg)`.
pub(crate) fn unsupported(vm: &mut Vm, msg: &str) -> PyException {
    let cls = match state(vm) {
        Ok(t) => t.get(S_UNSUPPORTED),
        Err(e) => return e,
    };
    vm.new_exc(cls, msg)
}

/// The builtin named `name` (a class the runtime has no field for).
pub(crate) fn builtin(vm: &mut Vm, name: &str) -> Value {
    let k = vm.intern(name);
    vm.dict_get_str(vm.g.builtins, k).unwrap_or(Value::NONE)
}

/// The builtin exception class `name`.
pub(crate) fn exc_class(vm: &Vm, name: &str) -> Value {
    vm.g.exc.get(name).copied().unwrap_or(vm.g.e.SystemError)
}

/// ValueError "I/O operation on closed file.".
pub(crate) fn closed_error(vm: &mut Vm) -> PyException {
    vm.value_error("I/O operation on closed file.")
}

/// The instance dict as `__getstate__` of `StringIO`/`BytesIO` gives it:
/// a copy, or None when it is empty.
pub(crate) fn state_dict(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let n = vm.intern("__dict__");
    let d = vm.getattr(v, n)?;
    if vm.len(d)? == 0 {
        return Ok(Value::NONE);
    }
    vm.call_method(d, "copy", &[])
}

/// The position item of a `__setstate__` state: an int, not negative
/// (`what`: its TypeError's start).
pub(crate) fn state_pos(vm: &mut Vm, p: Value, what: &str) -> PyResult<usize> {
    if !vm.isinstance(p, vm.g.types.int) {
        let tn = vm.type_name_of(p);
        return Err(vm.type_error(&format!("{what} {tn}")));
    }
    let n = crate::args::py_ssize_t(vm, p)?;
    usize::try_from(n).map_err(|_| vm.value_error("position value cannot be negative"))
}

/// The dict item of a `__setstate__` state, merged into the instance dict
/// (None: nothing; `what`: its TypeError's start).
pub(crate) fn merge_state_dict(vm: &mut Vm, v: Value, d: Value, what: &str) -> PyResult<()> {
    if d.is_none() {
        return Ok(());
    }
    if !vm.isinstance(d, vm.g.types.dict) {
        let tn = vm.type_name_of(d);
        return Err(vm.type_error(&format!("{what} should be a dict, got a {tn}")));
    }
    let n = vm.intern("__dict__");
    let own = vm.getattr(v, n)?;
    vm.call_method(own, "update", &[d])?;
    Ok(())
}

/// The items of a `__setstate__` state: a tuple of at least `n` items.
pub(crate) fn state_items(vm: &mut Vm, cls: &str, state: Value, n: usize) -> PyResult<Vec<Value>> {
    let is_tuple = Obj::from_value(state).is_some_and(|o| o.kind() == Kind::TUPLE);
    let items = if is_tuple {
        vm.seq_items(state)
    } else {
        Vec::new()
    };
    if items.len() < n {
        let tn = vm.type_name_of(state);
        return Err(vm.type_error(&format!(
            "_io.{cls}.__setstate__ argument should be {n}-tuple, got {tn}"
        )));
    }
    Ok(items)
}

/// The calling thread's `errno`.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// `OSError(errno, strerror(errno)[, filename])` (`PyErr_SetFromErrno`
/// and `..WithFilenameObject`): the constructor picks the subclass.
pub(crate) fn os_error(vm: &mut Vm, errno: i32, filename: Option<Value>) -> PyException {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    // Rust appends " (os error N)"; CPython shows strerror alone.
    let text = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let msg = vm.new_str(&text);
    let cls = vm.g.e.OSError;
    let r = match filename {
        Some(f) => vm.call(cls, &[Value::int(i64::from(errno)), msg, f], Value::EMPTY),
        None => vm.call(cls, &[Value::int(i64::from(errno)), msg], Value::EMPTY),
    };
    match r {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// Number of keyword arguments in `kwnames`.
pub(crate) fn nkw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The arguments of an `_io` method whose parameters are positional-only,
/// as most of CPython's are (`read(size=-1, /)`): keywords are refused with
/// CPython's `T.name() takes no keyword arguments` (T the receiver's type,
/// as a bound method names itself), then `minpos` to `N` arguments after
/// the receiver `a[0]`, with CPython's count messages.
pub(crate) fn parse_positional<const N: usize>(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    kwnames: Value,
    minpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let args = &a[1..];
    if !crate::args::count_ok(args.len(), kwnames, minpos, N) {
        if Obj::from_value(kwnames).is_some_and(|k| k.n_values() > 0) {
            let tn = vm.type_qualname_of(a[0]);
            return Err(vm.type_error(&format!("{tn}.{name}() takes no keyword arguments")));
        }
        crate::types::clinic::positional(vm, name, name, args, kwnames, minpos, N)?;
    }
    let mut out = [None; N];
    for (o, &v) in out.iter_mut().zip(args) {
        *o = Some(v);
    }
    Ok(out)
}

/// Argument Clinic's keyword parsing for `fname(names...)` (self excluded
/// from `a`), the first `minpos` required: CPython's checks and messages.
pub(crate) fn parse<const N: usize>(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    kwnames: Value,
    names: [&str; N],
    minpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let kw: Vec<Value> = match Obj::from_value(kwnames) {
        Some(k) => (0..k.n_values()).map(|i| k.get(i)).collect(),
        None => Vec::new(),
    };
    let nargs = a.len() - kw.len();
    let (pos, kwvals) = a.split_at(nargs);
    if nargs > N {
        return Err(vm.type_error(&format!(
            "{fname}() takes at most {N} argument{} ({nargs} given)",
            if N == 1 { "" } else { "s" },
        )));
    }
    let mut out = [None; N];
    out[..nargs].copy_from_slice(&pos.iter().map(|v| Some(*v)).collect::<Vec<_>>());
    for (k, v) in kw.iter().zip(kwvals) {
        let s = if is_str(*k) { str_of(*k) } else { "".into() };
        match names.iter().position(|n| *n == s) {
            Some(i) if i < nargs => {
                return Err(vm.type_error(&format!(
                    "argument for {fname}() given by name ('{s}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(*v),
            None => {
                return Err(vm.type_error(&format!(
                    "{fname}() got an unexpected keyword argument '{s}'"
                )))
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(minpos) {
        if slot.is_none() {
            return Err(vm.type_error(&format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// A positional-only method taking no arguments (`METH_NOARGS`).
pub(crate) fn noargs(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<()> {
    crate::args::check_method(vm, fname, a, k, 0, 0)
}

/// An optional size argument (`_Py_convert_optional_to_ssize_t`): None or
/// absent is -1, otherwise an integer.
pub(crate) fn opt_size(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(-1),
        Some(x) if x.is_none() => Ok(-1),
        Some(x) if x.is_int() => Ok(x.as_int().expect("small int")),
        Some(x) => {
            let idx = vm.intern("__index__");
            let t = vm.type_of(x);
            if !vm.is_int_like(x) && vm.lookup_type(t, idx).is_none() {
                let tn = vm.arg_type_name(x);
                return Err(
                    vm.type_error(&format!("argument should be integer or None, not '{tn}'"))
                );
            }
            crate::args::py_ssize_t(vm, x)
        }
    }
}

/// [`bytes_like`] of a method's argument: a bytes object's own bytes,
/// borrowed (immutable, and held while the argument stays rooted, which an
/// argument is for the whole call), other objects' copied.
pub(crate) fn bytes_arg(
    vm: &mut Vm,
    v: Value,
    what: &str,
) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    if let Some((_, b)) = Obj::from_value(v)
        .filter(|o| o.kind() == Kind::BYTES)
        .and_then(|_| crate::types::bytes::held_bytes(v))
    {
        return Ok(std::borrow::Cow::Borrowed(b));
    }
    bytes_like(vm, v, what).map(std::borrow::Cow::Owned)
}

/// The bytes of a bytes-like object, or CPython's TypeError.
pub(crate) fn bytes_like(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<u8>> {
    if is_str(v) {
        let tn = vm.arg_type_name(v);
        return Err(vm.type_error(&format!(
            "{what}a bytes-like object is required, not '{tn}'"
        )));
    }
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.arg_type_name(v);
            Err(vm.type_error(&format!(
                "{what}a bytes-like object is required, not '{tn}'"
            )))
        }
    }
}

/// Writes `data` at the start of the writable buffer `b` (`b[:n] = data`).
pub(crate) fn write_into(vm: &mut Vm, b: Value, data: &[u8]) -> PyResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    // An array takes bytes through its buffer, not through slice assignment.
    if crate::modules::array::array_storage(b).is_some() {
        return crate::types::memoryview::write_buffer(vm, b, 0, data);
    }
    let n = Value::int(data.len() as i64);
    let sl = vm.call(vm.g.types.slice, &[Value::int(0), n], Value::EMPTY)?;
    let mark = vm.push_root(sl);
    let d = vm.new_bytes(data);
    vm.push_root(d);
    let r = vm.setitem(b, sl, d);
    vm.pop_roots(mark);
    r
}

/// `len(b)` of a writable buffer argument (bytearray, memoryview...),
/// refusing read-only ones as CPython's `w*` converter does.
pub(crate) fn writable_len(vm: &mut Vm, b: Value, fname: &str) -> PyResult<usize> {
    let ok = match Obj::from_value(b) {
        Some(o) if o.kind() == K_BYTEARRAY => true,
        Some(o) if o.kind() == K_MEMORYVIEW => {
            let ro = vm.intern("readonly");
            let r = vm.getattr(b, ro)?;
            !vm.truthy(r)?
        }
        // An array.array is a writable buffer too.
        _ => crate::types::memoryview::is_writable(b),
    };
    if !ok {
        let tn = vm.arg_type_name(b);
        let msg = format!("{fname}() argument must be read-write bytes-like object, not {tn}");
        return Err(vm.type_error(&msg));
    }
    match crate::modules::array::array_bytes(b) {
        Some(x) => Ok(x.len()),
        None => vm.len(b),
    }
}

/// `-X warn_default_encoding` (`sys.flags.warn_default_encoding`): an
/// encoding left to its default issues EncodingWarning.
static WARN_DEFAULT_ENCODING: proto_core::sync::AtomicBool =
    proto_core::sync::AtomicBool::new(false);

/// Turns `-X warn_default_encoding` on (the `protopy` command, at start-up).
pub fn set_warn_default_encoding(on: bool) {
    WARN_DEFAULT_ENCODING.store(on, Ordering::Relaxed);
}

/// Under `-X warn_default_encoding`: the EncodingWarning of an encoding
/// left to its default, blaming the frame `stacklevel` up (1: the Python
/// code that called the native function).
pub(crate) fn warn_default_encoding(vm: &mut Vm, stacklevel: i64) -> PyResult<()> {
    if !WARN_DEFAULT_ENCODING.load(Ordering::Relaxed) {
        return Ok(());
    }
    let w = exc_class(vm, "EncodingWarning");
    vm.warn(w, "'encoding' argument not specified", stacklevel)
}

/// `text_encoding(encoding, stacklevel=2, /)`: the encoding, or for None
/// "utf-8" in the UTF-8 mode and "locale" outside it (after an
/// EncodingWarning under `-X warn_default_encoding`). Positional-only, as
/// CPython's.
fn text_encoding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "io.text_encoding", "text_encoding", a, k, 1, 2)?;
    let enc = a[0];
    if enc.is_none() {
        let level = match a.get(1) {
            Some(&l) => crate::args::py_long_as_int(vm, l)?,
            None => 2,
        };
        warn_default_encoding(vm, level)?;
        let name = if crate::modules::sys::utf8_mode() {
            "utf-8"
        } else {
            "locale"
        };
        return Ok(vm.new_str(name));
    }
    Ok(enc)
}

/// `open_code(path)`: `open(path, "rb")`.
fn open_code(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [path] = parse(vm, "open_code", a, k, ["path"], 1)?;
    let path = path.unwrap_or(Value::NONE);
    if !is_str(path) {
        let tn = vm.arg_type_name(path);
        return Err(vm.type_error(&format!(
            "open_code() argument 'path' must be str, not {tn}"
        )));
    }
    let rb = vm.new_str("rb");
    open(vm, &[path, rb], Value::EMPTY)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`: the builtin `open`.
pub fn open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [file, mode, buffering, encoding, errors, newline, closefd, opener] = parse(
        vm,
        "open",
        a,
        k,
        [
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let file = file.unwrap_or(Value::NONE);
    let mode_v = match mode {
        Some(m) if is_str(m) => m,
        Some(m) => {
            let tn = vm.arg_type_name(m);
            return Err(vm.type_error(&format!("open() argument 'mode' must be str, not {tn}")));
        }
        None => vm.new_str("r"),
    };
    let mark = vm.push_root(mode_v);
    // As CPython's io.open: a file that is not a number goes through
    // os.fspath first, so the raw file's `name` (and an error's
    // `filename`) is the path's str or bytes, not the path object.
    let r = if vm.is_number(file) {
        Ok(file)
    } else {
        crate::modules::posix::path::fspath_value(vm, file)
    }
    .and_then(|file| {
        vm.push_root(file);
        open_impl(
            vm, file, mode_v, buffering, encoding, errors, newline, closefd, opener,
        )
    });
    vm.pop_roots(mark);
    r
}

fn opt_str(vm: &mut Vm, v: Option<Value>, what: &str) -> PyResult<Option<Value>> {
    match v {
        None => Ok(None),
        Some(x) if x.is_none() => Ok(None),
        Some(x) if is_str(x) => Ok(Some(x)),
        Some(x) => {
            let tn = vm.arg_type_name(x);
            Err(vm.type_error(&format!(
                "open() argument '{what}' must be str or None, not {tn}"
            )))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn open_impl(
    vm: &mut Vm,
    file: Value,
    mode_v: Value,
    buffering: Option<Value>,
    encoding: Option<Value>,
    errors: Option<Value>,
    newline: Option<Value>,
    closefd: Option<Value>,
    opener: Option<Value>,
) -> PyResult<Value> {
    let mut buffering = match buffering {
        Some(b) => crate::args::py_long_as_int(vm, b)?,
        None => -1,
    };
    let encoding = opt_str(vm, encoding, "encoding")?;
    let errors = opt_str(vm, errors, "errors")?;
    let newline = opt_str(vm, newline, "newline")?;
    let closefd = match closefd {
        Some(c) => vm.truthy(c)?,
        None => true,
    };
    let mode = str_of(mode_v).into_owned();
    let (mut creating, mut reading, mut writing, mut appending, mut updating) =
        (false, false, false, false, false);
    let (mut text, mut binary) = (false, false);
    let mut seen = String::new();
    for c in mode.chars() {
        let flag = match c {
            'x' => &mut creating,
            'r' => &mut reading,
            'w' => &mut writing,
            'a' => &mut appending,
            '+' => &mut updating,
            't' => &mut text,
            'b' => &mut binary,
            _ => return Err(vm.value_error(&format!("invalid mode: '{mode}'"))),
        };
        if *flag || seen.contains(c) {
            return Err(vm.value_error(&format!("invalid mode: '{mode}'")));
        }
        *flag = true;
        seen.push(c);
    }
    let mut rawmode = String::new();
    for (f, c) in [
        (creating, 'x'),
        (reading, 'r'),
        (writing, 'w'),
        (appending, 'a'),
        (updating, '+'),
    ] {
        if f {
            rawmode.push(c);
        }
    }
    if text && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    // No mode letter at all is left to FileIO, as CPython does.
    let n = [creating, reading, writing, appending]
        .iter()
        .filter(|f| **f)
        .count();
    if n > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if binary && buffering == 1 {
        let w = exc_class(vm, "RuntimeWarning");
        vm.warn(
            w,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
            1,
        )?;
    }
    let st = state(vm)?;
    let classes = [
        st.get(S_FILEIO),
        st.get(S_BREADER),
        st.get(S_BWRITER),
        st.get(S_BRANDOM),
        st.get(S_TEXT),
    ];
    let mark = vm.root_values(&classes);
    let rawmode_v = vm.new_str(&rawmode);
    vm.push_root(rawmode_v);
    let cfd = Value::bool(closefd);
    let op = opener.unwrap_or(Value::NONE);
    let raw = vm.call(classes[0], &[file, rawmode_v, cfd, op], Value::EMPTY)?;
    vm.push_root(raw);
    let r = (|| -> PyResult<Value> {
        let mut line_buffering = false;
        if buffering == 1 || buffering < 0 {
            let t = vm.call_method(raw, "isatty", &[])?;
            if vm.truthy(t)? {
                line_buffering = true;
            }
        }
        if buffering == 1 {
            line_buffering = true;
            buffering = -1;
        }
        if buffering < 0 {
            buffering = fileio::blksize(raw).map_or(DEFAULT_BUFFER_SIZE as i64, |b| {
                if b > 1 {
                    b
                } else {
                    DEFAULT_BUFFER_SIZE as i64
                }
            });
        }
        if buffering == 0 {
            if binary {
                return Ok(raw);
            }
            return Err(vm.value_error("can't have unbuffered text I/O"));
        }
        let cls = if updating {
            classes[3]
        } else if creating || writing || appending {
            classes[2]
        } else {
            classes[1]
        };
        let buffer = vm.call(cls, &[raw, Value::int(buffering)], Value::EMPTY)?;
        vm.push_root(buffer);
        if binary {
            return Ok(buffer);
        }
        (|| -> PyResult<Value> {
            let enc = encoding.unwrap_or(Value::NONE);
            let err = errors.unwrap_or(Value::NONE);
            let nl = newline.unwrap_or(Value::NONE);
            let w = vm.call(
                classes[4],
                &[buffer, enc, err, nl, Value::bool(line_buffering)],
                Value::EMPTY,
            )?;
            vm.push_root(w);
            let m = vm.intern("mode");
            vm.setattr(w, m, mode_v)?;
            Ok(w)
        })()
    })();
    let r = match r {
        Ok(v) => Ok(v),
        Err(e) => {
            // Close the raw file (and so the descriptor) on failure, as
            // CPython does; the original error wins.
            vm.push_root(e.0);
            let _ = vm.call_method(raw, "close", &[]);
            Err(e)
        }
    };
    vm.pop_roots(mark);
    r
}

/// Creates the `_io` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let d = vm.new_dict();
    let mo = vm.alloc_obj(K_MODULE, vm.g.types.module, STATE + 1, 0);
    mo.init(0, d);
    let n = vm.new_str("_io");
    mo.init(1, n);
    mo.init(STATE, Value::NONE);
    let m = mo.value();
    let mark = vm.push_root(m);
    vm.set_module_attr(m, "__name__", n);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let modname = vm.new_str("_io");
    vm.ctx.promote(modname);

    vm.set_module_attr(
        m,
        "DEFAULT_BUFFER_SIZE",
        Value::int(DEFAULT_BUFFER_SIZE as i64),
    );
    vm.set_module_attr(m, "BlockingIOError", exc_class(vm, "BlockingIOError"));

    // class UnsupportedOperation(OSError, ValueError), module 'io'.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let k = vm.intern("__module__");
    let io_name = vm.new_str("io");
    vm.dict_set_str(ns, k, io_name);
    let name = vm.new_str("UnsupportedOperation");
    let bases = vm.new_tuple(&[vm.g.e.OSError, vm.g.e.ValueError]);
    let unsupported = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.set_module_attr(m, "UnsupportedOperation", unsupported);

    let base = iobase::create(vm, m, modname);
    let fileio = fileio::create(vm, m, modname, base.raw);
    let (breader, bwriter, brandom) = bufferedio::create(vm, m, modname, base.buffered);
    bytesio::create(vm, m, modname, base.buffered);
    stringio::create(vm, m, modname, base.text);
    let text = textio::create(vm, m, modname, base.text);

    let fns: &[(&'static str, NativeFn)] =
        &[("open_code", open_code), ("text_encoding", text_encoding)];
    vm.add_module_functions(m, fns);
    // The builtin `open` is this module's `open` (one object, as in CPython).
    let ko = vm.intern("open");
    let open_fn = match vm.dict_get_str(vm.g.builtins, ko) {
        Some(f) => f,
        None => vm.new_builtin("open", open, false),
    };
    vm.set_module_attr(m, "open", open_fn);

    let mut items = vec![Value::NONE; S_LEN];
    items[S_FILEIO] = fileio;
    items[S_BREADER] = breader;
    items[S_BWRITER] = bwriter;
    items[S_BRANDOM] = brandom;
    items[S_TEXT] = text;
    items[S_UNSUPPORTED] = unsupported;
    let t = vm.new_tuple(&items);
    vm.store(mo, STATE, t);
    vm.pop_roots(mark);
    // CPython's _io module is named `io`: its functions say so.
    vm.retag_module_functions(m, "io");
    Ok(m)
}

/// Makes a static class `name` deriving from `base` (a base type whose
/// instances have a `__dict__`), in module `_io`, with `doc`.
pub(crate) fn new_class(
    vm: &mut Vm,
    m: Value,
    modname: Value,
    name: &str,
    base: Value,
    doc: &str,
) -> Value {
    let t = vm.new_static_type(name, base, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    let d = vm.new_str(doc);
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
    vm.set_module_attr(m, name, t);
    t
}

/// Adds a read-only (or read-write with `set`) property to class `t`.
pub(crate) fn add_getset(
    vm: &mut Vm,
    t: Value,
    name: &'static str,
    get: NativeFn,
    set: Option<NativeFn>,
) {
    let p = vm.new_native_getset(t, name, get, set);
    vm.add_attr(t, name, p);
}

/// Adds the methods `ms` to class `t`.
pub(crate) fn add_methods(vm: &mut Vm, t: Value, ms: &[(&'static str, NativeFn)]) {
    for &(n, f) in ms {
        vm.add_method(t, n, f);
    }
}
