//! `_io.BufferedReader`, `BufferedWriter`, `BufferedRandom` and
//! `BufferedRWPair` (CPython's `Modules/_io/bufferedio.c`).
//!
//! One payload type serves the three single-stream classes: a read buffer
//! (`rbuf[rpos..]`, bytes read from the raw stream ahead of the logical
//! position) and a write buffer (`wbuf`, bytes not yet written, which
//! logically start at the raw stream's position). At most one of them is
//! non-empty: a write first moves the raw position back over unread bytes,
//! a read first flushes pending writes. The raw stream is in the object's
//! extra value slot. When it is a native `FileIO` (not a subclass) the
//! system calls are made directly instead of through `readinto`/`write`.
//! Every operation holds the object's [`IoLock`] for its whole duration
//! (see the module header of `_io`).

use super::fileio;
use super::*;
use proto_core::sync::AtomicBool;

const READER_DOC: &str = "Create a new buffered reader using the given readable raw IO object.";
const WRITER_DOC: &str = "A buffer for a writeable sequential RawIO object.\n\n\
The constructor creates a BufferedWriter for the given writeable raw\n\
stream. If the buffer_size is not given, it defaults to\n\
DEFAULT_BUFFER_SIZE.";
const RANDOM_DOC: &str = "A buffered interface to random access streams.\n\n\
The constructor creates a reader and writer for a seekable stream,\n\
raw, given in the first argument. If the buffer_size is omitted it\n\
defaults to DEFAULT_BUFFER_SIZE.";
const PAIR_DOC: &str = "A buffered reader and writer object together.\n\n\
A buffered reader object and buffered writer object put together to\n\
form a sequential IO object that can read and write. This is typically\n\
used with a socket or two-way pipe.\n\n\
reader and writer are RawIOBase objects that are readable and\n\
writeable respectively. If the buffer_size is omitted it defaults to\n\
DEFAULT_BUFFER_SIZE.";

/// Extra value slots: the raw stream.
const NX: usize = 1;

#[derive(Clone, Copy, PartialEq)]
enum Which {
    Reader,
    Writer,
    Random,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Reader => "BufferedReader",
            Which::Writer => "BufferedWriter",
            Which::Random => "BufferedRandom",
        }
    }
    fn readable(self) -> bool {
        self != Which::Writer
    }
    fn writable(self) -> bool {
        self != Which::Reader
    }
}

pub(crate) struct BufState {
    which: Which,
    /// Initialised (CPython's `ok`) and detached, read without the lock
    /// (as CPython's `CHECK_INITIALIZED`) so that a method running under
    /// the lock can be called back through `closed`, `name` and the like.
    ok: AtomicBool,
    detached: AtomicBool,
    st: IoLock<Inner>,
}

impl proto_core::native::Trace for BufState {}

struct Inner {
    buffer_size: usize,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
}

impl Inner {
    fn unread(&self) -> usize {
        self.rbuf.len() - self.rpos
    }
    fn take(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.unread());
        let out = self.rbuf[self.rpos..self.rpos + n].to_vec();
        // The consumed bytes stay (up to a refill): like CPython's buffer,
        // a following fill appends after them up to the buffer size.
        self.rpos += n;
        out
    }
    fn clear_read(&mut self) {
        self.rbuf.clear();
        self.rpos = 0;
    }
}

fn this_any(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static BufState> {
    let Some(s) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .and_then(proto_core::native::native_ref::<BufState>)
    else {
        let tn = a
            .first()
            .map_or("nothing".to_string(), |&v| vm.type_name_of(v));
        return Err(vm.type_error(&format!(
            "descriptor '{name}' for '_io._Buffered' objects doesn't apply to a '{tn}' object"
        )));
    };
    Ok(s)
}

/// Checks `s` is initialised and not detached, then locks it.
fn guard<'a>(vm: &mut Vm, s: &'a BufState) -> PyResult<IoGuard<'a, Inner>> {
    check_ok(vm, s)?;
    s.st.lock(vm, s.which.name())
}

/// Checks initialisation without taking the lock.
fn check_ok(vm: &mut Vm, s: &BufState) -> PyResult<()> {
    if !s.ok.load(Ordering::Acquire) {
        if s.detached.load(Ordering::Acquire) {
            return Err(vm.value_error("raw stream has been detached"));
        }
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(())
}

/// `v.closed` without a Python call when `v` is a native buffered object
/// (not a subclass) over a native FileIO.
pub(crate) fn closed_fast(vm: &Vm, v: Value) -> Option<bool> {
    let o = Obj::from_value(v)?;
    proto_core::native::native_ref::<BufState>(o)?;
    if is_heap_type(vm.type_of(v)) {
        return None;
    }
    fileio::closed_fast(vm, raw_of(v))
}

fn raw_of(v: Value) -> Value {
    xget(v, NX, 0)
}

/// `raw.closed`.
fn raw_closed(vm: &mut Vm, raw: Value) -> PyResult<bool> {
    super::iobase::is_closed(vm, raw)
}

/// ValueError `msg` if the raw stream is closed (and, for reads, nothing
/// is buffered: CPython lets buffered bytes be read after close).
fn check_closed(vm: &mut Vm, g: &Inner, raw: Value, msg: &str, reading: bool) -> PyResult<()> {
    if raw_closed(vm, raw)? && (!reading || g.unread() == 0) {
        return Err(vm.value_error(msg));
    }
    Ok(())
}

/// One raw read of up to `n` bytes; None: no data now (non-blocking).
fn raw_read(vm: &mut Vm, raw: Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    if let Some(f) = fileio::exact(vm, raw) {
        let _ = f;
        let fd = vm.call_method(raw, "fileno", &[])?;
        let fd = crate::args::c_int(vm, fd)?;
        return fileio::sys_read(vm, fd, n);
    }
    let ba = vm.call(vm.g.types.bytearray, &[Value::int(n as i64)], Value::EMPTY)?;
    let mark = vm.push_root(ba);
    let mvc = builtin(vm, "memoryview");
    let mv = vm.call(mvc, &[ba], Value::EMPTY);
    let r = match mv {
        Ok(mv) => {
            vm.push_root(mv);
            vm.call_method(raw, "readinto", &[mv])
        }
        Err(e) => Err(e),
    };
    let r = (|| -> PyResult<Option<Vec<u8>>> {
        let r = r?;
        if r.is_none() {
            return Ok(None);
        }
        let got = match vm.number_as_ssize_t(r, vm.g.e.ValueError) {
            Ok(got) => got,
            Err(e) => {
                return Err(vm.new_exc_from_cause(vm.g.e.OSError, "raw readinto() failed", e))
            }
        };
        if got < 0 || got as usize > n {
            return Err(vm.new_exc(
                vm.g.e.OSError,
                &format!(
                    "raw readinto() returned invalid length {got} (should have been between 0 and {n})"
                ),
            ));
        }
        let data = crate::types::bytes::buf(ba).unwrap_or_default();
        Ok(Some(data.get(..got as usize).unwrap_or(&[]).to_vec()))
    })();
    vm.pop_roots(mark);
    r
}

/// One raw write; None: would block.
fn raw_write(vm: &mut Vm, raw: Value, data: &[u8]) -> PyResult<Option<usize>> {
    if let Some(r) = fileio::write_exact(vm, raw, data) {
        return r;
    }
    let b = vm.new_bytes(data);
    let mark = vm.push_root(b);
    let mvc = builtin(vm, "memoryview");
    let mv = vm.call(mvc, &[b], Value::EMPTY);
    let r = match mv {
        Ok(mv) => vm.call_method(raw, "write", &[mv]),
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    let r = r?;
    if r.is_none() {
        return Ok(None);
    }
    let n = vm.index_isize(r)?;
    if n < 0 || n as usize > data.len() {
        return Err(vm.new_exc(
            vm.g.e.OSError,
            &format!(
                "raw write() returned invalid length {n} (should have been between 0 and {})",
                data.len()
            ),
        ));
    }
    Ok(Some(n as usize))
}

fn raw_seek(vm: &mut Vm, raw: Value, pos: i64, whence: i32) -> PyResult<i64> {
    let p = vm.new_int(pos);
    let r = vm.call_method(raw, "seek", &[p, Value::int(i64::from(whence))])?;
    let n = crate::args::c_long(vm, r)?;
    if n < 0 {
        return Err(vm.new_exc(
            vm.g.e.OSError,
            &format!("Raw stream returned invalid position {n}"),
        ));
    }
    Ok(n)
}

fn raw_tell(vm: &mut Vm, raw: Value) -> PyResult<i64> {
    let r = vm.call_method(raw, "tell", &[])?;
    let n = crate::args::c_long(vm, r)?;
    if n < 0 {
        return Err(vm.new_exc(
            vm.g.e.OSError,
            &format!("Raw stream returned invalid position {n}"),
        ));
    }
    Ok(n)
}

/// Writes out the write buffer.
fn flush_writes(vm: &mut Vm, g: &mut Inner, raw: Value) -> PyResult<()> {
    while !g.wbuf.is_empty() {
        match raw_write(vm, raw, &g.wbuf)? {
            Some(n) => {
                g.wbuf.drain(..n);
                // A signal can cut a write short: its handler runs before
                // the next write blocks again, as in CPython.
                vm.check_signals()?;
            }
            // As CPython's flush raises when the raw stream would block.
            None => return Err(would_block(vm, 0)),
        }
    }
    Ok(())
}

/// BlockingIOError(EAGAIN, msg, characters_written), as CPython's
/// `_set_BlockingIOError`.
fn would_block(vm: &mut Vm, written: usize) -> PyException {
    let cls = exc_class(vm, "BlockingIOError");
    let msg = vm.new_str("write could not complete without blocking");
    let e = vm.call(
        cls,
        &[
            Value::int(i64::from(libc::EAGAIN)),
            msg,
            Value::int(written as i64),
        ],
        Value::EMPTY,
    );
    match e {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// Flushes writes and gives unread bytes back to the raw stream (its
/// position moves back over them), so the raw position is the logical one.
fn flush_and_rewind(vm: &mut Vm, g: &mut Inner, raw: Value) -> PyResult<()> {
    flush_writes(vm, g, raw)?;
    let unread = g.unread();
    if unread > 0 {
        raw_seek(vm, raw, -(unread as i64), 1)?;
    }
    g.clear_read();
    Ok(())
}

/// Fills the (empty) read buffer with one raw read; Some(0) at EOF.
fn fill(vm: &mut Vm, g: &mut Inner, raw: Value, n: usize) -> PyResult<Option<usize>> {
    match raw_read(vm, raw, n)? {
        None => Ok(None),
        Some(d) => {
            let len = d.len();
            g.rbuf = d;
            g.rpos = 0;
            Ok(Some(len))
        }
    }
}

// ------------------------------------------------------------------ init

fn new_reader(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_of(vm, a, Which::Reader)
}
fn new_writer(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_of(vm, a, Which::Writer)
}
fn new_random(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_of(vm, a, Which::Random)
}

fn new_of(vm: &mut Vm, a: &[Value], which: Which) -> PyResult<Value> {
    alloc(
        vm,
        a,
        which.name(),
        NX,
        BufState {
            which,
            ok: AtomicBool::new(false),
            detached: AtomicBool::new(false),
            st: IoLock::new(Inner {
                buffer_size: DEFAULT_BUFFER_SIZE,
                rbuf: Vec::new(),
                rpos: 0,
                wbuf: Vec::new(),
            }),
        },
    )
}

fn b_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "__init__")?;
    let name = s.which.name();
    // A failed (re)initialisation leaves the object unusable, as CPython's.
    s.ok.store(false, Ordering::Release);
    s.detached.store(false, Ordering::Release);
    let [raw, size] = parse(vm, name, &a[1..], k, ["raw", "buffer_size"], 1)?;
    let raw = raw.unwrap_or(Value::NONE);
    // CPython's `_PyIOBase_check_*`: the raw stream's own `seekable()`,
    // `readable()`, `writable()` (a raw need not derive from IOBase).
    if s.which == Which::Random {
        super::iobase::iob_check_seekable(vm, &[raw], Value::EMPTY)?;
    }
    if s.which.readable() {
        super::iobase::iob_check_readable(vm, &[raw], Value::EMPTY)?;
    }
    if s.which.writable() {
        super::iobase::iob_check_writable(vm, &[raw], Value::EMPTY)?;
    }
    let size = match size {
        Some(v) => crate::args::py_ssize_t(vm, v)?,
        None => DEFAULT_BUFFER_SIZE as i64,
    };
    if size <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    let mut g = s.st.lock(vm, name)?;
    // The buffer is allocated here, as CPython's, so a size the memory
    // cannot hold fails now.
    let mut buf = Vec::new();
    if buf.try_reserve_exact(size as usize).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    xset(vm, a[0], NX, 0, raw);
    g.buffer_size = size as usize;
    g.clear_read();
    g.wbuf.clear();
    if s.which.writable() {
        g.wbuf = buf;
    } else {
        g.rbuf = buf;
    }
    drop(g);
    s.ok.store(true, Ordering::Release);
    if s.which.writable() {
        super::iobase::finalize_on_drop(vm, a[0], None);
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ reading

fn b_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let n = opt_size(vm, size)?;
    if n < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "read of closed file", true)?;
    flush_writes(vm, &mut g, raw)?;
    if n == -1 {
        let mut out = g.take(usize::MAX);
        let readall = vm.intern("readall");
        if fileio::exact(vm, raw).is_some() || vm.getattr_opt(raw, readall)?.is_some() {
            let r = vm.call_method(raw, "readall", &[])?;
            if r.is_none() {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
            } else {
                let b = bytes_like(vm, r, "")?;
                out.extend_from_slice(&b);
            }
        } else {
            loop {
                match raw_read(vm, raw, g.buffer_size)? {
                    None => {
                        if out.is_empty() {
                            return Ok(Value::NONE);
                        }
                        break;
                    }
                    Some(d) if d.is_empty() => break,
                    Some(d) => out.extend_from_slice(&d),
                }
            }
        }
        return Ok(vm.new_bytes(&out));
    }
    // CPython's algorithm (`_bufferedreader_read_generic`), so a raw
    // stream sees the same reads: whole blocks straight from the raw
    // stream, then the rest through the buffer.
    let n = n as usize;
    let mut out = g.take(n);
    if out.len() == n {
        return Ok(vm.new_bytes(&out));
    }
    g.clear_read();
    let bs = g.buffer_size;
    let mut remaining = n - out.len();
    while remaining >= bs {
        let r = remaining - remaining % bs;
        match raw_read(vm, raw, r)? {
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                return Ok(vm.new_bytes(&out));
            }
            Some(d) if d.is_empty() => return Ok(vm.new_bytes(&out)),
            Some(d) => {
                remaining -= d.len();
                out.extend_from_slice(&d);
            }
        }
    }
    while remaining > 0 && g.rbuf.len() < bs {
        let room = bs - g.rbuf.len();
        match raw_read(vm, raw, room)? {
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                break;
            }
            Some(d) if d.is_empty() => break,
            Some(d) => {
                g.rbuf.extend_from_slice(&d);
                let more = g.take(remaining);
                remaining -= more.len();
                out.extend_from_slice(&more);
            }
        }
    }
    Ok(vm.new_bytes(&out))
}

/// `read1`'s data: buffered bytes if any, else one raw read of `n`.
fn read1_data(vm: &mut Vm, g: &mut Inner, raw: Value, n: i64) -> PyResult<Vec<u8>> {
    let n = if n < 0 { g.buffer_size } else { n as usize };
    if n == 0 {
        return Ok(Vec::new());
    }
    flush_writes(vm, g, raw)?;
    if g.unread() > 0 {
        return Ok(g.take(n));
    }
    g.clear_read();
    Ok(raw_read(vm, raw, n)?.unwrap_or_default())
}

fn b_read1(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "read1")?;
    let [size] = parse_positional(vm, "read1", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "read of closed file", true)?;
    let d = read1_data(vm, &mut g, raw, n)?;
    Ok(vm.new_bytes(&d))
}

fn b_peek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "peek")?;
    let [_size] = parse_positional(vm, "peek", a, k, 0)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "peek of closed file", true)?;
    flush_writes(vm, &mut g, raw)?;
    if g.unread() == 0 {
        let n = g.buffer_size;
        fill(vm, &mut g, raw, n)?;
    }
    let d = g.rbuf[g.rpos..].to_vec();
    Ok(vm.new_bytes(&d))
}

fn readinto_generic(vm: &mut Vm, a: &[Value], k: Value, one: bool) -> PyResult<Value> {
    let name = if one { "readinto1" } else { "readinto" };
    let s = this_any(vm, a, name)?;
    crate::args::check_method(vm, name, a, k, 1, 1)?;
    let n = writable_len(vm, a[1], name)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "readinto of closed file", true)?;
    flush_writes(vm, &mut g, raw)?;
    // CPython's `_buffered_readinto_generic`: the buffered bytes, then
    // requests larger than the buffer straight from the raw stream, the
    // rest through the buffer; readinto1 makes at most one raw read and
    // fills the buffer only when nothing was buffered.
    let mut out = g.take(n);
    if out.len() < n {
        g.clear_read();
    }
    while out.len() < n {
        let remaining = n - out.len();
        let d = if remaining > g.buffer_size {
            raw_read(vm, raw, remaining)?
        } else if !(one && !out.is_empty()) {
            let bs = g.buffer_size;
            match fill(vm, &mut g, raw, bs)? {
                Some(got) if got > 0 => {
                    let more = g.take(remaining);
                    out.extend_from_slice(&more);
                    continue;
                }
                other => other.map(|_| Vec::new()),
            }
        } else {
            break;
        };
        match d {
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                break;
            }
            Some(d) if d.is_empty() => break,
            Some(d) => out.extend_from_slice(&d),
        }
        if one {
            break;
        }
    }
    drop(g);
    write_into(vm, a[1], &out)?;
    Ok(Value::int(out.len() as i64))
}

fn b_readinto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    readinto_generic(vm, a, k, false)
}

fn b_readinto1(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    readinto_generic(vm, a, k, true)
}

fn readline(vm: &mut Vm, g: &mut Inner, raw: Value, limit: i64) -> PyResult<Vec<u8>> {
    flush_writes(vm, g, raw)?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let room = if limit < 0 {
            usize::MAX
        } else {
            limit as usize - out.len()
        };
        if room == 0 {
            break;
        }
        let avail = &g.rbuf[g.rpos..];
        let span = &avail[..avail.len().min(room)];
        if let Some(i) = span.iter().position(|&b| b == b'\n') {
            let d = g.take(i + 1);
            out.extend_from_slice(&d);
            break;
        }
        let d = g.take(span.len());
        out.extend_from_slice(&d);
        if limit >= 0 && out.len() as i64 >= limit {
            break;
        }
        let bs = g.buffer_size;
        match fill(vm, g, raw, bs)? {
            None | Some(0) => break,
            Some(_) => {}
        }
    }
    Ok(out)
}

fn b_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "readline")?;
    let [size] = parse_positional(vm, "readline", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "readline of closed file", true)?;
    let d = readline(vm, &mut g, raw, n)?;
    Ok(vm.new_bytes(&d))
}

fn b_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "__next__")?;
    if is_heap_type(vm.type_of(a[0])) {
        // A subclass may override readline.
        let l = vm.call_method(a[0], "readline", &[])?;
        let mark = vm.push_root(l);
        let n = vm.len(l);
        vm.pop_roots(mark);
        if n? == 0 {
            return Err(vm.stop_iteration(Value::NONE));
        }
        return Ok(l);
    }
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    check_closed(vm, &g, raw, "readline of closed file", true)?;
    let d = readline(vm, &mut g, raw, -1)?;
    drop(g);
    if d.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_bytes(&d))
}

// ------------------------------------------------------------------ writing

fn b_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    let data = super::bytes_arg(vm, a[1], "")?;
    write_data(vm, s, a[0], &data)?;
    Ok(Value::int(data.len() as i64))
}

/// `v.write(data)` done natively when `v` is exactly `BufferedWriter` or
/// `BufferedRandom` (a text wrapper's buffer); None for other objects.
pub(crate) fn write_exact(vm: &mut Vm, v: Value, data: &[u8]) -> Option<PyResult<()>> {
    let o = Obj::from_value(v)?;
    let s = proto_core::native::native_ref::<BufState>(o)?;
    if s.which == Which::Reader || is_heap_type(vm.type_of(v)) {
        return None;
    }
    Some(write_data(vm, s, v, data))
}

/// The body of `write`.
fn write_data(vm: &mut Vm, s: &BufState, this_v: Value, data: &[u8]) -> PyResult<()> {
    let mut g = guard(vm, s)?;
    let raw = raw_of(this_v);
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("write to closed file"));
    }
    if g.unread() > 0 {
        let unread = g.unread();
        raw_seek(vm, raw, -(unread as i64), 1)?;
    }
    g.clear_read();
    // As CPython's `_io__Buffered_write_impl`: data that fits is only
    // buffered; otherwise the buffer is written out first (on failure the
    // new data is not kept), then whole buffer-sized parts go straight to
    // the raw stream and the rest is buffered. So after a failed write
    // (a closed pipe), a later flush does not try the lost data again.
    if g.wbuf.len() + data.len() <= g.buffer_size {
        if g.wbuf.try_reserve(data.len()).is_err() {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        }
        g.wbuf.extend_from_slice(data);
        return Ok(());
    }
    if let Err(e) = flush_writes(vm, &mut g, raw) {
        if !vm.isinstance(e.0, exc_class(vm, "BlockingIOError")) {
            return Err(e);
        }
        // The raw stream would block: what fits is buffered after the
        // bytes still waiting, and the error counts only that part.
        let avail = g.buffer_size.saturating_sub(g.wbuf.len());
        if data.len() <= avail {
            g.wbuf.extend_from_slice(data);
            return Ok(());
        }
        g.wbuf.extend_from_slice(&data[..avail]);
        return Err(would_block(vm, avail));
    }
    let mut written = 0;
    while data.len() - written > g.buffer_size {
        match raw_write(vm, raw, &data[written..])? {
            Some(n) => {
                written += n;
                vm.check_signals()?;
            }
            None => {
                // One buffer's worth is kept; the rest is lost, and the
                // error counts what was written or kept.
                let bs = g.buffer_size;
                g.wbuf.extend_from_slice(&data[written..written + bs]);
                return Err(would_block(vm, written + bs));
            }
        }
    }
    if g.wbuf.try_reserve(data.len() - written).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    g.wbuf.extend_from_slice(&data[written..]);
    Ok(())
}

fn b_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "flush")?;
    noargs(vm, "flush", a, k)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    if s.which == Which::Reader {
        drop(g);
        return vm.call_method(raw, "flush", &[]);
    }
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("flush of closed file"));
    }
    if s.which == Which::Random {
        flush_and_rewind(vm, &mut g, raw)?;
    } else {
        flush_writes(vm, &mut g, raw)?;
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ position

fn b_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "seek")?;
    crate::args::check_method(vm, "seek", a, k, 1, 2)?;
    let whence = match a.get(2) {
        Some(&w) => crate::args::c_int(vm, w)?,
        None => 0,
    };
    // SEEK_DATA and SEEK_HOLE (Linux) go to the raw stream too.
    if !(0..=4).contains(&whence) {
        return Err(vm.value_error(&format!("whence value {whence} unsupported")));
    }
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("seek of closed file"));
    }
    super::iobase::iob_check_seekable(vm, &[raw], Value::EMPTY)?;
    let target = crate::args::c_long(vm, a[1])?;
    // Within the read buffer: move in it without a system call.
    if whence < 2 && g.unread() > 0 && g.wbuf.is_empty() {
        let rawpos = raw_tell(vm, raw)?;
        let cur = rawpos - g.unread() as i64;
        let bufstart = rawpos - g.rbuf.len() as i64;
        let want = if whence == 0 { target } else { cur + target };
        if want >= bufstart && want <= rawpos {
            g.rpos = (want - bufstart) as usize;
            return Ok(vm.new_int(want));
        }
    }
    flush_writes(vm, &mut g, raw)?;
    let mut target = target;
    if whence == 1 {
        target -= g.unread() as i64;
    }
    g.clear_read();
    let n = raw_seek(vm, raw, target, whence)?;
    Ok(vm.new_int(n))
}

fn b_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    let g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    let pos = raw_tell(vm, raw)? - g.unread() as i64 + g.wbuf.len() as i64;
    Ok(vm.new_int(pos.max(0)))
}

fn b_truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "truncate")?;
    let [pos] = parse_positional(vm, "truncate", a, k, 0)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("truncate of closed file"));
    }
    if !s.which.writable() {
        return Err(unsupported(vm, "truncate"));
    }
    flush_and_rewind(vm, &mut g, raw)?;
    let pos = pos.unwrap_or(Value::NONE);
    vm.call_method(raw, "truncate", &[pos])
}

// ------------------------------------------------------------------ misc

fn b_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    let g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    if raw_closed(vm, raw)? {
        return Ok(Value::NONE);
    }
    // `self.flush()` (perhaps overridden) takes the lock itself: it is
    // called without it, as CPython's close does.
    drop(g);
    let flushed = vm.call_method(a[0], "flush", &[]).map(|_| ());
    let mut g = s.st.lock(vm, s.which.name())?;
    let mark = match &flushed {
        Err(e) => vm.push_root(e.0),
        Ok(()) => vm.push_root(Value::NONE),
    };
    let closed = vm.call_method(raw, "close", &[]);
    g.clear_read();
    g.wbuf.clear();
    let r = match (flushed, closed) {
        (Ok(()), Ok(_)) => {
            // Closed: nothing is left for a finalizer to do.
            engine::runtime::finalize::unregister(a[0]);
            Ok(Value::NONE)
        }
        (Err(e), Ok(_)) => Err(e),
        (Ok(()), Err(e)) => Err(e),
        (Err(first), Err(e)) => {
            // The close error is raised with the flush error as context.
            if let Some(o) = Obj::from_value(e.0) {
                vm.store(o, EXC_CONTEXT, first.0);
            }
            Err(e)
        }
    };
    vm.pop_roots(mark);
    r
}

fn b_detach(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_any(vm, a, "detach")?;
    noargs(vm, "detach", a, k)?;
    let mut g = guard(vm, s)?;
    let raw = raw_of(a[0]);
    if s.which.writable() {
        flush_writes(vm, &mut g, raw)?;
    }
    s.ok.store(false, Ordering::Release);
    s.detached.store(true, Ordering::Release);
    g.clear_read();
    xset(vm, a[0], NX, 0, Value::NONE);
    Ok(raw)
}

/// A method forwarded to the raw stream (`raw.name()` style), after the
/// initialisation check.
fn forward(vm: &mut Vm, a: &[Value], name: &'static str) -> PyResult<Value> {
    let s = this_any(vm, a, name)?;
    check_ok(vm, s)?;
    let raw = raw_of(a[0]);
    vm.call_method(raw, name, &[])
}

/// An attribute read from the raw stream.
fn forward_attr(vm: &mut Vm, a: &[Value], name: &'static str) -> PyResult<Value> {
    let s = this_any(vm, a, name)?;
    check_ok(vm, s)?;
    let raw = raw_of(a[0]);
    let n = vm.intern(name);
    vm.getattr(raw, n)
}

fn b_fileno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "fileno")
}
fn b_isatty(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "isatty")
}
fn b_seekable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "seekable")
}
fn b_readable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "readable")
}
fn b_writable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "writable")
}
fn b_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward_attr(vm, a, "closed")
}
fn b_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward_attr(vm, a, "name")
}
fn b_mode(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward_attr(vm, a, "mode")
}

/// `raw` (None once detached, like CPython's member).
fn b_raw(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this_any(vm, a, "raw")?;
    Ok(raw_of(a[0]))
}

fn b_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let _ = this_any(vm, a, "__repr__")?;
    let tn = fileio::tp_name(vm, a[0]);
    let n = vm.intern("name");
    let name = match vm.getattr(a[0], n) {
        Ok(v) => Some(v),
        Err(e) => {
            let ve = vm.g.e.ValueError;
            let ae = vm.g.e.AttributeError;
            if vm.isinstance(e.0, ve) || vm.isinstance(e.0, ae) {
                None
            } else {
                return Err(e);
            }
        }
    };
    let text = match name {
        None => format!("<{tn}>"),
        Some(v) => {
            if vm.repr_enter(a[0]) {
                return Err(vm.exc_by_name(
                    "RuntimeError",
                    &format!("reentrant call inside {tn}.__repr__"),
                ));
            }
            let r = vm.repr_string(v);
            vm.repr_leave();
            format!("<{tn} name={}>", r?)
        }
    };
    Ok(vm.new_str(&text))
}

fn b_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = vm.type_name_of(a[0]);
    Err(vm.type_error(&format!("cannot pickle '{tn}' object")))
}

// ------------------------------------------------------------------ RWPair

/// Payload of a `BufferedRWPair` (the reader and writer are its two extra
/// value slots); only the initialisation flag.
pub(crate) struct PairState {
    ok: proto_core::sync::AtomicBool,
}

impl proto_core::native::Trace for PairState {}

fn pair_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alloc(
        vm,
        a,
        "BufferedRWPair",
        2,
        PairState {
            ok: proto_core::sync::AtomicBool::new(false),
        },
    )
}

fn pair_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this::<PairState>(vm, a, "BufferedRWPair", "__init__")?;
    let kwn = nkw(k);
    if kwn > 0 {
        return Err(vm.type_error("BufferedRWPair() takes no keyword arguments"));
    }
    let args = &a[1..];
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(&format!(
            "BufferedRWPair expected {} arguments, got {}",
            if args.len() < 2 {
                "at least 2"
            } else {
                "at most 3"
            },
            args.len()
        )));
    }
    super::iobase::iob_check_readable(vm, &[args[0]], Value::EMPTY)?;
    super::iobase::iob_check_writable(vm, &[args[1]], Value::EMPTY)?;
    let st = super::state(vm)?;
    let (rc, wc) = (st.get(S_BREADER), st.get(S_BWRITER));
    let size = args
        .get(2)
        .copied()
        .unwrap_or(Value::int(DEFAULT_BUFFER_SIZE as i64));
    let r = vm.call(rc, &[args[0], size], Value::EMPTY)?;
    let mark = vm.push_root(r);
    let w = vm.call(wc, &[args[1], size], Value::EMPTY);
    vm.pop_roots(mark);
    let w = w?;
    xset(vm, a[0], 2, 0, r);
    xset(vm, a[0], 2, 1, w);
    s.ok.store(true, Ordering::Release);
    Ok(Value::NONE)
}

/// The reader (0) or writer (1) of a pair.
fn pair_part(vm: &mut Vm, a: &[Value], name: &str, i: usize) -> PyResult<Value> {
    let s = this::<PairState>(vm, a, "BufferedRWPair", name)?;
    if !s.ok.load(Ordering::Acquire) {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(xget(a[0], 2, i))
}

macro_rules! pair_forward {
    ($($fname:ident => $meth:literal on $part:literal),* $(,)?) => {
        $(fn $fname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let p = pair_part(vm, a, $meth, $part)?;
            let n = vm.intern($meth);
            let f = vm.getattr(p, n)?;
            vm.call(f, &a[1..], k)
        })*
    };
}

pair_forward!(
    pair_read => "read" on 0,
    pair_peek => "peek" on 0,
    pair_read1 => "read1" on 0,
    pair_readinto => "readinto" on 0,
    pair_readinto1 => "readinto1" on 0,
    pair_readable => "readable" on 0,
    pair_write => "write" on 1,
    pair_flush => "flush" on 1,
    pair_writable => "writable" on 1,
);

fn pair_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    noargs(vm, "close", a, k)?;
    let w = pair_part(vm, a, "close", 1)?;
    let r = pair_part(vm, a, "close", 0)?;
    let e1 = vm.call_method(w, "close", &[]);
    let mark = match &e1 {
        Err(e) => vm.push_root(e.0),
        Ok(_) => vm.push_root(Value::NONE),
    };
    let e2 = vm.call_method(r, "close", &[]);
    vm.pop_roots(mark);
    match (e1, e2) {
        (Ok(_), Ok(v)) => Ok(v),
        (Err(e), Ok(_)) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Err(first), Err(e)) => {
            if let Some(o) = Obj::from_value(e.0) {
                vm.store(o, EXC_CONTEXT, first.0);
            }
            Err(e)
        }
    }
}

fn pair_isatty(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let w = pair_part(vm, a, "isatty", 1)?;
    let r = vm.call_method(w, "isatty", &[])?;
    if r != Value::FALSE {
        return Ok(r);
    }
    let rd = pair_part(vm, a, "isatty", 0)?;
    vm.call_method(rd, "isatty", &[])
}

fn pair_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let w = pair_part(vm, a, "closed", 1)?;
    let n = vm.intern("closed");
    vm.getattr(w, n)
}

/// Creates the buffered classes (deriving from `_BufferedIOBase`); returns
/// the reader, writer and random classes.
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value, base: Value) -> (Value, Value, Value) {
    let common: &[(&'static str, NativeFn)] = &[
        ("__init__", b_init),
        ("close", b_close),
        ("detach", b_detach),
        ("flush", b_flush),
        ("seek", b_seek),
        ("tell", b_tell),
        ("truncate", b_truncate),
        ("fileno", b_fileno),
        ("isatty", b_isatty),
        ("seekable", b_seekable),
        ("__repr__", b_repr),
        ("__reduce_ex__", b_getstate),
    ];
    // `readable`/`writable` only where CPython's method tables have them
    // (the other answer is IOBase's False, whatever the raw stream says).
    let reading: &[(&'static str, NativeFn)] = &[
        ("readable", b_readable),
        ("read", b_read),
        ("read1", b_read1),
        ("peek", b_peek),
        ("readinto", b_readinto),
        ("readinto1", b_readinto1),
        ("readline", b_readline),
        ("__next__", b_next),
    ];
    let writing: &[(&'static str, NativeFn)] = &[("writable", b_writable), ("write", b_write)];
    let mut out = Vec::new();
    for (name, doc, newf, r, w) in [
        (
            "BufferedReader",
            READER_DOC,
            new_reader as NativeFn,
            true,
            false,
        ),
        (
            "BufferedWriter",
            WRITER_DOC,
            new_writer as NativeFn,
            false,
            true,
        ),
        (
            "BufferedRandom",
            RANDOM_DOC,
            new_random as NativeFn,
            true,
            true,
        ),
    ] {
        let t = new_class(vm, m, modname, name, base, doc);
        vm.add_static(t, "__new__", newf, false);
        add_methods(vm, t, common);
        if r {
            add_methods(vm, t, reading);
        }
        if w {
            add_methods(vm, t, writing);
        }
        add_getset(vm, t, "raw", b_raw, None);
        add_getset(vm, t, "closed", b_closed, None);
        add_getset(vm, t, "name", b_name, None);
        add_getset(vm, t, "mode", b_mode, None);
        out.push(t);
    }
    let t = new_class(vm, m, modname, "BufferedRWPair", base, PAIR_DOC);
    vm.add_static(t, "__new__", pair_new, false);
    add_methods(
        vm,
        t,
        &[
            ("__init__", pair_init),
            ("read", pair_read),
            ("peek", pair_peek),
            ("read1", pair_read1),
            ("readinto", pair_readinto),
            ("readinto1", pair_readinto1),
            ("readable", pair_readable),
            ("write", pair_write),
            ("flush", pair_flush),
            ("writable", pair_writable),
            ("close", pair_close),
            ("isatty", pair_isatty),
        ],
    );
    add_getset(vm, t, "closed", pair_closed, None);
    (out[0], out[1], out[2])
}
