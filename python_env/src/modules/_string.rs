//! The `_string` module: `formatter_parser` and `formatter_field_name_split`,
//! the parsing half of `str.format` that CPython's `string.Formatter` drives.

use crate::args::check;
use crate::text::strformat::{self, FieldAccess};
use engine::runtime::*;
use proto_core::Value;

/// The str argument, or CPython's "expected str, got T".
fn str_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    if is_str(v) {
        return Ok(str_of(v).into_owned());
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("expected str, got {tn}")))
}

/// `formatter_parser(format_string)`: an iterator of
/// `(literal_text, field_name, format_spec, conversion)`, with None for the
/// last three where no field follows the literal text.
fn formatter_parser(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "formatter_parser", a, k, 1, 1)?;
    let s = str_arg(vm, a[0])?;
    let pieces = strformat::parse_format_string(&s).map_err(|m| vm.value_error(&m))?;
    let list = vm.new_list(&[]);
    let mark = vm.push_root(list);
    for p in &pieces {
        let lit = vm.new_str(&p.literal);
        vm.push_root(lit);
        let t = match &p.field {
            None => vm.new_tuple(&[lit, Value::NONE, Value::NONE, Value::NONE]),
            Some(f) => {
                let name = vm.new_str(&f.name);
                vm.push_root(name);
                let spec = vm.new_str(&f.spec);
                vm.push_root(spec);
                let conv = match f.conversion {
                    Some(c) => vm.new_str(&c.to_string()),
                    None => Value::NONE,
                };
                vm.push_root(conv);
                vm.new_tuple(&[lit, name, spec, conv])
            }
        };
        vm.push_root(t);
        vm.list_append(list, t);
    }
    let r = vm.iter(list);
    vm.pop_roots(mark);
    r
}

/// `formatter_field_name_split(field_name)`: `(first, rest)` where `first`
/// is an int for a decimal index, else a str, and `rest` iterates over
/// `(is_attribute, name_or_index)` for each `.name` / `[key]` accessor.
fn formatter_field_name_split(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "formatter_field_name_split", a, k, 1, 1)?;
    let s = str_arg(vm, a[0])?;
    let (idx, first, rest) = strformat::field_name_split(&s).map_err(|m| vm.value_error(&m))?;
    let first = match idx {
        Some(i) => vm.new_int(i as i64),
        None => vm.new_str(&first),
    };
    let mark = vm.push_root(first);
    let list = vm.new_list(&[]);
    vm.push_root(list);
    let mut pos = 0;
    loop {
        let acc = match strformat::next_access(&rest, &mut pos) {
            Ok(Some(acc)) => acc,
            Ok(None) => break,
            Err(m) => {
                vm.pop_roots(mark);
                return Err(vm.value_error(&m));
            }
        };
        let (is_attr, v) = match acc {
            FieldAccess::Attr(n) => (true, vm.new_str(&n)),
            FieldAccess::Index(i) => (false, vm.new_int(i as i64)),
            FieldAccess::Key(key) => (false, vm.new_str(&key)),
        };
        vm.push_root(v);
        let t = vm.new_tuple(&[Value::bool(is_attr), v]);
        vm.push_root(t);
        vm.list_append(list, t);
    }
    let r = vm.iter(list).map(|it| {
        vm.push_root(it);
        vm.new_tuple(&[first, it])
    });
    vm.pop_roots(mark);
    r
}

/// Creates the `_string` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_string");
    let fns: &[(&'static str, NativeFn)] = &[
        ("formatter_parser", formatter_parser),
        ("formatter_field_name_split", formatter_field_name_split),
    ];
    vm.add_module_functions(m, fns);
    Ok(m)
}
