// SPDX-License-Identifier: GPL-3.0-or-later
//
// GLPK keeps all its state (memory pool, terminal hook, error state) in an "environment".
// GLPK 5.0 built with thread-local storage (Debian's is: glp_config("TLS") = "_Thread_local")
// has one environment per thread, so solves on different threads do not share anything.
// Rules that follow, kept here and nowhere else:
// - A GLPK object lives and dies on the thread that created it, inside one session.
// - The terminal hook is per environment, hence per thread: installed when a thread's
//   outermost session starts, removed when it ends.
// - The environment is freed (glp_free_env) when the outermost session ends, so threads
//   from a pool do not keep GLPK memory after their last solve. "Note that a call to
//   glp_free_env invalidates all problem objects as if no GLPK routine were called"
//   (GLPK 5.0, env/env.c), which is why sessions nest: only the outermost one frees.
// - A library built without thread-local storage has one process-wide environment; then
//   sessions are serialised by one global lock.
import CGLPK
import Foundation
import MILP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about the linked GLPK library, checked in this one place.
enum GLPKLibrary {
    /// The linked library's version, "X.Y" (`glp_version`; needs no environment).
    static var version: String { String(cString: glp_version()) }

    /// True when the library keeps one environment per thread (`glp_config("TLS")` is not NULL).
    static let isThreadLocal: Bool = glp_config("TLS") != nil

    /// Throws unless the linked library has the major version of the headers we compiled
    /// against (`GLP_MAJOR_VERSION`), and at least 4.57, which added `glp_at_error`.
    static func checkVersion() throws(MILPError) {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2, parts[0] == Int(GLP_MAJOR_VERSION) else {
            throw .backendFailure(
                backend: "GLPK",
                message:
                    "the linked GLPK is version \(version), but connplan was built against GLPK \(GLP_MAJOR_VERSION).\(GLP_MINOR_VERSION) headers; install libglpk-dev \(GLP_MAJOR_VERSION).x and rebuild"
            )
        }
    }
}

/// Per-thread session state: nesting depth, the log buffers of the open sessions, and
/// whether this session created the thread's GLPK environment (and so must free it).
final class GLPKThreadState {
    var depth = 0
    var ownsEnvironment = false
    /// One buffer per open session, innermost last; the terminal hook appends to the last.
    var logs: [String] = []

    func append(_ text: String) {
        if logs.isEmpty { logs.append("") }
        logs[logs.count - 1] += text
    }
}

/// Runs GLPK work on the calling thread inside a session (see the rules at the top of this file).
enum GLPKSession {
    private static let globalLock = NSRecursiveLock()

    private static let stateKey: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    /// Runs `body` in a session and returns its result with everything GLPK printed meanwhile
    /// (plus any `note`s). `body` must not let a GLPK object escape.
    static func run<T>(_ body: () throws(MILPError) -> T) throws(MILPError) -> (value: T, log: String) {
        try GLPKLibrary.checkVersion()
        let state = try enter()
        defer { leave(state) }
        let value = try body()
        return (value, state.logs.last ?? "")
    }

    /// Adds a line of connplan's own to the current session's log.
    static func note(_ line: String) {
        current()?.append("[connplan] " + line + "\n")
    }

    private static func current() -> GLPKThreadState? {
        pthread_getspecific(stateKey).map { Unmanaged<GLPKThreadState>.fromOpaque($0).takeUnretainedValue() }
    }

    private static func enter() throws(MILPError) -> GLPKThreadState {
        if let state = current() {
            state.depth += 1
            state.logs.append("")
            return state
        }
        if !GLPKLibrary.isThreadLocal { globalLock.lock() }
        // glp_init_env: "0 - initialization successful; 1 - environment has been already
        // initialized; 2 - initialization failed (insufficient memory); 3 - initialization
        // failed (unsupported programming model)" (GLPK 5.0, env/env.c).
        let code = glp_init_env()
        guard code == 0 || code == 1 else {
            if !GLPKLibrary.isThreadLocal { globalLock.unlock() }
            throw .backendFailure(
                backend: "GLPK",
                message: code == 2
                    ? "cannot initialise GLPK: insufficient memory" : "cannot initialise GLPK: unsupported programming model (code \(code))"
            )
        }
        let state = GLPKThreadState()
        state.ownsEnvironment = code == 0
        state.depth = 1
        state.logs = [""]
        pthread_setspecific(stateKey, Unmanaged.passRetained(state).toOpaque())
        _ = glp_term_out(GLP_ON)
        glp_term_hook(glpkTerminalHook, Unmanaged.passUnretained(state).toOpaque())
        return state
    }

    private static func leave(_ state: GLPKThreadState) {
        state.depth -= 1
        if state.depth > 0 {
            state.logs.removeLast()
            return
        }
        glp_term_hook(nil, nil)
        if state.ownsEnvironment { _ = glp_free_env() }
        pthread_setspecific(stateKey, nil)
        Unmanaged.passUnretained(state).release()
        if !GLPKLibrary.isThreadLocal { globalLock.unlock() }
    }
}
