//! The ProtoPy runtime: object model, interpreter loop, calls, exceptions.
//!
//! # Structure
//! - [`Interpreter`]: process-wide state shared by all threads (builtin types,
//!   interned names, `sys.modules`, builtins, the registry python_env fills at
//!   start-up). Immutable after start-up or made of shared heap objects
//!   protected by their per-object locks. There is no global interpreter lock.
//! - [`Vm`]: one per thread; owns its `ProtoContext` (run in deferred
//!   collection mode), its frame stack and its handled-exception state.
//! - `object`: type objects, kinds, instance layouts, allocation helpers.
//! - `interp`: the bytecode loop. Python-to-Python calls push a frame and
//!   continue in the same loop; only Rust-to-Python calls recurse.
//! - `ops`: the object protocol (binary ops, compare, hash, truth, repr,
//!   iteration, subscripts) with fast paths for the builtin types.
//! - `attr`: attribute lookup along the MRO, descriptors, classes, super.
//! - `call`: calling any object, argument binding, functions, generators.
//! - `exc`: exception objects, tracebacks and their printing.
//! - `import`: the import system (builtin modules, `.py` files, packages).
//!
//! # Rooting rule (read this before writing runtime code)
//! The VM runs its `ProtoContext` in deferred mode: allocation never
//! collects; collections happen only at safepoints, which the loop reaches at
//! `JUMP_BACKWARD`, at calls and at returns. Therefore:
//! - Rust code may hold unrooted `Value`s across allocations.
//! - Rust code must NOT hold an unrooted heap `Value` across anything that
//!   can reach a safepoint: any call back into Python code — which includes
//!   `vm.call`, and any protocol operation (`vm.repr`, `vm.eq`, `vm.hash`,
//!   `vm.getattr`, iteration...) that may dispatch to a Python `__dunder__`.
//!   Values that must survive such a call are pushed on the thread's value
//!   stack first ([`Vm::push_root`] / [`Vm::pop_roots`]), or are reachable
//!   from something that is (a frame slot, an argument slice).
//! - Arguments of builtin functions are copies of values that stay in the
//!   caller's frame on the value stack for the whole call: they are rooted.
//! - Results returned from a call are unrooted: root them before the next
//!   Python call if they are still needed afterwards.
//! - An exception travelling as `Err(PyException)` is unrooted; it must reach
//!   a handler (which pushes it) or the top level without Python code running
//!   in between (code that must run Python meanwhile roots it first).

pub mod attr;
pub mod audit;
pub mod call;
pub mod exc;
pub mod excgroup;
pub mod fallible;
pub mod finalize;
pub mod icache;
pub mod import;
pub mod interp;
pub mod local;
pub mod object;
pub mod ops;
pub mod owned_bytes;
pub mod pycache;
pub mod shape;
pub mod signals;
pub mod sizeof;
pub mod text;
pub mod threads;
pub mod trace;
pub mod traceback;
pub mod typing;

pub use call::{
    DrainKeep, GEN_CODE, GEN_CREATED, GEN_DONE, GEN_NAME, GEN_QUALNAME, GEN_RAW_STATE, GEN_RUNNING,
    GEN_SUSPENDED,
};
pub use exc::exc_suppress_context;
pub use excgroup::EgMatcher;
pub use object::*;
pub use proto_core::{Kind, Obj};

use proto_core::layouts::{dict as ldict, list as llist, str as lstr};
use proto_core::sync::{AtomicBool, AtomicU64, AtomicUsize, Mutex, Ordering};
use proto_core::{ProtoContext, ProtoSpace, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// An exception in flight (see the rooting rule for its lifetime).
#[derive(Clone, Copy, Debug)]
pub struct PyException(pub Value);

/// Result of a runtime operation.
pub type PyResult<T> = Result<T, PyException>;

/// A builtin function: positional args followed by keyword values; `kwnames`
/// is a tuple of the keyword names (or `EMPTY`).
pub type NativeFn = fn(&mut Vm, &[Value], Value) -> PyResult<Value>;

/// Factory of a builtin module.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

macro_rules! define_names {
    ($($id:ident),* $(,)?) => {
        /// Pre-interned attribute names used by the runtime.
        #[allow(non_snake_case, missing_docs)]
        pub struct Names { $(pub $id: Value,)* }
        impl Names {
            fn new(ctx: &mut ProtoContext, interned: &mut InternTable, str_cls: Value) -> Names {
                Names { $($id: intern_raw(ctx, interned, str_cls, stringify!($id)),)* }
            }
        }
    };
}

define_names!(
    __init__,
    __new__,
    __repr__,
    __str__,
    __hash__,
    __eq__,
    __ne__,
    __lt__,
    __le__,
    __gt__,
    __ge__,
    __add__,
    __radd__,
    __iadd__,
    __sub__,
    __rsub__,
    __isub__,
    __mul__,
    __rmul__,
    __imul__,
    __truediv__,
    __rtruediv__,
    __itruediv__,
    __floordiv__,
    __rfloordiv__,
    __ifloordiv__,
    __mod__,
    __rmod__,
    __imod__,
    __pow__,
    __rpow__,
    __ipow__,
    __lshift__,
    __rlshift__,
    __ilshift__,
    __rshift__,
    __rrshift__,
    __irshift__,
    __and__,
    __rand__,
    __iand__,
    __or__,
    __ror__,
    __ior__,
    __xor__,
    __rxor__,
    __ixor__,
    __matmul__,
    __rmatmul__,
    __imatmul__,
    __neg__,
    __pos__,
    __invert__,
    __abs__,
    __bool__,
    __len__,
    __iter__,
    __next__,
    __getitem__,
    __setitem__,
    __delitem__,
    __contains__,
    __call__,
    __getattr__,
    __getattribute__,
    __setattr__,
    __delattr__,
    __get__,
    __set__,
    __delete__,
    __enter__,
    __exit__,
    __name__,
    __qualname__,
    __module__,
    __doc__,
    __dict__,
    __class__,
    __classcell__,
    __classdictcell__,
    __mro__,
    __bases__,
    __base__,
    __init_subclass__,
    __set_name__,
    __index__,
    __int__,
    __float__,
    __format__,
    __reversed__,
    __missing__,
    __instancecheck__,
    __subclasscheck__,
    __prepare__,
    __all__,
    __path__,
    __file__,
    __package__,
    __spec__,
    __loader__,
    __builtins__,
    __annotations__,
    __slots__,
    __match_args__,
    __await__,
    __aiter__,
    __anext__,
    __aenter__,
    __aexit__,
    __class_getitem__,
    __mro_entries__,
    __traceback__,
    __cause__,
    __context__,
    __suppress_context__,
    __notes__,
    __length_hint__,
    __round__,
    __trunc__,
    __floor__,
    __ceil__,
    __divmod__,
    __rdivmod__,
    __complex__,
    __bytes__,
    __sizeof__,
    __dir__,
    __del__,
    __fspath__,
    __main__,
    __objclass__,
    __wrapped__,
    __weakref__,
    __abstractmethods__,
    __isabstractmethod__,
    __signature__,
    __text_signature__,
    args,
    send,
    throw,
    close,
    closed,
    keys,
    items,
    values,
    get,
    append,
    write,
    flush,
    value,
    errno,
    mro,
    name,
    obj,
    fget,
    fset,
    fdel,
    code,
    msg,
    filename,
    lineno,
    offset,
    text,
    end_lineno,
    end_offset,
    print_file_and_line,
    stdout,
    stderr,
    stdin,
    path,
    modules,
    argv,
    exit,
    encoding,
);

/// Builtin types (filled by bootstrap; python_env adds their methods).
#[allow(missing_docs)]
pub struct Types {
    pub object: Value,
    pub type_: Value,
    pub int: Value,
    pub bool_: Value,
    pub float: Value,
    pub complex: Value,
    pub str_: Value,
    pub bytes: Value,
    pub bytearray: Value,
    pub tuple: Value,
    pub list: Value,
    pub dict: Value,
    pub set: Value,
    pub frozenset: Value,
    pub none: Value,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub function: Value,
    pub builtin: Value,
    pub method: Value,
    pub code: Value,
    pub cell: Value,
    pub module: Value,
    pub generator: Value,
    pub coroutine: Value,
    pub async_generator: Value,
    pub range: Value,
    pub slice: Value,
    pub property: Value,
    pub staticmethod: Value,
    pub classmethod: Value,
    pub super_: Value,
    pub traceback: Value,
    pub frame: Value,
    pub list_iter: Value,
    pub tuple_iter: Value,
    pub str_iter: Value,
    pub range_iter: Value,
    /// Iterator over a range whose bounds do not all fit an i64.
    pub longrange_iter: Value,
    pub bytes_iter: Value,
    pub bytearray_iter: Value,
    pub dict_keys: Value,
    pub dict_values: Value,
    pub dict_items: Value,
    pub dict_keyiter: Value,
    pub dict_valueiter: Value,
    pub dict_itemiter: Value,
    pub set_iter: Value,
    pub call_iter: Value,
    pub seq_iter: Value,
    pub mappingproxy: Value,
    pub method_wrapper: Value,
    pub classmethod_descr: Value,
    pub getset_descr: Value,
    pub namespace: Value,
    pub async_gen_asend: Value,
    pub member_descr: Value,
    pub async_gen_athrow: Value,
    pub generic_alias: Value,
    /// The iterator `iter(list[int])` returns (one unpacked alias).
    pub generic_alias_iter: Value,
    /// `_thread.RLock` (methods in python_env `modules/_thread`): here so
    /// that `threading.Condition()` makes its default lock without a lookup.
    pub rlock: Value,
    /// `_thread.lock` (methods in python_env `modules/_thread`): here so
    /// that `allocate_lock` is a plain module function (CPython's repr:
    /// `<built-in function allocate_lock>`) that finds its class without a
    /// lookup.
    pub lock: Value,
    /// `collections.deque` (methods in python_env `types/deque.rs`).
    pub deque: Value,
    /// `_collections._deque_iterator`.
    pub deque_iter: Value,
    /// `_collections._deque_reverse_iterator`.
    pub deque_reviter: Value,
}

/// Process-wide interpreter state, shared by every thread's [`Vm`].
pub struct Interpreter {
    /// The heap.
    pub space: Arc<ProtoSpace>,
    /// Builtin types.
    pub types: Types,
    /// Pre-interned names.
    pub names: Names,
    /// Exception classes by name.
    pub exc: HashMap<&'static str, Value>,
    /// Common exception classes.
    pub e: ExcTypes,
    /// The builtins module's dict.
    pub builtins: Value,
    /// `sys.modules`.
    pub sys_modules: Value,
    /// `sys` module (set by python_env).
    pub sys: Mutex<Value>,
    interned: Mutex<InternTable>,
    /// Heap types that have recorded subclasses (`SubclassList`): the
    /// weak hook prunes their records. Held weakly too: a type that dies
    /// leaves the list at the next global collection.
    pub subclass_owners: Mutex<Vec<Value>>,
    /// Set once start-up is done: names interned from then on are mortal
    /// (see `intern_in`).
    pub mortal_names: AtomicBool,
    /// The interned one-character strings U+0000..U+00FF (immortal), so
    /// `s[i]`, iteration and `chr` on Latin-1 text neither allocate nor
    /// take the intern table's lock.
    pub latin1_chars: Box<[Value; 256]>,
    /// The empty tuple (immortal), which [`Vm::new_tuple`] gives for no
    /// items, as CPython keeps one: an empty `*args` (every call of
    /// `logger.debug(msg)`) allocates nothing.
    pub empty_tuple: Value,
    /// The one-byte bytes objects `b'\x00'`..`b'\xff'`, then `b''`
    /// (immortal), which [`Vm::new_bytes`] gives for those values, as
    /// CPython keeps them: a byte-at-a-time loop (`bytes([b])`,
    /// `BytesIO.read(1)`) allocates nothing, and equal ones are the same
    /// object, which comparisons and dict probes test first.
    pub short_bytes: Box<[Value; 257]>,
    /// The names of the trace events (`"call"`, `"line"`, ...; immortal),
    /// by event number (`trace.rs`): each event passes one to the trace
    /// function without the intern table's lock.
    pub trace_event_names: [Value; 8],
    /// Builtin modules python_env registered.
    pub module_inits: Mutex<HashMap<String, ModuleInit>>,
    /// Classes whose instances are native trace functions, with their
    /// handlers ([`Vm::register_native_tracer`]).
    pub native_tracers: Mutex<Vec<(Value, trace::NativeTrace)>>,
    /// Rust implementations of third-party C extension modules, by full
    /// name (`coverage.tracer`): loaded where the package installed its
    /// compiled module ([`Vm::register_extension_module`]).
    pub extension_inits: Mutex<HashMap<String, ModuleInit>>,
    /// Modules written in Python that python_env embeds (name -> source).
    pub source_modules: Mutex<HashMap<String, &'static str>>,
    /// Native steps to run once after a module is first imported
    /// ([`Vm::add_post_import_hook`]), by module name.
    pub post_import_hooks: Mutex<HashMap<String, PostImportHook>>,
    /// Whether `post_import_hooks` may hold a hook (checked on every import
    /// without taking its lock).
    pub post_import_pending: proto_core::sync::AtomicBool,
    /// Set once importlib's post-import hook finished: the finders are
    /// installed and the modules imported before have their specs
    /// ([`Vm::settle_importlib`]).
    pub importlib_settled: proto_core::sync::AtomicBool,
    /// Source lines of files, for tracebacks.
    pub sources: Mutex<HashMap<String, Arc<Vec<String>>>>,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: AtomicUsize,
    /// `sys.is_finalizing()`: set once the main thread has run the atexit
    /// handlers at exit (after which only abandoned daemon threads run Python).
    pub finalizing: AtomicBool,
    /// The last type version handed out (see [`Vm::type_version`]): every
    /// version is used once, so an entry keyed by an old version never
    /// matches a type again. On a cache line of its own: a thread that
    /// changes classes bumps it constantly, and `version_floor` beside it
    /// is read by every cache check of every thread (`class_churn.py`: a
    /// method loop 1.55x slower beside a class-defining thread).
    pub type_versions: proto_core::sync::CacheAligned<AtomicU64>,
    /// The last dict stamp handed out (`ldict::stamp`): LOAD_GLOBAL's proof
    /// that a name is absent from a module's globals. Taken on a cache
    /// refresh only, so it shares the line with nothing hot.
    pub dict_stamps: AtomicU64,
    /// Versions up to this one are stale: raised to invalidate every type's
    /// cache entries at once (a builtin type's dict changed, whose
    /// subclasses are not recorded; interned names were collected).
    pub version_floor: proto_core::sync::CacheAligned<AtomicU64>,
    /// The builtin `len` (its Value bits; EMPTY until python_env registers
    /// it): CALL computes `len(x)` of exact builtin containers inline.
    pub builtin_len: AtomicU64,
    /// The builtin `isinstance` (Value bits; EMPTY until registered): CALL
    /// answers `isinstance(x, T)` for a class `T` of metaclass `type` inline.
    pub builtin_isinstance: AtomicU64,
    /// The builtin `issubclass` (Value bits; EMPTY until registered): CALL
    /// answers `issubclass(C, T)` of two classes, `T` of metaclass `type`,
    /// from `C`'s MRO inline.
    pub builtin_issubclass: AtomicU64,
    /// The builtin `next` (Value bits; EMPTY until registered): CALL runs
    /// `next(g)` of a generator in its own loop, as FOR_ITER resumes one.
    pub builtin_next: AtomicU64,
    /// The method descriptor `list.append` (Value bits; EMPTY until
    /// registered): CALL appends to an exact thread-local list inline, as
    /// CPython's `CALL_NO_KW_LIST_APPEND`.
    pub builtin_list_append: AtomicU64,
    /// The method descriptor `dict.get` (Value bits; EMPTY until
    /// registered): CALL answers `d.get(k[, default])` of an exact dict and
    /// an int or str key inline.
    pub builtin_dict_get: AtomicU64,
    /// The getter, setter and deleter of every class's `__dict__` descriptor
    /// and the getter of `__weakref__`: one shared builtin each (they read
    /// the instance only), so a class statement does not make four functions.
    pub instance_dict_fns: [Value; 4],
    /// The finders importlib puts in `sys.meta_path` (`import.rs`).
    pub std_finders: Mutex<Vec<Value>>,
    /// The hooks importlib puts in `sys.path_hooks` (`import.rs`): while
    /// it holds only these, the native search stands for them.
    pub std_path_hooks: Mutex<Vec<Value>>,
    /// The `importlib._bootstrap` and `_bootstrap_external` modules that
    /// installed those finders (a program's fresh copies in `sys.modules`
    /// do not replace them).
    pub std_bootstrap: Mutex<Vec<Value>>,
    /// The audit hooks (`audit.rs`): only appended to, each a global root.
    pub audit_hooks: Mutex<Vec<Value>>,
    /// Whether `audit_hooks` holds a hook (read by every audit event).
    pub audit_on: AtomicBool,
    /// The per-module import locks (`import.rs`).
    pub import_locks: proto_core::keylock::KeyLocks<String>,
    /// Functions python_env installs once at start-up (read without a
    /// lock: a global mutex here serialized every thread's `format`).
    pub hooks: std::sync::OnceLock<Hooks>,
    /// The builtin iterator types (`enumerate`, `zip`...) with their native
    /// steps, in the order python_env makes them (their `__reduce__` finds
    /// its type here), set once at start-up. Each type also holds its step
    /// (`set_type_step`), which [`Vm::next`] runs on objects of exactly
    /// that class without the `__next__` lookup, the method call and the
    /// StopIteration that ends each loop.
    pub iternext: std::sync::OnceLock<Box<[(Value, IterNextFn)]>>,
    /// `collections.OrderedDict`, its views `odict_keys`, `odict_values`,
    /// `odict_items` and `odict_iterator`, made once at start-up by
    /// python_env: [`Vm::collect`] snapshots an exact one as it does a dict
    /// (its order is its table's).
    pub odict_types: std::sync::OnceLock<[Value; 5]>,
    /// `super`'s native `__new__` and `__init__`, found on the first
    /// `super()` call (a builtin type's methods never change): the
    /// zero-argument call runs them directly.
    pub super_ctor: std::sync::OnceLock<Option<(NativeFn, NativeFn)>>,
    /// `array`'s iterator type (`arrayiterator`), made once at start-up by
    /// python_env so that its native step joins [`Interpreter::iternext`].
    pub array_iter: std::sync::OnceLock<Value>,
    /// The builtin sequence types' `__mul__`/`__rmul__`/`__imul__`, set
    /// once at start-up: CPython's `sq_repeat` slots. The `*` and `*=`
    /// operators call them only when the count has `__index__`, so that
    /// the other operand's reflected method is tried otherwise; called
    /// directly, they raise TypeError for a count that is not an integer.
    pub seq_repeat: std::sync::OnceLock<Box<[NativeFn]>>,
}

/// One step of a builtin iterator: its next item, or `None` when exhausted
/// (the iterator's `__next__` raises StopIteration for that). The object is
/// an instance of the class the step was registered for.
pub type IterNextFn = fn(&mut Vm, Obj) -> PyResult<Option<Value>>;

/// A native step run once after the module it is registered for was first
/// imported, with that module (see [`Vm::add_post_import_hook`]).
pub type PostImportHook = fn(&mut Vm, Value) -> PyResult<()>;

/// Functions python_env provides to the engine at start-up.
#[derive(Clone, Copy, Default)]
pub struct Hooks {
    /// `format(v, spec)` for int/float/str (the text engine).
    pub format_builtin: Option<fn(&mut Vm, Value, Value) -> PyResult<Option<Value>>>,
    /// `float.__repr__`.
    pub float_repr: Option<fn(f64) -> String>,
    /// `str.__repr__` of surrogate-preserving UTF-8 (the text engine).
    pub str_repr: Option<fn(&[u8]) -> String>,
    /// `fmt % args` for an exact str `fmt` (printf-style formatting).
    pub str_mod: Option<fn(&mut Vm, Value, Value) -> PyResult<Value>>,
    /// Whether `name` is one of CPython's frozen test modules (`__hello__`,
    /// `__phello__.spam`, ...) and frozen now: the native search leaves it
    /// to importlib's `FrozenImporter`, which comes before the path finder.
    pub frozen_test_module: Option<fn(&str) -> bool>,
}

impl Interpreter {
    /// The installed hooks (none before python_env's setup).
    #[inline]
    pub fn hooks(&self) -> Hooks {
        self.hooks.get().copied().unwrap_or_default()
    }
}

macro_rules! exc_types {
    ($($id:ident),* $(,)?) => {
        /// Frequently raised exception classes.
        #[allow(non_snake_case, missing_docs)]
        #[derive(Clone, Copy)]
        pub struct ExcTypes { $(pub $id: Value,)* }
        impl ExcTypes {
            fn from_map(m: &HashMap<&'static str, Value>) -> ExcTypes {
                ExcTypes { $($id: m[stringify!($id)],)* }
            }
        }
    };
}

exc_types!(
    BaseException,
    ReferenceError,
    Exception,
    TypeError,
    ValueError,
    AttributeError,
    NameError,
    UnboundLocalError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
    StopIteration,
    StopAsyncIteration,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    AssertionError,
    ImportError,
    ModuleNotFoundError,
    LookupError,
    ArithmeticError,
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    MemoryError,
    SyntaxError,
    IndentationError,
    TabError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    UnicodeError,
    OSError,
    FileNotFoundError,
    SystemError,
    ExceptionGroup,
    BaseExceptionGroup,
    DeprecationWarning,
);

/// The exception hierarchy: (name, base).
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ExceptionGroup", "BaseExceptionGroup"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

/// An interned str as a member of the intern table, with its text's hash:
/// the table compares members by text, so it keeps no copy of each name (a
/// table of 275,000 run-time names held 26 MiB with owned keys), and it
/// keeps the hash, so growing or shrinking the table reads no name's text.
#[derive(Clone, Copy)]
pub(crate) struct InternKey(Value, u64);

impl InternKey {
    fn text(&self) -> &[u8] {
        // The table holds strs only; a member is live while it is in the
        // table (the prune removes the dead before their cells are swept).
        lstr::bytes(Obj::from_value(self.0).expect("interned str"))
    }
}

/// The names interned so far, looked up by their text.
pub(crate) struct InternTable {
    t: hashbrown::HashTable<InternKey>,
    hs: InternHashState,
}

impl InternTable {
    /// Sized for the names start-up interns (about 2,300), so that start-up
    /// never regrows it.
    pub(crate) fn new() -> InternTable {
        InternTable {
            t: hashbrown::HashTable::with_capacity(4096),
            hs: InternHashState::new(),
        }
    }

    fn hash(&self, text: &[u8]) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = self.hs.build_hasher();
        h.write(text);
        h.finish()
    }

    /// The interned str whose text is `text` (hashed as `hash`).
    fn find(&self, hash: u64, text: &[u8]) -> Option<Value> {
        self.t.find(hash, |k| k.text() == text).map(|k| k.0)
    }

    /// The interned str whose text is `text`.
    pub(crate) fn get(&self, text: &[u8]) -> Option<Value> {
        self.find(self.hash(text), text)
    }

    /// Adds `v`, a str absent from the table whose text hashes as `hash`.
    fn insert(&mut self, v: Value, hash: u64) {
        self.t.insert_unique(hash, InternKey(v, hash), |k| k.1);
    }

    pub(crate) fn len(&self) -> usize {
        self.t.len()
    }

    /// Keeps the names `keep` accepts.
    fn retain(&mut self, mut keep: impl FnMut(Value) -> bool) {
        self.t.retain(|k| keep(k.0));
    }

    /// Gives back the room of a burst of names once most of them died.
    fn shrink_after_prune(&mut self) {
        if self.t.capacity() > 4096 && self.t.len() * 4 < self.t.capacity() {
            let n = self.t.len() * 2;
            self.t.shrink_to(n, |k| k.1);
        }
    }
}

/// How the intern table hashes names: FNV-1a over the text (as `str`
/// hashes, see `ops::str_hash`) from a basis drawn per process, then a
/// multiply-xorshift finish so that both the bucket index (low bits) and
/// the tag (top bits) depend on every byte. std's SipHash took about 180
/// instructions a name, and start-up hashes some 5,700.
#[derive(Clone)]
pub(crate) struct InternHashState(u64);

impl InternHashState {
    fn new() -> InternHashState {
        use std::hash::BuildHasher;
        InternHashState(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64))
    }
}

impl std::hash::BuildHasher for InternHashState {
    type Hasher = InternHasher;
    fn build_hasher(&self) -> InternHasher {
        InternHasher(0xcbf2_9ce4_8422_2325 ^ self.0)
    }
}

/// See [`InternHashState`].
pub(crate) struct InternHasher(u64);

impl std::hash::Hasher for InternHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

fn intern_raw(
    ctx: &mut ProtoContext,
    interned: &mut InternTable,
    str_cls: Value,
    s: &str,
) -> Value {
    intern_in(ctx, interned, str_cls, s.as_bytes(), false)
}

/// Whether surrogate-preserving UTF-8 `b` is ASCII, and its characters:
/// the bytes that start one (a lone surrogate's three bytes are one).
fn ascii_and_chars(b: &[u8]) -> (bool, usize) {
    if b.is_ascii() {
        (true, b.len())
    } else {
        (false, b.iter().filter(|&&c| c & 0xC0 != 0x80).count())
    }
}

/// The canonical str for the bytes `s` (surrogate-preserving UTF-8) in
/// `interned`, made if absent: immortal while
/// the interpreter starts (`mortal` false: the names Rust code keeps in
/// `Names` and the builtin types' dicts), afterwards an ordinary shared
/// object the table holds weakly ([`Interpreter::prune_interned`]), so
/// names made at run time (`setattr` with new names, `sys.intern`, the
/// names of code from `exec`) are collected when no one uses them.
fn intern_in(
    ctx: &mut ProtoContext,
    interned: &mut InternTable,
    str_cls: Value,
    s: &[u8],
    mortal: bool,
) -> Value {
    let hash = interned.hash(s);
    if let Some(v) = interned.find(hash, s) {
        return v;
    }
    let (ascii, n) = ascii_and_chars(s);
    let v = lstr::alloc(ctx, Kind::STR, str_cls, s, n, ascii, !mortal);
    lstr::set_interned(v);
    if mortal {
        ctx.promote(v);
    }
    interned.insert(v, hash);
    v
}

impl Interpreter {
    /// Retires every type version handed out so far: each type gets a new
    /// one when a cache next asks ([`Vm::type_version`]).
    pub fn invalidate_all_types(&self) {
        // An RMW, not a load: a version handed out after it (an RMW later
        // in the counter's order) is above the floor, and its stamper then
        // sees every change made before this call.
        let last = self.type_versions.fetch_add(1, Ordering::AcqRel) + 1;
        self.version_floor.fetch_max(last, Ordering::AcqRel);
    }

    /// The weak side of the intern table, run by every global collection
    /// (a `ProtoSpace` weak hook, world stopped): drops the names that did
    /// not survive marking. A dropped name's address may come to hold
    /// another interned name, so every type's cache entries are
    /// invalidated: the per-thread method caches key on name addresses. No thread holds the table's
    /// lock at a safepoint (`intern_in` only allocates, which never
    /// collects in the interpreter's deferred mode).
    fn prune_interned(&self, live: &dyn Fn(Value) -> bool) {
        let mut m = proto_core::sync::lock(&self.interned);
        let before = m.len();
        m.retain(live);
        if m.len() != before {
            self.invalidate_all_types();
        }
        m.shrink_after_prune();
    }

    /// The weak side of `__subclasses__`, run with `prune_interned`: every
    /// surviving type forgets its subclasses that did not survive. Same
    /// lock rule: `add_subclass` takes this lock with no safepoint inside.
    fn prune_subclasses(&self, live: &dyn Fn(Value) -> bool) {
        let mut owners = proto_core::sync::lock(&self.subclass_owners);
        owners.retain(|&t| live(t));
        for &t in owners.iter() {
            if let Some(o) = Obj::from_value(t) {
                object::SubclassList::retain(o, live);
            }
        }
    }
}

/// A frame of the interpreter (metadata; its values live on the value stack).
pub struct Frame {
    /// The code being run (kept alive by the code value in slot `base`).
    pub code: &'static CodeData,
    /// Value-stack index of the frame's header slots.
    pub base: usize,
    /// Current instruction offset (code units) of the next instruction.
    pub pc: usize,
    /// Stack pointer (absolute value-stack index).
    pub sp: usize,
    /// Offset of the instruction that is executing (for tracebacks).
    pub lasti: usize,
    /// Returning from this frame leaves the loop (Rust-to-Python call).
    pub entry: bool,
    /// Globals dict.
    pub globals: Obj,
    /// Builtins dict.
    pub builtins: Obj,
    /// The generator object owning this frame, or EMPTY.
    pub gen: Value,
    /// An `__init__` run by CALL for a class call ([`Vm::push_init_frame`]):
    /// its return value must be None, and the caller's result slot already
    /// holds the instance.
    pub init: bool,
    /// The frame has not reached the tracing loop yet: its `call` event
    /// is due (see `trace.rs`). Set for every pushed frame; only the
    /// tracing loop reads and clears it.
    pub call_pending: bool,
    /// This frame's frame object (`trace.rs`), or EMPTY until one is asked
    /// for; rooted by the thread's root slots or by the generator.
    pub fobj: Value,
    /// While the frame is in a native call made by CALL, CALL_KW or
    /// CALL_FUNCTION_EX: the value-stack index just above that call's
    /// arguments (everything from there to the frame's extent is dead, see
    /// [`Vm::clear_dead_frame_slots`]); 0 otherwise. A u32 (the value stack
    /// holds far fewer values) keeps `Frame` at 80 bytes: a bigger frame
    /// cost about 1% more instructions in call-heavy code (fib), where the
    /// loop indexes `frames` often.
    ///
    /// Or [`Frame::UNCHANGED`] on a generator frame at its YIELD_FROM.
    pub native_top: u32,
}

impl Frame {
    /// `native_top` of a generator frame whose values, `pc` and `sp` are
    /// what its generator saved last: [`Vm::gen_descend`] resumed it at its
    /// YIELD_FROM and passed the sent value down, and it has not run since.
    /// A value yielded up through it leaves it as it was, so `yield_out`
    /// marks it suspended without saving it again. Cleared where the frame
    /// runs on (its sub-generator returned or raised) and where
    /// [`Vm::clear_dead_frame_slots`] empties the saved copy. (Not a field
    /// of its own: one more bool field made the loop's frame pushes and
    /// pops dearer, 80 instructions per Python method call.)
    pub const UNCHANGED: u32 = u32::MAX;

    /// A frame about to run `code` from its first instruction.
    pub fn fresh(
        code: &'static CodeData,
        base: usize,
        sp: usize,
        entry: bool,
        globals: Obj,
        builtins: Obj,
    ) -> Frame {
        Frame {
            code,
            base,
            pc: 0,
            sp,
            lasti: 0,
            entry,
            globals,
            builtins,
            gen: Value::EMPTY,
            init: false,
            call_pending: true,
            fobj: Value::EMPTY,
            native_top: 0,
        }
    }

    /// The frame of generator `gen` resumed at `pc`. `in_caller_loop`
    /// marks one run in the loop of the instruction that resumed it
    /// (FOR_ITER, YIELD_FROM): `entry` and `init` both set, a pair no other
    /// frame has (`init` is only set on class-call frames, which are no
    /// entry frames); returning and raising test `entry` first, so plain
    /// calls pay no extra test for it.
    pub fn resumed(
        code: &'static CodeData,
        base: usize,
        pc: usize,
        sp: usize,
        globals: Obj,
        builtins: Obj,
        gen: Value,
        in_caller_loop: bool,
    ) -> Frame {
        Frame {
            code,
            base,
            pc,
            sp,
            lasti: pc.saturating_sub(1),
            entry: true,
            globals,
            builtins,
            gen,
            init: in_caller_loop,
            call_pending: true,
            fobj: Value::EMPTY,
            native_top: 0,
        }
    }
}

/// Slots at the start of every frame on the value stack: function (or code),
/// globals, locals mapping (EMPTY for optimized code).
pub const FRAME_HEADER: usize = 3;

/// Native stack size of every interpreter thread (the main thread and the
/// threads [`Vm::spawn_thread`] starts): deep Rust-to-Python recursion
/// (`__repr__` of nested containers, callbacks) runs on it. Only touched
/// pages are committed.
pub const THREAD_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Entries of [`Vm::intern`]'s per-thread cache (a power of two).
const INTERN_CACHE: usize = 64;

/// The cache slot of the name `b` (FNV-1a).
#[inline]
fn intern_slot(b: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &c in b {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 16)) as usize & (INTERN_CACHE - 1)
}

/// Per-thread interpreter state.
pub struct Vm {
    /// This thread's allocation context.
    pub ctx: ProtoContext,
    /// Shared interpreter state.
    pub g: Arc<Interpreter>,
    /// The frame stack.
    pub frames: Vec<Frame>,
    /// Generators of `yield from`/`await` chains that [`Vm::gen_descend`]
    /// passed through without loading their frames, outermost first, each
    /// with the index in `frames` of the frame they delegate to (the
    /// chain's innermost generator, or the delegator loaded in its place
    /// when that one ended). Each is RUNNING, suspended at its YIELD_FROM
    /// with its saved frame intact; Python sees it as a frame between that
    /// frame and the one below ([`Vm::stack_levels`]).
    pub delegators: Vec<(Obj, usize)>,
    /// Nesting of Rust-level recursion (repr of nested containers, callbacks).
    pub native_depth: usize,
    /// Interpreter loops running on this thread, nested (1 in the main
    /// program's own loop; a native call back into Python, `exec` and
    /// `import` run another). Tenuring waits for depth 1.
    pub run_depth: usize,
    /// Modules this thread is executing the body of (circular-import messages).
    pub initializing: Vec<String>,
    /// A built-in module is being made for importlib (`_imp.create_builtin`,
    /// whose caller writes `-v`'s line for it): the import writes none.
    pub quiet_builtin_import: bool,
    /// `type.__call__`'s lookups of `__new__`/`__init__`, per class.
    pub(crate) ctor_cache: call::CtorCache,
    /// `lookup_type`'s answers, per (type, name).
    pub(crate) type_cache: attr::TypeCache,
    /// This thread's dicts of `_thread._local` objects.
    pub(crate) locals: local::ThreadLocals,
    /// Facts of classes that take type lookups to establish
    /// (`Vm::class_fact`): comparison methods, truth.
    pub(crate) class_facts: ops::ClassFacts,
    /// A trace or profile function is set on this thread: the loop runs
    /// its tracing instantiation (`trace.rs`).
    pub trace_on: bool,
    /// A trace or profile function is running (CPython's
    /// `tstate->tracing`): no events are reported meanwhile.
    pub trace_busy: bool,
    /// This thread's cache of binary operators on instances of native types
    /// (`ops::BinopEntry`): the native method `a op b` calls, by `a`'s type.
    pub(crate) binop_cache: [ops::BinopEntry; ops::BINOP_CACHE],
    /// This thread's answers of [`Vm::intern`], by a hash of the text: the
    /// names native code looks up (`call_method(f, "write", ..)`) without
    /// the intern table's lock. Only immortal interned strs are kept (never
    /// freed or moved), so the cache holds them without a root.
    intern_cache: [Value; INTERN_CACHE],
    /// The last event reported to a hook (`trace::EV_*`, CPython's `tracing_what`), for
    /// the rules of `frame.f_lineno = n`.
    pub trace_what: u8,
    /// This thread's trace function when it is a native tracer
    /// (`trace::NativeTrace`, found when the function is set), with the
    /// handler the interpreter calls for it directly.
    pub(crate) native_trace: Option<(Value, trace::NativeTrace)>,
    /// Frame-object root slots kept by the last sweep (`trace.rs`).
    pub(crate) trace_swept: usize,
    /// The generator a native consumer drains (`Vm::gen_next_batch`).
    pub(crate) drain: call::Drain,
}

/// Index of the handled exception (`sys.exc_info()`) in the root slots.
const ROOT_EXC_INFO: usize = 0;
/// Index of this thread's current `contextvars.Context` (EMPTY until one is
/// needed) in the root slots (slots 1-3 are taken by text.rs, interp.rs and
/// local.rs, which grow the list on demand).
const ROOT_CONTEXT: usize = 4;
/// Index of this thread's async generator hooks (`sys.set_asyncgen_hooks`:
/// a `(firstiter, finalizer)` tuple, EMPTY until set) in the root slots.
const ROOT_ASYNCGEN_HOOKS: usize = 5;
/// Index of this thread's coroutine origin tracking depth
/// (`sys.set_coroutine_origin_tracking_depth`, an int; EMPTY for 0).
const ROOT_CORO_ORIGIN_DEPTH: usize = 6;
/// Root slots 9, 10 and 11: this thread's last context-variable read
/// (`_contextvars`): the variable, the vars map of the context it was read
/// in, and its value. Rooted so that neither key is freed and its address
/// reused while cached; a vars map never changes (a `set` makes a new one),
/// so the same two identities give the same value.
const ROOT_CTXVAR_CACHE: usize = 9;
/// Index of this thread's running asyncio event loop (`_asyncio`'s
/// `_set_running_loop`: a `(loop, pid)` tuple, EMPTY until set).
const ROOT_RUNNING_LOOP: usize = 12;

impl Vm {
    /// Creates the interpreter and the main thread's VM. `setup` (python_env)
    /// fills the builtin types, the builtins module and the builtin modules.
    pub fn new_main(setup: fn(&mut Vm) -> PyResult<()>) -> PyResult<Vm> {
        // The emergency reserve (effective where the binary declares
        // `proto_core::reserve::ReserveAlloc` its allocator).
        proto_core::reserve::set_hook(signals::request_check);
        proto_core::reserve::arm();
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        // Until a second thread's context is made, this thread takes object
        // locks without atomic read-modify-writes (`proto_core::solo`); every
        // later context is made by a new thread or inside a blocking call
        // (`Vm::spawn_thread`), as ending the mode requires.
        space.start_solo();
        let g = object::bootstrap(&mut ctx, space);
        let mut vm = Vm {
            ctx,
            g: Arc::new(g),
            frames: Vec::with_capacity(64),
            delegators: Vec::new(),
            native_depth: 0,
            run_depth: 0,
            initializing: Vec::new(),
            quiet_builtin_import: false,
            ctor_cache: call::CtorCache::default(),
            type_cache: attr::TypeCache::default(),
            locals: local::ThreadLocals::default(),
            class_facts: ops::ClassFacts::default(),
            trace_on: false,
            trace_busy: false,
            binop_cache: [ops::BinopEntry::EMPTY; ops::BINOP_CACHE],
            intern_cache: [Value::EMPTY; INTERN_CACHE],
            trace_what: 0,
            native_trace: None,
            trace_swept: 0,
            drain: call::Drain::NONE,
        };
        vm.ctx.root_slots().push(Value::NONE);
        setup(&mut vm)?;
        let weak = Arc::downgrade(&vm.g);
        vm.g.space.add_weak_hook(Box::new(move |live| {
            if let Some(g) = weak.upgrade() {
                g.prune_interned(live);
                g.prune_subclasses(live);
            }
        }));
        vm.g.mortal_names.store(true, Ordering::Relaxed);
        Ok(vm)
    }

    /// A VM for a new thread sharing `g`.
    pub fn new_thread(g: Arc<Interpreter>) -> Vm {
        let mut ctx = g.space.new_context();
        ctx.set_deferred_collection(true);
        let mut vm = Vm {
            ctx,
            g,
            frames: Vec::with_capacity(64),
            delegators: Vec::new(),
            native_depth: 0,
            run_depth: 0,
            initializing: Vec::new(),
            quiet_builtin_import: false,
            ctor_cache: call::CtorCache::default(),
            type_cache: attr::TypeCache::default(),
            locals: local::ThreadLocals::default(),
            class_facts: ops::ClassFacts::default(),
            // The tracing loop keeps lines current for `tracemalloc`, and
            // writes `-X trace`.
            trace_on: proto_core::alloc_trace::active() || trace::instruction_trace(),
            trace_busy: false,
            binop_cache: [ops::BinopEntry::EMPTY; ops::BINOP_CACHE],
            intern_cache: [Value::EMPTY; INTERN_CACHE],
            trace_what: 0,
            native_trace: None,
            trace_swept: 0,
            drain: call::Drain::NONE,
        };
        vm.ctx.root_slots().push(Value::NONE);
        vm
    }

    /// Starts a new OS thread running `body` on a fresh [`Vm`] that shares
    /// this VM's [`Interpreter`] (issue 4: GIL-free threads).
    ///
    /// Hand-off protocol:
    /// 1. every value in `roots` is promoted to shared here, on the parent
    ///    thread, so the child (another `ProtoContext`) may reference them
    ///    without breaking the promotion invariant;
    /// 2. the child's context is created (and registered with the safepoint
    ///    handshake) inside `ctx.blocking`, since registering waits for a
    ///    collection in progress, which waits for this thread to stop; it is
    ///    created *detached* (not Running) and attaches on its own thread, so
    ///    a collection never waits for a thread that does not exist yet;
    /// 3. `roots` are pushed on the child's value stack before the OS thread
    ///    exists, so they stay rooted across the hand-off, and `body` gets
    ///    their stack indices (`body(vm, base)`: `vm.root_at(base + i)`);
    /// 4. the child runs on a [`THREAD_STACK_BYTES`] native stack; a Rust
    ///    panic in it is caught and reported, never unwound into the process;
    /// 5. when `body` returns the child's `Vm` is dropped, which sweeps its
    ///    local objects and unregisters its context from the space.
    ///
    /// Errors: the OS refused to create the thread (the child's context is
    /// dropped and unregistered again).
    pub fn spawn_thread(
        &mut self,
        roots: &[Value],
        body: impl FnOnce(&mut Vm, usize) + Send + 'static,
    ) -> std::io::Result<()> {
        for &v in roots {
            self.ctx.promote(v);
        }
        let g = self.g.clone();
        let mut child = self.ctx.blocking(move || {
            let mut c = Vm::new_thread(g);
            // Until its OS thread runs, the child must not count as Running:
            // a collection requested meanwhile would wait for it forever
            // while this thread waits for that collection (observed as a
            // deadlock under load). It attaches itself when it starts.
            c.ctx.detach();
            c
        });
        let base = child.ctx.stack().top();
        for &v in roots {
            child.ctx.stack().push(v);
        }
        std::thread::Builder::new()
            .stack_size(THREAD_STACK_BYTES)
            .spawn(move || {
                child.ctx.attach();
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    body(&mut child, base);
                }));
                if r.is_err() {
                    eprintln!("SystemError: internal interpreter error in a thread");
                }
                // Dropping `child` sweeps its local objects and unregisters it.
            })
            .map(|_| ())
    }

    /// The handled exception (None if none).
    #[inline]
    pub fn exc_info(&mut self) -> Value {
        self.ctx.root_slots()[ROOT_EXC_INFO]
    }

    /// Sets the handled exception.
    #[inline]
    pub fn set_exc_info(&mut self, v: Value) {
        self.ctx.root_slots()[ROOT_EXC_INFO] = v;
    }

    /// This thread's current `contextvars.Context` (PEP 567), or EMPTY if
    /// the thread has not needed one yet (each thread starts with none, as
    /// CPython 3.11's threads start with an empty context).
    #[inline]
    pub fn current_context(&mut self) -> Value {
        self.ctx
            .root_slots()
            .get(ROOT_CONTEXT)
            .copied()
            .unwrap_or(Value::EMPTY)
    }

    /// Makes `v` this thread's current context (rooted by the thread).
    pub fn set_current_context(&mut self, v: Value) {
        let slots = self.ctx.root_slots();
        while slots.len() <= ROOT_CONTEXT {
            slots.push(Value::EMPTY);
        }
        slots[ROOT_CONTEXT] = v;
    }

    /// The value cached by [`Vm::set_ctxvar_cached`] for the context
    /// variable `var` read in the vars map `vars`, if that was the last read.
    #[inline]
    pub fn ctxvar_cached(&mut self, var: Value, vars: Value) -> Option<Value> {
        match self
            .ctx
            .root_slots()
            .get(ROOT_CTXVAR_CACHE..ROOT_CTXVAR_CACHE + 3)
        {
            Some(&[cvar, cvars, value]) if cvar == var && cvars == vars => Some(value),
            _ => None,
        }
    }

    /// Remembers that `var` has `value` in the vars map `vars` (an immutable
    /// map: see `ROOT_CTXVAR_CACHE`).
    pub fn set_ctxvar_cached(&mut self, var: Value, vars: Value, value: Value) {
        let slots = self.ctx.root_slots();
        while slots.len() < ROOT_CTXVAR_CACHE + 3 {
            slots.push(Value::EMPTY);
        }
        slots[ROOT_CTXVAR_CACHE..ROOT_CTXVAR_CACHE + 3].copy_from_slice(&[var, vars, value]);
    }

    /// This thread's running event loop record (`_asyncio`): what
    /// [`Vm::set_running_loop_record`] stored, or EMPTY.
    #[inline]
    pub fn running_loop_record(&mut self) -> Value {
        self.ctx
            .root_slots()
            .get(ROOT_RUNNING_LOOP)
            .copied()
            .unwrap_or(Value::EMPTY)
    }

    /// Sets this thread's running event loop record (rooted by the thread).
    pub fn set_running_loop_record(&mut self, v: Value) {
        let slots = self.ctx.root_slots();
        while slots.len() <= ROOT_RUNNING_LOOP {
            slots.push(Value::EMPTY);
        }
        slots[ROOT_RUNNING_LOOP] = v;
    }

    /// This thread's async generator hooks, a `(firstiter, finalizer)`
    /// tuple, or EMPTY if never set (each thread starts with none).
    #[inline]
    pub fn asyncgen_hooks(&mut self) -> Value {
        self.ctx
            .root_slots()
            .get(ROOT_ASYNCGEN_HOOKS)
            .copied()
            .unwrap_or(Value::EMPTY)
    }

    /// Sets this thread's async generator hooks (rooted by the thread).
    pub fn set_asyncgen_hooks(&mut self, v: Value) {
        let slots = self.ctx.root_slots();
        while slots.len() <= ROOT_ASYNCGEN_HOOKS {
            slots.push(Value::EMPTY);
        }
        slots[ROOT_ASYNCGEN_HOOKS] = v;
    }

    /// This thread's coroutine origin tracking depth (0: off).
    #[inline]
    pub fn coroutine_origin_depth(&mut self) -> usize {
        self.ctx
            .root_slots()
            .get(ROOT_CORO_ORIGIN_DEPTH)
            .and_then(|v| v.as_int())
            .map_or(0, |d| d as usize)
    }

    /// Sets this thread's coroutine origin tracking depth.
    pub fn set_coroutine_origin_depth(&mut self, depth: usize) {
        let slots = self.ctx.root_slots();
        while slots.len() <= ROOT_CORO_ORIGIN_DEPTH {
            slots.push(Value::EMPTY);
        }
        slots[ROOT_CORO_ORIGIN_DEPTH] = Value::int(depth as i64);
    }

    /// Roots `v` on the value stack until [`Vm::pop_roots`].
    #[inline]
    pub fn push_root(&mut self, v: Value) -> usize {
        let st = self.ctx.stack();
        let t = st.top();
        st.push(v);
        t
    }

    /// Pops roots back to `mark` (the value returned by the first push_root).
    #[inline]
    pub fn pop_roots(&mut self, mark: usize) {
        self.ctx.stack().set_top(mark);
    }

    /// Reads a rooted slot.
    #[inline]
    pub fn root_at(&mut self, i: usize) -> Value {
        self.ctx.stack().slots_mut()[i]
    }

    /// Interns a name that Rust code names (a literal, or text derived from
    /// program text): immortal, so Rust code may hold it anywhere. The set
    /// of such names is bounded by the program's text.
    pub fn intern(&mut self, s: &str) -> Value {
        let b = s.as_bytes();
        let slot = intern_slot(b);
        let hit = self.intern_cache[slot];
        if let Some(o) = Obj::from_value(hit) {
            if lstr::bytes(o) == b {
                return hit;
            }
        }
        let g = &self.g;
        let mut m = proto_core::sync::lock(&g.interned);
        let v = intern_in(&mut self.ctx, &mut m, g.types.str_, b, false);
        drop(m);
        // A mortal name (made by `intern_mortal`, collected when unused)
        // is not kept: the cache holds no roots.
        if Obj::from_value(v).is_some_and(|o| o.is_immortal()) {
            self.intern_cache[slot] = v;
        }
        v
    }

    /// Interns a name that is kept by heap objects only (the names and
    /// constants of a code object): after start-up it is collected when
    /// nothing references it, so code made by `exec`/`compile` leaves no
    /// names behind. Rust code must root it across a safepoint.
    pub fn intern_mortal(&mut self, s: &str) -> Value {
        let g = self.g.clone();
        let mortal = g.mortal_names.load(Ordering::Relaxed);
        let mut m = proto_core::sync::lock(&g.interned);
        intern_in(&mut self.ctx, &mut m, g.types.str_, s.as_bytes(), mortal)
    }

    /// Interns an existing str value (returns the canonical object); as
    /// [`Vm::intern_mortal`], a name made at run time (`setattr` with a new
    /// name, `sys.intern`) is collected when no one uses it.
    pub fn intern_value(&mut self, v: Value) -> Value {
        // The canonical object itself (a name the compiler interned, a
        // key already interned): no table lookup, no lock.
        if Obj::from_value(v).is_some_and(|o| {
            o.kind() == Kind::STR && o.class() == self.g.types.str_ && lstr::is_interned(o)
        }) {
            return v;
        }
        let b = str_bytes(v);
        let g = self.g.clone();
        let mut m = proto_core::sync::lock(&g.interned);
        if let Some(x) = m.get(b) {
            return x;
        }
        let mortal = g.mortal_names.load(Ordering::Relaxed);
        // A flat exact str of this thread's own becomes the canonical
        // object itself, as CPython's `sys.intern(s) is s`: no other thread
        // can see it yet, so its flag is set before it is published.
        if let Some(o) = Obj::from_value(v) {
            if mortal
                && o.kind() == Kind::STR
                && o.class() == g.types.str_
                && !o.is_shared()
                && !lstr::is_view(o)
            {
                let hash = m.hash(b);
                lstr::set_interned(v);
                self.ctx.promote(v);
                m.insert(v, hash);
                return v;
            }
        }
        // The bytes as they are: a lone surrogate stays one.
        let b = b.to_vec();
        intern_in(&mut self.ctx, &mut m, g.types.str_, &b, mortal)
    }

    // ---------------------------------------------------------------- allocation helpers

    /// A new str holding the decimal digits of `i` (no heap `String`).
    pub fn new_int_str(&mut self, i: i64) -> Value {
        let mut b = itoa::Buffer::new();
        let s = b.format(i);
        lstr::alloc(
            &mut self.ctx,
            Kind::STR,
            self.g.types.str_,
            s.as_bytes(),
            s.len(),
            true,
            false,
        )
    }

    /// A new str from Rust text.
    pub fn new_str(&mut self, s: &str) -> Value {
        lstr::alloc(
            &mut self.ctx,
            Kind::STR,
            self.g.types.str_,
            s.as_bytes(),
            s.chars().count(),
            s.is_ascii(),
            false,
        )
    }

    /// A new str from bytes the caller found to be ASCII (no second scan).
    pub fn new_str_ascii(&mut self, b: &[u8]) -> Value {
        debug_assert!(b.is_ascii());
        lstr::alloc(
            &mut self.ctx,
            Kind::STR,
            self.g.types.str_,
            b,
            b.len(),
            true,
            false,
        )
    }

    /// A new str from surrogate-preserving UTF-8 bytes.
    pub fn new_str_bytes(&mut self, b: &[u8]) -> Value {
        let (ascii, n) = ascii_and_chars(b);
        lstr::alloc(
            &mut self.ctx,
            Kind::STR,
            self.g.types.str_,
            b,
            n,
            ascii,
            false,
        )
    }

    /// A new bytes object.
    pub fn new_bytes(&mut self, b: &[u8]) -> Value {
        match *b {
            [] => return self.g.short_bytes[256],
            [c] => return self.g.short_bytes[c as usize],
            _ => {}
        }
        lstr::alloc(
            &mut self.ctx,
            Kind::BYTES,
            self.g.types.bytes,
            b,
            b.len(),
            true,
            false,
        )
    }

    /// A new bytes object holding the concatenation of `parts`, copied straight
    /// into it; MemoryError when the total size cannot be allocated.
    pub fn new_bytes_concat(&mut self, parts: &[&[u8]]) -> PyResult<Value> {
        let n = parts.iter().map(|p| p.len()).sum();
        let class = self.g.types.bytes;
        lstr::try_alloc_concat(&mut self.ctx, Kind::BYTES, class, parts, n, true)
            .ok_or_else(|| self.no_memory())
    }

    /// A new tuple.
    pub fn new_tuple(&mut self, items: &[Value]) -> Value {
        if items.is_empty() {
            return self.g.empty_tuple;
        }
        let t = self
            .ctx
            .alloc(Kind::TUPLE, self.g.types.tuple, items.len(), 0);
        let o = Obj::from_value(t).expect("heap");
        for (i, &v) in items.iter().enumerate() {
            o.init(i, v);
        }
        t
    }

    /// A new `range(start, stop, step)` of int values (`step` not zero:
    /// the caller checked it).
    pub fn new_range(&mut self, start: Value, stop: Value, step: Value) -> Value {
        let r = self.alloc_obj(K_RANGE, self.g.types.range, 3, 0);
        r.init(0, start);
        r.init(1, stop);
        r.init(2, step);
        r.value()
    }

    /// A new list.
    pub fn new_list(&mut self, items: &[Value]) -> Value {
        llist::alloc_from(&mut self.ctx, self.g.types.list, items)
    }

    /// A new list holding `items` repeated `k` times (`[x] * k`), or
    /// MemoryError.
    pub fn new_list_repeated(&mut self, items: &[Value], k: usize) -> PyResult<Value> {
        let list = self.g.types.list;
        llist::try_alloc_repeat(&mut self.ctx, list, items, k).ok_or_else(|| self.no_memory())
    }

    /// A new empty dict.
    pub fn new_dict(&mut self) -> Value {
        ldict::alloc_empty(&mut self.ctx, self.g.types.dict)
    }

    /// A new empty dict with room for `cap` entries (at least 5).
    pub fn new_dict_with_capacity(&mut self, cap: usize) -> Value {
        ldict::alloc(&mut self.ctx, Kind::DICT, self.g.types.dict, cap.max(5))
    }

    /// A new empty instance dict for a class whose instances reached
    /// `hint` attributes (0: none yet, the default capacity).
    pub fn new_instance_dict(&mut self, hint: usize) -> Value {
        if hint == 0 {
            return self.new_dict_with_capacity(0);
        }
        ldict::alloc_exact(&mut self.ctx, self.g.types.dict, hint)
    }

    /// A new empty set (`frozen`: frozenset).
    pub fn new_set(&mut self, frozen: bool) -> Value {
        let cls = if frozen {
            self.g.types.frozenset
        } else {
            self.g.types.set
        };
        ldict::alloc(&mut self.ctx, Kind::SET, cls, 5)
    }

    /// A float value (immediate or boxed).
    #[inline]
    pub fn new_float(&mut self, f: f64) -> Value {
        match Value::try_float(f) {
            Some(v) => v,
            None => {
                let v = self.ctx.alloc(Kind::FLOAT, self.g.types.float, 0, 8);
                proto_core::layouts::set_raw(Obj::from_value(v).expect("heap"), 0, f.to_bits());
                v
            }
        }
    }

    /// An int from an i64.
    #[inline]
    pub fn new_int(&mut self, i: i64) -> Value {
        match Value::try_int(i) {
            Some(v) => v,
            None => self.new_bigint(num_bigint::BigInt::from(i)),
        }
    }

    /// An int from an `i128` (a small int when it fits).
    pub fn new_int_i128(&mut self, x: i128) -> Value {
        match i64::try_from(x) {
            Ok(i) => self.new_int(i),
            Err(_) => self.new_bigint(num_bigint::BigInt::from(x)),
        }
    }

    /// An int from a BigInt (normalised to a small int when it fits).
    pub fn new_bigint(&mut self, b: num_bigint::BigInt) -> Value {
        use num_traits::ToPrimitive;
        if let Some(i) = b.to_i64() {
            if let Some(v) = Value::try_int(i) {
                return v;
            }
        }
        self.ctx
            .alloc_native(Kind::BIG_INT, self.g.types.int, BigIntBox(b))
    }

    /// Allocates a generic object of `kind` with `n` value slots.
    #[inline]
    pub fn alloc_obj(&mut self, kind: Kind, class: Value, n: usize, raw: usize) -> Obj {
        let v = self.ctx.alloc(kind, class, n, raw);
        Obj::from_value(v).expect("heap")
    }

    /// Stores into a heap object through the write barrier.
    #[inline]
    pub fn store(&mut self, o: Obj, i: usize, v: Value) {
        self.ctx.store(o, i, v);
    }
}
