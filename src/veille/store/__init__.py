"""The embedded DuckDB knowledge store: schema migrations, batch writes and read queries."""

from veille.store.store import Store

__all__ = ["Store"]
