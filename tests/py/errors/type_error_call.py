# Calling a method with the wrong number of arguments, uncaught.
class Greeter:
    def greet(self, name, punctuation):
        return f"Hello, {name}{punctuation}"

g = Greeter()
print(g.greet("Ann", "!"))
print(g.greet("Bob"))
