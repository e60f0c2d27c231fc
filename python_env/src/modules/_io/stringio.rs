//! `_io.StringIO`: an in-memory text stream (CPython's
//! `Modules/_io/stringio.c`). The text is kept as code points, so
//! positions (`tell`, `seek`) count characters; newline handling follows
//! CPython (universal newlines on write for `newline=None`, `\n` turned
//! into `\r`/`\r\n` for those values). All state is in one [`IoLock`].

use super::textio::{find_line_ending, newlines_value, NlDecoder};
use super::*;

const DOC: &str = "Text I/O implementation using an in-memory buffer.\n\n\
The initial_value argument sets the value of object.  The newline\n\
argument is like the one of TextIOWrapper's constructor.";

pub(crate) struct StringState {
    st: IoLock<Inner>,
}

impl proto_core::native::Trace for StringState {}

struct Inner {
    ok: bool,
    closed: bool,
    buf: Vec<u32>,
    /// Text written at the end after `buf` (its WTF-8 bytes) and its length
    /// in characters: appends and `getvalue` of a stream only written to
    /// need no code points. Every other operation first moves it into `buf`
    /// ([`Inner::realize`]).
    acc: Vec<u8>,
    acc_chars: usize,
    pos: usize,
    decoder: Option<NlDecoder>,
    readuniversal: bool,
    readnl: Vec<u32>,
    /// `newline=None` was given (`readnl` is then empty).
    newline_none: bool,
    writenl: Option<Vec<u32>>,
}

fn this_s(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static StringState> {
    this::<StringState>(vm, a, "StringIO", name)
}

fn s_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alloc(
        vm,
        a,
        "StringIO",
        0,
        StringState {
            st: IoLock::new(Inner {
                ok: false,
                closed: false,
                buf: Vec::new(),
                acc: Vec::new(),
                acc_chars: 0,
                pos: 0,
                decoder: None,
                readuniversal: false,
                readnl: vec![10],
                newline_none: false,
                writenl: None,
            }),
        },
    )
}

impl Inner {
    /// Moves the appended text into `buf`.
    fn realize(&mut self) {
        if !self.acc.is_empty() {
            self.buf.extend(crate::text::decode_wtf8(&self.acc));
            self.acc.clear();
            self.acc_chars = 0;
        }
    }

    /// Drops all text.
    fn clear_text(&mut self) {
        self.buf = Vec::new();
        self.acc = Vec::new();
        self.acc_chars = 0;
    }
}

/// Translates and stores `text` at the position (the write path).
fn write_text(g: &mut Inner, text: Vec<u32>) -> usize {
    let n = text.len();
    let mut t = match g.decoder.as_mut() {
        Some(d) => d.decode(text, true),
        None => text,
    };
    if let Some(nl) = &g.writenl {
        let mut o = Vec::with_capacity(t.len());
        for c in t {
            if c == 10 {
                o.extend_from_slice(nl);
            } else {
                o.push(c);
            }
        }
        t = o;
    }
    if t.is_empty() {
        return n;
    }
    if g.pos > g.buf.len() {
        g.buf.resize(g.pos, 0);
    }
    let end = g.pos + t.len();
    if end > g.buf.len() {
        g.buf.resize(end, 0);
    }
    g.buf[g.pos..end].copy_from_slice(&t);
    g.pos = end;
    n
}

fn s_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "__init__")?;
    let [init, newline] = parse(vm, "StringIO", &a[1..], k, ["initial_value", "newline"], 0)?;
    let nl: Option<Vec<u32>> = match newline {
        None => Some(vec![10]),
        Some(v) if v.is_none() => None,
        Some(v) if is_str(v) => {
            let t = crate::text::decode_wtf8(str_bytes(v));
            if !matches!(t.as_slice(), [] | [10] | [13] | [13, 10]) {
                let r = vm.repr_string(v)?;
                return Err(vm.value_error(&format!("illegal newline value: {r}")));
            }
            Some(t)
        }
        Some(v) => {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("newline must be str or None, not {tn}")));
        }
    };
    let init = match init.filter(|v| !v.is_none()) {
        None => Vec::new(),
        Some(v) if is_str(v) => crate::text::decode_wtf8(str_bytes(v)),
        Some(v) => {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("initial_value must be str or None, not {tn}")));
        }
    };
    let mut g = s.st.lock(vm, "StringIO")?;
    g.readuniversal = nl.as_ref().is_none_or(|n| n.is_empty());
    let readtranslate = nl.is_none();
    g.readnl = nl.clone().unwrap_or_default();
    g.newline_none = nl.is_none();
    g.writenl = match &nl {
        Some(n) if n.first() == Some(&13) => Some(n.clone()),
        _ => None,
    };
    g.decoder = if g.readuniversal {
        Some(NlDecoder::new(readtranslate))
    } else {
        None
    };
    g.clear_text();
    g.pos = 0;
    g.closed = false;
    g.ok = true;
    if !init.is_empty() {
        write_text(&mut g, init);
        g.pos = 0;
    }
    Ok(Value::NONE)
}

/// The state of an initialised, open stream, its text all in `buf`.
fn open_guard<'a>(vm: &mut Vm, s: &'a StringState) -> PyResult<IoGuard<'a, Inner>> {
    let mut g = open_guard_acc(vm, s)?;
    g.realize();
    Ok(g)
}

/// As [`open_guard`], the appended text left where it is.
fn open_guard_acc<'a>(vm: &mut Vm, s: &'a StringState) -> PyResult<IoGuard<'a, Inner>> {
    let g = s.st.lock(vm, "StringIO")?;
    if !g.ok {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if g.closed {
        // StringIO's own message has no final period.
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(g)
}

fn new_text(vm: &mut Vm, cps: &[u32]) -> Value {
    let b = crate::text::encode_wtf8(cps);
    vm.new_str_bytes(&b)
}

fn s_getvalue(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "getvalue")?;
    noargs(vm, "getvalue", a, k)?;
    let mut g = open_guard_acc(vm, s)?;
    if g.buf.is_empty() {
        return Ok(vm.new_str_bytes(&g.acc));
    }
    g.realize();
    Ok(new_text(vm, &g.buf))
}

/// `__getstate__`: `(value, newline, position, dict or None)`.
fn s_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "__getstate__")?;
    noargs(vm, "__getstate__", a, k)?;
    let (buf, nl, pos) = {
        let g = open_guard(vm, s)?;
        let nl = (!g.newline_none).then(|| g.readnl.clone());
        (g.buf.clone(), nl, g.pos)
    };
    let value = new_text(vm, &buf);
    let mark = vm.push_root(value);
    let nl = match nl {
        Some(n) => new_text(vm, &n),
        None => Value::NONE,
    };
    vm.push_root(nl);
    let d = state_dict(vm, a[0]);
    vm.pop_roots(mark);
    let d = d?;
    Ok(vm.new_tuple(&[value, nl, Value::int(pos as i64), d]))
}

/// `__setstate__((value, newline, position, dict))`: `__init__` with the
/// first two, then the value as it is (its newlines were translated when
/// it was written), the position and the dict.
fn s_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "__setstate__")?;
    crate::args::check_method(vm, "StringIO.__setstate__", a, k, 1, 1)?;
    if s.st.lock(vm, "StringIO")?.closed {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    let items = state_items(vm, "StringIO", a[1], 4)?;
    s_init(vm, &[a[0], items[0], items[1]], Value::EMPTY)?;
    if !is_str(items[0]) {
        let tn = vm.type_name_of(items[0]);
        return Err(vm.type_error(&format!("initial_value must be str, not {tn}")));
    }
    let buf = crate::text::decode_wtf8(str_bytes(items[0]));
    let mut g = s.st.lock(vm, "StringIO")?;
    g.clear_text();
    g.buf = buf;
    drop(g);
    let pos = state_pos(vm, items[2], "third item of state must be an integer, got")?;
    s.st.lock(vm, "StringIO")?.pos = pos;
    merge_state_dict(vm, a[0], items[3], "fourth item of state")?;
    Ok(Value::NONE)
}

fn s_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = open_guard(vm, s)?;
    let start = g.pos.min(g.buf.len());
    let end = if n < 0 {
        g.buf.len()
    } else {
        start.saturating_add(n as usize).min(g.buf.len())
    };
    g.pos = g.pos.max(end);
    Ok(new_text(vm, &g.buf[start..end]))
}

/// The next line (at most `limit` characters when >= 0).
fn readline(g: &mut Inner, limit: i64) -> Vec<u32> {
    let start = g.pos.min(g.buf.len());
    let mut rest = &g.buf[start..];
    if limit >= 0 && (limit as usize) < rest.len() {
        rest = &rest[..limit as usize];
    }
    let len = find_line_ending(rest, g.readuniversal, &g.readnl).unwrap_or(rest.len());
    let line = rest[..len].to_vec();
    g.pos = start + len;
    line
}

fn s_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "readline")?;
    let [size] = parse_positional(vm, "readline", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = open_guard(vm, s)?;
    let line = readline(&mut g, n);
    Ok(new_text(vm, &line))
}

fn s_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "__next__")?;
    let line = {
        let mut g = open_guard(vm, s)?;
        if is_heap_type(vm.type_of(a[0])) {
            None
        } else {
            Some(readline(&mut g, -1))
        }
    };
    let v = match line {
        Some(l) => new_text(vm, &l),
        // A subclass may override readline.
        None => {
            let l = vm.call_method(a[0], "readline", &[])?;
            if !is_str(l) {
                let tn = vm.type_name_of(l);
                return Err(vm.new_exc(
                    vm.g.e.OSError,
                    &format!("readline() should have returned a str object, not '{tn}'"),
                ));
            }
            l
        }
    };
    if str_bytes(v).is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(v)
}

fn s_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("string argument expected, got '{tn}'")));
    }
    let n = write_str(vm, s, a[1])?;
    Ok(Value::int(n as i64))
}

/// Writes the str `text`; its length in characters.
fn write_str(vm: &mut Vm, s: &StringState, text: Value) -> PyResult<usize> {
    let mut g = open_guard_acc(vm, s)?;
    if g.decoder.is_none() && g.writenl.is_none() && g.pos == g.buf.len() + g.acc_chars {
        // An append without newline translation: the text's bytes as they are.
        let n = Obj::from_value(text).map_or(0, proto_core::layouts::str::char_len);
        if g.acc.try_reserve(str_bytes(text).len()).is_err() {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        }
        g.acc.extend_from_slice(str_bytes(text));
        g.acc_chars += n;
        g.pos += n;
        return Ok(n);
    }
    g.realize();
    let t = crate::text::decode_wtf8(str_bytes(text));
    Ok(write_text(&mut g, t))
}

/// `stream.write(text)` (`text` a str) done natively when `stream` is
/// exactly `_io.StringIO` and has no `write` of its own in its
/// `__dict__`, so the call would reach [`s_write`]; None otherwise.
pub(crate) fn write_exact(vm: &mut Vm, stream: Value, text: Value) -> Option<PyResult<()>> {
    let o = Obj::from_value(stream)?;
    let s = proto_core::native::native_ref::<StringState>(o)?;
    if is_heap_type(vm.type_of(stream)) || !is_str(text) {
        return None;
    }
    // Slot 0 is the instance `__dict__` (empty until made; an int marks
    // a shaped instance, whose attributes are not looked at here).
    let d = o.get(0);
    if !d.is_empty() {
        let k = vm.intern("write");
        if d.is_int() || vm.dict_get_str(d, k).is_some() {
            return None;
        }
    }
    Some(write_str(vm, s, text).map(|_| ()))
}

fn s_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "seek")?;
    crate::args::check_method(vm, "seek", a, k, 1, 2)?;
    let pos = crate::args::py_ssize_t(vm, a[1])?;
    let whence = match a.get(2) {
        Some(&w) => crate::args::c_int(vm, w)?,
        None => 0,
    };
    // The position only: the appended text stays where it is.
    let mut g = open_guard_acc(vm, s)?;
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(&format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(&format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.new_exc(vm.g.e.OSError, "Can't do nonzero cur-relative seeks"));
    }
    let newpos = match whence {
        0 => pos as usize,
        1 => g.pos,
        _ => g.buf.len() + g.acc_chars,
    };
    g.pos = newpos;
    Ok(vm.new_int(newpos as i64))
}

fn s_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    let g = open_guard_acc(vm, s)?;
    Ok(vm.new_int(g.pos as i64))
}

fn s_truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "truncate")?;
    crate::args::check_method(vm, "truncate", a, k, 0, 1)?;
    let size = opt_size(vm, a.get(1).copied())?;
    let mut g = open_guard_acc(vm, s)?;
    let size = if a.get(1).is_none_or(|v| v.is_none()) {
        g.pos as i64
    } else {
        size
    };
    if size < 0 {
        return Err(vm.value_error(&format!("Negative size value {size}")));
    }
    if size == 0 {
        g.clear_text();
    } else if (size as usize) < g.buf.len() + g.acc_chars {
        g.realize();
        g.buf.truncate(size as usize);
    }
    Ok(vm.new_int(size))
}

fn s_true(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "readable")?;
    noargs(vm, "readable", a, k)?;
    open_guard(vm, s)?;
    Ok(Value::TRUE)
}

fn s_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    let mut g = s.st.lock(vm, "StringIO")?;
    g.closed = true;
    g.clear_text();
    Ok(Value::NONE)
}

fn s_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "closed")?;
    let g = s.st.lock(vm, "StringIO")?;
    if !g.ok {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(Value::bool(g.closed))
}

fn s_line_buffering(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "line_buffering")?;
    open_guard(vm, s)?;
    Ok(Value::FALSE)
}

fn s_newlines(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_s(vm, a, "newlines")?;
    let g = open_guard(vm, s)?;
    match &g.decoder {
        None => Ok(Value::NONE),
        Some(d) => {
            let seen = d.seennl;
            drop(g);
            Ok(newlines_value(vm, seen))
        }
    }
}

/// Creates `StringIO` (deriving from `_TextIOBase`).
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value, base: Value) -> Value {
    let t = new_class(vm, m, modname, "StringIO", base, DOC);
    vm.add_static(t, "__new__", s_new, false);
    add_methods(
        vm,
        t,
        &[
            ("__init__", s_init),
            ("getvalue", s_getvalue),
            ("read", s_read),
            ("readline", s_readline),
            ("write", s_write),
            ("seek", s_seek),
            ("tell", s_tell),
            ("truncate", s_truncate),
            ("readable", s_true),
            ("writable", s_true),
            ("seekable", s_true),
            ("close", s_close),
            ("__next__", s_next),
            ("__getstate__", s_getstate),
            ("__setstate__", s_setstate),
        ],
    );
    add_getset(vm, t, "closed", s_closed, None);
    add_getset(vm, t, "line_buffering", s_line_buffering, None);
    add_getset(vm, t, "newlines", s_newlines, None);
    t
}
