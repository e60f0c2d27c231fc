//! `_io.FileIO`: raw binary I/O over a file descriptor
//! (CPython's `Modules/_io/fileio.c` on Linux).
//!
//! State is a few atomics (the descriptor, the mode flags, the cached
//! seekability and block size): every operation loads the descriptor once
//! and makes one system call, so concurrent calls are as atomic as the
//! kernel makes them and never touch freed memory; `close` swaps the
//! descriptor out before closing it, so two closes never close it twice.
//! Blocking system calls run outside the safepoint handshake
//! (`ProtoContext::blocking`, no heap access inside); EINTR is retried
//! after running the signal handlers (PEP 475), and an exception they
//! raise ends the call.

use super::*;
use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU32};

const F_READABLE: u32 = 1;
const F_WRITABLE: u32 = 2;
const F_APPENDING: u32 = 4;
const F_CREATED: u32 = 8;
const F_CLOSEFD: u32 = 16;
/// Seekability known (then F_SEEKABLE says which).
const F_SEEK_KNOWN: u32 = 32;
const F_SEEKABLE: u32 = 64;

const DOC: &str = "Open a file.\n\n\
The mode can be 'r' (default), 'w', 'x' or 'a' for reading,\n\
writing, exclusive creation or appending.  The file will be created if it\n\
doesn't exist when opened for writing or appending; it will be truncated\n\
when opened for writing.  A FileExistsError will be raised if it already\n\
exists when opened for creating. Opening a file for creating implies\n\
writing so this mode behaves in a similar way to 'w'.Add a '+' to the mode\n\
to allow simultaneous reading and writing. A custom opener can be used by\n\
passing a callable as *opener*. The underlying file descriptor for the file\n\
object is then obtained by calling opener with (*name*, *flags*).\n\
*opener* must return an open file descriptor (passing os.open as *opener*\n\
results in functionality similar to passing None).";

/// Payload of a `FileIO`.
pub(crate) struct FileState {
    /// The descriptor, -1 when closed (or not yet opened).
    fd: AtomicI32,
    flags: AtomicU32,
    /// `st_blksize` of the file when opened, or the default.
    blksize: AtomicI64,
}

impl proto_core::native::Trace for FileState {}

impl Drop for FileState {
    /// A FileIO collected while open closes its descriptor (if it owns
    /// it), as CPython's deallocator does, so `open(p).read()` in a loop
    /// does not run out of descriptors. (A buffered writer above it is
    /// flushed by its own `__del__` first: see `iobase::finalize_on_drop`.)
    fn drop(&mut self) {
        let fd = *self.fd.get_mut();
        if fd >= 0 && *self.flags.get_mut() & F_CLOSEFD != 0 {
            // SAFETY: the object is unreachable, so nothing else can use
            // or close this descriptor through it.
            unsafe { libc::close(fd) };
        }
    }
}

impl FileState {
    fn new() -> FileState {
        FileState {
            fd: AtomicI32::new(-1),
            flags: AtomicU32::new(F_CLOSEFD),
            blksize: AtomicI64::new(DEFAULT_BUFFER_SIZE as i64),
        }
    }
    fn has(&self, f: u32) -> bool {
        self.flags.load(Ordering::Relaxed) & f != 0
    }
}

/// The payload of `v` if it is a FileIO of the native class itself (not a
/// Python subclass, which may override methods): buffered objects call
/// the system directly for those.
pub(crate) fn exact(vm: &Vm, v: Value) -> Option<&'static FileState> {
    let o = Obj::from_value(v)?;
    let p = proto_core::native::native_ref::<FileState>(o)?;
    if is_heap_type(vm.type_of(v)) {
        return None;
    }
    Some(p)
}

/// `v.closed` without a Python call when `v` is a native FileIO.
pub(crate) fn closed_fast(vm: &Vm, v: Value) -> Option<bool> {
    exact(vm, v).map(|s| s.fd.load(Ordering::Acquire) < 0)
}

/// `raw._blksize` when `raw` is a FileIO.
pub(crate) fn blksize(raw: Value) -> Option<i64> {
    let o = Obj::from_value(raw)?;
    let p = proto_core::native::native_ref::<FileState>(o)?;
    Some(p.blksize.load(Ordering::Relaxed))
}

fn this_f(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static FileState> {
    this::<FileState>(vm, a, "FileIO", name)
}

/// The open descriptor, or ValueError for a closed file.
fn fd_open(vm: &mut Vm, s: &FileState) -> PyResult<i32> {
    let fd = s.fd.load(Ordering::Acquire);
    if fd < 0 {
        // FileIO's own message has no final period.
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(fd)
}

/// `read(2)` of up to `n` bytes; None on EAGAIN (non-blocking, no data).
pub(crate) fn sys_read(vm: &mut Vm, fd: i32, n: usize) -> PyResult<Option<Vec<u8>>> {
    let n = n.min(isize::MAX as usize);
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    loop {
        let r = vm.ctx.blocking(|| {
            // SAFETY: `buf` owns `n` bytes of spare capacity, which read(2)
            // writes at most; no heap object is touched.
            let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), n) };
            (r, last_errno())
        });
        match r {
            (r, _) if r >= 0 => {
                // SAFETY: read(2) initialised the first `r <= n` bytes.
                unsafe { buf.set_len(r as usize) };
                return Ok(Some(buf));
            }
            (_, libc::EINTR) => vm.check_signals()?,
            (_, libc::EAGAIN) => return Ok(None),
            (_, e) => return Err(os_error(vm, e, None)),
        }
    }
}

/// `write(2)` of `data`; None on EAGAIN.
pub(crate) fn sys_write(vm: &mut Vm, fd: i32, data: &[u8]) -> PyResult<Option<usize>> {
    let n = data.len().min(isize::MAX as usize);
    loop {
        let r = vm.ctx.blocking(|| {
            // SAFETY: `data` is a live slice of at least `n` bytes.
            let r = unsafe { libc::write(fd, data.as_ptr().cast(), n) };
            (r, last_errno())
        });
        match r {
            (r, _) if r >= 0 => {
                // A write cut short was most likely interrupted by a signal:
                // its handler runs as the call returns, as CPython's does
                // when its eval loop regains control after the call.
                if (r as usize) < n {
                    vm.check_signals()?;
                }
                return Ok(Some(r as usize));
            }
            (_, libc::EINTR) => vm.check_signals()?,
            (_, libc::EAGAIN) => return Ok(None),
            (_, e) => return Err(os_error(vm, e, None)),
        }
    }
}

/// `lseek(2)`, or OSError.
pub(crate) fn sys_lseek(vm: &mut Vm, fd: i32, pos: i64, whence: i32) -> PyResult<i64> {
    // SAFETY: lseek takes plain integers and touches no memory of ours.
    let r = unsafe { libc::lseek(fd, pos, whence) };
    if r < 0 {
        let e = last_errno();
        return Err(os_error(vm, e, None));
    }
    Ok(r)
}

/// The path of `file` as C bytes (`PyUnicode_FSConverter`), or the error.
fn fs_path(vm: &mut Vm, file: Value) -> PyResult<Vec<u8>> {
    let mut v = file;
    if !is_str(v) && !Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        let n = vm.intern("__fspath__");
        let t = vm.type_of(v);
        if vm.lookup_type(t, n).is_none() {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "expected str, bytes or os.PathLike object, not {tn}"
            )));
        }
        let r = vm.call_method(v, "__fspath__", &[])?;
        if !is_str(r) && !Obj::from_value(r).is_some_and(|o| o.kind() == Kind::BYTES) {
            let tn = vm.type_name_of(v);
            let rn = vm.type_name_of(r);
            return Err(vm.type_error(&format!(
                "expected {tn}.__fspath__() to return str or bytes, not {rn}"
            )));
        }
        v = r;
    }
    if is_str(v) {
        // The file system encoding: UTF-8 with surrogateescape (lone
        // surrogates U+DC80..U+DCFF stand for the undecodable bytes).
        let cps = crate::text::decode_wtf8(str_bytes(v));
        let mut out = Vec::with_capacity(cps.len());
        for (i, &c) in cps.iter().enumerate() {
            if c == 0 {
                return Err(vm.value_error("embedded null byte"));
            }
            if (0xDC80..=0xDCFF).contains(&c) {
                out.push((c - 0xDC00) as u8);
            } else if (0xD800..=0xDFFF).contains(&c) {
                // As the filesystem encoding's surrogateescape reports it.
                let e = crate::text::codecs::CodecError {
                    encoding: "utf-8",
                    start: i,
                    end: i + 1,
                    reason: "surrogates not allowed",
                    chars: vec![c],
                    bytes: Vec::new(),
                    encode: true,
                };
                return Err(crate::types::bytes::codec_exc(vm, &e, v));
            } else {
                let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
                let mut tmp = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
            }
        }
        Ok(out)
    } else {
        let b = str_bytes(v).to_vec();
        if b.contains(&0) {
            return Err(vm.value_error("embedded null byte"));
        }
        Ok(b)
    }
}

fn fio_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alloc(vm, a, "FileIO", 0, FileState::new())
}

/// `FileIO.__init__(file, mode='r', closefd=True, opener=None)`.
fn fio_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "__init__")?;
    let this_v = a[0];
    let [file, mode, closefd, opener] = parse(
        vm,
        "FileIO",
        &a[1..],
        k,
        ["file", "mode", "closefd", "opener"],
        1,
    )?;
    let file = file.unwrap_or(Value::NONE);
    // A second __init__ first drops the descriptor it had.
    let old = s.fd.swap(-1, Ordering::AcqRel);
    if old >= 0 && s.has(F_CLOSEFD) {
        // SAFETY: `old` was this object's own descriptor, swapped out so
        // no other call uses it any more.
        unsafe { libc::close(old) };
    }
    let mode_s = match mode {
        None => "r".to_string(),
        Some(m) if is_str(m) => str_of(m).into_owned(),
        Some(m) => {
            let tn = vm.arg_type_name(m);
            return Err(vm.type_error(&format!("FileIO() argument 'mode' must be str, not {tn}")));
        }
    };
    let closefd = match closefd {
        Some(c) => vm.truthy(c)?,
        None => true,
    };
    let mut fd: i32 = -1;
    let is_fd = vm.is_int_like(file);
    if file == Value::TRUE || file == Value::FALSE {
        let w = exc_class(vm, "RuntimeWarning");
        vm.warn(w, "bool is used as a file descriptor", 1)?;
    }
    if is_fd {
        let x = crate::args::c_int(vm, file)?;
        if x < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        fd = x;
    }
    let path = if is_fd {
        None
    } else {
        Some(fs_path(vm, file)?)
    };

    let (mut rwa, mut plus) = (false, false);
    let mut flags = 0u32;
    let mut oflags: i32 = 0;
    let bad_mode = |vm: &mut Vm| vm.value_error(&format!("invalid mode: {mode_s}"));
    let exactly_one = |vm: &mut Vm| {
        vm.value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        )
    };
    for c in mode_s.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(exactly_one(vm));
                }
                rwa = true;
                match c {
                    'x' => {
                        flags |= F_CREATED | F_WRITABLE;
                        oflags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => flags |= F_READABLE,
                    'w' => {
                        flags |= F_WRITABLE;
                        oflags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        flags |= F_WRITABLE | F_APPENDING;
                        oflags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(exactly_one(vm));
                }
                flags |= F_READABLE | F_WRITABLE;
                plus = true;
            }
            _ => return Err(bad_mode(vm)),
        }
    }
    if !rwa {
        return Err(exactly_one(vm));
    }
    oflags |= if flags & F_READABLE != 0 && flags & F_WRITABLE != 0 {
        libc::O_RDWR
    } else if flags & F_READABLE != 0 {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    oflags |= libc::O_CLOEXEC;
    if closefd {
        flags |= F_CLOSEFD;
    }
    if vm.auditing() {
        let m = vm.new_str(&mode_s);
        vm.audit("open", &[file, m, Value::int(i64::from(oflags))])?;
    }

    if let Some(path) = &path {
        if !closefd {
            return Err(vm.value_error("Cannot use closefd=False with file name"));
        }
        match opener.filter(|o| !o.is_none()) {
            None => {
                let mut c = path.clone();
                c.push(0);
                let mut collected = false;
                loop {
                    let r = vm.ctx.blocking(|| {
                        // SAFETY: `c` is NUL-terminated and outlives the call.
                        let r = unsafe { libc::open(c.as_ptr().cast(), oflags, 0o666) };
                        (r, last_errno())
                    });
                    match r {
                        (r, _) if r >= 0 => {
                            fd = r;
                            break;
                        }
                        (_, libc::EINTR) => vm.check_signals()?,
                        // Out of descriptors: unreachable FileIOs may still
                        // hold some (no reference counting closes them at
                        // once, as in CPython); collect once and retry.
                        (_, libc::EMFILE | libc::ENFILE) if !collected => {
                            collected = true;
                            let gc = vm.import_module("gc")?;
                            vm.call_method(gc, "collect", &[])?;
                        }
                        (_, e) => return Err(os_error(vm, e, Some(file))),
                    }
                }
            }
            Some(op) => {
                let r = vm.call(op, &[file, Value::int(i64::from(oflags))], Value::EMPTY)?;
                if !vm.is_int_like(r) {
                    return Err(vm.type_error("expected integer from opener"));
                }
                let x = crate::args::c_int(vm, r)?;
                if x < 0 {
                    return Err(vm.value_error(&format!("opener returned {x}")));
                }
                fd = x;
            }
        }
    }

    // fstat: refuse directories, learn the block size.
    // SAFETY: an all-zero `stat` is a valid value of the plain C struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a writable stat buffer; fstat touches nothing else.
    let r = unsafe { libc::fstat(fd, &mut st) };
    let fail = |vm: &mut Vm, e: i32, with_name: bool| {
        if path.is_some() {
            // SAFETY: we opened `fd` above and nothing else holds it.
            unsafe { libc::close(fd) };
        }
        os_error(vm, e, if with_name { Some(file) } else { None })
    };
    if r < 0 {
        let e = last_errno();
        if e == libc::EBADF {
            return Err(fail(vm, e, false));
        }
    } else {
        if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
            return Err(fail(vm, libc::EISDIR, true));
        }
        if st.st_blksize > 1 {
            s.blksize.store(st.st_blksize, Ordering::Relaxed);
        }
    }
    s.flags.store(flags, Ordering::Relaxed);
    s.fd.store(fd, Ordering::Release);
    let n = vm.intern("name");
    if let Err(e) = vm.setattr(this_v, n, file) {
        close_fd(s);
        return Err(e);
    }
    if flags & F_APPENDING != 0 {
        // SAFETY: plain integer arguments.
        let r = unsafe { libc::lseek(fd, 0, libc::SEEK_END) };
        if r < 0 && last_errno() != libc::ESPIPE {
            let e = last_errno();
            close_fd(s);
            return Err(os_error(vm, e, None));
        }
    }
    Ok(Value::NONE)
}

/// Closes the descriptor if this object owns it; the errno of a failed
/// close(2).
fn close_fd(s: &FileState) -> Option<i32> {
    let fd = s.fd.swap(-1, Ordering::AcqRel);
    if fd >= 0 && s.has(F_CLOSEFD) {
        // SAFETY: `fd` was swapped out of this object, so this is its
        // only close.
        if unsafe { libc::close(fd) } < 0 {
            return Some(last_errno());
        }
    }
    None
}

fn fio_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_READABLE) {
        return Err(unsupported(vm, "File not open for reading"));
    }
    let n = opt_size(vm, size)?;
    if n < 0 {
        return readall(vm, s, fd);
    }
    match sys_read(vm, fd, n as usize)? {
        Some(b) => Ok(vm.new_bytes(&b)),
        None => Ok(Value::NONE),
    }
}

/// Reads to the end of the file.
fn readall(vm: &mut Vm, s: &FileState, fd: i32) -> PyResult<Value> {
    // Size hint: what lies between the position and the end.
    let mut hint: usize = 0;
    // SAFETY: a zeroed stat is valid; fstat/lseek take plain arguments.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        // SAFETY: plain integer arguments.
        let pos = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
        if pos >= 0 && st.st_size >= pos {
            hint = (st.st_size - pos) as usize;
        }
    }
    let _ = s;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let want = if hint > out.len() {
            hint - out.len() + 1
        } else {
            (out.len() / 4).clamp(DEFAULT_BUFFER_SIZE, 1 << 24)
        };
        match sys_read(vm, fd, want)? {
            Some(b) if b.is_empty() => break,
            Some(b) => {
                if out.try_reserve(b.len()).is_err() {
                    return Err(vm.new_exc(vm.g.e.MemoryError, ""));
                }
                out.extend_from_slice(&b);
            }
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                break;
            }
        }
    }
    Ok(vm.new_bytes(&out))
}

fn fio_readall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "readall")?;
    noargs(vm, "readall", a, k)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_READABLE) {
        return Err(unsupported(vm, "File not open for reading"));
    }
    readall(vm, s, fd)
}

fn fio_readinto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "readinto")?;
    crate::args::check_method(vm, "readinto", a, k, 1, 1)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_READABLE) {
        return Err(unsupported(vm, "File not open for reading"));
    }
    let n = writable_len(vm, a[1], "readinto")?;
    match sys_read(vm, fd, n)? {
        Some(b) => {
            write_into(vm, a[1], &b)?;
            Ok(Value::int(b.len() as i64))
        }
        None => Ok(Value::NONE),
    }
}

fn fio_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_WRITABLE) {
        return Err(unsupported(vm, "File not open for writing"));
    }
    let data = super::bytes_arg(vm, a[1], "")?;
    match sys_write(vm, fd, &data)? {
        Some(n) => Ok(Value::int(n as i64)),
        None => Ok(Value::NONE),
    }
}

/// `v.write(data)` (one `write(2)`) done natively when `v` is exactly
/// `FileIO`; None for other objects.
pub(crate) fn write_exact(vm: &mut Vm, v: Value, data: &[u8]) -> Option<PyResult<Option<usize>>> {
    let s = exact(vm, v)?;
    Some((|| {
        let fd = fd_open(vm, s)?;
        if !s.has(F_WRITABLE) {
            return Err(unsupported(vm, "File not open for writing"));
        }
        sys_write(vm, fd, data)
    })())
}

fn fio_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "seek")?;
    crate::args::check_method(vm, "seek", a, k, 1, 2)?;
    let fd = fd_open(vm, s)?;
    let pos = crate::args::c_long(vm, a[1])?;
    let whence = match a.get(2) {
        Some(&w) => crate::args::c_int(vm, w)?,
        None => 0,
    };
    let r = sys_lseek(vm, fd, pos, whence)?;
    Ok(vm.new_int(r))
}

fn fio_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    let fd = fd_open(vm, s)?;
    let r = sys_lseek(vm, fd, 0, libc::SEEK_CUR)?;
    Ok(vm.new_int(r))
}

fn fio_truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "truncate")?;
    crate::args::check_method(vm, "truncate", a, k, 0, 1)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_WRITABLE) {
        return Err(unsupported(vm, "File not open for writing"));
    }
    let size = match a.get(1).filter(|v| !v.is_none()) {
        Some(&v) => crate::args::c_long(vm, v)?,
        None => sys_lseek(vm, fd, 0, libc::SEEK_CUR)?,
    };
    // SAFETY: plain integer arguments.
    if unsafe { libc::ftruncate(fd, size) } < 0 {
        let e = last_errno();
        return Err(os_error(vm, e, None));
    }
    Ok(vm.new_int(size))
}

fn fio_seekable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "seekable")?;
    noargs(vm, "seekable", a, k)?;
    let fd = fd_open(vm, s)?;
    if !s.has(F_SEEK_KNOWN) {
        // SAFETY: plain integer arguments.
        let ok = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) } >= 0;
        let f = F_SEEK_KNOWN | if ok { F_SEEKABLE } else { 0 };
        s.flags.fetch_or(f, Ordering::Relaxed);
    }
    Ok(Value::bool(s.has(F_SEEKABLE)))
}

fn fio_readable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "readable")?;
    noargs(vm, "readable", a, k)?;
    fd_open(vm, s)?;
    Ok(Value::bool(s.has(F_READABLE)))
}

fn fio_writable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "writable")?;
    noargs(vm, "writable", a, k)?;
    fd_open(vm, s)?;
    Ok(Value::bool(s.has(F_WRITABLE)))
}

fn fio_fileno(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "fileno")?;
    noargs(vm, "fileno", a, k)?;
    let fd = fd_open(vm, s)?;
    Ok(Value::int(i64::from(fd)))
}

fn fio_isatty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "isatty")?;
    noargs(vm, "isatty", a, k)?;
    let fd = fd_open(vm, s)?;
    // SAFETY: plain integer argument.
    Ok(Value::bool(unsafe { libc::isatty(fd) } == 1))
}

fn fio_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    // _RawIOBase.close first (flush, mark closed), then the descriptor.
    let base = super::iobase::iob_close(vm, &a[..1], Value::EMPTY);
    let err = close_fd(s);
    base?;
    if let Some(e) = err {
        return Err(os_error(vm, e, None));
    }
    Ok(Value::NONE)
}

fn fio_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "closed")?;
    Ok(Value::bool(s.fd.load(Ordering::Acquire) < 0))
}

fn fio_closefd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "closefd")?;
    Ok(Value::bool(s.has(F_CLOSEFD)))
}

fn fio_blksize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "_blksize")?;
    Ok(Value::int(s.blksize.load(Ordering::Relaxed)))
}

fn mode_string(s: &FileState) -> &'static str {
    let r = s.has(F_READABLE);
    if s.has(F_CREATED) {
        if r {
            "xb+"
        } else {
            "xb"
        }
    } else if s.has(F_APPENDING) {
        if r {
            "ab+"
        } else {
            "ab"
        }
    } else if r {
        if s.has(F_WRITABLE) {
            "rb+"
        } else {
            "rb"
        }
    } else {
        "wb"
    }
}

fn fio_mode(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "mode")?;
    Ok(vm.new_str(mode_string(s)))
}

/// `tp_name` of `v`'s class: `_io.X` for the native classes, the bare
/// name for Python subclasses.
pub(crate) fn tp_name(vm: &Vm, v: Value) -> String {
    let t = vm.type_of(v);
    if is_heap_type(t) {
        type_short_name(t)
    } else {
        format!("_io.{}", type_short_name(t))
    }
}

fn fio_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_f(vm, a, "__repr__")?;
    let tn = tp_name(vm, a[0]);
    let fd = s.fd.load(Ordering::Acquire);
    if fd < 0 {
        return Ok(vm.new_str(&format!("<{tn} [closed]>")));
    }
    let closefd = if s.has(F_CLOSEFD) { "True" } else { "False" };
    let mode = mode_string(s);
    let n = vm.intern("name");
    let text = match vm.getattr_opt(a[0], n)? {
        None => format!("<{tn} fd={fd} mode='{mode}' closefd={closefd}>"),
        Some(name) => {
            if vm.repr_enter(a[0]) {
                return Err(vm.exc_by_name(
                    "RuntimeError",
                    &format!("reentrant call inside {tn}.__repr__"),
                ));
            }
            let r = vm.repr_string(name);
            vm.repr_leave();
            format!("<{tn} name={} mode='{mode}' closefd={closefd}>", r?)
        }
    };
    Ok(vm.new_str(&text))
}

fn fio_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = vm.type_name_of(a[0]);
    Err(vm.type_error(&format!("cannot pickle '{tn}' object")))
}

/// Creates `FileIO` (deriving from `_RawIOBase`).
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value, raw: Value) -> Value {
    let t = new_class(vm, m, modname, "FileIO", raw, DOC);
    vm.add_static(t, "__new__", fio_new, false);
    add_methods(
        vm,
        t,
        &[
            ("__init__", fio_init),
            ("read", fio_read),
            ("readall", fio_readall),
            ("readinto", fio_readinto),
            ("write", fio_write),
            ("seek", fio_seek),
            ("tell", fio_tell),
            ("truncate", fio_truncate),
            ("close", fio_close),
            ("seekable", fio_seekable),
            ("readable", fio_readable),
            ("writable", fio_writable),
            ("fileno", fio_fileno),
            ("isatty", fio_isatty),
            ("__repr__", fio_repr),
            ("__reduce_ex__", fio_getstate),
        ],
    );
    add_getset(vm, t, "closed", fio_closed, None);
    add_getset(vm, t, "closefd", fio_closefd, None);
    add_getset(vm, t, "mode", fio_mode, None);
    add_getset(vm, t, "_blksize", fio_blksize, None);
    t
}
