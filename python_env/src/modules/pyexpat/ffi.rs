//! The part of libexpat's C API (`expat.h`, expat 2.x) that `pyexpat` uses,
//! declared here (no -sys crate binds the system library), and [`Handle`],
//! the owner of one `XML_Parser`.
//!
//! `XML_Char` is `char` (UTF-8) in the library Debian ships as `libexpat.so`
//! (the wide-character build is `libexpatw`); `XML_Size`/`XML_Index` are
//! `unsigned long`/`long`, 64-bit on the LP64 targets ProtoPy builds for.

use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};

/// An opaque `struct XML_ParserStruct *`.
pub type XmlParser = *mut c_void;

/// `XML_Content` (`struct XML_cp`): one node of an element declaration's
/// content model.
#[repr(C)]
pub struct XmlContent {
    pub ctype: c_int,
    pub quant: c_int,
    pub name: *const c_char,
    pub numchildren: c_uint,
    pub children: *mut XmlContent,
}

/// `XML_Expat_Version`.
#[repr(C)]
pub struct XmlExpatVersion {
    pub major: c_int,
    pub minor: c_int,
    pub micro: c_int,
}

/// `XML_Feature`.
#[repr(C)]
pub struct XmlFeature {
    pub feature: c_int,
    pub name: *const c_char,
    pub value: c_long,
}

/// `XML_Encoding`, filled by an unknown-encoding handler.
#[repr(C)]
pub struct XmlEncoding {
    pub map: [c_int; 256],
    pub data: *mut c_void,
    pub convert: *const c_void,
    pub release: *const c_void,
}

pub const XML_STATUS_ERROR: c_int = 0;
pub const XML_STATUS_OK: c_int = 1;
pub const XML_FEATURE_END: c_int = 0;

/// A handler setter: every `XML_Set...Handler` takes the parser and a
/// function pointer (null to unset); declared with a data pointer so that
/// one table holds them all (function and data pointers have one size and
/// representation on the targets ProtoPy supports).
pub type Setter = unsafe extern "C" fn(XmlParser, *const c_void);

#[link(name = "expat")]
extern "C" {
    pub fn XML_ParserCreate_MM(
        encoding: *const c_char,
        memsuite: *const c_void,
        namespace_separator: *const c_char,
    ) -> XmlParser;
    pub fn XML_ExternalEntityParserCreate(
        parser: XmlParser,
        context: *const c_char,
        encoding: *const c_char,
    ) -> XmlParser;
    pub fn XML_ParserFree(parser: XmlParser);
    pub fn XML_SetUserData(parser: XmlParser, data: *mut c_void);
    pub fn XML_SetExternalEntityRefHandlerArg(parser: XmlParser, arg: *mut c_void);
    pub fn XML_SetUnknownEncodingHandler(parser: XmlParser, h: *const c_void, data: *mut c_void);
    pub fn XML_SetEncoding(parser: XmlParser, encoding: *const c_char) -> c_int;
    pub fn XML_Parse(parser: XmlParser, s: *const c_char, len: c_int, is_final: c_int) -> c_int;
    pub fn XML_GetBuffer(parser: XmlParser, len: c_int) -> *mut c_void;
    pub fn XML_ParseBuffer(parser: XmlParser, len: c_int, is_final: c_int) -> c_int;
    pub fn XML_StopParser(parser: XmlParser, resumable: u8) -> c_int;
    pub fn XML_GetErrorCode(parser: XmlParser) -> c_int;
    pub fn XML_ErrorString(code: c_int) -> *const c_char;
    pub fn XML_GetCurrentLineNumber(parser: XmlParser) -> c_ulong;
    pub fn XML_GetCurrentColumnNumber(parser: XmlParser) -> c_ulong;
    pub fn XML_GetCurrentByteIndex(parser: XmlParser) -> c_long;
    pub fn XML_GetSpecifiedAttributeCount(parser: XmlParser) -> c_int;
    pub fn XML_SetBase(parser: XmlParser, base: *const c_char) -> c_int;
    pub fn XML_GetBase(parser: XmlParser) -> *const c_char;
    pub fn XML_GetInputContext(
        parser: XmlParser,
        offset: *mut c_int,
        size: *mut c_int,
    ) -> *const c_char;
    pub fn XML_SetParamEntityParsing(parser: XmlParser, flag: c_int) -> c_int;
    pub fn XML_UseForeignDTD(parser: XmlParser, flag: u8) -> c_int;
    pub fn XML_SetReturnNSTriplet(parser: XmlParser, flag: c_int);
    pub fn XML_FreeContentModel(parser: XmlParser, model: *mut XmlContent);
    pub fn XML_ExpatVersion() -> *const c_char;
    pub fn XML_ExpatVersionInfo() -> XmlExpatVersion;
    pub fn XML_GetFeatureList() -> *const XmlFeature;

    pub fn XML_SetStartElementHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetEndElementHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetProcessingInstructionHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetCharacterDataHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetUnparsedEntityDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetNotationDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetStartNamespaceDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetEndNamespaceDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetCommentHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetStartCdataSectionHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetEndCdataSectionHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetDefaultHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetDefaultHandlerExpand(p: XmlParser, h: *const c_void);
    pub fn XML_SetNotStandaloneHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetExternalEntityRefHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetStartDoctypeDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetEndDoctypeDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetEntityDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetXmlDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetElementDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetAttlistDeclHandler(p: XmlParser, h: *const c_void);
    pub fn XML_SetSkippedEntityHandler(p: XmlParser, h: *const c_void);
}

/// The text of a NUL-terminated C string from expat (None for null).
///
/// # Safety
/// `p` is null or points to a NUL-terminated string that outlives `'a`.
pub unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: the caller's contract.
        Some(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes())
    }
}

/// `XML_ErrorString(code)`: expat's message for an error code (None for a
/// code it does not know).
pub fn error_string(code: i64) -> Option<&'static str> {
    let code = c_int::try_from(code).ok()?;
    // SAFETY: XML_ErrorString takes any int and returns null or a static string.
    let p = unsafe { XML_ErrorString(code) };
    // SAFETY: expat's messages are static, NUL-terminated ASCII.
    unsafe { cstr(p) }.and_then(|b| std::str::from_utf8(b).ok())
}

/// `XML_ExpatVersion()`, e.g. "expat_2.5.0".
pub fn version_string() -> String {
    // SAFETY: returns a static NUL-terminated string.
    let p = unsafe { XML_ExpatVersion() };
    // SAFETY: as above.
    String::from_utf8_lossy(unsafe { cstr(p) }.unwrap_or(b"")).into_owned()
}

/// `XML_ExpatVersionInfo()` as (major, minor, micro).
pub fn version_info() -> (i64, i64, i64) {
    // SAFETY: no arguments, returns a struct by value.
    let v = unsafe { XML_ExpatVersionInfo() };
    (v.major.into(), v.minor.into(), v.micro.into())
}

/// `XML_GetFeatureList()` as (name, value) pairs.
pub fn features() -> Vec<(String, i64)> {
    let mut out = Vec::new();
    // SAFETY: returns a static array ended by an XML_FEATURE_END entry.
    let mut p = unsafe { XML_GetFeatureList() };
    loop {
        // SAFETY: p stays within the static array until the end marker.
        let f = unsafe { &*p };
        if f.feature == XML_FEATURE_END {
            break;
        }
        // SAFETY: feature names are static NUL-terminated strings.
        let name = unsafe { cstr(f.name) }.unwrap_or(b"");
        out.push((String::from_utf8_lossy(name).into_owned(), f.value));
        // SAFETY: the end marker has not been reached, so p + 1 is in the array.
        p = unsafe { p.add(1) };
    }
    out
}

/// One `XML_Parser`, freed when dropped. An external-entity parser keeps
/// its parent's handle (`parent`) so that the parent, whose DTD and
/// context it may share, is freed after it whatever order the collector
/// finalizes the two Python objects in.
pub struct Handle {
    ptr: XmlParser,
    _parent: Option<std::sync::Arc<Handle>>,
}

// SAFETY: an expat parser is not tied to the thread that made it; every use
// of the pointer is serialised by the owning parser object's operation lock
// (see parser.rs), and the last use is `XML_ParserFree` in `drop`.
unsafe impl Send for Handle {}
// SAFETY: as above: shared references only hand out the pointer, whose uses
// the operation lock serialises.
unsafe impl Sync for Handle {}

impl Handle {
    /// `XML_ParserCreate_MM(encoding, NULL, separator)`.
    pub fn new(encoding: Option<&std::ffi::CStr>, sep: Option<&std::ffi::CStr>) -> Option<Handle> {
        let enc = encoding.map_or(std::ptr::null(), |e| e.as_ptr());
        let sep = sep.map_or(std::ptr::null(), |s| s.as_ptr());
        // SAFETY: the strings are NUL-terminated and expat copies them.
        let p = unsafe { XML_ParserCreate_MM(enc, std::ptr::null(), sep) };
        (!p.is_null()).then_some(Handle {
            ptr: p,
            _parent: None,
        })
    }

    /// `XML_ExternalEntityParserCreate(parent, context, encoding)`.
    pub fn external(
        parent: &std::sync::Arc<Handle>,
        context: Option<&std::ffi::CStr>,
        encoding: Option<&std::ffi::CStr>,
    ) -> Option<Handle> {
        let ctx = context.map_or(std::ptr::null(), |e| e.as_ptr());
        let enc = encoding.map_or(std::ptr::null(), |e| e.as_ptr());
        // SAFETY: parent.ptr is a live parser; the strings are NUL-terminated
        // and copied by expat.
        let p = unsafe { XML_ExternalEntityParserCreate(parent.ptr, ctx, enc) };
        (!p.is_null()).then_some(Handle {
            ptr: p,
            _parent: Some(parent.clone()),
        })
    }

    /// The raw parser, for the calls of parser.rs.
    pub fn ptr(&self) -> XmlParser {
        self.ptr
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: ptr is the live parser this handle owns; nothing uses it
        // after the handle is dropped (the Python object is unreachable).
        unsafe { XML_ParserFree(self.ptr) }
    }
}
