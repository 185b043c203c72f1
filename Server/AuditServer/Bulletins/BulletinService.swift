import Foundation
import Routing
import Shared

/// Bulletins of the daily, weekly and monthly rhythm: the one service `audit-server bulletin` and
/// the console's bulletin page both ask for a period's figures.
public struct BulletinService: Sendable {
    let database: any ServerStore

    /// Reads the store `database`.
    public init(database: any ServerStore) { self.database = database }

    /// Why a bulletin cannot be made: the words are in the catalogue, for the reader's language.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: LocalizedText
        /// The words in English.
        public var description: String { reason.english }
    }

    /// The period of `kind` containing `date` (`YYYY-MM-DD`), or the last complete one on `today`.
    /// - Throws: ``Refusal`` for a date that is not one, or a period that has not begun by `today`.
    public static func period(_ kind: BulletinPeriod.Kind, date: String?, today: CalendarDay = CalendarDay(Date(), in: .gmt)) throws -> BulletinPeriod {
        guard let date else { return .lastComplete(kind, today: today) }
        guard let day = CalendarDay(parsing: date) else { throw Refusal(reason: LocalizedText("bulletin.refused.date", ["date": date])) }
        let period = BulletinPeriod(kind, containing: day)
        guard period.start <= today else {
            throw Refusal(reason: LocalizedText("bulletin.refused.future", ["date": date, "today": today]))
        }
        return period
    }

    /// The counties customers lie in, sorted (`""`, customers without one, left out).
    public func counties() throws -> [String] {
        try database.read { db in try Self.counties(in: db) }
    }

    static func counties(in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, "SELECT DISTINCT county FROM customer_map WHERE county <> '' ORDER BY county")
    }

    /// The bulletin of `period`, of `county` alone when given.
    /// - Throws: ``Refusal`` when no customer lies in `county`.
    public func report(_ period: BulletinPeriod, county: String? = nil) throws -> BulletinReport {
        try database.read { db in
            if let county, !(try db.exists("SELECT 1 FROM customer_map WHERE county = ?", [county])) {
                let known = try Self.counties(in: db)
                throw Refusal(reason: LocalizedText("bulletin.refused.county", [
                    "county": county, "counties": known.isEmpty ? "-" : known.prefix(20).joined(separator: ", ")]))
            }
            return try BulletinReport.compute(period: period, county: county, in: db)
        }
    }

    /// Tells every supervisor who may be sent text messages that `report`'s bulletin is ready,
    /// once per bulletin (the key names the period, the county and the supervisor).
    /// - Returns: how many messages were new in the outbox.
    @discardableResult
    public func announce(_ report: BulletinReport, now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) throws -> Int {
        try database.write { db in try BulletinReminders.enqueue(report, now: now, in: db) }
    }
}
