import sys, unicodedata
N = 0x110000
chars = [chr(i) for i in range(N)]
def ranges(pred):
    out=[]; start=None
    for i in range(N):
        if pred(i):
            if start is None: start=i
        else:
            if start is not None: out.append((start,i-1)); start=None
    if start is not None: out.append((start,N-1))
    return out
def surr(i): return 0xD800 <= i <= 0xDFFF
props = {}
props['PRINTABLE'] = ranges(lambda i: chars[i].isprintable())
props['SPACE'] = ranges(lambda i: chars[i].isspace())
props['DECIMAL'] = ranges(lambda i: chars[i].isdecimal())
props['DIGIT'] = ranges(lambda i: chars[i].isdigit())
props['NUMERIC'] = ranges(lambda i: chars[i].isnumeric())
props['ALPHA'] = ranges(lambda i: chars[i].isalpha())
props['UPPER'] = ranges(lambda i: chars[i].isupper())
props['LOWER'] = ranges(lambda i: chars[i].islower())
props['TITLE'] = ranges(lambda i: (not surr(i)) and unicodedata.category(chars[i]) == 'Lt')
cased = lambda i: chars[i].isupper() or chars[i].islower() or ((not surr(i)) and unicodedata.category(chars[i]) == 'Lt')
props['CASED'] = ranges(cased)
def ci(i):
    c = chars[i]
    if c == '\u03a3': return False
    if cased(i):
        return ('A\u03a3'+c).lower()[1] == '\u03c2'
    else:
        return ('A'+c+'\u03a3').lower()[-1] == '\u03c2'
props['CASE_IGNORABLE'] = ranges(ci)
props['XID_START'] = ranges(lambda i: i != 0x5f and chars[i].isidentifier())
props['XID_CONTINUE'] = ranges(lambda i: ('a'+chars[i]).isidentifier())
# Characters that have a name (unicodedata.name); the names themselves come from the unicode_names2 crate.
props['NAMED'] = ranges(lambda i: unicodedata.name(chars[i], None) is not None)
# decimal zeros
zeros=[]
for i in range(N):
    c=chars[i]
    if c.isdecimal() and unicodedata.decimal(c)==0:
        for k in range(10): assert unicodedata.decimal(chars[i+k])==k
        zeros.append(i)
for i in range(N):
    if chars[i].isdecimal():
        z=max(x for x in zeros if x<=i) if False else None
# verify every decimal is within zero..zero+9
import bisect
for i in range(N):
    if chars[i].isdecimal():
        j=bisect.bisect_right(zeros,i)-1
        assert j>=0 and i-zeros[j]<10 and unicodedata.decimal(chars[i])==i-zeros[j], hex(i)
def maps(f):
    out=[]
    for i in range(N):
        if surr(i): continue
        c=chars[i]
        m=f(c)
        if m!=c: out.append((i,m))
    return out
lower = maps(lambda c: c.lower() if c!='\u03a3' else '\u03c3')
upper = maps(lambda c: c.upper())
title = maps(lambda c: c.title())
fold = maps(lambda c: c.casefold())
def esc(s):
    return ''.join('\\u{%x}'%ord(ch) for ch in s)
o=[]
o.append('//! Unicode property and case-mapping tables generated from CPython %s (Unicode %s) by `gen_tables.py` (run `python3 gen_tables.py tables.rs ../../../engine/src/bytecode/printable.rs` with CPython 3.11); do not edit.\n' % (sys.version.split()[0], unicodedata.unidata_version))
o.append('#![allow(clippy::unreadable_literal)]\n#![cfg_attr(rustfmt, rustfmt_skip)]\n')
o.append('\n/// Unicode version the tables were generated from.\npub const UNIDATA_VERSION: &str = "%s";\n' % unicodedata.unidata_version)
def range_table(o, k, v):
    o.append('\n/// Sorted inclusive code-point ranges with property %s.\npub static %s: &[(u32, u32)] = &[\n' % (k, k))
    line=''
    for a,b in v:
        item='(0x%x, 0x%x), '%(a,b)
        if len(line)+len(item)>96: o.append('    '+line.rstrip()+'\n'); line=''
        line+=item
    if line: o.append('    '+line.rstrip()+'\n')
    o.append('];\n')
# PRINTABLE goes to the engine (argv[2]), whose compiler writes reprs too.
for k,v in props.items():
    if k != 'PRINTABLE':
        range_table(o, k, v)
o.append('\n/// Code points whose decimal value is 0; each starts a run of ten digits.\npub static DECIMAL_ZEROS: &[u32] = &[\n')
o.append('    '+', '.join('0x%x'%z for z in zeros)+',\n];\n')
cp1252 = [ord(c) for c in bytes(range(0x80, 0x100)).decode('cp1252', 'replace').replace('\ufffd', '\ufffe')]
o.append('\n/// cp1252 decoding of the bytes 0x80..=0xFF (0xfffe: undefined).\npub static CP1252_HIGH: [u32; 128] = [\n')
for k in range(0, 128, 8):
    o.append('    '+', '.join('0x%04x'%x for x in cp1252[k:k+8])+',\n')
o.append('];\n')
for name,m in [('LOWER_MAP',lower),('UPPER_MAP',upper),('TITLE_MAP',title),('FOLD_MAP',fold)]:
    o.append('\n/// Sorted full case mapping (code point, replacement) for %s.\npub static %s: &[(u32, &str)] = &[\n' % (name, name))
    for i,s in m:
        o.append('    (0x%x, "%s"),\n'%(i,esc(s)))
    o.append('];\n')
open(sys.argv[1],'w').write(''.join(o))
p=['//! The code points `str.isprintable` accepts, generated from CPython %s (Unicode %s) by python_env\'s `text/gen_tables.py`; do not edit.\n' % (sys.version.split()[0], unicodedata.unidata_version)]
p.append('#![allow(clippy::unreadable_literal)]\n#![cfg_attr(rustfmt, rustfmt_skip)]\n')
range_table(p, 'PRINTABLE', props['PRINTABLE'])
open(sys.argv[2],'w').write(''.join(p))
print({k:len(v) for k,v in props.items()}, len(zeros), len(lower),len(upper),len(title),len(fold))
