//! `_sqlite3`'s exception classes (CPython's: `Warning`, `Error` and its
//! subclasses, module `sqlite3`) and the mapping of SQLite result codes to
//! them, with `sqlite_errorcode` and `sqlite_errorname` set as CPython 3.11
//! sets them.

use super::db::SqlError;
use super::types;
use engine::runtime::*;
use proto_core::Value;
use rusqlite::ffi;

/// Which of the module's exception classes.
/// One variant per class, in `CLASSES` order (some are raised only by
/// Python code, never by this module).
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub(super) enum Exc {
    Warning,
    Error,
    Interface,
    Database,
    Data,
    Operational,
    Integrity,
    Internal,
    Programming,
    NotSupported,
}

/// (name, base) in creation order; a base comes before its subclasses.
pub(super) const CLASSES: [(&str, Option<usize>); 10] = [
    ("Warning", None),
    ("Error", None),
    ("InterfaceError", Some(1)),
    ("DatabaseError", Some(1)),
    ("DataError", Some(3)),
    ("OperationalError", Some(3)),
    ("IntegrityError", Some(3)),
    ("InternalError", Some(3)),
    ("ProgrammingError", Some(3)),
    ("NotSupportedError", Some(3)),
];

pub(super) fn class(e: Exc) -> Value {
    types().exc[e as usize]
}

/// A new exception of the module's class `e`.
pub(super) fn exc(vm: &mut Vm, e: Exc, msg: &str) -> PyException {
    vm.new_exc(class(e), msg)
}

pub(super) fn closed_db(vm: &mut Vm) -> PyException {
    exc(vm, Exc::Programming, "Cannot operate on a closed database.")
}

/// The name of an SQLite result code (`sqlite_errorname`).
pub(super) fn error_name(code: i32) -> &'static str {
    super::consts::ERROR_CODES
        .iter()
        .find(|&&(_, c)| c == code)
        .map_or("SQLITE_UNKNOWN", |&(n, _)| n)
}

/// CPython's `get_exception_class`: the class for a primary result code
/// (None: MemoryError).
fn class_for(code: i32) -> Option<Exc> {
    Some(match code & 0xff {
        ffi::SQLITE_INTERNAL | ffi::SQLITE_NOTFOUND => Exc::Internal,
        ffi::SQLITE_NOMEM => return None,
        ffi::SQLITE_ERROR
        | ffi::SQLITE_PERM
        | ffi::SQLITE_ABORT
        | ffi::SQLITE_BUSY
        | ffi::SQLITE_LOCKED
        | ffi::SQLITE_READONLY
        | ffi::SQLITE_INTERRUPT
        | ffi::SQLITE_IOERR
        | ffi::SQLITE_FULL
        | ffi::SQLITE_CANTOPEN
        | ffi::SQLITE_PROTOCOL
        | ffi::SQLITE_EMPTY
        | ffi::SQLITE_SCHEMA => Exc::Operational,
        ffi::SQLITE_CORRUPT => Exc::Database,
        ffi::SQLITE_TOOBIG => Exc::Data,
        ffi::SQLITE_CONSTRAINT | ffi::SQLITE_MISMATCH => Exc::Integrity,
        ffi::SQLITE_MISUSE | ffi::SQLITE_RANGE => Exc::Interface,
        _ => Exc::Database,
    })
}

/// CPython's `_pysqlite_seterror`: the exception for an SQLite error.
pub(super) fn from_sqlite(vm: &mut Vm, e: &SqlError) -> PyException {
    let Some(which) = class_for(e.code) else {
        return vm.new_exc(vm.g.e.MemoryError, "");
    };
    let x = exc(vm, which, &e.msg);
    let mark = vm.push_root(x.0);
    let code = Value::int(i64::from(e.code));
    let k = vm.intern("sqlite_errorcode");
    let _ = vm.setattr(x.0, k, code);
    let name = vm.new_str(error_name(e.code));
    let k = vm.intern("sqlite_errorname");
    let _ = vm.setattr(x.0, k, name);
    vm.pop_roots(mark);
    x
}

/// Creates the exception classes (`__module__` 'sqlite3').
pub(super) fn make_classes(vm: &mut Vm) -> PyResult<[Value; 10]> {
    let mut out = [Value::NONE; 10];
    let modname = vm.new_str("sqlite3");
    let mark = vm.push_root(modname);
    for (i, &(name, base)) in CLASSES.iter().enumerate() {
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("__module__");
        vm.dict_set_str(ns, key, modname);
        let n = vm.new_str(name);
        vm.push_root(n);
        let b = match base {
            Some(j) => out[j],
            None => vm.g.e.Exception,
        };
        let bases = vm.new_tuple(&[b]);
        vm.push_root(bases);
        let cls = vm.call(vm.g.types.type_, &[n, bases, ns], Value::EMPTY)?;
        vm.ctx.promote(cls);
        vm.ctx.add_global_root(cls);
        out[i] = cls;
    }
    vm.pop_roots(mark);
    Ok(out)
}
