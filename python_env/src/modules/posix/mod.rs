//! The `posix` module (CPython 3.11's `Modules/posixmodule.c` on Linux), on
//! which the standard library's unmodified `os.py` is built.
//!
//! - `path`: the `path_t` argument converter (str, bytes, os.PathLike,
//!   optionally an fd or None), `dir_fd` and fd arguments, `fspath`, and
//!   the file-system encoding (UTF-8 with `surrogateescape`).
//! - `stat`: `os.stat_result` and `stat`/`lstat`/`fstat`.
//! - `files`: file descriptors (`open`, `read`, `write`, `pipe`, `dup`...)
//!   and operations on paths (`mkdir`, `rename`, `chmod`, `utime`...).
//! - `scandir`: `listdir`, `scandir` and `DirEntry`.
//! - `system`: the process and the system (`getpid`, `kill`, `waitpid`,
//!   `times`, `uname`, `environ`, `putenv`, `sysconf`...).
//! - `fork`: `fork`, `forkpty`, `register_at_fork`, `wait3`, `wait4`.
//! - `spawn`: `posix_spawn` and `posix_spawnp`.
//! - `ids`: users, groups and process control (`system`, the `set*id`
//!   family, `setgroups`, `getpriority`, `login_tty`, `waitid`...).
//! - `fdio`: vectored and kernel-side I/O (`readv`, `pwritev`,
//!   `copy_file_range`, `splice`, `eventfd`, `memfd_create`...), `lockf`,
//!   `posix_fadvise`, `mknod`, `pathconf`.
//! - `sched`: `sched_param` and the scheduling calls.
//! - `xattr`: extended attributes.
//!
//! Every function is a builtin bound to the module object (its `__self__`,
//! as in CPython), whose extra value slots hold the module state: the
//! struct sequence types and the `DirEntry`/`ScandirIterator` types, so a
//! program that rebinds `os.stat_result` does not change what `stat`
//! returns.
//!
//! System calls run outside the safepoint handshake (`ctx.blocking`: a
//! collection never waits for a thread blocked in `read`); the closures
//! they run touch no Python value, only Rust copies of the arguments. A
//! call that fails with EINTR runs the pending signal handlers and is
//! retried, unless a handler raised (PEP 475).
//!
//! Not provided (absent, so `hasattr(os, name)` is False): `fexecve` and
//! the other calls `_have_functions` does not list.

pub(crate) mod fork;
pub(crate) mod path;
mod scandir;
mod spawn;
mod stat;
mod system;

mod fdio;
mod files;
mod ids;
mod sched;
mod xattr;

pub(crate) use path::{fildes_arg, fs_converter};

use engine::runtime::*;
use proto_core::{Obj, Value};

/// Value slots of the posix module object past every module's dict and
/// name (slots 0 and 1): CPython's module state.
const STATE_STAT_RESULT: usize = 2;
const STATE_TERMINAL_SIZE: usize = 3;
const STATE_TIMES_RESULT: usize = 4;
const STATE_UNAME_RESULT: usize = 5;
const STATE_DIRENTRY: usize = 6;
const STATE_SCANDIR_ITER: usize = 7;
const STATE_STATVFS_RESULT: usize = 8;
/// The `register_at_fork` hooks: lists of callables.
const STATE_FORK_BEFORE: usize = 9;
const STATE_FORK_CHILD: usize = 10;
const STATE_FORK_PARENT: usize = 11;
const STATE_WAITID_RESULT: usize = 12;
const STATE_SCHED_PARAM: usize = 13;
const N_SLOTS: usize = 14;

const MODULE_DOC: &str = "This module provides access to operating system functionality that is
standardized by the C Standard and the POSIX standard (a thinly
disguised Unix interface).  Refer to the library manual and
corresponding Unix manual entries for more information on calls.";

// ------------------------------------------------------------------ errors

/// The calling thread's `errno`.
pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EINVAL)
}

/// A C-style return value that signals failure by -1 (with `errno` set).
pub(crate) trait MinusOne: Copy + PartialEq {
    const MINUS_ONE: Self;
}
impl MinusOne for i32 {
    const MINUS_ONE: i32 = -1;
}
impl MinusOne for i64 {
    const MINUS_ONE: i64 = -1;
}
impl MinusOne for isize {
    const MINUS_ONE: isize = -1;
}

/// `r`, or the `errno` of the failed call that returned it.
pub(crate) fn cvt<T: MinusOne>(r: T) -> Result<T, i32> {
    if r == T::MINUS_ONE {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// Runs the system call `f` outside the safepoint handshake; on EINTR runs
/// the signal handlers (an exception from one is returned) and calls again
/// (PEP 475). `f` must not touch Python values: a collection may run while
/// it does.
pub(crate) fn retry<T>(
    vm: &mut Vm,
    mut f: impl FnMut() -> Result<T, i32>,
) -> PyResult<Result<T, i32>> {
    loop {
        match vm.ctx.blocking(&mut f) {
            Err(libc::EINTR) => vm.check_signals()?,
            r => return Ok(r),
        }
    }
}

/// The text of `strerror(code)` (CPython's `os.strerror`).
pub(crate) fn strerror_text(code: i32) -> String {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is writable for its whole length, which is passed;
    // the XSI strerror_r NUL-terminates what it writes and fails, leaving
    // the zeroed buffer, only for an unknown code or a short buffer.
    let r = unsafe { libc::strerror_r(code, buf.as_mut_ptr(), buf.len()) };
    if r == 0 && buf[0] != 0 {
        // SAFETY: the buffer is NUL-terminated (zeroed, and strerror_r
        // terminates its output) and lives until the end of this block.
        unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    } else {
        format!("Unknown error {code}")
    }
}

/// `OSError(errno, strerror(errno)[, filename[, None, filename2]])`
/// (`PyErr_SetFromErrnoWithFilenameObjects`): the OSError constructor picks
/// the subclass from the errno (FileNotFoundError, PermissionError...).
/// `EMPTY` file names are left out.
pub(crate) fn os_error2(vm: &mut Vm, code: i32, f1: Value, f2: Value) -> PyException {
    let msg = vm.new_str(&strerror_text(code));
    let e = Value::int(i64::from(code));
    let args: Vec<Value> = if f1.is_empty() {
        vec![e, msg]
    } else if f2.is_empty() {
        vec![e, msg, f1]
    } else {
        vec![e, msg, f1, Value::NONE, f2]
    };
    let mark = vm.push_root(msg);
    let cls = vm.g.e.OSError;
    let r = match vm.call(cls, &args, Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    };
    vm.pop_roots(mark);
    r
}

/// [`os_error2`] with at most one file name.
pub(crate) fn os_error(vm: &mut Vm, code: i32, filename: Value) -> PyException {
    os_error2(vm, code, filename, Value::EMPTY)
}

// ------------------------------------------------------------------ state

/// The module state value in `slot` of the module `m` (the bound first
/// argument of every function of this module).
pub(super) fn state(vm: &mut Vm, m: Value, slot: usize) -> PyResult<Value> {
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > slot => Ok(o.get(slot)),
        _ => Err(vm.new_exc(vm.g.e.SystemError, "posix module state is missing")),
    }
}

/// A module object with the state slots (see the module doc).
fn new_posix_module(vm: &mut Vm) -> Value {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let m = vm.alloc_obj(K_MODULE, vm.g.types.module, N_SLOTS, 0);
    m.init(0, d);
    let n = vm.new_str("posix");
    m.init(1, n);
    for i in 2..N_SLOTS {
        m.init(i, Value::NONE);
    }
    let m = m.value();
    vm.pop_roots(mark);
    vm.set_module_attr(m, "__name__", n);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    for k in ["__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    m
}

/// Stores `v` in the state slot `slot` of the module `m`.
fn set_state(vm: &mut Vm, m: Value, slot: usize, v: Value) {
    let mo = Obj::from_value(m).expect("module");
    vm.store(mo, slot, v);
}

/// The functions CPython's `_have_functions` names whose feature ProtoPy
/// really provides (os.py builds `supports_dir_fd`, `supports_fd` and
/// `supports_follow_symlinks` from it).
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

/// Integer constants of the module (Linux values from the C library).
fn int_constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    let mut v: Vec<(&'static str, i64)> = vec![
        ("F_OK", F_OK.into()),
        ("R_OK", R_OK.into()),
        ("W_OK", W_OK.into()),
        ("X_OK", X_OK.into()),
        ("NGROUPS_MAX", 65536),
        ("TMP_MAX", 238328),
        ("WCONTINUED", WCONTINUED.into()),
        ("WNOHANG", WNOHANG.into()),
        ("WUNTRACED", WUNTRACED.into()),
        ("WEXITED", WEXITED.into()),
        ("WSTOPPED", WSTOPPED.into()),
        ("WNOWAIT", WNOWAIT.into()),
        ("P_PID", P_PID as i64),
        ("P_PGID", P_PGID as i64),
        ("P_ALL", P_ALL as i64),
        ("P_PIDFD", 3),
        ("CLD_EXITED", CLD_EXITED.into()),
        ("CLD_KILLED", CLD_KILLED.into()),
        ("CLD_DUMPED", CLD_DUMPED.into()),
        ("CLD_TRAPPED", CLD_TRAPPED.into()),
        ("CLD_STOPPED", CLD_STOPPED.into()),
        ("CLD_CONTINUED", CLD_CONTINUED.into()),
        ("POSIX_SPAWN_OPEN", spawn::POSIX_SPAWN_OPEN),
        ("POSIX_SPAWN_CLOSE", spawn::POSIX_SPAWN_CLOSE),
        ("POSIX_SPAWN_DUP2", spawn::POSIX_SPAWN_DUP2),
        ("O_RDONLY", O_RDONLY.into()),
        ("O_WRONLY", O_WRONLY.into()),
        ("O_RDWR", O_RDWR.into()),
        ("O_ACCMODE", O_ACCMODE.into()),
        ("O_APPEND", O_APPEND.into()),
        ("O_ASYNC", O_ASYNC.into()),
        ("O_CLOEXEC", O_CLOEXEC.into()),
        ("O_CREAT", O_CREAT.into()),
        ("O_DIRECT", O_DIRECT.into()),
        ("O_DIRECTORY", O_DIRECTORY.into()),
        ("O_DSYNC", O_DSYNC.into()),
        ("O_EXCL", O_EXCL.into()),
        ("O_FSYNC", O_FSYNC.into()),
        ("O_LARGEFILE", 0),
        ("O_NDELAY", O_NDELAY.into()),
        ("O_NOATIME", O_NOATIME.into()),
        ("O_NOCTTY", O_NOCTTY.into()),
        ("O_NOFOLLOW", O_NOFOLLOW.into()),
        ("O_NONBLOCK", O_NONBLOCK.into()),
        ("O_PATH", O_PATH.into()),
        ("O_RSYNC", O_RSYNC.into()),
        ("O_SYNC", O_SYNC.into()),
        ("O_TMPFILE", O_TMPFILE.into()),
        ("O_TRUNC", O_TRUNC.into()),
        ("SEEK_SET", SEEK_SET.into()),
        ("SEEK_CUR", SEEK_CUR.into()),
        ("SEEK_END", SEEK_END.into()),
        ("SEEK_DATA", SEEK_DATA.into()),
        ("SEEK_HOLE", SEEK_HOLE.into()),
        ("PRIO_PROCESS", PRIO_PROCESS as i64),
        ("PRIO_PGRP", PRIO_PGRP as i64),
        ("PRIO_USER", PRIO_USER as i64),
        ("F_LOCK", F_LOCK.into()),
        ("F_TLOCK", F_TLOCK.into()),
        ("F_ULOCK", F_ULOCK.into()),
        ("F_TEST", F_TEST.into()),
        ("ST_RDONLY", ST_RDONLY as i64),
        ("ST_NOSUID", ST_NOSUID as i64),
        ("ST_NODEV", ST_NODEV as i64),
        ("ST_NOEXEC", ST_NOEXEC as i64),
        ("ST_SYNCHRONOUS", ST_SYNCHRONOUS as i64),
        ("ST_MANDLOCK", ST_MANDLOCK as i64),
        ("ST_WRITE", ST_WRITE as i64),
        ("ST_APPEND", ST_APPEND as i64),
        ("ST_NOATIME", ST_NOATIME as i64),
        ("ST_NODIRATIME", ST_NODIRATIME as i64),
        ("ST_RELATIME", ST_RELATIME as i64),
        ("GRND_NONBLOCK", GRND_NONBLOCK as i64),
        ("GRND_RANDOM", GRND_RANDOM as i64),
        ("RTLD_LAZY", RTLD_LAZY.into()),
        ("RTLD_NOW", RTLD_NOW.into()),
        ("RTLD_GLOBAL", RTLD_GLOBAL.into()),
        ("RTLD_LOCAL", RTLD_LOCAL.into()),
        ("RTLD_NODELETE", RTLD_NODELETE.into()),
        ("RTLD_NOLOAD", RTLD_NOLOAD.into()),
        ("RTLD_DEEPBIND", RTLD_DEEPBIND.into()),
        ("EFD_CLOEXEC", EFD_CLOEXEC.into()),
        ("EFD_NONBLOCK", EFD_NONBLOCK.into()),
        ("EFD_SEMAPHORE", EFD_SEMAPHORE.into()),
        ("MFD_CLOEXEC", MFD_CLOEXEC.into()),
        ("MFD_ALLOW_SEALING", MFD_ALLOW_SEALING.into()),
        ("MFD_HUGETLB", MFD_HUGETLB.into()),
        ("MFD_HUGE_SHIFT", 26),
        ("MFD_HUGE_MASK", 63),
        ("POSIX_FADV_NORMAL", POSIX_FADV_NORMAL.into()),
        ("POSIX_FADV_RANDOM", POSIX_FADV_RANDOM.into()),
        ("POSIX_FADV_SEQUENTIAL", POSIX_FADV_SEQUENTIAL.into()),
        ("POSIX_FADV_WILLNEED", POSIX_FADV_WILLNEED.into()),
        ("POSIX_FADV_DONTNEED", POSIX_FADV_DONTNEED.into()),
        ("POSIX_FADV_NOREUSE", POSIX_FADV_NOREUSE.into()),
        ("RWF_HIPRI", 1),
        ("RWF_DSYNC", 2),
        ("RWF_SYNC", 4),
        ("RWF_NOWAIT", 8),
        ("RWF_APPEND", 16),
        ("SCHED_OTHER", SCHED_OTHER.into()),
        ("SCHED_FIFO", SCHED_FIFO.into()),
        ("SCHED_RR", SCHED_RR.into()),
        ("SCHED_BATCH", SCHED_BATCH.into()),
        ("SCHED_IDLE", SCHED_IDLE.into()),
        ("SCHED_RESET_ON_FORK", SCHED_RESET_ON_FORK.into()),
        ("SPLICE_F_MOVE", SPLICE_F_MOVE.into()),
        ("SPLICE_F_NONBLOCK", SPLICE_F_NONBLOCK.into()),
        ("SPLICE_F_MORE", SPLICE_F_MORE.into()),
        ("XATTR_CREATE", XATTR_CREATE.into()),
        ("XATTR_REPLACE", XATTR_REPLACE.into()),
        ("XATTR_SIZE_MAX", 65536),
    ];
    // MFD_HUGE_<size>: log2 of the page size, shifted by MFD_HUGE_SHIFT.
    for (name, log2) in [
        ("MFD_HUGE_64KB", 16),
        ("MFD_HUGE_512KB", 19),
        ("MFD_HUGE_1MB", 20),
        ("MFD_HUGE_2MB", 21),
        ("MFD_HUGE_8MB", 23),
        ("MFD_HUGE_16MB", 24),
        ("MFD_HUGE_32MB", 25),
        ("MFD_HUGE_256MB", 28),
        ("MFD_HUGE_512MB", 29),
        ("MFD_HUGE_1GB", 30),
        ("MFD_HUGE_2GB", 31),
        ("MFD_HUGE_16GB", 34),
    ] {
        v.push((name, log2 << 26));
    }
    // sysexits.h.
    v.extend_from_slice(&[
        ("EX_OK", 0),
        ("EX_USAGE", 64),
        ("EX_DATAERR", 65),
        ("EX_NOINPUT", 66),
        ("EX_NOUSER", 67),
        ("EX_NOHOST", 68),
        ("EX_UNAVAILABLE", 69),
        ("EX_SOFTWARE", 70),
        ("EX_OSERR", 71),
        ("EX_OSFILE", 72),
        ("EX_CANTCREAT", 73),
        ("EX_IOERR", 74),
        ("EX_TEMPFAIL", 75),
        ("EX_PROTOCOL", 76),
        ("EX_NOPERM", 77),
        ("EX_CONFIG", 78),
    ]);
    v
}

/// Creates the posix module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_posix_module(vm);
    let mark = vm.push_root(m);
    let r = fill(vm, m);
    vm.pop_roots(mark);
    r.map(|()| m)
}

fn fill(vm: &mut Vm, m: Value) -> PyResult<()> {
    let st = stat::create_type(vm);
    set_state(vm, m, STATE_STAT_RESULT, st);
    vm.set_module_attr(m, "stat_result", st);
    // CPython names terminal_size "os.terminal_size" but the other two
    // "posix.times_result" and "posix.uname_result".
    for (slot, module, name, fields) in [
        (
            STATE_TERMINAL_SIZE,
            "os",
            "terminal_size",
            &["columns", "lines"][..],
        ),
        (
            STATE_TIMES_RESULT,
            "posix",
            "times_result",
            &[
                "user",
                "system",
                "children_user",
                "children_system",
                "elapsed",
            ][..],
        ),
        (
            STATE_UNAME_RESULT,
            "posix",
            "uname_result",
            &["sysname", "nodename", "release", "version", "machine"][..],
        ),
        (
            STATE_STATVFS_RESULT,
            "os",
            "statvfs_result",
            &[
                "f_bsize",
                "f_frsize",
                "f_blocks",
                "f_bfree",
                "f_bavail",
                "f_files",
                "f_ffree",
                "f_favail",
                "f_flag",
                "f_namemax",
            ][..],
        ),
    ] {
        let t = crate::types::structseq::new_type(vm, module, name, fields);
        crate::types::structseq::set_constructible(vm, t);
        set_state(vm, m, slot, t);
        vm.set_module_attr(m, name, t);
    }
    for slot in [STATE_FORK_BEFORE, STATE_FORK_CHILD, STATE_FORK_PARENT] {
        let l = vm.new_list(&[]);
        set_state(vm, m, slot, l);
    }
    let wr = crate::types::structseq::new_type(
        vm,
        "posix",
        "waitid_result",
        &["si_pid", "si_uid", "si_signo", "si_status", "si_code"],
    );
    crate::types::structseq::set_constructible(vm, wr);
    set_state(vm, m, STATE_WAITID_RESULT, wr);
    vm.set_module_attr(m, "waitid_result", wr);
    let sp = sched::create_type(vm);
    set_state(vm, m, STATE_SCHED_PARAM, sp);
    vm.set_module_attr(m, "sched_param", sp);
    let (de, it) = scandir::create_types(vm);
    set_state(vm, m, STATE_DIRENTRY, de);
    set_state(vm, m, STATE_SCANDIR_ITER, it);
    vm.set_module_attr(m, "DirEntry", de);

    let mut fns: Vec<(&'static str, NativeFn)> = Vec::new();
    fns.extend_from_slice(path::FUNCTIONS);
    fns.extend_from_slice(stat::FUNCTIONS);
    fns.extend_from_slice(files::FUNCTIONS);
    fns.extend_from_slice(scandir::FUNCTIONS);
    fns.extend_from_slice(system::FUNCTIONS);
    fns.extend_from_slice(fork::FUNCTIONS);
    fns.extend_from_slice(spawn::FUNCTIONS);
    fns.extend_from_slice(ids::FUNCTIONS);
    fns.extend_from_slice(fdio::FUNCTIONS);
    fns.extend_from_slice(sched::FUNCTIONS);
    fns.extend_from_slice(xattr::FUNCTIONS);
    for (name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    for (name, v) in int_constants() {
        let v = vm.new_int(v);
        vm.set_module_attr(m, name, v);
    }
    let os_error = vm.g.e.OSError;
    vm.set_module_attr(m, "error", os_error);

    let names: Vec<Value> = HAVE_FUNCTIONS.iter().map(|n| vm.intern(n)).collect();
    let l = vm.new_list(&names);
    vm.set_module_attr(m, "_have_functions", l);

    system::add_tables(vm, m)?;
    let env = system::environ(vm)?;
    vm.set_module_attr(m, "environ", env);
    Ok(())
}
