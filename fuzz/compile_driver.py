# Worker of fuzz/compile_check.py: compiles each source of a batch file with
# compile(src, name, "exec") and prints one line per source, in order:
#   INDEX OK
#   INDEX CLASS LINENO MESSAGE      (the exception compile raised)
# Runs unchanged under ProtoPy and CPython 3.11/3.12 (so it uses 3.11 syntax).
# A batch file is a sequence of records "LENGTH\n" + LENGTH bytes of source.
# Warnings are ignored: the check compares whether compilation succeeds.
#
# Usage: compile_driver.py BATCH_FILE [FIRST_INDEX]
#   FIRST_INDEX skips the sources before it (to resume after a crash).
import sys
import warnings

warnings.simplefilter("ignore")


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        nl = data.index(b"\n", pos)
        n = int(data[pos:nl])
        yield data[nl + 1:nl + 1 + n]
        pos = nl + 1 + n


def main():
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    out = sys.stdout
    for i, src in enumerate(records(sys.argv[1])):
        if i < first:
            continue
        try:
            compile(src, "<fuzz>", "exec", dont_inherit=True)
            line = "%d OK" % i
        except BaseException as e:
            msg = getattr(e, "msg", None) if isinstance(e, SyntaxError) else str(e)
            lineno = getattr(e, "lineno", None) if isinstance(e, SyntaxError) else None
            line = "%d %s %s %s" % (i, type(e).__name__, lineno, ascii(msg)[:200])
        out.write(line + "\n")
        out.flush()
    out.write("done\n")


main()
