# Instantiating an abstract class without catching the error.
import abc

class Storage(abc.ABC):
    @abc.abstractmethod
    def load(self):
        pass
    @abc.abstractmethod
    def save(self, data):
        pass

class Memory(Storage):
    def __init__(self):
        self.data = None
    def load(self):
        return self.data
    def save(self, data):
        self.data = data

m = Memory()
m.save([1, 2])
print(m.load())

class Broken(Storage):
    def load(self):
        return None

def make(kind):
    return kind()

print(type(make(Memory)).__name__)
make(Broken)
