//! The `_sha1` module: SHA-1 hash objects, as CPython's C module has them,
//! computed by OpenSSL's libcrypto through the shared hash object of
//! `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

/// Creates the `_sha1` module (state slot 0: the sha1 type).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_sha1", None, 1);
    let t = ho::hash_type::<{ algo::SHA1 }>(vm, modname);
    vm.set_module_attr(m, "SHA1Type", t);
    super::_struct::set_module_state(vm, m, 0, t);
    vm.add_module_functions(m, &[("sha1", ho::construct_fn::<{ algo::SHA1 }>)]);
    vm.pop_roots(mark);
    Ok(m)
}
