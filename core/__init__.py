"""Shared foundations every stage may import: settings and typed errors."""
