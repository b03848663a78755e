/// The lists: who they name, how each office writes them, and their files.
extension SynthRun {
    static let residences = [
        "广东省深圳市宝安区", "广东省东莞市长安镇", "浙江省杭州市萧山区", "北京市朝阳区", "上海市闵行区", "江苏省苏州市昆山市",
        "山东省青岛市黄岛区", "天津市滨海新区", "山东省济南市历下区",
    ]

    /// A register row for someone a list names, and the list row.
    func makeListed(_ defect: SynthDefect) -> SynthRegisterRow {
        var made = row(.adult)
        guard let fact = SynthListFact(defect) else { return made }
        addListRow(fact, name: made.person.name, id: .text(made.person.id.canonical), codes: fact.listCodes)
        made.personCodes = fact.rollCode.map { [$0] } ?? []
        switch fact {
        case .deceased:
            proxyCandidates.excluded(made.person)
        case .movedOut(let certificate):
            made.remarks = .text(random.pick(["外出务工", "外出经商", "在外居住"]))
            if !certificate { proxyCandidates.absent(made.person, random: &random) }
        default:
            break
        }
        return made
    }

    /// Defects of the list rather than the person: the name written differently, a different
    /// name under the same ID, an entry for nobody on the register, a broken ID.
    func makeListDefect(_ defect: SynthDefect) -> SynthRegisterRow {
        let fact = listRandom.pick(SynthListFact.plain)
        switch defect {
        case .listNameVariant:
            // Traditional characters or spaces do not make another person: the rule applies.
            var made = row(random.chance(0.5) ? .init(age: .adult, name: .traditional) : .adult)
            let name = made.person.name
            let written = SynthNames.hasTraditionalForm(name) && !name.contains(SynthNames.middleDot) ? SynthNames.traditionalForm(name) : spaced(name)
            addListRow(fact, name: written, id: .text(made.person.id.canonical), codes: [])
            made.personCodes = fact.rollCode.map { [$0] } ?? []
            return made
        case .listNameMismatch:
            var made = row(.adult)
            var other = made.person.name
            while SynthNames.matchKey(other) == made.person.matchKey {
                other = SynthNames.hanName(male: made.person.isMale, birthYear: made.person.birth.year, random: &random, surname: String(made.person.name.prefix(1)))
            }
            addListRow(fact, name: other, id: .text(made.person.id.canonical), codes: [])
            made.personCodes = [.listNameMismatch]
            return made
        case .listUnmatched:
            let stranger = population.make(.init(age: .adult, region: .elsewhere))
            addListRow(fact, name: stranger.name, id: .text(stranger.id.canonical), codes: [.listUnmatched])
            let made = row()
            proxyCandidates.offer(made, random: &random, rows: options.rows)
            return made
        default:  // .listBadID: the list's number for a register person is broken, so it matches nobody.
            let made = row(.init(age: .adult, checkIsX: false))
            let id = made.person.id
            if random.chance(0.6) {
                addListRow(fact, name: made.person.name, id: .text(id.wrongCheck(&random)), codes: [.idChecksum])
            } else {
                addListRow(fact, name: made.person.name, id: isCSV ? .text(id.excelDisplay ?? "") : .number(id.excelStored ?? ""), codes: [.idExcelMangled])
            }
            return made
        }
    }

    /// Appends a list row for `fact` naming `name` with ID cell `id`.
    func addListRow(_ fact: SynthListFact, name: String, id: SynthCell, codes: [FindingCode]) {
        var codes = codes
        var cells: [SynthCell] = [.text(name), id]
        switch fact {
        case .deprived(let deprivation):
            let (start, end) = deprivationCells(deprivation)
            cells += [start, end, .text(listRandom.pick(["济南市历城区人民法院", "济南市中级人民法院", "济南市历下区人民法院"]))]
        case .incapacitated:
            cells.append(listDate(day(-listRandom.int(in: 10...900))))
        case .suspended:
            cells += [.text(listRandom.pick(["济南市历城区人民检察院", "济南市历城区人民法院", "济南市中级人民法院"])), listDate(day(-listRandom.int(in: 5...400)))]
        case .deceased:
            cells.append(listDate(day(-listRandom.int(in: 1...700))))
        case .movedOut(let certificate):
            // Without a certificate the office sometimes writes what it does not know, which
            // decides nothing: the person stays (absent) and the list row is flagged (only on a
            // row with nothing else to report, so that its codes stay exact).
            let unknown = codes.isEmpty ? ["待定", "不详"] : []
            let answer = certificate ? listRandom.pick(["是", "是", "已开具"]) : listRandom.pick(["否", "否", "未开具", "否", "否", "未开具"] + unknown)
            if answer == "待定" || answer == "不详" { codes.append(.listValueUnreadable) }
            cells += [.text(listRandom.pick(Self.residences)), .text(answer)]
        }
        lists[fact.kind, default: []].append(SynthListRow(cells: cells, codes: codes))
    }

    /// The start and end cells of a deprivation.
    private func deprivationCells(_ deprivation: SynthListFact.Deprivation) -> (SynthCell, SynthCell) {
        switch deprivation {
        case .now:
            return (listDate(day(-listRandom.int(in: 30...1800))), listDate(day(listRandom.int(in: 1...2500))))
        case .forLife:
            return (listDate(day(-listRandom.int(in: 100...5000))), .text("终身"))
        case .endsOnElectionDay:
            return (listDate(day(-listRandom.int(in: 365...1800))), listDate(day(0)))
        case .ended:
            let end = -listRandom.int(in: 2...1400)
            return (listDate(day(end - listRandom.int(in: 365...1800))), listDate(day(end)))
        case .endedTheDayBefore:
            return (listDate(day(-1 - listRandom.int(in: 365...1800))), listDate(day(-1)))
        case .endUnreadable:
            return (listDate(day(-listRandom.int(in: 30...1800))), .text(listRandom.pick(["待定", "刑满后三年", "见判决书", "不详"])))
        case .startUnreadable:
            return (.text(listRandom.pick(["不详", "待查"])), listDate(day(listRandom.int(in: 1...1500))))
        case .startsLater:
            let start = listRandom.int(in: 10...700)
            return (listDate(day(start)), listDate(day(start + listRandom.int(in: 365...1800))))
        }
    }

    // MARK: In-migrants

    /// A moved_in row: with a certificate the person joins the roll (checked like a register
    /// row); without one, or already on the register, they are not added.
    func addInMigrant(_ defect: SynthDefect, person: SynthPerson) {
        let certificate = defect == .movedInWithoutCertificate ? "" : "选证〔\(options.electionDay.year)〕第\(listRandom.int(in: 1...9999))号"
        var gender = person.gender
        var id = person.id.canonical
        var codes: [FindingCode] = []
        switch defect {
        case .movedInWithoutCertificate:
            codes = [.migrantInNoCertificate]
        case .movedInAlreadyListed:
            codes = [.migrantInAlreadyListed]
        case .movedInMinor:
            codes = [.ageUnder18]
        case .movedInGenderMismatch:
            gender = person.isMale ? "女" : "男"
            codes = [.idGenderMismatch]
        case .movedInBadID:
            id = person.id.wrongCheck(&listRandom)
            codes = [.idChecksum]
        default:
            break
        }
        // Someone already on the register is not a voter row of the list; the others are
        // added or not by their codes, like a register row.
        let decision = defect == .movedInAlreadyListed ? SynthExpectation.Decision.list : SynthExpectation.inMigrant(codes)
        let constituency = township.constituencies.isEmpty ? "第一选区" : listRandom.pick(township.constituencies)
        let cells: [SynthCell] = [
            .text(person.name), .text(id), .text(gender), listDate(person.birth),
            .text(population.regions.place(person.id.region)), .text(certificate), .text(constituency),
            .text("第\(SynthTownship.numeral(listRandom.int(in: 1...6)))组"),
        ]
        lists[.movedIn, default: []].append(SynthListRow(cells: cells, codes: codes, decision: decision))
    }

    /// Ordinary in-migrants with certificates: about 4 per 1,000 register rows.
    func addBackgroundInMigrants() {
        for _ in 0..<(options.rows * 4 / 1000) {
            addInMigrant(.movedInWithCertificate, person: population.make(.init(age: .adult, region: .elsewhere)))
            summary.listFacts["movedInWithCertificate", default: 0] += 1
        }
    }

    // MARK: Files

    /// Writes every list file (all of them, an empty list as its header alone).
    func writeLists() throws(OutputError) {
        for kind in [ListKind.deprived, .incapacitated, .suspended, .deceased, .movedOut, .movedIn, .proxies, .appeals] {
            var rows = lists[kind] ?? []
            if kind != .proxies { listRandom.shuffle(&rows) }
            let name = fileName(kind.rawValue)
            let writer = try SynthTableWriters.open(
                path: directory + "/" + name, sheet: kind.title(.zh), format: options.format, encoding: options.encoding)
            let header = headers.header(of: kind)
            try header.write(to: writer)
            // A column VoterRoll does not read (判决机关, 委托原因) is reported on the header, once each.
            let unread = SynthHeaderWordings.columns(of: kind).filter { $0.field == nil }.count
            if unread > 0 {
                try expect(SynthExpectation(file: name, row: header.row, decision: .header, codes: Array(repeating: .inputColumnIgnored, count: unread)))
            }
            for (index, row) in rows.enumerated() {
                let number: SynthCell = isCSV ? .text(String(index + 1)) : .number(String(index + 1))
                try writer.write(row: header.row + 1 + index, [number] + row.cells)
                try expect(SynthExpectation(file: name, row: header.row + 1 + index, decision: row.decision, codes: row.codes))
            }
            try writer.finish()
            summary.files.append(name)
            summary.listRows[name] = rows.count
        }
    }
}
