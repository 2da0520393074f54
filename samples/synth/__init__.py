"""The development corpus generator: reports in every layout, with truth files. Imports nothing of the pipeline."""

from samples.synth.generate import LAYOUTS, generate

__all__ = ["LAYOUTS", "generate"]
