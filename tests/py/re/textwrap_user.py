# textwrap (pure Python over re) runs unmodified on top of _sre.
import sys; sys.path.append('/usr/lib/python3.11')
import textwrap

text = ("The quick brown fox jumps over the lazy dog; "
        "pack my box with five dozen liquor jugs. " * 3)
print(textwrap.fill(text, width=36))
print(textwrap.wrap('a-very-long-hyphenated-word and more', 10))
print(textwrap.shorten('Hello  world, this is a test', width=18))
print(repr(textwrap.dedent('''
    indented
      more
    back
''')))
print(textwrap.indent('one\ntwo\n\nthree', '> '))
print(textwrap.fill('Ünïcödé wörds wrap tóo, nicely', 12))
