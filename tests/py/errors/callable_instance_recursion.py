# A class whose __call__ is one of its own instances recurses without end:
# RecursionError, not a crash. slice.indices() with huge bounds and lengths.
class Loop:
    pass

Loop.__call__ = Loop()
try:
    Loop()()
except RecursionError as e:
    print("RecursionError:", e)

print(slice(-2**100, 2**100, 7).indices(2**100))
print(slice(None, None, -2**70).indices(5))
print(slice(3, None, 2**64).indices(2**65))
try:
    slice(None).indices(-2**80)
except ValueError as e:
    print("ValueError:", e)
try:
    slice(0, 5, 0).indices(2**80)
except ValueError as e:
    print("ValueError:", e)
