"""An aiosmtpd handler that refuses every recipient: the tests' SMTP server that says no."""


class Refuse:
    @classmethod
    def from_cli(cls, parser, *args):
        return cls()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 Mailbox unavailable"
