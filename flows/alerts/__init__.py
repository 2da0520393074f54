"""Alerts after each night: digests of new data-quality issues for the province's reviewers and each unit."""
