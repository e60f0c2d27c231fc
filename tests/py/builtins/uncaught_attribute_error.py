# An uncaught AttributeError from getattr without a default
class Config:
    debug = False
    level = 3
cfg = Config()
for name in ["debug", "level", "verbose"]:
    print(name, getattr(cfg, name))
