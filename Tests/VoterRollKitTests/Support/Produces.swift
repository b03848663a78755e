import Testing

@testable import VoterRollKit

/// Asserts that `findings` contain a finding with `code`.
///
/// Tests that prove a code is produced call this (or name the code in a fixture's expected
/// outcomes); `FindingCatalogTests` reads the test sources for these calls so that a code
/// nobody produces fails the build of trust, not just a reviewer's eye.
func expectProduces(
    _ code: FindingCode,
    _ findings: some Sequence<FindingCode>,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let codes = Array(findings)
    #expect(codes.contains(code), "expected \(code.rawValue) among \(codes.map(\.rawValue))", sourceLocation: sourceLocation)
}

/// `expectProduces` over findings.
func expectProduces(
    _ code: FindingCode,
    _ findings: [Finding],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectProduces(code, findings.map(\.code), sourceLocation: sourceLocation)
}
