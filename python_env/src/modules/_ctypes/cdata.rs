//! ctypes instances' memory (`_CData`): blocks, instance allocation, the
//! `_objects` keep-alive chain, the class methods every ctypes type has
//! (`from_address`, `from_buffer`, `from_buffer_copy`, `in_dll`, `type * n`),
//! `CArgObject` (`byref`, `from_param` results) and the module functions
//! `sizeof`, `alignment`, `byref`, `addressof`, `resize`.

use super::*;
use proto_core::sync::{self, Arc, AtomicUsize, Mutex, Ordering};

/// Alignment of every block this module allocates (the largest any C
/// type here needs: `long double`).
const BLOCK_ALIGN: usize = 16;

/// C memory: `len` bytes at `ptr`, freed on drop when `owned`.
pub(crate) struct Mem {
    ptr: *mut u8,
    len: usize,
    owned: bool,
    /// Allocations `resize` replaced: kept until the block dies, since a
    /// memoryview may still read a slice of one.
    retired: Vec<Mem>,
}

// SAFETY: `Mem` is only reached through the mutex of its `Block`; the
// pointer is plain C memory with no thread affinity.
unsafe impl Send for Mem {}

impl Mem {
    fn layout(len: usize) -> std::alloc::Layout {
        std::alloc::Layout::from_size_align(len.max(1), BLOCK_ALIGN)
            .unwrap_or(std::alloc::Layout::new::<u8>())
    }

    /// `len` zeroed bytes of fresh memory; None if the allocator fails.
    fn alloc(len: usize) -> Option<Mem> {
        if len > isize::MAX as usize - BLOCK_ALIGN {
            return None;
        }
        // SAFETY: the layout has a nonzero size (at least 1).
        let ptr = unsafe { std::alloc::alloc_zeroed(Self::layout(len)) };
        (!ptr.is_null()).then_some(Mem {
            ptr,
            len,
            owned: true,
            retired: Vec::new(),
        })
    }
}

impl Drop for Mem {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: `ptr` was allocated by `Mem::alloc` with this layout
            // and is freed once, here.
            unsafe { std::alloc::dealloc(self.ptr, Self::layout(self.len)) };
        }
    }
}

/// A block of C memory shared by an instance and the views into it.
pub(crate) struct Block(Mutex<Mem>);

impl Block {
    pub(crate) fn owned(len: usize) -> Option<Arc<Block>> {
        Mem::alloc(len).map(|m| Arc::new(Block(Mutex::new(m))))
    }

    /// Foreign memory at `addr` (not freed here).
    pub(crate) fn borrowed(addr: usize, len: usize) -> Arc<Block> {
        Arc::new(Block(Mutex::new(Mem {
            ptr: addr as *mut u8,
            len,
            owned: false,
            retired: Vec::new(),
        })))
    }

    /// A block holding a copy of `data` followed by `zeros` zero bytes.
    pub(crate) fn copy_of(data: &[u8], zeros: usize) -> Option<Arc<Block>> {
        let b = Self::owned(data.len() + zeros)?;
        b.write(0, data);
        Some(b)
    }

    pub(crate) fn addr(&self) -> usize {
        sync::lock(&self.0).ptr as usize
    }

    pub(crate) fn len(&self) -> usize {
        sync::lock(&self.0).len
    }

    /// Copies bytes at `off` out into `out`. Owned blocks are bounds
    /// checked (a short read is zero-filled); borrowed memory is the
    /// program's (as in C).
    pub(crate) fn read(&self, off: usize, out: &mut [u8]) {
        let m = sync::lock(&self.0);
        let n = if m.owned {
            m.len.saturating_sub(off).min(out.len())
        } else {
            out.len()
        };
        if n == 0 || m.ptr.is_null() {
            out.fill(0);
            return;
        }
        // SAFETY: an owned block has `len` bytes at `ptr` and `off + n <=
        // len`; borrowed memory is the address the program named
        // (`from_address`, a pointer's target), as C would read it.
        unsafe { std::ptr::copy(m.ptr.add(off), out.as_mut_ptr(), n) };
        out[n..].fill(0);
    }

    /// Copies `data` in at `off` (bounds as [`Block::read`]; bytes past an
    /// owned block's end are dropped).
    pub(crate) fn write(&self, off: usize, data: &[u8]) {
        let m = sync::lock(&self.0);
        let n = if m.owned {
            m.len.saturating_sub(off).min(data.len())
        } else {
            data.len()
        };
        if n == 0 || m.ptr.is_null() {
            return;
        }
        // SAFETY: as in `read`.
        unsafe { std::ptr::copy(data.as_ptr(), m.ptr.add(off), n) };
    }

    /// Reads, changes and writes back `len` bytes at `off` in one step
    /// (bit fields).
    pub(crate) fn update(&self, off: usize, len: usize, f: impl FnOnce(&mut [u8])) {
        let mut buf = vec![0u8; len];
        let m = sync::lock(&self.0);
        let n = if m.owned {
            m.len.saturating_sub(off).min(len)
        } else {
            len
        };
        if n == 0 || m.ptr.is_null() {
            return;
        }
        // SAFETY: as in `read`; the mutex is held across read and write.
        unsafe { std::ptr::copy(m.ptr.add(off), buf.as_mut_ptr(), n) };
        f(&mut buf);
        // SAFETY: as above.
        unsafe { std::ptr::copy(buf.as_ptr(), m.ptr.add(off), n) };
    }

    /// Grows an owned block to `len` bytes (zero-filled), moving it.
    fn resize(&self, len: usize) -> bool {
        let mut m = sync::lock(&self.0);
        if len <= m.len {
            return true;
        }
        let Some(mut new) = Mem::alloc(len) else {
            return false;
        };
        // SAFETY: both regions are valid for `m.len` bytes (the new one is
        // larger) and distinct.
        unsafe { std::ptr::copy_nonoverlapping(m.ptr, new.ptr, m.len) };
        new.retired = std::mem::take(&mut m.retired);
        let old = std::mem::replace(&mut *m, new);
        m.retired.push(old);
        true
    }

    /// The bytes of a block as a slice valid while the block lives
    /// (memoryview reads). None if out of an owned block's bounds.
    fn slice(&self, off: usize, len: usize) -> Option<&[u8]> {
        let m = sync::lock(&self.0);
        if m.owned && off.checked_add(len)? > m.len {
            return None;
        }
        if len == 0 || m.ptr.is_null() {
            return Some(&[]);
        }
        // SAFETY: in bounds of an owned block, whose allocations are only
        // freed with the block (`resize` retires the old one), or foreign
        // memory the program named (as C would read it).
        Some(unsafe { std::slice::from_raw_parts(m.ptr.add(off), len) })
    }
}

/// Payload of a ctypes instance.
pub(crate) struct CData {
    pub block: Arc<Block>,
    pub off: usize,
    pub size: AtomicUsize,
    /// Whether this instance allocated its block (`_b_needsfree_`).
    pub owns: bool,
}

impl Trace for CData {
    fn external_bytes(&self) -> usize {
        if self.owns {
            self.size.load(Ordering::Relaxed)
        } else {
            0
        }
    }
}

impl CData {
    pub(crate) fn addr(&self) -> usize {
        self.block.addr() + self.off
    }
    pub(crate) fn size(&self) -> usize {
        self.size.load(Ordering::Relaxed)
    }
    pub(crate) fn read(&self, off: usize, out: &mut [u8]) {
        self.block.read(self.off + off, out)
    }
    pub(crate) fn write(&self, off: usize, data: &[u8]) {
        self.block.write(self.off + off, data)
    }
    pub(crate) fn bytes(&self) -> Vec<u8> {
        let mut v = vec![0u8; self.size()];
        self.read(0, &mut v);
        v
    }
}

/// The instance payload of `v` with its object, if `v` is a ctypes instance.
pub(crate) fn cdata_of(v: Value) -> Option<(Obj, &'static CData)> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_INSTANCE {
        return None;
    }
    native_ref::<CData>(o).map(|c| (o, c))
}

/// Value slots of an instance after the dict and `__slots__`.
const EXTRA: usize = 2;

fn slot_base(o: Obj) -> usize {
    o.n_values() - 2
}
fn slot_objects(o: Obj) -> usize {
    o.n_values() - 1
}

/// The `_b_base_` of an instance (None for a root).
pub(crate) fn base_of(o: Obj) -> Value {
    o.get(slot_base(o))
}

/// A new instance of `cls` over `off..` of `block`.
pub(crate) fn alloc(
    vm: &mut Vm,
    cls: Value,
    block: Arc<Block>,
    off: usize,
    size: usize,
    owns: bool,
    base: Value,
) -> PyResult<Value> {
    let co = Obj::from_value(cls).expect("a class");
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let n = 1 + type_nslots(co) + EXTRA;
    let v = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        CData {
            block,
            off,
            size: AtomicUsize::new(size),
            owns,
        },
    );
    let o = Obj::from_value(v).expect("instance");
    o.init(n - 2, base);
    o.init(n - 1, Value::NONE);
    Ok(v)
}

pub(crate) fn memory_error(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.MemoryError, "")
}

/// A new zeroed instance of `cls` of `size` bytes with `extra` more
/// value slots (EMPTY) before `_b_base_` and `_objects` (function
/// pointers keep their `argtypes`, `restype` and `errcheck` there).
pub(crate) fn alloc_with_extra(
    vm: &mut Vm,
    cls: Value,
    size: usize,
    extra: usize,
) -> PyResult<Value> {
    let co = Obj::from_value(cls).expect("a class");
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let Some(block) = Block::owned(size) else {
        return Err(memory_error(vm));
    };
    let n = 1 + type_nslots(co) + EXTRA + extra;
    let v = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        CData {
            block,
            off: 0,
            size: AtomicUsize::new(size),
            owns: true,
        },
    );
    let o = Obj::from_value(v).expect("instance");
    for i in n - 2 - extra..n - 2 {
        o.init(i, Value::EMPTY);
    }
    o.init(n - 2, Value::NONE);
    o.init(n - 1, Value::NONE);
    Ok(v)
}

/// A new zeroed instance of the ctypes type `cls`.
pub(crate) fn new_owned(vm: &mut Vm, cls: Value, stg: &Stg) -> PyResult<Value> {
    let Some(b) = Block::owned(stg.size) else {
        return Err(memory_error(vm));
    };
    alloc(vm, cls, b, 0, stg.size, true, Value::NONE)
}

/// A new instance of `cls` holding a copy of `data` (a call's result).
pub(crate) fn new_from_bytes(vm: &mut Vm, cls: Value, stg: &Stg, data: &[u8]) -> PyResult<Value> {
    let v = new_owned(vm, cls, stg)?;
    let (_, c) = cdata_of(v).expect("instance");
    let n = data.len().min(stg.size);
    c.write(0, &data[..n]);
    Ok(v)
}

/// An instance of `cls` viewing `off..` of the instance `base` (a field,
/// an element): shares its block and keeps it alive.
pub(crate) fn new_view(
    vm: &mut Vm,
    cls: Value,
    stg: &Stg,
    base: Value,
    off: usize,
) -> PyResult<Value> {
    let (_, bc) = cdata_of(base).expect("a ctypes base");
    alloc(
        vm,
        cls,
        bc.block.clone(),
        bc.off + off,
        stg.size,
        false,
        base,
    )
}

/// An instance of `cls` at the foreign address `addr`.
pub(crate) fn new_at(vm: &mut Vm, cls: Value, stg: &Stg, addr: usize) -> PyResult<Value> {
    alloc(
        vm,
        cls,
        Block::borrowed(addr, stg.size),
        0,
        stg.size,
        false,
        Value::NONE,
    )
}

/// Stores `keep` in the `_objects` of the root of `target`'s base chain,
/// under the path of `index` (CPython's `KeepRef`), so that memory `target`
/// points to outlives it.
pub(crate) fn keep_ref(vm: &mut Vm, target: Value, index: usize, keep: Value) -> PyResult<()> {
    if keep == Value::NONE {
        return Ok(());
    }
    let mut key = format!("{index:x}");
    let mut cur = target;
    loop {
        let Some((o, c)) = cdata_of(cur) else {
            return Ok(());
        };
        let b = base_of(o);
        if b == Value::NONE {
            break;
        }
        // The index of `cur` in its base: its offset (unique per field or
        // element at one level).
        let (_, bc) = cdata_of(b).expect("a ctypes base");
        key = format!("{key}:{:x}", c.off.wrapping_sub(bc.off));
        cur = b;
    }
    let (o, _) = cdata_of(cur).expect("instance");
    let mark = vm.push_root(keep);
    vm.push_root(cur);
    let mut d = o.get(slot_objects(o));
    if Obj::from_value(d).is_none_or(|x| x.kind() != Kind::DICT) {
        d = vm.new_dict();
        vm.with_lock(o, |ctx| ctx.store(o, slot_objects(o), d));
    }
    let k = vm.new_str(&key);
    let r = vm.dict_set(d, k, keep);
    vm.pop_roots(mark);
    r
}

/// Sets the `_objects` of `target` itself to `v` (simple values: the
/// bytes behind a `c_char_p`).
pub(crate) fn set_objects(vm: &mut Vm, target: Value, v: Value) -> PyResult<()> {
    let Some((o, _)) = cdata_of(target) else {
        return Ok(());
    };
    if base_of(o) != Value::NONE {
        return keep_ref(vm, target, 0, v);
    }
    vm.with_lock(o, |ctx| ctx.store(o, slot_objects(o), v));
    Ok(())
}

pub(crate) fn objects_of(o: Obj) -> Value {
    o.get(slot_objects(o))
}

// ------------------------------------------------------------ keep-alive

/// Payload of a hidden object owning C memory a value points to (the
/// NUL-terminated copy of the bytes behind a `c_char_p`).
pub(crate) struct Keep(pub Arc<Block>);

impl Trace for Keep {
    fn external_bytes(&self) -> usize {
        self.0.len()
    }
}

/// A keep-alive object owning a copy of `data` and `zeros` zero bytes;
/// returns it and the copy's address.
pub(crate) fn keep_bytes(vm: &mut Vm, data: &[u8], zeros: usize) -> PyResult<(Value, usize)> {
    let Some(b) = Block::copy_of(data, zeros) else {
        return Err(memory_error(vm));
    };
    let addr = b.addr();
    let v = vm.ctx.alloc_native(K_MISC, g().keep_type, Keep(b));
    Ok((v, addr))
}

// ------------------------------------------------------------ CArgObject

/// Payload of a `CArgObject`: a value ready to pass to a foreign function
/// (`byref(obj)`, `c_int.from_param(5)`). Value slot 0 keeps alive what
/// it points to.
pub(crate) struct CArg {
    pub tag: u8,
    pub data: [u8; 16],
}

impl Trace for CArg {}

pub(crate) fn new_carg(vm: &mut Vm, tag: u8, data: [u8; 16], keep: Value) -> Value {
    let v = vm
        .ctx
        .alloc_native_with_values(K_MISC, g().carg, 1, CArg { tag, data });
    Obj::from_value(v).expect("carg").init(0, keep);
    v
}

pub(crate) fn carg_of(v: Value) -> Option<(Obj, &'static CArg)> {
    let o = Obj::from_value(v)?;
    native_ref::<CArg>(o).map(|c| (o, c))
}

fn carg_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some((o, c)) = a.first().and_then(|&v| carg_of(v)) else {
        return Err(vm.type_error("CArgObject expected"));
    };
    let d = c.data;
    let u = u64::from_le_bytes(d[..8].try_into().unwrap_or([0; 8]));
    let body = match c.tag {
        b'b' => format!("{}", d[0] as i8),
        b'B' => format!("{}", d[0]),
        b'h' => format!("{}", i16::from_le_bytes([d[0], d[1]])),
        b'H' => format!("{}", u16::from_le_bytes([d[0], d[1]])),
        b'i' => format!("{}", i32::from_le_bytes([d[0], d[1], d[2], d[3]])),
        b'I' => format!("{}", u32::from_le_bytes([d[0], d[1], d[2], d[3]])),
        b'l' | b'q' => format!("{}", u as i64),
        b'L' | b'Q' => format!("{u}"),
        b'd' => simple::float_repr(f64::from_bits(u)),
        b'f' => simple::float_repr(f32::from_le_bytes([d[0], d[1], d[2], d[3]]) as f64),
        b'c' => {
            let b = vm.new_bytes(&[d[0]]);
            let r = vm.repr(b)?;
            str_of(r).into_owned()
        }
        b'z' | b'Z' | b'P' => format!("{u:#x}"),
        _ => {
            let _ = o;
            return Ok(vm.new_str(&format!("<cparam '{}' at {:#x}>", c.tag as char, u)));
        }
    };
    Ok(vm.new_str(&format!("<cparam '{}' ({})>", c.tag as char, body)))
}

fn carg_obj(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match a.first().and_then(|&v| carg_of(v)) {
        Some((o, _)) => Ok(o.get(0)),
        None => Err(vm.type_error("CArgObject expected")),
    }
}

// ------------------------------------------------------------ class methods

/// The ctypes type `cls` with a layout, or CPython's TypeError.
pub(crate) fn need_stg(vm: &mut Vm, cls: Value) -> PyResult<&'static Stg> {
    match stg_of(vm, cls) {
        Some(s) => Ok(s),
        None => Err(abstract_class(vm)),
    }
}

pub(crate) fn abstract_class(vm: &mut Vm) -> PyException {
    vm.type_error("abstract class")
}

fn arg_cls(vm: &mut Vm, a: &[Value], name: &str, n: usize) -> PyResult<Value> {
    if a.len() != n + 1 {
        return Err(vm.type_error(&format!(
            "{name}() takes exactly {n} argument{} ({} given)",
            if n == 1 { "" } else { "s" },
            a.len().saturating_sub(1)
        )));
    }
    Ok(a[0])
}

/// `cls.from_address(address)`.
fn t_from_address(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = arg_cls(vm, a, "from_address", 1)?;
    let stg = need_stg(vm, cls)?;
    let addr = simple::addr_arg(vm, a[1])?;
    new_at(vm, cls, stg, addr)
}

/// The bytes of a bytes-like object that is not a ctypes instance.
fn other_buffer(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

fn offset_arg(vm: &mut Vm, a: &[Value]) -> PyResult<usize> {
    let off = match a.get(2) {
        Some(&v) => vm.index_isize(v)?,
        None => 0,
    };
    if off < 0 {
        return Err(vm.value_error("offset cannot be negative"));
    }
    Ok(off as usize)
}

fn too_small(vm: &mut Vm, need: usize, have: usize, off: usize) -> PyException {
    vm.value_error(&format!(
        "Buffer size too small ({have} instead of at least {} bytes)",
        need + off
    ))
}

/// `cls.from_buffer(obj, offset=0)`: an instance sharing `obj`'s memory.
/// A ctypes instance's block is shared, and an mmap's mapping; other
/// writable buffers (a bytearray, an array, a memoryview) have no memory
/// that stays put under ProtoPy's collector, so they are refused with
/// NotImplementedError.
fn t_from_buffer(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 3 {
        return Err(vm.type_error("from_buffer() takes at most 2 arguments"));
    }
    let cls = a[0];
    let stg = need_stg(vm, cls)?;
    let src = a[1];
    let off = offset_arg(vm, a)?;
    if let Some((_, c)) = cdata_of(src) {
        let have = c.size();
        if have < stg.size + off {
            return Err(too_small(vm, stg.size, have, off));
        }
        return share(vm, cls, c.block.clone(), c.off + off, stg.size, src);
    }
    if crate::modules::mmap::is_mmap(src) {
        // A mapping stays at its address while exported: the export token,
        // kept in the instance's `_objects`, holds the map open and makes
        // `resize`/`close` raise BufferError, as CPython's buffer export.
        let (tok, len, readonly) = crate::modules::mmap::export(vm, src)?;
        let mark = vm.push_root(tok);
        let r = if readonly {
            Err(vm.type_error("underlying buffer is not writable"))
        } else if len < stg.size + off {
            Err(too_small(vm, stg.size, len, off))
        } else {
            let addr = crate::modules::mmap::export_bytes(tok).map_or(0, |b| b.as_ptr() as usize);
            share(
                vm,
                cls,
                Block::borrowed(addr + off, stg.size),
                0,
                stg.size,
                tok,
            )
        };
        vm.pop_roots(mark);
        return r;
    }
    if let Some(b) = crate::types::memoryview::mmap_view_bytes(src) {
        // A view of an mmap (multiprocessing's shared `Value`/`Array`):
        // the view, kept in `_objects`, holds the mapping's export.
        if !crate::types::memoryview::is_writable(src) {
            return Err(vm.type_error("underlying buffer is not writable"));
        }
        if b.len() < stg.size + off {
            return Err(too_small(vm, stg.size, b.len(), off));
        }
        let addr = b.as_ptr() as usize + off;
        return share(vm, cls, Block::borrowed(addr, stg.size), 0, stg.size, src);
    }
    if crate::types::memoryview::is_writable(src) {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "from_buffer() shares memory only with ctypes instances and mmaps here; use from_buffer_copy()",
        ));
    }
    if crate::types::bytes::buf(src).is_some() {
        return Err(vm.type_error("underlying buffer is not writable"));
    }
    let tn = vm.type_name_of(src);
    Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
}

/// An instance of `cls` over `size` bytes at `off` in `block`, keeping
/// `owner` (what the memory belongs to) in its `_objects`.
fn share(
    vm: &mut Vm,
    cls: Value,
    block: Arc<Block>,
    off: usize,
    size: usize,
    owner: Value,
) -> PyResult<Value> {
    let v = alloc(vm, cls, block, off, size, false, Value::NONE)?;
    let mark = vm.push_root(v);
    let r = set_objects(vm, v, owner);
    vm.pop_roots(mark);
    r?;
    Ok(v)
}

/// `cls.from_buffer_copy(obj, offset=0)`.
fn t_from_buffer_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 3 {
        return Err(vm.type_error("from_buffer_copy() takes at most 2 arguments"));
    }
    let cls = a[0];
    let stg = need_stg(vm, cls)?;
    let off = offset_arg(vm, a)?;
    let data = match cdata_of(a[1]) {
        Some((_, c)) => c.bytes(),
        None => other_buffer(vm, a[1])?,
    };
    if data.len() < stg.size + off {
        return Err(too_small(vm, stg.size, data.len(), off));
    }
    new_from_bytes(vm, cls, stg, &data[off..off + stg.size])
}

/// `cls.in_dll(library, name)`: the variable `name` of a loaded library.
fn t_in_dll(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = arg_cls(vm, a, "in_dll", 2)?;
    let stg = need_stg(vm, cls)?;
    let k = vm.intern("_handle");
    let h = vm.getattr(a[1], k)?;
    let handle = simple::addr_arg(vm, h)?;
    let name = if is_str(a[2]) {
        str_of(a[2]).into_owned()
    } else {
        return Err(vm.type_error("in_dll() argument 2 must be str"));
    };
    let addr = dl::symbol(vm, handle, &name)?;
    new_at(vm, cls, stg, addr)
}

/// `cls * n`: the array type of `n` elements of `cls`.
fn t_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    if !vm.has_index(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = vm.index_isize(a[1])?;
    if n < 0 {
        return Err(vm.value_error(&format!("Array length must be >= 0, not {n}")));
    }
    array::array_type(vm, a[0], n as usize)
}

/// The default `from_param`: instances of the class itself pass, and
/// objects with `_as_parameter_`.
pub(crate) fn t_from_param(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = arg_cls(vm, a, "from_param", 1)?;
    let v = a[1];
    if vm.isinstance(v, cls) {
        return Ok(v);
    }
    if let Some((o, c)) = carg_of(v) {
        // byref() of an instance of the class (pointer types accept it).
        if c.tag == b'P' && vm.isinstance(o.get(0), cls) {
            return Ok(v);
        }
    }
    let k = vm.intern("_as_parameter_");
    if let Some(p) = getattr_opt(vm, v, k)? {
        let mark = vm.push_root(p);
        let r = vm.call_method(cls, "from_param", &[p]);
        vm.pop_roots(mark);
        return r;
    }
    let tn = type_name(cls);
    let vn = vm.type_name_of(v);
    Err(vm.type_error(&format!("expected {tn} instance instead of {vn}")))
}

/// `getattr(v, name)` that answers None for a missing attribute.
pub(crate) fn getattr_opt(vm: &mut Vm, v: Value, name: Value) -> PyResult<Option<Value>> {
    match vm.getattr(v, name) {
        Ok(x) => Ok(Some(x)),
        Err(e) => {
            let ae = vm.g.e.AttributeError;
            if vm.exc_matches(e.0, ae)? {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

/// Adds the class methods of CPython's `CDataType` to the metaclass `t`.
pub(crate) fn add_type_methods(vm: &mut Vm, t: Value, from_param: NativeFn) {
    let ms: &[(&'static str, NativeFn)] = &[
        ("from_address", t_from_address),
        ("from_buffer", t_from_buffer),
        ("from_buffer_copy", t_from_buffer_copy),
        ("in_dll", t_in_dll),
        ("from_param", from_param),
        ("__mul__", t_mul),
        ("__rmul__", t_mul),
    ];
    for &(n, f) in ms {
        vm.add_method(t, n, f);
    }
}

// ------------------------------------------------------------ _CData methods

fn this(vm: &mut Vm, a: &[Value]) -> PyResult<(Obj, &'static CData)> {
    match a.first().and_then(|&v| cdata_of(v)) {
        Some(x) => Ok(x),
        None => Err(vm.type_error("expected a ctypes instance")),
    }
}

fn d_b_base(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a)?;
    Ok(base_of(o))
}

fn d_b_needsfree(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c) = this(vm, a)?;
    Ok(Value::int(c.owns as i64))
}

fn d_objects(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a)?;
    Ok(objects_of(o))
}

fn c_from_outparam(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

/// `__reduce__`: `_unpickle, (type(self), (self.__dict__, bytes))`.
fn c_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c) = this(vm, a)?;
    let cls = vm.type_of(a[0]);
    if let Some(s) = stg_of(vm, cls) {
        if s.has_pointer {
            return Err(vm.value_error("ctypes objects containing pointers cannot be pickled"));
        }
    }
    let data = c.bytes();
    let k = vm.intern("__dict__");
    let d = match getattr_opt(vm, a[0], k)? {
        Some(d) => d,
        None => vm.new_dict(),
    };
    let mark = vm.push_root(d);
    let b = vm.new_bytes(&data);
    let state = vm.new_tuple(&[d, b]);
    vm.push_root(state);
    let m = vm.import_module("_ctypes")?;
    let k = vm.intern("_unpickle");
    let f = vm.getattr(m, k)?;
    vm.push_root(f);
    let args = vm.new_tuple(&[cls, state]);
    let r = vm.new_tuple(&[f, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `__setstate__((dict, bytes))`.
fn c_setstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c) = this(vm, a)?;
    if a.len() != 3 {
        return Err(vm.type_error("__setstate__ expected 2 arguments"));
    }
    let Some(data) = crate::types::bytes::buf(a[2]) else {
        return Err(vm.type_error("__setstate__ argument 2 must be bytes"));
    };
    let n = data.len().min(c.size());
    c.write(0, &data[..n]);
    let k = vm.intern("__dict__");
    if let Some(d) = getattr_opt(vm, a[0], k)? {
        vm.call_method(d, "update", &[a[1]])?;
    }
    Ok(Value::NONE)
}

pub(crate) fn m_unpickle(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("_unpickle expected 2 arguments"));
    }
    let k = vm.intern("__new__");
    let new = vm.getattr(a[0], k)?;
    let obj = vm.call(new, &[a[0]], Value::EMPTY)?;
    let mark = vm.push_root(obj);
    let it = vm.iter(a[1])?;
    let d = vm.next(it)?.unwrap_or(Value::NONE);
    vm.push_root(d);
    let b = vm.next(it)?.unwrap_or(Value::NONE);
    let r = vm.call_method(obj, "__setstate__", &[d, b]);
    vm.pop_roots(mark);
    r?;
    Ok(obj)
}

// ------------------------------------------------------------ module functions

pub(crate) fn m_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.type_error("sizeof() takes exactly one argument"));
    }
    if let Some((_, c)) = cdata_of(a[0]) {
        return Ok(Value::int(c.size() as i64));
    }
    match stg_of(vm, a[0]) {
        Some(s) => Ok(Value::int(s.size as i64)),
        None => Err(no_size(vm)),
    }
}

pub(crate) fn m_alignment(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.type_error("alignment() takes exactly one argument"));
    }
    match stg_of_type_or_obj(vm, a[0]) {
        Some(s) => Ok(Value::int(s.align as i64)),
        None => Err(vm.type_error("no alignment info")),
    }
}

pub(crate) fn m_byref(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(&format!(
            "byref expected at {} 2 arguments, got {}",
            if a.is_empty() { "least" } else { "most" },
            a.len()
        )));
    }
    let Some((_, c)) = cdata_of(a[0]) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "byref() argument must be a ctypes instance, not '{tn}'"
        )));
    };
    let off = match a.get(1) {
        Some(&v) => vm.index_isize(v)?,
        None => 0,
    };
    let addr = (c.addr() as isize).wrapping_add(off) as u64;
    let mut d = [0u8; 16];
    d[..8].copy_from_slice(&addr.to_le_bytes());
    Ok(new_carg(vm, b'P', d, a[0]))
}

pub(crate) fn m_addressof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match a {
        [v] => match cdata_of(*v) {
            Some((_, c)) => Ok(vm.new_bigint(num_bigint::BigInt::from(c.addr()))),
            None => Err(vm.type_error("invalid type")),
        },
        _ => Err(vm.type_error("addressof() takes exactly one argument")),
    }
}

pub(crate) fn m_resize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("resize() takes exactly 2 arguments"));
    }
    let Some((_, c)) = cdata_of(a[0]) else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "resize() argument 1 must be a ctypes instance, not {tn}"
        )));
    };
    let n = vm.index_isize(a[1])?;
    let t = vm.type_of(a[0]);
    let min = stg_of(vm, t).map_or(0, |s| s.size);
    if n < min as isize {
        return Err(vm.value_error(&format!("minimum size is {min}")));
    }
    if !c.owns {
        return Err(vm.value_error("Memory cannot be resized because this object doesn't own it"));
    }
    let n = n as usize;
    if !c.block.resize(n) {
        return Err(memory_error(vm));
    }
    c.size.store(n.max(c.size()), Ordering::Relaxed);
    Ok(Value::NONE)
}

pub(crate) fn m_buffer_info(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&v) = a.first() else {
        return Err(vm.type_error("buffer_info() takes exactly one argument"));
    };
    let Some(s) = stg_of_type_or_obj(vm, v) else {
        return Err(vm.type_error("not a ctypes type or object"));
    };
    let fmt = vm.new_str(&simple::buffer_format(s));
    let mark = vm.push_root(fmt);
    let shape = if s.kind == CKind::Array {
        let n = vm.new_int(s.length as i64);
        vm.new_tuple(&[n])
    } else {
        vm.new_tuple(&[])
    };
    let ndim = Value::int((s.kind == CKind::Array) as i64);
    let r = vm.new_tuple(&[fmt, ndim, shape]);
    vm.pop_roots(mark);
    Ok(r)
}

pub(crate) fn m_identity(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match a {
        [v] => Ok(*v),
        _ => Err(vm.type_error("expected one argument")),
    }
}

/// `PyObj_FromPtr(address)`: ProtoPy's objects are not C `PyObject`s.
pub(crate) fn m_obj_from_ptr(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(
        vm.g.e.NotImplementedError,
        "PyObj_FromPtr: ProtoPy objects have no C PyObject address",
    ))
}

// ------------------------------------------------------------ buffer protocol

/// The bytes of the ctypes instance `v` (its buffer: `bytes(obj)`).
pub fn cdata_bytes(v: Value) -> Option<Vec<u8>> {
    cdata_of(v).map(|(_, c)| c.bytes())
}

/// The bytes of a ctypes instance in place, for memoryview reads: valid
/// while the instance lives (see [`Block::slice`]).
pub fn cdata_slice(v: Value) -> Option<&'static [u8]> {
    let (_, c) = cdata_of(v)?;
    c.block.slice(c.off, c.size())
}

/// Writes `data` at byte `off` of the ctypes instance `v`; false if `v` is
/// not one or the bytes fall outside it.
pub fn cdata_write(v: Value, off: usize, data: &[u8]) -> bool {
    match cdata_of(v) {
        Some((_, c)) if off.checked_add(data.len()).is_some_and(|e| e <= c.size()) => {
            c.write(off, data);
            true
        }
        _ => false,
    }
}

/// Is `v` a ctypes instance (a writable buffer exporter)?
pub fn is_cdata(v: Value) -> bool {
    cdata_of(v).is_some()
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    let t = gl.cdata;
    vm.add_method(t, "__reduce__", c_reduce);
    vm.add_method(t, "__setstate__", c_setstate);
    vm.add_method(t, "__ctypes_from_outparam__", c_from_outparam);
    vm.add_attr(t, "__hash__", Value::NONE);
    for (n, f) in [
        ("_b_base_", d_b_base as NativeFn),
        ("_b_needsfree_", d_b_needsfree),
        ("_objects", d_objects),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    let c = gl.carg;
    vm.add_method(c, "__repr__", carg_repr);
    let p = vm.new_native_getset(c, "_obj", carg_obj, None);
    vm.add_attr(c, "_obj", p);
    Ok(())
}
