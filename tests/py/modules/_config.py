name = "config module"
settings = {"debug": False}
version = 1

def describe():
    return f"{name} v{version} debug={settings['debug']}"

def bump():
    global version
    version += 1
    return version
