# Executor.map keeps input order; an exception is raised when its result is reached.
from concurrent.futures import ThreadPoolExecutor
import time

def slow_identity(x):
    time.sleep(0.001 * ((7 * x) % 5))
    return x

def pair(a, b):
    return f"{a}{b}"

def maybe_fail(x):
    if x == 3:
        raise ValueError(f"item {x} is bad")
    return x * 10

with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(slow_identity, range(20))))
    print(list(ex.map(pair, "abc", [1, 2, 3, 4])))
    print(list(ex.map(abs, [])))
    got = []
    try:
        for r in ex.map(maybe_fail, range(6)):
            got.append(r)
    except ValueError as e:
        print("raised after", got, "->", e)
    print(sum(ex.map(lambda x: x * x, range(1000), chunksize=50)))
    print(list(ex.map(len, ["a", "bb", "ccc"], timeout=10)))
