/// What a canonical name is made of, for the `name.suspicious` check and its evidence.
///
/// Counted on the canonical form, where full-width letters are already half-width and every
/// middle dot is U+00B7, so the rules below read the same whatever the source typed.
struct NameShape {
    var han = 0
    var latin = 0
    var digits: [Unicode.Scalar] = []
    /// Symbols other than the middle dot and spaces.
    var symbols: [Unicode.Scalar] = []
    /// Latin letters, kept for the evidence when they sit in a Han name.
    var latinLetters: [Unicode.Scalar] = []

    init(_ canonical: String) {
        self.init(scalars: canonical.unicodeScalars)
    }

    init(scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars {
            let value = scalar.value
            if NameCharacters.isHan(value) {
                han += 1
            } else if NameCharacters.isLatinLetter(value) {
                latin += 1
                latinLetters.append(scalar)
            } else if NameCharacters.isDigit(value) {
                digits.append(scalar)
            } else if value != NameCharacters.middleDot && value != 0x20 {
                symbols.append(scalar)
            }
        }
    }

    /// A name written only in Latin letters (a foreign national's, or one copied from a
    /// passport). It is not suspicious for being Latin, and may use `-`, `'` and `.`.
    var isLatinName: Bool { han == 0 && latin > 0 }

    /// Symbols that make the name suspicious: all of them in a Han name; in a Latin name, those
    /// other than the punctuation Latin names use.
    var suspiciousSymbols: [Unicode.Scalar] {
        isLatinName ? symbols.filter { !NameCharacters.isLatinNamePunctuation($0.value) } : symbols
    }

    /// Why the name is suspicious, one reason a line, language-neutral (the finding's message
    /// says what kind of problem it is); empty when it is not.
    var suspicionReasons: [String] {
        var reasons: [String] = []
        if !digits.isEmpty {
            reasons.append(Self.quoted(digits))
        }
        if han > 0 && latin > 0 {
            reasons.append(Self.quoted(latinLetters))
        }
        let symbols = suspiciousSymbols
        if !symbols.isEmpty {
            reasons.append(Self.quoted(symbols))
        }
        if han > NameNormalizer.maximumHanCharacters {
            reasons.append("\(han) > \(NameNormalizer.maximumHanCharacters)")
        }
        if han + latin < NameNormalizer.minimumCharacters {
            reasons.append("\(han + latin) < \(NameNormalizer.minimumCharacters)")
        }
        return reasons
    }

    var isSuspicious: Bool {
        !digits.isEmpty || (han > 0 && latin > 0) || !suspiciousSymbols.isEmpty
            || han > NameNormalizer.maximumHanCharacters || han + latin < NameNormalizer.minimumCharacters
    }

    private static func quoted(_ scalars: [Unicode.Scalar]) -> String {
        var seen = Set<Unicode.Scalar>()
        return scalars.filter { seen.insert($0).inserted }.map { "\"\(Character($0))\"" }.joined(separator: " ")
    }
}
