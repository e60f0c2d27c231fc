# The traceback module (pure Python) reads co_positions() and tb_lasti:
# format_exc(), print_exc(), format_exception_only(), print_stack().
import sys
import traceback


class Config:
    def __init__(self):
        self.values = {"port": "80"}

    def get_int(self, key):
        return int(self.values[key]) + self.offset


def work(c):
    return c.get_int("port") * 2


try:
    work(Config())
except AttributeError:
    text = traceback.format_exc()
    print(text)
    traceback.print_exc(file=sys.stdout)
    print(traceback.format_exception_only(*sys.exc_info()[:2]))
    te = traceback.TracebackException(*sys.exc_info())
    print("".join(te.format(chain=False)))
    for fs in traceback.extract_tb(sys.exc_info()[2]):
        print(fs.lineno, fs.end_lineno, fs.colno, fs.end_colno, fs.line)


def where():
    traceback.print_stack(file=sys.stdout, limit=2)


def caller():
    where()


caller()
traceback.print_exc(file=sys.stdout)
print(traceback.format_exception(ValueError("standalone")))
work(Config())
