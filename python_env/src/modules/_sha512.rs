//! The `_sha512` module: SHA-512 and SHA-384 hash objects (`update`,
//! `digest`, `hexdigest`, `copy`, `name`, `digest_size`, `block_size`), as
//! CPython's C module has them, computed by the `sha2` crate.
//!
//! A hash object's payload is the hasher behind a mutex: `update` from
//! several threads feeds whole chunks one after another (each call atomic,
//! as CPython's object lock makes it), and `digest`/`copy` see the state
//! between two updates. The data to hash is copied out of the buffer before
//! the lock is taken, so no allocation or Python code runs under it.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use sha2::{Digest, Sha384, Sha512};

const MODULE_DOC: &str = "SHA-512 and SHA-384 message digests.";

/// The hasher of one object.
#[derive(Clone)]
enum Hasher {
    Sha512(Sha512),
    Sha384(Sha384),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha512(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
        }
    }

    /// The digest of what was fed so far (the state is kept).
    fn digest(&self) -> Vec<u8> {
        match self {
            Hasher::Sha512(h) => h.clone().finalize().to_vec(),
            Hasher::Sha384(h) => h.clone().finalize().to_vec(),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Hasher::Sha512(_) => "sha512",
            Hasher::Sha384(_) => "sha384",
        }
    }

    fn digest_size(&self) -> i64 {
        match self {
            Hasher::Sha512(_) => 64,
            Hasher::Sha384(_) => 48,
        }
    }
}

/// Payload of a `_sha512.sha512` / `_sha512.sha384` object. The hasher
/// is boxed: its state is more aligned than native payloads may be.
struct HashState {
    h: Mutex<Box<Hasher>>,
}

impl Trace for HashState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn state(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static HashState> {
    match Obj::from_value(v).and_then(native_ref::<HashState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_sha512.sha512' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The bytes to hash from `v` (`GET_BUFFER_VIEW_OR_ERROUT`): a str is
/// refused with its own message, a non-contiguous view with BufferError.
fn data_of(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if is_str(v) {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    if crate::types::memoryview::is_mv(v) && !crate::types::memoryview::is_contiguous(v) {
        return Err(vm.exc_by_name(
            "BufferError",
            "memoryview: underlying buffer is not C-contiguous",
        ));
    }
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            crate::types::memoryview::check_released(vm, v)?;
            Err(vm.type_error("object supporting the buffer API required"))
        }
    }
}

/// Type name of a hash object (for messages).
fn tname(s: &HashState) -> &'static str {
    sync::lock(&s.h).name()
}

/// Module state slots: the two hash types.
const STATE_SHA512: usize = 0;
const STATE_SHA384: usize = 1;

fn new_object(vm: &mut Vm, h: Hasher) -> PyResult<Value> {
    let slot = match h {
        Hasher::Sha512(_) => STATE_SHA512,
        Hasher::Sha384(_) => STATE_SHA384,
    };
    let cls = super::_struct::module_state(vm, "_sha512", slot)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        HashState {
            h: Mutex::new(Box::new(h)),
        },
    ))
}

/// `sha512(string=b'', *, usedforsecurity=True)` and `sha384(...)`.
fn construct(vm: &mut Vm, a: &[Value], k: Value, name: &str, h: Hasher) -> PyResult<Value> {
    let [data, _usedforsecurity] =
        clinic::unpack(vm, name, a, k, ["string", "usedforsecurity"], 0, 0, 1)?;
    let bytes = match data {
        Some(d) => Some(data_of(vm, d)?),
        None => None,
    };
    let mut h = h;
    if let Some(b) = bytes {
        h.update(&b);
    }
    new_object(vm, h)
}

fn m_sha512(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    construct(vm, a, k, "sha512", Hasher::Sha512(Sha512::new()))
}

fn m_sha384(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    construct(vm, a, k, "sha384", Hasher::Sha384(Sha384::new()))
}

/// METH_NOARGS / METH_O checks, named `{type}.{method}`.
fn fixed(vm: &mut Vm, qual: &str, a: &[Value], k: Value, n: usize) -> PyResult<()> {
    if n_kw(k) > 0 {
        return Err(vm.type_error(&format!("{qual}() takes no keyword arguments")));
    }
    let given = a.len() - 1;
    if given != n {
        let what = if n == 0 {
            "no arguments"
        } else {
            "exactly one argument"
        };
        return Err(vm.type_error(&format!("{qual}() takes {what} ({given} given)")));
    }
    Ok(())
}

fn h_update(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "update")?;
    let q = format!("{}.update", tname(s));
    fixed(vm, &q, a, k, 1)?;
    let data = data_of(vm, a[1])?;
    sync::lock(&s.h).update(&data);
    Ok(Value::NONE)
}

fn h_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "digest")?;
    let q = format!("{}.digest", tname(s));
    fixed(vm, &q, a, k, 0)?;
    let d = sync::lock(&s.h).digest();
    Ok(vm.new_bytes(&d))
}

fn h_hexdigest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "hexdigest")?;
    let q = format!("{}.hexdigest", tname(s));
    fixed(vm, &q, a, k, 0)?;
    let d = sync::lock(&s.h).digest();
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_str(&hex))
}

/// `copy()`: CPython's message names no type ("copy() takes no arguments").
fn h_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "copy")?;
    if a.len() > 1 || n_kw(k) > 0 {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    let h = (**sync::lock(&s.h)).clone();
    new_object(vm, h)
}

fn p_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "name")?;
    let n = sync::lock(&s.h).name();
    Ok(vm.new_str(n))
}

fn p_digest_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "digest_size")?;
    let n = sync::lock(&s.h).digest_size();
    Ok(Value::int(n))
}

fn p_block_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state(vm, a[0], "block_size")?;
    Ok(Value::int(128))
}

fn h_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = a.first().map_or_else(|| "sha512".into(), |&t| type_name(t));
    Err(vm.type_error(&format!("cannot create '{n}' instances")))
}

/// One of the two hash types (not subclassable, no instance dict).
fn hash_type(vm: &mut Vm, name: &str, modname: Value) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", h_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("update", h_update),
        ("digest", h_digest),
        ("hexdigest", h_hexdigest),
        ("copy", h_copy),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let props: &[(&'static str, NativeFn)] = &[
        ("name", p_name),
        ("digest_size", p_digest_size),
        ("block_size", p_block_size),
    ];
    for &(n, f) in props {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    t
}

/// Creates the `_sha512` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_sha512", 2);
    let mark = vm.push_root(m);
    let modname = vm.new_str("_sha512");
    vm.ctx.promote(modname);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let t512 = hash_type(vm, "sha512", modname);
    let t384 = hash_type(vm, "sha384", modname);
    // CPython 3.11 exports the sha512 type under the name SHA384Type (its
    // module init stores both types under that name, the second one
    // winning) and the sha384 type under no name.
    vm.set_module_attr(m, "SHA384Type", t512);
    super::_struct::set_module_state(vm, m, STATE_SHA512, t512);
    super::_struct::set_module_state(vm, m, STATE_SHA384, t384);
    vm.add_module_functions(m, &[("sha512", m_sha512), ("sha384", m_sha384)]);
    vm.pop_roots(mark);
    Ok(m)
}
