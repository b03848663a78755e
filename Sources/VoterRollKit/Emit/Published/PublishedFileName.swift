import Foundation

/// The file name a constituency's published list gets: text from the register made safe to
/// name a file on Linux, Windows and a USB stick.
///
/// A 选区 cell is data: it may hold 70 flag emoji (280 bytes, over Linux's 255 per name, which
/// failed the whole run), a right-to-left override that shows `lmth.exe` as `exe.html`, a
/// zero-width space that makes two lists look like one, or `CON`, which Windows cannot open.
enum PublishedFileName {
    /// Bytes of UTF-8 a base name may take, its `-2` collision number included. Linux allows
    /// 255 per name; the rest is room for the extension (`.xlsx`) and the temporary name a file
    /// is written under (`.voterroll.tmp-<pid>-` and the name).
    static let maximumBytes = 200

    /// Names Windows reserves for devices, with or without an extension (`nul.csv` too).
    static let windowsDevices = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// The base name (no extension) for `constituency`; `number` (2, 3, …) tells apart two
    /// constituencies whose names come out the same.
    ///
    /// Path separators and characters Windows forbids become `_`, as do leading dots; control
    /// and format characters (bidirectional overrides, zero-width characters, byte-order
    /// marks) are dropped; trailing dots and spaces too (Windows drops them itself, so two
    /// names would meet). A reserved device name gets a `_` in front. Cut by bytes on a whole
    /// character (a flag is not split); empty becomes 未分选区.
    static func base(_ constituency: String, number: Int? = nil) -> String {
        var name = String.UnicodeScalarView()
        for scalar in constituency.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                continue
            default:
                name.append("/\\:*?\"<>|".unicodeScalars.contains(scalar) ? "_" : scalar)
            }
        }
        var text = String(name)
        let dots = text.prefix { $0 == "." }.count
        if dots > 0 { text = String(repeating: "_", count: dots) + text.dropFirst(dots) }
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        if text.isEmpty { text = "未分选区" }
        let stem = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
        if windowsDevices.contains(stem.trimmingTrailingSpaces.uppercased()) { text = "_" + text }
        let tail = number.map { "-\($0)" } ?? ""
        var bytes = 0
        var cut = text.startIndex
        for index in text.indices {
            let next = text[index].utf8.count
            guard bytes + next + tail.utf8.count <= maximumBytes else { break }
            bytes += next
            cut = text.index(after: index)
        }
        return String(text[..<cut]) + tail
    }
}

extension PublishedFileName {
    /// A base name for each of `names`, in order, no two the same when case is ignored (as on
    /// Windows and a USB stick): a clash gets the next number (`-2`, `-3`…).
    static func uniqueBases(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var base = PublishedFileName.base(name)
            var number = 2
            while !used.insert(base.lowercased()).inserted {
                base = PublishedFileName.base(name, number: number)
                number += 1
            }
            return base
        }
    }

    /// Creates a folder of the staged outputs (`published/`, `letters/`…) with `mode` less the umask.
    static func makeFolder(_ path: String, mode: mode_t) throws(OutputError) {
        guard mkdir(path, mode) == 0 else {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
