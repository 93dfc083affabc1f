"""Publishing a site: the commands `praxis build` and `praxis serve`.

`build` runs the stages from load to render in order; `workspace` decides where a site
may go and swaps a finished site in; `serve` rebuilds on changes and serves the result.
`static` serves a built site as it is, for the tools, benchmarks and tests that open it
in a browser.
"""
