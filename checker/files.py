"""Files the user names, read and written safely: regular files only, bounded, never overwriting an input.

Every file ogi-check reads besides a report (a baseline, a configuration, a rule file) is read through
``read_regular``: a FIFO, a device (``/dev/zero``), a directory or an oversized file is refused before
anything is read, so no such file can hang a run or fill the memory. Every file it writes (``--output``,
``--write-baseline``, ``annotate -o``, ``init``) goes through ``write_atomic``: to a temporary file in the
same folder, then renamed into place, so a failed write leaves no partial or empty file; a dangling
symbolic link is refused rather than followed. ``same_file`` tells when an output would replace an input
(same device and inode: hard links and symbolic links count).
"""

from __future__ import annotations

import os
import stat
from typing import Iterable, Optional

from checker import limits


# A configuration, a rule file or a baseline: a baseline of a large repository of reports is a few MB.
MAX_SIDE_FILE_BYTES = 20 * limits.MB


class FileProblem(Exception):
    """Why a file cannot be read or written, as one clause (Chinese with an English gloss); the caller
    names the file and chooses the error class (InputError, ConfigError, RuleFileError)."""


def _describe(mode: int) -> Optional[str]:
    if stat.S_ISDIR(mode):
        return "这是目录，不是文件 (is a directory)"
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO），不是文件 (is a FIFO, not a file)"
    if not stat.S_ISREG(mode):
        return "不是普通文件 (not a regular file)"
    return None


def check_regular(path: str) -> None:
    """FileProblem unless ``path`` names a regular file; decided from ``stat`` alone, before opening
    (opening a pipe nobody writes to would block)."""
    if not os.path.lexists(path):
        raise FileProblem("文件不存在 (no such file)")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            raise FileProblem("链接指向的文件不存在 (broken link)") from None
        raise FileProblem(f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    problem = _describe(mode)
    if problem:
        raise FileProblem(problem)


def read_regular(path: str, limit: int = MAX_SIDE_FILE_BYTES, too_big_hint: str = "") -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes (FileProblem else).
    Checked before opening and again on the open file (the path may have been swapped for a pipe)."""
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileProblem(f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    try:
        st = os.fstat(fd)
        problem = _describe(st.st_mode)
        if problem:
            raise FileProblem(problem)
        if st.st_size > limit:
            raise FileProblem(_too_big(st.st_size, limit, too_big_hint))
        with os.fdopen(fd, "rb", closefd=False) as f:
            # The size fstat gave and one byte more: a read of limit + 1 would allocate that much first (20 MB,
            # a third of reading a report). A file that has grown since is read on, up to the limit and one.
            want = st.st_size + 1
            data = f.read(want)
            if len(data) == want:
                data += f.read(limit + 1 - want)
    except OSError as exc:
        raise FileProblem(f"无法读取文件：{exc.strerror or exc} (cannot read file)") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileProblem(_too_big(len(data), limit, too_big_hint))
    return data


def _too_big(size: int, limit: int, hint: str = "") -> str:
    return f"文件过大（{size / limits.MB:.1f} MB），超过上限 {limit / limits.MB:g} MB (file too large{hint})"


def same_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one file (same device and inode; links count); False when either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def clashing_input(output: str, inputs: Iterable[Optional[str]]) -> Optional[str]:
    """The first of ``inputs`` that ``output`` would overwrite, if any."""
    return next((i for i in inputs if i and same_file(output, i)), None)


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place (FileProblem on failure, and
    nothing left behind). A symbolic link to an existing file is written through; a dangling one refused."""
    if os.path.islink(path) and not os.path.exists(path):
        raise FileProblem("这是指向不存在文件的链接，不会写入 (a dangling symbolic link; not followed)")
    target = os.path.realpath(path) if os.path.islink(path) else path
    if os.path.isdir(target):
        raise FileProblem("这是目录，不是文件 (is a directory)")
    folder = os.path.dirname(os.path.abspath(target))
    import tempfile  # here: a run that writes no file does not import it (start-up time)

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".ogi-check-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if os.path.exists(target):
            try:
                os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))  # keep the file's permissions
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise FileProblem(f"无法写入：{exc.strerror or exc} (cannot write)") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# -- names of paths, without pathlib (importing it and what it imports is ~3 % of a cold check)

def name_of(path: str) -> str:
    """``pathlib.PurePath(path).name``: the last part, "." parts and trailing separators ignored."""
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    parts = [part for part in path.split(os.sep) if part and part != "."]  # pathlib drops "." and empty parts
    return parts[-1] if parts else ""


def suffix_of(path: str) -> str:
    """``pathlib.PurePath(path).suffix``: the name's last dotted part ("" for ".bashrc", "a." and "..")."""
    name = name_of(path)
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""
