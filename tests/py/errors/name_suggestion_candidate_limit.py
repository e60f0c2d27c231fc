# Name suggestions are skipped for a namespace of 750 names or more
# (CPython's limit): with 760 globals `value_1x` gets no "Did you mean".
for i in range(760):
    globals()["value_%d" % i] = i
print(value_1 + value_759)
print(value_1x)
