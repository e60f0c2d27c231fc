//! `time.struct_time`: CPython's structseq of 9 visible fields
//! (`tm_year`..`tm_isdst`) and 2 named-only ones (`tm_zone`, `tm_gmtoff`).
//!
//! An instance is a tuple (`Kind::TUPLE`, class `struct_time`) of the 9
//! visible items, so every tuple operation (len, index, slice, compare,
//! hash, iterate, unpack) sees exactly them; the two hidden fields live in
//! its native payload [`Hidden`], written once at allocation. The class is
//! static, not subclassable and gives its instances no `__dict__`; the
//! fields are read-only getset descriptors.

use crate::args::Args;
use crate::types::structseq;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Kind, Obj, Value};

/// Number of tuple items (CPython's `n_sequence_fields`).
pub(super) const VISIBLE: usize = 9;
/// Number of fields (`n_fields`).
const FIELDS: usize = 11;

/// Field names and docstrings, in order.
const FIELD_DOCS: [(&str, &str); FIELDS] = [
    ("tm_year", "year, for example, 1993"),
    ("tm_mon", "month of year, range [1, 12]"),
    ("tm_mday", "day of month, range [1, 31]"),
    ("tm_hour", "hours, range [0, 23]"),
    ("tm_min", "minutes, range [0, 59]"),
    ("tm_sec", "seconds, range [0, 61])"),
    ("tm_wday", "day of week, range [0, 6], Monday is 0"),
    ("tm_yday", "day of year, range [1, 366]"),
    (
        "tm_isdst",
        "1 if summer time is in effect, 0 if not, and -1 if unknown",
    ),
    ("tm_zone", "abbreviation of timezone name"),
    ("tm_gmtoff", "offset from UTC in seconds"),
];

const TYPE_DOC: &str = "The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers.

 Note that several fields' values are not the same as those defined by
 the C language standard for struct tm.  For example, the value of the
 field tm_year is the actual year, not year - 1900.  See individual
 fields' descriptions for details.";

/// The native payload of a `struct_time`: its fields beyond the tuple.
pub(super) struct Hidden {
    /// `tm_zone` (a str or None).
    zone: Value,
    /// `tm_gmtoff` (an int or None).
    gmtoff: Value,
}
impl Trace for Hidden {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for v in [self.zone, self.gmtoff] {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// A new `struct_time` of class `cls` (the type from the module state).
pub(super) fn new(
    vm: &mut Vm,
    cls: Value,
    items: &[Value; VISIBLE],
    zone: Value,
    gmtoff: Value,
) -> Value {
    let t = vm
        .ctx
        .alloc_native_with_values(Kind::TUPLE, cls, VISIBLE, Hidden { zone, gmtoff });
    let o = Obj::from_value(t).expect("heap");
    for (i, &v) in items.iter().enumerate() {
        o.init(i, v);
    }
    t
}

/// Is `t` the `time.struct_time` class? It is the static (non-heap) type
/// of that name with the tuple layout and no instance dict, which only
/// [`create_type`] makes (a program cannot make a static type).
pub(super) fn is_struct_time_type(t: Value) -> bool {
    Obj::from_value(t).is_some_and(|o| {
        o.kind() == K_TYPE
            && type_flags(o) & (TF_HEAP | TF_NODICT) == TF_NODICT
            && type_layout(o) == Kind::TUPLE
            && str_of(o.get(T_NAME)) == "struct_time"
    })
}

/// The hidden fields `(tm_zone, tm_gmtoff)` of a struct_time instance (None
/// for each when `v` carries none, e.g. a tuple made by `tuple.__new__`).
pub(super) fn hidden(v: Value) -> (Value, Value) {
    Obj::from_value(v)
        .filter(|o| o.kind() == Kind::TUPLE)
        .and_then(native_ref::<Hidden>)
        .map_or((Value::NONE, Value::NONE), |h| (h.zone, h.gmtoff))
}

/// The instance a getter or method was called on, if it is a struct_time.
fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == Kind::TUPLE && is_struct_time_type(o.class()) => Ok(o),
        _ => {
            let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'time.struct_time' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

macro_rules! visible_getters {
    ($($name:ident = $i:expr;)*) => {$(
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let o = this(vm, a, stringify!($name))?;
            Ok(if $i < o.n_values() { o.get($i) } else { Value::NONE })
        }
    )*};
}

visible_getters! {
    tm_year = 0;
    tm_mon = 1;
    tm_mday = 2;
    tm_hour = 3;
    tm_min = 4;
    tm_sec = 5;
    tm_wday = 6;
    tm_yday = 7;
    tm_isdst = 8;
}

fn tm_zone(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "tm_zone")?;
    Ok(hidden(o.value()).0)
}

fn tm_gmtoff(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "tm_gmtoff")?;
    Ok(hidden(o.value()).1)
}

/// The `sequence` argument of the constructor as a rooted tuple of its
/// items (`PySequence_Fast`: a list or tuple as is, else any iterable; a
/// TypeError from `iter()` reads "constructor requires a sequence").
fn items_of(vm: &mut Vm, seq: Value) -> PyResult<Value> {
    if let Some(o) = Obj::from_value(seq) {
        let t = &vm.g.types;
        if (o.kind() == Kind::TUPLE && o.class() == t.tuple)
            || (o.kind() == Kind::LIST && o.class() == t.list)
        {
            let items = vm.seq_items(seq);
            return Ok(vm.new_tuple(&items));
        }
    }
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) => {
            return Err(if vm.isinstance(e.0, vm.g.e.TypeError) {
                vm.type_error("constructor requires a sequence")
            } else {
                e
            })
        }
    };
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    vm.push_root(it);
    let r = loop {
        match vm.next(it) {
            Ok(Some(x)) => vm.list_append(l, x),
            Ok(None) => {
                let items = vm.seq_items(l);
                break Ok(vm.new_tuple(&items));
            }
            Err(e) => break Err(e),
        }
    };
    vm.pop_roots(mark);
    r
}

/// `struct_time.__new__(cls, sequence, dict={})`.
fn st_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() <= nkw {
        return Err(vm.type_error("time.struct_time.__new__(): not enough arguments"));
    }
    let cls = a[0];
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "time.struct_time.__new__(X): X is not a type object ({tn})"
        )));
    }
    if !is_struct_time_type(cls) {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "time.struct_time.__new__({n}): {n} is not a subtype of time.struct_time"
        )));
    }
    let mut args = Args::new(&a[1..], k);
    let total = args.pos.len() + args.kw.len();
    if total > 2 {
        return Err(vm.type_error(&format!(
            "structseq() takes at most 2 arguments ({total} given)"
        )));
    }
    let seq = match args.get(0, "sequence") {
        Some(v) => v,
        None => {
            return Err(vm.type_error("structseq() missing required argument 'sequence' (pos 1)"))
        }
    };
    let dict = args.get(1, "dict");
    if let Some((kname, _)) = args.kw.first() {
        let kn = str_of(*kname).into_owned();
        let msg =
            if (kn == "sequence" && !args.pos.is_empty()) || (kn == "dict" && args.pos.len() > 1) {
                let pos = if kn == "sequence" { 1 } else { 2 };
                format!("argument for structseq() given by name ('{kn}') and position ({pos})")
            } else {
                format!("'{kn}' is an invalid keyword argument for structseq()")
            };
        return Err(vm.type_error(&msg));
    }
    let items = items_of(vm, seq)?;
    let mark = vm.push_root(items);
    let r = build(vm, cls, items, dict);
    vm.pop_roots(mark);
    r
}

/// The rest of `__new__`: `items` (a rooted tuple) and the optional dict.
fn build(vm: &mut Vm, cls: Value, items: Value, dict: Option<Value>) -> PyResult<Value> {
    if let Some(d) = dict {
        if !vm.isinstance(d, vm.g.types.dict) {
            return Err(vm.type_error("time.struct_time() takes a dict as second arg, if any"));
        }
    }
    let n = vm.seq_items(items).len();
    if n < VISIBLE {
        return Err(vm.type_error(&format!(
            "time.struct_time() takes an at least {VISIBLE}-sequence ({n}-sequence given)"
        )));
    }
    if n > FIELDS {
        return Err(vm.type_error(&format!(
            "time.struct_time() takes an at most {FIELDS}-sequence ({n}-sequence given)"
        )));
    }
    // The fields past the sequence come from the dict (None if absent).
    let mut extra = [Value::NONE; FIELDS - VISIBLE];
    for (i, slot) in extra.iter_mut().enumerate() {
        let field = VISIBLE + i;
        if field < n {
            *slot = vm.seq_get(items, field).unwrap_or(Value::NONE);
        } else if let Some(d) = dict {
            let key = vm.intern(FIELD_DOCS[field].0);
            if let Some(v) = vm.dict_get(d, key)? {
                // Rooted until the caller pops its roots: the next lookup
                // may run a key's `__eq__`, which could empty the dict.
                vm.push_root(v);
                *slot = v;
            }
        }
    }
    let all = vm.seq_items(items);
    let mut visible = [Value::NONE; VISIBLE];
    visible.copy_from_slice(&all[..VISIBLE]);
    Ok(new(vm, cls, &visible, extra[0], extra[1]))
}

/// `__reduce__()`: `(struct_time, (visible items, {tm_zone, tm_gmtoff}))`.
fn st_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__reduce__")?;
    let items = vm.seq_items(o.value());
    let tup = vm.new_tuple(&items);
    let d = vm.new_dict();
    let (zone, gmtoff) = hidden(o.value());
    for (name, v) in [("tm_zone", zone), ("tm_gmtoff", gmtoff)] {
        let key = vm.intern(name);
        vm.dict_set_str(d, key, v);
    }
    let args = vm.new_tuple(&[tup, d]);
    Ok(vm.new_tuple(&[o.class(), args]))
}

/// Creates the `time.struct_time` class.
pub(super) fn create_type(vm: &mut Vm) -> Value {
    let t = vm.new_static_type("struct_time", vm.g.types.tuple, Kind::TUPLE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let modname = vm.intern("time");
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(TYPE_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", st_new, false);
    vm.add_method(t, "__repr__", structseq::seq_repr);
    vm.add_method(t, "__reduce__", st_reduce);
    let getters: [NativeFn; FIELDS] = [
        tm_year, tm_mon, tm_mday, tm_hour, tm_min, tm_sec, tm_wday, tm_yday, tm_isdst, tm_zone,
        tm_gmtoff,
    ];
    for (&(name, doc), get) in FIELD_DOCS.iter().zip(getters) {
        let g = vm.new_builtin(name, get, false);
        let doc = vm.new_str(doc);
        structseq::add_field(vm, t, name, g, doc);
    }
    let names: Vec<Value> = FIELD_DOCS[..VISIBLE]
        .iter()
        .map(|(n, _)| vm.intern(n))
        .collect();
    let match_args = vm.new_tuple(&names);
    vm.ctx.promote(match_args);
    vm.add_attr(t, "__match_args__", match_args);
    for (name, n) in [
        ("n_sequence_fields", VISIBLE),
        ("n_fields", FIELDS),
        ("n_unnamed_fields", 0),
    ] {
        vm.add_attr(t, name, Value::int(n as i64));
    }
    t
}
