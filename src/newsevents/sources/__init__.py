"""Readers that turn inputs (files, directories, globs, stdin, ...) into RawDocuments."""
