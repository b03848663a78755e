/// Text from data made inert for a terminal: what `explain`, `history` and `inspect` print.
///
/// A cell, a file name or a pipeline name can hold ESC (`\u{1B}]0;…` retitles the window,
/// `\u{1B}[2J` clears it, others re-map keys on some terminals), a carriage return that
/// overwrites what was printed, or a right-to-left override that reverses what follows. Printed
/// raw, the data would drive the officer's terminal; escaped, it is shown as it is.
public enum TerminalText: Sendable {
    /// `text` with every control character, line or paragraph separator and bidirectional
    /// control written as `\u{XX}`, a backslash as `\\` (so an escape read back is
    /// unambiguous), and anything that looks like an ID number masked (`LogRedaction`).
    public static func inert(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in LogRedaction.mask(text).unicodeScalars {
            if scalar == "\\" {
                output.append(contentsOf: "\\\\".unicodeScalars)
            } else if isActive(scalar) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether a terminal would act on `scalar` rather than show it.
    static func isActive(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0 and C1 controls (0x9B is a one-byte CSI)
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        default: false
        }
    }
}
