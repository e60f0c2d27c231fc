//! `_io._IOBase`, `_RawIOBase`, `_BufferedIOBase` and `_TextIOBase`: the
//! abstract bases with CPython's default methods (`Modules/_io/iobase.c`,
//! `bufferedio.c`, `textio.c`), written against the Python-level protocol
//! so that Python subclasses (`io.RawIOBase` subclasses...) work.
//!
//! Closing state follows CPython: `close()` sets the instance attribute
//! `__IOBase_closed`, which the `closed` property reads. `__del__` closes
//! an open stream (CPython's `iobase_finalize`); the collector runs it for
//! the writable buffered streams and text wrappers, which register
//! themselves when initialised, so that data written to a file dropped
//! without `close()` reaches it.

use super::*;

/// The four base classes.
pub(crate) struct Bases {
    pub raw: Value,
    pub buffered: Value,
    pub text: Value,
}

const IOBASE_DOC: &str = "The abstract base class for all I/O classes.\n\n\
This class provides dummy implementations for many methods that\n\
derived classes can override selectively; the default implementations\n\
represent a file that cannot be read, written or seeked.\n\n\
Even though IOBase does not declare read, readinto, or write because\n\
their signatures will vary, implementations and clients should\n\
consider those methods part of the interface. Also, implementations\n\
may raise UnsupportedOperation when operations they do not support are\n\
called.\n\n\
The basic type used for binary data read from or written to a file is\n\
bytes. Other bytes-like objects are accepted as method arguments too.\n\
In some cases (such as readinto), a writable object is required. Text\n\
I/O classes work with str data.\n\n\
Note that calling any method (except additional calls to close(),\n\
which are ignored) on a closed stream should raise a ValueError.\n\n\
IOBase (and its subclasses) support the iterator protocol, meaning\n\
that an IOBase object can be iterated over yielding the lines in a\n\
stream.\n\n\
IOBase also supports the :keyword:`with` statement. In this example,\n\
fp is closed after the suite of the with statement is complete:\n\n\
with open('spam.txt', 'r') as fp:\n    fp.write('Spam and eggs!')\n";
const RAW_DOC: &str = "Base class for raw binary I/O.";
const BUFFERED_DOC: &str = "Base class for buffered IO objects.\n\n\
The main difference with RawIOBase is that the read() method\n\
supports omitting the size argument, and does not have a default\n\
implementation that defers to readinto().\n\n\
In addition, read(), readinto() and write() may raise\n\
BlockingIOError if the underlying raw stream is in non-blocking\n\
mode and not ready; unlike their raw counterparts, they will never\n\
return None.\n\n\
A typical implementation should not inherit from a RawIOBase\n\
implementation, but wrap one.\n";
const TEXT_DOC: &str = "Base class for text I/O.\n\n\
This class provides a character and line based interface to stream\n\
I/O. There is no readinto method because Python's character strings\n\
are immutable.\n";

/// `self.__IOBase_closed` is set (the base `closed`).
pub(crate) fn base_closed(vm: &mut Vm, s: Value) -> PyResult<bool> {
    let n = vm.intern("__IOBase_closed");
    match vm.getattr_opt(s, n)? {
        Some(v) => vm.truthy(v),
        None => Ok(false),
    }
}

/// `self.closed` is true.
pub(crate) fn is_closed(vm: &mut Vm, s: Value) -> PyResult<bool> {
    if let Some(c) =
        super::fileio::closed_fast(vm, s).or_else(|| super::bufferedio::closed_fast(vm, s))
    {
        return Ok(c);
    }
    if let Some(c) = super::bytesio::closed_fast(vm, s) {
        return Ok(c);
    }
    let n = vm.g.names.closed;
    let v = vm.getattr(s, n)?;
    vm.truthy(v)
}

/// ValueError if `self.closed`.
pub(crate) fn check_closed(vm: &mut Vm, s: Value) -> PyResult<()> {
    if is_closed(vm, s)? {
        return Err(closed_error(vm));
    }
    Ok(())
}

fn self_of(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    match a.first() {
        Some(&s) => Ok(s),
        None => Err(vm.type_error(&format!(
            "unbound method _IOBase.{name}() needs an argument"
        ))),
    }
}

fn iob_seek(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "seek"))
}

fn iob_truncate(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "truncate"))
}

fn iob_fileno(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "fileno"))
}

fn iob_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    vm.call_method(s, "seek", &[Value::int(0), Value::int(1)])
}

fn iob_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "flush")?;
    noargs(vm, "flush", a, k)?;
    if base_closed(vm, s)? {
        return Err(closed_error(vm));
    }
    Ok(Value::NONE)
}

pub(crate) fn iob_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    if base_closed(vm, s)? {
        return Ok(Value::NONE);
    }
    let r = vm.call_method(s, "flush", &[]);
    let mark = if let Err(e) = &r {
        vm.push_root(e.0)
    } else {
        vm.push_root(Value::NONE)
    };
    let n = vm.intern("__IOBase_closed");
    let set = vm.setattr(s, n, Value::TRUE);
    vm.pop_roots(mark);
    r?;
    set?;
    Ok(Value::NONE)
}

/// `__del__` (CPython's `iobase_finalize`): closes the stream unless
/// `closed` says it is closed or cannot be read. An error from `close()` is
/// reported as unraisable under `-X dev` and dropped otherwise, as CPython
/// does (a finalizer has no caller to raise to).
fn iob_del(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "__del__")?;
    noargs(vm, "__del__", a, k)?;
    let n = vm.intern("closed");
    let closed = match vm.getattr_opt(s, n) {
        Ok(Some(c)) => vm.truthy(c).unwrap_or(true),
        _ => true,
    };
    if closed {
        return Ok(Value::NONE);
    }
    if let Err(e) = vm.call_method(s, "close", &[]) {
        if crate::modules::sys::dev_mode() {
            let mark = vm.push_root(e.0);
            crate::modules::sys::write_unraisable(vm, None, s, e.0);
            vm.pop_roots(mark);
        }
    }
    Ok(Value::NONE)
}

/// Lists `obj` (a buffered stream or text wrapper just initialised for
/// writing) for the collector's finalization, so that [`iob_del`] closes
/// and flushes it when it is dropped open; `inner`, a stream the wrapper
/// closes itself, is taken off the list (closing it first would leave the
/// wrapper's pending text nowhere to go).
pub(crate) fn finalize_on_drop(vm: &mut Vm, obj: Value, inner: Option<Value>) {
    if let Some(i) = inner {
        engine::runtime::finalize::unregister(i);
    }
    engine::runtime::finalize::register(vm, obj);
}

fn iob_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "closed")?;
    Ok(Value::bool(base_closed(vm, s)?))
}

fn iob_false(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    noargs(vm, "seekable", a, k)?;
    Ok(Value::FALSE)
}

fn iob_check_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "_checkClosed")?;
    check_closed(vm, s)?;
    Ok(Value::NONE)
}

fn check_able(vm: &mut Vm, a: &[Value], meth: &str, msg: &str) -> PyResult<Value> {
    let s = self_of(vm, a, meth)?;
    let r = vm.call_method(s, meth, &[])?;
    if r != Value::TRUE {
        return Err(unsupported(vm, msg));
    }
    Ok(r)
}

pub(crate) fn iob_check_seekable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check_able(vm, a, "seekable", "File or stream is not seekable.")
}

pub(crate) fn iob_check_readable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check_able(vm, a, "readable", "File or stream is not readable.")
}

pub(crate) fn iob_check_writable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check_able(vm, a, "writable", "File or stream is not writable.")
}

fn iob_isatty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "isatty")?;
    noargs(vm, "isatty", a, k)?;
    check_closed(vm, s)?;
    Ok(Value::FALSE)
}

fn iob_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "__enter__")?;
    check_closed(vm, s)?;
    Ok(s)
}

fn iob_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "__exit__")?;
    vm.call_method(s, "close", &[])
}

fn iob_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "__iter__")?;
    check_closed(vm, s)?;
    Ok(s)
}

fn iob_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "__next__")?;
    let line = vm.call_method(s, "readline", &[])?;
    let mark = vm.push_root(line);
    let n = vm.len(line);
    vm.pop_roots(mark);
    if n? == 0 {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(line)
}

fn iob_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "readline")?;
    let [size] = parse_positional(vm, "readline", a, k, 0)?;
    let limit = opt_size(vm, size)?;
    let peek = vm.intern("peek");
    let has_peek = vm.getattr_opt(s, peek)?.is_some();
    let mut buf: Vec<u8> = Vec::new();
    while limit < 0 || (buf.len() as i64) < limit {
        let mut nreadahead: i64 = 1;
        if has_peek {
            let ra = vm.call_method(s, "peek", &[Value::int(1)])?;
            let Some(o) = Obj::from_value(ra).filter(|o| o.kind() == Kind::BYTES) else {
                let tn = vm.type_name_of(ra);
                return Err(vm.new_exc(
                    vm.g.e.OSError,
                    &format!("peek() should have returned a bytes object, not '{tn}'"),
                ));
            };
            let b = str_bytes(o.value());
            if !b.is_empty() {
                let mut n = 0usize;
                while n < b.len() && (limit < 0 || (n as i64) < limit - buf.len() as i64) {
                    n += 1;
                    if b[n - 1] == b'\n' {
                        break;
                    }
                }
                nreadahead = n as i64;
            }
        }
        let b = vm.call_method(s, "read", &[Value::int(nreadahead)])?;
        let Some(o) = Obj::from_value(b).filter(|o| o.kind() == Kind::BYTES) else {
            let tn = vm.type_name_of(b);
            return Err(vm.new_exc(
                vm.g.e.OSError,
                &format!("read() should have returned a bytes object, not '{tn}'"),
            ));
        };
        let bytes = str_bytes(o.value());
        if bytes.is_empty() {
            break;
        }
        buf.extend_from_slice(bytes);
        if buf.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(vm.new_bytes(&buf))
}

fn iob_readlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "readlines")?;
    let [hint] = parse_positional(vm, "readlines", a, k, 0)?;
    let hint = opt_size(vm, hint)?;
    let list = vm.new_list(&[]);
    let mark = vm.push_root(list);
    let r = (|| -> PyResult<Value> {
        let it = vm.iter(s)?;
        vm.push_root(it);
        let mut length: i64 = 0;
        while let Some(line) = vm.next(it)? {
            vm.list_append(list, line);
            if hint > 0 {
                length = length.saturating_add(vm.len(line)? as i64);
                if length > hint {
                    break;
                }
            }
        }
        Ok(list)
    })();
    vm.pop_roots(mark);
    r
}

fn iob_writelines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "writelines")?;
    crate::args::check_method(vm, "writelines", a, k, 1, 1)?;
    check_closed(vm, s)?;
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    let r = (|| -> PyResult<Value> {
        while let Some(line) = vm.next(it)? {
            vm.push_root(line);
            vm.call_method(s, "write", &[line])?;
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ raw

fn raw_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let n = opt_size(vm, size)?;
    if n < 0 {
        return vm.call_method(s, "readall", &[]);
    }
    let ba = vm.call(vm.g.types.bytearray, &[Value::int(n)], Value::EMPTY)?;
    let mark = vm.push_root(ba);
    let r = (|| -> PyResult<Value> {
        let got = vm.call_method(s, "readinto", &[ba])?;
        if got.is_none() {
            return Ok(Value::NONE);
        }
        let got = vm.index_isize(got)?;
        if got < 0 || got as i64 > n {
            return Err(vm.value_error(&format!("readinto returned {got} outside buffer size {n}")));
        }
        let data = crate::types::bytes::buf(ba).unwrap_or_default();
        Ok(vm.new_bytes(data.get(..got as usize).unwrap_or(&[])))
    })();
    vm.pop_roots(mark);
    r
}

fn raw_readall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = self_of(vm, a, "readall")?;
    noargs(vm, "readall", a, k)?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let d = vm.call_method(s, "read", &[Value::int(DEFAULT_BUFFER_SIZE as i64)])?;
        if d.is_none() {
            if out.is_empty() {
                return Ok(Value::NONE);
            }
            break;
        }
        let Some(o) = Obj::from_value(d).filter(|o| o.kind() == Kind::BYTES) else {
            return Err(vm.type_error("read() should return bytes"));
        };
        let b = str_bytes(o.value());
        if b.is_empty() {
            break;
        }
        out.extend_from_slice(b);
    }
    Ok(vm.new_bytes(&out))
}

fn not_implemented(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.e.NotImplementedError;
    let args = vm.new_tuple(&[]);
    Err(vm.new_exc_args(cls, args))
}

// ------------------------------------------------------------------ buffered

fn buf_read(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "read"))
}
fn buf_read1(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "read1"))
}
fn buf_write(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "write"))
}
fn any_detach(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "detach"))
}
fn text_readline(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(unsupported(vm, "readline"))
}

fn buf_readinto_generic(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    meth: &'static str,
    name: &str,
) -> PyResult<Value> {
    let s = self_of(vm, a, name)?;
    crate::args::check_method(vm, name, a, k, 1, 1)?;
    let b = a[1];
    let n = writable_len(vm, b, name)?;
    let d = vm.call_method(s, meth, &[Value::int(n as i64)])?;
    let Some(o) = Obj::from_value(d).filter(|o| o.kind() == Kind::BYTES) else {
        return Err(vm.type_error("read() should return bytes"));
    };
    let data = str_bytes(o.value());
    if data.len() > n {
        return Err(vm.value_error(&format!(
            "read() returned too much data: {n} bytes requested, {} returned",
            data.len()
        )));
    }
    let mark = vm.push_root(d);
    let r = write_into(vm, b, data);
    vm.pop_roots(mark);
    r?;
    Ok(Value::int(data.len() as i64))
}

fn buf_readinto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    buf_readinto_generic(vm, a, k, "read", "readinto")
}

fn buf_readinto1(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    buf_readinto_generic(vm, a, k, "read1", "readinto1")
}

fn none_getter(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// Creates the four base classes in module `m`.
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value) -> Bases {
    let iob = new_class(vm, m, modname, "_IOBase", vm.g.types.object, IOBASE_DOC);
    add_methods(
        vm,
        iob,
        &[
            ("seek", iob_seek),
            ("tell", iob_tell),
            ("truncate", iob_truncate),
            ("flush", iob_flush),
            ("close", iob_close),
            ("seekable", iob_false),
            ("readable", iob_false),
            ("writable", iob_false),
            ("_checkClosed", iob_check_closed),
            ("_checkSeekable", iob_check_seekable),
            ("_checkReadable", iob_check_readable),
            ("_checkWritable", iob_check_writable),
            ("fileno", iob_fileno),
            ("isatty", iob_isatty),
            ("__enter__", iob_enter),
            ("__exit__", iob_exit),
            ("__iter__", iob_iter),
            ("__next__", iob_next),
            ("readline", iob_readline),
            ("readlines", iob_readlines),
            ("writelines", iob_writelines),
            ("__del__", iob_del),
        ],
    );
    add_getset(vm, iob, "closed", iob_closed, None);

    let raw = new_class(vm, m, modname, "_RawIOBase", iob, RAW_DOC);
    add_methods(
        vm,
        raw,
        &[
            ("read", raw_read),
            ("readall", raw_readall),
            ("readinto", not_implemented),
            ("write", not_implemented),
        ],
    );

    let buffered = new_class(vm, m, modname, "_BufferedIOBase", iob, BUFFERED_DOC);
    add_methods(
        vm,
        buffered,
        &[
            ("detach", any_detach),
            ("read", buf_read),
            ("read1", buf_read1),
            ("readinto", buf_readinto),
            ("readinto1", buf_readinto1),
            ("write", buf_write),
        ],
    );

    let text = new_class(vm, m, modname, "_TextIOBase", iob, TEXT_DOC);
    add_methods(
        vm,
        text,
        &[
            ("detach", any_detach),
            ("read", buf_read),
            ("readline", text_readline),
            ("write", buf_write),
        ],
    );
    add_getset(vm, text, "encoding", none_getter, None);
    add_getset(vm, text, "newlines", none_getter, None);
    add_getset(vm, text, "errors", none_getter, None);
    // Python subclasses of the four bases (gzip.GzipFile, socket.SocketIO,
    // io.IOBase itself) inherit the flag, so their instances are finalized
    // (closed and flushed) when dropped open, as CPython's tp_finalize
    // does. The native classes built on these bases do not inherit it
    // (static types take no TF_HAS_DEL from their base): their writable
    // instances list themselves in `finalize_on_drop`, and the in-memory
    // and read-only ones have nothing to lose.
    for t in [iob, raw, buffered, text] {
        let o = Obj::from_value(t).expect("_io base class");
        set_type_flags(o, type_flags(o) | TF_HAS_DEL);
    }
    Bases {
        raw,
        buffered,
        text,
    }
}
