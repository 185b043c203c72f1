import Foundation
import Shared

/// A CSV file read on a thread of its own while the records read so far are written: the file's
/// parsing and the store's writes share the two cores instead of taking turns.
///
/// Iterating yields the good rows' records a chunk at a time, in file order, as the reader hands
/// them over; at most ``capacity`` chunks wait, so a slow store holds the reader back rather than
/// the whole file's records piling up. ``result()`` gives the problems and the fields once the
/// file is read. ``abandon()`` (a write failed) lets the reader run to its end without waiting.
final class ImportPipeline<Record: AuditRecord>: Sequence, IteratorProtocol, @unchecked Sendable {
    /// Chunks read and not yet taken, at most.
    let capacity = 4
    private let condition = NSCondition()
    private var waiting: [[Record]] = []
    private var fields: Set<String>?
    private var finished: ImportResult<Record>?
    private var abandoned = false

    /// Starts reading `bytes` with `importer`, `chunkSize` records a chunk.
    init(reading bytes: Data, with importer: RecordImporter<Record>, chunkSize: Int) {
        Thread.detachNewThread { [self] in
            var chunk: [Record] = []
            chunk.reserveCapacity(chunkSize)
            let result = importer.read(bytes) { imported, fields in
                chunk.append(imported.record)
                if chunk.count == chunkSize {
                    hand(chunk, fields: fields)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { hand(chunk, fields: result.fields) }
            condition.withLock {
                fields = result.fields
                finished = result
            }
            condition.broadcast()
        }
    }

    /// The fields the file's columns cover: known once its header is read.
    var coveredFields: Set<String> {
        condition.withLock {
            while fields == nil && finished == nil { condition.wait() }
            return fields ?? []
        }
    }

    /// The next chunk of records, `nil` once the file is read and every chunk taken.
    func next() -> [Record]? {
        let chunk: [Record]? = condition.withLock {
            while waiting.isEmpty && finished == nil { condition.wait() }
            return waiting.isEmpty ? nil : waiting.removeFirst()
        }
        condition.broadcast()
        return chunk
    }

    /// The problems and fields of the whole file, once it is read (its records went by ``next()``).
    func result() -> ImportResult<Record> {
        condition.withLock {
            while finished == nil { condition.wait() }
            return finished!
        }
    }

    /// Stops waiting for chunks to be taken: nothing will take them.
    func abandon() {
        condition.withLock { abandoned = true; waiting = [] }
        condition.broadcast()
    }

    private func hand(_ chunk: [Record], fields: Set<String>) {
        condition.withLock {
            self.fields = fields
            while waiting.count >= capacity && !abandoned { condition.wait() }
            if !abandoned { waiting.append(chunk) }
        }
        condition.broadcast()
    }
}
