"""A real SMTP server for the tests: aiosmtpd on a loopback port, writing each
message it accepts to a Maildir-style folder (one file per message). An
optional delay per message, with messages taken one at a time, lets a test
kill Mailroom mid-delivery.

usage: smtp_sink.py PORT FOLDER [DELAY_SECONDS]
"""
import asyncio
import os
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay
        self.one_at_a_time = asyncio.Lock()
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            async with self.one_at_a_time:
                await asyncio.sleep(self.delay)
                return self.store(envelope)
        return self.store(envelope)

    def store(self, envelope):
        name = f"{time.time():.6f}.{uuid.uuid4().hex}"
        temp = os.path.join(self.folder, "tmp", name)
        with open(temp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(temp, os.path.join(self.folder, "new", name))
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    folder = sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(MaildirHandler(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
