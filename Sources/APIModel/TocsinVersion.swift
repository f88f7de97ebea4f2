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

    package static var swiftVersion: String {
        #if swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #else
        "6.1"
        #endif
    }
}

extension APIStatus.VersionInfo {
    /// This build's identity as `GET /api/v2/status` and `alertmanager_build_info` show it:
    /// Alertmanager's fields, with the Alertmanager release Tocsin follows as `version`.
    package static let thisBuild = APIStatus.VersionInfo(
        branch: TocsinVersion.branch, buildDate: "unknown", buildUser: "unknown",
        goVersion: "swift" + TocsinVersion.swiftVersion, revision: TocsinVersion.revision,
        version: TocsinVersion.compatibleWith)
}
