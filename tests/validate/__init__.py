"""Tests of stage 2, validate (`praxis.validate`), and of untrusted content."""
