print("  [_circ_a start]")
import _circ_b
A_VALUE = "a value"
def use_b():
    return "a uses " + _circ_b.B_VALUE
print("  [_circ_a end]")
