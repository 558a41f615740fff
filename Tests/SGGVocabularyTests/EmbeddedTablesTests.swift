import Testing

@testable import SGGVocabulary

@Test func tablesAreEmbedded() {
  #expect(SGGVocabularyModule.tableFiles.count == 6)
}
