# A SystemExit with a str code writes it to stderr through the stream's
# error handler (backslashreplace), surrogates included; status 1.
import sys

sys.stdout.write("before exit\n")
sys.exit("bad byte: \udcff and tab\tend")
