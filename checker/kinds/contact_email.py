"""Kind ``contact-email``: an e-mail address given is name@domain in half-width characters (C004)."""

from checker.kinds._contacts import MalformedContactKind, email_ok


class ContactEmailKind(MalformedContactKind):
    contact = "email"
    well_formed = staticmethod(email_ok)
