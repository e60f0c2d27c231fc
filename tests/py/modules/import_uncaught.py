# A failed import at top level is not caught.
import sys
print("before import")
import _helper
print(_helper.CONSTANT)
from _pkg import sub
print(sub.VALUE)
import _definitely_missing_module
print("never")
