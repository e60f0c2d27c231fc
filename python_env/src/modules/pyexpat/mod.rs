//! The `pyexpat` module: CPython 3.11's binding of the expat XML parser, in
//! Rust over the system libexpat (Debian's `libexpat1-dev`, the library
//! CPython itself binds), so expat's own DTD handling, error codes and
//! messages are what programs see. CPython's `xml.parsers.expat`,
//! `xml.etree.ElementTree`, `xml.dom.minidom`, `xml.sax` and `plistlib` run
//! on it unmodified.
//!
//! Files: `ffi.rs` (the C declarations and the parser handle), `parser.rs`
//! (the `xmlparser` type, its handlers and the callbacks expat makes). This
//! file makes the module: `ParserCreate`, `ErrorString`, `ExpatError`, the
//! `errors` and `model` submodules and the version constants.
//! `expat_CAPI` (a capsule for C extensions) is not provided: ProtoPy loads
//! no C extensions.

pub(crate) mod ffi;
mod parser;

use engine::compiler::Mode;
use engine::runtime::*;
use proto_core::{Obj, Value};
use std::ffi::CString;
use std::sync::OnceLock;

/// The module's type, exception class and traceback code objects: global
/// roots, made once per process (a re-import reuses them).
pub(super) struct Types {
    pub parser: Value,
    pub error: Value,
    /// Per handler: a code object named after its event, file `pyexpat.c`
    /// (None if it could not be made).
    pub tb_codes: [Value; parser::N_HANDLERS],
}

static TYPES: OnceLock<Types> = OnceLock::new();

pub(super) fn types() -> &'static Types {
    TYPES
        .get()
        .expect("pyexpat types are made when the module is created")
}

/// A str argument (or None where `none_ok`) as a C string, with CPython's
/// messages for a wrong type and an embedded NUL.
pub(super) fn c_string(
    vm: &mut Vm,
    v: Value,
    fname: &str,
    what: &str,
    none_ok: bool,
) -> PyResult<Option<CString>> {
    if none_ok && v.is_none() {
        return Ok(None);
    }
    if !is_str(v) {
        let tn = vm.arg_type_name(v);
        let want = if none_ok { "str or None" } else { "str" };
        return Err(vm.type_error(&format!("{fname}() {what} must be {want}, not {tn}")));
    }
    let b = str_bytes(v);
    if std::str::from_utf8(b).is_err() {
        let u = vm.new_str("utf-8");
        vm.call_method(v, "encode", &[u])?;
    }
    match CString::new(b.to_vec()) {
        Ok(c) => Ok(Some(c)),
        Err(_) => Err(vm.value_error("embedded null character")),
    }
}

/// `ParserCreate(encoding=None, namespace_separator=None, intern=<new dict>)`.
fn parser_create(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [enc, sep, intern] = crate::types::clinic::unpack(
        vm,
        "ParserCreate",
        a,
        k,
        ["encoding", "namespace_separator", "intern"],
        0,
        0,
        3,
    )?;
    let enc = match enc {
        Some(v) => c_string(vm, v, "ParserCreate", "argument 'encoding'", true)?,
        None => None,
    };
    let sep = match sep {
        Some(v) => c_string(
            vm,
            v,
            "ParserCreate",
            "argument 'namespace_separator'",
            true,
        )?,
        None => None,
    };
    if sep.as_ref().is_some_and(|s| s.as_bytes().len() > 1) {
        return Err(
            vm.value_error("namespace_separator must be at most one character, omitted, or None")
        );
    }
    let intern = match intern {
        None => vm.new_dict(),
        Some(v) if v.is_none() => Value::NONE,
        Some(v) => {
            if !vm.isinstance(v, vm.g.types.dict) {
                return Err(vm.type_error("intern must be a dictionary"));
            }
            v
        }
    };
    parser::create(vm, enc, sep, intern)
}

/// `ErrorString(code, /)`: expat's message for an error code, or None.
fn error_string(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "ErrorString", "ErrorString", a, k, 1, 1)?;
    let code = crate::args::c_long(vm, a[0])?;
    Ok(match ffi::error_string(code) {
        Some(s) => vm.new_str(s),
        None => Value::NONE,
    })
}

/// The names of expat's error codes 1..=43, as `pyexpat.errors` has them.
const ERROR_NAMES: [&str; 43] = [
    "XML_ERROR_NO_MEMORY",
    "XML_ERROR_SYNTAX",
    "XML_ERROR_NO_ELEMENTS",
    "XML_ERROR_INVALID_TOKEN",
    "XML_ERROR_UNCLOSED_TOKEN",
    "XML_ERROR_PARTIAL_CHAR",
    "XML_ERROR_TAG_MISMATCH",
    "XML_ERROR_DUPLICATE_ATTRIBUTE",
    "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
    "XML_ERROR_PARAM_ENTITY_REF",
    "XML_ERROR_UNDEFINED_ENTITY",
    "XML_ERROR_RECURSIVE_ENTITY_REF",
    "XML_ERROR_ASYNC_ENTITY",
    "XML_ERROR_BAD_CHAR_REF",
    "XML_ERROR_BINARY_ENTITY_REF",
    "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF",
    "XML_ERROR_MISPLACED_XML_PI",
    "XML_ERROR_UNKNOWN_ENCODING",
    "XML_ERROR_INCORRECT_ENCODING",
    "XML_ERROR_UNCLOSED_CDATA_SECTION",
    "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
    "XML_ERROR_NOT_STANDALONE",
    "XML_ERROR_UNEXPECTED_STATE",
    "XML_ERROR_ENTITY_DECLARED_IN_PE",
    "XML_ERROR_FEATURE_REQUIRES_XML_DTD",
    "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
    "XML_ERROR_UNBOUND_PREFIX",
    "XML_ERROR_UNDECLARING_PREFIX",
    "XML_ERROR_INCOMPLETE_PE",
    "XML_ERROR_XML_DECL",
    "XML_ERROR_TEXT_DECL",
    "XML_ERROR_PUBLICID",
    "XML_ERROR_SUSPENDED",
    "XML_ERROR_NOT_SUSPENDED",
    "XML_ERROR_ABORTED",
    "XML_ERROR_FINISHED",
    "XML_ERROR_SUSPEND_PE",
    "XML_ERROR_RESERVED_PREFIX_XML",
    "XML_ERROR_RESERVED_PREFIX_XMLNS",
    "XML_ERROR_RESERVED_NAMESPACE_URI",
    "XML_ERROR_INVALID_ARGUMENT",
    "XML_ERROR_NO_BUFFER",
    "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
];

/// Fallback messages for a libexpat older than the codes above (the
/// library's own `XML_ErrorString` is used when it knows the code).
const OLD_LIB_MESSAGES: [(usize, &str); 3] = [
    (41, "invalid argument"),
    (
        42,
        "a successful prior call to function XML_GetBuffer is required",
    ),
    (
        43,
        "limit on input amplification factor (from DTD and entities) breached",
    ),
];

/// A submodule `pyexpat.<name>`, registered in sys.modules.
fn submodule(vm: &mut Vm, m: Value, name: &str, doc: &str) -> Value {
    let full = format!("pyexpat.{name}");
    let sm = vm.new_module(&full);
    vm.push_root(sm);
    let d = vm.new_str(doc);
    vm.set_module_attr(sm, "__doc__", d);
    let key = vm.new_str(&full);
    vm.push_root(key);
    let mods = vm.g.sys_modules;
    vm.dict_set_str(mods, key, sm);
    vm.set_module_attr(m, name, sm);
    sm
}

/// The code objects for the handler traceback entries (`pyexpat.c`).
fn tb_codes(vm: &mut Vm) -> [Value; parser::N_HANDLERS] {
    let mut out = [Value::NONE; parser::N_HANDLERS];
    let Ok(code) = vm.compile_source(b"pass\n", "pyexpat.c", Mode::Exec) else {
        return out;
    };
    let mark = vm.push_root(code);
    for (i, &(_, fname)) in parser::HANDLERS.iter().enumerate() {
        let r = (|| {
            let rn = vm.intern("replace");
            let replace = vm.getattr(code, rn)?;
            vm.push_root(replace);
            let n = vm.new_str(fname);
            vm.push_root(n);
            let kw = vm.intern("co_name");
            let kwt = vm.new_tuple(&[kw]);
            vm.push_root(kwt);
            vm.call(replace, &[n], kwt)
        })();
        if let Ok(c) = r {
            vm.ctx.add_global_root(c);
            out[i] = c;
        }
    }
    vm.pop_roots(mark);
    out
}

/// Creates the `pyexpat` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("pyexpat");
    let mark = vm.push_root(m);
    let r = (|| {
        if TYPES.get().is_none() {
            let modname = vm.new_str("pyexpat");
            vm.ctx.promote(modname);
            vm.push_root(modname);
            let t = vm.new_static_type("xmlparser", vm.g.types.object, K_INSTANCE, false);
            let to = Obj::from_value(t).expect("type");
            set_type_flags(to, type_flags(to) | TF_NODICT);
            vm.add_attr(t, "__module__", modname);
            vm.ctx.add_global_root(t);
            // class ExpatError(Exception), __module__ 'xml.parsers.expat'.
            let ns = vm.new_dict();
            vm.push_root(ns);
            let key = vm.intern("__module__");
            let emod = vm.new_str("xml.parsers.expat");
            vm.push_root(emod);
            vm.dict_set_str(ns, key, emod);
            let name = vm.new_str("ExpatError");
            vm.push_root(name);
            let bases = vm.new_tuple(&[vm.g.e.Exception]);
            vm.push_root(bases);
            let err = vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY)?;
            vm.ctx.add_global_root(err);
            let codes = tb_codes(vm);
            let _ = TYPES.set(Types {
                parser: t,
                error: err,
                tb_codes: codes,
            });
            parser::init_type(vm, t);
        }
        let t = types();
        let d = vm.new_str("Python wrapper for Expat parser.");
        vm.set_module_attr(m, "__doc__", d);
        vm.set_module_attr(m, "error", t.error);
        vm.set_module_attr(m, "ExpatError", t.error);
        vm.set_module_attr(m, "XMLParserType", t.parser);
        let v = vm.new_str(&ffi::version_string());
        vm.set_module_attr(m, "EXPAT_VERSION", v);
        let (ma, mi, mc) = ffi::version_info();
        let v = vm.new_tuple(&[Value::int(ma), Value::int(mi), Value::int(mc)]);
        vm.set_module_attr(m, "version_info", v);
        let v = vm.new_str("UTF-8");
        vm.set_module_attr(m, "native_encoding", v);

        // errors: the constants (messages), codes (message -> code) and
        // messages (code -> message).
        let em = submodule(
            vm,
            m,
            "errors",
            "Constants used to describe error conditions.",
        );
        let codes = vm.new_dict();
        vm.push_root(codes);
        let messages = vm.new_dict();
        vm.push_root(messages);
        for (i, &n) in ERROR_NAMES.iter().enumerate() {
            let code = i + 1;
            let msg = ffi::error_string(code as i64)
                .or_else(|| OLD_LIB_MESSAGES.iter().find(|x| x.0 == code).map(|x| x.1))
                .unwrap_or("");
            let s = vm.new_str(msg);
            vm.push_root(s);
            vm.set_module_attr(em, n, s);
            vm.dict_set(codes, s, Value::int(code as i64))?;
            vm.dict_set(messages, Value::int(code as i64), s)?;
        }
        vm.set_module_attr(em, "codes", codes);
        vm.set_module_attr(em, "messages", messages);

        let mm = submodule(
            vm,
            m,
            "model",
            "Constants used to interpret content model information.",
        );
        for (n, v) in [
            ("XML_CTYPE_EMPTY", 1),
            ("XML_CTYPE_ANY", 2),
            ("XML_CTYPE_MIXED", 3),
            ("XML_CTYPE_NAME", 4),
            ("XML_CTYPE_CHOICE", 5),
            ("XML_CTYPE_SEQ", 6),
            ("XML_CQUANT_NONE", 0),
            ("XML_CQUANT_OPT", 1),
            ("XML_CQUANT_REP", 2),
            ("XML_CQUANT_PLUS", 3),
        ] {
            vm.set_module_attr(mm, n, Value::int(v));
        }

        let feats = ffi::features();
        let mut items = Vec::with_capacity(feats.len());
        let fmark = vm.ctx.stack().top();
        for (n, v) in feats {
            let s = vm.new_str(&n);
            vm.push_root(s);
            let tup = vm.new_tuple(&[s, Value::int(v)]);
            vm.push_root(tup);
            items.push(tup);
        }
        let l = vm.new_list(&items);
        vm.set_module_attr(m, "features", l);
        vm.pop_roots(fmark);
        for (n, v) in [
            ("XML_PARAM_ENTITY_PARSING_NEVER", 0),
            ("XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE", 1),
            ("XML_PARAM_ENTITY_PARSING_ALWAYS", 2),
        ] {
            vm.set_module_attr(m, n, Value::int(v));
        }
        let fns: &[(&'static str, NativeFn)] = &[
            ("ParserCreate", parser_create),
            ("ErrorString", error_string),
        ];
        vm.add_module_functions(m, fns);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
