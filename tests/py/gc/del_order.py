# The order in which __del__ runs for objects a collection finds
# unreachable together: one that reaches another comes first (the order
# reference counting gives), unrelated ones and those on one cycle come in
# the order they were made; what a resurrected object holds is not
# finalized while it is held.
import gc


class D:
    def __init__(self, name, *refs):
        self.name = name
        self.refs = list(refs)

    def __del__(self):
        print('del', self.name, [r.name for r in self.refs])


def chain():
    c = D('c')
    b = D('b', c)
    a = D('a', b)
    return a


def made_before_referents():
    # The holder is made first and only later points at what it holds.
    holder = D('holder')
    holder.refs.append(D('held', D('held.inner')))
    return holder


def cycle_with_tail():
    p = D('p')
    q = D('q', p)
    p.refs.append(q)
    tail = D('tail')
    q.refs.append(tail)
    head = D('head', p)
    return head


def through_plain_objects():
    # Referents reached through a list and a dict with no __del__.
    inner = D('inner')
    box = [{'k': (inner,)}]
    outer = D('outer')
    outer.box = box
    return outer


for make in [chain, made_before_referents, cycle_with_tail, through_plain_objects]:
    print('--', make.__name__)
    x = make()
    del x
    gc.collect()

print('-- unrelated')
keep = [D('first'), D('second'), D('third')]
keep.reverse()
del keep
gc.collect()

print('-- resurrected referrer')
saved = []


class Saver(D):
    def __del__(self):
        super().__del__()
        saved.append(self)


s = Saver('saver', D('kept'))
del s
gc.collect()
print('saved', [x.name for x in saved], 'kept alive by it:', saved[0].refs[0].name)
saved.clear()
gc.collect()
print('end')
