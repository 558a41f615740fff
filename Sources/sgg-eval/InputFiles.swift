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

  /// Reads both JSONL files at once, one per core: reading is most of a scoring run.
  static func readConcurrently(groundTruth: String, predictions: String) throws -> (
    GroundTruthFile, PredictionsFile
  ) {
    enum Loaded {
      case groundTruth(GroundTruthFile)
      case predictions(PredictionsFile)
    }
    let results = concurrentMap(count: 2, chunk: 1) { i -> Result<Loaded, Error> in
      Result {
        i == 0
          ? .groundTruth(try readGroundTruth(groundTruth))
          : .predictions(try readPredictions(predictions))
      }
    }
    // The ground-truth problem is reported first when both fail.
    guard case .groundTruth(let gt) = try results[0].get(),
      case .predictions(let preds) = try results[1].get()
    else { throw CLIError.input("internal: inputs read out of order") }
    return (gt, preds)
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
