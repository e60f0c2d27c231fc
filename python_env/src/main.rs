//! The `protopy` command: `protopy FILE [ARGS...]`, `protopy -c CODE`,
//! `protopy --dis FILE`.

use clap::Parser;
use engine::compiler::Mode;
use engine::runtime::{is_str, str_of, Obj, PyException, Vm};
use proto_core::Value;
use std::io::Write;
use std::process::ExitCode;

/// Runs a Python program with ProtoPy.
#[derive(Parser, Debug)]
#[command(
    name = "protopy",
    version,
    about = "ProtoPy: a GIL-free Python 3 interpreter"
)]
struct Cli {
    /// Print the bytecode of the program instead of running it.
    #[arg(long)]
    dis: bool,
    /// Program passed in as a string.
    #[arg(short = 'c')]
    command: Option<String>,
    /// Warning control (`action:message:category:module:lineno`), as
    /// CPython's -W; may be repeated.  PYTHONWARNINGS options come first.
    #[arg(short = 'W', action = clap::ArgAction::Append, value_name = "ARG")]
    warnoptions: Vec<String>,
    /// Implementation-specific option, as CPython's -X; may be repeated.
    /// `-X gcstats` prints a line per collection and the collector's totals
    /// at exit (as PROTOPY_GCSTATS=1 does).
    #[arg(short = 'X', action = clap::ArgAction::Append, value_name = "OPT")]
    xoptions: Vec<String>,
    /// Program to run.
    file: Option<std::path::PathBuf>,
    /// Arguments passed to the program in sys.argv[1:].
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn flush() {
    let _ = std::io::stdout().flush();
}

/// Handles an uncaught exception: SystemExit semantics or a traceback.
fn report(vm: &mut Vm, e: PyException) -> u8 {
    flush();
    let exc = e.0;
    if vm.isinstance(exc, vm.g.e.SystemExit) {
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
        let s = if is_str(code) {
            str_of(code).into_owned()
        } else {
            vm.str_string(code).unwrap_or_default()
        };
        eprintln!("{s}");
        return 1;
    }
    let text = vm.format_exception(exc);
    eprint!("{text}");
    if vm.isinstance(exc, vm.g.e.KeyboardInterrupt) {
        // Like CPython: die of SIGINT so the parent sees the interruption.
        let _ = std::io::stderr().flush();
        engine::runtime::signals::exit_by_sigint();
    }
    1
}

fn run(cli: Cli) -> u8 {
    // This thread runs Python's main thread: it alone runs signal handlers.
    // Ctrl-C raises KeyboardInterrupt in it (signal.default_int_handler).
    engine::runtime::signals::set_main_thread();
    engine::runtime::signals::install(libc::SIGINT);
    // As CPython at start-up: a write past RLIMIT_FSIZE fails with EFBIG
    // (OSError) instead of killing the process (Rust already ignores
    // SIGPIPE the same way).
    engine::runtime::signals::set_os_handler(libc::SIGXFSZ, libc::SIG_IGN);
    if cli.xoptions.iter().any(|o| o == "gcstats") {
        // Read by the space's configuration below; no other thread runs yet.
        std::env::set_var("PROTOPY_GCSTATS", "1");
    }
    match python_env::modules::sys::find_stdlib() {
        Ok(dir) => {
            let _ = python_env::modules::sys::STDLIB.set(dir);
        }
        Err(line) => {
            eprintln!("{line}");
            return 1;
        }
    }
    let mut vm = match Vm::new_main(python_env::setup) {
        Ok(vm) => vm,
        Err(_) => {
            eprintln!("protopy: failed to initialise the runtime");
            return 1;
        }
    };
    let (src, filename, argv0, path0) = if let Some(c) = &cli.command {
        (
            c.clone().into_bytes(),
            "<string>".to_string(),
            "-c".to_string(),
            String::new(),
        )
    } else if let Some(f) = &cli.file {
        let abs = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        match std::fs::read(&abs) {
            Ok(s) => {
                let dir = abs
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (
                    s,
                    abs.to_string_lossy().into_owned(),
                    f.to_string_lossy().into_owned(),
                    dir,
                )
            }
            Err(e) => {
                eprintln!(
                    "protopy: can't open file '{}': [Errno {}] {}",
                    f.display(),
                    e.raw_os_error().unwrap_or(2),
                    e
                );
                return 2;
            }
        }
    } else {
        eprintln!("usage: protopy [--dis] (-c CODE | FILE) [ARGS...]");
        return 2;
    };
    if cli.dis {
        return match engine::compiler::compile_bytes(
            &src,
            &filename,
            Mode::Exec,
            Default::default(),
        ) {
            Ok(code) => {
                print!("{}", engine::bytecode::disassemble(&code));
                0
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        };
    }
    let mut argv = vec![argv0];
    argv.extend(cli.args.iter().cloned());
    let sys = match python_env::modules::sys::create(&mut vm, &argv, &path0) {
        Ok(m) => m,
        Err(e) => return report(&mut vm, e),
    };
    // sys.warnoptions: PYTHONWARNINGS (comma-separated), then -W options;
    // as CPython, `warnings` is imported at start-up to apply them.
    let mut opts: Vec<String> = std::env::var("PYTHONWARNINGS")
        .map(|v| {
            v.split(',')
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    opts.extend(cli.warnoptions.iter().cloned());
    if !opts.is_empty() {
        let vals: Vec<Value> = opts.iter().map(|o| vm.new_str(o)).collect();
        let l = vm.new_list(&vals);
        vm.set_module_attr(sys, "warnoptions", l);
        if let Err(e) = vm.import_module("warnings") {
            return report(&mut vm, e);
        }
    }
    let main = vm.new_module("__main__");
    vm.ctx.add_global_root(main);
    let k = vm.intern("__main__");
    let sm = vm.g.sys_modules;
    vm.dict_set_str(sm, k, main);
    let d = Obj::from_value(main).expect("m").get(0);
    let b = vm.g.builtins;
    let kb = vm.g.names.__builtins__;
    vm.dict_set_str(d, kb, b);
    if cli.file.is_some() {
        let f = vm.new_str(&filename);
        let kf = vm.g.names.__file__;
        vm.dict_set_str(d, kf, f);
    }
    let code = match vm.compile_source(&src, &filename, Mode::Exec) {
        Ok(c) => c,
        Err(e) => return report(&mut vm, e),
    };
    vm.push_root(code);
    let r = vm.run_code(code, d, d);
    let status = match r {
        Ok(_) => 0,
        Err(e) => report(&mut vm, e),
    };
    // As CPython: wait for the non-daemon threads (threading._shutdown) if
    // the program imported threading; daemon threads are abandoned at exit.
    let k = vm.intern("threading");
    let sm = vm.g.sys_modules;
    if let Some(tm) = vm.dict_get_str(sm, k) {
        let n = vm.intern("_shutdown");
        let r = vm
            .getattr(tm, n)
            .and_then(|f| vm.call(f, &[], Value::EMPTY));
        if let Err(e) = r {
            report(&mut vm, e);
        }
    }
    // Then the atexit handlers, if the program imported atexit.
    let k = vm.intern("atexit");
    let sm = vm.g.sys_modules;
    if vm.dict_get_str(sm, k).is_some() {
        python_env::modules::atexit::run_exitfuncs(&mut vm);
    }
    flush();
    vm.ctx.space().gc_log().print_summary();
    status
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Run on a big thread stack; a Rust panic is reported as SystemError.
    let h = std::thread::Builder::new()
        .stack_size(engine::runtime::THREAD_STACK_BYTES)
        .spawn(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli))));
    match h.map(|h| h.join()) {
        Ok(Ok(Ok(code))) => ExitCode::from(code),
        _ => {
            flush();
            eprintln!("SystemError: internal interpreter error");
            ExitCode::from(1)
        }
    }
}
