//! The converter from the ruff parser's AST to CPython 3.11's `ast` node
//! objects (CPython's `ast2obj_*`): node classes from [`State`], positions
//! in CPython's units (1-based lines, UTF-8 byte columns), and the places
//! where the two trees differ (`elif` chains, f-strings, literals, decorated
//! definitions, a generator expression as a call's only argument).
//!
//! Runs in the interpreter's deferred collection mode and calls no Python
//! code (instances are allocated directly and attributes stored in plain
//! instances), so the values it holds stay valid until it returns.

use engine::compiler::fold::{number_constant, FoldCtx};
use engine::compiler::{SourceMap, MAX_NESTING};
use engine::runtime::*;
use proto_core::Value;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, ConversionFlag, Expr, ExprContext, InterpolatedStringElement,
    Operator, Pattern, Stmt, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::State;

/// The converter's state for one tree.
pub(super) struct Conv<'a> {
    pub vm: &'a mut Vm,
    pub st: &'a State,
    pub map: &'a SourceMap,
    pub source: &'a str,
    pub tokens: &'a [Token],
    pub filename: &'a str,
    pub depth: usize,
}

type R = PyResult<Value>;

impl Conv<'_> {
    // ------------------------------------------------------------ helpers

    /// A node of class `name` with `fields` (in `_fields` order) and, for
    /// classes with location attributes, the location of `range`.
    fn node(&mut self, name: &str, fields: &[Value], range: Option<TextRange>) -> R {
        let i = self.st.index(name);
        let cls = self.st.classes[i];
        let obj = self.vm.alloc_instance(cls, &[])?;
        let names = &self.st.field_names[i];
        for (k, v) in names.iter().zip(fields) {
            self.vm.setattr(obj, *k, *v)?;
        }
        if let Some(r) = range {
            let (l, c) = self.map.line_col(r.start());
            let (el, ec) = self.map.line_col(r.end());
            let vals = [l as i64, c as i64, el as i64, ec as i64];
            for (k, v) in self.st.attr_names.iter().zip(vals) {
                let v = self.vm.new_int(v);
                self.vm.setattr(obj, *k, v)?;
            }
        }
        Ok(obj)
    }

    /// The shared instance of a field-less class (`Load()`, `Add()`...).
    fn single(&self, name: &str) -> Value {
        self.st.singletons[self.st.index(name)]
    }

    fn list(&mut self, items: Vec<Value>) -> Value {
        self.vm.new_list(&items)
    }

    fn ident(&mut self, s: &str) -> Value {
        self.vm.new_str(s)
    }

    fn opt_ident(&mut self, s: Option<&ast::Identifier>) -> Value {
        match s {
            Some(i) => self.vm.new_str(i.id.as_str()),
            None => Value::NONE,
        }
    }

    fn int(&mut self, i: i64) -> Value {
        self.vm.new_int(i)
    }

    /// Enters one nesting level (CPython's `ast2obj` recursion guard).
    fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            let cls = self.vm.g.e.RecursionError;
            return Err(self.vm.new_exc(
                cls,
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        Ok(())
    }

    /// The first token of `kinds` at or after `offset`.
    fn token_after(&self, offset: TextSize, kinds: &[TokenKind]) -> Option<TextRange> {
        let i = self.tokens.partition_point(|t| t.end() <= offset);
        self.tokens
            .get(i..)?
            .iter()
            .find(|t| kinds.contains(&t.kind()))
            .map(|t| t.range())
    }

    // ------------------------------------------------------------ modules

    pub fn module(&mut self, body: &[Stmt], interactive: bool) -> R {
        let b = self.stmts(body)?;
        if interactive {
            return self.node("Interactive", &[b], None);
        }
        let ti = self.list(Vec::new());
        self.node("Module", &[b, ti], None)
    }

    pub fn expression(&mut self, e: &Expr) -> R {
        let b = self.expr(e)?;
        self.node("Expression", &[b], None)
    }

    // ------------------------------------------------------------ statements

    pub fn stmts(&mut self, body: &[Stmt]) -> R {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            out.push(self.stmt(s)?);
        }
        Ok(self.list(out))
    }

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> R {
        let mut out = Vec::new();
        for e in es {
            out.push(self.expr(e)?);
        }
        Ok(self.list(out))
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> R {
        match e {
            Some(e) => self.expr(e),
            None => Ok(Value::NONE),
        }
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s));
        self.depth -= 1;
        r
    }

    /// The range CPython gives a decorated definition: from its `def`,
    /// `async` or `class` keyword.
    fn def_range(
        &self,
        range: TextRange,
        decorators: &[ast::Decorator],
        kw: TokenKind,
    ) -> TextRange {
        match decorators.last() {
            Some(d) => match self.token_after(d.end(), &[TokenKind::Async, kw]) {
                Some(t) if t.start() <= range.end() => TextRange::new(t.start(), range.end()),
                _ => range,
            },
            None => range,
        }
    }

    fn decorators(&mut self, ds: &[ast::Decorator]) -> R {
        self.exprs(ds.iter().map(|d| &d.expression))
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R {
        let range = Some(s.range());
        match s {
            Stmt::FunctionDef(f) => {
                if let Some(tp) = &f.type_params {
                    return Err(self.syntax_error_at("expected '('", tp.range));
                }
                let name = self.ident(f.name.id.as_str());
                let args = self.parameters(Some(&f.parameters))?;
                let body = self.stmts(&f.body)?;
                let decos = self.decorators(&f.decorator_list)?;
                let returns = self.opt_expr(f.returns.as_deref())?;
                let r = self.def_range(f.range, &f.decorator_list, TokenKind::Def);
                let cls = if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                self.node(
                    cls,
                    &[name, args, body, decos, returns, Value::NONE],
                    Some(r),
                )
            }
            Stmt::ClassDef(c) => {
                if let Some(tp) = &c.type_params {
                    return Err(self.invalid_syntax(tp.range));
                }
                let name = self.ident(c.name.id.as_str());
                let (bases, keywords) = match &c.arguments {
                    Some(a) => (self.exprs(a.args.iter())?, self.keywords(&a.keywords)?),
                    None => (self.list(Vec::new()), self.list(Vec::new())),
                };
                let body = self.stmts(&c.body)?;
                let decos = self.decorators(&c.decorator_list)?;
                let r = self.def_range(c.range, &c.decorator_list, TokenKind::Class);
                self.node("ClassDef", &[name, bases, keywords, body, decos], Some(r))
            }
            Stmt::Return(r) => {
                let v = self.opt_expr(r.value.as_deref())?;
                self.node("Return", &[v], range)
            }
            Stmt::Delete(d) => {
                let t = self.exprs(d.targets.iter())?;
                self.node("Delete", &[t], range)
            }
            Stmt::TypeAlias(t) => Err(self.invalid_syntax(t.name.range())),
            Stmt::Assign(a) => {
                let t = self.exprs(a.targets.iter())?;
                let v = self.expr(&a.value)?;
                self.node("Assign", &[t, v, Value::NONE], range)
            }
            Stmt::AugAssign(a) => {
                let t = self.expr(&a.target)?;
                let op = self.single(operator_name(a.op));
                let v = self.expr(&a.value)?;
                self.node("AugAssign", &[t, op, v], range)
            }
            Stmt::AnnAssign(a) => {
                let t = self.expr(&a.target)?;
                let ann = self.expr(&a.annotation)?;
                let v = self.opt_expr(a.value.as_deref())?;
                let simple = self.int(a.simple as i64);
                self.node("AnnAssign", &[t, ann, v, simple], range)
            }
            Stmt::For(f) => {
                let t = self.expr(&f.target)?;
                let it = self.expr(&f.iter)?;
                let body = self.stmts(&f.body)?;
                let orelse = self.stmts(&f.orelse)?;
                let cls = if f.is_async { "AsyncFor" } else { "For" };
                self.node(cls, &[t, it, body, orelse, Value::NONE], range)
            }
            Stmt::While(w) => {
                let t = self.expr(&w.test)?;
                let body = self.stmts(&w.body)?;
                let orelse = self.stmts(&w.orelse)?;
                self.node("While", &[t, body, orelse], range)
            }
            Stmt::If(i) => {
                let t = self.expr(&i.test)?;
                let body = self.stmts(&i.body)?;
                let orelse = self.elif_chain(&i.elif_else_clauses)?;
                self.node("If", &[t, body, orelse], range)
            }
            Stmt::With(w) => {
                let mut items = Vec::with_capacity(w.items.len());
                for it in &w.items {
                    let c = self.expr(&it.context_expr)?;
                    let v = self.opt_expr(it.optional_vars.as_deref())?;
                    items.push(self.node("withitem", &[c, v], None)?);
                }
                let items = self.list(items);
                let body = self.stmts(&w.body)?;
                let cls = if w.is_async { "AsyncWith" } else { "With" };
                self.node(cls, &[items, body, Value::NONE], range)
            }
            Stmt::Match(m) => {
                let subject = self.expr(&m.subject)?;
                let mut cases = Vec::with_capacity(m.cases.len());
                for c in &m.cases {
                    let p = self.pattern(&c.pattern)?;
                    let g = self.opt_expr(c.guard.as_deref())?;
                    let body = self.stmts(&c.body)?;
                    cases.push(self.node("match_case", &[p, g, body], None)?);
                }
                let cases = self.list(cases);
                self.node("Match", &[subject, cases], range)
            }
            Stmt::Raise(r) => {
                let e = self.opt_expr(r.exc.as_deref())?;
                let c = self.opt_expr(r.cause.as_deref())?;
                self.node("Raise", &[e, c], range)
            }
            Stmt::Try(t) => {
                let body = self.stmts(&t.body)?;
                let mut hs = Vec::with_capacity(t.handlers.len());
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let ty = self.opt_expr(h.type_.as_deref())?;
                    let name = self.opt_ident(h.name.as_ref());
                    let hb = self.stmts(&h.body)?;
                    hs.push(self.node("ExceptHandler", &[ty, name, hb], Some(h.range))?);
                }
                let hs = self.list(hs);
                let orelse = self.stmts(&t.orelse)?;
                let fin = self.stmts(&t.finalbody)?;
                let cls = if t.is_star { "TryStar" } else { "Try" };
                self.node(cls, &[body, hs, orelse, fin], range)
            }
            Stmt::Assert(a) => {
                let t = self.expr(&a.test)?;
                let m = self.opt_expr(a.msg.as_deref())?;
                self.node("Assert", &[t, m], range)
            }
            Stmt::Import(i) => {
                let names = self.aliases(&i.names)?;
                self.node("Import", &[names], range)
            }
            Stmt::ImportFrom(i) => {
                let module = self.opt_ident(i.module.as_ref());
                let names = self.aliases(&i.names)?;
                let level = self.int(i.level as i64);
                self.node("ImportFrom", &[module, names, level], range)
            }
            Stmt::Global(g) => {
                let names: Vec<Value> = g.names.iter().map(|n| self.ident(n.id.as_str())).collect();
                let names = self.list(names);
                self.node("Global", &[names], range)
            }
            Stmt::Nonlocal(g) => {
                let names: Vec<Value> = g.names.iter().map(|n| self.ident(n.id.as_str())).collect();
                let names = self.list(names);
                self.node("Nonlocal", &[names], range)
            }
            Stmt::Expr(e) => {
                let v = self.expr(&e.value)?;
                self.node("Expr", &[v], range)
            }
            Stmt::Pass(_) => self.node("Pass", &[], range),
            Stmt::Break(_) => self.node("Break", &[], range),
            Stmt::Continue(_) => self.node("Continue", &[], range),
            Stmt::IpyEscapeCommand(e) => Err(self.invalid_syntax(e.range)),
        }
    }

    /// `elif`/`else` clauses as CPython nests them: each `elif` is an `If`
    /// in its predecessor's `orelse`, located from its keyword to the end
    /// of the chain.
    fn elif_chain(&mut self, clauses: &[ast::ElifElseClause]) -> R {
        let Some((first, rest)) = clauses.split_first() else {
            return Ok(self.list(Vec::new()));
        };
        match &first.test {
            None => self.stmts(&first.body),
            Some(test) => {
                let t = self.expr(test)?;
                let body = self.stmts(&first.body)?;
                let orelse = self.elif_chain(rest)?;
                let end = clauses.last().map_or(first.end(), |c| c.end());
                let r = TextRange::new(first.start(), end);
                let node = self.node("If", &[t, body, orelse], Some(r))?;
                Ok(self.list(vec![node]))
            }
        }
    }

    fn aliases(&mut self, names: &[ast::Alias]) -> R {
        let mut out = Vec::with_capacity(names.len());
        for a in names {
            let n = self.ident(a.name.id.as_str());
            let asname = self.opt_ident(a.asname.as_ref());
            out.push(self.node("alias", &[n, asname], Some(a.range))?);
        }
        Ok(self.list(out))
    }

    fn keywords(&mut self, kws: &[ast::Keyword]) -> R {
        let mut out = Vec::with_capacity(kws.len());
        for k in kws {
            let arg = self.opt_ident(k.arg.as_ref());
            let v = self.expr(&k.value)?;
            out.push(self.node("keyword", &[arg, v], Some(k.range))?);
        }
        Ok(self.list(out))
    }

    fn arg(&mut self, p: &ast::Parameter) -> R {
        let name = self.ident(p.name.id.as_str());
        let ann = self.opt_expr(p.annotation.as_deref())?;
        // From the name: CPython's range of `*args`/`**kw` leaves out the stars.
        let r = TextRange::new(p.name.range.start(), p.range.end());
        self.node("arg", &[name, ann, Value::NONE], Some(r))
    }

    fn parameters(&mut self, p: Option<&ast::Parameters>) -> R {
        let empty = ast::Parameters::default();
        let p = p.unwrap_or(&empty);
        let mut posonly = Vec::new();
        let mut args = Vec::new();
        let mut defaults = Vec::new();
        for (list, out) in [(&p.posonlyargs, &mut posonly), (&p.args, &mut args)] {
            for a in list.iter() {
                out.push(self.arg(&a.parameter)?);
                if let Some(d) = &a.default {
                    defaults.push(self.expr(d)?);
                }
            }
        }
        let vararg = match &p.vararg {
            Some(v) => self.arg(v)?,
            None => Value::NONE,
        };
        let mut kwonly = Vec::new();
        let mut kw_defaults = Vec::new();
        for a in p.kwonlyargs.iter() {
            kwonly.push(self.arg(&a.parameter)?);
            kw_defaults.push(self.opt_expr(a.default.as_deref())?);
        }
        let kwarg = match &p.kwarg {
            Some(v) => self.arg(v)?,
            None => Value::NONE,
        };
        let posonly = self.list(posonly);
        let args = self.list(args);
        let kwonly = self.list(kwonly);
        let kw_defaults = self.list(kw_defaults);
        let defaults = self.list(defaults);
        self.node(
            "arguments",
            &[posonly, args, vararg, kwonly, kw_defaults, kwarg, defaults],
            None,
        )
    }

    /// CPython 3.11's "invalid syntax" for newer syntax ruff accepts (type
    /// parameters, `type` statements).
    fn invalid_syntax(&mut self, range: TextRange) -> PyException {
        self.syntax_error_at("invalid syntax", range)
    }

    /// A SyntaxError `msg` at the first character of `range`.
    fn syntax_error_at(&mut self, msg: &str, range: TextRange) -> PyException {
        let (l, c) = self.map.line_col(range.start());
        // The error covers the token there (CPython's parser marks it).
        let i = self.tokens.partition_point(|t| t.end() <= range.start());
        let width = match self.tokens.get(i) {
            Some(t) if t.start() == range.start() => self
                .source
                .get(t.range().to_std_range())
                .map_or(1, |s| s.chars().count().max(1)),
            _ => 1,
        };
        let text = self.map.line_text(l).unwrap_or("");
        let col = text
            .get(..(c as usize).min(text.len()))
            .map_or(c as usize, |t| t.chars().count());
        let e = engine::compiler::CompileError {
            kind: engine::compiler::ErrorKind::SyntaxError,
            msg: msg.into(),
            filename: self.filename.to_owned(),
            lineno: l,
            col_offset: col as i32 + 1,
            end_lineno: l,
            end_col_offset: (col + width) as i32 + 1,
            text: Some(text.to_owned()),
        };
        self.vm.syntax_error(&e)
    }

    // ------------------------------------------------------------ expressions

    pub fn expr(&mut self, e: &Expr) -> R {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e));
        self.depth -= 1;
        r
    }

    fn ctx(&self, c: ExprContext) -> Value {
        self.single(match c {
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
            ExprContext::Load | ExprContext::Invalid => "Load",
        })
    }

    fn comprehensions(&mut self, gens: &[ast::Comprehension]) -> R {
        let mut out = Vec::with_capacity(gens.len());
        for g in gens {
            let t = self.expr(&g.target)?;
            let it = self.expr(&g.iter)?;
            let ifs = self.exprs(g.ifs.iter())?;
            let a = self.int(g.is_async as i64);
            out.push(self.node("comprehension", &[t, it, ifs, a], None)?);
        }
        Ok(self.list(out))
    }

    fn str_value(&mut self, s: &engine::bytecode::PyStr) -> Value {
        self.vm.new_str_bytes(s.as_bytes())
    }

    fn fold(&self) -> FoldCtx<'_> {
        FoldCtx {
            source: self.source,
            optimize: 0,
        }
    }

    fn constant(&mut self, c: &engine::bytecode::Constant) -> Value {
        use engine::bytecode::Constant as C;
        match c {
            C::Int(i) => self.vm.new_int(*i),
            C::BigInt(b) => self.vm.new_bigint((**b).clone()),
            C::Float(f) => self.vm.new_float(*f),
            C::Complex(r, i) => self.vm.new_complex(*r, *i),
            C::Str(s) => self.str_value(s),
            C::Bytes(b) => self.vm.new_bytes(b),
            C::Bool(b) => Value::bool(*b),
            C::Ellipsis => Value::ELLIPSIS,
            _ => Value::NONE,
        }
    }

    fn expr_inner(&mut self, e: &Expr) -> R {
        let range = Some(e.range());
        match e {
            Expr::BoolOp(b) => {
                let op = self.single(match b.op {
                    BoolOp::And => "And",
                    BoolOp::Or => "Or",
                });
                let vals = self.exprs(b.values.iter())?;
                self.node("BoolOp", &[op, vals], range)
            }
            Expr::Named(n) => {
                let t = self.expr(&n.target)?;
                let v = self.expr(&n.value)?;
                self.node("NamedExpr", &[t, v], range)
            }
            Expr::BinOp(b) => {
                let l = self.expr(&b.left)?;
                let op = self.single(operator_name(b.op));
                let r = self.expr(&b.right)?;
                self.node("BinOp", &[l, op, r], range)
            }
            Expr::UnaryOp(u) => {
                let op = self.single(match u.op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                });
                let v = self.expr(&u.operand)?;
                self.node("UnaryOp", &[op, v], range)
            }
            Expr::Lambda(l) => {
                let args = self.parameters(l.parameters.as_deref())?;
                let body = self.expr(&l.body)?;
                self.node("Lambda", &[args, body], range)
            }
            Expr::If(i) => {
                let t = self.expr(&i.test)?;
                let b = self.expr(&i.body)?;
                let o = self.expr(&i.orelse)?;
                self.node("IfExp", &[t, b, o], range)
            }
            Expr::Dict(d) => {
                let mut keys = Vec::with_capacity(d.items.len());
                let mut vals = Vec::with_capacity(d.items.len());
                for it in d.items.iter() {
                    keys.push(self.opt_expr(it.key.as_ref())?);
                    vals.push(self.expr(&it.value)?);
                }
                let keys = self.list(keys);
                let vals = self.list(vals);
                self.node("Dict", &[keys, vals], range)
            }
            Expr::Set(s) => {
                let elts = self.exprs(s.elts.iter())?;
                self.node("Set", &[elts], range)
            }
            Expr::ListComp(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("ListComp", &[elt, g], range)
            }
            Expr::SetComp(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("SetComp", &[elt, g], range)
            }
            Expr::DictComp(c) => {
                let Some(key) = c.key.as_deref() else {
                    return Err(self.invalid_syntax(c.range));
                };
                let k = self.expr(key)?;
                let v = self.expr(&c.value)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("DictComp", &[k, v, g], range)
            }
            Expr::Generator(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("GeneratorExp", &[elt, g], range)
            }
            Expr::Await(a) => {
                let v = self.expr(&a.value)?;
                self.node("Await", &[v], range)
            }
            Expr::Yield(y) => {
                let v = self.opt_expr(y.value.as_deref())?;
                self.node("Yield", &[v], range)
            }
            Expr::YieldFrom(y) => {
                let v = self.expr(&y.value)?;
                self.node("YieldFrom", &[v], range)
            }
            Expr::Compare(c) => {
                let l = self.expr(&c.left)?;
                let ops: Vec<Value> = c.ops.iter().map(|&o| self.single(cmpop_name(o))).collect();
                let ops = self.list(ops);
                let comps = self.exprs(c.comparators.iter())?;
                self.node("Compare", &[l, ops, comps], range)
            }
            Expr::Call(c) => {
                let f = self.expr(&c.func)?;
                let args = match &c.arguments.args[..] {
                    // CPython locates a generator expression that is a
                    // call's only argument at the call's parentheses.
                    [Expr::Generator(g)] if !g.parenthesized && c.arguments.keywords.is_empty() => {
                        let elt = self.expr(&g.elt)?;
                        let gens = self.comprehensions(&g.generators)?;
                        let n = self.node("GeneratorExp", &[elt, gens], Some(c.arguments.range))?;
                        self.list(vec![n])
                    }
                    args => self.exprs(args.iter())?,
                };
                let kws = self.keywords(&c.arguments.keywords)?;
                self.node("Call", &[f, args, kws], range)
            }
            Expr::FString(f) => self.fstring(f),
            Expr::TString(t) => Err(self.invalid_syntax(t.range)),
            Expr::StringLiteral(s) => {
                let v = self.fold().string_value(&s.value);
                let v = self.str_value(&v);
                let kind = match s.value.iter().next().map(|p| p.flags.prefix()) {
                    Some(ast::str_prefix::StringLiteralPrefix::Unicode) => self.ident("u"),
                    _ => Value::NONE,
                };
                self.node("Constant", &[v, kind], range)
            }
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                let v = self.vm.new_bytes(&bytes);
                self.node("Constant", &[v, Value::NONE], range)
            }
            Expr::NumberLiteral(n) => {
                let c = number_constant(&n.value);
                let v = self.constant(&c);
                self.node("Constant", &[v, Value::NONE], range)
            }
            Expr::BooleanLiteral(b) => {
                self.node("Constant", &[Value::bool(b.value), Value::NONE], range)
            }
            Expr::NoneLiteral(_) => self.node("Constant", &[Value::NONE, Value::NONE], range),
            Expr::EllipsisLiteral(_) => {
                self.node("Constant", &[Value::ELLIPSIS, Value::NONE], range)
            }
            Expr::Attribute(a) => {
                let v = self.expr(&a.value)?;
                let attr = self.ident(a.attr.id.as_str());
                let ctx = self.ctx(a.ctx);
                self.node("Attribute", &[v, attr, ctx], range)
            }
            Expr::Subscript(s) => {
                let v = self.expr(&s.value)?;
                let sl = self.expr(&s.slice)?;
                let ctx = self.ctx(s.ctx);
                self.node("Subscript", &[v, sl, ctx], range)
            }
            Expr::Starred(s) => {
                let v = self.expr(&s.value)?;
                let ctx = self.ctx(s.ctx);
                self.node("Starred", &[v, ctx], range)
            }
            Expr::Name(n) => {
                let id = self.ident(n.id.as_str());
                let ctx = self.ctx(n.ctx);
                self.node("Name", &[id, ctx], range)
            }
            Expr::List(l) => {
                let elts = self.exprs(l.elts.iter())?;
                let ctx = self.ctx(l.ctx);
                self.node("List", &[elts, ctx], range)
            }
            Expr::Tuple(t) => {
                let elts = self.exprs(t.elts.iter())?;
                let ctx = self.ctx(t.ctx);
                self.node("Tuple", &[elts, ctx], range)
            }
            Expr::Slice(s) => {
                let l = self.opt_expr(s.lower.as_deref())?;
                let u = self.opt_expr(s.upper.as_deref())?;
                let st = self.opt_expr(s.step.as_deref())?;
                self.node("Slice", &[l, u, st], range)
            }
            Expr::IpyEscapeCommand(i) => Err(self.invalid_syntax(i.range)),
        }
    }

    // ------------------------------------------------------------ f-strings

    /// A (possibly implicitly concatenated) f-string: CPython 3.11's
    /// `JoinedStr`, whose literal pieces are merged and, like its
    /// `FormattedValue`s, located at the whole string.
    fn fstring(&mut self, f: &ast::ExprFString) -> R {
        let whole = f.range;
        let kind = match f.value.iter().next() {
            Some(ast::FStringPart::Literal(l)) => {
                matches!(
                    l.flags.prefix(),
                    ast::str_prefix::StringLiteralPrefix::Unicode
                )
            }
            _ => false,
        };
        let mut values = Vec::new();
        let mut pending: Option<Vec<u32>> = None;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => {
                    let s = self
                        .fold()
                        .string_value(&ast::StringLiteralValue::single(lit.clone()));
                    pending.get_or_insert_with(Vec::new).extend(s.code_points());
                }
                ast::FStringPart::FString(fs) => {
                    let raw = fs.flags.prefix().is_raw();
                    self.fstring_elements(
                        &fs.elements,
                        raw,
                        whole,
                        fs.range,
                        kind,
                        &mut values,
                        &mut pending,
                    )?;
                }
            }
        }
        self.flush(&mut values, &mut pending, whole, kind)?;
        let values = self.list(values);
        self.node("JoinedStr", &[values], Some(whole))
    }

    fn flush(
        &mut self,
        values: &mut Vec<Value>,
        pending: &mut Option<Vec<u32>>,
        whole: TextRange,
        kind: bool,
    ) -> PyResult<()> {
        if let Some(cps) = pending.take() {
            if !cps.is_empty() {
                let s = engine::bytecode::PyStr::from_code_points(cps)
                    .unwrap_or_else(|| engine::bytecode::PyStr::new(""));
                let v = self.str_value(&s);
                let k = if kind { self.ident("u") } else { Value::NONE };
                values.push(self.node("Constant", &[v, k], Some(whole))?);
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
        raw: bool,
        whole: TextRange,
        token: TextRange,
        kind: bool,
        values: &mut Vec<Value>,
        pending: &mut Option<Vec<u32>>,
    ) -> PyResult<()> {
        for el in elements.iter() {
            match el {
                InterpolatedStringElement::Literal(lit) => {
                    let s = self.fold().fstring_literal(lit, raw);
                    pending.get_or_insert_with(Vec::new).extend(s.code_points());
                }
                InterpolatedStringElement::Interpolation(i) => {
                    self.enter()?;
                    if let Some(debug) = &i.debug_text {
                        pending
                            .get_or_insert_with(Vec::new)
                            .extend(debug.as_str().chars().map(u32::from));
                    }
                    self.flush(values, pending, whole, kind)?;
                    let conv = match i.conversion {
                        ConversionFlag::None => {
                            if i.debug_text.is_some() && i.format_spec.is_none() {
                                b'r' as i64
                            } else {
                                -1
                            }
                        }
                        ConversionFlag::Str => b's' as i64,
                        ConversionFlag::Repr => b'r' as i64,
                        ConversionFlag::Ascii => b'a' as i64,
                    };
                    let v = self.expr(&i.expression)?;
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut sv = Vec::new();
                            let mut sp = None;
                            self.fstring_elements(
                                &spec.elements,
                                raw,
                                whole,
                                token,
                                false,
                                &mut sv,
                                &mut sp,
                            )?;
                            self.flush(&mut sv, &mut sp, whole, false)?;
                            let sv = self.list(sv);
                            self.node("JoinedStr", &[sv], Some(token))?
                        }
                        None => Value::NONE,
                    };
                    let conv = self.int(conv);
                    values.push(self.node("FormattedValue", &[v, conv, spec], Some(whole))?);
                    self.depth -= 1;
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ patterns

    fn patterns<'p>(&mut self, ps: impl IntoIterator<Item = &'p Pattern>) -> R {
        let mut out = Vec::new();
        for p in ps {
            out.push(self.pattern(p)?);
        }
        Ok(self.list(out))
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(p));
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: &Pattern) -> R {
        let range = Some(p.range());
        match p {
            Pattern::MatchValue(v) => {
                let e = self.expr(&v.value)?;
                self.node("MatchValue", &[e], range)
            }
            Pattern::MatchSingleton(s) => {
                let v = match s.value {
                    ast::Singleton::None => Value::NONE,
                    ast::Singleton::True => Value::bool(true),
                    ast::Singleton::False => Value::bool(false),
                };
                self.node("MatchSingleton", &[v], range)
            }
            Pattern::MatchSequence(s) => {
                let ps = self.patterns(s.patterns.iter())?;
                self.node("MatchSequence", &[ps], range)
            }
            Pattern::MatchMapping(m) => {
                let keys = self.exprs(m.keys.iter())?;
                let ps = self.patterns(m.patterns.iter())?;
                let rest = self.opt_ident(m.rest.as_ref());
                self.node("MatchMapping", &[keys, ps, rest], range)
            }
            Pattern::MatchClass(c) => {
                let cls = self.expr(&c.cls)?;
                let ps = self.patterns(c.arguments.patterns.iter())?;
                let attrs: Vec<Value> = c
                    .arguments
                    .keywords
                    .iter()
                    .map(|k| self.ident(k.attr.id.as_str()))
                    .collect();
                let attrs = self.list(attrs);
                let kps = self.patterns(c.arguments.keywords.iter().map(|k| &k.pattern))?;
                self.node("MatchClass", &[cls, ps, attrs, kps], range)
            }
            Pattern::MatchStar(s) => {
                let n = self.opt_ident(s.name.as_ref());
                self.node("MatchStar", &[n], range)
            }
            Pattern::MatchAs(a) => {
                let p = match &a.pattern {
                    Some(p) => self.pattern(p)?,
                    None => Value::NONE,
                };
                let n = self.opt_ident(a.name.as_ref());
                self.node("MatchAs", &[p, n], range)
            }
            Pattern::MatchOr(o) => {
                let ps = self.patterns(o.patterns.iter())?;
                self.node("MatchOr", &[ps], range)
            }
        }
    }
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}
