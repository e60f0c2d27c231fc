//! The decimal signals and conditions of `_decimal`: their names and CPython's class
//! hierarchy, the mapping from decNumber's status bits, and the orders CPython uses
//! (flag/trap dicts, context repr, the condition list a trapped signal carries).

use super::ffi;

/// The nine signals, in the order of the C module's signal map (the order of the
/// `flags`/`traps` dicts, and the one in which the raised signal is chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    InvalidOperation,
    FloatOperation,
    DivisionByZero,
    Overflow,
    Underflow,
    Subnormal,
    Inexact,
    Rounded,
    Clamped,
}

pub const SIGNALS: [Signal; 9] = [
    Signal::InvalidOperation,
    Signal::FloatOperation,
    Signal::DivisionByZero,
    Signal::Overflow,
    Signal::Underflow,
    Signal::Subnormal,
    Signal::Inexact,
    Signal::Rounded,
    Signal::Clamped,
];

/// The order of `Context.__repr__`'s `flags=[...]`/`traps=[...]` (mpdecimal's bit order).
pub const REPR_ORDER: [Signal; 9] = [
    Signal::Clamped,
    Signal::InvalidOperation,
    Signal::DivisionByZero,
    Signal::Inexact,
    Signal::FloatOperation,
    Signal::Overflow,
    Signal::Rounded,
    Signal::Subnormal,
    Signal::Underflow,
];

/// A set of signals: bit `i` is `SIGNALS[i]`.
pub type SignalSet = u16;

impl Signal {
    pub fn bit(self) -> SignalSet {
        1 << (self as u16)
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::InvalidOperation => "InvalidOperation",
            Signal::FloatOperation => "FloatOperation",
            Signal::DivisionByZero => "DivisionByZero",
            Signal::Overflow => "Overflow",
            Signal::Underflow => "Underflow",
            Signal::Subnormal => "Subnormal",
            Signal::Inexact => "Inexact",
            Signal::Rounded => "Rounded",
            Signal::Clamped => "Clamped",
        }
    }
}

/// A condition: a signal, or one of the four subclasses of InvalidOperation that
/// name why (the members of a trapped signal's argument list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Signal(Signal),
    ConversionSyntax,
    DivisionImpossible,
    DivisionUndefined,
    InvalidContext,
}

impl Cond {
    pub fn name(self) -> &'static str {
        match self {
            Cond::Signal(s) => s.name(),
            Cond::ConversionSyntax => "ConversionSyntax",
            Cond::DivisionImpossible => "DivisionImpossible",
            Cond::DivisionUndefined => "DivisionUndefined",
            Cond::InvalidContext => "InvalidContext",
        }
    }
}

/// Every exception class of the module, bases first: (name, bases), where a base is a
/// class of this table or, with a `builtins.` prefix, a builtin exception. The C module
/// creates them in this order, all with `__module__ == 'decimal'`.
pub const CLASSES: [(&str, &[&str]); 14] = [
    ("DecimalException", &["builtins.ArithmeticError"]),
    ("Clamped", &["DecimalException"]),
    ("InvalidOperation", &["DecimalException"]),
    (
        "DivisionByZero",
        &["DecimalException", "builtins.ZeroDivisionError"],
    ),
    ("Inexact", &["DecimalException"]),
    ("Rounded", &["DecimalException"]),
    ("Subnormal", &["DecimalException"]),
    ("Overflow", &["Inexact", "Rounded"]),
    ("Underflow", &["Inexact", "Rounded", "Subnormal"]),
    (
        "FloatOperation",
        &["DecimalException", "builtins.TypeError"],
    ),
    ("ConversionSyntax", &["InvalidOperation"]),
    ("DivisionImpossible", &["InvalidOperation"]),
    (
        "DivisionUndefined",
        &["InvalidOperation", "builtins.ZeroDivisionError"],
    ),
    ("InvalidContext", &["InvalidOperation"]),
];

/// The signals a decNumber status raises. `INSUFFICIENT_STORAGE` is not a signal: the
/// caller raises MemoryError for it, as the C module does for mpdecimal's malloc error.
pub fn signals_of(status: u32) -> SignalSet {
    let mut s: SignalSet = 0;
    let invalid = ffi::CONVERSION_SYNTAX
        | ffi::DIVISION_IMPOSSIBLE
        | ffi::DIVISION_UNDEFINED
        | ffi::INVALID_CONTEXT
        | ffi::INVALID_OPERATION;
    if status & invalid != 0 {
        s |= Signal::InvalidOperation.bit();
    }
    let simple = [
        (ffi::DIVISION_BY_ZERO, Signal::DivisionByZero),
        (ffi::OVERFLOW, Signal::Overflow),
        (ffi::UNDERFLOW, Signal::Underflow),
        (ffi::SUBNORMAL, Signal::Subnormal),
        (ffi::INEXACT, Signal::Inexact),
        (ffi::ROUNDED, Signal::Rounded),
        (ffi::CLAMPED, Signal::Clamped),
    ];
    for (bit, sig) in simple {
        if status & bit != 0 {
            s |= sig.bit();
        }
    }
    s
}

/// The signal a trapped status raises: the first of `SIGNALS` in `trapped`.
pub fn raised_signal(trapped: SignalSet) -> Option<Signal> {
    SIGNALS.into_iter().find(|s| trapped & s.bit() != 0)
}

/// The conditions listed in the argument of the exception raised for `status` when the
/// signals `trapped` (a subset of `signals_of(status)`) are trapped, in the C module's
/// order: InvalidOperation's conditions first, then the other signals in `SIGNALS` order.
pub fn conditions(status: u32, trapped: SignalSet) -> Vec<Cond> {
    let mut out = Vec::new();
    if trapped & Signal::InvalidOperation.bit() != 0 {
        let subs = [
            (
                ffi::INVALID_OPERATION,
                Cond::Signal(Signal::InvalidOperation),
            ),
            (ffi::CONVERSION_SYNTAX, Cond::ConversionSyntax),
            (ffi::DIVISION_IMPOSSIBLE, Cond::DivisionImpossible),
            (ffi::DIVISION_UNDEFINED, Cond::DivisionUndefined),
            (ffi::INVALID_CONTEXT, Cond::InvalidContext),
        ];
        for (bit, c) in subs {
            if status & bit != 0 {
                out.push(c);
            }
        }
    }
    for s in &SIGNALS[1..] {
        if trapped & s.bit() != 0 {
            out.push(Cond::Signal(*s));
        }
    }
    out
}

/// Rounding mode names (the `ROUND_*` constants' values) and their decNumber modes,
/// in the order the C module's error message lists them.
pub const ROUNDINGS: [(&str, ffi::Rounding); 8] = [
    ("ROUND_CEILING", ffi::Rounding::Ceiling),
    ("ROUND_FLOOR", ffi::Rounding::Floor),
    ("ROUND_UP", ffi::Rounding::Up),
    ("ROUND_DOWN", ffi::Rounding::Down),
    ("ROUND_HALF_UP", ffi::Rounding::HalfUp),
    ("ROUND_HALF_DOWN", ffi::Rounding::HalfDown),
    ("ROUND_HALF_EVEN", ffi::Rounding::HalfEven),
    ("ROUND_05UP", ffi::Rounding::ZeroFiveUp),
];

/// The TypeError message for a rounding that is not one of `ROUNDINGS`' names.
pub const ROUNDING_ERROR: &str = "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]";

pub fn rounding_from_name(name: &[u8]) -> Option<ffi::Rounding> {
    ROUNDINGS
        .iter()
        .find(|(n, _)| n.as_bytes() == name)
        .map(|(_, r)| *r)
}

pub fn rounding_name(r: ffi::Rounding) -> &'static str {
    ROUNDINGS
        .iter()
        .find(|(_, x)| *x == r)
        .map(|(n, _)| *n)
        .unwrap_or("ROUND_HALF_EVEN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_to_signals() {
        let st = ffi::DIVISION_UNDEFINED;
        assert_eq!(signals_of(st), Signal::InvalidOperation.bit());
        let trapped = signals_of(st);
        assert_eq!(raised_signal(trapped), Some(Signal::InvalidOperation));
        assert_eq!(conditions(st, trapped), vec![Cond::DivisionUndefined]);
        let st = ffi::INEXACT | ffi::ROUNDED | ffi::OVERFLOW;
        let trapped = signals_of(st) & (Signal::Overflow.bit() | Signal::Inexact.bit());
        assert_eq!(raised_signal(trapped), Some(Signal::Overflow));
        assert_eq!(
            conditions(st, trapped),
            vec![
                Cond::Signal(Signal::Overflow),
                Cond::Signal(Signal::Inexact)
            ]
        );
        assert_eq!(
            rounding_from_name(b"ROUND_05UP"),
            Some(ffi::Rounding::ZeroFiveUp)
        );
        assert_eq!(rounding_name(ffi::Rounding::HalfDown), "ROUND_HALF_DOWN");
    }
}
