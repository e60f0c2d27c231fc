# Circular imports that work because attributes are used lazily.
import _circ_a
print(_circ_a.use_b())
import _circ_b
print(_circ_b.use_a())
print(_circ_a._circ_b is _circ_b, _circ_b._circ_a is _circ_a)

import _cyc
print(_cyc.left.call_right(), _cyc.right.call_left())
print(_cyc.left.right is _cyc.right)
