//! proto_core: ProtoPy's memory model.
//!
//! Tagged 64-bit [`Value`]s; objects in 64-byte cells with a [`object::Header`];
//! per-thread [`ProtoContext`]s allocating without synchronisation from blocks
//! of the process-wide [`ProtoSpace`]; zero-copy promotion of objects that
//! escape their thread, enforced by a write barrier; a tracing, non-moving
//! collector (local collections per context, global stop-the-world
//! collections with parallel marking); the safepoint handshake; precise roots;
//! and immutable shared storage (ropes, persistent collections).
//! See docs/ARCHITECTURE.md for the invariants.

pub mod alloc_trace;
pub mod cacheslot;
pub mod context;
pub mod fairlock;
pub mod fork;
pub mod gc;
pub mod gclog;
pub mod handshake;
pub mod heap;
pub mod immutable;
pub mod keylock;
pub mod layouts;
pub mod lock;
pub mod native;
pub mod object;
pub mod ownerwrite;
pub mod promote;
pub mod relock;
// The process allocator; no loom model covers it (its statics need const
// constructors).
#[cfg(not(loom))]
pub mod reserve;
pub mod roots;
pub mod sigmask;
pub mod solo;
pub mod space;
pub mod sync;
pub mod value;
pub mod waitqueue;

/// Bytes per cell; every heap object starts on a cell boundary.
pub const CELL: usize = 64;

pub use context::ProtoContext;
pub use gc::GcStats;
pub use object::{Kind, Obj};
pub use roots::{Handle, Scope};
pub use space::{ProtoSpace, RootHook, SpaceConfig, SpaceStats, Thresholds, WeakHook};
pub use value::Value;

#[cfg(all(test, not(loom)))]
mod tests;
