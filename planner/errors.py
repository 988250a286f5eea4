"""Expected failures a user can act on, kept apart from bugs."""


class UserError(Exception):
    """A problem with the user's input or environment, with a message in Chinese.

    Services raise it for bad files, locked files and invalid values; the UI
    shows the message in a box and the CLI prints it and exits non-zero.
    Anything that is not a UserError is a bug.
    """

    def __init__(self, message: str, *, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def lines(self) -> list[str]:
        """One line per problem: the message, then each detail."""
        return [self.message, *self.details]
