//! The `_ast` module: CPython 3.11's AST node classes (`AST` and every
//! class of `Parser/Python.asdl`, with their `_fields`, `_attributes`,
//! `__match_args__`, docstrings and `None` class defaults), the
//! `PyCF_*` flags, and the parts of the builtin `compile` that produce an
//! AST (`PyCF_ONLY_AST`) or compile one.
//!
//! The classes are made once per interpreter (the first import) and kept
//! in a [`State`] (globally rooted, promoted): a later import of a fresh
//! `_ast` module, and the converter, use the same classes, as CPython's
//! per-interpreter AST state does.  Field-less operator and context
//! classes have one shared instance each (`Load()`, `Add()`...), as in
//! CPython.
//!
//! Compiling an AST object validates it as CPython's `obj2ast` and
//! `PyAST_Validate` do (the same TypeErrors and ValueErrors), converts it
//! back to the parser's tree (`back`, with a synthetic source text that
//! carries the tree's own line numbers) and compiles that with the code
//! generator.  The few trees `back` cannot carry (see there) are compiled
//! from the text `ast.unparse` makes of them, with that text's lines.

mod back;
mod convert;
mod nodes;
mod validate;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::args::Args;
use engine::compiler::{self, Mode};
use engine::runtime::*;
use proto_core::{Obj, Value};
use ruff_python_ast::Mod;
use ruff_text_size::{Ranged, TextSize};

use nodes::NODES;

/// The largest synthetic source (bytes) a compiled tree gets (see `back`).
const MAX_SYNTHETIC_SOURCE: u64 = 64 << 20;

/// `PyCF_ONLY_AST`.
pub const PYCF_ONLY_AST: i64 = 0x400;
/// `PyCF_TYPE_COMMENTS`.
pub const PYCF_TYPE_COMMENTS: i64 = 0x1000;
/// `PyCF_ALLOW_TOP_LEVEL_AWAIT`.
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// The node classes of one interpreter.
pub(crate) struct State {
    /// `ast.AST`.
    pub ast: Value,
    /// The class of each entry of [`NODES`], in order.
    pub classes: Vec<Value>,
    /// The shared instance of each field-less operator/context class
    /// (`Value::NONE` for other classes).
    pub singletons: Vec<Value>,
    /// Each class's `_fields` as interned names.
    pub field_names: Vec<Vec<Value>>,
    /// `lineno`, `col_offset`, `end_lineno`, `end_col_offset`, interned.
    pub attr_names: [Value; 4],
    index: HashMap<&'static str, usize>,
}

impl State {
    /// The [`NODES`] index of class `name` (a name of the table: the
    /// converter and validator only pass those).
    pub fn index(&self, name: &str) -> usize {
        match self.index.get(name) {
            Some(&i) => i,
            None => unreachable!("_ast: no node class {name}"),
        }
    }

    /// The class named `name`.
    pub fn class(&self, name: &str) -> Value {
        self.classes[self.index(name)]
    }
}

/// The states made so far, keyed by the address of their interpreter's
/// heap (one per interpreter; tests may run several in one process).
static STATES: Mutex<Vec<(usize, Arc<State>)>> = Mutex::new(Vec::new());

fn space_key(vm: &Vm) -> usize {
    Arc::as_ptr(&vm.g.space) as usize
}

/// The node classes of this interpreter, made on first use.
pub(crate) fn state(vm: &mut Vm) -> PyResult<Arc<State>> {
    let key = space_key(vm);
    {
        let g = STATES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = g.iter().find(|(k, _)| *k == key) {
            return Ok(s.clone());
        }
    }
    let s = Arc::new(build_state(vm)?);
    let mut g = STATES.lock().unwrap_or_else(|e| e.into_inner());
    // Another thread may have made them meanwhile: keep the first.
    if let Some((_, s)) = g.iter().find(|(k, _)| *k == key) {
        return Ok(s.clone());
    }
    g.push((key, s.clone()));
    Ok(s)
}

/// The docstring CPython gives a node class: its ASDL constructor, or for
/// an abstract class its constructors.
fn class_doc(i: usize) -> String {
    let sig = |d: &nodes::NodeDef| {
        if d.fields.is_empty() {
            d.name.to_owned()
        } else {
            let fs: Vec<String> = d.fields.iter().map(|(t, n)| format!("{t} {n}")).collect();
            format!("{}({})", d.name, fs.join(", "))
        }
    };
    let def = &NODES[i];
    let children: Vec<&nodes::NodeDef> = NODES.iter().filter(|d| d.base == def.name).collect();
    if children.is_empty() {
        return sig(def);
    }
    let sigs: Vec<String> = children.iter().map(|d| sig(d)).collect();
    if children.iter().all(|d| d.fields.is_empty()) {
        format!("{} = {}", def.name, sigs.join(" | "))
    } else {
        let sep = format!("\n{}| ", " ".repeat(def.name.len() + 1));
        format!("{} = {}", def.name, sigs.join(&sep))
    }
}

/// Whether class `i` is abstract (a sum type with constructors below it).
pub(crate) fn is_abstract(i: usize) -> bool {
    NODES.iter().any(|d| d.base == NODES[i].name)
}

fn build_state(vm: &mut Vm) -> PyResult<State> {
    let object = vm.g.types.object;
    let ast = vm.new_static_type("AST", object, K_INSTANCE, true);
    let mark = vm.push_root(ast);
    let modname = vm.intern("ast");
    vm.add_attr(ast, "__module__", modname);
    let empty = vm.new_tuple(&[]);
    vm.ctx.promote(empty);
    for n in ["_fields", "_attributes", "__match_args__"] {
        vm.add_attr(ast, n, empty);
    }
    vm.add_method(ast, "__init__", ast_init);
    vm.add_method(ast, "__reduce__", ast_reduce);

    let mut index = HashMap::new();
    let mut classes: Vec<Value> = Vec::with_capacity(NODES.len());
    let mut field_names = Vec::with_capacity(NODES.len());
    let meta = vm.g.types.type_;
    for (i, def) in NODES.iter().enumerate() {
        let base = match index.get(def.base) {
            Some(&b) => classes[b],
            None => ast,
        };
        let names: Vec<Value> = def.fields.iter().map(|(_, n)| vm.intern(n)).collect();
        let ns = vm.new_dict();
        vm.push_root(ns);
        let fields = vm.new_tuple(&names);
        let k = vm.intern("_fields");
        vm.dict_set_str(ns, k, fields);
        let k = vm.intern("__match_args__");
        vm.dict_set_str(ns, k, fields);
        let k = vm.intern("__module__");
        vm.dict_set_str(ns, k, modname);
        let doc = class_doc(i);
        let doc = vm.new_str(&doc);
        let k = vm.intern("__doc__");
        vm.dict_set_str(ns, k, doc);
        if let Some(attrs) = def.attributes {
            let an: Vec<Value> = attrs.iter().map(|a| vm.intern(a)).collect();
            let t = vm.new_tuple(&an);
            let k = vm.intern("_attributes");
            vm.dict_set_str(ns, k, t);
            // `int?` attributes default to None on the class.
            if def.name != "pattern" && attrs.contains(&"end_lineno") {
                for a in ["end_lineno", "end_col_offset"] {
                    let k = vm.intern(a);
                    vm.dict_set_str(ns, k, Value::NONE);
                }
            }
        }
        if !is_abstract(i) {
            for ((t, _), &k) in def.fields.iter().zip(&names) {
                if t.ends_with('?') {
                    vm.dict_set_str(ns, k, Value::NONE);
                }
            }
        }
        let name = vm.intern(def.name);
        let cls = vm.new_class(meta, name, &[base], ns)?;
        vm.push_root(cls);
        index.insert(def.name, i);
        classes.push(cls);
        field_names.push(names);
    }
    let mut singletons = Vec::with_capacity(NODES.len());
    for (i, def) in NODES.iter().enumerate() {
        let single = def.fields.is_empty()
            && !is_abstract(i)
            && matches!(
                def.base,
                "expr_context" | "boolop" | "operator" | "unaryop" | "cmpop"
            );
        if single {
            let v = vm.alloc_instance(classes[i], &[])?;
            vm.push_root(v);
            singletons.push(v);
        } else {
            singletons.push(Value::NONE);
        }
    }
    // One tuple keeps everything alive for the interpreter's lifetime.
    let mut all = vec![ast];
    all.extend(&classes);
    all.extend(singletons.iter().filter(|v| !v.is_none()));
    let keep = vm.new_tuple(&all);
    vm.ctx.promote(keep);
    vm.ctx.add_global_root(keep);
    vm.pop_roots(mark);
    let attr_names = [
        vm.intern("lineno"),
        vm.intern("col_offset"),
        vm.intern("end_lineno"),
        vm.intern("end_col_offset"),
    ];
    Ok(State {
        ast,
        classes,
        singletons,
        field_names,
        attr_names,
        index,
    })
}

/// Creates the `_ast` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let st = state(vm)?;
    let m = vm.new_module("_ast");
    let mark = vm.push_root(m);
    vm.set_module_attr(m, "AST", st.ast);
    for (def, &cls) in NODES.iter().zip(&st.classes) {
        vm.set_module_attr(m, def.name, cls);
    }
    for (n, v) in [
        ("PyCF_ONLY_AST", PYCF_ONLY_AST),
        ("PyCF_TYPE_COMMENTS", PYCF_TYPE_COMMENTS),
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", PYCF_ALLOW_TOP_LEVEL_AWAIT),
    ] {
        let v = vm.new_int(v);
        vm.set_module_attr(m, n, v);
    }
    vm.pop_roots(mark);
    Ok(m)
}

// ---------------------------------------------------------------- AST methods

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill
/// `_fields` in order, keywords set any attribute (CPython 3.11's
/// `ast_type_init`).
fn ast_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let Some((&this, pos)) = args.pos.split_first() else {
        return Err(vm.type_error("descriptor '__init__' of 'AST' object needs an argument"));
    };
    let kw = args.kw.clone();
    let mark = vm.push_root(this);
    let r = ast_init_inner(vm, this, pos, &kw);
    vm.pop_roots(mark);
    r.map(|()| Value::NONE)
}

fn ast_init_inner(vm: &mut Vm, this: Value, pos: &[Value], kw: &[(Value, Value)]) -> PyResult<()> {
    let cls = vm.type_of(this);
    let key = vm.intern("_fields");
    let fields = match vm.getattr_opt(cls, key)? {
        Some(f) => {
            vm.push_root(f);
            sequence(vm, f)?
        }
        None => Vec::new(),
    };
    // CPython's `tp_name` of AST classes is the bare name ("AST").
    let tname = type_short_name(cls);
    if pos.len() > fields.len() {
        let n = fields.len();
        let s = if n == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{tname} constructor takes at most {n} positional argument{s}"
        )));
    }
    for (&name, &v) in fields.iter().zip(pos) {
        vm.setattr(this, name, v)?;
    }
    for &(key, v) in kw {
        if let Some(p) = fields
            .iter()
            .position(|&f| is_str(f) && str_of(f) == str_of(key))
        {
            if p < pos.len() {
                return Err(vm.type_error(&format!(
                    "{tname} got multiple values for argument '{}'",
                    str_of(key)
                )));
            }
        }
        let key = vm.intern_value(key);
        vm.setattr(this, key, v)?;
    }
    Ok(())
}

/// The items of a tuple or list (`_fields`), or CPython's TypeError.
fn sequence(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    match Obj::from_value(v).map(|o| o.kind()) {
        Some(Kind::TUPLE) | Some(Kind::LIST) => Ok(vm.seq_items(v)),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("object of type '{tn}' has no len()")))
        }
    }
}

/// `AST.__reduce__()`: `(type(self), (), self.__dict__)`.
fn ast_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let Some(&this) = a.first() else {
        return Err(vm.type_error("descriptor '__reduce__' of 'AST' object needs an argument"));
    };
    let cls = vm.type_of(this);
    let empty = vm.new_tuple(&[]);
    let key = vm.intern("__dict__");
    let d = vm.getattr_opt(this, key)?;
    Ok(match d {
        Some(d) => vm.new_tuple(&[cls, empty, d]),
        None => vm.new_tuple(&[cls, empty]),
    })
}

// ---------------------------------------------------------------- compile()

/// Whether `v` is an instance of `ast.AST`.
pub(crate) fn is_ast(vm: &mut Vm, v: Value) -> PyResult<bool> {
    let st = state(vm)?;
    Ok(vm.isinstance(v, st.ast))
}

/// The builtin `compile`'s AST cases, called first by it: with
/// `PyCF_ONLY_AST` in `flags` the source is parsed to an AST (an AST
/// source is returned as it is); an AST source is validated and compiled.
/// `None` for the other calls, which `compile` handles itself.
pub fn compile_hook(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    cflags: compiler::CompileFlags,
) -> PyResult<Option<Value>> {
    let mut args = Args::new(a, k);
    let Some(src) = args.get(0, "source") else {
        return Ok(None);
    };
    let flags = match args.get(3, "flags") {
        Some(f) if vm.is_int_like(f) => crate::args::c_int(vm, f)? as i64,
        _ => 0,
    };
    let only_ast = flags & PYCF_ONLY_AST != 0;
    let src_is_ast =
        Obj::from_value(src).is_some_and(|o| o.kind() == K_INSTANCE) && is_ast(vm, src)?;
    if !only_ast && !src_is_ast {
        let func_type = args
            .get(2, "mode")
            .is_some_and(|m| is_str(m) && str_of(m) == "func_type");
        if func_type {
            return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
        return Ok(None);
    }
    let filename = match args.get(1, "filename") {
        Some(f) if is_str(f) => str_of(f).into_owned(),
        Some(f) => match crate::types::bytes::buf(f) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                let tn = vm.type_name_of(f);
                return Err(vm.type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {tn}"
                )));
            }
        },
        None => return Err(vm.type_error("compile() missing required argument 'filename' (pos 2)")),
    };
    let mode = match args.get(2, "mode") {
        Some(m) if is_str(m) => str_of(m).into_owned(),
        Some(m) => {
            let tn = vm.type_name_of(m);
            return Err(vm.type_error(&format!("compile() argument 'mode' must be str, not {tn}")));
        }
        None => return Err(vm.type_error("compile() missing required argument 'mode' (pos 3)")),
    };
    if !matches!(mode.as_str(), "exec" | "eval" | "single" | "func_type") {
        return Err(vm.value_error(if only_ast {
            "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
        } else {
            "compile() mode must be 'exec', 'eval' or 'single'"
        }));
    }
    if mode == "func_type" && !only_ast {
        return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
    }
    if src_is_ast {
        if only_ast {
            return Ok(Some(src));
        }
        return compile_ast(vm, src, &filename, &mode, cflags).map(Some);
    }
    let text = source_text(vm, src, &filename)?;
    if flags & PYCF_TYPE_COMMENTS != 0 && has_type_comment(&text) {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "type comments (PyCF_TYPE_COMMENTS) are not supported by this compiler",
        ));
    }
    parse(vm, &text, &filename, &mode).map(Some)
}

/// Whether `text` has a comment CPython's tokenizer would read as a type
/// comment (`# type: ...`) under `PyCF_TYPE_COMMENTS`: without one the
/// tree is the same with or without the flag.
fn has_type_comment(text: &str) -> bool {
    let parsed = ruff_python_parser::parse_unchecked(
        text,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module),
    );
    let found = parsed.tokens().iter().any(|t| {
        t.kind() == ruff_python_ast::token::TokenKind::Comment
            && text
                .get(t.range().to_std_range())
                .is_some_and(|c| c.trim_start_matches('#').trim_start().starts_with("type:"))
    });
    compiler::drop_deep(parsed, text.len());
    found
}

/// The text of a `compile` source argument: a str, or bytes decoded as a
/// source file (BOM, coding cookie).
fn source_text(vm: &mut Vm, src: Value, filename: &str) -> PyResult<String> {
    let bytes: Vec<u8> = if is_str(src) {
        str_bytes(src).to_vec()
    } else if let Some(b) = crate::types::bytes::buf(src) {
        b.to_vec()
    } else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    if bytes.contains(&0) {
        return Err(vm.new_exc(
            vm.g.e.ValueError,
            "source code string cannot contain null bytes",
        ));
    }
    if is_str(src) {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    vm.decode_source_text(&bytes, filename, false)
}

/// `ast.parse(text, filename, mode)`: the tree of CPython's node classes.
pub fn parse(vm: &mut Vm, text: &str, filename: &str, mode: &str) -> PyResult<Value> {
    if mode == "func_type" {
        return parse_func_type(vm, text, filename);
    }
    let cmode = match mode {
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => Mode::Exec,
    };
    if cmode != Mode::Exec && text.trim().is_empty() {
        // CPython's parser reports "invalid syntax" at line 0 here.
        let e = syntax_error(vm, "invalid syntax", filename, 0, 0, 0, String::new());
        let exc = e.0;
        let mark = vm.push_root(exc);
        let zero = vm.new_int(0);
        let empty = vm.new_str("");
        for (n, v) in [
            ("lineno", zero),
            ("offset", zero),
            ("end_lineno", zero),
            ("end_offset", zero),
            ("text", empty),
        ] {
            let k = vm.intern(n);
            vm.setattr(exc, k, v)?;
        }
        vm.pop_roots(mark);
        return Err(e);
    }
    let (r, warnings) = compiler::parse_for_ast(text, filename, cmode);
    if !warnings.is_empty() {
        if let Err(e) = vm.issue_compile_warnings(&warnings) {
            if let Ok((parsed, _)) = r {
                compiler::drop_deep(parsed, text.len());
            }
            return Err(e);
        }
    }
    let (parsed, map) = match r {
        Ok(p) => p,
        Err(e) => return Err(vm.syntax_error(&e)),
    };
    let st = state(vm)?;
    let result = {
        let tokens: &[ruff_python_ast::token::Token] = parsed.tokens();
        let mut conv = convert::Conv {
            vm,
            st: &st,
            map: &map,
            source: map.text(),
            tokens,
            filename,
            depth: 0,
        };
        match parsed.syntax() {
            Mod::Module(m) => {
                if cmode == Mode::Single {
                    single_check(&mut conv, &m.body).and_then(|()| conv.module(&m.body, true))
                } else {
                    conv.module(&m.body, false)
                }
            }
            Mod::Expression(e) => conv.expression(&e.body),
        }
    };
    compiler::drop_deep(parsed, text.len());
    result
}

/// CPython's rule for `mode='single'`: one statement line.  Statements on
/// a later line are "multiple statements" after a simple statement (found
/// at the end of its line) and "invalid syntax" after a compound one.
fn single_check(conv: &mut convert::Conv<'_>, body: &[ruff_python_ast::Stmt]) -> PyResult<()> {
    use ruff_python_ast::Stmt;
    let Some(first) = body.first() else {
        return Ok(());
    };
    let (line0, _) = conv.map.line_col(first.start());
    let Some(later) = body
        .iter()
        .find(|s| conv.map.line_col(s.start()).0 != line0)
    else {
        return Ok(());
    };
    let compound = matches!(
        first,
        Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_)
    );
    if compound {
        let (l, c) = conv.map.line_col(later.start());
        let text = conv.map.line_text(l).unwrap_or("").to_owned();
        let col = char_col(&text, c);
        let width = first_token_chars(conv, later.start());
        return Err(syntax_error(
            conv.vm,
            "invalid syntax",
            conv.filename,
            l,
            col + 1,
            col + 1 + width,
            text,
        ));
    }
    let prev = body
        .iter()
        .take_while(|s| conv.map.line_col(s.start()).0 == line0)
        .last()
        .unwrap_or(first);
    let (l, _) = conv.map.line_col(prev.end());
    let text = conv.map.line_text(l).unwrap_or("").to_owned();
    let col = text.chars().count() + 1;
    Err(syntax_error(
        conv.vm,
        "multiple statements found while compiling a single statement",
        conv.filename,
        l,
        col,
        col,
        text,
    ))
}

fn first_token_chars(conv: &convert::Conv<'_>, at: TextSize) -> usize {
    let i = conv.tokens.partition_point(|t| t.end() <= at);
    match conv.tokens.get(i) {
        Some(t) => conv
            .source
            .get(t.range().to_std_range())
            .map_or(1, |s| s.chars().count()),
        None => 1,
    }
}

/// The 0-based character column of byte column `c` in `text`.
fn char_col(text: &str, c: u32) -> usize {
    let mut c = (c as usize).min(text.len());
    while c > 0 && !text.is_char_boundary(c) {
        c -= 1;
    }
    text[..c].chars().count()
}

/// A SyntaxError at 1-based character columns `col..end_col` of `line`.
fn syntax_error(
    vm: &mut Vm,
    msg: &str,
    filename: &str,
    line: u32,
    col: usize,
    end_col: usize,
    text: String,
) -> PyException {
    let e = compiler::CompileError {
        kind: compiler::ErrorKind::SyntaxError,
        msg: msg.into(),
        filename: filename.into(),
        lineno: line,
        col_offset: col as i32,
        end_lineno: line,
        end_col_offset: end_col as i32,
        text: Some(text),
    };
    vm.syntax_error(&e)
}

/// `mode='func_type'`: `(argtypes) -> returns`, parsed as two expressions
/// at their places in the text (the arrow found among the tokens at
/// bracket depth 0).
fn parse_func_type(vm: &mut Vm, text: &str, filename: &str) -> PyResult<Value> {
    use ruff_python_ast::token::TokenKind;
    let arrow = {
        let parsed = ruff_python_parser::parse_unchecked(
            text,
            ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module),
        );
        let mut depth = 0i32;
        let mut found = None;
        for t in parsed.tokens().iter() {
            match t.kind() {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
                TokenKind::Rarrow if depth == 0 => {
                    found = Some(t.range());
                    break;
                }
                _ => {}
            }
        }
        compiler::drop_deep(parsed, text.len());
        found
    };
    let Some(arrow) = arrow else {
        return Err(func_type_error(vm, text, filename));
    };
    let head = &text[..arrow.start().to_usize()];
    if !head.trim_start().starts_with('(') {
        return Err(func_type_error(vm, text, filename));
    }
    // The returns text keeps its offsets: everything before it blanked
    // (line breaks kept) inside parentheses.
    let mut tail: String = text[..arrow.end().to_usize()]
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect();
    // The opening parenthesis goes at the start of the line where the
    // argument types begin (a blanked character: never a line break, and
    // no indentation before it).
    let first = text.len() - text.trim_start().len();
    let at = text[..first].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    tail.replace_range(at..at + 1, "(");
    tail.push_str(&text[arrow.end().to_usize()..]);
    tail.push_str("\n)");
    let st = state(vm)?;
    let argtypes = parse_expr_at(vm, head, filename, &st, |conv, e| {
        use ruff_python_ast::Expr;
        match e {
            Expr::Tuple(t) if t.parenthesized => {
                let mut out = Vec::new();
                for el in t.elts.iter() {
                    let el = match el {
                        Expr::Starred(s) => &*s.value,
                        el => el,
                    };
                    out.push(conv.expr(el)?);
                }
                Ok(conv.vm.new_list(&out))
            }
            e => {
                let v = conv.expr(e)?;
                Ok(conv.vm.new_list(&[v]))
            }
        }
    })?;
    let mark = vm.push_root(argtypes);
    let returns = parse_expr_at(vm, &tail, filename, &st, |conv, e| conv.expr(e));
    let returns = match returns {
        Ok(r) => r,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.push_root(returns);
    let cls = st.class("FunctionType");
    let obj = vm.alloc_instance(cls, &[]);
    let r = obj.and_then(|obj| {
        for (&name, v) in st.field_names[st.index("FunctionType")]
            .iter()
            .zip([argtypes, returns])
        {
            vm.setattr(obj, name, v)?;
        }
        Ok(obj)
    });
    vm.pop_roots(mark);
    r
}

/// "invalid syntax" at the first token of `text` (the line's first word).
fn func_type_error(vm: &mut Vm, text: &str, filename: &str) -> PyException {
    let line = text.lines().next().unwrap_or("").to_owned();
    let start = line.len() - line.trim_start().len();
    let word = line[start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .map_or(1, |w| w.chars().count().max(1));
    let col = line[..start].chars().count() + 1;
    syntax_error(vm, "invalid syntax", filename, 1, col, col + word, line)
}

/// Parses `text` as one expression and converts it with `f`.
fn parse_expr_at(
    vm: &mut Vm,
    text: &str,
    filename: &str,
    st: &State,
    f: impl FnOnce(&mut convert::Conv<'_>, &ruff_python_ast::Expr) -> PyResult<Value>,
) -> PyResult<Value> {
    let (r, _) = compiler::parse_for_ast(text, filename, Mode::Eval);
    let (parsed, map) = r.map_err(|e| vm.syntax_error(&e))?;
    let result = {
        let mut conv = convert::Conv {
            vm,
            st,
            map: &map,
            source: map.text(),
            tokens: parsed.tokens(),
            filename,
            depth: 0,
        };
        match parsed.syntax() {
            Mod::Expression(e) => f(&mut conv, &e.body),
            Mod::Module(_) => Ok(Value::NONE),
        }
    };
    compiler::drop_deep(parsed, text.len());
    result
}

/// `compile(tree, filename, mode)`: validates the tree, then compiles it
/// (through `back`, or from its unparsed text).
fn compile_ast(
    vm: &mut Vm,
    tree: Value,
    filename: &str,
    mode: &str,
    cflags: compiler::CompileFlags,
) -> PyResult<Value> {
    let st = state(vm)?;
    let expected = match mode {
        "eval" => "Expression",
        "single" => "Interactive",
        _ => "Module",
    };
    let want = st.class(expected);
    if !vm.isinstance(tree, want) {
        let tn = vm.type_name_of(tree);
        return Err(vm.type_error(&format!("expected {expected} node, got {tn}")));
    }
    let mark = vm.push_root(tree);
    let r = compile_ast_inner(vm, &st, tree, filename, mode, expected, cflags);
    vm.pop_roots(mark);
    r
}

fn compile_ast_inner(
    vm: &mut Vm,
    st: &State,
    tree: Value,
    filename: &str,
    mode: &str,
    expected: &str,
    cflags: compiler::CompileFlags,
) -> PyResult<Value> {
    let mut v = validate::Validator::new(vm, st);
    v.check_root(tree, expected)?;
    let (max_line, max_col) = (v.max_line, v.max_col);
    let m = match mode {
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => Mode::Exec,
    };
    // The synthetic source: `lines` lines of `width` spaces (see `back`),
    // within a bound; a tree located beyond it is compiled from its text.
    let width = max_col.saturating_add(1).clamp(1, u32::MAX as i64) as u64;
    let lines = max_line.saturating_add(1).clamp(1, u32::MAX as i64) as u64;
    let size = lines.saturating_mul(width + 1);
    if size <= MAX_SYNTHETIC_SOURCE {
        let mut conv = back::ToRuff::new(vm, width as u32, lines as u32, cflags.future_annotations);
        let converted = if m == Mode::Eval {
            conv.expression(tree)
        } else {
            conv.module(tree)
        };
        match converted {
            Ok(module) => {
                let texts = std::mem::take(&mut conv.annotation_texts);
                let extra = std::mem::take(&mut conv.extra);
                let mut text = String::new();
                if text.try_reserve(size as usize + extra.len()).is_err() {
                    return Err(vm.new_exc(vm.g.e.MemoryError, ""));
                }
                for _ in 0..lines {
                    text.extend(std::iter::repeat_n(' ', width as usize));
                    text.push('\n');
                }
                text.push_str(&extra);
                let (r, warnings) =
                    compiler::compile_tree(&module, &text, filename, m, cflags, texts);
                compiler::drop_deep(module, text.len());
                if !warnings.is_empty() {
                    vm.issue_compile_warnings(&warnings)?;
                }
                return match r {
                    Ok(code) => Ok(vm.new_code(code)),
                    Err(e) => Err(vm.syntax_error(&e)),
                };
            }
            Err(back::Back::Py(e)) => return Err(e),
            Err(back::Back::Unsupported) => {}
        }
    }
    let astmod = vm.import_module("ast")?;
    vm.push_root(astmod);
    let k = vm.intern("unparse");
    let unparse = vm.getattr(astmod, k)?;
    vm.push_root(unparse);
    let text = vm.call(unparse, &[tree], Value::EMPTY)?;
    if !is_str(text) {
        return Err(vm.type_error("ast.unparse() did not return a str"));
    }
    let text = str_of(text).into_owned();
    vm.compile_text_with(&text, filename, m, cflags)
}
