# IndentationError: unexpected indent.
x = 1
if x:
    print("inside")
      print("over-indented")
