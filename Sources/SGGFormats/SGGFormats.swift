/// Reading model text: answer extraction, JSON and TOON graph parsers, failure kinds.
public enum SGGFormats {}
