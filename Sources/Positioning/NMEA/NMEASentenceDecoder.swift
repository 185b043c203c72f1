/// Turns a frame into a sentence: checks the checksum, the address and every field it reads.
struct NMEASentenceDecoder {
    let options: NMEAReaderOptions

    func decode(_ frame: NMEAFrame) -> Result<NMEASentence, NMEARejection> {
        func reject(_ reason: NMEARejectionReason, _ detail: String) -> Result<NMEASentence, NMEARejection> {
            .failure(NMEARejection(reason: reason, line: frame.line, text: frame.text, detail: detail))
        }
        let computed = NMEAChecksum.of(frame.body)
        if let checksum = frame.checksum {
            guard checksum == computed else {
                return reject(.badChecksum, "checksum says \(NMEAChecksum.hex(checksum)), sentence sums to \(NMEAChecksum.hex(computed))")
            }
        } else if options.missingChecksum == .reject {
            return reject(.noChecksum, "the line ends without *hh")
        }
        let parts = frame.body.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let address = String(decoding: parts.first ?? [], as: UTF8.self)
        if frame.start == UInt8(ascii: "!") || address.hasPrefix("P") {
            return reject(.unsupportedSentence, frame.start == UInt8(ascii: "!") ? "encapsulated (AIS) sentence" : "proprietary sentence \(address)")
        }
        guard address.utf8.count == 5, address.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) else {
            return reject(.badAddress, "expected a talker and a type such as GPGGA, got '\(address)'")
        }
        let talker = String(address.prefix(2)), type = String(address.suffix(3))
        guard NMEASentence.supportedTypes.contains(type) else {
            return reject(.unsupportedSentence, "\(type) is not decoded")
        }
        let fields = NMEAFields(parts.dropFirst().map { Substring(decoding: $0, as: UTF8.self) })
        do {
            let payload = try Self.payload(type, fields)
            return .success(NMEASentence(talker: talker, type: type, payload: payload, line: frame.line, raw: frame.text))
        } catch {
            return reject(.malformedField(error.index), error.message)
        }
    }

    private static func payload(_ type: String, _ fields: NMEAFields) throws(NMEAFieldError) -> NMEASentence.Payload {
        switch type {
        case "GGA": .gga(try GGA(fields))
        case "RMC": .rmc(try RMC(fields))
        case "GSA": .gsa(try GSA(fields))
        case "GSV": .gsv(try GSV(fields))
        case "VTG": .vtg(try VTG(fields))
        default: .gll(try GLL(fields))
        }
    }
}
