"""Fixtures of the PostgreSQL tests: one throwaway server per session, a database per test."""

from __future__ import annotations

from tests.pg.server import pg_server, pg_url

__all__ = ["pg_server", "pg_url"]
