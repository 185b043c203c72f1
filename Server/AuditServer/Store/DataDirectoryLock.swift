import Foundation

/// An advisory lock on the data directory (`flock` on `DIR/serve.lock`): each running server
/// holds it shared, and `audit-server restore` takes it exclusively, so a store is never
/// replaced under a server that caches its states and hands out its change-log positions.
///
/// The lock is the kernel's: it goes with the process, even on kill -9.
final class DataDirectoryLock {
    /// Why the lock could not be taken.
    enum Failure: Error, CustomStringConvertible {
        /// Another process holds it in a way that excludes this one.
        case held(directory: String)
        /// The lock file could not be opened.
        case unusable(path: String, errno: Int32)

        var description: String {
            switch self {
            case .held(let directory): "a server is running on \(directory): stop it first (systemctl stop fieldaudit-server@…)"
            case .unusable(let path, let code): "cannot open \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    private let descriptor: Int32

    /// Takes the lock of `directory`: shared (for `serve`) or exclusive (for `restore`), without waiting.
    init(directory: String, exclusive: Bool) throws(Failure) {
        let path = (directory as NSString).appendingPathComponent("serve.lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unusable(path: path, errno: errno) }
        guard flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            close(descriptor)
            throw .held(directory: directory)
        }
    }

    deinit { close(descriptor) }
}
