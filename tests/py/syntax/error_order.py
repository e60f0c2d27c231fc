# Which error compile() reports when a source has several: the one the
# parser meets first, except that after a syntax error the tokenizer scans
# the rest of the source and its own errors (bad literals, unmatched
# brackets) replace it -- but not after an unexpected indent or unindent,
# and the scan stops at a line mixing tabs and spaces without reporting it.

def check(label, src):
    try:
        compile(src, "<case>", "exec")
        print(label, "compiles")
    except SyntaxError as e:
        print("%s: %s line %s: %s" % (label, type(e).__name__, e.lineno, e.msg))

T = "\t"
check("tab error alone", "if x:\n" + T + "a = 1\n        b = 2\n")
check("syntax error before tab line", "a = = 1\nif x:\n" + T + "a = 1\n        b = 2\n")
check("bad call before tab line", "f(**k, *a)\nif x:\n" + T + "a = 1\n        b = 2\n")
check("tab line before syntax error", "if x:\n" + T + "a = 1\n        b = 2\na = = 1\n")
check("missing block at tab line", "if x:\n" + T + "pass\nif y:\n        pass\n" + T + "q\n")
check("block indented by a tab like its header", "if x:\n        if y:\n" + T + "pass\n")
check("unexpected indent, then unmatched )", "a = 1\n    b = 2\nc = 3)\n")
check("unexpected indent on the unmatched ) line", "a = (1,\n     2)\n\n   b = 3)\n")
check("unexpected indent, then bad number", "a = 1\n    b = 2\nc = 0b12\n")
check("unexpected indent, then open string", "a = 1\n    b = 2\nc = '''x\n")
check("unmatched ) before unexpected indent", "c = 3)\na = 1\n    b = 2\n")
check("bad dedent, then unmatched ]", "if x:\n    a = 1\n  b = 2\nc = ]\n")
check("invalid syntax, then unmatched )", "a b\nc = 3)\n")
check("missing block, then bad number", "if x:\npass\nc = 09\n")
check("unparenthesized except types", "try:\n    pass\nexcept E, F:\n    pass\n")
check("unparenthesized except types, then bad indent",
      "try:\n    pass\nexcept E, F:\n    pass\n  x\n")
