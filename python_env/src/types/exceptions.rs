//! BaseException and the exception hierarchy's methods.

use crate::args::Args;
use crate::text::codecs::UnicodeOp;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

fn exc_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let mut cls = args.pos[0];
    // Only OSError(errno, strerror[, filename[, winerror[, filename2]]]) maps
    // its errno to a subclass (CPython's oserror_use_init range).
    if cls == vm.g.e.OSError && (3..=6).contains(&args.pos.len()) {
        if let Some(errno) = args.pos[1].as_int() {
            let name = match errno {
                2 => Some("FileNotFoundError"),
                17 => Some("FileExistsError"),
                13 | 1 => Some("PermissionError"),
                20 => Some("NotADirectoryError"),
                21 => Some("IsADirectoryError"),
                // EPIPE, ESHUTDOWN
                32 | 108 => Some("BrokenPipeError"),
                // EAGAIN (EWOULDBLOCK), EALREADY, EINPROGRESS
                11 | 114 | 115 => Some("BlockingIOError"),
                4 => Some("InterruptedError"),
                110 => Some("TimeoutError"),
                3 => Some("ProcessLookupError"),
                10 => Some("ChildProcessError"),
                104 => Some("ConnectionResetError"),
                111 => Some("ConnectionRefusedError"),
                103 => Some("ConnectionAbortedError"),
                _ => None,
            };
            if let Some(n) = name {
                cls = vm.g.exc[n];
            }
        }
    }
    let e = vm.alloc_instance(cls, &args.pos[1..])?;
    if vm.isinstance(e, vm.g.e.OSError) {
        let mark = vm.push_root(e);
        let r = oserror_fields(vm, e, &args.pos[1..]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(e)
}

/// OSError(errno, strerror[, filename[, winerror[, filename2]]]): with 3 to
/// 5 arguments and a filename that is not None, `args` keeps only the
/// first two and the file names go to their fields; an exact
/// BlockingIOError takes a number there as `characters_written` (args
/// kept whole), as in CPython's `oserror_init`.
fn oserror_fields(vm: &mut Vm, e: Value, pos: &[Value]) -> PyResult<()> {
    let Some(o) = Obj::from_value(e).filter(|o| o.kind() == K_EXC) else {
        return Ok(());
    };
    if !(3..=5).contains(&pos.len()) || pos[2].is_none() {
        return Ok(());
    }
    let filename = pos[2];
    if vm.type_of(e) == vm.g.exc["BlockingIOError"] && vm.is_number(filename) {
        let n = vm.number_as_ssize_t(filename, vm.g.e.ValueError)?;
        vm.store(o, EXC_X3, Value::int(n));
        return Ok(());
    }
    vm.store(o, EXC_X0, filename);
    if pos.len() == 5 && !pos[4].is_none() {
        vm.store(o, EXC_X1, pos[4]);
    }
    let t = vm.new_tuple(&pos[..2]);
    vm.store(o, EXC_ARGS, t);
    Ok(())
}

fn exc_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let o = Obj::from_value(args.pos[0]).expect("exc");
    if !args.kw.is_empty() {
        let tn = type_name(o.class());
        return Err(vm.type_error(&format!("{tn}() takes no keyword arguments")));
    }
    if o.kind() == K_EXC {
        let t = vm.new_tuple(&args.pos[1..]);
        vm.store(o, EXC_ARGS, t);
    }
    Ok(Value::NONE)
}

/// The attributes of a SyntaxError that `__init__` sets from its details
/// tuple `(filename, lineno, offset, text[, end_lineno, end_offset])`.
const SYNTAX_FIELDS: [&str; 6] = [
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
];

/// `SyntaxError.__init__(msg, details)`: `args` as BaseException's, `msg`
/// the first argument, and with exactly two arguments the fields from the
/// 4- to 6-item details sequence (the type's None defaults otherwise).
fn syntax_error_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    exc_init(vm, a, k)?;
    let o = a[0];
    if let Some(&msg) = a.get(1) {
        let n = vm.intern("msg");
        vm.setattr(o, n, msg)?;
    }
    if a.len() == 3 {
        let (info, mark) = vm.collect_rooted(a[2])?;
        if info.len() < 4 || info.len() > 6 {
            vm.pop_roots(mark);
            let (what, lim) = if info.len() < 4 {
                ("at least", 4)
            } else {
                ("at most", 6)
            };
            return Err(vm.type_error(&format!(
                "function takes {what} {lim} arguments ({} given)",
                info.len()
            )));
        }
        if info.len() == 5 {
            vm.pop_roots(mark);
            return Err(vm.type_error("end_offset must be provided when end_lineno is provided"));
        }
        let r = (|| {
            for (f, &v) in SYNTAX_FIELDS.iter().zip(info.iter()) {
                let n = vm.intern(f);
                vm.setattr(o, n, v)?;
            }
            Ok(Value::NONE)
        })();
        vm.pop_roots(mark);
        return r;
    }
    Ok(Value::NONE)
}

/// `str(SyntaxError)`: `msg`, then ` (file, line N)` from the base name
/// of a str `filename` and an int `lineno`, whichever are set.
fn syntax_error_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let get = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        let n = vm.intern(name);
        Ok(vm.getattr_opt(a[0], n)?.unwrap_or(Value::NONE))
    };
    let msg = get(vm, "msg")?;
    let mut out = vm.str_string(msg)?;
    let filename = get(vm, "filename")?;
    let lineno = get(vm, "lineno")?;
    let file = is_str(filename).then(|| {
        let f = str_of(filename).into_owned();
        match f.rfind('/') {
            Some(i) => f[i + 1..].to_string(),
            None => f,
        }
    });
    let line = (vm.type_of(lineno) == vm.g.types.int)
        .then(|| vm.str_string(lineno))
        .transpose()?;
    match (file, line) {
        (Some(f), Some(l)) => out.push_str(&format!(" ({f}, line {l})")),
        (Some(f), None) => out.push_str(&format!(" ({f})")),
        (None, Some(l)) => out.push_str(&format!(" (line {l})")),
        (None, None) => {}
    }
    Ok(vm.new_str(&out))
}

/// `__init__` of NameError / AttributeError / ImportError: positional args
/// plus the keyword-only fields `allowed` (stored in their slots).
fn init_with_fields(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    cls_name: &str,
    allowed: &[(&str, usize)],
) -> PyResult<Value> {
    let args = Args::new(a, k);
    let o = Obj::from_value(args.pos[0]).expect("exc");
    let mut vals = Vec::new();
    for (kn, v) in &args.kw {
        let kn = str_of(*kn);
        match allowed.iter().find(|(n, _)| *n == kn) {
            Some((_, slot)) => vals.push((*slot, *v)),
            None => {
                return Err(vm.type_error(&format!(
                    "'{kn}' is an invalid keyword argument for {cls_name}()"
                )))
            }
        }
    }
    if o.kind() == K_EXC {
        let t = vm.new_tuple(&args.pos[1..]);
        vm.store(o, EXC_ARGS, t);
        // A field not given is reset (a second `__init__` clears it).
        for &(_, slot) in allowed {
            vm.store(o, slot, Value::EMPTY);
        }
        for (slot, v) in vals {
            vm.store(o, slot, v);
        }
    }
    Ok(Value::NONE)
}

fn name_error_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    init_with_fields(vm, a, k, "NameError", &[("name", EXC_X0)])
}

fn attribute_error_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    init_with_fields(
        vm,
        a,
        k,
        "AttributeError",
        &[("name", EXC_X0), ("obj", EXC_X1)],
    )
}

fn import_error_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    init_with_fields(
        vm,
        a,
        k,
        "ImportError",
        &[("name", EXC_X0), ("path", EXC_X1)],
    )?;
    let o = Obj::from_value(a[0]).expect("exc");
    let args = Args::new(a, k);
    let msg = if args.pos.len() == 2 {
        args.pos[1]
    } else {
        Value::EMPTY
    };
    vm.store(o, EXC_X2, msg);
    Ok(Value::NONE)
}

fn import_error_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let m = o.get(EXC_X2);
    if !m.is_empty() && !m.is_none() {
        return vm.str(m);
    }
    vm.exc_str(a[0])
}

fn oserror_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    exc_init(vm, a, k)?;
    oserror_fields(vm, a[0], &a[1..])?;
    Ok(Value::NONE)
}

/// `__init__` of UnicodeEncodeError / UnicodeDecodeError (`encoding,
/// object, start, end, reason`) and UnicodeTranslateError (`object, start,
/// end, reason`): `args` as BaseException's, then the fields as attributes
/// (where the codecs put them too). A decode error's object becomes bytes.
fn unicode_error_init(vm: &mut Vm, a: &[Value], k: Value, kind: UnicodeOp) -> PyResult<Value> {
    exc_init(vm, a, k)?;
    let pos = &a[1..];
    let want = if kind == UnicodeOp::Translate { 4 } else { 5 };
    if pos.len() != want {
        return Err(vm.type_error(&format!(
            "function takes exactly {want} arguments ({} given)",
            pos.len()
        )));
    }
    let must_be_str = |vm: &mut Vm, i: usize| -> PyResult<()> {
        if is_str(pos[i]) {
            return Ok(());
        }
        let tn = vm.type_name_of(pos[i]);
        Err(vm.type_error(&format!("argument {} must be str, not {tn}", i + 1)))
    };
    let (names, first): (&[&str], usize) = if kind == UnicodeOp::Translate {
        (&["object", "start", "end", "reason"], 0)
    } else {
        must_be_str(vm, 0)?;
        (&["encoding", "object", "start", "end", "reason"], 1)
    };
    let object = match kind {
        UnicodeOp::Decode => match super::bytes::buf(pos[first]) {
            Some(b) => vm.new_bytes(&b),
            None => {
                let tn = vm.type_name_of(pos[first]);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            }
        },
        _ => {
            must_be_str(vm, first)?;
            pos[first]
        }
    };
    let mark = vm.push_root(object);
    let r = (|| {
        let start = crate::args::py_ssize_t(vm, pos[first + 1])?;
        let end = crate::args::py_ssize_t(vm, pos[first + 2])?;
        must_be_str(vm, first + 3)?;
        let mut vals = pos.to_vec();
        vals[first] = object;
        // start and end may be outside the small-int range.
        vals[first + 1] = vm.new_int(start);
        vm.push_root(vals[first + 1]);
        vals[first + 2] = vm.new_int(end);
        vm.push_root(vals[first + 2]);
        for (name, v) in names.iter().zip(vals) {
            let n = vm.intern(name);
            vm.setattr(a[0], n, v)?;
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn unicode_encode_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unicode_error_init(vm, a, k, UnicodeOp::Encode)
}

fn unicode_decode_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unicode_error_init(vm, a, k, UnicodeOp::Decode)
}

fn unicode_translate_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unicode_error_init(vm, a, k, UnicodeOp::Translate)
}

/// `str()` of a Unicode error, from its attributes as they are now (as
/// CPython's, which reads its fields at each call); one without an
/// `object` shows its args, as BaseException's.
fn unicode_error_str(vm: &mut Vm, a: &[Value], kind: UnicodeOp) -> PyResult<Value> {
    let attr = |vm: &mut Vm, n: &str| {
        let n = vm.intern(n);
        vm.getattr_opt(a[0], n)
    };
    let Some(object) = attr(vm, "object")?.filter(|o| !o.is_none()) else {
        return vm.exc_str(a[0]);
    };
    let int_attr = |vm: &mut Vm, n: &str| -> PyResult<i64> {
        match attr(vm, n)? {
            Some(v) => crate::args::py_ssize_t(vm, v),
            None => Ok(0),
        }
    };
    let (start, end) = (int_attr(vm, "start")?, int_attr(vm, "end")?);
    let reason = match attr(vm, "reason")? {
        Some(v) => vm.str_string(v)?,
        None => String::new(),
    };
    let enc = match attr(vm, "encoding")? {
        Some(v) if kind != UnicodeOp::Translate => vm.str_string(v)?,
        _ => String::new(),
    };
    // The offending character or byte, when the range is one item long.
    let bad = usize::try_from(start)
        .ok()
        .filter(|_| end == start + 1)
        .and_then(|i| match kind {
            UnicodeOp::Decode => {
                super::bytes::buf(object).and_then(|b| b.get(i).map(|&b| u32::from(b)))
            }
            _ if is_str(object) => crate::text::decode_wtf8(str_bytes(object)).get(i).copied(),
            _ => None,
        });
    let msg = crate::text::codecs::unicode_error_message(kind, &enc, start, end, bad, &reason);
    Ok(vm.new_str(&msg))
}

fn unicode_encode_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unicode_error_str(vm, a, UnicodeOp::Encode)
}

fn unicode_decode_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unicode_error_str(vm, a, UnicodeOp::Decode)
}

fn unicode_translate_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unicode_error_str(vm, a, UnicodeOp::Translate)
}

fn exc_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.exc_str(a[0])
}

fn exc_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let name = type_name(o.class());
    let items = vm.seq_items(o.get(EXC_ARGS));
    let s = if items.len() == 1 {
        format!("{}({})", name, vm.repr_string(items[0])?)
    } else if items.is_empty() {
        format!("{name}()")
    } else {
        let r = vm.repr_string(o.get(EXC_ARGS))?;
        format!("{name}{r}")
    };
    Ok(vm.new_str(&s))
}

fn with_traceback(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let tb = a.get(1).copied().unwrap_or(Value::NONE);
    vm.store(o, EXC_TB, if tb.is_none() { Value::EMPTY } else { tb });
    Ok(a[0])
}

fn add_note(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 || !is_str(a[1]) {
        let tn = a.get(1).map(|v| vm.type_name_of(*v)).unwrap_or_default();
        return Err(vm.type_error(&format!("note must be a str, not '{tn}'")));
    }
    let n = vm.g.names.__notes__;
    let notes = match vm.getattr_opt(a[0], n)? {
        Some(l) => l,
        None => {
            let l = vm.new_list(&[]);
            vm.setattr(a[0], n, l)?;
            l
        }
    };
    if !Obj::from_value(notes).is_some_and(|o| o.kind() == Kind::LIST) {
        return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
    }
    vm.list_append(notes, a[1]);
    Ok(Value::NONE)
}

/// The instance dict of an exception when it has entries (what CPython's
/// reductions add as the state).
fn exc_state_dict(vm: &mut Vm, o: Obj) -> Option<Value> {
    vm.instance_dict(o)
        .filter(|&d| Obj::from_value(d).is_some_and(|x| x.kind() == Kind::DICT))
        .filter(|&d| !vm.dict_items(d).is_empty())
}

/// `BaseException.__reduce__`: `(type, args)`, plus the instance dict.
fn exc_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let c = o.class();
    let args = o.get(EXC_ARGS);
    Ok(match exc_state_dict(vm, o) {
        Some(d) => vm.new_tuple(&[c, args, d]),
        None => vm.new_tuple(&[c, args]),
    })
}

/// `BaseException.__setstate__(state)`: each item of a dict state set as
/// an attribute (so `ImportError.name`, `OSError.filename` reach their
/// fields); None is no state.
fn exc_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let state = a[1];
    if state.is_none() {
        return Ok(Value::NONE);
    }
    if !Obj::from_value(state).is_some_and(|o| o.kind() == Kind::DICT) {
        return Err(vm.type_error("state is not a dictionary"));
    }
    for (key, v) in vm.dict_items(state) {
        vm.setattr(a[0], key, v)?;
    }
    Ok(Value::NONE)
}

/// `OSError.__reduce__`: with a file name, the arguments that recreate it
/// (`errno, strerror, filename[, None, filename2]`), as CPython's.
fn oserror_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let c = o.class();
    let mut args = o.get(EXC_ARGS);
    if o.kind() == K_EXC {
        let (f1, f2) = (o.get(EXC_X0), o.get(EXC_X1));
        let present = |v: Value| !v.is_empty() && !v.is_none();
        let two =
            Obj::from_value(args).is_some_and(|t| t.kind() == Kind::TUPLE && t.n_values() == 2);
        if two && present(f1) {
            let t = Obj::from_value(args).expect("tuple");
            let mut items = vec![t.get(0), t.get(1), f1];
            if present(f2) {
                items.push(Value::NONE);
                items.push(f2);
            }
            args = vm.new_tuple(&items);
        }
    }
    let mark = vm.push_root(args);
    let r = match exc_state_dict(vm, o) {
        Some(d) => vm.new_tuple(&[c, args, d]),
        None => vm.new_tuple(&[c, args]),
    };
    vm.pop_roots(mark);
    Ok(r)
}

/// `ImportError.__reduce__`: `(type, args, state)` where the state holds the
/// instance dict and the `name`/`path` fields that are set (CPython's
/// `ImportError_reduce`); `(type, args)` when the state is empty.
fn import_error_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let state = vm.new_dict();
    let mark = vm.push_root(state);
    let dn = vm.g.names.__dict__;
    if let Some(d) = vm.getattr_opt(a[0], dn)? {
        if vm.type_of(d) == vm.g.types.dict {
            for (k, v) in vm.dict_items(d) {
                vm.dict_set(state, k, v)?;
            }
        }
    }
    for (name, slot) in [("name", EXC_X0), ("path", EXC_X1)] {
        let v = o.get(slot);
        if !v.is_empty() && !v.is_none() {
            let k = vm.intern(name);
            vm.dict_set(state, k, v)?;
        }
    }
    let (c, args) = (o.class(), o.get(EXC_ARGS));
    let r = if vm.dict_items(state).is_empty() {
        vm.new_tuple(&[c, args])
    } else {
        vm.new_tuple(&[c, args, state])
    };
    vm.pop_roots(mark);
    Ok(r)
}

// ---------------------------------------------------------------- ExceptionGroup

fn eg_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    if args.pos.len() != 3 {
        return Err(vm.type_error(&format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let (cls, msg, excs) = (args.pos[0], args.pos[1], args.pos[2]);
    if !is_str(msg) {
        let tn = vm.type_name_of(msg);
        return Err(vm.type_error(&format!("argument 1 must be str, not {tn}")));
    }
    let excs_tp = vm.type_of(excs);
    if vm.lookup_type(excs_tp, vm.g.names.__getitem__).is_none()
        || vm.is_subtype(excs_tp, vm.g.types.dict)
    {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.collect(excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut cls = cls;
    let mut all_exc = true;
    for &e in &items {
        if !Obj::from_value(e).is_some_and(|o| o.kind() == K_EXC) {
            let r = vm.repr_string(e)?;
            let _ = r;
            return Err(vm.value_error(&format!(
                "Item {} of second argument (exceptions) is not an exception",
                items.iter().position(|x| *x == e).unwrap_or(0)
            )));
        }
        if !vm.isinstance(e, vm.g.e.Exception) {
            all_exc = false;
        }
    }
    if cls == vm.g.e.BaseExceptionGroup && all_exc {
        cls = vm.g.e.ExceptionGroup;
    }
    if cls == vm.g.e.ExceptionGroup && !all_exc {
        return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    if !all_exc
        && cls != vm.g.e.BaseExceptionGroup
        && cls != vm.g.e.ExceptionGroup
        && vm.is_subtype(cls, vm.g.e.Exception)
    {
        let tn = type_name(cls);
        return Err(vm.type_error(&format!("Cannot nest BaseExceptions in '{tn}'")));
    }
    let t = vm.new_tuple(&items);
    let e = vm.alloc_instance(cls, &[msg, excs])?;
    if let Some(o) = Obj::from_value(e) {
        vm.store(o, EXC_X0, t);
    }
    Ok(e)
}

fn eg_message(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    Ok(vm
        .seq_items(o.get(EXC_ARGS))
        .first()
        .copied()
        .unwrap_or(Value::NONE))
}

fn eg_exceptions(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    if !o.get(EXC_X0).is_empty() {
        return Ok(o.get(EXC_X0));
    }
    Ok(vm
        .seq_items(o.get(EXC_ARGS))
        .get(1)
        .copied()
        .unwrap_or(Value::NONE))
}

fn eg_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let items = vm.seq_items(o.get(EXC_ARGS));
    let msg = vm.str_string(items[0])?;
    let ex = eg_exceptions(vm, a, Value::EMPTY)?;
    let n = vm.seq_items(ex).len();
    Ok(vm.new_str(&format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}

fn eg_derive(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("exc");
    let items = vm.seq_items(o.get(EXC_ARGS));
    let cls = vm.g.e.BaseExceptionGroup;
    vm.call(cls, &[items[0], a[1]], Value::EMPTY)
}

/// `get_matcher_type`: a function is a predicate; an exception class or a
/// tuple of them matches by type.
fn eg_matcher(vm: &mut Vm, cond: Value) -> PyResult<EgMatcher<'static>> {
    let is_exc_class = |v: Value| {
        Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE && type_flags(o) & TF_EXC != 0)
    };
    match Obj::from_value(cond) {
        Some(o) if o.kind() == K_FUNCTION => return Ok(EgMatcher::Predicate(cond)),
        Some(o)
            if o.kind() == Kind::TUPLE
                && o.class() == vm.g.types.tuple
                && vm.seq_items(cond).into_iter().all(is_exc_class) =>
        {
            return Ok(EgMatcher::Type(cond));
        }
        _ if is_exc_class(cond) => return Ok(EgMatcher::Type(cond)),
        _ => {}
    }
    Err(vm.type_error("expected a function, exception type or tuple of exception types"))
}

fn eg_split(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "split", a, k, 1, 1)?;
    let m = eg_matcher(vm, a[1])?;
    let (m, r) = vm.eg_split(a[0], m, true)?;
    Ok(vm.new_tuple(&[m, r]))
}

fn eg_subgroup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "subgroup", a, k, 1, 1)?;
    let m = eg_matcher(vm, a[1])?;
    Ok(vm.eg_split(a[0], m, false)?.0)
}

/// An OSError's `(errno, strerror)`: the pair stored in value slot X2 once
/// either was assigned, else the first two arguments when `__init__` had
/// two to five (CPython's `myerrno`/`strerror` fields), else None.
fn oserror_pair(vm: &mut Vm, o: Obj) -> (Value, Value) {
    let set = o.get(EXC_X2);
    if !set.is_empty() {
        let items = vm.seq_items(set);
        if items.len() == 2 {
            return (items[0], items[1]);
        }
    }
    let items = vm.seq_items(o.get(EXC_ARGS));
    if (2..=5).contains(&items.len()) {
        (items[0], items[1])
    } else {
        (Value::NONE, Value::NONE)
    }
}

fn oserror_receiver(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    super::descr::receiver(vm, a, K_EXC, what, "OSError")
}

fn oserror_errno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, "errno")?;
    Ok(oserror_pair(vm, o).0)
}

fn oserror_strerror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, "strerror")?;
    Ok(oserror_pair(vm, o).1)
}

/// `e.errno = v` / `e.strerror = v` (`index` 0 or 1): the pair is stored
/// whole in X2; `args` is left as it was, as in CPython.
fn oserror_set(vm: &mut Vm, a: &[Value], index: usize, what: &str) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, what)?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("setter expected a value"));
    };
    let (mut e, mut s) = oserror_pair(vm, o);
    if index == 0 {
        e = v;
    } else {
        s = v;
    }
    let t = vm.new_tuple(&[e, s]);
    vm.store(o, EXC_X2, t);
    Ok(Value::NONE)
}

fn oserror_errno_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    oserror_set(vm, a, 0, "errno")
}

fn oserror_strerror_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    oserror_set(vm, a, 1, "strerror")
}

fn oserror_written(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, "characters_written")?;
    let n = o.get(EXC_X3);
    if n.is_empty() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "characters_written"));
    }
    Ok(n)
}

/// `e.characters_written = n` (`PyNumber_AsSsize_t` with ValueError) and
/// `del e.characters_written` (AttributeError when unset).
fn oserror_written_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, "characters_written")?;
    match a.get(1) {
        Some(&v) if !v.is_empty() => {
            let n = vm.number_as_ssize_t(v, vm.g.e.ValueError)?;
            vm.store(o, EXC_X3, Value::int(n));
        }
        _ => {
            if o.get(EXC_X3).is_empty() {
                return Err(vm.new_exc(vm.g.e.AttributeError, "characters_written"));
            }
            vm.store(o, EXC_X3, Value::EMPTY);
        }
    }
    Ok(Value::NONE)
}

fn oserror_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = oserror_receiver(vm, a, "__str__")?;
    let (en, st) = oserror_pair(vm, o);
    let (f1, f2) = (o.get(EXC_X0), o.get(EXC_X1));
    if !f1.is_empty() && !f1.is_none() {
        let e = vm.str_string(en)?;
        let s = vm.str_string(st)?;
        let f = vm.repr_string(f1)?;
        if !f2.is_empty() && !f2.is_none() {
            let f2 = vm.repr_string(f2)?;
            return Ok(vm.new_str(&format!("[Errno {e}] {s}: {f} -> {f2}")));
        }
        return Ok(vm.new_str(&format!("[Errno {e}] {s}: {f}")));
    }
    if !en.is_none() && !st.is_none() {
        let e = vm.str_string(en)?;
        let s = vm.str_string(st)?;
        return Ok(vm.new_str(&format!("[Errno {e}] {s}")));
    }
    vm.exc_str(a[0])
}

/// Registers exception methods and puts exception classes in builtins.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let be = vm.g.e.BaseException;
    vm.add_static(be, "__new__", exc_new, false);
    vm.add_method(be, "__init__", exc_init);
    vm.add_method(be, "__str__", exc_str);
    vm.add_method(be, "__repr__", exc_repr);
    vm.add_method(be, "with_traceback", with_traceback);
    vm.add_method(be, "add_note", add_note);
    vm.add_method(be, "__reduce__", exc_reduce);
    vm.add_method(be, "__setstate__", exc_setstate);
    vm.add_dict_descriptor(be);
    let eg = vm.g.e.BaseExceptionGroup;
    vm.add_static(eg, "__new__", eg_new, false);
    vm.add_method(eg, "__init__", |_vm, _a, _k| Ok(Value::NONE));
    vm.add_method(eg, "__str__", eg_str);
    vm.add_method(eg, "derive", eg_derive);
    vm.add_method(eg, "split", eg_split);
    vm.add_method(eg, "subgroup", eg_subgroup);
    vm.add_static(
        eg,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    super::descr::add_members(
        vm,
        eg,
        &[("message", eg_message), ("exceptions", eg_exceptions)],
    );
    let os = vm.g.e.OSError;
    super::descr::add_writable_members(
        vm,
        os,
        &[
            ("errno", oserror_errno, oserror_errno_set),
            ("strerror", oserror_strerror, oserror_strerror_set),
        ],
    );
    super::descr::add_getsets(
        vm,
        os,
        &[(
            "characters_written",
            oserror_written,
            Some(oserror_written_set),
        )],
    );
    super::descr::add_getset_deleter(vm, os, "characters_written", oserror_written_set);
    vm.add_method(os, "__str__", oserror_str);
    vm.add_method(os, "__reduce__", oserror_reduce);
    vm.add_method(os, "__init__", oserror_init);
    let ne = vm.g.e.NameError;
    vm.add_method(ne, "__init__", name_error_init);
    let ae = vm.g.e.AttributeError;
    vm.add_method(ae, "__init__", attribute_error_init);
    let ie = vm.g.e.ImportError;
    vm.add_method(ie, "__init__", import_error_init);
    vm.add_method(ie, "__reduce__", import_error_reduce);
    let se = vm.g.exc["SyntaxError"];
    vm.add_method(se, "__init__", syntax_error_init);
    vm.add_method(se, "__str__", syntax_error_str);
    for f in SYNTAX_FIELDS
        .iter()
        .chain(["msg", "print_file_and_line"].iter())
    {
        vm.add_attr(se, f, Value::NONE);
    }
    vm.add_method(ie, "__str__", import_error_str);
    let unicode: [(&str, NativeFn, NativeFn); 3] = [
        (
            "UnicodeEncodeError",
            unicode_encode_init,
            unicode_encode_str,
        ),
        (
            "UnicodeDecodeError",
            unicode_decode_init,
            unicode_decode_str,
        ),
        (
            "UnicodeTranslateError",
            unicode_translate_init,
            unicode_translate_str,
        ),
    ];
    for (name, init, str_) in unicode {
        let c = vm.g.exc[name];
        vm.add_method(c, "__init__", init);
        vm.add_method(c, "__str__", str_);
    }
    let b = vm.g.builtins;
    let pairs: Vec<(&'static str, Value)> = vm.g.exc.iter().map(|(k, v)| (*k, *v)).collect();
    for (name, cls) in pairs {
        let k = vm.intern(name);
        vm.dict_set_str(b, k, cls);
    }
    let env = vm.g.exc["OSError"];
    for alias in ["EnvironmentError", "IOError"] {
        let k = vm.intern(alias);
        vm.dict_set_str(b, k, env);
    }
    Ok(())
}
