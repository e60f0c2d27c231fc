//! `_elementtree`: CPython 3.11's C accelerator of `xml.etree.ElementTree`,
//! in Rust. `ElementTree.py` ends with `from _elementtree import *`, which
//! replaces its pure-Python `Element`, `SubElement`, `TreeBuilder`,
//! `XMLParser` and `ParseError` with these, then calls `_set_factories`.
//!
//! Files: `element.rs` (the `Element` type, `SubElement`, its iterators),
//! `treebuilder.rs` (`TreeBuilder`), `parser.rs` (`XMLParser` over the
//! expat binding of `pyexpat`). This file makes the module and keeps its
//! state: the three types, `ParseError` and the comment and processing
//! instruction factories that `_set_factories` installs.
//!
//! One module object per process, as CPython 3.11's single-phase module is:
//! importing it again (after `del sys.modules['_elementtree']`, as
//! `test.support.import_fresh_module` does) returns the same object, so its
//! types, `ParseError` and factories are the same for every importer, and
//! the native code reads its state from that object without a lookup in
//! `sys.modules`.

mod element;
mod parser;
mod treebuilder;

use crate::modules::_struct::{new_module_with_state, set_module_state};
use engine::runtime::*;
use proto_core::native::Trace;
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// Module state slots (the `Element` type and its iterator's are statics
/// of `element.rs`).
/// The native TreeBuilder type (XMLParser's default target).
pub(super) const ST_TREEBUILDER: usize = 0;
pub(super) const ST_PARSEERROR: usize = 1;
/// `ElementTree.Comment` once `_set_factories` ran, else None.
pub(super) const ST_COMMENT_FACTORY: usize = 2;
/// `ElementTree.ProcessingInstruction` once `_set_factories` ran, else None.
pub(super) const ST_PI_FACTORY: usize = 3;
/// `xml.etree.ElementPath`, imported by `element.rs` on first use.
pub(super) const ST_ELEMENTPATH: usize = 4;
const N_STATE: usize = 5;

/// The module, once made (a global root).
static MODULE: OnceLock<Value> = OnceLock::new();

/// State slot `i` of the module (its slots follow the dict and the name).
pub(super) fn state(vm: &mut Vm, i: usize) -> PyResult<Value> {
    match MODULE.get().and_then(|&m| Obj::from_value(m)) {
        Some(o) if o.n_values() > 2 + i => Ok(o.get(2 + i)),
        _ => Err(vm.new_exc(vm.g.e.SystemError, "_elementtree module state is missing")),
    }
}

/// The module object (made by [`create`] before any of its objects exist).
pub(super) fn module(vm: &mut Vm) -> PyResult<Value> {
    match MODULE.get() {
        Some(&m) => Ok(m),
        None => Err(vm.new_exc(vm.g.e.SystemError, "_elementtree is not initialized")),
    }
}

/// Index of value `i` of the `own` values that an object of this module's
/// types keeps last, after what a subclass adds (`__dict__`, `__slots__`).
#[inline(always)]
pub(super) fn own_slot(o: Obj, own: usize, i: usize) -> usize {
    o.n_values() - own + i
}

/// The number of values of an instance of `cls` with `own` values of its
/// own: the `__dict__` slot, a subclass's `__slots__`, then those. Checks
/// `cls` as the type's `__new__` does (`what` names it in the messages).
pub(super) fn instance_size(vm: &mut Vm, cls: Value, own: usize, what: &str) -> PyResult<usize> {
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("{what}.__new__(X): X is not a type object ({tn})")));
    };
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    Ok(1 + type_nslots(co) + own)
}

/// A new instance of `cls` with `n` values (from [`instance_size`]), all
/// EMPTY (as the heap allocates them), and the native payload `data`.
pub(super) fn alloc_instance<T: Trace + Send + Sync + 'static>(
    vm: &mut Vm,
    cls: Value,
    n: usize,
    data: T,
) -> PyResult<Obj> {
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, data);
    match Obj::from_value(v) {
        Some(o) => Ok(o),
        None => Err(vm.new_exc(vm.g.e.MemoryError, "")),
    }
}

/// `xml.etree.ElementTree.ParseError` (a SyntaxError subclass made here).
pub(super) fn parse_error_class(vm: &mut Vm) -> PyResult<Value> {
    state(vm, ST_PARSEERROR)
}

/// `_set_factories(comment_factory, pi_factory)`: installs the factories
/// TreeBuilder uses by default; returns the previous pair.
fn set_factories(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "_set_factories", "_set_factories", a, k, 2, 2)?;
    for (v, what) in [(a[0], "Comment"), (a[1], "PI")] {
        if !v.is_none() && !vm.is_callable(v) {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("{what} factory must be callable, not {tn}")));
        }
    }
    let old_c = state(vm, ST_COMMENT_FACTORY)?;
    let old_p = state(vm, ST_PI_FACTORY)?;
    let old = vm.new_tuple(&[old_c, old_p]);
    let m = module(vm)?;
    set_module_state(vm, m, ST_COMMENT_FACTORY, a[0]);
    set_module_state(vm, m, ST_PI_FACTORY, a[1]);
    Ok(old)
}

/// Creates the `_elementtree` module, or returns the one made before.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    if let Some(&m) = MODULE.get() {
        return Ok(m);
    }
    let m = new_module_with_state(vm, "_elementtree", N_STATE);
    let mark = vm.push_root(m);
    let r = (|| {
        let modname = vm.new_str("xml.etree.ElementTree");
        vm.ctx.promote(modname);
        vm.push_root(modname);

        // ParseError(SyntaxError), as PyErr_NewException names it.
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("__module__");
        vm.dict_set_str(ns, key, modname);
        let name = vm.new_str("ParseError");
        let bases = vm.new_tuple(&[vm.g.e.SyntaxError]);
        let pe = vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY)?;
        vm.set_module_attr(m, "ParseError", pe);
        set_module_state(vm, m, ST_PARSEERROR, pe);

        element::init(vm, m, modname)?;
        treebuilder::init(vm, m, modname)?;
        parser::init(vm, m, modname)?;

        let fns: &[(&'static str, NativeFn)] = &[("_set_factories", set_factories)];
        vm.add_module_functions(m, fns);
        vm.ctx.promote(m);
        vm.ctx.add_global_root(m);
        // Two threads importing it at once: the first module made wins.
        Ok(*MODULE.get_or_init(|| m))
    })();
    vm.pop_roots(mark);
    r
}
