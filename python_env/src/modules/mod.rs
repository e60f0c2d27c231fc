//! Standard-library modules, one file each.

pub mod _abc;
pub mod _ast;
pub mod _asyncio;
pub mod _bisect;
pub mod _blake2;
pub mod _bz2;
pub mod _codecs;
pub mod _codecs_cn;
pub mod _codecs_hk;
pub mod _codecs_iso2022;
pub mod _codecs_jp;
pub mod _codecs_kr;
pub mod _codecs_tw;
pub mod _collections;
pub mod _contextvars;
pub mod _csv;
pub mod _ctypes;
pub mod _datetime;
pub mod _decimal;
pub mod _elementtree;
pub mod _functools;
pub mod _hashlib;
pub mod _heapq;
pub mod _imp;
pub mod _io;
pub mod _json;
pub mod _locale;
pub mod _lsprof;
pub mod _lzma;
pub mod _md5;
pub mod _multibytecodec;
pub mod _multiprocessing;
pub mod _operator;
pub mod _pickle;
pub mod _posixshmem;
pub mod _posixsubprocess;
pub mod _queue;
pub mod _random;
pub mod _sha1;
pub mod _sha256;
pub mod _sha3;
pub mod _sha512;
pub mod _socket;
pub mod _sqlite3;
pub mod _sre;
pub mod _ssl;
pub mod _stat;
pub mod _statistics;
pub mod _string;
pub mod _struct;
pub mod _testinternalcapi;
pub mod _thread;
pub mod _tracemalloc;
pub mod _typing;
pub mod _uuid;
pub mod _warnings;
pub mod _weakref;
pub mod array;
pub mod atexit;
pub mod binascii;
pub mod cmath;
pub mod coverage_tracer;
pub mod errno;
pub mod faulthandler;
pub mod fcntl;
pub mod gc;
pub mod grp;
pub mod hash_object;
pub mod itertools;
pub mod marshal;
pub mod math;
pub mod mmap;
pub mod opcode;
pub mod posix;
pub mod protopy;
pub mod pwd;
pub mod pyexpat;
pub mod readline;
pub mod resource;
pub mod select;
pub mod signal;
pub mod sys;
pub mod syslog;
pub mod termios;
pub mod time;
pub mod unicodedata;
pub mod zlib;

use engine::runtime::{PyResult, Vm};

/// Registers the builtin module factories.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    vm.register_module("math", math::create);
    vm.register_module("_statistics", _statistics::create);
    vm.register_module("cmath", cmath::create);
    vm.register_module("_ast", _ast::create);
    vm.register_module("gc", gc::create);
    vm.register_module("time", time::create);
    vm.register_module("unicodedata", unicodedata::create);
    vm.register_module("_thread", _thread::create);
    vm.register_module("_collections", _collections::create);
    vm.register_module("_datetime", _datetime::create);
    vm.register_module("_decimal", _decimal::create);
    vm.register_module("_queue", _queue::create);
    vm.register_module("_contextvars", _contextvars::create);
    vm.register_module("_io", _io::create);
    vm.register_module("_sre", _sre::create);
    vm.register_module("_struct", _struct::create);
    vm.register_module("_testinternalcapi", _testinternalcapi::create);
    vm.register_module("_csv", _csv::create);
    vm.register_module("_ctypes", _ctypes::create);
    vm.register_module("_sqlite3", _sqlite3::create);
    vm.register_module("pyexpat", pyexpat::create);
    vm.register_module("_asyncio", _asyncio::create);
    vm.register_module("_elementtree", _elementtree::create);
    vm.register_module("_random", _random::create);
    vm.register_module("_sha512", _sha512::create);
    vm.register_module("_hashlib", _hashlib::create);
    vm.register_module("_md5", _md5::create);
    vm.register_module("_sha1", _sha1::create);
    vm.register_module("_sha256", _sha256::create);
    vm.register_module("_sha3", _sha3::create);
    vm.register_module("_blake2", _blake2::create);
    vm.register_module("zlib", zlib::create);
    vm.register_module("_bz2", _bz2::create);
    vm.register_module("_lzma", _lzma::create);
    vm.register_module("binascii", binascii::create);
    vm.register_module("_string", _string::create);
    vm.register_module("_weakref", _weakref::create);
    vm.register_module("_warnings", _warnings::create);
    vm.register_module("_operator", _operator::create);
    vm.register_module("_functools", _functools::create);
    vm.register_module("_imp", _imp::create);
    vm.register_module("_codecs", _codecs::create);
    vm.register_module("_codecs_jp", _codecs_jp::create);
    vm.register_module("_codecs_kr", _codecs_kr::create);
    vm.register_module("_codecs_cn", _codecs_cn::create);
    vm.register_module("_codecs_tw", _codecs_tw::create);
    vm.register_module("_codecs_hk", _codecs_hk::create);
    vm.register_module("_codecs_iso2022", _codecs_iso2022::create);
    vm.register_module("_multibytecodec", _multibytecodec::create);
    vm.register_module("marshal", marshal::create);
    vm.register_module("atexit", atexit::create);
    vm.register_module("_tracemalloc", _tracemalloc::create);
    vm.register_module("protopy", protopy::create);
    vm.register_module("posix", posix::create);
    vm.register_module("errno", errno::create);
    vm.register_module("pwd", pwd::create);
    vm.register_module("grp", grp::create);
    vm.register_module("syslog", syslog::create);
    vm.register_module("resource", resource::create);
    vm.register_module("_locale", _locale::create);
    vm.register_module("_lsprof", _lsprof::create);
    // Third-party packages' C extension modules, loaded where the package
    // installed its compiled module.
    vm.register_extension_module("coverage.tracer", coverage_tracer::create);
    vm.register_module("faulthandler", faulthandler::create);
    vm.register_module("_stat", _stat::create);
    vm.register_module("select", select::create);
    vm.register_module("_posixsubprocess", _posixsubprocess::create);
    vm.register_module("_multiprocessing", _multiprocessing::create);
    vm.register_module("_posixshmem", _posixshmem::create);
    vm.register_module("mmap", mmap::create);
    vm.register_module("fcntl", fcntl::create);
    vm.register_module("termios", termios::create);
    vm.register_module("readline", readline::create);
    vm.register_module("_socket", _socket::create);
    vm.register_module("_ssl", _ssl::create);
    vm.register_module("array", array::create);
    vm.register_module("_json", _json::create);
    vm.register_module("_abc", _abc::create);
    vm.register_module("_bisect", _bisect::create);
    vm.register_module("_heapq", _heapq::create);
    vm.register_module("_pickle", _pickle::create);
    vm.register_module("opcode", opcode::create);
    vm.register_source_module("dis", include_str!("../../lib/dis.py"));
    vm.register_source_module(
        "concurrent",
        include_str!("../../lib/concurrent/__init__.py"),
    );
    vm.register_source_module(
        "concurrent.futures",
        include_str!("../../lib/concurrent/futures/__init__.py"),
    );
    vm.register_source_module(
        "concurrent.futures._base",
        include_str!("../../lib/concurrent/futures/_base.py"),
    );
    vm.register_source_module(
        "concurrent.futures.thread",
        include_str!("../../lib/concurrent/futures/thread.py"),
    );
    vm.register_module("_signal", signal::create);
    vm.register_module("itertools", itertools::create);
    vm.register_source_module(
        "_protopy_typing",
        include_str!("../../lib/_protopy_typing.py"),
    );
    vm.register_module("_typing", _typing::create);
    vm.register_module("_uuid", _uuid::create);
    vm.register_source_module(
        "_asyncbuiltins",
        include_str!("../../lib/_asyncbuiltins.py"),
    );
    vm.add_post_import_hook("importlib", _imp::install_finders)?;
    vm.add_post_import_hook("_frozen_importlib", _imp::install_bootstrap)?;
    vm.add_post_import_hook("_frozen_importlib_external", _imp::fix_magic)?;
    vm.add_post_import_hook("threading", _thread::install_condition)?;
    Ok(())
}
