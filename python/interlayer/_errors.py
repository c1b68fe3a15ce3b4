"""Library errors as Python exceptions carrying the library's own message."""
import ctypes as C

from ._lib import Error, lib

# il_status codes (include/interlayer/error.h)
OK, INVALID, PARSE, NOT_FOUND, RANGE, IO, NOMEM, NUMERIC = range(8)


class InterlayerError(Exception):
    """An error reported by libinterlayer.

    Attributes: code (the il_status number), status (its name, e.g. "parse error"), message
    (the library's text), file, line, column (the place in an input, when known)."""

    def __init__(self, code, message, file="", line=0, column=0, text=None):
        super().__init__(text or message)
        self.code = code
        self.status = lib.il_status_name(code).decode()
        self.message = message
        self.file = file
        self.line = line
        self.column = column


class ParseError(InterlayerError, ValueError):
    """Malformed input text (formula, stack, number, file content)."""


class NotFoundError(InterlayerError, LookupError):
    """Unknown element, material, ion or file."""


class RangeError(InterlayerError, ValueError):
    """A value outside the range the data or method covers."""


class InvalidError(InterlayerError, ValueError):
    """An argument outside what is allowed."""


class IOError_(InterlayerError, OSError):
    """Reading or writing a file failed."""


_CLASSES = {INVALID: InvalidError, PARSE: ParseError, NOT_FOUND: NotFoundError,
            RANGE: RangeError, IO: IOError_, NOMEM: MemoryError}


def new_error():
    return Error()


def raise_error(status, err):
    """Raise the exception for status `status` with the message in `err` (an Error)."""
    buf = C.create_string_buffer(1400)
    text = lib.il_error_format(C.byref(err), buf, len(buf)).decode(errors="replace")
    cls = _CLASSES.get(status, InterlayerError)
    if cls is MemoryError:
        raise MemoryError(text)
    raise cls(status, err.message.decode(errors="replace"), err.file.decode(errors="replace"),
              err.line, err.column, text)


def call(fn, *args):
    """Call library function fn(*args, &err) and raise on a non-zero status."""
    err = Error()
    status = fn(*args, C.byref(err))
    if status:
        raise_error(status, err)
