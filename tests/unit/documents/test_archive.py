"""Zips of resumes are read one member at a time under limits: count, inflated size, nesting, path traversal."""

from __future__ import annotations

import io
import zipfile

import pytest

from jobfit.documents.archive import ArchiveLimits, display_name, is_office_document, read_archive
from jobfit.documents.errors import ArchiveTooLargeError, CorruptFileError, UnsafeArchiveError


def _zip(members: dict[str, bytes], *, encrypted: tuple[str, ...] = ()) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    raw = bytearray(out.getvalue())
    for name in encrypted:  # zipfile cannot write encrypted members: set their "encrypted" flag by hand
        info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo(name)
        raw[info.header_offset + 6] |= 0x1  # the local header's flags
        at = raw.find(b"PK\x01\x02")
        while at != -1:  # the central directory entry's flags
            length = int.from_bytes(raw[at + 28:at + 30], "little")
            if raw[at + 46:at + 46 + length] == name.encode():
                raw[at + 8] |= 0x1
            at = raw.find(b"PK\x01\x02", at + 4)
    return io.BytesIO(bytes(raw))


def test_members_come_one_at_a_time_with_their_display_names() -> None:
    source = _zip({"a/b/ada.txt": b"Ada", "bob.pdf": b"%PDF-1.4", "a/": b"", "__MACOSX/a/._ada.txt": b"x",
                   "a/.DS_Store": b"x", ".git/config": b"x"})
    members = list(read_archive(source))
    assert [(m.name, m.data, m.error) for m in members] == [("ada.txt", b"Ada", None), ("bob.pdf", b"%PDF-1.4", None)]


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/evil.txt", "a\\..\\evil.txt"])
def test_names_that_climb_out_refuse_the_whole_archive(name: str) -> None:
    with pytest.raises(UnsafeArchiveError):
        list(read_archive(_zip({"ok.txt": b"fine", name: b"x"})))


def test_too_many_members_or_too_many_bytes_refuse_the_whole_archive() -> None:
    with pytest.raises(ArchiveTooLargeError, match="3 files"):
        list(read_archive(_zip({f"{i}.txt": b"x" for i in range(3)}), ArchiveLimits(max_members=2)))
    with pytest.raises(ArchiveTooLargeError):
        list(read_archive(_zip({"a.txt": b"x" * 600, "b.txt": b"x" * 600}),
                          ArchiveLimits(max_total_bytes=1000, max_member_bytes=800)))


def test_a_member_too_large_nested_or_encrypted_is_refused_alone() -> None:
    inner = _zip({"x.txt": b"x"}).getvalue()
    source = _zip({"big.txt": b"x" * 2000, "inner.zip": inner, "renamed.txt": inner, "locked.txt": b"secret",
                   "ok.txt": b"fine"}, encrypted=("locked.txt",))
    members = {m.name: m for m in read_archive(source, ArchiveLimits(max_member_bytes=1000))}
    assert members["big.txt"].error is not None and members["big.txt"].error.code == "too_large"
    assert members["inner.zip"].error is not None and members["inner.zip"].error.code == "unsupported_type"
    assert members["renamed.txt"].error is not None and members["renamed.txt"].error.code == "unsupported_type"
    assert members["locked.txt"].error is not None and members["locked.txt"].error.code == "encrypted_file"
    assert members["ok.txt"].data == b"fine"


def test_a_zip_bomb_member_is_cut_at_the_limit() -> None:
    bomb = _zip({"bomb.txt": b"\0" * (50 * 1024 * 1024)})  # 50 MB of zeros deflate to ~50 kB
    assert len(bomb.getvalue()) < 200_000
    (member,) = read_archive(bomb, ArchiveLimits(max_member_bytes=1024 * 1024, max_total_bytes=10 * 1024 * 1024))
    assert member.data is None and member.error is not None and member.error.code == "too_large"


def test_not_a_zip_and_a_docx() -> None:
    with pytest.raises(CorruptFileError):
        list(read_archive(io.BytesIO(b"PK\x03\x04 not really")))
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert is_office_document(docx) and docx.tell() == 0
    assert not is_office_document(_zip({"a.txt": b"x"}))


def test_display_names_are_the_last_part_without_control_characters() -> None:
    assert display_name("C:\\Users\\x\\cv.pdf") == "cv.pdf"
    assert display_name("a/b/c\x00v.txt") == "cv.txt"
    assert display_name("  ") == "upload" and display_name(None) == "upload"
    assert len(display_name("x" * 400)) == 255
