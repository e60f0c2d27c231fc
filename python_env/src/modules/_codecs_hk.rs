//! The `_codecs_hk` module: Chinese (Hong Kong) multibyte codecs for CPython's `encodings`
//! package: big5hkscs. `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`
//! (see `_multibytecodec.rs` for the loops that run it).
//!
//! big5hkscs is `encoding_rs`'s Big5 (the WHATWG index, HKSCS included),
//! stepped one code at a time as CPython's codec: the WHATWG encoder leaves
//! out the HKSCS codes, so characters it cannot write are looked up in the
//! index read backwards (first code wins), and the four codes that decode
//! to a letter with a combining mark are written for those pairs.

use super::_multibytecodec::{Custom, Step};
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_hk")
}

/// Creates the `_codecs_hk` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_hk", getcodec as NativeFn)
}

pub(crate) static BIG5HKSCS: Custom = Custom {
    table: 0,
    decode,
    encode,
    reset: None,
    init: [0; 2],
};

/// The codes of a letter followed by a combining mark: (letter, mark, code).
const PAIRS: [(u32, u32, u16); 4] = [
    (0xCA, 0x304, 0x8862),
    (0xCA, 0x30C, 0x8864),
    (0xEA, 0x304, 0x88A3),
    (0xEA, 0x30C, 0x88A5),
];

fn decode(_c: &Custom, _state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let (c, c2) = match super::_multibytecodec::ascii_or_pair(data, out) {
        Ok(pair) => pair,
        Err(step) => return step,
    };
    match encoding_rs::BIG5.decode_without_bom_handling_and_without_replacement(&[c, c2]) {
        Some(s) if !s.is_empty() && s.chars().all(|ch| !ch.is_ascii()) => {
            out.extend(s.chars().map(|ch| ch as u32));
            Step::Done(2)
        }
        _ => Step::Illegal(1),
    }
}

/// The Big5 index read backwards: the first code of each character.
fn index_codes() -> &'static HashMap<u32, u16> {
    static T: OnceLock<HashMap<u32, u16>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for lead in 0x81u8..=0xFE {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                let bytes = [lead, trail];
                let Some(s) =
                    encoding_rs::BIG5.decode_without_bom_handling_and_without_replacement(&bytes)
                else {
                    continue;
                };
                let mut chars = s.chars();
                if let (Some(ch), None) = (chars.next(), chars.next()) {
                    m.entry(ch as u32).or_insert(u16::from_be_bytes(bytes));
                }
            }
        }
        m
    })
}

fn encode(_c: &Custom, _state: &mut u64, cps: &[u32], flush: bool, out: &mut Vec<u8>) -> Step {
    let c = cps[0];
    if c < 0x80 {
        out.push(c as u8);
        return Step::Done(1);
    }
    if c == 0xCA || c == 0xEA {
        match cps.get(1) {
            None if !flush => return Step::TooFew,
            Some(&m) => {
                if let Some(&(_, _, code)) = PAIRS.iter().find(|p| p.0 == c && p.1 == m) {
                    out.extend_from_slice(&code.to_be_bytes());
                    return Step::Done(2);
                }
            }
            None => {}
        }
    }
    let Some(ch) = char::from_u32(c) else {
        return Step::Illegal(1);
    };
    let mut buf = [0u8; 4];
    let mut enc = encoding_rs::BIG5.new_encoder();
    let mut one = Vec::with_capacity(4);
    let (r, _) =
        enc.encode_from_utf8_to_vec_without_replacement(ch.encode_utf8(&mut buf), &mut one, true);
    if r == encoding_rs::EncoderResult::InputEmpty {
        out.extend_from_slice(&one);
        return Step::Done(1);
    }
    match index_codes().get(&c) {
        Some(code) => {
            out.extend_from_slice(&code.to_be_bytes());
            Step::Done(1)
        }
        None => Step::Illegal(1),
    }
}
