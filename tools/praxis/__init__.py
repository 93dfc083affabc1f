"""Praxis: a knowledge base for good-practice transfer in German social planning.

The pipeline runs in one direction: load -> validate -> index -> generate -> render.
Each stage is one module of this package; `cli` wires them into commands.
"""

__version__ = "0.1.0"
