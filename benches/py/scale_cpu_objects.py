# Scaling workload (a2): pure-Python CPU-bound code with method calls and attribute
# access on objects. Each thread uses its own objects of shared classes.
# Usage: scale_cpu_objects.py N W   -- N threads, each doing W iterations.
from _harness import run_threads

class Account:
    fee = 3

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self.history = 0

    def deposit(self, amount):
        self.balance += amount
        self.history += 1
        return self

    def withdraw(self, amount):
        if amount + self.fee <= self.balance:
            self.balance -= amount + self.fee
            self.history += 1
            return True
        return False

class Savings(Account):
    rate = 2

    def accrue(self):
        self.deposit(self.balance * self.rate // 1000)
        return self.balance

def work(tid, w):
    accounts = [Savings(tid * 10 + k, 100 + k) for k in range(8)]
    total = 0
    for i in range(w):
        a = accounts[i & 7]
        b = accounts[(i + 3) & 7]
        a.deposit(i % 50)
        if b.withdraw(i % 70):
            total += 1
        if i % 16 == 0:
            total += a.accrue() % 1000
    return total + sum(a.history for a in accounts)

run_threads(work, 2000000)
