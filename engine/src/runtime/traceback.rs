//! Formatting exceptions as CPython 3.11's default printer (`PyErr_Display`)
//! does: tracebacks with position markers under the source lines, chained
//! exceptions, `SyntaxError` carets, notes and exception-group trees.
//!
//! The output is byte-for-byte CPython's, including its quirks: source lines
//! keep their trailing whitespace, markers of a multi-line segment run to the
//! end of its first line, and the operator of `(a) + b` is found by skipping
//! only whitespace after the left operand (so it lands on `)`).

use super::*;
use crate::bytecode::Location;

use super::exc::TRACEBACK_LIMIT;

/// Consecutive identical entries printed before "[Previous line repeated".
const RECURSIVE_CUTOFF: usize = 3;
/// Sub-exceptions printed per group (`max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;
/// Nesting of groups printed (`max_group_depth`).
const MAX_GROUP_DEPTH: usize = 10;

const CAUSE_MESSAGE: &str =
    "The above exception was the direct cause of the following exception:\n";
const CONTEXT_MESSAGE: &str =
    "During handling of the above exception, another exception occurred:\n";

/// State of one print (CPython's `exception_print_context`).
struct Ctx {
    /// Exceptions printed or being printed (cycles in chains stop there).
    seen: Vec<Value>,
    /// Nesting of exception groups; 0 outside any.
    depth: usize,
    /// The closing line of the innermost group is still to be written.
    need_close: bool,
    /// Traceback entries per exception; None: no traceback at all
    /// (`sys.tracebacklimit` <= 0).
    limit: Option<usize>,
    out: String,
}

impl Ctx {
    /// The indentation and margin of lines inside groups.
    fn margin(&self) -> String {
        if self.depth == 0 {
            String::new()
        } else {
            format!("{}| ", " ".repeat(2 * self.depth))
        }
    }

    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    fn line(&mut self, text: &str) {
        let m = self.margin();
        self.out.push_str(&m);
        self.out.push_str(text);
    }
}

/// Where the markers go on a source line, in characters of the line:
/// `start..end`, with `anchors` (a sub-range of it) drawn with `^` and the
/// rest with `~`; without anchors everything is `^`.
struct Markers {
    start: usize,
    end: usize,
    anchors: Option<(usize, usize)>,
}

/// Characters of `s` in its first `off` UTF-8 bytes, as CPython's
/// `_PyPegen_byte_offset_to_character_offset` counts them (an incomplete
/// character at the cut counts as one replacement character).
fn byte_to_char(s: &str, off: usize) -> usize {
    let b = s.as_bytes();
    let off = off.min(b.len() + 1);
    if off > b.len() {
        return s.chars().count() + 1;
    }
    let prefix = &b[..off];
    match std::str::from_utf8(prefix) {
        Ok(p) => p.chars().count(),
        Err(e) => {
            let good = e.valid_up_to();
            String::from_utf8_lossy(&prefix[..good]).chars().count()
                + String::from_utf8_lossy(&prefix[good..]).chars().count()
        }
    }
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == 0x0c
}

/// The `~`/`^` split of a one-line segment, as CPython's
/// `extract_anchors_from_line`: the segment parsed as a statement; a binary
/// operation marks its operator, a subscript its `[...]`.  Offsets are
/// characters of the segment.
fn segment_anchors(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    if body.len() != 1 {
        return None;
    }
    let Stmt::Expr(e) = &body[0] else {
        return None;
    };
    let bytes = segment.as_bytes();
    let (left, right) = match &*e.value {
        Expr::BinOp(b) => {
            let from = usize::from(b.left.range().end());
            let to = usize::from(b.right.range().start());
            let i = (from..to).find(|&i| !is_ws(bytes[i]))?;
            let mut right = i + 1;
            if i + 1 < to && !is_ws(bytes[i + 1]) {
                right += 1;
            }
            (i, right)
        }
        Expr::Subscript(s) => (
            usize::from(s.value.range().end()),
            usize::from(s.slice.range().end()) + 1,
        ),
        _ => return None,
    };
    Some((byte_to_char(segment, left), byte_to_char(segment, right)))
}

/// False under `-X no_debug_ranges`/PYTHONNODEBUGRANGES: code objects
/// report no columns (`co_positions`) and tracebacks show no markers, as
/// CPython's code objects then carry no column table.
pub static DEBUG_RANGES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Are column positions reported ([`DEBUG_RANGES`])?
pub fn debug_ranges() -> bool {
    DEBUG_RANGES.load(std::sync::atomic::Ordering::Relaxed)
}

/// The markers for source line `line` (as read, indentation included) of
/// an instruction at `loc`, or None where CPython prints none.
fn markers(line: &str, loc: Location) -> Option<Markers> {
    if loc.line == 0 || !debug_ranges() {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let start = byte_to_char(line, loc.col as usize);
    let mut end = byte_to_char(line, loc.end_col as usize);
    let mut anchors = None;
    if loc.line == loc.end_line {
        if start <= end && end <= chars.len() {
            let segment: String = chars[start..end].iter().collect();
            anchors = segment_anchors(&segment);
        }
    } else {
        // Up to the last non-whitespace character of the first line.  Like
        // CPython, the scan indexes the UTF-8 bytes from the character
        // count down.
        let b = line.as_bytes();
        let mut i = chars.len() as isize;
        loop {
            i -= 1;
            if i < 0 || !is_ws(b[i as usize]) {
                break;
            }
        }
        end = (i + 1) as usize;
    }
    let indent = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .count();
    if end.wrapping_sub(start) == chars.len() - indent && anchors.is_none() {
        return None;
    }
    Some(Markers {
        start,
        end,
        anchors: anchors.map(|(l, r)| (l + start, r + start)),
    })
}

/// The marker line (without margin or newline) for `m` on a line indented
/// by `indent` characters, displayed after four spaces.
fn marker_line(m: &Markers, indent: usize) -> String {
    let mut s = String::new();
    // CPython's print_error_location_carets: columns `indent - 4 + 1 ..=
    // end` of the line, spaces up to `start`.
    let mut off = indent as isize - 4;
    loop {
        off += 1;
        if off > m.end as isize {
            break;
        }
        let c = if off <= m.start as isize {
            ' '
        } else {
            match m.anchors {
                Some((l, r)) if (l as isize) < off && off <= r as isize => '^',
                Some(_) => '~',
                None => '^',
            }
        };
        s.push(c);
    }
    s
}

impl Vm {
    /// Formats an exception with its traceback and chain as CPython's
    /// default printer (`sys.excepthook`) does.
    pub fn format_exception(&mut self, exc: Value) -> String {
        let mark = self.push_root(exc);
        let limit = self.traceback_limit();
        let mut ctx = Ctx {
            seen: Vec::new(),
            depth: 0,
            need_close: false,
            limit,
            out: String::new(),
        };
        self.print_recursive(&mut ctx, exc);
        self.pop_roots(mark);
        ctx.out
    }

    /// `sys.tracebacklimit` as the printer reads it: an int, or the default.
    fn traceback_limit(&mut self) -> Option<usize> {
        let sys = *proto_core::sync::lock(&self.g.sys);
        if !sys.is_heap() {
            return Some(TRACEBACK_LIMIT);
        }
        let k = self.intern("tracebacklimit");
        match self.getattr_opt(sys, k) {
            Ok(Some(v)) if v.as_int().is_some() => {
                let n = v.as_int().unwrap_or(0);
                (n > 0).then_some(n as usize)
            }
            Ok(Some(v)) if self.isinstance(v, self.g.types.int) => {
                // A big int: positive ones are "no limit".
                let neg = self.repr_string(v).is_ok_and(|s| s.starts_with('-'));
                (!neg).then_some(usize::MAX)
            }
            _ => Some(TRACEBACK_LIMIT),
        }
    }

    /// An exception with what led to it: the chain (`__cause__`, else
    /// `__context__` unless suppressed) printed first, oldest first.
    fn print_recursive(&mut self, ctx: &mut Ctx, exc: Value) {
        // Walk the chain iteratively (chains can be long); each link is
        // rooted, as printing runs Python code (`__str__`, notes).
        let mut chain: Vec<(Value, &'static str)> = Vec::new();
        let mut cur = exc;
        loop {
            ctx.seen.push(cur);
            self.push_root(cur);
            let Some(o) = Obj::from_value(cur).filter(|o| o.kind() == K_EXC) else {
                break;
            };
            let cause = o.get(EXC_CAUSE);
            let (next, msg) = if cause.is_heap() && !cause.is_none() {
                (cause, CAUSE_MESSAGE)
            } else if exc_suppress_context(o) {
                break;
            } else {
                (o.get(EXC_CONTEXT), CONTEXT_MESSAGE)
            };
            if !next.is_heap() || next.is_none() || ctx.seen.contains(&next) {
                break;
            }
            chain.push((next, msg));
            cur = next;
        }
        let need_close = ctx.need_close;
        for &(older, msg) in chain.iter().rev() {
            self.print_one(ctx, older);
            ctx.need_close = need_close;
            ctx.line("\n");
            ctx.line(msg);
            ctx.line("\n");
        }
        self.print_one(ctx, exc);
    }

    fn print_one(&mut self, ctx: &mut Ctx, exc: Value) {
        if self.isinstance(exc, self.g.e.BaseExceptionGroup) {
            self.print_group(ctx, exc);
        } else {
            self.print_exception_body(ctx, exc);
        }
    }

    /// One exception without its chain: traceback, `File` line and source
    /// for a SyntaxError, `Type: message`, notes.
    fn print_exception_body(&mut self, ctx: &mut Ctx, exc: Value) {
        let Some(eo) = Obj::from_value(exc).filter(|o| o.kind() == K_EXC) else {
            let tp = self.type_of(exc);
            let name = Obj::from_value(tp)
                .map(|t| str_of(t.get(T_NAME)).into_owned())
                .unwrap_or_default();
            ctx.line(&format!(
                "TypeError: print_exception(): Exception expected for value, {name} found\n"
            ));
            return;
        };
        let tb = eo.get(EXC_TB);
        if tb.is_heap() && !tb.is_none() {
            let group = self.isinstance(exc, self.g.e.BaseExceptionGroup);
            let (header, header_margin) = if group {
                let m = if ctx.depth == 1 {
                    format!("{}+ ", ctx.indent())
                } else {
                    ctx.margin()
                };
                ("Exception Group Traceback (most recent call last):\n", m)
            } else {
                ("Traceback (most recent call last):\n", ctx.margin())
            };
            if let Some(limit) = ctx.limit {
                ctx.out.push_str(&header_margin);
                ctx.out.push_str(header);
                self.print_tb(ctx, tb, limit);
            }
        }
        let tp = self.type_of(exc);
        let syntax = self.syntax_error_parts(exc);
        let message = match syntax {
            Some((head, msg)) => {
                for l in head {
                    ctx.line(&l);
                }
                if msg.is_none() {
                    Some(String::new())
                } else {
                    self.str_string(msg).ok()
                }
            }
            None => self.str_string(exc).ok(),
        };
        let mut line = self.exc_type_name(tp);
        match message {
            None => line.push_str(": <exception str() failed>"),
            Some(m) if !m.is_empty() => {
                line.push_str(": ");
                line.push_str(&m);
            }
            Some(_) => {}
        }
        if let Some(s) = self.exc_suggestion(exc) {
            line.push_str(&format!(". Did you mean: '{s}'?"));
        }
        line.push('\n');
        ctx.line(&line);
        self.print_notes(ctx, exc);
    }

    /// `module.qualname` of an exception class (no module for builtins
    /// and `__main__`).
    fn exc_type_name(&mut self, tp: Value) -> String {
        let Some(to) = Obj::from_value(tp) else {
            return "<unknown>".into();
        };
        let name = str_of(to.get(T_QUALNAME)).into_owned();
        match self.dict_get_str(to.get(T_DICT), self.g.names.__module__) {
            Some(m) if is_str(m) => {
                let ms = str_of(m);
                if ms != "builtins" && ms != "__main__" {
                    return format!("{ms}.{name}");
                }
                name
            }
            Some(_) => format!("<unknown>.{name}"),
            None => name,
        }
    }

    /// "Did you mean" for AttributeError and NameError.
    fn exc_suggestion(&mut self, exc: Value) -> Option<String> {
        if self.isinstance(exc, self.g.e.AttributeError) {
            return self.attr_suggestion(exc);
        }
        if self.isinstance(exc, self.g.e.NameError) {
            let s = Obj::from_value(exc)?.get(EXC_X2);
            if is_str(s) {
                return Some(str_of(s).into_owned());
            }
        }
        None
    }

    /// `__notes__`: each note's lines under the message; a non-sequence
    /// value is shown by its repr.
    fn print_notes(&mut self, ctx: &mut Ctx, exc: Value) {
        let k = self.g.names.__notes__;
        let notes = match self.getattr_opt(exc, k) {
            Ok(Some(n)) => n,
            _ => return,
        };
        let mark = self.push_root(notes);
        if is_str(notes) {
            // A str is a sequence of one-character notes.
            for c in str_of(notes).chars() {
                ctx.line(&c.to_string());
                ctx.out.push('\n');
            }
        } else if matches!(
            Obj::from_value(notes).map(|o| o.kind()),
            Some(Kind::TUPLE) | Some(Kind::LIST)
        ) {
            let items = self.seq_items(notes);
            for &n in &items {
                self.push_root(n);
            }
            for n in items {
                match self.str_string(n) {
                    Ok(s) => {
                        for l in split_lines_keep(&s) {
                            ctx.line(l);
                        }
                    }
                    Err(_) => ctx.out.push_str("<note str() failed>"),
                }
                ctx.out.push('\n');
            }
        } else {
            let r = self
                .repr_string(notes)
                .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
            // CPython 3.11 writes no line break after it.
            ctx.line(&r);
        }
        self.pop_roots(mark);
    }

    /// For a SyntaxError (anything with `print_file_and_line`) whose
    /// location attributes are usable: the `File` line, source and caret
    /// lines, and the message (`msg`) to print instead of `str(exc)`.
    fn syntax_error_parts(&mut self, exc: Value) -> Option<(Vec<String>, Value)> {
        let k = self.intern("print_file_and_line");
        self.getattr_opt(exc, k).ok()??;
        let get = |vm: &mut Vm, name: Value| vm.getattr(exc, name).ok();
        let n = &self.g.names;
        let (kmsg, kf, kl, ko, kt, kel, keo) = (
            n.msg,
            n.filename,
            n.lineno,
            n.offset,
            n.text,
            n.end_lineno,
            n.end_offset,
        );
        let msg = get(self, kmsg)?;
        let mark = self.push_root(msg);
        let parts = (|| {
            let f = get(self, kf)?;
            let filename = if f.is_none() {
                "<string>".to_owned()
            } else {
                self.str_string(f).ok()?
            };
            let l = get(self, kl)?;
            let lineno = self.as_i64(l)?;
            let int_or = |vm: &mut Vm, v: Value, none: i64| -> Option<i64> {
                if v.is_none() {
                    Some(none)
                } else {
                    vm.as_i64(v)
                }
            };
            let v = get(self, ko)?;
            let offset = int_or(self, v, -1)?;
            let (end_lineno, end_offset) = if self.type_of(exc) == self.g.e.SyntaxError {
                let el = match get(self, kel) {
                    Some(v) => int_or(self, v, lineno)?,
                    None => lineno,
                };
                let eo = match get(self, keo) {
                    Some(v) => int_or(self, v, -1)?,
                    None => -1,
                };
                (el, eo)
            } else {
                (lineno, -1)
            };
            let text = get(self, kt)?;
            let mut head = vec![format!("  File \"{filename}\", line {lineno}\n")];
            if is_str(text) {
                let t = str_of(text).into_owned();
                let size = t.len() as i64;
                let mut end_offset = end_offset;
                if end_lineno > lineno {
                    end_offset = size;
                }
                if end_offset > size + 1 {
                    end_offset = size + 1;
                }
                head.extend(error_text_lines(offset, end_offset, &t));
            }
            Some(head)
        })();
        self.pop_roots(mark);
        parts.map(|h| (h, msg))
    }

    /// The traceback entries of `tb`, the last `limit` of them.
    fn print_tb(&mut self, ctx: &mut Ctx, tb: Value, limit: usize) {
        let mut entries = Vec::new();
        let mut t = tb;
        while let Some(to) = Obj::from_value(t).filter(|o| o.kind() == K_TRACEBACK) {
            entries.push(to);
            t = to.get(0);
        }
        let skip = entries.len().saturating_sub(limit);
        let margin = ctx.margin();
        let mut last: Option<(String, i64, String)> = None;
        let mut count = 0usize;
        let repeated = |ctx: &mut Ctx, count: usize| {
            if count > RECURSIVE_CUTOFF {
                let n = count - RECURSIVE_CUTOFF;
                let s = if n > 1 { "s" } else { "" };
                ctx.out
                    .push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
            }
        };
        for to in entries.into_iter().skip(skip) {
            let Some(cd) = code_data(to.get(1)) else {
                continue;
            };
            let lineno = to.get(3).as_int().unwrap_or(-1);
            let lasti = to.get(2).as_int().unwrap_or(-1);
            let key = (
                cd.code.filename.to_string(),
                lineno,
                cd.code.name.to_string(),
            );
            if last.as_ref() != Some(&key) {
                repeated(ctx, count);
                last = Some(key);
                count = 0;
            }
            count += 1;
            if count > RECURSIVE_CUTOFF {
                continue;
            }
            ctx.out.push_str(&format!(
                "{margin}  File \"{}\", line {}, in {}\n",
                cd.code.filename, lineno, cd.code.name
            ));
            let Some(src) = u32::try_from(lineno)
                .ok()
                .and_then(|l| self.source_line(&cd.code.filename, l))
            else {
                continue;
            };
            let indent = src
                .chars()
                .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
                .count();
            let shown: String = src.chars().skip(indent).collect();
            ctx.out.push_str(&format!("{margin}    {shown}\n"));
            if lasti < 0 {
                continue;
            }
            let loc = cd.code.location((lasti / 2) as u32);
            if let Some(m) = markers(&src, loc) {
                ctx.out
                    .push_str(&format!("{margin}{}\n", marker_line(&m, indent)));
            }
        }
        repeated(ctx, count);
    }

    /// An exception group: its own traceback and message, then each
    /// sub-exception in a numbered box.
    fn print_group(&mut self, ctx: &mut Ctx, exc: Value) {
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.line(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        self.print_exception_body(ctx, exc);
        let excs = Obj::from_value(exc).map_or(Vec::new(), |o| self.seq_items(o.get(EXC_X0)));
        let num = excs.len();
        let n = if num <= MAX_GROUP_WIDTH {
            num
        } else {
            MAX_GROUP_WIDTH + 1
        };
        ctx.need_close = false;
        for (i, &sub) in excs.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                // The closing line may be written by a nested group.
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_owned()
            } else {
                (i + 1).to_string()
            };
            let lead = if i == 0 { "+-" } else { "  " };
            let ind = ctx.indent();
            ctx.out.push_str(&format!(
                "{ind}{lead}+---------------- {title} ----------------\n"
            ));
            ctx.depth += 1;
            if truncated {
                let rem = num - MAX_GROUP_WIDTH;
                let s = if rem > 1 { "s" } else { "" };
                ctx.line(&format!("and {rem} more exception{s}\n"));
            } else {
                self.print_recursive(ctx, sub);
            }
            if last && ctx.need_close {
                let ind = ctx.indent();
                ctx.out
                    .push_str(&format!("{ind}+------------------------------------\n"));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth -= 1;
        }
    }

    /// The last line(s) of a traceback for `exc` alone: what
    /// `traceback.format_exception_only` gives (SyntaxError location,
    /// `Type: message`, notes).
    pub fn format_exc_only(&mut self, exc: Value) -> String {
        let mark = self.push_root(exc);
        let mut ctx = Ctx {
            seen: Vec::new(),
            depth: 0,
            need_close: false,
            limit: None,
            out: String::new(),
        };
        self.print_exception_body(&mut ctx, exc);
        self.pop_roots(mark);
        ctx.out
    }
}

/// `s` split after each line break (`str.splitlines(keepends=True)`).
fn split_lines_keep(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let brk = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if brk {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = it.peek() {
                    end = j + 1;
                    it.next();
                }
            }
            out.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The source and caret lines of a SyntaxError (CPython's
/// `print_error_text`): `offset`/`end_offset` 1-based columns of `text`.
fn error_text_lines(offset: i64, end_offset: i64, text: &str) -> Vec<String> {
    let reps = if end_offset > 0 && end_offset > offset {
        (end_offset - offset) as usize
    } else {
        1
    };
    let mut offset = offset - 1;
    let mut text = text;
    while let Some(rest) = text.strip_prefix([' ', '\t', '\x0c']) {
        text = rest;
        offset -= 1;
    }
    let mut len = text.len() as i64;
    if text.ends_with('\n') {
        len -= 1;
    }
    if offset > len {
        offset = len;
    }
    while let Some(nl) = text.find('\n') {
        let inl = nl as i64;
        if inl >= offset {
            break;
        }
        text = &text[nl + 1..];
        offset -= inl + 1;
    }
    let mut out = vec![format!("    {text}")];
    if !text.ends_with('\n') {
        out[0].push('\n');
    }
    if offset >= 0 {
        out.push(format!(
            "    {}{}\n",
            " ".repeat(offset as usize),
            "^".repeat(reps)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32, end_line: u32, col: u32, end_col: u32) -> Location {
        Location {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// The marker line as printed (under the source shown after four
    /// spaces, without its indentation).
    fn draw(line: &str, l: Location) -> Option<String> {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        markers(line, l).map(|m| marker_line(&m, indent))
    }

    #[test]
    fn binary_and_subscript_anchors() {
        let line = "    return a[1] + 1/0";
        assert_eq!(
            draw(line, loc(1, 1, 18, 21)).as_deref(),
            Some("                  ~^~")
        );
        assert_eq!(
            draw(line, loc(1, 1, 11, 15)).as_deref(),
            Some("           ~^^^")
        );
        // The whole stripped line: no markers.
        assert_eq!(draw(line, loc(1, 1, 4, 21)), None);
        // A parenthesised left operand: CPython marks the `)`.
        assert_eq!(
            draw("x = (1) + y", loc(1, 1, 4, 11)).as_deref(),
            Some("        ~~^~~~~")
        );
        assert_eq!(
            draw("a // b", loc(1, 1, 0, 6)).as_deref(),
            Some("    ~~^^~~")
        );
    }

    #[test]
    fn multi_line_segments_run_to_the_end_of_the_first_line() {
        assert_eq!(
            draw("    return (x +   ", loc(1, 2, 12, 5)).as_deref(),
            Some("            ^^^")
        );
    }

    #[test]
    fn syntax_error_text() {
        assert_eq!(
            error_text_lines(5, 9, "  abc def\n  ghi\n"),
            vec!["    abc def\n  ghi\n".to_string(), "      ^^^^\n".into()]
        );
        assert_eq!(
            error_text_lines(9, 11, "abc\ndef ghi jkl\n"),
            vec!["    def ghi jkl\n".to_string(), "        ^^\n".into()]
        );
        assert_eq!(
            error_text_lines(-3, 2, "abc def   \n"),
            vec!["    abc def   \n".to_string()]
        );
    }

    #[test]
    fn note_lines() {
        assert_eq!(split_lines_keep("a\nb"), vec!["a\n", "b"]);
        assert_eq!(split_lines_keep("a\r\n"), vec!["a\r\n"]);
    }
}
