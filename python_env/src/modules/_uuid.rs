//! The `_uuid` module: CPython's accelerator for `uuid.uuid1()` and
//! `uuid.getnode()`, which on Linux wraps libuuid's
//! `uuid_generate_time_safe`. Here the time-based UUID (RFC 4122 version 1)
//! is made in Rust the same way libuuid makes it without its daemon.
//!
//! - The node is the hardware address of the first network interface that
//!   has a non-zero one (`/sys/class/net/*/address`, interfaces in name
//!   order, as libuuid takes the first of SIOCGIFCONF's list), else a random
//!   48-bit number with the multicast bit set (RFC 4122 4.5), chosen once
//!   per process.
//! - The time is the count of 100 ns intervals since 1582-10-15. The clock
//!   sequence is random at the first call; a timestamp that is not after the
//!   previous one is bumped past it (libuuid's in-process counter), so two
//!   calls in one process never return the same UUID, from any threads: the
//!   state sits behind one mutex.
//! - As libuuid without `uuidd`, nothing coordinates processes, so the
//!   second item of the result is -1 (`SafeUUID.unsafe`).

use crate::args::check;
use engine::runtime::*;
use proto_core::sync::{self, Mutex};
use proto_core::Value;
use std::time::{SystemTime, UNIX_EPOCH};

/// 100 ns intervals between 1582-10-15 and 1970-01-01.
const GREGORIAN_OFFSET: u64 = 0x01B2_1DD2_1381_4000;

struct State {
    node: Option<[u8; 6]>,
    clock_seq: u16,
    last: u64,
}

static STATE: Mutex<State> = Mutex::new(State {
    node: None,
    clock_seq: 0,
    last: 0,
});

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    if getrandom::getrandom(&mut b).is_err() {
        // No entropy source: mix the clock and the process id instead.
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let x = t ^ (u64::from(std::process::id()) << 32);
        for (i, v) in b.iter_mut().enumerate() {
            *v = (x >> ((i % 8) * 8)) as u8;
        }
    }
    b
}

/// The first non-zero hardware address among the network interfaces.
fn hardware_node() -> Option<[u8; 6]> {
    let mut names: Vec<_> = std::fs::read_dir("/sys/class/net")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    names.into_iter().find_map(|n| {
        let p = std::path::Path::new("/sys/class/net")
            .join(n)
            .join("address");
        let text = std::fs::read_to_string(p).ok()?;
        let parts: Vec<u8> = text
            .trim()
            .split(':')
            .map(|h| u8::from_str_radix(h, 16))
            .collect::<Result<_, _>>()
            .ok()?;
        let node: [u8; 6] = parts.try_into().ok()?;
        (node != [0; 6]).then_some(node)
    })
}

/// `generate_time_safe()`: (16 bytes of a version 1 UUID, -1).
fn generate_time_safe(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_uuid.generate_time_safe", a, k, 0, 0)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_nanos() / 100) as u64)
        + GREGORIAN_OFFSET;
    let (node, clock_seq, ts) = {
        let mut st = sync::lock(&STATE);
        let node = match st.node {
            Some(n) => n,
            None => {
                let n = hardware_node().unwrap_or_else(|| {
                    let mut r = random_bytes::<6>();
                    r[0] |= 0x01;
                    r
                });
                let cs = random_bytes::<2>();
                st.clock_seq = u16::from_be_bytes(cs) & 0x3fff;
                st.node = Some(n);
                n
            }
        };
        let ts = if now > st.last { now } else { st.last + 1 };
        st.last = ts;
        (node, st.clock_seq, ts)
    };
    let mut b = [0u8; 16];
    b[0..4].copy_from_slice(&(ts as u32).to_be_bytes());
    b[4..6].copy_from_slice(&((ts >> 32) as u16).to_be_bytes());
    b[6..8].copy_from_slice(&((((ts >> 48) as u16) & 0x0fff) | 0x1000).to_be_bytes());
    b[8..10].copy_from_slice(&((clock_seq & 0x3fff) | 0x8000).to_be_bytes());
    b[10..16].copy_from_slice(&node);
    let bytes = vm.new_bytes(&b);
    let mark = vm.push_root(bytes);
    let t = vm.new_tuple(&[bytes, Value::int(-1)]);
    vm.pop_roots(mark);
    Ok(t)
}

/// Creates the `_uuid` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_uuid");
    vm.add_module_functions(m, &[("generate_time_safe", generate_time_safe)]);
    vm.set_module_attr(m, "has_uuid_generate_time_safe", Value::int(1));
    Ok(m)
}
