import Foundation

/// How `serve` serves the office console.
public struct ConsoleOptions: Sendable {
    /// Whether the server speaks TLS (session cookies are then `Secure`).
    public var secureCookies: Bool
    /// Where Debian's `libjs-leaflet` and `libjs-chart.js` are (`/usr/share/javascript`).
    public var vendorFolder: String

    public init(secureCookies: Bool, vendorFolder: String = "/usr/share/javascript") {
        self.secureCookies = secureCookies
        self.vendorFolder = vendorFolder
    }

    /// The console's own pages and scripts, shipped as the AuditServer module's resources.
    static var assetsFolder: String {
        Bundle.module.path(forResource: "Console", ofType: nil) ?? "Console"
    }
}
