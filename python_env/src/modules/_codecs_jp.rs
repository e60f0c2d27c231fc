//! The `_codecs_jp` module: Japanese multibyte codecs for CPython's `encodings`
//! package: shift_jis, cp932 and euc_jp (shift_jis_2004, euc_jis_2004, euc_jisx0213 and shift_jisx0213 are not provided). `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`
//! (see `_multibytecodec.rs` for the tables and conversions).

use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_jp")
}

/// Creates the `_codecs_jp` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_jp", getcodec as NativeFn)
}
