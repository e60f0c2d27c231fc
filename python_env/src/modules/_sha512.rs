//! The `_sha512` module: SHA-512 and SHA-384 hash objects, as CPython's C
//! module has them, computed by OpenSSL's libcrypto through the shared hash
//! object of `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

/// Creates the `_sha512` module (state slots: the sha512, sha384 types).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_sha512", None, 2);
    let t512 = ho::hash_type::<{ algo::SHA512 }>(vm, modname);
    let t384 = ho::hash_type::<{ algo::SHA384 }>(vm, modname);
    // CPython 3.11 exports the sha512 type under the name SHA384Type (its
    // module init stores both types under that name, the second one
    // winning) and the sha384 type under no name.
    vm.set_module_attr(m, "SHA384Type", t512);
    super::_struct::set_module_state(vm, m, 0, t512);
    super::_struct::set_module_state(vm, m, 1, t384);
    vm.add_module_functions(
        m,
        &[
            ("sha512", ho::construct_fn::<{ algo::SHA512 }>),
            ("sha384", ho::construct_fn::<{ algo::SHA384 }>),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}
