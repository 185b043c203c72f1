/// A customer account at a supply point, as the auditor and the dispatcher see it.
public struct Customer: AuditRecord {
    public static let kind = RecordKind.customer
    public var id: TypedID<Customer>
    /// The MIS account number, 6 to 20 digits.
    public var account: String
    public var name: String
    /// The address as found on site.
    public var address: String?
    public var phone: String?
    public var email: String?
    public var category: CustomerCategory?
    public var tariff: String?
    /// The supply line (feeder) the customer hangs on.
    public var feeder: String?
    /// The distribution transformer that supplies the customer.
    public var transformer: String?
    /// Contracted capacity in kVA.
    public var capacityKVA: Double?
    /// 1 for single-phase, 3 for three-phase supply.
    public var phases: Int64?
    /// The supply point's position.
    public var location: GeoPoint?
    public var accountStatus: AccountStatus?
    /// The county's administrative division code, 2 to 12 digits; set by the office or the MIS.
    public var county: String?
    /// A booked visit, `YYYY-MM-DD HH:MM-HH:MM`.
    public var appointment: String?
    public var notes: String?
    /// Retired records are kept, never deleted.
    public var retired: Bool

    /// Creates a customer; the optional fields start empty.
    public init(id: TypedID<Customer>, account: String, name: String) {
        self.id = id
        self.account = account
        self.name = name
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        account = state.text("account") ?? ""
        name = state.text("name") ?? ""
        address = state.text("address")
        phone = state.text("phone")
        email = state.text("email")
        category = state.code("category")
        tariff = state.text("tariff")
        feeder = state.text("feeder")
        transformer = state.text("transformer")
        capacityKVA = state.decimal("capacity_kva")
        phases = state.integer("phases")
        location = state.location("location")
        accountStatus = state.code("account_status")
        county = state.text("county")
        appointment = state.text("appointment")
        notes = state.text("notes")
        retired = state.flag("retired")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("account", .text(account)),
            ("name", .text(name)),
            ("address", .optional(address)),
            ("phone", .optional(phone)),
            ("email", .optional(email)),
            ("category", .optional(category)),
            ("tariff", .optional(tariff)),
            ("feeder", .optional(feeder)),
            ("transformer", .optional(transformer)),
            ("capacity_kva", .optional(capacityKVA)),
            ("phases", .optional(phases)),
            ("location", .optional(location)),
            ("account_status", .optional(accountStatus)),
            ("county", .optional(county)),
            ("appointment", .optional(appointment)),
            ("notes", .optional(notes)),
            ("retired", .flag(retired)),
        ]
    }
}
