/// Which header text names which canonical field: the built-in table plus configured aliases.
///
/// Headers are compared after `HeaderAliases.key(_:)`: no spaces anywhere (offices type
/// `姓　名` to line up a printed form), full-width forms folded (`ＩＤ`), case ignored.
public struct HeaderAliases: Sendable {
    /// Every built-in alias, in one table: the first is the name VoterRoll prints.
    public static let builtIn: [(field: CanonicalField, aliases: [String])] = [
        (.sequence, ["序号"]),
        (.constituency, ["选区"]),
        (.voterGroup, ["选民小组", "小组"]),
        (.name, ["姓名", "名字"]),
        (.gender, ["性别"]),
        (.ethnicity, ["民族"]),
        (.birthDate, ["出生日期", "出生年月日", "出生年月"]),
        (.idNumber, ["公民身份号码", "身份证号", "身份证号码", "证件号码", "身份证"]),
        (.address, ["住址", "户籍地址", "现住址"]),
        (.remarks, ["备注"]),
        (.phone, ["联系电话", "电话", "手机号码", "手机"]),
        (.start, ["开始日期", "起始日期", "剥夺开始日期"]),
        (.end, ["结束日期", "截止日期", "期满日期", "终止日期"]),
        (.confirmedDate, ["确认日期"]),
        (.authority, ["决定机关"]),
        (.decidedDate, ["决定日期", "处理日期"]),
        (.deathDate, ["死亡日期"]),
        (.currentResidence, ["现居住地", "现住地"]),
        (.certificateIssued, ["是否开具选民资格证明", "开具证明", "已开证明"]),
        (.hukouPlace, ["户籍地", "户口所在地"]),
        (.certificateNumber, ["选民资格证明编号", "证明编号"]),
        (.principalName, ["委托人姓名", "委托人"]),
        (.principalID, ["委托人身份证号", "委托人公民身份号码"]),
        (.agentName, ["受托人姓名", "受托人"]),
        (.agentID, ["受托人身份证号", "受托人公民身份号码"]),
        (.proxyDate, ["委托日期", "委托书日期"]),
        (.appellantName, ["申诉人姓名", "申诉人"]),
        (.appellantID, ["申诉人公民身份号码", "申诉人身份证号"]),
        (.appealMatter, ["申诉事项", "申诉类型"]),
        (.receivedDate, ["收到日期", "受理日期"]),
        (.appealResult, ["处理结果", "处理意见"]),
        (.idHMAC, ["id_hmac", "身份号码摘要"]),
        (.nameHMAC, ["name_hmac", "姓名摘要"]),
    ]

    /// The built-in aliases only.
    public static let standard = HeaderAliases()

    private var fields: [String: CanonicalField]
    /// The pipeline's aliases (`columns:`), which win over every other match.
    private var pipeline: [String: CanonicalField]

    /// The built-in aliases plus `extra` (from a pipeline); an extra alias wins over a
    /// built-in one with the same key.
    public init(extra: [CanonicalField: [String]] = [:]) {
        var fields: [String: CanonicalField] = [:]
        for (field, aliases) in HeaderAliases.builtIn {
            for alias in aliases { fields[HeaderAliases.key(alias)] = field }
        }
        var pipeline: [String: CanonicalField] = [:]
        for (field, aliases) in extra.sorted(by: { $0.key < $1.key }) {
            for alias in aliases where !HeaderAliases.key(alias).isEmpty { pipeline[HeaderAliases.key(alias)] = field }
        }
        self.fields = fields.merging(pipeline) { $1 }
        self.pipeline = pipeline
    }

    /// The field a header names by an alias (built-in or the pipeline's), or nil.
    public func field(forHeader header: String) -> CanonicalField? {
        fields[HeaderAliases.key(header)]
    }

    /// What a header names in a file of `role`: by the pipeline's alias, by a built-in alias,
    /// or by its words (`HeaderWords`, after its notes and the list's subject are set
    /// aside). nil when it names nothing; more than one field when its words name several
    /// equally (an ambiguity the reader refuses).
    public func match(_ header: String, role: HeaderRole) -> HeaderMatch? {
        let key = HeaderAliases.key(header)
        if let field = pipeline[key] { return HeaderMatch(fields: [field], how: .pipelineAlias) }
        if let field = fields[key] { return HeaderMatch(fields: [field], how: .exactAlias) }
        let noted = HeaderWords.core(key)
        let core = HeaderWords.withoutSubject(noted)
        var named = (pipeline[core] ?? fields[core]).map { [$0] } ?? HeaderWords.fields(core, role: role)
        // The subject may be the field's own word (外出地点 is where they went).
        if named.isEmpty, core != noted { named = HeaderWords.fields(noted, role: role) }
        // A note can make it someone else's: 身份证号码（户主） is the household head's.
        if core != key, HeaderWords.otherPerson.contains(where: { key.contains($0) }) {
            named.removeAll { HeaderWords.personFields.contains($0) }
        }
        return named.isEmpty ? nil : HeaderMatch(fields: named, how: .words)
    }

    /// The built-in Chinese name of a field (its first alias), for messages.
    public static func displayName(of field: CanonicalField) -> String {
        builtIn.first { $0.field == field }?.aliases.first ?? field.rawValue
    }

    /// A header as compared: white space and invisible characters (`CellWhitespace`, the
    /// ideographic space among them) removed, full-width ASCII folded to ASCII, ASCII letters lowercased.
    public static func key(_ header: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in header.unicodeScalars {
            var value = scalar.value
            if CellWhitespace.isWhitespace(value) || CellWhitespace.isInvisible(value) { continue }
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if (0x41...0x5A).contains(value) { value += 0x20 }
            if let folded = Unicode.Scalar(value) { key.append(folded) }
        }
        return String(key)
    }
}

/// How a header was recognised.
public struct HeaderMatch: Sendable, Equatable {
    public enum How: String, Sendable, Codable, Comparable {
        /// By its words (剥夺政治权利终止日期 → end).
        case words
        /// By a built-in alias, as written.
        case exactAlias = "exact_alias"
        /// By the pipeline's `columns:`.
        case pipelineAlias = "pipeline_alias"

        /// Stronger matches win when two columns name one field.
        private var rank: Int {
            switch self {
            case .words: 0
            case .exactAlias: 1
            case .pipelineAlias: 2
            }
        }

        public static func < (lhs: How, rhs: How) -> Bool { lhs.rank < rhs.rank }
    }

    /// One field; several when the header's words name them equally.
    public var fields: [CanonicalField]
    public var how: How
}
