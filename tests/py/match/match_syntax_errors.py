# Compile-time errors of match statements, checked via compile().
sources = {
    "irrefutable not last": "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
    "wildcard not last": "match x:\n    case _:\n        pass\n    case 2:\n        pass\n",
    "two stars": "match x:\n    case [*a, *b]:\n        pass\n",
    "or binds different names": "match x:\n    case [a] | [b]:\n        pass\n",
    "duplicate capture": "match x:\n    case [a, a]:\n        pass\n",
    "duplicate mapping key": "match x:\n    case {'k': 1, 'k': 2}:\n        pass\n",
    "irrefutable alternative": "match x:\n    case a | 1:\n        pass\n",
    "rest must be last": "match x:\n    case {**rest, 'a': 1}:\n        pass\n",
    "positional after keyword": "match x:\n    case C(a=1, b):\n        pass\n",
    "duplicate keyword": "match x:\n    case C(a=1, a=2):\n        pass\n",
    "star outside sequence": "match x:\n    case *a:\n        pass\n",
    "attribute capture target": "match x:\n    case 1 as y.z:\n        pass\n",
    "underscore as target": "match x:\n    case 1 as _:\n        pass\n",
    "valid": "match x:\n    case [1, *rest] if rest:\n        pass\n    case _:\n        pass\n",
}
for label, src in sources.items():
    try:
        compile(src, "<match>", "exec")
        print(f"{label}: compiled fine")
    except SyntaxError as e:
        print(f"{label}: SyntaxError: {e.msg} (line {e.lineno})")
