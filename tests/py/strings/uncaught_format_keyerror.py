# An uncaught KeyError from str.format with a missing named field
template = "Dear {title} {name}, your balance is {balance:.2f}"
print(template.format(title="Dr.", name="Who", balance=12.5))
print(template.format(title="Ms.", name="Smith", balance=-3))
print(template.format(name="Nobody", balance=0))
