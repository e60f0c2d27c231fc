//! The ProtoPy compiler: Python source -> [`CodeObject`]s.
//!
//! Pipeline: source bytes are decoded ([`compile_bytes`]: BOM, PEP 263
//! coding cookie, UTF-8 validation), parsed by `ruff_python_parser` (target
//! Python 3.12), checked for tokenizer-level limits (bracket nesting over 200,
//! tab/space inconsistency), checked against CPython 3.11's tokenizer and
//! string-literal rules (`strlit`: f-strings as single tokens, escapes,
//! number literals; ruff's 3.12 f-string grammar is more permissive),
//! analysed by [`symtable`] (scopes), and turned into bytecode by `codegen`
//! (with [`fold`] doing constant folding).  [`front_error`] picks the error
//! CPython would report first.
//!
//! ## Deep nesting
//! The ruff parser guards its own recursion with `stacker` (it grows the
//! stack on demand), so parsing 10 000-deep expressions is safe on any
//! thread.  Our passes (symtable, folding, codegen) count their recursion
//! depth and fail with a `RecursionError` "maximum recursion depth exceeded
//! during compilation" past [`MAX_NESTING`] levels, like CPython, and call
//! `stacker::maybe_grow` at each level so that even the allowed depth cannot
//! overflow a small thread stack.  Dropping a very deep AST is also done on
//! a grown stack.  Bracket nesting over 200 is rejected before any pass with
//! CPython's "too many nested parentheses".

pub mod fold;
pub mod symtable;

mod codegen;
mod errors;
mod source;
mod strlit;
mod unparse;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use ruff_python_ast::{Mod, PythonVersion};
use ruff_python_parser::{parse_unchecked, Mode as ParseMode, ParseOptions};
use ruff_text_size::TextRange;

use crate::bytecode::CodeObject;

pub use source::{decode_source, foreign_encoding, translate_newlines, SourceMap};

/// Maximum nesting of expressions/statements our recursive passes accept.
pub const MAX_NESTING: usize = 3000;
/// CPython's tokenizer limit on nested brackets.
pub const MAX_PAREN_NESTING: usize = 200;

/// What kind of code `compile` produces (Python's `compile()` mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module / sequence of statements.
    Exec,
    /// A single expression; the code returns its value.
    Eval,
    /// One interactive statement; expression statements print their value
    /// through `sys.displayhook`.
    Single,
}

/// Options of a compilation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileFlags {
    /// Optimization level (`-O` = 1: asserts removed and `__debug__` is
    /// False; `-OO` = 2: docstrings removed too).
    pub optimize: u8,
    /// Treat the source as if it began with `from __future__ import annotations`.
    pub future_annotations: bool,
    /// Allow `await`, `async for`, `async with` at the top level (asyncio
    /// REPL, `PyCF_ALLOW_TOP_LEVEL_AWAIT`); the module code is then a coroutine.
    pub allow_top_level_await: bool,
}

/// The interpreter's optimization level (`-O`/`-OO`/PYTHONOPTIMIZE), used
/// by [`CompileFlags::interpreter`]: set once by the `protopy` command
/// before any code is compiled.
static INTERPRETER_OPTIMIZE: proto_core::sync::AtomicU32 = proto_core::sync::AtomicU32::new(0);

/// Sets the interpreter's optimization level (0, 1 or 2).
pub fn set_interpreter_optimize(level: u8) {
    INTERPRETER_OPTIMIZE.store(u32::from(level.min(2)), proto_core::sync::Ordering::Relaxed);
}

impl CompileFlags {
    /// The flags of code the interpreter compiles itself (imports, `exec`
    /// of source, `compile()` with `optimize=-1`): its `-O` level.
    pub fn interpreter() -> Self {
        CompileFlags {
            optimize: INTERPRETER_OPTIMIZE.load(proto_core::sync::Ordering::Relaxed) as u8,
            ..Default::default()
        }
    }
}

/// Python exception class of a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError` (a SyntaxError subclass).
    IndentationError,
    /// `TabError` (an IndentationError subclass).
    TabError,
    /// `RecursionError` (nesting too deep for the compiler).
    RecursionError,
}

impl ErrorKind {
    /// The Python class name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// A compile error, with the attributes of Python's `SyntaxError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Exception class.
    pub kind: ErrorKind,
    /// The message (`SyntaxError.msg`).
    pub msg: String,
    /// `SyntaxError.filename`.
    pub filename: String,
    /// 1-based line (0 when unknown).
    pub lineno: u32,
    /// 1-based column in characters (CPython's `offset`; 0 when unknown;
    /// CPython 3.11 gives negative ones for some f-string errors).
    pub col_offset: i32,
    /// 1-based end line.
    pub end_lineno: u32,
    /// 1-based end column in characters (exclusive, like CPython's
    /// `end_offset`); [`NO_END`] where CPython leaves `end_offset` None.
    pub end_col_offset: i32,
    /// The source line (without its line terminator), if available.
    pub text: Option<String>,
}

/// [`CompileError::end_col_offset`] of an error without an end column
/// (CPython's `PyErr_SyntaxLocationObject`: its future-statement checks).
pub const NO_END: i32 = i32::MIN;

impl fmt::Display for CompileError {
    /// Formats like the tail of a CPython traceback:
    /// ```text
    ///   File "x.py", line 1
    ///     x = = 1
    ///         ^
    /// SyntaxError: invalid syntax
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lineno > 0 {
            writeln!(f, "  File \"{}\", line {}", self.filename, self.lineno)?;
            if let Some(text) = &self.text {
                let trimmed = text.trim_start();
                let skipped = text.chars().count() - trimmed.chars().count();
                writeln!(f, "    {}", trimmed.trim_end())?;
                if self.col_offset > 0 && self.shows_caret() {
                    let start = (self.col_offset as usize).saturating_sub(1 + skipped);
                    let width = if self.end_lineno == self.lineno
                        && self.end_col_offset > self.col_offset
                    {
                        (self.end_col_offset - self.col_offset) as usize
                    } else {
                        1
                    };
                    writeln!(f, "    {}{}", " ".repeat(start), "^".repeat(width.max(1)))?;
                }
            }
        }
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl CompileError {
    /// Whether CPython's `SyntaxError.text` ends with the line break: not
    /// for the errors its tokenizer raises at its cursor (bad number or
    /// string literals, unmatched brackets...), which take the line
    /// without it ("was never closed", found at the end, keeps it).
    pub fn text_has_newline(&self) -> bool {
        !(self.kind == ErrorKind::SyntaxError
            && strlit::tokenizer_message(&self.msg)
            && !self.msg.ends_with("was never closed"))
    }

    /// Whether a traceback shows `^` markers for this error (CPython omits
    /// them for indentation problems other than a missing block).
    pub fn shows_caret(&self) -> bool {
        match self.kind {
            ErrorKind::SyntaxError => true,
            ErrorKind::IndentationError => self.msg.starts_with("expected an indented block"),
            ErrorKind::TabError | ErrorKind::RecursionError => false,
        }
    }
}

impl std::error::Error for CompileError {}

/// Category of a warning the compiler emits (CPython 3.11 has these two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCategory {
    /// `SyntaxWarning`: `is` with a literal, always-true assert, calling or
    /// subscripting a literal ("perhaps you missed a comma?").
    SyntaxWarning,
    /// `DeprecationWarning`: invalid escape sequences in string literals.
    DeprecationWarning,
}

impl WarningCategory {
    /// The Python class name.
    pub fn name(self) -> &'static str {
        match self {
            WarningCategory::SyntaxWarning => "SyntaxWarning",
            WarningCategory::DeprecationWarning => "DeprecationWarning",
        }
    }
}

/// A warning found while compiling, in the order CPython 3.11 emits it
/// (string-literal warnings at parse time, then the code generator's).
/// The runtime issues it through the `warnings` machinery; when a filter
/// turns it into an exception of its category, CPython raises `error`
/// (a `SyntaxError` at the warning's location) instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    /// Warning class.
    pub category: WarningCategory,
    /// The SyntaxError raised in place of the warning; its `msg`,
    /// `filename` and `lineno` are the warning's message and location.
    pub error: CompileError,
}

/// Which part of CPython 3.11 emits a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WarnOrigin {
    /// The tokenizer (number literals): once, located at its position.
    Tokenizer,
    /// The parser's string-literal decoding: again in its second pass.
    Literal,
    /// The compiler: its SyntaxError reads the line from the file.
    Compiler,
}

/// A warning located by a byte range, before conversion.
#[derive(Clone, Debug)]
pub(crate) struct RawWarning {
    pub category: WarningCategory,
    pub msg: String,
    pub range: TextRange,
    pub origin: WarnOrigin,
}

/// An error located by a byte range, before conversion to [`CompileError`].
#[derive(Clone, Debug)]
pub(crate) struct RawError {
    pub kind: ErrorKind,
    pub msg: String,
    pub range: TextRange,
    /// A location that is not a range of the compiled source: errors in an
    /// f-string replacement field, which CPython 3.11 reports relative to
    /// the text `(expr)` it parses on its own (see [`strlit`]).  `range` is
    /// then unused; `kind` and `msg` still win over the copy's.
    pub exact: Option<Box<CompileError>>,
}

impl RawError {
    pub(crate) fn syntax(range: TextRange, msg: impl Into<String>) -> RawError {
        RawError {
            kind: ErrorKind::SyntaxError,
            msg: msg.into(),
            range,
            exact: None,
        }
    }
    pub(crate) fn recursion(range: TextRange) -> RawError {
        RawError {
            kind: ErrorKind::RecursionError,
            msg: "maximum recursion depth exceeded during compilation".into(),
            range,
            exact: None,
        }
    }
}

pub(crate) type CResult<T> = Result<T, RawError>;

/// Compiles Python source text.
///
/// Returns the module (or expression/interactive) code object; nested
/// functions, classes, lambdas and comprehensions are `Constant::Code`
/// entries of their parent's constants.
///
/// The warnings the compilation emits are dropped: the runtime uses
/// [`compile_with_warnings`].
pub fn compile(
    source: &str,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> Result<Arc<CodeObject>, CompileError> {
    compile_with_warnings(source, filename, mode, flags).0
}

/// Compiles Python source text and returns the warnings CPython 3.11 would
/// emit while compiling it, in order.  On an error the warnings are those
/// emitted before the error was found.
pub fn compile_with_warnings(
    source: &str,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> (Result<Arc<CodeObject>, CompileError>, Vec<CompileWarning>) {
    let source = &*translate_newlines(source);
    let map = SourceMap::new(source);
    let mut raw = Vec::new();
    let r = compile_inner(source, &map, filename, mode, flags, &mut raw);
    let warnings = raw
        .into_iter()
        .map(|w| {
            let mut error = map.to_compile_error(&RawError::syntax(w.range, w.msg), filename);
            if w.origin == WarnOrigin::Compiler {
                error.text = file_line(filename, error.lineno);
            }
            CompileWarning {
                category: w.category,
                error,
            }
        })
        .collect();
    let r = r.map_err(|(e, compiler_stage)| {
        let mut ce = map.to_compile_error(&e, filename);
        if compiler_stage {
            // CPython's compiler (unlike its parser) takes the text of the
            // line from the file named `filename`: none for `<string>`.
            ce.text = file_line(filename, ce.lineno);
        }
        ce
    });
    (r, warnings)
}

/// Line `lineno` of the file `filename` as CPython's
/// `PyErr_ProgramTextObject` reads it (None when there is no such file).
fn file_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 || filename.starts_with('<') {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let map = SourceMap::new(&text);
    map.line_text(lineno).map(str::to_owned)
}

/// Compiles Python source bytes: handles a UTF-8 BOM and a PEP 263 coding
/// declaration (utf-8, latin-1/iso-8859-1 and ascii are supported) and
/// reports undecodable source as CPython does when it runs a file
/// ("Non-UTF-8 code starting with '\xff' in file x.py on line 1, but no
/// encoding declared; ...").
pub fn compile_bytes(
    source: &[u8],
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> Result<Arc<CodeObject>, CompileError> {
    compile_bytes_with_warnings(source, filename, mode, flags).0
}

/// [`compile_bytes`] returning the compilation's warnings too (see
/// [`compile_with_warnings`]).
pub fn compile_bytes_with_warnings(
    source: &[u8],
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> (Result<Arc<CodeObject>, CompileError>, Vec<CompileWarning>) {
    match decode_source(source, filename) {
        Ok(text) => compile_with_warnings(&text, filename, mode, flags),
        Err(e) => (Err(e), Vec::new()),
    }
}

fn compile_inner(
    source: &str,
    map: &SourceMap,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
    warnings: &mut Vec<RawWarning>,
) -> Result<Arc<CodeObject>, (RawError, bool)> {
    let parse_mode = match mode {
        Mode::Eval => ParseMode::Expression,
        Mode::Exec | Mode::Single => ParseMode::Module,
    };
    let options = ParseOptions::from(parse_mode).with_target_version(PythonVersion::PY312);
    let parsed = parse_unchecked(source, options);
    let result = match front_error_pass(source, map, &parsed, warnings) {
        Some((e, second_pass)) => {
            // Literals after the error are not decoded by CPython's parser;
            // those before it are decoded again by its second pass.
            warnings.retain(|w| w.range.start() < e.range.start());
            if second_pass {
                let again: Vec<RawWarning> = warnings
                    .iter()
                    .filter(|w| w.origin == WarnOrigin::Literal)
                    .cloned()
                    .collect();
                warnings.extend(again);
            }
            Err((e, false))
        }
        None => match (mode, parsed.syntax()) {
            (Mode::Single, Mod::Module(m)) => codegen::check_single(source, map, m),
            _ => Ok(()),
        }
        .map_err(|e| (e, false))
        .and_then(|()| {
            codegen::compile_mod(
                parsed.syntax(),
                source,
                map,
                filename,
                mode,
                flags,
                HashMap::new(),
                warnings,
            )
            .map_err(|e| (e, true))
        }),
    };
    drop_deep(parsed, source.len());
    result
}

/// Parses source for `ast.parse` (`compile(..., PyCF_ONLY_AST)`): the
/// tree with its line index, or the error CPython's parser would report,
/// and the warnings its parser emits.  `Mode::Single` parses as a module
/// (the caller checks the single-statement rule).  The caller drops the
/// tree with [`drop_deep`].
#[allow(clippy::type_complexity)]
pub fn parse_for_ast(
    source: &str,
    filename: &str,
    mode: Mode,
) -> (
    Result<(ruff_python_parser::Parsed<ruff_python_ast::Mod>, SourceMap), CompileError>,
    Vec<CompileWarning>,
) {
    let map = SourceMap::new(&translate_newlines(source));
    let source = map.text();
    let parse_mode = match mode {
        Mode::Eval => ParseMode::Expression,
        Mode::Exec | Mode::Single => ParseMode::Module,
    };
    let options = ParseOptions::from(parse_mode).with_target_version(PythonVersion::PY312);
    let parsed = parse_unchecked(source, options);
    let mut raw = Vec::new();
    let err = front_error_pass(source, &map, &parsed, &mut raw);
    let warnings = raw
        .into_iter()
        .filter(|w| {
            err.as_ref()
                .is_none_or(|(e, _)| w.range.start() < e.range.start())
        })
        .map(|w| CompileWarning {
            category: w.category,
            error: map.to_compile_error(&RawError::syntax(w.range, w.msg), filename),
        })
        .collect();
    match err {
        Some((e, _)) => {
            let ce = map.to_compile_error(&e, filename);
            drop_deep(parsed, source.len());
            (Err(ce), warnings)
        }
        None => (Ok((parsed, map)), warnings),
    }
}

/// Compiles a tree built outside the parser (`compile(ast_object, ...)`,
/// converted by python_env): `source` is the text its ranges index (a
/// synthetic one whose offsets give the tree's own lines and columns).
/// Errors carry no source line, as CPython's for an AST.
/// `annotation_texts` gives the text of each stringified annotation, by
/// the address of its node in `m`.
pub fn compile_tree(
    m: &ruff_python_ast::Mod,
    source: &str,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
    annotation_texts: HashMap<usize, String>,
) -> (Result<Arc<CodeObject>, CompileError>, Vec<CompileWarning>) {
    let map = SourceMap::new(source);
    let mut raw = Vec::new();
    let r = codegen::compile_mod(
        m,
        source,
        &map,
        filename,
        mode,
        flags,
        annotation_texts,
        &mut raw,
    );
    let warnings = raw
        .into_iter()
        .map(|w| {
            let mut error = map.to_compile_error(&RawError::syntax(w.range, w.msg), filename);
            error.text = file_line(filename, error.lineno);
            CompileWarning {
                category: w.category,
                error,
            }
        })
        .collect();
    let r = r.map_err(|e| {
        let mut ce = map.to_compile_error(&e, filename);
        ce.text = file_line(filename, ce.lineno);
        ce
    });
    (r, warnings)
}

/// The first error of the parsing stage, as CPython 3.11 reports it:
/// tokenizer limits, then a string-literal error ([`strlit`]) unless the
/// parser fails before that literal, then the parser's error, then syntax
/// that ruff accepts only for newer Pythons.
pub(crate) fn front_error(
    source: &str,
    map: &SourceMap,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    warnings: &mut Vec<RawWarning>,
) -> Option<RawError> {
    front_error_pass(source, map, parsed, warnings).map(|(e, _)| e)
}

/// [`front_error`], with whether CPython finds the error in its parser's
/// second pass: a syntax error (not a tokenizer or string-literal one)
/// makes the parser run again from the start with its error rules, which
/// decodes the literals before the error, and warns about them, again.
fn front_error_pass(
    source: &str,
    map: &SourceMap,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    warnings: &mut Vec<RawWarning>,
) -> Option<(RawError, bool)> {
    match errors::check_tokens(source, parsed.tokens()) {
        Ok(()) => front_error_after_tokens(source, map, parsed, warnings),
        Err(tab) if tab.kind == ErrorKind::TabError => {
            // CPython's tokenizer meets the inconsistent line only when the
            // parser reads that far, and its scan for tokenizer errors
            // after a syntax error stops at it without raising: an error
            // found before that line wins.
            match front_error_after_tokens(source, map, parsed, warnings) {
                Some((e, second))
                    if errors::line_of(source, e.range.start()) + read_ahead(&e)
                        < errors::line_of(source, tab.range.start()) =>
                {
                    Some((e, second))
                }
                _ => Some((tab, false)),
            }
        }
        Err(e) => {
            strlit::check(source, parsed.tokens(), warnings);
            Some((e, false))
        }
    }
}

/// [`front_error_pass`] once the token-level limits are met.
fn front_error_after_tokens(
    source: &str,
    map: &SourceMap,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    warnings: &mut Vec<RawWarning>,
) -> Option<(RawError, bool)> {
    let tokens = parsed.tokens();
    // After any parser error CPython 3.11 tokenizes the rest of the source
    // and reports a tokenizer error found there instead (bad number
    // literal, unterminated string, invalid character).
    let bad_chars: Vec<usize> = parsed
        .errors()
        .iter()
        .filter(|e| {
            matches!(
                &e.error,
                ruff_python_parser::ParseErrorType::Lexical(
                    ruff_python_parser::LexicalErrorType::UnrecognizedToken { .. }
                )
            )
        })
        .map(|e| e.location.start().to_usize())
        .collect();
    let mut number_warnings = Vec::new();
    if let Some(e) = strlit::tokenizer_error(source, &bad_chars, &mut number_warnings) {
        strlit::check(source, tokens, warnings);
        merge_warnings(warnings, number_warnings);
        // A tokenizer error after an error that stops CPython's scan of
        // the rest of the source does not replace it.
        if let Some(err) = parsed.errors().first() {
            let p = errors::convert_parse_error(source, map, tokens, err);
            if errors::stops_tokenizer_scan(&p)
                && errors::line_of(source, p.range.start())
                    <= errors::line_of(source, e.range.start())
            {
                return Some((p, false));
            }
        }
        return Some((e, false));
    }
    // String literals are decoded by the parser's action as soon as it has
    // read them: their error wins unless the parser fails before.
    let literal = strlit::check(source, tokens, warnings);
    merge_warnings(warnings, number_warnings);
    // Syntax ruff accepts only for newer Pythons is a parser error of
    // CPython 3.12 at that place.
    let newer = parsed
        .unsupported_syntax_errors()
        .first()
        .map(|err| RawError::syntax(err.range, newer_syntax_message(err)));
    if let Some(err) = parsed.errors().first() {
        if let Some(u) = newer.as_ref() {
            let literal_first = matches!(&literal, Some((at, _)) if *at <= u.range.start());
            if u.range.start() < err.location.start() && !literal_first {
                return Some((u.clone(), true));
            }
        }
        return match literal {
            Some((at, e)) if at <= err.location.start() => Some((
                errors::unclosed_before(source, map, tokens, &e).unwrap_or(e),
                false,
            )),
            _ => {
                let e = errors::convert_parse_error(source, map, tokens, err);
                let second = from_parser(&e);
                Some((e, second))
            }
        };
    }
    if let Some((_, e)) = literal {
        return Some((
            errors::unclosed_before(source, map, tokens, &e).unwrap_or(e),
            false,
        ));
    }
    newer.map(|e| (e, true))
}

/// How many lines past its location CPython's parser has read when it
/// raises this error: a missing indented block is found on the next line.
fn read_ahead(e: &RawError) -> u32 {
    u32::from(
        e.kind == ErrorKind::IndentationError && e.msg.starts_with("expected an indented block"),
    )
}

/// CPython 3.12's message for syntax of a newer Python that ruff accepts.
fn newer_syntax_message(err: &ruff_python_parser::UnsupportedSyntaxError) -> String {
    use ruff_python_parser::UnsupportedSyntaxErrorKind as K;
    match &err.kind {
        K::UnpackingInComprehension(kind) => {
            if format!("{kind:?}") == "DictInDict" {
                "dict unpacking cannot be used in dict comprehension".to_owned()
            } else {
                "iterable unpacking cannot be used in comprehension".to_owned()
            }
        }
        K::UnparenthesizedExceptionTypes => {
            "multiple exception types must be parenthesized".to_owned()
        }
        K::TypeParamDefault | K::TemplateStrings | K::LazyImportStatement => {
            "invalid syntax".to_owned()
        }
        _ => err.to_string(),
    }
}

/// Adds the tokenizer's warnings to the literals' in source order (the
/// parser reads tokens and decodes literals as it goes).
fn merge_warnings(warnings: &mut Vec<RawWarning>, tokenizer: Vec<RawWarning>) {
    if tokenizer.is_empty() {
        return;
    }
    warnings.extend(tokenizer);
    warnings.sort_by_key(|w| w.range.start());
}

/// Whether CPython 3.11 raises this parse-stage error from its parser
/// (rather than from its tokenizer).
fn from_parser(e: &RawError) -> bool {
    match e.kind {
        ErrorKind::RecursionError | ErrorKind::TabError => false,
        ErrorKind::IndentationError => {
            !e.msg.starts_with("unindent does not match")
                && !e.msg.starts_with("too many levels of indentation")
        }
        ErrorKind::SyntaxError => !strlit::from_tokenizer(e),
    }
}

/// Drops a parse result on a stack big enough for its drop glue, which
/// recurses once per AST level (at most one level per source byte).
pub fn drop_deep<T>(value: T, source_len: usize) {
    let need = source_len.saturating_mul(256).saturating_add(128 * 1024);
    if stacker::remaining_stack().is_some_and(|left| left > need) {
        drop(value);
    } else {
        stacker::grow(need, move || drop(value));
    }
}

#[cfg(test)]
mod tests;
