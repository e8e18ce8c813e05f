// SPDX-License-Identifier: GPL-3.0-or-later
//
// GLPK's terminal output, captured per session into Solution.log instead of stdout.
import CGLPK

/// The terminal hook installed by `GLPKSession` (`glp_term_hook`); `info` is the thread's `GLPKThreadState`.
///
/// "If the hook routine returns zero, the printing routine writes the string s to the terminal
/// in a usual way; otherwise, if the hook routine returns non-zero, no terminal output is
/// performed" (GLPK 5.0, glp_term_hook). Normal output is kept in the log only (return 1).
/// While GLPK reports a fatal error (`glp_at_error()` non-zero) the message is also let through
/// to the terminal (return 0): the process is about to abort(), and the log dies with it.
func glpkTerminalHook(_ info: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    let atError = glp_at_error() != 0
    if let info, let text {
        Unmanaged<GLPKThreadState>.fromOpaque(info).takeUnretainedValue().append(String(cString: text))
    }
    return atError ? 0 : 1
}
