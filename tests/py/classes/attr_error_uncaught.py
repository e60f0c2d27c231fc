# Uncaught AttributeError in a method chain.
class Node:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt
    def last(self):
        node = self
        while node.next is not None:
            node = node.next
        return node
    def nth(self, n):
        node = self
        for _ in range(n):
            node = node.next
        return node.value

chain = Node(1, Node(2, Node(3)))
print(chain.last().value)
print(chain.nth(0), chain.nth(2))
print(chain.nth(5))
