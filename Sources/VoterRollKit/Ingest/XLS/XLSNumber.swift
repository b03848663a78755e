internal import Foundation

/// The numbers of BIFF cells: RK-packed values, how a number is written as cell text, and error
/// codes.
enum XLSNumber {
    /// An RK value ([MS-XLS] 2.5.218): bit 1 says whether the rest is a 30-bit signed integer or
    /// the high 30 bits of a double, bit 0 whether it is to be divided by 100.
    @inline(__always)
    static func rk(_ raw: UInt32) -> Double {
        var value =
            raw & 2 != 0
            ? Double(Int32(bitPattern: raw) >> 2)
            : Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
        if raw & 1 != 0 { value /= 100 }
        return value
    }

    /// The text of a numeric cell.
    ///
    /// An XLSX keeps the text Excel wrote; an `.xls` keeps the double, so the text is made here
    /// as Excel shows it: whole numbers below 10^15 as integers; larger whole numbers in
    /// scientific notation to Excel's 15 significant digits, so an 18-digit ID stored as a number
    /// reads `3.7010219800101E+17`, as in an XLSX, which `ResidentID.parse` reports as
    /// `id.excel-mangled`; a 15-digit (first-generation) ID stays whole; fractions in their
    /// shortest exact form (`1980.5`).
    static func text(_ value: Double) -> String {
        guard value.isFinite, value == value.rounded() else { return value.description }
        if abs(value) < 1e15 { return String(Int64(value)) }
        let written = String(format: "%.14E", value)
        guard let exponent = written.firstIndex(of: "E") else { return written }
        var mantissa = written[..<exponent]
        while mantissa.last == "0" { mantissa.removeLast() }
        if mantissa.last == "." { mantissa.removeLast() }
        return String(mantissa + written[exponent...])
    }

    /// What Excel shows for an error code ([MS-XLS] 2.5.16 BErr).
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: "#ERR"
        }
    }
}
