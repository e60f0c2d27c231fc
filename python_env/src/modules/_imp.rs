//! The `_imp` module: the native half of importlib (builtin modules, the
//! global import lock, extension suffixes, frozen modules). ProtoPy
//! freezes CPython's frozen standard-library modules from the Lib's source
//! (`STDLIB_FROZEN`, importlib's bootstrap among them) and its test modules
//! of the frozen importer (`FROZEN`), and loads no C extensions.
//!
//! [`install_bootstrap`] completes importlib's bootstrap when it is first
//! imported: the importers CPython installs at start-up
//! (`BuiltinImporter`, `FrozenImporter`, `PathFinder` on `sys.meta_path`,
//! the `FileFinder` hook on `sys.path_hooks`), so `importlib.import_module`
//! and `importlib.util.find_spec` find modules that are not imported yet.
//! The `import` statement itself keeps the engine's own search.
//!
//! The bytecode cache is the engine's (`engine::runtime::pycache`):
//! [`source_hash`] is its key hash, and [`fix_magic`] gives
//! `importlib._bootstrap_external` (so `importlib.util`, `py_compile` and
//! `compileall`) ProtoPy's magic number instead of CPython's, so the files
//! they write are the ones the import statement reads.

use crate::args::check;
use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::{Condvar, Mutex};
use proto_core::Value;
use std::sync::atomic::{AtomicI64, Ordering};

/// The global import lock: owner thread id (0: free) and recursion depth.
static LOCK: Mutex<(u64, usize)> = Mutex::new((0, 0));
static FREED: Condvar = Condvar::new();

fn name_arg(vm: &mut Vm, v: Value, fname: &str) -> PyResult<String> {
    if is_str(v) {
        return Ok(str_of(v).into_owned());
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("{fname}() argument must be str, not {tn}")))
}

/// `is_builtin(name)`: 1 for a native module, -1 for `sys` and
/// `builtins` (made once, never re-initialised), 0 otherwise.
fn is_builtin(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "is_builtin", a, k, 1, 1)?;
    let n = name_arg(vm, a[0], "is_builtin")?;
    if n == "sys" || n == "builtins" {
        return Ok(Value::int(-1));
    }
    Ok(Value::int(i64::from(vm.is_builtin_module(&n))))
}

/// `create_builtin(spec)`: the native module named `spec.name` (the one in
/// sys.modules when already made, as CPython's single-phase modules); None
/// for a name that is not a native module, as CPython.
fn create_builtin(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "create_builtin", a, k, 1, 1)?;
    let key = vm.intern("name");
    let nv = vm.getattr(a[0], key)?;
    let n = name_arg(vm, nv, "create_builtin")?;
    if !vm.is_builtin_module(&n) {
        return Ok(Value::NONE);
    }
    // importlib's `_load_unlocked` writes `-v`'s line for it.
    let quiet = std::mem::replace(&mut vm.quiet_builtin_import, true);
    let r = vm.import_module(&n);
    vm.quiet_builtin_import = quiet;
    r
}

/// `exec_builtin(module)`: native modules are complete once made.
fn exec_builtin(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "exec_builtin", a, k, 1, 1)?;
    Ok(Value::int(0))
}

/// `exec_dynamic(module)`: as `exec_builtin` (no extension modules).
fn exec_dynamic(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "exec_dynamic", a, k, 1, 1)?;
    Ok(Value::int(0))
}

/// `create_dynamic(spec, file=None)`: a module of a third-party package
/// with a Rust implementation (`Vm::register_extension_module`) is made
/// from it when `spec.origin` is a compiled module; other C extension
/// modules cannot load into ProtoPy.
fn create_dynamic(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "create_dynamic", a, k, 1, 2)?;
    let key = vm.intern("name");
    let nv = vm.getattr(a[0], key)?;
    let n = vm.str_string(nv)?;
    if let Some(init) = vm.extension_init(&n) {
        let key = vm.intern("origin");
        let origin = vm.getattr(a[0], key)?;
        if is_str(origin)
            && engine::runtime::import::EXTENSION_SUFFIXES
                .iter()
                .any(|s| str_of(origin).ends_with(s))
        {
            let m = init(vm)?;
            vm.tag_module_functions(m, &n);
            return Ok(m);
        }
    }
    Err(vm.new_exc(
        vm.g.e.ImportError,
        &format!("{n}: C extension modules cannot be loaded by ProtoPy"),
    ))
}

/// The standard-library modules CPython 3.11 freezes (`Python/frozen.c`'s
/// `stdlib_modules` and `bootstrap_modules`), as (name, original name,
/// source file under the stdlib folder), in `_frozen_module_names()`'s
/// order. ProtoPy compiles them from the Lib's own source (through the
/// bytecode cache) under the file name `<frozen ORIGNAME>`; the native
/// import finds them before searching `sys.path`
/// (`engine::runtime::import::set_frozen_stdlib`). `zipimport` is
/// [`REQUIRED_FROZEN`]; the others only under `-X frozen_modules=on`, the
/// default. `_frozen_importlib` and `_frozen_importlib_external` are
/// importlib's bootstrap, as in CPython: set up when first imported
/// ([`install_bootstrap`]), then published by `importlib/__init__.py` as
/// `importlib._bootstrap` and `importlib._bootstrap_external`, so their
/// classes are `_frozen_importlib.ModuleSpec` and so on, and their code is
/// `<frozen importlib._bootstrap>`.
const STDLIB_FROZEN: &[(&str, &str, &str)] = &[
    (
        "_frozen_importlib",
        "importlib._bootstrap",
        "importlib/_bootstrap.py",
    ),
    (
        "_frozen_importlib_external",
        "importlib._bootstrap_external",
        "importlib/_bootstrap_external.py",
    ),
    ("zipimport", "zipimport", "zipimport.py"),
    ("abc", "abc", "abc.py"),
    ("codecs", "codecs", "codecs.py"),
    ("io", "io", "io.py"),
    (
        "_collections_abc",
        "_collections_abc",
        "_collections_abc.py",
    ),
    ("_sitebuiltins", "_sitebuiltins", "_sitebuiltins.py"),
    ("genericpath", "genericpath", "genericpath.py"),
    ("ntpath", "ntpath", "ntpath.py"),
    ("posixpath", "posixpath", "posixpath.py"),
    ("os.path", "posixpath", "posixpath.py"),
    ("os", "os", "os.py"),
    ("site", "site", "site.py"),
    ("stat", "stat", "stat.py"),
    ("importlib.util", "importlib.util", "importlib/util.py"),
    (
        "importlib.machinery",
        "importlib.machinery",
        "importlib/machinery.py",
    ),
    ("runpy", "runpy", "runpy.py"),
];

/// Frozen whatever `-X frozen_modules` says, as CPython's bootstrap
/// modules.
const REQUIRED_FROZEN: &[&str] = &[
    "_frozen_importlib",
    "_frozen_importlib_external",
    "zipimport",
];

/// `-X frozen_modules` (on unless `=off`); off in a runtime the `protopy`
/// command did not start, which freezes nothing.
static USE_FROZEN: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

/// Applies `-X frozen_modules` (the `protopy` command, at start-up, once
/// the standard library's folder `stdlib` is known): the frozen
/// standard-library modules the native import finds first.
pub fn set_frozen_modules(on: bool, stdlib: &std::path::Path) {
    USE_FROZEN.store(on, Ordering::Relaxed);
    let entries = STDLIB_FROZEN
        .iter()
        .filter(|e| on || REQUIRED_FROZEN.contains(&e.0))
        .map(|&(name, orig, file)| {
            let path = stdlib.join(file).to_string_lossy().into_owned();
            (name.to_string(), orig.to_string(), path)
        })
        .collect();
    engine::runtime::import::set_frozen_stdlib(entries);
}

/// Whether the frozen modules other than the required ones are in use:
/// `_override_frozen_modules_for_tests` first, then `-X frozen_modules`.
fn use_frozen() -> bool {
    match OVERRIDE_FROZEN.load(Ordering::Relaxed) {
        0 => USE_FROZEN.load(Ordering::Relaxed),
        v => v > 0,
    }
}

/// Whether the standard-library module `name` of [`STDLIB_FROZEN`] is
/// frozen now: a required one when the native import freezes it, another
/// one while the frozen modules are in use.
fn stdlib_frozen_now(name: &str) -> bool {
    if REQUIRED_FROZEN.contains(&name) {
        engine::runtime::import::frozen_stdlib(name).is_some()
    } else {
        use_frozen()
    }
}

/// The modules ProtoPy freezes besides [`STDLIB_FROZEN`]: CPython 3.11's
/// test modules of the frozen importer (`Python/frozen.c`'s
/// `test_modules`), as (name, original name, is a package, source file
/// under the stdlib folder). Their code is compiled from the standard
/// library's own source at first use, under the file name
/// `<frozen ORIGNAME>`. An original name starting with `<` is a package's
/// `__init__` frozen under its own name (CPython's convention). CPython's
/// `__hello_only__` has no source in the Lib: [`HELLO_ONLY`].
const FROZEN: &[(&str, &str, bool, &str)] = &[
    ("__hello__", "__hello__", false, "__hello__.py"),
    ("__hello_alias__", "__hello__", false, "__hello__.py"),
    ("__phello_alias__", "__hello__", true, "__hello__.py"),
    ("__phello_alias__.spam", "__hello__", false, "__hello__.py"),
    ("__phello__", "__phello__", true, "__phello__/__init__.py"),
    (
        "__phello__.__init__",
        "<__phello__",
        false,
        "__phello__/__init__.py",
    ),
    (
        "__phello__.ham",
        "__phello__.ham",
        true,
        "__phello__/ham/__init__.py",
    ),
    (
        "__phello__.ham.__init__",
        "<__phello__.ham",
        false,
        "__phello__/ham/__init__.py",
    ),
    (
        "__phello__.ham.eggs",
        "__phello__.ham.eggs",
        false,
        "__phello__/ham/eggs.py",
    ),
    (
        "__phello__.spam",
        "__phello__.spam",
        false,
        "__phello__/spam.py",
    ),
];

/// CPython's `__hello_only__`, a frozen test module with no source in the
/// Lib (CPython freezes it from its source tree): it sets `initialized`
/// and greets, and has no original name; its code is named as CPython's.
const HELLO_ONLY: (&str, &str, &str) = (
    "__hello_only__",
    "initialized = True\nprint(\"Hello world!\")\n",
    "<frozen frozen_only>",
);

/// `_override_frozen_modules_for_tests`: 1 forces the frozen modules on,
/// -1 off, 0 the default (on, as an installed CPython).
static OVERRIDE_FROZEN: AtomicI64 = AtomicI64::new(0);

/// A frozen module: one of [`FROZEN`] (compiled from the Lib's file), or
/// one of ProtoPy's embedded source modules (`python_env/lib`,
/// `Vm::embedded_frozen`). Those are always frozen, as CPython's required
/// frozen modules are, and have no original name, so importlib's
/// `FrozenImporter` gives them no `__file__` in the Lib (whose file of the
/// same name is CPython's, not theirs).
struct Frozen {
    orig: Option<&'static str>,
    ispkg: bool,
    src: FrozenSource,
}

enum FrozenSource {
    /// A file under `sys._stdlib_dir`.
    Lib(&'static str),
    /// Embedded source text.
    Embedded(&'static str),
}

/// The frozen module `name`: an embedded one, or one of `FROZEN` when
/// frozen modules are in use.
fn frozen_entry(vm: &Vm, name: &str) -> Option<Frozen> {
    if vm.embedded_frozen(name) {
        return Some(Frozen {
            orig: None,
            ispkg: false,
            src: FrozenSource::Embedded(vm.embedded_source(name)?),
        });
    }
    if let Some(e) = STDLIB_FROZEN.iter().find(|e| e.0 == name) {
        if !stdlib_frozen_now(name) {
            return None;
        }
        return Some(Frozen {
            orig: Some(e.1),
            ispkg: false,
            src: FrozenSource::Lib(e.2),
        });
    }
    if !use_frozen() {
        return None;
    }
    if name == HELLO_ONLY.0 {
        return Some(Frozen {
            orig: None,
            ispkg: false,
            src: FrozenSource::Embedded(HELLO_ONLY.1),
        });
    }
    FROZEN.iter().find(|e| e.0 == name).map(|e| Frozen {
        orig: Some(e.1),
        ispkg: e.2,
        src: FrozenSource::Lib(e.3),
    })
}

/// Whether `name` is one of the test modules of [`FROZEN`] and the frozen
/// modules are in use (the engine's `Hooks::frozen_test_module`).
pub fn frozen_test_module(name: &str) -> bool {
    use_frozen() && (FROZEN.iter().any(|e| e.0 == name) || name == HELLO_ONLY.0)
}

fn not_frozen_error(vm: &mut Vm, name: &str) -> PyException {
    vm.named_import_error(
        vm.g.e.ImportError,
        &format!("No such frozen object named '{name}'"),
        name,
    )
}

/// The code of the frozen module `name`: its source, compiled.
fn frozen_code(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let Some(entry) = frozen_entry(vm, name) else {
        return Err(not_frozen_error(vm, name));
    };
    let file = match entry.src {
        FrozenSource::Embedded(src) if name == HELLO_ONLY.0 => {
            return vm.embedded_code(name, src, HELLO_ONLY.2);
        }
        FrozenSource::Embedded(src) => {
            return vm.embedded_code(name, src, &format!("<frozen {name}>"));
        }
        FrozenSource::Lib(file) => file,
    };
    let orig = entry.orig.unwrap_or(name);
    let sys = vm.import_module("sys")?;
    let k = vm.intern("_stdlib_dir");
    let dir = vm.getattr(sys, k)?;
    if !is_str(dir) {
        return Err(not_frozen_error(vm, name));
    }
    let path = std::path::Path::new(&*str_of(dir)).join(file);
    if !path.is_file() {
        return Err(not_frozen_error(vm, name));
    }
    let orig = orig.trim_start_matches('<');
    vm.module_code(&path, &format!("<frozen {orig}>"))
        .map(|(code, _)| code)
}

/// `is_frozen(name)`.
fn is_frozen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "is_frozen", a, k, 1, 1)?;
    let n = name_arg(vm, a[0], "is_frozen")?;
    Ok(Value::bool(frozen_entry(vm, &n).is_some()))
}

/// `find_frozen(name, *, withdata=False)`: None for a name that is not
/// frozen, else `(data, ispkg, origname)`: `data` the marshalled code (a
/// memoryview) when asked for, else None.
fn find_frozen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [name, withdata] = clinic::unpack(vm, "find_frozen", a, k, ["name", "withdata"], 1, 1, 1)?;
    let Some(name) = name else {
        return Err(vm.type_error("find_frozen() missing required argument 'name' (pos 1)"));
    };
    let n = name_arg(vm, name, "find_frozen")?;
    let Some(Frozen { orig, ispkg, .. }) = frozen_entry(vm, &n) else {
        return Ok(Value::NONE);
    };
    let data = match withdata {
        Some(w) if vm.truthy(w)? => {
            let code = frozen_code(vm, &n)?;
            let mark = vm.push_root(code);
            let r = (|| {
                let marshal = vm.import_module("marshal")?;
                let b = vm.call_method(marshal, "dumps", &[code])?;
                vm.push_root(b);
                let mv = vm.intern("memoryview");
                let mv = vm.dict_get_str(vm.g.builtins, mv).unwrap_or(Value::NONE);
                vm.call(mv, &[b], Value::EMPTY)
            })();
            vm.pop_roots(mark);
            r?
        }
        _ => Value::NONE,
    };
    let mark = vm.push_root(data);
    let o = match orig {
        Some(o) => vm.new_str(o),
        None => Value::NONE,
    };
    vm.push_root(o);
    let t = vm.new_tuple(&[data, Value::bool(ispkg), o]);
    vm.pop_roots(mark);
    Ok(t)
}

/// `get_frozen_object(name, data=None)`: the frozen module's code (from
/// `data`, its marshalled form, when given).
fn get_frozen_object(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "get_frozen_object", a, k, 1, 2)?;
    let n = name_arg(vm, a[0], "get_frozen_object")?;
    match a.get(1).filter(|d| !d.is_none()) {
        Some(&data) => {
            let marshal = vm.import_module("marshal")?;
            vm.call_method(marshal, "loads", &[data])
        }
        None => frozen_code(vm, &n),
    }
}

/// `is_frozen_package(name)`.
fn is_frozen_package(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "is_frozen_package", a, k, 1, 1)?;
    let n = name_arg(vm, a[0], "is_frozen_package")?;
    match frozen_entry(vm, &n) {
        Some(e) => Ok(Value::bool(e.ispkg)),
        None => Err(not_frozen_error(vm, &n)),
    }
}

/// `init_frozen(name)`: runs the frozen module `name` into a new module
/// in `sys.modules` (None for a name that is not frozen).
fn init_frozen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "init_frozen", a, k, 1, 1)?;
    let n = name_arg(vm, a[0], "init_frozen")?;
    if frozen_entry(vm, &n).is_none() {
        return Ok(Value::NONE);
    }
    let code = frozen_code(vm, &n)?;
    let mark = vm.push_root(code);
    let m = vm.new_module(&n);
    vm.push_root(m);
    let r = (|| {
        let d = vm.getattr(m, vm.g.names.__dict__)?;
        let key = vm.new_str(&n);
        vm.push_root(key);
        vm.dict_set_str(vm.g.sys_modules, key, m);
        vm.run_code(code, d, d)?;
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}

/// Post-import hook of `importlib`: its bootstrap is set up (its own
/// `__init__` imported `_frozen_importlib`, whose hook,
/// [`install_bootstrap`], did it); `__main__`'s loader stand-in gives way
/// to the real loader ([`crate::main_loader`]).
pub fn install_finders(vm: &mut Vm, _importlib: Value) -> PyResult<()> {
    let r = vm.import_module("_frozen_importlib").map(|_| ());
    crate::main_loader::settle(vm);
    vm.settle_importlib();
    r
}

/// Post-import hook of `_frozen_importlib` (importlib's bootstrap, first
/// imported by `importlib/__init__.py`): the embedded modules imported so
/// far get their frozen specs ([`spec_embedded_modules`]), then CPython's
/// start-up steps: `_bootstrap._install(sys, _imp)` and
/// `_install_external_importers()` (which imports
/// `_frozen_importlib_external` and runs its `_install`), and zipimport's
/// path hook; skipped if the program already filled `sys.meta_path`.
pub fn install_bootstrap(vm: &mut Vm, bootstrap: Value) -> PyResult<()> {
    // Counted as importlib's set-up meanwhile (`Vm::setting_up_importlib`):
    // reading a module's missing `__spec__` or `sys.meta_path` here must
    // not import importlib itself.
    vm.initializing.push("_frozen_importlib".to_string());
    let r = install_bootstrap_in(vm, bootstrap);
    vm.initializing.pop();
    r
}

fn install_bootstrap_in(vm: &mut Vm, bootstrap: Value) -> PyResult<()> {
    spec_embedded_modules(vm, bootstrap)?;
    vm.make_sys_import_lists()?;
    let sys = vm.import_module("sys")?;
    let key = vm.intern("meta_path");
    let meta = vm.getattr(sys, key)?;
    if vm.len(meta)? != 0 {
        return Ok(());
    }
    let mark = vm.push_root(bootstrap);
    let imp = vm.import_module("_imp")?;
    vm.push_root(imp);
    let r = (|| {
        // The finders are standard as soon as they are installed (the
        // native search stands for them, importing
        // `_frozen_importlib_external` too).
        let install = vm.intern("_install");
        let f = vm.getattr(bootstrap, install)?;
        vm.call(f, &[sys, imp], Value::EMPTY)?;
        let meta = vm.getattr(sys, key)?;
        let first = vm.seq_items(meta);
        vm.set_standard_finders(&first, &[]);
        let k = vm.intern("_install_external_importers");
        let f = vm.getattr(bootstrap, k)?;
        vm.call(f, &[], Value::EMPTY)?;
        let external = vm.import_module("_frozen_importlib_external")?;
        vm.push_root(external);
        // Its spec, as `FrozenImporter` found it in CPython (the native
        // import gives none before the bootstrap is recorded below).
        spec_embedded_modules(vm, bootstrap)?;
        let finders = vm.seq_items(meta);
        vm.set_standard_finders(finders.get(first.len()..).unwrap_or(&[]), &[]);
        vm.set_standard_bootstrap(bootstrap, external);
        // As CPython's start-up (`_PyImportZip_Init`): zipimport's hook
        // comes first on `sys.path_hooks`.
        let zipimport = vm.import_module("zipimport")?;
        vm.push_root(zipimport);
        let zk = vm.intern("zipimporter");
        let zi = vm.getattr(zipimport, zk)?;
        let hk = vm.intern("path_hooks");
        let hooks = vm.getattr(sys, hk)?;
        vm.call_method(hooks, "insert", &[Value::int(0), zi])?;
        // Importing zipimport just now ran importlib's path finder before
        // its hook was on `sys.path_hooks`: a zip on `sys.path` was cached
        // as having no finder. Forget those misses.
        let ck = vm.intern("path_importer_cache");
        let cache = vm.getattr(sys, ck)?;
        vm.push_root(cache);
        if vm.isinstance(cache, vm.g.types.dict) {
            for (path, finder) in vm.dict_items(cache) {
                if finder == Value::NONE {
                    vm.dict_del(cache, path)?;
                }
            }
        }
        let hooks = vm.seq_items(hooks);
        vm.set_standard_finders(&[], &hooks);
        vm.backfill_specs()
    })();
    vm.pop_roots(mark);
    r
}

/// `acquire_lock()`: takes the global import lock (reentrant), blocking
/// as a GC-safe wait.
fn acquire_lock(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "acquire_lock", a, k, 0, 0)?;
    let me = crate::modules::_thread::thread_ident();
    vm.ctx.blocking(|| {
        let mut g = proto_core::sync::lock(&LOCK);
        while g.0 != 0 && g.0 != me {
            g = proto_core::sync::wait(&FREED, g);
        }
        g.0 = me;
        g.1 += 1;
    });
    Ok(Value::NONE)
}

/// Takes the import lock for `os.fork` (CPython's `PyOS_BeforeFork`): an
/// import another thread runs under it (`imp.acquire_lock()`) finishes
/// first, so the child never sees its module half made.
pub(crate) fn acquire_for_fork(vm: &mut Vm) {
    let me = crate::modules::_thread::thread_ident();
    vm.ctx.blocking(|| {
        let mut g = proto_core::sync::lock(&LOCK);
        while g.0 != 0 && g.0 != me {
            g = proto_core::sync::wait(&FREED, g);
        }
        g.0 = me;
        g.1 += 1;
    });
}

/// Gives back the level [`acquire_for_fork`] took, in the parent and in
/// the child (where the forking thread keeps its ident, so it is still the
/// owner, as after CPython's `_PyImport_ReInitLock`).
pub(crate) fn release_after_fork() {
    let me = crate::modules::_thread::thread_ident();
    let mut g = proto_core::sync::lock(&LOCK);
    if g.0 == me && g.1 > 0 {
        g.1 -= 1;
        if g.1 == 0 {
            g.0 = 0;
            FREED.notify_one();
        }
    }
}

/// `release_lock()`: RuntimeError when this thread does not hold it.
fn release_lock(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "release_lock", a, k, 0, 0)?;
    let me = crate::modules::_thread::thread_ident();
    let mut g = proto_core::sync::lock(&LOCK);
    if g.0 != me {
        drop(g);
        return Err(vm.new_exc(vm.g.e.RuntimeError, "not holding the import lock"));
    }
    g.1 -= 1;
    if g.1 == 0 {
        g.0 = 0;
        FREED.notify_one();
    }
    Ok(Value::NONE)
}

/// `lock_held()`: whether any thread holds the import lock.
fn lock_held(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "lock_held", a, k, 0, 0)?;
    Ok(Value::bool(proto_core::sync::lock(&LOCK).0 != 0))
}

/// `extension_suffixes()`: none (no C extensions).
fn extension_suffixes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "extension_suffixes", a, k, 0, 0)?;
    Ok(vm.new_list(&[]))
}

/// `_fix_co_filename(code, path)`: code objects take their file name from
/// the compiler; nothing to fix.
fn fix_co_filename(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_fix_co_filename", a, k, 2, 2)?;
    Ok(Value::NONE)
}

/// `_override_frozen_modules_for_tests(override)`: CPython's switch
/// between frozen and source modules (1 frozen, -1 source, 0 default).
fn override_frozen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = crate::args::Args::new(a, k);
    if !args.kw.is_empty() {
        return Err(
            vm.type_error("_imp._override_frozen_modules_for_tests() takes no keyword arguments")
        );
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(&format!(
            "_imp._override_frozen_modules_for_tests() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let i = vm.index(args.pos[0])?;
    let v = vm.as_i64(i).unwrap_or(0).signum();
    OVERRIDE_FROZEN.store(v, Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `_frozen_module_names()`: the names of the frozen modules.
fn frozen_module_names(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if !a.is_empty() {
        return Err(vm.type_error(&format!(
            "_imp._frozen_module_names() takes no arguments ({} given)",
            a.len()
        )));
    }
    let _ = k;
    let on = use_frozen();
    let names: Vec<Value> = STDLIB_FROZEN
        .iter()
        .map(|e| e.0)
        .filter(|n| stdlib_frozen_now(n))
        .chain(FROZEN.iter().map(|e| e.0).filter(|_| on))
        .chain([HELLO_ONLY.0].into_iter().filter(|_| on))
        .map(|n| vm.new_str(n))
        .collect();
    let mark = vm.root_values(&names);
    let l = vm.new_list(&names);
    vm.pop_roots(mark);
    Ok(l)
}

/// `source_hash(key, source)`: the 8-byte SipHash-1-3 of the source
/// bytes that hash-based `.pyc` files record (CPython's `_Py_KeyedHash`).
fn source_hash(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "source_hash() takes at most 2 arguments ({} given)",
            args.pos.len() + args.kw.len()
        )));
    }
    let Some(key) = args.get(0, "key") else {
        return Err(vm.type_error("source_hash() missing required argument 'key' (pos 1)"));
    };
    let Some(src) = args.get(1, "source") else {
        return Err(vm.type_error("source_hash() missing required argument 'source' (pos 2)"));
    };
    args.no_more_kw(vm, "source_hash")?;
    let key = crate::args::c_long(vm, key)?;
    let Some(b) = crate::types::bytes::buf(src) else {
        let tn = vm.type_name_of(src);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    let h = engine::runtime::pycache::source_hash(key as u64, &b);
    Ok(vm.new_bytes(&h))
}

/// Before `_bootstrap._setup` ([`install_bootstrap`]): the embedded
/// modules already imported are frozen ones to `_setup`, which checks
/// their spec, so they get it now (`Vm::set_frozen_spec`).
fn spec_embedded_modules(vm: &mut Vm, bootstrap: Value) -> PyResult<()> {
    let modules = vm.g.sys_modules;
    for (k, m) in vm.dict_items(modules) {
        if !is_str(k) {
            continue;
        }
        let name = str_of(k);
        if !vm.embedded_frozen(&name) && engine::runtime::import::frozen_stdlib(&name).is_none() {
            continue;
        }
        // Read from the module's dict: reading the attribute of a module
        // imported before importlib would import importlib first.
        let Some(d) = proto_core::Obj::from_value(m).filter(|o| o.kind() == K_MODULE) else {
            continue;
        };
        let spec = vm.dict_get_str(d.get(0), vm.g.names.__spec__);
        if spec.map_or(true, |s| s.is_none()) {
            vm.set_frozen_spec(&str_of(k), m, bootstrap)?;
        }
    }
    Ok(())
}

/// Post-import hook of `_frozen_importlib_external`: its
/// `MAGIC_NUMBER` (CPython's 3495, written in its source) becomes the
/// bytecode cache's, with `_RAW_MAGIC_NUMBER` to match (module docs); and
/// its `cache_from_source` places the Lib's modules where ProtoPy's native
/// import caches them ([`STDLIB_CACHE_WRAPPER`]).
pub fn fix_magic(vm: &mut Vm, m: Value) -> PyResult<()> {
    let magic = vm.new_bytes(&engine::runtime::pycache::PYC_MAGIC);
    let mark = vm.push_root(magic);
    vm.set_module_attr(m, "MAGIC_NUMBER", magic);
    let raw = Value::int(i64::from(engine::runtime::pycache::RAW_MAGIC));
    vm.set_module_attr(m, "_RAW_MAGIC_NUMBER", raw);
    let r = (|| {
        let d = vm.getattr(m, vm.g.names.__dict__)?;
        vm.push_root(d);
        let code = vm.compile_source(
            STDLIB_CACHE_WRAPPER.as_bytes(),
            "<frozen importlib._bootstrap_external>",
            engine::compiler::Mode::Exec,
        )?;
        vm.push_root(code);
        vm.run_code(code, d, d).map(|_| ())
    })();
    vm.pop_roots(mark);
    r
}

/// Run in `importlib._bootstrap_external`'s namespace: CPython's
/// `cache_from_source` stays as it is for every file outside the Lib; for
/// a module of the Lib (and no `sys.pycache_prefix`) the cache file is in
/// ProtoPy's own cache folder (`pycache::stdlib_cache_dir`), so loaders
/// that go through importlib (`runpy`, `-m`, `importlib.util`) never write
/// into the Lib's own `__pycache__` folders either.
const STDLIB_CACHE_WRAPPER: &str = "\
def _wrap(in_pycache):
    def cache_from_source(path, debug_override=None, *, optimization=None):
        cached = in_pycache(path, debug_override, optimization=optimization)
        if sys.pycache_prefix is None:
            cached = _imp._stdlib_cache(_os.fspath(path), cached)
        return cached
    cache_from_source.__doc__ = in_pycache.__doc__
    return cache_from_source
cache_from_source = _wrap(cache_from_source)
del _wrap
";

/// `_imp._stdlib_cache(source, cached)`: where the cache file `cached`
/// (`cache_from_source`'s answer for `source`) goes when `source` is a
/// module of the Lib: the same file name in the source folder's
/// `pycache::stdlib_cache_dir`; NotImplementedError (what importlib's
/// loaders take as "no cache") when ProtoPy has no cache folder. Any other
/// `cached` is returned unchanged.
fn stdlib_cache(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_stdlib_cache", a, k, 2, 2)?;
    let (source, cached) = (a[0], a[1]);
    if !is_str(source) || !is_str(cached) {
        return Ok(cached);
    }
    let sys = vm.import_module("sys")?;
    let key = vm.intern("_stdlib_dir");
    let lib = vm.getattr(sys, key)?;
    if !is_str(lib) {
        return Ok(cached);
    }
    let source = std::path::PathBuf::from(&*str_of(source));
    let dir = match source.parent() {
        Some(d) if d.is_absolute() => d.to_path_buf(),
        Some(d) => match std::env::current_dir() {
            Ok(cwd) => cwd.join(d),
            Err(_) => return Ok(cached),
        },
        None => return Ok(cached),
    };
    let lib = std::path::PathBuf::from(&*str_of(lib));
    if !dir.starts_with(&lib) {
        return Ok(cached);
    }
    let cached_path = std::path::PathBuf::from(&*str_of(cached));
    match (
        engine::runtime::pycache::stdlib_cache_dir(&dir, &lib),
        cached_path.file_name(),
    ) {
        (Some(d), Some(leaf)) => Ok(vm.new_str(&d.join(leaf).to_string_lossy())),
        // No cache folder: as for an interpreter without a cache tag, so
        // importlib's loaders read the source and write nothing.
        _ => Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "no cache folder for the standard library (HOME, XDG_CACHE_HOME and \
             PROTOPY_CACHE_DIR are unset)",
        )),
    }
}

/// Creates the `_imp` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_imp");
    let fns: &[(&'static str, NativeFn)] = &[
        ("is_builtin", is_builtin),
        ("create_builtin", create_builtin),
        ("exec_builtin", exec_builtin),
        ("create_dynamic", create_dynamic),
        ("exec_dynamic", exec_dynamic),
        ("is_frozen", is_frozen),
        ("find_frozen", find_frozen),
        ("get_frozen_object", get_frozen_object),
        ("init_frozen", init_frozen),
        ("is_frozen_package", is_frozen_package),
        ("acquire_lock", acquire_lock),
        ("release_lock", release_lock),
        ("lock_held", lock_held),
        ("extension_suffixes", extension_suffixes),
        ("_fix_co_filename", fix_co_filename),
        ("_override_frozen_modules_for_tests", override_frozen),
        ("_frozen_module_names", frozen_module_names),
        ("source_hash", source_hash),
        ("_stdlib_cache", stdlib_cache),
    ];
    vm.add_module_functions(m, fns);
    // CPython's default: hash-based .pyc files are checked per their flag.
    let v = vm.new_str("default");
    vm.set_module_attr(m, "check_hash_based_pycs", v);
    Ok(m)
}
