//! `_io.BytesIO`: an in-memory binary stream (CPython's
//! `Modules/_io/bytesio.c`).
//!
//! The contents live in a `bytearray` held in the object's one extra value
//! slot, so `getbuffer()` is a `memoryview` of that bytearray and writes
//! through the view change the stream, as in CPython (ProtoPy's bytearray
//! does not count exports, so resizing while a view exists is allowed
//! instead of raising BufferError). The position and the closed flag are
//! in the payload's [`IoLock`], held for each whole operation.

use super::*;

const DOC: &str = "Buffered I/O implementation using an in-memory bytes buffer.";
/// Extra value slots: the bytearray.
const NX: usize = 1;

pub(crate) struct BytesState {
    st: IoLock<Inner>,
}

struct Inner {
    pos: usize,
    closed: bool,
}

impl proto_core::native::Trace for BytesState {}

fn this_b(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static BytesState> {
    this::<BytesState>(vm, a, "BytesIO", name)
}

/// `v.closed` when `v` is exactly a BytesIO (a subclass may override the
/// property); None otherwise, or when its state is locked by this thread.
pub(crate) fn closed_fast(vm: &mut Vm, v: Value) -> Option<bool> {
    let s = proto_core::native::native_ref::<BytesState>(Obj::from_value(v)?)?;
    if is_heap_type(vm.type_of(v)) {
        return None;
    }
    let g = s.st.lock(vm, "BytesIO").ok()?;
    Some(g.closed)
}

/// The current contents (borrowed: copy before running Python code).
fn contents(ba: Value) -> &'static [u8] {
    match Obj::from_value(ba) {
        Some(o) if o.kind() == K_BYTEARRAY => engine::runtime::owned_bytes::ba_bytes(o),
        _ => &[],
    }
}

fn b_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = alloc(
        vm,
        a,
        "BytesIO",
        NX,
        BytesState {
            st: IoLock::new(Inner {
                pos: 0,
                closed: false,
            }),
        },
    )?;
    let mark = vm.push_root(v);
    let ba = vm.call(vm.g.types.bytearray, &[], Value::EMPTY);
    vm.pop_roots(mark);
    xset(vm, v, NX, 0, ba?);
    Ok(v)
}

fn b_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "__init__")?;
    let [init] = parse(vm, "BytesIO", &a[1..], k, ["initial_bytes"], 0)?;
    let mut g = s.st.lock(vm, "BytesIO")?;
    let data = match init.filter(|v| !v.is_none()) {
        Some(v) => bytes_like(vm, v, "")?,
        None => Vec::new(),
    };
    let ba = new_buffer(vm, &data)?;
    xset(vm, a[0], NX, 0, ba);
    g.pos = 0;
    g.closed = false;
    Ok(Value::NONE)
}

/// A new bytearray holding `data`: the contents of a stream.
fn new_buffer(vm: &mut Vm, data: &[u8]) -> PyResult<Value> {
    let ba = vm.call(vm.g.types.bytearray, &[], Value::EMPTY)?;
    if !data.is_empty() {
        let mark = vm.push_root(ba);
        let b = vm.new_bytes(data);
        let r = vm.call_method(ba, "extend", &[b]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(ba)
}

/// Locks `s`, checking it is open.
fn open_guard<'a>(vm: &mut Vm, s: &'a BytesState) -> PyResult<IoGuard<'a, Inner>> {
    let g = s.st.lock(vm, "BytesIO")?;
    if g.closed {
        return Err(closed_error(vm));
    }
    Ok(g)
}

fn b_getvalue(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "getvalue")?;
    noargs(vm, "getvalue", a, k)?;
    let _g = open_guard(vm, s)?;
    let ba = xget(a[0], NX, 0);
    Ok(vm.new_bytes(contents(ba)))
}

/// `__getstate__`: `(value, position, dict or None)`.
fn b_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "__getstate__")?;
    noargs(vm, "__getstate__", a, k)?;
    let pos = open_guard(vm, s)?.pos;
    let value = vm.new_bytes(contents(xget(a[0], NX, 0)));
    let mark = vm.push_root(value);
    let d = state_dict(vm, a[0]);
    vm.pop_roots(mark);
    let d = d?;
    Ok(vm.new_tuple(&[value, Value::int(pos as i64), d]))
}

/// `__setstate__((value, position, dict))`.
fn b_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "__setstate__")?;
    crate::args::check_method(vm, "BytesIO.__setstate__", a, k, 1, 1)?;
    let items = state_items(vm, "BytesIO", a[1], 3)?;
    {
        let mut g = open_guard(vm, s)?;
        let data = bytes_like(vm, items[0], "")?;
        let ba = new_buffer(vm, &data)?;
        xset(vm, a[0], NX, 0, ba);
        // As after CPython's write of the value (the position is set next).
        g.pos = data.len();
    }
    let pos = state_pos(vm, items[1], "second item of state must be an integer, not")?;
    s.st.lock(vm, "BytesIO")?.pos = pos;
    merge_state_dict(vm, a[0], items[2], "third item of state")?;
    Ok(Value::NONE)
}

fn b_getbuffer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "getbuffer")?;
    noargs(vm, "getbuffer", a, k)?;
    let _g = open_guard(vm, s)?;
    let ba = xget(a[0], NX, 0);
    let mvc = builtin(vm, "memoryview");
    vm.call(mvc, &[ba], Value::EMPTY)
}

/// Takes up to `n` bytes (all for n < 0) from the position.
/// The range of the `len` bytes that a read of `n` bytes (all, when
/// negative) at the current position takes; the position moves past it.
fn read_range(g: &mut Inner, len: usize, n: i64) -> std::ops::Range<usize> {
    let start = g.pos.min(len);
    let end = if n < 0 {
        len
    } else {
        start.saturating_add(n as usize).min(len)
    };
    g.pos = g.pos.max(end);
    start..end
}

fn take(g: &mut Inner, ba: Value, n: i64) -> Vec<u8> {
    let c = contents(ba);
    c[read_range(g, c.len(), n)].to_vec()
}

fn b_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = open_guard(vm, s)?;
    // The bytes go from the buffer into the new object: the buffer cannot
    // change meanwhile (the guard is held, and allocating runs no Python).
    let c = contents(xget(a[0], NX, 0));
    Ok(vm.new_bytes(&c[read_range(&mut g, c.len(), n)]))
}

fn b_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "readline")?;
    let [size] = parse_positional(vm, "readline", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = open_guard(vm, s)?;
    let d = readline(&mut g, xget(a[0], NX, 0), n);
    Ok(vm.new_bytes(&d))
}

fn readline(g: &mut Inner, ba: Value, n: i64) -> Vec<u8> {
    let c = contents(ba);
    let start = g.pos.min(c.len());
    let rest = &c[start..];
    let mut len = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if n >= 0 && (n as usize) < len {
        len = n as usize;
    }
    g.pos = g.pos.max(start + len);
    rest[..len].to_vec()
}

fn b_readlines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "readlines")?;
    let [hint] = parse_positional(vm, "readlines", a, k, 0)?;
    let hint = opt_size(vm, hint)?;
    let mut g = open_guard(vm, s)?;
    let ba = xget(a[0], NX, 0);
    let list = vm.new_list(&[]);
    let mut total: i64 = 0;
    loop {
        let line = readline(&mut g, ba, -1);
        if line.is_empty() {
            break;
        }
        total = total.saturating_add(line.len() as i64);
        let b = vm.new_bytes(&line);
        vm.list_append(list, b);
        if hint > 0 && total >= hint {
            break;
        }
    }
    Ok(list)
}

fn b_readinto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "readinto")?;
    crate::args::check_method(vm, "readinto", a, k, 1, 1)?;
    let n = writable_len(vm, a[1], "readinto")?;
    let mut g = open_guard(vm, s)?;
    let d = take(&mut g, xget(a[0], NX, 0), n as i64);
    write_into(vm, a[1], &d)?;
    Ok(Value::int(d.len() as i64))
}

fn b_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    let mut g = open_guard(vm, s)?;
    let data = super::bytes_arg(vm, a[1], "")?;
    let n = write(vm, &mut g, xget(a[0], NX, 0), &data)?;
    Ok(Value::int(n as i64))
}

fn write(vm: &mut Vm, g: &mut Inner, ba: Value, data: &[u8]) -> PyResult<usize> {
    if data.is_empty() {
        return Ok(0);
    }
    let len = contents(ba).len();
    let end = g
        .pos
        .checked_add(data.len())
        .ok_or_else(|| vm.new_exc(vm.g.e.OverflowError, "new position too large"))?;
    // The usual cases without a slice object or a method call: an append
    // at the end (one atomic step), an overwrite inside a buffer only this
    // thread can reach (in place).
    if g.pos == len {
        crate::types::bytes::ba_push_mut(vm, ba, data)?;
        g.pos = end;
        return Ok(data.len());
    }
    if end <= len && crate::types::bytes::ba_write_in_place(ba, g.pos, data) == Some(true) {
        g.pos = end;
        return Ok(data.len());
    }
    if g.pos >= len {
        let mut ext = Vec::new();
        if ext.try_reserve(g.pos - len + data.len()).is_err() {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        }
        ext.resize(g.pos - len, 0);
        ext.extend_from_slice(data);
        let b = vm.new_bytes(&ext);
        vm.call_method(ba, "extend", &[b])?;
    } else {
        let sl = vm.call(
            vm.g.types.slice,
            &[Value::int(g.pos as i64), Value::int(end as i64)],
            Value::EMPTY,
        )?;
        let mark = vm.push_root(sl);
        let b = vm.new_bytes(data);
        vm.push_root(b);
        let r = vm.setitem(ba, sl, b);
        vm.pop_roots(mark);
        r?;
    }
    g.pos = end;
    Ok(data.len())
}

fn b_writelines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "writelines")?;
    crate::args::check_method(vm, "writelines", a, k, 1, 1)?;
    {
        open_guard(vm, s)?;
    }
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    let r = (|| -> PyResult<Value> {
        while let Some(line) = vm.next(it)? {
            let data = bytes_like(vm, line, "")?;
            let mut g = open_guard(vm, s)?;
            write(vm, &mut g, xget(a[0], NX, 0), &data)?;
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn b_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "seek")?;
    crate::args::check_method(vm, "seek", a, k, 1, 2)?;
    let pos = crate::args::py_ssize_t(vm, a[1])?;
    let whence = match a.get(2) {
        Some(&w) => crate::args::c_int(vm, w)?,
        None => 0,
    };
    let mut g = open_guard(vm, s)?;
    let len = contents(xget(a[0], NX, 0)).len() as i64;
    let newpos = match whence {
        0 => {
            if pos < 0 {
                return Err(vm.value_error(&format!("negative seek value {pos}")));
            }
            pos
        }
        1 => (g.pos as i64).saturating_add(pos).max(0),
        2 => len.saturating_add(pos).max(0),
        _ => return Err(vm.value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    g.pos = newpos as usize;
    Ok(vm.new_int(newpos))
}

fn b_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    let g = open_guard(vm, s)?;
    Ok(vm.new_int(g.pos as i64))
}

fn b_truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "truncate")?;
    crate::args::check_method(vm, "truncate", a, k, 0, 1)?;
    let size = opt_size(vm, a.get(1).copied())?;
    let g = open_guard(vm, s)?;
    let size = if a.get(1).is_none_or(|v| v.is_none()) {
        g.pos as i64
    } else {
        size
    };
    if size < 0 {
        return Err(vm.value_error(&format!("negative size value {size}")));
    }
    let ba = xget(a[0], NX, 0);
    if (size as usize) < contents(ba).len() {
        let sl = vm.call(
            vm.g.types.slice,
            &[Value::int(size), Value::NONE],
            Value::EMPTY,
        )?;
        let mark = vm.push_root(sl);
        let r = vm.delitem(ba, sl);
        vm.pop_roots(mark);
        r?;
    }
    drop(g);
    Ok(vm.new_int(size))
}

fn b_true(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "readable")?;
    noargs(vm, "readable", a, k)?;
    open_guard(vm, s)?;
    Ok(Value::TRUE)
}

fn b_false(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "isatty")?;
    noargs(vm, "isatty", a, k)?;
    open_guard(vm, s)?;
    Ok(Value::FALSE)
}

fn b_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "flush")?;
    noargs(vm, "flush", a, k)?;
    open_guard(vm, s)?;
    Ok(Value::NONE)
}

fn b_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    let mut g = s.st.lock(vm, "BytesIO")?;
    g.closed = true;
    Ok(Value::NONE)
}

fn b_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "closed")?;
    let g = s.st.lock(vm, "BytesIO")?;
    Ok(Value::bool(g.closed))
}

fn b_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "__iter__")?;
    open_guard(vm, s)?;
    Ok(a[0])
}

fn b_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_b(vm, a, "__next__")?;
    let mut g = open_guard(vm, s)?;
    let d = readline(&mut g, xget(a[0], NX, 0), -1);
    drop(g);
    if d.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_bytes(&d))
}

/// Creates `BytesIO` (deriving from `_BufferedIOBase`).
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value, base: Value) -> Value {
    let t = new_class(vm, m, modname, "BytesIO", base, DOC);
    vm.add_static(t, "__new__", b_new, false);
    add_methods(
        vm,
        t,
        &[
            ("__init__", b_init),
            ("getvalue", b_getvalue),
            ("getbuffer", b_getbuffer),
            ("read", b_read),
            ("read1", b_read),
            ("readline", b_readline),
            ("readlines", b_readlines),
            ("readinto", b_readinto),
            ("readinto1", b_readinto),
            ("write", b_write),
            ("writelines", b_writelines),
            ("seek", b_seek),
            ("tell", b_tell),
            ("truncate", b_truncate),
            ("readable", b_true),
            ("writable", b_true),
            ("seekable", b_true),
            ("isatty", b_false),
            ("flush", b_flush),
            ("close", b_close),
            ("__iter__", b_iter),
            ("__next__", b_next),
            ("__getstate__", b_getstate),
            ("__setstate__", b_setstate),
        ],
    );
    add_getset(vm, t, "closed", b_closed, None);
    t
}
