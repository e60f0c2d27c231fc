//! `_io.TextIOWrapper` and `_io.IncrementalNewlineDecoder` (CPython's
//! `Modules/_io/textio.c`).
//!
//! The wrapper decodes natively: UTF-8 (incrementally: an incomplete
//! sequence at the end of a chunk waits for the next one), ASCII, Latin-1
//! and cp1252, with the error handlers of `bytes.decode`/`str.encode`.
//! Other text encodings go through the incremental encoder and decoder of
//! the codecs registry (CPython's way for every encoding), held in the
//! object's extra value slots. Text is held as code points; newline
//! decoding is [`NlDecoder`] (CPython's IncrementalNewlineDecoder logic).
//!
//! `tell()` returns CPython's opaque cookie (start position | decoder
//! flags << 64 | bytes to feed << 128 | chars to skip << 192 | need EOF
//! << 256), rebuilt as CPython does from a snapshot of the decoder state
//! taken before the last chunk was decoded; `seek(cookie)` restores it.
//! The buffer and the codec objects are the object's extra value slots;
//! everything else is in the payload's [`IoLock`], held for each whole
//! operation.

use super::*;
use crate::text::{decode_wtf8, encode_wtf8};
use num_bigint::BigInt;

const TEXT_DOC: &str = "Character and line based layer over a BufferedIOBase object, buffer.\n\n\
encoding gives the name of the encoding that the stream will be\n\
decoded or encoded with. It defaults to locale.getencoding().\n\n\
errors determines the strictness of encoding and decoding (see\n\
help(codecs.Codec) or the documentation for codecs.register) and\n\
defaults to \"strict\".\n\n\
newline controls how line endings are handled. It can be None, '',\n\
'\\n', '\\r', and '\\r\\n'.  It works as follows:\n\n\
* On input, if newline is None, universal newlines mode is\n  \
enabled. Lines in the input can end in '\\n', '\\r', or '\\r\\n', and\n  \
these are translated into '\\n' before being returned to the\n  \
caller. If it is '', universal newline mode is enabled, but line\n  \
endings are returned to the caller untranslated. If it has any of\n  \
the other legal values, input lines are only terminated by the given\n  \
string, and the line ending is returned to the caller untranslated.\n\n\
* On output, if newline is None, any '\\n' characters written are\n  \
translated to the system default line separator, os.linesep. If\n  \
newline is '' or '\\n', no translation takes place. If newline is any\n  \
of the other legal values, any '\\n' characters written are translated\n  \
to the given string.\n\n\
If line_buffering is True, a call to flush is implied when a call to\n\
write contains a newline character.";
const NLD_DOC: &str = "Codec used when reading a file in universal newlines mode.\n\n\
It wraps another incremental decoder, translating \\r\\n and \\r into \\n.\n\
It also records the types of newlines encountered.  When used with\n\
translate=False, it ensures that the newline sequence is returned in\n\
one piece. When used with decoder=None, it expects unicode strings as\n\
decode input and translates newlines without first invoking an external\n\
decoder.";

/// Extra value slots: the buffer, then the codec's incremental encoder
/// and decoder (None for the native codecs and for a stream that is not
/// writable / readable).
const NX: usize = 3;
const X_BUFFER: usize = 0;
const X_ENCODER: usize = 1;
const X_DECODER: usize = 2;
const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

// ------------------------------------------------------------------ newlines

/// CPython's IncrementalNewlineDecoder state and step.
#[derive(Clone)]
pub(crate) struct NlDecoder {
    pub translate: bool,
    pub pendingcr: bool,
    pub seennl: u8,
}

impl NlDecoder {
    pub(crate) fn new(translate: bool) -> NlDecoder {
        NlDecoder {
            translate,
            pendingcr: false,
            seennl: 0,
        }
    }

    /// Decodes `input` (already decoded text): holds back a final `\r`
    /// unless `final_`, records and (if translating) rewrites newlines.
    pub(crate) fn decode(&mut self, input: Vec<u32>, final_: bool) -> Vec<u32> {
        let mut out = input;
        if self.pendingcr && (!out.is_empty() || final_) {
            out.insert(0, 13);
            self.pendingcr = false;
        }
        if !final_ && out.last() == Some(&13) {
            out.pop();
            self.pendingcr = true;
        }
        let (mut cr, mut lf, mut crlf) = (false, false, false);
        let mut i = 0;
        while i < out.len() {
            match out[i] {
                10 => lf = true,
                13 => {
                    if out.get(i + 1) == Some(&10) {
                        crlf = true;
                        i += 1;
                    } else {
                        cr = true;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if lf {
            self.seennl |= SEEN_LF;
        }
        if cr {
            self.seennl |= SEEN_CR;
        }
        if crlf {
            self.seennl |= SEEN_CRLF;
        }
        if self.translate && (cr || crlf) {
            let mut o = Vec::with_capacity(out.len());
            let mut i = 0;
            while i < out.len() {
                if out[i] == 13 {
                    o.push(10);
                    if out.get(i + 1) == Some(&10) {
                        i += 1;
                    }
                } else {
                    o.push(out[i]);
                }
                i += 1;
            }
            out = o;
        }
        out
    }
}

/// The `newlines` value for the seen-newline bits.
pub(crate) fn newlines_value(vm: &mut Vm, seen: u8) -> Value {
    let parts: &[&str] = match seen {
        0 => return Value::NONE,
        1 => &["\n"],
        2 => &["\r"],
        3 => &["\r", "\n"],
        4 => &["\r\n"],
        5 => &["\n", "\r\n"],
        6 => &["\r", "\r\n"],
        _ => &["\r", "\n", "\r\n"],
    };
    if parts.len() == 1 {
        return vm.new_str(parts[0]);
    }
    let items: Vec<Value> = parts.iter().map(|p| vm.new_str(p)).collect();
    vm.new_tuple(&items)
}

/// The end (exclusive) of the first line of `text`: universal newlines
/// (`\n`, `\r`, `\r\n`) or exactly `readnl`.
pub(crate) fn find_line_ending(text: &[u32], universal: bool, readnl: &[u32]) -> Option<usize> {
    if universal || readnl.is_empty() {
        let i = text.iter().position(|&c| c == 10 || c == 13)?;
        if text[i] == 13 && text.get(i + 1) == Some(&10) {
            return Some(i + 2);
        }
        return Some(i + 1);
    }
    if readnl.len() == 1 {
        return text.iter().position(|&c| c == readnl[0]).map(|i| i + 1);
    }
    text.windows(readnl.len())
        .position(|w| w == readnl)
        .map(|i| i + readnl.len())
}

// ------------------------------------------------------------------ codec

/// How the wrapper encodes and decodes: natively (UTF-8, or a one-byte
/// codec through the str codecs), or through the incremental encoder and
/// decoder that `codecs` gives for the encoding (CPython's way for all).
#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Utf8,
    OneByte,
    Codec,
}

/// The length of an incomplete UTF-8 sequence ending `b` (held back).
fn utf8_incomplete_tail(b: &[u8]) -> usize {
    for back in 1..=3.min(b.len()) {
        let c = b[b.len() - back];
        if c & 0xC0 == 0x80 {
            continue;
        }
        let need = match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        return if back < need { back } else { 0 };
    }
    0
}

// ------------------------------------------------------------------ state

pub(crate) struct TextState {
    st: IoLock<Inner>,
}

impl proto_core::native::Trace for TextState {}

struct Inner {
    ok: bool,
    detached: bool,
    encoding: String,
    enc: Enc,
    errors: String,
    /// Newline decoding (universal modes), None otherwise.
    nl: Option<NlDecoder>,
    readuniversal: bool,
    readnl: Vec<u32>,
    writetranslate: bool,
    writenl: Option<Vec<u32>>,
    line_buffering: bool,
    write_through: bool,
    readable: bool,
    writable: bool,
    seekable: bool,
    telling: bool,
    has_read1: bool,
    chunk_size: usize,
    /// Decoded text of the last chunk and how much of it was consumed.
    decoded: Vec<u32>,
    decoded_pos: usize,
    /// Whether anything was decoded since the last write/seek (for
    /// `reconfigure`).
    decoded_any: bool,
    /// Undecoded bytes (an incomplete UTF-8 sequence).
    pending_in: Vec<u8>,
    /// (decoder flags, bytes fed) before the last chunk, for `tell`.
    snapshot: Option<(u64, Vec<u8>)>,
    /// Encoded text not yet given to the buffer.
    pending_out: Vec<u8>,
    /// Bytes per character of the last chunk (`tell`'s first guess).
    b2cratio: f64,
}

impl Inner {
    fn reset_decoder(&mut self) {
        self.pending_in.clear();
        if let Some(d) = self.nl.as_mut() {
            d.pendingcr = false;
            d.seennl = 0;
        }
    }

    fn set_decoder_state(&mut self, flags: u64) {
        self.pending_in.clear();
        if let Some(d) = self.nl.as_mut() {
            d.pendingcr = flags & 1 != 0;
        }
    }

    fn clear_decoded(&mut self) {
        self.decoded.clear();
        self.decoded_pos = 0;
    }
}

fn this_t(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static TextState> {
    this::<TextState>(vm, a, "TextIOWrapper", name)
}

/// Decodes `input` (after the pending bytes) with the stream's codec and
/// newline handling; `tv` is the wrapper (whose slot holds a codec's
/// decoder).
fn decode(vm: &mut Vm, g: &mut Inner, tv: Value, input: &[u8], final_: bool) -> PyResult<Vec<u32>> {
    let text = if g.enc == Enc::Codec {
        let dec = xget(tv, NX, X_DECODER);
        let b = vm.new_bytes(input);
        let mark = vm.push_root(b);
        let r = vm.call_method(dec, "decode", &[b, Value::bool(final_)]);
        vm.pop_roots(mark);
        let r = r?;
        if !is_str(r) {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!(
                "decoder should return a string result, not '{tn}'"
            )));
        }
        decode_wtf8(str_bytes(r))
    } else {
        let mut data = std::mem::take(&mut g.pending_in);
        data.extend_from_slice(input);
        if g.enc == Enc::Utf8 && !final_ {
            let keep = utf8_incomplete_tail(&data);
            g.pending_in = data.split_off(data.len() - keep);
        }
        if data.is_empty() {
            Vec::new()
        } else {
            let s = crate::types::bytes::decode(vm, &data, &g.encoding, &g.errors)?;
            decode_wtf8(str_bytes(s))
        }
    };
    Ok(match g.nl.as_mut() {
        Some(d) => d.decode(text, final_),
        None => text,
    })
}

/// Encodes the str `text` with the stream's codec.
fn encode_text(vm: &mut Vm, g: &mut Inner, tv: Value, text: Value) -> PyResult<Vec<u8>> {
    if g.enc == Enc::Codec {
        let enc = xget(tv, NX, X_ENCODER);
        let r = vm.call_method(enc, "encode", &[text])?;
        return match Obj::from_value(r) {
            Some(o) if o.kind() == Kind::BYTES => Ok(str_bytes(r).to_vec()),
            _ => {
                let tn = vm.type_name_of(r);
                Err(vm.type_error(&format!("encoder should return a bytes object, not '{tn}'")))
            }
        };
    }
    let enc = g.encoding.clone();
    let errors = g.errors.clone();
    let b = crate::types::bytes::encode(vm, text, &enc, &errors)?;
    Ok(str_bytes(b).to_vec())
}

/// The decoder's state as CPython's `decoder.getstate()`: the bytes it
/// holds back and its flags (the newline decoder's pending `\r` in bit 0
/// above the codec's own flags).
fn dec_state(vm: &mut Vm, g: &Inner, tv: Value) -> PyResult<(Vec<u8>, u64)> {
    let cr = g.nl.as_ref().map(|d| u64::from(d.pendingcr));
    if g.enc != Enc::Codec {
        return Ok((g.pending_in.clone(), cr.unwrap_or(0)));
    }
    let dec = xget(tv, NX, X_DECODER);
    let st = vm.call_method(dec, "getstate", &[])?;
    let Some(o) = Obj::from_value(st).filter(|o| o.kind() == Kind::TUPLE && o.n_values() == 2)
    else {
        return Err(vm.type_error("illegal decoder state"));
    };
    let mark = vm.push_root(st);
    let b = super::bytes_like(vm, o.get(0), "illegal decoder state: ");
    let f = b.and_then(|b| crate::args::c_long(vm, o.get(1)).map(|f| (b, f)));
    vm.pop_roots(mark);
    let (b, f) = f?;
    Ok(match cr {
        Some(c) => (b, ((f as u64) << 1) | c),
        None => (b, f as u64),
    })
}

/// `decoder.setstate((b"", flags))`.
fn dec_set(vm: &mut Vm, g: &mut Inner, tv: Value, flags: u64) -> PyResult<()> {
    g.set_decoder_state(flags);
    if g.enc != Enc::Codec {
        return Ok(());
    }
    let f = if g.nl.is_some() { flags >> 1 } else { flags };
    let dec = xget(tv, NX, X_DECODER);
    if dec.is_none() {
        // Not readable: no decoder to restore.
        return Ok(());
    }
    let e = vm.new_bytes(&[]);
    let mark = vm.push_root(e);
    let fv = vm.new_int(f as i64);
    let t = vm.new_tuple(&[e, fv]);
    vm.pop_roots(mark);
    vm.call_method(dec, "setstate", &[t])?;
    Ok(())
}

/// A codec encoder at the start of the stream is reset (it writes a BOM
/// again); elsewhere `setstate(0)` keeps it from writing one.
fn enc_reset(vm: &mut Vm, tv: Value, at_start: bool) -> PyResult<()> {
    let enc = xget(tv, NX, X_ENCODER);
    if enc.is_none() {
        return Ok(());
    }
    if at_start {
        vm.call_method(enc, "reset", &[])?;
    } else {
        vm.call_method(enc, "setstate", &[Value::int(0)])?;
    }
    Ok(())
}

/// A new codec encoder past the start of a seekable file writes no BOM
/// (CPython's `_textiowrapper_fix_encoder_state`).
fn fix_encoder_state(
    vm: &mut Vm,
    tv: Value,
    buffer: Value,
    enc: Enc,
    seekable_writable: bool,
) -> PyResult<()> {
    if enc == Enc::Codec && seekable_writable {
        let p = vm.call_method(buffer, "tell", &[])?;
        if vm.as_i64(p) != Some(0) {
            enc_reset(vm, tv, false)?;
        }
    }
    Ok(())
}

/// `decoder.reset()`.
fn dec_reset(vm: &mut Vm, g: &mut Inner, tv: Value) -> PyResult<()> {
    g.reset_decoder();
    if g.enc == Enc::Codec {
        let dec = xget(tv, NX, X_DECODER);
        if !dec.is_none() {
            vm.call_method(dec, "reset", &[])?;
        }
    }
    Ok(())
}

/// Gives the encoded pending text to the buffer.
fn write_flush(vm: &mut Vm, g: &mut Inner, buffer: Value) -> PyResult<()> {
    if g.pending_out.is_empty() {
        return Ok(());
    }
    // The standard streams and open() files: no bytes object, no lookup.
    // The pending bytes are dropped whatever the outcome (as CPython's
    // writeflush); the vector keeps its capacity for the next write.
    let fast = super::bufferedio::write_exact(vm, buffer, &g.pending_out)
        .or_else(|| super::fileio::write_exact(vm, buffer, &g.pending_out).map(|r| r.map(|_| ())));
    if let Some(r) = fast {
        g.pending_out.clear();
        if g.pending_out.capacity() > 1 << 20 {
            g.pending_out.shrink_to(1 << 16);
        }
        return r;
    }
    let data = std::mem::take(&mut g.pending_out);
    let b = vm.new_bytes(&data);
    let mark = vm.push_root(b);
    let r = vm.call_method(buffer, "write", &[b]);
    vm.pop_roots(mark);
    r?;
    Ok(())
}

/// Reads and decodes one chunk; false at EOF.
fn read_chunk(
    vm: &mut Vm,
    g: &mut Inner,
    tv: Value,
    buffer: Value,
    size_hint: usize,
) -> PyResult<bool> {
    write_flush(vm, g, buffer)?;
    let snap = if g.telling {
        let (b, f) = dec_state(vm, g, tv)?;
        Some((f, b))
    } else {
        None
    };
    let size = g.chunk_size.max(size_hint);
    let meth = if g.has_read1 { "read1" } else { "read" };
    let chunk = vm.call_method(buffer, meth, &[Value::int(size as i64)])?;
    let input = match crate::types::bytes::buf(chunk) {
        Some(b) if !is_str(chunk) => b,
        _ => {
            let tn = vm.type_name_of(chunk);
            return Err(vm.type_error(&format!(
                "underlying {meth}() should have returned a bytes-like object, not '{tn}'"
            )));
        }
    };
    let eof = input.is_empty();
    let text = decode(vm, g, tv, &input, eof)?;
    g.b2cratio = if text.is_empty() {
        0.0
    } else {
        input.len() as f64 / text.len() as f64
    };
    g.decoded = text;
    g.decoded_pos = 0;
    g.decoded_any = true;
    if let Some((flags, mut fed)) = snap {
        fed.extend_from_slice(&input);
        g.snapshot = Some((flags, fed));
    }
    Ok(!eof)
}

fn text_value(vm: &mut Vm, cps: &[u32]) -> Value {
    let b = encode_wtf8(cps);
    vm.new_str_bytes(&b)
}

// ------------------------------------------------------------------ init

fn t_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alloc(
        vm,
        a,
        "TextIOWrapper",
        NX,
        TextState {
            st: IoLock::new(Inner {
                ok: false,
                detached: false,
                encoding: String::new(),
                enc: Enc::Utf8,
                errors: "strict".into(),
                nl: None,
                readuniversal: true,
                readnl: Vec::new(),
                writetranslate: true,
                writenl: None,
                line_buffering: false,
                write_through: false,
                readable: false,
                writable: false,
                seekable: false,
                telling: false,
                has_read1: false,
                chunk_size: 8192,
                decoded: Vec::new(),
                decoded_pos: 0,
                decoded_any: false,
                pending_in: Vec::new(),
                snapshot: None,
                pending_out: Vec::new(),
                b2cratio: 0.0,
            }),
        },
    )
}

/// An optional str argument of `fname` (None when absent or None).
fn str_arg(vm: &mut Vm, v: Option<Value>, fname: &str, what: &str) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(x) if x.is_none() => Ok(None),
        Some(x) if is_str(x) => {
            let s = str_of(x).into_owned();
            if s.contains('\0') {
                return Err(vm.value_error("embedded null character"));
            }
            Ok(Some(s))
        }
        Some(x) => {
            let tn = vm.arg_type_name(x);
            Err(vm.type_error(&format!(
                "{fname}() argument '{what}' must be str or None, not {tn}"
            )))
        }
    }
}

/// Resolves an encoding name: None is "utf-8" in the UTF-8 mode, else the
/// locale's encoding, which "locale" always is; UTF-8, ASCII,
/// Latin-1 and cp1252 are native; any other must be a text encoding of
/// the `codecs` registry (LookupError otherwise, as CPython's
/// `_PyCodec_LookupTextEncoding`).
fn resolve_encoding(vm: &mut Vm, name: Option<String>) -> PyResult<(String, Enc)> {
    let name = match name {
        None if crate::modules::sys::utf8_mode() => return Ok(("utf-8".into(), Enc::Utf8)),
        None => crate::modules::_locale::locale_encoding(),
        Some(n) if n == "locale" => crate::modules::_locale::locale_encoding(),
        Some(n) => n,
    };
    use crate::text::codecs::Codec;
    match Codec::lookup(&name) {
        Some(Codec::Utf8) => Ok((name, Enc::Utf8)),
        Some(Codec::Ascii | Codec::Latin1 | Codec::Cp1252) => Ok((name, Enc::OneByte)),
        _ => {
            codec_info(vm, &name)?;
            Ok((name, Enc::Codec))
        }
    }
}

/// `codecs.lookup(name)`, refusing codecs that are not text encodings.
fn codec_info(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let info = crate::modules::_codecs::lookup_codec(vm, name)?;
    let mark = vm.push_root(info);
    let r = (|| -> PyResult<Value> {
        let n = vm.intern("_is_text_encoding");
        if let Some(t) = vm.getattr_opt(info, n)? {
            if !vm.truthy(t)? {
                return Err(vm.exc_by_name(
                    "LookupError",
                    &format!(
                        "'{name}' is not a text encoding; use codecs.open() to handle arbitrary codecs"
                    ),
                ));
            }
        }
        Ok(info)
    })();
    vm.pop_roots(mark);
    r
}

/// Installs the incremental encoder (when writable) and decoder (when
/// readable) of codec `name` with `errors` in the wrapper's slots; None
/// in both for a native codec.
fn set_codec(
    vm: &mut Vm,
    tv: Value,
    enc: Enc,
    name: &str,
    errors: &str,
    readable: bool,
    writable: bool,
) -> PyResult<()> {
    xset(vm, tv, NX, X_ENCODER, Value::NONE);
    xset(vm, tv, NX, X_DECODER, Value::NONE);
    if enc != Enc::Codec {
        return Ok(());
    }
    let info = codec_info(vm, name)?;
    let mark = vm.push_root(info);
    let r = (|| -> PyResult<()> {
        let ev = vm.new_str(errors);
        vm.push_root(ev);
        for (want, attr, slot) in [
            (writable, "incrementalencoder", X_ENCODER),
            (readable, "incrementaldecoder", X_DECODER),
        ] {
            if want {
                let n = vm.intern(attr);
                let f = vm.getattr(info, n)?;
                let m = vm.push_root(f);
                let c = vm.call(f, &[ev], Value::EMPTY);
                vm.pop_roots(m);
                xset(vm, tv, NX, slot, c?);
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// Applies a `newline` argument (already validated) to the state.
fn set_newline(g: &mut Inner, nl: Option<&[u32]>) {
    g.readuniversal = nl.is_none_or(|n| n.is_empty());
    let readtranslate = nl.is_none();
    g.readnl = nl.map(|n| n.to_vec()).unwrap_or_default();
    g.writetranslate = nl.is_none_or(|n| !n.is_empty());
    g.writenl = match nl {
        Some(n) if !n.is_empty() && n != [10] => Some(n.to_vec()),
        _ => None,
    };
    g.nl = if g.readuniversal && g.readable {
        Some(NlDecoder::new(readtranslate))
    } else {
        None
    };
}

/// A `newline` argument: Ok(None) for None, the code points otherwise.
fn newline_arg(vm: &mut Vm, v: Option<Value>, fname: &str) -> PyResult<Option<Vec<u32>>> {
    match v {
        None => Ok(None),
        Some(x) if x.is_none() => Ok(None),
        Some(x) if is_str(x) => {
            let t = decode_wtf8(str_bytes(x));
            if !matches!(t.as_slice(), [] | [10] | [13] | [13, 10]) {
                let r = str_of(x).into_owned();
                return Err(vm.value_error(&format!("illegal newline value: {r}")));
            }
            Ok(Some(t))
        }
        Some(x) => {
            let tn = vm.arg_type_name(x);
            Err(vm.type_error(&format!(
                "{fname}() argument 'newline' must be str or None, not {tn}"
            )))
        }
    }
}

fn t_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "__init__")?;
    let [buffer, encoding, errors, newline, line_buffering, write_through] = parse(
        vm,
        "TextIOWrapper",
        &a[1..],
        k,
        [
            "buffer",
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        1,
    )?;
    let buffer = buffer.unwrap_or(Value::NONE);
    {
        let mut g = s.st.lock(vm, "TextIOWrapper")?;
        g.ok = false;
        g.detached = false;
    }
    let encoding = str_arg(vm, encoding, "TextIOWrapper", "encoding")?;
    if encoding.is_none() {
        warn_default_encoding(vm, 1)?;
    }
    let errors = str_arg(vm, errors, "TextIOWrapper", "errors")?;
    // Development mode checks the error handler's name at once (CPython's
    // `_PyUnicode_CheckEncodingErrors`); otherwise only a codec that
    // meets an error looks it up.
    if let Some(e) = errors
        .as_deref()
        .filter(|_| crate::modules::sys::dev_mode())
    {
        let ev = vm.new_str(e);
        crate::modules::_codecs::lookup_error(vm, &[ev], Value::EMPTY)?;
    }
    let nl = newline_arg(vm, newline, "TextIOWrapper")?;
    let lb = match line_buffering {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let wt = match write_through {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let (encoding, enc) = resolve_encoding(vm, encoding)?;
    let r = vm.call_method(buffer, "readable", &[])?;
    let readable = vm.truthy(r)?;
    let r = vm.call_method(buffer, "writable", &[])?;
    let writable = vm.truthy(r)?;
    let r = vm.call_method(buffer, "seekable", &[])?;
    let seekable = vm.truthy(r)?;
    let n = vm.intern("read1");
    let has_read1 = vm.getattr_opt(buffer, n)?.is_some();
    let errors = errors.unwrap_or_else(|| "strict".into());
    set_codec(vm, a[0], enc, &encoding, &errors, readable, writable)?;
    fix_encoder_state(vm, a[0], buffer, enc, seekable && writable)?;
    let mut g = s.st.lock(vm, "TextIOWrapper")?;
    g.encoding = encoding;
    g.enc = enc;
    g.errors = errors;
    g.readable = readable;
    g.writable = writable;
    set_newline(&mut g, nl.as_deref());
    g.line_buffering = lb;
    g.write_through = wt;
    g.seekable = seekable;
    g.telling = seekable;
    g.has_read1 = has_read1;
    g.chunk_size = 8192;
    g.clear_decoded();
    g.decoded_any = false;
    g.pending_in.clear();
    g.snapshot = None;
    g.pending_out.clear();
    xset(vm, a[0], NX, X_BUFFER, buffer);
    g.ok = true;
    drop(g);
    if writable {
        super::iobase::finalize_on_drop(vm, a[0], Some(buffer));
    }
    Ok(Value::NONE)
}

/// Locks `s`, checking it is initialised and attached.
fn guard<'a>(vm: &mut Vm, s: &'a TextState) -> PyResult<IoGuard<'a, Inner>> {
    let g = s.st.lock(vm, "TextIOWrapper")?;
    if !g.ok {
        if g.detached {
            return Err(vm.value_error("underlying buffer has been detached"));
        }
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(g)
}

fn buffer_of(v: Value) -> Value {
    xget(v, NX, X_BUFFER)
}

/// ValueError when the buffer is closed.
fn check_closed(vm: &mut Vm, buffer: Value) -> PyResult<()> {
    super::iobase::check_closed(vm, buffer)
}

// ------------------------------------------------------------------ writing

fn t_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    if !is_str(a[1]) {
        // The attachment check comes first, as in CPython.
        guard(vm, s)?;
        let tn = vm.arg_type_name(a[1]);
        return Err(vm.type_error(&format!("write() argument must be str, not {tn}")));
    }
    let n = Obj::from_value(a[1]).map_or(0, proto_core::layouts::str::char_len);
    let sb = str_bytes(a[1]);
    write_text(vm, s, a[0], sb, Some(a[1]))?;
    Ok(Value::int(n as i64))
}

/// `stream.write(text)` for `text` given as its (WTF-8) bytes, when
/// `stream` is exactly `_io.TextIOWrapper` (not a subclass, whose `write`
/// may be overridden): the builtin `print`'s path. None otherwise.
pub(crate) fn write_exact(vm: &mut Vm, stream: Value, text: &[u8]) -> Option<PyResult<()>> {
    let o = Obj::from_value(stream)?;
    let s = proto_core::native::native_ref::<TextState>(o)?;
    if is_heap_type(vm.type_of(stream)) {
        return None;
    }
    Some(write_text(vm, s, stream, text, None))
}

/// The body of `write`: `sb` is the text's WTF-8 form and `sv` the str
/// itself when the caller has one (made from `sb` when needed).
fn write_text(
    vm: &mut Vm,
    s: &TextState,
    this_v: Value,
    sb: &[u8],
    sv: Option<Value>,
) -> PyResult<()> {
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(this_v);
    check_closed(vm, buffer)?;
    if !g.writable {
        return Err(unsupported(vm, "not writable"));
    }
    let haslf = memchr::memchr(b'\n', sb).is_some();
    let needflush = g.line_buffering && (haslf || memchr::memchr(b'\r', sb).is_some());
    // Fast path: text that needs no newline translation and whose UTF-8
    // form is its encoding (UTF-8 without lone surrogates, or ASCII text
    // in an ASCII-compatible one-byte codec).
    let direct = (g.writenl.is_none() || !haslf)
        && match g.enc {
            Enc::Utf8 => std::str::from_utf8(sb).is_ok(),
            Enc::OneByte => sb.is_ascii(),
            Enc::Codec => false,
        };
    // As CPython's write: pending bytes that the new ones would take past
    // the chunk size are written out first, so no single write to the
    // buffer exceeds it by more than one call's text.
    if direct {
        if g.pending_out.len() + sb.len() > g.chunk_size {
            write_flush(vm, &mut g, buffer)?;
        }
        if g.pending_out.try_reserve(sb.len()).is_err() {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        }
        g.pending_out.extend_from_slice(sb);
    } else {
        let text = decode_wtf8(sb);
        let out_text = match (&g.writenl, g.writetranslate && haslf) {
            (Some(nl), true) => {
                let mut o = Vec::with_capacity(text.len() + 16);
                for c in &text {
                    if *c == 10 {
                        o.extend_from_slice(nl);
                    } else {
                        o.push(*c);
                    }
                }
                text_value(vm, &o)
            }
            _ => match sv {
                Some(v) => v,
                None => vm.new_str_bytes(sb),
            },
        };
        let mark = vm.push_root(out_text);
        let b = encode_text(vm, &mut g, this_v, out_text);
        vm.pop_roots(mark);
        let b = b?;
        if g.pending_out.len() + b.len() > g.chunk_size {
            write_flush(vm, &mut g, buffer)?;
        }
        g.pending_out.extend_from_slice(&b);
    }
    if g.pending_out.len() >= g.chunk_size || needflush || g.write_through {
        write_flush(vm, &mut g, buffer)?;
    }
    if needflush {
        vm.call_method(buffer, "flush", &[])?;
    }
    g.clear_decoded();
    g.snapshot = None;
    dec_reset(vm, &mut g, this_v)?;
    Ok(())
}

fn t_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "flush")?;
    noargs(vm, "flush", a, k)?;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    check_closed(vm, buffer)?;
    g.telling = g.seekable;
    write_flush(vm, &mut g, buffer)?;
    drop(g);
    vm.call_method(buffer, "flush", &[])
}

fn t_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "close")?;
    noargs(vm, "close", a, k)?;
    {
        guard(vm, s)?;
    }
    let buffer = buffer_of(a[0]);
    if super::iobase::is_closed(vm, buffer)? {
        return Ok(Value::NONE);
    }
    let flushed = vm.call_method(a[0], "flush", &[]);
    let mark = match &flushed {
        Err(e) => vm.push_root(e.0),
        Ok(_) => vm.push_root(Value::NONE),
    };
    let closed = vm.call_method(buffer, "close", &[]);
    vm.pop_roots(mark);
    match (flushed, closed) {
        (Ok(_), Ok(_)) => {
            // Closed: nothing is left for a finalizer to do.
            engine::runtime::finalize::unregister(a[0]);
            Ok(Value::NONE)
        }
        (Err(e), Ok(_)) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Err(first), Err(e)) => {
            if let Some(o) = Obj::from_value(e.0) {
                vm.store(o, EXC_CONTEXT, first.0);
            }
            Err(e)
        }
    }
}

// ------------------------------------------------------------------ reading

fn t_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "read")?;
    let [size] = parse_positional(vm, "read", a, k, 0)?;
    let n = opt_size(vm, size)?;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    check_closed(vm, buffer)?;
    if !g.readable {
        return Err(unsupported(vm, "not readable"));
    }
    write_flush(vm, &mut g, buffer)?;
    if n < 0 {
        let all = vm.call_method(buffer, "read", &[])?;
        let input = match crate::types::bytes::buf(all) {
            Some(b) if !is_str(all) => b,
            _ if all.is_none() => Vec::new(),
            _ => {
                let tn = vm.type_name_of(all);
                return Err(vm.type_error(&format!(
                    "underlying read() should have returned a bytes object, not '{tn}'"
                )));
            }
        };
        // Fast path: valid UTF-8 with no pending state and no `\r` (so
        // no newline decoding to do) becomes the str as it is.
        let plain = g.enc == Enc::Utf8
            && g.decoded_pos == g.decoded.len()
            && g.pending_in.is_empty()
            && !g.nl.as_ref().is_some_and(|d| d.pendingcr)
            && memchr::memchr(b'\r', &input).is_none();
        if plain {
            if let Ok(text) = std::str::from_utf8(&input) {
                if memchr::memchr(b'\n', &input).is_some() {
                    if let Some(d) = g.nl.as_mut() {
                        d.seennl |= SEEN_LF;
                    }
                }
                g.clear_decoded();
                g.snapshot = None;
                return Ok(vm.new_str(text));
            }
        }
        let mut out = g.decoded[g.decoded_pos..].to_vec();
        let more = decode(vm, &mut g, a[0], &input, true)?;
        out.extend_from_slice(&more);
        g.clear_decoded();
        g.snapshot = None;
        return Ok(text_value(vm, &out));
    }
    let n = n as usize;
    let mut out: Vec<u32> = Vec::new();
    loop {
        let avail = g.decoded.len() - g.decoded_pos;
        let take = avail.min(n - out.len());
        let start = g.decoded_pos;
        out.extend_from_slice(&g.decoded[start..start + take]);
        g.decoded_pos += take;
        if out.len() >= n {
            break;
        }
        if !read_chunk(vm, &mut g, a[0], buffer, 0)? {
            // EOF: what the final decode produced.
            let avail = g.decoded.len() - g.decoded_pos;
            let take = avail.min(n - out.len());
            let start = g.decoded_pos;
            out.extend_from_slice(&g.decoded[start..start + take]);
            g.decoded_pos += take;
            break;
        }
    }
    Ok(text_value(vm, &out))
}

/// The next line, at most `limit` characters when >= 0.
fn readline(
    vm: &mut Vm,
    g: &mut Inner,
    tv: Value,
    buffer: Value,
    limit: i64,
) -> PyResult<Vec<u32>> {
    write_flush(vm, g, buffer)?;
    let mut line: Vec<u32> = Vec::new();
    loop {
        let avail = &g.decoded[g.decoded_pos..];
        // "\r\n" split between what was taken and what follows.
        let split_crlf = !g.readuniversal
            && g.readnl == [13, 10]
            && line.last() == Some(&13)
            && avail.first() == Some(&10);
        let end = if split_crlf {
            Some(1)
        } else {
            find_line_ending(avail, g.readuniversal, &g.readnl)
        };
        let room = if limit < 0 {
            usize::MAX
        } else {
            (limit as usize).saturating_sub(line.len())
        };
        match end {
            Some(e) if e <= room => {
                line.extend_from_slice(&avail[..e]);
                g.decoded_pos += e;
                return Ok(line);
            }
            _ => {
                let take = avail.len().min(room);
                line.extend_from_slice(&avail[..take]);
                g.decoded_pos += take;
                if limit >= 0 && line.len() >= limit as usize {
                    return Ok(line);
                }
            }
        }
        if !read_chunk(vm, g, tv, buffer, 0)? {
            let avail = &g.decoded[g.decoded_pos..];
            let room = if limit < 0 {
                usize::MAX
            } else {
                (limit as usize).saturating_sub(line.len())
            };
            // The final decode may still produce a line end.
            let e = find_line_ending(avail, g.readuniversal, &g.readnl)
                .unwrap_or(avail.len())
                .min(room);
            line.extend_from_slice(&avail[..e]);
            g.decoded_pos += e;
            return Ok(line);
        }
    }
}

fn t_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "readline")?;
    let [size] = parse_positional(vm, "readline", a, k, 0)?;
    let n = match size {
        Some(v) => crate::args::py_ssize_t(vm, v)?,
        None => -1,
    };
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    check_closed(vm, buffer)?;
    if !g.readable {
        return Err(unsupported(vm, "not readable"));
    }
    let line = readline(vm, &mut g, a[0], buffer, n)?;
    Ok(text_value(vm, &line))
}

fn t_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "__next__")?;
    let line = if is_heap_type(vm.type_of(a[0])) {
        {
            let mut g = guard(vm, s)?;
            g.telling = false;
        }
        let l = vm.call_method(a[0], "readline", &[])?;
        if !is_str(l) {
            let tn = vm.type_name_of(l);
            return Err(vm.new_exc(
                vm.g.e.OSError,
                &format!("readline() should have returned a str object, not '{tn}'"),
            ));
        }
        l
    } else {
        let mut g = guard(vm, s)?;
        let buffer = buffer_of(a[0]);
        check_closed(vm, buffer)?;
        if !g.readable {
            return Err(unsupported(vm, "not readable"));
        }
        g.telling = false;
        let line = readline(vm, &mut g, a[0], buffer, -1)?;
        if line.is_empty() {
            g.snapshot = None;
            g.telling = g.seekable;
        }
        drop(g);
        text_value(vm, &line)
    };
    if str_bytes(line).is_empty() {
        let mut g = guard(vm, s)?;
        g.snapshot = None;
        g.telling = g.seekable;
        drop(g);
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(line)
}

// ------------------------------------------------------------------ position

/// Packs a tell cookie.
fn cookie(vm: &mut Vm, pos: i64, flags: u64, feed: u64, skip: u64, eof: bool) -> Value {
    let mut c = BigInt::from(pos);
    c += BigInt::from(flags) << 64;
    c += BigInt::from(feed) << 128;
    c += BigInt::from(skip) << 192;
    if eof {
        c += BigInt::from(1u8) << 256;
    }
    vm.new_bigint(c)
}

fn t_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "tell")?;
    noargs(vm, "tell", a, k)?;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    check_closed(vm, buffer)?;
    if !g.seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    if !g.telling {
        return Err(vm.new_exc(vm.g.e.OSError, "telling position disabled by next() call"));
    }
    write_flush(vm, &mut g, buffer)?;
    vm.call_method(buffer, "flush", &[])?;
    let p = vm.call_method(buffer, "tell", &[])?;
    let position = crate::args::c_long(vm, p)?;
    let Some((flags, next_input)) = g.snapshot.clone() else {
        return Ok(vm.new_int(position));
    };
    if !g.readable {
        return Ok(vm.new_int(position));
    }
    let start_pos = position - next_input.len() as i64;
    let chars_to_skip = g.decoded_pos as u64;
    if chars_to_skip == 0 {
        return Ok(cookie(vm, start_pos, flags, 0, 0, false));
    }
    // Replay the chunk from the snapshot state as CPython does: first a
    // guess from the bytes-per-character ratio, then byte by byte, keeping
    // the last point where the decoder held nothing back. The decoder's
    // state is saved first and restored after.
    let saved_nl = g.nl.clone();
    let saved_in = std::mem::take(&mut g.pending_in);
    let saved_codec = if g.enc == Enc::Codec {
        let dec = xget(a[0], NX, X_DECODER);
        Some(vm.call_method(dec, "getstate", &[])?)
    } else {
        None
    };
    let mark = vm.push_root(saved_codec.unwrap_or(Value::NONE));
    let r = replay(
        vm,
        &mut g,
        a[0],
        &next_input,
        flags,
        start_pos,
        chars_to_skip,
    );
    g.nl = saved_nl;
    g.pending_in = saved_in;
    let restored = match saved_codec {
        Some(st) => {
            let dec = xget(a[0], NX, X_DECODER);
            vm.call_method(dec, "setstate", &[st]).map(|_| ())
        }
        None => Ok(()),
    };
    vm.pop_roots(mark);
    let (start_pos, start_flags, bytes_fed, chars_to_skip, need_eof) = r?;
    restored?;
    Ok(cookie(
        vm,
        start_pos,
        start_flags,
        bytes_fed,
        chars_to_skip,
        need_eof,
    ))
}

/// The bytes the decoder holds back.
fn dec_pending(vm: &mut Vm, g: &Inner, tv: Value) -> PyResult<usize> {
    if g.enc != Enc::Codec {
        return Ok(g.pending_in.len());
    }
    Ok(dec_state(vm, g, tv)?.0.len())
}

/// `tell()`'s search (CPython's `_io_TextIOWrapper_tell_impl`): the
/// cookie's parts (start position, decoder flags, bytes to feed, chars to
/// skip, need EOF) for `chars_to_skip` characters into `next_input`,
/// decoded from state `flags` at byte `start_pos`.
fn replay(
    vm: &mut Vm,
    g: &mut Inner,
    tv: Value,
    next_input: &[u8],
    flags: u64,
    mut start_pos: i64,
    mut chars_to_skip: u64,
) -> PyResult<(i64, u64, u64, u64, bool)> {
    let mut start_flags = flags;
    let mut skip_bytes = (g.b2cratio * chars_to_skip as f64) as i64;
    let mut skip_back: i64 = 1;
    skip_bytes = skip_bytes.min(next_input.len() as i64);
    while skip_bytes > 0 {
        dec_set(vm, g, tv, flags)?;
        let n = decode(vm, g, tv, &next_input[..skip_bytes as usize], false)?.len() as u64;
        if n <= chars_to_skip {
            let pending = dec_pending(vm, g, tv)?;
            if pending == 0 {
                start_flags = dec_state(vm, g, tv)?.1;
                chars_to_skip -= n;
                break;
            }
            skip_bytes -= pending as i64;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if skip_bytes <= 0 {
        skip_bytes = 0;
        start_flags = flags;
    }
    start_pos += skip_bytes;
    let (mut bytes_fed, mut chars_decoded) = (0u64, 0u64);
    let mut need_eof = false;
    if chars_to_skip > 0 {
        dec_set(vm, g, tv, start_flags)?;
        let mut found = false;
        for i in skip_bytes as usize..next_input.len() {
            bytes_fed += 1;
            chars_decoded += decode(vm, g, tv, &next_input[i..i + 1], false)?.len() as u64;
            let (pending, dflags) = dec_state(vm, g, tv)?;
            if pending.is_empty() && chars_decoded <= chars_to_skip {
                start_pos += bytes_fed as i64;
                chars_to_skip -= chars_decoded;
                start_flags = dflags;
                bytes_fed = 0;
                chars_decoded = 0;
            }
            if chars_decoded >= chars_to_skip {
                found = true;
                break;
            }
        }
        if !found {
            chars_decoded += decode(vm, g, tv, &[], true)?.len() as u64;
            need_eof = true;
            if chars_decoded < chars_to_skip {
                return Err(vm.new_exc(vm.g.e.OSError, "can't reconstruct logical file position"));
            }
        }
    }
    Ok((start_pos, start_flags, bytes_fed, chars_to_skip, need_eof))
}

fn t_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "seek")?;
    crate::args::check_method(vm, "seek", a, k, 1, 2)?;
    let whence = match a.get(2) {
        Some(&w) => crate::args::c_int(vm, w)?,
        None => 0,
    };
    let mut cookie_v = a[1];
    {
        let g = guard(vm, s)?;
        let buffer = buffer_of(a[0]);
        check_closed(vm, buffer)?;
        if !g.seekable {
            return Err(unsupported(vm, "underlying stream is not seekable"));
        }
    }
    let zero = |vm: &mut Vm, v: Value| -> PyResult<bool> {
        let r = vm.compare(v, Value::int(0), 2)?;
        vm.truthy(r)
    };
    match whence {
        1 => {
            if !zero(vm, cookie_v)? {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            cookie_v = t_tell(vm, &a[..1], Value::EMPTY)?;
        }
        2 => {
            if !zero(vm, cookie_v)? {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            let mut g = guard(vm, s)?;
            let buffer = buffer_of(a[0]);
            write_flush(vm, &mut g, buffer)?;
            vm.call_method(buffer, "flush", &[])?;
            g.clear_decoded();
            g.snapshot = None;
            dec_reset(vm, &mut g, a[0])?;
            drop(g);
            let r = vm.call_method(buffer, "seek", &[Value::int(0), Value::int(2)])?;
            let mark = vm.push_root(r);
            let at_start = vm.as_i64(r) == Some(0);
            let e = enc_reset(vm, a[0], at_start);
            vm.pop_roots(mark);
            e?;
            return Ok(r);
        }
        0 => {}
        _ => return Err(vm.value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
    // `cookie_v` may come from tell(): keep it rooted until returned.
    let mark = vm.push_root(cookie_v);
    let r = seek_to(vm, s, a[0], cookie_v);
    vm.pop_roots(mark);
    r
}

/// `seek(cookie)` from the start (whence 0), CPython's cookie unpacking.
fn seek_to(vm: &mut Vm, s: &TextState, this_v: Value, cookie_v: Value) -> PyResult<Value> {
    let neg = vm.compare(cookie_v, Value::int(0), 0)?;
    if vm.truthy(neg)? {
        let r = vm.repr_string(cookie_v)?;
        return Err(vm.value_error(&format!("negative seek position {r}")));
    }
    let ci = vm.call(vm.g.types.int, &[cookie_v], Value::EMPTY)?;
    let Some(c) = vm.as_bigint(ci) else {
        return Err(vm.type_error("an integer is required"));
    };
    let mask = (BigInt::from(1u8) << 64) - 1;
    let part = |sh: u32| -> u64 {
        let x: BigInt = (&c >> sh) & &mask;
        u64::try_from(x).unwrap_or(0)
    };
    let start_pos = part(0);
    let dec_flags = part(64);
    let bytes_to_feed = part(128);
    let chars_to_skip = part(192);
    let need_eof = part(256) != 0;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(this_v);
    write_flush(vm, &mut g, buffer)?;
    vm.call_method(buffer, "flush", &[])?;
    let sp = vm.new_int(start_pos as i64);
    vm.call_method(buffer, "seek", &[sp])?;
    g.clear_decoded();
    g.snapshot = None;
    if c == BigInt::from(0) {
        dec_reset(vm, &mut g, this_v)?;
    } else {
        if start_pos == 0 && dec_flags == 0 {
            dec_reset(vm, &mut g, this_v)?;
        } else {
            dec_set(vm, &mut g, this_v, dec_flags)?;
        }
        g.snapshot = Some((dec_flags, Vec::new()));
    }
    enc_reset(vm, this_v, start_pos == 0 && dec_flags == 0)?;
    if chars_to_skip > 0 {
        let chunk = vm.call_method(buffer, "read", &[Value::int(bytes_to_feed as i64)])?;
        let input = crate::types::bytes::buf(chunk).unwrap_or_default();
        let text = decode(vm, &mut g, this_v, &input, need_eof)?;
        g.decoded = text;
        g.decoded_pos = 0;
        g.snapshot = Some((dec_flags, input));
        if (g.decoded.len() as u64) < chars_to_skip {
            return Err(vm.new_exc(vm.g.e.OSError, "can't restore logical file position"));
        }
        g.decoded_pos = chars_to_skip as usize;
    }
    drop(g);
    Ok(cookie_v)
}

fn t_truncate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "truncate")?;
    crate::args::check_method(vm, "truncate", a, k, 0, 1)?;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    write_flush(vm, &mut g, buffer)?;
    drop(g);
    vm.call_method(a[0], "flush", &[])?;
    let pos = a.get(1).copied().unwrap_or(Value::NONE);
    vm.call_method(buffer, "truncate", &[pos])
}

fn t_detach(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "detach")?;
    noargs(vm, "detach", a, k)?;
    {
        guard(vm, s)?;
    }
    vm.call_method(a[0], "flush", &[])?;
    let mut g = guard(vm, s)?;
    let buffer = buffer_of(a[0]);
    g.ok = false;
    g.detached = true;
    let writable = g.writable;
    xset(vm, a[0], NX, X_BUFFER, Value::NONE);
    drop(g);
    // The buffer is on its own again: it closes itself when dropped open.
    if writable {
        engine::runtime::finalize::unregister(a[0]);
        super::iobase::finalize_on_drop(vm, buffer, None);
    }
    Ok(buffer)
}

fn t_reconfigure(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "reconfigure")?;
    if a.len() - nkw(k) > 1 {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let [encoding, errors, newline, line_buffering, write_through] = parse(
        vm,
        "reconfigure",
        &a[1..],
        k,
        [
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        0,
    )?;
    let enc_s = str_arg(vm, encoding, "reconfigure", "encoding")?;
    let err_s = str_arg(vm, errors, "reconfigure", "errors")?;
    let nl = match newline {
        None => None,
        Some(v) if v == Value::ELLIPSIS => None,
        other => Some(newline_arg(vm, other, "reconfigure")?),
    };
    {
        let g = guard(vm, s)?;
        if g.decoded_any && (enc_s.is_some() || err_s.is_some() || nl.is_some()) {
            drop(g);
            return Err(unsupported(
                vm,
                "It is not possible to set the encoding or newline of stream after the first read",
            ));
        }
    }
    let lb = match line_buffering.filter(|v| !v.is_none()) {
        Some(v) => Some(vm.truthy(v)?),
        None => None,
    };
    let wt = match write_through.filter(|v| !v.is_none()) {
        Some(v) => Some(vm.truthy(v)?),
        None => None,
    };
    let resolved = match &enc_s {
        Some(e) => Some(resolve_encoding(vm, Some(e.clone()))?),
        None => None,
    };
    vm.call_method(a[0], "flush", &[])?;
    if resolved.is_some() || err_s.is_some() {
        // A new codec (or error handler): new encoder and decoder.
        let (name, enc, rd, wr, sk, errors) = {
            let g = guard(vm, s)?;
            let (name, enc) = resolved.clone().unwrap_or((g.encoding.clone(), g.enc));
            let errors = match (&err_s, &resolved) {
                (Some(e), _) => e.clone(),
                (None, Some(_)) => "strict".into(),
                (None, None) => g.errors.clone(),
            };
            (name, enc, g.readable, g.writable, g.seekable, errors)
        };
        set_codec(vm, a[0], enc, &name, &errors, rd, wr)?;
        let buffer = buffer_of(a[0]);
        fix_encoder_state(vm, a[0], buffer, enc, sk && wr)?;
        let mut g = guard(vm, s)?;
        g.encoding = name;
        g.enc = enc;
        g.errors = errors;
        g.pending_in.clear();
    }
    let mut g = guard(vm, s)?;
    if let Some(nl) = nl {
        set_newline(&mut g, nl.as_deref());
    }
    if let Some(lb) = lb {
        g.line_buffering = lb;
    }
    if let Some(wt) = wt {
        g.write_through = wt;
    }
    Ok(Value::NONE)
}

/// A method forwarded to the buffer after the attachment check.
fn forward(vm: &mut Vm, a: &[Value], name: &'static str) -> PyResult<Value> {
    let s = this_t(vm, a, name)?;
    {
        guard(vm, s)?;
    }
    let buffer = buffer_of(a[0]);
    vm.call_method(buffer, name, &[])
}

fn t_fileno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "fileno")
}
fn t_seekable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "seekable")
}
fn t_readable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "readable")
}
fn t_writable(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "writable")
}
fn t_isatty(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "isatty")
}

fn attr_of_buffer(vm: &mut Vm, a: &[Value], name: &'static str) -> PyResult<Value> {
    let s = this_t(vm, a, name)?;
    {
        guard(vm, s)?;
    }
    let buffer = buffer_of(a[0]);
    let n = vm.intern(name);
    vm.getattr(buffer, n)
}

fn t_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    attr_of_buffer(vm, a, "closed")
}
fn t_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    attr_of_buffer(vm, a, "name")
}

/// The member-like attributes (`buffer`, `encoding`, `errors`,
/// `line_buffering`, `write_through`) are readable after `detach`, as
/// CPython's members are (`buffer` is None then).
fn member_guard<'a>(vm: &mut Vm, s: &'a TextState) -> PyResult<IoGuard<'a, Inner>> {
    let g = s.st.lock(vm, "TextIOWrapper")?;
    if !g.ok && !g.detached {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(g)
}

fn t_buffer(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "buffer")?;
    member_guard(vm, s)?;
    Ok(buffer_of(a[0]))
}

fn t_encoding(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "encoding")?;
    let g = member_guard(vm, s)?;
    let e = g.encoding.clone();
    drop(g);
    Ok(vm.new_str(&e))
}

fn t_errors(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "errors")?;
    let g = member_guard(vm, s)?;
    let e = g.errors.clone();
    drop(g);
    Ok(vm.new_str(&e))
}

fn t_line_buffering(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "line_buffering")?;
    let g = member_guard(vm, s)?;
    Ok(Value::bool(g.line_buffering))
}

fn t_write_through(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "write_through")?;
    let g = member_guard(vm, s)?;
    Ok(Value::bool(g.write_through))
}

fn t_newlines(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "newlines")?;
    let g = guard(vm, s)?;
    let seen = g.nl.as_ref().map(|d| d.seennl);
    drop(g);
    Ok(match seen {
        Some(b) => newlines_value(vm, b),
        None => Value::NONE,
    })
}

fn t_chunk_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "_CHUNK_SIZE")?;
    let g = guard(vm, s)?;
    Ok(Value::int(g.chunk_size as i64))
}

fn t_set_chunk_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "_CHUNK_SIZE")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.exc_by_name("AttributeError", "cannot delete attribute"));
    };
    let n = crate::args::py_ssize_t(vm, v)?;
    if n <= 0 {
        return Err(vm.value_error("a strictly positive integer is required"));
    }
    let mut g = guard(vm, s)?;
    g.chunk_size = n as usize;
    Ok(Value::NONE)
}

fn t_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_t(vm, a, "__repr__")?;
    let tn = super::fileio::tp_name(vm, a[0]);
    let enc = {
        let g = s.st.lock(vm, "TextIOWrapper")?;
        if !g.ok && !g.detached {
            drop(g);
            return Err(vm.value_error("I/O operation on uninitialized object"));
        }
        g.encoding.clone()
    };
    if vm.repr_enter(a[0]) {
        return Err(vm.exc_by_name(
            "RuntimeError",
            &format!("reentrant call inside {tn}.__repr__"),
        ));
    }
    let r = (|| -> PyResult<String> {
        let mut out = format!("<{tn}");
        for attr in ["name", "mode"] {
            let n = vm.intern(attr);
            match vm.getattr(a[0], n) {
                Ok(v) => {
                    let mark = vm.push_root(v);
                    let r = vm.repr_string(v);
                    vm.pop_roots(mark);
                    out.push_str(&format!(" {attr}={}", r?));
                }
                Err(e) => {
                    let ve = vm.g.e.ValueError;
                    let ae = vm.g.e.AttributeError;
                    if !(vm.isinstance(e.0, ve) || vm.isinstance(e.0, ae)) {
                        return Err(e);
                    }
                }
            }
        }
        let ev = vm.new_str(&enc);
        let er = vm.repr_string(ev)?;
        out.push_str(&format!(" encoding={er}>"));
        Ok(out)
    })();
    vm.repr_leave();
    let r = r?;
    Ok(vm.new_str(&r))
}

fn t_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = vm.type_name_of(a[0]);
    Err(vm.type_error(&format!("cannot pickle '{tn}' object")))
}

// ------------------------------------------------------------------ IncrementalNewlineDecoder

/// Payload of an `IncrementalNewlineDecoder` (the wrapped decoder is its
/// extra value slot).
pub(crate) struct NldState {
    st: IoLock<Option<NlDecoder>>,
}

impl proto_core::native::Trace for NldState {}

fn this_n(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static NldState> {
    this::<NldState>(vm, a, "IncrementalNewlineDecoder", name)
}

fn n_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alloc(
        vm,
        a,
        "IncrementalNewlineDecoder",
        1,
        NldState {
            st: IoLock::new(None),
        },
    )
}

fn n_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "__init__")?;
    let [decoder, translate, _errors] = parse(
        vm,
        "IncrementalNewlineDecoder",
        &a[1..],
        k,
        ["decoder", "translate", "errors"],
        2,
    )?;
    let translate = vm.truthy(translate.unwrap_or(Value::FALSE))?;
    let mut g = s.st.lock(vm, "IncrementalNewlineDecoder")?;
    xset(vm, a[0], 1, 0, decoder.unwrap_or(Value::NONE));
    *g = Some(NlDecoder::new(translate));
    Ok(Value::NONE)
}

fn n_guard<'a>(vm: &mut Vm, s: &'a NldState) -> PyResult<IoGuard<'a, Option<NlDecoder>>> {
    let g = s.st.lock(vm, "IncrementalNewlineDecoder")?;
    if g.is_none() {
        return Err(vm.value_error("IncrementalNewlineDecoder.__init__() not called"));
    }
    Ok(g)
}

fn n_decode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "decode")?;
    let [input, final_] = parse(vm, "decode", &a[1..], k, ["input", "final"], 1)?;
    let input = input.unwrap_or(Value::NONE);
    let final_ = match final_ {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut g = n_guard(vm, s)?;
    let dec = xget(a[0], 1, 0);
    let out = if dec.is_none() {
        input
    } else {
        let n = vm.intern("decode");
        let f = vm.getattr(dec, n)?;
        let mark = vm.push_root(f);
        let kn = vm.intern("final");
        let kw = vm.new_tuple(&[kn]);
        let r = vm.call(f, &[input, Value::bool(final_)], kw);
        vm.pop_roots(mark);
        r?
    };
    if !is_str(out) {
        let tn = vm.type_name_of(out);
        return Err(vm.type_error(&format!(
            "decoder should return a string result, not '{tn}'"
        )));
    }
    let text = decode_wtf8(str_bytes(out));
    let d = g.as_mut().expect("checked by n_guard");
    let res = d.decode(text, final_);
    drop(g);
    Ok(text_value(vm, &res))
}

fn n_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "getstate")?;
    noargs(vm, "getstate", a, k)?;
    let g = n_guard(vm, s)?;
    let pendingcr = g.as_ref().is_some_and(|d| d.pendingcr);
    drop(g);
    let dec = xget(a[0], 1, 0);
    let (buf, flag) = if dec.is_none() {
        (vm.new_bytes(&[]), 0i64)
    } else {
        let st = vm.call_method(dec, "getstate", &[])?;
        let Some(o) = Obj::from_value(st).filter(|o| o.kind() == Kind::TUPLE && o.n_values() == 2)
        else {
            return Err(vm.type_error("illegal decoder state"));
        };
        // The state tuple stays rooted while the flag's __index__ may run.
        let mark = vm.push_root(st);
        let f = crate::args::c_long(vm, o.get(1));
        vm.pop_roots(mark);
        (o.get(0), f?)
    };
    let flag = (flag << 1) | i64::from(pendingcr);
    let fv = vm.new_int(flag);
    Ok(vm.new_tuple(&[buf, fv]))
}

fn n_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "setstate")?;
    crate::args::check_method(vm, "setstate", a, k, 1, 1)?;
    let Some(o) = Obj::from_value(a[1]).filter(|o| o.kind() == Kind::TUPLE) else {
        return Err(vm.type_error("state argument must be a tuple"));
    };
    if o.n_values() != 2 {
        return Err(vm.type_error("state argument must be a tuple"));
    }
    let flag = crate::args::c_long(vm, o.get(1))?;
    {
        let mut g = n_guard(vm, s)?;
        if let Some(d) = g.as_mut() {
            d.pendingcr = flag & 1 != 0;
        }
    }
    let dec = xget(a[0], 1, 0);
    if !dec.is_none() {
        let f = vm.new_int(flag >> 1);
        let t = vm.new_tuple(&[o.get(0), f]);
        vm.call_method(dec, "setstate", &[t])?;
    }
    Ok(Value::NONE)
}

fn n_reset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "reset")?;
    noargs(vm, "reset", a, k)?;
    {
        let mut g = n_guard(vm, s)?;
        if let Some(d) = g.as_mut() {
            d.pendingcr = false;
            d.seennl = 0;
        }
    }
    let dec = xget(a[0], 1, 0);
    if !dec.is_none() {
        vm.call_method(dec, "reset", &[])?;
    }
    Ok(Value::NONE)
}

fn n_newlines(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this_n(vm, a, "newlines")?;
    let g = n_guard(vm, s)?;
    let seen = g.as_ref().map_or(0, |d| d.seennl);
    drop(g);
    Ok(newlines_value(vm, seen))
}

/// Creates `TextIOWrapper` (deriving from `_TextIOBase`) and
/// `IncrementalNewlineDecoder`; returns the former.
pub(crate) fn create(vm: &mut Vm, m: Value, modname: Value, base: Value) -> Value {
    let t = new_class(vm, m, modname, "TextIOWrapper", base, TEXT_DOC);
    vm.add_static(t, "__new__", t_new, false);
    add_methods(
        vm,
        t,
        &[
            ("__init__", t_init),
            ("detach", t_detach),
            ("reconfigure", t_reconfigure),
            ("write", t_write),
            ("read", t_read),
            ("readline", t_readline),
            ("flush", t_flush),
            ("close", t_close),
            ("fileno", t_fileno),
            ("seekable", t_seekable),
            ("readable", t_readable),
            ("writable", t_writable),
            ("isatty", t_isatty),
            ("seek", t_seek),
            ("tell", t_tell),
            ("truncate", t_truncate),
            ("__next__", t_next),
            ("__repr__", t_repr),
            ("__reduce_ex__", t_getstate),
        ],
    );
    add_getset(vm, t, "encoding", t_encoding, None);
    add_getset(vm, t, "errors", t_errors, None);
    add_getset(vm, t, "buffer", t_buffer, None);
    add_getset(vm, t, "line_buffering", t_line_buffering, None);
    add_getset(vm, t, "write_through", t_write_through, None);
    add_getset(vm, t, "closed", t_closed, None);
    add_getset(vm, t, "name", t_name, None);
    add_getset(vm, t, "newlines", t_newlines, None);
    add_getset(vm, t, "_CHUNK_SIZE", t_chunk_size, Some(t_set_chunk_size));

    let n = new_class(
        vm,
        m,
        modname,
        "IncrementalNewlineDecoder",
        vm.g.types.object,
        NLD_DOC,
    );
    vm.add_static(n, "__new__", n_new, false);
    add_methods(
        vm,
        n,
        &[
            ("__init__", n_init),
            ("decode", n_decode),
            ("getstate", n_getstate),
            ("setstate", n_setstate),
            ("reset", n_reset),
        ],
    );
    add_getset(vm, n, "newlines", n_newlines, None);
    t
}
