import Foundation

/// The report's charts, drawn as inline SVG: no script, no network, and they print.
///
/// Each bar carries a `<title>` (the exact count, shown on hover) and its count written at
/// its end, so the chart can be read without the hover.
enum ReportCharts {
    /// The clean roll by age band, men to the left and women to the right, oldest on top.
    static func pyramid(_ pyramid: AgePyramid, language: Language) -> String {
        let bands = AgePyramid.lowerBounds.count
        let rowHeight = 20.0, barHeight = 15.0, top = 34.0
        let width = 640.0, middle = width / 2, labelHalf = 30.0, numberRoom = 56.0
        let half = middle - labelHalf - numberRoom
        let largest = max((pyramid.male + pyramid.female).max() ?? 0, 1)
        let height = top + Double(bands) * rowHeight + 12
        let men = pyramid.male.reduce(0, +), women = pyramid.female.reduce(0, +)
        let people = max(men + women, 1)
        let maleLabel = language == .zh ? "男" : "men", femaleLabel = language == .zh ? "女" : "women"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"chart-svg\" role=\"img\""
        svg += " aria-label=\"\(language == .zh ? "年龄结构" : "Age pyramid")\">\n"
        svg += "<text x=\"\(middle - labelHalf - 4)\" y=\"18\" text-anchor=\"end\" font-size=\"14\" font-weight=\"600\" style=\"fill: var(--male)\">"
        svg += "\(maleLabel) \(HTMLText.count(men)) (\(percent(men, of: people)))</text>\n"
        svg += "<text x=\"\(middle + labelHalf + 4)\" y=\"18\" font-size=\"14\" font-weight=\"600\" style=\"fill: var(--female)\">"
        svg += "\(femaleLabel) \(HTMLText.count(women)) (\(percent(women, of: people)))</text>\n"
        for band in 0..<bands {
            let y = top + Double(bands - 1 - band) * rowHeight
            let label = AgePyramid.label(band)
            let male = pyramid.male[band], female = pyramid.female[band]
            let maleWidth = half * Double(male) / Double(largest)
            let femaleWidth = half * Double(female) / Double(largest)
            svg += "<text x=\"\(middle)\" y=\"\(format(y + barHeight - 3))\" text-anchor=\"middle\" font-size=\"12\">\(label)</text>\n"
            svg += "<rect x=\"\(format(middle - labelHalf - maleWidth))\" y=\"\(format(y))\" width=\"\(format(maleWidth))\" height=\"\(barHeight)\""
            svg += " style=\"fill: var(--male)\"><title>\(maleLabel) \(label): \(male)</title></rect>\n"
            svg += "<text x=\"\(format(middle - labelHalf - maleWidth - 4))\" y=\"\(format(y + barHeight - 3))\" text-anchor=\"end\" font-size=\"11\">"
            svg += "\(HTMLText.count(male))</text>\n"
            svg += "<rect x=\"\(format(middle + labelHalf))\" y=\"\(format(y))\" width=\"\(format(femaleWidth))\" height=\"\(barHeight)\""
            svg += " style=\"fill: var(--female)\"><title>\(femaleLabel) \(label): \(female)</title></rect>\n"
            svg += "<text x=\"\(format(middle + labelHalf + femaleWidth + 4))\" y=\"\(format(y + barHeight - 3))\" font-size=\"11\">"
            svg += "\(HTMLText.count(female))</text>\n"
        }
        svg += "</svg>\n"
        if pyramid.unknown > 0 {
            svg += "<p class=\"note\">" + (language == .zh ? "另有 \(pyramid.unknown) 人年龄或性别不明。" : "\(pyramid.unknown) more with no age or gender.") + "</p>\n"
        }
        return svg
    }

    /// One bar per constituency: kept, then excluded, stacked.
    static func stacked(_ rows: [(label: String, kept: Int, excluded: Int)], keptLabel: String, excludedLabel: String) -> String {
        let rowHeight = 22.0, barHeight = 15.0, top = 26.0, labelWidth = 130.0, barArea = 400.0
        let width = labelWidth + barArea + 110
        let largest = max(rows.map { $0.kept + $0.excluded }.max() ?? 0, 1)
        let height = top + Double(max(rows.count, 1)) * rowHeight + 6
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"chart-svg\" role=\"img\""
        svg += " aria-label=\"\(HTMLText.escape(keptLabel))/\(HTMLText.escape(excludedLabel))\">\n"
        svg += "<rect x=\"\(labelWidth + 10)\" y=\"4\" width=\"12\" height=\"12\" style=\"fill: var(--kept)\"/>"
        svg += "<text x=\"\(labelWidth + 26)\" y=\"15\" font-size=\"12\">\(HTMLText.escape(keptLabel))</text>\n"
        svg += "<rect x=\"\(labelWidth + 90)\" y=\"4\" width=\"12\" height=\"12\" style=\"fill: var(--excluded)\"/>"
        svg += "<text x=\"\(labelWidth + 106)\" y=\"15\" font-size=\"12\">\(HTMLText.escape(excludedLabel))</text>\n"
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let keptWidth = barArea * Double(row.kept) / Double(largest)
            let excludedWidth = barArea * Double(row.excluded) / Double(largest)
            let label = HTMLText.escape(clipped(row.label, to: 10))
            svg += "<text x=\"\(labelWidth)\" y=\"\(format(y + barHeight - 3))\" text-anchor=\"end\" font-size=\"12\">\(label)</text>\n"
            svg += "<rect x=\"\(labelWidth + 8)\" y=\"\(format(y))\" width=\"\(format(keptWidth))\" height=\"\(barHeight)\" style=\"fill: var(--kept)\">"
            svg += "<title>\(label) \(HTMLText.escape(keptLabel)): \(row.kept)</title></rect>\n"
            svg += "<rect x=\"\(format(labelWidth + 8 + keptWidth))\" y=\"\(format(y))\" width=\"\(format(excludedWidth))\" height=\"\(barHeight)\""
            svg += " style=\"fill: var(--excluded)\"><title>\(label) \(HTMLText.escape(excludedLabel)): \(row.excluded)</title></rect>\n"
            svg += "<text x=\"\(format(labelWidth + 12 + keptWidth + excludedWidth))\" y=\"\(format(y + barHeight - 3))\" font-size=\"11\">"
            svg += "\(HTMLText.count(row.kept)) / \(HTMLText.count(row.excluded))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Horizontal bars, largest first.
    static func bars(_ rows: [(label: String, title: String, value: Int)]) -> String {
        let rowHeight = 22.0, barHeight = 15.0, top = 4.0, labelWidth = 250.0, barArea = 280.0
        let width = labelWidth + barArea + 80
        let largest = max(rows.map(\.value).max() ?? 0, 1)
        let height = top + Double(max(rows.count, 1)) * rowHeight + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"chart-svg\" role=\"img\">\n"
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let barWidth = barArea * Double(row.value) / Double(largest)
            svg += "<text x=\"\(labelWidth)\" y=\"\(format(y + barHeight - 3))\" text-anchor=\"end\" font-size=\"12\">"
            // About 240 points of label: 20 Han characters or 40 Latin letters.
            let limit = row.label.unicodeScalars.allSatisfy(\.isASCII) ? 40 : 20
            svg += "\(HTMLText.escape(clipped(row.label, to: limit)))<title>\(HTMLText.escape(row.title))</title></text>\n"
            svg += "<rect x=\"\(labelWidth + 8)\" y=\"\(format(y))\" width=\"\(format(max(barWidth, 1)))\" height=\"\(barHeight)\""
            svg += " style=\"fill: var(--error)\" opacity=\"0.75\"><title>\(HTMLText.escape(row.title)): \(row.value)</title></rect>\n"
            svg += "<text x=\"\(format(labelWidth + 12 + max(barWidth, 1)))\" y=\"\(format(y + barHeight - 3))\" font-size=\"11\">"
            svg += "\(HTMLText.count(row.value))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// At most `count` characters, with an ellipsis when cut.
    private static func clipped(_ text: String, to count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }
}
