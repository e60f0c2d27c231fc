# dis and opcode describe the bytecode the interpreter runs. Instruction sets
# differ between implementations, so this checks what must hold for any of
# them: names and numbers agree, operands resolve into the code's own tables,
# jumps and handlers land on instructions, line starts and positions lie in
# the source, and the module-scanning helpers find what the source says.
import dis
import io
import opcode


def sample(items, limit):
    total = 0
    for i, item in enumerate(items):
        try:
            if item > limit:
                break
            total += helper(item)
        except (ValueError, KeyError) as exc:
            total -= len(str(exc))
        finally:
            total += 1
    return total


def helper(x):
    return x * 2


async def coro(n):
    return n


def gen():
    yield 1


print("opname size", len(opcode.opname))
print("opmap/opname agree", all(opcode.opname[v] == k for k, v in opcode.opmap.items()))
print("EXTENDED_ARG named", opcode.opname[opcode.EXTENDED_ARG])
print("cmp_op", opcode.cmp_op)
print("LOAD_CONST has const", opcode.opmap["LOAD_CONST"] in opcode.hasconst)
print("LOAD_FAST is local", opcode.opmap["LOAD_FAST"] in opcode.haslocal)
print("POP_TOP effect", dis.stack_effect(opcode.opmap["POP_TOP"]))
for args in ((opcode.opmap["POP_TOP"], 1), (opcode.opmap["LOAD_CONST"],), (300, 0)):
    try:
        dis.stack_effect(*args)
    except ValueError as e:
        print("stack_effect", args[1:], "ValueError:", e)

code = sample.__code__
instrs = list(dis.get_instructions(sample))
offsets = {i.offset for i in instrs}
print("offsets even and increasing", all(i.offset % 2 == 0 for i in instrs)
      and [i.offset for i in instrs] == sorted(offsets))
print("names agree", all(i.opname == opcode.opname[i.opcode] for i in instrs))
consts_ok = all(i.argval is code.co_consts[i.arg] or i.argval == code.co_consts[i.arg]
                for i in instrs if i.opcode in opcode.hasconst)
print("consts resolve", consts_ok)
print("locals resolve", all(i.argval == code.co_varnames[i.arg]
                            for i in instrs if i.opcode in opcode.haslocal))
print("globals used", sorted({i.argval for i in instrs
                              if i.opname == "LOAD_GLOBAL"}))
print("jump targets are instructions",
      all(i.argval in offsets for i in instrs
          if i.opcode in opcode.hasjabs or i.opcode in opcode.hasjrel))
entries = dis._parse_exception_table(code)
print("has handlers", len(entries) > 0)
print("handlers land on instructions", all(e.target in offsets for e in entries))
print("handler ranges inside the code",
      all(0 <= e.start < e.end <= len(code.co_code) for e in entries))
marked = {i.offset for i in dis.Bytecode(sample) if i.is_jump_target}
print("Bytecode marks handlers", {e.target for e in entries} <= marked)
first = code.co_firstlineno
lines = [line for _, line in dis.findlinestarts(code)]
print("last line start", max(lines) - first)
print("positions in the function", all(
    i.positions.lineno is None or first <= i.positions.lineno <= first + 12
    for i in instrs))
shifted = list(dis.get_instructions(sample, first_line=1000))
print("first_line shifts", sorted({i.starts_line - 1000 + first
                                   for i in shifted if i.starts_line})
      == sorted(set(lines)))

out = io.StringIO()
dis.dis(helper, file=out)
text = out.getvalue()
starts = [str(line) for _, line in dis.findlinestarts(helper.__code__)]
print("dis starts with a line start", text.split()[0] in starts)
print("dis lists every instruction", len([t for t in text.splitlines() if t])
      == len(list(dis.get_instructions(helper))))
out = io.StringIO()
dis.dis("x = [y for y in z]", file=out)
print("nested code disassembled", "Disassembly of <code object <listcomp>" in out.getvalue())
bc = dis.Bytecode(helper)
print("Bytecode repr", repr(bc).startswith("Bytecode(<function helper"))
print("Bytecode.dis lines", len([t for t in bc.dis().splitlines() if t]) == len(list(bc)))
print(bc.info().splitlines()[0])
print(dis.code_info("a + 1").splitlines()[0])
pending = coro(1)
print("coroutine code", dis.Bytecode(pending).codeobj is coro.__code__)
pending.close()
print("generator code", dis.Bytecode(gen()).codeobj is gen.__code__)
for bad in (42, None.__class__):
    try:
        dis.get_instructions(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    dis.dis(3.5)
except TypeError as e:
    print("TypeError:", e)

module = compile("import os.path\nfrom . import sib\nfrom json import dumps as d, loads\n"
                 "value = 1\nglobal g\ng = value\n", "<m>", "exec")
print(list(dis._find_imports(module)))
print(list(dis._find_store_names(module)))
print(dis.pretty_flags(sample.__code__.co_flags))
print(dis.pretty_flags(coro.__code__.co_flags))
print(dis.pretty_flags(0), dis.pretty_flags(1 << 20))
print(sorted(dis.COMPILER_FLAG_NAMES.items())[:3])
