print("  [_circ_b start]")
import _circ_a
B_VALUE = "b value"
def use_a():
    return "b uses " + _circ_a.A_VALUE
try:
    _circ_a.A_VALUE
except AttributeError as e:
    print("  [_circ_b sees]", e)
print("  [_circ_b end]")
