# Writes python_env/src/types/signatures.rs: the `__text_signature__` texts
# that CPython 3.11 gives the builtin functions, the methods of builtin types
# and the builtin types of the modules ProtoPy implements natively (builtins,
# and the native modules in MODULES).
# Run with CPython 3.11: python3 tools/gen_signatures.py > python_env/src/types/signatures.rs
import types, sys, importlib
MODULES = ['builtins', 'math', 'cmath', '_operator', 'itertools', 'time', '_functools', 'posix',
           '_pickle', '_io', '_collections', '_heapq', '_bisect', '_struct', 'binascii', 'zlib',
           '_random', 'sys', 'gc', '_codecs', '_weakref', '_abc', 'array', 'select', '_stat',
           'atexit', 'marshal', '_json', 'unicodedata', '_contextvars', '_string', 'errno']
mods = [importlib.import_module(n) for n in MODULES]
tys = []
for m in mods:
    for n, v in sorted(vars(m).items()):
        # Every type a module holds (its own `__module__` may name another
        # module: `_io`'s say `_io`, `_collections.deque` says `collections`).
        if isinstance(v, type) and n != '__loader__' and v not in tys:
            tys.append(v)
extra = [type(iter([])), type(iter(())), type(iter('')), type(iter(range(0))), type({}.keys()), type({}.values()),
         type({}.items()), type(iter({})), type(iter(set())), type(iter(b'')), type(iter(bytearray())),
         types.FunctionType, types.CodeType, types.MappingProxyType, types.SimpleNamespace, types.GeneratorType,
         types.CoroutineType, types.AsyncGeneratorType, types.MethodType, types.BuiltinFunctionType, types.ModuleType,
         types.CellType, types.FrameType, types.TracebackType, types.GenericAliasType if hasattr(types,'GenericAliasType') else types.GenericAlias,
         types.UnionType, type(reversed([])), type(Ellipsis), type(None), type(NotImplemented)]
for t in extra:
    if t not in tys: tys.append(t)
funcs = {}
for m in mods:
    for n, v in vars(m).items():
        if isinstance(v, types.BuiltinFunctionType):
            s = v.__text_signature__
            if s is not None:
                funcs[f"{v.__module__}.{v.__name__}"] = s
clash = set()
for t in tys:
    for n in dir(t):
        try:
            v = getattr(t, n)
        except AttributeError:
            continue
        if isinstance(v, type): continue
        s = getattr(v, '__text_signature__', None)
        if isinstance(s, str):
            key = f"{t.__name__}.{n}"
            if funcs.get(key, s) != s:
                # Two types of one short name disagree: leave the method out.
                clash.add(key)
            funcs.setdefault(key, s)
for key in clash:
    sys.stderr.write(f"left out (types of one name disagree): {key}\n")
    del funcs[key]
tsigs = {}
for t in tys:
    s = t.__text_signature__
    if s is not None:
        tsigs[f"{t.__module__}.{t.__qualname__}"] = s
def lit(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'
out = []
out.append("//! CPython 3.11's signature texts (`__text_signature__`) of ProtoPy's builtin\n//! functions, of the methods of its builtin types and of its builtin types, as\n//! `inspect.signature` reads them; the facts of the interface, generated from\n//! CPython 3.11 by tools/gen_signatures.py.\n")
out.append("/// (`owner.name`, text): `owner` is the module of a module's function, or\n/// the short name of the type whose dict holds a method. Sorted by key\n/// (binary search); a builtin missing here has no text (None), as\n/// CPython's builtins without one in their docstring (`max`, `iter`,\n/// `dict.pop`).\n///\n/// Made by `python3 tools/gen_signatures.py` (CPython 3.11).")
out.append("pub const FUNCTION_SIGNATURES: &[(&str, &str)] = &[")
for k in sorted(funcs):
    out.append(f"    ({lit(k)}, {lit(funcs[k])}),")
out.append("];\n")
out.append("/// (`module.qualname` of a builtin type, text); sorted by key. Builtin\n/// types missing here have none (`range`, `int`'s text is None too).")
out.append("pub const TYPE_SIGNATURES: &[(&str, &str)] = &[")
for k in sorted(tsigs):
    out.append(f"    ({lit(k)}, {lit(tsigs[k])}),")
out.append("];")
sys.stdout.write("\n".join(out) + "\n")
sys.stdout.write('''
/// The text of `owner.name` in a sorted table.
fn find(table: &'static [(&'static str, &'static str)], owner: &str, name: &str) -> Option<&'static str> {
    let key = format!("{owner}.{name}");
    table
        .binary_search_by(|&(k, _)| k.cmp(key.as_str()))
        .ok()
        .map(|i| table[i].1)
}

/// `__text_signature__` of the builtin function `name` of module `owner`,
/// or of the method `name` of the builtin type named `owner`.
pub fn function_signature(owner: &str, name: &str) -> Option<&'static str> {
    find(FUNCTION_SIGNATURES, owner, name)
}

/// `__text_signature__` of the builtin type `name` of module `module`.
pub fn type_signature(module: &str, name: &str) -> Option<&'static str> {
    find(TYPE_SIGNATURES, module, name)
}

/// The signature that a class's docstring declares, as CPython reads a
/// class's `__doc__`: the doc starts with the class's name (after its last
/// dot) and `(`, and the text up to the first `)` followed by a line `--`
/// and a blank line, with no blank line before it, is the signature
/// (parentheses included); None otherwise.
pub fn doc_signature<'a>(name: &str, doc: &'a str) -> Option<&'a str> {
    let short = name.rsplit('.').next().unwrap_or(name);
    let rest = doc.strip_prefix(short).filter(|r| r.starts_with('('))?;
    let end = rest.find(")\\n--\\n\\n")?;
    if rest.find("\\n\\n").is_some_and(|b| b < end) {
        return None;
    }
    Some(&rest[..=end])
}
''')
