"""Parity tests of scratchnn against PyTorch."""
