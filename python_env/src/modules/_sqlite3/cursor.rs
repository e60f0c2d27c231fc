//! `sqlite3.Cursor`: `execute`, `executemany`, `executescript`, the fetch
//! methods and iteration, `description`, `rowcount`, `lastrowid`,
//! `arraysize`, `row_factory`, and the converters of `detect_types`.
//!
//! Layout: `K_INSTANCE` with values `[__dict__, subclass __slots__...,
//! connection, description, row_factory, converters]` (`converters`: a
//! tuple with one converter or None per column, or None) and a
//! [`CursorState`] payload holding the statement being stepped. A row that
//! SQLite has produced but the program has not fetched yet stays in the
//! statement (`has_row`), as in CPython: each fetch builds the row, then
//! steps to the next. Every operation holds the connection's lock
//! (`connection::ConnLock`); the `locked` flag refuses re-entry from a
//! callback on the same cursor, as CPython does.

use super::adapters::{self, Param};
use super::callbacks::run_sqlite;
use super::connection::{self, ConnState, Prepared};
use super::db::{Db, SqlValue, Stmt};
use super::errors::{self, Exc};
use super::{types, PARSE_COLNAMES, PARSE_DECLTYPES};
use crate::modules::_thread::AcquireIn;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};
use rusqlite::ffi;

const S_CONN: usize = 0;
const S_DESCRIPTION: usize = 1;
const S_ROW_FACTORY: usize = 2;
const S_CONVERTERS: usize = 3;
const NSLOTS: usize = 4;

fn slot(o: Obj, i: usize) -> usize {
    o.n_values() - NSLOTS + i
}

fn get_slot(o: Obj, i: usize) -> Value {
    o.get(slot(o, i))
}

pub(super) struct CurInner {
    init: bool,
    closed: bool,
    locked: bool,
    stmt: Option<Prepared>,
    has_row: bool,
    rowcount: i64,
    lastrowid: Option<i64>,
    arraysize: i64,
}

pub(super) struct CursorState {
    inner: Mutex<CurInner>,
}

impl Trace for CursorState {}

pub(super) fn state(v: Value) -> Option<(Obj, &'static CursorState)> {
    let o = Obj::from_value(v)?;
    native_ref::<CursorState>(o).map(|s| (o, s))
}

fn cur_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static CursorState)> {
    match state(v) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'sqlite3.Cursor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

pub(super) fn set_row_factory(vm: &mut Vm, c: Value, rf: Value) {
    if let Some((o, _)) = state(c) {
        vm.store(o, slot(o, S_ROW_FACTORY), rf);
    }
}

/// The cursor's connection state.
pub(super) fn connection_of(o: Obj) -> Option<(Value, &'static ConnState)> {
    let c = get_slot(o, S_CONN);
    connection::state(c).map(|(_, s)| (c, s))
}

/// CPython's `check_cursor`: initialised, not closed, connection usable,
/// not in use by a callback of its own.
fn check_cursor(vm: &mut Vm, o: Obj, cs: &CursorState) -> PyResult<(Value, &'static ConnState)> {
    let (init, closed) = {
        let g = sync::lock(&cs.inner);
        (g.init, g.closed)
    };
    if !init {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Base Cursor.__init__ not called.",
        ));
    }
    if closed {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Cannot operate on a closed cursor.",
        ));
    }
    let Some((c, st)) = connection_of(o) else {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Base Cursor.__init__ not called.",
        ));
    };
    // The thread only: a wrong thread must not wait for the lock; callers
    // check the database is open once they hold it.
    connection::check_thread(vm, st)?;
    Ok((c, st))
}

fn cur_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = a[0];
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + NSLOTS;
    let st = CursorState {
        inner: Mutex::new(CurInner {
            init: false,
            closed: false,
            locked: false,
            stmt: None,
            has_row: false,
            rowcount: -1,
            lastrowid: None,
            arraysize: 1,
        }),
    };
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, st);
    let o = Obj::from_value(v).expect("cursor");
    for i in 0..n {
        o.init(i, Value::EMPTY);
    }
    for i in 0..NSLOTS {
        o.init(slot(o, i), Value::NONE);
    }
    Ok(v)
}

/// `Cursor(connection, /)`.
fn cur_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, cs) = cur_of(vm, a[0], "__init__")?;
    crate::types::clinic::method_positional(vm, "Cursor", "Cursor", a, k, 1, 1)?;
    let c = a[1];
    if connection::state(c).is_none() {
        let tn = vm.type_name_of(c);
        return Err(vm.type_error(&format!(
            "Cursor() argument 1 must be sqlite3.Connection, not {tn}"
        )));
    }
    vm.store(o, slot(o, S_CONN), c);
    vm.store(o, slot(o, S_DESCRIPTION), Value::NONE);
    vm.store(o, slot(o, S_ROW_FACTORY), Value::NONE);
    let mut g = sync::lock(&cs.inner);
    g.init = true;
    g.closed = false;
    g.rowcount = -1;
    g.lastrowid = None;
    g.arraysize = 1;
    Ok(Value::NONE)
}

/// Clears the `locked` flag when an operation ends.
struct Unlock(&'static CursorState);

impl Drop for Unlock {
    fn drop(&mut self) {
        sync::lock(&self.0.inner).locked = false;
    }
}

/// Returns the cursor's current statement (if any) to the cache.
fn drop_stmt(st: &ConnState, cs: &CursorState) {
    let p = {
        let mut g = sync::lock(&cs.inner);
        g.has_row = false;
        g.stmt.take()
    };
    if let Some(p) = p {
        connection::release(st, p);
    }
}

/// Is `v` a sequence of parameters (tuple, list, or a non-dict with
/// `__getitem__`)?
fn is_seq(vm: &mut Vm, v: Value) -> bool {
    let Some(o) = Obj::from_value(v) else {
        return false;
    };
    let c = o.class();
    if c == vm.g.types.tuple || c == vm.g.types.list {
        return true;
    }
    if vm.isinstance(v, vm.g.types.dict) {
        return false;
    }
    let n = vm.intern("__getitem__");
    vm.lookup_type(c, n).is_some()
}

/// Binds one value (adapted first when needed) to parameter `i`.
fn bind_one(vm: &mut Vm, stmt: &Stmt, i: i32, v: Value) -> PyResult<()> {
    let v = if adapters::need_adapt(vm, v) {
        adapters::do_adapt(vm, v, types().proto, Some(v))?
    } else {
        v
    };
    let mark = vm.push_root(v);
    let r = (|| {
        let Some(p) = adapters::to_param(vm, v)? else {
            let tn = vm.type_name_of(v);
            return Err(errors::exc(
                vm,
                Exc::Programming,
                &format!("Error binding parameter {i}: type '{tn}' is not supported"),
            ));
        };
        let rc = stmt.bind(i, p.as_sql());
        if rc != ffi::SQLITE_OK {
            let code = rc;
            let e = super::db::SqlError {
                code,
                msg: super::db::errstr(code),
            };
            return Err(errors::from_sqlite(vm, &e));
        }
        let _ = Param::Null;
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// CPython's `bind_parameters`.
fn bind_parameters(vm: &mut Vm, stmt: &Stmt, params: Value) -> PyResult<()> {
    let needed = stmt.bind_count();
    if is_seq(vm, params) {
        let n = vm.len(params)?;
        if n != needed as usize {
            return Err(errors::exc(
                vm,
                Exc::Programming,
                &format!(
                    "Incorrect number of bindings supplied. The current statement uses {needed}, and there are {n} supplied."
                ),
            ));
        }
        let fast = Obj::from_value(params)
            .is_some_and(|o| o.class() == vm.g.types.tuple || o.class() == vm.g.types.list);
        let items = if fast {
            vm.seq_items(params)
        } else {
            Vec::new()
        };
        for i in 0..n {
            let v = if fast {
                // A list may shrink while adapters run: re-read it then.
                match items.get(i) {
                    Some(&v) if vm.len(params)? == n => v,
                    _ => vm.getitem(params, Value::int(i as i64))?,
                }
            } else {
                vm.getitem(params, Value::int(i as i64))?
            };
            let mark = vm.push_root(v);
            let r = bind_one(vm, stmt, i as i32 + 1, v);
            vm.pop_roots(mark);
            r?;
        }
        return Ok(());
    }
    if vm.isinstance(params, vm.g.types.dict) {
        for i in 1..=needed {
            let Some(name) = stmt.bind_name(i) else {
                return Err(errors::exc(
                    vm,
                    Exc::Programming,
                    &format!("Binding {i} has no name, but you supplied a dictionary (which has only names)."),
                ));
            };
            let key = vm.new_str(&String::from_utf8_lossy(&name[1..]));
            let mark = vm.push_root(key);
            let r = vm.getitem(params, key);
            let v = match r {
                Ok(v) => v,
                Err(e) if vm.isinstance(e.0, vm.g.e.LookupError) => {
                    vm.pop_roots(mark);
                    return Err(errors::exc(
                        vm,
                        Exc::Programming,
                        &format!(
                            "You did not supply a value for binding parameter {}.",
                            String::from_utf8_lossy(&name)
                        ),
                    ));
                }
                Err(e) => {
                    vm.pop_roots(mark);
                    return Err(e);
                }
            };
            vm.push_root(v);
            let r = bind_one(vm, stmt, i, v);
            vm.pop_roots(mark);
            r?;
        }
        return Ok(());
    }
    Err(errors::exc(
        vm,
        Exc::Programming,
        "parameters are of unsupported type",
    ))
}

/// The column name for `description` (PARSE_COLNAMES cuts " [type]").
fn column_name(name: &[u8], detect: i64) -> &[u8] {
    if detect & PARSE_COLNAMES != 0 {
        if let Some(i) = name.iter().position(|&c| c == b'[') {
            let end = if i > 0 && name[i - 1] == b' ' {
                i - 1
            } else {
                i
            };
            return &name[..end];
        }
    }
    name
}

/// `description`: a 7-tuple per column, name first.
fn build_description(vm: &mut Vm, stmt: &Stmt, detect: i64) -> PyResult<Value> {
    let n = stmt.column_count();
    let mark = vm.push_root(Value::NONE);
    let mut items = Vec::with_capacity(n as usize);
    for i in 0..n {
        let raw = stmt.column_name(i).unwrap_or_default();
        let name = column_name(&raw, detect);
        let s = match std::str::from_utf8(name) {
            Ok(s) => vm.new_str(s),
            Err(_) => crate::types::bytes::decode(vm, name, "utf-8", "strict")?,
        };
        vm.push_root(s);
        let t = vm.new_tuple(&[
            s,
            Value::NONE,
            Value::NONE,
            Value::NONE,
            Value::NONE,
            Value::NONE,
            Value::NONE,
        ]);
        vm.push_root(t);
        items.push(t);
    }
    let d = vm.new_tuple(&items);
    vm.pop_roots(mark);
    Ok(d)
}

/// CPython's `pysqlite_build_row_cast_map`: a tuple of converters (or
/// None) per column, None when no converter applies anywhere.
fn build_converters(vm: &mut Vm, stmt: &Stmt, detect: i64) -> PyResult<Value> {
    if detect == 0 {
        return Ok(Value::NONE);
    }
    let n = stmt.column_count();
    let mark = vm.push_root(Value::NONE);
    let mut out = Vec::with_capacity(n as usize);
    let mut any = false;
    for i in 0..n {
        let mut conv = None;
        if detect & PARSE_COLNAMES != 0 {
            if let Some(name) = stmt.column_name(i) {
                if let Some(start) = name.iter().position(|&c| c == b'[') {
                    if let Some(len) = name[start + 1..].iter().position(|&c| c == b']') {
                        conv = adapters::converter_for(vm, &name[start + 1..start + 1 + len])?;
                    }
                }
            }
        }
        if conv.is_none() && detect & PARSE_DECLTYPES != 0 {
            if let Some(decl) = stmt.column_decltype(i) {
                let end = decl
                    .iter()
                    .position(|&c| c == b' ' || c == b'(')
                    .unwrap_or(decl.len());
                conv = adapters::converter_for(vm, &decl[..end])?;
            }
        }
        let v = conv.unwrap_or(Value::NONE);
        any |= conv.is_some();
        vm.push_root(v);
        out.push(v);
    }
    let r = if any { vm.new_tuple(&out) } else { Value::NONE };
    vm.pop_roots(mark);
    Ok(r)
}

/// CPython's `_pysqlite_fetch_one_row`: the current row as a tuple.
fn fetch_row(vm: &mut Vm, stmt: &Stmt, conv: Value, text_factory: Value) -> PyResult<Value> {
    let n = stmt.column_count();
    let convs = if conv.is_none() {
        Vec::new()
    } else {
        vm.seq_items(conv)
    };
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let mut items: Vec<Value> = Vec::with_capacity(n as usize);
        for i in 0..n {
            let c = convs.get(i as usize).copied().filter(|c| !c.is_none());
            let v = if let Some(c) = c {
                match stmt.column_bytes(i) {
                    None => Value::NONE,
                    Some(b) => {
                        let arg = vm.new_bytes(b);
                        vm.push_root(arg);
                        vm.call(c, &[arg], Value::EMPTY)?
                    }
                }
            } else {
                match stmt.column(i) {
                    SqlValue::Null => Value::NONE,
                    SqlValue::Int(x) => vm.new_int(x),
                    SqlValue::Float(f) => vm.new_float(f),
                    SqlValue::Blob(b) => vm.new_bytes(b),
                    SqlValue::Text(t) => text_value(vm, stmt, i, t, text_factory)?,
                }
            };
            vm.push_root(v);
            items.push(v);
        }
        Ok(vm.new_tuple(&items))
    })();
    vm.pop_roots(mark);
    r
}

/// A TEXT column through `text_factory`.
fn text_value(vm: &mut Vm, stmt: &Stmt, i: i32, t: &[u8], tf: Value) -> PyResult<Value> {
    if tf == vm.g.types.str_ {
        return match std::str::from_utf8(t) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(_) => {
                let name = stmt.column_name(i).unwrap_or_default();
                let msg = format!(
                    "Could not decode to UTF-8 column '{}' with text '{}'",
                    String::from_utf8_lossy(&name),
                    String::from_utf8_lossy(t)
                );
                Err(errors::exc(vm, Exc::Operational, &msg))
            }
        };
    }
    if tf == vm.g.types.bytes {
        return Ok(vm.new_bytes(t));
    }
    if tf == vm.g.types.bytearray {
        return Ok(crate::types::bytes::new_bytearray(vm, t));
    }
    let b = vm.new_bytes(t);
    let mark = vm.push_root(b);
    let r = vm.call(tf, &[b], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

/// Steps `p`; on an error resets it and returns the exception.
fn step(vm: &mut Vm, db: &Arc<Db>, p: &Prepared) -> PyResult<i32> {
    let rc = run_sqlite(vm, || p.stmt.step());
    if rc == ffi::SQLITE_ROW || rc == ffi::SQLITE_DONE {
        return Ok(rc);
    }
    p.stmt.reset();
    Err(connection::sql_error(vm, db))
}

/// CPython's `_pysqlite_query_execute`.
fn query(vm: &mut Vm, cur: Value, sql: Value, params: Value, multiple: bool) -> PyResult<Value> {
    let (o, cs) = cur_of(vm, cur, if multiple { "executemany" } else { "execute" })?;
    let (conn, st) = check_cursor(vm, o, cs)?;
    let _guard = st.sh.lock.acquire(vm);
    let db = connection::check(vm, st)?;
    {
        let mut g = sync::lock(&cs.inner);
        if g.locked {
            drop(g);
            return Err(errors::exc(
                vm,
                Exc::Programming,
                "Recursive use of cursors not allowed.",
            ));
        }
        g.locked = true;
    }
    let _unlock = Unlock(cs);
    let mark = vm.push_root(conn);
    let r = query_locked(vm, o, cs, st, &db, sql, params, multiple);
    vm.pop_roots(mark);
    if r.is_err() {
        sync::lock(&cs.inner).rowcount = -1;
        drop_stmt(st, cs);
    }
    r.map(|()| cur)
}

#[allow(clippy::too_many_arguments)]
fn query_locked(
    vm: &mut Vm,
    o: Obj,
    cs: &'static CursorState,
    st: &'static ConnState,
    db: &Arc<Db>,
    sql: Value,
    params: Value,
    multiple: bool,
) -> PyResult<()> {
    drop_stmt(st, cs);
    vm.store(o, slot(o, S_DESCRIPTION), Value::NONE);
    vm.store(o, slot(o, S_CONVERTERS), Value::NONE);
    sync::lock(&cs.inner).rowcount = -1;
    let Some(p) = connection::prepare(vm, st, db, sql)? else {
        // Only blanks or comments: nothing to run.
        return Ok(());
    };
    if multiple && !p.is_dml {
        connection::release(st, p);
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "executemany() can only execute DML statements.",
        ));
    }
    if p.is_dml {
        sync::lock(&cs.inner).rowcount = 0;
        if let Err(e) = connection::begin_if_needed(vm, st, db) {
            connection::release(st, p);
            return Err(e);
        }
    }
    let detect = sync::lock(&st.sh.inner).detect_types;
    // The statement is parked in the cursor while Python code (adapters,
    // converters, the parameter iterator) may run, so it is never lost.
    let is_dml = p.is_dml;
    sync::lock(&cs.inner).stmt = Some(p);
    let iter = if multiple {
        Some(vm.iter(params)?)
    } else {
        None
    };
    let imark = vm.push_root(iter.unwrap_or(Value::NONE));
    let r = (|| {
        let mut first = true;
        loop {
            let ps = match iter {
                Some(it) => match vm.next(it)? {
                    Some(v) => v,
                    None => break,
                },
                None => {
                    if !first {
                        break;
                    }
                    params
                }
            };
            let pm = vm.push_root(ps);
            let p = sync::lock(&cs.inner)
                .stmt
                .take()
                .expect("statement parked in the cursor");
            p.stmt.reset();
            let r = bind_parameters(vm, &p.stmt, ps).and_then(|()| step(vm, db, &p));
            vm.pop_roots(pm);
            let rc = match r {
                Ok(rc) => rc,
                Err(e) => {
                    connection::release(st, p);
                    return Err(e);
                }
            };
            if first {
                let conv = build_converters(vm, &p.stmt, detect);
                let conv = match conv {
                    Ok(c) => c,
                    Err(e) => {
                        connection::release(st, p);
                        return Err(e);
                    }
                };
                vm.store(o, slot(o, S_CONVERTERS), conv);
                if p.stmt.column_count() > 0 {
                    match build_description(vm, &p.stmt, detect) {
                        Ok(d) => vm.store(o, slot(o, S_DESCRIPTION), d),
                        Err(e) => {
                            connection::release(st, p);
                            return Err(e);
                        }
                    }
                }
            }
            first = false;
            let mut g = sync::lock(&cs.inner);
            if rc == ffi::SQLITE_DONE {
                if is_dml {
                    g.rowcount += db.changes();
                }
                p.stmt.reset();
                g.has_row = false;
            } else {
                g.has_row = true;
            }
            g.stmt = Some(p);
        }
        Ok(())
    })();
    vm.pop_roots(imark);
    r?;
    let mut g = sync::lock(&cs.inner);
    if !multiple {
        g.lastrowid = Some(db.last_insert_rowid());
    }
    if !g.has_row || multiple {
        g.has_row = false;
        let p = g.stmt.take();
        drop(g);
        if let Some(p) = p {
            connection::release(st, p);
        }
    }
    Ok(())
}

/// `execute(sql, parameters=(), /)`.
fn cur_execute(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "execute", "execute", a, k, 1, 2)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("execute() argument 1 must be str, not {tn}")));
    }
    let params = match a.get(2) {
        Some(&p) => p,
        None => vm.new_tuple(&[]),
    };
    query(vm, a[0], a[1], params, false)
}

/// `executemany(sql, seq_of_parameters, /)`.
fn cur_executemany(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "executemany", "executemany", a, k, 2, 2)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("executemany() argument 1 must be str, not {tn}")));
    }
    query(vm, a[0], a[1], a[2], true)
}

/// `executescript(sql_script, /)`: COMMIT first, then each statement.
fn cur_executescript(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, cs) = cur_of(vm, a[0], "executescript")?;
    crate::types::clinic::method_positional(vm, "executescript", "executescript", a, k, 1, 1)?;
    let (_, st) = check_cursor(vm, o, cs)?;
    let script = a[1];
    if !is_str(script) {
        let tn = vm.type_name_of(script);
        return Err(vm.type_error(&format!("executescript() argument must be str, not {tn}")));
    }
    let text = adapters::utf8(vm, script)?;
    if text.contains(&0) {
        return Err(vm.new_exc(vm.g.e.ValueError, "embedded null character"));
    }
    let _guard = st.sh.lock.acquire(vm);
    let db = connection::check(vm, st)?;
    let max = db.limit(ffi::SQLITE_LIMIT_SQL_LENGTH, -1);
    if text.len() > max.max(0) as usize {
        return Err(errors::exc(vm, Exc::Data, "query string is too large"));
    }
    drop_stmt(st, cs);
    let r = run_sqlite(vm, || -> Result<(), ()> {
        if !db.autocommit() {
            db.exec(c"COMMIT").map_err(|_| ())?;
        }
        let mut rest = text;
        loop {
            let (stmt, tail) = db.prepare(rest).map_err(|_| ())?;
            if let Some(s) = stmt {
                let mut rc = s.step();
                while rc == ffi::SQLITE_ROW {
                    rc = s.step();
                }
                if rc != ffi::SQLITE_DONE {
                    s.reset();
                    return Err(());
                }
            }
            rest = &rest[tail..];
            if rest.is_empty() || (stmt_is_blank(rest)) {
                return Ok(());
            }
        }
    });
    if r.is_err() {
        return Err(connection::sql_error(vm, &db));
    }
    Ok(a[0])
}

fn stmt_is_blank(s: &[u8]) -> bool {
    s.iter().all(|c| b" \t\r\n\x0c".contains(c))
}

/// One row for `fetch*`/`__next__`, or None at the end.
fn next_row(vm: &mut Vm, cur: Value, m: &str) -> PyResult<Option<Value>> {
    let (o, cs) = cur_of(vm, cur, m)?;
    let (conn, st) = check_cursor(vm, o, cs)?;
    let _guard = st.sh.lock.acquire(vm);
    let db = connection::check(vm, st)?;
    let p = {
        let mut g = sync::lock(&cs.inner);
        if g.locked {
            drop(g);
            return Err(errors::exc(
                vm,
                Exc::Programming,
                "Recursive use of cursors not allowed.",
            ));
        }
        if !g.has_row {
            return Ok(None);
        }
        g.locked = true;
        g.stmt.take()
    };
    let _unlock = Unlock(cs);
    let Some(p) = p else { return Ok(None) };
    let (_, cst) = (conn, st);
    let co = Obj::from_value(conn).expect("conn");
    let tf = connection::get_slot(co, connection::S_TEXT_FACTORY);
    let conv = get_slot(o, S_CONVERTERS);
    let row = match fetch_row(vm, &p.stmt, conv, tf) {
        Ok(r) => r,
        Err(e) => {
            // The statement is reset (CPython's cursor, freed at once by
            // reference counting, would release it too).
            sync::lock(&cs.inner).has_row = false;
            connection::release(cst, p);
            return Err(e);
        }
    };
    let mark = vm.push_root(row);
    let r = step(vm, &db, &p);
    let res = match r {
        Ok(ffi::SQLITE_ROW) => {
            sync::lock(&cs.inner).stmt = Some(p);
            Ok(())
        }
        Ok(_) => {
            {
                let mut g = sync::lock(&cs.inner);
                if p.is_dml {
                    g.rowcount = db.changes();
                }
                g.has_row = false;
            }
            connection::release(cst, p);
            Ok(())
        }
        Err(e) => {
            sync::lock(&cs.inner).has_row = false;
            connection::release(cst, p);
            Err(e)
        }
    };
    let out = res.and_then(|()| {
        let rf = get_slot(o, S_ROW_FACTORY);
        if rf.is_none() {
            Ok(row)
        } else {
            vm.call(rf, &[cur, row], Value::EMPTY)
        }
    });
    vm.pop_roots(mark);
    out.map(Some)
}

fn cur_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match next_row(vm, a[0], "__next__")? {
        Some(r) => Ok(r),
        None => Err(vm.new_exc(vm.g.e.StopIteration, "")),
    }
}

fn cur_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cur_of(vm, a[0], "__iter__")?;
    Ok(a[0])
}

fn cur_fetchone(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "fetchone", "fetchone", a, k, 0, 0)?;
    Ok(next_row(vm, a[0], "fetchone")?.unwrap_or(Value::NONE))
}

/// `fetchmany(size=cursor.arraysize)`.
fn cur_fetchmany(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, cs) = cur_of(vm, a[0], "fetchmany")?;
    let [size] = crate::types::clinic::unpack(vm, "fetchmany", &a[1..], k, ["size"], 0, 0, 1)?;
    let n = match size {
        Some(s) => crate::args::c_int(vm, s)? as i64,
        None => sync::lock(&cs.inner).arraysize,
    };
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    let r = (|| {
        let mut i = 0;
        while i < n {
            match next_row(vm, a[0], "fetchmany")? {
                Some(r) => vm.list_append(out, r),
                None => break,
            }
            i += 1;
        }
        Ok(out)
    })();
    vm.pop_roots(mark);
    r
}

fn cur_fetchall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "fetchall", "fetchall", a, k, 0, 0)?;
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    let r = (|| {
        while let Some(r) = next_row(vm, a[0], "fetchall")? {
            vm.list_append(out, r);
        }
        Ok(out)
    })();
    vm.pop_roots(mark);
    r
}

/// `close()`: drops the statement; later use raises ProgrammingError.
fn cur_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, cs) = cur_of(vm, a[0], "close")?;
    crate::types::clinic::method_positional(vm, "close", "close", a, k, 0, 0)?;
    if !sync::lock(&cs.inner).init {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Base Cursor.__init__ not called.",
        ));
    }
    let Some((_, st)) = connection_of(o) else {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Base Cursor.__init__ not called.",
        ));
    };
    connection::check(vm, st)?;
    let _guard = st.sh.lock.acquire(vm);
    drop_stmt(st, cs);
    sync::lock(&cs.inner).closed = true;
    Ok(Value::NONE)
}

fn cur_setinputsizes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    cur_of(vm, a[0], "setinputsizes")?;
    crate::types::clinic::method_positional(vm, "setinputsizes", "setinputsizes", a, k, 1, 1)?;
    Ok(Value::NONE)
}

fn cur_setoutputsize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    cur_of(vm, a[0], "setoutputsize")?;
    crate::types::clinic::method_positional(vm, "setoutputsize", "setoutputsize", a, k, 1, 2)?;
    Ok(Value::NONE)
}

fn p_connection(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = cur_of(vm, a[0], "connection")?;
    Ok(get_slot(o, S_CONN))
}

fn p_description(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = cur_of(vm, a[0], "description")?;
    Ok(get_slot(o, S_DESCRIPTION))
}

fn p_rowcount(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, cs) = cur_of(vm, a[0], "rowcount")?;
    let n = sync::lock(&cs.inner).rowcount;
    Ok(vm.new_int(n))
}

fn p_lastrowid(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, cs) = cur_of(vm, a[0], "lastrowid")?;
    let n = sync::lock(&cs.inner).lastrowid;
    Ok(match n {
        Some(n) => vm.new_int(n),
        None => Value::NONE,
    })
}

fn p_arraysize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, cs) = cur_of(vm, a[0], "arraysize")?;
    let n = sync::lock(&cs.inner).arraysize;
    Ok(vm.new_int(n))
}

fn set_arraysize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, cs) = cur_of(vm, a[0], "arraysize")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "can't delete attribute"));
    }
    let n = crate::args::c_int(vm, v)?;
    sync::lock(&cs.inner).arraysize = i64::from(n);
    Ok(Value::NONE)
}

fn p_row_factory(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = cur_of(vm, a[0], "row_factory")?;
    Ok(get_slot(o, S_ROW_FACTORY))
}

fn set_row_factory_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = cur_of(vm, a[0], "row_factory")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "can't delete attribute"));
    }
    vm.store(o, slot(o, S_ROW_FACTORY), v);
    Ok(Value::NONE)
}

/// The description of `cur` (for `Row`).
pub(super) fn description(v: Value) -> Value {
    match state(v) {
        Some((o, _)) => get_slot(o, S_DESCRIPTION),
        None => Value::NONE,
    }
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", cur_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", cur_init),
        ("execute", cur_execute),
        ("executemany", cur_executemany),
        ("executescript", cur_executescript),
        ("fetchone", cur_fetchone),
        ("fetchmany", cur_fetchmany),
        ("fetchall", cur_fetchall),
        ("close", cur_close),
        ("setinputsizes", cur_setinputsizes),
        ("setoutputsize", cur_setoutputsize),
        ("__iter__", cur_iter),
        ("__next__", cur_next),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let props: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("connection", p_connection, None),
        ("description", p_description, None),
        ("rowcount", p_rowcount, None),
        ("lastrowid", p_lastrowid, None),
        ("arraysize", p_arraysize, Some(set_arraysize)),
        ("row_factory", p_row_factory, Some(set_row_factory_attr)),
    ];
    for &(n, g, s) in props {
        let p = vm.new_native_getset(t, n, g, s);
        vm.add_attr(t, n, p);
    }
    let d = vm.new_str("SQLite database cursor class.");
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
}
