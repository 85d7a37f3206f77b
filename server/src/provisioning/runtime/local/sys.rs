//! The few operating-system calls the local runtime needs that std does not offer.
//! Each wraps one libc call; this is the only `unsafe` in Agora.
#![allow(unsafe_code)]

/// Sends a signal to a process. Returns false if the process does not exist (any more).
pub fn signal(pid: i32, sig: i32) -> bool {
    if pid <= 1 {
        return false;
    }
    // SAFETY: kill(2) takes plain integers and touches no memory of ours.
    unsafe { libc::kill(pid, sig) == 0 }
}

/// Arranges, in a freshly forked child, for the kernel to kill it when its parent dies,
/// so deployed processes never outlive a crashed server.
pub fn die_with_parent(cmd: &mut tokio::process::Command) {
    // SAFETY: the closure runs between fork and exec in the child and only calls
    // prctl(2), which is async-signal-safe and allocates nothing.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// SIGTERM.
pub const TERM: i32 = libc::SIGTERM;
/// SIGKILL.
pub const KILL: i32 = libc::SIGKILL;
