/// `GLL`: geographic position with time and validity.
public struct GLL: Hashable, Sendable {
    /// Latitude in signed decimal degrees.
    public var latitude: Double?
    /// Longitude in signed decimal degrees.
    public var longitude: Double?
    /// UTC time of day in seconds since midnight.
    public var timeOfDay: Double?
    /// `true` for status `A`.
    public var isValid: Bool

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(6)
        latitude = try fields.latitude(1)
        longitude = try fields.longitude(3)
        timeOfDay = try fields.timeOfDay(5)
        isValid = try fields.letter(6, "status", allowed: "AV") == "A"
    }
}
