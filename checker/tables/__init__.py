"""Statistical tables: the official layouts, the canonical model, and reading them from any input."""
