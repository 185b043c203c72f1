/// Where a leg may turn back the way it came: at a dead end, at a junction, and where nothing else
/// leads on (the end of a one-way street); not in the middle of a two-way street.
enum UTurnRule {
    /// Whether a U-turn is allowed at a node with `neighbours` distinct neighbours (in or out) of
    /// which `exits` can be driven to.
    @inline(__always) static func allowed(neighbours: Int, exits: Int) -> Bool {
        neighbours != 2 || exits < 2
    }
}
