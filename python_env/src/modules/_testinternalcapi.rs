//! The `_testinternalcapi` module: the parts of CPython's internal test
//! helpers that describe this interpreter truthfully: `get_config()` (the
//! run's configuration, as the `PyConfig` fields CPython's test support
//! reads, from `sys` and `sys.flags`) and `get_recursion_depth()`. Helpers
//! that expose CPython's C internals (its allocator, path configuration,
//! locale codecs) are absent, so their callers fail with AttributeError.

use engine::runtime::*;
use proto_core::Value;

/// `PyConfig` fields read from `sys.flags`: (config name, flag, negated).
const FLAG_FIELDS: &[(&str, &str, bool)] = &[
    ("isolated", "isolated", false),
    ("use_environment", "ignore_environment", true),
    ("dev_mode", "dev_mode", false),
    ("safe_path", "safe_path", false),
    ("bytes_warning", "bytes_warning", false),
    ("inspect", "inspect", false),
    ("interactive", "interactive", false),
    ("optimization_level", "optimize", false),
    ("parser_debug", "debug", false),
    ("write_bytecode", "dont_write_bytecode", true),
    ("verbose", "verbose", false),
    ("quiet", "quiet", false),
    ("site_import", "no_site", true),
    ("user_site_directory", "no_user_site", true),
    ("warn_default_encoding", "warn_default_encoding", false),
    ("int_max_str_digits", "int_max_str_digits", false),
];

/// `PyConfig` fields that are `sys` attributes of the same value.
const SYS_FIELDS: &[(&str, &str)] = &[
    ("argv", "argv"),
    ("orig_argv", "orig_argv"),
    ("executable", "executable"),
    ("base_executable", "_base_executable"),
    ("prefix", "prefix"),
    ("base_prefix", "base_prefix"),
    ("exec_prefix", "exec_prefix"),
    ("base_exec_prefix", "base_exec_prefix"),
    ("platlibdir", "platlibdir"),
    ("stdlib_dir", "_stdlib_dir"),
    ("pycache_prefix", "pycache_prefix"),
    ("warnoptions", "warnoptions"),
];

/// `get_config()`: a dict of this run's configuration.
fn get_config(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_config", a, k, 0, 0)?;
    let sys = vm.import_module("sys")?;
    let mark = vm.push_root(sys);
    let r = config_dict(vm, sys);
    vm.pop_roots(mark);
    r
}

fn config_dict(vm: &mut Vm, sys: Value) -> PyResult<Value> {
    let d = vm.new_dict();
    vm.push_root(d);
    let flags_name = vm.intern("flags");
    if let Some(flags) = vm.getattr_opt(sys, flags_name)? {
        vm.push_root(flags);
        for &(field, flag, negated) in FLAG_FIELDS {
            let n = vm.intern(flag);
            if let Some(v) = vm.getattr_opt(flags, n)? {
                let v = if negated {
                    Value::int(i64::from(!vm.truthy(v)?))
                } else {
                    v
                };
                let key = vm.intern(field);
                vm.dict_set(d, key, v)?;
            }
        }
    }
    for &(field, attr) in SYS_FIELDS {
        let n = vm.intern(attr);
        if let Some(v) = vm.getattr_opt(sys, n)? {
            let key = vm.intern(field);
            vm.dict_set(d, key, v)?;
        }
    }
    let fs = vm.call_method(sys, "getfilesystemencoding", &[])?;
    let key = vm.intern("filesystem_encoding");
    vm.dict_set(d, key, fs)?;
    let fse = vm.call_method(sys, "getfilesystemencodeerrors", &[])?;
    let key = vm.intern("filesystem_errors");
    vm.dict_set(d, key, fse)?;
    let xo = vm.intern("_xoptions");
    if let Some(x) = vm.getattr_opt(sys, xo)? {
        let key = vm.intern("xoptions");
        vm.dict_set(d, key, x)?;
    }
    // Column positions (`co_positions`) unless -X no_debug_ranges.
    let key = vm.intern("code_debug_ranges");
    let on = engine::runtime::traceback::debug_ranges();
    vm.dict_set(d, key, Value::int(i64::from(on)))?;
    Ok(d)
}

/// `get_recursion_depth()`: the number of Python frames running on this
/// thread (the caller's included).
fn get_recursion_depth(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_recursion_depth", a, k, 0, 0)?;
    Ok(Value::int(vm.frames.len() as i64))
}

/// Creates the module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_testinternalcapi");
    let fns: &[(&'static str, NativeFn)] = &[
        ("get_config", get_config),
        ("get_recursion_depth", get_recursion_depth),
    ];
    vm.add_module_functions(m, fns);
    Ok(m)
}
