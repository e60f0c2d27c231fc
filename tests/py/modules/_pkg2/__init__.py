print("  [_pkg2 init]")
__all__ = ["mod1", "top_value"]
top_value = "top"
