# A multiprocessing Manager's dict and list, changed by child processes
# through their proxies (spawn start method).
import multiprocessing as mp


def fill(d, lst, i):
    d[i] = i * i
    lst.append(i)


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with ctx.Manager() as m:
        d = m.dict()
        lst = m.list()
        ps = [ctx.Process(target=fill, args=(d, lst, i)) for i in range(4)]
        for p in ps:
            p.start()
        for p in ps:
            p.join(60)
        print(sorted(d.items()), sorted(lst))
        ns = m.Namespace()
        ns.x = 5
        print(ns.x, len(d), 2 in d)
        q = m.Queue()
        q.put("hello")
        print(q.get())
        try:
            d[99]
        except KeyError as e:
            print("KeyError", e)
