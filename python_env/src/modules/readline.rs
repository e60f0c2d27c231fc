//! The `readline` module: CPython's GNU readline interface (history,
//! completion hooks, init-file bindings) over the rustyline line editor.
//!
//! The REPL and `input()` on a terminal read their lines through
//! [`read_line`]. One rustyline editor is made per line read, with the
//! history copied in: while it runs, its completion callback and key
//! handlers reach the `Vm` through [`EDITING_VM`], so no editor outlives
//! it. The history, the delimiters and the line state live in [`STATE`];
//! the Python hooks (completer, startup and pre-input hooks, display hook)
//! in [`HOOKS`], promoted and rooted by a root hook.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::Mutex;
use proto_core::Value;
use rustyline::completion::{longest_common_prefix, Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::History;
use rustyline::validate::Validator;
use rustyline::{
    Cmd, ConditionalEventHandler, Config, Context, EditMode, Editor, Event, EventContext,
    EventHandler, Helper, KeyCode, KeyEvent, Modifiers, Movement, RepeatCount,
};
use std::cell::Cell;
use std::io::Write;

/// GNU readline's default word delimiters as CPython's module sets them.
const DEFAULT_DELIMS: &str = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

/// The line editor's state that is not a Python object.
struct State {
    /// The history, oldest first.
    history: Vec<String>,
    /// `set_history_length`: the length `write_history_file` keeps (-1:
    /// all).
    history_length: i64,
    /// Word delimiters for completion.
    delims: String,
    /// Whether each line read is added to the history.
    auto_history: bool,
    /// The line being edited during a completion (else the last line read).
    line_buffer: String,
    /// The word being completed: `line_buffer[begidx..endidx]` (chars).
    begidx: usize,
    endidx: usize,
    /// Text `insert_text` queued for insertion at the cursor.
    insert: String,
    /// vi editing (`set editing-mode vi`) instead of emacs.
    vi: bool,
    /// `set history-size N`: the history keeps the last N entries.
    history_size: Option<usize>,
    /// Key bindings from `parse_and_bind` and init files.
    bindings: Vec<(KeyEvent, Cmd)>,
    /// The matches of the last ambiguous completion, kept for the display
    /// hook until the next key.
    pending: Option<PendingMatches>,
}

/// An ambiguous completion: a completion key right after it shows the
/// matches through the display hook where rustyline would list them. GNU
/// readline waits one key more when the first one inserted a common prefix.
struct PendingMatches {
    line: String,
    pos: usize,
    /// The matches' longest common prefix (GNU readline's `matches[0]`).
    substitution: String,
    matches: Vec<String>,
}

impl State {
    /// Drops the oldest entries beyond `set history-size`.
    fn stifle(&mut self) {
        if let Some(n) = self.history_size {
            let len = self.history.len();
            if len > n {
                self.history.drain(..len - n);
            }
        }
    }
}

static STATE: Mutex<State> = Mutex::new(State {
    history: Vec::new(),
    history_length: -1,
    delims: String::new(),
    auto_history: true,
    line_buffer: String::new(),
    begidx: 0,
    endidx: 0,
    insert: String::new(),
    vi: false,
    history_size: None,
    bindings: Vec::new(),
    pending: None,
});

/// Slots of [`HOOKS`].
const COMPLETER: usize = 0;
const STARTUP_HOOK: usize = 1;
const PRE_INPUT_HOOK: usize = 2;
const DISPLAY_HOOK: usize = 3;

/// The Python callables set by `set_completer` and the hook setters (None
/// when unset); each is promoted before it is stored, and the root hook
/// keeps them alive.
static HOOKS: Mutex<[Value; 4]> = Mutex::new([Value::NONE; 4]);
static HOOKED: std::sync::Once = std::sync::Once::new();

fn root_hook(sink: &mut dyn FnMut(Value)) {
    for &h in proto_core::sync::lock(&HOOKS).iter() {
        sink(h);
    }
}

fn hook(slot: usize) -> Value {
    proto_core::sync::lock(&HOOKS)[slot]
}

fn state() -> proto_core::sync::MutexGuard<'static, State> {
    let mut s = proto_core::sync::lock(&STATE);
    if s.delims.is_empty() {
        s.delims = DEFAULT_DELIMS.to_string();
    }
    s
}

/// One line read by [`read_line`].
#[derive(Debug)]
pub enum Line {
    /// The line, without its newline.
    Text(String),
    /// End of input (Ctrl-D on an empty line).
    Eof,
    /// Ctrl-C.
    Interrupted,
}

thread_local! {
    /// The `Vm` of the [`read_line`] under way on this thread, while its
    /// editor runs (null otherwise, and while a callback holds it).
    static EDITING_VM: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
}

/// Runs `f` with the `Vm` of the [`read_line`] under way on this thread,
/// joined to the safepoint handshake for the call; None when there is none
/// or it is already lent to an outer callback.
fn with_editing_vm<R>(f: impl FnOnce(&mut Vm) -> R) -> Option<R> {
    struct GiveBack(*mut Vm);
    impl Drop for GiveBack {
        fn drop(&mut self) {
            EDITING_VM.with(|c| c.set(self.0));
        }
    }
    let p = EDITING_VM.with(|c| c.replace(std::ptr::null_mut()));
    if p.is_null() {
        return None;
    }
    let _back = GiveBack(p);
    // SAFETY: `read_line` stores its `&mut Vm` here only while rustyline
    // runs, does not touch the `Vm` until it has cleared the cell, and
    // rustyline calls helpers and handlers synchronously on this thread;
    // taking the pointer out of the cell makes this the only reference
    // until `_back` puts it back.
    let vm = unsafe { &mut *p };
    vm.ctx.attach();
    let r = f(vm);
    vm.ctx.detach();
    Some(r)
}

/// rustyline's helper: completion through the Python completer.
struct PyHelper;

/// The candidates `completer(text, state)` gives for state 0, 1, ... until
/// it returns something that is not a str. An exception in the completer
/// ends the list and is dropped, as GNU readline's callback in CPython does
/// (`PyErr_Clear`).
fn candidates(vm: &mut Vm, completer: Value, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let t = vm.new_str(text);
    let mark = vm.push_root(t);
    for i in 0..10_000 {
        match vm.call(completer, &[t, Value::int(i)], Value::EMPTY) {
            Ok(v) if is_str(v) => out.push(str_of(v).into_owned()),
            _ => break,
        }
    }
    vm.pop_roots(mark);
    out
}

/// Calls the display hook with the pending matches, as CPython's
/// `on_completion_display_matches_hook` (its exception is dropped).
fn display_matches(p: PendingMatches) -> bool {
    let h = hook(DISPLAY_HOOK);
    if h.is_none() {
        return false;
    }
    with_editing_vm(|vm| {
        let longest = p
            .matches
            .iter()
            .map(|m| m.chars().count())
            .max()
            .unwrap_or(0);
        let sub = vm.new_str(&p.substitution);
        let mark = vm.push_root(sub);
        let items: Vec<Value> = p
            .matches
            .iter()
            .map(|m| {
                let s = vm.new_str(m);
                vm.push_root(s);
                s
            })
            .collect();
        let list = vm.new_list(&items);
        vm.push_root(list);
        let _ = vm.call(h, &[sub, list, Value::int(longest as i64)], Value::EMPTY);
        crate::modules::sys::flush_stdout(vm);
        vm.pop_roots(mark);
    })
    .is_some()
}

/// A key bound while a display hook is set: a completion key that comes
/// right after an ambiguous completion shows its matches through the hook
/// (and redraws the line) instead of rustyline's list; every key forgets
/// the pending matches. `cmd` None: any other key, with its usual command.
struct HookedKey {
    cmd: Option<Cmd>,
}

fn hooked(cmd: Option<Cmd>) -> EventHandler {
    EventHandler::Conditional(Box::new(HookedKey { cmd }))
}

impl ConditionalEventHandler for HookedKey {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let pending = state().pending.take();
        if self.cmd == Some(Cmd::Complete) {
            if let Some(p) = pending {
                if p.line == ctx.line() && p.pos == ctx.pos() && display_matches(p) {
                    return Some(Cmd::Repaint);
                }
            }
        }
        self.cmd.clone()
    }
}

impl Completer for PyHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let completer = hook(COMPLETER);
        if completer.is_none() {
            return Ok((pos, Vec::new()));
        }
        let start = {
            let mut s = state();
            let start = line[..pos]
                .char_indices()
                .rev()
                .find(|(_, c)| s.delims.contains(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            s.line_buffer = line.to_string();
            s.begidx = line[..start].chars().count();
            s.endidx = line[..pos].chars().count();
            s.insert.clear();
            start
        };
        let Some(words) = with_editing_vm(|vm| candidates(vm, completer, &line[start..pos])) else {
            return Ok((pos, Vec::new()));
        };
        let inserted = std::mem::take(&mut state().insert);
        if !inserted.is_empty() {
            // insert_text() during completion (rlcompleter's Tab on an
            // empty word inserts a tab): that text goes in at the cursor.
            return Ok((
                pos,
                vec![Pair {
                    display: inserted.clone(),
                    replacement: inserted,
                }],
            ));
        }
        let mut words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
        words.dedup();
        let pairs: Vec<Pair> = words
            .iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w.clone(),
            })
            .collect();
        if pairs.len() > 1 && !hook(DISPLAY_HOOK).is_none() {
            // The line as rustyline's list completion leaves it (the common
            // prefix goes in when it extends the word); the next key, if a
            // completion key, shows the matches there.
            let lcp = longest_common_prefix(&pairs).unwrap_or("");
            let (line, pos) = if lcp.len() > pos - start {
                (
                    format!("{}{lcp}{}", &line[..start], &line[pos..]),
                    start + lcp.len(),
                )
            } else {
                (line.to_string(), pos)
            };
            state().pending = Some(PendingMatches {
                line,
                pos,
                substitution: lcp.to_string(),
                matches: words,
            });
        }
        Ok((start, pairs))
    }
}

impl Hinter for PyHelper {
    type Hint = String;
}
impl Highlighter for PyHelper {}
impl Validator for PyHelper {}
impl Helper for PyHelper {}

/// Calls a startup or pre-input hook; its exception propagates.
fn call_hook(vm: &mut Vm, slot: usize) -> PyResult<()> {
    let h = hook(slot);
    if !h.is_none() {
        vm.call(h, &[], Value::EMPTY)?;
    }
    Ok(())
}

/// Reads one line from the terminal with editing, history and completion,
/// `prompt` shown first (GNU readline's `readline()` as CPython's
/// `PyOS_Readline` calls it). Non-empty lines join the history unless
/// `set_auto_history(False)`.
pub fn read_line(vm: &mut Vm, prompt: &str) -> PyResult<Line> {
    crate::modules::sys::flush_stdout(vm);
    call_hook(vm, STARTUP_HOOK)?;
    call_hook(vm, PRE_INPUT_HOOK)?;
    let (history, vi, initial, bindings) = {
        let mut s = state();
        (
            s.history.clone(),
            s.vi,
            std::mem::take(&mut s.insert),
            s.bindings.clone(),
        )
    };
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(false)
        .and_then(|b| b.max_history_size(history.len().max(1000)))
        .map(|b| {
            b.edit_mode(if vi { EditMode::Vi } else { EditMode::Emacs })
                .completion_type(rustyline::CompletionType::List)
                .build()
        });
    let config = match config {
        Ok(c) => c,
        Err(e) => return Err(vm.exc_by_name("OSError", &e.to_string())),
    };
    let mut ed: Editor<PyHelper, rustyline::history::DefaultHistory> =
        match Editor::with_config(config) {
            Ok(e) => e,
            Err(e) => return Err(vm.exc_by_name("OSError", &e.to_string())),
        };
    for h in &history {
        let _ = ed.history_mut().add(h);
    }
    state().pending = None;
    if hook(DISPLAY_HOOK).is_none() {
        for (k, c) in bindings {
            ed.bind_sequence(k, c);
        }
    } else {
        // Every key goes through `HookedKey`, so that a second completion
        // key is told from one after other keys.
        let tab = KeyEvent(KeyCode::Tab, Modifiers::NONE);
        if !bindings.iter().any(|(k, _)| *k == tab) {
            ed.bind_sequence(tab, hooked(Some(Cmd::Complete)));
        }
        for (k, c) in bindings {
            ed.bind_sequence(k, hooked(Some(c)));
        }
        ed.bind_sequence(Event::Any, hooked(None));
    }
    // The wait for a line is outside the safepoint handshake, so that
    // other threads' collections go on; the completer and the display hook
    // rejoin it for the length of their Python calls.
    vm.ctx.detach();
    ed.set_helper(Some(PyHelper));
    let outer = EDITING_VM.with(|c| c.replace(&mut *vm as *mut Vm));
    let r = if initial.is_empty() {
        ed.readline(prompt)
    } else {
        ed.readline_with_initial(prompt, (&initial, ""))
    };
    EDITING_VM.with(|c| c.set(outer));
    drop(ed);
    state().pending = None;
    vm.ctx.attach();
    match r {
        Ok(line) => {
            let mut s = state();
            if s.auto_history && !line.is_empty() {
                s.history.push(line.clone());
                s.stifle();
            }
            s.line_buffer = line.clone();
            Ok(Line::Text(line))
        }
        Err(ReadlineError::Eof) => Ok(Line::Eof),
        Err(ReadlineError::Interrupted) => Ok(Line::Interrupted),
        Err(e) => Err(vm.exc_by_name("OSError", &e.to_string())),
    }
}

/// Whether `input()` should read through [`read_line`]: the module was
/// imported (as CPython's `PyOS_ReadlineFunctionPointer`), `sys.stdin`
/// and `sys.stdout` are still the process's fds 0 and 1, and both are
/// terminals.
pub fn active(vm: &mut Vm) -> bool {
    use std::io::IsTerminal;
    let k = vm.intern("readline");
    if vm.dict_get_str(vm.g.sys_modules, k).is_none() {
        return false;
    }
    let is_fd = |vm: &mut Vm, name: &str, fd: i64| {
        crate::builtins::sys_attr(vm, name).and_then(|f| crate::modules::sys::stream_fd(vm, f))
            == Some(fd)
    };
    is_fd(vm, "stdin", 0)
        && is_fd(vm, "stdout", 1)
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
}

// ------------------------------------------------------------ functions

fn str_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<String> {
    if is_str(v) {
        Ok(str_of(v).into_owned())
    } else {
        let tn = vm.arg_type_name(v);
        Err(vm.type_error(&format!("{fname}() argument must be str, not {tn}")))
    }
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match vm.as_i64(v) {
        Some(i) if !v.is_float() => Ok(i),
        _ => {
            let tn = vm.arg_type_name(v);
            Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )))
        }
    }
}

/// The file named by an optional path argument, or `default` under the
/// home directory.
fn path_arg(vm: &mut Vm, a: &[Value], i: usize, default: &str) -> PyResult<(String, Value)> {
    match a.get(i) {
        Some(&v) if !v.is_none() => {
            let p = fspath_string(vm, v)?;
            Ok((p, v))
        }
        _ => {
            let home = std::env::var("HOME").unwrap_or_default();
            let p = format!("{home}/{default}");
            let v = vm.new_str(&p);
            Ok((p, v))
        }
    }
}

fn is_bytes(v: Value) -> bool {
    proto_core::Obj::from_value(v).is_some_and(|o| o.kind() == proto_core::Kind::BYTES)
}

/// A file name argument (`PyUnicode_FSConverter`): str, bytes or an
/// object with `__fspath__`.
fn fspath_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    if is_str(v) {
        return Ok(str_of(v).into_owned());
    }
    if is_bytes(v) {
        return Ok(String::from_utf8_lossy(str_bytes(v)).into_owned());
    }
    let tn = vm.type_name_of(v);
    let r = vm.call_method(v, "__fspath__", &[]).map_err(|_| {
        vm.type_error(&format!(
            "expected str, bytes or os.PathLike object, not {tn}"
        ))
    })?;
    if is_str(r) || is_bytes(r) {
        return fspath_string(vm, r);
    }
    Err(vm.type_error(&format!(
        "expected str, bytes or os.PathLike object, not {tn}"
    )))
}

fn io_err(vm: &mut Vm, e: &std::io::Error, name: Value) -> PyException {
    crate::modules::posix::os_error(vm, e.raw_os_error().unwrap_or(libc::EIO), name)
}

fn set_hook(vm: &mut Vm, name: &str, slot: usize, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, name, name, a, k, 0, 1)?;
    let f = a.first().copied().unwrap_or(Value::NONE);
    if !f.is_none() && !vm.is_callable(f) {
        let tn = vm.arg_type_name(f);
        return Err(vm.type_error(&format!("{name}(func): argument not callable (got {tn})")));
    }
    vm.ctx.promote(f);
    HOOKED.call_once(|| vm.ctx.space().add_root_hook(Box::new(root_hook)));
    proto_core::sync::lock(&HOOKS)[slot] = f;
    Ok(Value::NONE)
}

fn set_completer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    set_hook(vm, "set_completer", COMPLETER, a, k)
}
fn set_startup_hook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    set_hook(vm, "set_startup_hook", STARTUP_HOOK, a, k)
}
fn set_pre_input_hook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    set_hook(vm, "set_pre_input_hook", PRE_INPUT_HOOK, a, k)
}
/// The hook is kept (and returned by nothing, as CPython); a second
/// completion key calls it instead of rustyline's list of the matches.
fn set_completion_display_matches_hook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    set_hook(
        vm,
        "set_completion_display_matches_hook",
        DISPLAY_HOOK,
        a,
        k,
    )
}

fn get_completer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_completer", "get_completer", a, k, 0, 0)?;
    Ok(hook(COMPLETER))
}

fn parse_and_bind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "parse_and_bind", "parse_and_bind", a, k, 1, 1)?;
    let s = str_arg(vm, "parse_and_bind", a[0])?;
    bind_line(&s);
    Ok(Value::NONE)
}

/// One init-file line (GNU readline's syntax). `set editing-mode` and
/// `set history-size` take effect; key bindings (`Control-x: function`,
/// `"\C-x": function`, `Meta-x: "macro"`) bind a key to the rustyline
/// command doing the GNU function's job, or to inserting the macro text.
/// Other variables, multi-key sequences and functions rustyline has no
/// command for are accepted and have no effect, as GNU readline ignores
/// names it does not know.
fn bind_line(line: &str) {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix("set ") {
        let mut it = rest.split_whitespace();
        match (it.next(), it.next()) {
            (Some("editing-mode"), Some("vi")) => state().vi = true,
            (Some("editing-mode"), Some("emacs")) => state().vi = false,
            (Some("history-size"), Some(n)) => {
                let mut s = state();
                s.history_size = n.parse::<i64>().ok().map(|n| n.max(0) as usize);
                s.stifle();
            }
            _ => {}
        }
        return;
    }
    let Some((key, action)) = split_binding(l) else {
        return;
    };
    let Some(key) = parse_key(key) else {
        return;
    };
    let action = action.trim();
    let cmd = match action.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
        Some(text) => Cmd::Insert(1, unescape(text)),
        None => match gnu_function(action) {
            Some(c) => c,
            None => return,
        },
    };
    let mut s = state();
    s.bindings.retain(|(k, _)| *k != key);
    s.bindings.push((key, cmd));
}

/// Splits `key: action` at the colon after the key (a quoted key sequence
/// may itself hold colons).
fn split_binding(l: &str) -> Option<(&str, &str)> {
    if let Some(rest) = l.strip_prefix('"') {
        let mut esc = false;
        for (i, c) in rest.char_indices() {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                let key = &l[..i + 2];
                let after = rest[i + 1..].trim_start().strip_prefix(':')?;
                return Some((key, after));
            }
        }
        return None;
    }
    l.split_once(':')
}

/// GNU readline's backslash escapes in quoted key sequences and macros.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('e') => out.push('\x1b'),
            Some('a') => out.push('\x07'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// The key event for one character with Control or Meta.
fn key_event(c: char, ctrl: bool, meta: bool) -> KeyEvent {
    match (ctrl, meta) {
        (true, _) => KeyEvent::ctrl(c),
        (_, true) => KeyEvent::alt(c),
        _ => KeyEvent::new(c, rustyline::Modifiers::NONE),
    }
}

/// A key: `Control-x`/`C-x`, `Meta-x`/`M-x`, `TAB`/`ESC`/`SPC`/...,
/// or a quoted sequence of one key (`"\C-x"`, `"\M-x"`, `"\t"`, `"x"`).
fn parse_key(k: &str) -> Option<KeyEvent> {
    let k = k.trim();
    let mut ctrl = false;
    let mut meta = false;
    let name = if let Some(q) = k.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
        let mut rest = q;
        loop {
            if let Some(r) = rest.strip_prefix("\\C-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("\\M-") {
                meta = true;
                rest = r;
            } else {
                break;
            }
        }
        unescape(rest)
    } else {
        let mut rest = k;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("control-") {
                ctrl = true;
                rest = &rest[8..];
            } else if lower.starts_with("c-") {
                ctrl = true;
                rest = &rest[2..];
            } else if lower.starts_with("meta-") {
                meta = true;
                rest = &rest[5..];
            } else if lower.starts_with("m-") {
                meta = true;
                rest = &rest[2..];
            } else {
                break;
            }
        }
        match rest.to_ascii_lowercase().as_str() {
            "tab" => "\t".to_string(),
            "esc" | "escape" => "\x1b".to_string(),
            "space" | "spc" => " ".to_string(),
            "return" | "ret" | "newline" | "lfd" => "\r".to_string(),
            "rubout" | "del" => "\x7f".to_string(),
            _ => rest.to_string(),
        }
    };
    let mut cs = name.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        // Multi-key sequences are not bound.
        return None;
    }
    Some(key_event(c, ctrl, meta))
}

/// The rustyline command doing what GNU readline's function `name` does.
fn gnu_function(name: &str) -> Option<Cmd> {
    use rustyline::{Anchor, At, Word};
    Some(match name {
        "complete" | "rl_complete" | "menu-complete" => Cmd::Complete,
        "menu-complete-backward" => Cmd::CompleteBackward,
        "accept-line" => Cmd::AcceptLine,
        "abort" => Cmd::Abort,
        "backward-char" | "ed-prev-char" => Cmd::Move(Movement::BackwardChar(1)),
        "forward-char" | "ed-next-char" => Cmd::Move(Movement::ForwardChar(1)),
        "beginning-of-line" => Cmd::Move(Movement::BeginningOfLine),
        "end-of-line" => Cmd::Move(Movement::EndOfLine),
        "backward-word" => Cmd::Move(Movement::BackwardWord(1, Word::Emacs)),
        "forward-word" => Cmd::Move(Movement::ForwardWord(1, At::AfterEnd, Word::Emacs)),
        "kill-line" => Cmd::Kill(Movement::EndOfLine),
        "unix-line-discard" | "backward-kill-line" => Cmd::Kill(Movement::BeginningOfLine),
        "kill-word" => Cmd::Kill(Movement::ForwardWord(1, At::AfterEnd, Word::Emacs)),
        "backward-kill-word" | "unix-word-rubout" => {
            Cmd::Kill(Movement::BackwardWord(1, Word::Emacs))
        }
        "delete-char" => Cmd::Kill(Movement::ForwardChar(1)),
        "backward-delete-char" => Cmd::Kill(Movement::BackwardChar(1)),
        "previous-history" => Cmd::PreviousHistory,
        "next-history" => Cmd::NextHistory,
        "beginning-of-history" => Cmd::BeginningOfHistory,
        "end-of-history" => Cmd::EndOfHistory,
        "reverse-search-history" => Cmd::ReverseSearchHistory,
        "forward-search-history" => Cmd::ForwardSearchHistory,
        "history-search-backward" => Cmd::HistorySearchBackward,
        "history-search-forward" => Cmd::HistorySearchForward,
        "clear-screen" => Cmd::ClearScreen,
        "transpose-chars" => Cmd::TransposeChars,
        "transpose-words" => Cmd::TransposeWords(1),
        "upcase-word" => Cmd::UpcaseWord,
        "downcase-word" => Cmd::DowncaseWord,
        "capitalize-word" => Cmd::CapitalizeWord,
        "undo" => Cmd::Undo(1),
        "yank" => Cmd::Yank(1, Anchor::Before),
        "yank-pop" => Cmd::YankPop,
        "quoted-insert" => Cmd::QuotedInsert,
        "tab-insert" => Cmd::Insert(1, "\t".into()),
        _ => return None,
    })
}

/// `$INPUTRC`, else `~/.inputrc` (GNU readline's default init file).
fn default_inputrc() -> String {
    std::env::var("INPUTRC")
        .unwrap_or_else(|_| format!("{}/.inputrc", std::env::var("HOME").unwrap_or_default()))
}

/// Applies each line of an init file (`$if`/`$endif` lines are skipped,
/// the lines between them applied).
fn apply_init_file(text: &str) {
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with('$') {
            continue;
        }
        bind_line(t);
    }
}

fn read_init_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "read_init_file", "read_init_file", a, k, 0, 1)?;
    let (p, v) = match a.first() {
        Some(&v) if !v.is_none() => (fspath_string(vm, v)?, v),
        _ => {
            let p = default_inputrc();
            let v = vm.new_str(&p);
            (p, v)
        }
    };
    let text = std::fs::read_to_string(&p).map_err(|e| io_err(vm, &e, v))?;
    apply_init_file(&text);
    Ok(Value::NONE)
}

fn add_history(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "add_history", "add_history", a, k, 1, 1)?;
    let s = str_arg(vm, "add_history", a[0])?;
    let mut st = state();
    st.history.push(s);
    st.stifle();
    Ok(Value::NONE)
}

fn get_history_item(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_history_item", "get_history_item", a, k, 1, 1)?;
    let i = int_arg(vm, a[0])?;
    let item = {
        let s = state();
        usize::try_from(i)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| s.history.get(i).cloned())
    };
    Ok(match item {
        Some(t) => vm.new_str(&t),
        None => Value::NONE,
    })
}

fn remove_history_item(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "remove_history_item", "remove_history_item", a, k, 1, 1)?;
    let i = int_arg(vm, a[0])?;
    if i < 0 {
        return Err(vm.value_error("History index cannot be negative"));
    }
    let removed = {
        let mut s = state();
        match usize::try_from(i).ok().filter(|&i| i < s.history.len()) {
            Some(i) => {
                s.history.remove(i);
                true
            }
            None => false,
        }
    };
    if !removed {
        return Err(vm.value_error(&format!("No history item at position {i}")));
    }
    Ok(Value::NONE)
}

fn replace_history_item(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "replace_history_item",
        "replace_history_item",
        a,
        k,
        2,
        2,
    )?;
    let i = int_arg(vm, a[0])?;
    if i < 0 {
        return Err(vm.value_error("History index cannot be negative"));
    }
    let line = str_arg(vm, "replace_history_item", a[1])?;
    let ok = {
        let mut s = state();
        match usize::try_from(i).ok().filter(|&i| i < s.history.len()) {
            Some(i) => {
                s.history[i] = line;
                true
            }
            None => false,
        }
    };
    if !ok {
        return Err(vm.value_error(&format!("No history item at position {i}")));
    }
    Ok(Value::NONE)
}

fn get_current_history_length(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "get_current_history_length",
        "get_current_history_length",
        a,
        k,
        0,
        0,
    )?;
    Ok(Value::int(state().history.len() as i64))
}

fn get_history_length(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_history_length", "get_history_length", a, k, 0, 0)?;
    Ok(Value::int(state().history_length))
}

fn set_history_length(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "set_history_length", "set_history_length", a, k, 1, 1)?;
    let n = int_arg(vm, a[0])?;
    state().history_length = n.max(-1);
    Ok(Value::NONE)
}

fn clear_history(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "clear_history", "clear_history", a, k, 0, 0)?;
    state().history.clear();
    Ok(Value::NONE)
}

fn set_auto_history(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "set_auto_history", "set_auto_history", a, k, 1, 1)?;
    let on = vm.truthy(a[0])?;
    state().auto_history = on;
    Ok(Value::NONE)
}

/// GNU history's file format: one entry per line (lines of timestamps,
/// `#` and digits, are skipped as GNU history skips them).
fn read_history_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "read_history_file", "read_history_file", a, k, 0, 1)?;
    let (p, v) = path_arg(vm, a, 0, ".history")?;
    let text = std::fs::read(&p).map_err(|e| io_err(vm, &e, v))?;
    let text = String::from_utf8_lossy(&text);
    let mut s = state();
    for line in text.lines() {
        if line.len() > 1 && line.starts_with('#') && line[1..].bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        s.history.push(line.to_string());
    }
    s.stifle();
    Ok(Value::NONE)
}

fn write_lines(path: &str, lines: &[String], append: bool) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(path)?;
    let mut buf = String::new();
    for l in lines {
        buf.push_str(l);
        buf.push('\n');
    }
    f.write_all(buf.as_bytes())
}

fn write_history_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "write_history_file", "write_history_file", a, k, 0, 1)?;
    let (p, v) = path_arg(vm, a, 0, ".history")?;
    let lines = {
        let s = state();
        let n = s.history.len();
        let keep = if s.history_length >= 0 {
            (s.history_length as usize).min(n)
        } else {
            n
        };
        s.history[n - keep..].to_vec()
    };
    write_lines(&p, &lines, false).map_err(|e| io_err(vm, &e, v))?;
    Ok(Value::NONE)
}

fn append_history_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "append_history_file", "append_history_file", a, k, 1, 2)?;
    let n = int_arg(vm, a[0])?;
    let (p, v) = path_arg(vm, a, 1, ".history")?;
    let lines = {
        let s = state();
        let len = s.history.len();
        let keep = usize::try_from(n).unwrap_or(0).min(len);
        s.history[len - keep..].to_vec()
    };
    if !std::path::Path::new(&p).exists() {
        let e = std::io::Error::from_raw_os_error(libc::ENOENT);
        return Err(io_err(vm, &e, v));
    }
    write_lines(&p, &lines, true).map_err(|e| io_err(vm, &e, v))?;
    Ok(Value::NONE)
}

fn set_completer_delims(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "set_completer_delims",
        "set_completer_delims",
        a,
        k,
        1,
        1,
    )?;
    let s = str_arg(vm, "set_completer_delims", a[0])?;
    state().delims = s;
    Ok(Value::NONE)
}

fn get_completer_delims(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "get_completer_delims",
        "get_completer_delims",
        a,
        k,
        0,
        0,
    )?;
    let d = state().delims.clone();
    Ok(vm.new_str(&d))
}

fn get_line_buffer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_line_buffer", "get_line_buffer", a, k, 0, 0)?;
    let l = state().line_buffer.clone();
    Ok(vm.new_str(&l))
}

fn get_begidx(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_begidx", "get_begidx", a, k, 0, 0)?;
    Ok(Value::int(state().begidx as i64))
}

fn get_endidx(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_endidx", "get_endidx", a, k, 0, 0)?;
    Ok(Value::int(state().endidx as i64))
}

/// GNU readline's `rl_completion_type` outside a completion: TAB.
fn get_completion_type(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "get_completion_type", "get_completion_type", a, k, 0, 0)?;
    Ok(Value::int(9))
}

/// Queues text for insertion at the cursor: during a completion it
/// replaces the completion; otherwise it is the initial text of the next
/// line read (as a startup hook uses it).
fn insert_text(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "insert_text", "insert_text", a, k, 1, 1)?;
    let s = str_arg(vm, "insert_text", a[0])?;
    state().insert.push_str(&s);
    Ok(Value::NONE)
}

/// The editor redraws the line itself after each change (and after
/// inserted text), so there is nothing more to do.
fn redisplay(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "redisplay", "redisplay", a, k, 0, 0)?;
    crate::modules::sys::flush_stdout(vm);
    Ok(Value::NONE)
}

/// Creates the `readline` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    // As GNU readline's initialisation: the init file is read once, when
    // the module is first imported (a missing file is no error).
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        if let Ok(text) = std::fs::read_to_string(default_inputrc()) {
            apply_init_file(&text);
        }
    });
    let m = vm.new_module("readline");
    let fns: &[(&'static str, NativeFn)] = &[
        ("parse_and_bind", parse_and_bind),
        ("read_init_file", read_init_file),
        ("get_line_buffer", get_line_buffer),
        ("insert_text", insert_text),
        ("redisplay", redisplay),
        ("read_history_file", read_history_file),
        ("write_history_file", write_history_file),
        ("append_history_file", append_history_file),
        ("get_history_length", get_history_length),
        ("set_history_length", set_history_length),
        ("clear_history", clear_history),
        ("get_current_history_length", get_current_history_length),
        ("get_history_item", get_history_item),
        ("remove_history_item", remove_history_item),
        ("replace_history_item", replace_history_item),
        ("add_history", add_history),
        ("set_auto_history", set_auto_history),
        ("set_startup_hook", set_startup_hook),
        ("set_pre_input_hook", set_pre_input_hook),
        ("set_completer", set_completer),
        ("get_completer", get_completer),
        ("get_completion_type", get_completion_type),
        ("get_begidx", get_begidx),
        ("get_endidx", get_endidx),
        ("set_completer_delims", set_completer_delims),
        ("get_completer_delims", get_completer_delims),
        (
            "set_completion_display_matches_hook",
            set_completion_display_matches_hook,
        ),
    ];
    vm.add_module_functions(m, fns);
    let doc = vm.new_str(
        "Importing this module enables command line editing using the rustyline line editor (GNU readline's interface).",
    );
    vm.set_module_attr(m, "__doc__", doc);
    // The GNU readline interface version emulated (8.2).
    vm.set_module_attr(m, "_READLINE_VERSION", Value::int(0x0802));
    vm.set_module_attr(m, "_READLINE_RUNTIME_VERSION", Value::int(0x0802));
    let lv = vm.new_str("rustyline 15.0");
    vm.set_module_attr(m, "_READLINE_LIBRARY_VERSION", lv);
    Ok(m)
}
