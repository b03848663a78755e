import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll inspect FILE`: how VoterRoll reads a file, before a run depends on it.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how a spreadsheet is read: format, encoding, sheets, header row, column mapping, row counts and the first rows.",
            discussion: "Exit status: 0 the file was read; 2 bad usage; 3 the file could not be read at all."
        )

        @Argument(help: "The spreadsheet: CSV/TSV, Excel 2003 XML or XLSX (told apart by content).")
        var file: String

        @Flag(help: "Print JSON: {\"format\",\"encoding\",\"sheets\":[{\"name\",\"header_row\",\"columns\":{canonical: header},\"rows\"}]}.")
        var json = false

        @Option(help: "Read a CSV/TSV file in this encoding instead of detecting it: \(TextEncoding.acceptedNames).")
        var encoding: String?

        @Option(help: "Read only this worksheet of a workbook.")
        var sheet: String?

        @Option(help: "What the file is to a run, for its headers' context and the columns it needs: register (the default), or a list: \(ListKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String = "register"

        func validate() throws {
            if let encoding, TextEncoding(name: encoding) == nil {
                throw ValidationError("unknown encoding '\(encoding)'; use one of \(TextEncoding.acceptedNames)")
            }
            if HeaderRole(name: role) == nil {
                throw ValidationError("unknown role '\(role)'; use register or one of \(ListKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let inspection: FileInspection
            do {
                let role = HeaderRole(name: role) ?? .register
                inspection = try FileInspection.inspect(
                    path: file, encoding: encoding.flatMap(TextEncoding.init(name:)), sheet: sheet, role: role, needed: .of(role))
            } catch {
                StandardError.fail("\(error.description)")
                throw ExitCode(3)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data = try encoder.encode(inspection)
                print(String(decoding: data, as: UTF8.self))
            } else {
                // Headers and values come from the file: control characters are shown escaped.
                let lines = Self.describe(inspection).split(separator: "\n", omittingEmptySubsequences: false)
                print(lines.map { TerminalText.inert(String($0)) }.joined(separator: "\n"), terminator: "")
            }
        }

        /// The inspection as text for a person.
        static func describe(_ inspection: FileInspection) -> String {
            var out = "\(inspection.file)\n"
            var format = inspection.format.displayName
            if let delimiter = inspection.delimiter {
                format += ", " + delimiterName(delimiter) + (inspection.hasSeparatorLine ? " (from its sep= line)" : "")
            }
            out += "  format:    \(format)\n"
            if let encoding = inspection.encoding {
                out += "  encoding:  \(encoding.rawValue) (\(inspection.encodingSource?.rawValue ?? "detected"))\n"
            }
            out += "  rows:      \(summary(inspection.counts))\n"
            for sheet in inspection.sheets {
                out += "\n" + (sheet.name.map { "sheet \($0)" } ?? "table") + "\n"
                guard let mapping = sheet.mapping else {
                    if sheet.counts.rowsRead == 0 {
                        out += "  (empty)\n"
                        continue
                    }
                    out += "  no header in the first 20 rows: not read (\(sheet.counts.rowsRead) rows); it starts:\n"
                    for (row, cells) in zip(sheet.leadingRows, sheet.sampleTexts) {
                        out += "    \(row.number): " + cells.joined(separator: " | ") + "\n"
                    }
                    continue
                }
                out += "  header:    row \(mapping.headerRow)\n"
                out += "  columns:\n"
                let headerWidth = mapping.columns.map { displayWidth($0.header) }.max() ?? 0
                for column in mapping.columns {
                    let letters = CellAddress.letters(forColumn: column.column)
                    let padded = column.header + String(repeating: " ", count: max(0, headerWidth - displayWidth(column.header)))
                    let target = column.field.map { "→ \($0.rawValue)  (\(howName(column.how)))" } ?? (mapping.isAmbiguous(column: column.column) ? "(ambiguous: see below)" : "(not used: input.column-ignored)")
                    out += "    \(letters.padding(toLength: 3, withPad: " ", startingAt: 0))\(padded)  \(target)\n"
                }
                for ambiguity in mapping.ambiguities {
                    out += "  ambiguous: " + ambiguity.describe(.en) + "\n"
                }
                let missing = sheet.missingNeeded
                if !missing.isEmpty {
                    out += "  missing for a \(inspection.role == .register ? "voter roll" : "\(inspection.role) list"): " + missing.map { $0.map(\.rawValue).joined(separator: " or ") }.joined(separator: ", ")
                        + " (a run refuses the file; map a column with columns: {\(missing[0][0].rawValue): [\"…\"]} in the pipeline)\n"
                }
                out += "  rows:      \(summary(sheet.counts))\n"
                if !sheet.firstRows.isEmpty {
                    out += "  first rows:\n"
                    for (row, cells) in zip(sheet.firstRows, sheet.sampleTexts) {
                        out += "    \(row.row.number): " + cells.joined(separator: " | ") + "\n"
                    }
                }
            }
            if !inspection.findings.isEmpty {
                out += "\nfindings while reading:\n"
                for (code, count) in inspection.findings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    out += "  \(code.rawValue): \(count) (\(code.message(.en)))\n"
                }
            }
            return out
        }

        private static func howName(_ how: HeaderMatch.How?) -> String {
            switch how {
            case .exactAlias?: "exact alias"
            case .pipelineAlias?: "pipeline alias"
            case .words?: "words"
            case nil: ""
            }
        }

        private static func summary(_ counts: RowCounts) -> String {
            var parts = ["\(counts.headerRows) header", "\(counts.titleRows) title", "\(counts.blankRows) blank", "\(counts.dataRows) data"]
            if counts.skippedRows > 0 { parts.append("\(counts.skippedRows) skipped") }
            return "\(counts.dataRows) data rows (\(counts.rowsRead) read: " + parts.joined(separator: ", ") + ")"
        }

        private static func delimiterName(_ delimiter: Unicode.Scalar) -> String {
            switch delimiter {
            case ",": "comma-separated"
            case "\t": "tab-separated"
            case ";": "semicolon-separated"
            default: "separated by '\(delimiter)'"
            }
        }

        /// Columns a string takes in a terminal: wide (CJK, full-width) characters take two.
        private static func displayWidth(_ text: String) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                let value = scalar.value
                let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                    || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                    || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                    || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
                return width + (wide ? 2 : 1)
            }
        }
    }
}
