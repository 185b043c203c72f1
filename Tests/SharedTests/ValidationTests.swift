import Shared
import Testing

/// Every field rule refuses what it must, with a message naming the field and the rule.
@Suite("Validation")
struct ValidationTests {
    static func parse(_ kind: RecordKind, _ field: String, _ text: String) throws(ValidationError) -> FieldValue {
        try kind.schema.field(named: field).spec.parse(text)
    }

    @Test("good values are read", arguments: [
        (RecordKind.customer, "account", "123456", FieldValue.text("123456")),
        (.customer, "account", "12345678901234567890", .text("12345678901234567890")),
        (.customer, "phone", "+49 921-555 0100", .text("+49 921-555 0100")),
        (.customer, "phone", "12345", .text("12345")),
        (.customer, "email", "li.wei@example.cn", .text("li.wei@example.cn")),
        (.customer, "category", "industrial", .text("industrial")),
        (.customer, "capacity_kva", "0", .decimal(0)),
        (.customer, "capacity_kva", " 12.5 ", .decimal(12.5)),
        (.customer, "phases", "3", .integer(3)),
        (.customer, "location", "-90,180", .location(GeoPoint(latitude: -90, longitude: 180))),
        (.customer, "location", "49.95, 11.57", .location(GeoPoint(latitude: 49.95, longitude: 11.57))),
        (.customer, "name", "王小明", .text("王小明")),
        (.customer, "phone", "", .null),
        (.customer, "retired", "yes", .flag(true)),
        (.device, "kind", "current_transformer", .text("current_transformer")),
        (.workOrder, "due", "2028-02-29", .text("2028-02-29")),
        (.workOrder, "customers", "cus-1, cus-2", .list(["cus-1", "cus-2"])),
        (.auditVisit, "time", "2026-11-23T10:15:00Z", .text("2026-11-23T10:15:00Z")),
        (.auditVisit, "time", "2026-11-23T10:15:00.250Z", .text("2026-11-23T10:15:00.250Z")),
        (.auditVisit, "outcome", "no-access", .text("no-access")),
    ])
    func accepted(kind: RecordKind, field: String, text: String, value: FieldValue) throws {
        #expect(try Self.parse(kind, field, text) == value)
    }

    @Test("bad values are refused with the field and the rule", arguments: [
        (RecordKind.customer, "account", "12345", "account: must be 6 to 20 digits (got \"12345\")"),
        (.customer, "account", "123456789012345678901", "account: must be 6 to 20 digits"),
        (.customer, "account", "12345a", "account: must be 6 to 20 digits"),
        (.customer, "account", "", "account: is required"),
        (.customer, "phone", "1234", "phone: must be 5 to 15 digits, optionally starting with +, with spaces or dashes allowed"),
        (.customer, "phone", "1234567890123456", "phone: must be 5 to 15 digits"),
        (.customer, "phone", "+49 (921) 555", "phone: must be 5 to 15 digits"),
        (.customer, "phone", "++4912345", "phone: must be 5 to 15 digits"),
        (.customer, "email", "li.wei@", "email: must be an e-mail address"),
        (.customer, "category", "household", "category: must be one of: residential, commercial, industrial, agricultural, public"),
        (.customer, "capacity_kva", "-1", "capacity_kva: must be a number of at least 0"),
        (.customer, "capacity_kva", "ten", "capacity_kva: must be a number of at least 0"),
        (.customer, "capacity_kva", "nan", "capacity_kva: must be a number of at least 0"),
        (.customer, "phases", "4", "phases: must be a whole number from 1 to 3"),
        (.customer, "location", "91,10", "location: latitude must be between -90 and 90"),
        (.customer, "location", "45,-180.5", "location: longitude must be between -180 and 180"),
        (.customer, "location", "45", "location: must be LAT,LON"),
        (.customer, "name", "Li\u{7}Wei", "name: must be text of at most 200 characters without control characters"),
        (.customer, "name", String(repeating: "x", count: 201), "name: must be text of at most 200 characters"),
        (.customer, "retired", "maybe", "retired: must be yes or no"),
        (.customer, "colour", "red", "colour: is not a field of customer; fields are account, name"),
        (.device, "kind", "toaster", "kind: must be one of: meter, current_transformer"),
        (.device, "status", "broken", "status: must be one of: in_service, faulty, tampered, removed, missing"),
        (.device, "voltage_level", "400V", "voltage_level: must be one of: lv, mv, hv"),
        (.device, "customer", "cus 1", "customer: must be the id of a customer"),
        (.workOrder, "due", "2026-02-30", "due: must be a date YYYY-MM-DD"),
        (.workOrder, "due", "23.11.2026", "due: must be a date YYYY-MM-DD"),
        (.workOrder, "priority", "0", "priority: must be a whole number from 1 to 5"),
        (.workOrder, "customers", "cus-1,cus 2", "customers: must be a comma-separated list of customer ids"),
        (.auditVisit, "time", "2026-11-23 10:15", "time: must be a UTC time YYYY-MM-DDTHH:MM:SSZ"),
        (.auditVisit, "outcome", "done", "outcome: must be one of: verified, corrected, not-found, no-access"),
        (.auditVisit, "fix_accuracy_m", "-3", "fix_accuracy_m: must be a number of at least 0"),
    ])
    func refused(kind: RecordKind, field: String, text: String, message: String) {
        #expect {
            _ = try Self.parse(kind, field, text)
        } throws: { error in
            String(describing: error).hasPrefix(message)
        }
    }

    @Test("a write that breaks a rule leaves the state unchanged")
    func writeRefused() throws {
        var state = RecordState(kind: .customer, id: "cus-9")
        try state.write(.text("123456"), to: "account", by: "server", at: .zero)
        let before = state
        #expect(throws: ValidationError(field: "account", rule: "is required")) {
            try state.write(.null, to: "account", by: "server", at: .zero)
        }
        #expect(throws: ValidationError.self) {
            try state.write(.integer(5), to: "account", by: "server", at: .zero)
        }
        #expect(state == before)
    }

    @Test("replica ids are short lower-case names")
    func replicaIDs() throws {
        #expect(try ReplicaID.terminal("tab-0042").role == .fieldDevice)
        #expect(ReplicaID.mis.role == .systemOfRecord)
        #expect(ReplicaID.server.role == .office)
        #expect(throws: ValidationError.self) { try ReplicaID(validating: "Tablet 1") }
        #expect(throws: ValidationError.self) { try ReplicaID(validating: "") }
    }

    @Test("required fields missing from a record are listed")
    func missingRequired() throws {
        var state = RecordState(kind: .workOrder, id: "wo-1")
        try state.write(.text("north"), to: "area", by: "server", at: .zero)
        #expect(state.missingRequiredFields == ["assignee", "customers", "status"])
    }
}
