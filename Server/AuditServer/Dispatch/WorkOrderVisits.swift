import Foundation
import Shared

/// The visits made for one work order, as progress and the plan both count them.
enum WorkOrderVisits {
    /// The stored states of work order `id`'s visits that are not retired.
    static func states(of id: String, in db: any StoreConnection) throws -> [RecordState] {
        try db.values(Data.self, """
            SELECT r.state FROM visit_work_orders v JOIN record_counties d ON d.kind = 'audit_visit' AND d.id = v.visit
            JOIN records r ON r.county = d.county AND r.kind = d.kind AND r.id = d.id
            WHERE v.work_order = ?
            """, [id]).map(RecordTable.decode).filter { !$0.flag("retired") }
    }
}
