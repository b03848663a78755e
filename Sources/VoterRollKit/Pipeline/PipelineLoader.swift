import Foundation
import Yams

/// Reads and validates a pipeline file.
///
/// Works on Yams' node tree rather than a `Decodable` so that every error can name the key
/// and its line: unknown keys (often a typo that would otherwise be silently ignored), wrong
/// types, unknown values and missing files are all errors before anything runs.
public enum PipelineLoader: Sendable {
    /// The largest pipeline file read: a real one is a few hundred bytes, and a YAML parser
    /// handed gigabytes (or `/dev/zero`) would take the machine's memory first.
    public static let maximumSize = 1 << 20

    /// Loads the pipeline file at `path`.
    public static func load(path: String) throws(PipelineError) -> Pipeline {
        let file: ByteFile
        let bytes: [UInt8]
        do throws(IngestError) {
            // ByteFile reads only a regular file: a FIFO would wait forever, a device never end.
            file = try ByteFile(path: path, file: path)
            bytes = try file.bytes(upTo: maximumSize + 1)
        } catch {
            throw PipelineError(file: path, line: nil, message: "cannot read the pipeline file (\(error.message))")
        }
        guard file.size <= maximumSize, bytes.count <= maximumSize else {
            throw PipelineError(
                file: path, line: nil,
                message: "the pipeline file is over the limit of 1 MiB (\(max(file.size, bytes.count)) bytes); a pipeline file names the data files, it does not hold data")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try parse(text, file: path, baseDirectory: base.path)
    }

    /// Parses pipeline text; relative paths are resolved against `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws(PipelineError) -> Pipeline {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineError(file: file, line: nil, message: "the pipeline file is empty; it needs at least version, election_day, roll and outputs")
            }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(file: file, line: nil, message: "not valid YAML: " + oneLine(String(describing: error)))
        }
        var reader = Reader(file: file, base: baseDirectory)
        return try reader.pipeline(root)
    }

    /// A parser's message as one line of at most 200 characters: Yams quotes the offending
    /// text with a caret under it, which may be long, many lines, or a whole register pasted in.
    static func oneLine(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).map { CellWhitespace.trimmed(String($0)) }.first { !$0.isEmpty } ?? ""
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    /// Walks the node tree with the file's name and base folder at hand for messages and paths.
    private struct Reader {
        let file: String
        let base: String

        func fail(_ node: Node?, _ message: String) -> PipelineError {
            PipelineError(file: file, line: node?.mark?.line, message: message)
        }

        /// A mapping's entries by key, refusing keys not in `allowed`.
        func mapping(_ node: Node, _ what: String, allowed: [String]) throws(PipelineError) -> [String: (key: Node, value: Node)] {
            guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping of keys to values") }
            var result: [String: (key: Node, value: Node)] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw fail(key, "\(what) has a key that is not text") }
                guard allowed.contains(name) else {
                    throw fail(key, "unknown key '\(name)' in \(what); allowed keys: \(allowed.joined(separator: ", "))")
                }
                result[name] = (key, value)
            }
            return result
        }

        func string(_ node: Node, _ key: String) throws(PipelineError) -> String {
            guard let scalar = node.scalar, node.mapping == nil else { throw fail(node, "'\(key)' must be a single value") }
            return scalar.string
        }

        func choice<T>(_ node: Node, _ key: String, _ parse: (String) -> T?, _ allowed: String) throws(PipelineError) -> T {
            let text = try string(node, key)
            guard let value = parse(text) else { throw fail(node, "'\(key)' is '\(text)'; use \(allowed)") }
            return value
        }

        /// A path relative to the pipeline file, which must exist.
        func existingPath(_ node: Node, _ key: String) throws(PipelineError) -> String {
            let text = try string(node, key)
            let path = resolve(text)
            guard FileManager.default.fileExists(atPath: path) else {
                throw fail(node, "'\(key)': no file at \(text) (looked at \(path))")
            }
            return path
        }

        func resolve(_ text: String) -> String {
            if text.hasPrefix("/") { return text }
            return URL(fileURLWithPath: base).appendingPathComponent(text).standardizedFileURL.path
        }

        /// A source: a path, or a mapping with path, sheet and encoding.
        func source(_ node: Node, _ key: String) throws(PipelineError) -> InputSource {
            if node.scalar != nil { return InputSource(path: try existingPath(node, key)) }
            let fields = try mapping(node, "'\(key)'", allowed: ["path", "sheet", "encoding"])
            guard let path = fields["path"] else { throw fail(node, "'\(key)' needs a 'path'") }
            var source = InputSource(path: try existingPath(path.value, "path"))
            if let sheet = fields["sheet"] { source.sheet = try string(sheet.value, "sheet") }
            if let encoding = fields["encoding"] {
                source.encoding = try choice(encoding.value, "encoding", { name in TextEncoding(name: name) == nil ? nil : name }, TextEncoding.acceptedNames)
            }
            return source
        }

        /// `constituencies:`, each constituency's seats (代表名额): `第一选区: 2`. A count that is
        /// no whole number is an error here; one outside 1–3 is `constituency.seats-invalid`,
        /// reported by the run at its line.
        func constituencies(_ node: Node) throws(PipelineError) -> [ConstituencySeats] {
            guard let mapping = node.mapping else { throw fail(node, "'constituencies' must map each constituency (选区) to its seats, e.g. 第一选区: 2") }
            var table: [ConstituencySeats] = []
            for (key, value) in mapping {
                let name = CellWhitespace.trimmed(try string(key, "constituencies"))
                guard !name.isEmpty else { throw fail(key, "'constituencies' has an empty constituency name") }
                let seats = try choice(value, name, { Int($0) }, "a whole number of seats (代表名额), 1 to 3")
                table.append(ConstituencySeats(constituency: name, seats: seats, source: CellAddress(file: file, row: (key.mark?.line ?? 0))))
            }
            return table
        }

        /// A share written `30%` or `0.3`, in basis points (3000); nil outside (0, 100%].
        static func basisPoints(_ text: String) -> Int? {
            let trimmed = CellWhitespace.trimmed(text)
            let isPercent = trimmed.hasSuffix("%")
            guard let number = Double(isPercent ? String(trimmed.dropLast()) : trimmed), number.isFinite else { return nil }
            let points = Int((number * (isPercent ? 100 : 10_000)).rounded())
            return points > 0 && points <= 10_000 ? points : nil
        }

        mutating func pipeline(_ root: Node) throws(PipelineError) -> Pipeline {
            let top = try mapping(
                root, "the pipeline",
                allowed: [
                    "version", "name", "election_day", "roll", "lists", "previous", "previous_election_day",
                    "hashed_key_file", "columns", "options", "outputs", "fail_on", "store", "township", "posting_day", "as_of",
                    "constituencies", "committee",
                ])
            guard let version = top["version"] else { throw fail(root, "missing 'version: 1' (the pipeline file format)") }
            guard try string(version.value, "version") == String(Pipeline.supportedVersion) else {
                throw fail(version.value, "version \(version.value.scalar?.string ?? "?") is not supported; this build reads version \(Pipeline.supportedVersion)")
            }
            guard let day = top["election_day"] else { throw fail(root, "missing 'election_day' (YYYY-MM-DD)") }
            let electionDay = try choice(day.value, "election_day", CivilDate.init, "a date written YYYY-MM-DD")
            var options = CheckOptions(electionDay: electionDay)
            guard let roll = top["roll"] else { throw fail(root, "missing 'roll': the register file(s)") }
            var rolls: [InputSource] = []
            if let sequence = roll.value.sequence {
                for item in sequence { rolls.append(try source(item, "roll")) }
            } else {
                rolls.append(try source(roll.value, "roll"))
            }
            guard !rolls.isEmpty else { throw fail(roll.value, "'roll' names no file") }
            var lists: [ListKind: InputSource] = [:]
            if let listNode = top["lists"] {
                let entries = try mapping(listNode.value, "'lists'", allowed: ListKind.allCases.map(\.rawValue))
                for kind in ListKind.allCases {
                    if let entry = entries[kind.rawValue] { lists[kind] = try source(entry.value, kind.rawValue) }
                }
            }
            if let previous = top["previous"] {
                options.previous = try existingPath(previous.value, "previous")
            }
            if let previousDay = top["previous_election_day"] {
                options.previousElectionDay = try choice(previousDay.value, "previous_election_day", CivilDate.init, "a date written YYYY-MM-DD")
            }
            if let posting = top["posting_day"] {
                options.postingDay = try choice(posting.value, "posting_day", CivilDate.init, "a date written YYYY-MM-DD (选民名单公布日)")
            }
            if let committee = top["committee"] {
                let name = CellWhitespace.trimmed(try string(committee.value, "committee"))
                guard !name.isEmpty else { throw fail(committee.value, "'committee' needs the committee's name, e.g. 城关镇选举委员会") }
                options.committee = name
            }
            if let asOf = top["as_of"] {
                options.asOf = try choice(asOf.value, "as_of", CivilDate.init, "a date written YYYY-MM-DD")
            }
            if let keyFile = top["hashed_key_file"] {
                options.hashedKeyFile = try existingPath(keyFile.value, "hashed_key_file")
            }
            if let columns = top["columns"] {
                let entries = try mapping(columns.value, "'columns'", allowed: CanonicalField.allCases.map(\.rawValue))
                for (field, entry) in entries {
                    if let sequence = entry.value.sequence {
                        var aliases: [String] = []
                        for alias in sequence { aliases.append(try string(alias, field)) }
                        options.extraAliases[field] = aliases
                    } else {
                        options.extraAliases[field] = [try string(entry.value, field)]
                    }
                }
            }
            if let optionNode = top["options"] {
                let entries = try mapping(
                    optionNode.value, "'options'",
                    allowed: ["duplicate_policy", "leap_day", "published_order", "lang", "proxy_share_warning", "balance_share"])
                if let policy = entries["duplicate_policy"] {
                    _ = try choice(policy.value, "duplicate_policy", { $0 == "keep_first" ? $0 : nil }, "keep_first (the first occurrence in file order stays)")
                }
                if let leap = entries["leap_day"] {
                    options.leapDayRule = try choice(leap.value, "leap_day", LeapDayRule.init(rawValue:), "feb28 or mar1")
                }
                if let order = entries["published_order"] {
                    options.publishedOrder = try choice(order.value, "published_order", NameOrdering.Order.init(rawValue:), "strokes or pinyin")
                }
                if let share = entries["proxy_share_warning"] {
                    options.proxyShareWarning = try choice(
                        share.value, "proxy_share_warning", { Double($0).flatMap { $0 > 0 && $0 <= 1 ? $0 : nil } },
                        "a share between 0 and 1, e.g. 0.30")
                }
                if let lang = entries["lang"] {
                    options.language = try choice(lang.value, "lang", Language.init(rawValue:), "zh or en")
                }
                if let share = entries["balance_share"] {
                    options.balanceShareBasisPoints = try choice(share.value, "balance_share", Self.basisPoints, "a share such as 30% or 0.3 (more than 0, at most 100%)")
                }
            }
            guard let outputs = top["outputs"] else { throw fail(root, "missing 'outputs' (at least 'dir')") }
            let outputFields = try mapping(outputs.value, "'outputs'", allowed: ["dir", "encoding", "formats"])
            guard let dir = outputFields["dir"] else { throw fail(outputs.value, "'outputs' needs a 'dir'") }
            let outputDirectory = resolve(try string(dir.value, "dir"))
            if let encoding = outputFields["encoding"] {
                options.outputEncoding = try choice(encoding.value, "encoding", OutputEncoding.init(rawValue:), "utf-8-bom or gb18030")
            }
            if let formatNode = outputFields["formats"] {
                guard let sequence = formatNode.value.sequence else { throw fail(formatNode.value, "'formats' must be a list, e.g. [csv, xlsx]") }
                options.formats = []
                for format in sequence {
                    options.formats.insert(try choice(format, "formats", OutputFormat.init(rawValue:), OutputFormat.known))
                }
            }
            if let failOn = top["fail_on"] {
                options.failOn = try choice(failOn.value, "fail_on", { $0 == "never" ? .some(nil) : Severity(rawValue: $0).map { .some($0) } }, "error, warning or never")
            }
            var store: String?
            if let storeNode = top["store"] {
                let location = try string(storeNode.value, "store")
                // A postgres:// URL is a server, not a path beside the pipeline file.
                store = location.contains("://") ? location : resolve(location)
            }
            if let townshipNode = top["township"] {
                let township = CellWhitespace.trimmed(try string(townshipNode.value, "township"))
                guard !township.isEmpty else { throw fail(townshipNode.value, "'township' needs a name, e.g. 城关镇") }
                options.township = township
            }
            if let table = top["constituencies"] {
                options.constituencySeats = try constituencies(table.value)
            }
            let name = try top["name"].map { (entry) throws(PipelineError) in try string(entry.value, "name") } ?? file
            return Pipeline(
                name: name, inputs: CheckInputs(rolls: rolls, lists: lists), options: options,
                outputDirectory: outputDirectory, store: store, file: file)
        }
    }
}
