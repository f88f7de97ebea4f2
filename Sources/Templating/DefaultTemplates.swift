/// Alertmanager 0.25's default named templates (template/default.tmpl and
/// template/email.tmpl), re-expressed so that every plain-text template renders
/// byte-identically to Alertmanager's; `email.default.html` is Tocsin's own design.
/// Helpers of our own are prefixed `__tocsin.`.
enum DefaultTemplates {
    static let defaultTmpl = #"""
{{/* Building blocks shared by the integration defaults. */}}
{{- define "__alertmanager" }}Alertmanager{{ end -}}
{{- define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end -}}
{{- define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end -}}
{{- define "__description" }}{{ end -}}

{{- /* One block per alert: its labels, annotations and source link. */ -}}
{{- define "__text_alert_list" -}}
  {{- range . -}}
    {{- "Labels:\n" -}}
    {{- range .Labels.SortedPairs }}{{ printf " - %s = %s\n" .Name .Value }}{{ end -}}
    {{- "Annotations:\n" -}}
    {{- range .Annotations.SortedPairs }}{{ printf " - %s = %s\n" .Name .Value }}{{ end -}}
    {{- printf "Source: %s\n" .GeneratorURL -}}
  {{- end -}}
{{- end -}}

{{- /* "Alerts Firing:" / "Alerts Resolved:" sections, compact and blank-line separated forms. */ -}}
{{- define "__tocsin.sections.compact" -}}
  {{- if gt (len .Alerts.Firing) 0 }}{{ "Alerts Firing:\n" }}{{ template "__text_alert_list" .Alerts.Firing }}{{ end -}}
  {{- "\n" -}}
  {{- if gt (len .Alerts.Resolved) 0 }}{{ "Alerts Resolved:\n" }}{{ template "__text_alert_list" .Alerts.Resolved }}{{ end -}}
{{- end -}}
{{- define "__tocsin.sections.spaced" -}}
  {{- if gt (len .Alerts.Firing) 0 }}{{ "\nAlerts Firing:\n" }}{{ template "__text_alert_list" .Alerts.Firing }}{{ "\n" }}{{ end -}}
  {{- "\n" -}}
  {{- if gt (len .Alerts.Resolved) 0 }}{{ "\nAlerts Resolved:\n" }}{{ template "__text_alert_list" .Alerts.Resolved }}{{ "\n" }}{{ end -}}
{{- end -}}
{{- define "__tocsin.annotations" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}{{ end -}}

{{- /* Slack */ -}}
{{- define "slack.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end -}}
{{- define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end -}}
{{- define "slack.default.callbackid" }}{{ end -}}
{{- define "slack.default.pretext" }}{{ end -}}
{{- define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "slack.default.iconemoji" }}{{ end -}}
{{- define "slack.default.iconurl" }}{{ end -}}
{{- define "slack.default.text" }}{{ end -}}
{{- define "slack.default.footer" }}{{ end -}}

{{- /* PagerDuty */ -}}
{{- define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end -}}
{{- define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end -}}
{{- define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end -}}

{{- /* OpsGenie */ -}}
{{- define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end -}}
{{- define "opsgenie.default.description" }}{{ template "__tocsin.annotations" . }}{{ "\n" }}{{ template "__tocsin.sections.compact" . }}{{ end -}}
{{- define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end -}}

{{- /* WeChat */ -}}
{{- define "wechat.default.message" -}}
  {{- template "__subject" . }}{{ "\n" }}{{ template "__tocsin.annotations" . }}{{ "\n" -}}
  {{- template "__tocsin.sections.compact" . }}{{ "\nAlertmanagerUrl:\n" }}{{ template "__alertmanagerURL" . -}}
{{- end -}}
{{- define "wechat.default.to_user" }}{{ end -}}
{{- define "wechat.default.to_party" }}{{ end -}}
{{- define "wechat.default.to_tag" }}{{ end -}}
{{- define "wechat.default.agent_id" }}{{ end -}}

{{- /* VictorOps */ -}}
{{- define "victorops.default.state_message" }}{{ template "__tocsin.annotations" . }}{{ "\n" }}{{ template "__tocsin.sections.compact" . }}{{ end -}}
{{- define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end -}}
{{- define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end -}}

{{- /* Pushover, SNS, Webex: annotations, then spaced sections. */ -}}
{{- define "pushover.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "pushover.default.message" }}{{ template "__tocsin.annotations" . }}{{ "\n" }}{{ template "__tocsin.sections.spaced" . }}{{ "\n" }}{{ end -}}
{{- define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "sns.default.subject" }}{{ template "__subject" . }}{{ end -}}
{{- define "sns.default.message" }}{{ template "__tocsin.annotations" . }}{{ "\n" }}{{ template "__tocsin.sections.spaced" . }}{{ "\n" }}{{ end -}}
{{- define "webex.default.message" }}{{ template "__tocsin.annotations" . }}{{ "\n" }}{{ template "__tocsin.sections.spaced" . }}{{ "\n" }}{{ end -}}

{{- /* Telegram, Discord: a leading blank line, then spaced sections. */ -}}
{{- define "telegram.default.message" }}{{ "\n" }}{{ template "__tocsin.sections.spaced" . }}{{ "\n" }}{{ end -}}
{{- define "discord.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "discord.default.message" }}{{ "\n" }}{{ template "__tocsin.sections.spaced" . }}{{ "\n" }}{{ end -}}
"""#

    static let emailTmpl = #"""
{{- define "email.default.subject" }}{{ template "__subject" . }}{{ end -}}

{{- /* Tocsin's HTML mail: one card per alert group. Values are HTML-escaped by the HTML executor. */ -}}
{{- define "__tocsin.email.alert" }}
          <tr>
            <td style="padding:12px 16px;border-top:1px solid #e5e7eb;">
              <div style="font-weight:bold;margin-bottom:4px;">Labels</div>
              {{- range .Labels.SortedPairs }}
              <div style="font-family:Menlo,Consolas,monospace;font-size:13px;">{{ .Name }} = {{ .Value }}</div>
              {{- end }}
              {{- if gt (len .Annotations) 0 }}
              <div style="font-weight:bold;margin:8px 0 4px;">Annotations</div>
              {{- range .Annotations.SortedPairs }}
              <div style="font-size:13px;">{{ .Name }} = {{ .Value }}</div>
              {{- end }}
              {{- end }}
              {{- if .GeneratorURL }}
              <div style="margin-top:8px;"><a href="{{ .GeneratorURL }}" style="color:#2563eb;">Source</a></div>
              {{- end }}
            </td>
          </tr>
{{- end -}}

{{- define "email.default.html" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ template "__subject" . }}</title>
</head>
<body style="margin:0;padding:24px 0;background:#f3f4f6;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#111827;">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr>
      <td align="center">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #e5e7eb;border-radius:6px;">
          <tr>
            <td style="padding:16px;background:{{ if eq .Status "firing" }}#dc2626{{ else }}#16a34a{{ end }};color:#ffffff;font-size:16px;border-radius:6px 6px 0 0;">
              {{ len .Alerts }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range $i, $p := .GroupLabels.SortedPairs }}{{ if $i }}, {{ end }}{{ $p.Name }}={{ $p.Value }}{{ end }}
            </td>
          </tr>
          <tr>
            <td style="padding:16px;">
              <a href="{{ template "__alertmanagerURL" . }}" style="display:inline-block;padding:8px 16px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">View in {{ template "__alertmanager" . }}</a>
            </td>
          </tr>
          {{- if gt (len .Alerts.Firing) 0 }}
          <tr>
            <td style="padding:10px 16px;background:#fef2f2;color:#b91c1c;font-weight:bold;">[{{ len .Alerts.Firing }}] Firing</td>
          </tr>
          {{- range .Alerts.Firing }}{{ template "__tocsin.email.alert" . }}{{ end }}
          {{- end }}
          {{- if gt (len .Alerts.Resolved) 0 }}
          <tr>
            <td style="padding:10px 16px;background:#f0fdf4;color:#15803d;font-weight:bold;">[{{ len .Alerts.Resolved }}] Resolved</td>
          </tr>
          {{- range .Alerts.Resolved }}{{ template "__tocsin.email.alert" . }}{{ end }}
          {{- end }}
        </table>
        <p style="color:#6b7280;font-size:12px;"><a href="{{ .ExternalURL }}" style="color:#6b7280;">Sent by {{ template "__alertmanager" . }}</a></p>
      </td>
    </tr>
  </table>
</body>
</html>
{{ end -}}
"""#
}
