//! OpenSSL 3 functions `openssl-sys` does not declare (all in Debian's
//! libssl/libcrypto, which the crate already links).

#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_ulong, c_void};
use openssl_sys::{
    stack_st_SSL_CIPHER, SSL, SSL_CIPHER, SSL_CTX, SSL_SESSION, X509, X509_NAME_ENTRY,
};

pub(super) type pem_password_cb = Option<
    unsafe extern "C" fn(buf: *mut c_char, size: c_int, rwflag: c_int, u: *mut c_void) -> c_int,
>;

extern "C" {
    pub(super) fn X509_NAME_ENTRY_set(ne: *const X509_NAME_ENTRY) -> c_int;
    pub(super) fn X509_check_ca(x: *mut X509) -> c_int;
    pub(super) fn SSL_get_ciphers(ssl: *const SSL) -> *mut stack_st_SSL_CIPHER;
    pub(super) fn SSL_verify_client_post_handshake(ssl: *mut SSL) -> c_int;
    pub(super) fn SSL_set_post_handshake_auth(ssl: *mut SSL, val: c_int);
    pub(super) fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32;
    pub(super) fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int;
    pub(super) fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int;
    pub(super) fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int;
    pub(super) fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int;
    pub(super) fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> c_ulong;
    pub(super) fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: pem_password_cb);
    pub(super) fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void);
}

extern "C" {
    pub(super) fn SSL_get_current_compression(ssl: *const SSL) -> *const c_void;
    pub(super) fn COMP_get_type(meth: *const c_void) -> c_int;
}

extern "C" {
    pub(super) fn SSL_get_options(ssl: *const SSL) -> u64;
}

pub(super) type msg_cb = Option<
    unsafe extern "C" fn(
        write_p: c_int,
        version: c_int,
        content_type: c_int,
        buf: *const c_void,
        len: libc::size_t,
        ssl: *mut SSL,
        arg: *mut c_void,
    ),
>;

extern "C" {
    pub(super) fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: msg_cb);
}
