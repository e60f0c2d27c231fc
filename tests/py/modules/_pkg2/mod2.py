print("  [_pkg2.mod2 executing]")
M2 = "mod2 constant"
