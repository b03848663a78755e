import Foundation
import Testing

@testable import VoterRollKit

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `voterroll check` on one input and measures that process alone: wall time and
/// peak resident memory (VmHWM, sampled every 2 ms), which no measurement inside the test
/// process can give while other suites run beside it.
///
/// The end-to-end tests run the executable for its output (`VoterRollProcess`); this runs it for
/// what it costs, so it spawns it directly and watches it. Every run prints one
/// `bound:` line; docs/LIMITS.md quotes them.
struct ToolMeasurement {
    var status: Int32
    var seconds: Double
    /// Peak resident set of the process, in MiB.
    var peakMiB: Double
    var stderr: String
    /// The run's output folder (findings.csv, summary.json…).
    var output: URL

    /// The folder holding the built products (the test bundle sits beside the executable).
    static var executable: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("voterroll")
        }
        return Bundle.main.bundleURL.appendingPathComponent("voterroll")
    }

    /// `voterroll check PATH --election-day 2026-06-01 --out DIRECTORY/out --quiet`, measured.
    static func check(_ path: String, in directory: URL, label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolMeasurement {
        let output = directory.appendingPathComponent("out")
        let errors = directory.appendingPathComponent("stderr.txt")
        let arguments = [executable.path, "check", path, "--election-day", "2026-06-01", "--out", output.path, "--quiet"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable.path): \(String(cString: strerror(spawned)))"])
        }
        // The child's own high-water mark, read while it runs: wait4's ru_maxrss would not do,
        // as Linux carries the spawning test process's peak over into the child at exec.
        var status: Int32 = 0
        var peakKiB = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            peakKiB = max(peakKiB, highWaterMark(of: pid) ?? 0)
            usleep(2_000)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Exited normally: the low 7 bits are 0 and the status is in the next byte.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let measured = ToolMeasurement(
            status: exitStatus, seconds: seconds, peakMiB: Double(peakKiB) / 1024,
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "", output: output)
        print("bound: \(label): exit \(exitStatus), \(String(format: "%.2f", seconds)) s, peak \(String(format: "%.0f", measured.peakMiB)) MiB")
        #expect(exitStatus < 128, "\(label): voterroll died of signal \(exitStatus - 128)\n\(measured.stderr)", sourceLocation: sourceLocation)
        return measured
    }

    /// VmHWM of a running process, in KiB.
    private static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).dropLast(3).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Expects the run to have stayed within `seconds` and `mebibytes`.
    func expectWithin(seconds limit: Double, mebibytes: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(seconds < limit, "took \(seconds) s, over \(limit) s", sourceLocation: sourceLocation)
        #expect(peakMiB < mebibytes, "peaked at \(peakMiB) MiB, over \(mebibytes) MiB", sourceLocation: sourceLocation)
    }

    /// The run's summary.json, when it wrote one.
    var summary: RunSummary? {
        guard let data = try? Data(contentsOf: output.appendingPathComponent("summary.json")) else { return nil }
        return try? JSONDecoder().decode(RunSummary.self, from: data)
    }
}
