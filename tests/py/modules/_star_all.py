__all__ = ["public_a", "_listed_private", "Klass"]
public_a = "A"
public_b = "B (not in __all__)"
_listed_private = "private but listed"
_unlisted = "unlisted private"
class Klass:
    pass
