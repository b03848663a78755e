import Foundation

/// Failures injected at named moments of a run, so the end-to-end tests can prove that a run
/// failing late leaves the previous outputs as they were (`RunSafetyTests`).
///
/// Only debug builds read `VOTERROLL_FAULT`; in a release build `fail(at:)` does nothing. The
/// moments: `write:NAME` (committing the output file NAME), `swap:N` (before the Nth step of
/// the swap into place, with the steps before it done), `stored` (the outputs in place, the
/// store's transaction not yet committed). `kill:MOMENT` kills the process there instead
/// (SIGKILL), as a power cut or the OOM killer would.
public enum FaultInjection: Sendable {
    /// Throws, or kills the process, when `VOTERROLL_FAULT` names `point` (debug builds only).
    public static func fail(at point: @autoclosure () -> String, path: String) throws(OutputError) {
        #if DEBUG
            guard let wanted = ProcessInfo.processInfo.environment["VOTERROLL_FAULT"] else { return }
            let moment = point()
            if wanted == "kill:" + moment { kill(getpid(), SIGKILL) }
            guard wanted == moment else { return }
            throw OutputError(path: path, message: "cannot write: injected failure (VOTERROLL_FAULT=\(wanted))")
        #endif
    }
}
