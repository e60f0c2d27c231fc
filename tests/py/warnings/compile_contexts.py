# warnings: compiler warnings in every kind of statement and expression context,
# how often CPython 3.11 emits them (finally bodies and while tests are compiled
# more than once) and the location of the SyntaxError an error filter makes.
import warnings
tests = [
 'for i in x:\n  try:\n    continue\n  finally:\n    i is 1\n  i is 2',
 'def f():\n  with a:\n    return x is 1',
 'def f():\n  try:\n    return 1\n  except E:\n    y is 2\n  else:\n    z is 3\n  finally:\n    w is 4',
 'def f():\n  for i in x:\n    try:\n      try:\n        break\n      finally:\n        a is 1\n    finally:\n      b is 2',
 'match x:\n  case 1 if y is 2:\n    pass\n  case [a, b] if a is "s":\n    pass',
 'async def f():\n  async with a:\n    return x is 1',
 'async def f():\n  async for i in a:\n    try:\n      break\n    finally:\n      i is 3',
 'def f():\n  try:\n    pass\n  finally:\n    try:\n      pass\n    finally:\n      x is 5',
 'x = [y for y in z if y is 1]',
 'x = {y: y is 1 for y in z}',
 'def g(a=1 is x, *, b=(1)(2)): pass',
 'class C(1 is x):\n  y = "a"()',
 '@(1)(2)\ndef f(): pass',
 'x: 1 is 2 = 3',
 'def f(x: 1 is 2) -> "a"[1.0]: pass',
 'while x:\n  while y is 1:\n    break\n  else:\n    z is 2',
 'try:\n  pass\nexcept* E:\n  x is 1\nfinally:\n  y is 2',
 'del (1)[0]',
 'x = (1)[0] = 2',
 'x = f"{1 is y}"',
 'x = f"{(1)(2)!r:{3 is z}}"',
 'print(x, "s" "t"[1.0])',
 'x = lambda: (yield 1 is y)',
 'with (1)(2) as f: pass',
 'global x\nx is 1',
 'x = 1 if y is 1 else 2 if z is 3 else 4',
 'if 0:\n  x is 1\nelif 1:\n  y is 2\nelse:\n  z is 3',
 'while 0:\n  x is 1',
 'while 1:\n  x is 1\n  break',
 'if x is 1 and y is 2 or not z is 3: pass',
 'x = not (a is 1) and b',
]
for s in tests:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try: compile(s, "<t>", "exec"); r = "ok"
        except SyntaxError as e: r = e.msg
    print(repr(s), r, [(str(m.message)[:12], m.lineno) for m in w])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try: compile(s, "<t>", "exec"); r = "ok"
        except SyntaxError as e: r = (e.msg[:10], e.lineno, e.offset, e.end_lineno, e.end_offset)
    print("   ", r)
