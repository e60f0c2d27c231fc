//! The object protocol: hashing, equality and ordering, truth, arithmetic,
//! repr/str, iteration, subscripts, containers. Fast paths for the builtin
//! types first, then dispatch to `__dunder__` methods found on the type.

use super::*;
use crate::bytecode::BinaryOperator as B;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use proto_core::layouts::{dict::Probe, get_raw, seq_index, set_raw};

const HASH_MODULUS: i64 = (1 << 61) - 1;

/// A numeric view of an int-like value.
pub enum Num {
    /// small int / bool
    I(i64),
    /// big int
    B(&'static BigInt),
    /// float
    F(f64),
}

impl Vm {
    // ------------------------------------------------------------------ numbers

    /// Int-like or float view of `v` (bools count as ints).
    #[inline]
    pub fn num(&self, v: Value) -> Option<Num> {
        if let Some(i) = v.as_int() {
            return Some(Num::I(i));
        }
        if let Some(f) = v.as_float() {
            return Some(Num::F(f));
        }
        if v == Value::TRUE {
            return Some(Num::I(1));
        }
        if v == Value::FALSE {
            return Some(Num::I(0));
        }
        let o = Obj::from_value(v)?;
        match o.kind() {
            Kind::BIG_INT => bigint_of(v).map(Num::B),
            Kind::FLOAT => Some(Num::F(boxed_float(o))),
            // An int/float subclass instance stands for its exact value.
            K_NUMSUB => self.num(o.get(1)),
            _ => None,
        }
    }

    /// Like [`Vm::num`], but `None` for instances of int/float subclasses:
    /// the operator fast paths use it so that a subclass's overriding
    /// dunders are honoured.
    #[inline]
    pub fn exact_num(&self, v: Value) -> Option<Num> {
        if Obj::from_value(v).is_some_and(|o| o.kind() == K_NUMSUB) {
            return None;
        }
        self.num(v)
    }

    /// The value as an i64 if it is an int that fits.
    #[inline]
    pub fn as_i64(&self, v: Value) -> Option<i64> {
        match self.num(v)? {
            Num::I(i) => Some(i),
            Num::B(b) => b.to_i64(),
            Num::F(_) => None,
        }
    }

    /// The value as a BigInt if it is an int.
    pub fn as_bigint(&self, v: Value) -> Option<BigInt> {
        match self.num(v)? {
            Num::I(i) => Some(BigInt::from(i)),
            Num::B(b) => Some(b.clone()),
            Num::F(_) => None,
        }
    }

    /// Float value of an int or float.
    #[inline]
    pub fn as_f64(&self, v: Value) -> Option<f64> {
        if let Some(f) = v.as_float() {
            return Some(f);
        }
        if let Some(i) = v.as_int() {
            return Some(i as f64);
        }
        self.as_f64_slow(v)
    }

    #[inline(never)]
    fn as_f64_slow(&self, v: Value) -> Option<f64> {
        match self.num(v)? {
            Num::I(i) => Some(i as f64),
            Num::B(b) => b.to_f64(),
            Num::F(f) => Some(f),
        }
    }

    /// Is `v` an int (incl. bool)?
    pub fn is_int_like(&self, v: Value) -> bool {
        matches!(self.num(v), Some(Num::I(_)) | Some(Num::B(_)))
    }

    /// Whether `v` is usable as an index (CPython's `PyIndex_Check`): an
    /// int, or an object whose type defines `__index__`.
    pub fn has_index(&self, v: Value) -> bool {
        self.is_int_like(v)
            || self
                .lookup_type(self.type_of(v), self.g.names.__index__)
                .is_some()
    }

    /// CPython's `PyNumber_Check`: an int, float or complex (subclasses
    /// included), or an object whose type defines `__index__`, `__int__`
    /// or `__float__`.
    pub fn is_number(&self, v: Value) -> bool {
        if self.num(v).is_some() || self.isinstance(v, self.g.types.complex) {
            return true;
        }
        let t = self.type_of(v);
        [
            self.g.names.__index__,
            self.g.names.__int__,
            self.g.names.__float__,
        ]
        .into_iter()
        .any(|n| self.lookup_type(t, n).is_some())
    }

    /// The exact int of a `__int__`/`__index__` result `r` (int-like):
    /// a strict subclass instance (bool included) is accepted with
    /// CPython 3.11's DeprecationWarning and converted.
    pub fn exact_int_result(&mut self, r: Value, what: &str) -> PyResult<Value> {
        let exact = match Obj::from_value(r) {
            Some(o) if o.kind() == K_NUMSUB => o.get(1),
            _ if r.is_bool() => Value::int((r == Value::TRUE) as i64),
            _ => return Ok(r),
        };
        let tn = self.type_name_of(r);
        let mark = self.push_root(exact);
        let w = self.warn(
            self.g.e.DeprecationWarning,
            &format!(
                "{what} returned non-int (type {tn}).  The ability to return an instance of a \
                 strict subclass of int is deprecated, and may be removed in a future version \
                 of Python."
            ),
            1,
        );
        self.pop_roots(mark);
        w.map(|_| exact)
    }

    /// `operator.index(v)`.
    pub fn index(&mut self, v: Value) -> PyResult<Value> {
        if v.is_int() {
            return Ok(v);
        }
        if self.is_int_like(v) {
            // An int subclass instance gives its exact value; its __index__
            // is not consulted (PyNumber_Index).
            return Ok(match Obj::from_value(v) {
                Some(o) if o.kind() == K_NUMSUB => o.get(1),
                _ if v.is_bool() => Value::int((v == Value::TRUE) as i64),
                _ => v,
            });
        }
        let n = self.g.names.__index__;
        if let Some(r) = self.call_method_opt(v, n, &[])? {
            if self.is_int_like(r) {
                return self.exact_int_result(r, "__index__");
            }
            let tn = self.type_name_of(r);
            return Err(self.type_error(&format!("__index__ returned non-int (type {tn})")));
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!(
            "'{tn}' object cannot be interpreted as an integer"
        )))
    }

    /// `index(v)` as an isize: `PyNumber_AsSsize_t(v, PyExc_IndexError)`.
    pub fn index_isize(&mut self, v: Value) -> PyResult<isize> {
        if let Some(i) = v.as_int() {
            return Ok(i as isize);
        }
        self.number_as_ssize_t(v, self.g.e.IndexError)
            .map(|x| x as isize)
    }

    /// CPython's `PyNumber_AsSsize_t(v, exc)`: `__index__`, then the 64-bit
    /// range, raising `exc` ("cannot fit ...") outside it.
    pub fn number_as_ssize_t(&mut self, v: Value, exc: Value) -> PyResult<i64> {
        let i = self.index(v)?;
        match self.as_i64(i) {
            Some(x) => Ok(x),
            None => {
                let tn = self.type_name_of(v);
                Err(self.new_exc(
                    exc,
                    &format!("cannot fit '{tn}' into an index-sized integer"),
                ))
            }
        }
    }

    fn int_result(&mut self, b: BigInt) -> Value {
        self.new_bigint(b)
    }

    fn zero_div(&mut self, msg: &str) -> PyException {
        self.new_exc(self.g.e.ZeroDivisionError, msg)
    }

    /// Arithmetic on ints (bool included); None if not applicable.
    fn int_binop(&mut self, op: B, a: &Num, b: &Num) -> PyResult<Option<Value>> {
        let (a, b) = match (a, b) {
            (Num::F(_), _) | (_, Num::F(_)) => return Ok(None),
            (Num::I(x), Num::I(y)) => {
                let (x, y) = (*x, *y);
                let r = match op {
                    B::Add | B::InplaceAdd => x.checked_add(y),
                    B::Subtract | B::InplaceSubtract => x.checked_sub(y),
                    B::Multiply | B::InplaceMultiply => x.checked_mul(y),
                    B::FloorDivide | B::InplaceFloorDivide => {
                        if y == 0 {
                            return Err(self.zero_div("integer division or modulo by zero"));
                        }
                        x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y))
                    }
                    B::Remainder | B::InplaceRemainder => {
                        if y == 0 {
                            return Err(self.zero_div("integer modulo by zero"));
                        }
                        Some(x.mod_floor(&y))
                    }
                    B::And | B::InplaceAnd => Some(x & y),
                    B::Or | B::InplaceOr => Some(x | y),
                    B::Xor | B::InplaceXor => Some(x ^ y),
                    B::Lshift | B::InplaceLshift => {
                        if y < 0 {
                            return Err(self.new_exc(self.g.e.ValueError, "negative shift count"));
                        }
                        if y < 63 && (x.abs() >> (62 - y)) == 0 {
                            Some(x << y)
                        } else {
                            None
                        }
                    }
                    B::Rshift | B::InplaceRshift => {
                        if y < 0 {
                            return Err(self.new_exc(self.g.e.ValueError, "negative shift count"));
                        }
                        Some(if y >= 64 {
                            if x < 0 {
                                -1
                            } else {
                                0
                            }
                        } else {
                            x >> y
                        })
                    }
                    B::TrueDivide | B::InplaceTrueDivide => {
                        if y == 0 {
                            return Err(self.zero_div("division by zero"));
                        }
                        if x.abs() < (1 << 53) && y.abs() < (1 << 53) {
                            return Ok(Some(self.new_float(x as f64 / y as f64)));
                        }
                        None
                    }
                    B::Power | B::InplacePower => {
                        if y < 0 {
                            let r = (x as f64).powf(y as f64);
                            if x == 0 {
                                return Err(
                                    self.zero_div("0.0 cannot be raised to a negative power")
                                );
                            }
                            return Ok(Some(self.new_float(r)));
                        }
                        if y > u32::MAX as i64 {
                            None
                        } else {
                            x.checked_pow(y as u32)
                        }
                    }
                    _ => return Ok(None),
                };
                if let Some(r) = r {
                    return Ok(Some(self.new_int(r)));
                }
                (BigInt::from(x), BigInt::from(y))
            }
            (a, b) => {
                // Sums, differences and products read big operands in
                // place (the general path below clones both first).
                macro_rules! by_ref {
                    ($op:tt) => {
                        match (a, b) {
                            (Num::B(x), Num::B(y)) => Some(*x $op *y),
                            (Num::B(x), Num::I(y)) => Some(*x $op *y),
                            (Num::I(x), Num::B(y)) => Some(*x $op *y),
                            _ => None,
                        }
                    };
                }
                let r = match op {
                    B::Add | B::InplaceAdd => by_ref!(+),
                    B::Subtract | B::InplaceSubtract => by_ref!(-),
                    B::Multiply | B::InplaceMultiply => by_ref!(*),
                    B::FloorDivide | B::InplaceFloorDivide | B::Remainder | B::InplaceRemainder => {
                        let floor = matches!(op, B::FloorDivide | B::InplaceFloorDivide);
                        let (tx, ty);
                        let x: &BigInt = match a {
                            Num::B(x) => x,
                            n => {
                                tx = num_to_big(n);
                                &tx
                            }
                        };
                        let y: &BigInt = match b {
                            Num::B(y) => y,
                            n => {
                                ty = num_to_big(n);
                                &ty
                            }
                        };
                        if y.is_zero() {
                            return Err(self.zero_div(if floor {
                                "integer division or modulo by zero"
                            } else {
                                "integer modulo by zero"
                            }));
                        }
                        Some(match small_quotient_divmod(x, y) {
                            Some((q, _)) if floor => BigInt::from(q),
                            Some((_, r)) => r,
                            None if floor => x.div_floor(y),
                            None => x.mod_floor(y),
                        })
                    }
                    _ => None,
                };
                if let Some(r) = r {
                    return Ok(Some(self.int_result(r)));
                }
                (num_to_big(a), num_to_big(b))
            }
        };
        let r = match op {
            B::Add | B::InplaceAdd => a + b,
            B::Subtract | B::InplaceSubtract => a - b,
            B::Multiply | B::InplaceMultiply => a * b,
            B::FloorDivide | B::InplaceFloorDivide => {
                if b.is_zero() {
                    return Err(self.zero_div("integer division or modulo by zero"));
                }
                a.div_floor(&b)
            }
            B::Remainder | B::InplaceRemainder => {
                if b.is_zero() {
                    return Err(self.zero_div("integer modulo by zero"));
                }
                a.mod_floor(&b)
            }
            B::And | B::InplaceAnd => a & b,
            B::Or | B::InplaceOr => a | b,
            B::Xor | B::InplaceXor => a ^ b,
            B::Lshift | B::InplaceLshift => {
                if b.is_negative() {
                    return Err(self.new_exc(self.g.e.ValueError, "negative shift count"));
                }
                // CPython: zero shifted by any count is zero.
                if a.is_zero() {
                    return Ok(Some(Value::int(0)));
                }
                self.check_lshift_size(&a, &b)?;
                a << b.to_usize().unwrap_or(usize::MAX)
            }
            B::Rshift | B::InplaceRshift => {
                if b.is_negative() {
                    return Err(self.new_exc(self.g.e.ValueError, "negative shift count"));
                }
                let s = b.to_usize().unwrap_or(usize::MAX).min(1 << 40);
                if a.is_negative() {
                    let one = BigInt::from(1);
                    -((-a - &one) >> s) - one
                } else {
                    a >> s
                }
            }
            B::TrueDivide | B::InplaceTrueDivide => {
                if b.is_zero() {
                    return Err(self.zero_div("division by zero"));
                }
                let r = bigdiv_f64(&a, &b);
                if r.is_infinite() {
                    return Err(self.new_exc(
                        self.g.e.OverflowError,
                        "integer division result too large for a float",
                    ));
                }
                return Ok(Some(self.new_float(r)));
            }
            B::Power | B::InplacePower => {
                if b.is_negative() {
                    let (fa, fb) = (
                        a.to_f64().unwrap_or(f64::INFINITY),
                        b.to_f64().unwrap_or(f64::NEG_INFINITY),
                    );
                    return Ok(Some(self.new_float(fa.powf(fb))));
                }
                let Some(e) = b.to_u32() else {
                    // Bases 0, 1 and -1 have exact powers at any exponent.
                    if a.is_zero() || a == BigInt::from(1) {
                        return Ok(Some(self.int_result(a)));
                    }
                    if a == BigInt::from(-1) {
                        let odd = b.is_odd();
                        return Ok(Some(Value::int(if odd { -1 } else { 1 })));
                    }
                    return Err(self.new_exc(self.g.e.OverflowError, "exponent too large"));
                };
                if a.bits() as u128 * e as u128 > 1 << 31 {
                    return Err(self.new_exc(self.g.e.MemoryError, ""));
                }
                num_traits::pow(a, e as usize)
            }
            _ => return Ok(None),
        };
        Ok(Some(self.int_result(r)))
    }

    fn float_binop(&mut self, op: B, a: f64, b: f64) -> PyResult<Option<Value>> {
        let r = match op {
            B::Add | B::InplaceAdd => a + b,
            B::Subtract | B::InplaceSubtract => a - b,
            B::Multiply | B::InplaceMultiply => a * b,
            B::TrueDivide | B::InplaceTrueDivide => {
                if b == 0.0 {
                    return Err(self.zero_div("float division by zero"));
                }
                a / b
            }
            B::FloorDivide | B::InplaceFloorDivide => {
                if b == 0.0 {
                    return Err(self.zero_div("float floor division by zero"));
                }
                float_divmod(a, b).0
            }
            B::Remainder | B::InplaceRemainder => {
                if b == 0.0 {
                    return Err(self.zero_div("float modulo"));
                }
                float_divmod(a, b).1
            }
            B::Power | B::InplacePower => {
                if a == 0.0 && b < 0.0 && b.is_finite() {
                    return Err(self.zero_div("0.0 cannot be raised to a negative power"));
                }
                // A finite negative base to a non-integer power: complex
                // result (a+0j)**b. (-inf)**b is IEEE's pow, as in CPython.
                if a < 0.0 && a.is_finite() && b.fract() != 0.0 && b.is_finite() {
                    let (r, th) = (a.abs().powf(b), std::f64::consts::PI * b);
                    return Ok(Some(self.new_complex(r * th.cos(), r * th.sin())));
                }
                let r = a.powf(b);
                if r.is_infinite() && a.is_finite() && b.is_finite() {
                    return Err(self.new_exc(
                        self.g.e.OverflowError,
                        "(34, 'Numerical result out of range')",
                    ));
                }
                r
            }
            _ => return Ok(None),
        };
        Ok(Some(self.new_float(r)))
    }

    /// `a op b` for BINARY_OP.
    pub fn binary_op(&mut self, op: B, a: Value, b: Value) -> PyResult<Value> {
        // An instance of a class (a user's, or a native one such as Decimal) takes
        // none of the builtin types' fast paths below: straight to the dunders.
        if Obj::from_value(a).is_some_and(|o| o.kind() == K_INSTANCE) {
            return self.binary_op_generic(op, a, b);
        }
        if a.is_bool() && b.is_bool() {
            let (x, y) = (a == Value::TRUE, b == Value::TRUE);
            match op {
                B::And | B::InplaceAnd => return Ok(Value::bool(x & y)),
                B::Or | B::InplaceOr => return Ok(Value::bool(x | y)),
                B::Xor | B::InplaceXor => return Ok(Value::bool(x ^ y)),
                _ => {}
            }
        }
        // Fast paths.
        if a.is_int() && b.is_int() {
            match op {
                B::Add | B::InplaceAdd => {
                    if let Some(r) = Value::int_add(a, b) {
                        return Ok(r);
                    }
                }
                B::Subtract | B::InplaceSubtract => {
                    if let Some(r) = Value::int_sub(a, b) {
                        return Ok(r);
                    }
                }
                _ => {}
            }
        }
        // `fmt % args` with an exact str on the left: str.__mod__ itself,
        // unless the right operand is a str subclass (its __rmod__ comes
        // first then).
        if matches!(op, B::Remainder | B::InplaceRemainder) {
            if let Some(ao) = Obj::from_value(a) {
                let s = self.g.types.str_;
                if ao.kind() == Kind::STR
                    && ao.class() == s
                    && !Obj::from_value(b)
                        .is_some_and(|bo| bo.kind() == Kind::STR && bo.class() != s)
                {
                    if let Some(f) = self.g.hooks().str_mod {
                        return f(self, a, b);
                    }
                }
            }
        }
        // Exact str/tuple/list concatenation and list/tuple repetition
        // before the numeric paths: `exact_num` rejects those operands only
        // after its own checks.
        if let (Some(ao), Some(bo)) = (Obj::from_value(a), Obj::from_value(b)) {
            let (ka, kb) = (ao.kind(), bo.kind());
            let (ca, cb) = (ao.class(), bo.class());
            let t = &self.g.types;
            if matches!(op, B::Add | B::InplaceAdd) {
                if ka == Kind::STR && kb == Kind::STR && ca == t.str_ && cb == t.str_ {
                    return Ok(self.str_concat(a, b, op == B::InplaceAdd));
                }
                if ka == Kind::BYTES && kb == Kind::BYTES && ca == t.bytes && cb == t.bytes {
                    // Both read in place (rooted operands; objects never
                    // move), copied once into the result, which `+=` makes
                    // a view of a buffer that later `+=` extend in place.
                    let class = t.bytes;
                    let grow = op == B::InplaceAdd;
                    let r = lstr::try_concat_bytes(&mut self.ctx, class, ao, lstr::bytes(bo), grow);
                    return r.ok_or_else(|| self.no_memory());
                }
                // `ba += b` on an exact local bytearray whose buffer has room
                // for exact bytes `b`: the append, without the call of
                // `bytearray.__iadd__` (which grows the buffer otherwise).
                if op == B::InplaceAdd
                    && ka == K_BYTEARRAY
                    && ca == t.bytearray
                    && kb == Kind::BYTES
                    && cb == t.bytes
                    && ao.is_local_mutable()
                {
                    if let Some(buf) = Obj::from_value(ao.get(0)) {
                        // SAFETY: `ao` is local, so this thread is the only
                        // writer of its buffer (a buffer belongs to one
                        // bytearray and is never handed out) and holds no
                        // slice of it; `b`'s bytes belong to another object.
                        if unsafe { lstr::buffer_append(buf, lstr::bytes(bo)) } {
                            return Ok(a);
                        }
                    }
                }
                if ka == Kind::TUPLE && kb == Kind::TUPLE && ca == t.tuple && cb == t.tuple {
                    let mut items = self.seq_items(a);
                    items.extend(self.seq_items(b));
                    return Ok(self.new_tuple(&items));
                }
                if ka == Kind::LIST && kb == Kind::LIST && ca == t.list && cb == t.list {
                    if op == B::InplaceAdd {
                        // One step under the lock, like `list.extend`: the
                        // items stay together, and no safepoint lies
                        // between the snapshot and the append (the
                        // snapshot alone holds items `b` may lose).
                        let items = self.seq_items(b);
                        let grown =
                            self.with_mut_lock(ao, |ctx| llist::try_extend(ctx, ao, &items))?;
                        self.grown(grown)?;
                        return Ok(a);
                    }
                    let mut items = self.seq_items(a);
                    items.extend(self.seq_items(b));
                    return Ok(self.new_list(&items));
                }
            }
        }
        // `[x] * n` / `(x,) * n` (either order) on exact lists and tuples of
        // modest result size; in-place `*=` keeps the general path (it must
        // mutate the list).
        if op == B::Multiply {
            let (seq, count) = if b.is_int() { (a, b) } else { (b, a) };
            if let (Some(so), true) = (Obj::from_value(seq), count.is_int()) {
                let t = &self.g.types;
                let is_list = so.kind() == Kind::LIST && so.class() == t.list;
                let is_tuple = so.kind() == Kind::TUPLE && so.class() == t.tuple;
                if is_list || is_tuple {
                    let k = count.int_unchecked().max(0) as usize;
                    if is_tuple && k == 1 {
                        return Ok(seq);
                    }
                    // Small results (`[0] * 8`, `[x] * 3`) are built on the
                    // stack: no heap vectors.
                    const SMALL: usize = 32;
                    let n = if is_list {
                        llist::len(so)
                    } else {
                        so.n_values()
                    };
                    if n > 0 && n.saturating_mul(k) <= SMALL && (is_list || k >= 2) {
                        let mut src = [Value::NONE; SMALL];
                        let mut got = 0;
                        for (i, slot) in src.iter_mut().enumerate().take(n) {
                            // A shared list may shrink meanwhile: what is left.
                            let x = if is_list {
                                llist::get(so, i)
                            } else {
                                Some(so.get(i))
                            };
                            let Some(x) = x else { break };
                            *slot = x;
                            got += 1;
                        }
                        let mut out = [Value::NONE; SMALL];
                        for r in 0..k {
                            out[r * got..(r + 1) * got].copy_from_slice(&src[..got]);
                        }
                        let out = &out[..got * k];
                        // A tuple here has items and k >= 2: never `()`.
                        return Ok(if is_list {
                            self.new_list(out)
                        } else {
                            self.new_tuple(out)
                        });
                    }
                    let items = self.seq_items(seq);
                    if is_list {
                        return self.new_list_repeated(&items, k);
                    }
                    // An empty tuple result is the `()` singleton: the general
                    // path makes it.
                    if k >= 2 && !items.is_empty() && items.len().saturating_mul(k) <= 1 << 16 {
                        let out = self.try_repeat(&items, k)?;
                        return Ok(self.new_tuple(&out));
                    }
                }
            }
        }
        if let (Some(na), Some(nb)) = (self.exact_num(a), self.exact_num(b)) {
            if let Some(r) = self.int_binop(op, &na, &nb)? {
                return Ok(r);
            }
            if let (Some(x), Some(y)) = (num_f64(&na), num_f64(&nb)) {
                if let Some(r) = self.float_binop(op, x, y)? {
                    return Ok(r);
                }
            } else if matches!(na, Num::F(_)) || matches!(nb, Num::F(_)) {
                return Err(
                    self.new_exc(self.g.e.OverflowError, "int too large to convert to float")
                );
            }
        }
        self.binary_op_generic(op, a, b)
    }

    /// Numeric-only `a op b` (ints, bools, floats); None when not both
    /// numbers or the operator does not apply. Never dispatches to dunders
    /// (the builtin numeric dunders of python_env use it).
    pub fn num_binary_op(&mut self, op: B, a: Value, b: Value) -> PyResult<Option<Value>> {
        if a.is_bool() && b.is_bool() {
            let (x, y) = (a == Value::TRUE, b == Value::TRUE);
            match op {
                B::And | B::InplaceAnd => return Ok(Some(Value::bool(x & y))),
                B::Or | B::InplaceOr => return Ok(Some(Value::bool(x | y))),
                B::Xor | B::InplaceXor => return Ok(Some(Value::bool(x ^ y))),
                _ => {}
            }
        }
        let (Some(na), Some(nb)) = (self.num(a), self.num(b)) else {
            return Ok(None);
        };
        if let Some(r) = self.int_binop(op, &na, &nb)? {
            return Ok(Some(r));
        }
        if let (Some(x), Some(y)) = (num_f64(&na), num_f64(&nb)) {
            return self.float_binop(op, x, y);
        }
        Ok(None)
    }

    /// The forward, reflected and in-place method names of `op`.
    fn binop_names(&self, op: B) -> (Value, Value, Value) {
        let n = &self.g.names;
        match op {
            B::Add | B::InplaceAdd => (n.__add__, n.__radd__, n.__iadd__),
            B::Subtract | B::InplaceSubtract => (n.__sub__, n.__rsub__, n.__isub__),
            B::Multiply | B::InplaceMultiply => (n.__mul__, n.__rmul__, n.__imul__),
            B::TrueDivide | B::InplaceTrueDivide => (n.__truediv__, n.__rtruediv__, n.__itruediv__),
            B::FloorDivide | B::InplaceFloorDivide => {
                (n.__floordiv__, n.__rfloordiv__, n.__ifloordiv__)
            }
            B::Remainder | B::InplaceRemainder => (n.__mod__, n.__rmod__, n.__imod__),
            B::Power | B::InplacePower => (n.__pow__, n.__rpow__, n.__ipow__),
            B::Lshift | B::InplaceLshift => (n.__lshift__, n.__rlshift__, n.__ilshift__),
            B::Rshift | B::InplaceRshift => (n.__rshift__, n.__rrshift__, n.__irshift__),
            B::And | B::InplaceAnd => (n.__and__, n.__rand__, n.__iand__),
            B::Or | B::InplaceOr => (n.__or__, n.__ror__, n.__ior__),
            B::Xor | B::InplaceXor => (n.__xor__, n.__rxor__, n.__ixor__),
            B::MatrixMultiply | B::InplaceMatrixMultiply => {
                (n.__matmul__, n.__rmatmul__, n.__imatmul__)
            }
        }
    }

    /// `a op b` through this thread's cache when `a` is an instance of a
    /// native type whose method for `op` is a plain native method owned by
    /// that type (Decimal's operators), and `b` is of the same type or a
    /// small int: the method is called directly,
    /// without the general path's lookups (in-place method, sequence repeat,
    /// forward and reflected methods: a cache entry records that none of
    /// them applies). None when the cache does not apply, or the method
    /// returned NotImplemented (the general path then decides, calling it
    /// again: such methods have no side effects before they decline).
    ///
    /// An entry is valid while its type's version is: a change to the type
    /// or one of its bases retires it. The order of calls is CPython's: for
    /// the same type only the forward method is called; a small int's type
    /// is no subclass of `a`'s (the fill checks it), so `a`'s method goes
    /// first there as well.
    #[inline]
    fn binop_cached(&mut self, op: B, a: Value, b: Value) -> PyResult<Option<Value>> {
        self.native_op_cached(NativeOp::Binary(op), a, b)
    }

    /// [`Vm::binop_cached`] for an operator or a comparison (inlined into each
    /// caller: out of line it cost telco's operators about 200 instructions
    /// per call priced).
    #[inline(always)]
    fn native_op_cached(&mut self, op: NativeOp, a: Value, b: Value) -> PyResult<Option<Value>> {
        let Some(ao) = Obj::from_value(a).filter(|o| o.kind() == K_INSTANCE) else {
            return Ok(None);
        };
        let ta = ao.class();
        if !(b.is_int() || Obj::from_value(b).is_some_and(|bo| bo.class() == ta)) {
            return Ok(None);
        }
        let Some(to) = Obj::from_value(ta) else {
            return Ok(None);
        };
        let key = op.key();
        let slot = ((ta.bits() >> 6) as usize ^ (key as usize).wrapping_mul(7)) % BINOP_CACHE;
        let e = self.binop_cache[slot];
        let f = if e.tp == ta.bits() && e.op == key && e.version == self.cache_version(to) {
            e.f
        } else {
            // The version is read before the lookups: a change to the class
            // while they run (another thread) gives it a new version, which
            // retires this entry at its next use.
            let version = self.type_version(to);
            let f = self.binop_fill(op, to);
            self.binop_cache[slot] = BinopEntry {
                tp: ta.bits(),
                version,
                op: key,
                f,
            };
            f
        };
        let Some(f) = f else {
            return Ok(None);
        };
        let base = self.ctx.stack().top();
        {
            let st = self.ctx.stack();
            st.push(a);
            st.push(b);
        }
        let r = self.run_native(f, &[a, b], Value::EMPTY);
        self.ctx.stack().set_top(base);
        match r? {
            r if r == Value::NOT_IMPLEMENTED => Ok(None),
            r => Ok(Some(r)),
        }
    }

    /// The native method [`Vm::native_op_cached`] may call for `op` on type
    /// `t`, if the general path would call it and nothing else first, for
    /// a right operand of type `t` or int (an entry serves both).
    fn binop_fill(&mut self, op: NativeOp, t: Obj) -> Option<NativeFn> {
        let tv = t.value();
        let fwd = match op {
            NativeOp::Binary(op) => {
                let (fwd, _, inp) = self.binop_names(op);
                if op.is_inplace() && self.lookup_type(tv, inp).is_some() {
                    return None;
                }
                fwd
            }
            NativeOp::Compare(op) => self.richcmp_name(op),
        };
        if self.is_subtype(self.g.types.int, tv) {
            return None;
        }
        let f = self.lookup_type(tv, fwd)?;
        let bd = Obj::from_value(f)
            .filter(|o| o.kind() == K_BUILTIN)
            .and_then(builtin_data)?;
        if !(crate::runtime::call::method_takes(bd, 1) && bd.owner == tv) {
            return None;
        }
        if let Some(fns) = self.g.seq_repeat.get() {
            if fns.iter().any(|&g| std::ptr::fn_addr_eq(g, bd.f)) {
                return None;
            }
        }
        Some(bd.f)
    }

    fn binary_op_generic(&mut self, op: B, a: Value, b: Value) -> PyResult<Value> {
        if let Some(r) = self.binop_cached(op, a, b)? {
            return Ok(r);
        }
        let (fwd, rev, inp) = self.binop_names(op);
        let repeat = matches!(op, B::Multiply | B::InplaceMultiply);
        if op.is_inplace() && !(repeat && self.repeat_slot_refuses(a, inp, b)) {
            if let Some(r) = self.call_slot(a, inp, &[b])? {
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(r);
                }
            }
        }
        let r = if repeat {
            self.binop_dispatch_with(a, b, fwd, rev, true)?
        } else {
            self.binop_dispatch(a, b, fwd, rev)?
        };
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
        let sym = op.text().trim_end_matches('=');
        let sym = if op.is_inplace() {
            format!("{sym}=")
        } else {
            sym.to_string()
        };
        let (ta, tb) = (self.type_name_of(a), self.type_name_of(b));
        if sym == "**" || sym == "**=" {
            return Err(self.type_error(&format!(
                "unsupported operand type(s) for {sym} or pow(): '{ta}' and '{tb}'"
            )));
        }
        if (sym == "+" || sym == "+=")
            && Obj::from_value(a)
                .is_some_and(|o| o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY)
        {
            return Err(self.type_error(&format!("can't concat {tb} to {ta}")));
        }
        if (sym == "+" || sym == "+=") && ta == "str" {
            return Err(self.type_error(&format!("can only concatenate str (not \"{tb}\") to str")));
        }
        let is_deque = |v: Value| Obj::from_value(v).is_some_and(|o| o.kind() == K_DEQUE);
        if (sym == "+" || sym == "+=") && is_deque(a) {
            return Err(self.type_error(&format!(
                "can only concatenate deque (not \"{tb}\") to deque"
            )));
        }
        if (sym == "+" || sym == "+=") && (ta == "list" || ta == "tuple") && ta != tb {
            return Err(
                self.type_error(&format!("can only concatenate {ta} (not \"{tb}\") to {ta}"))
            );
        }
        if repeat {
            let other = if self.is_repeat_slot(a, fwd) {
                Some(&tb)
            } else if self.is_repeat_slot(b, rev) {
                Some(&ta)
            } else {
                None
            };
            if let Some(other) = other {
                return Err(self.type_error(&format!(
                    "can't multiply sequence by non-int of type '{other}'"
                )));
            }
        }
        // `print >> f, msg`, Python 2's redirection: CPython's hint when the
        // left operand is a builtin function named print.
        if sym == ">>" && ta == "builtin_function_or_method" {
            let n = self.intern("__name__");
            let name = self.getattr(a, n).ok();
            if name.is_some_and(|v| is_str(v) && str_of(v) == "print") {
                return Err(self.type_error(&format!(
                    "unsupported operand type(s) for >>: '{ta}' and '{tb}'. Did you mean \"print(<message>, file=<output_stream>)\"?"
                )));
            }
        }
        Err(self.type_error(&format!(
            "unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"
        )))
    }

    /// Calls `a.fwd(b)`, then `b.rev(a)` (reflected first if type(b) is a
    /// proper subclass of type(a) overriding it); NotImplemented if neither.
    pub fn binop_dispatch(
        &mut self,
        a: Value,
        b: Value,
        fwd: Value,
        rev: Value,
    ) -> PyResult<Value> {
        self.binop_dispatch_with(a, b, fwd, rev, false)
    }

    /// Whether `obj`'s `name` is a builtin sequence's repeat (`vm.g.seq_repeat`)
    /// and `count` has no `__index__`: CPython's `*` never calls `sq_repeat`
    /// then, and the operand counts as not implementing the operator.
    fn repeat_slot_refuses(&mut self, obj: Value, name: Value, count: Value) -> bool {
        self.is_repeat_slot(obj, name) && !self.has_index(count)
    }

    /// Whether `obj`'s `name` is a builtin sequence's repeat slot.
    fn is_repeat_slot(&self, obj: Value, name: Value) -> bool {
        let Some(fns) = self.g.seq_repeat.get() else {
            return false;
        };
        self.lookup_type(self.type_of(obj), name)
            .and_then(Obj::from_value)
            .filter(|o| o.kind() == K_BUILTIN)
            .and_then(builtin_data)
            .is_some_and(|b| fns.iter().any(|&f| std::ptr::fn_addr_eq(f, b.f)))
    }

    /// [`Vm::binop_dispatch`]; with `repeat` (`*`), a sequence's repeat
    /// slot is skipped when the other operand is no count.
    fn binop_dispatch_with(
        &mut self,
        a: Value,
        b: Value,
        fwd: Value,
        rev: Value,
        repeat: bool,
    ) -> PyResult<Value> {
        let skip_a = repeat && self.repeat_slot_refuses(a, fwd, b);
        let skip_b = repeat && self.repeat_slot_refuses(b, rev, a);
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let mark = self.push_root(a);
        self.push_root(b);
        let r = (|| {
            // The reflected method goes first only when the right operand's
            // type is a proper subclass that overrides it (CPython's
            // method_is_overloaded).
            if ta != tb
                && self.is_subtype(tb, ta)
                && self.lookup_type(tb, rev) != self.lookup_type(ta, rev)
            {
                if !skip_b {
                    if let Some(r) = self.call_slot(b, rev, &[a])? {
                        if r != Value::NOT_IMPLEMENTED {
                            return Ok(r);
                        }
                    }
                }
                if !skip_a {
                    if let Some(r) = self.call_slot(a, fwd, &[b])? {
                        return Ok(r);
                    }
                }
                return Ok(Value::NOT_IMPLEMENTED);
            }
            if !skip_a {
                if let Some(r) = self.call_slot(a, fwd, &[b])? {
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
            if ta != tb && !skip_b {
                if let Some(r) = self.call_slot(b, rev, &[a])? {
                    return Ok(r);
                }
            }
            Ok(Value::NOT_IMPLEMENTED)
        })();
        self.pop_roots(mark);
        r
    }

    /// Calls the special method `name` found on `obj`'s type, like a CPython
    /// operator slot: a method explicitly set to None is still called (and
    /// raises "'NoneType' object is not callable"); None if absent.
    pub fn call_slot(
        &mut self,
        obj: Value,
        name: Value,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let tp = self.type_of(obj);
        match self.lookup_type(tp, name) {
            Some(f) if f.is_none() => {
                let f = Value::NONE;
                self.call(f, args, Value::EMPTY).map(Some)
            }
            Some(f) => self.call_slot_method(f, obj, args).map(Some),
            None => Ok(None),
        }
    }

    /// Unary operators: "-", "+", "~".
    pub fn unary_op(&mut self, op: char, v: Value) -> PyResult<Value> {
        if let Some(n) = self.exact_num(v) {
            match (op, n) {
                ('-', Num::I(i)) => {
                    return Ok(match i.checked_neg() {
                        Some(r) => self.new_int(r),
                        None => self.new_bigint(-BigInt::from(i)),
                    })
                }
                ('-', Num::B(b)) => {
                    let r = -b;
                    return Ok(self.new_bigint(r));
                }
                ('-', Num::F(f)) => return Ok(self.new_float(-f)),
                ('+', Num::I(i)) => return Ok(Value::int(i)),
                ('+', Num::B(_)) => return Ok(v),
                ('+', Num::F(f)) => return Ok(self.new_float(f)),
                ('~', Num::I(i)) => return Ok(self.new_int(!i)),
                ('~', Num::B(b)) => {
                    let r = -b - 1;
                    return Ok(self.new_bigint(r));
                }
                _ => {}
            }
        }
        let name = match op {
            '-' => self.g.names.__neg__,
            '+' => self.g.names.__pos__,
            _ => self.g.names.__invert__,
        };
        if let Some(r) = self.call_slot(v, name, &[])? {
            return Ok(r);
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("bad operand type for unary {op}: '{tn}'")))
    }

    // ------------------------------------------------------------------ truth

    /// `bool(v)`.
    #[inline]
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v == Value::TRUE {
            return Ok(true);
        }
        if v == Value::FALSE || v.is_none() {
            return Ok(false);
        }
        if let Some(i) = v.as_int() {
            return Ok(i != 0);
        }
        if let Some(f) = v.as_float() {
            return Ok(f != 0.0);
        }
        if v == Value::NOT_IMPLEMENTED {
            self.warn(
                self.g.e.DeprecationWarning,
                "NotImplemented should not be used in a boolean context",
                1,
            )?;
            return Ok(true);
        }
        let Some(o) = Obj::from_value(v) else {
            return Ok(true);
        };
        let t = &self.g.types;
        let c = o.class();
        match o.kind() {
            Kind::STR if c == t.str_ => return Ok(lstr::char_len(o) != 0),
            Kind::LIST if c == t.list => return Ok(llist::len(o) != 0),
            Kind::TUPLE if c == t.tuple => return Ok(o.n_values() != 0),
            Kind::DICT if c == t.dict => return Ok(ldict::len(o) != 0),
            Kind::SET if c == t.set || c == t.frozenset => return Ok(ldict::len(o) != 0),
            Kind::BIG_INT => return Ok(true),
            Kind::FLOAT => return Ok(boxed_float(o) != 0.0),
            K_DEQUE if !is_heap_type(c) => return Ok(get_raw(o, DEQUE_R_LEN) != 0),
            Kind::BYTES if c == t.bytes => return Ok(!lstr::bytes(o).is_empty()),
            K_TYPE if c == t.type_ => return Ok(true),
            K_MODULE if c == t.module => return Ok(true),
            K_FUNCTION | K_BUILTIN | K_METHOD | K_CODE => return Ok(true),
            _ => {}
        }
        let tp = o.class();
        // Instances of a class without `__bool__` and `__len__` are true:
        // remembered per (class, version) as a class fact, so `if node:`
        // on such objects skips both lookups.
        let (b, l) = (self.g.names.__bool__, self.g.names.__len__);
        if self.class_fact(tp, FACT_ALWAYS_TRUE, |vm| {
            vm.lookup_type(tp, b).is_none() && vm.lookup_type(tp, l).is_none()
        }) {
            return Ok(true);
        }
        if let Some(f) = self.lookup_type(tp, b) {
            let r = self.call_slot_method(f, v, &[])?;
            if r.is_bool() {
                return Ok(r == Value::TRUE);
            }
            let tn = self.type_name_of(r);
            return Err(self.type_error(&format!("__bool__ should return bool, returned {tn}")));
        }
        if let Some(f) = self.lookup_type(tp, l) {
            let r = self.call_slot_method(f, v, &[])?;
            let n = self.len_result(r)?;
            return Ok(n != 0);
        }
        Ok(true)
    }

    fn len_result(&mut self, r: Value) -> PyResult<usize> {
        if let Some(i) = r.as_int().filter(|&i| i >= 0) {
            return Ok(i as usize);
        }
        let r = if self.num(r).is_none()
            && self
                .lookup_type(self.type_of(r), self.g.names.__index__)
                .is_some()
        {
            self.index(r)?
        } else {
            r
        };
        match self.num(r) {
            Some(Num::I(i)) if i >= 0 => Ok(i as usize),
            Some(Num::I(_)) => {
                Err(self.new_exc(self.g.e.ValueError, "__len__() should return >= 0"))
            }
            Some(Num::B(b)) if num_traits::Signed::is_negative(b) => {
                Err(self.new_exc(self.g.e.ValueError, "__len__() should return >= 0"))
            }
            // Up to sys.maxsize, beyond the immediate ints.
            Some(Num::B(b)) => match b.to_i64() {
                Some(n) => Ok(n as usize),
                None => Err(self.new_exc(
                    self.g.e.OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                )),
            },
            _ => {
                let tn = self.type_name_of(r);
                Err(self.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )))
            }
        }
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if let Some(o) = Obj::from_value(v) {
            match o.kind() {
                Kind::STR => return Ok(lstr::char_len(o)),
                Kind::BYTES => return Ok(lstr::bytes(o).len()),
                Kind::LIST => return Ok(llist::len(o)),
                Kind::TUPLE => return Ok(o.n_values()),
                Kind::DICT | Kind::SET => return Ok(ldict::len(o)),
                K_DICTVIEW => {
                    // A dict view counts its dict's entries; a mappingproxy
                    // asks its mapping, whose `__len__` a subclass may
                    // override.
                    if let Some(d) = Obj::from_value(o.get(0)) {
                        if d.kind() == Kind::DICT
                            && (o.class() != self.g.types.mappingproxy
                                || d.class() == self.g.types.dict)
                        {
                            return Ok(ldict::len(d));
                        }
                    }
                }
                K_BYTEARRAY => return Ok(str_bytes(o.get(0)).len()),
                // One word: no lock needed even when the deque is shared.
                K_DEQUE if !is_heap_type(o.class()) => return Ok(get_raw(o, DEQUE_R_LEN) as usize),
                K_RANGE if range_fits_i64(o) => {
                    let (a, b, c) = (
                        o.get(0).as_int().unwrap_or(0),
                        o.get(1).as_int().unwrap_or(0),
                        o.get(2).as_int().unwrap_or(1),
                    );
                    let n = range_len(a, b, c);
                    // Longer ranges go through range.__len__ (OverflowError).
                    if n <= i64::MAX as u64 {
                        return Ok(n as usize);
                    }
                }
                _ => {}
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__len__) {
            let r = self.call_slot_method(f, v, &[])?;
            return self.len_result(r);
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("object of type '{tn}' has no len()")))
    }

    /// `l.append(v)` for an exact list `l` that is not frozen, without the
    /// method call: the push, under the list's lock when it is shared.
    /// `None` when `l` is something else, or the push needs memory it
    /// cannot get (the call then raises what it raises).
    #[inline]
    pub fn list_append_fast(&mut self, l: Value, v: Value) -> Option<PyResult<()>> {
        let l = Obj::from_value(l).filter(|l| {
            l.kind() == Kind::LIST && l.class() == self.g.types.list && !l.is_frozen()
        })?;
        if !l.is_shared() {
            return llist::try_push(&mut self.ctx, l, v).then_some(Ok(()));
        }
        match self.with_mut_lock(l, |ctx| llist::try_push(ctx, l, v)) {
            Ok(true) => Some(Ok(())),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }

    /// `len(o)` when `o` is an exact list, tuple, str or dict (their length
    /// is a word of the object: no Python code, no error, no lock).
    #[inline(always)]
    pub fn exact_container_len(&self, o: Obj) -> Option<usize> {
        let (c, t) = (o.class(), &self.g.types);
        match o.kind() {
            Kind::LIST if c == t.list => Some(llist::len(o)),
            Kind::TUPLE if c == t.tuple => Some(o.n_values()),
            Kind::STR if c == t.str_ => Some(lstr::char_len(o)),
            Kind::DICT if c == t.dict => Some(ldict::len(o)),
            _ => None,
        }
        .filter(|&n| n < 1 << 59)
    }

    /// `len(v)` as the builtin computes it: like [`Vm::len`], but an
    /// instance of a subclass of a builtin container calls its class's
    /// overriding `__len__` (`len` itself gives builtin methods the
    /// receiver's real size).
    pub fn len_protocol(&mut self, v: Value) -> PyResult<usize> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() != K_INSTANCE
                && Obj::from_value(o.class()).is_some_and(|t| type_flags(t) & TF_HEAP != 0)
            {
                if let Some(f) = self.lookup_type(o.class(), self.g.names.__len__) {
                    if Obj::from_value(f).is_none_or(|fo| fo.kind() != K_BUILTIN) {
                        let r = self.call_bound(f, v, &[])?;
                        return self.len_result(r);
                    }
                }
            }
        }
        self.len(v)
    }

    // ------------------------------------------------------------------ hashing

    /// `hash(v)`.
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = v.as_int() {
            return Ok(int_hash(i));
        }
        if v.is_bool() {
            return Ok((v == Value::TRUE) as i64);
        }
        if let Some(f) = v.as_float() {
            // A NaN hashes by identity (CPython 3.10+).
            if f.is_nan() {
                return Ok(identity_hash(v));
            }
            return Ok(hash_float(f));
        }
        if v.is_none() {
            return Ok(0xFCA86420 >> 4);
        }
        let Some(o) = Obj::from_value(v) else {
            return Ok(v.bits() as i64 >> 3);
        };
        let t = &self.g.types;
        let c = o.class();
        match o.kind() {
            Kind::STR if c == t.str_ => return Ok(str_hash(o)),
            Kind::BYTES if c == t.bytes => return Ok(str_hash(o)),
            Kind::BIG_INT => return Ok(hash_bigint(bigint_of(v).expect("big"))),
            Kind::FLOAT if c == t.float => {
                let f = boxed_float(o);
                return Ok(if f.is_nan() {
                    identity_hash(v)
                } else {
                    hash_float(f)
                });
            }
            Kind::TUPLE if c == t.tuple => return self.hash_tuple(o),
            Kind::SET if c == t.frozenset => return Ok(frozenset_hash(o)),
            // Identity hashes, unless a metaclass or a module subclass
            // defines its own `__hash__` (the lookup below).
            K_TYPE if c == t.type_ => return Ok(identity_hash(v)),
            K_MODULE if c == t.module => return Ok(identity_hash(v)),
            K_FUNCTION | K_BUILTIN | K_CODE => return Ok(identity_hash(v)),
            _ => {}
        }
        let tp = o.class();
        match self.lookup_type(tp, self.g.names.__hash__) {
            Some(f) if f.is_none() => {}
            // A tuple subclass inheriting tuple.__hash__ (every
            // namedtuple): its items' hash, without a call per level of
            // nested namedtuples. Asked first: namedtuples are dict keys
            // in loops.
            Some(f)
                if o.kind() == Kind::TUPLE
                    && Some(f) == self.lookup_type(self.g.types.tuple, self.g.names.__hash__) =>
            {
                return self.hash_tuple(o);
            }
            Some(f) => {
                // An int subclass inheriting int.__hash__ (re's opcodes,
                // IntEnum and IntFlag members): its value's hash, without
                // calling the method (asked first: these are dict and set
                // keys in loops).
                if o.kind() == K_NUMSUB
                    && Some(f) == self.lookup_type(self.g.types.int, self.g.names.__hash__)
                {
                    let x = o.get(1);
                    if let Some(i) = x.as_int() {
                        return Ok(int_hash(i));
                    }
                    if let Some(b) = bigint_of(x) {
                        return Ok(hash_bigint(b));
                    }
                }
                // Through the type cache: object's own dict is read only
                // once per thread and type version.
                if Some(f) == self.lookup_type(self.g.types.object, self.g.names.__hash__) {
                    return Ok(identity_hash(v));
                }
                // A str subclass inheriting str.__hash__ hashes like str
                // (the full 64-bit hash, not its int reduced modulo 2**61-1).
                if o.kind() == Kind::STR
                    && Some(f) == self.lookup_type(self.g.types.str_, self.g.names.__hash__)
                {
                    return Ok(str_hash(o));
                }
                let r = self.call_slot_method(f, v, &[])?;
                return match self.num(r) {
                    Some(Num::I(i)) => Ok(int_hash(i)),
                    // Like CPython: a result that fits a machine word is
                    // used as is; only larger ints are hashed.
                    Some(Num::B(b)) => Ok(match b.to_i64() {
                        Some(-1) => -2,
                        Some(i) => i,
                        None => hash_bigint(b),
                    }),
                    _ => Err(self.type_error("__hash__ method should return an integer")),
                };
            }
            None => return Ok(identity_hash(v)),
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("unhashable type: '{tn}'")))
    }

    /// CPython's tuple hash (xxHash-based) of the tuple `o`. Items that
    /// are ints or exact strs are hashed in place; `o` is rooted here once
    /// an item needs [`Vm::hash`] (an item's `__hash__` may collect; a
    /// tuple's items never change), so the caller need not root it.
    pub fn hash_tuple(&mut self, o: Obj) -> PyResult<i64> {
        const P1: u64 = 11400714785074694791;
        const P2: u64 = 14029467366897019727;
        const P5: u64 = 2870177450012600261;
        let n = o.n_values();
        let mut acc: u64 = P5;
        let mut mark = None;
        for i in 0..n {
            let x = o.get(i);
            let lane = if let Some(k) = x.as_int() {
                int_hash(k)
            } else if let Some(so) = Obj::from_value(x).filter(|so| {
                (so.kind() == Kind::STR && so.class() == self.g.types.str_)
                    || (so.kind() == Kind::BYTES && so.class() == self.g.types.bytes)
            }) {
                str_hash(so)
            } else {
                if mark.is_none() {
                    mark = Some(self.push_root(o.value()));
                }
                match self.hash(x) {
                    Ok(h) => h,
                    Err(e) => {
                        if let Some(m) = mark {
                            self.pop_roots(m);
                        }
                        return Err(e);
                    }
                }
            } as u64;
            acc = acc.wrapping_add(lane.wrapping_mul(P2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(P1);
        }
        if let Some(m) = mark {
            self.pop_roots(m);
        }
        acc = acc.wrapping_add((n as u64) ^ (P5 ^ 3527539));
        if acc == u64::MAX {
            return Ok(1546275796);
        }
        Ok(acc as i64)
    }

    // ------------------------------------------------------------------ comparison

    /// Equality for containers: identity first, then `==`.
    #[inline]
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if let Some(r) = eq_native(self.g.types.str_, a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, 2)?;
        self.truthy(r)
    }

    /// Rich comparison; `op`: 0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=.
    pub fn compare(&mut self, a: Value, b: Value, op: u32) -> PyResult<Value> {
        if a.is_int() && b.is_int() {
            let (x, y) = (a.int_unchecked(), b.int_unchecked());
            return Ok(Value::bool(cmp_op(x.cmp(&y), op)));
        }
        if let Some(r) = exact_str_compare(a, b, op, &self.g.types) {
            return Ok(r);
        }
        if let (Some(na), Some(nb)) = (self.exact_num(a), self.exact_num(b)) {
            return Ok(Value::bool(num_compare(&na, &nb, op)));
        }
        if let (Some(ao), Some(bo)) = (Obj::from_value(a), Obj::from_value(b)) {
            let (ka, kb) = (ao.kind(), bo.kind());
            let t = &self.g.types;
            // Exact bytes against exact str: both methods answer
            // NotImplemented and identity decides (unequal), unless `-b`
            // makes bytes' method warn.
            if (op == 2 || op == 3)
                && ((ka == Kind::BYTES && kb == Kind::STR)
                    || (ka == Kind::STR && kb == Kind::BYTES))
                && !BYTES_WARNING.load(proto_core::sync::Ordering::Relaxed)
            {
                let exact = |o: Obj| o.class() == t.bytes || o.class() == t.str_;
                if exact(ao) && exact(bo) {
                    return Ok(Value::bool(op == 3));
                }
            }
            // Two exact sets or frozensets, in any mix: what the first
            // one's method answers (set and frozenset are unrelated types,
            // so the reflected method is not tried first, and their
            // methods answer every pair of sets), without finding and
            // calling it.
            let exact_set = |o: Obj| o.class() == t.set || o.class() == t.frozenset;
            if ka == Kind::SET && kb == Kind::SET && exact_set(ao) && exact_set(bo) {
                return self.builtin_richcompare(a, b, op);
            }
            if ka == kb && ao.class() == bo.class() {
                match ka {
                    Kind::STR if ao.class() == t.str_ => {
                        return Ok(Value::bool(cmp_op(
                            lstr::bytes(ao).cmp(lstr::bytes(bo)),
                            op,
                        )));
                    }
                    Kind::BYTES if ao.class() == t.bytes => {
                        return Ok(Value::bool(cmp_op(
                            lstr::bytes(ao).cmp(lstr::bytes(bo)),
                            op,
                        )));
                    }
                    Kind::TUPLE | Kind::LIST if ao.class() == t.tuple || ao.class() == t.list => {
                        if ka == Kind::TUPLE && (op == 2 || op == 3) {
                            if let Some(e) = tuple_eq_quick(ao, bo, t) {
                                return Ok(Value::bool(e == (op == 2)));
                            }
                        }
                        return self.seq_compare(a, b, op);
                    }
                    K_NUMSUB | Kind::STR => {
                        if let Some(r) = self.inherited_compare(ao, bo, op) {
                            return Ok(r);
                        }
                    }
                    Kind::DICT if ao.class() == t.dict && (op == 2 || op == 3) => {
                        return self.builtin_richcompare(a, b, op);
                    }
                    _ => {}
                }
            }
        }
        self.compare_generic(a, b, op)
    }

    /// `a == b` / `a != b` of two instances (or None) whose classes keep
    /// object's `__eq__` and `__ne__`: what that protocol ends in (each
    /// side's method answers NotImplemented, then identity decides),
    /// without finding and calling the four methods. None in every other
    /// case.
    #[inline]
    fn identity_compare(&mut self, a: Value, b: Value, op: u32) -> Option<Value> {
        if op != 2 && op != 3 {
            return None;
        }
        let plain =
            |v: Value| v.is_none() || Obj::from_value(v).is_some_and(|o| o.kind() == K_INSTANCE);
        if !plain(a) || !plain(b) {
            return None;
        }
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        if !self.keeps_object_eq(ta) || (tb != ta && !self.keeps_object_eq(tb)) {
            return None;
        }
        Some(Value::bool((a == b) == (op == 2)))
    }

    /// Whether the class `tp` finds object's own `__eq__` and `__ne__`.
    #[inline]
    fn keeps_object_eq(&mut self, tp: Value) -> bool {
        self.class_fact(tp, FACT_OBJECT_EQ, |vm| {
            let n = &vm.g.names;
            let (eq, ne) = (n.__eq__, n.__ne__);
            let (Some(obj_eq), Some(obj_ne)) = (vm.object_attr(eq), vm.object_attr(ne)) else {
                return false;
            };
            vm.lookup_type(tp, eq) == Some(obj_eq) && vm.lookup_type(tp, ne) == Some(obj_ne)
        })
    }

    /// `a OP b` for two instances `ao`, `bo` of one subclass of int, float or
    /// str whose method for OP is its base's own (`re`'s named int
    /// constants, `IntEnum`/`IntFlag` members, str enums): the base's
    /// comparison of the values, which is what that method computes (the
    /// reflected method is not tried first: both operands have one type).
    /// None: the class has a method of its own for OP, or another case.
    #[inline(never)]
    fn inherited_compare(&mut self, ao: Obj, bo: Obj, op: u32) -> Option<Value> {
        let t = &self.g.types;
        if ao.kind() == Kind::STR {
            let base = t.str_;
            if !self.inherits_compare(ao.class(), base, op) {
                return None;
            }
            return Some(Value::bool(cmp_op(
                lstr::bytes(ao).cmp(lstr::bytes(bo)),
                op,
            )));
        }
        if let (Some(x), Some(y)) = (ao.get(1).as_int(), bo.get(1).as_int()) {
            // Two small ints (an int subclass keeps its value at 1).
            let base = t.int;
            return self
                .inherits_compare(ao.class(), base, op)
                .then(|| Value::bool(cmp_op(x.cmp(&y), op)));
        }
        let (x, y) = (self.num(ao.value())?, self.num(bo.value())?);
        let base = match (&x, &y) {
            (Num::F(_), Num::F(_)) => t.float,
            (Num::F(_), _) | (_, Num::F(_)) => return None,
            _ => t.int,
        };
        if !self.inherits_compare(ao.class(), base, op) {
            return None;
        }
        Some(Value::bool(num_compare(&x, &y, op)))
    }

    /// Whether the class `cls` (a subclass of `base`, whose values all have
    /// that one base) finds `base`'s own method for comparison `op`.
    #[inline]
    fn inherits_compare(&mut self, cls: Value, base: Value, op: u32) -> bool {
        self.class_fact(cls, op, |vm| {
            let fwd = vm.richcmp_name(op);
            vm.lookup_type(cls, fwd)
                .is_some_and(|own| Some(own) == vm.lookup_type(base, fwd))
        })
    }

    /// Fact `fact` (below 16) of the class `cls`, remembered per (class,
    /// type version) in [`ClassFacts`]: `compute` (type lookups, which run
    /// no Python code) when it is not known yet. A change to the class or
    /// a base gives it a new version, so a fact never outlives what it was
    /// computed from; a class changed by another thread meanwhile at worst
    /// leaves a fact under a version it no longer has.
    #[inline]
    fn class_fact(&mut self, cls: Value, fact: u32, compute: impl FnOnce(&Self) -> bool) -> bool {
        let version = Obj::from_value(cls)
            .filter(|t| t.kind() == K_TYPE)
            .map_or(0, |t| self.type_version(t));
        if version == 0 {
            return compute(self);
        }
        let slot = (cls.bits().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) as usize;
        let (bit, known) = (1u32 << fact, 1u32 << (16 + fact));
        let e = self.class_facts.0[slot];
        let mut bits = 0;
        if e.0 == cls.bits() && e.1 == version {
            if e.2 & known != 0 {
                return e.2 & bit != 0;
            }
            bits = e.2;
        }
        let r = compute(self);
        self.class_facts.0[slot] = (cls.bits(), version, bits | known | if r { bit } else { 0 });
        r
    }

    /// The special method of comparison `op` (0 `<` ... 5 `>=`).
    fn richcmp_name(&self, op: u32) -> Value {
        let n = &self.g.names;
        [n.__lt__, n.__le__, n.__eq__, n.__ne__, n.__gt__, n.__ge__][op as usize]
    }

    /// Runs a container comparison that may recurse without a Python frame
    /// (a list, tuple or dict that holds itself), counting the depth as
    /// CPython's `Py_EnterRecursiveCall(" in comparison")` does: past the
    /// recursion limit it is a RecursionError, never an overflow of the Rust
    /// or value stack.
    fn in_comparison<T>(&mut self, f: impl FnOnce(&mut Self) -> PyResult<T>) -> PyResult<T> {
        self.in_recursive_call(" in comparison", f)
    }

    /// Runs `f` one native level deeper, as CPython's
    /// `Py_EnterRecursiveCall(where)`: when the Python frames and the
    /// native levels together pass the recursion limit (CPython 3.11 counts
    /// both on one counter) it is a RecursionError "maximum recursion depth
    /// exceeded{where}", and the Rust stack grows as needed.
    pub fn in_recursive_call<T>(
        &mut self,
        r#where: &str,
        f: impl FnOnce(&mut Self) -> PyResult<T>,
    ) -> PyResult<T> {
        self.native_depth += 1;
        let limit = self.g.recursion_limit.load(Ordering::Relaxed);
        let r = if self.native_depth + self.frames.len() > limit {
            Err(self.new_exc(
                self.g.e.RecursionError,
                &format!("maximum recursion depth exceeded{}", r#where),
            ))
        } else {
            stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || f(self))
        };
        self.native_depth -= 1;
        r
    }

    /// Compares two lists or two tuples item by item.
    fn seq_compare(&mut self, a: Value, b: Value, op: u32) -> PyResult<Value> {
        self.in_comparison(|vm| vm.seq_compare_inner(a, b, op))
    }

    fn seq_compare_inner(&mut self, a: Value, b: Value, op: u32) -> PyResult<Value> {
        let mark = self.push_root(a);
        self.push_root(b);
        let r = (|| {
            let (la, lb) = (self.len(a)?, self.len(b)?);
            if (op == 2 || op == 3) && la != lb {
                return Ok(Value::bool(op == 3));
            }
            let mut i = 0;
            loop {
                let (x, y) = (self.seq_get(a, i), self.seq_get(b, i));
                match (x, y) {
                    (Some(x), Some(y)) => {
                        if !self.eq(x, y)? {
                            // The comparison may have shortened a list: as
                            // CPython's `list_richcompare`, past the end of
                            // either only the sizes are compared.
                            let (la, lb) = (self.len(a)?, self.len(b)?);
                            if i >= la || i >= lb {
                                return Ok(Value::bool(cmp_op(la.cmp(&lb), op)));
                            }
                            if op == 2 {
                                return Ok(Value::FALSE);
                            }
                            if op == 3 {
                                return Ok(Value::TRUE);
                            }
                            return self.compare(x, y, op);
                        }
                    }
                    _ => {
                        let (la, lb) = (self.len(a)?, self.len(b)?);
                        return Ok(Value::bool(cmp_op(la.cmp(&lb), op)));
                    }
                }
                i += 1;
            }
        })();
        self.pop_roots(mark);
        r
    }

    fn compare_generic(&mut self, a: Value, b: Value, op: u32) -> PyResult<Value> {
        if let Some(r) = self.native_op_cached(NativeOp::Compare(op), a, b)? {
            return Ok(r);
        }
        if let Some(r) = self.identity_compare(a, b, op) {
            return Ok(r);
        }
        let swapped = [4, 5, 2, 3, 0, 1];
        let (fwd, rev) = (
            self.richcmp_name(op),
            self.richcmp_name(swapped[op as usize]),
        );
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let mark = self.push_root(a);
        self.push_root(b);
        let r = (|| {
            let reflected_first = ta != tb && self.is_subtype(tb, ta);
            if reflected_first {
                if let Some(r) = self.call_special_cmp(b, rev, a)? {
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
            if let Some(r) = self.call_special_cmp(a, fwd, b)? {
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(r);
                }
            }
            if !reflected_first {
                if let Some(r) = self.call_special_cmp(b, rev, a)? {
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
            Ok(Value::NOT_IMPLEMENTED)
        })();
        self.pop_roots(mark);
        let r = r?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
        match op {
            2 => Ok(Value::bool(a == b)),
            3 => Ok(Value::bool(a != b)),
            _ => {
                let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize];
                let (ta, tb) = (self.type_name_of(a), self.type_name_of(b));
                Err(self.type_error(&format!(
                    "'{sym}' not supported between instances of '{ta}' and '{tb}'"
                )))
            }
        }
    }

    /// Builtin `__eq__` etc. for containers (used by python_env's dunders).
    pub fn builtin_richcompare(&mut self, a: Value, b: Value, op: u32) -> PyResult<Value> {
        let (Some(ao), Some(bo)) = (Obj::from_value(a), Obj::from_value(b)) else {
            return Ok(Value::NOT_IMPLEMENTED);
        };
        let (ka, kb) = (ao.kind(), bo.kind());
        if ka != kb {
            return Ok(Value::NOT_IMPLEMENTED);
        }
        match ka {
            Kind::STR | Kind::BYTES => Ok(Value::bool(cmp_op(
                lstr::bytes(ao).cmp(lstr::bytes(bo)),
                op,
            ))),
            Kind::TUPLE | Kind::LIST => self.seq_compare(a, b, op),
            Kind::DICT => {
                if op != 2 && op != 3 {
                    return Ok(Value::NOT_IMPLEMENTED);
                }
                let eq = self.dict_eq(a, b)?;
                Ok(Value::bool(eq == (op == 2)))
            }
            Kind::SET => {
                // CPython's set_richcompare: the sizes decide first, then
                // one subset walk (items with their stored hashes).
                let (la, lb) = (ldict::len(ao), ldict::len(bo));
                let r = match op {
                    0 => la < lb && self.set_is_subset(a, b)?,
                    1 => la <= lb && self.set_is_subset(a, b)?,
                    2 => la == lb && self.set_is_subset(a, b)?,
                    3 => !(la == lb && self.set_is_subset(a, b)?),
                    4 => la > lb && self.set_is_subset(b, a)?,
                    _ => la >= lb && self.set_is_subset(b, a)?,
                };
                Ok(Value::bool(r))
            }
            _ => Ok(Value::NOT_IMPLEMENTED),
        }
    }

    fn dict_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        self.in_comparison(|vm| vm.dict_eq_inner(a, b))
    }

    fn dict_eq_inner(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if self.len(a)? != self.len(b)? {
            return Ok(false);
        }
        let items = self.dict_items(a);
        let mark = self.push_root(a);
        self.push_root(b);
        let r = (|| {
            for (k, v) in items {
                match self.dict_get(b, k)? {
                    Some(v2) => {
                        if !self.eq(v, v2)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        })();
        self.pop_roots(mark);
        r
    }

    // ------------------------------------------------------------------ sequences

    /// Items of a tuple/list (snapshot).
    pub fn seq_items(&self, v: Value) -> Vec<Value> {
        let Some(o) = Obj::from_value(v) else {
            return Vec::new();
        };
        match o.kind() {
            Kind::TUPLE => (0..o.n_values()).map(|i| o.get(i)).collect(),
            Kind::LIST => {
                let mut out = Vec::new();
                llist::snapshot(o, &mut out);
                out
            }
            _ => Vec::new(),
        }
    }

    /// Item `i` of a tuple/list.
    #[inline]
    pub fn seq_get(&self, v: Value, i: usize) -> Option<Value> {
        let o = Obj::from_value(v)?;
        match o.kind() {
            Kind::TUPLE => (i < o.n_values()).then(|| o.get(i)),
            Kind::LIST => llist::get(o, i),
            _ => None,
        }
    }

    /// Appends to a list (taking its lock if shared).
    #[inline]
    pub fn list_append(&mut self, l: Value, v: Value) {
        let o = Obj::from_value(l).expect("list");
        self.with_lock(o, |ctx| llist::append(ctx, o, v));
    }

    /// Appends to a list (taking its lock if shared); MemoryError (the list
    /// unchanged) when its storage cannot grow.
    #[inline]
    pub fn try_list_append(&mut self, l: Value, v: Value) -> PyResult<()> {
        let o = Obj::from_value(l).expect("list");
        let grown = self.with_lock(o, |ctx| llist::try_append(ctx, o, v));
        self.grown(grown)
    }

    /// Runs `f` with the object's lock held if it is shared.
    #[inline]
    pub fn with_lock<R>(&mut self, o: Obj, f: impl FnOnce(&mut ProtoContext) -> R) -> R {
        if o.is_shared() {
            self.ctx.lock_object(o);
            let r = f(&mut self.ctx);
            self.ctx.unlock_object(o);
            r
        } else {
            f(&mut self.ctx)
        }
    }

    /// The `TypeError` every mutator raises on an object `protopy.freeze`
    /// made immutable.
    #[cold]
    pub fn frozen_error(&mut self, o: Obj) -> PyException {
        let tn = self.type_name_of(o.value());
        self.type_error(&format!("cannot modify frozen {tn}"))
    }

    /// `Err(frozen_error)` when `o` is frozen. For a shared object this is
    /// only a fast refusal: the check that decides is the one made under
    /// the object's lock ([`Vm::with_mut_lock`]), since a concurrent
    /// `protopy.freeze` marks objects while holding their locks.
    #[inline(always)]
    pub fn check_mutable(&mut self, o: Obj) -> PyResult<()> {
        if o.is_frozen() {
            return Err(self.frozen_error(o));
        }
        Ok(())
    }

    /// Runs the write `f` with the object's lock held if it is shared,
    /// unless the object is frozen (then `frozen_error`, nothing written).
    /// The FROZEN bit is tested under the lock: `protopy.freeze` sets it
    /// while holding the locks of the shared objects it freezes, so a write
    /// either lands wholly before the freeze (which then sees it) or is
    /// refused.
    #[inline]
    pub fn with_mut_lock<R>(
        &mut self,
        o: Obj,
        f: impl FnOnce(&mut ProtoContext) -> R,
    ) -> PyResult<R> {
        // `f` is called from one place, so that it is inlined here.
        let shared = o.is_shared();
        if shared {
            self.ctx.lock_object(o);
            if o.is_frozen() {
                self.ctx.unlock_object(o);
                return Err(self.frozen_error(o));
            }
        } else {
            self.check_mutable(o)?;
        }
        let r = f(&mut self.ctx);
        if shared {
            self.ctx.unlock_object(o);
        }
        Ok(r)
    }

    /// str + str (exact strs); `inplace` for `+=`, whose results go into a
    /// str buffer that later `+=` extend in place (`lstr::concat`), so a
    /// loop of `s += piece` is linear wherever `s` lives.
    pub fn str_concat(&mut self, a: Value, b: Value, inplace: bool) -> Value {
        let (ao, bo) = (
            Obj::from_value(a).expect("s"),
            Obj::from_value(b).expect("s"),
        );
        lstr::concat(&mut self.ctx, self.g.types.str_, ao, bo, inplace)
    }

    // ------------------------------------------------------------------ dicts & sets

    /// Probes a dict/set for `key` (hash computed by caller).
    fn probe(&mut self, d: Obj, key: Value, h: u64) -> PyResult<(Obj, Probe)> {
        loop {
            let t = ldict::table(d);
            let simple = key_is_simple(key, &self.g.types);
            if simple {
                if let Ok(p) = probe_simple(t, h, key, &self.g.types) {
                    return Ok((t, p));
                }
            } else if let Ok(p) =
                ldict::probe_pure(t, h, key, |k| quick_key_eq(key, k, &self.g.types))
            {
                // The key itself found, an equal tuple of the same objects
                // (an LRU cache's key of `(self, arg)`), or no key of its
                // hash met: no `__eq__` was needed (re's named int
                // constants in a set of them).
                return Ok((t, p));
            }
            let mark = self.push_root(d.value());
            self.push_root(t.value());
            self.push_root(key);
            let r = ldict::probe(t, h, key, |k| self.eq(k, key));
            self.pop_roots(mark);
            let r = r?;
            if ldict::table(d) == t {
                return Ok((t, r));
            }
        }
    }

    /// `d[key]` for a dict (None if missing).
    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        self.rooted_for_key(key, &[d, key], |vm| {
            let h = vm.hash(key)? as u64;
            let o = Obj::from_value(d).expect("dict");
            loop {
                let (t, p) = vm.probe(o, key, h)?;
                if let Probe::Found(e) = p {
                    if let Some(v) = found_value(t, e) {
                        return Ok(v);
                    }
                    continue;
                }
                return Ok(None);
            }
        })
    }

    /// Lookup with an interned/str key (no Python code runs).
    #[inline]
    pub fn dict_get_str(&self, d: Value, key: Value) -> Option<Value> {
        let o = Obj::from_value(d)?;
        let ko = Obj::from_value(key)?;
        let h = str_hash(ko) as u64;
        loop {
            let t = ldict::table(o);
            let r: Result<Probe, ()> = ldict::probe(t, h, key, |k| Ok(simple_eq(key, k)));
            match r {
                Ok(Probe::Found(e)) => {
                    if let Some(v) = found_value(t, e) {
                        return v;
                    }
                }
                _ => return None,
            }
        }
    }

    /// `d[key] = v` with a str key. False (nothing written) when `d` is
    /// frozen (`protopy.freeze`; tested under the lock); callers that can
    /// meet a frozen dict raise `frozen_error`.
    pub fn dict_set_str(&mut self, d: Value, key: Value, v: Value) -> bool {
        let o = Obj::from_value(d).expect("dict");
        let h = str_hash(Obj::from_value(key).expect("key")) as u64;
        if o.is_local_mutable() && ldict::insert_if_surely_absent(&mut self.ctx, o, key, v, h) {
            return true;
        }
        self.with_mut_lock(o, |ctx| {
            let t = ldict::table(o);
            let r: Result<Probe, ()> = ldict::probe(t, h, key, |k| Ok(simple_eq(key, k)));
            match r {
                Ok(Probe::Found(e)) => ldict::set_value(ctx, t, e, v),
                Ok(Probe::Vacant(s)) => ldict::insert_new(ctx, o, s, key, v, h),
                Err(()) => {}
            }
        })
        .is_ok()
    }

    /// Probes `d` for `key` and runs `f(ctx, table, probe)` with the dict's
    /// lock held when it is shared: the atomic read-modify-write behind
    /// `d[k] = v`, `del d[k]`, `d.pop`, `d.setdefault` and `set.add`.
    ///
    /// The probe runs without the lock (key equality may run Python
    /// `__eq__`, which must not run under an object lock); under the lock
    /// the dict's version word (bumped by every insertion and deletion) and table are
    /// compared with those seen before the probe. Unchanged: the probe is
    /// still exact and `f` applies it. Changed (another writer won the
    /// race): unlock and probe again. Each retry means some other writer
    /// made progress, so the scheme is lock-free overall.
    ///
    /// A simple key (exact int/str/...: its `==` runs no Python code) is
    /// probed under the lock instead, in one step: under contention the
    /// version check above fails whenever another writer got the lock
    /// while this one waited for it, so writers to one hot dict retried
    /// most of their probes.
    pub fn dict_rmw<R>(
        &mut self,
        o: Obj,
        key: Value,
        h: u64,
        mut f: impl FnMut(&mut ProtoContext, Obj, Probe) -> R,
    ) -> PyResult<R> {
        // Keys compared without Python code need no version check: the
        // probe and `f` run under the object's lock (none for a local
        // object, which only this thread reaches).
        if key_is_simple(key, &self.g.types) {
            let shared = o.is_shared();
            if shared {
                self.ctx.lock_object(o);
            }
            // Tested under the lock (see `with_mut_lock`).
            if o.is_frozen() {
                if shared {
                    self.ctx.unlock_object(o);
                }
                return Err(self.frozen_error(o));
            }
            let t = ldict::table(o);
            let r = probe_simple(t, h, key, &self.g.types)
                .ok()
                .map(|p| f(&mut self.ctx, t, p));
            if shared {
                self.ctx.unlock_object(o);
            }
            if let Some(r) = r {
                return Ok(r);
            }
        }
        loop {
            self.check_mutable(o)?;
            let ver = ldict::version(o);
            proto_core::sync::fence(Ordering::Acquire);
            let (t, p) = self.probe(o, key, h)?;
            let shared = o.is_shared();
            if shared {
                self.ctx.lock_object(o);
            }
            if o.is_frozen() {
                if shared {
                    self.ctx.unlock_object(o);
                }
                return Err(self.frozen_error(o));
            }
            // A found entry stays exact while it is live in the same table
            // (an entry's key is never rewritten, nor its slot reused), even
            // if other keys came and went meanwhile: `__eq__` code that
            // changes the dict (a cache filled by the comparison itself)
            // would otherwise make every retry fail again.
            let valid = ldict::table(o) == t
                && (ldict::version(o) == ver
                    || matches!(p, Probe::Found(e) if ldict::live_entry(t, e).is_some()));
            let r = if valid {
                Some(f(&mut self.ctx, t, p))
            } else {
                None
            };
            if shared {
                self.ctx.unlock_object(o);
            }
            if let Some(r) = r {
                return Ok(r);
            }
        }
    }

    /// Roots `vals` (on the value stack) while `f` runs when `key` may run
    /// Python code in its `__hash__` or `__eq__`, which may collect: the
    /// caller of a dict or set write need not root the container, key and
    /// value it passes (a native method's fresh result dict, a value it
    /// just computed); a simple key runs no Python code.
    #[inline]
    fn rooted_for_key<R>(
        &mut self,
        key: Value,
        vals: &[Value],
        f: impl FnOnce(&mut Self) -> PyResult<R>,
    ) -> PyResult<R> {
        if key_is_simple(key, &self.g.types) {
            return f(self);
        }
        let mark = self.ctx.stack().top();
        for &v in vals {
            self.push_root(v);
        }
        let r = f(self);
        self.pop_roots(mark);
        r
    }

    /// Keeps `vals` alive until `pop_roots(mark)` (the returned mark): one
    /// fresh list holding them, pushed on the value stack. For a snapshot a
    /// native method walks while it runs Python code (`__hash__`, `__eq__`,
    /// `__repr__`), which may empty the container it came from (itself or
    /// through another thread) and collect.
    pub fn root_values(&mut self, vals: &[Value]) -> usize {
        let l = self.new_list(vals);
        self.push_root(l)
    }

    /// `d[key] = v`.
    pub fn dict_set(&mut self, d: Value, key: Value, v: Value) -> PyResult<()> {
        self.rooted_for_key(key, &[d, key, v], |vm| {
            let h = vm.hash(key)? as u64;
            vm.dict_store_hashed(d, key, v, h)
        })
    }

    /// `d[key] = v` for a key whose hash is known (an item taken from
    /// another dict with its stored hash: CPython's `dict_merge` calls no
    /// `__hash__`).
    pub fn dict_set_hashed(&mut self, d: Value, key: Value, v: Value, h: u64) -> PyResult<()> {
        self.rooted_for_key(key, &[d, key, v], |vm| vm.dict_store_hashed(d, key, v, h))
    }

    /// The store of [`Vm::dict_set`] once the hash is known (the caller
    /// roots `d`, `key` and `v` when the key may run Python code).
    #[inline]
    fn dict_store_hashed(&mut self, d: Value, key: Value, v: Value, h: u64) -> PyResult<()> {
        let o = Obj::from_value(d).expect("dict");
        if o.is_local_mutable() && ldict::insert_if_surely_absent(&mut self.ctx, o, key, v, h) {
            return Ok(());
        }
        let stored = self.dict_rmw(o, key, h, |ctx, t, p| match p {
            Probe::Found(e) => {
                ldict::set_value(ctx, t, e, v);
                true
            }
            Probe::Vacant(s) => ldict::try_insert_new(ctx, o, s, key, v, h),
        })?;
        self.grown(stored)
    }

    /// `d.setdefault(key, v)`: the existing value, or `v` after inserting it
    /// (one atomic step on a shared dict).
    pub fn dict_setdefault(&mut self, d: Value, key: Value, v: Value) -> PyResult<Value> {
        self.rooted_for_key(key, &[d, key, v], |vm| {
            let h = vm.hash(key)? as u64;
            let o = Obj::from_value(d).expect("dict");
            vm.dict_rmw(o, key, h, |ctx, t, p| match p {
                Probe::Found(e) => ldict::entry(t, e).1,
                Probe::Vacant(s) => {
                    ldict::insert_new(ctx, o, s, key, v, h);
                    v
                }
            })
        })
    }

    /// `del d[key]`; returns the removed value or None if missing.
    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let h = self.rooted_for_key(key, &[d, key], |vm| vm.hash(key))? as u64;
        self.dict_del_hashed(d, key, h)
    }

    /// `del d[key]` of a key whose hash is known (an item taken from a set
    /// or dict with its stored hash); the removed value or None if missing.
    pub fn dict_del_hashed(&mut self, d: Value, key: Value, h: u64) -> PyResult<Option<Value>> {
        self.dict_del_hashed_if(d, key, h, |_| true)
    }

    /// `del d[key]` (hash `h`) when the value found passes `take`, decided
    /// in the same atomic step as the deletion; the removed value, or None
    /// (missing, or refused).
    fn dict_del_hashed_if(
        &mut self,
        d: Value,
        key: Value,
        h: u64,
        take: impl Fn(Value) -> bool,
    ) -> PyResult<Option<Value>> {
        self.rooted_for_key(key, &[d, key], |vm| {
            let o = Obj::from_value(d).expect("dict");
            vm.dict_rmw(o, key, h, |ctx, t, p| match p {
                Probe::Found(e) => {
                    let v = ldict::entry(t, e).1;
                    if !take(v) {
                        return None;
                    }
                    ldict::delete(ctx, o, t, e);
                    Some(v)
                }
                Probe::Vacant(_) => None,
            })
        })
    }

    /// `del d[key]` only while `d[key]` is `expected` (the same object), in
    /// one atomic step: true when it deleted. What `_weakref`'s
    /// `_remove_dead_weakref` needs: a dead reference's callback must not
    /// remove the live value another thread stored under its key meanwhile.
    /// The caller keeps `expected` rooted (it is compared by address).
    pub fn dict_del_if_value(&mut self, d: Value, key: Value, expected: Value) -> PyResult<bool> {
        let h = self.rooted_for_key(key, &[d, key], |vm| vm.hash(key))? as u64;
        Ok(self
            .dict_del_hashed_if(d, key, h, |v| v == expected)?
            .is_some())
    }

    /// Looks `key` up in dict `d` and, when present, moves its entry to the
    /// end of the order in the same atomic step (an LRU cache hit): one
    /// lookup, so a key's `__eq__` runs as often as for `d[key]`.
    pub fn dict_move_to_end(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        self.rooted_for_key(key, &[d, key], |vm| {
            let h = vm.hash(key)? as u64;
            let o = Obj::from_value(d).expect("dict");
            // A hit on the most recent entry moves nothing: answered without
            // the lock when a probe that runs no Python code finds the key in
            // the table's last entry (the hit takes effect at that read; a
            // hot key hit again and again is the common case).
            let t = ldict::table(o);
            if let Ok(Probe::Found(e)) =
                ldict::probe_pure(t, h, key, |k| quick_key_eq(key, k, &vm.g.types))
            {
                if e + 1 == ldict::used(t) {
                    if let Some(Some(v)) = found_value(t, e) {
                        return Ok(Some(v));
                    }
                } else if o.is_local_mutable() {
                    // Only this thread reaches the dict and no Python code
                    // ran since the probe: its answer stands (no second
                    // probe under `dict_rmw`).
                    let v = ldict::entry(t, e).1;
                    ldict::move_to_end(&mut vm.ctx, o, t, e);
                    return Ok(Some(v));
                }
            }
            vm.dict_rmw(o, key, h, |ctx, t, p| match p {
                Probe::Found(e) => {
                    let v = ldict::entry(t, e).1;
                    if e + 1 != ldict::used(t) {
                        ldict::move_to_end(ctx, o, t, e);
                    }
                    Some(v)
                }
                Probe::Vacant(_) => None,
            })
        })
    }

    /// Items of a dict (snapshot).
    pub fn dict_items(&self, d: Value) -> Vec<(Value, Value)> {
        let mut out = Vec::new();
        if let Some(o) = Obj::from_value(d) {
            let mut raw = Vec::new();
            ldict::items(o, &mut raw);
            out.extend(raw.into_iter().map(|(k, v, _)| (k, v)));
        }
        out
    }

    /// Adds to a set (atomic on a shared set, see [`Vm::dict_rmw`]).
    pub fn set_add(&mut self, s: Value, key: Value) -> PyResult<()> {
        let h = self.rooted_for_key(key, &[s, key], |vm| vm.hash(key))? as u64;
        self.set_add_hashed(s, key, h)
    }

    /// Fills the empty set `s`, local to this thread, with the ints of the
    /// exact range `src` whose bounds are small ints: each int goes in with
    /// its hash and no probe for an equal key (a range's ints are
    /// distinct), in the range's order, as iterating it would add them, the
    /// table growing as CPython's does. `Ok(false)`, having done nothing,
    /// for any other case (the caller adds item by item); MemoryError when
    /// a table cannot grow (the ints before it stay, as CPython's adds leave
    /// them).
    pub fn set_fill_range(&mut self, s: Value, src: Value) -> PyResult<bool> {
        // Past this many ints, the item-by-item path.
        const MAX_PRESIZED: u64 = 1 << 26;
        let (Some(so), Some(ro)) = (Obj::from_value(s), Obj::from_value(src)) else {
            return Ok(false);
        };
        if so.kind() != Kind::SET
            || !so.is_local_mutable()
            || ldict::len(so) != 0
            || ro.kind() != K_RANGE
            || ro.class() != self.g.types.range
            || !range_fits_i64(ro)
        {
            return Ok(false);
        }
        let (a, b, c) = (
            ro.get(0).int_unchecked(),
            ro.get(1).int_unchecked(),
            ro.get(2).int_unchecked(),
        );
        let n = range_len(a, b, c);
        if n > MAX_PRESIZED {
            return Ok(false);
        }
        for i in 0..n as i64 {
            // Between the bounds, so a small int too.
            let x = a + i * c;
            let h = int_hash(x) as u64;
            let grown = ldict::try_insert_absent(&mut self.ctx, so, Value::int(x), Value::TRUE, h);
            self.grown(grown)?;
        }
        Ok(true)
    }

    /// `set.add` of a key whose hash is known (an item taken from another
    /// set with its stored hash).
    pub fn set_add_hashed(&mut self, s: Value, key: Value, h: u64) -> PyResult<()> {
        // A new key of a set local to this thread, proved absent by the
        // table's filter (no key compared, so no Python code runs), as
        // `dict_store_hashed`.
        let o = Obj::from_value(s).expect("set");
        if o.is_local_mutable()
            && ldict::insert_if_surely_absent(&mut self.ctx, o, key, Value::TRUE, h)
        {
            return Ok(());
        }
        self.rooted_for_key(key, &[s, key], |vm| {
            let stored = vm.dict_rmw(o, key, h, |ctx, _t, p| match p {
                Probe::Vacant(slot) => ldict::try_insert_new(ctx, o, slot, key, Value::TRUE, h),
                Probe::Found(_) => true,
            })?;
            vm.grown(stored)
        })
    }

    /// CPython's `set_merge` of set or frozenset `src` into set `s`: into an
    /// empty `s` that only this thread reaches, the keys go where CPython's
    /// merge into an empty set puts them (`ldict::set_merge_snapshot`, no
    /// key compared); else CPython's early resize for all of them, then each
    /// key of `src` in its order, with its stored hash.
    pub fn set_merge(&mut self, s: Value, src: Value) -> PyResult<()> {
        if s == src {
            return Ok(());
        }
        let (so, srco) = (
            Obj::from_value(s).expect("set"),
            Obj::from_value(src).expect("set"),
        );
        if so.is_local_mutable() && ldict::len(so) == 0 {
            if self.set_table_still(srco) {
                let ok = ldict::set_merge_into_empty(&mut self.ctx, so, srco);
                return self.grown(ok);
            }
            // A source other threads may write is read under its lock.
            let snap = self.with_lock(srco, |_| ldict::set_snapshot(srco));
            let ok = ldict::set_merge_snapshot(&mut self.ctx, so, &snap);
            return self.grown(ok);
        }
        if so.is_shared() && ldict::set_pristine(so) {
            // A shared set as `set()` made it (a module's `s = set()`):
            // merged into a fresh local set, which takes the same steps
            // as CPython's `set_merge` into it, whose table it then takes
            // slot for slot (re-adding the keys in slot order misplaces
            // those whose probe wrapped around).
            let tmp = self.new_set(false);
            let mark = self.push_root(tmp);
            self.push_root(s);
            let r = self.set_merge(tmp, src).and_then(|()| {
                let to = Obj::from_value(tmp).expect("set");
                self.with_mut_lock(so, |ctx| {
                    // Still pristine under the lock, or another thread's
                    // keys would be dropped: then merged key by key.
                    let pristine = ldict::set_pristine(so);
                    if pristine {
                        ldict::set_take_table_of(ctx, so, to);
                    }
                    pristine
                })
            });
            self.pop_roots(mark);
            if r? {
                return Ok(());
            }
        }
        let items = self.set_items_hashed(src);
        if items.is_empty() {
            return Ok(());
        }
        let mark = self.push_root(s);
        let keys: Vec<Value> = items.iter().map(|&(k, _)| k).collect();
        self.root_values(&keys);
        let r = self.set_merge_reserve(s, items.len()).and_then(|()| {
            items
                .into_iter()
                .try_for_each(|(k, h)| self.set_add_hashed(s, k, h))
        });
        self.pop_roots(mark);
        r
    }

    /// CPython's resize at the start of a merge of `extra` keys into set `s`
    /// (`ldict::set_merge_reserve`), under the set's lock when shared.
    pub fn set_merge_reserve(&mut self, s: Value, extra: usize) -> PyResult<()> {
        let o = Obj::from_value(s).expect("set");
        let grown = self.with_mut_lock(o, |ctx| ldict::set_merge_reserve(ctx, o, extra))?;
        self.grown(grown)
    }

    /// CPython's resize at the end of a difference update of set `s`
    /// (`ldict::set_drop_dummies`), under the set's lock when shared.
    pub fn set_drop_dummies(&mut self, s: Value) -> PyResult<()> {
        let o = Obj::from_value(s).expect("set");
        let grown = self.with_mut_lock(o, |ctx| ldict::set_drop_dummies(ctx, o))?;
        self.grown(grown)
    }

    /// Membership of a key whose hash is known in a set/dict keys.
    pub fn set_contains_hashed(&mut self, s: Value, key: Value, h: u64) -> PyResult<bool> {
        self.rooted_for_key(key, &[s, key], |vm| {
            let o = Obj::from_value(s).expect("set");
            let (_, p) = vm.probe(o, key, h)?;
            Ok(matches!(p, Probe::Found(_)))
        })
    }

    /// Every item of set `a` is in set `b` (walked in `a`'s iteration
    /// order, stopping at the first miss).
    pub fn set_is_subset(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if let Some(r) = self.set_is_subset_simple(a, b) {
            return Ok(r);
        }
        let items = self.set_items_hashed(a);
        let mark = self.push_root(a);
        self.push_root(b);
        let mut r = Ok(true);
        for (x, h) in items {
            match self.set_contains_hashed(b, x, h) {
                Ok(true) => {}
                other => {
                    r = other;
                    break;
                }
            }
        }
        self.pop_roots(mark);
        r
    }

    /// [`Vm::set_is_subset`] while every key compared is simple: no
    /// `__eq__` runs, so neither the walk's order nor a snapshot matters;
    /// `a`'s entries are read in table order and probed in `b`'s table in
    /// place. None when a key is not simple (nothing was changed: the
    /// general walk starts again).
    fn set_is_subset_simple(&self, a: Value, b: Value) -> Option<bool> {
        let (ao, bo) = (Obj::from_value(a)?, Obj::from_value(b)?);
        let types = &self.g.types;
        let (t, bt) = (ldict::table(ao), ldict::table(bo));
        for e in 0..ldict::used(t).min(ldict::cap(t)) {
            let Some((k, _, h)) = ldict::live_entry(t, e) else {
                continue;
            };
            if !key_is_simple(k, types) {
                return None;
            }
            match probe_simple(bt, h, k, types) {
                Ok(Probe::Found(_)) => {}
                Ok(Probe::Vacant(_)) => return Some(false),
                Err(()) => return None,
            }
        }
        Some(true)
    }

    /// `r` gets the items of set `walk` that are in set `probe` (`keep_found`,
    /// `&`) or not in it (`-`), walked in `walk`'s iteration order as the
    /// general walk of `set_op` does, when that runs no Python code: every
    /// key of `walk` is simple, and so is every key of `probe` compared
    /// with one. Neither set may change meanwhile: each is local to this
    /// thread or an exact frozenset. `r` is a new set local to this
    /// thread; false (and `r` untouched) when this path does not apply.
    pub fn set_select_simple(
        &mut self,
        r: Value,
        walk: Value,
        probe: Value,
        keep_found: bool,
    ) -> bool {
        let (Some(ro), Some(wo), Some(po)) = (
            Obj::from_value(r),
            Obj::from_value(walk),
            Obj::from_value(probe),
        ) else {
            return false;
        };
        if !self.set_table_still(wo) || !self.set_table_still(po) || !ro.is_local_mutable() {
            return false;
        }
        let types = &self.g.types;
        let (wt, pt) = (ldict::table(wo), ldict::table(po));
        let mut ok = true;
        let mut picked = [0u32; 64];
        let mut more = Vec::new();
        let mut n = 0;
        ldict::for_each_slot(wt, |_, e| {
            if !ok {
                return;
            }
            let (k, _, h) = ldict::entry(wt, e);
            if !key_is_simple(k, types) {
                ok = false;
                return;
            }
            match probe_simple(pt, h, k, types) {
                Ok(p) if matches!(p, Probe::Found(_)) == keep_found => {
                    if n < picked.len() {
                        picked[n] = e as u32;
                    } else {
                        more.push(e as u32);
                    }
                    n += 1;
                }
                Ok(_) => {}
                Err(()) => ok = false,
            }
        });
        if !ok {
            return false;
        }
        if n == 0 {
            return true;
        }
        // Distinct keys with their stored hashes: placed without a compare.
        let entries = picked[..n.min(picked.len())].iter().chain(more.iter());
        let entries = entries.map(|&e| {
            let (k, _, h) = ldict::entry(wt, e as usize);
            (k, Value::TRUE, h)
        });
        ldict::fill_empty(&mut self.ctx, ro, n, entries);
        true
    }

    /// Whether comparing `k` with any key runs no Python code (ints, exact
    /// str, None, bools, plain classes, short tuples of those): a native
    /// walk over such keys needs no snapshot rooted.
    pub fn is_simple_key(&self, k: Value) -> bool {
        key_is_simple(k, &self.g.types)
    }

    /// Membership in a set/dict keys.
    pub fn set_contains(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let h = self.rooted_for_key(key, &[s, key], |vm| vm.hash(key))? as u64;
        self.set_contains_hashed(s, key, h)
    }

    /// `x in c` answered without running Python code, when `c` is an exact
    /// set, frozenset or dict and `x` a small int or an exact str (a
    /// parser's `ch in CHARS`): its hash, the table's key filter, then a
    /// probe whose key comparisons are native. `None` for anything else,
    /// or when a stored key of the same hash is not simple itself.
    #[inline]
    pub fn fast_contains(&self, c: Value, x: Value) -> Option<bool> {
        let co = Obj::from_value(c)?;
        let t = &self.g.types;
        let cc = co.class();
        match co.kind() {
            Kind::SET if cc == t.set || cc == t.frozenset => {}
            Kind::DICT if cc == t.dict => {}
            _ => return None,
        }
        let h = if let Some(i) = x.as_int() {
            int_hash(i) as u64
        } else {
            let xo = Obj::from_value(x)?;
            if xo.kind() != Kind::STR || xo.class() != t.str_ {
                return None;
            }
            str_hash(xo) as u64
        };
        // The table is read once: a lock-free reader's view of a shared
        // container (see `ldict`'s concurrency contract).
        let tb = ldict::table(co);
        ldict::find_pure(tb, h, x, |k| simple_key_eq(x, k, t))
            .ok()
            .map(|e| e.is_some())
    }

    /// Removes from a set; false if missing.
    pub fn set_discard(&mut self, s: Value, key: Value) -> PyResult<bool> {
        Ok(self.dict_del(s, key)?.is_some())
    }

    /// Removes a key whose hash is known from a set; false if missing.
    pub fn set_discard_hashed(&mut self, s: Value, key: Value, h: u64) -> PyResult<bool> {
        Ok(self.dict_del_hashed(s, key, h)?.is_some())
    }

    /// Items of a set with their hashes (snapshot) in CPython's iteration
    /// order.
    pub fn set_items_hashed(&self, s: Value) -> Vec<(Value, u64)> {
        let Some(o) = Obj::from_value(s) else {
            return Vec::new();
        };
        let t = ldict::table(o);
        let mut out = Vec::with_capacity(ldict::len(o));
        ldict::for_each_slot(t, |_, e| {
            if let Some((k, _, h)) = ldict::live_entry(t, e) {
                out.push((k, h));
            }
        });
        out
    }

    /// Whether set `o`'s table cannot change while this thread reads it
    /// without a lock: only this thread reaches `o`, or it is an exact
    /// frozenset (no thread writes its table once it is built).
    #[inline]
    fn set_table_still(&self, o: Obj) -> bool {
        !o.is_shared() || o.class() == self.g.types.frozenset
    }

    /// A tuple of set `o`'s items in CPython's iteration order: for a set
    /// only this thread reaches, or an exact frozenset (no thread writes its
    /// table once it is built), filled from the table with no intermediate
    /// list; else [`Vm::set_items`].
    fn set_items_tuple(&mut self, o: Obj) -> Value {
        if !self.set_table_still(o) {
            let items = self.set_items(o.value());
            return self.new_tuple(&items);
        }
        let t = ldict::table(o);
        let n = ldict::len(o);
        if n == 0 {
            return self.g.empty_tuple;
        }
        let tup = self.alloc_obj(Kind::TUPLE, self.g.types.tuple, n, 0);
        let mut i = 0;
        ldict::for_each_slot(t, |_, e| {
            if let Some((k, _, _)) = ldict::live_entry(t, e) {
                tup.init(i, k);
                i += 1;
            }
        });
        debug_assert_eq!(i, n);
        tup.value()
    }

    /// Items of a set (snapshot) in CPython's iteration order.
    pub fn set_items(&self, s: Value) -> Vec<Value> {
        let Some(o) = Obj::from_value(s) else {
            return Vec::new();
        };
        let t = ldict::table(o);
        let mut out = Vec::with_capacity(ldict::len(o));
        ldict::for_each_slot(t, |_, e| {
            if let Some((k, _, _)) = ldict::live_entry(t, e) {
                out.push(k);
            }
        });
        out
    }

    /// `set.pop()`: removes and returns the item CPython's would (the first
    /// at or after the set's finger, `ldict::set_pop`), None when the set is
    /// empty.
    pub fn set_pop(&mut self, s: Value) -> PyResult<Option<Value>> {
        let Some(o) = Obj::from_value(s) else {
            return Ok(None);
        };
        let shared = o.is_shared();
        if shared {
            self.ctx.lock_object(o);
        }
        let r = if o.is_frozen() {
            None
        } else {
            Some(ldict::set_pop(&mut self.ctx, o))
        };
        if shared {
            self.ctx.unlock_object(o);
        }
        r.ok_or_else(|| self.frozen_error(o))
    }

    // ------------------------------------------------------------------ iteration

    /// `iter(v)`.
    pub fn iter(&mut self, v: Value) -> PyResult<Value> {
        if let Some(o) = Obj::from_value(v) {
            let t = &self.g.types;
            let c = o.class();
            let it_cls = match o.kind() {
                Kind::LIST if c == t.list => Some(t.list_iter),
                Kind::TUPLE if c == t.tuple => Some(t.tuple_iter),
                Kind::STR if c == t.str_ => Some(t.str_iter),
                Kind::BYTES if c == t.bytes => Some(t.bytes_iter),
                K_BYTEARRAY if c == t.bytearray => Some(t.bytearray_iter),
                Kind::DICT if c == t.dict => Some(t.dict_keyiter),
                // A view's iterator walks the view's dict (value 0).
                K_DICTVIEW => {
                    let ic = if c == t.dict_keys {
                        t.dict_keyiter
                    } else if c == t.dict_values {
                        t.dict_valueiter
                    } else if c == t.dict_items {
                        t.dict_itemiter
                    } else {
                        Value::EMPTY
                    };
                    if !ic.is_empty() {
                        return Ok(self.new_seq_iter(ic, o.get(0), 0));
                    }
                    None
                }
                // A subclass may override `__iter__` (below).
                Kind::SET if c == t.set || c == t.frozenset => return Ok(self.set_iter(o)),
                // Ranges beyond i64 use range.__iter__ (a longrange iterator).
                K_RANGE if range_fits_i64(o) => Some(t.range_iter),
                K_ITER => return Ok(v),
                K_GEN if c == t.generator => return Ok(v),
                // Iterators with a native step are their own iterators.
                K_MISC if self.iternext_step(c).is_some() => return Ok(v),
                _ => None,
            };
            if let Some(ic) = it_cls {
                return Ok(self.new_seq_iter(ic, v, 0));
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__iter__) {
            if f.is_none() {
                let tn = self.type_name_of(v);
                return Err(self.type_error(&format!("'{tn}' object is not iterable")));
            }
            let r = self.call_slot_method(f, v, &[])?;
            let rt = self.type_of(r);
            if Obj::from_value(r).is_some_and(|o| matches!(o.kind(), K_ITER | K_GEN))
                || self.lookup_type(rt, self.g.names.__next__).is_some()
            {
                return Ok(r);
            }
            let tn = self.type_name_of(r);
            return Err(self.type_error(&format!("iter() returned non-iterator of type '{tn}'")));
        }
        if self.lookup_type(tp, self.g.names.__getitem__).is_some() {
            let sc = self.g.types.seq_iter;
            return Ok(self.new_seq_iter(sc, v, 0));
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("'{tn}' object is not iterable")))
    }

    /// `set.__iter__(o)` for a set or frozenset `o` (any subclass): a
    /// snapshot in CPython's order; value 1 keeps the set and raw word 1
    /// its size, to detect resizing.
    pub fn set_iter(&mut self, o: Obj) -> Value {
        let tup = self.set_items_tuple(o);
        let sc = self.g.types.set_iter;
        let it = self.new_seq_iter(sc, tup, 0);
        let io = Obj::from_value(it).expect("iter");
        io.init(1, o.value());
        set_raw(io, 1, ldict::len(o) as u64);
        it
    }

    /// A new K_ITER of class `cls` over `src` starting at `start`.
    pub fn new_seq_iter(&mut self, cls: Value, src: Value, start: u64) -> Value {
        let it = self.alloc_obj(K_ITER, cls, 2, 24);
        it.init(0, src);
        set_raw(it, 0, start);
        if let Some(o) = Obj::from_value(src) {
            if matches!(o.kind(), Kind::DICT | Kind::SET) {
                // Raw word 1: the size to detect resizing; raw word 2: the
                // items still to yield (CPython's `di_len`), to detect keys
                // deleted and re-added at the same size.
                set_raw(it, 1, ldict::len(o) as u64);
                set_raw(it, 2, ldict::len(o) as u64);
            }
            if o.kind() == K_RANGE {
                let (a, b, c) = (
                    self.as_i64(o.get(0)).unwrap_or(0),
                    self.as_i64(o.get(1)).unwrap_or(0),
                    self.as_i64(o.get(2)).unwrap_or(1),
                );
                set_raw(it, 1, range_len(a, b, c));
                set_raw(it, 2, a as u64);
            }
        }
        it.value()
    }

    /// `next(it)`: Some(value) or None when exhausted.
    pub fn next(&mut self, it: Value) -> PyResult<Option<Value>> {
        if proto_core::reserve::exhausted() {
            self.raise_if_reserve_spent()?;
        }
        if let Some(o) = Obj::from_value(it) {
            if o.kind() == K_ITER {
                // FOR_ITER's step for the common iterators (an item left).
                if let Some(Some(v)) = super::interp::builtin_iter_next(it, &self.g.types) {
                    return Ok(Some(v));
                }
                if let Some(r) = self.iter_next_builtin(o)? {
                    return Ok(r);
                }
            } else if o.kind() == K_GEN && o.class() == self.g.types.generator {
                return self.gen_next(it);
            } else if o.kind() == K_MISC {
                if let Some(step) = self.iternext_step(o.class()) {
                    // A StopIteration raised inside the step (a function
                    // `map` calls raised it) ends the iteration, as when
                    // `__next__` raises it.
                    return match step(self, o) {
                        Err(e) if self.isinstance(e.0, self.g.e.StopIteration) => Ok(None),
                        r => r,
                    };
                }
            }
        }
        let tp = self.type_of(it);
        let Some(f) = self.lookup_type(tp, self.g.names.__next__) else {
            let tn = self.type_name_of(it);
            return Err(self.type_error(&format!("'{tn}' object is not an iterator")));
        };
        // A native `__next__` of the iterator's own type runs directly.
        match self.call_slot_method(f, it, &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.isinstance(e.0, self.g.e.StopIteration) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The native step registered for iterators of exactly the class `c`.
    #[inline]
    fn iternext_step(&self, c: Value) -> Option<IterNextFn> {
        type_step(Obj::from_value(c)?)
    }

    /// Steps a builtin iterator; `Ok(None)` means "not a builtin iterator kind".
    ///
    /// The position (raw word 0) advances by [`claim_index`]: one store for
    /// an iterator only this thread reaches, a compare-and-swap for a shared
    /// one, so threads stepping one iterator each get their own item (a
    /// step that loses the race recomputes from the new position).
    fn iter_next_builtin(&mut self, it: Obj) -> PyResult<Option<Option<Value>>> {
        loop {
            if let Some(r) = self.iter_step_builtin(it)? {
                return Ok(r);
            }
        }
    }

    /// One try of [`Vm::iter_next_builtin`]: `Ok(None)` when another thread
    /// advanced the iterator first (try again), else its answer.
    #[allow(clippy::type_complexity)]
    fn iter_step_builtin(&mut self, it: Obj) -> PyResult<Option<Option<Option<Value>>>> {
        let src = it.get(0);
        if src.is_empty() {
            return Ok(Some(Some(None)));
        }
        let Some(so) = Obj::from_value(src) else {
            return Ok(Some(None));
        };
        let i = get_raw(it, 0) as usize;
        // `iter(obj)` by `__getitem__` and `iter(f, sentinel)` step by
        // calls whatever their source's layout (a callable list subclass).
        if it.class() == self.g.types.seq_iter {
            let idx = Value::int(i as i64);
            if !claim_index(it, i, i + 1) {
                return Ok(None);
            }
            // A native `__getitem__` of the source's own type (array):
            // called directly, the source rooted (another thread may end
            // the iterator and drop it from the iterator's slot).
            let native = (so.kind() == K_INSTANCE)
                .then(|| self.lookup_type(so.class(), self.g.names.__getitem__))
                .flatten()
                .and_then(|f| call::own_native_method(f, so.class(), 1));
            let r = match native {
                Some(nf) => {
                    let mark = self.push_root(src);
                    let r = self.run_native(nf, &[src, idx], Value::EMPTY);
                    self.pop_roots(mark);
                    r
                }
                None => self.getitem(src, idx),
            };
            return match r {
                Ok(v) => Ok(Some(Some(Some(v)))),
                Err(e)
                    if self.isinstance(e.0, self.g.e.IndexError)
                        || self.isinstance(e.0, self.g.e.StopIteration) =>
                {
                    it.init(0, Value::EMPTY);
                    Ok(Some(Some(None)))
                }
                Err(e) => Err(e),
            };
        }
        if it.class() == self.g.types.call_iter {
            let sentinel = it.get(1);
            let v = self.call(src, &[], Value::EMPTY)?;
            if self.eq(v, sentinel)? {
                self.store(it, 0, Value::EMPTY);
                return Ok(Some(Some(None)));
            }
            return Ok(Some(Some(Some(v))));
        }
        let r = match so.kind() {
            Kind::LIST => llist::get(so, i),
            Kind::TUPLE => {
                if let Some(set) = Obj::from_value(it.get(1)).filter(|o| o.kind() == Kind::SET) {
                    if ldict::len(set) as u64 != get_raw(it, 1) {
                        set_raw(it, 1, u64::MAX);
                        return Err(self
                            .new_exc(self.g.e.RuntimeError, "Set changed size during iteration"));
                    }
                }
                (i < so.n_values()).then(|| so.get(i))
            }
            Kind::STR => {
                let b = lstr::bytes(so);
                if lstr::is_ascii(so) {
                    if i < b.len() {
                        let c = self.char_str(b[i] as u32);
                        return Ok(claim_index(it, i, i + 1).then_some(Some(Some(c))));
                    }
                    None
                } else {
                    // i is a byte offset for non-ASCII strings.
                    if i < b.len() {
                        let mut j = i + 1;
                        while j < b.len() && b[j] & 0xC0 == 0x80 {
                            j += 1;
                        }
                        let c = self.new_str_bytes(&b[i..j]);
                        return Ok(claim_index(it, i, j).then_some(Some(Some(c))));
                    }
                    None
                }
            }
            Kind::BYTES => lstr::bytes(so).get(i).map(|&c| Value::int(c as i64)),
            // A bytearray is iterated live, as in CPython: each step reads
            // its current buffer (value 0).
            K_BYTEARRAY => super::owned_bytes::ba_bytes(so)
                .get(i)
                .map(|&c| Value::int(c as i64)),
            K_RANGE => {
                let n = get_raw(it, 1) as usize;
                if i < n {
                    // Raw word 2 is the start: item i is computed from the
                    // position alone, which one claim advances.
                    let start = get_raw(it, 2) as i64;
                    let step = self.as_i64(so.get(2)).unwrap_or(1);
                    let cur = start.wrapping_add((i as i64).wrapping_mul(step));
                    if !claim_index(it, i, i + 1) {
                        return Ok(None);
                    }
                    return Ok(Some(Some(Some(self.new_int(cur)))));
                }
                None
            }
            Kind::DICT | Kind::SET => {
                if ldict::len(so) as u64 != get_raw(it, 1) {
                    set_raw(it, 1, u64::MAX);
                    let what = if so.kind() == Kind::DICT {
                        "dictionary"
                    } else {
                        "Set"
                    };
                    return Err(self.new_exc(
                        self.g.e.RuntimeError,
                        &format!("{what} changed size during iteration"),
                    ));
                }
                match ldict::next_live(ldict::table(so), i) {
                    Ok((e, k, v)) => {
                        // The entry is claimed before it is counted: a
                        // thread that read the position before another's
                        // claim loses its own claim and tries again, instead
                        // of counting an entry that is not its to take.
                        if !claim_index(it, i, e + 1) {
                            return Ok(None);
                        }
                        // An entry beyond the expected count: a key was
                        // deleted and another added since the start.
                        let left = proto_core::layouts::raw_word(it, 2);
                        if left
                            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
                            .is_err()
                        {
                            set_raw(it, 1, u64::MAX);
                            return Err(self.new_exc(
                                self.g.e.RuntimeError,
                                if so.kind() == Kind::DICT {
                                    "dictionary keys changed during iteration"
                                } else {
                                    "Set changed size during iteration"
                                },
                            ));
                        }
                        let c = it.class();
                        let r = if c == self.g.types.dict_valueiter {
                            v
                        } else if c == self.g.types.dict_itemiter {
                            self.new_tuple(&[k, v])
                        } else {
                            k
                        };
                        return Ok(Some(Some(Some(r))));
                    }
                    Err(end) => {
                        if !claim_index(it, i, end) {
                            return Ok(None);
                        }
                        None
                    }
                }
            }
            _ => return Ok(Some(None)),
        };
        match r {
            Some(v) => Ok(claim_index(it, i, i + 1).then_some(Some(Some(v)))),
            None => {
                // An exhausted iterator lets its source go (CPython's
                // `di_dict = NULL`); it stays exhausted. A set iterator's
                // snapshot is its source; the set it watches goes too.
                self.store(it, 0, Value::EMPTY);
                if it.class() == self.g.types.set_iter {
                    self.store(it, 1, Value::EMPTY);
                }
                Ok(Some(Some(None)))
            }
        }
    }

    /// A one-char str for code point `c`.
    pub fn char_str(&mut self, c: u32) -> Value {
        if c < 256 {
            return self.g.latin1_chars[c as usize];
        }
        let mut buf = Vec::with_capacity(4);
        push_cp(&mut buf, c);
        self.new_str_bytes(&buf)
    }

    /// `s[i]` for an exact str `s` and an int `i` in range: the character
    /// (for a code point below 256, the shared one-character str); an
    /// ASCII str's byte is its character, another's byte offset comes from
    /// its character index. `None` otherwise.
    #[inline]
    pub fn exact_str_item(&mut self, v: Value, k: Value) -> Option<Value> {
        let o = Obj::from_value(v)?;
        let i = k.as_int()?;
        if o.kind() != Kind::STR || o.class() != self.g.types.str_ {
            return None;
        }
        let cp = lstr::char_at(o, i)?;
        Some(self.char_str(cp))
    }

    /// Collects an iterable into a Vec (values rooted by the caller's use of
    /// a list when they must survive Python calls).
    pub fn collect(&mut self, v: Value) -> PyResult<Vec<Value>> {
        self.collect_or_partial(v).map_err(|(_, e)| e)
    }

    /// [`Vm::collect`], giving with an error raised by the iteration the
    /// items it produced before (`list.extend` keeps them, as CPython's).
    pub fn collect_or_partial(
        &mut self,
        v: Value,
    ) -> Result<Vec<Value>, (Vec<Value>, PyException)> {
        if let Some(o) = Obj::from_value(v) {
            let t = &self.g.types;
            match o.kind() {
                Kind::TUPLE | Kind::LIST if o.class() == t.tuple || o.class() == t.list => {
                    return Ok(self.seq_items(v))
                }
                Kind::DICT | Kind::SET | K_DICTVIEW => {
                    if let Some(items) = self.collect_table(o) {
                        return Ok(items);
                    }
                }
                // A deque of the builtin class: its items in one step under
                // its lock (its iterator took the lock per item), the same
                // items in the same order.
                K_DEQUE if !is_heap_type(o.class()) => {
                    return Ok(self.with_lock(o, |_| deque_items(o)));
                }
                // Room for every item first (a huge range is a MemoryError,
                // as CPython's list() sized by the length hint). With small
                // bounds the items lie between them, so they are small ints
                // that need no rooting; big ones are collected below.
                K_RANGE if o.class() == t.range => {
                    let n = self.len(v).map_err(|e| (Vec::new(), e))?;
                    let mut out = self.try_vec(n).map_err(|e| (Vec::new(), e))?;
                    if range_fits_i64(o) {
                        let (a, c) = (
                            o.get(0).as_int().unwrap_or(0),
                            o.get(2).as_int().unwrap_or(1),
                        );
                        out.extend((0..n as i64).map(|i| Value::int(a + i * c)));
                        return Ok(out);
                    }
                }
                _ => {}
            }
        }
        // Accumulate into a list so the items stay rooted.
        let l = self.new_list(&[]);
        let mark = self.push_root(l);
        let it = match self.iter(v) {
            Ok(it) => it,
            Err(e) => {
                self.pop_roots(mark);
                return Err((Vec::new(), e));
            }
        };
        self.push_root(it);
        // An endless iterator ends in MemoryError when the list cannot grow
        // (the list and the copy of its items are both reserved fallibly).
        let lo = Obj::from_value(l).expect("list");
        let gen = Obj::from_value(it)
            .is_some_and(|o| o.kind() == K_GEN && o.class() == self.g.types.generator);
        let r = loop {
            // A generator's yields go straight into the list, its frame
            // running on between them (`gen_next_batch`).
            if gen {
                match self.gen_next_batch(it, l, usize::MAX, call::DrainKeep::All) {
                    Ok(true) => continue,
                    Ok(false) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
            match self.next(it) {
                Ok(Some(x)) => {
                    if let Err(e) = self.try_list_append(l, x) {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        let r = match (r, self.try_vec(llist::len(lo))) {
            (Ok(()), Ok(mut out)) => {
                llist::snapshot(lo, &mut out);
                Ok(out)
            }
            (Err(e), Ok(mut out)) => {
                llist::snapshot(lo, &mut out);
                Err((out, e))
            }
            // No room for the copy: the iteration's own error, if any, wins.
            (Err(e), Err(_)) | (Ok(()), Err(e)) => Err((Vec::new(), e)),
        };
        self.pop_roots(mark);
        r
    }

    /// The items of an exact dict (its keys), set or frozenset, or of a
    /// keys/values/items view, taken in one step under the table's lock
    /// when it is shared: `list(d)`, `sorted(s)`, `tuple(d.items())` and
    /// the like see one state of the container, as under CPython's GIL
    /// or its free-threaded build's critical section, instead of raising
    /// "changed size during iteration" when another thread writes to it.
    /// `None` for other kinds and subclasses (which may override
    /// `__iter__`): the caller iterates.
    fn collect_table(&mut self, o: Obj) -> Option<Vec<Value>> {
        let t = &self.g.types;
        let c = o.class();
        // An exact OrderedDict and its views: its order is its table's.
        let od = self
            .g
            .odict_types
            .get()
            .copied()
            .unwrap_or([Value::EMPTY; 5]);
        let (d, what) = match o.kind() {
            Kind::DICT if c == t.dict || c == od[0] => (o, 0),
            Kind::SET if c == t.set || c == t.frozenset => (o, 3),
            K_DICTVIEW if c == t.dict_keys || c == od[1] => (Obj::from_value(o.get(0))?, 0),
            K_DICTVIEW if c == t.dict_values || c == od[2] => (Obj::from_value(o.get(0))?, 1),
            K_DICTVIEW if c == t.dict_items || c == od[3] => (Obj::from_value(o.get(0))?, 2),
            _ => return None,
        };
        if (c == od[1] || c == od[2] || c == od[3]) && d.class() != od[0] {
            // A view of a subclass, which may override `__iter__`.
            return None;
        }
        if d.kind() != Kind::DICT && d.kind() != Kind::SET {
            return None;
        }
        // The snapshot is Rust only (no safepoint under the lock); the
        // item tuples are made after it, with no safepoint in between.
        let mut raw = Vec::new();
        let set_keys = self.with_lock(d, |_| {
            if what == 3 {
                let t = ldict::table(d);
                let mut keys = Vec::with_capacity(ldict::len(d));
                ldict::for_each_slot(t, |_, e| {
                    if let Some((k, _, _)) = ldict::live_entry(t, e) {
                        keys.push(k);
                    }
                });
                Some(keys)
            } else {
                ldict::items(d, &mut raw);
                None
            }
        });
        if let Some(keys) = set_keys {
            return Some(keys);
        }
        Some(match what {
            0 => raw.into_iter().map(|(k, _, _)| k).collect(),
            1 => raw.into_iter().map(|(_, v, _)| v).collect(),
            _ => raw
                .into_iter()
                .map(|(k, v, _)| self.new_tuple(&[k, v]))
                .collect(),
        })
    }

    /// [`Vm::collect`] with the items rooted until `pop_roots(mark)` (the
    /// returned mark): for a caller that runs Python code (`__index__`,
    /// `__float__`, `__mul__`, ...) while it walks them, which may empty the
    /// source (itself, or through another thread) and collect. A plain
    /// `collect` result is a snapshot nothing else keeps alive.
    pub fn collect_rooted(&mut self, v: Value) -> PyResult<(Vec<Value>, usize)> {
        let items = self.collect(v)?;
        let mark = self.root_values(&items);
        Ok((items, mark))
    }

    // ------------------------------------------------------------------ subscripts

    /// `v[k]` when `v` is an exact list, tuple, bytes or bytearray and `k`
    /// an int in range (negative counting from the end); None otherwise,
    /// out of range included (the caller raises).
    #[inline(always)]
    pub fn exact_seq_item(&self, v: Value, k: Value) -> Option<Value> {
        let o = Obj::from_value(v)?;
        let i = k.as_int()?;
        let t = &self.g.types;
        match o.kind() {
            Kind::LIST if o.class() == t.list => llist::get_index(o, i),
            Kind::TUPLE if o.class() == t.tuple => {
                let ov = o.view();
                seq_index(i, ov.n_values()).map(|j| ov.get(j))
            }
            Kind::BYTES if o.class() == t.bytes => {
                let b = lstr::bytes(o);
                seq_index(i, b.len()).map(|j| Value::int(b[j] as i64))
            }
            // Value 0 of a bytearray is its buffer, which a shared
            // bytearray's writers replace whole: this read sees one buffer.
            K_BYTEARRAY if o.class() == t.bytearray => {
                let b = super::owned_bytes::ba_bytes(o);
                seq_index(i, b.len()).map(|j| Value::int(b[j] as i64))
            }
            _ => None,
        }
    }

    /// `v[k] = x` done in place when `v` is an exact bytearray that this
    /// thread may write in place (local, or see `owned_bytes`), `k` an int in
    /// range and `x` an int in 0..256: true when written (nothing else can
    /// run, so no conversion or lock is needed).
    #[inline(always)]
    pub fn exact_bytearray_store(&self, v: Value, k: Value, x: Value) -> bool {
        let (Some(o), Some(i), Some(x)) = (Obj::from_value(v), k.as_int(), x.as_int()) else {
            return false;
        };
        if o.kind() != K_BYTEARRAY || o.class() != self.g.types.bytearray || !(0..256).contains(&x)
        {
            return false;
        }
        let Some(buf) = Obj::from_value(o.get(0)) else {
            return false;
        };
        let Some(j) = seq_index(i, lstr::bytes(buf).len()) else {
            return false;
        };
        super::owned_bytes::ba_write_in_place(o, || {
            // SAFETY: inside `ba_write_in_place` no other thread reads or
            // writes the buffer (the bytearray is local, or the owner-write
            // protocol holds them off); a buffer belongs to one bytearray
            // and is never handed out, and no slice of it is held here.
            unsafe { lstr::buffer_write_at(buf, j, &[x as u8]) }
        })
        .unwrap_or(false)
    }

    /// `d[k]` on an exact dict with an int key or an exact str key whose
    /// hash is cached, found: the lookup without the call into
    /// [`Vm::getitem`]. `None` (take the general path, which also raises
    /// the KeyError) on a miss, or when a stored key of the same hash is
    /// not the same int or an exact str (its `__eq__` decides).
    #[inline(never)]
    pub fn exact_dict_item(&self, d: Value, k: Value) -> Option<Value> {
        self.exact_dict_lookup(d, k).flatten()
    }

    /// `d.get(k)` for an exact dict `d` and an int, cached-hash exact str or plain class
    /// `k`, decided by one probe: `Some(None)` when `k` is surely absent.
    /// None: another case, or a probe that met a key needing `__eq__`.
    #[inline(always)]
    pub fn exact_dict_lookup(&self, d: Value, k: Value) -> Option<Option<Value>> {
        let o = Obj::from_value(d)?;
        let t = &self.g.types;
        if o.kind() != Kind::DICT || o.class() != t.dict {
            return None;
        }
        self.dict_lookup_pure(o, k)
    }

    /// The value of int, exact-str or plain-class key `k` in dict `o` (of any class:
    /// the table itself, as `dict.get` reads it), answered without running
    /// Python code: `Some(None)` when absent, None when the key or a key
    /// met on the way needs the general path.
    pub fn dict_lookup_pure(&self, o: Obj, k: Value) -> Option<Option<Value>> {
        let t = &self.g.types;
        let tb = ldict::table(o);
        let r: Result<Probe, ()> = if let Some(i) = k.as_int() {
            // Identity is checked first.
            let h = int_hash(i) as u64;
            ldict::probe(tb, h, k, |_| Err(()))
        } else {
            let ko = Obj::from_value(k)?;
            if ko.kind() == K_TYPE && ko.class() == t.type_ {
                // A class whose metaclass is `type` hashes and compares
                // by identity (`Vm::hash`); a different key of its hash
                // decides by its own `__eq__`: the general path.
                ldict::probe(tb, identity_hash(k) as u64, k, |_| Err(()))
            } else {
                if ko.kind() != Kind::STR || ko.class() != t.str_ {
                    return None;
                }
                let h = lstr::cached_hash(ko)?;
                ldict::probe_pure(tb, h, k, |x| match Obj::from_value(x) {
                    Some(xo) if xo.kind() == Kind::STR && xo.class() == t.str_ => {
                        Ok(lstr::same_bytes(xo, ko))
                    }
                    _ => Err(()),
                })
            }
        };
        match r {
            // A concurrent delete may have emptied the entry since the probe.
            Ok(Probe::Found(e)) => Some(Some(ldict::entry(tb, e).1).filter(|v| !v.is_empty())),
            Ok(_) => Some(None),
            Err(()) => None,
        }
    }

    pub fn getitem(&mut self, v: Value, k: Value) -> PyResult<Value> {
        if let Some(o) = Obj::from_value(v) {
            let t = &self.g.types;
            let c = o.class();
            match o.kind() {
                Kind::LIST | Kind::TUPLE if c == t.list || c == t.tuple => {
                    if k.is_int() {
                        if let Some(x) = self.exact_seq_item(v, k) {
                            return Ok(x);
                        }
                        let msg = if o.kind() == Kind::LIST {
                            "list index out of range"
                        } else {
                            "tuple index out of range"
                        };
                        return Err(self.new_exc(self.g.e.IndexError, msg));
                    }
                }
                Kind::DICT if c == t.dict => {
                    if let Some(x) = self.dict_get(v, k)? {
                        return Ok(x);
                    }
                    return Err(self.key_error(k));
                }
                Kind::STR if c == t.str_ => {
                    if let Some(x) = self.exact_str_item(v, k) {
                        return Ok(x);
                    }
                }
                _ => {}
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__getitem__) {
            // A dict subclass that keeps dict's own `__getitem__`
            // (Counter, OrderedDict, defaultdict): the lookup without a
            // call, then `__missing__`, as CPython's dict_subscript.
            if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT)
                && Some(f) == self.lookup_type(self.g.types.dict, self.g.names.__getitem__)
            {
                return self.dict_subscript(v, k);
            }
            return self.call_slot_method(f, v, &[k]);
        }
        if Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE) {
            // `type[X]` (CPython's PyObject_GetItem special case: type has
            // no __class_getitem__ of its own).
            if v == self.g.types.type_ {
                let ga = self.g.types.generic_alias;
                return self.call(ga, &[v, k], Value::EMPTY);
            }
            let n = self.g.names.__class_getitem__;
            if let Some(f) = self.lookup_type(v, n) {
                let f = self.bind_descr(f, Value::NONE, v)?;
                return self.call(f, &[k], Value::EMPTY);
            }
            let tn = type_name(v);
            return Err(self.type_error(&format!("type '{tn}' is not subscriptable")));
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("'{tn}' object is not subscriptable")))
    }

    /// `dict.__getitem__` (CPython's dict_subscript): the value of `k` in
    /// dict `v`, else, for a dict subclass, its type's `__missing__(k)`,
    /// else KeyError.
    pub fn dict_subscript(&mut self, v: Value, k: Value) -> PyResult<Value> {
        if let Some(x) = self.dict_get(v, k)? {
            return Ok(x);
        }
        if self.type_of(v) != self.g.types.dict {
            if let Some(r) = self.call_special(v, self.g.names.__missing__, &[k])? {
                return Ok(r);
            }
        }
        Err(self.key_error(k))
    }

    /// A KeyError for key `k`.
    pub fn key_error(&mut self, k: Value) -> PyException {
        let args = self.new_tuple(&[k]);
        self.new_exc_args(self.g.e.KeyError, args)
    }

    /// `v[k] = x`.
    pub fn setitem(&mut self, v: Value, k: Value, x: Value) -> PyResult<()> {
        if let Some(o) = Obj::from_value(v) {
            let t = &self.g.types;
            let c = o.class();
            match o.kind() {
                Kind::LIST if c == t.list => {
                    if let Some(i) = k.as_int() {
                        if self.with_mut_lock(o, |ctx| llist::set_index(ctx, o, i, x))? {
                            return Ok(());
                        }
                        return Err(
                            self.new_exc(self.g.e.IndexError, "list assignment index out of range")
                        );
                    }
                }
                Kind::DICT if c == t.dict => return self.dict_set(v, k, x),
                _ => {}
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__setitem__) {
            // A dict subclass that keeps dict's own `__setitem__`.
            if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT)
                && Some(f) == self.lookup_type(self.g.types.dict, self.g.names.__setitem__)
            {
                return self.dict_set(v, k, x);
            }
            self.call_slot_method(f, v, &[k, x])?;
            return Ok(());
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!("'{tn}' object does not support item assignment")))
    }

    /// `del v[k]`.
    pub fn delitem(&mut self, v: Value, k: Value) -> PyResult<()> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() == Kind::DICT && o.class() == self.g.types.dict {
                if self.dict_del(v, k)?.is_none() {
                    return Err(self.key_error(k));
                }
                return Ok(());
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__delitem__) {
            self.call_slot_method(f, v, &[k])?;
            return Ok(());
        }
        // CPython words it as PySequence_DelItem does ("doesn't") for an
        // index key on a type with sequence slots (every class statement's
        // type, and the builtins with a length, items or `in`), else as
        // PyObject_DelItem does ("does not").
        let seq = self.has_index(k)
            && (is_heap_type(tp)
                || [
                    self.g.names.__len__,
                    self.g.names.__getitem__,
                    self.g.names.__contains__,
                ]
                .into_iter()
                .any(|n| self.lookup_type(tp, n).is_some()));
        let tn = self.type_name_of(v);
        let verb = if seq { "doesn't" } else { "does not" };
        Err(self.type_error(&format!("'{tn}' object {verb} support item deletion")))
    }

    /// `x in v`.
    pub fn contains(&mut self, v: Value, x: Value) -> PyResult<bool> {
        if let Some(o) = Obj::from_value(v) {
            let t = &self.g.types;
            let c = o.class();
            match o.kind() {
                Kind::DICT if c == t.dict => return Ok(self.dict_get(v, x)?.is_some()),
                Kind::SET if c == t.set || c == t.frozenset => {
                    // `{1} in s` looks for frozenset({1}) (set_contains).
                    if Obj::from_value(x)
                        .is_some_and(|xo| xo.kind() == Kind::SET && xo.class() == self.g.types.set)
                    {
                        let fs = self.new_set(true);
                        for y in self.set_items(x) {
                            self.set_add(fs, y)?;
                        }
                        return self.set_contains(v, fs);
                    }
                    return self.set_contains(v, x);
                }
                Kind::STR if c == t.str_ => {
                    if !is_str(x) {
                        let tn = self.type_name_of(x);
                        return Err(self.type_error(&format!(
                            "'in <string>' requires string as left operand, not {tn}"
                        )));
                    }
                    let (h, n) = (lstr::bytes(o), str_bytes(x));
                    return Ok(find_sub(h, n).is_some());
                }
                Kind::LIST | Kind::TUPLE if c == t.list || c == t.tuple => {
                    let mark = self.push_root(v);
                    let mut i = 0;
                    let r = loop {
                        match self.seq_get(v, i) {
                            Some(y) => match self.eq(y, x) {
                                Ok(true) => break Ok(true),
                                Ok(false) => {}
                                Err(e) => break Err(e),
                            },
                            None => break Ok(false),
                        }
                        i += 1;
                    };
                    self.pop_roots(mark);
                    return r;
                }
                _ => {}
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__contains__) {
            if f.is_none() {
                // `__contains__ = None` blocks the iteration fallback.
                let tn = self.type_name_of(v);
                return Err(self.type_error(&format!("'{tn}' object is not a container")));
            }
            let r = self.call_slot_method(f, v, &[x])?;
            return self.truthy(r);
        }
        let has_iter = self.lookup_type(tp, self.g.names.__iter__).is_some()
            || self.lookup_type(tp, self.g.names.__getitem__).is_some()
            || Obj::from_value(v)
                .is_some_and(|o| matches!(o.kind(), K_ITER | K_GEN | K_RANGE | K_DICTVIEW));
        if !has_iter {
            let tn = self.type_name_of(v);
            return Err(self.type_error(&format!("argument of type '{tn}' is not iterable")));
        }
        let it = self.iter(v)?;
        let mark = self.push_root(it);
        self.push_root(x);
        let r = loop {
            match self.next(it) {
                Ok(Some(y)) => match self.eq(y, x) {
                    Ok(true) => break Ok(true),
                    Ok(false) => {}
                    Err(e) => break Err(e),
                },
                Ok(None) => break Ok(false),
                Err(e) => break Err(e),
            }
        };
        self.pop_roots(mark);
        r
    }
}

// ---------------------------------------------------------------------- helpers

impl Vm {
    /// The type name an argument-type error gives for `v`: CPython's
    /// argument parsers write "None" rather than "NoneType".
    pub fn arg_type_name(&self, v: Value) -> String {
        if v.is_none() {
            "None".to_string()
        } else {
            self.type_name_of(v)
        }
    }
}

/// One item's contribution to a frozenset's hash (CPython's `_shuffle_bits`),
/// xored together over the items.
fn frozenset_shuffle(hx: i64) -> u64 {
    let hx = hx as u64;
    (hx ^ (hx << 16) ^ 89869747).wrapping_mul(3644798167)
}

/// The hash of frozenset `s`, from the hashes its table stored for its
/// items (as CPython's `frozenset_hash`: no item's `__hash__` runs again,
/// so nested frozensets hash in linear time).
pub fn frozenset_hash(s: Obj) -> i64 {
    let mut items = Vec::new();
    ldict::items(s, &mut items);
    let h = items
        .iter()
        .fold(0u64, |h, &(_, _, hx)| h ^ frozenset_shuffle(hx as i64));
    frozenset_hash_finish(h, items.len())
}

/// A frozenset's hash from the xor `h` of its `n` items' shuffled hashes,
/// as CPython's: the size is factored in, then nested patterns dispersed;
/// never -1 (the error marker of CPython's slot).
fn frozenset_hash_finish(h: u64, n: usize) -> i64 {
    let mut h = h ^ (n as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    if h == u64::MAX {
        590923713
    } else {
        h as i64
    }
}

/// object.__hash__ (identity hash).
pub fn object_hash_marker(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // The immediate singletons hash by identity too, with the value `hash()`
    // gives them.
    let v = a[0];
    if v.is_none() || v == Value::NOT_IMPLEMENTED || v == Value::ELLIPSIS {
        let h = vm.hash(v)?;
        return Ok(vm.new_int(h));
    }
    Ok(vm.new_int(identity_hash(v)))
}

/// The first offset of `needle` in `hay`: the first match
/// [`for_each_sub`] finds.
#[inline]
pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let mut found = None;
    for_each_sub(hay, needle, |at| {
        found = Some(at);
        false
    });
    found
}

/// Calls `f` with the start of each non-overlapping match of the non-empty
/// `needle` in `hay`, left to right, until `f` returns false (an empty
/// needle: never). memchr's `memmem` builds a searcher (its prefilter and
/// Two-Way tables) for each search, which costs more than the search itself
/// for the strings of `x in s` on names and paths (a 60-byte path in a
/// 100-byte one: 29% of a coverage run under the pure-Python tracer, which
/// tests that on every event). So one byte goes to `memchr`, a haystack of
/// up to [`SCAN_HAY`] bytes is scanned, a needle of up to [`SHORT_NEEDLE`]
/// bytes goes to `memmem`; otherwise `memchr` finds the needle's first byte
/// and the rest is compared there, and only after [`FALSE_HITS`] hits that
/// were no match (counted over the whole walk: a first byte common in the
/// haystack) is one searcher built for what is left, so the work stays
/// linear in the haystack whatever the input.
#[inline]
pub fn for_each_sub(hay: &[u8], needle: &[u8], mut f: impl FnMut(usize) -> bool) {
    let [first, rest @ ..] = needle else {
        return;
    };
    if rest.is_empty() {
        for at in memchr::memchr_iter(*first, hay) {
            if !f(at) {
                return;
            }
        }
        return;
    }
    if hay.len() <= SCAN_HAY {
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i] == *first && &hay[i + 1..i + needle.len()] == rest {
                if !f(i) {
                    return;
                }
                i += needle.len();
            } else {
                i += 1;
            }
        }
        return;
    }
    if needle.len() <= SHORT_NEEDLE {
        for at in memchr::memmem::find_iter(hay, needle) {
            if !f(at) {
                return;
            }
        }
        return;
    }
    let mut from = 0;
    let mut misses = 0;
    while from + needle.len() <= hay.len() {
        if misses == FALSE_HITS {
            for at in memchr::memmem::find_iter(&hay[from..], needle) {
                if !f(from + at) {
                    return;
                }
            }
            return;
        }
        let Some(k) = memchr::memchr(*first, &hay[from..=hay.len() - needle.len()]) else {
            return;
        };
        let at = from + k;
        if &hay[at + 1..at + needle.len()] == rest {
            if !f(at) {
                return;
            }
            from = at + needle.len();
        } else {
            misses += 1;
            from = at + 1;
        }
    }
}

/// Haystacks up to this many bytes are scanned position by position (the
/// first byte compared, the rest only where it matches) by
/// [`for_each_sub`] and [`rfind_sub`]: below it, the calls into `memchr`
/// cost more than the scan.
const SCAN_HAY: usize = 64;

/// Needles up to this many bytes go to `memmem` past [`SCAN_HAY`]: its
/// searcher for them is cheap to build and its prefilter (a pair of bytes
/// looked for in vector registers) beats `memchr` on one byte; the cost of
/// building it grows with the needle (the Two-Way factorization).
const SHORT_NEEDLE: usize = 8;

/// First-byte hits [`for_each_sub`] and [`rfind_sub`] check by comparison
/// before they build a `memmem` searcher.
const FALSE_HITS: usize = 16;

/// The last offset of `needle` in `hay` (`hay.len()` for an empty needle),
/// searched as [`for_each_sub`] searches, from the end.
#[inline]
pub fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [] => Some(hay.len()),
        [b] => memchr::memrchr(*b, hay),
        _ if needle.len() > hay.len() => None,
        [first, rest @ ..] if hay.len() <= SCAN_HAY => (0..=hay.len() - needle.len())
            .rev()
            .find(|&i| hay[i] == *first && &hay[i + 1..i + needle.len()] == rest),
        _ if needle.len() <= SHORT_NEEDLE => memchr::memmem::rfind(hay, needle),
        [first, rest @ ..] => {
            // Starts below `end` are left to look at.
            let mut end = hay.len() - needle.len() + 1;
            for _ in 0..FALSE_HITS {
                let at = memchr::memrchr(*first, &hay[..end])?;
                if &hay[at + 1..at + needle.len()] == rest {
                    return Some(at);
                }
                end = at;
                if end == 0 {
                    return None;
                }
            }
            memchr::memmem::rfind(&hay[..end + needle.len() - 1], needle)
        }
    }
}

/// `(x // y, x % y)` for positive `x` and `y` of at least 128 bits whose quotient is
/// below 2**52 (pidigits' digit extraction, a Euclid step): the quotient estimated from
/// the top bits of both (`y`'s top 64 bits against the same bits of `x`), which is
/// the true quotient or one more, then corrected by the remainder's sign: one scalar
/// multiplication and one subtraction instead of a long division. `None` for any
/// other operands.
fn small_quotient_divmod(x: &BigInt, y: &BigInt) -> Option<(u64, BigInt)> {
    use num_bigint::Sign;
    if x.sign() != Sign::Plus || y.sign() != Sign::Plus {
        return None;
    }
    let (bx, by) = (x.bits(), y.bits());
    if by < 128 || bx > by + 52 {
        return None;
    }
    if bx < by {
        return Some((0, x.clone()));
    }
    // x = xs * 2**s + (< 2**s), y = ys * 2**s + (< 2**s) with 2**63 <= ys < 2**64
    // and xs < 2**117. x >= q * y puts xs at or above q * ys, so floor(xs / ys) is
    // never below the quotient q; and x / y > xs / (ys + 1), less than 1 below
    // xs / ys, so it is at most one above it.
    let s = by - 64;
    let q = (top_bits(x, s) / top_bits(y, s)) as u64;
    let mut q = i64::try_from(q).ok()?;
    let mut r = x - y * q;
    if r.sign() == Sign::Minus {
        r += y;
        q -= 1;
    }
    debug_assert!(r.sign() != Sign::Minus && &r < y);
    Some((q as u64, r))
}

/// `x >> s` of a positive `x`, when that fits 128 bits.
fn top_bits(x: &BigInt, s: u64) -> u128 {
    let mut words = x.iter_u64_digits().skip((s / 64) as usize);
    let sh = (s % 64) as u32;
    let w = [(); 3].map(|_| words.next().unwrap_or(0) as u128);
    // The three words from bit `s - sh` on: 192 bits, of which the caller's bound
    // keeps all set bits at or after `s` within 128 of it.
    let low = (w[0] | (w[1] << 64)) >> sh;
    if sh == 0 {
        low
    } else {
        low | (w[2] << (128 - sh))
    }
}

fn num_to_big(n: &Num) -> BigInt {
    match n {
        Num::I(i) => BigInt::from(*i),
        Num::B(b) => (*b).clone(),
        Num::F(_) => BigInt::zero(),
    }
}

fn num_f64(n: &Num) -> Option<f64> {
    match n {
        Num::I(i) => Some(*i as f64),
        Num::B(b) => b.to_f64().filter(|f| f.is_finite()),
        Num::F(f) => Some(*f),
    }
}

/// Exact int/int true division rounded to f64.
/// Correctly rounded `a / b` for ints (b != 0), as CPython's
/// long_true_divide: infinity when the result overflows a float.
fn bigdiv_f64(a: &BigInt, b: &BigInt) -> f64 {
    const MANT: i64 = 53; // DBL_MANT_DIG
    const MIN_EXP: i64 = -1021; // DBL_MIN_EXP
    const MAX_EXP: i64 = 1024; // DBL_MAX_EXP
    let negate = a.is_negative() != b.is_negative();
    let sign = |x: f64| if negate { -x } else { x };
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() <= 1 << MANT && y.unsigned_abs() <= 1 << MANT {
            // Both exact as floats: IEEE division rounds correctly.
            return x as f64 / y as f64;
        }
    }
    let (a, b) = (a.magnitude(), b.magnitude());
    if a.bits() == 0 {
        return sign(0.0);
    }
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP {
        return sign(f64::INFINITY);
    }
    if diff < MIN_EXP - MANT - 1 {
        return sign(0.0);
    }
    // x = a / b / 2**shift, truncated, with 2 or 3 extra bits below the
    // 53 kept (fewer kept in the subnormal range) and a sticky bit.
    let shift = diff.max(MIN_EXP) - MANT - 2;
    let (num, den) = if shift >= 0 {
        (a.clone(), b << (shift as usize))
    } else {
        (a << ((-shift) as usize), b.clone())
    };
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    let mut x = q.to_u64().unwrap_or(u64::MAX);
    let inexact = !r.is_zero();
    let x_bits = 64 - x.leading_zeros() as i64;
    let extra = x_bits.max(MIN_EXP - shift) - MANT;
    let mask = 1u64 << (extra - 1);
    let low = x | inexact as u64;
    x = if (low & mask) != 0 && (low & (3 * mask - 1)) != 0 {
        low + mask
    } else {
        low
    };
    x &= !(2 * mask - 1);
    let dx = x as f64;
    if shift + x_bits >= MAX_EXP && (shift + x_bits > MAX_EXP || dx == 2f64.powi(x_bits as i32)) {
        return sign(f64::INFINITY);
    }
    sign(ldexp(dx, shift))
}

/// `x * 2**e` without intermediate overflow or double rounding (x exact).
fn ldexp(x: f64, e: i64) -> f64 {
    let mut x = x;
    let mut e = e;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        // x has few enough significant bits here that scaling down in steps
        // is exact until the final step, which rounds once.
        if e < -2000 {
            x *= 2f64.powi(-1000);
            e += 1000;
        } else {
            let h = e / 2;
            x *= 2f64.powi(h as i32);
            e -= h;
        }
    }
    x * 2f64.powi(e as i32)
}

/// Python float divmod.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// Compares two numbers exactly.
pub fn num_compare(a: &Num, b: &Num, op: u32) -> bool {
    use std::cmp::Ordering as O;
    let ord: Option<O> = match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(x), Num::F(y)) => x.partial_cmp(y),
        (Num::F(x), other) => cmp_float_int(*x, other),
        (other, Num::F(y)) => cmp_float_int(*y, other).map(|o| o.reverse()),
        (x, y) => Some(num_to_big(x).cmp(&num_to_big(y))),
    };
    match ord {
        Some(o) => cmp_op(o, op),
        None => op == 3,
    }
}

fn cmp_float_int(f: f64, i: &Num) -> Option<std::cmp::Ordering> {
    // An int that is exactly a float: one float comparison (None for a NaN).
    if let Some(x) = match *i {
        Num::I(x) => exact_f64(x),
        _ => None,
    } {
        return f.partial_cmp(&x);
    }
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    let bi = num_to_big(i);
    let fl = f.floor();
    let fb = BigInt::from(fl as i128);
    let fb = if fl.abs() < 1.7e38 {
        fb
    } else {
        num_bigint::BigInt::from_signed_bytes_le(&[]) + bigint_from_f64(fl)
    };
    match fb.cmp(&bi) {
        std::cmp::Ordering::Equal => Some(if f > fl {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }),
        o => Some(o),
    }
}

/// `i` as a float when the conversion is exact (at most 53 bits).
#[inline(always)]
fn exact_f64(i: i64) -> Option<f64> {
    (i.unsigned_abs() <= 1 << 53).then_some(i as f64)
}

/// `(a, b)` as two floats when both are immediate floats, or one is and the
/// other an int that converts exactly ([`exact_f64`]).
#[inline(always)]
pub fn float_operands(a: Value, b: Value) -> Option<(f64, f64)> {
    let exact = |v: Value| v.is_int().then(|| exact_f64(v.int_unchecked())).flatten();
    match (a.is_float(), b.is_float()) {
        (true, true) => Some((a.float_unchecked(), b.float_unchecked())),
        (true, false) => Some((a.float_unchecked(), exact(b)?)),
        (false, true) => Some((exact(a)?, b.float_unchecked())),
        (false, false) => None,
    }
}

/// BigInt from an integral f64.
pub fn bigint_from_f64(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f).unwrap_or_default()
}

/// `a OP b` for two exact strs (`None` otherwise): their bytes compared
/// (surrogate-preserving UTF-8 orders as the code points do), equality
/// first by identity and byte length.
#[inline(always)]
pub fn exact_str_compare(a: Value, b: Value, op: u32, t: &Types) -> Option<Value> {
    let (ao, bo) = (Obj::from_value(a)?, Obj::from_value(b)?);
    if ao.kind() != Kind::STR
        || bo.kind() != Kind::STR
        || ao.class() != t.str_
        || bo.class() != t.str_
    {
        return None;
    }
    if op == 2 || op == 3 {
        let eq = a == b || lstr::same_bytes(ao, bo);
        return Some(Value::bool(eq == (op == 2)));
    }
    Some(Value::bool(cmp_op(
        lstr::bytes(ao).cmp(lstr::bytes(bo)),
        op,
    )))
}

/// Applies a comparison op to an ordering.
#[inline]
pub fn cmp_op(o: std::cmp::Ordering, op: u32) -> bool {
    use std::cmp::Ordering::*;
    match op {
        0 => o == Less,
        1 => o != Greater,
        2 => o == Equal,
        3 => o != Equal,
        4 => o == Greater,
        _ => o != Less,
    }
}

/// Are a range's start, stop and step all small ints (the i64 fast paths)?
pub fn range_fits_i64(o: Obj) -> bool {
    o.get(0).is_int() && o.get(1).is_int() && o.get(2).is_int()
}

impl Vm {
    /// Refuses `a << b` (`b >= 0`, `a != 0`) as CPython does: a count
    /// whose 30-bit digit shift does not fit a `Py_ssize_t`, or a result
    /// over CPython's digit limit, is OverflowError ("too many digits in
    /// integer"); a result that cannot be allocated is MemoryError.
    fn check_lshift_size(&mut self, a: &BigInt, b: &BigInt) -> PyResult<()> {
        const DIGIT_BITS: u64 = 30;
        const MAX_DIGITS: u64 = (i64::MAX as u64 - 24) / 4;
        let digits = (b / DIGIT_BITS)
            .to_i64()
            .map(|w| w as u64 + a.bits().div_ceil(DIGIT_BITS) + 1)
            .filter(|&d| d <= MAX_DIGITS);
        if digits.is_none() {
            return Err(self.new_exc(self.g.e.OverflowError, "too many digits in integer"));
        }
        let words = b
            .to_u64()
            .and_then(|s| s.checked_add(a.bits()))
            .map(|bits| bits / 64 + 1)
            .and_then(|w| usize::try_from(w).ok());
        // The shift's result vector is allocated by the big-int library,
        // which cannot fail softly: whether the room can be had is asked
        // first (the probe is freed at once, its pages never touched).
        match words.map(|w| Vec::<u64>::new().try_reserve_exact(w)) {
            Some(Ok(())) => Ok(()),
            _ => Err(self.no_memory()),
        }
    }
}

/// Length of range(a, b, c).
pub fn range_len(a: i64, b: i64, c: i64) -> u64 {
    // Step 1 (`range(n)`, `range(a, b)`): no 128-bit division.
    if c == 1 {
        return if a < b {
            (b as i128 - a as i128) as u64
        } else {
            0
        };
    }
    if c > 0 && a < b {
        ((b as i128 - a as i128 - 1) / c as i128 + 1) as u64
    } else if c < 0 && a > b {
        ((a as i128 - b as i128 - 1) / (-(c as i128)) + 1) as u64
    } else {
        0
    }
}

/// CPython's float hash.
pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.0e18 {
        let i = f as i64;
        let h = i.rem_euclid(HASH_MODULUS);
        let h = if i < 0 { -((-i) % HASH_MODULUS) } else { h };
        return if h == -1 { -2 } else { h };
    }
    let (m, e) = frexp(f.abs());
    let mut m = m;
    let mut e = e;
    let mut x: u64 = 0;
    let modulus = HASH_MODULUS as u64;
    while m != 0.0 {
        x = ((x << 28) & modulus) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & modulus) | x >> (61 - e);
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// CPython's int hash.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `-b`/`-bb` (`sys.flags.bytes_warning`, set at start-up): bytes
/// compared with str or int, and str() of bytes, issue a BytesWarning.
pub static BYTES_WARNING: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

/// The key mixed into every str/bytes hash (PYTHONHASHSEED): 0 for seed 0
/// (plain FNV-1a, the same in every run), else derived from the seed or,
/// by default, from the OS's random bytes. Set once by the `protopy`
/// command before any string is hashed ([`set_hash_seed`]).
static HASH_KEY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Sets the str/bytes hash key from a PYTHONHASHSEED value (0: no
/// randomization). Must run before the first string is hashed: hashes are
/// cached in the objects and tables are laid out by them.
pub fn set_hash_seed(seed: u64) {
    let key = if seed == 0 {
        0
    } else {
        // splitmix64: spreads a small seed over all 64 bits.
        let mut z = seed.wrapping_add(0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    };
    HASH_KEY.store(key, std::sync::atomic::Ordering::Relaxed);
}

/// Hash of a str/bytes object (FNV-1a from a seeded basis, cached).
#[inline]
pub fn str_hash(o: Obj) -> i64 {
    if let Some(h) = lstr::cached_hash(o) {
        return h as i64;
    }
    let bytes = lstr::bytes(o);
    // As CPython: the empty str and bytes hash to 0 whatever the seed.
    if bytes.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf29ce484222325 ^ HASH_KEY.load(std::sync::atomic::Ordering::Relaxed);
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = (h >> 1) as i64;
    let h = if h == -1 { -2 } else { h };
    lstr::set_cached_hash(o, h as u64);
    h
}

/// Probes table `t` for a simple key (see [`key_is_simple`]) without
/// running Python code. A stored key that is not simple itself (an int or
/// str subclass instance with the same hash) needs the full `==`: the probe
/// then gives up with `Err` and the caller takes the general path.
#[inline]
fn probe_simple(t: Obj, h: u64, key: Value, types: &Types) -> Result<Probe, ()> {
    // Pure: equal simple keys have equal hashes, and a stored key that is
    // not simple gives up.
    ldict::probe_pure(t, h, key, |k| simple_key_eq(key, k, types))
}

/// Equality of simple key `key` with stored key `k`, for a pure probe:
/// `Err` when `k` is not simple (its `==` may run Python code).
#[inline(always)]
fn simple_key_eq(key: Value, k: Value, types: &Types) -> Result<bool, ()> {
    if key_is_simple(k, types) {
        Ok(simple_eq(key, k))
    } else {
        Err(())
    }
}

/// The value of entry `e` that a lock-free probe found: `None` when the
/// entry was cleared since (a deletion, or `ldict::move_to_end`, whose copy
/// a new probe finds: both clear the key, then the value), for the caller
/// to probe again; `Some(None)` for a key stored without a value.
#[inline]
fn found_value(t: Obj, e: usize) -> Option<Option<Value>> {
    let (k, v, _) = ldict::entry(t, e);
    if !v.is_empty() {
        Some(Some(v))
    } else if k.is_empty() {
        None
    } else {
        Some(None)
    }
}

/// Equality of two dict keys where no Python code decides it: the same
/// object, or two exact tuples whose items are pairwise the same object or
/// simple keys ([`key_is_simple`]) equal by value, as tuple comparison's
/// identity-first item test finds them. `Err` where `__eq__` would run.
fn quick_key_eq(a: Value, b: Value, t: &Types) -> Result<bool, ()> {
    if a == b {
        return Ok(true);
    }
    let (Some(x), Some(y)) = (Obj::from_value(a), Obj::from_value(b)) else {
        return Err(());
    };
    if x.kind() != Kind::TUPLE
        || y.kind() != Kind::TUPLE
        || x.class() != t.tuple
        || y.class() != t.tuple
    {
        return Err(());
    }
    if x.n_values() != y.n_values() {
        return Ok(false);
    }
    for i in 0..x.n_values() {
        let (p, q) = (x.get(i), y.get(i));
        if p == q {
            continue;
        }
        if !(key_is_simple(p, t) && key_is_simple(q, t)) {
            return Err(());
        }
        if !simple_eq(p, q) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Keys whose equality needs no Python code: ints, str, None, bools,
/// classes whose metaclass is `type` (equal only to themselves), and exact
/// tuples of at most [`SIMPLE_TUPLE_LEN`] such keys, tuples excepted (the
/// keys of `re`'s compile cache and of `functools.lru_cache` on
/// positional arguments).
#[inline]
fn key_is_simple(k: Value, t: &Types) -> bool {
    if k.is_int() || k.is_special() {
        return true;
    }
    let Some(o) = Obj::from_value(k) else {
        return false;
    };
    match o.kind() {
        Kind::STR => o.class() == t.str_,
        Kind::BYTES => simple_bytes(o, t),
        Kind::TUPLE => tuple_is_simple(o, t),
        K_TYPE => o.class() == t.type_,
        _ => false,
    }
}

/// An exact bytes is a simple key unless `-b` is on: then a probe that
/// meets an equal-hashed str must compare them through `__eq__`, which
/// warns.
#[inline]
fn simple_bytes(o: Obj, t: &Types) -> bool {
    o.class() == t.bytes && !BYTES_WARNING.load(proto_core::sync::Ordering::Relaxed)
}

/// The longest tuple [`key_is_simple`] looks into.
const SIMPLE_TUPLE_LEN: usize = 8;

/// See [`key_is_simple`].
#[inline(never)]
fn tuple_is_simple(o: Obj, t: &Types) -> bool {
    let n = o.n_values();
    if o.class() != t.tuple || n > SIMPLE_TUPLE_LEN {
        return false;
    }
    for i in 0..n {
        let v = o.get(i);
        if v.is_int() || v.is_special() {
            continue;
        }
        let Some(x) = Obj::from_value(v) else {
            return false;
        };
        let simple = match x.kind() {
            Kind::STR => x.class() == t.str_,
            Kind::BYTES => simple_bytes(x, t),
            K_TYPE => x.class() == t.type_,
            _ => false,
        };
        if !simple {
            return false;
        }
    }
    true
}

/// The hash of an object hashed by identity (`object.__hash__`, classes of
/// metaclass `type`, functions, modules, a NaN): its address without the
/// alignment bits. `Vm::hash` and the dict probes that skip it agree on it.
#[inline(always)]
fn identity_hash(v: Value) -> i64 {
    (v.bits() >> 4) as i64
}

/// `hash()` of a small int: the int itself, -1 (CPython's error marker)
/// excepted.
#[inline(always)]
fn int_hash(i: i64) -> i64 {
    if i == -1 {
        -2
    } else {
        i
    }
}

/// Container equality (identity first, then `==`) where it is decided
/// without running Python code or allocating: identical words, two
/// immediates, two exact strs (`str_` is the str type). `None` means
/// `Vm::eq` must run the general comparison. Safe under an object lock,
/// where no safepoint may be reached.
#[inline]
pub fn eq_native(str_: Value, a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    if a.is_immediate() && b.is_immediate() {
        if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
            return Some(x == y);
        }
        if a.is_int() && b.is_int() {
            return Some(false);
        }
    }
    if let (Some(ao), Some(bo)) = (Obj::from_value(a), Obj::from_value(b)) {
        if ao.kind() == Kind::STR
            && bo.kind() == Kind::STR
            && ao.class() == str_
            && bo.class() == str_
        {
            return Some(lstr::same_bytes(ao, bo));
        }
    }
    None
}

/// `==` of two exact tuples whose items are pairwise the same object, or
/// answer `==` with no Python code ([`eq_native`], or two exact bytes);
/// `None` where an item pair needs the full protocol.
fn tuple_eq_quick(x: Obj, y: Obj, t: &Types) -> Option<bool> {
    let n = x.n_values();
    if n != y.n_values() {
        return Some(false);
    }
    for i in 0..n {
        let (p, q) = (x.get(i), y.get(i));
        let e = match eq_native(t.str_, p, q) {
            Some(e) => e,
            None => {
                let (po, qo) = (Obj::from_value(p)?, Obj::from_value(q)?);
                if po.kind() != Kind::BYTES
                    || qo.kind() != Kind::BYTES
                    || po.class() != t.bytes
                    || qo.class() != t.bytes
                {
                    return None;
                }
                lstr::same_bytes(po, qo)
            }
        };
        if !e {
            return Some(false);
        }
    }
    Some(true)
}

#[inline]
pub(crate) fn simple_eq(a: Value, b: Value) -> bool {
    if a == b {
        return true;
    }
    match (Obj::from_value(a), Obj::from_value(b)) {
        (Some(x), Some(y)) => match (x.kind(), y.kind()) {
            // Exact strs, or exact bytes (simple keys only without `-b`).
            (Kind::STR, Kind::STR) | (Kind::BYTES, Kind::BYTES) => lstr::same_bytes(x, y),
            // Tuples of simple keys (see `key_is_simple`): item by item.
            (Kind::TUPLE, Kind::TUPLE) => {
                x.n_values() == y.n_values()
                    && (0..x.n_values()).all(|i| simple_eq(x.get(i), y.get(i)))
            }
            _ => false,
        },
        // 1 == True, 0 == False
        _ => {
            let ai = if a.is_bool() {
                Some((a == Value::TRUE) as i64)
            } else {
                a.as_int()
            };
            let bi = if b.is_bool() {
                Some((b == Value::TRUE) as i64)
            } else {
                b.as_int()
            };
            if ai.is_some() && ai == bi {
                return true;
            }
            // An int probe against a stored float key (or the reverse):
            // 1 == 1.0 with equal hashes. Exact, not through f64 rounding.
            let as_f = |v: Value| {
                v.as_float().or_else(|| {
                    Obj::from_value(v)
                        .filter(|o| o.kind() == Kind::FLOAT)
                        .map(boxed_float)
                })
            };
            match (ai, bi, as_f(a), as_f(b)) {
                (Some(i), None, _, Some(f)) | (None, Some(i), Some(f), _) => {
                    f.fract() == 0.0 && f.abs() < 9.2e18 && f as i64 == i
                }
                _ => false,
            }
        }
    }
}

/// Appends code point `cp` as surrogate-preserving UTF-8 (U+FFFD above U+10FFFF).
pub fn push_cp(out: &mut Vec<u8>, cp: u32) {
    if crate::bytecode::code::push_code_point(out, cp).is_none() {
        out.extend_from_slice("\u{FFFD}".as_bytes());
    }
}

/// Facts about a class (its comparison methods, its truth) that take type lookups to
/// establish ([`Vm::class_fact`]), as (class bits, type version, bits) in a
/// small direct-mapped per-thread table: fact `f` is bit `f`, and bit
/// `16 + f` says it is known. Version 0, which no type carries, marks an
/// empty slot.
#[derive(Default)]
pub struct ClassFacts(pub(crate) [(u64, u64, u32); 32]);

/// [`ClassFacts`] bit: the class keeps object's `__eq__` and `__ne__`.
const FACT_OBJECT_EQ: u32 = 6;

/// [`ClassFacts`] bit: the class has neither `__bool__` nor `__len__`, so
/// its instances are true.
const FACT_ALWAYS_TRUE: u32 = 7;

/// Advances the position (raw word 0) of builtin iterator `it` from `i` to
/// `next`: a plain store when only this thread reaches it, else a
/// compare-and-swap that fails (false) if another thread moved it first.
#[inline(always)]
pub fn claim_index(it: Obj, i: usize, next: usize) -> bool {
    if it.is_shared() {
        proto_core::layouts::raw_word(it, 0)
            .compare_exchange(i as u64, next as u64, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    } else {
        set_raw(it, 0, next as u64);
        true
    }
}

/// What a [`BinopEntry`] caches: a binary operator, or a rich comparison
/// (0 `<` ... 5 `>=`).
#[derive(Clone, Copy)]
pub(crate) enum NativeOp {
    Binary(B),
    Compare(u32),
}

impl NativeOp {
    /// The entry's key: the operators' numbers, then the comparisons' from 32.
    #[inline]
    fn key(self) -> u8 {
        match self {
            NativeOp::Binary(op) => op as u8,
            NativeOp::Compare(op) => 32 + op as u8,
        }
    }
}

/// One entry of a thread's binary-operator cache ([`Vm::binop_cached`]):
/// for instances of the type `tp` (its bits; 0 for none) at `version`, the
/// native method that `op` (a [`NativeOp::key`]) calls, or None when the
/// general path must run.
#[derive(Clone, Copy)]
pub(crate) struct BinopEntry {
    tp: u64,
    version: u64,
    op: u8,
    f: Option<NativeFn>,
}

impl BinopEntry {
    pub(crate) const EMPTY: BinopEntry = BinopEntry {
        tp: 0,
        version: 0,
        op: 0,
        f: None,
    };
}

/// Entries of a thread's binary-operator cache.
pub(crate) const BINOP_CACHE: usize = 16;

#[cfg(test)]
mod substring_tests {
    use super::{find_sub, rfind_sub};

    fn naive_find(h: &[u8], n: &[u8]) -> Option<usize> {
        (0..=h.len().checked_sub(n.len())?).find(|&i| &h[i..i + n.len()] == n)
    }

    fn naive_rfind(h: &[u8], n: &[u8]) -> Option<usize> {
        (0..=h.len().checked_sub(n.len())?)
            .rev()
            .find(|&i| &h[i..i + n.len()] == n)
    }

    /// Every search path (one byte, short haystack, first-byte hits, the
    /// `memmem` searcher after them) against a plain scan, on haystacks over a small
    /// alphabet so that needles occur, partly occur and repeat.
    #[test]
    fn find_and_rfind_agree_with_a_plain_scan() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for hay_len in [0usize, 1, 5, 63, 64, 65, 200, 4096, 9000] {
            for _ in 0..40 {
                let hay: Vec<u8> = (0..hay_len)
                    .map(|_| b"abc"[(next() % 3) as usize])
                    .collect();
                for n_len in [0usize, 1, 2, 3, 7, 31, 32, 33, 70] {
                    let needle: Vec<u8> = if n_len <= hay_len && next() % 2 == 0 {
                        let at = (next() as usize) % (hay_len - n_len + 1);
                        hay[at..at + n_len].to_vec()
                    } else {
                        (0..n_len).map(|_| b"abc"[(next() % 3) as usize]).collect()
                    };
                    assert_eq!(find_sub(&hay, &needle), naive_find(&hay, &needle));
                    let want = if needle.is_empty() {
                        Some(hay.len())
                    } else {
                        naive_rfind(&hay, &needle)
                    };
                    assert_eq!(rfind_sub(&hay, &needle), want);
                    if !needle.is_empty() {
                        let mut got = Vec::new();
                        super::for_each_sub(&hay, &needle, |at| {
                            got.push(at);
                            true
                        });
                        let mut want = Vec::new();
                        let mut from = 0;
                        while let Some(k) = naive_find(&hay[from..], &needle) {
                            want.push(from + k);
                            from += k + needle.len();
                        }
                        assert_eq!(got, want);
                    }
                }
            }
        }
    }
}
