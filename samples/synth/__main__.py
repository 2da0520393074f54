"""``python -m samples.synth --n N --seed S --out DIR``: the same as ``jixiao samples synth``."""

import sys

from samples.synth.cli import main

sys.exit(main())
