# The readline module's history and completer state (no terminal needed).
import os
import tempfile
import readline

readline.clear_history()
print("empty:", readline.get_current_history_length(), readline.get_history_item(1))
for line in ["first", "second", "third"]:
    readline.add_history(line)
print("length:", readline.get_current_history_length())
print("items:", [readline.get_history_item(i) for i in range(0, 5)])
readline.replace_history_item(1, "SECOND")
readline.remove_history_item(0)
print("after edits:", [readline.get_history_item(i) for i in range(1, 3)])
for bad in [(readline.remove_history_item, (5,)), (readline.replace_history_item, (-1, "x"))]:
    try:
        bad[0](*bad[1])
    except ValueError as e:
        print(type(e).__name__, e)
try:
    readline.add_history(3)
except TypeError as e:
    print(type(e).__name__)

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "hist")
    readline.write_history_file(path)
    print("file:", open(path).read().splitlines())
    readline.add_history("fourth")
    readline.append_history_file(1, path)
    print("appended:", open(path).read().splitlines())
    readline.clear_history()
    readline.read_history_file(path)
    print("read back:", readline.get_current_history_length(), readline.get_history_item(3))
    readline.set_history_length(2)
    print("history length:", readline.get_history_length())
    readline.write_history_file(path)
    print("truncated:", open(path).read().splitlines())
    readline.set_history_length(-1)
    try:
        readline.read_history_file(os.path.join(d, "missing"))
    except OSError as e:
        print(type(e).__name__, e.errno == 2)
    try:
        readline.append_history_file(1, os.path.join(d, "missing"))
    except OSError as e:
        print(type(e).__name__, e.errno == 2)

def completer(text, state):
    return None
print("completer unset:", readline.get_completer())
readline.set_completer(completer)
print("completer set:", readline.get_completer() is completer)
readline.set_completer()
print("completer reset:", readline.get_completer())
try:
    readline.set_completer(42)
except TypeError as e:
    print(type(e).__name__)
old = readline.get_completer_delims()
readline.set_completer_delims(" .")
print("delims:", repr(readline.get_completer_delims()))
readline.set_completer_delims(old)
print("begidx/endidx:", readline.get_begidx(), readline.get_endidx())
readline.parse_and_bind("tab: complete")
readline.set_auto_history(False)
readline.clear_history()
