/// Reading model text: answer-tag and fence extraction, JSON graph parsers (R1-SGG parity and
/// the clean default), TOON parsers (SceneGraphVLM-lenient and spec-strict), the JSONL readers
/// for predictions and ground truth, and writers for JSON and TOON graphs.
public enum SGGFormats {}
