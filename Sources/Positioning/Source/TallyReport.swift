import Foundation

/// A tally as JSON: the last line `audit-terminal gps read --json` prints.
///
/// `{"summary":{"sentences_read":143,"decoded":88,"rejected":55,"fixes":2,"rejected_by_reason":{"bad_checksum":33,…}}}`
public struct TallyReport: Codable, Hashable, Sendable {
    /// The counts.
    public struct Summary: Codable, Hashable, Sendable {
        /// Sentences read: decoded plus rejected.
        public var sentencesRead: Int
        /// Sentences decoded.
        public var decoded: Int
        /// Sentences refused.
        public var rejected: Int
        /// Fixes delivered.
        public var fixes: Int
        /// Reason (words joined by `_`, for example `malformed_field_9`) to count.
        public var rejectedByReason: [String: Int]

        enum CodingKeys: String, CodingKey {
            case decoded, rejected, fixes
            case sentencesRead = "sentences_read", rejectedByReason = "rejected_by_reason"
        }
    }

    /// The counts.
    public var summary: Summary

    /// The report of `tally`.
    public init(_ tally: PositionTally) {
        summary = Summary(sentencesRead: tally.read, decoded: tally.sentences, rejected: tally.rejected, fixes: tally.fixes,
                          rejectedByReason: Dictionary(uniqueKeysWithValues: tally.rejectionsByReason.map {
                              ($0.reason.description.replacingOccurrences(of: " ", with: "_"), $0.count)
                          }))
    }
}
