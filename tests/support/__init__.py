"""Helpers the tests share: building the site for a test, reading its text and its storages."""
