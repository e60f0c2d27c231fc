//! The `_stat` module: the file mode constants and the `S_IS*`, `S_IMODE`,
//! `S_IFMT` and `filemode` functions that CPython's `stat.py` otherwise
//! defines in Python (it ends with `from _stat import *`), with Linux's
//! values.

use engine::runtime::*;
use num_bigint::Sign;
use proto_core::Value;

const MODULE_DOC: &str = "Constants and functions for interpreting the st_mode field of \
os.stat() results: file types (S_IF*, S_IS*), permission bits (S_I*), \
and BSD file flags (UF_*, SF_*).";

const S_IFMT: u32 = 0o170000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFBLK: u32 = 0o060000;
const S_IFREG: u32 = 0o100000;
const S_IFIFO: u32 = 0o010000;
const S_IFLNK: u32 = 0o120000;
const S_IFSOCK: u32 = 0o140000;

const CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", S_IFDIR as i64),
    ("S_IFCHR", S_IFCHR as i64),
    ("S_IFBLK", S_IFBLK as i64),
    ("S_IFREG", S_IFREG as i64),
    ("S_IFIFO", S_IFIFO as i64),
    ("S_IFLNK", S_IFLNK as i64),
    ("S_IFSOCK", S_IFSOCK as i64),
    // Solaris doors, event ports and BSD whiteouts do not exist on Linux.
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 0o4000),
    ("S_ISGID", 0o2000),
    ("S_ENFMT", 0o2000),
    ("S_ISVTX", 0o1000),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("UF_NODUMP", 0x1),
    ("UF_IMMUTABLE", 0x2),
    ("UF_APPEND", 0x4),
    ("UF_OPAQUE", 0x8),
    ("UF_NOUNLINK", 0x10),
    ("UF_COMPRESSED", 0x20),
    ("UF_HIDDEN", 0x8000),
    ("SF_ARCHIVED", 0x10000),
    ("SF_IMMUTABLE", 0x20000),
    ("SF_APPEND", 0x40000),
    ("SF_NOUNLINK", 0x100000),
    ("SF_SNAPSHOT", 0x200000),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

/// CPython's `_PyLong_AsMode_t`: an int (no `__index__`) that fits
/// `mode_t`.
fn mode_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    let b = vm.as_bigint(v).unwrap_or_default();
    if b.sign() == Sign::Minus {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative value to unsigned int",
        ));
    }
    u32::try_from(&b).map_err(|_| vm.new_exc(vm.g.e.OverflowError, "mode out of range"))
}

/// One argument, no keywords (METH_O).
fn one_mode(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<u32> {
    crate::args::check(vm, &format!("_stat.{name}"), a, k, 1, 1)?;
    mode_arg(vm, a[0])
}

macro_rules! s_is {
    ($fn:ident, $name:literal, $bits:expr) => {
        fn $fn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let m = one_mode(vm, $name, a, k)?;
            Ok(Value::bool($bits != 0 && m & S_IFMT == $bits))
        }
    };
}
s_is!(s_isdir, "S_ISDIR", S_IFDIR);
s_is!(s_ischr, "S_ISCHR", S_IFCHR);
s_is!(s_isblk, "S_ISBLK", S_IFBLK);
s_is!(s_isreg, "S_ISREG", S_IFREG);
s_is!(s_isfifo, "S_ISFIFO", S_IFIFO);
s_is!(s_islnk, "S_ISLNK", S_IFLNK);
s_is!(s_issock, "S_ISSOCK", S_IFSOCK);
s_is!(s_isdoor, "S_ISDOOR", 0);
s_is!(s_isport, "S_ISPORT", 0);
s_is!(s_iswht, "S_ISWHT", 0);

/// `S_IMODE(mode)`: the permission bits.
fn s_imode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = one_mode(vm, "S_IMODE", a, k)?;
    Ok(Value::int(i64::from(m & 0o7777)))
}

/// `S_IFMT(mode)`: the file type bits.
fn s_ifmt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = one_mode(vm, "S_IFMT", a, k)?;
    Ok(Value::int(i64::from(m & S_IFMT)))
}

/// The `ls -l` character of a file type.
fn type_char(m: u32) -> char {
    match m & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    }
}

/// `filemode(mode)`: `ls -l`'s string, e.g. '-rwxr-xr-x'.
fn filemode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = one_mode(vm, "filemode", a, k)?;
    let mut s = String::with_capacity(10);
    s.push(type_char(m));
    // (read, write, execute, special bit, special char when executable).
    for (shift, special, c) in [(6, 0o4000, 's'), (3, 0o2000, 's'), (0, 0o1000, 't')] {
        let p = (m >> shift) & 7;
        s.push(if p & 4 != 0 { 'r' } else { '-' });
        s.push(if p & 2 != 0 { 'w' } else { '-' });
        s.push(match (p & 1 != 0, m & special != 0) {
            (true, true) => c,
            (false, true) => c.to_ascii_uppercase(),
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    Ok(vm.new_str(&s))
}

/// Creates the `_stat` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_stat");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    vm.add_module_functions(
        m,
        &[
            ("S_ISDIR", s_isdir as NativeFn),
            ("S_ISCHR", s_ischr),
            ("S_ISBLK", s_isblk),
            ("S_ISREG", s_isreg),
            ("S_ISFIFO", s_isfifo),
            ("S_ISLNK", s_islnk),
            ("S_ISSOCK", s_issock),
            ("S_ISDOOR", s_isdoor),
            ("S_ISPORT", s_isport),
            ("S_ISWHT", s_iswht),
            ("S_IMODE", s_imode),
            ("S_IFMT", s_ifmt),
            ("filemode", filemode),
        ],
    );
    for &(n, v) in CONSTANTS {
        vm.set_module_attr(m, n, Value::int(v));
    }
    vm.pop_roots(mark);
    Ok(m)
}
