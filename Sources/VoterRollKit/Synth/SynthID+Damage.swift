/// The ways an ID number reaches a register damaged or oddly typed.
extension SynthID {
    /// The 18-character number as an integer (only for numbers whose check is a digit).
    var value: UInt64? {
        guard let check = check.wholeNumberValue else { return nil }
        return body * 10 + UInt64(check)
    }

    /// The number rounded to Excel's 15 significant digits.
    var excelRounded: UInt64? {
        guard let value else { return nil }
        return (value + 500) / 1_000 * 1_000
    }

    /// What Excel shows in a General cell too narrow for the number (`3.70112E+17`), which is
    /// what a CSV saved from that sheet holds.
    var excelDisplay: String? {
        guard let value else { return nil }
        let mantissa = (value + 500_000_000_000) / 1_000_000_000_000  // 6 significant digits
        let digits = String(mantissa)
        let exponent = 17 + (digits.count - 6)
        let significant = digits.prefix(6)
        var fraction = String(significant.dropFirst())
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return significant.prefix(1) + (fraction.isEmpty ? "" : "." + fraction) + "E+\(exponent)"
    }

    /// How an XLSX or SpreadsheetML file stores the number once Excel has made it a number
    /// (`3.70112199003071E+17`: 15 significant digits).
    var excelStored: String? {
        guard let rounded = excelRounded else { return nil }
        var digits = String(rounded / 1_000)
        let exponent = 17 + (digits.count - 15)
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return digits.prefix(1) + (digits.count > 1 ? "." + digits.dropFirst() : "") + "E+\(exponent)"
    }

    /// The number as Excel writes it to CSV with the format `0`: 15 digits and `000`.
    var excelZeros: String? { excelRounded.map { String($0) } }

    /// Full-width digits and X, as a Chinese input method types them.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0x30...0x39).contains(scalar.value) || scalar == "X" ? Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar : scalar
        }))
    }

    /// Grouped 6-8-4 as on a printed form, with ASCII or ideographic spaces.
    static func spaced(_ text: String, ideographic: Bool) -> String {
        let characters = Array(text)
        let space = ideographic ? "\u{3000}" : " "
        return String(characters[0..<6]) + space + String(characters[6..<14]) + space + String(characters[14...])
    }

    /// The number with a wrong check character (neither the right one nor `0`, which could make
    /// it look like Excel's `000` damage).
    func wrongCheck(_ random: inout SynthRandom) -> String {
        let choices = Self.checkCharacters.filter { $0 != check && $0 != "0" }
        return bodyText + String(random.pick(choices))
    }

    /// The number with one digit of the sequence mistyped and the old check character kept.
    func mistypedSequence(_ random: inout SynthRandom) -> String {
        var characters = Array(canonical)
        let position = random.int(in: 14...16)
        let old = characters[position].wholeNumberValue ?? 0
        let new = (old + random.int(in: 1...9)) % 10
        characters[position] = Character(Unicode.Scalar(UInt8(48 + new)))
        return String(characters)
    }

    /// A number with a valid check character whose birth date does not exist or is after
    /// election day.
    func impossibleDate(electionDay: CivilDate, _ random: inout SynthRandom) -> String {
        let year = dateDigits / 10_000
        let date: Int
        switch random.below(5) {
        case 0: date = year * 10_000 + 230  // 30 February
        case 1: date = year * 10_000 + 431  // 31 April
        case 2: date = year * 10_000 + 1300 + random.int(in: 1...28)  // month 13
        case 3: date = year * 10_000 + random.int(in: 1...12) * 100  // day 00
        default:
            // Born after election day: a year typed wrong.
            date = (electionDay.year + random.int(in: 1...9)) * 10_000 + dateDigits % 10_000
        }
        let broken = SynthID(body: UInt64(region) * 100_000_000_000 + UInt64(date) * 1_000 + UInt64(sequence))
        return broken.canonical
    }

    /// A number of the wrong length or with a letter inside: a digit dropped or doubled, the
    /// letter O for a zero, or cut to 16 digits.
    func malformed(_ random: inout SynthRandom) -> String {
        var characters = Array(canonical)
        switch random.below(4) {
        case 0:
            characters.remove(at: random.int(in: 6...15))
        case 1:
            let position = random.int(in: 6...15)
            characters.insert(characters[position], at: position)
        case 2:
            let zero = characters.indices.dropFirst().first { characters[$0] == "0" && $0 < 17 } ?? 2
            characters[zero] = "O"
        default:
            characters = Array(characters.prefix(16))
        }
        return String(characters)
    }
}
