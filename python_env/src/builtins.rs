//! The builtins module: every builtin function registered here under its
//! exact Python name.

use crate::args::{check, Args};
use crate::types::int::is_numsub;
use engine::compiler::Mode;
use engine::runtime::import::build_class;
use engine::runtime::ops::Num;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::{Kind, Obj, Value};

fn write_to(vm: &mut Vm, file: Value, s: &str) -> PyResult<()> {
    // The separators print writes are interned: no new str per call.
    let sv = vm.intern(s);
    write_value(vm, file, sv)
}

/// `file.write(s)`, natively for an exact `io.StringIO` (`s` rooted by
/// the caller or unused after an allocation).
fn write_value(vm: &mut Vm, file: Value, s: Value) -> PyResult<()> {
    if let Some(r) = crate::modules::_io::stringio_write_exact(vm, file, s) {
        return r;
    }
    vm.call_method(file, "write", &[s])?;
    Ok(())
}

/// Appends `str(x)`'s WTF-8 bytes to `out`.
fn push_str_of(vm: &mut Vm, out: &mut Vec<u8>, x: Value) -> PyResult<()> {
    if let Some(i) = x.as_int() {
        use std::io::Write;
        let _ = write!(out, "{i}");
        return Ok(());
    }
    let s = vm.str(x)?;
    out.extend_from_slice(str_bytes(s));
    Ok(())
}

fn print(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // The keywords are read where they lie (no vector: print runs in loops).
    let kn = Obj::from_value(k);
    let np = a.len() - kn.map_or(0, |o| o.n_values());
    let (mut sep, mut end, mut file, mut flush) = (None, None, Value::NONE, None);
    if let Some(ko) = kn {
        for (j, &v) in a[np..].iter().enumerate() {
            let name = ko.get(j);
            match str_bytes(name) {
                b"sep" => sep = Some(v),
                b"end" => end = Some(v),
                b"file" => file = v,
                b"flush" => flush = Some(v),
                _ => {
                    return Err(vm.type_error(&format!(
                        "'{}' is an invalid keyword argument for print()",
                        str_of(name)
                    )))
                }
            }
        }
    }
    let sep = sep.filter(|v| !v.is_none());
    let end = end.filter(|v| !v.is_none());
    let file = if file.is_none() {
        match sys_attr(vm, "stdout") {
            Some(f) => f,
            None => return Err(vm.exc_by_name("RuntimeError", "lost sys.stdout")),
        }
    } else {
        file
    };
    // As CPython: print() to a None sys.stdout does nothing.
    if file.is_none() {
        return Ok(Value::NONE);
    }
    if let Some(s) = sep {
        if !is_str(s) {
            let tn = vm.type_name_of(s);
            return Err(vm.type_error(&format!("sep must be None or a string, not {tn}")));
        }
    }
    if let Some(e) = end {
        if !is_str(e) {
            let tn = vm.type_name_of(e);
            return Err(vm.type_error(&format!("end must be None or a string, not {tn}")));
        }
    }
    let mark = vm.push_root(file);
    let r = print_to(vm, file, &a[..np], sep, end, flush);
    vm.pop_roots(mark);
    r?;
    Ok(Value::NONE)
}

/// The body of `print` once its arguments are checked (`file` rooted).
/// An exact `_io.TextIOWrapper` (the standard streams, `open()` files)
/// gets the whole line in one native write, so a line printed by one
/// thread is never split by another's; any other file gets CPython's
/// separate `write` calls.
fn print_to(
    vm: &mut Vm,
    file: Value,
    pos: &[Value],
    sep: Option<Value>,
    end: Option<Value>,
    flush: Option<Value>,
) -> PyResult<()> {
    // Only when no argument's str() can run Python code (which could
    // write to the same file between the pieces).
    let simple = pos.iter().all(|&x| {
        x.as_int().is_some()
            || x.is_float()
            || x.is_none()
            || x == Value::TRUE
            || x == Value::FALSE
            || Obj::from_value(x)
                .is_some_and(|o| o.kind() == Kind::STR && o.class() == vm.g.types.str_)
    });
    let mut done = false;
    if simple && crate::modules::_io::is_text_exact(vm, file) {
        let mut out: Vec<u8> = Vec::new();
        for (i, &x) in pos.iter().enumerate() {
            if i > 0 {
                match sep {
                    Some(s) => out.extend_from_slice(str_bytes(s)),
                    None => out.push(b' '),
                }
            }
            push_str_of(vm, &mut out, x)?;
        }
        match end {
            Some(e) => out.extend_from_slice(str_bytes(e)),
            None => out.push(b'\n'),
        }
        match crate::modules::_io::text_write_exact(vm, file, &out) {
            // A piece the stream cannot encode: nothing was written, and
            // the separate writes below fail as CPython's do (the earlier
            // pieces written, the error's position within its own piece).
            Some(Err(e)) if vm.isinstance(e.0, vm.g.e.UnicodeEncodeError) => {}
            Some(r) => {
                r?;
                done = true;
            }
            None => {}
        }
    }
    if !done {
        for (i, &x) in pos.iter().enumerate() {
            if i > 0 {
                match sep {
                    Some(s) => write_value(vm, file, s)?,
                    None => write_to(vm, file, " ")?,
                }
            }
            let s = vm.str(x)?;
            write_value(vm, file, s)?;
        }
        match end {
            Some(e) => write_value(vm, file, e)?,
            None => write_to(vm, file, "\n")?,
        }
    }
    if let Some(f) = flush {
        if vm.truthy(f)? {
            vm.call_method(file, "flush", &[])?;
        }
    }
    Ok(())
}

/// `sys.<name>`.
pub fn sys_attr(vm: &mut Vm, name: &str) -> Option<Value> {
    let sys = *proto_core::sync::lock(&vm.g.sys);
    let d = Obj::from_value(sys)?.get(0);
    let k = vm.intern(name);
    vm.dict_get_str(d, k)
}

fn len(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "len", a, k, 1, 1)?;
    let n = vm.len_protocol(a[0])?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "repr", a, k, 1, 1)?;
    vm.repr(a[0])
}

fn ascii(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "ascii", a, k, 1, 1)?;
    let r = vm.repr_string(a[0])?;
    Ok(vm.new_str(&engine::runtime::interp::ascii_escape(&r)))
}

/// Calls the `hook` (`__instancecheck__` / `__subclasscheck__`) that class
/// `cls` defines, as `t.hook(x)`; `None` when there is none (or, with
/// `python_only`, when it is not a Python function: the metaclass path
/// leaves `type`'s own checks to the caller).
fn check_hook(
    vm: &mut Vm,
    cls: Value,
    hook: Value,
    t: Value,
    x: Value,
    python_only: bool,
) -> PyResult<Option<bool>> {
    match vm.lookup_type(cls, hook) {
        Some(f) if !python_only || Obj::from_value(f).is_some_and(|o| o.kind() == K_FUNCTION) => {
            let r = vm.call_bound(f, t, &[x])?;
            vm.truthy(r).map(Some)
        }
        _ => Ok(None),
    }
}

/// `cls.__bases__` when it is a tuple (CPython's `abstract_get_bases`):
/// None when it is missing (an AttributeError) or not a tuple.
fn abstract_bases(vm: &mut Vm, cls: Value) -> PyResult<Option<Value>> {
    let n = vm.intern("__bases__");
    match vm.getattr_opt(cls, n) {
        Ok(b) => Ok(b.filter(|&b| Obj::from_value(b).is_some_and(|o| o.kind() == Kind::TUPLE))),
        Err(e) if vm.isinstance(e.0, vm.g.e.AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Raises TypeError `msg` unless `cls` has a tuple `__bases__` (a class in
/// the abstract protocol).
fn check_class(vm: &mut Vm, cls: Value, msg: &str) -> PyResult<()> {
    match abstract_bases(vm, cls)? {
        Some(_) => Ok(()),
        None => Err(vm.type_error(msg)),
    }
}

/// Is `derived` `cls` or reached from it through `__bases__`?
fn abstract_issubclass(vm: &mut Vm, mut derived: Value, cls: Value) -> PyResult<bool> {
    let bases = loop {
        if derived == cls {
            return Ok(true);
        }
        let Some(bases) = abstract_bases(vm, derived)? else {
            return Ok(false);
        };
        let items = vm.seq_items(bases);
        match items.len() {
            0 => return Ok(false),
            1 => derived = items[0],
            _ => break bases,
        }
    };
    let mark = vm.push_root(bases);
    let r = vm.in_recursive_call(" in __issubclass__", |vm| {
        for b in vm.seq_items(bases) {
            if abstract_issubclass(vm, b, cls)? {
                return Ok(true);
            }
        }
        Ok(false)
    });
    vm.pop_roots(mark);
    r
}

fn is_type_obj(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE)
}

/// `type.__instancecheck__`'s test (CPython's `object_isinstance`): the
/// MRO of `type(v)`, then a `__class__` that differs from it; for a `cls`
/// that is no type, its `__bases__` walked from `v.__class__`.
fn object_isinstance(vm: &mut Vm, v: Value, t: Value) -> PyResult<bool> {
    if is_type_obj(t) {
        if vm.isinstance(v, t) {
            return Ok(true);
        }
        if vm.class_is_type(v) {
            return Ok(false);
        }
        if let Some(c) = vm.getattr_opt(v, vm.g.names.__class__)? {
            if c != vm.type_of(v) && is_type_obj(c) {
                return Ok(vm.is_subtype(c, t));
            }
        }
        return Ok(false);
    }
    check_class(
        vm,
        t,
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    )?;
    match vm.getattr_opt(v, vm.g.names.__class__)? {
        Some(c) => {
            let mark = vm.push_root(c);
            let r = abstract_issubclass(vm, c, t);
            vm.pop_roots(mark);
            r
        }
        None => Ok(false),
    }
}

pub(crate) fn isinstance_impl(vm: &mut Vm, v: Value, t: Value) -> PyResult<bool> {
    // As CPython's `object_recursive_isinstance`: an exact type match,
    // `type`'s own check, a tuple's items, the class's `__instancecheck__`.
    if vm.type_of(v) == t {
        return Ok(true);
    }
    let Some(o) = Obj::from_value(t) else {
        return object_isinstance(vm, v, t);
    };
    if o.kind() == K_TYPE && o.class() == vm.g.types.type_ {
        return object_isinstance(vm, v, t);
    }
    if o.kind() == Kind::TUPLE {
        // A tuple of classes whose metaclass is `type` needs no recursion
        // guard: each item is `type`'s own check.
        let n = o.n_values();
        if (0..n).all(|i| {
            Obj::from_value(o.get(i))
                .is_some_and(|c| c.kind() == K_TYPE && c.class() == vm.g.types.type_)
        }) {
            for i in 0..n {
                if object_isinstance(vm, v, o.get(i))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        return vm.in_recursive_call(" in __instancecheck__", |vm| {
            for i in 0..o.n_values() {
                if isinstance_impl(vm, v, o.get(i))? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    // A metaclass that keeps `type.__instancecheck__` is `type`'s check.
    let hook = vm.g.names.__instancecheck__;
    if let Some(r) = vm.in_recursive_call(" in __instancecheck__", |vm| {
        check_hook(vm, o.class(), hook, t, v, o.kind() == K_TYPE)
    })? {
        return Ok(r);
    }
    object_isinstance(vm, v, t)
}

fn isinstance(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "isinstance", a, k, 2, 2)?;
    Ok(Value::bool(isinstance_impl(vm, a[0], a[1])?))
}

/// `type.__subclasscheck__`'s test (CPython's `recursive_issubclass`).
fn recursive_issubclass(vm: &mut Vm, c: Value, t: Value) -> PyResult<bool> {
    if is_type_obj(t) && is_type_obj(c) {
        return Ok(vm.is_subtype(c, t));
    }
    check_class(vm, c, "issubclass() arg 1 must be a class")?;
    check_class(
        vm,
        t,
        "issubclass() arg 2 must be a class, a tuple of classes, or a union",
    )?;
    abstract_issubclass(vm, c, t)
}

pub(crate) fn issubclass_impl(vm: &mut Vm, c: Value, t: Value) -> PyResult<bool> {
    // As CPython's `object_issubclass`: `type`'s own check, a tuple's
    // items, the class's `__subclasscheck__` (which decides first, so an
    // ABC's `__subclasshook__` may even deny `issubclass(A, A)`).
    let Some(o) = Obj::from_value(t) else {
        return recursive_issubclass(vm, c, t);
    };
    if o.kind() == K_TYPE && o.class() == vm.g.types.type_ {
        return Ok(c == t || recursive_issubclass(vm, c, t)?);
    }
    if o.kind() == Kind::TUPLE {
        return vm.in_recursive_call(" in __subclasscheck__", |vm| {
            for i in 0..o.n_values() {
                if issubclass_impl(vm, c, o.get(i))? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    let hook = vm.g.names.__subclasscheck__;
    if let Some(r) = vm.in_recursive_call(" in __subclasscheck__", |vm| {
        check_hook(vm, o.class(), hook, t, c, o.kind() == K_TYPE)
    })? {
        return Ok(r);
    }
    recursive_issubclass(vm, c, t)
}

fn issubclass(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "issubclass", a, k, 2, 2)?;
    Ok(Value::bool(issubclass_impl(vm, a[0], a[1])?))
}

fn attr_name(vm: &mut Vm, n: Value, fname: &str) -> PyResult<Value> {
    if !is_str(n) {
        let tn = vm.type_name_of(n);
        let msg =
            if fname == "getattr" || fname == "hasattr" || fname == "setattr" || fname == "delattr"
            {
                format!("attribute name must be string, not '{tn}'")
            } else {
                format!("{fname}(): attribute name must be string")
            };
        return Err(vm.type_error(&msg));
    }
    Ok(vm.intern_value(n))
}

fn getattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "getattr", a, k, 2, 3)?;
    let n = attr_name(vm, a[1], "getattr")?;
    if a.len() == 3 {
        // Any AttributeError (also one with a custom message) means "missing".
        return match vm.getattr_opt(a[0], n) {
            Ok(v) => Ok(v.unwrap_or(a[2])),
            Err(e) if vm.isinstance(e.0, vm.g.e.AttributeError) => Ok(a[2]),
            Err(e) => Err(e),
        };
    }
    vm.getattr(a[0], n)
}

fn hasattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "hasattr", a, k, 2, 2)?;
    let n = attr_name(vm, a[1], "hasattr")?;
    match vm.getattr_opt(a[0], n) {
        Ok(v) => Ok(Value::bool(v.is_some())),
        Err(e) if vm.isinstance(e.0, vm.g.e.AttributeError) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "setattr", a, k, 3, 3)?;
    let n = attr_name(vm, a[1], "setattr")?;
    vm.setattr(a[0], n, a[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "delattr", a, k, 2, 2)?;
    let n = attr_name(vm, a[1], "delattr")?;
    vm.delattr(a[0], n)?;
    Ok(Value::NONE)
}

fn id(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "id", a, k, 1, 1)?;
    let id = vm.new_int(object_id(a[0]) as i64);
    vm.audit("builtins.id", &[id])?;
    Ok(id)
}

fn hash(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "hash", a, k, 1, 1)?;
    let h = vm.hash(a[0])?;
    Ok(vm.new_int(h))
}

fn iter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "iter", a, k, 1, 2)?;
    if a.len() == 2 {
        if callable(vm, &a[..1], Value::EMPTY)? != Value::TRUE {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        let c = vm.g.types.call_iter;
        let it = vm.new_seq_iter(c, a[0], 0);
        let o = Obj::from_value(it).expect("it");
        o.init(1, a[1]);
        return Ok(it);
    }
    vm.iter(a[0])
}

/// `aiter(obj)`: `obj.__aiter__()`, which must be an async iterator.
fn aiter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "aiter", a, k, 1, 1)?;
    let name = vm.intern("__aiter__");
    let Some(f) = vm.lookup_type(vm.type_of(a[0]), name) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("'{tn}' object is not an async iterable")));
    };
    let it = vm.call_bound(f, a[0], &[])?;
    let anext = vm.intern("__anext__");
    if vm.lookup_type(vm.type_of(it), anext).is_none() {
        let tn = vm.type_name_of(it);
        return Err(vm.type_error(&format!(
            "aiter() returned not an async iterator of type '{tn}'"
        )));
    }
    Ok(it)
}

/// `anext(it[, default])`: the awaitable `it.__anext__()`; with a default,
/// an awaitable that gives `default` once the iterator is exhausted.
fn anext(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "anext", a, k, 1, 2)?;
    let name = vm.intern("__anext__");
    let Some(f) = vm.lookup_type(vm.type_of(a[0]), name) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("'{tn}' object is not an async iterator")));
    };
    let aw = vm.call_bound(f, a[0], &[])?;
    if a.len() == 1 {
        return Ok(aw);
    }
    let mark = vm.push_root(aw);
    let r = (|| {
        let m = vm.import_module("_asyncbuiltins")?;
        let n = vm.intern("anext_default");
        let helper = vm.getattr(m, n)?;
        vm.call(helper, &[aw, a[1]], Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

fn next(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "next", a, k, 1, 2)?;
    let tp = vm.type_of(a[0]);
    // Coroutines share the generator layout but are not iterators.
    let is_iter = Obj::from_value(a[0]).is_some_and(|o| {
        o.kind() == K_ITER || (o.kind() == K_GEN && o.class() == vm.g.types.generator)
    }) || vm.lookup_type(tp, vm.g.names.__next__).is_some();
    if !is_iter {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("'{tn}' object is not an iterator")));
    }
    if Obj::from_value(a[0]).is_some_and(|o| o.kind() == K_GEN && o.class() == vm.g.types.generator)
    {
        return match vm.gen_resume(a[0], Value::NONE, Value::EMPTY) {
            Ok(engine::runtime::call::GenStep::Yield(v)) => Ok(v),
            Ok(engine::runtime::call::GenStep::Return(r)) => {
                if a.len() == 2 {
                    Ok(a[1])
                } else {
                    Err(vm.stop_iteration(r))
                }
            }
            Err(e) => Err(e),
        };
    }
    if Obj::from_value(a[0]).is_some_and(|o| o.kind() == K_ITER) {
        return match vm.next(a[0])? {
            Some(v) => Ok(v),
            None if a.len() == 2 => Ok(a[1]),
            None => Err(vm.stop_iteration(Value::NONE)),
        };
    }
    let Some(f) = vm.lookup_type(tp, vm.g.names.__next__) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("'{tn}' object is not an iterator")));
    };
    match vm.call_bound(f, a[0], &[]) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 2 && vm.isinstance(e.0, vm.g.e.StopIteration) => Ok(a[1]),
        Err(e) => Err(e),
    }
}

fn callable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "callable", a, k, 1, 1)?;
    Ok(Value::bool(vm.is_callable(a[0])))
}

fn chr_(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "chr", a, k, 1, 1)?;
    let iv = if vm.is_int_like(a[0])
        || vm
            .lookup_type(vm.type_of(a[0]), vm.g.names.__index__)
            .is_none()
    {
        a[0]
    } else {
        vm.index(a[0])?
    };
    let Some(i) = vm.as_i64(iv).filter(|i| i32::try_from(*i).is_ok()) else {
        if vm.is_int_like(iv) {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "Python int too large to convert to C int",
            ));
        }
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "'{tn}' object cannot be interpreted as an integer"
        )));
    };
    if !(0..=0x10FFFF).contains(&i) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    Ok(vm.char_str(i as u32))
}

fn ord(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "ord", a, k, 1, 1)?;
    let v = a[0];
    if let Some(o) = Obj::from_value(v) {
        if o.kind() == Kind::STR {
            let b = str_bytes(v);
            if b.len() == 1 {
                return Ok(Value::int(b[0] as i64));
            }
            let n = proto_core::layouts::str::char_len(o);
            if n == 1 {
                return Ok(Value::int(crate::text::decode_wtf8(b)[0] as i64));
            }
            return Err(vm.type_error(&format!(
                "ord() expected a character, but string of length {n} found"
            )));
        }
        if o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY {
            let b = if o.kind() == Kind::BYTES {
                str_bytes(v)
            } else {
                engine::runtime::owned_bytes::ba_bytes(o)
            };
            if b.len() == 1 {
                return Ok(Value::int(b[0] as i64));
            }
            return Err(vm.type_error(&format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            )));
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "ord() expected string of length 1, but {tn} found"
    )))
}

fn radix(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
    base: u32,
    prefix: &str,
) -> PyResult<Value> {
    check(vm, name, a, k, 1, 1)?;
    let i = vm.index(a[0])?;
    let b = vm.as_bigint(i).unwrap_or_default();
    let neg = b.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -b } else { b };
    let s = mag.to_str_radix(base);
    Ok(vm.new_str(&format!("{}{}{}", if neg { "-" } else { "" }, prefix, s)))
}

fn hex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    radix(vm, a, k, "hex", 16, "0x")
}
fn oct(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    radix(vm, a, k, "oct", 8, "0o")
}
fn bin(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    radix(vm, a, k, "bin", 2, "0b")
}

fn abs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if let ([x], true) = (a, k.is_empty()) {
        // Small ints: no argument parsing, no boxing.
        if let Some(r) = x
            .as_int()
            .and_then(i64::checked_abs)
            .and_then(Value::try_int)
        {
            return Ok(r);
        }
    }
    check(vm, "abs", a, k, 1, 1)?;
    if is_numsub(a[0]) {
        if let Some(r) = vm.call_special(a[0], vm.g.names.__abs__, &[])? {
            return Ok(r);
        }
    }
    match vm.num(a[0]) {
        Some(Num::I(i)) => Ok(match i.checked_abs() {
            Some(r) => vm.new_int(r),
            None => vm.new_bigint(num_bigint::BigInt::from(i).magnitude().clone().into()),
        }),
        Some(Num::B(b)) => {
            let r = num_traits::Signed::abs(b);
            Ok(vm.new_bigint(r))
        }
        Some(Num::F(f)) => Ok(vm.new_float(f.abs())),
        None => {
            if let Some(r) = vm.call_special(a[0], vm.g.names.__abs__, &[])? {
                return Ok(r);
            }
            let tn = vm.type_name_of(a[0]);
            Err(vm.type_error(&format!("bad operand type for abs(): '{tn}'")))
        }
    }
}

fn iterate(
    vm: &mut Vm,
    v: Value,
    mut f: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    let it = vm.iter(v)?;
    let mark = vm.push_root(it);
    let r = (|| {
        while let Some(x) = vm.next(it)? {
            if !f(vm, x)? {
                break;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

fn sum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // `sum(iterable, /, start=0)`, with CPython's messages for misuse.
    let [it, start] =
        crate::types::clinic::unpack(vm, "sum", a, k, ["iterable", "start"], 1, 1, 2)?;
    let it = it.unwrap_or(Value::NONE);
    let mut acc = start.unwrap_or(Value::int(0));
    if is_str(acc) {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if Obj::from_value(acc).is_some_and(|o| o.kind() == Kind::BYTES) {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    if Obj::from_value(acc).is_some_and(|o| o.kind() == K_BYTEARRAY) {
        return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    let slot = vm.push_root(acc);
    let r = match exact_seq(vm, it) {
        Some(seq) => sum_seq(vm, seq, &mut acc, slot),
        None => sum_gen(vm, it, &mut acc, slot).and_then(|done| {
            if done {
                return Ok(());
            }
            iterate(vm, it, |vm, x| {
                acc = vm.binary_op(engine::bytecode::BinaryOperator::Add, acc, x)?;
                vm.ctx.stack().slots_mut()[slot] = acc;
                Ok(true)
            })
        }),
    };
    vm.pop_roots(slot);
    r?;
    Ok(acc)
}

/// Whether `v` is an exact float or an exact int far below the float range:
/// adding small ints and exact floats to it, a batch's worth of them, runs
/// no Python code and cannot fail (an int past the float range would raise
/// OverflowError when a float comes).
fn plain_number(vm: &mut Vm, v: Value) -> bool {
    if call::small_number(v, &vm.g.types) {
        return true;
    }
    Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.int)
        && matches!(vm.num(v), Some(Num::B(b)) if b.bits() < 900)
}

/// `sum` over an exact generator while the total is a plain number: its
/// numbers come in batches (`Vm::gen_batches`) and are added after the
/// generator ran on past them, which is what adding each at its yield would
/// do, since it runs no code and cannot fail. True when the generator is
/// exhausted; false when the rest must go one item at a time.
fn sum_gen(vm: &mut Vm, it: Value, acc: &mut Value, slot: usize) -> PyResult<bool> {
    // The total lives in root `slot` while the batches run.
    let total = |vm: &mut Vm| vm.ctx.stack().slots_mut()[slot];
    let r = vm.gen_batches(
        it,
        |vm| {
            let t = total(vm);
            plain_number(vm, t).then_some(DrainKeep::Numbers)
        },
        |vm, x| {
            let mut t = total(vm);
            sum_step(vm, &mut t, x, slot)?;
            Ok(true)
        },
    );
    *acc = total(vm);
    r.unwrap_or(Ok(false))
}

/// `v` if it is an exact list or tuple (its items are read by index).
fn exact_seq(vm: &Vm, v: Value) -> Option<Obj> {
    let o = Obj::from_value(v)?;
    let t = &vm.g.types;
    let exact = (o.kind() == Kind::LIST && o.class() == t.list)
        || (o.kind() == Kind::TUPLE && o.class() == t.tuple);
    exact.then_some(o)
}

/// The least (`is_max`: the greatest) item of an exact set or frozenset
/// whose items are all immediate ints (`Some(None)` when it is empty),
/// read from its table's entries as they lie: with such items the answer
/// is the same in any iteration order, and no comparison can run code. A
/// set that other threads reach is left to the iterator (its size-change
/// check). None when any of that does not hold.
fn set_int_extreme(vm: &Vm, v: Value, is_max: bool) -> Option<Option<Value>> {
    use proto_core::layouts::dict as ldict;
    let o = Obj::from_value(v)?;
    let t = &vm.g.types;
    let exact = (o.kind() == Kind::SET && (o.class() == t.set || o.class() == t.frozenset))
        && (!o.is_shared() || o.class() == t.frozenset);
    if !exact {
        return None;
    }
    let tab = ldict::table(o);
    let mut best: Option<i64> = None;
    for e in 0..ldict::used(tab).min(ldict::cap(tab)) {
        let k = ldict::entry(tab, e).0;
        if k.is_empty() {
            continue;
        }
        let x = k.as_int()?;
        best = Some(match best {
            Some(b) if is_max => b.max(x),
            Some(b) => b.min(x),
            None => x,
        });
    }
    Some(best.map(Value::int))
}

/// `sum` over an exact list or tuple: small ints add without `binary_op`
/// (CPython's int fast path), anything else through it. Items are read by
/// index each step, so an `__add__` that changes the list is seen as the
/// list iterator would see it. The running total is kept in root `slot`.
fn sum_seq(vm: &mut Vm, seq: Obj, acc: &mut Value, slot: usize) -> PyResult<()> {
    let mut i = 0;
    while let Some(x) = seq_item(seq, i) {
        sum_step(vm, acc, x, slot)?;
        i += 1;
    }
    Ok(())
}

/// Item `i` of the exact list or tuple `seq` ([`exact_seq`]), read now.
#[inline]
fn seq_item(seq: Obj, i: usize) -> Option<Value> {
    if seq.kind() == Kind::LIST {
        llist::get(seq, i)
    } else {
        (i < seq.n_values()).then(|| seq.get(i))
    }
}

/// `acc + x` into `acc` (small ints without `binary_op`, CPython's int fast
/// path), kept in root `slot`.
#[inline]
fn sum_step(vm: &mut Vm, acc: &mut Value, x: Value, slot: usize) -> PyResult<()> {
    let small = match (acc.as_int(), x.as_int()) {
        (Some(a), Some(b)) => a.checked_add(b).and_then(Value::try_int),
        _ => None,
    };
    *acc = match small {
        Some(v) => v,
        None => vm.binary_op(engine::bytecode::BinaryOperator::Add, *acc, x)?,
    };
    vm.ctx.stack().slots_mut()[slot] = *acc;
    Ok(())
}

/// `any` (`want` true) or `all` (`want` false) over an exact generator: the
/// values whose truth runs no code and lets the test go on come in batches
/// (`Vm::gen_batches`); a batch ends after the first other value, tested
/// before the generator resumes, so the generator stops where one value at
/// a time would stop it. None when `it` is no exact generator.
fn any_all_gen(vm: &mut Vm, it: Value, want: bool) -> Option<PyResult<bool>> {
    let keep = if want {
        DrainKeep::Falsy
    } else {
        DrainKeep::Truthy
    };
    let mut found = false;
    let r = vm.gen_batches(
        it,
        |_| Some(keep),
        |vm, x| {
            found = vm.truthy(x)? == want;
            Ok(!found)
        },
    )?;
    Some(r.map(|_| found))
}

fn any(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "any", a, k, 1, 1)?;
    if let Some(r) = any_all_gen(vm, a[0], true) {
        return Ok(Value::bool(r?));
    }
    let mut r = false;
    iterate(vm, a[0], |vm, x| {
        if vm.truthy(x)? {
            r = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(r))
}

fn all(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "all", a, k, 1, 1)?;
    if let Some(r) = any_all_gen(vm, a[0], false) {
        return Ok(Value::bool(!r?));
    }
    let mut r = true;
    iterate(vm, a[0], |vm, x| {
        if !vm.truthy(x)? {
            r = false;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(r))
}

/// Whether `x` replaces `best` in `max` (`x > best`) or `min` (`x < best`);
/// small ints compare without the rich comparison.
#[inline(always)]
fn beats(vm: &mut Vm, x: Value, best: Value, is_max: bool) -> PyResult<bool> {
    if x.is_int() && best.is_int() {
        let (p, q) = (x.int_unchecked(), best.int_unchecked());
        return Ok(if is_max { p > q } else { p < q });
    }
    let r = vm.compare(x, best, if is_max { 4 } else { 0 })?;
    vm.truthy(r)
}

fn minmax(vm: &mut Vm, a: &[Value], k: Value, is_max: bool) -> PyResult<Value> {
    // `min(x, y, ...)` without keywords: the arguments are the items, and
    // the caller keeps them alive.
    if a.len() >= 2 && Obj::from_value(k).is_none_or(|o| o.n_values() == 0) {
        let mut best = a[0];
        for &x in &a[1..] {
            if beats(vm, x, best, is_max)? {
                best = x;
            }
        }
        return Ok(best);
    }
    let name = if is_max { "max" } else { "min" };
    let mut args = Args::new(a, k);
    let key = args.take("key").filter(|v| !v.is_none());
    let default = args.take("default");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(&format!(
            "'{}' is an invalid keyword argument for {name}()",
            str_of(*k)
        )));
    }
    if args.pos.is_empty() {
        return Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0")));
    }
    if args.pos.len() > 1 && default.is_some() {
        return Err(vm.type_error(&format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let src = if args.pos.len() == 1 {
        args.pos[0]
    } else {
        vm.new_tuple(args.pos)
    };
    // The items are compared as they come, as CPython's `min_max`: an
    // iterable is never collected first (a generator of 10**8 items needs
    // no list of them).
    let mark = vm.push_root(src);
    let mut best = Best {
        key,
        is_max,
        slots: vm.push_root(Value::EMPTY),
    };
    for _ in 0..3 {
        vm.push_root(Value::EMPTY);
    }
    let r = (|| {
        if key.is_none() {
            // An exact list or tuple read by index (as its iterator would
            // read it, a change made by a comparison included).
            if let Some(seq) = exact_seq(vm, src) {
                let mut i = 0;
                while let Some(x) = seq_item(seq, i) {
                    best.offer(vm, x)?;
                    i += 1;
                }
                return Ok(());
            }
            if let Some(x) = set_int_extreme(vm, src, is_max) {
                if let Some(x) = x {
                    best.offer(vm, x)?;
                }
                return Ok(());
            }
            minmax_gen_batches(vm, src, &mut best)?;
        }
        iterate(vm, src, |vm, x| best.offer(vm, x))
    })();
    let found = vm.ctx.stack().slots_mut()[best.slots];
    vm.pop_roots(mark);
    r?;
    if !found.is_empty() {
        return Ok(found);
    }
    if let Some(d) = default {
        return Ok(d);
    }
    Err(vm.value_error(&format!("{name}() arg is an empty sequence")))
}

/// The running winner of `min`/`max`, kept in four root slots from `slots`:
/// the best item, its key, the item being offered and its key.
struct Best {
    key: Option<Value>,
    is_max: bool,
    slots: usize,
}

impl Best {
    fn get(&self, vm: &mut Vm, i: usize) -> Value {
        vm.ctx.stack().slots_mut()[self.slots + i]
    }

    fn set(&self, vm: &mut Vm, i: usize, v: Value) {
        vm.ctx.stack().slots_mut()[self.slots + i] = v;
    }

    /// Offers item `x`; true (go on).
    #[inline]
    fn offer(&mut self, vm: &mut Vm, x: Value) -> PyResult<bool> {
        if self.key.is_none() {
            // Two small ints: compared here, nothing to root.
            if let (Some(p), Some(q)) = (x.as_int(), self.get(vm, 1).as_int()) {
                if (self.is_max && p > q) || (!self.is_max && p < q) {
                    self.set(vm, 0, x);
                    self.set(vm, 1, x);
                }
                return Ok(true);
            }
        }
        self.set(vm, 2, x);
        let kx = match self.key {
            Some(f) => vm.call(f, &[x], Value::EMPTY)?,
            None => x,
        };
        self.set(vm, 3, kx);
        let best_k = self.get(vm, 1);
        if self.get(vm, 0).is_empty() || beats(vm, kx, best_k, self.is_max)? {
            self.set(vm, 0, x);
            self.set(vm, 1, kx);
        }
        Ok(true)
    }
}

/// `min`/`max` without a key over an exact generator, while the best item
/// so far is a small int or float (or there is none yet): its numbers come
/// in batches (`Vm::gen_batches`), since comparing them with such a best
/// runs no code and cannot fail. Returns when the generator is exhausted or
/// the best is something else (the caller goes on one item at a time).
fn minmax_gen_batches(vm: &mut Vm, it: Value, best: &mut Best) -> PyResult<()> {
    let best_slot = best.slots;
    let r = vm.gen_batches(
        it,
        |vm| {
            let b = vm.ctx.stack().slots_mut()[best_slot];
            (b.is_empty() || call::small_number(b, &vm.g.types)).then_some(DrainKeep::Numbers)
        },
        |vm, x| best.offer(vm, x),
    );
    r.map_or(Ok(()), |r| r.map(|_| ()))
}

fn max(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    minmax(vm, a, k, true)
}
fn min(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    minmax(vm, a, k, false)
}

/// Sorts `items` by their keys (`key(item)`, or the items) with Python `<`,
/// stably, as `list.sort` and `sorted` do: natural runs (a strictly
/// descending one reversed), short runs extended to `min_run` by binary
/// insertion, and runs merged under timsort's stack invariants, so sorted,
/// reversed and partly ordered input take about one comparison an item.
/// A comparison that raises ends the sort with its exception and leaves
/// `items` as it was.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let holder = vm.new_list(items);
    let mark = vm.push_root(holder);
    let r = (|| {
        let keys: Vec<Value> = match key {
            Some(f) => {
                // The keys computed so far stay rooted in one list (one
                // value-stack slot, not one per item: a 3,000,000-item
                // sort overflowed the stack into a RecursionError), made at
                // its length and each key written over its item: this
                // thread's own list, never published, so no lock.
                let held = vm.new_list(items);
                vm.push_root(held);
                let ho = Obj::from_value(held).expect("list");
                let mut ks = Vec::with_capacity(items.len());
                for (i, &x) in items.iter().enumerate() {
                    let kx = vm.call(f, &[x], Value::EMPTY)?;
                    llist::set(&mut vm.ctx, ho, i, kx);
                    ks.push(kx);
                }
                ks
            }
            None => items.clone(),
        };
        // Each key moves with its item: a comparison reads both keys where
        // the merge is, not through an index into a separate array. Small
        // ints and exact strs are compared as numbers and bytes (read once
        // here: the sort then allocates nothing and runs no code, so they
        // stay where they are).
        let order: Vec<Value> = match KeyKind::of(&keys, &vm.g.types) {
            KeyKind::Int => {
                let v = pairs(&keys, items, reverse, |k| k.int_unchecked());
                sort_pairs(vm, v, |_, a, b| Ok(a < b))?
            }
            KeyKind::Str => {
                // UTF-8's byte order is the code points' order.
                let v = pairs(&keys, items, reverse, str_bytes);
                sort_pairs(vm, v, |_, a, b| Ok(a < b))?
            }
            KeyKind::General => {
                let v = pairs(&keys, items, reverse, |k| k);
                sort_pairs(vm, v, |vm, a, b| {
                    if a.is_int() && b.is_int() {
                        return Ok(a.int_unchecked() < b.int_unchecked());
                    }
                    let r = vm.compare(a, b, 0)?;
                    vm.truthy(r)
                })?
            }
        };
        items.copy_from_slice(&order);
        if reverse {
            items.reverse();
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// What all of a sort's keys are, found before sorting (as CPython's
/// `list.sort` checks its keys once): small ints and exact strs compare
/// without the general comparison, and cannot raise or run code.
#[derive(Clone, Copy)]
enum KeyKind {
    Int,
    Str,
    General,
}

impl KeyKind {
    fn of(keys: &[Value], t: &Types) -> KeyKind {
        if keys.iter().all(|k| k.is_int()) {
            return KeyKind::Int;
        }
        let exact_str = |k: Value| {
            Obj::from_value(k).is_some_and(|o| o.kind() == Kind::STR && o.class() == t.str_)
        };
        if keys.iter().all(|&k| exact_str(k)) {
            return KeyKind::Str;
        }
        KeyKind::General
    }
}

/// `(key, item)` pairs in the order the sort starts from (reversed for
/// `reverse=True`: reversing before and after keeps equal items in their
/// original order, as CPython's reversal does).
fn pairs<K>(
    keys: &[Value],
    items: &[Value],
    reverse: bool,
    f: impl Fn(Value) -> K,
) -> Vec<(K, Value)> {
    let mut v: Vec<(K, Value)> = keys
        .iter()
        .map(|&k| f(k))
        .zip(items.iter().copied())
        .collect();
    if reverse {
        v.reverse();
    }
    v
}

/// Runs shorter than this are extended by binary insertion (timsort's).
fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The stable sort of [`sort_values`] over `(key, item)` pairs with the key
/// comparison `lt`; the items in their sorted order.
fn sort_pairs<K: Copy>(
    vm: &mut Vm,
    mut v: Vec<(K, Value)>,
    mut lt: impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<Vec<Value>> {
    sort_runs(vm, &mut v, &mut lt)?;
    Ok(v.into_iter().map(|p| p.1).collect())
}

fn sort_runs<K: Copy>(
    vm: &mut Vm,
    v: &mut [(K, Value)],
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = min_run(n);
    // Pending runs (start, length), oldest first; `buf` holds a merge's left run.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut buf: Vec<(K, Value)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let mut len = count_run(vm, &mut v[lo..], lt)?;
        if len < minrun {
            let force = minrun.min(n - lo);
            binary_insertion(vm, &mut v[lo..lo + force], len, lt)?;
            len = force;
        }
        runs.push((lo, len));
        lo += len;
        merge_collapse(vm, v, &mut runs, &mut buf, lt, false)?;
    }
    merge_collapse(vm, v, &mut runs, &mut buf, lt, true)
}

/// The length of the run at the start of `a`: non-descending, or strictly
/// descending and then reversed in place (strictly, so that reversing it
/// keeps the sort stable).
fn count_run<K: Copy>(
    vm: &mut Vm,
    a: &mut [(K, Value)],
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<usize> {
    let n = a.len();
    if n < 2 {
        return Ok(n);
    }
    let mut i = 2;
    if lt(vm, a[1].0, a[0].0)? {
        while i < n && lt(vm, a[i].0, a[i - 1].0)? {
            i += 1;
        }
        a[..i].reverse();
    } else {
        while i < n && !lt(vm, a[i].0, a[i - 1].0)? {
            i += 1;
        }
    }
    Ok(i)
}

/// Sorts `a` whose first `sorted` pairs are in order: each later pair goes
/// after the last one not greater than it (found by bisection).
fn binary_insertion<K: Copy>(
    vm: &mut Vm,
    a: &mut [(K, Value)],
    sorted: usize,
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<()> {
    for i in sorted.max(1)..a.len() {
        let l = first_greater(vm, &a[..i], a[i].0, lt)?;
        a[l..=i].rotate_right(1);
    }
    Ok(())
}

/// The index of the first pair of the sorted `a` whose key is greater than
/// `key` (`a.len()` if none), by bisection: where `key` goes after its equals.
fn first_greater<K: Copy>(
    vm: &mut Vm,
    a: &[(K, Value)],
    key: K,
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<usize> {
    let (mut l, mut r) = (0, a.len());
    while l < r {
        let m = l + (r - l) / 2;
        if lt(vm, key, a[m].0)? {
            r = m;
        } else {
            l = m + 1;
        }
    }
    Ok(l)
}

/// Merges pending runs while timsort's invariants fail (with `all`, until
/// one run is left): each run longer than the next two together, and than
/// the next one, so merges stay balanced.
fn merge_collapse<K: Copy>(
    vm: &mut Vm,
    v: &mut [(K, Value)],
    runs: &mut Vec<(usize, usize)>,
    buf: &mut Vec<(K, Value)>,
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
    all: bool,
) -> PyResult<()> {
    while runs.len() > 1 {
        let mut i = runs.len() - 2;
        let len = |j: usize| runs[j].1;
        if all {
            if i > 0 && len(i - 1) < len(i + 1) {
                i -= 1;
            }
        } else if (i > 0 && len(i - 1) <= len(i) + len(i + 1))
            || (i > 1 && len(i - 2) <= len(i - 1) + len(i))
        {
            if len(i - 1) < len(i + 1) {
                i -= 1;
            }
        } else if len(i) > len(i + 1) {
            break;
        }
        let (s, l1) = runs[i];
        let l2 = runs[i + 1].1;
        merge_runs(vm, &mut v[s..s + l1 + l2], l1, buf, lt)?;
        runs[i] = (s, l1 + l2);
        runs.remove(i + 1);
    }
    Ok(())
}

/// Merges the sorted `a[..mid]` and `a[mid..]` stably. The left run's pairs
/// that are not greater than the right run's first stay where they are.
fn merge_runs<K: Copy>(
    vm: &mut Vm,
    a: &mut [(K, Value)],
    mid: usize,
    buf: &mut Vec<(K, Value)>,
    lt: &mut impl FnMut(&mut Vm, K, K) -> PyResult<bool>,
) -> PyResult<()> {
    // Already in order: the right run's first is not below the left's last.
    if !lt(vm, a[mid].0, a[mid - 1].0)? {
        return Ok(());
    }
    // The first left pair greater than the right run's first (the left's
    // last is): everything before it is in place.
    let l = first_greater(vm, &a[..mid - 1], a[mid].0, lt)?;
    buf.clear();
    buf.extend_from_slice(&a[l..mid]);
    let (mut i, mut j, mut k) = (0, mid, l);
    while i < buf.len() && j < a.len() {
        if lt(vm, a[j].0, buf[i].0)? {
            a[k] = a[j];
            j += 1;
        } else {
            a[k] = buf[i];
            i += 1;
        }
        k += 1;
    }
    let rest = buf.len() - i;
    a[k..k + rest].copy_from_slice(&buf[i..]);
    Ok(())
}

fn sorted(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // `sorted(iterable, /, *, key=None, reverse=False)`: as CPython's, the
    // one positional argument is checked first, then the keywords as
    // `list.sort`'s (whose messages name `sort()`).
    let npos = a.len() - Obj::from_value(k).map_or(0, |o| o.n_values());
    if npos != 1 {
        return Err(vm.type_error(&format!("sorted expected 1 argument, got {npos}")));
    }
    let [key, rev] =
        crate::types::clinic::unpack(vm, "sort", &a[1..], k, ["key", "reverse"], 0, 0, 0)?;
    let key = key.filter(|v| !v.is_none());
    // Rooted while `reverse`'s `__index__` runs (`sort_values` roots them
    // itself). `reverse` is an integer that fits a C int, as for list.sort.
    let (mut items, mark) = vm.collect_rooted(a[0])?;
    let r = match rev {
        Some(r) => crate::args::py_long_as_int(vm, r).map(|i| i != 0),
        None => Ok(false),
    };
    vm.pop_roots(mark);
    sort_values(vm, &mut items, key, r?)?;
    Ok(vm.new_list(&items))
}

fn divmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "divmod", a, k, 2, 2)?;
    if vm.exact_num(a[0]).is_none() || vm.exact_num(a[1]).is_none() {
        let (f, r) = (vm.g.names.__divmod__, vm.g.names.__rdivmod__);
        let res = vm.binop_dispatch(a[0], a[1], f, r)?;
        if res != Value::NOT_IMPLEMENTED {
            return Ok(res);
        }
        if vm.num(a[0]).is_none() || vm.num(a[1]).is_none() {
            let (ta, tb) = (vm.type_name_of(a[0]), vm.type_name_of(a[1]));
            return Err(vm.type_error(&format!(
                "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
            )));
        }
    }
    // int/float subclass instances that do not override __divmod__ divide
    // as their values (not through an overriding __floordiv__/__mod__).
    crate::types::int::num_divmod(vm, a[0], a[1])
}

fn pow_(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let base = args.get(0, "base");
    let exp = args.get(1, "exp");
    let m = args.get(2, "mod").filter(|v| !v.is_none());
    let (Some(b), Some(e)) = (base, exp) else {
        return Err(vm.type_error("pow() missing required argument"));
    };
    if let Some(m) = m {
        if vm.is_int_like(b) && vm.is_int_like(e) && vm.is_int_like(m) && !is_numsub(b) {
            let r = crate::types::int::int_modpow(vm, b, e, m)?;
            if r != Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
        }
        // Three-argument pow uses only the base's __pow__ (no __rpow__);
        // float and complex refuse a modulus.
        let nums = [b, e, m]
            .iter()
            .all(|v| vm.num(*v).is_some() || vm.type_of(*v) == vm.g.types.complex);
        if nums && !is_numsub(b) {
            // CPython's ternary_op: the `nb_power` of the base's, the
            // exponent's, then the modulus's type answers; int's passes on
            // a non-int, float's refuses any modulus with a TypeError,
            // complex's with a ValueError.
            for v in [b, e, m] {
                if vm.type_of(v) == vm.g.types.complex {
                    return Err(vm.value_error("complex modulo"));
                }
                if vm.num(v).is_some_and(|n| matches!(n, Num::F(_))) {
                    return Err(vm.type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ));
                }
            }
        }
        let pow_n = vm.g.names.__pow__;
        if let Some(f) = vm.lookup_type(vm.type_of(b), pow_n) {
            let r = vm.call_bound(f, b, &[e, m])?;
            if r != Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
        }
        let (tb, te, tm) = (vm.type_name_of(b), vm.type_name_of(e), vm.type_name_of(m));
        return Err(vm.type_error(&format!(
            "unsupported operand type(s) for ** or pow(): '{tb}', '{te}', '{tm}'"
        )));
    }
    vm.binary_op(engine::bytecode::BinaryOperator::Power, b, e)
}

fn round(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() > 2 {
        return Err(vm.type_error(&format!(
            "round() takes at most 2 arguments ({} given)",
            a.len()
        )));
    }
    let mut args = Args::new(a, k);
    let x = args
        .get(0, "number")
        .ok_or_else(|| vm.type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = args.get(1, "ndigits").filter(|v| !v.is_none());
    if is_numsub(x) {
        let call_args: Vec<Value> = nd.into_iter().collect();
        if let Some(r) = vm.call_special(x, vm.g.names.__round__, &call_args)? {
            return Ok(r);
        }
    }
    match vm.num(x) {
        Some(Num::F(f)) => match nd {
            None => {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "cannot convert float infinity to integer",
                    ));
                }
                let r = crate::text::number::float_round_to_int(f)
                    .map_err(|_| vm.value_error("round"))?;
                Ok(vm.new_bigint(r))
            }
            Some(n) => {
                let n = vm.index(n)?;
                let n = vm.as_i64(n).unwrap_or_else(|| {
                    if vm
                        .as_bigint(n)
                        .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                    {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                });
                let r = crate::text::number::float_round(f, n).map_err(|_| {
                    vm.new_exc(vm.g.e.OverflowError, "rounded value too large to represent")
                })?;
                Ok(vm.new_float(r))
            }
        },
        Some(Num::I(_)) | Some(Num::B(_)) => match nd {
            None => Ok(if x.is_bool() {
                Value::int((x == Value::TRUE) as i64)
            } else {
                crate::types::int::exact_value(x)
            }),
            Some(n) => {
                let n = vm.index(n)?;
                let n = vm.as_i64(n).unwrap_or_else(|| {
                    if vm
                        .as_bigint(n)
                        .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                    {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                });
                let b = vm.as_bigint(x).unwrap_or_default();
                let r = crate::text::number::int_round(&b, n);
                Ok(vm.new_bigint(r))
            }
        },
        None => {
            let mut call_args = vec![];
            if let Some(n) = nd {
                call_args.push(n);
            }
            if let Some(r) = vm.call_special(x, vm.g.names.__round__, &call_args)? {
                return Ok(r);
            }
            let tn = vm.type_name_of(x);
            Err(vm.type_error(&format!("type {tn} doesn't define __round__ method")))
        }
    }
}

fn vars(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "vars", a, k, 0, 1)?;
    if a.is_empty() {
        return locals(vm, a, k);
    }
    match vm.getattr_opt(a[0], vm.g.names.__dict__)? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

fn dir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "dir", a, k, 0, 1)?;
    if a.is_empty() {
        // The sorted keys of the locals mapping: an exact dict's own keys,
        // any other mapping's `keys()` (eval/exec may be given one).
        let l = locals(vm, a, k)?;
        let mark = vm.push_root(l);
        let exact = Obj::from_value(l)
            .is_some_and(|o| o.kind() == Kind::DICT && o.class() == vm.g.types.dict);
        let r = (|| {
            let keys = if exact {
                vm.dict_items(l).into_iter().map(|(k, _)| k).collect()
            } else {
                let ks = vm.call_method(l, "keys", &[])?;
                vm.push_root(ks);
                vm.collect(ks)?
            };
            let list = vm.new_list(&keys);
            vm.push_root(list);
            vm.call_method(list, "sort", &[])?;
            Ok(list)
        })();
        vm.pop_roots(mark);
        return r;
    }
    let v = a[0];
    let mut names: Vec<String> = Vec::new();
    // A class whose metaclass defines its own __dir__ (not object's) lists
    // what that returns, as for any other object.
    let custom_meta_dir = Obj::from_value(v).is_some_and(|o| {
        if o.kind() != K_TYPE {
            return false;
        }
        let n = vm.intern("__dir__");
        let mine = vm.lookup_type(o.class(), n);
        mine.is_some() && mine != vm.lookup_type(vm.g.types.object, n)
    });
    if let Some(o) = Obj::from_value(v).filter(|o| o.kind() == K_TYPE && !custom_meta_dir) {
        if let Some(d) = vm.instance_dict(o) {
            names.extend(
                vm.dict_items(d)
                    .into_iter()
                    .map(|(k, _)| str_of(k).into_owned()),
            );
        }
        let mro = vm.getattr(v, vm.g.names.__mro__)?;
        for c in vm.seq_items(mro) {
            let d = Obj::from_value(c).expect("t").get(T_DICT);
            names.extend(
                vm.dict_items(d)
                    .into_iter()
                    .map(|(k, _)| str_of(k).into_owned()),
            );
        }
    } else {
        // dir() sorts what type(v).__dir__(v) returns, duplicates included
        // (looked up on the type: a class's own __dir__ is for its instances).
        let n = vm.intern("__dir__");
        let r = match vm.lookup_type(vm.type_of(v), n) {
            Some(f) => vm.call_bound(f, v, &[])?,
            None => vm.call_method(v, "__dir__", &[])?,
        };
        let items = vm.collect(r)?;
        names.extend(items.into_iter().map(|x| str_of(x).into_owned()));
        names.sort();
        let vals: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
        return Ok(vm.new_list(&vals));
    }
    names.sort();
    names.dedup();
    let vals: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
    Ok(vm.new_list(&vals))
}

fn globals(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm
        .frames
        .last()
        .map(|f| f.globals.value())
        .unwrap_or(Value::NONE))
}

fn locals(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(f) = vm.frames.last() else {
        return Ok(Value::NONE);
    };
    let (base, cd) = (f.base, f.code);
    let lm = vm.ctx.stack().slots_mut()[base + 2];
    if !lm.is_empty() {
        return Ok(lm);
    }
    let d = vm.new_dict();
    for (i, &n) in cd.varnames.iter().enumerate() {
        let v = vm.ctx.stack().slots_mut()[base + FRAME_HEADER + i];
        if !v.is_empty() {
            vm.dict_set_str(d, n, v);
        }
    }
    let cells = base + FRAME_HEADER + cd.nlocals;
    let names: Vec<String> = cd
        .code
        .cellvars
        .iter()
        .chain(cd.code.freevars.iter())
        .map(|s| s.to_string())
        .collect();
    for (i, n) in names.iter().enumerate() {
        let c = vm.ctx.stack().slots_mut()[cells + i];
        if let Some(co) = Obj::from_value(c) {
            let v = co.get(0);
            if !v.is_empty() {
                let k = vm.intern(n);
                vm.dict_set_str(d, k, v);
            }
        }
    }
    Ok(d)
}

fn format(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "format", a, k, 1, 2)?;
    let spec = match a.get(1) {
        Some(&s) => s,
        None => vm.intern(""),
    };
    if !is_str(spec) {
        let tn = vm.arg_type_name(spec);
        return Err(vm.type_error(&format!("format() argument 2 must be str, not {tn}")));
    }
    vm.format(a[0], spec)
}

fn exec_eval(vm: &mut Vm, a: &[Value], k: Value, mode: Mode) -> PyResult<Value> {
    let name = if mode == Mode::Eval { "eval" } else { "exec" };
    // eval(source, globals=None, locals=None, /) and
    // exec(source, globals=None, locals=None, /, *, closure=None).
    if mode == Mode::Eval && Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("eval() takes no keyword arguments"));
    }
    let [src, g, l, closure] = crate::types::clinic::unpack(
        vm,
        name,
        a,
        k,
        ["source", "globals", "locals", "closure"],
        3,
        1,
        3,
    )?;
    let src = src.unwrap_or(Value::NONE);
    let g = g.filter(|v| !v.is_none());
    let l = l.filter(|v| !v.is_none());
    let closure = closure.filter(|v| !v.is_none());
    let (globals, locals) = match (g, l) {
        (Some(g), Some(l)) => (g, l),
        (Some(g), None) => (g, g),
        (None, Some(l)) => {
            let gg = self::globals(vm, &[], Value::EMPTY)?;
            (gg, l)
        }
        (None, None) => {
            let gg = self::globals(vm, &[], Value::EMPTY)?;
            let ll = self::locals(vm, &[], Value::EMPTY)?;
            (gg, ll)
        }
    };
    let mark = vm.push_root(globals);
    vm.push_root(locals);
    let r = exec_eval_in(vm, src, globals, locals, closure, mode);
    vm.pop_roots(mark);
    r
}

/// `exec`/`eval` once the namespaces are chosen: CPython's checks of the
/// namespaces, the source and the closure, in its order.
fn exec_eval_in(
    vm: &mut Vm,
    src: Value,
    globals: Value,
    locals: Value,
    closure: Option<Value>,
    mode: Mode,
) -> PyResult<Value> {
    let name = if mode == Mode::Eval { "eval" } else { "exec" };
    let is_mapping = |vm: &Vm, v: Value| {
        let t = vm.type_of(v);
        vm.lookup_type(t, vm.g.names.__getitem__).is_some()
    };
    if !Obj::from_value(globals).is_some_and(|o| o.kind() == Kind::DICT) {
        let tn = vm.type_name_of(globals);
        if mode != Mode::Eval {
            return Err(vm.type_error(&format!("{name}() globals must be a dict, not {tn}")));
        }
        return Err(vm.type_error(if is_mapping(vm, globals) {
            "globals must be a real dict; try eval(expr, {}, mapping)"
        } else {
            "globals must be a dict"
        }));
    }
    if !is_mapping(vm, locals) {
        let tn = vm.type_name_of(locals);
        return Err(vm.type_error(&if mode == Mode::Eval {
            "locals must be a mapping".to_string()
        } else {
            format!("locals must be a mapping or None, not {tn}")
        }));
    }
    if vm.dict_get_str(globals, vm.g.names.__builtins__).is_none() {
        let b = vm.g.builtins;
        vm.dict_set_str(globals, vm.g.names.__builtins__, b);
    }
    let code = if Obj::from_value(src).is_some_and(|o| o.kind() == K_CODE) {
        let nfree = vm.code_body(src).map_or(0, |cd| cd.code.freevars.len());
        if mode == Mode::Eval {
            if nfree > 0 {
                return Err(
                    vm.type_error("code object passed to eval() may not contain free variables")
                );
            }
        } else if nfree == 0 {
            if closure.is_some() {
                return Err(vm.type_error("cannot use a closure with this code object"));
            }
        } else {
            let ok = closure.is_some_and(|c| {
                Obj::from_value(c).is_some_and(|o| {
                    o.kind() == Kind::TUPLE
                        && o.class() == vm.g.types.tuple
                        && o.n_values() == nfree
                        && (0..nfree)
                            .all(|i| Obj::from_value(o.get(i)).is_some_and(|c| c.kind() == K_CELL))
                })
            });
            if !ok {
                return Err(vm.type_error(&format!(
                    "code object requires a closure of exactly length {nfree}"
                )));
            }
        }
        src
    } else {
        if closure.is_some() {
            return Err(vm.type_error("closure can only be used when source is a code object"));
        }
        let is_text = is_str(src);
        let Some(mut s) = source_bytes(src) else {
            return Err(vm.type_error(&format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )));
        };
        if mode == Mode::Eval {
            let n = s.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
            s.drain(..n);
        }
        if s.contains(&0) {
            return Err(vm.value_error("source code string cannot contain null bytes"));
        }
        audit_compile(vm, &s, "<string>")?;
        let flags = engine::compiler::CompileFlags::interpreter();
        if is_text {
            // A str is already decoded: its coding cookie is not read.
            let text = String::from_utf8_lossy(&s).into_owned();
            vm.compile_text_with(&text, "<string>", mode, flags)?
        } else {
            vm.compile_source_with(&s, "<string>", mode, flags)?
        }
    };
    let mark = vm.push_root(code);
    let r = match vm.audit("exec", &[code]) {
        Ok(()) => vm.run_code_with_closure(code, globals, locals, closure),
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    let r = r?;
    Ok(if mode == Mode::Eval { r } else { Value::NONE })
}

/// Source text as bytes: a str's own (UTF-8, lone surrogates kept) or a
/// buffer's; None for anything else (a code or AST object).
fn source_bytes(src: Value) -> Option<Vec<u8>> {
    if is_str(src) {
        Some(str_bytes(src).to_vec())
    } else {
        crate::types::bytes::buf(src)
    }
}

/// The audit event `compile` of source text: its bytes and the file name.
fn audit_compile(vm: &mut Vm, src: &[u8], filename: &str) -> PyResult<()> {
    if !vm.auditing() {
        return Ok(());
    }
    let mark = vm.push_root(Value::NONE);
    let b = vm.new_bytes(src);
    vm.push_root(b);
    let f = vm.new_str(filename);
    vm.push_root(f);
    let r = vm.audit("compile", &[b, f]);
    vm.pop_roots(mark);
    r
}

fn exec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    exec_eval(vm, a, k, Mode::Exec)
}
fn eval(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    exec_eval(vm, a, k, Mode::Eval)
}

/// The `compile()` flags CPython accepts: the `__future__` features
/// (`PyCF_MASK`), the obsolete `CO_NESTED`, and `PyCF_COMPILE_MASK`
/// (only-AST, top-level await, type comments, don't-imply-dedent,
/// incomplete input).
const COMPILE_FLAGS_ALLOWED: i64 = 0x1fe_0000 | 0x10 | 0x400 | 0x2000 | 0x1000 | 0x200 | 0x4000;
/// `CO_FUTURE_ANNOTATIONS`, as a `compile()` flag.
const CO_FUTURE_ANNOTATIONS: i64 = 0x100_0000;
/// `PyCF_ALLOW_TOP_LEVEL_AWAIT`.
const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

fn compile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // The signature's checks (missing, duplicated and unknown arguments)
    // before any conversion.
    let [src, filename, mode, flags, dont_inherit, optimize, _] = crate::types::clinic::unpack(
        vm,
        "compile",
        a,
        k,
        [
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        0,
        3,
        6,
    )?;
    let src = src.unwrap_or(Value::NONE);
    // The conversions in CPython's order: filename (a path), mode (a str),
    // flags and optimize (ints); then the flags' and optimize's values.
    let filename = filename.unwrap_or(Value::NONE);
    // A buffer other than bytes (bytearray, memoryview) is still taken, with
    // the DeprecationWarning of CPython's PyUnicode_FSDecoder.
    let other_buffer = if is_str(filename) || crate::modules::posix::path::is_bytes(filename) {
        None
    } else {
        crate::types::bytes::buf(filename)
    };
    let filename = match other_buffer {
        Some(b) => {
            let tn = vm.type_name_of(filename);
            let msg = format!("path should be string, bytes, or os.PathLike, not {tn}");
            vm.warn(vm.g.e.DeprecationWarning, &msg, 1)?;
            vm.new_bytes(&b)
        }
        _ => crate::modules::posix::path::fspath_value(vm, filename)?,
    };
    let filename = if is_str(filename) {
        str_of(filename).into_owned()
    } else {
        String::from_utf8_lossy(str_bytes(filename)).into_owned()
    };
    let mode = mode.unwrap_or(Value::NONE);
    if !is_str(mode) {
        let tn = vm.arg_type_name(mode);
        return Err(vm.type_error(&format!("compile() argument 'mode' must be str, not {tn}")));
    }
    let mode = str_of(mode).into_owned();
    let flag_bits = match flags {
        Some(f) => i64::from(crate::args::c_int(vm, f)?),
        None => 0,
    };
    let dont_inherit = match dont_inherit {
        Some(d) => vm.truthy(d)?,
        None => false,
    };
    let level = match optimize {
        Some(o) => crate::args::c_int(vm, o)?,
        None => -1,
    };
    if flag_bits & !COMPILE_FLAGS_ALLOWED != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&level) {
        return Err(vm.value_error("compile(): invalid optimize value"));
    }
    // optimize=-1 is the interpreter's -O level; 0..2 are explicit (what
    // py_compile/compileall pass for opt-N cache files).
    let mut cflags = engine::compiler::CompileFlags::interpreter();
    if level >= 0 {
        cflags.optimize = level as u8;
    }
    // The caller's `from __future__ import annotations` carries over
    // unless dont_inherit.
    let inherited = !dont_inherit
        && vm.frames.last().is_some_and(|f| {
            f.code
                .code
                .flags
                .contains(engine::bytecode::CodeFlags::FUTURE_ANNOTATIONS)
        });
    cflags.future_annotations = flag_bits & CO_FUTURE_ANNOTATIONS != 0 || inherited;
    cflags.allow_top_level_await = flag_bits & PYCF_ALLOW_TOP_LEVEL_AWAIT != 0;
    if vm.auditing() {
        // CPython's event: the source's bytes and the file name, or an AST
        // object and None.
        match source_bytes(src) {
            Some(b) => audit_compile(vm, &b, &filename)?,
            None => vm.audit("compile", &[src, Value::NONE])?,
        }
    }
    if let Some(r) = crate::modules::_ast::compile_hook(vm, a, k, cflags)? {
        return Ok(r);
    }
    let m = match mode.as_str() {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if is_str(src) {
        let text = str_bytes(src);
        if text.contains(&0) {
            return Err(vm.value_error("source code string cannot contain null bytes"));
        }
        let text = String::from_utf8_lossy(text).into_owned();
        return vm.compile_text_with(&text, &filename, m, cflags);
    }
    let Some(s) = crate::types::bytes::buf(src) else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    if s.contains(&0) {
        return Err(vm.value_error("source code string cannot contain null bytes"));
    }
    vm.compile_source_with(&s, &filename, m, cflags)
}

fn import(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // The signature's checks (missing, duplicated and unknown arguments).
    crate::types::clinic::unpack(
        vm,
        "__import__",
        a,
        k,
        ["name", "globals", "locals", "fromlist", "level"],
        0,
        1,
        5,
    )?;
    let mut args = Args::new(a, k);
    let name = args.get(0, "name").unwrap_or(Value::NONE);
    // Omitted globals are EMPTY (a relative import then has no `__name__`);
    // None or another non-dict is refused by a relative import.
    let globals = args.get(1, "globals").unwrap_or(Value::EMPTY);
    let fromlist = args.get(3, "fromlist").unwrap_or(Value::NONE);
    let level = args.get(4, "level").unwrap_or(Value::int(0));
    vm.import_name_native(name, globals, fromlist, level)
}

/// `input([prompt])`, as CPython's: sys.stderr is flushed; on a terminal
/// with `readline` imported (sys.stdin and sys.stdout still descriptors 0
/// and 1) the line is read with editing and history; otherwise the
/// prompt goes to sys.stdout, which is flushed, and the line is
/// `sys.stdin.readline()` without its newline (EOFError when empty).
fn input(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "input", a, k, 0, 1)?;
    let fin = sys_attr(vm, "stdin").filter(|v| !v.is_none());
    let fout = sys_attr(vm, "stdout").filter(|v| !v.is_none());
    let (Some(fin), Some(fout)) = (fin, fout) else {
        let which = if sys_attr(vm, "stdin").is_none_or(|v| v.is_none()) {
            "stdin"
        } else {
            "stdout"
        };
        return Err(vm.exc_by_name("RuntimeError", &format!("input(): lost sys.{which}")));
    };
    let mark = vm.push_root(fin);
    vm.push_root(fout);
    let r = vm
        .audit(
            "builtins.input",
            &[a.first().copied().unwrap_or(Value::NONE)],
        )
        .and_then(|()| input_from(vm, a.first().copied(), fin, fout))
        .and_then(|line| {
            vm.push_root(line);
            vm.audit("builtins.input/result", &[line])?;
            Ok(line)
        });
    vm.pop_roots(mark);
    r
}

fn input_from(vm: &mut Vm, prompt: Option<Value>, fin: Value, fout: Value) -> PyResult<Value> {
    crate::modules::sys::flush_stream(vm, "stderr");
    if crate::modules::readline::active(vm) {
        let prompt = match prompt {
            Some(p) => vm.str_string(p)?,
            None => String::new(),
        };
        use crate::modules::readline::Line;
        return match crate::modules::readline::read_line(vm, &prompt)? {
            Line::Text(s) => Ok(vm.new_str(&s)),
            Line::Eof => Err(vm.exc_by_name("EOFError", "EOF when reading a line")),
            Line::Interrupted => {
                let cls = vm.g.e.KeyboardInterrupt;
                let e = vm.call(cls, &[], Value::EMPTY)?;
                Err(PyException(e))
            }
        };
    }
    if let Some(p) = prompt {
        let s = vm.str(p)?;
        vm.call_method(fout, "write", &[s])?;
    }
    // A stream that cannot flush is no error here (CPython clears it).
    let _ = vm.call_method(fout, "flush", &[]);
    let line = vm.call_method(fin, "readline", &[])?;
    if !is_str(line) {
        return Err(vm.type_error("object.readline() returned non-string"));
    }
    let b = str_bytes(line);
    if b.is_empty() {
        return Err(vm.exc_by_name("EOFError", "EOF when reading a line"));
    }
    if b.last() == Some(&b'\n') {
        let t = b[..b.len() - 1].to_vec();
        return Ok(vm.new_str_bytes(&t));
    }
    Ok(line)
}

/// `breakpoint(*args, **kws)`: calls `sys.breakpointhook` with them.
fn breakpoint(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    match sys_attr(vm, "breakpointhook") {
        Some(h) => {
            vm.audit("builtins.breakpoint", &[h])?;
            vm.call(h, a, k)
        }
        None => Err(vm.exc_by_name("RuntimeError", "lost sys.breakpointhook")),
    }
}

/// Fills the builtins dict.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let b = vm.g.builtins;
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("getattr", getattr),
        ("hasattr", hasattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("hash", hash),
        ("iter", iter),
        ("next", next),
        ("aiter", aiter),
        ("anext", anext),
        ("callable", callable),
        ("chr", chr_),
        ("ord", ord),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("abs", abs),
        ("sum", sum),
        ("any", any),
        ("all", all),
        ("max", max),
        ("min", min),
        ("sorted", sorted),
        ("divmod", divmod),
        ("pow", pow_),
        ("round", round),
        ("vars", vars),
        ("dir", dir),
        ("globals", globals),
        ("locals", locals),
        ("format", format),
        ("exec", exec),
        ("eval", eval),
        ("compile", compile),
        ("__import__", import),
        ("__build_class__", build_class),
        ("input", input),
        ("breakpoint", breakpoint),
        ("open", crate::modules::_io::open),
    ];
    for &(name, f) in fns {
        let v = vm.new_builtin(name, f, false);
        let k = vm.intern(name);
        vm.dict_set_str(b, k, v);
        if name == "len" {
            // The interpreter answers `len(x)` of builtin containers itself.
            vm.g.builtin_len
                .store(v.bits(), proto_core::sync::Ordering::Release);
        }
        if name == "isinstance" {
            vm.g.builtin_isinstance
                .store(v.bits(), proto_core::sync::Ordering::Release);
        }
        if name == "issubclass" {
            vm.g.builtin_issubclass
                .store(v.bits(), proto_core::sync::Ordering::Release);
        }
        if name == "next" {
            vm.g.builtin_next
                .store(v.bits(), proto_core::sync::Ordering::Release);
        }
    }
    let t = &vm.g.types;
    let types: Vec<(&str, Value)> = vec![
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("complex", t.complex),
        ("str", t.str_),
        ("bytes", t.bytes),
        ("bytearray", t.bytearray),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("frozendict", crate::types::frozendict::frozendict_type()),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("staticmethod", t.staticmethod),
        ("classmethod", t.classmethod),
        ("super", t.super_),
    ];
    for (name, v) in types {
        let k = vm.intern(name);
        vm.dict_set_str(b, k, v);
    }
    for (name, v) in [
        ("None", Value::NONE),
        ("True", Value::TRUE),
        ("False", Value::FALSE),
        ("NotImplemented", Value::NOT_IMPLEMENTED),
        ("Ellipsis", Value::ELLIPSIS),
        ("__debug__", Value::TRUE),
    ] {
        let k = vm.intern(name);
        vm.dict_set_str(b, k, v);
    }
    let k = vm.intern("__name__");
    let n = vm.intern("builtins");
    vm.dict_set_str(b, k, n);
    Ok(())
}
