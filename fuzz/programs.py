#!/usr/bin/env python3
"""Random Python programs run under ProtoPy: none may crash.

Usage: python3 fuzz/programs.py [--seconds S] [--jobs J] [--seed0 K] [--count N]
                                [--protopy PATH] [--compare] [--timeout T]
       python3 fuzz/programs.py --dump SEED        (print program SEED and exit)

Each program is built from random.Random(SEED) alone (SEED = seed0, seed0+1,
...): 20 to 40 snippets, each in its own try/except that prints the exception's
class, over ints, floats, complex numbers, strs, bytes, bytearrays, lists,
tuples, dicts, sets, ranges and instances of generated classes whose dunder
methods return wrong types, raise, recurse or mutate their container:
operators, slicing and slice assignment, method calls with random arguments
(wrong types, negative and large-but-small-enough sizes: allocations above
~10**8 items are left out), builtins, string formatting (%, str.format,
format specs), generators (send/throw/close, re-entry), exceptions and
exception groups, with/try/finally, comprehensions, closures and deletions,
deep recursion and deep nesting, mutation during iteration, and a few threads.

Every program runs under ProtoPy (one process each, --timeout seconds, default
20). A finding is: an exit by a signal or with status 101, 134 or 139, "panicked
at" or "Fatal Python error" in its output (unless CPython prints the same
for that program), a SystemError that CPython does not raise, or a hang (no
exit within the timeout, unless CPython hangs too). Findings are written to
fuzz/findings/programs-SEED.py with the output. --compare also runs CPython
(/usr/bin/python3) on every program and counts those whose output differs
(outputs are normalized: object addresses), listing the first few.

Prints: programs run, findings, differing outputs; exit status 1 on a finding.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CRASH_CODES = {101, 134, 139}

# ---- values ----------------------------------------------------------------------

# Integers usable as sizes (|n| <= 10**4: helper code elsewhere handles
# allocations that fail), and big ones used only where no size is taken.
SMALL_INTS = ["0", "1", "-1", "2", "7", "-3", "255", "256", "1000", "-1000", "True", "False",
              "10**4", "-10**4", "(-5)", "17"]
BIG_INTS = ["2**31", "2**63", "-2**63", "2**64", "2**100", "-2**100", "10**20", "0x7fffffff"]
INTS = SMALL_INTS + BIG_INTS
SIZES = ["0", "1", "-1", "3", "-5", "100", "10**4", "-2**63", "True"]
FLOATS = ["0.0", "-0.0", "1.5", "-2.25", "1e308", "1e-308", "5e-324", "float('inf')",
          "float('-inf')", "float('nan')", "3.141592653589793", "1e16", "2.5"]
STRS = ["''", "'a'", "'abc'", "'hello world'", "'  x  '", "'\\u00e9t\\u00e9'", "'\\U0001f600'",
        "'\\ud800'", "'a\\x00b'", "'ABC def'", "'12'", "'-3.5'", "'0x1f'", "'%s %d'",
        "'{}{}'", "'{0}{x}'", "'\\t\\n'", "'ß'", "'İ'", "'ﬁ'", "'a,b,,c'", "'1_000'",
        "'x' * 50", "'abc' * 3"]
BYTES = ["b''", "b'a'", "b'abc'", "b'\\x00\\xff'", "b'hello world'", "bytearray(b'xyz')",
         "bytearray()", "b'%s %d'", "b'12'", "memoryview(b'abcd')", "b'\\x80' * 3"]
CONTAINERS = ["[]", "[1, 2, 3]", "[3, 1, 2]", "['b', 'a']", "[1, 'a', None]", "[[1], [2]]",
              "()", "(1,)", "(1, 2, 3)", "(1, (2, (3,)))", "{}", "{1: 'a', 2: 'b'}",
              "{'k': [1]}", "set()", "{1, 2, 3}", "frozenset({1, 'a'})", "range(10)",
              "range(-5, 5, 2)", "range(0)", "[None] * 5", "list(range(20))",
              "dict.fromkeys('abc')", "[1.5, float('nan'), -0.0]", "{(1, 2): 3}",
              "[object()]", "iter([1, 2])", "(x for x in range(3))", "zip([1], [2])",
              "{1: 1}.keys()", "{1: 1}.items()", "{1: 2}.values()", "reversed([1, 2])",
              "enumerate('ab')", "slice(1, 5, 2)", "Ellipsis", "NotImplemented", "None",
              "1j", "complex(1, -2)", "complex('nan')", "type", "int", "str", "object",
              "Exception('x')", "ValueError", "len", "print", "lambda *a: a"]

METHODS = {
    "str": ["capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs",
            "find", "format", "format_map", "index", "isalnum", "isdigit", "isidentifier",
            "join", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix",
            "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split",
            "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper",
            "zfill", "__getitem__", "__mod__", "__rmod__", "__mul__", "__contains__",
            "__format__", "maketrans", "__iter__", "__hash__", "__lt__", "__add__"],
    "bytes": ["center", "count", "decode", "endswith", "expandtabs", "find", "fromhex", "hex",
              "index", "join", "ljust", "lstrip", "maketrans", "partition", "replace",
              "rfind", "rsplit", "split", "splitlines", "startswith", "strip", "translate",
              "zfill", "__getitem__", "__mod__", "__mul__", "__contains__", "isalpha",
              "removeprefix", "title", "__buffer__" if False else "upper"],
    "bytearray": ["append", "clear", "copy", "extend", "insert", "pop", "remove", "reverse",
                  "__setitem__", "__delitem__", "__iadd__", "__imul__", "decode", "hex",
                  "find", "replace", "split", "__getitem__", "__alloc__", "fromhex"],
    "list": ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove",
             "reverse", "sort", "__getitem__", "__setitem__", "__delitem__", "__iadd__",
             "__imul__", "__mul__", "__add__", "__contains__", "__reversed__", "__eq__",
             "__lt__", "__init__"],
    "tuple": ["count", "index", "__getitem__", "__mul__", "__add__", "__contains__",
              "__hash__", "__lt__", "__getnewargs__"],
    "dict": ["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem",
             "setdefault", "update", "values", "__getitem__", "__setitem__", "__delitem__",
             "__or__", "__ior__", "__contains__", "__reversed__", "__eq__", "__init__"],
    "set": ["add", "clear", "copy", "difference", "difference_update", "discard",
            "intersection", "intersection_update", "isdisjoint", "issubset", "issuperset",
            "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union",
            "update", "__or__", "__and__", "__xor__", "__sub__", "__ior__", "__contains__",
            "__le__", "__init__"],
    "int": ["bit_length", "bit_count", "to_bytes", "from_bytes", "as_integer_ratio",
            "conjugate", "__add__", "__pow__", "__rshift__", "__lshift__", "__truediv__",
            "__floordiv__", "__mod__", "__divmod__", "__round__", "__format__", "__index__",
            "__and__", "__invert__", "__neg__", "__abs__", "__trunc__", "__eq__", "__lt__",
            "is_integer"],
    "float": ["as_integer_ratio", "hex", "fromhex", "is_integer", "conjugate", "__round__",
              "__format__", "__pow__", "__mod__", "__divmod__", "__floordiv__", "__trunc__",
              "__int__", "__hash__", "__getformat__", "__eq__"],
    "complex": ["conjugate", "__pow__", "__truediv__", "__format__", "__abs__", "__eq__",
                "__hash__", "__add__"],
}
FORMAT_SPECS = ["", "d", "x", "X", "o", "b", "c", "e", "E", "f", "F", "g", "G", "%", "n", "s",
                "r", "10", "<10", ">10", "^10", "=10", "+", "-", " ", "#x", "08.3f", ",", "_",
                ",d", "_x", ".0", ".3", ".100", "z.2f", "#", "0", "010", "x<5", "*^9", ".2%",
                "+#o", "{", "}", "10.2s", ".-1", "1000", "e.2", "#.0e", "#g", "_b", ",f"]
PCT_SPECS = ["%s", "%r", "%a", "%d", "%i", "%x", "%X", "%o", "%e", "%f", "%g", "%c", "%%",
             "%5s", "%-5d", "%05.2f", "%+d", "% d", "%#x", "%(k)s", "%*d", "%.*f", "%", "%z",
             "%10.3e", "%ld", "%b"]


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.n = 0

    def c(self, p):
        return self.r.random() < p

    def fresh(self, stem="v"):
        self.n += 1
        return "%s%d" % (stem, self.n)

    def value(self, depth=0):
        r = self.r
        k = r.randrange(10)
        if k < 2:
            return r.choice(SMALL_INTS)
        if k < 3:
            return r.choice(FLOATS)
        if k < 5:
            return r.choice(STRS)
        if k < 6:
            return r.choice(BYTES)
        if k < 8 or depth > 1:
            return r.choice(CONTAINERS)
        if k < 9:
            return "[%s]" % ", ".join(self.value(depth + 1) for _ in range(r.randrange(4)))
        return r.choice(["Weird()", "Weird2()", "Cmp(1)", "Cmp(2)", "Box([1, 2])", "Evil()"])

    def typed(self):
        t = self.r.choice(list(METHODS))
        pools = {"str": STRS, "bytes": BYTES[:5] + ["b'%s %d'"], "int": INTS, "float": FLOATS,
                 "list": ["[3, 1, 2]", "[]", "['a', 'b']", "list(range(5))", "[Cmp(1), Cmp(0)]",
                          "[1, 'x']", "[Evil(), Evil()]"],
                 "tuple": ["()", "(1, 2)", "(1, 'a', None)", "tuple('abc')"],
                 "dict": ["{}", "{1: 2}", "{'a': 1, 'b': 2}", "{Evil(): 1}"],
                 "set": ["set()", "{1, 2}", "{'a'}", "{Evil()}"],
                 "bytearray": ["bytearray(b'abc')", "bytearray()", "bytearray(10)"],
                 "complex": ["1j", "complex(2, 3)", "0j", "complex('inf')"]}
        return t, self.r.choice(pools[t])

    def args(self):
        r = self.r
        out = []
        for _ in range(r.choice([0, 1, 1, 2, 2, 3])):
            k = r.randrange(6)
            if k == 0:
                out.append(r.choice(SIZES))
            elif k == 1:
                out.append(r.choice(STRS[:12]))
            else:
                out.append(self.value(1))
        if self.c(0.1):
            out.append(r.choice(["key=len", "reverse=True", "sep=','", "errors='strict'",
                                 "byteorder='little'", "signed=True", "maxsplit=1",
                                 "encoding='latin-1'", "x=1", "key=lambda v: -1"]))
        return ", ".join(out)

    def binop(self):
        r = self.r
        op = self.r.choice(["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
                            "@", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "is",
                            "and", "or"])
        a, b = self.value(), self.value()
        if op not in ("*", "@") and self.c(0.3):
            a = r.choice(BIG_INTS) if self.c(0.5) else a
            b = r.choice(BIG_INTS) if self.c(0.5) else b
        if op == "**":
            b = self.r.choice(["0", "1", "2", "-1", "0.5", "-2", "3", "1j", "63", "-0.5"])
        if op in ("<<", ">>"):
            b = self.r.choice(["0", "1", "3", "64", "-1", "100", "1000", "2**70"])
            if op == "<<" and b == "2**70":
                b = "-2**70"
        if op == "*":
            # Sequence repetition: no counts above 10**4.
            if self.c(0.5):
                b = self.r.choice(SIZES)
        return "%s %s %s" % (a, op, b)

    # ---- snippets -------------------------------------------------------------

    def s_expr(self):
        return "print(repr(%s)[:200])" % self.binop()

    def s_method(self):
        t, v = self.typed()
        m = self.r.choice(METHODS[t])
        return "print(repr((%s).%s(%s))[:200])" % (v, m, self.args())

    def s_method_on_var(self):
        t, v = self.typed()
        x = self.fresh()
        calls = []
        for _ in range(self.r.randrange(1, 5)):
            m = self.r.choice(METHODS[t])
            # Repeated in-place repetition would grow past the size limit.
            a = "2" if m == "__imul__" else self.args()
            calls.append("print(repr(%s.%s(%s))[:100])" % (x, m, a))
        calls = "\n".join(calls)
        return "%s = %s\n%s\nprint(repr(%s)[:200])" % (x, v, calls, x)

    def s_slice(self):
        r = self.r
        v = r.choice(["[0, 1, 2, 3, 4, 5]", "'abcdef'", "b'abcdef'", "(1, 2, 3)", "range(10)",
                      "bytearray(b'abcdef')", "memoryview(b'abcdef')", "list(range(30))"])
        x = self.fresh()

        def part():
            return r.choice(["", "", "0", "1", "-1", "2", "-3", "100", "-100", "2**63", "-2**63",
                             "None", "'a'", "1.5", "True"])
        sl = "%s:%s" % (part(), part())
        if self.c(0.5):
            sl += ":" + r.choice(["1", "-1", "2", "-2", "0", "3", "2**63", "-2**63", "None"])
        lines = ["%s = %s" % (x, v), "print(repr(%s[%s])[:200])" % (x, sl)]
        if self.c(0.5):
            rhs = r.choice(["[]", "[9]", "[7, 8, 9]", "range(4)", "'xy'", "b'zz'", x, "(1,)",
                            "bytearray(b'q')", "[1] * 10", "iter([1, 2])"])
            lines.append(r.choice(["%s[%s] = %s" % (x, sl, rhs), "del %s[%s]" % (x, sl),
                                   "%s[%s] = %s" % (x, part() or "0", rhs)]))
            lines.append("print(repr(%s)[:200])" % x)
        return "\n".join(lines)

    def s_builtin(self):
        r = self.r
        v = self.value()
        f = r.choice(["len(%s)", "hash(%s)", "repr(%s)", "str(%s)", "ascii(%s)", "bool(%s)",
                      "sorted(%s)", "min(%s)", "max(%s)", "sum(%s)", "list(%s)", "tuple(%s)",
                      "set(%s)", "dict(%s)", "iter(%s)", "next(iter(%s))", "list(reversed(%s))",
                      "list(enumerate(%s))", "list(zip(%s, %s))", "abs(%s)", "int(%s)",
                      "float(%s)", "complex(%s)", "bytes(%s)", "bytearray(%s)", "str(%s, 'utf-8')",
                      "round(%s)", "round(%s, %s)", "divmod(%s, %s)", "pow(%s, %s, %s)", "chr(%s)",
                      "ord(%s)", "bin(%s)", "hex(%s)", "oct(%s)", "int(%s, %s)", "format(%s)",
                      "isinstance(%s, %s)", "issubclass(%s, %s)", "getattr(%s, %s)",
                      "hasattr(%s, %s)", "callable(%s)", "vars(%s)", "list(map(%s, %s))",
                      "list(filter(%s, %s))", "any(%s)", "all(%s)", "frozenset(%s)",
                      "memoryview(%s)", "slice(%s)", "range(%s)", "type(%s)", "%s.__class__",
                      "sorted(%s, key=%s)", "max(%s, default=%s)", "list(%s) * %s",
                      "sum(%s, %s)", "[*%s]", "{**%s}", "(*%s,)", "hash((%s, %s))"])
        n = f.count("%s")
        vals = [v] + [r.choice([self.value(), r.choice(SIZES)]) for _ in range(n - 1)]
        return "print(repr(%s)[:200])" % (f % tuple(vals))

    def s_format(self):
        r = self.r
        k = r.randrange(4)
        if k == 0:
            return "print(format(%s, %r))" % (self.value(), r.choice(FORMAT_SPECS))
        if k == 1:
            fmt = "".join(r.choice(PCT_SPECS + ["x", " "]) for _ in range(r.randrange(1, 4)))
            args = r.choice(["%s" % self.value(), "(%s, %s)" % (self.value(), self.value()),
                             "{'k': %s}" % self.value(), "()", "(5, %s)" % self.value()])
            pre = r.choice(["", "", "b"])
            return "print(repr(%s%r %% %s))" % (pre, fmt, args)
        if k == 2:
            fields = "".join(r.choice(["{}", "{0}", "{1}", "{x}", "{0!r}", "{0:>5}", "{0[0]}",
                                       "{x.real}", "{0:{1}}", "{!a}", "{:%s}" % r.choice(FORMAT_SPECS),
                                       "{{", "}}", "{", "{0.__class__}", "{-1}", "{0[-1]}"])
                             for _ in range(r.randrange(1, 4)))
            return "print(%r.format(%s, %s, x=%s))" % (fields, self.value(), self.value(), self.value())
        spec = r.choice(FORMAT_SPECS)
        return "v = %s\nprint(f'{v:%s}|{v!r:>{%s}}')" % (self.value(), spec.replace("{", "").replace("}", ""),
                                                        r.choice(["3", "0", "-1", "10**4"]))

    def s_class(self):
        r = self.r
        name = self.fresh("K")
        methods = []
        for _ in range(r.randrange(1, 6)):
            m = r.choice(["__eq__", "__lt__", "__hash__", "__len__", "__iter__", "__getitem__",
                          "__index__", "__int__", "__float__", "__bool__", "__repr__", "__str__",
                          "__add__", "__radd__", "__contains__", "__call__", "__getattr__",
                          "__setattr__", "__enter__", "__exit__", "__next__", "__format__",
                          "__reversed__", "__del__", "__init__", "__new__", "__iadd__",
                          "__length_hint__", "__mul__", "__bytes__", "__complex__", "__round__",
                          "__setitem__", "__delitem__", "__missing__", "__get__", "__set_name__",
                          "__init_subclass__", "__class_getitem__", "__instancecheck__",
                          "__getattribute__", "__neg__", "__matmul__", "__abs__"])
            body = r.choice(["return %s" % self.value(), "raise ValueError('m')",
                             "return self", "return NotImplemented", "return -1", "return 2**64",
                             "return 'x'", "return None", "raise StopIteration",
                             "raise IndexError", "return 1.5", "return True",
                             "return object.__%s__(self, *a)" % "repr", "raise KeyError(a)",
                             "return len(a)", "return iter([1, 2])", "return (1, 2)",
                             "return super().__hash__()", "return type(self)()",
                             "return a[0] if a else 0"])
            if m == "__del__":
                # A finalizer that makes a new instance never ends under CPython either.
                body = r.choice(["raise ValueError('d')", "return 1", "self.x = [self]"])
            methods.append("    def %s(self, *a, **k):\n        %s" % (m, body))
        base = r.choice(["", "", "(int)", "(str)", "(list)", "(dict)", "(tuple)", "(Exception)",
                         "(set)", "(bytes)", "(float)", "(object)", "(type)"])
        # o may be a big int (a __new__ returning 2**64): range(o) is never
        # materialized, as allocations that large are out of this run's scope.
        uses = []
        for _ in range(r.randrange(2, 7)):
            uses.append("print(repr(%s)[:100])" % r.choice([
                "o == o", "o < %s" % self.value(), "hash(o)", "len(o)", "list(o)", "o[0]",
                "%s[o]" % r.choice(["[1, 2]", "'ab'", "b'ab'", "(1,)"]), "int(o)", "float(o)",
                "bool(o)", "repr(o)", "str(o)", "o + 1", "1 + o", "%s in o" % self.value(),
                "o()", "o.attr", "format(o, 'x')", "reversed(o)", "o * 2", "bytes(o)",
                "complex(o)", "round(o)", "sorted([o, o])", "{o: 1}", "{o}", "[o].index(o)",
                "[o, 1].count(1)", "max(o, o)", "o @ o", "-o", "abs(o)", "divmod(o, o)",
                "isinstance(1, o)", "range(o)", "'%d' % o", "'%s' % o", "[1, 2][o]",
                "o.__dict__", "dir(o)[:3]", "vars(o)", "type(o).__mro__", "copy.copy(o)",
                "dict.fromkeys([o, o])", "set([o, 1, o])", "f'{o}'", "o is o"]))
        init = "%s(%s)" % (name, r.choice(["", "", "1", "'s'", "[1]"]))
        return ("import copy\nclass %s%s:\n%s\no = %s\n%s" %
                (name, base, "\n".join(methods), init, "\n".join(uses)))

    def s_mutate_during(self):
        return self.r.choice([
            "L = [Cmp(i) for i in range(10)]\nEvilCmp.target = L\nL.sort(key=lambda v: L.clear() or 0)\nprint(L)",
            "L = list(range(10))\nfor x in L:\n    L.remove(x)\nprint(L)",
            "D = {i: i for i in range(10)}\nfor k in D:\n    D[k + 100] = 1",
            "S = set(range(10))\nfor k in S:\n    S.add(k + 100)",
            "L = [1, 2, 3]\nclass M:\n    def __eq__(self, o):\n        L.clear()\n        return False\nprint(M() in L, L.count(M()), L)",
            "L = [M2() for _ in range(5)]\nprint(L.index(L[-1]) if L else 0)",
            "L = [3, 1, 2]\nL.sort(key=lambda x: L.append(x) or x)\nprint(L)",
            "D = {M3(i): i for i in range(5)}\nprint(len(D), [D.get(M3(i)) for i in range(5)])",
            "L = [1, 2, 3, 4]\nL[1:3] = (L.pop() for _ in range(2))\nprint(L)",
            "B = bytearray(b'abcd')\nfor c in B:\n    B.extend(b'x') if len(B) < 50 else None\nprint(len(B))",
            "L = [[]]\nL[0].append(L)\nprint(repr(L), L == L[0][0], len(str(L)))",
            "D = {}\nD['self'] = D\nprint(repr(D), D == D)",
            "import collections\ndq = collections.deque(range(5))\nfor x in dq:\n    dq.append(x)",
            "L = list(range(100))\nit = iter(L)\nnext(it)\ndel L[:]\nprint(list(it))",
            "L = [1, 2, 3]\nit = reversed(L)\nL.clear()\nprint(list(it))",
            "D = {1: 2, 3: 4}\nit = iter(D.items())\nD.clear()\nprint(list(it))",
            "class Z:\n    def __hash__(self):\n        D.clear()\n        return 1\nD = {1: 1, Z(): 2}\nprint(D.get(Z()), len(D))",
            "class Z:\n    def __lt__(self, o):\n        L.append(1)\n        return True\nL = [Z(), Z(), Z()]\nL.sort()\nprint(len(L))",
            "import heapq\nh = [Cmp(3), Cmp(1), Cmp(2)]\nheapq.heapify(h)\nprint(heapq.heappop(h).v)",
            "class Z:\n    def __index__(self):\n        L.clear()\n        return 0\nL = [1, 2]\nprint(L[Z():Z()], L)",
            "s = 'abc'\nclass Z:\n    def __index__(self):\n        return 2**70\nprint(s[Z():])",
            "class Z:\n    def __len__(self):\n        return -1\nprint(len(Z()))",
            "class Z:\n    def __len__(self):\n        return 2**70\nprint(bool(Z()))",
            "class Z(list):\n    def __iter__(self):\n        return iter([1])\nprint(sorted(Z([3, 2])), list(Z([5])), [*Z([7])])",
            "class Z(dict):\n    def __missing__(self, k):\n        return self[k + 1] if k < 10 else k\nprint(Z()[0])",
            "class Z(str):\n    def __eq__(self, o):\n        return True\n    __hash__ = str.__hash__\nprint({Z('a'): 1}.get('a'), 'x'.replace(Z('x'), 'y'))",
        ])

    def s_deep(self):
        return self.r.choice([
            "def f(n):\n    return f(n + 1) + 1\nf(0)",
            "a = []\nfor _ in range(100000):\n    a = [a]\nprint(len(repr(a)))",
            "a = ()\nfor _ in range(100000):\n    a = (a,)\nprint(hash(a))",
            "a = []\nfor _ in range(100000):\n    a = [a]\nb = []\nfor _ in range(100000):\n    b = [b]\nprint(a == b)",
            "d = {}\nfor _ in range(100000):\n    d = {'k': d}\nprint(str(d)[:10])",
            "import json\na = []\nfor _ in range(100000):\n    a = [a]\nprint(json.dumps(a)[:10])",
            "import copy\na = []\nfor _ in range(50000):\n    a = [a]\nprint(copy.deepcopy(a) is a)",
            "import pickle\na = []\nfor _ in range(50000):\n    a = [a]\nprint(len(pickle.dumps(a)))",
            "class C:\n    def __repr__(self):\n        return repr(self)\nrepr(C())",
            "class C:\n    def __getattr__(self, n):\n        return self.x\nC().y",
            "class C:\n    def __eq__(self, o):\n        return self == o\nC() == C()",
            "class C:\n    def __hash__(self):\n        return hash(self)\nhash(C())",
            "class C:\n    def __iter__(self):\n        return iter(list(self))\nlist(C())",
            "class C:\n    def __len__(self):\n        return len(self)\nlen(C())",
            "class C:\n    def __bool__(self):\n        return bool(self)\nbool(C())",
            "class C:\n    def __str__(self):\n        return '%s' % self\nstr(C())",
            "class C:\n    def __format__(self, s):\n        return format(self, s)\nf'{C()}'",
            "def g():\n    yield from g()\nlist(g())",
            "e = Exception()\nfor _ in range(100000):\n    e = Exception(e)\nprint(str(e)[:10])",
            "x = eval('(' * 150 + '1' + ')' * 150)\nprint(x)",
            "x = eval('-' * 100000 + '1')",
            "x = eval('[' * 1000 + ']' * 1000)",
            "f = lambda: 0\nfor _ in range(10000):\n    f = (lambda g: lambda: g())(f)\nf()",
            "import functools\nf = functools.partial(print)\nfor _ in range(100000):\n    f = functools.partial(f)\nprint(repr(f)[:10])",
            "class A:\n    pass\nfor i in range(1000):\n    A = type('A%d' % i, (A,), {})\nprint(len(A.__mro__))",
            "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nsys.setrecursionlimit(1000)\nf(0)",
            "x = 1\nfor _ in range(10000):\n    x = [x, x] if len(str(x)) < 100 else x\nprint(len(str(x)))",
        ])

    def s_generator(self):
        r = self.r
        g = self.fresh("g")
        body = r.choice([
            "    x = yield 1\n    yield x\n    return 5",
            "    try:\n        yield 1\n    finally:\n        yield 2",
            "    yield from [1, 2]\n    yield from %s" % r.choice(["range(2)", "'ab'", "G()", "iter([])", "1"]),
            "    yield next(%s)" % g,
            "    for i in range(3):\n        try:\n            yield i\n        except ValueError:\n            return 'v'",
            "    while True:\n        yield\n        break",
            "    yield %s.send(None)" % g,
            "    raise StopIteration",
            "    x = yield\n    yield x * 2",
        ])
        ops = []
        for _ in range(r.randrange(1, 6)):
            ops.append("print(repr(%s)[:80])" % r.choice([
                "next(it)", "it.send(%s)" % self.value(), "it.throw(ValueError)",
                "it.throw(ValueError('x'), None, None)", "it.close()", "list(it)",
                "it.gi_frame is None", "it.gi_running", "it.throw(StopIteration)",
                "it.throw(GeneratorExit)", "next(it, 'dflt')", "it.send(None)",
                "it.throw(KeyError, KeyError(1))", "[*it]", "it.throw(ValueError, 1)"]))
        return ("def G():\n    yield 0\ndef %s_f():\n%s\n%s = %s_f()\nit = %s\n%s" %
                (g, body, g, g, g, "\n".join(ops)))

    def s_exceptions(self):
        r = self.r
        return r.choice([
            "try:\n    raise %s\nexcept (ValueError, TypeError) as e:\n    print(repr(e))" %
            r.choice(["ValueError(1)", "TypeError", "1", "Exception", "KeyError('k') from None",
                      "ValueError from 1", "ValueError() from TypeError()", "object()", "StopIteration"]),
            "try:\n    try:\n        1/0\n    finally:\n        raise KeyError(2)\nexcept KeyError as e:\n    print(repr(e.__context__))",
            "def f():\n    try:\n        return 1\n    finally:\n        return 2\nprint(f())",
            "def f():\n    for i in range(3):\n        try:\n            continue\n        finally:\n            break\n    return i\nprint(f())",
            "try:\n    raise ExceptionGroup('g', [ValueError(1), TypeError(2), ExceptionGroup('h', [KeyError(3)])])\nexcept* ValueError as e:\n    print('v', repr(e))\nexcept* (TypeError, KeyError) as e:\n    print('tk', repr(e))",
            "eg = ExceptionGroup('g', [ValueError(i) for i in range(5)])\nprint(eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] % 2), eg.split(ValueError))",
            "print(repr(ExceptionGroup(%s, %s)))" % (self.value(), self.value()),
            "print(repr(BaseExceptionGroup('x', [%s])))" % r.choice(["ValueError()", "KeyboardInterrupt()", "1", "ExceptionGroup('i', [TypeError()])"]),
            "e = ValueError(%s)\ne.__traceback__ = None\ne.__cause__ = %s\nprint(repr(e), e.args)" % (self.value(), r.choice(["None", "e", "TypeError()", "1"])),
            "import traceback\ntry:\n    [][1]\nexcept Exception as e:\n    print(traceback.format_exception_only(e))",
            "e = Exception()\ne.__context__ = e\ntry:\n    raise e\nexcept Exception as x:\n    print(x is e)",
            "try:\n    raise ValueError\nexcept ValueError:\n    try:\n        raise\n    except ValueError as e:\n        print('re', type(e).__name__)",
            "def f():\n    raise\nf()",
            "e = OSError(2, 'no', 'file', None, 'f2')\nprint(repr(e), str(e), e.errno, e.filename)",
            "print(repr(UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'bad')), str(UnicodeDecodeError('x', b'', %s, %s, 'r')))" % (r.choice(SIZES), r.choice(SIZES)),
            "print(str(KeyError(%s)), str(SyntaxError(%s)), str(StopIteration(%s)))" % (self.value(), self.value(), self.value()),
        ])

    def s_with(self):
        r = self.r
        exit_ret = r.choice(["True", "False", "None", "1", "self.boom()"])
        body = r.choice(["pass", "raise ValueError('in')", "print('body')", "return_value = 1",
                         "1/0", "break" if False else "x = [][0]"])
        return ("class CM:\n    def __enter__(self):\n        %s\n        return self\n"
                "    def __exit__(self, *a):\n        print('exit', a[0] and a[0].__name__)\n        return %s\n"
                "    def boom(self):\n        raise KeyError('boom')\nwith CM() as c, CM():\n    %s\nprint('after')"
                % (r.choice(["pass", "pass", "raise TypeError('enter')"]), exit_ret, body))

    def s_comprehension(self):
        r = self.r
        src = r.choice(["range(5)", "'abc'", "[1, [2], 3]", "{1: 2}", "b'xy'", "(x for x in range(3))", "[]", "None", "5"])
        return "print(%s)" % r.choice([
            "[x * 2 for x in %s]" % src, "{x: y for x in %s for y in %s}" % (src, self.r.choice(["range(2)", "'q'"])),
            "{x for x in %s if x}" % src, "list(x for x in %s)" % src,
            "[y for x in %s if (y := x)]" % src, "[[x for x in %s] for _ in range(2)]" % src,
            "sum(x for x in %s)" % src, "[i for i in range(3) for i in range(i)]",
            "[(lambda: x)() for x in %s]" % src, "dict(zip(%s, %s))" % (src, src),
        ])

    def s_closure(self):
        r = self.r
        return r.choice([
            "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\nf = outer()\nprint(f(), f(), f.__closure__[0].cell_contents)",
            "def outer():\n    fs = [lambda: i for i in range(3)]\n    return [f() for f in fs]\nprint(outer())",
            "def f():\n    x = 1\n    del x\n    return x\nf()",
            "def f():\n    print(y)\n    y = 1\nf()",
            "x = 5\ndef f():\n    global x\n    del x\nf()\nprint(x)",
            "def f():\n    x = 1\n    def g():\n        return x\n    del x\n    return g()\nf()",
            "c = (lambda: (lambda: 0))().__closure__\nprint(c)",
            "import types\ncell = types.CellType()\nprint(repr(cell.cell_contents) if False else 'e')\ncell.cell_contents\n",
            "def f(a, b=[], *args, c, d=1, **kw):\n    return a, b, args, c, d, kw\nprint(f(%s))" % self.r.choice(["1, c=2", "1, 2, 3, c=4, e=5", "", "c=1", "1, *[2, 3], **{'c': 4}", "1, a=2, c=3", "**{1: 2}", "*1"]),
            "f = lambda *a, **k: (a, k)\nprint(f(*%s, **%s))" % (r.choice(["[]", "'ab'", "None", "range(3)", "{1: 2}"]), r.choice(["{}", "{'a': 1}", "[]", "{1: 2}", "dict(x=1)"])),
            "def f():\n    return __class__\nf()",
            "class A:\n    def m(self):\n        return super().m\nA().m()",
            "class A:\n    def m():\n        return super().__init__\nA.m()",
            "print(super(int, 1).__repr__(), super(int).__self__)",
        ])

    def s_delete(self):
        return self.r.choice([
            "x = [1, 2, 3]\ndel x[%s]\nprint(x)" % self.r.choice(["0", "-1", "5", "::2", "'a'", "1:", "::-1", "2**63"]),
            "d = {1: 2}\ndel d[%s]\nprint(d)" % self.r.choice(["1", "2", "[]", "None"]),
            "class A:\n    x = 1\na = A()\ndel a.x",
            "class A:\n    __slots__ = ('x',)\na = A()\ndel a.x",
            "class A:\n    __slots__ = ('x', '__dict__')\na = A()\na.x = 1\na.y = 2\ndel a.x\nprint(vars(a))",
            "x = 1\ndel x\nprint(x)",
            "del print\nprint(1)" if False else "import builtins\nb = builtins.len\ndel builtins.len\ntry:\n    len([])\nfinally:\n    builtins.len = b",
            "s = {1}\ns.remove(2)",
            "a = bytearray(b'abc')\ndel a[%s]\nprint(a)" % self.r.choice(["0", "::2", "5", "-1:"]),
            "m = memoryview(bytearray(b'ab'))\ndel m[0]",
        ])

    def s_threads(self):
        return self.r.choice([
            "import threading\nL = []\nD = {}\ndef w(i):\n    for j in range(200):\n        L.append(j)\n        D[j % 7] = i\n        if L:\n            L.pop(0)\nts = [threading.Thread(target=w, args=(i,)) for i in range(3)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint(len(L) <= 600, sorted(D))",
            "import threading\nS = set()\ndef w():\n    for j in range(300):\n        S.add(j)\n        S.discard(j - 1)\nts = [threading.Thread(target=w) for _ in range(3)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint(len(S) >= 1)",
            "import threading\ndef w():\n    raise ValueError('in thread')\nimport sys\nthreading.excepthook = lambda a: print('hook', a.exc_type.__name__)\nt = threading.Thread(target=w)\nt.start()\nt.join()",
            "import threading\nL = list(range(100))\ndef w():\n    for _ in range(50):\n        L.sort(reverse=True)\n        L.sort()\nts = [threading.Thread(target=w) for _ in range(2)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint(L[:3])",
            "import threading\nd = {}\ndef w(k):\n    for j in range(200):\n        d[(k, j)] = j\n        for key in list(d)[:3]:\n            d.pop(key, None)\nts = [threading.Thread(target=w, args=(k,)) for k in range(3)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint('ok')",
        ])

    def s_misc(self):
        r = self.r
        return r.choice([
            "print(int(%s, %s))" % (r.choice(STRS[:14]), r.choice(["0", "2", "16", "36", "37", "1", "-1"])),
            "print(float(%s))" % r.choice(STRS),
            "print((%s).to_bytes(%s, %r))" % (r.choice(INTS), r.choice(SIZES), r.choice(["big", "little", "x"])),
            "print(int.from_bytes(%s, %r, signed=%s))" % (r.choice(BYTES[:5]), r.choice(["big", "little"]), r.choice(["True", "False"])),
            "print(sorted(%s, key=%s))" % (r.choice(CONTAINERS[:20]), r.choice(["str", "len", "repr", "lambda v: 1/0", "None", "id", "hash"])),
            "print(%s.join(%s))" % (r.choice(STRS[:6] + BYTES[:3]), r.choice(CONTAINERS[:20] + ["['a', 'b']", "[b'x']", "'xyz'"])),
            "print(list(map(%s, %s, %s)))" % (r.choice(["pow", "max", "lambda *a: a", "divmod", "str.upper"]), r.choice(CONTAINERS[:20]), r.choice(CONTAINERS[:20])),
            "import itertools\nprint(list(itertools.islice(itertools.%s, 5)))" % r.choice([
                "permutations('abc', %s)" % r.choice(SIZES[:5]), "product('ab', repeat=%s)" % r.choice(["0", "2", "-1"]),
                "combinations(range(5), %s)" % r.choice(SIZES[:5]), "accumulate(%s)" % r.choice(CONTAINERS[:12]),
                "groupby(%s)" % r.choice(CONTAINERS[:12]), "chain(%s, %s)" % (r.choice(CONTAINERS[:12]), r.choice(CONTAINERS[:12])),
                "zip_longest('ab', %s, fillvalue=%s)" % (r.choice(CONTAINERS[:12]), self.value()),
                "pairwise(%s)" % r.choice(CONTAINERS[:12]), "tee(%s, %s)[0]" % (r.choice(CONTAINERS[:12]), r.choice(SIZES[:5])),
                "starmap(pow, [(2, 3), (%s, %s)])" % (r.choice(INTS[:8]), r.choice(INTS[:8])),
                "count(%s, %s)" % (self.value(), r.choice(["1", "0.5", "-1", "'a'"])),
                "repeat(%s, %s)" % (self.value(), r.choice(SIZES[:5])), "cycle(%s)" % r.choice(["'ab'", "[]", "[1]"]),
                "batched('abcde', %s)" % r.choice(SIZES[:5]) if False else "dropwhile(bool, %s)" % r.choice(CONTAINERS[:12]),
                "compress('abc', %s)" % r.choice(CONTAINERS[:12]), "filterfalse(None, %s)" % r.choice(CONTAINERS[:12]),
                "islice(%s, %s, %s)" % (r.choice(CONTAINERS[:12]), r.choice(SIZES), r.choice(SIZES))]),
            "import functools\nprint(functools.reduce(%s, %s%s))" % (r.choice(["lambda a, b: a + b", "max", "pow", "lambda a, b: [a, b]"]), r.choice(CONTAINERS[:20]), r.choice(["", ", 0", ", []"])),
            "import operator\nprint(operator.%s(%s, %s))" % (r.choice(["add", "getitem", "setitem" if False else "contains", "index" if False else "concat", "iadd", "mul", "countOf", "indexOf", "length_hint", "itemgetter(1)", "attrgetter('real')"]).split("(")[0], self.value(), self.value()),
            "import struct\nprint(struct.pack(%r, %s))" % (r.choice(["i", "<q", "3s", "?", "e", "d", "P", "2h", "x", "@n", "c"]), self.value()),
            "import math\nprint(math.%s(%s))" % (r.choice(["floor", "ceil", "sqrt", "log", "factorial", "gcd", "isqrt", "comb", "perm", "prod", "fsum", "exp", "frexp", "ldexp", "trunc", "isfinite", "hypot", "dist", "copysign", "fmod", "nextafter", "ulp", "lcm", "erf", "gamma"]), ", ".join(r.choice(SMALL_INTS[:10] + FLOATS) for _ in range(r.randrange(1, 3)))),
            "import array\na = array.array(%r, %s)\nprint(a, a[%s])" % (r.choice(["i", "b", "d", "u", "B", "Q", "f", "x"]), r.choice(["[1, 2, 3]", "b'abcd'", "'xy'", "range(4)", "[]", "[2**70]", "[-1]"]), r.choice(SIZES[:5])),
            "import collections\nc = collections.Counter(%s)\nprint(c.most_common(%s), sorted(c.elements(), key=repr)[:5])" % (r.choice(CONTAINERS[:20] + STRS[:5]), r.choice(SIZES[:5] + ["None"])),
            "import collections\nd = collections.deque(%s, %s)\nd.rotate(%s)\nprint(d, d[%s] if d else 0)" % (r.choice(CONTAINERS[:20]), r.choice(["None", "0", "2", "-1"]), r.choice(SIZES[:6]), r.choice(SIZES[:5])),
            "import collections\nP = collections.namedtuple('P', %r)\np = P(*range(len(P._fields)))\nprint(p, p._replace(**{P._fields[0]: 9}) if P._fields else p)" % r.choice(["x y", "x, y", "a", "", "def x", "_a", "x x"]),
            "import re\nprint(re.findall(%r, %r))" % (r.choice(["a+", "(a)(b)?", "[", "\\d", "(?P<n>x)", "a{2,3}", "(?i)A", "^", "$", "\\b", "a|", "(?=a)", "[^a]"]), r.choice(["aab", "xaxbx", "", "A1a"])),
            "print(str.maketrans(%s))" % r.choice(["'ab', 'cd'", "{'a': 1}", "{1: None}", "'a', 'bc'", "{}", "'a', 'b', 'c'", "{'ab': 1}"]),
            "print(%s.translate(%s))" % (r.choice(STRS[:6]), r.choice(["{97: 'x'}", "{97: None}", "{97: 2**40}", "str.maketrans('a', 'b')", "[]", "'abc'", "{97: 'xyz' * 3}"])),
            "print(%s.encode(%r, %r))" % (r.choice(STRS), r.choice(["utf-8", "ascii", "latin-1", "utf-16", "utf-32", "cp1252", "idna", "punycode", "utf-7", "rot13", "bogus", "raw_unicode_escape", "unicode_escape"]), r.choice(["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "surrogatepass", "namereplace", "bogus"])),
            "print(%s.decode(%r, %r))" % (r.choice(BYTES[:5] + ["b'\\xe9t\\xe9'", "b'\\xed\\xa0\\x80'", "b'+AGE-'", "b'\\\\u12'"]), r.choice(["utf-8", "ascii", "latin-1", "utf-16", "utf-32", "utf-7", "unicode_escape", "bogus", "raw_unicode_escape", "cp932"]), r.choice(["strict", "ignore", "replace", "backslashreplace", "surrogateescape", "surrogatepass", "bogus"])),
            "x = %s\nx += %s\nprint(repr(x)[:100])" % (self.value(), self.value()),
            "x = %s\nx *= %s\nprint(repr(x)[:100])" % (r.choice(CONTAINERS[:10] + STRS[:5]), r.choice(SIZES)),
            "a, *b, c = %s\nprint(a, b, c)" % r.choice(CONTAINERS[:20] + STRS[:6]),
            "match %s:\n    case [x, *y]:\n        print('seq', x, y)\n    case {'k': v, **rest}:\n        print('map', v, rest)\n    case int(n) | float(n):\n        print('num', n)\n    case str() as s if len(s) > 2:\n        print('str', s)\n    case _:\n        print('other')" % self.value(),
            "print((%s).__reduce_ex__(%s))" % (r.choice(CONTAINERS[:20] + INTS[:4]), r.choice(["0", "1", "2", "4", "-1", "2**70"])),
            "import pickle\nprint(pickle.loads(pickle.dumps(%s, %s)) == %s)" % ((lambda v: (v, r.choice(["0", "2", "5", "-1"]), v))(r.choice(CONTAINERS[:20] + INTS + FLOATS))),
            "o = object.__new__(%s)\nprint(type(o).__name__)" % r.choice(["int", "list", "dict", "str", "object", "type", "BaseException", "tuple", "range", "bool", "memoryview", "frozenset", "bytes", "super", "property", "staticmethod"]),
            "print(%s.__new__(%s))" % (r.choice(["int", "list", "dict", "str", "tuple", "float", "bytes", "set", "object", "type", "complex", "frozenset", "bool"]), r.choice(["int", "list", "dict", "str", "tuple", "float", "bytes", "set", "object", "type", "bool", "Weird"])),
            "x = %s.__new__(%s)\nx.__init__(%s)\nprint(repr(x)[:100])" % (r.choice(["list", "dict", "set", "bytearray"]), r.choice(["list", "dict", "set", "bytearray"]), self.value()),
            "print(type(%r, %s, %s))" % (r.choice(["X", "", "a b", "\\x00"]), r.choice(["()", "(int,)", "(object, object)", "(int, str)", "(bool,)", "(type,)", "[]"]), r.choice(["{}", "{'__slots__': ('a',)}", "{'__slots__': 1}", "{1: 2}", "{'__qualname__': 1}", "[]"])),
            "print(%s(%s))" % (r.choice(["memoryview", "bytes", "bytearray", "str", "list", "range", "slice", "complex", "property", "staticmethod", "classmethod", "super", "zip", "map", "filter", "enumerate", "reversed", "iter", "frozenset", "vars", "dir", "id" if False else "abs", "sorted", "globals" if False else "hash"]), self.args()),
            "print((%s).__getitem__(%s), %s.__class_getitem__(int))" % (r.choice(CONTAINERS[:20]), self.value(), r.choice(["list", "dict", "tuple", "type"])),
            "import sys\nprint(sys.getsizeof(%s) > 0, sys.intern(%s))" % (self.value(), r.choice(STRS[:8])),
            "print((%s).__sizeof__() > 0)" % self.value(),
            "exec(%r)" % r.choice(["x = 1\nprint(x)", "def f(): return f\nprint(f() is f)", "print(__name__)", "1/0", "import os as o", "raise SystemExit" if False else "nonlocal x", "yield 1", "class A: pass"]),
            "print(eval(%r, %s))" % (r.choice(["1 + 1", "x", "[i for i in range(3)]", "(lambda: y)()", "__builtins__ is not None", "len", "'%s' % x"]), r.choice(["{}", "{'x': 1}", "{'__builtins__': {}}", "{'x': [1], 'y': 2}", "None"])),
            "print(compile(%r, 's', %r))" % (r.choice(["1", "x = 1", "def f(): pass", "(", "", "\\x00", "if 1:\\n  pass"]), r.choice(["eval", "exec", "single", "bogus"])),
            "print(hash(%s) == hash(%s))" % (self.value(), self.value()),
            "print(sorted(%s, reverse=%s))" % (r.choice(CONTAINERS[:20]), r.choice(["True", "1", "'x'", "None"])),
            # Materialized ranges stay small: -2**63 would make 2**63 items.
            "print(list(range(%s, %s, %s))[:10])" % tuple(r.choice(SIZES[:-2]) for _ in range(3)),
            "r = range(%s, %s, %s)\nprint(len(r), r[%s], %s in r, r.index(%s) if %s in r else -1)" % (r.choice(SIZES + INTS[:8]), r.choice(SIZES + INTS[:8] + ["2**100"]), r.choice(["1", "-1", "3", "2**64", "-7"]), r.choice(SIZES), r.choice(INTS[:8]), r.choice(INTS[:8]), r.choice(INTS[:8])),
        ])

    SNIPPETS = ["s_expr", "s_expr", "s_method", "s_method", "s_method_on_var", "s_slice",
                "s_slice", "s_builtin", "s_builtin", "s_format", "s_format", "s_class",
                "s_class", "s_mutate_during", "s_deep", "s_generator", "s_exceptions",
                "s_with", "s_comprehension", "s_closure", "s_delete", "s_misc", "s_misc",
                "s_misc"]

    def program(self):
        r = self.r
        parts = [PRELUDE]
        threads = 0
        for i in range(r.randrange(20, 41)):
            name = r.choice(self.SNIPPETS)
            if r.random() < 0.02 and threads < 1:
                name = "s_threads"
                threads += 1
            body = getattr(self, name)()
            parts.append("try:\n%s\nexcept BaseException as e:\n    print(%d, 'E', type(e).__name__)\n"
                         % ("\n".join("    " + ln for ln in body.split("\n")), i))
        parts.append("print('end')\n")
        return "\n".join(parts)


PRELUDE = """\
class Weird:
    def __eq__(self, o): return 1
    def __hash__(self): return 7
    def __index__(self): return 3
    def __len__(self): return 2
    def __getitem__(self, i):
        if i > 3: raise IndexError
        return i
    def __repr__(self): return 'Weird'
class Weird2(int):
    def __eq__(self, o): raise RuntimeError('eq')
    def __hash__(self): return -1
    def __repr__(self): return 'Weird2'
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < getattr(o, 'v', 0)
    def __eq__(self, o): return isinstance(o, Cmp) and self.v == o.v
    def __hash__(self): return hash(self.v)
    def __repr__(self): return 'Cmp(%r)' % (self.v,)
class EvilCmp:
    target = None
class Box(list):
    def __getitem__(self, i): return list.__getitem__(self, i) if isinstance(i, int) else 0
class Evil:
    n = 0
    def __eq__(self, o):
        Evil.n += 1
        if Evil.n % 3 == 0: raise ValueError('evil')
        return Evil.n % 2 == 0
    def __hash__(self): return Evil.n % 2
    def __lt__(self, o): return Evil.n % 2 == 0
    def __repr__(self): return 'Evil'
class M2:
    def __eq__(self, o):
        L.clear()
        return False
class M3:
    def __init__(self, i): self.i = i
    def __hash__(self): return 0
    def __eq__(self, o):
        D.clear() if len(D) > 3 else None
        return isinstance(o, M3) and o.i == self.i
L = []
D = {}
"""


def program_text(seed):
    return Gen(random.Random(seed)).program()


# ---- running ---------------------------------------------------------------------

ADDR = re.compile(r" at 0x[0-9a-f]+|0x[0-9a-f]{6,}")


def run_one(binary, path, timeout):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    try:
        p = subprocess.run([binary, path], capture_output=True, timeout=timeout, env=env,
                           cwd=os.path.dirname(path))
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if e.stdout else ""
        return "timeout", out, ""


def crash_reason(rc, out, err):
    if rc == "timeout":
        return "hang"
    if rc in CRASH_CODES or (isinstance(rc, int) and rc < 0):
        return "exit %s" % rc
    text = out + err
    if "panicked at" in text:
        return "panic"
    if "Fatal Python error" in text:
        return "fatal error"
    if re.search(r"^\d+ E SystemError$", out, re.M):
        return "SystemError"
    return None


def check(args, seed, workdir):
    src = program_text(seed)
    path = os.path.join(workdir, "p%d.py" % seed)
    with open(path, "w") as f:
        f.write(src)
    rc, out, err = run_one(args.protopy, path, args.timeout)
    res = {"seed": seed, "finding": None, "differs": None}
    reason = crash_reason(rc, out, err)
    ref = None
    if reason or args.compare:
        ref = run_one(args.python, path, args.timeout)
        if reason and reason == crash_reason(*ref) and reason != "SystemError":
            reason = None  # CPython crashes or hangs the same way
        if reason == "SystemError":
            mine = set(re.findall(r"^(\d+) E SystemError$", out, re.M))
            theirs = set(re.findall(r"^(\d+) E SystemError$", ref[1], re.M))
            if mine <= theirs:
                reason = None
    if reason:
        os.makedirs(os.path.join(HERE, "findings"), exist_ok=True)
        fpath = os.path.join(HERE, "findings", "programs-%d.py" % seed)
        with open(fpath, "w") as f:
            f.write(src)
            f.write("\n# ---- %s (exit %s) under %s\n" % (reason, rc, args.protopy))
            for ln in (out[-3000:] + "\n" + err[-3000:]).splitlines():
                f.write("# " + ln + "\n")
        res["finding"] = (reason, fpath)
    elif args.compare and ref is not None:
        a = ADDR.sub("0x?", out).splitlines()
        b = ADDR.sub("0x?", ref[1]).splitlines()
        if a != b:
            for x, y in zip(a + [""] * len(b), b + [""] * len(a)):
                if x != y:
                    res["differs"] = (x[:150], y[:150])
                    break
    os.unlink(path)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--count", type=int, default=0, help="stop after N programs")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed0", type=int, default=int(time.time()) % 100000 * 10000)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--dump", type=int, default=None)
    args = ap.parse_args()
    if args.dump is not None:
        sys.stdout.write(program_text(args.dump))
        return 0
    import tempfile
    workdir = tempfile.mkdtemp(prefix="progfuzz")
    deadline = time.time() + args.seconds
    started = time.time()
    print("seeds from %d, protopy %s" % (args.seed0, args.protopy), flush=True)
    ran, findings, differs, examples = 0, [], 0, []
    seed = args.seed0
    with ThreadPoolExecutor(args.jobs) as pool:
        pending = set()
        while True:
            while (time.time() < deadline and len(pending) < args.jobs
                   and (not args.count or seed < args.seed0 + args.count)):
                pending.add(pool.submit(check, args, seed, workdir))
                seed += 1
            if not pending:
                break
            done = [f for f in pending if f.done()]
            if not done:
                time.sleep(0.02)
                continue
            for f in done:
                pending.discard(f)
                r = f.result()
                ran += 1
                if r["finding"]:
                    findings.append((r["seed"],) + r["finding"])
                    print("FINDING seed %d: %s -> %s" % ((r["seed"],) + r["finding"]), flush=True)
                if r["differs"]:
                    differs += 1
                    if len(examples) < 15:
                        examples.append((r["seed"],) + r["differs"])
    os.rmdir(workdir)
    print("\nprograms fuzz: %d programs in %.0f s (seeds %d..%d), %d findings%s"
          % (ran, time.time() - started, args.seed0, seed - 1, len(findings),
             ", %d with output differing from CPython" % differs if args.compare else ""))
    for s, a, b in examples:
        print("  seed %d: protopy %s\n  %s  cpython %s" % (s, a, " " * len(str(s)), b))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
