// zlib for Swift. `deflateInit2`/`inflateInit2` are macros, which Swift cannot
// call; the wrappers below pass the version and stream size the macros would.
#ifndef FIELDAUDIT_CZLIB_SHIM_H
#define FIELDAUDIT_CZLIB_SHIM_H

#include <zlib.h>

/// `deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY)`.
/// Use `windowBits` 15 + 16 for a gzip wrapper.
static inline int fa_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

/// `inflateInit2(stream, windowBits)`. Use `windowBits` 15 + 32 to accept gzip and zlib headers.
static inline int fa_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
