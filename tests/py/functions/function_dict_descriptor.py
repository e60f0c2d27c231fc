# A function's __dict__ is a getset descriptor of the function type:
# assignment takes only dicts, deletion is refused, and a bound method
# reads its function's dict.


def shout(word):
    return word.upper()


print(type(type(shout).__dict__["__dict__"]).__name__)
shout.volume = 11
print(shout.__dict__)

for bad in (None, [], 3, "x"):
    try:
        shout.__dict__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
print(shout.volume)

try:
    del shout.__dict__
except TypeError as e:
    print(type(e).__name__, e)


class MyDict(dict):
    pass


fresh = MyDict(tone="low")
shout.__dict__ = fresh
print(shout.__dict__ is fresh, shout.tone, hasattr(shout, "volume"))


class Speaker:
    def talk(self):
        return "hi"


Speaker.talk.pitch = "high"
s = Speaker()
print(s.talk.pitch, s.talk.__dict__ is Speaker.talk.__dict__)
print("pitch" in dir(s.talk), "pitch" in dir(Speaker.talk))

plain = {"mood": "calm"}
Speaker.talk.__dict__ = plain
print(s.talk.mood, s.talk.__func__.__dict__ is plain)


class Holder:
    pass


h = Holder()
h.a = 1
del h.__dict__
print(h.__dict__, hasattr(h, "a"))
h.b = 2
print(h.__dict__)
try:
    h.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)
