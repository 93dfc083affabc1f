"""Tests of stage 3, index, and the search built on it (`praxis.search`)."""
