//! CPython's argument checks for the methods Argument Clinic generates
//! (`METH_FASTCALL` with or without `METH_KEYWORDS`), with their exact
//! messages, and those of `METH_VARARGS` methods (`PyArg_ParseTuple`).
//! `METH_NOARGS` / `METH_O` methods declare their arity instead
//! (`Vm::declare_arity`).

use crate::args::count_ok;
use engine::runtime::{str_of, PyResult, Vm};
use proto_core::{Obj, Value};

/// Number of keyword arguments named by `kwnames`.
#[inline]
fn n_kw(kwnames: Value) -> usize {
    Obj::from_value(kwnames).map_or(0, |k| k.n_values())
}

/// A positional-only `METH_FASTCALL` method (`_PyArg_NoKwnames`, then
/// `_PyArg_CheckPositional`): `{qual}() takes no keyword arguments`, then
/// `{name} expected at most N arguments, got M`. `a[0]` is the receiver.
#[inline]
pub fn method_positional(
    vm: &mut Vm,
    qual: &str,
    name: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = a.len().saturating_sub(1);
    if count_ok(n, kwnames, min, max) {
        return Ok(());
    }
    positional_error(vm, qual, name, n, kwnames, min, max)
}

/// [`method_positional`] for a function or static method (no receiver in
/// `a`).
#[inline]
pub fn positional(
    vm: &mut Vm,
    qual: &str,
    name: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = a.len();
    if count_ok(n, kwnames, min, max) {
        return Ok(());
    }
    positional_error(vm, qual, name, n, kwnames, min, max)
}

#[cold]
#[inline(never)]
fn positional_error(
    vm: &mut Vm,
    qual: &str,
    name: &str,
    n: usize,
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let nkw = n_kw(kwnames);
    if nkw > 0 {
        return Err(vm.type_error(&format!("{qual}() takes no keyword arguments")));
    }
    let (what, lim) = if n < min {
        (if min == max { "" } else { "at least " }, min)
    } else if n > max {
        (if min == max { "" } else { "at most " }, max)
    } else {
        return Ok(());
    };
    let s = if lim == 1 { "" } else { "s" };
    Err(vm.type_error(&format!("{name} expected {what}{lim} argument{s}, got {n}")))
}

/// A `METH_VARARGS` method parsed by `PyArg_ParseTuple`, called as a
/// method (`s.find(x, start=1)`): `{owner}.{name}() takes no keyword
/// arguments`, then `{name}() takes at most N arguments (M given)`.
/// `a[0]` is the receiver.
#[inline]
pub fn method_varargs(
    vm: &mut Vm,
    owner: &str,
    name: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = a.len().saturating_sub(1);
    if count_ok(n, kwnames, min, max) {
        return Ok(());
    }
    varargs_error(vm, owner, name, a, kwnames, min, max)
}

#[cold]
#[inline(never)]
fn varargs_error(
    vm: &mut Vm,
    owner: &str,
    name: &str,
    a: &[Value],
    kwnames: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let q = format!("{owner}.{name}");
    let args = a.get(1..).unwrap_or(&[]);
    crate::args::check_parse_tuple(vm, &q, name, args, kwnames, min, max)
}

/// `_PyArg_UnpackKeywords`: the arguments of a method whose parameters are
/// `names` (the first `posonly` positional-only, at most `maxpos` given by
/// position, at least `minpos` required; the rest keyword-only), by
/// position or by keyword, with CPython's messages for every misuse.
/// `args` are the call's arguments after the receiver (keyword values at
/// the end, as natives receive them).
#[allow(clippy::too_many_arguments)]
pub fn unpack<const N: usize>(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kwnames: Value,
    names: [&str; N],
    posonly: usize,
    minpos: usize,
    maxpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let mut out = [None; N];
    let nkw = n_kw(kwnames);
    let nargs = args.len() - nkw;
    if nkw == 0 && nargs >= minpos && nargs <= maxpos {
        for (o, &v) in out.iter_mut().zip(args) {
            *o = Some(v);
        }
        return Ok(out);
    }
    if nkw > 0
        && nargs <= maxpos
        && unpack_keywords(args, kwnames, &names, posonly, minpos, &mut out)
    {
        return Ok(out);
    }
    out = [None; N];
    unpack_slow(
        vm, fname, args, kwnames, &names, posonly, minpos, maxpos, &mut out,
    )?;
    Ok(out)
}

/// [`unpack`] of a call with keyword arguments (at most `maxpos` given by
/// position) that binds without error: each keyword names a parameter
/// that may be given by keyword and that no positional argument filled,
/// and every required one is filled. The names are compared in place
/// (no copies: a keyword call of a native method allocates nothing
/// here). False when any check fails, `out` then partly written:
/// [`unpack_slow`] starts again and raises CPython's error.
#[inline]
fn unpack_keywords(
    args: &[Value],
    kwnames: Value,
    names: &[&str],
    posonly: usize,
    minpos: usize,
    out: &mut [Option<Value>],
) -> bool {
    let Some(k) = Obj::from_value(kwnames) else {
        return false;
    };
    let nkw = k.n_values();
    let nargs = args.len() - nkw;
    for (o, &v) in out.iter_mut().zip(&args[..nargs]) {
        *o = Some(v);
    }
    for (j, &v) in args[nargs..].iter().enumerate() {
        let key = str_of(k.get(j));
        let Some(i) = names
            .iter()
            .enumerate()
            .skip(posonly)
            .find_map(|(i, &n)| (n == key).then_some(i))
        else {
            return false;
        };
        if out[i].is_some() {
            return false;
        }
        out[i] = Some(v);
    }
    out[..minpos].iter().all(Option::is_some)
}

#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn unpack_slow(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kwnames: Value,
    names: &[&str],
    posonly: usize,
    minpos: usize,
    maxpos: usize,
    out: &mut [Option<Value>],
) -> PyResult<()> {
    let maxargs = names.len();
    let kwn: Vec<String> = match Obj::from_value(kwnames) {
        Some(k) => (0..k.n_values())
            .map(|i| str_of(k.get(i)).into_owned())
            .collect(),
        None => Vec::new(),
    };
    let mut nkw = kwn.len();
    let nargs = args.len() - nkw;
    let kwvals = &args[nargs..];
    if nargs + nkw > maxargs {
        let kw = if nargs == 0 { "keyword " } else { "" };
        let s = if maxargs == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{fname}() takes at most {maxargs} {kw}argument{s} ({} given)",
            nargs + nkw
        )));
    }
    if nargs > maxpos {
        if maxpos == 0 {
            return Err(vm.type_error(&format!("{fname}() takes no positional arguments")));
        }
        let what = if minpos < maxpos {
            "at most"
        } else {
            "exactly"
        };
        let s = if maxpos == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{fname}() takes {what} {maxpos} positional argument{s} ({nargs} given)"
        )));
    }
    let minposonly = posonly.min(minpos);
    if nargs < minposonly {
        let what = if minposonly < maxpos {
            "at least"
        } else {
            "exactly"
        };
        let s = if minposonly == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{fname}() takes {what} {minposonly} positional argument{s} ({nargs} given)"
        )));
    }
    let find = |name: &str| kwn.iter().position(|k| k == name).map(|i| kwvals[i]);
    for (o, &v) in out.iter_mut().zip(&args[..nargs]) {
        *o = Some(v);
    }
    for i in nargs.max(posonly)..maxargs {
        let cur = if nkw > 0 {
            find(names[i])
        } else if i >= minpos {
            break;
        } else {
            None
        };
        out[i] = cur;
        if cur.is_some() {
            nkw -= 1;
        } else if i < minpos {
            return Err(vm.type_error(&format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    if nkw > 0 {
        for (i, name) in names.iter().enumerate().take(nargs).skip(posonly) {
            if find(name).is_some() {
                return Err(vm.type_error(&format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
        }
        for k in &kwn {
            if !names[posonly..].contains(&k.as_str()) {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    Ok(())
}
