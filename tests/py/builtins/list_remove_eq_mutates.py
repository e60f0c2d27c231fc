# list.remove whose __eq__ moves the list's items on every match ends (as in
# CPython, which removes the item at the matching index); it must not
# search again forever for the matched item at its old place.
class E:
    def __eq__(self, o):
        if o == 5:
            L.insert(0, 0)
        return o == 5

L = [1, 2, 5, 3]
L.remove(E())
print("ended", L[-1] == 3, len(L) >= 4)
