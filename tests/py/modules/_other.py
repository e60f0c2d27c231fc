name = "other module"
version = 100

def describe():
    return f"{name} v{version}"
