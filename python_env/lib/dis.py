"""Disassembler of ProtoPy bytecode.

ProtoPy's own module rather than CPython's Lib/dis.py, which can only read
CPython's instruction set. ProtoPy's differs: every code unit is two bytes
(opcode, operand byte) whatever the opcode, jump operands are absolute unit
offsets, and inline caches live beside the code instead of in it. The
instruction set itself comes from the `opcode` module, which reads ProtoPy's
one opcode table; offsets are bytes (two per unit), as `f_lasti` and
`co_lines()` count them. The API and the text layout are CPython 3.11's:
dis, disassemble, distb, code_info, show_code, get_instructions,
Instruction, Bytecode, findlabels, findlinestarts, stack_effect.
"""

import collections
import io
import sys
import types

import opcode
from opcode import *
from opcode import __all__ as _opcodes_all

__all__ = ["code_info", "dis", "disassemble", "distb", "disco",
           "findlinestarts", "findlabels", "show_code",
           "get_instructions", "Instruction", "Bytecode"] + _opcodes_all
del _opcodes_all

COMPILER_FLAG_NAMES = dict(opcode._compiler_flag_names)

_KIND = opcode._operand_kind
_HAS_ARG = frozenset(opcode.hasarg)
_EXTENDED_ARG = opcode.EXTENDED_ARG
_IMPORT_NAME = opmap["IMPORT_NAME"]
_LOAD_CONST = opmap["LOAD_CONST"]
_STORES = frozenset((opmap["STORE_NAME"], opmap["STORE_GLOBAL"]))

# What `dis` looks inside; classes and modules are walked by their __dict__.
_have_code = (types.MethodType, types.FunctionType, types.CodeType,
              classmethod, staticmethod, type)

_OPNAME_WIDTH = 20
_OPARG_WIDTH = 5


def pretty_flags(flags):
    """Return pretty representation of code flags."""
    parts = [COMPILER_FLAG_NAMES.get(1 << bit, hex(1 << bit))
             for bit in range(32) if flags >> bit & 1]
    high = flags >> 32 << 32
    if high or not parts:
        parts.append(hex(high))
    return ", ".join(parts)


def _try_compile(source, name):
    """An expression's code if `source` is one, else the statements'."""
    try:
        return compile(source, name, "eval")
    except SyntaxError:
        return compile(source, name, "exec")


def _unwrap(x):
    """The code object behind a method, function, generator or coroutine;
    anything else unchanged."""
    x = getattr(x, "__func__", x)
    for attr in ("__code__", "gi_code", "ag_code", "cr_code"):
        if hasattr(x, attr):
            return getattr(x, attr)
    return x


def _get_code_object(x):
    """Helper to handle methods, compiled or raw code objects, and strings."""
    x = _unwrap(x)
    if isinstance(x, str):
        x = _try_compile(x, "<disassembly>")
    if hasattr(x, "co_code"):
        return x
    raise TypeError("don't know how to disassemble %s objects" %
                    type(x).__name__)


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False):
    """Disassemble classes, methods, functions, and other compiled objects.

    With no argument, disassemble the last traceback. Compiled objects
    currently include generator objects, async generator objects, and
    coroutine objects, all of which store their code object in a special
    attribute. ProtoPy keeps no caches in the code and never rewrites it,
    so `show_caches` and `adaptive` change nothing.
    """
    if x is None:
        distb(file=file)
        return
    x = _unwrap(x)
    if hasattr(x, "__dict__"):
        for name, member in sorted(x.__dict__.items()):
            if isinstance(member, _have_code):
                print("Disassembly of %s:" % name, file=file)
                try:
                    dis(member, file=file, depth=depth)
                except TypeError as msg:
                    print("Sorry:", msg, file=file)
                print(file=file)
    elif hasattr(x, "co_code"):
        _disassemble_recursive(x, file=file, depth=depth)
    elif isinstance(x, (bytes, bytearray)):
        _print_instructions(_instructions(bytes(x)), file, code_len=len(x))
    elif isinstance(x, str):
        _disassemble_recursive(_try_compile(x, "<dis>"), file=file,
                               depth=depth)
    else:
        raise TypeError("don't know how to disassemble %s objects" %
                        type(x).__name__)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False):
    """Disassemble a traceback (default: last traceback)."""
    if tb is None:
        try:
            tb = sys.last_traceback
        except AttributeError:
            raise RuntimeError("no last traceback to disassemble") from None
        while tb.tb_next:
            tb = tb.tb_next
    disassemble(tb.tb_frame.f_code, tb.tb_lasti, file=file)


def code_info(x):
    """Formatted details of methods, functions, or code."""
    return _format_code_info(_get_code_object(x))


def _format_code_info(co):
    lines = [
        "Name:              %s" % co.co_name,
        "Filename:          %s" % co.co_filename,
        "Argument count:    %s" % co.co_argcount,
        "Positional-only arguments: %s" % co.co_posonlyargcount,
        "Kw-only arguments: %s" % co.co_kwonlyargcount,
        "Number of locals:  %s" % co.co_nlocals,
        "Stack size:        %s" % co.co_stacksize,
        "Flags:             %s" % pretty_flags(co.co_flags),
    ]
    tables = (("Constants:", co.co_consts, "%4d: %r"),
              ("Names:", co.co_names, "%4d: %s"),
              ("Variable names:", co.co_varnames, "%4d: %s"),
              ("Free variables:", co.co_freevars, "%4d: %s"),
              ("Cell variables:", co.co_cellvars, "%4d: %s"))
    for title, items, fmt in tables:
        if items:
            lines.append(title)
            lines.extend(fmt % pair for pair in enumerate(items))
    return "\n".join(lines)


def show_code(co, *, file=None):
    """Print details of methods, functions, or code to *file*.

    If *file* is not provided, the output is printed on stdout.
    """
    print(code_info(co), file=file)


Positions = collections.namedtuple(
    "Positions", ["lineno", "end_lineno", "col_offset", "end_col_offset"],
    defaults=[None] * 4)

_Instruction = collections.namedtuple(
    "_Instruction",
    ["opname", "opcode", "arg", "argval", "argrepr", "offset",
     "starts_line", "is_jump_target", "positions"],
    defaults=[None])

_Instruction.opname.__doc__ = "Human readable name for operation"
_Instruction.opcode.__doc__ = "Numeric code for operation"
_Instruction.arg.__doc__ = "Numeric argument to operation (if any), otherwise None"
_Instruction.argval.__doc__ = "Resolved arg value (if known), otherwise same as arg"
_Instruction.argrepr.__doc__ = "Human readable description of operation argument"
_Instruction.offset.__doc__ = "Start index of operation within bytecode sequence"
_Instruction.starts_line.__doc__ = "Line started by this opcode (if any), otherwise None"
_Instruction.is_jump_target.__doc__ = "True if other code jumps to here, otherwise False"
_Instruction.positions.__doc__ = "dis.Positions object holding the span of source code covered by this instruction"

_ExceptionTableEntry = collections.namedtuple(
    "_ExceptionTableEntry", "start end target depth lasti")


class Instruction(_Instruction):
    """Details for a bytecode operation

       Defined fields:
         opname - human readable name for operation
         opcode - numeric code for operation
         arg - numeric argument to operation (if any), otherwise None
         argval - resolved arg value (if known), otherwise same as arg
         argrepr - human readable description of operation argument
         offset - start index of operation within bytecode sequence
         starts_line - line started by this opcode (if any), otherwise None
         is_jump_target - True if other code jumps to here, otherwise False
         positions - Optional dis.Positions object holding the span of source code
                     covered by this instruction
    """

    def _disassemble(self, lineno_width=3, mark_as_current=False, offset_width=4):
        """Format instruction details for inclusion in disassembly output

        *lineno_width* sets the width of the line number field (0 omits it)
        *mark_as_current* inserts a '-->' marker arrow as part of the line
        *offset_width* sets the width of the instruction offset field
        """
        cols = []
        if lineno_width:
            line = "" if self.starts_line is None else str(self.starts_line)
            cols.append(line.rjust(lineno_width))
        cols.append("-->" if mark_as_current else "   ")
        cols.append(">>" if self.is_jump_target else "  ")
        cols.append(str(self.offset).rjust(offset_width))
        cols.append(self.opname.ljust(_OPNAME_WIDTH))
        if self.arg is not None:
            cols.append(str(self.arg).rjust(_OPARG_WIDTH))
            if self.argrepr:
                cols.append("(%s)" % self.argrepr)
        return " ".join(cols).rstrip()


def _unpack(code):
    """(byte offset, opcode, operand) per code unit; the operand carries
    the bits of the EXTENDED_ARG units before it, and is None for an
    opcode whose operand means nothing."""
    prefix = 0
    for offset in range(0, len(code) - 1, 2):
        op = code[offset]
        arg = prefix << 8 | code[offset + 1]
        prefix = arg if op == _EXTENDED_ARG else 0
        yield offset, op, (arg if op in _HAS_ARG else None)


def _describe(op, arg, co):
    """(argval, argrepr) of an operand, as ProtoPy's `--dis` renders it;
    tables are read from `co` when there is one."""
    kind = _KIND[op]

    def entry(table):
        if co is None:
            return arg, ""
        value = table[arg]
        return value, (repr(value) if kind == "Const" else str(value))

    if kind == "Const":
        return entry(co and co.co_consts)
    if kind == "Name":
        return entry(co and co.co_names)
    if kind == "Local":
        return entry(co and co.co_varnames)
    if kind == "Deref":
        return entry(co and co.co_cellvars + co.co_freevars)
    if kind == "Jump":
        return arg * 2, "to %d" % (arg * 2)
    if kind == "CompareOp":
        return cmp_op[arg], cmp_op[arg]
    if kind == "BinaryOp":
        return arg, opcode._nb_ops[arg][1]
    if kind == "Invert":
        return arg, "invert" if arg else ""
    if kind == "Format":
        conversion = ("", "str", "repr", "ascii")[arg & 3]
        spec = "with format" if arg & 4 else ""
        return arg, ", ".join(s for s in (conversion, spec) if s)
    if kind == "MakeFunction":
        flags = ("defaults", "kwdefaults", "annotations", "closure")
        return arg, ", ".join(n for i, n in enumerate(flags) if arg >> i & 1)
    if kind == "Raise":
        names = ("reraise", "exception", "exception from cause")
        return arg, names[arg] if arg < len(names) else "?"
    if kind == "Awaitable":
        return arg, ("", "__aenter__", "__aexit__")[arg] if arg < 3 else ""
    if kind == "UnpackEx":
        return arg, "%d before, %d after" % (arg & 0xFF, arg >> 8)
    if kind in ("Intrinsic1", "Intrinsic2"):
        descs = (opcode._intrinsic_1_descs if kind == "Intrinsic1"
                 else opcode._intrinsic_2_descs)
        return arg, descs[arg] if arg < len(descs) else "?"
    return arg, ""


def _instructions(code, co=None, linestarts=None, line_offset=0,
                  exception_entries=()):
    """The Instructions of the bytes `code` (of the code object `co` when
    given, whose tables and positions then describe the operands)."""
    labels = set(findlabels(code))
    labels.update(e.target for e in exception_entries)
    positions = list(co.co_positions()) if co is not None else []
    for offset, op, arg in _unpack(code):
        starts_line = None
        if linestarts is not None:
            starts_line = linestarts.get(offset)
            if starts_line is not None:
                starts_line += line_offset
        if arg is None:
            argval, argrepr = None, ""
        else:
            argval, argrepr = _describe(op, arg, co)
        unit = offset // 2
        where = Positions(*positions[unit]) if unit < len(positions) else Positions()
        yield Instruction(opname[op], op, arg, argval, argrepr, offset,
                          starts_line, offset in labels, where)


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """Iterator for the opcodes in methods, functions or code

    Generates a series of Instruction named tuples giving the details of
    each operations in the supplied code.

    If *first_line* is not None, it indicates the line number that should
    be reported for the first source line in the disassembled code.
    Otherwise, the source line information (if any) is taken directly from
    the disassembled code object.
    """
    co = _get_code_object(x)
    line_offset = 0 if first_line is None else first_line - co.co_firstlineno
    # As CPython's: only jump targets are marked here; `dis` and `Bytecode`
    # also mark exception handlers.
    return _instructions(co.co_code, co, dict(findlinestarts(co)),
                         line_offset)


def _parse_exception_table(code):
    """The entries of `co_exceptiontable` (CPython's encoding), offsets in
    bytes, `end` exclusive."""
    data = code.co_exceptiontable
    pos = 0

    def varint():
        nonlocal pos
        byte = data[pos]
        pos += 1
        value = byte & 63
        while byte & 64:
            byte = data[pos]
            pos += 1
            value = value << 6 | byte & 63
        return value

    entries = []
    while pos < len(data):
        start = varint() * 2
        end = start + varint() * 2
        target = varint() * 2
        depth_lasti = varint()
        entries.append(_ExceptionTableEntry(start, end, target,
                                            depth_lasti >> 1,
                                            bool(depth_lasti & 1)))
    return entries


def _print_instructions(instrs, file, lasti=-1, linestarts=None, line_offset=0,
                        exception_entries=(), code_len=0):
    """Writes instructions in CPython's column layout, a blank line before
    each new source line, then the exception table."""
    if linestarts is None:
        lineno_width = 0
    else:
        last_line = max(linestarts.values(), default=0) + line_offset
        lineno_width = max(3, len(str(last_line)))
    offset_width = max(4, len(str(code_len - 2)))
    for instr in instrs:
        if lineno_width and instr.starts_line is not None and instr.offset > 0:
            print(file=file)
        print(instr._disassemble(lineno_width, instr.offset == lasti,
                                 offset_width), file=file)
    if exception_entries:
        print("ExceptionTable:", file=file)
        for e in exception_entries:
            lasti_mark = " lasti" if e.lasti else ""
            print("  %d to %d -> %d [%d]%s" % (e.start, e.end - 2, e.target,
                                               e.depth, lasti_mark), file=file)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    """Disassemble a code object."""
    linestarts = dict(findlinestarts(co))
    entries = _parse_exception_table(co)
    _print_instructions(_instructions(co.co_code, co, linestarts, 0, entries),
                        file, lasti, linestarts, 0, entries, len(co.co_code))


disco = disassemble                     # XXX For backwards compatibility


def _disassemble_recursive(co, *, file=None, depth=None):
    disassemble(co, file=file)
    if depth is None or depth > 0:
        if depth is not None:
            depth -= 1
        for inner in co.co_consts:
            if hasattr(inner, "co_code"):
                print(file=file)
                print("Disassembly of %r:" % (inner,), file=file)
                _disassemble_recursive(inner, file=file, depth=depth)


def findlabels(code):
    """Detect all offsets in a byte code which are jump targets.

    Return the list of offsets.
    """
    labels = []
    for _offset, op, arg in _unpack(code):
        if arg is not None and _KIND[op] == "Jump" and arg * 2 not in labels:
            labels.append(arg * 2)
    return labels


def findlinestarts(code):
    """Find the offsets in a byte code which are start of lines in the source.

    Generate pairs (offset, lineno)
    """
    current = None
    for start, _end, line in code.co_lines():
        if line is not None and line != current:
            current = line
            yield start, line


def _operands(co):
    """(opcode, operand) of each instruction of `co`, EXTENDED_ARG
    prefixes folded into the instruction they extend."""
    return [(op, arg) for _offset, op, arg in _unpack(co.co_code)
            if op != _EXTENDED_ARG]


def _find_imports(co):
    """Find import statements in the code

    Generate triplets (name, level, fromlist) where
    name is the imported module and level, fromlist are
    the corresponding args to __import__.
    """
    ops = _operands(co)
    for i in range(2, len(ops)):
        op, arg = ops[i]
        (level_op, level), (from_op, fromlist) = ops[i - 2], ops[i - 1]
        if op == _IMPORT_NAME and level_op == from_op == _LOAD_CONST:
            yield (co.co_names[arg], co.co_consts[level],
                   co.co_consts[fromlist])


def _find_store_names(co):
    """Find names of variables which are written in the code

    Generate sequence of strings
    """
    for op, arg in _operands(co):
        if op in _STORES:
            yield co.co_names[arg]


class Bytecode:
    """The bytecode operations of a piece of code

    Instantiate this with a function, method, other compiled object, string of
    code, or a code object (as returned by compile()).

    Iterating over this yields the bytecode operations as Instruction instances.
    """

    def __init__(self, x, *, first_line=None, current_offset=None,
                 show_caches=False, adaptive=False):
        self.codeobj = co = _get_code_object(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self._linestarts = dict(findlinestarts(co))
        self._original_object = x
        self.current_offset = current_offset
        self.exception_entries = _parse_exception_table(co)
        self.show_caches = show_caches
        self.adaptive = adaptive

    def __iter__(self):
        co = self.codeobj
        return _instructions(co.co_code, co, self._linestarts,
                             self._line_offset, self.exception_entries)

    def __repr__(self):
        return "{}({!r})".format(self.__class__.__name__,
                                 self._original_object)

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """ Construct a Bytecode from the given traceback """
        while tb.tb_next:
            tb = tb.tb_next
        return cls(tb.tb_frame.f_code, current_offset=tb.tb_lasti,
                   show_caches=show_caches, adaptive=adaptive)

    def info(self):
        """Return formatted information about the code object."""
        return _format_code_info(self.codeobj)

    def dis(self):
        """Return a formatted view of the bytecode operations."""
        co = self.codeobj
        lasti = -1 if self.current_offset is None else self.current_offset
        with io.StringIO() as output:
            _print_instructions(iter(self), output, lasti, self._linestarts,
                                self._line_offset, self.exception_entries,
                                len(co.co_code))
            return output.getvalue()


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("infile", type=argparse.FileType("rb"), nargs="?",
                        default="-")
    args = parser.parse_args()
    with args.infile as infile:
        source = infile.read()
    dis(compile(source, args.infile.name, "exec"))


if __name__ == "__main__":
    main()
