//! The `_sre` module: CPython 3.11's regular expression engine in Rust.
//! `re` (CPython's pure-Python package, unmodified) parses and compiles a
//! pattern into SRE code; `_sre.compile` wraps that code in a `re.Pattern`
//! whose methods run it with [`engine::Machine`] and build `re.Match`
//! objects, as `Modules/_sre/sre.c` does.
//!
//! Objects: a Pattern, Match or SRE_Scanner is a native `K_INSTANCE`
//! object of a static class without instance dict (slot 0, the dict slot of
//! that layout, stays empty). Value slots hold the Python objects
//! (traced by the collector, stored through the write barrier at creation
//! only: these objects are never mutated afterwards); the payload holds
//! plain Rust data (code words, spans). Patterns and Matches are
//! immutable, so any number of threads use them at once without locks. A
//! scanner's position is mutable: it lives under a mutex, and a scanner
//! used by two threads at once raises ValueError as CPython 3.13 does
//! rather than matching from a position another thread is moving.
//!
//! Subjects: a bytes object or an ASCII str is matched in place (byte and
//! position indices coincide); a bytearray or memoryview is copied; any
//! other str is decoded once per call into code points. Match objects keep
//! the byte offsets of their spans, so taking a group never decodes again.

mod engine;

use self::engine::{Machine, SreError, Subject};
use crate::types::clinic;
use ::engine::runtime::*;
use proto_core::layouts::str as lstr;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicBool, Mutex, Ordering};
use proto_core::{Kind, Obj, Value};

const SRE_FLAG_UNICODE: i64 = 32;
const SRE_FLAG_LOCALE: i64 = 4;
const SRE_FLAG_ASCII: i64 = 256;

/// `sys.maxsize`, the default `endpos`.
const MAXSIZE: i64 = i64::MAX;

// ------------------------------------------------------------------ payloads

/// Payload of a `re.Pattern`; values: [dict slot, pattern, groupindex,
/// indexgroup].
struct PatternData {
    code: Vec<u32>,
    /// What the code lets the matcher precompute (charset bitmaps).
    tables: engine::Tables,
    /// Number of capturing groups.
    groups: usize,
    flags: i64,
    /// Some(true) for a bytes pattern, Some(false) for str, None when the
    /// pattern source is None (compiled from a parsed pattern).
    isbytes: Option<bool>,
}
impl Trace for PatternData {}

const P_PATTERN: usize = 1;
const P_GROUPINDEX: usize = 2;
const P_INDEXGROUP: usize = 3;
/// The Match and SRE_Scanner classes this pattern makes (the module's
/// state, copied at compile time: no process-wide static holds a heap
/// value, as several interpreters may run in one process).
const P_MATCHCLS: usize = 4;
const P_SCANCLS: usize = 5;
const P_NVALUES: usize = 6;

/// Value slots of the module object after its dict and name: the three
/// classes (`compile` is bound to the module and reads them).
const MOD_PATTERN: usize = 2;
const MOD_MATCH: usize = 3;
const MOD_SCANNER: usize = 4;

/// Payload of a `re.Match`; values: [dict slot, string, pattern].
struct MatchData {
    /// Span of each group (0 is the match) in positions; -1 unmatched.
    spans: Vec<(i64, i64)>,
    /// The same spans as byte offsets into the subject's storage.
    bspans: Vec<(usize, usize)>,
    pos: i64,
    endpos: i64,
    lastindex: i64,
}
impl Trace for MatchData {}

const M_STRING: usize = 1;
const M_PATTERN: usize = 2;

/// The moving part of a scanner.
struct ScanState {
    /// Where the next match starts; None once a search failed.
    start: Option<usize>,
    must_advance: bool,
    /// The byte-offset cursor of [`Offsets`] (position, byte), kept so
    /// that successive matches map positions in amortised O(1).
    cursor: (usize, usize),
}

/// Payload of an `SRE_Scanner`; values: [dict slot, pattern, string].
/// The subject is prepared once (a non-ASCII str decoded once for all
/// the scanner's matches); its borrowed bytes stay valid because the
/// string is held in a value slot of the scanner.
struct ScannerData {
    subj: Subj,
    st: Mutex<ScanState>,
    busy: AtomicBool,
    pos: usize,
    endpos: usize,
}
impl Trace for ScannerData {}

const S_PATTERN: usize = 1;
const S_STRING: usize = 2;

// ------------------------------------------------------------------ subjects

/// The code units a match runs over.
enum Units {
    /// Bytes matched in place (bytes, or an ASCII str).
    Borrowed(&'static [u8]),
    /// A copy of a bytearray's or memoryview's bytes.
    Owned(Vec<u8>),
    /// The code points of a non-ASCII str.
    Wide(Vec<u32>),
    /// The code points of a non-ASCII str, decoded where a match reads.
    Lazy(LazyWide),
}

/// A subject prepared for matching.
struct Subj {
    units: Units,
    /// The str's WTF-8 storage (for slicing results); empty for bytes.
    raw: &'static [u8],
    /// The str itself when it is not ASCII: its character index maps
    /// positions to byte offsets.
    wide_str: Option<Obj>,
    isbytes: bool,
}

/// The code points of a non-ASCII str, decoded on demand in a window that
/// grows by doubling around the positions a match reads, so that
/// `pattern.match(s, pos)` on a long str costs what the match reads, not
/// the str's length (a tokenizer matching at each position of its input
/// would otherwise be quadratic).
struct LazyWide {
    o: Obj,
    raw: &'static [u8],
    n: usize,
    win: std::cell::UnsafeCell<Window>,
}

/// Positions `lo..lo + buf.len()` decoded, which start at byte `lo_byte`
/// and end at byte `hi_byte`.
struct Window {
    lo: usize,
    lo_byte: usize,
    hi_byte: usize,
    buf: Vec<u32>,
}

// SAFETY: a LazyWide is made only for the subject of one call (`subject`
// with `lazy`), which lives on that call's Rust stack and is used by its
// thread alone; scanners, whose subject other threads may reach, decode
// eagerly (`Units::Wide`). So the window is never touched by two threads.
unsafe impl Sync for LazyWide {}

impl LazyWide {
    fn new(o: Obj, raw: &'static [u8], at: usize) -> LazyWide {
        let n = lstr::char_len(o);
        let at = at.min(n);
        let b = lstr::char_to_byte(o, at);
        LazyWide {
            o,
            raw,
            n,
            win: std::cell::UnsafeCell::new(Window {
                lo: at,
                lo_byte: b,
                hi_byte: b,
                buf: Vec::new(),
            }),
        }
    }

    /// The window, to read.
    #[inline(always)]
    fn window(&self) -> &Window {
        // SAFETY: one thread uses this subject (see the Sync impl), and no
        // reference from `window_mut` outlives the call that took it.
        unsafe { &*self.win.get() }
    }

    /// Grows the window to cover positions `from..to` (within the str).
    #[cold]
    #[inline(never)]
    fn cover(&self, from: usize, to: usize) {
        let to = to.min(self.n);
        let from = from.min(to);
        // SAFETY: as `window`; no reference to the window is live here.
        let w = unsafe { &mut *self.win.get() };
        let hi = w.lo + w.buf.len();
        let grow = w.buf.len().max(256);
        if to > hi {
            let new_hi = to.max(hi + grow).min(self.n);
            let mut b = w.hi_byte;
            for _ in hi..new_hi {
                let (cp, len) = lstr::decode_at(self.raw, b);
                w.buf.push(cp);
                b += len;
            }
            w.hi_byte = b;
        }
        if from < w.lo {
            let new_lo = from.min(w.lo.saturating_sub(grow));
            let start = lstr::char_to_byte(self.o, new_lo);
            let mut head = Vec::with_capacity(w.lo - new_lo + w.buf.len());
            let mut b = start;
            for _ in new_lo..w.lo {
                let (cp, len) = lstr::decode_at(self.raw, b);
                head.push(cp);
                b += len;
            }
            head.extend_from_slice(&w.buf);
            w.buf = head;
            w.lo = new_lo;
            w.lo_byte = start;
        }
    }
}

impl engine::Subject for &LazyWide {
    #[inline(always)]
    fn len(&self) -> usize {
        self.n
    }
    #[inline(always)]
    fn as_bytes(&self) -> Option<&[u8]> {
        None
    }
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        let w = self.window();
        match w.buf.get(i.wrapping_sub(w.lo)) {
            Some(&c) => c,
            None if i < self.n => {
                self.cover(i, i + 1);
                let w = self.window();
                w.buf[i - w.lo]
            }
            None => 0,
        }
    }
    fn find(&self, ch: u32, from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.n);
        // Decoded in growing chunks, so that a hit near `from` costs what
        // it reads, not the rest of the str.
        let mut lo = from;
        let mut chunk = 256;
        while lo < to {
            let hi = to.min(lo.saturating_add(chunk));
            self.cover(lo, hi);
            let w = self.window();
            let hay = &w.buf[lo - w.lo..hi - w.lo];
            if let Some(i) = hay.iter().position(|&c| c == ch) {
                return Some(lo + i);
            }
            lo = hi;
            chunk = chunk.saturating_mul(2);
        }
        None
    }
}

impl Subj {
    fn len(&self) -> usize {
        match &self.units {
            Units::Borrowed(b) => b.len(),
            Units::Owned(b) => b.len(),
            Units::Wide(w) => w.len(),
            Units::Lazy(l) => l.n,
        }
    }
    fn bytes(&self) -> &[u8] {
        match &self.units {
            Units::Borrowed(b) => b,
            Units::Owned(b) => b,
            Units::Wide(_) | Units::Lazy(_) => self.raw,
        }
    }
}

/// Runs `$body` with `$s` bound to the subject's units as a [`Subject`].
macro_rules! with_units {
    ($subj:expr, |$s:ident| $body:expr) => {
        match &$subj.units {
            Units::Borrowed(b) => {
                let $s: &[u8] = b;
                $body
            }
            Units::Owned(b) => {
                let $s: &[u8] = &b[..];
                $body
            }
            Units::Wide(w) => {
                let $s: &[u32] = &w[..];
                $body
            }
            Units::Lazy(l) => {
                let $s: &LazyWide = l;
                $body
            }
        }
    };
}

/// Maps positions of a non-ASCII str to byte offsets, moving a cursor
/// from the last position asked (results are asked in rising order).
struct Offsets<'a> {
    raw: &'a [u8],
    wide: bool,
    wide_str: Option<Obj>,
    cp: usize,
    byte: usize,
}

impl<'a> Offsets<'a> {
    fn new(subj: &'a Subj) -> Offsets<'a> {
        Offsets {
            raw: subj.bytes(),
            wide: matches!(subj.units, Units::Wide(_) | Units::Lazy(_)),
            wide_str: subj.wide_str,
            cp: 0,
            byte: 0,
        }
    }
    fn byte_of(&mut self, pos: usize) -> usize {
        if !self.wide {
            return pos.min(self.raw.len());
        }
        // A far position is found through the str's character index.
        if pos.abs_diff(self.cp) > 64 {
            if let Some(o) = self.wide_str {
                self.cp = pos.min(lstr::char_len(o));
                self.byte = lstr::char_to_byte(o, self.cp);
                return self.byte.min(self.raw.len());
            }
        }
        if pos < self.cp / 2 {
            self.cp = 0;
            self.byte = 0;
        }
        while self.cp < pos && self.byte < self.raw.len() {
            self.byte += utf8_len(self.raw[self.byte]);
            self.cp += 1;
        }
        while self.cp > pos && self.byte > 0 {
            self.byte -= 1;
            while self.byte > 0 && self.raw[self.byte] & 0xC0 == 0x80 {
                self.byte -= 1;
            }
            self.cp -= 1;
        }
        self.byte.min(self.raw.len())
    }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// `getstring` + the pattern/subject type check of `state_init`.
/// With `lazy`, a non-ASCII str is decoded where matches from `at` read
/// (the subject of one call); else all at once (a scanner's).
fn subject(vm: &mut Vm, p: &PatternData, v: Value, lazy: bool, at: i64) -> PyResult<Subj> {
    let o = Obj::from_value(v);
    let subj = match o.map(|o| o.kind()) {
        Some(Kind::STR) => {
            let o = o.expect("heap");
            let raw = lstr::bytes(o);
            let ascii = lstr::is_ascii(o);
            let units = if ascii {
                Units::Borrowed(raw)
            } else if lazy {
                Units::Lazy(LazyWide::new(o, raw, at.max(0) as usize))
            } else {
                Units::Wide(crate::text::decode_wtf8(raw))
            };
            Subj {
                units,
                raw,
                wide_str: (!ascii).then_some(o),
                isbytes: false,
            }
        }
        Some(Kind::BYTES) => Subj {
            units: Units::Borrowed(str_bytes(v)),
            raw: &[],
            wide_str: None,
            isbytes: true,
        },
        Some(K_BYTEARRAY) | Some(K_MEMORYVIEW) => {
            if o.is_some_and(|o| o.kind() == K_MEMORYVIEW) {
                crate::types::memoryview::check_released(vm, v)?;
            }
            match crate::types::bytes::buf(v) {
                Some(b) => Subj {
                    units: Units::Owned(b),
                    raw: &[],
                    wide_str: None,
                    isbytes: true,
                },
                None => return Err(expected_string(vm, v)),
            }
        }
        // Other exporters of a buffer (array, mmap).
        _ => match crate::types::bytes::buf(v) {
            Some(b) => Subj {
                units: Units::Owned(b),
                raw: &[],
                wide_str: None,
                isbytes: true,
            },
            None => return Err(expected_string(vm, v)),
        },
    };
    match p.isbytes {
        Some(false) if subj.isbytes => {
            Err(vm.type_error("cannot use a string pattern on a bytes-like object"))
        }
        Some(true) if !subj.isbytes => {
            Err(vm.type_error("cannot use a bytes pattern on a string-like object"))
        }
        _ => Ok(subj),
    }
}

fn expected_string(vm: &mut Vm, v: Value) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!("expected string or bytes-like object, got '{tn}'"))
}

/// A slice of the subject as a new str or bytes (CPython's `getslice`).
fn slice_value(vm: &mut Vm, subj_bytes: &[u8], isbytes: bool, a: usize, b: usize) -> Value {
    let b = b.min(subj_bytes.len());
    let a = a.min(b);
    if isbytes {
        vm.new_bytes(&subj_bytes[a..b])
    } else {
        vm.new_str_bytes(&subj_bytes[a..b])
    }
}

// ------------------------------------------------------------------ helpers

fn pattern_data(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static PatternData> {
    match Obj::from_value(v).and_then(native_ref::<PatternData>) {
        Some(p) => Ok(p),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 're.Pattern' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn match_data(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static MatchData> {
    match Obj::from_value(v).and_then(native_ref::<MatchData>) {
        Some(m) => Ok(m),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 're.Match' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn slot(v: Value, i: usize) -> Value {
    Obj::from_value(v).map_or(Value::NONE, |o| o.get(i))
}

/// A `Py_ssize_t` argument (`__index__`, OverflowError when too big).
fn ssize_arg(vm: &mut Vm, v: Option<Value>, default: i64) -> PyResult<i64> {
    let Some(v) = v else {
        return Ok(default);
    };
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(n) => Ok(n),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// `state_init`'s clamping of pos/endpos to the subject.
fn bounds(len: usize, pos: i64, endpos: i64) -> (usize, usize) {
    let clamp = |x: i64| -> usize {
        if x < 0 {
            0
        } else {
            (x as u64).min(len as u64) as usize
        }
    };
    (clamp(pos), clamp(endpos))
}

/// Turns an engine error into the exception CPython raises.
fn sre_error(vm: &mut Vm, e: SreError, pending: &mut Option<PyException>) -> PyException {
    match e {
        SreError::Interrupted => pending.take().unwrap_or_else(|| {
            vm.new_exc(
                vm.g.e.RuntimeError,
                "internal error in regular expression engine",
            )
        }),
        SreError::State => vm.new_exc(
            vm.g.e.RuntimeError,
            "internal error in regular expression engine",
        ),
    }
}

/// The result of one successful search or match: spans of every group.
struct Found {
    spans: Vec<Option<(usize, usize)>>,
    lastindex: isize,
}

fn found<S: Subject>(m: &Machine<'_, S>, groups: usize) -> Found {
    let mut f = Found {
        spans: Vec::with_capacity(groups + 1),
        lastindex: -1,
    };
    f.fill(m, groups);
    f
}

impl Found {
    /// Takes the spans of a successful `m` (reusing the buffer).
    fn fill<S: Subject>(&mut self, m: &Machine<'_, S>, groups: usize) {
        self.spans.clear();
        self.spans.extend((0..=groups).map(|g| m.group_span(g)));
        self.lastindex = m.lastindex;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum How {
    Match,
    FullMatch,
    Search,
}

/// Runs one match/search of `p` over `s` from `start` (positions up to
/// `end`), with the interpreter's signal check as the interrupt hook.
#[allow(clippy::too_many_arguments)]
fn run_once<S: Subject>(
    vm: &mut Vm,
    p: &PatternData,
    s: S,
    start: usize,
    end: usize,
    how: How,
    must_advance: bool,
) -> PyResult<Option<Found>> {
    let mut m = Machine::new(s, &p.code, &p.tables, start, end);
    m.must_advance = must_advance;
    m.match_all = how == How::FullMatch;
    Ok(run_machine(vm, &mut m, how)?.then(|| found(&m, p.groups)))
}

/// Runs `m` (its start and flags set) as `how` says, with the
/// interpreter's signal check as the interrupt hook: whether it matched.
fn run_machine<S: Subject>(vm: &mut Vm, m: &mut Machine<'_, S>, how: How) -> PyResult<bool> {
    let mut pending: Option<PyException> = None;
    let r = {
        let mut check = || match vm.check_signals() {
            Ok(()) => false,
            Err(e) => {
                pending = Some(e);
                true
            }
        };
        if how == How::Search {
            m.search(&mut check)
        } else {
            m.do_match(&mut check)
        }
    };
    r.map_err(|e| sre_error(vm, e, &mut pending))
}

/// A new `re.Match` for a successful `f` over `string`.
#[allow(clippy::too_many_arguments)]
fn new_match(
    vm: &mut Vm,
    pattern: Value,
    string: Value,
    subj: &Subj,
    offs: &mut Offsets<'_>,
    f: &Found,
    pos: usize,
    endpos: usize,
) -> Value {
    let mut spans = Vec::with_capacity(f.spans.len());
    let mut bspans = Vec::with_capacity(f.spans.len());
    // Only a non-ASCII str needs positions mapped to byte offsets; they
    // are asked in rising order to keep the cursor moving forward.
    let wide = !subj.isbytes && offs.wide;
    let mut order: Vec<(usize, usize, bool)> = Vec::new();
    if wide {
        order.reserve(2 * f.spans.len());
    }
    for (g, sp) in f.spans.iter().enumerate() {
        match sp {
            Some((a, b)) => {
                spans.push((*a as i64, *b as i64));
                if wide {
                    order.push((*a, g, false));
                    order.push((*b, g, true));
                }
            }
            None => spans.push((-1, -1)),
        }
        bspans.push((0usize, 0usize));
    }
    if wide {
        order.sort_unstable();
        for (pos, g, is_end) in order {
            let b = offs.byte_of(pos);
            if is_end {
                bspans[g].1 = b;
            } else {
                bspans[g].0 = b;
            }
        }
    } else {
        for (g, sp) in f.spans.iter().enumerate() {
            if let Some((a, b)) = sp {
                bspans[g] = (*a, *b);
            }
        }
    }
    let data = MatchData {
        spans,
        bspans,
        pos: pos as i64,
        endpos: endpos as i64,
        lastindex: f.lastindex as i64,
    };
    let cls = slot(pattern, P_MATCHCLS);
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, 3, data);
    let o = Obj::from_value(v).expect("heap");
    o.init(M_STRING, string);
    o.init(M_PATTERN, pattern);
    v
}

// ------------------------------------------------------------------ _sre functions

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn sre_compile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let module = a[0];
    let a = &a[1..];
    let [pattern, flags, code, groups, groupindex, indexgroup] = clinic::unpack(
        vm,
        "compile",
        a,
        k,
        [
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        0,
        6,
        6,
    )?;
    let (pattern, flags, code, groups, groupindex, indexgroup) = (
        pattern.unwrap_or(Value::NONE),
        flags.unwrap_or(Value::NONE),
        code.unwrap_or(Value::NONE),
        groups.unwrap_or(Value::NONE),
        groupindex.unwrap_or(Value::NONE),
        indexgroup.unwrap_or(Value::NONE),
    );
    let flags_i = {
        let i = vm.index(flags)?;
        match vm.as_i64(i) {
            Some(n) => n,
            None => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C int",
                ))
            }
        }
    };
    if !vm.isinstance(code, vm.g.types.list) {
        let tn = vm.type_name_of(code);
        return Err(vm.type_error(&format!("compile() argument 'code' must be list, not {tn}")));
    }
    let n = Obj::from_value(code).map_or(0, list_len);
    let mut words: Vec<u32> = Vec::new();
    if words.try_reserve(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    for i in 0..n {
        let item = list_item(code, i);
        // PyLong_AsUnsignedLong: ints only (no __index__); any overflow,
        // negative values included, is reported as the code limit.
        if !vm.isinstance(item, vm.g.types.int) {
            return Err(vm.type_error("an integer is required"));
        }
        match vm.as_i64(item).and_then(|x| u32::try_from(x).ok()) {
            Some(w) => words.push(w),
            None => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "regular expression code size limit exceeded",
                ))
            }
        }
    }
    let groups_i = ssize_arg(vm, Some(groups), 0)?;
    if !(0..=engine::MAXGROUPS).contains(&groups_i) {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "invalid SRE code"));
    }
    if !vm.isinstance(groupindex, vm.g.types.dict) {
        let tn = vm.type_name_of(groupindex);
        return Err(vm.type_error(&format!(
            "compile() argument 'groupindex' must be dict, not {tn}"
        )));
    }
    if !vm.isinstance(indexgroup, vm.g.types.tuple) {
        let tn = vm.type_name_of(indexgroup);
        return Err(vm.type_error(&format!(
            "compile() argument 'indexgroup' must be tuple, not {tn}"
        )));
    }
    let Ok(tables) = engine::validate(&words, groups_i as usize) else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "invalid SRE code"));
    };
    let isbytes = if pattern.is_none() {
        None
    } else if is_str(pattern) {
        Some(false)
    } else {
        let ok = Obj::from_value(pattern)
            .is_some_and(|o| matches!(o.kind(), Kind::BYTES | K_BYTEARRAY | K_MEMORYVIEW));
        if !ok {
            return Err(expected_string(vm, pattern));
        }
        Some(true)
    };
    // The mapping is copied, as CPython does, so later changes to the
    // caller's dict do not show.
    let gi = vm.new_dict();
    let mark = vm.push_root(gi);
    for (key, val) in vm.dict_items(groupindex) {
        vm.dict_set(gi, key, val)?;
    }
    let data = PatternData {
        code: words,
        tables,
        groups: groups_i as usize,
        flags: flags_i,
        isbytes,
    };
    let cls = slot(module, MOD_PATTERN);
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, P_NVALUES, data);
    let o = Obj::from_value(v).expect("heap");
    o.init(P_PATTERN, pattern);
    o.init(P_GROUPINDEX, gi);
    o.init(P_INDEXGROUP, indexgroup);
    o.init(P_MATCHCLS, slot(module, MOD_MATCH));
    o.init(P_SCANCLS, slot(module, MOD_SCANNER));
    vm.pop_roots(mark);
    Ok(v)
}

fn list_len(o: Obj) -> usize {
    proto_core::layouts::list::len(o)
}
fn list_item(l: Value, i: usize) -> Value {
    Obj::from_value(l)
        .and_then(|o| proto_core::layouts::list::get(o, i))
        .unwrap_or(Value::NONE)
}

/// The `int` argument of the case helpers (Argument Clinic's `int`
/// converter: `__index__`, then a C int).
fn int_arg(vm: &mut Vm, a: &[Value]) -> PyResult<i64> {
    let i = vm.index(a[0])?;
    match vm.as_i64(i) {
        Some(n) if (i64::from(i32::MIN)..=i64::from(i32::MAX)).contains(&n) => Ok(n),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C int",
        )),
    }
}

fn sre_getcodesize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getcodesize", a, k, 0, 0)?;
    Ok(Value::int(engine::CODESIZE))
}

fn sre_ascii_iscased(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "ascii_iscased", a, k, 1, 1)?;
    let ch = int_arg(vm, a)?;
    Ok(Value::bool(
        (0..128).contains(&ch) && (ch as u8).is_ascii_alphabetic(),
    ))
}

fn sre_unicode_iscased(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "unicode_iscased", a, k, 1, 1)?;
    let ch = int_arg(vm, a)? as u32;
    Ok(Value::bool(
        ch != engine::lower_unicode(ch) || ch != engine::upper_unicode(ch),
    ))
}

fn sre_ascii_tolower(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "ascii_tolower", a, k, 1, 1)?;
    let ch = int_arg(vm, a)?;
    Ok(Value::int(i64::from(engine::lower_ascii(ch as u32) as i32)))
}

fn sre_unicode_tolower(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "unicode_tolower", a, k, 1, 1)?;
    let ch = int_arg(vm, a)?;
    Ok(Value::int(i64::from(
        engine::lower_unicode(ch as u32) as i32
    )))
}

// ------------------------------------------------------------------ Pattern

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let name = a
        .first()
        .and_then(|&c| Obj::from_value(c))
        .filter(|o| o.kind() == K_TYPE)
        .map(|o| str_of(o.get(T_NAME)).into_owned())
        .unwrap_or_default();
    let full = match name.as_str() {
        "Pattern" | "Match" => format!("re.{name}"),
        n => format!("_sre.{n}"),
    };
    Err(vm.type_error(&format!("cannot create '{full}' instances")))
}

/// `match`/`fullmatch`/`search(string, pos=0, endpos=sys.maxsize)`.
fn p_matchlike(vm: &mut Vm, a: &[Value], k: Value, name: &str, how: How) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], name)?;
    let [string, pos, endpos] =
        clinic::unpack(vm, name, &a[1..], k, ["string", "pos", "endpos"], 0, 1, 3)?;
    let string = string.unwrap_or(Value::NONE);
    let pos = ssize_arg(vm, pos, 0)?;
    let endpos = ssize_arg(vm, endpos, MAXSIZE)?;
    let subj = subject(vm, p, string, true, pos)?;
    let (start, end) = bounds(subj.len(), pos, endpos);
    let r = with_units!(subj, |s| run_once(vm, p, s, start, end, how, false))?;
    match r {
        Some(f) => {
            let mut offs = Offsets::new(&subj);
            Ok(new_match(
                vm, a[0], string, &subj, &mut offs, &f, start, end,
            ))
        }
        None => Ok(Value::NONE),
    }
}

fn p_match(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    p_matchlike(vm, a, k, "match", How::Match)
}
fn p_fullmatch(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    p_matchlike(vm, a, k, "fullmatch", How::FullMatch)
}
fn p_search(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    p_matchlike(vm, a, k, "search", How::Search)
}

/// The value of group `g` of `f` ('' for an unmatched group when
/// `empty`, else None).
fn group_value(
    vm: &mut Vm,
    subj: &Subj,
    offs: &mut Offsets<'_>,
    f: &Found,
    g: usize,
    empty: bool,
) -> Value {
    match f.spans.get(g).copied().flatten() {
        Some((a, b)) => {
            let (ba, bb) = (offs.byte_of(a), offs.byte_of(b));
            slice_value(vm, subj.bytes(), subj.isbytes, ba, bb)
        }
        None if empty => slice_value(vm, subj.bytes(), subj.isbytes, 0, 0),
        None => Value::NONE,
    }
}

/// Repeated searches over a subject (findall, sub, split): calls `each`
/// with every match until it returns false or `limit` matches were seen.
fn each_match<S: Subject>(
    vm: &mut Vm,
    p: &PatternData,
    s: S,
    start: usize,
    end: usize,
    limit: usize,
    each: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<()>,
) -> PyResult<()> {
    // One machine and one result buffer serve every search.
    let mut m = Machine::new(s, &p.code, &p.tables, start, end);
    let mut f = Found {
        spans: Vec::with_capacity(p.groups + 1),
        lastindex: -1,
    };
    let mut pos = start;
    let mut must_advance = false;
    let mut n = 0usize;
    while pos <= end && (limit == 0 || n < limit) {
        m.start = pos;
        m.must_advance = must_advance;
        m.reset();
        if !run_machine(vm, &mut m, How::Search)? {
            break;
        }
        f.fill(&m, p.groups);
        each(vm, &f)?;
        n += 1;
        let (b, e) = f.spans[0].unwrap_or((pos, pos));
        must_advance = e == b;
        pos = e;
    }
    Ok(())
}

/// `findall(string, pos=0, endpos=sys.maxsize)`.
fn p_findall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "findall")?;
    let [string, pos, endpos] = clinic::unpack(
        vm,
        "findall",
        &a[1..],
        k,
        ["string", "pos", "endpos"],
        0,
        1,
        3,
    )?;
    let string = string.unwrap_or(Value::NONE);
    let pos = ssize_arg(vm, pos, 0)?;
    let endpos = ssize_arg(vm, endpos, MAXSIZE)?;
    let subj = subject(vm, p, string, true, pos)?;
    let (start, end) = bounds(subj.len(), pos, endpos);
    let list = vm.new_list(&[]);
    let mark = vm.push_root(list);
    let mut offs = Offsets::new(&subj);
    let r = with_units!(subj, |s| each_match(
        vm,
        p,
        s,
        start,
        end,
        0,
        &mut |vm, f| {
            let item = match p.groups {
                0 => group_value(vm, &subj, &mut offs, f, 0, true),
                1 => group_value(vm, &subj, &mut offs, f, 1, true),
                n => {
                    let mut items = Vec::with_capacity(n);
                    for g in 1..=n {
                        let v = group_value(vm, &subj, &mut offs, f, g, true);
                        items.push(v);
                    }
                    vm.new_tuple(&items)
                }
            };
            vm.list_append(list, item);
            Ok(())
        }
    ));
    vm.pop_roots(mark);
    r.map(|()| list)
}

/// `split(string, maxsplit=0)`.
fn p_split(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "split")?;
    let [string, maxsplit] =
        clinic::unpack(vm, "split", &a[1..], k, ["string", "maxsplit"], 0, 1, 2)?;
    let string = string.unwrap_or(Value::NONE);
    let maxsplit = ssize_arg(vm, maxsplit, 0)?;
    let subj = subject(vm, p, string, true, 0)?;
    let list = vm.new_list(&[]);
    let mark = vm.push_root(list);
    let mut offs = Offsets::new(&subj);
    let len = subj.len();
    let mut last = 0usize;
    // A negative maxsplit splits nothing (CPython's loop condition
    // `n < maxsplit` never holds); 0 means no limit.
    let (first, limit) = if maxsplit < 0 {
        (len + 1, 0)
    } else {
        (0, maxsplit as usize)
    };
    let r = with_units!(subj, |s| each_match(
        vm,
        p,
        s,
        first,
        len,
        limit,
        &mut |vm, f| {
            let (b, e) = f.spans[0].unwrap_or((last, last));
            let (lb, bb) = (offs.byte_of(last), offs.byte_of(b));
            let item = slice_value(vm, subj.bytes(), subj.isbytes, lb, bb);
            vm.list_append(list, item);
            for g in 1..=p.groups {
                let v = group_value(vm, &subj, &mut offs, f, g, false);
                vm.list_append(list, v);
            }
            last = e;
            Ok(())
        }
    ));
    if let Err(e) = r {
        vm.pop_roots(mark);
        return Err(e);
    }
    let lb = offs.byte_of(last);
    let eb = offs.byte_of(len);
    let item = slice_value(vm, subj.bytes(), subj.isbytes, lb, eb);
    vm.list_append(list, item);
    vm.pop_roots(mark);
    Ok(list)
}

/// `sub`/`subn(repl, string, count=0)`.
fn p_subx(vm: &mut Vm, a: &[Value], k: Value, name: &str, subn: bool) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], name)?;
    let [repl, string, count] =
        clinic::unpack(vm, name, &a[1..], k, ["repl", "string", "count"], 0, 2, 3)?;
    let repl = repl.unwrap_or(Value::NONE);
    let string = string.unwrap_or(Value::NONE);
    let count = ssize_arg(vm, count, 0)?;
    let mark = vm.push_root(repl);
    let r = subx(vm, a[0], p, repl, string, count, subn);
    vm.pop_roots(mark);
    r
}

fn subx(
    vm: &mut Vm,
    pattern: Value,
    p: &PatternData,
    repl: Value,
    string: Value,
    count: i64,
    subn: bool,
) -> PyResult<Value> {
    // The replacement: a callable, a literal, or a template that
    // re._subx turns into one of those.
    let mut filter = repl;
    let mut callable = vm.is_callable(repl);
    if !callable {
        // `getstring`'s kinds: str, bytes and the other bytes-like objects.
        let literal = match Obj::from_value(repl).map(|o| o.kind()) {
            Some(Kind::STR) | Some(Kind::BYTES) => !str_bytes(repl).contains(&b'\\'),
            Some(K_BYTEARRAY) | Some(K_MEMORYVIEW) => {
                crate::types::bytes::buf(repl).is_some_and(|b| !b.contains(&b'\\'))
            }
            _ => false,
        };
        if !literal {
            let re = vm.import_module("re")?;
            let n = vm.intern("_subx");
            let f = vm.getattr(re, n)?;
            filter = vm.call(f, &[pattern, repl], Value::EMPTY)?;
            callable = vm.is_callable(filter);
        }
    }
    let subj = subject(vm, p, string, true, 0)?;
    let mark = vm.push_root(filter);
    // The result is built in place: the pieces CPython puts in a list and
    // joins (the text between matches and each replacement) are appended
    // to `out` as they come. `pieces` counts them, for the message of a
    // replacement of the wrong type, which (as from CPython's join) is
    // raised once every match has been replaced.
    let literal: Option<Vec<u8>> = if callable {
        None
    } else {
        let mut b = Vec::new();
        append_piece(&mut b, filter, subj.isbytes).then_some(b)
    };
    // The subject's size: exact when each replacement is as long as what
    // it replaces, and no reallocation while the result grows to it.
    let mut out: Vec<u8> = Vec::with_capacity(subj.bytes().len());
    let mut pieces = 0usize;
    let mut bad: Option<(usize, Value)> = None;
    let mut offs = Offsets::new(&subj);
    let len = subj.len();
    let mut last = 0usize;
    let mut n = 0i64;
    let limit = if count <= 0 { 0 } else { count as usize };
    let r = if count < 0 {
        Ok(())
    } else {
        with_units!(subj, |s| each_match(
            vm,
            p,
            s,
            0,
            len,
            limit,
            &mut |vm, f| {
                let (b, e) = f.spans[0].unwrap_or((last, last));
                if last < b {
                    out.extend_from_slice(subject_span(&subj, &mut offs, last, b));
                    pieces += 1;
                }
                if callable {
                    let m = new_match(vm, pattern, string, &subj, &mut offs, f, 0, len);
                    let mk = vm.push_root(m);
                    let item = vm.call(filter, &[m], Value::EMPTY);
                    vm.pop_roots(mk);
                    let item = item?;
                    if !item.is_none() {
                        if !append_piece(&mut out, item, subj.isbytes) && bad.is_none() {
                            vm.push_root(item);
                            bad = Some((pieces, item));
                        }
                        pieces += 1;
                    }
                } else {
                    match &literal {
                        Some(b) => out.extend_from_slice(b),
                        None => {
                            if bad.is_none() {
                                bad = Some((pieces, filter));
                            }
                        }
                    }
                    pieces += 1;
                }
                last = e;
                n += 1;
                Ok(())
            }
        ))
    };
    if let Err(e) = r {
        vm.pop_roots(mark);
        return Err(e);
    }
    if let Some((i, item)) = bad {
        vm.pop_roots(mark);
        let tn = vm.type_name_of(item);
        return Err(vm.type_error(&if subj.isbytes {
            format!("sequence item {i}: expected a bytes-like object, {tn} found")
        } else {
            format!("sequence item {i}: expected str instance, {tn} found")
        }));
    }
    vm.pop_roots(mark);
    // No replacement made: the subject itself when it is an exact str or
    // bytes (CPython's slice of the whole and one-item join return it).
    let exact = Obj::from_value(string).is_some_and(|o| {
        (o.kind() == Kind::STR && o.class() == vm.g.types.str_)
            || (o.kind() == Kind::BYTES && o.class() == vm.g.types.bytes)
    });
    let joined = if n == 0 && exact {
        string
    } else {
        if last < len {
            out.extend_from_slice(subject_span(&subj, &mut offs, last, len));
        }
        if subj.isbytes {
            vm.new_bytes(&out)
        } else {
            vm.new_str_bytes(&out)
        }
    };
    if subn {
        let mark = vm.push_root(joined);
        let nv = vm.new_int(n);
        let t = vm.new_tuple(&[joined, nv]);
        vm.pop_roots(mark);
        Ok(t)
    } else {
        Ok(joined)
    }
}

/// The subject's storage bytes between character positions `a` and `b`
/// (clamped to its end): the unchanged text `sub` copies around matches.
fn subject_span<'s>(subj: &'s Subj, offs: &mut Offsets, a: usize, b: usize) -> &'s [u8] {
    let (lb, eb) = (offs.byte_of(a), offs.byte_of(b));
    let src = subj.bytes();
    &src[lb.min(src.len())..eb.min(src.len())]
}

/// Appends a replacement piece to a `sub` result: a str's (WTF-8)
/// storage for a str subject; a bytes-like object's bytes for a bytes
/// subject. False, appending nothing, for anything else (the join's
/// TypeError).
fn append_piece(out: &mut Vec<u8>, item: Value, isbytes: bool) -> bool {
    if isbytes {
        if Obj::from_value(item).is_some_and(|o| o.kind() == Kind::BYTES) {
            out.extend_from_slice(str_bytes(item));
            return true;
        }
        match crate::types::bytes::buf(item) {
            Some(b) => {
                out.extend_from_slice(&b);
                true
            }
            None => false,
        }
    } else if is_str(item) {
        out.extend_from_slice(str_bytes(item));
        true
    } else {
        false
    }
}

fn p_sub(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    p_subx(vm, a, k, "sub", false)
}
fn p_subn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    p_subx(vm, a, k, "subn", true)
}

/// `scanner(string, pos=0, endpos=sys.maxsize)`.
fn p_scanner(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "scanner")?;
    let [string, pos, endpos] = clinic::unpack(
        vm,
        "scanner",
        &a[1..],
        k,
        ["string", "pos", "endpos"],
        0,
        1,
        3,
    )?;
    let string = string.unwrap_or(Value::NONE);
    let pos = ssize_arg(vm, pos, 0)?;
    let endpos = ssize_arg(vm, endpos, MAXSIZE)?;
    let subj = subject(vm, p, string, false, pos)?;
    let (start, end) = bounds(subj.len(), pos, endpos);
    new_scanner(vm, a[0], string, subj, start, end)
}

fn new_scanner(
    vm: &mut Vm,
    pattern: Value,
    string: Value,
    subj: Subj,
    pos: usize,
    endpos: usize,
) -> PyResult<Value> {
    let cls = slot(pattern, P_SCANCLS);
    let data = ScannerData {
        subj,
        st: Mutex::new(ScanState {
            start: Some(pos),
            must_advance: false,
            cursor: (0, 0),
        }),
        busy: AtomicBool::new(false),
        pos,
        endpos,
    };
    let v = vm.ctx.alloc_native_with_values(K_INSTANCE, cls, 3, data);
    let o = Obj::from_value(v).expect("heap");
    o.init(S_PATTERN, pattern);
    o.init(S_STRING, string);
    Ok(v)
}

/// `finditer(string, pos=0, endpos=sys.maxsize)`: `iter(scanner.search, None)`.
fn p_finditer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "finditer")?;
    let [string, pos, endpos] = clinic::unpack(
        vm,
        "finditer",
        &a[1..],
        k,
        ["string", "pos", "endpos"],
        0,
        1,
        3,
    )?;
    let string = string.unwrap_or(Value::NONE);
    let pos = ssize_arg(vm, pos, 0)?;
    let endpos = ssize_arg(vm, endpos, MAXSIZE)?;
    let subj = subject(vm, p, string, false, pos)?;
    let (start, end) = bounds(subj.len(), pos, endpos);
    let sc = new_scanner(vm, a[0], string, subj, start, end)?;
    let mark = vm.push_root(sc);
    let r = (|| {
        let n = vm.intern("search");
        let search = vm.getattr(sc, n)?;
        vm.push_root(search);
        let b = vm.import_module("builtins")?;
        let n = vm.intern("iter");
        let it = vm.getattr(b, n)?;
        vm.call(it, &[search, Value::NONE], Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

fn p_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pattern_data(vm, a[0], "__copy__")?;
    Ok(a[0])
}
fn p_deepcopy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pattern_data(vm, a[0], "__deepcopy__")?;
    Ok(a[0])
}

fn p_eq_impl(vm: &mut Vm, a: &[Value], ne: bool) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], if ne { "__ne__" } else { "__eq__" })?;
    let Some(q) = Obj::from_value(a[1]).and_then(native_ref::<PatternData>) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut same = a[0] == a[1]
        || (p.flags == q.flags && p.isbytes == q.isbytes && p.code == q.code && {
            let (x, y) = (slot(a[0], P_PATTERN), slot(a[1], P_PATTERN));
            vm.eq(x, y)?
        });
    if ne {
        same = !same;
    }
    Ok(Value::bool(same))
}
fn p_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    p_eq_impl(vm, a, false)
}
fn p_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    p_eq_impl(vm, a, true)
}

fn p_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "__hash__")?;
    let mut h = vm.hash(slot(a[0], P_PATTERN))?;
    // FNV-1a over the code words: equal codes hash equally.
    let mut c: u64 = 0xcbf29ce484222325;
    for w in &p.code {
        for b in w.to_le_bytes() {
            c ^= u64::from(b);
            c = c.wrapping_mul(0x100000001b3);
        }
    }
    h ^= (c >> 2) as i64;
    if h == -1 {
        h = -2;
    }
    Ok(vm.new_int(h))
}

const FLAG_NAMES: &[(&str, i64)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

/// `%.200R`/`%.50R`: the repr cut to `n` characters.
fn repr_cut(vm: &mut Vm, v: Value, n: usize) -> PyResult<String> {
    let r = vm.repr(v)?;
    let s = str_of(r);
    Ok(s.chars().take(n).collect())
}

fn p_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "__repr__")?;
    let pat = slot(a[0], P_PATTERN);
    let pr = repr_cut(vm, pat, 200)?;
    let mut flags = p.flags;
    if p.isbytes == Some(false)
        && flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII) == SRE_FLAG_UNICODE
    {
        flags &= !SRE_FLAG_UNICODE;
    }
    let mut names: Vec<String> = Vec::new();
    for &(n, f) in FLAG_NAMES {
        if flags & f != 0 {
            names.push(n.to_string());
            flags &= !f;
        }
    }
    if flags != 0 {
        names.push(format!("{:#x}", flags));
    }
    let s = if names.is_empty() {
        format!("re.compile({pr})")
    } else {
        format!("re.compile({pr}, {})", names.join("|"))
    };
    Ok(vm.new_str(&s))
}

fn p_get_pattern(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pattern_data(vm, a[0], "pattern")?;
    Ok(slot(a[0], P_PATTERN))
}
fn p_get_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "flags")?;
    Ok(vm.new_int(p.flags))
}
fn p_get_groups(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = pattern_data(vm, a[0], "groups")?;
    Ok(vm.new_int(p.groups as i64))
}
fn p_get_groupindex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pattern_data(vm, a[0], "groupindex")?;
    let gi = slot(a[0], P_GROUPINDEX);
    if vm.dict_items(gi).is_empty() {
        return Ok(vm.new_dict());
    }
    Ok(crate::types::mappingproxy::new_proxy(vm, gi))
}

// ------------------------------------------------------------------ Match

/// The subject bytes of a match's string (re-read for bytes-like objects).
fn match_subject(v: Value) -> (Vec<u8>, &'static [u8], bool) {
    let s = slot(v, M_STRING);
    match Obj::from_value(s).map(|o| o.kind()) {
        Some(Kind::STR) => (Vec::new(), str_bytes(s), false),
        Some(Kind::BYTES) => (Vec::new(), str_bytes(s), true),
        _ => (crate::types::bytes::buf(s).unwrap_or_default(), &[], true),
    }
}

/// `match_getindex`: a group number from an int or a group name.
fn group_index(vm: &mut Vm, mv: Value, m: &MatchData, g: Value) -> PyResult<usize> {
    let i: i64 = if vm.is_int_like(g) {
        let i = vm.index(g)?;
        vm.as_i64(i).unwrap_or(i64::MAX)
    } else {
        let pat = slot(mv, M_PATTERN);
        let gi = slot(pat, P_GROUPINDEX);
        match vm.dict_get(gi, g)? {
            Some(v) if vm.is_int_like(v) => {
                let i = vm.index(v)?;
                vm.as_i64(i).unwrap_or(-1)
            }
            _ => -1,
        }
    };
    if i < 0 || i as u64 >= m.spans.len() as u64 {
        return Err(vm.new_exc(vm.g.e.IndexError, "no such group"));
    }
    Ok(i as usize)
}

fn match_group_value(vm: &mut Vm, mv: Value, m: &MatchData, g: usize, default: Value) -> Value {
    if m.spans[g].0 < 0 {
        return default;
    }
    let (owned, borrowed, isbytes) = match_subject(mv);
    let bytes: &[u8] = if owned.is_empty() { borrowed } else { &owned };
    let (a, b) = m.bspans[g];
    slice_value(vm, bytes, isbytes, a, b)
}

fn m_group(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "group")?;
    crate::args::check(vm, "group", &a[1..], k, 0, usize::MAX)?;
    match a.len() {
        1 => Ok(match_group_value(vm, a[0], m, 0, Value::NONE)),
        2 => {
            let g = group_index(vm, a[0], m, a[1])?;
            Ok(match_group_value(vm, a[0], m, g, Value::NONE))
        }
        _ => {
            let mut items = Vec::with_capacity(a.len() - 1);
            for &x in &a[1..] {
                let g = group_index(vm, a[0], m, x)?;
                items.push(match_group_value(vm, a[0], m, g, Value::NONE));
            }
            Ok(vm.new_tuple(&items))
        }
    }
}

fn m_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "__getitem__")?;
    let g = group_index(vm, a[0], m, a[1])?;
    Ok(match_group_value(vm, a[0], m, g, Value::NONE))
}

fn m_groups(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "groups")?;
    let [default] = clinic::unpack(vm, "groups", &a[1..], k, ["default"], 0, 0, 1)?;
    let default = default.unwrap_or(Value::NONE);
    let mut items = Vec::with_capacity(m.spans.len());
    for g in 1..m.spans.len() {
        items.push(match_group_value(vm, a[0], m, g, default));
    }
    Ok(vm.new_tuple(&items))
}

fn m_groupdict(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "groupdict")?;
    let [default] = clinic::unpack(vm, "groupdict", &a[1..], k, ["default"], 0, 0, 1)?;
    let default = default.unwrap_or(Value::NONE);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let gi = slot(slot(a[0], M_PATTERN), P_GROUPINDEX);
    for (key, _) in vm.dict_items(gi) {
        let r = group_index(vm, a[0], m, key)
            .map(|g| match_group_value(vm, a[0], m, g, default))
            .and_then(|v| vm.dict_set(d, key, v));
        if let Err(e) = r {
            vm.pop_roots(mark);
            return Err(e);
        }
    }
    vm.pop_roots(mark);
    Ok(d)
}

fn span_arg(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
) -> PyResult<(&'static MatchData, usize)> {
    let m = match_data(vm, a[0], name)?;
    crate::args::check(vm, name, &a[1..], k, 0, 1)?;
    let g = match a.get(1) {
        Some(&x) => group_index(vm, a[0], m, x)?,
        None => 0,
    };
    Ok((m, g))
}

fn m_start(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (m, g) = span_arg(vm, a, k, "start")?;
    Ok(vm.new_int(m.spans[g].0))
}
fn m_end(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (m, g) = span_arg(vm, a, k, "end")?;
    Ok(vm.new_int(m.spans[g].1))
}
fn m_span(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (m, g) = span_arg(vm, a, k, "span")?;
    let (x, y) = (vm.new_int(m.spans[g].0), vm.new_int(m.spans[g].1));
    Ok(vm.new_tuple(&[x, y]))
}

fn m_expand(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match_data(vm, a[0], "expand")?;
    let [template] = clinic::unpack(vm, "expand", &a[1..], k, ["template"], 0, 1, 1)?;
    let template = template.unwrap_or(Value::NONE);
    let re = vm.import_module("re")?;
    let n = vm.intern("_expand");
    let f = vm.getattr(re, n)?;
    let pat = slot(a[0], M_PATTERN);
    vm.call(f, &[pat, a[0], template], Value::EMPTY)
}

fn m_regs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "regs")?;
    let mut items = Vec::with_capacity(m.spans.len());
    for &(x, y) in &m.spans {
        let (x, y) = (vm.new_int(x), vm.new_int(y));
        items.push(vm.new_tuple(&[x, y]));
    }
    Ok(vm.new_tuple(&items))
}

fn m_lastindex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "lastindex")?;
    Ok(if m.lastindex >= 0 {
        vm.new_int(m.lastindex)
    } else {
        Value::NONE
    })
}
fn m_lastgroup(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "lastgroup")?;
    let ig = slot(slot(a[0], M_PATTERN), P_INDEXGROUP);
    let Some(t) = Obj::from_value(ig).filter(|o| o.kind() == Kind::TUPLE) else {
        return Ok(Value::NONE);
    };
    if m.lastindex >= 0 && (m.lastindex as usize) < t.n_values() {
        return Ok(t.get(m.lastindex as usize));
    }
    Ok(Value::NONE)
}
fn m_pos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "pos")?;
    Ok(vm.new_int(m.pos))
}
fn m_endpos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "endpos")?;
    Ok(vm.new_int(m.endpos))
}
fn m_re(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match_data(vm, a[0], "re")?;
    Ok(slot(a[0], M_PATTERN))
}
fn m_string(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match_data(vm, a[0], "string")?;
    Ok(slot(a[0], M_STRING))
}
fn m_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match_data(vm, a[0], "__copy__")?;
    Ok(a[0])
}
fn m_deepcopy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match_data(vm, a[0], "__deepcopy__")?;
    Ok(a[0])
}

fn m_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = match_data(vm, a[0], "__repr__")?;
    let g0 = match_group_value(vm, a[0], m, 0, Value::NONE);
    let mark = vm.push_root(g0);
    let r = repr_cut(vm, g0, 50);
    vm.pop_roots(mark);
    let r = r?;
    let s = format!(
        "<re.Match object; span=({}, {}), match={r}>",
        m.spans[0].0, m.spans[0].1
    );
    Ok(vm.new_str(&s))
}

// ------------------------------------------------------------------ Scanner

fn scan(vm: &mut Vm, a: &[Value], k: Value, name: &str, how: How) -> PyResult<Value> {
    crate::args::check(vm, name, &a[1..], k, 0, 0)?;
    let Some(sd) = Obj::from_value(a[0]).and_then(native_ref::<ScannerData>) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "descriptor '{name}' for '_sre.SRE_Scanner' objects doesn't apply to a '{tn}' object"
        )));
    };
    if sd.busy.swap(true, Ordering::Acquire) {
        return Err(vm.value_error("regular expression scanner already executing"));
    }
    let r = scan_step(vm, a[0], sd, how);
    sd.busy.store(false, Ordering::Release);
    r
}

fn scan_step(vm: &mut Vm, sv: Value, sd: &ScannerData, how: How) -> PyResult<Value> {
    let (start, must_advance, cursor) = {
        let g = sync::lock(&sd.st);
        (g.start, g.must_advance, g.cursor)
    };
    let Some(start) = start else {
        return Ok(Value::NONE);
    };
    let pattern = slot(sv, S_PATTERN);
    let string = slot(sv, S_STRING);
    let p = pattern_data(vm, pattern, "scanner")?;
    let subj = &sd.subj;
    let end = sd.endpos.min(subj.len());
    let r = with_units!(subj, |s| run_once(vm, p, s, start, end, how, must_advance))?;
    match r {
        Some(f) => {
            let (b, e) = f.spans[0].unwrap_or((start, start));
            let mut offs = Offsets::new(subj);
            (offs.cp, offs.byte) = cursor;
            let m = new_match(vm, pattern, string, subj, &mut offs, &f, sd.pos, sd.endpos);
            let mut g = sync::lock(&sd.st);
            g.must_advance = e == b;
            g.start = Some(e);
            g.cursor = (offs.cp, offs.byte);
            Ok(m)
        }
        None => {
            sync::lock(&sd.st).start = None;
            Ok(Value::NONE)
        }
    }
}

fn s_match(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    scan(vm, a, k, "match", How::Match)
}
fn s_search(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    scan(vm, a, k, "search", How::Search)
}
fn s_pattern(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if Obj::from_value(a[0])
        .and_then(native_ref::<ScannerData>)
        .is_none()
    {
        return Err(
            vm.type_error("descriptor 'pattern' for '_sre.SRE_Scanner' objects doesn't apply")
        );
    }
    Ok(slot(a[0], S_PATTERN))
}

// ------------------------------------------------------------------ module

fn new_class(vm: &mut Vm, name: &str, module: &str, qualname: &str) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let m = vm.new_str(module);
    vm.ctx.promote(m);
    vm.add_attr(t, "__module__", m);
    let q = vm.new_str(qualname);
    vm.ctx.promote(q);
    vm.add_attr(t, "__qualname__", q);
    vm.add_static(t, "__new__", no_new, false);
    t
}

fn getsets(vm: &mut Vm, t: Value, list: &[(&'static str, NativeFn)]) {
    for &(n, f) in list {
        let d = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, d);
    }
}

/// The module object, with the state slots (see [`MOD_PATTERN`]).
fn new_sre_module(vm: &mut Vm) -> Value {
    let d = vm.new_dict();
    let m = vm.alloc_obj(K_MODULE, vm.g.types.module, MOD_SCANNER + 1, 0);
    m.init(0, d);
    let n = vm.new_str("_sre");
    m.init(1, n);
    for i in MOD_PATTERN..=MOD_SCANNER {
        m.init(i, Value::NONE);
    }
    let m = m.value();
    vm.set_module_attr(m, "__name__", n);
    vm.set_module_attr(m, "__doc__", Value::NONE);
    for k in ["__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    m
}

/// Creates the `_sre` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_sre_module(vm);
    let mark = vm.push_root(m);
    vm.set_module_attr(m, "MAGIC", Value::int(engine::MAGIC));
    vm.set_module_attr(m, "CODESIZE", Value::int(engine::CODESIZE));
    vm.set_module_attr(m, "MAXREPEAT", Value::int(i64::from(engine::MAXREPEAT)));
    vm.set_module_attr(m, "MAXGROUPS", Value::int(engine::MAXGROUPS));
    let c = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    vm.set_module_attr(m, "copyright", c);
    vm.add_module_functions(
        m,
        &[
            ("getcodesize", sre_getcodesize),
            ("ascii_iscased", sre_ascii_iscased),
            ("unicode_iscased", sre_unicode_iscased),
            ("ascii_tolower", sre_ascii_tolower),
            ("unicode_tolower", sre_unicode_tolower),
        ],
    );

    let pt = new_class(vm, "Pattern", "re", "Pattern");
    let methods: &[(&'static str, NativeFn)] = &[
        ("match", p_match),
        ("fullmatch", p_fullmatch),
        ("search", p_search),
        ("findall", p_findall),
        ("finditer", p_finditer),
        ("sub", p_sub),
        ("subn", p_subn),
        ("split", p_split),
        ("scanner", p_scanner),
        ("__copy__", p_copy),
        ("__deepcopy__", p_deepcopy),
        ("__eq__", p_eq),
        ("__ne__", p_ne),
        ("__hash__", p_hash),
        ("__repr__", p_repr),
    ];
    for &(n, f) in methods {
        vm.add_method(pt, n, f);
    }
    vm.declare_arity(pt, 0, 0, &["__copy__"]);
    vm.declare_arity(pt, 1, 1, &["__deepcopy__", "__eq__", "__ne__"]);
    getsets(
        vm,
        pt,
        &[
            ("pattern", p_get_pattern),
            ("flags", p_get_flags),
            ("groups", p_get_groups),
            ("groupindex", p_get_groupindex),
        ],
    );
    vm.add_static(
        pt,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );
    let mo = Obj::from_value(m).expect("module");
    vm.store(mo, MOD_PATTERN, pt);

    let mt = new_class(vm, "Match", "re", "Match");
    let methods: &[(&'static str, NativeFn)] = &[
        ("group", m_group),
        ("groups", m_groups),
        ("groupdict", m_groupdict),
        ("start", m_start),
        ("end", m_end),
        ("span", m_span),
        ("expand", m_expand),
        ("__getitem__", m_getitem),
        ("__copy__", m_copy),
        ("__deepcopy__", m_deepcopy),
        ("__repr__", m_repr),
    ];
    for &(n, f) in methods {
        vm.add_method(mt, n, f);
    }
    vm.declare_arity(mt, 0, 0, &["__copy__"]);
    vm.declare_arity(mt, 1, 1, &["__deepcopy__", "__getitem__"]);
    getsets(
        vm,
        mt,
        &[
            ("regs", m_regs),
            ("lastindex", m_lastindex),
            ("lastgroup", m_lastgroup),
            ("pos", m_pos),
            ("endpos", m_endpos),
            ("re", m_re),
            ("string", m_string),
        ],
    );
    vm.add_static(
        mt,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );
    vm.store(mo, MOD_MATCH, mt);

    let st = new_class(vm, "SRE_Scanner", "_sre", "SRE_Scanner");
    vm.add_method(st, "match", s_match);
    vm.add_method(st, "search", s_search);
    getsets(vm, st, &[("pattern", s_pattern)]);
    vm.store(mo, MOD_SCANNER, st);
    let b = vm.new_builtin_bound("compile", sre_compile, m);
    vm.ctx.promote(b);
    vm.set_module_attr(m, "compile", b);
    vm.pop_roots(mark);
    Ok(m)
}
