"""Tests of the content model (`praxis.model`)."""
