# An uncaught KeyError from a dict lookup
prices = {"apple": 0.5, "bread": 2.25, "milk": 1.1}
order = ["apple", "milk", "cheese", "bread"]
total = 0
for item in order:
    total += prices[item]
    print(item, round(total, 2))
