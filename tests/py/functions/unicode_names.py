# Non-ASCII identifiers for functions, parameters and keyword arguments.
def grüße(name, *, höflich=False):
    return ("Sehr geehrte " if höflich else "Hallo ") + name

print(grüße("Anna"))
print(grüße("Herr Schmidt", höflich=True))
print(grüße.__name__)

def 面积(宽, 高):
    return 宽 * 高
print(面积(3, 4), 面积(宽=2, 高=5))

π = 3.14159
def circle(r):
    return round(π * r * r, 2)
print(circle(2))

def kw(**options):
    return sorted(options)
print(kw(café=1, naïve=2, ζ=3))

try:
    grüße("x", höflih=True)
except TypeError as e:
    print("TypeError:", e)
try:
    面积(1)
except TypeError as e:
    print("TypeError:", e)

class Σ:
    def __init__(self, *xs):
        self.xs = xs
    def σ(self):
        return sum(self.xs)
print(Σ(1, 2, 3).σ(), Σ.__name__, Σ.σ.__qualname__)

ﬁ = "ligature name"
print(fi)
Ⅸ = 9
print(IX if "IX" in dir() else "roman numeral normalised:", Ⅸ)
