//! The pickler of `_pickle`: CPython 3.11's `save()` and its helpers, byte
//! for byte (opcode choice, memo numbering, batching, framing).
//!
//! Rooting. The memo holds every memoized object so that an address is never
//! reused while the pickle is written (CPython holds references). It lives in
//! a Rust [`Memo`] while no Python code runs; around every call that may run
//! Python code (`py`), it is parked in a local holder object whose payload
//! the collector traces ([`Holder`]), and taken back afterwards. Values in
//! progress (a reduce tuple, the current item of a list or dict) are pushed
//! on the value stack for the length of their save.

use super::*;
use proto_core::layouts::{dict as ldict, list as llist};
use std::collections::{HashMap, HashSet};

pub(super) const BATCHSIZE: usize = 1000;
const FRAME_SIZE_MIN: usize = 4;
const FRAME_SIZE_TARGET: usize = 64 * 1024;
const FRAME_HEADER_SIZE: usize = 9;
const FAST_NESTING_LIMIT: usize = 50;

/// The pickler's memo: object identity (the value's bits, from which the
/// object is rebuilt for tracing: it is kept alive) to memo index.
#[derive(Default)]
pub(super) struct Memo {
    pub map: HashMap<u64, u32, BuildHasherDefault<IdHasher>>,
}

impl Memo {
    pub fn with_capacity(n: usize) -> Memo {
        Memo {
            map: HashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        for &bits in self.map.keys() {
            let v = Value::from_bits(bits);
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// A hasher for value bits (heap pointers: 64-byte aligned).
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _b: &[u8]) {
        unreachable!("IdHasher hashes u64 keys only")
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (x >> 6).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Payload of the local object that holds a parked memo during Python calls.
pub(super) struct Holder(pub Mutex<Memo>);

impl Trace for Holder {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        // Only this thread reaches the holder (it is never stored anywhere
        // but the value stack), and it never holds the lock while Python
        // code (and so a collection) runs.
        sync::lock(&self.0).trace(f);
    }
}

/// Configuration of one dump.
pub(super) struct Config {
    pub proto: u8,
    pub fix_imports: bool,
    pub fast: bool,
    pub write: Option<Value>,
    pub pers_func: Option<Value>,
    pub pers_self: Option<Value>,
    pub dispatch_table: Option<Value>,
    pub buffer_callback: Option<Value>,
    pub reducer_override: Option<Value>,
}

pub(super) struct Pickler {
    pub st: St,
    pub proto: u8,
    pub bin: bool,
    framing: bool,
    pub fast: bool,
    fix_imports: bool,
    pub out: Vec<u8>,
    frame_start: Option<usize>,
    write: Option<Value>,
    pers_func: Option<Value>,
    pers_self: Option<Value>,
    dispatch_table: Option<Value>,
    buffer_callback: Option<Value>,
    reducer_override: Option<Value>,
    pub memo: Memo,
    holder: Value,
    fast_nesting: usize,
    fast_memo: HashSet<u64>,
}

#[inline]
fn kind_of(v: Value) -> Option<(Obj, Kind)> {
    Obj::from_value(v).map(|o| (o, o.kind()))
}

impl Pickler {
    /// A pickler; `holder` must be rooted by the caller for the dump.
    pub fn new(vm: &mut Vm, st: St, c: Config, memo: Memo) -> Pickler {
        let holder = vm.ctx.alloc_native_with_values(
            K_MISC,
            vm.g.types.object,
            0,
            Holder(Mutex::new(Memo::default())),
        );
        Pickler {
            st,
            proto: c.proto,
            bin: c.proto > 0,
            framing: false,
            fast: c.fast,
            fix_imports: c.fix_imports && c.proto < 3,
            out: Vec::with_capacity(64 * 1024),
            frame_start: None,
            write: c.write,
            pers_func: c.pers_func,
            pers_self: c.pers_self,
            dispatch_table: c.dispatch_table,
            buffer_callback: c.buffer_callback,
            reducer_override: c.reducer_override,
            memo,
            holder,
            fast_nesting: 0,
            fast_memo: HashSet::new(),
        }
    }

    /// The values the pickler holds outside the memo (to root them).
    pub fn roots(&self) -> Vec<Value> {
        let mut r = vec![self.holder];
        for v in [
            self.write,
            self.pers_func,
            self.pers_self,
            self.dispatch_table,
            self.buffer_callback,
            self.reducer_override,
        ]
        .into_iter()
        .flatten()
        {
            r.push(v);
        }
        r
    }

    /// Runs `f` (which may run Python code) with the memo parked in the
    /// traced holder.
    #[inline]
    fn py<T>(&mut self, vm: &mut Vm, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
        let h = Obj::from_value(self.holder)
            .and_then(native_ref::<Holder>)
            .expect("holder");
        std::mem::swap(&mut *sync::lock(&h.0), &mut self.memo);
        let r = f(vm);
        std::mem::swap(&mut *sync::lock(&h.0), &mut self.memo);
        r
    }

    fn err(&self, vm: &mut Vm, msg: &str) -> PyException {
        vm.new_exc(self.st.pickling_error, msg)
    }

    // ------------------------------------------------------------ output

    #[inline]
    fn w(&mut self, s: &[u8]) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0xFE; FRAME_HEADER_SIZE]);
        }
        self.out.extend_from_slice(s);
    }

    /// BININT1, BININT2 or BININT with `x`'s bytes: the opcode and all
    /// four bytes stored at once into reserved room, the used part kept
    /// (no copy of a run-time length).
    #[inline(always)]
    fn write_binint(&mut self, x: i32) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0xFE; FRAME_HEADER_SIZE]);
        }
        let (op, n) = if x as u32 > 0xffff {
            (BININT, 5)
        } else if x > 0xff {
            (BININT2, 3)
        } else {
            (BININT1, 2)
        };
        let b = x.to_le_bytes();
        let len = self.out.len();
        self.out.reserve(5);
        let spare = self.out.spare_capacity_mut();
        for (d, b) in spare[..5].iter_mut().zip([op, b[0], b[1], b[2], b[3]]) {
            d.write(b);
        }
        // SAFETY: `reserve(5)` made room for 5 bytes after `len`, all five
        // written above; `n <= 5` of them are kept.
        unsafe { self.out.set_len(len + n) };
    }

    #[inline]
    fn w1(&mut self, b: u8) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0xFE; FRAME_HEADER_SIZE]);
        }
        self.out.push(b);
    }

    pub fn commit_frame(&mut self) {
        if !self.framing {
            return;
        }
        let Some(start) = self.frame_start.take() else {
            return;
        };
        let len = self.out.len() - start - FRAME_HEADER_SIZE;
        if len >= FRAME_SIZE_MIN {
            self.out[start] = FRAME;
            self.out[start + 1..start + 9].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER_SIZE);
        }
    }

    /// Writes the buffer (its frame committed) to the file and empties it.
    pub fn flush_to_file(&mut self, vm: &mut Vm) -> PyResult<()> {
        self.commit_frame();
        let Some(write) = self.write else {
            return Ok(());
        };
        let data = std::mem::take(&mut self.out);
        let b = vm.new_bytes(&data);
        self.py(vm, |vm| {
            let mark = vm.push_root(b);
            let r = vm.call(write, &[b], Value::EMPTY);
            vm.pop_roots(mark);
            r.map(|_| ())
        })
    }

    #[inline]
    fn opcode_boundary(&mut self, vm: &mut Vm) -> PyResult<()> {
        if !self.framing {
            return Ok(());
        }
        let Some(start) = self.frame_start else {
            return Ok(());
        };
        if self.out.len() - start - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET {
            self.commit_frame();
            if self.write.is_some() {
                self.flush_to_file(vm)?;
            }
        }
        Ok(())
    }

    /// CPython's `_Pickler_write_bytes`: a header and a large payload, the
    /// payload outside any frame (and written to the file directly).
    fn write_bytes(
        &mut self,
        vm: &mut Vm,
        header: &[u8],
        data: &[u8],
        payload: Option<Value>,
    ) -> PyResult<()> {
        let bypass = data.len() >= FRAME_SIZE_TARGET;
        let framing = self.framing;
        if bypass {
            self.commit_frame();
            self.framing = false;
        }
        self.w(header);
        if bypass && self.write.is_some() {
            self.flush_to_file(vm)?;
            let write = self.write.expect("write");
            let p = match payload {
                Some(p) => p,
                None => vm.new_bytes(data),
            };
            self.py(vm, |vm| {
                let mark = vm.push_root(p);
                let r = vm.call(write, &[p], Value::EMPTY);
                vm.pop_roots(mark);
                r.map(|_| ())
            })?;
        } else {
            self.w(data);
        }
        self.framing = framing;
        Ok(())
    }

    // ------------------------------------------------------------ memo

    fn memo_put(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        if self.fast {
            return Ok(());
        }
        let idx = self.memo.map.len();
        self.memo.map.insert(obj.bits(), idx as u32);
        self.memo_put_op(vm, idx)
    }

    /// The opcode that stores the stack top as memo entry `idx`.
    fn memo_put_op(&mut self, vm: &mut Vm, idx: usize) -> PyResult<()> {
        if self.proto >= 4 {
            self.w1(MEMOIZE);
        } else if !self.bin {
            let s = format!("p{idx}\n");
            self.w(s.as_bytes());
        } else if idx < 256 {
            self.w(&[BINPUT, idx as u8]);
        } else if idx <= 0xffff_ffff {
            let b = (idx as u32).to_le_bytes();
            self.w(&[LONG_BINPUT, b[0], b[1], b[2], b[3]]);
        } else {
            return Err(self.err(vm, "memo id too large for LONG_BINPUT"));
        }
        Ok(())
    }

    #[inline]
    fn memo_lookup(&self, obj: Value) -> Option<u32> {
        self.memo.map.get(&obj.bits()).copied()
    }

    fn memo_get(&mut self, idx: u32) {
        if !self.bin {
            let s = format!("g{idx}\n");
            self.w(s.as_bytes());
        } else if idx < 256 {
            self.w(&[BINGET, idx as u8]);
        } else {
            let b = idx.to_le_bytes();
            self.w(&[LONG_BINGET, b[0], b[1], b[2], b[3]]);
        }
    }

    // ------------------------------------------------------------ dump

    pub fn dump(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        if self.proto >= 2 {
            self.w(&[PROTO, self.proto]);
            if self.proto >= 4 {
                self.framing = true;
            }
        }
        let r = self.save(vm, obj, false);
        if r.is_ok() {
            self.w1(STOP);
            self.commit_frame();
        }
        self.framing = false;
        r
    }

    /// `save` of an item read from a container another thread may change:
    /// a heap item is rooted for the call (an immediate needs no root).
    #[inline]
    fn save_item(&mut self, vm: &mut Vm, item: Value) -> PyResult<()> {
        if item.is_immediate() {
            return self.save_immediate(vm, item);
        }
        let mark = vm.push_root(item);
        let r = self.save(vm, item, false);
        vm.pop_roots(mark);
        r
    }

    /// `save` of an immediate: the commonest items, a binary int of 32
    /// bits and None, are written here without `save`'s frame when no
    /// persistent_id hook is set.
    #[inline(always)]
    fn save_immediate(&mut self, vm: &mut Vm, item: Value) -> PyResult<()> {
        if self.pers_func.is_none() {
            if let Some(i) = item.as_int() {
                if self.bin {
                    if let Ok(x) = i32::try_from(i) {
                        self.opcode_boundary(vm)?;
                        self.write_binint(x);
                        return Ok(());
                    }
                }
            } else if item.is_none() {
                self.opcode_boundary(vm)?;
                self.w1(NONE);
                return Ok(());
            }
        }
        self.save(vm, item, false)
    }

    pub fn save(&mut self, vm: &mut Vm, obj: Value, pers_save: bool) -> PyResult<()> {
        self.opcode_boundary(vm)?;
        if !pers_save && self.pers_func.is_some() && self.save_pers(vm, obj)? {
            return Ok(());
        }
        // Atoms: never memoized.
        if obj.is_none() {
            self.w1(NONE);
            return Ok(());
        }
        if obj.is_bool() {
            let t = obj == Value::TRUE;
            if self.proto >= 2 {
                self.w1(if t { NEWTRUE } else { NEWFALSE });
            } else {
                self.w(if t { b"I01\n" } else { b"I00\n" });
            }
            return Ok(());
        }
        if let Some(i) = obj.as_int() {
            return self.save_long(vm, obj, i);
        }
        if let Some(f) = obj.as_float() {
            self.save_float(vm, f);
            return Ok(());
        }
        let Some((o, kind)) = kind_of(obj) else {
            return self.save_other(vm, obj);
        };
        match kind {
            Kind::BIG_INT => {
                let i = vm.as_i64(obj).unwrap_or(i64::MAX);
                return self.save_long(vm, obj, i);
            }
            Kind::FLOAT => {
                self.save_float(vm, boxed_float(o));
                return Ok(());
            }
            _ => {}
        }
        let cls = o.class();
        if kind == Kind::STR && cls == vm.g.types.str_ && !self.fast {
            // One probe: the entry is taken before the text is written (a
            // failure aborts the whole dump).
            let idx = self.memo.map.len();
            match self.memo.map.entry(obj.bits()) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let i = *e.get();
                    self.memo_get(i);
                    return Ok(());
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(idx as u32);
                }
            }
            let mark = vm.push_root(obj);
            let r = self.write_unicode(vm, obj);
            vm.pop_roots(mark);
            r?;
            return self.memo_put_op(vm, idx);
        }
        if let Some(idx) = self.memo_lookup(obj) {
            self.memo_get(idx);
            return Ok(());
        }
        if kind == Kind::STR && cls == vm.g.types.str_ {
            return self.save_unicode(vm, obj);
        }
        if kind == Kind::BYTES && cls == vm.g.types.bytes {
            return self.save_bytes(vm, obj);
        }
        vm.native_depth += 1;
        let lim =
            vm.g.recursion_limit
                .load(std::sync::atomic::Ordering::Relaxed);
        let r = if vm.native_depth > lim + 50 {
            Err(vm.new_exc(
                vm.g.e.RecursionError,
                "maximum recursion depth exceeded while pickling an object",
            ))
        } else {
            let mark = vm.push_root(obj);
            let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                self.save_container(vm, obj, o, kind, cls)
            });
            vm.pop_roots(mark);
            r
        };
        vm.native_depth -= 1;
        r
    }

    fn save_container(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        o: Obj,
        kind: Kind,
        cls: Value,
    ) -> PyResult<()> {
        let t = &vm.g.types;
        if cls == t.dict && kind == Kind::DICT {
            return self.save_dict(vm, obj, o, true);
        }
        if cls == t.list && kind == Kind::LIST {
            return self.save_list(vm, obj, o, true);
        }
        if cls == t.tuple && kind == Kind::TUPLE {
            return self.save_tuple(vm, obj, o);
        }
        if cls == t.set {
            return self.save_set(vm, obj);
        }
        if cls == t.frozenset {
            return self.save_frozenset(vm, obj);
        }
        if cls == t.bytearray {
            return self.save_bytearray(vm, obj);
        }
        if cls == self.st.picklebuffer {
            return self.save_picklebuffer(vm, obj);
        }
        self.save_other(vm, obj)
    }

    /// Everything that goes through `reducer_override`, globals or a
    /// reduce function.
    fn save_other(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let mut reduce_value = None;
        if let Some(ro) = self.reducer_override {
            let rv = self.py(vm, |vm| vm.call(ro, &[obj], Value::EMPTY))?;
            if rv != Value::NOT_IMPLEMENTED {
                reduce_value = Some(rv);
            }
        }
        let rv = match reduce_value {
            Some(rv) => rv,
            None => {
                let ty = vm.type_of(obj);
                if ty == vm.g.types.type_ {
                    return self.save_type(vm, obj);
                }
                if ty == vm.g.types.function {
                    return self.save_global(vm, obj, None);
                }
                // ProtoPy's one builtin type stands for CPython's
                // builtin_function_or_method, method_descriptor and
                // wrapper_descriptor; a reducer registered for it
                // (multiprocessing registers `type(list.append)`) applies
                // only to what is a descriptor in CPython: a type's
                // unbound method. Functions and bound methods reduce by
                // their own `__reduce__`, as in CPython.
                let plain_builtin = Obj::from_value(obj).is_some_and(|o| match o.kind() {
                    K_BUILTIN => {
                        builtin_data(o).is_some_and(|b| !(b.owner.is_heap() && b.bound.is_empty()))
                    }
                    K_METHOD => ty == vm.g.types.builtin,
                    _ => false,
                });
                let reduce_func = match self.dispatch_table {
                    _ if plain_builtin => None,
                    None => {
                        let dt = self.st.dispatch_table;
                        self.py(vm, |vm| vm.dict_get(dt, ty))?
                    }
                    Some(dt) => self.py(vm, |vm| match vm.getitem(dt, ty) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if vm.isinstance(e.0, vm.g.e.KeyError) => Ok(None),
                        Err(e) => Err(e),
                    })?,
                };
                if let Some(f) = reduce_func {
                    let mark = vm.push_root(f);
                    let r = self.py(vm, |vm| vm.call(f, &[obj], Value::EMPTY));
                    vm.pop_roots(mark);
                    r?
                } else if vm.is_subtype(ty, vm.g.types.type_) {
                    return self.save_global(vm, obj, None);
                } else {
                    let proto = self.proto;
                    let st_err = self.st.pickling_error;
                    self.py(vm, |vm| {
                        let n = vm.intern("__reduce_ex__");
                        if let Some(f) = vm.getattr_opt(obj, n)? {
                            let mark = vm.push_root(f);
                            let r = vm.call(f, &[Value::int(proto as i64)], Value::EMPTY);
                            vm.pop_roots(mark);
                            return r;
                        }
                        let n = vm.intern("__reduce__");
                        if let Some(f) = vm.getattr_opt(obj, n)? {
                            let mark = vm.push_root(f);
                            let r = vm.call(f, &[], Value::EMPTY);
                            vm.pop_roots(mark);
                            return r;
                        }
                        let tn = vm.type_name_of(obj);
                        let r = vm.repr_string(obj)?;
                        Err(vm.new_exc(st_err, &format!("can't pickle '{tn}' object: {r}")))
                    })?
                }
            }
        };
        let mark = vm.push_root(rv);
        let r = if is_str(rv) {
            self.save_global(vm, obj, Some(rv))
        } else if !kind_of(rv).is_some_and(|(_, k)| k == Kind::TUPLE) {
            Err(self.err(vm, "__reduce__ must return a string or tuple"))
        } else {
            self.save_reduce(vm, rv, Some(obj))
        };
        vm.pop_roots(mark);
        r
    }

    fn save_pers(&mut self, vm: &mut Vm, obj: Value) -> PyResult<bool> {
        let f = self.pers_func.expect("pers_func");
        let s = self.pers_self;
        let pid = self.py(vm, |vm| match s {
            Some(s) => vm.call(f, &[s, obj], Value::EMPTY),
            None => vm.call(f, &[obj], Value::EMPTY),
        })?;
        if pid.is_none() {
            return Ok(false);
        }
        let mark = vm.push_root(pid);
        let r = (|| {
            if self.bin {
                self.save(vm, pid, true)?;
                self.w1(BINPERSID);
            } else {
                let s = self.py(vm, |vm| vm.str(pid))?;
                let b = str_bytes(s);
                if !b.is_ascii() {
                    return Err(self.err(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                }
                let b = b.to_vec();
                self.w1(PERSID);
                self.w(&b);
                self.w1(b'\n');
            }
            Ok(true)
        })();
        vm.pop_roots(mark);
        r
    }

    // ------------------------------------------------------------ atoms

    fn save_long(&mut self, vm: &mut Vm, obj: Value, i: i64) -> PyResult<()> {
        let small = if obj.as_int().is_some() {
            Some(i)
        } else {
            vm.as_i64(obj)
        };
        if let Some(x) = small.and_then(|i| i32::try_from(i).ok()) {
            if self.bin {
                self.write_binint(x);
            } else {
                let s = format!("I{x}\n");
                self.w(s.as_bytes());
            }
            return Ok(());
        }
        if self.proto >= 2 && bigint_of(obj).is_none() {
            // An i64 outside int32: its shortest two's complement bytes.
            let b = i.to_le_bytes();
            let mut n = 8;
            while n > 1 {
                let (top, next) = (b[n - 1], b[n - 2]);
                if (top == 0 && next & 0x80 == 0) || (top == 0xff && next & 0x80 != 0) {
                    n -= 1;
                } else {
                    break;
                }
            }
            self.w(&[LONG1, n as u8]);
            self.w(&b[..n]);
            return Ok(());
        }
        let big: num_bigint::BigInt = match bigint_of(obj) {
            Some(b) => b.clone(),
            None => num_bigint::BigInt::from(i),
        };
        if self.proto >= 2 {
            if big.sign() == num_bigint::Sign::NoSign {
                self.w(&[LONG1, 0]);
                return Ok(());
            }
            let bytes = big.to_signed_bytes_le();
            let n = bytes.len();
            if n > 0x7fff_ffff {
                return Err(vm.new_exc(vm.g.e.OverflowError, "int too large to pickle"));
            }
            if n < 256 {
                self.w(&[LONG1, n as u8]);
            } else {
                let h = (n as u32).to_le_bytes();
                self.w(&[LONG4, h[0], h[1], h[2], h[3]]);
            }
            self.w(&bytes);
        } else {
            let s = vm.int_decimal(&big)?;
            self.w1(LONG);
            self.w(s.as_bytes());
            self.w(b"L\n");
        }
        Ok(())
    }

    fn save_float(&mut self, vm: &mut Vm, f: f64) {
        if self.bin {
            let b = f.to_be_bytes();
            self.w1(BINFLOAT);
            self.w(&b);
        } else {
            let s = vm.float_text(f);
            self.w1(FLOAT);
            self.w(s.as_bytes());
            self.w1(b'\n');
        }
    }

    fn save_unicode(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        // Rooted: a large string may be written to the file (Python code)
        // before it is memoized.
        let mark = vm.push_root(obj);
        let r = self.save_unicode_rooted(vm, obj);
        vm.pop_roots(mark);
        r
    }

    fn save_unicode_rooted(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        self.write_unicode(vm, obj)?;
        self.memo_put(vm, obj)
    }

    /// The opcode and text of a str (no memo).
    fn write_unicode(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let data = str_bytes(obj);
        if self.bin {
            let size = data.len();
            let mut h = [0u8; 9];
            let hl = if size <= 0xff && self.proto >= 4 {
                h[0] = SHORT_BINUNICODE;
                h[1] = size as u8;
                2
            } else if size <= 0xffff_ffff {
                h[0] = BINUNICODE;
                h[1..5].copy_from_slice(&(size as u32).to_le_bytes());
                5
            } else if self.proto >= 4 {
                h[0] = BINUNICODE8;
                h[1..9].copy_from_slice(&(size as u64).to_le_bytes());
                9
            } else {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "serializing a string larger than 4 GiB requires pickle protocol 4 or higher",
                ));
            };
            self.write_bytes(vm, &h[..hl], data, None)?;
        } else {
            let enc = raw_unicode_escape(data);
            self.w1(UNICODE);
            self.w(&enc);
            self.w1(b'\n');
        }
        Ok(())
    }

    fn save_bytes_data(&mut self, vm: &mut Vm, obj: Value, data: &[u8]) -> PyResult<()> {
        let size = data.len();
        let mut h = [0u8; 9];
        let hl = if size <= 0xff {
            h[0] = SHORT_BINBYTES;
            h[1] = size as u8;
            2
        } else if size <= 0xffff_ffff {
            h[0] = BINBYTES;
            h[1..5].copy_from_slice(&(size as u32).to_le_bytes());
            5
        } else if self.proto >= 4 {
            h[0] = BINBYTES8;
            h[1..9].copy_from_slice(&(size as u64).to_le_bytes());
            9
        } else {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher",
            ));
        };
        let payload = kind_of(obj).filter(|(_, k)| *k == Kind::BYTES).map(|_| obj);
        self.write_bytes(vm, &h[..hl], data, payload)?;
        self.memo_put(vm, obj)
    }

    fn save_bytes(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let data = str_bytes(obj);
        if self.proto >= 3 {
            let mark = vm.push_root(obj);
            let r = self.save_bytes_data(vm, obj, data);
            vm.pop_roots(mark);
            return r;
        }
        let rv = if data.is_empty() {
            let e = vm.new_tuple(&[]);
            vm.new_tuple(&[vm.g.types.bytes, e])
        } else {
            let s: String = data.iter().map(|&b| b as char).collect();
            let s = vm.new_str(&s);
            let l1 = vm.intern("latin1");
            let a = vm.new_tuple(&[s, l1]);
            vm.new_tuple(&[self.st.codecs_encode, a])
        };
        let mark = vm.push_root(rv);
        let r = self.save_reduce(vm, rv, Some(obj));
        vm.pop_roots(mark);
        r
    }

    fn save_bytearray_data(&mut self, vm: &mut Vm, obj: Value, data: &[u8]) -> PyResult<()> {
        let mut h = [0u8; 9];
        h[0] = BYTEARRAY8;
        h[1..9].copy_from_slice(&(data.len() as u64).to_le_bytes());
        self.write_bytes(vm, &h, data, None)?;
        self.memo_put(vm, obj)
    }

    fn save_bytearray(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let data = crate::types::bytes::buf(obj).unwrap_or_default();
        if self.proto >= 5 {
            return self.save_bytearray_data(vm, obj, &data);
        }
        let rv = if data.is_empty() {
            let e = vm.new_tuple(&[]);
            vm.new_tuple(&[vm.g.types.bytearray, e])
        } else {
            let b = vm.new_bytes(&data);
            let a = vm.new_tuple(&[b]);
            vm.new_tuple(&[vm.g.types.bytearray, a])
        };
        let mark = vm.push_root(rv);
        let r = self.save_reduce(vm, rv, Some(obj));
        vm.pop_roots(mark);
        r
    }

    fn save_picklebuffer(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        if self.proto < 5 {
            return Err(self.err(vm, "PickleBuffer can only pickled with protocol >= 5"));
        }
        let (data, readonly) = super::picklebuffer_data(vm, obj)?;
        let mut in_band = true;
        if let Some(cb) = self.buffer_callback {
            in_band = self.py(vm, |vm| {
                let r = vm.call(cb, &[obj], Value::EMPTY)?;
                vm.truthy(r)
            })?;
        }
        if in_band {
            if readonly {
                self.save_bytes_data(vm, obj, &data)
            } else {
                self.save_bytearray_data(vm, obj, &data)
            }
        } else {
            self.w1(NEXT_BUFFER);
            if readonly {
                self.w1(READONLY_BUFFER);
            }
            Ok(())
        }
    }

    // ------------------------------------------------------------ containers

    fn save_tuple(&mut self, vm: &mut Vm, obj: Value, o: Obj) -> PyResult<()> {
        let len = o.n_values();
        if len == 0 {
            if self.proto > 0 {
                self.w1(EMPTY_TUPLE);
            } else {
                self.w(&[MARK, TUPLE]);
            }
            return Ok(());
        }
        if len <= 3 && self.proto >= 2 {
            for i in 0..len {
                self.save(vm, o.get(i), false)?;
            }
            if let Some(idx) = self.memo_lookup(obj) {
                for _ in 0..len {
                    self.w1(POP);
                }
                self.memo_get(idx);
                return Ok(());
            }
            self.w1([EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3][len]);
            return self.memo_put(vm, obj);
        }
        self.w1(MARK);
        for i in 0..len {
            self.save(vm, o.get(i), false)?;
        }
        if let Some(idx) = self.memo_lookup(obj) {
            if self.bin {
                self.w1(POP_MARK);
            } else {
                for _ in 0..=len {
                    self.w1(POP);
                }
            }
            self.memo_get(idx);
            return Ok(());
        }
        self.w1(TUPLE);
        self.memo_put(vm, obj)
    }

    fn fast_enter(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        self.fast_nesting += 1;
        if self.fast_nesting >= FAST_NESTING_LIMIT && !self.fast_memo.insert(obj.bits()) {
            let tn = vm.type_name_of(obj);
            return Err(vm.value_error(&format!(
                "fast mode: can't pickle cyclic objects including object type {tn} at {:#x}",
                object_id(obj)
            )));
        }
        Ok(())
    }

    fn fast_leave(&mut self, obj: Value) {
        if self.fast_nesting >= FAST_NESTING_LIMIT {
            self.fast_memo.remove(&obj.bits());
        }
        self.fast_nesting = self.fast_nesting.saturating_sub(1);
    }

    fn save_list(&mut self, vm: &mut Vm, obj: Value, o: Obj, _exact: bool) -> PyResult<()> {
        if self.fast {
            self.fast_enter(vm, obj)?;
        }
        let r = (|| {
            if self.bin {
                self.w1(EMPTY_LIST);
            } else {
                self.w(&[MARK, LIST]);
            }
            self.memo_put(vm, obj)?;
            let len = llist::len(o);
            if len == 0 {
                return Ok(());
            }
            if self.proto == 0 {
                let it = self.py(vm, |vm| vm.iter(obj))?;
                return self.batch_list(vm, it);
            }
            if len == 1 {
                let item = llist::get(o, 0).unwrap_or(Value::NONE);
                self.save_item(vm, item)?;
                self.w1(APPEND);
                return Ok(());
            }
            let mut total = 0;
            loop {
                let mut this_batch = 0;
                self.w1(MARK);
                while let Some(item) = llist::get(o, total) {
                    self.save_item(vm, item)?;
                    total += 1;
                    this_batch += 1;
                    if this_batch == BATCHSIZE {
                        break;
                    }
                }
                self.w1(APPENDS);
                if total >= llist::len(o) {
                    break;
                }
            }
            Ok(())
        })();
        if self.fast {
            self.fast_leave(obj);
        }
        r
    }

    fn next_item(&mut self, vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
        self.py(vm, |vm| vm.next(it))
    }

    /// `batch_list`: items of an iterator as APPEND/APPENDS.
    fn batch_list(&mut self, vm: &mut Vm, it: Value) -> PyResult<()> {
        let mark = vm.push_root(it);
        let r = (|| {
            if self.proto == 0 {
                while let Some(x) = self.next_item(vm, it)? {
                    let m = vm.push_root(x);
                    let r = self.save(vm, x, false);
                    vm.pop_roots(m);
                    r?;
                    self.w1(APPEND);
                }
                return Ok(());
            }
            while let Some(first) = self.next_item(vm, it)? {
                let m = vm.push_root(first);
                let second = self.next_item(vm, it);
                let second = match second {
                    Ok(s) => s,
                    Err(e) => {
                        vm.pop_roots(m);
                        return Err(e);
                    }
                };
                let Some(mut obj) = second else {
                    let r = self.save(vm, first, false);
                    vm.pop_roots(m);
                    r?;
                    self.w1(APPEND);
                    break;
                };
                self.w1(MARK);
                let r = self.save(vm, first, false);
                vm.pop_roots(m);
                r?;
                let mut n = 1;
                loop {
                    let m = vm.push_root(obj);
                    let r = self.save(vm, obj, false);
                    vm.pop_roots(m);
                    r?;
                    n += 1;
                    if n == BATCHSIZE {
                        break;
                    }
                    match self.next_item(vm, it)? {
                        Some(x) => obj = x,
                        None => break,
                    }
                }
                self.w1(APPENDS);
                if n != BATCHSIZE {
                    break;
                }
            }
            Ok(())
        })();
        vm.pop_roots(mark);
        r
    }

    fn pair_of(&mut self, vm: &mut Vm, x: Value) -> PyResult<(Value, Value)> {
        match kind_of(x) {
            Some((o, Kind::TUPLE)) if o.n_values() == 2 => Ok((o.get(0), o.get(1))),
            _ => Err(vm.type_error("dict items iterator must return 2-tuples")),
        }
    }

    fn save_pair(&mut self, vm: &mut Vm, k: Value, v: Value) -> PyResult<()> {
        if k.is_immediate() && v.is_immediate() {
            self.save_immediate(vm, k)?;
            return self.save_immediate(vm, v);
        }
        let m = vm.push_root(k);
        vm.push_root(v);
        let r = self
            .save(vm, k, false)
            .and_then(|_| self.save(vm, v, false));
        vm.pop_roots(m);
        r
    }

    /// `batch_dict`: pairs of an iterator as SETITEM/SETITEMS.
    fn batch_dict(&mut self, vm: &mut Vm, it: Value) -> PyResult<()> {
        let mark = vm.push_root(it);
        let r = (|| {
            if self.proto == 0 {
                while let Some(x) = self.next_item(vm, it)? {
                    let m = vm.push_root(x);
                    let r = self
                        .pair_of(vm, x)
                        .and_then(|(k, v)| self.save_pair(vm, k, v));
                    vm.pop_roots(m);
                    r?;
                    self.w1(SETITEM);
                }
                return Ok(());
            }
            while let Some(first) = self.next_item(vm, it)? {
                let m = vm.push_root(first);
                let r = (|| {
                    let (k1, v1) = self.pair_of(vm, first)?;
                    let Some(mut obj) = self.next_item(vm, it)? else {
                        self.save_pair(vm, k1, v1)?;
                        self.w1(SETITEM);
                        return Ok(false);
                    };
                    self.w1(MARK);
                    self.save_pair(vm, k1, v1)?;
                    let mut n = 1;
                    loop {
                        let m2 = vm.push_root(obj);
                        let r = self
                            .pair_of(vm, obj)
                            .and_then(|(k, v)| self.save_pair(vm, k, v));
                        vm.pop_roots(m2);
                        r?;
                        n += 1;
                        if n == BATCHSIZE {
                            break;
                        }
                        match self.next_item(vm, it)? {
                            Some(x) => obj = x,
                            None => break,
                        }
                    }
                    self.w1(SETITEMS);
                    Ok(n == BATCHSIZE)
                })();
                vm.pop_roots(m);
                if !r? {
                    break;
                }
            }
            Ok(())
        })();
        vm.pop_roots(mark);
        r
    }

    fn save_dict(&mut self, vm: &mut Vm, obj: Value, o: Obj, _exact: bool) -> PyResult<()> {
        if self.fast {
            self.fast_enter(vm, obj)?;
        }
        let r = (|| {
            if self.bin {
                self.w1(EMPTY_DICT);
            } else {
                self.w(&[MARK, DICT]);
            }
            self.memo_put(vm, obj)?;
            let size = ldict::len(o);
            if size == 0 {
                return Ok(());
            }
            if self.proto == 0 {
                let it = self.py(vm, |vm| {
                    let items = vm.call_method(obj, "items", &[])?;
                    let m = vm.push_root(items);
                    let r = vm.iter(items);
                    vm.pop_roots(m);
                    r
                })?;
                return self.batch_dict(vm, it);
            }
            // Live iteration by entry position, as PyDict_Next.
            let mut pos = 0usize;
            let next = |pos: &mut usize| -> Option<(Value, Value)> {
                loop {
                    let t = ldict::table(o);
                    if *pos >= ldict::used(t).min(ldict::cap(t)) {
                        return None;
                    }
                    let e = ldict::live_entry(t, *pos);
                    *pos += 1;
                    if let Some((k, v, _)) = e {
                        return Some((k, v));
                    }
                }
            };
            if size == 1 {
                if let Some((k, v)) = next(&mut pos) {
                    self.save_pair(vm, k, v)?;
                }
                self.w1(SETITEM);
                return Ok(());
            }
            loop {
                let mut i = 0;
                self.w1(MARK);
                while let Some((k, v)) = next(&mut pos) {
                    self.save_pair(vm, k, v)?;
                    i += 1;
                    if i == BATCHSIZE {
                        break;
                    }
                }
                self.w1(SETITEMS);
                if ldict::len(o) != size {
                    return Err(vm.new_exc(
                        vm.g.e.RuntimeError,
                        "dictionary changed size during iteration",
                    ));
                }
                if i != BATCHSIZE {
                    break;
                }
            }
            Ok(())
        })();
        if self.fast {
            self.fast_leave(obj);
        }
        r
    }

    fn save_set(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let items = vm.set_items(obj);
        if self.proto < 4 {
            let l = vm.new_list(&items);
            let a = vm.new_tuple(&[l]);
            let rv = vm.new_tuple(&[vm.g.types.set, a]);
            let mark = vm.push_root(rv);
            let r = self.save_reduce(vm, rv, Some(obj));
            vm.pop_roots(mark);
            return r;
        }
        self.w1(EMPTY_SET);
        self.memo_put(vm, obj)?;
        if items.is_empty() {
            return Ok(());
        }
        let size = items.len();
        let snap = vm.new_tuple(&items);
        let mark = vm.push_root(snap);
        let r = (|| {
            let mut i = 0;
            while i < size {
                self.w1(MARK);
                let end = (i + BATCHSIZE).min(size);
                for &x in &items[i..end] {
                    self.save(vm, x, false)?;
                }
                i = end;
                self.w1(ADDITEMS);
                if vm.set_items(obj).len() != size {
                    return Err(
                        vm.new_exc(vm.g.e.RuntimeError, "set changed size during iteration")
                    );
                }
            }
            Ok(())
        })();
        vm.pop_roots(mark);
        r
    }

    fn save_frozenset(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let items = vm.set_items(obj);
        if self.proto < 4 {
            let l = vm.new_list(&items);
            let a = vm.new_tuple(&[l]);
            let rv = vm.new_tuple(&[vm.g.types.frozenset, a]);
            let mark = vm.push_root(rv);
            let r = self.save_reduce(vm, rv, Some(obj));
            vm.pop_roots(mark);
            return r;
        }
        self.w1(MARK);
        for &x in &items {
            self.save(vm, x, false)?;
        }
        if let Some(idx) = self.memo_lookup(obj) {
            self.w1(POP_MARK);
            self.memo_get(idx);
            return Ok(());
        }
        self.w1(FROZENSET);
        self.memo_put(vm, obj)
    }

    // ------------------------------------------------------------ globals

    fn save_type(&mut self, vm: &mut Vm, obj: Value) -> PyResult<()> {
        let singleton = if obj == vm.g.types.none {
            Some(Value::NONE)
        } else if obj == vm.g.types.ellipsis {
            Some(Value::ELLIPSIS)
        } else if obj == vm.g.types.not_implemented {
            Some(Value::NOT_IMPLEMENTED)
        } else {
            None
        };
        match singleton {
            Some(s) => {
                let a = vm.new_tuple(&[s]);
                let rv = vm.new_tuple(&[vm.g.types.type_, a]);
                let mark = vm.push_root(rv);
                let r = self.save_reduce(vm, rv, Some(obj));
                vm.pop_roots(mark);
                r
            }
            None => self.save_global(vm, obj, None),
        }
    }

    pub fn save_global(&mut self, vm: &mut Vm, obj: Value, name: Option<Value>) -> PyResult<()> {
        let st = self.st;
        let found = self.py(vm, |vm| find_global(vm, st, obj, name))?;
        let (module_name, global_name, lastname, parent_is_module) = found;
        let mark = vm.push_root(module_name);
        vm.push_root(global_name);
        vm.push_root(lastname);
        let r = (|| {
            if self.proto >= 2 {
                let key = vm.new_tuple(&[module_name, global_name]);
                let reg = self.st.extension_registry;
                let code = self.py(vm, |vm| {
                    let m = vm.push_root(key);
                    let r = vm.dict_get(reg, key);
                    vm.pop_roots(m);
                    r
                })?;
                if let Some(code_obj) = code {
                    let code = match vm.as_i64(code_obj) {
                        Some(c) if vm.is_int_like(code_obj) => c,
                        _ => {
                            let (ro, rc) = self.py(vm, |vm| {
                                Ok((vm.repr_string(obj)?, vm.repr_string(code_obj)?))
                            })?;
                            return Err(self.err(
                                vm,
                                &format!("Can't pickle {ro}: extension code {rc} isn't an integer"),
                            ));
                        }
                    };
                    if code <= 0 || code > 0x7fff_ffff {
                        let ro = self.py(vm, |vm| vm.repr_string(obj))?;
                        return Err(self.err(
                            vm,
                            &format!("Can't pickle {ro}: extension code {code} is out of range"),
                        ));
                    }
                    let b = (code as u32).to_le_bytes();
                    if code <= 0xff {
                        self.w(&[EXT1, b[0]]);
                    } else if code <= 0xffff {
                        self.w(&[EXT2, b[0], b[1]]);
                    } else {
                        self.w(&[EXT4, b[0], b[1], b[2], b[3]]);
                    }
                    return Ok(());
                }
            }
            let gname = if parent_is_module {
                lastname
            } else {
                global_name
            };
            if self.proto >= 4 {
                self.save(vm, module_name, false)?;
                self.save(vm, gname, false)?;
                self.w1(STACK_GLOBAL);
            } else if !parent_is_module {
                // getattr(parent, lastname): the parent re-found by the
                // caller's dotted path.
                let parent = self.py(vm, |vm| {
                    let m = vm.import_module(&str_of(module_name))?;
                    let path = str_of(global_name).into_owned();
                    let parts: Vec<&str> = path.split('.').collect();
                    let mut cur = m;
                    for p in &parts[..parts.len() - 1] {
                        let n = vm.new_str(p);
                        cur = vm.getattr(cur, n)?;
                    }
                    Ok(cur)
                })?;
                let a = vm.new_tuple(&[parent, lastname]);
                let rv = vm.new_tuple(&[self.st.getattr, a]);
                let m = vm.push_root(rv);
                let r = self.save_reduce(vm, rv, None);
                vm.pop_roots(m);
                r?;
            } else {
                let (mut mname, mut gn) = (module_name, gname);
                if self.proto < 3 && self.fix_imports {
                    let st = self.st;
                    (mname, gn) = self.py(vm, |vm| fix_imports_3to2(vm, st, mname, gn))?;
                }
                self.w1(GLOBAL);
                let enc = |b: &[u8], proto: u8| -> bool { proto == 3 || b.is_ascii() };
                let mb = str_bytes(mname).to_vec();
                if !enc(&mb, self.proto) || std::str::from_utf8(&mb).is_err() {
                    let s = str_of(mname).into_owned();
                    return Err(self.err(
                        vm,
                        &format!(
                            "can't pickle module identifier '{s}' using pickle protocol {}",
                            self.proto
                        ),
                    ));
                }
                self.w(&mb);
                self.w1(b'\n');
                let gb = str_bytes(gn).to_vec();
                if !enc(&gb, self.proto) || std::str::from_utf8(&gb).is_err() {
                    let s = str_of(gn).into_owned();
                    return Err(self.err(
                        vm,
                        &format!(
                            "can't pickle global identifier '{s}' using pickle protocol {}",
                            self.proto
                        ),
                    ));
                }
                self.w(&gb);
                self.w1(b'\n');
            }
            self.memo_put(vm, obj)
        })();
        vm.pop_roots(mark);
        r
    }

    // ------------------------------------------------------------ reduce

    pub fn save_reduce(&mut self, vm: &mut Vm, args: Value, obj: Option<Value>) -> PyResult<()> {
        let ao = Obj::from_value(args).expect("tuple");
        let size = ao.n_values();
        if !(2..=6).contains(&size) {
            return Err(self.err(
                vm,
                "tuple returned by __reduce__ must contain 2 through 6 elements",
            ));
        }
        let item =
            |i: usize| -> Option<Value> { (i < size).then(|| ao.get(i)).filter(|v| !v.is_none()) };
        let mut callable = ao.get(0);
        let argtup = ao.get(1);
        let state = item(2);
        let listitems = item(3);
        let dictitems = item(4);
        let state_setter = item(5);
        if !vm.is_callable(callable) {
            return Err(self.err(
                vm,
                "first item of the tuple returned by __reduce__ must be callable",
            ));
        }
        let Some((argo, Kind::TUPLE)) = kind_of(argtup) else {
            return Err(self.err(
                vm,
                "second item of the tuple returned by __reduce__ must be a tuple",
            ));
        };
        for (it, what) in [(listitems, "fourth"), (dictitems, "fifth")] {
            if let Some(x) = it {
                let ok = self.py(vm, |vm| {
                    let t = vm.type_of(x);
                    Ok(vm.lookup_type(t, vm.g.names.__next__).is_some())
                })?;
                if !ok {
                    let tn = vm.type_name_of(x);
                    return Err(self.err(vm, &format!("{what} element of the tuple returned by __reduce__ must be an iterator, not {tn}")));
                }
            }
        }
        if let Some(s) = state_setter {
            if !vm.is_callable(s) {
                let tn = vm.type_name_of(s);
                return Err(self.err(vm, &format!("sixth element of the tuple returned by __reduce__ must be a function, not {tn}")));
            }
        }
        let (mut use_newobj, mut use_newobj_ex) = (false, false);
        if self.proto >= 2 {
            let name = self.py(vm, |vm| {
                let n = vm.intern("__name__");
                vm.getattr_opt(callable, n)
            })?;
            if let Some(n) = name.filter(|n| is_str(*n)) {
                let b = str_bytes(n);
                use_newobj_ex = b == b"__newobj_ex__";
                use_newobj = !use_newobj_ex && b == b"__newobj__";
            }
        }
        if use_newobj_ex {
            if argo.n_values() != 3 {
                return Err(self.err(
                    vm,
                    &format!(
                        "length of the NEWOBJ_EX argument tuple must be exactly 3, not {}",
                        argo.n_values()
                    ),
                ));
            }
            let (cls, a, kw) = (argo.get(0), argo.get(1), argo.get(2));
            if !kind_of(cls).is_some_and(|(_, k)| k == K_TYPE) {
                let tn = vm.type_name_of(cls);
                return Err(self.err(
                    vm,
                    &format!("first item from NEWOBJ_EX argument tuple must be a class, not {tn}"),
                ));
            }
            if !kind_of(a).is_some_and(|(_, k)| k == Kind::TUPLE) {
                let tn = vm.type_name_of(a);
                return Err(self.err(
                    vm,
                    &format!("second item from NEWOBJ_EX argument tuple must be a tuple, not {tn}"),
                ));
            }
            if !kind_of(kw).is_some_and(|(_, k)| k == Kind::DICT) {
                let tn = vm.type_name_of(kw);
                return Err(self.err(
                    vm,
                    &format!("third item from NEWOBJ_EX argument tuple must be a dict, not {tn}"),
                ));
            }
            if self.proto >= 4 {
                self.save(vm, cls, false)?;
                self.save(vm, a, false)?;
                self.save(vm, kw, false)?;
                self.w1(NEWOBJ_EX);
            } else {
                let partial = self.st.partial;
                callable = self.py(vm, |vm| {
                    let n = vm.intern("__new__");
                    let new = vm.getattr(cls, n)?;
                    let mut pa = vec![new, cls];
                    pa.extend(vm.seq_items(a));
                    let items = vm.dict_items(kw);
                    let names: Vec<Value> = items.iter().map(|p| p.0).collect();
                    pa.extend(items.iter().map(|p| p.1));
                    let kn = if names.is_empty() {
                        Value::EMPTY
                    } else {
                        vm.new_tuple(&names)
                    };
                    let m = vm.push_root(kn);
                    let r = vm.call(partial, &pa, kn);
                    vm.pop_roots(m);
                    r
                })?;
                let m = vm.push_root(callable);
                let empty = vm.new_tuple(&[]);
                let r = self
                    .save(vm, callable, false)
                    .and_then(|_| self.save(vm, empty, false));
                vm.pop_roots(m);
                r?;
                self.w1(REDUCE);
            }
        } else if use_newobj {
            if argo.n_values() < 1 {
                return Err(self.err(vm, "__newobj__ arglist is empty"));
            }
            let cls = argo.get(0);
            if !kind_of(cls).is_some_and(|(_, k)| k == K_TYPE) {
                return Err(self.err(vm, "args[0] from __newobj__ args is not a type"));
            }
            if let Some(obj) = obj {
                let oc = self.py(vm, |vm| {
                    let n = vm.intern("__class__");
                    Ok(vm.getattr_opt(obj, n)?.unwrap_or_else(|| vm.type_of(obj)))
                })?;
                if oc != cls {
                    return Err(self.err(vm, "args[0] from __newobj__ args has the wrong class"));
                }
            }
            self.save(vm, cls, false)?;
            let rest: Vec<Value> = (1..argo.n_values()).map(|i| argo.get(i)).collect();
            let nt = vm.new_tuple(&rest);
            let m = vm.push_root(nt);
            let r = self.save(vm, nt, false);
            vm.pop_roots(m);
            r?;
            self.w1(NEWOBJ);
        } else {
            self.save(vm, callable, false)?;
            self.save(vm, argtup, false)?;
            self.w1(REDUCE);
        }
        if let Some(obj) = obj {
            if let Some(idx) = self.memo_lookup(obj) {
                self.w1(POP);
                self.memo_get(idx);
                return Ok(());
            }
            self.memo_put(vm, obj)?;
        }
        if let Some(li) = listitems {
            self.batch_list(vm, li)?;
        }
        if let Some(di) = dictitems {
            self.batch_dict(vm, di)?;
        }
        if let Some(state) = state {
            match state_setter {
                None => {
                    self.save(vm, state, false)?;
                    self.w1(BUILD);
                }
                Some(ss) => {
                    self.save(vm, ss, false)?;
                    self.save(vm, obj.unwrap_or(Value::NONE), false)?;
                    self.save(vm, state, false)?;
                    self.w(&[TUPLE2, REDUCE, POP]);
                }
            }
        }
        Ok(())
    }
}

/// CPython's `raw_unicode_escape` of `save_unicode` (protocol 0): also
/// escapes backslash, NUL, newline, carriage return and Ctrl-Z.
fn raw_unicode_escape(b: &[u8]) -> Vec<u8> {
    const HEXD: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(b.len());
    let cps = crate::text::decode_wtf8(b);
    for c in cps {
        if c >= 0x10000 {
            out.extend_from_slice(b"\\U");
            for s in (0..8).rev() {
                out.push(HEXD[((c >> (4 * s)) & 0xf) as usize]);
            }
        } else if c >= 256
            || c == b'\\' as u32
            || c == 0
            || c == b'\n' as u32
            || c == b'\r' as u32
            || c == 0x1a
        {
            out.extend_from_slice(b"\\u");
            for s in (0..4).rev() {
                out.push(HEXD[((c >> (4 * s)) & 0xf) as usize]);
            }
        } else {
            out.push(c as u8);
        }
    }
    out
}

/// `get_dotted_path`: the parts of `name`, refusing `<locals>`.
fn dotted_path(vm: &mut Vm, obj: Option<Value>, name: Value) -> PyResult<Vec<Value>> {
    let s = str_of(name).into_owned();
    let mut parts = Vec::new();
    for p in s.split('.') {
        if p == "<locals>" {
            let rn = vm.repr_string(name)?;
            let msg = match obj {
                None => format!("Can't pickle local object {rn}"),
                Some(o) => {
                    let ro = vm.repr_string(o)?;
                    format!("Can't pickle local attribute {rn} on {ro}")
                }
            };
            return Err(vm.new_exc(vm.g.e.AttributeError, &msg));
        }
        parts.push(p.to_string());
    }
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        out.push(vm.new_str(&p));
    }
    Ok(out)
}

/// `get_deep_attribute`: the object at `path` from `obj`, and its parent;
/// None when an attribute is missing.
fn deep_attribute(vm: &mut Vm, obj: Value, path: &[Value]) -> PyResult<Option<(Value, Value)>> {
    let mut cur = obj;
    let mut parent = obj;
    let mark = vm.push_root(obj);
    for &p in path {
        parent = cur;
        match vm.getattr_opt(cur, p)? {
            Some(v) => {
                vm.push_root(v);
                cur = v;
            }
            None => {
                vm.pop_roots(mark);
                return Ok(None);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(Some((cur, parent)))
}

/// `whichmodule`: the name of the module a global lives in.
fn whichmodule(vm: &mut Vm, obj: Value, path: &[Value]) -> PyResult<Value> {
    let n = vm.intern("__module__");
    if let Some(m) = vm.getattr_opt(obj, n)? {
        if !m.is_none() {
            return Ok(m);
        }
    }
    let mods = vm.g.sys_modules;
    let items = vm.dict_items(mods);
    let keep = vm.new_list(&items.iter().flat_map(|p| [p.0, p.1]).collect::<Vec<_>>());
    let mark = vm.push_root(keep);
    // Builtin functions here carry no `__module__` (CPython's name the
    // module that made them): the native modules are searched first, so
    // `_codecs.encode` is found in `_codecs`, not in `codecs`, which
    // re-exports it.
    let native = Obj::from_value(obj).is_some_and(|o| o.kind() == K_BUILTIN);
    let mut order: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    if native {
        for &(name, module) in &items {
            if is_str(name) && vm.is_builtin_module(&str_of(name)) {
                order.push((name, module));
            }
        }
    }
    order.extend(items.iter().copied());
    for (name, module) in order {
        if module.is_none() || (is_str(name) && str_bytes(name) == b"__main__") {
            continue;
        }
        match deep_attribute(vm, module, path) {
            Ok(Some((c, _))) if c == obj => {
                vm.pop_roots(mark);
                return Ok(name);
            }
            Ok(_) => {}
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(vm.intern("__main__"))
}

/// The first half of `save_global`: (module name, qualified name, last
/// name, whether the parent is the module itself).
fn find_global(
    vm: &mut Vm,
    st: St,
    obj: Value,
    name: Option<Value>,
) -> PyResult<(Value, Value, Value, bool)> {
    let global_name = match name {
        Some(n) => n,
        None => {
            let q = vm.intern("__qualname__");
            match vm.getattr_opt(obj, q)? {
                Some(v) => v,
                None => {
                    let n = vm.intern("__name__");
                    vm.getattr(obj, n)?
                }
            }
        }
    };
    let mark = vm.push_root(global_name);
    let r = (|| {
        if !is_str(global_name) {
            let tn = vm.type_name_of(global_name);
            return Err(vm.type_error(&format!("must be str, not {tn}")));
        }
        let path = dotted_path(vm, None, global_name)?;
        let keep = vm.new_list(&path);
        vm.push_root(keep);
        let module_name = whichmodule(vm, obj, &path)?;
        vm.push_root(module_name);
        let module = if is_str(module_name) {
            vm.import_module(&str_of(module_name))
        } else {
            let tn = vm.type_name_of(module_name);
            Err(vm.type_error(&format!("module name must be str, not {tn}")))
        };
        let module = match module {
            Ok(m) => m,
            Err(_) => {
                let ro = vm.repr_string(obj)?;
                let rm = vm.repr_string(module_name)?;
                return Err(vm.new_exc(
                    st.pickling_error,
                    &format!("Can't pickle {ro}: import of module {rm} failed"),
                ));
            }
        };
        vm.push_root(module);
        let lastname = *path.last().expect("non-empty path");
        let (cls, parent) = match deep_attribute(vm, module, &path)? {
            Some(x) => x,
            None => {
                let ro = vm.repr_string(obj)?;
                let g = vm.str_string(global_name)?;
                let m = vm.str_string(module_name)?;
                return Err(vm.new_exc(
                    st.pickling_error,
                    &format!("Can't pickle {ro}: attribute lookup {g} on {m} failed"),
                ));
            }
        };
        if cls != obj {
            let ro = vm.repr_string(obj)?;
            let g = vm.str_string(global_name)?;
            let m = vm.str_string(module_name)?;
            return Err(vm.new_exc(
                st.pickling_error,
                &format!("Can't pickle {ro}: it's not the same object as {m}.{g}"),
            ));
        }
        Ok((module_name, global_name, lastname, parent == module))
    })();
    vm.pop_roots(mark);
    r
}

/// `fix_imports` for protocols < 3: Python 3 names to Python 2 ones.
fn fix_imports_3to2(vm: &mut Vm, st: St, module: Value, name: Value) -> PyResult<(Value, Value)> {
    let key = vm.new_tuple(&[module, name]);
    let mark = vm.push_root(key);
    let r = (|| {
        if let Some(item) = vm.dict_get(st.name_mapping_3to2, key)? {
            match kind_of(item) {
                Some((o, Kind::TUPLE)) if o.n_values() == 2 => {
                    let (m, n) = (o.get(0), o.get(1));
                    if !is_str(m) || !is_str(n) {
                        let (a, b) = (vm.type_name_of(m), vm.type_name_of(n));
                        return Err(vm.new_exc(vm.g.e.RuntimeError, &format!("_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not ({a}, {b})")));
                    }
                    return Ok((m, n));
                }
                _ => {
                    let tn = vm.type_name_of(item);
                    return Err(vm.new_exc(vm.g.e.RuntimeError, &format!("_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not {tn}")));
                }
            }
        }
        if let Some(item) = vm.dict_get(st.import_mapping_3to2, module)? {
            if !is_str(item) {
                let tn = vm.type_name_of(item);
                return Err(vm.new_exc(
                    vm.g.e.RuntimeError,
                    &format!(
                        "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not {tn}"
                    ),
                ));
            }
            return Ok((item, name));
        }
        Ok((module, name))
    })();
    vm.pop_roots(mark);
    r
}
