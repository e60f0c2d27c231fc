#!/usr/bin/env python3
"""Regenerates the expected-output tables in this folder from CPython 3.11.

Run from anywhere: `python3 gen_testdata.py` (needs CPython 3.11, the behavioural reference).
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__)) + "/"

import struct, random, unicodedata
random.seed(12345)
def rs(s):
    out=['"']
    for ch in s:
        o=ord(ch)
        if ch=='\\': out.append('\\\\')
        elif ch=='"': out.append('\\"')
        elif 0x20<=o<0x7f: out.append(ch)
        else: out.append('\\u{%x}'%o)
    out.append('"')
    return ''.join(out)
def bits(x): return '0x%016x'%struct.unpack('<Q',struct.pack('<d',x))[0]
def fromb(b): return struct.unpack('<d',struct.pack('<Q',b))[0]
def floats():
    xs=[0.0,-0.0,1.0,-1.0,0.1,0.5,1.5,2.5,-2.5,0.125,0.375,1e16,1e15,9999999999999998.0,1e-4,1e-5,0.0001234,123456789.0,1e22,1e23,1.7976931348623157e308,5e-324,2.2250738585072014e-308,float('inf'),float('-inf'),float('nan'),3.141592653589793,2.675,1234.5678,0.3,1/3,2/3,100.0,1e100,123e-20,999.9999,0.05,0.15,0.25,0.35,1e300,-1e-300,12345678901234567890.0,0.000999,9.5,10.5,99.5,0.0005, 4.35, 1.0000000000000002]
    for _ in range(60):
        xs.append(fromb(random.getrandbits(64)))
    for _ in range(40):
        xs.append(random.uniform(-1e6,1e6)*10**random.randint(-30,30))
    for _ in range(20):
        xs.append(round(random.uniform(-1000,1000), random.randint(0,4)))
    return [x for x in xs if not (x!=x and str(x)!='nan')]

# ---- gen_fmt ----
random.seed('gen_fmt')
def res(f):
    try: return 'Ok(%s)'%rs(f())
    except (ValueError,OverflowError) as e: return 'Err(%s)'%rs(str(e))
out=[]
xs=floats()[:50]+floats()[50:110:6]
fspecs=['','e','E','f','F','g','G','%','n','.0','.1','.3','.10','.17','.0e','.3e','.0f','.2f','.10f','.0g','.1g','.3g','.12g','#g','#.3g','#.0f','#.0e','#','+','-',' ','+.3','z.1f','z','+z.0f','10','<10','>12.3f','^15e','*^15.2%','=+12.3f','012.3f','010','015,.2f','_.3f',',','0=20,f','x<20.4g','.2%','#.0%','20','-020.3e','.50f','.30e','.25g','z#.2g',',g','010.3',',.2e','d','s','x',',s','.','abc','.5_f','0_','08_.1f']
for x in xs:
    for s in fspecs:
        out.append('    (%s, %s, %s),'%(bits(x), rs(s), res(lambda: format(x,s))))
open(HERE+'fmt_float.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')
out=[]
ints=[0,1,-1,7,-7,42,255,-255,1000,-1000,123456789,-987654321,2**31,2**63,-2**63,2**64+1,10**30,-10**30+7,65,0x10ffff,0x110000,0xe9,10**400]
ispecs=['','d','b','o','x','X','#b','#o','#x','#X','c','n','+','-',' ','10','<10','^10','=10','*^12','010','+010','#010x','#012_b','_','_x','_b',',','010,','0=20,','x>20,d','+,','e','.2e','f','.3f','g','%','.1%','F','G','E',',.2f','.3','z','zd','+c','#c','y',',c','_n','08c','^5c','X','#_o',',x','0','00','1_0']
for v in ints:
    for s in ispecs:
        out.append('    (%s, %s, %s),'%(rs(str(v)), rs(s), res(lambda: format(v,s))))
open(HERE+'fmt_int.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')
out=[]
strs=['','a','abc','héllo','日本語','x'*12,'\U0001f600ab']
sspecs=['','s','5','<5','>5','^5','^6','*^7','.2','10.2s','-','+','#','=5','05','0>5',',','d','é^9','.0','z','<']
for v in strs:
    for s in sspecs:
        out.append('    (%s, %s, %s),'%(rs(v), rs(s), res(lambda: format(v,s))))
open(HERE+'fmt_str.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')

random.seed('complex')
out=[]
cvals=[(0.0,1.0),(1.0,2.0),(-0.0,-0.0),(0.0,-0.0),(float('nan'),float('inf')),(1e16,-1.5e-7),(0.0,0.1),(-1.5,2.25),(123456.789,-0.001),(1e-300,1e300),(-0.0,3.0),(2.5,-0.0)]
for _ in range(12): cvals.append((random.uniform(-1e4,1e4), random.uniform(-1e4,1e4)))
cspecs=['','e','.2f','g','G','n','10','<30','>30','^30','*^30.3f','+','-',' ','+.1e','z.0f',',.2f','_f','#g','#.0f','.3','010','0<20','=20','%','d','s','x>25,.1f','E','F','.0e','z','.10']
for re_,im_ in cvals:
    for sp in cspecs:
        c=complex(re_,im_)
        out.append('    (%s, %s, %s, %s),'%(bits(re_),bits(im_),rs(sp),res(lambda: format(c,sp))))
open(HERE+'fmt_complex.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')

# ---- gen_more ----
random.seed('gen_more')
import unicodedata
def w(name, lines): open(HERE+name,'w').write('[\n'+'\n'.join(lines)+'\n]\n')
# float repr
xs=floats()
for _ in range(300): xs.append(fromb(random.getrandbits(64)))
for e in range(-30,30): xs.append(10.0**e); xs.append(1.5*10.0**e)
w('float_repr.rs',['    (%s, %s),'%(bits(x),rs(repr(x))) for x in xs])
# str repr / ascii
strs=['','a',"'",'"','\'"','it\'s','say "hi"','\\','\n\r\t\x00\x1f\x7f\x80\x9f\xa0\xad\xff','é日本\u200b\u2028\ufeff\U0001f600\U000e0001\U0010ffff\ue000\u0378','\x0b\x0c',' ']
for _ in range(150):
    n=random.randint(1,6)
    strs.append(''.join(chr(random.choice([random.randint(0,0x7f),random.randint(0x80,0x2fff),random.randint(0x3000,0xffff),random.randint(0x10000,0x10ffff)])) for _ in range(n)))
strs=[s for s in strs if not any(0xd800<=ord(c)<=0xdfff for c in s)]
w('str_repr.rs',['    (%s, %s, %s),'%(rs(s),rs(repr(s)),rs(ascii(s))) for s in strs])
bs=[b'',b"'",b'"',b'\'"',b'abc\x00\x7f\x80\xff\t\n\r\\',bytes(range(256))]
for _ in range(30): bs.append(bytes(random.getrandbits(8) for _ in range(random.randint(0,8))))
w('bytes_repr.rs',['    (&%s, %s),'%('['+', '.join(str(b) for b in x)+']',rs(repr(x))) for x in bs])
# parse int
ints=['0','1','-1','+5',' 12 ','1_000','1__0','_1','1_','0x1f','0X1F','0o17','0b101','0b_101','0_b1','010','00','0_0','-0','0x','0x_','1e5','12a','١٢٣','\u30001\u3000','\x851','\x1c1','+-1','- 1','','  ','9'*50,'-'+'7'*30,'zz','ZZ','0xg','0b2','0o8','1 2','0b1_0_1','0x_1_f','0__1','٣_٣']
bases=[0,2,8,10,16,36]
lines=[]
for s in ints:
    for b in bases:
        try: r='Some(%s)'%rs(str(int(s,b)))
        except ValueError: r='None'
        lines.append('    (%s, %d, %s),'%(rs(s),b,r))
w('parse_int.rs',lines)
fl=['1','1.5',' 1.5 ','-1.5e10','1e','1e+','.5','5.','.','e5','inf','-inf','+Infinity','iNfInItY','nan','-NaN','infi','1_000.5','1__0','1_.5','1._5','_1','1_','1e1_0','1_e5','0x10','１２.５','\u20031.0\u2003','1.5\x00','1,5','','   ','1e500','-1e500','1e-400','4.9e-324','2.4e-324','2.5e-324','0.1','123456789012345678901234567890','1.7976931348623157e308','1.7976931348623159e308','+.5e-3','-0','-0.0','00001','1 2','in f','nan(1)','1ee5','1e--5','١.٥']
lines=[]
for s in fl:
    try:
        v=float(s)
        r='Some(%s)'%(bits(v) if v==v else '0x7ff8000000000000')
    except ValueError: r='None'
    lines.append('    (%s, %s),'%(rs(s),r))
w('parse_float.rs',lines)

# ---- gen_num ----
random.seed('gen_num')
def w(name, lines): open(HERE+name,'w').write('[\n'+'\n'.join(lines)+'\n]\n')
xs=[x for x in floats() if x==x]
w('float_hex.rs',['    (%s, %s),'%(bits(x),rs(x.hex())) for x in xs])
hx=['0x1p0','0x1.8p1','-0x1.fffffffffffffp1023','0x1.fffffffffffff8p1023','0x1p1024','0x1p-1074','0x1p-1075','0x1.0000000000001p-1075','0x3p-1076','0x1.00000000000008p0','0x1.00000000000018p0','0x1.000000000000080001p0','  0x1p0  ','1p0','0X1P0','0x.8','0x8.','0x.','0x','x1','inf','-Infinity','nan','0x1p','0x1p+','0x1p-2','0x1_0p0','0x1.0p+99999999999999999999','0x1.0p-99999999999999999999','0x0p99999999999','abc','0x1.0p0 x','-0x0.0p+0','0x123456789abcdef123p-20','0xffffffffffffffffffffffp0']
lines=[]
for s in hx:
    try:
        v=float.fromhex(s); r='Ok(%s)'%(bits(v) if v==v else '0x7ff8000000000000')
    except ValueError: r='Err("ValueError")'
    except OverflowError: r='Err("OverflowError")'
    lines.append('    (%s, %s),'%(rs(s),r))
w('float_fromhex.rs',lines)
lines=[]
for x in xs:
    if x!=x or x in (float('inf'),float('-inf')): continue
    for nd in [0,1,2,3,5,10,15,-1,-2,-5,-20,-300,-308,-309,300,323,324]:
        try: r='Ok(%s)'%bits(round(x,nd))
        except OverflowError: r='Err("OverflowError")'
        lines.append('    (%s, %d, %s),'%(bits(x),nd,r))
for x,nd in [(5.0,-1),(15.0,-1),(25.0,-1),(50.0,-2),(150.0,-2),(0.5,0),(1.5,0),(2.5,0),(5e-324,323),(1.7976931348623157e308,-308),(-1.7976931348623157e308,-308),(4.9e307,-308),(5e307,-308),(5.000001e307,-308)]:
    try: r='Ok(%s)'%bits(round(x,nd))
    except OverflowError: r='Err("OverflowError")'
    lines.append('    (%s, %d, %s),'%(bits(x),nd,r))
w('float_round.rs',lines)
lines=[]
for x in xs:
    if x in (float('inf'),float('-inf')): continue
    n,d=x.as_integer_ratio()
    lines.append('    (%s, %s, %s, %s),'%(bits(x),rs(str(n)),rs(str(d)),hash(x)))
w('float_ratio_hash.rs',lines)
ints=[0,1,-1,-2,2**61-1,2**61-2,2**61,-(2**61-1),2**64,-2**64,10**30,-10**30,2**200+12345,-(2**1000),123456789,2**61-2+2**61-1]
ints += [random.randint(-2**130,2**130) for _ in range(30)]
w('hash_int.rs',['    (%s, %d),'%(rs(str(v)),hash(v)) for v in ints])
lines=[]
for v in [0,5,-5,12345,15,25,35,-15,-25,10**20+5*10**9,2**70,-(2**70)+1,999,1000,1500,2500,-2500,50,150]:
    for nd in [-1,-2,-3,-10,-30,0,3]:
        lines.append('    (%s, %d, %s),'%(rs(str(v)),nd,rs(str(round(v,nd)))))
w('int_round.rs',lines)

# ---- gen_uni ----
random.seed('gen_uni')
def w(name, lines): open(HERE+name,'w').write('[\n'+'\n'.join(lines)+'\n]\n')
pool = list("aAbZzσΣςΑωΩ ßẞﬁﬀŉİıǅǄǆᾳᾼᾈΐ'’.\u0345\u0301\u00adΣΣ1٣²½一\t\n_-ÅåǰẖʰᏸᏰⅰⅠⓐⒶ𐐀𐐨ﬓ\u2028\x85\x1c ") 
strs=['','hello world','Hello World','HELLO','ΣΑΣ','ὈΔΥΣΣΕΎΣ','aΣ','aΣb','aΣ\'','a\'Σ','Σa','ΑΣ ΣΑ','A\u0345Σ','ß','ﬁnd','ǆemal ǅ','İstanbul','they\'re bill\'s friends','1st 2nd','hello_world','ABC def','a1b2','Ǆǅǆ','ᾳ','ŉ','\u0130\u0131','123','²','½','٣','abc\u2028def','  ','\t','\x1c\x1d\x1e\x1f','\u3000',' a ','Ab','aB','A','a','.','ⅰⅱ','Ⓐⓑ','𐐀𐐨','ꭰ','Ꭰ']
for _ in range(250):
    strs.append(''.join(random.choice(pool) for _ in range(random.randint(1,8))))
lines=[]
for s in strs:
    vals=[s.lower(),s.upper(),s.casefold(),s.title(),s.capitalize(),s.swapcase()]
    flags=[s.isupper(),s.islower(),s.istitle(),s.isalpha(),s.isalnum(),s.isdecimal(),s.isdigit(),s.isnumeric(),s.isspace(),s.isprintable(),s.isidentifier()]
    lines.append('    (%s, [%s], [%s]),'%(rs(s),', '.join(rs(v) for v in vals),', '.join('true' if f else 'false' for f in flags)))
w('unicode_case.rs',lines)
# splitlines / split / expandtabs
lpool=list("ab \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u3000\xa0x\x1f")
ss=['','a','\n','\r\n','a\r\nb','a\n\rb','a\n','\n\n','  a  b  ','a\tb\t\tc','\tx\n\ty\r\tz','12345\t1','日本\t1']
for _ in range(120): ss.append(''.join(random.choice(lpool) for _ in range(random.randint(1,10))))
lines=[]
for s in ss:
    lines.append('    (%s, &[%s], &[%s], &[%s], &[%s], &[%s], &[%s], %s, %s, %s),'%(rs(s),
      ', '.join(rs(x) for x in s.splitlines()), ', '.join(rs(x) for x in s.splitlines(True)),
      ', '.join(rs(x) for x in s.split()), ', '.join(rs(x) for x in s.split(None,1)),
      ', '.join(rs(x) for x in s.rsplit()), ', '.join(rs(x) for x in s.rsplit(None,1)),
      rs(s.expandtabs()), rs(s.expandtabs(3)), rs(s.strip())))
w('unicode_lines.rs',lines)
lines=[]
for s in ['','a','ab','abc','-5','+12','é','-','+']:
    for wd in range(0,8):
        lines.append('    (%s, %d, %s, %s, %s, %s),'%(rs(s),wd,rs(s.center(wd,'*')),rs(s.ljust(wd,'*')),rs(s.rjust(wd,'é')),rs(s.zfill(wd))))
w('unicode_pad.rs',lines)

# ---- gen_pct ----
random.seed('gen_pct')
def arg(v):
    if isinstance(v,bool): return 'b(%s)'%('true' if v else 'false')
    if isinstance(v,int): return 'i(%s)'%rs(str(v))
    if isinstance(v,float): return 'f(%s)'%bits(v)
    if isinstance(v,str): return 's(%s)'%rs(v)
    raise Exception(v)
def args(a):
    if isinstance(a,tuple): return 'SimpleArgs::Tuple(vec![%s])'%', '.join(arg(x) for x in a)
    if isinstance(a,dict): return 'SimpleArgs::Map(vec![%s])'%', '.join('(%s.to_owned(), %s)'%(rs(k),arg(v)) for k,v in a.items())
    return 'SimpleArgs::Single(%s)'%arg(a)
cases=[('%5%',()),('%%',()),('%(a)%',{'a':1}),('%*%',(5,)),('%y',()),('%y',(1,)),('abc %',(1,)),('%-05d',3),('%05s','ab'),('%+s','ab'),('%d','a'),('%x',1.5),('%d',1.7),('%f','a'),('%c','ab'),('%c',1.5),('%c',-1),('%c',0x110000),('%(a)s',1),('%(a',{'a':1}),('%s %s',(1,)),('%s',(1,2)),('',5),('x','a'),('%*d',('a',1)),('%.*f',(-3,1.5)),('%*d',(-5,1)),('%*.*f',(8,2,3.14159)),('%#x',255),('%#08x',255),('%#-8x|',255),('%+#10o',8),('%.5x',-255),('%#.5X',-255),('%05.1f',-2.5),('% d',5),('%+.3s','abcdef'),('%10.3r','abcdef'),('%a','é'),('%-5c|','a'),('%05c',65),('%i',True),('%u',-3),('%ld',5),('%5.2%',()),('%(x)s %(y)d',{'x':'a','y':2}),('%s',()),('%d',float('inf')),('%\x80',(1,)),('%(a)s%s',{'a':1}),('%(b)s',{'a':1}),('%(a)s',{'a':'x'}),
  ('%s and %r',('it\'s','it\'s')),('%r',"a'b\"c"),('%c%c','ab'),('%c%c',('a','b')),('%c',(0x1F600,)),('%3c|',('x',)),('%.1c',('x',)),('%s',True),('%r',False),('%d',False),('%s',1.0),('%r',1e16),('%s',0.1),('%x',-0),('%o',0),('%#o',0),('%#x',0),('%X',48879),('%#X',48879),('%+d',0),('% d',-0),('%+05d',42),('%-+6d|',42),('% 06d',-42),('%06.2f',3.14159),('%-8.3e|',12345.678),('%+.0f',0.5),('%+.0f',1.5),('%#.0f',2.0),('%#.0e',2.0),('%g',1e-5),('%g',123456789.0),('%G',1e-10),('%#g',1.0),('%.0g',0.0),('%10.4g|',3.14159265),('%E',float('inf')),('%f',float('nan')),('%+f',float('nan')),('%F',float('-inf')),('%010f',float('inf')),('%-010.2f|',-1.5),('%e',10**20),('%f',2**70),('%.3s',''),('%5s|',''),('%-5s|','日本'),('%5s','日本'),('%.1s','日本'),('%s %s %s',(1,2.5,'x')),('%d%%',(50,)),('%.*s',(2,'abcdef')),('%-*s|',(6,'ab')),('%0*d',(6,-12)),('%.10d',123),('%.2d',12345),('%#.3o',8),('%hd %lf %Lx',(1,2.0,255)),('%d',10**30),('%x',-(10**30)),('%.0f',1e300),('%s',10**30),('%(a)d',{'a':7}),('%(a)*d',{'a':7}),('%()s',{'':5}),('%(a(b))s',{'a(b)':3}),('%s','x'),('%d',(5,)),('%s',((),)) if False else ('%s',('t',)),('%z',(1,)),('%#s',('q',)),('%0-5d|',7),('%-0#6x|',31),('%i',2.9),('%u',-2.9)]
lines=[]
for fmt,a in cases:
    try: r='Ok(%s)'%rs(fmt%a)
    except Exception as e: r='Err((%s, %s))'%(rs(type(e).__name__), rs(str(e)))
    lines.append('        (%s, %s, %s),'%(rs(fmt),args(a),r))
open(HERE+'percent.rs','w').write('vec![\n'+'\n'.join(lines)+'\n    ]\n')

# ---- gen_pctb ----
random.seed('gen_pctb')
def arg(v):
    if isinstance(v,bool): return 'b(%s)'%('true' if v else 'false')
    if isinstance(v,int): return 'i(%s)'%rs(str(v))
    if isinstance(v,float): return 'f(%s)'%bits(v)
    if isinstance(v,str): return 's(%s)'%rs(v)
    if isinstance(v,bytes): return 'by(&%s)'%('['+', '.join(str(x) for x in v)+']')
    raise Exception(v)
def args(a):
    if isinstance(a,tuple): return 'SimpleArgs::Tuple(vec![%s])'%', '.join(arg(x) for x in a)
    if isinstance(a,dict): return 'SimpleArgs::Map(vec![%s])'%', '.join('(%s.to_owned(), %s)'%(rs(k.decode()),arg(v)) for k,v in a.items())
    return 'SimpleArgs::Single(%s)'%arg(a)
cases=[(b'%s',b'ab'),(b'%s','ab'),(b'%s',5),(b'%b',b'x'),(b'%r','\xe9'),(b'%a',b'x'),(b'%c',256),(b'%c',b'ab'),(b'%c','a'),(b'%c',65),(b'%c',b'A'),(b'%d','x'),(b'%5.1s|',b'abc'),(b'%x',255),(b'%f',1.5),(b'%y',1),(b'%\xff',1),(b'%(a)s',{b'a':b'v'}),(b'%c',-1),(b'%c',1.5),(b'%-4c|',65),(b'%05s',b'ab'),(b'%u',True),(b'%s %s',(b'a',)),(b'\xe9%s\x00',(b'\xff',)),(b'%#x %+d %.2e',(255,3,12345.678)),(b'%-6b|%6b',(b'ab',b'\x80')),(b'%%%s',(b'',)),(b'%\x01',(1,)),(b'%c%c',(0,255)),(b'%r',(b"'",)),(b'%a',(1.5,)),(b'%s',(1.5,))]
lines=[]
for fmt,a in cases:
    try: r='Ok(vec!%s)'%('['+', '.join(str(x) for x in (fmt%a))+']')
    except Exception as e: r='Err((%s, %s))'%(rs(type(e).__name__), rs(str(e)))
    lines.append('        (vec![%s], %s, %s),'%(', '.join(str(x) for x in fmt),args(a),r))
open(HERE+'percent_bytes.rs','w').write('vec![\n'+'\n'.join(lines)+'\n    ]\n')

# ---- str.format ----
random.seed('strformat')
import _string
fstrs=['{!}','{0!r','{0!','{0!rx}','{0!x}','{','}','a{{b}}c','{0:{1}}','{0:{1:{2}}}','{}{1}','{1}{}','{0.}','{0[}','{0]x}','{0[0]x}','{a[}]}','{:{}}','{0.real.imag}','{0:}','{0!s:>5}','{0!a}','{!r:}','{0{}','{0:{}x','{0:}}','{ 0}','{-1}','{\u0663}','{99999999999999999999}','{0!rr}','x}}y','{0:{{}}}','{0:a{}b}','{0.x}','{a[0]}','{a[1]:>4}','{a[2]}','{a[x]}','{b}','{c}','{0[0]}','{b.real:+}','{} {} {}','{2}{1}{0}','{0:{1}{2}}','{:{}{}}','{:>{}}','{0:.{1}f}','{a[1]!r:^8}','{0!\x01}','{0!\u00e9}','{4}','{}{}{}{}{}','{0[]}','{0.real]}','{0.real[}','{a[0]x}','{a[0].real}','{b:{a[0]}}','{0:{b}}','{{{0}}}','}}{{','{0!r:{1}}','\u00e9{0}\u00e9']
for _ in range(400):
    fstrs.append(''.join(random.choice('{}{}!:01ab.[]rsx>5') for _ in range(random.randint(1,9))))
out=[]
for t in fstrs:
    try: r='Ok(%s)' % rs(t.format(1,2,3,4,a=[10,20],b=5))
    except Exception as e: r='Err(%s)' % rs(type(e).__name__+': '+str(e))
    try: pr='Ok(vec![%s])' % ', '.join('(%s, %s)' % (rs(l), 'None' if n is None else 'Some((%s, %s, %s))' % (rs(n), rs(sp), 'None' if cv is None else 'Some(%s)' % rs(cv))) for l,n,sp,cv in _string.formatter_parser(t))
    except ValueError as e: pr='Err(%s)' % rs(str(e))
    out.append('        (%s, %s, %s),' % (rs(t), r, pr))
open(HERE+'strformat.rs','w').write('vec![\n'+'\n'.join(out)+'\n    ]\n')

# ---- codecs ----
random.seed('codecs')
H=['strict','ignore','replace','surrogateescape','surrogatepass','backslashreplace']
E=['utf-8','ascii','latin-1']
interesting=[0x00,0x41,0x7f,0x80,0xbf,0xc0,0xc1,0xc2,0xdf,0xe0,0xed,0xef,0xf0,0xf4,0xf5,0xff,0xa0,0x9f,0x90,0x8f]
out=[]
for _ in range(400):
    b=bytes(random.choice([random.choice(interesting), random.getrandbits(8)]) for _ in range(random.randint(0,6)))
    e=random.choice(E); h=random.choice(H)
    try: r='Ok(vec![%s])'%', '.join('0x%x'%ord(c) for c in b.decode(e,h))
    except UnicodeDecodeError as x: r='Err((%s, %d, %d))'%(rs(str(x)),x.start,x.end)
    out.append('    (%s, %s, &[%s][..], %s),'%(rs(e),rs(h),', '.join(str(x) for x in b),r))
open(HERE+'codec_decode.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')
pool=[0x41,0x7f,0x80,0xff,0x100,0x20ac,0xd800,0xdbff,0xdc00,0xdc80,0xdcff,0xdfff,0x1f600,0x10ffff,0xe9]
out=[]
for _ in range(400):
    cps=[random.choice(pool) for _ in range(random.randint(0,5))]
    s=''.join(map(chr,cps)); e=random.choice(E); h=random.choice(H+['xmlcharrefreplace'])
    try: r='Ok(vec![%s])'%', '.join(str(x) for x in s.encode(e,h))
    except UnicodeEncodeError as x: r='Err((%s, %d, %d))'%(rs(str(x)),x.start,x.end)
    out.append('    (%s, %s, &[%s][..], %s),'%(rs(e),rs(h),', '.join('0x%x'%c for c in cps),r))
open(HERE+'codec_encode.rs','w').write('[\n'+'\n'.join(out)+'\n]\n')
