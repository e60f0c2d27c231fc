#!/usr/bin/python3
"""Joins two text profiles of `llvm-profdata merge --text`: a fresh recording
and the profile the build used until now. For each function of the fresh
recording, the earlier record is kept when it has the same control-flow hash
(the function's code is unchanged), the fresh one is taken otherwise; functions
that are no longer recorded are dropped.

    pgo-keep.py FRESH.proftext KEPT.proftext OUT.proftext

Why (docs/ARCHITECTURE.md, "Profile-guided optimization"): LLVM's register
allocation over the interpreter loop's 4,000 blocks follows its counts, and any
recording differs a little from the last (new golden programs, collection
points): with the loop's source unchanged, its code should not change either.
"""
import sys


def starts_with_header(lines):
    """Whether `lines` begins with a header line: a `:flag`, or the comment above one."""
    return bool(lines) and (
        lines[0].startswith(":")
        or (lines[0].startswith("#") and len(lines) > 1 and lines[1].startswith(":"))
    )


def records(path):
    """The header lines and the (name, hash) -> record text map of a text profile."""
    header, recs, order = [], {}, []
    with open(path) as f:
        chunks = f.read().split("\n\n")
    for chunk in chunks:
        lines = [l for l in chunk.split("\n") if l != ""]
        # The header (`# IR level Instrumentation Flag`, `:ir`, ...) comes
        # before the first record, in the same chunk.
        while starts_with_header(lines):
            header.append(lines.pop(0))
        if not lines:
            continue
        if len(lines) < 3 or lines[1] != "# Func Hash:":
            raise SystemExit(f"{path}: unexpected record: {lines[:3]}")
        key = (lines[0], lines[2])
        recs[key] = "\n".join(lines)
        order.append(key)
    return header, recs, order


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    fresh, kept, out = sys.argv[1:]
    header, new, order = records(fresh)
    _, old, _ = records(kept)
    taken = sum(1 for k in order if k in old)
    with open(out, "w") as f:
        f.write("\n".join(header) + "\n")
        for k in order:
            f.write(old.get(k, new[k]) + "\n\n")
    print(f"pgo-keep: {taken} of {len(order)} functions keep their earlier counts, "
          f"{len(order) - taken} recorded anew")


if __name__ == "__main__":
    main()
