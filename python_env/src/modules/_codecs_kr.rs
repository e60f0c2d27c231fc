//! The `_codecs_kr` module: Korean multibyte codecs for CPython's `encodings`
//! package: euc_kr, cp949 and johab. `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`
//! (see `_multibytecodec.rs` for the tables and conversions).

use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_kr")
}

/// Creates the `_codecs_kr` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_kr", getcodec as NativeFn)
}
