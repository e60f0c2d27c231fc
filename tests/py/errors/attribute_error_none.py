# AttributeError on None returned by a function that forgot to return.
def find(items, target):
    for item in items:
        if item["name"] == target:
            return item

people = [{"name": "ann", "age": 30}, {"name": "bob", "age": 25}]
print(find(people, "bob")["age"])
print(find(people, "cy").get("age"))
