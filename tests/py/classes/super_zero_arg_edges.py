# super() with no arguments from every kind of code: methods, class and
# static methods, generators, nested functions, lambdas, comprehensions, a
# deleted or rebound first argument, *args methods, and threads.
import threading


class Base:
    def who(self):
        return "Base.who(%s)" % type(self).__name__

    @classmethod
    def make(cls):
        return "Base.make(%s)" % cls.__name__


class Child(Base):
    def who(self):
        return "Child>" + super().who()

    @classmethod
    def make(cls):
        return "Child>" + super().make()

    @staticmethod
    def static():
        try:
            return super().who()
        except RuntimeError as e:
            return "RuntimeError: %s" % e

    def gen(self):
        for i in range(2):
            yield super().who() + str(i)

    def nested(self):
        def inner():
            return super().who()
        try:
            return inner()
        except RuntimeError as e:
            return "RuntimeError: %s" % e

    def with_lambda(self):
        f = lambda: super().who()
        try:
            return f()
        except RuntimeError as e:
            return "RuntimeError: %s" % e

    def in_comprehension(self):
        try:
            return [super().who() for _ in range(1)]
        except TypeError as e:
            return "TypeError: %s" % e

    def deleted(self):
        del self
        try:
            return super().who()
        except RuntimeError as e:
            return "RuntimeError: %s" % e

    def rebound(self):
        self = 42
        try:
            return super().who()
        except TypeError as e:
            return "TypeError: %s" % e

    def star(*args):
        try:
            return "star>" + super().who()
        except RuntimeError as e:
            return "RuntimeError: %s" % e

    def first_then_star(self, *args):
        return "first*>" + super().who()

    def cell_self(self):
        # `self` lives in a cell (a closure reads it): super() reads the cell.
        g = lambda: self
        return super().who() + " " + type(g()).__name__


c = Child()
print(c.who())
print(Child.make(), c.make())
print(Child.static())
print(list(c.gen()))
print(c.nested())
print(c.with_lambda())
print(c.in_comprehension())
print(c.deleted())
print(c.rebound())
print(c.star())
print(c.first_then_star(1, 2))
print(c.cell_self())

try:
    super()
except RuntimeError as e:
    print("module level RuntimeError:", e)


def plain():
    return super()


try:
    plain()
except RuntimeError as e:
    print("function RuntimeError:", e)

# The super object itself.
class Probe(Base):
    def get(self):
        return super()


s = Probe().get()
print(type(s).__name__, s.__thisclass__.__name__, type(s.__self__).__name__,
      s.__self_class__.__name__)
print(s.who())

# Many threads calling super() methods at once.
results = []


def work(n):
    c = Child()
    total = 0
    for _ in range(n):
        total += len(c.who())
    results.append(total)


threads = [threading.Thread(target=work, args=(2000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
