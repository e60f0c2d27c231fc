//! The unpickler of `_pickle`: CPython 3.11's `load()` opcode by opcode,
//! with its input buffering (memory, or a file read through `read`,
//! `readline`, `readinto` and `peek`) and its messages for bad data.
//!
//! Rooting. The stack and the memo are Rust vectors while no Python code
//! runs; around every call that may run Python code (`py`), they are parked
//! in a local holder object whose payload the collector traces, and taken
//! back afterwards, so an opcode that runs no Python code pays nothing.

use super::*;
use proto_core::layouts::list as llist;
use std::collections::HashSet;

const PREFETCH: usize = 8192 * 16;

/// The unpickler's stack, marks and memo (`EMPTY` marks a free memo slot).
#[derive(Default)]
pub(super) struct UData {
    pub stack: Vec<Value>,
    pub marks: Vec<usize>,
    pub memo: Vec<Value>,
    pub memo_len: usize,
}

impl UData {
    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        for &v in self.stack.iter().chain(self.memo.iter()) {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// A finished load's emptied stack, marks, memo and dict set, kept per
/// thread for the next `loads` so that a small pickle allocates none of
/// them again (each grew from empty, four or five reallocations a load).
/// Taken whole: a load nested in another (through `find_class` or a
/// `__setstate__`) finds none and starts empty.
type Spare = (
    UData,
    HashSet<u64, BuildHasherDefault<super::pickler::IdHasher>>,
);

thread_local! {
    static SPARE: std::cell::Cell<Option<Spare>> = const { std::cell::Cell::new(None) };
}

/// Capacities above which an emptied buffer is dropped, not kept: a
/// thread keeps at most a few tens of KiB for its next load.
const SPARE_MAX: usize = 4096;

/// Payload of the local object that holds parked data during Python calls.
pub(super) struct UHolder(pub Mutex<UData>);

impl Trace for UHolder {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        // Only this thread reaches the holder, and it holds the lock only
        // for a swap (never while Python code runs).
        sync::lock(&self.0).trace(f);
    }
}

pub(super) struct UConfig {
    pub fix_imports: bool,
    pub encoding: String,
    pub errors: String,
    pub read: Option<Value>,
    pub readline: Option<Value>,
    pub peek: Option<Value>,
    pub buffers: Option<Value>,
    pub pers_func: Option<Value>,
    pub pers_self: Option<Value>,
    /// The Unpickler object whose `find_class` to call, if not the native
    /// one.
    pub find_class_self: Option<Value>,
}

pub(super) struct Unpickler {
    st: St,
    pub proto: u8,
    c: UConfig,
    /// Borrowed input (a bytes object rooted by the caller), or `own`.
    ext: Option<&'static [u8]>,
    own: Vec<u8>,
    pos: usize,
    prefetched: usize,
    pub d: UData,
    holder: Value,
    /// Exact dicts made by this load that hold only keys whose hash and
    /// comparison run no Python code (str, int, float): items whose key is
    /// also such are set directly, without parking the stack (a collision
    /// with a key of a Python class would call its `__eq__`).
    simple_dicts: HashSet<u64, BuildHasherDefault<super::pickler::IdHasher>>,
}

fn kind_of(v: Value) -> Option<(Obj, Kind)> {
    Obj::from_value(v).map(|o| (o, o.kind()))
}

impl Unpickler {
    pub fn new(vm: &mut Vm, st: St, c: UConfig, d: UData) -> Unpickler {
        let holder = vm.ctx.alloc_native_with_values(
            K_MISC,
            vm.g.types.object,
            0,
            UHolder(Mutex::new(UData::default())),
        );
        Unpickler {
            st,
            proto: 0,
            c,
            ext: None,
            own: Vec::new(),
            pos: 0,
            prefetched: 0,
            d,
            holder,
            simple_dicts: HashSet::default(),
        }
    }

    /// An Unpickler for one `loads`, on this thread's spare buffers.
    pub fn with_spare(vm: &mut Vm, st: St, c: UConfig) -> Unpickler {
        let (d, dicts) = SPARE.take().unwrap_or_default();
        let mut u = Unpickler::new(vm, st, c, d);
        u.simple_dicts = dicts;
        u
    }

    /// Empties the buffers and keeps them as this thread's spare (the
    /// values they held are dropped: a spare roots nothing).
    pub fn give_back(mut self) {
        let mut d = std::mem::take(&mut self.d);
        let mut dicts = std::mem::take(&mut self.simple_dicts);
        if d.stack.capacity() > SPARE_MAX
            || d.memo.capacity() > SPARE_MAX
            || d.marks.capacity() > SPARE_MAX
            || dicts.capacity() > SPARE_MAX
        {
            return;
        }
        d.stack.clear();
        d.marks.clear();
        d.memo.clear();
        d.memo_len = 0;
        dicts.clear();
        SPARE.set(Some((d, dicts)));
    }

    pub fn roots(&self) -> Vec<Value> {
        let c = &self.c;
        let mut r = vec![self.holder];
        for v in [
            c.read,
            c.readline,
            c.peek,
            c.buffers,
            c.pers_func,
            c.pers_self,
            c.find_class_self,
        ]
        .into_iter()
        .flatten()
        {
            r.push(v);
        }
        r
    }

    /// Input from memory: `b` must stay rooted (and unchanged) for the load.
    pub fn set_borrowed(&mut self, b: &'static [u8]) {
        self.ext = Some(b);
        self.pos = 0;
        self.prefetched = b.len();
    }

    pub fn set_owned(&mut self, b: Vec<u8>) {
        self.ext = None;
        self.prefetched = b.len();
        self.own = b;
        self.pos = 0;
    }

    #[inline]
    fn data(&self) -> &[u8] {
        match self.ext {
            Some(b) => b,
            None => &self.own,
        }
    }

    /// Runs `f` (which may run Python code) with the stack and memo parked.
    #[inline]
    fn py<T>(&mut self, vm: &mut Vm, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
        let h = Obj::from_value(self.holder)
            .and_then(native_ref::<UHolder>)
            .expect("holder");
        std::mem::swap(&mut *sync::lock(&h.0), &mut self.d);
        let r = f(vm);
        std::mem::swap(&mut *sync::lock(&h.0), &mut self.d);
        r
    }

    fn uerr(&self, vm: &mut Vm, msg: &str) -> PyException {
        vm.new_exc(self.st.unpickling_error, msg)
    }

    fn truncated(&self, vm: &mut Vm) -> PyException {
        self.uerr(vm, "pickle data was truncated")
    }

    // ------------------------------------------------------------ input

    /// Replaces the buffer by the bytes-like `v`.
    fn set_input_value(&mut self, vm: &mut Vm, v: Value) -> PyResult<usize> {
        match crate::types::bytes::buf(v) {
            Some(b) if !is_str(v) => {
                let n = b.len();
                self.set_owned(b);
                Ok(n)
            }
            _ => {
                let tn = vm.type_name_of(v);
                Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
            }
        }
    }

    fn skip_consumed(&mut self, vm: &mut Vm) -> PyResult<()> {
        let consumed = self.pos as i64 - self.prefetched as i64;
        if consumed <= 0 {
            return Ok(());
        }
        let read = self.c.read.expect("read");
        self.py(vm, |vm| {
            vm.call(read, &[Value::int(consumed)], Value::EMPTY)
        })?;
        self.prefetched = self.pos;
        Ok(())
    }

    /// `_Unpickler_ReadFromFile`: `None` reads a whole line.
    fn read_from_file(&mut self, vm: &mut Vm, n: Option<usize>) -> PyResult<usize> {
        self.skip_consumed(vm)?;
        let data = match n {
            None => {
                let rl = self.c.readline.expect("readline");
                self.py(vm, |vm| vm.call(rl, &[], Value::EMPTY))?
            }
            Some(n) => {
                if let Some(peek) = self.c.peek.filter(|_| n < PREFETCH) {
                    let r = self.py(vm, |vm| {
                        vm.call(peek, &[Value::int(PREFETCH as i64)], Value::EMPTY)
                    });
                    match r {
                        Ok(d) => {
                            let m = vm.push_root(d);
                            let got = self.set_input_value(vm, d);
                            vm.pop_roots(m);
                            let got = got?;
                            self.prefetched = 0;
                            if n <= got {
                                return Ok(n);
                            }
                        }
                        Err(e) if vm.isinstance(e.0, vm.g.e.NotImplementedError) => {
                            self.c.peek = None;
                        }
                        Err(e) => return Err(e),
                    }
                }
                let read = self.c.read.expect("read");
                self.py(vm, |vm| {
                    vm.call(read, &[Value::int(n as i64)], Value::EMPTY)
                })?
            }
        };
        let m = vm.push_root(data);
        let r = self.set_input_value(vm, data);
        vm.pop_roots(m);
        r
    }

    /// Reads `n` bytes: their range in `data()`.
    #[inline]
    fn read(&mut self, vm: &mut Vm, n: usize) -> PyResult<(usize, usize)> {
        let len = self.data().len();
        if n <= len - self.pos {
            let s = self.pos;
            self.pos += n;
            return Ok((s, s + n));
        }
        self.read_slow(vm, n)
    }

    #[cold]
    fn read_slow(&mut self, vm: &mut Vm, n: usize) -> PyResult<(usize, usize)> {
        if self.c.read.is_none() {
            return Err(self.truncated(vm));
        }
        let got = self.read_from_file(vm, Some(n))?;
        if got < n {
            return Err(self.truncated(vm));
        }
        self.pos = n;
        Ok((0, n))
    }

    #[inline]
    fn read1(&mut self, vm: &mut Vm) -> PyResult<u8> {
        if self.pos < self.data().len() {
            let b = self.data()[self.pos];
            self.pos += 1;
            return Ok(b);
        }
        let (s, _) = self.read_slow(vm, 1)?;
        Ok(self.data()[s])
    }

    /// Reads `n` bytes for a payload (bytes, bytearray): an owned copy.
    fn read_payload(&mut self, vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
        let avail = self.data().len() - self.pos;
        if n <= avail {
            let (s, e) = self.read(vm, n)?;
            return Ok(self.data()[s..e].to_vec());
        }
        if self.c.read.is_none() {
            return Err(self.truncated(vm));
        }
        let mut out = self.data()[self.pos..].to_vec();
        self.pos += avail;
        self.skip_consumed(vm)?;
        let need = n - avail;
        let read = self.c.read.expect("read");
        let d = self.py(vm, |vm| {
            vm.call(read, &[Value::int(need as i64)], Value::EMPTY)
        })?;
        if !kind_of(d).is_some_and(|(_, k)| k == Kind::BYTES) {
            let r = vm.repr_string(vm.type_of(d))?;
            return Err(vm.value_error(&format!("read() returned non-bytes object ({r})")));
        }
        let b = str_bytes(d);
        if b.len() < need {
            return Err(self.truncated(vm));
        }
        out.extend_from_slice(&b[..need]);
        Ok(out)
    }

    /// Reads a line, newline included: its range in `data()`.
    fn readline(&mut self, vm: &mut Vm) -> PyResult<(usize, usize)> {
        let start = self.pos;
        if let Some(i) = self.data()[start..].iter().position(|&c| c == b'\n') {
            self.pos = start + i + 1;
            return Ok((start, self.pos));
        }
        if self.c.read.is_none() {
            return Err(self.truncated(vm));
        }
        let n = self.read_from_file(vm, None)?;
        if n == 0 || self.data()[n - 1] != b'\n' {
            return Err(self.truncated(vm));
        }
        self.pos = n;
        Ok((0, n))
    }

    /// The line's bytes without its newline (owned).
    fn line(&mut self, vm: &mut Vm) -> PyResult<Vec<u8>> {
        let (s, e) = self.readline(vm)?;
        Ok(self.data()[s..e - 1].to_vec())
    }

    pub fn finish(&mut self, vm: &mut Vm) -> PyResult<()> {
        if self.c.read.is_some() {
            self.skip_consumed(vm)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ stack

    #[inline]
    fn fence(&self) -> usize {
        self.d.marks.last().copied().unwrap_or(0)
    }

    fn underflow(&self, vm: &mut Vm) -> PyException {
        let msg = if self.d.marks.is_empty() {
            "unpickling stack underflow"
        } else {
            "unexpected MARK found"
        };
        self.uerr(vm, msg)
    }

    #[inline]
    fn push(&mut self, v: Value) {
        self.d.stack.push(v);
    }

    #[inline]
    fn pop(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.d.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.d.stack.pop().expect("non-empty"))
    }

    fn top(&self, vm: &mut Vm) -> PyResult<Value> {
        if self.d.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(*self.d.stack.last().expect("non-empty"))
    }

    fn marker(&mut self, vm: &mut Vm) -> PyResult<usize> {
        match self.d.marks.pop() {
            Some(m) => Ok(m),
            None => Err(self.uerr(vm, "could not find MARK")),
        }
    }

    fn pop_tuple(&mut self, vm: &mut Vm, start: usize) -> PyResult<Value> {
        if start < self.fence() {
            return Err(self.underflow(vm));
        }
        let t = vm.new_tuple(&self.d.stack[start..]);
        self.d.stack.truncate(start);
        Ok(t)
    }

    fn memo_put(&mut self, vm: &mut Vm, idx: usize, v: Value) -> PyResult<()> {
        if idx >= self.d.memo.len() {
            let new = (idx.saturating_mul(2)).max(idx + 1).max(32);
            if self.d.memo.try_reserve(new - self.d.memo.len()).is_err() {
                return Err(vm.new_exc(vm.g.e.MemoryError, ""));
            }
            self.d.memo.resize(new, Value::EMPTY);
        }
        if self.d.memo[idx].is_empty() {
            self.d.memo_len += 1;
        }
        self.d.memo[idx] = v;
        Ok(())
    }

    fn memo_get(&mut self, vm: &mut Vm, idx: usize) -> PyResult<()> {
        match self.d.memo.get(idx).copied().filter(|v| !v.is_empty()) {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => Err(self.uerr(vm, &format!("Memo value not found at index {idx}"))),
        }
    }

    // ------------------------------------------------------------ load

    pub fn load(&mut self, vm: &mut Vm) -> PyResult<Value> {
        self.d.marks.clear();
        self.d.stack.clear();
        self.proto = 0;
        loop {
            let op = match self.read1(vm) {
                Ok(op) => op,
                Err(e) => {
                    if vm.isinstance(e.0, self.st.unpickling_error) {
                        return Err(vm.exc_by_name("EOFError", "Ran out of input"));
                    }
                    return Err(e);
                }
            };
            if op == STOP {
                break;
            }
            self.dispatch(vm, op)?;
        }
        self.finish(vm)?;
        self.pop(vm)
    }

    fn dispatch(&mut self, vm: &mut Vm, op: u8) -> PyResult<()> {
        match op {
            NONE => self.push(Value::NONE),
            NEWTRUE => self.push(Value::TRUE),
            NEWFALSE => self.push(Value::FALSE),
            BININT => {
                let (s, _) = self.read(vm, 4)?;
                let d = self.data();
                let x = i32::from_le_bytes([d[s], d[s + 1], d[s + 2], d[s + 3]]);
                self.push(Value::int(x as i64));
            }
            BININT1 => {
                let b = self.read1(vm)?;
                self.push(Value::int(b as i64));
            }
            BININT2 => {
                let (s, _) = self.read(vm, 2)?;
                let d = self.data();
                self.push(Value::int(u16::from_le_bytes([d[s], d[s + 1]]) as i64));
            }
            INT => self.load_int(vm)?,
            LONG => self.load_long(vm)?,
            LONG1 | LONG4 => {
                let n = if op == LONG1 {
                    self.read1(vm)? as i64
                } else {
                    let (s, _) = self.read(vm, 4)?;
                    let d = self.data();
                    i32::from_le_bytes([d[s], d[s + 1], d[s + 2], d[s + 3]]) as i64
                };
                if n < 0 {
                    return Err(self.uerr(vm, "LONG pickle has negative byte count"));
                }
                let v = if n == 0 {
                    Value::int(0)
                } else {
                    let (s, e) = self.read(vm, n as usize)?;
                    let b = num_bigint::BigInt::from_signed_bytes_le(&self.data()[s..e]);
                    vm.new_bigint(b)
                };
                self.push(v);
            }
            FLOAT => self.load_float(vm)?,
            BINFLOAT => {
                let (s, _) = self.read(vm, 8)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(&self.data()[s..s + 8]);
                let f = vm.new_float(f64::from_be_bytes(b));
                self.push(f);
            }
            SHORT_BINBYTES | BINBYTES | BINBYTES8 => {
                let n = self.read_size(vm, op, "BINBYTES", true)?;
                let v = if n <= self.data().len() - self.pos {
                    let (s, e) = self.read(vm, n)?;
                    let b = self.ext.map(|x| &x[s..e]);
                    match b {
                        Some(b) => vm.new_bytes(b),
                        None => {
                            let b = self.own[s..e].to_vec();
                            vm.new_bytes(&b)
                        }
                    }
                } else {
                    let b = self.read_payload(vm, n)?;
                    vm.new_bytes(&b)
                };
                self.push(v);
            }
            BYTEARRAY8 => {
                let n = self.read_size(vm, op, "BYTEARRAY8", true)?;
                let b = self.read_payload(vm, n)?;
                let bv = vm.new_bytes(&b);
                let v = self.py(vm, |vm| {
                    let m = vm.push_root(bv);
                    let r = vm.call(vm.g.types.bytearray, &[bv], Value::EMPTY);
                    vm.pop_roots(m);
                    r
                })?;
                self.push(v);
            }
            NEXT_BUFFER => {
                let Some(it) = self.c.buffers else {
                    return Err(self.uerr(
                        vm,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ));
                };
                match self.py(vm, |vm| vm.next(it))? {
                    Some(b) => self.push(b),
                    None => return Err(self.uerr(vm, "not enough out-of-band buffers")),
                }
            }
            READONLY_BUFFER => {
                let obj = self.top(vm)?;
                let v = self.py(vm, |vm| super::readonly_view(vm, obj))?;
                if let Some(v) = v {
                    *self.d.stack.last_mut().expect("top") = v;
                }
            }
            SHORT_BINSTRING | BINSTRING => {
                let n = self.read_size(vm, op, "BINSTRING", false)?;
                let (s, e) = self.read(vm, n)?;
                let b = self.data()[s..e].to_vec();
                let v = self.decode_string(vm, &b)?;
                self.push(v);
            }
            STRING => self.load_string(vm)?,
            UNICODE => {
                let (s, e) = self.readline(vm)?;
                if e - s < 1 {
                    return Err(self.truncated(vm));
                }
                let b = self.data()[s..e - 1].to_vec();
                let v = raw_unicode_escape_decode(vm, &b)?;
                self.push(v);
            }
            SHORT_BINUNICODE | BINUNICODE | BINUNICODE8 => {
                let n = self.read_size(vm, op, "BINUNICODE", true)?;
                let (s, e) = self.read(vm, n)?;
                let v = new_str_surrogatepass(vm, s, e, self)?;
                self.push(v);
            }
            EMPTY_TUPLE => {
                let t = vm.new_tuple(&[]);
                self.push(t);
            }
            TUPLE1 | TUPLE2 | TUPLE3 => {
                let n = (op - TUPLE1 + 1) as usize;
                if self.d.stack.len() < n {
                    return Err(self.underflow(vm));
                }
                let start = self.d.stack.len() - n;
                let t = self.pop_tuple(vm, start)?;
                self.push(t);
            }
            TUPLE => {
                let i = self.marker(vm)?;
                let t = self.pop_tuple(vm, i)?;
                self.push(t);
            }
            EMPTY_LIST => {
                let l = vm.new_list(&[]);
                self.push(l);
            }
            EMPTY_DICT => {
                let d = vm.new_dict();
                self.simple_dicts.insert(d.bits());
                self.push(d);
            }
            EMPTY_SET => {
                let s = vm.new_set(false);
                self.push(s);
            }
            LIST => {
                let i = self.marker(vm)?;
                let l = vm.new_list(&self.d.stack[i..]);
                self.d.stack.truncate(i);
                self.push(l);
            }
            DICT => {
                let i = self.marker(vm)?;
                let j = self.d.stack.len();
                if !(j - i).is_multiple_of(2) {
                    return Err(self.uerr(vm, "odd number of items for DICT"));
                }
                let d = vm.new_dict();
                self.simple_dicts.insert(d.bits());
                let pairs: Vec<(Value, Value)> =
                    self.d.stack[i..].chunks(2).map(|c| (c[0], c[1])).collect();
                self.set_pairs(vm, d, &pairs)?;
                self.d.stack.truncate(i);
                self.push(d);
            }
            FROZENSET => {
                let i = self.marker(vm)?;
                let items = self.pop_tuple(vm, i)?;
                let fs = self.py(vm, |vm| {
                    let m = vm.push_root(items);
                    let r = vm.call(vm.g.types.frozenset, &[items], Value::EMPTY);
                    vm.pop_roots(m);
                    r
                })?;
                self.push(fs);
            }
            ADDITEMS => self.load_additems(vm)?,
            OBJ => {
                let i = self.marker(vm)?;
                if self.d.stack.len() < i + 1 {
                    return Err(self.underflow(vm));
                }
                let args = self.pop_tuple(vm, i + 1)?;
                let cls = self.pop(vm)?;
                let obj = self.py(vm, |vm| instantiate(vm, cls, args))?;
                self.push(obj);
            }
            INST => {
                let i = self.marker(vm)?;
                let m = self.line(vm)?;
                if m.is_empty() {
                    return Err(self.truncated(vm));
                }
                let mname = ascii_str(vm, &m)?;
                let root = vm.push_root(mname);
                let g = self.line(vm);
                let r = (|| {
                    let g = g?;
                    if g.is_empty() {
                        return Err(self.truncated(vm));
                    }
                    let gname = ascii_str(vm, &g)?;
                    vm.push_root(gname);
                    let cls = self.find_class(vm, mname, gname)?;
                    vm.push_root(cls);
                    let args = self.pop_tuple(vm, i)?;
                    self.py(vm, |vm| instantiate(vm, cls, args))
                })();
                vm.pop_roots(root);
                let obj = r?;
                self.push(obj);
            }
            NEWOBJ | NEWOBJ_EX => self.load_newobj(vm, op == NEWOBJ_EX)?,
            GLOBAL => {
                let m = self.line(vm)?;
                if m.is_empty() {
                    return Err(self.truncated(vm));
                }
                let mname = utf8_str(vm, &m)?;
                let root = vm.push_root(mname);
                let r = (|| {
                    let g = self.line(vm)?;
                    if g.is_empty() {
                        return Err(self.truncated(vm));
                    }
                    let gname = utf8_str(vm, &g)?;
                    vm.push_root(gname);
                    self.find_class(vm, mname, gname)
                })();
                vm.pop_roots(root);
                let v = r?;
                self.push(v);
            }
            STACK_GLOBAL => {
                let gname = self.pop(vm)?;
                let mname = self.pop(vm)?;
                let exact = |vm: &Vm, v: Value| is_str(v) && vm.type_of(v) == vm.g.types.str_;
                if !exact(vm, mname) || !exact(vm, gname) {
                    return Err(self.uerr(vm, "STACK_GLOBAL requires str"));
                }
                let root = vm.push_root(mname);
                vm.push_root(gname);
                let r = self.find_class(vm, mname, gname);
                vm.pop_roots(root);
                let v = r?;
                self.push(v);
            }
            APPEND => {
                if self.d.stack.len() <= self.fence() + 1 {
                    return Err(self.underflow(vm));
                }
                let x = self.d.stack.len() - 1;
                self.do_append(vm, x)?;
            }
            APPENDS => {
                let i = self.marker(vm)?;
                self.do_append(vm, i)?;
            }
            BUILD => self.load_build(vm)?,
            DUP => {
                let v = self.top(vm)?;
                self.push(v);
            }
            BINGET => {
                let i = self.read1(vm)? as usize;
                self.memo_get(vm, i)?;
            }
            LONG_BINGET => {
                let (s, _) = self.read(vm, 4)?;
                let d = self.data();
                let i = u32::from_le_bytes([d[s], d[s + 1], d[s + 2], d[s + 3]]) as usize;
                self.memo_get(vm, i)?;
            }
            GET => {
                let l = self.line(vm)?;
                if l.is_empty() {
                    return Err(self.truncated(vm));
                }
                let idx = parse_decimal(vm, &l)?;
                if idx < 0 {
                    return Err(self.uerr(vm, &format!("Memo value not found at index {idx}")));
                }
                self.memo_get(vm, idx as usize)?;
            }
            MARK => {
                let n = self.d.stack.len();
                self.d.marks.push(n);
            }
            BINPUT => {
                let i = self.read1(vm)? as usize;
                let v = self.top(vm)?;
                self.memo_put(vm, i, v)?;
            }
            LONG_BINPUT => {
                let (s, _) = self.read(vm, 4)?;
                let d = self.data();
                let i = u32::from_le_bytes([d[s], d[s + 1], d[s + 2], d[s + 3]]) as usize;
                let v = self.top(vm)?;
                self.memo_put(vm, i, v)?;
            }
            PUT => {
                let l = self.line(vm)?;
                if l.is_empty() {
                    return Err(self.truncated(vm));
                }
                let v = self.top(vm)?;
                let idx = parse_decimal(vm, &l)?;
                if idx < 0 {
                    return Err(vm.value_error("negative PUT argument"));
                }
                self.memo_put(vm, idx as usize, v)?;
            }
            MEMOIZE => {
                let v = self.top(vm)?;
                let i = self.d.memo_len;
                self.memo_put(vm, i, v)?;
            }
            POP => {
                let len = self.d.stack.len();
                if self.d.marks.last() == Some(&len) {
                    self.d.marks.pop();
                } else if len <= self.fence() {
                    return Err(self.underflow(vm));
                } else {
                    self.d.stack.pop();
                }
            }
            POP_MARK => {
                let i = self.marker(vm)?;
                self.d.stack.truncate(i);
            }
            SETITEM => {
                let x = self.d.stack.len().wrapping_sub(2);
                self.do_setitems(vm, x)?;
            }
            SETITEMS => {
                let i = self.marker(vm)?;
                self.do_setitems(vm, i)?;
            }
            PERSID => {
                if self.c.pers_func.is_none() {
                    return Err(self.no_pers(vm));
                }
                let (s, e) = self.readline(vm)?;
                if e - s < 1 {
                    return Err(self.truncated(vm));
                }
                let b = self.data()[s..e - 1].to_vec();
                if !b.is_ascii() {
                    return Err(self.uerr(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                }
                let pid = vm.new_str_bytes(&b);
                let obj = self.call_pers(vm, pid)?;
                self.push(obj);
            }
            BINPERSID => {
                if self.c.pers_func.is_none() {
                    return Err(self.no_pers(vm));
                }
                let pid = self.pop(vm)?;
                let obj = self.call_pers(vm, pid)?;
                self.push(obj);
            }
            REDUCE => {
                let args = self.pop(vm)?;
                let f = self.pop(vm)?;
                let obj = self.py(vm, |vm| {
                    let m = vm.push_root(f);
                    vm.push_root(args);
                    let r = call_object(vm, f, args);
                    vm.pop_roots(m);
                    r
                })?;
                self.push(obj);
            }
            PROTO => {
                let p = self.read1(vm)?;
                if p > HIGHEST_PROTOCOL {
                    return Err(vm.value_error(&format!("unsupported pickle protocol: {p}")));
                }
                self.proto = p;
            }
            FRAME => {
                let (s, _) = self.read(vm, 8)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(&self.data()[s..s + 8]);
                let n = u64::from_le_bytes(b);
                if n > i64::MAX as u64 {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "FRAME length exceeds system's maximum of 9223372036854775807 bytes",
                    ));
                }
                let n = n as usize;
                self.read(vm, n)?;
                self.pos -= n;
            }
            EXT1 | EXT2 | EXT4 => self.load_extension(vm, op)?,
            _ => {
                let c = op;
                let msg = if (0x20..=0x7e).contains(&c) && c != b'\'' && c != b'\\' {
                    format!("invalid load key, '{}'.", c as char)
                } else {
                    format!("invalid load key, '\\x{c:02x}'.")
                };
                return Err(self.uerr(vm, &msg));
            }
        }
        Ok(())
    }

    fn no_pers(&self, vm: &mut Vm) -> PyException {
        self.uerr(
            vm,
            "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
        )
    }

    fn call_pers(&mut self, vm: &mut Vm, pid: Value) -> PyResult<Value> {
        let f = self.c.pers_func.expect("pers_func");
        let s = self.c.pers_self;
        self.py(vm, |vm| {
            let m = vm.push_root(pid);
            let r = match s {
                Some(s) => vm.call(f, &[s, pid], Value::EMPTY),
                None => vm.call(f, &[pid], Value::EMPTY),
            };
            vm.pop_roots(m);
            r
        })
    }

    /// The size argument of a counted opcode.
    #[inline]
    fn read_size(&mut self, vm: &mut Vm, op: u8, what: &str, overflow: bool) -> PyResult<usize> {
        let nbytes = match op {
            SHORT_BINBYTES | SHORT_BINSTRING | SHORT_BINUNICODE => 1,
            BINBYTES | BINSTRING | BINUNICODE => 4,
            _ => 8,
        };
        let n = match nbytes {
            1 => u64::from(self.read1(vm)?),
            4 => {
                let (s, _) = self.read(vm, 4)?;
                let d = self.data();
                u64::from(u32::from_le_bytes([d[s], d[s + 1], d[s + 2], d[s + 3]]))
            }
            _ => {
                let (s, e) = self.read(vm, 8)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(&self.data()[s..e]);
                u64::from_le_bytes(b)
            }
        };
        if n > i64::MAX as u64 {
            let msg = format!("{what} exceeds system's maximum size of 9223372036854775807 bytes");
            return Err(if overflow {
                vm.new_exc(vm.g.e.OverflowError, &msg)
            } else {
                self.uerr(vm, &msg)
            });
        }
        Ok(n as usize)
    }

    fn load_int(&mut self, vm: &mut Vm) -> PyResult<()> {
        let (s, e) = self.readline(vm)?;
        if e - s < 2 {
            return Err(self.truncated(vm));
        }
        let l = self.data()[s..e - 1].to_vec();
        let txt = String::from_utf8_lossy(&l).into_owned();
        let v = match txt.parse::<i64>() {
            Ok(x) if l.len() == 2 && (x == 0 || x == 1) && l[0] == b'0' => {
                if x == 1 {
                    Value::TRUE
                } else {
                    Value::FALSE
                }
            }
            Ok(x) => vm.new_int(x),
            Err(_) => {
                let s = vm.new_str(&txt);
                let m = vm.push_root(s);
                let r = vm.call(vm.g.types.int, &[s, Value::int(0)], Value::EMPTY);
                vm.pop_roots(m);
                match r {
                    Ok(v) => v,
                    Err(_) => return Err(vm.value_error("could not convert string to int")),
                }
            }
        };
        self.push(v);
        Ok(())
    }

    fn load_long(&mut self, vm: &mut Vm) -> PyResult<()> {
        let (s, e) = self.readline(vm)?;
        if e - s < 2 {
            return Err(self.truncated(vm));
        }
        // As CPython: a trailing 'L' ends the text, else the newline stays.
        let mut l = self.data()[s..e].to_vec();
        if l[l.len() - 2] == b'L' {
            l.truncate(l.len() - 2);
        }
        let txt = String::from_utf8_lossy(&l).into_owned();
        let st = vm.new_str(&txt);
        let m = vm.push_root(st);
        let r = vm.call(vm.g.types.int, &[st, Value::int(0)], Value::EMPTY);
        vm.pop_roots(m);
        let v = match r {
            Ok(v) => v,
            Err(_) => {
                let rs = vm.repr_string(st)?;
                return Err(
                    vm.value_error(&format!("invalid literal for int() with base 10: {rs}"))
                );
            }
        };
        self.push(v);
        Ok(())
    }

    fn load_float(&mut self, vm: &mut Vm) -> PyResult<()> {
        let (s, e) = self.readline(vm)?;
        if e - s < 2 {
            return Err(self.truncated(vm));
        }
        let line = String::from_utf8_lossy(&self.data()[s..e]).into_owned();
        let body = &line[..line.len() - 1];
        // PyOS_string_to_double: the longest prefix that is a float; junk
        // after it is "could not convert", no prefix at all names the text.
        let parse = |t: &str| -> Option<f64> {
            match t.to_ascii_lowercase().as_str() {
                "nan" | "+nan" => Some(f64::NAN),
                "-nan" => Some(-f64::NAN),
                "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                _ if t.contains('_') => None,
                _ => t.parse::<f64>().ok(),
            }
        };
        if let Some(f) = parse(body) {
            let v = vm.new_float(f);
            self.push(v);
            return Ok(());
        }
        let has_prefix =
            (1..body.len()).any(|n| body.is_char_boundary(n) && parse(&body[..n]).is_some());
        if has_prefix {
            return Err(vm.value_error("could not convert string to float"));
        }
        Err(vm.value_error(&format!("could not convert string to float: '{line}'")))
    }

    fn decode_string(&mut self, vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
        if self.c.encoding == "bytes" {
            return Ok(vm.new_bytes(b));
        }
        let (enc, errs) = (self.c.encoding.clone(), self.c.errors.clone());
        self.py(vm, |vm| crate::types::bytes::decode(vm, b, &enc, &errs))
    }

    fn load_string(&mut self, vm: &mut Vm) -> PyResult<()> {
        let (s, e) = self.readline(vm)?;
        let l = &self.data()[s..e - 1];
        let n = l.len();
        if !(n >= 2 && l[0] == l[n - 1] && (l[0] == b'\'' || l[0] == b'"')) {
            return Err(self.uerr(vm, "the STRING opcode argument must be quoted"));
        }
        let inner = l[1..n - 1].to_vec();
        let b = match escape_decode(&inner) {
            Ok(b) => b,
            Err(msg) => return Err(vm.value_error(&msg)),
        };
        let v = self.decode_string(vm, &b)?;
        self.push(v);
        Ok(())
    }

    /// Sets `pairs` into `d` (`PyObject_SetItem`).
    fn set_pairs(&mut self, vm: &mut Vm, d: Value, pairs: &[(Value, Value)]) -> PyResult<()> {
        let mut simple = self.simple_dicts.contains(&d.bits());
        if simple {
            // Room for the batch at once (SETITEMS carries up to 1,000
            // pairs) rather than growing by doubling on the way. The dict
            // is this load's own and still this thread's.
            if let Some(o) = Obj::from_value(d).filter(|o| o.is_local_mutable()) {
                proto_core::layouts::dict::reserve(&mut vm.ctx, o, pairs.len());
            }
        }
        for &(k, v) in pairs {
            let simple_key = !k.is_heap()
                || kind_of(k).is_some_and(|(o, kk)| {
                    (kk == Kind::STR && o.class() == vm.g.types.str_)
                        || kk == Kind::BIG_INT
                        || kk == Kind::FLOAT
                });
            if simple && !simple_key {
                simple = false;
                self.simple_dicts.remove(&d.bits());
            }
            if simple {
                vm.dict_set(d, k, v)?;
            } else {
                self.py(vm, |vm| vm.setitem(d, k, v))?;
            }
        }
        Ok(())
    }

    fn do_setitems(&mut self, vm: &mut Vm, x: usize) -> PyResult<()> {
        let len = self.d.stack.len();
        if x > len || x <= self.fence() {
            return Err(self.underflow(vm));
        }
        if len == x {
            return Ok(());
        }
        if !(len - x).is_multiple_of(2) {
            return Err(self.uerr(vm, "odd number of items for SETITEMS"));
        }
        let d = self.d.stack[x - 1];
        let pairs: Vec<(Value, Value)> =
            self.d.stack[x..].chunks(2).map(|c| (c[0], c[1])).collect();
        // The items stay on the stack (rooted when parked) while they are
        // set, as CPython's Pdata_clear runs after the loop.
        let r = self.set_pairs(vm, d, &pairs);
        self.d.stack.truncate(x);
        r
    }

    fn do_append(&mut self, vm: &mut Vm, x: usize) -> PyResult<()> {
        let len = self.d.stack.len();
        if x > len || x <= self.fence() {
            return Err(self.underflow(vm));
        }
        if len == x {
            return Ok(());
        }
        let list = self.d.stack[x - 1];
        if let Some((o, Kind::LIST)) = kind_of(list) {
            if o.class() == vm.g.types.list {
                llist::extend(&mut vm.ctx, o, &self.d.stack[x..]);
                self.d.stack.truncate(x);
                return Ok(());
            }
        }
        let slice = vm.new_list(&self.d.stack[x..]);
        let r = self.py(vm, |vm| {
            let m = vm.push_root(slice);
            let r = (|| {
                let n = vm.intern("extend");
                if let Some(ext) = vm.getattr_opt(list, n)? {
                    vm.push_root(ext);
                    vm.call(ext, &[slice], Value::EMPTY)?;
                    return Ok(());
                }
                let n = vm.intern("append");
                let app = vm.getattr(list, n)?;
                vm.push_root(app);
                for item in vm.seq_items(slice) {
                    vm.call(app, &[item], Value::EMPTY)?;
                }
                Ok(())
            })();
            vm.pop_roots(m);
            r
        });
        self.d.stack.truncate(x);
        r
    }

    fn load_additems(&mut self, vm: &mut Vm) -> PyResult<()> {
        let mark = self.marker(vm)?;
        let len = self.d.stack.len();
        if mark > len || mark <= self.fence() {
            return Err(self.underflow(vm));
        }
        if len == mark {
            return Ok(());
        }
        let set = self.d.stack[mark - 1];
        let items = self.pop_tuple(vm, mark)?;
        self.py(vm, |vm| {
            let m = vm.push_root(items);
            let r = (|| {
                if vm.isinstance(set, vm.g.types.set) {
                    for x in vm.seq_items(items) {
                        vm.set_add(set, x)?;
                    }
                    return Ok(());
                }
                let n = vm.intern("add");
                let add = vm.getattr(set, n)?;
                vm.push_root(add);
                for x in vm.seq_items(items) {
                    vm.call(add, &[x], Value::EMPTY)?;
                }
                Ok(())
            })();
            vm.pop_roots(m);
            r
        })
    }

    fn load_newobj(&mut self, vm: &mut Vm, ex: bool) -> PyResult<()> {
        let kwargs = if ex { Some(self.pop(vm)?) } else { None };
        let args = self.pop(vm)?;
        let cls = self.pop(vm)?;
        let name = if ex { "NEWOBJ_EX" } else { "NEWOBJ" };
        if !kind_of(cls).is_some_and(|(_, k)| k == K_TYPE) {
            let tn = vm.type_name_of(cls);
            return Err(self.uerr(
                vm,
                &format!("{name} class argument must be a type, not {tn}"),
            ));
        }
        if !kind_of(args).is_some_and(|(_, k)| k == Kind::TUPLE) {
            let tn = vm.type_name_of(args);
            return Err(self.uerr(
                vm,
                &format!("{name} args argument must be a tuple, not {tn}"),
            ));
        }
        if let Some(kw) = kwargs {
            if !vm.isinstance(kw, vm.g.types.dict) {
                let tn = vm.type_name_of(kw);
                return Err(self.uerr(
                    vm,
                    &format!("{name} kwargs argument must be a dict, not {tn}"),
                ));
            }
        }
        let obj = self.py(vm, |vm| {
            let m = vm.push_root(cls);
            vm.push_root(args);
            if let Some(kw) = kwargs {
                vm.push_root(kw);
            }
            let r = (|| {
                let n = vm.intern("__new__");
                let new = vm.getattr(cls, n)?;
                vm.push_root(new);
                let mut a = vec![cls];
                a.extend(vm.seq_items(args));
                let mut names = Vec::new();
                if let Some(kw) = kwargs {
                    for (k, v) in vm.dict_items(kw) {
                        names.push(k);
                        a.push(v);
                    }
                }
                let kn = if names.is_empty() {
                    Value::EMPTY
                } else {
                    vm.new_tuple(&names)
                };
                vm.push_root(kn);
                vm.call(new, &a, kn)
            })();
            vm.pop_roots(m);
            r
        })?;
        self.push(obj);
        Ok(())
    }

    fn load_build(&mut self, vm: &mut Vm) -> PyResult<()> {
        if self.d.stack.len() < self.fence() + 2 {
            return Err(self.underflow(vm));
        }
        let state = self.pop(vm)?;
        let inst = self.top(vm)?;
        let ue = self.st.unpickling_error;
        self.py(vm, |vm| {
            let m = vm.push_root(state);
            let r = build(vm, ue, inst, state);
            vm.pop_roots(m);
            r
        })
    }

    fn load_extension(&mut self, vm: &mut Vm, op: u8) -> PyResult<()> {
        let n = match op {
            EXT1 => 1,
            EXT2 => 2,
            _ => 4,
        };
        let (s, e) = self.read(vm, n)?;
        let mut b = [0u8; 4];
        b[..n].copy_from_slice(&self.data()[s..e]);
        let code = if n == 4 {
            i32::from_le_bytes(b) as i64
        } else {
            u32::from_le_bytes(b) as i64
        };
        if code <= 0 {
            return Err(self.uerr(vm, "EXT specifies code <= 0"));
        }
        let st = self.st;
        let pc = Value::int(code);
        if let Some(obj) = self.py(vm, |vm| vm.dict_get(st.extension_cache, pc))? {
            self.push(obj);
            return Ok(());
        }
        let pair = self.py(vm, |vm| vm.dict_get(st.inverted_registry, pc))?;
        let Some(pair) = pair else {
            return Err(vm.value_error(&format!("unregistered extension code {code}")));
        };
        let (mname, gname) = match kind_of(pair) {
            Some((o, Kind::TUPLE)) if o.n_values() == 2 && is_str(o.get(0)) && is_str(o.get(1)) => {
                (o.get(0), o.get(1))
            }
            _ => {
                return Err(vm.value_error(&format!(
                    "_inverted_registry[{code}] isn't a 2-tuple of strings"
                )))
            }
        };
        let m = vm.push_root(pair);
        let r = self.find_class(vm, mname, gname);
        vm.pop_roots(m);
        let obj = r?;
        self.py(vm, |vm| {
            let m = vm.push_root(obj);
            let r = vm.dict_set(st.extension_cache, pc, obj);
            vm.pop_roots(m);
            r
        })?;
        self.push(obj);
        Ok(())
    }

    fn find_class(&mut self, vm: &mut Vm, mname: Value, gname: Value) -> PyResult<Value> {
        let me = self.c.find_class_self;
        let st = self.st;
        let proto = self.proto;
        let fix = self.c.fix_imports;
        self.py(vm, |vm| match me {
            Some(me) => vm.call_method(me, "find_class", &[mname, gname]),
            None => find_class_impl(vm, st, proto, fix, mname, gname),
        })
    }
}

/// `Unpickler.find_class` of the native type.
pub(super) fn find_class_impl(
    vm: &mut Vm,
    st: St,
    proto: u8,
    fix_imports: bool,
    mut mname: Value,
    mut gname: Value,
) -> PyResult<Value> {
    let mark = vm.push_root(mname);
    vm.push_root(gname);
    let r = (|| {
        vm.audit("pickle.find_class", &[mname, gname])?;
        if proto < 3 && fix_imports {
            let key = vm.new_tuple(&[mname, gname]);
            vm.push_root(key);
            if let Some(item) = vm.dict_get(st.name_mapping_2to3, key)? {
                match kind_of(item) {
                    Some((o, Kind::TUPLE)) if o.n_values() == 2 => {
                        let (m, g) = (o.get(0), o.get(1));
                        if !is_str(m) || !is_str(g) {
                            let (a, b) = (vm.type_name_of(m), vm.type_name_of(g));
                            return Err(vm.new_exc(vm.g.e.RuntimeError, &format!("_compat_pickle.NAME_MAPPING values should be pairs of str, not ({a}, {b})")));
                        }
                        mname = m;
                        gname = g;
                    }
                    _ => {
                        let tn = vm.type_name_of(item);
                        return Err(vm.new_exc(
                            vm.g.e.RuntimeError,
                            &format!(
                                "_compat_pickle.NAME_MAPPING values should be 2-tuples, not {tn}"
                            ),
                        ));
                    }
                }
            } else if let Some(item) = vm.dict_get(st.import_mapping_2to3, mname)? {
                if !is_str(item) {
                    let tn = vm.type_name_of(item);
                    return Err(vm.new_exc(
                        vm.g.e.RuntimeError,
                        &format!(
                            "_compat_pickle.IMPORT_MAPPING values should be strings, not {tn}"
                        ),
                    ));
                }
                mname = item;
            }
        }
        if !is_str(mname) {
            // PyImport_Import of a non-str goes through __import__.
            let imp = vm.intern("__import__");
            let b = vm.import_module("builtins")?;
            let f = vm.getattr(b, imp)?;
            vm.call(f, &[mname], Value::EMPTY)?;
            return Err(vm.type_error("module name must be str"));
        }
        let module = vm.import_module(&str_of(mname))?;
        vm.push_root(module);
        if !is_str(gname) {
            let tn = vm.type_name_of(gname);
            return Err(vm.type_error(&format!("attribute name must be string, not '{tn}'")));
        }
        let attr = if proto >= 4 {
            let s = str_of(gname).into_owned();
            let mut cur = module;
            let mut found = true;
            for p in s.split('.') {
                if p == "<locals>" {
                    let rn = vm.repr_string(gname)?;
                    let rm = vm.repr_string(module)?;
                    return Err(vm.new_exc(
                        vm.g.e.AttributeError,
                        &format!("Can't get local attribute {rn} on {rm}"),
                    ));
                }
                let n = vm.new_str(p);
                match vm.getattr_opt(cur, n)? {
                    Some(v) => {
                        vm.push_root(v);
                        cur = v;
                    }
                    None => {
                        found = false;
                        break;
                    }
                }
            }
            found.then_some(cur)
        } else {
            vm.getattr_opt(module, gname)?
        };
        match attr {
            Some(a) => Ok(a),
            None => {
                let rn = vm.repr_string(gname)?;
                let rm = vm.repr_string(module)?;
                Err(vm.new_exc(
                    vm.g.e.AttributeError,
                    &format!("Can't get attribute {rn} on {rm}"),
                ))
            }
        }
    })();
    vm.pop_roots(mark);
    r
}

/// `PyObject_CallObject(f, args)` for a tuple `args` (else a TypeError).
fn call_object(vm: &mut Vm, f: Value, args: Value) -> PyResult<Value> {
    match kind_of(args) {
        Some((o, Kind::TUPLE)) => {
            let a: Vec<Value> = (0..o.n_values()).map(|i| o.get(i)).collect();
            vm.call(f, &a, Value::EMPTY)
        }
        _ => Err(vm.type_error("argument list must be a tuple")),
    }
}

/// `instantiate` of OBJ and INST.
fn instantiate(vm: &mut Vm, cls: Value, args: Value) -> PyResult<Value> {
    let m = vm.push_root(cls);
    vm.push_root(args);
    let r = (|| {
        let empty = Obj::from_value(args).is_some_and(|o| o.n_values() == 0);
        if empty && kind_of(cls).is_some_and(|(_, k)| k == K_TYPE) {
            let n = vm.intern("__getinitargs__");
            if vm.getattr_opt(cls, n)?.is_none() {
                let n = vm.intern("__new__");
                let new = vm.getattr(cls, n)?;
                vm.push_root(new);
                return vm.call(new, &[cls], Value::EMPTY);
            }
        }
        call_object(vm, cls, args)
    })();
    vm.pop_roots(m);
    r
}

/// `load_build`'s work: `__setstate__`, or the instance dict and slots.
fn build(vm: &mut Vm, uerr: Value, inst: Value, state: Value) -> PyResult<()> {
    let n = vm.intern("__setstate__");
    if let Some(f) = vm.getattr_opt(inst, n)? {
        let m = vm.push_root(f);
        let r = vm.call(f, &[state], Value::EMPTY);
        vm.pop_roots(m);
        return r.map(|_| ());
    }
    let (state, slotstate) = match kind_of(state) {
        Some((o, Kind::TUPLE)) if o.n_values() == 2 => (o.get(0), Some(o.get(1))),
        _ => (state, None),
    };
    if !state.is_none() {
        if !vm.isinstance(state, vm.g.types.dict) {
            return Err(vm.new_exc(uerr, "state is not a dictionary"));
        }
        let n = vm.intern("__dict__");
        let dict = vm.getattr(inst, n)?;
        let m = vm.push_root(dict);
        let r = (|| {
            for (k, v) in vm.dict_items(state) {
                let k = if is_str(k) && vm.type_of(k) == vm.g.types.str_ {
                    vm.intern_value(k)
                } else {
                    k
                };
                vm.setitem(dict, k, v)?;
            }
            Ok(())
        })();
        vm.pop_roots(m);
        r?;
    }
    if let Some(ss) = slotstate {
        if !vm.isinstance(ss, vm.g.types.dict) {
            return Err(vm.new_exc(uerr, "slot state is not a dictionary"));
        }
        for (k, v) in vm.dict_items(ss) {
            vm.setattr(inst, k, v)?;
        }
    }
    Ok(())
}

fn ascii_str(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    if b.is_ascii() {
        return Ok(vm.new_str_bytes(b));
    }
    crate::types::bytes::decode(vm, b, "ascii", "strict")
}

fn utf8_str(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    match std::str::from_utf8(b) {
        Ok(_) => Ok(vm.new_str_bytes(b)),
        Err(_) => crate::types::bytes::decode(vm, b, "utf-8", "strict"),
    }
}

/// A str from UTF-8 with lone surrogates allowed (`surrogatepass`): the
/// engine's str storage is exactly that encoding, once validated.
fn new_str_surrogatepass(vm: &mut Vm, s: usize, e: usize, u: &Unpickler) -> PyResult<Value> {
    let b = &u.data()[s..e];
    // ASCII (the common case) is checked a word at a time; only other
    // text needs the full UTF-8 validation.
    if b.is_ascii() {
        return Ok(vm.new_str_ascii(b));
    }
    if std::str::from_utf8(b).is_ok() {
        return Ok(vm.new_str_bytes(b));
    }
    let b = b.to_vec();
    crate::types::bytes::decode(vm, &b, "utf-8", "surrogatepass")
}

fn parse_decimal(vm: &mut Vm, l: &[u8]) -> PyResult<i64> {
    let t = String::from_utf8_lossy(l).into_owned();
    match t.trim().parse::<i64>() {
        Ok(x) => Ok(x),
        Err(_) => {
            let s = vm.new_str(&t);
            let m = vm.push_root(s);
            let r = vm.call(vm.g.types.int, &[s, Value::int(10)], Value::EMPTY);
            vm.pop_roots(m);
            let v = r?;
            match vm.as_i64(v) {
                Some(x) => Ok(x),
                None => Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C ssize_t",
                )),
            }
        }
    }
}

/// Python 2 string escapes (`PyBytes_DecodeEscape`); `Err(message)` for a
/// bad `\x` escape or a trailing backslash.
fn escape_decode(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            return Err("Trailing \\ in string".to_string());
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let h = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
                match (h(b.get(i)), h(b.get(i + 1))) {
                    (Some(a), Some(c)) => {
                        out.push((a * 16 + c) as u8);
                        i += 2;
                    }
                    _ => return Err(format!("invalid \\x escape at position {start}")),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// The `raw-unicode-escape` codec's decoder.
fn raw_unicode_escape_decode(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    let mut cps: Vec<u32> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            cps.push(c as u32);
            i += 1;
            continue;
        }
        // A run of backslashes: an escape only after an odd count.
        let start = i;
        while i < b.len() && b[i] == b'\\' {
            i += 1;
        }
        let run = i - start;
        let esc = run % 2 == 1 && i < b.len() && (b[i] == b'u' || b[i] == b'U');
        for _ in 0..(if esc { run - 1 } else { run }) {
            cps.push(b'\\' as u32);
        }
        if !esc {
            continue;
        }
        let n = if b[i] == b'u' { 4 } else { 8 };
        let pos = i - 1;
        i += 1;
        let mut v: u32 = 0;
        let mut got = 0;
        while got < n && i < b.len() {
            match (b[i] as char).to_digit(16) {
                Some(d) => {
                    v = v.wrapping_mul(16).wrapping_add(d);
                    i += 1;
                    got += 1;
                }
                None => break,
            }
        }
        let reason = if got < n {
            Some(if n == 4 {
                "truncated \\uXXXX escape"
            } else {
                "truncated \\UXXXXXXXX escape"
            })
        } else if v > 0x10ffff {
            Some("\\Uxxxxxxxx out of range")
        } else {
            None
        };
        if let Some(reason) = reason {
            let obj = vm.new_bytes(b);
            let e = crate::text::codecs::CodecError {
                encode: false,
                encoding: "rawunicodeescape",
                start: pos,
                end: i,
                reason,
                chars: Vec::new(),
                bytes: b[pos..i].to_vec(),
            };
            return Err(crate::types::bytes::codec_exc(vm, &e, obj));
        }
        cps.push(v);
    }
    let bytes = crate::text::encode_wtf8(&cps);
    Ok(vm.new_str_bytes(&bytes))
}
