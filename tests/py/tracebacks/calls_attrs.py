# Markers for calls (the whole call expression) and attribute access.
import traceback


def show(f, *args):
    try:
        f(*args)
    except Exception:
        print("".join(traceback.format_exc().splitlines(True)[-3:]), end="")


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"cannot withdraw {amount}")
        self.balance -= amount


def bad_call(n):
    return len(n) + 1


def method_call(acct):
    result = acct.withdraw(500) or "done"
    return result


def attr(acct):
    return acct.balanse


def attr_chain(acct):
    return acct.balance.real.missing


def calls_none(f):
    return f(1, 2)


def nested_calls(x):
    return int(str(float(x)))


show(bad_call, 5)
show(method_call, Account(10))
show(attr, Account(10))
show(attr_chain, Account(10))
show(calls_none, None)
show(nested_calls, "nan")


def run():
    a = Account(100)
    a.withdraw(30)
    return a.withdraw(int("200"))


run()
