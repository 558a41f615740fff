import ArgumentParser
import Foundation
import SGGCore
import SGGFormats

/// Errors the command line reports with an exit status of its own.
enum CLIError: Error, CustomStringConvertible {
  case input(String)
  case store(String)

  var description: String {
    switch self {
    case .input(let m): return m
    case .store(let m): return "results store: \(m)"
    }
  }
}

/// Reading the files named on the command line, with errors that name them.
enum InputFiles {
  static func readGroundTruth(_ path: String) throws -> GroundTruthFile {
    do {
      return try GroundTruthReader.read(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError.input("\(error)")
    }
  }

  static func readPredictions(_ path: String) throws -> PredictionsFile {
    do {
      return try PredictionsReader.read(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError.input("\(error)")
    }
  }

  static func readVocabulary(_ path: String) throws -> Vocabulary {
    do {
      return try VocabularyReader.read(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError.input("\(error)")
    }
  }
}

/// Messages for a person, on standard error so `--json` output stays clean.
enum Console {
  static func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  static func error(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
  }
}
