import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking attempt of one request over a fresh libcurl easy handle.
///
/// Run it off the cooperative pool (see ``DedicatedThread``); ``perform()`` blocks for as long as the
/// transfer takes, bounded by the timeouts.
struct CurlTransfer: Sendable {
    /// The request to send.
    let request: HTTPRequest
    /// Timeouts, TLS and proxy settings.
    let configuration: HTTPClientConfiguration
    /// Set by the caller's task-cancellation handler.
    let cancellation: CancellationFlag

    /// Sends the request once and waits for the whole answer.
    ///
    /// - Returns: The response for any status code, or a ``TransportError`` (or `CancellationError`).
    func perform() -> Result<HTTPResponse, any Error> {
        do {
            try CurlGlobal.ensureInitialized()
            try validate()
            guard let handle = curl_easy_init() else {
                return .failure(TransportError.transfer(url: request.url, reason: "libcurl could not create a handle"))
            }
            defer { curl_easy_cleanup(handle) }
            return try perform(on: handle)
        } catch {
            return .failure(error)
        }
    }

    /// Rejects what libcurl would misread: non-HTTP schemes and header injection.
    private func validate() throws(TransportError) {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidRequest("\(request.url.absoluteString) is not an http or https URL")
        }
        for field in request.headers {
            let text = field.name + field.value
            if text.contains("\r") || text.contains("\n") || field.name.contains(":") || field.name.isEmpty {
                throw .invalidRequest("header \"\(field.name)\" has an empty name, a colon or a line break")
            }
        }
    }

    private var sendsBody: Bool {
        switch request.method {
        case .post, .put, .patch: return true
        case .get, .delete: return request.body != nil
        case .head: return false
        }
    }

    private func perform(on handle: UnsafeMutableRawPointer) throws -> Result<HTTPResponse, any Error> {
        let sink = ResponseSink(cancellation: cancellation, limit: configuration.maxResponseBytes)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: fa_curl_error_size())
        errorBuffer.initialize(repeating: 0, count: fa_curl_error_size())
        defer { errorBuffer.deallocate() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let timeout = request.timeout ?? configuration.timeout
        var setup = OptionSetter(handle: handle)
        setup.string(CURLOPT_URL, request.url.absoluteString)
        setup.string(CURLOPT_PROTOCOLS_STR, "http,https")
        setup.long(CURLOPT_NOSIGNAL, 1)
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        setup.long(CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)
        // Offer gzip, but decode it ourselves (ResponseSink, through Compression's one inflate loop)
        // so that the decoded size is capped while it is produced.
        setup.string(CURLOPT_ACCEPT_ENCODING, "gzip")
        setup.long(CURLOPT_HTTP_CONTENT_DECODING, 0)
        setup.long(CURLOPT_SSL_VERIFYPEER, 1)
        setup.long(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = configuration.caFile { setup.string(CURLOPT_CAINFO, caFile) }
        // Only when set: otherwise libcurl honours http_proxy, HTTPS_PROXY, ALL_PROXY and NO_PROXY.
        if let proxy = configuration.proxy { setup.string(CURLOPT_PROXY, proxy) }
        setup.string(CURLOPT_USERAGENT, configuration.userAgent)
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))

        switch request.method {
        case .get: setup.long(CURLOPT_HTTPGET, 1)
        case .head: setup.long(CURLOPT_NOBODY, 1)
        case .post: setup.long(CURLOPT_POST, 1)
        case .put, .patch, .delete: break
        }
        if request.method != .post && request.method != .head && (sendsBody || request.method != .get) {
            setup.string(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }

        var headers = request.headers
        if sendsBody && !headers.contains("Content-Type") {
            // Without this libcurl would label the body application/x-www-form-urlencoded.
            headers.add(name: "Content-Type", value: "")
        }
        // No "Expect: 100-continue" round trip (and its 1 s wait on servers that ignore it).
        if !headers.contains("Expect") { headers.add(name: "Expect", value: "") }
        for field in headers {
            // "Name:" with no value removes a header libcurl would add itself.
            let line = field.value.isEmpty ? "\(field.name):" : "\(field.name): \(field.value)"
            headerList = curl_slist_append(headerList, line)
        }
        setup.slist(CURLOPT_HTTPHEADER, headerList)

        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        setup.pointer(CURLOPT_WRITEDATA, sinkPointer)
        setup.check(fa_curl_easy_setopt_write_callback(handle) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            // Consuming fewer bytes than given makes libcurl stop with CURLE_WRITE_ERROR.
            return sink.appendBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        })
        setup.pointer(CURLOPT_HEADERDATA, sinkPointer)
        setup.check(fa_curl_easy_setopt_header_callback(handle) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            sink.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        setup.pointer(CURLOPT_XFERINFODATA, sinkPointer)
        setup.check(fa_curl_easy_setopt_xferinfo_callback(handle) { userdata, _, _, _, _ in
            guard let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            return sink.cancellation.isCancelled ? 1 : 0
        })
        setup.long(CURLOPT_NOPROGRESS, 0)

        if sendsBody {
            let body = request.body ?? Data()
            setup.offset(CURLOPT_POSTFIELDSIZE_LARGE, Int64(body.count))
            body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies, so the Data need not outlive this call.
                if let base = bytes.baseAddress {
                    setup.pointer(CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    setup.string(CURLOPT_COPYPOSTFIELDS, "")
                }
            }
        }
        if let failure = setup.failure {
            throw TransportError.invalidRequest("libcurl rejected an option: \(failure)")
        }

        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        if let failure = sink.failure {
            return .failure(TransportError.transfer(url: request.url, reason: failure))
        }
        if code != CURLE_OK {
            return .failure(error(for: code, handle: handle, message: String(cString: errorBuffer)))
        }
        guard sink.headersComplete else {
            return .failure(TransportError.connectionLost(url: request.url, reason: "the connection closed before the response headers were complete"))
        }
        var status = 0
        _ = fa_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let body: Data
        do { body = try sink.finishBody() } catch {
            return .failure(TransportError.transfer(url: request.url, reason: "could not decode the compressed answer (\(error))"))
        }
        return .success(HTTPResponse(status: status, reason: sink.reason, headers: sink.headers, body: body, url: request.url))
    }

    /// Translates a libcurl failure into an error a person can act on.
    private func error(for code: CURLcode, handle: UnsafeMutableRawPointer, message: String) -> any Error {
        let url = request.url
        let explanation = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        switch code {
        case CURLE_ABORTED_BY_CALLBACK where cancellation.isCancelled:
            return CancellationError()
        case CURLE_COULDNT_CONNECT:
            var osErrno = 0
            _ = fa_curl_easy_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno)
            return TransportError.unreachable(url: url, reason: Self.connectReason(errno: Int32(osErrno), fallback: explanation))
        case CURLE_COULDNT_RESOLVE_HOST:
            return TransportError.unreachable(url: url, reason: "could not resolve host \(url.host ?? "")")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return TransportError.unreachable(url: url, reason: "could not resolve the proxy (\(explanation))")
        case CURLE_OPERATION_TIMEDOUT:
            var connectMicroseconds: curl_off_t = 0
            _ = fa_curl_easy_getinfo_off_t(handle, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
            let total = request.timeout ?? configuration.timeout
            let limit = connectMicroseconds == 0 ? min(configuration.connectTimeout, total) : total
            return TransportError.timedOut(url: url, after: limit)
        case CURLE_GOT_NOTHING:
            return TransportError.connectionLost(url: url, reason: "server closed the connection without answering")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
            return TransportError.connectionLost(url: url, reason: explanation)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return TransportError.tls(url: url, reason: explanation)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return TransportError.invalidRequest("\(url.absoluteString): \(explanation)")
        case CURLE_BAD_CONTENT_ENCODING:
            return TransportError.transfer(url: url, reason: "could not decode the compressed answer (\(explanation))")
        default:
            return TransportError.transfer(url: url, reason: explanation)
        }
    }

    /// A short lower-case reason for a failed connect, from the socket's errno.
    private static func connectReason(errno: Int32, fallback: String) -> String {
        switch errno {
        case ECONNREFUSED: return "connection refused"
        case EHOSTUNREACH: return "no route to host"
        case ENETUNREACH: return "network unreachable"
        case ETIMEDOUT: return "connection timed out"
        case 0: return fallback
        default: return String(cString: strerror(errno)).lowercased()
        }
    }
}
