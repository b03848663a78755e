/// Texts numbered in the order they first appear, looked up by their bytes: hashing a Chinese
/// `String` normalises it first, on every look-up. The last text is remembered, since rows come
/// constituency by constituency and most are the previous row's.
struct TextInterner {
    private(set) var texts: [String] = []
    private var positions: [NameCacheKey: Int] = [:]
    private var last = -1

    /// The text's number (its position in `texts`), given a new one if it is new.
    mutating func number(_ text: String) -> Int {
        if last >= 0, NameCacheKey.sameBytes(texts[last], text) { return last }
        let key = NameCacheKey(text)
        if let known = positions[key] {
            last = known
            return known
        }
        last = texts.count
        positions[key] = last
        texts.append(text)
        return last
    }

    subscript(_ number: Int) -> String { texts[number] }
}
