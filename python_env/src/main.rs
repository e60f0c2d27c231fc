//! The `protopy` command: CPython 3.11's command line
//! (`protopy [option] ... [-c cmd | -m mod | file | -] [arg] ...`), parsed by
//! hand with CPython's getopt rules (option clustering, `-c`/`-m` ending the
//! options), plus ProtoPy's own `--dis`.

/// `eprint!` that ignores a failing stderr: a closed terminal or pipe
/// must not turn into a panic.
macro_rules! err {
    ($($t:tt)*) => {{
        let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!($($t)*));
    }};
}

/// `eprintln!` that ignores a failing stderr.
macro_rules! errln {
    () => { err!("\n") };
    ($($t:tt)*) => {{
        err!($($t)*);
        err!("\n");
    }};
}

/// `print!` that ignores a failing stdout.
macro_rules! out {
    ($($t:tt)*) => {{
        let _ = std::io::Write::write_fmt(&mut std::io::stdout(), format_args!($($t)*));
    }};
}

mod repl;

use engine::compiler::Mode;
use engine::runtime::{is_str, str_of, Obj, PyException, Vm};
use proto_core::Value;
use std::io::{IsTerminal, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::process::ExitCode;

/// CPython's `-h` text (its `usage_line` follows from the program name).
const HELP: &str = include_str!("cli_help.txt");
/// CPython's `--help-env` text.
const HELP_ENV: &str = include_str!("cli_help_env.txt");
/// CPython's `--help-xoptions` text, with ProtoPy's own -X options.
const HELP_XOPTIONS: &str = include_str!("cli_help_xoptions.txt");

/// What the command line asks to run.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Program {
    /// `-c CMD`.
    Command(String),
    /// `-m MOD`.
    Module(String),
    /// A script file.
    File(String),
    /// `-` or nothing: standard input (a REPL when interactive).
    Stdin,
}

/// The parsed command line and environment, as CPython's `PyConfig`.
#[derive(Debug, Clone)]
pub struct Config {
    program: Program,
    /// `sys.argv` (argv[0] already set as CPython sets it before runpy).
    argv: Vec<String>,
    bytes_warning: i64,
    debug: i64,
    inspect: bool,
    interactive: bool,
    isolated: bool,
    ignore_environment: bool,
    optimize: i64,
    safe_path: bool,
    pub quiet: bool,
    no_user_site: bool,
    no_site: bool,
    unbuffered: bool,
    verbose: i64,
    dont_write_bytecode: bool,
    skip_first_line: bool,
    dev_mode: bool,
    /// `-X faulthandler`, PYTHONFAULTHANDLER or `-X dev`.
    faulthandler: bool,
    /// `-X importtime` or PYTHONPROFILEIMPORTTIME.
    import_time: bool,
    /// `-X warn_default_encoding` or PYTHONWARNDEFAULTENCODING.
    warn_default_encoding: bool,
    /// `-X utf8[=0|1]` or PYTHONUTF8; None: by the locale.
    utf8_mode: Option<bool>,
    /// `-X frozen_modules[=on|off]` (on by default).
    frozen_modules: bool,
    /// `-X pycache_prefix=PATH` or PYTHONPYCACHEPREFIX (`sys.pycache_prefix`).
    pycache_prefix: Option<String>,
    /// The raw bytes of the `sys.argv` entries that are not UTF-8, by
    /// index (decoded with surrogateescape once `sys` exists).
    argv_bytes: Vec<(usize, Vec<u8>)>,
    /// The script's path as given, when it is not UTF-8 (opened from its
    /// bytes; `__file__` decoded with surrogateescape).
    program_bytes: Option<Vec<u8>>,
    warnoptions: Vec<String>,
    xoptions: Vec<String>,
    /// `-X int_max_str_digits=N` or PYTHONINTMAXSTRDIGITS (-1: unset).
    int_max_str_digits: i64,
    /// `-X no_debug_ranges` or PYTHONNODEBUGRANGES.
    no_debug_ranges: bool,
    /// `sys.flags.hash_randomization`: PYTHONHASHSEED is not 0.
    hash_randomization: bool,
    /// `-R`: a random hash seed whatever PYTHONHASHSEED says.
    random_hash: bool,
    /// `-X tracemalloc[=N]` or PYTHONTRACEMALLOC: the traceback limit
    /// `tracemalloc` starts with (0: not started).
    tracemalloc: i64,
    dis: bool,
}

/// Why parsing stopped without a program to run.
enum Stop {
    /// Print this to stdout and exit 0.
    Print(String),
    /// A usage error: this message, then the usage line, exit 2.
    Usage(String),
    /// A configuration error: this message to stderr, exit 1.
    Fatal(String),
}

fn usage_error(program: &str) -> String {
    format!(
        "usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n\
         Try `protopy -h' for more information.\n"
    )
}

/// The `-V`/`-VV` text: the first word of `sys.version`, or all of it.
fn version_text(count: u32) -> String {
    if count >= 2 {
        format!("Python {}\n", python_env::modules::sys::VERSION)
    } else {
        let short = python_env::modules::sys::VERSION
            .split(' ')
            .next()
            .unwrap_or("");
        format!("Python {short}\n")
    }
}

/// CPython's `_Py_get_env_flag`: an integer value raises the level to it,
/// any other non-empty value counts as 1.
fn env_flag(use_env: bool, name: &str, level: &mut i64) {
    if !use_env {
        return;
    }
    if let Ok(v) = std::env::var(name) {
        if v.is_empty() {
            return;
        }
        let n = v.trim().parse::<i64>().unwrap_or(1).max(1);
        *level = (*level).max(n);
    }
}

/// Parses `args` (without the program name) as CPython 3.11's
/// `config_parse_cmdline` does, then applies the environment.
fn parse_args(program_name: &str, args: &[String]) -> Result<Config, Stop> {
    const WITH_ARG: &str = "cmWX";
    const FLAGS: &str = "bBdEhiIOPqRsStuvVx?";
    let mut c = Config {
        program: Program::Stdin,
        argv: Vec::new(),
        bytes_warning: 0,
        debug: 0,
        inspect: false,
        interactive: false,
        isolated: false,
        ignore_environment: false,
        optimize: 0,
        safe_path: false,
        quiet: false,
        no_user_site: false,
        no_site: false,
        unbuffered: false,
        verbose: 0,
        dont_write_bytecode: false,
        skip_first_line: false,
        dev_mode: false,
        faulthandler: false,
        import_time: false,
        warn_default_encoding: false,
        utf8_mode: None,
        frozen_modules: true,
        pycache_prefix: None,
        argv_bytes: Vec::new(),
        program_bytes: None,
        warnoptions: Vec::new(),
        xoptions: Vec::new(),
        int_max_str_digits: -1,
        hash_randomization: true,
        random_hash: false,
        no_debug_ranges: false,
        tracemalloc: 0,
        dis: false,
    };
    let mut version = 0u32;
    let mut i = 0;
    let mut stop_program: Option<Program> = None;
    'outer: while i < args.len() {
        let a = &args[i];
        if !a.starts_with('-') || a == "-" {
            break;
        }
        i += 1;
        if a == "--" {
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            match long {
                "help" => return Err(Stop::Print(format!("{}{HELP}", usage_line(program_name)))),
                "version" => version += 1,
                "help-env" => return Err(Stop::Print(HELP_ENV.to_string())),
                "help-xoptions" => return Err(Stop::Print(HELP_XOPTIONS.to_string())),
                "help-all" => {
                    return Err(Stop::Print(format!(
                        "{}{HELP}\n\n{HELP_ENV}\n\n{HELP_XOPTIONS}",
                        usage_line(program_name)
                    )))
                }
                "dis" => c.dis = true,
                "check-hash-based-pycs" => {
                    let Some(v) = args.get(i) else {
                        return Err(Stop::Usage(format!(
                            "Argument expected for the {a} options\n"
                        )));
                    };
                    i += 1;
                    if !["always", "default", "never"].contains(&v.as_str()) {
                        return Err(Stop::Usage(
                            "--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n"
                                .into(),
                        ));
                    }
                }
                "" => return Err(Stop::Usage("expected long option\n".into())),
                _ => return Err(Stop::Usage(format!("unknown option {a}\n"))),
            }
            continue;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let o = chars[j];
            j += 1;
            if o == 'J' {
                return Err(Stop::Usage("-J is reserved for Jython\n".into()));
            }
            if WITH_ARG.contains(o) {
                let rest: String = chars[j..].iter().collect();
                let arg = if !rest.is_empty() {
                    rest
                } else if let Some(v) = args.get(i) {
                    i += 1;
                    v.clone()
                } else {
                    return Err(Stop::Usage(format!(
                        "Argument expected for the -{o} option\n"
                    )));
                };
                match o {
                    'c' => {
                        stop_program = Some(Program::Command(arg + "\n"));
                        break 'outer;
                    }
                    'm' => {
                        stop_program = Some(Program::Module(arg));
                        break 'outer;
                    }
                    'W' => c.warnoptions.push(arg),
                    _ => c.xoptions.push(arg),
                }
                break;
            }
            if !FLAGS.contains(o) {
                return Err(Stop::Usage(format!("Unknown option: -{o}\n")));
            }
            match o {
                'b' => c.bytes_warning += 1,
                'B' => c.dont_write_bytecode = true,
                'd' => c.debug += 1,
                'E' => c.ignore_environment = true,
                'h' | '?' => {
                    return Err(Stop::Print(format!("{}{HELP}", usage_line(program_name))))
                }
                'i' => {
                    c.inspect = true;
                    c.interactive = true;
                }
                'I' => {
                    c.isolated = true;
                    c.ignore_environment = true;
                    c.no_user_site = true;
                    c.safe_path = true;
                }
                'O' => c.optimize += 1,
                'P' => c.safe_path = true,
                'q' => c.quiet = true,
                's' => c.no_user_site = true,
                'S' => c.no_site = true,
                'u' => c.unbuffered = true,
                'v' => c.verbose += 1,
                'V' => version += 1,
                'x' => c.skip_first_line = true,
                'R' => c.random_hash = true,
                // -t is accepted and ignored, as CPython 3.11.
                _ => {}
            }
        }
    }
    if version > 0 {
        return Err(Stop::Print(version_text(version)));
    }
    // sys.argv: from the argument at which the options stopped; argv[0] is
    // "-c"/"-m" for those forms, the file name, "-", or "".
    let rest = &args[i.min(args.len())..];
    match stop_program {
        Some(p) => {
            c.argv.push(match p {
                Program::Command(_) => "-c".into(),
                _ => "-m".into(),
            });
            c.argv.extend(rest.iter().cloned());
            c.program = p;
        }
        None => {
            if let Some(first) = rest.first() {
                if first != "-" {
                    c.program = Program::File(first.clone());
                }
                c.argv.extend(rest.iter().cloned());
            } else {
                c.argv.push(String::new());
            }
        }
    }
    // The environment, unless -E/-I.
    let use_env = !c.ignore_environment;
    let getenv = |n: &str| {
        if use_env {
            std::env::var(n).ok().filter(|v| !v.is_empty())
        } else {
            None
        }
    };
    env_flag(use_env, "PYTHONDEBUG", &mut c.debug);
    env_flag(use_env, "PYTHONVERBOSE", &mut c.verbose);
    env_flag(use_env, "PYTHONOPTIMIZE", &mut c.optimize);
    if getenv("PYTHONINSPECT").is_some() {
        c.inspect = true;
    }
    if getenv("PYTHONUNBUFFERED").is_some() {
        c.unbuffered = true;
    }
    if getenv("PYTHONDONTWRITEBYTECODE").is_some() {
        c.dont_write_bytecode = true;
    }
    if getenv("PYTHONNOUSERSITE").is_some() {
        c.no_user_site = true;
    }
    if getenv("PYTHONSAFEPATH").is_some() {
        c.safe_path = true;
    }
    if getenv("PYTHONDEVMODE").is_some() || c.xoptions.iter().any(|x| x == "dev") {
        c.dev_mode = true;
    }
    let has_x = |name: &str| c.xoptions.iter().any(|x| x.split('=').next() == Some(name));
    c.faulthandler = c.dev_mode || has_x("faulthandler") || getenv("PYTHONFAULTHANDLER").is_some();
    c.import_time = has_x("importtime") || getenv("PYTHONPROFILEIMPORTTIME").is_some();
    c.warn_default_encoding =
        has_x("warn_default_encoding") || getenv("PYTHONWARNDEFAULTENCODING").is_some();
    // The UTF-8 mode: -X utf8[=0|1] wins over PYTHONUTF8; with neither,
    // the locale decides at start-up (on in the C or POSIX locale).
    let utf8_fatal = |what: &str| {
        Stop::Fatal(format!(
            "Fatal Python error: preconfig_init_utf8_mode: invalid {what}\nPython runtime state: preinitializing\n\n"
        ))
    };
    // -X frozen_modules: "on" (also bare or empty) or "off".
    if let Some(v) = xoption(&c.xoptions, "frozen_modules") {
        c.frozen_modules = match v.as_deref() {
            None | Some("" | "on") => true,
            Some("off") => false,
            Some(_) => {
                return Err(Stop::Fatal(
                    "Fatal Python error: bad value for option -X frozen_modules (expected \"on\" or \"off\")\nPython runtime state: preinitialized\n\n".into(),
                ))
            }
        };
    }
    c.utf8_mode = match xoption(&c.xoptions, "utf8") {
        Some(v) => match v.as_deref() {
            None | Some("1") => Some(true),
            Some("0") => Some(false),
            Some(_) => return Err(utf8_fatal("-X utf8 option value")),
        },
        None => match getenv("PYTHONUTF8").as_deref() {
            None => None,
            Some("1") => Some(true),
            Some("0") => Some(false),
            Some(_) => return Err(utf8_fatal("PYTHONUTF8 environment variable value")),
        },
    };
    // -X pycache_prefix (an empty or missing PATH means none) wins over
    // PYTHONPYCACHEPREFIX.
    c.pycache_prefix = match xoption(&c.xoptions, "pycache_prefix") {
        Some(v) => v.filter(|p| !p.is_empty()),
        None => getenv("PYTHONPYCACHEPREFIX"),
    };
    if let Some(w) = getenv("PYTHONWARNINGS") {
        let mut opts: Vec<String> = w
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect();
        opts.append(&mut c.warnoptions);
        c.warnoptions = opts;
    }
    // CPython's config_init_warnoptions: in reverse priority order, -X dev
    // first, then PYTHONWARNINGS, the -W options, and -b/-bb last (the
    // warnings module applies the last one first).
    if c.dev_mode {
        c.warnoptions.insert(0, "default".to_string());
    }
    match c.bytes_warning {
        0 => {}
        1 => c.warnoptions.push("default::BytesWarning".into()),
        _ => c.warnoptions.push("error::BytesWarning".into()),
    }
    // -X int_max_str_digits=N wins over PYTHONINTMAXSTRDIGITS; either must
    // be 0 (no limit) or at least 640.
    let limit = |v: &str, what: &str| -> Result<i64, Stop> {
        match v.parse::<i64>() {
            Ok(n) if n == 0 || (640..=i64::from(i32::MAX)).contains(&n) => Ok(n),
            _ => Err(Stop::Fatal(format!(
                "Fatal Python error: config_init_int_max_str_digits: {what}: invalid limit; must be >= 640 or 0 for unlimited.\nPython runtime state: preinitialized\n\n"
            ))),
        }
    };
    if let Some(v) = xoption(&c.xoptions, "int_max_str_digits") {
        c.int_max_str_digits = limit(v.as_deref().unwrap_or(""), "-X int_max_str_digits")?;
    } else if let Some(v) = getenv("PYTHONINTMAXSTRDIGITS") {
        c.int_max_str_digits = limit(&v, "PYTHONINTMAXSTRDIGITS")?;
    }
    c.no_debug_ranges = has_x("no_debug_ranges") || getenv("PYTHONNODEBUGRANGES").is_some();
    // PYTHONTRACEMALLOC, then -X tracemalloc[=N] over it: a number of
    // frames (0: off; an empty value counts as 0, as C's strtol reads it),
    // checked against the range when tracing starts.
    let nframe = |v: &str, what: &str| -> Result<i64, Stop> {
        let t = v.trim_start();
        let n = if t.is_empty() {
            Ok(0)
        } else {
            t.parse::<i64>()
        };
        match n {
            Ok(n) if (0..=i64::from(i32::MAX)).contains(&n) => Ok(n),
            _ => Err(Stop::Fatal(format!(
                "Fatal Python error: config_init_tracemalloc: {what}: invalid number of frames\nPython runtime state: preinitialized\n\n"
            ))),
        }
    };
    if let Some(v) = getenv("PYTHONTRACEMALLOC") {
        c.tracemalloc = nframe(&v, "PYTHONTRACEMALLOC")?;
    }
    if let Some(v) = xoption(&c.xoptions, "tracemalloc") {
        c.tracemalloc = match v {
            Some(v) => nframe(&v, "-X tracemalloc=NFRAME")?,
            None => 1,
        };
    }
    Ok(c)
}

/// The last `-X name[=value]` among `xoptions`: None when absent, else
/// its value (None for a bare `-X name`), as CPython reads an option given
/// several times.
fn xoption(xoptions: &[String], name: &str) -> Option<Option<String>> {
    xoptions
        .iter()
        .rev()
        .find(|x| x.split('=').next() == Some(name))
        .map(|x| x.split_once('=').map(|(_, v)| v.to_string()))
}

/// A random non-zero hash seed from the OS (the time and process id if
/// getrandom fails).
fn random_seed() -> u64 {
    let mut b = [0u8; 8];
    // SAFETY: getrandom writes at most `b.len()` bytes into `b`.
    let n = unsafe { libc::getrandom(b.as_mut_ptr().cast(), b.len(), 0) };
    let mut s = if n == 8 {
        u64::from_ne_bytes(b)
    } else {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        t ^ (u64::from(std::process::id()) << 32)
    };
    if s == 0 {
        s = 1;
    }
    s
}

/// How many bytes at the end of `arg` (an argument decoded lossily)
/// make up `text`, its lossy decoding's tail (`-cCODE` holds the option
/// letters first).
fn cmd_len_in_bytes(arg: &[u8], text: &str) -> usize {
    (0..=arg.len())
        .rev()
        .find(|&n| String::from_utf8_lossy(&arg[arg.len() - n..]) == text)
        .unwrap_or(arg.len())
}

/// The first run of bytes of `b` that the file-system encoding (UTF-8 when
/// `utf8`, else ASCII) cannot decode, as surrogateescape decodes them:
/// its character index, its length and its first byte.
fn first_undecodable(b: &[u8], utf8: bool) -> (usize, usize, u8) {
    // One entry per decoded character: the byte a surrogate escapes.
    let mut chars: Vec<Option<u8>> = Vec::new();
    if utf8 {
        for chunk in b.utf8_chunks() {
            chars.extend(chunk.valid().chars().map(|_| None));
            chars.extend(chunk.invalid().iter().map(|&x| Some(x)));
        }
    } else {
        chars.extend(b.iter().map(|&x| (x >= 0x80).then_some(x)));
    }
    let Some(pos) = chars.iter().position(Option::is_some) else {
        return (chars.len(), 0, 0);
    };
    let len = chars[pos..].iter().take_while(|c| c.is_some()).count();
    (pos, len, chars[pos].unwrap_or(0))
}

/// Whether the command-line argument `a` decodes in the file-system
/// encoding without escapes (UTF-8 when `utf8`, else an ASCII locale's).
fn arg_decodes(a: &std::ffi::OsStr, utf8: bool) -> bool {
    if utf8 {
        a.to_str().is_some()
    } else {
        a.as_bytes().is_ascii()
    }
}

fn usage_line(program: &str) -> String {
    format!("usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n")
}

/// Flushes the process's Rust-side stdout (messages written before the
/// runtime exists; Python's output goes through `sys.stdout`).
fn flush() {
    let _ = std::io::stdout().flush();
}

/// CPython's `flush_io`: sys.stderr then sys.stdout flushed, errors
/// ignored.
fn flush_io(vm: &mut Vm) {
    python_env::modules::sys::flush_stream(vm, "stderr");
    python_env::modules::sys::flush_stream(vm, "stdout");
}

/// Handles an uncaught exception as CPython's `PyErr_Print`: SystemExit
/// gives the exit status (unless `inspect`, where it is printed like any
/// other exception), anything else goes through `sys.excepthook`.
/// Returns the exit status.
pub fn report(vm: &mut Vm, e: PyException, inspect: bool) -> u8 {
    // Like CPython, sys.stdout is not flushed first: output still in its
    // buffer comes out at exit, after the traceback.
    let exc = e.0;
    if !inspect && vm.isinstance(exc, vm.g.e.SystemExit) {
        return system_exit_status(vm, exc);
    }
    print_exception(vm, exc);
    if !inspect && vm.isinstance(exc, vm.g.e.KeyboardInterrupt) {
        // Like CPython: die of SIGINT so the parent sees the interruption
        // (the standard streams flushed first, as finalization does).
        python_env::modules::sys::flush_std_files(vm);
        engine::runtime::signals::exit_by_sigint();
    }
    1
}

/// The exit status a SystemExit asks for (its code printed to stderr when
/// it is neither None nor an int).
fn system_exit_status(vm: &mut Vm, exc: Value) -> u8 {
    let mark = vm.push_root(exc);
    let status = system_exit_status_rooted(vm, exc);
    vm.pop_roots(mark);
    status
}

fn system_exit_status_rooted(vm: &mut Vm, exc: Value) -> u8 {
    let o = Obj::from_value(exc).expect("exc");
    let args = vm.seq_items(o.get(engine::runtime::EXC_ARGS));
    let code = match args.len() {
        0 => Value::NONE,
        1 => args[0],
        _ => o.get(engine::runtime::EXC_ARGS),
    };
    if code.is_none() {
        return 0;
    }
    if let Some(i) = vm.as_i64(code) {
        return (i & 0xFF) as u8;
    }
    // The text is written as the str it is (lone surrogates included), for
    // the stream's error handler to render, as CPython's PyFile_WriteObject.
    let text = if is_str(code) {
        code
    } else {
        vm.str(code).unwrap_or(Value::NONE)
    };
    let mark = vm.push_root(exc);
    vm.push_root(text);
    let s = if is_str(text) {
        str_of(text).into_owned()
    } else {
        String::new()
    };
    match python_env::builtins::sys_attr(vm, "stderr").filter(|f| !f.is_none()) {
        Some(f) if is_str(text) => {
            vm.push_root(f);
            let nl = vm.new_str("\n");
            vm.push_root(nl);
            let wrote = vm
                .call_method(f, "write", &[text])
                .and_then(|_| vm.call_method(f, "write", &[nl]));
            if wrote.is_err() {
                errln!("{s}");
            }
            let _ = vm.call_method(f, "flush", &[]);
        }
        _ => errln!("{s}"),
    }
    vm.pop_roots(mark);
    1
}

/// `PyErr_Print` for a non-SystemExit exception: `sys.last_type`,
/// `sys.last_value`, `sys.last_traceback`, then `sys.excepthook`; when the
/// hook is missing or fails, the default format goes to stderr.
pub fn print_exception(vm: &mut Vm, exc: Value) {
    let mark = vm.push_root(exc);
    let ty = vm.type_of(exc);
    let k = vm.intern("__traceback__");
    let tb = vm.getattr(exc, k).unwrap_or(Value::NONE);
    vm.push_root(tb);
    let sys = *proto_core::sync::lock(&vm.g.sys);
    if sys.is_heap() {
        vm.set_module_attr(sys, "last_type", ty);
        vm.set_module_attr(sys, "last_value", exc);
        vm.set_module_attr(sys, "last_traceback", tb);
    }
    let hook = python_env::builtins::sys_attr(vm, "excepthook");
    if vm.auditing() {
        let h = hook.unwrap_or(Value::NONE);
        if let Err(e) = vm.audit("sys.excepthook", &[h, ty, exc, tb]) {
            // CPython: a RuntimeError from an audit hook silences the
            // report; another exception is reported as unraisable first.
            if vm.isinstance(e.0, vm.g.e.RuntimeError) {
                vm.pop_roots(mark);
                return;
            }
            python_env::modules::sys::write_unraisable(
                vm,
                Some("Exception ignored in audit hook"),
                Value::NONE,
                e.0,
            );
        }
    }
    let done = match hook {
        Some(h) if !h.is_none() => match vm.call(h, &[ty, exc, tb], Value::EMPTY) {
            Ok(_) => true,
            Err(e2) => {
                let t = vm.format_exception(e2.0);
                python_env::modules::sys::write_stderr(
                    vm,
                    &format!("Error in sys.excepthook:\n{t}\nOriginal exception was:\n"),
                );
                false
            }
        },
        _ => {
            python_env::modules::sys::write_stderr(vm, "sys.excepthook is missing\n");
            false
        }
    };
    if !done {
        let t = vm.format_exception(exc);
        python_env::modules::sys::write_stderr(vm, &t);
    }
    vm.pop_roots(mark);
}

/// The global root that keeps `__main__` alive while the program runs
/// (usize::MAX: none), released by [`finalize_at_exit`].
static MAIN_ROOT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(usize::MAX);

/// The dict of `__main__` (a fresh module registered in sys.modules).
fn main_dict(vm: &mut Vm) -> Value {
    let main = vm.new_module("__main__");
    let i = vm.ctx.add_global_root(main);
    MAIN_ROOT.store(i, std::sync::atomic::Ordering::Relaxed);
    let k = vm.intern("__main__");
    let sm = vm.g.sys_modules;
    vm.dict_set_str(sm, k, main);
    let d = Obj::from_value(main).expect("m").get(0);
    // As CPython's add_main_module: `__main__.__builtins__` is the builtins
    // module (imported modules get its dict).
    let kb = vm.intern("builtins");
    let b = vm.dict_get_str(sm, kb).unwrap_or(vm.g.builtins);
    let kb = vm.g.names.__builtins__;
    vm.dict_set_str(d, kb, b);
    d
}

fn set_str(vm: &mut Vm, d: Value, name: &str, v: &str) {
    let k = vm.intern(name);
    let s = vm.new_str(v);
    vm.dict_set_str(d, k, s);
}

/// `__main__.__loader__` as CPython sets it: the `BuiltinImporter` class
/// from the start (`-c`, standard input, the REPL), an instance of
/// `importlib._bootstrap_external`'s `class_name` for `__main__` and the
/// script's path when a file runs (`SourceFileLoader`, or
/// `SourcelessFileLoader` for a cache file). A stand-in until importlib is
/// loaded ([`python_env::main_loader`]): importing importlib here would
/// cost more than the rest of start-up.
fn set_main_loader(vm: &mut Vm, d: Value, class_name: &'static str, file: Option<Value>) {
    python_env::main_loader::install(vm, d, class_name, file);
}

/// Is `path` a zip archive (its end-of-central-directory record is in its
/// last 64 KiB + 22 bytes)? Such a file runs as CPython runs one its
/// `zipimporter` accepts: its `__main__` module through runpy.
fn looks_like_zip(path: &std::path::Path) -> bool {
    use std::io::{Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(len) = f.seek(SeekFrom::End(0)) else {
        return false;
    };
    let tail = len.min(65536 + 22);
    if tail < 22 || f.seek(SeekFrom::Start(len - tail)).is_err() {
        return false;
    }
    let mut buf = Vec::with_capacity(tail as usize);
    if f.read_to_end(&mut buf).is_err() {
        return false;
    }
    buf.windows(4).any(|w| w == b"PK\x05\x06")
}

/// Puts `zipimport.zipimporter` first in `sys.path_hooks` (CPython's
/// start-up does so), for a zip archive run as the program. importlib comes
/// first: zipimport imports it, and installing importlib's finders imports
/// zipimport, which must not find zipimport half made.
fn install_zipimporter(vm: &mut Vm) -> Result<(), PyException> {
    vm.import_module("importlib")?;
    let zi = vm.import_module("zipimport")?;
    let mark = vm.push_root(zi);
    let k = vm.intern("zipimporter");
    let cls = vm.getattr(zi, k)?;
    vm.push_root(cls);
    let r = match python_env::builtins::sys_attr(vm, "path_hooks") {
        Some(hooks) => {
            vm.push_root(hooks);
            let has = vm.call_method(hooks, "__contains__", &[cls])?;
            if has == Value::TRUE {
                Ok(())
            } else {
                vm.call_method(hooks, "insert", &[Value::int(0), cls])
                    .map(|_| ())
            }
        }
        None => Ok(()),
    };
    vm.pop_roots(mark);
    r
}

/// Compiles and runs `src` in `d` (the `__main__` dict).
fn exec_source(vm: &mut Vm, src: &[u8], filename: &str, d: Value) -> Result<(), PyException> {
    // A cache file given as the program runs as CPython's run_pyc_file
    // does: a `.pyc` name or ProtoPy's magic at the start.
    let magic = engine::runtime::pycache::PYC_MAGIC;
    let code = if filename.ends_with(".pyc") || src.starts_with(&magic[..2]) {
        if !src.starts_with(&magic) {
            return Err(vm.exc_by_name("RuntimeError", "Bad magic number in .pyc file"));
        }
        match engine::runtime::pycache::unmarshal_code(src.get(16..).unwrap_or_default()) {
            Some(c) => vm.new_code(c),
            None => return Err(vm.exc_by_name("RuntimeError", "Bad code object in .pyc file")),
        }
    } else if filename == "<string>" {
        // `-c`: the command is text already; a coding cookie in it is
        // ignored (CPython's PyCF_IGNORE_COOKIE).
        let text = String::from_utf8_lossy(src);
        let (r, warnings) = engine::compiler::compile_with_warnings(
            &text,
            filename,
            Mode::Exec,
            engine::compiler::CompileFlags::interpreter(),
        );
        if !warnings.is_empty() {
            vm.issue_compile_warnings(&warnings)?;
        }
        match r {
            Ok(c) => vm.new_code(c),
            Err(e) => return Err(vm.syntax_error(&e)),
        }
    } else {
        // A script file or stdin: an unknown coding declaration is
        // "encoding problem", as CPython's file tokenizer says.
        let text = vm.decode_source_text(src, filename, true)?;
        vm.compile_text_with(
            &text,
            filename,
            Mode::Exec,
            engine::compiler::CompileFlags::interpreter(),
        )?
    };
    let mark = vm.push_root(code);
    let r = vm.run_code(code, d, d);
    vm.pop_roots(mark);
    r.map(|_| ())
}

/// The file a `-m NAME` runs, found as `runpy._get_module_details` finds
/// it: the parent package is imported first, then NAME (a module file, or
/// a package whose `__main__` submodule runs) is looked for on the
/// parent's `__path__` or on `sys.path`. Returns (module name, file,
/// whether it is a package's `__main__`) or the message CPython prints
/// after `protopy: `.
fn find_module(vm: &mut Vm, name: &str) -> Result<(String, std::path::PathBuf), String> {
    fn exc_text(vm: &mut Vm, e: PyException) -> String {
        let tn = vm.type_name_of(e.0);
        let msg = vm.str_string(e.0).unwrap_or_default();
        if msg.is_empty() {
            tn
        } else {
            format!("{tn}: {msg}")
        }
    }
    if name.starts_with('.') {
        return Err("Relative module names not supported".into());
    }
    let mut name = name.to_string();
    loop {
        let (parent, leaf) = match name.rsplit_once('.') {
            Some((p, l)) => (Some(p.to_string()), l.to_string()),
            None => (None, name.clone()),
        };
        let dirs: Vec<String> = match &parent {
            Some(p) => {
                let pm = match vm.import_module(p) {
                    Ok(m) => m,
                    Err(e) => {
                        let t = exc_text(vm, e);
                        return Err(format!(
                            "Error while finding module specification for '{name}' ({t})"
                        ));
                    }
                };
                let k = vm.intern("__path__");
                match vm.getattr(pm, k) {
                    Ok(pv) => vm
                        .seq_items(pv)
                        .into_iter()
                        .filter(|v| is_str(*v))
                        .map(|v| str_of(v).into_owned())
                        .collect(),
                    Err(_) => {
                        return Err(format!(
                            "Error while finding module specification for '{name}' \
                             (ModuleNotFoundError: __path__ attribute not found on '{p}' \
                             while trying to find '{name}')"
                        ))
                    }
                }
            }
            None => {
                if vm.is_builtin_module(&name) {
                    return Err(format!("No code object available for {name}"));
                }
                match python_env::builtins::sys_attr(vm, "path") {
                    Some(pv) => vm
                        .seq_items(pv)
                        .into_iter()
                        .filter(|v| is_str(*v))
                        .map(|v| str_of(v).into_owned())
                        .collect(),
                    None => Vec::new(),
                }
            }
        };
        let mut found = None;
        for dir in dirs {
            let dir = if dir.is_empty() { ".".to_string() } else { dir };
            let pkg = std::path::Path::new(&dir).join(&leaf);
            if pkg.join("__init__.py").is_file() {
                found = Some((true, pkg));
                break;
            }
            let file = std::path::Path::new(&dir).join(format!("{leaf}.py"));
            if file.is_file() {
                found = Some((false, file));
                break;
            }
        }
        match found {
            Some((false, file)) => return Ok((name, file)),
            Some((true, _)) => {
                if name.ends_with(".__main__") || name == "__main__" {
                    return Err(format!(
                        "Error while finding module specification for '{name}' \
                         (ImportError: Cannot use package as __main__ module)"
                    ));
                }
                // The package itself is imported (its __init__ runs), then
                // its __main__ submodule is the one run.
                if let Err(e) = vm.import_module(&name) {
                    let t = exc_text(vm, e);
                    return Err(format!(
                        "Error while finding module specification for '{name}.__main__' ({t})"
                    ));
                }
                let main_name = format!("{name}.__main__");
                match find_module(vm, &main_name) {
                    Ok(r) => return Ok(r),
                    Err(m) if m.starts_with("No module named") => {
                        return Err(format!(
                            "No module named {main_name}; '{name}' is a package and cannot be directly executed"
                        ))
                    }
                    Err(m) => return Err(m),
                }
            }
            None => {
                if parent.is_none() && leaf != name {
                    name = leaf;
                    continue;
                }
                return Err(format!("No module named {name}"));
            }
        }
    }
}

/// `-m NAME` as CPython runs it: `runpy._run_module_as_main(NAME)` (the
/// module found through importlib, `sys.argv[0]` its path, run in
/// `__main__`). None when `runpy` cannot be imported; [`run_module`] is
/// then the engine's own search.
fn run_module_runpy(vm: &mut Vm, name: &str, alter_argv: bool) -> Option<Result<(), PyException>> {
    let runpy = vm.import_module("runpy").ok()?;
    let mark = vm.push_root(runpy);
    let k = vm.intern("_run_module_as_main");
    let r = vm.getattr(runpy, k).and_then(|f| {
        vm.push_root(f);
        let n = vm.new_str(name);
        vm.push_root(n);
        vm.call(f, &[n, Value::bool(alter_argv)], Value::EMPTY)
    });
    vm.pop_roots(mark);
    Some(r.map(|_| ()))
}

/// `-m NAME`: runs the module's file as `__main__` with `sys.argv[0]` set
/// to its path, as `runpy._run_module_as_main`.
fn run_module(
    vm: &mut Vm,
    name: &str,
    d: Value,
    program: &str,
) -> Result<Result<(), PyException>, u8> {
    let (mod_name, file) = match find_module(vm, name) {
        Ok(r) => r,
        Err(msg) => {
            flush_io(vm);
            errln!("{program}: {msg}");
            return Err(1);
        }
    };
    let abs = std::path::absolute(&file).unwrap_or(file);
    let fname = abs.to_string_lossy().into_owned();
    let src = match std::fs::read(&abs) {
        Ok(s) => s,
        Err(e) => {
            errln!(
                "{program}: can't open file '{fname}': [Errno {}] {e}",
                e.raw_os_error().unwrap_or(2)
            );
            return Err(1);
        }
    };
    if let Some(argv) = python_env::builtins::sys_attr(vm, "argv") {
        let s = vm.new_str(&fname);
        let mark = vm.push_root(s);
        let r = vm.call_method(argv, "__setitem__", &[Value::int(0), s]);
        vm.pop_roots(mark);
        if let Err(e) = r {
            return Ok(Err(e));
        }
    }
    set_str(vm, d, "__file__", &fname);
    let pkg = mod_name.rsplit_once('.').map(|p| p.0).unwrap_or("");
    set_str(vm, d, "__package__", pkg);
    let kc = vm.intern("__cached__");
    vm.dict_set_str(d, kc, Value::NONE);
    // __spec__: importlib's ModuleSpec with the file as origin (no loader:
    // the engine's import system loads files itself).
    let spec = (|| -> Result<Value, PyException> {
        let bs = vm.import_module("importlib._bootstrap")?;
        let k = vm.intern("ModuleSpec");
        let cls = vm.getattr(bs, k)?;
        let mark = vm.push_root(cls);
        let n = vm.new_str(&mod_name);
        vm.push_root(n);
        let o = vm.new_str(&fname);
        vm.push_root(o);
        let ko = vm.intern("origin");
        let kw = vm.new_tuple(&[ko]);
        vm.push_root(kw);
        let spec = vm.call(cls, &[n, Value::NONE, o], kw);
        vm.pop_roots(mark);
        let spec = spec?;
        let mark = vm.push_root(spec);
        let kh = vm.intern("has_location");
        let r = vm.setattr(spec, kh, Value::TRUE);
        vm.pop_roots(mark);
        r.map(|_| spec)
    })();
    let ks = vm.intern("__spec__");
    vm.dict_set_str(d, ks, spec.unwrap_or(Value::NONE));
    Ok(exec_source(vm, &src, &fname, d))
}

/// Applies the configuration to `sys` and the runtime after `sys` exists.
fn apply_config(vm: &mut Vm, sys: Value, cfg: &Config) -> Result<(), PyException> {
    // LC_CTYPE from the environment, as CPython's start-up sets it; a C or
    // POSIX locale turns the UTF-8 mode on unless the options chose.
    let legacy_locale = python_env::modules::_locale::init_ctype();
    python_env::modules::_io::set_warn_default_encoding(cfg.warn_default_encoding);
    python_env::modules::sys::set_flags(
        vm,
        &python_env::modules::sys::Flags {
            debug: cfg.debug,
            inspect: i64::from(cfg.inspect),
            interactive: i64::from(cfg.interactive),
            optimize: cfg.optimize,
            dont_write_bytecode: i64::from(cfg.dont_write_bytecode),
            no_user_site: i64::from(cfg.no_user_site),
            no_site: i64::from(cfg.no_site),
            ignore_environment: i64::from(cfg.ignore_environment),
            verbose: cfg.verbose,
            bytes_warning: cfg.bytes_warning,
            quiet: i64::from(cfg.quiet),
            isolated: i64::from(cfg.isolated),
            dev_mode: cfg.dev_mode,
            safe_path: cfg.safe_path,
            int_max_str_digits: cfg.int_max_str_digits,
            hash_randomization: i64::from(cfg.hash_randomization),
            warn_default_encoding: i64::from(cfg.warn_default_encoding),
            utf8_mode: cfg.utf8_mode.unwrap_or(legacy_locale),
        },
    );
    if let Some(p) = &cfg.pycache_prefix {
        let v = vm.new_str(p);
        vm.set_module_attr(sys, "pycache_prefix", v);
    }
    if !cfg.argv_bytes.is_empty() {
        // Arguments the file-system encoding does not decode plainly are
        // decoded as CPython does, with its surrogateescape.
        if let Some(argv) = python_env::builtins::sys_attr(vm, "argv") {
            let mark = vm.push_root(argv);
            for (i, b) in &cfg.argv_bytes {
                let bv = vm.new_bytes(b);
                vm.push_root(bv);
                let enc = vm.new_str(python_env::modules::sys::fs_encoding());
                vm.push_root(enc);
                let errs = vm.new_str("surrogateescape");
                vm.push_root(errs);
                let s = vm.call_method(bv, "decode", &[enc, errs])?;
                vm.push_root(s);
                vm.call_method(argv, "__setitem__", &[Value::int(*i as i64), s])?;
            }
            vm.pop_roots(mark);
        }
    }
    // sys.dont_write_bytecode stays True whatever -B says: ProtoPy writes
    // no bytecode cache (sys.flags shows the -B setting).
    // sys._xoptions: `-X name=value` gives {'name': 'value'}, `-X name`
    // {'name': True}.
    let xo = vm.new_dict();
    let mark = vm.push_root(xo);
    for x in &cfg.xoptions {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (x.as_str(), None),
        };
        let kv = vm.new_str(k);
        vm.push_root(kv);
        let vv = match v {
            Some(v) => vm.new_str(v),
            None => Value::TRUE,
        };
        vm.push_root(vv);
        vm.setitem(xo, kv, vv)?;
    }
    vm.set_module_attr(sys, "_xoptions", xo);
    vm.pop_roots(mark);
    if !cfg.warnoptions.is_empty() {
        let vals: Vec<Value> = cfg.warnoptions.iter().map(|o| vm.new_str(o)).collect();
        let l = vm.new_list(&vals);
        vm.set_module_attr(sys, "warnoptions", l);
        // As CPython, `warnings` is imported at start-up to apply them.
        vm.import_module("warnings")?;
    }
    if cfg.faulthandler {
        // As CPython's -X faulthandler: enabled before the program runs.
        let fh = vm.import_module("faulthandler")?;
        let mark = vm.push_root(fh);
        let r = vm.call_method(fh, "enable", &[]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(())
}

/// Whether the session goes on in the REPL after the program: `-i`, or
/// PYTHONINSPECT set (also by the program itself through os.environ).
fn wants_inspect(cfg: &Config) -> bool {
    cfg.inspect
        || (!cfg.ignore_environment && std::env::var("PYTHONINSPECT").is_ok_and(|v| !v.is_empty()))
}

fn run(mut cfg: Config, program_name: String) -> u8 {
    // A `._pth` file beside the executable sets sys.path and implies
    // isolation and no `site` (unless it says `import site`), as CPython's.
    if let Some((paths, import_site)) = python_env::modules::sys::pth_file() {
        cfg.isolated = true;
        cfg.ignore_environment = true;
        cfg.safe_path = true;
        cfg.no_site = !import_site;
        python_env::modules::sys::set_pth_paths(paths);
    }
    // This thread runs Python's main thread: it alone runs signal handlers.
    // Ctrl-C raises KeyboardInterrupt in it (signal.default_int_handler).
    engine::runtime::signals::set_main_thread();
    engine::runtime::signals::install(libc::SIGINT);
    // As CPython at start-up: a write past RLIMIT_FSIZE fails with EFBIG
    // (OSError) instead of killing the process (Rust already ignores
    // SIGPIPE the same way).
    engine::runtime::signals::set_os_handler(libc::SIGXFSZ, libc::SIG_IGN);
    if cfg.xoptions.iter().any(|o| o == "gcstats") {
        // Read by the space's configuration below; no other thread runs yet.
        std::env::set_var("PROTOPY_GCSTATS", "1");
    }
    // The str/bytes hash key, before anything is hashed: PYTHONHASHSEED's
    // number (0: no randomization), else random bytes from the OS.
    let mut seed: Option<u64> = None;
    if !cfg.ignore_environment && !cfg.random_hash {
        if let Ok(v) = std::env::var("PYTHONHASHSEED") {
            if !v.is_empty() && v != "random" {
                match v.parse::<u32>() {
                    Ok(n) => seed = Some(u64::from(n)),
                    Err(_) => {
                        errln!(
                            "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]\nPython runtime state: preinitialized\n"
                        );
                        return 1;
                    }
                }
            }
        }
    }
    cfg.hash_randomization = seed != Some(0);
    if cfg.no_debug_ranges {
        engine::runtime::traceback::DEBUG_RANGES.store(false, proto_core::sync::Ordering::Relaxed);
    }
    engine::runtime::ops::set_hash_seed(seed.unwrap_or_else(random_seed));
    python_env::modules::sys::set_unbuffered(cfg.unbuffered);
    if cfg.int_max_str_digits >= 0 {
        engine::runtime::text::INT_MAX_STR_DIGITS.store(
            cfg.int_max_str_digits as usize,
            proto_core::sync::Ordering::Relaxed,
        );
    }
    engine::compiler::set_interpreter_optimize(cfg.optimize.clamp(0, 2) as u8);
    engine::runtime::import::set_import_time(cfg.import_time);
    python_env::types::bytes::set_bytes_warning(cfg.bytes_warning > 0);
    engine::runtime::import::set_import_verbose(cfg.verbose.clamp(0, 255) as u32);
    match python_env::modules::sys::find_stdlib() {
        Ok(dir) => {
            python_env::modules::_imp::set_frozen_modules(cfg.frozen_modules, &dir);
            let _ = python_env::modules::sys::STDLIB.set(dir);
        }
        Err(line) => {
            errln!("{line}");
            return 1;
        }
    }
    let mut gc_totals = GcTotalsAtExit(None);
    let mut vm = match Vm::new_main(python_env::setup) {
        Ok(vm) => vm,
        Err(_) => {
            errln!("protopy: failed to initialise the runtime");
            return 1;
        }
    };
    gc_totals.0 = Some(vm.ctx.space().clone());
    let vm = &mut vm;
    // Other threads read this thread's frames through the registration
    // (sys._current_frames); `vm` stays here until `run` returns.
    let _registration = vm.register_thread(python_env::modules::_thread::thread_ident());
    // Read the program before sys exists: a missing file is a usage-level
    // error (status 2) with nothing else started.
    let stdin_tty = std::io::stdin().is_terminal();
    let mut src: Option<(Vec<u8>, String)> = None;
    let mut path0 = String::new();
    // The program is a directory (Some(false)) or a zip archive
    // (Some(true)) whose `__main__` module runs.
    let mut main_importer: Option<bool> = None;
    match &cfg.program {
        Program::Command(c) => src = Some((c.clone().into_bytes(), "<string>".into())),
        Program::File(f) => {
            let p = match &cfg.program_bytes {
                Some(b) => std::path::Path::new(std::ffi::OsStr::from_bytes(b)),
                None => std::path::Path::new(f),
            };
            // Made absolute by joining, not normalised (`./s.py` gives
            // `/cwd/./s.py`), as CPython's `__file__`.
            let abs = if p.is_absolute() {
                p.to_path_buf()
            } else {
                std::env::current_dir()
                    .map(|d| d.join(p))
                    .unwrap_or_else(|_| p.to_path_buf())
            };
            let meta = std::fs::metadata(&abs);
            let is_dir = meta.as_ref().is_ok_and(|m| m.is_dir());
            if is_dir || (meta.is_ok() && looks_like_zip(&abs)) {
                // A directory or a zip archive runs its `__main__` module
                // through runpy, found on sys.path[0] (the directory or the
                // archive, even under -P/-I), as CPython's
                // pymain_run_python.
                main_importer = Some(!is_dir);
                path0 = abs.to_string_lossy().into_owned();
            } else {
                match std::fs::read(&abs) {
                    Ok(s) => {
                        // sys.path[0]: the folder of the script, symbolic
                        // links resolved (as CPython's realpath of argv[0]).
                        let real = std::fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone());
                        path0 = real
                            .parent()
                            .map(|d| d.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        src = Some((s, abs.to_string_lossy().into_owned()));
                    }
                    Err(e) => {
                        errln!(
                            "{program_name}: can't open file '{}': [Errno {}] {}",
                            abs.display(),
                            e.raw_os_error().unwrap_or(2),
                            std::io::Error::from_raw_os_error(e.raw_os_error().unwrap_or(2))
                                .to_string()
                                .split(" (os error")
                                .next()
                                .unwrap_or("")
                        );
                        return 2;
                    }
                }
            }
        }
        Program::Module(_) => {
            path0 = std::env::current_dir()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Program::Stdin => {}
    }
    // Standard input not interactive: the whole program is read from it.
    let stdin_interactive = stdin_tty || cfg.interactive;
    if cfg.program == Program::Stdin && !stdin_interactive {
        let mut s = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut s) {
            errln!("{program_name}: can't read <stdin>: {e}");
            return 1;
        }
        src = Some((s, "<stdin>".into()));
    }
    if let Some((s, _)) = &mut src {
        if cfg.skip_first_line {
            let cut = s
                .iter()
                .position(|&b| b == b'\n')
                .map_or(s.len(), |i| i + 1);
            s.drain(..cut);
        }
    }
    if cfg.dis {
        let Some((s, f)) = &src else {
            err!("{}", usage_error(&program_name));
            return 2;
        };
        return match engine::compiler::compile_bytes(s, f, Mode::Exec, Default::default()) {
            Ok(code) => {
                out!("{}", engine::bytecode::disassemble(&code));
                0
            }
            Err(e) => {
                errln!("{e}");
                1
            }
        };
    }
    python_env::modules::sys::set_ignore_environment(cfg.ignore_environment);
    let path0 = if cfg.safe_path && main_importer.is_none() {
        None
    } else {
        Some(path0)
    };
    let sys = match python_env::modules::sys::create_with(vm, &cfg.argv, path0.as_deref()) {
        Ok(m) => m,
        Err(e) => return report(vm, e, false),
    };
    if let Err(e) = apply_config(vm, sys, &cfg) {
        return report(vm, e, false);
    }
    // Under -v importlib's bootstrap is set up first, as CPython's is
    // before anything runs: each import line then names the module's
    // loader.
    if cfg.verbose > 0 {
        if let Err(e) = vm.import_module("_frozen_importlib") {
            return report(vm, e, false);
        }
    }
    if !cfg.no_site {
        if let Err(e) = python_env::modules::sys::start_site(vm, path0.is_some()) {
            return report(vm, e, false);
        }
    }
    if cfg.tracemalloc > 0
        && python_env::modules::_tracemalloc::start_tracing(vm, cfg.tracemalloc).is_err()
    {
        errln!(
            "Fatal Python error: init_interp_main: can't initialize tracemalloc\nPython runtime state: core initialized\nValueError: the number of frames must be in range [1; {}]\n\nCurrent thread 0x{:016x} (most recent call first):\n  <no Python frame>",
            python_env::modules::_tracemalloc::MAX_NFRAME,
            python_env::modules::_thread::thread_ident()
        );
        return 1;
    }
    // `-X trace` (ProtoPy's own): from the program's first instruction,
    // start-up's own imports (site) not written.
    if cfg.xoptions.iter().any(|o| o == "trace") {
        engine::runtime::trace::set_instruction_trace(true);
        vm.refresh_trace_on();
    }
    let d = main_dict(vm);
    set_main_loader(vm, d, "BuiltinImporter", None);
    let mut inspect_after = cfg.inspect;
    let status = match &cfg.program {
        Program::Module(m) => match run_module_runpy(vm, m, true) {
            Some(Ok(())) => 0,
            Some(Err(e)) => report(vm, e, wants_inspect(&cfg)),
            None => match run_module(vm, m, d, &program_name) {
                Ok(Ok(())) => 0,
                Ok(Err(e)) => report(vm, e, wants_inspect(&cfg)),
                Err(code) => code,
            },
        },
        Program::Stdin if stdin_interactive => {
            // The REPL itself; PYTHONSTARTUP first, and the banner.
            inspect_after = false;
            let mut r = repl::Repl::new(vm, d, &cfg);
            r.banner(vm);
            r.startup(vm);
            r.run(vm)
        }
        Program::File(_) if main_importer.is_some() => {
            let zip = main_importer == Some(true);
            let r = if zip { install_zipimporter(vm) } else { Ok(()) };
            match r.map(|()| run_module_runpy(vm, "__main__", false)) {
                Ok(Some(Ok(()))) => 0,
                Ok(Some(Err(e))) | Err(e) => report(vm, e, wants_inspect(&cfg)),
                Ok(None) => {
                    flush_io(vm);
                    errln!("{program_name}: can't import runpy");
                    1
                }
            }
        }
        _ => {
            let (s, f) = src.as_ref().expect("program source");
            // `__file__`: the path as text, or decoded from its bytes.
            let mut file_v = Value::NONE;
            if f != "<string>" {
                set_str(vm, d, "__file__", f);
                let k = vm.intern("__file__");
                if let Some(b) = &cfg.program_bytes {
                    let p = std::path::Path::new(std::ffi::OsStr::from_bytes(b));
                    let abs = std::env::current_dir()
                        .map(|d| d.join(p))
                        .unwrap_or_else(|_| p.to_path_buf());
                    let r = python_env::types::bytes::decode(
                        vm,
                        abs.as_os_str().as_bytes(),
                        python_env::modules::sys::fs_encoding(),
                        "surrogateescape",
                    );
                    if let Ok(sv) = r {
                        vm.dict_set_str(d, k, sv);
                    }
                }
                file_v = vm.dict_get_str(d, k).unwrap_or(Value::NONE);
            }
            let kc = vm.intern("__cached__");
            if f != "<string>" {
                vm.dict_set_str(d, kc, Value::NONE);
            }
            if f != "<string>" && f != "<stdin>" {
                let magic = engine::runtime::pycache::PYC_MAGIC;
                let loader = if f.ends_with(".pyc") || s.starts_with(&magic[..2]) {
                    "SourcelessFileLoader"
                } else {
                    "SourceFileLoader"
                };
                set_main_loader(vm, d, loader, Some(file_v));
            }
            match exec_source(vm, s, f, d) {
                Ok(()) => 0,
                Err(e) => report(vm, e, wants_inspect(&cfg)),
            }
        }
    };
    // As CPython's pymain_repl: only when standard input is a terminal or
    // -i was given (PYTHONINSPECT alone on a pipe runs no REPL).
    let repl_after = (inspect_after || wants_inspect(&cfg) && cfg.program != Program::Stdin)
        && stdin_interactive;
    let status = if repl_after {
        // `-i`: the REPL after the program; its status replaces the
        // program's, as CPython's pymain_repl.
        let mut r = repl::Repl::new(vm, d, &cfg);
        r.run(vm)
    } else {
        status
    };
    // A failing flush of sys.stdout at exit gives status 120, as CPython.
    if finish(vm) {
        status
    } else {
        120
    }
}

/// At exit: `threading._shutdown`, then the atexit handlers, then the
/// standard streams flushed, as CPython's `Py_FinalizeEx`; false when
/// flushing sys.stdout failed.
pub fn finish(vm: &mut Vm) -> bool {
    // Wait for the non-daemon threads (threading._shutdown) if the program
    // imported threading; daemon threads are abandoned at exit.
    let k = vm.intern("threading");
    let sm = vm.g.sys_modules;
    if let Some(tm) = vm.dict_get_str(sm, k) {
        let n = vm.intern("_shutdown");
        let r = vm
            .getattr(tm, n)
            .and_then(|f| vm.call(f, &[], Value::EMPTY));
        if let Err(e) = r {
            report(vm, e, false);
        }
    }
    // Then the atexit handlers: the interpreter's, so they run also when
    // the module is gone from sys.modules (every instance of it registers
    // in the one list, as CPython's per-interpreter state).
    python_env::modules::atexit::run_exitfuncs(vm);
    let flushed = python_env::modules::sys::flush_std_files(vm);
    vm.g.finalizing
        .store(true, proto_core::sync::Ordering::Release);
    if finalize_at_exit(vm) {
        python_env::modules::sys::flush_std_files_reporting(vm, false);
    }
    flush();
    flushed
}

/// Prints the collector's totals (`-X gcstats`, `PROTOPY_GCSTATS`) when
/// dropped. `run` declares it before the main thread's `Vm`, so it runs
/// after dropping that `Vm` swept the thread's local objects: the totals
/// are the last line and count every collection.
struct GcTotalsAtExit(Option<std::sync::Arc<proto_core::ProtoSpace>>);

impl Drop for GcTotalsAtExit {
    fn drop(&mut self) {
        if let Some(space) = &self.0 {
            space.gc_log().print_summary();
        }
    }
}

/// The `__del__` methods still due at exit, as CPython's `finalize_modules`:
/// first those of the objects nothing reaches; then, when no other thread
/// runs Python code, those of the objects `__main__`'s globals held, then
/// those the other modules held (`builtins` and `sys` kept). Each collection
/// finalizes what it found in the order it was made. A global that names a
/// module, class, function or str stays while the finalizers run, so that a
/// `__del__` still finds `sys` or a helper as it does in CPython, which
/// clears the globals as it frees them; the others become None. True when
/// any finalizer could have run.
fn finalize_at_exit(vm: &mut Vm) -> bool {
    use engine::runtime::{finalize, K_BUILTIN, K_FUNCTION, K_MODULE, K_TYPE};
    if finalize::waiting() == 0 {
        return false;
    }
    python_env::modules::gc::collect_and_finalize(vm);
    if python_env::modules::_thread::running_threads() > 0 {
        return true;
    }
    // As CPython's finalize_modules: sys.modules lets go of the modules
    // first (each kept through a weak reference), so what only a module's
    // globals reach is finalized while those globals are intact; then the
    // modules something still keeps alive have their globals set to None,
    // `__main__` first. The modules listed here are reachable through
    // sys.modules until their entries are deleted; `mark` opens this
    // function's roots.
    let mut modules = vm.dict_items(vm.g.sys_modules);
    let mark = vm.push_root(Value::NONE);
    let mut weak: Vec<(Value, Value)> = Vec::new();
    for &(name, m) in &modules {
        let skip = !is_str(name)
            || matches!(&*str_of(name), "builtins" | "sys")
            || !Obj::from_value(m).is_some_and(|o| o.kind() == K_MODULE);
        if skip {
            continue;
        }
        if let Ok(w) = python_env::types::weakref::new_ref(vm, m) {
            vm.push_root(w);
            vm.push_root(name);
            weak.push((name, w));
        }
    }
    for &(name, _) in &weak {
        let _ = vm.dict_del(vm.g.sys_modules, name);
    }
    let main_root = MAIN_ROOT.swap(usize::MAX, std::sync::atomic::Ordering::Relaxed);
    if main_root != usize::MAX {
        vm.ctx.set_global_root(main_root, Value::NONE);
    }
    python_env::modules::gc::collect_and_finalize(vm);
    modules.clear();
    for &(name, w) in &weak {
        let m = python_env::types::weakref::referent_of(w);
        if !m.is_none() {
            vm.push_root(m);
            modules.push((name, m));
        }
    }
    for main_phase in [true, false] {
        if finalize::waiting() == 0 {
            break;
        }
        for &(name, m) in &modules {
            let Some(name) = Some(name).filter(|&n| is_str(n)).map(str_of) else {
                continue;
            };
            if (&*name == "__main__") != main_phase || matches!(&*name, "builtins" | "sys") {
                continue;
            }
            let Some(d) = Obj::from_value(m)
                .filter(|o| o.kind() == K_MODULE)
                .and_then(|o| vm.instance_dict(o))
            else {
                continue;
            };
            for (k, v) in vm.dict_items(d) {
                let kept = is_str(v)
                    || Obj::from_value(v).is_none_or(|o| {
                        matches!(o.kind(), K_MODULE | K_TYPE | K_FUNCTION | K_BUILTIN)
                    });
                if is_str(k) && !kept {
                    vm.dict_set_str(d, k, Value::NONE);
                }
            }
        }
        python_env::modules::gc::collect_and_finalize(vm);
    }
    vm.pop_roots(mark);
    true
}

/// Runs from the C library's start-up, before Rust's runtime replaces a
/// closed descriptor 0, 1 or 2 by /dev/null: CPython makes the stream of a
/// standard descriptor closed at start-up None, so which were open is
/// recorded here, first.
#[used]
#[link_section = ".init_array"]
static NOTE_STD_FDS: extern "C" fn() = {
    extern "C" fn note() {
        python_env::modules::sys::note_std_fds();
    }
    note
};

/// Raises the high-water mark of this thread's malloc arena. glibc gives
/// the thread running Python an arena of its own and extends that arena's
/// heap with one `mprotect` call per page as its top rises (`M_TOP_PAD`,
/// the main arena's step, does not apply to it): importing os, re, io,
/// argparse, logging and subprocess made 1,054 such calls, one per 4 KiB of
/// code objects and names. Taking 4 MiB in 120 KiB chunks (below the mmap
/// threshold, so from the arena) and giving them back extends the heap 32
/// times instead; trimming the freed top keeps the pages' protection, so
/// later growth up to that mark needs no call.
fn pregrow_malloc_arena() {
    const CHUNK: usize = 120 * 1024;
    let mut held = [std::ptr::null_mut::<libc::c_void>(); 34];
    for p in held.iter_mut() {
        // SAFETY: malloc has no preconditions; each result (possibly null)
        // is passed to free exactly once below.
        *p = std::hint::black_box(unsafe { libc::malloc(CHUNK) });
    }
    for p in held {
        // SAFETY: `p` came from malloc above (or is null) and is freed once.
        unsafe { libc::free(p) };
    }
}

fn main() -> ExitCode {
    let raw_os: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Options are parsed from the text; arguments that are not UTF-8 are
    // put into sys.argv from their bytes (see `argv_bytes`).
    let raw: Vec<String> = raw_os
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let program_name = raw.first().cloned().unwrap_or_else(|| "protopy".into());
    let cfg = match parse_args(&program_name, raw.get(1..).unwrap_or(&[])) {
        Ok(mut c) => {
            // Outside the UTF-8 mode the locale's encoding is the standard
            // streams' and the file system's (LC_CTYPE set from the
            // environment first, as CPython's start-up does).
            let legacy = python_env::modules::_locale::init_ctype();
            let mut fs_utf8 = true;
            if !c.utf8_mode.unwrap_or(legacy) {
                let enc = python_env::modules::_locale::locale_encoding();
                fs_utf8 = python_env::modules::sys::set_locale_encoding(enc);
            }
            // A `-c` command the file-system encoding cannot decode cannot
            // run: CPython decodes it with surrogateescape and fails to
            // encode it back to UTF-8.
            if let Program::Command(cmd) = &c.program {
                let cmd = cmd.strip_suffix('\n').unwrap_or(cmd);
                let bad = raw_os.iter().skip(1).find_map(|a| {
                    let b = a.as_bytes();
                    (!arg_decodes(a, fs_utf8) && String::from_utf8_lossy(b).ends_with(cmd))
                        .then_some(b)
                });
                if let Some(b) = bad {
                    let cmd_bytes = &b[b.len() - cmd_len_in_bytes(b, cmd)..];
                    let (pos, len, byte) = first_undecodable(cmd_bytes, fs_utf8);
                    let what = if len == 1 {
                        format!("character '\\udc{byte:02x}' in position {pos}")
                    } else {
                        format!("characters in position {pos}-{}", pos + len - 1)
                    };
                    err!(
                        "Unable to decode the command from the command line:\nUnicodeEncodeError: 'utf-8' codec can't encode {what}: surrogates not allowed\n"
                    );
                    return ExitCode::from(1);
                }
            }
            // sys.argv's entries are the last ones of the command line
            // (its first replaced by "-c"/"-m"/"" for those forms).
            let n = c.argv.len();
            let first_is_arg = matches!(c.program, Program::File(_)) || c.argv[0] == "-";
            for i in 0..n {
                if i == 0 && !first_is_arg {
                    continue;
                }
                let Some(a) = raw_os.len().checked_sub(n - i).and_then(|j| raw_os.get(j)) else {
                    continue;
                };
                if !arg_decodes(a, fs_utf8) {
                    c.argv_bytes.push((i, a.as_bytes().to_vec()));
                    if i == 0 && matches!(c.program, Program::File(_)) {
                        c.program_bytes = Some(a.as_bytes().to_vec());
                    }
                }
            }
            c
        }
        Err(Stop::Print(s)) => {
            out!("{s}");
            flush();
            return ExitCode::from(0);
        }
        Err(Stop::Usage(msg)) => {
            err!("{msg}{}", usage_error(&program_name));
            return ExitCode::from(2);
        }
        Err(Stop::Fatal(msg)) => {
            err!("{msg}");
            return ExitCode::from(1);
        }
    };
    // Run on a big thread stack; a Rust panic is reported as SystemError.
    let h = std::thread::Builder::new()
        .stack_size(engine::runtime::THREAD_STACK_BYTES)
        .spawn(move || {
            pregrow_malloc_arena();
            let r =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cfg, program_name)));
            engine::runtime::signals::main_thread_ends();
            // In the child of os.fork() the thread below that would wait for
            // this one does not exist: the process ends here, with the
            // program's status (the last thread returning would end it with 0).
            if proto_core::fork::generation() > 0 {
                flush();
                std::process::exit(match r {
                    Ok(code) => i32::from(code),
                    Err(_) => 1,
                });
            }
            r
        });
    // This thread only waits: signals go to the threads running Python.
    proto_core::sigmask::block_async_signals();
    match h.map(|h| h.join()) {
        Ok(Ok(Ok(code))) => ExitCode::from(code),
        _ => {
            flush();
            errln!("SystemError: internal interpreter error");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse_args("protopy", &v) {
            Ok(c) => c,
            Err(_) => panic!("parse failed: {args:?}"),
        }
    }

    #[test]
    fn clustering_and_argv() {
        let c = parse(&["-uc", "print(1)", "a", "-b"]);
        assert_eq!(c.program, Program::Command("print(1)\n".into()));
        assert_eq!(c.argv, ["-c", "a", "-b"]);
        assert!(c.unbuffered);
        let c = parse(&["-Wignore", "-mjson.tool", "x"]);
        assert_eq!(c.program, Program::Module("json.tool".into()));
        assert_eq!(c.argv, ["-m", "x"]);
        assert!(c.warnoptions.ends_with(&["ignore".to_string()]));
        let c = parse(&["-", "q"]);
        assert_eq!(c.program, Program::Stdin);
        assert_eq!(c.argv, ["-", "q"]);
        let c = parse(&[]);
        assert_eq!(c.argv, [""]);
        let c = parse(&["--", "-x.py", "y"]);
        assert_eq!(c.program, Program::File("-x.py".into()));
        assert_eq!(c.argv, ["-x.py", "y"]);
        let c = parse(&["-OO", "-I", "s.py"]);
        assert_eq!(c.optimize, 2);
        assert!(c.isolated && c.safe_path && c.ignore_environment);
    }

    #[test]
    fn usage_errors() {
        for bad in [&["-Z"][..], &["-c"], &["-m"], &["--foo"], &["-J"], &["-W"]] {
            let v: Vec<String> = bad.iter().map(|s| s.to_string()).collect();
            assert!(
                matches!(parse_args("p", &v), Err(Stop::Usage(_))),
                "{bad:?}"
            );
        }
    }
}
