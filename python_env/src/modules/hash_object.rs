//! The hash-object type shared by `_md5`, `_sha1`, `_sha256`, `_sha512`,
//! `_sha3` and `_blake2`: one implementation of `update`, `digest`,
//! `hexdigest`, `copy`, `name`, `digest_size` and `block_size`,
//! parameterised by the algorithm (a const generic, so each Python type gets
//! its own native methods and a receiver of another type is refused with
//! CPython's "descriptor ... doesn't apply" message).
//!
//! A hash object's payload is the hasher behind a mutex: `update` from
//! several threads feeds whole chunks one after another (each call atomic,
//! as CPython's object lock makes it), and `digest`/`copy` see the state
//! between two updates. The data to hash is copied out of the buffer before
//! the lock is taken, so no allocation or Python code runs under it.
//!
//! Each module keeps its types in module state slots (see
//! `_struct::new_module_with_state`); [`Algo::slot`] says which.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use sha3::digest::{Digest, ExtendableOutput, Update, XofReader};

/// The algorithms, numbered for the const generic of the native methods.
pub(crate) mod algo {
    pub const MD5: u8 = 0;
    pub const SHA1: u8 = 1;
    pub const SHA224: u8 = 2;
    pub const SHA256: u8 = 3;
    pub const SHA384: u8 = 4;
    pub const SHA512: u8 = 5;
    pub const SHA3_224: u8 = 6;
    pub const SHA3_256: u8 = 7;
    pub const SHA3_384: u8 = 8;
    pub const SHA3_512: u8 = 9;
    pub const SHAKE_128: u8 = 10;
    pub const SHAKE_256: u8 = 11;
    pub const BLAKE2B: u8 = 12;
    pub const BLAKE2S: u8 = 13;
}

/// What Python sees of one algorithm: `(name, module, module state slot,
/// digest_size, block_size)`. BLAKE2's digest size is the object's own.
const INFO: [(&str, &str, usize, usize, usize); 14] = [
    ("md5", "_md5", 0, 16, 64),
    ("sha1", "_sha1", 0, 20, 64),
    ("sha224", "_sha256", 0, 28, 64),
    ("sha256", "_sha256", 1, 32, 64),
    ("sha384", "_sha512", 1, 48, 128),
    ("sha512", "_sha512", 0, 64, 128),
    ("sha3_224", "_sha3", 0, 28, 144),
    ("sha3_256", "_sha3", 1, 32, 136),
    ("sha3_384", "_sha3", 2, 48, 104),
    ("sha3_512", "_sha3", 3, 64, 72),
    ("shake_128", "_sha3", 4, 0, 168),
    ("shake_256", "_sha3", 5, 0, 136),
    ("blake2b", "_blake2", 0, 64, 128),
    ("blake2s", "_blake2", 1, 32, 64),
];

fn name_of(a: u8) -> &'static str {
    INFO[a as usize].0
}

fn module_of(a: u8) -> &'static str {
    INFO[a as usize].1
}

fn is_shake(a: u8) -> bool {
    a == algo::SHAKE_128 || a == algo::SHAKE_256
}

fn is_sha3(a: u8) -> bool {
    (algo::SHA3_224..=algo::SHAKE_256).contains(&a)
}

/// The running state of one hash.
#[derive(Clone)]
pub(crate) enum Hasher {
    Md5(md5::Md5),
    // The SHA-1 and SHA-2 family on OpenSSL's libcrypto, as CPython's
    // `_hashlib` computes them (its SHA-NI/AVX2 code: 100 MiB of SHA-256 in
    // 58.2 ms against RustCrypto sha2's 58.8 ms, the same SHA-NI path).
    Sha1(openssl::sha::Sha1),
    Sha224(openssl::sha::Sha224),
    Sha256(openssl::sha::Sha256),
    Sha384(openssl::sha::Sha384),
    Sha512(openssl::sha::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake2b_simd::State),
    Blake2s(blake2s_simd::State),
}

impl Hasher {
    /// A fresh hasher for a fixed-parameter algorithm (not BLAKE2).
    fn new(a: u8) -> Hasher {
        match a {
            algo::MD5 => Hasher::Md5(Default::default()),
            algo::SHA1 => Hasher::Sha1(openssl::sha::Sha1::new()),
            algo::SHA224 => Hasher::Sha224(openssl::sha::Sha224::new()),
            algo::SHA256 => Hasher::Sha256(openssl::sha::Sha256::new()),
            algo::SHA384 => Hasher::Sha384(openssl::sha::Sha384::new()),
            algo::SHA512 => Hasher::Sha512(openssl::sha::Sha512::new()),
            algo::SHA3_224 => Hasher::Sha3_224(Default::default()),
            algo::SHA3_256 => Hasher::Sha3_256(Default::default()),
            algo::SHA3_384 => Hasher::Sha3_384(Default::default()),
            algo::SHA3_512 => Hasher::Sha3_512(Default::default()),
            algo::SHAKE_128 => Hasher::Shake128(Default::default()),
            algo::SHAKE_256 => Hasher::Shake256(Default::default()),
            algo::BLAKE2B => Hasher::Blake2b(blake2b_simd::State::new()),
            _ => Hasher::Blake2s(blake2s_simd::State::new()),
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => Digest::update(h, data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
            Hasher::Sha3_224(h) => Digest::update(h, data),
            Hasher::Sha3_256(h) => Digest::update(h, data),
            Hasher::Sha3_384(h) => Digest::update(h, data),
            Hasher::Sha3_512(h) => Digest::update(h, data),
            Hasher::Shake128(h) => Update::update(h, data),
            Hasher::Shake256(h) => Update::update(h, data),
            Hasher::Blake2b(h) => {
                h.update(data);
            }
            Hasher::Blake2s(h) => {
                h.update(data);
            }
        }
    }

    /// The digest of what was fed so far (the state is kept); `len` is the
    /// output length of a SHAKE digest and ignored otherwise.
    fn digest(&self, len: usize) -> Vec<u8> {
        match self {
            Hasher::Md5(h) => h.clone().finalize().to_vec(),
            Hasher::Sha1(h) => h.clone().finish().to_vec(),
            Hasher::Sha224(h) => h.clone().finish().to_vec(),
            Hasher::Sha256(h) => h.clone().finish().to_vec(),
            Hasher::Sha384(h) => h.clone().finish().to_vec(),
            Hasher::Sha512(h) => h.clone().finish().to_vec(),
            Hasher::Sha3_224(h) => h.clone().finalize().to_vec(),
            Hasher::Sha3_256(h) => h.clone().finalize().to_vec(),
            Hasher::Sha3_384(h) => h.clone().finalize().to_vec(),
            Hasher::Sha3_512(h) => h.clone().finalize().to_vec(),
            Hasher::Shake128(h) => {
                let mut out = vec![0; len];
                h.clone().finalize_xof().read(&mut out);
                out
            }
            Hasher::Shake256(h) => {
                let mut out = vec![0; len];
                h.clone().finalize_xof().read(&mut out);
                out
            }
            Hasher::Blake2b(h) => h.finalize().as_bytes().to_vec(),
            Hasher::Blake2s(h) => h.finalize().as_bytes().to_vec(),
        }
    }
}

/// Payload of a hash object. The hasher is boxed: its state is more
/// aligned than native payloads may be. `algo` and `digest_size` never
/// change after creation.
struct HashState {
    algo: u8,
    digest_size: usize,
    h: Mutex<Box<Hasher>>,
}

impl Trace for HashState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// CPython's `tp_name` of a value's type: `module.name` for a hash object.
fn full_type_name(vm: &mut Vm, v: Value) -> String {
    match Obj::from_value(v).and_then(native_ref::<HashState>) {
        Some(s) => format!("{}.{}", module_of(s.algo), name_of(s.algo)),
        None => vm.type_name_of(v),
    }
}

/// The payload of `v` if it is a hash object of algorithm `A`.
fn state<const A: u8>(vm: &mut Vm, v: Value, method: &str) -> PyResult<&'static HashState> {
    match Obj::from_value(v).and_then(native_ref::<HashState>) {
        Some(s) if s.algo == A => Ok(s),
        _ => {
            let tn = full_type_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{method}' for '{}.{}' objects doesn't apply to a '{tn}' object",
                module_of(A),
                name_of(A)
            )))
        }
    }
}

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The bytes to hash from `v` (`GET_BUFFER_VIEW_OR_ERROUT`): a str is
/// refused with its own message, a non-contiguous view with BufferError.
pub(crate) fn data_of(vm: &mut Vm, v: Value) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    if is_str(v) {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    crate::types::memoryview::require_c_contiguous(vm, v)?;
    match super::zlib::bytes_like(v) {
        Some(b) => Ok(b),
        None => {
            crate::types::memoryview::check_released(vm, v)?;
            Err(vm.type_error("object supporting the buffer API required"))
        }
    }
}

/// A new hash object of algorithm `a` around `h`.
fn new_object(vm: &mut Vm, a: u8, digest_size: usize, h: Hasher) -> PyResult<Value> {
    let cls = super::_struct::module_state(vm, module_of(a), INFO[a as usize].2)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        HashState {
            algo: a,
            digest_size,
            h: Mutex::new(Box::new(h)),
        },
    ))
}

/// A new object of a fixed-parameter algorithm, fed `data` if given.
fn new_fed(vm: &mut Vm, a: u8, data: Option<Value>) -> PyResult<Value> {
    let bytes = match data {
        Some(d) => Some(data_of(vm, d)?),
        None => None,
    };
    let mut h = Hasher::new(a);
    if let Some(b) = bytes {
        h.update(&b);
    }
    new_object(vm, a, INFO[a as usize].3, h)
}

/// The module-level constructor `name(string=b'', *, usedforsecurity=True)`
/// of MD5, SHA-1 and SHA-2.
pub(crate) fn construct_fn<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, _usedforsecurity] =
        clinic::unpack(vm, name_of(A), a, k, ["string", "usedforsecurity"], 0, 0, 1)?;
    new_fed(vm, A, data)
}

/// Checks the class given to a type's own `__new__` (these types cannot be
/// subclassed, so it must be the type itself).
fn check_cls<const A: u8>(vm: &mut Vm, a: &[Value]) -> PyResult<()> {
    let own = super::_struct::module_state(vm, module_of(A), INFO[A as usize].2)?;
    match a.first() {
        Some(&c) if c == own => Ok(()),
        Some(&c) => {
            let n = if Obj::from_value(c).is_some_and(|o| o.kind() == K_TYPE) {
                type_name(c)
            } else {
                vm.type_name_of(c)
            };
            Err(vm.type_error(&format!(
                "{0}.__new__({n}): {n} is not a subtype of {0}",
                name_of(A)
            )))
        }
        None => Err(vm.type_error(&format!("{}.__new__(): not enough arguments", name_of(A)))),
    }
}

/// `sha3_*(data=b'', /, *, usedforsecurity=True)` and `shake_*(...)`: the
/// types' own `__new__`.
fn sha3_new<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_cls::<A>(vm, a)?;
    // CPython 3.11's six types share one clinic function named `sha3_224`,
    // whose name its argument errors carry.
    let [data, _usedforsecurity] = clinic::unpack(
        vm,
        "sha3_224",
        &a[1..],
        k,
        ["data", "usedforsecurity"],
        1,
        0,
        1,
    )?;
    new_fed(vm, A, data)
}

/// `__new__` of the types made only by module functions.
fn no_new<const A: u8>(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error(&format!(
        "cannot create '{}.{}' instances",
        module_of(A),
        name_of(A)
    )))
}

/// METH_NOARGS / METH_O checks, named `{type}.{method}`.
pub(crate) fn fixed(vm: &mut Vm, qual: &str, a: &[Value], k: Value, n: usize) -> PyResult<()> {
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

fn h_update<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state::<A>(vm, a[0], "update")?;
    fixed(vm, &format!("{}.update", name_of(A)), a, k, 1)?;
    let data = data_of(vm, a[1])?;
    sync::lock(&s.h).update(&data);
    Ok(Value::NONE)
}

/// The output length argument of a SHAKE digest (`unsigned long`, then at
/// most 2**29 - 1 bytes as in CPython 3.11).
fn shake_length(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    let Some(n) = vm.as_bigint(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if n.sign() == num_bigint::Sign::Minus {
        return Err(vm.new_exc(vm.g.e.ValueError, "value must be positive"));
    }
    let Ok(n) = u64::try_from(&n) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C unsigned long",
        ));
    };
    if n >= 1 << 29 {
        return Err(vm.new_exc(vm.g.e.ValueError, "length is too large"));
    }
    Ok(n as usize)
}

/// The digest bytes for `digest`/`hexdigest` (taking the length argument of
/// a SHAKE object).
fn digest_bytes<const A: u8>(vm: &mut Vm, a: &[Value], k: Value, m: &str) -> PyResult<Vec<u8>> {
    let s = state::<A>(vm, a[0], m)?;
    let q = format!("{}.{m}", name_of(A));
    if is_shake(A) {
        fixed(vm, &q, a, k, 1)?;
        let n = shake_length(vm, a[1])?;
        return Ok(sync::lock(&s.h).digest(n));
    }
    fixed(vm, &q, a, k, 0)?;
    Ok(sync::lock(&s.h).digest(s.digest_size))
}

fn h_digest<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = digest_bytes::<A>(vm, a, k, "digest")?;
    Ok(vm.new_bytes(&d))
}

fn h_hexdigest<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = digest_bytes::<A>(vm, a, k, "hexdigest")?;
    Ok(vm.new_str(&hex_lower(&d)))
}

/// `d` as lower-case hex digits (a digest's `hexdigest`).
pub(crate) fn hex_lower(d: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * d.len());
    for &b in d {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// `copy()`: CPython's message names no type ("copy() takes no arguments").
fn h_copy<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state::<A>(vm, a[0], "copy")?;
    if a.len() > 1 || n_kw(k) > 0 {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    let h = (**sync::lock(&s.h)).clone();
    new_object(vm, A, s.digest_size, h)
}

fn p_name<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state::<A>(vm, a[0], "name")?;
    Ok(vm.new_str(name_of(A)))
}

fn p_digest_size<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = state::<A>(vm, a[0], "digest_size")?;
    Ok(Value::int(s.digest_size as i64))
}

fn p_block_size<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state::<A>(vm, a[0], "block_size")?;
    Ok(Value::int(INFO[A as usize].4 as i64))
}

fn p_rate_bits<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state::<A>(vm, a[0], "_rate_bits")?;
    Ok(Value::int(INFO[A as usize].4 as i64 * 8))
}

fn p_capacity_bits<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state::<A>(vm, a[0], "_capacity_bits")?;
    Ok(Value::int(1600 - INFO[A as usize].4 as i64 * 8))
}

fn p_suffix<const A: u8>(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    state::<A>(vm, a[0], "_suffix")?;
    let suffix = if is_shake(A) { 0x1f } else { 0x06 };
    Ok(vm.new_bytes(&[suffix]))
}

// ------------------------------------------------------------------ BLAKE2

/// An unsigned argument as `_PyLong_UnsignedLong_Converter` and
/// `_PyLong_UnsignedLongLong_Converter` take it (exact ints only).
/// `overflow` is the OverflowError message past 64 bits.
fn unsigned_arg(vm: &mut Vm, v: Value, overflow: &str) -> PyResult<u64> {
    let Some(n) = vm.as_bigint(v) else {
        let i = vm.index(v)?;
        return unsigned_arg(vm, i, overflow);
    };
    if n.sign() == num_bigint::Sign::Minus {
        return Err(vm.new_exc(vm.g.e.ValueError, "value must be positive"));
    }
    u64::try_from(&n).map_err(|_| vm.new_exc(vm.g.e.OverflowError, overflow))
}

/// A bytes-like BLAKE2 parameter (`Py_buffer`).
fn buffer_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(Vec::new()),
        Some(v) => match crate::types::bytes::buf(v) {
            Some(b) if !is_str(v) => Ok(b),
            _ => {
                let tn = vm.type_name_of(v);
                Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
            }
        },
    }
}

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', person=b'',
/// fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0,
/// inner_size=0, last_node=False, usedforsecurity=True)` and `blake2s`
/// (limits 32/32/8/8 and a 48-bit node offset). Every parameter is checked
/// here before the crate sees it (its builders assert their limits).
fn blake2_new<const A: u8>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_cls::<A>(vm, a)?;
    let [data, digest_size, key, salt, person, fanout, depth, leaf_size, node_offset, node_depth, inner_size, last_node, _usedforsecurity] =
        clinic::unpack(
            vm,
            name_of(A),
            &a[1..],
            k,
            [
                "data",
                "digest_size",
                "key",
                "salt",
                "person",
                "fanout",
                "depth",
                "leaf_size",
                "node_offset",
                "node_depth",
                "inner_size",
                "last_node",
                "usedforsecurity",
            ],
            1,
            0,
            1,
        )?;
    let big = A == algo::BLAKE2B;
    let (max_out, max_key, max_salt) = if big { (64, 64, 16) } else { (32, 32, 8) };
    let int_arg = |vm: &mut Vm, v: Option<Value>, dflt: i64| -> PyResult<i64> {
        match v {
            None => Ok(dflt),
            Some(v) => crate::args::py_long_as_int(vm, v),
        }
    };
    let ds = int_arg(vm, digest_size, max_out)?;
    let key = buffer_arg(vm, key)?;
    let salt = buffer_arg(vm, salt)?;
    let person = buffer_arg(vm, person)?;
    let fanout = int_arg(vm, fanout, 1)?;
    let depth = int_arg(vm, depth, 1)?;
    let leaf_size = match leaf_size {
        None => 0,
        Some(v) => unsigned_arg(vm, v, "Python int too large to convert to C unsigned long")?,
    };
    let node_offset = match node_offset {
        None => 0,
        Some(v) => unsigned_arg(vm, v, "int too big to convert")?,
    };
    let node_depth = int_arg(vm, node_depth, 0)?;
    let inner_size = int_arg(vm, inner_size, 0)?;
    let last_node = match last_node {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    let ve = |vm: &mut Vm, msg: &str| vm.new_exc(vm.g.e.ValueError, msg);
    if !(1..=max_out).contains(&ds) {
        return Err(ve(
            vm,
            &format!("digest_size must be between 1 and {max_out} bytes"),
        ));
    }
    if salt.len() > max_salt {
        return Err(ve(vm, &format!("maximum salt length is {max_salt} bytes")));
    }
    if person.len() > max_salt {
        return Err(ve(
            vm,
            &format!("maximum person length is {max_salt} bytes"),
        ));
    }
    if !(0..=255).contains(&fanout) {
        return Err(ve(vm, "fanout must be between 0 and 255"));
    }
    if !(1..=255).contains(&depth) {
        return Err(ve(vm, "depth must be between 1 and 255"));
    }
    if leaf_size > u64::from(u32::MAX) {
        return Err(vm.new_exc(vm.g.e.OverflowError, "leaf_size is too large"));
    }
    if !big && node_offset >= 1 << 48 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "node_offset is too large"));
    }
    if !(0..=255).contains(&node_depth) {
        return Err(ve(vm, "node_depth must be between 0 and 255"));
    }
    if !(0..=max_out).contains(&inner_size) {
        return Err(ve(
            vm,
            &format!("inner_size must be between 0 and is {max_out}"),
        ));
    }
    if key.len() > max_key as usize {
        return Err(ve(vm, &format!("maximum key length is {max_key} bytes")));
    }
    let bytes = match data {
        Some(d) => Some(data_of(vm, d)?),
        None => None,
    };
    // The ranges were checked above, so the builders' assertions hold and
    // the casts are exact.
    // One parameter block for both variants (the two crates' builders have
    // the same methods but no common trait).
    macro_rules! state {
        ($params:ty, $variant:ident) => {{
            let mut p = <$params>::new();
            p.hash_length(ds as usize)
                .key(&key)
                .salt(&salt)
                .personal(&person)
                .fanout(fanout as u8)
                .max_depth(depth as u8)
                .max_leaf_length(leaf_size as u32)
                .node_offset(node_offset)
                .node_depth(node_depth as u8)
                .inner_hash_length(inner_size as usize)
                .last_node(last_node);
            Hasher::$variant(p.to_state())
        }};
    }
    let mut h = if big {
        state!(blake2b_simd::Params, Blake2b)
    } else {
        state!(blake2s_simd::Params, Blake2s)
    };
    if let Some(b) = bytes {
        h.update(&b);
    }
    new_object(vm, A, ds as usize, h)
}

// ------------------------------------------------------------------ types

/// The Python type of algorithm `A` (not subclassable, no instance dict),
/// with `__module__` set to its module's name `modname`.
pub(crate) fn hash_type<const A: u8>(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type(name_of(A), vm.g.types.object, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let new: NativeFn = if A >= algo::BLAKE2B {
        blake2_new::<A>
    } else if is_sha3(A) {
        sha3_new::<A>
    } else {
        no_new::<A>
    };
    vm.add_static(t, "__new__", new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("update", h_update::<A>),
        ("digest", h_digest::<A>),
        ("hexdigest", h_hexdigest::<A>),
        ("copy", h_copy::<A>),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let mut props: Vec<(&'static str, NativeFn)> = vec![
        ("name", p_name::<A>),
        ("digest_size", p_digest_size::<A>),
        ("block_size", p_block_size::<A>),
    ];
    if is_sha3(A) {
        props.push(("_rate_bits", p_rate_bits::<A>));
        props.push(("_capacity_bits", p_capacity_bits::<A>));
        props.push(("_suffix", p_suffix::<A>));
    }
    for (n, f) in props {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    t
}

/// A module with `n` state slots, its `__doc__` (None as CPython's have
/// it unless given), and the promoted
/// module-name string its types carry; the module is returned rooted (the
/// caller pops to the returned mark).
pub(crate) fn new_hash_module(
    vm: &mut Vm,
    name: &str,
    doc: Option<&str>,
    n: usize,
) -> (Value, Value, usize) {
    let m = super::_struct::new_module_with_state(vm, name, n);
    let mark = vm.push_root(m);
    let modname = vm.new_str(name);
    vm.ctx.promote(modname);
    vm.push_root(modname);
    if let Some(doc) = doc {
        let d = vm.new_str(doc);
        vm.set_module_attr(m, "__doc__", d);
    }
    (m, modname, mark)
}
