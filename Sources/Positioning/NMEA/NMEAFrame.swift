/// One sentence cut out of the byte stream, before its checksum is checked or its fields are read.
public struct NMEAFrame: Hashable, Sendable {
    /// `$` for ordinary sentences, `!` for encapsulated ones (AIS).
    public var start: UInt8
    /// The bytes between the start character and the `*` (or the line end when there is no checksum).
    public var body: [UInt8]
    /// The value of the `*hh` checksum, or `nil` when the sentence had none.
    public var checksum: UInt8?
    /// The 1-based input line the sentence started on.
    public var line: Int

    /// The whole sentence as it was read, for messages.
    public var text: String {
        NMEARejection.render([start] + body + (checksum.map { Array("*\(NMEAChecksum.hex($0))".utf8) } ?? []))
    }
}
