import Crypto
import CryptoExtras
import Foundation

/// Office passwords, stored only as scrypt hashes: `scrypt$N$r$p$SALT$HASH` (salt and hash in base64).
///
/// The cost is N = 2^15, r = 8, p = 1: 32 MiB of memory and about 0.1 s of one core per check on
/// the development machine, so a stolen table costs an attacker the same for every guess, and the
/// login throttle (``LoginThrottle``) limits guesses online. The parameters are stored with each
/// hash, so raising them later keeps old hashes readable.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's N.
    public var logRounds = 15
    /// scrypt's block size r.
    public var blockSize = 8
    /// scrypt's parallelism p.
    public var parallelism = 1

    /// The hasher with the written-down cost.
    public init() {}

    /// The shortest password accepted.
    public static let minimumLength = 10

    /// The stored form of `password` with a new random salt.
    public func hash(_ password: String) throws -> String {
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let key = try derive(password, salt: salt, rounds: 1 << logRounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", "\(1 << logRounds)", "\(blockSize)", "\(parallelism)", salt.base64EncodedString(), key.base64EncodedString()]
            .joined(separator: "$")
    }

    /// Whether `password` matches `stored`, compared in constant time; `false` for a malformed hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let blockSize = Int(parts[2]),
              let parallelism = Int(parts[3]), let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              rounds > 1, rounds.nonzeroBitCount == 1, rounds <= 1 << 20, (1...16).contains(blockSize), (1...4).contains(parallelism),
              let actual = try? derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        return actual.count == expected.count && zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func derive(_ password: String, salt: Data, rounds: Int, blockSize: Int, parallelism: Int) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Data($0) }
    }
}
