/// Road graphs built from OpenStreetMap extracts, shortest paths, audit tours and turn-by-turn guidance.
///
/// See DESIGN.md, "Maps and routing".
public enum RoutingModule {}
