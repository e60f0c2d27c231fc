print("  [_circ_n2 start]")
from _circ_n1 import thing
other = "other from n2"
