/// A file format the clean roll and the published lists are written in, besides the core
/// CSV outputs, which are always written.
public enum OutputFormat: String, CaseIterable, Sendable, Codable {
    /// `published/<选区>.csv`.
    case csv
    /// `roll.xlsx` and `published/<选区>.xlsx`, for officers who work in Excel or WPS.
    case xlsx
    /// Voter cards (选民证): `cards.csv` and `cards/<选区>.html` (`VoterCards`); needs the store.
    case cards
    /// `annotated/<input>.xlsx`: each register and list file with its findings' cells marked.
    case annotated

    /// Parses `csv,xlsx` (as `--formats` and pipelines write it); nil names the unknown one.
    public static func parseList(_ text: String) -> Result<Set<OutputFormat>, UnknownFormat> {
        var formats: Set<OutputFormat> = []
        for part in text.split(separator: ",") {
            let name = CellWhitespace.trimmed(String(part)).lowercased()
            guard let format = OutputFormat(rawValue: name) else { return .failure(UnknownFormat(name: name)) }
            formats.insert(format)
        }
        return .success(formats)
    }

    /// The formats' names, as a message lists them: `csv, xlsx or cards`.
    public static var known: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// A format name `parseList` does not know.
    public struct UnknownFormat: Error, Sendable {
        public var name: String
    }
}
