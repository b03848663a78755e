internal import CVoterRoll

/// Unicode normalisation through ICU (the same tables Foundation uses, without Foundation).
enum UnicodeNormalizer {
    /// The NFC form of `text`.
    static func nfc(_ text: String) throws(ICUError) -> String {
        let input = Array(text.utf16)
        if input.isEmpty { return text }
        let output = try withUTF16Output(initialCapacity: input.count * 3 + 4, operation: "normalizing to NFC") {
            buffer, capacity, status in
            input.withUnsafeBufferPointer { source in
                CVoterRoll_normalizeNFC(source.baseAddress, Int32(source.count), buffer, capacity, &status)
            }
        }
        return String(decoding: output, as: UTF16.self)
    }
}
