import Shared

/// A place the auditor must visit: an id (a customer's), where it is, and how long the visit takes.
public struct TourStop: Sendable, Equatable, Codable {
    /// The stop's id.
    public var id: String
    /// Where it is.
    public var point: GeoPoint
    /// Seconds spent at the stop (see ``ServiceTimes``); 0 when not known.
    public var serviceTime: Double
    /// When the visit must begin, if an appointment was made.
    public var appointment: Appointment?

    /// Creates a stop.
    public init(id: String, point: GeoPoint, serviceTime: Double = 0, appointment: Appointment? = nil) {
        self.id = id
        self.point = point
        self.serviceTime = serviceTime
        self.appointment = appointment
    }

    enum CodingKeys: String, CodingKey {
        case id, point, appointment
        case serviceTime = "service_s"
    }

    /// Decodes a stop; `service_s` may be missing (0).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        point = try container.decode(GeoPoint.self, forKey: .point)
        serviceTime = try container.decodeIfPresent(Double.self, forKey: .serviceTime) ?? 0
        appointment = try container.decodeIfPresent(Appointment.self, forKey: .appointment)
    }
}
