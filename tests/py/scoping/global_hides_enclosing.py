# A `global` declaration hides an enclosing function's binding from the
# declaring scope and from the scopes nested in it.
v = "module"


def a():
    v = "a"

    def b():
        global v

        def c():
            def d():
                return v

            return d()

        return c()

    return b(), v


print(a())


def e():
    v = "e"

    def f():
        global v
        v = "set by f"

        def g():
            return v

        return g()

    return f(), v


print(e(), v)


def h(v):
    class K:
        global v

        def get(self):
            return v

        seen = v

    return K().get(), K.seen


v = "module again"
print(h("h's argument"))


def outer():
    w = 1

    def mid():
        global w

        def inner():
            nonlocal_probe = [w for _ in range(1)]
            return nonlocal_probe

        return inner()

    return mid()


w = "global w"
print(outer())
