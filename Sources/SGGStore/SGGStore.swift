/// The SQLite results store.
public enum SGGStore {}
