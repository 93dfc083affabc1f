"""Helping people write entries and set up an instance.

`interview` and `scaffold` make new entries (`praxis new`); `init` and `engine` create an
instance (`praxis init`); `issueform` and `fromissue` are the GitHub issue form and its
conversion; `docs` and `docs_messages` write CONTRIBUTING.md; `cms` the web editor.
"""
