@testable import VoterRollKit

/// Codes in the catalogue that no test produces yet, each with the issue that will.
///
/// Kept in one place so the gap stays visible; `FindingCatalogTests` fails when a code is
/// neither produced by a test nor listed here, and when a listed code is produced already.
let pendingFindingCodes: [FindingCode: String] = pendingCalendarCodes
    .merging(pendingProxyCodes) { first, _ in first }
    .merging(pendingConstituencyCodes) { first, _ in first }

/// Issue 19: the registration calendar and appeals.
let pendingCalendarCodes: [FindingCode: String] = [
    .calendarPostingLate: "issue 19",
    .calendarPostingMissing: "issue 19",
    .appealAdded: "issue 19",
    .appealConflict: "issue 19",
    .appealRemoved: "issue 19",
    .appealCorrection: "issue 19",
    .appealLate: "issue 19",
    .appealOverdue: "issue 19",
    .appealDecidedLate: "issue 19",
]

/// Issue 20: proxies as the law requires them.
let pendingProxyCodes: [FindingCode: String] = [
    .proxyPrincipalNotAway: "issue 20",
    .proxyPrincipalTwoAgents: "issue 20",
    .proxyDateInvalid: "issue 20",
    .proxyShareHigh: "issue 20",
]

/// Issue 21: constituency balance.
let pendingConstituencyCodes: [FindingCode: String] = [:]
