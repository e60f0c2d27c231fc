# string.Template (its pattern is built with re.VERBOSE, named groups and
# flags set by __init_subclass__) runs unmodified on _sre.
import sys; sys.path.append('/usr/lib/python3.11')
from string import Template

t = Template('$who likes ${what}; $$5 is cheap')
print(t.substitute(who='tim', what='kung pao'))
print(t.safe_substitute(who='ann'))
print(t.get_identifiers(), t.is_valid())
try:
    Template('$who and $').substitute(who='x')
except ValueError as e:
    print('ValueError', e)
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)

class Percent(Template):
    delimiter = '%'
    idpattern = '[a-z]+'
print(Percent('%name is %{age}% %x').safe_substitute(name='Zoë', age=3))
