"""Commune-training scheduler: the constraint model (pure Python + OR-Tools CP-SAT, no web)."""
