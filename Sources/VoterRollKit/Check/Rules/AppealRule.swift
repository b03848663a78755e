/// 申诉 (选举法 第二十九条): appeals against the posted list and the election committee's
/// decisions, applied to the roll.
///
/// - an upheld 漏登 (left off) brings the person to the roll through every row rule, like an
///   in-migrant (`appeal.added`); one who is already on the roll or who a rule excludes (under
///   18, deprived, deceased…) is not added (`appeal.conflict`, an error: the decision needs a
///   second look);
/// - an upheld 不应登记 / 重登 / 错登 takes the person named off (`appeal.removed`), every row
///   with that ID, with the appeal row as evidence; the names must agree, as for every list;
/// - an upheld 信息有误 keeps the register row and flags each cell the appeal corrects
///   (`appeal.correction`, with the claimed value); a row that already says what the appeal
///   claims is not flagged;
/// - the deadlines (`ElectionCalendar`): received after posting day + 5 (`appeal.late`),
///   undecided more than 3 days after receipt on the as-of day (`appeal.overdue`), decided
///   more than 3 days after receipt (`appeal.decided-late`).
///
/// An appeal not upheld, or not yet decided, changes nothing on the roll.
final class AppealRule: RowRule, AdmissionRule, ListDetailsReader, ReadsColumns {
    static let role = HeaderRole.list(.appeals)
    /// Who the appeal is about, what it asks, when it came and what was decided.
    static let neededColumns = NeededColumns([[.idNumber], [.appealMatter], [.receivedDate], [.appealResult]])

    // MARK: Reading the appeal row

    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        var unreadable: [(FindingCode, RawValue)] = []
        let columns = PersonColumns(row.mapping)
        let rawMatter = row.rawValue(.appealMatter)
        let rawResult = row.rawValue(.appealResult)
        let rawReceived = row.rawValue(.receivedDate)
        let rawDecided = row.rawValue(.decidedDate)
        let matter = Appeal.Matter(text: rawMatter.trimmed)
        if matter == nil { unreadable.append((.listValueUnreadable, rawMatter)) }
        let result = Appeal.Result(text: rawResult.trimmed)
        if result == nil { unreadable.append((.listValueUnreadable, rawResult)) }
        let received = day(rawReceived, context: context)
        if received == nil { unreadable.append((.listDateUnparseable, rawReceived)) }
        var decided: CivilDate?
        if !rawDecided.trimmed.isEmpty {
            decided = day(rawDecided, context: context)
            if decided == nil { unreadable.append((.listDateUnparseable, rawDecided)) }
        }
        let appeal = Appeal(
            matter: matter, result: result, received: received, decided: decided, person: columns.person(row),
            rawMatter: rawMatter, rawResult: rawResult, rawReceived: rawReceived, rawDecided: rawDecided)
        return (.appeal(appeal), unreadable)
    }

    /// A date to the day: a deadline cannot be judged on a month.
    private func day(_ value: RawValue, context: CheckContext) -> CivilDate? {
        guard let parsed = context.dates.parse(value.text, cellIsNumeric: value.kind == .number), parsed.precision == .day else {
            return nil
        }
        return parsed.date
    }

    // MARK: Register rows the appeals name

    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        for entry in context.lists.match(.appeals, id: id) {
            guard case .appeal(let appeal) = entry.details, appeal.result == .upheld, let matter = appeal.matter else { continue }
            guard matter != .omitted else { continue }
            guard ListMatchRule.namesAgree(entry, &person, in: context) else { continue }
            if matter.removes {
                person.report(.appealRemoved, at: person.rawID, evidence: appeal.evidence(entry))
            } else {
                for (value, claimed) in corrections(person, appeal, in: context) {
                    person.report(.appealCorrection, at: value, evidence: appeal.evidence(entry) + "：" + (value.header ?? "") + "应为 " + claimed)
                }
            }
        }
    }

    /// The register's cells that differ from what an upheld 信息有误 says, with the claimed value.
    private func corrections(_ person: PersonRecord, _ appeal: Appeal, in context: CheckContext) -> [(RawValue, String)] {
        let claimed = appeal.person
        var result: [(RawValue, String)] = []
        let claimedName = claimed.rawName.trimmed
        if !claimedName.isEmpty {
            let key = context.names.normalize(claimedName).matchKey
            if key != person.name?.matchKey { result.append((person.rawName, claimedName)) }
        }
        let claimedGender = claimed.rawGender.trimmed
        if !claimedGender.isEmpty,
            ResidentID.Gender(stated: claimedGender) != ResidentID.Gender(stated: person.rawGender.trimmed)
        {
            result.append((person.rawGender, claimedGender))
        }
        let claimedBirth = claimed.rawBirthDate
        if !claimedBirth.trimmed.isEmpty {
            let claimedDate = context.dates.parse(claimedBirth.text, cellIsNumeric: claimedBirth.kind == .number)
            let registerDate = context.dates.parse(person.rawBirthDate.text, cellIsNumeric: person.rawBirthDate.kind == .number)
            if claimedDate != registerDate { result.append((person.rawBirthDate, claimedDate?.description ?? claimedBirth.trimmed)) }
        }
        for (claimedValue, registerValue) in [
            (claimed.rawConstituency, person.rawConstituency), (claimed.rawVoterGroup, person.rawVoterGroup),
            (claimed.rawAddress, person.rawAddress),
        ] where !claimedValue.trimmed.isEmpty && claimedValue.trimmed != registerValue.trimmed {
            result.append((registerValue.column == nil ? person.rawID : registerValue, claimedValue.trimmed))
        }
        return result
    }

    // MARK: After the register: deadlines, people added, appeals that found no one

    func admit(in context: CheckContext, path: any PersonPath, sink: any FindingSink) throws {
        let calendar = context.calendar
        for (index, entry) in (context.lists.entries[.appeals] ?? []).enumerated() {
            guard case .appeal(let appeal) = entry.details else { continue }
            try deadlines(appeal, entry, calendar: calendar, sink: sink)
            guard appeal.result == .upheld, let matter = appeal.matter else { continue }
            if matter == .omitted {
                try add(appeal, entry, in: context, path: path, sink: sink)
            } else if !context.lists.isMatched(.appeals, index: index), entry.id != nil {
                try sink.report(entry.finding(.listUnmatched, at: entry.rawID, evidence: ListKind.appeals.rawValue), on: .list)
            }
        }
    }

    private func deadlines(_ appeal: Appeal, _ entry: ListEntry, calendar: ElectionCalendar, sink: any FindingSink) throws {
        guard let received = appeal.received else { return }
        if calendar.isLate(received: received), let deadline = calendar.appealDeadline {
            try sink.report(entry.finding(.appealLate, at: appeal.rawReceived, evidence: "申诉期限 \(deadline.iso8601)"), on: .list)
        }
        let due = ElectionCalendar.decisionDue(received: received)
        if appeal.result == .pending, calendar.isOverdue(received: received) {
            try sink.report(
                entry.finding(.appealOverdue, at: appeal.rawResult, evidence: "应于 \(due.iso8601) 前处理（截至 \(calendar.asOf.iso8601)）"),
                on: .list)
        }
        if let decided = appeal.decided, appeal.result != .pending, ElectionCalendar.isDecidedLate(received: received, decided: decided) {
            try sink.report(entry.finding(.appealDecidedLate, at: appeal.rawDecided, evidence: "应于 \(due.iso8601) 前处理"), on: .list)
        }
    }

    /// An upheld 漏登: the person joins the roll if every rule lets them.
    private func add(_ appeal: Appeal, _ entry: ListEntry, in context: CheckContext, path: any PersonPath, sink: any FindingSink) throws {
        // A number that could not be read was reported on the appeal row when the list was read.
        guard let id = entry.id else {
            try sink.report(entry.finding(.appealConflict, at: entry.rawID, evidence: "公民身份号码无效"), on: .list)
            return
        }
        if let first = context.people.first(id) {
            let cell = context.sources.idAddress(first.source, row: first.row).cell
            try sink.report(
                entry.finding(.appealConflict, at: entry.rawID, evidence: (first.isKept ? "已在选民名单：" : "已登记并被排除：") + cell), on: .list)
            return
        }
        var person = appeal.person
        guard !person.constituency.isEmpty else {
            try sink.report(entry.finding(.appealConflict, at: person.rawConstituency.column == nil ? entry.rawID : person.rawConstituency, evidence: "未填选区，无法补登"), on: .list)
            return
        }
        path.check(&person)
        if person.isKept {
            person.report(.appealAdded, at: person.rawID, evidence: appeal.evidence(entry))
        } else {
            let reasons = person.findings.filter { $0.action == .exclude }.map(\.code.rawValue)
            person.report(.appealConflict, at: person.rawID, evidence: appeal.evidence(entry) + "；不符合登记条件：" + reasons.joined(separator: ", "))
        }
        try path.decide(person, origin: .appeal)
    }
}

/// One appeal as its row writes it.
struct Appeal: Sendable {
    /// 申诉事项.
    enum Matter: String, Sendable, CaseIterable {
        case omitted = "漏登"
        case wrong = "错登"
        case duplicate = "重登"
        case notEligible = "不应登记"
        case wrongDetails = "信息有误"

        /// Whether upheld, it takes the person off the roll.
        var removes: Bool { self == .wrong || self == .duplicate || self == .notEligible }

        /// How appeal registers write the matter; nil when the cell says none of them.
        init?(text: String) {
            let key = HeaderAliases.key(text)
            guard let found = Matter.words.first(where: { $0.words.contains(key) }) else { return nil }
            self = found.matter
        }

        static let words: [(matter: Matter, words: Set<String>)] = [
            (.omitted, ["漏登", "漏登记", "遗漏", "未登记", "漏报", "漏列", "应登未登", "补登"]),
            (.wrong, ["错登", "错误登记", "登记错误", "错列"]),
            (.duplicate, ["重登", "重复登记", "重复", "多处登记"]),
            (.notEligible, ["不应登记", "不应当登记", "不符合条件", "不具备选民资格", "无选民资格"]),
            (.wrongDetails, ["信息有误", "信息错误", "登记信息有误", "信息不符", "更正信息", "姓名错误", "出生日期错误"]),
        ]
    }

    /// 处理结果.
    enum Result: Sendable, Equatable {
        case upheld
        case rejected
        case pending

        /// An empty cell is not decided yet; nil when the cell says none of these.
        init?(text: String) {
            let key = HeaderAliases.key(text)
            if key.isEmpty || Result.pendingWords.contains(key) {
                self = .pending
            } else if Result.upheldWords.contains(key) {
                self = .upheld
            } else if Result.rejectedWords.contains(key) {
                self = .rejected
            } else {
                return nil
            }
        }

        static let upheldWords: Set<String> = ["成立", "申诉成立", "予以更正", "已更正", "同意", "支持", "采纳", "予以补登", "已补登", "予以删除", "已删除"]
        static let rejectedWords: Set<String> = ["不成立", "申诉不成立", "驳回", "不予支持", "不予采纳", "维持", "维持原登记", "不同意"]
        static let pendingWords: Set<String> = ["待处理", "处理中", "未处理", "待定", "审核中", "待审"]
    }

    var matter: Matter?
    var result: Result?
    var received: CivilDate?
    var decided: CivilDate?
    /// The person the appeal is about, as the row describes them (the facts an upheld 漏登
    /// registers, or the values an upheld 信息有误 claims).
    var person: PersonRecord
    var rawMatter: RawValue
    var rawResult: RawValue
    var rawReceived: RawValue
    var rawDecided: RawValue

    /// `appeals appeals.csv:3 不应登记 成立 2026-11-22`: the row, what it asked and when it was decided.
    func evidence(_ entry: ListEntry) -> String {
        var text = "\(entry.evidence) \(matter?.rawValue ?? rawMatter.trimmed) 成立"
        if let decided { text += " \(decided.iso8601)" }
        return text
    }
}
