//! The `_pickle` module: the native half of `pickle` (CPython 3.11's
//! `Modules/_pickle.c`): `Pickler`, `Unpickler`, `dump(s)`, `load(s)`, the
//! exceptions, the memo proxies and `PickleBuffer`. CPython's own `pickle.py`
//! imports them unmodified.
//!
//! Layout. `Pickler` and `Unpickler` are subclassable `K_INSTANCE` types
//! with a native payload (the memo kept between calls, behind a mutex that
//! is never held while Python code runs) and value slots at the end of the
//! instance (after the dict and any `__slots__` of a subclass) for their
//! configuration: the file methods, hooks, protocol and flags. A pickle is
//! written or read by a Rust [`pickler::Pickler`] / [`unpickler::Unpickler`]
//! made for the call; `pickle.dumps`/`loads` make one without any object.
//!
//! Threads. A Pickler or Unpickler object used by two threads at once gives
//! each call its own memo copy (the stored memo is taken for the call and
//! put back after it): no crash, but memo sharing across such calls is not
//! defined, as CPython does not define it either.

mod pickler;
mod unpickler;

use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use crate::types::clinic;
use engine::runtime::*;
use pickler::{Config, Memo, Pickler};
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Kind, Obj, Value};
use std::hash::BuildHasherDefault;
use unpickler::{UConfig, UData, Unpickler};

pub(crate) const HIGHEST_PROTOCOL: u8 = 5;
const DEFAULT_PROTOCOL: u8 = 4;

// Opcodes (pickletools documents them).
const MARK: u8 = b'(';
const STOP: u8 = b'.';
const POP: u8 = b'0';
const POP_MARK: u8 = b'1';
const DUP: u8 = b'2';
const FLOAT: u8 = b'F';
const INT: u8 = b'I';
const BININT: u8 = b'J';
const BININT1: u8 = b'K';
const LONG: u8 = b'L';
const BININT2: u8 = b'M';
const NONE: u8 = b'N';
const PERSID: u8 = b'P';
const BINPERSID: u8 = b'Q';
const REDUCE: u8 = b'R';
const STRING: u8 = b'S';
const BINSTRING: u8 = b'T';
const SHORT_BINSTRING: u8 = b'U';
const UNICODE: u8 = b'V';
const BINUNICODE: u8 = b'X';
const APPEND: u8 = b'a';
const BUILD: u8 = b'b';
const GLOBAL: u8 = b'c';
const DICT: u8 = b'd';
const EMPTY_DICT: u8 = b'}';
const APPENDS: u8 = b'e';
const GET: u8 = b'g';
const BINGET: u8 = b'h';
const INST: u8 = b'i';
const LONG_BINGET: u8 = b'j';
const LIST: u8 = b'l';
const EMPTY_LIST: u8 = b']';
const OBJ: u8 = b'o';
const PUT: u8 = b'p';
const BINPUT: u8 = b'q';
const LONG_BINPUT: u8 = b'r';
const SETITEM: u8 = b's';
const TUPLE: u8 = b't';
const EMPTY_TUPLE: u8 = b')';
const SETITEMS: u8 = b'u';
const BINFLOAT: u8 = b'G';
const PROTO: u8 = 0x80;
const NEWOBJ: u8 = 0x81;
const EXT1: u8 = 0x82;
const EXT2: u8 = 0x83;
const EXT4: u8 = 0x84;
const TUPLE1: u8 = 0x85;
const TUPLE2: u8 = 0x86;
const TUPLE3: u8 = 0x87;
const NEWTRUE: u8 = 0x88;
const NEWFALSE: u8 = 0x89;
const LONG1: u8 = 0x8a;
const LONG4: u8 = 0x8b;
const BINBYTES: u8 = b'B';
const SHORT_BINBYTES: u8 = b'C';
const SHORT_BINUNICODE: u8 = 0x8c;
const BINUNICODE8: u8 = 0x8d;
const BINBYTES8: u8 = 0x8e;
const EMPTY_SET: u8 = 0x8f;
const ADDITEMS: u8 = 0x90;
const FROZENSET: u8 = 0x91;
const NEWOBJ_EX: u8 = 0x92;
const STACK_GLOBAL: u8 = 0x93;
const MEMOIZE: u8 = 0x94;
const FRAME: u8 = 0x95;
const BYTEARRAY8: u8 = 0x96;
const NEXT_BUFFER: u8 = 0x97;
const READONLY_BUFFER: u8 = 0x98;

// Module state slots.
const S_PICKLE_ERROR: usize = 0;
const S_PICKLING_ERROR: usize = 1;
const S_UNPICKLING_ERROR: usize = 2;
const S_DISPATCH_TABLE: usize = 3;
const S_EXT_REGISTRY: usize = 4;
const S_EXT_CACHE: usize = 5;
const S_INV_REGISTRY: usize = 6;
const S_NAME_2TO3: usize = 7;
const S_IMPORT_2TO3: usize = 8;
const S_NAME_3TO2: usize = 9;
const S_IMPORT_3TO2: usize = 10;
const S_CODECS_ENCODE: usize = 11;
const S_GETATTR: usize = 12;
const S_PARTIAL: usize = 13;
const S_PICKLEBUFFER: usize = 14;
const S_PICKLER: usize = 15;
const S_UNPICKLER: usize = 16;
const S_PMEMO: usize = 17;
const S_UMEMO: usize = 18;
const N_STATE: usize = 19;

/// The module state, read once per call.
#[derive(Clone, Copy)]
pub(crate) struct St {
    pickling_error: Value,
    unpickling_error: Value,
    dispatch_table: Value,
    extension_registry: Value,
    extension_cache: Value,
    inverted_registry: Value,
    name_mapping_2to3: Value,
    import_mapping_2to3: Value,
    name_mapping_3to2: Value,
    import_mapping_3to2: Value,
    codecs_encode: Value,
    getattr: Value,
    partial: Value,
    picklebuffer: Value,
    pmemo: Value,
    umemo: Value,
}

fn state(vm: &mut Vm) -> PyResult<St> {
    let m = vm.import_module("_pickle")?;
    let o = match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() >= 2 + N_STATE => o,
        _ => {
            // A replaced sys.modules entry: the registered module's state.
            let _ = module_state(vm, "_pickle", 0)?;
            return Err(vm.new_exc(vm.g.e.SystemError, "_pickle module state is missing"));
        }
    };
    let g = |i: usize| o.get(2 + i);
    Ok(St {
        pickling_error: g(S_PICKLING_ERROR),
        unpickling_error: g(S_UNPICKLING_ERROR),
        dispatch_table: g(S_DISPATCH_TABLE),
        extension_registry: g(S_EXT_REGISTRY),
        extension_cache: g(S_EXT_CACHE),
        inverted_registry: g(S_INV_REGISTRY),
        name_mapping_2to3: g(S_NAME_2TO3),
        import_mapping_2to3: g(S_IMPORT_2TO3),
        name_mapping_3to2: g(S_NAME_3TO2),
        import_mapping_3to2: g(S_IMPORT_3TO2),
        codecs_encode: g(S_CODECS_ENCODE),
        getattr: g(S_GETATTR),
        partial: g(S_PARTIAL),
        picklebuffer: g(S_PICKLEBUFFER),
        pmemo: g(S_PMEMO),
        umemo: g(S_UMEMO),
    })
}

// ------------------------------------------------------------------ helpers

/// `protocol` argument: None is the default, negative the highest.
fn protocol_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<u8> {
    match v {
        None => Ok(DEFAULT_PROTOCOL),
        Some(v) if v.is_none() => Ok(DEFAULT_PROTOCOL),
        Some(v) => {
            let i = vm.index(v)?;
            let p = match vm.as_i64(i) {
                Some(p) => p,
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "Python int too large to convert to C long",
                    ))
                }
            };
            if p < 0 {
                Ok(HIGHEST_PROTOCOL)
            } else if p > HIGHEST_PROTOCOL as i64 {
                Err(vm.value_error(&format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")))
            } else {
                Ok(p as u8)
            }
        }
    }
}

fn bool_arg(vm: &mut Vm, v: Option<Value>, dflt: bool) -> PyResult<bool> {
    match v {
        None => Ok(dflt),
        Some(v) => vm.truthy(v),
    }
}

fn str_arg(
    vm: &mut Vm,
    fname: &str,
    n: usize,
    what: &str,
    v: Option<Value>,
    dflt: &str,
) -> PyResult<String> {
    match v {
        None => Ok(dflt.to_string()),
        Some(v) if is_str(v) => Ok(str_of(v).into_owned()),
        Some(v) => {
            let tn = vm.type_name_of(v);
            let _ = n;
            Err(vm.type_error(&format!(
                "{fname}() argument '{what}' must be str, not {tn}"
            )))
        }
    }
}

fn buffer_callback_arg(vm: &mut Vm, v: Option<Value>, proto: u8) -> PyResult<Option<Value>> {
    match v {
        Some(cb) if !cb.is_none() => {
            if proto < 5 {
                return Err(vm.value_error("buffer_callback needs protocol >= 5"));
            }
            Ok(Some(cb))
        }
        _ => Ok(None),
    }
}

fn write_method(vm: &mut Vm, file: Value) -> PyResult<Value> {
    let n = vm.intern("write");
    match vm.getattr_opt(file, n)? {
        Some(w) => Ok(w),
        None => Err(vm.type_error("file must have a 'write' attribute")),
    }
}

/// The read methods of a file: (read, readline, peek).
fn read_methods(vm: &mut Vm, file: Value) -> PyResult<(Value, Value, Option<Value>)> {
    let mark = vm.push_root(file);
    let r = (|| {
        let n = vm.intern("peek");
        let peek = vm.getattr_opt(file, n)?;
        if let Some(p) = peek {
            vm.push_root(p);
        }
        let n = vm.intern("read");
        let read = vm.getattr_opt(file, n)?;
        if let Some(p) = read {
            vm.push_root(p);
        }
        let n = vm.intern("readline");
        let readline = vm.getattr_opt(file, n)?;
        match (read, readline) {
            (Some(r), Some(l)) => Ok((r, l, peek)),
            _ => Err(vm.type_error("file must have 'read' and 'readline' attributes")),
        }
    })();
    vm.pop_roots(mark);
    r
}

fn buffers_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<Value>> {
    match v {
        None => Ok(None),
        Some(b) if b.is_none() => Ok(None),
        Some(b) => Ok(Some(vm.iter(b)?)),
    }
}

/// Runs a pickle with its config rooted, then the memo handed back.
fn run_dump(
    vm: &mut Vm,
    st: St,
    cfg: Config,
    memo: Memo,
    obj: Value,
    to_file: bool,
) -> PyResult<(Vec<u8>, Memo)> {
    let mut p = Pickler::new(vm, st, cfg, memo);
    let mark = vm.push_root(obj);
    for r in p.roots() {
        vm.push_root(r);
    }
    let r = p
        .dump(vm, obj)
        .and_then(|_| if to_file { p.flush_to_file(vm) } else { Ok(()) });
    vm.pop_roots(mark);
    r?;
    Ok((std::mem::take(&mut p.out), std::mem::take(&mut p.memo)))
}

// ------------------------------------------------------------------ Pickler

/// Payload of a Pickler: its memo between calls.
struct PState {
    memo: Mutex<Memo>,
}

impl Trace for PState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        // The lock is taken only to move the memo in or out, never while
        // Python code (and so a collection) runs.
        sync::lock(&self.memo).trace(f);
    }
}

// Pickler value slots, counted from the end of the instance.
const P_WRITE: usize = 0;
const P_PERS: usize = 1;
const P_DISPATCH: usize = 2;
const P_BUFCB: usize = 3;
const P_PROTO: usize = 4;
const P_FIX: usize = 5;
const P_FAST: usize = 6;
const P_EXTRA: usize = 7;

fn pslot(o: Obj, i: usize) -> Value {
    o.get(o.n_values() - P_EXTRA + i)
}

fn set_pslot(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    let n = o.n_values() - P_EXTRA + i;
    vm.store(o, n, v);
}

fn opt(v: Value) -> Option<Value> {
    (!v.is_empty() && !v.is_none()).then_some(v)
}

fn pickler_of(vm: &mut Vm, v: Value, name: &str) -> PyResult<(Obj, &'static PState)> {
    match Obj::from_value(v).and_then(|o| native_ref::<PState>(o).map(|s| (o, s))) {
        Some(x) => Ok(x),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_pickle.Pickler' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Allocates an instance of `cls` (a subclass of a native type) with
/// `extra` value slots at the end and the payload `p`.
fn new_instance<T: Trace + Send + Sync + 'static>(
    vm: &mut Vm,
    a: &[Value],
    own: &str,
    extra: usize,
    p: T,
) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error(&format!("_pickle.{own}.__new__(): not enough arguments")));
    };
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "_pickle.{own}.__new__(X): X is not a type object ({tn})"
        )));
    };
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let n = 1 + type_nslots(co) + extra;
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, p);
    if let Some(o) = Obj::from_value(v) {
        for i in 0..n {
            o.init(i, Value::EMPTY);
        }
    }
    Ok(v)
}

fn pickler_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_instance(
        vm,
        a,
        "Pickler",
        P_EXTRA,
        PState {
            memo: Mutex::new(Memo::default()),
        },
    )
}

fn pickler_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, st) = pickler_of(vm, a[0], "__init__")?;
    let [file, protocol, fix, bufcb] = clinic::unpack(
        vm,
        "Pickler",
        &a[1..],
        k,
        ["file", "protocol", "fix_imports", "buffer_callback"],
        0,
        1,
        4,
    )?;
    // A second __init__ starts afresh (CPython's Pickler_clear), the
    // dispatch table included.
    if opt(pslot(o, P_WRITE)).is_some() {
        set_pslot(vm, o, P_DISPATCH, Value::EMPTY);
    }
    let proto = protocol_arg(vm, protocol)?;
    let fix = bool_arg(vm, fix, true)?;
    let write = write_method(vm, file.expect("file"))?;
    let cb = buffer_callback_arg(vm, bufcb, proto)?;
    set_pslot(vm, o, P_PROTO, Value::int(proto as i64));
    set_pslot(
        vm,
        o,
        P_FIX,
        if fix && proto < 3 {
            Value::TRUE
        } else {
            Value::FALSE
        },
    );
    set_pslot(vm, o, P_WRITE, write);
    set_pslot(vm, o, P_BUFCB, cb.unwrap_or(Value::EMPTY));
    set_pslot(vm, o, P_FAST, Value::int(0));
    *sync::lock(&st.memo) = Memo::default();
    let n = vm.intern("persistent_id");
    let pf = vm.getattr_opt(a[0], n)?;
    set_pslot(vm, o, P_PERS, pf.unwrap_or(Value::EMPTY));
    if opt(pslot(o, P_DISPATCH)).is_none() {
        let n = vm.intern("dispatch_table");
        let dt = vm.getattr_opt(a[0], n)?;
        set_pslot(vm, o, P_DISPATCH, dt.unwrap_or(Value::EMPTY));
    }
    Ok(Value::NONE)
}

fn pickler_dump(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "dump", "dump", a, k, 1, 1)?;
    let (o, pst) = pickler_of(vm, a[0], "dump")?;
    let st = state(vm)?;
    let Some(write) = opt(pslot(o, P_WRITE)) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.new_exc(
            st.pickling_error,
            &format!("Pickler.__init__() was not called by {tn}.__init__()"),
        ));
    };
    let me = a[0];
    let mark = vm.push_root(me);
    let n = vm.intern("reducer_override");
    let ro = vm.getattr_opt(me, n);
    let r = (|| {
        let ro = ro?;
        let proto = vm.as_i64(pslot(o, P_PROTO)).unwrap_or(4) as u8;
        let fast = vm.truthy(pslot(o, P_FAST)).unwrap_or(false);
        let cfg = Config {
            proto,
            fix_imports: pslot(o, P_FIX) == Value::TRUE,
            fast,
            write: Some(write),
            pers_func: opt(pslot(o, P_PERS)),
            pers_self: None,
            dispatch_table: opt(pslot(o, P_DISPATCH)),
            buffer_callback: opt(pslot(o, P_BUFCB)),
            reducer_override: ro,
        };
        let memo = std::mem::take(&mut *sync::lock(&pst.memo));
        let r = run_dump(vm, st, cfg, memo, a[1], true);
        match r {
            Ok((_, memo)) => {
                if o.is_shared() {
                    for &bits in memo.map.keys() {
                        vm.ctx.promote(Value::from_bits(bits));
                    }
                }
                *sync::lock(&pst.memo) = memo;
                Ok(Value::NONE)
            }
            Err(e) => Err(e),
        }
    })();
    vm.pop_roots(mark);
    r
}

fn pickler_clear_memo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "clear_memo", "clear_memo", a, k, 0, 0)?;
    let (_, st) = pickler_of(vm, a[0], "clear_memo")?;
    *sync::lock(&st.memo) = Memo::default();
    Ok(Value::NONE)
}

fn pickler_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, st) = pickler_of(vm, a[0], "__sizeof__")?;
    let n = sync::lock(&st.memo).map.capacity();
    Ok(Value::int((96 + 16 + n * 16 + 4096) as i64))
}

fn pickler_get_memo(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pickler_of(vm, a[0], "memo")?;
    let st = state(vm)?;
    let p = vm.alloc_obj(K_MISC, st.pmemo, 1, 0);
    p.init(0, a[0]);
    Ok(p.value())
}

fn memo_from_proxy_or_dict(vm: &mut Vm, v: Value, st: St) -> PyResult<Memo> {
    if vm.type_of(v) == st.pmemo {
        let p = Obj::from_value(v).expect("proxy").get(0);
        let (_, ps) = pickler_of(vm, p, "memo")?;
        let g = sync::lock(&ps.memo);
        return Ok(Memo { map: g.map.clone() });
    }
    if vm.isinstance(v, vm.g.types.dict) {
        let mut m = Memo::default();
        for (_, val) in vm.dict_items(v) {
            match Obj::from_value(val).filter(|o| o.kind() == Kind::TUPLE && o.n_values() == 2) {
                Some(t) => {
                    let id = crate::args::py_ssize_t(vm, t.get(0))?;
                    let obj = t.get(1);
                    m.map.insert(obj.bits(), id as u32);
                }
                None => return Err(vm.type_error("'memo' values must be 2-item tuples")),
            }
        }
        return Ok(m);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "'memo' attribute must be a PicklerMemoProxy object or dict, not {tn}"
    )))
}

fn pickler_set_memo(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, ps) = pickler_of(vm, a[0], "memo")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("attribute deletion is not supported"));
    };
    let st = state(vm)?;
    let m = memo_from_proxy_or_dict(vm, v, st)?;
    if o.is_shared() {
        for &bits in m.map.keys() {
            vm.ctx.promote(Value::from_bits(bits));
        }
    }
    *sync::lock(&ps.memo) = m;
    Ok(Value::NONE)
}

fn pickler_get_persid(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "persistent_id")?;
    match opt(pslot(o, P_PERS)) {
        Some(f) => Ok(f),
        None => Err(vm.new_exc(vm.g.e.AttributeError, "persistent_id")),
    }
}

fn pickler_set_persid(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "persistent_id")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("attribute deletion is not supported"));
    };
    if !vm.is_callable(v) {
        return Err(vm.type_error("persistent_id must be a callable taking one argument"));
    }
    set_pslot(vm, o, P_PERS, v);
    Ok(Value::NONE)
}

fn pickler_get_dispatch(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "dispatch_table")?;
    let v = pslot(o, P_DISPATCH);
    if v.is_empty() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "dispatch_table"));
    }
    Ok(v)
}

fn pickler_set_dispatch(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "dispatch_table")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    set_pslot(vm, o, P_DISPATCH, v);
    Ok(Value::NONE)
}

fn pickler_get_fast(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "fast")?;
    let v = pslot(o, P_FAST);
    Ok(if v.is_empty() { Value::int(0) } else { v })
}

fn pickler_set_fast(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "fast")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("can't delete numeric/char attribute"));
    };
    let i = crate::args::c_int(vm, v)?;
    set_pslot(vm, o, P_FAST, Value::int(i as i64));
    Ok(Value::NONE)
}

fn pickler_get_bin(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = pickler_of(vm, a[0], "bin")?;
    let p = vm.as_i64(pslot(o, P_PROTO)).unwrap_or(0);
    Ok(Value::int((p > 0) as i64))
}

// ------------------------------------------------------------------ memo proxies

fn proxy_target(vm: &mut Vm, v: Value, cls: Value, name: &str) -> PyResult<Value> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_MISC && o.class() == cls => Ok(o.get(0)),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn pmemo_clear(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = state(vm)?;
    let p = proxy_target(vm, a[0], st.pmemo, "clear")?;
    let (_, ps) = pickler_of(vm, p, "clear")?;
    *sync::lock(&ps.memo) = Memo::default();
    Ok(Value::NONE)
}

fn pmemo_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = state(vm)?;
    let p = proxy_target(vm, a[0], st.pmemo, "copy")?;
    let (_, ps) = pickler_of(vm, p, "copy")?;
    let entries: Vec<(u32, Value)> = sync::lock(&ps.memo)
        .map
        .iter()
        .map(|(&bits, &idx)| (idx, Value::from_bits(bits)))
        .collect();
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for (idx, obj) in entries {
        let key = vm.new_int(object_id(obj) as i64);
        let t = vm.new_tuple(&[Value::int(idx as i64), obj]);
        vm.dict_set(d, key, t)?;
    }
    vm.pop_roots(mark);
    Ok(d)
}

fn pmemo_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = pmemo_copy(vm, a, k)?;
    let mark = vm.push_root(d);
    let args = vm.new_tuple(&[d]);
    let r = vm.new_tuple(&[vm.g.types.dict, args]);
    vm.pop_roots(mark);
    Ok(r)
}

// ------------------------------------------------------------------ Unpickler

/// Payload of an Unpickler: its memo between calls.
struct UState {
    memo: Mutex<UData>,
}

impl Trace for UState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        sync::lock(&self.memo).trace(f);
    }
}

const U_READ: usize = 0;
const U_READLINE: usize = 1;
const U_PEEK: usize = 2;
const U_BUFFERS: usize = 3;
const U_PERS: usize = 4;
const U_FIX: usize = 5;
const U_ENCODING: usize = 6;
const U_ERRORS: usize = 7;
const U_PROTO: usize = 8;
const U_EXTRA: usize = 9;

fn uslot(o: Obj, i: usize) -> Value {
    o.get(o.n_values() - U_EXTRA + i)
}

fn set_uslot(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    let n = o.n_values() - U_EXTRA + i;
    vm.store(o, n, v);
}

fn unpickler_of(vm: &mut Vm, v: Value, name: &str) -> PyResult<(Obj, &'static UState)> {
    match Obj::from_value(v).and_then(|o| native_ref::<UState>(o).map(|s| (o, s))) {
        Some(x) => Ok(x),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_pickle.Unpickler' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn unpickler_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_instance(
        vm,
        a,
        "Unpickler",
        U_EXTRA,
        UState {
            memo: Mutex::new(UData::default()),
        },
    )
}

const LOAD_KWS: [&str; 5] = ["file", "fix_imports", "encoding", "errors", "buffers"];

fn unpickler_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, us) = unpickler_of(vm, a[0], "__init__")?;
    let [file, fix, enc, errs, bufs] =
        clinic::unpack(vm, "Unpickler", &a[1..], k, LOAD_KWS, 0, 1, 1)?;
    let (read, readline, peek) = read_methods(vm, file.expect("file"))?;
    set_uslot(vm, o, U_READ, read);
    set_uslot(vm, o, U_READLINE, readline);
    set_uslot(vm, o, U_PEEK, peek.unwrap_or(Value::EMPTY));
    let enc = str_arg(vm, "Unpickler", 3, "encoding", enc, "ASCII")?;
    let errs = str_arg(vm, "Unpickler", 4, "errors", errs, "strict")?;
    let ev = vm.new_str(&enc);
    set_uslot(vm, o, U_ENCODING, ev);
    let ev = vm.new_str(&errs);
    set_uslot(vm, o, U_ERRORS, ev);
    let b = buffers_arg(vm, bufs)?;
    set_uslot(vm, o, U_BUFFERS, b.unwrap_or(Value::EMPTY));
    let fix = bool_arg(vm, fix, true)?;
    set_uslot(vm, o, U_FIX, if fix { Value::TRUE } else { Value::FALSE });
    let n = vm.intern("persistent_load");
    let pf = vm.getattr_opt(a[0], n)?;
    set_uslot(vm, o, U_PERS, pf.unwrap_or(Value::EMPTY));
    set_uslot(vm, o, U_PROTO, Value::int(0));
    *sync::lock(&us.memo) = UData::default();
    Ok(Value::NONE)
}

/// Does `me` (an Unpickler) use the native `find_class`?
fn native_find_class(vm: &mut Vm, me: Value) -> bool {
    let t = vm.type_of(me);
    let n = vm.intern("find_class");
    let f = vm.lookup_type(t, n);
    f.and_then(Obj::from_value)
        .and_then(builtin_data)
        .is_some_and(|b| b.f as usize == unpickler_find_class as NativeFn as usize)
}

fn unpickler_load(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "load", "load", a, k, 0, 0)?;
    let (o, us) = unpickler_of(vm, a[0], "load")?;
    let st = state(vm)?;
    let Some(read) = opt(uslot(o, U_READ)) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.new_exc(
            st.unpickling_error,
            &format!("Unpickler.__init__() was not called by {tn}.__init__()"),
        ));
    };
    let me = a[0];
    let native_fc = native_find_class(vm, me);
    let cfg = UConfig {
        fix_imports: uslot(o, U_FIX) == Value::TRUE,
        encoding: str_of(uslot(o, U_ENCODING)).into_owned(),
        errors: str_of(uslot(o, U_ERRORS)).into_owned(),
        read: Some(read),
        readline: opt(uslot(o, U_READLINE)),
        peek: opt(uslot(o, U_PEEK)),
        buffers: opt(uslot(o, U_BUFFERS)),
        pers_func: opt(uslot(o, U_PERS)),
        pers_self: None,
        find_class_self: (!native_fc).then_some(me),
    };
    let mut data = std::mem::take(&mut *sync::lock(&us.memo));
    data.stack.clear();
    let mut u = Unpickler::new(vm, st, cfg, data);
    let mark = vm.push_root(me);
    for r in u.roots() {
        vm.push_root(r);
    }
    let r = u.load(vm);
    let r = match r {
        Ok(v) => {
            vm.push_root(v);
            Ok(v)
        }
        Err(e) => Err(e),
    };
    set_uslot(vm, o, U_PROTO, Value::int(u.proto as i64));
    let mut d = std::mem::take(&mut u.d);
    d.stack.clear();
    d.marks.clear();
    if o.is_shared() {
        for &v in &d.memo {
            if !v.is_empty() {
                vm.ctx.promote(v);
            }
        }
    }
    *sync::lock(&us.memo) = d;
    vm.pop_roots(mark);
    r
}

fn unpickler_find_class(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "find_class", "find_class", a, k, 2, 2)?;
    let (o, _) = unpickler_of(vm, a[0], "find_class")?;
    let st = state(vm)?;
    let proto = vm.as_i64(uslot(o, U_PROTO)).unwrap_or(0) as u8;
    let fix = uslot(o, U_FIX) == Value::TRUE;
    unpickler::find_class_impl(vm, st, proto, fix, a[1], a[2])
}

fn unpickler_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, us) = unpickler_of(vm, a[0], "__sizeof__")?;
    let n = sync::lock(&us.memo).memo.capacity();
    Ok(Value::int((160 + n * 8) as i64))
}

fn unpickler_get_memo(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unpickler_of(vm, a[0], "memo")?;
    let st = state(vm)?;
    let p = vm.alloc_obj(K_MISC, st.umemo, 1, 0);
    p.init(0, a[0]);
    Ok(p.value())
}

fn unpickler_set_memo(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, us) = unpickler_of(vm, a[0], "memo")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("attribute deletion is not supported"));
    };
    let st = state(vm)?;
    let mut d = UData::default();
    if vm.type_of(v) == st.umemo {
        let p = Obj::from_value(v).expect("proxy").get(0);
        let (_, other) = unpickler_of(vm, p, "memo")?;
        let g = sync::lock(&other.memo);
        d.memo = g.memo.clone();
        d.memo_len = g.memo_len;
    } else if vm.isinstance(v, vm.g.types.dict) {
        for (key, val) in vm.dict_items(v) {
            if !vm.is_int_like(key) || key.is_bool() {
                return Err(vm.type_error("memo key must be integers"));
            }
            let idx = crate::args::py_ssize_t(vm, key)?;
            if idx < 0 {
                return Err(vm.value_error("memo key must be positive integers."));
            }
            let idx = idx as usize;
            if idx >= d.memo.len() {
                if d.memo.try_reserve(idx + 1 - d.memo.len()).is_err() {
                    return Err(vm.new_exc(vm.g.e.MemoryError, ""));
                }
                d.memo.resize(idx + 1, Value::EMPTY);
            }
            if d.memo[idx].is_empty() {
                d.memo_len += 1;
            }
            d.memo[idx] = val;
        }
    } else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {tn}"
        )));
    }
    if o.is_shared() {
        for &x in &d.memo {
            if !x.is_empty() {
                vm.ctx.promote(x);
            }
        }
    }
    *sync::lock(&us.memo) = d;
    Ok(Value::NONE)
}

fn unpickler_get_persload(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = unpickler_of(vm, a[0], "persistent_load")?;
    match opt(uslot(o, U_PERS)) {
        Some(f) => Ok(f),
        None => Err(vm.new_exc(vm.g.e.AttributeError, "persistent_load")),
    }
}

fn unpickler_set_persload(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = unpickler_of(vm, a[0], "persistent_load")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("attribute deletion is not supported"));
    };
    if !vm.is_callable(v) {
        return Err(vm.type_error("persistent_load must be a callable taking one argument"));
    }
    set_uslot(vm, o, U_PERS, v);
    Ok(Value::NONE)
}

fn umemo_clear(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = state(vm)?;
    let p = proxy_target(vm, a[0], st.umemo, "clear")?;
    let (_, us) = unpickler_of(vm, p, "clear")?;
    let mut g = sync::lock(&us.memo);
    g.memo.clear();
    g.memo_len = 0;
    Ok(Value::NONE)
}

fn umemo_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = state(vm)?;
    let p = proxy_target(vm, a[0], st.umemo, "copy")?;
    let (_, us) = unpickler_of(vm, p, "copy")?;
    let items: Vec<(usize, Value)> = sync::lock(&us.memo)
        .memo
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| (i, *v))
        .collect();
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for (i, v) in items {
        vm.dict_set(d, Value::int(i as i64), v)?;
    }
    vm.pop_roots(mark);
    Ok(d)
}

fn umemo_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = umemo_copy(vm, a, k)?;
    let mark = vm.push_root(d);
    let args = vm.new_tuple(&[d]);
    let r = vm.new_tuple(&[vm.g.types.dict, args]);
    vm.pop_roots(mark);
    Ok(r)
}

// ------------------------------------------------------------------ PickleBuffer

/// `PickleBuffer(buffer)`: slot 0 holds the exporting object (None once
/// released).
fn picklebuffer_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [buf] = clinic::unpack(vm, "PickleBuffer", &a[1..], k, ["buffer"], 0, 1, 1)?;
    let buf = buf.expect("buffer");
    if is_str(buf) || crate::types::bytes::buf(buf).is_none() {
        let tn = vm.type_name_of(buf);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    }
    let v = vm.ctx.alloc_native_with_values(K_MISC, a[0], 1, PbMarker);
    let o = Obj::from_value(v).expect("PickleBuffer");
    o.init(0, buf);
    Ok(v)
}

/// Payload marking a PickleBuffer (slot 0: the exporter, None once
/// released).
struct PbMarker;

impl Trace for PbMarker {}

/// The object a PickleBuffer exposes (its buffer is that object's), or
/// None for other values; `Some(None)` once released. `bytes`-like
/// consumers and `memoryview` read through it, as CPython's buffer
/// protocol does.
pub(crate) fn buffer_target(v: Value) -> Option<Option<Value>> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_MISC {
        return None;
    }
    native_ref::<PbMarker>(o)?;
    let t = o.get(0);
    Some((!t.is_none()).then_some(t))
}

fn pb_target(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match buffer_target(v) {
        Some(Some(b)) => Ok(b),
        Some(None) => Err(vm.value_error("operation forbidden on released PickleBuffer object")),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("descriptor doesn't apply to a '{tn}' object")))
        }
    }
}

/// The bytes of a PickleBuffer and whether they are read-only.
pub(crate) fn picklebuffer_data(vm: &mut Vm, pb: Value) -> PyResult<(Vec<u8>, bool)> {
    let b = pb_target(vm, pb)?;
    let readonly = match Obj::from_value(b) {
        Some(o) if o.kind() == K_BYTEARRAY => false,
        Some(o) if o.kind() == K_MEMORYVIEW => {
            let n = vm.intern("readonly");
            let r = vm.getattr(b, n)?;
            vm.truthy(r)?
        }
        _ => crate::modules::array::array_bytes(b).is_none(),
    };
    match crate::types::bytes::buf(b) {
        Some(d) => Ok((d, readonly)),
        None => Err(vm.exc_by_name(
            "BufferError",
            "PickleBuffer can not be pickled when pointing to a non-contiguous buffer",
        )),
    }
}

fn pb_raw(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = pb_target(vm, a[0])?;
    let mv = {
        let mvt = module_attr(vm, "builtins", "memoryview")?;
        vm.call(mvt, &[b], Value::EMPTY)?
    };
    let mark = vm.push_root(mv);
    let f = vm.new_str("B");
    let r = vm.call_method(mv, "cast", &[f]);
    vm.pop_roots(mark);
    r
}

fn pb_release(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = state(vm)?;
    if let Some(o) =
        Obj::from_value(a[0]).filter(|o| o.kind() == K_MISC && o.class() == st.picklebuffer)
    {
        vm.store(o, 0, Value::NONE);
    }
    Ok(Value::NONE)
}

/// READONLY_BUFFER: a read-only memoryview of `obj` when it is writable.
pub(crate) fn readonly_view(vm: &mut Vm, obj: Value) -> PyResult<Option<Value>> {
    let mv = {
        let mvt = module_attr(vm, "builtins", "memoryview")?;
        vm.call(mvt, &[obj], Value::EMPTY)?
    };
    let mark = vm.push_root(mv);
    let r = (|| {
        let n = vm.intern("readonly");
        let ro = vm.getattr(mv, n)?;
        if vm.truthy(ro)? {
            return Ok(None);
        }
        Ok(Some(vm.call_method(mv, "toreadonly", &[])?))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ functions

const DUMP_KWS: [&str; 5] = ["obj", "file", "protocol", "fix_imports", "buffer_callback"];

fn mod_dump(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [obj, file, protocol, fix, cb] = clinic::unpack(vm, "dump", a, k, DUMP_KWS, 0, 2, 3)?;
    let st = state(vm)?;
    let proto = protocol_arg(vm, protocol)?;
    let fix = bool_arg(vm, fix, true)?;
    let write = write_method(vm, file.expect("file"))?;
    let mark = vm.push_root(write);
    let r = (|| {
        let cb = buffer_callback_arg(vm, cb, proto)?;
        let cfg = Config {
            proto,
            fix_imports: fix,
            fast: false,
            write: Some(write),
            pers_func: None,
            pers_self: None,
            dispatch_table: None,
            buffer_callback: cb,
            reducer_override: None,
        };
        run_dump(vm, st, cfg, Memo::default(), obj.expect("obj"), true)?;
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn mod_dumps(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [obj, protocol, fix, cb] = clinic::unpack(
        vm,
        "dumps",
        a,
        k,
        ["obj", "protocol", "fix_imports", "buffer_callback"],
        0,
        1,
        2,
    )?;
    let st = state(vm)?;
    let proto = protocol_arg(vm, protocol)?;
    let fix = bool_arg(vm, fix, true)?;
    let cb = buffer_callback_arg(vm, cb, proto)?;
    let cfg = Config {
        proto,
        fix_imports: fix,
        fast: false,
        write: None,
        pers_func: None,
        pers_self: None,
        dispatch_table: None,
        buffer_callback: cb,
        reducer_override: None,
    };
    let (out, _) = run_dump(
        vm,
        st,
        cfg,
        Memo::with_capacity(256),
        obj.expect("obj"),
        false,
    )?;
    Ok(vm.new_bytes(&out))
}

fn load_config(
    vm: &mut Vm,
    fname: &str,
    fix: Option<Value>,
    enc: Option<Value>,
    errs: Option<Value>,
    bufs: Option<Value>,
) -> PyResult<UConfig> {
    let fix = bool_arg(vm, fix, true)?;
    let encoding = str_arg(vm, fname, 3, "encoding", enc, "ASCII")?;
    let errors = str_arg(vm, fname, 4, "errors", errs, "strict")?;
    let buffers = buffers_arg(vm, bufs)?;
    Ok(UConfig {
        fix_imports: fix,
        encoding,
        errors,
        read: None,
        readline: None,
        peek: None,
        buffers,
        pers_func: None,
        pers_self: None,
        find_class_self: None,
    })
}

fn run_load(vm: &mut Vm, st: St, cfg: UConfig, input: Option<Value>) -> PyResult<Value> {
    let mut u = Unpickler::with_spare(vm, st, cfg);
    let mark = vm.push_root(Value::NONE);
    for r in u.roots() {
        vm.push_root(r);
    }
    if let Some(data) = input {
        vm.push_root(data);
        match Obj::from_value(data) {
            Some(o) if o.kind() == Kind::BYTES => u.set_borrowed(str_bytes(data)),
            _ => match crate::types::bytes::buf(data).filter(|_| !is_str(data)) {
                Some(b) => u.set_owned(b),
                None => {
                    vm.pop_roots(mark);
                    let tn = vm.type_name_of(data);
                    return Err(
                        vm.type_error(&format!("a bytes-like object is required, not '{tn}'"))
                    );
                }
            },
        }
    }
    let r = u.load(vm);
    vm.pop_roots(mark);
    u.give_back();
    r
}

fn mod_load(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [file, fix, enc, errs, bufs] = clinic::unpack(vm, "load", a, k, LOAD_KWS, 0, 1, 1)?;
    let st = state(vm)?;
    let (read, readline, peek) = read_methods(vm, file.expect("file"))?;
    let mark = vm.push_root(read);
    vm.push_root(readline);
    if let Some(p) = peek {
        vm.push_root(p);
    }
    let r = (|| {
        let mut cfg = load_config(vm, "load", fix, enc, errs, bufs)?;
        cfg.read = Some(read);
        cfg.readline = Some(readline);
        cfg.peek = peek;
        run_load(vm, st, cfg, None)
    })();
    vm.pop_roots(mark);
    r
}

fn mod_loads(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, fix, enc, errs, bufs] = clinic::unpack(
        vm,
        "loads",
        a,
        k,
        ["data", "fix_imports", "encoding", "errors", "buffers"],
        1,
        1,
        1,
    )?;
    let st = state(vm)?;
    let cfg = load_config(vm, "loads", fix, enc, errs, bufs)?;
    run_load(vm, st, cfg, data)
}

// ------------------------------------------------------------------ module

fn new_exception(vm: &mut Vm, name: &str, base: Value, modname: Value) -> PyResult<Value> {
    let ns = vm.new_dict();
    let mark = vm.push_root(ns);
    let key = vm.intern("__module__");
    vm.dict_set_str(ns, key, modname);
    let n = vm.new_str(name);
    let bases = vm.new_tuple(&[base]);
    let r = vm.call(vm.g.types.type_, &[n, bases, ns], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

fn native_type(vm: &mut Vm, name: &str, modname: Value, layout: Kind, basetype: bool) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, layout, basetype);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = match a.first() {
        Some(&c) if Obj::from_value(c).is_some_and(|o| o.kind() == K_TYPE) => type_name(c),
        _ => "object".into(),
    };
    Err(vm.type_error(&format!("cannot create '{tn}' instances")))
}

fn module_attr(vm: &mut Vm, module: &str, name: &str) -> PyResult<Value> {
    let m = vm.import_module(module)?;
    let n = vm.intern(name);
    vm.getattr(m, n)
}

fn dict_attr(vm: &mut Vm, module: &str, name: &str) -> PyResult<Value> {
    let v = module_attr(vm, module, name)?;
    if !Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT && o.class() == vm.g.types.dict) {
        let tn = vm.type_name_of(v);
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            &format!("{module}.{name} should be a dict, not {tn}"),
        ));
    }
    Ok(v)
}

/// Creates the `_pickle` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_pickle", N_STATE);
    let mark = vm.push_root(m);
    let r = (|| {
        let modname = vm.new_str("_pickle");
        vm.ctx.promote(modname);
        vm.push_root(modname);
        let doc = vm.new_str("Optimized C implementation for the Python pickle module.");
        vm.set_module_attr(m, "__doc__", doc);

        let pe = new_exception(vm, "PickleError", vm.g.e.Exception, modname)?;
        vm.set_module_attr(m, "PickleError", pe);
        set_module_state(vm, m, S_PICKLE_ERROR, pe);
        let pge = new_exception(vm, "PicklingError", pe, modname)?;
        vm.set_module_attr(m, "PicklingError", pge);
        set_module_state(vm, m, S_PICKLING_ERROR, pge);
        let upe = new_exception(vm, "UnpicklingError", pe, modname)?;
        vm.set_module_attr(m, "UnpicklingError", upe);
        set_module_state(vm, m, S_UNPICKLING_ERROR, upe);

        // Pickler
        let pt = native_type(vm, "Pickler", modname, K_INSTANCE, true);
        vm.add_static(pt, "__new__", pickler_new, false);
        vm.add_method(pt, "__init__", pickler_init);
        vm.add_method(pt, "dump", pickler_dump);
        vm.add_method(pt, "clear_memo", pickler_clear_memo);
        vm.add_method(pt, "__sizeof__", pickler_sizeof);
        let gs: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
            ("memo", pickler_get_memo, Some(pickler_set_memo)),
            (
                "persistent_id",
                pickler_get_persid,
                Some(pickler_set_persid),
            ),
            (
                "dispatch_table",
                pickler_get_dispatch,
                Some(pickler_set_dispatch),
            ),
            ("fast", pickler_get_fast, Some(pickler_set_fast)),
            ("bin", pickler_get_bin, None),
        ];
        for &(n, g, s) in gs {
            let p = vm.new_native_getset(pt, n, g, s);
            vm.add_attr(pt, n, p);
        }
        vm.set_module_attr(m, "Pickler", pt);
        set_module_state(vm, m, S_PICKLER, pt);

        // Unpickler
        let ut = native_type(vm, "Unpickler", modname, K_INSTANCE, true);
        vm.add_static(ut, "__new__", unpickler_new, false);
        vm.add_method(ut, "__init__", unpickler_init);
        vm.add_method(ut, "load", unpickler_load);
        vm.add_method(ut, "find_class", unpickler_find_class);
        vm.add_method(ut, "__sizeof__", unpickler_sizeof);
        let gs: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
            ("memo", unpickler_get_memo, Some(unpickler_set_memo)),
            (
                "persistent_load",
                unpickler_get_persload,
                Some(unpickler_set_persload),
            ),
        ];
        for &(n, g, s) in gs {
            let p = vm.new_native_getset(ut, n, g, s);
            vm.add_attr(ut, n, p);
        }
        vm.set_module_attr(m, "Unpickler", ut);
        set_module_state(vm, m, S_UNPICKLER, ut);

        // Memo proxies
        let pm = native_type(vm, "PicklerMemoProxy", modname, K_MISC, false);
        vm.add_static(pm, "__new__", no_new, false);
        vm.add_method(pm, "clear", pmemo_clear);
        vm.add_method(pm, "copy", pmemo_copy);
        vm.add_method(pm, "__reduce__", pmemo_reduce);
        vm.add_attr(pm, "__hash__", Value::NONE);
        set_module_state(vm, m, S_PMEMO, pm);
        let um = native_type(vm, "UnpicklerMemoProxy", modname, K_MISC, false);
        vm.add_static(um, "__new__", no_new, false);
        vm.add_method(um, "clear", umemo_clear);
        vm.add_method(um, "copy", umemo_copy);
        vm.add_method(um, "__reduce__", umemo_reduce);
        vm.add_attr(um, "__hash__", Value::NONE);
        set_module_state(vm, m, S_UMEMO, um);

        // PickleBuffer (a builtin type in CPython; its module is builtins).
        let bmod = vm.new_str("pickle");
        vm.ctx.promote(bmod);
        let pb = native_type(vm, "PickleBuffer", bmod, K_MISC, false);
        vm.add_static(pb, "__new__", picklebuffer_new, false);
        vm.add_method(pb, "raw", pb_raw);
        vm.add_method(pb, "release", pb_release);
        vm.set_module_attr(m, "PickleBuffer", pb);
        set_module_state(vm, m, S_PICKLEBUFFER, pb);

        let fns: &[(&'static str, NativeFn)] = &[
            ("dump", mod_dump),
            ("dumps", mod_dumps),
            ("load", mod_load),
            ("loads", mod_loads),
        ];
        vm.add_module_functions(m, fns);

        // State from copyreg, _compat_pickle, codecs, builtins, functools.
        for (slot, module, name) in [
            (S_DISPATCH_TABLE, "copyreg", "dispatch_table"),
            (S_EXT_REGISTRY, "copyreg", "_extension_registry"),
            (S_INV_REGISTRY, "copyreg", "_inverted_registry"),
            (S_EXT_CACHE, "copyreg", "_extension_cache"),
            (S_NAME_2TO3, "_compat_pickle", "NAME_MAPPING"),
            (S_IMPORT_2TO3, "_compat_pickle", "IMPORT_MAPPING"),
            (S_NAME_3TO2, "_compat_pickle", "REVERSE_NAME_MAPPING"),
            (S_IMPORT_3TO2, "_compat_pickle", "REVERSE_IMPORT_MAPPING"),
        ] {
            let v = dict_attr(vm, module, name)?;
            set_module_state(vm, m, slot, v);
        }
        let ce = module_attr(vm, "codecs", "encode")?;
        if !vm.is_callable(ce) {
            let tn = vm.type_name_of(ce);
            return Err(vm.new_exc(
                vm.g.e.RuntimeError,
                &format!("codecs.encode should be a callable, not {tn}"),
            ));
        }
        set_module_state(vm, m, S_CODECS_ENCODE, ce);
        let ga = module_attr(vm, "builtins", "getattr")?;
        set_module_state(vm, m, S_GETATTR, ga);
        let pa = module_attr(vm, "functools", "partial")?;
        set_module_state(vm, m, S_PARTIAL, pa);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
