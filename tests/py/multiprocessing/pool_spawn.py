# multiprocessing.Pool with the spawn start method: map, imap_unordered,
# apply_async, starmap, and a worker exception coming back with its type
# and message.
import multiprocessing as mp


def square(x):
    return x * x


def add(a, b):
    return a + b


class Boom(Exception):
    pass


def fail(x):
    if x == 3:
        raise Boom(f"task {x} failed")
    return x


def fail_key(d):
    return d["missing"]


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        print(pool.map(square, range(12)))
        print(sorted(pool.imap_unordered(square, range(20), chunksize=3)))
        print(list(pool.imap(square, range(5))))
        r = pool.apply_async(add, (40, 2))
        print(r.get(timeout=60))
        print(pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
        try:
            pool.map(fail, range(6))
        except Boom as e:
            print("Boom:", e)
        r = pool.apply_async(fail_key, ({"a": 1},))
        try:
            r.get(timeout=60)
        except KeyError as e:
            print("KeyError:", e)
        print(r.successful())
    print("done")
