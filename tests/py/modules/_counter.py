print("  [_counter module body executed]")
loads = 1
