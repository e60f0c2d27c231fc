//! The Python-visible methods of the builtin types, one file per type.

pub mod asyncgen;
pub mod bytes;
pub mod cell;
pub mod clinic;
pub mod code;
pub mod complex;
pub mod coro_wrapper;
pub mod defaultdict;
pub mod deque;
pub mod descr;
pub mod dict;
pub mod docs;
pub mod exception_attrs;
pub mod exceptions;
pub mod float;
pub mod frame;
pub mod frozendict;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod int;
pub mod iterators;
pub mod list;
pub mod mappingproxy;
pub mod memoryview;
pub mod method;
pub mod module;
pub mod namespace;
pub mod object;
pub mod ordereddict;
pub mod range;
pub mod seq;
pub mod set;
pub mod signatures;
pub mod slice;
pub mod str;
pub mod structseq;
pub mod tuple;
pub mod weakref;

use engine::runtime::{PyResult, Vm};

/// Registers every builtin type's methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    object::init(vm)?;
    exceptions::init(vm)?;
    exception_attrs::init(vm)?;
    descr::init(vm)?;
    function::init(vm)?;
    method::init(vm)?;
    code::init(vm)?;
    frame::init(vm)?;
    cell::init(vm)?;
    generator::init(vm)?;
    int::init(vm)?;
    float::init(vm)?;
    complex::init(vm)?;
    str::init(vm)?;
    list::init(vm)?;
    tuple::init(vm)?;
    dict::init(vm)?;
    set::init(vm)?;
    frozendict::init(vm)?;
    range::init(vm)?;
    slice::init(vm)?;
    ordereddict::init(vm)?;
    iterators::init(vm)?;
    coro_wrapper::init(vm)?;
    asyncgen::init(vm)?;
    genericalias::init(vm)?;
    module::init(vm)?;
    mappingproxy::init(vm)?;
    namespace::init(vm)?;
    bytes::init(vm)?;
    memoryview::init(vm)?;
    deque::init(vm)?;
    weakref::init(vm)?;
    let repeats: Box<[engine::runtime::NativeFn]> = Box::new([
        str::str_mul,
        bytes::b_mul,
        bytes::ba_imul,
        list::seq_mul,
        list::list_imul,
        deque::deque_mul,
        deque::deque_imul,
        crate::modules::array::a_mul,
        crate::modules::array::a_imul,
    ]);
    let _ = vm.g.seq_repeat.set(repeats);
    Ok(())
}

/// Sets a native type's `__module__` and `__doc__` (immortal strs).
pub(crate) fn set_module_and_doc(vm: &mut Vm, t: proto_core::Value, module: &str, doc: &str) {
    let m = vm.new_str(module);
    vm.ctx.promote(m);
    vm.add_attr(t, "__module__", m);
    let d = vm.new_str(doc);
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
}
