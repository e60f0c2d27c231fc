//! `pyexpat.xmlparser`: one expat parser, its Python handlers and the
//! trampolines expat calls, following CPython 3.11's `Modules/pyexpat.c`
//! (handler arguments, interning, character-data buffering, errors).
//!
//! Layout: `K_INSTANCE` with value slots `[handlers x 22, intern, pending
//! exception]` and a [`ParserData`] payload. The handlers live in value slots
//! (so the collector sees them and the write barrier covers them); the
//! payload holds only Rust state and the expat handle.
//!
//! Threads. Every operation that touches the expat parser runs under the
//! parser's operation lock ([`ReLock`]: re-entrant for the thread holding
//! it, so a handler may read `CurrentLineNumber` or replace handlers while
//! `Parse` runs; other threads wait outside the safepoint handshake). An
//! external-entity parser shares its parent's lock, since the two share
//! expat state. Calling `Parse`/`ParseFile` on a parser from inside one of
//! its own handlers raises RuntimeError (expat forbids it; CPython 3.11
//! crashes or recurses). `state` (a plain mutex) is held only for short reads
//! and writes of Rust fields, never across a call into expat or Python.
//!
//! Callbacks. expat calls the `extern "C"` trampolines below from inside
//! `XML_Parse`, which runs with the caller's VM recorded in a thread-local
//! (`CURRENT`). A trampoline catches any Rust panic (it must not unwind
//! through C), stops the parser, and the panic resumes once `XML_Parse` has
//! returned. An exception raised by a handler is kept in the pending slot,
//! the parser is stopped (`XML_StopParser`), every handler is cleared (as
//! CPython's `flag_error`), and `Parse` raises it with the handler's
//! traceback plus a `pyexpat.c` entry naming the event, as CPython's
//! `_PyTraceback_Add` does.

use super::ffi::{self, XmlParser};
use crate::modules::_thread::AcquireIn;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::relock::ReLock;
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};
use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CString};

/// Number of handler attributes.
pub(super) const N_HANDLERS: usize = 22;

/// The handler attributes, in CPython's order, with the function name its
/// traceback entry shows.
pub(super) const HANDLERS: [(&str, &str); N_HANDLERS] = [
    ("StartElementHandler", "StartElement"),
    ("EndElementHandler", "EndElement"),
    ("ProcessingInstructionHandler", "ProcessingInstruction"),
    ("CharacterDataHandler", "CharacterData"),
    ("UnparsedEntityDeclHandler", "UnparsedEntityDecl"),
    ("NotationDeclHandler", "NotationDecl"),
    ("StartNamespaceDeclHandler", "StartNamespaceDecl"),
    ("EndNamespaceDeclHandler", "EndNamespaceDecl"),
    ("CommentHandler", "Comment"),
    ("StartCdataSectionHandler", "StartCdataSection"),
    ("EndCdataSectionHandler", "EndCdataSection"),
    ("DefaultHandler", "Default"),
    ("DefaultHandlerExpand", "DefaultHandlerExpand"),
    ("NotStandaloneHandler", "NotStandalone"),
    ("ExternalEntityRefHandler", "ExternalEntityRef"),
    ("StartDoctypeDeclHandler", "StartDoctypeDecl"),
    ("EndDoctypeDeclHandler", "EndDoctypeDecl"),
    ("EntityDeclHandler", "EntityDecl"),
    ("XmlDeclHandler", "XmlDecl"),
    ("ElementDeclHandler", "ElementDecl"),
    ("AttlistDeclHandler", "AttlistDecl"),
    ("SkippedEntityHandler", "SkippedEntity"),
];

const H_START_ELEMENT: usize = 0;
const H_END_ELEMENT: usize = 1;
const H_PI: usize = 2;
const H_CHARACTER_DATA: usize = 3;
const H_UNPARSED_ENTITY_DECL: usize = 4;
const H_NOTATION_DECL: usize = 5;
const H_START_NS_DECL: usize = 6;
const H_END_NS_DECL: usize = 7;
const H_COMMENT: usize = 8;
const H_START_CDATA: usize = 9;
const H_END_CDATA: usize = 10;
const H_DEFAULT: usize = 11;
const H_DEFAULT_EXPAND: usize = 12;
const H_NOT_STANDALONE: usize = 13;
const H_EXTERNAL_ENTITY_REF: usize = 14;
const H_START_DOCTYPE: usize = 15;
const H_END_DOCTYPE: usize = 16;
const H_ENTITY_DECL: usize = 17;
const H_XML_DECL: usize = 18;
const H_ELEMENT_DECL: usize = 19;
const H_ATTLIST_DECL: usize = 20;
const H_SKIPPED_ENTITY: usize = 21;

/// Value slot of the intern dict (None: no interning).
const S_INTERN: usize = 1 + N_HANDLERS;
/// Value slot of the exception a handler raised during the running parse
/// (NONE when there is none).
const S_PENDING: usize = 2 + N_HANDLERS;
pub(super) const NSLOTS: usize = 3 + N_HANDLERS;

/// The value slot of handler `i` (slot 0 is the instance-dict slot, which
/// stays empty: xmlparser objects have no `__dict__`).
const fn hs(i: usize) -> usize {
    1 + i
}

/// CPython's default character-data buffer size.
const DEFAULT_BUFFER_SIZE: usize = 8192;
/// Largest piece handed to one `XML_Parse` call (its length is an int).
const MAX_CHUNK: usize = 1 << 20;
/// `ParseFile`'s read size.
const READ_SIZE: usize = 2048;

thread_local! {
    /// The VM of the thread while it runs expat (else null).
    static CURRENT: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
}

/// The Rust fields of a parser.
struct State {
    /// The parser object while expat runs on it (rooted by that call).
    obj: Value,
    /// Inside `Parse`/`ParseFile` (expat must not be re-entered).
    parsing: bool,
    /// A handler is running (`GetInputContext` answers only then).
    in_callback: bool,
    /// A handler raised: the other callbacks of this parse do nothing.
    failed: bool,
    /// A Rust panic caught in a callback, resumed after expat returns.
    panic: Option<Box<dyn std::any::Any + Send>>,
    ordered_attributes: bool,
    specified_attributes: bool,
    ns_prefixes: bool,
    /// Character data waiting for the handler (`buffer_text`), when on.
    buffer: Option<Vec<u8>>,
    buffer_size: usize,
}

/// What expat's user data points to: boxed, so it never moves.
pub(super) struct Shared {
    /// Held across each operation; the thread holding it may take it
    /// again (a handler using its own parser).
    op: Arc<ReLock>,
    handle: Arc<ffi::Handle>,
    state: Mutex<State>,
}

/// The payload of an xmlparser object.
pub(super) struct ParserData {
    sh: Box<Shared>,
}

impl Trace for ParserData {
    /// expat's own allocations come to about 7 KB per parser after a small
    /// document (measured as RSS per live parser under CPython), and
    /// ElementTree, minidom and sax turn on the 8 KB text buffer: counted
    /// so that a program making many parsers is collected in time.
    fn external_bytes(&self) -> usize {
        7 * 1024 + DEFAULT_BUFFER_SIZE
    }
}

impl Shared {
    fn p(&self) -> XmlParser {
        self.handle.ptr()
    }

    fn ud(&self) -> *mut c_void {
        self as *const Shared as *mut c_void
    }
}

fn st(sh: &Shared) -> sync::MutexGuard<'_, State> {
    sync::lock(&sh.state)
}

/// The trampoline expat calls for handler `i`.
fn tramp(i: usize) -> *const c_void {
    match i {
        H_START_ELEMENT => t_start_element as *const c_void,
        H_END_ELEMENT => t_end_element as *const c_void,
        H_PI => t_pi as *const c_void,
        H_CHARACTER_DATA => t_character_data as *const c_void,
        H_UNPARSED_ENTITY_DECL => t_unparsed_entity_decl as *const c_void,
        H_NOTATION_DECL => t_notation_decl as *const c_void,
        H_START_NS_DECL => t_start_ns_decl as *const c_void,
        H_END_NS_DECL => t_end_ns_decl as *const c_void,
        H_COMMENT => t_comment as *const c_void,
        H_START_CDATA => t_start_cdata as *const c_void,
        H_END_CDATA => t_end_cdata as *const c_void,
        H_DEFAULT => t_default as *const c_void,
        H_DEFAULT_EXPAND => t_default_expand as *const c_void,
        H_NOT_STANDALONE => t_not_standalone as *const c_void,
        H_EXTERNAL_ENTITY_REF => t_external_entity_ref as *const c_void,
        H_START_DOCTYPE => t_start_doctype as *const c_void,
        H_END_DOCTYPE => t_end_doctype as *const c_void,
        H_ENTITY_DECL => t_entity_decl as *const c_void,
        H_XML_DECL => t_xml_decl as *const c_void,
        H_ELEMENT_DECL => t_element_decl as *const c_void,
        H_ATTLIST_DECL => t_attlist_decl as *const c_void,
        _ => t_skipped_entity as *const c_void,
    }
}

/// Installs (or, with null, removes) the C handler `i` on `p`.
fn set_c_handler(p: XmlParser, i: usize, h: *const c_void) {
    let f: ffi::Setter = match i {
        H_START_ELEMENT => ffi::XML_SetStartElementHandler,
        H_END_ELEMENT => ffi::XML_SetEndElementHandler,
        H_PI => ffi::XML_SetProcessingInstructionHandler,
        H_CHARACTER_DATA => ffi::XML_SetCharacterDataHandler,
        H_UNPARSED_ENTITY_DECL => ffi::XML_SetUnparsedEntityDeclHandler,
        H_NOTATION_DECL => ffi::XML_SetNotationDeclHandler,
        H_START_NS_DECL => ffi::XML_SetStartNamespaceDeclHandler,
        H_END_NS_DECL => ffi::XML_SetEndNamespaceDeclHandler,
        H_COMMENT => ffi::XML_SetCommentHandler,
        H_START_CDATA => ffi::XML_SetStartCdataSectionHandler,
        H_END_CDATA => ffi::XML_SetEndCdataSectionHandler,
        H_DEFAULT => ffi::XML_SetDefaultHandler,
        H_DEFAULT_EXPAND => ffi::XML_SetDefaultHandlerExpand,
        H_NOT_STANDALONE => ffi::XML_SetNotStandaloneHandler,
        H_EXTERNAL_ENTITY_REF => ffi::XML_SetExternalEntityRefHandler,
        H_START_DOCTYPE => ffi::XML_SetStartDoctypeDeclHandler,
        H_END_DOCTYPE => ffi::XML_SetEndDoctypeDeclHandler,
        H_ENTITY_DECL => ffi::XML_SetEntityDeclHandler,
        H_XML_DECL => ffi::XML_SetXmlDeclHandler,
        H_ELEMENT_DECL => ffi::XML_SetElementDeclHandler,
        H_ATTLIST_DECL => ffi::XML_SetAttlistDeclHandler,
        _ => ffi::XML_SetSkippedEntityHandler,
    };
    // SAFETY: p is a live parser (the caller holds its operation lock) and
    // h is null or the trampoline whose signature expat expects for slot i.
    unsafe { f(p, h) }
}

// ------------------------------------------------------------------ creation

/// Makes a parser object of type `cls` around `handle`.
fn alloc_parser(vm: &mut Vm, cls: Value, sh: Box<Shared>) -> Value {
    let ud = sh.ud();
    let p = sh.p();
    // SAFETY: p is the live parser just made; ud points into the Box that
    // the object's payload keeps (never moved) for as long as p lives.
    unsafe {
        ffi::XML_SetUserData(p, ud);
        ffi::XML_SetExternalEntityRefHandlerArg(p, ud);
        ffi::XML_SetUnknownEncodingHandler(p, t_unknown_encoding as *const c_void, ud);
    }
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, NSLOTS, ParserData { sh });
    let o = Obj::from_value(v).expect("parser");
    o.init(0, Value::EMPTY);
    for i in 1..NSLOTS {
        o.init(i, Value::NONE);
    }
    v
}

/// `ParserCreate(encoding, namespace_separator, intern)` after argument
/// checks: `intern` is a dict or None.
pub(super) fn create(
    vm: &mut Vm,
    encoding: Option<CString>,
    sep: Option<CString>,
    intern: Value,
) -> PyResult<Value> {
    let Some(handle) = ffi::Handle::new(encoding.as_deref(), sep.as_deref()) else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "XML_ParserCreate failed"));
    };
    let sh = Box::new(Shared {
        op: Arc::new(ReLock::new()),
        handle: Arc::new(handle),
        state: Mutex::new(State {
            obj: Value::NONE,
            parsing: false,
            in_callback: false,
            failed: false,
            panic: None,
            ordered_attributes: false,
            specified_attributes: false,
            ns_prefixes: false,
            buffer: None,
            buffer_size: DEFAULT_BUFFER_SIZE,
        }),
    });
    let mark = vm.push_root(intern);
    let v = alloc_parser(vm, super::types().parser, sh);
    vm.pop_roots(mark);
    let o = Obj::from_value(v).expect("parser");
    o.init(S_INTERN, intern);
    Ok(v)
}

fn data_of(v: Value) -> Option<(Obj, &'static Shared)> {
    let o = Obj::from_value(v)?;
    native_ref::<ParserData>(o).map(|d| (o, &*d.sh))
}

fn self_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static Shared)> {
    match data_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'pyexpat.xmlparser' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

// ------------------------------------------------------------------ conversions

/// A str from expat's UTF-8 (None for null); invalid UTF-8 raises
/// UnicodeDecodeError as CPython's strict decoding does.
fn conv(vm: &mut Vm, b: Option<&[u8]>) -> PyResult<Value> {
    match b {
        None => Ok(Value::NONE),
        Some(b) => crate::types::bytes::decode(vm, b, "utf-8", "strict"),
    }
}

/// [`conv`] of a NUL-terminated string.
fn conv_c(vm: &mut Vm, p: *const c_char) -> PyResult<Value> {
    // SAFETY: expat passes null or NUL-terminated strings valid for the
    // duration of the callback that is running.
    conv(vm, unsafe { ffi::cstr(p) })
}

/// [`conv`] of `len` bytes at `p`.
fn conv_len(vm: &mut Vm, p: *const c_char, len: c_int) -> PyResult<Value> {
    if p.is_null() {
        return Ok(Value::NONE);
    }
    // SAFETY: expat passes `len` readable bytes at p for the callback.
    let b = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len.max(0) as usize) };
    conv(vm, Some(b))
}

/// CPython's `string_intern`: the str for `p`, shared through the parser's
/// intern dict when it has one.
fn intern(vm: &mut Vm, obj: Obj, p: *const c_char) -> PyResult<Value> {
    let s = conv_c(vm, p)?;
    let d = obj.get(S_INTERN);
    if s.is_none() || d.is_none() {
        return Ok(s);
    }
    let mark = vm.push_root(s);
    let r = (|| {
        if let Some(x) = vm.dict_get(d, s)? {
            return Ok(x);
        }
        vm.dict_set(d, s, s)?;
        Ok(s)
    })();
    vm.pop_roots(mark);
    r
}

/// The content model tuple `(type, quant, name, children)` of CPython.
fn conv_model(vm: &mut Vm, m: *const ffi::XmlContent, depth: usize) -> PyResult<Value> {
    if depth > 10_000 {
        return Err(vm.new_exc(
            vm.g.e.RecursionError,
            "maximum recursion depth exceeded while converting a content model",
        ));
    }
    // SAFETY: m points into the model expat handed to the callback, valid
    // until XML_FreeContentModel (after the conversion).
    let m = unsafe { &*m };
    let mark = vm.ctx.stack().top();
    let r = (|| {
        let mut kids = Vec::with_capacity(m.numchildren as usize);
        for i in 0..m.numchildren as usize {
            // SAFETY: children holds numchildren nodes.
            let c = conv_model(vm, unsafe { m.children.add(i) }, depth + 1)?;
            vm.push_root(c);
            kids.push(c);
        }
        let kids = vm.new_tuple(&kids);
        vm.push_root(kids);
        let name = conv_c(vm, m.name)?;
        vm.push_root(name);
        Ok(vm.new_tuple(&[
            Value::int(i64::from(m.ctype)),
            Value::int(i64::from(m.quant)),
            name,
            kids,
        ]))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ errors

/// CPython's `set_error`: `ExpatError("<message>: line L, column C")` with
/// `code`, `offset` and `lineno`.
fn expat_error(vm: &mut Vm, sh: &Shared, code: c_int) -> PyException {
    let p = sh.p();
    // SAFETY: p is live; the caller holds the operation lock.
    let (line, col) = unsafe {
        (
            ffi::XML_GetCurrentLineNumber(p) as i64,
            ffi::XML_GetCurrentColumnNumber(p) as i64,
        )
    };
    make_error(vm, code, line, col)
}

pub(super) fn make_error(vm: &mut Vm, code: c_int, line: i64, col: i64) -> PyException {
    let msg = ffi::error_string(i64::from(code)).unwrap_or("(null)");
    let text = vm.new_str(&format!("{msg}: line {line}, column {col}"));
    let mark = vm.push_root(text);
    let r = (|| {
        let err = vm.call(super::types().error, &[text], Value::EMPTY)?;
        vm.push_root(err);
        for (n, v) in [("code", i64::from(code)), ("offset", col), ("lineno", line)] {
            let k = vm.intern(n);
            vm.setattr(err, k, Value::int(v))?;
        }
        Ok(err)
    })();
    vm.pop_roots(mark);
    match r {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// CPython's `flag_error`: records the exception (the first one wins),
/// clears every handler and stops the parser. The character-data and
/// external-entity trampolines stay installed (they do nothing, or refuse
/// the entity, while the failure is pending): expat may still be inside the
/// character-data callback that failed.
fn flag_error(vm: &mut Vm, sh: &Shared, obj: Obj, e: PyException) {
    {
        let mut g = st(sh);
        if g.failed {
            return;
        }
        g.failed = true;
    }
    vm.store(obj, S_PENDING, e.0);
    let p = sh.p();
    for i in 0..N_HANDLERS {
        vm.store(obj, hs(i), Value::NONE);
        if i == H_CHARACTER_DATA || i == H_EXTERNAL_ENTITY_REF {
            set_c_handler(p, i, tramp(i));
        } else {
            set_c_handler(p, i, std::ptr::null());
        }
    }
    // SAFETY: p is live; stopping is allowed from a callback and a no-op
    // error on a parser that is not parsing.
    unsafe { ffi::XML_StopParser(p, 0) };
}

/// The code objects named after the handler events, for the traceback
/// entry CPython adds (file `pyexpat.c`).
fn add_tb(vm: &mut Vm, e: &PyException, i: usize) {
    let code = super::types().tb_codes[i];
    if !code.is_none() {
        vm.add_traceback(e.0, code, 0);
    }
}

// ------------------------------------------------------------------ calling handlers

/// Calls handler `i` with `args` (rooted by the caller). A raised exception
/// is flagged (see [`flag_error`]) and gives None.
fn call_handler(vm: &mut Vm, sh: &Shared, obj: Obj, i: usize, args: &[Value]) -> Option<Value> {
    let h = obj.get(hs(i));
    if h.is_none() {
        return Some(Value::NONE);
    }
    let mark = vm.push_root(h);
    st(sh).in_callback = true;
    let r = vm.call(h, args, Value::EMPTY);
    st(sh).in_callback = false;
    vm.pop_roots(mark);
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            add_tb(vm, &e, i);
            flag_error(vm, sh, obj, e);
            None
        }
    }
}

/// CPython's `call_character_handler`.
fn call_character_handler(vm: &mut Vm, sh: &Shared, obj: Obj, s: Value) -> bool {
    if obj.get(hs(H_CHARACTER_DATA)).is_none() {
        return false;
    }
    let mark = vm.push_root(s);
    let r = call_handler(vm, sh, obj, H_CHARACTER_DATA, &[s]);
    vm.pop_roots(mark);
    r.is_some()
}

/// CPython's `flush_character_buffer`: false when the handler raised.
fn flush(vm: &mut Vm, sh: &Shared, obj: Obj) -> bool {
    let s = {
        let mut g = st(sh);
        match g.buffer.as_mut() {
            Some(b) if !b.is_empty() => {
                let r = std::str::from_utf8(b).is_ok().then(|| vm.new_str_bytes(b));
                let raw = if r.is_none() { Some(b.clone()) } else { None };
                b.clear();
                (r, raw)
            }
            _ => return true,
        }
    };
    let v = match s {
        (Some(v), _) => v,
        (None, raw) => match conv(vm, raw.as_deref()) {
            Ok(v) => v,
            Err(e) => {
                flag_error(vm, sh, obj, e);
                return false;
            }
        },
    };
    if obj.get(hs(H_CHARACTER_DATA)).is_none() {
        return true;
    }
    call_character_handler(vm, sh, obj, v)
}

/// Runs a callback body: finds the parser and the VM, skips the event when
/// a handler already failed, and catches a Rust panic (which must not
/// unwind through expat's C frames).
fn enter<R>(ud: *mut c_void, dflt: R, f: impl FnOnce(&mut Vm, &Shared, Obj) -> R) -> R {
    if ud.is_null() {
        return dflt;
    }
    // SAFETY: ud is the Shared given to XML_SetUserData (or as handler
    // argument); it lives as long as the parser object, which the running
    // Parse call keeps rooted.
    let sh = unsafe { &*(ud as *const Shared) };
    let vmp = CURRENT.with(Cell::get);
    if vmp.is_null() {
        return dflt;
    }
    let obj = {
        let g = st(sh);
        if g.failed {
            return dflt;
        }
        g.obj
    };
    let Some(o) = Obj::from_value(obj) else {
        return dflt;
    };
    // SAFETY: vmp was set by `run_expat` from the exclusive &mut Vm of this
    // thread, which is blocked inside the expat call that called us; nothing
    // else uses that VM until this callback returns.
    let vm = unsafe { &mut *vmp };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(vm, sh, o))) {
        Ok(r) => r,
        Err(p) => {
            {
                let mut g = st(sh);
                g.failed = true;
                if g.panic.is_none() {
                    g.panic = Some(p);
                }
            }
            // SAFETY: the parser is live and inside XML_Parse.
            unsafe { ffi::XML_StopParser(sh.p(), 0) };
            dflt
        }
    }
}

/// The common shape of CPython's `RC_HANDLER`: when handler `i` is set,
/// flushes buffered text, builds the arguments with `build` (rooted), calls
/// the handler and gives its result.
fn dispatch(
    vm: &mut Vm,
    sh: &Shared,
    obj: Obj,
    i: usize,
    build: impl FnOnce(&mut Vm, &mut Vec<Value>) -> PyResult<()>,
) -> Option<Value> {
    if obj.get(hs(i)).is_none() {
        return None;
    }
    if !flush(vm, sh, obj) {
        return None;
    }
    let mark = vm.ctx.stack().top();
    let mut args = Vec::with_capacity(8);
    let r = build(vm, &mut args);
    let out = match r {
        Ok(()) => call_handler(vm, sh, obj, i, &args),
        Err(e) => {
            flag_error(vm, sh, obj, e);
            None
        }
    };
    vm.pop_roots(mark);
    out
}

/// Pushes a converted argument (rooted) onto `args`.
fn arg(vm: &mut Vm, args: &mut Vec<Value>, v: PyResult<Value>) -> PyResult<()> {
    let v = v?;
    vm.push_root(v);
    args.push(v);
    Ok(())
}

// ------------------------------------------------------------------ trampolines

unsafe extern "C" fn t_start_element(
    ud: *mut c_void,
    name: *const c_char,
    atts: *const *const c_char,
) {
    enter(ud, (), |vm, sh, obj| {
        if obj.get(hs(H_START_ELEMENT)).is_none() || !flush(vm, sh, obj) {
            return;
        }
        let (ordered, specified) = {
            let g = st(sh);
            (g.ordered_attributes, g.specified_attributes)
        };
        let max = if specified {
            // SAFETY: the parser is live and inside a start-tag callback.
            unsafe { ffi::XML_GetSpecifiedAttributeCount(sh.p()) }.max(0) as usize
        } else {
            let mut n = 0;
            // SAFETY: atts is a null-terminated array of name/value pairs.
            while !unsafe { *atts.add(n) }.is_null() {
                n += 2;
            }
            n
        };
        let mark = vm.ctx.stack().top();
        let r = (|| {
            let container = if ordered {
                vm.new_list(&[])
            } else {
                vm.new_dict()
            };
            vm.push_root(container);
            for k in (0..max).step_by(2) {
                // SAFETY: k and k + 1 are below the attribute count.
                let (np, vp) = unsafe { (*atts.add(k), *atts.add(k + 1)) };
                let n = intern(vm, obj, np)?;
                vm.push_root(n);
                let v = conv_c(vm, vp)?;
                vm.push_root(v);
                if ordered {
                    vm.list_append(container, n);
                    vm.list_append(container, v);
                } else {
                    vm.dict_set(container, n, v)?;
                }
            }
            let nm = intern(vm, obj, name)?;
            vm.push_root(nm);
            Ok((nm, container))
        })();
        match r {
            Ok((nm, c)) => {
                call_handler(vm, sh, obj, H_START_ELEMENT, &[nm, c]);
            }
            Err(e) => flag_error(vm, sh, obj, e),
        }
        vm.pop_roots(mark);
    })
}

unsafe extern "C" fn t_end_element(ud: *mut c_void, name: *const c_char) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_END_ELEMENT, |vm, a| {
            let v = intern(vm, obj, name);
            arg(vm, a, v)
        });
    })
}

unsafe extern "C" fn t_pi(ud: *mut c_void, target: *const c_char, data: *const c_char) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_PI, |vm, a| {
            let v = intern(vm, obj, target);
            arg(vm, a, v)?;
            let v = conv_c(vm, data);
            arg(vm, a, v)
        });
    })
}

unsafe extern "C" fn t_character_data(ud: *mut c_void, s: *const c_char, len: c_int) {
    enter(ud, (), |vm, sh, obj| {
        if s.is_null() || len < 0 {
            return;
        }
        // SAFETY: expat passes len readable bytes at s for this callback.
        let data = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len as usize) };
        let (buffered, size, used) = {
            let g = st(sh);
            (
                g.buffer.is_some(),
                g.buffer_size,
                g.buffer.as_ref().map_or(0, Vec::len),
            )
        };
        let direct = |vm: &mut Vm| match conv(vm, Some(data)) {
            Ok(v) => {
                call_character_handler(vm, sh, obj, v);
            }
            Err(e) => flag_error(vm, sh, obj, e),
        };
        if !buffered {
            direct(vm);
            return;
        }
        if used + data.len() > size {
            if !flush(vm, sh, obj) {
                return;
            }
            if obj.get(hs(H_CHARACTER_DATA)).is_none() {
                return;
            }
        }
        if data.len() > size {
            direct(vm);
        } else {
            let mut g = st(sh);
            if let Some(b) = g.buffer.as_mut() {
                b.extend_from_slice(data);
            }
        }
    })
}

unsafe extern "C" fn t_unparsed_entity_decl(
    ud: *mut c_void,
    name: *const c_char,
    base: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
    notation: *const c_char,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_UNPARSED_ENTITY_DECL, |vm, a| {
            for p in [name, base, sysid, pubid, notation] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            Ok(())
        });
    })
}

unsafe extern "C" fn t_notation_decl(
    ud: *mut c_void,
    name: *const c_char,
    base: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_NOTATION_DECL, |vm, a| {
            for p in [name, base, sysid, pubid] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            Ok(())
        });
    })
}

unsafe extern "C" fn t_start_ns_decl(ud: *mut c_void, prefix: *const c_char, uri: *const c_char) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_START_NS_DECL, |vm, a| {
            for p in [prefix, uri] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            Ok(())
        });
    })
}

unsafe extern "C" fn t_end_ns_decl(ud: *mut c_void, prefix: *const c_char) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_END_NS_DECL, |vm, a| {
            let v = intern(vm, obj, prefix);
            arg(vm, a, v)
        });
    })
}

unsafe extern "C" fn t_comment(ud: *mut c_void, data: *const c_char) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_COMMENT, |vm, a| {
            let v = conv_c(vm, data);
            arg(vm, a, v)
        });
    })
}

unsafe extern "C" fn t_start_cdata(ud: *mut c_void) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_START_CDATA, |_, _| Ok(()));
    })
}

unsafe extern "C" fn t_end_cdata(ud: *mut c_void) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_END_CDATA, |_, _| Ok(()));
    })
}

unsafe extern "C" fn t_default(ud: *mut c_void, s: *const c_char, len: c_int) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_DEFAULT, |vm, a| {
            let v = conv_len(vm, s, len);
            arg(vm, a, v)
        });
    })
}

unsafe extern "C" fn t_default_expand(ud: *mut c_void, s: *const c_char, len: c_int) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_DEFAULT_EXPAND, |vm, a| {
            let v = conv_len(vm, s, len);
            arg(vm, a, v)
        });
    })
}

/// The int a handler returned (`PyLong_AsLong`); a non-int raises TypeError
/// (recorded like a handler's exception, without clearing the handlers,
/// as in CPython) and gives `bad`.
fn int_result(vm: &mut Vm, sh: &Shared, obj: Obj, v: Value, bad: c_int) -> c_int {
    match crate::args::c_long(vm, v) {
        Ok(x) => x as c_int,
        Err(e) => {
            {
                let mut g = st(sh);
                if g.failed {
                    return bad;
                }
                g.failed = true;
            }
            vm.store(obj, S_PENDING, e.0);
            // SAFETY: the parser is live and inside XML_Parse.
            unsafe { ffi::XML_StopParser(sh.p(), 0) };
            bad
        }
    }
}

unsafe extern "C" fn t_not_standalone(ud: *mut c_void) -> c_int {
    enter(ud, 0, |vm, sh, obj| {
        match dispatch(vm, sh, obj, H_NOT_STANDALONE, |_, _| Ok(())) {
            Some(v) => int_result(vm, sh, obj, v, -1),
            None => 0,
        }
    })
}

unsafe extern "C" fn t_external_entity_ref(
    ud: *mut c_void,
    context: *const c_char,
    base: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
) -> c_int {
    enter(ud, 0, |vm, sh, obj| {
        let r = dispatch(vm, sh, obj, H_EXTERNAL_ENTITY_REF, |vm, a| {
            let v = conv_c(vm, context);
            arg(vm, a, v)?;
            for p in [base, sysid, pubid] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            Ok(())
        });
        match r {
            Some(v) => int_result(vm, sh, obj, v, -1),
            None => 0,
        }
    })
}

unsafe extern "C" fn t_start_doctype(
    ud: *mut c_void,
    name: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
    has_internal_subset: c_int,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_START_DOCTYPE, |vm, a| {
            for p in [name, sysid, pubid] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            a.push(Value::int(i64::from(has_internal_subset)));
            Ok(())
        });
    })
}

unsafe extern "C" fn t_end_doctype(ud: *mut c_void) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_END_DOCTYPE, |_, _| Ok(()));
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn t_entity_decl(
    ud: *mut c_void,
    name: *const c_char,
    is_parameter_entity: c_int,
    value: *const c_char,
    value_length: c_int,
    base: *const c_char,
    sysid: *const c_char,
    pubid: *const c_char,
    notation: *const c_char,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_ENTITY_DECL, |vm, a| {
            let v = intern(vm, obj, name);
            arg(vm, a, v)?;
            a.push(Value::int(i64::from(is_parameter_entity)));
            let v = conv_len(vm, value, value_length);
            arg(vm, a, v)?;
            for p in [base, sysid, pubid, notation] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            Ok(())
        });
    })
}

unsafe extern "C" fn t_xml_decl(
    ud: *mut c_void,
    version: *const c_char,
    encoding: *const c_char,
    standalone: c_int,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_XML_DECL, |vm, a| {
            for p in [version, encoding] {
                let v = conv_c(vm, p);
                arg(vm, a, v)?;
            }
            a.push(Value::int(i64::from(standalone)));
            Ok(())
        });
    })
}

unsafe extern "C" fn t_element_decl(
    ud: *mut c_void,
    name: *const c_char,
    model: *mut ffi::XmlContent,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_ELEMENT_DECL, |vm, a| {
            let v = intern(vm, obj, name);
            arg(vm, a, v)?;
            let m = conv_model(vm, model, 0);
            arg(vm, a, m)
        });
    });
    // The model is ours to free in every case (expat hands it over).
    if !ud.is_null() && !model.is_null() {
        // SAFETY: ud is the parser's Shared (see `enter`); model is the tree
        // expat gave this callback, freed once, here.
        unsafe {
            let sh = &*(ud as *const Shared);
            ffi::XML_FreeContentModel(sh.p(), model);
        }
    }
}

unsafe extern "C" fn t_attlist_decl(
    ud: *mut c_void,
    elname: *const c_char,
    attname: *const c_char,
    att_type: *const c_char,
    dflt: *const c_char,
    isrequired: c_int,
) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_ATTLIST_DECL, |vm, a| {
            for p in [elname, attname] {
                let v = intern(vm, obj, p);
                arg(vm, a, v)?;
            }
            for p in [att_type, dflt] {
                let v = conv_c(vm, p);
                arg(vm, a, v)?;
            }
            a.push(Value::int(i64::from(isrequired)));
            Ok(())
        });
    })
}

unsafe extern "C" fn t_skipped_entity(ud: *mut c_void, name: *const c_char, is_pe: c_int) {
    enter(ud, (), |vm, sh, obj| {
        dispatch(vm, sh, obj, H_SKIPPED_ENTITY, |vm, a| {
            let v = intern(vm, obj, name);
            arg(vm, a, v)?;
            a.push(Value::int(i64::from(is_pe)));
            Ok(())
        });
    })
}

/// CPython's `PyUnknownEncodingHandler`: a single-byte encoding that
/// Python's codecs know, given to expat as a 256-entry map.
unsafe extern "C" fn t_unknown_encoding(
    ud: *mut c_void,
    name: *const c_char,
    info: *mut ffi::XmlEncoding,
) -> c_int {
    enter(ud, ffi::XML_STATUS_ERROR, |vm, sh, obj| {
        let mark = vm.ctx.stack().top();
        let r = (|| -> PyResult<Vec<i32>> {
            let all: Vec<u8> = (0..=255u8).collect();
            let b = vm.new_bytes(&all);
            vm.push_root(b);
            let n = conv_c(vm, name)?;
            vm.push_root(n);
            let rep = vm.new_str("replace");
            vm.push_root(rep);
            let u = vm.call_method(b, "decode", &[n, rep])?;
            vm.push_root(u);
            let text = str_of(u);
            let chars: Vec<char> = text.chars().collect();
            if chars.len() != 256 {
                return Err(vm.value_error("multi-byte encodings are not supported"));
            }
            Ok(chars
                .iter()
                .map(|&c| if c == '\u{FFFD}' { -1 } else { c as i32 })
                .collect())
        })();
        vm.pop_roots(mark);
        match r {
            Ok(map) => {
                // SAFETY: info is the XML_Encoding expat asks us to fill.
                let info = unsafe { &mut *info };
                for (d, s) in info.map.iter_mut().zip(map) {
                    *d = s;
                }
                info.data = std::ptr::null_mut();
                info.convert = std::ptr::null();
                info.release = std::ptr::null();
                ffi::XML_STATUS_OK
            }
            Err(e) => {
                flag_error(vm, sh, obj, e);
                ffi::XML_STATUS_ERROR
            }
        }
    })
}

// ------------------------------------------------------------------ running expat

/// Runs `f` (a call into expat that may call back) with `vm` reachable
/// from the trampolines.
fn run_expat<R>(vm: &mut Vm, f: impl FnOnce() -> R) -> R {
    struct Restore(*mut Vm);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let p: *mut Vm = vm;
    let _restore = Restore(CURRENT.with(|c| c.replace(p)));
    f()
}

/// Marks the parser busy for a whole `Parse`/`ParseFile` (a handler calling
/// one of them again gets RuntimeError) and undoes it on the way out.
struct Busy<'a>(&'a Shared);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        let mut g = st(self.0);
        g.parsing = false;
        g.obj = Value::NONE;
        g.failed = false;
    }
}

fn begin<'a>(vm: &mut Vm, sh: &'a Shared, obj: Value, what: &str) -> PyResult<Busy<'a>> {
    let mut g = st(sh);
    if g.parsing {
        drop(g);
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            &format!("cannot call {what}() from within a handler"),
        ));
    }
    g.parsing = true;
    g.obj = obj;
    g.failed = false;
    Ok(Busy(sh))
}

/// Resumes a panic caught in a callback.
fn resume_panic(sh: &Shared) {
    let p = st(sh).panic.take();
    if let Some(p) = p {
        std::panic::resume_unwind(p);
    }
}

/// CPython's `get_parse_result`.
fn parse_result(vm: &mut Vm, sh: &Shared, obj: Obj, rv: c_int) -> PyResult<Value> {
    resume_panic(sh);
    let pending = obj.get(S_PENDING);
    if !pending.is_none() {
        vm.store(obj, S_PENDING, Value::NONE);
        return Err(PyException(pending));
    }
    if rv == 0 {
        // SAFETY: p is live; the caller holds the operation lock.
        let code = unsafe { ffi::XML_GetErrorCode(sh.p()) };
        return Err(expat_error(vm, sh, code));
    }
    st(sh).failed = false;
    if !flush(vm, sh, obj) {
        let e = obj.get(S_PENDING);
        vm.store(obj, S_PENDING, Value::NONE);
        return Err(PyException(e));
    }
    Ok(Value::int(i64::from(rv)))
}

/// `xmlparser.Parse(data, isfinal=False, /)`.
fn x_parse(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "Parse")?;
    let [data, fin] =
        crate::types::clinic::unpack(vm, "Parse", &a[1..], k, ["data", "isfinal"], 2, 1, 2)?;
    let data = data.unwrap_or(Value::NONE);
    let isfinal = match fin {
        Some(v) => crate::args::c_int(vm, v)? != 0,
        None => false,
    };
    let is_text = is_str(data);
    // The bytes to parse: borrowed from an immutable str/bytes argument
    // (rooted by the call; the collector never moves objects), else copied.
    let owned: Option<Vec<u8>>;
    let bytes: &[u8] = if is_text {
        crate::types::str::as_utf8(vm, data)?
    } else if Obj::from_value(data).is_some_and(|x| x.kind() == Kind::BYTES) {
        str_bytes(data)
    } else {
        owned = Some(crate::modules::_io::bytes_like(vm, data, "")?);
        owned.as_deref().unwrap_or(&[])
    };
    let _g = sh.op.acquire(vm);
    let _busy = begin(vm, sh, a[0], "Parse")?;
    let p = sh.p();
    if is_text {
        // SAFETY: p is live; the name is a static NUL-terminated string.
        unsafe { ffi::XML_SetEncoding(p, c"utf-8".as_ptr()) };
    }
    let rv = run_expat(vm, || {
        let mut rest = bytes;
        while rest.len() > MAX_CHUNK {
            // SAFETY: rest is readable for MAX_CHUNK bytes; p is live and
            // owned by this thread under the operation lock.
            let rc = unsafe { ffi::XML_Parse(p, rest.as_ptr().cast(), MAX_CHUNK as c_int, 0) };
            if rc == 0 {
                return rc;
            }
            rest = &rest[MAX_CHUNK..];
        }
        // SAFETY: as above, for the rest (at most MAX_CHUNK bytes).
        unsafe {
            ffi::XML_Parse(
                p,
                rest.as_ptr().cast(),
                rest.len() as c_int,
                c_int::from(isfinal),
            )
        }
    });
    parse_result(vm, sh, o, rv)
}

/// CPython's `readinst`: `read(n)` must give bytes or bytearray of at most
/// `n` bytes.
fn read_chunk(vm: &mut Vm, read: Value, n: usize) -> PyResult<Vec<u8>> {
    let r = vm.call(read, &[Value::int(n as i64)], Value::EMPTY)?;
    let b = match Obj::from_value(r) {
        Some(x) if x.kind() == Kind::BYTES || x.kind() == K_BYTEARRAY => {
            crate::types::bytes::buf(r).unwrap_or_default()
        }
        _ => {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!("read() did not return a bytes object (type={tn})")));
        }
    };
    if b.len() > n {
        return Err(vm.value_error(&format!(
            "read() returned too much data: {n} bytes requested, {} returned",
            b.len()
        )));
    }
    Ok(b)
}

/// `xmlparser.ParseFile(file, /)`.
fn x_parse_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "ParseFile")?;
    crate::types::clinic::positional(vm, "ParseFile", "ParseFile", &a[1..], k, 1, 1)?;
    let name = vm.intern("read");
    let Some(read) = vm.getattr_opt(a[1], name)? else {
        return Err(vm.type_error("argument must have 'read' attribute"));
    };
    let mark = vm.push_root(read);
    let r = (|| {
        let _g = sh.op.acquire(vm);
        let _busy = begin(vm, sh, a[0], "ParseFile")?;
        let p = sh.p();
        loop {
            let chunk = read_chunk(vm, read, READ_SIZE)?;
            let n = chunk.len();
            let rv = run_expat(vm, || {
                // SAFETY: p is live and owned by this thread under the
                // operation lock; nothing calls expat between getting the
                // buffer and parsing it.
                unsafe {
                    let buf = ffi::XML_GetBuffer(p, n.max(1) as c_int);
                    if buf.is_null() {
                        return -1;
                    }
                    std::ptr::copy_nonoverlapping(chunk.as_ptr(), buf.cast::<u8>(), n);
                    ffi::XML_ParseBuffer(p, n as c_int, c_int::from(n == 0))
                }
            });
            if rv == -1 {
                return parse_result(vm, sh, o, 0);
            }
            resume_panic(sh);
            if !o.get(S_PENDING).is_none() {
                return parse_result(vm, sh, o, rv);
            }
            if rv == 0 || n == 0 {
                return parse_result(vm, sh, o, rv);
            }
        }
    })();
    vm.pop_roots(mark);
    r
}

/// `xmlparser.SetBase(base, /)`.
fn x_set_base(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "SetBase")?;
    crate::types::clinic::positional(vm, "SetBase", "SetBase", &a[1..], k, 1, 1)?;
    let base = super::c_string(vm, a[1], "SetBase", "argument", false)?.unwrap_or_default();
    let _g = sh.op.acquire(vm);
    // SAFETY: p is live; base is NUL-terminated and copied by expat.
    if unsafe { ffi::XML_SetBase(sh.p(), base.as_ptr()) } == 0 {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    Ok(Value::NONE)
}

/// `xmlparser.GetBase()`.
fn x_get_base(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "GetBase")?;
    crate::types::clinic::positional(vm, "GetBase", "GetBase", &a[1..], k, 0, 0)?;
    let _g = sh.op.acquire(vm);
    // SAFETY: p is live; the base string lives until the next SetBase.
    let b = unsafe { ffi::cstr(ffi::XML_GetBase(sh.p())) }.map(<[u8]>::to_vec);
    conv(vm, b.as_deref())
}

/// `xmlparser.GetInputContext()`: the bytes of the current event, inside a
/// handler only.
fn x_get_input_context(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "GetInputContext")?;
    crate::types::clinic::positional(vm, "GetInputContext", "GetInputContext", &a[1..], k, 0, 0)?;
    let _g = sh.op.acquire(vm);
    if !st(sh).in_callback {
        return Ok(Value::NONE);
    }
    let (mut off, mut size) = (0 as c_int, 0 as c_int);
    // SAFETY: p is live and inside a callback; the returned buffer is valid
    // until expat continues, and we copy from it at once.
    let b = unsafe {
        let buf = ffi::XML_GetInputContext(sh.p(), &mut off, &mut size);
        if buf.is_null() || off > size || off < 0 {
            None
        } else {
            Some(
                std::slice::from_raw_parts(
                    buf.add(off as usize).cast::<u8>(),
                    (size - off) as usize,
                )
                .to_vec(),
            )
        }
    };
    Ok(match b {
        Some(b) => vm.new_bytes(&b),
        None => Value::NONE,
    })
}

/// `xmlparser.ExternalEntityParserCreate(context, encoding=None, /)`.
fn x_external_entity_parser_create(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "ExternalEntityParserCreate")?;
    crate::types::clinic::positional(
        vm,
        "ExternalEntityParserCreate",
        "ExternalEntityParserCreate",
        &a[1..],
        k,
        1,
        2,
    )?;
    let context = super::c_string(vm, a[1], "ExternalEntityParserCreate", "argument 1", true)?;
    let encoding = match a.get(2) {
        Some(&e) => super::c_string(vm, e, "ExternalEntityParserCreate", "argument 2", false)?,
        None => None,
    };
    let _g = sh.op.acquire(vm);
    let Some(handle) = ffi::Handle::external(&sh.handle, context.as_deref(), encoding.as_deref())
    else {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    };
    let state = {
        let g = st(sh);
        State {
            obj: Value::NONE,
            parsing: false,
            in_callback: false,
            failed: false,
            panic: None,
            ordered_attributes: g.ordered_attributes,
            specified_attributes: g.specified_attributes,
            ns_prefixes: g.ns_prefixes,
            buffer: g.buffer.as_ref().map(|_| Vec::with_capacity(g.buffer_size)),
            buffer_size: g.buffer_size,
        }
    };
    let child = Box::new(Shared {
        op: sh.op.clone(),
        handle: Arc::new(handle),
        state: Mutex::new(state),
    });
    let cls = o.class();
    let v = alloc_parser(vm, cls, child);
    let co = Obj::from_value(v).expect("parser");
    let (_, csh) = data_of(v).expect("parser");
    vm.store(co, S_INTERN, o.get(S_INTERN));
    for i in 0..N_HANDLERS {
        let h = o.get(hs(i));
        if !h.is_none() {
            vm.store(co, hs(i), h);
            set_c_handler(csh.p(), i, tramp(i));
        }
    }
    Ok(v)
}

/// `xmlparser.SetParamEntityParsing(flag, /)`.
fn x_set_param_entity_parsing(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "SetParamEntityParsing")?;
    crate::types::clinic::positional(
        vm,
        "SetParamEntityParsing",
        "SetParamEntityParsing",
        &a[1..],
        k,
        1,
        1,
    )?;
    let flag = crate::args::c_int(vm, a[1])?;
    let _g = sh.op.acquire(vm);
    // SAFETY: p is live; expat checks the flag.
    let r = unsafe { ffi::XML_SetParamEntityParsing(sh.p(), flag) };
    Ok(Value::int(i64::from(r)))
}

/// `xmlparser.UseForeignDTD(flag=True, /)`.
fn x_use_foreign_dtd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "UseForeignDTD")?;
    crate::types::clinic::positional(vm, "UseForeignDTD", "UseForeignDTD", &a[1..], k, 0, 1)?;
    let flag = match a.get(1) {
        Some(&v) => vm.truthy(v)?,
        None => true,
    };
    let _g = sh.op.acquire(vm);
    // SAFETY: p is live.
    let rc = unsafe { ffi::XML_UseForeignDTD(sh.p(), u8::from(flag)) };
    if rc != 0 {
        return Err(expat_error(vm, sh, rc));
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ attributes

fn cannot_delete(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "Cannot delete attribute")
}

/// The deleter of every writable attribute: CPython refuses deletion.
fn x_delete(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(cannot_delete(vm))
}

fn get_handler<const I: usize>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = self_of(vm, a[0], HANDLERS[I].0)?;
    Ok(o.get(hs(I)))
}

fn set_handler<const I: usize>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], HANDLERS[I].0)?;
    let v = a[1];
    let _g = sh.op.acquire(vm);
    if I == H_CHARACTER_DATA && !flush(vm, sh, o) {
        let e = o.get(S_PENDING);
        vm.store(o, S_PENDING, Value::NONE);
        st(sh).failed = false;
        return Err(PyException(e));
    }
    let c = if v.is_none() {
        // Inside a callback expat may still call the character-data
        // handler it has loaded: it keeps the trampoline, which finds no
        // Python handler and does nothing (CPython's no-op handler).
        if I == H_CHARACTER_DATA && st(sh).in_callback {
            tramp(I)
        } else {
            std::ptr::null()
        }
    } else {
        tramp(I)
    };
    vm.store(o, hs(I), v);
    set_c_handler(sh.p(), I, c);
    Ok(Value::NONE)
}

/// Native getters and setters of handler `I`.
pub(super) fn handler_fns<const I: usize>() -> (NativeFn, NativeFn) {
    (get_handler::<I>, set_handler::<I>)
}

macro_rules! int_getter {
    ($name:ident, $attr:literal, $f:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let (_, sh) = self_of(vm, a[0], $attr)?;
            let _g = sh.op.acquire(vm);
            // SAFETY: p is live; the getter only reads parser fields.
            let v = unsafe { $f(sh.p()) } as i64;
            Ok(Value::int(v))
        }
    };
}

int_getter!(g_error_code, "ErrorCode", ffi::XML_GetErrorCode);
int_getter!(g_line, "CurrentLineNumber", ffi::XML_GetCurrentLineNumber);
int_getter!(
    g_column,
    "CurrentColumnNumber",
    ffi::XML_GetCurrentColumnNumber
);
int_getter!(
    g_byte_index,
    "CurrentByteIndex",
    ffi::XML_GetCurrentByteIndex
);

fn g_buffer_text(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "buffer_text")?;
    Ok(Value::bool(st(sh).buffer.is_some()))
}

/// Flushes buffered text before a buffer change; the handler's exception
/// propagates.
fn flush_or_raise(vm: &mut Vm, sh: &Shared, o: Obj) -> PyResult<()> {
    if flush(vm, sh, o) {
        return Ok(());
    }
    let e = o.get(S_PENDING);
    vm.store(o, S_PENDING, Value::NONE);
    st(sh).failed = false;
    Err(PyException(e))
}

fn s_buffer_text(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "buffer_text")?;
    let on = vm.truthy(a[1])?;
    let _g = sh.op.acquire(vm);
    if on {
        let mut g = st(sh);
        if g.buffer.is_none() {
            let n = g.buffer_size;
            g.buffer = Some(Vec::with_capacity(n));
        }
    } else if st(sh).buffer.is_some() {
        flush_or_raise(vm, sh, o)?;
        st(sh).buffer = None;
    }
    Ok(Value::NONE)
}

fn g_buffer_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "buffer_size")?;
    Ok(Value::int(st(sh).buffer_size as i64))
}

fn s_buffer_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, sh) = self_of(vm, a[0], "buffer_size")?;
    let v = a[1];
    if !vm.isinstance(v, vm.g.types.int) {
        return Err(vm.type_error("buffer_size must be an integer"));
    }
    let n = crate::args::c_long(vm, v)?;
    if n <= 0 {
        return Err(vm.value_error("buffer_size must be greater than zero"));
    }
    if n > i64::from(i32::MAX) {
        return Err(vm.value_error(&format!(
            "buffer_size must not be greater than {}",
            i32::MAX
        )));
    }
    let n = n as usize;
    let _g = sh.op.acquire(vm);
    if st(sh).buffer_size == n {
        return Ok(Value::NONE);
    }
    if st(sh).buffer.as_ref().is_some_and(|b| !b.is_empty()) {
        flush_or_raise(vm, sh, o)?;
    }
    // As in CPython, a new size also turns buffering on.
    let mut g = st(sh);
    g.buffer = Some(Vec::with_capacity(n.min(1 << 20)));
    g.buffer_size = n;
    Ok(Value::NONE)
}

fn g_buffer_used(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "buffer_used")?;
    Ok(Value::int(st(sh).buffer.as_ref().map_or(0, Vec::len) as i64))
}

fn g_namespace_prefixes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "namespace_prefixes")?;
    Ok(Value::bool(st(sh).ns_prefixes))
}

fn s_namespace_prefixes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "namespace_prefixes")?;
    let on = vm.truthy(a[1])?;
    let _g = sh.op.acquire(vm);
    st(sh).ns_prefixes = on;
    // SAFETY: p is live.
    unsafe { ffi::XML_SetReturnNSTriplet(sh.p(), c_int::from(on)) };
    Ok(Value::NONE)
}

fn g_ordered_attributes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "ordered_attributes")?;
    Ok(Value::bool(st(sh).ordered_attributes))
}

fn s_ordered_attributes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "ordered_attributes")?;
    let on = vm.truthy(a[1])?;
    st(sh).ordered_attributes = on;
    Ok(Value::NONE)
}

fn g_specified_attributes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "specified_attributes")?;
    Ok(Value::bool(st(sh).specified_attributes))
}

fn s_specified_attributes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, sh) = self_of(vm, a[0], "specified_attributes")?;
    let on = vm.truthy(a[1])?;
    st(sh).specified_attributes = on;
    Ok(Value::NONE)
}

fn g_intern(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = self_of(vm, a[0], "intern")?;
    Ok(o.get(S_INTERN))
}

/// `intern` is a read-only member: CPython's message for both assignment
/// and deletion.
fn s_intern(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "readonly attribute"))
}

fn no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'pyexpat.xmlparser' instances"))
}

/// Adds a getset whose deletion raises CPython's RuntimeError.
fn add_getset(vm: &mut Vm, t: Value, name: &'static str, g: NativeFn, s: Option<NativeFn>) {
    let p = vm.new_native_getset(t, name, g, s);
    if let Some(s) = s {
        let del: NativeFn = if name == "intern" { s } else { x_delete };
        let d = vm.new_builtin(name, del, false);
        vm.ctx.promote(d);
        vm.store(Obj::from_value(p).expect("getset"), 2, d);
    }
    vm.add_attr(t, name, p);
}

/// Fills the `xmlparser` type.
pub(super) fn init_type(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", no_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("Parse", x_parse),
        ("ParseFile", x_parse_file),
        ("SetBase", x_set_base),
        ("GetBase", x_get_base),
        ("GetInputContext", x_get_input_context),
        (
            "ExternalEntityParserCreate",
            x_external_entity_parser_create,
        ),
        ("SetParamEntityParsing", x_set_param_entity_parsing),
        ("UseForeignDTD", x_use_foreign_dtd),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let fns: [(NativeFn, NativeFn); N_HANDLERS] = [
        handler_fns::<0>(),
        handler_fns::<1>(),
        handler_fns::<2>(),
        handler_fns::<3>(),
        handler_fns::<4>(),
        handler_fns::<5>(),
        handler_fns::<6>(),
        handler_fns::<7>(),
        handler_fns::<8>(),
        handler_fns::<9>(),
        handler_fns::<10>(),
        handler_fns::<11>(),
        handler_fns::<12>(),
        handler_fns::<13>(),
        handler_fns::<14>(),
        handler_fns::<15>(),
        handler_fns::<16>(),
        handler_fns::<17>(),
        handler_fns::<18>(),
        handler_fns::<19>(),
        handler_fns::<20>(),
        handler_fns::<21>(),
    ];
    for (i, (g, s)) in fns.into_iter().enumerate() {
        add_getset(vm, t, HANDLERS[i].0, g, Some(s));
    }
    let getters: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("ErrorCode", g_error_code, None),
        ("ErrorLineNumber", g_line, None),
        ("ErrorColumnNumber", g_column, None),
        ("ErrorByteIndex", g_byte_index, None),
        ("CurrentLineNumber", g_line, None),
        ("CurrentColumnNumber", g_column, None),
        ("CurrentByteIndex", g_byte_index, None),
        ("buffer_size", g_buffer_size, Some(s_buffer_size)),
        ("buffer_text", g_buffer_text, Some(s_buffer_text)),
        ("buffer_used", g_buffer_used, None),
        (
            "namespace_prefixes",
            g_namespace_prefixes,
            Some(s_namespace_prefixes),
        ),
        (
            "ordered_attributes",
            g_ordered_attributes,
            Some(s_ordered_attributes),
        ),
        (
            "specified_attributes",
            g_specified_attributes,
            Some(s_specified_attributes),
        ),
        ("intern", g_intern, Some(s_intern)),
    ];
    for &(n, g, s) in getters {
        add_getset(vm, t, n, g, s);
    }
    let d = vm.new_str("XML parser");
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
}
