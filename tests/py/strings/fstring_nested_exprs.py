# f-strings with calls, comprehensions, dict access, conditionals and nested f-strings
def greet(who, punct="!"):
    return f"Hi {who}{punct}"
data = {"alpha": [1, 2, 3], "beta": {"x": 10}}
names = ["ann", "bob", "cy"]
print(f"{greet('you')} / {greet(who='them', punct='?')}")
print(f"{', '.join(n.title() for n in names)}")
print(f"{sum(data['alpha'])} {data['beta']['x']:>5} {max(data['alpha']) - min(data['alpha'])}")
print(f"{'even' if len(names) % 2 == 0 else 'odd'} count={len(names)}")
print(f"{[f'{n:>4}' for n in names]}")
print(f"{ {k: len(v) for k, v in data.items()} }")
for i in range(4):
    print(f"{i:2d}: {'#' * i:<4}| {i ** 2:>3} {'*' if i & 1 else '-'}")
w = 8
for v in (3.14159, 100, -2.5):
    print(f"[{v:^{w}.2f}] [{v:<{w}}] [{v!s:>{w}}] [{str(v):>{w}}]")
print(f"{f'{w}'}{f'{w * 2}'}", f"""{f'{"inner"!r}'}""")
print(f"{'a' 'b'}", f"{('c' 'd')}", f"{names[0][0].upper() + names[0][1:]}")
print(f"{(lambda: 'lam')()}", f"{(x := 5) + x}", x)
print(f"{3 > 2 and 'yes'}", f"{0 or 'fallback'}", f"{not None}")
print(f"{1:{''}}", f"{'x':{'>'}{3}}", f"{12345:{','}}")
print(f"{'%.2f' % 2.345} {'{:>4}'.format(7)}")
