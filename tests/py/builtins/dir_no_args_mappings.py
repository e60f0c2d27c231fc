# dir() with no argument lists the sorted keys of the locals, which eval
# and exec may give as any mapping or a dict subclass with its own keys().
class M:
    def __getitem__(self, key):
        if key == 'a':
            return 12
        raise KeyError(key)

    def keys(self):
        return ['z', 'x', 'y']


class D(dict):
    def keys(self):
        return ['q', 'p']


class NoKeys:
    def __getitem__(self, key):
        raise KeyError(key)


g = {}
print(eval('dir()', g, M()))
print(eval('dir()', g, D(b=1, a=2)))
print(eval('dir()', g, {'b': 1, 'a': 2}))
try:
    eval('dir()', g, NoKeys())
except AttributeError as e:
    print('AttributeError', e)


class BadKeys:
    def __getitem__(self, key):
        raise KeyError(key)

    def keys(self):
        return [1, 'a']


try:
    eval('dir()', g, BadKeys())
except TypeError as e:
    print('TypeError', e)


def f():
    b = 1
    a = 2
    return dir()


print(f())
