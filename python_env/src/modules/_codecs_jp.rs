//! The `_codecs_jp` module: Japanese multibyte codecs for CPython's `encodings`
//! package: shift_jis, cp932 and euc_jp (see `_multibytecodec.rs`), and the
//! JIS X 0213 codecs euc_jis_2004, shift_jis_2004, euc_jisx0213 and shift_jisx0213,
//! written here over the tables of `cjk_tables.rs`. `getcodec(name)` returns a
//! `_multibytecodec.MultibyteCodec`.

use super::_multibytecodec::cjk_tables::{self, Entry};
use super::_multibytecodec::{Custom, Step};
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_jp")
}

/// Creates the `_codecs_jp` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_jp", getcodec as NativeFn)
}

const fn jis(table: usize) -> Custom {
    Custom {
        table,
        decode: jis_decode,
        encode: jis_encode,
        reset: None,
    }
}

pub(crate) static EUC_JIS_2004: Custom = jis(cjk_tables::EUC_JIS_2004);
pub(crate) static SHIFT_JIS_2004: Custom = jis(cjk_tables::SHIFT_JIS_2004);
pub(crate) static EUC_JISX0213: Custom = jis(cjk_tables::EUC_JISX0213);
pub(crate) static SHIFT_JISX0213: Custom = jis(cjk_tables::SHIFT_JISX0213);

/// Decodes the code at the start of `data`: its first byte says how long
/// it is; an unmapped code is an error of its first byte (a few codes of
/// JIS X 0213:2004, in the :2000 codecs, of the whole code).
fn jis_decode(c: &Custom, _state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let t = cjk_tables::get(c.table);
    let n = usize::from(t.need[usize::from(data[0])]);
    if n == 0 {
        return Step::Illegal(1);
    }
    if data.len() < n {
        return Step::TooFew;
    }
    let key = data[..n].iter().fold(0u32, |k, &b| (k << 8) | u32::from(b));
    match t.dec.get(&key) {
        Some(&Entry::Chars(a, b)) => {
            out.push(a);
            if b != 0 {
                out.push(b);
            }
            Step::Done(n)
        }
        Some(&Entry::Error(len)) => Step::Illegal(len.clamp(1, n)),
        None => Step::Illegal(1),
    }
}

/// Encodes the code point at the start of `cps`. One that may combine with
/// the next (a kana and a semi-voiced mark, a vowel and a tone mark) waits
/// for it: at the end of the input, unless flushing, that is `TooFew`.
fn jis_encode(c: &Custom, _state: &mut u64, cps: &[u32], flush: bool, out: &mut Vec<u8>) -> Step {
    let t = cjk_tables::get(c.table);
    let first = cps[0];
    if t.bases.contains(&first) {
        match cps.get(1) {
            None if !flush => return Step::TooFew,
            None => {}
            Some(&second) => {
                if let Some(&key) = t.pairs.get(&(first, second)) {
                    cjk_tables::key_bytes(key, out);
                    return Step::Done(2);
                }
            }
        }
    }
    match t.enc.get(&first) {
        Some(&key) => {
            cjk_tables::key_bytes(key, out);
            Step::Done(1)
        }
        None => Step::Illegal(1),
    }
}
