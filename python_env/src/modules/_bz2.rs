//! The `_bz2` module: `BZ2Compressor` and `BZ2Decompressor` (with
//! `max_length`, `eof`, `unused_data`, `needs_input`), as CPython 3.11's C
//! module has them, on libbzip2 through the `bzip2` crate; CPython's own
//! `bz2.py` builds `BZ2File`, `open`, `compress` and `decompress` on them.
//!
//! Each object keeps its libbzip2 stream behind a mutex, so a method call is
//! one atomic step (CPython takes the object's lock the same way). Input is
//! copied out of the argument before the lock is taken, and only libbzip2
//! runs under it.

use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};

/// First output block; later blocks double up to [`MAX_BLOCK`].
const FIRST_BLOCK: usize = 32 * 1024;
const MAX_BLOCK: usize = 256 << 20;

/// Module state slots: the two types.
const STATE_COMP: usize = 0;
const STATE_DECOMP: usize = 1;

/// Size of the next output block given `have` bytes so far, at most `left`.
fn next_block(have: usize, left: usize) -> usize {
    let want = if have == 0 {
        FIRST_BLOCK
    } else {
        have.min(MAX_BLOCK)
    };
    want.min(left)
}

/// CPython's `catch_bz2_error`.
fn bz2_error(vm: &mut Vm, e: bzip2::Error) -> PyException {
    match e {
        bzip2::Error::Param => vm.new_exc(
            vm.g.e.ValueError,
            "Internal error - invalid parameters passed to libbzip2",
        ),
        bzip2::Error::Data | bzip2::Error::DataMagic => {
            vm.new_exc(vm.g.e.OSError, "Invalid data stream")
        }
        bzip2::Error::Sequence => vm.new_exc(
            vm.g.e.RuntimeError,
            "Internal error - Invalid sequence of commands sent to libbzip2",
        ),
    }
}

/// The bytes of a `Py_buffer` argument.
fn buffer(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if !is_str(v) {
        if let Some(b) = crate::types::bytes::buf(v) {
            return Ok(b);
        }
        crate::types::memoryview::check_released(vm, v)?;
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
}

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The `tp_name` of `v`'s type, module-qualified for this module's types.
fn full_type_name(vm: &mut Vm, v: Value) -> String {
    let o = Obj::from_value(v);
    if o.and_then(native_ref::<CompState>).is_some() {
        "_bz2.BZ2Compressor".into()
    } else if o.and_then(native_ref::<DecompState>).is_some() {
        "_bz2.BZ2Decompressor".into()
    } else {
        vm.type_name_of(v)
    }
}

// ------------------------------------------------------------------ compressor

/// `flushed` is set by the first `flush()`; the stream is finished then.
struct Comp {
    c: bzip2::Compress,
    flushed: bool,
}

struct CompState {
    s: Mutex<Comp>,
}

impl Trace for CompState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}

    fn external_bytes(&self) -> usize {
        // libbzip2's block buffers at level 9.
        7 * 1024 * 1024
    }
}

fn comp_state(vm: &mut Vm, v: Value, m: &str) -> PyResult<&'static CompState> {
    match Obj::from_value(v).and_then(native_ref::<CompState>) {
        Some(s) => Ok(s),
        None => {
            let tn = full_type_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for '_bz2.BZ2Compressor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `BZ2Compressor(compresslevel=9, /)`.
fn comp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = &a[1..];
    if n_kw(k) > 0 {
        return Err(vm.type_error("BZ2Compressor() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(vm.type_error(&format!(
            "BZ2Compressor expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let level = match args.first() {
        Some(&v) => crate::args::py_long_as_int(vm, v)?,
        None => 9,
    };
    if !(1..=9).contains(&level) {
        return Err(vm.new_exc(vm.g.e.ValueError, "compresslevel must be between 1 and 9"));
    }
    let cls = super::_struct::module_state(vm, "_bz2", STATE_COMP)?;
    let c = bzip2::Compress::new(bzip2::Compression::new(level as u32), 0);
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        CompState {
            s: Mutex::new(Comp { c, flushed: false }),
        },
    ))
}

/// CPython's `compress()` loop: `Run` stops when the input is consumed,
/// `Finish` when the stream end is written.
fn run_compress(
    c: &mut bzip2::Compress,
    data: &[u8],
    action: bzip2::Action,
) -> Result<Vec<u8>, bzip2::Error> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        if action == bzip2::Action::Run && pos >= data.len() {
            return Ok(out);
        }
        let room = next_block(out.len(), usize::MAX);
        let start = out.len();
        out.resize(start + room, 0);
        let (in0, out0) = (c.total_in(), c.total_out());
        let r = c.compress(&data[pos..], &mut out[start..], action);
        pos += (c.total_in() - in0) as usize;
        out.truncate(start + (c.total_out() - out0) as usize);
        if r? == bzip2::Status::StreamEnd {
            return Ok(out);
        }
    }
}

fn c_compress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "compress")?;
    crate::types::clinic::method_positional(vm, "compress", "compress", a, k, 1, 1)?;
    let data = buffer(vm, a[1])?;
    let r = {
        let mut g = sync::lock(&s.s);
        if g.flushed {
            None
        } else {
            Some(run_compress(&mut g.c, &data, bzip2::Action::Run))
        }
    };
    match r {
        None => Err(vm.new_exc(vm.g.e.ValueError, "Compressor has been flushed")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(e)) => Err(bz2_error(vm, e)),
    }
}

fn c_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "flush")?;
    crate::types::clinic::method_positional(vm, "flush", "flush", a, k, 0, 0)?;
    let r = {
        let mut g = sync::lock(&s.s);
        if g.flushed {
            None
        } else {
            g.flushed = true;
            Some(run_compress(&mut g.c, &[], bzip2::Action::Finish))
        }
    };
    match r {
        None => Err(vm.new_exc(vm.g.e.ValueError, "Repeated call to flush()")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(e)) => Err(bz2_error(vm, e)),
    }
}

// ------------------------------------------------------------------ decompressor

/// `pending` is input given but not yet consumed (CPython's input buffer).
struct Decomp {
    /// The stream; dropped (its tables freed) when it reaches its end,
    /// after which every `decompress` raises EOFError.
    d: Option<bzip2::Decompress>,
    pending: Vec<u8>,
    eof: bool,
    needs_input: bool,
    unused_data: Vec<u8>,
}

struct DecompState {
    s: Mutex<Decomp>,
}

impl Trace for DecompState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}

    fn external_bytes(&self) -> usize {
        DECOMP_EXTERNAL
    }
}

/// libbzip2's decoding tables for a level-9 stream.
const DECOMP_EXTERNAL: usize = 3 * 1024 * 1024;

fn decomp_state(vm: &mut Vm, v: Value, m: &str) -> PyResult<&'static DecompState> {
    match Obj::from_value(v).and_then(native_ref::<DecompState>) {
        Some(s) => Ok(s),
        None => {
            let tn = full_type_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for '_bz2.BZ2Decompressor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `BZ2Decompressor()`.
fn decomp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() - n_kw(k) > 1 {
        return Err(vm.type_error("BZ2Decompressor() takes no positional arguments"));
    }
    if n_kw(k) > 0 {
        return Err(vm.type_error("BZ2Decompressor() takes no keyword arguments"));
    }
    let cls = super::_struct::module_state(vm, "_bz2", STATE_DECOMP)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        DecompState {
            s: Mutex::new(Decomp {
                d: Some(bzip2::Decompress::new(false)),
                pending: Vec::new(),
                eof: false,
                needs_input: true,
                unused_data: Vec::new(),
            }),
        },
    ))
}

/// Why a decompression step failed.
enum DecompError {
    Bz(bzip2::Error),
    Memory,
}

impl Decomp {
    /// CPython's `decompress()` + `decompress_buf()`: output at most
    /// `max_length` bytes (all when negative), then keep the unconsumed
    /// input and set `eof`, `needs_input`, `unused_data`.
    fn run(&mut self, data: &[u8], max_length: i64) -> Result<Vec<u8>, DecompError> {
        let Some(d) = self.d.as_mut() else {
            // Ended: the caller raises EOFError before coming here.
            return Ok(Vec::new());
        };
        let mut input = std::mem::take(&mut self.pending);
        input.extend_from_slice(data);
        let limit = if max_length < 0 {
            usize::MAX
        } else {
            max_length as usize
        };
        let mut out = Vec::new();
        let mut pos = 0;
        let result = loop {
            let room = next_block(out.len(), limit - out.len());
            let start = out.len();
            out.resize(start + room, 0);
            let (in0, out0) = (d.total_in(), d.total_out());
            let r = d.decompress(&input[pos..], &mut out[start..]);
            let used = (d.total_in() - in0) as usize;
            let made = (d.total_out() - out0) as usize;
            pos += used;
            out.truncate(start + made);
            match r {
                Err(e) => break Err(DecompError::Bz(e)),
                Ok(bzip2::Status::MemNeeded) => break Err(DecompError::Memory),
                Ok(bzip2::Status::StreamEnd) => {
                    self.eof = true;
                    break Ok(());
                }
                Ok(_) => {}
            }
            if pos >= input.len() {
                break Ok(());
            }
            if made == room && out.len() >= limit {
                break Ok(());
            }
            if used == 0 && made == 0 {
                // No progress with input and room left: libbzip2 wants
                // nothing more now (not expected; never spin).
                break Ok(());
            }
        };
        let rest = &input[pos..];
        if self.eof {
            self.d = None;
            self.needs_input = false;
            if !rest.is_empty() {
                self.unused_data = rest.to_vec();
            }
        } else if rest.is_empty() {
            self.needs_input = true;
        } else {
            self.needs_input = false;
            self.pending = rest.to_vec();
        }
        result.map(|()| out)
    }
}

/// `decompress(data, max_length=-1)`.
fn d_decompress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "decompress")?;
    let [data, max_length] = crate::types::clinic::unpack(
        vm,
        "decompress",
        &a[1..],
        k,
        ["data", "max_length"],
        0,
        1,
        2,
    )?;
    let data = buffer(vm, data.unwrap_or(Value::NONE))?;
    let max_length = match max_length {
        Some(v) => crate::args::py_ssize_t(vm, v)?,
        None => -1,
    };
    let (r, ended) = {
        let mut g = sync::lock(&s.s);
        if g.eof {
            (None, false)
        } else {
            let r = g.run(&data, max_length);
            (Some(r), g.eof)
        }
    };
    if ended {
        // The stream's tables went with it (`Decomp::run`).
        vm.ctx.release_external(a[0], DECOMP_EXTERNAL);
    }
    match r {
        None => Err(vm.exc_by_name("EOFError", "End of stream already reached")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(DecompError::Bz(e))) => Err(bz2_error(vm, e)),
        Some(Err(DecompError::Memory)) => Err(vm.new_exc(vm.g.e.MemoryError, "")),
    }
}

fn p_eof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "eof")?;
    Ok(Value::bool(sync::lock(&s.s).eof))
}

fn p_needs_input(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "needs_input")?;
    Ok(Value::bool(sync::lock(&s.s).needs_input))
}

fn p_unused_data(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "unused_data")?;
    let b = sync::lock(&s.s).unused_data.clone();
    Ok(vm.new_bytes(&b))
}

// ------------------------------------------------------------------ module

/// `__reduce__` of both types: CPython's objects cannot be pickled.
fn no_pickle(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = full_type_name(vm, a[0]);
    Err(vm.type_error(&format!("cannot pickle '{tn}' object")))
}

/// A type of the module (not subclassable, no instance dict).
pub(crate) fn native_type(
    vm: &mut Vm,
    name: &str,
    modname: Value,
    new: NativeFn,
    doc: &str,
) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let d = vm.new_str(doc);
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
    vm.add_static(t, "__new__", new, false);
    vm.add_method(t, "__reduce__", no_pickle);
    t
}

/// Creates the `_bz2` module (state slots: the two types).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_bz2", 2);
    let mark = vm.push_root(m);
    let modname = vm.new_str("_bz2");
    vm.ctx.promote(modname);
    vm.push_root(modname);

    let ct = native_type(
        vm,
        "BZ2Compressor",
        modname,
        comp_new,
        "Create a compressor object for compressing data incrementally.",
    );
    vm.add_method(ct, "compress", c_compress);
    vm.add_method(ct, "flush", c_flush);
    vm.set_module_attr(m, "BZ2Compressor", ct);
    super::_struct::set_module_state(vm, m, STATE_COMP, ct);

    let dt = native_type(
        vm,
        "BZ2Decompressor",
        modname,
        decomp_new,
        "Create a decompressor object for decompressing data incrementally.",
    );
    vm.add_method(dt, "decompress", d_decompress);
    let props: &[(&'static str, NativeFn)] = &[
        ("eof", p_eof),
        ("needs_input", p_needs_input),
        ("unused_data", p_unused_data),
    ];
    for &(n, f) in props {
        let ro: NativeFn = crate::types::structseq::readonly;
        let p = vm.new_native_getset(dt, n, f, Some(ro));
        vm.add_attr(dt, n, p);
    }
    vm.set_module_attr(m, "BZ2Decompressor", dt);
    super::_struct::set_module_state(vm, m, STATE_DECOMP, dt);
    vm.pop_roots(mark);
    Ok(m)
}
