# A lambda whose body yields returns the body's value when it ends, as
# the equivalent def does.


def inner():
    return (yield "from inner")


makers = {
    "lambda yield": lambda: (yield "a"),
    "lambda yield from": lambda: (yield from inner()),
    "lambda tuple": lambda: ((yield "b"), (yield "c")),
}
for name, make in makers.items():
    gen = make()
    sent = 0
    try:
        value = next(gen)
        while True:
            print(name, "yielded", value)
            sent += 1
            value = gen.send(sent * 10)
    except StopIteration as e:
        print(name, "returned", e.value)

print(list((lambda: (yield 1))()))
print(list((lambda: (yield from range(3)))()))
