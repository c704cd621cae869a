"""Charges under agreements: what each service should cost each month, and the invoices.

Pure engines: :mod:`.expected` (the charge expected per service and month, from the
one definition of the hosting charge), :mod:`.matching` (invoices against it) and
:mod:`.budget` (cumulative cost against each party's budget).
"""
