@testable import VoterRollKit

/// Codes in the catalogue that no test produces yet, each with the issue that will.
///
/// Kept in one place so the gap stays visible; `FindingCatalogTests` fails when a code is
/// neither produced by a test nor listed here, and when a listed code is produced already.
let pendingFindingCodes: [FindingCode: String] = pendingCalendarCodes
    .merging(pendingProxyCodes) { first, _ in first }
    .merging(pendingConstituencyCodes) { first, _ in first }

/// Issue 19: the registration calendar and appeals.
let pendingCalendarCodes: [FindingCode: String] = [:]

/// Issue 20: proxies as the law requires them.
let pendingProxyCodes: [FindingCode: String] = [
    .proxyDuplicatePrincipal: "superseded by proxy.principal-two-agents (issue 20); kept: the catalogue is a public contract",
]

/// Issue 21: constituency balance.
let pendingConstituencyCodes: [FindingCode: String] = [:]
