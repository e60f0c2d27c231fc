//! The `time` module.

use engine::runtime::*;
use proto_core::Value;

fn time(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(vm.new_float(t))
}

fn time_ns(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Ok(vm.new_int(t))
}

fn perf_counter(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let s = START.get_or_init(std::time::Instant::now);
    Ok(vm.new_float(s.elapsed().as_secs_f64()))
}

fn sleep(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sleep", a, _k, 1, 1)?;
    let secs = match vm.as_f64(a[0]) {
        Some(f) => f,
        None => {
            let tn = vm.type_name_of(a[0]);
            return Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )));
        }
    };
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let total = std::time::Duration::try_from_secs_f64(secs)
        .map_err(|_| vm.new_exc(vm.g.e.OverflowError, "sleep length is too large"))?;
    if !engine::runtime::signals::is_main_thread() {
        vm.ctx.blocking(|| std::thread::sleep(total));
        return Ok(Value::NONE);
    }
    // The main thread sleeps in slices so that a signal (Ctrl-C) delivered to
    // any thread runs its handler promptly; a handler that returns lets the
    // sleep go on, one that raises ends it (PEP 475).
    const SLICE: std::time::Duration = std::time::Duration::from_millis(20);
    let deadline = std::time::Instant::now() + total;
    loop {
        let now = std::time::Instant::now();
        if now >= deadline {
            break;
        }
        let step = (deadline - now).min(SLICE);
        vm.ctx.blocking(|| std::thread::sleep(step));
        vm.check_signals()?;
    }
    Ok(Value::NONE)
}

/// Creates the time module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("time");
    let fns: &[(&'static str, NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("perf_counter", perf_counter),
        ("monotonic", perf_counter),
        ("process_time", perf_counter),
        ("sleep", sleep),
    ];
    vm.add_module_functions(m, fns);
    Ok(m)
}
