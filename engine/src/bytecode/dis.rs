//! Disassembler: renders a [`CodeObject`] as text, like CPython's `dis.dis`.
//!
//! Format (one instruction per line):
//! ```text
//!   LINE  >>  OFFSET OPNAME                ARG (meaning)
//! ```
//! `LINE` appears when the line changes, `>>` marks jump targets and
//! exception handlers, offsets are code units (EXTENDED_ARG prefixes are
//! folded into the instruction they extend).  After the instructions comes
//! the exception table, then nested code objects, recursively.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::code::{CodeObject, Constant};
use super::opcodes::{BinaryOperator, ComparisonOperator, Intrinsic1, Intrinsic2, OperandKind};

/// Disassembles `code` and every code object nested in its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out, true);
    out
}

/// Disassembles only `code` (no recursion into nested code objects).
pub fn disassemble_one(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out, false);
    out
}

/// Human-readable meaning of `arg` for an instruction of kind `kind`.
pub fn describe_arg(code: &CodeObject, kind: OperandKind, arg: u32) -> String {
    let idx = arg as usize;
    match kind {
        OperandKind::NoArg | OperandKind::Raw | OperandKind::Count => String::new(),
        OperandKind::Const => code
            .consts
            .get(idx)
            .map(Constant::repr)
            .unwrap_or_else(|| "<bad const>".into()),
        OperandKind::Name => code
            .names
            .get(idx)
            .map(|s| s.to_string())
            .unwrap_or_else(|| "<bad name>".into()),
        OperandKind::Local => code
            .varnames
            .get(idx)
            .map(|s| s.to_string())
            .unwrap_or_else(|| "<bad local>".into()),
        OperandKind::Deref => code
            .deref_name(arg)
            .map(str::to_owned)
            .unwrap_or_else(|| "<bad cell>".into()),
        OperandKind::Jump => format!("to {arg}"),
        OperandKind::BinaryOp => BinaryOperator::from_arg(arg)
            .map(|o| o.text().to_owned())
            .unwrap_or_else(|| "?".into()),
        OperandKind::CompareOp => ComparisonOperator::from_arg(arg)
            .map(|o| o.text().to_owned())
            .unwrap_or_else(|| "?".into()),
        OperandKind::Invert => {
            if arg == 0 {
                String::new()
            } else {
                "invert".into()
            }
        }
        OperandKind::Flags => String::new(),
        OperandKind::Format => {
            let conv = ["", "str", "repr", "ascii"][(arg & 3) as usize];
            let spec = if arg & 4 != 0 { "with format" } else { "" };
            [conv, spec]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        }
        OperandKind::MakeFunction => {
            let names = [
                (1, "defaults"),
                (2, "kwdefaults"),
                (4, "annotations"),
                (8, "closure"),
            ];
            names
                .iter()
                .filter(|(b, _)| arg & b != 0)
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        }
        OperandKind::Raise => match arg {
            0 => "reraise".into(),
            1 => "exception".into(),
            2 => "exception from cause".into(),
            _ => "?".into(),
        },
        OperandKind::Awaitable => match arg {
            1 => "__aenter__".into(),
            2 => "__aexit__".into(),
            _ => String::new(),
        },
        OperandKind::UnpackEx => format!("{} before, {} after", arg & 0xFF, arg >> 8),
        OperandKind::Intrinsic1 => Intrinsic1::from_arg(arg)
            .map(|i| i.text().to_owned())
            .unwrap_or_else(|| "?".into()),
        OperandKind::Intrinsic2 => Intrinsic2::from_arg(arg)
            .map(|i| i.text().to_owned())
            .unwrap_or_else(|| "?".into()),
    }
}

fn disassemble_into(code: &CodeObject, out: &mut String, recurse: bool) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} (qualname {}), file \"{}\", line {}>:",
        code.name, code.qualname, code.filename, code.first_lineno
    );
    let _ = writeln!(
        out,
        "  argcount={} posonly={} kwonly={} flags={} stacksize={} caches={}",
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.flags.names().join("|"),
        code.max_stackdepth,
        code.n_cache_slots
    );
    let list = |v: &[std::sync::Arc<str>]| {
        v.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  varnames: {}", list(&code.varnames));
    }
    if !code.cellvars.is_empty() {
        let _ = writeln!(out, "  cellvars: {}", list(&code.cellvars));
    }
    if !code.freevars.is_empty() {
        let _ = writeln!(out, "  freevars: {}", list(&code.freevars));
    }
    let mut targets = BTreeSet::new();
    for ins in code.instructions() {
        if ins.op.is_jump() {
            targets.insert(ins.arg);
        }
    }
    for e in code.exception_table.iter() {
        targets.insert(e.target);
    }
    let mut last_line = u32::MAX;
    let mut pos = 0u32;
    while pos < code.len_units() {
        let Some(ins) = code.decode_at(pos) else {
            let _ = writeln!(out, "  <malformed instruction at {pos}>");
            break;
        };
        let loc = code.location(ins.start);
        let line = if loc.line != last_line && loc.line != 0 {
            last_line = loc.line;
            format!("{:>4}", loc.line)
        } else {
            "    ".into()
        };
        if line.trim().is_empty() {
            // keep
        } else if ins.start != 0 {
            out.push('\n');
        }
        let marker = if targets.contains(&ins.start) {
            ">>"
        } else {
            "  "
        };
        let desc = describe_arg(code, ins.op.operand(), ins.arg);
        let arg_text = if ins.op.operand() == OperandKind::NoArg {
            String::new()
        } else {
            ins.arg.to_string()
        };
        let mut text = format!(
            "{line}  {marker} {:>5} {:<24} {:>5}",
            ins.start,
            ins.op.name(),
            arg_text
        );
        if !desc.is_empty() {
            let _ = write!(text, " ({desc})");
        }
        let _ = writeln!(out, "{}", text.trim_end());
        pos = ins.offset + 1;
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in code.exception_table.iter() {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end,
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
    if recurse {
        for c in code.consts.iter() {
            let inner = match c {
                Constant::Code(inner) => inner.clone(),
                Constant::LazyCode(lazy) => match lazy.code() {
                    Ok(inner) => inner,
                    Err(e) => {
                        let _ = write!(out, "\n<code object: {e}>\n");
                        continue;
                    }
                },
                _ => continue,
            };
            out.push('\n');
            disassemble_into(&inner, out, true);
        }
    }
}
