//! Statement code generation: control flow, exception handling, `with`,
//! definitions, imports, assignments and the frame-block unwinding used by
//! `break`, `continue` and `return`.

use std::collections::HashSet;

use ruff_python_ast::{self as ast, ExceptHandler, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::expr::binary_operator;
use super::{Compiler, FBlock, FBlockKind, Label};
use crate::bytecode::code::{Constant, Location};
use crate::bytecode::opcodes::{Intrinsic1, Intrinsic2, Opcode};
use crate::compiler::source::SourceMap;
use crate::compiler::symtable::{node_key, ScopeKind};
use crate::compiler::{CResult, CompileError, ErrorKind, RawError};

/// CPython's CO_MAXBLOCKS.
const MAX_BLOCKS: usize = 20;

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

fn is_docstring(s: &Stmt) -> bool {
    matches!(s, Stmt::Expr(e) if matches!(&*e.value, Expr::StringLiteral(_)))
}

/// Validates the leading `from __future__ import ...` statements; returns
/// whether `annotations` was requested.
pub(super) fn scan_future(body: &[Stmt], map: &SourceMap) -> CResult<bool> {
    let (_, annotations) = future_prefix(body, map)?;
    Ok(annotations)
}

fn is_future_import(s: &Stmt) -> Option<&ast::StmtImportFrom> {
    match s {
        Stmt::ImportFrom(i)
            if i.level == 0
                && i.module
                    .as_ref()
                    .is_some_and(|m| m.as_str() == "__future__") =>
        {
            Some(i)
        }
        _ => None,
    }
}

/// The keys of the allowed `from __future__` statements and the
/// `annotations` flag. Errors as CPython's `future.c` reports them: at the
/// statement's column without an end, one past it for a bad feature.
/// Like `future.c`, the scan goes on past the prefix while statements
/// share a line, and a future import met there is refused here (one on a
/// later line is left to [`Compiler::import_from`], which reports its
/// whole range).
pub(super) fn future_prefix(body: &[Stmt], map: &SourceMap) -> CResult<(HashSet<usize>, bool)> {
    let at = |s: &ast::StmtImportFrom, msg: String, past: u32| {
        let (line, col) = map.line_col(s.range.start());
        let col = map.char_col(line, col) as i32 - 1 + past as i32;
        RawError {
            exact: Some(Box::new(CompileError {
                kind: ErrorKind::SyntaxError,
                msg: msg.clone(),
                filename: String::new(),
                lineno: line,
                col_offset: col,
                end_lineno: line,
                end_col_offset: crate::compiler::NO_END,
                text: map.line_text(line).map(str::to_owned),
            })),
            ..RawError::syntax(s.range, msg)
        }
    };
    let mut keys = HashSet::new();
    let mut annotations = false;
    let start = usize::from(body.first().is_some_and(is_docstring));
    let mut done = false;
    let mut prev_line = 0;
    for s in &body[start..] {
        let line = map.line_col(s.range().start()).0;
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        let Some(i) = is_future_import(s) else {
            done = true;
            continue;
        };
        if done {
            let msg = "from __future__ imports must occur at the beginning of the file";
            return Err(at(i, msg.into(), 0));
        }
        for alias in i.names.iter() {
            let name = alias.name.as_str();
            if name == "braces" {
                return Err(at(i, "not a chance".into(), 1));
            }
            if !FUTURE_FEATURES.contains(&name) {
                return Err(at(i, format!("future feature {name} is not defined"), 1));
            }
            if name == "annotations" {
                annotations = true;
            }
        }
        keys.insert(node_key(i));
    }
    Ok((keys, annotations))
}

/// True if `body` (not nested definitions) contains an annotated assignment.
fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || i.elif_else_clauses.iter().any(|c| find_ann(&c.body)),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ExceptHandler::ExceptHandler(h) = h;
                    find_ann(&h.body)
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    // ------------------------------------------------------------ bodies

    pub(super) fn module_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        let (future_keys, _) = future_prefix(body, self.map)?;
        self.future_keys = future_keys;
        if find_ann(body) {
            self.emit(Opcode::SetupAnnotations, 0);
        }
        let mut rest = body;
        if !self.interactive {
            if let Some(doc) = self.docstring(body) {
                self.set_loc(body[0].range());
                if self.flags.optimize < 2 {
                    self.load_const(doc);
                    let idx = self.name_index("__doc__");
                    self.emit(Opcode::StoreName, idx);
                }
                rest = &body[1..];
            }
        }
        self.stmts(rest)?;
        self.implicit_return();
        Ok(())
    }

    pub fn stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.guard(s.range(), |c| {
            c.set_loc(s.range());
            c.stmt_inner(s)
        })
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => self.return_stmt(r),
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.delete(t)),
            Stmt::TypeAlias(t) => self.type_alias(t),
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Opcode::Copy, 1);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::For(f) => {
                if f.is_async {
                    self.async_for(f)
                } else {
                    self.for_stmt(f)
                }
            }
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::With(w) => {
                if w.is_async {
                    self.check_await(
                        w.range,
                        "'async with' outside async function",
                        "'async with' outside async function",
                    )?;
                }
                self.with_stmt(w, 0)
            }
            Stmt::Match(m) => self.match_stmt(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(r.range);
                self.emit(Opcode::RaiseVarargs, n);
                Ok(())
            }
            Stmt::Try(t) => {
                if t.is_star {
                    if t.finalbody.is_empty() {
                        self.try_star_except(t)
                    } else {
                        self.try_finally(t)
                    }
                } else if t.finalbody.is_empty() {
                    self.try_except(t)
                } else {
                    self.try_finally(t)
                }
            }
            Stmt::Assert(a) => {
                // CPython warns before dropping the assert under -O.
                let tuple = match &*a.test {
                    Expr::Tuple(t) => !t.elts.is_empty(),
                    e => {
                        matches!(self.fold_ctx().fold(e), Some(Constant::Tuple(t)) if !t.is_empty())
                    }
                };
                if tuple {
                    self.warn(
                        a.range,
                        "assertion is always true, perhaps remove parentheses?",
                    );
                }
                if self.flags.optimize > 0 {
                    return Ok(());
                }
                let end = self.new_label();
                self.jump_if(&a.test, end, true)?;
                // CPython 3.11 locates the raise at the test when it is a
                // comparison, at the statement otherwise.
                let at = if matches!(&*a.test, Expr::Compare(_)) {
                    a.test.range()
                } else {
                    a.range
                };
                self.set_loc(at);
                self.emit(Opcode::LoadAssertionError, 0);
                if let Some(m) = &a.msg {
                    self.emit(Opcode::PushNull, 0);
                    self.expr(m)?;
                    self.set_loc(at);
                    self.emit(Opcode::Call, 1);
                }
                self.set_loc(at);
                self.emit(Opcode::RaiseVarargs, 1);
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => self.import(i),
            Stmt::ImportFrom(i) => self.import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(&e.value)?;
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::Print as u32);
                    self.emit(Opcode::PopTop, 0);
                } else if self.fold_ctx().fold(&e.value).is_some()
                    && !matches!(&*e.value, Expr::Name(_))
                {
                    self.emit(Opcode::Nop, 0);
                } else {
                    self.expr(&e.value)?;
                    self.emit(Opcode::PopTop, 0);
                }
                Ok(())
            }
            Stmt::Pass(_) => {
                self.emit(Opcode::Nop, 0);
                Ok(())
            }
            Stmt::Break(b) => self.break_stmt(b.range),
            Stmt::Continue(c) => self.continue_stmt(c.range),
            Stmt::IpyEscapeCommand(i) => Err(self.error(i.range, "invalid syntax")),
        }
    }

    // ----------------------------------------------------------- fblocks

    pub fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        block: Option<Label>,
        exit: Option<Label>,
        handler_depth: usize,
        range: TextRange,
    ) -> CResult<()> {
        if self.unit_ref().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error(range, "too many statically nested blocks"));
        }
        let loc = self.loc_of(range);
        self.unit().fblocks.push(FBlock {
            kind,
            block,
            exit,
            handler_depth,
            loc,
        });
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }

    fn truncate_handlers(&mut self, depth: usize) {
        let stack = &mut self.unit().b.handler_stack;
        if stack.len() > depth {
            stack.truncate(depth);
        }
    }

    /// Emits the cleanup for leaving frame block `fb` (CPython's
    /// `compiler_unwind_fblock`).
    fn unwind_fblock(&mut self, fb: FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        self.truncate_handlers(fb.handler_depth);
        match fb.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator
            | FBlockKind::TryExcept => {}
            FBlockKind::ForLoop | FBlockKind::AsyncForLoop => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopTop, 0);
            }
            FBlockKind::FinallyTry(body) => {
                if preserve_tos {
                    let hd = self.handler_depth();
                    self.push_fblock(FBlockKind::PopValue, None, None, hd, TextRange::default())?;
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                // What follows (the unwinding jump or return) seems to run
                // after the `finally` body: it has no line (CPython's
                // UNSET_LOC), so tracing reports no line for it.
                self.unit().loc = Location::default();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopTop, 0);
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopExcept, 0);
            }
            FBlockKind::With { is_async } => {
                self.unit().loc = fb.loc;
                if preserve_tos {
                    // ( exit self value ) -> ( value exit self )
                    self.emit(Opcode::Swap, 3);
                    self.emit(Opcode::Swap, 2);
                }
                self.call_exit_with_nones();
                if is_async {
                    self.await_top(2);
                }
                self.emit(Opcode::PopTop, 0);
                // As after a `finally` body: the unwinding instruction
                // has no line.
                self.unit().loc = Location::default();
            }
            FBlockKind::HandlerCleanup { name } => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopExcept, 0);
                if let Some(name) = name {
                    self.clear_name(name)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopTop, 0);
            }
        }
        Ok(())
    }

    /// Unwinds frame blocks up to (not including) the innermost loop if
    /// `want_loop`, or all of them; returns the loop block.  The caller
    /// restores the handler stack after emitting its final jump/return.
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
        range: TextRange,
    ) -> CResult<Option<FBlock<'a>>> {
        let mut popped: Vec<FBlock<'a>> = Vec::new();
        let mut result = Ok(None);
        loop {
            let Some(&top) = self.unit_ref().fblocks.last() else {
                break;
            };
            if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
                result = Err(self.error(
                    range,
                    "'break', 'continue' and 'return' cannot appear in an except* block",
                ));
                break;
            }
            if want_loop
                && matches!(
                    top.kind,
                    FBlockKind::WhileLoop | FBlockKind::ForLoop | FBlockKind::AsyncForLoop
                )
            {
                result = Ok(Some(top));
                break;
            }
            self.pop_fblock();
            popped.push(top);
            if let Err(e) = self.unwind_fblock(top, preserve_tos) {
                result = Err(e);
                break;
            }
        }
        while let Some(fb) = popped.pop() {
            self.unit().fblocks.push(fb);
        }
        result
    }

    fn break_stmt(&mut self, range: TextRange) -> CResult<()> {
        // The statement's own instruction (as CPython 3.11), so tracing
        // reports its line before any `finally` body it runs.
        self.emit(Opcode::Nop, 0);
        let saved = self.unit_ref().b.handler_stack.clone();
        let lp = self.unwind_fblock_stack(false, true, range)?;
        let Some(lp) = lp else {
            self.unit().b.handler_stack = saved;
            return Err(self.error(range, "'break' outside loop"));
        };
        self.unwind_fblock(lp, false)?;
        if let Some(exit) = lp.exit {
            self.jump(exit);
        }
        self.unit().b.handler_stack = saved;
        Ok(())
    }

    fn continue_stmt(&mut self, range: TextRange) -> CResult<()> {
        self.emit(Opcode::Nop, 0);
        let saved = self.unit_ref().b.handler_stack.clone();
        let lp = self.unwind_fblock_stack(false, true, range)?;
        let Some(lp) = lp else {
            self.unit().b.handler_stack = saved;
            return Err(self.error(range, "'continue' not properly in loop"));
        };
        self.truncate_handlers(lp.handler_depth);
        if let Some(block) = lp.block {
            self.jump(block);
        }
        self.unit().b.handler_stack = saved;
        Ok(())
    }

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) -> CResult<()> {
        let u = self.unit_ref();
        if !u.kind.is_function_like() {
            return Err(self.error(r.range, "'return' outside function"));
        }
        if r.value.is_some()
            && u.flags
                .contains(crate::bytecode::CodeFlags::ASYNC_GENERATOR)
        {
            return Err(self.error(r.range, "'return' with value in async generator"));
        }
        let constant = match &r.value {
            None => Some(Constant::None),
            Some(v) => self.fold_ctx().fold(v),
        };
        let preserve_tos = constant.is_none();
        if let (Some(v), true) = (&r.value, preserve_tos) {
            self.expr(v)?;
        } else {
            // A constant's return has an instruction on its line before any
            // `finally` body it runs (CPython 3.11's NOP).
            self.set_loc(r.range);
            self.emit(Opcode::Nop, 0);
        }
        self.set_loc(r.range);
        let saved = self.unit_ref().b.handler_stack.clone();
        self.unwind_fblock_stack(preserve_tos, false, r.range)?;
        match constant {
            Some(c) => self.load_const_return(c),
            None => self.emit(Opcode::ReturnValue, 0),
        }
        self.unit().b.handler_stack = saved;
        Ok(())
    }

    /// `name = None; del name` (end of an `except ... as name` block).
    fn clear_name(&mut self, name: &str) -> CResult<()> {
        self.load_const(Constant::None);
        self.name_op(name, ExprContext::Store, TextRange::default())?;
        self.name_op(name, ExprContext::Del, TextRange::default())
    }

    /// Calls the `__exit__` on top of the stack with three Nones, leaving its result.
    /// `exit(None, None, None)` with BEFORE_WITH's `( exit self_or_NULL )`.
    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(Opcode::Call, 3);
    }

    // ------------------------------------------------------------- loops

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
        let top = self.new_label();
        let end = self.new_label();
        let anchor = self.new_label();
        self.bind(top);
        let hd = self.handler_depth();
        self.push_fblock(FBlockKind::WhileLoop, Some(top), Some(end), hd, w.range)?;
        let first = self.warnings.len();
        self.jump_if(&w.test, anchor, false)?;
        let test_warnings = self.warnings[first..].to_vec();
        self.stmts(&w.body)?;
        // CPython 3.11 compiles the test a second time after the body (the
        // loop's bottom test): its warnings are emitted again.
        self.warnings.extend(test_warnings);
        self.set_loc(w.range);
        self.jump(top);
        self.pop_fblock();
        self.bind(anchor);
        self.stmts(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        self.emit(Opcode::GetIter, 0);
        self.bind(start);
        self.set_loc(f.range);
        self.emit_jump(Opcode::ForIter, cleanup);
        let hd = self.handler_depth();
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), hd, f.range)?;
        self.store(&f.target)?;
        self.stmts(&f.body)?;
        self.set_loc(f.range);
        self.jump(start);
        self.pop_fblock();
        self.bind(cleanup);
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn async_for(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        self.check_await(
            f.range,
            "'async for' outside async function",
            "'async for' outside async function",
        )?;
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        self.emit(Opcode::GetAiter, 0);
        self.bind(start);
        let hd = self.handler_depth();
        self.push_fblock(
            FBlockKind::AsyncForLoop,
            Some(start),
            Some(end),
            hd,
            f.range,
        )?;
        self.set_loc(f.range);
        self.push_handler(except, false, 0);
        self.emit(Opcode::GetAnext, 0);
        self.await_top(0);
        self.pop_handler();
        self.store(&f.target)?;
        self.stmts(&f.body)?;
        self.set_loc(f.range);
        self.jump(start);
        self.pop_fblock();
        self.bind(except);
        self.emit(Opcode::EndAsyncFor, 0);
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let next = if i.elif_else_clauses.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.jump_if(&i.test, next, false)?;
        self.stmts(&i.body)?;
        let mut next = next;
        let n = i.elif_else_clauses.len();
        for (k, clause) in i.elif_else_clauses.iter().enumerate() {
            self.jump_noline(end);
            self.bind(next);
            self.set_loc(clause.range);
            match &clause.test {
                Some(test) => {
                    next = if k + 1 == n { end } else { self.new_label() };
                    self.jump_if(test, next, false)?;
                    self.stmts(&clause.body)?;
                }
                None => {
                    self.stmts(&clause.body)?;
                    next = end;
                }
            }
        }
        if next != end {
            self.bind(next);
        }
        self.bind(end);
        Ok(())
    }

    // ------------------------------------------------------- try/except

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        // The `try` line's own instruction (CPython's SETUP_FINALLY, a NOP
        // once assembled): tracing reports that line.
        self.set_loc(t.range);
        self.emit(Opcode::Nop, 0);
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let hd = self.handler_depth();
        self.push_handler(end, false, 0);
        self.push_fblock(
            FBlockKind::FinallyTry(&t.finalbody),
            None,
            None,
            hd,
            t.range,
        )?;
        if !t.handlers.is_empty() {
            if t.is_star {
                self.try_star_except(t)?;
            } else {
                self.try_except(t)?;
            }
        } else {
            self.stmts(&t.body)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.stmts(&t.finalbody)?;
        self.jump_noline(exit);
        // Exceptional path: ( exc )
        self.bind(end);
        self.push_handler(cleanup, true, 0);
        // No line (CPython's UNSET_LOC): entering a handler is no line event.
        self.unit().loc = Location::default();
        self.emit(Opcode::PushExcInfo, 0);
        self.push_fblock(FBlockKind::FinallyEnd, None, None, hd, t.range)?;
        self.stmts(&t.finalbody)?;
        self.pop_fblock();
        self.emit(Opcode::Reraise, 0);
        self.pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    fn pop_except_and_reraise(&mut self) {
        self.emit(Opcode::Copy, 3);
        self.emit(Opcode::PopExcept, 0);
        self.emit(Opcode::Reraise, 1);
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        // The `try` line's own instruction (CPython's SETUP_FINALLY, a NOP
        // once assembled): tracing reports that line.
        self.set_loc(t.range);
        self.emit(Opcode::Nop, 0);
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let hd = self.handler_depth();
        self.push_handler(except, false, 0);
        self.push_fblock(FBlockKind::TryExcept, None, None, hd, t.range)?;
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.pop_handler();
        self.stmts(&t.orelse)?;
        self.jump_noline(end);
        // ( exc )
        self.bind(except);
        self.push_handler(cleanup, true, 0);
        // No line (CPython's UNSET_LOC): entering a handler is no line event.
        self.unit().loc = Location::default();
        self.emit(Opcode::PushExcInfo, 0);
        self.push_fblock(FBlockKind::ExceptionHandler, None, None, hd, t.range)?;
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error(h.range, "default 'except:' must be last"));
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Opcode::CheckExcMatch, 0);
                self.emit_jump(Opcode::PopJumpIfFalse, next);
            }
            let saved = self.unit_ref().b.handler_stack.clone();
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                self.name_op(name.as_str(), ExprContext::Store, name.range)?;
                self.push_handler(cleanup_end, true, 0);
                self.push_fblock(
                    FBlockKind::HandlerCleanup {
                        name: Some(name.as_str()),
                    },
                    None,
                    None,
                    hd,
                    h.range,
                )?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.truncate_handlers(hd);
                // The handler's exit and `name` cleanup are artificial
                // (CPython's UNSET_LOC): no line event.
                self.unit().loc = Location::default();
                self.emit(Opcode::PopExcept, 0);
                self.clear_name(name.as_str())?;
                self.jump(end);
                self.unit().b.handler_stack = saved;
                // Exception inside the handler body: ( prev_exc lasti exc2 )
                self.bind(cleanup_end);
                self.unit().loc = Location::default();
                self.clear_name(name.as_str())?;
                self.emit(Opcode::Reraise, 1);
            } else {
                self.emit(Opcode::PopTop, 0);
                self.push_fblock(
                    FBlockKind::HandlerCleanup { name: None },
                    None,
                    None,
                    hd,
                    h.range,
                )?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.truncate_handlers(hd);
                self.unit().loc = Location::default();
                self.emit(Opcode::PopExcept, 0);
                self.jump(end);
                self.unit().b.handler_stack = saved;
            }
            self.bind(next);
        }
        self.pop_fblock();
        // No handler matched: re-raised with no line (CPython's UNSET_LOC).
        self.unit().loc = Location::default();
        self.emit(Opcode::Reraise, 0);
        self.pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    fn try_star_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        // The `try` line's own instruction, as in `try_except`.
        self.set_loc(t.range);
        self.emit(Opcode::Nop, 0);
        let except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        let hd = self.handler_depth();
        self.push_handler(except, false, 0);
        self.push_fblock(FBlockKind::TryExcept, None, None, hd, t.range)?;
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.pop_handler();
        self.jump(orelse);
        // ( exc )
        self.bind(except);
        self.push_handler(cleanup, true, 0);
        // No line (CPython's UNSET_LOC): entering a handler is no line event.
        self.unit().loc = Location::default();
        self.emit(Opcode::PushExcInfo, 0);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, None, None, hd, t.range)?;
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            let next_except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                // ( prev exc -- prev orig [] exc )
                self.emit(Opcode::Copy, 1);
                self.emit(Opcode::BuildList, 0);
                self.emit(Opcode::Swap, 2);
            }
            let ty = h
                .type_
                .as_ref()
                .ok_or_else(|| self.error(h.range, "expected one or more exception types"))?;
            self.expr(ty)?;
            self.emit(Opcode::CheckEgMatch, 0);
            self.emit(Opcode::Copy, 1);
            self.emit_jump(Opcode::PopJumpIfNone, no_match);
            let cleanup_end = self.new_label();
            match &h.name {
                Some(name) => self.name_op(name.as_str(), ExprContext::Store, name.range)?,
                None => self.emit(Opcode::PopTop, 0),
            }
            let saved = self.unit_ref().b.handler_stack.clone();
            let inner_hd = self.handler_depth();
            self.push_handler(cleanup_end, true, 0);
            self.push_fblock(
                FBlockKind::HandlerCleanup {
                    name: h.name.as_ref().map(|n| n.as_str()),
                },
                None,
                None,
                inner_hd,
                h.range,
            )?;
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.pop_handler();
            // From here on artificial (CPython's UNSET_LOC): the name's
            // cleanup, the collection of what was raised and the re-raise
            // are no line events.
            self.unit().loc = Location::default();
            if let Some(name) = &h.name {
                self.clear_name(name.as_str())?;
            }
            self.jump(next_except);
            self.unit().b.handler_stack = saved;
            // ( prev orig list rest lasti raised )
            self.bind(cleanup_end);
            if let Some(name) = &h.name {
                self.clear_name(name.as_str())?;
            }
            self.emit(Opcode::ListAppend, 3);
            self.emit(Opcode::PopTop, 0);
            self.jump(except_with_error);
            self.bind(next_except);
            self.emit(Opcode::Nop, 0);
            self.jump(except_with_error);
            self.bind(no_match);
            self.emit(Opcode::PopTop, 0);
            self.bind(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::ListAppend, 1);
                self.jump(reraise_star);
            }
        }
        self.pop_fblock();
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.unit().loc = Location::default();
        self.emit(Opcode::CallIntrinsic2, Intrinsic2::PrepReraiseStar as u32);
        self.emit(Opcode::Copy, 1);
        self.emit_jump(Opcode::PopJumpIfNotNone, reraise);
        self.emit(Opcode::PopTop, 0);
        let saved = self.unit_ref().b.handler_stack.clone();
        self.truncate_handlers(hd);
        self.emit(Opcode::PopExcept, 0);
        self.jump(end);
        self.bind(reraise);
        self.emit(Opcode::Swap, 2);
        self.emit(Opcode::PopExcept, 0);
        self.emit(Opcode::Reraise, 0);
        self.unit().b.handler_stack = saved;
        self.pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(orelse);
        self.stmts(&t.orelse)?;
        self.bind(end);
        Ok(())
    }

    // -------------------------------------------------------------- with

    fn with_stmt(&mut self, w: &'a ast::StmtWith, pos: usize) -> CResult<()> {
        let Some(item) = w.items.get(pos) else {
            return self.stmts(&w.body);
        };
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.expr(&item.context_expr)?;
        // CPython locates BEFORE_WITH at the whole statement (every item).
        self.set_loc(w.range);
        if w.is_async {
            self.emit(Opcode::BeforeAsyncWith, 0);
            self.await_top(1);
        } else {
            self.emit(Opcode::BeforeWith, 0);
        }
        let hd = self.handler_depth();
        self.push_handler(final_, true, 1);
        self.push_fblock(
            FBlockKind::With {
                is_async: w.is_async,
            },
            None,
            None,
            hd,
            w.range,
        )?;
        match &item.optional_vars {
            Some(v) => self.store(v)?,
            None => self.emit(Opcode::PopTop, 0),
        }
        if pos + 1 < w.items.len() {
            self.with_stmt(w, pos + 1)?;
        } else {
            self.stmts(&w.body)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.set_loc(w.range);
        self.call_exit_with_nones();
        if w.is_async {
            self.await_top(2);
        }
        self.emit(Opcode::PopTop, 0);
        self.jump(exit);
        // ( exit self_or_NULL lasti exc )
        self.bind(final_);
        self.push_handler(cleanup, true, 0);
        self.emit(Opcode::PushExcInfo, 0);
        self.emit(Opcode::WithExceptStart, 0);
        if w.is_async {
            self.await_top(2);
        }
        self.emit_jump(Opcode::PopJumpIfTrue, suppress);
        self.emit(Opcode::Reraise, 2);
        self.pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(suppress);
        self.emit(Opcode::PopTop, 0);
        self.emit(Opcode::PopExcept, 0);
        for _ in 0..3 {
            self.emit(Opcode::PopTop, 0);
        }
        self.bind(exit);
        Ok(())
    }

    // ------------------------------------------------------- assignments

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
        let op = binary_operator(a.op).inplace() as u32;
        match &*a.target {
            Expr::Name(n) => {
                self.name_op(n.id.as_str(), ExprContext::Load, n.range)?;
                self.expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Opcode::BinaryOp, op);
                self.name_op(n.id.as_str(), ExprContext::Store, n.range)
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                let idx = self.mangled_name_index(at.attr.as_str());
                self.emit(Opcode::Copy, 1);
                let loc = self.attr_location(at);
                self.unit().loc = loc;
                self.emit(Opcode::LoadAttr, idx);
                self.expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Opcode::BinaryOp, op);
                self.emit(Opcode::Swap, 2);
                // CPython locates the store at the target.
                self.unit().loc = loc;
                self.emit(Opcode::StoreAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Opcode::Copy, 2);
                self.emit(Opcode::Copy, 2);
                self.set_loc(s.range);
                self.emit(Opcode::BinarySubscr, 0);
                self.expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Opcode::BinaryOp, op);
                self.emit(Opcode::Swap, 3);
                self.emit(Opcode::Swap, 2);
                self.set_loc(s.range);
                self.emit(Opcode::StoreSubscr, 0);
                Ok(())
            }
            other => Err(self.error(
                other.range(),
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    crate::compiler::errors::expr_description(other)
                ),
            )),
        }
    }

    fn ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult<()> {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store(&a.target)?;
        }
        let module_or_class = matches!(self.unit_ref().kind, ScopeKind::Module | ScopeKind::Class);
        match &*a.target {
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    return Err(self.error(n.range, "cannot assign to __debug__"));
                }
                if a.simple && module_or_class {
                    self.annotation_value(&a.annotation)?;
                    let ann = self.name_index("__annotations__");
                    self.emit(Opcode::LoadName, ann);
                    let mangled = crate::compiler::symtable::mangle(
                        self.unit_ref().private.as_deref(),
                        n.id.as_str(),
                    );
                    self.load_const(Constant::str(&mangled));
                    self.emit(Opcode::StoreSubscr, 0);
                } else if module_or_class && !self.future_annotations {
                    self.expr(&a.annotation)?;
                    self.emit(Opcode::PopTop, 0);
                }
            }
            Expr::Attribute(at) => {
                if at.attr.as_str() == "__debug__" {
                    return Err(self.error(at.range, "cannot assign to __debug__"));
                }
                if a.value.is_none() {
                    self.expr(&at.value)?;
                    self.emit(Opcode::PopTop, 0);
                }
                if module_or_class && !self.future_annotations {
                    self.expr(&a.annotation)?;
                    self.emit(Opcode::PopTop, 0);
                }
            }
            Expr::Subscript(s) => {
                if a.value.is_none() {
                    self.expr(&s.value)?;
                    self.emit(Opcode::PopTop, 0);
                    self.expr(&s.slice)?;
                    self.emit(Opcode::PopTop, 0);
                }
                if module_or_class && !self.future_annotations {
                    self.expr(&a.annotation)?;
                    self.emit(Opcode::PopTop, 0);
                }
            }
            other => return Err(self.error(other.range(), "illegal target for annotation")),
        }
        Ok(())
    }

    // ------------------------------------------------------------ imports

    fn import(&mut self, i: &'a ast::StmtImport) -> CResult<()> {
        for alias in i.names.iter() {
            // CPython locates every alias's import at the whole statement.
            self.set_loc(i.range);
            let name = alias.name.as_str();
            self.load_const(Constant::Int(0));
            self.load_const(Constant::None);
            let idx = self.name_index(name);
            self.emit(Opcode::ImportName, idx);
            match &alias.asname {
                Some(asname) => {
                    let parts: Vec<&str> = name.split('.').collect();
                    if parts.len() > 1 {
                        for (k, attr) in parts[1..].iter().enumerate() {
                            let a = self.name_index(attr);
                            self.emit(Opcode::ImportFrom, a);
                            if k + 2 < parts.len() {
                                self.emit(Opcode::Swap, 2);
                                self.emit(Opcode::PopTop, 0);
                            }
                        }
                        self.name_op(asname.as_str(), ExprContext::Store, asname.range)?;
                        self.emit(Opcode::PopTop, 0);
                    } else {
                        self.name_op(asname.as_str(), ExprContext::Store, asname.range)?;
                    }
                }
                None => {
                    let top = name.split('.').next().unwrap_or(name);
                    self.name_op(top, ExprContext::Store, alias.range)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &'a ast::StmtImportFrom) -> CResult<()> {
        let module = i.module.as_ref().map_or("", |m| m.as_str());
        if i.level == 0 && module == "__future__" && !self.future_keys.contains(&node_key(i)) {
            return Err(self.error(
                i.range,
                "from __future__ imports must occur at the beginning of the file",
            ));
        }
        self.load_const(Constant::Int(i64::from(i.level)));
        let names: Vec<Constant> = i
            .names
            .iter()
            .map(|a| Constant::str(a.name.as_str()))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
        let idx = self.name_index(module);
        self.emit(Opcode::ImportName, idx);
        if i.names.first().is_some_and(|a| a.name.as_str() == "*") {
            self.emit(Opcode::CallIntrinsic1, Intrinsic1::ImportStar as u32);
            self.emit(Opcode::PopTop, 0);
            return Ok(());
        }
        for alias in i.names.iter() {
            self.set_loc(i.range);
            let a = self.name_index(alias.name.as_str());
            self.emit(Opcode::ImportFrom, a);
            let store = alias.asname.as_ref().unwrap_or(&alias.name);
            self.name_op(store.as_str(), ExprContext::Store, store.range)?;
        }
        self.emit(Opcode::PopTop, 0);
        Ok(())
    }

    // ------------------------------------------------------- definitions

    fn decorators(&mut self, decs: &'a [ast::Decorator]) -> CResult<()> {
        for d in decs {
            self.expr(&d.expression)?;
            // At the decorator's line, which a line event must not leave
            // before the next decorator or the definition.
            self.set_loc(d.expression.range());
            self.emit(Opcode::PushNull, 0);
        }
        Ok(())
    }

    fn apply_decorators(&mut self, decs: &'a [ast::Decorator]) {
        for d in decs.iter().rev() {
            // CPython locates the call at the expression after the `@`.
            self.set_loc(d.expression.range());
            self.emit(Opcode::Call, 1);
        }
    }

    fn first_lineno(&self, range: TextRange, decs: &[ast::Decorator]) -> u32 {
        match decs.first() {
            Some(d) => self.line_of(d.range),
            None => self.line_of(range),
        }
    }

    /// The range of a decorated definition from its keyword (`def`,
    /// `async def`, `class`) on: CPython's location of the statement, which
    /// creates the function or class and stores it. Ruff's range starts at
    /// the first decorator; the keyword is found back from the name.
    pub(super) fn def_range(
        &self,
        range: TextRange,
        decs: &[ast::Decorator],
        name: TextRange,
    ) -> TextRange {
        if decs.is_empty() {
            return range;
        }
        let src = self.source.as_bytes();
        // Back over blanks and line continuations.
        let skip_blanks = |mut i: usize| loop {
            while i > 0 && matches!(src[i - 1], b' ' | b'\t' | b'\x0c') {
                i -= 1;
            }
            if i >= 2 && src[i - 1] == b'\n' && src[i - 2] == b'\\' {
                i -= 2;
            } else if i >= 3 && src[i - 1] == b'\n' && src[i - 2] == b'\r' && src[i - 3] == b'\\' {
                i -= 3;
            } else {
                return i;
            }
        };
        let mut i = skip_blanks(usize::from(name.start()));
        let kw: &[u8] = if src[..i].ends_with(b"class") {
            b"class"
        } else if src[..i].ends_with(b"def") {
            b"def"
        } else {
            return range;
        };
        i -= kw.len();
        let j = skip_blanks(i);
        if kw == b"def" && j < i && src[..j].ends_with(b"async") {
            i = j - 5;
        }
        let start = TextSize::try_from(i).unwrap_or(range.start());
        TextRange::new(start.max(range.start()), range.end())
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        self.decorators(&f.decorator_list)?;
        let first_lineno = self.first_lineno(f.range, &f.decorator_list);
        let at = self.def_range(f.range, &f.decorator_list, f.name.range);
        if let Some(tp) = f.type_params.as_deref() {
            self.generic_function(f, tp, first_lineno)?;
        } else {
            let flags = self.function_prelude(Some(&f.parameters), f.returns.as_deref(), true)?;
            let code = self.function_code(f, first_lineno)?;
            self.set_loc(at);
            self.make_closure(code, flags)?;
        }
        self.apply_decorators(&f.decorator_list);
        self.set_loc(at);
        self.name_op(f.name.as_str(), ExprContext::Store, f.name.range)
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        self.decorators(&c.decorator_list)?;
        let first_lineno = self.first_lineno(c.range, &c.decorator_list);
        let at = self.def_range(c.range, &c.decorator_list, c.name.range);
        match c.type_params.as_deref() {
            Some(tp) => self.generic_class(c, tp, first_lineno, at)?,
            None => self.class_build(c, first_lineno, at, false)?,
        }
        self.apply_decorators(&c.decorator_list);
        self.set_loc(at);
        self.name_op(c.name.as_str(), ExprContext::Store, c.name.range)
    }

    /// Compiles the class body and pushes the built class, built at `at`
    /// (the statement from its keyword: [`Compiler::def_range`]); a generic
    /// class (PEP 695) also stores `__type_params__` and passes
    /// `.generic_base`.
    pub(super) fn class_build(
        &mut self,
        c: &'a ast::StmtClassDef,
        first_lineno: u32,
        at: TextRange,
        generic: bool,
    ) -> CResult<()> {
        let scope = self
            .symtable
            .scope_for(c)
            .ok_or_else(|| self.error(c.range, "internal compiler error: missing scope"))?;
        let qualname = self.def_qualname(c.name.as_str());
        // Class body code.
        self.enter_unit(
            scope,
            ScopeKind::Class,
            c.name.as_str(),
            &qualname,
            first_lineno,
            Some(c.name.to_string()),
        );
        self.set_loc(c.range);
        let name_idx = self.name_index("__name__");
        self.emit(Opcode::LoadName, name_idx);
        let module_idx = self.name_index("__module__");
        self.emit(Opcode::StoreName, module_idx);
        self.load_const(Constant::str(&qualname));
        let qual_idx = self.name_index("__qualname__");
        self.emit(Opcode::StoreName, qual_idx);
        if self.symtable.scopes[scope].needs_classdict {
            let idx = self.classdict_cell(c.range)?;
            self.emit(Opcode::LoadLocals, 0);
            self.emit(Opcode::StoreDeref, idx);
        }
        if generic {
            self.name_op(".type_params", ExprContext::Load, c.range)?;
            let tp_idx = self.name_index("__type_params__");
            self.emit(Opcode::StoreName, tp_idx);
        }
        if find_ann(&c.body) {
            self.emit(Opcode::SetupAnnotations, 0);
        }
        let mut body: &[Stmt] = &c.body;
        if let Some(doc) = self.docstring(&c.body) {
            if self.flags.optimize < 2 {
                self.set_loc(c.body[0].range());
                self.load_const(doc);
                let d = self.name_index("__doc__");
                self.emit(Opcode::StoreName, d);
            }
            body = &c.body[1..];
        }
        self.stmts(body)?;
        if self.symtable.scopes[scope].needs_classdict {
            // type.__new__ points the cell at the class dict it makes.
            let idx = self.classdict_cell(c.range)?;
            self.emit(Opcode::LoadClosure, idx);
            let cd = self.name_index("__classdictcell__");
            self.emit(Opcode::StoreName, cd);
        }
        if self.symtable.scopes[scope].needs_class_closure {
            let idx = self
                .deref_index("__class__")
                .ok_or_else(|| self.error(c.range, "internal compiler error: no __class__ cell"))?;
            self.emit(Opcode::LoadClosure, idx);
            self.emit(Opcode::Copy, 1);
            let cc = self.name_index("__classcell__");
            self.emit(Opcode::StoreName, cc);
            self.emit(Opcode::ReturnValue, 0);
        } else {
            self.implicit_return();
        }
        let code = self.exit_unit()?;
        // Build the class.
        self.set_loc(at);
        self.emit(Opcode::LoadBuildClass, 0);
        self.emit(Opcode::PushNull, 0);
        self.make_closure(code, 0)?;
        self.load_const(Constant::str(c.name.as_str()));
        let extra = generic.then_some(".generic_base");
        match &c.arguments {
            Some(args) => self.call_helper_extra(2, args.as_ref(), at, extra)?,
            None => {
                if let Some(x) = extra {
                    self.name_op(x, ExprContext::Load, at)?;
                }
                self.set_loc(at);
                self.emit(Opcode::Call, 2 + u32::from(generic));
            }
        }
        Ok(())
    }
}
