# sys.getprofile() while a cProfile.Profile is enabled is the profiler itself.
import cProfile
import sys

p = cProfile.Profile()
print(sys.getprofile())
p.enable()
inside = sys.getprofile()
p.disable()
print(inside is p, type(inside).__name__)
print(sys.getprofile())
with p:
    print(sys.getprofile() is p)
print(sys.getprofile())

def hook(frame, event, arg):
    pass

sys.setprofile(hook)
print(sys.getprofile() is hook)
sys.setprofile(None)
print(sys.getprofile())
