//! Extended attributes: `getxattr`, `setxattr`, `removexattr` and
//! `listxattr`. The path may be an fd (the `f*xattr` calls) and
//! `follow_symlinks=False` picks the `l*xattr` calls.

use super::path::{bool_arg, check_fd_and_follow, path_arg, PathArg, PathKind, PATH, PATH_OR_FD};
use super::{cvt, os_error};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::Value;

/// `XATTR_SIZE_MAX` and `XATTR_LIST_MAX` of Linux.
const XATTR_SIZE_MAX: usize = 65536;
const XATTR_LIST_MAX: usize = 65536;

/// The OSError of a failed call on `path` (`path_error`: the path object,
/// or the fd, as the file name).
fn path_error(vm: &mut Vm, e: i32, path: &PathArg) -> PyException {
    let f = path.filename(vm);
    os_error(vm, e, f)
}

/// The path (fd allowed) and `follow_symlinks` of an xattr call.
fn target(
    vm: &mut Vm,
    fname: &str,
    p: Value,
    follow: Option<Value>,
    kind: PathKind,
) -> PyResult<(PathArg, bool)> {
    let path = path_arg(vm, fname, "path", p, kind)?;
    let follow = bool_arg(vm, follow, true)?;
    check_fd_and_follow(vm, fname, &path, follow)?;
    Ok((path, follow))
}

/// `getxattr(path, attribute, *, follow_symlinks=True)`: the value, bytes.
fn getxattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, attr, fs] = clinic::unpack(
        vm,
        "getxattr",
        &a[1..],
        k,
        ["path", "attribute", "follow_symlinks"],
        0,
        2,
        2,
    )?;
    let (path, follow) = target(vm, "getxattr", p.unwrap_or(Value::NONE), fs, PATH_OR_FD)?;
    let attr = path_arg(
        vm,
        "getxattr",
        "attribute",
        attr.unwrap_or(Value::NONE),
        PATH,
    )?;
    let (fd, pp, ap) = (path.fd, path.ptr(), attr.ptr());
    for size in [128, XATTR_SIZE_MAX] {
        let mut buf = vec![0u8; size];
        let bp = buf.as_mut_ptr().cast::<libc::c_void>();
        let r = vm.ctx.blocking(|| {
            // SAFETY: `pp` and `ap` are C strings owned by `path` and
            // `attr` (or `pp` is unused for an fd); `bp` is writable for
            // `size` bytes.
            cvt(unsafe {
                if fd != -1 {
                    libc::fgetxattr(fd, ap, bp, size)
                } else if follow {
                    libc::getxattr(pp, ap, bp, size)
                } else {
                    libc::lgetxattr(pp, ap, bp, size)
                }
            })
        });
        match r {
            Ok(n) => {
                buf.truncate(n as usize);
                return Ok(vm.new_bytes(&buf));
            }
            Err(libc::ERANGE) if size != XATTR_SIZE_MAX => continue,
            Err(e) => return Err(path_error(vm, e, &path)),
        }
    }
    unreachable!("the last size returns")
}

/// `setxattr(path, attribute, value, flags=0, *, follow_symlinks=True)`.
fn setxattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, attr, value, flags, fs] = clinic::unpack(
        vm,
        "setxattr",
        &a[1..],
        k,
        ["path", "attribute", "value", "flags", "follow_symlinks"],
        0,
        3,
        4,
    )?;
    let (path, follow) = target(vm, "setxattr", p.unwrap_or(Value::NONE), fs, PATH_OR_FD)?;
    let attr = path_arg(
        vm,
        "setxattr",
        "attribute",
        attr.unwrap_or(Value::NONE),
        PATH,
    )?;
    let value = super::files::buffer_arg(vm, value.unwrap_or(Value::NONE))?;
    let flags = match flags {
        Some(f) => crate::args::py_long_as_int(vm, f)? as i32,
        None => 0,
    };
    let (fd, pp, ap) = (path.fd, path.ptr(), attr.ptr());
    let (vp, vn) = (value.as_ptr().cast::<libc::c_void>(), value.len());
    let r = vm.ctx.blocking(|| {
        // SAFETY: `pp` and `ap` are C strings owned by `path` and `attr`;
        // `vp` is readable for `vn` bytes of `value`.
        cvt(unsafe {
            if fd != -1 {
                libc::fsetxattr(fd, ap, vp, vn, flags)
            } else if follow {
                libc::setxattr(pp, ap, vp, vn, flags)
            } else {
                libc::lsetxattr(pp, ap, vp, vn, flags)
            }
        })
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(path_error(vm, e, &path)),
    }
}

/// `removexattr(path, attribute, *, follow_symlinks=True)`.
fn removexattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, attr, fs] = clinic::unpack(
        vm,
        "removexattr",
        &a[1..],
        k,
        ["path", "attribute", "follow_symlinks"],
        0,
        2,
        2,
    )?;
    let (path, follow) = target(vm, "removexattr", p.unwrap_or(Value::NONE), fs, PATH_OR_FD)?;
    let attr = path_arg(
        vm,
        "removexattr",
        "attribute",
        attr.unwrap_or(Value::NONE),
        PATH,
    )?;
    let (fd, pp, ap) = (path.fd, path.ptr(), attr.ptr());
    let r = vm.ctx.blocking(|| {
        // SAFETY: `pp` and `ap` are C strings owned by `path` and `attr`.
        cvt(unsafe {
            if fd != -1 {
                libc::fremovexattr(fd, ap)
            } else if follow {
                libc::removexattr(pp, ap)
            } else {
                libc::lremovexattr(pp, ap)
            }
        })
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(path_error(vm, e, &path)),
    }
}

/// `listxattr(path=None, *, follow_symlinks=True)`: the attribute names,
/// str; None is the current directory.
fn listxattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, fs] = clinic::unpack(
        vm,
        "listxattr",
        &a[1..],
        k,
        ["path", "follow_symlinks"],
        0,
        0,
        1,
    )?;
    let kind = PathKind {
        allow_fd: true,
        nullable: true,
    };
    let (path, follow) = target(vm, "listxattr", p.unwrap_or(Value::NONE), fs, kind)?;
    let dot = std::ffi::CString::new(".").expect("no NUL");
    let (fd, pp) = (
        path.fd,
        if path.c.is_some() {
            path.ptr()
        } else {
            dot.as_ptr()
        },
    );
    for size in [256, XATTR_LIST_MAX] {
        let mut buf = vec![0u8; size];
        let bp = buf.as_mut_ptr().cast::<libc::c_char>();
        let r = vm.ctx.blocking(|| {
            // SAFETY: `pp` is a C string owned by `path` or `dot` (unused
            // for an fd); `bp` is writable for `size` bytes.
            cvt(unsafe {
                if fd != -1 {
                    libc::flistxattr(fd, bp, size)
                } else if follow {
                    libc::listxattr(pp, bp, size)
                } else {
                    libc::llistxattr(pp, bp, size)
                }
            })
        });
        match r {
            Ok(n) => {
                buf.truncate(n as usize);
                let l = vm.new_list(&[]);
                let mark = vm.push_root(l);
                for name in buf.split(|&b| b == 0).filter(|s| !s.is_empty()) {
                    match super::path::fs_decode(vm, name) {
                        Ok(s) => vm.list_append(l, s),
                        Err(e) => {
                            vm.pop_roots(mark);
                            return Err(e);
                        }
                    }
                }
                vm.pop_roots(mark);
                return Ok(l);
            }
            Err(libc::ERANGE) if size != XATTR_LIST_MAX => continue,
            Err(e) => return Err(path_error(vm, e, &path)),
        }
    }
    unreachable!("the last size returns")
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getxattr", getxattr),
    ("setxattr", setxattr),
    ("removexattr", removexattr),
    ("listxattr", listxattr),
];
