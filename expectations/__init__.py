"""Data-quality rules (one SQL file per rule, its metadata beside it), run through Great Expectations."""
