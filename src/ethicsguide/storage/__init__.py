"""Storage beside the engine: data folders, session log files and the tree library on disk."""
