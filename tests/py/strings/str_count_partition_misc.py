# text processing: counting words and characters without collections
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness"""
words = [w.strip(",.").lower() for w in text.split()]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
for w in sorted(counts, key=lambda k: (-counts[k], k)):
    print(w, counts[w])
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print(sorted(letters.items())[:8])
print(len(text), len(words), len(text.splitlines()), text.count("it was"), text.lower().count("it was"))
first, _, rest = text.partition(",")
print(repr(first), len(rest))
print(text.splitlines()[1].title())
print(max(words, key=len), min(words, key=len))
