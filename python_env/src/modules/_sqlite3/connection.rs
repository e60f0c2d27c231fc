//! `sqlite3.Connection`: opening, transactions (an implicit BEGIN before
//! DML as `isolation_level` says, commit, rollback, the context manager),
//! the statement cache, user functions and handlers, limits, blobs,
//! backups, (de)serialization and `iterdump`.
//!
//! Layout: `K_INSTANCE` with values `[__dict__, subclass __slots__...,
//! row_factory, text_factory, isolation_level, registry, aggregates]` and a
//! [`ConnState`] payload. `registry` keeps the callables given to SQLite
//! alive; `aggregates` holds the live aggregate instances (`callbacks.rs`).
//!
//! Locking: [`ConnLock`] (re-entrant per thread) is held across each whole
//! operation on the connection or its cursors and blobs; `inner` (a plain
//! mutex) is held only for short reads and writes of the Rust state, never
//! across a call that may run Python. The database is an `Arc<Db>`: an
//! operation holds a clone while SQLite runs, so a `close()` from inside a
//! callback marks the connection closed at once and the handle closes when
//! that operation lets go of it.

use super::blob;
use super::callbacks::{self, run_sqlite};
use super::db::{Backup, Blob, Db, SqlError, Stmt};
use super::errors::{self, Exc};
use super::types;
use crate::modules::_thread::AcquireIn;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};
use rusqlite::ffi;
use std::collections::HashMap;
use std::ffi::CString;

/// Value slots at the end of a connection.
pub(super) const S_ROW_FACTORY: usize = 0;
pub(super) const S_TEXT_FACTORY: usize = 1;
const S_ISOLATION: usize = 2;
const S_REGISTRY: usize = 3;
const S_AGGS: usize = 4;
const NSLOTS: usize = 5;

/// The index of slot `i` of `o`.
fn slot(o: Obj, i: usize) -> usize {
    o.n_values() - NSLOTS + i
}

pub(super) fn get_slot(o: Obj, i: usize) -> Value {
    o.get(slot(o, i))
}

/// A lock held across one operation; the thread that holds it may take it
/// again (a user function using its own connection).
pub(super) type ConnLock = proto_core::relock::ReLock;

/// The Rust state of a connection.
pub(super) struct ConnInner {
    pub init: bool,
    pub db: Option<Arc<Db>>,
    pub thread: u64,
    pub check_same_thread: bool,
    pub detect_types: i64,
    /// "BEGIN " + isolation level; None in autocommit mode.
    pub begin: Option<CString>,
    /// Prepared statements not in use, by SQL text.
    cache: HashMap<Box<[u8]>, Vec<Stmt>>,
    cache_len: usize,
    cache_cap: usize,
    pub blobs: HashMap<u64, Blob>,
    pub next_blob: u64,
}

pub(super) struct ConnShared {
    pub lock: ConnLock,
    pub inner: Mutex<ConnInner>,
}

pub(super) struct ConnState {
    pub sh: Arc<ConnShared>,
}

impl Trace for ConnState {}

/// A statement taken from the cache (or freshly prepared) for one use.
pub(super) struct Prepared {
    pub key: Box<[u8]>,
    pub stmt: Stmt,
    pub is_dml: bool,
}

pub(super) fn state(v: Value) -> Option<(Obj, &'static ConnState)> {
    let o = Obj::from_value(v)?;
    native_ref::<ConnState>(o).map(|s| (o, s))
}

fn full_name(vm: &mut Vm, v: Value) -> String {
    vm.type_name_of(v)
}

fn conn_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static ConnState)> {
    match state(v) {
        Some(s) => Ok(s),
        None => {
            let tn = full_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'sqlite3.Connection' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// CPython's `pysqlite_check_thread`.
pub(super) fn check_thread(vm: &mut Vm, st: &ConnState) -> PyResult<()> {
    let (check, owner) = {
        let g = sync::lock(&st.sh.inner);
        (g.check_same_thread && g.init, g.thread)
    };
    if check {
        let me = crate::modules::_thread::thread_ident();
        if me != owner {
            return Err(errors::exc(
                vm,
                Exc::Programming,
                &format!(
                    "SQLite objects created in a thread can only be used in that same thread. \
                     The object was created in thread id {owner} and this is thread id {me}."
                ),
            ));
        }
    }
    Ok(())
}

/// CPython's `pysqlite_check_connection`: the open database.
pub(super) fn check_open(vm: &mut Vm, st: &ConnState) -> PyResult<Arc<Db>> {
    let g = sync::lock(&st.sh.inner);
    if !g.init {
        drop(g);
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Base Connection.__init__ not called.",
        ));
    }
    match &g.db {
        Some(d) => Ok(d.clone()),
        None => {
            drop(g);
            Err(errors::closed_db(vm))
        }
    }
}

/// Thread check, then the open database.
pub(super) fn check(vm: &mut Vm, st: &ConnState) -> PyResult<Arc<Db>> {
    check_thread(vm, st)?;
    check_open(vm, st)
}

pub(super) fn sql_error(vm: &mut Vm, db: &Db) -> PyException {
    let e = db.error();
    errors::from_sqlite(vm, &e)
}

/// CPython 3.11's `is_dml`: the statement starts (after blanks) with
/// INSERT, UPDATE, DELETE or REPLACE.
fn is_dml(sql: &[u8]) -> bool {
    let s = sql
        .iter()
        .position(|c| !b" \t\r\n".contains(c))
        .map_or(&[][..], |i| &sql[i..]);
    let starts = |w: &[u8]| s.len() >= w.len() && s[..w.len()].eq_ignore_ascii_case(w);
    starts(b"insert") || starts(b"update") || starts(b"delete") || starts(b"replace")
}

/// Only blanks and comments left (CPython's `lstrip_sql` finds nothing).
fn only_comments(mut s: &[u8]) -> bool {
    loop {
        match s {
            [] => return true,
            [c, rest @ ..] if b" \t\r\n\x0c".contains(c) => s = rest,
            [b'-', b'-', rest @ ..] => match rest.iter().position(|&c| c == b'\n') {
                Some(i) => s = &rest[i + 1..],
                None => return true,
            },
            [b'/', b'*', rest @ ..] => match rest.windows(2).position(|w| w == b"*/") {
                Some(i) => s = &rest[i + 2..],
                None => return true,
            },
            _ => return false,
        }
    }
}

/// A statement for `sql` (a str), from the cache when one is free.
pub(super) fn prepare(
    vm: &mut Vm,
    st: &ConnState,
    db: &Arc<Db>,
    sql: Value,
) -> PyResult<Option<Prepared>> {
    let text = super::adapters::utf8(vm, sql)?;
    if let Some(v) = {
        let mut g = sync::lock(&st.sh.inner);
        let hit = g.cache.get_mut(text).and_then(Vec::pop);
        if hit.is_some() {
            g.cache_len -= 1;
        }
        hit
    } {
        return Ok(Some(Prepared {
            key: text.into(),
            stmt: v,
            is_dml: is_dml(text),
        }));
    }
    if text.contains(&0) {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "the query contains a null character",
        ));
    }
    let max = db.limit(ffi::SQLITE_LIMIT_SQL_LENGTH, -1);
    if text.len() > max.max(0) as usize {
        return Err(errors::exc(vm, Exc::Data, "query string is too large"));
    }
    let r = run_sqlite(vm, || db.prepare(text));
    match r {
        Err(e) => Err(errors::from_sqlite(vm, &e)),
        Ok((stmt, tail)) => {
            if !only_comments(&text[tail..]) {
                return Err(errors::exc(
                    vm,
                    Exc::Programming,
                    "You can only execute one statement at a time.",
                ));
            }
            Ok(stmt.map(|stmt| Prepared {
                key: text.into(),
                stmt,
                is_dml: is_dml(text),
            }))
        }
    }
}

/// Returns a statement to the cache (reset, bindings cleared).
pub(super) fn release(st: &ConnState, p: Prepared) {
    p.stmt.reset();
    p.stmt.clear_bindings();
    let mut g = sync::lock(&st.sh.inner);
    if g.db.is_none() || g.cache_len >= g.cache_cap {
        return;
    }
    g.cache_len += 1;
    g.cache.entry(p.key).or_default().push(p.stmt);
}

/// The implicit BEGIN before a DML statement outside a transaction.
pub(super) fn begin_if_needed(vm: &mut Vm, st: &ConnState, db: &Arc<Db>) -> PyResult<()> {
    let begin = sync::lock(&st.sh.inner).begin.clone();
    if let Some(b) = begin {
        if db.autocommit() {
            let r = run_sqlite(vm, || db.exec(&b));
            if let Err(e) = r {
                return Err(errors::from_sqlite(vm, &e));
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ creation

fn conn_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = a[0];
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + NSLOTS;
    let state = ConnState {
        sh: Arc::new(ConnShared {
            lock: ConnLock::new(),
            inner: Mutex::new(ConnInner {
                init: false,
                db: None,
                thread: 0,
                check_same_thread: true,
                detect_types: 0,
                begin: None,
                cache: HashMap::new(),
                cache_len: 0,
                cache_cap: 128,
                blobs: HashMap::new(),
                next_blob: 1,
            }),
        }),
    };
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, state);
    let o = Obj::from_value(v).expect("conn");
    let mark = vm.push_root(v);
    for i in 0..n {
        o.init(i, Value::EMPTY);
    }
    o.init(slot(o, S_ROW_FACTORY), Value::NONE);
    o.init(slot(o, S_TEXT_FACTORY), vm.g.types.str_);
    let e = vm.new_str("");
    vm.store(o, slot(o, S_ISOLATION), e);
    let d = vm.new_dict();
    vm.store(o, slot(o, S_REGISTRY), d);
    let d = vm.new_dict();
    vm.store(o, slot(o, S_AGGS), d);
    vm.pop_roots(mark);
    Ok(v)
}

/// The canonical isolation level for `v` (None: autocommit), with
/// CPython's errors.
fn isolation(vm: &mut Vm, v: Value) -> PyResult<Option<&'static str>> {
    if v.is_none() {
        return Ok(None);
    }
    if !is_str(v) {
        return Err(vm.type_error("isolation_level must be str or None"));
    }
    let s = str_bytes(v);
    for lvl in ["", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"] {
        if s.eq_ignore_ascii_case(lvl.as_bytes()) {
            return Ok(Some(lvl));
        }
    }
    Err(vm.new_exc(
        vm.g.e.ValueError,
        "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'",
    ))
}

/// `str`, `bytes` or an `os.PathLike` giving one: the file name's bytes.
fn fs_path(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let v = if is_str(v) || Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        v
    } else {
        let n = vm.intern("__fspath__");
        match vm.getattr_opt(v, n)? {
            Some(_) => vm.call_method(v, "__fspath__", &[])?,
            None => {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {tn}"
                )));
            }
        }
    };
    if is_str(v) {
        let b = super::adapters::utf8(vm, v)?.to_vec();
        if b.contains(&0) {
            return Err(vm.new_exc(vm.g.e.ValueError, "embedded null byte"));
        }
        return Ok(b);
    }
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        let b = str_bytes(v).to_vec();
        if b.contains(&0) {
            return Err(vm.new_exc(vm.g.e.ValueError, "embedded null byte"));
        }
        return Ok(b);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "expected str, bytes or os.PathLike object, not {tn}"
    )))
}

/// `Connection(database, timeout=5.0, detect_types=0, isolation_level='',
/// check_same_thread=True, factory=Connection, cached_statements=128,
/// uri=False)`.
fn conn_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "__init__")?;
    let [database, timeout, detect_types, isolation_level, check_same_thread, _factory, cached, uri] =
        crate::types::clinic::unpack(
            vm,
            "Connection",
            &a[1..],
            k,
            [
                "database",
                "timeout",
                "detect_types",
                "isolation_level",
                "check_same_thread",
                "factory",
                "cached_statements",
                "uri",
            ],
            0,
            1,
            8,
        )?;
    let database = database.unwrap_or(Value::NONE);
    vm.audit("sqlite3.connect", &[database])?;
    let path = fs_path(vm, database)?;
    let timeout = match timeout {
        Some(t) => match vm.as_f64(t) {
            Some(f) => f,
            None => {
                let tn = vm.type_name_of(t);
                return Err(vm.type_error(&format!("must be real number, not {tn}")));
            }
        },
        None => 5.0,
    };
    let detect = match detect_types {
        Some(v) => crate::args::c_int(vm, v)? as i64,
        None => 0,
    };
    let level = match isolation_level {
        Some(v) => isolation(vm, v)?,
        None => Some(""),
    };
    let same = match check_same_thread {
        Some(v) => crate::args::c_int(vm, v)? != 0,
        None => true,
    };
    let cap = match cached {
        Some(v) => crate::args::c_int(vm, v)?.max(0) as usize,
        None => 128,
    };
    let uri = match uri {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut flags = ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE;
    if uri {
        flags |= ffi::SQLITE_OPEN_URI;
    }
    let r = run_sqlite(vm, || Db::open(&path, flags));
    let db = match r {
        Ok(d) => d,
        Err(e) => return Err(errors::from_sqlite(vm, &e)),
    };
    let ms = (timeout * 1000.0).clamp(0.0, i32::MAX as f64) as i32;
    db.busy_timeout(ms);
    vm.audit("sqlite3.connect/handle", &[a[0]])?;
    {
        let mut g = sync::lock(&st.sh.inner);
        g.db = Some(Arc::new(db));
        g.init = true;
        g.thread = crate::modules::_thread::thread_ident();
        g.check_same_thread = same;
        g.detect_types = detect;
        g.begin = level.map(|l| CString::new(format!("BEGIN {l}")).expect("no NUL"));
        g.cache.clear();
        g.cache_len = 0;
        g.cache_cap = cap;
    }
    let lv = match level {
        Some(l) => vm.new_str(l),
        None => Value::NONE,
    };
    vm.store(o, slot(o, S_ISOLATION), lv);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ methods

/// `cursor(factory=Cursor)`.
fn conn_cursor(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "cursor")?;
    let [factory] = crate::types::clinic::unpack(vm, "cursor", &a[1..], k, ["factory"], 0, 0, 1)?;
    check(vm, st)?;
    let f = factory.unwrap_or(types().cursor);
    let c = vm.call(f, &[a[0]], Value::EMPTY)?;
    if super::cursor::state(c).is_none() {
        let tn = vm.type_name_of(c);
        return Err(vm.type_error(&format!("factory must return a cursor, not {tn}")));
    }
    let rf = get_slot(o, S_ROW_FACTORY);
    if !rf.is_none() {
        super::cursor::set_row_factory(vm, c, rf);
    }
    Ok(c)
}

/// `execute`, `executemany`, `executescript` of a new cursor.
fn on_new_cursor(vm: &mut Vm, a: &[Value], k: Value, m: &'static str) -> PyResult<Value> {
    conn_of(vm, a[0], m)?;
    let c = conn_cursor(vm, &a[..1], Value::EMPTY)?;
    let mark = vm.push_root(c);
    let r = (|| {
        let name = vm.intern(m);
        let f = vm.getattr(c, name)?;
        vm.push_root(f);
        vm.call(f, &a[1..], k)?;
        Ok(c)
    })();
    vm.pop_roots(mark);
    r
}

fn conn_execute(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    on_new_cursor(vm, a, k, "execute")
}

fn conn_executemany(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    on_new_cursor(vm, a, k, "executemany")
}

fn conn_executescript(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    on_new_cursor(vm, a, k, "executescript")
}

/// Runs COMMIT or ROLLBACK if a transaction is open.
fn end_transaction(vm: &mut Vm, st: &'static ConnState, sql: &std::ffi::CStr) -> PyResult<()> {
    let _g = st.sh.lock.acquire(vm);
    let db = check(vm, st)?;
    if !db.autocommit() {
        let r = run_sqlite(vm, || db.exec(sql));
        if let Err(e) = r {
            return Err(errors::from_sqlite(vm, &e));
        }
    }
    Ok(())
}

fn conn_commit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "commit")?;
    crate::types::clinic::method_positional(vm, "commit", "commit", a, k, 0, 0)?;
    end_transaction(vm, st, c"COMMIT")?;
    Ok(Value::NONE)
}

fn conn_rollback(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "rollback")?;
    crate::types::clinic::method_positional(vm, "rollback", "rollback", a, k, 0, 0)?;
    end_transaction(vm, st, c"ROLLBACK")?;
    Ok(Value::NONE)
}

/// `close()`: closes the blobs, drops the statement cache and closes the
/// database (at once, or when a running operation lets go of it).
fn conn_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "close")?;
    crate::types::clinic::method_positional(vm, "close", "close", a, k, 0, 0)?;
    check_thread(vm, st)?;
    let _g = st.sh.lock.acquire(vm);
    let db = {
        let mut g = sync::lock(&st.sh.inner);
        if !g.init {
            drop(g);
            return Err(errors::exc(
                vm,
                Exc::Programming,
                "Base Connection.__init__ not called.",
            ));
        }
        g.blobs.clear();
        g.cache.clear();
        g.cache_len = 0;
        g.db.take()
    };
    if let Some(db) = db {
        if let Ok(db) = Arc::try_unwrap(db) {
            if let Err(e) = db.close() {
                return Err(errors::from_sqlite(vm, &e));
            }
        }
    }
    Ok(Value::NONE)
}

fn conn_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "__enter__")?;
    check(vm, st)?;
    Ok(a[0])
}

/// `__exit__(type, value, tb)`: commit, or roll back after an exception;
/// a failed commit is rolled back and re-raised.
fn conn_exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "__exit__")?;
    crate::types::clinic::method_positional(vm, "__exit__", "__exit__", a, k, 3, 3)?;
    let ok = a[1].is_none() && a[2].is_none() && a[3].is_none();
    if ok {
        if let Err(e) = end_transaction(vm, st, c"COMMIT") {
            let mark = vm.push_root(e.0);
            let r = end_transaction(vm, st, c"ROLLBACK");
            vm.pop_roots(mark);
            return Err(match r {
                Ok(()) => e,
                Err(e2) => {
                    let k = vm.intern("__context__");
                    let _ = vm.setattr(e2.0, k, e.0);
                    e2
                }
            });
        }
    } else {
        end_transaction(vm, st, c"ROLLBACK")?;
    }
    Ok(Value::FALSE)
}

/// Remembers `f` under `key` in the connection's registry.
fn register(vm: &mut Vm, o: Obj, key: &str, f: Value) -> PyResult<()> {
    let reg = get_slot(o, S_REGISTRY);
    let k = vm.new_str(key);
    let mark = vm.push_root(k);
    let r = vm.dict_set(reg, k, f);
    vm.pop_roots(mark);
    r
}

fn name_arg(vm: &mut Vm, fname: &str, v: Value, argn: &str) -> PyResult<Vec<u8>> {
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{fname}() argument {argn} must be str, not {tn}")));
    }
    let b = super::adapters::utf8(vm, v)?;
    if b.contains(&0) {
        return Err(vm.new_exc(vm.g.e.ValueError, "embedded null character"));
    }
    Ok(b.to_vec())
}

/// `create_function(name, narg, func, *, deterministic=False)`.
fn conn_create_function(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "create_function")?;
    let [name, narg, func, det] = crate::types::clinic::unpack(
        vm,
        "create_function",
        &a[1..],
        k,
        ["name", "narg", "func", "deterministic"],
        0,
        3,
        3,
    )?;
    let db = check(vm, st)?;
    let name = name_arg(vm, "create_function", name.unwrap_or(Value::NONE), "'name'")?;
    let narg = crate::args::c_int(vm, narg.unwrap_or(Value::NONE))?;
    let func = func.unwrap_or(Value::NONE);
    let mut flags = 0;
    if let Some(d) = det {
        if vm.truthy(d)? {
            flags |= ffi::SQLITE_DETERMINISTIC;
        }
    }
    // As in CPython 3.11, None is registered like any callable (calling it
    // fails): it does not remove the function.
    register(
        vm,
        o,
        &format!("f:{}:{narg}", String::from_utf8_lossy(&name).to_lowercase()),
        func,
    )?;
    let f: Option<Box<dyn super::db::ScalarFunc>> = Some(Box::new(callbacks::PyFunc { func }));
    if db.create_function(&name, narg, flags, f).is_err() {
        return Err(errors::exc(vm, Exc::Operational, "Error creating function"));
    }
    Ok(Value::NONE)
}

fn make_aggregate(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    fname: &'static str,
    window: bool,
) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], fname)?;
    let [name, narg, cls] = if window {
        crate::types::clinic::method_positional(vm, fname, fname, a, k, 3, 3)?;
        [Some(a[1]), Some(a[2]), Some(a[3])]
    } else {
        crate::types::clinic::unpack(
            vm,
            fname,
            &a[1..],
            k,
            ["name", "n_arg", "aggregate_class"],
            0,
            3,
            3,
        )?
    };
    let db = check(vm, st)?;
    let name = name_arg(
        vm,
        fname,
        name.unwrap_or(Value::NONE),
        if window { "1" } else { "'name'" },
    )?;
    let narg = crate::args::c_int(vm, narg.unwrap_or(Value::NONE))?;
    let cls = cls.unwrap_or(Value::NONE);
    // None removes a window function; an aggregate registers it (calling
    // it fails), as CPython 3.11 does.
    let f: Option<Box<dyn super::db::AggregateFunc>> = if cls.is_none() && window {
        None
    } else {
        let tag = if window { "w" } else { "a" };
        register(
            vm,
            o,
            &format!(
                "{tag}:{}:{narg}",
                String::from_utf8_lossy(&name).to_lowercase()
            ),
            cls,
        )?;
        Some(Box::new(callbacks::PyAggregate {
            cls,
            aggs: get_slot(o, S_AGGS),
        }))
    };
    if db.create_aggregate(&name, narg, 0, f, window).is_err() {
        let what = if window {
            "Error creating window function"
        } else {
            "Error creating aggregate"
        };
        return Err(errors::exc(vm, Exc::Operational, what));
    }
    Ok(Value::NONE)
}

fn conn_create_aggregate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    make_aggregate(vm, a, k, "create_aggregate", false)
}

fn conn_create_window_function(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    make_aggregate(vm, a, k, "create_window_function", true)
}

/// `create_collation(name, callable, /)`.
fn conn_create_collation(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "create_collation")?;
    crate::types::clinic::method_positional(
        vm,
        "create_collation",
        "create_collation",
        a,
        k,
        2,
        2,
    )?;
    let db = check(vm, st)?;
    let name = name_arg(vm, "create_collation", a[1], "1")?;
    let f = a[2];
    let c: Option<Box<dyn super::db::Collation>> = if f.is_none() {
        None
    } else {
        if !vm.is_callable(f) {
            return Err(vm.type_error("parameter must be callable"));
        }
        register(vm, o, &format!("c:{}", String::from_utf8_lossy(&name)), f)?;
        Some(Box::new(callbacks::PyCollation { func: f }))
    };
    if let Err(e) = db.create_collation(&name, c) {
        return Err(errors::from_sqlite(vm, &e));
    }
    Ok(Value::NONE)
}

/// `set_authorizer(authorizer_callback)`.
fn conn_set_authorizer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "set_authorizer")?;
    let [f] = crate::types::clinic::unpack(
        vm,
        "set_authorizer",
        &a[1..],
        k,
        ["authorizer_callback"],
        0,
        1,
        1,
    )?;
    let db = check(vm, st)?;
    let f = f.unwrap_or(Value::NONE);
    let cb: Option<Box<dyn super::db::Authorizer>> = if f.is_none() {
        None
    } else {
        register(vm, o, "authorizer", f)?;
        Some(Box::new(callbacks::PyAuthorizer { func: f }))
    };
    if db.set_authorizer(cb).is_err() {
        return Err(errors::exc(
            vm,
            Exc::Operational,
            "Error setting authorizer callback",
        ));
    }
    Ok(Value::NONE)
}

/// `set_progress_handler(progress_handler, n)`.
fn conn_set_progress_handler(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "set_progress_handler")?;
    let [f, n] = crate::types::clinic::unpack(
        vm,
        "set_progress_handler",
        &a[1..],
        k,
        ["progress_handler", "n"],
        0,
        2,
        2,
    )?;
    let db = check(vm, st)?;
    let f = f.unwrap_or(Value::NONE);
    let n = crate::args::c_int(vm, n.unwrap_or(Value::NONE))?;
    let cb: Option<Box<dyn super::db::Progress>> = if f.is_none() {
        None
    } else {
        register(vm, o, "progress", f)?;
        Some(Box::new(callbacks::PyProgress { func: f }))
    };
    db.set_progress(cb, n);
    Ok(Value::NONE)
}

/// `set_trace_callback(trace_callback)`.
fn conn_set_trace_callback(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "set_trace_callback")?;
    let [f] = crate::types::clinic::unpack(
        vm,
        "set_trace_callback",
        &a[1..],
        k,
        ["trace_callback"],
        0,
        1,
        1,
    )?;
    let db = check(vm, st)?;
    let f = f.unwrap_or(Value::NONE);
    let cb: Option<Box<dyn super::db::Trace>> = if f.is_none() {
        None
    } else {
        register(vm, o, "trace", f)?;
        Some(Box::new(callbacks::PyTrace { func: f }))
    };
    db.set_trace(cb);
    Ok(Value::NONE)
}

fn conn_enable_load_extension(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "enable_load_extension")?;
    crate::types::clinic::method_positional(
        vm,
        "enable_load_extension",
        "enable_load_extension",
        a,
        k,
        1,
        1,
    )?;
    let db = check(vm, st)?;
    let on = crate::args::c_int(vm, a[1])? != 0;
    vm.audit("sqlite3.enable_load_extension", &[a[0], Value::bool(on)])?;
    if db.set_load_extension(on).is_err() {
        return Err(errors::exc(
            vm,
            Exc::Operational,
            "Error enabling load extension",
        ));
    }
    Ok(Value::NONE)
}

fn conn_load_extension(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "load_extension")?;
    crate::types::clinic::method_positional(vm, "load_extension", "load_extension", a, k, 1, 1)?;
    let db = check(vm, st)?;
    let name = name_arg(vm, "load_extension", a[1], "")?;
    vm.audit("sqlite3.load_extension", &[a[0], a[1]])?;
    let r = run_sqlite(vm, || db.load_extension(&name, None));
    if let Err(m) = r {
        return Err(errors::exc(vm, Exc::Operational, &m));
    }
    Ok(Value::NONE)
}

/// `interrupt()`: safe from any thread, takes no lock.
fn conn_interrupt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "interrupt")?;
    crate::types::clinic::method_positional(vm, "interrupt", "interrupt", a, k, 0, 0)?;
    let db = check_open(vm, st)?;
    db.interrupt();
    Ok(Value::NONE)
}

/// `iterdump()`: CPython's `sqlite3.dump._iterdump(self)`.
fn conn_iterdump(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "iterdump")?;
    crate::types::clinic::method_positional(vm, "iterdump", "iterdump", a, k, 0, 0)?;
    check(vm, st)?;
    let m = vm.import_module("sqlite3.dump")?;
    let mark = vm.push_root(m);
    let r = (|| {
        let n = vm.intern("_iterdump");
        let f = vm.getattr(m, n)?;
        vm.push_root(f);
        vm.call(f, &[a[0]], Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

fn limit_category(vm: &mut Vm, db: &Db, v: Value) -> PyResult<i32> {
    let c = crate::args::c_int(vm, v)?;
    if db.limit(c, -1) < 0 {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "'category' is out of bounds",
        ));
    }
    Ok(c)
}

fn conn_getlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "getlimit")?;
    crate::types::clinic::method_positional(vm, "getlimit", "getlimit", a, k, 1, 1)?;
    let db = check(vm, st)?;
    let c = limit_category(vm, &db, a[1])?;
    Ok(Value::int(i64::from(db.limit(c, -1))))
}

fn conn_setlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "setlimit")?;
    crate::types::clinic::method_positional(vm, "setlimit", "setlimit", a, k, 2, 2)?;
    let db = check(vm, st)?;
    let c = limit_category(vm, &db, a[1])?;
    let n = crate::args::c_int(vm, a[2])?;
    Ok(Value::int(i64::from(db.limit(c, n))))
}

fn schema_name(vm: &mut Vm, fname: &str, v: Option<Value>) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(b"main".to_vec()),
        Some(v) => name_arg(vm, fname, v, "'name'"),
    }
}

/// `serialize(*, name='main')`.
fn conn_serialize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "serialize")?;
    let [name] = crate::types::clinic::unpack(vm, "serialize", &a[1..], k, ["name"], 0, 0, 0)?;
    let name = schema_name(vm, "serialize", name)?;
    let _g = st.sh.lock.acquire(vm);
    let db = check(vm, st)?;
    match run_sqlite(vm, || db.serialize(&name)) {
        Some(b) => Ok(vm.new_bytes(&b)),
        None => Err(errors::exc(
            vm,
            Exc::Operational,
            &format!("unable to serialize '{}'", String::from_utf8_lossy(&name)),
        )),
    }
}

/// `deserialize(data, /, *, name='main')`.
fn conn_deserialize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "deserialize")?;
    let [data, name] =
        crate::types::clinic::unpack(vm, "deserialize", &a[1..], k, ["data", "name"], 1, 1, 1)?;
    let data = data.unwrap_or(Value::NONE);
    let bytes = match crate::types::bytes::buf(data) {
        Some(b) if !is_str(data) => b,
        _ => {
            let tn = vm.type_name_of(data);
            return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
        }
    };
    let name = schema_name(vm, "deserialize", name)?;
    let _g = st.sh.lock.acquire(vm);
    let db = check(vm, st)?;
    if let Err(e) = run_sqlite(vm, || db.deserialize(&name, &bytes)) {
        return Err(errors::from_sqlite(vm, &e));
    }
    Ok(Value::NONE)
}

/// `blobopen(table, column, row, /, *, readonly=False, name='main')`.
fn conn_blobopen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "blobopen")?;
    let [table, column, row, readonly, name] = crate::types::clinic::unpack(
        vm,
        "blobopen",
        &a[1..],
        k,
        ["table", "column", "row", "readonly", "name"],
        3,
        3,
        3,
    )?;
    let table = name_arg(vm, "blobopen", table.unwrap_or(Value::NONE), "1")?;
    let column = name_arg(vm, "blobopen", column.unwrap_or(Value::NONE), "2")?;
    let rowv = row.unwrap_or(Value::NONE);
    let row = match vm.as_i64(rowv) {
        Some(r) => r,
        None => {
            let tn = vm.type_name_of(rowv);
            return Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )));
        }
    };
    let ro = match readonly {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let name = schema_name(vm, "blobopen", name)?;
    let _g = st.sh.lock.acquire(vm);
    let db = check(vm, st)?;
    let r = run_sqlite(vm, || db.blob_open(&name, &table, &column, row, ro));
    let b = match r {
        Ok(b) => b,
        Err(e) => return Err(errors::from_sqlite(vm, &e)),
    };
    let id = {
        let mut g = sync::lock(&st.sh.inner);
        let id = g.next_blob;
        g.next_blob += 1;
        g.blobs.insert(id, b);
        id
    };
    blob::new_blob(vm, a[0], st.sh.clone(), id)
}

/// `backup(target, *, pages=-1, progress=None, name='main', sleep=0.250)`.
fn conn_backup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "backup")?;
    let [target, pages, progress, name, sleep] = crate::types::clinic::unpack(
        vm,
        "backup",
        &a[1..],
        k,
        ["target", "pages", "progress", "name", "sleep"],
        0,
        1,
        1,
    )?;
    let target = target.unwrap_or(Value::NONE);
    let Some((_, tst)) = state(target) else {
        let tn = vm.type_name_of(target);
        return Err(vm.type_error(&format!(
            "backup() argument 'target' must be sqlite3.Connection, not {tn}"
        )));
    };
    let db = check(vm, st)?;
    let tdb = check_open(vm, tst)?;
    if Arc::ptr_eq(&st.sh, &tst.sh) {
        return Err(vm.new_exc(
            vm.g.e.ValueError,
            "target cannot be the same connection instance",
        ));
    }
    let mut pages = match pages {
        Some(p) => crate::args::c_int(vm, p)?,
        None => -1,
    };
    if pages == 0 {
        pages = -1;
    }
    let progress = progress.filter(|p| !p.is_none());
    if let Some(p) = progress {
        if !vm.is_callable(p) {
            return Err(vm.type_error("progress argument must be a callable"));
        }
    }
    let name = schema_name(vm, "backup", name)?;
    let sleep_ms = match sleep {
        Some(s) => match vm.as_f64(s) {
            Some(f) => (f * 1000.0).clamp(0.0, i32::MAX as f64) as i32,
            None => {
                let tn = vm.type_name_of(s);
                return Err(vm.type_error(&format!("must be real number, not {tn}")));
            }
        },
        None => 250,
    };
    if !tdb.autocommit() {
        return Err(errors::exc(
            vm,
            Exc::Operational,
            "target is in transaction",
        ));
    }
    // Both connections are locked for the whole backup, in address order.
    let (first, second) = if Arc::as_ptr(&st.sh) < Arc::as_ptr(&tst.sh) {
        (st, tst)
    } else {
        (tst, st)
    };
    let _g1 = first.sh.lock.acquire(vm);
    let _g2 = second.sh.lock.acquire(vm);
    let bk: Backup = match db.backup_init(&name, &tdb, b"main") {
        Ok(b) => b,
        Err(e) => return Err(errors::from_sqlite(vm, &e)),
    };
    loop {
        let (rc, remaining, count) = run_sqlite(vm, || bk.step(pages));
        if let Some(p) = progress {
            vm.call(
                p,
                &[
                    Value::int(i64::from(rc)),
                    Value::int(i64::from(remaining)),
                    Value::int(i64::from(count)),
                ],
                Value::EMPTY,
            )?;
        }
        if rc == ffi::SQLITE_BUSY || rc == ffi::SQLITE_LOCKED {
            let d = std::time::Duration::from_millis(sleep_ms as u64);
            vm.ctx.blocking(|| std::thread::sleep(d));
        }
        if rc != ffi::SQLITE_OK && rc != ffi::SQLITE_BUSY && rc != ffi::SQLITE_LOCKED {
            break;
        }
    }
    let rc = bk.finish();
    if rc != ffi::SQLITE_OK {
        let e = tdb.error();
        let e = if e.code == ffi::SQLITE_OK {
            SqlError {
                code: rc,
                msg: super::db::errstr(rc),
            }
        } else {
            e
        };
        return Err(errors::from_sqlite(vm, &e));
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ attributes

fn p_isolation_level(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "isolation_level")?;
    check(vm, st)?;
    Ok(get_slot(o, S_ISOLATION))
}

fn set_isolation_level(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, st) = conn_of(vm, a[0], "isolation_level")?;
    check(vm, st)?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "cannot delete attribute"));
    }
    let level = isolation(vm, v)?;
    match level {
        None => {
            end_transaction(vm, st, c"COMMIT")?;
            sync::lock(&st.sh.inner).begin = None;
            vm.store(o, slot(o, S_ISOLATION), Value::NONE);
        }
        Some(l) => {
            sync::lock(&st.sh.inner).begin =
                Some(CString::new(format!("BEGIN {l}")).expect("no NUL"));
            let s = vm.new_str(l);
            vm.store(o, slot(o, S_ISOLATION), s);
        }
    }
    Ok(Value::NONE)
}

fn p_in_transaction(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "in_transaction")?;
    let db = check(vm, st)?;
    Ok(Value::bool(!db.autocommit()))
}

fn p_total_changes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, st) = conn_of(vm, a[0], "total_changes")?;
    let db = check(vm, st)?;
    Ok(vm.new_int(db.total_changes()))
}

fn p_row_factory(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = conn_of(vm, a[0], "row_factory")?;
    Ok(get_slot(o, S_ROW_FACTORY))
}

fn set_row_factory(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = conn_of(vm, a[0], "row_factory")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "cannot delete attribute"));
    }
    vm.store(o, slot(o, S_ROW_FACTORY), v);
    Ok(Value::NONE)
}

fn p_text_factory(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = conn_of(vm, a[0], "text_factory")?;
    Ok(get_slot(o, S_TEXT_FACTORY))
}

fn set_text_factory(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = conn_of(vm, a[0], "text_factory")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "cannot delete attribute"));
    }
    vm.store(o, slot(o, S_TEXT_FACTORY), v);
    Ok(Value::NONE)
}

/// Fills the `Connection` type.
pub(super) fn init_type(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", conn_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", conn_init),
        ("cursor", conn_cursor),
        ("execute", conn_execute),
        ("executemany", conn_executemany),
        ("executescript", conn_executescript),
        ("commit", conn_commit),
        ("rollback", conn_rollback),
        ("close", conn_close),
        ("__enter__", conn_enter),
        ("__exit__", conn_exit),
        ("create_function", conn_create_function),
        ("create_aggregate", conn_create_aggregate),
        ("create_window_function", conn_create_window_function),
        ("create_collation", conn_create_collation),
        ("set_authorizer", conn_set_authorizer),
        ("set_progress_handler", conn_set_progress_handler),
        ("set_trace_callback", conn_set_trace_callback),
        ("enable_load_extension", conn_enable_load_extension),
        ("load_extension", conn_load_extension),
        ("interrupt", conn_interrupt),
        ("iterdump", conn_iterdump),
        ("getlimit", conn_getlimit),
        ("setlimit", conn_setlimit),
        ("serialize", conn_serialize),
        ("deserialize", conn_deserialize),
        ("blobopen", conn_blobopen),
        ("backup", conn_backup),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let props: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        (
            "isolation_level",
            p_isolation_level,
            Some(set_isolation_level),
        ),
        ("in_transaction", p_in_transaction, None),
        ("total_changes", p_total_changes, None),
        ("row_factory", p_row_factory, Some(set_row_factory)),
        ("text_factory", p_text_factory, Some(set_text_factory)),
    ];
    for &(n, g, s) in props {
        let p = vm.new_native_getset(t, n, g, s);
        vm.add_attr(t, n, p);
    }
    for (i, &(name, _)) in errors::CLASSES.iter().enumerate() {
        vm.add_attr(t, name, types().exc[i]);
    }
    let d = vm.new_str("SQLite database connection object.");
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
}
