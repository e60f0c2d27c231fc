//! Checks an AST object before `compile` compiles it, as CPython 3.11's
//! `obj2ast_*` (TypeErrors: missing fields, wrong node kinds, non-list
//! sequences; ValueErrors: bad integers) and `PyAST_Validate` (ValueErrors:
//! expression contexts, empty bodies and sequences, mismatched lengths,
//! invalid constants) do, driven by the node table.
//!
//! Attribute reads may run Python code (properties, `__getattr__`): the
//! node being checked is rooted while its fields are read.

use engine::runtime::*;
use proto_core::{Obj, Value};

use super::nodes::NODES;
use super::{is_abstract, State};

/// The checker's state.
pub(super) struct Validator<'a> {
    vm: &'a mut Vm,
    st: &'a State,
    depth: usize,
    /// The largest line number and column offset seen (for the synthetic
    /// source of `back`).
    pub max_line: i64,
    pub max_col: i64,
}

const CTX_EXPRS: &[&str] = &["Name", "Attribute", "Subscript", "Starred", "List", "Tuple"];

impl<'a> Validator<'a> {
    pub fn new(vm: &'a mut Vm, st: &'a State) -> Validator<'a> {
        Validator {
            vm,
            st,
            depth: 0,
            max_line: 1,
            max_col: 0,
        }
    }

    /// Checks `tree`, an instance of the `mod` class `cls`.
    pub fn check_root(&mut self, tree: Value, cls: &str) -> PyResult<()> {
        self.check_concrete(tree, cls, "Load")
    }

    /// Attribute `name` of `v`, rooted until the enclosing node's check
    /// returns (a property may have made it).
    fn getattr(&mut self, v: Value, name: &str) -> PyResult<Option<Value>> {
        let k = self.vm.intern(name);
        let r = self.vm.getattr_opt(v, k)?;
        if let Some(x) = r {
            self.vm.push_root(x);
        }
        Ok(r)
    }

    fn class_name(&self, v: Value) -> String {
        type_name(self.vm.type_of(v)).to_string()
    }

    /// A location attribute: `int`, required unless `optional`.
    fn check_attr(&mut self, v: Value, name: &str, owner: &str, optional: bool) -> PyResult<()> {
        match self.getattr(v, name)? {
            Some(x) if !x.is_none() => {
                self.check_int(x)?;
                if let Ok(n) = crate::args::py_ssize_t(self.vm, x) {
                    if name.ends_with("lineno") {
                        self.max_line = self.max_line.max(n);
                    } else {
                        self.max_col = self.max_col.max(n);
                    }
                }
                Ok(())
            }
            _ if optional => Ok(()),
            _ => Err(self
                .vm
                .type_error(&format!("required field \"{name}\" missing from {owner}"))),
        }
    }

    fn check_int(&mut self, x: Value) -> PyResult<()> {
        if self.vm.is_int_like(x) {
            return Ok(());
        }
        let r = self.vm.repr(x)?;
        Err(self
            .vm
            .value_error(&format!("invalid integer value: {}", str_of(r))))
    }

    /// Checks `v` as a value of ASDL type `ty` (no `?`/`*` suffix), with
    /// expression context `ctx` expected of it.
    fn check_value(&mut self, v: Value, ty: &str, ctx: &str) -> PyResult<()> {
        match ty {
            "identifier" | "string" => {
                if !is_str(v) {
                    return Err(self.vm.type_error(&format!("AST {ty} must be of type str")));
                }
                Ok(())
            }
            "int" => self.check_int(v),
            "constant" => self.check_constant(v),
            _ => self.check_node(v, ty, ctx),
        }
    }

    fn check_constant(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() || v == Value::ELLIPSIS || self.vm.is_int_like(v) || is_str(v) {
            return Ok(());
        }
        let t = self.vm.type_of(v);
        let g = &self.vm.g.types;
        if t == g.float || t == g.complex || t == g.bytes || t == g.bool_ {
            return Ok(());
        }
        if t == g.tuple || t == g.frozenset {
            let items = if t == g.tuple {
                self.vm.seq_items(v)
            } else {
                self.vm.set_items(v)
            };
            for x in items {
                self.check_constant(x)?;
            }
            return Ok(());
        }
        let tn = type_name(t).to_string();
        Err(self
            .vm
            .type_error(&format!("got an invalid type in Constant: {tn}")))
    }

    fn check_node(&mut self, v: Value, ty: &str, ctx: &str) -> PyResult<()> {
        self.depth += 1;
        if self.depth > engine::compiler::MAX_NESTING {
            let cls = self.vm.g.e.RecursionError;
            return Err(self
                .vm
                .new_exc(cls, "maximum recursion depth exceeded during compilation"));
        }
        let mark = self.vm.push_root(v);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.check_node_inner(v, ty, ctx));
        self.vm.pop_roots(mark);
        self.depth -= 1;
        r
    }

    fn check_node_inner(&mut self, v: Value, ty: &str, ctx: &str) -> PyResult<()> {
        let i = self.st.index(ty);
        if !is_abstract(i) {
            // A product type (`arguments`, `arg`, `keyword`...).
            return self.check_concrete(v, ty, ctx);
        }
        let def = &NODES[i];
        if let Some(attrs) = def.attributes {
            if attrs.contains(&"lineno") {
                let optional_end = ty != "pattern";
                self.check_attr(v, "lineno", ty, false)?;
                self.check_attr(v, "col_offset", ty, false)?;
                self.check_attr(v, "end_lineno", ty, optional_end)?;
                self.check_attr(v, "end_col_offset", ty, optional_end)?;
            }
        }
        let concrete = NODES
            .iter()
            .enumerate()
            .find(|(j, d)| d.base == ty && self.vm.isinstance(v, self.st.classes[*j]))
            .map(|(_, d)| d.name);
        match concrete {
            Some(c) => self.check_concrete(v, c, ctx),
            None => {
                let r = self.vm.repr(v)?;
                Err(self.vm.type_error(&format!(
                    "expected some sort of {ty}, but got {}",
                    str_of(r)
                )))
            }
        }
    }

    /// Checks the fields of `v`, an instance of the concrete class `cls`.
    fn check_concrete(&mut self, v: Value, cls: &str, ctx: &str) -> PyResult<()> {
        let i = self.st.index(cls);
        let def = &NODES[i];
        if def.base == "AST" {
            if let Some(attrs) = def.attributes {
                if attrs.contains(&"lineno") {
                    self.check_attr(v, "lineno", cls, false)?;
                    self.check_attr(v, "col_offset", cls, false)?;
                    self.check_attr(v, "end_lineno", cls, true)?;
                    self.check_attr(v, "end_col_offset", cls, true)?;
                }
            }
        }
        // The context this node's own context-bearing children need.
        let own_ctx = if CTX_EXPRS.contains(&cls) {
            let c = self.getattr(v, "ctx")?;
            match c {
                Some(c) if !c.is_none() => {
                    self.check_node(c, "expr_context", "Load")?;
                    let actual = self.class_name(c);
                    if actual != ctx {
                        return Err(self.vm.value_error(&format!(
                            "expression must have {ctx} context but has {actual} instead"
                        )));
                    }
                    actual
                }
                _ => {
                    return Err(self
                        .vm
                        .type_error(&format!("required field \"ctx\" missing from {cls}")))
                }
            }
        } else {
            "Load".to_owned()
        };
        let mut lens: Vec<(&str, usize)> = Vec::new();
        for &(t, name) in def.fields {
            if name == "ctx" && CTX_EXPRS.contains(&cls) {
                continue;
            }
            let child_ctx: &str = match (cls, name) {
                ("List", "elts") | ("Tuple", "elts") | ("Starred", "value") => &own_ctx,
                ("Assign", "targets")
                | ("AugAssign", "target")
                | ("AnnAssign", "target")
                | ("For", "target")
                | ("AsyncFor", "target")
                | ("withitem", "optional_vars")
                | ("comprehension", "target")
                | ("NamedExpr", "target") => "Store",
                ("Delete", "targets") => "Del",
                _ => "Load",
            };
            let value = self.getattr(v, name)?;
            if let Some(base) = t.strip_suffix('*') {
                let Some(list) = value else {
                    return Err(self
                        .vm
                        .type_error(&format!("required field \"{name}\" missing from {cls}")));
                };
                if !Obj::from_value(list).is_some_and(|o| o.kind() == Kind::LIST) {
                    let tn = self.vm.type_name_of(list);
                    return Err(self.vm.type_error(&format!(
                        "{cls} field \"{name}\" must be a list, not a {tn}"
                    )));
                }
                let mark = self.vm.push_root(list);
                let items = self.vm.seq_items(list);
                lens.push((name, items.len()));
                let none_ok =
                    matches!((cls, name), ("Dict", "keys") | ("arguments", "kw_defaults"));
                for item in items {
                    if item.is_none() && matches!(base, "expr" | "stmt") {
                        if none_ok {
                            continue;
                        }
                        let what = if base == "stmt" {
                            "statement"
                        } else {
                            "expression"
                        };
                        self.vm.pop_roots(mark);
                        return Err(self
                            .vm
                            .value_error(&format!("None disallowed in {what} list")));
                    }
                    let r = self.check_value(item, base, child_ctx);
                    if r.is_err() {
                        self.vm.pop_roots(mark);
                        return r;
                    }
                }
                self.vm.pop_roots(mark);
            } else if let Some(base) = t.strip_suffix('?') {
                if let Some(x) = value.filter(|x| !x.is_none()) {
                    self.check_value(x, base, child_ctx)?;
                }
            } else {
                match value {
                    Some(x) if !x.is_none() || t == "constant" => {
                        self.check_value(x, t, child_ctx)?;
                        if cls == "Name" && name == "id" && is_str(x) {
                            let s = str_of(x);
                            if matches!(&*s, "None" | "True" | "False") {
                                return Err(self.vm.value_error(&format!(
                                    "identifier field can't represent '{s}' constant"
                                )));
                            }
                        }
                        if cls == "NamedExpr" && name == "target" {
                            let n = self.st.class("Name");
                            if !self.vm.isinstance(x, n) {
                                return Err(self.vm.type_error("NamedExpr target must be a Name"));
                            }
                        }
                    }
                    _ => {
                        return Err(self
                            .vm
                            .type_error(&format!("required field \"{name}\" missing from {cls}")))
                    }
                }
            }
        }
        self.semantic(v, cls, &lens)
    }

    /// `PyAST_Validate`'s rules on sequence lengths.
    fn semantic(&mut self, v: Value, cls: &str, lens: &[(&str, usize)]) -> PyResult<()> {
        let len = |n: &str| lens.iter().find(|(k, _)| *k == n).map_or(0, |(_, l)| *l);
        let nonempty = |field: &str| -> Option<String> {
            (len(field) == 0).then(|| format!("empty {field} on {cls}"))
        };
        let msg: Option<String> = match cls {
            "FunctionDef" | "AsyncFunctionDef" | "ClassDef" | "For" | "AsyncFor" | "While"
            | "If" | "ExceptHandler" | "match_case" => nonempty("body"),
            "With" | "AsyncWith" => nonempty("items").or_else(|| nonempty("body")),
            "Try" | "TryStar" => nonempty("body").or_else(|| {
                if len("handlers") == 0 && len("finalbody") == 0 {
                    Some(format!("{cls} has neither except handlers nor finalbody"))
                } else if len("handlers") == 0 && len("orelse") > 0 {
                    Some(format!("{cls} has orelse but no except handlers"))
                } else {
                    None
                }
            }),
            "Delete" | "Assign" => nonempty("targets"),
            "Import" | "Global" | "Nonlocal" => nonempty("names"),
            "Match" => nonempty("cases"),
            "BoolOp" if len("values") < 2 => Some("BoolOp with less than 2 values".into()),
            "Compare" if len("comparators") == 0 => Some("Compare with no comparators".into()),
            "Compare" if len("comparators") != len("ops") => {
                Some("Compare has a different number of comparators and operands".into())
            }
            "Dict" if len("keys") != len("values") => {
                Some("Dict doesn't have the same number of keys as values".into())
            }
            "ListComp" | "SetComp" | "DictComp" | "GeneratorExp" if len("generators") == 0 => {
                Some("comprehension with no generators".into())
            }
            "arguments" if len("defaults") > len("posonlyargs") + len("args") => {
                Some("more positional defaults than args on arguments".into())
            }
            "arguments" if len("kw_defaults") != len("kwonlyargs") => {
                Some("length of kwonlyargs is not the same as kw_defaults on arguments".into())
            }
            "Raise" => {
                let exc = self.getattr(v, "exc")?;
                let cause = self.getattr(v, "cause")?;
                if exc.is_none_or(|e| e.is_none()) && cause.is_some_and(|c| !c.is_none()) {
                    Some("Raise with cause but no exception".into())
                } else {
                    None
                }
            }
            "ImportFrom" => match self.getattr(v, "level")? {
                Some(l)
                    if self.vm.is_int_like(l)
                        && crate::args::py_ssize_t(self.vm, l).is_ok_and(|l| l < 0) =>
                {
                    Some("Negative ImportFrom level".into())
                }
                _ => None,
            },
            _ => None,
        };
        match msg {
            Some(m) => Err(self.vm.value_error(&m)),
            None => Ok(()),
        }
    }
}
