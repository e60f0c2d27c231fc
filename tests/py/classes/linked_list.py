# A linked list implementing the container protocols.
class Node:
    __slots__ = ("value", "next")
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

class LinkedList:
    def __init__(self, iterable=()):
        self.head = None
        self.size = 0
        for v in reversed(list(iterable)):
            self.push(v)
    def push(self, v):
        self.head = Node(v, self.head)
        self.size += 1
    def __len__(self):
        return self.size
    def __iter__(self):
        node = self.head
        while node:
            yield node.value
            node = node.next
    def _node(self, i):
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("LinkedList index out of range")
        node = self.head
        for _ in range(i):
            node = node.next
        return node
    def __getitem__(self, i):
        if isinstance(i, slice):
            return LinkedList(list(self)[i])
        return self._node(i).value
    def __setitem__(self, i, v):
        self._node(i).value = v
    def __delitem__(self, i):
        if i < 0:
            i += self.size
        if i == 0:
            if not self.head:
                raise IndexError("LinkedList index out of range")
            self.head = self.head.next
        else:
            prev = self._node(i - 1)
            if prev.next is None:
                raise IndexError("LinkedList index out of range")
            prev.next = prev.next.next
        self.size -= 1
    def __contains__(self, v):
        return any(x == v for x in self)
    def __reversed__(self):
        return iter(list(self)[::-1])
    def __eq__(self, other):
        return isinstance(other, LinkedList) and list(self) == list(other)
    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"
    def __add__(self, other):
        return LinkedList(list(self) + list(other))
    def __bool__(self):
        return self.head is not None

ll = LinkedList([1, 2, 3, 4])
print(ll, len(ll), bool(ll))
print(ll[0], ll[-1], ll[1:3], ll[::-1])
ll[1] = "two"
print(ll)
del ll[0]
print(ll, len(ll))
del ll[-1]
print(ll)
print("two" in ll, 99 in ll)
print(list(reversed(ll)), sorted(LinkedList([3, 1, 2])))
print(ll == LinkedList(["two", 3]), ll == ["two", 3])
print(ll + LinkedList([7]), ll + [8, 9])
empty = LinkedList()
print(empty, len(empty), bool(empty), list(empty))
for bad in [lambda: ll[5], lambda: empty[0], lambda: ll.__delitem__(7)]:
    try:
        bad()
    except IndexError as e:
        print("IndexError:", e)
a, b = ll
print(a, b)
print(dict(enumerate(LinkedList("xyz"))))
print(max(LinkedList([5, 9, 2])), sum(LinkedList(range(5))))
print([v * 2 for v in LinkedList([1, 2])])
