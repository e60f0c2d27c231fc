//! The safe layer over IBM's decNumber library (`decnumber-sys`): run-time sized
//! decNumbers ([`Dec`]), contexts ([`Ctx`]) and the arithmetic `_decimal` needs.
//!
//! Invariants:
//! - A [`Dec`] owns a 4-byte-aligned buffer big enough for a `decNumber` header plus
//!   `units(cap)` coefficient units of `DECDPUN` digits; `cap` is the most digits the
//!   number may hold, and every decNumber call that writes a `Dec` is given one whose
//!   capacity covers the most digits that call can produce (the context's precision, or
//!   the operands' digits for the calls that do not round, see each function).
//! - A [`Ctx`] never has traps set: decNumber raises `SIGFPE` on a trapped condition, so
//!   trapping is done by the caller from [`Ctx::status`].

use super::bigmul;
use decnumber_sys as sys;

pub(crate) mod small;
pub(crate) use small::Small;
use std::ffi::CStr;
use std::os::raw::c_char;

/// Status bits (decNumber's extended flags).
pub const CONVERSION_SYNTAX: u32 = sys::DEC_Conversion_syntax;
pub const DIVISION_BY_ZERO: u32 = sys::DEC_Division_by_zero;
pub const DIVISION_IMPOSSIBLE: u32 = sys::DEC_Division_impossible;
pub const DIVISION_UNDEFINED: u32 = sys::DEC_Division_undefined;
pub const INSUFFICIENT_STORAGE: u32 = sys::DEC_Insufficient_storage;
pub const INEXACT: u32 = sys::DEC_Inexact;
pub const INVALID_CONTEXT: u32 = sys::DEC_Invalid_context;
pub const INVALID_OPERATION: u32 = sys::DEC_Invalid_operation;
pub const OVERFLOW: u32 = sys::DEC_Overflow;
pub const CLAMPED: u32 = sys::DEC_Clamped;
pub const ROUNDED: u32 = sys::DEC_Rounded;
pub const SUBNORMAL: u32 = sys::DEC_Subnormal;
pub const UNDERFLOW: u32 = sys::DEC_Underflow;

/// decNumber's limits (its exponent is an `i32`).
pub const MAX_DIGITS: i32 = 999_999_999;
/// The largest precision and exponent limit decNumber's exp, ln, log10 and power (with a
/// non-integral exponent) accept (`DEC_MAX_MATH`); beyond them they report
/// Invalid_context or Invalid_operation.
pub const MAX_MATH: i32 = 999_999;
pub const MAX_EMAX: i32 = 999_999_999;
pub const MIN_EMIN: i32 = -999_999_999;

/// Rounding modes, in decNumber's numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Ceiling,
    Up,
    HalfUp,
    HalfEven,
    HalfDown,
    Down,
    Floor,
    ZeroFiveUp,
}

impl Rounding {
    /// Every mode, in decNumber's numbering.
    const ALL: [Rounding; 8] = [
        Rounding::Ceiling,
        Rounding::Up,
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::HalfDown,
        Rounding::Down,
        Rounding::Floor,
        Rounding::ZeroFiveUp,
    ];

    /// The mode numbered `r` by decNumber (half-even for a number it does not use).
    pub(crate) fn from_raw(r: sys::rounding) -> Rounding {
        Rounding::ALL
            .get(r as usize)
            .copied()
            .unwrap_or(Rounding::HalfEven)
    }

    pub(crate) fn raw(self) -> sys::rounding {
        match self {
            Rounding::Ceiling => sys::DEC_ROUND_CEILING,
            Rounding::Up => sys::DEC_ROUND_UP,
            Rounding::HalfUp => sys::DEC_ROUND_HALF_UP,
            Rounding::HalfEven => sys::DEC_ROUND_HALF_EVEN,
            Rounding::HalfDown => sys::DEC_ROUND_HALF_DOWN,
            Rounding::Down => sys::DEC_ROUND_DOWN,
            Rounding::Floor => sys::DEC_ROUND_FLOOR,
            Rounding::ZeroFiveUp => sys::DEC_ROUND_05UP,
        }
    }
}

/// A decimal context: precision, exponent limits, rounding, clamp and the status
/// accumulated by the operations run in it.
#[derive(Clone, Copy, Debug)]
pub struct Ctx(sys::decContext);

impl Ctx {
    /// A context; the caller has checked `1 <= digits <= MAX_DIGITS`,
    /// `0 <= emax <= MAX_EMAX`, `MIN_EMIN <= emin <= 0`.
    pub fn new(digits: i32, emax: i32, emin: i32, round: Rounding, clamp: bool) -> Ctx {
        Ctx(sys::decContext {
            digits,
            emax,
            emin,
            round: round.raw(),
            traps: 0,
            status: 0,
            clamp: clamp as u8,
        })
    }

    /// A context wide enough that converting or copying `digits` digits is exact.
    pub fn exact(digits: i32) -> Ctx {
        Ctx::new(
            digits.clamp(1, MAX_DIGITS),
            MAX_EMAX,
            MIN_EMIN,
            Rounding::HalfEven,
            false,
        )
    }

    pub fn digits(&self) -> i32 {
        self.0.digits
    }

    pub fn status(&self) -> u32 {
        self.0.status
    }

    pub fn clear_status(&mut self) {
        self.0.status = 0;
    }

    pub fn add_status(&mut self, bits: u32) {
        self.0.status |= bits;
    }

    pub fn clamp(&self) -> bool {
        self.0.clamp != 0
    }

    pub fn emax(&self) -> i32 {
        self.0.emax
    }

    pub fn emin(&self) -> i32 {
        self.0.emin
    }

    pub fn set_rounding(&mut self, r: Rounding) {
        self.0.round = r.raw();
    }

    pub fn rounding(&self) -> Rounding {
        Rounding::from_raw(self.0.round)
    }

    fn raw(&mut self) -> *mut sys::decContext {
        &mut self.0
    }
}

/// Coefficient units needed for `digits` digits.
fn units(digits: i32) -> usize {
    (digits.max(1) as usize).div_ceil(sys::DECDPUN)
}

/// Byte offset of `lsu` in `decNumber` (digits: i32, exponent: i32, bits: u8, pad).
const HEADER_BYTES: usize = std::mem::offset_of!(sys::decNumber, lsu);

/// Words of a [`Dec`] kept inline, so that numbers of the usual precisions need no
/// allocation of their own: at least `size_of::<decNumber>()` (the binding's struct,
/// with 12 units, is the smallest buffer a `Dec` has), here the header plus 13 units
/// (39 digits).
const INLINE_WORDS: usize = 9;
const _: () = assert!(
    INLINE_WORDS * 4 >= std::mem::size_of::<sys::decNumber>()
        && HEADER_BYTES + 2 * 13 <= INLINE_WORDS * 4
);

/// The storage of a [`Dec`]: 4-byte aligned words, inline when they fit.
enum Buf {
    Inline([u32; INLINE_WORDS]),
    Heap(Box<[u32]>),
}

/// A decNumber of run-time capacity.
pub struct Dec {
    buf: Buf,
    cap: i32,
}

/// A decNumber in memory, borrowed: the words of its buffer, which hold its header
/// and the `units(digits)` units its header describes (the operands of every
/// operation, and the payload of a Decimal, which may be shorter than the binding's
/// `decNumber` struct: nothing reads past those units).
#[repr(transparent)]
pub struct DecNum([u32]);

impl DecNum {
    /// # Safety
    /// `w` starts with an initialised decNumber whose units lie within `w`, and
    /// stays unchanged while the result is used.
    pub(crate) unsafe fn from_words(w: &[u32]) -> &DecNum {
        // SAFETY: `DecNum` is a transparent wrapper of `[u32]`.
        unsafe { &*(w as *const [u32] as *const DecNum) }
    }

    fn cptr(&self) -> *const sys::decNumber {
        self.0.as_ptr() as *const sys::decNumber
    }

    /// An owned copy, with as much room as the value needs.
    pub fn to_dec(&self) -> Dec {
        let mut d = Dec::with_capacity(self.digits());
        // SAFETY: `d` has capacity for `self.digits()` digits; both pointers are valid
        // decNumbers for the duration of the call.
        unsafe { sys::decNumberCopy(d.ptr(), self.cptr()) };
        d
    }
}

impl std::ops::Deref for Dec {
    type Target = DecNum;
    fn deref(&self) -> &DecNum {
        let w: &[u32] = match &self.buf {
            Buf::Inline(a) => a,
            Buf::Heap(b) => b,
        };
        // SAFETY: a Dec's buffer always holds an initialised decNumber within its
        // capacity, and is only changed through `&mut Dec`.
        unsafe { DecNum::from_words(w) }
    }
}

impl Clone for Dec {
    fn clone(&self) -> Dec {
        self.to_dec()
    }
}

impl std::fmt::Debug for DecNum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_sci_string())
    }
}

impl std::fmt::Debug for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl DecNum {
    fn head(&self) -> (i32, i32, u8) {
        // SAFETY: the buffer always holds an initialised decNumber header; only the
        // header fields are read, never `lsu` beyond the buffer.
        unsafe {
            let p = self.cptr();
            ((*p).digits, (*p).exponent, (*p).bits)
        }
    }

    /// Digits in the coefficient (1 for zero and the specials without payload).
    pub fn digits(&self) -> i32 {
        self.head().0
    }

    /// The exponent (meaningless for infinities; the payload exponent 0 for NaNs).
    pub fn exponent(&self) -> i32 {
        self.head().1
    }

    pub fn is_negative(&self) -> bool {
        self.head().2 & sys::DECNEG != 0
    }

    pub fn is_infinite(&self) -> bool {
        self.head().2 & sys::DECINF != 0
    }

    pub fn is_qnan(&self) -> bool {
        self.head().2 & sys::DECNAN != 0
    }

    pub fn is_snan(&self) -> bool {
        self.head().2 & sys::DECSNAN != 0
    }

    pub fn is_nan(&self) -> bool {
        self.head().2 & (sys::DECNAN | sys::DECSNAN) != 0
    }

    pub fn is_special(&self) -> bool {
        self.head().2 & sys::DECSPECIAL != 0
    }

    pub fn is_finite(&self) -> bool {
        !self.is_special()
    }

    /// A finite zero (any sign and exponent).
    pub fn is_zero(&self) -> bool {
        if self.is_special() || self.digits() != 1 {
            return false;
        }
        // SAFETY: a decNumber always has at least one unit.
        unsafe { *(std::ptr::addr_of!((*self.cptr()).lsu) as *const u16) == 0 }
    }

    /// A NaN without payload (or a zero coefficient).
    pub fn is_zero_payload(&self) -> bool {
        self.digits() == 1 && {
            // SAFETY: a decNumber always has at least one unit.
            unsafe { *(std::ptr::addr_of!((*self.cptr()).lsu) as *const u16) == 0 }
        }
    }

    /// A quiet NaN with this NaN's sign and payload.
    pub fn copy_quiet(&self) -> Dec {
        let mut d = self.to_dec();
        // SAFETY: only the header's bits are changed.
        unsafe {
            let p = d.ptr();
            (*p).bits = ((*p).bits & !sys::DECSNAN) | sys::DECNAN;
        }
        d
    }

    /// The coefficient's (or NaN payload's) decimal digits, most significant first,
    /// each 0..=9; `[0]` for zero and for a NaN without payload.
    pub fn coefficient_digits(&self) -> Vec<u8> {
        let n = self.digits().max(1) as usize;
        let mut out = vec![0u8; n];
        // SAFETY: decNumberGetBCD writes exactly `digits` bytes into `out`.
        unsafe { sys::decNumberGetBCD(self.cptr(), out.as_mut_ptr()) };
        out
    }

    /// The coefficient as a decimal string without leading zeros ("0" for zero).
    pub fn coefficient_string(&self) -> String {
        let d = self.coefficient_digits();
        let first = d.iter().position(|&x| x != 0).unwrap_or(d.len() - 1);
        d[first..].iter().map(|&x| (b'0' + x) as char).collect()
    }

    /// Scientific string (the specification's to-scientific-string).
    pub fn to_sci_string(&self) -> String {
        self.to_string_with(sys::decNumberToString)
    }

    /// Engineering string.
    pub fn to_eng_string(&self) -> String {
        self.to_string_with(sys::decNumberToEngString)
    }

    fn to_string_with(
        &self,
        f: unsafe extern "C" fn(*const sys::decNumber, *mut c_char) -> *mut c_char,
    ) -> String {
        self.with_string(f, str::to_owned)
    }

    /// Calls `g` with the scientific string, built on the stack for a short number.
    pub fn with_sci_str<R>(&self, g: impl FnOnce(&str) -> R) -> R {
        self.with_string(sys::decNumberToString, g)
    }

    fn with_string<R>(
        &self,
        f: unsafe extern "C" fn(*const sys::decNumber, *mut c_char) -> *mut c_char,
        g: impl FnOnce(&str) -> R,
    ) -> R {
        // decNumber needs digits + 14 bytes at most (sign, point, exponent, NUL); a
        // short number's string is built on the stack.
        let need = self.digits() as usize + 16;
        let mut small = [0 as c_char; 64];
        let mut big = Vec::new();
        let buf: &mut [c_char] = if need <= small.len() {
            &mut small
        } else {
            big.resize(need, 0 as c_char);
            &mut big
        };
        // SAFETY: the buffer is larger than the longest string decNumber writes for
        // this value, which it NUL-terminates.
        let bytes = unsafe {
            f(self.cptr(), buf.as_mut_ptr());
            CStr::from_ptr(buf.as_ptr()).to_bytes()
        };
        // decNumber writes ASCII only (digits, signs, '.', 'E', "Infinity", "NaN").
        g(std::str::from_utf8(bytes).unwrap_or("NaN"))
    }

    /// The class name ("+Normal", "sNaN", ...).
    pub fn class_name(&self, ctx: &mut Ctx) -> &'static str {
        // SAFETY: decNumberClass only reads; decNumberClassToString returns a static
        // NUL-terminated string.
        unsafe {
            let c = sys::decNumberClass(self.cptr(), ctx.raw());
            CStr::from_ptr(sys::decNumberClassToString(c))
                .to_str()
                .unwrap_or("Invalid")
        }
    }

    pub fn is_normal(&self, ctx: &mut Ctx) -> bool {
        // SAFETY: reads only.
        unsafe { sys::decNumberIsNormal(self.cptr(), ctx.raw()) != 0 }
    }

    pub fn is_subnormal(&self, ctx: &mut Ctx) -> bool {
        // SAFETY: reads only.
        unsafe { sys::decNumberIsSubnormal(self.cptr(), ctx.raw()) != 0 }
    }

    /// Whether the exponents are the same (the specification's same-quantum).
    pub fn same_quantum(&self, other: &DecNum) -> bool {
        let mut r = Dec::with_capacity(1);
        // SAFETY: the result is 0 or 1 (or NaN without payload): one digit.
        unsafe { sys::decNumberSameQuantum(r.ptr(), self.cptr(), other.cptr()) };
        !r.is_zero() && !r.is_nan()
    }
}

impl Dec {
    /// A zero with room for `cap` digits.
    pub fn with_capacity(cap: i32) -> Dec {
        let cap = cap.max(1);
        let bytes = HEADER_BYTES + 2 * units(cap);
        let words = bytes
            .div_ceil(4)
            .max(std::mem::size_of::<sys::decNumber>().div_ceil(4));
        let buf = if words <= INLINE_WORDS {
            Buf::Inline([0; INLINE_WORDS])
        } else {
            Buf::Heap(vec![0u32; words].into_boxed_slice())
        };
        let mut d = Dec { buf, cap };
        // SAFETY: the buffer is 4-byte aligned (as `decNumber`) and holds the header and
        // at least one unit; decNumberZero writes the header and the first unit.
        unsafe { sys::decNumberZero(d.ptr()) };
        d
    }

    fn ptr(&mut self) -> *mut sys::decNumber {
        match &mut self.buf {
            Buf::Inline(a) => a.as_mut_ptr() as *mut sys::decNumber,
            Buf::Heap(b) => b.as_mut_ptr() as *mut sys::decNumber,
        }
    }

    /// A finite number `(-1)**neg * coeff * 10**exp` from decimal digits (each 0..=9,
    /// most significant first; leading zeros allowed). Exact: the capacity follows the
    /// digits. `exp` must keep the adjusted exponent within decNumber's `i32` range;
    /// the caller checks.
    pub fn from_parts(neg: bool, digits: &[u8], exp: i32) -> Dec {
        let first = digits.iter().position(|&x| x != 0);
        let digits = match first {
            Some(i) => &digits[i..],
            None => &[0u8][..],
        };
        let mut d = Dec::with_capacity(digits.len() as i32);
        // SAFETY: `d` has room for `digits.len()` digits, each byte is 0..=9;
        // decNumberSetBCD fills the units that `digits` (set first) says the number has.
        unsafe {
            let p = d.ptr();
            (*p).digits = digits.len() as i32;
            sys::decNumberSetBCD(p, digits.as_ptr(), digits.len() as u32);
            (*p).exponent = exp;
            if neg {
                (*p).bits |= sys::DECNEG;
            }
        }
        d
    }

    /// An infinity, quiet NaN or signalling NaN with an optional payload (digits as in
    /// [`Dec::from_parts`]).
    pub fn special(neg: bool, kind: Special, payload: &[u8]) -> Dec {
        let mut d = match kind {
            Special::Inf => Dec::with_capacity(1),
            _ => Dec::from_parts(false, payload, 0),
        };
        let bits = match kind {
            Special::Inf => sys::DECINF,
            Special::QNaN => sys::DECNAN,
            Special::SNaN => sys::DECSNAN,
        };
        // SAFETY: only header fields are written.
        unsafe {
            let p = d.ptr();
            (*p).exponent = 0;
            (*p).bits = bits | if neg { sys::DECNEG } else { 0 };
        }
        d
    }

    /// Parses a numeric string as the specification's to-number (no whitespace, no
    /// underscores: the caller strips them), rounding to `ctx`; a syntax error gives a
    /// quiet NaN and `CONVERSION_SYNTAX` in the status. A string with NUL bytes is a
    /// syntax error.
    pub fn parse(s: &str, ctx: &mut Ctx) -> Dec {
        let Ok(c) = std::ffi::CString::new(s) else {
            ctx.0.status |= CONVERSION_SYNTAX;
            return Dec::special(false, Special::QNaN, &[]);
        };
        let mut d = Dec::with_capacity(ctx.digits().min(s.len().max(1) as i32));
        // SAFETY: `d` holds min(precision, string length) digits, which bounds what
        // decNumberFromString writes (it rounds to the context, NaN payloads included,
        // and a string of n characters has at most n digits).
        unsafe { sys::decNumberFromString(d.ptr(), c.as_ptr(), ctx.raw()) };
        fold_down(d, ctx)
    }

    /// Parses exactly, in the widest context (so that subnormals down to the smallest
    /// exponent, `MIN_EMIN - (MAX_DIGITS - 1)`, are exact; the number's storage still
    /// follows the string's length).
    pub fn parse_exact(s: &str) -> (Dec, u32) {
        let mut ctx = Ctx::exact(MAX_DIGITS);
        let d = Dec::parse(s, &mut ctx);
        (d, ctx.status())
    }
}

/// The kinds of special value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Inf,
    QNaN,
    SNaN,
}

type Unary = unsafe extern "C" fn(
    *mut sys::decNumber,
    *const sys::decNumber,
    *mut sys::decContext,
) -> *mut sys::decNumber;
type Binary = unsafe extern "C" fn(
    *mut sys::decNumber,
    *const sys::decNumber,
    *const sys::decNumber,
    *mut sys::decContext,
) -> *mut sys::decNumber;

/// Result capacity for an operation: the precision, or the widest operand for the
/// operations that keep an operand's digits (copies, NaN payloads, to-integral).
fn cap_for(ctx: &Ctx, operands: &[&DecNum]) -> i32 {
    operands
        .iter()
        .map(|d| d.digits())
        .fold(ctx.digits(), i32::max)
}

/// `r` with its storage cut to its digits when the capacity given to the operation
/// (the precision, which may be huge) is far more than the result needs.
fn shrink(r: Dec) -> Dec {
    if r.cap > 64 && r.cap / 2 > r.digits() {
        r.clone()
    } else {
        r
    }
}

/// With clamping on, a nonzero result's exponent may not exceed `emax - precision + 1`.
/// decNumber skips that fold-down for subnormal results, which only exist when that
/// limit is below `emin` (a precision larger than the exponent range): pad the
/// coefficient with zeros and signal Clamped, as the specification (and mpdecimal) do.
fn fold_down(r: Dec, ctx: &mut Ctx) -> Dec {
    if !ctx.clamp() || r.is_special() || r.is_zero() {
        return r;
    }
    let etop = ctx.emax() as i64 - ctx.digits() as i64 + 1;
    let exp = r.exponent() as i64;
    if exp <= etop {
        return r;
    }
    let shift = (exp - etop) as usize;
    if r.digits() as usize + shift > ctx.digits() as usize {
        // Not a subnormal left unclamped (decNumber clamps every other case).
        return r;
    }
    let mut digits = r.coefficient_digits();
    digits.resize(digits.len() + shift, 0);
    ctx.add_status(CLAMPED);
    Dec::from_parts(r.is_negative(), &digits, etop as i32)
}

fn unary(f: Unary, a: &DecNum, ctx: &mut Ctx) -> Dec {
    let mut r = Dec::with_capacity(cap_for(ctx, &[a]));
    // SAFETY: `r` can hold max(precision, operand digits) digits, the most any unary
    // decNumber operation writes; the operand is a valid decNumber.
    unsafe { f(r.ptr(), a.cptr(), ctx.raw()) };
    fold_down(shrink(r), ctx)
}

fn binary(f: Binary, a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Dec {
    binary_in(f, a, b, ctx, cap_for(ctx, &[a, b]))
}

/// `binary` writing into a result of capacity `cap`, which covers what `f` writes.
fn binary_in(f: Binary, a: &DecNum, b: &DecNum, ctx: &mut Ctx, cap: i32) -> Dec {
    let mut r = Dec::with_capacity(cap);
    // SAFETY: the callers give a capacity covering the most digits `f` writes: the
    // precision or the widest operand (`cap_for`), or `exact_cap`'s bound.
    unsafe { f(r.ptr(), a.cptr(), b.cptr(), ctx.raw()) };
    fold_down(shrink(r), ctx)
}

/// A result capacity for an operation on finite operands whose exact result has at
/// most `digits` digits and an adjusted exponent of at most `adj`, with exponent `exp`
/// before any rounding: when that result fits the context unrounded, decNumber writes
/// no more than its digits (plus the carry unit of an addition written in place), so
/// the capacity need not be the precision, which at `MAX_PREC` would be a 600 MB
/// buffer per operation. `None` when the result may be rounded, overflow (an
/// overflow may give the largest finite number, the precision's digits of nines) or be
/// padded by clamping.
fn exact_cap(ctx: &Ctx, digits: i64, adj: i64, exp: i64) -> Option<i32> {
    let p = ctx.digits() as i64;
    let fits = digits <= p
        && adj <= ctx.emax() as i64
        && (!ctx.clamp() || exp <= ctx.emax() as i64 - p + 1);
    fits.then(|| (digits + 2 * sys::DECDPUN as i64).min(p) as i32)
}

/// Whether decNumber's addition would take its "the smaller operand is only a sticky
/// digit" shortcut where that shortcut is wrong. decAddOp takes it when the operand with
/// the larger exponent, once aligned, is longer than the other by more than precision+1
/// digits; that is right only if that operand's own digits fit the precision, else a
/// carry out of the smaller operand can reach the rounding digit (99949.9 + 0.200000 at
/// precision 3 would give 9.99E+4 instead of 1.00E+5).
fn add_shortcut_wrong(a: &DecNum, b: &DecNum, ctx: &Ctx) -> bool {
    if a.is_special() || b.is_special() || a.is_zero() || b.is_zero() {
        return false;
    }
    let (hi, lo) = if a.exponent() >= b.exponent() {
        (a, b)
    } else {
        (b, a)
    };
    let padding = hi.exponent() as i64 - lo.exponent() as i64;
    let req = ctx.digits() as i64;
    padding > 0
        && hi.digits() as i64 > req
        && hi.digits() as i64 + padding > lo.digits() as i64 + req + 1
}

/// Addition and subtraction, working around decNumber's shortcut (see
/// [`add_shortcut_wrong`]): the sum is first rounded with ROUND_05UP to two digits more
/// than the longer operand (where the shortcut is right; 05UP keeps a discarded nonzero
/// part visible in the last digit, so the second rounding is correct), then rounded to
/// the context.
fn add_op(f: Binary, a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Dec {
    if a.is_finite() && b.is_finite() {
        // The exact sum: both coefficients aligned to the smaller exponent, one carry.
        let exp = (a.exponent() as i64).min(b.exponent() as i64);
        let len = |d: &DecNum| d.digits() as i64 + d.exponent() as i64 - exp;
        let digits = len(a).max(len(b)) + 1;
        let adj = a.adjusted().max(b.adjusted()) + 1;
        if let Some(cap) = exact_cap(ctx, digits, adj, exp) {
            let cap = cap.max(a.digits()).max(b.digits());
            return binary_in(f, a, b, ctx, cap);
        }
    }
    if add_shortcut_wrong(a, b, ctx) {
        let w = a.digits().max(b.digits()).saturating_add(2).min(MAX_DIGITS);
        let mut wide = Ctx::new(w, MAX_EMAX, MIN_EMIN, Rounding::ZeroFiveUp, false);
        let t = binary(f, a, b, &mut wide);
        if wide.status() & !(INEXACT | ROUNDED) == 0 && !t.is_zero() {
            let r = t.plus(ctx);
            ctx.add_status(wide.status());
            return r;
        }
    }
    binary(f, a, b, ctx)
}

impl DecNum {
    pub fn add(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::add(self, other, false, ctx) {
            return r;
        }
        add_op(sys::decNumberAdd, self, other, ctx)
    }

    pub fn subtract(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::add(self, other, true, ctx) {
            return r;
        }
        add_op(sys::decNumberSubtract, self, other, ctx)
    }

    pub fn divide(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::divide(self, other, ctx) {
            return r;
        }
        binary(sys::decNumberDivide, self, other, ctx)
    }

    /// `self` rounded to the exponent of `other` (the context's precision and range
    /// permitting).
    pub fn quantize(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::quantize(self, other, ctx) {
            return r;
        }
        binary(sys::decNumberQuantize, self, other, ctx)
    }

    /// exp, ln and log10, correctly rounded (half-even, whatever the context's rounding,
    /// as the specification and mpdecimal). decNumber's results may be 1 ulp off, so
    /// they are computed with more digits until the extra digits are clear of a rounding
    /// boundary (Ziv's method), then rounded; exact, overflowing or subnormal results
    /// are left to decNumber at the context's precision. The work is done within
    /// [`MAX_MATH`]'s exponent limits (decNumber refuses wider contexts), which is exact
    /// whenever the result fits them.
    fn math_rounded(&self, f: Unary, ctx: &mut Ctx) -> Dec {
        ctx.set_rounding(Rounding::HalfEven);
        let p = ctx.digits();
        // An exact result (exp(0), ln(1), log10 of a power of ten) is exact at any
        // precision: found at a small one, it needs no work at a huge one.
        let mut extra = if p > MAX_MATH - 64 { 40 - p } else { 6 };
        while p + extra <= MAX_MATH && extra <= 384 {
            let mut wc = *ctx;
            wc.0.digits = p + extra;
            wc.0.emax = ctx.emax().min(MAX_MATH);
            wc.0.emin = ctx.emin().max(-MAX_MATH);
            wc.0.clamp = 0;
            wc.clear_status();
            let r = unary(f, self, &mut wc);
            let st = wc.status();
            if st & !(INEXACT | ROUNDED) != 0 {
                break;
            }
            if st & INEXACT == 0 {
                return r.plus(ctx);
            }
            if extra < 0 || r.digits() != p + extra {
                break;
            }
            let d = r.coefficient_digits();
            if !near_boundary(&d[p as usize..]) {
                let out = r.plus(ctx);
                ctx.add_status(INEXACT | ROUNDED);
                return fold_down(out, ctx);
            }
            extra *= 2;
        }
        unary(f, self, ctx)
    }

    pub fn exp(&self, ctx: &mut Ctx) -> Dec {
        self.math_rounded(sys::decNumberExp, ctx)
    }

    pub fn ln(&self, ctx: &mut Ctx) -> Dec {
        self.math_rounded(sys::decNumberLn, ctx)
    }

    pub fn log10(&self, ctx: &mut Ctx) -> Dec {
        self.math_rounded(sys::decNumberLog10, ctx)
    }

    /// `self ** other`. decNumber refuses a non-integral exponent in a context beyond
    /// [`MAX_MATH`] (Invalid_context) and an exponent of magnitude below
    /// 10**(2*(1-MAX_MATH)) (Invalid_operation), where mpdecimal computes; those cases
    /// are computed here: a tiny exponent gives 1 plus or minus less than an ulp (so the
    /// context rounds 1 with a sticky digit of the right sign), and a wide context
    /// computes in the widest one decNumber takes when the result fits it.
    pub fn power(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        let plain_positive =
            self.is_finite() && !self.is_zero() && !self.is_negative() && other.is_finite();
        if plain_positive && !other.is_zero() {
            let adj_y = other.exponent() as i64 + other.digits() as i64 - 1;
            let one = Dec::from_parts(false, &[1], 0);
            let cmp1 = self.cmp_numeric(&one);
            // |y * ln(x)| < 10**(adj_y + 11) for any x decNumber holds; below an ulp of 1
            // by three digits when adj_y < -(p + 14).
            if adj_y < 2 * (1 - MAX_MATH as i64) - 1
                && adj_y < -(ctx.digits() as i64 + 14)
                && cmp1 != std::cmp::Ordering::Equal
            {
                let up = (cmp1 == std::cmp::Ordering::Greater) != other.is_negative();
                let p = ctx.digits();
                let tiny = Dec::from_parts(!up, &[1], -(p + 3));
                return one.add(&tiny, ctx);
            }
        }
        let mut t = *ctx;
        t.clear_status();
        let r = binary(sys::decNumberPower, self, other, &mut t);
        if plain_positive
            && t.status() & INVALID_CONTEXT != 0
            && ctx.digits() <= MAX_MATH
            && (ctx.emax() > MAX_MATH || ctx.emin() < -MAX_MATH)
        {
            let mut narrow = *ctx;
            narrow.0.emax = ctx.emax().min(MAX_MATH);
            narrow.0.emin = ctx.emin().max(-MAX_MATH);
            narrow.0.clamp = 0;
            narrow.clear_status();
            let r2 = binary(sys::decNumberPower, self, other, &mut narrow);
            if narrow.status() & !(INEXACT | ROUNDED) == 0 {
                ctx.add_status(narrow.status());
                return fold_down(r2, ctx);
            }
        }
        if t.status() & INVALID_OPERATION != 0
            && ctx.digits() > MAX_MATH
            && self.is_finite()
            && other.is_finite()
        {
            // decNumber works at more digits than the precision, which it cannot at
            // the largest precisions; a result exact at a small precision (400 ** -1)
            // is exact at any.
            let mut small = *ctx;
            small.0.digits = 1000;
            small.clear_status();
            let r2 = binary(sys::decNumberPower, self, other, &mut small);
            if small.status() & (INEXACT | ROUNDED | INVALID_OPERATION | INVALID_CONTEXT) == 0 {
                ctx.add_status(small.status());
                return r2;
            }
        }
        ctx.add_status(t.status());
        r
    }
}

/// Whether the digits beyond the precision of a result computed with extra digits (and
/// an error of up to an ulp of those) leave the correctly rounded result in doubt: they
/// are within 2 of a half-way point (or of an exact one, to keep the flags right).
fn near_boundary(tail: &[u8]) -> bool {
    let Some((&last, mid)) = tail.split_last() else {
        return true;
    };
    let Some((&first, inner)) = mid.split_first() else {
        return true;
    };
    let all = |s: &[u8], v: u8| s.iter().all(|&x| x == v);
    (first == 0 && all(inner, 0) && last <= 2)
        || (first == 9 && all(inner, 9) && last >= 8)
        || (first == 5 && all(inner, 0) && last <= 2)
        || (first == 4 && all(inner, 9) && last >= 8)
}

macro_rules! unary_ops {
    ($($name:ident => $f:ident),* $(,)?) => {
        impl DecNum {
            $(pub fn $name(&self, ctx: &mut Ctx) -> Dec { unary(sys::$f, self, ctx) })*
        }
    };
}

macro_rules! binary_ops {
    ($($name:ident => $f:ident),* $(,)?) => {
        impl DecNum {
            $(pub fn $name(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
                binary(sys::$f, self, other, ctx)
            })*
        }
    };
}

unary_ops! {
    abs => decNumberAbs,
    invert => decNumberInvert,
    logb => decNumberLogB,
    minus => decNumberMinus,
    plus => decNumberPlus,
    reduce => decNumberReduce,
    sqrt => decNumberSquareRoot,
    to_integral_exact => decNumberToIntegralExact,
    to_integral_value => decNumberToIntegralValue,
    next_minus => decNumberNextMinus,
    next_plus => decNumberNextPlus,
}

binary_ops! {
    compare => decNumberCompare,
    compare_signal => decNumberCompareSignal,
    compare_total => decNumberCompareTotal,
    compare_total_mag => decNumberCompareTotalMag,
    max => decNumberMax,
    max_mag => decNumberMaxMag,
    min => decNumberMin,
    min_mag => decNumberMinMag,
    next_toward => decNumberNextToward,
    and => decNumberAnd,
    or => decNumberOr,
    xor => decNumberXor,
    rotate => decNumberRotate,
    shift => decNumberShift,
    scaleb => decNumberScaleB,
}

/// Operands (in the shorter) from which [`Dec::multiply`] multiplies by Karatsuba:
/// 40 limbs of 9 digits, where `bigmul`'s schoolbook hands over.
const KARATSUBA_DIGITS: i32 = 360;

/// Integer division (`op`: decNumber's DivideInteger, Remainder or RemainderNear) in a
/// context of no more digits than the quotient and remainder can have. decNumber's
/// division sizes its work buffers by the precision, so `Decimal(5) // 2` at
/// `MAX_PREC` took half a second; the results are exact integers (quotient) and exact
/// remainders, the same at any precision that holds them. Taken only where nothing
/// else can tell the two precisions apart: the quotient and divisor below `10**emax`
/// (no overflow, whose result has the precision's digits), no exponent below `emin`
/// (no subnormal, whose limit `etiny` follows the precision), no clamping.
fn int_division(op: Binary, a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Dec {
    let exp = (a.exponent() as i64).min(b.exponent() as i64);
    if a.is_finite()
        && b.is_finite()
        && !b.is_zero()
        && !ctx.clamp()
        && exp >= ctx.emin() as i64
        && b.adjusted() < ctx.emax() as i64
    {
        let quotient = if a.is_zero() {
            1
        } else {
            (a.adjusted() - b.adjusted() + 2).max(1)
        };
        let rest = b.adjusted() - exp + 2;
        let need = quotient.max(rest) + 1;
        if need < ctx.digits() as i64 && quotient < ctx.emax() as i64 {
            let mut narrow = *ctx;
            narrow.0.digits = need as i32;
            narrow.clear_status();
            let r = binary(op, a, b, &mut narrow);
            ctx.add_status(narrow.status());
            return r;
        }
    }
    binary(op, a, b, ctx)
}

impl DecNum {
    /// The adjusted exponent: that of the most significant digit.
    pub fn adjusted(&self) -> i64 {
        self.exponent() as i64 + self.digits() as i64 - 1
    }

    /// The coefficient's 3-digit units, least significant first.
    fn units(&self) -> &[u16] {
        // SAFETY: a decNumber's buffer holds `units(digits)` initialised units from
        // `lsu` on (its capacity covers its digits), and lives as long as `self`.
        unsafe {
            let p = self.cptr();
            std::slice::from_raw_parts(
                std::ptr::addr_of!((*p).lsu) as *const u16,
                units(self.digits()),
            )
        }
    }

    /// `self * other`. The exact product of finite operands has at most the sum of
    /// their digits, so it is written into that much room; long coefficients are
    /// multiplied here by Karatsuba (`bigmul`) and the exact product then rounded to the
    /// context as decNumber's own multiply rounds it (one rounding of the exact result).
    pub fn multiply(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::multiply(self, other, ctx) {
            return r;
        }
        if !(self.is_finite() && other.is_finite()) {
            return binary(sys::decNumberMultiply, self, other, ctx);
        }
        let digits = self.digits() as i64 + other.digits() as i64;
        let adj = self.adjusted() + other.adjusted() + 1;
        let exp = self.exponent() as i64 + other.exponent() as i64;
        let long = self.digits().min(other.digits()) >= KARATSUBA_DIGITS;
        let in_range =
            adj <= ctx.emax() as i64 && adj > ctx.emin() as i64 && i32::try_from(exp).is_ok();
        if long && in_range && !self.is_zero() && !other.is_zero() {
            let limbs = bigmul::mul(
                &bigmul::limbs_from_units(self.units()),
                &bigmul::limbs_from_units(other.units()),
            );
            let neg = self.is_negative() != other.is_negative();
            let exact = Dec::from_units(neg, &bigmul::units_from_limbs(&limbs), exp as i32);
            return match exact_cap(ctx, exact.digits() as i64, exact.adjusted(), exp) {
                Some(_) => exact,
                None => exact.plus(ctx),
            };
        }
        match exact_cap(ctx, digits, adj, exp) {
            Some(cap) => binary_in(sys::decNumberMultiply, self, other, ctx, cap),
            None => binary(sys::decNumberMultiply, self, other, ctx),
        }
    }

    /// The integer part of `self / other`.
    pub fn divide_integer(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        if let Some(r) = small::divide_integer(self, other, ctx) {
            return r;
        }
        int_division(sys::decNumberDivideInteger, self, other, ctx)
    }

    /// `self - other * self.divide_integer(other)`.
    pub fn remainder(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        int_division(sys::decNumberRemainder, self, other, ctx)
    }

    /// `self - other * n`, `n` the integer nearest `self / other` (ties to even).
    pub fn remainder_near(&self, other: &DecNum, ctx: &mut Ctx) -> Dec {
        int_division(sys::decNumberRemainderNear, self, other, ctx)
    }
}

impl Dec {
    /// A finite nonzero number from 3-digit units (least significant first, each below
    /// 1000; leading zero units allowed, at least one nonzero).
    fn from_units(neg: bool, units_in: &[u16], exp: i32) -> Dec {
        let top = units_in.iter().rposition(|&u| u != 0).unwrap_or(0);
        let units_in = &units_in[..=top];
        let high = units_in[top];
        let high_digits = if high >= 100 {
            3
        } else if high >= 10 {
            2
        } else {
            1
        };
        let digits = (top * sys::DECDPUN) as i32 + high_digits;
        let mut d = Dec::with_capacity(digits);
        // SAFETY: `d` has room for `units(digits)` = `units_in.len()` units; the header
        // is set to describe exactly those.
        unsafe {
            let p = d.ptr();
            let lsu = std::ptr::addr_of_mut!((*p).lsu) as *mut u16;
            std::ptr::copy_nonoverlapping(units_in.as_ptr(), lsu, units_in.len());
            (*p).digits = digits;
            (*p).exponent = exp;
            (*p).bits = if neg { sys::DECNEG } else { 0 };
        }
        d
    }
}

impl DecNum {
    /// `self * b + c` with one rounding.
    pub fn fma(&self, b: &DecNum, c: &DecNum, ctx: &mut Ctx) -> Dec {
        let mut r = Dec::with_capacity(cap_for(ctx, &[self, b, c]));
        // SAFETY: as in `unary`, for three operands.
        unsafe { sys::decNumberFMA(r.ptr(), self.cptr(), b.cptr(), c.cptr(), ctx.raw()) };
        fold_down(shrink(r), ctx)
    }

    /// An exact copy with the sign cleared.
    pub fn copy_abs(&self) -> Dec {
        let mut r = Dec::with_capacity(self.digits());
        // SAFETY: a copy has the operand's digits.
        unsafe { sys::decNumberCopyAbs(r.ptr(), self.cptr()) };
        r
    }

    /// An exact copy with the sign inverted.
    pub fn copy_negate(&self) -> Dec {
        let mut r = Dec::with_capacity(self.digits());
        // SAFETY: a copy has the operand's digits.
        unsafe { sys::decNumberCopyNegate(r.ptr(), self.cptr()) };
        r
    }

    /// An exact copy with `other`'s sign.
    pub fn copy_sign(&self, other: &DecNum) -> Dec {
        let mut r = Dec::with_capacity(self.digits());
        // SAFETY: a copy has the first operand's digits.
        unsafe { sys::decNumberCopySign(r.ptr(), self.cptr(), other.cptr()) };
        r
    }

    /// The ordering of two numbers that are not NaN: -1, 0 or 1 (exact comparison).
    pub fn cmp_numeric(&self, other: &DecNum) -> std::cmp::Ordering {
        if let Some(o) = small::cmp(self, other) {
            return o;
        }
        let mut ctx = Ctx::exact(1);
        let r = self.compare(other, &mut ctx);
        if r.is_zero() || r.is_nan() {
            std::cmp::Ordering::Equal
        } else if r.is_negative() {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(prec: i32) -> Ctx {
        Ctx::new(prec, 999_999, -999_999, Rounding::HalfEven, false)
    }

    fn d(s: &str) -> Dec {
        let (d, st) = Dec::parse_exact(s);
        assert_eq!(st, 0, "{s}");
        d
    }

    #[test]
    fn rounding_numbers() {
        for r in Rounding::ALL {
            assert_eq!(Rounding::from_raw(r.raw()), r);
        }
    }

    #[test]
    fn parse_and_print() {
        assert_eq!(d("1.50").to_sci_string(), "1.50");
        assert_eq!(d("-0E+3").to_sci_string(), "-0E+3");
        assert_eq!(
            d("123456789012345678901234567890123456789012345678901").digits(),
            51
        );
        assert_eq!(d("1E+7").to_eng_string(), "10E+6");
        assert_eq!(d("sNaN123").to_sci_string(), "sNaN123");
        assert_eq!(d("inFinity").to_sci_string(), "Infinity");
        assert_eq!(d("-snan12").to_sci_string(), "-sNaN12");
        assert_eq!(d("nan0012").to_sci_string(), "NaN12");
        assert_eq!(d("1e5").to_sci_string(), "1E+5");
        assert_ne!(Dec::parse_exact("").1 & CONVERSION_SYNTAX, 0);
        assert_ne!(Dec::parse_exact("1 2").1 & CONVERSION_SYNTAX, 0);
        let (_, st) = Dec::parse_exact("1.2.3");
        assert_eq!(st & CONVERSION_SYNTAX, CONVERSION_SYNTAX);
    }

    #[test]
    fn arithmetic_rounds_to_context() {
        let mut c = ctx(28);
        let r = d("1").divide(&d("3"), &mut c);
        assert_eq!(r.to_sci_string(), "0.3333333333333333333333333333");
        assert_ne!(c.status() & INEXACT, 0);
        let mut c = ctx(100);
        let r = d("2").sqrt(&mut c);
        assert_eq!(r.digits(), 100);
        let mut c = ctx(5);
        let r = d("1").divide(&d("0"), &mut c);
        assert!(r.is_infinite());
        assert_ne!(c.status() & DIVISION_BY_ZERO, 0);
    }

    #[test]
    fn parts_roundtrip() {
        let x = Dec::from_parts(true, &[0, 1, 2, 3], -2);
        assert_eq!(x.to_sci_string(), "-1.23");
        assert_eq!(x.coefficient_string(), "123");
        let n = Dec::special(true, Special::SNaN, &[4, 2]);
        assert_eq!(n.to_sci_string(), "-sNaN42");
        let big = "9".repeat(200);
        let b = d(&big);
        let mut c = ctx(300);
        let s = b.add(&d("1"), &mut c);
        assert_eq!(s.digits(), 201);
        assert_eq!(b.cmp_numeric(&s), std::cmp::Ordering::Less);
        assert!(d("1.0").same_quantum(&d("2.0")));
        assert!(!d("1.0").same_quantum(&d("2")));
    }
}
