# NameError with no close match: no suggestion line.
def compute():
    return 6 * 7
print(compute())
print(zzqqxxv_undefined_thing)
