//! Assembler: turns a unit's instruction list (with labels, pseudo jumps and
//! handler markers) into the final encoded code.
//!
//! 1. Stack-depth analysis over the control-flow graph (worklist), using the
//!    opcode table's stack effects; exception handlers are entered with
//!    their recorded depth plus `lasti` and the exception.
//! 2. Unreachable instructions are dropped; jumps to the next instruction
//!    are removed.
//! 3. Pseudo `JUMP`s become `JUMP_FORWARD`/`JUMP_BACKWARD`; offsets are
//!    computed iteratively until every EXTENDED_ARG prefix fits.
//! 4. The line table, exception table and cache index are built.

use crate::bytecode::code::{ExceptionEntry, LineTable, Location};
use crate::bytecode::opcodes::{Flow, Opcode};
use crate::bytecode::serialize::build_cache_index;

use super::{CodeBuilder, Instr, Op};
use crate::compiler::{CResult, RawError};

/// Result of assembling one unit.
pub(super) struct Assembled {
    pub code: Box<[u8]>,
    pub linetable: LineTable,
    pub exception_table: Box<[ExceptionEntry]>,
    pub max_stackdepth: u32,
    pub cache_index: Box<[u32]>,
    pub n_cache_slots: u32,
}

fn internal(msg: impl Into<String>) -> RawError {
    RawError::syntax(
        ruff_text_size::TextRange::default(),
        format!("internal compiler error: {}", msg.into()),
    )
}

fn units_for(arg: u32) -> u32 {
    if arg <= 0xFF {
        1
    } else if arg <= 0xFFFF {
        2
    } else if arg <= 0xFF_FFFF {
        3
    } else {
        4
    }
}

/// Does `ins` name a jump target (a pseudo jump or a real jump opcode)?
fn has_jump_target(ins: &Instr) -> bool {
    matches!(ins.op, Op::Jump) || matches!(ins.op, Op::Real(op) if op.is_jump())
}

pub(super) fn assemble(b: &CodeBuilder) -> CResult<Assembled> {
    let n = b.instrs.len();
    let label_pos = |l: u32| -> CResult<usize> {
        b.labels
            .get(l as usize)
            .copied()
            .flatten()
            .ok_or_else(|| internal("unbound label"))
    };
    // ---- 1. stack depth ----
    let mut depth: Vec<Option<u32>> = vec![None; n + 1];
    let mut handler_depth: Vec<Option<u32>> = vec![None; b.handlers.len()];
    let mut work: Vec<usize> = Vec::new();
    let mut max_depth: u32 = 0;
    fn visit(
        depth: &mut [Option<u32>],
        work: &mut Vec<usize>,
        pos: usize,
        d: u32,
        what: &str,
    ) -> CResult<()> {
        match depth[pos] {
            None => {
                depth[pos] = Some(d);
                work.push(pos);
                Ok(())
            }
            Some(old) if old == d => Ok(()),
            Some(old) => Err(internal(format!(
                "inconsistent stack depth at {pos} ({old} vs {d}) via {what}"
            ))),
        }
    }
    if n == 0 {
        return Err(internal("empty code"));
    }
    visit(&mut depth, &mut work, 0, 0, "entry")?;
    while let Some(i) = work.pop() {
        if i == n {
            return Err(internal("control flow falls off the end of the code"));
        }
        let d = depth[i].unwrap_or(0);
        max_depth = max_depth.max(d);
        let ins = &b.instrs[i];
        match ins.op {
            Op::HandlerMark(h) => {
                let info = &b.handlers[h as usize];
                let hd = d
                    .checked_sub(info.adjust)
                    .ok_or_else(|| internal("handler depth underflow"))?;
                handler_depth[h as usize] = Some(hd);
                let entry = hd + 1 + u32::from(info.lasti);
                max_depth = max_depth.max(entry);
                visit(
                    &mut depth,
                    &mut work,
                    label_pos(info.target)?,
                    entry,
                    "handler",
                )?;
                visit(&mut depth, &mut work, i + 1, d, "next")?;
            }
            Op::Jump => {
                let t = label_pos(ins.target.ok_or_else(|| internal("jump without target"))?)?;
                visit(&mut depth, &mut work, t, d, "jump")?;
            }
            Op::Real(op) => {
                let (pops, _) = op.stack_effect_parts(ins.arg, false);
                if pops > d {
                    return Err(internal(format!(
                        "{} pops {} with depth {} at {}",
                        op.name(),
                        pops,
                        d,
                        i
                    )));
                }
                let after =
                    |jump: bool| -> u32 { (i64::from(d) + op.stack_effect(ins.arg, jump)) as u32 };
                match op.flow() {
                    Flow::Next => {
                        max_depth = max_depth.max(after(false));
                        visit(&mut depth, &mut work, i + 1, after(false), op.name())?;
                    }
                    Flow::CondJump => {
                        let t =
                            label_pos(ins.target.ok_or_else(|| internal("jump without target"))?)?;
                        max_depth = max_depth.max(after(false)).max(after(true));
                        visit(&mut depth, &mut work, t, after(true), op.name())?;
                        visit(&mut depth, &mut work, i + 1, after(false), op.name())?;
                    }
                    Flow::Jump => {
                        let t =
                            label_pos(ins.target.ok_or_else(|| internal("jump without target"))?)?;
                        visit(&mut depth, &mut work, t, after(true), op.name())?;
                    }
                    Flow::Stop => {}
                }
            }
        }
    }
    // ---- 2. keep reachable real instructions ----
    let mut new_index = vec![0usize; n + 1];
    let mut kept: Vec<&Instr> = Vec::with_capacity(n);
    for i in 0..n {
        new_index[i] = kept.len();
        if depth[i].is_some() && !matches!(b.instrs[i].op, Op::HandlerMark(_)) {
            kept.push(&b.instrs[i]);
        }
    }
    new_index[n] = kept.len();
    let target_of = |ins: &Instr| -> CResult<usize> {
        let l = ins.target.ok_or_else(|| internal("jump without target"))?;
        Ok(new_index[label_pos(l)?])
    };
    // Remove jumps to the very next instruction (iterate to a fixpoint
    // cheaply: one pass is enough for the common shapes).
    let mut drop = vec![false; kept.len()];
    for (k, ins) in kept.iter().enumerate() {
        if matches!(ins.op, Op::Jump) && target_of(ins)? == k + 1 {
            drop[k] = true;
        }
    }
    // Remove the NOPs that mark no line of their own (as CPython's
    // `remove_redundant_nops`): one whose next instruction has its line
    // (that instruction reports the line, also to a jump that lands on
    // it instead), or one reached only by falling through from an
    // instruction of its line (no jump lands on it: no line event would
    // be due there). A `pass` body on its loop's line costs no dispatch.
    let mut jumped_to = vec![false; kept.len() + 1];
    for ins in &kept {
        if has_jump_target(ins) {
            jumped_to[target_of(ins)?] = true;
        }
        if let Some(h) = ins.handler {
            jumped_to[new_index[label_pos(b.handlers[h as usize].target)?]] = true;
        }
    }
    for k in 0..kept.len() {
        if !matches!(kept[k].op, Op::Real(Opcode::Nop)) {
            continue;
        }
        let line = kept[k].loc.line;
        let next_same = (k + 1..kept.len())
            .find(|&j| !drop[j])
            .is_some_and(|j| kept[j].loc.line == line);
        let prev_same = !jumped_to[k]
            && (0..k)
                .rev()
                .find(|&j| !drop[j])
                .is_some_and(|j| kept[j].loc.line == line);
        if next_same || prev_same {
            drop[k] = true;
        }
    }
    let mut final_index = vec![0usize; kept.len() + 1];
    let mut instrs: Vec<(&Instr, Option<usize>)> = Vec::with_capacity(kept.len());
    for (k, ins) in kept.iter().enumerate() {
        final_index[k] = instrs.len();
        if !drop[k] {
            instrs.push((ins, None));
        }
    }
    final_index[kept.len()] = instrs.len();
    for slot in instrs.iter_mut() {
        let ins = slot.0;
        if has_jump_target(ins) {
            slot.1 = Some(final_index[target_of(ins)?]);
        }
    }
    let m = instrs.len();
    if m == 0 {
        return Err(internal("no reachable code"));
    }
    // ---- 3. resolve opcodes and offsets ----
    let ops: Vec<Opcode> = instrs
        .iter()
        .enumerate()
        .map(|(k, (ins, t))| match ins.op {
            Op::Real(op) => op,
            _ => {
                if t.is_some_and(|t| t > k) {
                    Opcode::JumpForward
                } else {
                    Opcode::JumpBackward
                }
            }
        })
        .collect();
    let mut args: Vec<u32> = instrs.iter().map(|(ins, _)| ins.arg).collect();
    let mut sizes: Vec<u32> = args.iter().map(|&a| units_for(a)).collect();
    let mut offsets = vec![0u32; m + 1];
    loop {
        let mut off = 0u32;
        for k in 0..m {
            offsets[k] = off;
            off += sizes[k];
        }
        offsets[m] = off;
        let mut changed = false;
        for k in 0..m {
            if let Some(t) = instrs[k].1 {
                args[k] = offsets[t];
                let s = units_for(args[k]);
                if s != sizes[k] {
                    sizes[k] = s;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // ---- 4. encode ----
    let total = offsets[m] as usize;
    let mut code = Vec::with_capacity(total * 2);
    let mut lines: Vec<(u32, Location)> = Vec::new();
    let mut table: Vec<ExceptionEntry> = Vec::new();
    for k in 0..m {
        let arg = args[k];
        let size = sizes[k];
        for p in (1..size).rev() {
            code.push(Opcode::ExtendedArg as u8);
            code.push((arg >> (8 * p)) as u8);
        }
        code.push(ops[k] as u8);
        code.push(arg as u8);
        let loc = instrs[k].0.loc;
        if lines.last().is_none_or(|(_, l)| *l != loc) {
            lines.push((offsets[k], loc));
        }
        if let Some(h) = instrs[k].0.handler {
            let info = &b.handlers[h as usize];
            let target = final_index[new_index[label_pos(info.target)?]];
            if target >= m {
                return Err(internal("handler target is unreachable"));
            }
            let hd =
                handler_depth[h as usize].ok_or_else(|| internal("handler used before setup"))?;
            let entry = ExceptionEntry {
                start: offsets[k],
                end: offsets[k] + size,
                target: offsets[target],
                depth: hd,
                lasti: info.lasti,
            };
            match table.last_mut() {
                Some(last)
                    if last.end == entry.start
                        && last.target == entry.target
                        && last.depth == entry.depth
                        && last.lasti == entry.lasti =>
                {
                    last.end = entry.end;
                }
                _ => table.push(entry),
            }
        }
    }
    let (cache_index, n_cache_slots) =
        build_cache_index(&code).ok_or_else(|| internal("malformed code"))?;
    Ok(Assembled {
        code: code.into(),
        linetable: LineTable::new(lines.into()),
        exception_table: table.into(),
        max_stackdepth: max_depth,
        cache_index,
        n_cache_slots,
    })
}
