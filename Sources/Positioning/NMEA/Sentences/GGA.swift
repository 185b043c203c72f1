/// `GGA`: the fix itself — time, position, quality, satellites used, HDOP, altitude.
public struct GGA: Hashable, Sendable {
    /// UTC time of day in seconds since midnight.
    public var timeOfDay: Double?
    /// Latitude in signed decimal degrees.
    public var latitude: Double?
    /// Longitude in signed decimal degrees.
    public var longitude: Double?
    /// Fix quality (field 6).
    public var quality: FixQuality
    /// Satellites used.
    public var satellites: Int?
    /// Horizontal dilution of precision.
    public var hdop: Double?
    /// Altitude above mean sea level, metres.
    public var altitude: Double?
    /// Height of the geoid above the WGS 84 ellipsoid, metres.
    public var geoidSeparation: Double?

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(9)
        timeOfDay = try fields.timeOfDay(1)
        latitude = try fields.latitude(2)
        longitude = try fields.longitude(4)
        let code = try fields.int(6, "quality", in: 0...8) ?? 0
        quality = FixQuality(rawValue: code) ?? .none
        satellites = try fields.int(7, "satellites", in: 0...99)
        hdop = try fields.double(8, "HDOP", in: 0...100)
        altitude = try fields.double(9, "altitude")
        geoidSeparation = try fields.double(11, "geoid separation")
    }
}
