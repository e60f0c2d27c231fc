//! Exception objects, traceback entries and traceback printing.

use super::*;

/// Traceback entries printed per exception, the most recent ones: CPython's
/// default (`PyTraceBack_LIMIT`, what `sys.tracebacklimit` defaults to).
pub const TRACEBACK_LIMIT: usize = 1000;

impl Vm {
    /// Allocates an exception instance of class `cls` with `args` (a tuple).
    pub fn alloc_exc(&mut self, cls: Value, args: Value) -> Value {
        let o = self.alloc_obj(K_EXC, cls, EXC_SLOTS, 0);
        o.init(EXC_ARGS, args);
        o.init(EXC_SUPPRESS, Value::FALSE);
        o.value()
    }

    /// A new exception `cls(msg)`.
    pub fn new_exc(&mut self, cls: Value, msg: &str) -> PyException {
        let args = if msg.is_empty() && cls == self.g.e.MemoryError {
            self.new_tuple(&[])
        } else {
            let s = self.new_str(msg);
            self.new_tuple(&[s])
        };
        PyException(self.alloc_exc(cls, args))
    }

    /// A new exception `cls(*args)`.
    pub fn new_exc_args(&mut self, cls: Value, args: Value) -> PyException {
        PyException(self.alloc_exc(cls, args))
    }

    /// TypeError(msg).
    pub fn type_error(&mut self, msg: &str) -> PyException {
        self.new_exc(self.g.e.TypeError, msg)
    }

    /// ValueError(msg).
    pub fn value_error(&mut self, msg: &str) -> PyException {
        self.new_exc(self.g.e.ValueError, msg)
    }

    /// An exception by class name (for python_env).
    pub fn exc_by_name(&mut self, name: &str, msg: &str) -> PyException {
        let cls = self
            .g
            .exc
            .get(name)
            .copied()
            .unwrap_or(self.g.e.SystemError);
        self.new_exc(cls, msg)
    }

    /// Turns the operand of `raise X` into an exception instance.
    pub fn make_exception(&mut self, v: Value) -> PyResult<Value> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() == K_EXC {
                return Ok(v);
            }
            if o.kind() == K_TYPE && type_flags(o) & TF_EXC != 0 {
                let r = self.call(v, &[], Value::EMPTY)?;
                if Obj::from_value(r).is_some_and(|x| x.kind() == K_EXC) {
                    return Ok(r);
                }
                let tn = self.type_name_of(r);
                let vr = self.repr_string(v)?;
                return Err(self.type_error(&format!(
                    "calling {vr} should have returned an instance of BaseException, not {tn}"
                )));
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    /// `sys._getframe(depth)`: a snapshot of the frame `depth` levels
    /// below the innermost Python frame (0: the caller of the builtin),
    /// with the chain of its callers as `f_back`; None when the stack is
    /// not that deep.  A `frame` object holds [code, lineno, lasti,
    /// globals, back]: the live frames are in the VM's frame stack, which
    /// Python code cannot hold on to, so line numbers are those at the
    /// time of the call.
    pub fn frame_object(&mut self, depth: usize) -> Option<Value> {
        let n = self.frames.len();
        if depth >= n {
            return None;
        }
        let mut back = Value::NONE;
        for i in 0..n - depth {
            let (base, lasti, globals) = {
                let f = &self.frames[i];
                (f.base, f.lasti, f.globals)
            };
            let mut code = self.ctx.stack().slots_mut()[base];
            if let Some(o) = Obj::from_value(code).filter(|o| o.kind() == K_FUNCTION) {
                code = o.get(FN_CODE);
            }
            let line = code_data(code).map_or(0, |cd| cd.code.location(lasti as u32).line);
            let f = self.alloc_obj(K_MISC, self.g.types.frame, 5, 0);
            f.init(0, code);
            f.init(1, Value::int(line as i64));
            f.init(2, Value::int(lasti as i64 * 2));
            f.init(3, globals.value());
            f.init(4, back);
            back = f.value();
        }
        Some(back)
    }

    /// Adds a traceback entry for the innermost frame at instruction
    /// `lasti`: `[next, code, lasti, lineno, globals]`.
    pub fn add_traceback(&mut self, exc: Value, code: Value, lasti: usize) {
        let Some(eo) = Obj::from_value(exc) else {
            return;
        };
        if eo.kind() != K_EXC {
            return;
        }
        let code = match Obj::from_value(code) {
            Some(o) if o.kind() == K_FUNCTION => o.get(FN_CODE),
            _ => code,
        };
        let Some(cd) = code_data(code) else { return };
        let line = cd.code.location(lasti as u32).line;
        // The unwinding frame is the innermost one: its globals are the
        // entry's frame's (`tb_frame.f_globals`).
        let globals = self
            .frames
            .last()
            .map_or(Value::NONE, |f| f.globals.value());
        let tb = self.alloc_obj(K_TRACEBACK, self.g.types.traceback, 5, 0);
        tb.init(0, eo.get(EXC_TB));
        tb.init(1, code);
        tb.init(2, Value::int(lasti as i64 * 2));
        tb.init(3, Value::int(line as i64));
        tb.init(4, globals);
        self.store(eo, EXC_TB, tb.value());
    }

    /// Does exception `exc` match `spec` (a class or tuple of classes)?
    /// Every member of a tuple must be an exception class (CPython's
    /// check_except_type_valid).
    pub fn exc_matches(&mut self, exc: Value, spec: Value) -> PyResult<bool> {
        if let Some(o) = Obj::from_value(spec) {
            if o.kind() == Kind::TUPLE {
                for i in 0..o.n_values() {
                    let c = o.get(i);
                    if !Obj::from_value(c)
                        .is_some_and(|x| x.kind() == K_TYPE && type_flags(x) & TF_EXC != 0)
                    {
                        return Err(self.type_error("catching classes that do not inherit from BaseException is not allowed"));
                    }
                }
            }
        }
        self.exc_matches_inner(exc, spec)
    }

    fn exc_matches_inner(&mut self, exc: Value, spec: Value) -> PyResult<bool> {
        if let Some(o) = Obj::from_value(spec) {
            if o.kind() == Kind::TUPLE {
                for i in 0..o.n_values() {
                    if self.exc_matches_inner(exc, o.get(i))? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            if o.kind() == K_TYPE && type_flags(o) & TF_EXC != 0 {
                return Ok(self.isinstance(exc, spec));
            }
        }
        Err(self
            .type_error("catching classes that do not inherit from BaseException is not allowed"))
    }

    /// Line `line` (1-based) of the source file `file`, from the sources
    /// registered with [`Vm::register_source`] or read from disk (cached).
    pub fn source_line(&self, file: &str, line: u32) -> Option<String> {
        if line == 0 {
            return None;
        }
        let lines = {
            let mut m = proto_core::sync::lock(&self.g.sources);
            if let Some(l) = m.get(file) {
                l.clone()
            } else {
                let text = std::fs::read(file).ok()?;
                let text = String::from_utf8_lossy(&text).into_owned();
                let l: Arc<Vec<String>> = Arc::new(text.lines().map(str::to_owned).collect());
                m.insert(file.to_owned(), l.clone());
                l
            }
        };
        lines.get(line as usize - 1).cloned()
    }

    /// Registers source text for a filename whose text is not on disk. Not
    /// used for `-c`, exec() or compile() strings: CPython shows no source
    /// line for `<string>` frames (linecache finds no such file).
    pub fn register_source(&self, file: &str, text: &str) {
        let mut m = proto_core::sync::lock(&self.g.sources);
        m.insert(
            file.to_owned(),
            Arc::new(text.lines().map(str::to_owned).collect()),
        );
    }

    /// Formats an exception with its traceback and chain, CPython style.
    /// At most the last [`TRACEBACK_LIMIT`] entries of each traceback.
    pub fn format_exception(&mut self, exc: Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_exc_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_exc_chain(&mut self, exc: Value, out: &mut String, seen: &mut Vec<Value>) {
        seen.push(exc);
        let Some(o) = Obj::from_value(exc) else {
            return;
        };
        if o.kind() == K_EXC {
            let cause = o.get(EXC_CAUSE);
            let ctx = o.get(EXC_CONTEXT);
            if cause.is_heap() && !seen.contains(&cause) {
                self.format_exc_chain(cause, out, seen);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if ctx.is_heap() && o.get(EXC_SUPPRESS) != Value::TRUE && !seen.contains(&ctx) {
                self.format_exc_chain(ctx, out, seen);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
            let mut tb = o.get(EXC_TB);
            if tb.is_heap() {
                out.push_str("Traceback (most recent call last):\n");
            }
            // Like CPython's default printer, only the last
            // `TRACEBACK_LIMIT` entries: an exception object raised again
            // and again (say, one shared by threads that each re-raise it)
            // collects an entry per raise, millions of lines otherwise.
            let mut n = 0usize;
            let mut t = tb;
            while let Some(to) = Obj::from_value(t) {
                n += 1;
                t = to.get(0);
            }
            for _ in TRACEBACK_LIMIT..n {
                match Obj::from_value(tb) {
                    Some(to) => tb = to.get(0),
                    None => break,
                }
            }
            // CPython prints at most 3 consecutive identical entries (same
            // file, line and function), then "[Previous line repeated N
            // more times]".
            const CUTOFF: usize = 3;
            let repeated = |out: &mut String, count: usize| {
                if count > CUTOFF {
                    let n = count - CUTOFF;
                    let s = if n > 1 { "s" } else { "" };
                    out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
                }
            };
            let mut last: Option<(usize, u32)> = None;
            let mut count = 0usize;
            while let Some(t) = Obj::from_value(tb) {
                let cd = code_data(t.get(1));
                let line = t.get(3).as_int().unwrap_or(0) as u32;
                if let Some(cd) = cd {
                    let key = (std::sync::Arc::as_ptr(&cd.code) as usize, line);
                    if last == Some(key) {
                        count += 1;
                    } else {
                        repeated(out, count);
                        last = Some(key);
                        count = 1;
                    }
                    if count > CUTOFF {
                        tb = t.get(0);
                        continue;
                    }
                    out.push_str(&format!(
                        "  File \"{}\", line {}, in {}\n",
                        cd.code.filename, line, cd.code.name
                    ));
                    if let Some(src) = self.source_line(&cd.code.filename, line) {
                        let s = src.trim();
                        if !s.is_empty() {
                            out.push_str(&format!("    {s}\n"));
                        }
                    }
                }
                tb = t.get(0);
            }
            repeated(out, count);
        }
        out.push_str(&self.format_exc_only(exc));
    }

    /// The last line(s) of a traceback: `Type: message`.
    pub fn format_exc_only(&mut self, exc: Value) -> String {
        let tp = self.type_of(exc);
        let to = Obj::from_value(tp).expect("type");
        let mut name = str_of(to.get(T_QUALNAME)).into_owned();
        if let Some(m) = self.dict_get_str(to.get(T_DICT), self.g.names.__module__) {
            let ms = str_of(m);
            if ms != "builtins" && ms != "__main__" {
                name = format!("{ms}.{name}");
            }
        }
        let mut out = String::new();
        if self.isinstance(exc, self.g.e.SyntaxError) {
            let o = Obj::from_value(exc).expect("exc");
            if let Some(d) = self.instance_dict(o) {
                let file = self.dict_get_str(d, self.g.names.filename);
                let line = self.dict_get_str(d, self.g.names.lineno);
                let text = self.dict_get_str(d, self.g.names.text);
                if let (Some(f), Some(l)) = (file, line) {
                    if is_str(f) && l != Value::NONE {
                        out.push_str(&format!(
                            "  File \"{}\", line {}\n",
                            str_of(f),
                            self.repr_string(l).unwrap_or_default()
                        ));
                        if let Some(t) = text.filter(|t| is_str(*t)) {
                            let ts = str_of(t);
                            let tt = ts.trim();
                            if !tt.is_empty() {
                                out.push_str(&format!("    {tt}\n"));
                                let int = |v: Option<Value>| v.and_then(|v| v.as_int());
                                let offset = int(self.dict_get_str(d, self.g.names.offset));
                                let end_line = int(self.dict_get_str(d, self.g.names.end_lineno));
                                let end = int(self.dict_get_str(d, self.g.names.end_offset));
                                let m = self
                                    .dict_get_str(d, self.g.names.msg)
                                    .filter(|m| is_str(*m))
                                    .map(|m| str_of(m).into_owned())
                                    .unwrap_or_default();
                                // CPython shows no caret for indentation
                                // problems other than a missing block.
                                // (and a single one for a missing block).
                                let indent = self.isinstance(exc, self.g.e.IndentationError);
                                let caret = if self.isinstance(exc, self.g.e.TabError) {
                                    false
                                } else if indent {
                                    m.starts_with("expected an indented block")
                                } else {
                                    true
                                };
                                if let (true, Some(off)) = (caret, offset.filter(|&o| o > 0)) {
                                    let skipped = (ts.chars().count()
                                        - ts.trim_start().chars().count())
                                        as i64;
                                    let start = (off - 1 - skipped).max(0) as usize;
                                    let width = match end {
                                        Some(e)
                                            if !indent && end_line == int(Some(l)) && e > off =>
                                        {
                                            (e - off) as usize
                                        }
                                        _ => 1,
                                    };
                                    // CPython 3.11 counts the columns in
                                    // UTF-8 bytes of the line here.
                                    let bytes_of = |from: usize, n: usize| -> usize {
                                        tt.chars()
                                            .skip(from)
                                            .take(n)
                                            .map(char::len_utf8)
                                            .sum::<usize>()
                                            + n.saturating_sub(
                                                tt.chars().skip(from).take(n).count(),
                                            )
                                    };
                                    let (start, width) =
                                        (bytes_of(0, start), bytes_of(start, width).max(1));
                                    out.push_str(&format!(
                                        "    {}{}\n",
                                        " ".repeat(start),
                                        "^".repeat(width)
                                    ));
                                }
                            }
                        }
                    }
                }
                let msg = self.dict_get_str(d, self.g.names.msg);
                if let Some(m) = msg {
                    out.push_str(&format!("{}: {}\n", name, str_of(m)));
                    return out;
                }
            }
        }
        let msg = match self.str(exc) {
            Ok(s) => str_of(s).into_owned(),
            Err(_) => "<exception str() failed>".into(),
        };
        let mut msg = msg;
        if self.isinstance(exc, self.g.e.AttributeError) {
            if let Some(s) = self.attr_suggestion(exc) {
                msg.push_str(&format!(". Did you mean: '{s}'?"));
            }
        } else if self.isinstance(exc, self.g.e.NameError) {
            if let Some(o) = Obj::from_value(exc) {
                let s = o.get(EXC_X2);
                if is_str(s) {
                    msg.push_str(&format!(". Did you mean: '{}'?", str_of(s)));
                }
            }
        }
        if msg.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {msg}\n"));
        }
        // __notes__
        if let Some(o) = Obj::from_value(exc) {
            if let Some(d) = self.instance_dict(o) {
                if let Some(n) = self.dict_get_str(d, self.g.names.__notes__) {
                    for x in self.seq_items(n) {
                        if let Ok(s) = self.str_string(x) {
                            out.push_str(&s);
                            out.push('\n');
                        }
                    }
                }
            }
        }
        out
    }

    /// CPython's "Did you mean" suggestion among `candidates` (suggestions.c).
    pub fn suggest(name: &str, candidates: &[String]) -> Option<String> {
        const MOVE: usize = 2;
        fn lev(a: &[u8], b: &[u8], max: usize) -> usize {
            let mut pre = 0;
            while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
                pre += 1;
            }
            let (a, b) = (&a[pre..], &b[pre..]);
            let mut suf = 0;
            while suf < a.len() && suf < b.len() && a[a.len() - 1 - suf] == b[b.len() - 1 - suf] {
                suf += 1;
            }
            let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
            if a.len() > 40 || b.len() > 40 {
                return max + 1;
            }
            if a.is_empty() {
                return b.len() * MOVE;
            }
            if b.is_empty() {
                return a.len() * MOVE;
            }
            let mut row: Vec<usize> = (1..=b.len()).map(|i| i * MOVE).collect();
            let mut result = 0;
            for (i, &ca) in a.iter().enumerate() {
                let mut dist_a = i * MOVE;
                result = dist_a + MOVE;
                let mut minimum = usize::MAX;
                for (j, &cb) in b.iter().enumerate() {
                    let sub = if ca == cb {
                        0
                    } else if ca.to_ascii_lowercase() == cb.to_ascii_lowercase() {
                        1
                    } else {
                        MOVE
                    };
                    let s = dist_a + sub;
                    dist_a = row[j];
                    result = (result + MOVE).min(dist_a + MOVE).min(s);
                    row[j] = result;
                    minimum = minimum.min(result);
                }
                if minimum > max {
                    return max + 1;
                }
            }
            result
        }
        let mut best: Option<&String> = None;
        let mut best_d = usize::MAX;
        for c in candidates {
            if c == name {
                continue;
            }
            let mut max = (name.len() + c.len() + 3) * MOVE / 6;
            if best_d > 0 && best_d - 1 < max {
                max = best_d - 1;
            }
            let d = lev(name.as_bytes(), c.as_bytes(), max);
            if d > max {
                continue;
            }
            if best.is_none() || d < best_d {
                best = Some(c);
                best_d = d;
            }
        }
        best.cloned()
    }

    fn attr_suggestion(&mut self, exc: Value) -> Option<String> {
        let o = Obj::from_value(exc)?;
        let name = Some(o.get(EXC_X0)).filter(|v| is_str(*v))?;
        let obj = o.get(EXC_X1);
        if obj.is_empty() {
            return None;
        }
        let mut cands: Vec<String> = Vec::new();
        if let Some(oo) = Obj::from_value(obj) {
            if let Some(id) = self.instance_dict(oo) {
                cands.extend(
                    self.dict_items(id)
                        .into_iter()
                        .filter(|(k, _)| is_str(*k))
                        .map(|(k, _)| str_of(k).into_owned()),
                );
            }
        }
        if !Obj::from_value(obj).is_some_and(|x| x.kind() == K_MODULE) {
            let tp = self.type_of(obj);
            let mro = type_mro(Obj::from_value(tp)?);
            for i in 0..mro.n_values() {
                let td = Obj::from_value(mro.get(i))?.get(T_DICT);
                cands.extend(
                    self.dict_items(td)
                        .into_iter()
                        .filter(|(k, _)| is_str(*k))
                        .map(|(k, _)| str_of(k).into_owned()),
                );
            }
        }
        Vm::suggest(&str_of(name), &cands)
    }

    /// A SyntaxError (or subclass) value from a compile error.
    pub fn syntax_error(&mut self, e: &crate::compiler::CompileError) -> PyException {
        let cls = self
            .g
            .exc
            .get(e.kind.name())
            .copied()
            .unwrap_or(self.g.e.SyntaxError);
        let msg = self.new_str(&e.msg);
        let args = self.new_tuple(&[msg]);
        let exc = self.alloc_exc(cls, args);
        let o = Obj::from_value(exc).expect("exc");
        let d = self.new_dict();
        o.init(EXC_DICT, d);
        let f = self.new_str(&e.filename);
        let n = &self.g.names;
        let (kmsg, kf, kl, ko, kt, kel, keo) = (
            n.msg,
            n.filename,
            n.lineno,
            n.offset,
            n.text,
            n.end_lineno,
            n.end_offset,
        );
        self.dict_set_str(d, kmsg, msg);
        self.dict_set_str(d, kf, f);
        // Line 0 means "no location" (e.g. undecodable source): CPython
        // leaves the location attributes None and prints no `File` header.
        let loc = |n: i64| {
            if e.lineno == 0 {
                Value::NONE
            } else {
                Value::int(n)
            }
        };
        self.dict_set_str(d, kl, loc(e.lineno as i64));
        self.dict_set_str(d, ko, loc(e.col_offset as i64));
        // CPython's `text` is the source line with its line break (without
        // it for its tokenizer's errors).
        let t = match &e.text {
            Some(t) if e.text_has_newline() => self.new_str(&format!("{t}\n")),
            Some(t) => self.new_str(t),
            None => Value::NONE,
        };
        self.dict_set_str(d, kt, t);
        self.dict_set_str(d, kel, loc(e.end_lineno as i64));
        self.dict_set_str(d, keo, loc(e.end_col_offset as i64));
        PyException(exc)
    }
}
