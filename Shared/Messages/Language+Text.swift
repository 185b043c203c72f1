extension Language {
    /// The catalogue's text for `key` in this language, each `{name}` filled with the description
    /// of `values[name]` (`["count": 3, "file": path]`).
    ///
    /// The one call the tablet and the command lines use (`language.localized("tablet.today.no_work")`), so
    /// that a test can find every key in the sources and check the catalogue holds it.
    public func localized(_ key: String, _ values: [String: any CustomStringConvertible] = [:]) -> String {
        MessageCatalogue.text(key, in: self, values.mapValues(\.description))
    }
}
