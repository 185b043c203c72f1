import Shared
import TextUI

/// A field of a record being edited: the text typed and what the field's rule says about it.
public struct FieldEdit: Hashable, Sendable {
    /// The field's name.
    public var field: String
    /// The text typed so far (never cleared by a refusal).
    public var editor: LineEditor

    /// Starts editing `field` with `text`.
    public init(field: String, text: String) {
        self.field = field
        self.editor = LineEditor(text)
    }

    /// The rule's verdict on the text for `schema`: the parsed value, or the refusal naming the field and the rule.
    public func verdict(in schema: RecordSchema) -> Result<FieldValue, ValidationError> {
        do {
            return .success(try schema.field(named: field).spec.parse(editor.text))
        } catch {
            return .failure(error)
        }
    }
}
