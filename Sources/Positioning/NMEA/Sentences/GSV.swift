/// `GSV`: satellites in view, up to four per sentence, split over several sentences.
public struct GSV: Hashable, Sendable {
    /// One satellite in view.
    public struct Satellite: Hashable, Sendable {
        /// The satellite's PRN.
        public var prn: Int
        /// Elevation in degrees, 0–90.
        public var elevation: Int?
        /// Azimuth in degrees true, 0–359.
        public var azimuth: Int?
        /// Signal-to-noise ratio in dB-Hz, or `nil` when not tracked.
        public var snr: Int?
    }

    /// How many GSV sentences make up the set.
    public var totalMessages: Int
    /// This sentence's number in the set, from 1.
    public var messageNumber: Int
    /// Satellites in view in total.
    public var satellitesInView: Int?
    /// The satellites this sentence describes.
    public var satellites: [Satellite]

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(3)
        // Satellites come in groups of four fields; NMEA 4.1 may add one signal-id field at the end.
        let extra = (fields.count - 3) % 4
        guard extra <= 1 else {
            throw NMEAFieldError(index: fields.count, message: "satellites: each needs four fields (PRN, elevation, azimuth, SNR)")
        }
        totalMessages = try fields.int(1, "message count", in: 1...9) ?? 1
        messageNumber = try fields.int(2, "message number", in: 1...9) ?? 1
        guard messageNumber <= totalMessages else {
            throw NMEAFieldError(index: 2, message: "message number: \(messageNumber) is above the count \(totalMessages)")
        }
        satellitesInView = try fields.int(3, "satellites in view", in: 0...99)
        var satellites: [Satellite] = []
        var index = 4
        while index + 3 <= fields.count {
            if let prn = try fields.int(index, "satellite PRN", in: 0...999) {
                satellites.append(Satellite(prn: prn, elevation: try fields.int(index + 1, "elevation", in: -90...90),
                                            azimuth: try fields.int(index + 2, "azimuth", in: 0...360),
                                            snr: try fields.int(index + 3, "SNR", in: 0...99)))
            }
            index += 4
        }
        self.satellites = satellites
    }
}
