"""One error hierarchy for the whole system, translated to HTTP and exit codes only at the edges."""

from __future__ import annotations


class RulingsError(Exception):
    """Base of every error this project raises on purpose. ``code`` is stable and machine readable."""

    code = "error"
    http_status = 500

    def __init__(self, message: str, *, detail: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConfigurationError(RulingsError):
    code = "configuration_error"


class InputError(RulingsError):
    """A document we cannot process: the batch records it and moves on."""

    code = "bad_input"
    http_status = 400


class CorruptDocumentError(InputError):
    code = "corrupt_document"


class EncryptedDocumentError(InputError):
    code = "encrypted_document"


class EmptyDocumentError(InputError):
    code = "empty_document"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"


class DocumentTooLargeError(InputError):
    code = "document_too_large"


class OCRUnavailableError(InputError):
    code = "ocr_unavailable"


class ProcessingTimeoutError(InputError):
    code = "processing_timeout"


class ResourceLimitError(InputError):
    code = "resource_limit"


class AnonymisationError(RulingsError):
    """Anonymisation failed or its pre-publication check found a leak: the ruling is quarantined."""

    code = "anonymisation_failed"


class NotFoundError(RulingsError):
    code = "not_found"
    http_status = 404


class InvalidParameterError(RulingsError):
    code = "invalid_parameter"
    http_status = 422


class SearchUnavailableError(RulingsError):
    """Meilisearch is down or unreachable."""

    code = "search_unavailable"
    http_status = 503


class IndexTaskError(RulingsError):
    """A Meilisearch task finished in a state other than succeeded."""

    code = "index_task_failed"


# Review (issue 17) -------------------------------------------------------------------------------------------
class GoneError(RulingsError):
    """A ruling a reviewer took down: 410 until it is republished."""

    code = "gone"
    http_status = 410


class NotAuthenticatedError(RulingsError):
    code = "not_authenticated"
    http_status = 401


class ForbiddenError(RulingsError):
    code = "forbidden"
    http_status = 403


class ConflictError(RulingsError):
    code = "conflict"
    http_status = 409
