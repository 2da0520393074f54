"""DuckDB warehouse: schema migrations, loaders, marts and the published snapshot."""
