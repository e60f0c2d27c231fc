# A decimal int literal longer than sys.get_int_max_str_digits() is a
# SyntaxError at compile time; hex/octal/binary literals, floats and
# underscores-separated digits are counted as CPython counts them.
import sys


def try_compile(src, label):
    try:
        code = compile(src, "<" + label + ">", "exec")
    except SyntaxError as e:
        print(label, "SyntaxError:", e.msg)
        print("   at", e.filename, e.lineno, e.offset, e.end_lineno, e.end_offset)
        print("   text starts", repr(e.text[:12]))
        return None
    ns = {}
    exec(code, ns)
    return ns


sys.set_int_max_str_digits(1000)
digits = "9" * 1000
ns = try_compile("a = " + digits, "exactly_limit")
print("exactly the limit ok:", ns["a"] % 1000)

try_compile("x = 1\ny = 2\nz = " + digits + "9\n", "one_over")
try_compile("w = 1_" + "0" * 1000, "underscores")
ns = try_compile("h = 0x" + "f" * 1200, "hex")
print("hex literal bits:", ns["h"].bit_length())
ns = try_compile("o = 0o" + "7" * 1200 + "\nb = 0B" + "1" * 1500, "oct_bin")
print("octal and binary bits:", ns["o"].bit_length(), ns["b"].bit_length())
ns = try_compile("f = " + "1" * 1200 + ".5", "float")
print("float literal:", ns["f"] > 1e300 or ns["f"])

sys.set_int_max_str_digits(0)
ns = try_compile("big = " + "3" * 5000, "no_limit")
print("no limit:", len(str(ns["big"])))

sys.set_int_max_str_digits(640)
try:
    eval("1" * 641)
except SyntaxError as e:
    print("eval:", e.msg.split(":")[0], e.lineno, e.offset)
print("int() of the same text:", end=" ")
try:
    int("1" * 641)
except ValueError as e:
    print("ValueError", str(e)[:40])
