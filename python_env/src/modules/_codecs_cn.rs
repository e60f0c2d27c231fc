//! The `_codecs_cn` module: Chinese (PRC) multibyte codecs for CPython's `encodings`
//! package: gb2312, gbk and gb18030 (hz is not provided). `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`
//! (see `_multibytecodec.rs` for the tables and conversions).

use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_cn")
}

/// Creates the `_codecs_cn` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_cn", getcodec as NativeFn)
}
