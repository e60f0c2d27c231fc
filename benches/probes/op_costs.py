#!/usr/bin/python3
"""Instructions per operation, ProtoPy beside CPython, counted by callgrind.

    /usr/bin/python3 benches/probes/op_costs.py [NAMES...] [--protopy BIN] [--python BIN]

Each case is one operation in a loop inside a function, on objects made in
that function (module globals are shared objects and take the shared paths).
A case runs at 10,000 and at 110,000 iterations under `valgrind
--tool=callgrind`; the difference divided by 100,000 is its instructions per
iteration, the empty loop's included (the `empty` case). docs/PERFORMANCE.md
("Stop 55", "Stop 57") quotes these figures.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# name: (module-level setup, function-local setup, loop body)
CASES = {
    "empty": ("", "", "pass"),
    "bytearray_store": ("", "b = bytearray(256)", "b[i & 255] = 1"),
    "bytes_item": ("", "b = bytes(256)", "b[i & 255]"),
    "array_item": ("from array import array", "a = array('d', [0.5]) * 256", "a[i & 255]"),
    "array_item_i": ("from array import array", "a = array('i', [3]) * 256", "a[i & 255]"),
    "array_store": ("from array import array", "a = array('d', [0.5]) * 256", "a[i & 255] = 1.5"),
    "float_madd": ("", "s = 0.0; x = 1.5; y = 2.5", "s += x * y"),
    "int_subclass_eq": (
        "class N(int): pass\nA = N(1); B = N(2)\n",
        "a = A; b = B",
        "a is b or a == b",
    ),
    "isinstance": ("", "x = 3", "isinstance(x, slice)"),
    "int_subclass_in_frozenset": (
        "class N(int): pass\nA = N(1); B = N(2)\nS = frozenset({A, B})\n",
        "a = A; s = S",
        "a in s",
    ),
    "py_len": (
        "class P:\n    def __init__(self): self.data = [1]\n"
        "    def __len__(self): return len(self.data)\n",
        "p = P()",
        "len(p)",
    ),
    "py_bool": (
        "class P:\n    def __init__(self): self.data = [1]\n"
        "    def __len__(self): return len(self.data)\n",
        "p = P()",
        "if p: pass",
    ),
    "truth_plain": ("class Q:\n    pass\n", "q = Q()", "if q: pass"),
    "getitem_iteration": (
        "class P:\n    def __init__(self): self.data = [(1, 2), (3, 4), (5, 6)]\n"
        "    def __getitem__(self, i):\n"
        "        if isinstance(i, slice): return P()\n"
        "        return self.data[i]\n",
        "p = P()",
        "for a, b in p: pass",
    ),
    "gen_next": (
        "def forever():\n    while True:\n        yield 1\n",
        "g = forever()",
        "next(g)",
    ),
    "gen_for3": (
        "def three():\n    yield 1\n    yield 2\n    yield 3\n",
        "",
        "for x in three(): pass",
    ),
    "yield_from3": (
        "def forever():\n    while True:\n        yield 1\n"
        "def via(g):\n    yield from g\n",
        "g = via(via(via(forever())))",
        "next(g)",
    ),
    "genexp_sum": ("", "l = [1, 2, 3]", "x = sum(a for a in l)"),
    "percent_format": ("", "", 'x = "%d-%s" % (i, "a")'),
    "keyword_call": ("def f(a, b=1, *, c=2): return a\n", "", "f(i, c=3)"),
    "dict_empty": ("", "", "dict()"),
    "ord": ("", 'c = "a"', "ord(c)"),
    "flag_and": ("import re\n", "f = re.I; g = re.M", "f & g"),
    "module_function": ("import _sre\n", "f = _sre.unicode_iscased", "f(65)"),
    "module_attr_call": ("import _sre\n", "", "_sre.unicode_iscased(65)"),
    "keyword_native_call": ("import binascii\n", "b = b'abc'", "binascii.b2a_base64(b, newline=False)"),
    "bytearray_find": ("", "b = bytearray(256); b[60] = 1", "b.find(1, 10)"),
    "int_base2": ("", 's = b"0110"', "int(s, 2)"),
    "bytes_reverse": ("", "s = bytes(32)", "s[::-1]"),
    "list_append": ("", "l = []", "l.append(i)\nif i & 63 == 0: l = []"),
    "len_list": ("", "l = [1, 2]", "len(l)"),
    "isinstance_type": ("", "x = (1,)", "isinstance(x, list)"),
    "any_map": ("", "r = range(4)", "any(map(bool, r))"),
    "range_iter": ("", "", "for j in range(4): pass"),
    "tuple_index": ("", "t = (1, 2)", "t[0]"),
    "property_get": (
        "class S:\n    def __init__(self): self.w = [None]\n"
        "    @property\n    def groups(self): return len(self.w)\n",
        "s = S()",
        "s.groups",
    ),
    "frozenset_le": ("", "a = frozenset((3, 9, 12)); b = frozenset(range(50))", "a <= b"),
    "frozenset_sub": ("", "a = frozenset((3, 9, 12)); b = frozenset(range(50))", "b - a"),
    "frozenset_and": ("", "a = frozenset((3, 9, 12)); b = frozenset(range(50))", "b & a"),
    "min_frozenset": ("", "b = frozenset(range(5, 50))", "min(b)"),
    "list_copy_slice": ("", "l = [-1] * 50", "l[:]"),
    "str_encode_surrogatepass": ("", 's = "collinwinter"', 's.encode("utf-8", "surrogatepass")'),
    "str_encode": ("", 's = "collinwinter"', "s.encode()"),
    "bytesio_read": ("import io\n", "f = io.BytesIO(bytes(64))", "f.read(1)\nif i & 31 == 0: f.seek(0)"),
    "bytesio_write": ("import io\n", "f = io.BytesIO()", "f.write(b'ab')\nif i & 31 == 0: f.seek(0)"),
    "bytes_decode": ("", 'b = b"collinwinter"', "b.decode()"),
    "str_of_bytes_surrogatepass": ("", 'b = b"collinwinter"', 'str(b, "utf-8", "surrogatepass")'),
    "id": ("", "x = []", "id(x)"),
    "dict_get": ("", "d = {'a': 1, 'b': 2}", "d.get('b')"),
    "getattr_default": ("class C:\n    pass\n", "c = C()", "getattr(c, 'x', None)"),
    "struct_pack": ("import struct\n", "p = struct.pack", "p('<I', i)"),
    "frozenset_iter": ("", "s = frozenset((3, 9, 12, 17, 40))", "for x in s: pass"),
    "min_two_ints": ("", "a = 5; b = 3", "min(a, b)"),
    "attr_load": (
        "class P:\n    def __init__(self):\n        self.x = 1\n        self.y = 2\n",
        "o = P()",
        "o.x + o.y",
    ),
    "attr_store": (
        "class P:\n    def __init__(self):\n        self.x = 1\n",
        "o = P()",
        "o.x = i",
    ),
    "with_lock": ("import threading\n", "lk = threading.Lock()", "with lk: pass"),
    "with_python_cm": (
        "class CM:\n    def __enter__(self): return self\n"
        "    def __exit__(self, et, ev, tb): return False\n",
        "cm = CM()",
        "with cm: pass",
    ),
    "method_call": ("class M:\n    def m(self):\n        return 1\n", "o = M()", "o.m()"),
    "poly_method": (
        "class B:\n    def m(self):\n        self.n = self.v\n"
        "class B1(B): v = 1\nclass B2(B): v = 2\nclass B3(B): v = 3\nclass B4(B): v = 4\n",
        "objs = [B1(), B2(), B3(), B4()]",
        "objs[i & 3].m()",
    ),
    "instance_init": (
        "class S:\n    def __init__(self):\n        self.a = 0\n        self.b = {}\n"
        "        self.c = [None]\n",
        "",
        "S()",
    ),
    "if_mask": ("", "", "if i & 31 == 0: pass"),
    "native_method_attr": ("import io\n", "f = io.BytesIO()", "f.tell"),
    "native_method_call": ("import io\n", "f = io.BytesIO()", "f.tell()"),
    "list_method_call": ("", "l = [1]", "l.count(2)"),
    "py_call2": ("def f(a, b):\n    return a\n", "", "f(i, 2)"),
    "varargs_method_call": (
        "class V:\n    def m(self, msg, *args, **kwargs):\n        return msg\n",
        "o = V(); s = 'x'",
        "o.m(s)",
    ),
    "logging_silent": (
        "import logging\nL = logging.getLogger('probe')\n",
        "lg = L; s = 'x'",
        "lg.debug(s)",
    ),
    "py_call_self_attr": (
        "class W:\n    def __init__(self):\n        self.w = [].append\n"
        "    def m(self, x):\n        return x\n",
        "o = W()",
        "o.m(i)",
    ),
    "bound_builtin_attr_call": ("", "w = []\nclass H: pass\nh = H(); h.write = len", "h.write(w)"),
    "dict_miss_except": ("", "d = {}", "try:\n    d[i]\nexcept KeyError:\n    pass"),
    "raise_catch_local": (
        "class E(Exception):\n    pass\n",
        "",
        "try:\n    raise E\nexcept E:\n    pass",
    ),
    "call_raises_caught": (
        "def f(d, k):\n    return d[k]\n",
        "d = {}",
        "try:\n    f(d, i)\nexcept KeyError:\n    pass",
    ),
    "slot_unset_getattr": (
        "class S(dict):\n    __slots__ = ('_root',)\n",
        "s = S(); m = object()",
        "getattr(s, '_root', m)",
    ),
    "super_builtin_method": (
        "class S(dict):\n    def get(self, k, d=None):\n        return super().get(k, d)\n",
        "s = S(a=1)",
        "s.get('a')",
    ),
    "getset_attr": ("", "e = ValueError(1)", "e.args"),
    "traced_f_lineno": (
        "import sys\ndef tr(frame, event, arg):\n    frame.f_lineno\n    return tr\n"
        "sys.settrace(tr)\n",
        "",
        "pass",
    ),
    "dict_get_subclass": ("class S(dict):\n    pass\n", "s = S(a=1)", "s.get('a')"),
    "any_genexp_chain": (
        "import itertools\nclass P:\n    pass\n"
        "def w(*args, **kwargs):\n"
        "    return any(isinstance(a, P) for a in itertools.chain(args, kwargs.values()))\n",
        "",
        "w(i)",
    ),
    "any_genexp": ("", "l = [1, 2]", "any(a is None for a in l)"),
    "chain_two": ("import itertools\n", "t = (1,); d = {}", "for a in itertools.chain(t, d.values()): pass"),
    "genexp_make": ("", "l = [1]", "g = (a for a in l)"),
    "str_replace_miss": ("", "s = '42'", "s.replace('&', '&amp;')"),
    "str_replace_hit": ("", "s = 'a < b & c'", "s.replace('&', '&amp;')"),
    "str_replace_miss30": ("", "s = 'x' * 30", "s.replace('&', '&amp;')"),
    "str_in_byte": ("", "s = 'some/path/name.py'", "'<' in s"),
    "deque_append_join": (
        "import collections\n",
        "d = collections.deque(); ap = d.append",
        "ap('abc')\nif i & 63 == 0: ''.join(d); d = collections.deque(); ap = d.append",
    ),
    "html_escape": ("import html\n", "s = '42'", "html.escape(s)"),
    "getattr_fn_missing": ("def f(): pass\n", "", "getattr(f, 'is_safe', False)"),
    "getattr_fn_present": ("def f(): pass\nf.is_safe = True\n", "", "getattr(f, 'is_safe', False)"),
    "hasattr_int_missing": ("", "x = 5", "hasattr(x, '__html__')"),
    "hasattr_strsub_present": (
        "class S(str):\n    def __html__(self): return self\n", "x = S('a')", "hasattr(x, '__html__')"
    ),
    "str_of_int": ("", "x = 42", "str(x)"),
    "deque_for3": ("import collections\n", "d = collections.deque([1, 2, 3])", "for x in d: pass"),
    "reversed_tuple3": ("", "t = (1, 2, 3)", "for x in reversed(t): pass"),
    "bytesio_read1": ("import io\n", "b = io.BytesIO(bytes(2_000_000))", "b.read(1)"),
    "dec_add": ("from decimal import Decimal\n", "x = Decimal('12.34'); y = Decimal('0.56')", "x + y"),
    "dec_iadd": ("from decimal import Decimal\n", "s = Decimal(0); y = Decimal('0.56')", "s += y"),
    "dec_mul": ("from decimal import Decimal\n", "x = Decimal('12.34'); y = Decimal('0.0675')", "x * y"),
    "dec_mul_int": ("from decimal import Decimal\n", "x = Decimal('0.00894')", "x * 1234"),
    "dec_quantize": ("from decimal import Decimal\n", "x = Decimal('1.2345'); q = Decimal('0.01')", "x.quantize(q)"),
    "dec_quantize_kw": (
        "from decimal import Decimal, ROUND_HALF_EVEN\n",
        "x = Decimal('1.2345'); q = Decimal('0.01'); r = ROUND_HALF_EVEN",
        "x.quantize(q, rounding=r)",
    ),
    "dec_ctx_quantize": (
        "from decimal import Decimal, Context, ROUND_HALF_EVEN\n",
        "x = Decimal('1.2345'); q = Decimal('0.01'); c = Context(rounding=ROUND_HALF_EVEN)",
        "c.quantize(x, q)",
    ),
    "dec_str": ("from decimal import Decimal\n", "x = Decimal('12.34')", "str(x)"),
}


def program(name):
    mod, local, body = CASES[name]
    ind = lambda s, n: "\n".join(" " * n + line for line in s.split("\n"))
    return (
        mod + "\ndef run(n):\n" + ind(local or "pass", 4) + "\n    for i in range(n):\n"
        + ind(body, 8) + "\nimport sys\nrun(int(sys.argv[1]))\n"
    )


def instructions(interp, path, n):
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(d, "cg"),
             interp, path, str(n)],
            capture_output=True, text=True, check=True,
        ).stderr
    m = re.search(r"I\s+refs:\s+([\d,]+)", out)
    return int(m.group(1).replace(",", ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="*")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--protopy", default=os.path.join(root, "target/release/protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    args = ap.parse_args()
    names = args.names or list(CASES)
    print("%-28s %10s %10s" % ("case", "protopy", "cpython"))
    with tempfile.TemporaryDirectory() as d:
        for name in names:
            path = os.path.join(d, name + ".py")
            with open(path, "w") as f:
                f.write(program(name))
            row = []
            for interp in (args.protopy, args.python):
                lo = instructions(interp, path, 10_000)
                hi = instructions(interp, path, 110_000)
                row.append((hi - lo) // 100_000)
            print("%-28s %10d %10d" % (name, *row))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
