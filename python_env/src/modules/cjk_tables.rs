//! The code tables of the CJK codecs that `encoding_rs` lacks (gb2312 as
//! used by hz, and the four JIS X 0213 codecs), read from `cjk_tables.bin`,
//! which `tools/gen_cjk.py` writes from CPython 3.11's codecs (the file's
//! format is described there). Each table is unpacked into hash maps on
//! first use. `codec(table)` is a stateless codec over one of them.

use super::{Custom, Step};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("cjk_tables.bin");

/// The codecs of `cjk_tables.bin`, in its order.
pub(crate) const GB2312: usize = 0;
pub(crate) const EUC_JIS_2004: usize = 1;
pub(crate) const SHIFT_JIS_2004: usize = 2;
pub(crate) const EUC_JISX0213: usize = 3;
pub(crate) const SHIFT_JISX0213: usize = 4;
pub(crate) const JOHAB: usize = 5;
const COUNT: usize = 6;

/// What a code (its bytes as a big-endian integer) decodes to.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Entry {
    /// One code point, or two (`second` is then nonzero).
    Chars(u32, u32),
    /// A decoding error spanning this many bytes.
    Error(usize),
}

/// One codec's tables.
pub(crate) struct Table {
    /// Per first byte: 0 an error alone, 1 a one-byte code, 2 or 3 the
    /// length of the code it leads.
    pub need: [u8; 256],
    pub dec: HashMap<u32, Entry>,
    /// Code point to the code the encoder writes.
    pub enc: HashMap<u32, u32>,
    /// Two code points written as one code.
    pub pairs: HashMap<(u32, u32), u32>,
    /// The first code points of `pairs`.
    pub bases: HashSet<u32>,
}

struct Reader<'a> {
    d: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u32 {
        let mut v: u32 = 0;
        let mut shift = 0;
        while let Some(&b) = self.d.get(self.at) {
            self.at += 1;
            v |= u32::from(b & 0x7F) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    }
}

/// The raw records: need, entries (key, flags, values) and extras.
type Raw = ([u8; 256], Vec<(u32, u32, Entry)>, Vec<(u32, u32)>);

fn parse_all() -> Vec<Raw> {
    let mut r = Reader { d: DATA, at: 0 };
    let mut all: Vec<Raw> = Vec::with_capacity(COUNT);
    for _ in 0..COUNT {
        let base = r.varint() as usize;
        let mut need = [0u8; 256];
        let end = (r.at + 256).min(DATA.len());
        need[..end - r.at].copy_from_slice(&DATA[r.at..end]);
        r.at = end;
        let n = r.varint();
        let mut entries: Vec<(u32, u32, Entry)> = Vec::with_capacity(n as usize);
        let mut key = 0;
        for _ in 0..n {
            key += r.varint();
            let flags = r.varint();
            let e = if flags & 8 != 0 {
                Entry::Error(r.varint() as usize)
            } else if flags & 4 != 0 {
                Entry::Error(0)
            } else if flags & 2 != 0 {
                let a = r.varint();
                Entry::Chars(a, r.varint())
            } else {
                Entry::Chars(r.varint(), 0)
            };
            entries.push((key, flags, e));
        }
        let m = r.varint();
        let mut extras = Vec::with_capacity(m as usize);
        for _ in 0..m {
            let cp = r.varint();
            extras.push((cp, r.varint()));
        }
        if base > 0 {
            // A diff: the base's entries, with these replacing or removing.
            let (_, bent, bext) = &all[base - 1];
            let mut merged: HashMap<u32, (u32, Entry)> =
                bent.iter().map(|&(k, f, e)| (k, (f, e))).collect();
            for (k, f, e) in entries {
                if f & 4 != 0 {
                    merged.remove(&k);
                } else {
                    merged.insert(k, (f, e));
                }
            }
            let mut v: Vec<(u32, u32, Entry)> =
                merged.into_iter().map(|(k, (f, e))| (k, f, e)).collect();
            v.sort_unstable_by_key(|x| x.0);
            entries = v;
            extras.extend(bext.iter().copied());
        }
        all.push((need, entries, extras));
    }
    all
}

fn build(raw: &Raw) -> Table {
    let (need, entries, extras) = raw;
    let mut t = Table {
        need: *need,
        dec: HashMap::with_capacity(entries.len()),
        enc: HashMap::with_capacity(entries.len()),
        pairs: HashMap::new(),
        bases: HashSet::new(),
    };
    for &(k, f, e) in entries {
        t.dec.insert(k, e);
        if f & 1 != 0 {
            continue;
        }
        match e {
            Entry::Chars(a, 0) => {
                t.enc.insert(a, k);
            }
            Entry::Chars(a, b) => {
                t.pairs.insert((a, b), k);
                t.bases.insert(a);
            }
            Entry::Error(_) => {}
        }
    }
    for &(cp, k) in extras {
        t.enc.insert(cp, k);
    }
    t
}

/// The tables of codec `i` (one of the constants above).
pub(crate) fn get(i: usize) -> &'static Table {
    static RAW: OnceLock<Vec<Raw>> = OnceLock::new();
    static TABLES: [OnceLock<Table>; COUNT] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    TABLES[i].get_or_init(|| build(&RAW.get_or_init(parse_all)[i]))
}

/// The bytes of code `key`.
pub(crate) fn key_bytes(key: u32, out: &mut Vec<u8>) {
    if key > 0xFFFF {
        out.push((key >> 16) as u8);
    }
    if key > 0xFF {
        out.push((key >> 8) as u8);
    }
    out.push(key as u8);
}

/// The stateless codec of table `table` (johab and the JIS X 0213 codecs).
pub(crate) const fn codec(table: usize) -> Custom {
    Custom {
        table,
        decode,
        encode,
        reset: None,
        init: [0; 2],
    }
}

/// Decodes the code at the start of `data`: its first byte says how long
/// it is; an unmapped code is an error of its first byte (a few codes of
/// JIS X 0213:2004, in the :2000 codecs, of the whole code).
fn decode(c: &Custom, _state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let t = get(c.table);
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
/// the next (JIS X 0213: a kana and a semi-voiced mark, a vowel and a tone mark) waits
/// for it: at the end of the input, unless flushing, that is `TooFew`.
fn encode(c: &Custom, _state: &mut u64, cps: &[u32], flush: bool, out: &mut Vec<u8>) -> Step {
    let t = get(c.table);
    let first = cps[0];
    if t.bases.contains(&first) {
        match cps.get(1) {
            None if !flush => return Step::TooFew,
            None => {}
            Some(&second) => {
                if let Some(&key) = t.pairs.get(&(first, second)) {
                    key_bytes(key, out);
                    return Step::Done(2);
                }
            }
        }
    }
    match t.enc.get(&first) {
        Some(&key) => {
            key_bytes(key, out);
            Step::Done(1)
        }
        None => Step::Illegal(1),
    }
}
