"""Typed errors raised while reading uploaded documents, each with a stable machine-readable `code`.

The API maps `code` to an HTTP 4xx answer; `message` is a one-line sentence fit to show a user.
"""

from __future__ import annotations

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class DocumentError(Exception):
    """Base class: the document cannot be read. `code` is stable, `message` is one human line."""

    code: str = "document_error"
    default_message: str = "The document could not be read."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class EmptyFileError(DocumentError):
    code = "empty_file"
    default_message = "The file is empty."


class FileTooLargeError(DocumentError):
    code = "too_large"
    default_message = f"The file is larger than the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit."


class UnsupportedTypeError(DocumentError):
    code = "unsupported_type"
    default_message = "Unsupported file type: upload a PDF, DOCX, TXT or Markdown file."


class EncryptedPdfError(DocumentError):
    code = "encrypted_pdf"
    default_message = "The PDF is password-protected: remove the password and upload it again."


class NoTextError(DocumentError):
    code = "no_text"
    default_message = "No text could be extracted (scanned or image-only document?): upload a text-based file."


class CorruptFileError(DocumentError):
    code = "corrupt_file"
    default_message = "The file is damaged or truncated and could not be read."


class InvalidDocxError(DocumentError):
    code = "invalid_docx"
    default_message = "The file is not a valid Word (DOCX) document."


class ZipBombError(DocumentError):
    code = "zip_bomb"
    default_message = "The DOCX expands to an unsafe size and was rejected."


class XmlEntitiesError(DocumentError):
    code = "xml_entities"
    default_message = "The DOCX contains XML entity or DOCTYPE declarations and was rejected."
