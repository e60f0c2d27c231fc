//! More file-descriptor calls: vectored I/O (`readv`, `writev`, `preadv`,
//! `pwritev`), kernel copies (`copy_file_range`, `splice`), `eventfd`,
//! `memfd_create`, `getrandom`, `lockf`, `posix_fadvise`,
//! `posix_fallocate`, `mknod` and `pathconf`/`fpathconf`.
//!
//! Reads into caller buffers go through Rust buffers the system call fills
//! outside the safepoint handshake; their bytes are copied into the Python
//! buffers afterwards (a Python value is never touched while the thread is
//! blocked).

use super::path::{dir_fd, fildes_arg, fs_converter, path_arg, PathArg, PATH, PATH_OR_FD};
use super::{cvt, os_error, retry};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Obj, Value};

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    Ok(crate::args::py_long_as_int(vm, v)? as i32)
}

/// An unsigned argument (`_PyLong_UnsignedInt_Converter` and its wider
/// kin): an int (no `__index__`), not negative, at most `max`.
fn unsigned_arg(vm: &mut Vm, v: Value, max: u64, cname: &str) -> PyResult<u64> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    let b = vm.as_bigint(v).unwrap_or_default();
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    match num_traits::ToPrimitive::to_u64(&b) {
        Some(x) if x <= max => Ok(x),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("Python int too large for C {cname}"),
        )),
    }
}

/// A bitwise `unsigned int` argument (`PyLong_AsUnsignedLongMask`): any
/// int through `__index__`, its low 32 bits.
fn unsigned_mask_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = vm.index(v)?;
    let b = vm.as_bigint(i).unwrap_or_default();
    let m = b & num_bigint::BigInt::from(u32::MAX);
    Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
}

fn size_arg(vm: &mut Vm, v: Value, name: &str) -> PyResult<usize> {
    let n = crate::args::py_ssize_t(vm, v)?;
    usize::try_from(n)
        .map_err(|_| vm.value_error(&format!("negative value for '{name}' not allowed")))
}

fn off_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    crate::args::c_long(vm, v)
}

fn opt_off_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => Ok(Some(off_arg(vm, v)?)),
    }
}

fn int_result(vm: &mut Vm, r: Result<isize, i32>) -> PyResult<Value> {
    match r {
        Ok(n) => Ok(vm.new_int(n as i64)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

// ------------------------------------------------------------------ vectored I/O

/// Is `v` a sequence (`PySequence_Check`)?
fn check_sequence(vm: &mut Vm, v: Value, msg: &str) -> PyResult<()> {
    if super::ids::is_sequence(vm, v) {
        Ok(())
    } else {
        Err(vm.type_error(msg))
    }
}

/// The byte length of a writable buffer (`PyBUF_WRITABLE`).
fn writable_len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    let writable = Obj::from_value(v).is_some_and(|o| o.kind() == K_BYTEARRAY)
        || crate::types::memoryview::is_writable(v);
    match crate::types::bytes::buf(v).filter(|_| !is_str(v)) {
        Some(b) if writable => Ok(b.len()),
        Some(_) => Err(vm.exc_by_name("BufferError", "Object is not writable.")),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// The bytes of a bytes-like object (`PyBUF_SIMPLE`).
fn readable(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::buf(v).filter(|_| !is_str(v)) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// Reads with `call(iovecs, count)` into Rust buffers the sizes of the
/// writable buffers in the sequence `seq`, then copies what was read into
/// them in order; the count read.
fn read_vectored(
    vm: &mut Vm,
    seq: Value,
    msg: &str,
    mut call: impl FnMut(*const libc::iovec, libc::c_int) -> isize,
) -> PyResult<Value> {
    check_sequence(vm, seq, msg)?;
    let (items, mark) = vm.collect_rooted(seq)?;
    let r = (|| {
        let mut bufs: Vec<Vec<u8>> = Vec::with_capacity(items.len());
        for &it in &items {
            let n = writable_len(vm, it)?;
            bufs.push(vec![0u8; n]);
        }
        let iov: Vec<libc::iovec> = bufs
            .iter_mut()
            .map(|b| libc::iovec {
                iov_base: b.as_mut_ptr().cast(),
                iov_len: b.len(),
            })
            .collect();
        let (p, cnt) = (iov.as_ptr(), iov.len() as libc::c_int);
        let got = match retry(vm, || cvt(call(p, cnt)))? {
            Ok(n) => n as usize,
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        };
        let mut left = got;
        for (b, &it) in bufs.iter().zip(&items) {
            if left == 0 {
                break;
            }
            let n = left.min(b.len());
            crate::types::memoryview::write_buffer(vm, it, 0, &b[..n])?;
            left -= n;
        }
        Ok(vm.new_int(got as i64))
    })();
    vm.pop_roots(mark);
    r
}

/// Writes the bytes-like items of the sequence `seq` with `call(iovecs,
/// count)`; the count written.
fn write_vectored(
    vm: &mut Vm,
    seq: Value,
    msg: &str,
    mut call: impl FnMut(*const libc::iovec, libc::c_int) -> isize,
) -> PyResult<Value> {
    check_sequence(vm, seq, msg)?;
    let (items, mark) = vm.collect_rooted(seq)?;
    let bufs: PyResult<Vec<Vec<u8>>> = items.iter().map(|&it| readable(vm, it)).collect();
    vm.pop_roots(mark);
    let bufs = bufs?;
    let iov: Vec<libc::iovec> = bufs
        .iter()
        .map(|b| libc::iovec {
            iov_base: b.as_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    let (p, cnt) = (iov.as_ptr(), iov.len() as libc::c_int);
    let r = retry(vm, || cvt(call(p, cnt)))?;
    int_result(vm, r)
}

/// `readv(fd, buffers, /)`: fills the writable buffers in order.
fn readv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.readv", "readv", &a[1..], k, 2, 2)?;
    let fd = int_arg(vm, a[1])?;
    read_vectored(vm, a[2], "readv() arg 2 must be a sequence", |p, n| {
        // SAFETY: `p` points to `n` iovecs over live Rust buffers of
        // `read_vectored`, writable for their lengths during the call.
        unsafe { libc::readv(fd, p, n) }
    })
}

/// `preadv(fd, buffers, offset, flags=0, /)`: `readv` at `offset`, through
/// `preadv2` as CPython calls it (an offset of -1 reads at the file
/// position).
fn preadv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (fd, off, flags) = positioned_vector_args(vm, "preadv", a, k)?;
    read_vectored(vm, a[2], "preadv2() arg 2 must be a sequence", |p, n| {
        // SAFETY: as in `readv`.
        unsafe { libc::preadv2(fd, p, n, off, flags) }
    })
}

/// The `fd, buffers, offset, flags=0, /` arguments of `preadv`/`pwritev`
/// (`name`): the descriptor, the offset and the flags.
fn positioned_vector_args(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    k: Value,
) -> PyResult<(i32, i64, i32)> {
    clinic::positional(vm, &format!("posix.{name}"), name, &a[1..], k, 3, 4)?;
    let fd = int_arg(vm, a[1])?;
    let off = off_arg(vm, a[3])?;
    let flags = match a.get(4) {
        Some(&f) => int_arg(vm, f)?,
        None => 0,
    };
    Ok((fd, off, flags))
}

/// `writev(fd, buffers, /)`.
fn writev(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.writev", "writev", &a[1..], k, 2, 2)?;
    let fd = int_arg(vm, a[1])?;
    write_vectored(vm, a[2], "writev() arg 2 must be a sequence", |p, n| {
        // SAFETY: `p` points to `n` iovecs over live Rust copies of the
        // buffers, which the call only reads.
        unsafe { libc::writev(fd, p, n) }
    })
}

/// `pwritev(fd, buffers, offset, flags=0, /)`, through `pwritev2` (an
/// offset of -1 writes at the file position).
fn pwritev(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (fd, off, flags) = positioned_vector_args(vm, "pwritev", a, k)?;
    write_vectored(vm, a[2], "pwritev() arg 2 must be a sequence", |p, n| {
        // SAFETY: as in `writev`.
        unsafe { libc::pwritev2(fd, p, n, off, flags) }
    })
}

// ------------------------------------------------------------------ kernel copies

/// `copy_file_range(src, dst, count, offset_src=None, offset_dst=None)`.
fn copy_file_range(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [src, dst, count, os, od] = clinic::unpack(
        vm,
        "copy_file_range",
        &a[1..],
        k,
        ["src", "dst", "count", "offset_src", "offset_dst"],
        0,
        3,
        5,
    )?;
    let src = int_arg(vm, src.unwrap_or(Value::NONE))?;
    let dst = int_arg(vm, dst.unwrap_or(Value::NONE))?;
    let count = size_arg(vm, count.unwrap_or(Value::NONE), "count")?;
    let mut os = opt_off_arg(vm, os)?;
    let mut od = opt_off_arg(vm, od)?;
    let r = retry(vm, || {
        let ps = os.as_mut().map_or(std::ptr::null_mut(), |o| o as *mut i64);
        let pd = od.as_mut().map_or(std::ptr::null_mut(), |o| o as *mut i64);
        // SAFETY: `ps`/`pd` are null or point to live off_t locals the
        // call updates.
        cvt(unsafe { libc::copy_file_range(src, ps, dst, pd, count, 0) })
    })?;
    int_result(vm, r)
}

/// `splice(src, dst, count, offset_src=None, offset_dst=None, flags=0)`.
fn splice(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [src, dst, count, os, od, flags] = clinic::unpack(
        vm,
        "splice",
        &a[1..],
        k,
        ["src", "dst", "count", "offset_src", "offset_dst", "flags"],
        0,
        3,
        6,
    )?;
    let src = int_arg(vm, src.unwrap_or(Value::NONE))?;
    let dst = int_arg(vm, dst.unwrap_or(Value::NONE))?;
    let count = size_arg(vm, count.unwrap_or(Value::NONE), "count")?;
    let mut os = opt_off_arg(vm, os)?;
    let mut od = opt_off_arg(vm, od)?;
    let flags = match flags {
        Some(f) => unsigned_arg(vm, f, u64::from(u32::MAX), "unsigned int")? as u32,
        None => 0,
    };
    let r = retry(vm, || {
        let ps = os.as_mut().map_or(std::ptr::null_mut(), |o| o as *mut i64);
        let pd = od.as_mut().map_or(std::ptr::null_mut(), |o| o as *mut i64);
        // SAFETY: `ps`/`pd` are null or point to live loff_t locals the
        // call updates.
        cvt(unsafe { libc::splice(src, ps, dst, pd, count, flags) })
    })?;
    int_result(vm, r)
}

// ------------------------------------------------------------------ eventfd, memfd, getrandom

/// `eventfd(initval, flags=EFD_CLOEXEC)`.
fn eventfd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [init, flags] = clinic::unpack(vm, "eventfd", &a[1..], k, ["initval", "flags"], 0, 1, 2)?;
    let init = unsigned_arg(
        vm,
        init.unwrap_or(Value::NONE),
        u64::from(u32::MAX),
        "unsigned int",
    )? as u32;
    let flags = match flags {
        Some(f) => int_arg(vm, f)?,
        None => libc::EFD_CLOEXEC,
    };
    // SAFETY: eventfd takes integers and touches no memory.
    let r = vm
        .ctx
        .blocking(|| cvt(unsafe { libc::eventfd(init, flags) }));
    match r {
        Ok(fd) => Ok(Value::int(i64::from(fd))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `eventfd_read(fd)`: the counter, read (and reset or decremented).
fn eventfd_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, "eventfd_read", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fildes_arg(vm, fd.unwrap_or(Value::NONE))?;
    let mut v: libc::eventfd_t = 0;
    let pv: *mut libc::eventfd_t = &mut v;
    // SAFETY: `pv` points to `v`, a writable eventfd_t for the call.
    let r = retry(vm, || cvt(unsafe { libc::eventfd_read(fd, pv) }))?;
    match r {
        Ok(_) => match i64::try_from(v) {
            Ok(i) => Ok(vm.new_int(i)),
            Err(_) => Ok(vm.new_bigint(num_bigint::BigInt::from(v))),
        },
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `eventfd_write(fd, value)`.
fn eventfd_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd, value] = clinic::unpack(vm, "eventfd_write", &a[1..], k, ["fd", "value"], 0, 2, 2)?;
    let fd = fildes_arg(vm, fd.unwrap_or(Value::NONE))?;
    let v = unsigned_arg(
        vm,
        value.unwrap_or(Value::NONE),
        u64::MAX,
        "unsigned long long",
    )?;
    // SAFETY: eventfd_write takes integers and touches no memory of ours.
    match retry(vm, || cvt(unsafe { libc::eventfd_write(fd, v) }))? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `memfd_create(name, flags=MFD_CLOEXEC)`: an anonymous file's fd.
fn memfd_create(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [name, flags] = clinic::unpack(vm, "memfd_create", &a[1..], k, ["name", "flags"], 0, 1, 2)?;
    let name = fs_converter(vm, name.unwrap_or(Value::NONE))?;
    let name = std::ffi::CString::new(name).map_err(|_| vm.value_error("embedded null byte"))?;
    let flags = match flags {
        Some(f) => unsigned_mask_arg(vm, f)?,
        None => libc::MFD_CLOEXEC,
    };
    let ptr = name.as_ptr();
    // SAFETY: `ptr` is a C string owned by `name`, alive for the call.
    let r = vm
        .ctx
        .blocking(|| cvt(unsafe { libc::memfd_create(ptr, flags) }));
    match r {
        Ok(fd) => Ok(Value::int(i64::from(fd))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `getrandom(size, flags=0)`: up to `size` random bytes (one call).
fn getrandom(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [size, flags] = clinic::unpack(vm, "getrandom", &a[1..], k, ["size", "flags"], 0, 1, 2)?;
    let n = crate::args::py_ssize_t(vm, size.unwrap_or(Value::NONE))?;
    let flags = match flags {
        Some(f) => int_arg(vm, f)? as libc::c_uint,
        None => 0,
    };
    let Ok(n) = usize::try_from(n) else {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    };
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    buf.resize(n, 0);
    let ptr = buf.as_mut_ptr();
    // SAFETY: `ptr` points to the `n` bytes of `buf`, neither moved nor
    // resized during the call.
    match retry(vm, || cvt(unsafe { libc::getrandom(ptr.cast(), n, flags) }))? {
        Ok(got) => {
            buf.truncate(got as usize);
            Ok(vm.new_bytes(&buf))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

// ------------------------------------------------------------------ locks and hints

/// `lockf(fd, command, length, /)`.
fn lockf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.lockf", "lockf", &a[1..], k, 3, 3)?;
    let fd = int_arg(vm, a[1])?;
    let cmd = int_arg(vm, a[2])?;
    let len = off_arg(vm, a[3])?;
    vm.audit(
        "os.lockf",
        &[
            Value::int(i64::from(fd)),
            Value::int(i64::from(cmd)),
            Value::int(len),
        ],
    )?;
    let r = vm.ctx.blocking(|| {
        // SAFETY: lockf takes integers and touches no memory.
        cvt(unsafe { libc::lockf(fd, cmd, len) })
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// Runs `f`, which returns an error number (not -1 and errno), retrying
/// on EINTR; None or the OSError.
fn code_call(vm: &mut Vm, mut f: impl FnMut() -> i32) -> PyResult<Value> {
    match retry(vm, || match f() {
        0 => Ok(()),
        e => Err(e),
    })? {
        Ok(()) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `posix_fadvise(fd, offset, length, advice, /)`.
fn posix_fadvise(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.posix_fadvise", "posix_fadvise", &a[1..], k, 4, 4)?;
    let fd = int_arg(vm, a[1])?;
    let off = off_arg(vm, a[2])?;
    let len = off_arg(vm, a[3])?;
    let advice = int_arg(vm, a[4])?;
    // SAFETY: posix_fadvise takes integers and touches no memory.
    code_call(vm, || unsafe { libc::posix_fadvise(fd, off, len, advice) })
}

/// `posix_fallocate(fd, offset, length, /)`.
fn posix_fallocate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.posix_fallocate",
        "posix_fallocate",
        &a[1..],
        k,
        3,
        3,
    )?;
    let fd = int_arg(vm, a[1])?;
    let off = off_arg(vm, a[2])?;
    let len = off_arg(vm, a[3])?;
    // SAFETY: posix_fallocate takes integers and touches no memory.
    code_call(vm, || unsafe { libc::posix_fallocate(fd, off, len) })
}

// ------------------------------------------------------------------ mknod, pathconf

/// `mknod(path, mode=0o600, device=0, *, dir_fd=None)`: CPython's error
/// names no file.
fn mknod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, mode, dev, dfd] = clinic::unpack(
        vm,
        "mknod",
        &a[1..],
        k,
        ["path", "mode", "device", "dir_fd"],
        0,
        1,
        3,
    )?;
    let path = path_arg(vm, "mknod", "path", p.unwrap_or(Value::NONE), PATH)?;
    let mode = match mode {
        Some(m) => int_arg(vm, m)? as libc::mode_t,
        None => 0o600,
    };
    let dev = match dev {
        Some(d) => super::system::dev_arg(vm, d)?,
        None => 0,
    };
    let dfd = dir_fd(vm, dfd)?;
    let ptr = path.ptr();
    let r = vm.ctx.blocking(|| {
        // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
        cvt(unsafe { libc::mknodat(dfd, ptr, mode, dev) })
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// The names of `pathconf_names` (Linux values).
pub(super) const PATHCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("PC_LINK_MAX", libc::_PC_LINK_MAX),
    ("PC_MAX_CANON", libc::_PC_MAX_CANON),
    ("PC_MAX_INPUT", libc::_PC_MAX_INPUT),
    ("PC_NAME_MAX", libc::_PC_NAME_MAX),
    ("PC_PATH_MAX", libc::_PC_PATH_MAX),
    ("PC_PIPE_BUF", libc::_PC_PIPE_BUF),
    ("PC_CHOWN_RESTRICTED", libc::_PC_CHOWN_RESTRICTED),
    ("PC_NO_TRUNC", libc::_PC_NO_TRUNC),
    ("PC_VDISABLE", libc::_PC_VDISABLE),
    ("PC_SYNC_IO", libc::_PC_SYNC_IO),
    ("PC_ASYNC_IO", libc::_PC_ASYNC_IO),
    ("PC_PRIO_IO", libc::_PC_PRIO_IO),
    ("PC_SOCK_MAXBUF", libc::_PC_SOCK_MAXBUF),
    ("PC_FILESIZEBITS", libc::_PC_FILESIZEBITS),
    ("PC_REC_INCR_XFER_SIZE", libc::_PC_REC_INCR_XFER_SIZE),
    ("PC_REC_MAX_XFER_SIZE", libc::_PC_REC_MAX_XFER_SIZE),
    ("PC_REC_MIN_XFER_SIZE", libc::_PC_REC_MIN_XFER_SIZE),
    ("PC_REC_XFER_ALIGN", libc::_PC_REC_XFER_ALIGN),
    ("PC_ALLOC_SIZE_MIN", libc::_PC_ALLOC_SIZE_MIN),
    ("PC_SYMLINK_MAX", libc::_PC_SYMLINK_MAX),
];

/// Runs a pathconf-style call whose -1 may be a value: errno, cleared
/// first, tells a failure.
fn conf_call(vm: &mut Vm, f: impl FnOnce() -> libc::c_long) -> Result<i64, i32> {
    vm.ctx.blocking(|| {
        // SAFETY: errno is the calling thread's.
        unsafe { *libc::__errno_location() = 0 };
        let r = f();
        let e = super::errno();
        if r == -1 && e != 0 {
            Err(e)
        } else {
            Ok(r)
        }
    })
}

/// `pathconf(path, name)`: path may be an fd.
fn pathconf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, name] = clinic::unpack(vm, "pathconf", &a[1..], k, ["path", "name"], 0, 2, 2)?;
    let path: PathArg = path_arg(vm, "pathconf", "path", p.unwrap_or(Value::NONE), PATH_OR_FD)?;
    let name = super::system::conf_name(vm, name.unwrap_or(Value::NONE), PATHCONF_NAMES)?;
    let (fd, ptr) = (path.fd, path.ptr());
    let r = conf_call(vm, || {
        // SAFETY: `ptr` is a C string owned by `path`, alive for the call
        // (used only when no fd was given).
        unsafe {
            if fd != -1 {
                libc::fpathconf(fd, name)
            } else {
                libc::pathconf(ptr, name)
            }
        }
    });
    match r {
        Ok(v) => Ok(vm.new_int(v)),
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `fpathconf(fd, name, /)`: fd may be an object with `fileno()`.
fn fpathconf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.fpathconf", "fpathconf", &a[1..], k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let name = super::system::conf_name(vm, a[2], PATHCONF_NAMES)?;
    // SAFETY: fpathconf takes integers and touches no memory.
    match conf_call(vm, || unsafe { libc::fpathconf(fd, name) }) {
        Ok(v) => Ok(vm.new_int(v)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("readv", readv),
    ("preadv", preadv),
    ("writev", writev),
    ("pwritev", pwritev),
    ("copy_file_range", copy_file_range),
    ("splice", splice),
    ("eventfd", eventfd),
    ("eventfd_read", eventfd_read),
    ("eventfd_write", eventfd_write),
    ("memfd_create", memfd_create),
    ("getrandom", getrandom),
    ("lockf", lockf),
    ("posix_fadvise", posix_fadvise),
    ("posix_fallocate", posix_fallocate),
    ("mknod", mknod),
    ("pathconf", pathconf),
    ("fpathconf", fpathconf),
];
