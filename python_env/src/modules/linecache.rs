//! The `linecache` module: source lines of files by name, read from disk
//! (or from sources the interpreter registered) and cached by the VM, as
//! tracebacks and `warnings` show them.  Only the reading half of
//! CPython's module is provided (`getline`, `getlines`).

use engine::runtime::*;
use proto_core::Value;

/// The lines of `filename` (each ending in a newline), empty when the file
/// cannot be read.
fn lines_of(vm: &mut Vm, filename: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut n = 1;
    while let Some(l) = vm.source_line(filename, n) {
        out.push(l + "\n");
        n += 1;
    }
    out
}

/// `getline(filename, lineno, module_globals=None)`: the line with its
/// newline, or '' when there is no such line.
fn getline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getline", a, k, 2, 3)?;
    if !is_str(a[0]) {
        return Ok(vm.new_str(""));
    }
    let name = str_of(a[0]).into_owned();
    let Some(n) = vm.as_i64(a[1]) else {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "'<=' not supported between instances of 'int' and '{tn}'"
        )));
    };
    if n < 1 || n > u32::MAX as i64 {
        return Ok(vm.new_str(""));
    }
    match vm.source_line(&name, n as u32) {
        Some(l) => Ok(vm.new_str(&(l + "\n"))),
        None => Ok(vm.new_str("")),
    }
}

/// `getlines(filename, module_globals=None)`: the list of lines.
fn getlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getlines", a, k, 1, 2)?;
    let lines = if is_str(a[0]) {
        let name = str_of(a[0]).into_owned();
        lines_of(vm, &name)
    } else {
        Vec::new()
    };
    let vals: Vec<Value> = lines.iter().map(|l| vm.new_str(l)).collect();
    Ok(vm.new_list(&vals))
}

/// Creates the linecache module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("linecache");
    let fns: &[(&'static str, NativeFn)] = &[("getline", getline), ("getlines", getlines)];
    vm.add_module_functions(m, fns);
    Ok(m)
}
