/// Looks at the first bytes of an XML document before libxml2 parses it.
///
/// libxml2 parses a DOCTYPE's internal subset before it hands out the first node, and fails on
/// entity tricks there with its own words ("Detected an entity reference loop"). Spotting the
/// DOCTYPE first lets the readers refuse it with a message that says what is wrong.
enum XMLProlog {
    /// How many leading bytes are searched: the prolog (declaration, processing instructions,
    /// DOCTYPE) comes before the root element and is short in any real file.
    static let searchLength = 4096

    /// Whether `prefix` declares a DOCTYPE, in UTF-8 or in UTF-16 of either byte order.
    static func declaresDoctype(_ prefix: some Collection<UInt8>) -> Bool {
        let pattern = Array("<!DOCTYPE".utf8)
        var matched = 0
        for byte in prefix.prefix(searchLength) where byte != 0 {
            // UTF-16 puts a zero byte beside each ASCII character: skipping zeros covers both orders.
            if byte == pattern[matched] {
                matched += 1
                if matched == pattern.count { return true }
            } else {
                matched = byte == pattern[0] ? 1 : 0
            }
        }
        return false
    }
}
