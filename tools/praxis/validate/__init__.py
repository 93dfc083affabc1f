"""Stage 2, validate: check every loaded entry against the content model.

`collection` is the stage (`validate_collection`); `bodies` and `sanitize` check what a
contributor wrote in Markdown; `duplicates` finds entries written twice; `duties` checks
the operator's legal settings; `messages` turns pydantic errors into German messages.
"""
