//! The `marshal` module: CPython 3.11's marshal format (version 4) for
//! None, booleans, ints, floats, complex numbers, str, bytes, tuples,
//! lists, dicts, sets and frozensets, and code objects in ProtoPy's own
//! form. `dumps` writes no back-references (CPython's choice of them
//! depends on reference counts); `loads` reads them, so CPython's output
//! loads.
//!
//! A code object is the type code `c`, a 4-byte length and the bytes of
//! `engine::bytecode::serialize` (ProtoPy bytecode, not CPython's: magic,
//! opcode-table and compiler fingerprints, checksum). Loading checks all of
//! it and validates the code structurally (see `serialize::validate`), so a
//! truncated, corrupted or foreign payload (CPython's `c` records included)
//! is a "bad marshal data" ValueError or an EOFError, never code the
//! interpreter could run off its frame with.

use engine::bytecode::{CodeObject, Constant, PyStr};
use engine::runtime::*;
use num_bigint::{BigInt, Sign};
use proto_core::{Obj, Value};
use std::sync::Arc;

const VERSION: i64 = 4;
/// CPython's MAX_MARSHAL_STACK_DEPTH.
const MAX_DEPTH: usize = 2000;
const FLAG_REF: u8 = 0x80;

fn unmarshallable(vm: &mut Vm) -> PyException {
    vm.value_error("unmarshallable object")
}

fn w_len(out: &mut Vec<u8>, n: usize, vm: &mut Vm) -> PyResult<()> {
    let n = i32::try_from(n).map_err(|_| vm.value_error("unmarshallable object"))?;
    out.extend_from_slice(&n.to_le_bytes());
    Ok(())
}

fn w_object(vm: &mut Vm, v: Value, out: &mut Vec<u8>, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(vm.value_error("object too deeply nested to marshal"));
    }
    if v.is_none() {
        out.push(b'N');
        return Ok(());
    }
    if v == Value::TRUE {
        out.push(b'T');
        return Ok(());
    }
    if v == Value::FALSE {
        out.push(b'F');
        return Ok(());
    }
    if v == Value::ELLIPSIS {
        out.push(b'.');
        return Ok(());
    }
    if v == vm.g.e.StopIteration {
        out.push(b'S');
        return Ok(());
    }
    let t = vm.type_of(v);
    let ty = &vm.g.types;
    if t == ty.int {
        let b = vm.as_bigint(v).ok_or_else(|| unmarshallable(vm))?;
        match i32::try_from(&b) {
            Ok(i) => {
                out.push(b'i');
                out.extend_from_slice(&i.to_le_bytes());
            }
            Err(_) => {
                // Base 2**15 digits, least significant first; the count's
                // sign is the number's.
                let (sign, mut m) = b.into_parts();
                let mut ds: Vec<u16> = Vec::new();
                let zero = num_bigint::BigUint::from(0u32);
                while m > zero {
                    let low = m.to_u32_digits().first().copied().unwrap_or(0);
                    ds.push((low & 0x7fff) as u16);
                    m >>= 15u32;
                }
                out.push(b'l');
                let n = ds.len() as i64;
                let n = if sign == Sign::Minus { -n } else { n };
                let n = i32::try_from(n).map_err(|_| unmarshallable(vm))?;
                out.extend_from_slice(&n.to_le_bytes());
                for d in ds {
                    out.extend_from_slice(&d.to_le_bytes());
                }
            }
        }
        return Ok(());
    }
    if t == ty.float {
        let f = v
            .as_float()
            .or_else(|| vm.as_f64(v))
            .ok_or_else(|| unmarshallable(vm))?;
        out.push(b'g');
        out.extend_from_slice(&f.to_le_bytes());
        return Ok(());
    }
    if t == ty.complex {
        let o = Obj::from_value(v).expect("complex");
        out.push(b'y');
        out.extend_from_slice(&proto_core::layouts::get_raw(o, 0).to_le_bytes());
        out.extend_from_slice(&proto_core::layouts::get_raw(o, 1).to_le_bytes());
        return Ok(());
    }
    if t == ty.str_ {
        let b = str_bytes(v);
        let ascii = b.is_ascii();
        if ascii && b.len() < 256 {
            out.push(b'z');
            out.push(b.len() as u8);
        } else {
            out.push(if ascii { b'a' } else { b'u' });
            w_len(out, b.len(), vm)?;
        }
        out.extend_from_slice(b);
        return Ok(());
    }
    if t == ty.bytes
        || t == ty.bytearray
        || Obj::from_value(v).is_some_and(|o| o.kind() == K_MEMORYVIEW)
    {
        let b = crate::types::bytes::buf(v).ok_or_else(|| unmarshallable(vm))?;
        out.push(b's');
        w_len(out, b.len(), vm)?;
        out.extend_from_slice(&b);
        return Ok(());
    }
    if t == ty.tuple || t == ty.list {
        let items = vm.seq_items(v);
        if t == ty.tuple && items.len() < 256 {
            out.push(b')');
            out.push(items.len() as u8);
        } else {
            out.push(if t == ty.tuple { b'(' } else { b'[' });
            w_len(out, items.len(), vm)?;
        }
        let mark = vm.push_root(v);
        for x in items {
            if let Err(e) = w_object(vm, x, out, depth + 1) {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
        vm.pop_roots(mark);
        return Ok(());
    }
    if t == ty.dict {
        let items = vm.dict_items(v);
        out.push(b'{');
        let mark = vm.push_root(v);
        for (k, x) in items {
            let r = w_object(vm, k, out, depth + 1).and_then(|_| w_object(vm, x, out, depth + 1));
            if let Err(e) = r {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
        vm.pop_roots(mark);
        out.push(b'0');
        return Ok(());
    }
    if t == ty.code {
        let code = code_object(vm, v, depth)?;
        out.extend_from_slice(&engine::runtime::pycache::marshal_code(&code));
        return Ok(());
    }
    if t == ty.set || t == ty.frozenset {
        out.push(if t == ty.set { b'<' } else { b'>' });
        let items = vm.collect(v)?;
        w_len(out, items.len(), vm)?;
        let mark = vm.push_root(v);
        for x in items {
            if let Err(e) = w_object(vm, x, out, depth + 1) {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
        vm.pop_roots(mark);
        return Ok(());
    }
    Err(unmarshallable(vm))
}

/// The compiled code of the code value `v` with its constants as they are
/// now (`code.replace(co_consts=...)` may have changed them): each must be
/// a marshallable constant, as CPython requires of `co_consts`.
fn code_object(vm: &mut Vm, v: Value, depth: usize) -> PyResult<Arc<CodeObject>> {
    let cd = vm.code_body(v).ok_or_else(|| unmarshallable(vm))?;
    let consts = cd
        .consts
        .iter()
        .map(|&c| constant(vm, c, depth + 1))
        .collect::<PyResult<Vec<_>>>()?;
    let mut code = (*cd.code).clone();
    code.consts = consts.into();
    Ok(Arc::new(code))
}

/// A constant of a code object as the compiler's `Constant` (exact types
/// only, as marshal writes).
fn constant(vm: &mut Vm, v: Value, depth: usize) -> PyResult<Constant> {
    if depth > MAX_DEPTH {
        return Err(vm.value_error("object too deeply nested to marshal"));
    }
    if v.is_none() {
        return Ok(Constant::None);
    }
    if v == Value::TRUE || v == Value::FALSE {
        return Ok(Constant::Bool(v == Value::TRUE));
    }
    if v == Value::ELLIPSIS {
        return Ok(Constant::Ellipsis);
    }
    let t = vm.type_of(v);
    let ty = &vm.g.types;
    if t == ty.int {
        let b = vm.as_bigint(v).ok_or_else(|| unmarshallable(vm))?;
        return Ok(Constant::int(b));
    }
    if t == ty.float {
        let f = v
            .as_float()
            .or_else(|| vm.as_f64(v))
            .ok_or_else(|| unmarshallable(vm))?;
        return Ok(Constant::Float(f));
    }
    if t == ty.complex {
        let o = Obj::from_value(v).ok_or_else(|| unmarshallable(vm))?;
        let re = f64::from_bits(proto_core::layouts::get_raw(o, 0));
        let im = f64::from_bits(proto_core::layouts::get_raw(o, 1));
        return Ok(Constant::Complex(re, im));
    }
    if t == ty.str_ {
        let s = PyStr::from_bytes(str_bytes(v)).ok_or_else(|| unmarshallable(vm))?;
        return Ok(Constant::Str(s));
    }
    if t == ty.bytes {
        let b = crate::types::bytes::buf(v).ok_or_else(|| unmarshallable(vm))?;
        return Ok(Constant::Bytes(b.to_vec().into()));
    }
    let (tuple, frozenset, code) = (ty.tuple, ty.frozenset, ty.code);
    if t == tuple || t == frozenset {
        let items = if t == tuple {
            vm.seq_items(v)
        } else {
            vm.collect(v)?
        };
        let mark = vm.push_root(v);
        let r = items
            .into_iter()
            .map(|x| constant(vm, x, depth + 1))
            .collect::<PyResult<Vec<_>>>();
        vm.pop_roots(mark);
        let items = r?.into();
        return Ok(if t == tuple {
            Constant::Tuple(items)
        } else {
            Constant::FrozenSet(items)
        });
    }
    if t == code {
        return Ok(Constant::Code(code_object(vm, v, depth)?));
    }
    Err(unmarshallable(vm))
}

/// The reader: input, position and the back-reference table (rooted by
/// the caller through a list).
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    refs: Value,
}

fn eof(vm: &mut Vm) -> PyException {
    let t = vm.g.exc["EOFError"];
    vm.new_exc(t, "EOF read where object expected")
}

/// A value cut off after its type code.
fn short(vm: &mut Vm) -> PyException {
    let t = vm.g.exc["EOFError"];
    vm.new_exc(t, "marshal data too short")
}

fn bad(vm: &mut Vm, what: &str) -> PyException {
    vm.value_error(&format!("bad marshal data ({what})"))
}

impl Reader<'_> {
    fn take(&mut self, vm: &mut Vm, n: usize) -> PyResult<&[u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(e) => {
                let s = &self.data[self.pos..e];
                self.pos = e;
                Ok(s)
            }
            None => Err(short(vm)),
        }
    }

    fn byte(&mut self, vm: &mut Vm) -> PyResult<u8> {
        Ok(self.take(vm, 1)?[0])
    }

    fn i32(&mut self, vm: &mut Vm) -> PyResult<i32> {
        let b = self.take(vm, 4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn size(&mut self, vm: &mut Vm) -> PyResult<usize> {
        let n = self.i32(vm)?;
        usize::try_from(n).map_err(|_| bad(vm, "size out of range"))
    }

    fn f64(&mut self, vm: &mut Vm) -> PyResult<f64> {
        let b = self.take(vm, 8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    /// Reserves a back-reference slot when `flag` is set.
    fn reserve(&mut self, vm: &mut Vm, flag: bool) -> Option<usize> {
        if !flag {
            return None;
        }
        let n = vm.seq_items(self.refs).len();
        vm.list_append(self.refs, Value::NONE);
        Some(n)
    }

    fn fill(&mut self, vm: &mut Vm, slot: Option<usize>, v: Value) -> PyResult<Value> {
        if let Some(i) = slot {
            let idx = Value::int(i as i64);
            vm.setitem(self.refs, idx, v)?;
        }
        Ok(v)
    }

    fn str_of_bytes(&mut self, vm: &mut Vm, n: usize, ascii: bool) -> PyResult<Value> {
        let b = self.take(vm, n)?.to_vec();
        if ascii && !b.is_ascii() || std::str::from_utf8(&b).is_err() {
            return Err(bad(vm, "invalid string"));
        }
        Ok(vm.new_str_bytes(&b))
    }

    fn object(&mut self, vm: &mut Vm, depth: usize) -> PyResult<Value> {
        if depth > MAX_DEPTH {
            return Err(bad(vm, "recursion limit exceeded"));
        }
        let Some(&code) = self.data.get(self.pos) else {
            return Err(eof(vm));
        };
        self.pos += 1;
        let flag = code & FLAG_REF != 0;
        let ty = code & !FLAG_REF;
        let v = match ty {
            b'N' => Value::NONE,
            b'T' => Value::TRUE,
            b'F' => Value::FALSE,
            b'.' => Value::ELLIPSIS,
            b'S' => vm.g.e.StopIteration,
            b'0' => return Err(bad(vm, "NULL object in marshal data for object")),
            b'i' => {
                let slot = self.reserve(vm, flag);
                let i = self.i32(vm)?;
                return self.fill(vm, slot, Value::int(i64::from(i)));
            }
            b'l' => {
                let slot = self.reserve(vm, flag);
                let n = self.i32(vm)?;
                let count = n.unsigned_abs() as usize;
                let mut mag = num_bigint::BigUint::from(0u32);
                let Some(nbytes) = count.checked_mul(2) else {
                    return Err(short(vm));
                };
                let raw = self.take(vm, nbytes)?.to_vec();
                for (i, pair) in raw.chunks(2).enumerate().rev() {
                    let d = u16::from_le_bytes([pair[0], pair[1]]);
                    if d >= 1 << 15 || (i == count - 1 && d == 0) {
                        return Err(bad(vm, "digit out of range in long"));
                    }
                    mag = (mag << 15u32) + num_bigint::BigUint::from(d);
                }
                let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
                let v = vm.new_bigint(BigInt::from_biguint(sign, mag));
                return self.fill(vm, slot, v);
            }
            b'g' => {
                let slot = self.reserve(vm, flag);
                let f = self.f64(vm)?;
                let v = vm.new_float(f);
                return self.fill(vm, slot, v);
            }
            b'y' => {
                let slot = self.reserve(vm, flag);
                let (re, im) = (self.f64(vm)?, self.f64(vm)?);
                let v = vm.new_complex(re, im);
                return self.fill(vm, slot, v);
            }
            b's' => {
                let slot = self.reserve(vm, flag);
                let n = self.size(vm)?;
                let b = self.take(vm, n)?.to_vec();
                let v = vm.new_bytes(&b);
                return self.fill(vm, slot, v);
            }
            b'u' | b't' | b'a' | b'A' | b'z' | b'Z' => {
                let slot = self.reserve(vm, flag);
                let n = if matches!(ty, b'z' | b'Z') {
                    self.byte(vm)? as usize
                } else {
                    self.size(vm)?
                };
                let v = self.str_of_bytes(vm, n, matches!(ty, b'a' | b'A' | b'z' | b'Z'))?;
                return self.fill(vm, slot, v);
            }
            b'r' => {
                let i = self.size(vm)?;
                let refs = vm.seq_items(self.refs);
                return match refs.get(i) {
                    Some(&v) => Ok(v),
                    None => Err(bad(vm, "invalid reference")),
                };
            }
            b'(' | b')' | b'[' | b'<' | b'>' => {
                let n = if ty == b')' {
                    self.byte(vm)? as usize
                } else {
                    self.size(vm)?
                };
                let slot = self.reserve(vm, flag);
                let holder = vm.new_list(&[]);
                let mark = vm.push_root(holder);
                for _ in 0..n {
                    let x = match self.object(vm, depth + 1) {
                        Ok(x) => x,
                        Err(e) => {
                            vm.pop_roots(mark);
                            return Err(e);
                        }
                    };
                    vm.list_append(holder, x);
                }
                let items = vm.seq_items(holder);
                let v = match ty {
                    b'(' | b')' => vm.new_tuple(&items),
                    b'[' => vm.new_list(&items),
                    _ => {
                        let s = vm.new_set(ty == b'>');
                        vm.push_root(s);
                        for x in items {
                            if let Err(e) = vm.set_add(s, x) {
                                vm.pop_roots(mark);
                                return Err(e);
                            }
                        }
                        s
                    }
                };
                vm.pop_roots(mark);
                return self.fill(vm, slot, v);
            }
            b'{' => {
                let slot = self.reserve(vm, flag);
                let d = vm.new_dict();
                let mark = vm.push_root(d);
                let r = self.fill(vm, slot, d);
                if let Err(e) = r {
                    vm.pop_roots(mark);
                    return Err(e);
                }
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let kv = self.object(vm, depth + 1).and_then(|k| {
                        vm.push_root(k);
                        let x = self.object(vm, depth + 1)?;
                        vm.setitem(d, k, x)
                    });
                    if let Err(e) = kv {
                        vm.pop_roots(mark);
                        return Err(e);
                    }
                }
                vm.pop_roots(mark);
                return Ok(d);
            }
            b'c' => {
                let slot = self.reserve(vm, flag);
                let n = self.size(vm)?;
                let blob = self.take(vm, n)?;
                let code = match engine::bytecode::deserialize(blob) {
                    Ok(c) => c,
                    Err(e) => {
                        let msg = format!("code object: {}", e.0);
                        return Err(bad(vm, &msg));
                    }
                };
                let v = vm.new_code(code);
                return self.fill(vm, slot, v);
            }
            _ => return Err(bad(vm, "unknown type code")),
        };
        let slot = self.reserve(vm, flag);
        self.fill(vm, slot, v)
    }
}

fn version_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<()> {
    match v {
        None => Ok(()),
        Some(x) if x.as_int().is_some() => Ok(()),
        Some(x) => {
            let tn = vm.type_name_of(x);
            Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )))
        }
    }
}

fn dumps_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let mut out = Vec::new();
    w_object(vm, v, &mut out, 0)?;
    Ok(vm.new_bytes(&out))
}

fn loads_bytes(vm: &mut Vm, data: &[u8]) -> PyResult<(Value, usize)> {
    let refs = vm.new_list(&[]);
    let mark = vm.push_root(refs);
    let mut r = Reader { data, pos: 0, refs };
    let v = r.object(vm, 0);
    vm.pop_roots(mark);
    Ok((v?, r.pos))
}

/// `dumps(value, version=4, /)`.
fn dumps(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "dumps", a, k, 1, 2)?;
    version_arg(vm, a.get(1).copied())?;
    let version = a.get(1).copied().unwrap_or(Value::int(VERSION));
    vm.audit("marshal.dumps", &[a[0], version])?;
    dumps_value(vm, a[0])
}

/// `loads(bytes, /)`.
fn loads(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "loads", a, k, 1, 1)?;
    let Some(b) = crate::types::bytes::buf(a[0]) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    let b = b.to_vec();
    if vm.auditing() {
        let bv = vm.new_bytes(&b);
        vm.audit("marshal.loads", &[bv])?;
    }
    Ok(loads_bytes(vm, &b)?.0)
}

/// `dump(value, file, version=4, /)`: writes `dumps(value)` to `file`.
fn dump(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "dump", a, k, 2, 3)?;
    version_arg(vm, a.get(2).copied())?;
    let version = a.get(2).copied().unwrap_or(Value::int(VERSION));
    vm.audit("marshal.dumps", &[a[0], version])?;
    let data = dumps_value(vm, a[0])?;
    let mark = vm.push_root(data);
    let r = vm.call_method(a[1], "write", &[data]);
    vm.pop_roots(mark);
    r.map(|_| Value::NONE)
}

/// `load(file, /)`: reads one value from `file` (its whole remaining
/// content is read; what follows the value is left unread by seeking back
/// when the file can seek).
fn load(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "load", a, k, 1, 1)?;
    vm.audit("marshal.load", &[])?;
    let data = vm.call_method(a[0], "read", &[])?;
    let Some(b) = crate::types::bytes::buf(data) else {
        let tn = vm.type_name_of(data);
        return Err(vm.type_error(&format!("file.read() returned not bytes but {tn}")));
    };
    let b = b.to_vec();
    let (v, used) = loads_bytes(vm, &b)?;
    if used < b.len() {
        let mark = vm.push_root(v);
        let back = Value::int(used as i64 - b.len() as i64);
        let r = vm.call_method(a[0], "seek", &[back, Value::int(1)]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(v)
}

/// Creates the `marshal` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("marshal");
    let fns: &[(&'static str, NativeFn)] = &[
        ("dumps", dumps),
        ("loads", loads),
        ("dump", dump),
        ("load", load),
    ];
    vm.add_module_functions(m, fns);
    vm.set_module_attr(m, "version", Value::int(VERSION));
    Ok(m)
}
