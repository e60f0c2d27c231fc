//! Exception objects and traceback entries (printing is in `traceback.rs`).

use super::*;

/// Traceback entries printed per exception, the most recent ones: CPython's
/// default (`PyTraceBack_LIMIT`, what `sys.tracebacklimit` defaults to).
pub const TRACEBACK_LIMIT: usize = 1000;

/// `__suppress_context__` of exception `o`. Its slot, `EXC_SUPPRESS`, holds
/// False/True, or int 0/1 while the exception is marked as passed on from a
/// Python frame ([`Vm::mark_exc_passed_on`]).
pub fn exc_suppress_context(o: Obj) -> bool {
    let v = o.get(EXC_SUPPRESS);
    v == Value::TRUE || v == Value::int(1)
}

impl Vm {
    /// Allocates an exception instance of class `cls` with `args` (a tuple).
    pub fn alloc_exc(&mut self, cls: Value, args: Value) -> Value {
        let o = self.alloc_obj(K_EXC, cls, EXC_SLOTS, 0);
        o.init(EXC_ARGS, args);
        o.init(EXC_SUPPRESS, Value::FALSE);
        o.value()
    }

    /// Marks `e` as passed on from a Python frame: the frame (or the raise
    /// that started it) already chained its context, so the frame that next
    /// sees it returned by a call does not chain it again (CPython chains
    /// only where an exception is set, never while it propagates).
    pub fn mark_exc_passed_on(&mut self, e: Value) {
        if let Some(o) = Obj::from_value(e).filter(|o| o.kind() == K_EXC) {
            let v = Value::int(i64::from(exc_suppress_context(o)));
            self.store(o, EXC_SUPPRESS, v);
        }
    }

    /// Whether `e` was marked by [`Vm::mark_exc_passed_on`]; the mark is
    /// cleared (it applies to one propagation).
    pub fn take_exc_passed_on(&mut self, e: Value) -> bool {
        let Some(o) = Obj::from_value(e).filter(|o| o.kind() == K_EXC) else {
            return false;
        };
        let v = o.get(EXC_SUPPRESS);
        if v.is_heap() || v == Value::TRUE || v == Value::FALSE {
            return false;
        }
        let b = Value::bool(exc_suppress_context(o));
        self.store(o, EXC_SUPPRESS, b);
        true
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

    /// A new exception `cls(msg)` raised "from" `cause` (CPython's
    /// `_PyErr_FormatFromCause`): `__cause__` and `__context__` are `cause`.
    pub fn new_exc_from_cause(&mut self, cls: Value, msg: &str, cause: PyException) -> PyException {
        let mark = self.push_root(cause.0);
        let ne = self.new_exc(cls, msg);
        self.pop_roots(mark);
        let no = Obj::from_value(ne.0).expect("exception");
        self.store(no, EXC_CAUSE, cause.0);
        self.store(no, EXC_CONTEXT, cause.0);
        self.store(no, EXC_SUPPRESS, Value::TRUE);
        ne
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
        self.add_traceback_entry(exc, code, lasti, Value::EMPTY);
    }

    /// Adds the traceback entry of the innermost frame, which `exc` is
    /// leaving or was raised in, at its `lasti`: the entry's `tb_frame` is
    /// that activation's frame object (made now if it had none), as in
    /// CPython.
    pub fn add_frame_traceback(&mut self, exc: Value) {
        if !Obj::from_value(exc).is_some_and(|o| o.kind() == K_EXC) {
            return;
        }
        let Some(fi) = self.frames.len().checked_sub(1) else {
            return;
        };
        let code = self.ctx.stack().slots_mut()[self.frames[fi].base];
        let lasti = self.frames[fi].lasti;
        let fobj = self.frame_fobj(fi);
        self.add_traceback_entry(exc, code, lasti, fobj);
    }

    /// A traceback entry `[next, code, lasti, lineno, globals, frame]`
    /// (`frame`: the frame object, EMPTY where there is none).
    fn add_traceback_entry(&mut self, exc: Value, code: Value, lasti: usize, fobj: Value) {
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
        let tb = self.alloc_obj(K_TRACEBACK, self.g.types.traceback, 6, 0);
        tb.init(0, eo.get(EXC_TB));
        tb.init(1, code);
        tb.init(2, Value::int(lasti as i64 * 2));
        tb.init(3, Value::int(line as i64));
        tb.init(4, globals);
        tb.init(5, fobj);
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
    pub fn source_line(&mut self, file: &str, line: u32) -> Option<String> {
        // While the interpreter finalizes, CPython's printer no longer
        // reaches the io module that reads the source: no source lines.
        if line == 0 || self.g.finalizing.load(proto_core::sync::Ordering::Acquire) {
            return None;
        }
        let cached = proto_core::sync::lock(&self.g.sources).get(file).cloned();
        let lines = match cached {
            Some(l) => l,
            None => {
                let bytes = std::fs::read(file).ok()?;
                // In the file's declared encoding (PEP 263), as CPython
                // reads it for tracebacks: another codec than the
                // compiler's own runs through `codecs` (the lock is not
                // held meanwhile).
                let text = self
                    .decode_source_text(&bytes, file, true)
                    .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned());
                let l: Arc<Vec<String>> = Arc::new(text.lines().map(str::to_owned).collect());
                proto_core::sync::lock(&self.g.sources).insert(file.to_owned(), l.clone());
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
        // CPython's MAX_CANDIDATE_ITEMS: no suggestion among 750 names or more.
        if candidates.len() >= 750 {
            return None;
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

    pub(crate) fn attr_suggestion(&mut self, exc: Value) -> Option<String> {
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
        // CPython reads `dir(obj)`: sorted, each name once, none offered
        // past 750 of them.
        cands.sort_unstable();
        cands.dedup();
        if cands.len() >= 750 {
            return None;
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
        let mark = self.push_root(msg);
        let args = self.new_tuple(&[msg]);
        let exc = self.alloc_exc(cls, args);
        self.push_root(exc);
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
        // Without a location (a source that cannot be decoded) CPython's
        // tokenizer raises a bare SyntaxError(msg): no filename either.
        // Line 0 with offset -1 is compile()'s form of the same error: the
        // file name, line 0, offset -1, nothing else.
        let line0 = e.lineno == 0 && e.col_offset == -1;
        let f = if e.lineno == 0 && !line0 {
            Value::NONE
        } else {
            f
        };
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
        let (l, o) = if line0 {
            (Value::int(0), Value::int(-1))
        } else {
            (loc(e.lineno as i64), loc(e.col_offset as i64))
        };
        self.dict_set_str(d, kl, l);
        self.dict_set_str(d, ko, o);
        // CPython's `text` is the source line with its line break (without
        // it for its tokenizer's errors). An error over several lines was
        // found with the tokenizer past its first line: CPython takes that
        // line from the file when there is one, else from the source text
        // without its break, and clips `end_offset` to just past that text.
        let multiline = e.end_lineno > e.lineno && e.lineno > 0;
        let text = e.text.as_ref().map(|t| {
            let newline =
                e.text_has_newline() && (!multiline || std::path::Path::new(&e.filename).is_file());
            if newline {
                format!("{t}\n")
            } else {
                t.clone()
            }
        });
        let t = match &text {
            Some(t) => self.new_str(t),
            None => Value::NONE,
        };
        self.dict_set_str(d, kt, t);
        let el = loc(e.end_lineno as i64);
        self.dict_set_str(d, kel, el);
        let end = if e.end_col_offset == crate::compiler::NO_END {
            Value::NONE
        } else {
            let mut end = e.end_col_offset as i64;
            if let Some(t) = text.as_ref().filter(|_| multiline && e.text_has_newline()) {
                end = end.min(t.chars().count() as i64 + 1);
            }
            loc(end)
        };
        self.dict_set_str(d, keo, end);
        // `args` as CPython's parser makes them: the message and the
        // location tuple (four items for compile()'s line-0 form).
        let syntax = e.kind != crate::compiler::ErrorKind::RecursionError;
        if syntax && (e.lineno != 0 || line0) {
            let items: &[Value] = if line0 {
                &[f, l, o, Value::NONE]
            } else {
                &[f, l, o, t, el, end]
            };
            let details = self.new_tuple(items);
            self.push_root(details);
            let args = self.new_tuple(&[msg, details]);
            self.store(Obj::from_value(exc).expect("exc"), EXC_ARGS, args);
        }
        self.pop_roots(mark);
        PyException(exc)
    }
}
