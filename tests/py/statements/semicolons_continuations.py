# statement separators, line continuations and compound one-liners
a = 1; b = 2; c = a + b; print(a, b, c)
total = 1 + \
        2 + \
        3
print(total)
values = [
    1,
    2,  # comment inside brackets
    3,
]
print(values)
call = max(
    4,
    9,
    2
)
print(call)
text = ("implicit "
        "concatenation "
        "across lines")
print(text)
if a: print("inline if"); print("second stmt of inline if")
for i in range(3): print(i, end=" ")
print()
while b: b -= 1; print("b now", b)
d = {
    "k": [1,
          2],
}
print(d)
x = (
    a
    if c > 2
    else b
)
print(x)
def f(x): return x * 2
print(f(21))
class C: attr = "one-line class"
print(C.attr)
print("tab\
continued string")
