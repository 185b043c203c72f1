// Typed wrappers over libcurl's variadic setters, which Swift cannot call directly.
//
// `curl_easy_setopt` and `curl_easy_getinfo` are C variadic functions: Swift
// imports neither. Each wrapper below fixes the type of the third argument, so
// Swift code calls the one matching the option's documented type (long, string,
// pointer, curl_off_t, list, callback). Passing an option to the wrong wrapper
// is undefined behaviour in libcurl, exactly as in C.
#ifndef FIELDAUDIT_CCURL_SHIM_H
#define FIELDAUDIT_CCURL_SHIM_H

#include <curl/curl.h>

/// Write callback: libcurl hands over `size * nmemb` bytes of body; return the count consumed.
typedef size_t (*fa_curl_write_callback)(char *data, size_t size, size_t nmemb, void *userdata);

/// Header callback: one complete header line (CRLF included) per call.
typedef size_t (*fa_curl_header_callback)(char *data, size_t size, size_t nmemb, void *userdata);

/// Transfer-progress callback; returning non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
typedef int (*fa_curl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

/// `curl_global_init(CURL_GLOBAL_DEFAULT)`; call once per process, before any other thread uses libcurl.
static inline CURLcode fa_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// The size libcurl requires for a `CURLOPT_ERRORBUFFER` buffer.
static inline size_t fa_curl_error_size(void) { return CURL_ERROR_SIZE; }

// MARK: setters

static inline CURLcode fa_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fa_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fa_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fa_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fa_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fa_curl_easy_setopt_write_callback(CURL *handle, fa_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode fa_curl_easy_setopt_header_callback(CURL *handle, fa_curl_header_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode fa_curl_easy_setopt_xferinfo_callback(CURL *handle, fa_curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// MARK: getinfo

static inline CURLcode fa_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fa_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fa_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fa_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
