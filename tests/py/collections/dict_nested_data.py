# manipulating nested dict/list structures
inventory = {
    "fruit": {"apple": {"qty": 5, "price": 0.5}, "pear": {"qty": 0, "price": 0.75}},
    "veg": {"carrot": {"qty": 12, "price": 0.1}},
}
for cat in inventory:
    for item, info in inventory[cat].items():
        print(cat, item, info["qty"], info["price"], round(info["qty"] * info["price"], 2))
inventory["veg"]["leek"] = {"qty": 3, "price": 1.2}
inventory["fruit"]["apple"]["qty"] -= 2
print(inventory)
total = sum(i["qty"] * i["price"] for c in inventory.values() for i in c.values())
print(round(total, 2))
in_stock = {name: info["qty"] for c in inventory.values() for name, info in c.items() if info["qty"]}
print(in_stock)
by_qty = sorted(((info["qty"], name) for c in inventory.values() for name, info in c.items()), reverse=True)
print(by_qty)
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
inverted = {}
for k, vs in groups.items():
    for v in vs:
        inverted[v] = k
print(inverted)
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [[row[i] for row in matrix] for i in range(3)]
print(transposed, [sum(r) for r in matrix], [sum(c) for c in transposed])
print(inventory.get("meat", {}).get("beef", {}).get("qty", "n/a"))
try:
    inventory["meat"]["beef"]
except KeyError as e:
    print(type(e).__name__, e)
