//! Argument parsing helpers for builtin functions.

use engine::runtime::{str_of, PyResult, Vm};
use proto_core::{Obj, Value};

/// Positional and keyword arguments of a builtin call.
pub struct Args<'a> {
    /// Positional arguments.
    pub pos: &'a [Value],
    /// Keyword arguments (name, value).
    pub kw: Vec<(Value, Value)>,
}

impl<'a> Args<'a> {
    /// Splits `a` by `kwnames`.
    pub fn new(a: &'a [Value], kwnames: Value) -> Args<'a> {
        match Obj::from_value(kwnames) {
            Some(k) => {
                let n = k.n_values();
                let np = a.len() - n;
                Args {
                    pos: &a[..np],
                    kw: (0..n).map(|i| (k.get(i), a[np + i])).collect(),
                }
            }
            None => Args {
                pos: a,
                kw: Vec::new(),
            },
        }
    }

    /// Takes a keyword argument by name.
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| str_of(*k) == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Positional `i`, or keyword `name`.
    pub fn get(&mut self, i: usize, name: &str) -> Option<Value> {
        if i < self.pos.len() {
            return self.pos.get(i).copied();
        }
        self.take(name)
    }

    /// Errors for leftover keywords.
    pub fn no_more_kw(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if let Some((k, _)) = self.kw.first() {
            return Err(vm.type_error(&format!(
                "{fname}() got an unexpected keyword argument '{}'",
                str_of(*k)
            )));
        }
        Ok(())
    }
}

/// Checks a positional count for a function taking no keywords.
#[inline]
pub fn check(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if count_ok(a.len(), kwnames, min, max) {
        Ok(())
    } else {
        check_count(vm, fname, a.len(), kwnames, min, max)
    }
}

/// Method arity check (self excluded from the counts in messages).
#[inline]
pub fn check_method(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = a.len().saturating_sub(1);
    if count_ok(n, kwnames, min, max) {
        Ok(())
    } else {
        check_count(vm, fname, n, kwnames, min, max)
    }
}

/// The accepted case of [`check_count`], tested inline at every native
/// call: no keyword names and a count in range.
#[inline(always)]
pub(crate) fn count_ok(n: usize, kwnames: Value, min: usize, max: usize) -> bool {
    !kwnames.is_heap() && n >= min && n <= max
}

/// `PyArg_ParseTuple`'s argument checks: `{kw_name}() takes no keyword
/// arguments`, then `{name}() takes exactly/at least/at most N argument(s)
/// (n given)` for the positional arguments `a`.
pub fn check_parse_tuple(
    vm: &mut Vm,
    kw_name: &str,
    name: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if Obj::from_value(kwnames).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error(&format!("{kw_name}() takes no keyword arguments")));
    }
    let n = a.len();
    if n < min || n > max {
        let (what, lim) = if min == max {
            ("exactly", min)
        } else if n < min {
            ("at least", min)
        } else {
            ("at most", max)
        };
        let s = if lim == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{name}() takes {what} {lim} argument{s} ({n} given)"
        )));
    }
    Ok(())
}

/// Method arity check (self, `a[0]`, excluded) with the `PyArg_ParseTuple`
/// wording some CPython methods use (str/bytes find family).
pub fn check_method_takes(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let args = a.get(1..).unwrap_or(&[]);
    check_parse_tuple(vm, fname, fname, args, kwnames, min, max)
}

/// Rejects keywords and a positional count `n` outside `min..=max`, with
/// CPython's messages (an empty keyword-name tuple is no keyword).
#[cold]
#[inline(never)]
fn check_count(
    vm: &mut Vm,
    fname: &str,
    n: usize,
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if let Some(k) = Obj::from_value(kwnames) {
        if k.n_values() > 0 {
            return Err(vm.type_error(&format!("{fname}() takes no keyword arguments")));
        }
    }
    if n < min || n > max {
        let msg = if min == max {
            if min == 0 {
                format!("{fname}() takes no arguments ({n} given)")
            } else if min == 1 {
                format!("{fname}() takes exactly one argument ({n} given)")
            } else {
                format!("{fname} expected {min} arguments, got {n}")
            }
        } else if n < min {
            format!(
                "{fname} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

/// `PyLong_AsLong` after `__index__`: an int that fits a C long.
pub fn c_long(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) => Ok(x),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C long",
        )),
    }
}

/// An argument converted like CPython's `PyArg` "n" format (`Py_ssize_t`):
/// `__index__`, then the 64-bit range.
pub fn py_ssize_t(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) => Ok(x),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// CPython's `int` argument converter (`_PyLong_AsInt`, argument clinic's
/// `int`): `__index__`, then the C int range, with one OverflowError message.
pub fn py_long_as_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    // The usual flags first (`newline=False`): no `__index__` to look for.
    if v == Value::FALSE || v == Value::TRUE {
        return Ok(i64::from(v == Value::TRUE));
    }
    if let Some(x) = v.as_int().filter(|&x| i32::try_from(x).is_ok()) {
        return Ok(x);
    }
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) if i32::try_from(x).is_ok() => Ok(x),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C int",
        )),
    }
}

/// `PyArg_ParseTuple`'s `i` format: a C long first, then the C int range.
pub fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let x = c_long(vm, v)?;
    if x > i64::from(i32::MAX) {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "signed integer is greater than maximum",
        ));
    }
    if x < i64::from(i32::MIN) {
        return Err(vm.new_exc(vm.g.e.OverflowError, "signed integer is less than minimum"));
    }
    Ok(x as i32)
}
