"""Claims: which sentences state something checkable, how well each is sourced, how check-worthy."""
