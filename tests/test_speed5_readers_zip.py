"""The Word reader's own inflating of package members gives what zipfile's ``read`` gives, on damaged zips too.

``checker.readers.docx._Package`` reads a plainly well-made member straight from the file's bytes and leaves
every other one to zipfile; here both read every member of well-made and of randomly damaged packages (bytes
flipped, cut short, names, flags and methods changed), and must give the same bytes or fail the same way.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.readers.docx import _Package

SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generated packages may repeat a member's name (a damaged zip can): zipfile warns as it writes them.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")


def made(members: list[tuple[str, bytes, int]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data, method in members:
            zf.writestr(name, data, method)
    return out.getvalue()


def read_with(make, data: bytes, name: str):
    try:
        zf = make(data)
    except Exception as exc:  # noqa: BLE001 - the kind of failure is what is compared
        return ("open", type(exc))
    try:
        return ("read", zf.read(name))
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc))


def same(data: bytes, names: list[str]) -> None:
    for name in names:
        assert read_with(_Package, data, name) == read_with(lambda d: zipfile.ZipFile(io.BytesIO(d)), data, name)


METHODS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
CONTENT = st.binary(max_size=300) | st.text(alphabet="<w:p>文字 ", max_size=400).map(lambda t: t.encode("utf-8"))
MEMBERS = st.lists(st.tuples(st.sampled_from(["word/document.xml", "a", "名字.xml", "word/styles.xml"]), CONTENT,
                             st.sampled_from(METHODS)), min_size=1, max_size=4)


@SETTINGS
@given(MEMBERS, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
       st.none() | st.integers(0, 10_000))
def test_members_of_damaged_packages_read_as_zipfile_reads_them(members, flips, cut):
    data = bytearray(made(members))
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    if cut is not None and data:
        del data[cut % len(data):]
    same(bytes(data), [name for name, _, _ in members] + ["missing"])


@SETTINGS
@given(MEMBERS)
def test_members_of_well_made_packages_read_as_zipfile_reads_them(members):
    same(made(members), [name for name, _, _ in members])


@pytest.mark.parametrize("field, value", [(6, 1), (6, 0x20), (6, 0x40), (8, 12), (14, 0), (26, 3)])
def test_a_local_header_that_disagrees_is_left_to_zipfile(field, value):
    data = bytearray(made([("word/document.xml", b"<w:document/>" * 20, zipfile.ZIP_DEFLATED)]))
    data[field] = value  # flags, method, CRC, name length of the first local header
    same(bytes(data), ["word/document.xml"])


def test_a_member_read_straight_from_the_bytes_is_the_member():
    payload = "<w:p>一、总体情况</w:p>".encode() * 500
    zf = _Package(made([("word/document.xml", payload, zipfile.ZIP_DEFLATED), ("s", b"x", zipfile.ZIP_STORED)]))
    assert zf._read_plain(zf.getinfo("word/document.xml")) == payload  # the fast path was taken
    assert zf.read("s") == b"x"


def test_a_member_that_inflates_past_its_declared_size_is_never_inflated_whole():
    """Deflate data that inflate far past the size the central directory declares (40 KB of zeros: 40 MB, declared
    as 100 bytes) are read a chunk at a time and cut at the declared size, as zipfile's own read cuts them, but
    without first inflating all of them into memory (zipfile's ``read`` inflates up to 2 GB in one call)."""
    import struct
    import tracemalloc
    import zlib

    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = squeezer.compress(bytes(40_000_000)) + squeezer.flush()
    name = b"word/document.xml"
    crc = zlib.crc32(bytes(100))  # the CRC of what the declared size keeps: zipfile finds nothing wrong
    local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0, crc, len(raw), 100, len(name), 0) + name
    central = struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, 0, crc, len(raw), 100,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(raw), 0)
    package = local + raw + central + end
    tracemalloc.start()
    try:
        outcome = read_with(_Package, package, name.decode())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome == read_with(lambda d: zipfile.ZipFile(io.BytesIO(d)), package, name.decode()) == ("read", bytes(100))
    assert peak < 8_000_000  # a chunk or two, never the 40 MB the data would inflate to
