import Foundation
import GoCompat

/// A set of named templates plus functions, mirroring Alertmanager's
/// `template.Template`: defaults parsed first, then the `templates:` globs;
/// integration fields executed with `executeText` / `executeHTML`.
package struct TemplateSet: Sendable {
    var templates: [String: ParsedTemplate] = [:]
    var functions: [String: TemplateFunction]

    /// An empty set with Go's builtins and Alertmanager's functions. `now` feeds `since`.
    package init(now: @escaping @Sendable () -> GoTime = { GoTime(Date()) }) {
        functions = Builtins.all.merging(AlertmanagerFunctions.all(now: now)) { a, _ in a }
    }

    /// Alertmanager's `FromGlobs`: the default templates, then every file matching
    /// each glob (file name = template name, as Go's `ParseGlob`). Globs matching
    /// nothing are ignored.
    package static func fromGlobs(_ globs: [String], now: @escaping @Sendable () -> GoTime = { GoTime(Date()) })
        throws(TemplateError) -> TemplateSet {
        var set = TemplateSet(now: now)
        try set.parse(DefaultTemplates.defaultTmpl, name: "default.tmpl")
        try set.parse(DefaultTemplates.post025Tmpl, name: "default.tmpl")
        try set.parse(DefaultTemplates.emailTmpl, name: "email.tmpl")
        for g in globs {
            let files: [String]
            do { files = try Glob.expand(g) } catch {
                throw TemplateError(kind: .file, message: "syntax error in pattern")
            }
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else {
                    throw TemplateError(kind: .file, message: "open \(f): no such file or directory")
                }
                try set.parse(String(decoding: data, as: UTF8.self), name: (f as NSString).lastPathComponent)
            }
        }
        return set
    }

    /// Parses `text` as template `name`; its `define`s are added too. A template
    /// whose body is only white space does not replace an existing one (Go's rule).
    package mutating func parse(_ text: String, name: String) throws(TemplateError) {
        let parsed = try Parser.parse(name: name, text: text, functions: Set(functions.keys))
        for t in parsed {
            if t.isEmpty, templates[t.name] != nil { continue }
            templates[t.name] = t
        }
    }

    /// Names of all templates in the set.
    package var names: [String] { templates.keys.sorted() }

    /// Executes the named template (e.g. "email.default.subject").
    package func execute(name: String, data: TemplateValue, html: Bool = false) throws(TemplateError) -> String {
        if let routeLabels = RouteLabelResolver.routeLabels(of: data) {
            return try RouteLabelResolver(set: self, labels: routeLabels, data: data, html: html).execute(name: name)
        }
        return try executeWithFunctions(name: name, data: data, html: html)
    }

    func executeWithFunctions(name: String, data: TemplateValue, html: Bool) throws(TemplateError) -> String {
        guard let t = templates[name] else {
            throw TemplateError(kind: .execution,
                                message: "template: no template \(GoQuote.quote(name)) associated with template \"\"")
        }
        return try Executor(templates: templates, functions: functions, htmlMode: html, root: t).run(data)
    }

    /// Alertmanager's `ExecuteTextString`: "" gives ""; otherwise the text is parsed
    /// as a new template (named "") in a copy of the set and executed.
    package func executeText(_ text: String, data: TemplateValue) throws(TemplateError) -> String {
        try executeString(text, data: data, html: false)
    }

    /// Alertmanager's `ExecuteHTMLString`: like `executeText`, with every interpolated
    /// value HTML-escaped unless produced by `safeHtml`.
    package func executeHTML(_ text: String, data: TemplateValue) throws(TemplateError) -> String {
        try executeString(text, data: data, html: true)
    }

    private func executeString(_ text: String, data: TemplateValue, html: Bool) throws(TemplateError) -> String {
        if text.isEmpty { return "" }
        return try withText(text).execute(name: "", data: data, html: html)
    }

    /// A copy of the set with `text` parsed as the template named "".
    func withText(_ text: String) throws(TemplateError) -> TemplateSet {
        var copy = self
        let parsed = try Parser.parse(name: "", text: text, functions: Set(functions.keys))
        for t in parsed { copy.templates[t.name] = t }
        return copy
    }

    /// Convenience for Alertmanager data.
    package func executeText(_ text: String, data: TemplateData) throws(TemplateError) -> String {
        try executeText(text, data: data.templateValue)
    }

    package func executeHTML(_ text: String, data: TemplateData) throws(TemplateError) -> String {
        try executeHTML(text, data: data.templateValue)
    }
}
