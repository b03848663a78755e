/// One kind of problem the generator puts into the data, each bound to the finding codes it must
/// produce (DESIGN.md and the catalogue, shared/findings.tsv).
///
/// A defect is dealt to one register row and may reach into the lists (a deprivation, a proxy
/// over the limit): each defect touches one person, or a pair it makes itself (a duplicate),
/// so no two defects meet on the same person and every row's outcome follows from one rule.
enum SynthDefect: String, CaseIterable {
    // The ID cell.
    case idFullWidth, idLowercaseX, idSpaces, idLegacy15, idExcelScientific, idExcelZeros
    case idChecksum, idBirthdateInvalid, idFormat, idMissing, idRegionUnknown
    // The name cell.
    case nameTraditional, nameSpaces, nameDotLookAlike, nameSuspicious, nameRareCharacter, nameMissing
    /// A character written with the Private Use code point GB 18030-2005 gave it (U+E816 for 𠂇).
    case namePrivateUseMapped
    /// A Private Use character that stands for nothing known (a vendor's own glyph).
    case namePrivateUse
    // Stated birth date and gender against the ID.
    case genderMismatch, genderInvalid, birthDateMismatch, birthDateUnparseable
    // Age.
    case ageImplausible, eighteenOnElectionDay, eighteenTheDayAfter
    // The row as a whole.
    case raggedRow, undecodableBytes, unclosedQuote
    // Lists matched by ID number.
    case deprivedNow, deprivedForLife, deprivedEndsOnElectionDay, deprivedEnded, deprivedEndedTheDayBefore
    case deprivedEndUnreadable, deprivedStartUnreadable, deprivedStartsLater
    case incapacitated, suspended, deceased, movedOutWithCertificate, movedOutWithoutCertificate
    case listNameVariant, listNameMismatch, listUnmatched, listBadID
    // In-migrants.
    case movedInWithCertificate, movedInWithoutCertificate, movedInAlreadyListed, movedInMinor, movedInGenderMismatch
    /// An in-migrant with a certificate whose ID number has a wrong check digit: not added.
    case movedInBadID
    // Duplicates.
    case duplicateID, probableDuplicate
    // Proxies.
    case proxyOverLimit, proxyAgentNotEligible, proxyPrincipalNotEligible, proxyTwoAgents, proxyPrincipalNotAway, proxyDateInvalid
    // Appeals (申诉), judged against posting day = election day − 20 and as-of = election day − 11.
    case appealOmittedAdded, appealOmittedListed, appealOmittedMinor, appealRemoved, appealCorrection, appealRejected
    case appealLate, appealOverdue, appealDecidedLate

    /// How many of this defect one round of the deck holds: the common ones (Excel damage,
    /// stray spaces, mistyped dates) more often than the rare.
    var weight: Int {
        switch self {
        case .idExcelScientific, .idExcelZeros, .nameSpaces, .birthDateMismatch, .genderMismatch: 3
        case .idFullWidth, .idChecksum, .idLegacy15, .nameTraditional, .birthDateUnparseable, .duplicateID,
            .probableDuplicate, .deceased, .listNameMismatch, .listUnmatched:
            2
        default: 1
        }
    }

    /// Whether the defect can be written in a format: undecodable bytes and unclosed quotes
    /// exist only in text files.
    func isPossible(in format: SynthFormat) -> Bool {
        switch self {
        case .undecodableBytes, .unclosedQuote: format == .csv
        default: true
        }
    }

    /// Whether the defect makes a second register row later in the file.
    var needsALaterRow: Bool {
        self == .duplicateID || self == .probableDuplicate
    }
}

extension SynthDefect {
    /// The list facts of ordinary people, besides the defects: who died, who is away, who was
    /// sentenced; nil for nothing. Drawn for each register row without a defect, per 100,000.
    static let background: SynthWeighted<SynthDefect?> = SynthWeighted(
        [
            (.deceased, 500), (.movedOutWithoutCertificate, 900), (.movedOutWithCertificate, 500),
            (.deprivedNow, 40), (.deprivedEnded, 30), (.deprivedForLife, 10), (.incapacitated, 50),
            (.suspended, 20), (nil, 100_000 - 2_050),
        ])
}
