/// Default templates of the integrations Alertmanager added after 0.25 (0.34's
/// template/default.tmpl: Microsoft Teams, Teams Workflows, Jira, Rocket.Chat, Mattermost),
/// re-expressed like ``DefaultTemplates/defaultTmpl`` so that each renders byte-identically.
extension DefaultTemplates {
    static let post025Tmpl = #"""
{{- /* One block per alert, Markdown flavoured: blank line, labels, blank line, annotations, blank line, source. */ -}}
{{- define "__text_alert_list_markdown" -}}
  {{- range . -}}
    {{- "\nLabels:\n" -}}
    {{- range .Labels.SortedPairs }}{{ printf "  - %s = %s\n" .Name .Value }}{{ end -}}
    {{- "\nAnnotations:\n" -}}
    {{- range .Annotations.SortedPairs }}{{ printf "  - %s = %s\n" .Name .Value }}{{ end -}}
    {{- printf "\nSource: %s\n" .GeneratorURL -}}
  {{- end -}}
  {{- "\n" -}}
{{- end -}}

{{- /* "# Alerts Firing:" / "# Alerts Resolved:" sections between blank lines (Teams, Jira, Mattermost). */ -}}
{{- define "__tocsin.sections.markdown" -}}
  {{- "\n" -}}
  {{- if gt (len .Alerts.Firing) 0 }}{{ "\n# Alerts Firing:\n" }}{{ template "__text_alert_list_markdown" .Alerts.Firing }}{{ "\n" }}{{ end -}}
  {{- "\n" -}}
  {{- if gt (len .Alerts.Resolved) 0 }}{{ "\n# Alerts Resolved:\n" }}{{ template "__text_alert_list_markdown" .Alerts.Resolved }}{{ "\n" }}{{ end -}}
  {{- "\n" -}}
{{- end -}}

{{- /* Microsoft Teams (connector cards and Workflows) */ -}}
{{- define "msteams.default.summary" }}{{ template "__subject" . }}{{ end -}}
{{- define "msteams.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "msteams.default.text" }}{{ template "__tocsin.sections.markdown" . }}{{ end -}}
{{- define "msteamsv2.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "msteamsv2.default.text" }}{{ template "__tocsin.sections.markdown" . }}{{ end -}}

{{- /* Jira. The priority is the highest severity label (critical High, warning Medium, info Low)
       among firing alerts, else among resolved ones, else empty. */ -}}
{{- define "jira.default.summary" }}{{ template "__subject" . }}{{ end -}}
{{- define "jira.default.description" }}{{ template "__tocsin.sections.markdown" . }}{{ end -}}
{{- define "jira.default.priority" -}}
  {{- $p := "" -}}
  {{- range .Alerts.Firing -}}
    {{- $s := index .Labels "severity" -}}
    {{- if eq $s "critical" }}{{ $p = "High" }}{{ else if and (eq $s "warning") (ne $p "High") }}{{ $p = "Medium" }}{{ else if and (eq $s "info") (eq $p "") }}{{ $p = "Low" }}{{ end -}}
  {{- end -}}
  {{- if eq $p "" -}}
    {{- range .Alerts.Resolved -}}
      {{- $s := index .Labels "severity" -}}
      {{- if eq $s "critical" }}{{ $p = "High" }}{{ else if and (eq $s "warning") (ne $p "High") }}{{ $p = "Medium" }}{{ else if and (eq $s "info") (eq $p "") }}{{ $p = "Low" }}{{ end -}}
    {{- end -}}
  {{- end -}}
  {{- $p -}}
{{- end -}}

{{- /* Rocket.Chat */ -}}
{{- define "rocketchat.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "rocketchat.default.alias" }}{{ template "__alertmanager" . }}{{ end -}}
{{- define "rocketchat.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "rocketchat.default.emoji" }}{{ end -}}
{{- define "rocketchat.default.iconurl" }}{{ end -}}
{{- define "rocketchat.default.text" }}{{ end -}}

{{- /* Mattermost */ -}}
{{- define "mattermost.default.color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end -}}
{{- define "mattermost.default.username" }}{{ template "__alertmanager" . }}{{ end -}}
{{- define "mattermost.default.title" }}{{ template "__subject" . }}{{ end -}}
{{- define "mattermost.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end -}}
{{- define "mattermost.default.fallback" }}{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}{{ end -}}
{{- define "mattermost.default.text" }}{{ template "__tocsin.sections.markdown" . }}{{ end -}}
"""#
}
