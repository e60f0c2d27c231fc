//! The `_codecs_iso2022` module: ISO-2022 multibyte codecs for CPython's `encodings`
//! package: iso2022_jp (the other ISO-2022 variants are not provided). `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`
//! (see `_multibytecodec.rs` for the tables and conversions).

use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_iso2022")
}

/// Creates the `_codecs_iso2022` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_iso2022", getcodec as NativeFn)
}
