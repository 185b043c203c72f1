import Foundation

/// Where positions come from, as written on a command line:
/// `gpsd://HOST:PORT`, `nmea:PATH[?speed=N]`, `gpx:PATH[?speed=N]` or `none`.
///
/// `gpsd://` alone means 127.0.0.1:2947, gpsd's default; a host without a port uses 2947; IPv6 hosts
/// go in brackets (`gpsd://[::1]:2947`). `speed=N` plays a log at N times its recorded pace
/// (`speed=1` is real time); without it the caller's default applies.
public enum PositionSourceSpec: Hashable, Sendable, CustomStringConvertible {
    /// A gpsd daemon.
    case gpsd(host: String, port: Int)
    /// An NMEA 0183 log replayed; `speed` is `nil` when the spec did not give one.
    case nmea(path: String, speed: Double?)
    /// A GPX track replayed.
    case gpx(path: String, speed: Double?)
    /// No positioning.
    case none

    /// gpsd's standard port.
    public static let defaultGpsdPort = 2947

    /// Parses a spec, or throws an error that says what is wrong and what is expected.
    public init(parsing text: String) throws(PositionSourceSpecError) {
        let spec = text.trimmingCharacters(in: .whitespaces)
        if spec == "none" {
            self = .none
        } else if spec.hasPrefix("gpsd://") {
            self = try Self.gpsd(String(spec.dropFirst("gpsd://".count)), text)
        } else if spec.hasPrefix("nmea:") {
            let (path, speed) = try Self.file(String(spec.dropFirst("nmea:".count)), text)
            self = .nmea(path: path, speed: speed)
        } else if spec.hasPrefix("gpx:") {
            let (path, speed) = try Self.file(String(spec.dropFirst("gpx:".count)), text)
            self = .gpx(path: path, speed: speed)
        } else {
            throw PositionSourceSpecError(spec: text, problem: "unknown kind of source")
        }
    }

    /// The source this spec names; `defaultSpeed` paces a log whose spec gave no speed
    /// (`nil`: as fast as possible), `options` rule the NMEA reader. `none` gives a source that
    /// ends at once.
    public func makeSource(defaultSpeed: Double? = 1, options: NMEAReaderOptions = NMEAReaderOptions()) -> any PositionSource {
        switch self {
        case .gpsd(let host, let port): GpsdClient(host: host, port: port)
        case .nmea(let path, let speed): ReplaySource(path: path, format: .nmea, pace: ReplayPace(speed: speed ?? defaultSpeed), options: options)
        case .gpx(let path, let speed): ReplaySource(path: path, format: .gpx, pace: ReplayPace(speed: speed ?? defaultSpeed))
        case .none: NoPositionSource()
        }
    }

    /// The spec written back in its command-line form.
    public var description: String {
        func query(_ speed: Double?) -> String { speed.map { "?speed=\($0)" } ?? "" }
        return switch self {
        case .gpsd(let host, let port): "gpsd://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .nmea(let path, let speed): "nmea:\(path)\(query(speed))"
        case .gpx(let path, let speed): "gpx:\(path)\(query(speed))"
        case .none: "none"
        }
    }

    private static func gpsd(_ address: String, _ text: String) throws(PositionSourceSpecError) -> PositionSourceSpec {
        var host = address, portText: Substring?
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else {
                throw PositionSourceSpecError(spec: text, problem: "an IPv6 host needs a closing ']'")
            }
            host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw PositionSourceSpecError(spec: text, problem: "unexpected '\(rest)' after the host") }
                portText = rest.dropFirst()
            }
        } else if let colon = address.lastIndex(of: ":") {
            host = String(address[..<colon])
            portText = address[address.index(after: colon)...]
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains("/"), !host.contains("?") else {
            throw PositionSourceSpecError(spec: text, problem: "'\(host)' is not a host name")
        }
        var port = defaultGpsdPort
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                throw PositionSourceSpecError(spec: text, problem: "port '\(portText)' must be a number from 1 to 65535")
            }
            port = value
        }
        return .gpsd(host: host, port: port)
    }

    private static func file(_ rest: String, _ text: String) throws(PositionSourceSpecError) -> (String, Double?) {
        var path = rest[...], speed: Double?
        if let mark = rest.lastIndex(of: "?") {
            path = rest[..<mark]
            for option in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = option.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "speed" else {
                    throw PositionSourceSpecError(spec: text, problem: "unknown option '\(option)' (the only option is speed=N)")
                }
                guard let value = Double(parts[1]), value.isFinite, value > 0 else {
                    throw PositionSourceSpecError(spec: text, problem: "speed '\(parts[1])' must be a number above 0 (1 is real time)")
                }
                speed = value
            }
        }
        guard !path.isEmpty else { throw PositionSourceSpecError(spec: text, problem: "the file path is missing") }
        return (String(path), speed)
    }
}
