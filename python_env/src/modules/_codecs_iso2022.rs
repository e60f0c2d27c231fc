//! The `_codecs_iso2022` module: the ISO-2022 codecs of CPython's `encodings`
//! package (iso2022_jp, iso2022_jp_1, iso2022_jp_2, iso2022_jp_2004,
//! iso2022_jp_3, iso2022_jp_ext, iso2022_kr). `getcodec(name)` returns a
//! `_multibytecodec.MultibyteCodec` over the `Custom` step functions here.
//!
//! Each codec is a list of designations (character sets, each with the
//! plane G0/G1/G2 it is invoked in and its width), as CPython's
//! `_codecs_iso2022.c`: the decoder follows escape sequences, SO/SI and
//! single shifts (ESC N); the encoder writes each character in the first
//! set of the list that has it, designating and shifting as needed. The
//! codec state is CPython's: byte 0/1/2 the sets designated to G0/G1/G2
//! (their final bytes, with 0x80 for double-byte sets), byte 4 the flags.
//!
//! The sets' tables: KS X 1001, JIS X 0208 and JIS X 0212 are read once off
//! `encoding_rs`'s EUC-KR and EUC-JP (the KS X 1001 / JIS X 0208 rows only:
//! no NEC or IBM rows), GB 2312 and JIS X 0213 come from `cjk_tables`.

use super::_multibytecodec::cjk_tables::{self, Entry};
use super::_multibytecodec::{Custom, Step};
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_iso2022")
}

/// Creates the `_codecs_iso2022` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_iso2022", getcodec as NativeFn)
}

const ESC: u8 = 0x1B;
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;
const LF: u8 = 0x0A;
/// The longest escape sequence looked at.
const MAX_ESCSEQLEN: usize = 16;

/// Double-byte sets are marked by their final byte with this bit.
const DBCS: u8 = 0x80;
const ASCII: u8 = b'B';
const ISO8859_1: u8 = b'A';
const ISO8859_7: u8 = b'F';
const JISX0201_R: u8 = b'J';
const JISX0201_K: u8 = b'I';
const KSX1001: u8 = b'C' | DBCS;
const JISX0208: u8 = b'B' | DBCS;
const JISX0208_O: u8 = b'@' | DBCS;
const JISX0212: u8 = b'D' | DBCS;
const GB2312: u8 = b'A' | DBCS;
const JISX0213_1_2000: u8 = b'O' | DBCS;
const JISX0213_2: u8 = b'P' | DBCS;
const JISX0213_1_2004: u8 = b'Q' | DBCS;
/// JIS X 0213:2004 plane 1 for combining pairs, which (as CPython) only
/// makes a possible pair's first character wait for the next.
const PAIRONLY: u8 = 0xFF;

/// Flags of the state (byte 4).
const F_SHIFTED: u8 = 0x01;
const F_ESCTHROUGHOUT: u8 = 0x02;

/// Configuration flags.
const NO_SHIFT: u8 = 0x01;
const USE_G2: u8 = 0x02;
const USE_JISX0208_EXT: u8 = 0x04;

/// A character set the codec may designate: its mark, the plane it is
/// invoked in (0: G0, 1: G1 with SO, 2: G2 with ESC N) and its width.
#[derive(Clone, Copy)]
struct Dsg {
    mark: u8,
    plane: u8,
    width: usize,
}

const fn dsg(mark: u8, plane: u8, width: usize) -> Dsg {
    Dsg { mark, plane, width }
}

/// A codec: its flags and designations, and whether JIS X 0213 is the
/// 2000 edition.
struct Config {
    flags: u8,
    dsgs: &'static [Dsg],
    jisx0213_2000: bool,
}

const KR: usize = 0;
const JP: usize = 1;
const JP_1: usize = 2;
const JP_2: usize = 3;
const JP_2004: usize = 4;
const JP_3: usize = 5;
const JP_EXT: usize = 6;

static CONFIGS: [Config; 7] = [
    Config {
        flags: 0,
        dsgs: &[dsg(KSX1001, 1, 2)],
        jisx0213_2000: false,
    },
    Config {
        flags: NO_SHIFT | USE_JISX0208_EXT,
        dsgs: &[
            dsg(JISX0208, 0, 2),
            dsg(JISX0201_R, 0, 1),
            dsg(JISX0208_O, 0, 2),
        ],
        jisx0213_2000: false,
    },
    Config {
        flags: NO_SHIFT | USE_JISX0208_EXT,
        dsgs: &[
            dsg(JISX0208, 0, 2),
            dsg(JISX0212, 0, 2),
            dsg(JISX0201_R, 0, 1),
            dsg(JISX0208_O, 0, 2),
        ],
        jisx0213_2000: false,
    },
    Config {
        flags: NO_SHIFT | USE_G2 | USE_JISX0208_EXT,
        dsgs: &[
            dsg(JISX0208, 0, 2),
            dsg(JISX0212, 0, 2),
            dsg(KSX1001, 0, 2),
            dsg(GB2312, 0, 2),
            dsg(JISX0201_R, 0, 1),
            dsg(JISX0208_O, 0, 2),
            dsg(ISO8859_1, 2, 1),
            dsg(ISO8859_7, 2, 1),
        ],
        jisx0213_2000: false,
    },
    Config {
        flags: NO_SHIFT | USE_JISX0208_EXT,
        dsgs: &[
            dsg(PAIRONLY, 0, 2),
            dsg(JISX0208, 0, 2),
            dsg(JISX0213_1_2004, 0, 2),
            dsg(JISX0213_2, 0, 2),
        ],
        jisx0213_2000: false,
    },
    Config {
        flags: NO_SHIFT | USE_JISX0208_EXT,
        dsgs: &[
            dsg(JISX0208, 0, 2),
            dsg(JISX0213_1_2000, 0, 2),
            dsg(JISX0213_2, 0, 2),
        ],
        jisx0213_2000: true,
    },
    Config {
        flags: NO_SHIFT | USE_JISX0208_EXT,
        dsgs: &[
            dsg(JISX0208, 0, 2),
            dsg(JISX0212, 0, 2),
            dsg(JISX0201_R, 0, 1),
            dsg(JISX0201_K, 0, 1),
            dsg(JISX0208_O, 0, 2),
        ],
        jisx0213_2000: false,
    },
];

/// The initial states: the encoder has ASCII in G0 and G1, the decoder
/// also in G2 (as CPython's `ENCODER_INIT`/`DECODER_INIT`).
const INIT: [u64; 2] = [
    (ASCII as u64) | (ASCII as u64) << 8,
    (ASCII as u64) | (ASCII as u64) << 8 | (ASCII as u64) << 16,
];

const fn codec(config: usize) -> Custom {
    Custom {
        table: config,
        decode,
        encode,
        reset: Some(reset),
        init: INIT,
    }
}

pub(crate) static ISO2022_KR: Custom = codec(KR);
pub(crate) static ISO2022_JP: Custom = codec(JP);
pub(crate) static ISO2022_JP_1: Custom = codec(JP_1);
pub(crate) static ISO2022_JP_2: Custom = codec(JP_2);
pub(crate) static ISO2022_JP_2004: Custom = codec(JP_2004);
pub(crate) static ISO2022_JP_3: Custom = codec(JP_3);
pub(crate) static ISO2022_JP_EXT: Custom = codec(JP_EXT);

// ------------------------------------------------------------------ state

fn byte(state: u64, i: u32) -> u8 {
    (state >> (8 * i)) as u8
}

fn set_byte(state: &mut u64, i: u32, v: u8) {
    *state = (*state & !(0xFF << (8 * i))) | (u64::from(v) << (8 * i));
}

fn flag(state: u64, f: u8) -> bool {
    byte(state, 4) & f != 0
}

fn set_flag(state: &mut u64, f: u8, on: bool) {
    let b = byte(*state, 4);
    set_byte(state, 4, if on { b | f } else { b & !f });
}

// ------------------------------------------------------------------ tables

/// A 94x94 set: code points by (row, cell) from 0, and the code of each
/// code point (the first one when several codes map to it).
pub(crate) struct Dbcs {
    dec: Vec<u32>,
    pub(crate) enc: HashMap<u32, u16>,
}

/// Reads a 94x94 set off an `encoding_rs` EUC codec: the code at row `r`,
/// cell `c` is `prefix` + (0xA1 + r, 0xA1 + c); rows failing `keep` are left out.
fn read_set(enc: &'static encoding_rs::Encoding, prefix: &[u8], keep: fn(usize) -> bool) -> Dbcs {
    let mut dec = vec![0u32; 94 * 94];
    let mut map = HashMap::new();
    let mut buf = prefix.to_vec();
    buf.extend_from_slice(&[0, 0]);
    let n = buf.len();
    for r in (0..94).filter(|&r| keep(r)) {
        for c in 0..94 {
            buf[n - 2] = 0xA1 + r as u8;
            buf[n - 1] = 0xA1 + c as u8;
            let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&buf) else {
                continue;
            };
            let mut chars = s.chars();
            let (Some(ch), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let cp = ch as u32;
            dec[r * 94 + c] = cp;
            map.entry(cp)
                .or_insert((((0x21 + r) as u16) << 8) | (0x21 + c) as u16);
        }
    }
    Dbcs { dec, enc: map }
}

/// KS X 1001 (also euc_kr's two-byte codes).
pub(crate) fn ksx1001() -> &'static Dbcs {
    static T: OnceLock<Dbcs> = OnceLock::new();
    T.get_or_init(|| read_set(encoding_rs::EUC_KR, &[], |_| true))
}

/// JIS X 0208 rows: 1 to 84 without row 13 (NEC's in the EUC-JP index).
/// Six codes are the standard's characters where the WHATWG index has
/// Microsoft's (wave dash, double vertical line, minus, cent, pound, not).
fn jisx0208() -> &'static Dbcs {
    static T: OnceLock<Dbcs> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = read_set(encoding_rs::EUC_JP, &[], |r| r != 12 && r < 84);
        for (code, cp) in [
            (0x2141u16, 0x301Cu32),
            (0x2142, 0x2016),
            (0x215D, 0x2212),
            (0x2171, 0xA2),
            (0x2172, 0xA3),
            (0x224C, 0xAC),
        ] {
            let i = usize::from((code >> 8) - 0x21) * 94 + usize::from((code & 0xFF) - 0x21);
            let old = t.dec[i];
            if t.enc.get(&old) == Some(&code) {
                t.enc.remove(&old);
            }
            t.dec[i] = cp;
            t.enc.insert(cp, code);
        }
        t
    })
}

fn jisx0212() -> &'static Dbcs {
    static T: OnceLock<Dbcs> = OnceLock::new();
    T.get_or_init(|| read_set(encoding_rs::EUC_JP, &[0x8F], |_| true))
}

fn in_94(b: u8) -> bool {
    (0x21..=0x7E).contains(&b)
}

/// The code point of the seven-bit code `d` (two bytes) in `t`.
pub(crate) fn dbcs_get(t: &Dbcs, d: &[u8]) -> Option<u32> {
    if !in_94(d[0]) || !in_94(d[1]) {
        return None;
    }
    let cp = t.dec[usize::from(d[0] - 0x21) * 94 + usize::from(d[1] - 0x21)];
    (cp != 0).then_some(cp)
}

/// The JIS X 0213 table of the codec's edition.
fn jisx0213(cfg: &Config) -> &'static cjk_tables::Table {
    cjk_tables::get(if cfg.jisx0213_2000 {
        cjk_tables::EUC_JISX0213
    } else {
        cjk_tables::EUC_JIS_2004
    })
}

/// Decodes one code of set `mark` (`d` holds its width in bytes).
fn decode_set(cfg: &Config, mark: u8, d: &[u8], out: &mut Vec<u32>) -> bool {
    let one = |cp: Option<u32>, out: &mut Vec<u32>| match cp {
        Some(c) => {
            out.push(c);
            true
        }
        None => false,
    };
    match mark {
        KSX1001 => one(dbcs_get(ksx1001(), d), out),
        JISX0208 | JISX0208_O => {
            if d == [0x21, 0x40] {
                out.push(0xFF3C);
                return true;
            }
            one(dbcs_get(jisx0208(), d), out)
        }
        JISX0212 => one(dbcs_get(jisx0212(), d), out),
        GB2312 => {
            if !in_94(d[0]) || !in_94(d[1]) {
                return false;
            }
            let key = (u32::from(d[0] | 0x80) << 8) | u32::from(d[1] | 0x80);
            match cjk_tables::get(cjk_tables::GB2312).dec.get(&key) {
                Some(&Entry::Chars(a, 0)) => one(Some(a), out),
                _ => false,
            }
        }
        JISX0201_R => one(
            Some(match d[0] {
                0x5C => 0xA5,
                0x7E => 0x203E,
                c => u32::from(c),
            }),
            out,
        ),
        JISX0201_K => one(
            (0x21..=0x5F)
                .contains(&d[0])
                .then(|| 0xFF40 + u32::from(d[0])),
            out,
        ),
        JISX0213_1_2000 | JISX0213_1_2004 | JISX0213_2 => {
            if !in_94(d[0]) || !in_94(d[1]) {
                return false;
            }
            // The 2004 sets in a 2000 codec: JIS X 0213:2000 decodes
            // neither the 2004 plane 1 designation nor its new codes.
            if mark == JISX0213_1_2004 && cfg.jisx0213_2000 {
                return false;
            }
            let mut key = (u32::from(d[0] | 0x80) << 8) | u32::from(d[1] | 0x80);
            if mark == JISX0213_2 {
                key |= 0x8F_0000;
            }
            match jisx0213(cfg).dec.get(&key) {
                Some(&Entry::Chars(a, b)) => {
                    out.push(a);
                    if b != 0 {
                        out.push(b);
                    }
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// What the encoder of a set made of the start of the input.
enum Enc {
    /// The code (one or two bytes) and how many code points it covers.
    Code(u32, usize),
    Unmappable,
    /// The code point may combine with the next, which is not there yet.
    TooFew,
}

fn dbcs_code(t: &Dbcs, c: u32) -> Enc {
    match t.enc.get(&c) {
        Some(&k) => Enc::Code(u32::from(k), 1),
        None => Enc::Unmappable,
    }
}

/// Encodes the start of `cps` in set `mark`.
fn encode_set(cfg: &Config, mark: u8, cps: &[u32], flush: bool) -> Enc {
    let c = cps[0];
    match mark {
        KSX1001 => dbcs_code(ksx1001(), c),
        JISX0208 | JISX0208_O => {
            if c == 0xFF3C {
                return Enc::Code(0x2140, 1);
            }
            dbcs_code(jisx0208(), c)
        }
        JISX0212 => dbcs_code(jisx0212(), c),
        GB2312 => match cjk_tables::get(cjk_tables::GB2312).enc.get(&c) {
            Some(&k) if k > 0xFF => Enc::Code(k & 0x7F7F, 1),
            _ => Enc::Unmappable,
        },
        JISX0201_R => match c {
            0xA5 => Enc::Code(0x5C, 1),
            0x203E => Enc::Code(0x7E, 1),
            _ if c < 0x80 && c != 0x5C && c != 0x7E => Enc::Code(c, 1),
            _ => Enc::Unmappable,
        },
        JISX0201_K => match c {
            0xFF61..=0xFF9F => Enc::Code(c - 0xFF40, 1),
            _ => Enc::Unmappable,
        },
        PAIRONLY | JISX0213_1_2000 | JISX0213_1_2004 | JISX0213_2 => {
            let t = jisx0213(cfg);
            let plane2 = mark == JISX0213_2;
            // A code of the wanted plane: two bytes of plane 1, or three
            // (0x8F first) of plane 2.
            let of_plane = |k: u32| {
                if plane2 {
                    k >> 16 == 0x8F
                } else {
                    (0xA1A1..=0xFEFE).contains(&k) && (k & 0xFF) >= 0xA1
                }
            };
            // As CPython, a character that may start a combining pair
            // waits for the next one, but pairs are not combined: each
            // character is written alone.
            if t.bases.contains(&c) && cps.len() == 1 && !flush {
                return Enc::TooFew;
            }
            if mark == PAIRONLY {
                return Enc::Unmappable;
            }
            match t.enc.get(&c) {
                Some(&k) if of_plane(k) => Enc::Code(k & 0x7F7F, 1),
                _ => Enc::Unmappable,
            }
        }
        // ISO 8859-1 and -7 (G2) are only decoded, as CPython.
        _ => Enc::Unmappable,
    }
}

// ------------------------------------------------------------------ decoder

fn is_escend(c: u8) -> bool {
    c.is_ascii_uppercase() || c == b'@'
}

fn is_iso2022esc(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'$' | b'.' | b'&')
}

/// A designation escape sequence at the start of `data` (CPython's
/// `iso2022processesc`).
fn process_esc(cfg: &Config, state: &mut u64, data: &[u8]) -> Step {
    let mut esclen = 0;
    let mut i = 1;
    while i < MAX_ESCSEQLEN {
        if i >= data.len() {
            return Step::TooFew;
        }
        if is_escend(data[i]) {
            esclen = i + 1;
            break;
        } else if cfg.flags & USE_JISX0208_EXT != 0
            && i + 1 < data.len()
            && data[i] == b'&'
            && data[i + 1] == b'@'
        {
            i += 2;
        }
        i += 1;
    }
    let (charset, designation) = match esclen {
        0 => return Step::Illegal(1),
        3 => {
            if data[1] == b'$' {
                (data[2] | DBCS, 0)
            } else {
                let d = match data[1] {
                    b'(' => 0,
                    b')' => 1,
                    b'.' if cfg.flags & USE_G2 != 0 => 2,
                    _ => return Step::Illegal(3),
                };
                (data[2], d)
            }
        }
        4 => {
            if data[1] != b'$' {
                return Step::Illegal(4);
            }
            let d = match data[2] {
                b'(' => 0,
                b')' => 1,
                _ => return Step::Illegal(4),
            };
            (data[3] | DBCS, d)
        }
        6 => {
            if cfg.flags & USE_JISX0208_EXT != 0 && data[3..6] == [ESC, b'$', b'B'] {
                (JISX0208, 0)
            } else {
                return Step::Illegal(6);
            }
        }
        n => return Step::Illegal(n),
    };
    if charset != ASCII && !cfg.dsgs.iter().any(|d| d.mark == charset) {
        return Step::Illegal(esclen);
    }
    set_byte(state, designation, charset);
    Step::Done(esclen)
}

/// CPython's ISO 8859-7 to Unicode for the G2 set (`c` is the byte with
/// its high bit set).
fn iso8859_7(c: u32) -> Option<u32> {
    // Below 0xA0, and the bytes of 0xA0..0xC0 set in the mask, are ISO 8859-1's.
    if c < 0xA0 || (c < 0xC0 && (0x288f_3bc9u32 >> (c - 0xA0)) & 1 != 0) {
        Some(c)
    } else if (0xB4..=0xFE).contains(&c) && (c >= 0xD4 || (0xbfff_fd77u32 >> (c - 0xB4)) & 1 != 0) {
        Some(0x2D0 + c)
    } else {
        match c {
            0xA1 => Some(0x2018),
            0xA2 => Some(0x2019),
            0xAF => Some(0x2015),
            _ => None,
        }
    }
}

/// A single shift to G2 (ESC N and one byte).
fn process_g2(state: u64, b: u8, out: &mut Vec<u32>) -> Step {
    let cp = match byte(state, 2) {
        ISO8859_1 if b < 0x80 => u32::from(b) + 0x80,
        ISO8859_7 => match iso8859_7(u32::from(b ^ 0x80)) {
            Some(c) => c,
            None => return Step::Illegal(3),
        },
        ASCII if b & 0x80 == 0 => u32::from(b),
        _ => return Step::Illegal(3),
    };
    out.push(cp);
    Step::Done(3)
}

fn decode(cu: &Custom, state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let cfg = &CONFIGS[cu.table];
    let c = data[0];
    if flag(*state, F_ESCTHROUGHOUT) {
        // An escape sequence that is not ISO-2022's passes through as
        // ISO 8859-1 up to its final byte.
        out.push(u32::from(c));
        if is_escend(c) {
            set_flag(state, F_ESCTHROUGHOUT, false);
        }
        return Step::Done(1);
    }
    let bypass = |out: &mut Vec<u32>| {
        out.push(u32::from(c));
        Step::Done(1)
    };
    match c {
        ESC => {
            let Some(&c2) = data.get(1) else {
                return Step::TooFew;
            };
            if is_iso2022esc(c2) {
                process_esc(cfg, state, data)
            } else if cfg.flags & USE_G2 != 0 && c2 == b'N' {
                match data.get(2) {
                    Some(&b) => process_g2(*state, b, out),
                    None => Step::TooFew,
                }
            } else {
                out.push(u32::from(ESC));
                set_flag(state, F_ESCTHROUGHOUT, true);
                Step::Done(1)
            }
        }
        SI | SO if cfg.flags & NO_SHIFT != 0 => bypass(out),
        SI | SO => {
            set_flag(state, F_SHIFTED, c == SO);
            Step::Done(1)
        }
        LF => {
            set_flag(state, F_SHIFTED, false);
            bypass(out)
        }
        _ if c < 0x20 => bypass(out),
        _ if c >= 0x80 => Step::Illegal(1),
        _ => {
            let charset = if flag(*state, F_SHIFTED) {
                byte(*state, 1)
            } else {
                byte(*state, 0)
            };
            if charset == ASCII {
                return bypass(out);
            }
            let Some(d) = cfg.dsgs.iter().find(|d| d.mark == charset) else {
                return Step::Illegal(1);
            };
            if data.len() < d.width {
                return Step::TooFew;
            }
            if decode_set(cfg, charset, &data[..d.width], out) {
                Step::Done(d.width)
            } else {
                Step::Illegal(d.width)
            }
        }
    }
}

// ------------------------------------------------------------------ encoder

fn encode(cu: &Custom, state: &mut u64, cps: &[u32], flush: bool, out: &mut Vec<u8>) -> Step {
    let cfg = &CONFIGS[cu.table];
    let c = cps[0];
    if c < 0x80 {
        if byte(*state, 0) != ASCII {
            out.extend_from_slice(&[ESC, b'(', b'B']);
            set_byte(state, 0, ASCII);
        }
        if flag(*state, F_SHIFTED) {
            out.push(SI);
            set_flag(state, F_SHIFTED, false);
        }
        out.push(c as u8);
        return Step::Done(1);
    }
    let mut found = None;
    for d in cfg.dsgs {
        match encode_set(cfg, d.mark, cps, flush) {
            Enc::Code(code, n) => {
                found = Some((d, code, n));
                break;
            }
            Enc::TooFew => return Step::TooFew,
            Enc::Unmappable => {}
        }
    }
    let Some((d, code, n)) = found else {
        return Step::Illegal(1);
    };
    // The pair-only encoder is JIS X 0213:2004 plane 1.
    let mark = if d.mark == PAIRONLY {
        JISX0213_1_2004
    } else {
        d.mark
    };
    let fin = mark & 0x7F;
    match d.plane {
        0 => {
            if flag(*state, F_SHIFTED) {
                out.push(SI);
                set_flag(state, F_SHIFTED, false);
            }
            if byte(*state, 0) != mark {
                if d.width == 1 {
                    out.extend_from_slice(&[ESC, b'(', fin]);
                } else if mark == JISX0208 {
                    out.extend_from_slice(&[ESC, b'$', fin]);
                } else {
                    out.extend_from_slice(&[ESC, b'$', b'(', fin]);
                }
                set_byte(state, 0, mark);
            }
        }
        1 => {
            if byte(*state, 1) != mark {
                if d.width == 1 {
                    out.extend_from_slice(&[ESC, b')', fin]);
                } else {
                    out.extend_from_slice(&[ESC, b'$', b')', fin]);
                }
                set_byte(state, 1, mark);
            }
            if !flag(*state, F_SHIFTED) {
                out.push(SO);
                set_flag(state, F_SHIFTED, true);
            }
        }
        // G2 sets have no encoder (see `encode_set`).
        _ => return Step::Illegal(1),
    }
    if d.width == 1 {
        out.push(code as u8);
    } else {
        out.extend_from_slice(&[(code >> 8) as u8, code as u8]);
    }
    Step::Done(n)
}

/// Returns the encoder to ASCII, unshifted (CPython's `ENCODER_RESET`).
fn reset(state: &mut u64, out: &mut Vec<u8>) {
    if flag(*state, F_SHIFTED) {
        out.push(SI);
        set_flag(state, F_SHIFTED, false);
    }
    if byte(*state, 0) != ASCII {
        out.extend_from_slice(&[ESC, b'(', b'B']);
        set_byte(state, 0, ASCII);
    }
}
