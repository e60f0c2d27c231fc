# ast.dump of statements, with and without location attributes.
import ast

SOURCES = [
    "total = count = 0",
    "total += step",
    "limit: int = 10",
    "(limit): int",
    "self.size: float",
    "first, *rest = items",
    "[left, right] = pair",
    "del cache[key], obj.attr, name",
    "assert ready, 'not ready'",
    "raise ValueError('bad') from err",
    "raise",
    "pass",
    "import os.path as osp, sys",
    "from .. import (alpha as a, beta)",
    "from . import sibling",
    "from pkg.sub import *",
    "global counter, total",
    "def outer():\n    nonlocal_value = 1\n    def inner():\n        nonlocal nonlocal_value\n        return nonlocal_value\n    return inner",
    "def area(w, h=1, /, scale=2.0, *dims, unit, precise=False, **opts) -> float:\n    '''Area.'''\n    return w * h",
    "def typed(*args: int, **kwargs: str): ...",
    "async def fetch(urls):\n    async for url in urls:\n        await load(url)\n    async with session() as s, lock:\n        return [r async for r in s]",
    "@register\n@cache(size=3)\nclass Shape(Base, metaclass=Meta):\n    sides: int = 0\n    def describe(self):\n        return f'{self.sides} sides'",
    "@decorator\n\n# a comment between\nasync def handler(): pass",
    "class Empty: pass",
    "class Paren(): pass",
    "if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4",
    "if a:\n    pass\nelse:\n    if b:\n        pass",
    "for key, value in table.items():\n    if not value:\n        continue\n    break\nelse:\n    done()",
    "while queue:\n    queue.pop()\nelse:\n    print('empty')",
    "with open(path) as f, lock:\n    data = f.read()",
    "with (make() as a, other() as (b, c)):\n    pass",
    "try:\n    risky()\nexcept (KeyError, IndexError) as exc:\n    handle(exc)\nexcept Exception:\n    raise\nelse:\n    ok()\nfinally:\n    cleanup()",
    "try:\n    group()\nexcept* OSError as eg:\n    pass",
    "try:\n    pass\nfinally:\n    pass",
    "match command:\n    case 'quit' | 'exit':\n        stop()\n    case ['go', direction]:\n        go(direction)\n    case ['drop', *objects]:\n        drop(objects)\n    case {'x': x, 'y': y, **rest}:\n        point(x, y)\n    case Point(x=0, y=0) | Point(0, 0):\n        origin()\n    case Click(position=(x, y)) if x > 0:\n        click(x, y)\n    case None | True | False:\n        pass\n    case -1 | 1.5 | 2j | -3+4j:\n        pass\n    case Color.RED:\n        pass\n    case (first, *_) as whole:\n        pass\n    case str() | bytes():\n        pass\n    case {}:\n        pass\n    case _:\n        pass",
    "x = 1; y = 2;",
    "if True:\n\tindented = 'tab'\n",
    "value = (\n    1,\n    2,\n)\nprint(value,\n      sep='')",
    "'''Module docstring.'''\nimport os",
]

for src in SOURCES:
    tree = ast.parse(src)
    print(ast.dump(tree))
    print(ast.dump(tree, include_attributes=True))
    print()
print(ast.dump(ast.parse(SOURCES[20]), indent=2))
