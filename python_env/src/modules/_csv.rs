//! The `_csv` module: CSV parsing and writing (`reader`, `writer`,
//! `Dialect`, the dialect registry, `field_size_limit`), following CPython
//! 3.11's `Modules/_csv.c` state machine, validation and messages.
//!
//! A `Dialect` is immutable once made, so its parameters live as plain Rust
//! data in the native payload; readers and writers copy them into their own
//! payloads and keep the dialect object (and their iterator or `write`
//! method) in value slots, where the collector traces them. The registry
//! of named dialects and the classes live in the module's state slots.

use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use crate::text::{decode_wtf8, encode_wtf8};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

/// Module state slots.
const ST_ERROR: usize = 0;
const ST_DIALECT: usize = 1;
const ST_READER: usize = 2;
const ST_WRITER: usize = 3;
const ST_REGISTRY: usize = 4;
const N_STATE: usize = 5;

/// `field_size_limit()`: process-wide, as CPython's module state is one per
/// interpreter and ProtoPy has one interpreter per process.
static FIELD_LIMIT: Mutex<i64> = Mutex::new(128 * 1024);

/// The parameters of a dialect; `None` for an unset quote or escape char.
#[derive(Clone)]
struct DialectData {
    delimiter: u32,
    quotechar: Option<u32>,
    escapechar: Option<u32>,
    doublequote: bool,
    skipinitialspace: bool,
    strict: bool,
    quoting: i64,
    lineterminator: Vec<u32>,
}

impl Trace for DialectData {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Payload of a reader: its dialect's parameters and the line count.
struct ReaderState {
    d: DialectData,
    line_num: Mutex<i64>,
}

impl Trace for ReaderState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Payload of a writer: its dialect's parameters.
struct WriterState {
    d: DialectData,
}

impl Trace for WriterState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Value slots of readers and writers (slot 0 is the unused dict slot).
const SLOT_SOURCE: usize = 1; // reader: input iterator; writer: bound write
const SLOT_DIALECT: usize = 2;
const N_SLOTS: usize = 3;

fn csv_error(vm: &mut Vm, msg: &str) -> PyException {
    match module_state(vm, "_csv", ST_ERROR) {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

fn cps(v: Value) -> Vec<u32> {
    decode_wtf8(str_bytes(v))
}

fn str_from_cps(vm: &mut Vm, c: &[u32]) -> Value {
    let b = encode_wtf8(c);
    vm.new_str_bytes(&b)
}

// ------------------------------------------------------------------ Dialect

/// The keyword names of `Dialect()`, in CPython's positional order.
const DIALECT_KWS: [&str; 9] = [
    "dialect",
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

fn set_char(vm: &mut Vm, name: &str, src: Option<Value>, dflt: u32) -> PyResult<u32> {
    let Some(v) = src else { return Ok(dflt) };
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("\"{name}\" must be string, not {tn}")));
    }
    let c = cps(v);
    if c.len() != 1 {
        return Err(vm.type_error(&format!("\"{name}\" must be a 1-character string")));
    }
    Ok(c[0])
}

fn set_char_or_none(
    vm: &mut Vm,
    name: &str,
    src: Option<Value>,
    dflt: Option<u32>,
) -> PyResult<Option<u32>> {
    let Some(v) = src else { return Ok(dflt) };
    if v.is_none() {
        return Ok(None);
    }
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("\"{name}\" must be string or None, not {tn}")));
    }
    let c = cps(v);
    if c.len() != 1 {
        return Err(vm.type_error(&format!("\"{name}\" must be a 1-character string")));
    }
    Ok(Some(c[0]))
}

fn set_bool(vm: &mut Vm, src: Option<Value>, dflt: bool) -> PyResult<bool> {
    match src {
        None => Ok(dflt),
        Some(v) => vm.truthy(v),
    }
}

/// Builds a dialect's data from `Dialect()`'s arguments (CPython's
/// `dialect_new`); `args[i]` is the argument named `DIALECT_KWS[i]`.
fn dialect_data(vm: &mut Vm, mut args: [Option<Value>; 9]) -> PyResult<DialectData> {
    // Parameters not given are read from the `dialect` argument, if any.
    if let Some(base) = args[0] {
        for (i, name) in DIALECT_KWS.iter().enumerate().skip(1) {
            if args[i].is_none() {
                let key = vm.intern(name);
                args[i] = match vm.getattr(base, key) {
                    Ok(v) => {
                        vm.push_root(v);
                        Some(v)
                    }
                    Err(_) => None,
                };
            }
        }
    }
    let delimiter = set_char(vm, "delimiter", args[1], ',' as u32)?;
    let doublequote = set_bool(vm, args[2], true)?;
    let escapechar = set_char_or_none(vm, "escapechar", args[3], None)?;
    let lineterminator = match args[4] {
        None => "\r\n".chars().map(|c| c as u32).collect(),
        Some(v) if v.is_none() => {
            return Err(vm.type_error("lineterminator must be set"));
        }
        Some(v) if !is_str(v) => {
            return Err(vm.type_error("\"lineterminator\" must be a string"));
        }
        Some(v) => cps(v),
    };
    let quotechar = set_char_or_none(vm, "quotechar", args[5], Some('"' as u32))?;
    let mut quoting = match args[6] {
        None => QUOTE_MINIMAL,
        Some(v) => {
            let exact_int =
                Obj::from_value(v).is_none_or(|o| o.class() == vm.g.types.int) && !v.is_bool();
            if !exact_int || !(v.is_int() || vm.isinstance(v, vm.g.types.int)) {
                return Err(vm.type_error("\"quoting\" must be an integer"));
            }
            crate::args::c_int(vm, v)? as i64
        }
    };
    let skipinitialspace = set_bool(vm, args[7], false)?;
    let strict = set_bool(vm, args[8], false)?;
    if !(QUOTE_MINIMAL..=QUOTE_NONE).contains(&quoting) {
        return Err(vm.type_error("bad \"quoting\" value"));
    }
    if args[5].is_some_and(|v| v.is_none()) && args[6].is_none() {
        quoting = QUOTE_NONE;
    }
    if quoting != QUOTE_NONE && quotechar.is_none() {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    Ok(DialectData {
        delimiter,
        quotechar,
        escapechar,
        doublequote,
        skipinitialspace,
        strict,
        quoting,
        lineterminator,
    })
}

/// Splits `Dialect()`-style arguments: up to `npos` positionals mapped onto
/// `DIALECT_KWS[first..]`, then keywords by name.
fn dialect_args(
    vm: &mut Vm,
    pos: &[Value],
    kw: &[(Value, Value)],
    first: usize,
) -> PyResult<[Option<Value>; 9]> {
    let mut out: [Option<Value>; 9] = [None; 9];
    if pos.len() + first > 9 {
        return Err(vm.type_error(&format!(
            "function takes at most {} arguments ({} given)",
            9 - first,
            pos.len()
        )));
    }
    for (i, &v) in pos.iter().enumerate() {
        out[first + i] = Some(v);
    }
    for &(k, v) in kw {
        let name = str_of(k);
        match DIALECT_KWS.iter().position(|n| *n == name) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(&format!(
                    "argument for function given by name ('{name}') and position ({})",
                    i + 1 - first
                )));
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(vm.type_error(&format!(
                    "'{name}' is an invalid keyword argument for this function"
                )));
            }
        }
    }
    Ok(out)
}

fn dialect_of(v: Value) -> Option<&'static DialectData> {
    Obj::from_value(v).and_then(native_ref::<DialectData>)
}

/// Makes (or reuses) a dialect: `Dialect(dialect, **kw)` of `cls`.
fn make_dialect(vm: &mut Vm, cls: Value, args: [Option<Value>; 9]) -> PyResult<Value> {
    let mark = vm.push_root(cls);
    let r = (|| {
        let mut args = args;
        if let Some(d) = args[0] {
            if is_str(d) {
                args[0] = Some(get_dialect_by_name(vm, d)?);
                vm.push_root(args[0].unwrap_or(Value::NONE));
            }
        }
        let dialect_type = module_state(vm, "_csv", ST_DIALECT)?;
        if let Some(d) = args[0] {
            if cls == dialect_type
                && vm.type_of(d) == dialect_type
                && args[1..].iter().all(|a| a.is_none())
            {
                return Ok(d);
            }
        }
        let data = dialect_data(vm, args)?;
        let co = Obj::from_value(cls).expect("type");
        Ok(vm
            .ctx
            .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), data))
    })();
    vm.pop_roots(mark);
    r
}

fn dialect_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = crate::args::Args::new(a, k);
    let Some((&cls, pos)) = args.pos.split_first() else {
        return Err(vm.type_error("Dialect.__new__(): not enough arguments"));
    };
    let parsed = dialect_args(vm, pos, &args.kw, 0)?;
    make_dialect(vm, cls, parsed)
}

fn dialect_self(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static DialectData> {
    match dialect_of(v) {
        Some(d) => Ok(d),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_csv.Dialect' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn opt_char(vm: &mut Vm, c: Option<u32>) -> Value {
    match c {
        Some(c) => str_from_cps(vm, &[c]),
        None => Value::NONE,
    }
}

fn d_delimiter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "delimiter")?;
    Ok(str_from_cps(vm, &[d.delimiter]))
}
fn d_quotechar(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "quotechar")?;
    Ok(opt_char(vm, d.quotechar))
}
fn d_escapechar(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "escapechar")?;
    Ok(opt_char(vm, d.escapechar))
}
fn d_lineterminator(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "lineterminator")?;
    Ok(str_from_cps(vm, &d.lineterminator))
}
fn d_quoting(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "quoting")?;
    Ok(Value::int(d.quoting))
}
fn d_doublequote(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "doublequote")?;
    Ok(Value::bool(d.doublequote))
}
fn d_skipinitialspace(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "skipinitialspace")?;
    Ok(Value::bool(d.skipinitialspace))
}
fn d_strict(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dialect_self(vm, a[0], "strict")?;
    Ok(Value::bool(d.strict))
}

/// `Dialect.__reduce_ex__`: dialects cannot be pickled or copied.
fn d_reduce_ex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = type_name(vm.type_of(a[0]));
    Err(vm.type_error(&format!("cannot pickle '{tn}' instances")))
}

// ------------------------------------------------------------------ registry

fn get_dialect_by_name(vm: &mut Vm, name: Value) -> PyResult<Value> {
    let reg = module_state(vm, "_csv", ST_REGISTRY)?;
    match vm.dict_get(reg, name)? {
        Some(d) => Ok(d),
        None => Err(csv_error(vm, "unknown dialect")),
    }
}

fn register_dialect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = crate::args::Args::new(a, k);
    let n = args.pos.len();
    if !(1..=2).contains(&n) {
        let what = if n == 0 { "at least 1" } else { "at most 2" };
        return Err(vm.type_error(&format!(" expected {what} argument, got {n}")));
    }
    let name = args.pos[0];
    if !is_str(name) {
        return Err(vm.type_error("dialect name must be a string"));
    }
    let mut parsed = dialect_args(vm, &[], &args.kw, 0)?;
    if parsed[0].is_some() {
        return Err(vm.type_error("'dialect' is an invalid keyword argument for this function"));
    }
    parsed[0] = args.pos.get(1).copied();
    let cls = module_state(vm, "_csv", ST_DIALECT)?;
    let d = make_dialect(vm, cls, parsed)?;
    let mark = vm.push_root(d);
    let r = module_state(vm, "_csv", ST_REGISTRY).and_then(|reg| vm.setitem(reg, name, d));
    vm.pop_roots(mark);
    r.map(|_| Value::NONE)
}

fn unregister_dialect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    crate::args::check(vm, "unregister_dialect", a, Value::EMPTY, 1, 1)?;
    let name = args.get(0, "name").unwrap_or(Value::NONE);
    let reg = module_state(vm, "_csv", ST_REGISTRY)?;
    match vm.dict_del(reg, name)? {
        Some(_) => Ok(Value::NONE),
        None => Err(csv_error(vm, "unknown dialect")),
    }
}

fn get_dialect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_dialect", a, k, 1, 1)?;
    get_dialect_by_name(vm, a[0])
}

fn list_dialects(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "list_dialects", a, k, 0, 0)?;
    let reg = module_state(vm, "_csv", ST_REGISTRY)?;
    let keys: Vec<Value> = vm.dict_items(reg).into_iter().map(|(k, _)| k).collect();
    Ok(vm.new_list(&keys))
}

fn field_size_limit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    if args.pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "field_size_limit() takes at most 1 argument ({} given)",
            args.pos.len()
        )));
    }
    let new = args.get(0, "new_limit");
    args.no_more_kw(vm, "field_size_limit")?;
    let old = *sync::lock(&FIELD_LIMIT);
    if let Some(v) = new {
        let exact = v.is_int() && !v.is_bool()
            || Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.int);
        if !exact {
            return Err(vm.type_error("limit must be an integer"));
        }
        let n = crate::args::c_long(vm, v)?;
        *sync::lock(&FIELD_LIMIT) = n;
    }
    Ok(Value::int(old))
}

/// `_call_dialect`: the dialect of a reader or writer from its optional
/// positional dialect and its keywords.
fn call_dialect(vm: &mut Vm, dialect: Option<Value>, kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut parsed = dialect_args(vm, &[], kw, 0)?;
    if parsed[0].is_none() {
        parsed[0] = dialect;
    } else if dialect.is_some() {
        return Err(
            vm.type_error("argument for function given by name ('dialect') and position (1)")
        );
    }
    let cls = module_state(vm, "_csv", ST_DIALECT)?;
    make_dialect(vm, cls, parsed)
}

// ------------------------------------------------------------------ reader

#[derive(Clone, Copy, PartialEq)]
enum St {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// One record being parsed (CPython's reader fields, reset per record).
struct Parse<'a> {
    d: &'a DialectData,
    state: St,
    field: Vec<u32>,
    numeric: bool,
    fields: Value,
    limit: i64,
}

/// The end of a line (CPython's `EOL` pseudo-character).
const EOL: Option<u32> = None;

impl Parse<'_> {
    fn save_field(&mut self, vm: &mut Vm) -> PyResult<()> {
        let s = str_from_cps(vm, &self.field);
        self.field.clear();
        let v = if self.numeric {
            self.numeric = false;
            let m = vm.push_root(s);
            let r = vm.call(vm.g.types.float, &[s], Value::EMPTY);
            vm.pop_roots(m);
            r?
        } else {
            s
        };
        vm.list_append(self.fields, v);
        Ok(())
    }

    fn add_char(&mut self, vm: &mut Vm, c: u32) -> PyResult<()> {
        if self.field.len() as i64 >= self.limit {
            let msg = format!("field larger than field limit ({})", self.limit);
            return Err(csv_error(vm, &msg));
        }
        self.field.push(c);
        Ok(())
    }

    fn process(&mut self, vm: &mut Vm, c: Option<u32>) -> PyResult<()> {
        let d = self.d;
        let is_nl = |c: Option<u32>| c == Some('\n' as u32) || c == Some('\r' as u32);
        let quoting_on = d.quoting != QUOTE_NONE;
        let mut state = self.state;
        if state == St::StartRecord {
            if c == EOL {
                return Ok(());
            } else if is_nl(c) {
                self.state = St::EatCrnl;
                return Ok(());
            }
            state = St::StartField;
        }
        if state == St::AfterEscapedCrnl {
            if c == EOL {
                return Ok(());
            }
            state = St::InField;
        }
        match state {
            St::StartField => {
                if is_nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL {
                        St::StartRecord
                    } else {
                        St::EatCrnl
                    };
                } else if c == d.quotechar && quoting_on {
                    self.state = St::InQuotedField;
                } else if c == d.escapechar {
                    self.state = St::EscapedChar;
                } else if c == Some(' ' as u32) && d.skipinitialspace {
                    self.state = St::StartField;
                } else if c == Some(d.delimiter) {
                    self.save_field(vm)?;
                    self.state = St::StartField;
                } else {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric = true;
                    }
                    self.add_char(vm, c.unwrap_or(0))?;
                    self.state = St::InField;
                }
            }
            St::EscapedChar => {
                if is_nl(c) {
                    self.add_char(vm, c.unwrap_or(0))?;
                    self.state = St::AfterEscapedCrnl;
                } else {
                    self.add_char(vm, c.unwrap_or('\n' as u32))?;
                    self.state = St::InField;
                }
            }
            St::InField => {
                if is_nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL {
                        St::StartRecord
                    } else {
                        St::EatCrnl
                    };
                } else if c == d.escapechar {
                    self.state = St::EscapedChar;
                } else if c == Some(d.delimiter) {
                    self.save_field(vm)?;
                    self.state = St::StartField;
                } else {
                    self.add_char(vm, c.unwrap_or(0))?;
                    self.state = St::InField;
                }
            }
            St::InQuotedField => {
                if c == EOL {
                } else if c == d.escapechar {
                    self.state = St::EscapeInQuotedField;
                } else if c == d.quotechar && quoting_on {
                    self.state = if d.doublequote {
                        St::QuoteInQuotedField
                    } else {
                        St::InField
                    };
                } else {
                    self.add_char(vm, c.unwrap_or(0))?;
                }
            }
            St::EscapeInQuotedField => {
                self.add_char(vm, c.unwrap_or('\n' as u32))?;
                self.state = St::InQuotedField;
            }
            St::QuoteInQuotedField => {
                if quoting_on && c == d.quotechar {
                    self.add_char(vm, c.unwrap_or(0))?;
                    self.state = St::InQuotedField;
                } else if c == Some(d.delimiter) {
                    self.save_field(vm)?;
                    self.state = St::StartField;
                } else if is_nl(c) || c == EOL {
                    self.save_field(vm)?;
                    self.state = if c == EOL {
                        St::StartRecord
                    } else {
                        St::EatCrnl
                    };
                } else if !d.strict {
                    self.add_char(vm, c.unwrap_or(0))?;
                    self.state = St::InField;
                } else {
                    let delim = char::from_u32(d.delimiter).unwrap_or('\u{FFFD}');
                    let q = d.quotechar.and_then(char::from_u32).unwrap_or('\u{FFFD}');
                    return Err(csv_error(vm, &format!("'{delim}' expected after '{q}'")));
                }
            }
            St::EatCrnl => {
                if is_nl(c) {
                } else if c == EOL {
                    self.state = St::StartRecord;
                } else {
                    return Err(csv_error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                    ));
                }
            }
            St::StartRecord | St::AfterEscapedCrnl => {}
        }
        Ok(())
    }
}

fn reader_self(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static ReaderState> {
    match Obj::from_value(v).and_then(native_ref::<ReaderState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_csv.reader' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn reader_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let me = a[0];
    let st = reader_self(vm, me, "__next__")?;
    let o = Obj::from_value(me).expect("reader");
    let it = o.get(SLOT_SOURCE);
    let fields = vm.new_list(&[]);
    let mark = vm.push_root(me);
    vm.push_root(fields);
    let limit = *sync::lock(&FIELD_LIMIT);
    let mut p = Parse {
        d: &st.d,
        state: St::StartRecord,
        field: Vec::new(),
        numeric: false,
        fields,
        limit,
    };
    let r = (|| loop {
        let line = match vm.next(it)? {
            Some(l) => l,
            None => {
                if !p.field.is_empty() || p.state == St::InQuotedField {
                    if st.d.strict {
                        return Err(csv_error(vm, "unexpected end of data"));
                    }
                    p.save_field(vm)?;
                    return Ok(fields);
                }
                return Err(vm.new_exc(vm.g.e.StopIteration, ""));
            }
        };
        if !is_str(line) {
            let tn = vm.type_name_of(line);
            return Err(csv_error(
                vm,
                &format!(
                    "iterator should return strings, not {tn} (the file should be opened in text mode)"
                ),
            ));
        }
        *sync::lock(&st.line_num) += 1;
        for c in cps(line) {
            p.process(vm, Some(c))?;
        }
        p.process(vm, EOL)?;
        if p.state == St::StartRecord {
            return Ok(fields);
        }
    })();
    vm.pop_roots(mark);
    r
}

fn reader_iter(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn reader_line_num(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = reader_self(vm, a[0], "line_num")?;
    Ok(Value::int(*sync::lock(&st.line_num)))
}

fn slot_dialect(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let ok = Obj::from_value(a[0]).is_some_and(|o| {
        native_ref::<ReaderState>(o).is_some() || native_ref::<WriterState>(o).is_some()
    });
    if !ok {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "descriptor 'dialect' doesn't apply to a '{tn}' object"
        )));
    }
    Ok(Obj::from_value(a[0]).expect("checked").get(SLOT_DIALECT))
}

/// A reader's or writer's first argument, its optional dialect and its
/// keywords.
type CallArgs = (Value, Option<Value>, Vec<(Value, Value)>);

/// Splits `reader(iterable, dialect='excel', **kw)`-style arguments.
fn obj_and_dialect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<CallArgs> {
    let args = crate::args::Args::new(a, k);
    let n = args.pos.len();
    if !(1..=2).contains(&n) {
        let what = if n == 0 { "at least 1" } else { "at most 2" };
        let s = if n == 0 { "" } else { "s" };
        return Err(vm.type_error(&format!(" expected {what} argument{s}, got {n}")));
    }
    Ok((args.pos[0], args.pos.get(1).copied(), args.kw))
}

fn csv_reader(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (src, dialect, kw) = obj_and_dialect(vm, a, k)?;
    let it = vm.iter(src)?;
    let mark = vm.push_root(it);
    let r = (|| {
        let d = call_dialect(vm, dialect, &kw)?;
        vm.push_root(d);
        let data = dialect_of(d).expect("a Dialect").clone();
        let cls = module_state(vm, "_csv", ST_READER)?;
        let r = vm.ctx.alloc_native_with_values(
            K_INSTANCE,
            cls,
            N_SLOTS,
            ReaderState {
                d: data,
                line_num: Mutex::new(0),
            },
        );
        let o = Obj::from_value(r).expect("reader");
        vm.ctx.store(o, SLOT_SOURCE, it);
        vm.ctx.store(o, SLOT_DIALECT, d);
        Ok(r)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ writer

fn writer_self(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static WriterState> {
    match Obj::from_value(v).and_then(native_ref::<WriterState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_csv.writer' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// CPython's `join_append_data`: appends one field to `rec` (when `copy`)
/// or only decides whether it needs quotes; returns false on an error
/// already described by the caller's message.
fn join_field(
    d: &DialectData,
    rec: &mut Vec<u32>,
    first: bool,
    field: &[u32],
    quoted: &mut bool,
    copy: bool,
) -> Result<(), &'static str> {
    if !first {
        rec.push(d.delimiter);
    }
    if copy && *quoted {
        rec.extend(d.quotechar);
    }
    for &c in field {
        let mut want_escape = false;
        let special = c == d.delimiter
            || Some(c) == d.escapechar
            || Some(c) == d.quotechar
            || d.lineterminator.contains(&c);
        if special {
            if d.quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == d.quotechar {
                    if d.doublequote {
                        rec.extend(d.quotechar);
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == d.escapechar {
                    want_escape = true;
                }
                if !want_escape {
                    *quoted = true;
                }
            }
            if want_escape {
                match d.escapechar {
                    Some(e) => rec.push(e),
                    None => return Err("need to escape, but no escapechar set"),
                }
            }
        }
        rec.push(c);
    }
    if *quoted && copy {
        rec.extend(d.quotechar);
    }
    Ok(())
}

fn writerow_impl(vm: &mut Vm, me: Value, row: Value) -> PyResult<Value> {
    let st = writer_self(vm, me, "writerow")?;
    let d = &st.d;
    let it = match vm.iter(row) {
        Ok(it) => it,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            let tn = vm.type_name_of(row);
            return Err(csv_error(vm, &format!("iterable expected, not {tn}")));
        }
        Err(e) => return Err(e),
    };
    let mark = vm.push_root(it);
    vm.push_root(me);
    let r = (|| {
        let mut rec: Vec<u32> = Vec::new();
        let mut nfields = 0usize;
        while let Some(field) = vm.next(it)? {
            let mut quoted = match d.quoting {
                QUOTE_NONNUMERIC => !vm.is_number(field),
                QUOTE_ALL => true,
                _ => false,
            };
            let text: Vec<u32> = if is_str(field) {
                cps(field)
            } else if field.is_none() {
                Vec::new()
            } else {
                let m = vm.push_root(field);
                let s = vm.str(field);
                vm.pop_roots(m);
                cps(s?)
            };
            let mut scratch = Vec::new();
            join_field(d, &mut scratch, nfields == 0, &text, &mut quoted, false)
                .map_err(|m| csv_error(vm, m))?;
            join_field(d, &mut rec, nfields == 0, &text, &mut quoted, true)
                .map_err(|m| csv_error(vm, m))?;
            nfields += 1;
        }
        if nfields > 0 && rec.is_empty() {
            if d.quoting == QUOTE_NONE {
                return Err(csv_error(vm, "single empty field record must be quoted"));
            }
            let mut quoted = true;
            join_field(d, &mut rec, true, &[], &mut quoted, true).map_err(|m| csv_error(vm, m))?;
        }
        rec.extend_from_slice(&d.lineterminator);
        let line = str_from_cps(vm, &rec);
        vm.push_root(line);
        let write = Obj::from_value(me).expect("writer").get(SLOT_SOURCE);
        vm.call(write, &[line], Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

fn writer_writerow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "writerow", &a[1..], k, 1, 1)?;
    writerow_impl(vm, a[0], a[1])
}

fn writer_writerows(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "writerows", &a[1..], k, 1, 1)?;
    writer_self(vm, a[0], "writerows")?;
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    vm.push_root(a[0]);
    let r = (|| {
        while let Some(row) = vm.next(it)? {
            let m = vm.push_root(row);
            writerow_impl(vm, a[0], row)?;
            vm.pop_roots(m);
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn csv_writer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (dst, dialect, kw) = obj_and_dialect(vm, a, k)?;
    let key = vm.intern("write");
    let write = match vm.getattr_opt(dst, key)? {
        Some(w) if vm.is_callable(w) => w,
        _ => return Err(vm.type_error("argument 1 must have a \"write\" method")),
    };
    let mark = vm.push_root(write);
    let r = (|| {
        let d = call_dialect(vm, dialect, &kw)?;
        vm.push_root(d);
        let data = dialect_of(d).expect("a Dialect").clone();
        let cls = module_state(vm, "_csv", ST_WRITER)?;
        let w = vm
            .ctx
            .alloc_native_with_values(K_INSTANCE, cls, N_SLOTS, WriterState { d: data });
        let o = Obj::from_value(w).expect("writer");
        vm.ctx.store(o, SLOT_SOURCE, write);
        vm.ctx.store(o, SLOT_DIALECT, d);
        Ok(w)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ module

fn native_type(vm: &mut Vm, name: &str, modname: Value, basetype: bool) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, basetype);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = match a.first() {
        Some(&c) if Obj::from_value(c).is_some_and(|o| o.kind() == K_TYPE) => type_name(c),
        _ => "object".into(),
    };
    Err(vm.type_error(&format!("cannot create '_csv.{tn}' instances")))
}

/// Creates the `_csv` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_csv", N_STATE);
    let mark = vm.push_root(m);
    let r = (|| {
        let modname = vm.new_str("_csv");
        vm.ctx.promote(modname);
        vm.push_root(modname);
        let doc = vm.new_str("CSV parsing and writing.");
        vm.set_module_attr(m, "__doc__", doc);
        let ver = vm.new_str("1.0");
        vm.set_module_attr(m, "__version__", ver);

        // class Error(Exception), as PyErr_NewException("_csv.Error") makes it.
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("__module__");
        vm.dict_set_str(ns, key, modname);
        let name = vm.new_str("Error");
        let bases = vm.new_tuple(&[vm.g.e.Exception]);
        let err = vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY)?;
        vm.set_module_attr(m, "Error", err);
        set_module_state(vm, m, ST_ERROR, err);

        let dt = native_type(vm, "Dialect", modname, true);
        vm.add_static(dt, "__new__", dialect_new, false);
        vm.add_method(dt, "__reduce_ex__", d_reduce_ex);
        let getters: &[(&'static str, NativeFn)] = &[
            ("delimiter", d_delimiter),
            ("quotechar", d_quotechar),
            ("escapechar", d_escapechar),
            ("lineterminator", d_lineterminator),
            ("quoting", d_quoting),
            ("doublequote", d_doublequote),
            ("skipinitialspace", d_skipinitialspace),
            ("strict", d_strict),
        ];
        for &(n, f) in getters {
            let p = vm.new_native_getset(dt, n, f, None);
            vm.add_attr(dt, n, p);
        }
        let doc = vm.new_str(
            "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n",
        );
        vm.ctx.promote(doc);
        vm.add_attr(dt, "__doc__", doc);
        vm.set_module_attr(m, "Dialect", dt);
        set_module_state(vm, m, ST_DIALECT, dt);

        let rt = native_type(vm, "reader", modname, false);
        vm.add_static(rt, "__new__", no_new, false);
        vm.add_method(rt, "__next__", reader_next);
        vm.add_method(rt, "__iter__", reader_iter);
        vm.declare_arity(rt, 0, 0, &["__next__", "__iter__"]);
        let p = vm.new_native_getset(rt, "line_num", reader_line_num, None);
        vm.add_attr(rt, "line_num", p);
        let p = vm.new_native_getset(rt, "dialect", slot_dialect, None);
        vm.add_attr(rt, "dialect", p);
        set_module_state(vm, m, ST_READER, rt);

        let wt = native_type(vm, "writer", modname, false);
        vm.add_static(wt, "__new__", no_new, false);
        vm.add_method(wt, "writerow", writer_writerow);
        vm.add_method(wt, "writerows", writer_writerows);
        let p = vm.new_native_getset(wt, "dialect", slot_dialect, None);
        vm.add_attr(wt, "dialect", p);
        set_module_state(vm, m, ST_WRITER, wt);

        let reg = vm.new_dict();
        vm.ctx.promote(reg);
        set_module_state(vm, m, ST_REGISTRY, reg);

        for (n, v) in [
            ("QUOTE_MINIMAL", QUOTE_MINIMAL),
            ("QUOTE_ALL", QUOTE_ALL),
            ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC),
            ("QUOTE_NONE", QUOTE_NONE),
        ] {
            vm.set_module_attr(m, n, Value::int(v));
        }
        let fns: &[(&'static str, NativeFn)] = &[
            ("reader", csv_reader),
            ("writer", csv_writer),
            ("register_dialect", register_dialect),
            ("unregister_dialect", unregister_dialect),
            ("get_dialect", get_dialect),
            ("list_dialects", list_dialects),
            ("field_size_limit", field_size_limit),
        ];
        vm.add_module_functions(m, fns);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
