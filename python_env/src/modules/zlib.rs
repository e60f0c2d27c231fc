//! The `zlib` module: `compress`/`decompress`, compression and
//! decompression objects (`compressobj`/`decompressobj`, with `copy`), the
//! `adler32`/`crc32` checksums, `zlib.error` and the `Z_*` constants, as
//! CPython 3.11's C module has them: compression on the C zlib through
//! `libz-sys`, decompression on zlib-rs through `libz-rs-sys` (see [`Raw`]).
//!
//! Each operation runs the same loop over `deflate`/`inflate` as CPython's
//! code, so results, `unconsumed_tail`/`unused_data`/`eof` and the error
//! messages ("Error -3 while decompressing data: invalid block type") are
//! CPython's. A compression or decompression object keeps its `z_stream`
//! boxed (zlib's state points back at it, so it never moves) behind a
//! mutex: each method call is one atomic step, as CPython's object lock
//! makes it. Arguments are converted and the input copied before the lock
//! is taken; under it only zlib runs (no allocation on the Python heap, no
//! Python code). All `unsafe` of the module is in [`ZStream`].

use crate::types::clinic;
use engine::runtime::*;
use libz_rs_sys as zr;
use libz_sys as z;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Kind, Obj, Value};
use std::borrow::Cow;
use std::ffi::{c_int, c_void, CStr};

const MODULE_DOC: &str =
    "The functions in this module allow compression and decompression using the\n\
zlib library, which is based on GNU zip.\n\
\n\
adler32(string[, start]) -- Compute an Adler-32 checksum.\n\
compress(data[, level]) -- Compress data, with compression level 0-9 or -1.\n\
compressobj([level[, ...]]) -- Return a compressor object.\n\
crc32(string[, start]) -- Compute a CRC-32 checksum.\n\
decompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.\n\
decompressobj([wbits[, zdict]]) -- Return a decompressor object.\n\
\n\
'wbits' is window buffer size and container format.\n\
Compressor objects support compress() and flush() methods; decompressor\n\
objects support decompress() and flush().";

const MAX_WBITS: i64 = 15;
const DEFLATED: i64 = 8;
const DEF_MEM_LEVEL: i64 = 8;
const DEF_BUF_SIZE: i64 = 16384;
const Z_DEFAULT_COMPRESSION: i64 = -1;
const Z_DEFAULT_STRATEGY: i64 = 0;

/// Largest output block CPython's output buffer grows to (256 MiB).
const MAX_BLOCK: usize = 256 << 20;

// ------------------------------------------------------------------ z_stream

/// zlib's allocator hook: `calloc`, as zlib's own default (`zcalloc`).
unsafe extern "C" fn zalloc(_opaque: *mut c_void, items: z::uInt, size: z::uInt) -> *mut c_void {
    // SAFETY: calloc has no preconditions; zlib checks for NULL.
    unsafe { libc::calloc(items as usize, size as usize) }
}

/// zlib's free hook, pairing [`zalloc`].
unsafe extern "C" fn zfree(_opaque: *mut c_void, p: *mut c_void) {
    // SAFETY: zlib passes only pointers [`zalloc`] returned, once each.
    unsafe { libc::free(p) }
}

/// The raw stream of one direction. Compression runs on the system zlib
/// (through `libz-sys`), so compressed bytes equal CPython's; decompression
/// runs on zlib-rs (`libz-rs-sys`, zlib's C API in Rust, the same results
/// and error messages), which inflates about 1.9 times as fast: 100 MiB of
/// log text in 0.13 s against the system zlib's 0.24 s.
enum Raw {
    Deflate(Box<z::z_stream>),
    Inflate(Box<zr::z_stream>),
}

/// The fields one `deflate`/`inflate` call reads and writes, alike in both
/// libraries' `z_stream` (both are zlib's C struct).
trait Fields {
    fn set_io(&mut self, input: *const u8, avail_in: u32, out: *mut u8, avail_out: u32);
    /// `(avail_in, avail_out)` left, then both buffer pointers cleared.
    fn take_io(&mut self) -> (u32, u32);
    fn msg(&self) -> *const std::ffi::c_char;
}

macro_rules! impl_fields {
    ($t:ty) => {
        impl Fields for $t {
            fn set_io(&mut self, input: *const u8, avail_in: u32, out: *mut u8, avail_out: u32) {
                // zlib never writes through next_in; the cast only fits its type.
                self.next_in = input.cast_mut();
                self.avail_in = avail_in;
                self.next_out = out;
                self.avail_out = avail_out;
            }
            fn take_io(&mut self) -> (u32, u32) {
                let left = (self.avail_in, self.avail_out);
                self.next_in = std::ptr::null_mut();
                self.avail_in = 0;
                self.next_out = std::ptr::null_mut();
                self.avail_out = 0;
                left
            }
            fn msg(&self) -> *const std::ffi::c_char {
                self.msg
            }
        }
    };
}
impl_fields!(z::z_stream);
impl_fields!(zr::z_stream);

/// Is this a compressing or a decompressing stream?
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Deflate,
    Inflate,
}

/// One zlib stream. Invariants: the raw stream is boxed and never moves
/// once initialised (zlib's state holds its address); `live` is true
/// exactly between a successful `*Init*`/`*Copy` and the matching `*End`;
/// outside a call `next_in`/`next_out` are null (no dangling buffer
/// pointers).
struct ZStream {
    raw: Raw,
    live: bool,
    header: HeaderGuard,
}

/// An inflate stream that takes its window size from a zlib header
/// (`wbits` 0, or 32 for zlib-or-gzip) until that header has been read.
/// zlib-rs sizes its window from the header's field before checking it
/// against 15, and a field above 7 then fails an assertion (a panic in an
/// `extern "C"` function: the process aborts) where zlib reports "invalid
/// window size". `step` looks at the header's two bytes first and, for such
/// a header, hands the input to a stream initialised with `wbits | 15`
/// instead, which reaches zlib's check and error without the assertion.
#[derive(Clone, Copy)]
enum HeaderGuard {
    /// Nothing to check (any other `wbits`, or the header is past).
    Done,
    /// The header is not read yet; `first`: its first byte, when the
    /// stream has been given only that one.
    Pending { wbits: c_int, first: Option<u8> },
}

// SAFETY: the z_stream's pointers are to zlib's private state for this
// stream alone (allocated with calloc, freed with free, neither tied to a
// thread) and, only during a call, to buffers that call owns; every use goes
// through `&mut self` under the owning object's mutex.
unsafe impl Send for ZStream {}
// SAFETY: as for Send: no `&self` method touches the stream's state except
// reading `msg`, a pointer to a static string.
unsafe impl Sync for ZStream {}

/// Result of one `deflate`/`inflate` call: zlib's return code, input bytes
/// consumed, and whether output room was left over.
struct Step {
    ret: c_int,
    used: usize,
    room_left: bool,
}

impl ZStream {
    fn blank(dir: Dir) -> ZStream {
        let raw = match dir {
            Dir::Deflate => Raw::Deflate(Box::new(z::z_stream {
                next_in: std::ptr::null_mut(),
                avail_in: 0,
                total_in: 0,
                next_out: std::ptr::null_mut(),
                avail_out: 0,
                total_out: 0,
                msg: std::ptr::null_mut(),
                state: std::ptr::null_mut(),
                zalloc,
                zfree,
                opaque: std::ptr::null_mut(),
                data_type: 0,
                adler: 0,
                reserved: 0,
            })),
            // zlib-rs's own allocator (its default, null hooks): aligned
            // for its SIMD paths.
            Dir::Inflate => Raw::Inflate(Box::default()),
        };
        ZStream {
            raw,
            live: false,
            header: HeaderGuard::Done,
        }
    }

    fn dir(&self) -> Dir {
        match self.raw {
            Raw::Deflate(_) => Dir::Deflate,
            Raw::Inflate(_) => Dir::Inflate,
        }
    }

    /// `deflateInit2`: the stream, or zlib's error code.
    fn deflate_init(
        level: c_int,
        method: c_int,
        wbits: c_int,
        mem: c_int,
        strategy: c_int,
    ) -> Result<ZStream, c_int> {
        let mut s = ZStream::blank(Dir::Deflate);
        let Raw::Deflate(strm) = &mut s.raw else {
            unreachable!("blank(Deflate) is a deflate stream")
        };
        // SAFETY: `strm` is a fresh, boxed z_stream with valid alloc hooks;
        // the version string and struct size are the ones libz-sys binds.
        let r = unsafe {
            z::deflateInit2_(
                &mut **strm,
                level,
                method,
                wbits,
                mem,
                strategy,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        if r != z::Z_OK {
            return Err(r);
        }
        s.live = true;
        Ok(s)
    }

    /// `inflateInit2`: the stream, or zlib's error code.
    fn inflate_init(wbits: c_int) -> Result<ZStream, c_int> {
        let mut s = ZStream::blank(Dir::Inflate);
        let Raw::Inflate(strm) = &mut s.raw else {
            unreachable!("blank(Inflate) is an inflate stream")
        };
        // SAFETY: `strm` is a fresh, boxed z_stream with zlib-rs's default
        // allocator; the version string and struct size are libz-rs-sys's.
        let r = unsafe {
            zr::inflateInit2_(
                &mut **strm,
                wbits,
                zr::zlibVersion(),
                std::mem::size_of::<zr::z_stream>() as c_int,
            )
        };
        if r != z::Z_OK {
            return Err(r);
        }
        s.live = true;
        if wbits == 0 || wbits == 32 {
            s.header = HeaderGuard::Pending {
                wbits: wbits | 15,
                first: None,
            };
        }
        Ok(s)
    }

    /// The [`HeaderGuard`] check before `input` goes to `inflate`.
    fn guard_header(&mut self, input: &[u8]) {
        let HeaderGuard::Pending { wbits, first } = self.header else {
            return;
        };
        let (b0, b1) = match (first, input) {
            (Some(b0), [b1, ..]) => (b0, *b1),
            (None, [b0, b1, ..]) => (*b0, *b1),
            (None, [b0]) => {
                self.header = HeaderGuard::Pending {
                    wbits,
                    first: Some(*b0),
                };
                return;
            }
            _ => return,
        };
        self.header = HeaderGuard::Done;
        let gzip = wbits == 47 && b0 == 0x1f && b1 == 0x8b;
        // zlib's order: the check bits, the method, then the window field.
        let zlib_header = (u16::from(b0) << 8 | u16::from(b1)) % 31 == 0 && b0 & 0x0f == 8;
        if gzip || !zlib_header || b0 >> 4 <= 7 {
            return;
        }
        // `wbits` is 15 or 47 here, so the new stream needs no guard.
        if let Ok(mut s) = ZStream::inflate_init(wbits) {
            if let Some(b0) = first {
                // The replaced stream holds that byte: give it to this one.
                s.step(&[b0], &mut Vec::new(), 1, z::Z_NO_FLUSH);
            }
            *self = s;
        }
    }

    /// `deflateCopy`/`inflateCopy` into a new stream.
    fn copy(&mut self) -> Result<ZStream, c_int> {
        if !self.live {
            return Err(z::Z_STREAM_ERROR);
        }
        let mut d = ZStream::blank(self.dir());
        // SAFETY: `self`'s stream is live and of the same direction as
        // `d`'s, a fresh boxed z_stream the copy initialises.
        let r = unsafe {
            match (&mut d.raw, &mut self.raw) {
                (Raw::Deflate(dst), Raw::Deflate(src)) => z::deflateCopy(&mut **dst, &mut **src),
                (Raw::Inflate(dst), Raw::Inflate(src)) => {
                    // zlib-rs refuses to copy a stream whose `next_out` is
                    // null (as zlib-ng does); it never writes through it
                    // here, so a dangling pointer with no room stands in,
                    // cleared again in both streams after the copy.
                    src.set_io(
                        std::ptr::null(),
                        0,
                        std::ptr::NonNull::dangling().as_ptr(),
                        0,
                    );
                    let r = zr::inflateCopy(&mut **dst, &**src);
                    src.take_io();
                    if r == z::Z_OK {
                        dst.take_io();
                    }
                    r
                }
                _ => unreachable!("a copy has its source's direction"),
            }
        };
        if r != z::Z_OK {
            return Err(r);
        }
        d.live = true;
        d.header = self.header;
        Ok(d)
    }

    /// `deflateSetDictionary` / `inflateSetDictionary`.
    fn set_dictionary(&mut self, dict: &[u8]) -> c_int {
        if !self.live {
            return z::Z_STREAM_ERROR;
        }
        let Ok(n) = z::uInt::try_from(dict.len()) else {
            return z::Z_STREAM_ERROR;
        };
        // SAFETY: a live stream; zlib reads `n` bytes of `dict` during the
        // call only.
        unsafe {
            match &mut self.raw {
                Raw::Deflate(s) => z::deflateSetDictionary(&mut **s, dict.as_ptr(), n),
                Raw::Inflate(s) => zr::inflateSetDictionary(&mut **s, dict.as_ptr(), n),
            }
        }
    }

    /// One `deflate`/`inflate` call with `flush`, reading from `input`
    /// (at most 4 GiB of it) and appending at most `room` bytes to `out`.
    /// A stream that is not live answers `Z_STREAM_ERROR`, as zlib does.
    fn step(&mut self, input: &[u8], out: &mut Vec<u8>, room: usize, flush: c_int) -> Step {
        if !self.live {
            return Step {
                ret: z::Z_STREAM_ERROR,
                used: 0,
                room_left: true,
            };
        }
        self.guard_header(input);
        let avail_in = input.len().min(z::uInt::MAX as usize);
        let room = room.min(z::uInt::MAX as usize);
        let start = out.len();
        // Room for zlib to write into, not zeroed first: on a 100 MB result
        // the zeroing was a whole extra pass over fresh memory. Room that
        // cannot be had is zlib's own out-of-memory answer.
        if out.try_reserve(room).is_err() {
            return Step {
                ret: z::Z_MEM_ERROR,
                used: 0,
                room_left: true,
            };
        }
        let next_out = out.spare_capacity_mut().as_mut_ptr().cast::<u8>();
        let (ret, (in_left, out_left)) = match &mut self.raw {
            Raw::Deflate(s) => {
                s.set_io(input.as_ptr(), avail_in as u32, next_out, room as u32);
                // SAFETY: a live stream whose in/out pointers cover exactly
                // `avail_in` readable and `room` writable bytes, alive for
                // the call.
                let ret = unsafe { z::deflate(&mut **s, flush) };
                (ret, s.take_io())
            }
            Raw::Inflate(s) => {
                s.set_io(input.as_ptr(), avail_in as u32, next_out, room as u32);
                // SAFETY: as for deflate above.
                let ret = unsafe { zr::inflate(&mut **s, flush) };
                (ret, s.take_io())
            }
        };
        let used = avail_in - in_left as usize;
        let made = room - out_left as usize;
        // SAFETY: `reserve` gave at least `room` bytes of capacity after
        // `start`, and zlib wrote the first `made` of them (`made <= room`:
        // it never writes past `avail_out`).
        unsafe { out.set_len(start + made) };
        Step {
            ret,
            used,
            room_left: out_left != 0,
        }
    }

    /// `deflateEnd`/`inflateEnd` (once); zlib's return code.
    fn end(&mut self) -> c_int {
        if !self.live {
            return z::Z_OK;
        }
        self.live = false;
        // SAFETY: a live stream, ended exactly once.
        unsafe {
            match &mut self.raw {
                Raw::Deflate(s) => z::deflateEnd(&mut **s),
                Raw::Inflate(s) => zr::inflateEnd(&mut **s),
            }
        }
    }

    /// zlib's message for the last error (`strm.msg`), if any.
    fn msg(&self) -> Option<String> {
        let p = match &self.raw {
            Raw::Deflate(s) => s.msg(),
            Raw::Inflate(s) => s.msg(),
        };
        if p.is_null() {
            return None;
        }
        // SAFETY: both libraries set `msg` only to NUL-terminated static
        // strings.
        Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    }
}

impl Drop for ZStream {
    fn drop(&mut self) {
        self.end();
    }
}

/// zlib's `crc32` or `adler32` of `data` continuing from `value` (the same
/// values; SIMD implementations, about three times the system zlib's speed).
fn checksum(value: u32, data: &[u8], crc: bool) -> u32 {
    if crc {
        let mut h = crc32fast::Hasher::new_with_initial(value);
        h.update(data);
        h.finalize()
    } else {
        let mut h = simd_adler32::Adler32::from_checksum(value);
        h.write(data);
        h.finish()
    }
}

/// zlib's version string.
fn zlib_version() -> String {
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(z::zlibVersion()) }
        .to_string_lossy()
        .into_owned()
}

// ------------------------------------------------------------------ errors

/// Module state slots.
const STATE_ERROR: usize = 0;
const STATE_COMPRESS: usize = 1;
const STATE_DECOMPRESS: usize = 2;

fn zlib_error_cls(vm: &mut Vm, msg: &str) -> PyException {
    match super::_struct::module_state(vm, "zlib", STATE_ERROR) {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

/// CPython's `zlib_error`: "Error {err} {what}: {zlib's message}".
fn zlib_error(vm: &mut Vm, zmsg: Option<String>, err: c_int, what: &str) -> PyException {
    let zmsg = if err == z::Z_VERSION_ERROR {
        Some("library version mismatch".to_string())
    } else {
        zmsg.or_else(|| {
            match err {
                z::Z_BUF_ERROR => Some("incomplete or truncated stream"),
                z::Z_STREAM_ERROR => Some("inconsistent stream state"),
                z::Z_DATA_ERROR => Some("invalid input data"),
                _ => None,
            }
            .map(str::to_string)
        })
    };
    let msg = match zmsg {
        Some(m) => format!("Error {err} {what}: {:.200}", m),
        None => format!("Error {err} {what}"),
    };
    zlib_error_cls(vm, &msg)
}

fn memory_error(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.MemoryError, msg)
}

fn value_error(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.ValueError, msg)
}

// ------------------------------------------------------------------ arguments

/// The contents of a bytes-like object: a `bytes`, or a contiguous memoryview
/// of one, borrowed in place; anything else (bytearray, other memoryviews,
/// array, mmap) copied as `types::bytes::buf` gives it. Borrowing is sound
/// because a `bytes` never changes and the heap
/// never moves objects; the argument stays rooted for the whole native call
/// that reads the slice. (Copying 100 MB before hashing or compressing it costs
/// more than the work on a machine where fresh pages are slow.)
pub(crate) fn bytes_like(v: Value) -> Option<Cow<'static, [u8]>> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::BYTES => Some(Cow::Borrowed(str_bytes(v))),
        _ => match crate::types::memoryview::view_of_bytes(v) {
            Some(b) => Some(Cow::Borrowed(b)),
            None => crate::types::bytes::buf(v).map(Cow::Owned),
        },
    }
}

/// A `Py_buffer` argument: the bytes of a bytes-like object.
pub(crate) fn buffer(vm: &mut Vm, v: Value) -> PyResult<Cow<'static, [u8]>> {
    if !is_str(v) {
        // A released view first, then a non-contiguous one (PyBUF_SIMPLE).
        crate::types::memoryview::check_released(vm, v)?;
        crate::types::memoryview::require_c_contiguous(vm, v)?;
        if let Some(b) = bytes_like(v) {
            return Ok(b);
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
}

/// A clinic `int` argument with a default.
fn int_arg(vm: &mut Vm, v: Option<Value>, dflt: i64) -> PyResult<c_int> {
    match v {
        None => Ok(dflt as c_int),
        Some(v) => Ok(crate::args::py_long_as_int(vm, v)? as c_int),
    }
}

/// A clinic `Py_ssize_t` argument with a default.
fn ssize_arg(vm: &mut Vm, v: Option<Value>, dflt: i64) -> PyResult<i64> {
    match v {
        None => Ok(dflt),
        Some(v) => crate::args::py_ssize_t(vm, v),
    }
}

/// Sizes of the output blocks after the first, as CPython's blocks output
/// buffer grows: block `k` (counting the first as 0) is `GROWTH[k]`, the last
/// size repeating. Equal sizes matter beyond speed: with a window smaller than
/// the stream's distances (`wbits` 8 or 9 on data deflated with a larger one),
/// zlib resolves a far distance from the output of the same call, so whether a
/// stream decompresses depends on how much room each call gets.
const GROWTH: [usize; 17] = [
    32 << 10,
    64 << 10,
    256 << 10,
    1 << 20,
    4 << 20,
    8 << 20,
    16 << 20,
    16 << 20,
    32 << 20,
    32 << 20,
    32 << 20,
    32 << 20,
    64 << 20,
    64 << 20,
    128 << 20,
    128 << 20,
    MAX_BLOCK,
];

/// Size of the next output block: the first is `first`, then `GROWTH[k]` for
/// the `k`-th (every block before the next is full when it is asked for, so
/// `out_len` says which one comes), never past `limit`.
fn next_block(out_len: usize, first: usize, limit: usize) -> usize {
    let want = if out_len == 0 {
        first.max(1)
    } else {
        let mut rest = out_len.saturating_sub(first);
        let mut k = 1;
        while k < GROWTH.len() - 1 && rest >= GROWTH[k] {
            rest -= GROWTH[k];
            k += 1;
        }
        GROWTH[k]
    };
    want.min(limit - out_len)
}

// ------------------------------------------------------------------ functions

/// `compress(data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS)`.
fn m_compress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, level, wbits] =
        clinic::unpack(vm, "compress", a, k, ["data", "level", "wbits"], 1, 1, 3)?;
    let data = buffer(vm, data.unwrap_or(Value::NONE))?;
    let level = int_arg(vm, level, Z_DEFAULT_COMPRESSION)?;
    let wbits = int_arg(vm, wbits, MAX_WBITS)?;
    let mut zs = match ZStream::deflate_init(
        level,
        DEFLATED as c_int,
        wbits,
        DEF_MEM_LEVEL as c_int,
        Z_DEFAULT_STRATEGY as c_int,
    ) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => {
            return Err(memory_error(vm, "Out of memory while compressing data"))
        }
        Err(z::Z_STREAM_ERROR) => return Err(zlib_error_cls(vm, "Bad compression level")),
        Err(e) => return Err(zlib_error(vm, None, e, "while compressing data")),
    };
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let room = next_block(out.len(), 32 * 1024, usize::MAX);
        let st = zs.step(&data[pos..], &mut out, room, z::Z_FINISH);
        pos += st.used;
        if st.ret == z::Z_STREAM_ERROR {
            let m = zs.msg();
            return Err(zlib_error(vm, m, st.ret, "while compressing data"));
        }
        if st.ret == z::Z_STREAM_END {
            break;
        }
    }
    let r = zs.end();
    if r != z::Z_OK {
        let m = zs.msg();
        return Err(zlib_error(vm, m, r, "while finishing compression"));
    }
    Ok(vm.new_bytes(&out))
}

/// `decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE)`.
fn m_decompress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, wbits, bufsize] = clinic::unpack(
        vm,
        "decompress",
        a,
        k,
        ["data", "wbits", "bufsize"],
        1,
        1,
        3,
    )?;
    let data = buffer(vm, data.unwrap_or(Value::NONE))?;
    let wbits = int_arg(vm, wbits, MAX_WBITS)?;
    let bufsize = ssize_arg(vm, bufsize, DEF_BUF_SIZE)?;
    if bufsize < 0 {
        return Err(value_error(vm, "bufsize must be non-negative"));
    }
    let bufsize = (bufsize as usize).max(1);
    // CPython allocates the first `bufsize` bytes of output at once.
    let mut out = Vec::new();
    if out.try_reserve(bufsize).is_err() {
        return Err(memory_error(vm, "Unable to allocate output buffer."));
    }
    let mut zs = match ZStream::inflate_init(wbits) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => {
            return Err(memory_error(vm, "Out of memory while decompressing data"))
        }
        Err(e) => {
            return Err(zlib_error(
                vm,
                None,
                e,
                "while preparing to decompress data",
            ))
        }
    };
    let mut pos = 0;
    let mut ret;
    loop {
        let chunk_end = data.len().min(pos + z::uInt::MAX as usize);
        let flush = if chunk_end == data.len() {
            z::Z_FINISH
        } else {
            z::Z_NO_FLUSH
        };
        loop {
            let room = next_block(out.len(), bufsize, usize::MAX);
            let st = zs.step(&data[pos..chunk_end], &mut out, room, flush);
            pos += st.used;
            ret = st.ret;
            match ret {
                z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                z::Z_MEM_ERROR => {
                    return Err(memory_error(vm, "Out of memory while decompressing data"))
                }
                _ => {
                    let m = zs.msg();
                    return Err(zlib_error(vm, m, ret, "while decompressing data"));
                }
            }
            if st.room_left {
                break;
            }
        }
        if ret == z::Z_STREAM_END || pos >= data.len() {
            break;
        }
    }
    if ret != z::Z_STREAM_END {
        let m = zs.msg();
        return Err(zlib_error(vm, m, ret, "while decompressing data"));
    }
    let r = zs.end();
    if r != z::Z_OK {
        let m = zs.msg();
        return Err(zlib_error(vm, m, r, "while finishing decompression"));
    }
    Ok(vm.new_bytes(&out))
}

/// The `value` argument of the checksums (`unsigned_int(bitwise=True)`:
/// any int, taken modulo 2**32).
fn start_value(vm: &mut Vm, v: Option<Value>, dflt: u32) -> PyResult<u32> {
    let Some(v) = v else {
        return Ok(dflt);
    };
    let i = vm.index(v)?;
    let n = vm.as_bigint(i).unwrap_or_default();
    let m = num_bigint::BigInt::from(1u64 << 32);
    let r = ((n % &m) + &m) % &m;
    Ok(u32::try_from(&r).unwrap_or(0))
}

fn checksum_fn(vm: &mut Vm, a: &[Value], k: Value, name: &str, crc: bool) -> PyResult<Value> {
    clinic::positional(vm, name, name, a, k, 1, 2)?;
    let data = buffer(vm, a[0])?;
    let start = start_value(vm, a.get(1).copied(), if crc { 0 } else { 1 })?;
    Ok(Value::int(i64::from(checksum(start, &data, crc))))
}

/// `adler32(data, value=1, /)`.
fn m_adler32(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    checksum_fn(vm, a, k, "adler32", false)
}

/// `crc32(data, value=0, /)`.
fn m_crc32(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    checksum_fn(vm, a, k, "crc32", true)
}

// ------------------------------------------------------------------ Compress

/// Payload of a `zlib.Compress` object.
struct CompState {
    z: Mutex<Box<ZStream>>,
}

impl Trace for CompState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}

    fn external_bytes(&self) -> usize {
        // deflate's window, hash chains and pending buffer at the default
        // memLevel.
        256 * 1024
    }
}

fn comp_state(vm: &mut Vm, v: Value, m: &str) -> PyResult<&'static CompState> {
    match Obj::from_value(v).and_then(native_ref::<CompState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'zlib.Compress' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn new_comp(vm: &mut Vm, zs: ZStream) -> PyResult<Value> {
    let cls = super::_struct::module_state(vm, "zlib", STATE_COMPRESS)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        CompState {
            z: Mutex::new(Box::new(zs)),
        },
    ))
}

/// `compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS,
/// memLevel=DEF_MEM_LEVEL, strategy=Z_DEFAULT_STRATEGY, zdict=None)`.
fn m_compressobj(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [level, method, wbits, mem, strategy, zdict] = clinic::unpack(
        vm,
        "compressobj",
        a,
        k,
        ["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
        0,
        6,
    )?;
    let level = int_arg(vm, level, Z_DEFAULT_COMPRESSION)?;
    let method = int_arg(vm, method, DEFLATED)?;
    let wbits = int_arg(vm, wbits, MAX_WBITS)?;
    let mem = int_arg(vm, mem, DEF_MEM_LEVEL)?;
    let strategy = int_arg(vm, strategy, Z_DEFAULT_STRATEGY)?;
    let zdict = match zdict {
        Some(d) if !d.is_none() => Some(buffer(vm, d)?),
        _ => None,
    };
    if zdict.as_ref().is_some_and(|d| d.len() > u32::MAX as usize) {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "zdict length does not fit in an unsigned int",
        ));
    }
    let mut zs = match ZStream::deflate_init(level, method, wbits, mem, strategy) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => {
            return Err(memory_error(
                vm,
                "Can't allocate memory for compression object",
            ))
        }
        Err(z::Z_STREAM_ERROR) => return Err(value_error(vm, "Invalid initialization option")),
        Err(e) => return Err(zlib_error(vm, None, e, "while creating compression object")),
    };
    if let Some(d) = zdict {
        if zs.set_dictionary(&d) != z::Z_OK {
            return Err(value_error(vm, "Invalid dictionary"));
        }
    }
    new_comp(vm, zs)
}

/// `Compress.compress(data, /)`.
fn c_compress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "compress")?;
    clinic::method_positional(vm, "compress", "compress", a, k, 1, 1)?;
    let data = buffer(vm, a[1])?;
    let mut out = Vec::new();
    let mut pos = 0;
    let mut zs = sync::lock(&s.z);
    loop {
        let room = next_block(out.len(), 32 * 1024, usize::MAX);
        let st = zs.step(&data[pos..], &mut out, room, z::Z_NO_FLUSH);
        pos += st.used;
        if st.ret == z::Z_STREAM_ERROR {
            let m = zs.msg();
            drop(zs);
            return Err(zlib_error(vm, m, st.ret, "while compressing data"));
        }
        if st.room_left && pos >= data.len() {
            break;
        }
    }
    drop(zs);
    Ok(vm.new_bytes(&out))
}

/// `Compress.flush(mode=Z_FINISH, /)`.
fn c_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "flush")?;
    clinic::method_positional(vm, "flush", "flush", a, k, 0, 1)?;
    let mode = int_arg(vm, a.get(1).copied(), i64::from(z::Z_FINISH))?;
    if mode == z::Z_NO_FLUSH {
        return Ok(vm.new_bytes(b""));
    }
    let mut out = Vec::new();
    let mut zs = sync::lock(&s.z);
    let mut ret;
    loop {
        let room = next_block(out.len(), DEF_BUF_SIZE as usize, usize::MAX);
        let st = zs.step(&[], &mut out, room, mode);
        ret = st.ret;
        if ret == z::Z_STREAM_ERROR {
            let m = zs.msg();
            drop(zs);
            return Err(zlib_error(vm, m, ret, "while flushing"));
        }
        if st.room_left {
            break;
        }
    }
    if mode == z::Z_FINISH && ret == z::Z_STREAM_END {
        let r = zs.end();
        if r != z::Z_OK {
            let m = zs.msg();
            drop(zs);
            return Err(zlib_error(vm, m, r, "while finishing compression"));
        }
    } else if ret != z::Z_OK && ret != z::Z_BUF_ERROR {
        let m = zs.msg();
        drop(zs);
        return Err(zlib_error(vm, m, ret, "while flushing"));
    }
    drop(zs);
    Ok(vm.new_bytes(&out))
}

/// `Compress.copy()` (and `__copy__`, `__deepcopy__(memo)`).
fn c_copy_impl(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let s = comp_state(vm, a[0], "copy")?;
    let r = sync::lock(&s.z).copy();
    match r {
        Ok(zs) => new_comp(vm, zs),
        Err(z::Z_STREAM_ERROR) => Err(value_error(vm, "Inconsistent stream state")),
        Err(z::Z_MEM_ERROR) => Err(memory_error(
            vm,
            "Can't allocate memory for compression object",
        )),
        Err(e) => Err(zlib_error(vm, None, e, "while copying compression object")),
    }
}

fn c_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comp_state(vm, a[0], "copy")?;
    clinic::method_positional(vm, "copy", "copy", a, k, 0, 0)?;
    c_copy_impl(vm, a)
}

fn c_deepcopy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comp_state(vm, a[0], "__deepcopy__")?;
    clinic::method_positional(vm, "__deepcopy__", "__deepcopy__", a, k, 1, 1)?;
    c_copy_impl(vm, a)
}

fn c_shallowcopy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comp_state(vm, a[0], "__copy__")?;
    clinic::method_positional(vm, "__copy__", "__copy__", a, k, 0, 0)?;
    c_copy_impl(vm, a)
}

// ------------------------------------------------------------------ Decompress

/// The state of a `zlib.Decompress` object. `ended` is CPython's cleared
/// `is_initialised` after a flush reached the end of the stream.
struct Decomp {
    z: ZStream,
    unused_data: Vec<u8>,
    unconsumed_tail: Vec<u8>,
    eof: bool,
    zdict: Option<Vec<u8>>,
    /// `decompress` reached the end of the stream and ended it, giving its
    /// memory back at once rather than when a collection frees the object
    /// (a reader of many short streams, git's packs, makes one object per
    /// stream). The stream still answers as zlib's finished one would:
    /// nothing more is consumed (`Decomp::run`), and `copy` copies it.
    finished: bool,
}

/// What a decompressor holds outside the heap: inflate's state and a
/// 32 KiB window.
const DECOMP_EXTERNAL: usize = 48 * 1024;

struct DecompState {
    d: Mutex<Box<Decomp>>,
}

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
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'zlib.Decompress' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn new_decomp(vm: &mut Vm, d: Decomp) -> PyResult<Value> {
    let cls = super::_struct::module_state(vm, "zlib", STATE_DECOMPRESS)?;
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        DecompState {
            d: Mutex::new(Box::new(d)),
        },
    ))
}

/// `decompressobj(wbits=MAX_WBITS, zdict=b'')`.
fn m_decompressobj(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [wbits, zdict] = clinic::unpack(vm, "decompressobj", a, k, ["wbits", "zdict"], 0, 0, 2)?;
    let wbits = int_arg(vm, wbits, MAX_WBITS)?;
    let zdict = match zdict {
        None => None,
        Some(d) => match crate::types::bytes::buf(d) {
            Some(b) if !is_str(d) => Some(b),
            _ => {
                return Err(vm.type_error("zdict argument must support the buffer protocol"));
            }
        },
    };
    let zs = match ZStream::inflate_init(wbits) {
        Ok(s) => s,
        Err(z::Z_STREAM_ERROR) => return Err(value_error(vm, "Invalid initialization option")),
        Err(z::Z_MEM_ERROR) => {
            return Err(memory_error(
                vm,
                "Can't allocate memory for decompression object",
            ))
        }
        Err(e) => {
            return Err(zlib_error(
                vm,
                None,
                e,
                "while creating decompression object",
            ))
        }
    };
    let mut d = Decomp {
        z: zs,
        unused_data: Vec::new(),
        unconsumed_tail: Vec::new(),
        eof: false,
        zdict,
        finished: false,
    };
    // A raw stream asks for no dictionary: it is set at once.
    if wbits < 0 {
        if let Some(dict) = d.zdict.clone() {
            let r = d.z.set_dictionary(&dict);
            if r != z::Z_OK {
                let m = d.z.msg();
                return Err(zlib_error(vm, m, r, "while setting zdict"));
            }
        }
    }
    new_decomp(vm, d)
}

/// What ended a decompression loop: zlib's last code, or an error to raise
/// after the unconsumed input is saved.
enum LoopEnd {
    Code(c_int),
    SetDict(c_int, Option<String>),
}

impl Decomp {
    /// The inner loops of CPython's `decompress`/`flush`: feeds `data` with
    /// `flush` (Z_FINISH once the input is all given, for `flush`), writing
    /// at most `limit` bytes to `out`; returns the end and the input used.
    fn run(
        &mut self,
        data: &[u8],
        out: &mut Vec<u8>,
        first: usize,
        limit: usize,
        finish: bool,
    ) -> (LoopEnd, usize) {
        // zlib's answer for a stream past its end: nothing consumed, none
        // written.
        if self.finished {
            return (LoopEnd::Code(z::Z_STREAM_END), 0);
        }
        let mut pos = 0;
        let mut ret = z::Z_OK;
        loop {
            let chunk_end = data.len().min(pos + z::uInt::MAX as usize);
            let flush = if !finish {
                z::Z_SYNC_FLUSH
            } else if chunk_end == data.len() {
                z::Z_FINISH
            } else {
                z::Z_NO_FLUSH
            };
            loop {
                if out.len() >= limit {
                    return (LoopEnd::Code(ret), pos);
                }
                let room = next_block(out.len(), first, limit);
                let st = self.z.step(&data[pos..chunk_end], out, room, flush);
                pos += st.used;
                ret = st.ret;
                if ret == z::Z_NEED_DICT {
                    if let Some(dict) = self.zdict.clone() {
                        let r = self.z.set_dictionary(&dict);
                        if r != z::Z_OK {
                            return (LoopEnd::SetDict(r, self.z.msg()), pos);
                        }
                        continue;
                    }
                }
                match ret {
                    z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                    _ => return (LoopEnd::Code(ret), pos),
                }
                if st.room_left {
                    break;
                }
            }
            if ret == z::Z_STREAM_END || pos >= data.len() {
                return (LoopEnd::Code(ret), pos);
            }
        }
    }

    /// CPython's `save_unconsumed_input`.
    fn save_unconsumed(&mut self, data: &[u8], pos: usize, ret: c_int) {
        let mut rest = &data[pos..];
        if ret == z::Z_STREAM_END {
            self.unused_data.extend_from_slice(rest);
            rest = &[];
        }
        if !rest.is_empty() || !self.unconsumed_tail.is_empty() {
            self.unconsumed_tail = rest.to_vec();
        }
    }
}

/// `Decompress.decompress(data, /, max_length=0)`.
fn d_decompress(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "decompress")?;
    let [data, max_length] =
        clinic::unpack(vm, "decompress", &a[1..], k, ["", "max_length"], 1, 1, 2)?;
    let data = buffer(vm, data.unwrap_or(Value::NONE))?;
    let max_length = ssize_arg(vm, max_length, 0)?;
    if max_length < 0 {
        return Err(value_error(vm, "max_length must be non-negative"));
    }
    let limit = if max_length == 0 {
        usize::MAX
    } else {
        max_length as usize
    };
    let mut out = Vec::new();
    let mut d = sync::lock(&s.d);
    // CPython's first block here is its growth table's first size (32 KiB),
    // not `DEF_BUF_SIZE` (that is `zlib.decompress`'s and `flush`'s default).
    let (end, pos) = d.run(&data, &mut out, GROWTH[0], limit, false);
    let mut released = false;
    let err = match end {
        LoopEnd::Code(ret) => {
            d.save_unconsumed(&data, pos, ret);
            if ret == z::Z_STREAM_END {
                d.eof = true;
                if !d.finished && d.z.end() == z::Z_OK {
                    d.finished = true;
                    released = true;
                }
                None
            } else if ret != z::Z_OK && ret != z::Z_BUF_ERROR {
                Some((d.z.msg(), ret, "while decompressing data"))
            } else {
                None
            }
        }
        LoopEnd::SetDict(r, m) => Some((m, r, "while setting zdict")),
    };
    drop(d);
    if released {
        vm.ctx.release_external(a[0], DECOMP_EXTERNAL);
    }
    if let Some((m, r, what)) = err {
        return Err(zlib_error(vm, m, r, what));
    }
    Ok(vm.new_bytes(&out))
}

/// `Decompress.flush(length=DEF_BUF_SIZE, /)`.
fn d_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "flush")?;
    clinic::method_positional(vm, "flush", "flush", a, k, 0, 1)?;
    let length = ssize_arg(vm, a.get(1).copied(), DEF_BUF_SIZE)?;
    if length <= 0 {
        return Err(value_error(vm, "length must be greater than zero"));
    }
    let mut out = Vec::new();
    let mut d = sync::lock(&s.d);
    let data = std::mem::take(&mut d.unconsumed_tail);
    let (end, pos) = d.run(&data, &mut out, length as usize, usize::MAX, true);
    let err = match end {
        LoopEnd::Code(ret) => {
            // `run` took the tail out; put back what it did not consume.
            d.unconsumed_tail = data.clone();
            d.save_unconsumed(&data, pos, ret);
            if ret == z::Z_STREAM_END {
                d.eof = true;
                // Ended for good: from here on a copy is refused and a
                // decompression fails, as CPython's uninitialised stream.
                d.finished = false;
                let r = d.z.end();
                if r != z::Z_OK {
                    Some((d.z.msg(), r, "while finishing decompression"))
                } else {
                    None
                }
            } else {
                None
            }
        }
        LoopEnd::SetDict(r, m) => {
            d.unconsumed_tail = data;
            Some((m, r, "while setting zdict"))
        }
    };
    drop(d);
    if let Some((m, r, what)) = err {
        return Err(zlib_error(vm, m, r, what));
    }
    Ok(vm.new_bytes(&out))
}

/// `Decompress.copy()` (and `__copy__`, `__deepcopy__(memo)`).
fn d_copy_impl(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "copy")?;
    let r = {
        let mut d = sync::lock(&s.d);
        let z = if d.finished {
            Ok(ZStream::blank(Dir::Inflate))
        } else {
            d.z.copy()
        };
        z.map(|zs| Decomp {
            z: zs,
            unused_data: d.unused_data.clone(),
            unconsumed_tail: d.unconsumed_tail.clone(),
            eof: d.eof,
            zdict: d.zdict.clone(),
            finished: d.finished,
        })
    };
    match r {
        Ok(d) => {
            let finished = d.finished;
            let c = new_decomp(vm, d)?;
            if finished {
                vm.ctx.release_external(c, DECOMP_EXTERNAL);
            }
            Ok(c)
        }
        Err(z::Z_STREAM_ERROR) => Err(value_error(vm, "Inconsistent stream state")),
        Err(z::Z_MEM_ERROR) => Err(memory_error(
            vm,
            "Can't allocate memory for decompression object",
        )),
        Err(e) => Err(zlib_error(
            vm,
            None,
            e,
            "while copying decompression object",
        )),
    }
}

fn d_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    decomp_state(vm, a[0], "copy")?;
    clinic::method_positional(vm, "copy", "copy", a, k, 0, 0)?;
    d_copy_impl(vm, a)
}

fn d_deepcopy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    decomp_state(vm, a[0], "__deepcopy__")?;
    clinic::method_positional(vm, "__deepcopy__", "__deepcopy__", a, k, 1, 1)?;
    d_copy_impl(vm, a)
}

fn d_shallowcopy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    decomp_state(vm, a[0], "__copy__")?;
    clinic::method_positional(vm, "__copy__", "__copy__", a, k, 0, 0)?;
    d_copy_impl(vm, a)
}

fn p_unused_data(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "unused_data")?;
    let b = sync::lock(&s.d).unused_data.clone();
    Ok(vm.new_bytes(&b))
}

fn p_unconsumed_tail(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "unconsumed_tail")?;
    let b = sync::lock(&s.d).unconsumed_tail.clone();
    Ok(vm.new_bytes(&b))
}

fn p_eof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = decomp_state(vm, a[0], "eof")?;
    Ok(Value::bool(sync::lock(&s.d).eof))
}

// ------------------------------------------------------------------ module

fn no_new_comp(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'zlib.Compress' instances"))
}

fn no_new_decomp(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'zlib.Decompress' instances"))
}

/// A native type of the module (not subclassable, no instance dict).
fn object_type(vm: &mut Vm, name: &str, modname: Value, new: NativeFn) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", new, false);
    t
}

/// Creates the `zlib` module (state slots: error, Compress, Decompress).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "zlib", 3);
    let mark = vm.push_root(m);
    let modname = vm.new_str("zlib");
    vm.ctx.promote(modname);
    vm.push_root(modname);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    // class error(Exception), as PyErr_NewException makes it.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let key = vm.intern("__module__");
    vm.dict_set_str(ns, key, modname);
    let name = vm.new_str("error");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let err = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.set_module_attr(m, "error", err);
    super::_struct::set_module_state(vm, m, STATE_ERROR, err);

    let ct = object_type(vm, "Compress", modname, no_new_comp);
    let methods: &[(&'static str, NativeFn)] = &[
        ("compress", c_compress),
        ("flush", c_flush),
        ("copy", c_copy),
        ("__copy__", c_shallowcopy),
        ("__deepcopy__", c_deepcopy),
    ];
    for &(n, f) in methods {
        vm.add_method(ct, n, f);
    }
    super::_struct::set_module_state(vm, m, STATE_COMPRESS, ct);

    let dt = object_type(vm, "Decompress", modname, no_new_decomp);
    let methods: &[(&'static str, NativeFn)] = &[
        ("decompress", d_decompress),
        ("flush", d_flush),
        ("copy", d_copy),
        ("__copy__", d_shallowcopy),
        ("__deepcopy__", d_deepcopy),
    ];
    for &(n, f) in methods {
        vm.add_method(dt, n, f);
    }
    let props: &[(&'static str, NativeFn)] = &[
        ("unused_data", p_unused_data),
        ("unconsumed_tail", p_unconsumed_tail),
        ("eof", p_eof),
    ];
    for &(n, f) in props {
        // Read-only members, as CPython's: a store says "readonly attribute".
        let ro: NativeFn = crate::types::structseq::readonly;
        let p = vm.new_native_getset(dt, n, f, Some(ro));
        vm.add_attr(dt, n, p);
    }
    super::_struct::set_module_state(vm, m, STATE_DECOMPRESS, dt);

    vm.add_module_functions(
        m,
        &[
            ("adler32", m_adler32),
            ("compress", m_compress),
            ("compressobj", m_compressobj),
            ("crc32", m_crc32),
            ("decompress", m_decompress),
            ("decompressobj", m_decompressobj),
        ],
    );
    let consts: [(&str, i64); 20] = [
        ("MAX_WBITS", MAX_WBITS),
        ("DEFLATED", DEFLATED),
        ("DEF_MEM_LEVEL", DEF_MEM_LEVEL),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY),
        ("Z_NO_FLUSH", z::Z_NO_FLUSH as i64),
        ("Z_PARTIAL_FLUSH", z::Z_PARTIAL_FLUSH as i64),
        ("Z_SYNC_FLUSH", z::Z_SYNC_FLUSH as i64),
        ("Z_FULL_FLUSH", z::Z_FULL_FLUSH as i64),
        ("Z_FINISH", z::Z_FINISH as i64),
        ("Z_BLOCK", z::Z_BLOCK as i64),
        ("Z_TREES", z::Z_TREES as i64),
    ];
    for (n, v) in consts {
        vm.set_module_attr(m, n, Value::int(v));
    }
    let ver = zlib_version();
    let v = vm.new_str(&ver);
    vm.set_module_attr(m, "ZLIB_VERSION", v);
    let v = vm.new_str(&ver);
    vm.set_module_attr(m, "ZLIB_RUNTIME_VERSION", v);
    let v = vm.new_str("1.0");
    vm.set_module_attr(m, "__version__", v);
    vm.pop_roots(mark);
    Ok(m)
}
