# adjacent string literals, concatenation and repetition in expressions
s = "abc" "def"
print(s, len(s))
print("a" "b" + "c" * 2, ("x" "y") * 2, "p" "q"[0], ("p" "q")[1])
print(f"{1}" "plain" f"{2}", "raw\\" r"\n", b"by" b"tes")
parts = ("multi "
         "line "
         'mixed quotes '
         """triple""")
print(parts)
print("" "" == "", "a" "" "b")
name = "world"
print("hello, " + name + "!", "hello, %s!" % name, "-" * 10 + ">" )
print(("ab" * 3)[::2], "xyz"[1] + "xyz"[-1] * 3)
