@testable import VoterRollKit

/// Codes in the catalogue that no test produces yet, each with the issue that will.
///
/// Kept in one place so the gap stays visible; `FindingCatalogTests` fails when a code is
/// neither produced by a test nor listed here, and when a listed code is produced already.
let pendingFindingCodes: [FindingCode: String] = [
    .inputEncoding: "issue 3",
    .inputMalformedRow: "issue 3",
    .inputRaggedRow: "issue 3",
    .idBirthdateMismatch: "issue 5",
    .idGenderMismatch: "issue 5",
    .nameMissing: "issue 4",
    .nameNormalized: "issue 4",
    .nameSuspicious: "issue 4",
    .nameRareChar: "issue 4",
    .genderInvalid: "issue 5",
    .dateUnparseable: "issue 5",
    .ageUnder18: "issue 5",
    .ageImplausible: "issue 5",
    .rightsDeprived: "issue 5",
    .rightsRestored: "issue 5",
    .rightsIncapacitated: "issue 5",
    .rightsSuspended: "issue 5",
    .statusDeceased: "issue 5",
    .listNameMismatch: "issue 5",
    .listUnmatched: "issue 5",
    .migrantRegisteredElsewhere: "issue 5",
    .migrantAbsent: "issue 5",
    .migrantInNoCertificate: "issue 5",
    .migrantInAlreadyListed: "issue 5",
    .dupSameId: "issue 5",
    .dupProbable: "issue 5",
    .proxyOverLimit: "issue 5",
    .proxyAgentNotEligible: "issue 5",
    .proxyPrincipalNotEligible: "issue 5",
    .proxyDuplicatePrincipal: "issue 5",
    .changeAdded: "issue 7",
    .changeRemoved: "issue 7",
    .changeMoved: "issue 7",
    .changeRenamed: "issue 7",
]
