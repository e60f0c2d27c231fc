# while loops with compound conditions and state machines
text = "  hello world  "
i = 0
while i < len(text) and text[i] == " ":
    i += 1
j = len(text)
while j > i and text[j - 1] == " ":
    j -= 1
print(repr(text[i:j]), i, j)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps for 27:", steps)
state = "start"
tokens = list("ab1c2")
out = []
while tokens:
    t = tokens.pop(0)
    if state == "start":
        state = "letters" if t.isalpha() else "digits"
    if t.isalpha():
        if state == "digits":
            out.append("|")
        state = "letters"
    else:
        if state == "letters":
            out.append("|")
        state = "digits"
    out.append(t)
print("".join(out))
lo, hi = 0, 100
target = 37
guesses = []
while lo <= hi:
    mid = (lo + hi) // 2
    guesses.append(mid)
    if mid == target:
        break
    elif mid < target:
        lo = mid + 1
    else:
        hi = mid - 1
print(guesses)
x = 1
while x < 1000 or x % 7:
    x *= 3
    if x > 10 ** 6:
        break
print(x)
