print("  [_circ_n1 start]")
from _circ_n2 import other
thing = "thing from n1"
