/// Combines the sentences of one epoch (one measurement instant) into a ``Fix``.
///
/// An epoch is the run of sentences that share a UTC time: GGA, RMC and GLL carry the time; GSA and
/// VTG, which carry none, belong to the epoch open when they arrive. The first GGA, RMC or GLL with a
/// different time closes the epoch; an empty time field counts as different from any time (a void
/// sentence without a time never overwrites a fix). A closed epoch becomes a fix when one of its sentences
/// reports a position as valid: GGA with quality above 0, else RMC with status `A`, else GLL with
/// status `A` — the first of these gives position and quality. GGA adds satellites, HDOP and
/// altitude (GSA fills satellites and HDOP when GGA has none); RMC, else VTG, gives speed and course.
///
/// The date comes from the epoch's RMC. An epoch without an RMC date takes the date of the latest
/// RMC if its time of day is not earlier than that RMC's (the same day); otherwise it has no date.
public struct NMEAFixAssembler: Sendable {
    private struct Epoch {
        var timeOfDay: Double?
        var hasClockSentence = false
        var gga: GGA?
        var rmc: RMC?
        var ggaRaw: String?
        var rmcRaw: String?
        var gll: GLL?
        var vtg: VTG?
        var gsaSatellites = 0
        var gsaHdop: Double?
        var isEmpty = true
    }

    private var epoch = Epoch()
    private var lastDay: (day: UTCDay, timeOfDay: Double)?

    /// Creates an assembler with no epoch open.
    public init() {}

    /// Adds a sentence; returns the fix of the previous epoch when this sentence starts a new one.
    public mutating func add(_ sentence: NMEASentence) -> Fix? {
        var completed: Fix?
        if let time = Self.clock(sentence.payload) {
            if epoch.hasClockSentence && !Self.same(epoch.timeOfDay, time) {
                completed = close()
            }
            epoch.hasClockSentence = true
            epoch.timeOfDay = time
        }
        epoch.isEmpty = false
        switch sentence.payload {
        case .gga(let gga):
            epoch.gga = gga
            epoch.ggaRaw = sentence.raw
        case .rmc(let rmc):
            epoch.rmc = rmc
            epoch.rmcRaw = sentence.raw
            if let day = rmc.day, let time = rmc.timeOfDay { lastDay = (day, time) }
        case .gll(let gll): epoch.gll = gll
        case .vtg(let vtg): epoch.vtg = vtg
        case .gsa(let gsa):
            epoch.gsaSatellites += gsa.satellites.count
            epoch.gsaHdop = epoch.gsaHdop ?? gsa.hdop
        case .gsv: break
        }
        return completed
    }

    /// Closes the open epoch at the end of the input and returns its fix, if it has one.
    public mutating func finish() -> Fix? {
        close()
    }

    private mutating func close() -> Fix? {
        defer { epoch = Epoch() }
        guard !epoch.isEmpty, let position = position() else { return nil }
        let time = epoch.timeOfDay.map { FixTime(secondsOfDay: $0, day: day(for: $0)) }
        let speed = epoch.rmc?.speedKnots.map { $0 * Units.metresPerSecondPerKnot } ?? epoch.vtg?.speedMetresPerSecond
        return Fix(time: time, latitude: position.latitude, longitude: position.longitude, quality: position.quality,
                   satellites: epoch.gga?.satellites ?? (epoch.gsaSatellites > 0 ? epoch.gsaSatellites : nil),
                   hdop: epoch.gga?.hdop ?? epoch.gsaHdop, altitude: epoch.gga?.altitude,
                   speed: speed, course: epoch.rmc?.course ?? epoch.vtg?.courseTrue, raw: position.raw)
    }

    /// The position of the epoch, its quality, and the sentence it was read from (GGA or RMC; none for GLL).
    private func position() -> (latitude: Double, longitude: Double, quality: FixQuality, raw: String?)? {
        if let gga = epoch.gga, gga.quality.hasPosition, let latitude = gga.latitude, let longitude = gga.longitude {
            return (latitude, longitude, gga.quality, epoch.ggaRaw)
        }
        if let rmc = epoch.rmc, rmc.isValid, rmc.quality.hasPosition, let latitude = rmc.latitude, let longitude = rmc.longitude {
            return (latitude, longitude, rmc.quality, epoch.rmcRaw)
        }
        if let gll = epoch.gll, gll.isValid, let latitude = gll.latitude, let longitude = gll.longitude {
            return (latitude, longitude, .gps, nil)
        }
        return nil
    }

    private func day(for timeOfDay: Double) -> UTCDay? {
        if let day = epoch.rmc?.day { return day }
        guard let lastDay, timeOfDay >= lastDay.timeOfDay else { return nil }
        return lastDay.day
    }

    /// For the sentences that carry a time field (GGA, RMC, GLL): the time, `nil` inside when the
    /// field is empty. `nil` for the sentences without one.
    private static func clock(_ payload: NMEASentence.Payload) -> Double?? {
        switch payload {
        case .gga(let gga): .some(gga.timeOfDay)
        case .rmc(let rmc): .some(rmc.timeOfDay)
        case .gll(let gll): .some(gll.timeOfDay)
        case .gsa, .gsv, .vtg: nil
        }
    }

    private static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) <= 0.0005
        default: false
        }
    }
}
