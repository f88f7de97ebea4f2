/// `--enable-feature` as Alertmanager 0.34 reads it (`featurecontrol.NewFlags`): a
/// comma-separated list (Tocsin also takes the flag repeated); an empty value enables
/// nothing; any other name, empty ones between commas included, is refused with upstream's
/// message, and so is classic mode together with UTF-8 strict mode.
package struct FeatureFlags: Sendable, Equatable {
    package static let alertNamesInMetrics = "alert-names-in-metrics"
    package static let receiverNameInMetrics = "receiver-name-in-metrics"
    package static let groupKeyInMetrics = "group-key-in-metrics"
    package static let classicMode = "classic-mode"
    package static let utf8StrictMode = "utf8-strict-mode"
    package static let autoGoMemLimit = "auto-gomemlimit"
    package static let eventRecorder = "event-recorder"

    /// Upstream's list, in its order (the `--help` text lists them so).
    package static let allowed = [alertNamesInMetrics, receiverNameInMetrics, groupKeyInMetrics, classicMode,
                                 utf8StrictMode, autoGoMemLimit, eventRecorder]

    /// What Alertmanager logs (at warn) for each enabled feature.
    package static let announcements = [
        alertNamesInMetrics: "Alert names in metrics enabled",
        receiverNameInMetrics: "Experimental receiver name in metrics enabled",
        groupKeyInMetrics: "Experimental group key in metrics enabled",
        classicMode: "Classic mode enabled",
        utf8StrictMode: "UTF-8 strict mode enabled",
        autoGoMemLimit: "Automatically set GOMEMLIMIT to match the Linux container or system memory limit.",
        eventRecorder: "Experimental event recorder enabled",
    ]

    /// Features that Tocsin accepts but that change nothing here (Go runtime tuning, or not
    /// built yet), with why; the server logs one info line for each one enabled.
    package static let withoutEffect = [
        autoGoMemLimit: "tunes the Go runtime's memory limit; Tocsin is not a Go program",
        eventRecorder: "not implemented in Tocsin yet: no event is recorded",
    ]

    /// Alertmanager's error for a refused list (logged as "error parsing the feature flag list").
    package struct Invalid: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// The enabled names, in the order given.
    package let names: [String]
    package var enabled: Set<String> { Set(names) }

    package init(_ values: [String]) throws {
        var names: [String] = []
        for value in values where !value.isEmpty {
            for feature in value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                guard Self.allowed.contains(feature) else {
                    throw Invalid(description: "unknown option '\(feature)' for --enable-feature")
                }
                if !names.contains(feature) { names.append(feature) }
            }
        }
        if names.contains(Self.classicMode), names.contains(Self.utf8StrictMode) {
            throw Invalid(description: "cannot have both classic and UTF-8 modes enabled")
        }
        self.names = names
    }
}
