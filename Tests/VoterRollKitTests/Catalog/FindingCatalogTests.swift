import Foundation
import Testing

@testable import VoterRollKit

/// The catalogue of finding codes is a public contract: it must match shared/findings.tsv,
/// and every code must be produced by some test.
@Suite struct FindingCatalogTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private struct Row: Equatable {
        var code, action, severity, zh, en: String
    }

    private static func rows(of url: URL) throws -> [Row] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                code: fields[0], action: fields[1], severity: fields[2],
                zh: fields.count > 3 ? fields[3] : "", en: fields.count > 4 ? fields[4] : "")
        }
    }

    @Test func generatedCodesMatchTheProjectCatalogue() throws {
        let rows = try Self.rows(of: Self.root.appendingPathComponent("catalog/findings.tsv"))
        #expect(rows.map(\.code) == FindingCode.allCases.map(\.rawValue))
        for row in rows {
            let code = try #require(FindingCode(rawValue: row.code))
            #expect(code.action.rawValue == row.action, "\(row.code)")
            #expect(code.severity.rawValue == row.severity, "\(row.code)")
            #expect(code.message(.zh) == row.zh, "\(row.code)")
            #expect(code.message(.en) == row.en, "\(row.code)")
        }
    }

    /// The project's catalogue is the living one: it may add codes (issues do), but every code
    /// of the shared contract stays, with its action, severity and texts unchanged.
    @Test func projectCatalogueKeepsTheSharedContract() throws {
        let shared = Self.root.deletingLastPathComponent().appendingPathComponent("shared/findings.tsv")
        // shared/ sits beside the checkout for developers and CI; a lone clone may not have it.
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let ours = try Self.rows(of: Self.root.appendingPathComponent("catalog/findings.tsv"))
        let sharedRows = try Self.rows(of: shared)
        #expect(!sharedRows.isEmpty)
        for row in sharedRows {
            #expect(ours.contains(row), "\(row.code): changed or removed; codes are a public contract")
        }
    }

    @Test func severityAndActionOrderStrictestLast() {
        #expect([Severity.warning, .error, .info].max() == .error)
        #expect([FindingAction.keep, .exclude].max() == .exclude)
    }

    /// Every code must be produced by a test: named in an `expectProduces(.code` call in the
    /// test sources, or in an expected-outcomes file under fixtures/. Codes not yet produced are
    /// listed in `pendingFindingCodes` with their issue.
    @Test func everyCodeIsProducedByATestOrPending() throws {
        let produced = try Self.producedCodes()
        for code in FindingCode.allCases {
            let isProduced = produced.contains(code)
            let isPending = pendingFindingCodes[code] != nil
            #expect(isProduced || isPending, "\(code.rawValue): no test produces it; write one")
            #expect(!(isProduced && isPending), "\(code.rawValue) is produced now; remove it from pendingFindingCodes")
        }
    }

    private static func producedCodes() throws -> Set<FindingCode> {
        var testSources = ""
        var expectations = ""
        let skipped: Set<String> = ["FindingCatalogTests.swift", "PendingFindingCodes.swift", "Produces.swift"]
        for folder in ["Tests", "fixtures"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                if folder == "Tests", name.hasSuffix(".swift"), !skipped.contains(name) {
                    testSources += text
                } else if folder == "fixtures", name.hasPrefix("expected") {
                    expectations += text
                }
            }
        }
        return Set(FindingCode.allCases.filter { code in
            testSources.contains("expectProduces(.\(code),") || testSources.contains("expectProduces(.\(code))")
                || expectations.contains(code.rawValue)
        })
    }
}
