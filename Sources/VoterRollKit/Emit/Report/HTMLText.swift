/// Text made safe for HTML that is also well-formed XML (the report and the published lists
/// parse as XML, which is how the tests check them).
public enum HTMLText: Sendable {
    /// Escapes `& < > "` and drops characters XML 1.0 cannot hold (other C0 controls,
    /// U+FFFE and U+FFFF), scalar by scalar.
    public static func escape(_ text: String) -> String {
        var needsWork = false
        // 0xEF starts U+FFFE and U+FFFF in UTF-8 (and other characters, which the loop keeps).
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte < 0x20 || byte == 0xEF {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case "\r": output += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// An integer with thousands separators (1,234,567), as both languages print counts.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var output = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(character)
        }
        return output
    }
}
