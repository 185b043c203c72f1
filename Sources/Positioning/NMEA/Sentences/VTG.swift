/// `VTG`: course and speed over ground.
public struct VTG: Hashable, Sendable {
    /// Course over ground in degrees true.
    public var courseTrue: Double?
    /// Course over ground in degrees magnetic.
    public var courseMagnetic: Double?
    /// Speed in knots.
    public var speedKnots: Double?
    /// Speed in km/h.
    public var speedKilometresPerHour: Double?

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(8)
        courseTrue = try fields.double(1, "course true", in: 0...360)
        courseMagnetic = try fields.double(3, "course magnetic", in: 0...360)
        speedKnots = try fields.double(5, "speed in knots", in: 0...100_000)
        speedKilometresPerHour = try fields.double(7, "speed in km/h", in: 0...200_000)
    }

    /// Speed in metres per second, from knots or else km/h.
    var speedMetresPerSecond: Double? {
        speedKnots.map { $0 * Units.metresPerSecondPerKnot } ?? speedKilometresPerHour.map { $0 / 3.6 }
    }
}
