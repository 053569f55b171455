"""E-mail an edition: one multipart/alternative message (plain text and HTML) through SMTP.

Standard library only (:mod:`smtplib`, :mod:`email`). The SMTP host is configured by the desk
(``[mail]``), so it is not subject to the private-address refusal for URLs found in content.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from glimpse.digest import Edition, edition_html, edition_markdown
from glimpse.errors import ConfigError, GlimpseError


@dataclass(frozen=True, slots=True)
class MailOptions:
    """``[mail]``: the SMTP server and the edition's envelope.

    Attributes:
        host, port: the SMTP server (port 587 with ``starttls``, 25 without, by convention).
        starttls: upgrade the connection with STARTTLS before logging in.
        username: log in as this user (empty: no login).
        password_env: the environment variable that holds the password.
        from_: the sender (the ``from`` key in glimpse.toml).
        to: recipients, a list or one comma-separated string.
        timeout: seconds for the SMTP conversation.
    """

    host: str = ""
    port: int = 25
    starttls: bool = False
    username: str = ""
    password_env: str = ""
    from_: str = ""
    to: str | list[str] = ""
    timeout: float = 30.0


class MailFailed(GlimpseError):
    """The SMTP server refused the edition or could not be reached."""

    code = "G005"


def recipients(to: str | list[str]) -> list[str]:
    items = to.split(",") if isinstance(to, str) else to
    return [a.strip() for a in items if a.strip()]


def edition_message(edition: Edition, options: MailOptions) -> EmailMessage:
    """The edition as a multipart/alternative message: Markdown text first, then HTML."""
    to = recipients(options.to)
    if not options.from_ or not to:
        raise ConfigError("mail.from and mail.to are needed to send an edition", "[mail]")
    message = EmailMessage()
    message["Subject"] = edition.title
    message["From"] = options.from_
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(edition.made)
    message["Message-ID"] = make_msgid(domain="glimpse.local")
    message.set_content(edition_markdown(edition))
    message.add_alternative(edition_html(edition), subtype="html")
    return message


def send_message(message: EmailMessage, options: MailOptions) -> None:
    """Send ``message`` through ``options.host``; MailFailed when the server refuses it."""
    if not options.host:
        raise ConfigError("mail.host is not set", "[mail]")
    password = os.environ.get(options.password_env, "") if options.password_env else ""
    if options.username and not password:
        raise ConfigError("mail.password_env must name a set environment variable", "[mail]")
    try:
        with smtplib.SMTP(options.host, options.port, timeout=options.timeout) as smtp:
            if options.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if options.username:
                smtp.login(options.username, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailFailed(
            f"could not send the edition: {exc}", f"{options.host}:{options.port}"
        ) from exc
