//! The `_sha256` module: SHA-256 and SHA-224 hash objects, as CPython's C
//! module has them, computed by OpenSSL's libcrypto through the shared hash
//! object of `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

/// Creates the `_sha256` module (state slots: the sha224, sha256 types).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_sha256", None, 2);
    let t224 = ho::hash_type::<{ algo::SHA224 }>(vm, modname);
    let t256 = ho::hash_type::<{ algo::SHA256 }>(vm, modname);
    vm.set_module_attr(m, "SHA224Type", t224);
    vm.set_module_attr(m, "SHA256Type", t256);
    super::_struct::set_module_state(vm, m, 0, t224);
    super::_struct::set_module_state(vm, m, 1, t256);
    vm.add_module_functions(
        m,
        &[
            ("sha256", ho::construct_fn::<{ algo::SHA256 }>),
            ("sha224", ho::construct_fn::<{ algo::SHA224 }>),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}
