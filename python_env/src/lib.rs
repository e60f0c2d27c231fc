//! ProtoPy environment: builtin types' methods (one file per type under
//! `types/`), the builtins module (`builtins.rs`), standard-library modules
//! (`modules/`), and the `protopy` command (`main.rs`).
//!
//! `setup` is the registry hook the engine calls at start-up
//! (`Vm::new_main(setup)`): the engine never names this crate.

/// The system allocator with an emergency reserve: an allocation the
/// system refuses becomes a MemoryError, not an abort.
#[global_allocator]
static ALLOCATOR: proto_core::reserve::ReserveAlloc = proto_core::reserve::ReserveAlloc;

pub mod args;
pub mod builtins;
pub mod main_loader;
pub mod modules;
pub mod text;
pub mod types;

use engine::runtime::ops::Num;
use engine::runtime::{is_str, PyResult, Vm};
use proto_core::Value;

/// [`format_builtin`] for a spec whose fill character is a lone surrogate
/// (None for any other spec): the surrogate stands in the spec as a
/// character the value's text does not hold, put back in the result, which
/// is exact even where the value holds characters of the carriers' range.
fn format_surrogate_fill(vm: &mut Vm, v: Value, spec: Value) -> Option<PyResult<Option<Value>>> {
    let sb = engine::runtime::str_bytes(spec);
    let (cp, n) = engine::bytecode::code::decode_one(sb)?;
    if !(0xD800..=0xDFFF).contains(&cp) || !matches!(sb.get(n), Some(b'<' | b'>' | b'=' | b'^')) {
        return None;
    }
    let vt = if is_str(v) {
        engine::runtime::str_bytes(v)
    } else {
        &[]
    };
    let mut buf = [0u8; 4];
    let holder = (0xF0000..0xFFFFE)
        .filter_map(char::from_u32)
        .find(|c| memchr::memmem::find(vt, c.encode_utf8(&mut buf).as_bytes()).is_none())
        .expect("a plane has more characters than a str of this size needs");
    let hb = holder.encode_utf8(&mut buf).as_bytes().to_vec();
    let spec2 = [&hb[..], &sb[n..]].concat();
    let sv = vm.new_str_bytes(&spec2);
    let mark = vm.push_root(sv);
    let r = format_builtin(vm, v, sv);
    vm.pop_roots(mark);
    let r = match r {
        Ok(Some(r)) => r,
        other => return Some(other),
    };
    let mut out = Vec::new();
    let mut rest = engine::runtime::str_bytes(r);
    while let Some(i) = memchr::memmem::find(rest, &hb) {
        out.extend_from_slice(&rest[..i]);
        engine::runtime::ops::push_cp(&mut out, cp);
        rest = &rest[i + hb.len()..];
    }
    out.extend_from_slice(rest);
    Some(Ok(Some(vm.new_str_bytes(&out))))
}

/// `format(v, spec)` for the builtin str, int, bool, float and complex: the
/// spec's and the value's lone surrogates are carried through the formatting
/// (a surrogate may be the fill character).
fn format_builtin(vm: &mut Vm, v: Value, spec: Value) -> PyResult<Option<Value>> {
    if let Some(r) = format_surrogate_fill(vm, v, spec) {
        return r;
    }
    let mut map = text::SurrogateMap::default();
    let spec = &types::str::carried_text(&mut map, spec);
    let (tn, res) = if is_str(v) {
        let s = types::str::carried_text(&mut map, v);
        match text::FormatSpec::parse_typed(spec, "str") {
            Ok(fs) => ("str", text::format_str(&s, &fs)),
            Err(m) => return Err(vm.value_error(&m)),
        }
    } else {
        match vm.num(v) {
            Some(Num::F(f)) => match text::FormatSpec::parse_typed(spec, "float") {
                Ok(fs) => ("float", text::format_float(f, &fs)),
                Err(m) => return Err(vm.value_error(&m)),
            },
            Some(_) => {
                if v.is_bool() && spec.is_empty() {
                    let t = if v == Value::TRUE { "True" } else { "False" };
                    return Ok(Some(vm.new_str(t)));
                }
                let b = vm.as_bigint(v).unwrap_or_default();
                // Messages name the value's type (bool for True/False).
                let tname = if v.is_bool() { "bool" } else { "int" };
                match text::FormatSpec::parse_typed(spec, tname) {
                    Ok(fs) => {
                        if matches!(fs.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) {
                            let f = num_traits::ToPrimitive::to_f64(&b).unwrap_or(f64::INFINITY);
                            ("int", text::format_float(f, &fs))
                        } else {
                            ("int", text::format_int(&b, &fs))
                        }
                    }
                    Err(m) => return Err(vm.value_error(&m)),
                }
            }
            None => {
                if let Some(c) = types::complex::complex_format_builtin(vm, v, spec)? {
                    return Ok(Some(types::str::carried_str(vm, &map, &c)));
                }
                return Ok(None);
            }
        }
    };
    let _ = tn;
    match res {
        Ok(s) => Ok(Some(types::str::carried_str(vm, &map, &s))),
        Err(e) => Err(text::format_spec::raise(vm, e)),
    }
}

/// Fills the builtin types, the builtins module and the module registry.
pub fn setup(vm: &mut Vm) -> PyResult<()> {
    // Each interpreter is set up once; a second call finds them in place.
    let _ = vm.g.hooks.set(engine::runtime::Hooks {
        format_builtin: Some(format_builtin),
        float_repr: Some(text::float_repr),
        str_repr: Some(text::repr::str_repr_wtf8),
        str_mod: Some(types::str::percent),
        frozen_test_module: Some(modules::_imp::frozen_test_module),
    });
    types::init(vm)?;
    builtins::init(vm)?;
    types::docs::init(vm)?;
    modules::init(vm)?;
    Ok(())
}
