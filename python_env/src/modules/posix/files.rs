//! File descriptors (`open`, `read`, `write`, `lseek`, `pipe`, `dup`,
//! blocking and inheritable flags, `sendfile`...) and operations on paths (`mkdir`,
//! `rmdir`, `unlink`, `rename`, `link`, `symlink`, `readlink`, `chdir`,
//! `getcwd`, `chmod`, `chown`, `utime`, `access`, `truncate`, `umask`).
//!
//! New file descriptors are non-inheritable (close-on-exec, PEP 446), as
//! CPython makes them.

use super::path::*;
use super::{cvt, os_error, os_error2, retry};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::Value;

fn none() -> Value {
    Value::NONE
}

/// A `dir_fd` as CPython's audit events show it: -1 for none given.
fn dfd_value(dfd: i32) -> Value {
    Value::int(if dfd == libc::AT_FDCWD {
        -1
    } else {
        i64::from(dfd)
    })
}

fn c_int_arg(vm: &mut Vm, v: Option<Value>, default: i32) -> PyResult<i32> {
    match v {
        None => Ok(default),
        Some(v) => Ok(crate::args::py_long_as_int(vm, v)? as i32),
    }
}

/// A `Py_off_t` argument (`__index__`, then the 64-bit range).
fn off_t_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    crate::args::c_long(vm, v)
}

// ------------------------------------------------------------------ fds

/// `open(path, flags, mode=0o777, *, dir_fd=None)`.
fn open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, flags, mode, dfd] = clinic::unpack(
        vm,
        "open",
        &a[1..],
        k,
        ["path", "flags", "mode", "dir_fd"],
        0,
        2,
        3,
    )?;
    let path = path_arg(vm, "open", "path", p.unwrap_or_else(none), PATH)?;
    let flags = c_int_arg(vm, flags, 0)? | libc::O_CLOEXEC;
    let mode = c_int_arg(vm, mode, 0o777)? as libc::c_uint;
    let dfd = dir_fd(vm, dfd)?;
    vm.audit(
        "open",
        &[path.obj, Value::NONE, Value::int(i64::from(flags))],
    )?;
    let ptr = path.ptr();
    // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
    match retry(vm, || cvt(unsafe { libc::openat(dfd, ptr, flags, mode) }))? {
        Ok(fd) => Ok(Value::int(i64::from(fd))),
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `close(fd)`: not retried on EINTR (Linux closes the fd even then).
fn close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, "close", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fd_arg(vm, fd.unwrap_or_else(none))?;
    // SAFETY: closing any int is memory-safe; an fd ProtoPy itself uses is
    // the program's business, as in CPython.
    match vm.ctx.blocking(|| cvt(unsafe { libc::close(fd) })) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `closerange(fd_low, fd_high)`: closes fd_low <= fd < fd_high, errors
/// ignored.
fn closerange(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.closerange", "closerange", &a[1..], k, 2, 2)?;
    let lo = fd_arg(vm, a[1])?.max(0);
    let hi = fd_arg(vm, a[2])?;
    if lo >= hi {
        return Ok(Value::NONE);
    }
    // SAFETY: close_range(2) takes two unsigned ints and flags; it only
    // closes descriptors.
    let r = unsafe { libc::syscall(libc::SYS_close_range, lo as u32, (hi - 1) as u32, 0u32) };
    if r != 0 {
        // Older kernels: close one by one up to the descriptor limit.
        // SAFETY: sysconf has no memory effects.
        let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
        let max = if max > 0 {
            max.min(i64::from(i32::MAX)) as i32
        } else {
            1024
        };
        for fd in lo..hi.min(max) {
            // SAFETY: closing any int is memory-safe.
            unsafe { libc::close(fd) };
        }
    }
    Ok(Value::NONE)
}

/// `read(fd, length)`.
fn read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.read", "read", &a[1..], k, 2, 2)?;
    let fd = fd_arg(vm, a[1])?;
    let n = crate::args::py_ssize_t(vm, a[2])?;
    let Ok(n) = usize::try_from(n) else {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    };
    // The buffer is reserved, not filled: a large `length` costs only
    // what the read returns (as CPython's uninitialised bytes object).
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    let ptr = buf.as_mut_ptr();
    let r = retry(vm, || {
        // SAFETY: `ptr` points to the `n` bytes of capacity reserved in
        // `buf`, which is neither moved nor resized until the call returns.
        cvt(unsafe { libc::read(fd, ptr.cast(), n) })
    })?;
    match r {
        Ok(got) => {
            // SAFETY: read initialised the first `got` (<= n, within the
            // capacity) bytes of the buffer.
            unsafe { buf.set_len((got as usize).min(n)) };
            Ok(vm.new_bytes(&buf))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// The bytes of a bytes-like argument (`Py_buffer`).
pub(super) fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `write(fd, data)`.
fn write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.write", "write", &a[1..], k, 2, 2)?;
    let fd = fd_arg(vm, a[1])?;
    let data = buffer_arg(vm, a[2])?;
    let ptr = data.as_ptr();
    let n = data.len();
    // SAFETY: `ptr` points to `n` readable bytes owned by `data`, alive and
    // unchanged for the call.
    match retry(vm, || cvt(unsafe { libc::write(fd, ptr.cast(), n) }))? {
        Ok(w) => {
            // A write cut short was most likely interrupted by a signal: its
            // handler runs as the call returns, as CPython's eval loop runs
            // it right after the call.
            if (w as usize) < n {
                vm.check_signals()?;
            }
            Ok(vm.new_int(w as i64))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `lseek(fd, position, whence)`.
fn lseek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.lseek", "lseek", &a[1..], k, 3, 3)?;
    let fd = fd_arg(vm, a[1])?;
    let pos = off_t_arg(vm, a[2])?;
    let how = fd_arg(vm, a[3])?;
    let r = vm.ctx.blocking(|| {
        // SAFETY: lseek has no memory effects.
        cvt(unsafe { libc::lseek(fd, pos, how) })
    });
    match r {
        Ok(r) => Ok(vm.new_int(r)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn pipe_with(vm: &mut Vm, flags: i32) -> PyResult<Value> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` is a writable array of two ints, as pipe2 requires.
    match cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) }) {
        Ok(_) => Ok(vm.new_tuple(&[Value::int(i64::from(fds[0])), Value::int(i64::from(fds[1]))])),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `pipe()`: a non-inheritable (read, write) pair.
fn pipe(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.pipe", "pipe", &a[1..], k, 0, 0)?;
    pipe_with(vm, libc::O_CLOEXEC)
}

/// `pipe2(flags)`.
fn pipe2(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.pipe2", "pipe2", &a[1..], k, 1, 1)?;
    let flags = fd_arg(vm, a[1])?;
    pipe_with(vm, flags)
}

/// `openpty()`: a non-inheritable (master, slave) pseudo-terminal pair.
fn openpty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.openpty", "openpty", &a[1..], k, 0, 0)?;
    let (mut m, mut s) = (-1 as libc::c_int, -1 as libc::c_int);
    let (mp, sp) = (&mut m as *mut libc::c_int, &mut s as *mut libc::c_int);
    let r = vm.ctx.blocking(|| {
        // SAFETY: `mp`/`sp` point to the live locals `m`/`s`; the name,
        // termios and winsize pointers may be null.
        cvt(unsafe {
            libc::openpty(
                mp,
                sp,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        })
    });
    if let Err(e) = r {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    for fd in [m, s] {
        // SAFETY: fcntl(F_SETFD) on the fds just made has no memory effects.
        if let Err(e) = cvt(unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) }) {
            // SAFETY: both fds are ours; closing them leaks nothing.
            unsafe {
                libc::close(m);
                libc::close(s);
            }
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    Ok(vm.new_tuple(&[Value::int(i64::from(m)), Value::int(i64::from(s))]))
}

/// `dup(fd)`: a non-inheritable copy.
fn dup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.dup", "dup", &a[1..], k, 1, 1)?;
    let fd = fd_arg(vm, a[1])?;
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) has no memory effects.
    match cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) }) {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `dup2(fd, fd2, inheritable=True)`.
fn dup2(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd, fd2, inh] = clinic::unpack(
        vm,
        "dup2",
        &a[1..],
        k,
        ["fd", "fd2", "inheritable"],
        0,
        2,
        3,
    )?;
    let fd = fd_arg(vm, fd.unwrap_or_else(none))?;
    let fd2 = fd_arg(vm, fd2.unwrap_or_else(none))?;
    let inheritable = bool_arg(vm, inh, true)?;
    let r = if inheritable || fd == fd2 {
        // SAFETY: dup2 has no memory effects.
        cvt(unsafe { libc::dup2(fd, fd2) })
    } else {
        // SAFETY: dup3 has no memory effects.
        cvt(unsafe { libc::dup3(fd, fd2, libc::O_CLOEXEC) })
    };
    match r {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `isatty(fd)`.
fn isatty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.isatty", "isatty", &a[1..], k, 1, 1)?;
    let fd = fd_arg(vm, a[1])?;
    // SAFETY: isatty has no memory effects.
    Ok(Value::bool(unsafe { libc::isatty(fd) } == 1))
}

/// `fsync(fd)` / `fdatasync(fd)`: an fd or an object with `fileno()`.
fn sync_common(vm: &mut Vm, a: &[Value], k: Value, name: &str, data: bool) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, name, &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fildes_arg(vm, fd.unwrap_or_else(none))?;
    let r = retry(vm, || {
        // SAFETY: fsync/fdatasync have no memory effects.
        cvt(unsafe {
            if data {
                libc::fdatasync(fd)
            } else {
                libc::fsync(fd)
            }
        })
    })?;
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn fsync(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    sync_common(vm, a, k, "fsync", false)
}

fn fdatasync(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    sync_common(vm, a, k, "fdatasync", true)
}

/// `ftruncate(fd, length)`.
fn ftruncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.ftruncate", "ftruncate", &a[1..], k, 2, 2)?;
    let fd = fd_arg(vm, a[1])?;
    let len = off_t_arg(vm, a[2])?;
    vm.audit("os.truncate", &[Value::int(i64::from(fd)), a[2]])?;
    // SAFETY: ftruncate has no memory effects.
    match retry(vm, || cvt(unsafe { libc::ftruncate(fd, len) }))? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `truncate(path, length)`: path may be an fd.
fn truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, len] = clinic::unpack(vm, "truncate", &a[1..], k, ["path", "length"], 0, 2, 2)?;
    let path = path_arg(vm, "truncate", "path", p.unwrap_or_else(none), PATH_OR_FD)?;
    let len_v = len.unwrap_or_else(none);
    let len = off_t_arg(vm, len_v)?;
    vm.audit("os.truncate", &[path.obj, len_v])?;
    let (fd, ptr) = (path.fd, path.ptr());
    let r = retry(vm, || {
        // SAFETY: `ptr` is null (EFAULT) or a C string owned by `path`, alive
        // for the call.
        cvt(unsafe {
            if fd != -1 {
                libc::ftruncate(fd, len)
            } else {
                libc::truncate(ptr, len)
            }
        })
    })?;
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

fn fd_flags(vm: &mut Vm, fd: i32, cmd: i32) -> PyResult<i32> {
    // SAFETY: fcntl(F_GETFL/F_GETFD) has no memory effects.
    match cvt(unsafe { libc::fcntl(fd, cmd) }) {
        Ok(f) => Ok(f),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn set_fd_flag(vm: &mut Vm, fd: i32, get: i32, set: i32, bit: i32, on: bool) -> PyResult<Value> {
    let f = fd_flags(vm, fd, get)?;
    let nf = if on { f | bit } else { f & !bit };
    if nf != f {
        // SAFETY: fcntl(F_SETFL/F_SETFD) has no memory effects.
        if let Err(e) = cvt(unsafe { libc::fcntl(fd, set, nf) }) {
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    Ok(Value::NONE)
}

/// `get_blocking(fd)`.
fn get_blocking(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.get_blocking", "get_blocking", &a[1..], k, 1, 1)?;
    let fd = fd_arg(vm, a[1])?;
    let f = fd_flags(vm, fd, libc::F_GETFL)?;
    Ok(Value::bool(f & libc::O_NONBLOCK == 0))
}

/// `set_blocking(fd, blocking)`.
fn set_blocking(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.set_blocking", "set_blocking", &a[1..], k, 2, 2)?;
    let fd = fd_arg(vm, a[1])?;
    let blocking = vm.truthy(a[2])?;
    set_fd_flag(
        vm,
        fd,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::O_NONBLOCK,
        !blocking,
    )
}

/// `get_inheritable(fd)`.
fn get_inheritable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.get_inheritable",
        "get_inheritable",
        &a[1..],
        k,
        1,
        1,
    )?;
    let fd = fd_arg(vm, a[1])?;
    let f = fd_flags(vm, fd, libc::F_GETFD)?;
    Ok(Value::bool(f & libc::FD_CLOEXEC == 0))
}

/// `set_inheritable(fd, inheritable)`.
fn set_inheritable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.set_inheritable",
        "set_inheritable",
        &a[1..],
        k,
        2,
        2,
    )?;
    let fd = fd_arg(vm, a[1])?;
    let inheritable = vm.truthy(a[2])?;
    set_fd_flag(
        vm,
        fd,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::FD_CLOEXEC,
        !inheritable,
    )
}

/// `device_encoding(fd)`: the terminal's encoding (ProtoPy always runs in
/// UTF-8 mode) or None when `fd` is not a terminal.
fn device_encoding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, "device_encoding", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fd_arg(vm, fd.unwrap_or_else(none))?;
    // SAFETY: isatty has no memory effects.
    if unsafe { libc::isatty(fd) } == 1 {
        Ok(vm.new_str("utf-8"))
    } else {
        Ok(Value::NONE)
    }
}

// ------------------------------------------------------------------ paths

/// Runs `f` (a path system call) with EINTR retried: None or the OSError
/// naming `f1` (and `f2`).
fn path_call(
    vm: &mut Vm,
    f1: Option<&PathArg>,
    f2: Option<&PathArg>,
    mut f: impl FnMut() -> libc::c_int,
) -> PyResult<Value> {
    match retry(vm, || cvt(f()))? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            // No collection runs between making the names and the
            // exception (allocation alone does not collect here).
            let n1 = f1.map_or(Value::EMPTY, |p| p.filename(vm));
            let n2 = f2.map_or(Value::EMPTY, |p| p.filename(vm));
            Err(os_error2(vm, e, n1, n2))
        }
    }
}

/// `mkdir(path, mode=0o777, *, dir_fd=None)`.
fn mkdir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, mode, dfd] =
        clinic::unpack(vm, "mkdir", &a[1..], k, ["path", "mode", "dir_fd"], 0, 1, 2)?;
    let path = path_arg(vm, "mkdir", "path", p.unwrap_or_else(none), PATH)?;
    let mode = c_int_arg(vm, mode, 0o777)? as libc::mode_t;
    let dfd = dir_fd(vm, dfd)?;
    vm.audit(
        "os.mkdir",
        &[path.obj, Value::int(i64::from(mode)), dfd_value(dfd)],
    )?;
    let ptr = path.ptr();
    // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
    path_call(vm, Some(&path), None, || unsafe {
        libc::mkdirat(dfd, ptr, mode)
    })
}

/// `rmdir`, `unlink` and `remove`: `unlinkat(dir_fd, path, flags)`.
fn unlink_common(vm: &mut Vm, a: &[Value], k: Value, name: &str, flags: i32) -> PyResult<Value> {
    let [p, dfd] = clinic::unpack(vm, name, &a[1..], k, ["path", "dir_fd"], 0, 1, 1)?;
    let path = path_arg(vm, name, "path", p.unwrap_or_else(none), PATH)?;
    let dfd = dir_fd(vm, dfd)?;
    let event = if name == "rmdir" {
        "os.rmdir"
    } else {
        "os.remove"
    };
    vm.audit(event, &[path.obj, dfd_value(dfd)])?;
    let ptr = path.ptr();
    // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
    path_call(vm, Some(&path), None, || unsafe {
        libc::unlinkat(dfd, ptr, flags)
    })
}

fn rmdir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unlink_common(vm, a, k, "rmdir", libc::AT_REMOVEDIR)
}

fn unlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unlink_common(vm, a, k, "unlink", 0)
}

fn remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unlink_common(vm, a, k, "remove", 0)
}

/// `rename` and `replace` (the same on POSIX).
fn rename_common(vm: &mut Vm, a: &[Value], k: Value, name: &str) -> PyResult<Value> {
    let [s, d, sfd, dfd] = clinic::unpack(
        vm,
        name,
        &a[1..],
        k,
        ["src", "dst", "src_dir_fd", "dst_dir_fd"],
        0,
        2,
        2,
    )?;
    let src = path_arg(vm, name, "src", s.unwrap_or_else(none), PATH)?;
    let dst = path_arg(vm, name, "dst", d.unwrap_or_else(none), PATH)?;
    let sfd = dir_fd(vm, sfd)?;
    let dfd = dir_fd(vm, dfd)?;
    vm.audit(
        "os.rename",
        &[src.obj, dst.obj, dfd_value(sfd), dfd_value(dfd)],
    )?;
    let (sp, dp) = (src.ptr(), dst.ptr());
    // SAFETY: both pointers are C strings owned by `src`/`dst`, alive for
    // the call.
    path_call(vm, Some(&src), Some(&dst), || unsafe {
        libc::renameat(sfd, sp, dfd, dp)
    })
}

fn rename(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    rename_common(vm, a, k, "rename")
}

fn replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    rename_common(vm, a, k, "replace")
}

/// `link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`.
fn link(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [s, d, sfd, dfd, fs] = clinic::unpack(
        vm,
        "link",
        &a[1..],
        k,
        ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"],
        0,
        2,
        2,
    )?;
    let src = path_arg(vm, "link", "src", s.unwrap_or_else(none), PATH)?;
    let dst = path_arg(vm, "link", "dst", d.unwrap_or_else(none), PATH)?;
    let sfd = dir_fd(vm, sfd)?;
    let dfd = dir_fd(vm, dfd)?;
    let follow = bool_arg(vm, fs, true)?;
    let flags = if follow { libc::AT_SYMLINK_FOLLOW } else { 0 };
    vm.audit(
        "os.link",
        &[src.obj, dst.obj, dfd_value(sfd), dfd_value(dfd)],
    )?;
    let (sp, dp) = (src.ptr(), dst.ptr());
    // SAFETY: both pointers are C strings owned by `src`/`dst`, alive for
    // the call.
    path_call(vm, Some(&src), Some(&dst), || unsafe {
        libc::linkat(sfd, sp, dfd, dp, flags)
    })
}

/// `symlink(src, dst, target_is_directory=False, *, dir_fd=None)`.
fn symlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [s, d, _tid, dfd] = clinic::unpack(
        vm,
        "symlink",
        &a[1..],
        k,
        ["src", "dst", "target_is_directory", "dir_fd"],
        0,
        2,
        3,
    )?;
    let src = path_arg(vm, "symlink", "src", s.unwrap_or_else(none), PATH)?;
    let dst = path_arg(vm, "symlink", "dst", d.unwrap_or_else(none), PATH)?;
    let dfd = dir_fd(vm, dfd)?;
    vm.audit("os.symlink", &[src.obj, dst.obj, dfd_value(dfd)])?;
    let (sp, dp) = (src.ptr(), dst.ptr());
    // SAFETY: both pointers are C strings owned by `src`/`dst`, alive for
    // the call.
    path_call(vm, Some(&src), Some(&dst), || unsafe {
        libc::symlinkat(sp, dfd, dp)
    })
}

/// `readlink(path, *, dir_fd=None)`: str or bytes, as the path.
fn readlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, dfd] = clinic::unpack(vm, "readlink", &a[1..], k, ["path", "dir_fd"], 0, 1, 1)?;
    let path = path_arg(vm, "readlink", "path", p.unwrap_or_else(none), PATH)?;
    let dfd = dir_fd(vm, dfd)?;
    let ptr = path.ptr();
    let mut buf = vec![0u8; libc::PATH_MAX as usize + 1];
    let (bp, bl) = (buf.as_mut_ptr(), buf.len());
    match retry(vm, || {
        // SAFETY: `ptr` is a C string owned by `path`; `bp` points to `bl`
        // writable bytes owned by `buf`, alive and not resized for the call.
        cvt(unsafe { libc::readlinkat(dfd, ptr, bp.cast(), bl) })
    })? {
        Ok(n) => {
            let n = (n as usize).min(buf.len());
            fs_value(vm, &buf[..n], path.bytes)
        }
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `chdir(path)`: path may be an fd.
fn chdir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "chdir", &a[1..], k, ["path"], 0, 1, 1)?;
    let path = path_arg(vm, "chdir", "path", p.unwrap_or_else(none), PATH_OR_FD)?;
    vm.audit("os.chdir", &[path.obj])?;
    let (fd, ptr) = (path.fd, path.ptr());
    // SAFETY: `ptr` is null (EFAULT) or a C string owned by `path`, alive
    // for the call.
    path_call(vm, Some(&path), None, || unsafe {
        if fd != -1 {
            libc::fchdir(fd)
        } else {
            libc::chdir(ptr)
        }
    })
}

/// `fchdir(fd)`.
fn fchdir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, "fchdir", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fildes_arg(vm, fd.unwrap_or_else(none))?;
    vm.audit("os.chdir", &[Value::int(i64::from(fd))])?;
    // SAFETY: fchdir has no memory effects.
    path_call(vm, None, None, || unsafe { libc::fchdir(fd) })
}

fn cwd_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec()),
        Err(e) => Err(os_error(
            vm,
            e.raw_os_error().unwrap_or(libc::ENOENT),
            Value::EMPTY,
        )),
    }
}

/// `getcwd()`.
fn getcwd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getcwd", "getcwd", &a[1..], k, 0, 0)?;
    let b = cwd_bytes(vm)?;
    fs_decode(vm, &b)
}

/// `getcwdb()`.
fn getcwdb(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getcwdb", "getcwdb", &a[1..], k, 0, 0)?;
    let b = cwd_bytes(vm)?;
    Ok(vm.new_bytes(&b))
}

/// `chmod(path, mode, *, dir_fd=None, follow_symlinks=True)`.
fn chmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, mode, dfd, fs] = clinic::unpack(
        vm,
        "chmod",
        &a[1..],
        k,
        ["path", "mode", "dir_fd", "follow_symlinks"],
        0,
        2,
        2,
    )?;
    let path = path_arg(vm, "chmod", "path", p.unwrap_or_else(none), PATH_OR_FD)?;
    let mode = c_int_arg(vm, mode, 0)? as libc::mode_t;
    let dfd = dir_fd(vm, dfd)?;
    let follow = bool_arg(vm, fs, true)?;
    vm.audit(
        "os.chmod",
        &[path.obj, Value::int(i64::from(mode)), dfd_value(dfd)],
    )?;
    // CPython 3.11's chmod checks neither dir_fd nor follow_symlinks
    // against an fd: the fd is used and they are ignored.
    let (fd, ptr) = (path.fd, path.ptr());
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let r = retry(vm, || {
        // SAFETY: `ptr` is null (EFAULT) or a C string owned by `path`, alive
        // for the call.
        cvt(unsafe {
            if fd != -1 {
                libc::fchmod(fd, mode)
            } else {
                libc::fchmodat(dfd, ptr, mode, flags)
            }
        })
    })?;
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) if !follow && (e == libc::ENOTSUP || e == libc::EOPNOTSUPP) => {
            if dfd != libc::AT_FDCWD {
                Err(vm.value_error("chmod: cannot use dir_fd and follow_symlinks together"))
            } else {
                Err(vm.new_exc(
                    vm.g.e.NotImplementedError,
                    "chmod: follow_symlinks unavailable on this platform",
                ))
            }
        }
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `fchmod(fd, mode)`.
fn fchmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd, mode] = clinic::unpack(vm, "fchmod", &a[1..], k, ["fd", "mode"], 0, 2, 2)?;
    let fd = fd_arg(vm, fd.unwrap_or_else(none))?;
    let mode = c_int_arg(vm, mode, 0)? as libc::mode_t;
    vm.audit(
        "os.chmod",
        &[
            Value::int(i64::from(fd)),
            Value::int(i64::from(mode)),
            Value::int(-1),
        ],
    )?;
    // SAFETY: fchmod has no memory effects.
    path_call(vm, None, None, || unsafe { libc::fchmod(fd, mode) })
}

/// A uid or gid argument (`_Py_Uid_Converter`): an int, -1 (or its
/// unsigned twin 2**32-1) meaning "no change". As in CPython, a value past
/// the 32-bit range that fits a C long is "less than minimum" (it wraps
/// below), a larger one "greater than maximum".
pub(super) fn id_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<u32> {
    if !vm.is_int_like(v) && vm.index(v).is_err() {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{what} should be integer, not {tn}")));
    }
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(-1) => Ok(u32::MAX),
        Some(x) if (0..=i64::from(u32::MAX)).contains(&x) => Ok(x as u32),
        Some(_) => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{what} is less than minimum"),
        )),
        _ if vm
            .as_bigint(i)
            .is_some_and(|b| b.sign() == num_bigint::Sign::Minus) =>
        {
            Err(vm.new_exc(
                vm.g.e.OverflowError,
                &format!("{what} is less than minimum"),
            ))
        }
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{what} is greater than maximum"),
        )),
    }
}

/// `chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)`.
fn chown(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, uid, gid, dfd, fs] = clinic::unpack(
        vm,
        "chown",
        &a[1..],
        k,
        ["path", "uid", "gid", "dir_fd", "follow_symlinks"],
        0,
        3,
        3,
    )?;
    let path = path_arg(vm, "chown", "path", p.unwrap_or_else(none), PATH_OR_FD)?;
    let uid = id_arg(vm, uid.unwrap_or_else(none), "uid")?;
    let gid = id_arg(vm, gid.unwrap_or_else(none), "gid")?;
    let dfd = dir_fd(vm, dfd)?;
    let follow = bool_arg(vm, fs, true)?;
    check_fd_combos(vm, "chown", &path, dfd, follow)?;
    let (u, g) = (super::ids::id_value(uid), super::ids::id_value(gid));
    vm.audit("os.chown", &[path.obj, u, g, dfd_value(dfd)])?;
    let (fd, ptr) = (path.fd, path.ptr());
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    // SAFETY: `ptr` is null (EFAULT) or a C string owned by `path`, alive
    // for the call.
    path_call(vm, Some(&path), None, || unsafe {
        if fd != -1 {
            libc::fchown(fd, uid, gid)
        } else {
            libc::fchownat(dfd, ptr, uid, gid, flags)
        }
    })
}

/// `lchown(path, uid, gid)`.
fn lchown(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, uid, gid] = clinic::unpack(vm, "lchown", &a[1..], k, ["path", "uid", "gid"], 0, 3, 3)?;
    let path = path_arg(vm, "lchown", "path", p.unwrap_or_else(none), PATH)?;
    let uid = id_arg(vm, uid.unwrap_or_else(none), "uid")?;
    let gid = id_arg(vm, gid.unwrap_or_else(none), "gid")?;
    let (u, g) = (super::ids::id_value(uid), super::ids::id_value(gid));
    vm.audit("os.chown", &[path.obj, u, g, Value::int(-1)])?;
    let ptr = path.ptr();
    // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
    path_call(vm, Some(&path), None, || unsafe {
        libc::lchown(ptr, uid, gid)
    })
}

/// `fchown(fd, uid, gid)`.
fn fchown(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd, uid, gid] = clinic::unpack(vm, "fchown", &a[1..], k, ["fd", "uid", "gid"], 0, 3, 3)?;
    let fd = fd_arg(vm, fd.unwrap_or_else(none))?;
    let uid = id_arg(vm, uid.unwrap_or_else(none), "uid")?;
    let gid = id_arg(vm, gid.unwrap_or_else(none), "gid")?;
    let (u, g) = (super::ids::id_value(uid), super::ids::id_value(gid));
    vm.audit(
        "os.chown",
        &[Value::int(i64::from(fd)), u, g, Value::int(-1)],
    )?;
    // SAFETY: fchown has no memory effects.
    path_call(vm, None, None, || unsafe { libc::fchown(fd, uid, gid) })
}

/// Seconds (an int or a float, floored to the nanosecond) as a timespec
/// (`_PyTime_ObjectToTimespec` with `_PyTime_ROUND_FLOOR`).
fn timespec_of(vm: &mut Vm, v: Value) -> PyResult<libc::timespec> {
    if let Some(ops::Num::F(d)) = vm.num(v) {
        if d.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let sec = d.floor();
        let mut nsec = ((d - sec) * 1e9).floor();
        let mut sec = sec;
        if nsec >= 1e9 {
            nsec -= 1e9;
            sec += 1.0;
        }
        if !(-9.2e18..9.2e18).contains(&sec) {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "timestamp out of range for platform time_t",
            ));
        }
        return Ok(libc::timespec {
            tv_sec: sec as i64,
            tv_nsec: nsec as i64,
        });
    }
    let sec = crate::args::c_long(vm, v)?;
    Ok(libc::timespec {
        tv_sec: sec,
        tv_nsec: 0,
    })
}

/// Nanoseconds (an int) as a timespec.
fn timespec_of_ns(vm: &mut Vm, v: Value) -> PyResult<libc::timespec> {
    let i = vm.index(v)?;
    let Some(b) = vm.as_bigint(i) else {
        return Err(vm.type_error("an integer is required"));
    };
    let (q, r) = num_integer::Integer::div_mod_floor(&b, &num_bigint::BigInt::from(1_000_000_000));
    use num_traits::ToPrimitive;
    match (q.to_i64(), r.to_i64()) {
        (Some(s), Some(ns)) => Ok(libc::timespec {
            tv_sec: s,
            tv_nsec: ns,
        }),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "timestamp out of range for platform time_t",
        )),
    }
}

/// The two items of a 2-tuple, or None.
fn pair(vm: &mut Vm, v: Value) -> Option<(Value, Value)> {
    let o = proto_core::Obj::from_value(v)?;
    if o.kind() != proto_core::Kind::TUPLE {
        return None;
    }
    let items = vm.seq_items(v);
    (items.len() == 2).then(|| (items[0], items[1]))
}

/// `utime(path, times=None, *, ns=..., dir_fd=None, follow_symlinks=True)`.
fn utime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, times, ns, dfd, fs] = clinic::unpack(
        vm,
        "utime",
        &a[1..],
        k,
        ["path", "times", "ns", "dir_fd", "follow_symlinks"],
        0,
        1,
        2,
    )?;
    let path = path_arg(vm, "utime", "path", p.unwrap_or_else(none), PATH_OR_FD)?;
    let times = times.filter(|t| !t.is_none());
    if times.is_some() && ns.is_some() {
        return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both"));
    }
    let ts: Option<[libc::timespec; 2]> = if let Some(t) = times {
        let Some((at, mt)) = pair(vm, t) else {
            return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None"));
        };
        Some([timespec_of(vm, at)?, timespec_of(vm, mt)?])
    } else if let Some(n) = ns {
        let Some((at, mt)) = pair(vm, n) else {
            return Err(vm.type_error("utime: 'ns' must be a tuple of two ints"));
        };
        Some([timespec_of_ns(vm, at)?, timespec_of_ns(vm, mt)?])
    } else {
        None
    };
    let dfd = dir_fd(vm, dfd)?;
    let follow = bool_arg(vm, fs, true)?;
    check_path_and_dir_fd(vm, "utime", &path, dfd)?;
    check_fd_and_follow(vm, "utime", &path, follow)?;
    let (tv, nv) = (times.unwrap_or(Value::NONE), ns.unwrap_or(Value::NONE));
    vm.audit("os.utime", &[path.obj, tv, nv, dfd_value(dfd)])?;
    let (fd, ptr) = (path.fd, path.ptr());
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let tp = match &ts {
        Some(t) => t.as_ptr(),
        None => std::ptr::null(),
    };
    // As CPython: a dir_fd or follow_symlinks=False goes to utimensat
    // (even with an fd 0, whose null path then fails with EINVAL); the
    // error names no file.
    let at = dfd != libc::AT_FDCWD || !follow;
    path_call(vm, None, None, || {
        // SAFETY: `ptr` is null (EFAULT) or a C string owned by `path`;
        // `tp` is null (now) or points to two timespecs in `ts`; both
        // alive for the call.
        unsafe {
            if fd != -1 && !at {
                libc::futimens(fd, tp)
            } else {
                libc::utimensat(dfd, ptr, tp, flags)
            }
        }
    })
}

/// `access(path, mode, *, dir_fd=None, effective_ids=False,
/// follow_symlinks=True)`: False on any error.
fn access(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, mode, dfd, eff, fs] = clinic::unpack(
        vm,
        "access",
        &a[1..],
        k,
        ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        0,
        2,
        2,
    )?;
    let path = path_arg(vm, "access", "path", p.unwrap_or_else(none), PATH)?;
    let mode = c_int_arg(vm, mode, 0)?;
    let dfd = dir_fd(vm, dfd)?;
    let eff = bool_arg(vm, eff, false)?;
    let follow = bool_arg(vm, fs, true)?;
    let mut flags = 0;
    if !follow {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    if eff {
        flags |= libc::AT_EACCESS;
    }
    let ptr = path.ptr();
    let r = retry(vm, || {
        // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
        cvt(unsafe { libc::faccessat(dfd, ptr, mode, flags) })
    })?;
    Ok(Value::bool(r.is_ok()))
}

/// `umask(mask)`: the previous mask.
fn umask(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.umask", "umask", &a[1..], k, 1, 1)?;
    let mask = fd_arg(vm, a[1])?;
    // SAFETY: umask has no memory effects.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    Ok(Value::int(i64::from(old)))
}

/// `pread(fd, length, offset)`.
fn pread(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.pread", "pread", &a[1..], k, 3, 3)?;
    let fd = fd_arg(vm, a[1])?;
    let n = fd_arg(vm, a[2])?;
    let off = off_t_arg(vm, a[3])?;
    let Ok(n) = usize::try_from(n) else {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    };
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    let ptr = buf.as_mut_ptr();
    let r = retry(vm, || {
        // SAFETY: `ptr` points to the `n` bytes of capacity reserved in
        // `buf`, which is neither moved nor resized until the call returns.
        cvt(unsafe { libc::pread(fd, ptr.cast(), n, off) })
    })?;
    match r {
        Ok(got) => {
            // SAFETY: pread initialised the first `got` (<= n) bytes.
            unsafe { buf.set_len((got as usize).min(n)) };
            Ok(vm.new_bytes(&buf))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `pwrite(fd, buffer, offset)`.
fn pwrite(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.pwrite", "pwrite", &a[1..], k, 3, 3)?;
    let fd = fd_arg(vm, a[1])?;
    let data = buffer_arg(vm, a[2])?;
    let off = off_t_arg(vm, a[3])?;
    let (ptr, n) = (data.as_ptr(), data.len());
    let r = retry(vm, || {
        // SAFETY: `ptr` points to `n` readable bytes owned by `data`,
        // alive and unchanged for the call.
        cvt(unsafe { libc::pwrite(fd, ptr.cast(), n, off) })
    })?;
    match r {
        Ok(w) => Ok(vm.new_int(w as i64)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `mkfifo(path, mode=0o666, *, dir_fd=None)`: CPython's error names no
/// file.
fn mkfifo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, mode, dfd] = clinic::unpack(
        vm,
        "mkfifo",
        &a[1..],
        k,
        ["path", "mode", "dir_fd"],
        0,
        1,
        2,
    )?;
    let path = path_arg(vm, "mkfifo", "path", p.unwrap_or_else(none), PATH)?;
    let mode = c_int_arg(vm, mode, 0o666)? as libc::mode_t;
    let dfd = dir_fd(vm, dfd)?;
    let ptr = path.ptr();
    path_call(vm, None, None, || {
        // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
        unsafe { libc::mkfifoat(dfd, ptr, mode) }
    })
}

/// `sendfile(out_fd, in_fd, offset, count)` (Linux): copies up to `count`
/// bytes from `in_fd` to `out_fd` in the kernel; an `offset` of None reads
/// from (and advances) `in_fd`'s own position. Returns the bytes sent.
fn sendfile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [out_fd, in_fd, offset, count] = clinic::unpack(
        vm,
        "sendfile",
        &a[1..],
        k,
        ["out_fd", "in_fd", "offset", "count"],
        0,
        4,
        4,
    )?;
    let out_fd = fd_arg(vm, out_fd.unwrap_or_else(none))?;
    let in_fd = fd_arg(vm, in_fd.unwrap_or_else(none))?;
    let offset = offset.unwrap_or_else(none);
    let mut off = if offset.is_none() {
        None
    } else {
        Some(off_t_arg(vm, offset)?)
    };
    // A negative count reaches the kernel as a huge size_t, as in CPython
    // (which then fails with EINVAL).
    let count = crate::args::py_ssize_t(vm, count.unwrap_or_else(none))? as usize;
    let r = retry(vm, || {
        let p = match off.as_mut() {
            Some(o) => o as *mut i64,
            None => std::ptr::null_mut(),
        };
        // SAFETY: `p` is null or points to `off`, a live off_t the call
        // updates; the fds are plain integers.
        cvt(unsafe { libc::sendfile(out_fd, in_fd, p, count) })
    })?;
    match r {
        Ok(n) => Ok(vm.new_int(n as i64)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sendfile", sendfile),
    ("open", open),
    ("close", close),
    ("closerange", closerange),
    ("read", read),
    ("write", write),
    ("lseek", lseek),
    ("pipe", pipe),
    ("pipe2", pipe2),
    ("dup", dup),
    ("openpty", openpty),
    ("dup2", dup2),
    ("isatty", isatty),
    ("fsync", fsync),
    ("fdatasync", fdatasync),
    ("ftruncate", ftruncate),
    ("truncate", truncate),
    ("get_blocking", get_blocking),
    ("set_blocking", set_blocking),
    ("get_inheritable", get_inheritable),
    ("set_inheritable", set_inheritable),
    ("device_encoding", device_encoding),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("remove", remove),
    ("rename", rename),
    ("replace", replace),
    ("link", link),
    ("symlink", symlink),
    ("readlink", readlink),
    ("chdir", chdir),
    ("fchdir", fchdir),
    ("getcwd", getcwd),
    ("getcwdb", getcwdb),
    ("chmod", chmod),
    ("fchmod", fchmod),
    ("chown", chown),
    ("lchown", lchown),
    ("fchown", fchown),
    ("utime", utime),
    ("access", access),
    ("umask", umask),
    ("pread", pread),
    ("pwrite", pwrite),
    ("mkfifo", mkfifo),
];
