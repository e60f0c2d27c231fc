//! Helpers shared by sequence types: slice resolution, index normalisation.

use engine::runtime::*;
use proto_core::layouts::seq_index;
use proto_core::{Obj, Value};

/// A slice object's bounds converted to integers (`PySlice_Unpack`), not
/// yet resolved against a length: `None` stands for an omitted bound.
/// Converting may run Python code (`__index__`); resolving does not, so a
/// mutation of a shared list converts first, then resolves against the
/// length it finds under the list's lock (`PySlice_AdjustIndices` in
/// CPython's critical section).
#[derive(Clone, Copy, Debug)]
pub struct SliceSpec {
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
}

/// Converts the bounds of the slice object `s` (may run `__index__`).
pub fn slice_unpack(vm: &mut Vm, s: Value) -> PyResult<SliceSpec> {
    let o = Obj::from_value(s).expect("slice");
    let get = |vm: &mut Vm, v: Value| -> PyResult<Option<isize>> {
        if v.is_none() {
            return Ok(None);
        }
        if let Some(i) = v.as_int() {
            return Ok(Some(i.clamp(-(1 << 62), 1 << 62) as isize));
        }
        match vm.index(v) {
            Ok(i) => Ok(Some(
                vm.as_i64(i)
                    .map(|x| x.clamp(-(1 << 62), 1 << 62) as isize)
                    .unwrap_or(
                        if vm
                            .as_bigint(i)
                            .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                        {
                            -(1 << 62)
                        } else {
                            1 << 62
                        },
                    ),
            )),
            Err(_) => Err(
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            ),
        }
    };
    // A step beyond the index range is clamped as the bounds are (CPython
    // clamps it to PY_SSIZE_T_MAX), so `l[9::1 << 333]` selects one item.
    let step = get(vm, o.get(2))?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let start = get(vm, o.get(0))?;
    let stop = get(vm, o.get(1))?;
    Ok(SliceSpec { start, stop, step })
}

impl SliceSpec {
    /// The step (never 0).
    pub fn step(self) -> isize {
        self.step
    }

    /// Resolves against a length: (start, stop, step, count).
    pub fn adjust(self, len: usize) -> (isize, isize, isize, usize) {
        let (start, stop, count) =
            engine::runtime::interp::slice_adjust(len, self.start, self.stop, self.step);
        (start, stop, self.step, count)
    }
}

/// Resolves a slice object against a length: (start, stop, step, count).
pub fn slice_indices(vm: &mut Vm, s: Value, len: usize) -> PyResult<(isize, isize, isize, usize)> {
    Ok(slice_unpack(vm, s)?.adjust(len))
}

/// Is `v` a slice object?
pub fn is_slice(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_SLICE)
}

/// Normalises an index (negative from the end); None if out of range.
/// `what` names the sequence in the IndexError ("list assignment index out
/// of range"); its first word names it in the TypeError ("list indices ...").
pub fn norm_index(vm: &mut Vm, k: Value, len: usize, what: &str) -> PyResult<usize> {
    let i = index_value(vm, k, what)?;
    seq_index(i, len)
        .ok_or_else(|| vm.new_exc(vm.g.e.IndexError, &format!("{what} index out of range")))
}

/// Converts an index to an integer, not yet resolved against a length (a
/// mutation of a shared list resolves it under the list's lock); the
/// TypeError names the sequence as [`norm_index`] does.
pub fn index_value(vm: &mut Vm, k: Value, what: &str) -> PyResult<i64> {
    if let Some(i) = k.as_int() {
        return Ok(i);
    }
    if !vm.has_index(k) {
        let tn = vm.type_name_of(k);
        let seq = what.split(' ').next().unwrap_or(what);
        return Err(vm.type_error(&format!(
            "{seq} indices must be integers or slices, not {tn}"
        )));
    }
    // IndexError "cannot fit ..." for ints beyond isize, like CPython.
    Ok(vm.index_isize(k)? as i64)
}

/// The count operand of a sequence's repeat slot (`seq.__mul__(n)`):
/// TypeError when `v` has no `__index__` (the `*` operator never calls the
/// slot then: `vm.g.seq_repeat`); OverflowError when it does not fit an
/// index-sized integer, as CPython's sequence_repeat.
pub fn repeat_count(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !vm.has_index(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "'{tn}' object cannot be interpreted as an integer"
        )));
    }
    vm.number_as_ssize_t(v, vm.g.e.OverflowError)
}
