"""The content model, declared in one place: what an entry is and which fields it has.

`kinds` names the kinds of entry, their folders and pages; `entries` holds the pydantic
models; `fields` their field types; `recommended` the fields and sections a good entry
has; `schema` the JSON Schemas made from the models.
"""
