# Notes are printed after the exception line in the traceback.
def load(record):
    try:
        return record["value"] * 2
    except KeyError as e:
        e.add_note("record was: " + repr(record))
        e.add_note("hint: every record needs a 'value' key")
        raise

print(load({"value": 21}))
print(load({"val": 1}))
