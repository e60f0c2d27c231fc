# concurrent.futures.ProcessPoolExecutor: map, submit, exceptions.
import concurrent.futures as cf
import multiprocessing as mp


def cube(x):
    return x ** 3


def divide(a, b):
    return a / b


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=ctx) as ex:
        print(list(ex.map(cube, range(10))))
        print(list(ex.map(cube, range(10), chunksize=4)))
        futs = [ex.submit(divide, 10, i) for i in (1, 2, 5)]
        print([f.result() for f in futs])
        f = ex.submit(divide, 1, 0)
        try:
            f.result()
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
        print(type(f.exception()).__name__)
        done, _ = cf.wait(futs)
        print(len(done))
    print(cf.ProcessPoolExecutor.__module__)
