import CCurl

/// Process-wide libcurl initialisation, done exactly once.
enum CurlGlobal {
    /// The result of `curl_global_init`, run on first use. Swift runs a static `let` initialiser
    /// once, thread-safely, which is what libcurl requires of `curl_global_init`.
    private static let initStatus: UInt32 = fa_curl_global_init_default().rawValue

    /// Initialises libcurl if that has not happened yet.
    ///
    /// - Throws: ``TransportError/invalidRequest(_:)`` if libcurl could not initialise (which leaves
    ///   the process without HTTP).
    static func ensureInitialized() throws(TransportError) {
        guard initStatus == CURLE_OK.rawValue else {
            let message = String(cString: curl_easy_strerror(CURLcode(rawValue: initStatus)))
            throw .invalidRequest("libcurl failed to initialise: \(message)")
        }
    }
}
