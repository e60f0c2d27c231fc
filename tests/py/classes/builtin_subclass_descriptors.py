# Instances of subclasses of builtin types are descriptors when their class
# defines __get__ (a dict subclass dispatching to methods, as html5lib does);
# plain builtin values stored on a class are returned as they are.
class Dispatcher(dict):
    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return {k: f.__get__(instance) for k, f in self.items()}


class Tagged(str):
    def __get__(self, instance, owner=None):
        return f"{self}:{type(instance).__name__ if instance is not None else owner.__name__}"


class Count(int):
    def __get__(self, instance, owner=None):
        return int(self) + (1 if instance is not None else 0)


class Listy(list):
    def __get__(self, instance, owner=None):
        return len(self)


class Parser:
    def on_a(self, tok):
        return ("a", type(self).__name__, tok)

    handlers = Dispatcher(a=on_a)
    label = Tagged("lbl")
    n = Count(41)
    items = Listy([1, 2, 3])
    plain_dict = {"x": 1}
    plain_str = "s"


p = Parser()
print(p.handlers["a"]("t"), type(Parser.handlers).__name__)
print(p.label, Parser.label)
print(p.n, Parser.n, p.items, Parser.items)
print(p.plain_dict, p.plain_str, Parser.plain_dict)
