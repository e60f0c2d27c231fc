//! The `termios` module (CPython 3.11's `Modules/termios.c` on Linux):
//! terminal attributes (`tcgetattr`/`tcsetattr`), line control
//! (`tcsendbreak`, `tcdrain`, `tcflush`, `tcflow`), window sizes and the
//! constants, on which the standard library's `tty` and `pty` are built.
//!
//! Every call runs outside the safepoint handshake (`tcdrain` waits for
//! output to drain) on Rust copies of the arguments; a failure is
//! `termios.error(errno, strerror)` (a subclass of Exception, not OSError,
//! as in CPython). EINTR is not retried, as in CPython's termios.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Obj, Value};

use super::posix::fildes_arg;

const MODULE_DOC: &str =
    "This module provides an interface to the Posix calls for tty I/O control.\n\
For a complete description of these calls, see the Posix or Unix manual\n\
pages. It is only available for those Unix versions that support Posix\n\
termios style tty I/O control.\n\n\
All functions in this module take a file descriptor fd as their first\n\
argument. This can be an integer file descriptor, such as returned by\n\
sys.stdin.fileno(), or a file object, such as sys.stdin itself.";

/// Value slot of the module object holding `termios.error`.
const STATE_ERROR: usize = 2;

/// `termios.error(errno, strerror(errno))`.
fn error(vm: &mut Vm, m: Value, code: i32) -> PyException {
    let cls = match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > STATE_ERROR => o.get(STATE_ERROR),
        _ => return vm.new_exc(vm.g.e.SystemError, "termios module state is missing"),
    };
    let msg = vm.new_str(&super::posix::strerror_text(code));
    let mark = vm.push_root(msg);
    let r = match vm.call(cls, &[Value::int(i64::from(code)), msg], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    };
    vm.pop_roots(mark);
    r
}

/// Runs `f` outside the handshake; its errno on failure (-1).
fn sys(vm: &mut Vm, m: Value, f: impl FnOnce() -> i32) -> PyResult<()> {
    let r = vm.ctx.blocking(|| {
        if f() < 0 {
            Err(super::posix::errno())
        } else {
            Ok(())
        }
    });
    r.map_err(|e| error(vm, m, e))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    crate::args::c_int(vm, v)
}

fn get_termios(vm: &mut Vm, m: Value, fd: i32) -> PyResult<libc::termios> {
    // SAFETY: termios is plain data; zero is valid for every field.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    let p = &mut t as *mut libc::termios;
    // SAFETY: `p` points to the live local `t` for the call.
    sys(vm, m, || unsafe { libc::tcgetattr(fd, p) })?;
    Ok(t)
}

/// `tcgetattr(fd, /)`: [iflag, oflag, cflag, lflag, ispeed, ospeed, cc].
fn tcgetattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcgetattr", "tcgetattr", &a[1..], k, 1, 1)?;
    let fd = fildes_arg(vm, a[1])?;
    let t = get_termios(vm, a[0], fd)?;
    // SAFETY: the termios struct is a live local.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&t), libc::cfgetospeed(&t)) };
    let canonical = t.c_lflag & libc::ICANON != 0;
    let mut cc = Vec::with_capacity(libc::NCCS);
    for (i, &c) in t.c_cc.iter().enumerate() {
        // Outside canonical mode VMIN and VTIME are counts, not characters.
        if !canonical && (i == libc::VMIN || i == libc::VTIME) {
            cc.push(Value::int(i64::from(c)));
        } else {
            cc.push(vm.new_bytes(&[c]));
        }
    }
    let ccl = vm.new_list(&cc);
    let mark = vm.push_root(ccl);
    let items = [
        vm.new_int(i64::from(t.c_iflag)),
        vm.new_int(i64::from(t.c_oflag)),
        vm.new_int(i64::from(t.c_cflag)),
        vm.new_int(i64::from(t.c_lflag)),
        vm.new_int(i64::from(ispeed)),
        vm.new_int(i64::from(ospeed)),
        ccl,
    ];
    let l = vm.new_list(&items);
    vm.pop_roots(mark);
    Ok(l)
}

/// A `tcflag_t`/`speed_t` item (`PyLong_AsLong`, truncated as C does).
fn flag_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    Ok(crate::args::c_long(vm, v)? as u32)
}

/// `tcsetattr(fd, when, attributes, /)`.
fn tcsetattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcsetattr", "tcsetattr", &a[1..], k, 3, 3)?;
    let fd = fildes_arg(vm, a[1])?;
    let when = int_arg(vm, a[2])?;
    let attrs = a[3];
    let is_list = |v: Value| Obj::from_value(v).is_some_and(|o| o.kind() == Kind::LIST);
    let items = vm.seq_items(attrs);
    if !is_list(attrs) || items.len() != 7 {
        return Err(vm.type_error("tcsetattr, arg 3: must be 7 element list"));
    }
    let mark = vm.root_values(&items);
    let r = (|| {
        let mut t = get_termios(vm, a[0], fd)?;
        t.c_iflag = flag_arg(vm, items[0])?;
        t.c_oflag = flag_arg(vm, items[1])?;
        t.c_cflag = flag_arg(vm, items[2])?;
        t.c_lflag = flag_arg(vm, items[3])?;
        let ispeed = flag_arg(vm, items[4])?;
        let ospeed = flag_arg(vm, items[5])?;
        let cc = vm.seq_items(items[6]);
        if !is_list(items[6]) || cc.len() != libc::NCCS {
            return Err(vm.type_error(&format!(
                "tcsetattr: attributes[6] must be {} element list",
                libc::NCCS
            )));
        }
        for (slot, &c) in t.c_cc.iter_mut().zip(cc.iter()) {
            if Obj::from_value(c).is_some_and(|o| o.kind() == Kind::BYTES)
                && str_bytes(c).len() == 1
            {
                *slot = str_bytes(c)[0];
            } else if vm.is_int_like(c) {
                *slot = crate::args::c_long(vm, c)? as u8;
            } else {
                return Err(vm.type_error(
                    "tcsetattr: elements of attributes must be characters or integers",
                ));
            }
        }
        let p = &mut t as *mut libc::termios;
        // SAFETY: `p` points to the live local `t` for each call.
        sys(vm, a[0], || unsafe { libc::cfsetispeed(p, ispeed) })?;
        // SAFETY: as above.
        sys(vm, a[0], || unsafe { libc::cfsetospeed(p, ospeed) })?;
        // SAFETY: as above.
        sys(vm, a[0], || unsafe { libc::tcsetattr(fd, when, p) })?;
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

/// `tcsendbreak(fd, duration, /)`.
fn tcsendbreak(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcsendbreak", "tcsendbreak", &a[1..], k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let d = int_arg(vm, a[2])?;
    // SAFETY: no memory effects.
    sys(vm, a[0], || unsafe { libc::tcsendbreak(fd, d) })?;
    Ok(Value::NONE)
}

/// `tcdrain(fd, /)`.
fn tcdrain(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcdrain", "tcdrain", &a[1..], k, 1, 1)?;
    let fd = fildes_arg(vm, a[1])?;
    // SAFETY: no memory effects.
    sys(vm, a[0], || unsafe { libc::tcdrain(fd) })?;
    Ok(Value::NONE)
}

/// `tcflush(fd, queue, /)`.
fn tcflush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcflush", "tcflush", &a[1..], k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let q = int_arg(vm, a[2])?;
    // SAFETY: no memory effects.
    sys(vm, a[0], || unsafe { libc::tcflush(fd, q) })?;
    Ok(Value::NONE)
}

/// `tcflow(fd, action, /)`.
fn tcflow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcflow", "tcflow", &a[1..], k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let act = int_arg(vm, a[2])?;
    // SAFETY: no memory effects.
    sys(vm, a[0], || unsafe { libc::tcflow(fd, act) })?;
    Ok(Value::NONE)
}

/// `tcgetwinsize(fd, /)`: (rows, columns).
fn tcgetwinsize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcgetwinsize", "tcgetwinsize", &a[1..], k, 1, 1)?;
    let fd = fildes_arg(vm, a[1])?;
    // SAFETY: winsize is plain data.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    let p = &mut w as *mut libc::winsize;
    // SAFETY: `p` points to the live local `w` for the call.
    sys(vm, a[0], || unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, p) })?;
    Ok(vm.new_tuple(&[
        Value::int(i64::from(w.ws_row)),
        Value::int(i64::from(w.ws_col)),
    ]))
}

/// `tcsetwinsize(fd, winsize, /)`: winsize is a two-item sequence.
fn tcsetwinsize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tcsetwinsize", "tcsetwinsize", &a[1..], k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let (items, mark) = match vm.collect_rooted(a[2]) {
        Ok(r) => r,
        Err(_) => return Err(vm.type_error("tcsetwinsize, arg 2: must be a two-item sequence")),
    };
    let r = (|| {
        if items.len() != 2 {
            return Err(vm.type_error("tcsetwinsize, arg 2: must be a two-item sequence"));
        }
        let rows = crate::args::c_long(vm, items[0])?;
        let cols = crate::args::c_long(vm, items[1])?;
        // SAFETY: winsize is plain data.
        let mut w: libc::winsize = unsafe { std::mem::zeroed() };
        let p = &mut w as *mut libc::winsize;
        // SAFETY: `p` points to the live local `w` for the call.
        sys(vm, a[0], || unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, p) })?;
        let (Ok(r), Ok(c)) = (u16::try_from(rows), u16::try_from(cols)) else {
            return Err(vm.new_exc(vm.g.e.OverflowError, "winsize value(s) out of range."));
        };
        w.ws_row = r;
        w.ws_col = c;
        // SAFETY: as above.
        sys(vm, a[0], || unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, p) })?;
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn int_constants() -> Vec<(&'static str, i64)> {
    vec![
        ("B0", libc::B0 as i64),
        ("B1000000", libc::B1000000 as i64),
        ("B110", libc::B110 as i64),
        ("B115200", libc::B115200 as i64),
        ("B1152000", libc::B1152000 as i64),
        ("B1200", libc::B1200 as i64),
        ("B134", libc::B134 as i64),
        ("B150", libc::B150 as i64),
        ("B1500000", libc::B1500000 as i64),
        ("B1800", libc::B1800 as i64),
        ("B19200", libc::B19200 as i64),
        ("B200", libc::B200 as i64),
        ("B2000000", libc::B2000000 as i64),
        ("B230400", libc::B230400 as i64),
        ("B2400", libc::B2400 as i64),
        ("B2500000", libc::B2500000 as i64),
        ("B300", libc::B300 as i64),
        ("B3000000", libc::B3000000 as i64),
        ("B3500000", libc::B3500000 as i64),
        ("B38400", libc::B38400 as i64),
        ("B4000000", libc::B4000000 as i64),
        ("B460800", libc::B460800 as i64),
        ("B4800", libc::B4800 as i64),
        ("B50", libc::B50 as i64),
        ("B500000", libc::B500000 as i64),
        ("B57600", libc::B57600 as i64),
        ("B576000", libc::B576000 as i64),
        ("B600", libc::B600 as i64),
        ("B75", libc::B75 as i64),
        ("B921600", libc::B921600 as i64),
        ("B9600", libc::B9600 as i64),
        ("BRKINT", libc::BRKINT as i64),
        ("BS0", libc::BS0 as i64),
        ("BS1", libc::BS1 as i64),
        ("BSDLY", libc::BSDLY as i64),
        ("CBAUD", libc::CBAUD as i64),
        ("CBAUDEX", libc::CBAUDEX as i64),
        ("CIBAUD", libc::CIBAUD as i64),
        ("CLOCAL", libc::CLOCAL as i64),
        ("CR0", libc::CR0 as i64),
        ("CR1", libc::CR1 as i64),
        ("CR2", libc::CR2 as i64),
        ("CR3", libc::CR3 as i64),
        ("CRDLY", libc::CRDLY as i64),
        ("CREAD", libc::CREAD as i64),
        ("CRTSCTS", libc::CRTSCTS as i64),
        ("CS5", libc::CS5 as i64),
        ("CS6", libc::CS6 as i64),
        ("CS7", libc::CS7 as i64),
        ("CS8", libc::CS8 as i64),
        ("CSIZE", libc::CSIZE as i64),
        ("CSTOPB", libc::CSTOPB as i64),
        ("ECHO", libc::ECHO as i64),
        ("ECHOCTL", libc::ECHOCTL as i64),
        ("ECHOE", libc::ECHOE as i64),
        ("ECHOK", libc::ECHOK as i64),
        ("ECHOKE", libc::ECHOKE as i64),
        ("ECHONL", libc::ECHONL as i64),
        ("ECHOPRT", libc::ECHOPRT as i64),
        ("EXTA", libc::EXTA as i64),
        ("EXTB", libc::EXTB as i64),
        ("FF0", libc::FF0 as i64),
        ("FF1", libc::FF1 as i64),
        ("FFDLY", libc::FFDLY as i64),
        ("FIOASYNC", libc::FIOASYNC as i64),
        ("FIOCLEX", libc::FIOCLEX as i64),
        ("FIONBIO", libc::FIONBIO as i64),
        ("FIONCLEX", libc::FIONCLEX as i64),
        ("FIONREAD", libc::FIONREAD as i64),
        ("FLUSHO", libc::FLUSHO as i64),
        ("HUPCL", libc::HUPCL as i64),
        ("ICANON", libc::ICANON as i64),
        ("ICRNL", libc::ICRNL as i64),
        ("IEXTEN", libc::IEXTEN as i64),
        ("IGNBRK", libc::IGNBRK as i64),
        ("IGNCR", libc::IGNCR as i64),
        ("IGNPAR", libc::IGNPAR as i64),
        ("IMAXBEL", libc::IMAXBEL as i64),
        ("INLCR", libc::INLCR as i64),
        ("INPCK", libc::INPCK as i64),
        ("ISIG", libc::ISIG as i64),
        ("ISTRIP", libc::ISTRIP as i64),
        ("IUCLC", libc::IUCLC as i64),
        ("IXANY", libc::IXANY as i64),
        ("IXOFF", libc::IXOFF as i64),
        ("IXON", libc::IXON as i64),
        ("NCCS", libc::NCCS as i64),
        ("NL0", libc::NL0 as i64),
        ("NL1", libc::NL1 as i64),
        ("NLDLY", libc::NLDLY as i64),
        ("NOFLSH", libc::NOFLSH as i64),
        ("OCRNL", libc::OCRNL as i64),
        ("OFDEL", libc::OFDEL as i64),
        ("OFILL", libc::OFILL as i64),
        ("OLCUC", libc::OLCUC as i64),
        ("ONLCR", libc::ONLCR as i64),
        ("ONLRET", libc::ONLRET as i64),
        ("ONOCR", libc::ONOCR as i64),
        ("OPOST", libc::OPOST as i64),
        ("PARENB", libc::PARENB as i64),
        ("PARMRK", libc::PARMRK as i64),
        ("PARODD", libc::PARODD as i64),
        ("PENDIN", libc::PENDIN as i64),
        ("TAB0", libc::TAB0 as i64),
        ("TAB1", libc::TAB1 as i64),
        ("TAB2", libc::TAB2 as i64),
        ("TAB3", libc::TAB3 as i64),
        ("TABDLY", libc::TABDLY as i64),
        ("TCFLSH", libc::TCFLSH as i64),
        ("TCGETA", libc::TCGETA as i64),
        ("TCGETS", libc::TCGETS as i64),
        ("TCIFLUSH", libc::TCIFLUSH as i64),
        ("TCIOFF", libc::TCIOFF as i64),
        ("TCIOFLUSH", libc::TCIOFLUSH as i64),
        ("TCION", libc::TCION as i64),
        ("TCOFLUSH", libc::TCOFLUSH as i64),
        ("TCOOFF", libc::TCOOFF as i64),
        ("TCOON", libc::TCOON as i64),
        ("TCSADRAIN", libc::TCSADRAIN as i64),
        ("TCSAFLUSH", libc::TCSAFLUSH as i64),
        ("TCSANOW", libc::TCSANOW as i64),
        ("TCSBRK", libc::TCSBRK as i64),
        ("TCSBRKP", libc::TCSBRKP as i64),
        ("TCSETA", libc::TCSETA as i64),
        ("TCSETAF", libc::TCSETAF as i64),
        ("TCSETAW", libc::TCSETAW as i64),
        ("TCSETS", libc::TCSETS as i64),
        ("TCSETSF", libc::TCSETSF as i64),
        ("TCSETSW", libc::TCSETSW as i64),
        ("TCXONC", libc::TCXONC as i64),
        ("TIOCCONS", libc::TIOCCONS as i64),
        ("TIOCEXCL", libc::TIOCEXCL as i64),
        ("TIOCGETD", libc::TIOCGETD as i64),
        ("TIOCGICOUNT", libc::TIOCGICOUNT as i64),
        ("TIOCGLCKTRMIOS", libc::TIOCGLCKTRMIOS as i64),
        ("TIOCGPGRP", libc::TIOCGPGRP as i64),
        ("TIOCGSERIAL", libc::TIOCGSERIAL as i64),
        ("TIOCGSOFTCAR", libc::TIOCGSOFTCAR as i64),
        ("TIOCGWINSZ", libc::TIOCGWINSZ as i64),
        ("TIOCINQ", libc::TIOCINQ as i64),
        ("TIOCLINUX", libc::TIOCLINUX as i64),
        ("TIOCMBIC", libc::TIOCMBIC as i64),
        ("TIOCMBIS", libc::TIOCMBIS as i64),
        ("TIOCMGET", libc::TIOCMGET as i64),
        ("TIOCMIWAIT", libc::TIOCMIWAIT as i64),
        ("TIOCMSET", libc::TIOCMSET as i64),
        ("TIOCM_CAR", libc::TIOCM_CAR as i64),
        ("TIOCM_CD", libc::TIOCM_CD as i64),
        ("TIOCM_CTS", libc::TIOCM_CTS as i64),
        ("TIOCM_DSR", libc::TIOCM_DSR as i64),
        ("TIOCM_DTR", libc::TIOCM_DTR as i64),
        ("TIOCM_LE", libc::TIOCM_LE as i64),
        ("TIOCM_RI", libc::TIOCM_RI as i64),
        ("TIOCM_RNG", libc::TIOCM_RNG as i64),
        ("TIOCM_RTS", libc::TIOCM_RTS as i64),
        ("TIOCM_SR", libc::TIOCM_SR as i64),
        ("TIOCM_ST", libc::TIOCM_ST as i64),
        ("TIOCNOTTY", libc::TIOCNOTTY as i64),
        ("TIOCNXCL", libc::TIOCNXCL as i64),
        ("TIOCOUTQ", libc::TIOCOUTQ as i64),
        ("TIOCPKT", libc::TIOCPKT as i64),
        ("TIOCSCTTY", libc::TIOCSCTTY as i64),
        ("TIOCSERCONFIG", libc::TIOCSERCONFIG as i64),
        ("TIOCSERGETLSR", libc::TIOCSERGETLSR as i64),
        ("TIOCSERGETMULTI", libc::TIOCSERGETMULTI as i64),
        ("TIOCSERGSTRUCT", libc::TIOCSERGSTRUCT as i64),
        ("TIOCSERGWILD", libc::TIOCSERGWILD as i64),
        ("TIOCSERSETMULTI", libc::TIOCSERSETMULTI as i64),
        ("TIOCSERSWILD", libc::TIOCSERSWILD as i64),
        ("TIOCSETD", libc::TIOCSETD as i64),
        ("TIOCSLCKTRMIOS", libc::TIOCSLCKTRMIOS as i64),
        ("TIOCSPGRP", libc::TIOCSPGRP as i64),
        ("TIOCSSERIAL", libc::TIOCSSERIAL as i64),
        ("TIOCSSOFTCAR", libc::TIOCSSOFTCAR as i64),
        ("TIOCSTI", libc::TIOCSTI as i64),
        ("TIOCSWINSZ", libc::TIOCSWINSZ as i64),
        ("TOSTOP", libc::TOSTOP as i64),
        ("VDISCARD", libc::VDISCARD as i64),
        ("VEOF", libc::VEOF as i64),
        ("VEOL", libc::VEOL as i64),
        ("VEOL2", libc::VEOL2 as i64),
        ("VERASE", libc::VERASE as i64),
        ("VINTR", libc::VINTR as i64),
        ("VKILL", libc::VKILL as i64),
        ("VLNEXT", libc::VLNEXT as i64),
        ("VMIN", libc::VMIN as i64),
        ("VQUIT", libc::VQUIT as i64),
        ("VREPRINT", libc::VREPRINT as i64),
        ("VSTART", libc::VSTART as i64),
        ("VSTOP", libc::VSTOP as i64),
        ("VSUSP", libc::VSUSP as i64),
        ("VSWTC", libc::VSWTC as i64),
        ("VT0", libc::VT0 as i64),
        ("VT1", libc::VT1 as i64),
        ("VTDLY", libc::VTDLY as i64),
        ("VTIME", libc::VTIME as i64),
        ("VWERASE", libc::VWERASE as i64),
        ("XCASE", libc::XCASE as i64),
        ("XTABS", libc::XTABS as i64),
        ("CDSUSP", 25),
        ("CEOF", 4),
        ("CEOL", 0),
        ("CEOT", 4),
        ("CERASE", 127),
        ("CFLUSH", 15),
        ("CINTR", 3),
        ("CKILL", 21),
        ("CLNEXT", 22),
        ("CQUIT", 28),
        ("CRPRNT", 18),
        ("CSTART", 17),
        ("CSTOP", 19),
        ("CSUSP", 26),
        ("CWERASE", 23),
        ("IOCSIZE_MASK", 1073676288),
        ("IOCSIZE_SHIFT", 16),
        ("NCC", 8),
        ("N_MOUSE", 2),
        ("N_PPP", 3),
        ("N_SLIP", 1),
        ("N_STRIP", 4),
        ("N_TTY", 0),
        ("TIOCPKT_DATA", 0),
        ("TIOCPKT_DOSTOP", 32),
        ("TIOCPKT_FLUSHREAD", 1),
        ("TIOCPKT_FLUSHWRITE", 2),
        ("TIOCPKT_NOSTOP", 16),
        ("TIOCPKT_START", 8),
        ("TIOCPKT_STOP", 4),
        ("TIOCSER_TEMT", 1),
        ("VSWTCH", 7),
    ]
}

/// Creates the `termios` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let mo = vm.alloc_obj(K_MODULE, vm.g.types.module, STATE_ERROR + 1, 0);
    mo.init(0, d);
    let n = vm.new_str("termios");
    mo.init(1, n);
    mo.init(STATE_ERROR, Value::NONE);
    let m = mo.value();
    vm.push_root(m);
    vm.set_module_attr(m, "__name__", n);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    for k in ["__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    // class error(Exception), made as PyErr_NewException does.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let key = vm.intern("__module__");
    vm.dict_set_str(ns, key, n);
    let name = vm.new_str("error");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let err = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.store(mo, STATE_ERROR, err);
    vm.set_module_attr(m, "error", err);
    let fns: &[(&'static str, NativeFn)] = &[
        ("tcgetattr", tcgetattr),
        ("tcsetattr", tcsetattr),
        ("tcsendbreak", tcsendbreak),
        ("tcdrain", tcdrain),
        ("tcflush", tcflush),
        ("tcflow", tcflow),
        ("tcgetwinsize", tcgetwinsize),
        ("tcsetwinsize", tcsetwinsize),
    ];
    for &(name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    for (name, v) in int_constants() {
        let v = vm.new_int(v);
        vm.set_module_attr(m, name, v);
    }
    vm.pop_roots(mark);
    Ok(m)
}
