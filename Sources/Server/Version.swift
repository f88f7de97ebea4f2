/// Build identity shown by `--version`, `GET /api/v2/status` and `alertmanager_build_info`.
package enum TocsinVersion {
    package static let version = "0.1.0"
    /// The Alertmanager release whose behaviour, API and wire protocol Tocsin follows.
    package static let compatibleWith = "0.25.0"
    package static let revision = "unknown"
    package static let branch = "main"

    /// The `--version` text, shaped like Alertmanager's so scripts that grep it keep working.
    package static var versionText: String {
        """
        tocsin, version \(version) (compatible with alertmanager \(compatibleWith)) (branch: \(branch), revision: \(revision))
          build user:       unknown
          build date:       unknown
          swift version:    \(swiftVersion)
          platform:         linux
        """
    }

    static var swiftVersion: String {
        #if swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #else
        "6.1"
        #endif
    }
}
