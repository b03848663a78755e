internal import Foundation
internal import ZIPFoundation

/// The ZIP archive of an XLSX workbook, opened for reading its parts as XML, within limits.
///
/// Nothing is ever extracted to disk: every part is streamed (`XLSXEntryStream`), and only the
/// parts the workbook's relationships name are read, so an entry named `../evil` is never
/// touched. A hostile archive meets these limits, each a clear `.tooLarge` error rather than a
/// full disk, a full memory or an endless loop:
///
/// - the sizes all entries declare may not add up to more than `maxTotalSize`;
/// - an entry over `ratioFloor` bytes may not inflate more than `maxRatio` times its compressed
///   size (a ZIP bomb inflates ~1000:1; real sheet XML 10–30:1);
/// - an entry that produces more bytes than it declared is stopped there, so the declared sizes
///   the first two checks trust cannot be a lie.
final class XLSXPackage {
    struct Limits: Sendable {
        /// What all entries together may declare: 2 GiB, some 5 million register rows.
        var maxTotalSize: UInt64 = 2 << 30
        /// How many times its compressed size an entry may inflate to…
        var maxRatio: UInt64 = 100
        /// …once it is larger than this (small parts of repeated markup compress far better).
        var ratioFloor: UInt64 = 1 << 20
        /// Entries in the archive (a workbook has a dozen; images and charts add some).
        var maxEntries = 100_000
        /// How long a parser waits for the next bytes of a part before calling it hung.
        var stallTimeout: Double = 30

        static let `default` = Limits()
    }

    let file: String
    let limits: Limits
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    /// Part names in lower case → as stored: OPC part names are case-insensitive.
    private var caseFolded: [String: String] = [:]
    private var activeStream: XLSXEntryStream?

    init(path: String, file: String, limits: Limits = .default) throws(IngestError) {
        self.file = file
        self.limits = limits
        try XLSXPackage.checkSignature(path: path, file: file)
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXPackage.truncated(file: file)
        }
        var total: UInt64 = 0
        var count = 0
        for entry in archive where entry.type == .file {
            count += 1
            guard count <= limits.maxEntries else {
                throw IngestError(
                    .tooLarge, file: file,
                    message: "the archive holds more than \(limits.maxEntries) entries, which no workbook does; refusing to read it")
            }
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = overflow ? .max : sum
            guard total <= limits.maxTotalSize else {
                throw IngestError(
                    .tooLarge, file: file,
                    message: "the workbook would inflate to more than \(XLSXPackage.describe(limits.maxTotalSize)) (a ZIP bomb?); refusing to read it")
            }
            let name = XLSXPackage.normalize(entry.path)
            if entries[name] == nil {
                entries[name] = entry
                caseFolded[name.lowercased()] = caseFolded[name.lowercased()] ?? name
            }
        }
    }

    deinit {
        activeStream?.cancel()
    }

    /// Whether the archive holds a part (names as in relationships, without a leading slash).
    func contains(_ part: String) -> Bool {
        entry(part) != nil
    }

    /// Opens a part for reading as XML, node by node.
    func open(_ part: String) throws(IngestError) -> XLSXPart {
        let source = try bytes(part)
        do {
            return try XLSXPart(bytes: source, file: file)
        } catch {
            throw XLSXPackage.damaged(part: part, file: file, detail: "it cannot be read as XML")
        }
    }

    /// The bytes of a part, streamed by a thread that inflates them.
    func bytes(_ part: String) throws(IngestError) -> XLSXEntryStream {
        guard let entry = entry(part) else {
            throw IngestError(.malformed, file: file, message: "the workbook part \(part) is missing; re-save the file from Excel or WPS")
        }
        let declared = entry.uncompressedSize
        if declared > limits.ratioFloor, declared / limits.maxRatio > entry.compressedSize {
            throw IngestError(
                .tooLarge, file: file,
                message: "\(part) inflates more than \(limits.maxRatio) times (\(XLSXPackage.describe(entry.compressedSize)) to \(XLSXPackage.describe(declared))), as ZIP bombs do; refusing to read it")
        }
        // ZIPFoundation reads through one FILE *: let a previous stream finish with it first.
        if let previous = activeStream {
            previous.cancel()
            guard previous.waitUntilFinished() else {
                throw XLSXPackage.damaged(part: previous.part, file: file, detail: "its compressed data never ends")
            }
            activeStream = nil
        }
        let stream = XLSXEntryStream(archive: archive, entry: entry, part: part, file: file, stallTimeout: limits.stallTimeout)
        activeStream = stream
        return stream
    }

    private func entry(_ part: String) -> Entry? {
        if let entry = entries[part] { return entry }
        return caseFolded[part.lowercased()].flatMap { entries[$0] }
    }

    // MARK: Part names

    /// The part a relationship target names, seen from the part holding the relationship;
    /// nil when it climbs out of the package.
    static func resolve(_ target: String, from source: String) -> String? {
        var target = target.replacingOccurrences(of: "\\", with: "/")
        if target.contains("%"), let decoded = target.removingPercentEncoding { target = decoded }
        var components: [Substring]
        if target.hasPrefix("/") {
            components = []
        } else {
            components = source.split(separator: "/", omittingEmptySubsequences: true)
            components.removeLast(min(1, components.count))  // the source part's own name
        }
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }

    /// A stored entry name as a part name: forward slashes, no leading slash.
    private static func normalize(_ path: String) -> String {
        var name = path.replacingOccurrences(of: "\\", with: "/")
        while name.hasPrefix("/") { name.removeFirst() }
        return name
    }

    // MARK: Signatures

    /// Tells an encrypted workbook, an old .xls, a truncated ZIP and anything else apart before
    /// ZIPFoundation sees the file.
    private static func checkSignature(path: String, file: String) throws(IngestError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(.unreadable, file: file, message: "the file does not exist or cannot be read")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.isEmpty {
            throw IngestError(.malformed, file: file, message: "the file is empty")
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw IngestError(
                .malformed, file: file,
                message: "this is an encrypted workbook or an old .xls file; open it in Excel or WPS and save it as .xlsx without a password")
        }
        guard head.starts(with: [0x50, 0x4B]) else {
            throw IngestError(.malformed, file: file, message: "not an XLSX workbook: the file is not a ZIP archive")
        }
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes; a ZIP cut short
        // has lost it.
        let length = (try? handle.seekToEnd()) ?? 0
        let tail = min(length, 65_557)
        try? handle.seek(toOffset: length - tail)
        let bytes = [UInt8]((try? handle.read(upToCount: Int(tail))) ?? Data())
        let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        var found = false
        if bytes.count >= 22 {
            for start in stride(from: bytes.count - 22, through: 0, by: -1) where bytes[start] == 0x50 {
                if Array(bytes[start..<start + 4]) == signature {
                    found = true
                    break
                }
            }
        }
        guard found else { throw truncated(file: file) }
    }

    // MARK: Errors

    static func truncated(file: String) -> IngestError {
        IngestError(
            .malformed, file: file,
            message: "the ZIP archive is truncated or damaged (its table of contents is missing); copy the file again or re-save it from Excel or WPS")
    }

    static func damaged(part: String, file: String, detail: String) -> IngestError {
        IngestError(.malformed, file: file, message: "\(part) is damaged: \(detail); re-save the file from Excel or WPS")
    }

    static func overDeclared(part: String, declared: UInt64, file: String) -> IngestError {
        IngestError(
            .tooLarge, file: file,
            message: "\(part) inflates to more than the \(describe(declared)) it declares, as ZIP bombs do; refusing to read it")
    }

    static func describe(_ bytes: UInt64) -> String {
        if bytes >= 1 << 30 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
