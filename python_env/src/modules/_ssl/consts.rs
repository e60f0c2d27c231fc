//! `_ssl`'s constants: OpenSSL's option, verification, alert and error
//! numbers under CPython's names, what this build of OpenSSL supports, and
//! its version.

use engine::runtime::*;
use proto_core::Value;

/// Integer constants (values from OpenSSL 3's headers).
const INTS: &[(&str, i64)] = &[
    ("ALERT_DESCRIPTION_ACCESS_DENIED", 49),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE", 42),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE", 114),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE", 113),
    ("ALERT_DESCRIPTION_BAD_RECORD_MAC", 20),
    ("ALERT_DESCRIPTION_CERTIFICATE_EXPIRED", 45),
    ("ALERT_DESCRIPTION_CERTIFICATE_REVOKED", 44),
    ("ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN", 46),
    ("ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE", 111),
    ("ALERT_DESCRIPTION_CLOSE_NOTIFY", 0),
    ("ALERT_DESCRIPTION_DECODE_ERROR", 50),
    ("ALERT_DESCRIPTION_DECOMPRESSION_FAILURE", 30),
    ("ALERT_DESCRIPTION_DECRYPT_ERROR", 51),
    ("ALERT_DESCRIPTION_HANDSHAKE_FAILURE", 40),
    ("ALERT_DESCRIPTION_ILLEGAL_PARAMETER", 47),
    ("ALERT_DESCRIPTION_INSUFFICIENT_SECURITY", 71),
    ("ALERT_DESCRIPTION_INTERNAL_ERROR", 80),
    ("ALERT_DESCRIPTION_NO_RENEGOTIATION", 100),
    ("ALERT_DESCRIPTION_PROTOCOL_VERSION", 70),
    ("ALERT_DESCRIPTION_RECORD_OVERFLOW", 22),
    ("ALERT_DESCRIPTION_UNEXPECTED_MESSAGE", 10),
    ("ALERT_DESCRIPTION_UNKNOWN_CA", 48),
    ("ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY", 115),
    ("ALERT_DESCRIPTION_UNRECOGNIZED_NAME", 112),
    ("ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE", 43),
    ("ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION", 110),
    ("ALERT_DESCRIPTION_USER_CANCELLED", 90),
    ("CERT_NONE", 0),
    ("CERT_OPTIONAL", 1),
    ("CERT_REQUIRED", 2),
    ("ENCODING_DER", 2),
    ("ENCODING_PEM", 1),
    ("HOSTFLAG_ALWAYS_CHECK_SUBJECT", 1),
    ("HOSTFLAG_MULTI_LABEL_WILDCARDS", 8),
    ("HOSTFLAG_NEVER_CHECK_SUBJECT", 32),
    ("HOSTFLAG_NO_PARTIAL_WILDCARDS", 4),
    ("HOSTFLAG_NO_WILDCARDS", 2),
    ("HOSTFLAG_SINGLE_LABEL_SUBDOMAINS", 16),
    ("OP_ALL", 2147483728),
    ("OP_CIPHER_SERVER_PREFERENCE", 4194304),
    ("OP_ENABLE_MIDDLEBOX_COMPAT", 1048576),
    ("OP_IGNORE_UNEXPECTED_EOF", 128),
    ("OP_NO_COMPRESSION", 131072),
    ("OP_NO_RENEGOTIATION", 1073741824),
    ("OP_NO_SSLv2", 0),
    ("OP_NO_SSLv3", 33554432),
    ("OP_NO_TICKET", 16384),
    ("OP_NO_TLSv1", 67108864),
    ("OP_NO_TLSv1_1", 268435456),
    ("OP_NO_TLSv1_2", 134217728),
    ("OP_NO_TLSv1_3", 536870912),
    ("OP_SINGLE_DH_USE", 0),
    ("OP_SINGLE_ECDH_USE", 0),
    ("PROTOCOL_SSLv23", 2),
    ("PROTOCOL_TLS", 2),
    ("PROTOCOL_TLS_CLIENT", 16),
    ("PROTOCOL_TLS_SERVER", 17),
    ("PROTOCOL_TLSv1", 3),
    ("PROTOCOL_TLSv1_1", 4),
    ("PROTOCOL_TLSv1_2", 5),
    ("PROTO_MAXIMUM_SUPPORTED", -1),
    ("PROTO_MINIMUM_SUPPORTED", -2),
    ("PROTO_SSLv3", 768),
    ("PROTO_TLSv1", 769),
    ("PROTO_TLSv1_1", 770),
    ("PROTO_TLSv1_2", 771),
    ("PROTO_TLSv1_3", 772),
    ("SSL_ERROR_EOF", 8),
    ("SSL_ERROR_INVALID_ERROR_CODE", 10),
    ("SSL_ERROR_SSL", 1),
    ("SSL_ERROR_SYSCALL", 5),
    ("SSL_ERROR_WANT_CONNECT", 7),
    ("SSL_ERROR_WANT_READ", 2),
    ("SSL_ERROR_WANT_WRITE", 3),
    ("SSL_ERROR_WANT_X509_LOOKUP", 4),
    ("SSL_ERROR_ZERO_RETURN", 6),
    ("VERIFY_ALLOW_PROXY_CERTS", 64),
    ("VERIFY_CRL_CHECK_CHAIN", 12),
    ("VERIFY_CRL_CHECK_LEAF", 4),
    ("VERIFY_DEFAULT", 0),
    ("VERIFY_X509_PARTIAL_CHAIN", 524288),
    ("VERIFY_X509_STRICT", 32),
    ("VERIFY_X509_TRUSTED_FIRST", 32768),
];

/// What this OpenSSL build supports.
const BOOLS: &[(&str, bool)] = &[
    ("HAS_ALPN", true),
    ("HAS_ECDH", true),
    ("HAS_NPN", false),
    ("HAS_SNI", true),
    ("HAS_SSLv2", false),
    ("HAS_SSLv3", false),
    ("HAS_TLS_UNIQUE", true),
    ("HAS_TLSv1", true),
    ("HAS_TLSv1_1", true),
    ("HAS_TLSv1_2", true),
    ("HAS_TLSv1_3", true),
];

/// OpenSSL's version number as CPython's 5-tuple
/// `(major, minor, fix, patch, status)`.
fn version_info(n: u64) -> [i64; 5] {
    let status = (n & 0xf) as i64;
    let patch = ((n >> 4) & 0xff) as i64;
    let fix = ((n >> 12) & 0xff) as i64;
    let minor = ((n >> 20) & 0xff) as i64;
    let major = ((n >> 28) & 0xff) as i64;
    [major, minor, fix, patch, status]
}

fn tuple5(vm: &mut Vm, v: [i64; 5]) -> Value {
    let items: Vec<Value> = v.iter().map(|&x| Value::int(x)).collect();
    vm.new_tuple(&items)
}

/// Adds the constants to the module `m`.
pub(super) fn add(vm: &mut Vm, m: Value) {
    for &(n, v) in INTS {
        vm.set_module_attr(m, n, Value::int(v));
    }
    for &(n, v) in BOOLS {
        vm.set_module_attr(m, n, Value::bool(v));
    }
    let num = openssl::version::number() as u64;
    vm.set_module_attr(m, "OPENSSL_VERSION_NUMBER", Value::int(num as i64));
    let t = tuple5(vm, version_info(num));
    vm.set_module_attr(m, "OPENSSL_VERSION_INFO", t);
    // Built against the headers of the same Debian libssl it runs on.
    let t = tuple5(vm, version_info(num));
    vm.set_module_attr(m, "_OPENSSL_API_VERSION", t);
    let s = vm.new_str(openssl::version::version());
    vm.set_module_attr(m, "OPENSSL_VERSION", s);
    let s = vm.new_str("ALL:!COMPLEMENTOFDEFAULT:!eNULL");
    vm.set_module_attr(m, "_DEFAULT_CIPHERS", s);
    let s = vm.new_str(
        "Implementation module for SSL socket operations.  See the socket module\nfor documentation.",
    );
    vm.set_module_attr(m, "__doc__", s);
}
