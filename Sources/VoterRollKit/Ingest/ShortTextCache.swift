/// The `String`s of short cells, remembered by their bytes, so that a cell a register repeats
/// (第一选区, 男, 汉族, a date) is not validated and made again on every row.
///
/// Making a cell's `String` was the largest cost of reading CSV after decoding: each is checked
/// as UTF-8 and copied. A cell of up to 15 bytes that starts with Chinese text is kept in one of
/// 4,096 slots chosen by a hash of its bytes; a hit compares two words and hands back the same
/// (small, inline) string. ASCII cells (serial numbers, dates) are mostly unique and cheap to
/// make, so they are not kept.
///
/// A class owning its slots, not an array in a struct: every lookup of an array held in a
/// struct checks that the array is not shared before writing, a call into the runtime per cell.
final class ShortTextCache {
    private struct Entry {
        var low: UInt64
        var high: UInt64
        var text: String
    }

    private static let slots = 4096
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: ShortTextCache.slots)
        entries.initialize(repeating: Entry(low: 0, high: 0, text: ""), count: ShortTextCache.slots)
    }

    deinit {
        entries.deinitialize(count: ShortTextCache.slots)
        entries.deallocate()
    }

    /// The text of the `length` bytes at `start`; `available` bytes may be read from `start`.
    @inline(__always)
    func text(_ start: UnsafePointer<UInt8>, length: Int, available: Int) -> String {
        guard length <= 15, available >= 16, start[0] >= 0x80 else {
            return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        }
        let raw = UnsafeRawPointer(start)
        var low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length < 8 {
            low &= (1 &<< UInt64(8 * length)) &- 1
            high = 0
        } else {
            high &= (1 &<< UInt64(8 * (length - 8))) &- 1
        }
        // The length in the top byte, which no byte of a text of 15 bytes reaches.
        high |= UInt64(length) &<< 56
        let slot = Int(truncatingIfNeeded: (low &* 0x9E37_79B9_7F4A_7C15 ^ high &* 0xC2B2_AE3D_27D4_EB4F) &>> 52)
        if entries[slot].low == low, entries[slot].high == high { return entries[slot].text }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        entries[slot] = Entry(low: low, high: high, text: text)
        return text
    }
}
