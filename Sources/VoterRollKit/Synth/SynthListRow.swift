/// One row of a list file as it will be written (without its 序号), and its expected outcome.
struct SynthListRow {
    var cells: [SynthCell]
    var codes: [FindingCode]
    var decision = SynthExpectation.Decision.list
}
