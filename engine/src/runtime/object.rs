//! Object model: kinds, type objects, instance layouts, native payloads.
//!
//! Type object (`K_TYPE`): values `[dict, mro tuple, bases tuple, name str,
//! qualname str, base (solid base), subclasses list]`; raw
//! words `[0 flags, 1 instance layout kind, 2 type id]`.
//!
//! Instances of Python classes (`K_INSTANCE`): values `[dict]`.
//! Exceptions (`K_EXC`): values `[dict, args, traceback, cause, context,
//! suppress_context, notes]`. Functions, methods, cells, modules: see the
//! `*_SLOT` constants below.

use super::*;
use crate::bytecode::{CodeFlags, CodeObject};
use proto_core::layouts::{get_raw, set_raw};
use proto_core::native::{native_ref, Trace};

/// Type object.
pub const K_TYPE: Kind = Kind(32);
/// Instance of a Python class.
pub const K_INSTANCE: Kind = Kind(33);
/// Python function.
pub const K_FUNCTION: Kind = Kind(34);
/// Builtin function (native payload [`Builtin`]).
pub const K_BUILTIN: Kind = Kind(35);
/// Code object (native payload [`CodeData`]).
pub const K_CODE: Kind = Kind(36);
/// Cell.
pub const K_CELL: Kind = Kind(37);
/// Module.
pub const K_MODULE: Kind = Kind(38);
/// Bound method: `[func, self]`.
pub const K_METHOD: Kind = Kind(39);
/// Exception instance.
pub const K_EXC: Kind = Kind(40);
/// Generator / coroutine.
pub const K_GEN: Kind = Kind(41);
/// range: `[start, stop, step]`.
pub const K_RANGE: Kind = Kind(42);
/// slice: `[start, stop, step]`.
pub const K_SLICE: Kind = Kind(43);
/// Iterator over a sequence / range / dict: `[source, extra]`, raw `[index, end]`.
pub const K_ITER: Kind = Kind(44);
/// property: `[fget, fset, fdel, doc, name]`, and for an instance of a
/// Python subclass `PROPERTY_DICT`, its instance dict (EMPTY until used).
/// getset and member descriptors and `_tuplegetter` share the kind.
pub const K_PROPERTY: Kind = Kind(45);
/// Value slot of a property subclass's instance dict.
pub const PROPERTY_DICT: usize = 5;
/// staticmethod / classmethod: `[func, dict]`.
pub const K_WRAPPER: Kind = Kind(46);
/// super: `[type, obj, obj_type]`.
pub const K_SUPER: Kind = Kind(47);
/// Traceback: `[next, code, lasti, lineno]`.
pub const K_TRACEBACK: Kind = Kind(48);
/// Dict view: `[dict]`.
pub const K_DICTVIEW: Kind = Kind(49);
/// Generic object with n slots used by python_env types (enumerate, zip, ...).
pub const K_MISC: Kind = Kind(50);
/// bytearray: `[bytes]` (a BYTES storage replaced on mutation).
pub const K_BYTEARRAY: Kind = Kind(51);
/// complex: raw `[re, im]`.
pub const K_COMPLEX: Kind = Kind(52);
/// memoryview (python_env `types/memoryview.rs`): `[obj, format]`, raw geometry.
pub const K_MEMORYVIEW: Kind = Kind(60);
/// Instance of a Python subclass of int or float: `[dict, value]`, where
/// `value` is the exact int/float it stands for (see `Vm::num`).
pub const K_NUMSUB: Kind = Kind(61);
/// `__slots__` member descriptor: values `[name, owner class]`, raw
/// `[value index in the instance]`.
pub const K_MEMBER: Kind = Kind(62);
/// `collections.deque` (python_env `types/deque.rs`): values
/// `[DEQUE_STORAGE ring buffer (a `Kind::STORAGE` whose `n_values` is the
/// capacity, a power of two; free slots hold EMPTY), DEQUE_DICT instance
/// dict of subclasses (EMPTY until used)]`; raw words `[DEQUE_R_HEAD,
/// DEQUE_R_LEN, DEQUE_R_MAXLEN (u64::MAX = None), DEQUE_R_STATE]`.
pub const K_DEQUE: Kind = Kind(63);
/// Deque value slot: the ring buffer storage.
pub const DEQUE_STORAGE: usize = 0;
/// Deque value slot: the instance dict (subclasses).
pub const DEQUE_DICT: usize = 1;
/// Value slot of a list, dict or set holding the instance dict of a
/// subclass instance (EMPTY until used, and always for the exact types).
pub const CONTAINER_DICT: usize = 1;
/// Deque raw word: physical index of the first item.
pub const DEQUE_R_HEAD: usize = 0;
/// Deque raw word: number of items (a single word: readable without lock).
pub const DEQUE_R_LEN: usize = 1;
/// Deque raw word: maxlen, `u64::MAX` for None.
pub const DEQUE_R_MAXLEN: usize = 2;
/// Deque raw word: mutation counter (iterators compare it).
pub const DEQUE_R_STATE: usize = 3;

/// The items of the deque `o`, first to last. The caller holds the deque's
/// lock if it is shared.
pub fn deque_items(o: Obj) -> Vec<Value> {
    let n = get_raw(o, DEQUE_R_LEN) as usize;
    let s = Obj::from_value(o.get(DEQUE_STORAGE)).expect("deque storage");
    let (h, mask) = (get_raw(o, DEQUE_R_HEAD) as usize, s.n_values() - 1);
    // Sized once and the storage's layout read once (a filtered iterator
    // grew the vector by doubling, and `get` reloads the header per item).
    let sv = s.view();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let v = sv.get((h + i) & mask);
        if !v.is_empty() {
            out.push(v);
        }
    }
    out
}

/// Exception layout slots.
pub const EXC_DICT: usize = 0;
#[allow(missing_docs)]
pub const EXC_ARGS: usize = 1;
#[allow(missing_docs)]
pub const EXC_TB: usize = 2;
#[allow(missing_docs)]
pub const EXC_CAUSE: usize = 3;
#[allow(missing_docs)]
pub const EXC_CONTEXT: usize = 4;
#[allow(missing_docs)]
pub const EXC_SUPPRESS: usize = 5;
/// Class-specific fields: `name` (NameError, AttributeError, ImportError),
/// `filename` (OSError), the `exceptions` tuple (BaseExceptionGroup).
pub const EXC_X0: usize = 6;
/// Class-specific fields: `obj` (AttributeError), `path` (ImportError),
/// `filename2` (OSError).
pub const EXC_X1: usize = 7;
/// Hidden: NameError's "Did you mean" suggestion; ImportError's `msg`.
pub const EXC_X2: usize = 8;
/// OSError's `characters_written` (an int; unset while empty).
pub const EXC_X3: usize = 9;
/// Number of exception slots.
pub const EXC_SLOTS: usize = 10;

/// Function slots.
pub const FN_CODE: usize = 0;
#[allow(missing_docs)]
pub const FN_GLOBALS: usize = 1;
#[allow(missing_docs)]
pub const FN_DEFAULTS: usize = 2;
#[allow(missing_docs)]
pub const FN_KWDEFAULTS: usize = 3;
#[allow(missing_docs)]
pub const FN_CLOSURE: usize = 4;
#[allow(missing_docs)]
pub const FN_NAME: usize = 5;
#[allow(missing_docs)]
pub const FN_QUALNAME: usize = 6;
#[allow(missing_docs)]
pub const FN_DICT: usize = 7;
#[allow(missing_docs)]
pub const FN_MODULE: usize = 8;
#[allow(missing_docs)]
pub const FN_DOC: usize = 9;
#[allow(missing_docs)]
pub const FN_ANNOTATIONS: usize = 10;
/// The builtins namespace a function made by `FunctionType(code, globals)`
/// took from its caller because `globals` has no `__builtins__` (CPython's
/// `func_builtins`); EMPTY otherwise (read from the globals).
pub const FN_BUILTINS: usize = 11;
/// Number of function slots.
pub const FN_SLOTS: usize = 12;

/// Type slots.
pub const T_DICT: usize = 0;
#[allow(missing_docs)]
pub const T_MRO: usize = 1;
#[allow(missing_docs)]
pub const T_BASES: usize = 2;
#[allow(missing_docs)]
pub const T_NAME: usize = 3;
#[allow(missing_docs)]
pub const T_QUALNAME: usize = 4;
#[allow(missing_docs)]
pub const T_BASE: usize = 5;
/// Subclasses list (heap types only; `EMPTY` until the first subclass).
/// Builtin (immortal) types do not record theirs: every class would be
/// promoted to shared and kept alive through `object`.
pub const T_SUBCLASSES: usize = 6;
/// Type slot: the shapes of the class's instances (`shape.rs`): EMPTY or a
/// tuple of records.
pub const T_SHAPES: usize = 7;
/// Number of type slots.
pub const T_SLOTS: usize = 8;

/// Raw word of a type: the number of attributes its instances' dicts have
/// been seen to reach (see [`type_dict_hint`]).
const T_RAW_DICT_HINT: usize = 2;

/// Raw word of a type: its version for the inline caches (0 until a cache
/// first asks, and again after each change; see [`Vm::type_version`]).
pub const T_RAW_VERSION: usize = 3;

/// Raw word of a type: the native step ([`IterNextFn`]) that [`Vm::next`]
/// runs for iterators of exactly this class instead of looking up and
/// calling `__next__` (0: none). Set once, by [`set_type_step`], on a native
/// type before any of its instances exists; never on a Python class, whose
/// `__next__` may be anything.
const T_RAW_STEP: usize = 4;

/// Raw words of a type: the type's own native `__getitem__` and
/// `__setitem__` ([`NativeFn`]s), which BINARY_SUBSCR and STORE_SUBSCR call
/// for instances of exactly this class without looking the method up (0:
/// none). Written by [`Vm::add_method`] when it gives a builtin (immutable)
/// type such a method, which is then the type's own for good: a builtin
/// type's attributes cannot be set, and a subclass's words stay 0.
const T_RAW_GETITEM: usize = 5;
const T_RAW_SETITEM: usize = 6;

/// Raw bytes of a type: flags, layout, dict hint, version, native step,
/// native `__getitem__` and `__setitem__`.
pub const T_RAW_BYTES: usize = 56;
const _: () = assert!(8 * (T_RAW_SETITEM + 1) <= T_RAW_BYTES);

/// Gives the native type `t` its iterator step `f` ([`T_RAW_STEP`]): `f`
/// must answer as the type's own `__next__` would (`Ok(None)` where it
/// raises StopIteration) for any object whose class is exactly `t`.
pub fn set_type_step(t: Obj, f: IterNextFn) {
    debug_assert!(t.kind() == K_TYPE && type_flags(t) & TF_HEAP == 0);
    set_raw(t, T_RAW_STEP, f as usize as u64);
}

/// The native iterator step of type `t` ([`T_RAW_STEP`]), if it has one.
#[inline(always)]
pub fn type_step(t: Obj) -> Option<IterNextFn> {
    let w = get_raw(t, T_RAW_STEP) as usize;
    if w == 0 {
        return None;
    }
    // SAFETY: a nonzero step word was written by `set_type_step` from an
    // `IterNextFn` (nothing else writes raw word T_RAW_STEP of a type, and
    // types are allocated with it zeroed), and a function pointer converted
    // to `usize` and back is the same pointer.
    Some(unsafe { core::mem::transmute::<usize, IterNextFn>(w) })
}

/// The raw word that holds builtin type's own native method `name`, for the
/// special methods that have one ([`T_RAW_GETITEM`], [`T_RAW_SETITEM`]),
/// with the number of arguments after the receiver it is called with.
fn native_method_word(name: &str) -> Option<(usize, usize)> {
    match name {
        "__getitem__" => Some((T_RAW_GETITEM, 1)),
        "__setitem__" => Some((T_RAW_SETITEM, 2)),
        _ => None,
    }
}

/// The native method in raw word `word` of type `t`, if it holds one.
#[inline(always)]
fn type_native_method(t: Obj, word: usize) -> Option<NativeFn> {
    let w = get_raw(t, word) as usize;
    if w == 0 {
        return None;
    }
    // SAFETY: a nonzero word T_RAW_GETITEM or T_RAW_SETITEM was written by
    // `Vm::add_method` from a `NativeFn` (nothing else writes these words,
    // and types are allocated with them zeroed), and a function pointer
    // converted to `usize` and back is the same pointer.
    Some(unsafe { core::mem::transmute::<usize, NativeFn>(w) })
}

/// The own native `__getitem__` of the builtin type `t` (see
/// [`T_RAW_GETITEM`]): called with the receiver and the key.
#[inline(always)]
pub fn type_getitem(t: Obj) -> Option<NativeFn> {
    type_native_method(t, T_RAW_GETITEM)
}

/// The own native `__setitem__` of the builtin type `t` (see
/// [`T_RAW_GETITEM`]): called with the receiver, the key and the value.
#[inline(always)]
pub fn type_setitem(t: Obj) -> Option<NativeFn> {
    type_native_method(t, T_RAW_SETITEM)
}

/// How many entries a new instance dict of the class `t` should have room
/// for: the largest instance dict an attribute store of the class has seen,
/// so `__init__` fills the dict without growing it. A hint only: it is read
/// and raised racily by any thread, and every value is safe.
#[inline]
pub fn type_dict_hint(t: Obj) -> usize {
    (get_raw(t, T_RAW_DICT_HINT) & HINT_MASK) as usize
}

/// Bits of the hint word holding the hint; bit 8 says an instance of the
/// class was made ([`first_instance`]); the bits from 16 count the
/// instances of the class that were asked for their dict while shaped
/// ([`note_dict_asked`]).
const HINT_MASK: u64 = 0xff;
const SEEN: u64 = 1 << 8;
const ASKED_SHIFT: u32 = 16;
/// After this many, new instances of the class start in dict mode.
const ASKED_LIMIT: u64 = 8;

/// Raises the instance-dict hint of `t` to `n` (never lowers it; a racing
/// lower write only costs a later dict one growth).
#[inline]
pub fn raise_type_dict_hint(t: Obj, n: usize) {
    if n > type_dict_hint(t) {
        let w = get_raw(t, T_RAW_DICT_HINT);
        set_raw(t, T_RAW_DICT_HINT, (w & !HINT_MASK) | n.min(64) as u64);
    }
}

/// Counts an instance of `t` that something asked for its `__dict__`
/// while it kept its attributes inline (`vars`, `__dict__`, `__getstate__`,
/// deleting an attribute): a class whose instances are used that way
/// (`logging.LogRecord`, objects that are copied or pickled) gets its new
/// instances in dict mode, sparing each one the move. Racy, as the hint.
pub fn note_dict_asked(t: Obj) {
    let w = get_raw(t, T_RAW_DICT_HINT);
    if w >> ASKED_SHIFT < ASKED_LIMIT {
        set_raw(t, T_RAW_DICT_HINT, w + (1 << ASKED_SHIFT));
    }
}

/// True for the first instance of `t` made (then never again, but for a
/// racing thread's): it gets room for every attribute a shape may hold,
/// since nothing says yet how many its class's instances get. Without it
/// the first instance of a class with five attributes would leave its
/// inline room for a dict, and a site reading it and later instances
/// would refill its cache entry at every change between the two.
#[inline]
pub fn first_instance(t: Obj) -> bool {
    let w = get_raw(t, T_RAW_DICT_HINT);
    if w & SEEN != 0 {
        return false;
    }
    set_raw(t, T_RAW_DICT_HINT, w | SEEN);
    true
}

/// Whether new instances of `t` start in dict mode (see [`note_dict_asked`]).
#[inline]
pub fn type_prefers_dict(t: Obj) -> bool {
    get_raw(t, T_RAW_DICT_HINT) >> ASKED_SHIFT >= ASKED_LIMIT
}

/// Type flags.
pub const TF_HEAP: u64 = 1;
#[allow(missing_docs)]
pub const TF_BASETYPE: u64 = 2;
/// The class (or a base) defines `__getattr__`.
pub const TF_GETATTR: u64 = 4;
/// The class (or a base) defines `__getattribute__` in Python.
pub const TF_GETATTRIBUTE: u64 = 8;
/// Subclass of BaseException.
pub const TF_EXC: u64 = 16;
/// The class (or a base) defines `__setattr__` in Python.
pub const TF_SETATTR: u64 = 32;
/// Abstract (has __abstractmethods__).
pub const TF_ABSTRACT: u64 = 64;
/// Instances have no `__dict__` (every class of the MRO uses `__slots__`).
pub const TF_NODICT: u64 = 128;
/// Instances are thread-local objects (`_thread._local` and its
/// subclasses): their attributes live in per-thread dicts (runtime/local.rs).
pub const TF_LOCAL: u64 = 256;
/// Instances match sequence patterns (CPython's `Py_TPFLAGS_SEQUENCE`:
/// set by `collections.abc.Sequence` through `_abc`, inherited from the
/// class's first base).
pub const TF_SEQUENCE: u64 = 512;
/// Instances match mapping patterns (`Py_TPFLAGS_MAPPING`).
pub const TF_MAPPING: u64 = 1024;
/// The class (or a base) defines `__del__`: its instances are finalized
/// (runtime/finalize.rs).
pub const TF_HAS_DEL: u64 = 2048;
/// A native container class (dict, list or set layout) whose own instances
/// have a `__dict__` and take weak references, as subclass instances do
/// (`collections.OrderedDict`: CPython's `tp_dictoffset` and
/// `tp_weaklistoffset`).
pub const TF_INST_DICT: u64 = 4096;
/// Instances keep their attributes inline under a shape (`shape.rs`): a
/// heap class with a dict and no `__slots__` values, whose bases are such
/// classes or `object`.
pub const TF_SHAPED: u64 = 8192;
/// Bits of the flags word holding the number of `__slots__` values of the
/// instances (after the dict value).
pub const TF_NSLOTS_SHIFT: u32 = 32;

/// Number of `__slots__` values of the instances of the class `t`.
pub fn type_nslots(t: Obj) -> usize {
    (type_flags(t) >> TF_NSLOTS_SHIFT) as usize
}

/// The native payload of a tuple subclass instance that has an instance
/// `__dict__`. A tuple's value words are exactly its items (every tuple path
/// reads its length from the value count), so the dict lives in a one-value
/// holder object (value 0: the dict, EMPTY until first needed) that the
/// payload names. The payload is written once, at allocation, before the
/// tuple can be shared (the rule for native payloads holding values); the
/// holder's slot is written through the ordinary write barrier. Exact tuples
/// and subclasses without a dict (`__slots__ = ()`, namedtuples) carry no
/// payload and pay nothing.
pub struct TupleDictHolder(pub Value);
impl Trace for TupleDictHolder {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.0)
    }
}

/// The dict holder of a tuple subclass instance (see [`TupleDictHolder`]).
#[inline]
pub fn tuple_dict_holder(o: Obj) -> Option<Obj> {
    native_ref::<TupleDictHolder>(o).and_then(|h| Obj::from_value(h.0))
}

/// A big int payload.
pub struct BigIntBox(pub num_bigint::BigInt);
impl Trace for BigIntBox {
    fn external_bytes(&self) -> usize {
        // The magnitude's 64-bit digits, in one vector.
        self.0.iter_u64_digits().len() * 8
    }
}

/// A builtin function payload.
pub struct Builtin {
    /// `__name__`.
    pub name: &'static str,
    /// The function.
    pub f: NativeFn,
    /// Binds like a method when found on a type (method descriptor).
    pub is_method: bool,
    /// Value bound as first argument (module functions: EMPTY).
    pub bound: Value,
    /// The type whose dict holds this method (`__qualname__` is
    /// `Owner.name`); EMPTY for plain functions.
    pub owner: Value,
    /// For special methods with fixed signatures: the argument counts
    /// (after the receiver) checked at each call, derived once from `name`.
    pub arity: Option<(usize, usize)>,
    /// `arity` was declared for a plain method (CPython's METH_NOARGS /
    /// METH_O): its errors read "T.m() takes no arguments (1 given)"
    /// rather than a slot wrapper's "expected 0 arguments, got 1", and
    /// keyword arguments are refused.
    pub meth_arity: bool,
    /// `__module__`: the bits of the (immortal, interned) name of the
    /// module whose initialisation defined this function; EMPTY (0) for
    /// methods and functions made elsewhere. Written once, when the module
    /// is made ([`Vm::tag_module_functions`]).
    pub module: proto_core::sync::heap_atomic::AtomicU64,
}
impl Trace for Builtin {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        let m = Value::from_bits(
            self.module
                .load(proto_core::sync::heap_atomic::Ordering::Acquire),
        );
        if m.is_heap() {
            f(m);
        }
        if self.bound.is_heap() {
            f(self.bound);
        }
        if self.owner.is_heap() {
            f(self.owner);
        }
    }
}

/// A code object payload: the compiled code plus its constants as values.
pub struct CodeData {
    /// The compiled code.
    pub code: Arc<CodeObject>,
    /// `consts` as values.
    pub consts: Box<[Value]>,
    /// `names` interned.
    pub names: Box<[Value]>,
    /// `varnames` interned.
    pub varnames: Box<[Value]>,
    /// Inline cache words (`icache::CACHE_WORDS` per cache slot), shared by
    /// threads (atomics; see `icache` for the protocol).
    pub cache: super::icache::CacheWords,
    /// Number of fast locals.
    pub nlocals: usize,
    /// Number of cells (cellvars + freevars).
    pub ncells: usize,
    /// Frame size on the value stack.
    pub extent: usize,
    /// `argcount` when a call with exactly that many positional arguments
    /// only copies them into the frame (no keyword-only parameters, no
    /// `*args`/`**kwargs`, no cells, not a generator or coroutine); else
    /// `usize::MAX`. One compare on the call fast path.
    pub simple_argc: usize,
    /// The code value itself (for tracebacks).
    pub name_value: Value,
    /// `__qualname__`.
    pub qualname_value: Value,
    /// `co_filename`, interned: one str for every code object of a file,
    /// the same on every read (`logging` reads it for each record).
    pub filename_value: Value,
}
impl Trace for CodeData {
    fn external_bytes(&self) -> usize {
        use crate::bytecode::code::malloc_chunk;
        use std::mem::size_of;
        // The code is shared by `Arc` (a code value made from another's
        // `CodeObject` counts it again: an over-estimate, never an under-).
        self.code.heap_bytes()
            + malloc_chunk(self.consts.len() * size_of::<Value>())
            + malloc_chunk(self.names.len() * size_of::<Value>())
            + malloc_chunk(self.varnames.len() * size_of::<Value>())
            + malloc_chunk(self.cache.len() * size_of::<AtomicU64>())
    }

    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for &v in self
            .consts
            .iter()
            .chain(self.names.iter())
            .chain(self.varnames.iter())
        {
            if v.is_heap() {
                f(v);
            }
        }
        if self.name_value.is_heap() {
            f(self.name_value);
        }
        if self.qualname_value.is_heap() {
            f(self.qualname_value);
        }
        if self.filename_value.is_heap() {
            f(self.filename_value);
        }
    }
}

/// The payload of a code value: its body, built when the value is made or,
/// for a nested code object of a bytecode-cache file, when first needed
/// ([`Vm::code_body`]); and what a function made from it needs meanwhile.
pub struct CodeCell {
    /// The code and its values; set once.
    body: std::sync::OnceLock<CodeData>,
    /// The undecoded code the body is built from (None once built).
    lazy: Option<Arc<crate::bytecode::serialize::LazyCode>>,
    /// `co_name`, interned.
    pub name_value: Value,
    /// `co_qualname`, interned.
    pub qualname_value: Value,
    /// A function's `__doc__` from this code: its docstring or None.
    pub doc: Value,
}

impl Trace for CodeCell {
    fn external_bytes(&self) -> usize {
        self.body.get().map_or(0, CodeData::external_bytes)
    }

    fn trace(&self, f: &mut dyn FnMut(Value)) {
        if let Some(b) = self.body.get() {
            b.trace(f);
        }
        for v in [self.name_value, self.qualname_value, self.doc] {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// The payload of a code value.
#[inline(always)]
pub fn code_cell(v: Value) -> Option<&'static CodeCell> {
    let o = Obj::from_value(v)?;
    // SAFETY: native objects of kind K_CODE are made only by
    // `Vm::new_code_in` and `Vm::new_lazy_code`, with a `CodeCell` payload.
    unsafe { proto_core::native::native_ref_by_kind::<CodeCell>(o, K_CODE) }
}

/// The body of a code value; None for a value that is no code, or whose
/// body is not built yet (a nested code object of a cache file that has not
/// run: [`Vm::code_body`] builds it). Everything reached through a frame,
/// a generator or a traceback has its body.
#[inline(always)]
pub fn code_data(v: Value) -> Option<&'static CodeData> {
    code_cell(v)?.body.get()
}

/// The payload of a builtin function value.
#[inline(always)]
pub fn builtin_data(o: Obj) -> Option<&'static Builtin> {
    // SAFETY: native objects of kind K_BUILTIN are made only by
    // `Vm::new_builtin_owned` / `new_builtin_bound`, with a `Builtin` payload.
    unsafe { proto_core::native::native_ref_by_kind::<Builtin>(o, K_BUILTIN) }
}

/// The BigInt of a big int object.
#[inline]
pub fn bigint_of(v: Value) -> Option<&'static num_bigint::BigInt> {
    let o = Obj::from_value(v)?;
    if o.kind() != Kind::BIG_INT {
        return None;
    }
    native_ref::<BigIntBox>(o).map(|b| &b.0)
}

/// The bytes of a str/bytes value (empty for others).
#[inline]
pub fn str_bytes(v: Value) -> &'static [u8] {
    match Obj::from_value(v) {
        Some(o) if matches!(o.kind(), Kind::STR | Kind::BYTES) => lstr::bytes(o),
        _ => &[],
    }
}

/// The text of a str value (lone surrogates replaced by U+FFFD when needed).
pub fn str_of(v: Value) -> std::borrow::Cow<'static, str> {
    let (b, ascii) = match Obj::from_value(v) {
        Some(o) => match o.kind() {
            Kind::STR => {
                let (b, _, ascii) = lstr::parts(o);
                (b, ascii)
            }
            Kind::BYTES => (lstr::bytes(o), false),
            _ => (&[][..], true),
        },
        None => (&[][..], true),
    };
    if ascii {
        // SAFETY: the str layout sets FLAG_ASCII only when every byte is
        // below 0x80 (checked at allocation), and ASCII is valid UTF-8.
        return std::borrow::Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(b) });
    }
    // `from_utf8` has the fast (vectorised) validator; only text holding
    // lone surrogates (WTF-8) takes the lossy path.
    match std::str::from_utf8(b) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// Is `v` a str object (any subclass)?
#[inline]
pub fn is_str(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::STR)
}

/// The value of a boxed float object.
#[inline]
pub fn boxed_float(o: Obj) -> f64 {
    f64::from_bits(get_raw(o, 0))
}

/// Type flags.
#[inline]
pub fn type_flags(t: Obj) -> u64 {
    get_raw(t, 0)
}

/// Is `t` a class created by a `class` statement (not a builtin type)?
#[inline]
pub fn is_heap_type(t: Value) -> bool {
    Obj::from_value(t).is_some_and(|o| type_flags(o) & TF_HEAP != 0)
}

/// Sets type flags.
pub fn set_type_flags(t: Obj, f: u64) {
    set_raw(t, 0, f)
}

/// Layout kind of instances of `t`.
#[inline]
pub fn type_layout(t: Obj) -> Kind {
    Kind(get_raw(t, 1) as u8)
}

/// The MRO tuple of a type.
#[inline]
pub fn type_mro(t: Obj) -> Obj {
    Obj::from_value(t.get(T_MRO)).expect("mro")
}

/// The owner type a builtin type's getset or read-only member descriptor
/// records (a `K_PROPERTY` of six values: getter, setter, deleter, doc,
/// name, owner); `None` for a `property`, which records none.
#[inline]
pub fn descr_owner(d: Obj) -> Option<Value> {
    (d.kind() == K_PROPERTY && d.n_values() >= 6)
        .then(|| d.get(5))
        .filter(|o| o.is_heap())
}

/// `id(v)`: the object's bits halved, so every heap address fits a small
/// int. Reprs that show an address (`<... object at 0x...>`) show this
/// value, so `hex(id(v))` appears in them as in CPython.
#[inline]
pub fn object_id(v: Value) -> u64 {
    v.bits() >> 1
}

/// Name of a type as CPython's `tp_name` spells it in messages: a static
/// (non-heap) type whose dict sets `__module__` to something other than
/// `builtins` is `module.name` (`collections.deque`, `_thread.lock`); other
/// types are their `__name__`.
pub fn type_name(t: Value) -> String {
    match Obj::from_value(t) {
        Some(o) if o.kind() == K_TYPE => {
            let name = str_of(o.get(T_NAME)).into_owned();
            if type_flags(o) & TF_HEAP == 0 {
                if let Some(m) = static_type_module(o) {
                    return format!("{m}.{name}");
                }
            }
            name
        }
        _ => "?".into(),
    }
}

/// `__name__` of a type (no module prefix).
pub fn type_short_name(t: Value) -> String {
    match Obj::from_value(t) {
        Some(o) if o.kind() == K_TYPE => str_of(o.get(T_NAME)).into_owned(),
        _ => "?".into(),
    }
}

/// The `__module__` str of a static type's own dict, unless `builtins`
/// (a lock-free read of the immutable-after-start-up type dict).
fn static_type_module(t: Obj) -> Option<String> {
    let d = Obj::from_value(t.get(T_DICT)).filter(|d| d.kind() == Kind::DICT)?;
    let mut items = Vec::new();
    ldict::items(d, &mut items);
    let (_, m, _) = items
        .into_iter()
        .find(|(k, _, _)| is_str(*k) && str_bytes(*k) == b"__module__")?;
    if !is_str(m) || str_bytes(m) == b"builtins" {
        return None;
    }
    Some(str_of(m).into_owned())
}

/// Allocates a type object. `dict` must be a dict; mro computed by caller.
pub fn alloc_type(
    ctx: &mut ProtoContext,
    metatype: Value,
    name: Value,
    dict: Value,
    layout: Kind,
    flags: u64,
) -> Obj {
    let t = ctx.alloc(K_TYPE, metatype, T_SLOTS, T_RAW_BYTES);
    let o = Obj::from_value(t).expect("heap");
    o.init(T_DICT, dict);
    o.init(T_NAME, name);
    o.init(T_QUALNAME, name);
    set_raw(o, 0, flags);
    set_raw(o, 1, layout.0 as u64);
    o
}

impl Vm {
    /// A new native object of the class `cls` (a native type, or a Python
    /// subclass of one): the `K_INSTANCE` layout, its `__dict__` slot and the
    /// subclass's `__slots__`, and `payload`. TypeError when `cls` has another
    /// layout (it also derives from a builtin of another layout, which
    /// CPython refuses when the class is made).
    pub fn new_native_instance<T: Trace + Send + Sync + 'static>(
        &mut self,
        cls: Value,
        payload: T,
    ) -> PyResult<Value> {
        let co = Obj::from_value(cls).expect("a class");
        if type_layout(co) != K_INSTANCE {
            return Err(self.type_error("multiple bases have instance lay-out conflict"));
        }
        Ok(self
            .ctx
            .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), payload))
    }

    /// The type of a value.
    #[inline(always)]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_heap() {
            Obj::from_value(v)
                .map(|o| o.class())
                .unwrap_or(self.g.types.none)
        } else if v.is_int() {
            self.g.types.int
        } else if v.is_float() {
            self.g.types.float
        } else if v.is_bool() {
            self.g.types.bool_
        } else if v.is_none() {
            self.g.types.none
        } else if v == Value::NOT_IMPLEMENTED {
            self.g.types.not_implemented
        } else if v == Value::ELLIPSIS {
            self.g.types.ellipsis
        } else {
            self.g.types.none
        }
    }

    /// The type name of a value (for messages).
    pub fn type_name_of(&self, v: Value) -> String {
        type_name(self.type_of(v))
    }

    /// Is `v` a dict whose iteration is dict's own (CPython's `tp_iter ==
    /// dict_iter` test before copying its entries directly)? A subclass
    /// with its own `__iter__` is read through `keys()`; an exact
    /// OrderedDict, whose order is its table's and whose methods no class
    /// overrides, is copied as a dict.
    pub fn is_plain_iter_dict(&self, v: Value) -> bool {
        let Some(o) = Obj::from_value(v).filter(|o| o.kind() == Kind::DICT) else {
            return false;
        };
        let (tp, dt) = (o.class(), self.g.types.dict);
        // An exact OrderedDict iterates in its table's order too.
        tp == dt || self.g.odict_types.get().is_some_and(|od| tp == od[0]) || {
            let it = self.g.names.__iter__;
            self.lookup_type(tp, it) == self.lookup_type(dt, it)
        }
    }

    /// The `__qualname__` of `v`'s class (its name if that is no str), as
    /// CPython's `_PyType_GetQualName` in descriptor messages.
    pub fn type_qualname_of(&self, v: Value) -> String {
        type_qualname(self.type_of(v))
    }

    /// Is `sub` a subclass of `sup` (via MRO)?
    pub fn is_subtype(&self, sub: Value, sup: Value) -> bool {
        if sub == sup {
            return true;
        }
        let Some(o) = Obj::from_value(sub) else {
            return false;
        };
        if o.kind() != K_TYPE {
            return false;
        }
        // The MRO's values read as one slice (no per-entry header reload and
        // bounds check).
        let bits = sup.bits();
        type_mro(o)
            .view()
            .values()
            .iter()
            .any(|e| e.load(proto_core::sync::heap_atomic::Ordering::Acquire) == bits)
    }

    /// isinstance(v, t) for a type t (no __instancecheck__).
    #[inline]
    pub fn isinstance(&self, v: Value, t: Value) -> bool {
        let vt = self.type_of(v);
        vt == t || self.is_subtype(vt, t)
    }

    /// `isinstance(v, t)` when `type.__instancecheck__` decides it from
    /// `type(v)`'s MRO alone: `t` a class whose metaclass is exactly `type`,
    /// and either `type(v)` a subclass of it, or a builtin type without
    /// `__getattribute__` or a class that keeps object's `__class__` (so no
    /// `__class__` of `v` can differ from its type). None: the builtin's
    /// general path decides (a tuple, an ABC, a proxy).
    #[inline]
    pub fn plain_isinstance(&self, v: Value, t: Value) -> Option<bool> {
        let to = Obj::from_value(t)?;
        if to.kind() != K_TYPE || to.class() != self.g.types.type_ {
            return None;
        }
        if self.isinstance(v, t) {
            return Some(true);
        }
        self.class_is_type(v).then_some(false)
    }

    /// Whether `v.__class__` is `type(v)` without looking it up: its type
    /// keeps object's `__class__` (a data descriptor, which no instance
    /// attribute shadows) and object's `__getattribute__`.
    #[inline]
    pub fn class_is_type(&self, v: Value) -> bool {
        let tp = self.type_of(v);
        if Obj::from_value(tp).is_none_or(|to| type_flags(to) & TF_GETATTRIBUTE != 0) {
            return false;
        }
        // No builtin type defines `__class__` (weakref proxies forward the
        // referent's through `__getattribute__`, excluded above): only a
        // class statement's can, so `isinstance(3, slice)` needs no MRO walk.
        !is_heap_type(tp)
            || self.lookup_type(tp, self.g.names.__class__)
                == self.object_attr(self.g.names.__class__)
    }

    /// `object.<name>` from object's own dict (identity checks of defaults).
    #[inline]
    pub fn object_attr(&self, name: Value) -> Option<Value> {
        // `object`'s MRO is itself: the type cache answers.
        self.lookup_type(self.g.types.object, name)
    }

    /// Creates a builtin function object.
    /// Records `name` as the `__module__` of the plain functions that the
    /// initialisation of module `m` put in its dict (not methods, not
    /// builtins bound to anything but `m`, not functions another module
    /// defined first), as CPython's
    /// `PyModule_AddFunctions` gives each its `m_module`.
    pub fn tag_module_functions(&mut self, m: Value, name: &str) {
        self.tag_functions(m, name, false);
    }

    /// As [`Vm::tag_module_functions`], overwriting an earlier tag: for a
    /// module whose functions CPython names after another module (`_io`'s
    /// are `io`'s, and `open` is also in builtins).
    pub fn retag_module_functions(&mut self, m: Value, name: &str) {
        self.tag_functions(m, name, true);
    }

    fn tag_functions(&mut self, m: Value, name: &str, overwrite: bool) {
        let Some(d) = Obj::from_value(m).and_then(|o| self.instance_dict(o)) else {
            return;
        };
        let k = self.intern(name);
        for (_, v) in self.dict_items(d) {
            let Some(b) = Obj::from_value(v)
                .filter(|o| o.kind() == K_BUILTIN)
                .and_then(builtin_data)
            else {
                continue;
            };
            if !b.is_method && !b.owner.is_heap() && (!b.bound.is_heap() || b.bound == m) {
                use proto_core::sync::heap_atomic::Ordering;
                if overwrite {
                    b.module.store(k.bits(), Ordering::Release);
                } else {
                    let _ =
                        b.module
                            .compare_exchange(0, k.bits(), Ordering::AcqRel, Ordering::Acquire);
                }
            }
        }
    }

    pub fn new_builtin(&mut self, name: &'static str, f: NativeFn, is_method: bool) -> Value {
        self.new_builtin_owned(name, f, is_method, Value::EMPTY)
    }

    /// Creates a builtin function object defined in the dict of type `owner`.
    pub fn new_builtin_owned(
        &mut self,
        name: &'static str,
        f: NativeFn,
        is_method: bool,
        owner: Value,
    ) -> Value {
        let v = self.ctx.alloc_native(
            K_BUILTIN,
            self.g.types.builtin,
            Builtin {
                name,
                f,
                is_method,
                bound: Value::EMPTY,
                owner,
                arity: if is_method {
                    super::call::slot_arity(name)
                } else {
                    None
                },
                meth_arity: is_method && super::call::slot_is_meth(name),
                module: proto_core::sync::heap_atomic::AtomicU64::new(0),
            },
        );
        self.ctx.promote(v);
        v
    }

    /// Creates a builtin bound to `bound` (e.g. a module function taking self).
    pub fn new_builtin_bound(&mut self, name: &'static str, f: NativeFn, bound: Value) -> Value {
        self.ctx.alloc_native(
            K_BUILTIN,
            self.g.types.builtin,
            Builtin {
                name,
                f,
                is_method: false,
                bound,
                owner: Value::EMPTY,
                arity: None,
                meth_arity: false,
                module: proto_core::sync::heap_atomic::AtomicU64::new(0),
            },
        )
    }

    /// Adds methods taking exactly `lo..=hi` positional arguments after the
    /// receiver and no keywords, checked once at the call with CPython's
    /// METH_NOARGS / METH_O messages (the native code may then index its
    /// arguments freely).
    pub fn add_methods_arity(
        &mut self,
        t: Value,
        lo: usize,
        hi: usize,
        methods: &[(&'static str, NativeFn)],
    ) {
        for &(name, f) in methods {
            let v = self.ctx.alloc_native(
                K_BUILTIN,
                self.g.types.builtin,
                Builtin {
                    name,
                    f,
                    is_method: true,
                    bound: Value::EMPTY,
                    owner: t,
                    arity: Some((lo, hi)),
                    // CPython's slot wrappers word their arity errors
                    // their own way ("expected 1 argument, got 0").
                    meth_arity: super::call::is_plain_method(name),
                    module: proto_core::sync::heap_atomic::AtomicU64::new(0),
                },
            );
            self.ctx.promote(v);
            let k = self.intern(name);
            let d = Obj::from_value(t).expect("type").get(T_DICT);
            self.dict_set_str(d, k, v);
        }
        self.type_modified(t);
    }

    /// Declares the arity of native methods already in `t`'s dict (see
    /// [`Vm::add_methods_arity`]): lets a type's init keep one table of
    /// methods and list the fixed-arity ones by name afterwards.
    pub fn declare_arity(&mut self, t: Value, lo: usize, hi: usize, names: &[&'static str]) {
        let d = Obj::from_value(t).expect("type").get(T_DICT);
        for &name in names {
            let k = self.intern(name);
            let f = self
                .dict_get_str(d, k)
                .and_then(Obj::from_value)
                .and_then(builtin_data)
                .map(|b| b.f)
                .unwrap_or_else(|| panic!("declare_arity: no native method {name}"));
            self.add_methods_arity(t, lo, hi, &[(name, f)]);
        }
    }

    /// Adds a method to a builtin type's dict.
    pub fn add_method(&mut self, t: Value, name: &'static str, f: NativeFn) {
        let b = self.new_builtin_owned(name, f, true, t);
        let k = self.intern(name);
        let to = Obj::from_value(t).expect("type");
        let d = to.get(T_DICT);
        self.dict_set_str(d, k, b);
        self.type_modified(t);
        if let Some((word, nargs)) = native_method_word(name) {
            if type_flags(to) & TF_HEAP == 0
                && super::call::own_native_method(b, t, nargs).is_some()
            {
                set_raw(to, word, f as usize as u64);
            }
        }
    }

    /// Adds a static method (classmethod if `class`) to a builtin type.
    pub fn add_static(&mut self, t: Value, name: &'static str, f: NativeFn, class: bool) {
        let b = self.new_builtin_owned(name, f, false, t);
        // A builtin type's class method is a `classmethod_descriptor`
        // (binds like a classmethod: see `bind_descr`).
        let cls = if class {
            self.g.types.classmethod_descr
        } else {
            self.g.types.staticmethod
        };
        let w = self.alloc_obj(K_WRAPPER, cls, 2, 0);
        w.init(0, b);
        self.ctx.promote(w.value());
        let k = self.intern(name);
        let d = Obj::from_value(t).expect("type").get(T_DICT);
        self.dict_set_str(d, k, w.value());
        self.type_modified(t);
    }

    /// Sets an attribute value in a type dict directly.
    pub fn add_attr(&mut self, t: Value, name: &str, v: Value) {
        let k = self.intern(name);
        let d = Obj::from_value(t).expect("type").get(T_DICT);
        self.dict_set_str(d, k, v);
        self.type_modified(t);
    }

    /// Creates a code value from a compiled code object (constants immortal).
    pub fn new_code(&mut self, code: Arc<CodeObject>) -> Value {
        self.new_code_with_consts(code, None)
    }

    /// Creates a code value whose constants are `consts` (as `code.replace(
    /// co_consts=...)`) instead of `code.consts` converted; the caller
    /// checks that `consts` has `code.consts.len()` items (the stream
    /// invariant) and keeps them rooted.
    pub fn new_code_with_consts(
        &mut self,
        code: Arc<CodeObject>,
        given: Option<&[Value]>,
    ) -> Value {
        self.new_code_in(code, given, &mut NameMemo::default())
    }

    /// [`Vm::new_code_with_consts`] for one code object of a tree whose
    /// names `memo` has interned so far.
    fn new_code_in(
        &mut self,
        code: Arc<CodeObject>,
        given: Option<&[Value]>,
        memo: &mut NameMemo,
    ) -> Value {
        let body = self.code_body_of(code, given, memo);
        let doc = match body.code.docstring() {
            Some(_) => body.consts[0],
            None => Value::NONE,
        };
        self.alloc_code(CodeCell {
            name_value: body.name_value,
            qualname_value: body.qualname_value,
            doc,
            body: std::sync::OnceLock::from(body),
            lazy: None,
        })
    }

    /// A code value with payload `cell`, shared at once (code is).
    fn alloc_code(&mut self, cell: CodeCell) -> Value {
        let v = self.ctx.alloc_native(K_CODE, self.g.types.code, cell);
        self.ctx.promote(v);
        v
    }

    /// A code value for a nested code object of a cache file, its body
    /// built on first use ([`Vm::code_body`]); its name, qualname and
    /// docstring are read now, for the function made from it. A header
    /// that does not decode gives a code object built at once (which
    /// reports the damage when it is needed).
    fn new_lazy_code(
        &mut self,
        lazy: &Arc<crate::bytecode::serialize::LazyCode>,
        memo: &mut NameMemo,
    ) -> Value {
        let Ok((name, qualname, doc)) = lazy.header() else {
            return self.new_code_in(broken_code(), None, memo);
        };
        let name_value = self.intern_memo(&name, memo);
        let qualname_value = self.intern_memo(&qualname, memo);
        let doc = match doc {
            Some(s) => self.const_value(&crate::bytecode::Constant::Str(s), memo),
            None => Value::NONE,
        };
        self.alloc_code(CodeCell {
            body: std::sync::OnceLock::new(),
            lazy: Some(lazy.clone()),
            name_value,
            qualname_value,
            doc,
        })
    }

    /// The body of code value `v`, built now if it was left undecoded
    /// ([`CodeCell`]); None when `v` is no code value. A code object whose
    /// cached bytes do not decode (which the file's checksum rules out)
    /// gets a body that raises SystemError when run.
    pub fn code_body(&mut self, v: Value) -> Option<&'static CodeData> {
        let cell = code_cell(v)?;
        if let Some(b) = cell.body.get() {
            return Some(b);
        }
        let lazy = cell.lazy.as_ref()?;
        let code = lazy.code().unwrap_or_else(|_| broken_code());
        let body = self.code_body_of(code, None, &mut NameMemo::default());
        // The code value is shared: what its body holds must be too.
        for &c in body.consts.iter() {
            self.ctx.promote(c);
        }
        // Another thread may have built it meanwhile: one body wins, the
        // other is dropped (its values are garbage).
        let _ = cell.body.set(body);
        cell.body.get()
    }

    /// An interned name through `memo`.
    fn intern_memo(&mut self, n: &Arc<str>, memo: &mut NameMemo) -> Value {
        memo.get_or_insert_with(n, || self.intern_mortal(n))
    }

    /// The values of code object `code`: its constants (`given`, or its
    /// own converted), names and variable names interned.
    fn code_body_of(
        &mut self,
        code: Arc<CodeObject>,
        given: Option<&[Value]>,
        memo: &mut NameMemo,
    ) -> CodeData {
        let consts: Vec<Value> = match given {
            Some(g) => {
                debug_assert_eq!(g.len(), code.consts.len(), "co_consts length");
                g.to_vec()
            }
            None => {
                let mut consts = Vec::with_capacity(code.consts.len());
                for c in code.consts.iter() {
                    let v = self.const_value(c, memo);
                    consts.push(v);
                }
                consts
            }
        };
        let (names, varnames, name_value, qualname_value, filename_value) = {
            let g = self.g.clone();
            let mortal = g.mortal_names.load(Ordering::Relaxed);
            let mut table = proto_core::sync::lock(&g.interned);
            let ctx = &mut self.ctx;
            let mut intern = |n: &Arc<str>| {
                memo.get_or_insert_with(n, || {
                    intern_in(ctx, &mut table, g.types.str_, n.as_bytes(), mortal)
                })
            };
            let names: Vec<Value> = code.names.iter().map(&mut intern).collect();
            let varnames: Vec<Value> = code.varnames.iter().map(&mut intern).collect();
            let name_value = intern(&code.name);
            let qualname_value = intern(&code.qualname);
            let filename_value = intern(&code.filename);
            (names, varnames, name_value, qualname_value, filename_value)
        };
        let nlocals = code.varnames.len();
        let ncells = code.cellvars.len() + code.freevars.len();
        let extent = FRAME_HEADER + nlocals + ncells + code.max_stackdepth as usize + 2;
        let simple = code.kwonlyargcount == 0
            && ncells == 0
            && code.flags.0
                & (CodeFlags::VARARGS.0
                    | CodeFlags::VARKEYWORDS.0
                    | CodeFlags::GENERATOR.0
                    | CodeFlags::COROUTINE.0
                    | CodeFlags::ASYNC_GENERATOR.0)
                == 0;
        let simple_argc = if simple {
            code.argcount as usize
        } else {
            usize::MAX
        };
        let cache = super::icache::CacheWords::new(code.n_cache_slots as usize);
        CodeData {
            code,
            consts: consts.into(),
            names: names.into(),
            varnames: varnames.into(),
            cache,
            nlocals,
            ncells,
            extent,
            simple_argc,
            name_value,
            qualname_value,
            filename_value,
        }
    }

    fn const_value(&mut self, c: &crate::bytecode::Constant, memo: &mut NameMemo) -> Value {
        use crate::bytecode::Constant as C;
        match c {
            C::None => Value::NONE,
            C::Bool(b) => Value::bool(*b),
            C::Int(i) => self.new_int(*i),
            C::BigInt(b) => {
                let v = self.new_bigint((**b).clone());
                self.ctx.promote(v);
                v
            }
            C::Float(f) => {
                let v = self.new_float(*f);
                self.ctx.promote(v);
                v
            }
            C::Complex(r, i) => {
                let v = self.new_complex(*r, *i);
                self.ctx.promote(v);
                v
            }
            C::Str(s) => {
                let b = s.as_bytes();
                if b.len() <= 40 && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
                    self.intern_mortal(std::str::from_utf8(b).unwrap_or(""))
                } else {
                    let v = self.new_str_bytes(b);
                    self.ctx.promote(v);
                    v
                }
            }
            C::Bytes(b) => {
                let v = self.new_bytes(b);
                self.ctx.promote(v);
                v
            }
            C::Tuple(items) => {
                let vals: Vec<Value> = items.iter().map(|c| self.const_value(c, memo)).collect();
                let v = self.new_tuple(&vals);
                self.ctx.promote(v);
                v
            }
            C::FrozenSet(items) => {
                let vals: Vec<Value> = items.iter().map(|c| self.const_value(c, memo)).collect();
                let mark = self.root_values(&vals);
                let first = self.new_set(true);
                for x in vals {
                    let _ = self.set_add(first, x);
                }
                // CPython's compiler rebuilds a frozenset constant from its
                // own iteration order (`merge_consts_recursive`), and the
                // order of a set made from it follows that second build.
                let again = self.set_items(first);
                let s = self.new_set(true);
                for x in again {
                    let _ = self.set_add(s, x);
                }
                self.pop_roots(mark);
                self.ctx.promote(s);
                s
            }
            C::Ellipsis => Value::ELLIPSIS,
            C::Code(code) => self.new_code_in(code.clone(), None, memo),
            C::LazyCode(lazy) => self.new_lazy_code(lazy, memo),
        }
    }

    /// A complex number.
    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        let o = self.alloc_obj(K_COMPLEX, self.g.types.complex, 0, 16);
        set_raw(o, 0, re.to_bits());
        set_raw(o, 1, im.to_bits());
        o.value()
    }

    /// A new cell.
    pub fn new_cell(&mut self, v: Value) -> Value {
        let o = self.alloc_obj(K_CELL, self.g.types.cell, 1, 0);
        o.init(0, v);
        o.value()
    }

    /// A new module with a fresh dict.
    pub fn new_module(&mut self, name: &str) -> Value {
        let d = self.new_dict();
        let m = self.alloc_obj(K_MODULE, self.g.types.module, 2, 0);
        m.init(0, d);
        let n = self.new_str(name);
        m.init(1, n);
        let k = self.g.names.__name__;
        self.dict_set_str(d, k, n);
        let k = self.g.names.__doc__;
        self.dict_set_str(d, k, Value::NONE);
        for k in [
            self.g.names.__package__,
            self.g.names.__spec__,
            self.g.names.__loader__,
        ] {
            self.dict_set_str(d, k, Value::NONE);
        }
        m.value()
    }
}

fn tuple_of(ctx: &mut ProtoContext, cls: Value, items: &[Value], immortal: bool) -> Value {
    let t = if immortal {
        ctx.alloc_immortal(Kind::TUPLE, cls, items.len(), 0)
    } else {
        ctx.alloc(Kind::TUPLE, cls, items.len(), 0)
    };
    let o = Obj::from_value(t).expect("heap");
    for (i, &v) in items.iter().enumerate() {
        o.init(i, v);
    }
    t
}

/// Creates the builtin types and the interpreter state.
pub(crate) fn bootstrap(ctx: &mut ProtoContext, space: Arc<ProtoSpace>) -> Interpreter {
    // type and object first; their class words are fixed up after.
    let mut all: Vec<(Value, &'static str)> = Vec::new();
    let mk = |ctx: &mut ProtoContext, layout: Kind, flags: u64| -> Obj {
        let d = ldict::alloc(ctx, Kind::DICT, Value::NONE, 8);
        let t = ctx.alloc_immortal(K_TYPE, Value::NONE, T_SLOTS, T_RAW_BYTES);
        let o = Obj::from_value(t).expect("heap");
        ctx.store(o, T_DICT, d);
        set_raw(o, 0, flags);
        set_raw(o, 1, layout.0 as u64);
        o
    };
    let type_t = mk(ctx, K_TYPE, TF_BASETYPE);
    let object_t = mk(ctx, K_INSTANCE, TF_BASETYPE);
    let str_t = mk(ctx, Kind::STR, TF_BASETYPE);
    let dict_t = mk(ctx, Kind::DICT, TF_BASETYPE);
    let mut interned = super::InternTable::new();
    let mut made: Vec<(Obj, &'static str, Obj)> = vec![
        (object_t, "object", object_t),
        (type_t, "type", object_t),
        (str_t, "str", object_t),
        (dict_t, "dict", object_t),
    ];
    let new_type = |ctx: &mut ProtoContext,
                    name: &'static str,
                    layout: Kind,
                    flags: u64,
                    base: Obj,
                    made: &mut Vec<(Obj, &'static str, Obj)>|
     -> Value {
        let o = mk(ctx, layout, flags);
        made.push((o, name, base));
        o.value()
    };
    macro_rules! t {
        ($name:literal, $layout:expr, $flags:expr) => {
            new_type(ctx, $name, $layout, $flags, object_t, &mut made)
        };
    }
    let int_t = t!("int", Kind::GENERIC, TF_BASETYPE);
    let bool_t = new_type(
        ctx,
        "bool",
        Kind::GENERIC,
        0,
        Obj::from_value(int_t).expect("t"),
        &mut made,
    );
    let types = Types {
        object: object_t.value(),
        type_: type_t.value(),
        int: int_t,
        bool_: bool_t,
        float: t!("float", Kind::FLOAT, TF_BASETYPE),
        complex: t!("complex", K_COMPLEX, TF_BASETYPE),
        str_: str_t.value(),
        bytes: t!("bytes", Kind::BYTES, TF_BASETYPE),
        bytearray: t!("bytearray", K_BYTEARRAY, TF_BASETYPE),
        tuple: t!("tuple", Kind::TUPLE, TF_BASETYPE),
        list: t!("list", Kind::LIST, TF_BASETYPE),
        dict: dict_t.value(),
        set: t!("set", Kind::SET, TF_BASETYPE),
        frozenset: t!("frozenset", Kind::SET, TF_BASETYPE),
        none: t!("NoneType", Kind::GENERIC, 0),
        not_implemented: t!("NotImplementedType", Kind::GENERIC, 0),
        ellipsis: t!("ellipsis", Kind::GENERIC, 0),
        function: t!("function", K_FUNCTION, 0),
        builtin: t!("builtin_function_or_method", K_BUILTIN, 0),
        method: t!("method", K_METHOD, 0),
        code: t!("code", K_CODE, 0),
        cell: t!("cell", K_CELL, 0),
        module: t!("module", K_MODULE, TF_BASETYPE),
        generator: t!("generator", K_GEN, 0),
        coroutine: t!("coroutine", K_GEN, 0),
        async_generator: t!("async_generator", K_GEN, 0),
        range: t!("range", K_RANGE, 0),
        slice: t!("slice", K_SLICE, 0),
        property: t!("property", K_PROPERTY, TF_BASETYPE),
        staticmethod: t!("staticmethod", K_WRAPPER, TF_BASETYPE),
        classmethod: t!("classmethod", K_WRAPPER, TF_BASETYPE),
        super_: t!("super", K_SUPER, TF_BASETYPE),
        traceback: t!("traceback", K_TRACEBACK, 0),
        frame: t!("frame", K_MISC, 0),
        list_iter: t!("list_iterator", K_ITER, 0),
        tuple_iter: t!("tuple_iterator", K_ITER, 0),
        str_iter: t!("str_ascii_iterator", K_ITER, 0),
        range_iter: t!("range_iterator", K_ITER, 0),
        longrange_iter: t!("longrange_iterator", K_MISC, 0),
        bytes_iter: t!("bytes_iterator", K_ITER, 0),
        bytearray_iter: t!("bytearray_iterator", K_ITER, 0),
        dict_keys: t!("dict_keys", K_DICTVIEW, 0),
        dict_values: t!("dict_values", K_DICTVIEW, 0),
        dict_items: t!("dict_items", K_DICTVIEW, 0),
        dict_keyiter: t!("dict_keyiterator", K_ITER, 0),
        dict_valueiter: t!("dict_valueiterator", K_ITER, 0),
        dict_itemiter: t!("dict_itemiterator", K_ITER, 0),
        set_iter: t!("set_iterator", K_ITER, 0),
        call_iter: t!("callable_iterator", K_ITER, 0),
        seq_iter: t!("iterator", K_ITER, 0),
        mappingproxy: t!("mappingproxy", K_DICTVIEW, 0),
        method_wrapper: t!("method-wrapper", K_METHOD, 0),
        classmethod_descr: t!("classmethod_descriptor", K_WRAPPER, 0),
        getset_descr: t!("getset_descriptor", K_PROPERTY, 0),
        namespace: t!("SimpleNamespace", K_INSTANCE, TF_BASETYPE),
        async_gen_asend: t!("async_generator_asend", K_MISC, 0),
        member_descr: t!("member_descriptor", K_MEMBER, 0),
        async_gen_athrow: t!("async_generator_athrow", K_MISC, 0),
        generic_alias: t!("GenericAlias", K_MISC, TF_BASETYPE),
        generic_alias_iter: t!("generic_alias_iterator", K_MISC, 0),
        rlock: t!("RLock", K_INSTANCE, TF_BASETYPE | TF_NODICT),
        lock: t!("lock", K_MISC, 0),
        deque: t!("deque", K_DEQUE, TF_BASETYPE),
        deque_iter: t!("_deque_iterator", K_MISC, 0),
        deque_reviter: t!("_deque_reverse_iterator", K_MISC, 0),
    };
    // The builtin types pattern matching takes for sequences and mappings.
    for (t, f) in [
        (types.tuple, TF_SEQUENCE),
        (types.list, TF_SEQUENCE),
        (types.range, TF_SEQUENCE),
        (types.deque, TF_SEQUENCE),
        (types.dict, TF_MAPPING),
        (types.mappingproxy, TF_MAPPING),
    ] {
        let o = Obj::from_value(t).expect("type");
        set_type_flags(o, type_flags(o) | f);
    }
    // Exceptions.
    let mut exc: HashMap<&'static str, Value> = HashMap::new();
    for &(name, base) in EXCEPTIONS {
        let b = if base.is_empty() {
            object_t
        } else {
            Obj::from_value(exc[base]).expect("t")
        };
        let v = new_type(ctx, name, K_EXC, TF_BASETYPE | TF_EXC, b, &mut made);
        exc.insert(name, v);
    }
    // Names, classes, MROs, dict classes.
    let str_v = str_t.value();
    for &(o, _, _) in &made {
        o.init_class(type_t.value());
        Obj::from_value(o.get(T_DICT))
            .expect("d")
            .init_class(dict_t.value());
    }
    for &(o, name, base) in &made {
        let n = intern_raw(ctx, &mut interned, str_v, name);
        ctx.store(o, T_NAME, n);
        ctx.store(o, T_QUALNAME, n);
        if o == object_t {
            let mro = tuple_of(ctx, Value::NONE, &[o.value()], true);
            ctx.store(o, T_MRO, mro);
            let bases = tuple_of(ctx, Value::NONE, &[], true);
            ctx.store(o, T_BASES, bases);
            ctx.store(o, T_BASE, Value::NONE);
        } else {
            let bm = type_mro(base);
            let mut items = vec![o.value()];
            for i in 0..bm.n_values() {
                items.push(bm.get(i));
            }
            let mro = tuple_of(ctx, Value::NONE, &items, true);
            ctx.store(o, T_MRO, mro);
            let bases = tuple_of(ctx, Value::NONE, &[base.value()], true);
            ctx.store(o, T_BASES, bases);
            ctx.store(o, T_BASE, base.value());
        }
        if type_flags(base) & TF_EXC != 0 {
            set_type_flags(o, type_flags(o) | TF_EXC);
        }
    }
    for &(o, _, _) in &made {
        for s in [T_MRO, T_BASES] {
            Obj::from_value(o.get(s))
                .expect("t")
                .init_class(types.tuple);
        }
    }
    // ExceptionGroup(BaseExceptionGroup, Exception): the one multiple-base builtin.
    {
        let eg = Obj::from_value(exc["ExceptionGroup"]).expect("eg");
        let items = [
            exc["ExceptionGroup"],
            exc["BaseExceptionGroup"],
            exc["Exception"],
            exc["BaseException"],
            object_t.value(),
        ];
        let mro = tuple_of(ctx, types.tuple, &items, true);
        ctx.store(eg, T_MRO, mro);
        let bases = tuple_of(
            ctx,
            types.tuple,
            &[exc["BaseExceptionGroup"], exc["Exception"]],
            true,
        );
        ctx.store(eg, T_BASES, bases);
    }
    let names = Names::new(ctx, &mut interned, str_v);
    let latin1_chars = Box::new(std::array::from_fn(|c| {
        let ch = char::from(c as u8);
        intern_raw(ctx, &mut interned, str_v, ch.encode_utf8(&mut [0; 4]))
    }));
    let empty_tuple = tuple_of(ctx, types.tuple, &[], true);
    let short_bytes = Box::new(std::array::from_fn(|i| {
        let b: &[u8] = if i < 256 { &[i as u8] } else { &[] };
        lstr::alloc(ctx, Kind::BYTES, types.bytes, b, b.len(), true, true)
    }));
    let trace_event_names =
        super::trace::EV_NAMES.map(|n| intern_raw(ctx, &mut interned, str_v, n));
    let e = ExcTypes::from_map(&exc);
    let builtins = ldict::alloc_shared(ctx, Kind::DICT, types.dict, 256);
    let sys_modules = ldict::alloc_shared(ctx, Kind::DICT, types.dict, 32);
    ctx.add_global_root(builtins);
    ctx.add_global_root(sys_modules);
    let instance_dict_fns = [
        ("__dict__", super::attr::instance_dict_get as NativeFn),
        ("__dict__", super::attr::instance_dict_set),
        ("__dict__", super::attr::instance_dict_del),
        ("__weakref__", super::attr::instance_weakref_get),
    ]
    .map(|(name, f)| {
        let v = ctx.alloc_native(
            K_BUILTIN,
            types.builtin,
            Builtin {
                name,
                f,
                is_method: false,
                bound: Value::EMPTY,
                owner: Value::EMPTY,
                arity: None,
                meth_arity: false,
                module: proto_core::sync::heap_atomic::AtomicU64::new(0),
            },
        );
        ctx.add_global_root(v);
        v
    });
    for &(o, _, _) in &made {
        all.push((o.value(), ""));
    }
    let _ = all;
    Interpreter {
        space,
        types,
        names,
        exc,
        e,
        builtins,
        sys_modules,
        sys: Mutex::new(Value::NONE),
        interned: Mutex::new(interned),
        mortal_names: proto_core::sync::AtomicBool::new(false),
        subclass_owners: Mutex::new(Vec::new()),
        latin1_chars,
        trace_event_names,
        empty_tuple,
        short_bytes,
        module_inits: Mutex::new(HashMap::new()),
        extension_inits: Mutex::new(HashMap::new()),
        native_tracers: Mutex::new(Vec::new()),
        source_modules: Mutex::new(HashMap::new()),
        post_import_hooks: Mutex::new(HashMap::new()),
        post_import_pending: proto_core::sync::AtomicBool::new(false),
        importlib_settled: proto_core::sync::AtomicBool::new(false),
        sources: Mutex::new(HashMap::new()),
        recursion_limit: AtomicUsize::new(1000),
        finalizing: proto_core::sync::AtomicBool::new(false),
        type_versions: proto_core::sync::CacheAligned(AtomicU64::new(0)),
        dict_stamps: AtomicU64::new(0),
        version_floor: proto_core::sync::CacheAligned(AtomicU64::new(0)),
        builtin_len: AtomicU64::new(Value::EMPTY.bits()),
        builtin_isinstance: AtomicU64::new(Value::EMPTY.bits()),
        builtin_issubclass: AtomicU64::new(Value::EMPTY.bits()),
        builtin_next: AtomicU64::new(Value::EMPTY.bits()),
        builtin_list_append: AtomicU64::new(Value::EMPTY.bits()),
        builtin_dict_get: AtomicU64::new(Value::EMPTY.bits()),
        instance_dict_fns,
        import_locks: proto_core::keylock::KeyLocks::new(),
        std_finders: Mutex::new(Vec::new()),
        std_path_hooks: Mutex::new(Vec::new()),
        std_bootstrap: Mutex::new(Vec::new()),
        audit_hooks: Mutex::new(Vec::new()),
        audit_on: proto_core::sync::AtomicBool::new(false),
        iternext: std::sync::OnceLock::new(),
        odict_types: std::sync::OnceLock::new(),
        super_ctor: std::sync::OnceLock::new(),
        array_iter: std::sync::OnceLock::new(),
        seq_repeat: std::sync::OnceLock::new(),
        hooks: std::sync::OnceLock::new(),
    }
}

impl Vm {
    /// Creates a builtin (non-heap) type at start-up (python_env's types).
    pub fn new_static_type(
        &mut self,
        name: &str,
        base: Value,
        layout: Kind,
        basetype: bool,
    ) -> Value {
        let n = self.intern(name);
        let d = ldict::alloc(&mut self.ctx, Kind::DICT, self.g.types.dict, 8);
        let flags = if basetype { TF_BASETYPE } else { 0 };
        let meta = self.g.types.type_;
        let t = alloc_type(&mut self.ctx, meta, n, d, layout, flags);
        let bo = Obj::from_value(base).expect("base");
        let bm = type_mro(bo);
        let mut items = vec![t.value()];
        for i in 0..bm.n_values() {
            items.push(bm.get(i));
        }
        let mro = self.new_tuple(&items);
        t.init(T_MRO, mro);
        let bases = self.new_tuple(&[base]);
        t.init(T_BASES, bases);
        t.init(T_BASE, base);
        let inherited = type_flags(bo) & (TF_EXC | TF_SEQUENCE | TF_MAPPING);
        set_type_flags(t, type_flags(t) | inherited);
        let v = t.value();
        self.ctx.add_global_root(v);
        v
    }

    /// A new instance of `cls` (tuple or a subclass of it) holding `items`.
    /// Instances of subclasses whose instances have a `__dict__` carry a
    /// [`TupleDictHolder`]; the others are plain tuples with another class.
    pub fn new_tuple_of(&mut self, cls: Value, items: &[Value]) -> Value {
        if cls == self.g.types.tuple {
            return self.new_tuple(items);
        }
        let co = Obj::from_value(cls).expect("type");
        let t = if type_flags(co) & TF_NODICT != 0 {
            self.ctx.alloc(Kind::TUPLE, cls, items.len(), 0)
        } else {
            let holder = self.ctx.alloc(Kind::GENERIC, Value::NONE, 1, 0);
            self.ctx.alloc_native_with_values(
                Kind::TUPLE,
                cls,
                items.len(),
                TupleDictHolder(holder),
            )
        };
        let o = Obj::from_value(t).expect("heap");
        for (i, &v) in items.iter().enumerate() {
            o.init(i, v);
        }
        t
    }

    /// Marks a type as a heap type (python_env's exception subclasses etc.).
    pub fn set_module_attr(&mut self, module: Value, name: &str, v: Value) {
        let d = Obj::from_value(module).expect("module").get(0);
        let k = self.intern(name);
        self.dict_set_str(d, k, v);
    }

    /// Adds builtin functions (name, implementation) to a module.
    pub fn add_module_functions(&mut self, module: Value, fns: &[(&'static str, NativeFn)]) {
        for &(n, f) in fns {
            let b = self.new_builtin(n, f, false);
            self.set_module_attr(module, n, b);
        }
    }
}

/// The subclasses of a heap type, held weakly: type slot `T_SUBCLASSES`
/// holds a raw holder object (raw word 0 the count, then one word per
/// subclass: Value bits the collector does not trace). Every global
/// collection prunes the subclasses that did not survive marking
/// (`Interpreter::prune_subclasses`, a weak hook) before the sweep frees
/// them. Changes take the type's lock when it is shared.
pub struct SubclassList;

impl SubclassList {
    fn holder(t: Obj) -> Option<Obj> {
        Obj::from_value(t.get(T_SUBCLASSES))
    }

    /// Appends `sub`; true when `t` got its first holder (the caller then
    /// registers `t` with the pruning hook).
    pub fn add(ctx: &mut ProtoContext, t: Obj, sub: Value) -> bool {
        let h = Self::holder(t);
        let (n, cap) = h.map_or((0, 0), |h| (get_raw(h, 0) as usize, h.raw_len() / 8 - 1));
        if let Some(h) = h.filter(|_| n < cap) {
            set_raw(h, 1 + n, sub.bits());
            set_raw(h, 0, (n + 1) as u64);
            return false;
        }
        let new_cap = (cap * 2).max(4);
        let nh = ctx.alloc(Kind::STORAGE, Value::NONE, 0, 8 * (1 + new_cap));
        let nho = Obj::from_value(nh).expect("heap");
        if let Some(h) = h {
            for i in 0..n {
                set_raw(nho, 1 + i, get_raw(h, 1 + i));
            }
        }
        set_raw(nho, 1 + n, sub.bits());
        set_raw(nho, 0, (n + 1) as u64);
        ctx.store(t, T_SUBCLASSES, nh);
        h.is_none()
    }

    /// The recorded subclasses.
    pub fn items(t: Obj) -> Vec<Value> {
        let Some(h) = Self::holder(t) else {
            return Vec::new();
        };
        (0..get_raw(h, 0) as usize)
            .map(|i| Value::from_bits(get_raw(h, 1 + i)))
            .collect()
    }

    /// Keeps the subclasses for which `keep` is true, in order.
    pub fn retain(t: Obj, keep: &dyn Fn(Value) -> bool) {
        let Some(h) = Self::holder(t) else {
            return;
        };
        let n = get_raw(h, 0) as usize;
        let mut j = 0;
        for i in 0..n {
            let w = get_raw(h, 1 + i);
            if keep(Value::from_bits(w)) {
                set_raw(h, 1 + j, w);
                j += 1;
            }
        }
        set_raw(h, 0, j as u64);
    }
}

/// The interned name of each text in a tree of code objects being made
/// into code values, keyed by the text's address: the bytecode cache's
/// reader shares one `Arc<str>` per distinct name of a file (the file's
/// name table, `serialize::collect_names`), so each is hashed and looked
/// up in the intern table once instead of once per use (27,000 uses, 9,600
/// names in the six-module start-up imports). Lives within one `new_code`
/// or `code_body` call, which reaches no safepoint, so the names it holds
/// need no rooting; a text's address is stable while its `CodeObject`
/// holds it.
#[derive(Default)]
struct NameMemo(AddrMap<usize, Value>);

impl NameMemo {
    /// The interned `n`, made by `intern` the first time.
    fn get_or_insert_with(&mut self, n: &Arc<str>, intern: impl FnOnce() -> Value) -> Value {
        *self
            .0
            .entry(Arc::as_ptr(n).cast::<u8>() as usize)
            .or_insert_with(intern)
    }
}

/// Hashes an address: a folded 128-bit multiply spreads its varying middle
/// bits over both the low bits hashbrown takes the bucket from and the high
/// bits of its control byte (an address's low four bits are always 0).
#[derive(Default)]
pub struct AddrHasher(u64);

/// A hash map keyed by addresses or value bits, hashed by [`AddrHasher`]
/// (std's SipHash cost the collector's finalizer walk more than the walk).
pub type AddrMap<K, V> = hashbrown::HashMap<K, V, std::hash::BuildHasherDefault<AddrHasher>>;

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_usize(self.0.rotate_left(8) as usize ^ usize::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        let p = u128::from(n) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (p as u64) ^ ((p >> 64) as u64);
    }
}

/// The code object standing for cached code that does not decode: running
/// it raises SystemError. (Unreachable for files that passed their
/// checksum; see `serialize::LazyCode`.)
fn broken_code() -> Arc<CodeObject> {
    crate::compiler::compile(
        "raise SystemError('bad code in a bytecode cache file')",
        "<cache>",
        crate::compiler::Mode::Exec,
        crate::compiler::CompileFlags::default(),
    )
    .expect("a fixed program compiles")
}

/// The `__qualname__` of type `t` (its name for a type without one).
pub fn type_qualname(t: Value) -> String {
    match Obj::from_value(t) {
        Some(o) if o.kind() == K_TYPE && is_str(o.get(T_QUALNAME)) => {
            str_of(o.get(T_QUALNAME)).to_string()
        }
        _ => type_name(t),
    }
}
