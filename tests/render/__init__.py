"""Tests of stage 5, render (`praxis.render`)."""
