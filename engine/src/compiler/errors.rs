//! Tokenizer-level checks and translation of parser errors into CPython's
//! messages.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{Expr, ExprContext};
use ruff_python_parser::{
    InterpolatedStringErrorType as FsErr, LexicalErrorType as Lex, ParseError, ParseErrorType as P,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{ErrorKind, RawError, SourceMap, MAX_PAREN_NESTING};

/// Checks bracket nesting depth, decimal int literals against
/// `sys.get_int_max_str_digits()`, and tab/space consistency of indentation
/// (CPython's errors "too many nested parentheses", "Exceeds the limit" and
/// TabError).
pub(crate) fn check_tokens(source: &str, tokens: &Tokens) -> Result<(), RawError> {
    let mut depth = 0usize;
    for tok in tokens.iter() {
        match tok.kind() {
            TokenKind::Int => check_int_digits(&source[tok.range()], tok.range())?,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth += 1;
                if depth > MAX_PAREN_NESTING {
                    return Err(RawError::syntax(tok.range(), "too many nested parentheses"));
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    check_tabs(source, tokens)
}

/// A decimal int literal with more digits than the int/str conversion limit
/// is a SyntaxError, as CPython's parser converts it with that limit; hex,
/// octal and binary literals have no limit.
fn check_int_digits(text: &str, range: TextRange) -> Result<(), RawError> {
    let limit = crate::runtime::text::int_max_str_digits();
    if limit == 0 || text.len() <= limit {
        return Ok(());
    }
    let radix_prefix = text.len() > 1
        && text.starts_with('0')
        && matches!(text.as_bytes()[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B');
    if radix_prefix {
        return Ok(());
    }
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits <= limit {
        return Ok(());
    }
    let msg = crate::runtime::text::max_str_digits_from_str_error(limit, digits);
    Err(RawError::syntax(
        range,
        format!("{msg} - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."),
    ))
}

/// CPython compares every indentation both with tabs to 8 columns and tabs
/// to 1 column; if the two comparisons disagree it raises TabError.
fn check_tabs(source: &str, tokens: &Tokens) -> Result<(), RawError> {
    if !source.contains('\t') {
        return Ok(());
    }
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut at_line_start = true;
    for tok in tokens.iter() {
        let kind = tok.kind();
        if matches!(kind, TokenKind::Newline) {
            at_line_start = true;
            continue;
        }
        if matches!(
            kind,
            TokenKind::NonLogicalNewline
                | TokenKind::Comment
                | TokenKind::Indent
                | TokenKind::Dedent
        ) {
            continue;
        }
        if !at_line_start || kind == TokenKind::EndOfFile {
            continue;
        }
        at_line_start = false;
        let start = u32::from(tok.start()) as usize;
        let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        // The line's leading blanks, whatever the first token's start:
        // after an indentation error the lexer's error token covers them.
        let indent = &source[line_start..];
        let (mut col, mut alt) = (0u32, 0u32);
        for ch in indent
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        {
            match ch {
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => {
                    col += 1;
                    alt += 1;
                }
            }
        }
        let bad = || RawError {
            kind: ErrorKind::TabError,
            msg: "inconsistent use of tabs and spaces in indentation".into(),
            range: TextRange::empty(TextSize::new(line_start as u32)),
            exact: None,
        };
        let &(top_col, top_alt) = stack.last().unwrap_or(&(0, 0));
        if col == top_col {
            if alt != top_alt {
                return Err(bad());
            }
        } else if col > top_col {
            if alt <= top_alt {
                return Err(bad());
            }
            stack.push((col, alt));
        } else {
            while stack.len() > 1 && stack.last().is_some_and(|&(c, _)| c > col) {
                stack.pop();
            }
            if let Some(&(c, a)) = stack.last() {
                if c == col && a != alt {
                    return Err(bad());
                }
            }
        }
    }
    Ok(())
}

/// 1-based line of a byte offset of source.
pub(crate) fn line_of(source: &str, offset: TextSize) -> u32 {
    let off = (u32::from(offset) as usize).min(source.len());
    source[..off].bytes().filter(|&b| b == b'\n').count() as u32 + 1
}

/// Describes an expression the way CPython's "cannot assign to X" messages do.
pub(crate) fn expr_description(e: &Expr) -> &'static str {
    match e {
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Named(_) => "named expression",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Compare(_) => "comparison",
        Expr::Call(_) => "function call",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Slice(_) => "slice",
        Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// Finds the first sub-expression of an invalid target that cannot be
/// assigned (recursing into tuples/lists/starred).
fn first_invalid_target(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::Name(n) if n.ctx != ExprContext::Invalid => None,
        Expr::Attribute(_) | Expr::Subscript(_) => None,
        Expr::Starred(s) => first_invalid_target(&s.value),
        Expr::Tuple(t) => t.elts.iter().find_map(first_invalid_target),
        Expr::List(l) => l.elts.iter().find_map(first_invalid_target),
        other => Some(other),
    }
}

fn parse_fragment(source: &str, range: TextRange) -> Option<Expr> {
    let text = source.get(range.start().to_usize()..range.end().to_usize())?;
    if let Ok(parsed) = ruff_python_parser::parse_expression(text.trim()) {
        return Some(parsed.into_expr());
    }
    let parsed = ruff_python_parser::parse_expression(&format!("({})", text.trim())).ok()?;
    Some(parsed.into_expr())
}

/// Index of the first token starting at or after `offset`.
fn token_at(tokens: &Tokens, offset: TextSize) -> usize {
    tokens
        .iter()
        .position(|t| t.start() >= offset)
        .unwrap_or(tokens.len())
}

fn significant(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Comment | TokenKind::NonLogicalNewline | TokenKind::Indent | TokenKind::Dedent
    )
}

fn ends_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringEnd
            | TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::Rbrace
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
    )
}

fn starts_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
            | TokenKind::Lambda
            | TokenKind::Not
    )
}

/// CPython's "Perhaps you forgot a comma?" and "Missing parentheses in call
/// to 'print'" hints.
fn juxtaposition_hint(source: &str, tokens: &Tokens, offset: TextSize) -> Option<RawError> {
    let idx = token_at(tokens, offset);
    let cur = tokens.get(idx)?;
    let prev_idx = (0..idx).rev().find(|&i| significant(tokens[i].kind()))?;
    let prev = &tokens[prev_idx];
    if !ends_expression(prev.kind()) || !starts_expression(cur.kind()) {
        return None;
    }
    // Depth of brackets at `cur`.
    let mut depth = 0i32;
    for t in tokens.iter().take(idx) {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return Some(RawError::syntax(
            TextRange::new(prev.start(), cur.end()),
            "invalid syntax. Perhaps you forgot a comma?",
        ));
    }
    // `print x` at the start of a logical line.
    let before = (0..prev_idx).rev().find(|&i| significant(tokens[i].kind()));
    let at_line_start = before.is_none_or(|i| {
        matches!(
            tokens[i].kind(),
            TokenKind::Newline | TokenKind::Semi | TokenKind::Colon
        )
    });
    let name = &source[prev.start().to_usize()..prev.end().to_usize()];
    if at_line_start && (name == "print" || name == "exec") && prev.kind() == TokenKind::Name {
        let line_end = source[prev.start().to_usize()..]
            .find(['\n', '\r'])
            .map_or(source.len(), |i| i + prev.start().to_usize());
        // CPython's invalid_legacy_expression: only when the rest of the
        // statement (up to a `;` or the line's end) is a valid expression.
        let stmt_end = tokens[idx..]
            .iter()
            .take_while(|t| t.start().to_usize() < line_end)
            .find(|t| t.kind() == TokenKind::Semi)
            .map_or(TextSize::new(line_end as u32), |t| t.start());
        let rest = TextRange::new(cur.start(), stmt_end);
        parse_fragment(source, rest)?;
        return Some(RawError::syntax(
            TextRange::new(prev.start(), TextSize::new(line_end as u32)),
            format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
        ));
    }
    None
}

fn number_error(source: &str, range: TextRange, msg: &str) -> Option<RawError> {
    let start = range.start().to_usize();
    let text = source.get(start..)?;
    let token: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    let lower = token.to_ascii_lowercase();
    let at = |off: usize, m: String| {
        Some(RawError::syntax(
            TextRange::empty(TextSize::new((start + off) as u32)),
            m,
        ))
    };
    if msg.contains("Invalid decimal integer literal") && lower.starts_with('0') {
        return Some(RawError::syntax(
            TextRange::new(range.start(), range.start() + TextSize::new(1)),
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        ));
    }
    for (prefix, kind, valid) in [("0b", "binary", "01"), ("0o", "octal", "01234567")] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if let Some((i, c)) = rest
                .char_indices()
                .find(|(_, c)| !valid.contains(*c) && *c != '_')
            {
                if c.is_ascii_digit() {
                    return at(2 + i, format!("invalid digit '{c}' in {kind} literal"));
                }
                return at(2 + i, format!("invalid {kind} literal"));
            }
        }
    }
    if lower.starts_with("0x") {
        return at(2, "invalid hexadecimal literal".into());
    }
    None
}

/// Translates a ruff parse error into a CPython-like SyntaxError.
pub(crate) fn convert_parse_error(
    source: &str,
    map: &SourceMap,
    tokens: &Tokens,
    err: &ParseError,
) -> RawError {
    let mut base = convert_unbracketed(source, map, tokens, err);
    // CPython's `invalid_assignment` rule: an unparenthesized yield
    // expression assigned to (`x = yield = 1`, `yield x = 1`).
    let at = base.range.start().to_usize();
    if base.msg.starts_with("cannot assign to yield expression")
        && source.get(at..).is_some_and(|t| t.starts_with("yield"))
        && !source
            .get(..at)
            .is_some_and(|t| t.trim_end().ends_with('('))
    {
        base.msg = "assignment to yield expression not possible".into();
    }
    match unclosed_bracket(source, tokens, err) {
        Some(e)
            if !(stops_tokenizer_scan(&base)
                && line_of(source, e.range.start()) >= line_of(source, base.range.start())) =>
        {
            e
        }
        _ => base,
    }
}

/// Whether CPython reports this parser error without first scanning the
/// rest of the source for tokenizer errors (which would replace it): an
/// unexpected indent or unindent, or an unindent that matches no outer
/// level (its tokenizer stops there).
pub(crate) fn stops_tokenizer_scan(e: &RawError) -> bool {
    e.kind == ErrorKind::IndentationError
        && (e.msg.starts_with("unexpected indent")
            || e.msg.starts_with("unexpected unindent")
            || e.msg.starts_with("unindent does not match"))
}

/// [`convert_parse_error`] before unbalanced brackets are considered.
fn convert_unbracketed(
    source: &str,
    _map: &SourceMap,
    tokens: &Tokens,
    err: &ParseError,
) -> RawError {
    let range = err.location;
    let syntax = |msg: &str| RawError::syntax(range, msg);
    let indent = |msg: String| RawError {
        kind: ErrorKind::IndentationError,
        msg,
        range,
        exact: None,
    };
    let target_msg = |verb: &str, suffix: &str| -> RawError {
        match parse_fragment(source, range) {
            Some(e) => {
                let bad = first_invalid_target(&e).unwrap_or(&e);
                let desc = expr_description(bad);
                RawError::syntax(range, format!("cannot {verb} {desc}{suffix}"))
            }
            None => syntax("invalid syntax"),
        }
    };
    let zero = |msg: &str| RawError::syntax(TextRange::empty(range.start()), msg);
    // An error reported on a line break points at the end of the line.
    let on_newline = source
        .get(range.start().to_usize()..)
        .is_some_and(|t| t.starts_with(['\n', '\r']) || t.is_empty());
    let assign_suffix = |e: RawError| -> RawError {
        // `f() = 1`: CPython suggests '==' when the target is a plain operand.
        let after = source
            .get(range.end().to_usize()..)
            .unwrap_or("")
            .trim_start_matches([' ', '\t', ')']);
        let plain = parse_fragment(source, range).is_some_and(|e| {
            !matches!(
                e,
                Expr::Tuple(_)
                    | Expr::List(_)
                    | Expr::Starred(_)
                    | Expr::Lambda(_)
                    | Expr::If(_)
                    | Expr::Compare(_)
                    | Expr::BoolOp(_)
                    | Expr::Generator(_)
                    | Expr::BooleanLiteral(_)
                    | Expr::NoneLiteral(_)
            ) && !matches!(&e, Expr::UnaryOp(u) if u.op == ruff_python_ast::UnaryOp::Not)
        });
        // Not for a later target of a chained assignment (`y = f() = 1`):
        // CPython's invalid_assignment rule reports that one plainly.
        let chained = {
            // From before the parentheses around the target: `x = (yield)
            // = 1` is a later target too.
            let mut i = token_at(tokens, range.start());
            while i > 0 && tokens[i - 1].kind() == TokenKind::Lpar {
                i -= 1;
            }
            let mut depth = 0i32;
            let mut found = false;
            for t in tokens[..i].iter().rev() {
                match t.kind() {
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    TokenKind::Equal if depth == 0 => {
                        found = true;
                        break;
                    }
                    TokenKind::Newline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::Semi
                    | TokenKind::Colon
                        if depth == 0 =>
                    {
                        break
                    }
                    _ => {}
                }
            }
            found
        };
        if plain
            && !chained
            && after.starts_with('=')
            && !after.starts_with("==")
            && e.msg.starts_with("cannot assign to ")
        {
            RawError {
                msg: format!("{} here. Maybe you meant '==' instead of '='?", e.msg),
                ..e
            }
        } else {
            e
        }
    };
    // `y = f(x) =`: the statement ends after an `=`; CPython's
    // invalid_assignment rule rejects the expression before it.
    if on_newline {
        let i = token_at(tokens, range.start());
        let sig: Vec<usize> = (0..i)
            .rev()
            .filter(|&k| significant(tokens[k].kind()))
            .take(1)
            .collect();
        if let Some(&eq) = sig.first() {
            if tokens[eq].kind() == TokenKind::Equal {
                // The expression between the previous `=` (or the start of
                // the statement) and this one.
                let mut depth = 0i32;
                let mut k = eq;
                while k > 0 {
                    let kind = tokens[k - 1].kind();
                    match kind {
                        TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                        TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                            if depth == 0 {
                                break;
                            }
                            depth -= 1;
                        }
                        TokenKind::Equal
                        | TokenKind::Newline
                        | TokenKind::Indent
                        | TokenKind::Dedent
                        | TokenKind::Semi
                        | TokenKind::Colon
                            if depth == 0 =>
                        {
                            break
                        }
                        _ => {}
                    }
                    k -= 1;
                }
                if let Some(first) = (k..eq).find(|&m| significant(tokens[m].kind())) {
                    let target = TextRange::new(tokens[first].start(), tokens[eq - 1].end());
                    let last_sig = (k..eq).rev().find(|&m| significant(tokens[m].kind()));
                    let target = match last_sig {
                        Some(m) => TextRange::new(tokens[first].start(), tokens[m].end()),
                        None => target,
                    };
                    if let Some(e) = parse_fragment(source, target) {
                        if let Some(bad) = first_invalid_target(&e) {
                            let desc = expr_description(bad);
                            let off = target.start();
                            let r = bad.range();
                            let r = TextRange::new(
                                off + (r.start() - e.range().start()),
                                off + (r.end() - e.range().start()),
                            );
                            return RawError::syntax(r, format!("cannot assign to {desc}"));
                        }
                    }
                }
            }
        }
    }
    match &err.error {
        P::SimpleStatementsOnSameLine | P::ExpectedToken { .. } | P::UnexpectedExpressionToken => {
            if let Some(hint) = juxtaposition_hint(source, tokens, range.start()) {
                return hint;
            }
        }
        _ => {}
    }
    if matches!(&err.error, P::SimpleStatementsOnSameLine) {
        let start = range.start().to_usize();
        if start > 0 && source.as_bytes()[start - 1].is_ascii_digit()
            || source.as_bytes().get(start) == Some(&b'_')
        {
            let b = source.as_bytes();
            if start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.') {
                return RawError::syntax(
                    TextRange::empty(range.start()),
                    "invalid decimal literal",
                );
            }
        }
    }
    // `a, b += 1`: ruff stops at the operator expecting a comma; CPython
    // rejects the target expression.
    if let P::ExpectedToken { found, .. } = &err.error {
        if found.as_augmented_assign_operator().is_some() {
            let i = token_at(tokens, range.start());
            let mut depth = 0i32;
            let mut j = i;
            while j > 0 {
                let k = tokens[j - 1].kind();
                match k {
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
                    TokenKind::Newline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::Semi
                    | TokenKind::Colon
                        if depth == 0 =>
                    {
                        break
                    }
                    _ => {}
                }
                j -= 1;
            }
            if j < i {
                let target = TextRange::new(tokens[j].start(), tokens[i - 1].end());
                if let Some(e) = parse_fragment(source, target) {
                    return RawError::syntax(
                        target,
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            expr_description(&e)
                        ),
                    );
                }
            }
        }
    }
    match &err.error {
        P::Lexical(lex) => match lex {
            Lex::IndentationError => {
                // CPython's tokenizer reports it at the end of the line.
                let s = range.start().to_usize().min(source.len());
                let e = source[s..]
                    .find(['\n', '\r'])
                    .map_or(source.len(), |i| s + i);
                let at = TextSize::try_from(e).unwrap_or(range.start());
                RawError {
                    kind: ErrorKind::IndentationError,
                    msg: "unindent does not match any outer indentation level".into(),
                    range: TextRange::empty(at),
                    exact: None,
                }
            }
            Lex::UnclosedStringError => {
                let line = line_of(source, range.start());
                let text = &source[range.start().to_usize().min(source.len())..];
                let triple = text
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .starts_with("\"\"\"")
                    || text
                        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                        .starts_with("'''");
                let at = TextRange::empty(range.start());
                if triple {
                    let last = source.trim_end_matches(['\n', '\r']).len() as u32;
                    let end_line = line_of(source, TextSize::new(last.saturating_sub(1)));
                    RawError::syntax(at, format!("unterminated triple-quoted string literal (detected at line {end_line})"))
                } else {
                    RawError::syntax(
                        at,
                        format!("unterminated string literal (detected at line {line})"),
                    )
                }
            }
            Lex::UnicodeError | Lex::MissingUnicodeLbrace | Lex::MissingUnicodeRbrace => {
                unicode_escape_error(source, tokens, range)
            }
            Lex::UnrecognizedToken { tok } => {
                if non_printable(*tok) {
                    RawError::syntax(
                        TextRange::empty(range.start()),
                        format!("invalid non-printable character U+{:04X}", *tok as u32),
                    )
                } else if tok.is_ascii() {
                    syntax("invalid syntax")
                } else {
                    RawError::syntax(
                        TextRange::empty(range.start()),
                        format!("invalid character '{}' (U+{:04X})", tok, *tok as u32),
                    )
                }
            }
            // CPython points just past the character after the backslash.
            Lex::LineContinuationError => RawError::syntax(
                TextRange::empty(range.start() + TextSize::new(1)),
                "unexpected character after line continuation character",
            ),
            Lex::Eof => syntax("unexpected EOF while parsing"),
            Lex::InvalidByteLiteral => syntax("bytes can only contain ASCII literal characters"),
            Lex::FStringError(e) | Lex::TStringError(e) => fstring_error(range, e),
            Lex::StringError => syntax("invalid syntax"),
            Lex::OtherError(msg) => {
                number_error(source, range, msg).unwrap_or_else(|| other_message(range, msg))
            }
        },
        P::UnexpectedIndentation => indent("unexpected indent".into()),
        P::ExpectedToken { expected, found } => match expected {
            // `case p as y.z:` : an attribute is no capture target.
            TokenKind::Colon
                if *found == TokenKind::Dot && {
                    let i = token_at(tokens, range.start());
                    i >= 2
                        && tokens[i - 1].kind() == TokenKind::Name
                        && tokens[i - 2].kind() == TokenKind::As
                } =>
            {
                syntax("invalid syntax")
            }
            // `if x = 1:`: CPython's invalid_named_expression rule.
            TokenKind::Colon if *found == TokenKind::Equal => {
                condition_assignment(source, tokens, range).unwrap_or_else(|| zero("expected ':'"))
            }
            TokenKind::Colon => zero("expected ':'"),
            TokenKind::Else => RawError::syntax(
                if_without_else(tokens, range).unwrap_or(range),
                "expected 'else' after 'if' expression",
            ),
            TokenKind::Indent => indent(expected_block_message(source, tokens, range)),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace
                if *found == TokenKind::EndOfFile || *found == TokenKind::Newline =>
            {
                zero("unexpected EOF while parsing")
            }
            _ if on_newline => zero("invalid syntax"),
            _ => syntax("invalid syntax"),
        },
        P::OtherError(msg) if msg.contains("Only one '/'") => syntax("/ may appear only once"),
        // `f(a.b = 1)`: CPython's invalid_kwarg rule, over `a.b = 1`.
        P::OtherError(msg) if msg == "Expected a parameter name" => {
            match keyword_value_end(tokens, range) {
                Some(end) => RawError::syntax(
                    TextRange::new(range.start(), end),
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                ),
                None => syntax("invalid syntax"),
            }
        }
        P::OtherError(msg)
            if msg.contains("Positional patterns cannot follow keyword patterns") =>
        {
            syntax("positional patterns follow keyword patterns")
        }
        // CPython points at the handler's `except` or `except*` keyword.
        P::OtherError(msg)
            if msg == "Cannot have both 'except' and 'except*' on the same 'try'" =>
        {
            // Past the zero-width dedents that start at the keyword.
            let mut i = token_at(tokens, range.start());
            while tokens
                .get(i)
                .is_some_and(|t| t.kind() != TokenKind::Except && t.start() == range.start())
            {
                i += 1;
            }
            let end = match (tokens.get(i), tokens.get(i + 1)) {
                (Some(e), Some(star))
                    if e.kind() == TokenKind::Except && star.kind() == TokenKind::Star =>
                {
                    star.end()
                }
                (Some(e), _) if e.kind() == TokenKind::Except => e.end(),
                _ => range.end(),
            };
            RawError::syntax(
                TextRange::new(range.start(), end),
                "cannot have both 'except' and 'except*' on the same 'try'",
            )
        }
        P::OtherError(msg) => {
            let mut e = other_message(range, msg);
            if e.msg.starts_with("expected an indented block after") {
                let line = header_line(source, tokens, range);
                e.msg = format!("{} on line {line}", e.msg);
            }
            e
        }
        P::InvalidAssignmentTarget => assign_suffix(target_msg("assign to", "")),
        P::InvalidNamedAssignmentTarget => match parse_fragment(source, range) {
            Some(e) => RawError::syntax(
                range,
                format!(
                    "cannot use assignment expressions with {}",
                    expr_description(&e)
                ),
            ),
            None => syntax("invalid syntax"),
        },
        P::InvalidAnnotatedAssignmentTarget => match parse_fragment(source, range) {
            Some(e @ (Expr::Tuple(_) | Expr::List(_))) => RawError::syntax(
                range,
                format!(
                    "only single target (not {}) can be annotated",
                    if matches!(e, Expr::Tuple(_)) {
                        "tuple"
                    } else {
                        "list"
                    }
                ),
            ),
            Some(e) => RawError::syntax(
                range,
                format!("illegal target for annotation ({})", expr_description(&e)),
            ),
            None => syntax("illegal target for annotation"),
        },
        P::InvalidAugmentedAssignmentTarget => match parse_fragment(source, range) {
            Some(e) => RawError::syntax(
                range,
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_description(&e)
                ),
            ),
            None => syntax("invalid syntax"),
        },
        P::InvalidDeleteTarget
            if source
                .get(usize::from(range.start())..)
                .is_some_and(|t| t.starts_with('*')) =>
        {
            syntax("cannot delete starred")
        }
        P::InvalidDeleteTarget => target_msg("delete", ""),
        // CPython raises these after reading the whole argument list: at
        // the closing parenthesis.
        P::PositionalAfterKeywordArgument => RawError::syntax(
            closing_paren(tokens, range).unwrap_or(range),
            "positional argument follows keyword argument",
        ),
        P::PositionalAfterKeywordUnpacking => RawError::syntax(
            closing_paren(tokens, range).unwrap_or(range),
            "positional argument follows keyword argument unpacking",
        ),
        // CPython's range: the arguments before the star.
        P::InvalidArgumentUnpackingOrder => RawError::syntax(
            arguments_before(tokens, range).unwrap_or(range),
            "iterable argument unpacking follows keyword argument unpacking",
        ),
        // `(**a)`: CPython's invalid_group rule.
        P::ExpectedExpression
            if parenthesized(tokens, range)
                && source
                    .get(usize::from(range.start())..)
                    .is_some_and(|t| t.starts_with("**")) =>
        {
            syntax("cannot use double starred expression here")
        }
        P::IterableUnpackingInComprehension => {
            syntax("iterable unpacking cannot be used in comprehension")
        }
        P::UnparenthesizedGeneratorExpression => {
            syntax("Generator expression must be parenthesized")
        }
        P::NonDefaultParamAfterDefaultParam => {
            syntax("non-default argument follows default argument")
        }
        P::ParamAfterVarKeywordParam => syntax("arguments cannot follow var-keyword argument"),
        P::VarParameterWithDefault => syntax("var-positional argument cannot have default value"),
        P::ExpectedKeywordParam => syntax("named arguments must follow bare *"),
        // `(*a)`, `(**a)`: CPython's invalid_group rule.
        P::InvalidStarredExpressionUsage if parenthesized(tokens, range) => {
            if source
                .get(usize::from(range.start())..)
                .is_some_and(|t| t.starts_with("**"))
            {
                syntax("cannot use double starred expression here")
            } else {
                syntax("cannot use starred expression here")
            }
        }
        // `[x for x in *a]`: no rule matches; the error is at the star.
        P::InvalidStarredExpressionUsage
            if {
                let i = token_at(tokens, range.start());
                tokens[..i]
                    .iter()
                    .rev()
                    .find(|t| significant(t.kind()))
                    .is_some_and(|t| t.kind() == TokenKind::In)
                    && tokens[..i].iter().any(|t| t.kind() == TokenKind::For)
                    && !tokens[..i]
                        .iter()
                        .rev()
                        .take_while(|t| t.kind() != TokenKind::Newline)
                        .any(|t| {
                            t.kind() == TokenKind::For && line_starts_with_for(source, t.start())
                        })
            } =>
        {
            RawError::syntax(
                TextRange::at(range.start(), TextSize::new(1)),
                "invalid syntax",
            )
        }
        // `{**a: 1}`: CPython's grammar has no rule for it (plain error).
        P::InvalidStarredExpressionUsage
            if source
                .get(usize::from(range.start())..)
                .is_some_and(|t| t.starts_with("**")) =>
        {
            syntax("invalid syntax")
        }
        // `3 +* 4`: a star right after an operator matches no rule of
        // CPython's grammar (plain error).
        P::InvalidStarredExpressionUsage
            if {
                let i = token_at(tokens, range.start());
                tokens[..i]
                    .iter()
                    .rev()
                    .find(|t| significant(t.kind()))
                    .is_some_and(|t| {
                        t.kind().as_binary_operator().is_some()
                            || t.kind().as_unary_operator().is_some()
                            || t.kind().as_bool_operator().is_some()
                    })
            } =>
        {
            RawError::syntax(
                TextRange::at(range.start(), TextSize::new(1)),
                "invalid syntax",
            )
        }
        P::InvalidStarredExpressionUsage => syntax("can't use starred expression here"),
        // An unparenthesized yield where an expression may not be one
        // (`return yield 1`, `a + yield 1`): CPython points at the keyword.
        P::InvalidYieldExpressionUsage
            if source
                .get(range.start().to_usize()..)
                .is_some_and(|t| t.starts_with("yield")) =>
        {
            RawError::syntax(
                TextRange::at(range.start(), TextSize::new(5)),
                "invalid syntax",
            )
        }
        P::InvalidMatchPatternTarget => syntax("cannot use '_' as a target"),
        P::EmptySlice
        | P::EmptyGlobalNames
        | P::EmptyNonlocalNames
        | P::EmptyDeleteTargets
        | P::EmptyImportNames => syntax("invalid syntax"),
        P::FStringError(e) | P::TStringError(e) => fstring_error(range, e),
        _ if on_newline => zero("invalid syntax"),
        _ => syntax("invalid syntax"),
    }
}

/// Line of the compound-statement header before `range` (the last `:`).
fn header_line(source: &str, tokens: &Tokens, range: TextRange) -> u32 {
    let idx = token_at(tokens, range.start());
    match (0..idx)
        .rev()
        .find(|&i| tokens[i].kind() == TokenKind::Colon)
    {
        Some(i) => line_of(source, tokens[i].start()),
        None => line_of(source, range.start()).saturating_sub(1).max(1),
    }
}

fn unicode_escape_error(source: &str, tokens: &Tokens, range: TextRange) -> RawError {
    let generic = || {
        RawError::syntax(range, "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape")
    };
    let Some(tok) = tokens.iter().find(|t| {
        t.start() <= range.start()
            && range.start() <= t.end()
            && matches!(t.kind(), TokenKind::String | TokenKind::FStringMiddle)
    }) else {
        return generic();
    };
    let text = &source[tok.start().to_usize()..tok.end().to_usize()];
    let prefix = text.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let quote = if text[prefix..].starts_with("\"\"\"") || text[prefix..].starts_with("'''") {
        3
    } else {
        1
    };
    let body_start = tok.start().to_usize()
        + if tok.kind() == TokenKind::String {
            prefix + quote
        } else {
            0
        };
    let err_start = range.start().to_usize();
    if body_start > err_start || err_start > source.len() {
        return generic();
    }
    // Find the backslash that starts the bad escape.
    let esc = source[body_start..err_start]
        .rfind('\\')
        .map(|i| i + body_start)
        .unwrap_or(body_start);
    let kind = source.as_bytes().get(esc + 1).copied().unwrap_or(b'?');
    if kind == b'N' {
        return named_escape_error(source, tok, quote, body_start, esc);
    }
    let (detail, end) = match kind {
        b'x' => ("truncated \\xXX escape", err_start.max(esc + 1)),
        b'u' => ("truncated \\uXXXX escape", err_start.max(esc + 1)),
        b'U' => ("truncated \\UXXXXXXXX escape", err_start.max(esc + 1)),
        _ => ("malformed \\N character escape", range.end().to_usize()),
    };
    // Offsets inside the escape itself are ASCII; only the text before it
    // needs CPython's non-ASCII expansion.
    let shift = decoder_offset(&source[body_start..esc]) - (esc - body_start);
    let x = esc - body_start + shift;
    let y = end.saturating_sub(body_start).max(esc - body_start + 1) + shift;
    let y = y.saturating_sub(1).max(x + 1);
    RawError::syntax(
        TextRange::empty(tok.end()),
        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {x}-{y}: {detail}"),
    )
}

/// Length of literal text as CPython's escape decoder counts positions: it
/// first rewrites every non-ASCII character as a 10-byte `\\UXXXXXXXX`.
fn decoder_offset(text: &str) -> usize {
    text.chars()
        .map(|c| if c.is_ascii() { 1 } else { 10 })
        .sum()
}

/// The error of a `\\N` escape starting at byte `esc`, positioned as
/// CPython's unicode-escape decoder does: "malformed" when no `{`, no `}`
/// before the end of the literal or an empty name (the range ends where
/// scanning stopped), else "unknown Unicode character name" (through `}`).
fn named_escape_error(
    source: &str,
    tok: &ruff_python_ast::token::Token,
    quote: usize,
    body_start: usize,
    esc: usize,
) -> RawError {
    let body_end = tok.end().to_usize()
        - if tok.kind() == TokenKind::String {
            quote
        } else {
            0
        };
    let body = source.as_bytes().get(esc..body_end.max(esc)).unwrap_or(&[]);
    // Offsets relative to the backslash; `stop` is exclusive.
    let (detail, stop) = match body.get(2) {
        Some(b'{') => match body[3..].iter().position(|&b| b == b'}') {
            Some(0) => ("malformed \\N character escape", 3),
            Some(n) => ("unknown Unicode character name", 3 + n + 1),
            None => ("malformed \\N character escape", body.len()),
        },
        _ => ("malformed \\N character escape", 2),
    };
    let stop = (esc + stop.max(2)).min(source.len());
    let x = decoder_offset(&source[body_start..esc]);
    let y = decoder_offset(&source[body_start..stop]) - 1;
    RawError::syntax(
        TextRange::empty(tok.end()),
        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {x}-{y}: {detail}"),
    )
}

fn other_message(range: TextRange, msg: &str) -> RawError {
    if let Some(rest) = msg.strip_prefix("Expected an indented block after ") {
        let rest = rest.replace('`', "'");
        return RawError {
            kind: ErrorKind::IndentationError,
            msg: format!("expected an indented block after {rest}"),
            range,
            exact: None,
        };
    }
    let lower = msg.to_ascii_lowercase();
    if lower.contains("unexpected indent") {
        return RawError {
            kind: ErrorKind::IndentationError,
            msg: "unexpected indent".into(),
            range,
            exact: None,
        };
    }
    if lower.contains("unindent") {
        return RawError {
            kind: ErrorKind::IndentationError,
            msg: "unindent does not match any outer indentation level".into(),
            range,
            exact: None,
        };
    }
    if lower.contains("unicode") || lower.contains("escape") {
        return RawError::syntax(
            range,
            format!("(unicode error) 'unicodeescape' codec can't decode bytes: {msg}"),
        );
    }
    RawError::syntax(range, "invalid syntax")
}

/// Is `c` a character CPython's tokenizer calls non-printable (control and
/// format characters, separators other than the space)?
pub(crate) fn non_printable(c: char) -> bool {
    c.is_control()
        || matches!(c as u32, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E
            | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
            | 0xFEFF | 0xFFF9..=0xFFFB)
        || (c.is_whitespace() && c != ' ')
}

fn expected_block_message(source: &str, tokens: &Tokens, range: TextRange) -> String {
    format!(
        "expected an indented block after line {}",
        header_line(source, tokens, range)
    )
}

fn fstring_error(range: TextRange, e: &FsErr) -> RawError {
    let msg = match e {
        FsErr::UnclosedLbrace => "f-string: expecting '}'".to_owned(),
        FsErr::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_owned()
        }
        FsErr::SingleRbrace => "f-string: single '}' is not allowed".to_owned(),
        FsErr::UnterminatedString => "unterminated f-string literal".to_owned(),
        FsErr::UnterminatedTripleQuotedString => {
            "unterminated triple-quoted f-string literal".to_owned()
        }
        FsErr::LambdaWithoutParentheses => {
            "f-string: lambda expressions are not allowed without parentheses".to_owned()
        }
        FsErr::ConversionFlagNotImmediatelyAfterExclamation => {
            "f-string: conversion type must come right after the exclamanation mark".to_owned()
        }
        FsErr::NewlineInFormatSpec => {
            "f-string: newlines are not allowed in format specifiers for single quoted f-strings"
                .to_owned()
        }
    };
    RawError::syntax(range, msg)
}

/// CPython reports unbalanced brackets from the tokenizer before anything
/// else: "'(' was never closed", "unmatched ')'", "closing parenthesis ']'
/// does not match opening parenthesis '('".
fn unclosed_bracket(source: &str, tokens: &Tokens, err: &ParseError) -> Option<RawError> {
    let mut stack: Vec<(char, TextRange)> = Vec::new();
    let open = |k: TokenKind| match k {
        TokenKind::Lpar => Some('('),
        TokenKind::Lsqb => Some('['),
        TokenKind::Lbrace => Some('{'),
        _ => None,
    };
    let close = |k: TokenKind| match k {
        TokenKind::Rpar => Some(')'),
        TokenKind::Rsqb => Some(']'),
        TokenKind::Rbrace => Some('}'),
        _ => None,
    };
    let matching = |c: char| match c {
        ')' => '(',
        ']' => '[',
        _ => '{',
    };
    let mut in_fstring = 0usize;
    for tok in tokens.iter() {
        let kind = tok.kind();
        match kind {
            TokenKind::FStringStart | TokenKind::TStringStart => in_fstring += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                in_fstring = in_fstring.saturating_sub(1)
            }
            _ => {}
        }
        if in_fstring > 0 {
            // Braces inside f-strings are tokenized specially; skip them.
            continue;
        }
        if let Some(c) = open(kind) {
            stack.push((c, tok.range()));
        } else if let Some(c) = close(kind) {
            match stack.pop() {
                None => {
                    return Some(RawError::syntax(
                        TextRange::empty(tok.start()),
                        format!("unmatched '{c}'"),
                    ))
                }
                Some((o, orng)) if o != matching(c) => {
                    let oline = line_of(source, orng.start());
                    let cline = line_of(source, tok.start());
                    let msg = if oline == cline {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{o}'"
                        )
                    } else {
                        format!("closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {oline}")
                    };
                    return Some(RawError::syntax(TextRange::empty(tok.start()), msg));
                }
                Some(_) => {}
            }
        }
    }
    if let Some((o, orng)) = stack.last() {
        // Only blame the bracket if the parse error comes after it and
        // CPython's tokenizer would reach the end of the input: the error is
        // on a later line (its full-source check), or the parser reads on to
        // the end (an error at the end, or on an operand its error rules
        // consume).
        let at = err.location.start();
        let i = token_at(tokens, at);
        let at_end = tokens.iter().skip(i).all(|t| {
            !significant(t.kind())
                || t.range().is_empty()
                || matches!(t.kind(), TokenKind::Newline | TokenKind::EndOfFile)
        });
        let operand = tokens.get(i).is_some_and(|t| starts_expression(t.kind()));
        if at >= orng.start()
            && (line_of(source, at) > line_of(source, orng.start()) || at_end || operand)
        {
            return Some(RawError::syntax(*orng, format!("'{o}' was never closed")));
        }
    }
    None
}

/// CPython 3.11's tokenizer on the number literal at `start`: its
/// "invalid ... literal" errors.  `Err((cur, msg))` is the tokenizer's
/// position when it gives up (the error's `offset` counts it 0-based);
/// `Err((end, msg))` for leading zeros comes from `leading_zeros`.
/// `Ok(Some((cur, msg)))`: the literal is directly followed by one of the
/// keywords `and else for if in is not or`, which 3.11 accepts with a
/// SyntaxWarning ("invalid decimal literal") located like an error at
/// `cur`.
pub(crate) fn scan_number(
    b: &[u8],
    start: usize,
) -> Result<Option<(usize, String)>, (usize, String)> {
    let mut p = start;
    // tok_nextc: the character at the cursor, then advance (EOF reads as 0
    // without advancing).
    let next = |p: &mut usize| -> u8 {
        match b.get(*p) {
            Some(&c) => {
                *p += 1;
                c
            }
            None => 0,
        }
    };
    let backup = |p: &mut usize, c: u8| {
        if c != 0 {
            *p -= 1;
        }
    };
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    // verify_end_of_number: `c` was just read.  `lookahead`: the rest of
    // the keyword, then a character that cannot continue a name (`if`,
    // `in` and `is` are only checked on their second letter).
    let verify_end =
        |p: &mut usize, c: u8, kind: &str| -> Result<Option<(usize, String)>, (usize, String)> {
            let rest = &b[(*p).min(b.len())..];
            let word =
                |w: &[u8]| rest.starts_with(w) && !rest.get(w.len()).is_some_and(|&n| ident(n));
            let keyword = match c {
                b'a' => word(b"nd"),
                b'e' => word(b"lse"),
                b'f' => word(b"or"),
                b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
                b'o' => word(b"r"),
                b'n' => word(b"ot"),
                _ => false,
            };
            if keyword {
                return Ok(Some((*p - 1, format!("invalid {kind} literal"))));
            }
            if ident(c) {
                backup(p, c);
                return Err((*p, format!("invalid {kind} literal")));
            }
            Ok(None)
        };
    let decimal_tail = |p: &mut usize| -> Result<u8, (usize, String)> {
        loop {
            let mut c = next(p);
            while c.is_ascii_digit() {
                c = next(p);
            }
            if c != b'_' {
                return Ok(c);
            }
            let c = next(p);
            if !c.is_ascii_digit() {
                backup(p, c);
                return Err((*p, "invalid decimal literal".into()));
            }
        }
    };
    // Radix literals: 0x / 0o / 0b.
    if b.get(p) == Some(&b'0')
        && matches!(b.get(p + 1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
    {
        let marker = b[p + 1].to_ascii_lowercase();
        p += 2;
        let (kind, valid): (&str, fn(u8) -> bool) = match marker {
            b'x' => ("hexadecimal", |c: u8| c.is_ascii_hexdigit()),
            b'o' => ("octal", |c: u8| (b'0'..b'8').contains(&c)),
            _ => ("binary", |c: u8| c == b'0' || c == b'1'),
        };
        let mut c = next(&mut p);
        loop {
            if c == b'_' {
                c = next(&mut p);
            }
            if !valid(c) {
                if marker != b'x' && c.is_ascii_digit() {
                    return Err((
                        p,
                        format!("invalid digit '{}' in {kind} literal", c as char),
                    ));
                }
                backup(&mut p, c);
                return Err((p, format!("invalid {kind} literal")));
            }
            loop {
                c = next(&mut p);
                if !valid(c) {
                    break;
                }
            }
            if c != b'_' {
                break;
            }
        }
        if marker != b'x' && c.is_ascii_digit() {
            return Err((
                p,
                format!("invalid digit '{}' in {kind} literal", c as char),
            ));
        }
        return verify_end(&mut p, c, kind);
    }
    let mut c;
    let mut fraction = false;
    if b.get(p) == Some(&b'.') {
        p += 1;
        c = next(&mut p);
        fraction = true;
    } else if b.get(p) == Some(&b'0') {
        p += 1;
        c = next(&mut p);
        loop {
            if c == b'_' {
                c = next(&mut p);
                if !c.is_ascii_digit() {
                    backup(&mut p, c);
                    return Err((p, "invalid decimal literal".into()));
                }
            }
            if c != b'0' {
                break;
            }
            c = next(&mut p);
        }
        let zeros_end = p;
        let mut nonzero = false;
        if c.is_ascii_digit() {
            nonzero = true;
            c = decimal_tail(&mut p)?;
        }
        if c == b'.' {
            c = next(&mut p);
            fraction = true;
        } else if !matches!(c, b'e' | b'E' | b'j' | b'J') {
            if nonzero {
                return Err((
                    usize::MAX - zeros_end,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                ));
            }
            return verify_end(&mut p, c, "decimal");
        }
    } else {
        c = decimal_tail(&mut p)?;
        if c == b'.' {
            c = next(&mut p);
            fraction = true;
        }
    }
    if fraction && c.is_ascii_digit() {
        c = decimal_tail(&mut p)?;
    }
    if matches!(c, b'e' | b'E') {
        let e = c;
        c = next(&mut p);
        if c == b'+' || c == b'-' {
            c = next(&mut p);
            if !c.is_ascii_digit() {
                backup(&mut p, c);
                return Err((p, "invalid decimal literal".into()));
            }
        } else if !c.is_ascii_digit() {
            backup(&mut p, c);
            return verify_end(&mut p, e, "decimal");
        }
        c = decimal_tail(&mut p)?;
    }
    if matches!(c, b'j' | b'J') {
        c = next(&mut p);
        return verify_end(&mut p, c, "imaginary");
    }
    verify_end(&mut p, c, "decimal")
}

/// Whether the expression starting at `range` is alone in parentheses
/// (`(*a)`, `(**a.b)`; not a tuple, call or generator).
fn parenthesized(tokens: &Tokens, range: TextRange) -> bool {
    let i = token_at(tokens, range.start());
    let before = tokens[..i].iter().rev().find(|t| significant(t.kind()));
    if before.is_none_or(|t| t.kind() != TokenKind::Lpar) {
        return false;
    }
    let mut depth = 0i32;
    for t in tokens.iter().skip(i) {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar if depth == 0 => return true,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            TokenKind::Comma | TokenKind::For | TokenKind::Newline | TokenKind::EndOfFile
                if depth == 0 =>
            {
                return false
            }
            _ => {}
        }
    }
    false
}

/// Whether the line holding `offset` starts with `for` (a for statement,
/// where `for x in *a:` is the compiler's error, not the parser's).
fn line_starts_with_for(source: &str, offset: TextSize) -> bool {
    let off = offset.to_usize().min(source.len());
    let line_start = source[..off].rfind('\n').map_or(0, |i| i + 1);
    source[line_start..].trim_start().starts_with("for ")
}

/// `a if b` without `else`: CPython's range from the start of `a` to the
/// end of `b` (the error `range` is the token found instead of `else`).
fn if_without_else(tokens: &Tokens, range: TextRange) -> Option<TextRange> {
    let found = token_at(tokens, range.start());
    let sig = |k: TokenKind| significant(k) && k != TokenKind::Newline;
    let b_end = tokens[..found].iter().rev().find(|t| sig(t.kind()))?.end();
    // The `if` at bracket depth 0 before the error.
    let mut depth = 0i32;
    let mut k = found;
    let if_at = loop {
        if k == 0 {
            return None;
        }
        k -= 1;
        match tokens[k].kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            TokenKind::If if depth == 0 => break k,
            _ => {}
        }
    };
    // Walk back over the operand `a` (a disjunction).
    let operand = |k: TokenKind| {
        matches!(
            k,
            TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::Complex
                | TokenKind::String
                | TokenKind::FStringStart
                | TokenKind::FStringMiddle
                | TokenKind::FStringEnd
                | TokenKind::True
                | TokenKind::False
                | TokenKind::None
                | TokenKind::Ellipsis
                | TokenKind::Dot
                | TokenKind::Not
                | TokenKind::And
                | TokenKind::Or
                | TokenKind::In
                | TokenKind::Is
                | TokenKind::Await
                | TokenKind::Tilde
                | TokenKind::EqEqual
                | TokenKind::NotEqual
                | TokenKind::Less
                | TokenKind::Greater
                | TokenKind::LessEqual
                | TokenKind::GreaterEqual
        ) || k.as_binary_operator().is_some()
    };
    let mut depth = 0i32;
    let mut start = if_at;
    let mut j = if_at;
    while j > 0 {
        let kind = tokens[j - 1].kind();
        match kind {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ if depth > 0 || operand(kind) => {}
            TokenKind::Comment | TokenKind::NonLogicalNewline => {}
            _ => break,
        }
        j -= 1;
        if significant(kind) {
            start = j;
        }
    }
    (start < if_at).then(|| TextRange::new(tokens[start].start(), b_end))
}

/// The call arguments before the one at `range` (from the first argument
/// to the end of the one before the comma).
fn arguments_before(tokens: &Tokens, range: TextRange) -> Option<TextRange> {
    let i = token_at(tokens, range.start());
    let comma = (0..i).rev().find(|&k| significant(tokens[k].kind()))?;
    if tokens[comma].kind() != TokenKind::Comma {
        return None;
    }
    let end = tokens[..comma]
        .iter()
        .rev()
        .find(|t| significant(t.kind()))?
        .end();
    let mut depth = 0i32;
    let mut k = comma;
    while k > 0 {
        k -= 1;
        match tokens[k].kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 {
                    let first = tokens[k + 1..].iter().find(|t| significant(t.kind()))?;
                    return Some(TextRange::new(first.start(), end));
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// The `)` that closes the bracket around `range`.
fn closing_paren(tokens: &Tokens, range: TextRange) -> Option<TextRange> {
    let mut depth = 0i32;
    for t in tokens.iter().skip(token_at(tokens, range.start())) {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar if depth == 0 => return Some(t.range()),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            TokenKind::Newline | TokenKind::EndOfFile => return None,
            _ => {}
        }
    }
    None
}

/// CPython's full-source check after a parser error: a bracket still open
/// at the end of the source, opened on a line before the error's, is
/// reported instead ("'(' was never closed").
pub(crate) fn unclosed_before(
    source: &str,
    map: &SourceMap,
    tokens: &Tokens,
    e: &RawError,
) -> Option<RawError> {
    let err_line = match &e.exact {
        Some(x) => x.lineno,
        None => map.line_col(e.range.start()).0,
    };
    let mut stack: Vec<(char, TextRange)> = Vec::new();
    let mut in_fstring = 0usize;
    for tok in tokens.iter() {
        match tok.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => in_fstring += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                in_fstring = in_fstring.saturating_sub(1)
            }
            _ if in_fstring > 0 => {}
            TokenKind::Lpar => stack.push(('(', tok.range())),
            TokenKind::Lsqb => stack.push(('[', tok.range())),
            TokenKind::Lbrace => stack.push(('{', tok.range())),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    let (c, range) = stack.last()?;
    (line_of(source, range.start()) < err_line)
        .then(|| RawError::syntax(*range, format!("'{c}' was never closed")))
}

/// `if x = 1:` / `while f() = 1:`: the condition holds an `=` (the error
/// `range` is at the `=`).  A name before it gets CPython's "invalid
/// syntax. Maybe you meant '==' or ':=' instead of '='?" over `x = 1`;
/// another expression "cannot assign to ... here".
fn condition_assignment(source: &str, tokens: &Tokens, range: TextRange) -> Option<RawError> {
    let eq = token_at(tokens, range.start());
    // The statement keyword and the condition's first token.
    let kw = (0..eq).rev().find(|&k| {
        matches!(
            tokens[k].kind(),
            TokenKind::If | TokenKind::Elif | TokenKind::While
        )
    })?;
    if (kw + 1..eq).any(|k| {
        matches!(
            tokens[k].kind(),
            TokenKind::Newline | TokenKind::Colon | TokenKind::Semi
        )
    }) {
        return None;
    }
    let lhs_first = (kw + 1..eq).find(|&k| significant(tokens[k].kind()))?;
    let lhs_last = (kw + 1..eq)
        .rev()
        .find(|&k| significant(tokens[k].kind()))?;
    let lhs = TextRange::new(tokens[lhs_first].start(), tokens[lhs_last].end());
    if lhs_first == lhs_last && tokens[lhs_first].kind() == TokenKind::Name {
        // The bitwise_or after `=`.
        let mut depth = 0i32;
        let mut end = None;
        for t in tokens.iter().skip(eq + 1) {
            let k = t.kind();
            match k {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                TokenKind::Colon
                | TokenKind::Comma
                | TokenKind::Or
                | TokenKind::And
                | TokenKind::Not
                | TokenKind::If
                | TokenKind::Else
                | TokenKind::In
                | TokenKind::Is
                | TokenKind::EqEqual
                | TokenKind::NotEqual
                | TokenKind::Less
                | TokenKind::Greater
                | TokenKind::LessEqual
                | TokenKind::GreaterEqual
                | TokenKind::Equal
                | TokenKind::ColonEqual
                | TokenKind::Newline
                    if depth == 0 =>
                {
                    break
                }
                _ => {}
            }
            if significant(k) {
                end = Some(t.end());
            }
        }
        return Some(RawError::syntax(
            TextRange::new(lhs.start(), end?),
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        ));
    }
    let e = parse_fragment(source, lhs)?;
    Some(RawError::syntax(
        lhs,
        format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            expr_description(&e)
        ),
    ))
}

/// For a keyword argument whose name is the expression at `range`: the end
/// of its `=` (CPython's range ends there).
fn keyword_value_end(tokens: &Tokens, range: TextRange) -> Option<TextSize> {
    let mut i = token_at(tokens, range.end());
    while i < tokens.len() && !significant(tokens[i].kind()) {
        i += 1;
    }
    let eq = tokens.get(i)?;
    (eq.kind() == TokenKind::Equal).then(|| eq.end())
}
