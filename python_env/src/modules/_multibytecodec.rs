//! The `_multibytecodec` module: the codec objects behind CPython's CJK
//! codecs (`MultibyteCodec`, the incremental encoder and decoder, the
//! stream reader and writer that `encodings/shift_jis.py` and its siblings
//! subclass), with the tables and converters of the `encoding_rs` crate.
//!
//! `encoding_rs` implements the WHATWG Encoding Standard. Where a CPython
//! codec is the WHATWG one (cp932, euc_jp, cp949) it is used as is; where
//! CPython's codec is a strict subset of it (shift_jis, gb2312, gbk,
//! gb18030, big5, cp950) the bytes outside the subset's code ranges are
//! errors, checked here before and after the conversion. euc_kr,
//! big5hkscs, hz, johab, the JIS X 0213 codecs and the ISO-2022 family,
//! which `encoding_rs` does not have (or has without CPython's escape
//! handling, pairs or make-up sequences), are `Custom` codecs: step
//! functions (in `_codecs_kr.rs`, `_codecs_hk.rs`, `_codecs_cn.rs`,
//! `_codecs_jp.rs`, `_codecs_iso2022.rs`) over the tables of
//! `cjk_tables.rs` or of `encoding_rs`, run by the loops here as CPython's
//! `multibytecodec.c` runs its codecs, with its 8-byte codec state.
//!
//! The `encoding_rs` converters are made afresh for each call (a decode
//! call ends on a character boundary and an encode call returns to the
//! initial state), so the incremental objects keep only plain bytes: a
//! decoder the undecoded tail, which is also its `getstate()`.

use crate::modules::_codecs::{lookup_error, Replacement};
use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use crate::text::codecs::CodecError;
use crate::text::{decode_wtf8, encode_wtf8};
use crate::types::bytes;
use encoding_rs::{DecoderResult, EncoderResult, Encoding};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Kind, Obj, Value};

#[path = "cjk_tables.rs"]
pub(crate) mod cjk_tables;

/// What a `Custom` codec's step did with the start of its input.
pub(crate) enum Step {
    /// Converted this many bytes (decoding) or code points (encoding).
    Done(usize),
    /// The input ends inside a code (CPython's `MBERR_TOOFEW`).
    TooFew,
    /// An error spanning this many bytes or code points.
    Illegal(usize),
}

/// The start of a decoder's step for a code whose bytes below 0x80 stand
/// for themselves and whose other codes take two bytes or more: `Err` with
/// the step when the first byte is ASCII (written to `out`) or the input
/// ends after it, else the first two bytes.
pub(crate) fn ascii_or_pair(data: &[u8], out: &mut Vec<u32>) -> Result<(u8, u8), Step> {
    let c = data[0];
    if c < 0x80 {
        out.push(u32::from(c));
        return Err(Step::Done(1));
    }
    data.get(1).map(|&c2| (c, c2)).ok_or(Step::TooFew)
}

/// A codec written over `cjk_tables`: `decode` converts the code at the
/// start of its input, `encode` the code point(s) at the start of its
/// input (`flush`: the input's end is final), `reset` writes what returns
/// the encoder to its initial state. The `u64` is CPython's codec state
/// (its bytes little-endian), kept by the incremental and stream objects.
pub(crate) struct Custom {
    pub table: usize,
    pub decode: fn(&Custom, &mut u64, &[u8], &mut Vec<u32>) -> Step,
    pub encode: fn(&Custom, &mut u64, &[u32], bool, &mut Vec<u8>) -> Step,
    pub reset: Option<fn(&mut u64, &mut Vec<u8>)>,
    /// The initial states of the encoder and of the decoder.
    pub init: [u64; 2],
}

/// Which bytes of the `encoding_rs` codec a CPython codec accepts.
#[derive(Clone, Copy, PartialEq)]
enum Subset {
    /// All of them.
    All,
    /// JIS X 0208 Shift_JIS: no NEC/IBM extensions or user-defined area.
    ShiftJis,
    /// EUC-CN (GB 2312): both bytes in 0xA1..=0xFE, lead at most 0xF7.
    Gb2312,
    /// GBK: two-byte codes only (no euro sign 0x80, no four-byte codes),
    /// without the user-defined areas (the WHATWG index's private use
    /// characters) or the euro sign at 0xA2E3.
    Gbk,
    /// GB 18030 without the single-byte euro sign 0x80.
    Gb18030,
    /// Big5 without HKSCS: lead 0xA1..=0xF9.
    Big5,
}

/// A CPython codec name and the `encoding_rs` codec behind it.
pub(crate) struct Def {
    name: &'static str,
    enc: &'static Encoding,
    subset: Subset,
    custom: Option<&'static Custom>,
}

const fn def(name: &'static str, enc: &'static Encoding, subset: Subset) -> Def {
    Def {
        name,
        enc,
        subset,
        custom: None,
    }
}

/// A `Custom` codec (`enc` is not used).
const fn cdef(name: &'static str, c: &'static Custom) -> Def {
    Def {
        name,
        enc: &encoding_rs::UTF_8_INIT,
        subset: Subset::All,
        custom: Some(c),
    }
}

static JP: [Def; 7] = [
    def("shift_jis", &encoding_rs::SHIFT_JIS_INIT, Subset::ShiftJis),
    def("cp932", &encoding_rs::SHIFT_JIS_INIT, Subset::All),
    def("euc_jp", &encoding_rs::EUC_JP_INIT, Subset::All),
    cdef("euc_jis_2004", &super::_codecs_jp::EUC_JIS_2004),
    cdef("shift_jis_2004", &super::_codecs_jp::SHIFT_JIS_2004),
    cdef("euc_jisx0213", &super::_codecs_jp::EUC_JISX0213),
    cdef("shift_jisx0213", &super::_codecs_jp::SHIFT_JISX0213),
];
/// johab (KS C 5601-1992 annex 3), over its table.
static JOHAB: Custom = cjk_tables::codec(cjk_tables::JOHAB);

static KR: [Def; 3] = [
    cdef("euc_kr", &super::_codecs_kr::EUC_KR),
    def("cp949", &encoding_rs::EUC_KR_INIT, Subset::All),
    cdef("johab", &JOHAB),
];
static CN: [Def; 4] = [
    def("gb2312", &encoding_rs::GBK_INIT, Subset::Gb2312),
    def("gbk", &encoding_rs::GBK_INIT, Subset::Gbk),
    def("gb18030", &encoding_rs::GB18030_INIT, Subset::Gb18030),
    cdef("hz", &super::_codecs_cn::HZ),
];
static TW: [Def; 2] = [
    def("big5", &encoding_rs::BIG5_INIT, Subset::Big5),
    def("cp950", &encoding_rs::BIG5_INIT, Subset::Big5),
];
static HK: [Def; 1] = [cdef("big5hkscs", &super::_codecs_hk::BIG5HKSCS)];
static ISO2022: [Def; 7] = [
    cdef("iso2022_kr", &super::_codecs_iso2022::ISO2022_KR),
    cdef("iso2022_jp", &super::_codecs_iso2022::ISO2022_JP),
    cdef("iso2022_jp_1", &super::_codecs_iso2022::ISO2022_JP_1),
    cdef("iso2022_jp_2", &super::_codecs_iso2022::ISO2022_JP_2),
    cdef("iso2022_jp_2004", &super::_codecs_iso2022::ISO2022_JP_2004),
    cdef("iso2022_jp_3", &super::_codecs_iso2022::ISO2022_JP_3),
    cdef("iso2022_jp_ext", &super::_codecs_iso2022::ISO2022_JP_EXT),
];

/// The codecs a `_codecs_xx` module provides.
pub(crate) fn table(module: &str) -> &'static [Def] {
    match module {
        "_codecs_jp" => &JP,
        "_codecs_kr" => &KR,
        "_codecs_cn" => &CN,
        "_codecs_tw" => &TW,
        "_codecs_hk" => &HK,
        _ => &ISO2022,
    }
}

const ILLEGAL: &str = "illegal multibyte sequence";
const INCOMPLETE: &str = "incomplete multibyte sequence";

// ------------------------------------------------------------------ subsets

/// Is the one- or two-byte code `b` inside the subset?
fn in_subset(subset: Subset, b: &[u8]) -> bool {
    match (subset, b) {
        (Subset::All, _) => true,
        (_, [c]) if *c < 0x80 => true,
        (Subset::ShiftJis, [c]) => (0xA1..=0xDF).contains(c),
        (Subset::ShiftJis, [l, t]) => {
            matches!(l, 0x81..=0x84 | 0x88..=0x9F | 0xE0..=0xEA) && !(*l == 0x88 && *t < 0x9F)
        }
        (Subset::Gb2312, [l, t]) => (0xA1..=0xF7).contains(l) && (0xA1..=0xFE).contains(t),
        (Subset::Gbk, [l, t]) => {
            let user_defined = match l {
                0xAA..=0xAF | 0xF8..=0xFE => *t >= 0xA1,
                0xA1..=0xA7 => *t < 0xA1,
                _ => false,
            };
            !(user_defined || (*l == 0xA2 && *t == 0xE3))
        }
        (Subset::Gb18030, [_, _] | [_, _, _, _]) => true,
        (Subset::Big5, [l, t]) => {
            (0xA1..=0xF9).contains(l) && matches!(t, 0x40..=0x7E | 0xA1..=0xFE)
        }
        _ => false,
    }
}

/// The first code of `data` outside the subset: (start, length). A lead
/// byte at the very end is left to the converter (it may be incomplete).
fn first_outside(subset: Subset, data: &[u8]) -> Option<(usize, usize)> {
    if subset == Subset::All {
        return None;
    }
    let gb = matches!(subset, Subset::Gbk | Subset::Gb18030);
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c < 0x80 || in_subset(subset, &data[i..i + 1]) {
            i += 1;
            continue;
        }
        if gb && (c == 0x80 || c == 0xFF) {
            return Some((i, 1));
        }
        if gb && data.get(i + 1).is_some_and(|t| t.is_ascii_digit()) {
            // A four-byte code: GB 18030's, none of GBK's.
            if subset == Subset::Gbk {
                return Some((i, 1));
            }
            if i + 3 >= data.len() {
                return None;
            }
            i += 4;
            continue;
        }
        if i + 1 >= data.len() {
            return None;
        }
        if !in_subset(subset, &data[i..i + 2]) {
            return Some((i, 1));
        }
        i += 2;
    }
    None
}

/// The six JIS X 0208 symbols that shift_jis (as JIS X 0208) decodes to
/// the standard's characters where the WHATWG index has Microsoft's:
/// (JIS character, WHATWG character).
const SJIS_SYMBOLS: [(u32, u32); 6] = [
    (0x301C, 0xFF5E),
    (0x2016, 0x2225),
    (0x2212, 0xFF0D),
    (0xA2, 0xFFE0),
    (0xA3, 0xFFE1),
    (0xAC, 0xFFE2),
];

// ------------------------------------------------------------------ conversion

/// Decodes `data` (CPython's `decoder_feed_buffer`): returns the code
/// points and how many bytes were used; when not `final`, an incomplete
/// sequence at the end is left unused. Errors go through `errors`.
fn decode_core(
    vm: &mut Vm,
    d: &'static Def,
    data: &[u8],
    errors: &str,
    final_: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let (seg_end, bad) = match first_outside(d.subset, &data[pos..]) {
            Some((s, n)) => (pos + s, Some(n)),
            None => (data.len(), None),
        };
        let seg = &data[pos..seg_end];
        let mut dec = d.enc.new_decoder_without_bom_handling();
        let mut text = String::with_capacity(
            dec.max_utf8_buffer_length_without_replacement(seg.len())
                .unwrap_or(seg.len() * 3 + 16),
        );
        let mut read = 0;
        let mut failed: Option<(usize, usize)> = None;
        loop {
            let (r, n) = dec.decode_to_string_without_replacement(&seg[read..], &mut text, true);
            read += n;
            match r {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => text.reserve(seg.len() * 3 + 16),
                DecoderResult::Malformed(len, after) => {
                    let end = read - after as usize;
                    failed = Some((end.saturating_sub(len as usize), end));
                    break;
                }
            }
        }
        let from = out.len();
        out.extend(text.chars().map(|c| c as u32));
        if d.subset == Subset::ShiftJis {
            for c in &mut out[from..] {
                if let Some(&(jis, _)) = SJIS_SYMBOLS.iter().find(|p| p.1 == *c) {
                    *c = jis;
                }
            }
        }
        let (start, end, reason) = match (failed, bad) {
            (Some((s, e)), _) => {
                let at_end = pos + e == data.len();
                if at_end && !final_ {
                    return Ok((out, pos + s));
                }
                // As CPython, a bad sequence in the middle (or a whole
                // unmapped code at the end) is reported as its first byte
                // (decoding resumes at the next one); the start of a code
                // cut off by the end is incomplete.
                if at_end && is_code_prefix(d.enc, &data[pos + s..pos + e]) {
                    (pos + s, pos + e, INCOMPLETE)
                } else {
                    (pos + s, pos + s + 1, ILLEGAL)
                }
            }
            (None, Some(n)) => (seg_end, seg_end + n, ILLEGAL),
            (None, None) => {
                pos = data.len();
                break;
            }
        };
        pos = mb_decode_error(vm, errors, d.name, data, start, end, reason, &mut out)?;
    }
    Ok((out, pos.min(data.len())))
}

/// Are `bytes` the start of a code that more bytes could complete (a
/// decoder takes them all without an error, and without output)?
fn is_code_prefix(enc: &'static Encoding, bytes: &[u8]) -> bool {
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(16);
    let (r, n) = dec.decode_to_string_without_replacement(bytes, &mut text, false);
    matches!(r, DecoderResult::InputEmpty) && n == bytes.len() && text.is_empty()
}

/// Encodes one run of text with `enc` into `out`: `Err(i)` if the char at
/// index `i` of the run cannot be encoded (what came before it is in `out`).
fn encode_run(
    enc: &mut encoding_rs::Encoder,
    subset: Subset,
    run: &str,
    out: &mut Vec<u8>,
) -> Result<(), usize> {
    if subset != Subset::All {
        for (i, mut c) in run.chars().enumerate() {
            if subset == Subset::ShiftJis {
                if SJIS_SYMBOLS.iter().any(|p| p.1 == c as u32) {
                    return Err(i);
                }
                if let Some(&(_, ms)) = SJIS_SYMBOLS.iter().find(|p| p.0 == c as u32) {
                    c = char::from_u32(ms).unwrap_or(c);
                }
            }
            let mut buf = [0u8; 4];
            let mut one = Vec::with_capacity(8);
            let s: &str = c.encode_utf8(&mut buf);
            let (r, _) = enc.encode_from_utf8_to_vec_without_replacement(s, &mut one, false);
            if r != EncoderResult::InputEmpty || !in_subset(subset, &one) {
                return Err(i);
            }
            out.extend_from_slice(&one);
        }
        return Ok(());
    }
    let mut read = 0;
    loop {
        let need = enc
            .max_buffer_length_from_utf8_without_replacement(run.len() - read)
            .unwrap_or((run.len() - read) * 8 + 16);
        out.reserve(need);
        let (r, n) = enc.encode_from_utf8_to_vec_without_replacement(&run[read..], out, false);
        read += n;
        match r {
            EncoderResult::InputEmpty => return Ok(()),
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(_) => {
                return Err(run[..read].chars().count() - 1);
            }
        }
    }
}

/// Encodes the str `s` (its code points `cps`): CPython's
/// `multibytecodec_encode`; errors go through `errors`.
fn encode_core(
    vm: &mut Vm,
    d: &'static Def,
    enc: &mut encoding_rs::Encoder,
    s: Value,
    cps: &[u32],
    errors: &str,
    flush: bool,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(cps.len() * 2);
    let mut pos = 0;
    let is_sur = |c: u32| (0xD800..0xE000).contains(&c);
    while pos < cps.len() {
        let bad = if is_sur(cps[pos]) {
            pos
        } else {
            let end = (pos..cps.len())
                .find(|&i| is_sur(cps[i]))
                .unwrap_or(cps.len());
            let run: String = cps[pos..end]
                .iter()
                .filter_map(|&c| char::from_u32(c))
                .collect();
            match encode_run(enc, d.subset, &run, &mut out) {
                Ok(()) => {
                    pos = end;
                    continue;
                }
                Err(i) => pos + i,
            }
        };
        let err = CodecError {
            encoding: d.name,
            start: bad,
            end: bad + 1,
            reason: ILLEGAL,
            chars: vec![cps[bad]],
            bytes: Vec::new(),
            encode: true,
        };
        let (rep, next) = mb_encode_handler(vm, errors, &err, s, cps.len())?;
        match rep {
            Replacement::Bytes(b) => out.extend(b),
            Replacement::Str(r) => {
                // Encoded strictly: a failure is reported on the replacement.
                let text: Option<String> = r.iter().map(|&c| char::from_u32(c)).collect();
                let bad = match text {
                    Some(t) => encode_run(enc, d.subset, &t, &mut out).err(),
                    None => r.iter().position(|&c| char::from_u32(c).is_none()),
                };
                if let Some(i) = bad {
                    let rs = vm.new_str_bytes(&encode_wtf8(&r));
                    let mark = vm.push_root(rs);
                    let e2 = CodecError {
                        encoding: d.name,
                        start: i,
                        end: i + 1,
                        reason: ILLEGAL,
                        chars: vec![r[i]],
                        bytes: Vec::new(),
                        encode: true,
                    };
                    let exc = bytes::codec_exc(vm, &e2, rs);
                    vm.pop_roots(mark);
                    return Err(exc);
                }
            }
        }
        pos = next;
    }
    if flush {
        out.extend(flush_encoder(enc));
    }
    Ok(out)
}

/// What an encoder writes at the end of its input (ISO-2022-JP's return
/// to ASCII).
fn flush_encoder(enc: &mut encoding_rs::Encoder) -> Vec<u8> {
    let mut tail = Vec::with_capacity(8);
    let _ = enc.encode_from_utf8_to_vec_without_replacement("", &mut tail, true);
    tail
}

// ------------------------------------------------------------------ error handlers

/// The position an error handler returned (CPython's
/// `multibytecodec_{en,de}cerror`): negative counts from the end of the
/// `n` units; one out of range (or too large for an index) is an
/// IndexError.
fn handler_position(vm: &mut Vm, v: Value, n: usize) -> PyResult<usize> {
    use num_traits::ToPrimitive;
    let n = n as i64;
    let p = match vm.as_bigint(v).and_then(|b| b.to_i64()) {
        Some(p) if p < 0 => p + n,
        Some(p) => p,
        None => -1,
    };
    if !(0..=n).contains(&p) {
        return Err(vm.new_exc(
            vm.g.e.IndexError,
            &format!("position {p} from error handler out of bounds"),
        ));
    }
    Ok(p as usize)
}

/// Calls the error handler `errors` with `exc` and returns its 2-tuple's
/// items, if it is one whose second item is an int.
fn call_handler(vm: &mut Vm, errors: &str, exc: Value) -> PyResult<Option<(Value, Value)>> {
    let name = vm.new_str(errors);
    let mark = vm.push_root(name);
    let r = (|| {
        let handler = lookup_error(vm, &[name], Value::EMPTY)?;
        vm.push_root(handler);
        let res = vm.call(handler, &[exc], Value::EMPTY)?;
        vm.push_root(res);
        if !Obj::from_value(res).is_some_and(|o| o.kind() == Kind::TUPLE) {
            return Ok(None);
        }
        let items = vm.seq_items(res);
        Ok(match items[..] {
            [a, b] if vm.isinstance(b, vm.g.types.int) => Some((a, b)),
            _ => None,
        })
    })();
    vm.pop_roots(mark);
    r
}

/// A decoding error at `input[start..end]` (CPython's
/// `multibytecodec_decerror`): "strict", "ignore" and "replace" directly,
/// other handlers through the registry. Returns where decoding resumes.
#[allow(clippy::too_many_arguments)]
fn mb_decode_error(
    vm: &mut Vm,
    errors: &str,
    encoding: &'static str,
    input: &[u8],
    start: usize,
    end: usize,
    reason: &'static str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    match errors {
        "ignore" => return Ok(end),
        "replace" => {
            out.push(0xFFFD);
            return Ok(end);
        }
        _ => {}
    }
    let err = CodecError {
        encoding,
        start,
        end,
        reason,
        chars: Vec::new(),
        bytes: input[start..end].to_vec(),
        encode: false,
    };
    let obj = vm.new_bytes(input);
    let mark = vm.push_root(obj);
    let exc = bytes::codec_exc(vm, &err, obj);
    if errors == "strict" {
        vm.pop_roots(mark);
        return Err(exc);
    }
    vm.push_root(exc.0);
    let r = (|| {
        let Some((rep, pos)) = call_handler(vm, errors, exc.0)?.filter(|(r, _)| is_str(*r)) else {
            return Err(vm.type_error("decoding error handler must return (str, int) tuple"));
        };
        out.extend(decode_wtf8(str_bytes(rep)));
        handler_position(vm, pos, input.len())
    })();
    vm.pop_roots(mark);
    r
}

/// An encoding error (CPython's `multibytecodec_encerror`): what to write
/// (a str the caller encodes strictly with the codec in its current state)
/// and where encoding resumes in the `n` code points of `s`.
fn mb_encode_handler(
    vm: &mut Vm,
    errors: &str,
    err: &CodecError,
    s: Value,
    n: usize,
) -> PyResult<(Replacement, usize)> {
    match errors {
        "ignore" => return Ok((Replacement::Bytes(Vec::new()), err.end)),
        "replace" => return Ok((Replacement::Str(vec![u32::from(b'?')]), err.end)),
        _ => {}
    }
    let exc = bytes::codec_exc(vm, err, s);
    if errors == "strict" {
        return Err(exc);
    }
    let mark = vm.push_root(exc.0);
    let r = (|| {
        let items = call_handler(vm, errors, exc.0)?;
        let rep = match items {
            Some((r, _)) if is_str(r) => Replacement::Str(decode_wtf8(str_bytes(r))),
            Some((r, _)) if Obj::from_value(r).is_some_and(|o| o.kind() == Kind::BYTES) => {
                Replacement::Bytes(str_bytes(r).to_vec())
            }
            _ => return Err(vm.type_error("encoding error handler must return (str, int) tuple")),
        };
        let pos = items.map_or(Value::NONE, |(_, p)| p);
        Ok((rep, handler_position(vm, pos, n)?))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ custom codecs

/// Decodes `data` with a `Custom` codec from `state` (CPython's
/// `decoder_feed_buffer`): the code points and how many bytes were used;
/// when not `final_`, a code cut off at the end is left unused.
#[allow(clippy::too_many_arguments)]
fn decode_custom(
    vm: &mut Vm,
    d: &'static Def,
    cu: &'static Custom,
    state: &mut u64,
    data: &[u8],
    errors: &str,
    final_: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let (start, end, reason) = match (cu.decode)(cu, state, &data[pos..], &mut out) {
            Step::Done(n) => {
                pos += n;
                continue;
            }
            Step::TooFew if !final_ => return Ok((out, pos)),
            Step::TooFew => (pos, data.len(), INCOMPLETE),
            Step::Illegal(n) => (pos, (pos + n).min(data.len()), ILLEGAL),
        };
        pos = mb_decode_error(vm, errors, d.name, data, start, end, reason, &mut out)?;
    }
    Ok((out, pos))
}

/// Encodes the code points `cps` of the str `s` with a `Custom` codec from
/// `state` (CPython's `multibytecodec_encode`): the bytes and how many code
/// points were used (unless `flush`, a code point that may combine with
/// what follows is left unused at the end); `reset` then returns the
/// encoder to its initial state.
#[allow(clippy::too_many_arguments)]
fn encode_custom(
    vm: &mut Vm,
    d: &'static Def,
    cu: &'static Custom,
    state: &mut u64,
    s: Value,
    cps: &[u32],
    errors: &str,
    flush: bool,
    reset: bool,
) -> PyResult<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(cps.len() * 2);
    let mut pos = 0;
    while pos < cps.len() {
        let (start, end, reason) = match (cu.encode)(cu, state, &cps[pos..], flush, &mut out) {
            Step::Done(n) => {
                pos += n;
                continue;
            }
            Step::TooFew if !flush => break,
            Step::TooFew => (pos, cps.len(), INCOMPLETE),
            Step::Illegal(n) => (pos, (pos + n).min(cps.len()), ILLEGAL),
        };
        let err = CodecError {
            encoding: d.name,
            start,
            end,
            reason,
            chars: cps[start..end].to_vec(),
            bytes: Vec::new(),
            encode: true,
        };
        let (rep, next) = mb_encode_handler(vm, errors, &err, s, cps.len())?;
        match rep {
            Replacement::Bytes(b) => out.extend(b),
            Replacement::Str(r) => {
                let rs = vm.new_str_bytes(&encode_wtf8(&r));
                let mark = vm.push_root(rs);
                let got = encode_custom(vm, d, cu, state, rs, &r, "strict", true, false);
                vm.pop_roots(mark);
                out.extend(got?.0);
            }
        }
        pos = next;
    }
    if reset {
        if let Some(f) = cu.reset {
            f(state, &mut out);
        }
    }
    Ok((out, pos))
}

// ------------------------------------------------------------------ objects

/// Payload of a `MultibyteCodec`.
struct CodecRef(&'static Def);

impl Trace for CodecRef {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Payload of the incremental and stream objects: the codec, the error
/// handler's name, (decoders) the bytes not decoded yet,
/// (encoders) the code points not encoded yet, and the codec states of
/// the encoder and the decoder (`Custom` codecs use them; all keep what
/// `setstate` gives, as CPython).
struct Stateful {
    codec: &'static Def,
    errors: Mutex<String>,
    pending: Mutex<Vec<u8>>,
    pend_text: Mutex<Vec<u32>>,
    cstate: Mutex<[u64; 2]>,
}

impl Trace for Stateful {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

const ST_CODEC: usize = 0;

fn errors_of(vm: &mut Vm, v: Option<Value>) -> PyResult<String> {
    match v {
        None => Ok("strict".into()),
        Some(v) if v.is_none() => Ok("strict".into()),
        Some(v) if is_str(v) => Ok(str_of(v).into_owned()),
        Some(_) => Err(vm.type_error("errors must be a string")),
    }
}

/// The text to encode: a str, or `str(obj)` (CPython converts).
fn text_arg(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if is_str(v) {
        return Ok(v);
    }
    let s = vm.str(v)?;
    if !is_str(s) {
        return Err(vm.type_error("couldn't convert the object to unicode."));
    }
    Ok(s)
}

fn codec_self(vm: &mut Vm, v: Value) -> PyResult<&'static Def> {
    match Obj::from_value(v).and_then(native_ref::<CodecRef>) {
        Some(c) => Ok(c.0),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor for 'MultibyteCodec' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `MultibyteCodec.encode(input, errors=None)` -> `(bytes, len(input))`.
fn codec_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = codec_self(vm, a[0])?;
    let mut args = crate::args::Args::new(&a[1..], k);
    let Some(input) = args.get(0, "input") else {
        return Err(vm.type_error("encode() missing required argument 'input' (pos 1)"));
    };
    let errors = args.get(1, "errors");
    args.no_more_kw(vm, "encode")?;
    let errors = errors_of(vm, errors)?;
    let s = text_arg(vm, input)?;
    let mark = vm.push_root(s);
    let cps = decode_wtf8(str_bytes(s));
    let r = match d.custom {
        Some(cu) => encode_custom(
            vm,
            d,
            cu,
            &mut cu.init[0].clone(),
            s,
            &cps,
            &errors,
            true,
            true,
        )
        .map(|r| r.0),
        None => {
            let mut enc = d.enc.new_encoder();
            encode_core(vm, d, &mut enc, s, &cps, &errors, true)
        }
    };
    let r = r.map(|out| {
        let b = vm.new_bytes(&out);
        vm.push_root(b);
        vm.new_tuple(&[b, Value::int(cps.len() as i64)])
    });
    vm.pop_roots(mark);
    r
}

fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `MultibyteCodec.decode(input, errors=None)` -> `(str, len(input))`.
fn codec_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = codec_self(vm, a[0])?;
    let mut args = crate::args::Args::new(&a[1..], k);
    let Some(input) = args.get(0, "input") else {
        return Err(vm.type_error("decode() missing required argument 'input' (pos 1)"));
    };
    let errors = args.get(1, "errors");
    args.no_more_kw(vm, "decode")?;
    let errors = errors_of(vm, errors)?;
    let data = bytes_arg(vm, input)?;
    let (out, _) = match d.custom {
        Some(cu) => decode_custom(vm, d, cu, &mut cu.init[1].clone(), &data, &errors, true)?,
        None => decode_core(vm, d, &data, &errors, true)?,
    };
    let s = vm.new_str_bytes(&encode_wtf8(&out));
    let mark = vm.push_root(s);
    let t = vm.new_tuple(&[s, Value::int(data.len() as i64)]);
    vm.pop_roots(mark);
    Ok(t)
}

/// Makes the `MultibyteCodec` for `d`.
fn new_codec(vm: &mut Vm, d: &'static Def) -> PyResult<Value> {
    let cls = module_state(vm, "_multibytecodec", ST_CODEC)?;
    Ok(vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1, CodecRef(d)))
}

/// `getcodec(encoding)` of the `_codecs_xx` module `module`.
pub(crate) fn getcodec(vm: &mut Vm, a: &[Value], k: Value, module: &str) -> PyResult<Value> {
    crate::args::check(vm, "getcodec", a, k, 1, 1)?;
    if !is_str(a[0]) {
        return Err(vm.type_error("encoding name must be a string."));
    }
    let name = str_of(a[0]);
    match table(module).iter().find(|d| d.name == name) {
        Some(d) => new_codec(vm, d),
        None => Err(vm.new_exc(vm.g.e.LookupError, "no such codec is supported.")),
    }
}

/// Creates a `_codecs_xx` module with its `getcodec`.
pub(crate) fn codecs_module(vm: &mut Vm, name: &str, getcodec: NativeFn) -> PyResult<Value> {
    let m = vm.new_module(name);
    vm.add_module_functions(m, &[("getcodec", getcodec)]);
    Ok(m)
}

/// `__create_codec(capsule)`: ProtoPy's codec modules hand out no capsules.
fn create_codec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "__create_codec", a, k, 1, 1)?;
    Err(vm.new_exc(vm.g.e.ValueError, "argument type invalid"))
}

fn stateful(vm: &mut Vm, v: Value) -> PyResult<&'static Stateful> {
    match Obj::from_value(v).and_then(native_ref::<Stateful>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor doesn't apply to a '{tn}' object (a multibyte codec object is required)"
            )))
        }
    }
}

/// Shared `__new__`: the class's `codec` attribute must be a MultibyteCodec;
/// a stream object keeps its stream in its last value slot.
fn new_stateful(
    vm: &mut Vm,
    cls: Value,
    errors: Option<Value>,
    stream: Option<Value>,
) -> PyResult<Value> {
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        return Err(vm.type_error("__new__(X): X is not a type object"));
    };
    let key = vm.intern("codec");
    let codec = vm.getattr(cls, key)?;
    let Some(d) = Obj::from_value(codec)
        .and_then(native_ref::<CodecRef>)
        .map(|c| c.0)
    else {
        return Err(vm.type_error("codec is unexpected type"));
    };
    let errors = errors_of(vm, errors)?;
    let extra = usize::from(stream.is_some());
    let n = 1 + type_nslots(co) + extra;
    let v = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        Stateful {
            codec: d,
            errors: Mutex::new(errors),
            pending: Mutex::new(Vec::new()),
            pend_text: Mutex::new(Vec::new()),
            cstate: Mutex::new(d.custom.map_or([0; 2], |c| c.init)),
        },
    );
    if let Some(s) = stream {
        let o = Obj::from_value(v).expect("fresh object");
        vm.ctx.store(o, n - 1, s);
    }
    Ok(v)
}

fn inc_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let Some(cls) = args.get(0, "") else {
        return Err(vm.type_error("__new__(): not enough arguments"));
    };
    let errors = args.get(1, "errors");
    args.no_more_kw(vm, "__new__")?;
    new_stateful(vm, cls, errors, None)
}

fn stream_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let Some(cls) = args.get(0, "") else {
        return Err(vm.type_error("__new__(): not enough arguments"));
    };
    let Some(stream) = args.get(1, "stream") else {
        return Err(vm.type_error("__new__() missing required argument 'stream' (pos 1)"));
    };
    let errors = args.get(2, "errors");
    args.no_more_kw(vm, "__new__")?;
    let mark = vm.push_root(stream);
    let r = new_stateful(vm, cls, errors, Some(stream));
    vm.pop_roots(mark);
    r
}

/// `__init__` does nothing (the object is made by `__new__`); it stops the
/// `__init__` of `codecs.IncrementalEncoder` and its kin after it in the MRO.
fn noop_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn get_errors(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let e = sync::lock(&st.errors).clone();
    Ok(vm.new_str(&e))
}

fn set_errors(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v == Value::EMPTY {
        return Err(vm.exc_by_name("AttributeError", "cannot delete attribute"));
    }
    if !is_str(v) {
        return Err(vm.type_error("errors must be a string"));
    }
    *sync::lock(&st.errors) = str_of(v).into_owned();
    Ok(Value::NONE)
}

fn get_stream(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    stateful(vm, a[0])?;
    let o = Obj::from_value(a[0]).expect("checked");
    Ok(o.get(o.n_values() - 1))
}

/// Encodes `input` for an incremental encoder or stream writer; a stateful
/// `Custom` codec keeps its state until `final`.
fn stateful_encode(vm: &mut Vm, me: Value, input: Value, final_: bool) -> PyResult<Value> {
    let st = stateful(vm, me)?;
    let errors = sync::lock(&st.errors).clone();
    let mut s = text_arg(vm, input)?;
    let mark = vm.push_root(s);
    let orig = std::mem::take(&mut *sync::lock(&st.pend_text));
    let mut cps = decode_wtf8(str_bytes(s));
    if !orig.is_empty() {
        cps.splice(0..0, orig.iter().copied());
        s = vm.new_str_bytes(&encode_wtf8(&cps));
        vm.push_root(s);
    }
    let d = st.codec;
    if let Some(cu) = d.custom {
        let mut state = sync::lock(&st.cstate)[0];
        let r = if cps.is_empty() && !final_ {
            Ok((Vec::new(), 0))
        } else {
            encode_custom(vm, d, cu, &mut state, s, &cps, &errors, final_, final_)
        };
        sync::lock(&st.cstate)[0] = state;
        let r = match r {
            Ok((out, used)) if cps.len() - used > MAXENCPENDING => {
                let _ = out;
                Err(vm.exc_by_name("UnicodeError", "pending buffer overflow"))
            }
            Ok((out, used)) => {
                *sync::lock(&st.pend_text) = cps[used..].to_vec();
                Ok(vm.new_bytes(&out))
            }
            Err(e) => {
                *sync::lock(&st.pend_text) = orig;
                Err(e)
            }
        };
        vm.pop_roots(mark);
        return r;
    }
    let mut enc = d.enc.new_encoder();
    let r = encode_core(vm, d, &mut enc, s, &cps, &errors, true);
    let r = r.map(|out| vm.new_bytes(&out));
    vm.pop_roots(mark);
    r
}

fn ienc_encode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(&a[1..], k);
    let Some(input) = args.get(0, "input") else {
        return Err(vm.type_error("encode() missing required argument 'input' (pos 1)"));
    };
    let fin = args.get(1, "final");
    args.no_more_kw(vm, "encode")?;
    let fin = match fin {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    stateful_encode(vm, a[0], input, fin)
}

/// Most code points an encoder keeps for the next call (CPython's
/// `MAXENCPENDING`).
const MAXENCPENDING: usize = 2;

/// The little-endian bytes of the non-negative int `v`, at most `n` of
/// them (CPython's `_PyLong_AsByteArray`, unsigned).
fn int_le_bytes(vm: &mut Vm, v: Value, n: usize) -> PyResult<Vec<u8>> {
    let b = vm.as_bigint(v).unwrap_or_default();
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative int to unsigned",
        ));
    }
    let (_, mut bytes) = b.to_bytes_le();
    if bytes.len() > n {
        return Err(vm.new_exc(vm.g.e.OverflowError, "int too big to convert"));
    }
    bytes.resize(n, 0);
    Ok(bytes)
}

/// The encoder's state as CPython packs it into an int: the length of the
/// pending text in UTF-8, that text, the 8 bytes of the codec state.
fn ienc_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let pend = encode_wtf8(&sync::lock(&st.pend_text));
    if pend.len() > MAXENCPENDING * 4 {
        return Err(vm.exc_by_name("UnicodeError", "pending buffer too large"));
    }
    let mut b = vec![pend.len() as u8];
    b.extend_from_slice(&pend);
    b.extend_from_slice(&sync::lock(&st.cstate)[0].to_le_bytes());
    Ok(vm.new_bigint(num_bigint::BigInt::from_bytes_le(
        num_bigint::Sign::Plus,
        &b,
    )))
}

fn ienc_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "setstate", &a[1..], k, 1, 1)?;
    let st = stateful(vm, a[0])?;
    let v = a[1];
    if !vm.isinstance(v, vm.g.types.int) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("setstate() argument must be int, not {tn}")));
    }
    let b = int_le_bytes(vm, v, 1 + MAXENCPENDING * 4 + 8)?;
    let n = usize::from(b[0]);
    if n > MAXENCPENDING * 4 {
        return Err(vm.exc_by_name("UnicodeError", "pending buffer too large"));
    }
    // The pending text must be UTF-8: decoding it raises CPython's error.
    let raw = vm.new_bytes(&b[1..1 + n]);
    let mark = vm.push_root(raw);
    let enc = vm.new_str("utf-8");
    vm.push_root(enc);
    let text = vm.call_method(raw, "decode", &[enc]);
    vm.pop_roots(mark);
    let text = text?;
    let mut state = [0u8; 8];
    state.copy_from_slice(&b[1 + n..9 + n]);
    *sync::lock(&st.pend_text) = decode_wtf8(str_bytes(text));
    sync::lock(&st.cstate)[0] = u64::from_le_bytes(state);
    Ok(Value::NONE)
}

/// Decodes `pending + data`, keeping what stays undecoded as the new
/// pending bytes.
fn stateful_decode(
    vm: &mut Vm,
    st: &'static Stateful,
    data: &[u8],
    final_: bool,
) -> PyResult<Value> {
    let errors = sync::lock(&st.errors).clone();
    let mut buf = std::mem::take(&mut *sync::lock(&st.pending));
    // As CPython, a call that raises leaves the pending bytes as they were.
    let orig = buf.clone();
    let restore = |e| {
        *sync::lock(&st.pending) = orig.clone();
        e
    };
    if let Some(cu) = st.codec.custom {
        buf.extend_from_slice(data);
        let mut state = sync::lock(&st.cstate)[1];
        let r = decode_custom(vm, st.codec, cu, &mut state, &buf, &errors, final_);
        sync::lock(&st.cstate)[1] = state;
        let (out, used) = r.map_err(restore)?;
        if !final_ {
            if buf.len() - used > MAXDECPENDING {
                return Err(vm.exc_by_name("UnicodeError", "pending buffer overflow"));
            }
            *sync::lock(&st.pending) = buf[used..].to_vec();
        }
        return Ok(vm.new_str_bytes(&encode_wtf8(&out)));
    }
    buf.extend_from_slice(data);
    let (out, used) = decode_core(vm, st.codec, &buf, &errors, final_).map_err(restore)?;
    if !final_ {
        *sync::lock(&st.pending) = buf[used..].to_vec();
    }
    Ok(vm.new_str_bytes(&encode_wtf8(&out)))
}

fn idec_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let mut args = crate::args::Args::new(&a[1..], k);
    let Some(input) = args.get(0, "input") else {
        return Err(vm.type_error("decode() missing required argument 'input' (pos 1)"));
    };
    let fin = args.get(1, "final");
    args.no_more_kw(vm, "decode")?;
    let fin = match fin {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let data = bytes_arg(vm, input)?;
    stateful_decode(vm, st, &data, fin)
}

/// Most bytes a decoder keeps for the next call (CPython's
/// `MAXDECPENDING`).
const MAXDECPENDING: usize = 8;

/// `reset()` of the incremental objects and the stream reader: drops what
/// is pending; a codec with a reset function returns to its initial state
/// (what the encoder would write for that is dropped too, as CPython).
fn reset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    sync::lock(&st.pending).clear();
    sync::lock(&st.pend_text).clear();
    if let Some(c) = st.codec.custom.filter(|c| c.reset.is_some()) {
        *sync::lock(&st.cstate) = c.init;
    }
    Ok(Value::NONE)
}

/// `StreamWriter.reset()`: writes what returns the stream to the initial
/// shift state, if anything.
fn sw_reset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let tail = if let Some(cu) = st.codec.custom {
        // As CPython, only pending text is encoded (with the return to the
        // initial state); without any, nothing is written.
        let pend = std::mem::take(&mut *sync::lock(&st.pend_text));
        if pend.is_empty() {
            return Ok(Value::NONE);
        }
        let errors = sync::lock(&st.errors).clone();
        let s = vm.new_str_bytes(&encode_wtf8(&pend));
        let mark = vm.push_root(s);
        let mut state = sync::lock(&st.cstate)[0];
        let r = encode_custom(vm, st.codec, cu, &mut state, s, &pend, &errors, true, true);
        sync::lock(&st.cstate)[0] = state;
        vm.pop_roots(mark);
        r?.0
    } else {
        Vec::new()
    };
    if !tail.is_empty() {
        let b = vm.new_bytes(&tail);
        let mark = vm.push_root(b);
        let o = Obj::from_value(a[0]).expect("checked");
        let stream = o.get(o.n_values() - 1);
        let r = vm.call_method(stream, "write", &[b]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(Value::NONE)
}

fn idec_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = stateful(vm, a[0])?;
    let p = sync::lock(&st.pending).clone();
    let b = vm.new_bytes(&p);
    let mark = vm.push_root(b);
    let state = sync::lock(&st.cstate)[1];
    let n = vm.new_bigint(num_bigint::BigInt::from(state));
    vm.push_root(n);
    let t = vm.new_tuple(&[b, n]);
    vm.pop_roots(mark);
    Ok(t)
}

fn idec_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "setstate", &a[1..], k, 1, 1)?;
    let st = stateful(vm, a[0])?;
    let v = a[1];
    let items = if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE) {
        vm.seq_items(v)
    } else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("setstate() argument must be tuple, not {tn}")));
    };
    let [b, flag] = items[..] else {
        return Err(vm.type_error("setstate(): illegal state argument"));
    };
    let ok_bytes = Obj::from_value(b).is_some_and(|o| o.kind() == Kind::BYTES);
    if !ok_bytes || !(flag.is_int() || vm.isinstance(flag, vm.g.types.int)) {
        return Err(vm.type_error("setstate(): illegal state argument"));
    }
    let p = str_bytes(b).to_vec();
    if p.len() > MAXDECPENDING {
        return Err(vm.exc_by_name("UnicodeError", "pending buffer too large"));
    }
    let state = int_le_bytes(vm, flag, 8)?;
    let mut s8 = [0u8; 8];
    s8.copy_from_slice(&state);
    *sync::lock(&st.pending) = p;
    sync::lock(&st.cstate)[1] = u64::from_le_bytes(s8);
    Ok(Value::NONE)
}

/// `stream.<method>(size)` decoded (CPython's `mbstreamreader_iread`):
/// reads until some text comes out or the stream ends.
fn stream_read(vm: &mut Vm, me: Value, method: &str, size: Option<Value>) -> PyResult<Value> {
    let st = stateful(vm, me)?;
    let mut hint: i64 = match size {
        None => -1,
        Some(v) if v.is_none() => -1,
        Some(v) => crate::args::py_ssize_t(vm, v)?,
    };
    if hint == 0 {
        return Ok(vm.new_str(""));
    }
    let o = Obj::from_value(me).expect("checked");
    let stream = o.get(o.n_values() - 1);
    let mark = vm.push_root(me);
    let r = (|| {
        let mut text: Vec<u8> = Vec::new();
        loop {
            let got = if hint < 0 {
                vm.call_method(stream, method, &[])?
            } else {
                vm.call_method(stream, method, &[Value::int(hint)])?
            };
            if !Obj::from_value(got).is_some_and(|o| o.kind() == Kind::BYTES) {
                let tn = vm.type_name_of(got);
                return Err(vm.type_error(&format!(
                    "stream function returned a non-bytes object ({tn})"
                )));
            }
            let data = str_bytes(got).to_vec();
            let eof = data.is_empty();
            let s = stateful_decode(vm, st, &data, eof || hint < 0)?;
            text.extend_from_slice(str_bytes(s));
            if !text.is_empty() || eof || hint < 0 {
                return Ok(vm.new_str_bytes(&text));
            }
            hint = 1;
        }
    })();
    vm.pop_roots(mark);
    r
}

fn sr_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "read", &a[1..], k, 0, 1)?;
    stream_read(vm, a[0], "read", a.get(1).copied())
}

fn sr_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "readline", &a[1..], k, 0, 1)?;
    stream_read(vm, a[0], "readline", a.get(1).copied())
}

fn sr_readlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "readlines", &a[1..], k, 0, 1)?;
    let r = stream_read(vm, a[0], "read", a.get(1).copied())?;
    let mark = vm.push_root(r);
    let l = vm.call_method(r, "splitlines", &[Value::TRUE]);
    vm.pop_roots(mark);
    l
}

fn sw_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "write", &a[1..], k, 1, 1)?;
    let b = stateful_encode(vm, a[0], a[1], false)?;
    let mark = vm.push_root(b);
    let o = Obj::from_value(a[0]).expect("checked");
    let stream = o.get(o.n_values() - 1);
    let r = vm.call_method(stream, "write", &[b]);
    vm.pop_roots(mark);
    r.map(|_| Value::NONE)
}

fn sw_writelines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "writelines", &a[1..], k, 1, 1)?;
    stateful(vm, a[0])?;
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    let r = (|| {
        while let Some(line) = vm.next(it)? {
            let m = vm.push_root(line);
            sw_write(vm, &[a[0], line], Value::EMPTY)?;
            vm.pop_roots(m);
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn native_type(vm: &mut Vm, name: &str, modname: Value, basetype: bool) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, basetype);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

/// A type's native methods.
type Methods = &'static [(&'static str, NativeFn)];

/// Creates the `_multibytecodec` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_multibytecodec", 1);
    let mark = vm.push_root(m);
    let modname = vm.new_str("_multibytecodec");
    vm.ctx.promote(modname);
    vm.push_root(modname);

    let ct = native_type(vm, "MultibyteCodec", modname, false);
    vm.add_method(ct, "encode", codec_encode);
    vm.add_method(ct, "decode", codec_decode);
    set_module_state(vm, m, ST_CODEC, ct);

    let kinds: [(&str, bool, Methods); 4] = [
        (
            "MultibyteIncrementalEncoder",
            false,
            &[
                ("encode", ienc_encode),
                ("reset", reset),
                ("getstate", ienc_getstate),
                ("setstate", ienc_setstate),
            ],
        ),
        (
            "MultibyteIncrementalDecoder",
            false,
            &[
                ("decode", idec_decode),
                ("reset", reset),
                ("getstate", idec_getstate),
                ("setstate", idec_setstate),
            ],
        ),
        (
            "MultibyteStreamReader",
            true,
            &[
                ("read", sr_read),
                ("readline", sr_readline),
                ("readlines", sr_readlines),
                ("reset", reset),
            ],
        ),
        (
            "MultibyteStreamWriter",
            true,
            &[
                ("write", sw_write),
                ("writelines", sw_writelines),
                ("reset", sw_reset),
            ],
        ),
    ];
    for (name, is_stream, methods) in kinds {
        let t = native_type(vm, name, modname, true);
        vm.add_static(
            t,
            "__new__",
            if is_stream { stream_new } else { inc_new },
            false,
        );
        vm.add_method(t, "__init__", noop_init);
        for &(n, f) in methods {
            vm.add_method(t, n, f);
        }
        let p = vm.new_native_getset(t, "errors", get_errors, Some(set_errors));
        vm.add_attr(t, "errors", p);
        if is_stream {
            let p = vm.new_native_getset(t, "stream", get_stream, None);
            vm.add_attr(t, "stream", p);
        }
        vm.set_module_attr(m, name, t);
    }
    vm.add_module_functions(m, &[("__create_codec", create_codec)]);
    vm.pop_roots(mark);
    Ok(m)
}
