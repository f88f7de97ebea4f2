import Foundation
import Yams

/// The `--cluster.tls-config` file of Alertmanager 0.25 (`cluster.TLSTransportConfig`):
/// `tls_server_config` in the web config's format and `tls_client_config` in the
/// `tls_config` format of `http_config`, read with yaml.v2's strict rules. Relative paths are
/// resolved against the file's directory. What needs the files named in it is checked by the
/// server, which loads them.
package struct ClusterTLSConfig: Sendable, Equatable, StandaloneConfigFile {
    /// nil when the file has no `tls_server_config` (upstream crashes on it; we refuse it).
    package var server: WebConfig.TLSServer?
    package var client = TLSConfig()

    package init() {}

    package static func parse(yaml text: String, baseDirectory: String) throws(ConfigError) -> ClusterTLSConfig {
        let (c, _) = try ConfigFile.decode(text, baseDirectory: baseDirectory) { (node, ctx) throws(ConfigError) in
            var c = ClusterTLSConfig()
            guard let node, let r = MapReader(node, type: "cluster.TLSTransportConfig", ctx: ctx) else { return c }
            if let t = r.map("tls_server_config", type: "web.TLSConfig") {
                var server = WebConfig.TLSServer()
                try server.read(t)
                server.certFile = ctx.resolve(server.certFile)
                server.keyFile = ctx.resolve(server.keyFile)
                server.clientCAFile = ctx.resolve(server.clientCAFile)
                c.server = server
            }
            c.client = try TLSConfig.read(r.map("tls_client_config", type: "config.TLSConfig"))
            r.finish()
            return c
        }
        guard c.server != nil else { throw ConfigError("tls_server_config is missing: the TLS transport needs the listener's certificate") }
        return c
    }
}
