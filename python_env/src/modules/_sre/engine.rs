//! The SRE matching machine: runs the code that CPython 3.11's
//! `re._compiler` emits (opcodes of `re/_constants.py`, MAGIC 20220615)
//! over a subject of code units, with the semantics of CPython's
//! `sre_lib.h` (`SRE(match)`, `SRE(search)`, `SRE(count)`,
//! `SRE(charset)`, `SRE(at)`).
//!
//! Positions are indices into the subject: bytes for a bytes-like subject
//! or an ASCII str (where byte and code point indices coincide), code
//! points for any other str (decoded once per call into a `[u32]`).
//!
//! Each CPython match context is one call of [`Machine::run`]; where
//! CPython pushes a child context (`DO_JUMP`) we recurse, growing the
//! native stack on the heap with `stacker` so that deep backtracking (a
//! repeat over a long subject) cannot overflow it. Code has been checked by
//! [`validate`] before it runs: every skip and jump stays inside the code
//! and points forward, so reads below use checked access only where the
//! validator cannot vouch for them and a malformed code fails, never
//! panics. Every 4096 dispatches the machine calls its `check` hook (the
//! interpreter's pending-signal check), so Ctrl-C interrupts a
//! catastrophic pattern.

use std::cell::Cell;

pub const MAGIC: i64 = 20220615;
pub const CODESIZE: i64 = 4;
pub const MAXREPEAT: u32 = u32::MAX;
pub const MAXGROUPS: i64 = (u32::MAX / 4) as i64;

// Opcodes (re/_constants.py, OPCODES).
pub const FAILURE: u32 = 0;
pub const SUCCESS: u32 = 1;
pub const ANY: u32 = 2;
pub const ANY_ALL: u32 = 3;
pub const ASSERT: u32 = 4;
pub const ASSERT_NOT: u32 = 5;
pub const AT: u32 = 6;
pub const BRANCH: u32 = 7;
pub const CATEGORY: u32 = 8;
pub const CHARSET: u32 = 9;
pub const BIGCHARSET: u32 = 10;
pub const GROUPREF: u32 = 11;
pub const GROUPREF_EXISTS: u32 = 12;
pub const IN: u32 = 13;
pub const INFO: u32 = 14;
pub const JUMP: u32 = 15;
pub const LITERAL: u32 = 16;
pub const MARK: u32 = 17;
pub const MAX_UNTIL: u32 = 18;
pub const MIN_UNTIL: u32 = 19;
pub const NOT_LITERAL: u32 = 20;
pub const NEGATE: u32 = 21;
pub const RANGE: u32 = 22;
pub const REPEAT: u32 = 23;
pub const REPEAT_ONE: u32 = 24;
pub const MIN_REPEAT_ONE: u32 = 26;
pub const ATOMIC_GROUP: u32 = 27;
pub const POSSESSIVE_REPEAT: u32 = 28;
pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
pub const GROUPREF_IGNORE: u32 = 30;
pub const IN_IGNORE: u32 = 31;
pub const LITERAL_IGNORE: u32 = 32;
pub const NOT_LITERAL_IGNORE: u32 = 33;
pub const GROUPREF_LOC_IGNORE: u32 = 34;
pub const IN_LOC_IGNORE: u32 = 35;
pub const LITERAL_LOC_IGNORE: u32 = 36;
pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
pub const GROUPREF_UNI_IGNORE: u32 = 38;
pub const IN_UNI_IGNORE: u32 = 39;
pub const LITERAL_UNI_IGNORE: u32 = 40;
pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
pub const RANGE_UNI_IGNORE: u32 = 42;

// AT codes.
const AT_BEGINNING: u32 = 0;
const AT_BEGINNING_LINE: u32 = 1;
const AT_BEGINNING_STRING: u32 = 2;
const AT_BOUNDARY: u32 = 3;
const AT_NON_BOUNDARY: u32 = 4;
const AT_END: u32 = 5;
const AT_END_LINE: u32 = 6;
const AT_END_STRING: u32 = 7;
const AT_LOC_BOUNDARY: u32 = 8;
const AT_LOC_NON_BOUNDARY: u32 = 9;
const AT_UNI_BOUNDARY: u32 = 10;
const AT_UNI_NON_BOUNDARY: u32 = 11;

// INFO flags.
const INFO_PREFIX: u32 = 1;
const INFO_LITERAL: u32 = 2;
const INFO_CHARSET: u32 = 4;

/// Why a match stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SreError {
    /// The check hook asked to stop (a Python exception is pending).
    Interrupted,
    /// An UNTIL without a repeat, or an unknown opcode: malformed code.
    State,
}

type R = Result<bool, SreError>;

/// The subject of a match: random access to its code units.
pub trait Subject: Copy {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> u32;
    /// The first position in `from..to` holding `ch`.
    fn find(&self, ch: u32, from: usize, to: usize) -> Option<usize>;
    /// The subject as bytes, when its units are bytes.
    fn as_bytes(&self) -> Option<&[u8]>;
}

impl Subject for &[u8] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        self.get(i).map_or(0, |&b| u32::from(b))
    }
    fn find(&self, ch: u32, from: usize, to: usize) -> Option<usize> {
        let b = u8::try_from(ch).ok()?;
        let hay = self.get(from..to.min(<[u8]>::len(self)))?;
        memchr::memchr(b, hay).map(|i| i + from)
    }
    #[inline(always)]
    fn as_bytes(&self) -> Option<&[u8]> {
        Some(self)
    }
}

impl Subject for &[u32] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u32]>::len(self)
    }
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        self.get(i).copied().unwrap_or(0)
    }
    fn find(&self, ch: u32, from: usize, to: usize) -> Option<usize> {
        let hay = self.get(from..to.min(<[u32]>::len(self)))?;
        hay.iter().position(|&c| c == ch).map(|i| i + from)
    }
    #[inline(always)]
    fn as_bytes(&self) -> Option<&[u8]> {
        None
    }
}

// ---------------------------------------------------------------- classes

#[inline]
fn is_digit(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_digit()
}
#[inline]
fn is_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0d | 0x20)
}
#[inline]
fn is_linebreak(ch: u32) -> bool {
    ch == 0x0a
}
#[inline]
fn is_word(ch: u32) -> bool {
    ch < 128 && ((ch as u8).is_ascii_alphanumeric() || ch == u32::from(b'_'))
}

fn c_isalnum(ch: u32) -> bool {
    // SAFETY: isalnum takes any value representable as unsigned char; ch
    // is below 256 here. It reads the thread's locale tables, valid for
    // the life of the process.
    ch < 256 && unsafe { libc::isalnum(ch as libc::c_int) } != 0
}
fn loc_is_word(ch: u32) -> bool {
    ch == u32::from(b'_') || c_isalnum(ch)
}
pub fn lower_locale(ch: u32) -> u32 {
    if ch < 256 {
        // SAFETY: as for `c_isalnum`: an unsigned-char value.
        unsafe { libc::tolower(ch as libc::c_int) as u32 }
    } else {
        ch
    }
}
fn upper_locale(ch: u32) -> u32 {
    if ch < 256 {
        // SAFETY: as for `c_isalnum`: an unsigned-char value.
        unsafe { libc::toupper(ch as libc::c_int) as u32 }
    } else {
        ch
    }
}
pub fn lower_ascii(ch: u32) -> u32 {
    if ch < 128 {
        u32::from((ch as u8).to_ascii_lowercase())
    } else {
        ch
    }
}

/// `_PyUnicode_ToLowercase`: the simple mapping, which for characters with
/// a special (multi-character) mapping is the first character of it.
pub fn lower_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return lower_ascii(ch);
    }
    first_of(crate::text::tables::LOWER_MAP, ch)
}
/// `_PyUnicode_ToUppercase` (see [`lower_unicode`]).
pub fn upper_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return u32::from((ch as u8).to_ascii_uppercase());
    }
    first_of(crate::text::tables::UPPER_MAP, ch)
}
fn first_of(table: &'static [(u32, &'static str)], ch: u32) -> u32 {
    match table.binary_search_by_key(&ch, |&(k, _)| k) {
        Ok(i) => table[i].1.chars().next().map_or(ch, |c| c as u32),
        Err(_) => ch,
    }
}
fn uni_is_word(ch: u32) -> bool {
    ch == u32::from(b'_') || crate::text::unicode::is_alnum(ch)
}

fn category(code: u32, ch: u32) -> bool {
    use crate::text::unicode as u;
    match code {
        0 => is_digit(ch),
        1 => !is_digit(ch),
        2 => is_space(ch),
        3 => !is_space(ch),
        4 => is_word(ch),
        5 => !is_word(ch),
        6 => is_linebreak(ch),
        7 => !is_linebreak(ch),
        8 => loc_is_word(ch),
        9 => !loc_is_word(ch),
        10 => u::is_decimal(ch),
        11 => !u::is_decimal(ch),
        12 => u::is_space(ch),
        13 => !u::is_space(ch),
        14 => uni_is_word(ch),
        15 => !uni_is_word(ch),
        16 => u::is_linebreak(ch),
        17 => !u::is_linebreak(ch),
        _ => false,
    }
}

/// The characters below 256 in category `code` (not the locale ones,
/// which [`set_is_pure`] keeps out of bitmaps), computed once per thread.
fn category_map(code: u32) -> Bitmap {
    thread_local! {
        static MAPS: std::cell::RefCell<[Option<Bitmap>; 18]> =
            const { std::cell::RefCell::new([None; 18]) };
    }
    let Some(i) = (code < 18).then_some(code as usize) else {
        return Bitmap::default();
    };
    MAPS.with(|m| *m.borrow_mut()[i].get_or_insert_with(|| Bitmap::of(|ch| category(code, ch))))
}

/// Is `op` a one-character test that [`Machine::char_item`] evaluates?
/// The code words of the one-character item `op` whose next word is
/// `arg` (an IN op's skip).
#[inline(always)]
fn char_op_size(op: u32, arg: u32) -> usize {
    match op {
        ANY | ANY_ALL => 1,
        IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => 1 + arg as usize,
        _ => 2,
    }
}

fn is_char_op(op: u32) -> bool {
    matches!(
        op,
        ANY | ANY_ALL
            | LITERAL
            | NOT_LITERAL
            | LITERAL_IGNORE
            | NOT_LITERAL_IGNORE
            | LITERAL_UNI_IGNORE
            | NOT_LITERAL_UNI_IGNORE
            | LITERAL_LOC_IGNORE
            | NOT_LITERAL_LOC_IGNORE
            | CATEGORY
            | IN
            | IN_IGNORE
            | IN_UNI_IGNORE
            | IN_LOC_IGNORE
    )
}

/// `SRE(charset)`: is `ch` in the set starting at `code[pc]`?
fn charset(code: &[u32], mut pc: usize, ch: u32) -> bool {
    let mut ok = true;
    let at = |i: usize| code.get(i).copied().unwrap_or(FAILURE);
    loop {
        let op = at(pc);
        pc += 1;
        match op {
            FAILURE => return !ok,
            LITERAL => {
                if ch == at(pc) {
                    return ok;
                }
                pc += 1;
            }
            CATEGORY => {
                if category(at(pc), ch) {
                    return ok;
                }
                pc += 1;
            }
            CHARSET => {
                if ch < 256 && at(pc + (ch as usize >> 5)) & (1u32 << (ch & 31)) != 0 {
                    return ok;
                }
                pc += 8;
            }
            RANGE => {
                if at(pc) <= ch && ch <= at(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            RANGE_UNI_IGNORE => {
                if at(pc) <= ch && ch <= at(pc + 1) {
                    return ok;
                }
                let u = upper_unicode(ch);
                if at(pc) <= u && u <= at(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            NEGATE => ok = !ok,
            BIGCHARSET => {
                let count = at(pc) as usize;
                pc += 1;
                if ch < 0x10000 {
                    let k = (ch >> 8) as usize;
                    let block = (at(pc + k / 4) >> (8 * (k % 4))) & 0xff;
                    let base = pc + 64;
                    let bit = block as usize * 256 + (ch as usize & 255);
                    if at(base + bit / 32) & (1u32 << (bit & 31)) != 0 {
                        return ok;
                    }
                }
                pc += 64 + count * 8;
            }
            _ => return false,
        }
    }
}

fn charset_loc_ignore(code: &[u32], pc: usize, ch: u32) -> bool {
    let lo = lower_locale(ch);
    if charset(code, pc, lo) {
        return true;
    }
    let up = upper_locale(ch);
    up != lo && charset(code, pc, up)
}

fn char_loc_ignore(pat: u32, ch: u32) -> bool {
    ch == pat || lower_locale(ch) == pat || upper_locale(ch) == pat
}

/// A set of characters below 256, one bit each.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Bitmap([u32; 8]);

impl Bitmap {
    /// Is `ch` (below 256) in the set? False for any larger `ch`.
    #[inline(always)]
    fn has(&self, ch: u32) -> bool {
        ch < 256 && self.0[(ch >> 5) as usize] & (1u32 << (ch & 31)) != 0
    }
    fn of(f: impl Fn(u32) -> bool) -> Bitmap {
        let mut m = Bitmap::default();
        for ch in 0..256u32 {
            if f(ch) {
                m.0[(ch >> 5) as usize] |= 1u32 << (ch & 31);
            }
        }
        m
    }
    /// The members below 256 of the (locale-free) charset at `code[at]`,
    /// the answers of [`charset`] for each, built from its items a word at
    /// a time instead of 256 calls: an item decides the characters it
    /// holds that no earlier item decided, with the polarity NEGATE has
    /// set so far; those none decides at FAILURE get the other one.
    fn of_set(code: &[u32], mut pc: usize) -> Bitmap {
        let at = |i: usize| code.get(i).copied().unwrap_or(FAILURE);
        let mut member = Bitmap::default();
        let mut decided = Bitmap::default();
        let mut ok = true;
        let mut decide = |member: &mut Bitmap, items: Bitmap, ok: bool| {
            for w in 0..8 {
                let new = items.0[w] & !decided.0[w];
                decided.0[w] |= new;
                if ok {
                    member.0[w] |= new;
                }
            }
        };
        loop {
            let op = at(pc);
            pc += 1;
            match op {
                FAILURE => {
                    if !ok {
                        decide(&mut member, Bitmap([u32::MAX; 8]), true);
                    }
                    return member;
                }
                LITERAL => {
                    let c = at(pc);
                    let mut m = Bitmap::default();
                    if c < 256 {
                        m.0[(c >> 5) as usize] |= 1 << (c & 31);
                    }
                    decide(&mut member, m, ok);
                    pc += 1;
                }
                CATEGORY => {
                    decide(&mut member, category_map(at(pc)), ok);
                    pc += 1;
                }
                CHARSET => {
                    let mut m = Bitmap::default();
                    for (w, word) in m.0.iter_mut().enumerate() {
                        *word = at(pc + w);
                    }
                    decide(&mut member, m, ok);
                    pc += 8;
                }
                RANGE => {
                    let (lo, hi) = (at(pc), at(pc + 1));
                    decide(&mut member, Bitmap::of(|ch| lo <= ch && ch <= hi), ok);
                    pc += 2;
                }
                RANGE_UNI_IGNORE => {
                    let (lo, hi) = (at(pc), at(pc + 1));
                    decide(
                        &mut member,
                        Bitmap::of(|ch| {
                            (lo <= ch && ch <= hi) || {
                                let u = upper_unicode(ch);
                                lo <= u && u <= hi
                            }
                        }),
                        ok,
                    );
                    pc += 2;
                }
                NEGATE => ok = !ok,
                BIGCHARSET => {
                    // Characters below 256 are block 0's.
                    let count = at(pc) as usize;
                    pc += 1;
                    let block = (at(pc) & 0xff) as usize;
                    let mut m = Bitmap::default();
                    for (w, word) in m.0.iter_mut().enumerate() {
                        *word = at(pc + 64 + block * 8 + w);
                    }
                    decide(&mut member, m, ok);
                    pc += 64 + count * 8;
                }
                // An unknown item: [`charset`] answers false for whatever
                // is still undecided.
                _ => return member,
            }
        }
    }
    fn union(self, o: Bitmap) -> Bitmap {
        let mut m = self;
        for (a, b) in m.0.iter_mut().zip(o.0) {
            *a |= b;
        }
        m
    }
    fn intersect(self, o: Bitmap) -> Bitmap {
        let mut m = self;
        for (a, b) in m.0.iter_mut().zip(o.0) {
            *a &= b;
        }
        m
    }
}

/// What a pattern's code allows to precompute, built once by
/// [`validate`] and shared by every match of the pattern.
#[derive(Default)]
pub struct Tables {
    /// For each code index where a charset starts (after an IN op's skip
    /// word, or the INFO block's charset): 1 + the index in `maps` of the
    /// set's members below 256; 0 elsewhere, and for a set whose answer
    /// depends on the locale (a CATEGORY_LOC_WORD item).
    set_at: Vec<u32>,
    maps: Vec<Bitmap>,
    /// Where a match can start, when the code says (see [`first_set`]);
    /// a search runs the machine only at such positions.
    first: Option<Start>,
    /// Literals one of which every match holds at a bounded distance from
    /// its start (see [`required_literals`]).
    required: Option<Box<[Required]>>,
}

/// A run of literal characters that every match holds, starting between
/// `lo` and `hi` characters after the match's start: a search looks for
/// it (`Subject::find` on its first character) and runs the machine only
/// at the few positions before an occurrence, instead of at every one.
/// `(^|[^\\])"\\/Date\(` or `\bword\b`, where the code begins with
/// something other than the literal, have neither an info-block prefix
/// nor a useful first-character screen.
pub struct Required {
    lo: usize,
    hi: usize,
    lit: Box<[u32]>,
    /// A substring searcher for the literal as bytes (every character
    /// below 256), for subjects whose units are bytes.
    finder: Option<memchr::memmem::Finder<'static>>,
}

impl Required {
    fn new(lo: usize, hi: usize, lit: Vec<u32>) -> Required {
        let bytes: Option<Vec<u8>> = lit.iter().map(|&c| u8::try_from(c).ok()).collect();
        Required {
            lo,
            hi,
            finder: bytes.map(|b| memchr::memmem::Finder::new(&b).into_owned()),
            lit: lit.into_boxed_slice(),
        }
    }

    /// The first occurrence of the literal in `s` starting in `from..`
    /// and ending by `end`.
    fn find<S: Subject>(&self, s: S, from: usize, end: usize) -> Option<usize> {
        let len = self.lit.len();
        if from + len > end {
            return None;
        }
        if let Some(b) = s.as_bytes() {
            // A literal with a character of 256 and up is in no bytes.
            let f = self.finder.as_ref()?;
            return f.find(b.get(from..end)?).map(|i| i + from);
        }
        let mut from = from;
        loop {
            if from + len > end {
                return None;
            }
            let q = s.find(self.lit[0], from, end - len + 1)?;
            if (1..len).all(|i| s.at(q + i) == self.lit[i]) {
                return Some(q);
            }
            from = q + 1;
        }
    }
}

/// The most branch alternatives [`required_literals`] gives a literal each.
const REQUIRED_ALTERNATIVES: usize = 8;

/// The widest spread (`hi - lo`) of a required literal's offset: each
/// occurrence makes the search try `hi - lo + 1` positions.
const REQUIRED_SPREAD: usize = 8;

/// The required literal of the code at `pc` (after the info block), if
/// one can be found cheaply: the code is walked item by item while every
/// path through it consumes a bounded number of characters (marks,
/// anchors and lookarounds none, one-character items one, a branch the
/// range of its alternatives'); the first run of at least two LITERAL ops
/// met that way (or of one, after a prefix of variable width) is the
/// literal. Anything else (a repeat, a group reference) ends the walk with
/// no literal.
///
/// Where the walk meets a branch it cannot see past, each alternative is
/// walked the same way: when every one (at most
/// [`REQUIRED_ALTERNATIVES`]) gives a literal, a match holds one of them
/// (`agggtaaa|tttaccct`, `[cgt]gggtaaa|tttaccc[acg]`).
fn required_literals(code: &[u32], pc: usize) -> Option<Box<[Required]>> {
    required_in(code, pc, code.len(), 0, 0).map(Vec::into_boxed_slice)
}

/// [`required_literals`] for the code from `pc` up to `end`, reached `lo`
/// to `hi` characters after the match's start.
fn required_in(code: &[u32], pc: usize, end: usize, lo: usize, hi: usize) -> Option<Vec<Required>> {
    let (mut lo, mut hi) = (lo, hi);
    let mut pc = pc;
    while pc < end {
        let op = *code.get(pc)?;
        if op == LITERAL {
            let mut lit = Vec::new();
            let mut q = pc;
            while q < end && code.get(q) == Some(&LITERAL) {
                lit.push(*code.get(q + 1)?);
                q += 2;
            }
            if lit.len() >= 2 || (hi > lo && !lit.is_empty()) {
                return Some(vec![Required::new(lo, hi, lit)]);
            }
        }
        let Some((next, w)) = item_width(code, pc) else {
            return if op == BRANCH {
                required_alternatives(code, pc, lo, hi)
            } else {
                None
            };
        };
        if op == BRANCH {
            // Past the branch first; else one literal per alternative.
            let (lo2, hi2) = (lo + w.0, hi + w.1);
            if hi2 - lo2 <= REQUIRED_SPREAD {
                if let Some(r) = required_in(code, next, end, lo2, hi2) {
                    return Some(r);
                }
            }
            return required_alternatives(code, pc, lo, hi);
        }
        lo += w.0;
        hi += w.1;
        if hi - lo > REQUIRED_SPREAD {
            return None;
        }
        pc = next;
    }
    None
}

/// One required literal per alternative of the BRANCH at `pc` (see
/// [`item_width`] for its layout), or None.
fn required_alternatives(code: &[u32], pc: usize, lo: usize, hi: usize) -> Option<Vec<Required>> {
    let mut out = Vec::new();
    let mut alt = pc + 1;
    loop {
        let skip = *code.get(alt)? as usize;
        if skip == 0 {
            break;
        }
        let end = alt + skip;
        if skip < 2 || *code.get(end - 2)? != JUMP {
            return None;
        }
        out.extend(required_in(code, alt + 1, end - 2, lo, hi)?);
        if out.len() > REQUIRED_ALTERNATIVES {
            return None;
        }
        alt = end;
    }
    (!out.is_empty()).then_some(out)
}

/// The item at `pc`: the index after it and the least and most
/// characters it consumes; None for an item this walk does not follow
/// (or the end of the code).
fn item_width(code: &[u32], pc: usize) -> Option<(usize, (usize, usize))> {
    let op = *code.get(pc)?;
    let arg = |i: usize| code.get(pc + i).map(|&w| w as usize);
    Some(match op {
        MARK | AT => (pc + 2, (0, 0)),
        _ if is_char_op(op) => (pc + char_op_size(op, arg(1).unwrap_or(0) as u32), (1, 1)),
        // <ASSERT> <skip> <back> pattern <SUCCESS>: consumes nothing.
        ASSERT | ASSERT_NOT => (pc + 1 + arg(1)?, (0, 0)),
        BRANCH => {
            // <BRANCH> <skip> alternative <JUMP> <skip> ... <0>; each
            // alternative ends with a JUMP past the final 0.
            let mut alt = pc + 1;
            let (mut lo, mut hi) = (usize::MAX, 0);
            loop {
                let skip = *code.get(alt)? as usize;
                if skip == 0 {
                    break;
                }
                let end = alt + skip;
                let (mut q, mut a_lo, mut a_hi) = (alt + 1, 0, 0);
                while q + 2 < end {
                    let (next, w) = item_width(code, q)?;
                    q = next;
                    a_lo += w.0;
                    a_hi += w.1;
                }
                if q + 2 != end || *code.get(q)? != JUMP {
                    return None;
                }
                lo = lo.min(a_lo);
                hi = hi.max(a_hi);
                alt = end;
            }
            if lo == usize::MAX {
                return None;
            }
            (alt + 1, (lo, hi))
        }
        _ => return None,
    })
}

/// The positions where a match can start: those holding a character of
/// `map` (or any character of 256 and up), and position 0 when `zero`.
#[derive(Clone, Copy, Default)]
pub struct Start {
    map: Bitmap,
    zero: bool,
}

impl Start {
    fn union(self, o: Start) -> Start {
        Start {
            map: self.map.union(o.map),
            zero: self.zero || o.zero,
        }
    }
    fn chars(map: Bitmap) -> Start {
        Start { map, zero: false }
    }
}

impl Tables {
    fn build(code: &[u32], sets: &[usize]) -> Tables {
        let mut t = Tables {
            set_at: vec![0; code.len()],
            maps: Vec::new(),
            first: None,
            required: None,
        };
        for &at in sets {
            if at < code.len() && t.set_at[at] == 0 && set_is_pure(code, at) {
                t.maps.push(Bitmap::of_set(code, at));
                t.set_at[at] = t.maps.len() as u32;
            }
        }
        let mut pc = 0;
        let mut info: Option<Bitmap> = None;
        if code.first() == Some(&INFO) {
            let flags = code.get(2).copied().unwrap_or(0);
            if flags & INFO_PREFIX == 0 && flags & INFO_CHARSET != 0 {
                info = t.map(5).copied();
            }
            pc = code.get(1).map_or(code.len(), |&s| s as usize + 1);
        }
        // Both screens are necessary conditions; their intersection is one
        // too where both are character sets.
        t.required = required_literals(code, pc);
        let first = first_set(code, &t, pc, 0);
        t.first = match (first, info) {
            (Some(a), Some(b)) if !a.zero => Some(Start::chars(a.map.intersect(b))),
            (Some(a), _) => Some(a),
            (None, b) => b.map(Start::chars),
        };
        t
    }

    /// The bitmap of the charset starting at `at`, if it has one.
    #[inline(always)]
    fn map(&self, at: usize) -> Option<&Bitmap> {
        match self.set_at.get(at) {
            Some(&i) if i != 0 => self.maps.get(i as usize - 1),
            _ => None,
        }
    }

    /// `SRE(charset)` through the bitmap where it answers.
    #[inline(always)]
    fn in_set(&self, code: &[u32], at: usize, ch: u32) -> bool {
        if ch < 256 {
            if let Some(m) = self.map(at) {
                return m.has(ch);
            }
        }
        charset(code, at, ch)
    }
}

/// Does the charset at `code[at]` answer without the locale?
fn set_is_pure(code: &[u32], mut pc: usize) -> bool {
    let at = |i: usize| code.get(i).copied();
    loop {
        let Some(op) = at(pc) else { return false };
        pc += 1;
        match op {
            FAILURE => return true,
            NEGATE => {}
            LITERAL => pc += 1,
            CATEGORY => {
                if matches!(at(pc), Some(8 | 9) | None) {
                    return false;
                }
                pc += 1;
            }
            CHARSET => pc += 8,
            RANGE | RANGE_UNI_IGNORE => pc += 2,
            BIGCHARSET => match at(pc) {
                Some(n) => pc += 1 + 64 + n as usize * 8,
                None => return false,
            },
            _ => return false,
        }
    }
}

/// The characters below 256 that the one-character item at `code[pc]`
/// accepts; None for an item whose answer depends on the locale.
fn item_map(code: &[u32], t: &Tables, pc: usize) -> Option<Bitmap> {
    let c = |i: usize| code.get(i).copied().unwrap_or(FAILURE);
    let arg = c(pc + 1);
    Some(match c(pc) {
        ANY => Bitmap::of(|ch| !is_linebreak(ch)),
        ANY_ALL => Bitmap::of(|_| true),
        LITERAL => Bitmap::of(|ch| ch == arg),
        NOT_LITERAL => Bitmap::of(|ch| ch != arg),
        LITERAL_IGNORE => Bitmap::of(|ch| lower_ascii(ch) == arg),
        NOT_LITERAL_IGNORE => Bitmap::of(|ch| lower_ascii(ch) != arg),
        LITERAL_UNI_IGNORE => Bitmap::of(|ch| lower_unicode(ch) == arg),
        NOT_LITERAL_UNI_IGNORE => Bitmap::of(|ch| lower_unicode(ch) != arg),
        CATEGORY if !matches!(arg, 8 | 9) => Bitmap::of(|ch| category(arg, ch)),
        IN => *t.map(pc + 2)?,
        IN_IGNORE => {
            let m = *t.map(pc + 2)?;
            Bitmap::of(|ch| m.has(lower_ascii(ch)))
        }
        IN_UNI_IGNORE => {
            t.map(pc + 2)?;
            Bitmap::of(|ch| t.in_set(code, pc + 2, lower_unicode(ch)))
        }
        _ => return None,
    })
}

/// Where a match of the code at `pc` can start, when every way through
/// it either consumes a first character chosen by one-character items or
/// starts with AT_BEGINNING (position 0 only): MARKs are looked past, a
/// BRANCH gives the union of its alternatives, a single-item repeat its
/// item's set (with the tail's added when the minimum is 0), a REPEAT
/// with a minimum of at least one its body's. Anything else (another
/// assertion, a group reference, an empty alternative, SUCCESS) gives
/// None: a match may start anywhere.
fn first_set(code: &[u32], t: &Tables, mut pc: usize, depth: u32) -> Option<Start> {
    if depth > 32 {
        return None;
    }
    let c = |i: usize| code.get(i).copied().unwrap_or(FAILURE);
    while c(pc) == MARK {
        pc += 2;
    }
    let op = c(pc);
    if is_char_op(op) {
        return item_map(code, t, pc).map(Start::chars);
    }
    match op {
        AT if matches!(c(pc + 1), AT_BEGINNING | AT_BEGINNING_STRING) => Some(Start {
            map: Bitmap::default(),
            zero: true,
        }),
        BRANCH => {
            let mut alt = pc + 1;
            let mut acc = Start::default();
            let mut n = 0;
            while c(alt) != 0 {
                acc = acc.union(first_set(code, t, alt + 1, depth + 1)?);
                alt += c(alt) as usize;
                n += 1;
            }
            (n > 0).then_some(acc)
        }
        REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
            let item = first_set(code, t, pc + 4, depth + 1)?;
            if c(pc + 2) >= 1 {
                Some(item)
            } else {
                let tail = pc + 1 + c(pc + 1) as usize;
                Some(item.union(first_set(code, t, tail, depth + 1)?))
            }
        }
        REPEAT | POSSESSIVE_REPEAT if c(pc + 2) >= 1 => first_set(code, t, pc + 4, depth + 1),
        _ => None,
    }
}

// ---------------------------------------------------------------- machine

/// A repeat context (CPython's `SRE_REPEAT`).
struct Repeat {
    count: isize,
    /// Code index of the REPEAT's skip word.
    pc: usize,
    last_ptr: usize,
    prev: Option<usize>,
}

const NONE: usize = usize::MAX;

/// The growable buffers of a [`Machine`]. Each thread keeps one set
/// between matches, so that a match on a warm thread allocates nothing
/// (most matches are short: the allocations were a third of their time).
/// A machine made while another runs on the thread (a `re` call from a
/// `sub` callback) starts with empty buffers; buffers grown past
/// [`Scratch::KEEP`] entries are freed rather than kept.
#[derive(Default)]
struct Scratch {
    marks: Vec<usize>,
    mark_stack: Vec<usize>,
    repeats: Vec<Repeat>,
}

impl Scratch {
    const KEEP: usize = 4096;

    fn take() -> Scratch {
        SCRATCH.try_with(Cell::take).unwrap_or_default()
    }

    fn give_back(mut self) {
        if self.marks.capacity() > Self::KEEP
            || self.mark_stack.capacity() > Self::KEEP
            || self.repeats.capacity() > Self::KEEP
        {
            return;
        }
        self.marks.clear();
        self.mark_stack.clear();
        self.repeats.clear();
        // During thread teardown the slot may be gone: the buffers are
        // then simply freed.
        let _ = SCRATCH.try_with(|c| c.set(self));
    }
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// One match or search over a subject (CPython's `SRE_STATE`).
pub struct Machine<'a, S: Subject> {
    pub s: S,
    code: &'a [u32],
    t: &'a Tables,
    /// Start of the current attempt (`state->start`).
    pub start: usize,
    /// `state->end`: the end position (endpos, clamped).
    pub end: usize,
    /// End of the last successful match (`state->ptr`).
    pub ptr: usize,
    pub marks: Vec<usize>,
    pub lastmark: isize,
    pub lastindex: isize,
    mark_stack: Vec<usize>,
    repeats: Vec<Repeat>,
    repeat: Option<usize>,
    pub match_all: bool,
    pub must_advance: bool,
    steps: u32,
    /// Nesting of [`Machine::jump`] calls, to check the native stack only
    /// every few levels.
    depth: u32,
}

impl<'a, S: Subject> Machine<'a, S> {
    pub fn new(s: S, code: &'a [u32], t: &'a Tables, start: usize, end: usize) -> Self {
        let Scratch {
            marks,
            mark_stack,
            repeats,
        } = Scratch::take();
        Machine {
            s,
            code,
            t,
            start,
            end,
            ptr: start,
            marks,
            lastmark: -1,
            lastindex: -1,
            mark_stack,
            repeats,
            repeat: None,
            match_all: false,
            must_advance: false,
            steps: 0,
            depth: 0,
        }
    }

    /// `state_reset`: forgets the marks of a previous attempt.
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.mark_stack.clear();
    }

    /// The span of group `g` (0 is the whole match) after a success, in
    /// subject positions, or None when it did not take part.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        if g == 0 {
            return Some((self.start, self.ptr));
        }
        let j = 2 * (g - 1);
        if (j + 1) as isize > self.lastmark {
            return None;
        }
        let a = *self.marks.get(j)?;
        let b = *self.marks.get(j + 1)?;
        if a == NONE || b == NONE {
            None
        } else {
            Some((a, b))
        }
    }

    #[inline(always)]
    fn c(&self, i: usize) -> u32 {
        self.code.get(i).copied().unwrap_or(FAILURE)
    }

    fn mark_push(&mut self) {
        let n = (self.lastmark + 1).max(0) as usize;
        let n = n.min(self.marks.len());
        self.mark_stack.extend_from_slice(&self.marks[..n]);
        self.mark_stack.push(n);
    }
    fn mark_pop_keep(&mut self) {
        let Some(&n) = self.mark_stack.last() else {
            return;
        };
        let base = self.mark_stack.len() - 1 - n;
        self.marks[..n].copy_from_slice(&self.mark_stack[base..base + n]);
    }
    fn mark_pop(&mut self) {
        self.mark_pop_keep();
        self.mark_pop_discard();
    }
    fn mark_pop_discard(&mut self) {
        if let Some(n) = self.mark_stack.pop() {
            let len = self.mark_stack.len().saturating_sub(n);
            self.mark_stack.truncate(len);
        }
    }

    fn set_mark(&mut self, i: usize, ptr: usize) {
        if i & 1 != 0 {
            self.lastindex = (i / 2 + 1) as isize;
        }
        if i >= self.marks.len() {
            self.marks.resize(i + 1, NONE);
        }
        if i as isize > self.lastmark {
            let from = (self.lastmark + 1) as usize;
            for m in &mut self.marks[from..i] {
                *m = NONE;
            }
            self.lastmark = i as isize;
        }
        self.marks[i] = ptr;
    }

    /// The span of group reference `g` (a group index) if it is set.
    fn groupref(&self, g: u32) -> Option<(usize, usize)> {
        let r = 2 * g as usize;
        if r as isize >= self.lastmark {
            return None;
        }
        let p = *self.marks.get(r)?;
        let e = *self.marks.get(r + 1)?;
        if p == NONE || e == NONE || e < p {
            None
        } else {
            Some((p, e))
        }
    }

    /// `SRE(at)`.
    fn at(&self, ptr: usize, code: u32) -> bool {
        let s = self.s;
        let end = self.end;
        let word = |f: fn(u32) -> bool| -> (bool, bool) {
            let that = ptr > 0 && f(s.at(ptr - 1));
            let this = ptr < end && f(s.at(ptr));
            (that, this)
        };
        match code {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
            AT_BEGINNING_LINE => ptr == 0 || is_linebreak(s.at(ptr - 1)),
            AT_END => ptr == end || (ptr + 1 == end && is_linebreak(s.at(ptr))),
            AT_END_LINE => ptr == end || (ptr < end && is_linebreak(s.at(ptr))),
            AT_END_STRING => ptr == end,
            AT_BOUNDARY | AT_NON_BOUNDARY | AT_LOC_BOUNDARY | AT_LOC_NON_BOUNDARY
            | AT_UNI_BOUNDARY | AT_UNI_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let f: fn(u32) -> bool = match code {
                    AT_BOUNDARY | AT_NON_BOUNDARY => is_word,
                    AT_LOC_BOUNDARY | AT_LOC_NON_BOUNDARY => loc_is_word,
                    _ => uni_is_word,
                };
                let (that, this) = word(f);
                if matches!(code, AT_BOUNDARY | AT_LOC_BOUNDARY | AT_UNI_BOUNDARY) {
                    this != that
                } else {
                    this == that
                }
            }
            _ => false,
        }
    }

    /// Does the one-character item at `pc` (an opcode) accept `ch`?
    /// None when the item is not a one-character test.
    #[inline]
    fn char_item(&self, pc: usize, ch: u32) -> Option<bool> {
        let arg = self.c(pc + 1);
        Some(match self.c(pc) {
            ANY => !is_linebreak(ch),
            ANY_ALL => true,
            LITERAL => ch == arg,
            NOT_LITERAL => ch != arg,
            LITERAL_IGNORE => lower_ascii(ch) == arg,
            NOT_LITERAL_IGNORE => lower_ascii(ch) != arg,
            LITERAL_UNI_IGNORE => lower_unicode(ch) == arg,
            NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != arg,
            LITERAL_LOC_IGNORE => char_loc_ignore(arg, ch),
            NOT_LITERAL_LOC_IGNORE => !char_loc_ignore(arg, ch),
            CATEGORY => category(arg, ch),
            IN => self.t.in_set(self.code, pc + 2, ch),
            IN_IGNORE => self.t.in_set(self.code, pc + 2, lower_ascii(ch)),
            IN_UNI_IGNORE => self.t.in_set(self.code, pc + 2, lower_unicode(ch)),
            IN_LOC_IGNORE => charset_loc_ignore(self.code, pc + 2, ch),
            _ => return None,
        })
    }

    /// `SRE(count)`: how many times the single-character item at `pc`
    /// matches from `self.ptr`, at most `maxcount`.
    fn count(
        &mut self,
        k: &mut dyn FnMut() -> bool,
        pc: usize,
        maxcount: u32,
    ) -> Result<usize, SreError> {
        let ptr = self.ptr;
        let mut end = self.end;
        if maxcount != MAXREPEAT && (maxcount as usize) < end.saturating_sub(ptr) {
            end = ptr + maxcount as usize;
        }
        let s = self.s;
        let op = self.c(pc);
        if op == ANY_ALL {
            return Ok(end.saturating_sub(ptr));
        }
        if is_char_op(op) {
            let mut p = ptr;
            let arg = self.c(pc + 1);
            // The common items get a loop of their own; the rest go
            // through `char_item`.
            match op {
                LITERAL => {
                    while p < end && s.at(p) == arg {
                        p += 1;
                    }
                }
                NOT_LITERAL => {
                    while p < end && s.at(p) != arg {
                        p += 1;
                    }
                }
                ANY => {
                    while p < end && !is_linebreak(s.at(p)) {
                        p += 1;
                    }
                }
                IN => match self.t.map(pc + 2) {
                    Some(m) => {
                        while p < end {
                            let ch = s.at(p);
                            if !(m.has(ch) || (ch >= 256 && charset(self.code, pc + 2, ch))) {
                                break;
                            }
                            p += 1;
                        }
                    }
                    None => {
                        while p < end && charset(self.code, pc + 2, s.at(p)) {
                            p += 1;
                        }
                    }
                },
                CATEGORY => {
                    while p < end && category(arg, s.at(p)) {
                        p += 1;
                    }
                }
                _ => {
                    while p < end && self.char_item(pc, s.at(p)) == Some(true) {
                        p += 1;
                    }
                }
            }
            return Ok(p - ptr);
        }
        // A general single-width item: match it repeatedly.
        while self.ptr < end {
            let at = self.ptr;
            if !self.jump(k, pc, at, false)? {
                break;
            }
            if self.ptr <= at {
                break;
            }
        }
        let n = self.ptr.saturating_sub(ptr);
        self.ptr = ptr + n;
        Ok(n)
    }

    /// A child match (CPython's `DO_JUMP`). The native stack is checked
    /// (and grown on the heap) every 8th level of nesting, and before the
    /// top-level `run` (`search`, `do_match`): a `run` frame is well under
    /// 1 KiB, so the 7 unchecked levels in between stay far inside the
    /// 128 KiB each check leaves.
    ///
    /// Every 4096 child matches (and every 4096 start positions of a
    /// search) the `check` hook runs. A context runs at most one pass
    /// over the code (skips and jumps point forward) and `count` loops
    /// bounded by the subject between child matches, so a long match is
    /// interrupted as surely as when every opcode counted.
    #[inline]
    fn jump(&mut self, k: &mut dyn FnMut() -> bool, pc: usize, ptr: usize, toplevel: bool) -> R {
        self.tick(k)?;
        self.depth = self.depth.wrapping_add(1);
        let r = if self.depth & 7 == 0 {
            stacker::maybe_grow(128 * 1024, 1024 * 1024, || self.run(k, pc, ptr, toplevel))
        } else {
            self.run(k, pc, ptr, toplevel)
        };
        self.depth = self.depth.wrapping_sub(1);
        r
    }

    /// Counts a step; every 4096th runs the interrupt hook.
    #[inline(always)]
    fn tick(&mut self, k: &mut dyn FnMut() -> bool) -> Result<(), SreError> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps & 0xfff == 0 && k() {
            return Err(SreError::Interrupted);
        }
        Ok(())
    }

    /// `SRE(match)`: matches the code at `pc` from `ptr`; on success the
    /// end of the match is in `self.ptr`.
    fn run(
        &mut self,
        k: &mut dyn FnMut() -> bool,
        mut pc: usize,
        mut ptr: usize,
        toplevel: bool,
    ) -> R {
        let s = self.s;
        let end = self.end;
        if self.c(pc) == INFO {
            let min = self.c(pc + 3) as usize;
            if min != 0 && end.wrapping_sub(ptr) < min {
                return Ok(false);
            }
            pc += self.c(pc + 1) as usize + 1;
        }
        loop {
            let op = self.c(pc);
            pc += 1;
            match op {
                MARK => {
                    let i = self.c(pc) as usize;
                    self.set_mark(i, ptr);
                    pc += 1;
                }
                LITERAL => {
                    if ptr >= end || s.at(ptr) != self.c(pc) {
                        return Ok(false);
                    }
                    pc += 1;
                    ptr += 1;
                }
                NOT_LITERAL
                | LITERAL_IGNORE
                | NOT_LITERAL_IGNORE
                | LITERAL_UNI_IGNORE
                | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE
                | NOT_LITERAL_LOC_IGNORE
                | CATEGORY => {
                    if ptr >= end || self.char_item(pc - 1, s.at(ptr)) != Some(true) {
                        return Ok(false);
                    }
                    pc += 1;
                    ptr += 1;
                }
                ANY => {
                    if ptr >= end || is_linebreak(s.at(ptr)) {
                        return Ok(false);
                    }
                    ptr += 1;
                }
                ANY_ALL => {
                    if ptr >= end {
                        return Ok(false);
                    }
                    ptr += 1;
                }
                IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                    if ptr >= end || self.char_item(pc - 1, s.at(ptr)) != Some(true) {
                        return Ok(false);
                    }
                    pc += self.c(pc) as usize;
                    ptr += 1;
                }
                AT => {
                    if !self.at(ptr, self.c(pc)) {
                        return Ok(false);
                    }
                    pc += 1;
                }
                SUCCESS => {
                    if toplevel
                        && ((self.match_all && ptr != end)
                            || (self.must_advance && ptr == self.start))
                    {
                        return Ok(false);
                    }
                    self.ptr = ptr;
                    return Ok(true);
                }
                FAILURE => return Ok(false),
                INFO | JUMP => {
                    pc += self.c(pc) as usize;
                }
                BRANCH => {
                    let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                    let has_repeat = self.repeat.is_some();
                    if has_repeat {
                        self.mark_push();
                    }
                    let mut alt = pc;
                    let mut last: Option<(usize, usize)> = None;
                    while self.c(alt) != 0 {
                        let skip = self.c(alt) as usize;
                        // The alternative's leading one-character items
                        // are tested here: they change no state, so an
                        // alternative where one fails is skipped without
                        // running it, and one where all pass runs from
                        // the first op after them.
                        let (mut q, mut p) = (alt + 1, ptr);
                        let mut skip_alt = false;
                        if self.c(q) == AT {
                            skip_alt = !self.at(ptr, self.c(q + 1));
                        } else {
                            loop {
                                let op = self.c(q);
                                if !is_char_op(op) {
                                    break;
                                }
                                let ok = p < end
                                    && if op == LITERAL {
                                        s.at(p) == self.c(q + 1)
                                    } else {
                                        self.char_item(q, s.at(p)) == Some(true)
                                    };
                                if !ok {
                                    skip_alt = true;
                                    break;
                                }
                                p += 1;
                                q += char_op_size(op, self.c(q + 1));
                            }
                            // A single-item repeat with a minimum of at
                            // least one fails here unless its item accepts
                            // the next character.
                            if !skip_alt
                                && matches!(
                                    self.c(q),
                                    REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE
                                )
                                && self.c(q + 2) >= 1
                                && is_char_op(self.c(q + 4))
                            {
                                skip_alt = p >= end || self.char_item(q + 4, s.at(p)) != Some(true);
                            }
                            // The run-entry INFO check belongs to the
                            // alternative's start only.
                            if self.c(q) == INFO {
                                (q, p) = (alt + 1, ptr);
                            }
                        }
                        if !skip_alt {
                            self.ptr = ptr;
                            // The last alternative outside a repeat runs in
                            // this context rather than a child: after its
                            // failure BRANCH would only restore lastmark
                            // and lastindex (marks are saved only inside a
                            // repeat), and every context that tries
                            // anything after a failed child restores those
                            // itself, so the state seen is the same.
                            if !has_repeat && self.c(alt + skip) == 0 && self.c(q) != INFO {
                                last = Some((q, p));
                                break;
                            }
                            if self.jump(k, q, p, toplevel)? {
                                if has_repeat {
                                    self.mark_pop_discard();
                                }
                                return Ok(true);
                            }
                            if has_repeat {
                                self.mark_pop_keep();
                            }
                            self.lastmark = lastmark;
                            self.lastindex = lastindex;
                        }
                        alt += skip;
                    }
                    if let Some((q, p)) = last {
                        pc = q;
                        ptr = p;
                        continue;
                    }
                    if has_repeat {
                        self.mark_pop_discard();
                    }
                    return Ok(false);
                }
                REPEAT_ONE => {
                    // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail
                    let min = self.c(pc + 1) as usize;
                    let max = self.c(pc + 2);
                    if ptr > end || min > end - ptr {
                        return Ok(false);
                    }
                    self.ptr = ptr;
                    let mut count = self.count(k, pc + 3, max)?;
                    ptr += count;
                    if count < min {
                        return Ok(false);
                    }
                    let tail = pc + self.c(pc) as usize;
                    if self.c(tail) == SUCCESS
                        && ptr == end
                        && !(toplevel && self.must_advance && ptr == self.start)
                    {
                        self.ptr = ptr;
                        return Ok(true);
                    }
                    let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                    let has_repeat = self.repeat.is_some();
                    if has_repeat {
                        self.mark_push();
                    }
                    if self.c(tail) == LITERAL {
                        // Tail starts with a literal: skip positions that
                        // cannot match it.
                        let chr = self.c(tail + 1);
                        loop {
                            while count >= min && (ptr >= end || s.at(ptr) != chr) {
                                if count == 0 {
                                    break;
                                }
                                ptr -= 1;
                                count -= 1;
                            }
                            if count < min || ptr >= end || s.at(ptr) != chr {
                                break;
                            }
                            self.ptr = ptr;
                            if self.jump(k, tail, ptr, toplevel)? {
                                if has_repeat {
                                    self.mark_pop_discard();
                                }
                                return Ok(true);
                            }
                            if has_repeat {
                                self.mark_pop_keep();
                            }
                            self.lastmark = lastmark;
                            self.lastindex = lastindex;
                            if count == 0 {
                                break;
                            }
                            ptr -= 1;
                            count -= 1;
                        }
                    } else {
                        loop {
                            self.ptr = ptr;
                            if self.jump(k, tail, ptr, toplevel)? {
                                if has_repeat {
                                    self.mark_pop_discard();
                                }
                                return Ok(true);
                            }
                            if has_repeat {
                                self.mark_pop_keep();
                            }
                            self.lastmark = lastmark;
                            self.lastindex = lastindex;
                            if count == 0 || count <= min {
                                break;
                            }
                            ptr -= 1;
                            count -= 1;
                        }
                    }
                    if has_repeat {
                        self.mark_pop_discard();
                    }
                    return Ok(false);
                }
                MIN_REPEAT_ONE => {
                    let min = self.c(pc + 1) as usize;
                    let max = self.c(pc + 2);
                    if ptr > end || min > end - ptr {
                        return Ok(false);
                    }
                    self.ptr = ptr;
                    let mut count = 0usize;
                    if min > 0 {
                        count = self.count(k, pc + 3, min as u32)?;
                        if count < min {
                            return Ok(false);
                        }
                        ptr += count;
                    }
                    let tail = pc + self.c(pc) as usize;
                    if self.c(tail) == SUCCESS
                        && !(toplevel
                            && ((self.match_all && ptr != end)
                                || (self.must_advance && ptr == self.start)))
                    {
                        self.ptr = ptr;
                        return Ok(true);
                    }
                    let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                    let has_repeat = self.repeat.is_some();
                    if has_repeat {
                        self.mark_push();
                    }
                    while max == MAXREPEAT || count <= max as usize {
                        self.ptr = ptr;
                        if self.jump(k, tail, ptr, toplevel)? {
                            if has_repeat {
                                self.mark_pop_discard();
                            }
                            return Ok(true);
                        }
                        if has_repeat {
                            self.mark_pop_keep();
                        }
                        self.lastmark = lastmark;
                        self.lastindex = lastindex;
                        self.ptr = ptr;
                        if self.count(k, pc + 3, 1)? == 0 {
                            break;
                        }
                        ptr += 1;
                        count += 1;
                    }
                    if has_repeat {
                        self.mark_pop_discard();
                    }
                    return Ok(false);
                }
                POSSESSIVE_REPEAT_ONE => {
                    let min = self.c(pc + 1) as usize;
                    let max = self.c(pc + 2);
                    if ptr > end || min > end - ptr {
                        return Ok(false);
                    }
                    self.ptr = ptr;
                    let count = self.count(k, pc + 3, max)?;
                    ptr += count;
                    if count < min {
                        return Ok(false);
                    }
                    pc += self.c(pc) as usize;
                }
                REPEAT => {
                    // <REPEAT> <skip> <min> <max> item <UNTIL> tail
                    let idx = self.repeats.len();
                    self.repeats.push(Repeat {
                        count: -1,
                        pc,
                        last_ptr: NONE,
                        prev: self.repeat,
                    });
                    self.repeat = Some(idx);
                    self.ptr = ptr;
                    let r = self.jump(k, pc + self.c(pc) as usize, ptr, toplevel);
                    self.repeat = self.repeats.get(idx).and_then(|r| r.prev);
                    self.repeats.truncate(idx);
                    return r;
                }
                MAX_UNTIL => {
                    let Some(ri) = self.repeat else {
                        return Err(SreError::State);
                    };
                    self.ptr = ptr;
                    let rpc = self.repeats[ri].pc;
                    let count = self.repeats[ri].count + 1;
                    let min = self.c(rpc + 1) as isize;
                    let max = self.c(rpc + 2);
                    if count < min {
                        self.repeats[ri].count = count;
                        if self.jump(k, rpc + 3, ptr, toplevel)? {
                            return Ok(true);
                        }
                        self.repeats[ri].count = count - 1;
                        self.ptr = ptr;
                        return Ok(false);
                    }
                    if (max == MAXREPEAT || count < max as isize)
                        && ptr != self.repeats[ri].last_ptr
                    {
                        self.repeats[ri].count = count;
                        let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                        self.mark_push();
                        let saved_last = self.repeats[ri].last_ptr;
                        self.repeats[ri].last_ptr = ptr;
                        let r = self.jump(k, rpc + 3, ptr, toplevel);
                        self.repeats[ri].last_ptr = saved_last;
                        if r? {
                            self.mark_pop_discard();
                            return Ok(true);
                        }
                        self.mark_pop();
                        self.lastmark = lastmark;
                        self.lastindex = lastindex;
                        self.repeats[ri].count = count - 1;
                        self.ptr = ptr;
                    }
                    // Cannot match more items here: the tail must match.
                    self.repeat = self.repeats[ri].prev;
                    let r = self.jump(k, pc, ptr, toplevel);
                    self.repeat = Some(ri);
                    if r? {
                        return Ok(true);
                    }
                    self.ptr = ptr;
                    return Ok(false);
                }
                MIN_UNTIL => {
                    let Some(ri) = self.repeat else {
                        return Err(SreError::State);
                    };
                    self.ptr = ptr;
                    let rpc = self.repeats[ri].pc;
                    let count = self.repeats[ri].count + 1;
                    let min = self.c(rpc + 1) as isize;
                    let max = self.c(rpc + 2);
                    if count < min {
                        self.repeats[ri].count = count;
                        if self.jump(k, rpc + 3, ptr, toplevel)? {
                            return Ok(true);
                        }
                        self.repeats[ri].count = count - 1;
                        self.ptr = ptr;
                        return Ok(false);
                    }
                    // See whether the tail matches.
                    self.repeat = self.repeats[ri].prev;
                    let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                    let tail_repeat = self.repeat.is_some();
                    if tail_repeat {
                        self.mark_push();
                    }
                    let r = self.jump(k, pc, ptr, toplevel);
                    self.repeat = Some(ri);
                    if r? {
                        if tail_repeat {
                            self.mark_pop_discard();
                        }
                        return Ok(true);
                    }
                    if tail_repeat {
                        self.mark_pop();
                    }
                    self.lastmark = lastmark;
                    self.lastindex = lastindex;
                    self.ptr = ptr;
                    if (max != MAXREPEAT && count >= max as isize)
                        || ptr == self.repeats[ri].last_ptr
                    {
                        return Ok(false);
                    }
                    self.repeats[ri].count = count;
                    let saved_last = self.repeats[ri].last_ptr;
                    self.repeats[ri].last_ptr = ptr;
                    let r = self.jump(k, rpc + 3, ptr, toplevel);
                    self.repeats[ri].last_ptr = saved_last;
                    if r? {
                        return Ok(true);
                    }
                    self.repeats[ri].count = count - 1;
                    self.ptr = ptr;
                    return Ok(false);
                }
                POSSESSIVE_REPEAT => {
                    // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail
                    let min = self.c(pc + 1) as usize;
                    let max = self.c(pc + 2);
                    self.ptr = ptr;
                    let mut count = 0usize;
                    while count < min {
                        if self.jump(k, pc + 3, ptr, false)? {
                            ptr = self.ptr;
                            count += 1;
                        } else {
                            self.ptr = ptr;
                            return Ok(false);
                        }
                    }
                    while max == MAXREPEAT || count < max as usize {
                        let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                        self.mark_push();
                        self.ptr = ptr;
                        if self.jump(k, pc + 3, ptr, false)? {
                            self.mark_pop_discard();
                            count += 1;
                            if self.ptr == ptr {
                                break;
                            }
                            ptr = self.ptr;
                        } else {
                            self.mark_pop();
                            self.lastmark = lastmark;
                            self.lastindex = lastindex;
                            self.ptr = ptr;
                            break;
                        }
                    }
                    pc += self.c(pc) as usize + 1;
                }
                ATOMIC_GROUP => {
                    self.ptr = ptr;
                    if !self.jump(k, pc + 1, ptr, false)? {
                        self.ptr = ptr;
                        return Ok(false);
                    }
                    ptr = self.ptr;
                    pc += self.c(pc) as usize;
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    let Some((mut p, e)) = self.groupref(self.c(pc)) else {
                        return Ok(false);
                    };
                    while p < e {
                        if ptr >= end {
                            return Ok(false);
                        }
                        let (a, b) = (s.at(ptr), s.at(p));
                        let same = match op {
                            GROUPREF => a == b,
                            GROUPREF_IGNORE => lower_ascii(a) == lower_ascii(b),
                            GROUPREF_UNI_IGNORE => lower_unicode(a) == lower_unicode(b),
                            _ => lower_locale(a) == lower_locale(b),
                        };
                        if !same {
                            return Ok(false);
                        }
                        p += 1;
                        ptr += 1;
                    }
                    pc += 1;
                }
                GROUPREF_EXISTS => {
                    // <GROUPREF_EXISTS> <group> <skip> codeyes <JUMP> codeno
                    if self.groupref(self.c(pc)).is_some() {
                        pc += 2;
                    } else {
                        pc += self.c(pc + 1) as usize;
                    }
                }
                ASSERT => {
                    // <ASSERT> <skip> <back> pattern <SUCCESS>
                    let back = self.c(pc + 1) as usize;
                    if ptr < back {
                        return Ok(false);
                    }
                    self.ptr = ptr - back;
                    if !self.jump(k, pc + 2, ptr - back, false)? {
                        return Ok(false);
                    }
                    pc += self.c(pc) as usize;
                }
                ASSERT_NOT => {
                    let back = self.c(pc + 1) as usize;
                    if ptr >= back {
                        self.ptr = ptr - back;
                        let (lastmark, lastindex) = (self.lastmark, self.lastindex);
                        let has_repeat = self.repeat.is_some();
                        if has_repeat {
                            self.mark_push();
                        }
                        if self.jump(k, pc + 2, ptr - back, false)? {
                            if has_repeat {
                                self.mark_pop_discard();
                            }
                            return Ok(false);
                        }
                        if has_repeat {
                            self.mark_pop();
                        }
                        self.lastmark = lastmark;
                        self.lastindex = lastindex;
                    }
                    pc += self.c(pc) as usize;
                }
                _ => return Err(SreError::State),
            }
        }
    }

    /// `pattern.match`/`fullmatch` from `self.start`.
    pub fn do_match(&mut self, k: &mut dyn FnMut() -> bool) -> R {
        self.ptr = self.start;
        let start = self.start;
        stacker::maybe_grow(128 * 1024, 1024 * 1024, || self.run(k, 0, start, true))
    }

    /// `SRE(search)` from `self.start`; on success the match is
    /// `self.start..self.ptr`.
    ///
    /// Positions `self.start..=end` are tried, where `end` is `self.end`
    /// less the pattern's minimum width. Before the machine runs at a
    /// position, a cheap test rules out positions where no match can
    /// start: the info block's literal prefix (found with `Subject::find`,
    /// then compared whole) or charset, else the first one-character test
    /// of the code (after any MARKs, or the item of a leading single-item
    /// repeat with a minimum of at least one).
    pub fn search(&mut self, k: &mut dyn FnMut() -> bool) -> R {
        stacker::maybe_grow(128 * 1024, 1024 * 1024, || self.search_at(k))
    }

    fn search_at(&mut self, k: &mut dyn FnMut() -> bool) -> R {
        let orig = self.start;
        let mut end = self.end;
        if orig > end {
            return Ok(false);
        }
        let mut pc = 0;
        // (length, code index of its first character, skip, whole pattern)
        let mut prefix: Option<(usize, usize, usize, bool)> = None;
        let mut set: Option<usize> = None;
        if self.c(0) == INFO {
            let flags = self.c(2);
            let min = self.c(3) as usize;
            if min != 0 && end - orig < min {
                return Ok(false);
            }
            if min > 1 {
                end -= min - 1;
                if end <= orig {
                    end = orig;
                }
            }
            pc = self.c(1) as usize + 1;
            if flags & INFO_PREFIX != 0 {
                let len = self.c(5) as usize;
                if len > 0 {
                    prefix = Some(self.prefix_plan(pc, len, flags));
                }
            } else if flags & INFO_CHARSET != 0 {
                set = Some(5);
            }
        }
        let first = if prefix.is_none() && set.is_none() {
            self.first_test(pc)
        } else {
            First::Any
        };
        let anchored =
            self.c(pc) == AT && matches!(self.c(pc + 1), AT_BEGINNING | AT_BEGINNING_STRING);
        // The bitmap of possible first characters screens characters
        // below 256 (unless a LITERAL first item is found faster by
        // `find`); a larger one goes through the set or item test.
        let lit_first = matches!(first, First::Item(fpc) if self.c(fpc) == LITERAL);
        // An anchored search tries one position: no screen is needed (one
        // would scan the whole subject for nothing).
        let fstart = if prefix.is_none() && !lit_first && !anchored {
            self.t.first
        } else {
            None
        };
        let required = if prefix.is_none() && !anchored {
            self.t.required.as_deref()
        } else {
            None
        };

        let must_advance = self.must_advance;
        let s = self.s;
        let real_end = self.end;
        // The next occurrence of each required literal (None: no more).
        let mut occurrences = [None; REQUIRED_ALTERNATIVES];
        if let Some(rq) = required {
            for (r, next) in rq.iter().zip(occurrences.iter_mut()) {
                *next = r.find(s, orig + r.lo, real_end);
            }
        }
        let mut p = orig;
        loop {
            // The next position from `p` (at most `end`) where a match
            // may start.
            let next = if let Some((len, at, _, _)) = prefix {
                let c0 = self.c(at);
                loop {
                    match s.find(c0, p, end + 1) {
                        Some(q)
                            if q + len <= real_end
                                && (1..len).all(|i| s.at(q + i) == self.c(at + i)) =>
                        {
                            break Some(q)
                        }
                        Some(q) => p = q + 1,
                        None => break None,
                    }
                    if p > end {
                        break None;
                    }
                }
            } else if let Some(rq) = required {
                // For each literal, its first occurrence at or after
                // `p + lo` (kept while still ahead of that, so a long
                // subject is scanned once per literal); a match holding it
                // starts at most `hi` before it, and at `p` at the
                // earliest. The next candidate is the least of those.
                let mut best: Option<usize> = None;
                for (r, next) in rq.iter().zip(occurrences.iter_mut()) {
                    let from = p + r.lo;
                    if next.is_some_and(|q| q < from) {
                        *next = r.find(s, from, real_end);
                    }
                    if let Some(q) = *next {
                        let c = p.max(q.saturating_sub(r.hi));
                        best = Some(best.map_or(c, |b| b.min(c)));
                    }
                }
                best.filter(|&c| c <= end)
            } else if let Some(st) = fstart {
                let m = st.map;
                while p <= end
                    && !((st.zero && p == 0)
                        || (p < real_end && {
                            let ch = s.at(p);
                            if ch < 256 {
                                m.has(ch)
                            } else {
                                self.screen_wide(set, first, ch)
                            }
                        }))
                {
                    p += 1;
                }
                (p <= end).then_some(p)
            } else if let Some(at) = set {
                while p <= end && !(p < real_end && self.t.in_set(self.code, at, s.at(p))) {
                    p += 1;
                }
                (p <= end).then_some(p)
            } else {
                match first {
                    First::Item(fpc) if self.c(fpc) == LITERAL => {
                        s.find(self.c(fpc + 1), p, (end + 1).min(real_end))
                    }
                    First::Item(fpc) => {
                        while p <= end
                            && !(p < real_end && self.char_item(fpc, s.at(p)) == Some(true))
                        {
                            p += 1;
                        }
                        (p <= end).then_some(p)
                    }
                    First::Any => Some(p),
                }
            };
            let Some(q) = next else {
                break;
            };
            p = q;
            if anchored && p != orig {
                break;
            }
            self.tick(k)?;
            self.reset();
            self.start = p;
            // An empty match is refused only at the first position.
            self.must_advance = must_advance && p == orig;
            let found = match prefix {
                Some((len, _, _, true)) => {
                    self.ptr = p + len;
                    true
                }
                Some((_, _, skip, false)) => {
                    self.ptr = p + skip;
                    self.run(k, pc + 2 * skip, p + skip, true)?
                }
                None => {
                    self.ptr = p;
                    self.run(k, pc, p, true)?
                }
            };
            if found {
                return Ok(true);
            }
            if p >= end {
                break;
            }
            p += 1;
        }
        self.must_advance = false;
        Ok(false)
    }

    /// The search screen for a character of 256 and up: the INFO
    /// charset, else the first item's test.
    #[cold]
    fn screen_wide(&self, set: Option<usize>, first: First, ch: u32) -> bool {
        match (set, first) {
            (Some(at), _) => charset(self.code, at, ch),
            (None, First::Item(fpc)) => self.char_item(fpc, ch) == Some(true),
            (None, First::Any) => true,
        }
    }

    /// How a search uses the info block's literal prefix of `len`
    /// characters (code at `pc` follows the info block): (len, code index
    /// of the prefix, how many of the code's leading LITERAL ops a found
    /// prefix lets the machine skip, whether the prefix is the whole
    /// pattern). The skip and the whole-pattern flag are taken only when
    /// the code really starts with those literals (and, for the flag,
    /// ends right after them), so malformed code cannot change a result.
    fn prefix_plan(&self, pc: usize, len: usize, flags: u32) -> (usize, usize, usize, bool) {
        let at = 7;
        let skip = self.c(6) as usize;
        let leads = |n: usize| {
            n <= len
                && (0..n).all(|i| {
                    self.c(pc + 2 * i) == LITERAL && self.c(pc + 2 * i + 1) == self.c(at + i)
                })
        };
        let skip = if leads(skip) { skip } else { 0 };
        let whole = flags & INFO_LITERAL != 0 && skip == len && self.c(pc + 2 * len) == SUCCESS;
        (len, at, skip, whole)
    }

    /// What the code at `pc` needs at the position where it starts
    /// (looking past MARKs, which cannot fail).
    fn lead(&self, mut pc: usize) -> Lead {
        while self.c(pc) == MARK {
            pc += 2;
        }
        let op = self.c(pc);
        if op == AT && matches!(self.c(pc + 1), AT_BEGINNING | AT_BEGINNING_STRING) {
            return Lead::Begin;
        }
        let item = if matches!(op, REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE)
            && self.c(pc + 2) >= 1
        {
            pc + 4
        } else {
            pc
        };
        let iop = self.c(item);
        if is_char_op(iop) && iop != ANY_ALL {
            Lead::Item(item)
        } else {
            Lead::Other
        }
    }

    /// The test a search makes before running the code at `pc` at a
    /// position: a one-character item that must accept the character
    /// there. (A BRANCH is not looked into: its alternatives' items tend
    /// to accept most characters, and the BRANCH op itself skips an
    /// alternative whose first item fails.)
    fn first_test(&self, pc: usize) -> First {
        match self.lead(pc) {
            Lead::Item(i) => First::Item(i),
            Lead::Begin | Lead::Other => First::Any,
        }
    }
}

impl<S: Subject> Drop for Machine<'_, S> {
    fn drop(&mut self) {
        Scratch {
            marks: std::mem::take(&mut self.marks),
            mark_stack: std::mem::take(&mut self.mark_stack),
            repeats: std::mem::take(&mut self.repeats),
        }
        .give_back();
    }
}

/// See [`Machine::lead`].
enum Lead {
    Item(usize),
    Begin,
    Other,
}

/// See [`Machine::first_test`].
#[derive(Clone, Copy)]
enum First {
    Item(usize),
    Any,
}

// ---------------------------------------------------------------- validation

/// Checks the structure of `code` as CPython's `_validate` does (the
/// checks that keep the machine inside the code and moving forward):
/// Err(()) for "invalid SRE code".
pub fn validate(code: &[u32], groups: usize) -> Result<Tables, ()> {
    if code.len() > u32::MAX as usize {
        return Err(());
    }
    let mut sets = Vec::new();
    inner(code, 0, code.len(), groups, &mut sets)?;
    Ok(Tables::build(code, &sets))
}

fn get(code: &[u32], i: usize, end: usize) -> Result<u32, ()> {
    if i < end {
        code.get(i).copied().ok_or(())
    } else {
        Err(())
    }
}

/// A skip at `code[i]` (relative to `i`): its target, inside `..=end`.
fn skip(code: &[u32], i: usize, end: usize) -> Result<usize, ()> {
    let s = get(code, i, end)? as usize;
    if s == 0 || i + s > end {
        return Err(());
    }
    Ok(i + s)
}

fn validate_charset(code: &[u32], mut i: usize, end: usize) -> Result<(), ()> {
    while i < end {
        let op = get(code, i, end)?;
        i += 1;
        match op {
            NEGATE => {}
            LITERAL | CATEGORY => {
                get(code, i, end)?;
                i += 1;
            }
            RANGE | RANGE_UNI_IGNORE => {
                get(code, i + 1, end)?;
                i += 2;
            }
            CHARSET => {
                if i + 8 > end {
                    return Err(());
                }
                i += 8;
            }
            BIGCHARSET => {
                let n = get(code, i, end)? as usize;
                i += 1;
                if i + 64 > end {
                    return Err(());
                }
                for k in 0..256 {
                    let b = (code[i + k / 4] >> (8 * (k % 4))) & 0xff;
                    if b as usize >= n {
                        return Err(());
                    }
                }
                let len = n.checked_mul(8).ok_or(())?.checked_add(64).ok_or(())?;
                if i + len > end {
                    return Err(());
                }
                i += len;
            }
            FAILURE => return if i == end { Ok(()) } else { Err(()) },
            _ => return Err(()),
        }
    }
    Err(())
}

/// Validates `code[i..end]`; nesting recurses (on a heap-grown stack, as
/// code from a program may nest arbitrarily deep).
fn inner(
    code: &[u32],
    i: usize,
    end: usize,
    groups: usize,
    sets: &mut Vec<usize>,
) -> Result<(), ()> {
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
        inner_at(code, i, end, groups, sets)
    })
}

/// Validates `code[i..end]`, adding the start of each charset to `sets`.
fn inner_at(
    code: &[u32],
    mut i: usize,
    end: usize,
    groups: usize,
    sets: &mut Vec<usize>,
) -> Result<(), ()> {
    while i < end {
        let op = get(code, i, end)?;
        i += 1;
        match op {
            MARK => {
                if get(code, i, end)? as usize >= 2 * groups + 2 {
                    return Err(());
                }
                i += 1;
            }
            AT
            | LITERAL
            | NOT_LITERAL
            | LITERAL_IGNORE
            | NOT_LITERAL_IGNORE
            | LITERAL_UNI_IGNORE
            | NOT_LITERAL_UNI_IGNORE
            | LITERAL_LOC_IGNORE
            | NOT_LITERAL_LOC_IGNORE
            | CATEGORY => {
                get(code, i, end)?;
                i += 1;
            }
            SUCCESS | FAILURE | ANY | ANY_ALL => {}
            IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                let t = skip(code, i, end)?;
                validate_charset(code, i + 1, t)?;
                sets.push(i + 1);
                i = t;
            }
            INFO => {
                let t = skip(code, i, end)?;
                let flags = get(code, i + 1, t)?;
                get(code, i + 3, t)?;
                if flags & INFO_PREFIX != 0 {
                    let len = get(code, i + 4, t)? as usize;
                    get(code, i + 5, t)?;
                    let need = len.checked_mul(2).ok_or(())?;
                    if i + 6 + need > t {
                        return Err(());
                    }
                } else if flags & INFO_CHARSET != 0 {
                    validate_charset(code, i + 4, t)?;
                    sets.push(i + 4);
                }
                i = t;
            }
            BRANCH => {
                let mut a = i;
                let mut target: Option<usize> = None;
                loop {
                    let s = get(code, a, end)? as usize;
                    if s == 0 {
                        break;
                    }
                    let next = skip(code, a, end)?;
                    // Each alternative ends with a JUMP to the common tail.
                    if next < a + 3 || code[next - 2] != JUMP {
                        return Err(());
                    }
                    inner(code, a + 1, next - 2, groups, sets)?;
                    let t = skip(code, next - 1, end)?;
                    match target {
                        None => target = Some(t),
                        Some(x) if x != t => return Err(()),
                        _ => {}
                    }
                    a = next;
                }
                i = a + 1;
            }
            REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
                let t = skip(code, i, end)?;
                let min = get(code, i + 1, t)?;
                let max = get(code, i + 2, t)?;
                if min > max || t < i + 4 || code[t - 1] != SUCCESS {
                    return Err(());
                }
                inner(code, i + 3, t - 1, groups, sets)?;
                i = t;
            }
            REPEAT | POSSESSIVE_REPEAT => {
                let t = skip(code, i, end)?;
                let min = get(code, i + 1, t)?;
                let max = get(code, i + 2, t)?;
                if min > max {
                    return Err(());
                }
                inner(code, i + 3, t, groups, sets)?;
                let u = get(code, t, end)?;
                let ok = if op == REPEAT {
                    u == MAX_UNTIL || u == MIN_UNTIL
                } else {
                    u == SUCCESS
                };
                if !ok {
                    return Err(());
                }
                i = t + 1;
            }
            MAX_UNTIL | MIN_UNTIL => {}
            GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                if get(code, i, end)? as usize >= groups {
                    return Err(());
                }
                i += 1;
            }
            GROUPREF_EXISTS => {
                // <GROUPREF_EXISTS> <group> <skip> codeyes [<JUMP> <skip> codeno]
                // (the skip counts from the group word).
                if get(code, i, end)? as usize >= groups {
                    return Err(());
                }
                let s = get(code, i + 1, end)? as usize;
                let t = i + s;
                if s < 2 || t > end {
                    return Err(());
                }
                let mut with_no = || -> Result<usize, ()> {
                    if t < i + 4 || code[t - 2] != JUMP {
                        return Err(());
                    }
                    let t2 = skip(code, t - 1, end)?;
                    inner(code, i + 2, t - 2, groups, sets)?;
                    inner(code, t, t2, groups, sets)?;
                    Ok(t2)
                };
                i = match with_no() {
                    Ok(t2) => t2,
                    Err(()) => {
                        inner(code, i + 2, t, groups, sets)?;
                        t
                    }
                };
            }
            ASSERT | ASSERT_NOT => {
                let t = skip(code, i, end)?;
                get(code, i + 1, t)?;
                if t < i + 3 || code[t - 1] != SUCCESS {
                    return Err(());
                }
                inner(code, i + 2, t - 1, groups, sets)?;
                i = t;
            }
            ATOMIC_GROUP => {
                let t = skip(code, i, end)?;
                if t < i + 2 || code[t - 1] != SUCCESS {
                    return Err(());
                }
                inner(code, i + 1, t - 1, groups, sets)?;
                i = t;
            }
            JUMP => {
                let t = skip(code, i, end)?;
                i = t;
            }
            _ => return Err(()),
        }
    }
    if i == end {
        Ok(())
    } else {
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets built word by word answer as the 256 calls of `charset` do,
    /// on every item kind, NEGATE anywhere, and truncated code.
    #[test]
    fn bitmap_of_set_agrees_with_charset() {
        let mut chars = [0u32; 8];
        chars[1] = 0x0000_ff00;
        chars[3] = 0x8000_0001;
        let mut big = vec![BIGCHARSET, 2];
        let mut blocks = [0u32; 64];
        blocks[0] = 1; // characters below 256 use block 1
        big.extend_from_slice(&blocks);
        big.extend_from_slice(&[0; 8]);
        big.extend_from_slice(&[0x00f0_00f0, 0, 0, 7, 0, 0, 0, 0x8000_0000]);
        let sets: Vec<Vec<u32>> = vec![
            vec![LITERAL, 97, LITERAL, 300, FAILURE],
            vec![NEGATE, LITERAL, 97, RANGE, 48, 57, FAILURE],
            vec![RANGE, 200, 400, CATEGORY, 0, FAILURE],
            vec![CATEGORY, 4, NEGATE, CATEGORY, 2, FAILURE],
            vec![CATEGORY, 15, CATEGORY, 12, CATEGORY, 17, FAILURE],
            vec![RANGE_UNI_IGNORE, 65, 90, FAILURE],
            vec![NEGATE, RANGE_UNI_IGNORE, 0x390, 0x3a9, CATEGORY, 3, FAILURE],
            [
                vec![CHARSET],
                chars.to_vec(),
                vec![NEGATE, LITERAL, 5, FAILURE],
            ]
            .concat(),
            [big.clone(), vec![FAILURE]].concat(),
            [vec![NEGATE], big, vec![FAILURE]].concat(),
            vec![LITERAL, 1, 99, LITERAL, 2, FAILURE],
            vec![NEGATE, LITERAL, 3],
        ];
        for code in &sets {
            let slow = Bitmap::of(|ch| charset(code, 0, ch));
            assert!(Bitmap::of_set(code, 0) == slow, "set {code:?}");
        }
    }
}
