//! The import system: `sys.modules`, builtin modules registered by
//! python_env, `.py` files and packages found on `sys.path`.

use super::*;
use crate::compiler::{self, CompileFlags, Mode};
use proto_core::keylock::Acquire;

/// Lib modules that CPython's start-up imports before any program runs and
/// whose code relies on that order, each with the module to import first
/// when a program asks for it before anything else did: `genericpath` is
/// half made while `os` (through `posixpath`) reads it, and `zipimport`
/// imports importlib's bootstrap, whose set-up imports `zipimport`. ProtoPy
/// imports neither `os` nor importlib at start-up (start-up time).
const STARTUP_FIRST: &[(&str, &str)] = &[("genericpath", "os"), ("zipimport", "importlib")];

/// The file name endings of CPython 3.11's extension modules on this
/// platform (its `importlib.machinery.EXTENSION_SUFFIXES`), in its order.
pub const EXTENSION_SUFFIXES: [&str; 3] = [".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"];

impl Vm {
    /// Registers a builtin module factory (python_env, at start-up).
    pub fn register_module(&self, name: &str, init: ModuleInit) {
        proto_core::sync::lock(&self.g.module_inits).insert(name.to_owned(), init);
    }

    /// Registers the Rust implementation of the C extension module `name`
    /// of a third-party package (python_env, at start-up). The import
    /// system loads it where the package installed its compiled module
    /// (`tracer.cpython-311-x86_64-linux-gnu.so` in `coverage`'s folder,
    /// [`EXTENSION_SUFFIXES`]), which CPython's build of it cannot be
    /// loaded into ProtoPy; elsewhere the name is not found, as before.
    pub fn register_extension_module(&self, name: &str, init: ModuleInit) {
        proto_core::sync::lock(&self.g.extension_inits).insert(name.to_owned(), init);
    }

    /// The registered Rust implementation of extension module `name`.
    pub fn extension_init(&self, name: &str) -> Option<ModuleInit> {
        proto_core::sync::lock(&self.g.extension_inits)
            .get(name)
            .copied()
    }

    /// Makes extension module `name` from its Rust implementation `init`
    /// for the compiled module at `file`: `__file__` is that file and, once
    /// importlib is installed, `__spec__` and `__loader__` are what
    /// `ExtensionFileLoader` gives it. Entered in `sys.modules`.
    fn load_extension(&mut self, name: &str, init: ModuleInit, file: &str) -> PyResult<Value> {
        let m = init(self)?;
        let mark = self.push_root(m);
        let r = (|| {
            self.tag_module_functions(m, name);
            let d = Obj::from_value(m).map_or(Value::NONE, |o| o.get(0));
            let fv = self.new_str(file);
            self.dict_set_str(d, self.g.names.__file__, fv);
            let k = self.intern(name);
            self.dict_set_str(self.g.sys_modules, k, m);
            // Its spec is importlib's (no native stand-in for this loader).
            if self.bootstrap_external().is_none() && !self.setting_up_importlib() {
                self.import_module("importlib")?;
            }
            if let Some(ext) = self.bootstrap_external() {
                let lk = self.intern("ExtensionFileLoader");
                let lc = self.getattr(ext, lk)?;
                let nv = self.new_str(name);
                self.push_root(nv);
                let loader = self.call(lc, &[nv, fv], Value::EMPTY)?;
                self.push_root(loader);
                let f = self.intern("spec_from_file_location");
                let f = self.getattr(ext, f)?;
                let kw = self.intern("loader");
                let kn = self.new_tuple(&[kw]);
                self.push_root(kn);
                let spec = self.call(f, &[nv, fv, loader], kn)?;
                self.dict_set_str(d, self.g.names.__loader__, loader);
                self.dict_set_str(d, self.g.names.__spec__, spec);
            }
            verbose_message(1, || {
                format!(
                    "import {} # Rust implementation of the extension module {file}",
                    text::str_repr(name.as_bytes())
                )
            });
            Ok(m)
        })();
        self.pop_roots(mark);
        r
    }

    /// `sys.builtin_module_names`: the registered native modules with
    /// `sys` and `builtins`, sorted.
    pub fn builtin_module_names(&self) -> Vec<String> {
        let mut names: Vec<String> = proto_core::sync::lock(&self.g.module_inits)
            .keys()
            .cloned()
            .chain(["builtins".to_string(), "sys".to_string()])
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Whether `name` is one of [`Vm::builtin_module_names`].
    pub fn is_builtin_module(&self, name: &str) -> bool {
        name == "sys"
            || name == "builtins"
            || proto_core::sync::lock(&self.g.module_inits).contains_key(name)
    }

    /// Compiles source bytes to a code value (SyntaxError on failure).
    /// The compiler's warnings are issued first (see [`Vm::issue_compile_warnings`]).
    pub fn compile_source(&mut self, src: &[u8], filename: &str, mode: Mode) -> PyResult<Value> {
        self.compile_source_with(src, filename, mode, CompileFlags::interpreter())
    }

    /// [`Vm::compile_source`] with explicit flags (`compile(optimize=N)`).
    pub fn compile_source_with(
        &mut self,
        src: &[u8],
        filename: &str,
        mode: Mode,
        flags: CompileFlags,
    ) -> PyResult<Value> {
        let text = self.decode_source_text(src, filename, false)?;
        self.compile_text_with(&text, filename, mode, flags)
    }

    /// Source bytes as text (PEP 263): what [`compiler::decode_source`]
    /// decodes, and a source whose coding declaration names another
    /// codec (`latin9`, `cp437`, ...) decoded by that codec, as CPython's
    /// tokenizer does. An unknown codec is "encoding problem" in a file
    /// (`from_file`), "unknown encoding" in bytes given to exec/compile.
    pub fn decode_source_text(
        &mut self,
        src: &[u8],
        filename: &str,
        from_file: bool,
    ) -> PyResult<String> {
        let mut err = match compiler::decode_source(src, filename) {
            Ok(text) => return Ok(text),
            Err(e) => e,
        };
        if let Some(name) = compiler::foreign_encoding(src) {
            if let Some(text) = self.decode_with_codec(src, &name)? {
                return Ok(text);
            }
            if !from_file {
                err.msg = format!("unknown encoding: {name}");
            }
        }
        // compile() and exec() of bytes name the source and line 0 (offset
        // -1) in a decoding error; a file or stdin gives a bare error.
        if !from_file && err.lineno == 0 {
            err.col_offset = -1;
        }
        Err(self.syntax_error(&err))
    }

    /// `codecs.decode(src, name)`: None when there is no such codec (or
    /// no `codecs` module, an engine without python_env).
    fn decode_with_codec(&mut self, src: &[u8], name: &str) -> PyResult<Option<String>> {
        let codecs = match self.import_module("codecs") {
            Ok(m) => m,
            Err(_) => return Ok(None),
        };
        let mark = self.push_root(codecs);
        let k = self.intern("decode");
        let r = (|| {
            let decode = self.getattr(codecs, k)?;
            self.push_root(decode);
            let b = self.new_bytes(src);
            self.push_root(b);
            let n = self.new_str(name);
            self.push_root(n);
            self.call(decode, &[b, n], Value::EMPTY)
        })();
        self.pop_roots(mark);
        match r {
            Ok(s) if is_str(s) => Ok(Some(str_of(s).into_owned())),
            Ok(_) => Ok(None),
            Err(x) if self.isinstance(x.0, self.g.e.LookupError) => Ok(None),
            Err(x) => Err(x),
        }
    }

    /// Compiles already-decoded source text (a str given to `exec`,
    /// `eval` or `compile`): a coding cookie in it is not read, as
    /// CPython's `PyCF_IGNORE_COOKIE`.
    pub fn compile_text_with(
        &mut self,
        text: &str,
        filename: &str,
        mode: Mode,
        flags: CompileFlags,
    ) -> PyResult<Value> {
        let (r, warnings) = compiler::compile_with_warnings(text, filename, mode, flags);
        if !warnings.is_empty() {
            self.issue_compile_warnings(&warnings)?;
        }
        match r {
            Ok(code) => Ok(self.new_code(code)),
            Err(e) => Err(self.syntax_error(&e)),
        }
    }

    /// `PyErr_WarnEx(category, msg, stacklevel)`: a warning from native
    /// code, through `warnings.warn` (stacklevel 1 is the Python frame
    /// running now).  Without a `warnings` module (an engine without
    /// python_env) nothing is shown.  Errors when a filter turns the
    /// warning into an exception.
    pub fn warn(&mut self, category: Value, msg: &str, stacklevel: i64) -> PyResult<()> {
        let m = match self.import_module("warnings") {
            Ok(m) => m,
            Err(x) if self.isinstance(x.0, self.g.e.ModuleNotFoundError) => return Ok(()),
            Err(x) => return Err(x),
        };
        let k = self.intern("warn");
        let f = self.getattr(m, k)?;
        let mark = self.push_root(f);
        let text = self.new_str(msg);
        self.push_root(text);
        let r = self.call(f, &[text, category, Value::int(stacklevel)], Value::EMPTY);
        self.pop_roots(mark);
        r.map(|_| ())
    }

    /// Issues compile-time warnings as CPython's compiler does with
    /// `PyErr_WarnExplicitObject(category, msg, filename, lineno, NULL,
    /// NULL)`: through `warnings.warn_explicit` (filters, registry-less
    /// "default" action, `showwarning`), or, where no `warnings` module is
    /// registered, printed in its default format (DeprecationWarnings are
    /// ignored there, as CPython's default filters do for compiled code:
    /// its module name is derived from the filename, never `__main__`).
    /// A warning that a filter turns into an exception of its category is
    /// raised as the SyntaxError CPython raises in its place.
    pub fn issue_compile_warnings(&mut self, ws: &[compiler::CompileWarning]) -> PyResult<()> {
        for w in ws {
            let Some(cat) = self.g.exc.get(w.category.name()).copied() else {
                continue;
            };
            let e = &w.error;
            let module = match self.import_module("warnings") {
                Ok(m) => Some(m),
                Err(x) if self.isinstance(x.0, self.g.e.ModuleNotFoundError) => None,
                Err(x) => return Err(x),
            };
            let r = match module {
                Some(m) => {
                    let k = self.intern("warn_explicit");
                    let f = self.getattr(m, k)?;
                    let mark = self.push_root(f);
                    let msg = self.new_str(&e.msg);
                    self.push_root(msg);
                    let fname = self.new_str(&e.filename);
                    self.push_root(fname);
                    let line = Value::int(e.lineno as i64);
                    let r = self.call(f, &[msg, cat, fname, line], Value::EMPTY);
                    self.pop_roots(mark);
                    r.map(|_| ())
                }
                None => {
                    if w.category == compiler::WarningCategory::SyntaxWarning {
                        let mut s = format!(
                            "{}:{}: {}: {}\n",
                            e.filename,
                            e.lineno,
                            w.category.name(),
                            e.msg
                        );
                        if let Some(l) = self.source_line(&e.filename, e.lineno) {
                            let l = l.trim();
                            if !l.is_empty() {
                                s.push_str(&format!("  {l}\n"));
                            }
                        }
                        use std::io::Write;
                        let _ = std::io::stdout().flush();
                        let _ = std::io::stderr().write_all(s.as_bytes());
                    }
                    Ok(())
                }
            };
            if let Err(x) = r {
                if self.isinstance(x.0, cat) {
                    return Err(self.syntax_error(e));
                }
                return Err(x);
            }
        }
        Ok(())
    }

    /// `sys.path` as Rust strings.
    fn sys_path(&mut self) -> Vec<String> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        if !sys.is_heap() {
            return vec![".".into()];
        }
        let d = Obj::from_value(sys).expect("sys").get(0);
        let p = self.dict_get_str(d, self.g.names.path);
        match p {
            Some(p) => self
                .seq_items(p)
                .into_iter()
                .filter(|v| is_str(*v))
                .map(|v| str_of(v).into_owned())
                .collect(),
            None => vec![".".into()],
        }
    }

    /// Imports a module by absolute dotted name, returning the leaf module.
    /// A submodule, once loaded, is bound as an attribute of its parent
    /// package (as importlib's `_find_and_load_unlocked`).
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        // As CPython's `_find_and_load_unlocked`, only the import that loads
        // a submodule binds it on its package: a later import of it leaves
        // a package attribute of that name alone (`from .sub import sub`
        // in the package rebinds it to the function).
        let loaded = name.contains('.') && {
            let key = self.new_str(name);
            self.dict_get_str(self.g.sys_modules, key)
                .is_some_and(|m| !m.is_none())
        };
        let m = self.import_module_inner(name)?;
        if loaded {
            return Ok(m);
        }
        if let Some((p, leaf)) = name.rsplit_once('.') {
            let pk = self.new_str(p);
            if let Some(pm) = self.dict_get_str(self.g.sys_modules, pk) {
                if !pm.is_none() {
                    let k = self.intern(leaf);
                    let mark = self.push_root(m);
                    let r = self.setattr(pm, k, m);
                    self.pop_roots(mark);
                    r?;
                }
            }
        }
        Ok(m)
    }

    /// Registers `hook` to run once, after the module `name` is next
    /// imported (at once if it already is): python_env completes CPython
    /// modules that need a native step after their own code ran.
    pub fn add_post_import_hook(&mut self, name: &str, hook: PostImportHook) -> PyResult<()> {
        let key = self.new_str(name);
        if let Some(m) = self
            .dict_get_str(self.g.sys_modules, key)
            .filter(|m| !m.is_none())
        {
            return hook(self, m);
        }
        proto_core::sync::lock(&self.g.post_import_hooks).insert(name.to_owned(), hook);
        self.g.post_import_pending.store(true, Ordering::Release);
        Ok(())
    }

    #[cold]
    fn run_post_import_hook(&mut self, name: &str, m: Value) -> PyResult<()> {
        let hook = {
            let mut hooks = proto_core::sync::lock(&self.g.post_import_hooks);
            let h = hooks.remove(name);
            if hooks.is_empty() {
                self.g.post_import_pending.store(false, Ordering::Release);
            }
            h
        };
        match hook {
            Some(h) => {
                let mark = self.push_root(m);
                let r = h(self, m);
                self.pop_roots(mark);
                r
            }
            None => Ok(()),
        }
    }

    fn import_module_inner(&mut self, name: &str) -> PyResult<Value> {
        let key = self.new_str(name);
        let mark = self.push_root(key);
        let r = self.import_module_locked(name, key);
        self.pop_roots(mark);
        r
    }

    /// `sys.modules[name]`: None when absent, an error when it holds None.
    fn sys_module(&mut self, name: &str, key: Value) -> PyResult<Option<Value>> {
        match self.dict_get_str(self.g.sys_modules, key) {
            Some(m) if m.is_none() => Err(self.named_import_error(
                self.g.e.ModuleNotFoundError,
                &format!("import of {name} halted; None in sys.modules"),
                name,
            )),
            m => Ok(m),
        }
    }

    /// Waits on the module lock of `name` (CPython's `_ModuleLock`).
    fn acquire_module_lock(&mut self, name: &str) -> Acquire {
        let g = self.g.clone();
        let me = proto_core::sync::thread::native_id();
        let ctx = &mut self.ctx;
        g.import_locks.acquire(name, me, |wait| ctx.blocking(wait))
    }

    fn release_module_lock(&mut self, name: &str) {
        let me = proto_core::sync::thread::native_id();
        self.g.import_locks.release(name, me);
    }

    /// CPython's `_find_and_load`: a module another thread is still
    /// running is waited for (its lock), unless that thread waits for one
    /// of ours (a cycle: the partial module is returned, as CPython does);
    /// a module not yet imported is loaded under its lock, so two threads
    /// never run one module's body twice or see it half made.
    fn import_module_locked(&mut self, name: &str, key: Value) -> PyResult<Value> {
        if let Some(m) = self.sys_module(name, key)? {
            // The count of held locks rises before a module is published
            // half made: none held means `m` is complete.
            if !self.g.import_locks.any_held() {
                return Ok(m);
            }
            // As CPython's `import_ensure_initialized`: wait for the
            // module's lock, then return the module seen (even if its
            // import failed meanwhile and took it out of `sys.modules`).
            // A cycle (or our own import) returns it at once.
            let mark = self.push_root(m);
            if let Acquire::Owned { .. } = self.acquire_module_lock(name) {
                self.release_module_lock(name);
            }
            self.pop_roots(mark);
            return Ok(m);
        } else {
            if let Some(&(_, first)) = STARTUP_FIRST.iter().find(|(n, _)| *n == name) {
                self.import_module(first)?;
                if self.dict_get_str(self.g.sys_modules, key).is_some() {
                    return self.import_module_locked(name, key);
                }
            }
            match self.acquire_module_lock(name) {
                Acquire::Owned { waited } => {
                    if waited {
                        match self.sys_module(name, key) {
                            Ok(Some(m)) => {
                                self.release_module_lock(name);
                                return Ok(m);
                            }
                            Ok(None) => {}
                            Err(e) => {
                                self.release_module_lock(name);
                                return Err(e);
                            }
                        }
                    }
                }
                // Our own import of `name` (not published yet), or a cycle
                // with another thread's: load without the lock.
                Acquire::Reentrant | Acquire::Deadlock => return self.load_and_hook(name),
            }
        }
        let r = self.load_and_hook(name);
        self.release_module_lock(name);
        r
    }

    fn load_and_hook(&mut self, name: &str) -> PyResult<Value> {
        if !IMPORT_TIME.load(proto_core::sync::Ordering::Relaxed) {
            return self.load_and_hook_untimed(name);
        }
        // `-X importtime`, as CPython's import_find_and_load: each module
        // loaded, its own time (without the imports it made) and the
        // whole, indented by nesting; per thread.
        let (level, outer) = IMPORT_TIMES.with(|t| t.get());
        IMPORT_TIMES.with(|t| t.set((level + 1, 0)));
        let t0 = std::time::Instant::now();
        let r = self.load_and_hook_untimed(name);
        let cum = t0.elapsed().as_nanos() as u64;
        let (_, inner) = IMPORT_TIMES.with(|t| t.get());
        IMPORT_TIMES.with(|t| t.set((level, outer + cum)));
        {
            use std::io::Write;
            let us = |ns: u64| ns.div_ceil(1000);
            let mut err = std::io::stderr().lock();
            if !IMPORT_TIME_HEADER.swap(true, proto_core::sync::Ordering::Relaxed) {
                let _ = writeln!(
                    err,
                    "import time: self [us] | cumulative | imported package"
                );
            }
            let _ = writeln!(
                err,
                "import time: {:>9} | {:>10} | {:indent$}{name}",
                us(cum.saturating_sub(inner)),
                us(cum),
                "",
                indent = level * 2
            );
        }
        r
    }

    fn load_and_hook_untimed(&mut self, name: &str) -> PyResult<Value> {
        let m = self.load_module(name)?;
        if self.g.post_import_pending.load(Ordering::Relaxed) {
            self.run_post_import_hook(name, m)?;
        }
        Ok(m)
    }

    /// Once importlib is installed, a built-in module imported afterwards
    /// gets the spec and loader (`BuiltinImporter`, the first standard
    /// finder) that importlib's `_setup` gives those imported before it.
    fn init_builtin_spec(&mut self, m: Value) -> PyResult<()> {
        let Some(loader) = proto_core::sync::lock(&self.g.std_finders).first().copied() else {
            return Ok(());
        };
        self.init_spec_from_loader(m, loader)
    }

    /// Once importlib is installed, an embedded or frozen standard-library
    /// module (`<frozen NAME>`) gets the spec importlib's
    /// `FrozenImporter.find_spec` gives it (`_imp` reports both kinds
    /// frozen; [`Vm::set_frozen_spec`]): `importlib.util.find_spec`,
    /// `runpy` and `-m` find the same module the import statement does.
    fn init_frozen_spec(&mut self, name: &str, m: Value) -> PyResult<()> {
        let bootstrap = proto_core::sync::lock(&self.g.std_bootstrap)
            .first()
            .copied();
        match bootstrap {
            Some(b) => self.set_frozen_spec(name, m, b),
            None => Ok(()),
        }
    }

    /// Sets the frozen module `m`'s `__spec__` (a `ModuleSpec` of
    /// `importlib._bootstrap` module `bootstrap`, loader `FrozenImporter`,
    /// origin `frozen`, `loader_state` with no file and no original name,
    /// or the Lib's file and original name for a frozen standard-library
    /// module) and `__loader__`; `name` is an [`Vm::embedded_frozen`] module
    /// or a [`frozen_stdlib`] one. Modules
    /// imported before importlib get theirs before `_bootstrap._setup`
    /// checks the frozen ones (`_imp.rs` `install_importers`).
    pub fn set_frozen_spec(&mut self, name: &str, m: Value, bootstrap: Value) -> PyResult<()> {
        let mark = self.push_root(m);
        let r = (|| {
            let k = self.intern("ModuleSpec");
            let spec_cls = self.getattr(bootstrap, k)?;
            self.push_root(spec_cls);
            let k = self.intern("FrozenImporter");
            let loader = self.getattr(bootstrap, k)?;
            self.push_root(loader);
            let sys = self.import_module("sys")?;
            let k = self.intern("implementation");
            let imp = self.getattr(sys, k)?;
            let ns = self.type_of(imp);
            let kf = self.intern("filename");
            let ko = self.intern("origname");
            let names = self.new_tuple(&[kf, ko]);
            self.push_root(names);
            // A frozen standard-library module names its Lib file and
            // original name (what `FrozenImporter._fix_up_module` checks).
            let (file, orig) = match frozen_stdlib(name) {
                Some((orig, file)) => (self.new_str(&file), self.new_str(&orig)),
                None => (Value::NONE, Value::NONE),
            };
            self.push_root(file);
            self.push_root(orig);
            let state = self.call(ns, &[file, orig], names)?;
            self.push_root(state);
            let n = self.new_str(name);
            self.push_root(n);
            let origin = self.intern("frozen");
            let ks = [
                self.intern("origin"),
                self.intern("loader_state"),
                self.intern("is_package"),
            ];
            let names = self.new_tuple(&ks);
            self.push_root(names);
            let spec = self.call(spec_cls, &[n, loader, origin, state, Value::FALSE], names)?;
            self.push_root(spec);
            self.setattr(m, self.g.names.__spec__, spec)?;
            self.setattr(m, self.g.names.__loader__, loader)
        })();
        self.pop_roots(mark);
        r
    }

    /// `_bootstrap._init_module_attrs(_bootstrap._spec_from_module(m,
    /// loader), m)`, when importlib is installed.
    fn init_spec_from_loader(&mut self, m: Value, loader: Value) -> PyResult<()> {
        let k = self.new_str("_frozen_importlib");
        let Some(bs) = self.dict_get_str(self.g.sys_modules, k) else {
            return Ok(());
        };
        let mark = self.push_root(m);
        self.push_root(bs);
        let r = (|| {
            let f = self.intern("_spec_from_module");
            let f = self.getattr(bs, f)?;
            let spec = self.call(f, &[m, loader], Value::EMPTY)?;
            self.push_root(spec);
            let g = self.intern("_init_module_attrs");
            let g = self.getattr(bs, g)?;
            self.call(g, &[spec, m], Value::EMPTY).map(|_| ())
        })();
        self.pop_roots(mark);
        r
    }

    /// Whether reading `name` of `obj` asks for the import system's state
    /// in `sys` before it is made: `sys.meta_path`, `sys.path_hooks`,
    /// `sys.path_importer_cache` (or the whole `sys.__dict__`) while sys's
    /// dict lacks them.
    pub(crate) fn sys_import_state_missing(&mut self, obj: Value, name: Value) -> bool {
        if obj != *proto_core::sync::lock(&self.g.sys) {
            return false;
        }
        let d = Obj::from_value(obj).map_or(Value::NONE, |o| o.get(0));
        let key = self.intern("meta_path");
        if self.dict_get_str(d, key).is_some() {
            return false;
        }
        name == self.g.names.__dict__
            || ["meta_path", "path_hooks", "path_importer_cache"]
                .iter()
                .any(|n| self.intern(n) == name)
    }

    /// Records that importlib's post-import hook finished (its finders
    /// installed, the specs of the modules imported before filled in):
    /// threads reading a `__spec__` meanwhile waited for it on importlib's
    /// module lock ([`Vm::spec_awaits_importlib`]).
    pub fn settle_importlib(&mut self) {
        self.g.importlib_settled.store(true, Ordering::Release);
    }

    /// Whether reading `name` (None in the dict) of module `m` must first
    /// install importlib: `__spec__` and `__loader__` of a module the
    /// import statement loaded before importlib was installed are None
    /// until it is ([`Vm::backfill_specs`]), where CPython's start-up gives
    /// every imported module its spec. `__main__` keeps None, as CPython's
    /// for a script or `-c`; so does a module not in `sys.modules` under its
    /// name (one made by `types.ModuleType`).
    pub(crate) fn spec_awaits_importlib(&mut self, m: Value, name: Value) -> bool {
        if name != self.g.names.__spec__ && name != self.g.names.__loader__ {
            return false;
        }
        if self.g.importlib_settled.load(Ordering::Acquire) || self.setting_up_importlib() {
            return false;
        }
        let Some(o) = Obj::from_value(m) else {
            return false;
        };
        let n = o.get(1);
        is_str(n)
            && &*str_of(n) != "__main__"
            && self.dict_get_str(self.g.sys_modules, n) == Some(m)
    }

    /// Makes `sys.meta_path`, `sys.path_hooks` and `sys.path_importer_cache`
    /// hold what CPython's start-up puts there (importlib's three finders,
    /// zipimport's and FileFinder's hooks): made when a program first reads
    /// one of them, by importing importlib (its post-import hook installs
    /// the finders), since the `import` statement searches natively and a
    /// program that never looks at them need not pay for importlib. Where
    /// they are there already, only importlib is installed.
    pub fn make_sys_import_state(&mut self) -> PyResult<()> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) else {
            return Ok(());
        };
        let key = self.intern("meta_path");
        if self.dict_get_str(d, key).is_some() {
            if !self.g.importlib_settled.load(Ordering::Acquire) && !self.setting_up_importlib() {
                self.import_module("importlib")?;
            }
            return Ok(());
        }
        self.make_sys_import_lists()?;
        self.import_module("importlib").map(|_| ())
    }

    /// Puts an empty `sys.meta_path`, `sys.path_hooks` and
    /// `sys.path_importer_cache` in sys's dict where absent, importing
    /// nothing: what importlib's bootstrap fills when it is set up
    /// (python_env's `_imp::install_bootstrap`).
    pub fn make_sys_import_lists(&mut self) -> PyResult<()> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) else {
            return Ok(());
        };
        // Inserted only where absent: two threads reading them first at
        // once get the same objects.
        let mark = self.push_root(d);
        let key = self.intern("meta_path");
        let meta_path = self.new_list(&[]);
        self.dict_setdefault(d, key, meta_path)?;
        let key = self.intern("path_hooks");
        let hooks = self.new_list(&[]);
        self.dict_setdefault(d, key, hooks)?;
        let key = self.intern("path_importer_cache");
        let cache = self.new_dict();
        self.dict_setdefault(d, key, cache)?;
        self.pop_roots(mark);
        Ok(())
    }

    /// Records the finders importlib installed in `sys.meta_path`: while
    /// it holds only these, the native search stands for them.
    pub fn set_standard_finders(&mut self, finders: &[Value], hooks: &[Value]) {
        for &f in finders.iter().chain(hooks) {
            self.ctx.add_global_root(f);
        }
        proto_core::sync::lock(&self.g.std_path_hooks).extend_from_slice(hooks);
        proto_core::sync::lock(&self.g.std_finders).extend_from_slice(finders);
    }

    /// Whether the program changed `sys.path_hooks` from the hooks
    /// importlib installed (false before importlib is installed).
    fn custom_path_hooks(&mut self) -> bool {
        let std = proto_core::sync::lock(&self.g.std_path_hooks).clone();
        if std.is_empty() {
            return false;
        }
        let sys = *proto_core::sync::lock(&self.g.sys);
        let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) else {
            return false;
        };
        let key = self.intern("path_hooks");
        let Some(hooks) = self.dict_get_str(d, key) else {
            return true;
        };
        if Obj::from_value(hooks).is_none_or(|o| o.kind() != Kind::LIST) {
            return true;
        }
        self.seq_items(hooks) != std
    }

    /// Whether the path entry `dir` is one the native search cannot read
    /// as importlib would: a zip archive or a folder inside one (for
    /// zipimport), or one `sys.path_importer_cache` maps to a finder other
    /// than a `FileFinder` (`None` included: no finder for it).
    /// While importlib itself is being set up, archives are passed over
    /// (the imports that install it must not wait for it).
    fn entry_needs_importlib(
        &mut self,
        name: &str,
        dir: &str,
        ext: Option<Value>,
    ) -> PyResult<bool> {
        let p = std::path::Path::new(if dir.is_empty() { "." } else { dir });
        if !p.is_dir() && in_archive(p) {
            return Ok(ext.is_some() || !(is_importlib(name) || self.setting_up_importlib()));
        }
        let Some(ext) = ext else {
            return Ok(false);
        };
        let sys = *proto_core::sync::lock(&self.g.sys);
        let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) else {
            return Ok(false);
        };
        let key = self.intern("path_importer_cache");
        let Some(cache) = self.dict_get_str(d, key) else {
            return Ok(false);
        };
        if Obj::from_value(cache).is_none_or(|o| o.kind() != Kind::DICT) {
            return Ok(true);
        }
        let dk = self.new_str(dir);
        let Some(finder) = self.dict_get_str(cache, dk) else {
            return Ok(false);
        };
        let ff = self.intern("FileFinder");
        let ff = self.getattr(ext, ff)?;
        Ok(self.type_of(finder) != ff)
    }

    /// Whether importlib or zipimport is being imported now, before the
    /// standard finders are installed.
    fn setting_up_importlib(&mut self) -> bool {
        self.bootstrap_external().is_none() && self.initializing.iter().any(|n| is_importlib(n))
    }

    /// Finds and loads `name` through importlib's `PathFinder` over `path`
    /// (the parent's `__path__`, or None for `sys.path`), importing
    /// importlib first: namespace packages, zip archives and a program's
    /// own path hooks or finders take CPython's own code.
    fn load_with_path_finder(&mut self, name: &str, path: Value) -> PyResult<Value> {
        // Not while importlib itself is being set up: its own imports
        // would wait for it.
        if self.setting_up_importlib() {
            return Err(self.module_not_found(name, None));
        }
        self.import_module("importlib")?;
        let Some(ext) = self.bootstrap_external() else {
            return Err(self.module_not_found(name, None));
        };
        let mark = self.push_root(ext);
        self.push_root(path);
        let r = (|| {
            let pf = self.intern("PathFinder");
            let pf = self.getattr(ext, pf)?;
            self.push_root(pf);
            let n = self.new_str(name);
            self.push_root(n);
            let spec = self.call_method(pf, "find_spec", &[n, path])?;
            if spec.is_none() {
                return Err(self.module_not_found(name, None));
            }
            self.push_root(spec);
            let Some(bootstrap) = proto_core::sync::lock(&self.g.std_bootstrap)
                .first()
                .copied()
            else {
                return Err(self.module_not_found(name, None));
            };
            let load = self.intern("_load");
            let load = self.getattr(bootstrap, load)?;
            self.call(load, &[spec], Value::EMPTY)
        })();
        self.pop_roots(mark);
        r
    }

    /// The audit event `import`: the module's name, None, and `sys.path`,
    /// `sys.meta_path` and `sys.path_hooks` (None where missing).
    #[cold]
    fn audit_import(&mut self, name: &str) -> PyResult<()> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        let mut args = [Value::NONE; 5];
        let mark = self.push_root(Value::NONE);
        args[0] = self.new_str(name);
        self.push_root(args[0]);
        if let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) {
            for (i, n) in ["path", "meta_path", "path_hooks"].into_iter().enumerate() {
                let key = self.intern(n);
                args[2 + i] = self.dict_get_str(d, key).unwrap_or(Value::NONE);
            }
        }
        let r = self.audit("import", &args);
        self.pop_roots(mark);
        r
    }

    /// `sys.meta_path` when it holds a finder of the program's own (else
    /// None: the native search is the whole of it).
    fn custom_meta_path(&mut self) -> Option<Vec<Value>> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        let d = Obj::from_value(sys)?.get(0);
        let key = self.intern("meta_path");
        let mp = self.dict_get_str(d, key)?;
        if Obj::from_value(mp).is_none_or(|o| o.kind() != Kind::LIST) {
            return None;
        }
        let items = self.seq_items(mp);
        let std = proto_core::sync::lock(&self.g.std_finders);
        if items.iter().all(|f| std.contains(f)) {
            return None;
        }
        Some(items)
    }

    /// Finds and runs the module `name`, which is not in `sys.modules`:
    /// through `sys.meta_path` in order when it holds finders of the
    /// program's own (importlib's standard finders stand for the native
    /// search, tried once where the first of them is), else natively.
    /// The parent package is imported first: it may add a finder (six
    /// puts its importer of `six.moves` on `sys.meta_path`).
    fn load_module(&mut self, name: &str) -> PyResult<Value> {
        if self.auditing() {
            self.audit_import(name)?;
        }
        if let Some((parent, _)) = name.rsplit_once('.') {
            if let Err(m) = self.import_parent(name, parent)? {
                return Ok(m);
            }
        }
        let Some(finders) = self.custom_meta_path() else {
            return self.load_module_native(name);
        };
        let held = self.new_list(&finders);
        let mark = self.push_root(held);
        let r = self.load_module_meta_path(name, &finders);
        self.pop_roots(mark);
        r
    }

    fn load_module_meta_path(&mut self, name: &str, finders: &[Value]) -> PyResult<Value> {
        let parent = name.rsplit_once('.').map(|(p, _)| p);
        let path = match parent {
            Some(p) => {
                let pm = match self.import_parent(name, p)? {
                    Ok(pm) => pm,
                    Err(m) => return Ok(m),
                };
                match self.package_path(pm)? {
                    Some(p) => p,
                    None => return Err(self.module_not_found(name, parent)),
                }
            }
            None => Value::NONE,
        };
        let pmark = self.push_root(path);
        let r = self.find_on_meta_path(name, path, finders);
        self.pop_roots(pmark);
        r
    }

    fn find_on_meta_path(&mut self, name: &str, path: Value, finders: &[Value]) -> PyResult<Value> {
        let mut native_tried = false;
        let find_spec = self.intern("find_spec");
        for &f in finders {
            let standard = proto_core::sync::lock(&self.g.std_finders).contains(&f);
            if standard {
                if native_tried {
                    continue;
                }
                native_tried = true;
                match self.load_module_native(name) {
                    Err(e) if self.is_not_found_for(&e, name) => continue,
                    r => return r,
                }
            }
            let n = self.new_str(name);
            let mark = self.push_root(n);
            let spec = match self.getattr_opt(f, find_spec) {
                Ok(Some(meth)) => {
                    self.push_root(meth);
                    self.call(meth, &[n, path, Value::NONE], Value::EMPTY)
                }
                // A PEP 302 finder: importlib's `_find_spec_legacy` (an
                // ImportWarning, then `find_module` and `spec_from_loader`).
                Ok(None) => self.find_spec_legacy(f, n, path),
                Err(e) => Err(e),
            };
            self.pop_roots(mark);
            let spec = spec?;
            if spec.is_none() {
                continue;
            }
            let mark = self.push_root(spec);
            let r = self.load_spec(spec);
            self.pop_roots(mark);
            return r;
        }
        Err(self.module_not_found(name, None))
    }

    /// `_bootstrap._find_spec_legacy(finder, name, path)`.
    fn find_spec_legacy(&mut self, finder: Value, name: Value, path: Value) -> PyResult<Value> {
        let bootstrap = self.import_module("_frozen_importlib")?;
        let k = self.intern("_find_spec_legacy");
        let f = self.getattr(bootstrap, k)?;
        self.call(f, &[finder, name, path], Value::EMPTY)
    }

    fn is_frozen_test_module(&self, name: &str) -> bool {
        self.g.hooks().frozen_test_module.is_some_and(|f| f(name))
    }

    /// Imports one of CPython's frozen test modules through importlib's
    /// `FrozenImporter` (its spec, `_bootstrap._load`), as CPython's
    /// `sys.meta_path` does.
    fn load_frozen_test_module(&mut self, name: &str) -> PyResult<Value> {
        let bootstrap = self.import_module("importlib._bootstrap")?;
        let mark = self.push_root(bootstrap);
        let r = (|| {
            let k = self.intern("FrozenImporter");
            let fi = self.getattr(bootstrap, k)?;
            self.push_root(fi);
            let n = self.new_str(name);
            self.push_root(n);
            let spec = self.call_method(fi, "find_spec", &[n])?;
            if spec.is_none() {
                return Err(self.module_not_found(name, None));
            }
            self.push_root(spec);
            self.load_spec(spec)
        })();
        self.pop_roots(mark);
        r
    }

    /// Loads the module of `spec` (rooted by the caller) as the import
    /// system does: `importlib._bootstrap._load(spec)`.
    fn load_spec(&mut self, spec: Value) -> PyResult<Value> {
        let bootstrap = self.import_module("importlib._bootstrap")?;
        let load = self.intern("_load");
        let load = self.getattr(bootstrap, load)?;
        self.call(load, &[spec], Value::EMPTY)
    }

    /// Is `e` the ModuleNotFoundError of the module `name` itself (not of
    /// an import inside it)?
    fn is_not_found_for(&self, e: &PyException, name: &str) -> bool {
        let is_mnf = Obj::from_value(e.0)
            .is_some_and(|o| self.is_subtype(o.class(), self.g.e.ModuleNotFoundError));
        is_mnf && self.exc_module_name(e.0).as_deref() == Some(name)
    }

    /// The `__path__` of the package module `pm`, read as CPython's
    /// `parent_module.__path__`: a class attribute or a module
    /// `__getattr__` counts too (six's lazy `six.moves`); None when there is
    /// none (an AttributeError), so the module is no package.
    fn package_path(&mut self, pm: Value) -> PyResult<Option<Value>> {
        let pd = Obj::from_value(pm).and_then(|o| self.instance_dict(o));
        if let Some(p) = pd.and_then(|d| self.dict_get_str(d, self.g.names.__path__)) {
            return Ok(Some(p));
        }
        self.getattr_opt(pm, self.g.names.__path__)
    }

    /// Imports `parent`, the package of `name`: Ok(the package), or
    /// Err(the module `name`) when importing the package imported it.
    fn import_parent(&mut self, name: &str, parent: &str) -> PyResult<Result<Value, Value>> {
        let pm = self.import_module(parent)?;
        let key = self.new_str(name);
        match self.dict_get_str(self.g.sys_modules, key) {
            Some(m) if !m.is_none() => Ok(Err(m)),
            _ => Ok(Ok(pm)),
        }
    }

    /// The native search: builtin modules, embedded sources, then the
    /// package's `__path__` or `sys.path`.
    fn load_module_native(&mut self, name: &str) -> PyResult<Value> {
        let (parent, leaf) = match name.rfind('.') {
            Some(i) => (Some(&name[..i]), &name[i + 1..]),
            None => (None, name),
        };
        let mut path_value = Value::NONE;
        let search: Vec<String> = match parent {
            Some(p) => {
                let pm = match self.import_parent(name, p)? {
                    Ok(pm) => pm,
                    Err(m) => return Ok(m),
                };
                // A submodule of an embedded package is embedded too.
                if let Some(src) = self.embedded_source(name) {
                    return self.exec_embedded(name, src);
                }
                if let Some((orig, file)) = frozen_stdlib(name) {
                    return self.exec_frozen_stdlib(name, &orig, &file);
                }
                if self.is_frozen_test_module(name) {
                    return self.load_frozen_test_module(name);
                }
                match self.package_path(pm)? {
                    Some(pv) => {
                        path_value = pv;
                        // A namespace package's `_NamespacePath` is no list.
                        self.collect(pv)?
                            .into_iter()
                            .filter(|v| is_str(*v))
                            .map(|v| str_of(v).into_owned())
                            .collect()
                    }
                    None => {
                        return Err(self.module_not_found(name, Some(p)));
                    }
                }
            }
            None => {
                let init = proto_core::sync::lock(&self.g.module_inits)
                    .get(name)
                    .copied();
                if let Some(init) = init {
                    let m = init(self)?;
                    self.tag_module_functions(m, name);
                    let k = self.intern(name);
                    self.dict_set_str(self.g.sys_modules, k, m);
                    self.init_builtin_spec(m)?;
                    if !self.quiet_builtin_import {
                        verbose_message(1, || {
                            format!(
                                "import {} # <class '_frozen_importlib.BuiltinImporter'>",
                                text::str_repr(name.as_bytes())
                            )
                        });
                    }
                    return Ok(m);
                }
                if let Some(src) = self.embedded_source(name) {
                    return self.exec_embedded(name, src);
                }
                if let Some((orig, file)) = frozen_stdlib(name) {
                    return self.exec_frozen_stdlib(name, &orig, &file);
                }
                if self.is_frozen_test_module(name) {
                    return self.load_frozen_test_module(name);
                }
                self.sys_path()
            }
        };
        let mark = self.push_root(path_value);
        let r = self.search_path_entries(name, leaf, &search, path_value);
        self.pop_roots(mark);
        r
    }

    /// The native search of `leaf` (module `name`) in the folders `search`:
    /// a package, a module, a cache file without source; namespace
    /// portions, zip archives and a program's own path hooks are left to
    /// importlib ([`Vm::load_with_path_finder`] over `path_value`).
    fn search_path_entries(
        &mut self,
        name: &str,
        leaf: &str,
        search: &[String],
        path_value: Value,
    ) -> PyResult<Value> {
        let ext = self.bootstrap_external();
        if ext.is_some() && self.custom_path_hooks() {
            return self.load_with_path_finder(name, path_value);
        }
        let mut portions = false;
        for dir in search {
            if self.entry_needs_importlib(name, dir, ext)? {
                return self.load_with_path_finder(name, path_value);
            }
            let dir = if dir.is_empty() { "." } else { dir.as_str() };
            let pkg = std::path::Path::new(&dir).join(leaf);
            let init = pkg.join("__init__.py");
            verbose_message(2, || format!("trying {}", init.display()));
            if init.is_file() {
                let path_list = {
                    let s = self.new_str(&pkg.to_string_lossy());
                    self.new_list(&[s])
                };
                return self.exec_module_file(name, &init, Some(path_list));
            }
            let init = pkg.join("__init__.pyc");
            if init.is_file() {
                let path_list = {
                    let s = self.new_str(&pkg.to_string_lossy());
                    self.new_list(&[s])
                };
                return self.exec_module_pyc(name, &init, Some(path_list));
            }
            // An extension module before the source, as CPython's finder.
            if let Some(init) = self.extension_init(name) {
                for suffix in EXTENSION_SUFFIXES {
                    let file = std::path::Path::new(&dir).join(format!("{leaf}{suffix}"));
                    if file.is_file() {
                        return self.load_extension(name, init, &file.to_string_lossy());
                    }
                }
            }
            let file = std::path::Path::new(&dir).join(format!("{leaf}.py"));
            verbose_message(2, || format!("trying {}", file.display()));
            if file.is_file() {
                return self.exec_module_file(name, &file, None);
            }
            let file = std::path::Path::new(&dir).join(format!("{leaf}.pyc"));
            if file.is_file() {
                return self.exec_module_pyc(name, &file, None);
            }
            // A namespace portion: a regular package or module later on
            // the path still wins (PEP 420).
            portions |= pkg.is_dir();
        }
        if portions {
            return self.load_with_path_finder(name, path_value);
        }
        Err(self.module_not_found(name, None))
    }

    /// Records the `importlib._bootstrap` and `_bootstrap_external`
    /// modules that installed the standard finders.
    pub fn set_standard_bootstrap(&mut self, bootstrap: Value, external: Value) {
        self.ctx.add_global_root(bootstrap);
        self.ctx.add_global_root(external);
        let mut s = proto_core::sync::lock(&self.g.std_bootstrap);
        s.clear();
        s.extend_from_slice(&[bootstrap, external]);
    }

    /// `importlib._bootstrap_external` once importlib installed its
    /// finders ([`Vm::set_standard_bootstrap`]); None before.
    fn bootstrap_external(&mut self) -> Option<Value> {
        proto_core::sync::lock(&self.g.std_bootstrap)
            .get(1)
            .copied()
    }

    /// Gives the module dict `d` (module `name`, run from `file`) the
    /// `__spec__` and `__loader__` importlib's PathFinder would:
    /// `spec_from_file_location(name, file, submodule_search_locations=path)`
    /// (a `SourceFileLoader`, or `SourcelessFileLoader` for a `.pyc`), its
    /// `cached` the native cache file in `__cached__`. Before importlib is
    /// installed nothing is done: [`Vm::backfill_specs`] completes those
    /// modules when it is.
    pub fn set_file_spec(
        &mut self,
        name: &str,
        d: Value,
        file: &str,
        path: Option<Value>,
    ) -> PyResult<()> {
        let Some(ext) = self.bootstrap_external() else {
            return Ok(());
        };
        let mark = self.push_root(ext);
        let r = (|| {
            let f = self.intern("spec_from_file_location");
            let f = self.getattr(ext, f)?;
            self.push_root(f);
            let n = self.new_str(name);
            self.push_root(n);
            let fv = self.new_str(file);
            self.push_root(fv);
            let spec = match path {
                Some(p) => {
                    let kw = self.intern("submodule_search_locations");
                    let kn = self.new_tuple(&[kw]);
                    self.push_root(kn);
                    self.call(f, &[n, fv, p], kn)?
                }
                None => self.call(f, &[n, fv], Value::EMPTY)?,
            };
            if spec.is_none() {
                return Ok(());
            }
            self.push_root(spec);
            let ck = self.intern("__cached__");
            if let Some(c) = self.dict_get_str(d, ck) {
                let k = self.intern("cached");
                self.setattr(spec, k, c)?;
            }
            let lk = self.intern("loader");
            let loader = self.getattr(spec, lk)?;
            self.dict_set_str(d, self.g.names.__loader__, loader);
            self.dict_set_str(d, self.g.names.__spec__, spec);
            Ok(())
        })();
        self.pop_roots(mark);
        r
    }

    /// Gives the source modules imported before importlib was installed
    /// their spec and loader ([`Vm::set_file_spec`]), as CPython's start-up
    /// made them with importlib already running. `__main__`'s module keeps
    /// its own, under whatever names it stands.
    pub fn backfill_specs(&mut self) -> PyResult<()> {
        let modules: Vec<(Value, Value)> = self.dict_items(self.g.sys_modules);
        // `__main__`'s module may stand under other names too
        // (multiprocessing's `__mp_main__`): it keeps its own spec.
        let main = modules
            .iter()
            .find(|&&(k, _)| is_str(k) && str_of(k) == "__main__")
            .map(|&(_, m)| m);
        let held: Vec<Value> = modules.iter().map(|&(_, m)| m).collect();
        let held = self.new_list(&held);
        let mark = self.push_root(held);
        let r = (|| {
            for (k, m) in modules {
                if !is_str(k) || Some(m) == main {
                    continue;
                }
                let Some(d) = Obj::from_value(m).and_then(|o| self.instance_dict(o)) else {
                    continue;
                };
                if self
                    .dict_get_str(d, self.g.names.__spec__)
                    .is_some_and(|s| !s.is_none())
                {
                    continue;
                }
                let Some(file) = self
                    .dict_get_str(d, self.g.names.__file__)
                    .filter(|f| is_str(*f))
                else {
                    continue;
                };
                let file = str_of(file).into_owned();
                if !(file.ends_with(".py") || file.ends_with(".pyc")) {
                    continue;
                }
                let path = self
                    .dict_get_str(d, self.g.names.__path__)
                    .filter(|p| !p.is_none());
                let name = str_of(k).into_owned();
                self.set_file_spec(&name, d, &file, path)?;
            }
            Ok(())
        })();
        self.pop_roots(mark);
        r
    }

    /// The `name` of an ImportError (None when unset).
    fn exc_module_name(&self, e: Value) -> Option<String> {
        let o = Obj::from_value(e)?;
        let n = o.get(EXC_X0);
        is_str(n).then(|| str_of(n).into_owned())
    }

    pub fn module_not_found(&mut self, name: &str, parent: Option<&str>) -> PyException {
        let msg = match parent {
            Some(p) => format!("No module named '{name}'; '{p}' is not a package"),
            None => format!("No module named '{name}'"),
        };
        self.named_import_error(self.g.e.ModuleNotFoundError, &msg, name)
    }

    /// An ImportError of class `cls` whose `name` is the module `name` (as
    /// CPython's `ImportError(msg, name=name)`: importlib's callers test it).
    pub fn named_import_error(&mut self, cls: Value, msg: &str, name: &str) -> PyException {
        let e = self.new_exc(cls, msg);
        if let Some(o) = Obj::from_value(e.0) {
            let n = self.new_str(name);
            o.init(EXC_X0, n);
            o.init(EXC_X2, self.seq_items(o.get(EXC_ARGS))[0]);
        }
        e
    }

    /// The source of the embedded module `name`, if python_env embeds one.
    pub fn embedded_source(&self, name: &str) -> Option<&'static str> {
        proto_core::sync::lock(&self.g.source_modules)
            .get(name)
            .copied()
    }

    /// Runs an embedded source module. Its file name is `<frozen NAME>` (as
    /// CPython's frozen modules), which tracebacks print and the golden
    /// runner recognises as standard-library code. An embedded module is a
    /// package when other embedded modules are registered under it
    /// (`concurrent` for `concurrent.futures`): it gets an empty `__path__`,
    /// so its submodules come only from the embedded registry.
    fn exec_embedded(&mut self, name: &str, src: &'static str) -> PyResult<Value> {
        let path = if self.embedded_is_package(name) {
            Some(self.new_list(&[]))
        } else {
            None
        };
        let fname = format!("<frozen {name}>");
        self.exec_module_with(name, &fname, path, |vm, _| {
            vm.embedded_code(name, src, &fname)
        })
    }

    /// Runs the frozen standard-library module `name` ([`FROZEN_STDLIB`])
    /// from the Lib's `file` (through the bytecode cache), its code named
    /// `<frozen ORIG>`.
    fn exec_frozen_stdlib(&mut self, name: &str, orig: &str, file: &str) -> PyResult<Value> {
        let fname = format!("<frozen {orig}>");
        let path = std::path::PathBuf::from(file);
        self.exec_module_with(name, &fname, None, |vm, _| {
            vm.module_code(&path, &fname).map(|(code, _)| code)
        })
    }

    /// Whether the embedded module `name` is a frozen one to importlib
    /// (`_imp.is_frozen`, `FrozenImporter` specs): every embedded module
    /// but the packages, whose `__path__` reaches into the Lib's folder
    /// (`concurrent.futures` imports `process` from there), which a frozen
    /// package without an original file cannot have.
    pub fn embedded_frozen(&self, name: &str) -> bool {
        self.embedded_source(name).is_some() && !self.embedded_is_package(name)
    }

    /// Whether the embedded module `name` is a package: other embedded
    /// modules are registered under it.
    pub fn embedded_is_package(&self, name: &str) -> bool {
        let prefix = format!("{name}.");
        proto_core::sync::lock(&self.g.source_modules)
            .keys()
            .any(|k| k.starts_with(&prefix))
    }

    /// Registers an embedded Python-source module (python_env, at start-up).
    pub fn register_source_module(&self, name: &str, src: &'static str) {
        proto_core::sync::lock(&self.g.source_modules).insert(name.to_owned(), src);
    }

    /// Runs a `.py` file as module `name`, through the bytecode cache
    /// ([`Vm::module_code`]).
    pub fn exec_module_file(
        &mut self,
        name: &str,
        file: &std::path::Path,
        path: Option<Value>,
    ) -> PyResult<Value> {
        let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let fname = abs.to_string_lossy().into_owned();
        self.exec_module_with(name, &fname, path, |vm, d| {
            let (code, cached) = vm.module_code(&abs, &fname)?;
            if let Some(c) = cached {
                let mark = vm.push_root(code);
                let k = vm.intern("__cached__");
                let cv = vm.new_str(&c.to_string_lossy());
                vm.dict_set_str(d, k, cv);
                vm.pop_roots(mark);
            }
            Ok(code)
        })
    }

    /// Runs a cache file without its source (`NAME.pyc` found where
    /// `NAME.py` would be) as module `name`; its `__file__` and
    /// `__cached__` are the file, as CPython's `SourcelessFileLoader` sets
    /// them. A file that is not this build's is an ImportError.
    pub fn exec_module_pyc(
        &mut self,
        name: &str,
        file: &std::path::Path,
        path: Option<Value>,
    ) -> PyResult<Value> {
        let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let fname = abs.to_string_lossy().into_owned();
        self.exec_module_with(name, &fname, path, |vm, d| {
            let data = match std::fs::read(&abs) {
                Ok(s) => s,
                Err(e) => return Err(vm.new_exc(vm.g.e.ImportError, &format!("{e}"))),
            };
            let Some(code) = super::pycache::sourceless_code(&data) else {
                return Err(vm.bad_pyc_error(name, &fname, &data));
            };
            verbose_message(1, || {
                format!("code object from {}", text::str_repr(fname.as_bytes()))
            });
            let k = vm.intern("__cached__");
            let cv = vm.new_str(&fname);
            vm.dict_set_str(d, k, cv);
            Ok(vm.new_code(code))
        })
    }

    /// Why the cache file `data` at `fname` cannot be module `name`'s code,
    /// as importlib's `_classify_pyc` says it: a wrong magic number or
    /// flags an ImportError naming the module and file, a short header an
    /// EOFError, a body that is no code object of this build a ValueError
    /// (marshal's).
    fn bad_pyc_error(&mut self, name: &str, fname: &str, data: &[u8]) -> PyException {
        use super::pycache::BadHeader;
        let name_r = text::str_repr(name.as_bytes());
        let msg = match super::pycache::bad_header(data) {
            Some(BadHeader::Magic) => {
                let magic = crate::bytecode::code::bytes_repr(&data[..data.len().min(4)]);
                format!("bad magic number in {name_r}: {magic}")
            }
            Some(BadHeader::Short) => {
                let msg = format!("reached EOF while reading pyc header of {name_r}");
                return self.exc_by_name("EOFError", &msg);
            }
            Some(BadHeader::Flags(flags)) => format!("invalid flags {flags} in {name_r}"),
            None => return self.new_exc(self.g.e.ValueError, "bad marshal data"),
        };
        let e = self.named_import_error(self.g.e.ImportError, &msg, name);
        if let Some(o) = Obj::from_value(e.0) {
            let p = self.new_str(fname);
            o.init(EXC_X1, p);
        }
        e
    }

    /// Runs source text as module `name` (registered in sys.modules first).
    pub fn exec_module_source(
        &mut self,
        name: &str,
        src: &[u8],
        fname: &str,
        path: Option<Value>,
    ) -> PyResult<Value> {
        self.exec_module_with(name, fname, path, |vm, _| {
            vm.compile_source(src, fname, Mode::Exec)
        })
    }

    /// Makes module `name` (registered in sys.modules first) and runs the
    /// code `code(vm, module dict)` gives in it.
    fn exec_module_with(
        &mut self,
        name: &str,
        fname: &str,
        path: Option<Value>,
        code: impl FnOnce(&mut Vm, Value) -> PyResult<Value>,
    ) -> PyResult<Value> {
        let fname = fname.to_string();
        let m = self.new_module(name);
        let mark = self.push_root(m);
        let d = Obj::from_value(m).expect("m").get(0);
        let frozen_file = fname
            .starts_with("<frozen ")
            .then(|| frozen_stdlib(name).map(|(_, file)| file))
            .flatten();
        if !fname.starts_with('<') {
            let f = self.new_str(&fname);
            self.dict_set_str(d, self.g.names.__file__, f);
        } else if let Some(file) = &frozen_file {
            let f = self.new_str(file);
            self.dict_set_str(d, self.g.names.__file__, f);
        }
        let pkg = if let Some(p) = path {
            self.dict_set_str(d, self.g.names.__path__, p);
            name.to_string()
        } else {
            name.rsplit_once('.')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default()
        };
        let pv = self.new_str(&pkg);
        self.dict_set_str(d, self.g.names.__package__, pv);
        self.dict_set_str(d, self.g.names.__builtins__, self.g.builtins);
        let k = self.intern(name);
        self.dict_set_str(self.g.sys_modules, k, m);
        self.initializing.push(name.to_string());
        let r = (|| {
            let code = code(self, d)?;
            self.push_root(code);
            if !fname.starts_with('<') {
                self.set_file_spec(name, d, &fname, path)?;
            } else if self.embedded_frozen(name) || frozen_file.is_some() {
                self.init_frozen_spec(name, m)?;
            }
            // importlib runs a module's code through `exec`, which raises
            // this event.
            self.audit("exec", &[code])?;
            self.run_code(code, d, d)
        })();
        self.initializing.pop();
        self.pop_roots(mark);
        if let Err(e) = r {
            let _ = self.dict_del(self.g.sys_modules, k);
            return Err(e);
        }
        // A file's loader, as CPython names it (importlib's, once it is
        // set up: `set_file_spec`), else the file.
        let loader = if import_verbose() >= 1 && !fname.starts_with('<') {
            self.dict_get_str(d, self.g.names.__loader__)
                .filter(|l| !l.is_none())
                .and_then(|l| self.repr_string(l).ok())
        } else {
            None
        };
        verbose_message(1, || {
            let n = text::str_repr(name.as_bytes());
            if frozen_file.is_some() || fname.starts_with('<') {
                format!("import {n} # <class '_frozen_importlib.FrozenImporter'>")
            } else if let Some(l) = loader {
                format!("import {n} # {l}")
            } else {
                format!("import {n} # from {}", text::str_repr(fname.as_bytes()))
            }
        });
        // The module may have replaced itself in sys.modules.
        Ok(self.dict_get_str(self.g.sys_modules, k).unwrap_or(m))
    }

    fn resolve_name(&mut self, name: &str, globals: Value, level: usize) -> PyResult<String> {
        if level == 0 {
            return Ok(name.to_string());
        }
        // As CPython's `resolve_name`: `__package__`, which must be a str
        // when set (an ImportWarning when `__spec__.parent` says otherwise),
        // else `__spec__.parent`, else `__name__` (and `__path__`).
        // (`__import__` without globals: EMPTY.)
        if globals.is_empty() {
            let k = self.new_str("'__name__' not in globals");
            let args = self.new_tuple(&[k]);
            return Err(self.new_exc_args(self.g.e.KeyError, args));
        }
        if !self.isinstance(globals, self.g.types.dict) {
            return Err(self.type_error("globals must be a dict"));
        }
        let no_parent = |vm: &mut Vm| {
            vm.new_exc(
                vm.g.e.ImportError,
                "attempted relative import with no known parent package",
            )
        };
        let package = self
            .dict_get_str(globals, self.g.names.__package__)
            .filter(|v| !v.is_none());
        let spec = self
            .dict_get_str(globals, self.g.names.__spec__)
            .filter(|v| !v.is_none());
        let pkg = match (package, spec) {
            (Some(p), _) if !is_str(p) => {
                return Err(self.type_error("package must be a string"));
            }
            (Some(p), spec) => {
                if let Some(spec) = spec {
                    let mark = self.push_root(p);
                    let r = (|| {
                        let k = self.intern("parent");
                        let parent = self.getattr(spec, k)?;
                        if !self.eq(p, parent)? {
                            let cat = self.g.exc["ImportWarning"];
                            self.warn(cat, "__package__ != __spec__.parent", 1)?;
                        }
                        Ok(())
                    })();
                    self.pop_roots(mark);
                    r?;
                }
                str_of(p).into_owned()
            }
            (None, Some(spec)) => {
                let k = self.intern("parent");
                let parent = self.getattr(spec, k)?;
                if !is_str(parent) {
                    return Err(self.type_error("__spec__.parent must be a string"));
                }
                str_of(parent).into_owned()
            }
            (None, None) => {
                let cat = self.g.exc["ImportWarning"];
                self.warn(
                    cat,
                    "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__",
                    1,
                )?;
                let Some(n) = self.dict_get_str(globals, self.g.names.__name__) else {
                    let k = self.new_str("'__name__' not in globals");
                    let args = self.new_tuple(&[k]);
                    return Err(self.new_exc_args(self.g.e.KeyError, args));
                };
                if !is_str(n) {
                    return Err(self.type_error("__name__ must be a string"));
                }
                let n = str_of(n).into_owned();
                if self.dict_get_str(globals, self.g.names.__path__).is_some() {
                    n
                } else {
                    match n.rsplit_once('.') {
                        Some((a, _)) => a.to_string(),
                        None => return Err(no_parent(self)),
                    }
                }
            }
        };
        if pkg.is_empty() {
            return Err(no_parent(self));
        }
        let mut parts: Vec<&str> = pkg.split('.').collect();
        if level - 1 > parts.len() - 1 + 1 - 1 && level - 1 >= parts.len() {
            return Err(self.new_exc(
                self.g.e.ImportError,
                "attempted relative import beyond top-level package",
            ));
        }
        for _ in 0..level - 1 {
            parts.pop();
        }
        let base = parts.join(".");
        Ok(if name.is_empty() {
            base
        } else {
            format!("{base}.{name}")
        })
    }

    /// IMPORT_NAME: `builtins.__import__`, which a program may replace
    /// (CPython calls whatever the builtins hold); the builtin itself is
    /// [`Vm::import_name_native`].
    pub fn import_name(
        &mut self,
        name: Value,
        globals: Value,
        fromlist: Value,
        level: Value,
    ) -> PyResult<Value> {
        let key = self.intern("__import__");
        match self.dict_get_str(self.g.builtins, key) {
            Some(f)
                if !Obj::from_value(f)
                    .filter(|o| o.kind() == K_BUILTIN)
                    .and_then(builtin_data)
                    .is_some_and(|b| b.name == "__import__") =>
            {
                let mark = self.push_root(f);
                let r = self.call(
                    f,
                    &[name, globals, Value::NONE, fromlist, level],
                    Value::EMPTY,
                );
                self.pop_roots(mark);
                r
            }
            Some(_) => self.import_name_native(name, globals, fromlist, level),
            None => Err(self.new_exc(self.g.e.ImportError, "__import__ not found")),
        }
    }

    /// The builtin `__import__`: the native import system. An error
    /// leaves without importlib's frames, as CPython's.
    pub fn import_name_native(
        &mut self,
        name: Value,
        globals: Value,
        fromlist: Value,
        level: Value,
    ) -> PyResult<Value> {
        let r = self.import_name_native_inner(name, globals, fromlist, level);
        if let Err(e) = &r {
            self.remove_importlib_frames(e);
        }
        r
    }

    /// CPython's `remove_importlib_frames`: from the traceback of an error
    /// leaving an import, the runs of importlib frames (`_bootstrap`,
    /// `_bootstrap_external`) that end in `_call_with_frames_removed`, or
    /// every importlib frame for an ImportError.
    fn remove_importlib_frames(&mut self, e: &PyException) {
        let Some(eo) = Obj::from_value(e.0).filter(|o| o.kind() == K_EXC) else {
            return;
        };
        // importlib's two modules run as CPython's frozen ones, whose code
        // has these file names (python_env's `_imp` freezes them).
        const FILES: [&str; 2] = [
            "<frozen importlib._bootstrap>",
            "<frozen importlib._bootstrap_external>",
        ];
        let always = self.isinstance(e.0, self.g.e.ImportError);
        // A link is the exception's traceback slot (None) or an entry's
        // `tb_next` (Some).
        let (mut prev_link, mut outer_link): (Option<Obj>, Option<Obj>) = (None, None);
        let mut in_importlib = false;
        let mut tb = eo.get(EXC_TB);
        while let Some(t) = Obj::from_value(tb).filter(|o| o.kind() == K_TRACEBACK) {
            let next = t.get(0);
            let (now, removes) = match code_data(t.get(1)) {
                Some(cd) => (
                    FILES.contains(&&*cd.code.filename),
                    &*cd.code.name == "_call_with_frames_removed",
                ),
                None => (false, false),
            };
            if now && !in_importlib {
                outer_link = prev_link;
            }
            in_importlib = now;
            if in_importlib && (always || removes) {
                match outer_link {
                    Some(o) => self.store(o, 0, next),
                    None => self.store(eo, EXC_TB, next),
                }
                prev_link = outer_link;
            } else {
                prev_link = Some(t);
            }
            tb = next;
        }
    }

    fn import_name_native_inner(
        &mut self,
        name: Value,
        globals: Value,
        fromlist: Value,
        level: Value,
    ) -> PyResult<Value> {
        if !is_str(name) {
            return Err(self.type_error("module name must be a string"));
        }
        let lvl = level.as_int().unwrap_or(0);
        if lvl < 0 {
            return Err(self.value_error("level must be >= 0"));
        }
        let lvl = lvl as usize;
        let n = str_of(name).into_owned();
        if n.is_empty() && lvl == 0 {
            return Err(self.value_error("Empty module name"));
        }
        let full = self.resolve_name(&n, globals, lvl)?;
        let m = self.import_module(&full)?;
        // As CPython: a true fromlist (any iterable) hands a package to
        // `_handle_fromlist`; the module itself is the result.
        let has_from = !fromlist.is_none() && self.truthy(fromlist)?;
        if has_from {
            let mo = Obj::from_value(m);
            let is_pkg = mo
                .and_then(|o| self.instance_dict(o))
                .and_then(|d| self.dict_get_str(d, self.g.names.__path__))
                .is_some();
            if is_pkg {
                let mark = self.push_root(m);
                let r = self.handle_fromlist(m, &full, fromlist, false);
                self.pop_roots(mark);
                r?;
            }
            return Ok(m);
        }
        if lvl == 0 {
            // `import a.b.c` binds the top package.
            if let Some(i) = full.find('.') {
                return self.import_module(&full[..i]);
            }
            return Ok(m);
        }
        // Relative `import` without a fromlist (only reachable through
        // __import__): the package at the level's root, as CPython.
        let cut = full.len() - n.len();
        if n.is_empty() {
            return Ok(m);
        }
        let first = n.split('.').next().unwrap_or("");
        self.import_module(&full[..cut + first.len()])
    }

    /// importlib's `_handle_fromlist` for package `m` (named `full`): each
    /// item must be a str; `*` stands for the package's `__all__` (once);
    /// a name the package lacks is imported as its submodule, whose own
    /// absence is no error.
    fn handle_fromlist(
        &mut self,
        m: Value,
        full: &str,
        fromlist: Value,
        recursive: bool,
    ) -> PyResult<()> {
        let items = self.collect(fromlist)?;
        let mark = self.root_values(&items);
        let r = (|| {
            for x in items {
                if !is_str(x) {
                    let where_ = if recursive {
                        format!("{full}.__all__")
                    } else {
                        "``from list''".to_string()
                    };
                    let tn = self.type_name_of(x);
                    return Err(self.type_error(&format!("Item in {where_} must be str, not {tn}")));
                }
                let xs = str_of(x).into_owned();
                if xs == "*" {
                    if !recursive {
                        let k = self.intern("__all__");
                        if let Some(all) = self.getattr_opt(m, k)? {
                            self.push_root(all);
                            self.handle_fromlist(m, full, all, true)?;
                        }
                    }
                    continue;
                }
                if self.getattr_opt(m, x)?.is_none() {
                    let sub = format!("{full}.{xs}");
                    match self.import_module(&sub) {
                        Ok(sm) => {
                            let k = self.intern(&xs);
                            self.setattr(m, k, sm)?;
                        }
                        // Only the submodule's own absence is ignored (not
                        // a None in sys.modules blocking it): a module it
                        // fails to import is the user's error.
                        Err(e)
                            if self.isinstance(e.0, self.g.e.ModuleNotFoundError)
                                && self.exc_module_name(e.0).as_deref() == Some(sub.as_str())
                                && !self.sys_modules_blocks(&sub) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Ok(())
        })();
        self.pop_roots(mark);
        r
    }

    /// `sys.modules[name]` is None (an import of `name` is halted).
    fn sys_modules_blocks(&mut self, name: &str) -> bool {
        let k = self.new_str(name);
        self.dict_get_str(self.g.sys_modules, k)
            .is_some_and(|v| v.is_none())
    }

    /// IMPORT_FROM.
    pub fn import_from(&mut self, m: Value, name: Value) -> PyResult<Value> {
        if let Some(v) = self.getattr_opt(m, name)? {
            return Ok(v);
        }
        let mo = Obj::from_value(m);
        // `m.__name__` (any object may stand in sys.modules); without a
        // str name there is no submodule to look for.
        let mname = self
            .getattr_opt(m, self.g.names.__name__)?
            .filter(|v| is_str(*v))
            .map(|v| str_of(v).into_owned());
        if let Some(mname) = &mname {
            let sub = format!("{mname}.{}", str_of(name));
            let k = self.new_str(&sub);
            if let Some(v) = self.dict_get_str(self.g.sys_modules, k) {
                return Ok(v);
            }
        }
        let known = mname.is_some();
        let mname = mname.unwrap_or_else(|| "<unknown module name>".to_string());
        let file = mo
            .filter(|o| self.isinstance(o.value(), self.g.types.module))
            .and_then(|o| self.instance_dict(o))
            .and_then(|d| self.dict_get_str(d, self.g.names.__file__))
            .filter(|f| is_str(*f));
        let loc = match file {
            Some(f) => format!(" ({})", str_of(f)),
            None => " (unknown location)".into(),
        };
        let msg = if self.initializing.contains(&mname) {
            format!("cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import){}", str_of(name), mname, loc)
        } else {
            format!(
                "cannot import name '{}' from '{}'{}",
                str_of(name),
                mname,
                loc
            )
        };
        let e = self.new_exc(self.g.e.ImportError, &msg);
        if let Some(o) = Obj::from_value(e.0).filter(|_| known) {
            let mn = self.new_str(&mname);
            o.init(EXC_X0, mn);
            o.init(EXC_X2, self.seq_items(o.get(EXC_ARGS))[0]);
            if let Some(f) = file {
                o.init(EXC_X1, f);
            }
        }
        Err(e)
    }

    /// `from m import *` into mapping `locals`.
    pub fn import_star(&mut self, m: Value, locals: Value) -> PyResult<()> {
        let Some(d) = Obj::from_value(m).and_then(|o| self.instance_dict(o)) else {
            return Ok(());
        };
        let all = self.dict_get_str(d, self.g.names.__all__);
        let from_all = all.is_some();
        let names: Vec<Value> = match all {
            Some(a) => self.collect(a)?,
            None => self.dict_items(d).into_iter().map(|(k, _)| k).collect(),
        };
        let mname = self
            .dict_get_str(d, self.g.names.__name__)
            .map(|v| str_of(v).into_owned())
            .unwrap_or_default();
        let is_pkg = self.dict_get_str(d, self.g.names.__path__).is_some();
        // Every name must be a str (CPython's `import_all_from`: the names
        // before a bad one are bound); without `__all__`, the private ones
        // are left out.
        for n in names {
            if !is_str(n) {
                let tn = self.type_name_of(n);
                let (what, attr) = if from_all {
                    ("Item", "__all__")
                } else {
                    ("Key", "__dict__")
                };
                return Err(
                    self.type_error(&format!("{what} in {mname}.{attr} must be str, not {tn}"))
                );
            }
            if !from_all && str_of(n).starts_with('_') {
                continue;
            }
            let v = match self.getattr_opt(m, n)? {
                Some(v) => v,
                None if is_pkg => self.import_module(&format!("{mname}.{}", str_of(n)))?,
                None => return Err(self.attr_error(m, n)),
            };
            let n = self.intern_value(n);
            self.setitem(locals, n, v)?;
        }
        Ok(())
    }
}

/// `__build_class__(func, name, *bases, metaclass=None, **kw)`.
pub fn build_class(vm: &mut Vm, args: &[Value], kwnames: Value) -> PyResult<Value> {
    // Values computed on the way (results of __mro_entries__, the original
    // bases) are pushed as roots above this mark, on every exit path.
    let mark = vm.push_root(Value::NONE);
    let r = build_class_rooted(vm, args, kwnames);
    vm.pop_roots(mark);
    r
}

fn build_class_rooted(vm: &mut Vm, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(kwnames).map(|o| o.n_values()).unwrap_or(0);
    let npos = args.len() - nkw;
    if npos < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = args[0];
    let name = args[1];
    let mut bases: Vec<Value> = args[2..npos].to_vec();
    let mut meta = Value::EMPTY;
    let mut kw_names = Vec::new();
    let mut kw_vals = Vec::new();
    if let Some(ko) = Obj::from_value(kwnames) {
        for i in 0..nkw {
            let k = ko.get(i);
            if str_of(k) == "metaclass" {
                meta = args[npos + i];
            } else {
                kw_names.push(k);
                kw_vals.push(args[npos + i]);
            }
        }
    }
    // __mro_entries__
    let mut resolved = Vec::new();
    let mut changed = false;
    for &b in &bases {
        if !Obj::from_value(b).is_some_and(|o| o.kind() == K_TYPE) {
            if let Some(f) = vm.getattr_opt(b, vm.g.names.__mro_entries__)? {
                let bt = vm.new_tuple(&bases);
                let r = vm.call(f, &[bt], Value::EMPTY)?;
                vm.push_root(r);
                resolved.extend(vm.seq_items(r));
                changed = true;
                continue;
            }
        }
        resolved.push(b);
    }
    let orig_bases = if changed {
        let t = vm.new_tuple(&bases);
        vm.push_root(t);
        bases = resolved;
        Some(t)
    } else {
        None
    };
    if meta.is_empty() {
        meta = match bases.first() {
            Some(&b) => vm.type_of(b),
            None => vm.g.types.type_,
        };
    }
    if Obj::from_value(meta).is_some_and(|o| o.kind() == K_TYPE) {
        meta = vm.calculate_metaclass(meta, &bases)?;
    }
    let base_t = vm.new_tuple(&bases);
    let mark = vm.push_root(base_t);
    vm.push_root(meta);
    let r = (|| {
        // __prepare__
        let ns = if meta != vm.g.types.type_ {
            match vm.getattr_opt(meta, vm.g.names.__prepare__)? {
                Some(p) if Obj::from_value(p).is_some_and(|o| o.kind() != K_BUILTIN) => {
                    let mut a = vec![name, base_t];
                    a.extend(kw_vals.iter().copied());
                    vm.push_root(p);
                    let kn = if kw_names.is_empty() {
                        Value::EMPTY
                    } else {
                        vm.new_tuple(&kw_names)
                    };
                    vm.push_root(kn);
                    let ns = vm.call(p, &a, kn)?;
                    let nt = vm.type_of(ns);
                    if vm.lookup_type(nt, vm.g.names.__getitem__).is_none() {
                        let mn = if Obj::from_value(meta).is_some_and(|o| o.kind() == K_TYPE) {
                            type_name(meta)
                        } else {
                            "<metaclass>".to_string()
                        };
                        let tn = vm.type_name_of(ns);
                        return Err(vm.type_error(&format!(
                            "{mn}.__prepare__() must return a mapping, not {tn}"
                        )));
                    }
                    ns
                }
                _ => vm.new_dict(),
            }
        } else {
            vm.new_dict()
        };
        vm.push_root(ns);
        let cell = vm.run_class_body(func, ns)?;
        if let Some(ob) = orig_bases {
            let k = vm.intern("__orig_bases__");
            vm.setitem(ns, k, ob)?;
        }
        let mut a = vec![name, base_t, ns];
        a.extend(kw_vals.iter().copied());
        let kn = if kw_names.is_empty() {
            Value::EMPTY
        } else {
            vm.new_tuple(&kw_names)
        };
        // The keyword-names tuple is new: rooted while the class is made
        // (the roots pushed in this closure are popped after it).
        vm.push_root(kn);
        let cls = if meta == vm.g.types.type_ {
            vm.new_class_kw(meta, name, &bases, ns, &kw_vals, kn)?
        } else {
            vm.call(meta, &a, kn)?
        };
        // `type.__new__` set the cell from `__classcell__`; a metaclass
        // that dropped it or built another class is an error (CPython's
        // `builtin___build_class__`).
        let is_type = Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE);
        if let Some(c) = Obj::from_value(cell).filter(|c| c.kind() == K_CELL && is_type) {
            let cell_cls = c.get(0);
            if cell_cls != cls {
                // Popped with the closure's other roots.
                vm.push_root(cls);
                let n = vm.repr_string(name)?;
                let cr = vm.repr_string(cls)?;
                if cell_cls.is_empty() {
                    return Err(vm.new_exc(
                        vm.g.e.RuntimeError,
                        &format!(
                            "__class__ not set defining {n} as {cr}. \
                             Was __classcell__ propagated to type.__new__?"
                        ),
                    ));
                }
                let cc = vm.repr_string(cell_cls)?;
                return Err(vm.type_error(&format!("__class__ set to {cc} defining {n} as {cr}")));
            }
        }
        Ok(cls)
    })();
    vm.pop_roots(mark);
    r
}

/// Whether `name` is one of the modules that install importlib's finders.
fn is_importlib(name: &str) -> bool {
    name == "importlib"
        || name.starts_with("importlib.")
        || name == "zipimport"
        || name == "_frozen_importlib"
        || name == "_frozen_importlib_external"
}

/// Whether `p`, which is not a folder, is a file or lies under one (a zip
/// archive, or a folder inside it, as zipimport reads path entries): the
/// nearest existing ancestor is a file.
fn in_archive(p: &std::path::Path) -> bool {
    p.ancestors()
        .find_map(|a| {
            let a = if a.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                a
            };
            std::fs::metadata(a).ok().map(|m| !m.is_dir())
        })
        .unwrap_or(false)
}

/// `-X importtime` / PYTHONPROFILEIMPORTTIME (set once at start-up).
static IMPORT_TIME: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);
/// Whether the `-X importtime` header line was written.
static IMPORT_TIME_HEADER: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

thread_local! {
    /// This thread's import nesting level and the time its finished
    /// nested imports took (nanoseconds), for `-X importtime`.
    static IMPORT_TIMES: std::cell::Cell<(usize, u64)> = const { std::cell::Cell::new((0, 0)) };
}

/// Switches on `-X importtime` reporting (the `protopy` command).
pub fn set_import_time(on: bool) {
    IMPORT_TIME.store(on, proto_core::sync::Ordering::Relaxed);
}

/// The standard-library modules that are frozen (CPython's
/// `_imp._frozen_module_names()` under `-X frozen_modules=on`): module
/// name, original name, and the Lib's source file. They are found before
/// `sys.path` is searched, their code is named `<frozen ORIGNAME>` and their
/// spec is `FrozenImporter`'s (module `__file__` the Lib's file, no
/// `__cached__`), as CPython's. Set by the `protopy` command at start-up.
static FROZEN_STDLIB: proto_core::sync::Mutex<Vec<(String, String, String)>> =
    proto_core::sync::Mutex::new(Vec::new());

/// Sets the frozen standard-library modules (module docs of
/// [`FROZEN_STDLIB`]): `(name, origname, file)`.
pub fn set_frozen_stdlib(entries: Vec<(String, String, String)>) {
    *proto_core::sync::lock(&FROZEN_STDLIB) = entries;
}

/// The original name and file of the frozen standard-library module
/// `name`, if it is one.
pub fn frozen_stdlib(name: &str) -> Option<(String, String)> {
    proto_core::sync::lock(&FROZEN_STDLIB)
        .iter()
        .find(|e| e.0 == name)
        .map(|e| (e.1.clone(), e.2.clone()))
}

/// `-v` / PYTHONVERBOSE: how much of the import system's work is written
/// to stderr (0: nothing; 1: each module loaded and the code it ran; 2:
/// also each file tried), as CPython's `sys.flags.verbose`.
static IMPORT_VERBOSE: proto_core::sync::AtomicU32 = proto_core::sync::AtomicU32::new(0);

/// Sets the `-v` level (the `protopy` command, at start-up).
pub fn set_import_verbose(level: u32) {
    IMPORT_VERBOSE.store(level, proto_core::sync::Ordering::Relaxed);
}

/// The `-v` level ([`set_import_verbose`]).
pub(crate) fn import_verbose() -> u32 {
    IMPORT_VERBOSE.load(proto_core::sync::Ordering::Relaxed)
}

/// CPython's `_verbose_message`: `msg` on stderr, with `# ` before it
/// unless it starts with `#` or `import `, when the `-v` level is at least
/// `level`. The text is built only then.
pub(crate) fn verbose_message(level: u32, msg: impl FnOnce() -> String) {
    if IMPORT_VERBOSE.load(proto_core::sync::Ordering::Relaxed) < level {
        return;
    }
    let msg = msg();
    let prefix = if msg.starts_with('#') || msg.starts_with("import ") {
        ""
    } else {
        "# "
    };
    use std::io::Write;
    let _ = std::io::stderr()
        .lock()
        .write_all(format!("{prefix}{msg}\n").as_bytes());
}
