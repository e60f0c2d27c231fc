//! The converter from (validated) AST objects back to the ruff parser's
//! tree, so that `compile(tree, ...)` goes through the same code generator
//! as source text (CPython's `obj2ast` + `_PyAST_Compile`).
//!
//! Locations: the code generator maps byte offsets to lines and columns
//! through a source text.  A tree has no text, so it gets a synthetic one:
//! `lines` lines of `width` spaces, where the node at `(lineno,
//! col_offset)` sits at offset `(lineno - 1) * (width + 1) + col_offset`;
//! the code's line table then carries the tree's own line numbers.
//!
//! A few trees the synthetic text cannot carry are reported as
//! [`Back::Unsupported`] and compiled by the caller from `ast.unparse`'s
//! text instead: f-string pieces holding U+FFFD or lone surrogates and
//! non-literal constant kinds (frozenset, complex with a real part). A str
//! constant holding them, whose value the code generator re-reads from the
//! source, has its literal (its repr) appended after the synthetic lines
//! ([`ToRuff::extra`]), where the literal's range points; the expression
//! keeps the tree's location.
//!
//! Under `from __future__ import annotations` an annotation becomes its
//! text, which a tree does not have: each annotation's `ast.unparse` text
//! goes to the code generator beside the tree ([`ToRuff::annotation_texts`]).

use engine::runtime::*;
use proto_core::{Obj, Value};
use ruff_python_ast::{
    self as ast, AtomicNodeIndex, BoolOp, CmpOp, ConversionFlag, Expr, ExprContext, Identifier,
    Number, Operator, Pattern, Stmt, UnaryOp,
};
use ruff_text_size::{TextRange, TextSize};

/// Why a conversion stopped.
pub(super) enum Back {
    /// A Python exception (from reading an attribute).
    Py(PyException),
    /// A tree the synthetic text cannot carry (see the module doc).
    Unsupported,
}

impl From<PyException> for Back {
    fn from(e: PyException) -> Back {
        Back::Py(e)
    }
}

type BR<T> = Result<T, Back>;

fn ni() -> AtomicNodeIndex {
    AtomicNodeIndex::default()
}

/// The back converter's state.
pub(super) struct ToRuff<'a> {
    pub vm: &'a mut Vm,
    /// Width of each synthetic line (its last column + 1).
    pub width: u32,
    /// Number of synthetic lines.
    pub lines: u32,
    /// The range of the statement being converted: nodes without a
    /// location of their own take it.
    cur: TextRange,
    depth: usize,
    /// Whether annotations are stringified (the compile flag, or the
    /// module's `from __future__ import annotations`).
    future_annotations: bool,
    /// The stringified annotations' texts, by the address of their
    /// converted node (boxed, so it keeps its place in the tree).
    pub annotation_texts: std::collections::HashMap<usize, String>,
    /// Literals of str constants the synthetic lines cannot carry, which
    /// follow them in the source.
    pub extra: String,
}

impl<'a> ToRuff<'a> {
    pub fn new(vm: &'a mut Vm, width: u32, lines: u32, future_annotations: bool) -> ToRuff<'a> {
        ToRuff {
            vm,
            width,
            lines,
            cur: TextRange::default(),
            depth: 0,
            future_annotations,
            annotation_texts: std::collections::HashMap::new(),
            extra: String::new(),
        }
    }

    /// The annotation `name` of `o`, converted; under stringified
    /// annotations its `ast.unparse` text is recorded for the code
    /// generator.
    fn annotation(&mut self, o: Value, name: &str) -> BR<Option<Box<Expr>>> {
        let v = self.get(o, name)?;
        if v.is_none() {
            return Ok(None);
        }
        let e = Box::new(self.expr(v)?);
        if self.future_annotations {
            let m = self.vm.import_module("ast")?;
            self.vm.push_root(m);
            let k = self.vm.intern("unparse");
            let f = self.vm.getattr(m, k)?;
            self.vm.push_root(f);
            let t = self.vm.call(f, &[v], Value::EMPTY)?;
            if !is_str(t) {
                return Err(Back::Unsupported);
            }
            let text = Self::text(t)?;
            self.annotation_texts
                .insert(&*e as *const Expr as usize, text);
        }
        Ok(Some(e))
    }

    // ------------------------------------------------------------ helpers

    /// Attribute `name` of `o` (None when missing).  The value is rooted
    /// until the enclosing node's conversion returns (each node pops the
    /// roots pushed while it was converted): a property may have made it,
    /// and converting its parts may run Python code.
    fn get(&mut self, o: Value, name: &str) -> BR<Value> {
        let k = self.vm.intern(name);
        let v = self.vm.getattr_opt(o, k)?.unwrap_or(Value::NONE);
        self.vm.push_root(v);
        Ok(v)
    }

    fn class(&self, o: Value) -> String {
        type_short_name(self.vm.type_of(o))
    }

    fn list(&mut self, o: Value, name: &str) -> BR<Vec<Value>> {
        let v = self.get(o, name)?;
        Ok(if v.is_none() {
            Vec::new()
        } else {
            self.vm.seq_items(v)
        })
    }

    fn string(&mut self, o: Value, name: &str) -> BR<String> {
        let v = self.get(o, name)?;
        if !is_str(v) {
            return Ok(String::new());
        }
        let b = str_bytes(v);
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(Back::Unsupported),
        }
    }

    fn int_attr(&mut self, o: Value, name: &str) -> BR<Option<i64>> {
        let v = self.get(o, name)?;
        if v.is_none() || !self.vm.is_int_like(v) {
            return Ok(None);
        }
        Ok(crate::args::py_ssize_t(self.vm, v).ok())
    }

    /// The synthetic offset of `(line, col)`.
    fn offset(&self, line: i64, col: i64) -> TextSize {
        let line = line.clamp(1, self.lines as i64) as u64;
        let col = col.clamp(0, self.width as i64) as u64;
        let off = (line - 1) * (self.width as u64 + 1) + col;
        TextSize::new(off.min(u32::MAX as u64) as u32)
    }

    /// The range of a node with location attributes (the current
    /// statement's when it has none).
    fn range(&mut self, o: Value) -> BR<TextRange> {
        let Some(l) = self.int_attr(o, "lineno")? else {
            return Ok(self.cur);
        };
        let c = self.int_attr(o, "col_offset")?.unwrap_or(0);
        let el = self.int_attr(o, "end_lineno")?.unwrap_or(l);
        let ec = self.int_attr(o, "end_col_offset")?.unwrap_or(c);
        let s = self.offset(l, c);
        let e = self.offset(el, ec).max(s);
        Ok(TextRange::new(s, e))
    }

    fn ident(&mut self, o: Value, name: &str, r: TextRange) -> BR<Identifier> {
        let s = self.string(o, name)?;
        Ok(Identifier::new(s, r))
    }

    fn opt_ident(&mut self, o: Value, name: &str, r: TextRange) -> BR<Option<Identifier>> {
        let v = self.get(o, name)?;
        if v.is_none() {
            return Ok(None);
        }
        Ok(Some(self.ident(o, name, r)?))
    }

    fn enter(&mut self) -> BR<()> {
        self.depth += 1;
        if self.depth > engine::compiler::MAX_NESTING {
            let cls = self.vm.g.e.RecursionError;
            return Err(Back::Py(self.vm.new_exc(
                cls,
                "maximum recursion depth exceeded during compilation",
            )));
        }
        Ok(())
    }

    // ------------------------------------------------------------ modules

    /// The body of a `Module`/`Interactive` node.
    pub fn module(&mut self, tree: Value) -> BR<ast::Mod> {
        let body = self.stmts(tree, "body")?;
        Ok(ast::Mod::Module(ast::ModModule {
            node_index: ni(),
            range: TextRange::default(),
            body: body.into_iter().collect(),
        }))
    }

    /// The body of an `Expression` node.
    pub fn expression(&mut self, tree: Value) -> BR<ast::Mod> {
        let b = self.get(tree, "body")?;
        let body = self.expr(b)?;
        Ok(ast::Mod::Expression(ast::ModExpression {
            node_index: ni(),
            range: TextRange::default(),
            body: Box::new(body),
        }))
    }

    // ------------------------------------------------------------ statements

    fn stmts(&mut self, o: Value, name: &str) -> BR<Vec<Stmt>> {
        let items = self.list(o, name)?;
        let mut out = Vec::with_capacity(items.len());
        for s in items {
            out.push(self.stmt(s)?);
        }
        Ok(out)
    }

    fn exprs(&mut self, o: Value, name: &str) -> BR<Vec<Expr>> {
        let items = self.list(o, name)?;
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            out.push(self.expr(e)?);
        }
        Ok(out)
    }

    fn opt_expr(&mut self, o: Value, name: &str) -> BR<Option<Box<Expr>>> {
        let v = self.get(o, name)?;
        if v.is_none() {
            return Ok(None);
        }
        Ok(Some(Box::new(self.expr(v)?)))
    }

    fn bexpr(&mut self, o: Value, name: &str) -> BR<Box<Expr>> {
        let v = self.get(o, name)?;
        Ok(Box::new(self.expr(v)?))
    }

    fn stmt(&mut self, s: Value) -> BR<Stmt> {
        self.enter()?;
        let mark = self.vm.push_root(s);
        let saved = self.cur;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s));
        self.cur = saved;
        self.vm.pop_roots(mark);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: Value) -> BR<Stmt> {
        let range = self.range(s)?;
        self.cur = range;
        let cls = self.class(s);
        Ok(match cls.as_str() {
            "FunctionDef" | "AsyncFunctionDef" => {
                let decorator_list = self.decorators(s)?;
                // CPython's code starts at the first decorator.
                let start = decorator_list
                    .iter()
                    .map(|d| d.range.start())
                    .min()
                    .map_or(range.start(), |d| d.min(range.start()));
                let name = self.ident(s, "name", range)?;
                let a = self.get(s, "args")?;
                let parameters = Box::new(self.parameters(a)?);
                let returns = self.annotation(s, "returns")?;
                let body = self.stmts(s, "body")?;
                Stmt::FunctionDef(ast::StmtFunctionDef {
                    node_index: ni(),
                    range: TextRange::new(start, range.end().max(start)),
                    is_async: cls == "AsyncFunctionDef",
                    decorator_list: decorator_list.into_iter().collect(),
                    name,
                    type_params: None,
                    parameters,
                    returns,
                    body: body.into_iter().collect(),
                })
            }
            "ClassDef" => {
                let decorator_list = self.decorators(s)?;
                let start = decorator_list
                    .iter()
                    .map(|d| d.range.start())
                    .min()
                    .map_or(range.start(), |d| d.min(range.start()));
                let name = self.ident(s, "name", range)?;
                let args = self.exprs(s, "bases")?;
                let keywords = self.keywords(s)?;
                let body = self.stmts(s, "body")?;
                Stmt::ClassDef(ast::StmtClassDef {
                    node_index: ni(),
                    range: TextRange::new(start, range.end().max(start)),
                    decorator_list: decorator_list.into_iter().collect(),
                    name,
                    type_params: None,
                    arguments: Some(Box::new(ast::Arguments {
                        node_index: ni(),
                        range,
                        args: args.into_boxed_slice(),
                        keywords: keywords.into_iter().collect(),
                    })),
                    body: body.into_iter().collect(),
                })
            }
            "Return" => Stmt::Return(ast::StmtReturn {
                node_index: ni(),
                range,
                value: self.opt_expr(s, "value")?,
            }),
            "Delete" => Stmt::Delete(ast::StmtDelete {
                node_index: ni(),
                range,
                targets: self.exprs(s, "targets")?,
            }),
            "Assign" => Stmt::Assign(ast::StmtAssign {
                node_index: ni(),
                range,
                targets: self.exprs(s, "targets")?,
                value: self.bexpr(s, "value")?,
            }),
            "AugAssign" => {
                let target = self.bexpr(s, "target")?;
                let op = self.operator(s)?;
                Stmt::AugAssign(ast::StmtAugAssign {
                    node_index: ni(),
                    range,
                    target,
                    op,
                    value: self.bexpr(s, "value")?,
                })
            }
            "AnnAssign" => Stmt::AnnAssign(ast::StmtAnnAssign {
                node_index: ni(),
                range,
                target: self.bexpr(s, "target")?,
                annotation: match self.annotation(s, "annotation")? {
                    Some(a) => a,
                    None => self.bexpr(s, "annotation")?,
                },
                value: self.opt_expr(s, "value")?,
                simple: self.int_attr(s, "simple")?.unwrap_or(0) != 0,
            }),
            "For" | "AsyncFor" => Stmt::For(ast::StmtFor {
                node_index: ni(),
                range,
                is_async: cls == "AsyncFor",
                target: self.bexpr(s, "target")?,
                iter: self.bexpr(s, "iter")?,
                body: self.stmts(s, "body")?.into_iter().collect(),
                orelse: self.stmts(s, "orelse")?.into_iter().collect(),
            }),
            "While" => Stmt::While(ast::StmtWhile {
                node_index: ni(),
                range,
                test: self.bexpr(s, "test")?,
                body: self.stmts(s, "body")?.into_iter().collect(),
                orelse: self.stmts(s, "orelse")?.into_iter().collect(),
            }),
            "If" => {
                let test = self.bexpr(s, "test")?;
                let body = self.stmts(s, "body")?;
                let orelse = self.stmts(s, "orelse")?;
                let mut clauses = Vec::new();
                if !orelse.is_empty() {
                    let start = orelse
                        .first()
                        .map_or(range.start(), ruff_text_size::Ranged::start);
                    let end = orelse
                        .last()
                        .map_or(range.end(), ruff_text_size::Ranged::end);
                    clauses.push(ast::ElifElseClause {
                        range: TextRange::new(start, end.max(start)),
                        node_index: ni(),
                        test: None,
                        body: orelse.into_iter().collect(),
                    });
                }
                Stmt::If(ast::StmtIf {
                    node_index: ni(),
                    range,
                    test,
                    body: body.into_iter().collect(),
                    elif_else_clauses: clauses,
                })
            }
            "With" | "AsyncWith" => {
                let mut items = Vec::new();
                for it in self.list(s, "items")? {
                    let mark = self.vm.push_root(it);
                    let context_expr = self.get(it, "context_expr")?;
                    let context_expr = self.expr(context_expr)?;
                    let optional_vars = self.opt_expr(it, "optional_vars")?;
                    self.vm.pop_roots(mark);
                    items.push(ast::WithItem {
                        range,
                        node_index: ni(),
                        context_expr,
                        optional_vars,
                    });
                }
                Stmt::With(ast::StmtWith {
                    node_index: ni(),
                    range,
                    is_async: cls == "AsyncWith",
                    items,
                    body: self.stmts(s, "body")?.into_iter().collect(),
                })
            }
            "Match" => {
                let subject = self.bexpr(s, "subject")?;
                let mut cases = Vec::new();
                for c in self.list(s, "cases")? {
                    let mark = self.vm.push_root(c);
                    let p = self.get(c, "pattern")?;
                    let pattern = self.pattern(p)?;
                    let guard = self.opt_expr(c, "guard")?;
                    let body = self.stmts(c, "body")?;
                    self.vm.pop_roots(mark);
                    cases.push(ast::MatchCase {
                        range,
                        node_index: ni(),
                        pattern,
                        guard,
                        body: body.into_iter().collect(),
                    });
                }
                Stmt::Match(ast::StmtMatch {
                    node_index: ni(),
                    range,
                    subject,
                    cases,
                })
            }
            "Raise" => Stmt::Raise(ast::StmtRaise {
                node_index: ni(),
                range,
                exc: self.opt_expr(s, "exc")?,
                cause: self.opt_expr(s, "cause")?,
            }),
            "Try" | "TryStar" => {
                let body = self.stmts(s, "body")?;
                let mut handlers = Vec::new();
                for h in self.list(s, "handlers")? {
                    let mark = self.vm.push_root(h);
                    let hr = self.range(h)?;
                    let saved = self.cur;
                    self.cur = hr;
                    let type_ = self.opt_expr(h, "type")?;
                    let name = self.opt_ident(h, "name", hr)?;
                    let hb = self.stmts(h, "body")?;
                    self.cur = saved;
                    self.vm.pop_roots(mark);
                    handlers.push(ast::ExceptHandler::ExceptHandler(
                        ast::ExceptHandlerExceptHandler {
                            range: hr,
                            node_index: ni(),
                            type_,
                            name,
                            body: hb.into_iter().collect(),
                        },
                    ));
                }
                Stmt::Try(ast::StmtTry {
                    node_index: ni(),
                    range,
                    body: body.into_iter().collect(),
                    handlers,
                    orelse: self.stmts(s, "orelse")?.into_iter().collect(),
                    finalbody: self.stmts(s, "finalbody")?.into_iter().collect(),
                    is_star: cls == "TryStar",
                })
            }
            "Assert" => Stmt::Assert(ast::StmtAssert {
                node_index: ni(),
                range,
                test: self.bexpr(s, "test")?,
                msg: self.opt_expr(s, "msg")?,
            }),
            "Import" => Stmt::Import(ast::StmtImport {
                node_index: ni(),
                range,
                names: self.aliases(s)?,
                is_lazy: false,
            }),
            "ImportFrom" => {
                let module = self.opt_ident(s, "module", range)?;
                if module
                    .as_ref()
                    .is_some_and(|m| m.id.as_str() == "__future__")
                {
                    for a in self.list(s, "names")? {
                        let n = self.string(a, "name")?;
                        if n == "annotations" {
                            self.future_annotations = true;
                        }
                    }
                }
                Stmt::ImportFrom(ast::StmtImportFrom {
                    node_index: ni(),
                    range,
                    module,
                    names: self.aliases(s)?,
                    level: self
                        .int_attr(s, "level")?
                        .unwrap_or(0)
                        .clamp(0, u32::MAX as i64) as u32,
                    is_lazy: false,
                })
            }
            "Global" | "Nonlocal" => {
                let mut names = Vec::new();
                for n in self.list(s, "names")? {
                    if !is_str(n) {
                        continue;
                    }
                    let t = std::str::from_utf8(str_bytes(n)).map_err(|_| Back::Unsupported)?;
                    names.push(Identifier::new(t, range));
                }
                if cls == "Global" {
                    Stmt::Global(ast::StmtGlobal {
                        node_index: ni(),
                        range,
                        names,
                    })
                } else {
                    Stmt::Nonlocal(ast::StmtNonlocal {
                        node_index: ni(),
                        range,
                        names,
                    })
                }
            }
            "Expr" => Stmt::Expr(ast::StmtExpr {
                node_index: ni(),
                range,
                value: self.bexpr(s, "value")?,
            }),
            "Pass" => Stmt::Pass(ast::StmtPass {
                node_index: ni(),
                range,
            }),
            "Break" => Stmt::Break(ast::StmtBreak {
                node_index: ni(),
                range,
            }),
            "Continue" => Stmt::Continue(ast::StmtContinue {
                node_index: ni(),
                range,
            }),
            _ => return Err(Back::Unsupported),
        })
    }

    fn decorators(&mut self, s: Value) -> BR<Vec<ast::Decorator>> {
        let mut out = Vec::new();
        for d in self.list(s, "decorator_list")? {
            let e = self.expr(d)?;
            let r = ruff_text_size::Ranged::range(&e);
            // The `@` before the expression.
            let start = r.start().checked_sub(TextSize::new(1)).unwrap_or(r.start());
            out.push(ast::Decorator {
                range: TextRange::new(start, r.end()),
                node_index: ni(),
                expression: e,
            });
        }
        Ok(out)
    }

    fn aliases(&mut self, s: Value) -> BR<Vec<ast::Alias>> {
        let mut out = Vec::new();
        for a in self.list(s, "names")? {
            let mark = self.vm.push_root(a);
            let r = self.range(a)?;
            let name = self.ident(a, "name", r)?;
            let asname = self.opt_ident(a, "asname", r)?;
            self.vm.pop_roots(mark);
            out.push(ast::Alias {
                range: r,
                node_index: ni(),
                name,
                asname,
            });
        }
        Ok(out)
    }

    fn keywords(&mut self, o: Value) -> BR<Vec<ast::Keyword>> {
        let mut out = Vec::new();
        for k in self.list(o, "keywords")? {
            let mark = self.vm.push_root(k);
            let r = self.range(k)?;
            let arg = self.opt_ident(k, "arg", r)?;
            let v = self.get(k, "value")?;
            let value = self.expr(v)?;
            self.vm.pop_roots(mark);
            out.push(ast::Keyword {
                range: r,
                node_index: ni(),
                arg,
                value,
            });
        }
        Ok(out)
    }

    fn parameter(&mut self, a: Value) -> BR<ast::Parameter> {
        let mark = self.vm.push_root(a);
        let r = self.range(a)?;
        let name = self.ident(a, "arg", r)?;
        let annotation = self.annotation(a, "annotation");
        self.vm.pop_roots(mark);
        Ok(ast::Parameter {
            range: r,
            node_index: ni(),
            name,
            annotation: annotation?,
        })
    }

    fn parameters(&mut self, a: Value) -> BR<ast::Parameters> {
        let mark = self.vm.push_root(a);
        let r = self.parameters_inner(a);
        self.vm.pop_roots(mark);
        r
    }

    fn parameters_inner(&mut self, a: Value) -> BR<ast::Parameters> {
        let posonly = self.list(a, "posonlyargs")?;
        let args = self.list(a, "args")?;
        let defaults = self.exprs(a, "defaults")?;
        let npos = posonly.len() + args.len();
        let first_default = npos.saturating_sub(defaults.len());
        let mut defaults = defaults.into_iter();
        let mut with_defaults = |this: &mut Self, items: Vec<Value>, base: usize| {
            let mut out = Vec::with_capacity(items.len());
            for (i, p) in items.into_iter().enumerate() {
                let parameter = this.parameter(p)?;
                let default = if base + i >= first_default {
                    defaults.next().map(Box::new)
                } else {
                    None
                };
                out.push(ast::ParameterWithDefault {
                    range: parameter.range,
                    node_index: ni(),
                    parameter,
                    default,
                });
            }
            Ok::<_, Back>(out)
        };
        let posonlyargs = with_defaults(self, posonly.clone(), 0)?;
        let pargs = with_defaults(self, args, posonly.len())?;
        let vararg = match self.get(a, "vararg")? {
            v if v.is_none() => None,
            v => Some(Box::new(self.parameter(v)?)),
        };
        let mut kwonlyargs = Vec::new();
        let kwonly = self.list(a, "kwonlyargs")?;
        let kw_defaults = self.list(a, "kw_defaults")?;
        for (i, p) in kwonly.into_iter().enumerate() {
            let parameter = self.parameter(p)?;
            let default = match kw_defaults.get(i) {
                Some(&d) if !d.is_none() => Some(Box::new(self.expr(d)?)),
                _ => None,
            };
            kwonlyargs.push(ast::ParameterWithDefault {
                range: parameter.range,
                node_index: ni(),
                parameter,
                default,
            });
        }
        let kwarg = match self.get(a, "kwarg")? {
            v if v.is_none() => None,
            v => Some(Box::new(self.parameter(v)?)),
        };
        Ok(ast::Parameters {
            range: self.cur,
            node_index: ni(),
            posonlyargs: posonlyargs.into_iter().collect(),
            args: pargs.into_iter().collect(),
            vararg,
            kwonlyargs: kwonlyargs.into_iter().collect(),
            kwarg,
        })
    }

    fn operator(&mut self, o: Value) -> BR<Operator> {
        let op = self.get(o, "op")?;
        Ok(match self.class(op).as_str() {
            "Add" => Operator::Add,
            "Sub" => Operator::Sub,
            "Mult" => Operator::Mult,
            "MatMult" => Operator::MatMult,
            "Div" => Operator::Div,
            "Mod" => Operator::Mod,
            "Pow" => Operator::Pow,
            "LShift" => Operator::LShift,
            "RShift" => Operator::RShift,
            "BitOr" => Operator::BitOr,
            "BitXor" => Operator::BitXor,
            "BitAnd" => Operator::BitAnd,
            "FloorDiv" => Operator::FloorDiv,
            _ => return Err(Back::Unsupported),
        })
    }

    fn ctx(&mut self, o: Value) -> BR<ExprContext> {
        let c = self.get(o, "ctx")?;
        Ok(match self.class(c).as_str() {
            "Store" => ExprContext::Store,
            "Del" => ExprContext::Del,
            _ => ExprContext::Load,
        })
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, e: Value) -> BR<Expr> {
        self.enter()?;
        let mark = self.vm.push_root(e);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e));
        self.vm.pop_roots(mark);
        self.depth -= 1;
        r
    }

    fn comprehensions(&mut self, o: Value, range: TextRange) -> BR<Vec<ast::Comprehension>> {
        let mut out = Vec::new();
        for g in self.list(o, "generators")? {
            let mark = self.vm.push_root(g);
            let target = self.get(g, "target")?;
            let target = self.expr(target)?;
            let iter = self.get(g, "iter")?;
            let iter = self.expr(iter)?;
            let ifs = self.exprs(g, "ifs")?;
            let is_async = self.int_attr(g, "is_async")?.unwrap_or(0) != 0;
            self.vm.pop_roots(mark);
            out.push(ast::Comprehension {
                range,
                node_index: ni(),
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(out)
    }

    /// A str value as Rust text: strings the synthetic source cannot carry
    /// (lone surrogates, U+FFFD, which the code generator re-reads from the
    /// source) are unsupported.
    fn text(v: Value) -> BR<String> {
        match std::str::from_utf8(str_bytes(v)) {
            Ok(s) if !s.contains('\u{FFFD}') => Ok(s.to_owned()),
            _ => Err(Back::Unsupported),
        }
    }

    /// A str holding lone surrogates or U+FFFD: its repr appended to
    /// `extra`, with that literal's range, and a value holding U+FFFD
    /// (which makes the code generator read the literal).
    fn appended_literal(&mut self, v: Value) -> BR<(String, TextRange)> {
        let r = self.vm.repr(v)?;
        let lit = str_of(r).into_owned();
        let base = (self.lines as usize) * (self.width as usize + 1);
        let start = base + self.extra.len();
        let (Ok(lo), Ok(hi)) = (u32::try_from(start), u32::try_from(start + lit.len())) else {
            return Err(Back::Unsupported);
        };
        self.extra.push_str(&lit);
        self.extra.push('\n');
        let value = String::from_utf8_lossy(str_bytes(v)).into_owned();
        Ok((value, TextRange::new(TextSize::new(lo), TextSize::new(hi))))
    }

    fn constant(&mut self, v: Value, range: TextRange) -> BR<Expr> {
        if v.is_none() {
            return Ok(Expr::NoneLiteral(ast::ExprNoneLiteral {
                node_index: ni(),
                range,
            }));
        }
        if v == Value::ELLIPSIS {
            return Ok(Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                node_index: ni(),
                range,
            }));
        }
        let t = self.vm.type_of(v);
        let types = &self.vm.g.types;
        if t == types.bool_ {
            let b = self.vm.truthy(v)?;
            return Ok(Expr::BooleanLiteral(ast::ExprBooleanLiteral {
                node_index: ni(),
                range,
                value: b,
            }));
        }
        if is_str(v) {
            let (s, part_range) = match Self::text(v) {
                Ok(s) => (s, range),
                Err(_) => self.appended_literal(v)?,
            };
            return Ok(Expr::StringLiteral(ast::ExprStringLiteral {
                node_index: ni(),
                range,
                value: ast::StringLiteralValue::single(ast::StringLiteral {
                    range: part_range,
                    node_index: ni(),
                    value: s.into_boxed_str(),
                    flags: ast::StringLiteralFlags::empty(),
                }),
            }));
        }
        if t == types.bytes {
            let b = str_bytes(v).to_vec();
            return Ok(Expr::BytesLiteral(ast::ExprBytesLiteral {
                node_index: ni(),
                range,
                value: ast::BytesLiteralValue::single(ast::BytesLiteral {
                    range,
                    node_index: ni(),
                    value: b.into_boxed_slice(),
                    flags: ast::BytesLiteralFlags::empty(),
                }),
            }));
        }
        if t == types.tuple {
            let items = self.vm.seq_items(v);
            let mut elts = Vec::with_capacity(items.len());
            for x in items {
                elts.push(self.constant(x, range)?);
            }
            return Ok(Expr::Tuple(ast::ExprTuple {
                node_index: ni(),
                range,
                elts,
                ctx: ExprContext::Load,
                parenthesized: true,
            }));
        }
        let number = |value| {
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                node_index: ni(),
                range,
                value,
            })
        };
        let negate = |e: Expr| {
            Expr::UnaryOp(ast::ExprUnaryOp {
                node_index: ni(),
                range,
                op: UnaryOp::USub,
                operand: Box::new(e),
            })
        };
        if self.vm.is_int_like(v) {
            let r = self.vm.repr(v)?;
            let text = str_of(r).into_owned();
            let (neg, digits) = match text.strip_prefix('-') {
                Some(d) => (true, d.to_owned()),
                None => (false, text),
            };
            let i: ast::Int = digits.parse().map_err(|_| Back::Unsupported)?;
            let e = number(Number::Int(i));
            return Ok(if neg { negate(e) } else { e });
        }
        if t == types.float {
            let Some(engine::runtime::ops::Num::F(f)) = self.vm.num(v) else {
                return Err(Back::Unsupported);
            };
            return Ok(if f.is_sign_negative() {
                negate(number(Number::Float(-f)))
            } else {
                number(Number::Float(f))
            });
        }
        if t == types.complex {
            let Some(o) = Obj::from_value(v) else {
                return Err(Back::Unsupported);
            };
            let re = f64::from_bits(proto_core::layouts::get_raw(o, 0));
            let im = f64::from_bits(proto_core::layouts::get_raw(o, 1));
            if re == 0.0 && !re.is_sign_negative() && !im.is_sign_negative() {
                return Ok(number(Number::Complex {
                    real: 0.0,
                    imag: im,
                }));
            }
        }
        Err(Back::Unsupported)
    }

    fn expr_inner(&mut self, e: Value) -> BR<Expr> {
        let range = self.range(e)?;
        let cls = self.class(e);
        Ok(match cls.as_str() {
            "BoolOp" => {
                let op = self.get(e, "op")?;
                let op = if self.class(op) == "Or" {
                    BoolOp::Or
                } else {
                    BoolOp::And
                };
                Expr::BoolOp(ast::ExprBoolOp {
                    node_index: ni(),
                    range,
                    op,
                    values: self.exprs(e, "values")?,
                })
            }
            "NamedExpr" => Expr::Named(ast::ExprNamed {
                node_index: ni(),
                range,
                target: self.bexpr(e, "target")?,
                value: self.bexpr(e, "value")?,
            }),
            "BinOp" => {
                let left = self.bexpr(e, "left")?;
                let op = self.operator(e)?;
                Expr::BinOp(ast::ExprBinOp {
                    node_index: ni(),
                    range,
                    left,
                    op,
                    right: self.bexpr(e, "right")?,
                })
            }
            "UnaryOp" => {
                let op = self.get(e, "op")?;
                let op = match self.class(op).as_str() {
                    "Invert" => UnaryOp::Invert,
                    "Not" => UnaryOp::Not,
                    "UAdd" => UnaryOp::UAdd,
                    _ => UnaryOp::USub,
                };
                Expr::UnaryOp(ast::ExprUnaryOp {
                    node_index: ni(),
                    range,
                    op,
                    operand: self.bexpr(e, "operand")?,
                })
            }
            "Lambda" => {
                let saved = self.cur;
                self.cur = range;
                let a = self.get(e, "args")?;
                let p = self.parameters(a);
                self.cur = saved;
                Expr::Lambda(ast::ExprLambda {
                    node_index: ni(),
                    range,
                    parameters: Some(Box::new(p?)),
                    body: self.bexpr(e, "body")?,
                })
            }
            "IfExp" => Expr::If(ast::ExprIf {
                node_index: ni(),
                range,
                test: self.bexpr(e, "test")?,
                body: self.bexpr(e, "body")?,
                orelse: self.bexpr(e, "orelse")?,
            }),
            "Dict" => {
                let keys = self.list(e, "keys")?;
                let values = self.list(e, "values")?;
                let mut items = Vec::with_capacity(values.len());
                for (k, v) in keys.into_iter().zip(values) {
                    let key = if k.is_none() {
                        None
                    } else {
                        Some(self.expr(k)?)
                    };
                    items.push(ast::DictItem {
                        key,
                        value: self.expr(v)?,
                    });
                }
                Expr::Dict(ast::ExprDict {
                    node_index: ni(),
                    range,
                    items,
                })
            }
            "Set" => Expr::Set(ast::ExprSet {
                node_index: ni(),
                range,
                elts: self.exprs(e, "elts")?,
            }),
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let elt = self.bexpr(e, "elt")?;
                let generators = self.comprehensions(e, range)?;
                match cls.as_str() {
                    "ListComp" => Expr::ListComp(ast::ExprListComp {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                    }),
                    "SetComp" => Expr::SetComp(ast::ExprSetComp {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                    }),
                    _ => Expr::Generator(ast::ExprGenerator {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                        parenthesized: true,
                    }),
                }
            }
            "DictComp" => Expr::DictComp(ast::ExprDictComp {
                node_index: ni(),
                range,
                key: Some(self.bexpr(e, "key")?),
                value: self.bexpr(e, "value")?,
                generators: self.comprehensions(e, range)?,
            }),
            "Await" => Expr::Await(ast::ExprAwait {
                node_index: ni(),
                range,
                value: self.bexpr(e, "value")?,
            }),
            "Yield" => Expr::Yield(ast::ExprYield {
                node_index: ni(),
                range,
                value: self.opt_expr(e, "value")?,
            }),
            "YieldFrom" => Expr::YieldFrom(ast::ExprYieldFrom {
                node_index: ni(),
                range,
                value: self.bexpr(e, "value")?,
            }),
            "Compare" => {
                let left = self.bexpr(e, "left")?;
                let mut ops = Vec::new();
                for o in self.list(e, "ops")? {
                    ops.push(match self.class(o).as_str() {
                        "Eq" => CmpOp::Eq,
                        "NotEq" => CmpOp::NotEq,
                        "Lt" => CmpOp::Lt,
                        "LtE" => CmpOp::LtE,
                        "Gt" => CmpOp::Gt,
                        "GtE" => CmpOp::GtE,
                        "Is" => CmpOp::Is,
                        "IsNot" => CmpOp::IsNot,
                        "In" => CmpOp::In,
                        "NotIn" => CmpOp::NotIn,
                        _ => return Err(Back::Unsupported),
                    });
                }
                Expr::Compare(ast::ExprCompare {
                    node_index: ni(),
                    range,
                    left,
                    ops: ops.into_boxed_slice(),
                    comparators: self.exprs(e, "comparators")?.into_boxed_slice(),
                })
            }
            "Call" => {
                let func = self.bexpr(e, "func")?;
                let args = self.exprs(e, "args")?;
                let keywords = self.keywords(e)?;
                Expr::Call(ast::ExprCall {
                    node_index: ni(),
                    range_start: range.start(),
                    func,
                    arguments: ast::Arguments {
                        node_index: ni(),
                        range,
                        args: args.into_boxed_slice(),
                        keywords: keywords.into_iter().collect(),
                    },
                })
            }
            "JoinedStr" | "FormattedValue" => {
                let elements = if cls == "JoinedStr" {
                    self.fstring_elements(e)?
                } else {
                    vec![self.interpolation(e, range)?]
                };
                Expr::FString(ast::ExprFString {
                    node_index: ni(),
                    range,
                    value: ast::FStringValue::single(ast::FString {
                        range,
                        node_index: ni(),
                        elements: elements.into(),
                        flags: ast::FStringFlags::empty(),
                    }),
                })
            }
            "Constant" => {
                let v = self.get(e, "value")?;
                self.constant(v, range)?
            }
            "Attribute" => {
                let value = self.bexpr(e, "value")?;
                let attr = self.ident(e, "attr", range)?;
                Expr::Attribute(ast::ExprAttribute {
                    node_index: ni(),
                    range,
                    value,
                    attr,
                    ctx: self.ctx(e)?,
                })
            }
            "Subscript" => Expr::Subscript(ast::ExprSubscript {
                node_index: ni(),
                range,
                value: self.bexpr(e, "value")?,
                slice: self.bexpr(e, "slice")?,
                ctx: self.ctx(e)?,
            }),
            "Starred" => Expr::Starred(ast::ExprStarred {
                node_index: ni(),
                range,
                value: self.bexpr(e, "value")?,
                ctx: self.ctx(e)?,
            }),
            "Name" => {
                let id = self.string(e, "id")?;
                Expr::Name(ast::ExprName {
                    node_index: ni(),
                    range,
                    id: ast::name::Name::new(id),
                    ctx: self.ctx(e)?,
                })
            }
            "List" => Expr::List(ast::ExprList {
                node_index: ni(),
                range,
                elts: self.exprs(e, "elts")?,
                ctx: self.ctx(e)?,
            }),
            "Tuple" => Expr::Tuple(ast::ExprTuple {
                node_index: ni(),
                range,
                elts: self.exprs(e, "elts")?,
                ctx: self.ctx(e)?,
                parenthesized: true,
            }),
            "Slice" => Expr::Slice(ast::ExprSlice {
                node_index: ni(),
                range,
                lower: self.opt_expr(e, "lower")?,
                upper: self.opt_expr(e, "upper")?,
                step: self.opt_expr(e, "step")?,
            }),
            _ => return Err(Back::Unsupported),
        })
    }

    /// The values of a `JoinedStr` as f-string elements.
    fn fstring_elements(&mut self, j: Value) -> BR<Vec<ast::InterpolatedStringElement>> {
        let mut out = Vec::new();
        for v in self.list(j, "values")? {
            let mark = self.vm.push_root(v);
            let r = self.range(v)?;
            let el = match self.class(v).as_str() {
                "Constant" => {
                    let s = self.get(v, "value")?;
                    if !is_str(s) {
                        self.vm.pop_roots(mark);
                        return Err(Back::Unsupported);
                    }
                    ast::InterpolatedStringElement::Literal(ast::InterpolatedStringLiteralElement {
                        range: r,
                        node_index: ni(),
                        value: Self::text(s)?.into_boxed_str(),
                    })
                }
                "FormattedValue" => self.interpolation(v, r)?,
                _ => {
                    self.vm.pop_roots(mark);
                    return Err(Back::Unsupported);
                }
            };
            self.vm.pop_roots(mark);
            out.push(el);
        }
        Ok(out)
    }

    fn interpolation(&mut self, f: Value, range: TextRange) -> BR<ast::InterpolatedStringElement> {
        let expression = self.bexpr(f, "value")?;
        let conversion = match self.int_attr(f, "conversion")?.unwrap_or(-1) {
            115 => ConversionFlag::Str,
            114 => ConversionFlag::Repr,
            97 => ConversionFlag::Ascii,
            _ => ConversionFlag::None,
        };
        let spec = self.get(f, "format_spec")?;
        let format_spec = if spec.is_none() {
            None
        } else {
            let mark = self.vm.push_root(spec);
            let res = match self.range(spec) {
                Ok(r) => self.fstring_elements(spec).map(|els| (r, els)),
                Err(e) => Err(e),
            };
            self.vm.pop_roots(mark);
            let (r, elements) = res?;
            Some(Box::new(ast::InterpolatedStringFormatSpec {
                range: r,
                node_index: ni(),
                elements: elements.into(),
            }))
        };
        Ok(ast::InterpolatedStringElement::Interpolation(
            ast::InterpolatedElement {
                range,
                node_index: ni(),
                expression,
                debug_text: None,
                conversion,
                format_spec,
            },
        ))
    }

    // ------------------------------------------------------------ patterns

    fn patterns(&mut self, o: Value, name: &str) -> BR<Vec<Pattern>> {
        let mut out = Vec::new();
        for p in self.list(o, name)? {
            out.push(self.pattern(p)?);
        }
        Ok(out)
    }

    fn pattern(&mut self, p: Value) -> BR<Pattern> {
        self.enter()?;
        let mark = self.vm.push_root(p);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(p));
        self.vm.pop_roots(mark);
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: Value) -> BR<Pattern> {
        let range = self.range(p)?;
        let cls = self.class(p);
        Ok(match cls.as_str() {
            "MatchValue" => Pattern::MatchValue(ast::PatternMatchValue {
                node_index: ni(),
                range,
                value: self.bexpr(p, "value")?,
            }),
            "MatchSingleton" => {
                let v = self.get(p, "value")?;
                let value = if v.is_none() {
                    ast::Singleton::None
                } else if self.vm.truthy(v)? {
                    ast::Singleton::True
                } else {
                    ast::Singleton::False
                };
                Pattern::MatchSingleton(ast::PatternMatchSingleton {
                    node_index: ni(),
                    range,
                    value,
                })
            }
            "MatchSequence" => Pattern::MatchSequence(ast::PatternMatchSequence {
                node_index: ni(),
                range,
                patterns: self.patterns(p, "patterns")?,
            }),
            "MatchMapping" => Pattern::MatchMapping(ast::PatternMatchMapping {
                node_index: ni(),
                range,
                keys: self.exprs(p, "keys")?.into_iter().collect(),
                patterns: self.patterns(p, "patterns")?.into_iter().collect(),
                rest: self.opt_ident(p, "rest", range)?,
            }),
            "MatchClass" => {
                let cls = self.bexpr(p, "cls")?;
                let patterns = self.patterns(p, "patterns")?;
                let attrs = self.list(p, "kwd_attrs")?;
                let kps = self.patterns(p, "kwd_patterns")?;
                let mut keywords = Vec::new();
                for (a, pattern) in attrs.into_iter().zip(kps) {
                    if !is_str(a) {
                        return Err(Back::Unsupported);
                    }
                    let name = Self::text(a)?;
                    keywords.push(ast::PatternKeyword {
                        range,
                        node_index: ni(),
                        attr: Identifier::new(name, range),
                        pattern,
                    });
                }
                Pattern::MatchClass(ast::PatternMatchClass {
                    node_index: ni(),
                    range,
                    cls,
                    arguments: ast::PatternArguments {
                        range,
                        node_index: ni(),
                        patterns: patterns.into_iter().collect(),
                        keywords,
                    },
                })
            }
            "MatchStar" => Pattern::MatchStar(ast::PatternMatchStar {
                node_index: ni(),
                range,
                name: self.opt_ident(p, "name", range)?,
            }),
            "MatchAs" => {
                let sub = self.get(p, "pattern")?;
                let pattern = if sub.is_none() {
                    None
                } else {
                    Some(Box::new(self.pattern(sub)?))
                };
                Pattern::MatchAs(ast::PatternMatchAs {
                    node_index: ni(),
                    range,
                    pattern,
                    name: self.opt_ident(p, "name", range)?,
                })
            }
            "MatchOr" => Pattern::MatchOr(ast::PatternMatchOr {
                node_index: ni(),
                range,
                patterns: self.patterns(p, "patterns")?,
            }),
            _ => return Err(Back::Unsupported),
        })
    }
}
