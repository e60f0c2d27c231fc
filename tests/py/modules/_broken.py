print("  [_broken executing]")
partial = "set before failure"
raise ValueError("module _broken failed during import")
