import ArgumentParser
import Foundation
import Templating

/// `tocsinctl template`, the group of amtool's `template` commands (only `render`).
package struct TemplateCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Render template files.", subcommands: [TemplateRenderCommand.self])

    package init() {}
}

/// amtool 0.25's `template render`: parses the files matching `--template.glob`, executes
/// `--template.text` against `--template.data` (a JSON `template.Data`) or amtool's built-in
/// sample, and prints the result without a trailing newline.
///
/// One difference from Debian's amtool 0.25 build: Alertmanager's default templates
/// (`default.tmpl`, `email.tmpl`) are always loaded first, as upstream amtool's
/// `template.FromGlobs` does (Debian's amtool ships without them).
package struct TemplateRenderCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Render a given definition in a template file to standard output.")

    @Option(name: .customLong("template.glob"),
            help: "Glob of paths that will be expanded and used for rendering.")
    var globs: [String]

    @Option(name: .customLong("template.text"), help: "The template that will be rendered.")
    var text: String

    @Option(name: .customLong("template.type"), help: "The type of the template. Can be either text (default) or html.")
    var type: String = "text"

    @Option(name: .customLong("template.data"),
            help: "JSON file with the template.Data to render; default: a predefined, simple alert.")
    var dataFile: String?

    package init() {}

    package func validate() throws {
        if globs.isEmpty { throw ValidationError("required flag --template.glob not provided") }
        if type != "text" && type != "html" {
            throw ValidationError("enum value must be one of html,text, got '\(type)'")
        }
    }

    package func run() throws {
        switch TemplateRender.render(globs: globs, text: text, html: type == "html", dataFile: dataFile, now: Date()) {
        case .success(let out):
            FileHandle.standardOutput.write(Data(out.utf8))
        case .failure(let error):
            FileHandle.standardError.write(Data("tocsinctl: error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// The work of `template render`, separated from argument parsing for tests.
package enum TemplateRender {
    package struct Failure: Error, Equatable {
        package let message: String
    }

    package static func render(globs: [String], text: String, html: Bool, dataFile: String?, now: Date)
        -> Result<String, Failure> {
        let set: TemplateSet
        do { set = try TemplateSet.fromGlobs(globs) } catch { return .failure(Failure(message: error.message)) }
        let data: TemplateData
        if let dataFile {
            guard let bytes = FileManager.default.contents(atPath: dataFile) else {
                return .failure(Failure(message: "open \(dataFile): no such file or directory"))
            }
            do { data = try TemplateRenderData.decode(bytes) } catch { return .failure(error) }
        } else {
            data = TemplateRenderData.sample(now: now)
        }
        do {
            return .success(html ? try set.executeHTML(text, data: data) : try set.executeText(text, data: data))
        } catch {
            return .failure(Failure(message: error.message))
        }
    }
}
