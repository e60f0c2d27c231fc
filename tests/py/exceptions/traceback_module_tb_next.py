# The traceback module over ProtoPy tracebacks (co_positions, linecache),
# and writing tb_next (None, a traceback, errors).
import traceback


def leaf():
    return {}["missing"]


def middle():
    leaf()


try:
    middle()
except KeyError as e:
    print(traceback.format_exc().replace(__file__, "FILE"))
    summary = traceback.extract_tb(e.__traceback__)
    print([(fs.name, fs.line) for fs in summary])
    tb = e.__traceback__
    depth = 0
    t = tb
    while t is not None:
        depth += 1
        t = t.tb_next
    print("depth", depth)
    tb.tb_next.tb_next = None
    print(len(traceback.extract_tb(tb)))
    for bad in (5, "x"):
        try:
            tb.tb_next = bad
        except TypeError as err:
            print("TypeError:", err)
    try:
        tb.tb_next.tb_next = tb
    except ValueError as err:
        print("ValueError:", err)
    tb.tb_next = None
    print(traceback.format_tb(tb)[0].splitlines()[0].split(",")[1:])
