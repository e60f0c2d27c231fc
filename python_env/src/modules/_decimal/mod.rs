//! `_decimal`: CPython 3.11's `Modules/_decimal` (the C accelerator behind `decimal`),
//! built on IBM's decNumber through [`ffi`].
//!
//! Not registered as a module yet: `decimal.py` imports `_decimal` whole when it exists,
//! so the module is registered only once it can stand in for `_pydecimal` (see
//! docs/decimal-status.md). Until then the arithmetic layer is compiled and unit-tested.

// The layer's users (the Decimal and Context types) are not written yet.
#[allow(dead_code)]
pub(crate) mod convert;
#[allow(dead_code)]
pub(crate) mod ffi;
#[allow(dead_code)]
pub(crate) mod signals;
