//! PEP 695 intrinsics: the objects `def f[T]`, `class C[T]` and `type X = ...`
//! create (TypeVar, TypeVarTuple, ParamSpec, Generic[...], TypeAliasType).
//!
//! The classes are written in Python (`_protopy_typing`, an embedded module of
//! python_env); the intrinsics look their constructors up there.

use super::{PyResult, Vm};
use crate::bytecode::{Intrinsic1, Intrinsic2};
use proto_core::Value;

impl Vm {
    /// Calls `_protopy_typing.<name>(*args)`.
    fn typing_call(&mut self, name: &str, args: &[Value]) -> PyResult<Value> {
        let m = self.import_module("_protopy_typing")?;
        let n = self.intern(name);
        let f = self.getattr(m, n)?;
        self.call(f, args, Value::EMPTY)
    }

    /// The PEP 695 one-argument intrinsics; `None` for the others.
    pub(crate) fn typing_intrinsic1(
        &mut self,
        which: Intrinsic1,
        v: Value,
    ) -> Option<PyResult<Value>> {
        let name = match which {
            Intrinsic1::TypeVar => "_typevar",
            Intrinsic1::ParamSpec => "_paramspec",
            Intrinsic1::TypeVarTuple => "_typevartuple",
            Intrinsic1::SubscriptGeneric => "_subscript_generic",
            Intrinsic1::TypeAlias => "_typealias",
            _ => return None,
        };
        Some(self.typing_call(name, &[v]))
    }

    /// The PEP 695 two-argument intrinsics; `None` for the others.
    pub(crate) fn typing_intrinsic2(
        &mut self,
        which: Intrinsic2,
        a: Value,
        b: Value,
    ) -> Option<PyResult<Value>> {
        match which {
            Intrinsic2::TypeVarWithBound => Some(self.typing_call("_typevar_with_bound", &[a, b])),
            Intrinsic2::TypeVarWithConstraints => {
                Some(self.typing_call("_typevar_with_constraints", &[a, b]))
            }
            Intrinsic2::SetFunctionTypeParams => {
                let n = self.intern("__type_params__");
                Some(self.setattr(a, n, b).map(|()| a))
            }
            _ => None,
        }
    }
}
