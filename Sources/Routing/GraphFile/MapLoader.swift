import Foundation

/// Opens a map from any file an operator may hand over: a compiled graph file, or an OSM extract
/// (XML, gzipped XML or PBF) which is then built into graphs on the spot.
public enum MapLoader {
    /// Why a map could not be opened.
    public enum Failure: Error, CustomStringConvertible {
        case osm(OSMReadError)
        case graphFile(GraphFileError)

        /// The underlying error's sentence.
        public var description: String {
            switch self {
            case .osm(let error): "\(error)"
            case .graphFile(let error): "\(error)"
            }
        }
    }

    /// Loads the map at `path`, telling `progress` about the steps of building from an extract.
    public static func load(path: String, progress: (String) -> Void = { _ in }) throws(Failure) -> RoutingMap {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .osm(OSMReadError(file: path, offset: 0, reason: "cannot read the file: \(error.localizedDescription)"))
        }
        if GraphFile.looksLikeGraphFile(data) {
            do { return try GraphFile.decode(data, file: path) } catch { throw .graphFile(error) }
        }
        progress("reading")
        let extract: OSMExtract
        do { extract = try OSMReader.read(data, file: path) } catch { throw .osm(error) }
        return RoutingMap.build(from: extract) { progress("building \($0.rawValue) graph") }.map
    }
}
