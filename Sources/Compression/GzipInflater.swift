import CZlib
import Foundation

/// Inflates gzip (or zlib-wrapped) data handed over in pieces, refusing to produce more than a limit.
///
/// This is the one decompression loop of the project: ``Gzip/decompress(_:limit:)`` feeds it a
/// whole buffer, the server feeds it a request body chunk by chunk as it arrives, and the HTTP
/// client feeds it an answer as libcurl receives it. Because the output is counted while it is
/// produced, a "gzip bomb" (a few kilobytes that inflate to gigabytes) costs at most `limit` bytes
/// of memory and the time to produce them: ``append(_:)`` throws ``GzipError/tooLarge(limit:)`` as
/// soon as the output passes the limit.
///
/// Several gzip members in a row are inflated one after the other and their contents joined, as
/// `gunzip` does.
///
/// ```swift
/// let inflater = try GzipInflater(limit: 32 << 20)
/// for try await chunk in body { try inflater.append(chunk) }
/// let data = try inflater.finish()
/// ```
public final class GzipInflater {
    /// The most bytes the inflated output may hold.
    public let limit: Int
    /// The bytes inflated so far.
    public private(set) var output = Data()

    /// zlib keeps a pointer back to its `z_stream`, so the stream lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether the last call to zlib ended a member (so the input so far is complete).
    private var memberEnded = false
    /// Whether any byte was fed at all.
    private var sawInput = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Creates an inflater that refuses to produce more than `limit` bytes.
    /// - Throws: ``GzipError/corrupt(_:)`` if zlib cannot start (out of memory).
    public init(limit: Int = .max) throws(GzipError) {
        self.limit = limit
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 32: detect a gzip or zlib header automatically.
        let status = fa_inflateInit2(stream, 15 + 32)
        guard status == Z_OK else {
            stream.deallocate()
            throw .corrupt("zlib inflateInit2 failed with status \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates the next piece of compressed input.
    /// - Throws: ``GzipError/tooLarge(limit:)`` once the output passes ``limit``;
    ///   ``GzipError/corrupt(_:)`` when the bytes are not gzip or fail the checksum.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(GzipError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        sawInput = true
        var offset = 0
        while offset < bytes.count || stream.pointee.avail_in > 0 {
            if stream.pointee.avail_in == 0 {
                let take = min(bytes.count - offset, Int(UInt32.max))
                stream.pointee.next_in = UnsafeMutablePointer(mutating: base.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = UInt32(take)
                offset += take
            }
            if memberEnded {
                // Another gzip member follows the one that ended.
                guard inflateReset(stream) == Z_OK else { throw .corrupt("zlib inflateReset failed") }
                memberEnded = false
            }
            let result = inflateStep()
            guard output.count <= limit else { throw .tooLarge(limit: limit) }
            switch result {
            case Z_OK:
                continue
            case Z_STREAM_END:
                memberEnded = true
            case Z_BUF_ERROR:
                // No progress without more input: wait for the next piece.
                if stream.pointee.avail_in == 0 && offset == bytes.count { return }
            case Z_MEM_ERROR:
                throw .corrupt("zlib ran out of memory")
            default:
                throw .corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(result)")
            }
        }
        // zlib may hold output back until it is given room: drain it while the member goes on.
        while !memberEnded {
            let before = output.count
            let result = inflateStep()
            guard output.count <= limit else { throw .tooLarge(limit: limit) }
            if result == Z_STREAM_END { memberEnded = true }
            if output.count == before || result != Z_OK { break }
        }
    }

    /// Inflates the next piece of compressed input; see ``append(_:)``.
    public func append(_ data: some DataProtocol) throws(GzipError) {
        for region in data.regions {
            let failure = region.withUnsafeBytes { bytes -> GzipError? in
                do throws(GzipError) { try append(bytes) } catch { return error }
                return nil
            }
            if let failure { throw failure }
        }
    }

    /// Ends the input and returns everything inflated.
    /// - Throws: ``GzipError/truncated`` when the stream stopped before the end of a member.
    public func finish() throws(GzipError) -> Data {
        guard sawInput, memberEnded else { throw .truncated }
        return output
    }

    /// One call to `inflate` into the scratch buffer, appending what it produced to ``output``.
    private func inflateStep() -> Int32 {
        buffer.withUnsafeMutableBufferPointer { out in
            stream.pointee.next_out = out.baseAddress
            stream.pointee.avail_out = UInt32(out.count)
            let result = inflate(stream, Z_NO_FLUSH)
            output.append(out.baseAddress!, count: out.count - Int(stream.pointee.avail_out))
            return result
        }
    }
}
