"""Stage 3, index, and the site search built on it.

`analysis` (with `compounds` and `lexicon`) is the German analysis chain shared by the
whoosh index (`index`, `indexdoc`), the queries of `praxis search` (`query`), similar
practices (`related`) and the site search records for Pagefind (`sitesearch`, run in
its own process by `searchjob`, cached by `searchcache`), and the search page (`finder`).
"""
