#!/usr/bin/env python3
"""Compile check against CPython 3.12: does compile(src, name, "exec") succeed,
or raise the same exception class, under ProtoPy and under CPython 3.12?

ProtoPy accepts Python 3.12's syntax, so both directions count: a program
CPython 3.12 rejects that ProtoPy compiles, and one 3.12 compiles that ProtoPy
rejects (or rejects with another exception class: SyntaxError, IndentationError,
TabError, ValueError, RecursionError, MemoryError...).

Usage: python3 fuzz/compile_check.py [--quick | --bless-quick]
           [--sources stdlib,tests,mutants,generated] [--mutants-per-file M]
           [--generated N] [--seed S] [--batch B] [--jobs J] [--limit N]
           [--protopy PATH] [--python312 PATH] [--python311 PATH] [--out DIR]

The corpus: every .py file of CPython 3.11's Lib (/usr/lib/python3.11, tests
included) and of the CPython 3.12 install, the repository's tests/py programs,
M mutants of each (of a top-level chunk of the bigger ones: token deletion,
duplication and swaps, keyword and operator insertion, indentation changes,
bracket changes, truncation, line deletion and duplication), and N programs of
a small random grammar of 3.12 syntax (PEP 695 type parameters, `type X = ...`,
f-strings, match, except*, walrus, decorators, async comprehensions, starred
expressions, global/nonlocal, return/await/yield/break in the wrong places...)
with their mutants. Sources are compiled as bytes (so coding cookies and BOMs
count), in batches: one interpreter process per batch runs fuzz/compile_driver.py.

Each program's verdict comes from CPython 3.12 and ProtoPy, and from CPython
3.11 too: a disagreement where ProtoPy gives 3.11's verdict and 3.11 differs
from 3.12 is counted apart ("follows 3.11": PEP 701 f-strings, which ProtoPy
tokenizes as CPython 3.11 does); every other disagreement, a crash or a hang
of ProtoPy's driver is a failure. Sources of disagreements are written to
--out (default /tmp/compile_check). Exit status 1 on any failure.

--quick: the deterministic subset that run-tests.sh runs (seconds): the
grammar's programs and their mutants for a fixed seed, checked against the
verdicts recorded in fuzz/compile_check_quick.txt (CPython 3.12's and 3.11's,
so it needs neither; disagreements ProtoPy had when the file was blessed are
recorded there as known gaps and listed, any other fails); --bless-quick
rewrites that file with both CPythons and ProtoPy. Prints "compile-check: N
passed, M failed".
"""
import argparse
import glob
import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import tokenize
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRIVER = os.path.join(HERE, "compile_driver.py")
QUICK_FILE = os.path.join(HERE, "compile_check_quick.txt")
QUICK_SEED = 37
QUICK_GENERATED = 1500
BATCH_TIMEOUT = 300


def find_python312():
    found = sorted(glob.glob("/usr/bin/python3.12")
                   + glob.glob(os.path.expanduser("~/.pyenv/versions/3.12*/bin/python3.12")))
    return found[-1] if found else None


# ---- the random grammar ---------------------------------------------------------

NAMES = ["a", "b", "x", "y", "T", "P", "Ts", "f", "g", "self", "cls", "match", "case",
         "type", "_", "print", "__debug__", "None", "True", "__class__"]
KEYWORDS = ["if", "else", "elif", "for", "in", "while", "def", "class", "return", "yield",
            "await", "async", "lambda", "not", "and", "or", "is", "pass", "break", "continue",
            "global", "nonlocal", "del", "try", "except", "except*", "finally", "with", "as",
            "import", "from", "raise", "assert", "match", "case", "type", "None", "True",
            "False", ":=", "*", "**", "->", "@", "=", ",", ":", ";", ".", "...", "\\", "|",
            "!", "?", "$", "`"]
NUMBERS = ["0", "1", "42", "0x1f", "0o17", "0b101", "1_000", "1.5", "1e10", "3j", ".5",
           "1_0.0_1", "0_0", "00", "1__0", "0x", "1e", "0b2", "09", "1_", "0xg", "1.e5"]
STRINGS = ["'s'", '"d"', "b'x'", "r'\\d'", "'''t'''", "u'u'", "rb'\\n'", "'\\N{DASH}'",
           "'\\x4'", "b'\\u1234'", "'\\400'", "Br'q'", "'unterminated", "b'\xe9'"]


def indent(ind, text):
    return "".join(ind + ln + "\n" for ln in text.split("\n"))


class Gen:
    """Random programs of Python 3.12's grammar, mostly valid, some not."""

    def __init__(self, rng):
        self.r = rng

    def chance(self, p):
        return self.r.random() < p

    def name(self):
        return self.r.choice(NAMES[:8]) if self.chance(0.85) else self.r.choice(NAMES)

    def fstring(self, d):
        r = self.r
        q = r.choice(["'", '"', "'''", '"""'])
        parts = []
        for _ in range(r.randrange(1, 4)):
            k = r.randrange(12)
            if k < 3:
                parts.append(r.choice(["txt", "{{", "}}", " ", "\\n", "%d"]))
                continue
            e = self.expr(d + 1)
            if k == 3:
                # 3.12 (PEP 701): the same quote nested, a backslash, a comment.
                e = r.choice(['"in"', "'in'", "'\\n'.join(a)", "a # c\n"])
            elif k == 4:
                e = "f%s{%s}%s" % ("'" if q[0] == '"' else '"', e, "'" if q[0] == '"' else '"')
            conv = r.choice(["", "", "", "!r", "!s", "!a", "!x", "!"])
            spec = r.choice(["", "", ":>10", ":{a}", ":{a}.{b}", ":%Y", ":=^{x:}", ":"])
            eq = "=" if self.chance(0.1) else ""
            parts.append("{" + e + eq + conv + spec + "}")
        if self.chance(0.05):
            parts.append(r.choice(["{", "}", "{}", "{!r}", "{a!r=}"]))
        pre = r.choice(["f", "f", "F", "rf", "fr", "Rf", "bf", "uf"])
        body = "".join(parts)
        if len(q) == 1:
            body = body.replace("\n", " ")
        return pre + q + body + q

    def simple(self):
        if self.chance(0.7):
            return self.name()
        return self.r.choice(NUMBERS) if self.chance(0.1) else self.r.choice(NUMBERS[:11])

    def atom(self, d):
        r = self.r
        if d > 2:
            return self.simple()
        k = r.randrange(14)
        if k < 4:
            return self.name()
        if k < 6:
            return self.simple()
        if k < 7:
            return r.choice(STRINGS) if self.chance(0.1) else r.choice(STRINGS[:5])
        if k < 8:
            return self.fstring(d)
        if k < 9:
            return r.choice(["...", "None", "True", "False", "()", "[]", "{}"])
        if k < 10:
            return "(%s)" % self.expr(d + 1)
        if k < 11:
            return "[%s]" % ", ".join(self.expr(d + 1) for _ in range(r.randrange(0, 3)))
        if k < 12:
            return "{%s}" % ", ".join("%s: %s" % (self.expr(d + 1), self.expr(d + 1))
                                      for _ in range(r.randrange(0, 3)))
        if k < 13:
            return "{%s}" % ", ".join(self.expr(d + 1) for _ in range(r.randrange(1, 3)))
        return "(%s,)" % self.expr(d + 1)

    def comp(self, d):
        r = self.r
        elt = self.expr(d + 1)
        fors = []
        for _ in range(r.randrange(1, 3)):
            fors.append("%sfor %s in %s" % ("async " if self.chance(0.2) else "",
                                            self.target(d + 1), self.expr(d + 1)))
            if self.chance(0.3):
                fors.append("if " + self.expr(d + 1))
        body = elt + " " + " ".join(fors)
        k = r.randrange(4)
        if k == 0:
            return "[%s]" % body
        if k == 1:
            return "{%s}" % body
        if k == 2:
            return "{%s: %s}" % (self.expr(d + 1), body)
        return "(%s)" % body

    def call(self, d):
        r = self.r
        args = []
        for _ in range(r.randrange(0, 4)):
            k = r.randrange(6)
            if k < 3:
                args.append(self.expr(d + 1))
            elif k == 3:
                args.append("%s=%s" % (r.choice(["a", "b", "key"]), self.expr(d + 1)))
            elif k == 4:
                args.append("*" + self.expr(d + 1))
            else:
                args.append("**" + self.expr(d + 1))
        if self.chance(0.05):
            args = [self.comp(d + 1)[1:-1]] + args
        return "%s(%s)" % (self.primary(d), ", ".join(args))

    def primary(self, d):
        r = self.r
        e = self.atom(d)
        for _ in range(r.randrange(0, 3) if d < 2 else 0):
            k = r.randrange(4)
            if k == 0:
                e += "." + self.name()
            elif k == 1:
                e += "[%s]" % r.choice([self.expr(d + 1), "a:b", "::2", "1:", "a, b", "*a",
                                        "a:b, c", ""])
            elif k == 2:
                e += "(%s)" % r.choice(["", "a", "a, b=1", "*a, **b", "x for x in a"])
            else:
                e = "(%s)" % e
        return e

    def expr(self, d=0):
        r = self.r
        if d > 2 or self.chance(0.35):
            return self.simple()
        k = r.randrange(22)
        if k < 6:
            return self.primary(d)
        if k < 9:
            return "%s %s %s" % (self.expr(d + 1), r.choice(
                ["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "and",
                 "or", "<", ">", "==", "!=", "<=", ">=", "in", "not in", "is", "is not"]),
                self.expr(d + 1))
        if k < 10:
            return r.choice(["-", "+", "~", "not ", "await ", "*", "**"]) + self.expr(d + 1)
        if k < 11:
            return "%s if %s else %s" % (self.expr(d + 1), self.expr(d + 1), self.expr(d + 1))
        if k < 12:
            return "lambda %s: %s" % (self.params(d + 1, lam=True), self.expr(d + 1))
        if k < 13:
            return "(%s := %s)" % (r.choice(["x", "y", "a.b", "a[0]", "self"]), self.expr(d + 1))
        if k < 15:
            return self.comp(d)
        if k < 17:
            return self.call(d)
        if k < 18:
            return "(yield %s)" % self.expr(d + 1) if self.chance(0.7) else "(yield from a)"
        if k < 19:
            return "await %s" % self.primary(d + 1)
        if k < 20:
            return "%s, %s" % (self.expr(d + 1), r.choice(["*a", "b", "*(a, b)"]))
        if k < 21:
            return "x := %s" % self.expr(d + 1)
        return self.fstring(d)

    def target(self, d):
        r = self.r
        k = r.randrange(12)
        if k < 6:
            return self.name()
        if k == 6:
            return "%s, %s" % (self.name(), self.name())
        if k == 7:
            return "*%s, %s" % (self.name(), self.name())
        if k == 8:
            return "%s.attr" % self.primary(d + 1)
        if k == 9:
            return "%s[0]" % self.primary(d + 1)
        if k == 10:
            return "(%s, [%s, %s])" % (self.name(), self.name(), self.name())
        return r.choice(["f()", "1", "a + b", "*a", "(yield)", "None", "a if b else c",
                         "[*a, *b]", "__debug__", "()", "[]", "lambda: 0", "f'{a}'"])

    def params(self, d, lam=False):
        r = self.r
        out = []
        for _ in range(r.randrange(0, 5)):
            k = r.randrange(9)
            nm = r.choice(["a", "b", "c", "self", "x"])
            ann = "" if lam or not self.chance(0.3) else ": " + self.expr(d + 1)
            if k < 4:
                out.append(nm + ann)
            elif k < 6:
                out.append("%s%s=%s" % (nm, ann, self.expr(d + 1)))
            elif k == 6:
                out.append(r.choice(["*", "*args", "/"]))
            elif k == 7:
                out.append("**kw")
            else:
                out.append("*" + nm + ann)
        return ", ".join(out)

    def type_params(self):
        r = self.r
        out = []
        for _ in range(r.randrange(0 if self.chance(0.1) else 1, 4)):
            k = r.randrange(6)
            nm = r.choice(["T", "U", "K", "V", "T"])
            if k < 2:
                out.append(nm)
            elif k == 2:
                out.append("%s: %s" % (nm, r.choice(["int", "(int, str)", "list[T]", "()",
                                                     "(yield)", "x := 1", "lambda: T"])))
            elif k == 3:
                out.append("*Ts" if self.chance(0.9) else "*Ts: int")
            elif k == 4:
                out.append("**P" if self.chance(0.9) else "**P: int")
            else:
                out.append(r.choice(["T = int", "*", "T: int = str", "1"]))
        return "[%s]" % ", ".join(out)

    def pattern(self, d):
        r = self.r
        k = r.randrange(13)
        if d > 3:
            k = r.choice([0, 1, 2])
        if k == 0:
            return r.choice(["x", "y", "_", "a"])
        if k == 1:
            return r.choice(["1", "-1", "1 + 2j", "'s'", "b'b'", "None", "True", "f'x'",
                             "1 + 1", "-1j", "a.b", "a.b.c"])
        if k == 2:
            return r.choice(["[]", "()", "{}", "str()", "C(x=1)"])
        if k < 5:
            return "[%s]" % ", ".join(self.pattern(d + 1) for _ in range(r.randrange(0, 4)))
        if k == 5:
            return "(%s, *%s)" % (self.pattern(d + 1), r.choice(["rest", "_", "a", "x"]))
        if k == 6:
            return "{%s}" % ", ".join(
                r.choice(["'k': %s", "1: %s", "a.b: %s", "x: %s", "**rest", "**_"])
                .replace("%s", self.pattern(d + 1)) for _ in range(r.randrange(0, 3)))
        if k == 7:
            return "%s | %s" % (self.pattern(d + 1), self.pattern(d + 1))
        if k == 8:
            return "%s as %s" % (self.pattern(d + 1), r.choice(["x", "y", "_", "a.b"]))
        if k == 9:
            return "C(%s)" % ", ".join(r.choice([self.pattern(d + 1), "x=%s" % self.pattern(d + 1)])
                                       for _ in range(r.randrange(0, 3)))
        if k == 10:
            return "[%s, %s]" % (self.pattern(d + 1), self.pattern(d + 1))
        if k == 11:
            return "%s, %s" % (self.pattern(d + 1), self.pattern(d + 1))
        return "(%s)" % self.pattern(d + 1)

    def block(self, ind, ctx, d):
        n = self.r.randrange(1, 3)
        return "".join(self.stmt(ind + "    ", ctx, d + 1) for _ in range(n))

    def stmt(self, ind, ctx, d):
        r = self.r
        if d > 2:
            k = r.randrange(9)
        else:
            k = r.randrange(34)
        e = self.expr
        if k < 3:
            return "%s%s\n" % (ind, e())
        if k < 5:
            op = r.choice(["=", "=", "+=", "-=", "//=", "@=", "**=", "|=", ": int =", ": int"])
            return "%s%s %s %s\n" % (ind, self.target(0), op, e())[:None if op != ": int" else -1] \
                if op != ": int" else "%s%s: int\n" % (ind, self.target(0))
        if k == 5:
            return "%s%s\n" % (ind, r.choice(["pass", "break", "continue", "...", "del " + self.target(0)]))
        if k == 6:
            return "%sreturn %s\n" % (ind, e() if self.chance(0.7) else "")
        if k == 7:
            return "%s%s %s\n" % (ind, r.choice(["global", "nonlocal"]),
                                  ", ".join(r.sample(["a", "b", "x", "y"], r.randrange(1, 3))))
        if k == 8:
            return "%s%s\n" % (ind, r.choice(["raise", "raise %s" % e(), "raise a from b",
                                                "assert %s" % e(), "assert x, 'm'",
                                                "yield", "yield %s" % e(), "await " + e(),
                                                "import os", "import a.b as c", "from . import x",
                                                "from .. a import (b, c,)", "from a import *",
                                                "from __future__ import annotations",
                                                "from __future__ import braces", "x = 1; y = 2",
                                                "type X = int", "type X[T] = list[T]",
                                                "type = 1", "match = case = 1", "print(type)",
                                                "del (a, b), [c]", "*a, = b", "*a = b"]))
        body = lambda c=ctx: self.block(ind, c, d)  # noqa: E731
        if k < 12:
            return "%sif %s:\n%s%s" % (ind, e(), body(), (
                "%selse:\n%s" % (ind, body()) if self.chance(0.4) else
                "%selif %s:\n%s" % (ind, e(), body()) if self.chance(0.3) else ""))
        if k < 14:
            loop = dict(ctx, loop=True)
            hdr = r.choice(["while %s:" % e(), "for %s in %s:" % (self.target(0), e()),
                            "async for %s in %s:" % (self.name(), e())])
            tail = "%selse:\n%s" % (ind, body()) if self.chance(0.2) else ""
            return "%s%s\n%s%s" % (ind, hdr, body(loop), tail)
        if k < 17:
            fn = dict(ctx, func=True, loop=False, async_=self.chance(0.3))
            decos = "".join("%s@%s\n" % (ind, e()) for _ in range(r.randrange(0, 3) if self.chance(0.3) else 0))
            tp = self.type_params() if self.chance(0.3) else ""
            ret = " -> %s" % e() if self.chance(0.2) else ""
            return "%s%s%sdef %s%s(%s)%s:\n%s" % (decos, ind, "async " if fn["async_"] else "",
                                                 r.choice(["f", "g", "__init__", "match"]), tp,
                                                 self.params(0), ret, body(fn))
        if k < 19:
            cls = dict(ctx, func=False, loop=False, cls=True, async_=False)
            tp = self.type_params() if self.chance(0.4) else ""
            bases = "(%s)" % r.choice(["", "B", "B, metaclass=M", "*bs", "Generic[T]", "x=1, y"]) \
                if self.chance(0.6) else ""
            decos = "%s@dataclass\n" % ind if self.chance(0.2) else ""
            return "%s%sclass C%s%s:\n%s" % (decos, ind, tp, bases, body(cls))
        if k < 22:
            parts = ["%stry:\n%s" % (ind, body())]
            star = self.chance(0.35)
            for _ in range(r.randrange(0 if self.chance(0.3) else 1, 3)):
                kw = "except*" if (star if self.chance(0.95) else not star) else "except"
                what = r.choice(["", " E", " (E, F)", " E as e", " E as e.x", " E, F"])
                if kw == "except*" and what == "" and self.chance(0.7):
                    what = " E"
                parts.append("%s%s%s:\n%s" % (ind, kw, what, body(dict(ctx, star=kw == "except*"))))
            if self.chance(0.3):
                parts.append("%selse:\n%s" % (ind, body()))
            if self.chance(0.4) or len(parts) == 1 and self.chance(0.8):
                parts.append("%sfinally:\n%s" % (ind, body()))
            return "".join(parts)
        if k < 24:
            items = r.choice(["a", "a as b", "a as (b, c)", "(a as b, c as d)", "(a, b)",
                              "a as b, c", "(a as b, c as d,)", "open(x) as f", "a as f()"])
            return "%s%swith %s:\n%s" % (ind, "async " if self.chance(0.2) else "", items, body())
        if k < 27:
            cases = []
            for _ in range(r.randrange(0 if self.chance(0.05) else 1, 4)):
                guard = " if %s" % e() if self.chance(0.2) else ""
                cases.append("%s    case %s%s:\n%s" % (ind, self.pattern(0), guard,
                                                        self.block(ind + "    ", ctx, d + 1)))
            return "%smatch %s:\n%s" % (ind, r.choice([e(), "x", "a, b", "*a, b", "x,"]), "".join(cases))
        if k < 29:
            return "%stype %s%s = %s\n" % (ind, r.choice(["X", "Alias", "match"]),
                                           self.type_params() if self.chance(0.6) else "", e())
        if k < 31:
            # Scoping: a global/nonlocal declaration after a use or binding, in nested functions.
            v = r.choice(["x", "y"])
            inner = r.choice(["{v} = 1\nnonlocal {v}", "print({v})\nglobal {v}", "nonlocal {v}\n{v} = 2",
                              "global {v}\nnonlocal {v}", "def h({v}):\n    global {v}",
                              "nonlocal {v}", "nonlocal z", "global {v}\n{v} = 3",
                              "del {v}\nnonlocal {v}", "import {v}\nglobal {v}"]).format(v=v)
            src = "def outer():\n    %s = 0\n    def inner():\n%s" % (
                r.choice([v, "z"]), indent("        ", inner))
            return indent(ind, src)
        if k < 32:
            return "%sasync def co():\n%s    %s\n" % (ind, ind, r.choice([
                "return [x async for x in a]", "yield from a", "yield 1\n%s    return 2" % ind,
                "await a", "async with a: pass", "return (await x for x in a)",
                "lambda: await a", "[await x for x in a]", "def g(): await a"]))
        if k < 33:
            return "%sclass K:\n%s    %s\n" % (ind, ind, r.choice([
                "def f(self): return __class__", "x = [y for y in range(3)]",
                "nonlocal a", "return 1", "yield", "def __init__(self): super().__init__()",
                "[__class__ for _ in a]", "type A[T] = T", "def m[T](self, x: T) -> T: ..."]))
        return "%s%s\n" % (ind, r.choice([
            "print(*a, sep='')", "f(**a, *b)", "f(a=1, b)", "f(a for a in b, c)", "f(a=1, a=2)",
            "def f(a, a): pass", "def f(a=1, b): pass", "def f(*, **k): pass", "def f(*): pass",
            "lambda x=1, y: 0", "a, *b, *c = d", "x = yield = y", "[x for x in (yield)]",
            "for x in *a, *b: pass", "del *a", "del f()", "a.b: int = 1", "(a): int", "(a, b): int",
            "x = *a", "x = *a,", "print(*a for a in b)", "return *a, *b", "i = 1 if a else *b",
            "[i := 0 for i in a]", "[x for x in (y := a)]", "[(j := 1) for i in a]",
            "def f(): yield from", "f'{'", "f'{a!}'", "f'{a:{b:{c:{d}}}}'", "f'{a=!r:>{b}}'",
            "f'''{\na\n}'''", "f'{\"a\"}'", "f'{a}' f\"{b}\" 'c'", "b'a' 'b'", "'a' b'b'",
            "async def f(): yield from a", "async def f(): x = [a async for a in b]",
            "def f(): x = [a async for a in b]", "def f(): x = (a async for a in b)",
            "async def f():\n    def g(): await a", "@x.y[0](1)\ndef f(): pass",
            "@(yield)\ndef f(): pass", "@lambda f: f\nclass C: pass", "try:\n    pass",
            "try:\n    pass\nexcept* ():\n    pass", "try:\n    pass\nexcept*:\n    pass",
            "try:\n    pass\nexcept* E:\n    break", "for a in b:\n    try:\n        pass\n    except* E:\n        continue",
            "def f():\n    try:\n        pass\n    except* E:\n        return", "while 1:\n    try: pass\n    finally: break",
            "if 1:\n\tpass\n        pass", "if 1:\n  pass\n pass", "  x = 1", "if 1:\npass",
            "x = 1\\\n", "x = (\n", "x = )", "x = ]", "\\", "# coding: latin-1\nx = '\xe9'",
            "# -*- coding: bogus -*-\n", "\ufeffx = 1", "x = 1 # \x0c", "\x0cx = 1",
            "nonlocal x", "global x\nx: int = 1", "def f():\n    x = 1\n    global x",
            "def f(x):\n    global x", "def f():\n    global x\n    x: int",
            "class C:\n    def f(self):\n        nonlocal __class__", "__debug__ = 1",
            "def f(__debug__): pass", "f(__debug__=1)", "import __debug__", "None = 1",
            "del __debug__", "x.__debug__ = 1", "True: int", "(x for x in a) = 1",
            "a if b else c = 1", "a < b = 1", "-a = 1", "a() += 1", "(a, b) += 1",
            "f(x) := 1", "(a.b := 1)", "(a[0] := 1)", "def f[T, T](): pass", "type X[T, T] = T",
            "class C[T, *T]: pass", "def f[**P, *P](): pass", "type T[**P = int] = P",
            "def f[T](x: T = T): pass", "class C[T](T): pass", "type X = (yield)",
            "type X = (await a)", "type X = (x := 1)", "type X = lambda: (yield)",
            "class C[T]:\n    type A = T\n    def f(self): nonlocal T",
            "def f[T]():\n    nonlocal T", "def f[T]():\n    global T",
            "class C[T]: T = 1", "type type = type", "type match[case] = case",
            "match x:\n    case _:\n        pass\n    case 1:\n        pass",
            "match x:\n    case a:\n        pass\n    case 1:\n        pass",
            "match x:\n    case [a, a]:\n        pass", "match x:\n    case a | b:\n        pass",
            "match x:\n    case [a] | [b]:\n        pass", "match x:\n    case {**_}:\n        pass",
            "match x:\n    case {'a': 1, 'a': 2}:\n        pass", "match x:\n    case -a:\n        pass",
            "match x:\n    case 1 + a:\n        pass", "match x:\n    case f'x':\n        pass",
            "match x:\n    case C(a=1, b):\n        pass", "match x:\n    case C(a=1, a=2):\n        pass",
            "match x:\n    case *a:\n        pass", "match x:\n    case [*a, *b]:\n        pass",
            "match x:\n    case _ as _:\n        pass", "match x:\n    case (a as b) as c:\n        pass",
            "match x:\n    case {**rest, 'a': 1}:\n        pass", "match x:\n case 1:\n  pass",
            "match x:\npass", "match(x)", "match[x]", "match = 1\nmatch.x", "case = 1",
            "print(match, case, type, _)", "lambda: (yield)", "lambda: await x",
            "lambda *, a: a", "lambda *: 0", "lambda a, /, b: a", "lambda /: 0",
            "def f(a, /, b, *, c): pass", "def f(/, a): pass", "def f(a, /, /): pass",
            "def f(**k, a): pass", "def f(*a, *b): pass", "def f(a, *, b, **k,): pass",
            "def f(*a,): pass", "def f(**k,): pass", "f(*a, b=1, *c, **d, e=2)", "f(a=1, *b)",
            "f(**a, b)", "f(**a, b=1)", "x[a:b, c]", "x[*a]", "x[*a, b]", "x[a:=1]", "x[(a:=1)]",
            "print(f'{x=}')", "with (a, b): pass", "with (a as b): pass", "with (yield): pass",
            "async with a: pass", "async for a in b: pass", "await x", "yield x", "return",
            "break", "continue", "for x in a:\n    def f(): break", "class C:\n    break",
            "def f():\n    class C:\n        return 1", "def f():\n    yield\n    return 1",
            "async def f():\n    yield\n    return 1", "async def f():\n    yield\n    return",
            "def f(): return (yield)", "x = [(yield) for y in a]", "x = {(yield): 1 for y in a}",
            "x = [await y for y in a]", "x = [y async for y in a]",
            "async def f(): return {y: z async for y, z in a}", "def f(): (await x)",
            "f = lambda: [await x for x in a]", "from __future__ import nested_scopes",
            "import os\nfrom __future__ import annotations", "from __future__ import *",
            "def f():\n    from os import *", "class C:\n    from os import *",
            "from . import *", "from .a import b as c, d", "import a as b.c", "import .a",
            "from a import (b)", "from a import (b,)", "from a import b,", "from a import ()",
            "assert (x, 'msg')", "x is 1", "x == ()()", "1(2)", "[1][2, 3]", "'a'[0]",
            "(a)(b)", "x = 1 if 2", "x = 1 else 2", "print 'x'", "exec 'x'", "a = 1 = 2",
            "a: int, b: int", "a, b: int", "a = b: int", "del a, b,", "del (a), [b]", "del ()",
            "del []", "del a.b, a[c]", "del (a.b)", "del f().x", "global a, b,",
            "x = 0b12", "x = 0o8", "x = 1__2", "x = 1_", "x = 0_", "x = 01", "x = 1e+",
            "x = 1if 1else 2", "x = 0x1for x in a", "x = 1.real", "x = 1 .real", "x = 1.0.real",
            "x = 1j.imag", "x = 0xfor", "x = 1in a", "x = 1or 2", "x = 0b1and 2",
        ]))

    def program(self):
        r = self.r
        ctx = {"func": False, "loop": False, "cls": False, "async_": False}
        return "".join(self.stmt("", ctx, 0) for _ in range(r.randrange(1, 4)))


# ---- mutations --------------------------------------------------------------------

INSERTS = KEYWORDS + ["(", ")", "[", "]", "{", "}", "'", '"', "f'", "#", "\n", "\t", "    ",
                      "\\\n", ":", "=", "lambda", "yield", "*", "await"]
BRACKETS = "()[]{}"


def tokens_of(text):
    """(start, end) character offsets of the tokens of text, as far as it tokenizes."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.NL):
                continue
            (l1, c1), (l2, c2) = tok.start, tok.end
            if l1 - 1 >= len(starts) or l2 - 1 >= len(starts):
                continue
            a, b = starts[l1 - 1] + c1, starts[l2 - 1] + c2
            if b > a:
                spans.append((a, b))
    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError):
        pass
    return spans


def mutate(rng, text):
    """One to three random edits of text (a str)."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        spans = tokens_of(text) if len(text) < 20000 else []
        op = rng.randrange(12)
        if not text:
            return rng.choice(INSERTS)
        if spans and op < 5:
            i = rng.randrange(len(spans))
            a, b = spans[i]
            if op == 0:
                text = text[:a] + text[b:]
            elif op == 1:
                text = text[:b] + " " + text[a:b] + text[b:]
            elif op == 2 and i + 1 < len(spans):
                c, d = spans[i + 1]
                text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
            elif op == 3:
                text = text[:a] + rng.choice(INSERTS) + " " + text[a:]
            else:
                text = text[:a] + rng.choice(KEYWORDS + NAMES) + text[b:]
        elif op == 5:
            # Indentation: add or remove leading whitespace of one line.
            lines = text.split("\n")
            j = rng.randrange(len(lines))
            ln = lines[j]
            k = rng.randrange(4)
            if k == 0:
                lines[j] = " " * rng.randrange(1, 5) + ln
            elif k == 1:
                lines[j] = ln[rng.randrange(1, 5):] if ln[:1] in (" ", "\t") else ln
            elif k == 2:
                lines[j] = "\t" + ln.lstrip(" ") if ln.startswith(" ") else "\t" + ln
            else:
                lines[j] = ln.lstrip()
            text = "\n".join(lines)
        elif op == 6:
            pos = [i for i, c in enumerate(text) if c in BRACKETS]
            if pos:
                p = rng.choice(pos)
                text = text[:p] + rng.choice(BRACKETS + " ") + text[p + 1:]
        elif op == 7:
            text = text[:rng.randrange(len(text) + 1)]
        elif op in (8, 9):
            lines = text.split("\n")
            j = rng.randrange(len(lines))
            if op == 8:
                del lines[j]
            else:
                lines.insert(j, lines[j])
            text = "\n".join(lines)
        elif op == 10:
            p = rng.randrange(len(text) + 1)
            text = text[:p] + rng.choice(INSERTS) + text[p:]
        else:
            # A generated statement at the indentation of a random line.
            lines = text.split("\n")
            j = rng.randrange(len(lines))
            ind = lines[j][:len(lines[j]) - len(lines[j].lstrip())]
            stmt = Gen(rng).stmt(ind, {"func": False, "loop": False, "cls": False,
                                       "async_": False}, 3)
            lines.insert(j, stmt.rstrip("\n"))
            text = "\n".join(lines)
    return text


def chunk(rng, text, limit=4000):
    """text, or, when longer than limit, a run of its top-level statements."""
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    tops = [i for i, ln in enumerate(lines) if ln[:1] not in ("", " ", "\t", "#", ")", "]", "}")]
    if not tops:
        return text[:limit]
    start = rng.choice(tops)
    out, size = [], 0
    for ln in lines[start:]:
        if size + len(ln) > limit and out and ln[:1] not in (" ", "\t", ""):
            break
        out.append(ln)
        size += len(ln) + 1
        if size > 4 * limit:
            break
    return "\n".join(out) + "\n"


# ---- the corpus ------------------------------------------------------------------

def stdlib_files(python312):
    roots = ["/usr/lib/python3.11"]
    if python312:
        out = subprocess.run([python312, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                             capture_output=True, text=True)
        if out.returncode == 0:
            roots.append(out.stdout.strip())
    files = []
    for r in roots:
        for dirpath, dirnames, filenames in os.walk(r):
            dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "dist-packages"))
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return files


def repo_test_files():
    return sorted(glob.glob(os.path.join(ROOT, "tests", "py", "**", "*.py"), recursive=True))


def generated(seed, n):
    """n programs of the grammar, then n mutants of them."""
    rng = random.Random(seed)
    g = Gen(rng)
    progs = [("gen-%d-%d" % (seed, i), g.program()) for i in range(n)]
    mut = [("gen-%d-%d-mut" % (seed, i), mutate(rng, src)) for i, (_, src) in enumerate(progs)]
    return [(nm, s.encode("utf-8", "surrogatepass")) for nm, s in progs + mut]


def corpus(args, python312):
    kinds = set(args.sources.split(","))
    rng = random.Random(args.seed)
    items = []
    files = []
    if "stdlib" in kinds or "mutants" in kinds:
        files += stdlib_files(python312)
    if "tests" in kinds or "mutants" in kinds:
        files += repo_test_files()
    for path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        if "stdlib" in kinds or "tests" in kinds:
            items.append((path, data))
        if "mutants" in kinds:
            text = data.decode("utf-8", "surrogateescape")
            for m in range(args.mutants_per_file):
                src = mutate(rng, chunk(rng, text))
                items.append(("%s#mut%d" % (path, m), src.encode("utf-8", "surrogateescape")))
    if "generated" in kinds:
        items += generated(args.seed, args.generated)
    if args.limit:
        items = items[:args.limit]
    return items


# ---- running the driver ------------------------------------------------------------

def run_batch(binary, sources, tmpdir, tag):
    """Verdicts of one interpreter over sources: a list of "OK", "CLASS" strings
    (with the message beside them), "CRASH rc" or "HANG" for the source that
    killed or stopped the driver (which then resumes after it)."""
    fd, path = tempfile.mkstemp(prefix=tag, suffix=".bin", dir=tmpdir)
    with os.fdopen(fd, "wb") as f:
        for s in sources:
            f.write(b"%d\n" % len(s))
            f.write(s)
    verdicts = [None] * len(sources)
    first = 0
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONWARNINGS="ignore")
    try:
        while first < len(sources):
            try:
                p = subprocess.run([binary, DRIVER, path, str(first)], capture_output=True,
                                   timeout=BATCH_TIMEOUT, env=env)
                out, rc = p.stdout, p.returncode
            except subprocess.TimeoutExpired as e:
                out, rc = e.stdout or b"", "HANG"
            done = False
            for line in out.decode("utf-8", "replace").splitlines():
                if line == "done":
                    done = True
                    continue
                idx, _, rest = line.partition(" ")
                if idx.isdigit() and int(idx) < len(sources):
                    cls, _, msg = rest.partition(" ")
                    verdicts[int(idx)] = (cls, msg)
            if done and rc == 0:
                break
            nxt = next((i for i in range(first, len(sources)) if verdicts[i] is None), None)
            if nxt is None:
                break
            verdicts[nxt] = ("HANG" if rc == "HANG" else "CRASH", "exit %s: %s" % (
                rc, p.stderr.decode("utf-8", "replace")[-300:] if rc != "HANG" else ""))
            first = nxt + 1
    finally:
        os.unlink(path)
    return [v if v is not None else ("MISSING", "") for v in verdicts]


def verdicts_of(binary, items, args, tag):
    srcs = [s for _, s in items]
    chunks = [srcs[i:i + args.batch] for i in range(0, len(srcs), args.batch)]
    with tempfile.TemporaryDirectory(prefix="compile_check") as tmp:
        with ThreadPoolExecutor(args.jobs) as pool:
            parts = list(pool.map(lambda c: run_batch(binary, c, tmp, tag), chunks))
    return [v for part in parts for v in part]


def classify(mine, ref12, ref11):
    """None when ProtoPy agrees with 3.12; "follows-3.11" when it gives 3.11's
    differing verdict; else the kind of disagreement."""
    if mine == ref12:
        return None
    if mine in ("CRASH", "HANG", "MISSING"):
        return "protopy-" + mine.lower()
    if ref11 is not None and mine == ref11 and ref11 != ref12:
        return "follows-3.11"
    if mine == "OK":
        return "protopy-accepts"
    if ref12 == "OK":
        return "protopy-rejects"
    return "other-class"


def digest(items):
    h = hashlib.sha256()
    for _, s in items:
        h.update(hashlib.sha256(s).digest())
    return h.hexdigest()[:16]


def quick(args, bless):
    items = generated(QUICK_SEED, QUICK_GENERATED)
    dig = digest(items)
    if bless:
        py312 = args.python312 or find_python312()
        if not py312:
            sys.exit("--bless-quick needs CPython 3.12")
        v12 = verdicts_of(py312, items, args, "py312")
        v11 = verdicts_of(args.python311, items, args, "py311")
        mine = verdicts_of(args.protopy, items, args, "protopy")
        known = 0
        with open(QUICK_FILE, "w") as f:
            f.write("# fuzz/compile_check.py --quick: CPython 3.12's and 3.11's compile() verdicts "
                    "on the grammar's programs (seed %d), one line each; rewrite with --bless-quick.\n"
                    "# A third word 'known:VERDICT' records a disagreement ProtoPy had when blessed "
                    "(a known gap, listed by --quick): the check fails on any other.\n" % QUICK_SEED)
            f.write("corpus %s %d\n" % (dig, len(items)))
            for a, b, m in zip(v12, v11, mine):
                gap = classify(m[0], a[0], b[0]) not in (None, "follows-3.11")
                known += gap
                f.write("%s %s%s\n" % (a[0], b[0], " known:" + m[0] if gap else ""))
        print("wrote %s: %d verdicts, %d known disagreements" % (QUICK_FILE, len(items), known))
        return 0
    with open(QUICK_FILE) as f:
        lines = [ln.split() for ln in f if not ln.startswith("#")]
    if lines[0] != ["corpus", dig, str(len(items))]:
        print("compile-check: %s was recorded for another corpus (the generator changed): "
              "rerun with --bless-quick" % QUICK_FILE)
        print("compile-check: 0 passed, 1 failed")
        return 1
    refs = lines[1:]
    t0 = time.time()
    mine = verdicts_of(args.protopy, items, args, "protopy")
    known = {i: r[2][len("known:"):] for i, r in enumerate(refs) if len(r) > 2}
    return report(items, mine, [r[0] for r in refs], [r[1] for r in refs], args, t0,
                  known=known)


def report(items, mine, v12, v11, args, t0, known=None):
    """Prints the disagreements by kind; known (quick mode) maps program
    indexes to ProtoPy's recorded verdict in a known disagreement."""
    cats = {}
    for i, (m, a, b) in enumerate(zip(mine, v12, v11)):
        c = classify(m[0], a, b)
        if c and known is not None and known.get(i) == m[0]:
            c = "known-gap"
        if c:
            cats.setdefault(c, []).append(i)
    os.makedirs(args.out, exist_ok=True)
    failed = 0
    print("compile check: %d programs, %.0f s" % (len(items), time.time() - t0))
    for c in sorted(cats):
        idx = cats[c]
        if c not in ("follows-3.11", "known-gap"):
            failed += len(idx)
        print("  %-16s %6d" % (c, len(idx)))
        for n, i in enumerate(idx):
            name, src = items[i]
            fn = os.path.join(args.out, "%s-%d.py" % (c, i))
            with open(fn, "wb") as f:
                f.write(src)
            if n < args.show:
                print("    %s  [%s]\n      protopy %s %s\n      3.12    %s%s" % (
                    fn, name[-70:], mine[i][0], mine[i][1][:120], v12[i],
                    "   (3.11 %s)" % v11[i] if v11[i] else ""))
    print("agree with CPython 3.12: %d; follow 3.11 where it differs from 3.12: %d; "
          "known gaps: %d; disagreements: %d" % (
              len(items) - sum(map(len, cats.values())), len(cats.get("follows-3.11", [])),
              len(cats.get("known-gap", [])), failed))
    if known is not None:
        print("compile-check: %d passed, %d failed" % (len(items) - failed, failed))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--bless-quick", action="store_true")
    ap.add_argument("--sources", default="stdlib,tests,mutants,generated")
    ap.add_argument("--mutants-per-file", type=int, default=3)
    ap.add_argument("--generated", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python312", default=None)
    ap.add_argument("--python311", default="/usr/bin/python3")
    ap.add_argument("--out", default="/tmp/compile_check")
    args = ap.parse_args()
    if args.quick or args.bless_quick:
        return quick(args, args.bless_quick)
    py312 = args.python312 or find_python312()
    if not py312:
        sys.exit("compile_check needs CPython 3.12 (/usr/bin/python3.12 or a pyenv 3.12 install)")
    t0 = time.time()
    items = corpus(args, py312)
    print("corpus: %d programs (%.0f s)" % (len(items), time.time() - t0), flush=True)
    v12 = [v[0] for v in verdicts_of(py312, items, args, "py312")]
    print("CPython 3.12 done (%.0f s)" % (time.time() - t0), flush=True)
    v11 = [v[0] for v in verdicts_of(args.python311, items, args, "py311")]
    print("CPython 3.11 done (%.0f s)" % (time.time() - t0), flush=True)
    mine = verdicts_of(args.protopy, items, args, "protopy")
    return report(items, mine, v12, v11, args, t0)


if __name__ == "__main__":
    sys.exit(main())
