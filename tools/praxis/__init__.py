"""Praxis: a knowledge base for good-practice transfer in German social planning.

The pipeline runs in one direction: load -> validate -> index -> generate -> render.
Each stage is a package of its own (`load`, `validate`, `search`, `generate`, `render`),
beside the content model (`model`), publishing (`publish`), the authoring helpers
(`authoring`) and the commands (`cli`); the modules at this level are shared by all of
them (ARCHITECTURE.md, Layout).
"""

__version__ = "0.1.0"
