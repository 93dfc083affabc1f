"""Publishing a site: the commands `praxis build` and `praxis serve`.

`build` runs the stages from load to render in order; `workspace` decides where a site
may go and swaps a finished site in; `serve` rebuilds on changes and serves the result.
"""
