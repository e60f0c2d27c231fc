//! Attribute lookup along the MRO, descriptors, class creation, super().

use super::*;
use std::cell::Cell;

/// Slots of [`TypeCache`] (a power of two).
const TYPE_CACHE_SLOTS: usize = 4096;

/// One answer of [`Vm::lookup_type`]: `value` is EMPTY for "not found".
#[derive(Clone, Copy)]
pub(crate) struct TypeCacheEntry {
    tp: Value,
    name: Value,
    version: u64,
    value: Value,
}

/// A per-thread direct-mapped cache of [`Vm::lookup_type`] answers (CPython
/// has one such method cache per interpreter; here each thread owns its own,
/// so it is written without synchronisation and never shares a cache line).
///
/// An entry is valid while its type's version is the one it was filled
/// under ([`Vm::type_version`]): every write to a type's dict and every
/// `__bases__`/MRO change retires the version of the type and of its
/// subclasses *after* the change (release), and a lookup loads the version
/// (acquire) *before* walking the MRO, so an entry filled under version V
/// saw every change made before V was retired. Versions are never reused,
/// so a type freed and another allocated at its address never matches an
/// older entry; any other object allocated there fails the lookup's kind
/// check. Only immortal names and interned strs are entered: an interned
/// str that is collected retires every version
/// (`Interpreter::prune_interned`), so a name's address never comes to
/// mean another str while its entry is valid.
pub(crate) struct TypeCache(Box<[Cell<TypeCacheEntry>]>);

impl Default for TypeCache {
    fn default() -> Self {
        let empty = TypeCacheEntry {
            tp: Value::EMPTY,
            name: Value::EMPTY,
            version: 0,
            value: Value::EMPTY,
        };
        TypeCache((0..TYPE_CACHE_SLOTS).map(|_| Cell::new(empty)).collect())
    }
}

impl TypeCache {
    #[inline(always)]
    fn slot(&self, tp: Value, name: Value) -> &Cell<TypeCacheEntry> {
        // Types and names are cell-aligned: mix the bits above the cell
        // offset, multiplicatively, into the slot index.
        let h = (tp.bits() ^ name.bits().rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let i = (h >> (64 - TYPE_CACHE_SLOTS.trailing_zeros())) as usize;
        // SAFETY: i < TYPE_CACHE_SLOTS == self.0.len() (top log2(SLOTS) bits).
        unsafe { self.0.get_unchecked(i) }
    }
}

/// What LOAD_METHOD found.
pub enum MethodLookup {
    /// An unbound function/method descriptor to call with self.
    Method(Value),
    /// A plain attribute value.
    Attr(Value),
}

impl Vm {
    /// Looks `name` (an interned str) up along the MRO of type `tp`,
    /// through this thread's [`TypeCache`].
    #[inline]
    pub fn lookup_type(&self, tp: Value, name: Value) -> Option<Value> {
        // The kind check comes first: a freed type's address may now hold
        // another kind of object, whose raw words are no version.
        let t = Obj::from_value(tp)?;
        if t.kind() != K_TYPE {
            return None;
        }
        let cell = self.type_cache.slot(tp, name);
        let e = cell.get();
        if e.tp == tp && e.name == name && e.version == self.cache_version(t) {
            return (!e.value.is_empty()).then_some(e.value);
        }
        self.lookup_type_rest(t, name, cell)
    }

    #[inline(never)]
    fn lookup_type_rest(&self, t: Obj, name: Value, cell: &Cell<TypeCacheEntry>) -> Option<Value> {
        let tp = t.value();
        let version = self.type_version(t);
        let r = self.lookup_mro(t, name);
        if Obj::from_value(name)
            .is_some_and(|n| n.is_immortal() || (n.kind() == Kind::STR && lstr::is_interned(n)))
        {
            cell.set(TypeCacheEntry {
                tp,
                name,
                version,
                value: r.unwrap_or(Value::EMPTY),
            });
        }
        r
    }

    /// The MRO walk of [`Vm::lookup_type`], uncached.
    fn lookup_mro(&self, t: Obj, name: Value) -> Option<Value> {
        let mro = Obj::from_value(t.get(T_MRO))?;
        for i in 0..mro.n_values() {
            let c = Obj::from_value(mro.get(i))?;
            if let Some(v) = self.dict_get_str(c.get(T_DICT), name) {
                return Some(v);
            }
        }
        None
    }

    /// The instance dict of `o`, if its layout has one. A shaped instance
    /// (`shape.rs`) changes to dict mode for it: its dict is then the one
    /// place of its attributes.
    #[inline]
    pub fn instance_dict(&mut self, o: Obj) -> Option<Value> {
        if let Some(r) = self.materialize_asked(o) {
            return r.ok().flatten();
        }
        self.instance_dict_unshaped(o)
    }

    /// The instance dict of `o` as [`Vm::instance_dict`] finds it, but
    /// None for a shaped instance (whose attributes stay inline).
    #[inline]
    pub fn instance_dict_unshaped(&self, o: Obj) -> Option<Value> {
        let slot = match o.kind() {
            K_INSTANCE | K_EXC | K_MODULE | K_NUMSUB => 0,
            // str/bytes subclass instances carry one value slot for it
            // (an exact str that is a view holds its buffer there).
            Kind::STR | Kind::BYTES if o.n_values() > 0 && !lstr::is_view(o) => 0,
            Kind::LIST | Kind::DICT | Kind::SET => CONTAINER_DICT,
            // bytearray subclass instances: [bytes, dict].
            K_BYTEARRAY if o.n_values() > 1 => 1,
            K_DEQUE => DEQUE_DICT,
            K_PROPERTY if is_property_subclass_instance(o) => PROPERTY_DICT,
            K_FUNCTION => FN_DICT,
            K_TYPE => T_DICT,
            K_WRAPPER => 1,
            Kind::TUPLE => {
                return tuple_dict_holder(o)
                    .map(|h| h.get(0))
                    .filter(|d| !d.is_empty())
            }
            _ => return None,
        };
        let d = o.get(slot);
        if d.is_empty() || d.is_int() {
            None
        } else {
            Some(d)
        }
    }

    /// The instance dict of `o`, created (empty) if its class gives it one
    /// and it has none yet; None if it can have none.
    pub fn ensure_dict(&mut self, o: Obj) -> Option<Value> {
        let (h, slot) = self.dict_home(o)?;
        Some(self.ensure_slot_dict(h, slot))
    }

    /// Gives the class `t` the `__dict__` getset descriptor of its
    /// instances (read, created on first use, and replaced by assignment).
    pub fn add_dict_descriptor(&mut self, t: Value) {
        let [g, s, del, _] = self.g.instance_dict_fns;
        let dd = self.new_getset(t, self.g.names.__dict__, g, s);
        Obj::from_value(dd).expect("getset").init(2, del);
        let d = Obj::from_value(t).expect("type").get(T_DICT);
        self.dict_set_str(d, self.g.names.__dict__, dd);
        self.type_modified(t);
    }

    /// Is `d` one of object's own getset descriptors ([`descr_owner`] is
    /// `object`)? Under the name `__class__`: the one that answers the
    /// instance's type.
    #[inline]
    pub(crate) fn is_object_class_getset(&self, d: Obj) -> bool {
        descr_owner(d) == Some(self.g.types.object)
    }

    /// Where the instance dict of `o` lives (object and value index), if
    /// its class gives its instances one.
    fn dict_home(&self, o: Obj) -> Option<(Obj, usize)> {
        let heap_class =
            |o: Obj| Obj::from_value(o.class()).is_some_and(|t| type_flags(t) & TF_HEAP != 0);
        // Classes whose whole MRO uses `__slots__` (builtin bases included)
        // give their instances no dict, whatever the layout.
        if o.kind() != K_TYPE
            && Obj::from_value(o.class())
                .is_some_and(|t| type_flags(t) & (TF_NODICT | TF_LOCAL) != 0)
        {
            return None;
        }
        let slot = match o.kind() {
            K_INSTANCE | K_EXC | K_MODULE | K_NUMSUB => 0,
            Kind::STR | Kind::BYTES if o.n_values() > 0 && !lstr::is_view(o) => 0,
            // Only instances of subclasses get a dict, as in CPython (and
            // those of a native class that says so).
            Kind::LIST | Kind::DICT | Kind::SET
                if heap_class(o)
                    || Obj::from_value(o.class())
                        .is_some_and(|t| type_flags(t) & TF_INST_DICT != 0) =>
            {
                CONTAINER_DICT
            }
            K_BYTEARRAY if o.n_values() > 1 => 1,
            K_DEQUE if heap_class(o) => DEQUE_DICT,
            K_PROPERTY if is_property_subclass_instance(o) => PROPERTY_DICT,
            K_FUNCTION => FN_DICT,
            K_WRAPPER => 1,
            // Tuple subclass instances keep theirs in a holder object.
            Kind::TUPLE => return Some((tuple_dict_holder(o)?, 0)),
            _ => return None,
        };
        Some((o, slot))
    }

    /// The dict in value `slot` of `o`, created (empty) if absent.
    fn ensure_slot_dict(&mut self, o: Obj, slot: usize) -> Value {
        if slot == 0 {
            if let Some(Ok(Some(d))) = self.materialize_asked(o) {
                return d;
            }
        }
        let d = o.get(slot);
        if !d.is_empty() {
            return d;
        }
        let hint = match Obj::from_value(o.class()) {
            Some(t) if o.kind() == K_INSTANCE && t.kind() == K_TYPE => type_dict_hint(t),
            _ => 0,
        };
        let d = self.new_instance_dict(hint);
        self.store(o, slot, d);
        o.get(slot)
    }

    /// property's own `__get__` (and a getset or member descriptor's):
    /// `d` itself for class access, else its getter's value for `obj`.
    pub fn property_value(&mut self, d: Value, obj: Value) -> PyResult<Value> {
        let o = Obj::from_value(d).expect("property");
        if obj.is_none() {
            return Ok(d);
        }
        let fget = o.get(0);
        if fget.is_none() || fget.is_empty() {
            let n = self.property_name(d);
            let tn = self.type_qualname_of(obj);
            return Err(self.new_exc(
                self.g.e.AttributeError,
                &format!("property {n}of '{tn}' object has no getter"),
            ));
        }
        // A builtin type's getset or member: its native getter,
        // called directly (what `call` would reach for a plain
        // unbound builtin of one argument), with `obj` rooted.
        if let Some(b) = Obj::from_value(fget).and_then(builtin_data) {
            if !b.bound.is_heap() && !b.owner.is_heap() && !b.is_method && b.arity.is_none() {
                let mark = self.push_root(obj);
                let r = self.run_native(b.f, &[obj], Value::EMPTY);
                self.pop_roots(mark);
                return r;
            }
        }
        self.call(fget, &[obj], Value::EMPTY)
    }

    /// The Python function a property subclass defines for `name`
    /// (`__get__`, `__set__`, `__delete__`), which replaces property's own
    /// behaviour (toolz's `InstanceProperty` answers class access).
    fn property_override(&self, o: Obj, name: Value) -> Option<Value> {
        if !is_property_subclass_instance(o) {
            return None;
        }
        self.lookup_type(o.class(), name)
            .filter(|f| Obj::from_value(*f).is_some_and(|fo| fo.kind() != K_BUILTIN))
    }

    /// Is `d` a data descriptor (defines __set__ or __delete__, or a property)?
    pub(crate) fn is_data_descr(&self, d: Value) -> bool {
        let Some(o) = Obj::from_value(d) else {
            return false;
        };
        match o.kind() {
            K_PROPERTY | K_MEMBER => true,
            K_FUNCTION | K_BUILTIN | K_WRAPPER | Kind::STR | Kind::TUPLE | K_TYPE => false,
            _ => {
                let tp = o.class();
                Obj::from_value(tp).is_some_and(|t| type_flags(t) & TF_HEAP != 0)
                    && (self.lookup_type(tp, self.g.names.__set__).is_some()
                        || self.lookup_type(tp, self.g.names.__delete__).is_some())
            }
        }
    }

    /// Applies the descriptor protocol: `d.__get__(obj, owner)` (obj NONE for class access).
    pub fn bind_descr(&mut self, d: Value, obj: Value, owner: Value) -> PyResult<Value> {
        let Some(o) = Obj::from_value(d) else {
            return Ok(d);
        };
        match o.kind() {
            K_FUNCTION => {
                if obj.is_none() {
                    return Ok(d);
                }
                Ok(self.new_method(d, obj))
            }
            K_BUILTIN => {
                let b = builtin_data(o).expect("builtin");
                if b.is_method && !obj.is_none() {
                    Ok(self.bind_builtin_method(d, obj))
                } else {
                    Ok(d)
                }
            }
            K_WRAPPER => {
                let f = o.get(0);
                if o.class() == self.g.types.staticmethod
                    || self.is_subtype(o.class(), self.g.types.staticmethod)
                {
                    Ok(f)
                } else {
                    let cls = if owner.is_none() || owner.is_empty() {
                        self.type_of(obj)
                    } else {
                        owner
                    };
                    // A wrapped descriptor is bound to the class as 3.11's
                    // `cm_descr_get` does (`classmethod(property(...))`).
                    let chain = Obj::from_value(f).is_some_and(|fo| match fo.kind() {
                        K_WRAPPER | K_PROPERTY => true,
                        K_FUNCTION | K_BUILTIN | K_TYPE => false,
                        _ => {
                            let ft = fo.class();
                            Obj::from_value(ft).is_some_and(|t| type_flags(t) & TF_HEAP != 0)
                                && self.lookup_type(ft, self.g.names.__get__).is_some()
                        }
                    });
                    if chain {
                        return self.bind_descr(f, cls, cls);
                    }
                    Ok(self.new_method(f, cls))
                }
            }
            K_MEMBER => {
                if obj.is_none() {
                    return Ok(d);
                }
                self.member_get(o, obj)
            }
            K_PROPERTY => {
                if let Some(g) = self.property_override(o, self.g.names.__get__) {
                    return self.call(g, &[d, obj, owner], Value::EMPTY);
                }
                self.property_value(d, obj)
            }
            // Builtin values are no descriptors; instances of their
            // subclasses may be (a dict subclass with `__get__`, as
            // html5lib's MethodDispatcher).
            Kind::STR
            | Kind::TUPLE
            | Kind::LIST
            | Kind::DICT
            | K_TYPE
            | Kind::BIG_INT
            | Kind::FLOAT
            | K_MODULE
                if Obj::from_value(o.class()).is_none_or(|t| type_flags(t) & TF_HEAP == 0) =>
            {
                Ok(d)
            }
            _ => {
                let tp = o.class();
                // (A super object binds too: `super(C)` as a class attribute.)
                if o.kind() == K_SUPER
                    || Obj::from_value(tp).is_some_and(|t| type_flags(t) & TF_HEAP != 0)
                {
                    if let Some(g) = self.lookup_type(tp, self.g.names.__get__) {
                        let owner = if owner.is_empty() {
                            self.type_of(obj)
                        } else {
                            owner
                        };
                        return self.call_bound(g, d, &[obj, owner]);
                    }
                }
                Ok(d)
            }
        }
    }

    /// The native getter of `d` when it is a getset or member descriptor
    /// (or an exact property) whose getter is a plain unbound builtin of
    /// one argument: what `call` would reach, to call directly.
    #[inline]
    fn native_getter(&self, d: Value) -> Option<NativeFn> {
        let o = Obj::from_value(d)?;
        let c = o.class();
        let t = &self.g.types;
        if o.kind() != K_PROPERTY || (c != t.getset_descr && c != t.member_descr && c != t.property)
        {
            return None;
        }
        let b = Obj::from_value(o.get(0)).and_then(builtin_data)?;
        (!b.bound.is_heap() && !b.owner.is_heap() && !b.is_method && b.arity.is_none())
            .then_some(b.f)
    }

    /// `'name' ` of a property for its error messages: the name
    /// `__set_name__` gave it ("" if none; CPython 3.11 does not fall back
    /// to the getter's name).
    pub fn property_name(&mut self, p: Value) -> String {
        let o = Obj::from_value(p).expect("p");
        if o.n_values() > 4 && is_str(o.get(4)) {
            return format!("'{}' ", str_of(o.get(4)));
        }
        String::new()
    }

    /// A `getset_descriptor` named `name` of the type `owner` (a property
    /// whose fget/fset are builtins taking the instance).
    fn new_getset(&mut self, owner: Value, name: Value, fget: Value, fset: Value) -> Value {
        let p = self.alloc_obj(K_PROPERTY, self.g.types.getset_descr, 6, 0);
        p.init(0, fget);
        p.init(1, fset);
        p.init(2, Value::NONE);
        p.init(3, Value::NONE);
        p.init(4, name);
        p.init(5, owner);
        p.value()
    }

    /// A `getset_descriptor` `name` of the builtin type `t`, whose getter
    /// (and setter, if any) are the native functions `get(obj)` and
    /// `set(obj, value)`, promoted (types are shared).
    pub fn new_native_getset(
        &mut self,
        t: Value,
        name: &'static str,
        get: NativeFn,
        set: Option<NativeFn>,
    ) -> Value {
        let g = self.new_builtin(name, get, false);
        let s = match set {
            Some(f) => self.new_builtin(name, f, false),
            None => Value::NONE,
        };
        let n = self.intern(name);
        let p = self.new_getset(t, n, g, s);
        self.ctx.promote(p);
        p
    }

    /// `callable(v)`: a function, builtin, method or class, or an object
    /// whose type defines `__call__`.
    pub fn is_callable(&self, v: Value) -> bool {
        match Obj::from_value(v) {
            Some(o) => {
                matches!(o.kind(), K_FUNCTION | K_BUILTIN | K_METHOD | K_TYPE)
                    || self.lookup_type(o.class(), self.g.names.__call__).is_some()
            }
            None => false,
        }
    }

    /// A bound method.
    pub fn new_method(&mut self, f: Value, s: Value) -> Value {
        let m = self.alloc_obj(K_METHOD, self.g.types.method, 2, 0);
        m.init(0, f);
        m.init(1, s);
        m.value()
    }

    /// `getattr(obj, name)` (name interned or any str).
    pub fn getattr(&mut self, obj: Value, name: Value) -> PyResult<Value> {
        match self.getattr_impl(obj, name, true) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(self.attr_error(obj, name)),
            Err(e) => {
                self.attr_error_context(e.0, obj, name);
                Err(e)
            }
        }
    }

    /// An AttributeError raised while looking up `obj.name` (by
    /// `__getattr__`, a property...) gets `name` and `obj` unless it has
    /// either, for the "Did you mean" of its printing (CPython's
    /// `set_attribute_error_context`).
    fn attr_error_context(&mut self, e: Value, obj: Value, name: Value) {
        let Some(o) = Obj::from_value(e).filter(|o| o.kind() == K_EXC) else {
            return;
        };
        if !self.isinstance(e, self.g.e.AttributeError) {
            return;
        }
        let unset = |v: Value| v.is_empty() || v.is_none();
        if unset(o.get(EXC_X0)) && unset(o.get(EXC_X1)) {
            self.store(o, EXC_X0, name);
            self.store(o, EXC_X1, obj);
        }
    }

    /// AttributeError for `obj.name`.
    pub fn attr_error(&mut self, obj: Value, name: Value) -> PyException {
        self.attr_error_of(obj, name, false)
    }

    /// The AttributeError of `object.__getattribute__`, which names the
    /// object's type alone, modules' and classes' included.
    pub fn generic_attr_error(&mut self, obj: Value, name: Value) -> PyException {
        self.attr_error_of(obj, name, true)
    }

    fn attr_error_of(&mut self, obj: Value, name: Value, generic: bool) -> PyException {
        // A bound method forwards unknown attributes to its function.
        let obj = match Obj::from_value(obj) {
            Some(o) if o.kind() == K_METHOD && o.class() == self.g.types.method => o.get(0),
            _ => obj,
        };
        let n = str_of(name).into_owned();
        let msg = match Obj::from_value(obj).filter(|_| !generic) {
            // The module's `__name__` as its dict has it now (none, or
            // not a str: the message names no module).
            Some(o) if o.kind() == K_MODULE => {
                match self
                    .dict_get_str(o.get(0), self.g.names.__name__)
                    .filter(|v| is_str(*v))
                {
                    Some(mn) => {
                        let mn = str_of(mn).into_owned();
                        if self.initializing.contains(&mn) {
                            format!("partially initialized module '{mn}' has no attribute '{n}' (most likely due to a circular import)")
                        } else {
                            format!("module '{mn}' has no attribute '{n}'")
                        }
                    }
                    None => format!("module has no attribute '{n}'"),
                }
            }
            Some(o) if o.kind() == K_TYPE => format!(
                "type object '{}' has no attribute '{n}'",
                str_of(o.get(T_NAME))
            ),
            _ => format!("'{}' object has no attribute '{n}'", self.type_name_of(obj)),
        };
        let e = self.new_exc(self.g.e.AttributeError, &msg);
        if let Some(eo) = Obj::from_value(e.0) {
            self.store(eo, EXC_X0, name);
            self.store(eo, EXC_X1, obj);
        }
        e
    }

    /// `getattr(obj, name)` returning None when the attribute is missing
    /// (AttributeError swallowed).
    pub fn getattr_opt(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        self.getattr_impl(obj, name, false)
    }

    /// Attribute lookup; with `propagate`, an AttributeError raised by
    /// `__getattr__` is returned as is (CPython's `obj.name`) instead of
    /// being read as "missing".
    fn getattr_impl(
        &mut self,
        obj: Value,
        name: Value,
        propagate: bool,
    ) -> PyResult<Option<Value>> {
        let tp = self.type_of(obj);
        let tpo = Obj::from_value(tp).expect("type");
        let flags = type_flags(tpo);
        if flags & TF_GETATTRIBUTE != 0 {
            let f = self
                .lookup_type(tp, self.g.names.__getattribute__)
                .expect("getattribute");
            let r = self.getattr_via(f, obj, name);
            return self.finish_getattr(r, obj, name, flags, propagate);
        }
        let r = if flags & TF_LOCAL != 0 {
            self.local_getattr(obj, name)
        } else {
            self.generic_getattr(obj, name)
        };
        self.finish_getattr(r, obj, name, flags, propagate)
    }

    fn getattr_via(&mut self, f: Value, obj: Value, name: Value) -> PyResult<Option<Value>> {
        match self.call_bound(f, obj, &[name]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.isinstance(e.0, self.g.e.AttributeError) => Err(e),
            Err(e) => Err(e),
        }
    }

    fn finish_getattr(
        &mut self,
        r: PyResult<Option<Value>>,
        obj: Value,
        name: Value,
        flags: u64,
        propagate: bool,
    ) -> PyResult<Option<Value>> {
        let missing_err = match r {
            Ok(Some(v)) => return Ok(Some(v)),
            Ok(None) => None,
            Err(e) if self.isinstance(e.0, self.g.e.AttributeError) => Some(e),
            Err(e) => return Err(e),
        };
        if flags & TF_GETATTR != 0 {
            let tp = self.type_of(obj);
            if let Some(f) = self.lookup_type(tp, self.g.names.__getattr__) {
                return match self.call_bound(f, obj, &[name]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if propagate => Err(e),
                    Err(e) if self.isinstance(e.0, self.g.e.AttributeError) => Ok(None),
                    Err(e) => Err(e),
                };
            }
        }
        if let Some(e) = missing_err {
            // `obj.name` keeps the AttributeError a descriptor or
            // __getattribute__ raised; getattr with a default / hasattr
            // read any AttributeError as "missing".
            if propagate {
                return Err(e);
            }
        }
        Ok(None)
    }

    /// The type's own attribute lookup (None if missing): a module's
    /// includes its PEP 562 `__getattr__`, as `module.__getattribute__`.
    pub fn generic_getattr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        self.generic_getattr_impl(obj, name, true)
    }

    /// `object.__getattribute__` (None if missing): [`Vm::generic_getattr`]
    /// without a module's `__getattr__`, which only the module type's own
    /// lookup calls.
    pub fn object_getattribute(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        self.generic_getattr_impl(obj, name, false)
    }

    fn generic_getattr_impl(
        &mut self,
        obj: Value,
        name: Value,
        pep562: bool,
    ) -> PyResult<Option<Value>> {
        let o = Obj::from_value(obj);
        if let Some(o) = o {
            match o.kind() {
                K_TYPE => return self.type_getattr(obj, name),
                K_MODULE => {
                    // A data descriptor of a module subclass wins over the
                    // module's dict (module's own type defines none).
                    if o.class() != self.g.types.module {
                        if let Some(d) = self.lookup_type(o.class(), name) {
                            if self.is_data_descr(d) {
                                return self.bind_descr(d, obj, o.class()).map(Some);
                            }
                        }
                    }
                    if let Some(v) = self.dict_get_str(o.get(0), name) {
                        if v.is_none() && self.spec_awaits_importlib(obj, name) {
                            self.make_sys_import_state()?;
                            return Ok(self.dict_get_str(o.get(0), name));
                        }
                        return Ok(Some(v));
                    }
                    if self.sys_import_state_missing(obj, name) {
                        self.make_sys_import_state()?;
                        if let Some(v) = self.dict_get_str(o.get(0), name) {
                            return Ok(Some(v));
                        }
                    }
                    // The module's dict, unless a subclass defines a
                    // `__dict__` class attribute (found below).
                    if name == self.g.names.__dict__
                        && (o.class() == self.g.types.module
                            || self.lookup_type(o.class(), name).is_none())
                    {
                        return Ok(Some(o.get(0)));
                    }
                    let tp = o.class();
                    if let Some(d) = self.lookup_type(tp, name) {
                        return self.bind_descr(d, obj, tp).map(Some);
                    }
                    // PEP 562: the module's `__getattr__`; its AttributeError
                    // reaches `m.name` as raised (getattr with a default
                    // and hasattr read it as "missing").
                    if pep562 {
                        if let Some(ga) = self.dict_get_str(o.get(0), self.g.names.__getattr__) {
                            return self.call(ga, &[name], Value::EMPTY).map(Some);
                        }
                    }
                    if name == self.g.names.__class__ {
                        return Ok(Some(o.class()));
                    }
                    // An uninitialized module's (`ModuleType.__new__`):
                    // its type's docstring, as every type has one.
                    if name == self.g.names.__doc__ {
                        return self.getattr_opt(o.class(), name);
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
        let dict = o.and_then(|o| self.instance_dict_unshaped(o));
        self.generic_getattr_in(obj, name, dict)
    }

    /// object.__getattribute__ with `dict` as the instance dict (None if
    /// missing): descriptors of the type, then `dict`, then the type's other
    /// attributes. Not for classes and modules.
    pub fn generic_getattr_in(
        &mut self,
        obj: Value,
        name: Value,
        dict: Option<Value>,
    ) -> PyResult<Option<Value>> {
        let tp = self.type_of(obj);
        let descr = self.lookup_type(tp, name);
        if let Some(d) = descr {
            // A builtin type's getset or member (a data descriptor): its
            // native getter, directly (object's `__class__` is read below).
            if let Some(get) = self
                .native_getter(d)
                .filter(|_| name != self.g.names.__class__)
            {
                let mark = self.push_root(obj);
                let r = self.run_native(get, &[obj], Value::EMPTY);
                self.pop_roots(mark);
                return r.map(Some);
            }
            if self.is_data_descr_with_get(d) {
                // object's `__class__` getset, read directly.
                if name == self.g.names.__class__
                    && Obj::from_value(d).is_some_and(|x| self.is_object_class_getset(x))
                {
                    return Ok(Some(tp));
                }
                if obj.is_none() {
                    return self.bind_to_none(d, tp).map(Some);
                }
                // A `__slots__` member not set: missing, as its AttributeError
                // would say, without making one (`getattr(o, name, default)`
                // and `hasattr` read it so; `o.name` makes it then, naming
                // `name`: the member's own name unless it was bound under
                // another, which the error must name).
                if let Some(m) =
                    Obj::from_value(d).filter(|m| m.kind() == K_MEMBER && m.get(0) == name)
                {
                    return self.member_value(m, obj);
                }
                return self.bind_descr(d, obj, tp).map(Some);
            }
        }
        if let Some(dict) = dict {
            if let Some(v) = self.dict_get_str(dict, name) {
                return Ok(Some(v));
            }
        } else if let Some(o) = Obj::from_value(obj) {
            if let Some(id) = shape::shape_of(o) {
                if let Some(v) = self.shaped_get(o, id, name) {
                    return Ok(Some(v));
                }
            }
        }
        if let Some(d) = descr {
            // A property subclass's instance keeps its doc where CPython
            // keeps it in the instance dict: before the class's docstring.
            if name == self.g.names.__doc__ {
                if let Some(o) = Obj::from_value(obj)
                    .filter(|o| {
                        o.kind() == K_PROPERTY && o.class() == tp && tp != self.g.types.property
                    })
                    .filter(|o| o.n_values() > 3 && !o.get(3).is_empty())
                {
                    return Ok(Some(o.get(3)));
                }
            }
            if obj.is_none() {
                return self.bind_to_none(d, tp).map(Some);
            }
            return self.bind_descr(d, obj, tp).map(Some);
        }
        self.special_attr(obj, name)
    }

    /// Method descriptor `d` of a builtin type bound to `obj`: a
    /// `builtin_function_or_method` (CPython), not a `method`.
    pub(crate) fn bind_builtin_method(&mut self, d: Value, obj: Value) -> Value {
        let m = self.alloc_obj(K_METHOD, self.g.types.builtin, 2, 0);
        m.init(0, d);
        m.init(1, obj);
        m.value()
    }

    /// Binds the descriptor `d` found on NoneType to the instance None.
    /// [`Vm::bind_descr`] reads a None instance as "class access", which
    /// would leave `None.__repr__` unbound (and `None.__repr__(5)` the repr
    /// of 5).
    fn bind_to_none(&mut self, d: Value, tp: Value) -> PyResult<Value> {
        let Some(o) = Obj::from_value(d) else {
            return Ok(d);
        };
        match o.kind() {
            K_FUNCTION => Ok(self.new_method(d, Value::NONE)),
            K_BUILTIN if builtin_data(o).is_some_and(|b| b.is_method) => {
                Ok(self.bind_builtin_method(d, Value::NONE))
            }
            K_PROPERTY if !o.get(0).is_none() && !o.get(0).is_empty() => {
                self.call(o.get(0), &[Value::NONE], Value::EMPTY)
            }
            _ => self.bind_descr(d, Value::NONE, tp),
        }
    }

    /// Attributes computed by the runtime (`__class__`, `__dict__`, function
    /// and exception fields...).
    fn special_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let n = &self.g.names;
        if name == n.__class__ {
            return Ok(Some(self.type_of(obj)));
        }
        let Some(o) = Obj::from_value(obj) else {
            // Immediates whose type has no docstring (NoneType...).
            return Ok((name == n.__doc__).then_some(Value::NONE));
        };
        // A bound method's other attributes (its `__dict__` too) are its
        // function's.
        if o.kind() == K_METHOD {
            return self.getattr_opt(o.get(0), name);
        }
        if name == n.__dict__ {
            if let Some(d) = self.ensure_dict(o) {
                return Ok(Some(d));
            }
            return Ok(None);
        }
        // What remains here is per-object behaviour, not attributes of a
        // type: builtin types' attributes are getset and member descriptors
        // in their dicts (python_env/src/types/). Only `__doc__` and an
        // exception's `value`/`code` are left, so a missing attribute of
        // anything else (`getattr(obj, name, default)`) ends here.
        // An interned name is `__doc__` only if it is the interned one.
        let interned =
            Obj::from_value(name).is_some_and(|n| n.kind() == Kind::STR && lstr::is_interned(n));
        let doc = name == self.g.names.__doc__ || (!interned && str_bytes(name) == b"__doc__");
        if o.kind() != K_EXC && !doc {
            return Ok(None);
        }
        let s = str_of(name);
        let v = match (o.kind(), &*s) {
            // property's doc defaults to its getter's (a getset would
            // shadow the type's own docstring on class access).
            (K_PROPERTY, "__doc__") => {
                let d = o.get(3);
                if d.is_empty() || d.is_none() {
                    let f = o.get(0);
                    if f.is_heap() {
                        return self.getattr_opt(f, name);
                    }
                    Value::NONE
                } else {
                    d
                }
            }
            // Read from args (CPython stores them at construction).
            (K_EXC, "value") if self.isinstance(obj, self.g.e.StopIteration) => {
                let a = self.seq_items(o.get(EXC_ARGS));
                a.first().copied().unwrap_or(Value::NONE)
            }
            (K_EXC, "code") if self.isinstance(obj, self.g.e.SystemExit) => {
                let a = self.seq_items(o.get(EXC_ARGS));
                match a.len() {
                    0 => Value::NONE,
                    1 => a[0],
                    _ => o.get(EXC_ARGS),
                }
            }
            (_, "__doc__") => Value::NONE,
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// Whether `d` is a data descriptor that can also be read: a property,
    /// a member, or one whose type has `__get__` (one with only `__set__`
    /// leaves the instance's or class's own value visible, as CPython's
    /// lookups do).
    fn is_data_descr_with_get(&mut self, d: Value) -> bool {
        self.is_data_descr(d)
            && (Obj::from_value(d).is_some_and(|x| x.kind() == K_PROPERTY || x.kind() == K_MEMBER)
                || self
                    .lookup_type(self.type_of(d), self.g.names.__get__)
                    .is_some())
    }

    /// type.__getattribute__.
    fn type_getattr(&mut self, t: Value, name: Value) -> PyResult<Option<Value>> {
        let meta = self.type_of(t);
        let mdescr = self.lookup_type(meta, name);
        if let Some(d) = mdescr {
            // A data descriptor without `__get__` leaves the class's own
            // attribute visible (CPython's type_getattro: meta_get NULL).
            if self.is_data_descr_with_get(d) {
                // type's own getsets and members, read directly when the
                // metatype is exactly type (whose dict cannot change).
                if meta == self.g.types.type_ {
                    let to = Obj::from_value(t).expect("type");
                    let n = &self.g.names;
                    let slot = if name == n.__name__ {
                        Some(T_NAME)
                    } else if name == n.__qualname__ {
                        Some(T_QUALNAME)
                    } else if name == n.__mro__ {
                        Some(T_MRO)
                    } else if name == n.__bases__ {
                        Some(T_BASES)
                    } else if name == n.__base__ {
                        Some(T_BASE)
                    } else {
                        None
                    };
                    if let Some(i) = slot {
                        return Ok(Some(to.get(i)));
                    }
                    if name == n.__class__ {
                        return Ok(Some(meta));
                    }
                }
                return self.bind_descr(d, t, meta).map(Some);
            }
        }
        if name == self.g.names.__dict__ {
            // `type.__dict__` is a data descriptor of the metatype: it wins
            // over a `__dict__` entry of the class itself. A read-only view:
            // class dicts change only through setattr (which keeps the flags
            // and the versions right).
            let to = Obj::from_value(t).expect("type");
            let p = self.alloc_obj(K_DICTVIEW, self.g.types.mappingproxy, 1, 0);
            p.init(0, to.get(T_DICT));
            return Ok(Some(p.value()));
        }
        if let Some(v) = self.lookup_type(t, name) {
            let o = Obj::from_value(v);
            return match o.map(|o| o.kind()) {
                Some(K_WRAPPER) | Some(K_PROPERTY) => {
                    let po = o.expect("o");
                    if po.kind() == K_PROPERTY
                        && self.property_override(po, self.g.names.__get__).is_none()
                    {
                        return Ok(Some(v));
                    }
                    self.bind_descr(v, Value::NONE, t).map(Some)
                }
                Some(K_FUNCTION) | Some(K_BUILTIN) => Ok(Some(v)),
                Some(_) => {
                    let tp = self.type_of(v);
                    if Obj::from_value(tp).is_some_and(|x| type_flags(x) & TF_HEAP != 0) {
                        if let Some(g) = self.lookup_type(tp, self.g.names.__get__) {
                            return self.call_bound(g, v, &[Value::NONE, t]).map(Some);
                        }
                    }
                    Ok(Some(v))
                }
                None => Ok(Some(v)),
            };
        }
        let to = Obj::from_value(t).expect("type");
        let n = &self.g.names;
        if name == n.__name__ {
            return Ok(Some(to.get(T_NAME)));
        }
        if name == n.__qualname__ {
            return Ok(Some(to.get(T_QUALNAME)));
        }
        if name == n.__mro__ {
            return Ok(Some(to.get(T_MRO)));
        }
        if name == n.__bases__ {
            return Ok(Some(to.get(T_BASES)));
        }
        if name == n.__base__ {
            return Ok(Some(to.get(T_BASE)));
        }
        if name == n.__class__ {
            return Ok(Some(meta));
        }
        if name == n.__module__ {
            return Ok(Some(self.intern("builtins")));
        }
        if name == n.__doc__ {
            return Ok(Some(Value::NONE));
        }
        if let Some(d) = mdescr {
            return self.bind_descr(d, t, meta).map(Some);
        }
        Ok(None)
    }

    /// The AttributeError for assigning a read-only attribute that a built-in
    /// type implements natively (a property whose getter is a builtin, like
    /// CPython's getset descriptors without a setter); None otherwise.
    fn native_readonly_error(&mut self, d: Value, name: Value, tn: &str) -> Option<PyException> {
        let dobj = Obj::from_value(d)?;
        if dobj.kind() != K_PROPERTY {
            return None;
        }
        let fset = dobj.get(1);
        let fget = Obj::from_value(dobj.get(0))?;
        if !(fset.is_none() || fset.is_empty()) || fget.kind() != K_BUILTIN {
            return None;
        }
        Some(self.new_exc(
            self.g.e.AttributeError,
            &format!(
                "attribute '{}' of '{tn}' objects is not writable",
                str_of(name)
            ),
        ))
    }

    /// `setattr(obj, name, v)`.
    pub fn setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        let tp = self.type_of(obj);
        let tpo = Obj::from_value(tp).expect("type");
        if type_flags(tpo) & TF_SETATTR != 0 {
            if let Some(f) = self.lookup_type(tp, self.g.names.__setattr__) {
                if self.is_attr_hook(f) {
                    self.call_bound(f, obj, &[name, v])?;
                    return Ok(());
                }
            }
        }
        if type_flags(tpo) & TF_LOCAL != 0 {
            return self.local_setattr(obj, name, Some(v));
        }
        self.generic_setattr(obj, name, v)
    }

    /// Is `f` (a type's `__setattr__`/`__delattr__`) to be called instead of
    /// the generic store: a Python function, or a native one of a type
    /// other than object and type (weak proxies forward stores).
    fn is_attr_hook(&self, f: Value) -> bool {
        Obj::from_value(f).is_some_and(|x| {
            x.kind() == K_FUNCTION
                || (x.kind() == K_BUILTIN
                    && builtin_data(x).is_some_and(|b| {
                        b.owner.is_heap()
                            && b.owner != self.g.types.object
                            && b.owner != self.g.types.type_
                    }))
        })
    }

    /// object.__setattr__.
    pub fn generic_setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        self.generic_setattr_in(obj, name, v, None)
    }

    /// object.__setattr__ storing into `dict` (when Some) instead of the
    /// instance dict.
    pub fn generic_setattr_in(
        &mut self,
        obj: Value,
        name: Value,
        v: Value,
        dict: Option<Value>,
    ) -> PyResult<()> {
        let tp = self.type_of(obj);
        if name == self.g.names.__class__
            && !Obj::from_value(obj).is_some_and(|o| o.kind() == K_TYPE)
        {
            // An object `protopy.freeze` froze keeps its class (immortal
            // objects, frozen from birth, get set_class's own errors).
            if let Some(o) = Obj::from_value(obj).filter(|o| !o.is_immortal()) {
                self.check_mutable(o)?;
            }
            return self.set_class(obj, v);
        }
        let Some(o) = Obj::from_value(obj) else {
            let tn = self.type_name_of(obj);
            if let Some(d) = self.lookup_type(tp, name) {
                if let Some(e) = self.native_readonly_error(d, name, &tn) {
                    return Err(e);
                }
            }
            return Err(self.new_exc(
                self.g.e.AttributeError,
                &format!("'{tn}' object has no attribute '{}'", str_of(name)),
            ));
        };
        if o.kind() == K_TYPE {
            if type_flags(o) & TF_HEAP == 0 {
                let tn = self.builtin_tp_name(o);
                return Err(self.type_error(&format!(
                    "cannot set '{}' attribute of immutable type '{tn}'",
                    str_of(name)
                )));
            }
            // A data descriptor on the metaclass takes the assignment.
            if let Some(d) = self.lookup_type(tp, name) {
                if let Some(dobj) = Obj::from_value(d) {
                    if dobj.kind() == K_PROPERTY
                        && self.property_override(dobj, self.g.names.__set__).is_none()
                    {
                        let fset = dobj.get(1);
                        if fset.is_none() || fset.is_empty() {
                            // A builtin getset of the metatype (`__dict__`).
                            if let Some(owner) = descr_owner(dobj) {
                                let owner = type_name(owner);
                                if let Some(e) = self.native_readonly_error(d, name, &owner) {
                                    return Err(e);
                                }
                            }
                            let pn = self.property_name(d);
                            let tn = type_name(tp);
                            return Err(self.new_exc(
                                self.g.e.AttributeError,
                                &format!("property {pn}of '{tn}' object has no setter"),
                            ));
                        }
                        self.call(fset, &[obj, v], Value::EMPTY)?;
                        return Ok(());
                    }
                    if self.is_data_descr(d) {
                        if let Some(s) = self.lookup_type(dobj.class(), self.g.names.__set__) {
                            self.call_bound(s, d, &[obj, v])?;
                            return Ok(());
                        }
                    }
                }
            }
            let n = str_of(name);
            if n == "__bases__" {
                return self.set_bases(o, v);
            }
            if n == "__name__" || n == "__qualname__" {
                if !is_str(v) {
                    let tn = self.type_name_of(v);
                    return Err(self.type_error(&format!(
                        "can only assign string to {}.{n}, not '{tn}'",
                        str_of(o.get(T_NAME))
                    )));
                }
                let slot = if n == "__name__" { T_NAME } else { T_QUALNAME };
                self.store(o, slot, v);
                return Ok(());
            }
            let name = self.intern_value(name);
            self.dict_set_str(o.get(T_DICT), name, v);
            self.update_type_flags(o, name);
            self.type_attr_changed(o.value(), name);
            return Ok(());
        }
        if let Some(d) = self.lookup_type(tp, name) {
            if let Some(dobj) = Obj::from_value(d) {
                if dobj.kind() == K_MEMBER {
                    let slot = self.member_slot(dobj, obj)?;
                    // Under the instance's lock when shared, so that a
                    // concurrent `protopy.freeze` (which holds it while it
                    // marks) sees the store or refuses it.
                    return self.with_mut_lock(o, |ctx| ctx.store(o, slot, v));
                }
                if dobj.kind() == K_PROPERTY
                    && self.property_override(dobj, self.g.names.__set__).is_none()
                {
                    let fset = dobj.get(1);
                    if fset.is_none() || fset.is_empty() {
                        let tn = self.type_name_of(obj);
                        if let Some(e) = self.native_readonly_error(d, name, &tn) {
                            return Err(e);
                        }
                        let pn = self.property_name(d);
                        let tn = self.type_qualname_of(obj);
                        return Err(self.new_exc(
                            self.g.e.AttributeError,
                            &format!("property {pn}of '{tn}' object has no setter"),
                        ));
                    }
                    self.call(fset, &[obj, v], Value::EMPTY)?;
                    return Ok(());
                }
                if self.is_data_descr(d) {
                    if let Some(s) = self.lookup_type(dobj.class(), self.g.names.__set__) {
                        self.call_bound(s, d, &[obj, v])?;
                        return Ok(());
                    }
                }
            }
        }
        match o.kind() {
            // property's `__doc__` is a writable member (namedtuple field
            // docs, `dis` sets them); getset/member descriptors' is not.
            K_PROPERTY
                if &*str_of(name) == "__doc__"
                    && self.is_subtype(o.class(), self.g.types.property) =>
            {
                self.store(o, 3, v);
                return Ok(());
            }
            _ => {}
        }
        // A shaped instance keeps the value inline when it can.
        if dict.is_none() && shape::shape_of(o).is_some() {
            let iname = if is_str(name) {
                self.intern_value(name)
            } else {
                name
            };
            if self.shaped_set(o, iname, v)? {
                return Ok(());
            }
        }
        let Some(d) = dict.or_else(|| self.ensure_dict(o)) else {
            let tn = self.type_name_of(obj);
            let has = self.lookup_type(tp, name).is_some();
            let msg = if has {
                format!("'{tn}' object attribute '{}' is read-only", str_of(name))
            } else {
                format!("'{tn}' object has no attribute '{}'", str_of(name))
            };
            return Err(self.new_exc(self.g.e.AttributeError, &msg));
        };
        // A frozen instance (`protopy.freeze`; frozen with its dict, which
        // it then has); a frozen dict it would store into is refused by
        // `dict_set_str` below, under the dict's lock.
        self.check_mutable(o)?;
        let name = if Obj::from_value(name).is_some_and(|x| x.is_shared()) {
            name
        } else {
            self.intern_value(name)
        };
        if !self.dict_set_str(d, name, v) {
            return Err(self.frozen_error(Obj::from_value(d).expect("dict")));
        }
        if o.kind() == K_TYPE {
            // A type's dict reached through the generic path (see TypeCache).
            self.type_attr_changed(o.value(), name);
        }
        Ok(())
    }

    /// `cls.__bases__ = v` (CPython's type_set_bases): checks the new bases,
    /// recomputes the MRO of `cls` and of its subclasses.
    pub fn set_bases(&mut self, to: Obj, v: Value) -> PyResult<()> {
        let t = to.value();
        let tn = str_of(to.get(T_NAME)).into_owned();
        if !Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE) {
            let vn = self.type_name_of(v);
            return Err(self.type_error(&format!(
                "can only assign tuple to {tn}.__bases__, not {vn}"
            )));
        }
        let bases = self.seq_items(v);
        if bases.is_empty() {
            return Err(self.type_error(&format!(
                "can only assign non-empty tuple to {tn}.__bases__, not ()"
            )));
        }
        let mut layout = K_INSTANCE;
        let mut solid = self.g.types.object;
        for &b in &bases {
            let Some(bo) = Obj::from_value(b).filter(|o| o.kind() == K_TYPE) else {
                let bn = self.type_name_of(b);
                return Err(self.type_error(&format!(
                    "{tn}.__bases__ must be tuple of classes, not '{bn}'"
                )));
            };
            // The MRO of a class whose bases a reentrant `mro()` is
            // changing may be stale: its base chain is checked too.
            if b == t || self.is_subtype(b, t) || base_chain_reaches(b, t) {
                return Err(self.type_error("a __bases__ item causes an inheritance cycle"));
            }
            if type_layout(bo) != K_INSTANCE && layout == K_INSTANCE {
                layout = type_layout(bo);
                solid = b;
            }
        }
        let _ = solid;
        self.check_complete_bases(&bases)?;
        let new_base = best_base(&bases);
        let old_base = to.get(T_BASE);
        let nslots = bases
            .iter()
            .map(|&b| type_nslots(Obj::from_value(b).expect("base")))
            .max()
            .unwrap_or(0);
        let own = self
            .dict_items(to.get(T_DICT))
            .iter()
            .filter(|(_, m)| Obj::from_value(*m).is_some_and(|mo| mo.kind() == K_MEMBER))
            .count();
        if layout != type_layout(to) || nslots + own != type_nslots(to) {
            // CPython first compares deallocators (`tp_free`): object and
            // int, float, complex, str and bytes are not GC-tracked, lists,
            // dicts, tuples, sets and exceptions are.
            let untracked = |k: Kind| {
                matches!(
                    k,
                    K_INSTANCE
                        | K_NUMSUB
                        | Kind::GENERIC
                        | Kind::FLOAT
                        | K_COMPLEX
                        | Kind::STR
                        | Kind::BYTES
                )
            };
            let what = if untracked(layout) != untracked(type_layout(to)) {
                "deallocator"
            } else {
                "object layout"
            };
            return Err(self.type_error(&format!(
                "__bases__ assignment: '{}' {what} differs from '{}'",
                type_name(new_base),
                type_name(old_base)
            )));
        }
        // The new bases are in place while `mro()` runs (it reads them);
        // on an error every MRO changed here and the bases are restored,
        // unless a reentrant call replaced them meanwhile.
        let old_bases = to.get(T_BASES);
        self.store(to, T_BASES, v);
        self.store(to, T_BASE, new_base);
        let undo = self.new_list(&[]);
        let mark = self.push_root(undo);
        self.push_root(old_bases);
        self.push_root(old_base);
        if let Err(e) = self.mro_hierarchy(t, undo) {
            let done = self.seq_items(undo);
            for rec in done.into_iter().rev() {
                let r = self.seq_items(rec);
                let co = Obj::from_value(r[0]).expect("type");
                if co.get(T_MRO) == r[1] {
                    self.store(co, T_MRO, r[2]);
                    self.type_modified(r[0]);
                }
            }
            if to.get(T_BASES) == v {
                self.store(to, T_BASES, old_bases);
                self.store(to, T_BASE, old_base);
            }
            self.pop_roots(mark);
            self.type_modified(t);
            return Err(e);
        }
        self.pop_roots(mark);
        if to.get(T_BASES) == v {
            for &b in &self.seq_items(old_bases) {
                self.remove_subclass(b, t);
            }
            for &b in &bases {
                self.add_subclass(b, t);
            }
        }
        self.type_modified(t);
        Ok(())
    }

    /// `obj.__class__ = v` (CPython's object___class___set): both classes
    /// must be heap types with the same instance layout.
    pub fn set_class(&mut self, obj: Value, v: Value) -> PyResult<()> {
        self.audit_setattr(obj, "__class__", v)?;
        let Some(nt) = Obj::from_value(v).filter(|o| o.kind() == K_TYPE) else {
            let tn = self.type_name_of(v);
            return Err(self.type_error(&format!(
                "__class__ must be set to a class, not '{tn}' object"
            )));
        };
        let old = self.type_of(obj);
        let ot = Obj::from_value(old).expect("type");
        // Modules may change class between ModuleType and its subclasses
        // (importlib.util.LazyLoader does), as in CPython.
        let modules =
            self.is_subtype(v, self.g.types.module) && self.is_subtype(old, self.g.types.module);
        let o = match Obj::from_value(obj) {
            Some(o)
                if modules || (type_flags(nt) & TF_HEAP != 0 && type_flags(ot) & TF_HEAP != 0) =>
            {
                o
            }
            _ => return Err(self.type_error(
                "__class__ assignment only supported for mutable types or ModuleType subclasses",
            )),
        };
        let same = type_layout(nt) == type_layout(ot)
            && type_nslots(nt) == type_nslots(ot)
            && (type_flags(nt) & TF_NODICT) == (type_flags(ot) & TF_NODICT)
            && (type_flags(nt) & (TF_EXC | TF_LOCAL)) == (type_flags(ot) & (TF_EXC | TF_LOCAL))
            && self.slot_names(v) == self.slot_names(old)
            // CPython compares the weak-reference list offsets too.
            && self.lookup_type(v, self.g.names.__weakref__).is_some()
                == self.lookup_type(old, self.g.names.__weakref__).is_some()
            && same_layout_parent(nt, ot);
        // Instances of variable-size builtins (int, bytes, tuple) keep their
        // dict at a place CPython's layout check never finds equal: classes
        // giving them one never accept `__class__` assignment.
        let (int_t, bytes_t, tuple_t) = (self.g.types.int, self.g.types.bytes, self.g.types.tuple);
        let var_size = [int_t, bytes_t, tuple_t]
            .into_iter()
            .any(|b| self.is_subtype(old, b));
        let same = v == old || (same && !(var_size && type_flags(nt) & TF_NODICT == 0));
        if !same {
            return Err(self.type_error(&format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                type_name(v),
                type_name(old)
            )));
        }
        // Shapes belong to a class: a shaped instance changes to dict mode
        // before it changes class.
        if shape::shape_of(o).is_some() && v != old {
            self.materialize(o)?;
        }
        self.ctx.store_class(o, v);
        if o.kind() == K_TYPE {
            // A class's cache entries assumed its old metatype.
            self.type_modified(obj);
        }
        Ok(())
    }

    /// The `__slots__` member names of the classes of `t`'s MRO, by slot index.
    fn slot_names(&mut self, t: Value) -> Vec<Value> {
        let mut names = Vec::new();
        let mro = Obj::from_value(t).expect("type").get(T_MRO);
        for c in self.seq_items(mro) {
            let Some(co) = Obj::from_value(c) else {
                continue;
            };
            for (k, m) in self.dict_items(co.get(T_DICT)) {
                if Obj::from_value(m).is_some_and(|mo| mo.kind() == K_MEMBER && mo.get(1) == c) {
                    let idx = proto_core::layouts::get_raw(Obj::from_value(m).expect("m"), 0);
                    names.push((idx, k));
                }
            }
        }
        names.sort_by_key(|&(i, _)| i);
        names.into_iter().map(|(_, k)| k).collect()
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        let tp = self.type_of(obj);
        if let Some(f) = self.lookup_type(tp, self.g.names.__delattr__) {
            if self.is_attr_hook(f) {
                self.call_bound(f, obj, &[name])?;
                return Ok(());
            }
        }
        if Obj::from_value(tp).is_some_and(|t| type_flags(t) & TF_LOCAL != 0) {
            return self.local_setattr(obj, name, None);
        }
        self.generic_delattr(obj, name)
    }

    /// object.__delattr__.
    pub fn generic_delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        let dict = Obj::from_value(obj).and_then(|o| self.instance_dict(o));
        self.generic_delattr_in(obj, name, dict)
    }

    /// object.__delattr__ deleting from `dict` (None: no instance dict).
    pub fn generic_delattr_in(
        &mut self,
        obj: Value,
        name: Value,
        dict: Option<Value>,
    ) -> PyResult<()> {
        let tp = self.type_of(obj);
        if let Some(o) = Obj::from_value(obj).filter(|o| o.kind() == K_TYPE) {
            // CPython's type_setattro refuses builtin types first; a class's
            // `__doc__` (type's getset in CPython) cannot be deleted.
            if type_flags(o) & TF_HEAP == 0 {
                let tn = self.builtin_tp_name(o);
                return Err(self.type_error(&format!(
                    "cannot set '{}' attribute of immutable type '{tn}'",
                    str_of(name)
                )));
            }
            if name == self.g.names.__doc__ {
                let tn = str_of(o.get(T_NAME)).into_owned();
                return Err(self.type_error(&format!(
                    "cannot delete '__doc__' attribute of immutable type '{tn}'"
                )));
            }
        }
        if let Some(d) = self.lookup_type(tp, name) {
            if let Some(dobj) = Obj::from_value(d) {
                if dobj.kind() == K_MEMBER {
                    let slot = self.member_slot(dobj, obj)?;
                    let io = Obj::from_value(obj).expect("instance");
                    self.check_mutable(io)?;
                    if io.get(slot).is_empty() {
                        let n = str_of(dobj.get(0)).into_owned();
                        return Err(self.new_exc(self.g.e.AttributeError, &n));
                    }
                    self.store(io, slot, Value::EMPTY);
                    return Ok(());
                }
                if dobj.kind() == K_PROPERTY
                    && self
                        .property_override(dobj, self.g.names.__delete__)
                        .is_none()
                {
                    let fdel = dobj.get(2);
                    if fdel.is_none() || fdel.is_empty() {
                        let tn = self.type_name_of(obj);
                        if let Some(e) = self.native_readonly_error(d, name, &tn) {
                            return Err(e);
                        }
                        let pn = self.property_name(d);
                        let tn = self.type_qualname_of(obj);
                        return Err(self.new_exc(
                            self.g.e.AttributeError,
                            &format!("property {pn}of '{tn}' object has no deleter"),
                        ));
                    }
                    self.call(fdel, &[obj], Value::EMPTY)?;
                    return Ok(());
                }
                if self.is_data_descr(d) {
                    if let Some(s) = self.lookup_type(dobj.class(), self.g.names.__delete__) {
                        self.call_bound(s, d, &[obj])?;
                        return Ok(());
                    }
                }
            }
        }
        if let Some(o) = Obj::from_value(obj) {
            if let Some(d) = dict {
                self.check_mutable(o)?;
                if self.dict_del(d, name)?.is_some() {
                    if o.kind() == K_TYPE {
                        self.type_attr_changed(o.value(), name);
                    }
                    return Ok(());
                }
            }
            if o.kind() == K_MODULE {
                // module_setattro falls back to object's message here.
                let n = str_of(name).into_owned();
                return Err(self.new_exc(
                    self.g.e.AttributeError,
                    &format!("'module' object has no attribute '{n}'"),
                ));
            }
            // No instance dict but a class attribute of that name (CPython's
            // _PyObject_GenericSetAttrWithDict).
            if dict.is_none() && o.kind() != K_TYPE && self.lookup_type(tp, name).is_some() {
                let tn = self.type_name_of(obj);
                return Err(self.new_exc(
                    self.g.e.AttributeError,
                    &format!("'{tn}' object attribute '{}' is read-only", str_of(name)),
                ));
            }
        }
        Err(self.attr_error(obj, name))
    }

    /// LOAD_METHOD: finds `obj.name`, avoiding a bound-method allocation
    /// for plain functions on the type.
    pub fn load_method(&mut self, obj: Value, name: Value) -> PyResult<MethodLookup> {
        let tp = self.type_of(obj);
        let tpo = Obj::from_value(tp).expect("type");
        if type_flags(tpo) & TF_GETATTRIBUTE == 0 {
            if let Some(o) = Obj::from_value(obj) {
                if o.kind() == K_TYPE || o.kind() == K_MODULE {
                    return self.getattr(obj, name).map(MethodLookup::Attr);
                }
            }
            if let Some(d) = self.lookup_type(tp, name) {
                if let Some(dobj) = Obj::from_value(d) {
                    let is_method = dobj.kind() == K_FUNCTION
                        || (dobj.kind() == K_BUILTIN
                            && builtin_data(dobj).is_some_and(|b| b.is_method));
                    if is_method {
                        let dict = if type_flags(tpo) & TF_LOCAL != 0 {
                            Some(self.local_dict(obj)?)
                        } else {
                            Obj::from_value(obj).and_then(|o| self.instance_dict_unshaped(o))
                        };
                        let shadow = match dict {
                            Some(dict) => self.dict_get_str(dict, name),
                            None => Obj::from_value(obj)
                                .and_then(|o| Some((o, shape::shape_of(o)?)))
                                .and_then(|(o, id)| self.shaped_get(o, id, name)),
                        };
                        if let Some(v) = shadow {
                            return Ok(MethodLookup::Attr(v));
                        }
                        return Ok(MethodLookup::Method(d));
                    }
                }
            }
        }
        self.getattr(obj, name).map(MethodLookup::Attr)
    }

    /// Looks up a special method on the type and calls it with `obj` first;
    /// None if the type does not define it.
    pub fn call_special(
        &mut self,
        obj: Value,
        name: Value,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let tp = self.type_of(obj);
        match self.lookup_type(tp, name) {
            Some(f) if !f.is_none() => self.call_slot_method(f, obj, args).map(Some),
            _ => Ok(None),
        }
    }

    /// [`Vm::call_special`] for the comparison slots (CPython's
    /// slot_tp_richcompare): a descriptor whose `__get__` fails counts as
    /// a missing method (NotImplemented), only the call's errors propagate.
    pub fn call_special_cmp(
        &mut self,
        obj: Value,
        name: Value,
        arg: Value,
    ) -> PyResult<Option<Value>> {
        let tp = self.type_of(obj);
        let Some(f) = self.lookup_type(tp, name).filter(|f| !f.is_none()) else {
            return Ok(None);
        };
        let get = Obj::from_value(f)
            .filter(|o| o.kind() == K_INSTANCE || o.kind() == K_PROPERTY)
            .and_then(|o| self.lookup_type(o.class(), self.g.names.__get__));
        let Some(get) = get else {
            return self.call_slot_method(f, obj, &[arg]).map(Some);
        };
        let mark = self.push_root(obj);
        self.push_root(arg);
        let r = match self.call(get, &[f, obj, tp], Value::EMPTY) {
            Ok(bound) => {
                self.push_root(bound);
                self.call(bound, &[arg], Value::EMPTY).map(Some)
            }
            Err(_) => Ok(Some(Value::NOT_IMPLEMENTED)),
        };
        self.pop_roots(mark);
        r
    }

    /// Like call_special but through full attribute lookup on the instance.
    pub fn call_method_opt(
        &mut self,
        obj: Value,
        name: Value,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        self.call_special(obj, name, args)
    }

    /// Calls method `name` of `obj` (full lookup); AttributeError if missing.
    pub fn call_method(&mut self, obj: Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let n = self.intern(name);
        match self.load_method(obj, n)? {
            MethodLookup::Method(f) => self.call_bound(f, obj, args),
            MethodLookup::Attr(f) => self.call(f, args, Value::EMPTY),
        }
    }

    /// Recomputes the flags of a class after `name` was set.
    pub fn update_type_flags(&mut self, t: Obj, name: Value) {
        let n = &self.g.names;
        let add = if name == n.__getattr__ {
            TF_GETATTR
        } else if name == n.__getattribute__ {
            TF_GETATTRIBUTE
        } else if name == n.__setattr__ || name == n.__delattr__ {
            TF_SETATTR
        } else if is_str(name) && str_of(name) == "__del__" {
            TF_HAS_DEL
        } else {
            return;
        };
        // The subclasses inherit the hook (CPython's update_slot walks
        // them): the flags say "look the hook up", so they are only added.
        let mut todo = vec![t];
        while let Some(c) = todo.pop() {
            let f = type_flags(c);
            if f & add == add && c != t {
                continue;
            }
            set_type_flags(c, f | add);
            for sc in self.subclasses(c) {
                if let Some(so) = Obj::from_value(sc).filter(|o| o.kind() == K_TYPE) {
                    todo.push(so);
                }
            }
        }
    }

    // ------------------------------------------------------------------ classes

    /// Recomputes the MRO of `t` and then of its subclasses, depth first
    /// (CPython's `mro_hierarchy`), appending `(class, new, old)` to the
    /// list `undo` for each change. A class whose MRO a reentrant
    /// `mro()` changed keeps that newer one, and its subclasses are left
    /// to that call.
    fn mro_hierarchy(&mut self, t: Value, undo: Value) -> PyResult<()> {
        let hooks = TF_GETATTR | TF_GETATTRIBUTE | TF_SETATTR;
        let mut todo = vec![t];
        while let Some(c) = todo.pop() {
            let co = Obj::from_value(c).expect("type");
            let old = co.get(T_MRO);
            let m = self.invoke_mro(c)?;
            if co.get(T_MRO) != old {
                continue;
            }
            let mt = self.new_tuple(&m);
            self.store(co, T_MRO, mt);
            // Hooks inherited through the new MRO (a set flag only selects
            // the slower lookup path, so stale ones may stay).
            let inherited = m.iter().fold(0, |f, &b| {
                f | Obj::from_value(b)
                    .filter(|o| o.kind() == K_TYPE)
                    .map_or(0, |o| type_flags(o) & hooks)
            });
            set_type_flags(co, type_flags(co) | inherited);
            self.type_modified(c);
            let rec = self.new_tuple(&[c, mt, old]);
            self.list_append(undo, rec);
            let mut subs = self.subclasses(co);
            subs.reverse();
            todo.extend(subs);
        }
        Ok(())
    }

    /// The MRO of class `t` from its current `__bases__` (CPython's
    /// `mro_invoke`): C3, or what the metaclass's own `mro()` returns,
    /// which must be an iterable of classes whose instance layouts `t`'s
    /// instances can have.
    pub fn invoke_mro(&mut self, t: Value) -> PyResult<Vec<Value>> {
        let to = Obj::from_value(t).expect("type");
        let meta = to.class();
        let name = self.intern("mro");
        let custom = if meta == self.g.types.type_ {
            None
        } else {
            let f = self.lookup_type(meta, name);
            let builtin = self.lookup_type(self.g.types.type_, name);
            f.filter(|&f| Some(f) != builtin)
        };
        let Some(f) = custom else {
            let bases = self.seq_items(to.get(T_BASES));
            return self.compute_mro(t, &bases);
        };
        let r = self.call_bound(f, t, &[])?;
        let mark = self.push_root(r);
        let items = self.collect(r);
        self.pop_roots(mark);
        let items = items?;
        for &c in &items {
            let Some(co) = Obj::from_value(c).filter(|o| o.kind() == K_TYPE) else {
                let tn = self.type_name_of(c);
                return Err(self.type_error(&format!("mro() returned a non-class ('{tn}')")));
            };
            // A class with its own instance layout must be one `t` extends.
            if type_layout(co) != K_INSTANCE
                && c != self.g.types.object
                && !base_chain_reaches(t, c)
            {
                return Err(self.type_error(&format!(
                    "mro() returned base with unsuitable layout ('{}')",
                    type_name(c)
                )));
            }
        }
        Ok(items)
    }

    /// TypeError for a base whose first MRO a metaclass's `mro()` is still
    /// computing (it holds the empty placeholder), as CPython's `best_base`.
    fn check_complete_bases(&mut self, bases: &[Value]) -> PyResult<()> {
        for &b in bases {
            let incomplete = Obj::from_value(b)
                .filter(|o| o.kind() == K_TYPE)
                .and_then(|o| Obj::from_value(o.get(T_MRO)))
                .is_some_and(|m| m.n_values() == 0);
            if incomplete {
                return Err(self.type_error(&format!(
                    "Cannot extend an incomplete type '{}'",
                    type_name(b)
                )));
            }
        }
        Ok(())
    }

    /// C3 linearisation.
    pub fn compute_mro(&mut self, t: Value, bases: &[Value]) -> PyResult<Vec<Value>> {
        for (i, &b) in bases.iter().enumerate() {
            if bases[..i].contains(&b) {
                return Err(self.type_error(&format!("duplicate base class {}", type_name(b))));
            }
        }
        let mut seqs: Vec<Vec<Value>> = Vec::new();
        for &b in bases {
            let bo = Obj::from_value(b).expect("base");
            let m = type_mro(bo);
            seqs.push((0..m.n_values()).map(|i| m.get(i)).collect());
        }
        seqs.push(bases.to_vec());
        let mut out = vec![t];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let mut found = None;
            for s in &seqs {
                let cand = s[0];
                if !seqs.iter().any(|s2| s2[1..].contains(&cand)) {
                    found = Some(cand);
                    break;
                }
            }
            let Some(c) = found else {
                // The heads of the lists left to merge, as CPython's
                // set_mro_error lists them.
                let mut heads: Vec<Value> = Vec::new();
                for sq in &seqs {
                    if !heads.contains(&sq[0]) {
                        heads.push(sq[0]);
                    }
                }
                let names: Vec<String> = heads.iter().map(|&b| type_name(b)).collect();
                return Err(self.type_error(&format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            out.push(c);
            for s in seqs.iter_mut() {
                if s[0] == c {
                    s.remove(0);
                }
            }
        }
    }

    /// `__slots__` member `m`'s `__get__` on instance `obj`: its value, or
    /// an AttributeError naming the member when unset (the lookup that
    /// reached it, if any, gives the error its `name` and `obj`:
    /// `attr_error_context`).
    pub fn member_get(&mut self, m: Obj, obj: Value) -> PyResult<Value> {
        match self.member_value(m, obj)? {
            Some(v) => Ok(v),
            None => {
                let msg = format!(
                    "'{}' object has no attribute '{}'",
                    self.type_name_of(obj),
                    str_of(m.get(0))
                );
                Err(self.new_exc(self.g.e.AttributeError, &msg))
            }
        }
    }

    /// The value of `__slots__` member `m` on `obj`, None when unset.
    fn member_value(&mut self, m: Obj, obj: Value) -> PyResult<Option<Value>> {
        let slot = self.member_slot(m, obj)?;
        let v = Obj::from_value(obj).expect("instance").get(slot);
        Ok((!v.is_empty()).then_some(v))
    }

    /// The value index a `__slots__` member descriptor `m` uses in `obj`
    /// (TypeError if `obj` is not an instance of the owner class).
    pub fn member_slot(&mut self, m: Obj, obj: Value) -> PyResult<usize> {
        let owner = m.get(1);
        // Slot values follow the dict (value 0) of plain instances and str
        // subclass instances, and the dict and number of int/float/complex
        // subclass instances.
        let offset = match Obj::from_value(obj).map(|o| o.kind()) {
            Some(K_NUMSUB | Kind::LIST | Kind::DICT | Kind::SET | K_BYTEARRAY) => 1,
            _ => 0,
        };
        let ok = Obj::from_value(obj).is_some_and(|o| {
            matches!(
                o.kind(),
                K_INSTANCE
                    | Kind::STR
                    | K_NUMSUB
                    | Kind::LIST
                    | Kind::DICT
                    | Kind::SET
                    | K_BYTEARRAY
            ) && (o.class() == owner || self.is_subtype(o.class(), owner))
        });
        let slot = proto_core::layouts::get_raw(m, 0) as usize + offset;
        if !ok || Obj::from_value(obj).is_some_and(|o| slot >= o.n_values()) {
            let tn = self.type_name_of(obj);
            return Err(self.type_error(&format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{tn}' object",
                str_of(m.get(0)),
                type_name(owner)
            )));
        }
        Ok(slot)
    }

    /// Parses `__slots__` of a class being created: returns the (mangled)
    /// slot names and whether `__dict__` and `__weakref__` were listed.
    /// `may_add`: whether the bases leave room for a `__dict__` and a
    /// `__weakref__` (listing one they already give is a TypeError).
    fn parse_slots(
        &mut self,
        cls_name: Value,
        slots: Value,
        may_add: (bool, bool),
    ) -> PyResult<(Vec<Value>, bool, bool)> {
        let items = if is_str(slots) {
            vec![slots]
        } else {
            self.collect(slots)?
        };
        let mut names = Vec::new();
        let mut has_dict = false;
        let mut has_weakref = false;
        let cname = str_of(cls_name).trim_start_matches('_').to_string();
        for it in items {
            if !is_str(it) {
                let tn = self.type_name_of(it);
                return Err(
                    self.type_error(&format!("__slots__ items must be strings, not '{tn}'"))
                );
            }
            let s = str_of(it).into_owned();
            let ident = s
                .chars()
                .next()
                .is_some_and(|c| c == '_' || c.is_alphabetic())
                && s.chars().all(|c| c == '_' || c.is_alphanumeric());
            if !ident {
                return Err(self.type_error("__slots__ must be identifiers"));
            }
            if s == "__dict__" {
                if has_dict || !may_add.0 {
                    return Err(self.type_error("__dict__ slot disallowed: we already got one"));
                }
                has_dict = true;
                continue;
            }
            if s == "__weakref__" {
                if has_weakref || !may_add.1 {
                    return Err(self.type_error(
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    ));
                }
                has_weakref = true;
                continue;
            }
            let mangled = if s.starts_with("__") && !s.ends_with("__") && !cname.is_empty() {
                format!("_{cname}{s}")
            } else {
                s
            };
            let v = self.intern(&mangled);
            names.push(v);
        }
        // Slots are laid out in sorted name order, as CPython's type_new
        // does: classes listing the same names in another order share a
        // layout (`__class__` assignment between them keeps each value).
        names.sort_by(|a, b| str_of(*a).cmp(&str_of(*b)));
        Ok((names, has_dict, has_weakref))
    }

    /// The most derived metaclass among `meta` and the types of `bases`
    /// (CPython's `_PyType_CalculateMetaclass`).
    pub fn calculate_metaclass(&mut self, meta: Value, bases: &[Value]) -> PyResult<Value> {
        let mut winner = meta;
        for &b in bases {
            let bt = self.type_of(b);
            if self.is_subtype(winner, bt) {
                continue;
            }
            if self.is_subtype(bt, winner) {
                winner = bt;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }

    /// Records `sub` in the subclasses of the heap type `base`. The record
    /// is weak (`SubclassList`): a subclass nothing else uses is collected,
    /// as CPython's weak references in `__subclasses__` let it be. Both
    /// types are promoted, so only global collections, which prune the
    /// records first, ever free them.
    pub fn add_subclass(&mut self, base: Value, sub: Value) {
        let Some(bo) = Obj::from_value(base) else {
            return;
        };
        if type_flags(bo) & TF_HEAP == 0 {
            return;
        }
        self.ctx.promote(base);
        self.ctx.promote(sub);
        let registered = self.with_lock(bo, |ctx| SubclassList::add(ctx, bo, sub));
        if registered {
            proto_core::sync::lock(&self.g.subclass_owners).push(base);
        }
    }

    /// Removes `sub` from the subclasses of `base`.
    pub fn remove_subclass(&mut self, base: Value, sub: Value) {
        let Some(bo) = Obj::from_value(base) else {
            return;
        };
        self.with_lock(bo, |_| SubclassList::retain(bo, &|x| x != sub));
    }

    /// The subclasses of type `t` recorded so far (live ones, and ones no
    /// longer reachable that the next global collection will forget).
    pub fn subclasses(&mut self, t: Obj) -> Vec<Value> {
        self.with_lock(t, |_| SubclassList::items(t))
    }

    /// Calls `meta(name, bases, {'__module__': module})`, as a native
    /// module makes a class of its own (`PyErr_NewException`, a
    /// metaclass's instance).
    pub fn call_class_in_module(
        &mut self,
        meta: Value,
        module: &str,
        name: &str,
        bases: &[Value],
    ) -> PyResult<Value> {
        let ns = self.new_dict();
        let mark = self.push_root(ns);
        let key = self.intern("__module__");
        let m = self.new_str(module);
        self.dict_set_str(ns, key, m);
        let n = self.new_str(name);
        self.push_root(n);
        let b = self.new_tuple(bases);
        self.push_root(b);
        let r = self.call(meta, &[n, b, ns], Value::EMPTY);
        self.pop_roots(mark);
        r
    }

    /// Creates a class: `type(name, bases, dict)` with metaclass `meta`.
    pub fn new_class(
        &mut self,
        meta: Value,
        name: Value,
        bases: &[Value],
        ns: Value,
    ) -> PyResult<Value> {
        self.new_class_kw(meta, name, bases, ns, &[], Value::EMPTY)
    }

    /// Creates a class, passing class keywords to `__init_subclass__`.
    pub fn new_class_kw(
        &mut self,
        meta: Value,
        name: Value,
        bases: &[Value],
        ns: Value,
        kwvals: &[Value],
        kwnames: Value,
    ) -> PyResult<Value> {
        let bases: Vec<Value> = if bases.is_empty() {
            vec![self.g.types.object]
        } else {
            bases.to_vec()
        };
        // Solid base and layout.
        let mut layout = K_INSTANCE;
        let mut flags = TF_HEAP | TF_BASETYPE;
        let mut solid = self.g.types.object;
        for &b in &bases {
            let Some(bo) = Obj::from_value(b).filter(|o| o.kind() == K_TYPE) else {
                let tn = self.type_name_of(b);
                let _ = tn;
                return Err(self.type_error("bases must be types"));
            };
            if type_flags(bo) & TF_BASETYPE == 0 {
                return Err(self.type_error(&format!(
                    "type '{}' is not an acceptable base type",
                    type_name(b)
                )));
            }
            let bl = type_layout(bo);
            if bl != K_INSTANCE {
                if layout != K_INSTANCE && layout != bl {
                    return Err(self.type_error("multiple bases have instance lay-out conflict"));
                }
                layout = bl;
                if solid == self.g.types.object {
                    solid = b;
                }
            }
            flags |= type_flags(bo)
                & (TF_GETATTR | TF_GETATTRIBUTE | TF_SETATTR | TF_EXC | TF_LOCAL | TF_HAS_DEL);
        }
        // The class dict: a fresh dict copy of the namespace.
        let d = self.new_dict();
        let mark = self.push_root(d);
        let items = if self.is_plain_iter_dict(ns) {
            self.dict_items(ns)
        } else {
            let keys = self.call_method(ns, "keys", &[])?;
            // Keys and the values fetched so far stay rooted (in `held`)
            // while the namespace's `__getitem__` runs.
            let (ks, _) = self.collect_rooted(keys)?;
            let held = self.new_list(&[]);
            self.push_root(held);
            let mut v = Vec::new();
            for k in ks {
                let x = self.getitem(ns, k)?;
                self.list_append(held, x);
                v.push((k, x));
            }
            v
        };
        let mut classcell = None;
        for (k, v) in items {
            let k = if is_str(k) { self.intern_value(k) } else { k };
            // The class body's implicit cells are not class attributes:
            // `__class__` is filled by `__build_class__`; the namespace
            // cell of annotation scopes (`__classdict__`) now holds the
            // class dict, as in CPython 3.12.
            if k == self.g.names.__classcell__ || k == self.g.names.__classdictcell__ {
                let Some(c) = Obj::from_value(v).filter(|c| c.kind() == K_CELL) else {
                    let tn = self.repr_string(self.type_of(v));
                    self.pop_roots(mark);
                    let tn = tn?;
                    return Err(self
                        .type_error(&format!("{} must be a nonlocal cell, not {tn}", str_of(k))));
                };
                if k == self.g.names.__classdictcell__ {
                    self.ctx.store(c, 0, d);
                } else {
                    classcell = Some(c);
                }
                continue;
            }
            self.dict_set(d, k, v)?;
        }
        // __slots__: member descriptors after the inherited slot values.
        // Slot values are laid out base first, so the bases' slot layouts
        // are compatible when they form one chain: the base with the most
        // slots must derive from the class that introduced each other
        // base's slots (its solid base, as CPython's `best_base`).
        let widest = bases
            .iter()
            .copied()
            .max_by_key(|&b| type_nslots(Obj::from_value(b).expect("base")));
        let mut base_nslots = 0usize;
        let mut bases_nodict = true;
        for &b in &bases {
            let bo = Obj::from_value(b).expect("base");
            let n = type_nslots(bo);
            if n > 0 && widest.is_some_and(|w| !self.is_subtype(w, slot_solid_base(bo))) {
                self.pop_roots(mark);
                return Err(self.type_error("multiple bases have instance lay-out conflict"));
            }
            base_nslots = base_nslots.max(n);
            // Heap bases say whether their instances have a dict; builtin
            // ones by layout: only exceptions, functions, modules, types,
            // static/class methods and natively defined plain classes do.
            let has_dict = if type_flags(bo) & TF_HEAP != 0 {
                type_flags(bo) & TF_NODICT == 0
            } else {
                // A native class may say its instances have no dict
                // (TF_NODICT), or that a container's have one (TF_INST_DICT).
                type_flags(bo) & TF_INST_DICT != 0
                    || (b != self.g.types.object
                        && type_flags(bo) & TF_NODICT == 0
                        && matches!(
                            type_layout(bo),
                            K_INSTANCE | K_EXC | K_TYPE | K_MODULE | K_FUNCTION | K_WRAPPER
                        ))
            };
            if has_dict {
                bases_nodict = false;
            }
        }
        let mut slot_names = Vec::new();
        let mut nodict = false;
        let mut weakref = true;
        if let Some(sv) = self.dict_get_str(d, self.g.names.__slots__) {
            // A base whose instances take weak references says so with
            // its `__weakref__` descriptor.
            let bases_weak = bases
                .iter()
                .any(|&b| self.lookup_type(b, self.g.names.__weakref__).is_some());
            let may_add = (bases_nodict, !bases_weak);
            let (names, has_dict, has_weakref) = match self.parse_slots(name, sv, may_add) {
                Ok(r) => r,
                Err(e) => {
                    self.pop_roots(mark);
                    return Err(e);
                }
            };
            let mut takes_slots = true;
            if layout != K_INSTANCE {
                // Variable-size builtins (int, tuple, bytes) take no slots at
                // all, not even `__dict__` (CPython: tp_itemsize != 0).
                let raw = names.len() + usize::from(has_dict) + usize::from(has_weakref);
                let t = &self.g.types;
                let (int_t, tuple_t, bytes_t) = (t.int, t.tuple, t.bytes);
                let var_size = [int_t, tuple_t, bytes_t]
                    .into_iter()
                    .any(|v| solid == v || self.is_subtype(solid, v));
                if raw > 0 && var_size {
                    self.pop_roots(mark);
                    let bb = best_base(&bases);
                    return Err(self.type_error(&format!(
                        "nonempty __slots__ not supported for subtype of '{}'",
                        type_name(bb)
                    )));
                }
                // Named slots are stored after the dict (and the number or
                // storage) of str, float, complex, list, dict, set and
                // bytearray subclass instances; other builtin layouts have
                // no room for them, so such classes keep a dict instead.
                let slot_room = matches!(
                    layout,
                    Kind::STR
                        | Kind::FLOAT
                        | K_COMPLEX
                        | Kind::LIST
                        | Kind::DICT
                        | Kind::SET
                        | K_BYTEARRAY
                );
                takes_slots = names.is_empty() || slot_room;
            }
            if takes_slots {
                for &n in &names {
                    // (`__qualname__` leaves the namespace before the check,
                    // as in CPython.)
                    if n != self.g.names.__qualname__ && self.dict_get_str(d, n).is_some() {
                        self.pop_roots(mark);
                        return Err(self.value_error(&format!(
                            "'{}' in __slots__ conflicts with class variable",
                            str_of(n)
                        )));
                    }
                }
                slot_names = names;
                nodict = !has_dict && bases_nodict;
                weakref = has_weakref;
            }
        }
        let nslots = base_nslots + slot_names.len();
        flags |= (nslots as u64) << TF_NSLOTS_SHIFT;
        if nodict {
            flags |= TF_NODICT;
        }
        let object_t = self.g.types.object;
        if layout == K_INSTANCE
            && nslots == 0
            && !nodict
            && flags & TF_LOCAL == 0
            && bases.iter().all(|&b| {
                b == object_t
                    || Obj::from_value(b).is_some_and(|bo| type_flags(bo) & TF_SHAPED != 0)
            })
        {
            flags |= TF_SHAPED;
        }
        if let Some(q) = self.dict_get_str(d, self.g.names.__qualname__) {
            if !is_str(q) {
                self.pop_roots(mark);
                let tn = self.type_name_of(q);
                return Err(self.type_error(&format!("type __qualname__ must be a str, not {tn}")));
            }
        }
        let to = alloc_type(&mut self.ctx, meta, name, d, layout, flags);
        let t = to.value();
        self.push_root(t);
        if let Some(q) = self.dict_get_str(d, self.g.names.__qualname__) {
            to.init(T_QUALNAME, q);
            let _ = self.dict_del(d, self.g.names.__qualname__);
        }
        // `__class__` of the body's methods is the class from here on, as
        // CPython's `type_new_set_classcell` (before `mro()` runs).
        if let Some(c) = classcell {
            self.ctx.store(c, 0, t);
        }
        for (i, &n) in slot_names.iter().enumerate() {
            let m = self.alloc_obj(K_MEMBER, self.g.types.member_descr, 2, 8);
            m.init(0, n);
            m.init(1, t);
            proto_core::layouts::set_raw(m, 0, (1 + base_nslots + i) as u64);
            self.dict_set_str(d, n, m.value());
        }
        let mro = self
            .check_complete_bases(&bases)
            .and_then(|()| self.compute_mro(t, &bases));
        let mut mro = match mro {
            Ok(m) => m,
            Err(e) => {
                self.pop_roots(mark);
                return Err(e);
            }
        };
        // `to` may be shared from here: storing it into the `__class__` cell
        // promotes it when the cell is shared (a method registered in a
        // module-level table), so fields go through the write barrier.
        let mro_t = self.new_tuple(&mro);
        self.store(to, T_MRO, mro_t);
        // Pattern matching's flags: those of the first class in the MRO
        // that has one (CPython's `inherit_patma_flags`).
        let coll = TF_SEQUENCE | TF_MAPPING;
        if let Some(f) = mro.iter().skip(1).find_map(|&m| {
            Obj::from_value(m)
                .filter(|o| o.kind() == K_TYPE)
                .map(|o| type_flags(o) & coll)
                .filter(|&f| f != 0)
        }) {
            set_type_flags(to, type_flags(to) | f);
        }
        let bases_t = self.new_tuple(&bases);
        self.store(to, T_BASES, bases_t);
        let _ = solid;
        self.store(to, T_BASE, best_base(&bases));
        for (k, v) in self.dict_items(d) {
            if is_str(k) {
                self.update_type_flags(to, k);
            }
            // Wrap __new__ / __init_subclass__ / __class_getitem__ implicitly.
            if (k == self.g.names.__init_subclass__ || k == self.g.names.__class_getitem__)
                && Obj::from_value(v).is_some_and(|o| o.kind() == K_FUNCTION)
            {
                let w = self.alloc_obj(K_WRAPPER, self.g.types.classmethod, 2, 0);
                w.init(0, v);
                self.dict_set_str(d, k, w.value());
            }
            if k == self.g.names.__new__
                && Obj::from_value(v).is_some_and(|o| o.kind() == K_FUNCTION)
            {
                let w = self.alloc_obj(K_WRAPPER, self.g.types.staticmethod, 2, 0);
                w.init(0, v);
                self.dict_set_str(d, k, w.value());
            }
        }
        if self.dict_get_str(d, self.g.names.__eq__).is_some()
            && self.dict_get_str(d, self.g.names.__hash__).is_none()
        {
            self.dict_set_str(d, self.g.names.__hash__, Value::NONE);
        }
        if self.dict_get_str(d, self.g.names.__doc__).is_none() {
            self.dict_set_str(d, self.g.names.__doc__, Value::NONE);
        }
        // The first class of a hierarchy whose instances get a `__dict__`
        // (and weak references) exposes them as getset descriptors.
        // Subclasses of the builtins whose subclass instances carry a dict
        // (int, float, complex, str, bytes, bytearray, tuple, list, dict,
        // set, frozenset, deque) expose it the same way.
        let dict_layout = matches!(
            layout,
            K_INSTANCE
                | Kind::GENERIC
                | Kind::FLOAT
                | K_COMPLEX
                | Kind::STR
                | Kind::BYTES
                | K_BYTEARRAY
                | Kind::TUPLE
                | Kind::LIST
                | Kind::DICT
                | Kind::SET
                | K_DEQUE
        );
        if dict_layout && bases_nodict {
            if !nodict && self.dict_get_str(d, self.g.names.__dict__).is_none() {
                self.add_dict_descriptor(t);
            }
            if weakref && self.dict_get_str(d, self.g.names.__weakref__).is_none() {
                let g = self.g.instance_dict_fns[3];
                let wd = self.new_getset(t, self.g.names.__weakref__, g, Value::NONE);
                self.dict_set_str(d, self.g.names.__weakref__, wd);
            }
        }
        // A metaclass's own `mro()` runs once the class is otherwise
        // complete (CPython's `type_ready` calls it).
        if meta != self.g.types.type_ {
            // No MRO yet while `mro()` runs: `__mro__` reads None.
            let empty = self.new_tuple(&[]);
            self.store(to, T_MRO, empty);
            self.type_modified(t);
            match self.invoke_mro(t) {
                Ok(m) => {
                    let mt = self.new_tuple(&m);
                    self.store(to, T_MRO, mt);
                    self.type_modified(t);
                    mro = m;
                }
                Err(e) => {
                    self.pop_roots(mark);
                    return Err(e);
                }
            }
        }
        // __set_name__
        for (k, v) in self.dict_items(d) {
            if let Some(vo) = Obj::from_value(v) {
                if !matches!(
                    vo.kind(),
                    K_FUNCTION | K_BUILTIN | Kind::STR | Kind::TUPLE | K_TYPE
                ) {
                    let vt = vo.class();
                    if let Some(f) = self.lookup_type(vt, self.g.names.__set_name__) {
                        if let Err(e) = self.call_bound(f, v, &[t, k]) {
                            self.pop_roots(mark);
                            // 3.11 wraps the error (PEP 487 notes).
                            let msg = format!(
                                "Error calling __set_name__ on '{}' instance {} in '{}'",
                                type_name(vt),
                                self.repr_string(k).unwrap_or_default(),
                                str_of(name)
                            );
                            let ne = self.new_exc(self.g.e.RuntimeError, &msg);
                            let no = Obj::from_value(ne.0).expect("exc");
                            self.store(no, EXC_CAUSE, e.0);
                            self.store(no, EXC_SUPPRESS, Value::TRUE);
                            return Err(ne);
                        }
                    }
                }
            }
        }
        // `super(cls, cls).__init_subclass__`, as CPython finds it: the
        // classes after `cls` in its MRO; a class missing from its own MRO
        // (a metaclass's `mro()` left it out) is refused by super's check.
        let Some(pos) = mro.iter().position(|&c| c == t) else {
            self.pop_roots(mark);
            return Err(
                self.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        };
        if mro.len() > pos + 1 {
            let sup = self.super_lookup(t, mro[pos + 1..].to_vec(), self.g.names.__init_subclass__);
            if let Some(f) = sup {
                let bound = self.bind_descr(f, Value::NONE, t)?;
                if let Err(e) = self.call(bound, kwvals, kwnames) {
                    self.pop_roots(mark);
                    return Err(e);
                }
            }
        }
        self.pop_roots(mark);
        for &b in &bases {
            self.add_subclass(b, t);
        }
        // Lookups while the class was being built (by `__set_name__`,
        // `__init_subclass__`) saw it before its MRO and dict were final.
        self.type_modified(t);
        Ok(t)
    }

    fn super_lookup(&mut self, _t: Value, mro: Vec<Value>, name: Value) -> Option<Value> {
        for c in mro {
            let co = Obj::from_value(c)?;
            if let Some(v) = self.dict_get_str(co.get(T_DICT), name) {
                return Some(v);
            }
        }
        None
    }

    /// `super(t, obj).name` (CPython's super_getattro): the classes after
    /// `t` in the MRO of `obj`'s type; `__class__`, an unbound super and
    /// names found nowhere there are the super object's own attributes.
    pub fn super_getattr(&mut self, sup: Value, name: Value) -> PyResult<Value> {
        let Some(so) = Obj::from_value(sup).filter(|o| o.kind() == K_SUPER) else {
            let tn = self.type_name_of(sup);
            return Err(self.type_error(&format!(
                "descriptor '__getattribute__' requires a 'super' object but received a '{tn}'"
            )));
        };
        let (t, obj, objtype) = (so.get(0), so.get(1), so.get(2));
        let unbound = objtype.is_empty() || objtype.is_none();
        if !unbound && name != self.g.names.__class__ {
            let mo = type_mro(Obj::from_value(objtype).expect("type"));
            let mro: Vec<Value> = (0..mo.n_values()).map(|i| mo.get(i)).collect();
            let pos = mro
                .iter()
                .position(|&c| c == t)
                .map(|p| p + 1)
                .unwrap_or(mro.len());
            for &c in &mro[pos..] {
                let co = Obj::from_value(c).expect("type");
                if let Some(v) = self.dict_get_str(co.get(T_DICT), name) {
                    // `super(C, C).m`: obj is the type itself, bound as a
                    // class access.
                    let instance = if obj == objtype
                        && Obj::from_value(obj).is_some_and(|x| x.kind() == K_TYPE)
                    {
                        Value::NONE
                    } else {
                        obj
                    };
                    return self.bind_descr(v, instance, objtype);
                }
            }
        }
        match &*str_of(name) {
            "__thisclass__" => return Ok(or_none(t)),
            "__self__" => return Ok(or_none(obj)),
            "__self_class__" => return Ok(or_none(objtype)),
            _ => {}
        }
        match self.generic_getattr(sup, name)? {
            Some(v) => Ok(v),
            None => Err(self.attr_error(sup, name)),
        }
    }
}

#[inline]
/// What the suspended generator `o` delegates to (`gi_yieldfrom`,
/// `cr_await`, `ag_await`): suspended in YIELD_FROM (its pc is kept on that
/// instruction), the delegate is on top of its saved stack; else None.
pub fn gen_delegate(o: Obj) -> Value {
    if proto_core::layouts::get_raw(o, GEN_RAW_STATE) != GEN_SUSPENDED {
        return Value::NONE;
    }
    let pc = proto_core::layouts::get_raw(o, call::GEN_RAW_PC) as usize;
    let sp = proto_core::layouts::get_raw(o, call::GEN_RAW_SP) as usize;
    if let Some(cd) = code_data(o.get(GEN_CODE)) {
        let code = &cd.code.code;
        if code.get(pc * 2) == Some(&(crate::bytecode::Opcode::YieldFrom as u8)) && sp > 0 {
            if let Some(st) = Obj::from_value(o.get(call::GEN_FRAME)) {
                return or_none(st.get(sp - 1));
            }
        }
    }
    Value::NONE
}

fn or_none(v: Value) -> Value {
    if v.is_empty() {
        Value::NONE
    } else {
        v
    }
}

/// `__base__` of a class with these bases (CPython's best_base): the first
/// base with a builtin instance layout, else the first with `__slots__`
/// values, else the first base.
/// The class that gave `t`'s instances their layout: `t`, or the nearest
/// base up its `__base__` chain that `t` and the classes between add no
/// slot and no dict to.
fn layout_owner(t: Obj) -> Obj {
    let mut c = t;
    while let Some(b) = Obj::from_value(c.get(T_BASE)).filter(|o| o.kind() == K_TYPE) {
        let same = type_nslots(b) == type_nslots(c)
            && type_layout(b) == type_layout(c)
            && type_flags(b) & TF_NODICT == type_flags(c) & TF_NODICT;
        if !same {
            break;
        }
        c = b;
    }
    c
}

/// `__class__` assignment between `a` and `b`: the classes that gave
/// their instances their layouts are one class, or both extend one base
/// (CPython's `compatible_for_assignment`; the added slots are compared
/// by the caller). Equal slot lists reached through different parents
/// are different layouts.
fn same_layout_parent(a: Obj, b: Obj) -> bool {
    let (la, lb) = (layout_owner(a), layout_owner(b));
    la.value() == lb.value() || la.get(T_BASE) == lb.get(T_BASE)
}

/// Whether class `t` is on the `__base__` chain of class `b` (set before
/// the MRO while `__bases__` is being assigned).
fn base_chain_reaches(b: Value, t: Value) -> bool {
    let mut c = Obj::from_value(b).filter(|o| o.kind() == K_TYPE);
    while let Some(co) = c {
        if co.value() == t {
            return true;
        }
        c = Obj::from_value(co.get(T_BASE)).filter(|o| o.kind() == K_TYPE);
    }
    false
}

fn best_base(bases: &[Value]) -> Value {
    let rank = |b: Value| {
        let bo = Obj::from_value(b).expect("base");
        if type_layout(bo) != K_INSTANCE {
            2
        } else {
            usize::from(type_nslots(bo) > 0)
        }
    };
    let mut best = bases[0];
    for &b in bases {
        if rank(b) > rank(best) {
            best = b;
        }
    }
    best
}

/// Getter of the `__dict__` descriptor of classes whose instances have one.
pub(crate) fn instance_dict_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let obj = a.first().copied().unwrap_or(Value::NONE);
    if let Some(d) = builtin_dict_descr(vm, obj) {
        let tp = vm.type_of(obj);
        return vm.bind_descr(d, obj, tp);
    }
    match Obj::from_value(obj).and_then(|o| vm.ensure_dict(o)) {
        Some(d) => Ok(d),
        None => Err(vm.attr_error(obj, vm.g.names.__dict__)),
    }
}

/// Setter of the `__dict__` descriptor: replaces the instance dict.
pub(crate) fn instance_dict_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let [obj, v] = match a {
        [o, v, ..] => [*o, *v],
        _ => return Err(vm.type_error("setter expected a value")),
    };
    if let Some(d) = builtin_dict_descr(vm, obj) {
        return vm.call_method(d, "__set__", &[obj, v]);
    }
    refuse_module_dict_store(vm, obj)?;
    if !vm.isinstance(v, vm.g.types.dict) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "__dict__ must be set to a dictionary, not a '{tn}'"
        )));
    }
    store_instance_dict(vm, obj, v)
}

/// Deleter of the `__dict__` descriptor of classes: drops the instance
/// dict (CPython's subtype_setdict with NULL); the next read makes a new,
/// empty one.
pub(crate) fn instance_dict_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let obj = a.first().copied().unwrap_or(Value::NONE);
    if let Some(d) = builtin_dict_descr(vm, obj) {
        return vm.call_method(d, "__delete__", &[obj]);
    }
    refuse_module_dict_store(vm, obj)?;
    store_instance_dict(vm, obj, Value::EMPTY)
}

/// The `__dict__` descriptor of `type` when `obj` is a class: a
/// metaclass's instance-dict descriptor (from a plain base listed beside
/// `type`) defers to it, as CPython's `get_builtin_base_with_dict`.
fn builtin_dict_descr(vm: &mut Vm, obj: Value) -> Option<Value> {
    if Obj::from_value(obj)?.kind() != K_TYPE {
        return None;
    }
    let d = Obj::from_value(vm.g.types.type_)?.get(T_DICT);
    vm.dict_get_str(d, vm.g.names.__dict__)
}

/// A module keeps its dict for life: its `__dict__` is read-only even
/// through a subclass's instance-dict descriptor (CPython's module member).
fn refuse_module_dict_store(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if Obj::from_value(obj).is_some_and(|o| o.kind() == K_MODULE) {
        return Err(vm.new_exc(vm.g.e.AttributeError, "readonly attribute"));
    }
    Ok(())
}

/// Stores `v` (a dict, or EMPTY for none) as `obj`'s instance dict;
/// AttributeError for an object without one. Refused on a frozen object,
/// and done under its lock when shared (see `Vm::with_mut_lock`).
fn store_instance_dict(vm: &mut Vm, obj: Value, v: Value) -> PyResult<Value> {
    let home = Obj::from_value(obj)
        .filter(|o| o.kind() != K_TYPE)
        .and_then(|o| vm.dict_home(o));
    let (Some((h, slot)), Some(o)) = (home, Obj::from_value(obj)) else {
        return Err(vm.attr_error(obj, vm.g.names.__dict__));
    };
    // A shaped instance changes to dict mode first (one-way), so that no
    // later store goes inline.
    if let Some(r) = vm.materialize_asked(o) {
        r?;
    }
    vm.with_mut_lock(o, |ctx| ctx.store(h, slot, v))?;
    Ok(Value::NONE)
}

/// Getter of `__weakref__`: ProtoPy keeps no weak reference list, so None
/// (what CPython returns for an object nobody weakly references).
pub(crate) fn instance_weakref_get(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// The class in `t`'s MRO that introduced the last of its slots: the
/// furthest entry that still has all of `t`'s slots.
fn slot_solid_base(t: Obj) -> Value {
    let n = type_nslots(t);
    let mro = type_mro(t);
    // Every class in the MRO with slot values lies on one chain (else `t`
    // could not have been made), so the last with `t`'s count introduced
    // them; slotless mixins in between (`class E(Mixin, Slotted)`) do not
    // end the walk.
    let mut solid = t.value();
    for i in 0..mro.n_values() {
        let m = mro.get(i);
        if Obj::from_value(m).is_some_and(|mo| type_nslots(mo) == n) {
            solid = m;
        }
    }
    solid
}

/// Whether `o` (a `K_PROPERTY` object) is an instance of a Python subclass
/// of property, which has a dict slot (`property.__new__` gives it one; the
/// getset and member descriptors and `_tuplegetter` have other layouts).
fn is_property_subclass_instance(o: Obj) -> bool {
    o.n_values() == PROPERTY_DICT + 1
        && Obj::from_value(o.class()).is_some_and(|t| type_flags(t) & TF_HEAP != 0)
}
