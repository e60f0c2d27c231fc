# None/True/False patterns compare by identity; other literals by equality.
def check(v):
    match v:
        case True:
            return "is True"
        case False:
            return "is False"
        case None:
            return "is None"
        case _:
            return "not a singleton"

for v in [True, False, None, 1, 0, 1.0, 0.0, "", [], "True", "None"]:
    print(repr(v), "->", check(v))

def eq_literal(v):
    match v:
        case 1:
            return "equals 1"
        case 0:
            return "equals 0"
        case _:
            return "neither"
for v in [True, False, 1.0, 0j, 1 + 0j, "1", None]:
    print(repr(v), "->", eq_literal(v))

class EqAll:
    def __eq__(self, other):
        return True
print(check(EqAll()))
print(eq_literal(EqAll()))

def none_in_sequence(v):
    match v:
        case [None, x]:
            return "leading None, then " + repr(x)
        case [x, None]:
            return "trailing None after " + repr(x)
        case _:
            return "no None at edges"
print(none_in_sequence([None, 1]), none_in_sequence([2, None]), none_in_sequence([0, 0]))

def bool_in_mapping(d):
    match d:
        case {"enabled": True}:
            return "enabled"
        case {"enabled": False}:
            return "disabled"
        case {"enabled": x}:
            return "enabled is non-bool " + repr(x)
print(bool_in_mapping({"enabled": True}), bool_in_mapping({"enabled": 1}), bool_in_mapping({"enabled": 0}))

def str_vs_bytes(v):
    match v:
        case "abc":
            return "str abc"
        case b"abc":
            return "bytes abc"
        case _:
            return "neither"
print(str_vs_bytes("abc"), str_vs_bytes(b"abc"), str_vs_bytes(bytearray(b"abc")))

def float_eq(v):
    match v:
        case 0.1:
            return "0.1"
        case 0.30000000000000004:
            return "0.1 + 0.2"
        case _:
            return "other float"
print(float_eq(0.1), float_eq(0.1 + 0.2), float_eq(0.3))
nan = float("nan")
def nan_match(v):
    match v:
        case 1.5:
            return "1.5"
        case _:
            return "nan never equals"
print(nan_match(nan))
