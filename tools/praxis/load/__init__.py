"""Stage 1, load: read every entry file into a `Document` (front matter, body, positions).

`collection` walks the content folders and reads files safely; `frontmatter` parses the
YAML front matter with line numbers for located messages.
"""
