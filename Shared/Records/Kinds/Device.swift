/// A piece of equipment: a meter at a customer, or a transformer, pole or switch on the network.
public struct Device: AuditRecord {
    public static let kind = RecordKind.device
    public var id: TypedID<Device>
    /// The serial number as read from the nameplate.
    public var serial: String
    public var deviceKind: DeviceKind
    /// The customer the device serves, if any.
    public var customer: TypedID<Customer>?
    /// The seal number on the meter cover.
    public var seal: String?
    public var model: String?
    public var voltageLevel: VoltageLevel?
    public var status: DeviceStatus?
    public var location: GeoPoint?
    public var notes: String?
    /// Retired records are kept, never deleted.
    public var retired: Bool

    /// Creates a device; the optional fields start empty.
    public init(id: TypedID<Device>, serial: String, kind: DeviceKind) {
        self.id = id
        self.serial = serial
        self.deviceKind = kind
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        serial = state.text("serial") ?? ""
        deviceKind = state.code("kind") ?? .meter
        customer = state.text("customer").map(TypedID.init(unchecked:))
        seal = state.text("seal")
        model = state.text("model")
        voltageLevel = state.code("voltage_level")
        status = state.code("status")
        location = state.location("location")
        notes = state.text("notes")
        retired = state.flag("retired")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("serial", .text(serial)),
            ("kind", .text(deviceKind.rawValue)),
            ("customer", .optional(customer?.rawValue)),
            ("seal", .optional(seal)),
            ("model", .optional(model)),
            ("voltage_level", .optional(voltageLevel)),
            ("status", .optional(status)),
            ("location", .optional(location)),
            ("notes", .optional(notes)),
            ("retired", .flag(retired)),
        ]
    }
}
