"""glimpse digest --send: a multipart (text + HTML) e-mail through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from glimpse.cli import app
from glimpse.publish.sample import fill_store
from glimpse.serve.testing import free_port
from glimpse.store import Store


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"desk", b"s3cret")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_authenticate,
                            auth_require_tls=False)  # fmt: skip
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _config(tmp_path: Path, port: int, username: str = "desk") -> Path:
    path = tmp_path / "glimpse.toml"
    path.write_text(
        f'[mail]\nhost = "127.0.0.1"\nport = {port}\nusername = "{username}"\n'
        'password_env = "GLIMPSE_TEST_SMTP_PASSWORD"\nfrom = "desk@example.org"\n'
        'to = ["ana@example.org", "ben@example.org"]\n'
    )
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    with Store(tmp_path / "desk.db") as store:
        fill_store(store, 4)
    return tmp_path / "desk.db"


def test_send_mails_the_edition_as_text_and_html(
    smtp: tuple[Inbox, int], db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = smtp
    monkeypatch.setenv("GLIMPSE_TEST_SMTP_PASSWORD", "s3cret")
    result = CliRunner().invoke(app, ["--config", str(_config(tmp_path, port)), "digest",
                                      "--db", str(db), "--since", "3650d", "--send"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "sent the edition (4 stories)" in result.output
    [(sender, to, raw)] = inbox.messages
    assert sender == "desk@example.org" and to == ["ana@example.org", "ben@example.org"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"].startswith("glimpse: the edition of ")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert text.count("\n## ") == 4 and "<h2" in html and html.count("<h2") == 4


def test_a_refused_login_is_one_error_line(
    smtp: tuple[Inbox, int], db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = smtp
    monkeypatch.setenv("GLIMPSE_TEST_SMTP_PASSWORD", "wrong")
    result = CliRunner().invoke(app, ["--config", str(_config(tmp_path, port)), "digest",
                                      "--db", str(db), "--send"])  # fmt: skip
    assert result.exit_code == 1 and "could not send the edition" in result.output
    assert "[G005]" in result.output and inbox.messages == []
