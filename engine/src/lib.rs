//! ProtoPy engine: compiler, bytecode and interpreter.

pub mod bytecode;
pub mod compiler;
pub mod runtime;
