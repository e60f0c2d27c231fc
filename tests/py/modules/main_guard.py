# __name__ == "__main__" and module identity.
import sys

def main():
    print("main() running in", __name__)
    import _helper
    print("helper name:", _helper.__name__)
    print(_helper.greet("guard"))

print("top level, __name__ =", __name__)
print(sys.modules["__main__"].main is main)
if __name__ == "__main__":
    main()
else:
    print("imported, not run")

print(__spec__ is None)
print(__package__ is None or __package__ == "")
print(type(__builtins__).__name__ in ("module", "dict"))
print(__doc__)
