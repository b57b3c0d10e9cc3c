"""Typed errors raised while reading uploaded documents, each with a stable machine-readable `code`.

The API maps `code` to an HTTP 4xx answer; `message` is a one-line sentence fit to show a user.
"""

from __future__ import annotations

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Text longer than this is refused (`too_long`): about 20 dense pages, parsed in ~0.6 s. A 10 MB text took minutes.
MAX_TEXT_CHARS = 100_000
# Raw text (before whitespace is collapsed) may be this much longer than the limit on normalised text.
RAW_TEXT_SLACK = 3


class DocumentError(Exception):
    """Base class: the document cannot be read. `code` is stable, `message` is one human line."""

    code: str = "document_error"
    default_message: str = "The document could not be read."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


def _kind(name: str, code: str, message: str) -> type[DocumentError]:
    """A DocumentError subclass: one reason a document cannot be read, with its code and default message."""
    return type(name, (DocumentError,), {"code": code, "default_message": message, "__doc__": message})


EmptyFileError = _kind("EmptyFileError", "empty_file", "The file is empty.")
FileTooLargeError = _kind("FileTooLargeError", "too_large",
                           f"The file is larger than the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit.")
UnsupportedTypeError = _kind("UnsupportedTypeError", "unsupported_type",
                              "Unsupported file type: upload a PDF, DOCX, TXT or Markdown file.")
EncryptedPdfError = _kind("EncryptedPdfError", "encrypted_pdf",
                           "The PDF is password-protected: remove the password and upload it again.")
NoTextError = _kind("NoTextError", "no_text",
                     "No text could be extracted (scanned or image-only document?): upload a text-based file.")
CorruptFileError = _kind("CorruptFileError", "corrupt_file", "The file is damaged or truncated and could not be read.")
InvalidDocxError = _kind("InvalidDocxError", "invalid_docx", "The file is not a valid Word (DOCX) document.")
ZipBombError = _kind("ZipBombError", "zip_bomb", "The DOCX expands to an unsafe size and was rejected.")
XmlEntitiesError = _kind("XmlEntitiesError", "xml_entities",
                          "The DOCX contains XML entity or DOCTYPE declarations and was rejected.")
TooComplexError = _kind("TooComplexError", "too_complex",
                         "The document is too complex to read safely (it expands too much or takes too long).")
TooLongError = _kind("TooLongError", "too_long",
                      f"The document has more than {MAX_TEXT_CHARS:,} characters of text: upload a shorter one.")

UnsafeArchiveError = _kind("UnsafeArchiveError", "unsafe_archive",
                           "The archive names files outside itself (../ or absolute paths) and was refused.")
ArchiveTooLargeError = _kind("ArchiveTooLargeError", "archive_too_large",
                             "The archive holds more files or more data than one batch may.")
EncryptedMemberError = _kind("EncryptedMemberError", "encrypted_file",
                             "The file is password-protected inside the archive: add it without a password.")


def error_for_code(code: str, message: str) -> DocumentError:
    """The DocumentError subclass with this `code` (a parse child reports errors as code + message)."""
    for cls in _all_subclasses(DocumentError):
        if cls.code == code:
            return cls(message)
    return DocumentError(message)


def _all_subclasses(cls: type[DocumentError]) -> list[type[DocumentError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return found
