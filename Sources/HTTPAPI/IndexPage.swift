/// What `GET /` serves. Alertmanager serves its web UI there; Tocsin has no UI yet, so the
/// page says so and links to the API (clients such as amtool's test harness only check
/// that `/` answers 200).
enum IndexPage {
    static func html(prefix: String) -> String {
        let p = prefix == "/" ? "" : prefix
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Tocsin</title></head>
        <body>
        <h1>Tocsin</h1>
        <p>An HA alert manager compatible with Prometheus Alertmanager 0.25. There is no web UI yet:
        use <code>tocsinctl</code> (or <code>amtool</code>) or the API.</p>
        <ul>
        <li><a href="\(p)/api/v2/status">Status</a></li>
        <li><a href="\(p)/api/v2/alerts">Alerts</a></li>
        <li><a href="\(p)/api/v2/alerts/groups">Alert groups</a></li>
        <li><a href="\(p)/api/v2/silences">Silences</a></li>
        <li><a href="\(p)/api/v2/receivers">Receivers</a></li>
        <li><a href="\(p)/metrics">Metrics</a></li>
        </ul>
        </body>
        </html>

        """
    }
}
