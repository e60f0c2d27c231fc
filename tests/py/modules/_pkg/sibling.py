print("  [_pkg.sibling executing]")
SIB = "sibling constant"
