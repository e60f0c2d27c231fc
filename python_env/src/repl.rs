//! The interactive interpreter of the `protopy` command, as CPython 3.11's
//! (`PyRun_InteractiveLoop`): `sys.ps1`/`sys.ps2` prompts, one statement
//! compiled in 'single' mode at a time (expression values echoed through
//! `sys.displayhook`), compound statements ended by a blank line, a
//! traceback that does not end the session, Ctrl-C and Ctrl-D.
//!
//! On a terminal (standard input and output both ttys) lines come through
//! the `readline` module's editor, with history in `~/.python_history` and
//! Tab completion by `rlcompleter`, as `site`'s interactive hook sets them
//! up for CPython. Otherwise lines are read plainly and the prompts go to
//! stderr, as CPython's `PyOS_StdioReadline`.

use crate::{print_exception, system_exit_status, Config};
use engine::compiler::{CompileFlags, Mode};
use engine::runtime::{is_str, str_of, PyException, Vm};
use proto_core::Value;
use python_env::modules::readline::{self, Line};
use std::io::{BufRead, IsTerminal, Write};

/// What the lines typed so far amount to.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Only blank lines and comments: nothing to run.
    Empty,
    /// An unfinished statement: read a continuation line.
    More,
    /// A statement to compile and run (a syntax error is reported then).
    Run,
}

/// Whether a statement's first line opens a compound statement, which
/// the interactive loop ends only at a blank line.
fn is_compound(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('@') {
        return true;
    }
    let word: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match word.as_str() {
        "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async" => true,
        // `match` is a soft keyword: a statement only when its line is a
        // block header.
        "match" => {
            let code = t.split('#').next().unwrap_or("").trim_end();
            code.ends_with(':')
        }
        _ => false,
    }
}

/// CPython's interactive rule for the buffer `buf` (lines each ending in
/// a newline): an unclosed bracket or triple-quoted string, a backslash
/// continuation or a syntax error at the very end of the input asks for
/// more; a compound statement goes on until a blank line.
fn verdict(buf: &str) -> Verdict {
    let lines: Vec<&str> = buf.lines().collect();
    let is_content = |l: &&str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    };
    let Some(last_content) = lines.iter().rposition(is_content) else {
        return Verdict::Empty;
    };
    let n_content = last_content + 1;
    let first = lines.iter().find(|l| is_content(l)).copied().unwrap_or("");
    let last_blank = lines.last().is_none_or(|l| l.trim().is_empty());
    match engine::compiler::compile_bytes(
        buf.as_bytes(),
        "<stdin>",
        Mode::Single,
        CompileFlags::interpreter(),
    ) {
        Ok(_) => {
            if is_compound(first) && !last_blank {
                Verdict::More
            } else {
                Verdict::Run
            }
        }
        Err(e) => {
            let m = e.msg.as_str();
            if m.contains("was never closed") || m.contains("unterminated triple-quoted string") {
                return Verdict::More;
            }
            if last_blank {
                return Verdict::Run;
            }
            if m.contains("unexpected EOF") || e.lineno as usize > n_content {
                return Verdict::More;
            }
            if m.starts_with("expected an indented block") && e.lineno as usize == n_content {
                return Verdict::More;
            }
            Verdict::Run
        }
    }
}

/// Compiles one interactive statement. A line that starts a new
/// statement after a compound one (without the blank line that ends it)
/// is CPython's "invalid syntax" at that line's first token.
fn compile_statement(vm: &mut Vm, src: &str) -> Result<Value, PyException> {
    const MULTI: &str = "multiple statements found while compiling a single statement";
    match engine::compiler::compile_bytes(
        src.as_bytes(),
        "<stdin>",
        Mode::Single,
        CompileFlags::interpreter(),
    ) {
        Err(mut e) if e.msg == MULTI => {
            e.msg = "invalid syntax".into();
            // The error names the end of the first statement; the REPL's
            // is at the first token of the next one.
            let next = src
                .lines()
                .enumerate()
                .skip(e.lineno as usize)
                .find(|(_, l)| {
                    let t = l.trim_start();
                    !t.is_empty() && !t.starts_with('#')
                });
            if let Some((i, l)) = next {
                e.lineno = i as u32 + 1;
                e.col_offset = (l.chars().count() - l.trim_start().chars().count()) as i32 + 1;
                e.text = Some(l.to_owned());
            }
            if let Some(t) = &e.text {
                let start = usize::try_from(e.col_offset.max(1) - 1).unwrap_or(0);
                let word = t
                    .chars()
                    .skip(start)
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .count()
                    .max(1);
                e.end_lineno = e.lineno;
                e.end_col_offset = e.col_offset + word as i32;
            }
            Err(vm.syntax_error(&e))
        }
        _ => vm.compile_source(src.as_bytes(), "<stdin>", Mode::Single),
    }
}

/// Whether standard input has data (or end of input) within `ms`
/// milliseconds.
fn stdin_readable(ms: i32) -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: poll reads and writes exactly the one pollfd it is given,
    // which lives on this stack frame for the whole call.
    let n = unsafe { libc::poll(&mut fds, 1, ms) };
    // Interrupted by a signal: not readable, so that its handler runs; any
    // other error is left for the read to report.
    n > 0 || (n < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR))
}

/// A signal handler's exception while waiting for a line:
/// KeyboardInterrupt drops the line, anything else propagates.
fn interrupted(vm: &mut Vm, x: PyException) -> Result<Line, PyException> {
    if vm.isinstance(x.0, vm.g.e.KeyboardInterrupt) {
        Ok(Line::Interrupted)
    } else {
        Err(x)
    }
}

/// One interactive session.
pub struct Repl {
    /// `__main__`'s dict (rooted by the `__main__` module's global root).
    globals: Value,
    /// Lines come through the line editor (stdin and stdout are ttys).
    editor: bool,
    quiet: bool,
    ignore_environment: bool,
    /// `~/.python_history`, written at the end when the session read it.
    history_file: Option<String>,
}

impl Repl {
    /// Prepares a session in `globals`: `sys.ps1`/`sys.ps2` when unset,
    /// and on a terminal the readline set-up of `site`'s interactive hook.
    pub fn new(vm: &mut Vm, globals: Value, cfg: &Config) -> Repl {
        let editor = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        let sys = *proto_core::sync::lock(&vm.g.sys);
        for (name, text) in [("ps1", ">>> "), ("ps2", "... ")] {
            if python_env::builtins::sys_attr(vm, name).is_none() {
                let v = vm.new_str(text);
                vm.set_module_attr(sys, name, v);
            }
        }
        let mut r = Repl {
            globals,
            editor,
            quiet: cfg.quiet,
            ignore_environment: cfg.ignore_environment,
            history_file: None,
        };
        if editor {
            r.interactive_hook(vm);
        }
        r
    }

    /// `sys.__interactivehook__` when something installed one; otherwise
    /// what `site.register_readline` does: `readline` and `rlcompleter`
    /// imported (Tab completes names and attributes) and the history read
    /// from `~/.python_history` when it is empty.
    fn interactive_hook(&mut self, vm: &mut Vm) {
        if let Some(h) = python_env::builtins::sys_attr(vm, "__interactivehook__") {
            if let Err(e) = vm.call(h, &[], Value::EMPTY) {
                errln!("Failed calling sys.__interactivehook__");
                print_exception(vm, e.0);
            }
            return;
        }
        let r: Result<(), PyException> = (|| {
            let rl = vm.import_module("readline")?;
            let mark = vm.push_root(rl);
            vm.import_module("rlcompleter")?;
            let n = vm.call_method(rl, "get_current_history_length", &[])?;
            if n.as_int() == Some(0) {
                let home = std::env::var("HOME").unwrap_or_default();
                let path = format!("{home}/.python_history");
                let p = vm.new_str(&path);
                vm.push_root(p);
                // A missing or unreadable file is not an error (as site).
                let _ = vm.call_method(rl, "read_history_file", &[p]);
                self.history_file = Some(path);
            }
            vm.pop_roots(mark);
            Ok(())
        })();
        if let Err(e) = r {
            print_exception(vm, e.0);
        }
    }

    /// The banner (stderr), unless `-q`.
    pub fn banner(&self, _vm: &mut Vm) {
        if !self.quiet {
            errln!(
                "Python {} on {}\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.",
                python_env::modules::sys::VERSION,
                std::env::consts::OS
            );
        }
    }

    /// Runs the file named by PYTHONSTARTUP in `__main__`, as CPython's
    /// `pymain_run_startup` (errors are printed and the session goes on).
    pub fn startup(&self, vm: &mut Vm) {
        if self.ignore_environment {
            return;
        }
        let Some(path) = std::env::var("PYTHONSTARTUP")
            .ok()
            .filter(|p| !p.is_empty())
        else {
            return;
        };
        let src = match std::fs::read(&path) {
            Ok(s) => s,
            Err(e) => {
                errln!("Could not open PYTHONSTARTUP");
                let code = e.raw_os_error().unwrap_or(libc::ENOENT);
                let msg = std::io::Error::from_raw_os_error(code).to_string();
                let msg = msg.split(" (os error").next().unwrap_or("").to_string();
                let cls = if code == libc::ENOENT {
                    "FileNotFoundError"
                } else {
                    "OSError"
                };
                errln!("{cls}: [Errno {code}] {msg}: '{path}'");
                return;
            }
        };
        let d = self.globals;
        let kf = vm.intern("__file__");
        let had_file = vm.dict_get_str(d, kf).is_some();
        if !had_file {
            let f = vm.new_str(&path);
            vm.dict_set_str(d, kf, f);
        }
        let r = vm.compile_source(&src, &path, Mode::Exec).and_then(|code| {
            let mark = vm.push_root(code);
            let r = vm.run_code(code, d, d);
            vm.pop_roots(mark);
            r
        });
        if !had_file {
            let _ = vm.dict_del(d, kf);
        }
        if let Err(e) = r {
            print_exception(vm, e.0);
        }
        python_env::modules::sys::flush_stdout(vm);
    }

    /// `str(sys.psN)`, or "" when it is missing or fails.
    fn prompt(&self, vm: &mut Vm, name: &str) -> String {
        match python_env::builtins::sys_attr(vm, name) {
            Some(v) if is_str(v) => str_of(v).into_owned(),
            Some(v) => vm.str_string(v).unwrap_or_default(),
            None => String::new(),
        }
    }

    fn read(&mut self, vm: &mut Vm, prompt: &str) -> Result<Line, PyException> {
        if self.editor {
            return readline::read_line(vm, prompt);
        }
        python_env::modules::sys::flush_stdout(vm);
        python_env::modules::sys::flush_stream(vm, "stderr");
        let mut err = std::io::stderr();
        let _ = err.write_all(prompt.as_bytes());
        let _ = err.flush();
        // Outside the safepoint handshake while waiting (other threads'
        // collections go on). On a terminal the wait is cut into slices so
        // that Ctrl-C (whose signal may reach any thread) runs its handler
        // and a KeyboardInterrupt drops the line, as CPython's
        // PyOS_StdioReadline; a read error other than EINTR ends the input
        // as EOF does there.
        let tty = std::io::stdin().is_terminal();
        let mut buf = Vec::new();
        loop {
            if tty && !vm.ctx.blocking(|| stdin_readable(20)) {
                if let Err(x) = vm.check_signals() {
                    return interrupted(vm, x);
                }
                continue;
            }
            let r = vm.ctx.blocking(|| {
                let stdin = std::io::stdin();
                let mut lock = stdin.lock();
                let chunk = lock.fill_buf()?;
                if chunk.is_empty() {
                    return Ok((Vec::new(), true));
                }
                let (n, done) = match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                let part = chunk[..n].to_vec();
                lock.consume(n);
                Ok::<_, std::io::Error>((part, done))
            });
            match r {
                Ok((part, done)) => {
                    let eof = part.is_empty();
                    buf.extend_from_slice(&part);
                    if eof && buf.is_empty() {
                        return Ok(Line::Eof);
                    }
                    if done {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    if let Err(x) = vm.check_signals() {
                        return interrupted(vm, x);
                    }
                }
                Err(_) if buf.is_empty() => return Ok(Line::Eof),
                Err(_) => break,
            }
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        Ok(Line::Text(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Compiles and runs one statement; Some(status) when it raised
    /// SystemExit.
    fn exec(&mut self, vm: &mut Vm, src: &str) -> Option<u8> {
        let d = self.globals;
        let r = compile_statement(vm, src).and_then(|code| {
            let mark = vm.push_root(code);
            let r = vm.run_code(code, d, d);
            vm.pop_roots(mark);
            r
        });
        python_env::modules::sys::flush_stdout(vm);
        if let Err(e) = r {
            if vm.isinstance(e.0, vm.g.e.SystemExit) {
                return Some(system_exit_status(vm, e.0));
            }
            print_exception(vm, e.0);
        }
        python_env::modules::sys::flush_stream(vm, "stderr");
        None
    }

    /// The read-eval-print loop; returns the exit status (0 at end of
    /// input, a SystemExit's status).
    pub fn run(&mut self, vm: &mut Vm) -> u8 {
        let status = self.run_loop(vm);
        if let Some(path) = self.history_file.take() {
            let k = vm.intern("readline");
            if let Some(rl) = vm.dict_get_str(vm.g.sys_modules, k) {
                let mark = vm.push_root(rl);
                let p = vm.new_str(&path);
                vm.push_root(p);
                let _ = vm.call_method(rl, "write_history_file", &[p]);
                vm.pop_roots(mark);
            }
        }
        status
    }

    fn run_loop(&mut self, vm: &mut Vm) -> u8 {
        let mut buf = String::new();
        loop {
            let prompt = self.prompt(vm, if buf.is_empty() { "ps1" } else { "ps2" });
            let line = match self.read(vm, &prompt) {
                Ok(l) => l,
                Err(e) => {
                    // A failing standard input ends the session; an
                    // exception from a signal handler is reported and the
                    // session goes on.
                    let fatal = vm.isinstance(e.0, vm.g.e.OSError);
                    print_exception(vm, e.0);
                    if fatal {
                        return 1;
                    }
                    buf.clear();
                    continue;
                }
            };
            match line {
                Line::Eof => {
                    python_env::modules::sys::flush_stdout(vm);
                    errln!();
                    // An unfinished compound statement still runs, then
                    // the next prompt reads the end of input again.
                    let src = std::mem::take(&mut buf);
                    if verdict(&src) == Verdict::Empty {
                        return 0;
                    }
                    if let Some(s) = self.exec(vm, &src) {
                        return s;
                    }
                }
                Line::Interrupted => {
                    buf.clear();
                    python_env::modules::sys::flush_stdout(vm);
                    errln!("\nKeyboardInterrupt");
                }
                Line::Text(l) => {
                    buf.push_str(&l);
                    buf.push('\n');
                    match verdict(&buf) {
                        Verdict::More => continue,
                        Verdict::Empty => {}
                        Verdict::Run => {
                            let src = std::mem::take(&mut buf);
                            if let Some(s) = self.exec(vm, &src) {
                                return s;
                            }
                        }
                    }
                    buf.clear();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        use Verdict::*;
        for (src, want) in [
            ("\n", Empty),
            ("# c\n", Empty),
            ("1 + 1\n", Run),
            ("x = (1,\n", More),
            ("x = (1,\n\n", More),
            ("'''abc\n", More),
            ("x = 1 + \\\n", More),
            ("if 1:\n", More),
            ("if 1:\n\n", Run),
            ("if 1:\n  x = 1\n", More),
            ("if 1:\n  x = 1\n\n", Run),
            ("for i in range(3): print(i)\n", More),
            ("for i in range(3): print(i)\n\n", Run),
            ("@dec\n", More),
            ("try:\n  pass\n", More),
            ("if 1:\n  x=1\nelse:\n", More),
            ("1 +* 2\n", Run),
            ("iffy = 3\n", Run),
            ("match = 3\n", Run),
        ] {
            assert_eq!(verdict(src), want, "{src:?}");
        }
    }
}
