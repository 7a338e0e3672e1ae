#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore

/// `motcua backup DEST`: a consistent copy of the whole data folder while the server runs.
struct BackupCommand: Command {
    static let name = "backup"
    static let summary = "Back up the data folder (database, scans, key file, checksums) while the server runs"
    static let usage = """
        motcua backup DEST [--data ./data]
          DEST must be a new or empty folder; it receives motcua.sqlite (SQLite's online backup), every
          other file of the data folder (sealed scans, the key file personal-data.key) and backup-manifest.tsv
        """

    let destination: String
    let dataFolder: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data"])
        try parsed.expectPositionals(1...1, "one destination folder")
        destination = parsed.positionals[0]
        dataFolder = parsed.option("data") ?? "data"
    }

    func run() async throws {
        do {
            let summary = try DataFolderBackup.create(from: dataFolder, to: destination)
            Output.line("backed up \(dataFolder)/ to \(destination)/: \(summary.files) files, \(summary.bytes) bytes, "
                        + "journal of \(summary.journalEntries) entries verified; checksums in \(destination)/\(DataFolderBackup.manifestName)")
        } catch let error as StoreError {
            Output.error("motcua backup: \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode(code: error.code.hasSuffix("target-not-empty") || error.code == "backup.no-database" ? 1 : 3)
        }
    }
}

/// `motcua restore SRC`: checks a backup whole, then restores it into an empty data folder.
struct RestoreCommand: Command {
    static let name = "restore"
    static let summary = "Restore a backup into a new or empty data folder, after checking every checksum and the journal"
    static let usage = """
        motcua restore SRC [--data ./data] [--check]
          refuses a damaged or incomplete backup and a data folder that is not empty; --check only verifies SRC
        """

    let source: String
    let dataFolder: String
    let checkOnly: Bool

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data"], switches: ["check"])
        try parsed.expectPositionals(1...1, "one backup folder")
        source = parsed.positionals[0]
        dataFolder = parsed.option("data") ?? "data"
        checkOnly = parsed.flag("check")
    }

    func run() async throws {
        do {
            if checkOnly {
                let summary = try DataFolderBackup.verify(source)
                Output.line("\(source)/: backup intact, \(summary.files) files, \(summary.bytes) bytes, journal of \(summary.journalEntries) entries verified")
                return
            }
            let summary = try DataFolderBackup.restore(from: source, to: dataFolder)
            Output.line("restored \(source)/ into \(dataFolder)/: \(summary.files) files checked against their checksums, "
                        + "journal of \(summary.journalEntries) entries verified; start the server with --data \(dataFolder)")
        } catch let error as StoreError {
            Output.error("motcua restore: \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode(code: error.code == "backup.write-failed" || error.code == "backup.unreadable" ? 3 : 1)
        }
    }
}
