import Shared

extension TourPlanner {
    /// Plans the rest of `tour` from `position`: the stops in `finished` (done or skipped) are
    /// dropped, the others ordered again from where the tablet is now.
    public func replan(_ tour: Tour, from position: GeoPoint, finished: Set<String>,
                       budget: Duration = .milliseconds(300)) throws(Failure) -> Tour {
        try plan(from: position, stops: tour.stops.filter { !finished.contains($0.id) }, budget: budget)
    }

    /// Re-plans when it is needed: when `position` is off the tour's path (``OffPathRule``) or a stop
    /// was finished; otherwise returns nil and the current tour stands.
    public func replanIfNeeded(_ tour: Tour, at position: GeoPoint, finished: Set<String> = [],
                               rule: OffPathRule = OffPathRule()) throws(Failure) -> Tour? {
        let stopFinished = tour.stops.contains { finished.contains($0.id) }
        guard stopFinished || rule.isOff(position, route: tour.route) else { return nil }
        return try replan(tour, from: position, finished: finished)
    }
}
