# AttributeError on a module attribute with a suggestion.
import sys
print(type(sys.argv).__name__)
print(sys.argvv)
