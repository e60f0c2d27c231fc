//! Code generation: AST + symbol table -> code objects.
//!
//! A port of the structure of CPython 3.11's `compile.c` onto ProtoPy's
//! opcode table.  Each code object being built is a [`Unit`] holding a
//! linear instruction list with symbolic labels.  Exception handling uses
//! *handler markers* instead of CPython's SETUP_*/POP_BLOCK pseudo
//! instructions: the code generator keeps a stack of active handlers, every
//! emitted instruction records the innermost one, and a zero-size marker at
//! the setup point lets the assembler learn the handler's stack depth.
//! `break`/`continue`/`return` unwind the frame-block stack exactly like
//! CPython's `compiler_unwind_fblock_stack`, emitting cleanup code under the
//! enclosing handlers.

mod assemble;
mod expr;
mod pattern;
mod stmt;
mod typeparams;

use std::collections::HashMap;
use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr, Mod, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::fold::FoldCtx;
use super::symtable::{
    mangle, ScopeId, ScopeKind, SymbolScope, SymbolTable, CLASSDICT, DEF_FREE_CLASS,
};
use super::{
    CResult, CompileFlags, Mode, RawError, RawWarning, SourceMap, WarnOrigin, WarningCategory,
    MAX_NESTING,
};
use crate::bytecode::code::{CodeFlags, CodeObject, Constant, Location};
use crate::bytecode::opcodes::Opcode;

/// A code label (index into `CodeBuilder::labels`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Label(u32);

#[derive(Clone, Copy, Debug)]
pub(super) enum Op {
    Real(Opcode),
    /// Unconditional jump; becomes JUMP_FORWARD or JUMP_BACKWARD.
    Jump,
    /// Zero-size marker: handler `.0` is set up here.
    HandlerMark(u32),
}

#[derive(Clone, Debug)]
pub(super) struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: Option<u32>,
    pub loc: Location,
    pub handler: Option<u32>,
}

#[derive(Clone, Debug)]
pub(super) struct HandlerInfo {
    /// Label of the handler code.
    pub target: u32,
    /// Push the raising instruction's offset before the exception.
    pub lasti: bool,
    /// Items on the stack at the marker that do not belong to the
    /// handler's base depth (1 for `with`: the `__enter__` result).
    pub adjust: u32,
}

#[derive(Clone, Debug, Default)]
pub(super) struct CodeBuilder {
    pub instrs: Vec<Instr>,
    pub labels: Vec<Option<usize>>,
    pub handlers: Vec<HandlerInfo>,
    pub handler_stack: Vec<u32>,
}

/// Frame-block kinds (CPython's `fblocktype`).
#[derive(Clone, Copy, Debug)]
pub(super) enum FBlockKind<'a> {
    WhileLoop,
    ForLoop,
    AsyncForLoop,
    TryExcept,
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    With { is_async: bool },
    HandlerCleanup { name: Option<&'a str> },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct FBlock<'a> {
    pub kind: FBlockKind<'a>,
    /// `continue` target (loops).
    pub block: Option<Label>,
    /// `break` target (loops).
    pub exit: Option<Label>,
    /// Handler-stack height outside this block's own handlers.
    pub handler_depth: usize,
    pub loc: Location,
}

/// One code object under construction.
pub(super) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    pub first_lineno: u32,
    pub b: CodeBuilder,
    pub consts: Vec<Constant>,
    const_map: HashMap<String, u32>,
    pub names: Vec<String>,
    name_map: HashMap<String, u32>,
    pub varnames: Vec<String>,
    var_map: HashMap<String, u32>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    pub fblocks: Vec<FBlock<'a>>,
    pub loc: Location,
    pub private: Option<String>,
    /// `async def` (or coroutine comprehension): `await` allowed.
    pub is_async: bool,
}

/// Key used to de-duplicate constants (None for code objects).
fn const_key(c: &Constant) -> Option<String> {
    match c {
        Constant::Code(_) => None,
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            let mut s = String::from(c.type_name());
            s.push('(');
            for item in items.iter() {
                s.push_str(&const_key(item)?);
                s.push(',');
            }
            s.push(')');
            Some(s)
        }
        Constant::Float(f) => Some(format!("float:{:x}", f.to_bits())),
        Constant::Complex(r, i) => Some(format!("complex:{:x}:{:x}", r.to_bits(), i.to_bits())),
        other => Some(format!("{}:{}", other.type_name(), other.repr())),
    }
}

/// Compiles a parsed module or expression; appends the code generator's
/// warnings (those emitted before an error, on failure) to `warnings`.
pub(crate) fn compile_mod(
    m: &Mod,
    source: &str,
    map: &SourceMap,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
    annotation_texts: HashMap<usize, String>,
    warnings: &mut Vec<RawWarning>,
) -> CResult<Arc<CodeObject>> {
    let mut out = None;
    let r = compile_mod_inner(
        m,
        source,
        map,
        filename,
        mode,
        flags,
        annotation_texts,
        &mut out,
    );
    if let Some(mut w) = out {
        warnings.append(&mut w);
    }
    r
}

fn compile_mod_inner(
    m: &Mod,
    source: &str,
    map: &SourceMap,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
    annotation_texts: HashMap<usize, String>,
    out: &mut Option<Vec<RawWarning>>,
) -> CResult<Arc<CodeObject>> {
    // The compiler's warnings reach `out` however it returns.
    struct Collect<'o, 'a>(&'o mut Option<Vec<RawWarning>>, Compiler<'a>);
    impl Drop for Collect<'_, '_> {
        fn drop(&mut self) {
            *self.0 = Some(std::mem::take(&mut self.1.warnings));
        }
    }
    match m {
        Mod::Module(module) => {
            let future = stmt::scan_future(&module.body, map)?;
            let future_annotations = future || flags.future_annotations;
            let symtable = SymbolTable::build_module(&module.body, future_annotations)?;
            let mut c = Compiler::new(source, map, filename, flags, symtable, future_annotations);
            c.annotation_texts = annotation_texts;
            let mut g = Collect(out, c);
            let c = &mut g.1;
            c.interactive = mode == Mode::Single;
            c.enter_unit(0, ScopeKind::Module, "<module>", "<module>", 1, None);
            c.module_body(&module.body)?;
            c.finish_module()
        }
        Mod::Expression(e) => {
            let symtable = SymbolTable::build_expression(&e.body)?;
            let c = Compiler::new(
                source,
                map,
                filename,
                flags,
                symtable,
                flags.future_annotations,
            );
            let mut g = Collect(out, c);
            let c = &mut g.1;
            c.enter_unit(0, ScopeKind::Module, "<module>", "<module>", 1, None);
            c.set_loc(e.body.range());
            c.expr(&e.body)?;
            c.emit(Opcode::ReturnValue, 0);
            c.finish_module()
        }
    }
}

pub(super) struct Compiler<'a> {
    pub source: &'a str,
    pub map: &'a SourceMap,
    pub filename: Arc<str>,
    pub flags: CompileFlags,
    pub symtable: SymbolTable,
    pub future_annotations: bool,
    pub units: Vec<Unit<'a>>,
    pub interactive: bool,
    /// Keys of the `from __future__` statements allowed at the top.
    pub future_keys: std::collections::HashSet<usize>,
    depth: usize,
    /// Warnings emitted so far, in CPython's order.
    pub warnings: Vec<RawWarning>,
    /// Single-operator `is`/`is not` comparisons under an odd number of
    /// `not`s (by node address): CPython's AST optimizer folds
    /// `not a is b` into `a is not b` before its compiler checks them.
    pub negated_compares: HashMap<usize, bool>,
    /// The text of each stringified annotation (by node address) that has
    /// no source text of its own: a tree given to `compile()` (the text
    /// `ast.unparse` gives it, as CPython's `_PyAST_ExprAsUnicode`).
    pub annotation_texts: HashMap<usize, String>,
}

impl<'a> Compiler<'a> {
    fn new(
        source: &'a str,
        map: &'a SourceMap,
        filename: &str,
        flags: CompileFlags,
        symtable: SymbolTable,
        future_annotations: bool,
    ) -> Self {
        Compiler {
            source,
            map,
            filename: filename.into(),
            flags,
            symtable,
            future_annotations,
            units: Vec::new(),
            interactive: false,
            future_keys: Default::default(),
            depth: 0,
            warnings: Vec::new(),
            negated_compares: HashMap::new(),
            annotation_texts: HashMap::new(),
        }
    }

    pub fn fold_ctx(&self) -> FoldCtx<'a> {
        FoldCtx {
            source: self.source,
            optimize: self.flags.optimize,
        }
    }

    pub fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("no active unit")
    }

    pub fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("no active unit")
    }

    /// Runs `f` one nesting level deeper (recursion guard + stack growth).
    pub fn guard<T>(
        &mut self,
        range: TextRange,
        f: impl FnOnce(&mut Self) -> CResult<T>,
    ) -> CResult<T> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.depth -= 1;
            return Err(RawError::recursion(range));
        }
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
        r
    }

    pub fn error(&self, range: TextRange, msg: impl Into<String>) -> RawError {
        RawError::syntax(range, msg)
    }

    /// CPython's `compiler_warn`: a SyntaxWarning located at `range`.
    pub fn warn(&mut self, range: TextRange, msg: impl Into<String>) {
        self.warnings.push(RawWarning {
            category: WarningCategory::SyntaxWarning,
            msg: msg.into(),
            range,
            origin: WarnOrigin::Compiler,
        });
    }

    // ---------------------------------------------------------------- units

    pub fn enter_unit(
        &mut self,
        scope: ScopeId,
        kind: ScopeKind,
        name: &str,
        qualname: &str,
        first_lineno: u32,
        private: Option<String>,
    ) {
        let st = &self.symtable.scopes[scope];
        let mut varnames = Vec::new();
        let mut var_map = HashMap::new();
        if kind.is_function_like() {
            for p in &st.params {
                var_map.insert(p.clone(), varnames.len() as u32);
                varnames.push(p.clone());
            }
        }
        let mut cellvars = st.names_with_scope(SymbolScope::Cell);
        if kind == ScopeKind::Class && st.needs_class_closure {
            cellvars.push("__class__".into());
            cellvars.sort();
        }
        if kind == ScopeKind::Class && st.needs_classdict {
            cellvars.push(CLASSDICT.into());
            cellvars.sort();
        }
        let mut freevars = st.names_with_scope(SymbolScope::Free);
        if kind == ScopeKind::Class {
            for (n, s) in &st.symbols {
                if s.flags & DEF_FREE_CLASS != 0 && !freevars.contains(n) {
                    freevars.push(n.clone());
                }
            }
            freevars.sort();
        }
        let mut flags = CodeFlags::default();
        if kind.is_function_like() {
            flags.insert(CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS);
            if st.nested {
                flags.insert(CodeFlags::NESTED);
            }
            match (st.is_generator, st.is_coroutine) {
                (true, true) => flags.insert(CodeFlags::ASYNC_GENERATOR),
                (true, false) => flags.insert(CodeFlags::GENERATOR),
                (false, true) => flags.insert(CodeFlags::COROUTINE),
                (false, false) => {}
            }
        }
        if self.future_annotations {
            flags.insert(CodeFlags::FUTURE_ANNOTATIONS);
        }
        let is_async = st.is_coroutine;
        let loc = Location {
            line: first_lineno,
            end_line: first_lineno,
            col: 0,
            end_col: 0,
        };
        self.units.push(Unit {
            scope,
            kind,
            name: name.to_owned(),
            qualname: qualname.to_owned(),
            first_lineno,
            b: CodeBuilder::default(),
            consts: Vec::new(),
            const_map: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames,
            var_map,
            cellvars,
            freevars,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
            fblocks: Vec::new(),
            loc,
            private,
            is_async,
        });
    }

    /// Finishes the current unit into a code object.
    pub fn exit_unit(&mut self) -> CResult<Arc<CodeObject>> {
        let u = self.units.pop().expect("no unit");
        let asm = assemble::assemble(&u.b)?;
        // CPython 3.11 no longer sets NOFREE; nor does ProtoPy, so that
        // `co_flags` are the same numbers.
        let flags = u.flags;
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                let nparams = u
                    .varnames
                    .len()
                    .min(self.symtable.scopes[u.scope].params.len());
                u.varnames[..nparams]
                    .iter()
                    .position(|v| v == c)
                    .map(|i| i as u32)
            })
            .collect::<Vec<_>>();
        let boxed = |v: Vec<String>| -> Box<[Arc<str>]> { v.into_iter().map(Arc::from).collect() };
        let code = CodeObject {
            name: u.name.into(),
            qualname: u.qualname.into(),
            filename: self.filename.clone(),
            first_lineno: u.first_lineno,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags,
            varnames: boxed(u.varnames),
            cellvars: boxed(u.cellvars),
            freevars: boxed(u.freevars),
            cell2arg: cell2arg.into(),
            names: boxed(u.names),
            consts: u.consts.into(),
            code: asm.code,
            linetable: asm.linetable,
            exception_table: asm.exception_table,
            max_stackdepth: asm.max_stackdepth,
            n_cache_slots: asm.n_cache_slots,
            cache_index: asm.cache_index,
        };
        // The interpreter relies on the stream invariant (see `CodeObject`).
        debug_assert_eq!(crate::bytecode::serialize::validate(&code), Ok(()));
        Ok(Arc::new(code))
    }

    fn finish_module(&mut self) -> CResult<Arc<CodeObject>> {
        self.exit_unit()
    }

    /// Qualified name for a new scope named `name` defined in the current unit.
    pub fn qualname_for(&self, name: &str) -> String {
        // PEP 695 annotation scopes do not appear in qualified names.
        let u = self
            .units
            .iter()
            .rev()
            .find(|u| !self.symtable.scopes[u.scope].is_annotation)
            .unwrap_or_else(|| self.unit_ref());
        match u.kind {
            ScopeKind::Module => name.to_owned(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    // ------------------------------------------------------------- emission

    pub fn set_loc(&mut self, range: TextRange) {
        let loc = self.map.location(range);
        self.unit().loc = loc;
    }

    pub fn loc_of(&self, range: TextRange) -> Location {
        self.map.location(range)
    }

    fn push_instr(&mut self, op: Op, arg: u32, target: Option<u32>) {
        let u = self.unit();
        let handler = u.b.handler_stack.last().copied();
        let loc = u.loc;
        u.b.instrs.push(Instr {
            op,
            arg,
            target,
            loc,
            handler,
        });
    }

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        self.push_instr(Op::Real(op), arg, None);
    }

    pub fn emit_jump(&mut self, op: Opcode, label: Label) {
        self.push_instr(Op::Real(op), 0, Some(label.0));
    }

    /// Unconditional jump (direction resolved by the assembler).
    pub fn jump(&mut self, label: Label) {
        self.push_instr(Op::Jump, 0, Some(label.0));
    }

    /// [`Compiler::jump`] with no location (CPython's `ADDOP_JUMP_NOLINE`):
    /// a jump over an `else` branch is no line of its own for tracing.
    pub fn jump_noline(&mut self, label: Label) {
        let loc = self.unit().loc;
        self.unit().loc = Default::default();
        self.jump(label);
        self.unit().loc = loc;
    }

    pub fn new_label(&mut self) -> Label {
        let b = &mut self.unit().b;
        b.labels.push(None);
        Label((b.labels.len() - 1) as u32)
    }

    pub fn bind(&mut self, label: Label) {
        let b = &mut self.unit().b;
        b.labels[label.0 as usize] = Some(b.instrs.len());
    }

    /// Starts an exception handler region whose handler code is at `target`.
    pub fn push_handler(&mut self, target: Label, lasti: bool, adjust: u32) {
        let b = &mut self.unit().b;
        let id = b.handlers.len() as u32;
        b.handlers.push(HandlerInfo {
            target: target.0,
            lasti,
            adjust,
        });
        self.push_instr(Op::HandlerMark(id), 0, None);
        self.unit().b.handler_stack.push(id);
    }

    /// Ends the innermost handler region (CPython's POP_BLOCK).
    pub fn pop_handler(&mut self) {
        self.unit().b.handler_stack.pop();
    }

    pub fn handler_depth(&mut self) -> usize {
        self.unit().b.handler_stack.len()
    }

    // ------------------------------------------------------------ operands

    pub fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.unit();
        if let Some(key) = const_key(&c) {
            if let Some(&i) = u.const_map.get(&key) {
                return i;
            }
            let i = u.consts.len() as u32;
            u.const_map.insert(key, i);
            u.consts.push(c);
            i
        } else {
            u.consts.push(c);
            (u.consts.len() - 1) as u32
        }
    }

    pub fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::LoadConst, i);
    }

    pub fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_map.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_owned());
        u.name_map.insert(name.to_owned(), i);
        i
    }

    /// Name index of an attribute/global name after private mangling.
    pub fn mangled_name_index(&mut self, name: &str) -> u32 {
        let m = mangle(self.unit_ref().private.as_deref(), name);
        self.name_index(&m)
    }

    pub fn varname_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.var_map.get(name) {
            return i;
        }
        let i = u.varnames.len() as u32;
        u.varnames.push(name.to_owned());
        u.var_map.insert(name.to_owned(), i);
        i
    }

    pub fn deref_index(&mut self, name: &str) -> Option<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return Some(i as u32);
        }
        u.freevars
            .iter()
            .position(|c| c == name)
            .map(|i| (i + u.cellvars.len()) as u32)
    }

    // ---------------------------------------------------------- name ops

    /// The `__classdict__` cell of a class body or of an annotation scope
    /// that sees one (see `Scope::needs_classdict`).
    pub fn classdict_cell(&mut self, range: TextRange) -> CResult<u32> {
        self.deref_index(CLASSDICT)
            .ok_or_else(|| self.error(range, "internal compiler error: no __classdict__ cell"))
    }

    /// Emits a load/store/delete of `name` with the opcode family chosen by
    /// the symbol table.
    pub fn name_op(&mut self, name: &str, ctx: ast::ExprContext, range: TextRange) -> CResult<()> {
        if ctx != ast::ExprContext::Load && name == "__debug__" {
            let verb = if ctx == ast::ExprContext::Del {
                "delete"
            } else {
                "assign to"
            };
            return Err(self.error(range, format!("cannot {verb} __debug__")));
        }
        let mangled = mangle(self.unit_ref().private.as_deref(), name);
        let (scope_id, kind) = (self.unit_ref().scope, self.unit_ref().kind);
        let scope = self.symtable.scopes[scope_id].scope_of(&mangled);
        use ast::ExprContext as C;
        if self.symtable.scopes[scope_id].can_see_class_scope
            && matches!(ctx, C::Load)
            && mangled != CLASSDICT
            && matches!(scope, SymbolScope::GlobalImplicit | SymbolScope::Free)
        {
            // An annotation scope in a class body: the class namespace first.
            let cd = self.classdict_cell(range)?;
            self.emit(Opcode::LoadDeref, cd);
            if scope == SymbolScope::Free {
                let idx = self.deref_index(&mangled).ok_or_else(|| {
                    self.error(
                        range,
                        format!("internal compiler error: no cell for '{mangled}'"),
                    )
                })?;
                self.emit(Opcode::LoadFromDictOrDeref, idx);
            } else {
                let idx = self.name_index(&mangled);
                self.emit(Opcode::LoadFromDictOrGlobals, idx);
            }
            return Ok(());
        }
        match scope {
            SymbolScope::Free | SymbolScope::Cell => {
                let idx = self.deref_index(&mangled).ok_or_else(|| {
                    self.error(
                        range,
                        format!("internal compiler error: no cell for '{mangled}'"),
                    )
                })?;
                let op = match ctx {
                    C::Load if kind == ScopeKind::Class => Opcode::LoadClassDeref,
                    C::Load | C::Invalid => Opcode::LoadDeref,
                    C::Store => Opcode::StoreDeref,
                    C::Del => Opcode::DeleteDeref,
                };
                self.emit(op, idx);
            }
            SymbolScope::Local if kind.is_function_like() => {
                let idx = self.varname_index(&mangled);
                let op = match ctx {
                    C::Load | C::Invalid => Opcode::LoadFast,
                    C::Store => Opcode::StoreFast,
                    C::Del => Opcode::DeleteFast,
                };
                self.emit(op, idx);
            }
            SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit
                if scope == SymbolScope::GlobalExplicit || kind.is_function_like() =>
            {
                let idx = self.name_index(&mangled);
                let op = match ctx {
                    C::Load | C::Invalid => Opcode::LoadGlobal,
                    C::Store => Opcode::StoreGlobal,
                    C::Del => Opcode::DeleteGlobal,
                };
                self.emit(op, idx);
            }
            _ => {
                let idx = self.name_index(&mangled);
                let op = match ctx {
                    C::Load | C::Invalid => Opcode::LoadName,
                    C::Store => Opcode::StoreName,
                    C::Del => Opcode::DeleteName,
                };
                self.emit(op, idx);
            }
        }
        Ok(())
    }

    /// Pushes the closure tuple for `code` (if it has free variables), the
    /// code constant, and MAKE_FUNCTION with `flags` (+ closure flag).
    pub fn make_closure(&mut self, code: Arc<CodeObject>, flags: u32) -> CResult<()> {
        let mut flags = flags;
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let idx = self.deref_index(name).ok_or_else(|| {
                    RawError::syntax(
                        TextRange::default(),
                        format!("internal compiler error: free variable '{name}' not found"),
                    )
                })?;
                self.emit(Opcode::LoadClosure, idx);
            }
            self.emit(Opcode::BuildTuple, code.freevars.len() as u32);
            flags |= crate::bytecode::opcodes::MAKE_FUNCTION_CLOSURE;
        }
        self.load_const(Constant::Code(code));
        self.emit(Opcode::MakeFunction, flags);
        Ok(())
    }

    /// The docstring of a body, if its first statement is a plain string.
    pub fn docstring(&self, body: &[Stmt]) -> Option<Constant> {
        match body.first() {
            Some(Stmt::Expr(e)) => match &*e.value {
                Expr::StringLiteral(s) => {
                    Some(Constant::Str(self.fold_ctx().string_value(&s.value)))
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub fn line_of(&self, range: TextRange) -> u32 {
        self.map.line_col(range.start()).0
    }
}

/// The first statement of the last clause of a compound statement (`else`,
/// the last `except`, `finally`...); None for simple statements and
/// `match`, which CPython's interactive grammar accepts without the rule of
/// [`single_compound_end`].
fn last_clause_first_stmt(stmt: &Stmt) -> Option<&Stmt> {
    let body: &[Stmt] = match stmt {
        Stmt::If(s) => s.elif_else_clauses.last().map_or(&s.body, |c| &c.body),
        Stmt::For(s) if !s.orelse.is_empty() => &s.orelse,
        Stmt::For(s) => &s.body,
        Stmt::While(s) if !s.orelse.is_empty() => &s.orelse,
        Stmt::While(s) => &s.body,
        Stmt::With(s) => &s.body,
        Stmt::FunctionDef(s) => &s.body,
        Stmt::ClassDef(s) => &s.body,
        Stmt::Try(s) => {
            if !s.finalbody.is_empty() {
                &s.finalbody
            } else if !s.orelse.is_empty() {
                &s.orelse
            } else {
                s.handlers.last().map_or(&s.body, |h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    &h.body
                })
            }
        }
        _ => return None,
    };
    body.first()
}

/// `compile(..., 'single')` of a compound statement: CPython's interactive
/// grammar wants a NEWLINE token after it. Its tokenizer gives none when
/// the last clause is a one-line suite (`def f(): pass`) that the source
/// does not end with a line break, and none after a block whose source
/// ends in an unterminated blank or comment line; both are "invalid
/// syntax" at column 0 of that line.
fn single_compound_end(source: &str, map: &SourceMap, last: &Stmt) -> Result<(), RawError> {
    let Some(first) = last_clause_first_stmt(last) else {
        return Ok(());
    };
    let start = first.range().start().to_usize();
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let one_line_suite = !source[line_start..start].trim().is_empty();
    let end = last.range().end().to_usize();
    let rest = &source[end..];
    let bad_offset = match rest.rfind('\n') {
        None if one_line_suite => Some(end),
        Some(i) if !one_line_suite && i + 1 < rest.len() => Some(end + i + 1),
        _ => None,
    };
    let Some(at) = bad_offset else {
        return Ok(());
    };
    let (line, _) = map.line_col(TextSize::new(at as u32));
    Err(syntax_at_line(map, line, None))
}

/// "invalid syntax" at column 0 of a line (0: no line), as CPython's
/// interactive grammar reports a missing NEWLINE token.
fn syntax_at_line(map: &SourceMap, line: u32, text: Option<&str>) -> RawError {
    let mut e = RawError::syntax(TextRange::default(), "invalid syntax");
    e.exact = Some(Box::new(super::CompileError {
        kind: e.kind,
        msg: e.msg.clone(),
        filename: String::new(),
        lineno: line,
        col_offset: 0,
        end_lineno: line,
        end_col_offset: 0,
        text: text.or_else(|| map.line_text(line)).map(str::to_owned),
    }));
    e
}

/// The text of the source's last line (empty for an empty source).
fn last_or_empty(source: &str) -> Option<&str> {
    let body = source.strip_suffix('\n').unwrap_or(source);
    Some(body.rsplit('\n').next().unwrap_or(""))
}

/// The rules of CPython's interactive grammar for `compile(..., 'single')`,
/// checked after parsing (they are parser errors: the source's text goes
/// with them): one statement, or simple ones joined by `;` on one line.
pub(crate) fn check_single(
    source: &str,
    map: &SourceMap,
    module: &ast::ModModule,
) -> Result<(), RawError> {
    // One interactive statement: simple statements joined by
    // `;` on one line count as one (CPython's `simple_stmts`).
    for w in module.body.windows(2) {
        let gap = source
            .get(w[0].range().end().to_usize()..w[1].range().start().to_usize())
            .unwrap_or("\n");
        if !gap.contains(';') || gap.contains('\n') {
            // CPython reports the NEWLINE token ending the
            // first statement (with its comment, if any).
            let end = w[0].range().end();
            let rest = &source[end.to_usize()..];
            let lead = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
            let start = end + TextSize::new(lead as u32);
            let eol = if rest[lead..].starts_with('#') {
                rest.find(['\r', '\n']).unwrap_or(rest.len())
            } else {
                lead
            };
            return Err(RawError::syntax(
                TextRange::new(start, end + TextSize::new(eol as u32)),
                "multiple statements found while compiling a single statement",
            ));
        }
    }
    match module.body.last() {
        Some(last) => single_compound_end(source, map, last),
        // Blank input: no statement to find, "invalid syntax"
        // on the last line.
        None => {
            let lines = source.matches('\n').count()
                + usize::from(!source.is_empty() && !source.ends_with('\n'));
            Err(syntax_at_line(map, lines as u32, last_or_empty(source)))
        }
    }
}
