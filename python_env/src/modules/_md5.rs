//! The `_md5` module: MD5 hash objects, as CPython's C module has them,
//! computed by the `md-5` crate through the shared hash object of
//! `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

/// Creates the `_md5` module (state slot 0: the md5 type).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_md5", None, 1);
    let t = ho::hash_type::<{ algo::MD5 }>(vm, modname);
    vm.set_module_attr(m, "MD5Type", t);
    super::_struct::set_module_state(vm, m, 0, t);
    vm.add_module_functions(m, &[("md5", ho::construct_fn::<{ algo::MD5 }>)]);
    vm.pop_roots(mark);
    Ok(m)
}
