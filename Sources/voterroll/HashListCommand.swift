import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll hash-list F --key-file K --out F2`: a list another office can match without
    /// receiving ID numbers.
    struct HashList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-list",
            abstract: "Replace a list's ID numbers by keyed digests (HMAC-SHA-256) and drop its other identifiers, so another office can match it with 'check --hashed-key-file'.",
            discussion: """
                Lists that only find people can be hashed: deprived, incapacitated, suspended, deceased, \
                moved out. Exit status: 0 every row hashed; 1 some rows have an unreadable ID number \
                (listed; fix them and hash again); 2 bad usage or key; 3 the list could not be read.
                """
        )

        @Argument(help: "The list (CSV/TSV, Excel 2003 XML or XLSX).")
        var list: String

        @Option(help: "The shared key: a file of at least 16 random bytes, the same on both sides.")
        var keyFile: String

        @Option(help: "Where to write the hashed list (CSV).")
        var out: String

        @Option(help: "Read a CSV/TSV list in this encoding instead of detecting it.")
        var encoding: String?

        @Option(help: "Read only this worksheet of a workbook.")
        var sheet: String?

        func run() throws {
            let hasher: IDHasher
            do {
                hasher = try IDHasher(keyFile: keyFile)
            } catch {
                StandardError.fail("--key-file \(error.description)")
                throw ExitCode(2)
            }
            let result: HashedListWriter.Result
            do {
                result = try HashedListWriter.write(
                    source: InputSource(path: list, sheet: sheet, encoding: encoding), hasher: hasher, to: out)
            } catch let error as IngestError {
                StandardError.fail("\(error.description)")
                throw ExitCode(3)
            } catch {
                StandardError.fail("\(error)")
                throw ExitCode(2)
            }
            print("hashed \(result.hashed) rows of \(list) into \(out)")
            for finding in result.refused {
                print("not hashed: \(finding.address.cell) \(finding.code.rawValue) (\(finding.value)): \(finding.message(.en))")
            }
            if !result.refused.isEmpty { throw ExitCode(1) }
        }
    }
}
