# An exception inside an imported module propagates with frames from both files.
print("importing a module whose body fails")
import _raises_deep
print("never")
