//! The `_blake2` module: the blake2b and blake2s types with all of BLAKE2's
//! parameters (digest size, key, salt, person and the tree-hashing ones), as
//! CPython's C module has them, computed by the `blake2b_simd` and
//! `blake2s_simd` crates through the shared hash object of `hash_object.rs`.

use super::hash_object::{self as ho, algo};
use engine::runtime::*;
use proto_core::Value;

const MODULE_DOC: &str = "_blake2b provides BLAKE2b for hashlib\n";

/// Creates the `_blake2` module (state slots: the blake2b, blake2s types).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = ho::new_hash_module(vm, "_blake2", Some(MODULE_DOC), 2);
    let tb = ho::hash_type::<{ algo::BLAKE2B }>(vm, modname);
    let ts = ho::hash_type::<{ algo::BLAKE2S }>(vm, modname);
    let docs = [
        (tb, "Return a new BLAKE2b hash object."),
        (ts, "Return a new BLAKE2s hash object."),
    ];
    for (t, d) in docs {
        let d = vm.new_str(d);
        vm.ctx.promote(d);
        vm.add_attr(t, "__doc__", d);
    }
    // The limits, also as class attributes (CPython's type dicts).
    let limits = [(tb, [16, 16, 64, 64]), (ts, [8, 8, 32, 32])];
    for (t, [salt, person, key, digest]) in limits {
        vm.add_attr(t, "SALT_SIZE", Value::int(salt));
        vm.add_attr(t, "PERSON_SIZE", Value::int(person));
        vm.add_attr(t, "MAX_KEY_SIZE", Value::int(key));
        vm.add_attr(t, "MAX_DIGEST_SIZE", Value::int(digest));
    }
    vm.set_module_attr(m, "blake2b", tb);
    vm.set_module_attr(m, "blake2s", ts);
    super::_struct::set_module_state(vm, m, 0, tb);
    super::_struct::set_module_state(vm, m, 1, ts);
    let consts: [(&str, i64); 8] = [
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2S_SALT_SIZE", 8),
        ("BLAKE2S_PERSON_SIZE", 8),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
    ];
    for (n, v) in consts {
        vm.set_module_attr(m, n, Value::int(v));
    }
    vm.pop_roots(mark);
    Ok(m)
}
