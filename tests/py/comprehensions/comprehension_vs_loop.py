# comprehensions produce the same results as explicit loops
words = ["Sun", "moon", "Star", "sky", "Cloud", "rain"]
loop_result = []
for w in words:
    if w[0].isupper():
        loop_result.append(w.lower())
comp_result = [w.lower() for w in words if w[0].isupper()]
print(loop_result, comp_result, loop_result == comp_result)
pairs_loop = []
for a in range(3):
    for b in range(a):
        pairs_loop.append((a, b))
print(pairs_loop == [(a, b) for a in range(3) for b in range(a)], pairs_loop)
index = {}
for i, w in enumerate(words):
    index[w[0].lower()] = index.get(w[0].lower(), []) + [i]
print(index)
index2 = {c: [i for i, w in enumerate(words) if w[0].lower() == c] for c in sorted({w[0].lower() for w in words})}
print(index2, dict(sorted(index.items())) == index2)
print(list(map(lambda w: len(w), words)) == [len(w) for w in words])
print(list(filter(lambda w: "o" in w, words)) == [w for w in words if "o" in w])
squares = {}
for n in range(5):
    squares[n] = n * n
print(squares == {n: n * n for n in range(5)})
