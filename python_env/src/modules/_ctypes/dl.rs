//! Loading shared libraries: `dlopen`, `dlsym`, `dlclose` through libc.

use super::*;
use std::ffi::{CStr, CString};

/// The text of the last `dlerror()`, or `fallback`.
fn dl_error(fallback: &str) -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated string valid until
    // the next dl* call on this thread; it is copied at once.
    let p = unsafe { libc::dlerror() };
    if p.is_null() {
        fallback.to_string()
    } else {
        // SAFETY: as above, non-NULL.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

fn c_name(vm: &mut Vm, s: &str) -> PyResult<CString> {
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

/// `dlopen(name=None, mode=RTLD_NOW | RTLD_LOCAL)`: the library's handle.
pub(crate) fn m_dlopen(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() > 2 {
        return Err(vm.type_error("dlopen() takes at most 2 arguments"));
    }
    let name = a.first().copied().unwrap_or(Value::NONE);
    let mode = match a.get(1) {
        Some(&m) => vm.index_isize(m)? as i32,
        None => libc::RTLD_NOW | libc::RTLD_LOCAL,
    } | libc::RTLD_NOW;
    let cname = if name == Value::NONE {
        None
    } else if is_str(name) {
        Some(c_name(vm, &str_of(name))?)
    } else {
        let p = crate::modules::posix::path::fspath_value(vm, name)?;
        if is_str(p) {
            Some(c_name(vm, &str_of(p))?)
        } else {
            let b = str_bytes(p).to_vec();
            Some(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?)
        }
    };
    let ptr = cname.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `ptr` is NULL (the main program) or a NUL-terminated path
    // alive for the call.
    let h = vm.ctx.blocking(|| unsafe { libc::dlopen(ptr, mode) });
    if h.is_null() {
        let msg = dl_error("dlopen() error");
        return Err(vm.new_exc(vm.g.e.OSError, &msg));
    }
    Ok(vm.new_bigint(num_bigint::BigInt::from(h as usize)))
}

/// The address of symbol `name` in the library `handle`; AttributeError
/// with dlerror's text when absent.
pub(crate) fn lookup(vm: &mut Vm, handle: usize, name: &str) -> Result<usize, String> {
    let Ok(c) = CString::new(name) else {
        return Err("embedded null character".to_string());
    };
    let _ = vm;
    // SAFETY: dlerror only clears the thread's error state.
    unsafe { libc::dlerror() };
    // SAFETY: `handle` came from dlopen (or is RTLD_DEFAULT, 0); `c` is a
    // NUL-terminated name alive for the call. A stale handle is the
    // program's error, as in C.
    let p = unsafe { libc::dlsym(handle as *mut libc::c_void, c.as_ptr()) };
    if p.is_null() {
        return Err(dl_error(&format!("symbol '{name}' not found")));
    }
    Ok(p as usize)
}

/// `in_dll`'s lookup: ValueError when the symbol is missing.
pub(crate) fn symbol(vm: &mut Vm, handle: usize, name: &str) -> PyResult<usize> {
    lookup(vm, handle, name).map_err(|m| vm.value_error(&m))
}

pub(crate) fn m_dlsym(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("dlsym() takes exactly 2 arguments"));
    }
    let h = simple::addr_arg(vm, a[0])?;
    if !is_str(a[1]) {
        return Err(vm.type_error("dlsym() argument 2 must be str"));
    }
    let name = str_of(a[1]).into_owned();
    match lookup(vm, h, &name) {
        Ok(p) => Ok(vm.new_bigint(num_bigint::BigInt::from(p))),
        Err(m) => Err(vm.new_exc(vm.g.e.OSError, &m)),
    }
}

pub(crate) fn m_dlclose(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.type_error("dlclose() takes exactly one argument"));
    }
    let h = simple::addr_arg(vm, a[0])?;
    // SAFETY: closing a handle is the program's decision, as in C; a bad
    // handle makes dlclose fail, reported below.
    let r = unsafe { libc::dlclose(h as *mut libc::c_void) };
    if r != 0 {
        let msg = dl_error("dlclose() error");
        return Err(vm.new_exc(vm.g.e.OSError, &msg));
    }
    Ok(Value::NONE)
}

use super::simple;
