//! `_ssl.MemoryBIO`: a byte queue between an `SSLObject` and the program
//! (CPython's memory BIO). Its bytes live in a mutex shared with the SSL
//! objects that read or write it (`socket::Transport::Mem`), so each
//! operation is atomic across threads.

use super::{errors, types};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};
use std::collections::VecDeque;

/// The queue: bytes not read yet, and whether `write_eof` was called.
#[derive(Default)]
pub(super) struct BioBuf {
    pub data: VecDeque<u8>,
    pub eof: bool,
}

pub(super) struct BioState {
    pub buf: Arc<Mutex<BioBuf>>,
}

impl Trace for BioState {}

/// The payload of a MemoryBIO.
pub(super) fn state(v: Value) -> Option<&'static BioState> {
    Obj::from_value(v).and_then(native_ref::<BioState>)
}

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static BioState> {
    match a.first().copied().and_then(state) {
        Some(s) => Ok(s),
        None => {
            let tn = a
                .first()
                .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_ssl.MemoryBIO' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn bio_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nk = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() > 1 + nk || nk > 0 {
        return Err(vm.type_error("MemoryBIO() takes no arguments"));
    }
    let cls = a.first().copied().unwrap_or(types().bio);
    let co = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE);
    let Some(co) = co else {
        return Err(vm.type_error("MemoryBIO.__new__(X): X is not a type object"));
    };
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1 + type_nslots(co),
        BioState {
            buf: Arc::new(Mutex::new(BioBuf::default())),
        },
    ))
}

/// `read(size=-1, /)`.
fn bio_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "read")?;
    crate::args::check_method(vm, "read", a, k, 0, 1)?;
    let n = match a.get(1) {
        Some(&v) => crate::args::c_int(vm, v)?,
        None => -1,
    };
    let out: Vec<u8> = {
        let mut g = sync::lock(&s.buf);
        let avail = g.data.len().min(i32::MAX as usize);
        let n = if n < 0 || n as usize > avail {
            avail
        } else {
            n as usize
        };
        // VecDeque's own Read copies its two halves as slices.
        let mut out = vec![0; n];
        let got = std::io::Read::read(&mut g.data, &mut out).unwrap_or(0);
        out.truncate(got);
        out
    };
    Ok(vm.new_bytes(&out))
}

/// `write(b, /)`: the count written.
fn bio_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    let data = crate::modules::_io::bytes_like(vm, a[1], "")?;
    if data.len() > i32::MAX as usize {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("string longer than {} bytes", i32::MAX),
        ));
    }
    let mut g = sync::lock(&s.buf);
    if g.eof {
        drop(g);
        return Err(errors::plain(vm, "cannot write() after write_eof()"));
    }
    g.data.extend(data.iter().copied());
    Ok(Value::int(data.len() as i64))
}

/// `write_eof()`: no more data will be written.
fn bio_write_eof(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "write_eof")?;
    crate::args::check_method(vm, "write_eof", a, k, 0, 0)?;
    sync::lock(&s.buf).eof = true;
    Ok(Value::NONE)
}

fn bio_pending(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "pending")?;
    let n = sync::lock(&s.buf).data.len();
    Ok(Value::int(n as i64))
}

/// `eof`: EOF was written and every byte read.
fn bio_eof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "eof")?;
    let g = sync::lock(&s.buf);
    Ok(Value::bool(g.eof && g.data.is_empty()))
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", bio_new, false);
    for &(n, f) in &[
        ("read", bio_read as NativeFn),
        ("write", bio_write),
        ("write_eof", bio_write_eof),
    ] {
        vm.add_method(t, n, f);
    }
    for (n, f) in [("pending", bio_pending as NativeFn), ("eof", bio_eof)] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
}
