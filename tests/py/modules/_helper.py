"""Helper module docstring."""
print("  [_helper executing, __name__ =", __name__ + "]")

CONSTANT = 42
_private = "hidden"
items = []

def greet(name):
    return f"hello {name} from {__name__}"

def add_item(x):
    items.append(x)
    return len(items)

def get_constant():
    return CONSTANT

class Thing:
    def __repr__(self):
        return "Thing()"

if __name__ == "__main__":
    print("  _helper run as a script")
