# escape sequences in string literals
samples = ["a\nb", "tab\there", "quote\"s", 'single\'s', "back\\slash", "bell\a", "bs\b", "ff\f", "vt\v", "cr\r", "nul\0end",
           "\x41\x42", "\101\102\7", "\u00e9", "\U0001F600", "\N{GREEK SMALL LETTER ALPHA}", "\N{LATIN CAPITAL LETTER A WITH GRAVE}",
           "line\
continued", "\1234", "\x7f", "\777" if False else "\377", "\u2028"]
for s in samples:
    print(repr(s), len(s), [ord(c) for c in s][:6])
print(r"raw\n\t\x41", r"\\", len(r"\n"), r'a\'b', R"\d+")
print("con" "cat" 'en' """ation""", len("""multi
line"""))
print('''triple 'single' "double"''', """tri "" 'q'""")
print("\N{DIGIT ONE}\N{EM DASH}\N{SNOWMAN}")
print(rb"\x00" if False else r"\x00", b"\x00\n", br"\n")
