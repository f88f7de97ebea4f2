// Command regex_oracle checks and regenerates Tocsin's GoRegex conformance fixtures
// against Go's own regexp package, so every expectation in
// Tests/GoRegexTests/Fixtures/regex_cases.json is what real Go produces.
//
// How the fixtures were produced: the case inputs (patterns, subject strings,
// replacement templates) were written by hand; every expected value (submatch byte
// indices, anchored match results, ReplaceAllString output, regexp.Compile error text,
// SubexpNames) was then filled in by running
//
//	cd scripts/oracles && GO111MODULE=off go run regex_oracle.go -write ../../Tests/GoRegexTests/Fixtures/regex_cases.json
//
// with Go 1.19.8 (the Go release line that built Alertmanager 0.25). The Go version is
// recorded in the fixture's "goVersion" field. Without -write the program only compares
// and prints every case where the fixture disagrees with Go (exit status 1 if any).
//
// Standard library only; run with GO111MODULE=off (or a go.mod without requirements).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"runtime"
)

// matchCase: regexp.MustCompile(Pattern).FindStringSubmatchIndex(Input) == Indices.
type matchCase struct {
	Group   string `json:"group"`
	Pattern string `json:"pattern"`
	Input   string `json:"input"`
	Indices []int  `json:"indices"`
}

// compileCase: regexp.Compile(Pattern) fails with Error, or succeeds when Error is nil.
type compileCase struct {
	Pattern string  `json:"pattern"`
	Error   *string `json:"error"`
}

// replaceCase: regexp.MustCompile(Pattern).ReplaceAllString(Input, Template) == Output.
type replaceCase struct {
	Pattern  string `json:"pattern"`
	Template string `json:"template"`
	Input    string `json:"input"`
	Output   string `json:"output"`
}

// anchoredCase: Alertmanager's matcher form, "^(?:" + Pattern + ")$", MatchString(Input).
type anchoredCase struct {
	Pattern string `json:"pattern"`
	Input   string `json:"input"`
	Matches bool   `json:"matches"`
}

// namesCase: SubexpNames() of Pattern.
type namesCase struct {
	Pattern string   `json:"pattern"`
	Names   []string `json:"names"`
}

type fixture struct {
	GoVersion string         `json:"goVersion"`
	Generator string         `json:"generator"`
	Match     []matchCase    `json:"match"`
	Compile   []compileCase  `json:"compile"`
	Replace   []replaceCase  `json:"replace"`
	Anchored  []anchoredCase `json:"anchored"`
	Names     []namesCase    `json:"subexpNames"`
}

func main() {
	write := flag.Bool("write", false, "rewrite the fixture's expectations with Go's results")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: regex_oracle [-write] FIXTURE.json")
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
	report := func(kind string, c interface{}, want, got interface{}) {
		diffs++
		cj, _ := json.Marshal(c)
		fmt.Printf("%s %s\n   fixture: %#v\n   go:      %#v\n", kind, cj, want, got)
	}
	for i := range f.Match {
		c := &f.Match[i]
		re, err := regexp.Compile(c.Pattern)
		if err != nil {
			report("match(compile)", *c, c.Indices, err.Error())
			continue
		}
		got := re.FindStringSubmatchIndex(c.Input)
		if re.MatchString(c.Input) != (got != nil) {
			fmt.Printf("go disagrees with itself on %q\n", c.Pattern)
		}
		if !reflect.DeepEqual(got, c.Indices) {
			report("match", *c, c.Indices, got)
			c.Indices = got
		}
	}
	for i := range f.Compile {
		c := &f.Compile[i]
		var got *string
		if _, err := regexp.Compile(c.Pattern); err != nil {
			s := err.Error()
			got = &s
		}
		if !reflect.DeepEqual(got, c.Error) {
			report("compile", c.Pattern, deref(c.Error), deref(got))
			c.Error = got
		}
	}
	for i := range f.Replace {
		c := &f.Replace[i]
		got := regexp.MustCompile(c.Pattern).ReplaceAllString(c.Input, c.Template)
		if got != c.Output {
			report("replace", *c, c.Output, got)
			c.Output = got
		}
	}
	for i := range f.Anchored {
		c := &f.Anchored[i]
		got := regexp.MustCompile("^(?:" + c.Pattern + ")$").MatchString(c.Input)
		if got != c.Matches {
			report("anchored", *c, c.Matches, got)
			c.Matches = got
		}
	}
	for i := range f.Names {
		c := &f.Names[i]
		re, err := regexp.Compile(c.Pattern)
		if err != nil {
			report("subexpNames(compile)", *c, c.Names, err.Error())
			continue
		}
		if got := re.SubexpNames(); !reflect.DeepEqual(got, c.Names) {
			report("subexpNames", *c, c.Names, got)
			c.Names = got
		}
	}
	total := len(f.Match) + len(f.Compile) + len(f.Replace) + len(f.Anchored) + len(f.Names)
	fmt.Printf("%d cases, %d differ from %s\n", total, diffs, runtime.Version())
	if *write {
		f.GoVersion = runtime.Version()
		f.Generator = "scripts/oracles/regex_oracle.go -write"
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

func deref(s *string) interface{} {
	if s == nil {
		return nil
	}
	return *s
}

// encode writes the fixture with one case per line (diff-friendly, HTML not escaped).
func encode(f fixture) []byte {
	var b bytes.Buffer
	one := func(v interface{}) string {
		var lb bytes.Buffer
		e := json.NewEncoder(&lb)
		e.SetEscapeHTML(false)
		_ = e.Encode(v)
		return string(bytes.TrimRight(lb.Bytes(), "\n"))
	}
	b.WriteString("{\n")
	fmt.Fprintf(&b, "  \"goVersion\": %s,\n  \"generator\": %s,\n", one(f.GoVersion), one(f.Generator))
	section := func(name string, n int, item func(int) interface{}, last bool) {
		fmt.Fprintf(&b, "  %q: [\n", name)
		for i := 0; i < n; i++ {
			sep := ","
			if i == n-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    %s%s\n", one(item(i)), sep)
		}
		if last {
			b.WriteString("  ]\n")
		} else {
			b.WriteString("  ],\n")
		}
	}
	section("match", len(f.Match), func(i int) interface{} { return f.Match[i] }, false)
	section("compile", len(f.Compile), func(i int) interface{} { return f.Compile[i] }, false)
	section("replace", len(f.Replace), func(i int) interface{} { return f.Replace[i] }, false)
	section("anchored", len(f.Anchored), func(i int) interface{} { return f.Anchored[i] }, false)
	section("subexpNames", len(f.Names), func(i int) interface{} { return f.Names[i] }, true)
	b.WriteString("}\n")
	return b.Bytes()
}
