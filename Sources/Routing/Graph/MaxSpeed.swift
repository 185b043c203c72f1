/// Reads OSM `maxspeed` values: km/h numbers (`50`), miles per hour (`30 mph`), the implicit zone
/// values (`DE:urban` 50, `DE:rural` 100, `DE:living_street` and `walk` 7, `DE:zone30` 30) for any
/// country prefix. `none` and `DE:motorway` (no limit) and anything unreadable give nil.
enum MaxSpeed {
    /// The limit in km/h, or nil when there is none or it cannot be read.
    static func kmh(_ tag: String) -> Double? {
        let value = tag.lowercased().filter { !$0.isWhitespace }
        if let number = Double(value), number > 0 { return number }
        if value.hasSuffix("mph"), let number = Double(value.dropLast(3)), number > 0 { return number * 1.609344 }
        if value == "walk" { return 7 }
        let zone = value.split(separator: ":").dropFirst().joined(separator: ":")
        switch zone {
        case "urban": return 50
        case "rural": return 100
        case "living_street": return 7
        default:
            let digits = zone.filter(\.isNumber)
            if zone.hasPrefix("zone"), let number = Double(digits), number > 0 { return number }
            return nil
        }
    }
}
