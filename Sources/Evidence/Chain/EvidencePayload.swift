import Foundation
import Shared

/// The exact bytes a tablet signs for one piece of evidence (a visit or a track batch), and that
/// the server rebuilds from the stored record to check the signature.
///
/// Text, one `name=value` line per signed field in the schema's order, values written as
/// ``FieldValue/description`` with backslash, newline and carriage return escaped, then the chain:
/// the item's place in the device's chain and the hash of the item before it. Fields never written
/// are left out, so adding an optional field to a kind later does not change old payloads.
public struct EvidencePayload: Hashable, Sendable {
    /// The bytes signed.
    public let bytes: Data

    /// The version line that starts every payload.
    static let header = "fieldaudit-evidence-v1"

    /// The fields of a record kind that are not signed: set after the fact by the office or the chain.
    public static let unsignedFields: Set<String> = ["retired", "signer", "signature", "chain_seq", "chain_prev"]

    /// The payload of `values` (field name and value, in schema order) for the record `key` at
    /// position `sequence` of its chain, after the item whose hash is `previous`.
    public init(key: RecordKey, values: [(field: String, value: FieldValue)], sequence: Int64, previous: String) {
        var text = Self.header + "\n" + key.kind.rawValue + "\n" + key.id + "\n"
        for (field, value) in values where !Self.unsignedFields.contains(field) && value != .null {
            text += field + "=" + Self.escaped(value.description) + "\n"
        }
        text += "chain_seq=\(sequence)\nchain_prev=\(previous)\n"
        bytes = Data(text.utf8)
    }

    /// The payload of a stored record: its shown values, with the chain fields it carries.
    public init?(state: RecordState) {
        guard case .integer(let sequence)? = state.value(of: "chain_seq"), let previous = state.text("chain_prev") else { return nil }
        let values = state.schema.fields.compactMap { spec in state.value(of: spec.name).map { (spec.name, $0) } }
        self.init(key: state.key, values: values, sequence: sequence, previous: previous)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    /// The hash that the next item of the chain names as its predecessor: SHA-256 of these bytes
    /// and the signature, lower-case hex.
    public func link(signature: String) -> String {
        EvidenceHash.hex(bytes + Data(signature.utf8))
    }
}
