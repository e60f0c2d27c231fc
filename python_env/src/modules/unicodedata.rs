//! The `unicodedata` module: character names (`name`, `lookup`), `decimal` and `unidata_version` (Unicode 14, as CPython 3.11).

use crate::args::check;
use crate::text::{tables, unicode};
use engine::runtime::*;
use proto_core::Value;

/// CPython's longest accepted name in `lookup` (`NAME_MAXLEN`).
const NAME_MAXLEN: usize = 256;

/// The code point of a one-character str argument, or CPython's TypeError
/// "f() argument 1 must be a unicode character, not T".
fn one_char(vm: &mut Vm, fname: &str, v: Value) -> PyResult<u32> {
    if is_str(v) {
        let cps = crate::text::decode_wtf8(str_bytes(v));
        if let [c] = cps[..] {
            return Ok(c);
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "{fname}() argument 1 must be a unicode character, not {tn}"
    )))
}

/// `unicodedata.name(chr, default=<unset>, /)`.
fn name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "name", a, k, 1, 2)?;
    let c = one_char(vm, "name", a[0])?;
    match unicode::char_name(c) {
        Some(n) => Ok(vm.new_str(&n)),
        None => match a.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.value_error("no such name")),
        },
    }
}

/// `unicodedata.lookup(name, /)`: str or bytes-like name, KeyError when unknown.
fn lookup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "unicodedata.lookup", a, k, 1, 1)?;
    let v = a[0];
    let text: String = if is_str(v) {
        str_of(v).into_owned()
    } else if let Some(b) = crate::types::bytes::buf(v) {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    if text.len() > NAME_MAXLEN {
        return Err(vm.new_exc(vm.g.e.KeyError, "name too long"));
    }
    match unicode::lookup_name(&text) {
        Some(c) => {
            let s = crate::text::encode_wtf8(&[c]);
            Ok(vm.new_str_bytes(&s))
        }
        None => Err(vm.new_exc(
            vm.g.e.KeyError,
            &format!("undefined character name '{text}'"),
        )),
    }
}

/// `unicodedata.decimal(chr, default=<unset>, /)`.
fn decimal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "decimal", a, k, 1, 2)?;
    let c = one_char(vm, "decimal", a[0])?;
    match unicode::decimal_value(c) {
        Some(d) => Ok(Value::int(i64::from(d))),
        None => match a.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.value_error("not a decimal")),
        },
    }
}

/// Creates the unicodedata module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("unicodedata");
    let fns: &[(&'static str, NativeFn)] =
        &[("name", name), ("lookup", lookup), ("decimal", decimal)];
    vm.add_module_functions(m, fns);
    let v = vm.new_str(tables::UNIDATA_VERSION);
    vm.set_module_attr(m, "unidata_version", v);
    Ok(m)
}
