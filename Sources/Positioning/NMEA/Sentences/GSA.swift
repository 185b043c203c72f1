/// `GSA`: the satellites used in the solution and the dilutions of precision.
public struct GSA: Hashable, Sendable {
    /// `M` manual or `A` automatic 2D/3D selection.
    public var selection: Character?
    /// 1 no fix, 2 two-dimensional, 3 three-dimensional.
    public var fixType: Int?
    /// The PRNs of the satellites used (up to 12).
    public var satellites: [Int]
    /// Position dilution of precision.
    public var pdop: Double?
    /// Horizontal dilution of precision.
    public var hdop: Double?
    /// Vertical dilution of precision.
    public var vdop: Double?

    init(_ fields: NMEAFields) throws(NMEAFieldError) {
        try fields.require(17)
        selection = try fields.letter(1, "selection", allowed: "MA")
        fixType = try fields.int(2, "fix type", in: 1...3)
        var satellites: [Int] = []
        for index in 3...14 {
            if let prn = try fields.int(index, "satellite PRN", in: 0...999) { satellites.append(prn) }
        }
        self.satellites = satellites
        pdop = try fields.double(15, "PDOP", in: 0...100)
        hdop = try fields.double(16, "HDOP", in: 0...100)
        vdop = try fields.double(17, "VDOP", in: 0...100)
    }
}
