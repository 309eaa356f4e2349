"""Kind ``contact-postcode``: a postcode given is six digits (C002)."""

from checker.kinds._contacts import MalformedContactKind, postcode_ok


class ContactPostcodeKind(MalformedContactKind):
    contact = "postcode"
    well_formed = staticmethod(postcode_ok)
