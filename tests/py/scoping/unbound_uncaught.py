# UnboundLocalError escapes to the top level.
balance = 100

def withdraw(amount):
    if amount > balance:
        raise ValueError("insufficient funds")
    balance = balance - amount
    return balance

print("balance is", balance)
withdraw(30)
