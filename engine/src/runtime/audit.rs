//! Audit hooks (PEP 578): `sys.addaudithook` and the events the runtime raises.
//!
//! The hooks are process-wide, as CPython's interpreter-level hooks: one
//! list for every thread, appended to and never shortened, each hook a
//! global root. Raising an event costs one relaxed load while no hook is
//! set. A hook runs with tracing suspended unless it has a true
//! `__cantrace__` attribute (CPython's `sys_audit_tstate`).

use super::{PyResult, Vm};
use proto_core::sync::Ordering;
use proto_core::value::Value;

impl Vm {
    /// Raises the audit event `event` with `args` (a tuple is made of
    /// them): each hook is called as `hook(event, args)`; the first
    /// exception stops the event and is returned. Nothing happens while no
    /// hook is set. `args` are rooted here before anything is allocated, so
    /// a value made just before the call needs no root of its own.
    #[inline]
    pub fn audit(&mut self, event: &str, args: &[Value]) -> PyResult<()> {
        if !self.g.audit_on.load(Ordering::Relaxed) {
            return Ok(());
        }
        self.audit_slow(event, args)
    }

    /// Whether a hook is set (for an event whose arguments cost something
    /// to build).
    #[inline]
    pub fn auditing(&self) -> bool {
        self.g.audit_on.load(Ordering::Relaxed)
    }

    /// The event `object.__getattr__` (`obj`, `name`) CPython raises on
    /// reading an attribute that exposes code or frames (`f_code`,
    /// `__code__`, `tb_frame`, `gi_frame`...).
    #[inline]
    pub fn audit_getattr(&mut self, obj: Value, name: &str) -> PyResult<()> {
        if !self.auditing() {
            return Ok(());
        }
        self.audit_attr("object.__getattr__", obj, name, None)
    }

    /// The event `object.__setattr__` (`obj`, `name`, `value`) CPython
    /// raises on setting a type's `__name__` or `__bases__`, an object's
    /// `__class__`, or a function's `__code__`.
    #[inline]
    pub fn audit_setattr(&mut self, obj: Value, name: &str, value: Value) -> PyResult<()> {
        if !self.auditing() {
            return Ok(());
        }
        self.audit_attr("object.__setattr__", obj, name, Some(value))
    }

    #[cold]
    fn audit_attr(
        &mut self,
        event: &str,
        obj: Value,
        name: &str,
        value: Option<Value>,
    ) -> PyResult<()> {
        let mark = self.push_root(obj);
        if let Some(v) = value {
            self.push_root(v);
        }
        let n = self.new_str(name);
        self.push_root(n);
        let r = match value {
            Some(v) => self.audit(event, &[obj, n, v]),
            None => self.audit(event, &[obj, n]),
        };
        self.pop_roots(mark);
        r
    }

    #[cold]
    fn audit_slow(&mut self, event: &str, args: &[Value]) -> PyResult<()> {
        let mark = self.push_root(Value::NONE);
        for &a in args {
            self.push_root(a);
        }
        let name = self.new_str(event);
        self.push_root(name);
        let t = self.new_tuple(args);
        self.push_root(t);
        let r = self.audit_value(name, t);
        self.pop_roots(mark);
        r
    }

    /// `sys.audit(event, *args)` with the event name and argument tuple as
    /// values (both rooted by the caller).
    pub fn audit_value(&mut self, event: Value, args: Value) -> PyResult<()> {
        if !self.auditing() {
            return Ok(());
        }
        // Hooks are only appended: the first `n` stay as they are.
        let n = proto_core::sync::lock(&self.g.audit_hooks).len();
        let cantrace = self.intern("__cantrace__");
        for i in 0..n {
            let hook = proto_core::sync::lock(&self.g.audit_hooks)[i];
            let can = match self.getattr_opt(hook, cantrace)? {
                Some(v) => self.truthy(v)?,
                None => false,
            };
            let busy = self.trace_busy;
            if !can {
                self.set_trace_busy(true);
            }
            let r = self.call(hook, &[event, args], Value::EMPTY);
            if !can {
                self.set_trace_busy(busy);
            }
            r?;
        }
        Ok(())
    }

    /// `sys.addaudithook(hook)`: raises `sys.addaudithook` first; a hook
    /// that raises an Exception there vetoes the new hook silently, a
    /// BaseException that is not one propagates.
    pub fn add_audit_hook(&mut self, hook: Value) -> PyResult<()> {
        if let Err(e) = self.audit("sys.addaudithook", &[]) {
            if self.isinstance(e.0, self.g.e.Exception) {
                return Ok(());
            }
            return Err(e);
        }
        self.ctx.add_global_root(hook);
        proto_core::sync::lock(&self.g.audit_hooks).push(hook);
        self.g.audit_on.store(true, Ordering::Release);
        Ok(())
    }
}
