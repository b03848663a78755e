/// One generation: the register streamed row by row, the lists gathered in memory and written
/// at the end, and every data row's expected outcome written to `expected.jsonl`.
///
/// Memory does not grow with the register: a row is written as soon as it is made, the people
/// already used are remembered in two Bloom filters (`SynthPopulation`), and only list entries,
/// proxy candidates and the few rows waiting to be written later (duplicates) are kept.
final class SynthRun {
    let options: SynthOptions
    let directory: String
    var population: SynthPopulation
    var random: SynthRandom
    var listRandom: SynthRandom
    var township: SynthTownship
    var deck: SynthDeck
    var summary = SynthSummary()

    private let expected: AtomicFile
    private var register: (any SynthTableWriter)?
    /// The last row written to the register (the header's row at first).
    private var lastRow = 0
    private var sequenceNumber = 0
    var slot: SynthTownship.Slot
    /// The titles and header of each file, in the run's header style.
    var headers: SynthHeaderMaker

    /// A row made now and written later in the file: the second registration of someone.
    struct Scheduled {
        enum Kind {
            /// The same ID number again, written as `idCell` (with the codes that writing earns).
            case copy(SynthPerson, idCell: SynthCell, idCodes: [FindingCode])
            /// Same name and birth date, another ID number.
            case twin(SynthPerson)
        }

        var row: Int
        var kind: Kind
    }

    private var scheduled: [Scheduled] = []
    private var dataIndex = 0

    /// List rows by list, in memory until the register is done.
    var lists: [ListKind: [SynthListRow]] = [:]
    /// Proxy defects dealt while streaming, built once the candidates are known.
    var proxyDefects: [SynthDefect] = []
    /// Clean voters, minors and excluded adults that proxies may name.
    var proxyCandidates = SynthProxyCandidates()

    init(options: SynthOptions, directory: String) throws(OutputError) {
        self.options = options
        self.directory = directory
        let root = SynthRandom(seed: options.seed)
        random = root.fork(1)
        listRandom = root.fork(2)
        population = SynthPopulation(electionDay: options.electionDay, random: root.fork(3), expectedPeople: options.rows + options.rows / 10 + 1000)
        township = SynthTownship(random: root.fork(4), format: options.format)
        deck = SynthDeck(format: options.format)
        slot = SynthTownship.Slot(constituency: "", group: "", village: "", groupNumber: 0, dateStyle: .iso)
        headers = SynthHeaderMaker(style: options.headerStyle, random: root.fork(5), township: township.name, electionDay: options.electionDay)
        expected = try AtomicFile(path: directory + "/expected.jsonl", isPrivate: false)
        proxyCandidates.target = max(options.rows / 150, 40)
    }

    var isCSV: Bool { options.format == .csv }

    func fileName(_ base: String) -> String { "\(base).\(options.format.fileExtension)" }

    /// Writes everything; returns what was made.
    func run() throws(OutputError) -> SynthSummary {
        try writeRegister()
        addBackgroundInMigrants()
        buildProxies()
        try writeLists()
        try expected.commit()
        summary.rows = options.rows
        summary.postingDay = day(Self.postingOffset)
        summary.asOf = day(Self.asOfOffset)
        return summary
    }

    // MARK: The register

    private func writeRegister() throws(OutputError) {
        let name = fileName("roll")
        let writer = try SynthTableWriters.open(path: directory + "/" + name, sheet: "选民登记表", format: options.format, encoding: options.encoding)
        register = writer
        let header = headers.header(of: nil)
        try header.write(to: writer)
        lastRow = header.row
        summary.files.append(name)
        let backgroundRoles = SynthDefect.background
        for index in 0..<options.rows {
            dataIndex = index
            let next = township.next()
            slot = next.slot
            if next.startsConstituency {
                // A blank row between constituencies, and sometimes the header again, as a
                // register printed one constituency per page and pasted back together has it.
                lastRow += 1
                if random.chance(0.3) {
                    lastRow += 1
                    try writer.write(row: lastRow, header.cells)
                }
            }
            if let due = takeDue() {
                try write(scheduledRow(due))
                continue
            }
            if options.defectRate > 0, random.chance(options.defectRate) {
                var defect = deck.deal(&random)
                while defect.needsALaterRow && rowsLeftForLater < 1 { defect = deck.deal(&random) }
                summary.defects[defect.rawValue, default: 0] += 1
                try write(make(defect))
            } else if let role = backgroundRoles.draw(&random) {
                summary.listFacts[role.rawValue, default: 0] += 1
                try write(make(role))
            } else {
                let row = SynthRegisterRow(population.make(), dateStyle: slot.dateStyle, electionDay: options.electionDay)
                proxyCandidates.offer(row, random: &random, rows: options.rows)
                try write(row)
            }
        }
        try writer.finish()
        register = nil
    }

    /// Rows after this one not yet promised to a scheduled row.
    private var rowsLeftForLater: Int {
        options.rows - dataIndex - 1 - scheduled.count
    }

    /// Puts a second registration of someone a little further down the file (often in
    /// another constituency).
    func schedule(_ kind: Scheduled.Kind) {
        let gap = 1 + random.below(min(2_500, max(rowsLeftForLater, 1)))
        let entry = Scheduled(row: dataIndex + gap, kind: kind)
        let position = scheduled.firstIndex { $0.row > entry.row } ?? scheduled.endIndex
        scheduled.insert(entry, at: position)
    }

    /// The scheduled row due now: its row has come, or every remaining row is needed.
    private func takeDue() -> Scheduled? {
        guard let first = scheduled.first else { return nil }
        guard first.row <= dataIndex || scheduled.count >= options.rows - dataIndex else { return nil }
        return scheduled.removeFirst()
    }

    private func scheduledRow(_ due: Scheduled) -> SynthRegisterRow {
        switch due.kind {
        case .copy(let person, let idCell, let idCodes):
            var row = SynthRegisterRow(person, dateStyle: slot.dateStyle, electionDay: options.electionDay)
            row.id = idCell
            row.idCodes = idCodes
            row.personCodes = [.dupSameId]
            return row
        case .twin(let person):
            var row = SynthRegisterRow(population.twin(of: person), dateStyle: slot.dateStyle, electionDay: options.electionDay)
            row.personCodes = [.dupProbable]
            return row
        }
    }

    private func write(_ row: SynthRegisterRow) throws(OutputError) {
        lastRow += 1
        sequenceNumber += 1
        var cells: [SynthCell] = [
            isCSV ? .text(String(sequenceNumber)) : .number(String(sequenceNumber)),
            .text(slot.constituency), .text(slot.group), row.name, row.gender, .text(row.ethnicity), row.birthDate,
            row.id, .text(township.address(slot)), row.remarks,
        ]
        switch row.shape {
        case .regular: break
        case .extraCell(let text): cells.append(.text(text))
        case .lastCellMissing: cells.removeLast()
        }
        try register?.write(row: lastRow, cells)
        try expect(.person(file: fileName("roll"), row: lastRow, codes: row.codes))
    }

    func expect(_ expectation: SynthExpectation) throws(OutputError) {
        try expected.write(expectation.jsonLine)
        for code in expectation.codes { summary.codes[code.rawValue, default: 0] += 1 }
    }

    /// A date in a list, as the office that made the list writes it.
    func listDate(_ date: CivilDate) -> SynthCell {
        if !isCSV, listRandom.chance(0.7) { return .date(date) }
        return listRandom.pick(SynthDateStyle.dayStyles).cell(date)
    }

    /// A day some days from election day (negative: before).
    func day(_ offset: Int) -> CivilDate {
        options.electionDay.adding(days: offset) ?? options.electionDay
    }
}
