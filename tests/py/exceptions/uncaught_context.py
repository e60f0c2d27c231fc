# Uncaught exception with implicit chaining (During handling ...).
def load(config, key):
    try:
        return config[key]
    except KeyError:
        raise ValueError(f"missing setting {key!r}")

settings = {"host": "localhost"}
print(load(settings, "host"))
print(load(settings, "port"))
