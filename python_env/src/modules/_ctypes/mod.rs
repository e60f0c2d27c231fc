//! The `_ctypes` module (CPython 3.11's `Modules/_ctypes/` on x86-64 Linux):
//! C data types, structures, arrays, pointers and foreign calls through
//! libffi, enough for CPython's unmodified `ctypes` package.
//!
//! - **Types.** The metaclasses (`PyCSimpleType`, `PyCStructType`,
//!   `UnionType`, `PyCArrayType`, `PyCPointerType`, `PyCFuncPtrType`) are
//!   classes deriving from `type` whose native `__new__` calls
//!   `type.__new__` and then computes the new class's layout: a [`Stg`]
//!   (CPython's `StgDict`) kept as a native object in the class dict under
//!   [`STG_KEY`]. A `Stg` is immutable once stored: setting `_fields_`
//!   later stores a new one. The base classes (`_SimpleCData`,
//!   `Structure`, ...) are static types whose class is then set to their
//!   metaclass, so, as in CPython, they have no layout of their own.
//! - **Memory** (`cdata.rs`). An instance's payload is a [`cdata::CData`]:
//!   an `Arc` of a [`cdata::Block`] (a mutex over a pointer and length)
//!   and an offset into it. An instance made by its class owns a fresh
//!   zeroed block; a field, an element or `from_buffer` shares its base's
//!   block (and keeps the base in `_b_base_`); `from_address`, pointer
//!   contents and `in_dll` borrow foreign memory. Every read and write of
//!   an instance's bytes happens under its block's mutex, so threads
//!   sharing an object never see a block freed or moved (`resize`) under
//!   them; Python code never runs with the mutex held.
//! - **Keeping referents alive.** As CPython, values whose memory an
//!   instance points to (the bytes of a `c_char_p`, a pointer's target)
//!   are kept in the `_objects` of the root of the instance's base chain,
//!   a dict keyed by the path of indexes; stored into value slots through
//!   the write barrier.
//! - **Calls** (`funcptr.rs`) go through libffi with the argument and
//!   result types known at run time; `errno` is swapped with a per-thread
//!   copy around calls made with `use_errno`.

mod array;
mod cdata;
mod dl;
mod funcptr;
mod pointer;
mod simple;
mod structs;

use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Obj, Value};
use std::sync::OnceLock;

pub use cdata::{cdata_bytes, cdata_slice, cdata_write, is_cdata};
pub(crate) use cdata::{cdata_of, CData};

/// The class-dict key of a ctypes type's layout (see the module doc).
pub(crate) const STG_KEY: &str = "__ctypes_stginfo__";

/// `FUNCFLAG_*`, as CPython's.
pub(crate) const FUNCFLAG_CDECL: i64 = 1;
pub(crate) const FUNCFLAG_HRESULT: i64 = 2;
pub(crate) const FUNCFLAG_PYTHONAPI: i64 = 4;
pub(crate) const FUNCFLAG_USE_ERRNO: i64 = 8;
pub(crate) const FUNCFLAG_USE_LASTERROR: i64 = 16;

/// What kind of C type a ctypes class describes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CKind {
    Simple,
    Struct,
    Union,
    Array,
    Pointer,
    FuncPtr,
}

/// How a C type travels through libffi by value.
#[derive(Clone, Debug)]
pub(crate) enum Ffi {
    /// A scalar of the given type code.
    Prim(u8),
    /// A structure (or union, or array, flattened) of these members.
    Struct(std::sync::Arc<Vec<Ffi>>),
}

/// A ctypes type's layout (CPython's `StgDict`), immutable once stored.
#[derive(Clone, Debug)]
pub(crate) struct Stg {
    pub kind: CKind,
    /// The type code of a simple type (0 for the others).
    pub code: u8,
    pub size: usize,
    pub align: usize,
    /// Elements of an array type.
    pub length: usize,
    pub ffi: Ffi,
    /// `FUNCFLAG_*` of a function pointer type.
    pub flags: i64,
    /// Whether instances may hold pointers (`_objects` keeps referents).
    pub has_pointer: bool,
    /// A struct type whose `_fields_` were set (they are final).
    pub has_fields: bool,
    /// A byte-swapped simple type (big-endian on this host).
    pub swapped: bool,
    /// The buffer format of an array's elements (memoryview).
    pub elem_format: Option<String>,
}

impl Trace for Stg {}

/// The types and objects every part of the module uses, made once per
/// process (CPython's static types): created by the first import and
/// reused by any later one.
pub(crate) struct Globals {
    pub simple_meta: Value,
    pub struct_meta: Value,
    pub union_meta: Value,
    pub array_meta: Value,
    pub pointer_meta: Value,
    pub funcptr_meta: Value,
    pub cdata: Value,
    pub simple: Value,
    pub structure: Value,
    pub union: Value,
    pub array: Value,
    pub pointer: Value,
    pub cfuncptr: Value,
    pub cfield: Value,
    pub carg: Value,
    pub stg_type: Value,
    pub keep_type: Value,
    pub argument_error: Value,
    pub pointer_cache: Value,
    pub stg_key: Value,
}

// SAFETY: the values are immortal or globally rooted types, dicts and
// interned strings, shared (promoted) before being stored here; they are
// never written afterwards.
unsafe impl Send for Globals {}
// SAFETY: as above; readers only copy the words.
unsafe impl Sync for Globals {}

static GLOBALS: OnceLock<Globals> = OnceLock::new();

/// The module's shared types; made by the first import of `_ctypes`.
pub(crate) fn g() -> &'static Globals {
    GLOBALS
        .get()
        .expect("_ctypes types are made before any ctypes object exists")
}

/// The layout of the ctypes type `cls` (its own or inherited), if any.
pub(crate) fn stg_of(vm: &Vm, cls: Value) -> Option<&'static Stg> {
    let gl = GLOBALS.get()?;
    let o = Obj::from_value(cls)?;
    if o.kind() != K_TYPE {
        return None;
    }
    let s = vm.lookup_type(cls, gl.stg_key)?;
    Obj::from_value(s).and_then(native_ref::<Stg>)
}

/// The layout stored in `cls`'s own dict (not a base's).
pub(crate) fn own_stg(vm: &Vm, cls: Value) -> Option<&'static Stg> {
    let gl = GLOBALS.get()?;
    let o = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE)?;
    let s = vm.dict_get_str(o.get(T_DICT), gl.stg_key)?;
    Obj::from_value(s).and_then(native_ref::<Stg>)
}

/// Stores `stg` as the layout of `cls`.
pub(crate) fn set_stg(vm: &mut Vm, cls: Value, stg: Stg) {
    let gl = g();
    let s = vm.ctx.alloc_native(K_MISC, gl.stg_type, stg);
    vm.ctx.promote(s);
    let mark = vm.push_root(s);
    let d = Obj::from_value(cls).expect("a class").get(T_DICT);
    vm.dict_set_str(d, gl.stg_key, s);
    vm.type_modified(cls);
    vm.pop_roots(mark);
}

/// `sizeof`'s TypeError for values without a C type.
pub(crate) fn no_size(vm: &mut Vm) -> PyException {
    vm.type_error("this type has no size")
}

/// The layout of `v`, a ctypes type or an instance of one.
pub(crate) fn stg_of_type_or_obj(vm: &Vm, v: Value) -> Option<&'static Stg> {
    stg_of(vm, v).or_else(|| {
        let t = vm.type_of(v);
        if cdata_of(v).is_some() {
            stg_of(vm, t)
        } else {
            None
        }
    })
}

/// An `ArgumentError` with `msg`.
pub(crate) fn argument_error(vm: &mut Vm, msg: &str) -> PyException {
    let cls = g().argument_error;
    vm.new_exc(cls, msg)
}

/// The class name of the exception `e` and its `str()`, for messages that
/// wrap it ("argument 1: TypeError: wrong type").
pub(crate) fn describe_exc(vm: &mut Vm, e: &PyException) -> String {
    let v = e.0;
    let mark = vm.push_root(v);
    let tn = vm.type_name_of(v);
    let s = match vm.str(v) {
        Ok(s) => str_of(s).into_owned(),
        Err(_) => String::new(),
    };
    vm.pop_roots(mark);
    format!("{tn}: {s}")
}

/// Calls `f` with the class attribute `name` of `cls` looked up along its
/// MRO (None if absent).
pub(crate) fn class_attr(vm: &mut Vm, cls: Value, name: &str) -> Option<Value> {
    let k = vm.intern(name);
    vm.lookup_type(cls, k)
}

/// A Python-visible type made by calling `type(name, bases, {...})` with
/// `__module__` set to `_ctypes`.
fn make_class(vm: &mut Vm, meta: Value, name: &str, bases: &[Value]) -> PyResult<Value> {
    let t = vm.call_class_in_module(meta, "_ctypes", name, bases)?;
    vm.ctx.promote(t);
    vm.ctx.add_global_root(t);
    Ok(t)
}

/// A static base class (no layout) whose class is the metaclass `meta`.
fn make_base(vm: &mut Vm, name: &str, base: Value, meta: Value) -> Value {
    let t = vm.new_static_type(name, base, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let modname = vm.new_str("_ctypes");
    vm.ctx.promote(modname);
    vm.add_attr(t, "__module__", modname);
    if meta != Value::NONE {
        vm.ctx.store_class(to, meta);
    }
    vm.ctx.promote(t);
    t
}

fn make_globals(vm: &mut Vm) -> PyResult<Globals> {
    let ty = vm.g.types.type_;
    let obj = vm.g.types.object;
    let simple_meta = make_class(vm, ty, "PyCSimpleType", &[ty])?;
    let struct_meta = make_class(vm, ty, "PyCStructType", &[ty])?;
    let union_meta = make_class(vm, ty, "UnionType", &[ty])?;
    let array_meta = make_class(vm, ty, "PyCArrayType", &[ty])?;
    let pointer_meta = make_class(vm, ty, "PyCPointerType", &[ty])?;
    let funcptr_meta = make_class(vm, ty, "PyCFuncPtrType", &[ty])?;
    let cdata = make_base(vm, "_CData", obj, Value::NONE);
    let simple = make_base(vm, "_SimpleCData", cdata, simple_meta);
    let structure = make_base(vm, "Structure", cdata, struct_meta);
    let union = make_base(vm, "Union", cdata, union_meta);
    let array = make_base(vm, "Array", cdata, array_meta);
    let pointer = make_base(vm, "_Pointer", cdata, pointer_meta);
    let cfuncptr = make_base(vm, "CFuncPtr", cdata, funcptr_meta);
    // A heap class: the engine treats only heap classes' instances with
    // `__set__` as data descriptors. Its instances carry a native payload,
    // so they are not shaped.
    let cfield = make_class(vm, ty, "CField", &[obj])?;
    let fo = Obj::from_value(cfield).expect("type");
    set_type_flags(fo, type_flags(fo) & !TF_SHAPED);
    let carg = make_base(vm, "CArgObject", obj, Value::NONE);
    let stg_type = make_base(vm, "StgInfo", obj, Value::NONE);
    let keep_type = make_base(vm, "_KeepAlive", obj, Value::NONE);
    let exc = vm.g.e.Exception;
    let argument_error = make_class(vm, ty, "ArgumentError", &[exc])?;
    let pointer_cache = vm.new_dict();
    vm.ctx.promote(pointer_cache);
    vm.ctx.add_global_root(pointer_cache);
    let stg_key = vm.intern(STG_KEY);
    Ok(Globals {
        simple_meta,
        struct_meta,
        union_meta,
        array_meta,
        pointer_meta,
        funcptr_meta,
        cdata,
        simple,
        structure,
        union,
        array,
        pointer,
        cfuncptr,
        cfield,
        carg,
        stg_type,
        keep_type,
        argument_error,
        pointer_cache,
        stg_key,
    })
}

/// Fills the types' methods (once, with the globals).
fn init_types(vm: &mut Vm) -> PyResult<()> {
    cdata::init(vm)?;
    simple::init(vm)?;
    structs::init(vm)?;
    array::init(vm)?;
    pointer::init(vm)?;
    funcptr::init(vm)?;
    Ok(())
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    if GLOBALS.get().is_none() {
        let gl = make_globals(vm)?;
        if GLOBALS.set(gl).is_ok() {
            init_types(vm)?;
        }
    }
    let gl = g();
    let m = vm.new_module("_ctypes");
    let mark = vm.push_root(m);
    let entries: [(&str, Value); 16] = [
        ("_SimpleCData", gl.simple),
        ("Structure", gl.structure),
        ("Union", gl.union),
        ("Array", gl.array),
        ("_Pointer", gl.pointer),
        ("CFuncPtr", gl.cfuncptr),
        ("ArgumentError", gl.argument_error),
        ("_pointer_type_cache", gl.pointer_cache),
        ("PyCSimpleType", gl.simple_meta),
        ("PyCStructType", gl.struct_meta),
        ("UnionType", gl.union_meta),
        ("PyCArrayType", gl.array_meta),
        ("PyCPointerType", gl.pointer_meta),
        ("PyCFuncPtrType", gl.funcptr_meta),
        ("CField", gl.cfield),
        ("CArgObject", gl.carg),
    ];
    for (n, v) in entries {
        vm.set_module_attr(m, n, v);
    }
    let ver = vm.new_str("1.1.0");
    vm.set_module_attr(m, "__version__", ver);
    let consts: [(&str, i64); 8] = [
        ("FUNCFLAG_CDECL", FUNCFLAG_CDECL),
        ("FUNCFLAG_PYTHONAPI", FUNCFLAG_PYTHONAPI),
        ("FUNCFLAG_USE_ERRNO", FUNCFLAG_USE_ERRNO),
        ("FUNCFLAG_USE_LASTERROR", FUNCFLAG_USE_LASTERROR),
        ("RTLD_LOCAL", libc::RTLD_LOCAL as i64),
        ("RTLD_GLOBAL", libc::RTLD_GLOBAL as i64),
        ("CTYPES_MAX_ARGCOUNT", 1024),
        ("_FUNCFLAG_HRESULT", FUNCFLAG_HRESULT),
    ];
    for (n, c) in consts {
        let v = vm.new_int(c);
        vm.set_module_attr(m, n, v);
    }
    for (n, a) in funcptr::builtin_addresses() {
        let v = vm.new_int(a as i64);
        vm.set_module_attr(m, n, v);
    }
    let fns: &[(&'static str, NativeFn)] = &[
        ("sizeof", cdata::m_sizeof),
        ("alignment", cdata::m_alignment),
        ("byref", cdata::m_byref),
        ("addressof", cdata::m_addressof),
        ("resize", cdata::m_resize),
        ("buffer_info", cdata::m_buffer_info),
        ("_unpickle", cdata::m_unpickle),
        ("get_errno", funcptr::m_get_errno),
        ("set_errno", funcptr::m_set_errno),
        ("call_function", funcptr::m_call_function),
        ("call_cdeclfunction", funcptr::m_call_function),
        ("POINTER", pointer::m_pointer_type),
        ("pointer", pointer::m_pointer),
        ("dlopen", dl::m_dlopen),
        ("dlsym", dl::m_dlsym),
        ("dlclose", dl::m_dlclose),
        ("Py_INCREF", cdata::m_identity),
        ("Py_DECREF", cdata::m_identity),
        ("PyObj_FromPtr", cdata::m_obj_from_ptr),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}
