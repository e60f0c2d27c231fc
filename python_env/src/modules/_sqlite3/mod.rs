//! The `_sqlite3` module: CPython 3.11's C half of the `sqlite3` package, in
//! Rust over SQLite (rusqlite's bundled build; see `db.rs`). CPython's own
//! `sqlite3/__init__.py`, `dbapi2.py` and `dump.py` run on it unmodified.
//!
//! Files: `db.rs` (safe wrappers over the C API, all of the `unsafe`),
//! `connection.rs`, `cursor.rs`, `row.rs`, `blob.rs`, `callbacks.rs` (user
//! functions, aggregates, collations, authorizer, progress and trace
//! handlers), `adapters.rs` (the adapter and converter registries, binding
//! and reading values), `errors.rs` (the exception classes), `consts.rs`.
//!
//! Threads. There is no GIL: a connection made with
//! `check_same_thread=False` may be used by several threads at once. Every
//! operation on a connection, its cursors and its blobs runs under the
//! connection's own lock (`connection::ConnLock`, re-entrant for the owning
//! thread, so a user function may use its connection as in CPython), which
//! makes each operation atomic: an implicit BEGIN and the statement it
//! guards, a fetch step, a commit. Waiting for that lock and running SQLite
//! (which may sleep in its busy handler) leave the safepoint handshake, so a
//! collection never waits for them; a callback into Python rejoins it while
//! it runs. A collected connection closes its database; statements and blob
//! handles are finalized with their owners (`sqlite3_close_v2` keeps the
//! database alive until the last one goes).

mod adapters;
mod blob;
mod callbacks;
mod connection;
mod consts;
mod cursor;
mod db;
mod errors;
mod row;

use engine::runtime::*;
use proto_core::sync::{AtomicBool, Ordering};
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// The module's types, exception classes and registries: global roots,
/// made once per process (a re-import reuses them).
pub(super) struct Types {
    pub conn: Value,
    pub cursor: Value,
    pub row: Value,
    pub blob: Value,
    pub proto: Value,
    pub exc: [Value; 10],
    /// `adapters`: {(type, PrepareProtocol): callable}.
    pub adapters: Value,
    /// `converters`: {TYPENAME: callable}.
    pub converters: Value,
}

static TYPES: OnceLock<Types> = OnceLock::new();

pub(super) fn types() -> &'static Types {
    TYPES
        .get()
        .expect("_sqlite3 types are made when the module is created")
}

/// `enable_callback_tracebacks(flag)`.
pub(super) static CALLBACK_TRACEBACKS: AtomicBool = AtomicBool::new(false);
/// Set once an adapter is registered for int, float, str or bytearray:
/// values of those types are then looked up in the registry too.
pub(super) static BASE_TYPE_ADAPTED: AtomicBool = AtomicBool::new(false);

/// The `PARSE_*` flags.
pub(super) const PARSE_DECLTYPES: i64 = 1;
pub(super) const PARSE_COLNAMES: i64 = 2;

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// A subclassable type of the module (`__module__` 'sqlite3').
fn new_type(vm: &mut Vm, name: &str, modname: Value) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    t
}

/// `connect(database, timeout=5.0, detect_types=0, isolation_level='',
/// check_same_thread=True, factory=Connection, cached_statements=128,
/// uri=False)`: `factory(*args, **kwargs)`.
fn connect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nk = n_kw(k);
    let npos = a.len() - nk;
    let mut factory = None;
    if npos > 5 {
        factory = Some(a[5]);
    }
    if let Some(ko) = Obj::from_value(k) {
        for i in 0..nk {
            if str_bytes(ko.get(i)) == b"factory" {
                factory = Some(a[npos + i]);
            }
        }
    }
    if npos == 0
        && !(0..nk).any(|i| str_bytes(Obj::from_value(k).expect("kw").get(i)) == b"database")
    {
        return Err(vm.type_error("connect() missing required argument 'database' (pos 1)"));
    }
    let f = factory.unwrap_or(types().conn);
    vm.call(f, a, k)
}

/// `complete_statement(statement)`.
fn complete_statement(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [s] = crate::types::clinic::unpack(vm, "complete_statement", a, k, ["statement"], 0, 1, 1)?;
    let s = s.unwrap_or(Value::NONE);
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!(
            "complete_statement() argument 'statement' must be str, not {tn}"
        )));
    }
    let c = std::ffi::CString::new(str_bytes(s).to_vec())
        .map_err(|_| vm.new_exc(vm.g.e.ValueError, "embedded null character"))?;
    Ok(Value::bool(db::complete(&c)))
}

/// `enable_callback_tracebacks(enable, /)`.
fn enable_callback_tracebacks(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(
        vm,
        "enable_callback_tracebacks",
        "enable_callback_tracebacks",
        a,
        k,
        1,
        1,
    )?;
    let on = crate::args::c_int(vm, a[0])? != 0;
    CALLBACK_TRACEBACKS.store(on, Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `enable_shared_cache(do_enable)`: shared-cache mode is a deprecated
/// process-wide switch; SQLite's bundled build honours it.
fn enable_shared_cache(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [v] =
        crate::types::clinic::unpack(vm, "enable_shared_cache", a, k, ["do_enable"], 0, 1, 1)?;
    let on = crate::args::c_int(vm, v.unwrap_or(Value::NONE))? != 0;
    if let Err(e) = db::enable_shared_cache(on) {
        return Err(errors::exc(vm, errors::Exc::Operational, &e));
    }
    Ok(Value::NONE)
}

/// Creates the `_sqlite3` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    if db::threadsafe() != 1 {
        return Err(vm.exc_by_name(
            "ImportError",
            "_sqlite3 needs SQLite built in serialized mode",
        ));
    }
    let m = super::_struct::new_module_with_state(vm, "_sqlite3", 0);
    let mark = vm.push_root(m);
    let r = (|| {
        if TYPES.get().is_none() {
            let modname = vm.new_str("sqlite3");
            vm.ctx.promote(modname);
            vm.push_root(modname);
            let exc = errors::make_classes(vm)?;
            let conn = new_type(vm, "Connection", modname);
            let cursor = new_type(vm, "Cursor", modname);
            let row = new_type(vm, "Row", modname);
            let blob = new_type(vm, "Blob", modname);
            let proto = new_type(vm, "PrepareProtocol", modname);
            let adapters = vm.new_dict();
            vm.ctx.promote(adapters);
            vm.ctx.add_global_root(adapters);
            let converters = vm.new_dict();
            vm.ctx.promote(converters);
            vm.ctx.add_global_root(converters);
            let _ = TYPES.set(Types {
                conn,
                cursor,
                row,
                blob,
                proto,
                exc,
                adapters,
                converters,
            });
            connection::init_type(vm, conn);
            cursor::init_type(vm, cursor);
            row::init_type(vm, row);
            blob::init_type(vm, blob);
            adapters::init_proto(vm, proto);
        }
        let t = types();
        for (i, &(name, _)) in errors::CLASSES.iter().enumerate() {
            vm.set_module_attr(m, name, t.exc[i]);
        }
        vm.set_module_attr(m, "Connection", t.conn);
        vm.set_module_attr(m, "Cursor", t.cursor);
        vm.set_module_attr(m, "Row", t.row);
        vm.set_module_attr(m, "Blob", t.blob);
        vm.set_module_attr(m, "PrepareProtocol", t.proto);
        vm.set_module_attr(m, "adapters", t.adapters);
        vm.set_module_attr(m, "converters", t.converters);
        for &(n, v) in consts::ERROR_CODES.iter().chain(consts::OTHER_CONSTANTS) {
            vm.set_module_attr(m, n, Value::int(i64::from(v)));
        }
        vm.set_module_attr(m, "PARSE_DECLTYPES", Value::int(PARSE_DECLTYPES));
        vm.set_module_attr(m, "PARSE_COLNAMES", Value::int(PARSE_COLNAMES));
        // DB-API threadsafety 3: SQLite runs serialized, connections may be shared.
        vm.set_module_attr(m, "threadsafety", Value::int(3));
        let v = vm.new_str("2.6.0");
        vm.set_module_attr(m, "version", v);
        let v = vm.new_str(&db::libversion());
        vm.set_module_attr(m, "sqlite_version", v);
        let fns: &[(&'static str, NativeFn)] = &[
            ("connect", connect),
            ("complete_statement", complete_statement),
            ("enable_callback_tracebacks", enable_callback_tracebacks),
            ("enable_shared_cache", enable_shared_cache),
            ("register_adapter", adapters::register_adapter),
            ("register_converter", adapters::register_converter),
            ("adapt", adapters::adapt),
        ];
        vm.add_module_functions(m, fns);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
