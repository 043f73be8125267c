"""Exceptions, as nouns: the CLI turns them into messages and the web into 400s and 404s."""


class ThongcaoError(Exception):
    """Base of every error thongcao reports to a person."""


class DecodeError(ThongcaoError):
    """The bytes of an input could not be turned into text."""


class IndexLocked(ThongcaoError):
    """Another `thongcao index` is writing to this index."""


class IndexMissing(ThongcaoError):
    """No index exists yet at the given path."""


class BadSetting(ThongcaoError):
    """A server setting (--base-url, a THONGCAO_* variable) that cannot be used."""


class DocumentNotFound(ThongcaoError):
    """No document has the requested id."""


class BadRequest(ThongcaoError):
    """A search parameter is out of range or malformed."""


class PruneRefused(ThongcaoError):
    """A `--prune` would delete more than half the index and was not confirmed."""
