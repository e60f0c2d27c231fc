//! The `Decimal` type of `_decimal`: instances (of `Decimal` and of its Python
//! subclasses) are `K_INSTANCE` objects whose native payload is one immutable [`DecVal`].
//!
//! Only the payload and its allocation are written so far; the type's methods follow
//! (docs/decimal-status.md).

use super::ffi::Dec;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Obj, Value};

/// The payload of a Decimal: its value, never changed after allocation.
pub(crate) struct DecVal {
    pub dec: Dec,
}

impl Trace for DecVal {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {
        // Holds no Python values.
    }
}

/// The value of `v` if it is a Decimal (or an instance of a subclass).
#[inline]
pub(crate) fn dec_of(v: Value) -> Option<&'static Dec> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<DecVal>)
        .map(|p| &p.dec)
}

/// Allocates an instance of `cls` (`Decimal` or a subclass) holding `dec`.
pub(crate) fn alloc(vm: &mut Vm, cls: Value, dec: Dec) -> Value {
    let co = Obj::from_value(cls).expect("type");
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), DecVal { dec })
}
