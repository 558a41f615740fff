import Foundation

/// The text form of every timestamp in the store: ISO-8601 in UTC with milliseconds,
/// `2025-03-01T12:34:56.789Z`. Text sorts chronologically and reads well in `sqlite3`.
enum StoreDate {
  private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

  static func text(_ date: Date) -> String {
    style.format(date)
  }

  /// nil when `text` is not in the store's format.
  static func date(_ text: String) -> Date? {
    try? style.parse(text)
  }
}
