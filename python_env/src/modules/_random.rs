//! The `_random` module: `Random`, the Mersenne Twister (MT19937) generator
//! under CPython's `random.Random`, seeded exactly as CPython seeds it, so
//! `random.py` run on ProtoPy draws the same numbers as on CPython.
//!
//! Seeding (CPython's `random_seed`): `None` reads 624 words from the OS
//! (getrandom(2)), an int uses the 32-bit words of its absolute value
//! (least significant first) as the key of `init_by_array`, anything else
//! its `hash()` taken as an unsigned 64-bit number. `random()` builds a
//! 53-bit float from two outputs (27 and 26 bits); `getrandbits(k)` fills
//! 32-bit words least significant first, the last one keeping its top
//! bits. `getstate()` is CPython's tuple of the 624 state words and the
//! index.
//!
//! Layout: like `_queue.SimpleQueue`, an instance is a `K_INSTANCE` object
//! (slot 0 the `__dict__` of Python subclasses such as `random.Random`, then
//! their `__slots__`) whose payload is the generator behind a mutex: each
//! call (`random()`, `getrandbits`, `seed`, `getstate`, `setstate`) is one
//! atomic step, so threads sharing a generator never see a torn state.
//! The mutex is never held across an allocation or Python code.

use engine::runtime::*;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::Signed;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};

/// State words of MT19937.
const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

const MODULE_DOC: &str = "Native core of the random module: the Mersenne Twister generator.";
const TYPE_DOC: &str = "Random() -> create a random number generator with its own internal state.";

/// The Mersenne Twister's state.
struct Mt {
    state: [u32; N],
    /// Next word to temper; `N` means the block must be regenerated.
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N + 1,
        };
        mt.init_genrand(19_650_218);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
    }

    fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            let mt = &mut self.state;
            let mag = |y: u32| if y & 1 != 0 { MATRIX_A } else { 0 };
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Payload of a `_random.Random`.
struct RandomState {
    mt: Mutex<Mt>,
}

impl Trace for RandomState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// The payload of `v`, or CPython's descriptor TypeError for method `name`.
fn state(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static RandomState> {
    match Obj::from_value(v).and_then(native_ref::<RandomState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_random.Random' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The checks of a `METH_NOARGS` (`n` 0) or `METH_O` (`n` 1) method of
/// `Random`, with CPython's messages.
fn fixed(vm: &mut Vm, name: &str, a: &[Value], k: Value, n: usize) -> PyResult<()> {
    if n_kw(k) > 0 {
        return Err(vm.type_error(&format!("Random.{name}() takes no keyword arguments")));
    }
    let given = a.len() - 1;
    if given != n {
        let what = if n == 0 {
            "no arguments"
        } else {
            "exactly one argument"
        };
        return Err(vm.type_error(&format!("Random.{name}() takes {what} ({given} given)")));
    }
    Ok(())
}

/// A key from the OS's entropy, or (if that fails) from the clock and pid,
/// as CPython's `random_seed_urandom` / `random_seed_time_pid`.
fn entropy_key() -> Vec<u32> {
    let mut bytes = [0u8; N * 4];
    if getrandom::getrandom(&mut bytes).is_ok() {
        return bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mono = std::time::Instant::now().elapsed().as_nanos() as u64;
    vec![
        now as u32,
        (now >> 32) as u32,
        std::process::id(),
        mono as u32,
        (mono >> 32) as u32,
    ]
}

/// `random_seed(self, arg)`: the key `arg` gives (None for OS entropy).
fn seed_key(vm: &mut Vm, arg: Option<Value>) -> PyResult<Vec<u32>> {
    let arg = match arg {
        None => return Ok(entropy_key()),
        Some(v) if v.is_none() => return Ok(entropy_key()),
        Some(v) => v,
    };
    let n: BigUint = if vm.is_int_like(arg) {
        // int.__abs__ of the value (a subclass's __abs__ is not consulted).
        match vm.as_bigint(arg) {
            Some(b) => b.abs().magnitude().clone(),
            None => BigUint::default(),
        }
    } else {
        let h = vm.hash(arg)?;
        BigUint::from(h as u64)
    };
    let mut key = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    Ok(key)
}

// ------------------------------------------------------------------ methods

/// `Random.__new__(cls, *args, **kwargs)`: a generator seeded with the
/// fixed default; `__init__` seeds it for real.
fn r_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = n_kw(k);
    let Some(&cls) = a.first().filter(|_| a.len() > nkw) else {
        return Err(vm.type_error("Random.__new__(): not enough arguments"));
    };
    if Obj::from_value(cls).is_none_or(|o| o.kind() != K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("Random.__new__(X): X is not a type object ({tn})")));
    }
    if own_type(cls).is_none() {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "Random.__new__({n}): {n} is not a subtype of Random"
        )));
    }
    vm.new_native_instance(
        cls,
        RandomState {
            mt: Mutex::new(Mt::new()),
        },
    )
}

/// The native `Random` class in `cls`'s MRO, if any (the static class of
/// that name with the `K_INSTANCE` layout and no instance dict).
fn own_type(cls: Value) -> Option<Value> {
    let mro = type_mro(Obj::from_value(cls)?);
    (0..mro.n_values()).map(|i| mro.get(i)).find(|&t| {
        Obj::from_value(t).is_some_and(|o| {
            o.kind() == K_TYPE
                && type_flags(o) & (TF_HEAP | TF_NODICT) == TF_NODICT
                && type_layout(o) == K_INSTANCE
                && str_of(o.get(T_NAME)) == "Random"
        })
    })
}

/// `Random.__init__(self, [seed])`: keywords are refused unless a
/// subclass brings its own `__init__` (CPython's `random_init`).
fn r_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "__init__")?;
    let nkw = n_kw(k);
    if nkw > 0 {
        let cls = vm.type_of(a[0]);
        let own = own_type(cls);
        let init = vm.g.names.__init__;
        let uses_ours = match own {
            Some(t) => cls == t || vm.lookup_type(cls, init) == vm.lookup_type(t, init),
            None => true,
        };
        if uses_ours {
            return Err(vm.type_error("Random() takes no keyword arguments"));
        }
    }
    let npos = a.len() - 1 - nkw;
    if npos > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    let arg = if npos == 1 { Some(a[1]) } else { None };
    let key = seed_key(vm, arg)?;
    sync::lock(&s.mt).init_by_array(&key);
    Ok(Value::NONE)
}

/// `seed(n=None, /)`.
fn r_seed(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "seed")?;
    crate::types::clinic::method_positional(vm, "Random.seed", "seed", a, k, 0, 1)?;
    let key = seed_key(vm, a.get(1).copied())?;
    sync::lock(&s.mt).init_by_array(&key);
    Ok(Value::NONE)
}

/// `random()`: x in the interval [0, 1).
fn r_random(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "random")?;
    fixed(vm, "random", a, k, 0)?;
    let x = sync::lock(&s.mt).random();
    Ok(vm.new_float(x))
}

/// `getrandbits(k, /)`: an int with `k` random bits.
fn r_getrandbits(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "getrandbits")?;
    fixed(vm, "getrandbits", a, k, 1)?;
    let bits = crate::args::py_long_as_int(vm, a[1])?;
    if bits < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if bits == 0 {
        return Ok(Value::int(0));
    }
    if bits <= 32 {
        let r = sync::lock(&s.mt).genrand_u32() >> (32 - bits);
        return Ok(Value::int(i64::from(r)));
    }
    let nwords = ((bits - 1) / 32 + 1) as usize;
    let mut words: Vec<u32> = Vec::new();
    if words.try_reserve_exact(nwords).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    {
        let mut mt = sync::lock(&s.mt);
        let mut left = bits;
        for _ in 0..nwords {
            let mut r = mt.genrand_u32();
            if left < 32 {
                // Drop the least significant bits of the last word.
                r >>= 32 - left;
            }
            words.push(r);
            left -= 32;
        }
    }
    Ok(vm.new_bigint(BigInt::from_biguint(Sign::Plus, BigUint::new(words))))
}

/// `getstate()`: the 624 state words and the index, as a tuple.
fn r_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "getstate")?;
    fixed(vm, "getstate", a, k, 0)?;
    let (words, index) = {
        let mt = sync::lock(&s.mt);
        (mt.state, mt.index)
    };
    let mut items: Vec<Value> = words.iter().map(|&w| Value::int(i64::from(w))).collect();
    items.push(Value::int(index as i64));
    Ok(vm.new_tuple(&items))
}

/// `PyLong_AsUnsignedLong` of a state word (no `__index__`, as in CPython).
fn state_word(vm: &mut Vm, v: Value) -> PyResult<u32> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    let b = vm.as_bigint(v).unwrap_or_default();
    if b.sign() == Sign::Minus {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative value to unsigned int",
        ));
    }
    match u64::try_from(&b) {
        // CPython keeps the low 32 bits of each word.
        Ok(x) => Ok(x as u32),
        Err(_) => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C unsigned long",
        )),
    }
}

/// `setstate(state, /)`: restores what `getstate()` returned.
fn r_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "setstate")?;
    fixed(vm, "setstate", a, k, 1)?;
    let st = a[1];
    let Some(o) = Obj::from_value(st).filter(|_| vm.isinstance(st, vm.g.types.tuple)) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if o.n_values() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (i, w) in words.iter_mut().enumerate() {
        *w = state_word(vm, o.get(i))?;
    }
    let index = crate::args::c_long(vm, o.get(N))?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let mut mt = sync::lock(&s.mt);
    mt.state = words;
    mt.index = index as usize;
    Ok(Value::NONE)
}

/// Creates the `_random` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_random");
    let mark = vm.push_root(m);
    let modname = vm.new_str("_random");
    vm.ctx.promote(modname);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    let t = vm.new_static_type("Random", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(TYPE_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", r_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", r_init),
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("getstate", r_getstate),
        ("setstate", r_setstate),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.set_module_attr(m, "Random", t);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_outputs() {
        // The first outputs of the reference implementation's
        // init_by_array({0x123, 0x234, 0x345, 0x456}).
        let mut mt = Mt::new();
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.genrand_u32()).collect();
        assert_eq!(
            first,
            [
                1_067_595_299,
                955_945_823,
                477_289_528,
                4_107_218_783,
                4_228_976_476
            ]
        );
    }
}
