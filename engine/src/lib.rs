//! ProtoPy engine: compiler, bytecode and interpreter.
