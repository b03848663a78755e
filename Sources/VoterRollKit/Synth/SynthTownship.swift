/// The township the register belongs to: its constituencies (选区), one village each, split
/// into voter groups (选民小组), and the addresses of the people who live there.
struct SynthTownship {
    /// Where one register row sits.
    struct Slot {
        var constituency: String
        var group: String
        var village: String
        var groupNumber: Int
        /// How this constituency's clerk writes birth dates.
        var dateStyle: SynthDateStyle
    }

    static let county = "济南市历城区"
    static let streets = ["港沟街道", "唐王街道", "董家街道", "仲宫街道", "柳埠街道", "西营街道", "彩石街道", "郭店街道", "遥墙街道", "临港街道", "华山街道", "荷花路街道"]

    let name: String
    private var random: SynthRandom
    private let format: SynthFormat
    private(set) var constituencies: [String] = []
    private var villages: Set<String> = []
    private var slot: Slot?
    private var leftInConstituency = 0
    private var leftInGroup = 0
    private var groupsLeft = 0

    init(random: SynthRandom, format: SynthFormat) {
        var random = random
        name = random.pick(Self.streets)
        self.random = random
        self.format = format
    }

    /// The slot of the next data row, and whether it starts a new constituency (after the
    /// first, registers leave a blank row there).
    mutating func next() -> (slot: Slot, startsConstituency: Bool) {
        var starts = false
        if leftInConstituency == 0 || slot == nil {
            startConstituency()
            starts = constituencies.count > 1
        } else if leftInGroup == 0 {
            startGroup()
        }
        leftInConstituency -= 1
        leftInGroup -= 1
        return (slot ?? placeholder, starts)
    }

    private var placeholder: Slot {
        Slot(constituency: "第一选区", group: "第一组", village: "东村", groupNumber: 1, dateStyle: .iso)
    }

    /// A constituency of 600–1,400 voters in 6–14 groups.
    private mutating func startConstituency() {
        let number = constituencies.count + 1
        let constituency = "第\(Self.numeral(number))选区"
        constituencies.append(constituency)
        var village = ""
        repeat {
            village = random.pick(["东", "西", "南", "北", "前", "后", "大", "小", "上", "下", "新", "老"])
                + random.pick(Array("王李张刘陈杨赵孙周吴徐马朱胡郭何高林罗宋韩唐冯董程曹袁邓许傅").map(String.init))
                + random.pick(["家庄", "庄", "村", "屯", "营", "店", "官庄", "峪", "家洼", "河"])
            if villages.count > 3000 { village += String(number) }
        } while villages.contains(village)
        villages.insert(village)
        leftInConstituency = random.int(in: 600...1400)
        groupsLeft = random.int(in: 6...14)
        slot = Slot(constituency: constituency, group: "", village: village, groupNumber: 0, dateStyle: SynthDateStyle.habit(format: format, random: &random))
        startGroup()
    }

    private mutating func startGroup() {
        guard var current = slot else { return }
        current.groupNumber += 1
        current.group = "第\(Self.numeral(current.groupNumber))组"
        slot = current
        leftInGroup = groupsLeft > 1 ? leftInConstituency / groupsLeft : leftInConstituency
        groupsLeft -= 1
    }

    /// A house in the slot's village.
    mutating func address(_ slot: Slot) -> String {
        "\(name)\(slot.village)\(slot.groupNumber)组\(random.int(in: 1...260))号"
    }

    /// 1 → 一, 14 → 十四, 105 → 一百零五; Arabic from 10,000 on.
    static func numeral(_ number: Int) -> String {
        let digits = Array("零一二三四五六七八九").map(String.init)
        guard number > 0, number < 10_000 else { return String(number) }
        if number < 10 { return digits[number] }
        if number < 20 { return "十" + (number % 10 == 0 ? "" : digits[number % 10]) }
        let units = ["千", "百", "十", ""]
        let values = [number / 1000, number / 100 % 10, number / 10 % 10, number % 10]
        var text = ""
        var pendingZero = false
        for (value, unit) in zip(values, units) {
            if value == 0 {
                if !text.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { text += "零" }
            pendingZero = false
            text += digits[value] + unit
        }
        return text
    }
}

/// The ways registers write a date (DESIGN.md: dates in every format), and what a workbook
/// holds instead: a real date cell.
enum SynthDateStyle: CaseIterable {
    case iso, slashes, dots, compact, chinese, yearMonth, chineseYearMonth, dateCell

    /// The styles that give the day, for dates that must be compared to the day.
    static let dayStyles: [SynthDateStyle] = [.iso, .slashes, .dots, .compact, .chinese]

    /// A clerk's habit: in CSV any written form; in a workbook mostly real date cells.
    static func habit(format: SynthFormat, random: inout SynthRandom) -> SynthDateStyle {
        if format != .csv, random.chance(0.7) { return .dateCell }
        return random.pick([.iso, .iso, .slashes, .slashes, .dots, .compact, .chinese, .chinese, .yearMonth, .chineseYearMonth])
    }

    /// The cell for a date in this style.
    func cell(_ date: CivilDate) -> SynthCell {
        let (y, m, d) = (date.year, date.month, date.day)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch self {
        case .iso: return .text(date.iso8601)
        case .slashes: return .text("\(y)/\(m)/\(d)")
        case .dots: return .text("\(y).\(two(m)).\(two(d))")
        case .compact: return .text("\(y)\(two(m))\(two(d))")
        case .chinese: return .text("\(y)年\(m)月\(d)日")
        case .yearMonth: return .text("\(y)-\(m)")
        case .chineseYearMonth: return .text("\(y)年\(m)月")
        case .dateCell: return .date(date)
        }
    }

    /// Whether the style gives only the year and month (出生年月).
    var isMonthOnly: Bool { self == .yearMonth || self == .chineseYearMonth }
}
