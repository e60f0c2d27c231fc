//! ProtoPy bytecode: the opcode table, code objects, disassembler and
//! serializer.  See `docs/BYTECODE.md` (generated from the opcode table by
//! `bytecode::docs`) for the full execution model.

pub mod code;
pub mod dis;
pub mod docs;
pub mod opcodes;
mod printable;
pub mod serialize;

pub use code::{
    CodeFlags, CodeObject, Constant, ExceptionEntry, Instruction, LineTable, Location, PyStr,
    NO_CACHE,
};
pub use dis::disassemble;
pub use opcodes::{
    BinaryOperator, ComparisonOperator, Flow, Intrinsic1, Intrinsic2, Opcode, OperandKind,
};
pub use serialize::{deserialize, serialize, DeserializeError};
