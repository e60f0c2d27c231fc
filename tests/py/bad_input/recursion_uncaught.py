# Unbounded recursion that nobody catches: RecursionError, exit code 1, and a
# traceback whose repeated entries are collapsed as CPython does.
class Walker:
    def step(self, n):
        if n % 1000 == 0:
            print("depth", n)
        return self.step(n + 1)

print("start")
Walker().step(1)
print("not reached")
