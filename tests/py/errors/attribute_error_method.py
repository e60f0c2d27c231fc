# AttributeError on a builtin type with a method-name suggestion.
words = ["alpha", "beta"]
words.append("gamma")
print(words)
words.apend("delta")
