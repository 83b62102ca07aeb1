"""Vendor simulators: real HTTP servers on loopback that behave like the vendor APIs."""
