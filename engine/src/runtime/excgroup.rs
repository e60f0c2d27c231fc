//! Exception groups (PEP 654): `split`/`subgroup` and the steps of
//! `try`/`except*` (CPython's `exceptiongroup_split_recursive`,
//! `exception_group_match` and `_PyExc_PrepReraiseStar`).

use super::*;

/// How [`Vm::eg_split`] decides that an exception matches.
#[derive(Clone, Copy)]
pub enum EgMatcher<'a> {
    /// An exception class or a tuple of them (`isinstance`).
    Type(Value),
    /// A function called with each exception; its truth decides.
    Predicate(Value),
    /// These leaf instances, by identity (what except* clauses re-raised).
    Leaves(&'a [Value]),
}

const EXCEPT_STAR_EG: &str =
    "catching ExceptionGroup with except* is not allowed. Use except instead.";

impl Vm {
    /// Is `v` a `BaseExceptionGroup` (or a subclass's instance)?
    pub fn is_exception_group(&self, v: Value) -> bool {
        self.isinstance(v, self.g.e.BaseExceptionGroup)
    }

    /// The `exceptions` of group `eg`, its tuple's items.
    pub fn eg_exceptions(&self, eg: Value) -> Vec<Value> {
        Obj::from_value(eg)
            .filter(|o| o.kind() == K_EXC)
            .map(|o| self.seq_items(o.get(EXC_X0)))
            .unwrap_or_default()
    }

    fn eg_matches(&mut self, exc: Value, m: EgMatcher) -> PyResult<bool> {
        match m {
            EgMatcher::Type(t) => self.exc_matches(exc, t),
            EgMatcher::Predicate(f) => {
                let r = self.call(f, &[exc], Value::EMPTY)?;
                self.truthy(r)
            }
            EgMatcher::Leaves(l) => Ok(l.contains(&exc)),
        }
    }

    /// Splits `exc` by `m` into (match, rest), None for an empty part; the
    /// rest is built only if `with_rest`. An exception that matches whole
    /// is its own match; a group that matches in part gives new groups made
    /// by its `derive` with its traceback, cause, context and a copy of its
    /// notes.
    pub fn eg_split(
        &mut self,
        exc: Value,
        m: EgMatcher,
        with_rest: bool,
    ) -> PyResult<(Value, Value)> {
        if self.eg_matches(exc, m)? {
            return Ok((exc, Value::NONE));
        }
        if !self.is_exception_group(exc) {
            return Ok((Value::NONE, if with_rest { exc } else { Value::NONE }));
        }
        let mark = self.push_root(exc);
        let r = self.eg_split_parts(exc, m, with_rest);
        self.pop_roots(mark);
        r
    }

    fn eg_split_parts(
        &mut self,
        eg: Value,
        m: EgMatcher,
        with_rest: bool,
    ) -> PyResult<(Value, Value)> {
        let matched = self.new_list(&[]);
        self.push_root(matched);
        let rest = self.new_list(&[]);
        self.push_root(rest);
        // The tuple is immutable and `eg` is rooted: its items stay alive.
        for e in self.eg_exceptions(eg) {
            let (sm, sr) = self.in_recursive_call(" in exceptiongroup_split_recursive", |vm| {
                vm.eg_split(e, m, with_rest)
            })?;
            if !sm.is_none() {
                self.list_append(matched, sm);
            }
            if !sr.is_none() {
                self.list_append(rest, sr);
            }
        }
        let mv = self.eg_subset(eg, matched)?;
        self.push_root(mv);
        let rv = if with_rest {
            self.eg_subset(eg, rest)?
        } else {
            Value::NONE
        };
        Ok((mv, rv))
    }

    /// `orig.derive(excs)` with `orig`'s metadata, or None if `excs` (a
    /// list) is empty.
    fn eg_subset(&mut self, orig: Value, excs: Value) -> PyResult<Value> {
        if self.seq_items(excs).is_empty() {
            return Ok(Value::NONE);
        }
        let eg = self.call_method(orig, "derive", &[excs])?;
        if !self.is_exception_group(eg) {
            return Err(self.type_error("derive must return an instance of BaseExceptionGroup"));
        }
        let (Some(so), Some(d)) = (Obj::from_value(orig), Obj::from_value(eg)) else {
            return Ok(eg);
        };
        let tb = so.get(EXC_TB);
        if !tb.is_empty() && !tb.is_none() {
            self.store(d, EXC_TB, tb);
        }
        self.store(d, EXC_CONTEXT, so.get(EXC_CONTEXT));
        self.store(d, EXC_CAUSE, so.get(EXC_CAUSE));
        let mark = self.push_root(eg);
        let r = self.eg_copy_notes(orig, eg);
        self.pop_roots(mark);
        r.map(|()| eg)
    }

    /// Gives `to` a list copy of `from`'s `__notes__` when they are a
    /// sequence (notes of another type are left behind, not reported).
    fn eg_copy_notes(&mut self, from: Value, to: Value) -> PyResult<()> {
        let name = self.g.names.__notes__;
        let Some(notes) = self.getattr_opt(from, name)? else {
            return Ok(());
        };
        let tp = self.type_of(notes);
        let getitem = self.g.names.__getitem__;
        let is_seq =
            self.lookup_type(tp, getitem).is_some() && !self.is_subtype(tp, self.g.types.dict);
        if !is_seq {
            return Ok(());
        }
        let mark = self.push_root(notes);
        let r = self.collect(notes);
        self.pop_roots(mark);
        let l = self.new_list(&r?);
        self.setattr(to, name, l)
    }

    /// `CHECK_EG_MATCH`: checks the `except*` type `tp`, then splits `exc`
    /// into (rest, match); no match leaves (exc, None). A bare exception
    /// that matches is wrapped in a new group with its traceback.
    pub fn eg_match(&mut self, exc: Value, tp: Value) -> PyResult<(Value, Value)> {
        self.check_except_star_type(tp)?;
        if exc.is_none() {
            return Ok((Value::NONE, Value::NONE));
        }
        let is_eg = self.is_exception_group(exc);
        if self.exc_matches(exc, tp)? {
            if is_eg {
                return Ok((Value::NONE, exc));
            }
            let t = self.new_tuple(&[exc]);
            let msg = self.new_str("");
            let beg = self.g.e.BaseExceptionGroup;
            let w = self.call(beg, &[msg, t], Value::EMPTY)?;
            if let (Some(src), Some(dst)) = (Obj::from_value(exc), Obj::from_value(w)) {
                self.store(dst, EXC_TB, src.get(EXC_TB));
            }
            return Ok((Value::NONE, w));
        }
        if !is_eg {
            return Ok((exc, Value::NONE));
        }
        let mark = self.push_root(exc);
        let pair = self.call_method(exc, "split", &[tp]);
        self.pop_roots(mark);
        let pair = pair?;
        let ok =
            Obj::from_value(pair).is_some_and(|o| o.kind() == Kind::TUPLE && o.n_values() == 2);
        if !ok {
            let en = self.type_name_of(exc);
            let pn = self.type_name_of(pair);
            return Err(self.type_error(&format!("{en}.split must return a 2-tuple, got {pn}")));
        }
        let items = self.seq_items(pair);
        if items[0].is_none() {
            return Ok((exc, Value::NONE));
        }
        Ok((items[1], items[0]))
    }

    /// An `except*` type must be exception classes, none of them a group.
    fn check_except_star_type(&mut self, tp: Value) -> PyResult<()> {
        let items = match Obj::from_value(tp) {
            Some(o) if o.kind() == Kind::TUPLE => self.seq_items(tp),
            _ => vec![tp],
        };
        let beg = self.g.e.BaseExceptionGroup;
        for &c in &items {
            if !Obj::from_value(c)
                .is_some_and(|x| x.kind() == K_TYPE && type_flags(x) & TF_EXC != 0)
            {
                return Err(self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
        if items.iter().any(|&c| self.is_subtype(c, beg)) {
            return Err(self.type_error(EXCEPT_STAR_EG));
        }
        Ok(())
    }

    /// The end of `try`/`except*`: from the exception caught (`orig`) and
    /// the list of what the clauses raised (then the unmatched rest, None
    /// entries for nothing), what to raise, or None. Re-raised parts (same
    /// traceback, cause, context and notes as `orig`) are put back in
    /// `orig`'s shape; newly raised ones are grouped with them in a new
    /// group.
    pub fn prep_reraise_star(&mut self, orig: Value, excs: Value) -> PyResult<Value> {
        let items = self.seq_items(excs);
        if items.is_empty() {
            return Ok(Value::NONE);
        }
        if !self.is_exception_group(orig) {
            // A bare exception was wrapped: one clause at most ran.
            return Ok(items[0]);
        }
        let mark = self.push_root(orig);
        self.push_root(excs);
        let r = self.prep_reraise_rooted(orig, &items);
        self.pop_roots(mark);
        r
    }

    fn prep_reraise_rooted(&mut self, orig: Value, items: &[Value]) -> PyResult<Value> {
        let mut raised = Vec::new();
        let mut reraised = Vec::new();
        for &e in items {
            if e.is_none() {
                continue;
            }
            if self.same_exc_metadata(e, orig)? {
                reraised.push(e);
            } else {
                raised.push(e);
            }
        }
        let mut leaves = Vec::new();
        for &e in &reraised {
            self.eg_leaves(e, &mut leaves)?;
        }
        let (reraised_eg, _) = self.eg_split(orig, EgMatcher::Leaves(&leaves), false)?;
        if raised.is_empty() {
            return Ok(reraised_eg);
        }
        if !reraised_eg.is_none() {
            raised.push(reraised_eg);
        }
        let l = self.new_list(&raised);
        let msg = self.new_str("");
        let beg = self.g.e.BaseExceptionGroup;
        self.call(beg, &[msg, l], Value::EMPTY)
    }

    fn same_exc_metadata(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let (Some(x), Some(y)) = (Obj::from_value(a), Obj::from_value(b)) else {
            return Ok(false);
        };
        let norm = |v: Value| if v.is_empty() { Value::NONE } else { v };
        for s in [EXC_TB, EXC_CAUSE, EXC_CONTEXT] {
            if norm(x.get(s)) != norm(y.get(s)) {
                return Ok(false);
            }
        }
        let name = self.g.names.__notes__;
        let na = self.getattr_opt(a, name)?;
        let nb = self.getattr_opt(b, name)?;
        Ok(na == nb)
    }

    /// Appends the leaf exceptions of `e` (itself if it is no group).
    fn eg_leaves(&mut self, e: Value, out: &mut Vec<Value>) -> PyResult<()> {
        if e.is_none() {
            return Ok(());
        }
        if !self.is_exception_group(e) {
            out.push(e);
            return Ok(());
        }
        for s in self.eg_exceptions(e) {
            self.in_recursive_call(" in collect_exception_group_leaf_ids", |vm| {
                vm.eg_leaves(s, out)
            })?;
        }
        Ok(())
    }
}
