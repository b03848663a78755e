/// Every header wording synth writes, per file and column: the one place a header recogniser
/// can be compared against (`--header-style`).
///
/// Each column lists the words offices use for it, the first being the standard header, and
/// the forms that put the file's subject in front (死亡人员公民身份号码, 剥夺政治权利起始日期).
/// A written header is one of those words, perhaps followed by a suffix of the column's kind
/// (`suffixes`: （年月日）, (YYYY-MM-DD), （18位）, （是/否）), perhaps spaced inside when it is
/// short (姓　名, 身 份 证 号), perhaps with its ASCII in full-width forms (（ＹＹＹＹ－ＭＭ－ＤＤ）).
/// `every(_:)` spells out all of them.
///
/// Only wordings an office uses for that very field are here, and none that could name another
/// column of the same file: never a bare 日期 or 时间, never 起止日期, no 户籍地址 in the
/// in-migrants' list (it has 户籍地), no 编号 for the sequence (the in-migrants' certificate
/// number is one).
enum SynthHeaderWordings {
    /// What a column holds, which decides the suffixes it may carry.
    enum Kind {
        case plain, date, id, yesNo, gender
    }

    /// One column of a file and the ways it is written.
    struct Column {
        /// The field a recogniser must map it to; nil for a column VoterRoll does not read.
        var field: CanonicalField?
        var kind: Kind
        /// Without the subject; the first is the standard header.
        var words: [String]
        /// With the file's subject in front.
        var prefixed: [String] = []

        var standard: String { words[0] }
    }

    /// The suffixes a header of each kind may carry.
    static let suffixes: [Kind: [String]] = [
        .plain: [],
        .date: ["（年月日）", "(YYYY-MM-DD)", "（年-月-日）", "(yyyy.mm.dd)"],
        .id: ["（18位）", "(18位)"],
        .yesNo: ["（是/否）", "(是/否)", "（填是或否）"],
        .gender: ["（男/女）"],
    ]

    /// The suffixes `word` may carry: those of its kind, but no day format after 出生年月.
    static func suffixes(of word: String, _ kind: Kind) -> [String] {
        kind == .date && word.hasSuffix("年月") ? [] : suffixes[kind] ?? []
    }

    /// Words of at most this many characters are sometimes spaced inside (姓　名).
    static let spacedLength = 4
    /// What goes between the characters of a spaced header.
    static let spaces = ["\u{3000}", " ", "  "]

    // MARK: Columns every file shares

    /// Who each file is about, as offices put it in front of 姓名 and 身份证号码.
    static let subjects: [ListKind?: [String]] = [
        nil: ["选民"],
        .deprived: ["被剥夺政治权利人", "剥夺政治权利人员"],
        .incapacitated: ["精神病人", "精神病患者"],
        .suspended: ["被停止行使选举权利人", "停止选举权利人员"],
        .deceased: ["死亡人员", "死者"],
        .movedOut: ["外出人员", "外出选民"],
        .movedIn: ["流入人员", "流入选民"],
        .proxies: [],
        .appeals: ["涉及人员", "被申诉人"],
    ]

    static let sequence = Column(field: .sequence, kind: .plain, words: ["序号", "顺序号"])

    static func name(_ list: ListKind?) -> Column {
        Column(field: .name, kind: .plain, words: ["姓名"], prefixed: (subjects[list] ?? []).map { $0 + "姓名" })
    }

    static func id(_ list: ListKind?) -> Column {
        Column(
            field: .idNumber, kind: .id, words: ["公民身份号码", "身份证号", "身份证号码", "公民身份证号码", "居民身份证号码", "身份证件号码"],
            prefixed: (subjects[list] ?? []).flatMap { [$0 + "公民身份号码", $0 + "身份证号码", $0 + "身份证号"] })
    }

    static let gender = Column(field: .gender, kind: .gender, words: ["性别"])
    static let birthDate = Column(field: .birthDate, kind: .date, words: ["出生日期", "出生年月日", "出生年月"])

    // MARK: The files

    /// The register: 序号 选区 选民小组 姓名 性别 民族 出生日期 公民身份号码 住址 备注.
    static let register: [Column] = [
        sequence,
        Column(field: .constituency, kind: .plain, words: ["选区", "所属选区", "选区名称"]),
        Column(field: .voterGroup, kind: .plain, words: ["选民小组", "小组", "所在小组", "村民小组", "组别"]),
        name(nil),
        gender,
        Column(field: .ethnicity, kind: .plain, words: ["民族"]),
        birthDate,
        id(nil),
        Column(field: .address, kind: .plain, words: ["住址", "家庭住址", "家庭地址", "现住址", "详细住址"]),
        Column(field: .remarks, kind: .plain, words: ["备注", "备注栏"]),
    ]

    /// Each list's columns, 序号 first.
    static let lists: [ListKind: [Column]] = [
        .deprived: [
            sequence, name(.deprived), id(.deprived),
            Column(
                field: .start, kind: .date, words: ["开始日期", "起始日期", "起始时间", "开始时间", "起算日期", "剥夺起始日期"],
                prefixed: ["剥夺政治权利起始日期", "剥夺政治权利开始日期", "剥夺政治权利起算日期"]),
            Column(
                field: .end, kind: .date,
                words: ["结束日期", "截止日期", "终止日期", "期满日期", "届满日期", "截止时间", "终止时间", "结束时间", "刑期届满日期", "剥夺截止日期"],
                prefixed: ["剥夺政治权利终止日期", "剥夺政治权利截止日期", "剥夺政治权利期满日期", "剥夺政治权利届满日期", "剥夺政治权利结束日期"]),
            Column(field: nil, kind: .plain, words: ["判决机关", "判决法院", "审判机关"]),
        ],
        .incapacitated: [
            sequence, name(.incapacitated), id(.incapacitated),
            Column(
                field: .confirmedDate, kind: .date, words: ["确认日期", "确认时间", "认定日期"],
                prefixed: ["精神病确认日期", "选举委员会确认日期"]),
        ],
        .suspended: [
            sequence, name(.suspended), id(.suspended),
            Column(field: .authority, kind: .plain, words: ["决定机关", "决定单位", "作出决定机关"]),
            Column(
                field: .decidedDate, kind: .date, words: ["决定日期", "决定时间", "作出决定日期"],
                prefixed: ["停止选举权利决定日期", "停止行使选举权利决定日期"]),
        ],
        .deceased: [
            sequence, name(.deceased), id(.deceased),
            Column(field: .deathDate, kind: .date, words: ["死亡日期", "死亡时间", "去世日期"]),
        ],
        .movedOut: [
            sequence, name(.movedOut), id(.movedOut),
            Column(
                field: .currentResidence, kind: .plain, words: ["现居住地", "现住地", "现居住地址", "外出地点", "外出去向"],
                prefixed: ["外出人员现居住地"]),
            Column(
                field: .certificateIssued, kind: .yesNo,
                words: ["是否开具选民资格证明", "是否已开具选民资格证明", "已开具选民资格证明", "是否出具选民资格证明", "是否开具证明", "已开证明"],
                prefixed: ["外出人员是否开具选民资格证明", "外出选民是否已开具选民资格证明"]),
        ],
        .movedIn: [
            sequence, name(.movedIn), id(.movedIn), gender, birthDate,
            Column(field: .hukouPlace, kind: .plain, words: ["户籍地", "户籍所在地", "户口所在地", "原户籍地"], prefixed: ["流入人员户籍地"]),
            Column(
                field: .certificateNumber, kind: .plain,
                words: ["选民资格证明编号", "证明编号", "选民资格证明号码", "选民资格证明书编号", "资格证明编号"],
                prefixed: ["流入人员选民资格证明编号"]),
            Column(field: .constituency, kind: .plain, words: ["选区", "登记选区", "参选选区", "编入选区"]),
            Column(field: .voterGroup, kind: .plain, words: ["选民小组", "小组", "编入小组", "所在小组"]),
        ],
        .proxies: [
            sequence,
            Column(field: .principalName, kind: .plain, words: ["委托人姓名", "委托人", "委托选民姓名"]),
            Column(field: .principalID, kind: .id, words: ["委托人身份证号", "委托人公民身份号码", "委托人身份证号码", "委托选民身份证号码"]),
            Column(field: .agentName, kind: .plain, words: ["受托人姓名", "受托人", "被委托人姓名", "被委托人"]),
            Column(field: .agentID, kind: .id, words: ["受托人身份证号", "受托人公民身份号码", "受托人身份证号码", "被委托人身份证号码"]),
            Column(field: nil, kind: .plain, words: ["委托原因", "委托理由", "委托事由"]),
            Column(field: .proxyDate, kind: .date, words: ["委托日期", "委托书日期", "委托时间"]),
        ],
        // 申诉: who appealed, about whom (the person fields), what, when, and the decision.
        .appeals: [
            sequence,
            Column(field: .appellantName, kind: .plain, words: ["申诉人姓名", "申诉人"]),
            name(.appeals), id(.appeals),
            Column(field: .appealMatter, kind: .plain, words: ["申诉事项", "申诉类型", "申诉事由"]),
            Column(field: .receivedDate, kind: .date, words: ["收到日期", "受理日期", "申诉日期", "收到申诉日期"]),
            Column(field: .appealResult, kind: .plain, words: ["处理结果", "处理意见", "处理结论"]),
            Column(field: .decidedDate, kind: .date, words: ["处理日期", "处理时间", "答复日期"]),
            gender, birthDate,
            Column(field: .constituency, kind: .plain, words: ["选区", "登记选区"]),
            Column(field: .voterGroup, kind: .plain, words: ["选民小组", "小组"]),
            Column(field: .address, kind: .plain, words: ["住址", "现住址"]),
        ],
    ]

    /// The columns of the register (nil) or of a list.
    static func columns(of list: ListKind?) -> [Column] {
        guard let list else { return register }
        return lists[list] ?? []
    }

    // MARK: Titles above the header

    /// What a list's title calls it (after the township's name).
    static let listTitles: [ListKind: [String]] = [
        .deprived: ["被剥夺政治权利人员名单", "剥夺政治权利人员花名册"],
        .incapacitated: ["精神病患者名单（经选举委员会确认）", "无法行使选举权利的精神病患者名单"],
        .suspended: ["停止行使选举权利人员名单"],
        .deceased: ["死亡人员名单", "死亡人员销户名单"],
        .movedOut: ["外出人员名单", "外出人员登记表"],
        .movedIn: ["流入人员登记表", "流入人员参选登记表"],
        .proxies: ["委托投票登记表", "委托投票人员名单"],
        .appeals: ["选民名单申诉登记表", "选民资格申诉处理登记表"],
    ]

    /// What the register's title calls it (after the township's name).
    static let registerTitles = ["选民登记表", "选民登记花名册", "选民名册"]

    /// Who fills a list in (after the county's or township's name), for the 填报单位 row.
    static let offices: [ListKind?: (township: Bool, office: String)] = [
        nil: (true, "选举委员会"),
        .deprived: (false, "人民法院"),
        .incapacitated: (true, "社会事务办公室"),
        .suspended: (false, "人民检察院"),
        .deceased: (true, "派出所"),
        .movedOut: (true, "综治中心"),
        .movedIn: (true, "综治中心"),
        .proxies: (true, "选举委员会"),
        .appeals: (true, "选举委员会"),
    ]

    // MARK: Every form

    /// Every header synth may write for `column`, in no particular order.
    static func every(_ column: Column) -> Set<String> {
        var written: Set<String> = []
        for word in column.words + column.prefixed {
            for suffix in [""] + suffixes(of: word, column.kind) {
                var forms = [word + suffix]
                if word.count <= spacedLength { forms += spaces.map { spaced(word, by: $0) + suffix } }
                for form in forms.flatMap({ [$0, fullWidth($0)] }) {
                    written.insert(form)
                    written.insert(form + " ")
                }
            }
        }
        return written
    }

    /// `word` with `space` between its characters.
    static func spaced(_ word: String, by space: String) -> String {
        word.map(String.init).joined(separator: space)
    }

    /// `text` with its printable ASCII in full-width forms (a Chinese input method in
    /// full-width mode): `(YYYY-MM-DD)` → `（ＹＹＹＹ－ＭＭ－ＤＤ）`.
    static func fullWidth(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x21...0x7E).contains(scalar.value), let wide = Unicode.Scalar(scalar.value + 0xFEE0) {
                result.append(wide)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
