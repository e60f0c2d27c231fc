//! Expression code generation (loads, stores, deletes, calls, displays,
//! comprehensions, f-strings, lambdas, conditional jumps).

use std::sync::Arc;

use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, Comprehension, ConversionFlag, Expr, ExprContext,
    InterpolatedStringElement, Operator, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, FBlockKind, Label};
use crate::bytecode::code::{Constant, PyStr};
use crate::bytecode::opcodes::{
    BinaryOperator, ComparisonOperator, Intrinsic1, Opcode, FVC_ASCII, FVC_NONE, FVC_REPR, FVC_STR,
    FVS_HAVE_SPEC, MAKE_FUNCTION_ANNOTATIONS, MAKE_FUNCTION_DEFAULTS, MAKE_FUNCTION_KWDEFAULTS,
};
use crate::bytecode::Location;
use crate::compiler::errors::expr_description;
use crate::compiler::symtable::{mangle, CompKind, ScopeKind};
use crate::compiler::CResult;

/// CPython's STACK_USE_GUIDELINE: displays/calls larger than this are built
/// incrementally.
const STACK_USE_GUIDELINE: usize = 30;

pub(super) fn binary_operator(op: Operator) -> BinaryOperator {
    match op {
        Operator::Add => BinaryOperator::Add,
        Operator::Sub => BinaryOperator::Subtract,
        Operator::Mult => BinaryOperator::Multiply,
        Operator::MatMult => BinaryOperator::MatrixMultiply,
        Operator::Div => BinaryOperator::TrueDivide,
        Operator::Mod => BinaryOperator::Remainder,
        Operator::Pow => BinaryOperator::Power,
        Operator::LShift => BinaryOperator::Lshift,
        Operator::RShift => BinaryOperator::Rshift,
        Operator::BitOr => BinaryOperator::Or,
        Operator::BitXor => BinaryOperator::Xor,
        Operator::BitAnd => BinaryOperator::And,
        Operator::FloorDiv => BinaryOperator::FloorDivide,
    }
}

fn is_starred(e: &Expr) -> bool {
    matches!(e, Expr::Starred(_))
}

impl<'a> Compiler<'a> {
    /// Compiles an expression that pushes exactly one value.
    pub fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.located(e.range(), |c| c.expr_inner(e))
    }

    /// Compiles an expression by `f` at `range`: its instructions carry
    /// that location, the one before is back afterwards.
    fn located(
        &mut self,
        range: TextRange,
        f: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        self.guard(range, |c| {
            let saved = c.unit().loc;
            c.set_loc(range);
            let r = f(c);
            c.unit().loc = saved;
            r
        })
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = if b.op == BoolOp::And {
                    Opcode::JumpIfFalseOrPop
                } else {
                    Opcode::JumpIfTrueOrPop
                };
                let (last, init) = b
                    .values
                    .split_last()
                    .ok_or_else(|| self.error(e.range(), "invalid syntax"))?;
                for v in init {
                    self.expr(v)?;
                    self.emit_jump(op, end);
                }
                self.expr(last)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Opcode::Copy, 1);
                self.store(&n.target)?;
            }
            Expr::BinOp(b) => {
                if let Some(c) = self.fold_ctx().fold(e) {
                    self.load_const(c);
                } else {
                    self.expr(&b.left)?;
                    self.expr(&b.right)?;
                    self.emit(Opcode::BinaryOp, binary_operator(b.op) as u32);
                }
            }
            Expr::UnaryOp(u) => {
                if let Some(c) = self.fold_ctx().fold(e) {
                    self.load_const(c);
                } else {
                    if u.op == UnaryOp::Not {
                        self.note_not(u);
                    }
                    self.expr(&u.operand)?;
                    match u.op {
                        UnaryOp::Not => self.emit(Opcode::UnaryNot, 0),
                        UnaryOp::USub => self.emit(Opcode::UnaryNegative, 0),
                        UnaryOp::Invert => self.emit(Opcode::UnaryInvert, 0),
                        UnaryOp::UAdd => {
                            self.emit(Opcode::CallIntrinsic1, Intrinsic1::UnaryPositive as u32)
                        }
                    }
                }
            }
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::If(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, next, false)?;
                self.expr(&i.body)?;
                self.jump(end);
                self.bind(next);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.dict(d)?,
            Expr::Set(s) => self.starunpack(
                &s.elts,
                0,
                Opcode::BuildSet,
                Opcode::SetAdd,
                Opcode::SetUpdate,
                false,
            )?,
            Expr::ListComp(c) => {
                self.comprehension(c, CompKind::List, &c.generators, &c.elt, None, c.range)?
            }
            Expr::SetComp(c) => {
                self.comprehension(c, CompKind::Set, &c.generators, &c.elt, None, c.range)?
            }
            Expr::DictComp(c) => {
                let key = c.key.as_deref().ok_or_else(|| {
                    self.error(
                        c.range,
                        "dict unpacking cannot be used in dict comprehension",
                    )
                })?;
                self.comprehension(
                    c,
                    CompKind::Dict,
                    &c.generators,
                    key,
                    Some(&c.value),
                    c.range,
                )?
            }
            Expr::Generator(c) => {
                self.comprehension(c, CompKind::Generator, &c.generators, &c.elt, None, c.range)?
            }
            Expr::Await(a) => {
                self.check_await(
                    e.range(),
                    "'await' outside function",
                    "'await' outside async function",
                )?;
                self.expr(&a.value)?;
                self.await_top(0);
            }
            Expr::Yield(y) => {
                self.check_in_function(e.range(), "'yield' outside function")?;
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(Opcode::YieldValue, 0);
            }
            Expr::YieldFrom(y) => {
                self.check_in_function(e.range(), "'yield' outside function")?;
                if self.unit_ref().is_async {
                    return Err(self.error(e.range(), "'yield from' inside async function"));
                }
                self.expr(&y.value)?;
                self.emit(Opcode::GetYieldFromIter, 0);
                self.load_const(Constant::None);
                self.emit(Opcode::YieldFrom, 0);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => {
                return Err(self.error(t.range, "template strings (t-strings) are not supported"))
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                let c = self.fold_ctx().fold(e).unwrap_or(Constant::None);
                self.load_const(c);
            }
            Expr::Attribute(a) => match a.ctx {
                ExprContext::Load | ExprContext::Invalid => {
                    self.expr(&a.value)?;
                    let idx = self.mangled_name_index(a.attr.as_str());
                    let at = self.attr_location(a);
                    self.unit().loc = at;
                    self.emit(Opcode::LoadAttr, idx);
                }
                ExprContext::Store => {
                    return Err(
                        self.error(a.range, "internal compiler error: store in load context")
                    )
                }
                ExprContext::Del => self.delete(e)?,
            },
            Expr::Subscript(s) => {
                if let Some(c) = self.fold_ctx().fold(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.check_subscript(s);
                if let Expr::Slice(sl) = &*s.slice {
                    if sl.step.is_none() {
                        self.expr(&s.value)?;
                        self.slice_bounds(sl)?;
                        self.set_loc(s.range);
                        self.emit(Opcode::BinarySlice, 0);
                    } else {
                        self.expr(&s.value)?;
                        self.expr(&s.slice)?;
                        self.set_loc(s.range);
                        self.emit(Opcode::BinarySubscr, 0);
                    }
                } else {
                    self.expr(&s.value)?;
                    self.expr(&s.slice)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::BinarySubscr, 0);
                }
            }
            Expr::Starred(s) => {
                return Err(self.error(s.range, "can't use starred expression here"))
            }
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    self.load_const(Constant::Bool(self.flags.optimize == 0));
                } else {
                    self.name_op(n.id.as_str(), ExprContext::Load, n.range)?;
                }
            }
            Expr::List(l) => self.list_display(&l.elts)?,
            Expr::Tuple(t) => {
                if let Some(c) = self.fold_ctx().fold(e) {
                    self.load_const(c);
                } else {
                    self.starunpack(
                        &t.elts,
                        0,
                        Opcode::BuildList,
                        Opcode::ListAppend,
                        Opcode::ListExtend,
                        true,
                    )?;
                }
            }
            Expr::Slice(s) => {
                self.slice_bounds(s)?;
                match &s.step {
                    Some(step) => {
                        self.expr(step)?;
                        self.emit(Opcode::BuildSlice, 3);
                    }
                    None => self.emit(Opcode::BuildSlice, 2),
                }
            }
            Expr::IpyEscapeCommand(i) => return Err(self.error(i.range, "invalid syntax")),
        }
        Ok(())
    }

    fn slice_bounds(&mut self, s: &'a ast::ExprSlice) -> CResult<()> {
        for bound in [&s.lower, &s.upper] {
            match bound {
                Some(b) => self.expr(b)?,
                None => self.load_const(Constant::None),
            }
        }
        Ok(())
    }

    /// `GET_AWAITABLE where; LOAD_CONST None; YIELD_FROM`.
    pub fn await_top(&mut self, where_: u32) {
        self.emit(Opcode::GetAwaitable, where_);
        self.load_const(Constant::None);
        self.emit(Opcode::YieldFrom, 0);
    }

    fn check_in_function(&self, range: TextRange, msg: &str) -> CResult<()> {
        if self.unit_ref().kind.is_function_like() {
            Ok(())
        } else {
            Err(self.error(range, msg))
        }
    }

    /// Checks that `await`-like constructs are allowed here.
    pub fn check_await(
        &mut self,
        range: TextRange,
        outside_fn: &str,
        outside_async: &str,
    ) -> CResult<()> {
        let u = self.unit_ref();
        if u.kind == ScopeKind::Module && self.flags.allow_top_level_await && self.units.len() == 1
        {
            self.unit()
                .flags
                .insert(crate::bytecode::CodeFlags::COROUTINE);
            return Ok(());
        }
        if !u.kind.is_function_like() {
            return Err(self.error(range, outside_fn));
        }
        if !u.is_async && !matches!(u.kind, ScopeKind::Comprehension(_)) {
            return Err(self.error(range, outside_async));
        }
        Ok(())
    }

    // ------------------------------------------------------------ stores

    /// Stores the top of the stack into an assignment target.
    pub fn store(&mut self, t: &'a Expr) -> CResult<()> {
        self.guard(t.range(), |c| c.store_inner(t))
    }

    fn store_inner(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => {
                // A target on its own line is that line's event.
                self.set_loc(n.range);
                self.name_op(n.id.as_str(), ExprContext::Store, n.range)
            }
            Expr::Attribute(a) => {
                if a.attr.as_str() == "__debug__" {
                    return Err(self.error(a.range, "cannot assign to __debug__"));
                }
                self.expr(&a.value)?;
                let idx = self.mangled_name_index(a.attr.as_str());
                let at = self.attr_location(a);
                self.unit().loc = at;
                self.emit(Opcode::StoreAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                match &*s.slice {
                    Expr::Slice(sl) if sl.step.is_none() => {
                        self.slice_bounds(sl)?;
                        self.set_loc(s.range);
                        self.emit(Opcode::StoreSlice, 0);
                    }
                    other => {
                        self.expr(other)?;
                        self.set_loc(s.range);
                        self.emit(Opcode::StoreSubscr, 0);
                    }
                }
                Ok(())
            }
            Expr::Tuple(tu) => self.unpack_store(&tu.elts, t.range()),
            Expr::List(l) => self.unpack_store(&l.elts, t.range()),
            Expr::Starred(s) => Err(self.error(
                s.range,
                "starred assignment target must be in a list or tuple",
            )),
            other => Err(self.error(
                other.range(),
                format!("cannot assign to {}", expr_description(other)),
            )),
        }
    }

    fn unpack_store(&mut self, elts: &'a [Expr], range: TextRange) -> CResult<()> {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| is_starred(e))
            .map(|(i, _)| i)
            .collect();
        if stars.len() > 1 {
            return Err(self.error(range, "multiple starred expressions in assignment"));
        }
        self.set_loc(range);
        if let Some(&i) = stars.first() {
            let after = elts.len() - i - 1;
            if i >= 256 || after >= (1 << 24) {
                return Err(self.error(range, "too many expressions in star-unpacking assignment"));
            }
            self.emit(Opcode::UnpackEx, (i as u32) | ((after as u32) << 8));
        } else {
            self.emit(Opcode::UnpackSequence, elts.len() as u32);
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store(&s.value)?,
                other => self.store(other)?,
            }
        }
        Ok(())
    }

    /// Compiles `del target`.
    pub fn delete(&mut self, t: &'a Expr) -> CResult<()> {
        self.guard(t.range(), |c| match t {
            Expr::Name(n) => {
                // CPython locates DELETE_NAME/FAST at the name itself.
                c.set_loc(n.range);
                c.name_op(n.id.as_str(), ExprContext::Del, n.range)
            }
            Expr::Attribute(a) => {
                c.expr(&a.value)?;
                let idx = c.mangled_name_index(a.attr.as_str());
                c.set_loc(a.range);
                c.emit(Opcode::DeleteAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                c.expr(&s.value)?;
                c.expr(&s.slice)?;
                c.set_loc(s.range);
                c.emit(Opcode::DeleteSubscr, 0);
                Ok(())
            }
            Expr::Tuple(tu) => tu.elts.iter().try_for_each(|e| c.delete(e)),
            Expr::List(l) => l.elts.iter().try_for_each(|e| c.delete(e)),
            other => Err(c.error(
                other.range(),
                format!("cannot delete {}", expr_description(other)),
            )),
        })
    }

    // ----------------------------------------------------------- displays

    fn list_display(&mut self, elts: &'a [Expr]) -> CResult<()> {
        self.starunpack(
            elts,
            0,
            Opcode::BuildList,
            Opcode::ListAppend,
            Opcode::ListExtend,
            false,
        )
    }

    fn all_const(&self, elts: &[Expr]) -> Option<Vec<Constant>> {
        let ctx = self.fold_ctx();
        elts.iter()
            .map(|e| if is_starred(e) { None } else { ctx.fold(e) })
            .collect()
    }

    /// CPython's `starunpack_helper`: builds a list/set/tuple from `elts`
    /// (with `pushed` items already on the stack), handling `*x` items.
    pub fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult<()> {
        let n = elts.len();
        if n > 2 && pushed == 0 {
            if let Some(consts) = self.all_const(elts) {
                if tuple {
                    self.load_const(Constant::Tuple(consts.into()));
                } else if build == Opcode::BuildSet {
                    self.emit(build, 0);
                    self.load_const(frozenset(consts));
                    self.emit(extend, 1);
                } else {
                    self.emit(build, 0);
                    self.load_const(Constant::Tuple(consts.into()));
                    self.emit(extend, 1);
                }
                return Ok(());
            }
        }
        let seen_star = elts.iter().any(is_starred);
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        if !seen_star && !big {
            for e in elts {
                self.expr(e)?;
            }
            let total = n as u32 + pushed;
            if tuple {
                self.emit(Opcode::BuildTuple, total);
            } else {
                self.emit(build, total);
            }
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.expr(&s.value)?;
                self.emit(extend, 1);
            } else {
                self.expr(e)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if !built {
            self.emit(build, n as u32 + pushed);
        }
        if tuple {
            self.emit(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> CResult<()> {
        let items = &d.items;
        let mut have_dict = false;
        let mut elements = 0usize;
        for (i, item) in items.iter().enumerate() {
            if item.key.is_none() {
                if elements > 0 {
                    self.subdict(&items[i - elements..i])?;
                    if have_dict {
                        self.emit(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BuildMap, 0);
                    have_dict = true;
                }
                self.expr(&item.value)?;
                self.emit(Opcode::DictUpdate, 1);
            } else {
                if elements * 2 > STACK_USE_GUIDELINE {
                    self.subdict(&items[i - elements..i])?;
                    if have_dict {
                        self.emit(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(&items[items.len() - elements..])?;
            if have_dict {
                self.emit(Opcode::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BuildMap, 0);
        }
        Ok(())
    }

    fn subdict(&mut self, items: &'a [ast::DictItem]) -> CResult<()> {
        let n = items.len();
        if n * 2 > STACK_USE_GUIDELINE {
            // A long run of pairs: one pair on the stack at a time, so the
            // stack stays small however long the literal is.
            self.emit(Opcode::BuildMap, 0);
            for item in items {
                if let Some(k) = &item.key {
                    self.expr(k)?;
                }
                self.expr(&item.value)?;
                self.emit(Opcode::MapAdd, 1);
            }
            return Ok(());
        }
        let ctx = self.fold_ctx();
        let keys: Option<Vec<Constant>> = items
            .iter()
            .map(|i| i.key.as_ref().and_then(|k| ctx.fold(k)))
            .collect();
        match keys {
            Some(keys) if n > 1 => {
                for item in items {
                    self.expr(&item.value)?;
                }
                self.load_const(Constant::Tuple(keys.into()));
                self.emit(Opcode::BuildConstKeyMap, n as u32);
            }
            _ => {
                for item in items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
                self.emit(Opcode::BuildMap, n as u32);
            }
        }
        Ok(())
    }

    // ------------------------------------------------------- comparisons

    fn cmp_op(&mut self, op: CmpOp) {
        let (opcode, arg) = match op {
            CmpOp::Eq => (Opcode::CompareOp, ComparisonOperator::Equal as u32),
            CmpOp::NotEq => (Opcode::CompareOp, ComparisonOperator::NotEqual as u32),
            CmpOp::Lt => (Opcode::CompareOp, ComparisonOperator::Less as u32),
            CmpOp::LtE => (Opcode::CompareOp, ComparisonOperator::LessEqual as u32),
            CmpOp::Gt => (Opcode::CompareOp, ComparisonOperator::Greater as u32),
            CmpOp::GtE => (Opcode::CompareOp, ComparisonOperator::GreaterEqual as u32),
            CmpOp::Is => (Opcode::IsOp, 0),
            CmpOp::IsNot => (Opcode::IsOp, 1),
            CmpOp::In => (Opcode::ContainsOp, 0),
            CmpOp::NotIn => (Opcode::ContainsOp, 1),
        };
        self.emit(opcode, arg);
    }

    /// Compiles a comparison operand; `x in [consts]`/`{consts}` become a
    /// constant tuple/frozenset.
    fn comparator(&mut self, op: CmpOp, e: &'a Expr) -> CResult<()> {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            match e {
                Expr::List(l) => {
                    if let Some(c) = self.all_const(&l.elts) {
                        self.load_const(Constant::Tuple(c.into()));
                        return Ok(());
                    }
                }
                Expr::Set(s) => {
                    if let Some(c) = self.all_const(&s.elts) {
                        self.load_const(frozenset(c));
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        self.expr(e)
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult<()> {
        let n = c.ops.len();
        if n == 0 || c.comparators.len() != n {
            return Err(self.error(c.range, "invalid syntax"));
        }
        self.check_compare(c);
        self.expr(&c.left)?;
        if n == 1 {
            self.comparator(c.ops[0], &c.comparators[0])?;
            self.set_loc(c.range);
            self.cmp_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            // Middle operands are also the left side of the next comparison:
            // no list/set-to-constant rewriting for them.
            self.expr(&c.comparators[i])?;
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::Copy, 2);
            self.cmp_op(c.ops[i]);
            self.emit_jump(Opcode::JumpIfFalseOrPop, cleanup);
        }
        self.comparator(c.ops[n - 1], &c.comparators[n - 1])?;
        self.cmp_op(c.ops[n - 1]);
        let end = self.new_label();
        self.jump(end);
        self.bind(cleanup);
        self.emit(Opcode::Swap, 2);
        self.emit(Opcode::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    /// Jumps to `label` if truth(e) == cond; falls through otherwise.
    pub fn jump_if(&mut self, e: &'a Expr, label: Label, cond: bool) -> CResult<()> {
        self.located(e.range(), |c| c.jump_if_inner(e, label, cond))
    }

    fn jump_if_inner(&mut self, e: &'a Expr, label: Label, cond: bool) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                self.note_not(u);
                return self.jump_if(&u.operand, label, !cond);
            }
            Expr::BoolOp(b) => {
                let cond2 = b.op == BoolOp::Or;
                let next2 = if cond != cond2 {
                    self.new_label()
                } else {
                    label
                };
                let (last, init) = b
                    .values
                    .split_last()
                    .ok_or_else(|| self.error(e.range(), "invalid syntax"))?;
                for v in init {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(last, label, cond)?;
                if next2 != label {
                    self.bind(next2);
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, next2, false)?;
                self.jump_if(&i.body, label, cond)?;
                self.jump(end);
                self.bind(next2);
                self.jump_if(&i.orelse, label, cond)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 && c.comparators.len() == c.ops.len() => {
                self.check_compare(c);
                let n = c.ops.len();
                let cleanup = self.new_label();
                self.expr(&c.left)?;
                for i in 0..n - 1 {
                    self.comparator(c.ops[i], &c.comparators[i])?;
                    self.emit(Opcode::Swap, 2);
                    self.emit(Opcode::Copy, 2);
                    self.cmp_op(c.ops[i]);
                    self.emit_jump(Opcode::PopJumpIfFalse, cleanup);
                }
                self.comparator(c.ops[n - 1], &c.comparators[n - 1])?;
                self.cmp_op(c.ops[n - 1]);
                self.emit_jump(
                    if cond {
                        Opcode::PopJumpIfTrue
                    } else {
                        Opcode::PopJumpIfFalse
                    },
                    label,
                );
                let end = self.new_label();
                self.jump(end);
                self.bind(cleanup);
                self.emit(Opcode::PopTop, 0);
                if !cond {
                    self.jump(label);
                }
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops.first(), Some(CmpOp::Is | CmpOp::IsNot))
                    && matches!(c.comparators.first(), Some(Expr::NoneLiteral(_))) =>
            {
                self.check_compare(c);
                self.expr(&c.left)?;
                let is_none = (c.ops.first() == Some(&CmpOp::Is)) == cond;
                self.emit_jump(
                    if is_none {
                        Opcode::PopJumpIfNone
                    } else {
                        Opcode::PopJumpIfNotNone
                    },
                    label,
                );
                return Ok(());
            }
            _ => {}
        }
        if let Some(k) = self.fold_ctx().fold(e) {
            // CPython 3.11 folds a constant test into a jump or nothing but
            // keeps a NOP on the test's line, so tracing reports the line
            // of `if False:` or `while 1:`.
            self.emit(Opcode::Nop, 0);
            if k.truthy() == cond {
                self.jump(label);
            }
            return Ok(());
        }
        self.expr(e)?;
        self.emit_jump(
            if cond {
                Opcode::PopJumpIfTrue
            } else {
                Opcode::PopJumpIfFalse
            },
            label,
        );
        Ok(())
    }

    // ------------------------------------------------- compile-time warnings
    // CPython 3.11's compiler warnings (compile.c: check_compare,
    // check_caller, check_subscripter, check_index) look at the AST after
    // its constant folding: "a constant" below is what `fold` reduces to one.

    /// The type CPython's `infer_type` gives an expression, if any.
    fn infer_type(&self, e: &Expr) -> Option<&'static str> {
        Some(match e {
            Expr::Tuple(_) => "tuple",
            Expr::List(_) | Expr::ListComp(_) => "list",
            Expr::Dict(_) | Expr::DictComp(_) => "dict",
            Expr::Set(_) | Expr::SetComp(_) => "set",
            Expr::Generator(_) => "generator",
            Expr::Lambda(_) => "function",
            Expr::FString(_) => "str",
            _ => return self.fold_ctx().fold(e).map(|c| c.type_name()),
        })
    }

    /// Records that the single `is`/`is not` comparison under this chain of
    /// `not`s is inverted by CPython's AST optimizer when the chain is odd.
    fn note_not(&mut self, u: &ast::ExprUnaryOp) {
        let mut inner = &*u.operand;
        let mut odd = true;
        while let Expr::UnaryOp(v) = inner {
            if v.op != UnaryOp::Not {
                break;
            }
            inner = &v.operand;
            odd = !odd;
        }
        if let Expr::Compare(c) = inner {
            if c.ops.len() == 1 && matches!(c.ops[0], CmpOp::Is | CmpOp::IsNot) {
                let key = c as *const ast::ExprCompare as usize;
                self.negated_compares.entry(key).or_insert(odd);
            }
        }
    }

    /// `check_compare`: `is` / `is not` with a literal operand (a constant
    /// other than None, True, False and Ellipsis).
    fn check_compare(&mut self, c: &ast::ExprCompare) {
        let literal = |me: &Self, e: &Expr| {
            me.fold_ctx().fold(e).is_some_and(|k| {
                !matches!(k, Constant::None | Constant::Bool(_) | Constant::Ellipsis)
            })
        };
        let negated = c.ops.len() == 1
            && self
                .negated_compares
                .get(&(c as *const ast::ExprCompare as usize))
                .copied()
                .unwrap_or(false);
        let mut left = literal(self, &c.left);
        for (op, right_e) in c.ops.iter().zip(c.comparators.iter()) {
            let right = literal(self, right_e);
            let is = match op {
                CmpOp::Is => Some(!negated),
                CmpOp::IsNot => Some(negated),
                _ => None,
            };
            if let Some(is) = is {
                if left || right {
                    self.warn(
                        c.range,
                        if is {
                            "\"is\" with a literal. Did you mean \"==\"?"
                        } else {
                            "\"is not\" with a literal. Did you mean \"!=\"?"
                        },
                    );
                    return;
                }
            }
            left = right;
        }
    }

    /// `check_caller`: calling a literal or a display.
    fn check_caller(&mut self, func: &Expr, range: TextRange) {
        let flagged = matches!(
            func,
            Expr::Tuple(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::Dict(_)
                | Expr::DictComp(_)
                | Expr::Set(_)
                | Expr::SetComp(_)
                | Expr::Generator(_)
                | Expr::FString(_)
        ) || self.fold_ctx().fold(func).is_some();
        if flagged {
            if let Some(t) = self.infer_type(func) {
                self.warn(
                    range,
                    format!("'{t}' object is not callable; perhaps you missed a comma?"),
                );
            }
        }
    }

    /// `check_subscripter` and `check_index` for a loaded `value[slice]`.
    fn check_subscript(&mut self, s: &ast::ExprSubscript) {
        let value = &*s.value;
        let folded = self.fold_ctx().fold(value);
        let subscripter = match &folded {
            Some(k) => matches!(
                k,
                Constant::None
                    | Constant::Ellipsis
                    | Constant::Int(_)
                    | Constant::BigInt(_)
                    | Constant::Bool(_)
                    | Constant::Float(_)
                    | Constant::Complex(..)
                    | Constant::FrozenSet(_)
            ),
            None => matches!(
                value,
                Expr::Set(_) | Expr::SetComp(_) | Expr::Generator(_) | Expr::Lambda(_)
            ),
        };
        if subscripter {
            if let Some(t) = self.infer_type(value) {
                self.warn(
                    s.range,
                    format!("'{t}' object is not subscriptable; perhaps you missed a comma?"),
                );
            }
        }
        let index_type = match self.infer_type(&s.slice) {
            None | Some("int") | Some("bool") => return,
            Some(t) => t,
        };
        let indexed = match &folded {
            Some(k) => matches!(
                k,
                Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)
            ),
            None => matches!(
                value,
                Expr::Tuple(_) | Expr::List(_) | Expr::ListComp(_) | Expr::FString(_)
            ),
        };
        if indexed {
            if let Some(t) = self.infer_type(value) {
                self.warn(
                    s.range,
                    format!(
                        "{t} indices must be integers or slices, not {index_type}; \
                         perhaps you missed a comma?"
                    ),
                );
            }
        }
    }

    // ------------------------------------------------------------- calls

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult<()> {
        self.check_caller(&c.func, c.range());
        self.check_keywords(&c.arguments)?;
        let simple = !c.arguments.args.iter().any(is_starred)
            && !c.arguments.keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Attribute(a) = &*c.func {
            if simple
                && a.ctx == ExprContext::Load
                && c.arguments.args.len() + c.arguments.keywords.len() < STACK_USE_GUIDELINE
            {
                self.expr(&a.value)?;
                let idx = self.mangled_name_index(a.attr.as_str());
                let at = self.attr_location(a);
                self.unit().loc = at;
                self.emit(Opcode::LoadMethod, idx);
                // CPython 3.11 (update_start_location_to_match_attr): when
                // the attribute ends on a later line than the expression
                // starts, the call starts at the attribute name, keeping
                // the call's end column.
                let mut call = self.loc_of(c.range());
                let attr = self.loc_of(a.range);
                let moved = (call.line != attr.end_line).then(|| {
                    call.line = attr.end_line;
                    call.col = attr
                        .end_col
                        .saturating_sub(a.attr.as_str().chars().count() as u32);
                    call.end_line = attr.end_line;
                    call
                });
                return self.call_helper_at(0, &c.arguments, c.range(), None, moved);
            }
        }
        self.expr(&c.func)?;
        self.emit(Opcode::PushNull, 0);
        self.call_helper(0, &c.arguments, c.range())
    }

    /// Where CPython 3.11 locates a load/store of attribute `a`: the whole
    /// expression, or only the attribute name (to the expression's end)
    /// when the name ends on a later line than the expression starts.
    pub fn attr_location(&self, a: &ast::ExprAttribute) -> Location {
        let mut loc = self.loc_of(a.range);
        if loc.line != loc.end_line {
            loc.line = loc.end_line;
            loc.col = loc
                .end_col
                .saturating_sub(a.attr.as_str().chars().count() as u32);
        }
        loc
    }

    fn check_keywords(&self, args: &ast::Arguments) -> CResult<()> {
        let mut seen: Vec<&str> = Vec::new();
        for k in args.keywords.iter() {
            if let Some(name) = &k.arg {
                if name.as_str() == "__debug__" {
                    return Err(self.error(k.range, "cannot assign to __debug__"));
                }
                if seen.contains(&name.as_str()) {
                    return Err(self.error(
                        k.range,
                        format!("keyword argument repeated: {}", name.as_str()),
                    ));
                }
                seen.push(name.as_str());
            }
        }
        Ok(())
    }

    /// Emits the arguments and the call; the callable and its
    /// `self_or_null` slot plus `pushed` positional arguments are already
    /// on the stack.
    pub fn call_helper(
        &mut self,
        pushed: u32,
        args: &'a ast::Arguments,
        range: TextRange,
    ) -> CResult<()> {
        self.call_helper_extra(pushed, args, range, None)
    }

    /// [`Self::call_helper`] with one more positional argument after
    /// `args`' own: the value of the (synthetic) variable `extra`, as CPython
    /// appends `.generic_base` to a generic class's bases.
    pub fn call_helper_extra(
        &mut self,
        pushed: u32,
        args: &'a ast::Arguments,
        range: TextRange,
        extra: Option<&str>,
    ) -> CResult<()> {
        self.call_helper_at(pushed, args, range, extra, None)
    }

    /// [`Self::call_helper_extra`] with the call instruction located at
    /// `at` when given (a method call whose attribute starts a line).
    fn call_helper_at(
        &mut self,
        pushed: u32,
        args: &'a ast::Arguments,
        range: TextRange,
        extra: Option<&str>,
        at: Option<Location>,
    ) -> CResult<()> {
        self.check_keywords(args)?;
        let positional = &args.args;
        let keywords = &args.keywords;
        let needs_ex = positional.iter().any(is_starred)
            || keywords.iter().any(|k| k.arg.is_none())
            || positional.len()
                + usize::from(extra.is_some())
                + pushed as usize
                + 2 * keywords.len()
                > STACK_USE_GUIDELINE;
        if !needs_ex {
            // A generator expression that is the call's only argument has
            // the call's parentheses for its own, and CPython locates it
            // there (its frame's instructions, in tracebacks).
            match (&positional[..], keywords.is_empty(), extra) {
                ([Expr::Generator(g)], true, None) if !g.parenthesized => {
                    self.located(args.range, |c| {
                        c.comprehension(
                            g,
                            CompKind::Generator,
                            &g.generators,
                            &g.elt,
                            None,
                            args.range,
                        )
                    })?;
                }
                _ => {
                    for a in positional.iter() {
                        self.expr(a)?;
                    }
                }
            }
            if let Some(x) = extra {
                self.name_op(x, ExprContext::Load, range)?;
            }
            for k in keywords.iter() {
                self.expr(&k.value)?;
            }
            let total = pushed
                + positional.len() as u32
                + u32::from(extra.is_some())
                + keywords.len() as u32;
            match at {
                Some(l) => self.unit().loc = l,
                None => self.set_loc(range),
            }
            if keywords.is_empty() {
                self.emit(Opcode::Call, total);
            } else {
                let names: Vec<Constant> = keywords
                    .iter()
                    .map(|k| Constant::str(k.arg.as_ref().map_or("", |a| a.as_str())))
                    .collect();
                self.load_const(Constant::Tuple(names.into()));
                self.emit(Opcode::CallKw, total);
            }
            return Ok(());
        }
        // Positional arguments as one iterable.
        if let Some(x) = extra {
            self.starunpack(
                positional,
                pushed,
                Opcode::BuildList,
                Opcode::ListAppend,
                Opcode::ListExtend,
                false,
            )?;
            self.name_op(x, ExprContext::Load, range)?;
            self.emit(Opcode::ListAppend, 1);
            self.emit(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
        } else if pushed == 0 && positional.len() == 1 && is_starred(&positional[0]) {
            if let Expr::Starred(s) = &positional[0] {
                self.expr(&s.value)?;
            }
        } else {
            self.starunpack(
                positional,
                pushed,
                Opcode::BuildList,
                Opcode::ListAppend,
                Opcode::ListExtend,
                true,
            )?;
        }
        let mut have_dict = false;
        if !keywords.is_empty() {
            let mut pending_start = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if i > pending_start {
                        self.subkwargs(&keywords[pending_start..i])?;
                        if have_dict {
                            self.emit(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                    }
                    if !have_dict {
                        self.emit(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Opcode::DictMerge, 1);
                    pending_start = i + 1;
                }
            }
            if keywords.len() > pending_start {
                self.subkwargs(&keywords[pending_start..])?;
                if have_dict {
                    self.emit(Opcode::DictMerge, 1);
                }
                have_dict = true;
            }
        }
        self.set_loc(range);
        self.emit(Opcode::CallFunctionEx, u32::from(have_dict));
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [ast::Keyword]) -> CResult<()> {
        let names: Vec<Constant> = kws
            .iter()
            .map(|k| Constant::str(k.arg.as_ref().map_or("", |a| a.as_str())))
            .collect();
        if kws.len() * 2 > STACK_USE_GUIDELINE {
            // Many keywords: one pair on the stack at a time.
            self.emit(Opcode::BuildMap, 0);
            for (k, n) in kws.iter().zip(names) {
                self.load_const(n);
                self.expr(&k.value)?;
                self.emit(Opcode::MapAdd, 1);
            }
        } else if kws.len() > 1 {
            for k in kws {
                self.expr(&k.value)?;
            }
            self.load_const(Constant::Tuple(names.into()));
            self.emit(Opcode::BuildConstKeyMap, kws.len() as u32);
        } else {
            for (k, n) in kws.iter().zip(names) {
                self.load_const(n);
                self.expr(&k.value)?;
            }
            self.emit(Opcode::BuildMap, kws.len() as u32);
        }
        Ok(())
    }

    // ---------------------------------------------------------- f-strings

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult<()> {
        let mut pieces = 0u32;
        let mut pending: Option<Vec<u32>> = None;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => {
                    let s = self
                        .fold_ctx()
                        .string_value(&ast::StringLiteralValue::single(lit.clone()));
                    pending.get_or_insert_with(Vec::new).extend(s.code_points());
                }
                ast::FStringPart::FString(fs) => {
                    let raw = ast::StringFlags::prefix(fs.flags).is_raw();
                    self.fstring_elements(fs.elements.iter(), raw, &mut pieces, &mut pending)?;
                }
            }
        }
        self.flush_literal(&mut pieces, &mut pending, true);
        if pieces > 1 {
            self.emit(Opcode::BuildString, pieces);
        }
        Ok(())
    }

    fn flush_literal(&mut self, pieces: &mut u32, pending: &mut Option<Vec<u32>>, final_: bool) {
        match pending.take() {
            Some(cps) if !cps.is_empty() || (final_ && *pieces == 0) => {
                let s = PyStr::from_code_points(cps).unwrap_or_else(|| PyStr::new(""));
                self.load_const(Constant::Str(s));
                *pieces += 1;
            }
            None if final_ && *pieces == 0 => {
                self.load_const(Constant::str(""));
                *pieces += 1;
            }
            _ => {}
        }
    }

    fn fstring_elements(
        &mut self,
        elements: impl Iterator<Item = &'a InterpolatedStringElement>,
        raw: bool,
        pieces: &mut u32,
        pending: &mut Option<Vec<u32>>,
    ) -> CResult<()> {
        for el in elements {
            match el {
                InterpolatedStringElement::Literal(lit) => {
                    let s = self.fold_ctx().fstring_literal(lit, raw);
                    pending.get_or_insert_with(Vec::new).extend(s.code_points());
                }
                InterpolatedStringElement::Interpolation(i) => {
                    if let Some(debug) = &i.debug_text {
                        pending
                            .get_or_insert_with(Vec::new)
                            .extend(debug.as_str().chars().map(u32::from));
                    }
                    self.flush_literal(pieces, pending, false);
                    let mut flags = match i.conversion {
                        ConversionFlag::None => {
                            if i.debug_text.is_some() && i.format_spec.is_none() {
                                FVC_REPR
                            } else {
                                FVC_NONE
                            }
                        }
                        ConversionFlag::Str => FVC_STR,
                        ConversionFlag::Repr => FVC_REPR,
                        ConversionFlag::Ascii => FVC_ASCII,
                    };
                    self.expr(&i.expression)?;
                    if let Some(spec) = &i.format_spec {
                        let mut spec_pieces = 0u32;
                        let mut spec_pending = None;
                        self.fstring_elements(
                            spec.elements.iter(),
                            raw,
                            &mut spec_pieces,
                            &mut spec_pending,
                        )?;
                        self.flush_literal(&mut spec_pieces, &mut spec_pending, true);
                        if spec_pieces > 1 {
                            self.emit(Opcode::BuildString, spec_pieces);
                        }
                        flags |= FVS_HAVE_SPEC;
                    }
                    self.set_loc(i.range);
                    self.emit(Opcode::FormatValue, flags);
                    *pieces += 1;
                }
            }
        }
        Ok(())
    }

    // ----------------------------------------------------- functions

    /// Pushes defaults/kwdefaults/annotations for a function and returns
    /// the MAKE_FUNCTION flags.
    pub fn function_prelude(
        &mut self,
        params: Option<&'a ast::Parameters>,
        returns: Option<&'a Expr>,
        annotations: bool,
    ) -> CResult<u32> {
        let mut flags = 0;
        if let Some(p) = params {
            let defaults: Vec<&Expr> = p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .filter_map(|a| a.default.as_deref())
                .collect();
            if !defaults.is_empty() {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Opcode::BuildTuple, defaults.len() as u32);
                flags |= MAKE_FUNCTION_DEFAULTS;
            }
            let kw: Vec<&ast::ParameterWithDefault> = p
                .kwonlyargs
                .iter()
                .filter(|a| a.default.is_some())
                .collect();
            if !kw.is_empty() {
                for a in &kw {
                    let name = mangle(
                        self.unit_ref().private.as_deref(),
                        a.parameter.name.as_str(),
                    );
                    self.load_const(Constant::str(&name));
                    if let Some(d) = &a.default {
                        self.expr(d)?;
                    }
                }
                self.emit(Opcode::BuildMap, kw.len() as u32);
                flags |= MAKE_FUNCTION_KWDEFAULTS;
            }
        }
        if annotations {
            flags |= self.push_annotations(params, returns)?;
        }
        Ok(flags)
    }

    /// Pushes the annotations tuple of a function (if it has any) and
    /// returns the MAKE_FUNCTION flag for it.
    pub fn push_annotations(
        &mut self,
        params: Option<&'a ast::Parameters>,
        returns: Option<&'a Expr>,
    ) -> CResult<u32> {
        let mut flags = 0;
        {
            let mut n = 0u32;
            if let Some(p) = params {
                // CPython 3.11 (compiler_visit_annotations) visits the
                // regular arguments before the positional-only ones.
                let ordered = p
                    .args
                    .iter()
                    .chain(p.posonlyargs.iter())
                    .map(|a| &a.parameter)
                    .chain(p.vararg.as_deref())
                    .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
                    .chain(p.kwarg.as_deref());
                for param in ordered {
                    if let Some(ann) = &param.annotation {
                        let name = mangle(self.unit_ref().private.as_deref(), param.name.as_str());
                        self.load_const(Constant::str(&name));
                        self.annotation_value(ann)?;
                        n += 1;
                    }
                }
            }
            if let Some(r) = returns {
                self.load_const(Constant::str("return"));
                self.annotation_value(r)?;
                n += 1;
            }
            if n > 0 {
                self.emit(Opcode::BuildTuple, 2 * n);
                flags |= MAKE_FUNCTION_ANNOTATIONS;
            }
        }
        Ok(flags)
    }

    /// Pushes an annotation's value (a string under `from __future__ import annotations`).
    pub fn annotation_value(&mut self, ann: &'a Expr) -> CResult<()> {
        if self.future_annotations {
            let c = match self.annotation_texts.get(&(ann as *const Expr as usize)) {
                Some(t) => Constant::str(t),
                None => Constant::Str(crate::compiler::unparse::annotation_text(
                    ann,
                    self.fold_ctx(),
                )),
            };
            self.load_const(c);
            Ok(())
        } else if let Expr::Starred(st) = ann {
            // `*args: *Ts` (PEP 646): the annotation is the single item the
            // starred value unpacks to.
            self.expr(&st.value)?;
            self.emit(Opcode::UnpackSequence, 1);
            Ok(())
        } else {
            self.expr(ann)
        }
    }

    fn set_params(&mut self, p: Option<&ast::Parameters>) {
        if let Some(p) = p {
            let u = self.unit();
            u.posonlyargcount = p.posonlyargs.len() as u32;
            u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
            u.kwonlyargcount = p.kwonlyargs.len() as u32;
            if p.vararg.is_some() {
                u.flags.insert(crate::bytecode::CodeFlags::VARARGS);
            }
            if p.kwarg.is_some() {
                u.flags.insert(crate::bytecode::CodeFlags::VARKEYWORDS);
            }
        }
    }

    /// Qualname of a function/class named `name` defined here (a name
    /// declared global gets no prefix).
    pub fn def_qualname(&self, name: &str) -> String {
        let u = self.unit_ref();
        if u.kind != ScopeKind::Module {
            let mangled = mangle(u.private.as_deref(), name);
            if self.symtable.scopes[u.scope].scope_of(&mangled)
                == crate::compiler::symtable::SymbolScope::GlobalExplicit
            {
                return name.to_owned();
            }
        }
        self.qualname_for(name)
    }

    /// Compiles a function body into a code object.
    pub fn function_code(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        first_lineno: u32,
    ) -> CResult<Arc<crate::bytecode::CodeObject>> {
        let scope = self
            .symtable
            .scope_for(f)
            .ok_or_else(|| self.error(f.range, "internal compiler error: missing scope"))?;
        let qualname = self.def_qualname(f.name.as_str());
        let private = self.unit_ref().private.clone();
        self.enter_unit(
            scope,
            ScopeKind::Function,
            f.name.as_str(),
            &qualname,
            first_lineno,
            private,
        );
        self.set_loc(f.range);
        self.set_params(Some(&f.parameters));
        let doc = if self.flags.optimize >= 2 {
            None
        } else {
            self.docstring(&f.body)
        };
        let has_doc = self.docstring(&f.body).is_some();
        self.add_const(doc.unwrap_or(Constant::None));
        let body = if has_doc { &f.body[1..] } else { &f.body[..] };
        self.stmts(body)?;
        self.implicit_return();
        self.exit_unit()
    }

    /// `RETURN_CONST None` at the end of a body, with no location of its
    /// own (as CPython's): tracing reports it at the line run last.
    pub fn implicit_return(&mut self) {
        let loc = self.unit().loc;
        self.unit().loc = Default::default();
        self.load_const_return(Constant::None);
        self.unit().loc = loc;
    }

    pub fn load_const_return(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::ReturnConst, i);
    }

    fn lambda(&mut self, l: &'a ast::ExprLambda) -> CResult<()> {
        let flags = self.function_prelude(l.parameters.as_deref(), None, false)?;
        let scope = self
            .symtable
            .scope_for(l)
            .ok_or_else(|| self.error(l.range, "internal compiler error: missing scope"))?;
        let qualname = self.qualname_for("<lambda>");
        let private = self.unit_ref().private.clone();
        let line = self.line_of(l.range);
        self.enter_unit(
            scope,
            ScopeKind::Lambda,
            "<lambda>",
            &qualname,
            line,
            private,
        );
        self.set_loc(l.range);
        self.set_params(l.parameters.as_deref());
        self.add_const(Constant::None);
        self.expr(&l.body)?;
        // A generator lambda returns its body's value too: `lambda: (yield)`
        // ends with the value sent to it (CPython 3.8+).
        self.emit(Opcode::ReturnValue, 0);
        let code = self.exit_unit()?;
        self.make_closure(code, flags)
    }

    // ------------------------------------------------- comprehensions

    fn comprehension<T>(
        &mut self,
        node: &T,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
        range: TextRange,
    ) -> CResult<()> {
        let scope = self
            .symtable
            .scope_for(node)
            .ok_or_else(|| self.error(range, "internal compiler error: missing scope"))?;
        let first = generators
            .first()
            .ok_or_else(|| self.error(range, "invalid syntax"))?;
        let is_async = self.symtable.scopes[scope].is_coroutine;
        if is_async && kind != CompKind::Generator {
            let u = self.unit_ref();
            let allowed = (u.kind.is_function_like() && u.is_async)
                || matches!(u.kind, ScopeKind::Comprehension(_))
                || (u.kind == ScopeKind::Module && self.flags.allow_top_level_await);
            if !allowed {
                return Err(self.error(
                    range,
                    "asynchronous comprehension outside of an asynchronous function",
                ));
            }
            if u.kind == ScopeKind::Module {
                self.unit()
                    .flags
                    .insert(crate::bytecode::CodeFlags::COROUTINE);
            }
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let qualname = self.qualname_for(name);
        let private = self.unit_ref().private.clone();
        let line = self.line_of(range);
        self.enter_unit(
            scope,
            ScopeKind::Comprehension(kind),
            name,
            &qualname,
            line,
            private,
        );
        self.set_loc(range);
        self.unit().argcount = 1;
        match kind {
            CompKind::List => self.emit(Opcode::BuildList, 0),
            CompKind::Set => self.emit(Opcode::BuildSet, 0),
            CompKind::Dict => self.emit(Opcode::BuildMap, 0),
            CompKind::Generator => {}
        }
        self.comp_generator(generators, 0, 0, elt, value, kind)?;
        if kind == CompKind::Generator {
            self.implicit_return();
        } else {
            self.emit(Opcode::ReturnValue, 0);
        }
        let code = self.exit_unit()?;
        self.make_closure(code, 0)?;
        self.emit(Opcode::PushNull, 0);
        // The outermost iterable is evaluated in the enclosing scope.
        self.expr(&first.iter)?;
        self.emit(
            if first.is_async {
                Opcode::GetAiter
            } else {
                Opcode::GetIter
            },
            0,
        );
        self.set_loc(range);
        self.emit(Opcode::Call, 1);
        if is_async && kind != CompKind::Generator {
            self.await_top(0);
        }
        Ok(())
    }

    fn comp_generator(
        &mut self,
        gens: &'a [Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult<()> {
        let g = &gens[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            let idx = self.varname_index(".0");
            self.emit(Opcode::LoadFast, idx);
        } else {
            self.expr(&g.iter)?;
            self.emit(
                if g.is_async {
                    Opcode::GetAiter
                } else {
                    Opcode::GetIter
                },
                0,
            );
        }
        let depth = depth + 1;
        self.bind(start);
        if g.is_async {
            let hd = self.handler_depth();
            self.push_fblock(
                FBlockKind::AsyncComprehensionGenerator,
                Some(start),
                None,
                hd,
                g.range,
            )?;
            self.push_handler(anchor, false, 0);
            self.emit(Opcode::GetAnext, 0);
            self.await_top(0);
            self.pop_handler();
        } else {
            self.emit_jump(Opcode::ForIter, anchor);
        }
        self.store(&g.target)?;
        for cond in g.ifs.iter() {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < gens.len() {
            self.comp_generator(gens, index + 1, depth, elt, value, kind)?;
        } else {
            match kind {
                CompKind::Generator => {
                    self.expr(elt)?;
                    self.emit(Opcode::YieldValue, 0);
                    self.emit(Opcode::PopTop, 0);
                }
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Opcode::ListAppend, depth + 1);
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Opcode::SetAdd, depth + 1);
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.emit(Opcode::MapAdd, depth + 1);
                }
            }
        }
        self.bind(if_cleanup);
        self.jump(start);
        if g.is_async {
            self.pop_fblock();
            self.bind(anchor);
            self.emit(Opcode::EndAsyncFor, 0);
        } else {
            self.bind(anchor);
        }
        Ok(())
    }
}

fn frozenset(items: Vec<Constant>) -> Constant {
    let mut uniq: Vec<Constant> = Vec::with_capacity(items.len());
    for c in items {
        // Python set semantics: 1, 1.0 and True are equal; keep the first.
        let dup = uniq
            .iter()
            .any(|u| u.same_constant(&c) || numeric_eq(u, &c));
        if !dup {
            uniq.push(c);
        }
    }
    Constant::FrozenSet(uniq.into())
}

fn numeric_eq(a: &Constant, b: &Constant) -> bool {
    let num = |c: &Constant| -> Option<f64> {
        match c {
            Constant::Bool(b) => Some(f64::from(u8::from(*b))),
            Constant::Int(i) if i.unsigned_abs() < (1u64 << 53) => Some(*i as f64),
            Constant::Float(f) => Some(*f),
            _ => None,
        }
    };
    matches!((num(a), num(b)), (Some(x), Some(y)) if x == y)
}
