//! The `_lzma` module: `LZMACompressor`/`LZMADecompressor` for the xz,
//! legacy `.lzma` ("alone") and raw formats with custom filter chains
//! (LZMA1, LZMA2, delta, the BCJ filters), `is_check_supported`,
//! `_encode_filter_properties`/`_decode_filter_properties`, `LZMAError` and
//! the `FORMAT_*`/`CHECK_*`/`FILTER_*`/`MF_*`/`MODE_*`/`PRESET_*` constants,
//! as CPython 3.11's C module has them, on liblzma through `liblzma-sys`.
//! CPython's own `lzma.py` builds `LZMAFile`, `open`, `compress` and
//! `decompress` on them.
//!
//! Each object keeps its `lzma_stream` boxed behind a mutex, so a method
//! call is one atomic step (CPython takes the object's lock the same way).
//! Arguments (filter specifiers included) are converted before any liblzma
//! call and the input copied before the lock is taken; under it only
//! liblzma runs. All `unsafe` of the module is in [`LzStream`], [`Chain`]
//! and the two property functions.

use crate::types::clinic;
use engine::runtime::*;
use liblzma_sys as lz;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};

const FORMAT_AUTO: i64 = 0;
const FORMAT_XZ: i64 = 1;
const FORMAT_ALONE: i64 = 2;
const FORMAT_RAW: i64 = 3;
const CHECK_NONE: i64 = 0;
const CHECK_CRC64: i64 = 4;
const CHECK_UNKNOWN: i64 = 16;
const PRESET_DEFAULT: u32 = 6;

const FIRST_BLOCK: usize = 32 * 1024;
const MAX_BLOCK: usize = 256 << 20;

/// Module state slots.
const STATE_ERROR: usize = 0;
const STATE_COMP: usize = 1;
const STATE_DECOMP: usize = 2;

fn next_block(have: usize, left: usize) -> usize {
    let want = if have == 0 {
        FIRST_BLOCK
    } else {
        have.min(MAX_BLOCK)
    };
    want.min(left)
}

// ------------------------------------------------------------------ errors

fn lzma_error(vm: &mut Vm, msg: &str) -> PyException {
    match super::_struct::module_state(vm, "_lzma", STATE_ERROR) {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

/// CPython's `catch_lzma_error`: None for the codes that are not errors.
fn check_ret(vm: &mut Vm, r: lz::lzma_ret) -> PyResult<()> {
    let msg = match r {
        lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END => return Ok(()),
        lz::LZMA_UNSUPPORTED_CHECK => "Unsupported integrity check".to_string(),
        lz::LZMA_MEM_ERROR => return Err(vm.new_exc(vm.g.e.MemoryError, "")),
        lz::LZMA_MEMLIMIT_ERROR => "Memory usage limit exceeded".to_string(),
        lz::LZMA_FORMAT_ERROR => "Input format not supported by decoder".to_string(),
        lz::LZMA_OPTIONS_ERROR => "Invalid or unsupported options".to_string(),
        lz::LZMA_DATA_ERROR => "Corrupt input data".to_string(),
        lz::LZMA_BUF_ERROR => "Insufficient buffer space".to_string(),
        lz::LZMA_PROG_ERROR => "Internal error".to_string(),
        other => format!("Unrecognized error from liblzma: {other}"),
    };
    Err(lzma_error(vm, &msg))
}

fn value_error(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.ValueError, msg)
}

// ------------------------------------------------------------------ arguments

/// `PyLong_AsUnsignedLongLong`: an int (no `__index__`), 0 .. 2**64-1.
fn ulonglong(vm: &mut Vm, v: Value) -> PyResult<u64> {
    let Some(n) = vm.as_bigint(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if n.sign() == num_bigint::Sign::Minus {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative int to unsigned",
        ));
    }
    u64::try_from(&n).map_err(|_| vm.new_exc(vm.g.e.OverflowError, "int too big to convert"))
}

/// CPython's `uint32_converter`.
fn uint32(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let n = ulonglong(vm, v)?;
    u32::try_from(n)
        .map_err(|_| vm.new_exc(vm.g.e.OverflowError, "Value too large for uint32_t type"))
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

// ------------------------------------------------------------------ filters

/// The options of one filter, owned by Rust and boxed so the pointers in
/// [`Chain::filters`] stay valid while the chain lives.
enum Opts {
    Lzma(Box<lz::lzma_options_lzma>),
    Delta(Box<lz::lzma_options_delta>),
    Bcj(Box<lz::lzma_options_bcj>),
}

/// A filter chain as liblzma takes it: `filters` ends with the
/// `LZMA_VLI_UNKNOWN` terminator and points into `opts`.
struct Chain {
    _opts: Vec<Opts>,
    filters: Vec<lz::lzma_filter>,
}

impl Chain {
    fn new(specs: Vec<(u64, Opts)>) -> Chain {
        let mut filters = Vec::with_capacity(specs.len() + 1);
        let mut opts = Vec::with_capacity(specs.len());
        for (id, mut o) in specs {
            let p: *mut std::ffi::c_void = match &mut o {
                Opts::Lzma(b) => (&mut **b as *mut lz::lzma_options_lzma).cast(),
                Opts::Delta(b) => (&mut **b as *mut lz::lzma_options_delta).cast(),
                Opts::Bcj(b) => (&mut **b as *mut lz::lzma_options_bcj).cast(),
            };
            filters.push(lz::lzma_filter { id, options: p });
            opts.push(o);
        }
        filters.push(lz::lzma_filter {
            id: lz::LZMA_VLI_UNKNOWN,
            options: std::ptr::null_mut(),
        });
        Chain {
            _opts: opts,
            filters,
        }
    }
}

/// The entries of a filter specifier (a dict, or a mapping `dict()` takes).
fn spec_items(vm: &mut Vm, spec: Value) -> PyResult<Vec<(Value, Value)>> {
    if vm.isinstance(spec, vm.g.types.dict) {
        return Ok(vm.dict_items(spec));
    }
    let is_mapping = Obj::from_value(spec).is_some_and(|o| {
        o.kind() != K_TYPE && vm.lookup_type(o.class(), vm.g.names.__getitem__).is_some()
    }) && !is_str(spec);
    if is_mapping {
        if let Ok(d) = vm.call(vm.g.types.dict, &[spec], Value::EMPTY) {
            return Ok(vm.dict_items(d));
        }
    }
    Err(vm.type_error("Filter specifier must be a dict or dict-like object"))
}

fn item(items: &[(Value, Value)], name: &str) -> Option<Value> {
    items
        .iter()
        .find(|(k, _)| is_str(*k) && str_of(*k) == name)
        .map(|&(_, v)| v)
}

/// The `PyArg_ParseTupleAndKeywords` step of a filter specifier: every key
/// must be one of `names` and every value but `id` (and, for LZMA, the
/// preset, read before) a uint32; any failure is `ValueError(msg)`.
fn spec_fields(
    vm: &mut Vm,
    items: &[(Value, Value)],
    names: &[&str],
    msg: &str,
) -> PyResult<Vec<(String, u32)>> {
    let mut out = Vec::new();
    for &(k, v) in items {
        let name = if is_str(k) {
            str_of(k).into_owned()
        } else {
            return Err(value_error(vm, msg));
        };
        if !names.contains(&name.as_str()) {
            return Err(value_error(vm, msg));
        }
        if name == "id" || name == "preset" {
            continue;
        }
        match uint32(vm, v) {
            Ok(n) => out.push((name, n)),
            Err(_) => return Err(value_error(vm, msg)),
        }
    }
    Ok(out)
}

/// CPython's `parse_filter_spec`: one filter of a chain.
fn parse_filter_spec(vm: &mut Vm, spec: Value) -> PyResult<(u64, Opts)> {
    let items = spec_items(vm, spec)?;
    let Some(idv) = item(&items, "id") else {
        return Err(value_error(
            vm,
            "Filter specifier must have an \"id\" entry",
        ));
    };
    let id = ulonglong(vm, idv)?;
    match id {
        lz::LZMA_FILTER_LZMA1 | lz::LZMA_FILTER_LZMA2 => {
            let preset = match item(&items, "preset") {
                Some(p) => uint32(vm, p)?,
                None => PRESET_DEFAULT,
            };
            // SAFETY: lzma_options_lzma is plain data (integers, enums
            // that are integers, null pointers), valid all-zero;
            // lzma_lzma_preset fills it.
            let mut o: Box<lz::lzma_options_lzma> = Box::new(unsafe { std::mem::zeroed() });
            // SAFETY: `o` is a valid, writable options struct.
            if unsafe { lz::lzma_lzma_preset(&mut *o, preset) } != 0 {
                return Err(lzma_error(
                    vm,
                    &format!("Invalid compression preset: {preset}"),
                ));
            }
            let names = [
                "id",
                "preset",
                "dict_size",
                "lc",
                "lp",
                "pb",
                "mode",
                "nice_len",
                "mf",
                "depth",
            ];
            for (n, v) in spec_fields(
                vm,
                &items,
                &names,
                "Invalid filter specifier for LZMA filter",
            )? {
                match n.as_str() {
                    "dict_size" => o.dict_size = v,
                    "lc" => o.lc = v,
                    "lp" => o.lp = v,
                    "pb" => o.pb = v,
                    "mode" => o.mode = v as lz::lzma_mode,
                    "nice_len" => o.nice_len = v,
                    "mf" => o.mf = v as lz::lzma_match_finder,
                    _ => o.depth = v,
                }
            }
            Ok((id, Opts::Lzma(o)))
        }
        lz::LZMA_FILTER_DELTA => {
            let fields = spec_fields(
                vm,
                &items,
                &["id", "dist"],
                "Invalid filter specifier for delta filter",
            )?;
            // SAFETY: lzma_options_delta is plain data, valid all-zero.
            let mut o: Box<lz::lzma_options_delta> = Box::new(unsafe { std::mem::zeroed() });
            o.type_ = lz::lzma_delta_type_LZMA_DELTA_TYPE_BYTE;
            o.dist = fields.first().map_or(1, |f| f.1);
            Ok((id, Opts::Delta(o)))
        }
        lz::LZMA_FILTER_X86
        | lz::LZMA_FILTER_POWERPC
        | lz::LZMA_FILTER_IA64
        | lz::LZMA_FILTER_ARM
        | lz::LZMA_FILTER_ARMTHUMB
        | lz::LZMA_FILTER_SPARC => {
            let fields = spec_fields(
                vm,
                &items,
                &["id", "start_offset"],
                "Invalid filter specifier for BCJ filter",
            )?;
            let o = Box::new(lz::lzma_options_bcj {
                start_offset: fields.first().map_or(0, |f| f.1),
            });
            Ok((id, Opts::Bcj(o)))
        }
        _ => Err(value_error(vm, &format!("Invalid filter ID: {id}"))),
    }
}

/// CPython's `parse_filter_chain_spec`: a sequence of at most 4 specifiers.
fn parse_chain(vm: &mut Vm, v: Value) -> PyResult<Chain> {
    // PySequence_Size: a mapping is refused by name.
    if vm.isinstance(v, vm.g.types.dict) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{tn} is not a sequence")));
    }
    let n = vm.len(v)?;
    if n > lz::LZMA_FILTERS_MAX as usize {
        return Err(value_error(
            vm,
            &format!(
                "Too many filters - liblzma supports a maximum of {}",
                lz::LZMA_FILTERS_MAX
            ),
        ));
    }
    let mut specs = Vec::with_capacity(n);
    for i in 0..n {
        let spec = vm.getitem(v, Value::int(i as i64))?;
        let mark = vm.push_root(spec);
        let r = parse_filter_spec(vm, spec);
        vm.pop_roots(mark);
        specs.push(r?);
    }
    Ok(Chain::new(specs))
}

// ------------------------------------------------------------------ lzma_stream

/// One liblzma stream. Invariants: boxed, so it never moves once
/// initialised; `live` from a successful encoder/decoder set-up until the
/// drop's `lzma_end`; outside a call `next_in`/`next_out` are null.
struct LzStream {
    strm: Box<lz::lzma_stream>,
    live: bool,
}

// SAFETY: the stream's pointers are to liblzma's private state for this
// stream alone (malloc'ed, not tied to a thread) and, only during a call,
// to buffers that call owns; it is used only through `&mut self` under the
// owning object's mutex.
unsafe impl Send for LzStream {}
// SAFETY: no `&self` method touches the stream's state.
unsafe impl Sync for LzStream {}

/// The outcome of one `lzma_code` call.
struct Step {
    ret: lz::lzma_ret,
    used: usize,
    avail_in_left: bool,
    room_left: bool,
}

impl LzStream {
    /// Sets up a stream with `init` (one of liblzma's encoder or decoder
    /// initialisers), returning liblzma's error code on failure.
    fn new(
        init: impl FnOnce(*mut lz::lzma_stream) -> lz::lzma_ret,
    ) -> Result<LzStream, lz::lzma_ret> {
        // SAFETY: an all-zero lzma_stream is LZMA_STREAM_INIT.
        let strm: Box<lz::lzma_stream> = Box::new(unsafe { std::mem::zeroed() });
        let mut s = LzStream { strm, live: false };
        let r = init(&mut *s.strm);
        // liblzma frees what a failed initialiser allocated only at
        // lzma_end, which the drop calls either way.
        s.live = true;
        if r != lz::LZMA_OK {
            return Err(r);
        }
        Ok(s)
    }

    /// One `lzma_code` call with `action`, reading `input` and appending at
    /// most `room` bytes to `out`.
    fn step(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        room: usize,
        action: lz::lzma_action,
    ) -> Step {
        let start = out.len();
        out.resize(start + room, 0);
        let s = &mut *self.strm;
        s.next_in = input.as_ptr();
        s.avail_in = input.len();
        s.next_out = out[start..].as_mut_ptr();
        s.avail_out = room;
        // SAFETY: an initialised stream whose in/out pointers cover exactly
        // `avail_in` readable and `room` writable bytes alive for the call.
        let ret = unsafe { lz::lzma_code(s, action) };
        let used = input.len() - s.avail_in;
        let made = room - s.avail_out;
        let st = Step {
            ret,
            used,
            avail_in_left: s.avail_in > 0,
            room_left: s.avail_out > 0,
        };
        s.next_in = std::ptr::null();
        s.avail_in = 0;
        s.next_out = std::ptr::null_mut();
        s.avail_out = 0;
        out.truncate(start + made);
        st
    }

    fn get_check(&self) -> i64 {
        // SAFETY: an initialised stream; liblzma only reads it.
        i64::from(unsafe { lz::lzma_get_check(&*self.strm) })
    }
}

impl LzStream {
    /// `lzma_end` now rather than at the drop: the stream is used no more.
    fn end(&mut self) {
        if self.live {
            self.live = false;
            // SAFETY: a stream set up by an initialiser, ended once (`live`
            // is cleared, so the drop does not end it again).
            unsafe { lz::lzma_end(&mut *self.strm) }
        }
    }
}

impl Drop for LzStream {
    fn drop(&mut self) {
        self.end();
    }
}

// ------------------------------------------------------------------ compressor

struct Comp {
    z: LzStream,
    flushed: bool,
}

struct CompState {
    s: Mutex<Comp>,
}

impl Trace for CompState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}

    fn external_bytes(&self) -> usize {
        // The match finder and dictionary at the default preset.
        90 * 1024 * 1024
    }
}

fn full_type_name(vm: &mut Vm, v: Value) -> String {
    let o = Obj::from_value(v);
    if o.and_then(native_ref::<CompState>).is_some() {
        "_lzma.LZMACompressor".into()
    } else if o.and_then(native_ref::<DecompState>).is_some() {
        "_lzma.LZMADecompressor".into()
    } else {
        vm.type_name_of(v)
    }
}

fn comp_state(vm: &mut Vm, v: Value, m: &str) -> PyResult<&'static CompState> {
    match Obj::from_value(v).and_then(native_ref::<CompState>) {
        Some(s) => Ok(s),
        None => {
            let tn = full_type_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for '_lzma.LZMACompressor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)`.
fn comp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [format, check, preset, filters] = clinic::unpack(
        vm,
        "LZMACompressor",
        &a[1..],
        k,
        ["format", "check", "preset", "filters"],
        0,
        0,
        4,
    )?;
    let format = match format {
        Some(v) => i64::from(crate::args::c_int(vm, v)?),
        None => FORMAT_XZ,
    };
    let check = match check {
        Some(v) => i64::from(crate::args::c_int(vm, v)?),
        None => -1,
    };
    let preset = preset.filter(|v| !v.is_none());
    let filters = filters.filter(|v| !v.is_none());
    if format != FORMAT_XZ && check != -1 && check != CHECK_NONE {
        return Err(value_error(
            vm,
            "Integrity checks are only supported by FORMAT_XZ",
        ));
    }
    if preset.is_some() && filters.is_some() {
        return Err(value_error(
            vm,
            "Cannot specify both preset and filter chain",
        ));
    }
    let preset = match preset {
        Some(p) => uint32(vm, p)?,
        None => PRESET_DEFAULT,
    };
    let chain = match filters {
        Some(f) => Some(parse_chain(vm, f)?),
        None => None,
    };
    let r = match format {
        FORMAT_XZ => {
            let check = if check == -1 { CHECK_CRC64 } else { check } as lz::lzma_check;
            match &chain {
                None => LzStream::new(|s| {
                    // SAFETY: a fresh zeroed stream; any filter chain or options
                    // passed outlive the call.
                    unsafe { lz::lzma_easy_encoder(s, preset, check) }
                }),
                Some(c) => LzStream::new(|s| {
                    // SAFETY: a fresh zeroed stream; any filter chain or options
                    // passed outlive the call.
                    unsafe { lz::lzma_stream_encoder(s, c.filters.as_ptr(), check) }
                }),
            }
        }
        FORMAT_ALONE => {
            let opts = match &chain {
                None => {
                    // SAFETY: plain data, valid all-zero; filled next.
                    let mut o: lz::lzma_options_lzma = unsafe { std::mem::zeroed() };
                    // SAFETY: `o` is a valid, writable options struct.
                    if unsafe { lz::lzma_lzma_preset(&mut o, preset) } != 0 {
                        return Err(lzma_error(
                            vm,
                            &format!("Invalid compression preset: {preset}"),
                        ));
                    }
                    o
                }
                Some(c) => {
                    if c.filters.len() != 2 || c.filters[0].id != lz::LZMA_FILTER_LZMA1 {
                        return Err(value_error(
                            vm,
                            "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter",
                        ));
                    }
                    // SAFETY: an LZMA1 filter's options are the
                    // lzma_options_lzma box the chain owns.
                    unsafe { *c.filters[0].options.cast::<lz::lzma_options_lzma>() }
                }
            };
            LzStream::new(|s| {
                // SAFETY: a fresh zeroed stream; any filter chain or options
                // passed outlive the call.
                unsafe { lz::lzma_alone_encoder(s, &opts) }
            })
        }
        FORMAT_RAW => match &chain {
            None => return Err(value_error(vm, "Must specify filters for FORMAT_RAW")),
            Some(c) => LzStream::new(|s| {
                // SAFETY: a fresh zeroed stream; any filter chain or options
                // passed outlive the call.
                unsafe { lz::lzma_raw_encoder(s, c.filters.as_ptr()) }
            }),
        },
        _ => {
            return Err(value_error(
                vm,
                &format!("Invalid container format: {format}"),
            ))
        }
    };
    let z = match r {
        Ok(z) => z,
        Err(e) => {
            check_ret(vm, e)?;
            return Err(lzma_error(vm, "Internal error"));
        }
    };
    let cls = super::_struct::module_state(vm, "_lzma", STATE_COMP)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        CompState {
            s: Mutex::new(Comp { z, flushed: false }),
        },
    ))
}

/// CPython's `compress()` loop for `LZMA_RUN` or `LZMA_FINISH`.
fn run_compress(
    z: &mut LzStream,
    data: &[u8],
    action: lz::lzma_action,
) -> Result<Vec<u8>, lz::lzma_ret> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let room = next_block(out.len(), usize::MAX);
        let st = z.step(&data[pos..], &mut out, room, action);
        pos += st.used;
        let mut ret = st.ret;
        if ret == lz::LZMA_BUF_ERROR && data.is_empty() && st.room_left {
            ret = lz::LZMA_OK;
        }
        if !matches!(
            ret,
            lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END
        ) {
            return Err(ret);
        }
        if (action == lz::LZMA_RUN && !st.avail_in_left)
            || (action == lz::LZMA_FINISH && ret == lz::LZMA_STREAM_END)
        {
            return Ok(out);
        }
    }
}

fn c_compress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "compress")?;
    clinic::method_positional(vm, "compress", "compress", a, k, 1, 1)?;
    let data = buffer(vm, a[1])?;
    let r = {
        let mut g = sync::lock(&s.s);
        if g.flushed {
            None
        } else {
            Some(run_compress(&mut g.z, &data, lz::LZMA_RUN))
        }
    };
    match r {
        None => Err(value_error(vm, "Compressor has been flushed")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(e)) => {
            check_ret(vm, e)?;
            Err(lzma_error(vm, "Internal error"))
        }
    }
}

fn c_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "flush")?;
    clinic::method_positional(vm, "flush", "flush", a, k, 0, 0)?;
    let r = {
        let mut g = sync::lock(&s.s);
        if g.flushed {
            None
        } else {
            g.flushed = true;
            Some(run_compress(&mut g.z, &[], lz::LZMA_FINISH))
        }
    };
    match r {
        None => Err(value_error(vm, "Repeated call to flush()")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(e)) => {
            check_ret(vm, e)?;
            Err(lzma_error(vm, "Internal error"))
        }
    }
}

// ------------------------------------------------------------------ decompressor

/// `pending` is input given but not yet consumed (CPython's input buffer).
struct Decomp {
    z: LzStream,
    pending: Vec<u8>,
    check: i64,
    eof: bool,
    needs_input: bool,
    unused_data: Vec<u8>,
}

struct DecompState {
    s: Mutex<Decomp>,
}

/// The dictionary of a default-preset stream.
const DECOMP_EXTERNAL: usize = 9 * 1024 * 1024;

impl Trace for DecompState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}

    fn external_bytes(&self) -> usize {
        DECOMP_EXTERNAL
    }
}

fn decomp_state(vm: &mut Vm, v: Value, m: &str) -> PyResult<&'static DecompState> {
    match Obj::from_value(v).and_then(native_ref::<DecompState>) {
        Some(s) => Ok(s),
        None => {
            let tn = full_type_name(vm, v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for '_lzma.LZMADecompressor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None)`.
fn decomp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [format, memlimit, filters] = clinic::unpack(
        vm,
        "LZMADecompressor",
        &a[1..],
        k,
        ["format", "memlimit", "filters"],
        0,
        0,
        3,
    )?;
    let format = match format {
        Some(v) => crate::args::py_long_as_int(vm, v)?,
        None => FORMAT_AUTO,
    };
    let memlimit = memlimit.filter(|v| !v.is_none());
    let filters = filters.filter(|v| !v.is_none());
    if memlimit.is_some() && format == FORMAT_RAW {
        return Err(value_error(
            vm,
            "Cannot specify memory limit with FORMAT_RAW",
        ));
    }
    let memlimit = match memlimit {
        Some(m) => ulonglong(vm, m)?,
        None => u64::MAX,
    };
    if format == FORMAT_RAW && filters.is_none() {
        return Err(value_error(vm, "Must specify filters for FORMAT_RAW"));
    }
    if format != FORMAT_RAW && filters.is_some() {
        return Err(value_error(
            vm,
            "Cannot specify filters except with FORMAT_RAW",
        ));
    }
    let flags = lz::LZMA_TELL_ANY_CHECK | lz::LZMA_TELL_NO_CHECK;
    let mut check = CHECK_UNKNOWN;
    let r = match format {
        FORMAT_AUTO => LzStream::new(|s| {
            // SAFETY: a fresh zeroed stream; any filter chain or options
            // passed outlive the call.
            unsafe { lz::lzma_auto_decoder(s, memlimit, flags) }
        }),
        FORMAT_XZ => LzStream::new(|s| {
            // SAFETY: a fresh zeroed stream; any filter chain or options
            // passed outlive the call.
            unsafe { lz::lzma_stream_decoder(s, memlimit, flags) }
        }),
        FORMAT_ALONE => {
            check = CHECK_NONE;
            LzStream::new(|s| {
                // SAFETY: a fresh zeroed stream; any filter chain or options
                // passed outlive the call.
                unsafe { lz::lzma_alone_decoder(s, memlimit) }
            })
        }
        FORMAT_RAW => {
            check = CHECK_NONE;
            let chain = parse_chain(vm, filters.unwrap_or(Value::NONE))?;
            LzStream::new(|s| {
                // SAFETY: a fresh zeroed stream; any filter chain or options
                // passed outlive the call.
                unsafe { lz::lzma_raw_decoder(s, chain.filters.as_ptr()) }
            })
        }
        _ => {
            return Err(value_error(
                vm,
                &format!("Invalid container format: {format}"),
            ))
        }
    };
    let z = match r {
        Ok(z) => z,
        Err(e) => {
            check_ret(vm, e)?;
            return Err(lzma_error(vm, "Internal error"));
        }
    };
    let cls = super::_struct::module_state(vm, "_lzma", STATE_DECOMP)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        DecompState {
            s: Mutex::new(Decomp {
                z,
                pending: Vec::new(),
                check,
                eof: false,
                needs_input: true,
                unused_data: Vec::new(),
            }),
        },
    ))
}

impl Decomp {
    /// CPython's `decompress()` + `decompress_buf()`.
    fn run(&mut self, data: &[u8], max_length: i64) -> Result<Vec<u8>, lz::lzma_ret> {
        let mut input = std::mem::take(&mut self.pending);
        input.extend_from_slice(data);
        let limit = if max_length < 0 {
            usize::MAX
        } else {
            max_length as usize
        };
        let mut out = Vec::new();
        let mut pos = 0;
        let mut room_left;
        loop {
            let room = next_block(out.len(), limit - out.len());
            let st = self.z.step(&input[pos..], &mut out, room, lz::LZMA_RUN);
            pos += st.used;
            room_left = st.room_left;
            let mut ret = st.ret;
            if ret == lz::LZMA_BUF_ERROR && !st.avail_in_left && st.room_left {
                ret = lz::LZMA_OK;
            }
            if !matches!(
                ret,
                lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END
            ) {
                // CPython drops the input of a failed call.
                return Err(ret);
            }
            if ret == lz::LZMA_GET_CHECK || ret == lz::LZMA_NO_CHECK {
                self.check = self.z.get_check();
            }
            if ret == lz::LZMA_STREAM_END {
                self.eof = true;
                // Every later `decompress` raises EOFError: the decoder's
                // dictionary is freed now, not when the object is.
                self.z.end();
                break;
            }
            if !st.room_left {
                if out.len() >= limit {
                    break;
                }
            } else if !st.avail_in_left {
                break;
            }
        }
        let rest = &input[pos..];
        if self.eof {
            self.needs_input = false;
            if !rest.is_empty() {
                self.unused_data = rest.to_vec();
            }
        } else if rest.is_empty() {
            // Output room used up with no input left: liblzma may still
            // hold output, so more is asked for without new input.
            self.needs_input = room_left;
        } else {
            self.needs_input = false;
            self.pending = rest.to_vec();
        }
        Ok(out)
    }
}

/// `decompress(data, max_length=-1)`.
fn d_decompress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "decompress")?;
    let [data, max_length] = clinic::unpack(
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
        vm.ctx.release_external(a[0], DECOMP_EXTERNAL);
    }
    match r {
        None => Err(vm.exc_by_name("EOFError", "Already at end of stream")),
        Some(Ok(out)) => Ok(vm.new_bytes(&out)),
        Some(Err(e)) => {
            check_ret(vm, e)?;
            Err(lzma_error(vm, "Internal error"))
        }
    }
}

fn p_check(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "check")?;
    Ok(Value::int(sync::lock(&s.s).check))
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

// ------------------------------------------------------------------ functions

/// `is_check_supported(check_id, /)`.
fn m_is_check_supported(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "is_check_supported", "is_check_supported", a, k, 1, 1)?;
    let id = crate::args::py_long_as_int(vm, a[0])?;
    // SAFETY: a pure query on an integer.
    let ok = unsafe { lz::lzma_check_is_supported(id as lz::lzma_check) } != 0;
    Ok(Value::bool(ok))
}

/// `_encode_filter_properties(filter, /)`: the raw properties of one filter.
fn m_encode_props(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "_encode_filter_properties",
        "_encode_filter_properties",
        a,
        k,
        1,
        1,
    )?;
    let (id, opts) = parse_filter_spec(vm, a[0])?;
    let chain = Chain::new(vec![(id, opts)]);
    let f = &chain.filters[0];
    let mut size: u32 = 0;
    // SAFETY: `f` is a valid filter whose options the chain owns.
    let r = unsafe { lz::lzma_properties_size(&mut size, f) };
    check_ret(vm, r)?;
    let mut out = vec![0u8; size as usize];
    // SAFETY: `out` has the `size` bytes liblzma asked for.
    let r = unsafe { lz::lzma_properties_encode(f, out.as_mut_ptr()) };
    check_ret(vm, r)?;
    Ok(vm.new_bytes(&out))
}

/// `_decode_filter_properties(filter_id, encoded_props, /)`: a filter
/// specifier dict.
fn m_decode_props(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "_decode_filter_properties",
        "_decode_filter_properties",
        a,
        k,
        2,
        2,
    )?;
    let id = ulonglong(vm, a[0])?;
    let props = buffer(vm, a[1])?;
    let mut f = lz::lzma_filter {
        id,
        options: std::ptr::null_mut(),
    };
    // SAFETY: `f` is writable; liblzma reads `props.len()` bytes and on
    // success stores options it allocated with malloc (or none).
    let r = unsafe {
        lz::lzma_properties_decode(&mut f, std::ptr::null(), props.as_ptr(), props.len())
    };
    check_ret(vm, r)?;
    /// Frees the options liblzma allocated, whatever happens below.
    struct Owned(*mut std::ffi::c_void);
    impl Drop for Owned {
        fn drop(&mut self) {
            // SAFETY: allocated by liblzma's default allocator (malloc)
            // for this call only, freed once.
            unsafe { libc::free(self.0) }
        }
    }
    let owned = Owned(f.options);
    let mut fields: Vec<(&str, i64)> = Vec::new();
    let p = owned.0;
    match id {
        lz::LZMA_FILTER_LZMA1 | lz::LZMA_FILTER_LZMA2 if !p.is_null() => {
            // SAFETY: for LZMA filters liblzma stores lzma_options_lzma.
            let o = unsafe { &*p.cast::<lz::lzma_options_lzma>() };
            if id == lz::LZMA_FILTER_LZMA1 {
                fields.extend([
                    ("lc", i64::from(o.lc)),
                    ("lp", i64::from(o.lp)),
                    ("pb", i64::from(o.pb)),
                ]);
            }
            fields.push(("dict_size", i64::from(o.dict_size)));
        }
        lz::LZMA_FILTER_DELTA if !p.is_null() => {
            // SAFETY: for the delta filter liblzma stores lzma_options_delta.
            let o = unsafe { &*p.cast::<lz::lzma_options_delta>() };
            fields.push(("dist", i64::from(o.dist)));
        }
        lz::LZMA_FILTER_X86
        | lz::LZMA_FILTER_POWERPC
        | lz::LZMA_FILTER_IA64
        | lz::LZMA_FILTER_ARM
        | lz::LZMA_FILTER_ARMTHUMB
        | lz::LZMA_FILTER_SPARC => {
            if !p.is_null() {
                // SAFETY: for BCJ filters liblzma stores lzma_options_bcj.
                let o = unsafe { &*p.cast::<lz::lzma_options_bcj>() };
                fields.push(("start_offset", i64::from(o.start_offset)));
            }
        }
        _ => return Err(value_error(vm, &format!("Invalid filter ID: {id}"))),
    }
    drop(owned);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let key = vm.intern("id");
    let v = vm.new_int(id as i64);
    vm.dict_set_str(d, key, v);
    for (n, x) in fields {
        let key = vm.intern(n);
        vm.dict_set_str(d, key, Value::int(x));
    }
    vm.pop_roots(mark);
    Ok(d)
}

// ------------------------------------------------------------------ module

/// Creates the `_lzma` module (state slots: LZMAError and the two types).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_lzma", 3);
    let mark = vm.push_root(m);
    let modname = vm.new_str("_lzma");
    vm.ctx.promote(modname);
    vm.push_root(modname);

    // class LZMAError(Exception), as PyErr_NewExceptionWithDoc makes it.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let key = vm.intern("__module__");
    vm.dict_set_str(ns, key, modname);
    let key = vm.intern("__doc__");
    let doc = vm.new_str("Call to liblzma failed.");
    vm.dict_set_str(ns, key, doc);
    let name = vm.new_str("LZMAError");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let err = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.set_module_attr(m, "LZMAError", err);
    super::_struct::set_module_state(vm, m, STATE_ERROR, err);

    let ct = super::_bz2::native_type(
        vm,
        "LZMACompressor",
        modname,
        comp_new,
        "LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)\n\n\
         Create a compressor object for compressing data incrementally.",
    );
    vm.add_method(ct, "compress", c_compress);
    vm.add_method(ct, "flush", c_flush);
    vm.set_module_attr(m, "LZMACompressor", ct);
    super::_struct::set_module_state(vm, m, STATE_COMP, ct);

    let dt = super::_bz2::native_type(
        vm,
        "LZMADecompressor",
        modname,
        decomp_new,
        "Create a decompressor object for decompressing data incrementally.",
    );
    vm.add_method(dt, "decompress", d_decompress);
    let props: &[(&'static str, NativeFn)] = &[
        ("check", p_check),
        ("eof", p_eof),
        ("needs_input", p_needs_input),
        ("unused_data", p_unused_data),
    ];
    for &(n, f) in props {
        let ro: NativeFn = crate::types::structseq::readonly;
        let p = vm.new_native_getset(dt, n, f, Some(ro));
        vm.add_attr(dt, n, p);
    }
    vm.set_module_attr(m, "LZMADecompressor", dt);
    super::_struct::set_module_state(vm, m, STATE_DECOMP, dt);

    vm.add_module_functions(
        m,
        &[
            ("is_check_supported", m_is_check_supported),
            ("_encode_filter_properties", m_encode_props),
            ("_decode_filter_properties", m_decode_props),
        ],
    );
    let consts: [(&str, i64); 28] = [
        ("FORMAT_AUTO", FORMAT_AUTO),
        ("FORMAT_XZ", FORMAT_XZ),
        ("FORMAT_ALONE", FORMAT_ALONE),
        ("FORMAT_RAW", FORMAT_RAW),
        ("CHECK_NONE", CHECK_NONE),
        ("CHECK_CRC32", 1),
        ("CHECK_CRC64", CHECK_CRC64),
        ("CHECK_SHA256", 10),
        ("CHECK_ID_MAX", i64::from(lz::LZMA_CHECK_ID_MAX)),
        ("CHECK_UNKNOWN", CHECK_UNKNOWN),
        ("FILTER_LZMA1", lz::LZMA_FILTER_LZMA1 as i64),
        ("FILTER_LZMA2", lz::LZMA_FILTER_LZMA2 as i64),
        ("FILTER_DELTA", lz::LZMA_FILTER_DELTA as i64),
        ("FILTER_X86", lz::LZMA_FILTER_X86 as i64),
        ("FILTER_POWERPC", lz::LZMA_FILTER_POWERPC as i64),
        ("FILTER_IA64", lz::LZMA_FILTER_IA64 as i64),
        ("FILTER_ARM", lz::LZMA_FILTER_ARM as i64),
        ("FILTER_ARMTHUMB", lz::LZMA_FILTER_ARMTHUMB as i64),
        ("FILTER_SPARC", lz::LZMA_FILTER_SPARC as i64),
        ("MF_HC3", i64::from(lz::LZMA_MF_HC3)),
        ("MF_HC4", i64::from(lz::LZMA_MF_HC4)),
        ("MF_BT2", i64::from(lz::LZMA_MF_BT2)),
        ("MF_BT3", i64::from(lz::LZMA_MF_BT3)),
        ("MF_BT4", i64::from(lz::LZMA_MF_BT4)),
        ("MODE_FAST", i64::from(lz::LZMA_MODE_FAST)),
        ("MODE_NORMAL", i64::from(lz::LZMA_MODE_NORMAL)),
        ("PRESET_DEFAULT", i64::from(PRESET_DEFAULT)),
        ("PRESET_EXTREME", i64::from(lz::LZMA_PRESET_EXTREME)),
    ];
    for (n, v) in consts {
        let v = vm.new_int(v);
        vm.set_module_attr(m, n, v);
    }
    vm.pop_roots(mark);
    Ok(m)
}
