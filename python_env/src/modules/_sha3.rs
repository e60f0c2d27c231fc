//! The `_sha3` module: the SHA3-224/256/384/512 and SHAKE128/256 types
//! (called directly, `digest(length)` for SHAKE), as CPython's C module has
//! them, computed by the `sha3` crate through the shared hash object of
//! `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

/// Creates the `_sha3` module (state slots 0..6: the types in the order of
/// `hash_object::algo`).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_sha3", None, 6);
    let types = [
        ("sha3_224", ho::hash_type::<{ algo::SHA3_224 }>(vm, modname)),
        ("sha3_256", ho::hash_type::<{ algo::SHA3_256 }>(vm, modname)),
        ("sha3_384", ho::hash_type::<{ algo::SHA3_384 }>(vm, modname)),
        ("sha3_512", ho::hash_type::<{ algo::SHA3_512 }>(vm, modname)),
        (
            "shake_128",
            ho::hash_type::<{ algo::SHAKE_128 }>(vm, modname),
        ),
        (
            "shake_256",
            ho::hash_type::<{ algo::SHAKE_256 }>(vm, modname),
        ),
    ];
    for (i, (n, t)) in types.into_iter().enumerate() {
        vm.set_module_attr(m, n, t);
        super::_struct::set_module_state(vm, m, i, t);
    }
    // CPython names its Keccak code here; ProtoPy's is RustCrypto's.
    let imp = vm.new_str("RustCrypto sha3");
    vm.set_module_attr(m, "implementation", imp);
    vm.set_module_attr(m, "keccakopt", Value::int(0));
    vm.pop_roots(mark);
    Ok(m)
}
