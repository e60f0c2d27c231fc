//! The bytecode cache: `__pycache__/NAME.protopy-311.pyc` files that the
//! import system reads instead of recompiling a module's source.
//!
//! A file is CPython's PEP 552 header (16 bytes: magic, flags, then source
//! mtime and size, or an 8-byte source hash) followed by `marshal.dumps(code)`
//! ([`marshal_code`]: a `c` record holding the bytes of
//! [`crate::bytecode::serialize`], which carry their own fingerprints and
//! checksum), i.e. what `importlib._bootstrap_external._code_to_*_pyc`
//! writes, so importlib's loaders, `py_compile` and `compileall` read and
//! write the same files. The magic number is derived from
//! the bytecode fingerprint, so CPython's files and other ProtoPy builds'
//! are rejected at the first four bytes; the payload checks catch the rest.
//! Any file that fails a check (truncated, corrupted, foreign, stale) is
//! ignored: the source is compiled and the file rewritten.
//!
//! Files are written as CPython's `_write_atomic` does: into a temporary
//! file of a unique name in the same directory, then renamed over the
//! final name, so a reader sees either the old file, the new one, or none,
//! never a torn one, and processes racing to write both succeed.

use super::import::verbose_message;
use super::*;
use crate::bytecode::serialize::{self, BYTECODE_FINGERPRINT, SERIALIZE_KEY};
use crate::bytecode::CodeObject;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "protopy-311";

/// The magic number of this build's cache files (and of
/// `importlib.util.MAGIC_NUMBER`): two bytes derived from the bytecode
/// fingerprint and the build's checksum key, in 20000..60000 (far from
/// CPython's 3xxx numbers), then `\r\n` as CPython's. With the key in it,
/// another build's file (a GC-stress build beside a release one, sharing
/// the standard library's `__pycache__`) fails the header check, which
/// every loader treats as stale, instead of the body's keyed checksum,
/// which importlib's own loader (`runpy`, `-m`) reports as bad marshal
/// data.
pub const PYC_MAGIC: [u8; 4] = {
    let n = (20000 + (BYTECODE_FINGERPRINT ^ SERIALIZE_KEY) % 40000) as u16;
    let b = n.to_le_bytes();
    [b[0], b[1], b'\r', b'\n']
};

/// `_RAW_MAGIC_NUMBER`: the magic as a little-endian integer (the key of
/// [`source_hash`] for hash-based files).
pub const RAW_MAGIC: u32 = u32::from_le_bytes(PYC_MAGIC);

/// `_imp.source_hash(key, source)`: SipHash-1-3 of `source` keyed with
/// `(key, 0)`, little-endian, as CPython's `_Py_KeyedHash`.
pub fn source_hash(key: u64, source: &[u8]) -> [u8; 8] {
    struct State([u64; 4]);
    impl State {
        fn round(&mut self) {
            let v = &mut self.0;
            v[0] = v[0].wrapping_add(v[1]);
            v[1] = v[1].rotate_left(13) ^ v[0];
            v[0] = v[0].rotate_left(32);
            v[2] = v[2].wrapping_add(v[3]);
            v[3] = v[3].rotate_left(16) ^ v[2];
            v[0] = v[0].wrapping_add(v[3]);
            v[3] = v[3].rotate_left(21) ^ v[0];
            v[2] = v[2].wrapping_add(v[1]);
            v[1] = v[1].rotate_left(17) ^ v[2];
            v[2] = v[2].rotate_left(32);
        }
        fn compress(&mut self, m: u64) {
            self.0[3] ^= m;
            self.round();
            self.0[0] ^= m;
        }
    }
    let (k0, k1) = (key, 0u64);
    let mut s = State([
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ]);
    let mut chunks = source.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        s.compress(u64::from_le_bytes(b));
    }
    let rest = chunks.remainder();
    let mut last = (source.len() as u64) << 56;
    for (i, &b) in rest.iter().enumerate() {
        last |= u64::from(b) << (8 * i);
    }
    s.compress(last);
    s.0[2] ^= 0xff;
    for _ in 0..3 {
        s.round();
    }
    (s.0[0] ^ s.0[1] ^ s.0[2] ^ s.0[3]).to_le_bytes()
}

/// What `sys` says about the cache at this import (read each time, as
/// importlib does).
pub struct CacheSettings {
    /// Not `sys.dont_write_bytecode`.
    pub write: bool,
    /// `sys.pycache_prefix` (None: `__pycache__` beside the source).
    pub prefix: Option<String>,
    /// `-O` level (the file name's `opt-N` part).
    pub optimize: u8,
    /// `_imp.check_hash_based_pycs` ("default", "always" or "never").
    pub check_hash: String,
    /// `sys._stdlib_dir`: the Lib folder, whose modules are cached under
    /// [`stdlib_cache_root`] and never in its own `__pycache__` folders.
    pub stdlib: Option<PathBuf>,
}

/// The number in [`PYC_MAGIC`]'s first two bytes: the name of this build's
/// folder in ProtoPy's cache folder.
pub const MAGIC_NUMBER: u16 = u16::from_le_bytes([PYC_MAGIC[0], PYC_MAGIC[1]]);

/// Where the standard library's compiled form lives: this build's folder
/// (named by [`MAGIC_NUMBER`]) in ProtoPy's own cache folder,
/// `$PROTOPY_CACHE_DIR`, else `$XDG_CACHE_HOME/protopy`, else
/// `$HOME/.cache/protopy` (None without any: the Lib is then compiled at
/// each import). The Lib belongs to its package (Debian's
/// `libpython3.11-stdlib`), so nothing is written into its folders. A folder
/// per build, because builds with different magics (a release build and a
/// GC-stress build of one tree) would otherwise rewrite each other's files
/// at every import, and with `PYTHONDONTWRITEBYTECODE` set each would
/// compile every module of the Lib it imports, every time.
pub fn stdlib_cache_root() -> Option<&'static Path> {
    static ROOT: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        var("PROTOPY_CACHE_DIR")
            .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("protopy")))
            .or_else(|| var("HOME").map(|d| d.join(".cache").join("protopy")))
            .filter(|d| d.is_absolute())
            .map(|d| d.join(MAGIC_NUMBER.to_string()))
    })
    .as_deref()
}

/// The cache folder of the source folder `dir` (absolute) of a module of
/// the Lib at `stdlib`: `dir` mirrored under [`stdlib_cache_root`], as
/// `sys.pycache_prefix` mirrors it. None when `dir` is not in the Lib.
pub fn stdlib_cache_dir(dir: &Path, stdlib: &Path) -> Option<PathBuf> {
    if !dir.starts_with(stdlib) {
        return None;
    }
    let rel = dir.strip_prefix("/").unwrap_or(dir);
    Some(stdlib_cache_root()?.join(rel))
}

/// `importlib.util.cache_from_source(source)` for this build's settings.
pub fn cache_path(source: &Path, s: &CacheSettings) -> Option<PathBuf> {
    let file = source.file_name()?.to_str()?;
    let stem = file.rsplit_once('.').map_or(file, |(a, _)| a);
    let leaf = if s.optimize == 0 {
        format!("{stem}.{CACHE_TAG}.pyc")
    } else {
        format!("{stem}.{CACHE_TAG}.opt-{}.pyc", s.optimize)
    };
    let head = source.parent()?;
    let abs = || {
        if head.is_absolute() {
            Some(head.to_path_buf())
        } else {
            Some(std::env::current_dir().ok()?.join(head))
        }
    };
    Some(match (&s.prefix, &s.stdlib) {
        (Some(p), _) => {
            let abs = abs()?;
            let rel = abs.strip_prefix("/").unwrap_or(&abs);
            Path::new(p).join(rel).join(leaf)
        }
        (None, Some(lib)) if abs()?.starts_with(lib) => stdlib_cache_dir(&abs()?, lib)?.join(leaf),
        (None, _) => head.join("__pycache__").join(leaf),
    })
}

/// The code in the cache file `data` if it is this build's and matches
/// the source (`mtime`, `size` and `src` are the source's; `src` is read
/// only for a hash-based file, see [`needs_source`]); None for any file to
/// ignore. The body is read with [`serialize::deserialize_cached`]: these
/// are the import system's own files, whose keyed checksum stands for the
/// structural validation.
pub fn read_pyc(
    data: &[u8],
    src: &[u8],
    mtime: u32,
    size: u32,
    s: &CacheSettings,
) -> Option<Arc<CodeObject>> {
    if data.len() < 16 || data[..4] != PYC_MAGIC {
        return None;
    }
    let field = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let flags = field(4);
    if flags & !0b11 != 0 {
        return None;
    }
    if flags & 1 == 0 {
        if field(8) != mtime || field(12) != size {
            return None;
        }
    } else {
        let check_source = flags & 0b10 != 0;
        let check = match s.check_hash.as_str() {
            "never" => false,
            "always" => true,
            _ => check_source,
        };
        if check && data[8..16] != source_hash(u64::from(RAW_MAGIC), src) {
            return None;
        }
    }
    serialize::deserialize_cached(marshal_payload(&data[16..])?).ok()
}

/// Whether [`read_pyc`] of `data` reads the source's bytes: only a
/// hash-based file does (a timestamp file is checked against the source's
/// mtime and size, so a valid one spares reading the source at all).
pub fn needs_source(data: &[u8]) -> bool {
    data.len() >= 8 && data[4] & 1 != 0
}

/// What is wrong with a cache file's header, in the order importlib's
/// `_classify_pyc` checks it.
pub enum BadHeader {
    /// Not this build's magic number (its first four bytes, or fewer).
    Magic,
    /// Shorter than the 16-byte header.
    Short,
    /// Flags other than the two defined ones.
    Flags(u32),
}

/// [`BadHeader`] for `data`, None when its header is sound.
pub fn bad_header(data: &[u8]) -> Option<BadHeader> {
    if data.get(..4) != Some(&PYC_MAGIC[..]) {
        return Some(BadHeader::Magic);
    }
    if data.len() < 16 {
        return Some(BadHeader::Short);
    }
    let flags = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
    (flags & !3 != 0).then_some(BadHeader::Flags(flags))
}

/// The code in a cache file imported without its source (a `NAME.pyc`
/// beside where `NAME.py` would be, as CPython's `SourcelessFileLoader`):
/// the header's magic and flags are checked, the source fields are not.
pub fn sourceless_code(data: &[u8]) -> Option<Arc<CodeObject>> {
    if bad_header(data).is_some() {
        return None;
    }
    unmarshal_code(&data[16..])
}

/// `marshal.dumps(code)`: the type code `c`, the payload's length (i32
/// LE) and the payload, [`serialize::serialize`]'s bytes. The body of a
/// cache file, which `importlib`'s loaders read with `marshal.loads`.
pub fn marshal_code(code: &CodeObject) -> Vec<u8> {
    let blob = serialize::serialize(code);
    let mut out = Vec::with_capacity(blob.len() + 5);
    out.push(b'c');
    out.extend_from_slice(&(blob.len() as i32).to_le_bytes());
    out.extend_from_slice(&blob);
    out
}

/// The code object of [`marshal_code`]'s bytes, which must be all of
/// `data`; None for anything else.
pub fn unmarshal_code(data: &[u8]) -> Option<Arc<CodeObject>> {
    serialize::deserialize(marshal_payload(data)?).ok()
}

/// The serialized code inside [`marshal_code`]'s envelope, which must be
/// all of `data`; None for anything else.
fn marshal_payload(data: &[u8]) -> Option<&[u8]> {
    // Bit 0x80 of the type code is marshal's back-reference flag.
    if data.len() < 5 || data[0] & 0x7f != b'c' {
        return None;
    }
    let n = i32::from_le_bytes([data[1], data[2], data[3], data[4]]);
    if usize::try_from(n).ok()? != data.len() - 5 {
        return None;
    }
    Some(&data[5..])
}

/// A timestamp-based cache file for `code` (as `_code_to_timestamp_pyc`).
pub fn timestamp_pyc(code: &CodeObject, mtime: u32, size: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(&PYC_MAGIC);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&mtime.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&marshal_code(code));
    out
}

/// A hash-based cache file for `code` compiled from `src` (as
/// `_code_to_hash_pyc`).
pub fn hash_pyc(code: &CodeObject, src: &[u8], check_source: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(&PYC_MAGIC);
    out.extend_from_slice(&(1 | u32::from(check_source) << 1).to_le_bytes());
    out.extend_from_slice(&source_hash(u64::from(RAW_MAGIC), src));
    out.extend_from_slice(&marshal_code(code));
    out
}

/// Writes `data` to `path` atomically (module docs), creating the
/// directory as needed; `mode` is the source file's permission bits. Any
/// failure (an unwritable directory, a full disk) leaves no file and is
/// not an error, as CPython's `_cache_bytecode`: the result says whether
/// the file was written.
pub fn write_atomic(path: &Path, data: &[u8], mode: u32) -> bool {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    static NONCE: proto_core::sync::AtomicU64 = proto_core::sync::AtomicU64::new(0);
    let Some(dir) = path.parent() else {
        return false;
    };
    if !dir.is_dir() && std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let Some(name) = path.file_name() else {
        return false;
    };
    let n = NONCE.fetch_add(1, proto_core::sync::Ordering::Relaxed);
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode((mode | 0o200) & 0o666)
        .open(&tmp);
    let Ok(mut f) = f else {
        return false;
    };
    let ok = f.write_all(data).is_ok() && f.flush().is_ok();
    drop(f);
    if !ok || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return false;
    }
    true
}

impl Vm {
    /// The cache settings from `sys` and `_imp` now.
    pub fn cache_settings(&mut self) -> CacheSettings {
        let mut s = CacheSettings {
            write: true,
            prefix: None,
            optimize: crate::compiler::CompileFlags::interpreter().optimize,
            check_hash: "default".into(),
            stdlib: None,
        };
        let sys = *proto_core::sync::lock(&self.g.sys);
        if let Some(d) = Obj::from_value(sys).map(|o| o.get(0)) {
            let k = self.intern("dont_write_bytecode");
            if let Some(v) = self.dict_get_str(d, k) {
                // A truth test that cannot run Python code: bool/int/None.
                s.write = v == Value::FALSE || v.is_none() || v.as_int() == Some(0);
            }
            let k = self.intern("pycache_prefix");
            if let Some(v) = self.dict_get_str(d, k).filter(|v| is_str(*v)) {
                s.prefix = Some(str_of(v).into_owned());
            }
            let k = self.intern("_stdlib_dir");
            if let Some(v) = self.dict_get_str(d, k).filter(|v| is_str(*v)) {
                s.stdlib = Some(PathBuf::from(&*str_of(v)));
            }
        }
        let k = self.intern("_imp");
        if let Some(m) = self.dict_get_str(self.g.sys_modules, k) {
            if let Some(d) = Obj::from_value(m).and_then(|o| self.instance_dict(o)) {
                let k = self.intern("check_hash_based_pycs");
                if let Some(v) = self.dict_get_str(d, k).filter(|v| is_str(*v)) {
                    s.check_hash = str_of(v).into_owned();
                }
            }
        }
        s
    }

    /// A module's decoded source compiled as the import system compiles it
    /// (the interpreter's flags), its compile-time warnings issued; a
    /// SyntaxError as the exception.
    fn compile_module_text(&mut self, text: &str, fname: &str) -> PyResult<Arc<CodeObject>> {
        let (r, warnings) = crate::compiler::compile_with_warnings(
            text,
            fname,
            crate::compiler::Mode::Exec,
            crate::compiler::CompileFlags::interpreter(),
        );
        if !warnings.is_empty() {
            self.issue_compile_warnings(&warnings)?;
        }
        r.map_err(|e| self.syntax_error(&e))
    }

    /// The code of the embedded module `name` (source `src`, shown as
    /// `fname`): from ProtoPy's cache folder
    /// (`<stdlib_cache_root>/embedded/__pycache__/NAME.protopy-311.pyc`),
    /// else compiled and, unless `sys.dont_write_bytecode`, cached there.
    /// The source is part of the binary and has no mtime, so the file is
    /// hash-based and its hash is checked against the source at every read,
    /// whatever `_imp.check_hash_based_pycs` says.
    pub fn embedded_code(&mut self, name: &str, src: &str, fname: &str) -> PyResult<Value> {
        let mut settings = self.cache_settings();
        settings.check_hash = "always".into();
        settings.prefix = None;
        settings.stdlib = None;
        let cache = stdlib_cache_root().and_then(|root| {
            cache_path(&root.join("embedded").join(format!("{name}.py")), &settings)
        });
        if let Some(cp) = &cache {
            if let Ok(data) = std::fs::read(cp) {
                if let Some(code) = read_pyc(&data, src.as_bytes(), 0, 0, &settings) {
                    if *code.filename == *fname {
                        return Ok(self.new_code(code));
                    }
                }
            }
        }
        let code = self.compile_module_text(src, fname)?;
        if settings.write {
            if let Some(cp) = &cache {
                let _ = write_atomic(cp, &hash_pyc(&code, src.as_bytes(), true), 0o644);
            }
        }
        Ok(self.new_code(code))
    }

    /// The code of the module source file `file` (canonical path, shown
    /// as `fname`): from its cache file when that is valid, else compiled
    /// and, unless `sys.dont_write_bytecode`, cached. Returns the code
    /// value and the cache file's path (`__cached__`).
    pub fn module_code(&mut self, file: &Path, fname: &str) -> PyResult<(Value, Option<PathBuf>)> {
        use std::io::Read;
        use std::os::unix::fs::MetadataExt;
        // The source is opened (and its mtime and size taken from the open
        // file) first, but read only when the cache file needs it or is
        // unusable.
        let opened = (|| {
            let f = std::fs::File::open(file)?;
            let meta = f.metadata()?;
            Ok::<_, std::io::Error>((f, meta))
        })();
        let (mut f, meta) = match opened {
            Ok(x) => x,
            Err(e) => return Err(self.new_exc(self.g.e.ImportError, &format!("{e}"))),
        };
        let mut src: Option<Vec<u8>> = None;
        let mut read_src = |src: &mut Option<Vec<u8>>| -> std::io::Result<()> {
            if src.is_none() {
                let mut v = Vec::with_capacity(meta.len() as usize);
                f.read_to_end(&mut v)?;
                *src = Some(v);
            }
            Ok(())
        };
        let settings = self.cache_settings();
        let cache = cache_path(file, &settings);
        // As importlib: int(st_mtime) and the size, each modulo 2**32.
        let mtime = meta.mtime() as u32;
        let size = meta.len() as u32;
        // The flags of a hash-based file of ours that is stale: its
        // replacement is hash-based too, as importlib's `get_code` keeps it.
        let mut hash_flags = None;
        if let Some(cp) = &cache {
            if let Ok(data) = std::fs::read(cp) {
                if data.len() >= 16
                    && data[..4] == PYC_MAGIC
                    && matches!(data[4..8], [1 | 3, 0, 0, 0])
                {
                    hash_flags = Some(data[4]);
                }
                if needs_source(&data) {
                    if let Err(e) = read_src(&mut src) {
                        return Err(self.new_exc(self.g.e.ImportError, &format!("{e}")));
                    }
                }
                let src = src.as_deref().unwrap_or_default();
                if let Some(code) = read_pyc(&data, src, mtime, size, &settings) {
                    verbose_message(1, || format!("{} matches {}", cp.display(), file.display()));
                    verbose_message(1, || {
                        let c = cp.to_string_lossy();
                        format!("code object from {}", text::str_repr(c.as_bytes()))
                    });
                    let code = if *code.filename == *fname {
                        code
                    } else {
                        serialize::with_filename(&code, &Arc::from(fname))
                    };
                    return Ok((self.new_code(code), cache));
                }
            }
        }
        if let Err(e) = read_src(&mut src) {
            return Err(self.new_exc(self.g.e.ImportError, &format!("{e}")));
        }
        let src = src.unwrap_or_default();
        let text = self.decode_source_text(&src, fname, true)?;
        let code = self.compile_module_text(&text, fname)?;
        verbose_message(1, || format!("code object from {fname}"));
        // A source that changed while it was read is not cached.
        if settings.write && src.len() as u64 == meta.len() {
            if let Some(cp) = &cache {
                let data = match hash_flags {
                    Some(flags) => hash_pyc(&code, &src, flags & 0b10 != 0),
                    None => timestamp_pyc(&code, mtime, size),
                };
                if write_atomic(cp, &data, meta.mode() & 0o777) {
                    verbose_message(1, || {
                        let c = cp.to_string_lossy();
                        format!("created {}", text::str_repr(c.as_bytes()))
                    });
                }
            }
        }
        Ok((self.new_code(code), cache))
    }
}
