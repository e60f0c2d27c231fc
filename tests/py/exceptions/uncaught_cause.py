# Uncaught exception with explicit cause (raise ... from ...).
class ConfigError(Exception):
    pass

def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("port must be numeric") from e

print(parse_port("8080"))
print(parse_port("eighty"))
