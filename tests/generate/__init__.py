"""Tests of stage 4, generate (`praxis.generate`)."""
