"""The project's exceptions: one root type, a few kinds below it.

Every error a user can cause is a `GraphBuilderError` whose message names the
problem; the CLI prints it and the API maps it to an HTTP status in one place.
"""


class GraphBuilderError(Exception):
    """Root of every error this project raises on purpose."""


class InputError(GraphBuilderError):
    """A file, argument or request body is malformed (names what and where)."""


class NotFoundError(GraphBuilderError):
    """A named actor, document or edge does not exist."""


class ConflictError(InputError):
    """The request is well formed but clashes with what is stored (an undone decision)."""


class DatabaseUnavailableError(GraphBuilderError):
    """Neo4j cannot be reached or refused the credentials."""


class ServerError(GraphBuilderError):
    """The local Neo4j server could not be provisioned, started or stopped."""


class AuthError(GraphBuilderError):
    """A write request came without a valid API key."""
