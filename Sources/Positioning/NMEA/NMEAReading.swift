/// What the stream reader makes of the input: a sentence, or a rejection with its reason.
public enum NMEAReading: Hashable, Sendable {
    /// A sentence whose checksum matched and whose fields were all readable.
    case sentence(NMEASentence)
    /// Input that did not become a sentence.
    case rejected(NMEARejection)
}
