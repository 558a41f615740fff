/// Matching and metrics for scene graphs; protocol presets.
public enum SGGMetrics {}
