//! `object` and `type`.

use crate::args::{check, Args};
use engine::runtime::call::{object_init, object_new};
use engine::runtime::ops::object_hash_marker;
use engine::runtime::text::object_str_marker;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

/// Arity of a slot wrapper (`x.__setattr__(...)`, `T.__instancecheck__(...)`):
/// exactly `n` arguments after the receiver, with CPython's message.
pub(crate) fn wrapper_args(vm: &mut Vm, a: &[Value], n: usize) -> PyResult<()> {
    let got = a.len().saturating_sub(1);
    if got == n {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    Err(vm.type_error(&format!("expected {n} argument{s}, got {got}")))
}

/// An attribute name argument: a str, else CPython's TypeError.
pub(crate) fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::STR) {
        return Ok(v);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("attribute name must be string, not '{tn}'")))
}

fn obj_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = vm.default_repr(a[0]);
    Ok(vm.new_str(&s))
}

fn obj_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(if a[0] == a[1] {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}

fn obj_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    let n = vm.g.names.__eq__;
    match vm.call_special_cmp(a[0], n, a[1])? {
        Some(r) if r != Value::NOT_IMPLEMENTED => {
            let b = vm.truthy(r)?;
            Ok(Value::bool(!b))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// object's ordering methods: always NotImplemented.
fn obj_order(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

fn obj_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let spec = a.get(1).copied().unwrap_or(Value::NONE);
    if !is_str(spec) {
        let tn = vm.arg_type_name(spec);
        return Err(vm.type_error(&format!("__format__() argument must be str, not {tn}")));
    }
    if is_str(spec) && !str_bytes(spec).is_empty() {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "unsupported format string passed to {tn}.__format__"
        )));
    }
    vm.str(a[0])
}

fn obj_getattribute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    let name = attr_name(vm, a[1])?;
    match vm.object_getattribute(a[0], name)? {
        Some(v) => Ok(v),
        None => Err(vm.generic_attr_error(a[0], name)),
    }
}

/// CPython's hackcheck: `object.__setattr__`/`__delattr__` must not jump
/// over a type's own (C-level) attribute setter, as on a class object.
fn reject_type_receiver(vm: &mut Vm, v: Value, what: &str) -> PyResult<()> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("can't apply this {what} to {tn} object")));
    }
    Ok(())
}

fn obj_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 2)?;
    reject_type_receiver(vm, a[0], "__setattr__")?;
    let name = attr_name(vm, a[1])?;
    let n = vm.intern_value(name);
    vm.generic_setattr(a[0], n, a[2])?;
    Ok(Value::NONE)
}

fn obj_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    reject_type_receiver(vm, a[0], "__delattr__")?;
    let name = attr_name(vm, a[1])?;
    vm.generic_delattr(a[0], name)?;
    Ok(Value::NONE)
}

/// The receiver of `type.__setattr__`/`__delattr__`: a type, else
/// CPython's descriptor TypeError.
fn type_receiver(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<()> {
    if a.first()
        .and_then(|&v| Obj::from_value(v))
        .is_some_and(|o| o.kind() == K_TYPE)
    {
        return Ok(());
    }
    let tn = match a.first() {
        Some(&v) => vm.type_name_of(v),
        None => {
            return Err(vm.type_error(&format!(
                "descriptor '{what}' of 'type' object needs an argument"
            )))
        }
    };
    Err(vm.type_error(&format!(
        "descriptor '{what}' requires a 'type' object but received a '{tn}'"
    )))
}

/// `type.__setattr__`: the class-attribute store (epoch bump included).
fn type_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_receiver(vm, a, "__setattr__")?;
    wrapper_args(vm, a, 2)?;
    let name = attr_name(vm, a[1])?;
    let n = vm.intern_value(name);
    vm.generic_setattr(a[0], n, a[2])?;
    Ok(Value::NONE)
}

/// `type.__delattr__`.
fn type_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_receiver(vm, a, "__delattr__")?;
    wrapper_args(vm, a, 1)?;
    let name = attr_name(vm, a[1])?;
    vm.generic_delattr(a[0], name)?;
    Ok(Value::NONE)
}

fn obj_init_subclass(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    if !args.kw.is_empty() || args.pos.len() > 1 {
        let n = args.pos.first().map(|&c| type_name(c)).unwrap_or_default();
        return Err(vm.type_error(&format!(
            "{n}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::NONE)
}

/// `object.__dir__` (CPython's object___dir___impl): the keys of the
/// object's `__dict__` attribute (ignored unless a dict; an error other than
/// AttributeError propagates), then those of its
/// `__class__` and of that class's bases, read as attributes, so proxies
/// and bound methods (whose `__dict__` is their function's) list what they
/// forward.
fn obj_dir(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = a[0];
    let mut strs: Vec<String> = Vec::new();
    let own = match Obj::from_value(v) {
        // A thread-local object's attributes: this thread's dict.
        Some(o) if Vm::is_local(o) => Some(vm.local_dict(v)?),
        // Only AttributeError means "none" (CPython's
        // _PyObject_LookupAttr): a dead proxy's ReferenceError propagates.
        _ => vm.getattr_opt(v, vm.g.names.__dict__)?,
    };
    if let Some(d) = own.filter(|&d| vm.isinstance(d, vm.g.types.dict)) {
        strs.extend(
            vm.dict_items(d)
                .into_iter()
                .map(|(k, _)| str_of(k).into_owned()),
        );
    }
    if let Some(cls) = vm.getattr_opt(v, vm.g.names.__class__)? {
        merge_class_names(vm, cls, &mut strs)?;
    }
    strs.sort();
    strs.dedup();
    let vals: Vec<Value> = strs.iter().map(|s| vm.new_str(s)).collect();
    Ok(vm.new_list(&vals))
}

/// CPython's `merge_class_dict`: the names of `cls.__dict__`, then of each
/// class in `cls.__bases__`, recursively; a missing or odd attribute is
/// skipped, as CPython clears those errors.
fn merge_class_names(vm: &mut Vm, cls: Value, out: &mut Vec<String>) -> PyResult<()> {
    vm.in_recursive_call("", |vm| merge_class_names_in(vm, cls, out))
}

fn merge_class_names_in(vm: &mut Vm, cls: Value, out: &mut Vec<String>) -> PyResult<()> {
    let mark = vm.push_root(cls);
    let r = (|| {
        if let Ok(Some(d)) = vm.getattr_opt(cls, vm.g.names.__dict__) {
            // A class's dict arrives as a mappingproxy over its dict.
            let inner = match Obj::from_value(d) {
                Some(o) if o.kind() == K_DICTVIEW && o.class() == vm.g.types.mappingproxy => {
                    o.get(0)
                }
                _ => d,
            };
            if Obj::from_value(inner).is_some_and(|o| o.kind() == Kind::DICT) {
                out.extend(
                    vm.dict_items(inner)
                        .into_iter()
                        .map(|(k, _)| str_of(k).into_owned()),
                );
            } else {
                let mark = vm.push_root(d);
                let keys = vm.call_method(d, "keys", &[]);
                let keys = keys.and_then(|k| vm.collect(k));
                vm.pop_roots(mark);
                out.extend(keys?.into_iter().map(|k| str_of(k).into_owned()));
            }
        }
        if let Ok(Some(bases)) = vm.getattr_opt(cls, vm.g.names.__bases__) {
            if Obj::from_value(bases).is_some_and(|o| o.kind() == Kind::TUPLE) {
                let mark = vm.push_root(bases);
                let items = vm.seq_items(bases);
                let mut r = Ok(());
                for b in items {
                    r = merge_class_names(vm, b, out);
                    if r.is_err() {
                        break;
                    }
                }
                vm.pop_roots(mark);
                r?;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// CPython's `_common_reduce`: the default reduce value of `obj` for
/// `protocol`: `copyreg._reduce_ex` below protocol 2, `reduce_newobj`
/// from 2 on.
fn common_reduce(vm: &mut Vm, obj: Value, protocol: i64) -> PyResult<Value> {
    if protocol >= 2 {
        return reduce_newobj(vm, obj);
    }
    let m = vm.import_module("copyreg")?;
    let n = vm.intern("_reduce_ex");
    let f = vm.getattr(m, n)?;
    vm.call(f, &[obj, Value::int(protocol)], Value::EMPTY)
}

/// `(type(obj), (getattr(obj, a) for a in attrs))`: the `__reduce__` of
/// builtin values rebuilt from their public attributes (range, slice).
pub fn reduce_from_attrs(vm: &mut Vm, obj: Value, attrs: &[&str]) -> PyResult<Value> {
    let mark = vm.push_root(obj);
    let mut vals = Vec::with_capacity(attrs.len());
    for a in attrs {
        let n = vm.intern(a);
        match vm.getattr(obj, n) {
            Ok(v) => {
                vm.push_root(v);
                vals.push(v);
            }
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    let args = vm.new_tuple(&vals);
    vm.push_root(args);
    let tp = vm.type_of(obj);
    let r = vm.new_tuple(&[tp, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// The first class of `tp`'s MRO that no class statement made: the
/// builtin type whose layout holds an instance's value.
fn builtin_base(vm: &Vm, tp: Value) -> Value {
    let mro = vm.seq_items(Obj::from_value(tp).expect("type").get(T_MRO));
    mro.into_iter()
        .find(|&c| Obj::from_value(c).map_or(0, type_flags) & TF_HEAP == 0)
        .unwrap_or(vm.g.types.object)
}

/// CPython's `_PyObject_GetNewArguments`: `(args, kwargs)` for
/// `cls.__new__` from `__getnewargs_ex__` or `__getnewargs__` (checked as
/// CPython checks them); `None` when the class has neither.
fn new_arguments(vm: &mut Vm, obj: Value) -> PyResult<Option<(Value, Value)>> {
    let name = vm.intern("__getnewargs_ex__");
    if let Some(r) = vm.call_special(obj, name, &[])? {
        let is_tuple = |v: Value| Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE);
        if !is_tuple(r) {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!(
                "__getnewargs_ex__ should return a tuple, not '{tn}'"
            )));
        }
        let pair = vm.seq_items(r);
        if pair.len() != 2 {
            return Err(vm.value_error(&format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            )));
        }
        if !is_tuple(pair[0]) {
            let tn = vm.type_name_of(pair[0]);
            return Err(vm.type_error(&format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{tn}'"
            )));
        }
        if !Obj::from_value(pair[1]).is_some_and(|o| o.kind() == Kind::DICT) {
            let tn = vm.type_name_of(pair[1]);
            return Err(vm.type_error(&format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{tn}'"
            )));
        }
        return Ok(Some((pair[0], pair[1])));
    }
    let name = vm.intern("__getnewargs__");
    if let Some(r) = vm.call_special(obj, name, &[])? {
        if !Obj::from_value(r).is_some_and(|o| o.kind() == Kind::TUPLE) {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!("__getnewargs__ should return a tuple, not '{tn}'")));
        }
        return Ok(Some((r, Value::EMPTY)));
    }
    Ok(None)
}

/// CPython's `reduce_newobj` (`object.__reduce_ex__` from protocol 2 on):
/// `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`, or
/// `(copyreg.__newobj_ex__, (cls, args, kwargs), ...)` when
/// `__getnewargs_ex__` gives keyword arguments. The state comes from
/// `__getstate__`; object's own refuses (as CPython's "required" state) an
/// instance of a builtin type other than object that has no new
/// arguments, since its value could not be rebuilt. List and dict
/// instances also hand back iterators over their items.
fn reduce_newobj(vm: &mut Vm, obj: Value) -> PyResult<Value> {
    let tp = vm.type_of(obj);
    let mark = vm.push_root(obj);
    let r = reduce_newobj_rooted(vm, obj, tp);
    vm.pop_roots(mark);
    r
}

fn reduce_newobj_rooted(vm: &mut Vm, obj: Value, tp: Value) -> PyResult<Value> {
    let new_args = new_arguments(vm, obj)?;
    if let Some((args, kwargs)) = new_args {
        vm.push_root(args);
        vm.push_root(kwargs);
    }
    let copyreg = vm.import_module("copyreg")?;
    vm.push_root(copyreg);
    let has_kwargs = new_args.is_some_and(|(_, kw)| {
        Obj::from_value(kw).is_some_and(|d| proto_core::layouts::dict::len(d) > 0)
    });
    let (newobj, newargs) = if has_kwargs {
        let (args, kwargs) = new_args.expect("kwargs come with args");
        let n = vm.intern("__newobj_ex__");
        let f = vm.getattr(copyreg, n)?;
        vm.push_root(f);
        (f, vm.new_tuple(&[tp, args, kwargs]))
    } else {
        let n = vm.intern("__newobj__");
        let f = vm.getattr(copyreg, n)?;
        vm.push_root(f);
        let mut items = vec![tp];
        if let Some((args, _)) = new_args {
            items.extend(vm.seq_items(args));
        }
        (f, vm.new_tuple(&items))
    };
    vm.push_root(newargs);
    let is_list = vm.isinstance(obj, vm.g.types.list);
    let is_dict = vm.isinstance(obj, vm.g.types.dict);
    let name = vm.intern("__getstate__");
    let own = vm.lookup_type(tp, name);
    let base = vm.lookup_type(vm.g.types.object, name);
    let state = if own.is_some() && own == base {
        let required = new_args.is_none() && !is_list && !is_dict;
        // CPython refuses when the instance's layout is bigger than
        // object's plus its dict and slots: a builtin base holding a value.
        // Immediates with no new arguments (None) hold nothing more.
        if required && obj.is_heap() && builtin_base(vm, tp) != vm.g.types.object {
            let tn = type_name(tp);
            return Err(vm.type_error(&format!("cannot pickle '{tn}' object")));
        }
        obj_getstate(vm, &[obj], Value::EMPTY)?
    } else {
        let f = vm.getattr(obj, name)?;
        vm.call(f, &[], Value::EMPTY)?
    };
    vm.push_root(state);
    let listitems = if is_list { vm.iter(obj)? } else { Value::NONE };
    vm.push_root(listitems);
    let dictitems = if is_dict {
        let items = vm.call_method(obj, "items", &[])?;
        vm.iter(items)?
    } else {
        Value::NONE
    };
    Ok(vm.new_tuple(&[newobj, newargs, state, listitems, dictitems]))
}

/// `object.__reduce__()`: the protocol-0 default reduce value
/// (`copyreg._reduce_ex(self, 0)`).
fn obj_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    common_reduce(vm, a[0], 0)
}

/// `object.__reduce_ex__(protocol)`: the protocol must be a C int; a
/// class's own `__reduce__` (one other than object's) answers, else the
/// default reduce value for the protocol.
fn obj_reduce_ex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let protocol = crate::args::py_long_as_int(vm, a[1])?;
    let tp = vm.type_of(a[0]);
    let name = vm.intern("__reduce__");
    let own = vm.lookup_type(tp, name);
    let base = vm.lookup_type(vm.g.types.object, name);
    if let Some(f) = own.filter(|&f| Some(f) != base) {
        return vm.call_bound(f, a[0], &[]);
    }
    common_reduce(vm, a[0], protocol)
}

/// `object.__class__`'s getter: the type of the instance.
fn obj_class_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.type_of(a[0]))
}

/// `object.__class__`'s setter: `obj.__class__ = cls` (both heap types of
/// the same layout).
fn obj_class_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.set_class(a[0], a[1])?;
    Ok(Value::NONE)
}

/// `object.__class__`'s deleter: CPython refuses.
fn obj_class_del(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("can't delete __class__ attribute"))
}

/// `object.__getstate__()` (3.11): the instance dict when it is not empty
/// (the dict itself, else None), paired with a dict of the `__slots__`
/// members that are set, when there are any (as `copyreg._slotnames`
/// finds them: every class of the MRO, private names mangled).
fn obj_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "object.__getstate__", &a[1..], k, 0, 0)?;
    let v = a[0];
    let dict = Obj::from_value(v)
        .and_then(|o| vm.instance_dict(o))
        .filter(|&d| Obj::from_value(d).is_some_and(|d| proto_core::layouts::dict::len(d) > 0));
    let state = dict.unwrap_or(Value::NONE);
    let tp = vm.type_of(v);
    let mro = vm.seq_items(Obj::from_value(tp).expect("type").get(T_MRO));
    let slots_key = vm.intern("__slots__");
    let mut slot_names: Vec<String> = Vec::new();
    for c in mro {
        let Some(co) = Obj::from_value(c) else {
            continue;
        };
        let Some(decl) = vm.dict_get_str(co.get(T_DICT), slots_key) else {
            continue;
        };
        let names = if Obj::from_value(decl).is_some_and(|o| o.kind() == Kind::STR) {
            vec![decl]
        } else {
            vm.collect(decl)?
        };
        let cname = str_of(co.get(T_NAME)).into_owned();
        for n in names {
            let n = str_of(n).into_owned();
            if n == "__dict__" || n == "__weakref__" {
                continue;
            }
            slot_names.push(engine::compiler::symtable::mangle(Some(&cname), &n));
        }
    }
    if slot_names.is_empty() {
        return Ok(state);
    }
    let slots = vm.new_dict();
    for n in slot_names {
        let key = vm.intern(&n);
        if let Some(x) = vm.getattr_opt(v, key)? {
            vm.dict_set_str(slots, key, x);
        }
    }
    if Obj::from_value(slots).is_some_and(|d| proto_core::layouts::dict::len(d) == 0) {
        return Ok(state);
    }
    Ok(vm.new_tuple(&[state, slots]))
}

/// `object.__subclasshook__(...)`: NotImplemented (the ABC machinery's
/// "no opinion"), whatever the arguments.
fn obj_subclasshook(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

/// `object.__sizeof__()`: the bytes the object owns in ProtoPy (its
/// cells and out-of-line storage: `Vm::owned_bytes`).
fn obj_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_int(vm.owned_bytes(a[0]) as i64))
}

fn type_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let pos = args.pos;
    if pos.len() == 2 && args.kw.is_empty() && pos[0] == vm.g.types.type_ {
        return Ok(vm.type_of(pos[1]));
    }
    if pos.len() != 4 {
        return Err(vm.type_error(if pos.len() == 2 {
            "type.__new__() takes exactly 3 arguments (1 given)"
        } else {
            "type() takes 1 or 3 arguments"
        }));
    }
    let meta = pos[0];
    let name = pos[1];
    if !is_str(name) {
        let tn = vm.arg_type_name(name);
        return Err(vm.type_error(&format!("type.__new__() argument 1 must be str, not {tn}")));
    }
    if !Obj::from_value(pos[2]).is_some_and(|o| o.kind() == Kind::TUPLE) {
        let tn = vm.type_name_of(pos[2]);
        return Err(vm.type_error(&format!(
            "type.__new__() argument 2 must be tuple, not {tn}"
        )));
    }
    if !Obj::from_value(pos[3]).is_some_and(|o| o.kind() == Kind::DICT) {
        let tn = vm.type_name_of(pos[3]);
        return Err(vm.type_error(&format!("type.__new__() argument 3 must be dict, not {tn}")));
    }
    let bases = vm.seq_items(pos[2]);
    let ns = pos[3];
    check_type_name(vm, name)?;
    let qn = vm.intern("__qualname__");
    if let Some(q) = vm.dict_get_str(ns, qn) {
        if !is_str(q) {
            let tn = vm.type_name_of(q);
            return Err(vm.type_error(&format!("type __qualname__ must be a str, not {tn}")));
        }
    }
    if let Some(doc) = vm.dict_get_str(ns, vm.g.names.__doc__) {
        if is_str(doc) {
            utf8_check(vm, doc)?;
        }
    }
    let winner = vm.calculate_metaclass(meta, &bases)?;
    let kwn: Vec<Value> = args.kw.iter().map(|(k, _)| *k).collect();
    let kwv: Vec<Value> = args.kw.iter().map(|(_, v)| *v).collect();
    let kn = if kwn.is_empty() {
        Value::EMPTY
    } else {
        vm.new_tuple(&kwn)
    };
    // The keyword-names tuple is new: rooted while the class is made
    // (which allocates) and `__init_subclass__` is called with it.
    let mark = vm.push_root(kn);
    let r = type_new_with(vm, meta, winner, name, &bases, pos[2], ns, &kwv, kn);
    vm.pop_roots(mark);
    r
}

/// CPython's `PyUnicode_AsUTF8`: a str with a lone surrogate has no UTF-8
/// form (UnicodeEncodeError).
fn utf8_check(vm: &mut Vm, s: Value) -> PyResult<()> {
    if str_of(s).is_ascii() {
        return Ok(());
    }
    let enc = vm.new_str("utf-8");
    vm.call_method(s, "encode", &[enc]).map(|_| ())
}

/// A class name must encode to UTF-8 and hold no NUL character.
fn check_type_name(vm: &mut Vm, name: Value) -> PyResult<()> {
    utf8_check(vm, name)?;
    if str_of(name).contains('\0') {
        return Err(vm.value_error("type name must not contain null characters"));
    }
    Ok(())
}

/// `type.__new__` once the arguments are checked: hands over to `winner`'s
/// own `__new__`, or makes the class.
#[allow(clippy::too_many_arguments)]
fn type_new_with(
    vm: &mut Vm,
    meta: Value,
    winner: Value,
    name: Value,
    bases: &[Value],
    bases_tuple: Value,
    ns: Value,
    kwv: &[Value],
    kn: Value,
) -> PyResult<Value> {
    if winner != meta {
        // A more derived metaclass with its own __new__ takes over.
        let own = vm.lookup_type(winner, vm.g.names.__new__);
        let base_new = vm.lookup_type(vm.g.types.type_, vm.g.names.__new__);
        if own != base_new {
            if let Some(f) = own {
                let f = vm.bind_descr(f, Value::NONE, winner)?;
                let mut a = vec![winner, name, bases_tuple, ns];
                a.extend(kwv.iter().copied());
                let mark = vm.push_root(f);
                let r = vm.call(f, &a, kn);
                vm.pop_roots(mark);
                return r;
            }
        }
    }
    let name = vm.intern_value(name);
    let cls = vm.new_class_kw(winner, name, bases, ns, kwv, kn)?;
    // __module__ defaults to the caller's module name.
    if let Some(co) = Obj::from_value(cls) {
        let d = co.get(T_DICT);
        let km = vm.g.names.__module__;
        if vm.dict_get_str(d, km).is_none() {
            let g = vm.frames.last().map(|f| f.globals.value());
            if let Some(g) = g {
                if let Some(m) = vm.dict_get_str(g, vm.g.names.__name__) {
                    vm.dict_set_str(d, km, m);
                    vm.type_modified(cls);
                }
            }
        }
    }
    Ok(cls)
}

fn type_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// `type.mro(cls)`: the C3 linearisation of `cls`'s current `__bases__`
/// (what a metaclass's own `mro()` builds on), not the stored `__mro__`.
fn type_mro(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(t) = Obj::from_value(a[0]).filter(|o| o.kind() == K_TYPE) else {
        let m = vm.getattr(a[0], vm.g.names.__mro__)?;
        let items = vm.seq_items(m);
        return Ok(vm.new_list(&items));
    };
    let bases = vm.seq_items(t.get(T_BASES));
    let items = vm.compute_mro(a[0], &bases)?;
    Ok(vm.new_list(&items))
}

fn type_subclasses(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let items = match Obj::from_value(a[0]).filter(|o| o.kind() == K_TYPE) {
        Some(o) => vm.subclasses(o),
        None => Vec::new(),
    };
    Ok(vm.new_list(&items))
}

fn type_instancecheck(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(Value::bool(vm.isinstance(a[1], a[0])))
}

fn type_subclasscheck(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(Value::bool(vm.is_subtype(a[1], a[0])))
}

fn type_prepare(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_dict())
}

fn type_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // type.__call__(cls, *args): used by metaclasses calling super().__call__.
    let cls = a[0];
    let base = vm.ctx.stack().top();
    vm.ctx.stack().push(cls);
    for &x in &a[1..] {
        vm.ctx.stack().push(x);
    }
    if k.is_heap() {
        vm.ctx.stack().push(k);
    }
    let n = a.len() - 1;
    let r = vm.type_call_default(cls, base, n, k);
    vm.ctx.stack().set_top(base);
    r
}

fn type_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = match Obj::from_value(a[0]).filter(|o| o.kind() == K_TYPE) {
        Some(o) => vm.class_repr(o),
        None => vm.repr_fast(a[0])?.unwrap_or_default(),
    };
    Ok(vm.new_str(&s))
}

/// `X | Y` for classes and generic aliases: a `types.UnionType` built by
/// `_protopy_typing._type_or` (NotImplemented when `Y` cannot be part of a union).
pub fn union_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check(vm, "__or__", a, Value::EMPTY, 2, 2)?;
    let m = vm.import_module("_protopy_typing")?;
    let n = vm.intern("_type_or");
    let f = vm.getattr(m, n)?;
    vm.call(f, &[a[0], a[1]], Value::EMPTY)
}

/// `Y | X` (reflected).
pub fn union_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check(vm, "__ror__", a, Value::EMPTY, 2, 2)?;
    union_or(vm, &[a[1], a[0]], Value::EMPTY)
}

/// The type of a `type` member's receiver (a class).
fn type_obj(v: Value) -> Obj {
    Obj::from_value(v).expect("type")
}

/// `type.__mro__`.
/// `type.__mro__`: None while a metaclass's `mro()` computes the first one
/// (the class then holds an empty MRO, which no finished class has).
fn type_mro_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = type_obj(a[0]).get(T_MRO);
    if Obj::from_value(m).is_some_and(|o| o.n_values() == 0) {
        return Ok(Value::NONE);
    }
    Ok(m)
}

/// `type.__base__`.
fn type_base_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(type_obj(a[0]).get(T_BASE))
}

/// CPython's `Py_TPFLAGS_*` bits that ProtoPy's classes have: heap or
/// immutable, subclassable, ready, abstract, GC for heap types, and the
/// fast-subclass bits of the builtin bases.
fn type_flags_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = a[0];
    let f = type_flags(type_obj(t));
    let mut r: i64 = 1 << 12; // READY
    if f & TF_HEAP != 0 {
        r |= (1 << 9) | (1 << 14); // HEAPTYPE, HAVE_GC
    } else {
        r |= 1 << 8; // IMMUTABLETYPE
    }
    if f & TF_BASETYPE != 0 || f & TF_HEAP != 0 {
        r |= 1 << 10;
    }
    if f & TF_ABSTRACT != 0 {
        r |= 1 << 20;
    }
    let g = &vm.g.types;
    let subs = [
        (g.int, 24),
        (g.list, 25),
        (g.tuple, 26),
        (g.bytes, 27),
        (g.str_, 28),
        (g.dict, 29),
        (g.type_, 31),
    ];
    let exc = vm.g.e.BaseException;
    for (b, bit) in subs.into_iter().chain([(exc, 30)]) {
        if t == b || vm.is_subtype(t, b) {
            r |= 1 << bit;
        }
    }
    Ok(Value::int(r))
}

/// `type.__basicsize__`: the instance size ProtoPy's layout gives (a
/// header, the slots, and for heap types the dict).
fn type_basicsize_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = type_obj(a[0]);
    let mut n = 16 + 8 * type_nslots(t) as i64;
    if type_flags(t) & TF_HEAP != 0 && type_flags(t) & TF_NODICT == 0 {
        n += 16;
    }
    Ok(Value::int(n))
}

/// `type.__dictoffset__` and `__weakrefoffset__`: ProtoPy keeps dicts and
/// weak references out of line.
fn type_zero_get(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(0))
}

/// `type.__itemsize__`: nonzero for the types CPython lays out with a
/// variable part (int's digits, bytes, tuple's items, a type's slots) and
/// for their subclasses, which inherit it; code tells variable-size types
/// apart by it (nonempty `__slots__` are refused on them).
fn type_itemsize_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let g = &vm.g.types;
    let sized = [(g.int, 4), (g.bytes, 1), (g.tuple, 8), (g.type_, 40)];
    let mro = vm.seq_items(type_obj(a[0]).get(T_MRO));
    let n = mro
        .iter()
        .find_map(|&c| sized.iter().find(|&&(t, _)| t == c).map(|&(_, n)| n))
        .unwrap_or(0);
    Ok(Value::int(n))
}

/// `type.__text_signature__`, as CPython's: for a builtin type, CPython
/// 3.11's text (python_env/src/types/signatures.rs); for a class, the
/// signature its own `__doc__` declares (`Name(a, b)` then a line `--` and a
/// blank line); else None.
fn type_text_signature_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let to = type_obj(a[0]);
    let name = str_of(to.get(T_NAME)).into_owned();
    if type_flags(to) & TF_HEAP == 0 {
        let m = type_module_get(vm, a, Value::NONE)?;
        let sig = is_str(m)
            .then(|| super::signatures::type_signature(&str_of(m), &name))
            .flatten();
        return Ok(sig.map_or(Value::NONE, |s| vm.new_str(s)));
    }
    let key = vm.g.names.__doc__;
    let doc = vm.dict_get_str(to.get(T_DICT), key).filter(|&d| is_str(d));
    let sig =
        doc.and_then(|d| super::signatures::doc_signature(&name, &str_of(d)).map(str::to_owned));
    Ok(sig.map_or(Value::NONE, |s| vm.new_str(&s)))
}

/// Refuses to set or delete the special attribute `what` of a builtin
/// (immutable) type, or to delete it from any type (CPython's
/// check_set_special_type_attr).
fn check_special_store(vm: &mut Vm, t: Value, v: Option<Value>, what: &str) -> PyResult<()> {
    let to = type_obj(t);
    if type_flags(to) & TF_HEAP == 0 {
        let tn = vm.builtin_tp_name(to);
        return Err(vm.type_error(&format!(
            "cannot set '{what}' attribute of immutable type '{tn}'"
        )));
    }
    let tn = str_of(to.get(T_NAME)).into_owned();
    let Some(v) = v else {
        return Err(vm.type_error(&format!(
            "cannot delete '{what}' attribute of immutable type '{tn}'"
        )));
    };
    vm.audit_setattr(t, what, v)
}

/// The receiver and (for a setter) the value of a type getset's accessor.
fn type_store_args(a: &[Value]) -> (Value, Option<Value>) {
    (a[0], a.get(1).copied())
}

fn type_name_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(type_obj(a[0]).get(T_NAME))
}

fn type_qualname_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(type_obj(a[0]).get(T_QUALNAME))
}

/// `C.__name__ = v` / `C.__qualname__ = v` (and their deletion, refused).
fn type_name_store(vm: &mut Vm, a: &[Value], qual: bool) -> PyResult<Value> {
    let what = if qual { "__qualname__" } else { "__name__" };
    let (t, v) = type_store_args(a);
    check_special_store(vm, t, v, what)?;
    let v = v.expect("value");
    let to = type_obj(t);
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "can only assign string to {}.{what}, not '{tn}'",
            str_of(to.get(T_NAME))
        )));
    }
    if !qual {
        check_type_name(vm, v)?;
    }
    vm.store(to, if qual { T_QUALNAME } else { T_NAME }, v);
    Ok(Value::NONE)
}
fn type_name_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_name_store(vm, a, false)
}
fn type_qualname_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_name_store(vm, a, true)
}

fn type_bases_get(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(type_obj(a[0]).get(T_BASES))
}

/// `C.__bases__ = v`: the MRO of `C` and its subclasses is recomputed.
fn type_bases_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (t, v) = type_store_args(a);
    check_special_store(vm, t, v, "__bases__")?;
    vm.set_bases(type_obj(t), v.expect("value"))?;
    Ok(Value::NONE)
}

/// `C.__dict__`: a read-only mappingproxy of the class dict (class dicts
/// change only through setattr, which keeps the flags and caches right).
fn type_dict_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = vm.alloc_obj(K_DICTVIEW, vm.g.types.mappingproxy, 1, 0);
    p.init(0, type_obj(a[0]).get(T_DICT));
    Ok(p.value())
}

/// `C.__module__`: the class dict's entry, else a base's name string,
/// else 'builtins' (type's own entry is this getset).
fn type_module_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = vm.g.names.__module__;
    if a[0] != vm.g.types.type_ {
        if let Some(m) = vm.dict_get_str(type_obj(a[0]).get(T_DICT), n) {
            return Ok(m);
        }
        if let Some(m) = vm.lookup_type(a[0], n).filter(|&m| is_str(m)) {
            return Ok(m);
        }
    }
    Ok(vm.intern("builtins"))
}

/// Stores `name` in the dict of class `t` (caches invalidated, flags updated).
fn type_dict_store(vm: &mut Vm, t: Value, name: Value, v: Value) {
    let to = type_obj(t);
    vm.dict_set_str(to.get(T_DICT), name, v);
    vm.update_type_flags(to, name);
    vm.type_modified(t);
}

fn type_module_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (t, v) = type_store_args(a);
    check_special_store(vm, t, v, "__module__")?;
    let n = vm.g.names.__module__;
    type_dict_store(vm, t, n, v.expect("value"));
    Ok(Value::NONE)
}

/// `C.__abstractmethods__`: the class's own entry (type itself has none).
fn type_abstract_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = vm.g.names.__abstractmethods__;
    if a[0] != vm.g.types.type_ {
        if let Some(v) = vm.dict_get_str(type_obj(a[0]).get(T_DICT), n) {
            return Ok(v);
        }
    }
    Err(vm.new_exc(vm.g.e.AttributeError, "__abstractmethods__"))
}

/// Sets (`v` Some) or deletes `C.__abstractmethods__`, keeping the
/// class's abstract flag in step with the value's truth.
fn type_abstract_store(vm: &mut Vm, t: Value, v: Option<Value>) -> PyResult<Value> {
    let n = vm.g.names.__abstractmethods__;
    let to = type_obj(t);
    let abstract_ = match v {
        Some(v) => {
            let b = vm.truthy(v)?;
            type_dict_store(vm, t, n, v);
            b
        }
        None => {
            if vm.dict_del(to.get(T_DICT), n)?.is_none() {
                return Err(vm.new_exc(vm.g.e.AttributeError, "__abstractmethods__"));
            }
            vm.type_modified(t);
            false
        }
    };
    let f = type_flags(to);
    set_type_flags(
        to,
        if abstract_ {
            f | TF_ABSTRACT
        } else {
            f & !TF_ABSTRACT
        },
    );
    Ok(Value::NONE)
}
fn type_abstract_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_abstract_store(vm, a[0], Some(a[1]))
}
fn type_abstract_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_abstract_store(vm, a[0], None)
}

/// `C.__annotations__`: the class's own dict entry, created empty on first
/// access; builtin types have none.
fn type_annotations_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let to = type_obj(a[0]);
    let n = vm.intern("__annotations__");
    if type_flags(to) & TF_HEAP == 0 {
        let tn = str_of(to.get(T_NAME)).into_owned();
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            &format!("type object '{tn}' has no attribute '__annotations__'"),
        ));
    }
    if let Some(v) = vm.dict_get_str(to.get(T_DICT), n) {
        return Ok(v);
    }
    let d = vm.new_dict();
    type_dict_store(vm, a[0], n, d);
    Ok(d)
}

fn type_annotations_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let to = type_obj(a[0]);
    if type_flags(to) & TF_HEAP == 0 {
        let tn = str_of(to.get(T_NAME)).into_owned();
        return Err(vm.type_error(&format!(
            "cannot set '__annotations__' attribute of immutable type '{tn}'"
        )));
    }
    let n = vm.intern("__annotations__");
    type_dict_store(vm, a[0], n, a[1]);
    Ok(Value::NONE)
}

fn type_annotations_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let to = type_obj(a[0]);
    let n = vm.intern("__annotations__");
    if type_flags(to) & TF_HEAP == 0 {
        let tn = str_of(to.get(T_NAME)).into_owned();
        return Err(vm.type_error(&format!(
            "cannot delete '__annotations__' attribute of immutable type '{tn}'"
        )));
    }
    if vm.dict_del(to.get(T_DICT), n)?.is_none() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "__annotations__"));
    }
    vm.type_modified(a[0]);
    Ok(Value::NONE)
}

/// A deleter refusing deletion of a type's special attribute.
fn type_special_del(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Value> {
    check_special_store(vm, a[0], None, what)?;
    Ok(Value::NONE)
}

/// Adds type's getset `name` with getter `get`, setter `set` and deleter
/// `del` (None: not writable / not deletable).
fn add_type_getset(
    vm: &mut Vm,
    name: &'static str,
    get: NativeFn,
    set: Option<NativeFn>,
    del: Option<NativeFn>,
) {
    let t = vm.g.types.type_;
    let gs = vm.new_native_getset(t, name, get, set);
    if let Some(f) = del {
        let d = vm.new_builtin(name, f, false);
        vm.ctx.promote(d);
        vm.store(Obj::from_value(gs).expect("getset"), 2, d);
    }
    vm.add_attr(t, name, gs);
}

/// Registers object and type.
/// `NoneType()` and friends: the singleton; CPython's message for arguments.
fn singleton_new(vm: &mut Vm, a: &[Value], k: Value, v: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() > 1 || nkw > 0 {
        let tn = match v {
            v if v.is_none() => "NoneType",
            v if v == Value::NOT_IMPLEMENTED => "NotImplementedType",
            _ => "EllipsisType",
        };
        return Err(vm.type_error(&format!("{tn} takes no arguments")));
    }
    Ok(v)
}
fn none_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::NONE)
}
fn notimpl_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::NOT_IMPLEMENTED)
}
fn ellipsis_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::ELLIPSIS)
}
/// `repr()` of None, NotImplemented and Ellipsis (also their `__reduce__`:
/// the name the singleton is pickled by).
fn singleton_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = match a[0] {
        v if v.is_none() => "None",
        v if v == Value::NOT_IMPLEMENTED => "NotImplemented",
        _ => "Ellipsis",
    };
    Ok(vm.new_str(s))
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    let o = vm.g.types.object;
    vm.add_static(o, "__new__", object_new, false);
    vm.add_method(o, "__init__", object_init);
    vm.add_method(o, "__repr__", obj_repr);
    vm.add_method(o, "__str__", object_str_marker);
    vm.add_method(o, "__hash__", object_hash_marker);
    vm.add_method(o, "__eq__", obj_eq);
    vm.add_method(o, "__ne__", obj_ne);
    for n in ["__lt__", "__le__", "__gt__", "__ge__"] {
        vm.add_method(o, n, obj_order);
    }
    vm.add_method(o, "__format__", obj_format);
    vm.add_method(o, "__getattribute__", obj_getattribute);
    vm.add_method(o, "__setattr__", obj_setattr);
    vm.add_method(o, "__delattr__", obj_delattr);
    vm.add_method(o, "__dir__", obj_dir);
    vm.add_method(o, "__reduce_ex__", obj_reduce_ex);
    vm.add_method(o, "__reduce__", obj_reduce);
    let cg = vm.new_native_getset(o, "__class__", obj_class_get, Some(obj_class_set));
    let del = vm.new_builtin("__class__", obj_class_del, false);
    vm.ctx.promote(del);
    vm.store(Obj::from_value(cg).expect("getset"), 2, del);
    vm.add_attr(o, "__class__", cg);
    vm.add_method(o, "__sizeof__", obj_sizeof);
    vm.add_method(o, "__getstate__", obj_getstate);
    vm.add_static(o, "__subclasshook__", obj_subclasshook, true);
    vm.add_static(o, "__init_subclass__", obj_init_subclass, true);
    let t = vm.g.types.type_;
    vm.add_static(t, "__new__", type_new, false);
    vm.add_method(t, "__init__", type_init);
    vm.add_method(t, "mro", type_mro);
    vm.add_method(t, "__subclasses__", type_subclasses);
    vm.add_method(t, "__instancecheck__", type_instancecheck);
    vm.add_method(t, "__subclasscheck__", type_subclasscheck);
    vm.add_method(t, "__call__", type_call);
    vm.add_method(t, "__setattr__", type_setattr);
    vm.add_method(t, "__delattr__", type_delattr);
    vm.add_method(t, "__repr__", type_repr);
    vm.add_method(t, "__or__", union_or);
    vm.add_method(t, "__ror__", union_ror);
    vm.add_static(t, "__prepare__", type_prepare, true);
    // CPython's read-only members of type (other type attributes keep the
    // runtime's own lookup, see `Vm::type_getattr`).
    let members: [(&'static str, NativeFn); 7] = [
        ("__mro__", type_mro_get),
        ("__base__", type_base_get),
        ("__flags__", type_flags_get),
        ("__basicsize__", type_basicsize_get),
        ("__itemsize__", type_itemsize_get),
        ("__dictoffset__", type_zero_get),
        ("__weakrefoffset__", type_zero_get),
    ];
    for (n, f) in members {
        let m = super::descr::native_member(vm, t, n, f);
        vm.add_attr(t, n, m);
    }
    let ts = vm.new_native_getset(t, "__text_signature__", type_text_signature_get, None);
    vm.add_attr(t, "__text_signature__", ts);
    add_type_getset(
        vm,
        "__name__",
        type_name_get,
        Some(type_name_set),
        Some(|vm, a, _k| type_special_del(vm, a, "__name__")),
    );
    add_type_getset(
        vm,
        "__qualname__",
        type_qualname_get,
        Some(type_qualname_set),
        Some(|vm, a, _k| type_special_del(vm, a, "__qualname__")),
    );
    add_type_getset(
        vm,
        "__bases__",
        type_bases_get,
        Some(type_bases_set),
        Some(|vm, a, _k| type_special_del(vm, a, "__bases__")),
    );
    add_type_getset(
        vm,
        "__module__",
        type_module_get,
        Some(type_module_set),
        Some(|vm, a, _k| type_special_del(vm, a, "__module__")),
    );
    add_type_getset(vm, "__dict__", type_dict_get, None, None);
    add_type_getset(
        vm,
        "__abstractmethods__",
        type_abstract_get,
        Some(type_abstract_set),
        Some(type_abstract_del),
    );
    add_type_getset(
        vm,
        "__annotations__",
        type_annotations_get,
        Some(type_annotations_set),
        Some(type_annotations_del),
    );
    // The singletons' types: `__new__` returns the singleton and takes no
    // arguments; `__repr__`, `__bool__` and `__reduce__` as in CPython.
    let singles: [(Value, NativeFn); 3] = [
        (vm.g.types.none, none_new),
        (vm.g.types.not_implemented, notimpl_new),
        (vm.g.types.ellipsis, ellipsis_new),
    ];
    for (t, f) in singles {
        vm.add_static(t, "__new__", f, false);
        vm.add_method(t, "__repr__", singleton_repr);
    }
    vm.add_method(vm.g.types.none, "__bool__", |_vm, _a, _k| Ok(Value::FALSE));
    vm.add_method(vm.g.types.not_implemented, "__bool__", |_vm, _a, _k| {
        Ok(Value::TRUE)
    });
    for t in [vm.g.types.not_implemented, vm.g.types.ellipsis] {
        vm.add_method(t, "__reduce__", singleton_repr);
    }
    let _ = check;
    Ok(())
}
