//! The Python-visible methods of the builtin types, one file per type.

pub mod asyncgen;
pub mod bytes;
pub mod clinic;
pub mod code;
pub mod defaultdict;
pub mod deque;
pub mod descr;
pub mod dict;
pub mod docs;
pub mod exceptions;
pub mod float;
pub mod function;
pub mod genericalias;
pub mod int;
pub mod iterators;
pub mod list;
pub mod mappingproxy;
pub mod memoryview;
pub mod module;
pub mod namespace;
pub mod object;
pub mod seq;
pub mod str;
pub mod structseq;
pub mod weakref;

use engine::runtime::{PyResult, Vm};

/// Registers every builtin type's methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    object::init(vm)?;
    exceptions::init(vm)?;
    descr::init(vm)?;
    function::init(vm)?;
    code::init(vm)?;
    int::init(vm)?;
    float::init(vm)?;
    str::init(vm)?;
    list::init(vm)?;
    dict::init(vm)?;
    iterators::init(vm)?;
    asyncgen::init(vm)?;
    genericalias::init(vm)?;
    module::init(vm)?;
    mappingproxy::init(vm)?;
    namespace::init(vm)?;
    bytes::init(vm)?;
    memoryview::init(vm)?;
    deque::init(vm)?;
    weakref::init(vm)?;
    Ok(())
}
