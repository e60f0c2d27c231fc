//! Foreign functions (`CFuncPtr`, the `PyCFuncPtrType` metaclass): making
//! them from an address or a library symbol, `argtypes`/`restype`/
//! `errcheck`, converting arguments and results, and calling through
//! libffi; `get_errno`/`set_errno`; the module's own helper functions
//! (`_cast_addr`, `_string_at_addr`, `_wstring_at_addr`), which are real
//! function addresses that a call through `CFuncPtr` runs natively.
//!
//! A Python callable wrapped as a C function (a callback) is not made
//! here: creating one raises NotImplementedError.

use super::cdata::{self, cdata_of, CData};
use super::simple;
use super::*;
use libffi::middle::{Cif, CodePtr, Type};
use std::cell::Cell;

thread_local! {
    /// ctypes' private copy of `errno` for this thread (CPython's).
    static CTYPES_ERRNO: Cell<i32> = const { Cell::new(0) };
}

fn errno_loc() -> *mut i32 {
    // SAFETY: always valid: the calling thread's errno.
    unsafe { libc::__errno_location() }
}

pub(crate) fn m_get_errno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !a.is_empty() {
        return Err(vm.type_error("get_errno() takes no arguments"));
    }
    Ok(Value::int(CTYPES_ERRNO.with(|e| e.get()) as i64))
}

pub(crate) fn m_set_errno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let [v] = a else {
        return Err(vm.type_error("set_errno() takes exactly one argument"));
    };
    let n = vm.index_isize(*v)? as i32;
    let old = CTYPES_ERRNO.with(|e| e.replace(n));
    Ok(Value::int(old as i64))
}

// The helper functions' addresses: real functions (calling one from C
// returns a distinct constant, so that the linker cannot fold them into
// one address), recognised by a call through CFuncPtr and run natively.
#[inline(never)]
extern "C" fn ctypes_cast() -> usize {
    0xca57
}
#[inline(never)]
extern "C" fn ctypes_string_at() -> usize {
    0x57a7
}
#[inline(never)]
extern "C" fn ctypes_wstring_at() -> usize {
    0x757a
}

/// The `_*_addr` entries of the module.
pub(crate) fn builtin_addresses() -> [(&'static str, usize); 5] {
    [
        ("_memmove_addr", libc::memmove as *const () as usize),
        ("_memset_addr", libc::memset as *const () as usize),
        ("_cast_addr", ctypes_cast as *const () as usize),
        ("_string_at_addr", ctypes_string_at as *const () as usize),
        ("_wstring_at_addr", ctypes_wstring_at as *const () as usize),
    ]
}

// ------------------------------------------------------------ the metaclass

fn meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    simple::new_class(vm, a, k, init_class)
}

fn init_class(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let flags = match class_attr(vm, cls, "_flags_") {
        Some(f) => {
            if !vm.is_int_like(f) {
                return Err(vm.type_error("class must define _flags_ which must be an integer"));
            }
            vm.index_isize(f)? as i64
        }
        None => FUNCFLAG_CDECL,
    };
    if let Some(at) = class_attr(vm, cls, "_argtypes_") {
        check_argtypes(vm, at)?;
    }
    if let Some(rt) = class_attr(vm, cls, "_restype_") {
        check_restype(vm, rt)?;
    }
    set_stg(
        vm,
        cls,
        Stg {
            kind: CKind::FuncPtr,
            code: 0,
            size: 8,
            align: 8,
            length: 0,
            ffi: Ffi::Prim(b'P'),
            flags,
            has_pointer: true,
            has_fields: false,
            swapped: false,
            elem_format: None,
        },
    );
    Ok(())
}

/// `argtypes` as a tuple of types with `from_param`.
fn check_argtypes(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let t = match vm.call(vm.g.types.tuple, &[v], Value::EMPTY) {
        Ok(t) => t,
        Err(_) => return Err(vm.type_error("_argtypes_ must be a sequence of types")),
    };
    let to = Obj::from_value(t).expect("tuple");
    let k = vm.intern("from_param");
    for i in 0..to.n_values() {
        if cdata::getattr_opt(vm, to.get(i), k)?.is_none() {
            return Err(vm.type_error(&format!(
                "item {} in _argtypes_ has no from_param method",
                i + 1
            )));
        }
    }
    Ok(t)
}

fn check_restype(vm: &mut Vm, v: Value) -> PyResult<()> {
    if v == Value::NONE || stg_of(vm, v).is_some() || vm.is_callable(v) {
        return Ok(());
    }
    Err(vm.type_error("restype must be a type, a callable, or None"))
}

// ------------------------------------------------------------ instances

/// Value slots of a function pointer after the common ones (from the end:
/// argtypes, restype, errcheck, then `_b_base_` and `_objects`).
const FP_ARGTYPES: usize = 5;
const FP_RESTYPE: usize = 4;
const FP_ERRCHECK: usize = 3;

fn fp_slot(o: Obj, from_end: usize) -> usize {
    o.n_values() - from_end
}

fn this(vm: &mut Vm, v: Value) -> PyResult<(Obj, &'static CData)> {
    if let Some((o, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        if stg_of(vm, t).is_some_and(|s| s.kind == CKind::FuncPtr) && o.n_values() >= FP_ARGTYPES {
            return Ok((o, c));
        }
    }
    Err(vm.type_error("expected a CFuncPtr instance"))
}

fn alloc_fp(vm: &mut Vm, cls: Value, addr: usize) -> PyResult<Value> {
    let stg = cdata::need_stg(vm, cls)?;
    let v = cdata::alloc_with_extra(vm, cls, stg.size, 3)?;
    let (_, c) = cdata_of(v).expect("instance");
    c.write(0, &(addr as u64).to_le_bytes());
    Ok(v)
}

fn fp_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("CFuncPtr.__new__(): not enough arguments"));
    };
    if stg_of(vm, cls).is_none() {
        return Err(cdata::abstract_class(vm));
    }
    let args = &a[1..];
    match args {
        [] => alloc_fp(vm, cls, 0),
        [x, ..] if vm.is_int_like(*x) => {
            let addr = simple::addr_arg(vm, *x)?;
            alloc_fp(vm, cls, addr)
        }
        [x, ..] if Obj::from_value(*x).is_some_and(|o| o.kind() == Kind::TUPLE) => {
            let to = Obj::from_value(*x).expect("tuple");
            if to.n_values() != 2 {
                return Err(vm.type_error("argument must be callable or integer function address"));
            }
            let (name, dll) = (to.get(0), to.get(1));
            let k = vm.intern("_handle");
            let h = vm.getattr(dll, k)?;
            let handle = simple::addr_arg(vm, h)?;
            if !is_str(name) {
                return Err(vm.type_error("function name must be string, bytes object or integer"));
            }
            let n = str_of(name).into_owned();
            let addr = match dl::lookup(vm, handle, &n) {
                Ok(p) => p,
                Err(m) => return Err(vm.new_exc(vm.g.e.AttributeError, &m)),
            };
            let v = alloc_fp(vm, cls, addr)?;
            let mark = vm.push_root(v);
            let r = cdata::set_objects(vm, v, dll);
            vm.pop_roots(mark);
            r?;
            Ok(v)
        }
        [x, ..] if vm.is_callable(*x) => Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "ctypes callbacks (a Python callable called from C) are not supported by ProtoPy",
        )),
        _ => Err(vm.type_error("argument must be callable or integer function address")),
    }
}

fn fp_address(c: &CData) -> usize {
    let mut b = [0u8; 8];
    c.read(0, &mut b);
    u64::from_le_bytes(b) as usize
}

fn own_or_class(vm: &mut Vm, o: Obj, slot: usize, cls_attr: &str, v: Value) -> Option<Value> {
    let x = o.get(fp_slot(o, slot));
    if x != Value::EMPTY && x != Value::NONE {
        return Some(x);
    }
    if x == Value::NONE && slot != FP_RESTYPE {
        let _ = x;
    }
    let t = vm.type_of(v);
    class_attr(vm, t, cls_attr)
}

fn fp_argtypes_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    Ok(own_or_class(vm, o, FP_ARGTYPES, "_argtypes_", a[0]).unwrap_or(Value::NONE))
}

fn store(vm: &mut Vm, o: Obj, slot: usize, v: Value) {
    let i = fp_slot(o, slot);
    vm.with_lock(o, |ctx| ctx.store(o, i, v));
}

fn fp_argtypes_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    if v == Value::NONE {
        store(vm, o, FP_ARGTYPES, Value::EMPTY);
        return Ok(Value::NONE);
    }
    check_argtypes(vm, v)?;
    store(vm, o, FP_ARGTYPES, v);
    Ok(Value::NONE)
}

fn fp_restype_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    let x = o.get(fp_slot(o, FP_RESTYPE));
    if x != Value::EMPTY {
        return Ok(x);
    }
    let t = vm.type_of(a[0]);
    Ok(class_attr(vm, t, "_restype_").unwrap_or(Value::NONE))
}

fn fp_restype_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    let Some(&v) = a.get(1) else {
        store(vm, o, FP_RESTYPE, Value::EMPTY);
        return Ok(Value::NONE);
    };
    check_restype(vm, v)?;
    store(vm, o, FP_RESTYPE, v);
    Ok(Value::NONE)
}

fn fp_errcheck_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    let x = o.get(fp_slot(o, FP_ERRCHECK));
    Ok(if x == Value::EMPTY { Value::NONE } else { x })
}

fn fp_errcheck_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0])?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    if v != Value::NONE && !vm.is_callable(v) {
        return Err(vm.type_error("the errcheck attribute must be callable"));
    }
    store(vm, o, FP_ERRCHECK, v);
    Ok(Value::NONE)
}

fn fp_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c) = this(vm, a[0])?;
    Ok(Value::bool(fp_address(c) != 0))
}

fn fp_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = vm.type_of(a[0]);
    let name = type_name(t);
    Ok(vm.new_str(&format!("<{name} object at {:#x}>", a[0].bits())))
}

// ------------------------------------------------------------ arguments

/// One converted argument: how libffi passes it and its bytes.
struct Arg {
    ffi: Ffi,
    data: Vec<u64>,
}

fn arg_of(ffi: Ffi, bytes: &[u8]) -> Arg {
    let mut data = vec![0u64; bytes.len().div_ceil(8).max(2)];
    for (i, ch) in bytes.chunks(8).enumerate() {
        let mut w = [0u8; 8];
        w[..ch.len()].copy_from_slice(ch);
        data[i] = u64::from_le_bytes(w);
    }
    Arg { ffi, data }
}

fn ptr_arg(addr: u64) -> Arg {
    arg_of(Ffi::Prim(b'P'), &addr.to_le_bytes())
}

/// CPython's `ConvParam`: a Python value (or what `from_param` returned)
/// as a C argument; `keep` collects what must live until the call ends.
fn conv_param(vm: &mut Vm, v: Value, n: usize, keep: &mut Vec<Value>) -> PyResult<Arg> {
    if let Some((o, c)) = cdata::carg_of(v) {
        keep.push(o.get(0));
        let (ffi, size) = match c.tag {
            b'z' | b'Z' | b'P' => (Ffi::Prim(b'P'), 8),
            t => (Ffi::Prim(t), simple::code_info(t).map_or(8, |x| x.0)),
        };
        return Ok(arg_of(ffi, &c.data[..size]));
    }
    if let Some((_, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        let s = stg_of(vm, t).expect("ctypes instance type");
        return Ok(match s.kind {
            CKind::Array => ptr_arg(c.addr() as u64),
            CKind::Simple => {
                let mut b = vec![0u8; s.size];
                c.read(0, &mut b);
                if s.swapped {
                    b.reverse();
                }
                arg_of(Ffi::Prim(s.code), &b)
            }
            CKind::Pointer | CKind::FuncPtr => {
                let mut b = [0u8; 8];
                c.read(0, &mut b);
                arg_of(Ffi::Prim(b'P'), &b)
            }
            CKind::Struct | CKind::Union => {
                let b = c.bytes();
                arg_of(s.ffi.clone(), &b)
            }
        });
    }
    if v == Value::NONE {
        return Ok(ptr_arg(0));
    }
    if vm.is_int_like(v) {
        let b = vm.as_bigint(v).unwrap_or_default();
        let Some(i) = num_traits::ToPrimitive::to_i64(&b) else {
            return Err(argument_error(
                vm,
                &format!("argument {n}: OverflowError: int too long to convert"),
            ));
        };
        return Ok(arg_of(Ffi::Prim(b'i'), &(i as i32).to_le_bytes()));
    }
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) || is_str(v) {
        let code = if is_str(v) { b'Z' } else { b'z' };
        let p = simple::pack(vm, code, v, false)?;
        keep.push(p.keep);
        return Ok(arg_of(Ffi::Prim(b'P'), &p.data[..8]));
    }
    let k = vm.intern("_as_parameter_");
    if let Some(p) = cdata::getattr_opt(vm, v, k)? {
        keep.push(p);
        return conv_param(vm, p, n, keep);
    }
    Err(argument_error(
        vm,
        &format!("argument {n}: TypeError: Don't know how to convert parameter {n}"),
    ))
}

fn ffi_type(f: &Ffi) -> Type {
    match f {
        Ffi::Prim(c) => match c {
            b'b' | b'c' => Type::i8(),
            b'B' | b'?' => Type::u8(),
            b'h' | b'v' => Type::i16(),
            b'H' => Type::u16(),
            b'i' | b'u' => Type::i32(),
            b'I' => Type::u32(),
            b'l' | b'q' => Type::i64(),
            b'L' | b'Q' => Type::u64(),
            b'f' => Type::f32(),
            b'd' => Type::f64(),
            b'g' => Type::longdouble(),
            _ => Type::pointer(),
        },
        Ffi::Struct(elems) => {
            if elems.is_empty() {
                Type::structure(vec![Type::u8()])
            } else {
                Type::structure(elems.iter().map(ffi_type).collect::<Vec<_>>())
            }
        }
    }
}

/// Calls the C function at `addr` with `args`, returning `rsize` bytes of
/// result (`ret` None: void).
fn ffi_call(
    vm: &mut Vm,
    addr: usize,
    args: &mut [Arg],
    ret: Option<&Ffi>,
    rsize: usize,
    flags: i64,
) -> Vec<u8> {
    let types: Vec<Type> = args.iter().map(|a| ffi_type(&a.ffi)).collect();
    let rt = ret.map_or(Type::void(), ffi_type);
    let cif = Cif::new(types, rt);
    let mut rbuf = vec![0u64; rsize.div_ceil(8) + 2];
    let mut ptrs: Vec<*mut libc::c_void> = args
        .iter_mut()
        .map(|a| a.data.as_mut_ptr() as *mut libc::c_void)
        .collect();
    let code = CodePtr::from_ptr(addr as *const libc::c_void);
    let use_errno = flags & FUNCFLAG_USE_ERRNO != 0;
    let cif_ptr = cif.as_raw_ptr();
    let rptr = rbuf.as_mut_ptr() as *mut libc::c_void;
    let aptr = ptrs.as_mut_ptr();
    let run = || {
        if use_errno {
            // SAFETY: the thread's own errno location.
            unsafe { *errno_loc() = CTYPES_ERRNO.with(|e| e.get()) };
        }
        // SAFETY: `cif` describes exactly the arguments in `args` (each
        // buffer is at least as large as its type, 8-aligned) and a
        // result that fits `rbuf` (its size plus two words); the function
        // address and its real signature are the program's promise, as
        // in C.
        unsafe { libffi::raw::ffi_call(cif_ptr, Some(*code.as_fun()), rptr, aptr) };
        if use_errno {
            // SAFETY: as above.
            let e = unsafe { *errno_loc() };
            CTYPES_ERRNO.with(|c| c.set(e));
        }
    };
    if flags & FUNCFLAG_PYTHONAPI != 0 {
        run();
    } else {
        // No heap object is touched during the call: arguments live in
        // Rust buffers and in native blocks kept alive by rooted values.
        vm.ctx.blocking(run);
    }
    drop(cif);
    let mut out = Vec::with_capacity(rbuf.len() * 8);
    for w in rbuf {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.truncate(rsize.max(8));
    out
}

/// The Python result of a call whose C result is `b`, per `restype`.
fn convert_result(vm: &mut Vm, restype: Value, b: &[u8]) -> PyResult<Value> {
    if restype == Value::NONE {
        return Ok(Value::NONE);
    }
    let Some(s) = stg_of(vm, restype) else {
        // A plain callable: called with the C int result.
        let i = i32::from_le_bytes(b[..4].try_into().unwrap_or([0; 4]));
        return vm.call(restype, &[Value::int(i as i64)], Value::EMPTY);
    };
    if s.kind == CKind::Simple && simple::class_is_fundamental(vm, restype) {
        if s.code == b'O' {
            return Err(vm.new_exc(
                vm.g.e.NotImplementedError,
                "py_object results of foreign functions are not supported by ProtoPy",
            ));
        }
        return simple::unpack(
            vm,
            s.code,
            &b[..s.size.min(b.len())],
            s.swapped,
            Value::NONE,
        );
    }
    let v = cdata::new_from_bytes(vm, restype, s, &b[..s.size.min(b.len())])?;
    let mark = vm.push_root(v);
    let k = vm.intern("__ctypes_from_outparam__");
    let r = match cdata::getattr_opt(vm, v, k)? {
        Some(f) if s.kind == CKind::Simple => vm.call(f, &[], Value::EMPTY),
        _ => Ok(v),
    };
    vm.pop_roots(mark);
    r
}

fn fp_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, c) = this(vm, a[0])?;
    let nkw = Obj::from_value(k).map_or(0, |x| x.n_values());
    if nkw > 0 {
        return Err(vm.type_error("this function takes no keyword arguments"));
    }
    let args = &a[1..];
    let addr = fp_address(c);
    if addr == 0 {
        return Err(vm.value_error("NULL function pointer"));
    }
    let cls = vm.type_of(a[0]);
    let flags = stg_of(vm, cls).map_or(FUNCFLAG_CDECL, |s| s.flags);
    if let Some(r) = run_builtin(vm, addr, args)? {
        return Ok(r);
    }
    let argtypes = own_or_class(vm, o, FP_ARGTYPES, "_argtypes_", a[0]);
    let restype = {
        let x = o.get(fp_slot(o, FP_RESTYPE));
        if x != Value::EMPTY {
            x
        } else {
            class_attr(vm, cls, "_restype_").unwrap_or(Value::NONE)
        }
    };
    let mark = vm.push_root(restype);
    let r = call_with(vm, addr, args, argtypes, restype, flags);
    let r = match r {
        Ok(v) => {
            let ec = o.get(fp_slot(o, FP_ERRCHECK));
            if ec != Value::EMPTY && ec != Value::NONE {
                vm.push_root(v);
                let t = vm.new_tuple(args);
                vm.push_root(t);
                vm.call(ec, &[v, a[0], t], Value::EMPTY)
            } else {
                Ok(v)
            }
        }
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r
}

fn call_with(
    vm: &mut Vm,
    addr: usize,
    args: &[Value],
    argtypes: Option<Value>,
    restype: Value,
    flags: i64,
) -> PyResult<Value> {
    let types_t = match argtypes {
        Some(t) => vm.call(vm.g.types.tuple, &[t], Value::EMPTY)?,
        None => vm.new_tuple(&[]),
    };
    let tmark = vm.push_root(types_t);
    let types: Vec<Value> = match Obj::from_value(types_t) {
        Some(t) if t.kind() == Kind::TUPLE => (0..t.n_values()).map(|i| t.get(i)).collect(),
        _ => Vec::new(),
    };
    let r = call_typed(vm, addr, args, argtypes.is_some(), &types, restype, flags);
    vm.pop_roots(tmark);
    r
}

fn call_typed(
    vm: &mut Vm,
    addr: usize,
    args: &[Value],
    has_argtypes: bool,
    types: &[Value],
    restype: Value,
    flags: i64,
) -> PyResult<Value> {
    let argtypes = has_argtypes.then_some(());
    if argtypes.is_some() && args.len() < types.len() {
        let n = types.len();
        return Err(vm.type_error(&format!(
            "this function takes at least {n} argument{} ({} given)",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    if argtypes.is_some() && flags & FUNCFLAG_CDECL == 0 && args.len() > types.len() {
        return Err(vm.type_error(&format!(
            "this function takes at most {} arguments ({} given)",
            types.len(),
            args.len()
        )));
    }
    let mut keep: Vec<Value> = Vec::new();
    let mark = vm.push_root(Value::NONE);
    let mut conv = Vec::with_capacity(args.len());
    let mut result = Ok(());
    for (i, &v) in args.iter().enumerate() {
        let n = i + 1;
        let v = if let Some(&t) = types.get(i) {
            match vm.call_method(t, "from_param", &[v]) {
                Ok(p) => {
                    vm.push_root(p);
                    p
                }
                Err(e) => {
                    let msg = describe_exc(vm, &e);
                    result = Err(argument_error(vm, &format!("argument {n}: {msg}")));
                    break;
                }
            }
        } else {
            v
        };
        let before = keep.len();
        match conv_param(vm, v, n, &mut keep) {
            Ok(a) => conv.push(a),
            Err(e) => {
                let ae = g().argument_error;
                let is_ae = vm.type_of(e.0) == ae;
                if is_ae {
                    result = Err(e);
                } else {
                    let msg = describe_exc(vm, &e);
                    result = Err(argument_error(vm, &format!("argument {n}: {msg}")));
                }
                break;
            }
        }
        for &kv in &keep[before..] {
            vm.push_root(kv);
        }
    }
    if let Err(e) = result {
        vm.pop_roots(mark);
        return Err(e);
    }
    let (ret, rsize) = if restype == Value::NONE {
        (None, 0)
    } else {
        match stg_of(vm, restype) {
            Some(s) => {
                let f = match s.kind {
                    CKind::Simple => Ffi::Prim(s.code),
                    CKind::Pointer | CKind::FuncPtr | CKind::Array => Ffi::Prim(b'P'),
                    _ => s.ffi.clone(),
                };
                (Some(f), s.size.max(8))
            }
            None => (Some(Ffi::Prim(b'i')), 8),
        }
    };
    let out = ffi_call(vm, addr, &mut conv, ret.as_ref(), rsize, flags);
    let r = convert_result(vm, restype, &out);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ helpers

/// The address a `c_void_p` argument names (CPython's conversion of the
/// helpers' first argument).
fn void_p(vm: &mut Vm, v: Value, keep: &mut Vec<Value>) -> PyResult<usize> {
    let cvp = vm_c_void_p(vm)?;
    let p = vm.call_method(cvp, "from_param", &[v])?;
    keep.push(p);
    let a = conv_param(vm, p, 1, keep)?;
    Ok(a.data[0] as usize)
}

fn vm_c_void_p(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("ctypes")?;
    let k = vm.intern("c_void_p");
    vm.getattr(m, k)
}

/// Runs the module's helper functions natively (`cast`, `string_at`,
/// `wstring_at`); None for any other address.
fn run_builtin(vm: &mut Vm, addr: usize, args: &[Value]) -> PyResult<Option<Value>> {
    let [_, _, (_, cast), (_, sat), (_, wsat)] = builtin_addresses();
    if addr != cast && addr != sat && addr != wsat {
        return Ok(None);
    }
    let mut keep = Vec::new();
    if addr == cast {
        let [obj, src, typ] = args else {
            return Err(vm.type_error("cast() takes exactly 3 arguments"));
        };
        let ok = stg_of(vm, *typ).is_some_and(|s| {
            matches!(s.kind, CKind::Pointer | CKind::FuncPtr)
                || (s.kind == CKind::Simple && matches!(s.code, b'z' | b'Z' | b'P'))
        });
        if !ok {
            let tn = if Obj::from_value(*typ).is_some_and(|o| o.kind() == K_TYPE) {
                type_name(*typ)
            } else {
                vm.type_name_of(*typ)
            };
            return Err(vm.type_error(&format!(
                "cast() argument 2 must be a pointer type, not {tn}"
            )));
        }
        let p = match void_p(vm, *obj, &mut keep) {
            Ok(p) => p,
            Err(e) => {
                let msg = describe_exc(vm, &e);
                return Err(argument_error(vm, &format!("argument 1: {msg}")));
            }
        };
        let s = stg_of(vm, *typ).expect("checked");
        let r = cdata::new_owned(vm, *typ, s)?;
        let mark = vm.push_root(r);
        let (_, rc) = cdata_of(r).expect("instance");
        rc.write(0, &(p as u64).to_le_bytes());
        let res = if cdata_of(*src).is_some() {
            cdata::keep_ref(vm, r, 0, *src)
        } else {
            Ok(())
        };
        vm.pop_roots(mark);
        res?;
        return Ok(Some(r));
    }
    let (ptr, size) = match args {
        [p, n] => (*p, vm.index_isize(*n)?),
        _ => return Err(vm.type_error("string_at() takes exactly 2 arguments")),
    };
    let p = void_p(vm, ptr, &mut keep)?;
    if p == 0 {
        return Err(vm.value_error("NULL pointer access"));
    }
    if addr == sat {
        let data = if size < 0 {
            // SAFETY: the program names a NUL-terminated string, as C's
            // strlen requires.
            unsafe { simple::c_string(p, 1) }
        } else {
            let mut v = vec![0u8; size as usize];
            // SAFETY: the program names `size` readable bytes, as C.
            unsafe { std::ptr::copy(p as *const u8, v.as_mut_ptr(), size as usize) };
            v
        };
        return Ok(Some(vm.new_bytes(&data)));
    }
    let data = if size < 0 {
        // SAFETY: as for string_at, a wide string.
        unsafe { simple::c_string(p, 4) }
    } else {
        let mut v = vec![0u8; size as usize * 4];
        // SAFETY: the program names `size` readable wide characters.
        unsafe { std::ptr::copy(p as *const u8, v.as_mut_ptr(), v.len()) };
        v
    };
    Ok(Some(vm.new_str(&simple::wchars_to_string(&data))))
}

/// `call_function(address, args)`: calls with default conversions,
/// returning a C int.
pub(crate) fn m_call_function(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let [f, args] = a else {
        return Err(vm.type_error("call_function() takes exactly 2 arguments"));
    };
    let addr = simple::addr_arg(vm, *f)?;
    let t = vm.call(vm.g.types.tuple, &[*args], Value::EMPTY)?;
    let to = Obj::from_value(t).expect("tuple");
    let items: Vec<Value> = (0..to.n_values()).map(|i| to.get(i)).collect();
    let mark = vm.push_root(t);
    let ct = vm.import_module("ctypes").and_then(|m| {
        let k = vm.intern("c_int");
        vm.getattr(m, k)
    });
    let r = match ct {
        Ok(ci) => call_with(vm, addr, &items, None, ci, FUNCFLAG_CDECL),
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    vm.add_static(gl.funcptr_meta, "__new__", meta_new, false);
    cdata::add_type_methods(vm, gl.funcptr_meta, cdata::t_from_param);
    let t = gl.cfuncptr;
    vm.add_static(t, "__new__", fp_new, false);
    vm.add_method(t, "__call__", fp_call);
    vm.add_method(t, "__bool__", fp_bool);
    vm.add_method(t, "__repr__", fp_repr);
    for (n, gf, sf) in [
        (
            "argtypes",
            fp_argtypes_get as NativeFn,
            fp_argtypes_set as NativeFn,
        ),
        ("restype", fp_restype_get, fp_restype_set),
        ("errcheck", fp_errcheck_get, fp_errcheck_set),
    ] {
        let p = vm.new_native_getset(t, n, gf, Some(sf));
        vm.add_attr(t, n, p);
    }
    Ok(())
}
