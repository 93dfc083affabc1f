"""Tests of stage 1, load (`praxis.load`)."""
