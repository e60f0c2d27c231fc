//! The `_codecs_jp` module: Japanese multibyte codecs for CPython's `encodings`
//! package: shift_jis, cp932 and euc_jp (see `_multibytecodec.rs`), and the
//! JIS X 0213 codecs euc_jis_2004, shift_jis_2004, euc_jisx0213 and shift_jisx0213,
//! written here over the tables of `cjk_tables.rs`. `getcodec(name)` returns a
//! `_multibytecodec.MultibyteCodec`.

use super::_multibytecodec::cjk_tables;
use super::_multibytecodec::Custom;
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_jp")
}

/// Creates the `_codecs_jp` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_jp", getcodec as NativeFn)
}

pub(crate) static EUC_JIS_2004: Custom = cjk_tables::codec(cjk_tables::EUC_JIS_2004);
pub(crate) static SHIFT_JIS_2004: Custom = cjk_tables::codec(cjk_tables::SHIFT_JIS_2004);
pub(crate) static EUC_JISX0213: Custom = cjk_tables::codec(cjk_tables::EUC_JISX0213);
pub(crate) static SHIFT_JISX0213: Custom = cjk_tables::codec(cjk_tables::SHIFT_JISX0213);
