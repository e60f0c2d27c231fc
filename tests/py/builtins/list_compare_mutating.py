# Comparing lists whose items' __eq__ change the lists: once the index
# passes the end of either list, the lists compare by length.

left, right = [], []


class EmptiesRight:
    def __eq__(self, other):
        right.clear()
        return NotImplemented


class EmptiesLeft:
    def __eq__(self, other):
        left.clear()
        return NotImplemented


left.append(EmptiesRight())
right.append(EmptiesLeft())
print("both emptied ==", left == right, len(left), len(right))

left[:] = [EmptiesRight(), 1]
right[:] = [EmptiesLeft(), 2]
print("both emptied !=", left != right)


class Shrinks:
    def __eq__(self, other):
        del right[1:]
        return False

    def __lt__(self, other):
        return "item compare"


left[:] = [Shrinks(), 5, 6]
right[:] = [0, 5, 6]
print("shrunk <", left < right, len(right))
left[:] = [Shrinks(), 5]
right[:] = [0, 5, 6]
print("item <", left < right)
print("plain", [1, 2] < [1, 3], [1, 2] == [1, 2], [1] <= [1, 0])
