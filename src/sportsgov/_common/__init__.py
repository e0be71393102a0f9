"""Private cross-cutting helpers (readers, parsers) shared by the sportsgov modules."""
