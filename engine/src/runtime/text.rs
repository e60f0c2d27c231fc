//! repr() and str() of values, with fast paths for the builtin types.

use super::*;
use crate::bytecode::PyStr;
use num_traits::{Signed, ToPrimitive};

/// CPython 3.11's default `sys.get_int_max_str_digits()` (also
/// `sys.int_info.default_max_str_digits`).
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// The smallest nonzero limit `sys.set_int_max_str_digits` accepts
/// (`sys.int_info.str_digits_check_threshold`).
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// `sys.get_int_max_str_digits()`: the decimal digits `int(str)`, `str(int)`
/// and the int formatting paths accept (0: unlimited). One value for the
/// process, not per interpreter as in CPython: the formatting code that
/// checks it (`str.format`, `%`, `format()`) is plain text code with no
/// interpreter at hand, and the limit is set once by nearly every program
/// that sets it at all.
pub static INT_MAX_STR_DIGITS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(DEFAULT_MAX_STR_DIGITS);

/// The current digit limit ([`INT_MAX_STR_DIGITS`]).
pub fn int_max_str_digits() -> usize {
    INT_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed)
}

/// `str(int)` under the current digit limit (the ValueError message on failure).
pub fn int_to_decimal(v: &num_bigint::BigInt) -> Result<String, String> {
    int_to_decimal_limit(v, int_max_str_digits())
}

/// The ValueError message for `str(int)` past the digit limit.
pub fn max_str_digits_to_str_error(limit: usize) -> String {
    format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// The ValueError message for `int(str)` past the digit limit.
pub fn max_str_digits_from_str_error(limit: usize, digits: usize) -> String {
    format!(
        "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// `str(int)` with a digit limit (`0` = unlimited); the sign does not count.
pub fn int_to_decimal_limit(v: &num_bigint::BigInt, limit: usize) -> Result<String, String> {
    if let Some(x) = v.to_i64() {
        return Ok(x.to_string());
    }
    // Quick reject without converting: bits * log10(2) lower bound on digits.
    let bits = v.bits();
    if limit > 0 && (bits.saturating_sub(1) as f64) * std::f64::consts::LOG10_2 > limit as f64 + 1.0
    {
        return Err(max_str_digits_to_str_error(limit));
    }
    let s = v.to_str_radix(10);
    let digits = s.len() - usize::from(v.is_negative());
    if limit > 0 && digits > limit {
        return Err(max_str_digits_to_str_error(limit));
    }
    Ok(s)
}

impl Vm {
    /// The current `sys.get_int_max_str_digits()`.
    pub fn int_max_str_digits(&self) -> usize {
        int_max_str_digits()
    }

    /// `str(int)` of a big int under the current digit limit (ValueError
    /// past it, as CPython 3.11).
    pub fn int_decimal(&mut self, b: &num_bigint::BigInt) -> PyResult<String> {
        int_to_decimal(b).map_err(|m| self.value_error(&m))
    }
    /// `repr(v)` as a Rust string.
    pub fn repr_string(&mut self, v: Value) -> PyResult<String> {
        if let Some(s) = self.repr_fast(v)? {
            return Ok(s);
        }
        let r = self.repr(v)?;
        Ok(str_of(r).into_owned())
    }

    /// `repr(v)` as a str value.
    pub fn repr(&mut self, v: Value) -> PyResult<Value> {
        if let Some(i) = v.as_int() {
            return Ok(self.new_int_str(i));
        }
        if let Some(s) = self.repr_fast(v)? {
            return Ok(self.new_str(&s));
        }
        let tp = self.type_of(v);
        let f = self.lookup_type(tp, self.g.names.__repr__);
        match f {
            Some(f) => {
                self.native_depth += 1;
                if self.native_depth > self.g.recursion_limit.load(Ordering::Relaxed) + 50 {
                    self.native_depth -= 1;
                    return Err(self.new_exc(
                        self.g.e.RecursionError,
                        "maximum recursion depth exceeded while getting the repr of an object",
                    ));
                }
                let r = stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
                    self.call_slot_method(f, v, &[])
                });
                self.native_depth -= 1;
                let r = r?;
                if !is_str(r) {
                    let tn = self.type_name_of(r);
                    return Err(
                        self.type_error(&format!("__repr__ returned non-string (type {tn})"))
                    );
                }
                Ok(r)
            }
            None => {
                let s = self.default_repr(v);
                Ok(self.new_str(&s))
            }
        }
    }

    /// `name` prefixed by the `__module__` of type `o` (`module.name`), or
    /// bare for a type of `builtins` or without a str `__module__`.
    fn with_type_module(&mut self, o: Obj, name: String) -> String {
        match self.dict_get_str(o.get(T_DICT), self.g.names.__module__) {
            Some(m) if is_str(m) && str_of(m) != "builtins" => format!("{}.{name}", str_of(m)),
            _ => name,
        }
    }

    /// `<module.Class object at 0x...>`.
    pub fn default_repr(&mut self, v: Value) -> String {
        let tpo = Obj::from_value(self.type_of(v)).expect("type");
        let qn = str_of(tpo.get(T_QUALNAME)).into_owned();
        let name = self.with_type_module(tpo, qn);
        format!("<{} object at {:#x}>", name, object_id(v))
    }

    /// `type.__repr__`: `<class 'module.qualname'>` (no module for builtins).
    pub fn class_repr(&mut self, o: Obj) -> String {
        let qn = str_of(o.get(T_QUALNAME)).into_owned();
        format!("<class '{}'>", self.with_type_module(o, qn))
    }

    /// CPython's `tp_name` of the builtin (immutable) type `o`: its name
    /// with its module's (`array.array`), bare for `builtins`' own types.
    pub fn builtin_tp_name(&mut self, o: Obj) -> String {
        let n = str_of(o.get(T_NAME)).into_owned();
        self.with_type_module(o, n)
    }

    /// importlib's `_module_repr_from_spec`: a module's repr from its spec.
    fn module_repr_from_spec(&mut self, spec: Value) -> PyResult<String> {
        let mark = self.push_root(spec);
        let r = (|| {
            let k = self.intern("name");
            let name = self.getattr(spec, k)?;
            self.push_root(name);
            let name_r = if name.is_none() {
                "'?'".to_string()
            } else {
                self.repr_string(name)?
            };
            let k = self.intern("origin");
            let origin = self.getattr(spec, k)?;
            self.push_root(origin);
            if origin.is_none() {
                let k = self.intern("loader");
                let loader = self.getattr(spec, k)?;
                if loader.is_none() {
                    return Ok(format!("<module {name_r}>"));
                }
                let l = self.repr_string(loader)?;
                return Ok(format!("<module {name_r} ({l})>"));
            }
            let k = self.intern("has_location");
            let has = self.getattr(spec, k)?;
            if self.truthy(has)? {
                let o = self.repr_string(origin)?;
                Ok(format!("<module {name_r} from {o}>"))
            } else {
                // (`spec.name` itself here, '?' not put in for None.)
                let n = self.repr_string(name)?;
                let o = self.str_string(origin)?;
                Ok(format!("<module {n} ({o})>"))
            }
        })();
        self.pop_roots(mark);
        r
    }

    /// importlib's `_module_repr` for module `m` without a spec but with a
    /// `loader`: the loader's `module_repr(m)` if it has one and it
    /// succeeds, else the module's `__name__` with its `__file__` or the
    /// loader.
    fn module_repr_from_loader(&mut self, m: Value, loader: Value) -> PyResult<String> {
        let mark = self.push_root(loader);
        let r = (|| {
            let k = self.intern("module_repr");
            if let Some(f) = self.getattr_opt(loader, k)? {
                if let Ok(r) = self.call(f, &[m], Value::EMPTY) {
                    return self.str_string(r);
                }
            }
            let name = match self.getattr_opt(m, self.g.names.__name__)? {
                Some(n) => self.repr_string(n)?,
                None => "'?'".to_string(),
            };
            match self.getattr_opt(m, self.g.names.__file__)? {
                Some(f) => {
                    let f = self.repr_string(f)?;
                    Ok(format!("<module {name} from {f}>"))
                }
                None => {
                    let l = self.repr_string(loader)?;
                    Ok(format!("<module {name} ({l})>"))
                }
            }
        })();
        self.pop_roots(mark);
        r
    }

    /// Fast repr for builtin types (None: use the generic path).
    pub fn repr_fast(&mut self, v: Value) -> PyResult<Option<String>> {
        if let Some(i) = v.as_int() {
            return Ok(Some(i.to_string()));
        }
        if let Some(f) = v.as_float() {
            return Ok(Some(self.float_text(f)));
        }
        if v.is_special() {
            return Ok(Some(
                match v {
                    Value::NONE => "None",
                    Value::TRUE => "True",
                    Value::FALSE => "False",
                    Value::NOT_IMPLEMENTED => "NotImplemented",
                    _ => "Ellipsis",
                }
                .to_string(),
            ));
        }
        let Some(o) = Obj::from_value(v) else {
            return Ok(Some("<?>".into()));
        };
        let t = &self.g.types;
        let c = o.class();
        Ok(Some(match o.kind() {
            Kind::STR if c == t.str_ => {
                let b = lstr::bytes(o);
                if lstr::is_ascii(o) {
                    str_repr(b)
                } else {
                    match self.g.hooks().str_repr {
                        Some(f) => f(b),
                        None => str_repr(b),
                    }
                }
            }
            Kind::BIG_INT if c == t.int => match bigint_of(v) {
                Some(b) => self.int_decimal(b)?,
                None => String::new(),
            },
            Kind::FLOAT if c == t.float => self.float_text(boxed_float(o)),
            Kind::BYTES if c == t.bytes => crate::bytecode::code::bytes_repr(lstr::bytes(o)),
            Kind::LIST | Kind::TUPLE if c == t.list || c == t.tuple => {
                let is_list = o.kind() == Kind::LIST;
                if self.repr_enter(v) {
                    return Ok(Some(if is_list { "[...]" } else { "(...)" }.into()));
                }
                const W: &str = " while getting the repr of an object";
                let r = self.in_recursive_call(W, |vm| vm.seq_repr(v, is_list));
                self.repr_leave();
                r?
            }
            Kind::DICT if c == t.dict => {
                if self.repr_enter(v) {
                    return Ok(Some("{...}".into()));
                }
                const W: &str = " while getting the repr of an object";
                let r = self.in_recursive_call(W, |vm| vm.dict_repr(v));
                self.repr_leave();
                r?
            }
            Kind::SET if c == t.set || c == t.frozenset => {
                let items = self.set_items(v);
                let frozen = c == t.frozenset;
                if items.is_empty() {
                    return Ok(Some(if frozen {
                        "frozenset()".into()
                    } else {
                        "set()".into()
                    }));
                }
                if self.repr_enter(v) {
                    let tn = if frozen { "frozenset" } else { "set" };
                    return Ok(Some(format!("{tn}(...)")));
                }
                let mark = self.push_root(v);
                let mut parts = Vec::new();
                let mut err = None;
                for x in items {
                    match self.repr_string(x) {
                        Ok(s) => parts.push(s),
                        Err(e) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                self.pop_roots(mark);
                self.repr_leave();
                if let Some(e) = err {
                    return Err(e);
                }
                if frozen {
                    format!("frozenset({{{}}})", parts.join(", "))
                } else {
                    format!("{{{}}}", parts.join(", "))
                }
            }
            K_TYPE if c == t.type_ => self.class_repr(o),
            K_FUNCTION if c == t.function => format!(
                "<function {} at {:#x}>",
                str_of(o.get(FN_QUALNAME)),
                object_id(v)
            ),
            K_BUILTIN => {
                let b = builtin_data(o).expect("builtin");
                if b.bound.is_heap()
                    && Obj::from_value(b.bound).is_some_and(|x| x.kind() != K_MODULE)
                {
                    let tn = self.type_name_of(b.bound);
                    format!(
                        "<built-in method {} of {} object at {:#x}>",
                        b.name,
                        tn,
                        object_id(b.bound)
                    )
                } else if b.is_method && b.owner.is_heap() {
                    format!("<method '{}' of '{}' objects>", b.name, type_name(b.owner))
                } else {
                    format!("<built-in function {}>", b.name)
                }
            }
            K_MODULE if c == t.module => {
                // A module with a spec: importlib's `_module_repr_from_spec`
                // (a frozen alias names its own spec, not the original's
                // file). Without one (the specs of start-up modules are
                // filled in when importlib is), what that spec would say.
                let spec = self.dict_get_str(o.get(0), self.g.names.__spec__);
                if let Some(spec) = spec.filter(|s| !s.is_none()) {
                    if self.truthy(spec)? {
                        return self.module_repr_from_spec(spec).map(Some);
                    }
                }
                let loader = self.dict_get_str(o.get(0), self.g.names.__loader__);
                if let Some(loader) = loader.filter(|l| !l.is_none()) {
                    return self.module_repr_from_loader(v, loader).map(Some);
                }
                // Named by its `__name__` ('?' without one); the checks
                // below go by the name it was made with.
                let n = str_of(o.get(1)).into_owned();
                let name = self.dict_get_str(o.get(0), self.g.names.__name__);
                let shown = match name {
                    Some(s) => self.repr_string(s)?,
                    None => "'?'".to_string(),
                };
                let f = self.dict_get_str(o.get(0), self.g.names.__file__);
                match f {
                    Some(f) if is_str(f) => format!("<module {shown} from '{}'>", str_of(f)),
                    None if name.is_none() => format!("<module {shown}>"),
                    _ => {
                        let native = self.is_builtin_module(&n);
                        let frozen =
                            proto_core::sync::lock(&self.g.source_modules).contains_key(&n);
                        let path = self.dict_get_str(o.get(0), self.g.names.__path__);
                        if native {
                            format!("<module {shown} (built-in)>")
                        } else if frozen {
                            format!("<module {shown} (frozen)>")
                        } else if path.is_some() {
                            format!("<module {shown} (namespace)>")
                        } else {
                            format!("<module {shown}>")
                        }
                    }
                }
            }
            K_METHOD if c == t.builtin => {
                let name = match Obj::from_value(o.get(0)).and_then(builtin_data) {
                    Some(b) => b.name,
                    None => "?",
                };
                let s = o.get(1);
                let tn = self.type_name_of(s);
                format!(
                    "<built-in method {name} of {tn} object at {:#x}>",
                    object_id(s)
                )
            }
            K_METHOD if c == t.method => {
                let f = o.get(0);
                let s = o.get(1);
                let qn = match Obj::from_value(f) {
                    Some(fo) if fo.kind() == K_FUNCTION => str_of(fo.get(FN_QUALNAME)).into_owned(),
                    Some(fo) if fo.kind() == K_BUILTIN => builtin_data(fo)
                        .map(|b| b.name.to_string())
                        .unwrap_or_default(),
                    // Any callable: its `__qualname__`, else its `__name__`
                    // (CPython's method_repr), "?" without a str one.
                    _ => {
                        let mark = self.push_root(v);
                        let mut n = self.getattr_opt(f, self.g.names.__qualname__);
                        if matches!(n, Ok(None)) {
                            n = self.getattr_opt(f, self.g.names.__name__);
                        }
                        self.pop_roots(mark);
                        match n? {
                            Some(n) if is_str(n) => str_of(n).into_owned(),
                            _ => "?".into(),
                        }
                    }
                };
                let sr = self.repr_string(s)?;
                format!("<bound method {qn} of {sr}>")
            }
            K_CELL => format!("<cell at {:#x}>", object_id(v)),
            K_CODE => {
                let cd = self.code_body(v).expect("code");
                format!(
                    "<code object {} at {:#x}, file \"{}\", line {}>",
                    cd.code.name,
                    object_id(v),
                    cd.code.filename,
                    cd.code.first_lineno
                )
            }
            K_GEN if c == t.generator || c == t.coroutine || c == t.async_generator => {
                let tn = type_name(c);
                format!(
                    "<{} object {} at {:#x}>",
                    tn,
                    str_of(o.get(GEN_QUALNAME)),
                    object_id(v)
                )
            }
            K_RANGE if c == t.range => {
                let (a, b, s) = (
                    self.repr_string(o.get(0))?,
                    self.repr_string(o.get(1))?,
                    o.get(2),
                );
                if s == Value::int(1) {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {})", self.repr_string(s)?)
                }
            }
            K_SLICE if c == t.slice => {
                let (a, b, s) = (
                    self.repr_string(o.get(0))?,
                    self.repr_string(o.get(1))?,
                    self.repr_string(o.get(2))?,
                );
                format!("slice({a}, {b}, {s})")
            }
            K_COMPLEX if c == t.complex => {
                let (re, im) = (
                    f64::from_bits(proto_core::layouts::get_raw(o, 0)),
                    f64::from_bits(proto_core::layouts::get_raw(o, 1)),
                );
                complex_repr(re, im)
            }
            K_EXC
                if self.lookup_type(c, self.g.names.__repr__).is_none_or(|f| {
                    Obj::from_value(f).is_some_and(|fo| fo.kind() == K_BUILTIN)
                }) =>
            {
                let name = type_name(c);
                let args = o.get(EXC_ARGS);
                let items = self.seq_items(args);
                if items.len() == 1 {
                    format!("{}({})", name, self.repr_string(items[0])?)
                } else {
                    let r = self.repr_string(args)?;
                    if items.is_empty() {
                        format!("{name}()")
                    } else {
                        format!("{name}{r}")
                    }
                }
            }
            _ => return Ok(None),
        }))
    }

    /// Recursion guard of container reprs (CPython's `Py_ReprEnter`): true
    /// if `v` is already being repr'd on this thread (then print `[...]`
    /// or the like); otherwise records it until [`Vm::repr_leave`].
    pub fn repr_enter(&mut self, v: Value) -> bool {
        // Recursion guard: a list of objects being repr'd, kept in root slot 1.
        let slots = self.ctx.root_slots();
        if slots.len() < 2 {
            slots.push(Value::EMPTY);
        }
        let l = self.ctx.root_slots()[1];
        if l.is_empty() {
            let nl = self.new_list(&[]);
            self.ctx.root_slots()[1] = nl;
        }
        let l = self.ctx.root_slots()[1];
        if self.seq_items(l).contains(&v) {
            return true;
        }
        self.list_append(l, v);
        false
    }

    /// Ends the innermost [`Vm::repr_enter`] that returned false.
    pub fn repr_leave(&mut self) {
        let l = self.ctx.root_slots()[1];
        let o = Obj::from_value(l).expect("list");
        let n = llist::len(o);
        if n > 0 {
            llist::truncate(&mut self.ctx, o, n - 1);
        }
    }

    fn seq_repr(&mut self, v: Value, is_list: bool) -> PyResult<String> {
        let mut parts = Vec::new();
        let mut i = 0;
        while let Some(x) = self.seq_get(v, i) {
            parts.push(self.repr_string(x)?);
            i += 1;
        }
        Ok(if is_list {
            format!("[{}]", parts.join(", "))
        } else if parts.len() == 1 {
            format!("({},)", parts[0])
        } else {
            format!("({})", parts.join(", "))
        })
    }

    fn dict_repr(&mut self, v: Value) -> PyResult<String> {
        let items = self.dict_items(v);
        let mut out = String::from("{");
        // The dict is rooted by the repr guard list.
        for (i, (k, x)) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let mark = self.push_root(x);
            let ks = self.repr_string(k);
            self.pop_roots(mark);
            out.push_str(&ks?);
            out.push_str(": ");
            out.push_str(&self.repr_string(x)?);
        }
        out.push('}');
        Ok(out)
    }

    /// `str(v)` as a str value.
    pub fn str(&mut self, v: Value) -> PyResult<Value> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() == Kind::STR && o.class() == self.g.types.str_ {
                return Ok(v);
            }
        }
        if let Some(i) = v.as_int() {
            return Ok(self.new_int_str(i));
        }
        let tp = self.type_of(v);
        match self.lookup_type(tp, self.g.names.__str__) {
            Some(f) if !is_object_str(self, f) => {
                let r = self.call_slot_method(f, v, &[])?;
                if !is_str(r) {
                    let tn = self.type_name_of(r);
                    return Err(
                        self.type_error(&format!("__str__ returned non-string (type {tn})"))
                    );
                }
                Ok(r)
            }
            _ => {
                if Obj::from_value(v).is_some_and(|o| o.kind() == K_EXC) {
                    return self.exc_str(v);
                }
                self.repr(v)
            }
        }
    }

    /// `str(v)` as a Rust string.
    pub fn str_string(&mut self, v: Value) -> PyResult<String> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() == Kind::STR && o.class() == self.g.types.str_ {
                return Ok(String::from_utf8_lossy(lstr::bytes(o)).into_owned());
            }
        }
        if let Some(i) = v.as_int() {
            return Ok(i.to_string());
        }
        if let Some(f) = v.as_float() {
            return Ok(self.float_text(f));
        }
        let s = self.str(v)?;
        Ok(str_of(s).into_owned())
    }

    /// str(exception).
    pub fn exc_str(&mut self, v: Value) -> PyResult<Value> {
        let o = Obj::from_value(v).expect("exc");
        let args = o.get(EXC_ARGS);
        let items = self.seq_items(args);
        if self.isinstance(v, self.g.e.KeyError) && items.len() == 1 {
            return self.repr(items[0]);
        }
        match items.len() {
            0 => Ok(self.new_str("")),
            1 => self.str(items[0]),
            _ => self.repr(args),
        }
    }
}

fn is_object_str(vm: &Vm, f: Value) -> bool {
    Some(f) == vm.object_attr(vm.g.names.__str__)
}

/// Marker identifying object.__str__.
pub fn object_str_marker(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match a.first() {
        Some(&v) => vm.repr(v),
        None => Ok(Value::NONE),
    }
}

impl Vm {
    /// `repr(float)`: python_env's exact formatting (CPython's shortest
    /// digits, ties to even) once installed, else the engine's own.
    pub fn float_text(&self, f: f64) -> String {
        match self.g.hooks().float_repr {
            Some(h) => h(f),
            None => float_repr(f),
        }
    }
}

/// Python repr of a float (the engine's own, before python_env's hook).
pub fn float_repr(f: f64) -> String {
    crate::bytecode::code::float_repr(f)
}

/// Python repr of a complex.
pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let s = float_repr(x);
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", fmt(im))
    } else {
        let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) {
            "-"
        } else {
            "+"
        };
        format!("({}{}{}j)", fmt(re), sign, fmt(im.abs()))
    }
}

/// Python repr of str bytes (surrogate-preserving UTF-8).
pub fn str_repr(b: &[u8]) -> String {
    if b.iter()
        .all(|&c| (0x20..0x7f).contains(&c) && c != b'\\' && c != b'\'')
    {
        let mut s = String::with_capacity(b.len() + 2);
        s.push('\'');
        s.push_str(std::str::from_utf8(b).unwrap_or(""));
        s.push('\'');
        return s;
    }
    match PyStr::from_bytes(b) {
        Some(p) => p.repr(),
        None => format!("{:?}", String::from_utf8_lossy(b)),
    }
}
