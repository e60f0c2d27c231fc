# f-strings: expressions, specs, conversions, nesting, escaping
name = "World"
n = 42
pi = 3.14159265
items = [1, 2, 3]
d = {"key": "value", "n": 7}
print(f"Hello, {name}!", f"{n}", f"{n + 1}", f"{n * 2:>6}", f"{pi:.3f}", f"{pi:10.2e}|")
print(f"{name!r} {name!s} {name!a} {'é'!a} {name!r:>10}|")
print(f"{items[0]} {items[-1]} {items[1:]} {len(items)} {d['key']} {d['n'] ** 2}")
print(f"{{literal}} {{{n}}} {{{{double}}}}")
width, prec = 12, 4
print(f"{pi:{width}.{prec}f}|{pi:<{width}}|{name:^{width}}|{n:0{width}d}")
print(f"{'nested ' + f'{n:03}'}", f"{'x' if n > 40 else 'y'}", f"""{f'{n:{"^"}5}'}|""")
print(f"{n if n > 100 else -n}", f"{(lambda x: x * 2)(21)}", f"{[x * x for x in range(4)]}", f"{ {'a': 1}['a'] }")
print(f"{n:#x} {n:#o} {n:#b} {n:,} {10 ** 7:_} {0.5:%} {n:c}", f"{n:+}", f"{-n: }")
print(f"{3 + 4j} {None} {True} {b'bytes'} {1e100} {[1, 'a']}")
print(f"a" f"b" "c" f"{n}", F"upper {n}", rf"raw\n{n}", fR"\t{n}\t", f"{chr(92)}")
print(f"{name=}", f"{n + 1 = }", f"{pi=:.2f}", f"{name=!s}", f"{items[1]=}", f"{ n = }")
print(f"{n!r:>{width}}|", f"{'{}'}", f"{'}'}", f"{'{'}")
print(f"""triple {name}
second line {n}""")
x = 10
print(f"{x:{'>' if x > 5 else '<'}{x}}|")
print(f"{'abc'[::-1]}", f"{name.upper()}", f"{name.lower()=}", f"{len(name):03}")
print(f"{(1, 2)}", f"{1, 2}" if False else f"{(1, 2)!r}", f"{x:=^9}")
class C:
    def __format__(self, spec):
        return "C[" + spec + "]"
    def __repr__(self):
        return "C()"
    def __str__(self):
        return "str-C"
c = C()
print(f"{c}", f"{c:spec}", f"{c!r}", f"{c!s}", f"{c=}", f"{c=:zz}", f"{c!r:>6}")
