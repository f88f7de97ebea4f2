import Config
import XCTest

final class WebConfigTests: XCTestCase {
    func parse(_ yaml: String) throws(ConfigError) -> WebConfig { try WebConfig.parse(yaml: yaml, baseDirectory: "/etc/am") }

    func failure(_ yaml: String) -> String {
        do { _ = try parse(yaml); return "no error" } catch { return error.message }
    }

    func test_emptyFile_exporterToolkitDefaults() throws {
        let c = try parse("")
        XCTAssertFalse(c.tls.isEnabled)
        XCTAssertEqual(c.tls.minVersion, .tls12)
        XCTAssertEqual(c.tls.maxVersion, .tls13)
        XCTAssertTrue(c.tls.preferServerCipherSuites)
        XCTAssertTrue(c.http2)
        XCTAssertEqual(c.users, [:])
    }

    func test_fullFile_readWithPathsResolvedAgainstItsDirectory() throws {
        let c = try parse("""
        tls_server_config:
          cert_file: server.crt
          key_file: /abs/server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
          cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]
          curve_preferences: [X25519, CurveP256]
          min_version: TLS13
          max_version: TLS13
        http_server_config:
          http2: false
          headers:
            X-Frame-Options: sameorigin
            Strict-Transport-Security: max-age=31536000
        basic_auth_users:
          alice: $2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi
        """)
        XCTAssertEqual(c.tls.certFile, "/etc/am/server.crt")
        XCTAssertEqual(c.tls.keyFile, "/abs/server.key")
        XCTAssertEqual(c.tls.clientCAFile, "/etc/am/ca.crt")
        XCTAssertEqual(c.tls.cipherSuites, [0xC02F, 0x1301])
        XCTAssertEqual(c.tls.curvePreferences, ["X25519", "CurveP256"])
        XCTAssertEqual(c.tls.minVersion, .tls13)
        XCTAssertFalse(c.http2)
        XCTAssertEqual(c.headers["X-Frame-Options"], "sameorigin")
        XCTAssertEqual(c.users.keys.sorted(), ["alice"])
    }

    func test_invalidFiles_exporterToolkitErrorTexts() {
        XCTAssertEqual(failure("tls_server_config:\n  cert_filse: a\n"),
                       "yaml: unmarshal errors:\n  line 2: field cert_filse not found in type web.TLSConfig")
        XCTAssertEqual(failure("basic_auth:\n  a: b\n"), "yaml: unmarshal errors:\n  line 1: field basic_auth not found in type web.Config")
        XCTAssertEqual(failure("tls_server_config:\n  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n"), "unknown cipher: TLS_RSA_WITH_RC4_128_SHA")
        XCTAssertEqual(failure("tls_server_config:\n  curve_preferences: [CurveP224]\n"), "unknown curve: CurveP224")
        XCTAssertEqual(failure("tls_server_config:\n  min_version: TLS14\n"), "unknown TLS version: TLS14")
        XCTAssertEqual(failure("http_server_config:\n  headers:\n    Server: x\n"), #"HTTP header "Server" can not be configured"#)
        XCTAssertEqual(failure("http_server_config:\n  headers:\n    X-Frame-Options: allow\n"),
                       #"invalid value for X-Frame-Options. Expected one of: ["deny" "sameorigin"], but got: "allow""#)
        XCTAssertEqual(failure("basic_auth_users:\n  a: plain\n"), "crypto/bcrypt: hashedSecret too short to be a bcrypted password")
    }

    func test_bcryptHash_costReadFromHashAndGoErrors() throws {
        let tail = "QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"
        XCTAssertEqual(try BcryptHash("$2y$10$" + tail).cost, 10)
        XCTAssertEqual(try BcryptHash("$2y$10$" + tail).canonical, "$2b$10$" + tail)
        XCTAssertEqual(try BcryptHash("$2a$04$" + tail + "junk").canonical, "$2b$04$" + tail)
        XCTAssertEqual(try BcryptHash("$2$31$" + tail + "x").cost, 31)
        func message(_ h: String) -> String {
            do { _ = try BcryptHash(h); return "no error" } catch { return error.message }
        }
        XCTAssertEqual(message("#2y$10$" + tail), "crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with '#'")
        XCTAssertEqual(message("$3y$10$" + tail), "crypto/bcrypt: bcrypt algorithm version '3' requested is newer than current version '2'")
        XCTAssertEqual(message("$2y$03$" + tail), "crypto/bcrypt: cost 3 is outside allowed range (4,31)")
        XCTAssertEqual(message("$2y$1x$" + tail), #"strconv.Atoi: parsing "1x": invalid syntax"#)
    }
}
