//! `_elementtree.XMLParser`: CPython 3.11's C `XMLParser` over libexpat
//! (through `pyexpat`'s ffi layer). expat runs with the namespace
//! separator '}' and this file's handlers, which turn `uri}local` names
//! into `{uri}local` (cached per parser), build attribute dicts, and call
//! the target: a target that is exactly the native TreeBuilder directly
//! (text goes to it as UTF-8 bytes, joined once per element), any other
//! through its `start`, `end`, `data`, `comment`, `pi`, `start_ns`,
//! `end_ns`, `doctype` and `close` methods, looked up once by `__init__`.
//! Errors become `ParseError("<message>: line L, column C")` with `code`
//! and `position`.
//!
//! Layout: `K_INSTANCE`; the parser's values live in its last `N_OWN`
//! value slots (EMPTY for CPython's NULL), the payload [`XpData`] holds the
//! expat handle and Rust state.
//!
//! Threads. Every operation that touches expat or the target runs under
//! the parser's operation lock (re-entrant for its holder; other threads
//! wait outside the safepoint handshake); a feed into a native TreeBuilder
//! also holds the builder's lock (order: parser, then builder). A handler
//! that feeds or closes its own parser gets RuntimeError (expat cannot be
//! re-entered). `__init__` may replace the expat handle: a running parse
//! keeps its own reference (`Arc`), so the old handle outlives it.
//!
//! Callbacks. expat calls the `extern "C"` handlers below from inside
//! `XML_Parse`; the running parse publishes a [`Ctx`] (the VM, the parser,
//! the native target) in a thread-local. As in CPython, a handler's
//! exception is kept (slot `S_PENDING`), the later handlers of that parse
//! do nothing, expat finishes the data, and the exception is raised by the
//! call that fed it; the parser stays usable. A Rust panic in a handler is
//! caught (it must not unwind through C), stops the parser and resumes once
//! `XML_Parse` has returned.

use super::treebuilder::{self as tb, TbData};
use crate::modules::_thread::AcquireIn;
use crate::modules::pyexpat::ffi::{self, XmlParser};
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::native::{native_ref, Trace};
use proto_core::relock::ReLock;
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};
use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CString};

const S_TARGET: usize = 0;
const S_ENTITY: usize = 1;
/// A private list of the universal names made so far (see `Shared::names`).
const S_NAMES: usize = 2;
/// The exception a handler raised during the running parse (EMPTY: none).
const S_PENDING: usize = 3;
/// The target's methods, in [`HANDLERS`] order (EMPTY: missing).
const S_H: usize = 4;
const N_OWN: usize = S_H + N_HANDLERS;

const N_HANDLERS: usize = 9;
const HANDLERS: [&str; N_HANDLERS] = [
    "start_ns", "end_ns", "start", "data", "end", "comment", "pi", "close", "doctype",
];
const H_START_NS: usize = 0;
const H_END_NS: usize = 1;
const H_START: usize = 2;
const H_DATA: usize = 3;
const H_END: usize = 4;
const H_COMMENT: usize = 5;
const H_PI: usize = 6;
const H_CLOSE: usize = 7;
const H_DOCTYPE: usize = 8;

/// expat's `XML_ERROR_UNDEFINED_ENTITY`.
const XML_ERROR_UNDEFINED_ENTITY: c_int = 11;
/// `_parse_whole`'s read size.
const READ_SIZE: i64 = 64 * 1024;

struct PState {
    /// The expat parser; None until `__init__` ran.
    handle: Option<Arc<ffi::Handle>>,
    /// The target is exactly the native TreeBuilder.
    native: bool,
    /// Inside `XML_Parse` (expat must not be re-entered).
    parsing: bool,
}

/// What expat's user data points to: boxed, so it never moves.
struct Shared {
    op: ReLock,
    state: Mutex<PState>,
    /// Raw expat name -> index in the `S_NAMES` list of its universal
    /// name (CPython's `names` dict, without a bytes key per lookup).
    names: Mutex<hashbrown::HashMap<Box<[u8]>, usize>>,
}

/// The payload of an XMLParser.
pub(super) struct XpData {
    sh: Box<Shared>,
}

impl Trace for XpData {
    /// expat's own allocations (about 7 KB per parser, as pyexpat counts).
    fn external_bytes(&self) -> usize {
        8 * 1024
    }
}

fn st(sh: &Shared) -> sync::MutexGuard<'_, PState> {
    sync::lock(&sh.state)
}

#[inline]
fn get(o: Obj, i: usize) -> Value {
    o.get(super::own_slot(o, N_OWN, i))
}

#[inline]
fn put(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    vm.store(o, super::own_slot(o, N_OWN, i), v);
}

fn data_of(v: Value) -> Option<(Obj, &'static Shared)> {
    let o = Obj::from_value(v)?;
    native_ref::<XpData>(o).map(|d| (o, &*d.sh))
}

fn self_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static Shared)> {
    match data_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'xml.etree.ElementTree.XMLParser' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn not_initialized(vm: &mut Vm) -> PyException {
    vm.value_error("XMLParser.__init__() wasn't called")
}

// ------------------------------------------------------------------ errors

/// CPython's `expat_set_error`: `ParseError("<message>: line L, column C")`
/// with `code` and `position`; `message` None takes expat's text for `code`.
fn parse_error(
    vm: &mut Vm,
    code: c_int,
    line: i64,
    col: i64,
    message: Option<&str>,
) -> PyException {
    let msg = match message {
        Some(m) => m.to_string(),
        None => ffi::error_string(i64::from(code))
            .unwrap_or("(null)")
            .to_string(),
    };
    let r = (|| {
        let pe = super::parse_error_class(vm)?;
        let text = vm.new_str(&format!("{msg}: line {line}, column {col}"));
        let mark = vm.push_root(text);
        let r = (|| {
            let err = vm.call(pe, &[text], Value::EMPTY)?;
            vm.push_root(err);
            let k = vm.intern("code");
            vm.setattr(err, k, Value::int(i64::from(code)))?;
            let pos = vm.new_tuple(&[Value::int(line), Value::int(col)]);
            vm.push_root(pos);
            let k = vm.intern("position");
            vm.setattr(err, k, pos)?;
            Ok(err)
        })();
        vm.pop_roots(mark);
        r
    })();
    match r {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// expat's current line and column.
fn position(p: XmlParser) -> (i64, i64) {
    // SAFETY: p is a live parser (its handle is held by the running
    // operation, under the parser's lock).
    unsafe {
        (
            ffi::XML_GetCurrentLineNumber(p) as i64,
            ffi::XML_GetCurrentColumnNumber(p) as i64,
        )
    }
}

// ------------------------------------------------------------------ callback context

/// The running parse, as the handlers see it.
struct Ctx {
    /// The VM of the thread that called `XML_Parse` (blocked in it).
    vm: *mut Vm,
    /// The parser's `Shared`, which expat passes back as user data.
    ud: *const Shared,
    /// The parser object (rooted by the running call).
    obj: Obj,
    /// The target, when it is exactly the native TreeBuilder (rooted by
    /// the running call, whose builder lock is held).
    tb: Option<(Obj, &'static TbData)>,
    p: XmlParser,
    /// A handler raised (the exception is in `S_PENDING`) or panicked.
    failed: bool,
    /// A Rust panic caught in a handler, resumed after `XML_Parse`.
    panic: Option<Box<dyn std::any::Any + Send>>,
}

thread_local! {
    /// The [`Ctx`] of the innermost parse running on this thread (else null).
    static CURRENT: Cell<*mut Ctx> = const { Cell::new(std::ptr::null_mut()) };
}

/// Records a handler's exception: the first one wins.
fn set_pending(vm: &mut Vm, cx: &mut Ctx, e: PyException) {
    if cx.failed {
        return;
    }
    cx.failed = true;
    put(vm, cx.obj, S_PENDING, e.0);
}

/// Runs a handler body for the parse whose user data is `ud`: skipped once
/// a handler failed (CPython's `PyErr_Occurred` check), its exception
/// recorded, a panic caught.
fn enter<R>(ud: *mut c_void, dflt: R, f: impl FnOnce(&mut Vm, &mut Ctx) -> PyResult<R>) -> R {
    let cxp = CURRENT.with(Cell::get);
    if cxp.is_null() {
        return dflt;
    }
    // SAFETY: CURRENT points to the Ctx of the innermost `XML_Parse` call
    // on this thread, which lives on the stack of `parse` until that call
    // returns; expat calls handlers only from inside it, and a nested parse
    // (a handler feeding another parser) installs its own Ctx and restores
    // this one before returning, so no other reference to it is live.
    let cx = unsafe { &mut *cxp };
    if cx.ud != ud as *const Shared || cx.failed {
        return dflt;
    }
    // SAFETY: cx.vm is the exclusive &mut Vm of this thread, whose owner is
    // blocked inside the `XML_Parse` call that called this handler.
    let vm = unsafe { &mut *cx.vm };
    let mark = vm.ctx.stack().top();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(vm, cx)));
    vm.pop_roots(mark);
    match r {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            set_pending(vm, cx, e);
            dflt
        }
        Err(p) => {
            cx.failed = true;
            if cx.panic.is_none() {
                cx.panic = Some(p);
            }
            // SAFETY: the parser is live and inside XML_Parse.
            unsafe { ffi::XML_StopParser(cx.p, 0) };
            dflt
        }
    }
}

/// The bytes of a NUL-terminated string from expat ("" for null).
fn cbytes<'a>(p: *const c_char) -> &'a [u8] {
    // SAFETY: expat passes null or NUL-terminated strings valid for the
    // duration of the handler that is running (the only place this runs).
    unsafe { ffi::cstr(p) }.unwrap_or(b"")
}

fn cstr_value(vm: &mut Vm, p: *const c_char) -> PyResult<Value> {
    tb::str_from_utf8(vm, cbytes(p))
}

/// CPython's `makeuniversal`: `uri}local` -> `{uri}local`, cached per
/// parser. The result is rooted.
fn universal(vm: &mut Vm, o: Obj, sh: &Shared, p: *const c_char) -> PyResult<Value> {
    let b = cbytes(p);
    let names = get(o, S_NAMES);
    let Some(lo) = Obj::from_value(names) else {
        return tb::str_from_utf8(vm, b);
    };
    let hit = sync::lock(&sh.names).get(b).copied();
    if let Some(v) = hit.and_then(|i| llist::get(lo, i)) {
        return Ok(v);
    }
    let s = if b.contains(&b'}') {
        let mut u = Vec::with_capacity(b.len() + 1);
        u.push(b'{');
        u.extend_from_slice(b);
        tb::str_from_utf8(vm, &u)?
    } else {
        tb::str_from_utf8(vm, b)?
    };
    vm.push_root(s);
    let i = llist::len(lo);
    vm.list_append(names, s);
    sync::lock(&sh.names).insert(b.into(), i);
    Ok(s)
}

fn call_rooted(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult<()> {
    vm.call(f, args, Value::EMPTY).map(drop)
}

// ------------------------------------------------------------------ handlers

unsafe extern "C" fn t_start(ud: *mut c_void, name: *const c_char, atts: *const *const c_char) {
    enter(ud, (), |vm, cx| {
        // SAFETY: ud is the parser's Shared (checked by `enter`).
        let sh = unsafe { &*cx.ud };
        let o = cx.obj;
        let tag = universal(vm, o, sh, name)?;
        vm.push_root(tag);
        // SAFETY: atts is a null-terminated array of name/value pointers.
        let first = unsafe { *atts };
        let mut attrib = Value::NONE;
        if !first.is_null() {
            attrib = vm.new_dict();
            vm.push_root(attrib);
            let mut i = 0;
            loop {
                // SAFETY: i and i + 1 are within the array while the name at
                // i is non-null (expat pairs every name with a value).
                let (k, v) = unsafe { (*atts.add(i), *atts.add(i + 1)) };
                if k.is_null() || v.is_null() {
                    break;
                }
                let key = universal(vm, o, sh, k)?;
                vm.push_root(key);
                let val = cstr_value(vm, v)?;
                vm.push_root(val);
                vm.dict_set(attrib, key, val)?;
                i += 2;
            }
        }
        if let Some((to, td)) = cx.tb {
            tb::handle_start(vm, to, td, tag, attrib)?;
        } else {
            let h = get(o, S_H + H_START);
            if h != Value::EMPTY {
                if attrib.is_none() {
                    attrib = vm.new_dict();
                    vm.push_root(attrib);
                }
                call_rooted(vm, h, &[tag, attrib])?;
            }
        }
        Ok(())
    })
}

unsafe extern "C" fn t_end(ud: *mut c_void, name: *const c_char) {
    enter(ud, (), |vm, cx| {
        if let Some((to, td)) = cx.tb {
            tb::handle_end(vm, to, td)?;
            return Ok(());
        }
        let h = get(cx.obj, S_H + H_END);
        if h != Value::EMPTY {
            // SAFETY: ud is the parser's Shared (checked by `enter`).
            let sh = unsafe { &*cx.ud };
            let tag = universal(vm, cx.obj, sh, name)?;
            call_rooted(vm, h, &[tag])?;
        }
        Ok(())
    })
}

unsafe extern "C" fn t_data(ud: *mut c_void, s: *const c_char, len: c_int) {
    enter(ud, (), |vm, cx| {
        if s.is_null() || len < 0 {
            return Ok(());
        }
        // SAFETY: expat passes len readable bytes at s for this handler.
        let b = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len as usize) };
        if let Some((to, td)) = cx.tb {
            return tb::handle_data_bytes(vm, to, td, b);
        }
        let v = tb::str_from_utf8(vm, b)?;
        let h = get(cx.obj, S_H + H_DATA);
        if h != Value::EMPTY {
            vm.push_root(v);
            call_rooted(vm, h, &[v])?;
        }
        Ok(())
    })
}

/// The default handler: only entity references that expat left
/// unexpanded (`&name;`) matter: the parser's `entity` dict gives their
/// text, else ParseError "undefined entity".
unsafe extern "C" fn t_default(ud: *mut c_void, s: *const c_char, len: c_int) {
    if s.is_null() || len < 2 {
        return;
    }
    // SAFETY: expat passes len readable bytes at s for this handler.
    let b = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len as usize) };
    if b[0] != b'&' {
        return;
    }
    enter(ud, (), |vm, cx| {
        let key = tb::str_from_utf8(vm, &b[1..b.len() - 1])?;
        vm.push_root(key);
        let ent = get(cx.obj, S_ENTITY);
        let found = if ent == Value::EMPTY {
            None
        } else {
            vm.dict_get(ent, key)?
        };
        match found {
            Some(v) => {
                vm.push_root(v);
                if let Some((to, td)) = cx.tb {
                    tb::handle_data(vm, to, td, v)?;
                } else {
                    let h = get(cx.obj, S_H + H_DATA);
                    if h != Value::EMPTY {
                        call_rooted(vm, h, &[v])?;
                    }
                }
                Ok(())
            }
            None => {
                let shown = &b[..b.len().min(100)];
                let msg = format!("undefined entity {}", String::from_utf8_lossy(shown));
                let (line, col) = position(cx.p);
                Err(parse_error(
                    vm,
                    XML_ERROR_UNDEFINED_ENTITY,
                    line,
                    col,
                    Some(&msg),
                ))
            }
        }
    })
}

unsafe extern "C" fn t_start_ns(ud: *mut c_void, prefix: *const c_char, uri: *const c_char) {
    enter(ud, (), |vm, cx| {
        let h = get(cx.obj, S_H + H_START_NS);
        let wanted = match cx.tb {
            Some((to, _)) => tb::wants_ns(to, false),
            None => h != Value::EMPTY,
        };
        if !wanted {
            return Ok(());
        }
        let p = cstr_value(vm, prefix)?;
        vm.push_root(p);
        let u = cstr_value(vm, uri)?;
        vm.push_root(u);
        match cx.tb {
            Some((to, _)) => tb::handle_start_ns(vm, to, p, u),
            None => call_rooted(vm, h, &[p, u]),
        }
    })
}

unsafe extern "C" fn t_end_ns(ud: *mut c_void, prefix: *const c_char) {
    enter(ud, (), |vm, cx| match cx.tb {
        Some((to, _)) => tb::handle_end_ns(vm, to),
        None => {
            let h = get(cx.obj, S_H + H_END_NS);
            if h == Value::EMPTY {
                return Ok(());
            }
            let p = cstr_value(vm, prefix)?;
            vm.push_root(p);
            call_rooted(vm, h, &[p])
        }
    })
}

unsafe extern "C" fn t_comment(ud: *mut c_void, data: *const c_char) {
    enter(ud, (), |vm, cx| {
        let h = get(cx.obj, S_H + H_COMMENT);
        if cx.tb.is_none() && h == Value::EMPTY {
            return Ok(());
        }
        let c = cstr_value(vm, data)?;
        vm.push_root(c);
        match cx.tb {
            Some((to, td)) => tb::handle_comment(vm, to, td, c).map(drop),
            None => call_rooted(vm, h, &[c]),
        }
    })
}

unsafe extern "C" fn t_pi(ud: *mut c_void, target: *const c_char, data: *const c_char) {
    enter(ud, (), |vm, cx| {
        let h = get(cx.obj, S_H + H_PI);
        let wanted = match cx.tb {
            Some((to, td)) => tb::wants_pi(to, td),
            None => h != Value::EMPTY,
        };
        if !wanted {
            return Ok(());
        }
        let t = cstr_value(vm, target)?;
        vm.push_root(t);
        let d = cstr_value(vm, data)?;
        vm.push_root(d);
        match cx.tb {
            Some((to, td)) => tb::handle_pi(vm, to, td, t, d).map(drop),
            None => call_rooted(vm, h, &[t, d]),
        }
    })
}

unsafe extern "C" fn t_start_doctype(
    ud: *mut c_void,
    name: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
    _has_internal_subset: c_int,
) {
    enter(ud, (), |vm, cx| {
        // SAFETY: ud is the parser's Shared (checked by `enter`).
        let sh = unsafe { &*cx.ud };
        let o = cx.obj;
        let n = universal(vm, o, sh, name)?;
        vm.push_root(n);
        let s = if sysid.is_null() {
            Value::NONE
        } else {
            universal(vm, o, sh, sysid)?
        };
        vm.push_root(s);
        let p = if pubid.is_null() {
            Value::NONE
        } else {
            universal(vm, o, sh, pubid)?
        };
        vm.push_root(p);
        let h = get(o, S_H + H_DOCTYPE);
        if h != Value::EMPTY {
            return call_rooted(vm, h, &[n, p, s]);
        }
        let k = vm.intern("doctype");
        if vm.getattr_opt(o.value(), k)?.is_some() {
            let w = vm.g.exc.get("RuntimeWarning").copied();
            vm.warn(
                w.unwrap_or(vm.g.e.Exception),
                "The doctype() method of XMLParser is ignored.  \
                 Define doctype() method on the TreeBuilder target.",
                1,
            )?;
        }
        Ok(())
    })
}

/// pyexpat's unknown-encoding handler, which CPython installs: a
/// single-byte encoding that Python's codecs know, as a 256-entry map.
unsafe extern "C" fn t_unknown_encoding(
    ud: *mut c_void,
    name: *const c_char,
    info: *mut ffi::XmlEncoding,
) -> c_int {
    enter(ud, ffi::XML_STATUS_ERROR, |vm, _cx| {
        let all: Vec<u8> = (0..=255u8).collect();
        let b = vm.new_bytes(&all);
        vm.push_root(b);
        let n = cstr_value(vm, name)?;
        vm.push_root(n);
        let rep = vm.new_str("replace");
        vm.push_root(rep);
        let u = vm.call_method(b, "decode", &[n, rep])?;
        vm.push_root(u);
        let chars: Vec<char> = str_of(u).chars().collect();
        if chars.len() != 256 {
            return Err(vm.value_error("multi-byte encodings are not supported"));
        }
        // SAFETY: info is the XML_Encoding expat asks this handler to fill.
        let info = unsafe { &mut *info };
        for (d, &c) in info.map.iter_mut().zip(&chars) {
            *d = if c == '\u{FFFD}' { -1 } else { c as c_int };
        }
        info.data = std::ptr::null_mut();
        info.convert = std::ptr::null();
        info.release = std::ptr::null();
        Ok(ffi::XML_STATUS_OK)
    })
}

/// Installs handler `h` (null: removes it) with setter `f` on `p`.
fn set_handler(p: XmlParser, f: ffi::Setter, h: *const c_void) {
    // SAFETY: p is a live parser (the caller holds its operation lock) and
    // h is null or a handler of the signature that setter expects.
    unsafe { f(p, h) }
}

fn install_ns_handlers(p: XmlParser) {
    set_handler(
        p,
        ffi::XML_SetStartNamespaceDeclHandler,
        t_start_ns as *const c_void,
    );
    set_handler(
        p,
        ffi::XML_SetEndNamespaceDeclHandler,
        t_end_ns as *const c_void,
    );
}

// ------------------------------------------------------------------ parsing

/// One operation on an initialized parser: its lock, handle and target.
struct Sess {
    o: Obj,
    sh: &'static Shared,
    handle: Arc<ffi::Handle>,
    tb: Option<(Obj, &'static TbData)>,
}

/// Runs `f` as one operation on parser `v` (method `name`): under the
/// parser's lock and, for a native TreeBuilder target, the builder's.
fn with_sess<R>(
    vm: &mut Vm,
    v: Value,
    name: &str,
    f: impl FnOnce(&mut Vm, &Sess) -> PyResult<R>,
) -> PyResult<R> {
    let (o, sh) = self_of(vm, v, name)?;
    let _g = sh.op.acquire(vm);
    let (handle, native) = {
        let g = st(sh);
        (g.handle.clone(), g.native)
    };
    let Some(handle) = handle else {
        return Err(not_initialized(vm));
    };
    let target = get(o, S_TARGET);
    let tb = if native { tb::data_of(target) } else { None };
    let mark = vm.push_root(target);
    let tg = tb.map(|(_, d)| tb::lock(vm, d));
    let s = Sess { o, sh, handle, tb };
    let r = f(vm, &s);
    drop(tg);
    vm.pop_roots(mark);
    r
}

/// CPython's `expat_parse`: one `XML_Parse` call, then the handler's
/// exception or expat's error.
fn parse(vm: &mut Vm, s: &Sess, data: &[u8], is_final: bool) -> PyResult<()> {
    let Ok(len) = c_int::try_from(data.len()) else {
        return Err(vm.new_exc(vm.g.e.OverflowError, "size does not fit in an int"));
    };
    {
        let mut g = st(s.sh);
        if g.parsing {
            drop(g);
            return Err(vm.new_exc(
                vm.g.e.RuntimeError,
                "cannot feed or close an XMLParser from within its own handler",
            ));
        }
        g.parsing = true;
    }
    let o = s.o;
    put(vm, o, S_PENDING, Value::EMPTY);
    let p = s.handle.ptr();
    let mut cx = Ctx {
        vm: vm as *mut Vm,
        ud: s.sh as *const Shared,
        obj: o,
        tb: s.tb,
        p,
        failed: false,
        panic: None,
    };
    struct Restore<'a>(*mut Ctx, &'a Shared);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
            st(self.1).parsing = false;
        }
    }
    let restore = Restore(CURRENT.with(|c| c.replace(&mut cx)), s.sh);
    // SAFETY: p is live (the session holds its handle) and used by this
    // thread alone under the parser's lock; data is readable for len bytes
    // (borrowed from an object the caller keeps alive).
    let rv = unsafe { ffi::XML_Parse(p, data.as_ptr().cast(), len, c_int::from(is_final)) };
    drop(restore);
    if let Some(panic) = cx.panic.take() {
        std::panic::resume_unwind(panic);
    }
    let pending = get(o, S_PENDING);
    if pending != Value::EMPTY {
        put(vm, o, S_PENDING, Value::EMPTY);
        return Err(PyException(pending));
    }
    if rv == 0 {
        // SAFETY: p is live, as above.
        let code = unsafe { ffi::XML_GetErrorCode(p) };
        let (line, col) = position(p);
        return Err(parse_error(vm, code, line, col, None));
    }
    Ok(())
}

/// What `close` and `_parse_whole` give for a native target.
fn target_done(s: &Sess) -> Option<Value> {
    s.tb.map(|(to, _)| tb::done(to))
}

// ------------------------------------------------------------------ Python methods

fn alloc(vm: &mut Vm, cls: Value) -> PyResult<Value> {
    let n = super::instance_size(vm, cls, N_OWN, "XMLParser")?;
    let sh = Box::new(Shared {
        op: ReLock::new(),
        state: Mutex::new(PState {
            handle: None,
            native: false,
            parsing: false,
        }),
        names: Mutex::new(hashbrown::HashMap::new()),
    });
    Ok(super::alloc_instance(vm, cls, n, XpData { sh })?.value())
}

fn xp_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("XMLParser.__new__(): not enough arguments"));
    };
    alloc(vm, cls)
}

/// `XMLParser.__init__(*, target=None, encoding=None)`.
fn xp_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "__init__")?;
    let [target, encoding] =
        crate::types::clinic::unpack(vm, "XMLParser", &a[1..], k, ["target", "encoding"], 0, 0, 0)?;
    let target = target.unwrap_or(Value::NONE);
    let encoding = encoding.unwrap_or(Value::NONE);
    let enc = if encoding.is_none() {
        None
    } else if !is_str(encoding) {
        let tn = vm.arg_type_name(encoding);
        return Err(vm.type_error(&format!(
            "XMLParser() argument 'encoding' must be str or None, not {tn}"
        )));
    } else {
        let b = str_bytes(encoding);
        if std::str::from_utf8(b).is_err() {
            let u = vm.new_str("utf-8");
            vm.call_method(encoding, "encode", &[u])?;
        }
        match CString::new(b.to_vec()) {
            Ok(c) => Some(c),
            Err(_) => return Err(vm.value_error("embedded null character")),
        }
    };
    let _g = sh.op.acquire(vm);
    let mark = vm.ctx.stack().top();
    let r = (|| {
        let entity = vm.new_dict();
        vm.push_root(entity);
        let names = vm.new_list(&[]);
        vm.push_root(names);
        let Some(handle) = ffi::Handle::new(enc.as_deref(), Some(c"}")) else {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        };
        let handle = Arc::new(handle);
        let target = if target.is_none() {
            let t = super::state(vm, super::ST_TREEBUILDER)?;
            tb::alloc(vm, t)?
        } else {
            target
        };
        vm.push_root(target);
        put(vm, o, S_ENTITY, entity);
        put(vm, o, S_NAMES, names);
        sync::lock(&sh.names).clear();
        put(vm, o, S_TARGET, target);
        let native = tb::exact_of(target).is_some();
        {
            let mut g = st(sh);
            g.handle = Some(handle.clone());
            g.native = native;
        }
        let mut have = [false; N_HANDLERS];
        for (i, n) in HANDLERS.iter().enumerate() {
            let key = vm.intern(n);
            let h = vm.getattr_opt(target, key)?.unwrap_or(Value::EMPTY);
            have[i] = h != Value::EMPTY;
            put(vm, o, S_H + i, h);
        }
        let p = handle.ptr();
        let ud = sh as *const Shared as *mut c_void;
        // SAFETY: p is the live parser just made; ud points into the Box the
        // object's payload keeps (never moved) for as long as p lives.
        unsafe {
            ffi::XML_SetUserData(p, ud);
            ffi::XML_SetUnknownEncodingHandler(p, t_unknown_encoding as *const c_void, ud);
        }
        if have[H_START_NS] || have[H_END_NS] {
            install_ns_handlers(p);
        }
        set_handler(p, ffi::XML_SetStartElementHandler, t_start as *const c_void);
        set_handler(p, ffi::XML_SetEndElementHandler, t_end as *const c_void);
        set_handler(
            p,
            ffi::XML_SetDefaultHandlerExpand,
            t_default as *const c_void,
        );
        set_handler(p, ffi::XML_SetCharacterDataHandler, t_data as *const c_void);
        if have[H_COMMENT] {
            set_handler(p, ffi::XML_SetCommentHandler, t_comment as *const c_void);
        }
        if have[H_PI] {
            set_handler(
                p,
                ffi::XML_SetProcessingInstructionHandler,
                t_pi as *const c_void,
            );
        }
        set_handler(
            p,
            ffi::XML_SetStartDoctypeDeclHandler,
            t_start_doctype as *const c_void,
        );
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

/// `XMLParser.feed(data, /)`: str (as UTF-8) or a bytes-like object.
fn xp_feed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let data = a[1];
    with_sess(vm, a[0], "feed", |vm, s| {
        if is_str(data) {
            let b = crate::types::str::as_utf8(vm, data)?;
            // SAFETY: the handle is live; the name is a static C string.
            unsafe { ffi::XML_SetEncoding(s.handle.ptr(), c"utf-8".as_ptr()) };
            parse(vm, s, b, false)?;
        } else if Obj::from_value(data).is_some_and(|x| x.kind() == Kind::BYTES) {
            parse(vm, s, str_bytes(data), false)?;
        } else {
            let Some(b) = crate::types::bytes::buf(data) else {
                let tn = vm.type_name_of(data);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            };
            parse(vm, s, &b, false)?;
        }
        Ok(Value::NONE)
    })
}

/// `XMLParser.close()`: ends the document; the target's `close()` result.
fn xp_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    with_sess(vm, a[0], "close", |vm, s| {
        parse(vm, s, b"", true)?;
        if let Some(r) = target_done(s) {
            return Ok(r);
        }
        let h = get(s.o, S_H + H_CLOSE);
        if h != Value::EMPTY {
            return vm.call(h, &[], Value::EMPTY);
        }
        Ok(Value::NONE)
    })
}

/// `XMLParser._parse_whole(file, /)`: reads `file` to its end and parses
/// it; the root for a native target, else None.
fn xp_parse_whole(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let file = a[1];
    with_sess(vm, a[0], "_parse_whole", |vm, s| {
        let k = vm.intern("read");
        let read = vm.getattr(file, k)?;
        let mark = vm.push_root(read);
        let r = (|| {
            loop {
                let mut chunk = vm.call(read, &[Value::int(READ_SIZE)], Value::EMPTY)?;
                vm.push_root(chunk);
                let exact = |v: Value, k: Kind, t: Value| {
                    Obj::from_value(v).is_some_and(|x| x.kind() == k && x.class() == t)
                };
                if exact(chunk, Kind::STR, vm.g.types.str_) {
                    if str_bytes(chunk).is_empty() {
                        break;
                    }
                    let u = vm.new_str("utf-8");
                    vm.push_root(u);
                    let sp = vm.new_str("surrogatepass");
                    vm.push_root(sp);
                    chunk = vm.call_method(chunk, "encode", &[u, sp])?;
                    vm.push_root(chunk);
                } else if !exact(chunk, Kind::BYTES, vm.g.types.bytes)
                    || str_bytes(chunk).is_empty()
                {
                    break;
                }
                parse(vm, s, str_bytes(chunk), false)?;
            }
            parse(vm, s, b"", true)?;
            Ok(target_done(s).unwrap_or(Value::NONE))
        })();
        vm.pop_roots(mark);
        r
    })
}

/// `XMLParser._setevents(events_queue, events_to_report=None, /)`.
fn xp_setevents(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "XMLParser._setevents", "_setevents", a, k, 1, 2)?;
    let queue = a[1];
    let events = a.get(2).copied().unwrap_or(Value::NONE);
    with_sess(vm, a[0], "_setevents", |vm, s| {
        let Some((to, _)) = s.tb else {
            return Err(
                vm.type_error("event handling only supported for ElementTree.TreeBuilder targets")
            );
        };
        let k = vm.intern("append");
        let append = vm.getattr(queue, k)?;
        let mark = vm.push_root(append);
        let mut evs = [Value::EMPTY; 6];
        let r = (|| {
            if events.is_none() {
                evs[1] = vm.new_str("end");
                return Ok(());
            }
            let items = if Obj::from_value(events)
                .is_some_and(|x| x.kind() == Kind::LIST || x.kind() == Kind::TUPLE)
            {
                vm.seq_items(events)
            } else {
                let it = vm.intern("__iter__");
                let iterable = match vm.getattr_opt(events, it) {
                    Ok(Some(_)) => true,
                    _ => {
                        let gi = vm.intern("__getitem__");
                        vm.getattr_opt(events, gi)?.is_some()
                    }
                };
                if !iterable {
                    return Err(vm.type_error("events must be a sequence"));
                }
                let (v, _) = vm.collect_rooted(events)?;
                v
            };
            let l = vm.new_list(&items);
            vm.push_root(l);
            let p = s.handle.ptr();
            for &e in &items {
                let raw: &[u8] = match Obj::from_value(e).map(|x| x.kind()) {
                    Some(Kind::STR) => {
                        let b = str_bytes(e);
                        if std::str::from_utf8(b).is_err() {
                            let u = vm.new_str("utf-8");
                            vm.call_method(e, "encode", &[u])?;
                        }
                        b
                    }
                    Some(Kind::BYTES) => str_bytes(e),
                    _ => return Err(vm.value_error("invalid events sequence")),
                };
                let name = raw.split(|&c| c == 0).next().unwrap_or(b"");
                let Some(i) = tb::EVENT_NAMES.iter().position(|n| n.as_bytes() == name) else {
                    let shown = String::from_utf8_lossy(name).into_owned();
                    return Err(vm.value_error(&format!("unknown event '{shown}'")));
                };
                evs[i] = e;
                match i {
                    2 | 3 => install_ns_handlers(p),
                    4 => set_handler(p, ffi::XML_SetCommentHandler, t_comment as *const c_void),
                    5 => set_handler(
                        p,
                        ffi::XML_SetProcessingInstructionHandler,
                        t_pi as *const c_void,
                    ),
                    _ => {}
                }
            }
            Ok(())
        })();
        // As CPython, the events named before an error stay set.
        tb::set_events(vm, to, append, &evs);
        vm.pop_roots(mark);
        r.map(|()| Value::NONE)
    })
}

fn g_target(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = self_of(vm, a[0], "target")?;
    let v = get(o, S_TARGET);
    Ok(if v == Value::EMPTY { Value::NONE } else { v })
}

fn g_entity(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = self_of(vm, a[0], "entity")?;
    let v = get(o, S_ENTITY);
    Ok(if v == Value::EMPTY { Value::NONE } else { v })
}

fn s_readonly(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "readonly attribute"))
}

fn g_version(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    self_of(vm, a[0], "version")?;
    let (ma, mi, mc) = ffi::version_info();
    Ok(vm.new_str(&format!("Expat {ma}.{mi}.{mc}")))
}

/// Makes the `XMLParser` type, sets it on module `m` and in its state.
pub(super) fn init(vm: &mut Vm, m: Value, modname: Value) -> PyResult<()> {
    let t = vm.new_static_type("XMLParser", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", xp_new, false);
    let methods: &[(&'static str, NativeFn)] =
        &[("__init__", xp_init), ("_setevents", xp_setevents)];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_methods_arity(
        t,
        1,
        1,
        &[("feed", xp_feed), ("_parse_whole", xp_parse_whole)],
    );
    vm.add_methods_arity(t, 0, 0, &[("close", xp_close)]);
    let getsets: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("target", g_target, Some(s_readonly)),
        ("entity", g_entity, Some(s_readonly)),
        ("version", g_version, None),
    ];
    for &(n, g, s) in getsets {
        let p = vm.new_native_getset(t, n, g, s);
        vm.add_attr(t, n, p);
    }
    vm.set_module_attr(m, "XMLParser", t);
    Ok(())
}
