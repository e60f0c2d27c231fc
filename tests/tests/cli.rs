//! The `protopy` command line and REPL against CPython 3.11's `python3`:
//! each form (`-c`, `-m`, a file, `-`, a piped program), option clustering,
//! `sys.argv`/`sys.path[0]`/`sys.flags`, exit statuses and usage errors are
//! run under both and their stdout, stderr and status compared (where
//! `/usr/bin/python3` exists; otherwise only ProtoPy's own expectations are
//! checked). The REPL is driven through a pipe (`-i`, compared with
//! CPython) and through a pseudo-terminal (prompts, blocks, `_`, a
//! traceback then going on, Ctrl-C, completion, history, Ctrl-D).
//!
//! Needs the `protopy` binary of the same profile (`cargo build --release
//! --workspace --bins`, which `run-tests.sh` does first).

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CPYTHON: &str = "/usr/bin/python3";

fn protopy() -> std::path::PathBuf {
    tests::protopy_bin()
}

fn have_cpython() -> bool {
    Path::new(CPYTHON).exists()
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("protopy-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// One run's result, with the interpreter's own path and name replaced
/// by `PY` and its version banner by `BANNER` so that the two compare.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    out: String,
    err: String,
    code: Option<i32>,
}

struct Run<'a> {
    args: &'a [&'a str],
    stdin: Option<&'a str>,
    env: &'a [(&'a str, &'a str)],
    cwd: Option<&'a Path>,
}

impl<'a> Run<'a> {
    fn new(args: &'a [&'a str]) -> Self {
        Run {
            args,
            stdin: None,
            env: &[],
            cwd: None,
        }
    }
}

fn normalise(s: &str, exe: &Path) -> String {
    let mut s = s.replace(&exe.display().to_string(), "PY");
    s = s.replace("Try `python -h'", "Try `protopy -h'");
    s.lines()
        .map(|l| {
            if l.starts_with("Python 3.11") && l.contains(" on linux") {
                "BANNER"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_with(exe: &Path, r: &Run) -> Outcome {
    let mut c = Command::new(exe);
    c.args(r.args)
        .stdin(if r.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for v in [
        "PYTHONBREAKPOINT",
        "PYTHONPYCACHEPREFIX",
        "PYTHONFAULTHANDLER",
        "PYTHONWARNDEFAULTENCODING",
        "PYTHONINTMAXSTRDIGITS",
        "PYTHONPATH",
        "PYTHONSTARTUP",
        "PYTHONINSPECT",
        "PYTHONWARNINGS",
        "PYTHONOPTIMIZE",
        "PYTHONDEVMODE",
        "PYTHONSAFEPATH",
        "PYTHONVERBOSE",
        "PYTHONDEBUG",
        "PYTHONNOUSERSITE",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONUNBUFFERED",
        "PYTHONTRACEMALLOC",
        "PYTHONHASHSEED",
        "PYTHONNODEBUGRANGES",
    ] {
        c.env_remove(v);
    }
    for (k, v) in r.env {
        c.env(k, v);
    }
    if let Some(d) = r.cwd {
        c.current_dir(d);
    }
    let mut child = c.spawn().expect("spawn");
    if let Some(s) = r.stdin {
        let mut i = child.stdin.take().expect("stdin");
        i.write_all(s.as_bytes()).expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait");
    Outcome {
        out: normalise(&String::from_utf8_lossy(&o.stdout), exe),
        err: normalise(&String::from_utf8_lossy(&o.stderr), exe),
        code: o.status.code(),
    }
}

/// Runs under both interpreters; the outcomes must be equal. Returns
/// ProtoPy's.
fn same(r: &Run) -> Outcome {
    let p = run_with(&protopy(), r);
    if have_cpython() {
        let c = run_with(Path::new(CPYTHON), r);
        assert_eq!(p, c, "protopy vs python3 for {:?}", r.args);
    }
    p
}

#[test]
fn argv_in_every_form() {
    let d = scratch("argv");
    let show = "import sys; print(sys.argv, repr(sys.path[0]), __name__)";
    std::fs::write(d.join("s.py"), format!("{show}; print(__file__)\n")).expect("write");
    std::fs::create_dir_all(d.join("pkg")).expect("pkg");
    std::fs::write(d.join("pkg/__init__.py"), "").expect("write");
    let spec = "; print(__spec__.name, __package__, __file__)\n";
    std::fs::write(d.join("pkg/__main__.py"), format!("{show}{spec}")).expect("write");
    std::fs::write(d.join("pkg/mod.py"), format!("{show}{spec}")).expect("write");
    let cwd = Some(d.as_path());
    let o = same(&Run {
        cwd,
        ..Run::new(&["-c", show, "a", "-b", "--c"])
    });
    assert_eq!(o.out, "['-c', 'a', '-b', '--c'] '' __main__");
    for args in [
        &["s.py", "a", "b"][..],
        &["./s.py", "-x"],
        &["-m", "pkg", "x"],
        &["-mpkg.mod", "y"],
        &["-uc", show, "z"],
        &["-Wignore", "-c", show],
        &["--", "s.py", "--"],
        &["-B", "-s", "s.py"],
    ] {
        same(&Run {
            cwd,
            ..Run::new(args)
        });
    }
    let o = same(&Run {
        cwd,
        stdin: Some(&format!("{show}\n")),
        ..Run::new(&["-", "q", "-c"])
    });
    assert_eq!(o.out, "['-', 'q', '-c'] '' __main__");
    let o = same(&Run {
        cwd,
        stdin: Some(&format!("{show}\n")),
        ..Run::new(&[])
    });
    assert_eq!(o.out, "[''] '' __main__");
    // -I and -P: nothing is put before the library folders.
    let o = same(&Run {
        cwd,
        ..Run::new(&["-I", "-c", "import sys; print(sys.path[0] in ('', '.'))"])
    });
    assert_eq!(o.out, "False");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn flags_and_options() {
    let flags = "import sys; f = sys.flags; print(f.debug, f.inspect, f.interactive, \
                 f.optimize, f.dont_write_bytecode, f.no_user_site, f.no_site, \
                 f.ignore_environment, f.bytes_warning, f.quiet, f.isolated, \
                 f.dev_mode, f.safe_path)";
    for args in [
        &["-c", flags][..],
        &["-bBdEqsO", "-c", flags],
        &["-bb", "-OO", "-P", "-c", flags],
        &["-I", "-S", "-c", flags],
        &["-X", "dev", "-c", flags],
    ] {
        same(&Run::new(args));
    }
    same(&Run {
        env: &[("PYTHONDONTWRITEBYTECODE", "1"), ("PYTHONOPTIMIZE", "2")],
        ..Run::new(&["-c", flags])
    });
    // -E: the environment is not read.
    same(&Run {
        env: &[
            ("PYTHONDONTWRITEBYTECODE", "1"),
            ("PYTHONPATH", "/nonexistent"),
        ],
        ..Run::new(&[
            "-E",
            "-c",
            "import sys; print(sys.flags.dont_write_bytecode, '/nonexistent' in sys.path)",
        ])
    });
    same(&Run {
        env: &[("PYTHONPATH", "/nonexistent")],
        ..Run::new(&["-c", "import sys; print(sys.path[1])"])
    });
    // -O removes asserts and makes __debug__ False; -OO drops docstrings.
    let o = same(&Run::new(&[
        "-O",
        "-c",
        "assert False, 'kept'\nprint(__debug__)",
    ]));
    assert_eq!(o.out, "False");
    same(&Run::new(&[
        "-OO",
        "-c",
        "def f():\n    'doc'\nprint(f.__doc__, __debug__)",
    ]));
    same(&Run::new(&["-c", "assert False, 'kept'"]));
    // -W and PYTHONWARNINGS, -X into sys._xoptions.
    same(&Run {
        env: &[("PYTHONWARNINGS", "ignore::DeprecationWarning,once")],
        ..Run::new(&[
            "-W",
            "error",
            "-Wdefault::UserWarning",
            "-bb",
            "-c",
            "import sys; print(sys.warnoptions)",
        ])
    });
    same(&Run::new(&[
        "-X",
        "a=b",
        "-Xc",
        "-X",
        "d=e=f",
        "-c",
        "import sys; print(sorted(sys._xoptions.items()))",
    ]));
    same(&Run::new(&[
        "-Werror",
        "-c",
        "import warnings\ntry:\n    warnings.warn('x')\nexcept UserWarning as e:\n    print('raised', e)",
    ]));
    // PYTHONBREAKPOINT names what breakpoint() calls (not under -E).
    for (hook, args) in [
        ("0", &["-c", "print(breakpoint())"][..]),
        ("builtins.print", &["-c", "breakpoint(1, 2, sep='-')"]),
        ("print", &["-c", "breakpoint('x')"]),
        ("no_such.hook", &["-c", "breakpoint(); print('after')"]),
        (
            "builtins.print",
            &[
                "-E",
                "-c",
                "import sys; sys.breakpointhook = print; breakpoint(3)",
            ],
        ),
    ] {
        same(&Run {
            env: &[("PYTHONBREAKPOINT", hook)],
            ..Run::new(args)
        });
    }
    // -X int_max_str_digits and PYTHONINTMAXSTRDIGITS.
    let digits = "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())";
    for args in [
        &["-X", "int_max_str_digits=0", "-c", digits][..],
        &["-X", "int_max_str_digits=4000", "-c", digits],
        &["-X", "int_max_str_digits=100", "-c", digits],
        &["-X", "int_max_str_digits", "-c", digits],
    ] {
        same(&Run::new(args));
    }
    same(&Run {
        env: &[("PYTHONINTMAXSTRDIGITS", "5000")],
        ..Run::new(&["-c", digits])
    });
    same(&Run {
        env: &[("PYTHONINTMAXSTRDIGITS", "foo")],
        ..Run::new(&["-c", digits])
    });
    // -X faulthandler / -X dev enable faulthandler; -X warn_default_encoding.
    let fh = "import faulthandler, sys; print(faulthandler.is_enabled(), sys.flags.warn_default_encoding)";
    for args in [
        &["-c", fh][..],
        &["-X", "faulthandler", "-c", fh],
        &["-X", "dev", "-c", fh],
        &["-X", "warn_default_encoding", "-c", fh],
    ] {
        same(&Run::new(args));
    }
    // -x skips the first line.
    let d = scratch("x");
    std::fs::write(d.join("x.py"), "this is not python\nprint('second')\n").expect("write");
    let f = d.join("x.py");
    let f = f.to_str().expect("path");
    let o = same(&Run::new(&["-x", f]));
    assert_eq!(o.out, "second");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn exit_statuses() {
    for (src, code) in [
        ("pass", 0),
        ("raise SystemExit(3)", 3),
        ("import sys; sys.exit(256 + 7)", 7),
        ("import sys; sys.exit()", 0),
        ("import sys; sys.exit(None)", 0),
        ("import sys; sys.exit('bye')", 1),
        ("raise SystemExit('a', 'b')", 1),
        ("raise ValueError('boom')", 1),
        ("exit(4)", 4),
        ("quit()", 0),
    ] {
        let p = run_with(&protopy(), &Run::new(&["-c", src]));
        assert_eq!(p.code, Some(code), "{src}: {p:?}");
        if have_cpython() {
            let c = run_with(Path::new(CPYTHON), &Run::new(&["-c", src]));
            assert_eq!(p.code, c.code, "{src}");
            assert_eq!(p.out, c.out, "{src}");
            // The last line of a traceback (tracebacks' marker lines are
            // the traceback issue's).
            assert_eq!(p.err.lines().last(), c.err.lines().last(), "{src}");
        }
    }
    let o = same(&Run::new(&["-c", "import sys; sys.exit('bye')"]));
    assert_eq!(o.err, "bye");
}

#[test]
fn tracemalloc_options() {
    let probe =
        "import tracemalloc; print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())";
    for args in [
        &["-c", probe][..],
        &["-X", "tracemalloc", "-c", probe],
        &["-X", "tracemalloc=7", "-c", probe],
        &["-X", "tracemalloc=0", "-c", probe],
        &["-X", "tracemalloc=", "-c", probe],
    ] {
        same(&Run::new(args));
    }
    for (env, args) in [
        ("1", &["-c", probe][..]),
        ("12", &["-c", probe]),
        (" 4", &["-c", probe]),
        ("0", &["-c", probe]),
        ("5", &["-X", "tracemalloc=3", "-c", probe]),
        ("1", &["-E", "-c", probe]),
        ("1", &["-I", "-c", probe]),
    ] {
        same(&Run {
            env: &[("PYTHONTRACEMALLOC", env)],
            ..Run::new(args)
        });
    }
    // Invalid numbers stop start-up with status 1.
    for (env, args) in [
        ("-1", &["-c", "pass"][..]),
        ("x", &["-c", "pass"]),
        ("", &["-X", "tracemalloc=-1", "-c", "pass"]),
        ("", &["-X", "tracemalloc=2x", "-c", "pass"]),
    ] {
        let o = same(&Run {
            env: &[("PYTHONTRACEMALLOC", env)],
            ..Run::new(args)
        });
        assert_eq!(o.code, Some(1));
    }
    // Out of range: the ValueError of tracemalloc.start (the report names
    // the thread, whose id differs between runs).
    for args in [
        &["-X", "tracemalloc=65536", "-c", "pass"][..],
        &["-X", "tracemalloc=1073741824", "-c", "pass"],
    ] {
        let p = run_with(&protopy(), &Run::new(args));
        assert_eq!(p.code, Some(1));
        assert!(
            p.err
                .contains("ValueError: the number of frames must be in range [1; 65535]"),
            "{p:?}"
        );
        if have_cpython() {
            let c = run_with(Path::new(CPYTHON), &Run::new(args));
            assert_eq!(
                p.err.lines().take(3).collect::<Vec<_>>(),
                c.err.lines().take(3).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn gcstats_totals_come_last() {
    // One line per collection on stderr, then the totals, which are the
    // last line (after the main thread's final sweep) and count them all.
    let prog = "import gc\nx = [[i] for i in range(200000)]\ndel x\ngc.collect()\nprint('done')";
    for (env, args) in [
        (&[][..], &["-X", "gcstats", "-c", prog][..]),
        (&[("PROTOPY_GCSTATS", "1")][..], &["-c", prog][..]),
    ] {
        let o = run_with(
            &protopy(),
            &Run {
                env,
                ..Run::new(args)
            },
        );
        assert_eq!((o.code, o.out.as_str()), (Some(0), "done"), "{o:?}");
        let lines: Vec<&str> = o.err.lines().collect();
        let count = |kind: &str| {
            let p = format!("gc: {kind} (thread ");
            lines.iter().filter(|l| l.starts_with(&p)).count()
        };
        let totals = lines.last().copied().unwrap_or_default();
        let words: Vec<&str> = totals.split_whitespace().collect();
        assert!(totals.starts_with("gc totals: "), "{o:?}");
        let global: usize = words[2].parse().expect("global count");
        let local_at = words.iter().position(|w| *w == "local").expect("local") - 1;
        let local: usize = words[local_at].parse().expect("local count");
        assert!(global >= 1 && count("global") == global, "{o:?}");
        assert_eq!(count("local"), local, "{o:?}");
        assert_eq!(lines.len(), global + local + count("tenure") + 1, "{o:?}");
    }
}

#[test]
fn tenure_threshold_from_the_environment() {
    // A function's big list survives local collections: tenured (shared)
    // once they leave 8 MiB alive, never under PROTOPY_TENURE=0; under
    // PROTOPY_GCSTATS each tenuring prints a line.
    let prog = concat!(
        "import protopy\n",
        "def f():\n",
        "    keep = [[i] for i in range(200000)]\n",
        "    for j in range(200000):\n",
        "        x = [j]\n",
        "    return protopy.is_shared(keep)\n",
        "print(f())\n",
    );
    for (tenure, shared) in [(None, "True"), (Some("0"), "False"), (Some("1"), "True")] {
        let mut env = vec![("PROTOPY_GCSTATS", "1")];
        env.extend(tenure.map(|t| ("PROTOPY_TENURE", t)));
        let o = run_with(
            &protopy(),
            &Run {
                env: &env,
                ..Run::new(&["-c", prog])
            },
        );
        assert_eq!(
            (o.code, o.out.as_str()),
            (Some(0), shared),
            "{tenure:?} {o:?}"
        );
        let tenured = o.err.lines().any(|l| l.starts_with("gc: tenure (thread "));
        assert_eq!(tenured, shared == "True", "{tenure:?} {o:?}");
    }
}

#[test]
fn instruction_trace() {
    // `-X trace` writes each instruction the program runs, with the value
    // stack before it, to stderr; stdout is the program's alone. Start-up's
    // imports are not written: the first line is the program's first
    // instruction. A thread's lines carry its ident.
    let prog = "import threading\ndef f(a, b):\n    return a + b\n\
                t = threading.Thread(target=f, args=('y', 'x' * 50))\n\
                t.start(); t.join()\n\
                print(f(2, 0.5), [None])";
    let o = run_with(&protopy(), &Run::new(&["-X", "trace", "-c", prog]));
    assert_eq!((o.code, o.out.as_str()), (Some(0), "2.5 [None]"), "{o:?}");
    let lines: Vec<&str> = o.err.lines().collect();
    assert!(lines[0].starts_with("<string>:1 <module> @0 "), "{o:?}");
    let has = |l: &str| lines.iter().any(|x| *x == l);
    for want in [
        "<string>:3 f @0 LOAD_FAST 0 (a) |",
        "<string>:3 f @1 LOAD_FAST 1 (b) | 2",
        "<string>:3 f @2 BINARY_OP 0 (+) | 2, 0.5",
        "<string>:3 f @3 RETURN_VALUE | 2.5",
    ] {
        assert!(has(want), "missing {want:?}: {o:?}");
    }
    // The call of print: the function, NULL, its arguments.
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" CALL 2 | <built-in print>, NULL, 2.5, <list object>")),
        "{o:?}"
    );
    // The thread's `f`: its lines are prefixed, its str cut at 40 chars.
    let x40 = "x".repeat(40);
    let want = format!("f @2 BINARY_OP 0 (+) | 'y', '{x40}...'");
    let t = lines
        .iter()
        .find(|l| l.ends_with(&want))
        .unwrap_or_else(|| panic!("no thread line: {o:?}"));
    assert!(t.starts_with("[thread 0x"), "{t}");
    // Nothing is written without the option.
    let o = run_with(&protopy(), &Run::new(&["-c", prog]));
    assert_eq!(
        (o.code, o.out.as_str(), o.err.as_str()),
        (Some(0), "2.5 [None]", ""),
        "{o:?}"
    );
}

#[test]
fn verbose_import_trace() {
    // `-v`: each module the import statement loads, and the code it ran
    // (compiled and cached, then read from the cache); `-vv` also each
    // file tried. Built-in modules are reported as CPython does.
    let d = scratch("verbose");
    std::fs::write(d.join("vmod.py"), "import math\nX = 1\n").expect("vmod");
    let src = d.join("vmod.py").canonicalize().expect("canonical");
    let src = src.display().to_string();
    let prog = "import vmod; print(vmod.X)";
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-c", prog]);
        let o = run_with(
            &protopy(),
            &Run {
                cwd: Some(&d),
                ..Run::new(&all)
            },
        );
        assert_eq!((o.code, o.out.as_str()), (Some(0), "1"), "{o:?}");
        o.err
    };
    let first = run(&["-v"]);
    let lines: Vec<&str> = first.lines().collect();
    let at = |want: &str| {
        lines
            .iter()
            .position(|l| *l == want)
            .unwrap_or_else(|| panic!("missing {want:?}:\n{first}"))
    };
    let compiled = at(&format!("# code object from {src}"));
    let created = lines
        .iter()
        .position(|l| l.starts_with("# created '") && l.ends_with("vmod.protopy-311.pyc'"))
        .unwrap_or_else(|| panic!("no created line:\n{first}"));
    let math = at("import 'math' # <class '_frozen_importlib.BuiltinImporter'>");
    // The loader named as CPython names it (importlib is set up first
    // under -v).
    let done = lines
        .iter()
        .position(|l| {
            l.starts_with(
                "import 'vmod' # <_frozen_importlib_external.SourceFileLoader object at 0x",
            ) && l.ends_with('>')
        })
        .unwrap_or_else(|| panic!("no import line for vmod:\n{first}"));
    assert!(
        compiled < created && created < math && math < done,
        "{first}"
    );
    // The second run reads the cache file just written.
    let second = run(&["-v"]);
    let cache = lines[created]
        .strip_prefix("# created ")
        .expect("created")
        .trim_matches('\'');
    assert!(
        second.contains(&format!(
            "# {cache} matches {src}\n# code object from '{cache}'\n"
        )),
        "{second}"
    );
    assert!(!second.contains("# trying "), "{second}");
    // -vv: the files tried, in the current folder first (sys.path[0]).
    let third = run(&["-vv"]);
    assert!(
        third.contains("# trying ./vmod/__init__.py\n# trying ./vmod.py\n"),
        "{third}"
    );
    // Without -v nothing is written.
    assert_eq!(run(&[]), "");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn hash_seed() {
    let flag = "import sys; print(sys.flags.hash_randomization, sys.hash_info.width)";
    same(&Run::new(&["-c", flag]));
    for (seed, args) in [
        ("0", &["-c", flag][..]),
        ("123", &["-c", flag]),
        ("random", &["-c", flag]),
        ("", &["-c", flag]),
        ("0", &["-E", "-c", flag]),
    ] {
        same(&Run {
            env: &[("PYTHONHASHSEED", seed)],
            ..Run::new(args)
        });
    }
    for bad in ["x", "-1", "4294967296"] {
        let o = same(&Run {
            env: &[("PYTHONHASHSEED", bad)],
            ..Run::new(&["-c", "pass"])
        });
        assert_eq!(o.code, Some(1));
    }
    // str and bytes hashes change from run to run unless a seed is given.
    let h = |env: &[(&str, &str)]| {
        run_with(
            &protopy(),
            &Run {
                env,
                ..Run::new(&["-c", "print(hash('spam'), hash(b'spam') == hash('spam'))"])
            },
        )
        .out
    };
    let random: std::collections::HashSet<String> = (0..4).map(|_| h(&[])).collect();
    assert!(random.len() > 1, "{random:?}");
    assert!(random.iter().all(|o| o.ends_with("True")));
    for seed in ["0", "42"] {
        assert_eq!(
            h(&[("PYTHONHASHSEED", seed)]),
            h(&[("PYTHONHASHSEED", seed)])
        );
    }
    assert_ne!(h(&[("PYTHONHASHSEED", "1")]), h(&[("PYTHONHASHSEED", "2")]));
}

#[test]
fn no_debug_ranges() {
    let d = scratch("no_debug_ranges");
    let script = d.join("fail.py");
    std::fs::write(
        &script,
        "import traceback\ntry:\n    x = 1 / 0\nexcept ZeroDivisionError:\n    traceback.print_exc()\ndef f(a):\n    return a[1] + a[2]\nf([0, 1])\n",
    )
    .expect("write script");
    let s = script.to_str().expect("utf-8 path");
    let positions = "c = compile('(a +\\n b)', 's', 'eval'); print(sorted({p for p in c.co_positions() if p[0]}))";
    for args in [&["-X", "no_debug_ranges", s][..], &[s]] {
        let o = same(&Run::new(args));
        assert_eq!(o.code, Some(1));
    }
    for (env, args) in [
        (&[][..], &["-X", "no_debug_ranges", "-c", positions][..]),
        (&[("PYTHONNODEBUGRANGES", "1")], &["-c", positions]),
        (&[("PYTHONNODEBUGRANGES", "1")], &["-E", "-c", positions]),
    ] {
        same(&Run {
            env,
            ..Run::new(args)
        });
    }
    let o = same(&Run::new(&["-X", "no_debug_ranges", s]));
    assert!(!o.err.contains('^'), "{o:?}");
}

#[test]
fn command_text() {
    // -c ignores a coding cookie: the command is text already.
    same(&Run::new(&[
        "-c",
        "# coding: latin1\nprint(ascii('\u{e6}'))",
    ]));
    // A command that is not UTF-8 does not run.
    use std::os::unix::ffi::OsStrExt;
    let mut outs = Vec::new();
    for exe in [protopy(), PathBuf::from(CPYTHON)] {
        if exe.as_path() == Path::new(CPYTHON) && !have_cpython() {
            continue;
        }
        for arg in [&b"print(ascii('\xff'))"[..], b"-c\xc3\xa9=1;x='\xfe'"] {
            let mut c = Command::new(&exe);
            if !arg.starts_with(b"-c") {
                c.arg("-c");
            }
            let o = c
                .arg(std::ffi::OsStr::from_bytes(arg))
                .stdin(Stdio::null())
                .output()
                .expect("run");
            outs.push((
                o.status.code(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            ));
        }
    }
    assert_eq!(outs[0].0, Some(1));
    assert!(outs[0]
        .1
        .starts_with("Unable to decode the command from the command line:"));
    if outs.len() == 4 {
        assert_eq!(outs[..2], outs[2..]);
    }
}

#[test]
fn usage_errors() {
    for args in [
        &["-Z"][..],
        &["-c"],
        &["-m"],
        &["-W"],
        &["-X"],
        &["--foo"],
        &["-J"],
        &["-bZ", "-c", "pass"],
        &["--check-hash-based-pycs", "sometimes"],
    ] {
        let o = same(&Run::new(args));
        assert_eq!(o.code, Some(2), "{args:?}");
        assert!(
            o.err
                .contains("usage: PY [option] ... [-c cmd | -m mod | file | -] [arg] ...")
                && o.err.ends_with("Try `protopy -h' for more information."),
            "{args:?}: {}",
            o.err
        );
    }
    let o = same(&Run::new(&["/nonexistent/x.py"]));
    assert_eq!(o.code, Some(2));
    assert_eq!(
        o.err,
        "PY: can't open file '/nonexistent/x.py': [Errno 2] No such file or directory"
    );
    let o = same(&Run::new(&["-m", "no_such_module_here"]));
    assert_eq!(o.code, Some(1));
    assert_eq!(o.err, "PY: No module named no_such_module_here");
    // Help and version go to stdout with status 0.
    let o = run_with(&protopy(), &Run::new(&["-h"]));
    assert_eq!(o.code, Some(0));
    assert!(o.out.starts_with("usage: PY [option] ..."), "{}", o.out);
    for flag in ["-V", "--version"] {
        let o = run_with(&protopy(), &Run::new(&[flag]));
        assert_eq!(o.code, Some(0));
        assert!(o.out.starts_with("Python 3.11."), "{}", o.out);
    }
    if have_cpython() {
        // The option lines of -h are CPython's (ProtoPy adds --dis).
        let p = run_with(&protopy(), &Run::new(&["-h"]));
        let c = run_with(Path::new(CPYTHON), &Run::new(&["-h"]));
        let p: Vec<&str> = p.out.lines().filter(|l| !l.starts_with("--dis")).collect();
        let c: Vec<&str> = c.out.lines().collect();
        assert_eq!(p, c);
    }
}

#[test]
fn program_from_stdin() {
    let o = same(&Run {
        stdin: Some("import sys\nprint('piped', sys.argv)\nraise SystemExit(5)\n"),
        ..Run::new(&[])
    });
    assert_eq!(o.code, Some(5));
    same(&Run {
        stdin: Some("print(__file__ if '__file__' in dir() else None)\n"),
        ..Run::new(&["-"])
    });
    same(&Run {
        stdin: Some("x = 1\nprint(x +)\n"),
        ..Run::new(&["-"])
    });
}

#[test]
fn repl_on_a_pipe() {
    let d = scratch("startup");
    let startup = d.join("startup.py");
    std::fs::write(&startup, "x = 42\n").expect("write");
    let startup = startup.to_str().expect("path");
    for input in [
        "1 + 1\n_ * 2\n",
        "if 1:\n  print(5)\n\nprint(6)\n",
        "x = (1,\n2)\nx\n1/0\nprint(7)\n",
        "if 1: print(5)\nprint(6)\n",
        "def f():\n    return 3\n\nf()\n",
        "import sys; sys.exit(4)\n",
        "# c\n\n   \n5\n",
        "'''a\nb'''\n",
        "x = 1 + \\\n  2\nx\n",
        "quit(3)\n",
        "import sys\nsys.ps1 = '$ '\nNone\n",
        "class A:\n  def __repr__(self): return 'A!'\n\nA()\n_\n",
        "for i in range(2):\n  i\n",
    ] {
        let o = same(&Run {
            stdin: Some(input),
            ..Run::new(&["-i"])
        });
        assert!(o.err.starts_with("BANNER"), "{}", o.err);
        same(&Run {
            stdin: Some(input),
            ..Run::new(&["-q", "-i"])
        });
    }
    // -i after -c; PYTHONINSPECT; PYTHONSTARTUP for a session.
    let o = same(&Run {
        stdin: Some("y * 2\n"),
        ..Run::new(&["-i", "-c", "y = 21"])
    });
    assert_eq!(o.out, "42");
    same(&Run {
        stdin: Some("y\n"),
        env: &[("PYTHONINSPECT", "1")],
        ..Run::new(&["-c", "y = 'inspected'"])
    });
    same(&Run {
        stdin: Some("y\n"),
        ..Run::new(&["-i", "-c", "y = 1; raise SystemExit(9)"])
    });
    let o = same(&Run {
        stdin: Some("x\n"),
        env: &[("PYTHONSTARTUP", startup)],
        ..Run::new(&["-i"])
    });
    assert_eq!(o.out, "42");
    let _ = std::fs::remove_dir_all(&d);
}

// ------------------------------------------------------ pseudo-terminal

/// A protopy session on a pseudo-terminal.
struct Pty {
    master: std::fs::File,
    rx: mpsc::Receiver<Vec<u8>>,
    child: std::process::Child,
    seen: String,
}

impl Pty {
    fn spawn(args: &[&str], home: &Path) -> Pty {
        Pty::spawn_with(args, home, false)
    }

    /// With `stdout_pipe`, standard output is a pipe (standard input and
    /// error stay on the terminal): lines are then read without the editor.
    fn spawn_with(args: &[&str], home: &Path, stdout_pipe: bool) -> Pty {
        let mut m: libc::c_int = -1;
        let mut s: libc::c_int = -1;
        let ws = libc::winsize {
            ws_row: 24,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors into `m` and `s`; the
        // name and termios pointers may be null, the winsize is read only.
        let rc =
            unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both descriptors were just opened by openpty and are
        // owned by nothing else.
        let (master, slave) = unsafe { (OwnedFd::from_raw_fd(m), OwnedFd::from_raw_fd(s)) };
        let mut c = Command::new(protopy());
        c.args(args)
            .env("HOME", home)
            .env("TERM", "xterm")
            .env_remove("PYTHONSTARTUP")
            .env_remove("PYTHONINSPECT")
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(if stdout_pipe {
                Stdio::piped()
            } else {
                Stdio::from(slave.try_clone().expect("dup"))
            })
            .stderr(Stdio::from(slave));
        // SAFETY: between fork and exec the child only calls setsid and
        // ioctl, both async-signal-safe, to make the terminal its
        // controlling terminal.
        unsafe {
            c.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = c.spawn().expect("spawn protopy on a pty");
        let master = std::fs::File::from(master);
        let mut reader = master.try_clone().expect("dup master");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pty {
            master,
            rx,
            child,
            seen: String::new(),
        }
    }

    /// Reads until `what` appears after the text already consumed;
    /// returns the text up to and including it.
    fn expect(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(i) = self.seen.find(what) {
                let upto = self.seen[..i + what.len()].to_string();
                self.seen.drain(..i + what.len());
                return upto;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(b) => self.seen.push_str(&String::from_utf8_lossy(&b)),
                Err(_) => panic!("timed out waiting for {what:?}; got {:?}", self.seen),
            }
        }
    }

    fn send(&mut self, s: &str) {
        self.master.write_all(s.as_bytes()).expect("write pty");
    }

    fn wait(mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(st) = self.child.try_wait().expect("wait") {
                return st.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("protopy did not exit; output {:?}", self.seen);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn repl_on_a_terminal() {
    let home = scratch("pty");
    let mut p = Pty::spawn(&[], &home);
    let banner = p.expect(">>> ");
    assert!(banner.contains("Python 3.11"), "{banner:?}");
    assert!(banner.contains("Type \"help\""), "{banner:?}");
    p.send("6 * 7\r");
    p.expect("42\r\n");
    p.expect(">>> ");
    p.send("_ + 1\r");
    p.expect("43\r\n");
    p.expect(">>> ");
    // A block: continuation prompts until a blank line.
    p.send("for i in range(2):\r");
    p.expect("... ");
    p.send("    print('item', i)\r");
    p.expect("... ");
    p.send("\r");
    p.expect("item 0\r\nitem 1\r\n");
    p.expect(">>> ");
    // A traceback does not end the session.
    p.send("1/0\r");
    p.expect("ZeroDivisionError: division by zero");
    p.expect(">>> ");
    p.send("print('still here')\r");
    p.expect("still here\r\n");
    p.expect(">>> ");
    // Tab completes names and attributes (rlcompleter); a callable that
    // takes no arguments (by its signature) gets both parentheses.
    p.send("import os\r");
    p.expect(">>> ");
    p.send("os.getpi\t");
    p.expect("os.getpid()");
    p.send(" == os.getpid()\r");
    p.expect("True\r\n");
    p.expect(">>> ");
    // Ctrl-C at the prompt drops the line.
    p.send("unfinished(");
    p.send("\x03");
    p.expect("KeyboardInterrupt");
    p.expect(">>> ");
    // input() reads through the line editor.
    p.send("input('name? ')\r");
    p.expect("name? ");
    p.send("ada\r");
    p.expect("'ada'");
    p.expect(">>> ");
    // Ctrl-C in running code raises KeyboardInterrupt there.
    p.send("import time; time.sleep(30)\r");
    std::thread::sleep(Duration::from_millis(500));
    p.send("\x03");
    p.expect("KeyboardInterrupt");
    p.expect(">>> ");
    // Ctrl-D leaves with status 0, writing the history.
    p.send("\x04");
    assert_eq!(p.wait(), Some(0));
    let hist = std::fs::read_to_string(home.join(".python_history")).expect("history file");
    assert!(hist.contains("6 * 7\n"), "{hist:?}");
    assert!(hist.contains("print('still here')\n"), "{hist:?}");
    // The next session gets that history back (Up arrow).
    let mut p = Pty::spawn(&["-q"], &home);
    p.expect(">>> ");
    p.send("\x1b[A");
    p.expect("import time; time.sleep(30)");
    p.send("\x15exit(5)\r");
    assert_eq!(p.wait(), Some(5));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn non_utf8_arguments_use_surrogateescape() {
    use std::os::unix::ffi::OsStrExt;
    let arg = std::ffi::OsStr::from_bytes(b"\xff\xc3x");
    let run = |exe: &Path| {
        let o = Command::new(exe)
            .args([
                "-c",
                "import sys, os; print(ascii(sys.argv), os.fsencode(sys.argv[1]))",
            ])
            .arg(arg)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let p = run(&protopy());
    assert_eq!(p, "['-c', '\\udcff\\udcc3x'] b'\\xff\\xc3x'\n");
    if have_cpython() {
        assert_eq!(p, run(Path::new(CPYTHON)));
    }
    let o = same(&Run {
        env: &[("PYTHONPYCACHEPREFIX", "foo")],
        ..Run::new(&["-c", "import sys; print(sys.pycache_prefix)"])
    });
    assert_eq!(o.out, "foo");
    same(&Run {
        env: &[("PYTHONPYCACHEPREFIX", "foo")],
        ..Run::new(&[
            "-X",
            "pycache_prefix=bar",
            "-c",
            "import sys; print(sys.pycache_prefix)",
        ])
    });
    same(&Run {
        env: &[("PYTHONPYCACHEPREFIX", "foo")],
        ..Run::new(&[
            "-X",
            "pycache_prefix",
            "-c",
            "import sys; print(sys.pycache_prefix)",
        ])
    });
}

#[test]
fn ctrl_c_at_a_plain_prompt() {
    // Standard input on a terminal, output to a pipe: CPython reads plain
    // lines (prompts on stderr); Ctrl-C at the prompt is a signal there.
    let home = scratch("plain");
    let mut p = Pty::spawn_with(&["-q"], &home, true);
    p.expect(">>> ");
    p.send("1 + 1\r");
    p.expect(">>> ");
    let pid = i32::try_from(p.child.id()).expect("pid");
    // SAFETY: kill() only sends a signal to the child this test spawned.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    p.expect("KeyboardInterrupt");
    p.expect(">>> ");
    p.send("print('after')\r");
    p.expect(">>> ");
    p.send("\x04");
    let mut out = String::new();
    p.child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("read");
    assert_eq!(out, "2\nafter\n");
    assert_eq!(p.wait(), Some(0));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn dash_m_dis_runs_protopys_own_dis() {
    // `dis` is ProtoPy's embedded module (it reads ProtoPy's bytecode);
    // importlib sees it as a frozen module, so runpy runs that one and not
    // the Lib's file, as the import statement does.
    let dir = scratch("dis");
    let file = dir.join("m.py");
    std::fs::write(&file, "def f(a):\n    return a + 1\n").expect("write m.py");
    let path = file.to_string_lossy().into_owned();
    let o = run_with(&protopy(), &Run::new(&["-m", "dis", &path]));
    assert_eq!(o.code, Some(0), "{o:?}");
    assert!(o.out.contains("BINARY_OP                0 (+)"), "{o:?}");
    assert!(o.out.contains("Disassembly of <code object f"), "{o:?}");
    let prog = "import importlib.util, dis\n\
                s = importlib.util.find_spec('dis')\n\
                print(s.origin, s.loader.__name__, dis.__spec__.origin, hasattr(dis, '__file__'))";
    let o = run_with(&protopy(), &Run::new(&["-c", prog]));
    assert_eq!(
        (o.code, o.out.as_str()),
        (Some(0), "frozen FrozenImporter frozen False"),
        "{o:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A help text without the lines only ProtoPy has: `--dis` in the option
/// list, and the `-X gcstats` and `-X trace` entries (each after a blank
/// line, continued by indented lines).
fn without_protopy_help(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        i += 1;
        if l.starts_with("--dis ") {
            continue;
        }
        if l.starts_with("-X gcstats:") || l.starts_with("-X trace:") {
            if out.last() == Some(&"") {
                out.pop();
            }
            while i < lines.len() && lines[i].starts_with("    ") {
                i += 1;
            }
            continue;
        }
        out.push(l);
    }
    out.join("\n")
}

#[test]
fn help_variants() {
    // Each help option prints CPython's text on stdout with status 0,
    // ProtoPy's own lines aside, which are there.
    for (flag, own) in [
        ("--help", &["--dis "][..]),
        ("-?", &["--dis "]),
        ("--help-env", &[]),
        ("--help-xoptions", &["-X gcstats:", "-X trace:"]),
        ("--help-all", &["--dis ", "-X gcstats:", "-X trace:"]),
    ] {
        let p = run_with(&protopy(), &Run::new(&[flag]));
        assert_eq!((p.code, p.err.as_str()), (Some(0), ""), "{flag}: {p:?}");
        for line in own {
            assert!(
                p.out.lines().any(|l| l.starts_with(line)),
                "{flag} lacks {line}"
            );
        }
        if have_cpython() {
            let c = run_with(Path::new(CPYTHON), &Run::new(&[flag]));
            assert_eq!(without_protopy_help(&p.out), c.out, "{flag}");
        }
    }
}

#[test]
fn environment_flags() {
    // Each variable sets what CPython's does, and -E ignores it.
    let cases: [(&str, &str); 5] = [
        (
            "PYTHONDEVMODE",
            "import sys, faulthandler; print(sys.flags.dev_mode, faulthandler.is_enabled(), sys.warnoptions)",
        ),
        (
            "PYTHONNOUSERSITE",
            "import sys, site; print(sys.flags.no_user_site, site.ENABLE_USER_SITE)",
        ),
        ("PYTHONFAULTHANDLER", "import faulthandler; print(faulthandler.is_enabled())"),
        ("PYTHONSAFEPATH", "import sys; print(sys.flags.safe_path, '' in sys.path)"),
        (
            "NO_COLOR",
            "import sys; print(sys.stderr.isatty()); raise ValueError('plain')",
        ),
    ];
    for (var, prog) in cases {
        let on = same(&Run {
            env: &[(var, "1")],
            ..Run::new(&["-c", prog])
        });
        let ignored = same(&Run {
            env: &[(var, "1")],
            ..Run::new(&["-E", "-c", prog])
        });
        let off = same(&Run::new(&["-c", prog]));
        assert_eq!(ignored, off, "{var} under -E");
        if var != "NO_COLOR" {
            assert_ne!(on.out, off.out, "{var} changes nothing");
        }
    }
    // -P and PYTHONSAFEPATH: a script's folder is not put on sys.path.
    let d = scratch("safepath");
    let script = d.join("sp.py");
    std::fs::write(
        &script,
        "import os, sys\nprint(os.path.dirname(os.path.abspath(__file__)) in sys.path)\n",
    )
    .expect("write");
    let s = script.to_str().expect("utf-8 path");
    assert_eq!(same(&Run::new(&[s])).out, "True");
    assert_eq!(same(&Run::new(&["-P", s])).out, "False");
    let o = same(&Run {
        env: &[("PYTHONSAFEPATH", "1")],
        ..Run::new(&[s])
    });
    assert_eq!(o.out, "False");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn broken_pipe_on_stdout() {
    // The reader goes away after one line: the program's next write
    // raises BrokenPipeError, reported as CPython does, status 1.
    let run = |exe: &Path| {
        let mut c = Command::new(exe);
        c.args(["-c", "for i in range(10**6): print(i)"])
            .env_remove("PYTHONUNBUFFERED")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("spawn");
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 2];
        out.read_exact(&mut first).expect("first line");
        drop(out);
        let o = child.wait_with_output().expect("wait");
        (
            first,
            String::from_utf8_lossy(&o.stderr).into_owned(),
            o.status.code(),
        )
    };
    let p = run(&protopy());
    assert_eq!(&p.0, b"0\n");
    assert!(
        p.1.ends_with("BrokenPipeError: [Errno 32] Broken pipe\n"),
        "{p:?}"
    );
    assert_eq!(p.2, Some(1));
    if have_cpython() {
        assert_eq!(p, run(Path::new(CPYTHON)));
    }
}

#[test]
fn inspect_after_a_script() {
    // -i runs the REPL after the script, in its namespace, reading the
    // rest of standard input.
    let d = scratch("inspect");
    std::fs::write(d.join("isc.py"), "x = 21\n").expect("write");
    let s = d.join("isc.py");
    let o = same(&Run {
        stdin: Some("print(x * 2)\nraise SystemExit(3)\n"),
        ..Run::new(&["-i", s.to_str().expect("utf-8 path")])
    });
    assert_eq!(
        (o.code, o.out.as_str(), o.err.as_str()),
        (Some(3), "42", ">>> >>> "),
        "{o:?}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn dis_option() {
    // ProtoPy's own --dis: the program's bytecode, not run; for -c, a
    // file and standard input.
    let d = scratch("dis");
    std::fs::write(d.join("p.py"), "y = 2\nprint('ran')\n").expect("write");
    let f = d.join("p.py");
    for (args, stdin, name) in [
        (vec!["--dis", "-c", "x = 1"], None, "x"),
        (vec!["--dis", f.to_str().expect("utf-8 path")], None, "y"),
        (vec!["--dis", "-"], Some("z = 3\n"), "z"),
    ] {
        let o = run_with(
            &protopy(),
            &Run {
                stdin,
                ..Run::new(&args)
            },
        );
        assert_eq!(o.code, Some(0), "{o:?}");
        assert!(
            o.out.starts_with("Disassembly of <code object <module>"),
            "{o:?}"
        );
        let store = o
            .out
            .lines()
            .find(|l| l.contains("STORE_NAME"))
            .unwrap_or_default();
        assert!(store.ends_with(&format!("({name})")), "{o:?}");
        // Not run: no line of the program's own output.
        assert!(!o.out.lines().any(|l| l == "ran"), "{o:?}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn repl_line_editing_and_completion() {
    let home = scratch("pty-edit");
    let mut p = Pty::spawn(&["-q"], &home);
    p.expect(">>> ");
    // Ctrl-A and Ctrl-E move to the line's ends, Backspace deletes, Left
    // and Right move by a character: "0+2" becomes "401+23".
    p.send("0+2");
    p.send("\x01");
    p.send("4");
    p.send("\x05");
    p.send("\x7f");
    p.send("3");
    p.send("\x1b[D\x1b[D");
    p.send("1");
    p.send("\x1b[C");
    p.send("2\r");
    p.expect("424\r\n");
    p.expect(">>> ");
    // Tab completes a name the session defined and a builtin (with its
    // parenthesis); a second Tab lists the candidates.
    p.send("zz_va = 5\r");
    p.expect(">>> ");
    p.send("zz_v\t");
    p.expect("zz_va");
    p.send(" + 1\r");
    p.expect("6\r\n");
    p.expect(">>> ");
    p.send("prin\t");
    p.expect("print(");
    p.send("'done')\r");
    p.expect("done\r\n");
    p.expect(">>> ");
    p.send("pr\t\t");
    let listing = p.expect("property(");
    assert!(listing.contains("print("), "{listing:?}");
    p.send("\x15");
    p.send("\x04");
    assert_eq!(p.wait(), Some(0));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn completion_display_hook() {
    // A second Tab on an ambiguous word calls the display hook with GNU
    // readline's arguments (the common prefix, the matches, the longest
    // match's length) instead of listing the matches; the line is then
    // redrawn and editing goes on. A hook that raises is ignored, as
    // CPython's callback drops the exception.
    let home = scratch("pty-display-hook");
    let script = "import readline\n\
        words = ['alpha', 'alps', 'beta']\n\
        def complete(text, state):\n\
        \x20   found = [w for w in words if w.startswith(text)]\n\
        \x20   return found[state] if state < len(found) else None\n\
        readline.set_completer(complete)\n\
        readline.parse_and_bind('tab: complete')\n\
        calls = []\n\
        def show(sub, matches, longest):\n\
        \x20   calls.append(sub)\n\
        \x20   print('HOOK', repr(sub), matches, longest)\n\
        \x20   if len(calls) > 1:\n\
        \x20       raise ValueError('dropped')\n\
        readline.set_completion_display_matches_hook(show)\n\
        print('RESULT', repr(input('? ')))\n\
        print('RESULT', repr(input('? ')))\n\
        print('CALLS', calls)\n";
    let mut p = Pty::spawn(&["-q", "-c", script], &home);
    p.expect("? ");
    p.send("x al\t");
    p.expect("x alp");
    p.send("\t");
    p.expect("HOOK 'alp' ['alpha', 'alps'] 5\r\n");
    p.send("h\t\r");
    p.expect("RESULT 'x alpha'\r\n");
    p.expect("? ");
    // Another key between the two Tabs: the second is a new first Tab.
    p.send("al\tx\x7f\t\t");
    p.expect("HOOK 'alp' ['alpha', 'alps'] 5\r\n");
    p.send("s\r");
    p.expect("RESULT 'alps'\r\n");
    p.expect("CALLS ['alp', 'alp']\r\n");
    assert_eq!(p.wait(), Some(0));
    let _ = std::fs::remove_dir_all(&home);
}
