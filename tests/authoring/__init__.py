"""Tests of the authoring helpers (`praxis.authoring`)."""
