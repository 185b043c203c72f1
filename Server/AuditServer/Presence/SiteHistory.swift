import Shared

/// Where a customer's site was at a given time (table `customer_site_history`), so a visit is
/// measured against the site as the server knew it then, not as it is now.
enum SiteHistory {
    /// The site of `customer` at `milliseconds` since 1970: the newest entry from then or before,
    /// else the first one known; `nil` when the customer never had a location.
    static func site(of customer: String, at milliseconds: Int64, in db: any StoreConnection) throws -> GeoPoint? {
        let row = try db.row("""
            SELECT lat, lon FROM customer_site_history WHERE id = ? AND from_ms <= ? ORDER BY from_ms DESC, rowid DESC LIMIT 1
            """, [customer, milliseconds])
            ?? db.row("SELECT lat, lon FROM customer_site_history WHERE id = ? ORDER BY from_ms, rowid LIMIT 1", [customer])
        guard let row, let latitude = row[0] as Double?, let longitude = row[1] as Double? else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
