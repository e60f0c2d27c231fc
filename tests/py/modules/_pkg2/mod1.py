print("  [_pkg2.mod1 executing]")
M1 = "mod1 constant"
