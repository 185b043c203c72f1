/// One decoded sentence: who sent it (the talker) and what it says.
public struct NMEASentence: Hashable, Sendable {
    /// What a sentence says, by type.
    public enum Payload: Hashable, Sendable {
        /// Fix data.
        case gga(GGA)
        /// Recommended minimum data.
        case rmc(RMC)
        /// Satellites used and dilutions of precision.
        case gsa(GSA)
        /// Satellites in view.
        case gsv(GSV)
        /// Course and speed.
        case vtg(VTG)
        /// Geographic position.
        case gll(GLL)
    }

    /// The two-letter talker: `GP` GPS, `GN` combined GNSS, `GL` GLONASS, `GA` Galileo, `BD`/`GB` BeiDou, `QZ` QZSS, …
    public var talker: String
    /// The three-letter type, for example `GGA`.
    public var type: String
    /// The decoded fields.
    public var payload: Payload
    /// The 1-based input line the sentence started on.
    public var line: Int
    /// The sentence as the receiver sent it (from `$` to the checksum), kept as evidence of a fix.
    public var raw: String = ""

    /// The sentence types this reader decodes.
    public static let supportedTypes: Set<String> = ["GGA", "RMC", "GSA", "GSV", "VTG", "GLL"]
}
