//! `sqlite3.Row`: a row that is indexed by column number or by name
//! (case-insensitively), with `keys()`, slicing, iteration, `len`,
//! equality and hashing over its description and values.
//!
//! Layout: `K_INSTANCE` with values `[__dict__, subclass __slots__...,
//! description, data]`, written only by `__new__`.

use super::errors;
use engine::runtime::*;
use proto_core::{Obj, Value};

const S_DESC: usize = 0;
const S_DATA: usize = 1;
const NSLOTS: usize = 2;

/// The type checked by instance layout: a Row (or subclass) made by
/// `row_new` has the Row type in its MRO.
fn row_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<Obj> {
    if vm.isinstance(v, super::types().row) {
        if let Some(o) = Obj::from_value(v) {
            if o.n_values() >= NSLOTS {
                return Ok(o);
            }
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "descriptor '{m}' for 'sqlite3.Row' objects doesn't apply to a '{tn}' object"
    )))
}

fn parts(o: Obj) -> (Value, Value) {
    let n = o.n_values();
    (o.get(n - NSLOTS + S_DESC), o.get(n - NSLOTS + S_DATA))
}

/// `Row(cursor, data, /)`.
fn row_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    crate::types::clinic::positional(vm, "Row", "Row", &a[1..], k, 2, 2)?;
    let (cur, data) = (a[1], a[2]);
    if super::cursor::state(cur).is_none() {
        let tn = vm.type_name_of(cur);
        return Err(vm.type_error(&format!(
            "Row() argument 1 must be sqlite3.Cursor, not {tn}"
        )));
    }
    if !vm.isinstance(data, vm.g.types.tuple) {
        let tn = vm.type_name_of(data);
        return Err(vm.type_error(&format!("Row() argument 2 must be tuple, not {tn}")));
    }
    let desc = super::cursor::description(cur);
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + NSLOTS;
    let o = vm.alloc_obj(K_INSTANCE, cls, n, 0);
    for i in 0..n - NSLOTS {
        o.init(i, Value::EMPTY);
    }
    o.init(n - NSLOTS + S_DESC, desc);
    o.init(n - NSLOTS + S_DATA, data);
    Ok(o.value())
}

/// Column names from the description.
fn names(vm: &mut Vm, desc: Value) -> Vec<Value> {
    if desc.is_none() {
        return Vec::new();
    }
    vm.seq_items(desc)
        .into_iter()
        .map(|t| vm.seq_items(t).first().copied().unwrap_or(Value::NONE))
        .collect()
}

fn row_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = row_of(vm, a[0], "__getitem__")?;
    let (desc, data) = parts(o);
    let key = a[1];
    if vm.is_int_like(key) {
        let items = vm.seq_items(data);
        let n = items.len() as i64;
        let i = match vm.as_i64(key) {
            Some(i) => i,
            None => {
                return Err(
                    vm.exc_by_name("IndexError", "cannot fit 'int' into an index-sized integer")
                )
            }
        };
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.exc_by_name("IndexError", "tuple index out of range"));
        }
        return Ok(items[j as usize]);
    }
    if is_str(key) {
        let want = str_bytes(key);
        for (i, name) in names(vm, desc).into_iter().enumerate() {
            if str_bytes(name).eq_ignore_ascii_case(want) {
                let items = vm.seq_items(data);
                return Ok(items.get(i).copied().unwrap_or(Value::NONE));
            }
        }
        return Err(vm.exc_by_name("IndexError", "No item with that key"));
    }
    if Obj::from_value(key).is_some_and(|k| k.class() == vm.g.types.slice) {
        return vm.getitem(data, key);
    }
    Err(vm.exc_by_name("IndexError", "Index must be int or string"))
}

fn row_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = row_of(vm, a[0], "__len__")?;
    let n = vm.seq_items(parts(o).1).len();
    Ok(Value::int(n as i64))
}

fn row_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = row_of(vm, a[0], "__iter__")?;
    vm.iter(parts(o).1)
}

fn row_keys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = row_of(vm, a[0], "keys")?;
    crate::types::clinic::method_positional(vm, "keys", "keys", a, k, 0, 0)?;
    let ns = names(vm, parts(o).0);
    Ok(vm.new_list(&ns))
}

fn row_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = row_of(vm, a[0], "__hash__")?;
    let (d, v) = parts(o);
    let h = vm.hash(d)? ^ vm.hash(v)?;
    let h = if h == -1 { -2 } else { h };
    Ok(vm.new_int(h))
}

fn compare(vm: &mut Vm, a: &[Value], eq: bool) -> PyResult<Value> {
    let o = row_of(vm, a[0], if eq { "__eq__" } else { "__ne__" })?;
    if !vm.isinstance(a[1], super::types().row) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let Some(p) = Obj::from_value(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (d1, v1) = parts(o);
    let (d2, v2) = parts(p);
    let same = vm.eq(d1, d2)? && vm.eq(v1, v2)?;
    Ok(Value::bool(same == eq))
}

fn row_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    compare(vm, a, true)
}

fn row_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    compare(vm, a, false)
}

fn not_impl(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    row_of(vm, a[0], "__lt__")?;
    Ok(Value::NOT_IMPLEMENTED)
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    let _ = errors::Exc::Programming;
    vm.add_static(t, "__new__", row_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__getitem__", row_getitem),
        ("__len__", row_len),
        ("__iter__", row_iter),
        ("keys", row_keys),
        ("__hash__", row_hash),
        ("__eq__", row_eq),
        ("__ne__", row_ne),
        ("__lt__", not_impl),
        ("__le__", not_impl),
        ("__gt__", not_impl),
        ("__ge__", not_impl),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
}
