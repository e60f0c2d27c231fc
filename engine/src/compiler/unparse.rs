//! The text of an expression as CPython 3.11's compiler writes it for a
//! stringified annotation (`from __future__ import annotations`): its
//! `ast_unparse.c` rules, not the source text. Literals appear as their
//! `repr` (`0xFF` is `255`, `'it\'s'` is `"it's"`, an infinite float is
//! `1e309`), operators with single spaces, parentheses only where the
//! operators' precedence needs them, and f-strings rebuilt from their parts.

use ruff_python_ast::{
    self as ast, BoolOp, ConversionFlag, Expr, InterpolatedStringElement, Operator, UnaryOp,
};

use super::fold::FoldCtx;
use crate::bytecode::{Constant, PyStr};

/// Precedence levels, lowest first; an expression met at a level above its
/// own is parenthesized.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_BOR: u8 = 6;
const PR_EXPR: u8 = PR_BOR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The annotation text of `e` (an expression at the level of a test, as
/// CPython's `_PyAST_ExprAsUnicode`). Code points, since str literals in
/// it may hold lone surrogates.
pub fn annotation_text(e: &Expr, fold: FoldCtx<'_>) -> PyStr {
    let mut u = Unparser {
        out: Vec::new(),
        fold,
    };
    u.expr(e, PR_TEST);
    PyStr::from_code_points(u.out).unwrap_or_else(|| PyStr::new(""))
}

struct Unparser<'a> {
    out: Vec<u32>,
    fold: FoldCtx<'a>,
}

impl Unparser<'_> {
    fn s(&mut self, s: &str) {
        self.out.extend(s.chars().map(u32::from));
    }

    /// An operator between single spaces.
    fn spaced(&mut self, op: &str) {
        self.s(" ");
        self.s(op);
        self.s(" ");
    }

    fn s_if(&mut self, cond: bool, s: &str) {
        if cond {
            self.s(s);
        }
    }

    fn expr(&mut self, e: &Expr, level: u8) {
        stacker::maybe_grow(32 * 1024, 256 * 1024, || self.expr_level(e, level));
    }

    fn expr_level(&mut self, e: &Expr, level: u8) {
        match e {
            Expr::BoolOp(b) => {
                let (op, pr) = match b.op {
                    BoolOp::And => (" and ", PR_AND),
                    BoolOp::Or => (" or ", PR_OR),
                };
                self.s_if(level > pr, "(");
                for (i, v) in b.values.iter().enumerate() {
                    self.s_if(i > 0, op);
                    self.expr(v, pr + 1);
                }
                self.s_if(level > pr, ")");
            }
            Expr::BinOp(b) => {
                let pr = binop_precedence(b.op);
                let rassoc = u8::from(b.op == Operator::Pow);
                self.s_if(level > pr, "(");
                self.expr(&b.left, pr + rassoc);
                self.spaced(b.op.as_str());
                self.expr(&b.right, pr + 1 - rassoc);
                self.s_if(level > pr, ")");
            }
            Expr::UnaryOp(u) => {
                let (op, pr) = match u.op {
                    UnaryOp::Invert => ("~", PR_FACTOR),
                    UnaryOp::Not => ("not ", PR_NOT),
                    UnaryOp::UAdd => ("+", PR_FACTOR),
                    UnaryOp::USub => ("-", PR_FACTOR),
                };
                self.s_if(level > pr, "(");
                self.s(op);
                self.expr(&u.operand, pr);
                self.s_if(level > pr, ")");
            }
            Expr::Lambda(l) => {
                self.s_if(level > PR_TEST, "(");
                let positional = l
                    .parameters
                    .as_ref()
                    .is_some_and(|p| !p.args.is_empty() || !p.posonlyargs.is_empty());
                self.s(if positional { "lambda " } else { "lambda" });
                if let Some(p) = &l.parameters {
                    self.parameters(p);
                }
                self.s(": ");
                self.expr(&l.body, PR_TEST);
                self.s_if(level > PR_TEST, ")");
            }
            Expr::If(i) => {
                self.s_if(level > PR_TEST, "(");
                self.expr(&i.body, PR_TEST + 1);
                self.s(" if ");
                self.expr(&i.test, PR_TEST + 1);
                self.s(" else ");
                self.expr(&i.orelse, PR_TEST);
                self.s_if(level > PR_TEST, ")");
            }
            Expr::Dict(d) => {
                self.s("{");
                for (i, item) in d.items.iter().enumerate() {
                    self.s_if(i > 0, ", ");
                    self.dict_entry(item.key.as_ref(), &item.value);
                }
                self.s("}");
            }
            Expr::Set(s) => self.seq("{", &s.elts, "}"),
            Expr::List(l) => self.seq("[", &l.elts, "]"),
            Expr::ListComp(c) => self.comp("[", &c.elt, &c.generators, "]"),
            Expr::SetComp(c) => self.comp("{", &c.elt, &c.generators, "}"),
            Expr::Generator(c) => self.comp("(", &c.elt, &c.generators, ")"),
            Expr::DictComp(c) => {
                self.s("{");
                self.dict_entry(c.key.as_deref(), &c.value);
                self.comprehensions(&c.generators);
                self.s("}");
            }
            Expr::Await(a) => {
                self.s_if(level > PR_AWAIT, "(");
                self.s("await ");
                self.expr(&a.value, PR_ATOM);
                self.s_if(level > PR_AWAIT, ")");
            }
            Expr::Yield(y) => match &y.value {
                None => self.s("(yield)"),
                Some(v) => {
                    self.s("(yield ");
                    self.expr(v, PR_TEST);
                    self.s(")");
                }
            },
            Expr::YieldFrom(y) => {
                self.s("(yield from ");
                self.expr(&y.value, PR_TEST);
                self.s(")");
            }
            Expr::Compare(c) => {
                self.s_if(level > PR_CMP, "(");
                self.expr(&c.left, PR_CMP + 1);
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    self.spaced(op.as_str());
                    self.expr(right, PR_CMP + 1);
                }
                self.s_if(level > PR_CMP, ")");
            }
            Expr::Call(c) => {
                self.expr(&c.func, PR_ATOM);
                let args = &c.arguments;
                if let ([Expr::Generator(g)], []) = (&*args.args, &*args.keywords) {
                    // A lone generator argument is written with its own
                    // parentheses only.
                    self.comp("(", &g.elt, &g.generators, ")");
                    return;
                }
                self.s("(");
                let mut first = true;
                for a in args.args.iter() {
                    self.s_if(!first, ", ");
                    first = false;
                    self.expr(a, PR_TEST);
                }
                for k in args.keywords.iter() {
                    self.s_if(!first, ", ");
                    first = false;
                    match &k.arg {
                        Some(name) => {
                            self.s(name.as_str());
                            self.s("=");
                        }
                        None => self.s("**"),
                    }
                    self.expr(&k.value, PR_TEST);
                }
                self.s(")");
            }
            Expr::FString(f) => {
                let body = self.fstring_body(f);
                self.s("f");
                self.repr_of(body);
            }
            Expr::TString(t) => {
                // Not Python 3.11 syntax: the compiler refuses it before
                // any annotation is written.
                let src = self.fold.source;
                let text = src.get(usize::from(t.range.start())..usize::from(t.range.end()));
                self.s(text.unwrap_or(""));
            }
            Expr::EllipsisLiteral(_) => self.s("..."),
            Expr::StringLiteral(s) => {
                // A `u` prefix on the first part is kept (the constant's
                // `kind`).
                if let Some(ast::str_prefix::StringLiteralPrefix::Unicode) =
                    s.value.iter().next().map(|p| p.flags.prefix())
                {
                    self.s("u");
                }
                let v = self.fold.string_value(&s.value);
                self.repr_of(v.code_points().collect());
            }
            Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_) => {
                let c = self.fold.fold(e).unwrap_or(Constant::None);
                self.constant(&c);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value, PR_ATOM);
                // `1 .real`: an int needs the space to stay an int.
                let int = matches!(&*a.value, Expr::NumberLiteral(n)
                    if matches!(n.value, ast::Number::Int(_)));
                self.s(if int { " ." } else { "." });
                self.s(a.attr.as_str());
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, PR_ATOM);
                self.s("[");
                self.expr(&s.slice, PR_TUPLE);
                self.s("]");
            }
            Expr::Starred(s) => {
                self.s("*");
                self.expr(&s.value, PR_EXPR);
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, PR_TEST);
                }
                self.s(":");
                if let Some(u) = &s.upper {
                    self.expr(u, PR_TEST);
                }
                if let Some(st) = &s.step {
                    self.s(":");
                    self.expr(st, PR_TEST);
                }
            }
            Expr::Name(n) => self.s(n.id.as_str()),
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    self.s("()");
                    return;
                }
                self.s_if(level > PR_TUPLE, "(");
                for (i, el) in t.elts.iter().enumerate() {
                    self.s_if(i > 0, ", ");
                    self.expr(el, PR_TEST);
                }
                self.s_if(t.elts.len() == 1, ",");
                self.s_if(level > PR_TUPLE, ")");
            }
            Expr::Named(n) => {
                self.s_if(level > PR_TUPLE, "(");
                self.expr(&n.target, PR_ATOM);
                self.s(" := ");
                self.expr(&n.value, PR_ATOM);
                self.s_if(level > PR_TUPLE, ")");
            }
            Expr::IpyEscapeCommand(_) => {}
        }
    }

    /// `key: value`, or `**value` for a dict display's unpacking.
    fn dict_entry(&mut self, key: Option<&Expr>, value: &Expr) {
        match key {
            Some(k) => {
                self.expr(k, PR_TEST);
                self.s(": ");
                self.expr(value, PR_TEST);
            }
            None => {
                self.s("**");
                self.expr(value, PR_EXPR);
            }
        }
    }

    /// `open` items `close`, each at the level of a test.
    fn seq(&mut self, open: &str, elts: &[Expr], close: &str) {
        self.s(open);
        for (i, el) in elts.iter().enumerate() {
            self.s_if(i > 0, ", ");
            self.expr(el, PR_TEST);
        }
        self.s(close);
    }

    fn comp(&mut self, open: &str, elt: &Expr, gens: &[ast::Comprehension], close: &str) {
        self.s(open);
        self.expr(elt, PR_TEST);
        self.comprehensions(gens);
        self.s(close);
    }

    fn comprehensions(&mut self, gens: &[ast::Comprehension]) {
        for g in gens {
            self.s(if g.is_async { " async for " } else { " for " });
            self.expr(&g.target, PR_TUPLE);
            self.s(" in ");
            self.expr(&g.iter, PR_TEST + 1);
            for cond in &g.ifs {
                self.s(" if ");
                self.expr(cond, PR_TEST + 1);
            }
        }
    }

    fn parameter(&mut self, p: &ast::Parameter) {
        self.s(p.name.as_str());
        if let Some(a) = &p.annotation {
            self.s(": ");
            self.expr(a, PR_TEST);
        }
    }

    fn parameters(&mut self, p: &ast::Parameters) {
        let mut first = true;
        let n_posonly = p.posonlyargs.len();
        for (i, a) in p.posonlyargs.iter().chain(p.args.iter()).enumerate() {
            self.s_if(!first, ", ");
            first = false;
            self.parameter(&a.parameter);
            if let Some(d) = &a.default {
                self.s("=");
                self.expr(d, PR_TEST);
            }
            self.s_if(n_posonly > 0 && i + 1 == n_posonly, ", /");
        }
        if p.vararg.is_some() || !p.kwonlyargs.is_empty() {
            self.s_if(!first, ", ");
            first = false;
            self.s("*");
            if let Some(v) = &p.vararg {
                self.parameter(v);
            }
        }
        for a in &p.kwonlyargs {
            self.s_if(!first, ", ");
            first = false;
            self.parameter(&a.parameter);
            if let Some(d) = &a.default {
                self.s("=");
                self.expr(d, PR_TEST);
            }
        }
        if let Some(k) = &p.kwarg {
            self.s_if(!first, ", ");
            self.s("**");
            self.parameter(k);
        }
    }

    /// A constant's `repr`, an infinite float or complex part written
    /// `1e309` so that the text reads back as the same value.
    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::Float(_) | Constant::Complex(..) => {
                let r = c.repr().replace("inf", "1e309");
                self.s(&r);
            }
            Constant::Tuple(items) => {
                self.s("(");
                for (i, it) in items.iter().enumerate() {
                    self.s_if(i > 0, ", ");
                    self.constant(it);
                }
                self.s_if(items.len() == 1, ",");
                self.s(")");
            }
            _ => {
                let r = c.repr();
                self.s(&r);
            }
        }
    }

    /// The `repr` of the str with code points `cps`.
    fn repr_of(&mut self, cps: Vec<u32>) {
        let s = PyStr::from_code_points(cps).unwrap_or_else(|| PyStr::new(""));
        let r = s.repr();
        self.s(&r);
    }

    /// The text between an f-string's quotes: its literal parts with
    /// braces doubled, each replacement field as `{expr!c:spec}`. A
    /// `{x=}` field is its text (`x=`) then the field, converted with
    /// `!r` unless it has a conversion or format spec of its own, as
    /// CPython's parser makes it.
    fn fstring_body(&mut self, f: &ast::ExprFString) -> Vec<u32> {
        let outer = std::mem::take(&mut self.out);
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => {
                    let s = self
                        .fold
                        .string_value(&ast::StringLiteralValue::single(lit.clone()));
                    self.braces_doubled(&s);
                }
                ast::FStringPart::FString(fs) => {
                    let raw = ast::StringFlags::prefix(fs.flags).is_raw();
                    self.fstring_elements(&fs.elements, raw);
                }
            }
        }
        std::mem::replace(&mut self.out, outer)
    }

    fn braces_doubled(&mut self, s: &PyStr) {
        for cp in s.code_points() {
            self.out.push(cp);
            if cp == u32::from('{') || cp == u32::from('}') {
                self.out.push(cp);
            }
        }
    }

    fn fstring_elements(&mut self, elements: &ast::InterpolatedStringElements, raw: bool) {
        for el in elements.iter() {
            match el {
                InterpolatedStringElement::Literal(lit) => {
                    let s = self.fold.fstring_literal(lit, raw);
                    self.braces_doubled(&s);
                }
                InterpolatedStringElement::Interpolation(i) => {
                    if let Some(debug) = &i.debug_text {
                        self.braces_doubled(&PyStr::new(debug.as_str()));
                    }
                    // The field's expression at a level above a test, so
                    // that a lambda's colon is parenthesized; one that
                    // starts with a brace is set off from the field's.
                    let outer = std::mem::take(&mut self.out);
                    self.expr(&i.expression, PR_TEST + 1);
                    let text = std::mem::replace(&mut self.out, outer);
                    self.s(if text.first() == Some(&u32::from('{')) {
                        "{ "
                    } else {
                        "{"
                    });
                    self.out.extend(text);
                    let conv = match i.conversion {
                        ConversionFlag::None
                            if i.debug_text.is_some() && i.format_spec.is_none() =>
                        {
                            "!r"
                        }
                        ConversionFlag::None => "",
                        ConversionFlag::Str => "!s",
                        ConversionFlag::Repr => "!r",
                        ConversionFlag::Ascii => "!a",
                    };
                    self.s(conv);
                    if let Some(spec) = &i.format_spec {
                        self.s(":");
                        self.fstring_elements(&spec.elements, raw);
                    }
                    self.s("}");
                }
            }
        }
    }
}

/// A binary operator's precedence level.
fn binop_precedence(op: Operator) -> u8 {
    match op {
        Operator::Add | Operator::Sub => PR_ARITH,
        Operator::Mult | Operator::MatMult | Operator::Div | Operator::Mod | Operator::FloorDiv => {
            PR_TERM
        }
        Operator::LShift | Operator::RShift => PR_SHIFT,
        Operator::BitOr => PR_BOR,
        Operator::BitXor => PR_BXOR,
        Operator::BitAnd => PR_BAND,
        Operator::Pow => PR_POWER,
    }
}
