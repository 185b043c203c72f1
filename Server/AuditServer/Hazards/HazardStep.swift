import Shared

/// One step the office takes in a hazard's life, and the states it may be taken from.
///
/// found / reopened → plan → rectification planned → rectified → reinspect → re-inspection
/// scheduled; the re-inspecting auditor's tablet moves it on to re-inspected or reopened; close
/// takes a re-inspected hazard to closed.
public enum HazardStep: String, Sendable, CaseIterable {
    /// Name who rectifies the hazard and by when (again, to change the plan).
    case plan
    /// Report the hazard rectified.
    case rectified
    /// Put a re-inspection stop on an auditor's work order.
    case reinspect
    /// Close the hazard after a passed re-inspection.
    case close

    /// The states this step may be taken from.
    public var allowedFrom: [HazardState] {
        switch self {
        case .plan: [.found, .rectificationPlanned, .reopened]
        case .rectified: [.rectificationPlanned]
        case .reinspect: [.rectified, .reinspectionScheduled]
        case .close: [.reinspected]
        }
    }

    /// The state the step leads to.
    public var target: HazardState {
        switch self {
        case .plan: .rectificationPlanned
        case .rectified: .rectified
        case .reinspect: .reinspectionScheduled
        case .close: .closed
        }
    }

    /// Refuses (409 `invalid_transition`) a hazard this step may not be taken from.
    func require(_ hazard: Hazard) throws(HazardError) {
        guard allowedFrom.contains(hazard.state) else {
            throw HazardError(status: 409, code: "invalid_transition", LocalizedText("hazard.transition_refused", [
                "id": hazard.id.rawValue, "state": hazard.state.rawValue,
                "allowed": allowedFrom.map(\.rawValue).joined(separator: ", "),
            ]), step: self)
        }
    }
}

/// A refused office step on a hazard: an HTTP status, a stable code, and the words in any language.
public struct HazardError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: LocalizedText
    /// The step refused, whose name the message uses.
    public var step: HazardStep?

    init(status: Int, code: String, _ message: LocalizedText, step: HazardStep? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.step = step
    }

    /// The words in `language`, states and steps named in it too.
    public func text(in language: Language) -> String {
        var message = message
        if let state = message.values["state"].flatMap(HazardState.init(rawValue:)) { message.values["state"] = state.label(in: language) }
        if let allowed = message.values["allowed"] {
            message.values["allowed"] = allowed.components(separatedBy: ", ")
                .map { HazardState(rawValue: $0)?.label(in: language) ?? $0 }.joined(separator: language == .english ? ", " : "、")
        }
        if let step { message.values["action"] = language.localized("hazard.action." + step.rawValue) }
        return message.text(in: language)
    }

    public var description: String { text(in: .english) }

    /// The same refusal as an API error, in English.
    var apiError: APIError { APIError(status: status, code: code, detail: description) }
}
