//! PEP 695 type parameters: generic functions and classes, `type` aliases.
//!
//! Compiled as CPython 3.12 does: the definition runs inside an annotation
//! scope `<generic parameters of NAME>` (a hidden function called at once)
//! which creates the TypeVar/TypeVarTuple/ParamSpec objects with
//! CALL_INTRINSIC_*, binds them to their names so the body and annotations
//! can see them, and returns the function, class or alias. Bounds,
//! constraints and alias values are evaluated lazily by functions of their
//! own. Defaults are evaluated outside and passed in as `.defaults` /
//! `.kwdefaults`; a class gets `.type_params` in its body (stored as
//! `__type_params__`) and `Generic[*params]` appended to its bases.

use ruff_python_ast::{self as ast, Expr, ExprContext};
use ruff_text_size::{Ranged, TextRange};

use super::Compiler;
use crate::bytecode::code::Constant;
use crate::bytecode::opcodes::{
    Intrinsic1, Intrinsic2, Opcode, MAKE_FUNCTION_DEFAULTS, MAKE_FUNCTION_KWDEFAULTS,
};
use crate::compiler::symtable::{ScopeId, ScopeKind};
use crate::compiler::CResult;

impl<'a> Compiler<'a> {
    /// Enters the unit of an annotation scope.
    fn enter_annotation_unit(
        &mut self,
        scope: Option<ScopeId>,
        name: &str,
        range: TextRange,
    ) -> CResult<()> {
        let scope =
            scope.ok_or_else(|| self.error(range, "internal compiler error: missing scope"))?;
        let qualname = self.qualname_for(name);
        let private = self.unit_ref().private.clone();
        let line = self.line_of(range);
        self.enter_unit(scope, ScopeKind::Function, name, &qualname, line, private);
        self.set_loc(range);
        Ok(())
    }

    /// Pushes a function that evaluates `e` lazily (a bound or alias value).
    fn lazy_function(&mut self, scope: Option<ScopeId>, name: &str, e: &'a Expr) -> CResult<()> {
        self.enter_annotation_unit(scope, name, e.range())?;
        self.add_const(Constant::None);
        self.expr(e)?;
        self.emit(Opcode::ReturnValue, 0);
        let code = self.exit_unit()?;
        self.make_closure(code, 0)
    }

    /// Creates the type parameters, binds each to its name, and leaves the
    /// tuple of them on the stack.
    fn type_params_tuple(&mut self, tp: &'a ast::TypeParams) -> CResult<()> {
        for p in tp.type_params.iter() {
            let (name, range) = match p {
                ast::TypeParam::TypeVar(t) => (t.name.as_str(), t.range),
                ast::TypeParam::TypeVarTuple(t) => (t.name.as_str(), t.range),
                ast::TypeParam::ParamSpec(t) => (t.name.as_str(), t.range),
            };
            let has_default = match p {
                ast::TypeParam::TypeVar(t) => t.default.is_some(),
                ast::TypeParam::TypeVarTuple(t) => t.default.is_some(),
                ast::TypeParam::ParamSpec(t) => t.default.is_some(),
            };
            if has_default {
                // Type parameter defaults are Python 3.13 (PEP 696).
                return Err(self.error(range, "invalid syntax"));
            }
            self.set_loc(range);
            self.load_const(Constant::str(name));
            match p {
                ast::TypeParam::TypeVar(t) => match &t.bound {
                    Some(b) => {
                        self.lazy_function(self.symtable.scope_for(t), name, b)?;
                        self.set_loc(range);
                        let which = if matches!(&**b, Expr::Tuple(_)) {
                            Intrinsic2::TypeVarWithConstraints
                        } else {
                            Intrinsic2::TypeVarWithBound
                        };
                        self.emit(Opcode::CallIntrinsic2, which as u32);
                    }
                    None => self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeVar as u32),
                },
                ast::TypeParam::TypeVarTuple(_) => {
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeVarTuple as u32)
                }
                ast::TypeParam::ParamSpec(_) => {
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::ParamSpec as u32)
                }
            }
            self.emit(Opcode::Copy, 1);
            self.name_op(name, ExprContext::Store, range)?;
        }
        self.emit(Opcode::BuildTuple, tp.type_params.len() as u32);
        Ok(())
    }

    /// `def f[T](...)`: pushes the function (decorators not yet applied).
    pub(super) fn generic_function(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        tp: &'a ast::TypeParams,
        first_lineno: u32,
    ) -> CResult<()> {
        let p = &f.parameters;
        let has_defaults = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .any(|a| a.default.is_some());
        let has_kwdefaults = p.kwonlyargs.iter().any(|a| a.default.is_some());
        let nargs = u32::from(has_defaults) + u32::from(has_kwdefaults);
        let name = format!("<generic parameters of {}>", f.name);
        self.enter_annotation_unit(self.symtable.scope_for(tp), &name, f.range)?;
        self.unit().argcount = nargs;
        self.add_const(Constant::None);
        self.type_params_tuple(tp)?;
        self.set_loc(f.range);
        let mut flags = 0;
        if has_defaults {
            self.name_op(".defaults", ExprContext::Load, f.range)?;
            flags |= MAKE_FUNCTION_DEFAULTS;
        }
        if has_kwdefaults {
            self.name_op(".kwdefaults", ExprContext::Load, f.range)?;
            flags |= MAKE_FUNCTION_KWDEFAULTS;
        }
        flags |= self.push_annotations(Some(p), f.returns.as_deref())?;
        let code = self.function_code(f, first_lineno)?;
        self.set_loc(f.range);
        self.make_closure(code, flags)?;
        self.emit(Opcode::Swap, 2);
        self.emit(
            Opcode::CallIntrinsic2,
            Intrinsic2::SetFunctionTypeParams as u32,
        );
        self.emit(Opcode::ReturnValue, 0);
        let ann = self.exit_unit()?;
        // Call it with the defaults, evaluated here.
        self.set_loc(f.range);
        self.make_closure(ann, 0)?;
        self.emit(Opcode::PushNull, 0);
        self.function_prelude(Some(p), None, false)?;
        self.set_loc(f.range);
        self.emit(Opcode::Call, nargs);
        Ok(())
    }

    /// `class C[T](...)`: pushes the class (decorators not yet applied).
    pub(super) fn generic_class(
        &mut self,
        c: &'a ast::StmtClassDef,
        tp: &'a ast::TypeParams,
        first_lineno: u32,
        at: TextRange,
    ) -> CResult<()> {
        let name = format!("<generic parameters of {}>", c.name);
        self.enter_annotation_unit(self.symtable.scope_for(tp), &name, c.range)?;
        self.add_const(Constant::None);
        self.type_params_tuple(tp)?;
        self.set_loc(c.range);
        self.name_op(".type_params", ExprContext::Store, c.range)?;
        self.name_op(".type_params", ExprContext::Load, c.range)?;
        self.emit(Opcode::CallIntrinsic1, Intrinsic1::SubscriptGeneric as u32);
        self.name_op(".generic_base", ExprContext::Store, c.range)?;
        self.class_build(c, first_lineno, at, true)?;
        self.emit(Opcode::ReturnValue, 0);
        let ann = self.exit_unit()?;
        self.set_loc(c.range);
        self.make_closure(ann, 0)?;
        self.emit(Opcode::PushNull, 0);
        self.emit(Opcode::Call, 0);
        Ok(())
    }

    /// `type X[T] = value`.
    pub(super) fn type_alias(&mut self, t: &'a ast::StmtTypeAlias) -> CResult<()> {
        let Expr::Name(n) = &*t.name else {
            return Err(self.error(t.name.range(), "invalid syntax"));
        };
        let name = n.id.as_str();
        match t.type_params.as_deref() {
            Some(tp) => {
                let gname = format!("<generic parameters of {name}>");
                self.enter_annotation_unit(self.symtable.scope_for(tp), &gname, t.range)?;
                self.add_const(Constant::None);
                self.load_const(Constant::str(name));
                self.type_params_tuple(tp)?;
                self.lazy_function(self.symtable.scope_for(t), name, &t.value)?;
                self.set_loc(t.range);
                self.emit(Opcode::BuildTuple, 3);
                self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeAlias as u32);
                self.emit(Opcode::ReturnValue, 0);
                let ann = self.exit_unit()?;
                self.set_loc(t.range);
                self.make_closure(ann, 0)?;
                self.emit(Opcode::PushNull, 0);
                self.emit(Opcode::Call, 0);
            }
            None => {
                self.set_loc(t.range);
                self.load_const(Constant::str(name));
                self.load_const(Constant::None);
                self.lazy_function(self.symtable.scope_for(t), name, &t.value)?;
                self.set_loc(t.range);
                self.emit(Opcode::BuildTuple, 3);
                self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeAlias as u32);
            }
        }
        self.name_op(name, ExprContext::Store, n.range)
    }
}
