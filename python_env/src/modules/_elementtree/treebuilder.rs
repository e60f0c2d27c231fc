//! `_elementtree.TreeBuilder`: builds a tree from `start`/`data`/`end`/
//! `comment`/`pi` calls as CPython 3.11's C `TreeBuilder` does: the text
//! between two events is joined once and set as the `text` of the element
//! just opened or the `tail` of the one just closed (directly on native
//! elements, through `getattr`/`setattr` on others), comments and
//! processing instructions come from the module's factories, and events for
//! `XMLPullParser`/`iterparse` go to the queue `XMLParser._setevents` gave.
//! `parser.rs` calls the `handle_*` functions directly when its target is
//! exactly this type.
//!
//! Layout: `K_INSTANCE`. The builder's values live in its last `N_OWN`
//! value slots (after a subclass's `__dict__` and `__slots__`), written
//! through the write barrier; EMPTY stands for CPython's NULL. The payload
//! [`TbData`] holds the Rust state: the flags and the pending text.
//!
//! Threads: every operation runs under the builder's operation lock
//! (re-entrant, so an element factory may call back into its builder;
//! another thread waits outside the safepoint handshake), so the
//! several-field updates of `start` and `end` are never interleaved. The
//! parser takes the lock once for a whole `feed`. `buf` is only touched
//! under that lock, never across an allocation or a Python call.

use super::element;
use crate::modules::_thread::AcquireIn;
use engine::bytecode::BinaryOperator as B;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::native::{native_ref, Trace};
use proto_core::relock::{ReGuard, ReLock};
use proto_core::sync::{self, AtomicBool, Mutex, Ordering};
use proto_core::{Obj, Value};

/// The root (first element made); EMPTY until then.
const S_ROOT: usize = 0;
/// The element being filled (None at top level).
const S_THIS: usize = 1;
/// The element most recently opened or closed (None before the first).
const S_LAST: usize = 2;
/// The node whose tail takes the pending text; EMPTY: `last`'s text does.
const S_LAST_FOR_TAIL: usize = 3;
/// The pending text when it is one object or a list (see [`Mode`]).
const S_DATA: usize = 4;
/// A private list: the `this` of each open element's parent.
const S_STACK: usize = 5;
const S_ELEMENT_FACTORY: usize = 6;
const S_COMMENT_FACTORY: usize = 7;
const S_PI_FACTORY: usize = 8;
/// The events queue's `append` (EMPTY: no events).
const S_EVENTS_APPEND: usize = 9;
/// The event objects ("start", ...) in [`EVENT_NAMES`] order (EMPTY: not
/// reported).
const S_EV: usize = 10;
const N_OWN: usize = 16;

/// Events, in slot order.
pub(super) const EVENT_NAMES: [&str; 6] = ["start", "end", "start-ns", "end-ns", "comment", "pi"];
const EV_START: usize = 0;
const EV_END: usize = 1;
const EV_START_NS: usize = 2;
const EV_END_NS: usize = 3;
const EV_COMMENT: usize = 4;
const EV_PI: usize = 5;

/// Where the pending text is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No text since the last event.
    Empty,
    /// One object, in `S_DATA` (kept as is, as CPython does).
    Single,
    /// Several str pieces, concatenated in `TextBuf::bytes` as a str's own
    /// storage (surrogate-preserving UTF-8, lone surrogates kept as they
    /// are: the str concatenation of the pieces, made once).
    Text,
    /// Pieces that are not all str: a list in `S_DATA`, joined with "".
    List,
}

struct TextBuf {
    mode: Mode,
    bytes: Vec<u8>,
}

/// The payload of a TreeBuilder.
pub(super) struct TbData {
    op: ReLock,
    insert_comments: AtomicBool,
    insert_pis: AtomicBool,
    buf: Mutex<TextBuf>,
}

impl Trace for TbData {
    fn external_bytes(&self) -> usize {
        256
    }
}

#[inline]
fn get(o: Obj, i: usize) -> Value {
    o.get(super::own_slot(o, N_OWN, i))
}

#[inline]
fn put(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    vm.store(o, super::own_slot(o, N_OWN, i), v);
}

fn buf(d: &TbData) -> sync::MutexGuard<'_, TextBuf> {
    sync::lock(&d.buf)
}

/// The builder and its payload, if `v` is a TreeBuilder (any subclass).
pub(super) fn data_of(v: Value) -> Option<(Obj, &'static TbData)> {
    let o = Obj::from_value(v)?;
    native_ref::<TbData>(o).map(|d| (o, d))
}

/// The builder, if `v` is exactly a native TreeBuilder (not a subclass):
/// the case where the parser calls it directly.
pub(super) fn exact_of(v: Value) -> Option<(Obj, &'static TbData)> {
    data_of(v).filter(|(o, _)| !is_heap_type(o.class()))
}

/// Takes the builder's operation lock.
pub(super) fn lock<'a>(vm: &mut Vm, d: &'a TbData) -> ReGuard<'a> {
    d.op.acquire(vm)
}

fn self_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static TbData)> {
    match data_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'xml.etree.ElementTree.TreeBuilder' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

// ------------------------------------------------------------------ text

/// A str from UTF-8 bytes; invalid UTF-8 raises CPython's UnicodeDecodeError.
pub(super) fn str_from_utf8(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    crate::types::bytes::decode(vm, b, "utf-8", "strict")
}

/// Text from the parser, as UTF-8 bytes: no str is made per piece.
pub(super) fn handle_data_bytes(vm: &mut Vm, o: Obj, d: &TbData, b: &[u8]) -> PyResult<()> {
    if std::str::from_utf8(b).is_err() {
        // Not a str's storage: the decoding error, as a str piece would.
        let s = str_from_utf8(vm, b)?;
        return handle_data(vm, o, d, s);
    }
    let mut g = buf(d);
    match g.mode {
        Mode::Empty => {
            if get(o, S_LAST).is_none() {
                return Ok(());
            }
            g.bytes.clear();
            g.bytes.extend_from_slice(b);
            g.mode = Mode::Text;
            Ok(())
        }
        Mode::Text => {
            g.bytes.extend_from_slice(b);
            Ok(())
        }
        Mode::Single | Mode::List => {
            drop(g);
            let s = str_from_utf8(vm, b)?;
            handle_data(vm, o, d, s)
        }
    }
}

/// `TreeBuilder.data(text)`: keeps `v` for the next flush.
pub(super) fn handle_data(vm: &mut Vm, o: Obj, d: &TbData, v: Value) -> PyResult<()> {
    let mode = buf(d).mode;
    match mode {
        Mode::Empty => {
            if get(o, S_LAST).is_none() {
                return Ok(());
            }
            put(vm, o, S_DATA, v);
            buf(d).mode = Mode::Single;
        }
        Mode::Single => {
            let prev = get(o, S_DATA);
            if is_str(prev) && is_str(v) {
                let mut g = buf(d);
                g.bytes.clear();
                g.bytes.extend_from_slice(str_bytes(prev));
                g.bytes.extend_from_slice(str_bytes(v));
                g.mode = Mode::Text;
                drop(g);
                put(vm, o, S_DATA, Value::EMPTY);
            } else {
                let l = vm.new_list(&[prev, v]);
                put(vm, o, S_DATA, l);
                buf(d).mode = Mode::List;
            }
        }
        Mode::Text => {
            if is_str(v) {
                buf(d).bytes.extend_from_slice(str_bytes(v));
            } else {
                let bytes = std::mem::take(&mut buf(d).bytes);
                let mark = vm.push_root(v);
                let s = vm.new_str_bytes(&bytes);
                vm.push_root(s);
                let l = vm.new_list(&[s, v]);
                vm.pop_roots(mark);
                put(vm, o, S_DATA, l);
                buf(d).mode = Mode::List;
            }
        }
        Mode::List => {
            let l = get(o, S_DATA);
            vm.list_append(l, v);
        }
    }
    Ok(())
}

/// The pending text as one object (None when there is none), cleared.
fn take_text(vm: &mut Vm, o: Obj, d: &TbData) -> PyResult<Option<Value>> {
    let mode = std::mem::replace(&mut buf(d).mode, Mode::Empty);
    match mode {
        Mode::Empty => Ok(None),
        Mode::Single => {
            let v = get(o, S_DATA);
            put(vm, o, S_DATA, Value::EMPTY);
            Ok(Some(v))
        }
        Mode::Text => {
            let bytes = std::mem::take(&mut buf(d).bytes);
            let s = vm.new_str_bytes(&bytes);
            // Give the storage back for the next text.
            let mut g = buf(d);
            if g.bytes.capacity() < bytes.capacity() {
                g.bytes = bytes;
                g.bytes.clear();
            }
            Ok(Some(s))
        }
        Mode::List => {
            let l = get(o, S_DATA);
            put(vm, o, S_DATA, Value::EMPTY);
            let mark = vm.push_root(l);
            let sep = vm.new_str("");
            vm.push_root(sep);
            let r = vm.call_method(sep, "join", &[l]);
            vm.pop_roots(mark);
            r.map(Some)
        }
    }
}

/// CPython's `treebuilder_flush_data`: the pending text becomes the text
/// of `last` or the tail of `last_for_tail`, appended to what is there.
fn flush_data(vm: &mut Vm, o: Obj, d: &TbData) -> PyResult<()> {
    if buf(d).mode == Mode::Empty {
        return Ok(());
    }
    let Some(text) = take_text(vm, o, d)? else {
        return Ok(());
    };
    let lft = get(o, S_LAST_FOR_TAIL);
    let (elem, is_tail) = if lft == Value::EMPTY {
        (get(o, S_LAST), false)
    } else {
        (lft, true)
    };
    if element::is_exact_element(vm, elem) {
        let cur = if is_tail {
            element::tail(vm, elem)
        } else {
            element::text(vm, elem)
        };
        if cur.is_none() {
            if is_tail {
                element::set_tail(vm, elem, text);
            } else {
                element::set_text(vm, elem, text);
            }
            return Ok(());
        }
    }
    let mark = vm.push_root(text);
    vm.push_root(elem);
    let r = (|| {
        let name = vm.intern(if is_tail { "tail" } else { "text" });
        let prev = vm.getattr(elem, name)?;
        let joined = if prev.is_none() {
            text
        } else {
            vm.push_root(prev);
            vm.binary_op(B::Add, prev, text)?
        };
        vm.push_root(joined);
        vm.setattr(elem, name, joined)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ events

fn append_event(vm: &mut Vm, o: Obj, ev: usize, node: Value) -> PyResult<()> {
    let action = get(o, S_EV + ev);
    let app = get(o, S_EVENTS_APPEND);
    if action == Value::EMPTY || app == Value::EMPTY {
        return Ok(());
    }
    let mark = vm.push_root(node);
    let t = vm.new_tuple(&[action, node]);
    vm.push_root(t);
    let r = vm.call(app, &[t], Value::EMPTY);
    vm.pop_roots(mark);
    r.map(drop)
}

/// Whether start-ns (`end`: end-ns) events are reported.
pub(super) fn wants_ns(o: Obj, end: bool) -> bool {
    get(o, S_EVENTS_APPEND) != Value::EMPTY
        && get(o, S_EV + if end { EV_END_NS } else { EV_START_NS }) != Value::EMPTY
}

/// Whether processing instructions matter (reported or inserted).
pub(super) fn wants_pi(o: Obj, d: &TbData) -> bool {
    (get(o, S_EVENTS_APPEND) != Value::EMPTY && get(o, S_EV + EV_PI) != Value::EMPTY)
        || d.insert_pis.load(Ordering::Relaxed)
}

/// `_setevents`: the queue's `append` and the event objects (EMPTY: not
/// reported), in [`EVENT_NAMES`] order.
pub(super) fn set_events(vm: &mut Vm, o: Obj, append: Value, events: &[Value; 6]) {
    put(vm, o, S_EVENTS_APPEND, append);
    for (i, &e) in events.iter().enumerate() {
        put(vm, o, S_EV + i, e);
    }
}

// ------------------------------------------------------------------ handlers

fn add_subelement(vm: &mut Vm, parent: Value, child: Value) -> PyResult<()> {
    if element::is_exact_element(vm, parent) {
        element::append_child(vm, parent, child)
    } else {
        vm.call_method(parent, "append", &[child]).map(drop)
    }
}

/// CPython's `treebuilder_handle_start`; `attrib` is a dict or None (no
/// attributes). Gives the new node.
pub(super) fn handle_start(
    vm: &mut Vm,
    o: Obj,
    d: &TbData,
    tag: Value,
    attrib: Value,
) -> PyResult<Value> {
    flush_data(vm, o, d)?;
    let factory = get(o, S_ELEMENT_FACTORY);
    let mark = vm.push_root(tag);
    vm.push_root(attrib);
    let r = (|| {
        let node = if factory == Value::EMPTY {
            element::new_element(vm, tag, attrib)?
        } else {
            let a = if attrib.is_none() {
                let a = vm.new_dict();
                vm.push_root(a);
                a
            } else {
                attrib
            };
            vm.call(factory, &[tag, a], Value::EMPTY)?
        };
        vm.push_root(node);
        let this = get(o, S_THIS);
        put(vm, o, S_LAST_FOR_TAIL, Value::EMPTY);
        if !this.is_none() {
            add_subelement(vm, this, node)?;
        } else {
            if get(o, S_ROOT) != Value::EMPTY {
                let pe = super::state(vm, super::ST_PARSEERROR)?;
                let msg = vm.new_str("multiple elements on top level");
                vm.push_root(msg);
                let e = vm.call(pe, &[msg], Value::EMPTY)?;
                return Err(PyException(e));
            }
            put(vm, o, S_ROOT, node);
        }
        let stack = get(o, S_STACK);
        vm.list_append(stack, this);
        put(vm, o, S_THIS, node);
        put(vm, o, S_LAST, node);
        append_event(vm, o, EV_START, node)?;
        Ok(node)
    })();
    vm.pop_roots(mark);
    r
}

/// CPython's `treebuilder_handle_end` (the tag is not looked at). Gives
/// the closed node.
pub(super) fn handle_end(vm: &mut Vm, o: Obj, d: &TbData) -> PyResult<Value> {
    flush_data(vm, o, d)?;
    let Some(stack) = Obj::from_value(get(o, S_STACK)) else {
        return Err(vm.new_exc(vm.g.e.IndexError, "pop from empty stack"));
    };
    let Some(parent) = vm.with_lock(stack, |_| llist::pop_last(stack)) else {
        return Err(vm.new_exc(vm.g.e.IndexError, "pop from empty stack"));
    };
    let mark = vm.push_root(parent);
    let last = get(o, S_THIS);
    put(vm, o, S_LAST, last);
    put(vm, o, S_LAST_FOR_TAIL, last);
    put(vm, o, S_THIS, parent);
    let r = append_event(vm, o, EV_END, last);
    vm.pop_roots(mark);
    r.map(|()| last)
}

/// CPython's `treebuilder_handle_comment`.
pub(super) fn handle_comment(vm: &mut Vm, o: Obj, d: &TbData, text: Value) -> PyResult<Value> {
    flush_data(vm, o, d)?;
    let factory = get(o, S_COMMENT_FACTORY);
    let mark = vm.push_root(text);
    let r = (|| {
        let node = if factory != Value::EMPTY {
            let c = vm.call(factory, &[text], Value::EMPTY)?;
            vm.push_root(c);
            let this = get(o, S_THIS);
            if d.insert_comments.load(Ordering::Relaxed) && !this.is_none() {
                add_subelement(vm, this, c)?;
                put(vm, o, S_LAST_FOR_TAIL, c);
            }
            c
        } else {
            text
        };
        append_event(vm, o, EV_COMMENT, node)?;
        Ok(node)
    })();
    vm.pop_roots(mark);
    r
}

/// CPython's `treebuilder_handle_pi`.
pub(super) fn handle_pi(
    vm: &mut Vm,
    o: Obj,
    d: &TbData,
    target: Value,
    text: Value,
) -> PyResult<Value> {
    flush_data(vm, o, d)?;
    let factory = get(o, S_PI_FACTORY);
    let mark = vm.push_root(target);
    vm.push_root(text);
    let r = (|| {
        let node = if factory != Value::EMPTY {
            let p = vm.call(factory, &[target, text], Value::EMPTY)?;
            vm.push_root(p);
            let this = get(o, S_THIS);
            if d.insert_pis.load(Ordering::Relaxed) && !this.is_none() {
                add_subelement(vm, this, p)?;
                put(vm, o, S_LAST_FOR_TAIL, p);
            }
            p
        } else {
            let t = vm.new_tuple(&[target, text]);
            vm.push_root(t);
            t
        };
        append_event(vm, o, EV_PI, node)?;
        Ok(node)
    })();
    vm.pop_roots(mark);
    r
}

/// A start-ns event `(prefix, uri)`, when reported.
pub(super) fn handle_start_ns(vm: &mut Vm, o: Obj, prefix: Value, uri: Value) -> PyResult<()> {
    if !wants_ns(o, false) {
        return Ok(());
    }
    let mark = vm.push_root(prefix);
    vm.push_root(uri);
    let t = vm.new_tuple(&[prefix, uri]);
    let r = append_event(vm, o, EV_START_NS, t);
    vm.pop_roots(mark);
    r
}

/// An end-ns event (CPython reports None, not the prefix), when reported.
pub(super) fn handle_end_ns(vm: &mut Vm, o: Obj) -> PyResult<()> {
    if !wants_ns(o, true) {
        return Ok(());
    }
    append_event(vm, o, EV_END_NS, Value::NONE)
}

/// `close()`: the root, or None.
pub(super) fn done(o: Obj) -> Value {
    let r = get(o, S_ROOT);
    if r == Value::EMPTY {
        Value::NONE
    } else {
        r
    }
}

// ------------------------------------------------------------------ Python methods

/// Allocates a builder of class `cls` (the arguments go to `__init__`).
pub(super) fn alloc(vm: &mut Vm, cls: Value) -> PyResult<Value> {
    let n = super::instance_size(vm, cls, N_OWN, "TreeBuilder")?;
    let stack = vm.new_list(&[]);
    let mark = vm.push_root(stack);
    let data = TbData {
        op: ReLock::new(),
        insert_comments: AtomicBool::new(false),
        insert_pis: AtomicBool::new(false),
        buf: Mutex::new(TextBuf {
            mode: Mode::Empty,
            bytes: Vec::new(),
        }),
    };
    let o = super::alloc_instance(vm, cls, n, data);
    vm.pop_roots(mark);
    let o = o?;
    let b = n - N_OWN;
    o.init(b + S_THIS, Value::NONE);
    o.init(b + S_LAST, Value::NONE);
    o.init(b + S_STACK, stack);
    Ok(o.value())
}

fn tb_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("TreeBuilder.__new__(): not enough arguments"));
    };
    alloc(vm, cls)
}

/// `TreeBuilder.__init__(element_factory=None, *, comment_factory=None,
/// pi_factory=None, insert_comments=False, insert_pis=False)`.
fn tb_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "__init__")?;
    let [ef, cf, pf, ic, ip] = crate::types::clinic::unpack(
        vm,
        "TreeBuilder",
        &a[1..],
        k,
        [
            "element_factory",
            "comment_factory",
            "pi_factory",
            "insert_comments",
            "insert_pis",
        ],
        0,
        0,
        1,
    )?;
    let ic = match ic {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let ip = match ip {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut cf = cf.unwrap_or(Value::NONE);
    if cf.is_none() {
        cf = super::state(vm, super::ST_COMMENT_FACTORY)?;
    }
    let mut pf = pf.unwrap_or(Value::NONE);
    if pf.is_none() {
        pf = super::state(vm, super::ST_PI_FACTORY)?;
    }
    let _g = lock(vm, d);
    let ef = ef.unwrap_or(Value::NONE);
    put(
        vm,
        o,
        S_ELEMENT_FACTORY,
        if ef.is_none() { Value::EMPTY } else { ef },
    );
    let (cf, ic) = if cf.is_none() {
        (Value::EMPTY, false)
    } else {
        (cf, ic)
    };
    put(vm, o, S_COMMENT_FACTORY, cf);
    d.insert_comments.store(ic, Ordering::Relaxed);
    let (pf, ip) = if pf.is_none() {
        (Value::EMPTY, false)
    } else {
        (pf, ip)
    };
    put(vm, o, S_PI_FACTORY, pf);
    d.insert_pis.store(ip, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn tb_start(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "start")?;
    crate::types::clinic::method_positional(vm, "TreeBuilder.start", "start", a, k, 2, 2)?;
    let attrs = a[2];
    if !vm.isinstance(attrs, vm.g.types.dict) {
        let tn = vm.arg_type_name(attrs);
        return Err(vm.type_error(&format!("start() argument 2 must be dict, not {tn}")));
    }
    let _g = lock(vm, d);
    handle_start(vm, o, d, a[1], attrs)
}

fn tb_end(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "end")?;
    let _g = lock(vm, d);
    handle_end(vm, o, d)
}

fn tb_data(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "data")?;
    let _g = lock(vm, d);
    handle_data(vm, o, d, a[1])?;
    Ok(Value::NONE)
}

fn tb_comment(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "comment")?;
    let _g = lock(vm, d);
    handle_comment(vm, o, d, a[1])
}

fn tb_pi(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "pi")?;
    crate::types::clinic::method_positional(vm, "TreeBuilder.pi", "pi", a, k, 1, 2)?;
    let text = a.get(2).copied().unwrap_or(Value::NONE);
    let _g = lock(vm, d);
    handle_pi(vm, o, d, a[1], text)
}

fn tb_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, d) = self_of(vm, a[0], "close")?;
    let _g = lock(vm, d);
    Ok(done(o))
}

/// Makes the `TreeBuilder` type, sets it on module `m` and in its state.
pub(super) fn init(vm: &mut Vm, m: Value, modname: Value) -> PyResult<()> {
    let t = vm.new_static_type("TreeBuilder", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", tb_new, false);
    let methods: &[(&'static str, NativeFn)] =
        &[("__init__", tb_init), ("start", tb_start), ("pi", tb_pi)];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_methods_arity(
        t,
        1,
        1,
        &[("data", tb_data), ("end", tb_end), ("comment", tb_comment)],
    );
    vm.add_methods_arity(t, 0, 0, &[("close", tb_close)]);
    vm.set_module_attr(m, "TreeBuilder", t);
    crate::modules::_struct::set_module_state(vm, m, super::ST_TREEBUILDER, t);
    Ok(())
}
