//! Symbol tables: which scope every name belongs to.
//!
//! A port of CPython 3.11's `symtable.c`.  One [`Scope`] per module, class,
//! function, lambda and comprehension, keyed by the address of its AST node.
//! Names are recorded with definition flags during a first walk, then
//! [`SymbolTable::analyze`] resolves each one to a [`SymbolScope`]:
//! local, explicit/implicit global, free (captured from an enclosing
//! function) or cell (local and captured by an inner scope).  Class scopes
//! never provide bindings to nested scopes, except the implicit `__class__`
//! cell created when a method uses `super` or `__class__`.  Assignment
//! expressions in comprehensions bind in the nearest enclosing function (or
//! module) scope.  Names are mangled (`__x` -> `_Class__x`) inside classes.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, Parameters, Pattern, Stmt,
};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, RawError, MAX_NESTING};

/// Assigned in this scope (`x = ...`, `for x`, `del x`, `with ... as x`...).
pub const DEF_LOCAL: u32 = 1 << 0;
/// Declared `global`.
pub const DEF_GLOBAL: u32 = 1 << 1;
/// Declared `nonlocal`.
pub const DEF_NONLOCAL: u32 = 1 << 2;
/// A parameter.
pub const DEF_PARAM: u32 = 1 << 3;
/// Read in this scope.
pub const USE: u32 = 1 << 4;
/// Free in a child scope while also bound in this class scope.
pub const DEF_FREE_CLASS: u32 = 1 << 5;
/// Bound by an import.
pub const DEF_IMPORT: u32 = 1 << 6;
/// Annotated (`x: int`).
pub const DEF_ANNOT: u32 = 1 << 7;
/// A comprehension iteration variable.
pub const DEF_COMP_ITER: u32 = 1 << 8;
/// Any binding.
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
/// The implicit cell holding a class namespace for its annotation scopes.
pub const CLASSDICT: &str = "__classdict__";

/// Index of a scope in [`SymbolTable::scopes`].
pub type ScopeId = usize;

/// Kind of comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    /// `[...]`
    List,
    /// `{...}`
    Set,
    /// `{k: v ...}`
    Dict,
    /// `(...)`
    Generator,
}

/// Kind of scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// Module (or eval/interactive) top level.
    Module,
    /// Class body.
    Class,
    /// `def` / `async def`.
    Function,
    /// `lambda`.
    Lambda,
    /// Comprehension or generator expression.
    Comprehension(CompKind),
}

impl ScopeKind {
    /// Function-like scopes use fast locals.
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_)
        )
    }
}

/// Resolved scope of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    /// Local to this scope.
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: looked up in globals/builtins.
    GlobalImplicit,
    /// Bound in an enclosing function scope.
    Free,
    /// Local here and captured by an inner scope.
    Cell,
}

/// One name in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// `DEF_*` / `USE` flags.
    pub flags: u32,
    /// Resolved scope (valid after analysis).
    pub scope: SymbolScope,
}

/// One scope.
#[derive(Clone, Debug)]
pub struct Scope {
    /// Kind.
    pub kind: ScopeKind,
    /// Name (function/class name, `<lambda>`, `<listcomp>`, `top`).
    pub name: String,
    /// Parent scope.
    pub parent: Option<ScopeId>,
    /// Child scopes in source order.
    pub children: Vec<ScopeId>,
    /// Symbols, in first-seen order.
    pub symbols: Vec<(String, Symbol)>,
    index: HashMap<String, usize>,
    /// Parameter names in order (positional, kw-only, *args, **kwargs).
    pub params: Vec<String>,
    /// Contains `yield`/`yield from` (or is a generator expression).
    pub is_generator: bool,
    /// `async def`, or a comprehension using `await`/`async for`.
    pub is_coroutine: bool,
    /// Class scope whose methods need the implicit `__class__` cell.
    pub needs_class_closure: bool,
    /// Class scope with annotation scopes that read its namespace: the body
    /// stores it in a `__classdict__` cell (CPython 3.12).
    pub needs_classdict: bool,
    /// Annotation scope directly in a class body (or nested in such a one):
    /// its global and free names are looked up in the class namespace
    /// (`__classdict__`) first.
    pub can_see_class_scope: bool,
    /// Class name used for private-name mangling in this scope.
    pub private: Option<String>,
    /// Defined inside a function-like scope.
    pub nested: bool,
    /// A PEP 695 annotation scope (`<generic parameters of f>`, a lazily
    /// evaluated TypeVar bound or type alias value): function-like, but
    /// transparent for `__qualname__`.
    pub is_annotation: bool,
    /// What an annotation scope evaluates, as CPython 3.12's errors name it
    /// ("a TypeVar bound", "a type alias", "the definition of a generic"):
    /// yield, await and named expressions are not allowed there.
    annotation_of: &'static str,
    /// Start of the defining node.
    pub range: TextRange,
    /// Where `global`/`nonlocal` directives for a name appeared.
    directives: HashMap<String, TextRange>,
    /// Comprehension iteration variables (for walrus checks).
    comp_iter_names: HashSet<String>,
    /// Inside the iterable expression of a comprehension (walrus check).
    comp_iter_expr: u32,
}

/// What the annotation scopes of PEP 695 evaluate, in CPython 3.12's words.
const GENERIC: &str = "the definition of a generic";
const TYPEVAR_BOUND: &str = "a TypeVar bound";
const TYPE_ALIAS: &str = "a type alias";

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<ScopeId>, range: TextRange) -> Scope {
        Scope {
            kind,
            name: name.to_owned(),
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            needs_class_closure: false,
            needs_classdict: false,
            can_see_class_scope: false,
            private: None,
            nested: false,
            is_annotation: false,
            annotation_of: "",
            range,
            directives: HashMap::new(),
            comp_iter_names: HashSet::new(),
            comp_iter_expr: 0,
        }
    }

    /// Flags of `name` (0 if absent).
    pub fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1.flags)
    }

    /// The symbol for `name`.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i].1)
    }

    /// Resolved scope of `name`; names never seen are implicit globals.
    pub fn scope_of(&self, name: &str) -> SymbolScope {
        self.lookup(name)
            .map_or(SymbolScope::GlobalImplicit, |s| s.scope)
    }

    fn add_flags(&mut self, name: &str, flags: u32) -> u32 {
        match self.index.get(name) {
            Some(&i) => {
                self.symbols[i].1.flags |= flags;
                self.symbols[i].1.flags
            }
            None => {
                self.index.insert(name.to_owned(), self.symbols.len());
                self.symbols.push((
                    name.to_owned(),
                    Symbol {
                        flags,
                        scope: SymbolScope::GlobalImplicit,
                    },
                ));
                flags
            }
        }
    }

    /// Names with a given resolved scope, sorted (CPython orders
    /// cellvars/freevars alphabetically).
    pub fn names_with_scope(&self, scope: SymbolScope) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == scope)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

/// Private-name mangling (`__spam` in class `Ham` -> `_Ham__spam`).
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(private) = private else {
        return name.to_owned();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_owned();
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_owned();
    }
    format!("_{stripped}{name}")
}

/// The symbol table of a whole compilation unit.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    /// All scopes; index 0 is the module.
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

/// Address of an AST node, used as scope key.
pub fn node_key<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
}

impl SymbolTable {
    /// Scope created for the AST node `node` (a `StmtFunctionDef`,
    /// `StmtClassDef`, `ExprLambda` or comprehension node).
    pub fn scope_for<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&node_key(node)).copied()
    }

    /// Builds and analyses the symbol table of a module body.
    pub(crate) fn build_module(body: &[Stmt], future_annotations: bool) -> CResult<SymbolTable> {
        let mut b = Builder::new(TextRange::default(), future_annotations);
        b.stmts(body)?;
        b.finish()
    }

    /// Builds and analyses the symbol table of an expression (eval mode).
    pub(crate) fn build_expression(expr: &Expr) -> CResult<SymbolTable> {
        let mut b = Builder::new(TextRange::default(), false);
        b.expr(expr)?;
        b.finish()
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    stack: Vec<ScopeId>,
    depth: usize,
    future_annotations: bool,
}

impl Builder {
    fn new(range: TextRange, future_annotations: bool) -> Builder {
        Builder {
            scopes: vec![Scope::new(ScopeKind::Module, "top", None, range)],
            by_node: HashMap::new(),
            stack: vec![0],
            depth: 0,
            future_annotations,
        }
    }

    fn finish(mut self) -> CResult<SymbolTable> {
        let mut global = HashSet::new();
        analyze(&mut self.scopes, 0, None, &mut global)?;
        Ok(SymbolTable {
            scopes: self.scopes,
            by_node: self.by_node,
        })
    }

    fn cur(&self) -> ScopeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn cur_scope(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize, range: TextRange) -> ScopeId {
        let parent = self.cur();
        let id = self.scopes.len();
        let mut scope = Scope::new(kind, name, Some(parent), range);
        let p = &self.scopes[parent];
        scope.private = if kind == ScopeKind::Class {
            Some(name.to_owned())
        } else {
            p.private.clone()
        };
        scope.nested = p.kind.is_function_like() || p.nested;
        self.scopes.push(scope);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn guard<T>(
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

    /// Records `flags` for `name` (mangled) in the current scope.
    fn add_def(&mut self, name: &str, flags: u32, range: TextRange) -> CResult<()> {
        let id = self.cur();
        self.add_def_in(id, name, flags, range)
    }

    fn add_def_in(&mut self, id: ScopeId, name: &str, flags: u32, range: TextRange) -> CResult<()> {
        let scope = &mut self.scopes[id];
        let mangled = mangle(scope.private.as_deref(), name);
        let old = scope.flags(&mangled);
        if flags & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            return Err(RawError::syntax(
                range,
                format!("duplicate argument '{mangled}' in function definition"),
            ));
        }
        scope.add_flags(&mangled, flags);
        if flags & DEF_PARAM != 0 {
            scope.params.push(mangled.clone());
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn exprs<'a>(&mut self, es: impl IntoIterator<Item = &'a Expr>) -> CResult<()> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn annotation(&mut self, e: &Expr) -> CResult<()> {
        if self.future_annotations {
            // Stringified: names in it do not bind or use anything, but
            // CPython's annotation block still refuses these.
            return match forbidden_in_annotation(e) {
                Some((what, range)) => Err(RawError::syntax(
                    range,
                    format!("'{what}' can not be used within an annotation"),
                )),
                None => Ok(()),
            };
        }
        self.expr(e)
    }

    fn parameters_defaults(&mut self, params: &Parameters) -> CResult<()> {
        for p in params.posonlyargs.iter().chain(params.args.iter()) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        for p in params.kwonlyargs.iter() {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn parameters_annotations(&mut self, params: &Parameters) -> CResult<()> {
        for p in params.iter() {
            if let Some(a) = p.annotation() {
                self.annotation(a)?;
            }
        }
        Ok(())
    }

    fn parameters_bind(&mut self, params: &Parameters, def_range: TextRange) -> CResult<()> {
        if params.iter().any(|p| p.name().as_str() == "__debug__") {
            return Err(RawError::syntax(def_range, "cannot assign to __debug__"));
        }
        for p in params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .chain(params.kwonlyargs.iter())
        {
            self.add_def(p.parameter.name.as_str(), DEF_PARAM, p.parameter.name.range)?;
        }
        // CPython orders *args before the keyword-only parameters in the
        // param list only for varnames; code objects list kw-only first.
        if let Some(v) = &params.vararg {
            self.add_def(v.name.as_str(), DEF_PARAM, v.name.range)?;
        }
        if let Some(k) = &params.kwarg {
            self.add_def(k.name.as_str(), DEF_PARAM, k.name.range)?;
        }
        Ok(())
    }

    /// Enters a PEP 695 annotation scope keyed by `key`.
    fn enter_annotation(&mut self, name: &str, key: usize, range: TextRange, of: &'static str) {
        let parent = &self.scopes[self.cur()];
        let sees_class = parent.kind == ScopeKind::Class || parent.can_see_class_scope;
        let id = self.enter(ScopeKind::Function, name, key, range);
        self.scopes[id].is_annotation = true;
        self.scopes[id].annotation_of = of;
        if sees_class {
            self.scopes[id].can_see_class_scope = true;
            self.scopes[id].add_flags(CLASSDICT, USE);
        }
    }

    /// A lazily evaluated expression of a type parameter or alias (its own
    /// annotation scope, like CPython 3.12).
    fn lazy_value(&mut self, name: &str, key: usize, e: &Expr, of: &'static str) -> CResult<()> {
        self.enter_annotation(name, key, e.range(), of);
        self.expr(e)?;
        self.leave();
        Ok(())
    }

    /// Binds the type parameters in the current (annotation) scope; their
    /// bounds, constraints and defaults get scopes of their own.
    fn type_params(&mut self, tp: &ast::TypeParams) -> CResult<()> {
        let mut seen = HashSet::new();
        for p in tp.type_params.iter() {
            let (name, range) = match p {
                ast::TypeParam::TypeVar(t) => (t.name.as_str(), t.name.range),
                ast::TypeParam::TypeVarTuple(t) => (t.name.as_str(), t.name.range),
                ast::TypeParam::ParamSpec(t) => (t.name.as_str(), t.name.range),
            };
            if !seen.insert(name.to_owned()) {
                return Err(RawError::syntax(
                    range,
                    format!("duplicate type parameter '{name}'"),
                ));
            }
            self.add_def(name, DEF_LOCAL, range)?;
            if let ast::TypeParam::TypeVar(t) = p {
                if let Some(b) = &t.bound {
                    self.lazy_value(name, node_key(t), b, TYPEVAR_BOUND)?;
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.guard(s.range(), |b| b.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) -> CResult<()> {
        match s {
            Stmt::FunctionDef(f) => {
                for d in f.decorator_list.iter() {
                    self.expr(&d.expression)?;
                }
                self.parameters_defaults(&f.parameters)?;
                self.add_def(f.name.as_str(), DEF_LOCAL, f.name.range)?;
                if let Some(tp) = f.type_params.as_deref() {
                    // `<generic parameters of f>(.defaults, .kwdefaults)`.
                    let name = format!("<generic parameters of {}>", f.name);
                    self.enter_annotation(&name, node_key(tp), f.range, GENERIC);
                    let p = &f.parameters;
                    if p.posonlyargs
                        .iter()
                        .chain(p.args.iter())
                        .any(|a| a.default.is_some())
                    {
                        self.add_def(".defaults", DEF_PARAM, f.range)?;
                    }
                    if p.kwonlyargs.iter().any(|a| a.default.is_some()) {
                        self.add_def(".kwdefaults", DEF_PARAM, f.range)?;
                    }
                    self.type_params(tp)?;
                }
                self.parameters_annotations(&f.parameters)?;
                if let Some(r) = &f.returns {
                    self.annotation(r)?;
                }
                self.enter(ScopeKind::Function, f.name.as_str(), node_key(f), f.range);
                self.cur_scope().is_coroutine = f.is_async;
                self.parameters_bind(&f.parameters, f.range)?;
                self.stmts(&f.body)?;
                self.leave();
                if f.type_params.is_some() {
                    self.leave();
                }
            }
            Stmt::ClassDef(c) => {
                for d in c.decorator_list.iter() {
                    self.expr(&d.expression)?;
                }
                self.add_def(c.name.as_str(), DEF_LOCAL, c.name.range)?;
                if let Some(tp) = c.type_params.as_deref() {
                    // `<generic parameters of C>()` builds the class.
                    let name = format!("<generic parameters of {}>", c.name);
                    self.enter_annotation(&name, node_key(tp), c.range, GENERIC);
                    self.type_params(tp)?;
                    self.add_def(".type_params", DEF_LOCAL, c.range)?;
                    self.add_def(".generic_base", DEF_LOCAL | USE, c.range)?;
                }
                if let Some(args) = &c.arguments {
                    self.exprs(args.args.iter())?;
                    for k in args.keywords.iter() {
                        self.expr(&k.value)?;
                    }
                }
                self.enter(ScopeKind::Class, c.name.as_str(), node_key(c), c.range);
                if c.type_params.is_some() {
                    self.add_def(".type_params", USE, c.range)?;
                }
                self.stmts(&c.body)?;
                self.leave();
                if c.type_params.is_some() {
                    self.leave();
                }
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
            }
            Stmt::Delete(d) => self.exprs(d.targets.iter())?,
            Stmt::TypeAlias(t) => {
                self.expr(&t.name)?;
                let name = match &*t.name {
                    Expr::Name(n) => n.id.to_string(),
                    _ => String::new(),
                };
                if let Some(tp) = t.type_params.as_deref() {
                    let gname = format!("<generic parameters of {name}>");
                    self.enter_annotation(&gname, node_key(tp), t.range, GENERIC);
                    self.type_params(tp)?;
                }
                self.lazy_value(&name, node_key(t), &t.value, TYPE_ALIAS)?;
                if t.type_params.is_some() {
                    self.leave();
                }
            }
            Stmt::Assign(a) => {
                self.exprs(a.targets.iter())?;
                self.expr(&a.value)?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target)?;
                self.expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let cur = self.scopes[self.cur()].flags(&mangle(
                        self.scopes[self.cur()].private.as_deref(),
                        n.id.as_str(),
                    ));
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur() != 0 && a.simple {
                        let which = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(RawError::syntax(
                            s.range(),
                            format!("annotated name '{}' can't be {which}", n.id),
                        ));
                    }
                    if a.simple {
                        self.add_def(n.id.as_str(), DEF_ANNOT | DEF_LOCAL, n.range)?;
                    } else if a.value.is_some() {
                        self.add_def(n.id.as_str(), DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.expr(&a.target)?;
                }
                self.annotation(&a.annotation)?;
                if let Some(v) = &a.value {
                    self.expr(v)?;
                }
            }
            Stmt::For(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.stmts(&f.body)?;
                self.stmts(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.stmts(&w.body)?;
                self.stmts(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                for clause in i.elif_else_clauses.iter() {
                    if let Some(t) = &clause.test {
                        self.expr(t)?;
                    }
                    self.stmts(&clause.body)?;
                }
            }
            Stmt::With(w) => {
                for item in w.items.iter() {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(&w.body)?;
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in m.cases.iter() {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&case.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body)?;
                for h in t.handlers.iter() {
                    let ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name.as_str(), DEF_LOCAL, name.range)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in i.names.iter() {
                    let stored = match &alias.asname {
                        Some(a) => a.as_str().to_owned(),
                        None => alias
                            .name
                            .as_str()
                            .split('.')
                            .next()
                            .unwrap_or("")
                            .to_owned(),
                    };
                    self.add_def(&stored, DEF_IMPORT, alias.range)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in i.names.iter() {
                    if alias.name.as_str() == "*" {
                        if self.scopes[self.cur()].kind != ScopeKind::Module {
                            return Err(RawError::syntax(
                                alias.range,
                                "import * only allowed at module level",
                            ));
                        }
                        continue;
                    }
                    let stored = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.add_def(stored.as_str(), DEF_IMPORT, alias.range)?;
                }
            }
            Stmt::Global(g) => {
                for name in g.names.iter() {
                    self.directive(name.as_str(), DEF_GLOBAL, s.range())?;
                }
            }
            Stmt::Nonlocal(n) => {
                for name in n.names.iter() {
                    self.directive(name.as_str(), DEF_NONLOCAL, s.range())?;
                }
            }
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::IpyEscapeCommand(_) => {}
        }
        Ok(())
    }

    fn directive(&mut self, name: &str, flag: u32, range: TextRange) -> CResult<()> {
        let id = self.cur();
        let mangled = mangle(self.scopes[id].private.as_deref(), name);
        let cur = self.scopes[id].flags(&mangled);
        let which = if flag == DEF_GLOBAL {
            "global"
        } else {
            "nonlocal"
        };
        if flag == DEF_NONLOCAL && self.scopes[id].kind == ScopeKind::Module {
            return Err(RawError::syntax(
                range,
                "nonlocal declaration not allowed at module level",
            ));
        }
        if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let msg = if cur & DEF_PARAM != 0 {
                format!("name '{mangled}' is parameter and {which}")
            } else if cur & USE != 0 {
                format!("name '{mangled}' is used prior to {which} declaration")
            } else if cur & DEF_ANNOT != 0 {
                format!("annotated name '{mangled}' can't be {which}")
            } else {
                format!("name '{mangled}' is assigned to before {which} declaration")
            };
            return Err(RawError::syntax(range, msg));
        }
        let other = if flag == DEF_GLOBAL {
            DEF_NONLOCAL
        } else {
            DEF_GLOBAL
        };
        if cur & other != 0 {
            // CPython reports it at the name's first directive.
            let first = self.scopes[id]
                .directives
                .get(&mangled)
                .copied()
                .unwrap_or(range);
            return Err(RawError::syntax(
                first,
                format!("name '{mangled}' is nonlocal and global"),
            ));
        }
        self.scopes[id].add_flags(&mangled, flag);
        if flag == DEF_GLOBAL && id != 0 {
            // As CPython's st_global: a name declared global anywhere is an
            // explicit global of the module scope too (STORE_GLOBAL there,
            // which matters for exec with separate globals and locals).
            self.scopes[0].add_flags(&mangled, DEF_GLOBAL);
        }
        self.scopes[id].directives.entry(mangled).or_insert(range);
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> CResult<()> {
        self.guard(p.range(), |b| b.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &Pattern) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => self.expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                for p in s.patterns.iter() {
                    self.pattern(p)?;
                }
            }
            Pattern::MatchMapping(m) => {
                self.exprs(m.keys.iter())?;
                for p in m.patterns.iter() {
                    self.pattern(p)?;
                }
                if let Some(rest) = &m.rest {
                    self.add_def(rest.as_str(), DEF_LOCAL, rest.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.expr(&c.cls)?;
                for p in c.arguments.patterns.iter() {
                    self.pattern(p)?;
                }
                for k in c.arguments.keywords.iter() {
                    self.pattern(&k.pattern)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n.as_str(), DEF_LOCAL, n.range)?;
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(n.as_str(), DEF_LOCAL, n.range)?;
                }
            }
            Pattern::MatchOr(o) => {
                for p in o.patterns.iter() {
                    self.pattern(p)?;
                }
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        self.guard(e.range(), |b| b.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::BoolOp(b) => self.exprs(b.values.iter())?,
            Expr::Named(n) => {
                self.check_annotation_scope("named expression", e.range())?;
                if self.scopes[self.cur()].comp_iter_expr > 0 {
                    return Err(RawError::syntax(
                        e.range(),
                        "assignment expression cannot be used in a comprehension iterable expression",
                    ));
                }
                self.expr(&n.value)?;
                self.named_target(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.parameters_defaults(p)?;
                }
                self.enter(ScopeKind::Lambda, "lambda", node_key(l), l.range);
                if let Some(p) = &l.parameters {
                    self.parameters_bind(p, l.range)?;
                }
                self.expr(&l.body)?;
                self.leave();
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in d.items.iter() {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => self.exprs(s.elts.iter())?,
            Expr::ListComp(c) => self.comprehension(
                node_key(c),
                c.range,
                CompKind::List,
                &c.generators,
                &c.elt,
                None,
            )?,
            Expr::SetComp(c) => self.comprehension(
                node_key(c),
                c.range,
                CompKind::Set,
                &c.generators,
                &c.elt,
                None,
            )?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(
                    node_key(c),
                    c.range,
                    CompKind::Dict,
                    &c.generators,
                    k,
                    Some(&c.value),
                )?,
                None => {
                    return Err(RawError::syntax(
                        c.range,
                        "dict unpacking cannot be used in dict comprehension",
                    ))
                }
            },
            Expr::Generator(c) => self.comprehension(
                node_key(c),
                c.range,
                CompKind::Generator,
                &c.generators,
                &c.elt,
                None,
            )?,
            Expr::Await(a) => {
                self.check_annotation_scope("await expression", e.range())?;
                self.expr(&a.value)?;
                let id = self.cur();
                if matches!(self.scopes[id].kind, ScopeKind::Comprehension(_)) {
                    self.scopes[id].is_coroutine = true;
                }
            }
            Expr::Yield(y) => {
                self.check_yield(e.range())?;
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                self.check_yield(e.range())?;
                self.expr(&y.value)?;
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(c.comparators.iter())?;
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                self.exprs(c.arguments.args.iter())?;
                for k in c.arguments.keywords.iter() {
                    self.expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for el in f.value.elements() {
                    self.interpolated(el)?;
                }
            }
            Expr::TString(t) => {
                for el in t.value.elements() {
                    self.interpolated(el)?;
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
            Expr::Attribute(a) => self.expr(&a.value)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => self.expr(&s.value)?,
            Expr::Name(n) => {
                let flag = if n.ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(n.id.as_str(), flag, n.range)?;
                let id = self.cur();
                if n.ctx == ExprContext::Load
                    && self.scopes[id].kind.is_function_like()
                    && n.id.as_str() == "super"
                {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.exprs(l.elts.iter())?,
            Expr::Tuple(t) => self.exprs(t.elts.iter())?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
        }
        Ok(())
    }

    fn interpolated(&mut self, el: &ast::InterpolatedStringElement) -> CResult<()> {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            self.expr(&i.expression)?;
            if let Some(spec) = &i.format_spec {
                for el in spec.elements.iter() {
                    self.interpolated(el)?;
                }
            }
        }
        Ok(())
    }

    /// CPython 3.12 forbids `what` (a yield, await or named expression)
    /// directly in an annotation scope.
    fn check_annotation_scope(&self, what: &str, range: TextRange) -> CResult<()> {
        match self.scopes[self.cur()].annotation_of {
            "" => Ok(()),
            of => Err(RawError::syntax(
                range,
                format!("{what} cannot be used within {of}"),
            )),
        }
    }

    fn check_yield(&mut self, range: TextRange) -> CResult<()> {
        self.check_annotation_scope("yield expression", range)?;
        let id = self.cur();
        match self.scopes[id].kind {
            ScopeKind::Module | ScopeKind::Class => {
                Err(RawError::syntax(range, "'yield' outside function"))
            }
            ScopeKind::Comprehension(kind) => {
                let what = match kind {
                    CompKind::List => "list comprehension",
                    CompKind::Set => "set comprehension",
                    CompKind::Dict => "dict comprehension",
                    CompKind::Generator => "generator expression",
                };
                Err(RawError::syntax(range, format!("'yield' inside {what}")))
            }
            ScopeKind::Function | ScopeKind::Lambda => {
                self.scopes[id].is_generator = true;
                Ok(())
            }
        }
    }

    fn named_target(&mut self, target: &Expr) -> CResult<()> {
        let Expr::Name(n) = target else {
            return self.expr(target);
        };
        let name = n.id.as_str();
        let cur = self.cur();
        if !matches!(self.scopes[cur].kind, ScopeKind::Comprehension(_)) {
            return self.add_def(name, DEF_LOCAL, n.range);
        }
        // Walk outwards through comprehensions.
        for &sid in self.stack.clone().iter().rev() {
            let scope = &self.scopes[sid];
            match scope.kind {
                ScopeKind::Comprehension(_) => {
                    if scope.comp_iter_names.contains(name) {
                        return Err(RawError::syntax(
                            n.range,
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda if !scope.annotation_of.is_empty() => {
                    // CPython 3.12 says "in" for bounds and aliases.
                    let of = match scope.annotation_of {
                        GENERIC => "within the definition of a generic",
                        TYPEVAR_BOUND => "in a TypeVar bound",
                        _ => "in a type alias",
                    };
                    return Err(RawError::syntax(
                        n.range,
                        format!("assignment expression within a comprehension cannot be used {of}"),
                    ));
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let in_scope = scope.flags(name);
                    if in_scope & DEF_GLOBAL != 0 {
                        self.add_def(name, DEF_GLOBAL, n.range)?;
                    } else {
                        self.add_def(name, DEF_NONLOCAL, n.range)?;
                    }
                    self.scopes[cur]
                        .directives
                        .entry(name.to_owned())
                        .or_insert(n.range);
                    return self.add_def_in(sid, name, DEF_LOCAL, n.range);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, n.range)?;
                    self.scopes[cur]
                        .directives
                        .entry(name.to_owned())
                        .or_insert(n.range);
                    return self.add_def_in(sid, name, DEF_GLOBAL, n.range);
                }
                ScopeKind::Class => {
                    return Err(RawError::syntax(
                        n.range,
                        "assignment expression within a comprehension cannot be used in a class body",
                    ));
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        key: usize,
        range: TextRange,
        kind: CompKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        // The outermost iterable is evaluated in the enclosing scope.
        let outer = self.cur();
        self.scopes[outer].comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.scopes[outer].comp_iter_expr -= 1;
        r?;
        let name = match kind {
            CompKind::List => "listcomp",
            CompKind::Set => "setcomp",
            CompKind::Dict => "dictcomp",
            CompKind::Generator => "genexpr",
        };
        let id = self.enter(ScopeKind::Comprehension(kind), name, key, range);
        if kind == CompKind::Generator {
            self.scopes[id].is_generator = true;
        }
        if generators.iter().any(|g| g.is_async) {
            self.scopes[id].is_coroutine = true;
        }
        self.scopes[id].add_flags(".0", DEF_PARAM);
        self.scopes[id].params.push(".0".into());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.scopes[id].comp_iter_expr += 1;
                let r = self.expr(&g.iter);
                self.scopes[id].comp_iter_expr -= 1;
                r?;
            }
            self.comp_target(&g.target)?;
            self.exprs(g.ifs.iter())?;
        }
        if let Some(v) = value {
            self.expr(elt)?;
            self.expr(v)?;
        } else {
            self.expr(elt)?;
        }
        self.leave();
        // An asynchronous list/set/dict comprehension is awaited where it
        // stands: inside another comprehension, that one becomes
        // asynchronous too (bpo-33346).
        let outer = self.cur();
        if kind != CompKind::Generator
            && self.scopes[id].is_coroutine
            && matches!(self.scopes[outer].kind, ScopeKind::Comprehension(_))
        {
            self.scopes[outer].is_coroutine = true;
        }
        Ok(())
    }

    fn comp_target(&mut self, target: &Expr) -> CResult<()> {
        match target {
            Expr::Name(n) => {
                let id = self.cur();
                self.scopes[id].comp_iter_names.insert(n.id.to_string());
                self.add_def(n.id.as_str(), DEF_LOCAL | DEF_COMP_ITER, n.range)
            }
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.comp_target(e)),
            Expr::List(l) => l.elts.iter().try_for_each(|e| self.comp_target(e)),
            Expr::Starred(s) => self.comp_target(&s.value),
            other => self.expr(other),
        }
    }
}

/// Resolves the scope of every name (CPython's `analyze_block`).
fn analyze(
    scopes: &mut Vec<Scope>,
    id: ScopeId,
    bound_in: Option<&HashSet<String>>,
    global: &mut HashSet<String>,
) -> CResult<HashSet<String>> {
    let kind = scopes[id].kind;
    // This block's own view of the enclosing bindings: a `global`
    // declaration here hides the enclosing binding from this block and
    // its children (CPython discards the name from its copy of `bound`).
    let mut bound_here: Option<HashSet<String>> = bound_in.cloned();
    let bound = &mut bound_here;
    let mut local: HashSet<String> = HashSet::new();
    let mut free: HashSet<String> = HashSet::new();
    let mut newglobal: HashSet<String> = HashSet::new();
    let mut newbound: HashSet<String> = HashSet::new();
    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound.as_ref() {
            newbound.extend(b.iter().cloned());
        }
    }
    let names: Vec<(String, u32)> = scopes[id]
        .symbols
        .iter()
        .map(|(n, s)| (n.clone(), s.flags))
        .collect();
    for (name, flags) in &names {
        let scope = if flags & DEF_GLOBAL != 0 {
            global.insert(name.clone());
            if let Some(b) = bound.as_mut() {
                b.remove(name);
            }
            SymbolScope::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            let range = scopes[id]
                .directives
                .get(name)
                .copied()
                .unwrap_or(scopes[id].range);
            match bound.as_ref() {
                None => {
                    return Err(RawError::syntax(
                        range,
                        "nonlocal declaration not allowed at module level",
                    ))
                }
                Some(b) if !b.contains(name) => {
                    return Err(RawError::syntax(
                        range,
                        format!("no binding for nonlocal '{name}' found"),
                    ));
                }
                Some(_) => {}
            }
            free.insert(name.clone());
            SymbolScope::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(name);
            SymbolScope::Local
        } else if bound.as_ref().is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            SymbolScope::Free
        } else {
            SymbolScope::GlobalImplicit
        };
        let i = scopes[id].index[name];
        scopes[id].symbols[i].1.scope = scope;
    }
    if kind != ScopeKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_ref() {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
        newbound.insert(CLASSDICT.into());
    }
    let mut newfree: HashSet<String> = HashSet::new();
    let children = scopes[id].children.clone();
    for child in children {
        let mut child_global = newglobal.clone();
        let child_free = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            analyze(scopes, child, Some(&newbound), &mut child_global)
        })?;
        newfree.extend(child_free);
    }
    if kind.is_function_like() {
        // Locals captured by children become cells.
        for name in newfree.clone() {
            if let Some(&i) = scopes[id].index.get(&name) {
                if scopes[id].symbols[i].1.scope == SymbolScope::Local {
                    scopes[id].symbols[i].1.scope = SymbolScope::Cell;
                    newfree.remove(&name);
                }
            }
        }
    } else if kind == ScopeKind::Class {
        if newfree.remove("__class__") {
            scopes[id].needs_class_closure = true;
        }
        if newfree.remove(CLASSDICT) {
            scopes[id].needs_classdict = true;
        }
    }
    // Record free variables coming from children.
    for name in &newfree {
        match scopes[id].index.get(name).copied() {
            Some(i) => {
                let flags = scopes[id].symbols[i].1.flags;
                if kind == ScopeKind::Class && flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    scopes[id].symbols[i].1.flags |= DEF_FREE_CLASS;
                }
            }
            None => {
                if bound.as_ref().is_some_and(|b| b.contains(name)) {
                    let s = &mut scopes[id];
                    s.index.insert(name.clone(), s.symbols.len());
                    s.symbols.push((
                        name.clone(),
                        Symbol {
                            flags: 0,
                            scope: SymbolScope::Free,
                        },
                    ));
                }
            }
        }
    }
    // Children's free names go up whole, a name this block declares
    // global included (an enclosing function still provides its cell).
    free.extend(
        newfree
            .into_iter()
            .filter(|n| bound_in.is_some_and(|b| b.contains(n))),
    );
    Ok(free)
}

/// The first yield, await or named expression of a stringified annotation
/// (CPython's annotation block refuses them), with what CPython calls it;
/// a lambda's body is a scope of its own and is not searched.
fn forbidden_in_annotation(e: &Expr) -> Option<(&'static str, TextRange)> {
    use ruff_python_ast::visitor::{walk_expr, Visitor};
    struct Find(Option<(&'static str, TextRange)>);
    impl<'a> Visitor<'a> for Find {
        fn visit_expr(&mut self, e: &'a Expr) {
            if self.0.is_some() {
                return;
            }
            self.0 = match e {
                Expr::Yield(_) | Expr::YieldFrom(_) => Some(("yield expression", e.range())),
                Expr::Await(_) => Some(("await expression", e.range())),
                Expr::Named(_) => Some(("named expression", e.range())),
                Expr::Lambda(_) => return,
                _ => None,
            };
            if self.0.is_none() {
                walk_expr(self, e);
            }
        }
    }
    let mut f = Find(None);
    f.visit_expr(e);
    f.0
}
