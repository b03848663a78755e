internal import Foundation

/// Makes a realistic, messy township register and its lists, with the outcome `voterroll check`
/// must reach for every row (`voterroll synth`).
///
/// The files are those an election office receives (`roll`, `deprived`, `incapacitated`,
/// `suspended`, `deceased`, `moved_out`, `moved_in`, `proxies`, in CSV, XLSX or SpreadsheetML),
/// and `expected.jsonl` says for each data row of each file its 1-based row, its decision and
/// the exact finding codes it must get. The expected outcomes are bookkeeping of the generator:
/// each defect carries the codes DESIGN.md and the catalogue give it, and nothing is computed
/// by the engine's code, so a disagreement points at one side or the other.
///
/// Deterministic: one seed gives the same bytes (the generator's own SplitMix64, never Swift's
/// random numbers). Streaming: the register is written row by row.
public struct Synthesizer: Sendable {
    public let options: SynthOptions

    public init(options: SynthOptions) {
        self.options = options
    }

    /// Writes the files into `directory` (created when missing).
    public func run(directory: String) throws(OutputError) -> SynthSummary {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, message: "cannot create the folder: \(error.localizedDescription)")
        }
        return try SynthRun(options: options, directory: directory).run()
    }
}
