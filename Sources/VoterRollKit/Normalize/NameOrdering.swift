/// Orders names for the published lists (选民榜): by surname strokes (姓氏笔划), or by pinyin.
///
/// Strokes: the surname under ICU's `zh@collation=stroke` (fewer strokes first, so 丁 < 王 <
/// 欧阳), then the given name under the same collation. Comparing the surname first keeps each
/// surname together (every 欧 before any 欧阳) as a list ordered by 姓氏笔划 does. A name with
/// no surname to split off (买买提·艾力, a Latin name) is ordered by its whole canonical form.
///
/// Pinyin: `PersonName.pinyinKey` (surname readings, so 单 files under shan, not dan; the
/// surname word first, so 欧 before 欧阳), then the stroke order above for names that sound
/// alike.
///
/// Ties left by either order (characters the stroke collation puts level) are broken by code
/// point of the canonical form, so the order never depends on the register's row order for
/// two different names. Both are stable: names equal in every key keep their input order.
///
/// Not thread-safe and not `Sendable`: it owns an ICU collator.
public final class NameOrdering {
    /// Which order a published list uses; pipelines name it (`strokes` is the default).
    public enum Order: String, CaseIterable, Codable, Sendable {
        case strokes
        case pinyin
    }

    public let order: Order
    private let collator: Collator

    /// Opens the stroke collator.
    ///
    /// - Throws: `ICUError` when ICU lacks the `zh@collation=stroke` collation.
    public init(_ order: Order = .strokes) throws {
        self.order = order
        self.collator = try Collator(locale: "zh@collation=stroke")
    }

    /// `elements` in this order, by the name each one carries; ties keep their input order.
    public func sorted<Element>(_ elements: [Element], by name: (Element) -> PersonName) -> [Element] {
        sortedIndices(elements.map(name)).map { elements[$0] }
    }

    /// The indices of `names` in this order; ties keep their input order.
    public func sortedIndices(_ names: [PersonName]) -> [Int] {
        // One ICU sort key per distinct string: surnames repeat a great deal.
        var sortKeys: [String: [UInt8]] = [:]
        func sortKey(_ text: String) -> [UInt8] {
            if let known = sortKeys[text] { return known }
            let key = collator.sortKey(text)
            sortKeys[text] = key
            return key
        }
        let keys = names.enumerated().map { index, name in
            let first = name.surname.isEmpty ? name.canonical : name.surname
            let second = name.surname.isEmpty ? "" : name.givenName
            return Key(
                pinyin: order == .pinyin ? Array(name.pinyinKey.utf8) : [],
                surname: sortKey(first), givenName: sortKey(second), canonical: name.canonical, index: index)
        }
        return keys.sorted().map(\.index)
    }

    /// What one name sorts by; the input index last, which makes the order stable.
    private struct Key: Comparable {
        var pinyin: [UInt8]
        var surname: [UInt8]
        var givenName: [UInt8]
        /// Compared by UTF-8 bytes, which is code point order.
        var canonical: String
        var index: Int

        static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.pinyin != rhs.pinyin { return lhs.pinyin.lexicographicallyPrecedes(rhs.pinyin) }
            if lhs.surname != rhs.surname { return lhs.surname.lexicographicallyPrecedes(rhs.surname) }
            if lhs.givenName != rhs.givenName { return lhs.givenName.lexicographicallyPrecedes(rhs.givenName) }
            if !NameCacheKey.sameBytes(lhs.canonical, rhs.canonical) {
                return lhs.canonical.utf8.lexicographicallyPrecedes(rhs.canonical.utf8)
            }
            return lhs.index < rhs.index
        }
    }
}

@available(*, unavailable, message: "owns an ICU collator; make one per thread")
extension NameOrdering: Sendable {}
