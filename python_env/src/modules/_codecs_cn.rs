//! The `_codecs_cn` module: Chinese (PRC) multibyte codecs for CPython's `encodings`
//! package: gb2312, gbk and gb18030 (see `_multibytecodec.rs` for the tables and
//! conversions), and hz (HZ-GB-2312, RFC 1843), written here over the GB 2312 table
//! of `cjk_tables.rs`. `getcodec(name)` returns a `_multibytecodec.MultibyteCodec`.

use super::_multibytecodec::cjk_tables::{self, Entry};
use super::_multibytecodec::{Custom, Step};
use engine::runtime::{NativeFn, PyResult, Vm};
use proto_core::Value;

fn getcodec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    super::_multibytecodec::getcodec(vm, a, k, "_codecs_cn")
}

/// Creates the `_codecs_cn` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    super::_multibytecodec::codecs_module(vm, "_codecs_cn", getcodec as NativeFn)
}

/// HZ: ASCII, with GB 2312 in seven-bit form between `~{` and `~}`; `~~`
/// is `~` and `~` before a newline is a line continuation. The state
/// (byte 0 of CPython's codec state) is 1 inside `~{ ... ~}`.
pub(crate) static HZ: Custom = Custom {
    table: cjk_tables::GB2312,
    decode: hz_decode,
    encode: hz_encode,
    reset: Some(hz_reset),
    init: [0; 2],
};

fn hz_decode(_c: &Custom, state: &mut u64, data: &[u8], out: &mut Vec<u32>) -> Step {
    let shifted = *state & 0xFF;
    let c = data[0];
    if c == b'~' {
        let Some(&c2) = data.get(1) else {
            return Step::TooFew;
        };
        match (c2, shifted) {
            (b'~', 0) => out.push(u32::from(b'~')),
            (b'{', 0) => *state = (*state & !0xFF) | 1,
            (b'\n', 0) => {}
            (b'}', 1) => *state &= !0xFF,
            _ => return Step::Illegal(1),
        }
        return Step::Done(2);
    }
    if c & 0x80 != 0 {
        return Step::Illegal(1);
    }
    if shifted == 0 {
        out.push(u32::from(c));
        return Step::Done(1);
    }
    let Some(&c2) = data.get(1) else {
        return Step::TooFew;
    };
    if c2 & 0x80 != 0 {
        return Step::Illegal(1);
    }
    let key = (u32::from(c | 0x80) << 8) | u32::from(c2 | 0x80);
    match cjk_tables::get(cjk_tables::GB2312).dec.get(&key) {
        Some(&Entry::Chars(a, 0)) => {
            out.push(a);
            Step::Done(2)
        }
        _ => Step::Illegal(1),
    }
}

fn hz_encode(_c: &Custom, state: &mut u64, cps: &[u32], _flush: bool, out: &mut Vec<u8>) -> Step {
    let c = cps[0];
    let shifted = *state & 0xFF != 0;
    if c < 0x80 {
        if shifted {
            out.extend_from_slice(b"~}");
            *state &= !0xFF;
        }
        out.push(c as u8);
        if c == u32::from(b'~') {
            out.push(b'~');
        }
        return Step::Done(1);
    }
    if c > 0xFFFF {
        return Step::Illegal(1);
    }
    let Some(&key) = cjk_tables::get(cjk_tables::GB2312).enc.get(&c) else {
        return Step::Illegal(1);
    };
    if key <= 0xFF {
        return Step::Illegal(1);
    }
    if !shifted {
        out.extend_from_slice(b"~{");
        *state = (*state & !0xFF) | 1;
    }
    out.push((key >> 8) as u8 & 0x7F);
    out.push(key as u8 & 0x7F);
    Step::Done(1)
}

fn hz_reset(state: &mut u64, out: &mut Vec<u8>) {
    if *state & 0xFF != 0 {
        out.extend_from_slice(b"~}");
        *state &= !0xFF;
    }
}
