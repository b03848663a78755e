#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A raw name as a dictionary key compared byte for byte.
///
/// Swift's `String` equality is canonical equivalence: `e\u{301}` equals `é`. The name cache
/// must tell them apart, because only the first is changed by NFC and so reports
/// `name.normalized`. Hashing the UTF-8 bytes is also cheaper than hashing through
/// normalisation.
struct NameCacheKey: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: NameCacheKey, rhs: NameCacheKey) -> Bool {
        sameBytes(lhs.text, rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Whether two strings have the same UTF-8 bytes (`memcmp`: the generic `elementsEqual`
    /// took 200 instructions a call here).
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        let count = lhs.utf8.count
        guard count == rhs.utf8.count else { return false }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                guard let left = left.baseAddress, let right = right.baseAddress else { return true }
                return memcmp(left, right, count) == 0
            }
        }
    }
}
