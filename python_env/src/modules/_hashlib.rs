//! The `_hashlib` module: hash objects (`HASH`, `HASHXOF`), HMAC, PBKDF2 and
//! scrypt over OpenSSL's libcrypto (the `openssl` crate's EVP digests), as
//! CPython's C module binds them. `hashlib` and `hmac` take their OpenSSL
//! paths when it imports: `hashlib.new`, the named constructors (except
//! BLAKE2, which `hashlib` keeps on `_blake2`), `pbkdf2_hmac` and `scrypt`.
//!
//! A hash object's payload is its EVP context behind a mutex (`update` from
//! several threads feeds whole chunks one after another, as CPython's
//! object lock makes it); `digest` finishes a copy, so the state goes on.
//! HMAC is computed here from two EVP contexts (RFC 2104's inner and outer
//! hash), so that `copy()` is a copy of both.

use super::hash_object::{data_of, fixed, hex_lower as hex};
use super::zlib::buffer as buffer_arg;
use crate::args::c_long;
use crate::types::clinic;
use engine::runtime::*;
use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::md::{Md, MdRef};
use openssl::md_ctx::MdCtx;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// Module state slots.
const HASH_T: usize = 0;
const HASHXOF_T: usize = 1;
const HMAC_T: usize = 2;
const UNSUPPORTED: usize = 3;
const N_STATE: usize = 4;

/// The module's types and exception by slot, made once per process with the
/// first module (global roots): the classes of the objects the module makes,
/// found without a `sys.modules` lookup per object.
static TYPES: OnceLock<[Value; N_STATE]> = OnceLock::new();

fn type_of_slot(vm: &mut Vm, slot: usize) -> PyResult<Value> {
    match TYPES.get() {
        Some(t) => Ok(t[slot]),
        None => super::_struct::module_state(vm, "_hashlib", slot),
    }
}

/// Python's names of the digests this module may offer and OpenSSL's name
/// of each (CPython's `py_hashes` table and the names OpenSSL 3 knows
/// without it); `openssl_md_meth_names` lists those the system's libcrypto
/// provides.
const DIGESTS: [(&str, &str); 19] = [
    ("md5", "MD5"),
    ("sha1", "SHA1"),
    ("sha224", "SHA224"),
    ("sha256", "SHA256"),
    ("sha384", "SHA384"),
    ("sha512", "SHA512"),
    ("sha512_224", "SHA512-224"),
    ("sha512_256", "SHA512-256"),
    ("sha3_224", "SHA3-224"),
    ("sha3_256", "SHA3-256"),
    ("sha3_384", "SHA3-384"),
    ("sha3_512", "SHA3-512"),
    ("shake_128", "SHAKE128"),
    ("shake_256", "SHAKE256"),
    ("blake2b", "BLAKE2B512"),
    ("blake2s", "BLAKE2S256"),
    ("md5-sha1", "MD5-SHA1"),
    ("ripemd160", "RIPEMD160"),
    ("sm3", "SM3"),
];

/// The name of the module-level constructor of [`DIGESTS`] entry `i`.
const fn ctor_name(i: usize) -> &'static str {
    match i {
        0 => "openssl_md5",
        1 => "openssl_sha1",
        2 => "openssl_sha224",
        3 => "openssl_sha256",
        4 => "openssl_sha384",
        5 => "openssl_sha512",
        8 => "openssl_sha3_224",
        9 => "openssl_sha3_256",
        10 => "openssl_sha3_384",
        11 => "openssl_sha3_512",
        12 => "openssl_shake_128",
        13 => "openssl_shake_256",
        _ => "new",
    }
}

/// The module-level constructors `openssl_NAME`, in CPython's order, with
/// the [`DIGESTS`] entry each makes.
const CONSTRUCTORS: [(&str, usize, NativeFn); 12] = [
    (ctor_name(0), 0, construct::<0>),
    (ctor_name(1), 1, construct::<1>),
    (ctor_name(2), 2, construct::<2>),
    (ctor_name(3), 3, construct::<3>),
    (ctor_name(4), 4, construct::<4>),
    (ctor_name(5), 5, construct::<5>),
    (ctor_name(8), 8, construct::<8>),
    (ctor_name(9), 9, construct::<9>),
    (ctor_name(10), 10, construct::<10>),
    (ctor_name(11), 11, construct::<11>),
    (ctor_name(12), 12, construct::<12>),
    (ctor_name(13), 13, construct::<13>),
];

/// The digest of [`DIGESTS`] entry `i`, fetched from the provider once
/// (`EVP_MD_fetch`) and kept for the process: a context initialised with a
/// fetched digest skips the implicit fetch OpenSSL 3 does on every
/// `EVP_DigestInit_ex` with a name-looked-up one (CPython keeps its fetched
/// digests in module state for the same reason). `None`: not provided.
fn fetched(i: usize) -> Option<Dig> {
    static FETCHED: [OnceLock<Option<Md>>; DIGESTS.len()] =
        [const { OnceLock::new() }; DIGESTS.len()];
    FETCHED[i]
        .get_or_init(|| Md::fetch(None, DIGESTS[i].1, None).ok())
        .as_deref()
}

/// A digest: fetched ([`fetched`]) or OpenSSL's built-in table entry, both
/// alive for the process.
type Dig = &'static MdRef;

/// A context initialised for `md`. (`MdCtx` rather than `hash::Hasher`:
/// dropping an unfinished `Hasher` computes a final digest first, which
/// every hash object would pay when collected.)
fn ctx_new(md: Dig) -> Result<MdCtx, ErrorStack> {
    let mut c = MdCtx::new()?;
    c.digest_init(md)?;
    Ok(c)
}

/// A copy of `src` (`EVP_MD_CTX_copy_ex`), for a digest that leaves the
/// state as it is, and for `copy()`.
fn ctx_copy(src: &MdCtx) -> Result<MdCtx, ErrorStack> {
    let c = MdCtx::new()?;
    // SAFETY: both are valid contexts; `c` is fresh and the copy only
    // reads `src`, which the caller's lock keeps from changing meanwhile.
    if unsafe { openssl_sys::EVP_MD_CTX_copy_ex(c.as_ptr(), src.as_ptr()) } <= 0 {
        return Err(ErrorStack::get());
    }
    Ok(c)
}

/// Finishes `c`: `md`'s digest, or `n` bytes of an XOF's output.
fn ctx_final(mut c: MdCtx, md: Dig, n: Option<usize>) -> Result<Vec<u8>, ErrorStack> {
    match n {
        // OpenSSL refuses an empty XOF output; CPython returns b''.
        Some(0) => Ok(Vec::new()),
        Some(n) => {
            let mut out = vec![0; n];
            c.digest_final_xof(&mut out)?;
            Ok(out)
        }
        None => {
            let mut out = vec![0; md.size()];
            let k = c.digest_final(&mut out)?;
            out.truncate(k);
            Ok(out)
        }
    }
}

/// `md` as the `hash` module's type, for the PBKDF2 and scrypt calls.
fn message_digest(md: Dig) -> MessageDigest {
    // SAFETY: `md` is alive for the process (see `Dig`).
    unsafe { MessageDigest::from_ptr(md.as_ptr()) }
}

/// The digest named `name` and its Python name: a Python name of
/// [`DIGESTS`], else any name OpenSSL knows (`SHA256`, `sha-256`), named
/// back by the table or, outside it, by OpenSSL's lower-case short name.
fn digest_by_name(name: &str) -> Option<(Dig, Name)> {
    if let Some(i) = DIGESTS.iter().position(|(py, _)| *py == name) {
        return fetched(i).map(|md| (md, Name::Borrowed(DIGESTS[i].0)));
    }
    let nid = MessageDigest::from_name(name)?.type_();
    let i = (0..DIGESTS.len()).find(|&i| fetched(i).is_some_and(|m| m.type_() == nid));
    match i.and_then(|i| Some((fetched(i)?, DIGESTS[i].0))) {
        Some((md, py)) => Some((md, Name::Borrowed(py))),
        None => Some((
            Md::from_nid(nid)?,
            Name::Owned(nid.short_name().ok()?.to_ascii_lowercase()),
        )),
    }
}

/// A digest's Python name.
type Name = std::borrow::Cow<'static, str>;

extern "C" {
    // libcrypto 3's accessor (not bound by openssl-sys).
    fn EVP_MD_get_flags(md: *const openssl_sys::EVP_MD) -> std::ffi::c_ulong;
}

/// `EVP_MD_FLAG_XOF`: the digest is an extendable-output function.
const EVP_MD_FLAG_XOF: std::ffi::c_ulong = 0x2;

/// Is `md` an extendable-output function (SHAKE), as CPython tests it?
fn is_xof(md: Dig) -> bool {
    // SAFETY: `md.as_ptr()` is a valid EVP_MD for the process's lifetime;
    // the accessor only reads its flags.
    unsafe { EVP_MD_get_flags(md.as_ptr()) & EVP_MD_FLAG_XOF != 0 }
}

/// CPython's `_setException`: `ValueError` (or `cls`) with OpenSSL's last
/// queued error as "[library] reason", "no reason supplied" without one.
fn openssl_error(vm: &mut Vm, cls: Value, e: &ErrorStack) -> PyException {
    let msg = match e.errors().last() {
        Some(err) => match (err.library(), err.reason()) {
            (Some(l), Some(r)) => format!("[{l}] {r}"),
            (None, Some(r)) => r.to_string(),
            _ => "no reason supplied".to_string(),
        },
        None => "no reason supplied".to_string(),
    };
    vm.new_exc(cls, &msg)
}

/// A digest name OpenSSL does not know: the ValueError CPython raises with
/// OpenSSL's message for a failed fetch.
fn unsupported_name(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.ValueError, "[digital envelope routines] unsupported")
}

// ------------------------------------------------------------------ HASH

/// Payload of a `HASH`/`HASHXOF` object; `name` and `md` never change.
struct HashObj {
    name: Name,
    md: Dig,
    h: Mutex<MdCtx>,
}

impl Trace for HashObj {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn hash_state(vm: &mut Vm, v: Value, method: &str) -> PyResult<&'static HashObj> {
    match Obj::from_value(v).and_then(native_ref::<HashObj>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{method}' for '_hashlib.HASH' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn new_hash(vm: &mut Vm, md: Dig, name: Name, data: &[u8]) -> PyResult<Value> {
    let mut h = ctx_new(md).map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    if !data.is_empty() {
        h.digest_update(data)
            .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    }
    let slot = if is_xof(md) { HASHXOF_T } else { HASH_T };
    let cls = type_of_slot(vm, slot)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        HashObj {
            name,
            md,
            h: Mutex::new(h),
        },
    ))
}

/// The bytes of an optional `string` argument.
fn opt_data(vm: &mut Vm, v: Option<Value>) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    match v {
        Some(v) => data_of(vm, v),
        None => Ok(std::borrow::Cow::Borrowed(&[])),
    }
}

/// `new(name, string=b'', *, usedforsecurity=True)`.
fn m_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [name, string, _usedforsecurity] = clinic::unpack(
        vm,
        "new",
        a,
        k,
        ["name", "string", "usedforsecurity"],
        0,
        1,
        2,
    )?;
    let name = name.expect("required");
    if !is_str(name) {
        return Err(vm.type_error("name must be a string"));
    }
    let data = opt_data(vm, string)?;
    let Some((md, py)) = digest_by_name(&str_of(name)) else {
        return Err(unsupported_name(vm));
    };
    new_hash(vm, md, py, &data)
}

/// `openssl_NAME(string=b'', *, usedforsecurity=True)`; `I` indexes
/// [`DIGESTS`].
fn construct<const I: usize>(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [string, _usedforsecurity] = clinic::unpack(
        vm,
        ctor_name(I),
        a,
        k,
        ["string", "usedforsecurity"],
        0,
        0,
        1,
    )?;
    let data = opt_data(vm, string)?;
    let Some(md) = fetched(I) else {
        return Err(unsupported_name(vm));
    };
    new_hash(vm, md, Name::Borrowed(DIGESTS[I].0), &data)
}

fn h_update(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "update")?;
    fixed(vm, "HASH.update", a, k, 1)?;
    let data = data_of(vm, a[1])?;
    let r = sync::lock(&s.h).digest_update(&data);
    r.map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    Ok(Value::NONE)
}

/// The digest of what was fed so far: a finished copy of the context
/// (`len`: the output length of an XOF).
fn finish_copy(vm: &mut Vm, s: &HashObj, len: Option<usize>) -> PyResult<Vec<u8>> {
    let c = ctx_copy(&sync::lock(&s.h));
    c.and_then(|c| ctx_final(c, s.md, len))
        .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))
}

fn h_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "digest")?;
    fixed(vm, "HASH.digest", a, k, 0)?;
    let d = finish_copy(vm, s, None)?;
    Ok(vm.new_bytes(&d))
}

fn h_hexdigest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "hexdigest")?;
    fixed(vm, "HASH.hexdigest", a, k, 0)?;
    let d = finish_copy(vm, s, None)?;
    Ok(vm.new_str(&hex(&d)))
}

/// `digest(length)` / `hexdigest(length)` of a `HASHXOF`.
fn xof_bytes(vm: &mut Vm, a: &[Value], k: Value, m: &str) -> PyResult<Vec<u8>> {
    let s = hash_state(vm, a[0], m)?;
    let [len] = clinic::unpack(vm, m, &a[1..], k, ["length"], 0, 1, 1)?;
    // A `Py_ssize_t`, without `_sha3`'s 2**29 bound.
    let n = crate::args::py_ssize_t(vm, len.expect("required"))?;
    let Ok(n) = usize::try_from(n) else {
        return Err(vm.new_exc(vm.g.e.ValueError, "value must be positive"));
    };
    finish_copy(vm, s, Some(n))
}

fn x_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = xof_bytes(vm, a, k, "digest")?;
    Ok(vm.new_bytes(&d))
}

fn x_hexdigest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = xof_bytes(vm, a, k, "hexdigest")?;
    Ok(vm.new_str(&hex(&d)))
}

fn h_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "copy")?;
    fixed(vm, "HASH.copy", a, k, 0)?;
    let h = ctx_copy(&sync::lock(&s.h)).map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    let slot = if is_xof(s.md) { HASHXOF_T } else { HASH_T };
    let cls = type_of_slot(vm, slot)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        HashObj {
            name: s.name.clone(),
            md: s.md,
            h: Mutex::new(h),
        },
    ))
}

fn h_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "__repr__")?;
    let tn = if is_xof(s.md) { "HASHXOF" } else { "HASH" };
    let addr = a[0].bits();
    Ok(vm.new_str(&format!("<{} _hashlib.{tn} object @ {addr:#x}>", s.name)))
}

fn p_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "name")?;
    Ok(vm.new_str(&s.name))
}

fn p_digest_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "digest_size")?;
    let n = if is_xof(s.md) { 0 } else { s.md.size() };
    Ok(Value::int(n as i64))
}

fn p_block_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hash_state(vm, a[0], "block_size")?;
    Ok(Value::int(s.md.block_size() as i64))
}

// ------------------------------------------------------------------ HMAC

/// Payload of an `HMAC` object: the inner hash (fed the key's inner pad and
/// the message) and the outer pad that `digest` hashes with its result.
struct HmacObj {
    name: Name,
    md: Dig,
    state: Mutex<HmacState>,
}

struct HmacState {
    inner: MdCtx,
    opad: Vec<u8>,
}

impl Trace for HmacObj {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

impl HmacState {
    /// RFC 2104: a key longer than the block is hashed first, then padded
    /// with zeros to the block; the pads are it XOR 0x36 and XOR 0x5c.
    fn new(md: Dig, key: &[u8]) -> Result<HmacState, ErrorStack> {
        let block = md.block_size();
        let mut k = if key.len() > block {
            let mut c = ctx_new(md)?;
            c.digest_update(key)?;
            ctx_final(c, md, None)?
        } else {
            key.to_vec()
        };
        k.resize(block, 0);
        let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
        let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
        let mut inner = ctx_new(md)?;
        inner.digest_update(&ipad)?;
        Ok(HmacState { inner, opad })
    }

    fn copy(&self) -> Result<HmacState, ErrorStack> {
        Ok(HmacState {
            inner: ctx_copy(&self.inner)?,
            opad: self.opad.clone(),
        })
    }

    /// The HMAC of what was fed so far (the state goes on).
    fn digest(&self, md: Dig) -> Result<Vec<u8>, ErrorStack> {
        let d = ctx_final(ctx_copy(&self.inner)?, md, None)?;
        let mut outer = ctx_new(md)?;
        outer.digest_update(&self.opad)?;
        outer.digest_update(&d)?;
        ctx_final(outer, md, None)
    }
}

fn hmac_state(vm: &mut Vm, v: Value, method: &str) -> PyResult<&'static HmacObj> {
    match Obj::from_value(v).and_then(native_ref::<HmacObj>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{method}' for '_hashlib.HMAC' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The digest a `digestmod`/`digest` argument names: a str, or one of the
/// `openssl_*` constructors (`_constructors`); anything else is
/// `UnsupportedDigestmodError`.
fn digest_by_digestmod(vm: &mut Vm, d: Value) -> PyResult<(Dig, Name)> {
    let name = if is_str(d) {
        str_of(d).into_owned()
    } else {
        match constructor_name(d) {
            Some(n) => n.to_string(),
            None => {
                let r = vm.repr(d)?;
                let cls = type_of_slot(vm, UNSUPPORTED)?;
                return Err(vm.new_exc(cls, &format!("Unsupported digestmod {}", str_of(r))));
            }
        }
    };
    digest_by_name(&name).ok_or_else(|| unsupported_name(vm))
}

/// The digest name of an `openssl_*` constructor function, if `f` is one
/// (by the native function it runs: `hmac.new(key, msg, hashlib.sha256)`
/// asks on every call).
fn constructor_name(f: Value) -> Option<&'static str> {
    let b = Obj::from_value(f)
        .filter(|o| o.kind() == K_BUILTIN)
        .and_then(builtin_data)?;
    CONSTRUCTORS
        .iter()
        .find(|(_, _, c)| std::ptr::fn_addr_eq(*c, b.f))
        .map(|&(_, i, _)| DIGESTS[i].0)
}

/// HMAC's context for `md`: XOFs and digests OpenSSL will not key are the
/// ValueError CPython's `HMAC_Init_ex` failure gives.
fn hmac_init(vm: &mut Vm, md: Dig, key: &[u8]) -> PyResult<HmacState> {
    if is_xof(md) || md.block_size() == 0 {
        return Err(vm.new_exc(vm.g.e.ValueError, "no reason supplied"));
    }
    HmacState::new(md, key).map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))
}

/// `hmac_new(key, msg=b'', digestmod=None)`.
fn m_hmac_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [key, msg, digestmod] =
        clinic::unpack(vm, "hmac_new", a, k, ["key", "msg", "digestmod"], 0, 1, 3)?;
    let key = buffer_arg(vm, key.expect("required"))?;
    // Left out, it is this TypeError; given as None, the digestmod error.
    let Some(digestmod) = digestmod else {
        return Err(vm.type_error("Missing required parameter 'digestmod'."));
    };
    let (md, py) = digest_by_digestmod(vm, digestmod)?;
    let mut st = hmac_init(vm, md, &key)?;
    if let Some(m) = msg.filter(|&m| m != Value::NONE) {
        let data = data_of(vm, m)?;
        st.inner
            .digest_update(&data)
            .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    }
    new_hmac(vm, md, py, st)
}

fn new_hmac(vm: &mut Vm, md: Dig, name: Name, st: HmacState) -> PyResult<Value> {
    let cls = type_of_slot(vm, HMAC_T)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        HmacObj {
            name,
            md,
            state: Mutex::new(st),
        },
    ))
}

/// `hmac_digest(key, msg, digest)`: one HMAC, as bytes.
fn m_hmac_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [key, msg, digest] =
        clinic::unpack(vm, "hmac_digest", a, k, ["key", "msg", "digest"], 0, 3, 3)?;
    let key = buffer_arg(vm, key.expect("required"))?;
    let msg = buffer_arg(vm, msg.expect("required"))?;
    let (md, _) = digest_by_digestmod(vm, digest.expect("required"))?;
    let mut st = hmac_init(vm, md, &key)?;
    let d = st
        .inner
        .digest_update(&msg)
        .and_then(|()| st.digest(md))
        .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    Ok(vm.new_bytes(&d))
}

fn hm_update(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "update")?;
    let [msg] = clinic::unpack(vm, "update", &a[1..], k, ["msg"], 0, 1, 1)?;
    let data = data_of(vm, msg.expect("required"))?;
    let r = sync::lock(&s.state).inner.digest_update(&data);
    r.map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    Ok(Value::NONE)
}

fn hmac_digest_of(vm: &mut Vm, a: &[Value], k: Value, m: &str) -> PyResult<Vec<u8>> {
    let s = hmac_state(vm, a[0], m)?;
    fixed(vm, &format!("HMAC.{m}"), a, k, 0)?;
    let r = sync::lock(&s.state).digest(s.md);
    r.map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))
}

fn hm_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = hmac_digest_of(vm, a, k, "digest")?;
    Ok(vm.new_bytes(&d))
}

fn hm_hexdigest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = hmac_digest_of(vm, a, k, "hexdigest")?;
    Ok(vm.new_str(&hex(&d)))
}

fn hm_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "copy")?;
    fixed(vm, "HMAC.copy", a, k, 0)?;
    let st = sync::lock(&s.state).copy();
    let st = st.map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    new_hmac(vm, s.md, s.name.clone(), st)
}

fn hm_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "__repr__")?;
    let addr = a[0].bits();
    Ok(vm.new_str(&format!("<{} HMAC object @ {addr:#x}>", s.name)))
}

fn hp_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "name")?;
    Ok(vm.new_str(&format!("hmac-{}", s.name)))
}

fn hp_digest_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "digest_size")?;
    Ok(Value::int(s.md.size() as i64))
}

fn hp_block_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = hmac_state(vm, a[0], "block_size")?;
    Ok(Value::int(s.md.block_size() as i64))
}

// ------------------------------------------------------------------ KDFs

/// `pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)`.
fn m_pbkdf2_hmac(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [name, password, salt, iterations, dklen] = clinic::unpack(
        vm,
        "pbkdf2_hmac",
        a,
        k,
        ["hash_name", "password", "salt", "iterations", "dklen"],
        0,
        4,
        5,
    )?;
    let name = name.expect("required");
    if !is_str(name) {
        let tn = vm.type_name_of(name);
        return Err(vm.type_error(&format!(
            "pbkdf2_hmac() argument 'hash_name' must be str, not {tn}"
        )));
    }
    let password = buffer_arg(vm, password.expect("required"))?;
    let salt = buffer_arg(vm, salt.expect("required"))?;
    let iterations = c_long(vm, iterations.expect("required"))?;
    let Some((md, _)) = digest_by_name(&str_of(name)) else {
        return Err(unsupported_name(vm));
    };
    if password.len() > i32::MAX as usize {
        return Err(vm.new_exc(vm.g.e.OverflowError, "password is too long."));
    }
    if salt.len() > i32::MAX as usize {
        return Err(vm.new_exc(vm.g.e.OverflowError, "salt is too long."));
    }
    if iterations < 1 {
        return Err(vm.new_exc(vm.g.e.ValueError, "iteration value must be greater than 0."));
    }
    if iterations > i64::from(i32::MAX) {
        return Err(vm.new_exc(vm.g.e.OverflowError, "iteration value is too great."));
    }
    let dklen = match dklen {
        Some(d) if d != Value::NONE => c_long(vm, d)?,
        _ => md.size() as i64,
    };
    if dklen < 1 {
        return Err(vm.new_exc(vm.g.e.ValueError, "key length must be greater than 0."));
    }
    if dklen > i64::from(i32::MAX) {
        return Err(vm.new_exc(vm.g.e.OverflowError, "key length is too great."));
    }
    if is_xof(md) {
        return Err(vm.new_exc(vm.g.e.ValueError, "no reason supplied"));
    }
    let mut key = vec![0u8; dklen as usize];
    openssl::pkcs5::pbkdf2_hmac(
        &password,
        &salt,
        iterations as usize,
        message_digest(md),
        &mut key,
    )
    .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    Ok(vm.new_bytes(&key))
}

/// An `unsigned long` argument of scrypt: missing or not an int is
/// "NAME is required and must be an unsigned int".
fn scrypt_unsigned(vm: &mut Vm, v: Option<Value>, what: &str) -> PyResult<u64> {
    let bad =
        |vm: &mut Vm| vm.type_error(&format!("{what} is required and must be an unsigned int"));
    let Some(v) = v.filter(|&v| v != Value::NONE) else {
        return Err(bad(vm));
    };
    if !vm.is_int_like(v) {
        return Err(bad(vm));
    }
    match vm.as_bigint(v).and_then(|n| u64::try_from(&n).ok()) {
        Some(n) => Ok(n),
        None => Err(bad(vm)),
    }
}

/// `scrypt(password, *, salt=None, n=None, r=None, p=None, maxmem=0,
/// dklen=64)`.
fn m_scrypt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [password, salt, n, r, p, maxmem, dklen] = clinic::unpack(
        vm,
        "scrypt",
        a,
        k,
        ["password", "salt", "n", "r", "p", "maxmem", "dklen"],
        0,
        1,
        1,
    )?;
    let password = buffer_arg(vm, password.expect("required"))?;
    let salt = match salt.filter(|&s| s != Value::NONE) {
        Some(s) => buffer_arg(vm, s)?,
        None => return Err(vm.type_error("salt is required")),
    };
    if password.len() > i32::MAX as usize {
        return Err(vm.new_exc(vm.g.e.OverflowError, "password is too long."));
    }
    if salt.len() > i32::MAX as usize {
        return Err(vm.new_exc(vm.g.e.OverflowError, "salt is too long."));
    }
    let n = scrypt_unsigned(vm, n, "n")?;
    if n < 2 || n & (n - 1) != 0 {
        return Err(vm.new_exc(vm.g.e.ValueError, "n must be a power of 2."));
    }
    let r = scrypt_unsigned(vm, r, "r")?;
    let p = scrypt_unsigned(vm, p, "p")?;
    let maxmem = match maxmem {
        Some(m) => c_long(vm, m)?,
        None => 0,
    };
    let limit = i32::MAX;
    if maxmem < 0 || maxmem > i64::from(limit) {
        return Err(vm.new_exc(
            vm.g.e.ValueError,
            &format!("maxmem must be positive and smaller than {limit}"),
        ));
    }
    let dklen = match dklen {
        Some(d) => c_long(vm, d)?,
        None => 64,
    };
    if dklen < 1 || dklen > i64::from(limit) {
        return Err(vm.new_exc(
            vm.g.e.ValueError,
            &format!("dklen must be greater than 0 and smaller than {limit}"),
        ));
    }
    let mut key = vec![0u8; dklen as usize];
    openssl::pkcs5::scrypt(&password, &salt, n, r, p, maxmem as u64, &mut key)
        .map_err(|e| openssl_error(vm, vm.g.e.ValueError, &e))?;
    Ok(vm.new_bytes(&key))
}

// ------------------------------------------------------------------ module

/// `get_fips_mode()`: 0, OpenSSL's FIPS mode is not on.
fn m_get_fips_mode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::unpack::<0>(vm, "get_fips_mode", a, k, [], 0, 0, 0)?;
    Ok(Value::int(0))
}

/// A type of this module that Python code cannot instantiate.
fn new_type(vm: &mut Vm, name: &str, base: Value, modname: Value) -> Value {
    let t = vm.new_static_type(name, base, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

fn no_new_hash(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_hashlib.HASH' instances"))
}

fn no_new_xof(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_hashlib.HASHXOF' instances"))
}

fn no_new_hmac(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_hashlib.HMAC' instances"))
}

fn add_props(vm: &mut Vm, t: Value, props: &[(&'static str, NativeFn)]) {
    for &(n, f) in props {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
}

/// Creates the `_hashlib` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, modname, mark) = super::hash_object::new_hash_module(vm, "_hashlib", None, N_STATE);
    let r = fill(vm, m, modname);
    vm.pop_roots(mark);
    r.map(|()| m)
}

fn fill(vm: &mut Vm, m: Value, modname: Value) -> PyResult<()> {
    let object = vm.g.types.object;
    let hash = new_type(vm, "HASH", object, modname);
    vm.add_static(hash, "__new__", no_new_hash, false);
    for (n, f) in [
        ("update", h_update as NativeFn),
        ("digest", h_digest),
        ("hexdigest", h_hexdigest),
        ("copy", h_copy),
        ("__repr__", h_repr),
    ] {
        vm.add_method(hash, n, f);
    }
    add_props(
        vm,
        hash,
        &[
            ("name", p_name),
            ("digest_size", p_digest_size),
            ("block_size", p_block_size),
        ],
    );
    let xof = new_type(vm, "HASHXOF", hash, modname);
    vm.add_static(xof, "__new__", no_new_xof, false);
    vm.add_method(xof, "digest", x_digest);
    vm.add_method(xof, "hexdigest", x_hexdigest);
    add_props(vm, xof, &[("digest_size", p_digest_size)]);
    let hmac = new_type(vm, "HMAC", object, modname);
    vm.add_static(hmac, "__new__", no_new_hmac, false);
    for (n, f) in [
        ("update", hm_update as NativeFn),
        ("digest", hm_digest),
        ("hexdigest", hm_hexdigest),
        ("copy", hm_copy),
        ("__repr__", hm_repr),
    ] {
        vm.add_method(hmac, n, f);
    }
    add_props(
        vm,
        hmac,
        &[
            ("name", hp_name),
            ("digest_size", hp_digest_size),
            ("block_size", hp_block_size),
        ],
    );
    let value_error = vm.g.e.ValueError;
    let unsupported = vm.call_class_in_module(
        vm.g.types.type_,
        "_hashlib",
        "UnsupportedDigestmodError",
        &[value_error],
    )?;
    for (i, (n, v)) in [
        ("HASH", hash),
        ("HASHXOF", xof),
        ("HMAC", hmac),
        ("UnsupportedDigestmodError", unsupported),
    ]
    .into_iter()
    .enumerate()
    {
        vm.set_module_attr(m, n, v);
        super::_struct::set_module_state(vm, m, i, v);
    }
    if TYPES.get().is_none() {
        for t in [hash, xof, hmac, unsupported] {
            vm.ctx.add_global_root(t);
        }
        let _ = TYPES.set([hash, xof, hmac, unsupported]);
    }
    vm.add_module_functions(
        m,
        &[
            ("new", m_new),
            ("hmac_new", m_hmac_new),
            ("hmac_digest", m_hmac_digest),
            ("pbkdf2_hmac", m_pbkdf2_hmac),
            ("scrypt", m_scrypt),
            ("get_fips_mode", m_get_fips_mode),
            ("compare_digest", super::_operator::op_compare_digest),
        ],
    );
    let ctors: Vec<(&'static str, NativeFn)> =
        CONSTRUCTORS.iter().map(|&(n, _, f)| (n, f)).collect();
    vm.add_module_functions(m, &ctors);
    // `_constructors`: each constructor function -> its digest's name.
    let d = vm.new_dict();
    let dmark = vm.push_root(d);
    for (n, i, _) in CONSTRUCTORS {
        let key = vm.intern(n);
        let f = vm.getattr(m, key)?;
        let name = vm.new_str(DIGESTS[i].0);
        vm.setitem(d, f, name)?;
    }
    let proxy = crate::types::mappingproxy::new_proxy(vm, d);
    vm.set_module_attr(m, "_constructors", proxy);
    vm.pop_roots(dmark);
    // The digests the system's libcrypto provides, by Python name.
    let names = vm.new_set(true);
    let smark = vm.push_root(names);
    for (i, (py, _)) in DIGESTS.into_iter().enumerate() {
        if fetched(i).is_some() {
            let s = vm.new_str(py);
            vm.set_add(names, s)?;
        }
    }
    vm.set_module_attr(m, "openssl_md_meth_names", names);
    vm.pop_roots(smark);
    Ok(())
}
