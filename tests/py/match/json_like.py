# Processing nested JSON-like data with match.
def summarize(node, depth=0):
    pad = "  " * depth
    match node:
        case {"type": "folder", "name": str(name), "children": [*children]}:
            print(f"{pad}{name}/ ({len(children)} entries)")
            for child in children:
                summarize(child, depth + 1)
        case {"type": "file", "name": str(name), "size": int(size)} if size > 1000:
            print(f"{pad}{name} [large: {size // 1000}k]")
        case {"type": "file", "name": str(name), "size": int(size)}:
            print(f"{pad}{name} [{size} bytes]")
        case {"type": "link", "target": target}:
            print(f"{pad}-> {target}")
        case {"type": kind}:
            print(f"{pad}unknown node type {kind!r}")
        case _:
            print(f"{pad}malformed node {node!r}")

tree = {
    "type": "folder", "name": "root", "children": [
        {"type": "file", "name": "a.txt", "size": 120},
        {"type": "folder", "name": "src", "children": [
            {"type": "file", "name": "main.py", "size": 4096},
            {"type": "link", "target": "../a.txt"},
        ]},
        {"type": "device", "name": "dev0"},
        ["not", "a", "dict"],
        {"type": "folder", "name": "empty", "children": []},
    ],
}
summarize(tree)

def total_size(node):
    match node:
        case {"type": "file", "size": int(size)}:
            return size
        case {"type": "folder", "children": children}:
            return sum(total_size(c) for c in children)
        case _:
            return 0
print("total size:", total_size(tree))

def validate(user):
    match user:
        case {"name": str(), "age": int(age), **rest} if 0 <= age < 150 and not rest:
            return "valid"
        case {"name": str(), "age": int(), **rest} if rest:
            return "unexpected keys: " + ", ".join(sorted(rest))
        case {"name": str(), "age": int(age)}:
            return f"age {age} out of range"
        case {"name": _, "age": _}:
            return "wrong types"
        case {"name": _}:
            return "missing age"
        case _:
            return "not a user"
for u in [{"name": "a", "age": 3}, {"name": "b", "age": 3, "x": 1, "y": 2}, {"name": "c", "age": 200},
          {"name": 1, "age": "2"}, {"name": "d"}, ["name"]]:
    print(validate(u))
