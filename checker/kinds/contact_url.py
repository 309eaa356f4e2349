"""Kind ``contact-url``: a web address given is a full address in half-width characters (C005)."""

from checker.kinds._contacts import MalformedContactKind, url_ok


class ContactUrlKind(MalformedContactKind):
    contact = "url"
    well_formed = staticmethod(url_ok)
