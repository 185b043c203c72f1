import Shared

/// One hazard as the console's detail shows it: the hazard as listed (``HazardRow``), every step
/// of its life (``HazardHistory``), the steps the office may take from where it stands, and the
/// auditors a re-inspection may be sent to.
struct HazardDetail: Encodable, Sendable {
    var hazard: HazardRow
    var steps: [HazardHistory.Step]
    /// ``HazardStep`` names, in the order of the life.
    var next: [String]
    var auditors: [String]
}

extension HazardService {
    /// The detail of hazard `id`, read at one moment.
    /// - Throws: ``HazardError`` 404 `not_found`.
    func detail(_ id: String, today: String = HazardService.today()) throws -> HazardDetail {
        try database.read { db in
            let hazard = try Self.hazard(id, in: db)
            return HazardDetail(hazard: HazardRow(hazard, today: today),
                                steps: try HazardHistory.read(RecordKey(kind: .hazard, id: hazard.id.rawValue), in: db).steps,
                                next: HazardStep.allCases.filter { $0.allowedFrom.contains(hazard.state) }.map(\.rawValue),
                                auditors: try ActiveAuditors.names(in: db))
        }
    }
}
