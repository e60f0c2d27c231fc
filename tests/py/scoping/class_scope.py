# Class body scope rules.
x = "global x"

class A:
    x = "class x"
    y = x + " (read in body)"
    def method(self):
        return x
    def method_self(self):
        return self.x
    z = [x for _ in range(1)]
    w = [i * 2 for i in range(3)]

a = A()
print(A.y)
print(a.method())
print(a.method_self())
print(A.z)
print(A.w)

class B:
    values = [1, 2, 3]
    total = sum(values)
    doubled = [v * 2 for v in values]
    factor = 10
    try:
        scaled = [v * factor for v in values]
    except NameError as e:
        scaled = "NameError: " + str(e)
    first_iter_ok = [v for v in values if v > 1]
print(B.total, B.doubled)
print(B.scaled)
print(B.first_iter_ok)

class C:
    n = 3
    try:
        pairs = [(i, j) for i in range(n) for j in range(n)]
    except NameError as e:
        pairs = "NameError: " + str(e)
    gen = list(i for i in range(n))
print(C.pairs)
print(C.gen)

def outer():
    v = "function local"
    class Inner:
        w = v
        def get(self):
            return v
        lst = [v for _ in range(1)]
    return Inner.w, Inner().get(), Inner.lst
print(outer())

def shadowing():
    v = "enclosing"
    class K:
        v = "class level"
        def get(self):
            return v
        seen_in_body = v
    return K().get(), K.seen_in_body
print(shadowing())

def class_reads_before_assign():
    v = "enclosing"
    try:
        class K:
            first = v
            v = "class"
            second = v
        return K.first, K.second
    except NameError as e:
        return "NameError: " + str(e)
print(class_reads_before_assign())
v = "now a global"
print(class_reads_before_assign())

class D:
    counter = 0
    def inc(self):
        try:
            counter += 1
        except UnboundLocalError as e:
            return "UnboundLocalError: " + str(e)
print(D().inc())

class E:
    name = "E"
    class Nested:
        try:
            ref = name
        except NameError as e:
            ref = "NameError: " + str(e)
print(E.Nested.ref)

class F:
    def helper():
        return "helper called in body"
    result = helper()
    lam = lambda: "lambda in class"
print(F.result, F.lam())

class G:
    items = {k: k * 2 for k in "ab"}
    keys = set(items)
print(G.items, sorted(G.keys))

class H:
    __private = "mangled"
    def read(self):
        return self.__private, H.__private
    lst = [__private for _ in range(1)] if False else None
print(H().read())
