extension QualityNote {
    /// Reads one note at the reader's position inside an array (a pull's or a packet's `findings`);
    /// the reader is left after it. Its `detail` is an object of strings.
    static func read(_ reader: inout WireByteReader, depth: Int, path: String) throws(WireError) -> QualityNote {
        let object = try ObjectReading.element(&reader, shapes: ["rule": .value, "subject": .value, "kind": .value, "field": .value,
                                                                 "severity": .value, "detail": .value],
                                               depth: depth, path: path)
        let severityName = try object.string("severity", &reader)
        guard let severity = QualitySeverity(rawValue: severityName) else {
            throw WireError(path: object.path("severity"), problem: "Cannot initialize QualitySeverity from invalid String value \(severityName)")
        }
        let note = QualityNote(rule: try object.string("rule", &reader), subject: try object.string("subject", &reader),
                               kind: try object.kind("kind", &reader), field: try object.string("field", &reader),
                               severity: severity, detail: try readDetail(object, &reader))
        reader.position = object.end
        return note
    }

    /// The `detail` object: each member a string.
    private static func readDetail(_ note: ObjectReading, _ reader: inout WireByteReader) throws(WireError) -> [String: String] {
        _ = try note.member("detail", &reader)
        let detail = try ObjectReading(&reader, shapes: [:], depth: note.depth + 1, prefix: note.path("detail"), isDocument: false)
        var values: [String: String] = [:]
        for key in detail.members.keys { values[key] = try detail.string(key, &reader) }
        return values
    }
}

extension ObjectReading {
    /// An array of quality notes; `nil` when the member is absent (a server that predates them).
    func notes(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> [QualityNote]? {
        members[key] == nil ? nil : try array(key, &reader, QualityNote.read)
    }
}
