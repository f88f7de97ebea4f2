// Command receivers_post025_oracle prints the expected request bodies of the receivers added
// after Alertmanager 0.25 (Tests/NotifiersTests/Post025PayloadTests.swift), produced by Go's
// own encoding/json and text/template running Alertmanager 0.34.0's template/default.tmpl
// (commit 68fb2d575) on the test's data, with the message shapes (field names, tags, order)
// of notify/msteams, msteamsv2, mattermost, rocketchat, jira and incidentio:
//
//	git --git-dir=<alertmanager clone> show 68fb2d575:template/default.tmpl > /tmp/default.tmpl
//	cd scripts/oracles && GO111MODULE=off go run receivers_post025_oracle.go /tmp/default.tmpl
//
// Output: a JSON object from case name to body. Standard library only; run with Go 1.19.8
// (its JSON differs from Go 1.22+ only in writing \b and \f as \u0008 and \u000c).
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"text/template"
	"time"
)

type KV map[string]string
type Pair struct{ Name, Value string }
type Pairs []Pair

func (ps Pairs) Values() []string {
	v := []string{}
	for _, p := range ps {
		v = append(v, p.Value)
	}
	return v
}
func (kv KV) SortedPairs() Pairs {
	keys := []string{}
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ps := Pairs{}
	for _, k := range keys {
		ps = append(ps, Pair{k, kv[k]})
	}
	return ps
}
func (kv KV) Names() []string {
	n := []string{}
	for _, p := range kv.SortedPairs() {
		n = append(n, p.Name)
	}
	return n
}
func (kv KV) Values() []string { return kv.SortedPairs().Values() }
func (kv KV) Remove(keys []string) KV {
	out := KV{}
	for k, v := range kv {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

type Alert struct {
	Status       string    `json:"status"`
	Labels       KV        `json:"labels"`
	Annotations  KV        `json:"annotations"`
	StartsAt     time.Time `json:"startsAt"`
	EndsAt       time.Time `json:"endsAt"`
	GeneratorURL string    `json:"generatorURL"`
	Fingerprint  string    `json:"fingerprint"`
}
type Alerts []Alert

func (as Alerts) Firing() []Alert   { return as.with("firing") }
func (as Alerts) Resolved() []Alert { return as.with("resolved") }
func (as Alerts) with(s string) []Alert {
	r := []Alert{}
	for _, a := range as {
		if a.Status == s {
			r = append(r, a)
		}
	}
	return r
}

type Data struct {
	Receiver          string
	Status            string
	Alerts            Alerts
	GroupLabels       KV
	CommonLabels      KV
	CommonAnnotations KV
	ExternalURL       string
}

var tmpl *template.Template

func render(text string, d *Data) string {
	t := template.Must(template.Must(tmpl.Clone()).New("").Option("missingkey=zero").Parse(text))
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		panic(err)
	}
	return b.String()
}

func enc(v any) string {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		panic(err)
	}
	return b.String()
}

// prometheus/common model.LabelSet.Fingerprint: FNV-1a over sorted name, 0xff, value, 0xff.
func fingerprint(kv KV) string {
	h := uint64(14695981039346656037)
	add := func(b byte) { h ^= uint64(b); h *= 1099511628211 }
	for _, p := range kv.SortedPairs() {
		for i := 0; i < len(p.Name); i++ {
			add(p.Name[i])
		}
		add(255)
		for i := 0; i < len(p.Value); i++ {
			add(p.Value[i])
		}
		add(255)
	}
	return fmt.Sprintf("%016x", h)
}

func tp(name string) string { return `{{ template "` + name + `" . }}` }

func main() {
	text, _ := os.ReadFile(os.Args[1])
	tmpl = template.Must(template.New("").Option("missingkey=zero").Funcs(template.FuncMap{
		"toUpper": strings.ToUpper,
		"join":    func(sep string, s []string) string { return strings.Join(s, sep) },
		"urlquery": url.QueryEscape,
	}).Parse(string(text)))
	s := time.Unix(1700000000, 0).UTC()
	mixed := &Data{
		Receiver: "team-a", Status: "firing",
		Alerts: Alerts{
			{Status: "firing", Labels: KV{"alertname": "DiskFull", "instance": "db-1", "severity": "warning"},
				Annotations: KV{"summary": "disk <95%> & rising"}, StartsAt: s, GeneratorURL: "http://prom/graph?g0.expr=x&g0.tab=1"},
			{Status: "resolved", Labels: KV{"alertname": "DiskFull", "instance": "db-2", "severity": "critical"},
				Annotations: KV{"summary": "disk <95%> & rising"}, StartsAt: s, EndsAt: s.Add(300 * time.Second)},
		},
		GroupLabels:       KV{"alertname": "DiskFull"},
		CommonLabels:      KV{"alertname": "DiskFull"},
		CommonAnnotations: KV{"summary": "disk <95%> & rising"},
		ExternalURL:       "http://am.example:9093",
	}
	resolved := &Data{
		Receiver: "team-a", Status: "resolved", Alerts: Alerts{mixed.Alerts[1]},
		GroupLabels: KV{"alertname": "DiskFull"}, CommonLabels: mixed.Alerts[1].Labels,
		CommonAnnotations: mixed.Alerts[1].Annotations, ExternalURL: "http://am.example:9093",
	}
	out := map[string]string{}

	// msteams (connector card), firing group.
	out["msteams"] = enc(struct {
		Context    string `json:"@context"`
		Type       string `json:"type"`
		Title      string `json:"title"`
		Summary    string `json:"summary"`
		Text       string `json:"text"`
		ThemeColor string `json:"themeColor"`
	}{"http://schema.org/extensions", "MessageCard", render(tp("msteams.default.title"), mixed),
		render(tp("msteams.default.summary"), mixed), render(tp("msteams.default.text"), mixed), "8C1A1A"})

	// msteamsv2, resolved group.
	type body struct {
		Type   string `json:"type"`
		Text   string `json:"text"`
		Weight string `json:"weight,omitempty"`
		Size   string `json:"size,omitempty"`
		Wrap   bool   `json:"wrap,omitempty"`
		Style  string `json:"style,omitempty"`
		Color  string `json:"color,omitempty"`
	}
	type content struct {
		Schema  string `json:"$schema"`
		Type    string `json:"type"`
		Version string `json:"version"`
		Body    []body `json:"body"`
		Msteams struct {
			Width string `json:"width"`
		} `json:"msteams,omitempty"`
	}
	type attachment struct {
		ContentType string  `json:"contentType"`
		ContentURL  *string `json:"contentUrl"`
		Content     content `json:"content"`
	}
	c := content{Schema: "http://adaptivecards.io/schemas/adaptive-card.json", Type: "AdaptiveCard", Version: "1.2",
		Body: []body{{Type: "TextBlock", Text: render(tp("msteamsv2.default.title"), resolved), Weight: "Bolder", Size: "Medium",
			Wrap: true, Style: "heading", Color: "Good"}, {Type: "TextBlock", Text: render(tp("msteamsv2.default.text"), resolved), Wrap: true}}}
	c.Msteams.Width = "full"
	out["msteamsv2"] = enc(struct {
		Type        string       `json:"type"`
		Attachments []attachment `json:"attachments"`
	}{"message", []attachment{{ContentType: "application/vnd.microsoft.card.adaptive", Content: c}}})

	// mattermost, default fields plus channel, firing group.
	type mmAttachment struct {
		Fallback  string `json:"fallback,omitempty"`
		Color     string `json:"color,omitempty"`
		Pretext   string `json:"pretext,omitempty"`
		Text      string `json:"text,omitempty"`
		Title     string `json:"title,omitempty"`
		TitleLink string `json:"title_link,omitempty"`
	}
	out["mattermost"] = enc(struct {
		Text        string         `json:"text,omitempty"`
		Channel     string         `json:"channel,omitempty"`
		Username    string         `json:"username,omitempty"`
		Attachments []mmAttachment `json:"attachments,omitempty"`
	}{Channel: "town-square", Username: render(tp("mattermost.default.username"), mixed),
		Attachments: []mmAttachment{{Fallback: render(tp("mattermost.default.fallback"), mixed), Color: render(tp("mattermost.default.color"), mixed),
			Text: render(tp("mattermost.default.text"), mixed),
			Title: render(tp("mattermost.default.title"), mixed), TitleLink: render(tp("mattermost.default.titlelink"), mixed)}}})

	// rocketchat, defaults plus channel and one field, firing group.
	short := false
	type rcField struct {
		Short *bool  `json:"short"`
		Title string `json:"title,omitempty"`
		Value string `json:"value,omitempty"`
	}
	type rcAttachment struct {
		Title     string    `json:"title,omitempty"`
		TitleLink string    `json:"title_link,omitempty"`
		Text      string    `json:"text,omitempty"`
		Color     string    `json:"color,omitempty"`
		Fields    []rcField `json:"fields,omitempty"`
	}
	out["rocketchat"] = enc(struct {
		Channel     string         `json:"channel,omitempty"`
		Emoji       string         `json:"emoji,omitempty"`
		Avatar      string         `json:"avatar,omitempty"`
		Attachments []rcAttachment `json:"attachments,omitempty"`
	}{Channel: "#ops", Attachments: []rcAttachment{{Title: render(tp("rocketchat.default.title"), mixed),
		TitleLink: render(tp("rocketchat.default.titlelink"), mixed),
		Color: render(`{{ if eq .Status "firing" }}red{{ else }}green{{ end }}`, mixed),
		Fields: []rcField{{Short: &short, Title: "Instance", Value: render("{{ (index .Alerts 0).Labels.instance }}", mixed)}}}}})

	// jira: search (v2, firing, no reopen) and create body with a custom field.
	groupKey := `{}:{alertname="DiskFull"}`
	hash := fmt.Sprintf("%x", sha256.Sum256([]byte(groupKey)))
	jql := fmt.Sprintf(`statusCategory != Done and project=%q and labels=%q order by status ASC,resolutiondate DESC`, "OPS", "ALERT{"+hash+"}")
	out["jira_search"] = enc(struct {
		Fields     []string `json:"fields"`
		JQL        string   `json:"jql"`
		MaxResults int      `json:"maxResults"`
	}{[]string{"status"}, jql, 2})
	labels := []string{"team-a", "ALERT{" + hash + "}"}
	sort.Strings(labels)
	fields := map[string]any{
		"summary":     render(tp("jira.default.summary"), mixed),
		"description": render(tp("jira.default.description"), mixed),
		"issuetype":   map[string]string{"name": "Bug"},
		"labels":      labels,
		"priority":    map[string]string{"name": render(tp("jira.default.priority"), mixed)},
		"project":     map[string]string{"key": "OPS"},
		"customfield_10001": "team-a",
		"customfield_10002": []any{map[string]any{"value": "DiskFull"}},
		"customfield_10003": 3,
	}
	out["jira_create"] = enc(struct {
		Fields map[string]any `json:"fields"`
	}{fields})
	out["jira_priority_resolved"] = render(tp("jira.default.priority"), resolved)
	out["hash"] = hash

	// incident.io: 0.34's template.Data plus version "1", group key, truncated count (max_alerts 1).
	type data034 struct {
		Receiver           string `json:"receiver"`
		Status             string `json:"status"`
		Alerts             Alerts `json:"alerts"`
		NotificationReason string `json:"notification_reason"`
		GroupLabels        KV     `json:"groupLabels"`
		CommonLabels       KV     `json:"commonLabels"`
		CommonAnnotations  KV     `json:"commonAnnotations"`
		RouteLabels        KV     `json:"routeLabels"`
		ExternalURL        string `json:"externalURL"`
	}
	first := mixed.Alerts[0]
	first.Fingerprint = fingerprint(first.Labels)
	out["incidentio"] = enc(struct {
		*data034
		Version         string `json:"version"`
		GroupKey        string `json:"groupKey"`
		TruncatedAlerts uint64 `json:"truncatedAlerts"`
	}{&data034{Receiver: "team\\.a", Status: "firing", Alerts: Alerts{first}, NotificationReason: "first notification",
		GroupLabels: KV{"alertname": "DiskFull"}, CommonLabels: first.Labels, CommonAnnotations: first.Annotations,
		RouteLabels: KV{}, ExternalURL: "http://am.example:9093"}, "1", groupKey, 1})
	j, _ := json.MarshalIndent(out, "", "  ")
	os.Stdout.Write(j)
}
