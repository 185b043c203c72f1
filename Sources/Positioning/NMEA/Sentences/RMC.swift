/// `RMC`: the recommended minimum — time, date, validity, position, speed and course.
public struct RMC: Hashable, Sendable {
    /// UTC time of day in seconds since midnight.
    public var timeOfDay: Double?
    /// `true` for status `A` (valid), `false` for `V` (void: the receiver has no fix).
    public var isValid: Bool
    /// Latitude in signed decimal degrees.
    public var latitude: Double?
    /// Longitude in signed decimal degrees.
    public var longitude: Double?
    /// Speed over ground in knots.
    public var speedKnots: Double?
    /// Course over ground in degrees true.
    public var course: Double?
    /// The UTC date.
    public var day: UTCDay?
    /// NMEA 2.3 mode indicator: A autonomous, D differential, E estimated, M manual, S simulator, N not valid, R/F RTK.
    public var mode: Character?

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(11)
        timeOfDay = try fields.timeOfDay(1)
        isValid = try fields.letter(2, "status", allowed: "AV") == "A"
        latitude = try fields.latitude(3)
        longitude = try fields.longitude(5)
        speedKnots = try fields.double(7, "speed", in: 0...100_000)
        course = try fields.double(8, "course", in: 0...360)
        day = try fields.day(9)
        mode = try fields.letter(12, "mode", allowed: "ADEMSNRFP")
    }

    /// The fix quality the mode indicator stands for.
    var quality: FixQuality {
        switch mode {
        case "D": .dgps
        case "E": .estimated
        case "M": .manual
        case "S": .simulation
        case "R": .rtk
        case "F": .floatRTK
        case "P": .pps
        case "N": .none
        default: .gps
        }
    }
}
