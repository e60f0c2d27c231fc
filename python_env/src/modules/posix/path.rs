//! Path and file descriptor arguments of the posix functions (CPython's
//! `path_t` converter, `dir_fd_converter`, `_PyLong_FileDescriptor_Converter`),
//! `os.fspath`, and the file-system encoding: UTF-8 with `surrogateescape`,
//! so every byte string the kernel hands back decodes to a str and encodes
//! back to the same bytes.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};
use std::ffi::CString;

/// A converted path argument.
pub(super) struct PathArg {
    /// The argument as given when it is a str, bytes, int or None (rooted
    /// by the caller's arguments); EMPTY for the result of `__fspath__`,
    /// which nothing roots across the Python code a signal handler may run
    /// during the call, so [`PathArg::filename`] makes an equal value anew.
    pub obj: Value,
    /// The encoded path, None for an fd or a None given where allowed.
    pub c: Option<CString>,
    /// The fd given instead of a path, or -1.
    pub fd: i32,
    /// Whether the path was given as bytes: names derived from it (listdir,
    /// readlink, scandir) are bytes too.
    pub bytes: bool,
}

impl PathArg {
    /// The value reported as `filename` in errors: the str or bytes given
    /// (after `__fspath__`), or the int fd.
    pub fn filename(&self, vm: &mut Vm) -> Value {
        if !self.obj.is_empty() {
            return self.obj;
        }
        let b = self.c.as_ref().map_or(&[][..], |c| c.as_bytes());
        if self.bytes {
            vm.new_bytes(b)
        } else {
            fs_decode(vm, b).unwrap_or(Value::NONE)
        }
    }

    /// The path as a C string pointer; null when an fd or None was given
    /// (as CPython passes it: the kernel answers EFAULT).
    pub fn ptr(&self) -> *const libc::c_char {
        match &self.c {
            Some(c) => c.as_ptr(),
            None => std::ptr::null(),
        }
    }
}

/// What a path parameter accepts besides str, bytes and os.PathLike.
#[derive(Clone, Copy)]
pub(super) struct PathKind {
    pub allow_fd: bool,
    pub nullable: bool,
}

pub(super) const PATH: PathKind = PathKind {
    allow_fd: false,
    nullable: false,
};
pub(super) const PATH_OR_FD: PathKind = PathKind {
    allow_fd: true,
    nullable: false,
};

pub(crate) fn is_bytes(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES)
}

/// Calls `type(v).__fspath__(v)` if the type has one: Some(str or bytes).
fn call_fspath(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    let name = vm.g.names.__fspath__;
    let tp = vm.type_of(v);
    let Some(f) = vm.lookup_type(tp, name) else {
        return Ok(None);
    };
    if f.is_none() {
        return Ok(None);
    }
    let r = vm.call_bound(f, v, &[])?;
    if is_str(r) || is_bytes(r) {
        return Ok(Some(r));
    }
    let tn = vm.type_name_of(v);
    let rn = vm.type_name_of(r);
    Err(vm.type_error(&format!(
        "expected {tn}.__fspath__() to return str or bytes, not {rn}"
    )))
}

/// `os.fspath(path)`: a str or bytes as is, else its `__fspath__()`.
pub(crate) fn fspath_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if is_str(v) || is_bytes(v) {
        return Ok(v);
    }
    match call_fspath(vm, v)? {
        Some(r) => Ok(r),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "expected str, bytes or os.PathLike object, not {tn}"
            )))
        }
    }
}

fn fspath(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "fspath", &a[1..], k, ["path"], 0, 1, 1)?;
    fspath_value(vm, p.unwrap_or(Value::NONE))
}

/// The bytes of a str in the file-system encoding (`PyUnicode_FSConverter`:
/// UTF-8 unless the locale says otherwise, lone surrogates U+DC80..U+DCFF
/// back to the bytes they escape).
pub(crate) fn fs_encode(vm: &mut Vm, s: Value) -> PyResult<Vec<u8>> {
    let raw = str_bytes(s);
    let enc = crate::modules::sys::fs_encoding();
    // ASCII is the same in every file-system encoding, and well-formed
    // UTF-8 (no surrogates) is already UTF-8's encoding: the common cases.
    if raw.is_ascii() || (enc == "utf-8" && std::str::from_utf8(raw).is_ok()) {
        return Ok(raw.to_vec());
    }
    let b = crate::types::bytes::encode(vm, s, enc, "surrogateescape")?;
    Ok(str_bytes(b).to_vec())
}

/// `PyUnicode_FSConverter`: the bytes of a str, bytes or os.PathLike
/// object (a str in the file-system encoding); an embedded NUL is
/// CPython's ValueError.
pub(crate) fn fs_converter(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let p = fspath_value(vm, v)?;
    let b = if is_str(p) {
        fs_encode(vm, p)?
    } else {
        str_bytes(p).to_vec()
    };
    if b.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(b)
}

/// A str decoded from the file-system encoding (`PyUnicode_DecodeFSDefault`).
pub(crate) fn fs_decode(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    let enc = crate::modules::sys::fs_encoding();
    if b.is_ascii() || (enc == "utf-8" && std::str::from_utf8(b).is_ok()) {
        return Ok(vm.new_str_bytes(b));
    }
    crate::types::bytes::decode(vm, b, enc, "surrogateescape")
}

/// A name from the kernel as bytes when `bytes`, else as a str.
pub(super) fn fs_value(vm: &mut Vm, b: &[u8], bytes: bool) -> PyResult<Value> {
    if bytes {
        Ok(vm.new_bytes(b))
    } else {
        fs_decode(vm, b)
    }
}

/// The fd range check of CPython's `_fd_converter`.
fn fd_from_int(vm: &mut Vm, i: Value) -> PyResult<i32> {
    match vm.as_i64(i) {
        Some(x) if x > i64::from(i32::MAX) => {
            Err(vm.new_exc(vm.g.e.OverflowError, "fd is greater than maximum"))
        }
        Some(x) if x < i64::from(i32::MIN) => {
            Err(vm.new_exc(vm.g.e.OverflowError, "fd is less than minimum"))
        }
        Some(x) => Ok(x as i32),
        None => {
            let neg = vm.num(i).is_some_and(
                |n| matches!(n, ops::Num::B(b) if b.sign() == num_bigint::Sign::Minus),
            );
            let msg = if neg {
                "fd is less than minimum"
            } else {
                "fd is greater than maximum"
            };
            Err(vm.new_exc(vm.g.e.OverflowError, msg))
        }
    }
}

/// CPython's `path_converter` for the parameter `arg` of `fname`.
pub(super) fn path_arg(
    vm: &mut Vm,
    fname: &str,
    arg: &str,
    v: Value,
    kind: PathKind,
) -> PyResult<PathArg> {
    if v.is_none() && kind.nullable {
        return Ok(PathArg {
            obj: v,
            c: None,
            fd: -1,
            bytes: false,
        });
    }
    let given = is_str(v) || is_bytes(v);
    let allowed = match (kind.allow_fd, kind.nullable) {
        (true, true) => "string, bytes, os.PathLike, integer or None",
        (true, false) => "string, bytes, os.PathLike or integer",
        (false, true) => "string, bytes, os.PathLike or None",
        (false, false) => "string, bytes or os.PathLike",
    };
    if !given {
        // Another bytes-like object (bytearray, memoryview) is taken as
        // its bytes, with CPython's DeprecationWarning.
        if let Some(b) = crate::types::bytes::buf(v) {
            let tn = vm.type_name_of(v);
            let dw = vm.g.exc["DeprecationWarning"];
            vm.warn(
                dw,
                &format!("{fname}: {arg} should be {allowed}, not {tn}"),
                1,
            )?;
            return match CString::new(b) {
                Ok(c) => Ok(PathArg {
                    obj: v,
                    c: Some(c),
                    fd: -1,
                    bytes: true,
                }),
                Err(_) => {
                    Err(vm.value_error(&format!("{fname}: embedded null character in {arg}")))
                }
            };
        }
    }
    let s = if given {
        Some(v)
    } else if kind.allow_fd && vm.is_int_like(v) {
        let fd = fd_from_int(vm, v)?;
        return Ok(PathArg {
            obj: v,
            c: None,
            fd,
            bytes: false,
        });
    } else {
        call_fspath(vm, v)?
    };
    let Some(s) = s else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{fname}: {arg} should be {allowed}, not {tn}")));
    };
    if is_str(s) {
        let b = fs_encode(vm, s)?;
        match CString::new(b) {
            Ok(c) => Ok(PathArg {
                obj: if given { s } else { Value::EMPTY },
                c: Some(c),
                fd: -1,
                bytes: false,
            }),
            Err(_) => Err(vm.value_error("embedded null byte")),
        }
    } else {
        match CString::new(str_bytes(s)) {
            Ok(c) => Ok(PathArg {
                obj: if given { s } else { Value::EMPTY },
                c: Some(c),
                fd: -1,
                bytes: true,
            }),
            Err(_) => Err(vm.value_error(&format!("{fname}: embedded null character in {arg}"))),
        }
    }
}

/// [`path_arg`] for a parameter that may be None (meaning ".").
pub(super) fn path_arg_nullable(
    vm: &mut Vm,
    fname: &str,
    arg: &str,
    v: Option<Value>,
    allow_fd: bool,
) -> PyResult<PathArg> {
    let kind = PathKind {
        allow_fd,
        nullable: true,
    };
    path_arg(vm, fname, arg, v.unwrap_or(Value::NONE), kind)
}

/// A `dir_fd` argument: AT_FDCWD for None (or absent), else an fd.
pub(super) fn dir_fd(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    match v {
        None => Ok(libc::AT_FDCWD),
        Some(v) if v.is_none() => Ok(libc::AT_FDCWD),
        Some(v) if vm.is_int_like(v) => fd_from_int(vm, v),
        Some(v) => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("argument should be integer or None, not {tn}")))
        }
    }
}

/// A file descriptor argument (`int` in Argument Clinic: `__index__`, then
/// the C int range).
pub(super) fn fd_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    Ok(crate::args::py_long_as_int(vm, v)? as i32)
}

/// `fildes` (`PyObject_AsFileDescriptor`): an int, or an object whose
/// `fileno()` returns one; a negative fd is a ValueError.
pub(crate) fn fildes_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let fd = if vm.is_int_like(v) {
        crate::args::py_long_as_int(vm, v)?
    } else {
        let name = vm.intern("fileno");
        match vm.getattr_opt(v, name)? {
            Some(f) => {
                let r = vm.call(f, &[], Value::EMPTY)?;
                if !vm.is_int_like(r) {
                    return Err(vm.type_error("fileno() returned a non-integer"));
                }
                crate::args::py_long_as_int(vm, r)?
            }
            None => {
                return Err(vm.type_error("argument must be an int, or have a fileno() method."))
            }
        }
    };
    if fd < 0 {
        return Err(vm.value_error(&format!(
            "file descriptor cannot be a negative integer ({fd})"
        )));
    }
    Ok(fd as i32)
}

/// A boolean argument (`p` format: any object's truth value).
pub(super) fn bool_arg(vm: &mut Vm, v: Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => vm.truthy(v),
    }
}

/// `path_and_dir_fd_invalid`: a dir_fd needs a path (not an fd).
pub(super) fn check_path_and_dir_fd(
    vm: &mut Vm,
    fname: &str,
    p: &PathArg,
    dir_fd: i32,
) -> PyResult<()> {
    if p.c.is_none() && dir_fd != libc::AT_FDCWD {
        return Err(vm.value_error(&format!(
            "{fname}: can't specify dir_fd without matching path"
        )));
    }
    Ok(())
}

/// `fd_and_follow_symlinks_invalid` (which, as in CPython, lets fd 0 pass).
pub(super) fn check_fd_and_follow(
    vm: &mut Vm,
    fname: &str,
    p: &PathArg,
    follow_symlinks: bool,
) -> PyResult<()> {
    if p.fd > 0 && !follow_symlinks {
        return Err(vm.value_error(&format!(
            "{fname}: cannot use fd and follow_symlinks together"
        )));
    }
    Ok(())
}

/// `dir_fd_and_fd_invalid` and `fd_and_follow_symlinks_invalid`.
pub(super) fn check_fd_combos(
    vm: &mut Vm,
    fname: &str,
    p: &PathArg,
    dir_fd: i32,
    follow_symlinks: bool,
) -> PyResult<()> {
    if p.fd != -1 && dir_fd != libc::AT_FDCWD {
        return Err(vm.value_error(&format!("{fname}: can't specify both dir_fd and fd")));
    }
    check_fd_and_follow(vm, fname, p, follow_symlinks)
}

/// CPython's `_Py_normpath` on the (surrogate-preserving UTF-8) bytes of a
/// str: collapses repeated separators, `.` components and `name/..`
/// pairs, keeps exactly two leading slashes, drops trailing slashes; an
/// empty result stays empty (`posixpath.normpath` turns it into ".").
/// Only the ASCII bytes '.' and '/' are inspected, which never occur
/// inside a multi-byte sequence.
pub(super) fn normpath_bytes(s: &[u8]) -> Vec<u8> {
    const SEP: u8 = b'/';
    let n = s.len();
    let at = |i: usize| if i < n { s[i] } else { 0 };
    let sep_or_end = |i: usize| i >= n || s[i] == SEP;
    let mut out: Vec<u8> = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let mut p1 = 0;
    // `out[..min]` is never taken back by a `..` (the root's "//").
    let mut min = 0;
    let mut last = 0u8;
    if at(0) == b'.' && at(1) == SEP {
        // A leading "./" (and the separators after it) goes.
        p1 = 2;
        while p1 < n && s[p1] == SEP {
            p1 += 1;
        }
        last = SEP;
    } else if at(0) == SEP && at(1) == SEP && at(2) != SEP {
        out.extend_from_slice(b"//");
        p1 = 2;
        min = 1;
        last = SEP;
    }
    while p1 < n {
        let c = s[p1];
        if last == SEP && c == b'.' {
            let sep1 = sep_or_end(p1 + 1);
            let sep2 = !sep1 && sep_or_end(p1 + 2);
            if sep2 && at(p1 + 1) == b'.' {
                // A ".." component: the start of the previous segment.
                let mut p3 = out.len();
                while p3 != min {
                    p3 -= 1;
                    if out[p3] != SEP {
                        break;
                    }
                }
                while p3 != min && out[p3 - 1] != SEP {
                    p3 -= 1;
                }
                let prev_dotdot = out.len() > p3 + 2 && &out[p3..p3 + 3] == b"../";
                if out.len() == min || prev_dotdot {
                    out.extend_from_slice(b"..");
                    last = b'.';
                } else if out[p3] == SEP {
                    out.truncate(p3 + 1);
                } else {
                    out.truncate(p3);
                }
                p1 += 1;
            } else if !sep1 {
                out.push(c);
                last = c;
            }
        } else if !(last == SEP && c == SEP) {
            out.push(c);
            last = c;
        }
        p1 += 1;
    }
    let mut end = out.len();
    while end != min && end - 1 != min && out[end - 1] == SEP {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// `_path_normpath(path)`: the native half of `posixpath.normpath`, str
/// only.
fn _path_normpath(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "_path_normpath", &a[1..], k, ["path"], 0, 1, 1)?;
    let p = p.unwrap_or(Value::NONE);
    if !is_str(p) {
        let tn = vm.type_name_of(p);
        return Err(vm.type_error(&format!("expected 'str', not '{tn}'")));
    }
    let raw = str_bytes(p);
    let out = normpath_bytes(raw);
    if out == raw {
        return Ok(p);
    }
    Ok(vm.new_str_bytes(&out))
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] =
    &[("fspath", fspath), ("_path_normpath", _path_normpath)];
