internal import CFuzzerDriver
public import FuzzHarness
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer over one `FuzzTarget`: the `main` of every fuzz executable.
///
/// An input that breaks an invariant aborts, which libFuzzer reports as a crash and saves, as it
/// does for a trap (a Swift runtime error), an AddressSanitizer report or a timeout.
public enum FuzzDriver {
    nonisolated(unsafe) private static var harness: FuzzHarness?
    nonisolated(unsafe) private static var target = FuzzTarget.csv
    /// `FUZZ_VERBOSE=1`: print what each input did (to replay one by hand).
    private static let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

    public static func run(_ target: FuzzTarget) -> Never {
        // One scratch folder per process for the inputs written as files.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("voterroll-fuzz-\(target.rawValue)-\(getpid())", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            harness = try FuzzHarness(directory: directory.path)
        } catch {
            report("fuzz-\(target.rawValue): cannot start: \(error)")
            exit(2)
        }
        FuzzDriver.target = target
        // libFuzzer ends the process itself (at -max_total_time, -runs…), so the folder goes at exit.
        scratch = directory
        atexit { FuzzDriver.removeScratch() }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }

    nonisolated(unsafe) private static var scratch: URL?

    private static func removeScratch() {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    static func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        guard let harness else { return 0 }
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let outcome = harness.run(target, input)
        if verbose {
            report("fuzz-\(target.rawValue): \(outcome.rows) rows, \(outcome.cells) cells, \(outcome.findings) findings; \(outcome.error ?? "no error")")
        }
        if !outcome.violations.isEmpty {
            report("fuzz-\(target.rawValue): broken invariants:\n  " + outcome.violations.joined(separator: "\n  "))
            abort()
        }
        return 0
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.test(data, size)
}
