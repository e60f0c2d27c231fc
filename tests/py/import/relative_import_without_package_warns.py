# A relative import from globals with neither __package__ nor __spec__
# warns (ImportWarning) before falling back on __name__/__path__.
import warnings

cases = [
    {"__package__": None, "__spec__": None, "__name__": "__main__"},
    {"__name__": "top"},
    {"__name__": "pkg.sub"},
    {"__package__": "", "__name__": "x"},
]
for g in cases:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            __import__("", g, {}, ("name",), 1)
        except ImportError as e:
            outcome = type(e).__name__ + ": " + str(e)
        else:
            outcome = "imported"
    print(sorted(g), outcome)
    for w in caught:
        print("   ", w.category.__name__, w.message)
