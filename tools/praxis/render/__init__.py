"""Stage 5, render: MkDocs with Material and the engine's plugin turns the pages into HTML.

`run` configures and runs MkDocs; `plugin` hands the theme pages and their data to the
theme; `templating` holds the Jinja filters and globals of the theme (`theme/`).
"""
