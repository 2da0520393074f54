"""Prefect flows (the nightly run and its stages) and the ``jixiao`` command line."""
