"""Tests of `praxis build` and `praxis serve` (`praxis.publish`)."""
