/// What the real Alertmanager 0.25 (Debian 12's prometheus-alertmanager 0.25.0) sent to
/// an aiosmtpd SMTP sink (what is now `Tests/interop/smtp_sink.py`) for the alerts in `EmailRealAlertmanagerTests`, recorded with
/// `scripts/record-email-fixtures.sh` (config: `text: '{{ template "__text_alert_list" .Alerts }}'`,
/// default subject and HTML, `require_tls: false`). Kept per mail: the `Subject:` header line as
/// sent, the decoded subject, and the quoted-printable text part exactly as sent (CRLF line ends).
enum EmailFixtures {
    struct Mail {
        let subjectLine: String
        let subject: String
        let textPart: String
    }

    static let highLatencyFiring = Mail(
        subjectLine: "Subject: [FIRING:1] HighLatency (api)",
        subject: "[FIRING:1] HighLatency (api)",
        textPart: "Labels:\r\n"
            + " - alertname =3D HighLatency\r\n"
            + " - service =3D api\r\n"
            + "Annotations:\r\n"
            + " - summary =3D p99 above 1s\r\n"
            + "Source:=20\r\n"
            + ""
    )

    static let diskFullFiring = Mail(
        subjectLine: "Subject: =?utf-8?q?[FIRING:2]_DiskFull_(critical_stockage-=C3=A9)?=",
        subject: "[FIRING:2] DiskFull (critical stockage-é)",
        textPart: "Labels:\r\n"
            + " - alertname =3D DiskFull\r\n"
            + " - instance =3D db1:9100\r\n"
            + " - severity =3D critical\r\n"
            + " - team =3D stockage-=C3=A9\r\n"
            + "Annotations:\r\n"
            + " - description =3D Free space < 5% on db1 =3D trouble\r\n"
            + " - summary =3D Disk / is 95% full\r\n"
            + "Source: http://prom.example/graph?g0.expr=3Ddisk&g0.tab=3D1\r\n"
            + "Labels:\r\n"
            + " - alertname =3D DiskFull\r\n"
            + " - instance =3D db2:9100\r\n"
            + " - severity =3D critical\r\n"
            + " - team =3D stockage-=C3=A9\r\n"
            + "Annotations:\r\n"
            + " - summary =3D Disk /var is 97% full\r\n"
            + "Source: http://prom.example/graph?g0.expr=3Ddisk2\r\n"
            + ""
    )

    static let highLatencyResolved = Mail(
        subjectLine: "Subject: [RESOLVED] HighLatency (api)",
        subject: "[RESOLVED] HighLatency (api)",
        textPart: "Labels:\r\n"
            + " - alertname =3D HighLatency\r\n"
            + " - service =3D api\r\n"
            + "Annotations:\r\n"
            + " - summary =3D p99 above 1s\r\n"
            + "Source:=20\r\n"
            + ""
    )

}
