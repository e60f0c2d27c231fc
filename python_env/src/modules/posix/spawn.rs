//! `posix_spawn` and `posix_spawnp`: start a program in a new process
//! through the C library's `posix_spawn(3)`, with its file actions
//! (`POSIX_SPAWN_OPEN`, `POSIX_SPAWN_CLOSE`, `POSIX_SPAWN_DUP2`) and
//! attributes (`setpgroup`, `resetids`, `setsid`, `setsigmask`,
//! `setsigdef`). The child is made by the C library (clone/vfork and
//! exec), so no Rust or Python code runs in it: safe with many threads.
//! `scheduler` needs `os.sched_param`, which ProtoPy does not provide: a
//! value other than None raises NotImplementedError.

use super::system::{env_list, exec_argv};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};
use std::ffi::CString;

/// `os.POSIX_SPAWN_OPEN`, `_CLOSE`, `_DUP2`: the tags of `file_actions`.
pub(super) const POSIX_SPAWN_OPEN: i64 = 0;
pub(super) const POSIX_SPAWN_CLOSE: i64 = 1;
pub(super) const POSIX_SPAWN_DUP2: i64 = 2;

/// One parsed file action.
enum Action {
    Open(i32, CString, i32, libc::mode_t),
    Close(i32),
    Dup2(i32, i32),
}

/// A C `int` argument of a file action (`PyArg_ParseTuple`'s "i").
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let i = vm.index(v)?;
    match vm.as_i64(i).and_then(|n| i32::try_from(n).ok()) {
        Some(n) => Ok(n),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "signed integer is greater than maximum",
        )),
    }
}

/// `file_actions`: a sequence (or None) of tuples whose first item is the
/// tag; each tag's arity is exact (CPython's `parse_file_actions`).
fn file_actions(vm: &mut Vm, v: Value) -> PyResult<Vec<Action>> {
    if v.is_none() {
        return Ok(Vec::new());
    }
    let tp = vm.type_of(v);
    // PySequence_Fast: any iterable.
    let getitem = vm.intern("__getitem__");
    let iter = vm.intern("__iter__");
    if vm.lookup_type(tp, getitem).is_none() && vm.lookup_type(tp, iter).is_none() {
        return Err(vm.type_error("file_actions must be a sequence or None"));
    }
    let (items, mark) = vm.collect_rooted(v)?;
    let r = (|| {
        let mut out = Vec::with_capacity(items.len());
        let bad = "Each file_actions element must be a non-empty tuple";
        for &it in &items {
            let is_seq = Obj::from_value(it)
                .is_some_and(|o| o.kind() == Kind::TUPLE || o.kind() == Kind::LIST);
            if !is_seq {
                return Err(vm.type_error(bad));
            }
            let fields = vm.seq_items(it);
            let Some(&tag) = fields
                .first()
                .filter(|&&t| vm.isinstance(t, vm.g.types.int))
            else {
                return Err(vm.type_error(bad));
            };
            let tag = vm.as_i64(tag).unwrap_or(-1);
            let arity = |vm: &mut Vm, n: usize, what: &str| -> PyResult<()> {
                if fields.len() == n {
                    Ok(())
                } else {
                    Err(vm.type_error(&format!("{what} file_action tuple must have {n} elements")))
                }
            };
            let a = match tag {
                POSIX_SPAWN_OPEN => {
                    arity(vm, 5, "An open")?;
                    let fd = c_int(vm, fields[1])?;
                    let path = super::path::fs_converter(vm, fields[2])?;
                    let path =
                        CString::new(path).map_err(|_| vm.value_error("embedded null byte"))?;
                    let oflag = c_int(vm, fields[3])?;
                    let mode = c_int(vm, fields[4])?;
                    Action::Open(fd, path, oflag, mode as libc::mode_t)
                }
                POSIX_SPAWN_CLOSE => {
                    arity(vm, 2, "A close")?;
                    Action::Close(c_int(vm, fields[1])?)
                }
                POSIX_SPAWN_DUP2 => {
                    arity(vm, 3, "A dup2")?;
                    let fd = c_int(vm, fields[1])?;
                    let fd2 = c_int(vm, fields[2])?;
                    Action::Dup2(fd, fd2)
                }
                _ => return Err(vm.type_error("Unknown file_actions identifier")),
            };
            out.push(a);
        }
        Ok(out)
    })();
    vm.pop_roots(mark);
    r
}

/// A `bool(accept={int})` keyword: a C int (True/False included).
fn int_flag(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v {
        Some(v) => Ok(c_int(vm, v)? != 0),
        None => Ok(false),
    }
}

/// The spawn attributes and file actions the C library gets, freed on drop.
struct Spawn {
    attr: libc::posix_spawnattr_t,
    actions: libc::posix_spawn_file_actions_t,
}

impl Spawn {
    fn new() -> Spawn {
        // SAFETY: both are plain C structs, initialised by their init
        // calls right away (which cannot fail on glibc but for ENOMEM,
        // where they leave the zeroed struct, which destroy accepts).
        unsafe {
            let mut s = Spawn {
                attr: std::mem::zeroed(),
                actions: std::mem::zeroed(),
            };
            libc::posix_spawnattr_init(&mut s.attr);
            libc::posix_spawn_file_actions_init(&mut s.actions);
            s
        }
    }
}

impl Drop for Spawn {
    fn drop(&mut self) {
        // SAFETY: both were initialised in `Spawn::new` and are destroyed
        // once, here.
        unsafe {
            libc::posix_spawnattr_destroy(&mut self.attr);
            libc::posix_spawn_file_actions_destroy(&mut self.actions);
        }
    }
}

/// The OSError for the error code `code` of a spawn call.
fn spawn_error(vm: &mut Vm, code: i32, path: &super::path::PathArg) -> PyException {
    let f = path.filename(vm);
    super::os_error(vm, code, f)
}

fn spawn(vm: &mut Vm, a: &[Value], k: Value, fname: &str, use_path: bool) -> PyResult<Value> {
    let [p, argv, env, fa, setpgroup, resetids, setsid, setsigmask, setsigdef, scheduler] =
        clinic::unpack(
            vm,
            fname,
            &a[1..],
            k,
            [
                "path",
                "argv",
                "env",
                "file_actions",
                "setpgroup",
                "resetids",
                "setsid",
                "setsigmask",
                "setsigdef",
                "scheduler",
            ],
            3,
            3,
            3,
        )?;
    let path = super::path::path_arg(
        vm,
        fname,
        "path",
        p.unwrap_or(Value::NONE),
        super::path::PATH,
    )?;
    let argv = argv.unwrap_or(Value::NONE);
    let is_seq =
        Obj::from_value(argv).is_some_and(|o| o.kind() == Kind::TUPLE || o.kind() == Kind::LIST);
    if is_seq && vm.seq_items(argv).is_empty() {
        return Err(vm.value_error(&format!("{fname}: argv must not be empty")));
    }
    let argv = exec_argv(vm, argv, &format!("{fname}: "), "argv")?;
    let envp = env_list(
        vm,
        env.unwrap_or(Value::NONE),
        &format!("{fname}: environment"),
    )?;
    let actions = file_actions(vm, fa.unwrap_or(Value::NONE))?;
    vm.audit(
        "os.posix_spawn",
        &[path.obj, a[2], env.unwrap_or(Value::NONE)],
    )?;
    let mut flags: libc::c_int = 0;
    let mut s = Spawn::new();
    if let Some(pg) = setpgroup.filter(|v| !v.is_none()) {
        let pg = c_int(vm, pg)?;
        flags |= libc::POSIX_SPAWN_SETPGROUP;
        // SAFETY: `s.attr` is initialised.
        unsafe { libc::posix_spawnattr_setpgroup(&mut s.attr, pg) };
    }
    if int_flag(vm, resetids)? {
        flags |= libc::POSIX_SPAWN_RESETIDS;
    }
    if int_flag(vm, setsid)? {
        flags |= libc::c_int::from(libc::POSIX_SPAWN_SETSID);
    }
    if let Some(m) = setsigmask {
        let set = crate::modules::signal::sigset_arg(vm, m)?;
        flags |= libc::POSIX_SPAWN_SETSIGMASK;
        // SAFETY: `s.attr` is initialised and `set` a valid signal set.
        unsafe { libc::posix_spawnattr_setsigmask(&mut s.attr, &set) };
    }
    if let Some(d) = setsigdef {
        let set = crate::modules::signal::sigset_arg(vm, d)?;
        flags |= libc::POSIX_SPAWN_SETSIGDEF;
        // SAFETY: as above.
        unsafe { libc::posix_spawnattr_setsigdefault(&mut s.attr, &set) };
    }
    if scheduler.is_some_and(|v| !v.is_none()) {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            &format!("{fname}: scheduler is not supported (no os.sched_param)"),
        ));
    }
    // SAFETY: `s.attr` is initialised; the flags are the C library's.
    let r = unsafe { libc::posix_spawnattr_setflags(&mut s.attr, flags as libc::c_short) };
    if r != 0 {
        return Err(super::os_error(vm, r, Value::EMPTY));
    }
    for act in &actions {
        // SAFETY: `s.actions` is initialised; the path is a NUL-terminated
        // string that outlives the spawn call (glibc copies it anyway).
        let r = unsafe {
            match act {
                Action::Open(fd, path, oflag, mode) => libc::posix_spawn_file_actions_addopen(
                    &mut s.actions,
                    *fd,
                    path.as_ptr(),
                    *oflag,
                    *mode,
                ),
                Action::Close(fd) => libc::posix_spawn_file_actions_addclose(&mut s.actions, *fd),
                Action::Dup2(fd, fd2) => {
                    libc::posix_spawn_file_actions_adddup2(&mut s.actions, *fd, *fd2)
                }
            }
        };
        if r != 0 {
            return Err(super::os_error(vm, r, Value::EMPTY));
        }
    }
    let mut av: Vec<*mut libc::c_char> = argv.iter().map(|c| c.as_ptr() as *mut _).collect();
    av.push(std::ptr::null_mut());
    let mut ev: Vec<*mut libc::c_char> = envp.iter().map(|c| c.as_ptr() as *mut _).collect();
    ev.push(std::ptr::null_mut());
    let mut pid: libc::pid_t = 0;
    let fa_ptr = if actions.is_empty() {
        std::ptr::null()
    } else {
        &s.actions as *const _
    };
    let spawn = if use_path {
        libc::posix_spawnp
    } else {
        libc::posix_spawn
    };
    // SAFETY: every pointer is to a NUL-terminated string or a
    // NULL-terminated array owned by this frame, and the attribute and
    // action objects are initialised; the C library only reads them.
    let r = unsafe {
        spawn(
            &mut pid,
            path.ptr(),
            fa_ptr,
            &s.attr,
            av.as_ptr(),
            ev.as_ptr(),
        )
    };
    if r != 0 {
        return Err(spawn_error(vm, r, &path));
    }
    Ok(Value::int(i64::from(pid)))
}

/// `posix_spawn(path, argv, env, /, *, file_actions=(), setpgroup=None,
/// resetids=False, setsid=False, setsigmask=(), setsigdef=(), scheduler=None)`.
fn posix_spawn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    spawn(vm, a, k, "posix_spawn", false)
}

/// `posix_spawnp(...)`: as `posix_spawn`, the program searched on `PATH`.
fn posix_spawnp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    spawn(vm, a, k, "posix_spawnp", true)
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] =
    &[("posix_spawn", posix_spawn), ("posix_spawnp", posix_spawnp)];
