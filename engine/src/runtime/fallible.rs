//! Fallible allocation for sizes a Python program controls.
//!
//! Every buffer whose size comes from a program (a repeat count, a width, a
//! requested length) is reserved through these helpers, so that a size the
//! system cannot provide is a `MemoryError` and never reaches Rust's
//! allocation-failure handler, which aborts the process. The size
//! arithmetic is checked: an overflowing product is a `MemoryError` too, as
//! in CPython's sequence repeat and padding paths.

use super::*;

impl Vm {
    /// A `MemoryError` with no arguments (CPython's `PyErr_NoMemory`).
    #[cold]
    #[inline(never)]
    pub fn no_memory(&mut self) -> PyException {
        self.new_exc(self.g.e.MemoryError, "")
    }

    /// `MemoryError` unless `grown`: the result of a fallible layout call
    /// (`llist::try_append`, `ldict::try_insert_new`, ...) that leaves its
    /// object unchanged when the storage cannot grow.
    #[inline]
    pub fn grown(&mut self, grown: bool) -> PyResult<()> {
        if grown {
            Ok(())
        } else {
            Err(self.no_memory())
        }
    }

    /// An empty vector with room for `n` items, or `MemoryError`.
    pub fn try_vec<T>(&mut self, n: usize) -> PyResult<Vec<T>> {
        let mut v = Vec::new();
        self.try_reserve(&mut v, n)?;
        Ok(v)
    }

    /// Reserves room for `extra` more items in `v`, or `MemoryError`.
    pub fn try_reserve<T>(&mut self, v: &mut Vec<T>, extra: usize) -> PyResult<()> {
        match v.try_reserve(extra) {
            Ok(()) => Ok(()),
            Err(_) => Err(self.no_memory()),
        }
    }

    /// `n` copies of `x`, or `MemoryError`.
    pub fn try_filled<T: Clone>(&mut self, x: T, n: usize) -> PyResult<Vec<T>> {
        let mut v = self.try_vec(n)?;
        v.resize(n, x);
        Ok(v)
    }

    /// `s` repeated `n` times, or `MemoryError` when the length overflows
    /// `isize` or cannot be allocated.
    pub fn try_repeat<T: Copy>(&mut self, s: &[T], n: usize) -> PyResult<Vec<T>> {
        match repeat(s, n) {
            Some(v) => Ok(v),
            None => Err(self.no_memory()),
        }
    }

    /// `a * b` as a size (at most `isize::MAX`), or `MemoryError`.
    pub fn checked_size(&mut self, a: usize, b: usize) -> PyResult<usize> {
        match a.checked_mul(b) {
            Some(t) if t <= isize::MAX as usize => Ok(t),
            _ => Err(self.no_memory()),
        }
    }
}

/// `s` repeated `n` times, or None when the length overflows `isize` or
/// cannot be allocated (for callers that hold a lock and cannot raise).
pub fn repeat<T: Copy>(s: &[T], n: usize) -> Option<Vec<T>> {
    let total = s
        .len()
        .checked_mul(n)
        .filter(|&t| t <= isize::MAX as usize)?;
    let mut v = Vec::new();
    v.try_reserve_exact(total).ok()?;
    if total > 0 {
        // Doubling copies: O(log n) calls however short `s` is.
        v.extend_from_slice(s);
        while v.len() < total {
            let k = v.len().min(total - v.len());
            v.extend_from_within(..k);
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::repeat;

    #[test]
    fn repeat_copies_and_refuses_impossible_sizes() {
        assert_eq!(repeat(b"ab", 3).as_deref(), Some(&b"ababab"[..]));
        assert_eq!(repeat(b"abc", 0).as_deref(), Some(&b""[..]));
        assert_eq!(repeat(b"", usize::MAX).as_deref(), Some(&b""[..]));
        assert_eq!(repeat(&[7u64], 5).as_deref(), Some(&[7u64; 5][..]));
        // Over isize::MAX bytes, or an overflowing product: refused, no abort.
        assert!(repeat(b"x", isize::MAX as usize + 1).is_none());
        assert!(repeat(b"xy", usize::MAX).is_none());
        assert!(repeat(&[0u64], usize::MAX / 4).is_none());
    }
}
