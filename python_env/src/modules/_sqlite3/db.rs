//! Safe wrappers over SQLite's C API (rusqlite's bundled SQLite, reached
//! through `rusqlite::ffi` as CPython's `_sqlite3` reaches `sqlite3.h`):
//! connections, prepared statements, blobs, backups and the trampolines of
//! user callbacks. Every `unsafe` block of `_sqlite3` outside the
//! thread-local VM pointer (`callbacks.rs`) is here.
//!
//! Ownership: a [`Db`] owns its `sqlite3*` and closes it with
//! `sqlite3_close_v2` (on `close` or drop); a [`Stmt`] owns its
//! `sqlite3_stmt*` and finalizes it on drop; a [`Blob`] closes its handle on
//! drop. `sqlite3_close_v2` turns a connection that still has statements
//! into a zombie freed with the last one, so dropping in any order is sound.
//! The Python layer never calls a statement or blob method after its
//! connection was closed (it checks under the connection's lock first).
//! SQLite is built with `SQLITE_THREADSAFE=1` (serialized), so these handles
//! may move between threads; the Python layer also serializes each
//! operation on a connection under its own lock.

use rusqlite::ffi;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};

// `sqlite3_close_v2` is part of SQLite's API (and of the bundled build) but
// not of libsqlite3-sys's generated bindings.
unsafe extern "C" {
    fn sqlite3_close_v2(db: *mut ffi::sqlite3) -> c_int;
}

/// An SQLite error: the (extended) result code and its message.
#[derive(Debug, Clone)]
pub struct SqlError {
    pub code: c_int,
    pub msg: String,
}

/// `sqlite3_errstr(code)`.
pub fn errstr(code: c_int) -> String {
    // SAFETY: sqlite3_errstr returns a static NUL-terminated string for any code.
    let p = unsafe { ffi::sqlite3_errstr(code) };
    cstr_to_string(p)
}

fn cstr_to_string(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: p is a NUL-terminated string owned by SQLite, valid until the
    // next call on the same handle; it is copied at once.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn cstr_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        return None;
    }
    // SAFETY: as in cstr_to_string; callers copy before calling SQLite again.
    Some(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// The SQLite library's version string.
pub fn libversion() -> String {
    // SAFETY: returns a static string.
    cstr_to_string(unsafe { ffi::sqlite3_libversion() })
}

/// `sqlite3_threadsafe()`.
pub fn threadsafe() -> c_int {
    // SAFETY: no preconditions.
    unsafe { ffi::sqlite3_threadsafe() }
}

/// `sqlite3_complete(sql)`.
pub fn complete(sql: &CStr) -> bool {
    // SAFETY: sql is NUL-terminated.
    unsafe { ffi::sqlite3_complete(sql.as_ptr()) != 0 }
}

/// A value passed to a user function, or read from a result column.
pub enum SqlValue<'a> {
    Null,
    Int(i64),
    Float(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

/// What a user function returns to SQLite.
pub enum SqlResult {
    Null,
    Int(i64),
    Float(f64),
    Text(Vec<u8>),
    Blob(Vec<u8>),
    /// `sqlite3_result_error` with this message.
    Error(String),
    /// `sqlite3_result_error_toobig`.
    TooBig,
    /// `sqlite3_result_error_nomem`.
    NoMem,
}

/// A user scalar function.
pub trait ScalarFunc: Send + Sync {
    fn call(&self, args: &[SqlValue]) -> SqlResult;
}

/// A user aggregate (or, with `value`/`inverse`, window) function. `id` is
/// the address of SQLite's per-group aggregate context: the same for the
/// calls of one group, distinct between live groups.
pub trait AggregateFunc: Send + Sync {
    fn step(&self, id: usize, args: &[SqlValue]) -> Option<String>;
    fn inverse(&self, id: usize, args: &[SqlValue]) -> Option<String>;
    fn value(&self, id: usize) -> SqlResult;
    /// `id` is `None` when the step was never called (no rows).
    fn finalize(&self, id: Option<usize>) -> SqlResult;
}

/// A user collation: the comparison of two UTF-8 strings.
pub trait Collation: Send + Sync {
    fn compare(&self, a: &[u8], b: &[u8]) -> c_int;
}

/// An authorizer, progress handler or trace callback.
pub trait Authorizer: Send + Sync {
    fn authorize(&self, action: c_int, args: [Option<&[u8]>; 4]) -> c_int;
}
pub trait Progress: Send + Sync {
    fn progress(&self) -> c_int;
}
pub trait Trace: Send + Sync {
    fn trace(&self, sql: &[u8]);
}

/// An open connection.
pub struct Db {
    p: *mut ffi::sqlite3,
    /// Callbacks registered without a destructor hook in SQLite
    /// (authorizer, progress, trace): every one ever set is kept until the
    /// connection is dropped, since a callback may replace itself while
    /// SQLite is still running it.
    keep: std::sync::Mutex<Vec<Box<dyn std::any::Any + Send + Sync>>>,
}

// SAFETY: SQLite runs in serialized mode (checked when the module is made);
// its handles may be used from any thread.
unsafe impl Send for Db {}
// SAFETY: as above; the Python layer also serializes use under a lock.
unsafe impl Sync for Db {}

impl Drop for Db {
    fn drop(&mut self) {
        if !self.p.is_null() {
            // SAFETY: p is an open connection owned by self, closed once.
            unsafe { sqlite3_close_v2(self.p) };
            self.p = std::ptr::null_mut();
        }
    }
}

fn to_cstring(b: &[u8]) -> CString {
    CString::new(b.iter().copied().filter(|&c| c != 0).collect::<Vec<u8>>()).unwrap_or_default()
}

impl Db {
    /// `sqlite3_open_v2(path, flags)`.
    pub fn open(path: &[u8], flags: c_int) -> Result<Db, SqlError> {
        let c = to_cstring(path);
        let mut p: *mut ffi::sqlite3 = std::ptr::null_mut();
        // SAFETY: c is NUL-terminated; p receives the handle (even on error).
        let rc = unsafe { ffi::sqlite3_open_v2(c.as_ptr(), &mut p, flags, std::ptr::null()) };
        let db = Db {
            p,
            keep: std::sync::Mutex::new(Vec::new()),
        };
        if rc != ffi::SQLITE_OK {
            let e = if p.is_null() {
                SqlError {
                    code: rc,
                    msg: errstr(rc),
                }
            } else {
                db.error()
            };
            return Err(e);
        }
        // The bundled SQLite is built with foreign keys enforced by default;
        // SQLite's own default (and CPython's, on the system library) is off
        // until `PRAGMA foreign_keys = ON`.
        // SAFETY: p is an open connection; ENABLE_FKEY takes an int and an
        // optional int pointer for the new state, here none.
        unsafe {
            ffi::sqlite3_db_config(
                p,
                ffi::SQLITE_DBCONFIG_ENABLE_FKEY,
                0 as c_int,
                std::ptr::null_mut::<c_int>(),
            );
        }
        Ok(db)
    }

    /// The last error on this connection.
    pub fn error(&self) -> SqlError {
        // SAFETY: p is an open connection.
        let code = unsafe { ffi::sqlite3_extended_errcode(self.p) };
        // SAFETY: as above.
        let msg = cstr_to_string(unsafe { ffi::sqlite3_errmsg(self.p) });
        SqlError { code, msg }
    }

    fn check(&self, rc: c_int) -> Result<(), SqlError> {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// Closes the connection (`sqlite3_close_v2`).
    pub fn close(mut self) -> Result<(), SqlError> {
        // SAFETY: p is open; after this it is never used again.
        let rc = unsafe { sqlite3_close_v2(self.p) };
        self.p = std::ptr::null_mut();
        if rc != ffi::SQLITE_OK {
            return Err(SqlError {
                code: rc,
                msg: errstr(rc),
            });
        }
        Ok(())
    }

    pub fn busy_timeout(&self, ms: c_int) {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_busy_timeout(self.p, ms) };
    }

    /// Prepares the first statement of `sql`; returns it (None for only
    /// whitespace or comments) and the byte offset of the rest.
    pub fn prepare(&self, sql: &[u8]) -> Result<(Option<Stmt>, usize), SqlError> {
        let mut st: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let mut tail: *const c_char = std::ptr::null();
        let len = c_int::try_from(sql.len()).unwrap_or(c_int::MAX);
        let base = sql.as_ptr().cast::<c_char>();
        // SAFETY: sql is valid for len bytes; SQLite does not read past nByte.
        let rc = unsafe { ffi::sqlite3_prepare_v2(self.p, base, len, &mut st, &mut tail) };
        if rc != ffi::SQLITE_OK {
            return Err(self.error());
        }
        let off = if tail.is_null() {
            sql.len()
        } else {
            // SAFETY: tail points into sql (or one past its end).
            (unsafe { tail.offset_from(base) }) as usize
        };
        Ok(((!st.is_null()).then_some(Stmt { p: st }), off))
    }

    /// Runs `sql` (no rows expected), e.g. BEGIN, COMMIT, ROLLBACK.
    pub fn exec(&self, sql: &CStr) -> Result<(), SqlError> {
        // SAFETY: p is open, sql NUL-terminated, no callback.
        let rc = unsafe {
            ffi::sqlite3_exec(
                self.p,
                sql.as_ptr(),
                None,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        self.check(rc)
    }

    pub fn changes(&self) -> i64 {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_changes64(self.p) }
    }

    pub fn total_changes(&self) -> i64 {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_total_changes64(self.p) }
    }

    pub fn last_insert_rowid(&self) -> i64 {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_last_insert_rowid(self.p) }
    }

    pub fn autocommit(&self) -> bool {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_get_autocommit(self.p) != 0 }
    }

    pub fn interrupt(&self) {
        // SAFETY: p is open; sqlite3_interrupt may be called from any thread.
        unsafe { ffi::sqlite3_interrupt(self.p) }
    }

    /// `sqlite3_limit(id, new)`: the old value (-1 for a bad id).
    pub fn limit(&self, id: c_int, new: c_int) -> c_int {
        // SAFETY: p is open.
        unsafe { ffi::sqlite3_limit(self.p, id, new) }
    }

    pub fn set_load_extension(&self, on: bool) -> Result<(), SqlError> {
        // SAFETY: p is open; the varargs call takes (int, int*).
        let rc = unsafe {
            ffi::sqlite3_db_config(
                self.p,
                ffi::SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
                c_int::from(on),
                std::ptr::null_mut::<c_int>(),
            )
        };
        self.check(rc)
    }

    pub fn load_extension(&self, path: &[u8], entry: Option<&[u8]>) -> Result<(), String> {
        let c = to_cstring(path);
        let e = entry.map(to_cstring);
        let mut err: *mut c_char = std::ptr::null_mut();
        // SAFETY: strings are NUL-terminated; err receives an sqlite3_malloc'd message.
        let rc = unsafe {
            ffi::sqlite3_load_extension(
                self.p,
                c.as_ptr(),
                e.as_ref().map_or(std::ptr::null(), |e| e.as_ptr()),
                &mut err,
            )
        };
        if rc == ffi::SQLITE_OK {
            return Ok(());
        }
        let msg = cstr_to_string(err);
        // SAFETY: err was allocated by SQLite (or is null).
        unsafe { ffi::sqlite3_free(err.cast()) };
        Err(msg)
    }

    /// Registers (or with `f == None` removes) a scalar function.
    pub fn create_function(
        &self,
        name: &[u8],
        narg: c_int,
        flags: c_int,
        f: Option<Box<dyn ScalarFunc>>,
    ) -> Result<(), SqlError> {
        let c = to_cstring(name);
        let rep = ffi::SQLITE_UTF8 | flags;
        let rc = match f {
            // SAFETY: all callbacks null: removes the function.
            None => unsafe {
                ffi::sqlite3_create_function_v2(
                    self.p,
                    c.as_ptr(),
                    narg,
                    rep,
                    std::ptr::null_mut(),
                    None,
                    None,
                    None,
                    None,
                )
            },
            Some(f) => {
                let data = Box::into_raw(Box::new(f)).cast::<c_void>();
                // SAFETY: data is a Box<Box<dyn ScalarFunc>> freed by
                // destroy_scalar when SQLite drops the function (also when
                // registration fails, per the SQLite docs).
                unsafe {
                    ffi::sqlite3_create_function_v2(
                        self.p,
                        c.as_ptr(),
                        narg,
                        rep,
                        data,
                        Some(scalar_tramp),
                        None,
                        None,
                        Some(destroy_scalar),
                    )
                }
            }
        };
        self.check(rc)
    }

    /// Registers an aggregate (or a window function when `window`).
    pub fn create_aggregate(
        &self,
        name: &[u8],
        narg: c_int,
        flags: c_int,
        f: Option<Box<dyn AggregateFunc>>,
        window: bool,
    ) -> Result<(), SqlError> {
        let c = to_cstring(name);
        let rep = ffi::SQLITE_UTF8 | flags;
        let Some(f) = f else {
            // SAFETY: null callbacks remove the function.
            let rc = unsafe {
                if window {
                    ffi::sqlite3_create_window_function(
                        self.p,
                        c.as_ptr(),
                        narg,
                        rep,
                        std::ptr::null_mut(),
                        None,
                        None,
                        None,
                        None,
                        None,
                    )
                } else {
                    ffi::sqlite3_create_function_v2(
                        self.p,
                        c.as_ptr(),
                        narg,
                        rep,
                        std::ptr::null_mut(),
                        None,
                        None,
                        None,
                        None,
                    )
                }
            };
            return self.check(rc);
        };
        let data = Box::into_raw(Box::new(f)).cast::<c_void>();
        // SAFETY: data is a Box<Box<dyn AggregateFunc>> freed by destroy_agg.
        let rc = unsafe {
            if window {
                ffi::sqlite3_create_window_function(
                    self.p,
                    c.as_ptr(),
                    narg,
                    rep,
                    data,
                    Some(agg_step_tramp),
                    Some(agg_final_tramp),
                    Some(agg_value_tramp),
                    Some(agg_inverse_tramp),
                    Some(destroy_agg),
                )
            } else {
                ffi::sqlite3_create_function_v2(
                    self.p,
                    c.as_ptr(),
                    narg,
                    rep,
                    data,
                    None,
                    Some(agg_step_tramp),
                    Some(agg_final_tramp),
                    Some(destroy_agg),
                )
            }
        };
        self.check(rc)
    }

    pub fn create_collation(
        &self,
        name: &[u8],
        f: Option<Box<dyn Collation>>,
    ) -> Result<(), SqlError> {
        let c = to_cstring(name);
        let rc = match f {
            // SAFETY: a null compare function removes the collation.
            None => unsafe {
                ffi::sqlite3_create_collation_v2(
                    self.p,
                    c.as_ptr(),
                    ffi::SQLITE_UTF8,
                    std::ptr::null_mut(),
                    None,
                    None,
                )
            },
            Some(f) => {
                let data = Box::into_raw(Box::new(f)).cast::<c_void>();
                // SAFETY: data is a Box<Box<dyn Collation>> freed by destroy_coll.
                unsafe {
                    ffi::sqlite3_create_collation_v2(
                        self.p,
                        c.as_ptr(),
                        ffi::SQLITE_UTF8,
                        data,
                        Some(coll_tramp),
                        Some(destroy_coll),
                    )
                }
            }
        };
        self.check(rc)
    }

    fn keep<T: std::any::Any + Send + Sync>(&self, b: Box<T>) -> *mut c_void {
        let p = (&*b as *const T).cast_mut().cast::<c_void>();
        let mut g = match self.keep.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        g.push(b);
        p
    }

    pub fn set_authorizer(&self, f: Option<Box<dyn Authorizer>>) -> Result<(), SqlError> {
        let rc = match f {
            // SAFETY: a null callback removes the authorizer.
            None => unsafe { ffi::sqlite3_set_authorizer(self.p, None, std::ptr::null_mut()) },
            Some(f) => {
                let data = self.keep(Box::new(f));
                // SAFETY: data is a Box<dyn Authorizer> kept alive in self.keep
                // as long as the connection.
                unsafe { ffi::sqlite3_set_authorizer(self.p, Some(auth_tramp), data) }
            }
        };
        self.check(rc)
    }

    pub fn set_progress(&self, f: Option<Box<dyn Progress>>, n: c_int) {
        match f {
            // SAFETY: a null callback removes the handler.
            None => unsafe { ffi::sqlite3_progress_handler(self.p, 0, None, std::ptr::null_mut()) },
            Some(f) => {
                let data = self.keep(Box::new(f));
                // SAFETY: as in set_authorizer.
                unsafe { ffi::sqlite3_progress_handler(self.p, n, Some(progress_tramp), data) }
            }
        }
    }

    pub fn set_trace(&self, f: Option<Box<dyn Trace>>) {
        match f {
            // SAFETY: a zero mask and null callback remove the trace.
            None => unsafe { ffi::sqlite3_trace_v2(self.p, 0, None, std::ptr::null_mut()) },
            Some(f) => {
                let data = self.keep(Box::new(f));
                // SAFETY: as in set_authorizer.
                unsafe {
                    ffi::sqlite3_trace_v2(
                        self.p,
                        ffi::SQLITE_TRACE_STMT as c_uint,
                        Some(trace_tramp),
                        data,
                    )
                }
            }
        };
    }

    /// Opens a blob handle.
    pub fn blob_open(
        &self,
        db: &[u8],
        table: &[u8],
        column: &[u8],
        row: i64,
        readonly: bool,
    ) -> Result<Blob, SqlError> {
        let (d, t, c) = (to_cstring(db), to_cstring(table), to_cstring(column));
        let mut b: *mut ffi::sqlite3_blob = std::ptr::null_mut();
        // SAFETY: names are NUL-terminated; b receives the handle.
        let rc = unsafe {
            ffi::sqlite3_blob_open(
                self.p,
                d.as_ptr(),
                t.as_ptr(),
                c.as_ptr(),
                row,
                c_int::from(!readonly),
                &mut b,
            )
        };
        if rc != ffi::SQLITE_OK {
            let e = self.error();
            if !b.is_null() {
                // SAFETY: b is a handle SQLite gave us, closed once.
                unsafe { ffi::sqlite3_blob_close(b) };
            }
            return Err(e);
        }
        Ok(Blob { p: b })
    }

    /// `sqlite3_serialize(schema)`: the bytes of the database.
    pub fn serialize(&self, schema: &[u8]) -> Option<Vec<u8>> {
        let s = to_cstring(schema);
        let mut size: i64 = 0;
        // SAFETY: s is NUL-terminated; the result is sqlite3_malloc'd (freed below).
        let p = unsafe { ffi::sqlite3_serialize(self.p, s.as_ptr(), &mut size, 0) };
        if p.is_null() {
            return None;
        }
        // SAFETY: p points to `size` bytes.
        let v = unsafe { std::slice::from_raw_parts(p, size as usize) }.to_vec();
        // SAFETY: allocated by SQLite.
        unsafe { ffi::sqlite3_free(p.cast()) };
        Some(v)
    }

    /// `sqlite3_deserialize(schema, data)` into a copy SQLite owns.
    pub fn deserialize(&self, schema: &[u8], data: &[u8]) -> Result<(), SqlError> {
        let s = to_cstring(schema);
        let n = data.len();
        // SAFETY: sqlite3_malloc64 returns n bytes (or null).
        let buf = unsafe { ffi::sqlite3_malloc64(n.max(1) as u64) }.cast::<u8>();
        if buf.is_null() {
            return Err(SqlError {
                code: ffi::SQLITE_NOMEM,
                msg: errstr(ffi::SQLITE_NOMEM),
            });
        }
        // SAFETY: buf has room for n bytes, data is n bytes; no overlap.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), buf, n) };
        let flags = ffi::SQLITE_DESERIALIZE_FREEONCLOSE | ffi::SQLITE_DESERIALIZE_RESIZEABLE;
        // SAFETY: SQLite takes ownership of buf (FREEONCLOSE), also on error.
        let rc =
            unsafe { ffi::sqlite3_deserialize(self.p, s.as_ptr(), buf, n as i64, n as i64, flags) };
        self.check(rc)
    }

    /// Starts a backup of `src_name` of self into `dst_name` of `dst`.
    pub fn backup_init(
        &self,
        src_name: &[u8],
        dst: &Db,
        dst_name: &[u8],
    ) -> Result<Backup, SqlError> {
        let (s, d) = (to_cstring(src_name), to_cstring(dst_name));
        // SAFETY: both connections are open; names NUL-terminated.
        let b = unsafe { ffi::sqlite3_backup_init(dst.p, d.as_ptr(), self.p, s.as_ptr()) };
        if b.is_null() {
            return Err(dst.error());
        }
        Ok(Backup { p: b })
    }
}

/// A backup in progress; finished on drop.
pub struct Backup {
    p: *mut ffi::sqlite3_backup,
}

impl Backup {
    /// One step: (rc, remaining, pagecount).
    pub fn step(&self, pages: c_int) -> (c_int, c_int, c_int) {
        // SAFETY: p is a live backup.
        unsafe {
            let rc = ffi::sqlite3_backup_step(self.p, pages);
            (
                rc,
                ffi::sqlite3_backup_remaining(self.p),
                ffi::sqlite3_backup_pagecount(self.p),
            )
        }
    }

    /// Finishes; returns the result code.
    pub fn finish(mut self) -> c_int {
        // SAFETY: p is live and finished once (Drop then sees null).
        let rc = unsafe { ffi::sqlite3_backup_finish(self.p) };
        self.p = std::ptr::null_mut();
        rc
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        if !self.p.is_null() {
            // SAFETY: p is live, finished once.
            unsafe { ffi::sqlite3_backup_finish(self.p) };
        }
    }
}

/// A prepared statement.
pub struct Stmt {
    p: *mut ffi::sqlite3_stmt,
}

// SAFETY: serialized SQLite; used only under its connection's lock.
unsafe impl Send for Stmt {}
// SAFETY: as above.
unsafe impl Sync for Stmt {}

impl Drop for Stmt {
    fn drop(&mut self) {
        // SAFETY: p is a statement owned by self, finalized once.
        unsafe { ffi::sqlite3_finalize(self.p) };
    }
}

impl Stmt {
    pub fn bind_count(&self) -> c_int {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_bind_parameter_count(self.p) }
    }

    /// The name of parameter `i` (1-based), with its prefix (`:x`).
    pub fn bind_name(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: p is live.
        cstr_bytes(unsafe { ffi::sqlite3_bind_parameter_name(self.p, i) }).map(<[u8]>::to_vec)
    }

    /// Binds `v` to parameter `i`; returns SQLite's result code.
    pub fn bind(&self, i: c_int, v: SqlValue) -> c_int {
        // SAFETY: p is live; text and blobs are copied (SQLITE_TRANSIENT).
        unsafe {
            match v {
                SqlValue::Null => ffi::sqlite3_bind_null(self.p, i),
                SqlValue::Int(n) => ffi::sqlite3_bind_int64(self.p, i, n),
                SqlValue::Float(f) => ffi::sqlite3_bind_double(self.p, i, f),
                SqlValue::Text(t) => ffi::sqlite3_bind_text64(
                    self.p,
                    i,
                    t.as_ptr().cast(),
                    t.len() as u64,
                    ffi::SQLITE_TRANSIENT(),
                    ffi::SQLITE_UTF8 as u8,
                ),
                SqlValue::Blob(b) => ffi::sqlite3_bind_blob64(
                    self.p,
                    i,
                    b.as_ptr().cast(),
                    b.len() as u64,
                    ffi::SQLITE_TRANSIENT(),
                ),
            }
        }
    }

    pub fn step(&self) -> c_int {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_step(self.p) }
    }

    pub fn reset(&self) -> c_int {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_reset(self.p) }
    }

    pub fn clear_bindings(&self) {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_clear_bindings(self.p) };
    }

    pub fn column_count(&self) -> c_int {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_column_count(self.p) }
    }

    pub fn column_name(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: p is live, i in range.
        cstr_bytes(unsafe { ffi::sqlite3_column_name(self.p, i) }).map(<[u8]>::to_vec)
    }

    pub fn column_decltype(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: p is live, i in range.
        cstr_bytes(unsafe { ffi::sqlite3_column_decltype(self.p, i) }).map(<[u8]>::to_vec)
    }

    /// Column `i` of the current row. Text and blobs borrow SQLite's buffer,
    /// valid until the next step/reset: the caller copies them at once.
    pub fn column(&self, i: c_int) -> SqlValue<'_> {
        // SAFETY: p is live with a current row; the pointer/length pairs
        // come from SQLite for the same column, text read before its length
        // as the SQLite docs require.
        unsafe {
            match ffi::sqlite3_column_type(self.p, i) {
                ffi::SQLITE_INTEGER => SqlValue::Int(ffi::sqlite3_column_int64(self.p, i)),
                ffi::SQLITE_FLOAT => SqlValue::Float(ffi::sqlite3_column_double(self.p, i)),
                ffi::SQLITE_TEXT => {
                    let p = ffi::sqlite3_column_text(self.p, i);
                    let n = ffi::sqlite3_column_bytes(self.p, i) as usize;
                    SqlValue::Text(if p.is_null() {
                        &[]
                    } else {
                        std::slice::from_raw_parts(p, n)
                    })
                }
                ffi::SQLITE_BLOB => {
                    let p = ffi::sqlite3_column_blob(self.p, i).cast::<u8>();
                    let n = ffi::sqlite3_column_bytes(self.p, i) as usize;
                    SqlValue::Blob(if p.is_null() {
                        &[]
                    } else {
                        std::slice::from_raw_parts(p, n)
                    })
                }
                _ => SqlValue::Null,
            }
        }
    }

    /// The raw bytes of column `i` (for converters), None for NULL.
    pub fn column_bytes(&self, i: c_int) -> Option<&[u8]> {
        // SAFETY: as in `column`; blob first, then its length.
        unsafe {
            if ffi::sqlite3_column_type(self.p, i) == ffi::SQLITE_NULL {
                return None;
            }
            let p = ffi::sqlite3_column_blob(self.p, i).cast::<u8>();
            let n = ffi::sqlite3_column_bytes(self.p, i) as usize;
            Some(if p.is_null() {
                &[]
            } else {
                std::slice::from_raw_parts(p, n)
            })
        }
    }
}

/// An open blob handle.
pub struct Blob {
    p: *mut ffi::sqlite3_blob,
}

// SAFETY: serialized SQLite; used only under its connection's lock.
unsafe impl Send for Blob {}
// SAFETY: as above.
unsafe impl Sync for Blob {}

impl Drop for Blob {
    fn drop(&mut self) {
        // SAFETY: p is live, closed once.
        unsafe { ffi::sqlite3_blob_close(self.p) };
    }
}

impl Blob {
    pub fn len(&self) -> c_int {
        // SAFETY: p is live.
        unsafe { ffi::sqlite3_blob_bytes(self.p) }
    }

    pub fn read(&self, buf: &mut [u8], offset: c_int) -> c_int {
        // SAFETY: buf has buf.len() bytes of room.
        unsafe {
            ffi::sqlite3_blob_read(self.p, buf.as_mut_ptr().cast(), buf.len() as c_int, offset)
        }
    }

    pub fn write(&self, data: &[u8], offset: c_int) -> c_int {
        // SAFETY: data is data.len() bytes.
        unsafe {
            ffi::sqlite3_blob_write(self.p, data.as_ptr().cast(), data.len() as c_int, offset)
        }
    }
}

// ------------------------------------------------------------------ trampolines

/// The arguments of a user function call.
///
/// # Safety
/// `argv` holds `argc` live values for the duration of the callback.
unsafe fn args<'a>(argc: c_int, argv: *mut *mut ffi::sqlite3_value) -> Vec<SqlValue<'a>> {
    let mut out = Vec::with_capacity(argc.max(0) as usize);
    for i in 0..argc.max(0) as usize {
        // SAFETY: the caller guarantees argv[0..argc] are live values; text
        // and blob pointers are read before their lengths.
        unsafe {
            let v = *argv.add(i);
            out.push(match ffi::sqlite3_value_type(v) {
                ffi::SQLITE_INTEGER => SqlValue::Int(ffi::sqlite3_value_int64(v)),
                ffi::SQLITE_FLOAT => SqlValue::Float(ffi::sqlite3_value_double(v)),
                ffi::SQLITE_TEXT => {
                    let p = ffi::sqlite3_value_text(v);
                    let n = ffi::sqlite3_value_bytes(v) as usize;
                    SqlValue::Text(if p.is_null() {
                        &[]
                    } else {
                        std::slice::from_raw_parts(p, n)
                    })
                }
                ffi::SQLITE_BLOB => {
                    let p = ffi::sqlite3_value_blob(v).cast::<u8>();
                    let n = ffi::sqlite3_value_bytes(v) as usize;
                    SqlValue::Blob(if p.is_null() {
                        &[]
                    } else {
                        std::slice::from_raw_parts(p, n)
                    })
                }
                _ => SqlValue::Null,
            });
        }
    }
    out
}

/// Hands `r` to SQLite as the function's result.
///
/// # Safety
/// `ctx` is the live context of the current call.
unsafe fn set_result(ctx: *mut ffi::sqlite3_context, r: SqlResult) {
    // SAFETY: ctx is live (caller); buffers are copied (SQLITE_TRANSIENT).
    unsafe {
        match r {
            SqlResult::Null => ffi::sqlite3_result_null(ctx),
            SqlResult::Int(n) => ffi::sqlite3_result_int64(ctx, n),
            SqlResult::Float(f) => ffi::sqlite3_result_double(ctx, f),
            SqlResult::Text(t) => ffi::sqlite3_result_text64(
                ctx,
                t.as_ptr().cast(),
                t.len() as u64,
                ffi::SQLITE_TRANSIENT(),
                ffi::SQLITE_UTF8 as u8,
            ),
            SqlResult::Blob(b) => ffi::sqlite3_result_blob64(
                ctx,
                b.as_ptr().cast(),
                b.len() as u64,
                ffi::SQLITE_TRANSIENT(),
            ),
            SqlResult::Error(m) => {
                ffi::sqlite3_result_error(ctx, m.as_ptr().cast(), m.len() as c_int)
            }
            SqlResult::TooBig => ffi::sqlite3_result_error_toobig(ctx),
            SqlResult::NoMem => ffi::sqlite3_result_error_nomem(ctx),
        }
    }
}

/// Runs `f`, turning a Rust panic into an SQL error result (a panic must
/// never unwind into SQLite's C frames).
fn guarded<R>(f: impl FnOnce() -> R, on_panic: R) -> R {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(on_panic)
}

unsafe extern "C" fn scalar_tramp(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: user data is the Box<Box<dyn ScalarFunc>> given at
    // registration, alive until destroy_scalar; argv/ctx are live.
    unsafe {
        let f = &*ffi::sqlite3_user_data(ctx).cast::<Box<dyn ScalarFunc>>();
        let a = args(argc, argv);
        let r = guarded(|| f.call(&a), SqlResult::Error("internal error".into()));
        set_result(ctx, r);
    }
}

unsafe extern "C" fn destroy_scalar(p: *mut c_void) {
    // SAFETY: p is the Box made in create_function, freed once here.
    drop(unsafe { Box::from_raw(p.cast::<Box<dyn ScalarFunc>>()) });
}

/// The aggregate context's address, allocating it (one byte) if `alloc`.
///
/// # Safety
/// `ctx` is live.
unsafe fn agg_id(ctx: *mut ffi::sqlite3_context, alloc: bool) -> Option<usize> {
    // SAFETY: ctx is live; SQLite owns the (zeroed) memory.
    let p = unsafe { ffi::sqlite3_aggregate_context(ctx, if alloc { 8 } else { 0 }) };
    (!p.is_null()).then_some(p as usize)
}

unsafe extern "C" fn agg_step_tramp(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: user data is the Box<Box<dyn AggregateFunc>> alive until destroy_agg.
    unsafe {
        let f = &*ffi::sqlite3_user_data(ctx).cast::<Box<dyn AggregateFunc>>();
        let Some(id) = agg_id(ctx, true) else {
            ffi::sqlite3_result_error_nomem(ctx);
            return;
        };
        let a = args(argc, argv);
        if let Some(m) = guarded(|| f.step(id, &a), Some("internal error".into())) {
            set_result(ctx, SqlResult::Error(m));
        }
    }
}

unsafe extern "C" fn agg_inverse_tramp(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: as agg_step_tramp.
    unsafe {
        let f = &*ffi::sqlite3_user_data(ctx).cast::<Box<dyn AggregateFunc>>();
        let Some(id) = agg_id(ctx, true) else {
            ffi::sqlite3_result_error_nomem(ctx);
            return;
        };
        let a = args(argc, argv);
        if let Some(m) = guarded(|| f.inverse(id, &a), Some("internal error".into())) {
            set_result(ctx, SqlResult::Error(m));
        }
    }
}

unsafe extern "C" fn agg_value_tramp(ctx: *mut ffi::sqlite3_context) {
    // SAFETY: as agg_step_tramp.
    unsafe {
        let f = &*ffi::sqlite3_user_data(ctx).cast::<Box<dyn AggregateFunc>>();
        let Some(id) = agg_id(ctx, true) else {
            ffi::sqlite3_result_error_nomem(ctx);
            return;
        };
        let r = guarded(|| f.value(id), SqlResult::Error("internal error".into()));
        set_result(ctx, r);
    }
}

unsafe extern "C" fn agg_final_tramp(ctx: *mut ffi::sqlite3_context) {
    // SAFETY: as agg_step_tramp.
    unsafe {
        let f = &*ffi::sqlite3_user_data(ctx).cast::<Box<dyn AggregateFunc>>();
        let id = agg_id(ctx, false);
        let r = guarded(|| f.finalize(id), SqlResult::Error("internal error".into()));
        set_result(ctx, r);
    }
}

unsafe extern "C" fn destroy_agg(p: *mut c_void) {
    // SAFETY: p is the Box made in create_aggregate, freed once here.
    drop(unsafe { Box::from_raw(p.cast::<Box<dyn AggregateFunc>>()) });
}

unsafe extern "C" fn coll_tramp(
    p: *mut c_void,
    n1: c_int,
    s1: *const c_void,
    n2: c_int,
    s2: *const c_void,
) -> c_int {
    // SAFETY: p is the Box<Box<dyn Collation>> alive until destroy_coll;
    // s1/s2 point to n1/n2 bytes.
    unsafe {
        let f = &*p.cast::<Box<dyn Collation>>();
        let a = if s1.is_null() {
            &[][..]
        } else {
            std::slice::from_raw_parts(s1.cast::<u8>(), n1.max(0) as usize)
        };
        let b = if s2.is_null() {
            &[][..]
        } else {
            std::slice::from_raw_parts(s2.cast::<u8>(), n2.max(0) as usize)
        };
        guarded(|| f.compare(a, b), 0)
    }
}

unsafe extern "C" fn destroy_coll(p: *mut c_void) {
    // SAFETY: p is the Box made in create_collation, freed once here.
    drop(unsafe { Box::from_raw(p.cast::<Box<dyn Collation>>()) });
}

unsafe extern "C" fn auth_tramp(
    p: *mut c_void,
    action: c_int,
    a1: *const c_char,
    a2: *const c_char,
    a3: *const c_char,
    a4: *const c_char,
) -> c_int {
    // SAFETY: p is the Box<dyn Authorizer> kept in Db.authorizer while set.
    let f = unsafe { &*p.cast::<Box<dyn Authorizer>>() };
    guarded(
        || {
            f.authorize(
                action,
                [
                    cstr_bytes(a1),
                    cstr_bytes(a2),
                    cstr_bytes(a3),
                    cstr_bytes(a4),
                ],
            )
        },
        ffi::SQLITE_DENY,
    )
}

unsafe extern "C" fn progress_tramp(p: *mut c_void) -> c_int {
    // SAFETY: p is the Box<dyn Progress> kept in Db.progress while set.
    let f = unsafe { &*p.cast::<Box<dyn Progress>>() };
    guarded(|| f.progress(), 1)
}

unsafe extern "C" fn trace_tramp(
    _kind: c_uint,
    p: *mut c_void,
    stmt: *mut c_void,
    x: *mut c_void,
) -> c_int {
    // SAFETY: p is the Box<dyn Trace> kept in Db.trace while set; for
    // SQLITE_TRACE_STMT, stmt is the statement and x its unexpanded SQL.
    unsafe {
        let f = &*p.cast::<Box<dyn Trace>>();
        let st = stmt.cast::<ffi::sqlite3_stmt>();
        let expanded = ffi::sqlite3_expanded_sql(st);
        if !expanded.is_null() {
            let s = CStr::from_ptr(expanded).to_bytes().to_vec();
            ffi::sqlite3_free(expanded.cast());
            guarded(|| f.trace(&s), ());
        } else if let Some(s) = cstr_bytes(x.cast::<c_char>()) {
            let s = s.to_vec();
            guarded(|| f.trace(&s), ());
        }
    }
    0
}

/// `sqlite3_enable_shared_cache(on)`.
pub fn enable_shared_cache(on: bool) -> Result<(), String> {
    // SAFETY: no preconditions (a process-wide switch).
    let rc = unsafe { ffi::sqlite3_enable_shared_cache(c_int::from(on)) };
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(errstr(rc))
    }
}
