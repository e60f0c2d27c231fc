# One builtin iterator stepped by several threads (directly and through
# enumerate) hands out each item exactly once: a step is atomic, so no
# item is repeated or skipped and none comes from past the end.
import threading

sources = [
    ("range", range(8000)),
    ("range step", range(5, 40005, 5)),
    ("list", list(range(8000))),
    ("tuple", tuple(range(8000))),
    ("ascii str", "abcdefgh" * 1000),
    ("non-ascii str", "é€" * 4000),
    ("bytes", bytes(range(256)) * 30),
    ("dict", {i: -i for i in range(8000)}),
]

for name, src in sources:
    for wrap in ("direct", "enumerate"):
        it = iter(src)
        got = [[] for _ in range(4)]

        def run(k):
            out = got[k]
            if wrap == "direct":
                for x in it:
                    out.append(x)
            else:
                for _, x in enumerate(it):
                    out.append(x)

        ts = [threading.Thread(target=run, args=(k,)) for k in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        items = sum(got, [])
        print(name, wrap, len(items), sorted(items) == sorted(src))
