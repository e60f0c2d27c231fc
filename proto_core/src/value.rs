//! `Value`: one 64-bit tagged word, the representation of every Python value.
//!
//! | bits 63..3                                   | bits 2..0 | meaning                          |
//! |----------------------------------------------|-----------|----------------------------------|
//! | all zero                                     | `000`     | `EMPTY`: no value (unbound slot) |
//! | address of a 64-byte-aligned cell (bits 5..3 zero too) | `000` | heap object              |
//! | signed 61-bit integer                        | `001`     | small int                        |
//! | SmallFloat64 payload (see below)             | `010`     | immediate float                  |
//! | special constant id (0..=4)                  | `011`     | None/False/True/NotImplemented/Ellipsis |
//! | reserved                                     | `100`..`111` | not produced today            |
//!
//! Floats (Spur's SmallFloat64 scheme): the IEEE bits are rotated left by one
//! (sign to bit 0), the exponent is re-biased by 896 so that binary exponents
//! 897..=1151 (|x| in about 1.2e-38 ..= 6.8e38) fit in 8 bits, and the result is
//! shifted left by 3 under the tag. `+0.0`/`-0.0` encode as payloads 0/1.
//! Every other double (inf, NaN, subnormals, very large or small magnitudes)
//! is boxed on the heap by the engine. Decoding is a shift, an add and a rotate.
//!
//! Small ints cover `-(2**60) ..= 2**60 - 1`; larger ints are heap big ints.

use core::fmt;

/// A tagged 64-bit word. `Copy`, no destructor; heap values are kept alive by
/// the tracing collector, not by this word (see `roots`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

const _: () = assert!(core::mem::size_of::<Value>() == 8);
const _: () = assert!(core::mem::size_of::<Option<Value>>() == 16);

/// Low-bit tags.
pub mod tag {
    /// Mask of the tag bits.
    pub const MASK: u64 = 0b111;
    /// Heap pointer (or `EMPTY` when the whole word is zero).
    pub const HEAP: u64 = 0b000;
    /// Small integer.
    pub const INT: u64 = 0b001;
    /// Immediate float.
    pub const FLOAT: u64 = 0b010;
    /// Special constant.
    pub const SPECIAL: u64 = 0b011;
}

/// Smallest small int.
pub const SMALL_INT_MIN: i64 = -(1 << 60);
/// Largest small int.
pub const SMALL_INT_MAX: i64 = (1 << 60) - 1;

const FLOAT_BIAS: u64 = 896;
const SPECIAL_NONE: u64 = 0;
const SPECIAL_FALSE: u64 = 1;
const SPECIAL_TRUE: u64 = 2;
const SPECIAL_NOT_IMPLEMENTED: u64 = 3;
const SPECIAL_ELLIPSIS: u64 = 4;

const fn special(id: u64) -> Value {
    Value((id << 3) | tag::SPECIAL)
}

impl Value {
    /// The absence of a value (unbound local, empty hash slot). Not a Python object.
    pub const EMPTY: Value = Value(0);
    /// `None`.
    pub const NONE: Value = special(SPECIAL_NONE);
    /// `False`.
    pub const FALSE: Value = special(SPECIAL_FALSE);
    /// `True`.
    pub const TRUE: Value = special(SPECIAL_TRUE);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Value = special(SPECIAL_NOT_IMPLEMENTED);
    /// `Ellipsis`.
    pub const ELLIPSIS: Value = special(SPECIAL_ELLIPSIS);

    /// The raw word.
    #[inline(always)]
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from [`Value::bits`]. Any word is a valid `Value` bit
    /// pattern for the purpose of tag tests; dereferencing a heap value is what
    /// requires it to come from a live object (see `object`).
    #[inline(always)]
    pub const fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    /// The tag bits.
    #[inline(always)]
    pub const fn tag(self) -> u64 {
        self.0 & tag::MASK
    }

    /// Is this `EMPTY`?
    #[inline(always)]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Is this a pointer to a heap object?
    #[inline(always)]
    pub const fn is_heap(self) -> bool {
        self.0 & tag::MASK == tag::HEAP && self.0 != 0
    }

    /// Is this an immediate (not heap, not empty)?
    #[inline(always)]
    pub const fn is_immediate(self) -> bool {
        self.0 & tag::MASK != tag::HEAP
    }

    // ---- small ints ----

    /// Encodes `i` if it fits in a small int.
    #[inline(always)]
    pub const fn try_int(i: i64) -> Option<Value> {
        if i >= SMALL_INT_MIN && i <= SMALL_INT_MAX {
            Some(Value(((i as u64) << 3) | tag::INT))
        } else {
            None
        }
    }

    /// Encodes a small int. Panics (in every build) when `i` is out of range:
    /// callers that can see big values use [`Value::try_int`].
    #[inline(always)]
    pub const fn int(i: i64) -> Value {
        match Value::try_int(i) {
            Some(v) => v,
            None => panic!("Value::int: out of small-int range"),
        }
    }

    /// Is this a small int?
    #[inline(always)]
    pub const fn is_int(self) -> bool {
        self.0 & tag::MASK == tag::INT
    }

    /// The small int, if this is one.
    #[inline(always)]
    pub const fn as_int(self) -> Option<i64> {
        if self.is_int() {
            Some((self.0 as i64) >> 3)
        } else {
            None
        }
    }

    /// The small int without checking the tag (garbage if it is not one).
    #[inline(always)]
    pub const fn int_unchecked(self) -> i64 {
        (self.0 as i64) >> 3
    }

    /// Adds two small ints; `None` on overflow of the 61-bit range.
    #[inline(always)]
    pub fn int_add(a: Value, b: Value) -> Option<Value> {
        debug_assert!(a.is_int() && b.is_int());
        // (x<<3|1) + (y<<3|1) - 1 = (x+y)<<3|1; i64 overflow == 61-bit overflow.
        (a.0 as i64)
            .checked_add((b.0 - tag::INT) as i64)
            .map(|r| Value(r as u64))
    }

    /// Subtracts two small ints; `None` on overflow.
    #[inline(always)]
    pub fn int_sub(a: Value, b: Value) -> Option<Value> {
        debug_assert!(a.is_int() && b.is_int());
        (a.0 as i64)
            .checked_sub((b.0 - tag::INT) as i64)
            .map(|r| Value(r as u64))
    }

    // ---- floats ----

    /// Encodes `f` as an immediate if its exponent is in range.
    #[inline(always)]
    pub fn try_float(f: f64) -> Option<Value> {
        let rot = f.to_bits().rotate_left(1);
        if rot <= 1 {
            return Some(Value((rot << 3) | tag::FLOAT));
        }
        // The 11-bit exponent now sits in bits 63..53.
        let exp = rot >> 53;
        if exp > FLOAT_BIAS && exp <= FLOAT_BIAS + 255 {
            Some(Value(((rot - (FLOAT_BIAS << 53)) << 3) | tag::FLOAT))
        } else {
            None
        }
    }

    /// Is this an immediate float?
    #[inline(always)]
    pub const fn is_float(self) -> bool {
        self.0 & tag::MASK == tag::FLOAT
    }

    /// The immediate float, if this is one.
    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        if self.is_float() {
            Some(self.float_unchecked())
        } else {
            None
        }
    }

    /// Decodes an immediate float without checking the tag.
    #[inline(always)]
    pub fn float_unchecked(self) -> f64 {
        let p = self.0 >> 3;
        let rot = if p <= 1 { p } else { p + (FLOAT_BIAS << 53) };
        f64::from_bits(rot.rotate_right(1))
    }

    // ---- specials ----

    /// A Python bool.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// Is this `None`?
    #[inline(always)]
    pub const fn is_none(self) -> bool {
        self.0 == Value::NONE.0
    }

    /// Is this `True` or `False`?
    #[inline(always)]
    pub const fn is_bool(self) -> bool {
        self.0 == Value::TRUE.0 || self.0 == Value::FALSE.0
    }

    /// Is this one of the special constants?
    #[inline(always)]
    pub const fn is_special(self) -> bool {
        self.0 & tag::MASK == tag::SPECIAL
    }

    // ---- heap ----

    /// The address of the heap object (undefined for non-heap values).
    #[inline(always)]
    pub const fn addr(self) -> usize {
        self.0 as usize
    }

    /// Builds a heap value from a cell address.
    ///
    /// # Safety
    /// `p` must be non-null, 64-byte aligned, and point at the header of an
    /// object allocated by a `ProtoContext` (or be an immortal object) that the
    /// caller keeps reachable.
    #[inline(always)]
    pub unsafe fn from_addr(p: usize) -> Value {
        debug_assert!(
            p != 0 && p.is_multiple_of(crate::CELL),
            "heap value not 64-byte aligned"
        );
        Value(p as u64)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            write!(f, "EMPTY")
        } else if let Some(i) = self.as_int() {
            write!(f, "Int({i})")
        } else if let Some(x) = self.as_float() {
            write!(f, "Float({x:?})")
        } else if self.is_special() {
            let name = match self.0 >> 3 {
                SPECIAL_NONE => "None",
                SPECIAL_FALSE => "False",
                SPECIAL_TRUE => "True",
                SPECIAL_NOT_IMPLEMENTED => "NotImplemented",
                SPECIAL_ELLIPSIS => "Ellipsis",
                _ => "Special?",
            };
            f.write_str(name)
        } else if self.is_heap() {
            write!(f, "Heap({:#x})", self.0)
        } else {
            write!(f, "Reserved({:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_one_word() {
        assert_eq!(core::mem::size_of::<Value>(), 8);
    }

    #[test]
    fn small_ints_round_trip() {
        for i in [
            0,
            1,
            -1,
            42,
            -42,
            SMALL_INT_MAX,
            SMALL_INT_MIN,
            1 << 40,
            -(1 << 59),
        ] {
            let v = Value::try_int(i).unwrap();
            assert!(v.is_int() && !v.is_heap() && !v.is_float());
            assert_eq!(v.as_int(), Some(i));
        }
        assert!(Value::try_int(SMALL_INT_MAX + 1).is_none());
        assert!(Value::try_int(SMALL_INT_MIN - 1).is_none());
        assert!(Value::try_int(i64::MAX).is_none());
    }

    #[test]
    fn int_arith_detects_overflow() {
        let a = Value::int(SMALL_INT_MAX);
        assert_eq!(Value::int_add(a, Value::int(0)), Some(a));
        assert_eq!(
            Value::int_add(Value::int(-5), Value::int(7)),
            Some(Value::int(2))
        );
        assert_eq!(
            Value::int_sub(Value::int(-5), Value::int(7)),
            Some(Value::int(-12))
        );
        assert!(Value::int_add(a, Value::int(1)).is_none());
        assert!(Value::int_sub(Value::int(SMALL_INT_MIN), Value::int(1)).is_none());
    }

    #[test]
    fn floats_round_trip_or_box() {
        let imm = [
            0.0,
            -0.0,
            1.0,
            -1.5,
            core::f64::consts::PI,
            1e-30,
            1e30,
            6.0e38,
            1.2e-38,
            0.1,
        ];
        for x in imm {
            let v = Value::try_float(x).unwrap_or_else(|| panic!("{x} should be immediate"));
            assert!(v.is_float() && !v.is_int() && !v.is_heap());
            assert_eq!(v.as_float().unwrap().to_bits(), x.to_bits());
        }
        for x in [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e300,
            1e-300,
            5e-324,
            f64::MAX,
        ] {
            assert!(Value::try_float(x).is_none(), "{x} should be boxed");
        }
        // Exhaustive exponent sweep: every exponent either round-trips or is refused.
        for e in 0u64..2048 {
            for m in [0u64, 1, 0x8_0000_0000_0000, 0xF_FFFF_FFFF_FFFF] {
                for s in [0u64, 1] {
                    let x = f64::from_bits((s << 63) | (e << 52) | m);
                    if let Some(v) = Value::try_float(x) {
                        assert_eq!(v.float_unchecked().to_bits(), x.to_bits());
                    }
                }
            }
        }
    }

    #[test]
    fn specials_are_distinct() {
        let all = [
            Value::EMPTY,
            Value::NONE,
            Value::TRUE,
            Value::FALSE,
            Value::NOT_IMPLEMENTED,
            Value::ELLIPSIS,
        ];
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert_eq!(i == j, a == b);
            }
            assert!(!a.is_heap() && !a.is_int() && !a.is_float());
        }
        assert!(
            Value::NONE.is_none() && Value::TRUE.is_bool() && Value::bool(false) == Value::FALSE
        );
        assert_eq!(format!("{:?}", Value::NONE), "None");
    }
}
