/// The words that name a field, for headers no alias names exactly.
///
/// Offices write a field's name their own way: prefixed with the list's subject
/// (剥夺政治权利终止日期, 外出人员姓名), as a question (是否开具选民资格证明), with a note in
/// brackets (终止日期（年月日）). A header is first stripped of its notes and of the list's
/// subject and looked up among the aliases again; failing that, it is scored against each
/// field's word patterns allowed in the file's role, and the best score wins. Two fields
/// sharing the best score (起止日期: a start and an end) is an ambiguity the caller refuses:
/// guessing which one a column holds decides who votes.
enum HeaderWords {
    /// One way of naming a field: a header holding one word of every group (and none of
    /// `unless`) names `field`; its score is the length of the longest word matched per group.
    struct Pattern {
        let field: CanonicalField
        let groups: [[String]]
        var unless: [String] = []
        /// nil: the field may appear in any file.
        var roles: Set<HeaderRole>? = nil
    }

    static let dateWords = ["日期", "时间", "年月日", "年月", "之日", "日"]
    static let idWords = [
        "公民身份号码", "身份证号码", "身份证件号码", "身份证号", "身份证", "身份号码", "身份号", "证件号码", "证件号", "证件编号",
        "idnumber", "idcard", "idno", "sfzhm", "sfzh", "id",
    ]
    static let nameWords = ["姓名", "名字"]
    /// Words that make a column another person's (a household head, a guardian, a proxy).
    static let otherPerson = ["委托", "受托", "代理", "代投", "监护", "户主", "联系人", "配偶", "父亲", "母亲", "亲属", "紧急"]
    /// The fields that say who the row's person is.
    static let personFields: Set<CanonicalField> = [.idNumber, .name, .birthDate, .gender]
    static let principalWords = ["委托投票人", "委托选民", "委托人", "委托者", "委托方"]
    static let agentWords = ["受托人", "被委托人", "受委托人", "代理人", "代投人", "代为投票人", "受托者", "代投票人"]
    static let certificateWords = ["选民资格证明", "资格证明", "选民证", "证明"]
    /// Who filed an appeal; the person it is about is 涉及人员 / 被申诉人 (a subject, set aside).
    static let appellantWords = ["申诉人", "申诉者", "申诉方", "提出人", "反映人", "来访人"]
    /// Words that make a column the appeal's subject's, not the appellant's.
    static let subjectPersonWords = ["被申诉", "涉及", "所涉", "当事"]

    private static let deprived: Set<HeaderRole> = [.list(.deprived)]
    private static let movedOut: Set<HeaderRole> = [.list(.movedOut)]
    private static let movedIn: Set<HeaderRole> = [.list(.movedIn)]
    private static let proxies: Set<HeaderRole> = [.list(.proxies)]
    private static let appeals: Set<HeaderRole> = [.list(.appeals)]

    static let patterns: [Pattern] = [
        Pattern(field: .idNumber, groups: [idWords], unless: otherPerson + ["摘要", "hmac", "证明"]),
        Pattern(
            field: .name, groups: [nameWords],
            unless: otherPerson + ["曾用名", "别名", "拼音", "英文", "摘要", "hmac", "单位", "机关", "证明"]),
        Pattern(field: .birthDate, groups: [["出生"], dateWords], unless: ["死亡", "证明"]),
        Pattern(field: .birthDate, groups: [["生日"]]),
        Pattern(field: .gender, groups: [["性别"]]),
        Pattern(field: .sequence, groups: [["顺序号", "序号"]]),
        Pattern(field: .ethnicity, groups: [["民族"]]),
        Pattern(field: .phone, groups: [["电话", "手机", "联系方式"]], unless: otherPerson),
        Pattern(field: .constituency, groups: [["选区"]], unless: ["小组"]),
        Pattern(field: .voterGroup, groups: [["选民小组", "小组", "组别"]]),
        Pattern(field: .address, groups: [["住址", "地址", "住所"]], unless: ["邮箱", "email", "网址"]),
        // 剥夺政治权利: 起/始/自 need a date word (起止日期 is both, and refused); 开始 does not.
        Pattern(field: .start, groups: [["开始", "起始", "起算", "起计"]], unless: ["出生", "死亡", "判决", "裁定", "羁押", "逮捕"], roles: deprived),
        Pattern(field: .start, groups: [["开始", "起始", "起算", "起计"], dateWords], unless: ["出生", "死亡", "判决", "裁定", "羁押", "逮捕"], roles: deprived),
        Pattern(field: .start, groups: [["起", "始", "自"], dateWords], unless: ["出生", "死亡", "判决", "裁定", "羁押", "逮捕"], roles: deprived),
        Pattern(
            field: .end, groups: [["终止", "截止", "截至", "届满", "期满", "结束", "到期", "完毕"]],
            unless: ["出生", "死亡", "释放", "刑满", "判决", "裁定"], roles: deprived),
        Pattern(
            field: .end, groups: [["终止", "截止", "截至", "届满", "期满", "结束", "到期", "完毕"], dateWords],
            unless: ["出生", "死亡", "释放", "刑满", "判决", "裁定"], roles: deprived),
        Pattern(field: .end, groups: [["止", "至", "终"], dateWords], unless: ["出生", "死亡", "释放", "刑满", "判决", "裁定"], roles: deprived),
        // A list's one date column is the date the list is about.
        Pattern(field: .confirmedDate, groups: [["确认", "认定", "鉴定", "确定"], dateWords], roles: [.list(.incapacitated)]),
        Pattern(field: .confirmedDate, groups: [["日期", "时间"]], unless: ["出生"], roles: [.list(.incapacitated)]),
        Pattern(field: .decidedDate, groups: [["决定", "裁定", "判决", "作出"], dateWords], roles: [.list(.suspended)]),
        Pattern(field: .decidedDate, groups: [["日期", "时间"]], unless: ["出生"], roles: [.list(.suspended)]),
        Pattern(
            field: .authority, groups: [["决定机关", "作出机关", "决定单位", "机关", "法院", "检察院"]], unless: ["日期", "时间"],
            roles: [.list(.suspended)]),
        Pattern(field: .deathDate, groups: [["死亡", "去世", "逝世", "身故"], dateWords], roles: [.list(.deceased)]),
        Pattern(field: .deathDate, groups: [["日期", "时间"]], unless: ["出生"], roles: [.list(.deceased)]),
        Pattern(
            field: .currentResidence, groups: [["现居住", "现住", "居住地", "外出地", "务工地", "暂住", "现所在地", "去向"]],
            unless: ["电话"], roles: movedOut),
        Pattern(field: .hukouPlace, groups: [["户籍地", "户口所在地", "户籍所在地", "户籍", "户口", "原籍", "流出地"]], unless: ["号", "编号"], roles: movedIn),
        Pattern(
            field: .certificateIssued, groups: [certificateWords, ["开具", "出具", "已开", "已", "是否", "有无", "办理", "领取", "持有", "情况"]],
            unless: ["编号", "号码", "号", "日期", "时间", "单位", "机关"], roles: movedOut.union(movedIn)),
        Pattern(field: .certificateIssued, groups: [["选民资格证明", "资格证明", "选民证"]], unless: ["编号", "号码", "号", "日期", "时间", "单位", "机关"], roles: movedOut),
        Pattern(
            field: .certificateNumber, groups: [certificateWords, ["编号", "号码", "文号", "字号", "号"]], unless: ["身份", "日期", "时间"],
            roles: movedOut.union(movedIn)),
        Pattern(field: .principalID, groups: [principalWords, idWords], unless: ["被委托", "受委托"], roles: proxies),
        Pattern(field: .principalName, groups: [principalWords, nameWords], unless: ["被委托", "受委托"], roles: proxies),
        Pattern(field: .principalName, groups: [principalWords], unless: ["被委托", "受委托", "身份", "证件", "号码", "号"], roles: proxies),
        Pattern(field: .appellantID, groups: [appellantWords, idWords], unless: subjectPersonWords, roles: appeals),
        Pattern(field: .appellantName, groups: [appellantWords, nameWords], unless: subjectPersonWords, roles: appeals),
        Pattern(field: .appellantName, groups: [appellantWords], unless: subjectPersonWords + ["身份", "证件", "号码", "号", "电话", "日期"], roles: appeals),
        Pattern(field: .appealMatter, groups: [["事项", "类型", "类别", "事由", "内容", "理由"]], unless: ["结果", "意见", "日期", "时间"], roles: appeals),
        Pattern(field: .receivedDate, groups: [["收到", "受理", "接收", "提出", "申诉"], dateWords], unless: ["处理", "决定", "答复", "出生"], roles: appeals),
        Pattern(field: .appealResult, groups: [["结果", "结论", "意见", "处理情况", "是否成立"]], unless: ["日期", "时间"], roles: appeals),
        Pattern(field: .decidedDate, groups: [["处理", "决定", "答复", "办结"], dateWords], unless: ["出生"], roles: appeals),
        Pattern(field: .agentID, groups: [agentWords, idWords], roles: proxies),
        Pattern(field: .proxyDate, groups: [["委托", "委托书", "签订", "填写", "填报"], dateWords], unless: ["出生"], roles: proxies),
        Pattern(field: .agentName, groups: [agentWords, nameWords], roles: proxies),
        Pattern(field: .agentName, groups: [agentWords], unless: ["身份", "证件", "号码", "号"], roles: proxies),
    ]

    /// A header that starts with one of these is a note, whatever else it mentions
    /// (备注：死亡日期以户籍注销为准).
    static let remarksWords = ["备注", "附注", "说明", "注释"]

    /// How lists name their subject in front of a field (剥夺政治权利终止日期), longest first.
    static let subjects: [String] = [
        "被剥夺政治权利人员", "被剥夺政治权利人", "剥夺政治权利人员", "附加剥夺政治权利", "剥夺政治权利", "被剥夺人员", "被剥夺人",
        "停止行使选举权利人员", "停止行使选举权利", "外出务工人员", "外出人员", "流入人员", "流动人员", "死亡人员", "精神病患者",
        "精神病人", "服刑人员", "被申诉人", "涉及人员", "涉及选民", "当事人", "外出", "流入", "死者", "患者", "选民", "人员", "本人",
    ]

    /// The header key without its notes (what is in brackets) and marks (`*`, `：`).
    static func core(_ key: String) -> String {
        var out = ""
        var depth = 0
        for character in key {
            switch character {
            case "(", "[", "{", "<", "【", "〔", "《", "「", "〈": depth += 1
            case ")", "]", "}", ">", "】", "〕", "》", "」", "〉": depth = max(0, depth - 1)
            case "*", "★", "☆", "※", ":", "：", "、", "\"", "'", "“", "”", "#": continue
            default: if depth == 0 { out.append(character) }
            }
        }
        return out.isEmpty ? key : out
    }

    /// The core without the list's subject in front (剥夺政治权利终止日期 → 终止日期).
    static func withoutSubject(_ core: String) -> String {
        var text = core
        // Twice: 外出人员 + 选民 + 姓名.
        for _ in 0..<2 {
            guard let subject = subjects.first(where: { text.hasPrefix($0) && text.count > $0.count }) else { break }
            text = String(text.dropFirst(subject.count))
        }
        return text
    }

    /// The fields a core names best, in the file's role: one field, several (an ambiguity),
    /// or none.
    static func fields(_ core: String, role: HeaderRole) -> [CanonicalField] {
        if remarksWords.contains(where: { core.hasPrefix($0) }) { return [.remarks] }
        var best: [CanonicalField: Int] = [:]
        for pattern in patterns {
            if let roles = pattern.roles, !roles.contains(role) { continue }
            if pattern.unless.contains(where: { core.contains($0) }) { continue }
            var score = 0
            for group in pattern.groups {
                guard let word = group.first(where: { contains(core, $0) }) else {
                    score = 0
                    break
                }
                score += word.count
            }
            if score > 0, score > best[pattern.field, default: 0] { best[pattern.field] = score }
        }
        guard let top = best.values.max() else { return [] }
        return best.filter { $0.value == top }.keys.sorted()
    }

    /// Whether `core` holds `word`; a Latin word (id, sfzh) must be the whole header, or it
    /// would be found inside others.
    private static func contains(_ core: String, _ word: String) -> Bool {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return core == word }
        return core.contains(word)
    }
}
