//! The `_codecs_kr` module: Korean multibyte codecs for CPython's `encodings`
//! package: euc_kr (written here over KS X 1001, with the make-up sequences of
//! KS X 1001:1998 annex 3), cp949 and johab. `getcodec(name)` returns a
//! `_multibytecodec.MultibyteCodec` (see `_multibytecodec.rs` for the tables
//! and conversions).

use super::_codecs_iso2022::{dbcs_get, ksx1001};
use super::_multibytecodec::{Custom, Step};
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_kr")
}

/// Creates the `_codecs_kr` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_kr", getcodec as NativeFn)
}

/// EUC-KR: ASCII and KS X 1001 in two bytes with the high bits set. A
/// Hangul syllable outside KS X 1001 is written as the eight-byte make-up
/// sequence filler, initial, medial, final (each a KS X 1001 jamo), which
/// the decoder composes back.
pub(crate) static EUC_KR: Custom = Custom {
    table: 0,
    decode: euc_kr_decode,
    encode: euc_kr_encode,
    reset: None,
    init: [0; 2],
};

/// The jamo row of KS X 1001 and its Hangul filler.
const JAMO_LEAD: u8 = 0xA4;
const JAMO_FILLER: u8 = 0xD4;

/// The KS X 1001 jamo (second byte) of each initial consonant, in the
/// order of Unicode's syllable composition.
const CHOSEONG: [u8; 19] = [
    0xA1, 0xA2, 0xA4, 0xA7, 0xA8, 0xA9, 0xB1, 0xB2, 0xB3, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB,
    0xBC, 0xBD, 0xBE,
];
/// The same for the final consonants (none: the filler).
const JONGSEONG: [u8; 28] = [
    JAMO_FILLER,
    0xA1,
    0xA2,
    0xA3,
    0xA4,
    0xA5,
    0xA6,
    0xA7,
    0xA9,
    0xAA,
    0xAB,
    0xAC,
    0xAD,
    0xAE,
    0xAF,
    0xB0,
    0xB1,
    0xB2,
    0xB4,
    0xB5,
    0xB6,
    0xB7,
    0xB8,
    0xBA,
    0xBB,
    0xBC,
    0xBD,
    0xBE,
];
/// Medial vowels are the jamo 0xBF..=0xD3 in order.
const JUNGSEONG_FIRST: u8 = 0xBF;

fn euc_kr_decode(_c: &Custom, _state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let (c, c2) = match super::_multibytecodec::ascii_or_pair(data, out) {
        Ok(pair) => pair,
        Err(step) => return step,
    };
    if c == JAMO_LEAD && c2 == JAMO_FILLER {
        if data.len() < 8 {
            return Step::TooFew;
        }
        if data[2] != JAMO_LEAD || data[4] != JAMO_LEAD || data[6] != JAMO_LEAD {
            return Step::Illegal(1);
        }
        let cho = CHOSEONG.iter().position(|&b| b == data[3]);
        let jung = (JUNGSEONG_FIRST..=0xD3)
            .contains(&data[5])
            .then(|| usize::from(data[5] - JUNGSEONG_FIRST));
        let jong = JONGSEONG.iter().position(|&b| b == data[7]);
        let (Some(cho), Some(jung), Some(jong)) = (cho, jung, jong) else {
            return Step::Illegal(1);
        };
        out.push(0xAC00 + (cho * 588 + jung * 28 + jong) as u32);
        return Step::Done(8);
    }
    match dbcs_get(ksx1001(), &[c ^ 0x80, c2 ^ 0x80]) {
        Some(cp) => {
            out.push(cp);
            Step::Done(2)
        }
        None => Step::Illegal(1),
    }
}

fn euc_kr_encode(
    _c: &Custom,
    _state: &mut u64,
    cps: &[u32],
    _flush: bool,
    out: &mut Vec<u8>,
) -> Step {
    let c = cps[0];
    if c < 0x80 {
        out.push(c as u8);
        return Step::Done(1);
    }
    if let Some(&code) = ksx1001().enc.get(&c) {
        out.extend_from_slice(&[(code >> 8) as u8 | 0x80, code as u8 | 0x80]);
        return Step::Done(1);
    }
    if !(0xAC00..=0xD7A3).contains(&c) {
        return Step::Illegal(1);
    }
    let s = (c - 0xAC00) as usize;
    out.extend_from_slice(&[
        JAMO_LEAD,
        JAMO_FILLER,
        JAMO_LEAD,
        CHOSEONG[s / 588],
        JAMO_LEAD,
        JUNGSEONG_FIRST + ((s / 28) % 21) as u8,
        JAMO_LEAD,
        JONGSEONG[s % 28],
    ]);
    Step::Done(1)
}
