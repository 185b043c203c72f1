import Crypto
import Foundation

/// A tablet's signing key (Ed25519): made on the tablet at enrolment, never sent anywhere; the
/// server keeps only ``publicKey``.
public struct EvidenceKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() { key = Curve25519.Signing.PrivateKey() }

    /// A key from its raw 32 bytes (as ``rawRepresentation`` gave them).
    public init(rawRepresentation: Data) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
    }

    /// The private key's raw bytes, for the tablet's key file.
    public var rawRepresentation: Data { key.rawRepresentation }

    /// The public key, base64 (44 characters): what the server stores and visits name as `signer`.
    public var publicKey: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The signature of `payload`, base64 (88 characters).
    public func sign(_ payload: EvidencePayload) throws -> String {
        try key.signature(for: payload.bytes).base64EncodedString()
    }

    /// Whether `signature` (base64) is `publicKey`'s (base64) signature of `payload`. Never throws:
    /// a key or signature that does not decode is simply not valid.
    public static func isValid(_ signature: String, of payload: EvidencePayload, by publicKey: String) -> Bool {
        guard let keyBytes = Data(base64Encoded: publicKey), keyBytes.count == 32,
              let signatureBytes = Data(base64Encoded: signature), signatureBytes.count == 64,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else { return false }
        return key.isValidSignature(signatureBytes, for: payload.bytes)
    }
}
