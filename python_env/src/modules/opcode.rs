//! The `opcode` module: ProtoPy's own instruction set, as CPython's
//! `Lib/opcode.py` describes CPython's. Everything here is read from the one
//! opcode table (`engine::bytecode::opcodes`), so `dis` and any other reader
//! of `co_code` see the bytecode ProtoPy really runs.
//!
//! Differences from CPython's module, each one a property of ProtoPy's
//! bytecode: every code unit is two bytes, an opcode and an operand byte,
//! whatever the opcode (so `HAVE_ARGUMENT` is 0, and `hasarg` lists the
//! opcodes whose operand means something); jumps are absolute unit offsets
//! (`hasjabs`; `hasjrel` is empty); inline caches live beside the code, not
//! in it. `_operand_kind` names how each opcode's operand is read, for
//! `dis`'s argument descriptions.

use engine::bytecode::{
    BinaryOperator, CodeFlags, ComparisonOperator, Intrinsic1, Intrinsic2, Opcode, OperandKind,
};
use engine::runtime::*;
use proto_core::Value;

const MODULE_DOC: &str = "opcode module - potentially shared between dis and other modules which
operate on bytecodes (e.g. peephole optimizers).";

/// `CamelCase` to `UPPER_SNAKE` (`FloorDivide` -> `FLOOR_DIVIDE`), for the
/// `NB_*` names of the binary operators.
fn upper_snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A list of the opcode numbers of the opcodes `keep` selects.
fn opcode_list(vm: &mut Vm, keep: impl Fn(Opcode) -> bool) -> Value {
    let items: Vec<Value> = Opcode::ALL
        .iter()
        .filter(|&&op| keep(op))
        .map(|&op| Value::int(op as i64))
        .collect();
    vm.new_list(&items)
}

/// A list of strs, each rooted until the list holds it.
fn str_list<'s>(vm: &mut Vm, items: impl Iterator<Item = std::borrow::Cow<'s, str>>) -> Value {
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for s in items {
        let v = vm.new_str(&s);
        vm.list_append(l, v);
    }
    vm.pop_roots(mark);
    l
}

/// `stack_effect(opcode, oparg=None, /, *, jump=None)`: the net change of
/// the stack depth the instruction makes; with `jump` None, the larger of
/// the two edges of a conditional jump.
fn stack_effect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let jump = args.take("jump");
    args.no_more_kw(vm, "stack_effect")?;
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "stack_effect expected 1 or 2 positional arguments, got {}",
            args.pos.len()
        )));
    }
    let code = vm.index(args.pos[0])?;
    let op = vm
        .as_i64(code)
        .and_then(|c| u8::try_from(c).ok())
        .and_then(Opcode::from_u8);
    let Some(op) = op else {
        return Err(vm.value_error("invalid opcode or oparg"));
    };
    let takes_arg = op.operand() != OperandKind::NoArg;
    let oparg = match args.pos.get(1).copied().filter(|v| !v.is_none()) {
        Some(v) => {
            if !takes_arg {
                return Err(vm.value_error(
                    "stack_effect: opcode does not permit oparg but oparg was specified",
                ));
            }
            let i = vm.index(v)?;
            match vm.as_i64(i).and_then(|x| u32::try_from(x).ok()) {
                Some(x) => x,
                None => return Err(vm.value_error("invalid opcode or oparg")),
            }
        }
        None if takes_arg => {
            return Err(
                vm.value_error("stack_effect: opcode requires oparg but oparg was not specified")
            )
        }
        None => 0,
    };
    let effect = match jump.filter(|v| !v.is_none()) {
        Some(j) => {
            let j = vm.truthy(j)?;
            op.stack_effect(oparg, j)
        }
        None => op
            .stack_effect(oparg, true)
            .max(op.stack_effect(oparg, false)),
    };
    Ok(Value::int(effect))
}

/// The names `__all__` lists, as CPython's module (plus `stack_effect`,
/// which CPython adds when `_opcode` imports, and 3.12's `hasarg`).
const ALL: &[&str] = &[
    "cmp_op",
    "hasarg",
    "hasconst",
    "hasname",
    "hasjrel",
    "hasjabs",
    "haslocal",
    "hascompare",
    "hasfree",
    "opname",
    "opmap",
    "HAVE_ARGUMENT",
    "EXTENDED_ARG",
    "hasnargs",
    "stack_effect",
];

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("opcode");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let r = fill(vm, m);
    vm.pop_roots(mark);
    r.map(|()| m)
}

fn fill(vm: &mut Vm, m: Value) -> PyResult<()> {
    // opname: 256 entries, '<n>' where no opcode has that number.
    let names = (0..=255u8).map(|b| match Opcode::from_u8(b) {
        Some(op) => op.name().into(),
        None => format!("<{b}>").into(),
    });
    let opname = str_list(vm, names);
    vm.set_module_attr(m, "opname", opname);
    let opmap = vm.new_dict();
    vm.set_module_attr(m, "opmap", opmap);
    for &op in Opcode::ALL {
        let k = vm.intern(op.name());
        vm.dict_set(opmap, k, Value::int(op as i64))?;
    }
    let kinds = (0..=255u8).map(|b| match Opcode::from_u8(b) {
        Some(op) => format!("{:?}", op.operand()).into(),
        None => "".into(),
    });
    let kinds = str_list(vm, kinds);
    vm.set_module_attr(m, "_operand_kind", kinds);
    let lists: [(&str, fn(Opcode) -> bool); 9] = [
        ("hasarg", |op| op.operand() != OperandKind::NoArg),
        ("hasconst", |op| op.operand() == OperandKind::Const),
        ("hasname", |op| op.operand() == OperandKind::Name),
        ("hasjabs", |op| op.operand() == OperandKind::Jump),
        ("hasjrel", |_| false),
        ("haslocal", |op| op.operand() == OperandKind::Local),
        ("hasfree", |op| op.operand() == OperandKind::Deref),
        ("hascompare", |op| op.operand() == OperandKind::CompareOp),
        ("hasnargs", |_| false),
    ];
    for (name, keep) in lists {
        let l = opcode_list(vm, keep);
        vm.set_module_attr(m, name, l);
    }
    let cmp: Vec<Value> = ComparisonOperator::ALL
        .iter()
        .map(|c| vm.intern(c.text()))
        .collect();
    let cmp_op = vm.new_tuple(&cmp);
    vm.set_module_attr(m, "cmp_op", cmp_op);
    vm.set_module_attr(m, "HAVE_ARGUMENT", Value::int(0));
    vm.set_module_attr(m, "EXTENDED_ARG", Value::int(Opcode::ExtendedArg as i64));
    // _nb_ops: (NB_ name, symbol) per BINARY_OP operand, as CPython's.
    let nb = vm.new_list(&[]);
    vm.set_module_attr(m, "_nb_ops", nb);
    for b in BinaryOperator::ALL {
        let n = vm.new_str(&format!("NB_{}", upper_snake(&format!("{b:?}"))));
        let nm = vm.push_root(n);
        let s = vm.new_str(b.text());
        vm.push_root(s);
        let t = vm.new_tuple(&[n, s]);
        vm.list_append(nb, t);
        vm.pop_roots(nm);
    }
    let i1 = str_list(vm, Intrinsic1::ALL.iter().map(|i| i.text().into()));
    vm.set_module_attr(m, "_intrinsic_1_descs", i1);
    let i2 = str_list(vm, Intrinsic2::ALL.iter().map(|i| i.text().into()));
    vm.set_module_attr(m, "_intrinsic_2_descs", i2);
    // The code flags `dis.COMPILER_FLAG_NAMES` shows: CPython's ten (the
    // `__future__` bits are not among them there either).
    let flags = vm.new_dict();
    vm.set_module_attr(m, "_compiler_flag_names", flags);
    for &(f, name) in CodeFlags::NAMED {
        if f.0 < 0x1_0000 {
            let k = vm.intern(name);
            vm.dict_set(flags, Value::int(i64::from(f.0)), k)?;
        }
    }
    vm.add_module_functions(m, &[("stack_effect", stack_effect as NativeFn)]);
    let all = str_list(vm, ALL.iter().map(|s| (*s).into()));
    vm.set_module_attr(m, "__all__", all);
    Ok(())
}
