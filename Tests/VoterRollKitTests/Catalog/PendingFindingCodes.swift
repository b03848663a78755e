@testable import VoterRollKit

/// Codes in the catalogue that no test produces yet, each with the issue that will.
///
/// Kept in one place so the gap stays visible; `FindingCatalogTests` fails when a code is
/// neither produced by a test nor listed here, and when a listed code is produced already.
let pendingFindingCodes: [FindingCode: String] = [:]
