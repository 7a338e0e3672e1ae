import Foundation
import MotCuaCore

// The entry point: pick the command, parse its arguments, run it, map failures to exit codes.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "--help", name != "-h" else {
    Output.line(HelpCommand.text)
    exit(arguments.isEmpty ? 2 : 0)
}
guard let commandType = commands.first(where: { $0.name == name }) else {
    Output.error("motcua: unknown command \"\(name)\"\n")
    Output.error(HelpCommand.text)
    exit(2)
}
do {
    let command = try commandType.init(arguments: Array(arguments.dropFirst()))
    try await command.run()
    exit(0)
} catch let error as UsageError {
    Output.error("motcua \(name): \(error.message)\nusage: \(commandType.usage)")
    exit(2)
} catch let error as ExitCode {
    exit(error.code)
} catch let problem as Problem {
    Output.error("motcua \(name): \(problem.message.text(Output.language))")
    exit(problem.exitCode)
} catch {
    Output.error("motcua \(name): \(error)")
    exit(3)
}
