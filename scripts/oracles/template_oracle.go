// Command template_oracle checks and regenerates Tocsin's Templating conformance fixtures
// against Go's own text/template, so the expectations in
// Tests/TemplatingTests/Fixtures/template_cases.json are what real Go produces.
//
// How the fixtures were produced: the templates were written by hand; every expected
// output or error text was then filled in by running
//
//	cd scripts/oracles && GO111MODULE=off go run template_oracle.go -write ../../Tests/TemplatingTests/Fixtures/template_cases.json
//
// with Go 1.19.8 (the Go release line that built Alertmanager 0.25); the version is
// recorded in the fixture's "goVersion" field. Each template is parsed as template "t"
// with Option("missingkey=zero") (as Alertmanager does) and executed against testData,
// the Go twin of Fixtures.data in the Swift tests.
//
// Each case gets a "verified" field:
//   - "go": only text/template builtins are used, so Go itself is the oracle;
//   - "go-emulated": the template calls Alertmanager functions (toUpper, title, join,
//     match, reReplaceAll, safeHtml, stringSlice, and the later trimSpace, date, tz,
//     since, humanizeDuration, toJson). Those are re-implemented below with the standard
//     library following Alertmanager / prometheus/common; `title` emulates
//     x/text cases.Title for ASCII words and `since` uses a fixed "now".
//
// A case may carry "errContains" instead of "err": the oracle then checks that Go's
// error text contains it. Without -write the program only compares and prints every
// disagreement (exit status 1 if any). Standard library only (GO111MODULE=off).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	htmltemplate "html/template"
	"math"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"text/template"
	"time"
	_ "time/tzdata" // tz "Europe/Berlin" without relying on the host's zoneinfo
	"unicode"
)

type templateCase struct {
	Group       string  `json:"group"`
	Template    string  `json:"template"`
	Out         *string `json:"out,omitempty"`
	Err         *string `json:"err,omitempty"`
	ErrContains *string `json:"errContains,omitempty"`
	Verified    string  `json:"verified"`
}

type fixture struct {
	GoVersion string         `json:"goVersion"`
	Generator string         `json:"generator"`
	Cases     []templateCase `json:"cases"`
}

// fixedNow is the Swift tests' injected clock: 2023-11-14 22:14:50.123 UTC.
var fixedNow = time.Unix(1700000090, 123000000).UTC()

// testData mirrors Fixtures.data (Tests/TemplatingTests/Fixtures.swift).
func testData() map[string]interface{} {
	return map[string]interface{}{
		"Str": "hello", "Empty": "", "Int": 42, "Zero": 0,
		"Float": 1.5, "True": true, "False": false,
		"List": []string{"a", "b", "c"}, "Ints": []interface{}{1, 2, 3}, "EmptyList": []interface{}{},
		"Map":    map[string]interface{}{"x": 1, "y": "two", "a": true},
		"SMap":   map[string]string{"k": "v", "b": "w"},
		"Nil":    nil,
		"Nested": map[string]interface{}{"Inner": map[string]interface{}{"Deep": "deep"}},
		"Time":   time.Unix(1700000000, 123000000).UTC(),
		"HTML":   "<b>&'\"</b>",
	}
}

// alertmanagerFuncs re-implements Alertmanager's template functions (template.DefaultFuncs).
func alertmanagerFuncs() template.FuncMap {
	return template.FuncMap{
		"toUpper":   strings.ToUpper,
		"toLower":   strings.ToLower,
		"title":     title,
		"trimSpace": strings.TrimSpace,
		"join":      func(sep string, s []string) string { return strings.Join(s, sep) },
		"match":     regexp.MatchString,
		"safeHtml":  func(text string) htmltemplate.HTML { return htmltemplate.HTML(text) },
		"reReplaceAll": func(pattern, repl, text string) string {
			re := regexp.MustCompile(pattern)
			return re.ReplaceAllString(text, repl)
		},
		"stringSlice": func(s ...string) []string { return s },
		"date":        func(layout string, t time.Time) string { return t.Format(layout) },
		"tz": func(name string, t time.Time) (time.Time, error) {
			loc, err := time.LoadLocation(name)
			if err != nil {
				return time.Time{}, err
			}
			return t.In(loc), nil
		},
		"since":            func(t time.Time) time.Duration { return fixedNow.Sub(t) },
		"humanizeDuration": humanizeDuration,
		"toJson": func(v interface{}) (string, error) {
			b, err := json.Marshal(v)
			if err != nil {
				return "", err
			}
			return string(b), nil
		},
	}
}

// title emulates x/text cases.Title(language.AmericanEnglish) for ASCII-ish words:
// the first letter of a word is upper-cased, the rest lower-cased; a word continues
// over letters, digits and apostrophes.
func title(s string) string {
	var b strings.Builder
	inWord := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if inWord {
				b.WriteRune(unicode.ToLower(r))
			} else {
				b.WriteRune(unicode.ToTitle(r))
			}
			inWord = true
		} else {
			b.WriteRune(r)
			inWord = false
		}
	}
	return b.String()
}

// humanizeDuration follows prometheus/common/helpers/templates.HumanizeDuration.
func humanizeDuration(i interface{}) (string, error) {
	var v float64
	switch x := i.(type) {
	case float64:
		v = x
	case int:
		v = float64(x)
	case string:
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return "", err
		}
		v = f
	case time.Duration:
		v = x.Seconds()
	default:
		return "", fmt.Errorf("can't convert %T to float", i)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%.4g", v), nil
	}
	if v == 0 {
		return fmt.Sprintf("%.4gs", v), nil
	}
	if math.Abs(v) >= 1 {
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		d := int64(v)
		secs, mins, hours, days := d%60, (d/60)%60, (d/60/60)%24, d/60/60/24
		switch {
		case days != 0:
			return fmt.Sprintf("%s%dd %dh %dm %ds", sign, days, hours, mins, secs), nil
		case hours != 0:
			return fmt.Sprintf("%s%dh %dm %ds", sign, hours, mins, secs), nil
		case mins != 0:
			return fmt.Sprintf("%s%dm %ds", sign, mins, secs), nil
		}
		return fmt.Sprintf("%s%.4gs", sign, v), nil
	}
	prefix := ""
	for _, p := range []string{"m", "u", "n", "p", "f", "a", "z", "y"} {
		if math.Abs(v) >= 1 {
			break
		}
		prefix = p
		v *= 1000
	}
	return fmt.Sprintf("%.4g%ss", v, prefix), nil
}

var amFuncRe = func() *regexp.Regexp {
	names := []string{}
	for n := range alertmanagerFuncs() {
		names = append(names, n)
	}
	return regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
}()

// render parses and executes one case the way Alertmanager does.
func render(text string) (string, error) {
	t, err := template.New("t").Option("missingkey=zero").Funcs(alertmanagerFuncs()).Parse(text)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, testData()); err != nil {
		return "", err
	}
	return b.String(), nil
}

func str(p *string) string {
	if p == nil {
		return "<none>"
	}
	return strconv.Quote(*p)
}

func main() {
	write := flag.Bool("write", false, "rewrite the fixture's expectations with Go's results")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: template_oracle [-write] FIXTURE.json")
		os.Exit(2)
	}
	path := flag.Arg(0)
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var f fixture
	if err := json.Unmarshal(raw, &f); err != nil {
		fmt.Fprintln(os.Stderr, "parse fixture:", err)
		os.Exit(2)
	}
	diffs := 0
	for i := range f.Cases {
		c := &f.Cases[i]
		out, err := render(c.Template)
		verified := "go"
		if amFuncRe.MatchString(c.Template) {
			verified = "go-emulated"
		}
		ok := false
		switch {
		case err == nil:
			ok = c.Out != nil && *c.Out == out && c.Err == nil && c.ErrContains == nil
		case c.ErrContains != nil:
			ok = strings.Contains(err.Error(), *c.ErrContains) && c.Out == nil
		default:
			ok = c.Err != nil && *c.Err == err.Error() && c.Out == nil
		}
		if !ok {
			diffs++
			got := "out " + strconv.Quote(out)
			if err != nil {
				got = "err " + strconv.Quote(err.Error())
			}
			fmt.Printf("[%s] %q\n   fixture: out %s err %s errContains %s verified %q\n   go:      %s\n",
				c.Group, c.Template, str(c.Out), str(c.Err), str(c.ErrContains), c.Verified, got)
		}
		if *write {
			c.Verified = verified
			if err == nil {
				c.Out, c.Err, c.ErrContains = &out, nil, nil
			} else if !ok || c.ErrContains == nil {
				e := err.Error()
				c.Out, c.Err, c.ErrContains = nil, &e, nil
			}
		}
	}
	fmt.Printf("%d cases, %d differ from %s\n", len(f.Cases), diffs, runtime.Version())
	if *write {
		f.GoVersion = runtime.Version()
		f.Generator = "scripts/oracles/template_oracle.go -write"
		if err := os.WriteFile(path, encode(f), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return
	}
	if diffs > 0 {
		os.Exit(1)
	}
}

// encode writes one case per line (diff-friendly, HTML not escaped).
func encode(f fixture) []byte {
	one := func(v interface{}) string {
		var lb bytes.Buffer
		e := json.NewEncoder(&lb)
		e.SetEscapeHTML(false)
		_ = e.Encode(v)
		return string(bytes.TrimRight(lb.Bytes(), "\n"))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"goVersion\": %s,\n  \"generator\": %s,\n  \"cases\": [\n", one(f.GoVersion), one(f.Generator))
	for i, c := range f.Cases {
		sep := ","
		if i == len(f.Cases)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    %s%s\n", one(c), sep)
	}
	b.WriteString("  ]\n}\n")
	return b.Bytes()
}
