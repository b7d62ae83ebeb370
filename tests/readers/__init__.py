"""Tests of the conversation readers (a package so that test module names cannot collide)."""
