# the same slices on list, tuple, str, range and bytes give matching results
seqs = [list(range(8)), tuple(range(8)), "01234567", range(8), bytes(range(48, 56))]
slices = [slice(None), slice(2, 5), slice(-3, None), slice(None, -3), slice(None, None, 2), slice(None, None, -1),
          slice(6, 1, -2), slice(-1, -9, -3), slice(10, 20), slice(-20, 2), slice(3, 3), slice(5, 2)]
for sl in slices:
    outs = []
    for s in seqs:
        r = s[sl]
        outs.append(list(r) if not isinstance(r, (str, bytes)) else [int(c) if isinstance(r, str) else c - 48 for c in r])
    same = all(o == outs[0] for o in outs)
    print(sl, outs[0], "consistent" if same else outs)
for s in seqs:
    print(type(s).__name__, type(s[1:3]).__name__, repr(s[1:3]))
