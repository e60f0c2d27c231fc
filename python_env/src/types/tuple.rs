//! `tuple`: construction, hashing, indexing and iteration; the methods it
//! shares with `list` (comparisons, `+`, `*`, `index`, `count`, repr) live
//! in `list.rs`.

use super::list::{
    getitem_common, lo, seq_add, seq_contains, seq_count, seq_eq, seq_ge, seq_gt, seq_index,
    seq_le, seq_len, seq_lt, seq_mul, seq_ne, seq_repr,
};
use super::seq::{is_slice, slice_indices};
use crate::args::Args;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

fn tuple_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if is_slice(a[1]) && vm.type_of(a[0]) == vm.g.types.tuple {
        let n = lo(a[0]).n_values();
        let (start, _stop, step, count) = slice_indices(vm, a[1], n)?;
        if start == 0 && step == 1 && count == n {
            return Ok(a[0]);
        }
    }
    getitem_common(vm, a[0], a[1], false)
}

fn tuple_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.g.types.tuple_iter;
    Ok(vm.new_seq_iter(c, a[0], 0))
}

fn tuple_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    // Keywords are refused unless a subclass's own `__init__` takes them.
    let (tt, init) = (vm.g.types.tuple, vm.g.names.__init__);
    if !args.kw.is_empty()
        && (args.pos[0] == tt || vm.lookup_type(args.pos[0], init) == vm.lookup_type(tt, init))
    {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "tuple expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let cls = args.pos[0];
    let items = match args.pos.get(1) {
        Some(&src) => {
            if cls == vm.g.types.tuple
                && Obj::from_value(src)
                    .is_some_and(|o| o.kind() == Kind::TUPLE && o.class() == vm.g.types.tuple)
            {
                return Ok(src);
            }
            vm.collect(src)?
        }
        None => Vec::new(),
    };
    Ok(vm.new_tuple_of(cls, &items))
}

fn tuple_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).filter(|o| o.kind() == Kind::TUPLE);
    let Some(o) = o else {
        return Err(vm.type_error("descriptor '__hash__' requires a 'tuple' object"));
    };
    let h = vm.hash_tuple(o)?;
    Ok(vm.new_int(h))
}

fn tuple_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let items = vm.seq_items(a[0]);
    let t = vm.new_tuple(&items);
    Ok(vm.new_tuple(&[t]))
}

/// Registers tuple.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.tuple;
    vm.add_static(t, "__new__", tuple_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("index", seq_index),
        ("count", seq_count),
        ("__len__", seq_len),
        ("__getitem__", tuple_getitem),
        ("__contains__", seq_contains),
        ("__iter__", tuple_iter),
        ("__lt__", seq_lt),
        ("__le__", seq_le),
        ("__eq__", seq_eq),
        ("__ne__", seq_ne),
        ("__gt__", seq_gt),
        ("__ge__", seq_ge),
        ("__add__", seq_add),
        ("__mul__", seq_mul),
        ("__rmul__", seq_mul),
        ("__repr__", seq_repr),
        ("__hash__", tuple_hash),
        ("__getnewargs__", tuple_getnewargs),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    Ok(())
}
