import Crypto
import Foundation

/// SHA-256 as lower-case hex: the links of evidence chains.
public enum EvidenceHash {
    /// The hash `chain_prev` holds for the first item of a chain.
    public static let chainStart = String(repeating: "0", count: 64)

    /// SHA-256 of `data`, lower-case hex.
    public static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
