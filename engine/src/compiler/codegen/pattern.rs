//! `match` statement code generation (a port of CPython 3.11's pattern
//! compiler).
//!
//! While a pattern is being matched, captured values are kept on the stack
//! (below `on_top` working items) and only stored into their names once the
//! whole pattern (and guard) succeeded.  A failed sub-match jumps to
//! `fail_pop[n]`, a chain of labels that pop the `n` items then on the
//! stack before falling into the next case.

use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Singleton};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, Label};
use crate::bytecode::code::Constant;
use crate::bytecode::opcodes::{BinaryOperator, ComparisonOperator, Opcode};
use crate::compiler::CResult;

#[derive(Clone, Default)]
struct PatternContext {
    /// Names bound so far, in the order their values sit on the stack.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here.
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops n items then continues with the failure path.
    fail_pop: Vec<Label>,
    /// Working items above the captured values.
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult<()> {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let cases = m.cases.len();
        let last = m
            .cases
            .last()
            .ok_or_else(|| self.error(m.range, "invalid syntax"))?;
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        let mut pc = PatternContext::default();
        for (i, case) in m
            .cases
            .iter()
            .enumerate()
            .take(cases - usize::from(has_default))
        {
            self.set_loc(case.pattern.range());
            let not_last = i != cases - usize::from(has_default) - 1;
            if not_last {
                self.emit(Opcode::Copy, 1);
            }
            pc.stores.clear();
            pc.allow_irrefutable = case.guard.is_some() || i == cases - 1;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.pattern(&case.pattern, &mut pc)?;
            let stores = pc.stores.clone();
            for name in &stores {
                self.name_op(name, ExprContext::Store, case.pattern.range())?;
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if not_last {
                self.emit(Opcode::PopTop, 0);
            }
            self.stmts(&case.body)?;
            self.jump(end);
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.range());
            if cases == 1 {
                self.emit(Opcode::PopTop, 0);
            } else {
                self.emit(Opcode::Nop, 0);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&last.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Option<Opcode>) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        let target = pc.fail_pop[pops];
        match op {
            Some(op) => self.emit_jump(op, target),
            None => self.jump(target),
        }
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.emit(Opcode::PopTop, 0);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit(Opcode::Swap, count as u32);
            count -= 1;
        }
    }

    fn store_capture(
        &mut self,
        name: Option<&str>,
        pc: &mut PatternContext,
        range: TextRange,
    ) -> CResult<()> {
        let Some(name) = name else {
            self.emit(Opcode::PopTop, 0);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(self.error(range, "cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error(
                range,
                format!("multiple assignments to name '{name}' in pattern"),
            ));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.rotate(rotations);
        pc.stores.push(name.to_owned());
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult<()> {
        self.guard(p.range(), |c| {
            c.set_loc(p.range());
            c.pattern_inner(p, pc)
        })
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult<()> {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    fn pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => {
                if !matches!(
                    &*v.value,
                    Expr::Attribute(_)
                        | Expr::NumberLiteral(_)
                        | Expr::StringLiteral(_)
                        | Expr::BytesLiteral(_)
                        | Expr::BinOp(_)
                        | Expr::UnaryOp(_)
                        | Expr::BooleanLiteral(_)
                        | Expr::NoneLiteral(_)
                ) {
                    return Err(self.error(
                        v.range,
                        "patterns may only match literals and attribute lookups",
                    ));
                }
                self.expr(&v.value)?;
                self.emit(Opcode::CompareOp, ComparisonOperator::Equal as u32);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    Singleton::None => Constant::None,
                    Singleton::True => Constant::Bool(true),
                    Singleton::False => Constant::Bool(false),
                });
                self.emit(Opcode::IsOp, 0);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(s, pc)?,
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc)?,
            Pattern::MatchClass(c) => self.pattern_class(c, pc)?,
            Pattern::MatchStar(s) => {
                self.store_capture(s.name.as_ref().map(|n| n.as_str()), pc, s.range)?
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match &a.name {
                            Some(n) => self.error(
                                a.range,
                                format!(
                                    "name capture '{}' makes remaining patterns unreachable",
                                    n.as_str()
                                ),
                            ),
                            None => {
                                self.error(a.range, "wildcard makes remaining patterns unreachable")
                            }
                        });
                    }
                    self.store_capture(a.name.as_ref().map(|n| n.as_str()), pc, a.range)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Opcode::Copy, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_capture(a.name.as_ref().map(|n| n.as_str()), pc, a.range)?;
                }
            },
            Pattern::MatchOr(o) => self.pattern_or(o, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        s: &'a ast::PatternMatchSequence,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let patterns = &s.patterns;
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(self.error(p.range(), "multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        pc.on_top += 1;
        self.emit(Opcode::MatchSequence, 0);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        match star {
            None => {
                self.emit(Opcode::GetLen, 0);
                self.load_const(Constant::Int(size as i64));
                self.emit(Opcode::CompareOp, ComparisonOperator::Equal as u32);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            Some(_) if size > 1 => {
                self.emit(Opcode::GetLen, 0);
                self.load_const(Constant::Int(size as i64 - 1));
                self.emit(Opcode::CompareOp, ComparisonOperator::GreaterEqual as u32);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Opcode::PopTop, 0);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(0), pc)?;
        } else {
            self.sequence_unpack(patterns, star, pc)?;
        }
        Ok(())
    }

    fn sequence_unpack(
        &mut self,
        patterns: &'a [Pattern],
        star: Option<usize>,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let n = patterns.len();
        match star {
            Some(i) => {
                if i >= 256 || n - i - 1 >= (1 << 24) {
                    return Err(self.error(
                        patterns[i].range(),
                        "too many expressions in star-unpacking sequence pattern",
                    ));
                }
                self.emit(Opcode::UnpackEx, (i as u32) | (((n - i - 1) as u32) << 8));
            }
            None => self.emit(Opcode::UnpackSequence, n as u32),
        }
        pc.on_top += n;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.emit(Opcode::Copy, 1);
            if i < star {
                self.load_const(Constant::Int(i as i64));
            } else {
                self.emit(Opcode::GetLen, 0);
                self.load_const(Constant::Int((size - i) as i64));
                self.emit(Opcode::BinaryOp, BinaryOperator::Subtract as u32);
            }
            self.emit(Opcode::BinarySubscr, 0);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.emit(Opcode::PopTop, 0);
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        m: &'a ast::PatternMatchMapping,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let keys = &m.keys;
        let size = keys.len();
        if m.patterns.len() != size {
            return Err(self.error(m.range, "invalid syntax"));
        }
        pc.on_top += 1;
        self.emit(Opcode::MatchMapping, 0);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        if size == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.emit(Opcode::PopTop, 0);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GetLen, 0);
            self.load_const(Constant::Int(size as i64));
            self.emit(Opcode::CompareOp, ComparisonOperator::GreaterEqual as u32);
            self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        }
        let mut seen: Vec<Constant> = Vec::new();
        for key in keys.iter() {
            match key {
                Expr::Attribute(_) => {}
                _ => match self.fold_ctx().fold(key) {
                    Some(c) => {
                        if seen.iter().any(|s| equal_keys(s, &c)) {
                            // CPython points at the whole mapping pattern.
                            return Err(self.error(
                                m.range,
                                format!("mapping pattern checks duplicate key ({})", c.repr()),
                            ));
                        }
                        seen.push(c);
                    }
                    None => {
                        return Err(self.error(
                            m.range,
                            "mapping pattern keys may only match literals and attribute lookups",
                        ));
                    }
                },
            }
            self.expr(key)?;
        }
        self.emit(Opcode::BuildTuple, size as u32);
        self.emit(Opcode::MatchKeys, 0);
        pc.on_top += 2;
        self.emit(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IsOp, 1);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        self.emit(Opcode::UnpackSequence, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in m.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        // Now ( subject keys ); whatever comes next consumes them.
        pc.on_top -= 2;
        if let Some(rest) = &m.rest {
            self.emit(Opcode::BuildMap, 0);
            self.emit(Opcode::Swap, 3);
            self.emit(Opcode::DictUpdate, 2);
            self.emit(Opcode::UnpackSequence, size as u32);
            let mut k = size;
            while k > 0 {
                self.emit(Opcode::Copy, (1 + k) as u32);
                k -= 1;
                self.emit(Opcode::Swap, 2);
                self.emit(Opcode::DeleteSubscr, 0);
            }
            self.store_capture(Some(rest.as_str()), pc, rest.range)?;
        } else {
            self.emit(Opcode::PopTop, 0);
            self.emit(Opcode::PopTop, 0);
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        c: &'a ast::PatternMatchClass,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let patterns = &c.arguments.patterns;
        let kwds = &c.arguments.keywords;
        let nargs = patterns.len();
        let nattrs = kwds.len();
        for (i, k) in kwds.iter().enumerate() {
            if k.attr.as_str() == "__debug__" {
                return Err(self.error(k.range, "cannot assign to __debug__"));
            }
            if kwds[i + 1..]
                .iter()
                .any(|o| o.attr.as_str() == k.attr.as_str())
            {
                let dup = kwds[i + 1..]
                    .iter()
                    .find(|o| o.attr.as_str() == k.attr.as_str())
                    .map_or(k.range, |o| o.range);
                return Err(self.error(
                    dup,
                    format!(
                        "attribute name repeated in class pattern: {}",
                        k.attr.as_str()
                    ),
                ));
            }
        }
        self.set_loc(c.range);
        self.expr(&c.cls)?;
        let names: Vec<Constant> = kwds
            .iter()
            .map(|k| Constant::str(k.attr.as_str()))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
        self.emit(Opcode::MatchClass, nargs as u32);
        self.emit(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IsOp, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        self.emit(Opcode::UnpackSequence, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for i in 0..nargs + nattrs {
            pc.on_top -= 1;
            let p = if i < nargs {
                &patterns[i]
            } else {
                &kwds[i - nargs].pattern
            };
            if is_wildcard(p) {
                self.emit(Opcode::PopTop, 0);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatternContext) -> CResult<()> {
        let end = self.new_label();
        let size = o.patterns.len();
        let old = std::mem::take(pc);
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            self.set_loc(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::Copy, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctrl) => {
                    if ctrl.len() != nstores {
                        return Err(
                            self.error(alt.range(), "alternative patterns bind different names")
                        );
                    }
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctrl[icontrol];
                        let istores =
                            pc.stores.iter().position(|s| s == name).ok_or_else(|| {
                                self.error(alt.range(), "alternative patterns bind different names")
                            })?;
                        if icontrol != istores {
                            // Reorder the captured values to control's order.
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, n) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, n);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(end);
            self.emit_and_reset_fail_pop(pc);
        }
        *pc = old;
        // No alternative matched: pop the subject copy and fail.
        self.emit(Opcode::PopTop, 0);
        self.jump_to_fail_pop(pc, None);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(
                    o.range,
                    format!("multiple assignments to name '{name}' in pattern"),
                ));
            }
            pc.stores.push(name);
        }
        self.emit(Opcode::PopTop, 0);
        Ok(())
    }
}

/// Whether two constant mapping-pattern keys are equal as dict keys
/// (CPython checks them with a set): `0`, `False`, `0.0`, `-0.0` and
/// `0j` are one key; other constants compare by type and value.
fn equal_keys(a: &Constant, b: &Constant) -> bool {
    /// A numeric constant as (real, imaginary), with the exact integer
    /// when it is one.
    fn num(c: &Constant) -> Option<(f64, f64, Option<i64>)> {
        match *c {
            Constant::Bool(v) => Some((f64::from(u8::from(v)), 0.0, Some(i64::from(v)))),
            Constant::Int(v) => Some((v as f64, 0.0, Some(v))),
            Constant::Float(f) => Some((f, 0.0, None)),
            Constant::Complex(r, i) => Some((r, i, None)),
            _ => None,
        }
    }
    match (num(a), num(b)) {
        (Some((_, _, Some(x))), Some((_, _, Some(y)))) => x == y,
        (Some((r1, i1, x)), Some((r2, i2, y))) => {
            // An int equals a float only when the float is exactly it.
            let exact = |n: Option<i64>, f: f64| n.is_none_or(|n| n as f64 == f && f as i64 == n);
            r1 == r2 && i1 == i2 && exact(x, r2) && exact(y, r1)
        }
        _ => a.same_constant(b),
    }
}
