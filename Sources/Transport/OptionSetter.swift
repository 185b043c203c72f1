import CCurl

/// Sets libcurl options through the typed shim and remembers the first one libcurl refused.
struct OptionSetter {
    /// The easy handle being configured.
    let handle: UnsafeMutableRawPointer
    /// A description of the first refused option, or `nil` if all were accepted.
    private(set) var failure: String?

    /// Starts configuring `handle`.
    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    /// Sets an option of type `long`.
    mutating func long(_ option: CURLoption, _ value: Int) {
        record(fa_curl_easy_setopt_long(handle, option, value), option)
    }

    /// Sets an option of type `char *` (libcurl copies the string).
    mutating func string(_ option: CURLoption, _ value: String) {
        record(fa_curl_easy_setopt_string(handle, option, value), option)
    }

    /// Sets an option of type `void *` or `char *` that must stay valid as libcurl documents.
    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        record(fa_curl_easy_setopt_pointer(handle, option, value), option)
    }

    /// Sets an option of type `curl_off_t`.
    mutating func offset(_ option: CURLoption, _ value: Int64) {
        record(fa_curl_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// Sets an option of type `struct curl_slist *` (the list must outlive the transfer).
    mutating func slist(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?) {
        record(fa_curl_easy_setopt_slist(handle, option, value), option)
    }

    /// Records the result of a callback setter.
    mutating func check(_ code: CURLcode) {
        if code != CURLE_OK && failure == nil {
            failure = String(cString: curl_easy_strerror(code))
        }
    }

    private mutating func record(_ code: CURLcode, _ option: CURLoption) {
        if code != CURLE_OK && failure == nil {
            failure = "option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))"
        }
    }
}
