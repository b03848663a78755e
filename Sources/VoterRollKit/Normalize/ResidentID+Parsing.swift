extension ResidentID {
    /// What a cell's ID number turned out to be.
    public enum Outcome: Sendable, Hashable {
        /// A valid number, with the notes (info and warning findings) it earned on the way.
        case valid(ResidentID, notes: Notes)
        /// No valid number: the finding code that excludes the row (`id.missing`, `id.format`,
        /// `id.excel-mangled`, `id.checksum` or `id.birthdate-invalid`).
        case invalid(FindingCode)

        /// The number, when valid.
        public var id: ResidentID? {
            if case .valid(let id, _) = self { id } else { nil }
        }

        /// Every finding the cell produces, in catalogue order.
        public var findingCodes: [FindingCode] {
            switch self {
            case .valid(_, let notes): notes.findingCodes
            case .invalid(let code): [code]
            }
        }
    }

    /// Findings about a number that is nonetheless valid.
    public struct Notes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8

        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// `id.normalized`: written with full-width characters, a lower-case x, or spaces or
        /// hyphens inside.
        public static let normalized = Notes(rawValue: 1 << 0)
        /// `id.legacy-15`: a 15-digit number, upgraded.
        public static let legacy15 = Notes(rawValue: 1 << 1)
        /// `id.region-unknown`: the first six digits were never a GB/T 2260 code.
        public static let regionUnknown = Notes(rawValue: 1 << 2)

        /// The notes as finding codes, in catalogue order.
        public var findingCodes: [FindingCode] {
            var codes: [FindingCode] = []
            if contains(.regionUnknown) { codes.append(.idRegionUnknown) }
            if contains(.legacy15) { codes.append(.idLegacy15) }
            if contains(.normalized) { codes.append(.idNormalized) }
            return codes
        }
    }

    /// The earliest birth year accepted: any earlier year in a number is a typo (ID cards
    /// were first issued in 1984), while the oldest valid numbers seen in registers are of
    /// people born in the 1880s.
    public static let earliestBirthYear = 1800

    /// Reads the ID number a cell holds.
    ///
    /// Normalises what people and spreadsheets do to a number: full-width digits and X, a
    /// lower-case x, spaces and hyphens inside (each reported as `.normalized`), and
    /// surrounding white space and the leading apostrophe Excel uses to mark text (not
    /// reported: they are how the cell was stored, not part of what was written). A 15-digit
    /// number is upgraded (`19` inserted, check digit computed).
    ///
    /// Recognises Excel's damage, which loses digits for good (Excel keeps 15 significant
    /// digits of a number): scientific notation of a 15-digit or longer number
    /// (`3.71102E+17`), a numeric cell of 16 digits or more, a decimal of 16 digits or more,
    /// and 18 digits ending in `000` whose check digit is wrong.
    ///
    /// - Parameters:
    ///   - cellIsNumeric: the source stored the cell as a number.
    ///   - referenceDay: the election day; a birth date after it is invalid.
    public static func parse(
        _ raw: String, cellIsNumeric: Bool = false, referenceDay: CivilDate? = nil
    ) -> Outcome {
        CellText.withUTF8(raw) { bytes in
            parse(bytes, cellIsNumeric: cellIsNumeric, referenceDay: referenceDay)
        }
    }

    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, cellIsNumeric: Bool, referenceDay: CivilDate?
    ) -> Outcome {
        var scan = Scan()
        var index = 0
        while index < bytes.count {
            let scalar = CellText.scalar(bytes, at: index)
            index += scalar.width
            guard scan.take(scalar) else {
                return .invalid(damagedNumberCode(bytes) ?? .idFormat)
            }
        }
        if scan.count == 0 { return .invalid(.idMissing) }
        if cellIsNumeric, scan.count >= 16, scan.xPosition == nil { return .invalid(.idExcelMangled) }
        if let position = scan.xPosition, position != 17 || scan.count != 18 {
            return .invalid(.idFormat)
        }
        var notes: Notes = scan.changed ? .normalized : []
        let body: UInt64
        switch scan.count {
        case 18:
            let hasX = scan.xPosition != nil
            body = hasX ? scan.digits : scan.digits / 10
            let check = hasX ? 10 : UInt8(scan.digits % 10)
            guard check == checkValues[checkIndex(body)] else {
                return .invalid(scan.trailingZeros >= 3 ? .idExcelMangled : .idChecksum)
            }
        case 15:
            // region(6) YYMMDD(6) sequence(3) → region 19YYMMDD sequence.
            let region = scan.digits / 1_000_000_000
            let rest = scan.digits % 1_000_000_000
            body = region * 100_000_000_000 + 19_000_000_000 + rest
            notes.insert(.legacy15)
        default:
            return .invalid(.idFormat)
        }
        let id = ResidentID(body: body)
        guard birthDateIsValid(body, referenceDay: referenceDay) else {
            return .invalid(.idBirthdateInvalid)
        }
        if !id.region.isKnown {
            notes.insert(.regionUnknown)
        }
        return .valid(id, notes: notes)
    }

    /// Whether digits 7–14 of a body are a real day, not before `earliestBirthYear` and not
    /// after the reference day.
    private static func birthDateIsValid(_ body: UInt64, referenceDay: CivilDate?) -> Bool {
        let date = Int(body / 1_000 % 100_000_000)
        guard let birth = CivilDate(year: date / 10_000, month: date / 100 % 100, day: date % 100),
            birth.year >= earliestBirthYear
        else { return false }
        if let referenceDay, birth > referenceDay { return false }
        return true
    }

    /// The state of reading a cell's characters into an ID.
    private struct Scan {
        /// The digits read so far (up to 18) as a number.
        var digits: UInt64 = 0
        /// Characters kept (digits and X), counted past 18.
        var count = 0
        /// Where an X was read (0-based), when one was.
        var xPosition: Int?
        /// How many characters at the end are `0`.
        var trailingZeros = 0
        /// Whether what was kept differs from what was written (besides the surroundings).
        var changed = false
        /// A space seen after the first kept character, not yet followed by another.
        var pendingSpace = false
        /// Whether the leading apostrophe may still come.
        var atStart = true

        /// Takes one scalar; false when it cannot be part of an ID number.
        mutating func take(_ scalar: CellText.Scalar) -> Bool {
            let value = scalar.value
            if CellWhitespace.isWhitespace(value) {
                pendingSpace = count > 0
                return true
            }
            if atStart, value == 0x27, !scalar.folded {  // Excel's text marker '
                atStart = false
                return true
            }
            atStart = false
            if value == 0x2D {  // - inside or around: not how a number is written
                changed = true
                return true
            }
            if pendingSpace {
                changed = true
                pendingSpace = false
            }
            switch value {
            case 0x30...0x39:
                if count < 18 {
                    digits = digits * 10 + UInt64(value - 0x30)
                }
                trailingZeros = value == 0x30 ? trailingZeros + 1 : 0
            case 0x58, 0x78:  // X x
                if xPosition == nil { xPosition = count }
                changed = changed || value == 0x78
                trailingZeros = 0
            default:
                return false
            }
            changed = changed || scalar.folded
            count += 1
            return true
        }
    }

    /// `id.excel-mangled` when the cell holds a number Excel has cut to 15 significant digits:
    /// scientific notation of a number of 15 digits or more (`3.71102E+17`,
    /// `1.10101199003071E+17`), or a decimal with 16 or more digits before the point.
    private static func damagedNumberCode(_ bytes: UnsafeBufferPointer<UInt8>) -> FindingCode? {
        var index = 0
        var mantissa = (digits: 0, leadingZeros: 0, beforePoint: 0)
        var sawPoint = false
        var exponent: Int?
        var exponentSign = false  // the previous scalar was the E
        while index < bytes.count {
            let scalar = CellText.scalar(bytes, at: index)
            index += scalar.width
            let value = scalar.value
            let afterE = exponentSign
            exponentSign = false
            switch value {
            case _ where CellWhitespace.isWhitespace(value):
                continue
            case 0x30...0x39:
                if let current = exponent {
                    exponent = min(current * 10 + Int(value - 0x30), 1000)
                } else {
                    if value == 0x30, mantissa.digits == mantissa.leadingZeros {
                        mantissa.leadingZeros += 1
                    }
                    mantissa.digits += 1
                    if !sawPoint { mantissa.beforePoint += 1 }
                }
            case 0x2E where !sawPoint && exponent == nil:
                sawPoint = true
            case 0x45, 0x65:  // E e
                guard exponent == nil, mantissa.digits > 0 else { return nil }
                exponent = 0
                exponentSign = true
            case 0x2B where afterE:  // + right after E
                break
            default:
                return nil
            }
        }
        guard mantissa.digits > mantissa.leadingZeros else { return nil }
        // The number of digits before the point of the value the text denotes.
        let integerDigits = mantissa.beforePoint - mantissa.leadingZeros + (exponent ?? 0)
        return integerDigits >= (exponent == nil ? 16 : 15) ? .idExcelMangled : nil
    }
}
