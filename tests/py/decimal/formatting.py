# str/repr/__format__ of Decimal: the format mini-language and the context's capitals.
from decimal import Decimal as D, Context, localcontext

vals = [D("0"), D("-0.00"), D("1234567.891"), D("-0.000123456"), D("1E+10"), D("12.5"),
        D("2.5"), D("-Infinity"), D("NaN"), D("123456789012345678901234567890")]
specs = ["", "f", ".2f", ".0f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", ",", ",.2f",
         "_.3f", "15", "<15", ">15.3f", "^15.2e", "*^17,.1f", "+.2f", " .2f", "-f", "015.2f",
         "=+12.1f", ".0e", "010", "n", ".4n"]
for v in vals:
    out = []
    for s in specs:
        try:
            out.append(format(v, s))
        except Exception as e:
            out.append(type(e).__name__)
    print(repr(v), out)
for bad in ["x", ".2d", "s", "=^10", ",_f", ".f"]:
    try:
        print(format(D("1.5"), bad))
    except Exception as e:
        print(repr(bad), type(e).__name__)
print(f"{D('3.14159'):.3}", f"{D('3.14159'):>10.4f}|", "{:,}".format(D(10**12)))
for v in ["1E+5", "1.23E-8", "0.00001", "123E+2", "-5E-10", "100", "0E-7", "1E+30"]:
    d = D(v)
    print(v, str(d), repr(d), d.to_eng_string())
c = Context(capitals=0)
print(c.to_sci_string(D("1E+5")), c.to_eng_string(D("1.5E-7")), Context().to_sci_string(D("-2E+3")))
print(str(D("1.00E+3")), str(D("0.0000001")), str(D("-0E-3")), str(D("sNaN")), str(D("-NaN123")))
