import Shared

/// The open record: its state, its devices, which row is selected and what is being typed.
public struct RecordScreenState: Sendable {
    /// The record as stored.
    public var state: RecordState
    /// The devices of a customer (empty for other kinds).
    public var devices: [RecordState]
    /// The open hazards at a customer, the most severe first (empty for other kinds): shown above
    /// the fields, so the auditor sees them before knocking.
    public var hazards: [Hazard] = []
    /// The open data-quality findings about the record and its devices, each shown beside the
    /// field it concerns, the most severe first.
    public var findings: [QualityNote] = []
    /// The selected row: fields first (schema order), then devices.
    public var selection = 0
    /// The first row shown.
    public var scroll = 0
    /// The field being edited, if any.
    public var editing: FieldEdit?
    /// Text typed for fields and not saved yet, by field name; kept when editing stops.
    public var drafts: [String: String] = [:]
    /// The visit form, while open.
    public var visit: VisitForm?
    /// The outcome of the last save, shown under the fields.
    public var message: Message?

    /// A line under the fields after a save or a refusal.
    public struct Message: Hashable, Sendable {
        /// The text.
        public var text: String
        /// Whether it reports a problem.
        public var isProblem: Bool

        /// A message.
        public init(_ text: String, isProblem: Bool) {
            self.text = text
            self.isProblem = isProblem
        }
    }

    /// The screen for `state` with its `devices`, the open `hazards` at it and the open
    /// `findings` about it and its devices.
    public init(state: RecordState, devices: [RecordState], hazards: [Hazard] = [], findings: [QualityNote] = []) {
        self.state = state
        self.devices = devices
        self.hazards = hazards
        self.findings = findings
    }

    /// The number of selectable rows.
    public var rowCount: Int { state.schema.fields.count + devices.count }

    /// The field selected, when the selection is on a field.
    public var selectedField: FieldSpec? {
        selection < state.schema.fields.count ? state.schema.fields[selection] : nil
    }

    /// The device selected, when the selection is on a device.
    public var selectedDevice: RecordState? {
        let index = selection - state.schema.fields.count
        return index >= 0 && index < devices.count ? devices[index] : nil
    }
}
