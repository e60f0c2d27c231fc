# and / or short-circuit and return operand values
def t(v, label):
    print("  eval", label)
    return v
print(t(0, "a") and t(1, "b"))
print(t(1, "a") and t(2, "b"))
print(t(0, "a") or t(0, "b") or t(3, "c") or t(4, "d"))
print(t("", "a") or t(None, "b"))
print(t(1, "a") and t(0, "b") and t(2, "c"))
print(t(0, "a") or t(1, "b") and t(0, "c"))
print(not t([], "a") or t(None, "b"))
print(1 and "x", 0 and "x", "" or [], [] or {}, None or 0 or "", 5 or 1 / 0, 0 and 1 / 0)
print([] and [1], [0] and [1], "a" or "b", ("a", 0) or 1)
default = None
name = default or "anonymous"
print(name)
config = {"verbose": 0}
level = config.get("level") or config.get("verbose") or 1
print(level)
def safe_div(a, b):
    return b and a / b
print(safe_div(6, 3), safe_div(6, 0))
class Truth:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("  bool of", self.v)
        return bool(self.v)
    def __repr__(self):
        return f"Truth({self.v})"
print(Truth(0) or Truth(1))
print(Truth(1) and Truth(0))
print(Truth(2) if Truth(0) else "else-branch")
