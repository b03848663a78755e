internal import CVoterRoll

/// An ICU collator, e.g. `zh@collation=stroke` for ordering names by surname strokes.
///
/// Owns one ICU handle, closed in `deinit`. Sort keys let a caller sort many names with one
/// ICU call each instead of one per comparison.
final class Collator {
    private let handle: OpaquePointer
    let locale: String

    init(locale: String) throws(ICUError) {
        var status: Int32 = 0
        let opened = CVoterRoll_collatorOpen(locale, &status)
        try ICUError.check(status, "opening collator \(locale)")
        guard let opened else { throw ICUError(status: 5, operation: "opening collator \(locale)") }
        self.handle = opened
        self.locale = locale
    }

    deinit {
        CVoterRoll_collatorClose(handle)
    }

    /// Compares two strings in this collation's order.
    func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.utf16)
        let right = Array(rhs.utf16)
        return left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                Int(CVoterRoll_collatorCompare(handle, l.baseAddress, Int32(l.count), r.baseAddress, Int32(r.count)))
            }
        }
    }

    /// A byte string whose lexicographic order is this collation's order.
    func sortKey(_ text: String) -> [UInt8] {
        let units = Array(text.utf16)
        var capacity = units.count * 4 + 16
        while true {
            var key = [UInt8](repeating: 0, count: capacity)
            let length = units.withUnsafeBufferPointer { source in
                key.withUnsafeMutableBufferPointer { target in
                    Int(CVoterRoll_collatorSortKey(handle, source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity)))
                }
            }
            if length <= capacity {
                // Drop the terminating NUL that ICU writes.
                return Array(key.prefix(max(length - 1, 0)))
            }
            capacity = length
        }
    }
}
