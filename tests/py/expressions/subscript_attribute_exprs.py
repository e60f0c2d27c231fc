# subscription, slicing and attribute access expressions
data = {"users": [{"name": "ann", "tags": ["a", "b"]}, {"name": "bob", "tags": []}]}
print(data["users"][0]["name"], data["users"][-1]["tags"], data["users"][0]["tags"][1:], len(data["users"][1]["tags"]))
print("hello"[1], "hello"[1:3], "hello"[::-1][0], [[1, 2], [3, 4]][1][0], (1, (2, (3,)))[1][1][0])
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m[1], m[1][2], m[-1][-1], [row[0] for row in m], m[::2], m[1][::-1])
class Node:
    def __init__(self, v, nxt=None):
        self.v = v
        self.next = nxt
chain = Node(1, Node(2, Node(3)))
print(chain.v, chain.next.v, chain.next.next.v, chain.next.next.next)
print("abc".upper().lower().title(), " x ".strip().center(5, "*"), [3, 1, 2].copy().__len__())
class Multi:
    def __getitem__(self, key):
        return key
mm = Multi()
print(mm[1], mm[1, 2], mm[1:2], mm[:, None], mm["k"], mm[...], mm[::-1], mm[(1,)], mm[[1]])
print((1).real, 1 .imag, 1.5.is_integer(), (2 ** 10).bit_length(), "x".join("ab").upper())
try:
    chain.missing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    five = 5
    five[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    None.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    print(len[0])
except TypeError as e:
    print(type(e).__name__, e)
print(list[int], dict[str, int], type[int] if False else "skip")
