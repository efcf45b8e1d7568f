"""Unit tests of the parity suite's own parts (NumPy only)."""
