"""The one exception the extraction package raises for bad input."""


class ExtractionError(Exception):
    """Input that cannot be read or extracted.

    The message is one plain sentence meant for the person who supplied the file
    (the CLI prints it on stderr, the web app shows it on the import screen).
    """
