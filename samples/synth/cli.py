"""Arguments of ``jixiao samples synth`` (also ``python -m samples.synth``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The generator's options, shared by both entry points."""
    p.add_argument("--n", type=int, default=60, help="number of reports")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--out", type=Path, required=True, help="folder to write inbox/ (the reports), truth/ and manifest.json"
    )
    p.add_argument("--layouts", help="comma list of layouts (default: all)")
    p.add_argument("--fault-rate", type=float, default=0.5, help="share of reports given one inconsistency")


def run(args: argparse.Namespace) -> int:
    """Generate and say what was written."""
    from samples.synth.generate import UnknownLayout, generate

    layouts = [x.strip() for x in args.layouts.split(",")] if args.layouts else None
    try:
        m = generate(args.n, args.seed, args.out, layouts, args.fault_rate)
    except UnknownLayout as e:
        print(f"参数错误 bad argument: {e}")
        return 2
    faulted = sum(1 for r in m["reports"] if r["faults"])
    print(f"生成 generated {len(m['reports'])} reports ({faulted} with a fault) in {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m samples.synth``."""
    p = argparse.ArgumentParser(prog="samples.synth", description="development corpus generator / 开发语料生成")
    add_arguments(p)
    return run(p.parse_args(argv))
