# A builtin type's class method as found in the type's dict: a
# classmethod_descriptor, with its checks on the class it is bound or called
# with.
import inspect
import types

d = dict.__dict__['fromkeys']
print(type(d).__name__, repr(d))
print(type(d) is types.ClassMethodDescriptorType, type(d) is classmethod)
print(d.__name__, d.__qualname__, d.__objclass__)
print(d.__text_signature__)
print(d.__get__(None, dict)([1, 2]))
print(d(dict, 'ab'))
print(d.__get__({}, dict).__self__)


class D(dict):
    pass


r = d.__get__(None, D)('x')
print(r, type(r).__name__)
print(type(d(D, 'y')).__name__)
for args in [(list, 'ab'), (), (5,)]:
    try:
        d(*args)
    except TypeError as e:
        print('call', args[:1], '->', e)
for args in [(None, list), (None, None), (None, 5), ([],)]:
    try:
        d.__get__(*args)
    except TypeError as e:
        print('get ->', e)
print(bytes.__dict__['fromhex'].__get__(None, bytes)('41'))
print(type(int.__dict__['from_bytes']).__name__, int.__dict__['from_bytes'](int, b'\x01\x00', 'little'))
print(inspect.isroutine(d), inspect.ismethoddescriptor(d), callable(d))
print(hasattr(d, '__func__'), hasattr(d, '__wrapped__'))
print(str(inspect.signature(d)))
kinds = {a.name: a.kind for a in inspect.classify_class_attrs(dict) if a.name in ('fromkeys', '__new__')}
print(sorted(kinds.items()))
